"""Public reports in wordings and layouts the earlier shape tests do not cover (session 6, round 5; figures
and names changed).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from jixiao_audit.audit.engine import run_audit

from tests.prose_factory import prose_reports
from tests.shape_files import messages as _messages
from tests.shape_files import serious as _serious

# ------------------------------------------------------------------ Sichuan 恩阳 2024: "…关于…自评的报告", 较YYYY年


def _sicheng(fall="7.94", project="500.00"):
    """巴中市恩阳区司城街道办事处关于2024年部门整体支出绩效自评的报告 (scey.gov.cn/zwgk/zdlyxxgk/czzj/czzjsy/
    11742522.html): a title worded as a letter (unit 关于 year … 自评的报告), figures with thousands separators
    and a space before 万元 ("总收入1,657.57 万元"), last year named by its year ("较2023年总收入1,800.46 万元
    减少…"); headings from the page, later figures ours."""
    return prose_reports(
        "巴中市恩阳区司城街道办事处关于2024年部门整体支出绩效自评的报告",
        "一、部门概况",
        "（三）人员概况",
        "2024年实有在职职工52人，编制53人，在编在职49人，退休3人。",
        "二、部门财政资金收支情况",
        "（一）部门财政资金收入情况",
        f"司城街道办事处整体预算2024年总收入1,657.57 万元，较2023年总收入1,800.46 万元减少142.89万元，下降{fall}%。",
        "（二）部门财政资金支出情况",
        f"2024年总支出1,657.57 万元，其中：基本支出1,157.57 万元，项目支出{project} 万元。",
        "四、评价结论及建议",
        "经自评，2024年部门整体支出绩效自评得分为95分，等级为优。",
    )


def test_letter_worded_title_is_a_department_report():
    (r,) = _sicheng()
    assert (r.kind, r.form, r.year, r.department) == ("department", "prose", 2024, "巴中市恩阳区司城街道办事处")
    assert (r.self_score, r.grade) == (D(95), "优")
    assert not _serious(run_audit([r]).findings)


def test_change_against_a_named_year_is_checked():
    # 142.89 ÷ 1,800.46 = 7.94 %: the base is the figure after 较2023年, not the year's own total plus the fall
    findings = run_audit(_sicheng(fall="7.49")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)


def test_spending_parts_with_thousands_separators_are_added():
    findings = run_audit(_sicheng(project="400.00")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)


@pytest.mark.parametrize(
    ("title", "kind", "unit"),
    [
        ("某县民政局关于2023年度部门整体支出绩效自评情况的报告", "department", "某县民政局"),
        ("某县教育局关于2023年度学生资助项目支出绩效自评情况的报告", "project", "某县教育局"),
        ("关于2023年度学生资助项目绩效自评的报告", "project", None),
    ],
)
def test_letter_worded_titles_of_either_kind(title, kind, unit):
    (r,) = prose_reports(title, "一、基本情况", "2023年预算数100万元，执行数95万元，执行率95%。")
    assert (r.kind, r.year, r.department) == (kind, 2023, unit)
