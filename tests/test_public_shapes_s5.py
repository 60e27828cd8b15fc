"""Public reports in wordings and layouts the earlier shape tests do not cover (session 5; figures changed).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from corpus.render_families import LEFT, UP
from tests.shape_files import errors as _errors
from tests.shape_files import read_and_audit as _read
from tests.shape_files import save_form as _save


def _rules(findings, severity=None):
    return {f.rule for f in findings if severity is None or f.severity == severity}


# ------------------------------------------------------------------ Yunnan 2020 export: ﹦ as 指标性质

LIJIANG = [
    ["2020年度项目支出绩效自评表", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["项目名称", "2020年省级自然资源卫片执法补助经费", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    [
        "主管部门",
        "某市自然资源和规划局",
        LEFT,
        LEFT,
        LEFT,
        "实施单位",
        "某市某区自然资源局",
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        "项目资金\n（万元）",
        "",
        LEFT,
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        LEFT,
    ],
    [UP, "年度资金总额", LEFT, "7.29", "7.29", "7.29", "10.00", "100%", "10.00", LEFT],
    [UP, "其中：当年财政拨款", LEFT, "7.29", "7.29", "7.29", "", "100%", "", LEFT],
    [UP, "上年结转资金", LEFT, "", "", "", "", "", "", LEFT],
    [UP, "其他资金", LEFT, "", "", "", "", "", "", LEFT],
    ["年度\n总体\n目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT, LEFT],
    [
        UP,
        "完成卫片执法检查，按时拨付补助经费。",
        LEFT,
        LEFT,
        LEFT,
        "完成卫片执法检查，补助经费全部拨付。",
        LEFT,
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        "绩效指标",
        LEFT,
        LEFT,
        "年度指标值",
        LEFT,
        LEFT,
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    ["一级\n指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", UP, UP, UP, UP],
    ["产出指标", "数量指标", "卫片执法补助经费", "﹦", "72890", "元", "72890", "10.00", "10.00", ""],
    [UP, "质量指标", "项目验收合格率", "﹦", "100", "%", "100", "20", "20", ""],
    [UP, "时效指标", "项目完成及时率", "﹦", "100", "%", "100", "20.00", "20.00", ""],
    ["效益指标", "社会效益指标", "违法行为责停率", "≥", "95", "%", "95", "30.00", "30.00", ""],
    ["满意度指标", "服务对象满意度指标", "满意度", "≥", "95", "%", "95", "10.00", "10.00", ""],
    ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100.00", "100.00", LEFT],
]


def _lijiang(tmp_path, grid):
    """丽江市古城区 2020年省级自然资源卫片执法补助经费 项目支出绩效自评表 (reposted at
    m.jjiadianqingjie.com.cn/changyong/13241.html): the title as the table's first row, 年度指标值 over
    指标性质 | 指标值 | 度量单位, and 指标性质 printed as the small equals sign ﹦ (U+FE66) the export uses."""
    return _read(_save(tmp_path, "lijiang.docx", [], grid))


def test_small_equals_sign_is_an_equals_target(tmp_path):
    reports, findings = _lijiang(tmp_path, LIJIANG)
    (r,) = reports
    assert (r.form, r.kind, r.year, r.department, r.supervisor) == (
        "national",
        "project",
        2020,
        "某市某区自然资源局",
        "某市自然资源和规划局",
    )
    assert [i.nature for i in r.indicators] == ["=", "=", "=", "≥", "≥"]
    assert (r.indicators[0].target, r.indicators[0].unit) == ("72890", "元")
    assert (r.score_total_max, r.self_score) == (D(100), D(100))
    assert not [f for f in findings if f.severity in ("error", "warning")], [f.message for f in findings]


def test_met_equals_targets_scored_below_full_are_found(tmp_path):
    """The published form gave 9 of 10, 19 of 20 … on targets met exactly: each a deduction to explain."""
    grid = [row[:] for row in LIJIANG]
    grid[12] = [*grid[12][:7], "10.00", "9.00", ""]
    grid[13] = [*grid[13][:7], "20", "19", ""]
    grid[-1] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100.00", "98.00", LEFT]
    _, findings = _lijiang(tmp_path, grid)
    deducted = {f.message.split("」")[0] for f in findings if f.rule == "R323"}
    assert deducted == {"指标「卫片执法补助经费", "指标「项目验收合格率"}, [f.message for f in findings]
    assert not _errors(findings), [f.message for f in findings]


@pytest.mark.parametrize("sign, nature", [("≧", "≥"), ("⩾", "≥"), ("≦", "≤"), ("⩽", "≤"), ("﹦", "=")])
def test_operator_variants_typed_by_input_methods(sign, nature):
    """≧ ≦ (GBK), ⩾ ⩽ and ﹦ stand where the template prints ≥ ≤ =."""
    from jixiao_audit.normalize.families.table_form import split_target

    assert split_target(f"{sign}95%") == (nature, "95", "%")


# ------------------------------------------------------------------ Hunan county prose: 完成支出 as its own sentence


def _nanxian(income="2602.28", basic="1903.67", share="73.21"):
    """南县财政局 2024年部门整体支出绩效自评报告 (nxjw.nanxian.gov.cn/14890/36191/36192/36209/content_2045703.html):
    a title naming no department, the income sentence "机关各项收入合计…。其中，一般公共预算财政拨款收入…，
    占99.30%；其他收入…", then the spending as a sentence of its own, "完成支出…。其中，基本支出…，占…；
    项目支出…" (figures changed so spending stays within income)."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "2024年部门整体支出绩效自评报告",
        "一、基本情况",
        f"（一）部门整体支出概况。2024年，某县财政局机关各项收入合计{income}万元。其中，一般公共预算财政拨款收入"
        "2584.01万元，占99.30%；其他收入18.27万元，占0.70%。",
        f"完成支出2600.24万元。其中，基本支出{basic}万元，占{share}%；项目支出696.57万元，占26.79%。",
        "三、主要绩效及评价结论",
        "经自评，2024年度部门整体支出绩效自评得分为95分，等级为优。",
    )


def test_spending_sentence_of_its_own_states_the_total():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _nanxian()
    assert (r.kind, r.form, r.year, r.self_score, r.grade) == ("department", "prose", 2024, D(95), "优")
    stated = {s.concept: s.value for s in r.statements if s.unit == "万元"}
    assert stated["income.total"] == D("2602.28") and stated["expenditure.total"] == D("2600.24")
    assert (r.income[0].total, r.expenditure[0].total) == (D("2602.28"), D("2600.24"))
    assert not _errors(run_audit([r]).findings)


def test_spending_parts_that_do_not_add_up_are_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_nanxian(basic="1913.67", share="73.60")).findings  # 1913.67 + 696.57 = 2610.24
    assert [f.rule for f in _errors(findings)] == ["N207"], [f.message for f in findings]
    assert "2610.24" in _errors(findings)[0].message


def test_income_share_that_does_not_match_is_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_nanxian(income="2612.28")).findings  # 2584.01 / 2612.28 = 98.92 %, not 99.30
    assert any(f.rule == "N202" and "98.92%" in f.message for f in _errors(findings)), [
        f.message for f in findings
    ]


def test_agency_wording_of_a_department_report():
    """南县财政局2020年度 机关整体支出绩效评价报告 (nxjw.nanxian.gov.cn/…/content_1639681.html): 机关整体支出
    for 部门整体支出, the score first, under 一、自评得分情况: "…开展了绩效评价，综合评分为97分"."""
    from tests.prose_factory import prose_reports

    (r,) = prose_reports(
        "某县财政局2020年度",
        "机关整体支出绩效评价报告",
        "一、自评得分情况",
        "按照部门整体支出绩效评价指标体系，对某县财政局2020年度机关整体支出开展了绩效评价，综合评分为97分。",
        "二、单位基本概况",
    )
    assert (r.kind, r.department, r.year, r.self_score) == ("department", "某县财政局", 2020, D(97))


# ------------------------------------------------------------------ 2017 得分表: points in the labels, one 得分 column

SCORE_SHEET_2017 = [
    ["一级指标", "二级指标", "三级指标", "得分"],
    ["部门决策（25分）", "目标任务（15分）", "相关性（5分）", "5"],
    [UP, UP, "明确性（5分）", "5"],
    [UP, UP, "合理性（5分）", "5"],
    [UP, "预算编制（10分）", "测算依据（5分）", "2"],
    [UP, UP, "目标管理（5分）", "4"],
    ["综合管理（30分）", "专项资金分配时限（2分）", "省级财力专项预算分配时限（1分）", "1"],
    [UP, UP, "中央专款分配合规（1分）", "1"],
    [UP, "预算执行（28分）", "预算完成率（10分）", "9"],
    [UP, UP, "结转结余率（8分）", "8"],
    [UP, UP, "三公经费控制率（10分）", "10"],
    ["绩效（45分）", "履职效果（35分）", "部门履职目标实现（35分）", "33"],
    [UP, "社会效益（10分）", "服务对象满意度（10分）", "10"],
    ["总分（100分）", LEFT, LEFT, "93"],
]


def _score_sheet(tmp_path, grid, stated="93"):
    """2017年部门整体支出绩效评价得分表 (reposted at wanglu.net/thread/t12-491155-4.html): a county report's
    sentences ("本部门对2017年整体支出开展绩效自评，自评得分90分") then the score sheet 一级指标 | 二级指标 |
    三级指标 | 得分, each item's points only in its label (部门决策（25分）, 相关性（5分）), no 分值 column."""
    before = [
        "某县某局2017年部门整体支出绩效自评报告",
        "一、部门基本情况",
        f"按照预算绩效管理要求，本部门对2017年整体支出开展绩效自评，自评得分{stated}分。",
        "2017年部门整体支出绩效评价得分表",
    ]
    return _read(_save(tmp_path, "score_sheet.docx", before, grid))


def test_score_sheet_with_points_in_labels_is_read(tmp_path):
    reports, findings = _score_sheet(tmp_path, SCORE_SHEET_2017)
    (r,) = reports
    assert (r.kind, r.year, r.department, r.self_score) == ("department", 2017, "某县某局", D(93))
    items = {i.level3: i for i in r.score_items}
    assert len(items) == 12
    assert (items["测算依据（5分）"].max_points, items["测算依据（5分）"].self_points) == (D(5), D(2))
    assert items["部门履职目标实现（35分）"].max_points == D(35)
    assert (r.score_total_max, r.score_total_self) == (D(100), D(93))
    assert not _errors(findings), [f.message for f in findings]


def test_score_sheet_item_above_its_label_points_is_found(tmp_path):
    grid = [row[:] for row in SCORE_SHEET_2017]
    grid[4] = [UP, "预算编制（10分）", "测算依据（5分）", "6"]  # 6 of 5; the items now add up to 97
    grid[-1] = ["总分（100分）", LEFT, LEFT, "97"]
    _, findings = _score_sheet(tmp_path, grid)
    errors = {f.rule: f.message for f in _errors(findings)}
    assert set(errors) == {"R303", "R301", "R302"}, [f.message for f in findings]  # R302: the text's 93
    assert "测算依据" in errors["R303"] and "93" in errors["R301"]


# ------------------------------------------------------------------ numbered "1、收入：…万元" lines


def _numbered_lines(personnel="434.89"):
    """南县政协 部门整体支出绩效评价报告 (www.hnnxzx.com/a/webbase/div-css/2022/0415/1230.html): the totals
    as numbered label lines, "1、收入：792.22万元。同比上年度增加189.25万元，增加31.39%。其中：财政拨款收入…"
    and "2、支出：799.12万元。其中：人员经费支出…，公用经费支出…，项目支出…" (the figure after the colon)."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "某县政协2021年度部门整体支出绩效评价报告",
        "一、基本情况",
        "（一）部门整体支出概况。",
        "2021年部门决算收支完成情况。",
        "1、收入：792.22万元。同比上年度增加189.25万元，增加31.39%。其中：财政拨款收入792.22万元，"
        "同比上年度增加209.28万元，增加35.9%。",
        f"2、支出：799.12万元。其中：人员经费支出{personnel}万元，公用经费支出77.4万元，项目支出286.83万元。",
        "三、评价结论",
        "经自评，本部门整体支出绩效评价得分为92分，等级为优。",
    )


def test_totals_after_a_label_and_colon_are_read():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _numbered_lines()
    assert (r.income[0].total, r.expenditure[0].total) == (D("792.22"), D("799.12"))
    assert (r.self_score, r.grade) == (D(92), "优")
    findings = run_audit([r]).findings
    assert not _errors(findings), [f.message for f in findings]
    # spending above income with no 结余 stated: the reviewer asks where the 6.90 came from
    assert [f.rule for f in findings if f.severity == "warning"] == ["A108"]


def test_parts_of_a_labelled_total_that_do_not_add_up_are_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_numbered_lines(personnel="444.89")).findings
    (n207,) = [f for f in _errors(findings) if f.rule == "N207"]
    assert "809.12" in n207.message and "支出：799.12万元" in n207.message


# ------------------------------------------------------------------ Hebei 2019: the 2019 template's 指标1/指标2/…… slots

LANGFANG = [
    ["项目名称", "办公宿舍楼、食堂及餐厅暖通改造经费", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["主管部门", "某市发改委", LEFT, LEFT, "实施单位", "某市食品工程学校", LEFT, LEFT, LEFT],
    [
        "项目资金\n（万元）",
        "",
        "年初\n预算数",
        "全年\n预算数",
        "全年\n执行数",
        "分值",
        "执行率",
        "得分",
        LEFT,
    ],
    [UP, "年度资金总额", "43.2", "43.2", "37.24", "10", "86%", "9", LEFT],
    [UP, "其中：当年财政拨款", "43.2", "43.2", "37.24", "", "", "", LEFT],
    [UP, "      上年结转资金", "", "", "", "", "", "", LEFT],
    [UP, "  其他资金", "", "", "", "", "", "", LEFT],
    ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
    [UP, "43.2", LEFT, LEFT, LEFT, "37.24", LEFT, LEFT, LEFT],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度\n指标值",
        "实际\n完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    [
        UP,
        "产出指标",
        "数量指标",
        "指标1工程资金金额",
        "43.2",
        "37.24",
        "10",
        "9",
        "已完工，剩余3%尾款未付，且最高限价低于预算金额。提高预算准确度。",
    ],
    [UP, UP, UP, "指标2", "", "", "", "", ""],
    [UP, UP, UP, "……", "", "", "", "", ""],
    [UP, UP, "质量指标", "指标1工程完工率", "100", "100", "10", "10", ""],
    [UP, UP, UP, "指标2工程验收合格率", "100", "100", "10", "10", ""],
    [UP, UP, "时效指标", "指标1项目完成及时率", "100", "100", "10", "10", ""],
    [UP, UP, "成本指标", "指标1成本控制率", "100", "100", "10", "10", ""],
    [UP, "效益指标", "经济效益\n指标", "指标1安全率", "100", "100", "10", "10", "0"],
    [UP, UP, "社会效益\n指标", "指标1学校发展能力", "100", "100", "10", "10", "0"],
    [UP, UP, "可持续影响\n指标", "指标1长期使用性", "100", "100", "10", "10", ""],
    [UP, "满意度\n指标", "服务对象满意度指标", "指标1学生满意度", "100", "100", "10", "10", "0"],
    ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "98", LEFT],
]


def _langfang(tmp_path, grid):
    """廊坊市食品工程学校 项目支出绩效自评表（2019年度） (www.lfsp.cn/newsinfo/1158053.html): the 2019
    template's header cells broken over two lines (年初\\n预算数, 年度\\n指标值), its 指标1/指标2/…… slots
    kept in the 三级指标 column (filled ones as 指标1工程完工率, spare ones left blank), the 年度总体目标 given
    as the two amounts, and a title line that lost its bracket ("2019年度)")."""
    return _read(_save(tmp_path, "langfang.docx", ["附件1", "项目支出绩效自评表", "2019年度)"], grid))


def test_hebei_2019_form_reads_its_split_headers_and_slots(tmp_path):
    reports, findings = _langfang(tmp_path, LANGFANG)
    (r,) = reports
    assert (r.form, r.kind, r.year, r.project_name, r.department) == (
        "national",
        "project",
        2019,
        "办公宿舍楼、食堂及餐厅暖通改造经费",
        "某市食品工程学校",
    )
    total = r.budget_lines[0]
    assert (total.initial, total.adjusted, total.executed, total.rate, total.points) == (
        D("43.2"),
        D("43.2"),
        D("37.24"),
        D(86),
        D(9),
    )
    filled = [i for i in r.indicators if i.max_points is not None]
    assert len(filled) == 9 and filled[0].name == "指标1工程资金金额" and filled[0].points == D(9)
    # 9 of 10 for 86.2 % execution is 8.62 rounded to the whole points shown: no finding
    assert not _errors(findings), [f.message for f in findings]
    # the spare slots (指标2, ……) are reported once as unfilled template rows, never scored as 0
    (slots,) = [f for f in findings if f.severity == "warning"]
    assert slots.rule == "C523" and slots.message.startswith("绩效指标第 2、3 行未填写（指标2、……）")


def test_hebei_2019_form_rate_and_points_mistakes_are_found(tmp_path):
    grid = [row[:] for row in LANGFANG]
    grid[3] = [UP, "年度资金总额", "43.2", "43.2", "37.24", "10", "96%", "9", LEFT]  # 37.24 / 43.2 = 86.2 %
    grid[13] = [UP, UP, "质量指标", "指标1工程完工率", "100", "100", "10", "12", ""]  # 12 of 10
    _, findings = _langfang(tmp_path, grid)
    errors = {f.rule: f.message for f in _errors(findings)}
    assert {"A122", "R322"} <= set(errors), [f.message for f in findings]
    assert "86.20%" in errors["A122"] and "工程完工率" in errors["R322"]


def test_hebei_2019_form_total_is_checked_despite_spare_slots(tmp_path):
    """The blank 指标2/…… slots do not stop the 总分 row being added up (9 + 89 = 98, not 99)."""
    grid = [row[:] for row in LANGFANG]
    grid[-1] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "99", LEFT]
    _, findings = _langfang(tmp_path, grid)
    assert [f.rule for f in _errors(findings)] == ["R325"], [f.message for f in findings]


# ------------------------------------------------------------------ Beijing 2016: 得分计算方法 columns, (A)/(B) without 全年预算数

_RULE = "完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。"
HAIDIAN = [
    ["项目名称", "【体制】自管道路清扫保洁外包工作经费", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    [
        "主管部门及代码",
        "北京市某区人民政府某街道办事处",
        LEFT,
        LEFT,
        "实施单位",
        "北京市某区某街道城市运行服务中心",
        LEFT,
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        "项目资金\n（万元）",
        "",
        "年初预算数（A）",
        "全年执行数（B）",
        "分值（10分）",
        "执行率（B/A）",
        "得分",
        "得分计算方法",
        LEFT,
        LEFT,
    ],
    [
        UP,
        "年度资金总额：",
        "310.2",
        "154.74",
        "10",
        "50%",
        "5",
        "执行率*该指标分值，最高不得超过分值上限。",
        LEFT,
        LEFT,
    ],
    [UP, "其中：本年一般公共预算拨款", "310.2", "154.74", "", "", "", UP, LEFT, LEFT],
    [UP, "其他资金", "", "", "", "", "", UP, LEFT, LEFT],
    ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT, LEFT],
    [
        UP,
        "规范自管道路清扫保洁外包经费的使用。",
        LEFT,
        LEFT,
        LEFT,
        "辖区20条道路、4处小广场清扫保洁业务已外包。",
        LEFT,
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "年度指标值（A）",
        "全年实际值（B）",
        "得分计算方法",
        "得分",
        "未完成原因分析",
    ],
    [
        UP,
        "产出指标（50分）",
        "数量指标",
        "是否完成绩效目标申报表中申报的数量",
        "12.5",
        "24处",
        "24处",
        _RULE,
        "12.5",
        "",
    ],
    [
        UP,
        UP,
        "质量指标",
        "是否达到国家或行业标准",
        "12.5",
        "达标",
        "达标",
        "达到记满分，未达到不得分。",
        "12.5",
        "",
    ],
    [UP, UP, "时效指标", "是否按时完成", "12.5", "按时", "按时", "按时完成记满分。", "12.5", ""],
    [UP, UP, "成本指标", "是否控制在预算内", "12.5", "310.2万元", "154.74万元", _RULE, "12.5", ""],
    [
        UP,
        "效果指标（30分）",
        "社会效益指标",
        "环境卫生改善",
        "30",
        "明显改善",
        "明显改善",
        "达到记满分。",
        "30",
        "",
    ],
    [UP, "满意度（10分）", "服务对象满意度指标", "居民满意度", "10", "≥90%", "95%", _RULE, "10", ""],
    ["总分", LEFT, LEFT, LEFT, "100", LEFT, LEFT, LEFT, "95", ""],
]


def _haidian(tmp_path, grid):
    """北京市海淀区学院路街道 项目支出绩效自评表（2016年度） (www.wenku365.com/s-60761775.html): 主管部门及代码;
    年初预算数（A） | 全年执行数（B） | 分值（10分） | 执行率（B/A） | 得分 | 得分计算方法 with no 全年预算数; the
    indicator table's 分值 before 年度指标值（A） | 全年实际值（B）, then a 得分计算方法 column of text before 得分."""
    return _read(_save(tmp_path, "haidian.docx", ["项目支出绩效自评表", "（2016年度）"], grid))


def test_scoring_method_columns_are_not_the_points(tmp_path):
    reports, findings = _haidian(tmp_path, HAIDIAN)
    (r,) = reports
    assert (r.form, r.year, r.project_name, r.department) == (
        "national",
        2016,
        "【体制】自管道路清扫保洁外包工作经费",
        "北京市某区某街道城市运行服务中心",
    )
    total = r.budget_lines[0]
    assert (total.initial, total.adjusted, total.executed, total.rate, total.points) == (
        D("310.2"),
        None,
        D("154.74"),
        D(50),
        D(5),
    )
    assert [i.points for i in r.indicators] == [D("12.5")] * 4 + [D(30), D(10)]
    assert not [f for f in findings if f.severity in ("error", "warning")], [f.message for f in findings]


def test_cost_target_written_as_a_bare_amount_is_a_ceiling(tmp_path):
    """成本指标 "是否控制在预算内" 310.2万元 against 154.74万元 spent: met (≤), not missed."""
    reports, _ = _haidian(tmp_path, HAIDIAN)
    cost = {i.name: i for i in reports[0].indicators}["是否控制在预算内"]
    assert (cost.nature, cost.target, cost.unit) == ("≤", "310.2", "万元")


def test_beijing_2016_inflated_scores_are_found(tmp_path):
    grid = [row[:] for row in HAIDIAN]
    grid[3] = [*grid[3][:6], "10", *grid[3][7:]]  # 10 points for 49.88 % execution
    grid[14] = [
        UP,
        "满意度（10分）",
        "服务对象满意度指标",
        "居民满意度",
        "10",
        "≥90%",
        "85%",
        _RULE,
        "10",
        "",
    ]
    grid[-1] = ["总分", LEFT, LEFT, LEFT, "100", LEFT, LEFT, LEFT, "100", ""]
    _, findings = _haidian(tmp_path, grid)
    errors = {f.rule: f.message for f in _errors(findings)}
    assert set(errors) == {"R321", "R322"}, [f.message for f in findings]
    assert "4.99" in errors["R321"] and "居民满意度" in errors["R322"]


# ------------------------------------------------------------------ Guangdong: a project report's cover lines


def _suixi(rate="90"):
    """遂溪县水务局 附件3 项目支出绩效自评报告 (m.lifeandworkafterretirement.com/bmxxgk/swj/gzdt/content/post_1757660.html):
    cover lines 项目名称： / 评价年度：2022 / 预算部门单位（公章）：… / 填报日期：2023年4月25日 (the year stated
    only by 评价年度, the date a year later), then the report's sections."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "附件3",
        "项目支出绩效自评报告",
        "项目名称：某县某水库等13宗水库除险加固工程",
        "评价年度：2022",
        "预算部门单位（公章）：某县水务局",
        "填报日期：2023年4月25日",
        "一、基本情况",
        "（一）项目概况",
        f"该项目年初预算1200万元，全年预算数1350万元，实际支出1215万元，预算执行率{rate}%。",
        "三、自评结论",
        "经自评，该项目自评得分88分，自评等级为良。",
    )


def test_guangdong_project_cover_names_year_and_budget_unit():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _suixi()
    assert (r.kind, r.year, r.project_name, r.department, r.report_date) == (
        "project",
        2022,
        "某县某水库等13宗水库除险加固工程",
        "某县水务局",
        "2023-04-25",
    )
    assert r.source("year").raw == "评价年度：2022"
    assert (r.funds.planned.total, r.funds.spent.total, r.self_score, r.grade) == (
        D(1350),
        D(1215),
        D(88),
        "良",
    )
    assert not _errors(run_audit([r]).findings)


def test_guangdong_project_wrong_rate_is_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_suixi(rate="95")).findings  # 1215 / 1350 = 90 %
    assert [f.rule for f in _errors(findings)] == ["N209"], [f.message for f in findings]


# ------------------------------------------------------------------ Shanghai 2022: 财政项目支出绩效自评表 in 元

PUTUO = [
    ["项目名称", "某体育中心与委托运营方结算费用", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["主管部门", "上海市某区体育局", LEFT, LEFT, "实施单位", "上海市某区体育事业管理中心", LEFT, LEFT, LEFT],
    ["项目资金\n（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", LEFT],
    [UP, "年度资金总额", "250000.00", "250000.00", "215,457.6", "10", "86.19%", "8.62", LEFT],
    [UP, "其中：当年财政拨款", "250000.00", "250000.00", "215457.6", "—", "", "—", LEFT],
    [UP, "上年结转资金", "0", "0", "", "—", "", "—", LEFT],
    [UP, "其他资金", "0", "0", "", "—", "", "—", LEFT],
    ["年度\n总体\n目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
    [
        UP,
        "完成体育中心与委托运营方费用结算。",
        LEFT,
        LEFT,
        LEFT,
        "已完成体育中心与委托运营方费用结算。",
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        "绩\n效\n指\n标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度\n指标值",
        "实际\n完成值",
        "分值",
        "得分",
        "偏差原因分析及\n改进措施",
    ],
    [UP, "产出指标", "数量指标", "与委托运营方结算完成率", "=100%", "100%", "10", "10", ""],
    [UP, UP, "质量指标", "合同结算条款完成率", "=100%", "100%", "20", "20", ""],
    [UP, UP, "时效指标", "费用结算及时性", "及时", "及时", "20", "20", ""],
    [UP, "效益指标", "社会效益指标", "与委托运营方合同完成率", "=100%", "100%", "30", "30", ""],
    [UP, "满意度指标", "服务对象满意度指标", "场馆开放满意度", ">=90%", "100%", "10", "10", ""],
    ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "98.62", LEFT],
]


def _putuo(tmp_path, grid):
    """上海市普陀区体育事业管理中心 2022年度项目自评价 (pdf.chddh.cn/archives/48n5zg2zkkjxn27q6rjv.html): titled
    财政项目支出绩效自评表（2022年度）, 项目资金（元） with thousands separators (215,457.6), 执行率 86.19% printed
    for 86.18 (one unit of the last digit: rounding, not an error), targets as =100% and >=90%."""
    return _read(_save(tmp_path, "putuo.docx", ["财政项目支出绩效自评表", "（2022年度）"], grid))


def test_shanghai_form_in_yuan_is_read_in_wan(tmp_path):
    reports, findings = _putuo(tmp_path, PUTUO)
    (r,) = reports
    assert (r.form, r.year, r.department, r.supervisor, r.self_score) == (
        "national",
        2022,
        "上海市某区体育事业管理中心",
        "上海市某区体育局",
        D("98.62"),
    )
    total = r.budget_lines[0]
    assert (total.adjusted, total.executed, total.points) == (D(25), D("21.54576"), D("8.62"))
    assert [i.nature for i in r.indicators] == ["=", "=", "定性", "=", "≥"]
    assert not [f for f in findings if f.severity in ("error", "warning")], [f.message for f in findings]


def test_shanghai_form_full_budget_points_for_86_percent_are_found(tmp_path):
    grid = [row[:] for row in PUTUO]
    grid[3] = [*grid[3][:7], "10", LEFT]
    grid[-1] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "100", LEFT]
    _, findings = _putuo(tmp_path, grid)
    assert [f.rule for f in _errors(findings)] == ["R321"], [f.message for f in findings]


# ------------------------------------------------------------------ Guangdong: the unit after the year in the title


@pytest.mark.parametrize(
    "title, unit",
    [
        ("2021年某市发展和改革局整体支出绩效自评报告", "某市发展和改革局"),
        ("2021年度某县教育局部门整体支出绩效自评报告", "某县教育局"),
        ("2024年部门整体支出绩效自评报告", None),
    ],
)
def test_department_named_after_the_year_in_the_title(title, unit):
    """2021年茂名市发展和改革局部门整体支出绩效自评报告.pdf (www.kunmingchi.com/archives/vzpngm2097m5n2ywqbkd.html),
    whose first line reads "2021 年茂名市发展和改革局整体支出 绩效自评报告": the year first, then the unit, then
    整体支出; a title with no unit (南县财政局's "2024年部门整体支出绩效自评报告") names none."""
    from tests.prose_factory import prose_reports

    (r,) = prose_reports(
        title,
        "一、部门基本情况",
        "2021年收入合计2345.67万元，支出合计2300.12万元。",
        "四、自评结论",
        "经自评，2021年度整体支出绩效自评得分为93.5分，评价等级为优。",
    )
    assert (r.kind, r.department, r.self_score, r.grade) == ("department", unit, D("93.5"), "优")


# ------------------------------------------------------------------ 项目自评表 with no 分值 column (预算数（A） | 执行数（B）)

SHANGWU = [
    [
        "项目名称",
        "2020年市级服务贸易发展资金",
        LEFT,
        "主管部门",
        "区商务局",
        "项目实施单位",
        "区投资促进中心",
    ],
    [
        "项目类别",
        "1、部门预算项目☑  2、区直专项□",
        LEFT,
        "项目属性",
        "1、持续性项目□  2、新增性项目☑",
        LEFT,
        LEFT,
    ],
    ["项目类型", "1、常年性项目□  2、延续性项目□  3、一次性项目☑", LEFT, LEFT, LEFT, LEFT, LEFT],
    [
        "预算执行情况（万元）（20分）",
        "年度财政资金总额",
        "预算数（A）",
        "执行数（B）",
        "执行率（B/A）",
        "得分（20分*执行率）",
        LEFT,
    ],
    [UP, UP, "285.84", "285.84", "100%", "20", LEFT],
    [
        "年度绩效目标（80分）",
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值（A）",
        "实际完成值（B）",
        "得分",
    ],
    [UP, "产出指标（50分）", "数量指标", "服务外包在岸（万美元）", "20000", "23333.56", "10"],
    [UP, UP, UP, "服务外包离岸（万美元）", "4500", "4557.51", "10"],
    [UP, UP, UP, "支持服务贸易、服务外包企业数量", "3", "3", "10"],
    [UP, UP, "质量指标", "企业国际质量提升", "获得目的国（地区）受众欢迎", "受目的国受众欢迎显著", "10"],
    [UP, UP, "时效指标", "资金拨付及时性", "98%以上", "100%", "10"],
    [
        UP,
        "效益指标（30分）",
        "社会效益指标",
        "企业把握政治导向和文化方向情况",
        "企业较好把握正确政治导向和文化方向",
        "企业把握正确政治导向和文化方向",
        "15",
    ],
    [
        UP,
        UP,
        "可持续影响指标",
        "推动企业走出去方面发挥的作用",
        "有利于推动企业走出去",
        "有利于推动企业走出去",
        "15",
    ],
    ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100"],
    ["偏差大或目标未完成原因分析", "无", LEFT, LEFT, LEFT, LEFT, LEFT],
    ["改进措施及结果应用方案", "无", LEFT, LEFT, LEFT, LEFT, LEFT],
    ["单位主要负责人签批意见", "签名：          年  月  日", LEFT, LEFT, LEFT, LEFT, LEFT],
]


def _shangwu(tmp_path, grid):
    """2020年市级服务贸易发展资金项目自评表 (www.kunmingchi.com/archives/973rxnk2je7n4oep6ym4.html): "单位名称：区商务局
    填报日期：2021年4月22日" on one line, 项目类别/项目属性/项目类型 tick rows, 预算执行情况（万元）（20分） with
    预算数（A） | 执行数（B） | 执行率（B/A） | 得分（20分*执行率）, then 年度绩效目标（80分） over 年初目标值（A） |
    实际完成值（B） | 得分 with no 分值 column, targets like "98%以上", and a 总分 row whose one figure is the score."""
    before = ["2020年市级服务贸易发展资金项目自评表", "单位名称：区商务局          填报日期：2021年4月22日"]
    return _read(_save(tmp_path, "shangwu.docx", before, grid))


def test_form_without_max_points_reads_its_total_as_the_score(tmp_path):
    reports, findings = _shangwu(tmp_path, SHANGWU)
    (r,) = reports
    assert (r.form, r.year, r.department, r.report_date) == ("hubei", 2020, "区商务局", "2021-04-22")
    assert (r.score_total_max, r.score_total_self, r.self_score) == (None, D(100), D(100))
    timely = {i.name: i for i in r.indicators}["资金拨付及时性"]
    assert (timely.nature, timely.target, timely.unit) == ("≥", "98", "%")
    assert not _errors(findings), [f.message for f in findings]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("98%以上", ("≥", "98", "%")),
        ("3天以内", ("≤", "3", "天")),
        ("5%及以下", ("≤", "5", "%")),
        ("100%", ("=", "100", "%")),
    ],
)
def test_direction_written_after_the_figure(text, expected):
    from jixiao_audit.normalize.families.table_form import split_target

    assert split_target(text) == expected


def test_form_without_max_points_budget_score_and_total_are_checked(tmp_path):
    grid = [row[:] for row in SHANGWU]
    grid[4] = [UP, UP, "285.84", "257.26", "90%", "20", LEFT]  # 20 × 90 % = 18
    grid[-4] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "95"]  # 20 + 80 = 100
    _, findings = _shangwu(tmp_path, grid)
    assert {f.rule for f in _errors(findings)} == {"R321", "R325"}, [f.message for f in findings]


# ------------------------------------------------------------------ 2017 项目 评分表 with optional (可选项) items

PROJECT_SHEET_2017 = [
    ["一级指标", "二级指标", "三级指标", "分值", "得分"],
    ["共性指标（30分）项目决策（10分）", "科学决策", "必要性（政策依据）", "5", "5"],
    [UP, UP, "可行性（政策完善）", "5", "5"],
    ["项目管理（20分）", "绩效目标", "明确性", "5", "5"],
    [UP, UP, "合理性", "5", "5"],
    [UP, "资金管理", "资金分配", "3", "3"],
    [UP, UP, "资金使用", "4", "4"],
    [UP, "项目执行", "执行规范", "3", "2"],
    ["特性指标（70分）项目绩效（20分）", "项目完成", "完成数量", "5", "5"],
    [UP, UP, "完成质量", "5", "4"],
    [UP, UP, "完成时效", "5", "5"],
    [UP, UP, "完成成本", "5", "5"],
    ["项目效益（50分）", "经济效益（可选项）", LEFT, "40", ""],
    [UP, "社会效益（可选项）", LEFT, "40", "38"],
    [UP, "生态效益（可选项）", LEFT, "", ""],
    [UP, "可持续效益（可选项）", LEFT, "", ""],
    [UP, "服务对象满意度", LEFT, "10", "10"],
    ["总分", LEFT, LEFT, "100", "96"],
]


def _project_sheet(tmp_path, grid):
    """A 2017 county 项目 评分表 (reposted with the 得分表 above, wanglu.net/thread/t12-491155-4.html): 共性指标/
    特性指标 over 项目决策, 项目管理, 项目绩效, 项目效益; the 项目效益 items marked 可选项 (经济/社会/生态/可持续
    效益), the unit scoring the one it chose and leaving the other 40-point option blank."""
    before = [
        "某县某局2017年度某专项资金项目支出绩效自评报告",
        "一、项目概况",
        "该项目经自评，自评得分96分。",
        "项目支出绩效评价评分表",
    ]
    return _read(_save(tmp_path, "project_sheet.docx", before, grid))


def test_unchosen_optional_item_is_not_part_of_the_full_score(tmp_path):
    reports, findings = _project_sheet(tmp_path, PROJECT_SHEET_2017)
    (r,) = reports
    assert (r.kind, r.self_score, r.score_total_max, r.score_total_self) == ("project", D(96), D(100), D(96))
    assert not _errors(findings), [f.message for f in findings]


def test_optional_item_scored_above_its_points_is_found(tmp_path):
    grid = [row[:] for row in PROJECT_SHEET_2017]
    grid[13] = [UP, "社会效益（可选项）", LEFT, "40", "42"]
    _, findings = _project_sheet(tmp_path, grid)
    assert {f.rule for f in _errors(findings)} == {"R303", "R301"}, [f.message for f in findings]


# ------------------------------------------------------------------ the same forms printed to PDF


@pytest.mark.soffice
@pytest.mark.slow
def test_pdf_of_each_shape_reads_as_its_word_file(tmp_path):
    """Counties publish these forms as PDF as often as Word: LibreOffice's PDF of each reads the same."""
    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.legacy import convert_with_soffice
    from jixiao_audit.normalize import to_reports

    cases = {
        "haidian": (["项目支出绩效自评表", "（2016年度）"], HAIDIAN),
        "lijiang": ([], LIJIANG),
        "langfang": (["附件1", "项目支出绩效自评表", "2019年度)"], LANGFANG),
        "shangwu": (
            ["2020年市级服务贸易发展资金项目自评表", "单位名称：区商务局          填报日期：2021年4月22日"],
            SHANGWU,
        ),
        "putuo": (["财政项目支出绩效自评表", "（2022年度）"], PUTUO),
    }
    for name, (before, grid) in cases.items():
        docx = _save(tmp_path, f"{name}.docx", before, grid)
        pdf = convert_with_soffice(docx, tmp_path / f"work_{name}", "pdf")
        (from_word,) = to_reports(read_document(docx))
        (from_pdf,) = to_reports(read_document(pdf))
        assert from_pdf.values() == from_word.values(), name


# ------------------------------------------------------------------ “三公”经费 sentences: 因公出国(境)费 and its 其中 list


def _three_public(total="24.62"):
    """桃江县 2019年度“三公”经费 (taojiang.gov.cn/26631/26632/content_2001885.html): "实际支出“三公经费”决算为
    22.62万元。其中公务接待费为20.10万元，占88.86%；公务用车运行维护费为2.52万元，占11.14%", with the
    因公出国(境) item as other county reports word it (hlx.gov.cn/zfxxgk/fdzdgknr/czxx/sgjf/1571070720929275906.html,
    2018: "其中：因公出国(境)支出0万元"): a short bracket inside the label, before the figure."""
    from tests.prose_factory import prose_department

    return prose_department(
        f"（三）“三公”经费。2023年实际支出“三公经费”决算为{total}万元。其中公务接待费为20.10万元，占81.64%；"
        "公务用车运行维护费为2.52万元，占10.24%；因公出国(境)费为2万元，占8.12%。"
    )


def test_overseas_item_with_its_bracket_is_read():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _three_public()
    stated = {s.concept: s.value for s in r.statements if s.unit == "万元"}
    assert stated == {
        "three_public.total": D("24.62"),
        "three_public.reception": D("20.10"),
        "three_public.vehicle_operation": D("2.52"),
        "three_public.overseas": D(2),
    }
    assert not _errors(run_audit([r]).findings)


def test_three_public_parts_above_their_total_are_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_three_public(total="23.62")).findings  # parts 24.62
    assert "N207" in {f.rule for f in _errors(findings)}, [f.message for f in findings]


# ------------------------------------------------------------------ a department's 预算执行率 in its own sentence


@pytest.mark.parametrize("rate, rules", [("96.92", []), ("97.92", ["N209"])])
def test_department_execution_rate_is_its_spending_over_its_budget(rate, rules):
    """部门整体支出绩效自评报告 state the year's 预算执行率 beside the budget and the spending (南县政协,
    www.hnnxzx.com/a/webbase/div-css/2022/0415/1230.html: "2、支出：799.12万元"; 南县财政局 "完成支出…"): the
    department's 总支出 is the 执行数, unless a 其中 list makes the rate one project's."""
    from jixiao_audit.audit.engine import run_audit

    from tests.prose_factory import prose_department

    reports = prose_department(
        f"年初预算安排2980万元，全年预算调整为3300万元，全年总支出3198.45万元，预算执行率{rate}%。",
        "全年总支出3198.45万元，其中某项目预算100万元，执行率95%。",
    )
    assert [f.rule for f in _errors(run_audit(reports).findings)] == rules
