"""Public reports in wordings and layouts the earlier shape tests do not cover (session 6, round 6; figures
and names changed where marked).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

from jixiao_audit.audit.engine import run_audit

from tests.prose_factory import prose_reports
from tests.shape_files import messages as _messages
from tests.shape_files import serious as _serious

# ------------------------------------------------------------------ Yunnan 昌宁 2023: 资金总额 … 拨付使用 … 执行率


def _changning(spent="16.20", rate="100"):
    """昌宁县第一示范小学2023年度项目支出绩效自评报告 (yncn.gov.cn/info/4112/9026410.htm): the project named on
    a second title line in brackets, the conclusion first (一、自评结论 / （一）自评得分 "自评得分100分，自评结果为
    “优秀”"), and the money in one sentence: "项目财政资金总额16.20万元，全部为县级配套资金，拨付使用16.20万元，
    预算执行率100%"; the spent figure of the planted copies ours."""
    return prose_reports(
        "昌宁县第一示范小学2023年度项目支出绩效自评报告",
        "（教育专项工作经费）",
        "一、自评结论",
        "（一）自评得分",
        "通过项目绩效自评小组的全方位评价，我校教育专项工作经费项目自评得分100分，自评结果为“优秀”。",
        "（二）绩效目标完成情况",
        "1. 执行率情况。",
        f"2023年度我校教育专项工作经费项目财政资金总额16.20万元，全部为县级配套资金，拨付使用{spent}万元，"
        f"预算执行率{rate}%。",
        "2. 完成的绩效目标。",
        "（1）产出指标",
        "①数量指标：2023年，我校收到教育专项工作经费资金16.20万元。",
        "②时效指标：教育专项工作经费资金到位率为100%。",
        "（3）满意度指标（服务对象满意度指标）：学校满意度大于年度指标值≥95%。",
        "3. 未完成的绩效目标。",
        "无。",
    )


def test_conclusion_first_project_report_reads_its_money():
    (r,) = _changning()
    assert (r.kind, r.form, r.year, r.department) == ("project", "prose", 2023, "昌宁县第一示范小学")
    assert (r.self_score, r.grade) == (D(100), "优秀")
    # 资金总额 is the project's budget, 拨付使用 its spending
    assert (r.funds.planned.total, r.funds.spent.total) == (D("16.20"), D("16.20"))
    assert not _serious(run_audit([r]).findings)


def test_rate_against_total_and_amount_paid_out_is_checked():
    # 15.60 ÷ 16.20 = 96.30 %: a stated 90 % is wrong, the right rate is clean
    findings = run_audit(_changning(spent="15.60", rate="90")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)
    assert not _serious(run_audit(_changning(spent="15.60", rate="96.30")).findings)
