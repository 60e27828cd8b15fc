"""Public reports in wordings and layouts the earlier shape tests do not cover (session 5, round 2; figures
and names changed).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from corpus.render_families import LEFT, UP
from tests.shape_files import errors as _errors
from tests.shape_files import messages as _messages
from tests.shape_files import pad as _pad
from tests.shape_files import read_and_audit as _read
from tests.shape_files import save_form as _save

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


# ------------------------------------------------------------------ Guizhou 2021: 部门整体支出绩效自评表, 资金来源 rows

_RULE = "完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。"
_CAP = "执行率*该指标分值，最高不得超过分值上限。"
TAIBAI = _pad(
    [
        ["单位（盖章）：某县某镇人民政府", LEFT, LEFT, LEFT, LEFT, "填报日期：2022年2月3日"],
        ["部门（单位）名称", "某县某镇人民政府"],
        [
            "部门（单位）总体\n资金（万元）",
            "资 金 来 源",
            LEFT,
            "年初预算数（A）",
            "全年执行数（B）",
            "分值（10分）",
            "得分",
            "得分计算方法",
        ],
        [UP, "年度资金总额：", LEFT, "1172.55", "1268.72", "10", "10", _CAP],
        [UP, "基本支出", LEFT, "985.19", "914.97", UP, UP, UP],
        [UP, "项目支出", LEFT, "187.36", "353.75", UP, UP, UP],
        [UP, "其他", LEFT, "", "", UP, UP, UP],
        ["年度总体目标", "年初设定目标", LEFT, LEFT, LEFT, "年度总体目标完成情况"],
        [
            UP,
            "（1）制定和组织实施经济、科技和社会发展计划。（2）完成上级政府交办的其它事项。",
            LEFT,
            LEFT,
            LEFT,
            "（1）积极履职，强化管理，较好地完成本年工作任务。（2）完成上级政府交办的其它事项。",
        ],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值（A）",
            "全年实际值（B）",
            "分值",
            "得分计算方法",
            "得分",
            "未完成原因分析",
        ],
        [UP, "产出指标（50分）", "数量指标", "保障在职人员数", "42人", "42人", "15", _RULE, "15", ""],
        [UP, UP, "质量指标", "财政收入任务完成率", "≥100%", "100%", "15", _RULE, "15", ""],
        [UP, UP, "时效指标", "工作任务完成及时率", "100%", "100%", "10", _RULE, "10", ""],
        [UP, UP, "成本指标", "“三公”经费控制数", "≤15万元", "12.6万元", "10", _RULE, "10", ""],
        [
            UP,
            "效益指标（30分）",
            "社会效益指标",
            "群众办事便利程度",
            "明显提升",
            "明显提升",
            "30",
            "达到记满分。",
            "30",
            "",
        ],
        [UP, "满意度指标（10分）", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", _RULE, "10", ""],
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", LEFT, "100", ""],
    ],
    10,
)


def _taibai(tmp_path, grid):
    """绥阳县太白镇人民政府 部门整体支出绩效自评表（2021年度） (www.suiyang.gov.cn/xzjd_5682378/tbz_5682388/
    zfxxgk_5682340/fdzdgknr_5682343/czyjs_5865203/202208/t20220824_76240024.html): 单位（盖章） and 填报日期 over
    the form, 部门（单位）总体资金（万元） by 资金来源 (年度资金总额 = 基本支出 + 项目支出) in 年初预算数（A） |
    全年执行数（B） with one 分值（10分） | 得分 | 得分计算方法 for the block, spending above the budget (108 %),
    年初设定目标 | 年度总体目标完成情况, and 年度指标值（A） | 全年实际值（B） | 分值 | 得分计算方法 | 得分."""
    return _read(_save(tmp_path, "taibai.docx", ["部门整体支出绩效自评表", "（2021年度）"], grid))


def test_department_form_by_source_of_funds_is_read(tmp_path):
    reports, findings = _taibai(tmp_path, TAIBAI)
    (r,) = reports
    assert (r.form, r.kind, r.year, r.department, r.report_date) == (
        "national",
        "department",
        2021,
        "某县某镇人民政府",
        "2022-02-03",
    )
    assert [(b.item.rstrip("："), b.initial, b.executed) for b in r.budget_lines] == [
        ("年度资金总额", D("1172.55"), D("1268.72")),
        ("基本支出", D("985.19"), D("914.97")),
        ("项目支出", D("187.36"), D("353.75")),
    ]
    # the block's one 分值 | 得分, merged down beside the source rows, is the total's alone
    assert [(b.max_points, b.points) for b in r.budget_lines] == [(D(10), D(10)), (None, None), (None, None)]
    assert r.goals.expected.startswith("（1）制定") and r.goals.actual.startswith("（1）积极履职")
    assert [i.points for i in r.indicators] == [D(15), D(15), D(10), D(10), D(30), D(10)]
    assert (r.score_total_max, r.self_score) == (D(100), D(100))
    assert not [f for f in findings if f.severity in ("error", "warning")], _messages(findings)


def test_sources_of_funds_that_do_not_add_up_are_found(tmp_path):
    grid = [row[:] for row in TAIBAI]
    grid[4] = [UP, "基本支出", LEFT, "985.19", "924.97", UP, UP, UP, LEFT, LEFT]  # 924.97 + 353.75 = 1278.72
    _, findings = _taibai(tmp_path, grid)
    assert any("1278.72" in f.message for f in _errors(findings)), _messages(findings)


def test_budget_points_above_the_execution_rate_are_found(tmp_path):
    grid = [row[:] for row in TAIBAI]
    grid[3] = [
        UP,
        "年度资金总额：",
        LEFT,
        "1172.55",
        "820.79",
        "10",
        "10",
        _CAP,
        LEFT,
        LEFT,
    ]  # 70 %: 7 points
    grid[4] = [UP, "基本支出", LEFT, "985.19", "633.43", UP, UP, UP, LEFT, LEFT]
    grid[5] = [UP, "项目支出", LEFT, "187.36", "187.36", UP, UP, UP, LEFT, LEFT]
    _, findings = _taibai(tmp_path, grid)
    assert [f.rule for f in _errors(findings)] == ["R321"], _messages(findings)


# ------------------------------------------------------------------ Sichuan 2023: coded project, empty source rows at 0.00%

DAYING_BUDGET = [  # item, 年初预算, 调整后预算数, 预算执行数, 预算执行率, 权重, 得分, 原因
    ("总额", "0.00", "3.36", "3.36", "100.00%", "10", "10", ""),
    ("其中:财政资金", "0.00", "3.36", "3.36", "100.00%", "/", "/", ""),
    ("财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", ""),
    ("单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", ""),
    ("其他资金", "", "", "", "", "/", "/", ""),
]
DAYING_INDICATORS = [
    ("产出指标", "数量指标", "足额保障率", "=", "100", "%", "100%", "22.5", "22.5", ""),
    ("^", "^", "科目调整次数", "≤", "10", "次", "2次", "22.5", "22.5", ""),
    ("^", "时效指标", "按时发放率", "=", "100", "%", "100%", "22.5", "22.5", ""),
    (
        "效益指标",
        "经济效益指标",
        "结余率（计算方法为：结余数/预算数）",
        "≤",
        "5",
        "%",
        "0%",
        "22.5",
        "22.5",
        "",
    ),
]
DAYING_NAMES = ("51092324T000010263357-2023年全县安可替代补助资金项目", "某县司法局部门", "某县司法局")


def _daying(tmp_path, budget=DAYING_BUDGET, indicators=DAYING_INDICATORS, total=("100", "100")):
    """四川 部门预算项目支出绩效自评表（2023年度） as 大英县司法局 and 青神县发展和改革局 published it
    (dyxrmt.cn/article-157795-21.html, dyrmt.com/article-132779-22.html, www.scqs.gov.cn/info/13206/211004.htm):
    项目名称 "<项目编码>-<名称>", 年初预算 0.00 under an adjusted 3.36, 财政专户管理资金 and 单位资金 printed
    0.00 | 0.00 | 0.00 | 0.00%, four indicators weighted 22.5, one named with its formula in brackets."""
    from corpus.render_families import sichuan_docx

    path = sichuan_docx(
        tmp_path / "daying.docx",
        year=2023,
        budget=budget,
        indicators=indicators,
        total=total,
        names=DAYING_NAMES,
    )
    return _read(path)


def test_sichuan_empty_source_rows_are_not_shortfalls(tmp_path):
    reports, findings = _daying(tmp_path)
    (r,) = reports
    assert (r.form, r.year, r.project_name, r.department) == (
        "sichuan",
        2023,
        "2023年全县安可替代补助资金项目",
        "某县司法局",
    )
    total = r.budget_lines[0]
    assert (total.initial, total.adjusted, total.executed, total.points) == (
        D(0),
        D("3.36"),
        D("3.36"),
        D(10),
    )
    assert [i.max_points for i in r.indicators] == [D("22.5")] * 4
    assert r.indicators[3].name == "结余率（计算方法为：结余数/预算数）"
    assert (r.score_total_max, r.self_score) == (D(100), D(100))
    assert not [f for f in findings if f.severity in ("error", "warning")], _messages(findings)


def test_sichuan_source_row_spent_short_without_a_reason_is_found(tmp_path):
    budget = [row for row in DAYING_BUDGET]
    budget[0] = ("总额", "0.00", "5.36", "3.36", "62.69%", "10", "6.27", "")
    budget[3] = ("单位资金", "0.00", "2.00", "0.00", "0.00%", "/", "/", "")
    _, findings = _daying(tmp_path, budget=budget, total=("100", "96.27"))
    assert {f.message.split("」")[0] for f in findings if f.rule == "C521"} == {"「总额", "「单位资金"}, (
        _messages(findings)
    )


def test_sichuan_weighted_score_above_its_weight_is_found(tmp_path):
    indicators = [row for row in DAYING_INDICATORS]
    indicators[1] = ("^", "^", "科目调整次数", "≤", "10", "次", "2次", "22.5", "25", "")
    _, findings = _daying(tmp_path, indicators=indicators, total=("100", "102.5"))
    assert any("科目调整次数" in f.message for f in _errors(findings)), _messages(findings)


# ------------------------------------------------------------------ the same forms printed to PDF


@pytest.mark.soffice
@pytest.mark.slow
def test_pdf_of_each_form_reads_as_its_word_file(tmp_path):
    """LibreOffice's PDF of the Guizhou form (merged 分值 | 得分 beside the source rows) and of the Sichuan
    form reads as the Word file does."""
    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.legacy import convert_with_soffice
    from jixiao_audit.normalize import to_reports

    from corpus.render_families import sichuan_docx

    docs = {
        "taibai": _save(tmp_path, "taibai.docx", ["部门整体支出绩效自评表", "（2021年度）"], TAIBAI),
        "daying": sichuan_docx(
            tmp_path / "daying.docx",
            year=2023,
            budget=DAYING_BUDGET,
            indicators=DAYING_INDICATORS,
            total=("100", "100"),
            names=DAYING_NAMES,
        ),
    }
    for name, docx in docs.items():
        pdf = convert_with_soffice(docx, tmp_path / f"work_{name}", "pdf")
        (from_word,) = to_reports(read_document(docx))
        (from_pdf,) = to_reports(read_document(pdf))
        assert from_pdf.values() == from_word.values(), name


# ------------------------------------------------------------------ Sichuan 2020: 项目支出绩效自评报告 with 资金计划


def _daying_2020(tmp_path, rate="98"):
    """大英县 2020年 双心及文明城市创建专项资金 项目支出绩效自评报告 (dyxrmt.cn/article-147197-19.html): the
    report template's "（二）资金计划、到位及使用情况" with 资金计划 before the amount, an indicator table of
    指标值 | 实施进度 ("已完成100%") with no 分值 or 得分 (figures changed)."""
    return _read(
        _save(
            tmp_path,
            "daying2020.docx",
            [
                "某县市场监督管理局2020年度文明城市创建专项资金项目支出绩效自评报告",
                "一、项目概况",
                "2.项目绩效目标",
            ],
            [
                ["一级指标", "二级指标", "三级指标", "指标值", "实施进度"],
                ["产出指标", "数量指标", "宣传次数", "至少全年完成2次宣传", "已完成100%"],
                [UP, "成本指标", "成本", "12.5万元", "已完成100%"],
                ["满意度指标", "满意度指标", "群众满意度", "90%", "已完成100%"],
            ],
            [
                "二、项目资金申报及使用情况",
                "（二）资金计划、到位及使用情况。",
                f"项目资金计划12.50万元，实际到位资金12.50万元，实际支出12.25万元，资金执行率{rate}%。",
                "三、项目绩效情况",
                "经自评，该项目自评得分96分，评价等级为优。",
            ],
        )
    )


def test_funds_plan_worded_plan_first_is_the_planned_total(tmp_path):
    reports, findings = _daying_2020(tmp_path)
    (r,) = reports
    assert (r.kind, r.year, r.department, r.self_score, r.grade) == (
        "project",
        2020,
        "某县市场监督管理局",
        D(96),
        "优",
    )
    assert (r.funds.planned.total, r.funds.arrived.total, r.funds.spent.total) == (
        D("12.50"),
        D("12.50"),
        D("12.25"),
    )
    assert not _errors(findings), _messages(findings)


def test_wrong_rate_under_funds_plan_is_found(tmp_path):
    _, findings = _daying_2020(tmp_path, rate="90")
    assert [f.rule for f in _errors(findings)] == ["N209"], _messages(findings)
