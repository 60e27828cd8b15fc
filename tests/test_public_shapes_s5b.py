"""Public reports in wordings and layouts the earlier shape tests do not cover (session 5, round 2; figures
and names changed).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from corpus.render_families import LEFT, UP
from tests.shape_files import read_and_audit as _read
from tests.shape_files import save_form as _save


def _errors(findings):
    return [f for f in findings if f.severity == "error"]


def _messages(findings):
    return [f"{f.rule} {f.severity} {f.message}" for f in findings]


def _pad(grid, width):
    return [row + [LEFT] * (width - len(row)) for row in grid]


# ------------------------------------------------------------------ "<code>-<name>" cells of budget-system exports


def test_name_starting_with_a_year_range_is_not_a_code():
    from jixiao_audit.normalize.text import split_coded_name

    assert split_coded_name("2023-2025年高标准农田建设项目") == (None, "2023-2025年高标准农田建设项目")
    assert split_coded_name("51092324T000010263357-2023年全县安可替代补助资金项目") == (
        "51092324T000010263357",
        "2023年全县安可替代补助资金项目",
    )


# ------------------------------------------------------------------ Yunnan 2024: 部门整体支出绩效单位自评报告, staffing in a sentence


def _honghe_department(authorized="15", actual="14", rate="97.77"):
    """红河州数据发展中心2024年度部门整体支出绩效单位自评报告 (www.hh.gov.cn/info/11481/1176502.htm): the
    title's 单位自评报告, staffing as a sentence under 机构设置及人员情况 ("截至2024年12月31日，部门事业编制人数
    15人，年末实有人数14人。较上年度减少7人。"); budget, spending and score figures changed."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "某州数据发展中心2024年度部门整体支出绩效单位自评报告",
        "一、部门基本情况",
        "2.机构设置及人员情况",
        f"截至2024年12月31日，部门事业编制人数{authorized}人，年末实有人数{actual}人。较上年度减少7人。"
        "人员控制在编制以内。",
        f"2024年部门年初预算1200.50万元，全年预算1350.20万元，实际支出1320.10万元，预算执行率{rate}%。",
        "经自评，2024年部门整体支出绩效自评得分91.5分，自评等级为“优”。",
    )


def test_department_staffing_sentence_is_read():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _honghe_department()
    assert (r.kind, r.form, r.year, r.department) == ("department", "prose", 2024, "某州数据发展中心")
    assert (r.staffing.authorized, r.staffing.actual) == (15, 14)
    assert (r.self_score, r.grade) == (D("91.5"), "优")
    assert not [f for f in run_audit([r]).findings if f.severity in ("error", "warning")]


def test_staff_above_establishment_contradicts_the_claim():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_honghe_department(actual="17")).findings
    assert [f.rule for f in findings if f.severity in ("error", "warning")] == ["N206"], _messages(findings)


def test_department_wrong_execution_rate_is_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_honghe_department(rate="99.50")).findings  # 1320.10 / 1350.20 = 97.77 %
    assert [f.rule for f in _errors(findings)] == ["N209"], _messages(findings)


def test_retired_staff_are_not_the_staff():
    """2021年茂名市发展和改革局整体支出绩效自评报告 (www.kunmingchi.com/archives/vzpngm2097m5n2ywqbkd.html):
    "我局实有编制数63人，2021年末在职人数57人、离退休人数94人"."""
    from tests.prose_factory import prose_reports

    (r,) = prose_reports(
        "2021年某市发展和改革局整体支出绩效自评报告",
        "一、部门基本情况",
        "（二）设置机构及人员情况",
        "我局成立于1958年，设17个内设机构。我局实有编制数63人，2021年末在职人数57人、离退休人数94人。",
    )
    assert (r.kind, r.department, r.staffing.authorized, r.staffing.actual) == (
        "department",
        "某市发展和改革局",
        63,
        57,
    )


# ------------------------------------------------------------------ Yunnan 2024: 项目支出绩效单位自评报告, rate apart from the budget

HONGHE_FUNDS = (
    "2024年，某州数据发展中心（以下简称“州数据发展中心”）实施项目共15个（含2023年转列暂付性款项项目5个），"
    "年初批复预算8个项目985万元（含1个年初结转结余项目50万元），调整预算后项目预算861.46万元，年中增加8个项目"
    "（含2023年转列暂付性款项项目5个），实际到位资金334.67万元。"
)


def _honghe_projects(rate):
    """红河州数据发展中心2024年度项目支出绩效单位自评报告 (www.hh.gov.cn/info/11481/1179592.htm): one report
    for the unit's projects, 年初批复预算 then 调整预算后项目预算 then 实际到位资金 in the opening sentence (as
    published, 8 + 8 projects for a stated 15), the spending and its 执行率 sections later."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "某州数据发展中心2024年度项目支出绩效单位自评报告",
        "一、基本情况",
        HONGHE_FUNDS,
        "二、绩效评价工作开展情况",
        f"全年项目实际支出320.15万元，预算执行率为{rate}%。经自评，项目支出绩效自评得分为92分，评价等级为优。",
    )


@pytest.mark.parametrize("rate", ["95.66", "37.16"])  # spent ÷ 到位资金, spent ÷ 调整后预算
def test_unit_project_report_reads_adjusted_budget_and_rate(rate):
    from jixiao_audit.audit.engine import run_audit

    (r,) = _honghe_projects(rate)
    assert (r.kind, r.form, r.year, r.department, r.self_score, r.grade) == (
        "project",
        "prose",
        2024,
        "某州数据发展中心",
        D(92),
        "优",
    )
    assert (r.funds.planned.total, r.funds.arrived.total, r.funds.spent.total) == (
        D("861.46"),
        D("334.67"),
        D("320.15"),
    )
    findings = run_audit([r]).findings
    assert not _errors(findings), _messages(findings)
    # the published count: 8 at the start of the year and 8 added, for a stated 15
    assert [f.rule for f in findings if f.severity == "warning"] == ["N208"], _messages(findings)


def test_rate_stated_apart_from_its_budget_is_checked():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_honghe_projects("90.00")).findings
    assert [f.rule for f in _errors(findings)] == ["N209"], _messages(findings)
    assert "95.66%" in _errors(findings)[0].message


def test_item_rate_apart_from_the_budget_is_not_the_reports():
    """A later paragraph's figure for one of the unit's projects is not the report's total: left alone."""
    from jixiao_audit.audit.engine import run_audit
    from tests.prose_factory import prose_reports

    reports = prose_reports(
        "某州数据发展中心2024年度项目支出绩效单位自评报告",
        "一、基本情况",
        HONGHE_FUNDS,
        "全年项目实际支出320.15万元。",
        "（1）展厅运维经费：实际支出40.00万元，执行率为80%。",
    )
    assert not _errors(run_audit(reports).findings)
