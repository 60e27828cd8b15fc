"""Public reports in wordings and layouts the earlier shape tests do not cover (session 6, round 4; figures
and names changed).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from corpus.render_families import LEFT, UP
from tests.shape_files import messages as _messages
from tests.shape_files import pad as _pad
from tests.shape_files import read_and_audit as _read
from tests.shape_files import save_form as _save
from tests.shape_files import serious as _serious


def _edited(grid, **rows):
    """A copy of the grid with rows replaced (r<index>=row)."""
    copy = [row[:] for row in grid]
    for key, row in rows.items():
        copy[int(key[1:])] = _pad([row], len(grid[0]))[0]
    return copy


# ------------------------------------------------------------------ Hunan 衡山 2020: 县级专项资金绩效目标自评表

HENGSHAN = _pad(
    [
        ["专项资金名称", "县级储备粮", LEFT, LEFT, "负责人及电话", "张某、李某", LEFT],
        ["县级主管部门", "某县商务和粮食局", LEFT, LEFT, "实施单位", "粮食调控储备与产业发展股", LEFT],
        ["项目资金（万元）", "", LEFT, LEFT, "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"],
        [UP, "年度资金总额", LEFT, LEFT, "194.9", "194.9", "100%"],
        [UP, "其中：中央、省、市补助县级资金", LEFT, LEFT, "194.9", "194.9", "100%"],
        [UP, "其他资金", LEFT, LEFT, "", "", ""],
        ["年度总体目标", "年初设定目标", LEFT, LEFT, "全年实际完成情况", LEFT, LEFT],
        [UP, "保持和稳定地方粮食储备机制", LEFT, LEFT, "地方储备粮食规模达标", LEFT, LEFT],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值", "未完成原因和改进措施"],
        [UP, "产出指标", "数量指标", "5000吨稻谷、500吨成品粮储备到位率", "100%", "100%", ""],
        [UP, UP, UP, "库存数量真实率", "100%", "100%", ""],
        [UP, UP, "质量指标", "县级储备粮管理制度严格执行率", "100%", "100%", ""],
        [UP, UP, UP, "县级储备粮库存粮食明显变质比例", "0", "0", ""],
        [UP, UP, "时效指标", "县级储备粮贷款付息及时率", "100%", "100%", ""],
        [UP, UP, "成本指标", "国家政策性粮收购价格执行率", "100%", "100%", ""],
        [UP, "效益指标", "经济效益指标", "利息费用保障率", "100%", "100%", ""],
        [UP, UP, UP, "政策性挂账利息补贴保障率", "100%", "无", "没有轮换、动用库存"],
        [UP, UP, "生态效益指标", "低温、低氧、低剂量科学保粮率", "100%", "100%", ""],
        [UP, UP, "可持续影响指标", "粮食储备设备维护及安全性", "高", "高", ""],
        [UP, "满意度指标", "服务对象满意度指标", "因粮食市场波动引起的粮食安全事件发生数", "0起", "0起", ""],
        [UP, UP, UP, "市民满意度调查", "90%", "100%", ""],
        ["说明", "无", LEFT, LEFT, LEFT, LEFT, LEFT],
    ],
    7,
)


def _hengshan(tmp_path, grid):
    """2020年度县级专项资金绩效目标自评表 (衡山县商务和粮食局 县级储备粮, taowenge.com/p-72820237.html):
    专项资金名称 where the national form has 项目名称, 县级主管部门 for 主管部门, 项目资金（万元） as
    全年预算数（A） | 全年执行数（B） | 执行率（B/A） with no 分值/得分 (年度资金总额, 其中：中央、省、市补助县级
    资金, 其他资金), 年初设定目标 | 全年实际完成情况, indicators 年度指标值 | 全年完成值 | 未完成原因和改进措施
    with no scores, and a closing 说明 | 无 row before the 注."""
    return _read(
        _save(
            tmp_path,
            "hengshan.docx",
            ["2020年度县级专项资金绩效目标自评表"],
            grid,
            ["注：1、其他资金包括和中央、省、市补助、地方财政资金共同投入到同一项目的自筹资金、社会资金等。"],
        )
    )


def test_county_special_fund_form_is_read(tmp_path):
    reports, findings = _hengshan(tmp_path, HENGSHAN)
    (r,) = reports
    assert (r.kind, r.form, r.year, r.project_name, r.supervisor, r.department) == (
        "project",
        "national",
        2020,
        "县级储备粮",
        "某县商务和粮食局",
        "粮食调控储备与产业发展股",
    )
    total = r.budget_lines[0]
    assert (total.item, total.adjusted, total.executed, total.rate) == (
        "年度资金总额",
        D("194.9"),
        D("194.9"),
        D(100),
    )
    assert (r.goals.expected, r.goals.actual) == ("保持和稳定地方粮食储备机制", "地方储备粮食规模达标")
    # the closing 说明 | 无 row is no indicator
    assert [i.name for i in r.indicators][-1] == "市民满意度调查" and len(r.indicators) == 12
    assert r.indicators[-1].actual == "100%"
    assert not _serious(findings), _messages(findings)


def test_county_special_fund_form_mistakes_are_found(tmp_path):
    wrong_rate = _edited(
        HENGSHAN,
        r3=[UP, "年度资金总额", LEFT, LEFT, "194.9", "185.2", "100%"],
        r4=[UP, "其中：中央、省、市补助县级资金", LEFT, LEFT, "194.9", "185.2", "95.02%"],
    )
    _, findings = _hengshan(tmp_path, wrong_rate)
    assert [f.rule for f in _serious(findings)] == ["A122"], _messages(findings)
    part_above = _edited(
        HENGSHAN, r4=[UP, "其中：中央、省、市补助县级资金", LEFT, LEFT, "204.9", "194.9", "95.12%"]
    )
    _, findings = _hengshan(tmp_path, part_above)
    assert [f.rule for f in _serious(findings)] == ["A121"], _messages(findings)
    missed = _edited(HENGSHAN, r20=[UP, UP, UP, "市民满意度调查", "90%", "85%", ""])
    _, findings = _hengshan(tmp_path, missed)
    assert [f.rule for f in _serious(findings)] == ["C521"], _messages(findings)


# ------------------------------------------------------------------ Sichuan 中江 2022: 绩效目标自评表, 分值 before the target

ZHONGJIANG = _pad(
    [
        [
            "项目名称",
            "某县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装项目",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            LEFT,
        ],
        ["项目负责人及电话", "谢某 13900000000（办公）", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["主管部门", "某县水利局", LEFT, LEFT, "实施单位", "某县水利局", LEFT, LEFT],
        ["资金情况（万元）", "", LEFT, "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
        [UP, "年度资金总额：", LEFT, "20", "20", "10", "100.00%", "10"],
        [UP, "其中：本年财政拨款", LEFT, "20", "20", "—", "", "—"],
        [UP, "其他资金", LEFT, "", "", "—", "", "—"],
        ["年度总体目标", "年初设定目标", LEFT, LEFT, "年度总体目标完成情况综述", LEFT, LEFT, LEFT],
        [
            UP,
            "对农村地区供水计量设施设备进行改进，对项目区农业用水计量。",
            LEFT,
            LEFT,
            "对项目区农业用水计量，为项目区农业生产夯实基础。",
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
            "年度指标值",
            "全年实际值",
            "得分",
            "未完成原因及拟采取的改进措施",
        ],
        [UP, "产出指标（50分）", "数量指标", "安装坡面水标尺", "10", "≥266米", "≥266米", "10", ""],
        [UP, UP, UP, "水标尺宽度", "5", "≥50厘米", "≥50厘米", "5", ""],
        [UP, UP, "质量指标", "项目（工程）验收合格率", "10", "100%", "100%", "10", ""],
        [UP, UP, "时效指标", "及时（按期）开工率", "5", "≥90%", "≥90%", "5", ""],
        [UP, UP, UP, "及时（按期）完工率", "10", "≥90%", "≥90%", "10", ""],
        [UP, UP, "成本指标", "项目计划总投资", "10", "20万元", "20万元", "10", ""],
        [
            UP,
            "效益指标（30分）",
            "社会效益指标",
            "受益脱贫（含监测对象）户人口数",
            "15",
            "≥1000人",
            "≥1000人",
            "15",
            "",
        ],
        [UP, UP, UP, "群众生产生活条件改善状况", "15", "显著提升", "显著提升", "15", ""],
        [
            UP,
            "满意度指标（10分）",
            "服务对象满意度指标",
            "受益脱贫（含监测对象）户满意度",
            "10",
            "≥95%",
            "≥95%",
            "10",
            "",
        ],
        ["总分", LEFT, LEFT, LEFT, "100", "", "", "100", ""],
    ],
    9,
)


def _zhongjiang(tmp_path, grid):
    """中江县2022年衔接资金实施项目 绩效目标自评表（2022年度） (中江县水利局, chacewang.com/newsdetail/news242266.html):
    项目负责人及电话 on a row of its own, 资金情况（万元） as 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） |
    得分 with no 年初预算数, 年初设定目标 | 年度总体目标完成情况综述, and the indicator table's 分值 BEFORE
    年度指标值 | 全年实际值 | 得分 | 未完成原因及拟采取的改进措施, actuals written like the targets (≥266米).
    As published its 产出指标 carry 70 points, 总分 100 without the budget's 10 (the note asks 50/30/10/10);
    the fixture follows the note so that the clean copy adds up."""
    return _read(_save(tmp_path, "zhongjiang.docx", ["绩效目标自评表", "（2022年度）"], grid))


def test_target_form_with_points_before_targets_is_read(tmp_path):
    reports, findings = _zhongjiang(tmp_path, ZHONGJIANG)
    (r,) = reports
    assert (r.kind, r.form, r.year, r.supervisor, r.department) == (
        "project",
        "national",
        2022,
        "某县水利局",
        "某县水利局",
    )
    total = r.budget_lines[0]
    assert (total.adjusted, total.executed, total.rate, total.max_points, total.points) == (
        D(20),
        D(20),
        D(100),
        D(10),
        D(10),
    )
    assert r.goals.actual == "对项目区农业用水计量，为项目区农业生产夯实基础。"
    width = next(i for i in r.indicators if i.name == "水标尺宽度")
    assert (width.nature, width.target, width.actual, width.max_points, width.points) == (
        "≥",
        "50",
        "≥50厘米",
        D(5),
        D(5),
    )
    assert (r.score_total_max, r.self_score) == (D(100), D(100))
    assert not _serious(findings), _messages(findings)


def test_target_form_score_above_points_and_wrong_rate_are_found(tmp_path):
    above = _edited(ZHONGJIANG, r11=[UP, UP, UP, "水标尺宽度", "5", "≥50厘米", "≥50厘米", "8", ""])
    _, findings = _zhongjiang(tmp_path, above)
    # the 完成值 copies its target, sign included (≥50厘米): met, so at most the item's 5 points
    assert sorted(f.rule for f in _serious(findings)) == ["R322", "R325"], _messages(findings)
    wrong_rate = _edited(ZHONGJIANG, r4=[UP, "年度资金总额：", LEFT, "20", "18", "10", "100.00%", "10"])
    _, findings = _zhongjiang(tmp_path, wrong_rate)
    assert "A122" in {f.rule for f in _serious(findings)}, _messages(findings)


def test_target_form_as_published_with_points_past_its_total_is_found(tmp_path):
    """As published, 中江's 产出指标 carry 70 points (10+10+20+10+10+10), so the items and the budget's 10 make 110
    while the 总分 row says 100/100: the form's own figures disagree, whichever the note meant."""
    grid = _edited(
        ZHONGJIANG,
        r10=[UP, "产出指标（70分）", "数量指标", "安装坡面水标尺", "10", "≥266米", "≥266米", "10", ""],
        r11=[UP, UP, UP, "水标尺宽度", "10", "≥50厘米", "≥50厘米", "10", ""],
        r12=[UP, UP, "质量指标", "项目（工程）验收合格率", "20", "100%", "100%", "20", ""],
        r13=[UP, UP, "时效指标", "及时（按期）开工率", "10", "≥90%", "≥90%", "10", ""],
        r16=[
            UP,
            "效益指标（20分）",
            "社会效益指标",
            "受益脱贫（含监测对象）户人口数",
            "10",
            "≥1000人",
            "≥1000人",
            "10",
            "",
        ],
        r17=[UP, UP, UP, "群众生产生活条件改善状况", "10", "显著提升", "显著提升", "10", ""],
    )
    _, findings = _zhongjiang(tmp_path, grid)
    assert sorted(f.rule for f in _serious(findings)) == ["R324", "R325"], _messages(findings)


# ------------------------------------------------------------------ Hunan 南县 2022: a 计分表 published on its own

NANXIAN_SHEET = [
    ["一级指标", "二级指标", "三级指标", "自评分", "具体指标", "评价标准"],
    [
        "项目决策（20分）",
        "项目目标（4分）",
        "目标内容（4分）",
        "4",
        "设立了项目绩效目标；目标明确；目标细化；目标量化",
        "设有目标（1分）目标明确（1分）目标细化（1分）目标量化（1分）",
    ],
    [
        UP,
        "决策过程（8分）",
        "决策依据（4分）",
        "4",
        "有关法律法规的明确规定；某部门年度工作计划",
        "符合法律法规（1分）符合经济社会发展规划（1分）部门年度工作计划（1分）针对某一实际问题和需求（1分）",
    ],
    [
        UP,
        UP,
        "决策程序（4分）",
        "4",
        "项目符合申报条件；申报、批复程序符合相关管理办法",
        "符合申报条件（2分）项目申报、批复程序符合管理办法（1分）项目调整履行了相应手续（1分）",
    ],
    [
        UP,
        "资金分配（8分）",
        "分配办法（3分）",
        "3",
        "根据需要制定的相关资金管理办法",
        "有相应的资金管理办法（1分）办法健全、规范（1分）因素全面合理（1分）",
    ],
    [
        UP,
        UP,
        "分配结果（5分）",
        "5",
        "资金分配符合相关管理办法；分配结果公平合理",
        "符合分配办法（2分）分配公平合理（3分）",
    ],
    [
        "项目管理（25分）",
        "资金到位（5分）",
        "到位率（3分）",
        "3",
        "实际到位/计划到位×100%",
        "到位率100%得3分，每低1%扣0.1分",
    ],
    [UP, UP, "到位时效（2分）", "2", "资金是否及时到位", "及时到位（2分）"],
    [
        UP,
        "资金管理（10分）",
        "资金使用（7分）",
        "6",
        "是否存在支出依据不合规、虚列项目支出的情况",
        "虚列（套取）扣4-7分，支出依据不合规扣1分",
    ],
    [
        UP,
        UP,
        "财务管理（3分）",
        "3",
        "资金管理、费用支出等制度是否严格执行",
        "财务制度健全（1分）严格执行制度（1分）会计核算规范（1分）",
    ],
    [
        UP,
        "组织实施（10分）",
        "组织机构（1分）",
        "1",
        "机构是否健全、分工是否明确",
        "机构健全、分工明确（1分）",
    ],
    [UP, UP, "管理制度（9分）", "9", "是否建立健全项目管理制度", "建立了管理制度（4分）严格执行（5分）"],
    [
        "项目绩效（55分）",
        "项目产出（15分）",
        "产出数量（5分）",
        "5",
        "项目产出数量是否达到绩效目标",
        "对照绩效目标评价（5分）",
    ],
    [UP, UP, "产出质量（4分）", "4", "项目产出质量是否达到绩效目标", "对照绩效目标评价（4分）"],
    [UP, UP, "产出时效（3分）", "3", "项目产出时效是否达到绩效目标", "对照绩效目标评价（3分）"],
    [UP, UP, "产出成本（3分）", "3", "项目产出成本是否按绩效目标控制", "对照绩效目标评价（3分）"],
    [
        UP,
        "项目效益（40分）",
        "社会效益（10分）",
        "9",
        "项目实施对社会发展所带来的直接或间接影响",
        "对照绩效目标评价（10分）",
    ],
    [UP, UP, "生态效益（10分）", "9", "项目实施对生态环境所带来的直接或间接影响", "对照绩效目标评价（10分）"],
    [UP, UP, "可持续影响（10分）", "9", "项目后续运行及成效发挥的可持续影响", "对照绩效目标评价（10分）"],
    [UP, UP, "服务对象满意度（10分）", "9", "项目预期服务对象对项目实施的满意程度", "满意度90%以上（10分）"],
    ["总分", LEFT, LEFT, "95", "", ""],
]


def _nanxian_sheet(tmp_path, grid):
    """南县民政局2022年项目支出绩效自评指标计分表 (nxjw.nanxian.gov.cn/14890/36191/36261/36265/content_1760532.html):
    the score sheet published alone as 附件2, no report around it; 一级指标 | 二级指标 | 三级指标 | 自评分 | 具体指标 |
    评价标准, every level's points in its label (项目决策（20分）, 目标内容（4分）) and the 评价标准 text full of
    (1分) figures that are no points of the item; rows after 到位率 and the figures filled in by us."""
    return _read(
        _save(tmp_path, "nanxian_sheet.docx", ["附件2", "某县民政局2022年项目支出绩效自评指标计分表"], grid)
    )


def test_score_sheet_alone_is_its_report(tmp_path):
    reports, findings = _nanxian_sheet(tmp_path, NANXIAN_SHEET)
    (r,) = reports
    assert (r.kind, r.year, r.department, r.self_score, r.score_total_self) == (
        "project",
        2022,
        "某县民政局",
        D(95),
        D(95),
    )
    items = {i.level3: i for i in r.score_items}
    assert len(items) == 19
    use = items["资金使用（7分）"]
    assert (use.max_points, use.self_points, use.criteria) == (
        D(7),
        D(6),
        "虚列（套取）扣4-7分，支出依据不合规扣1分",
    )
    assert not _serious(findings), _messages(findings)


def test_score_sheet_alone_mistakes_are_found(tmp_path):
    grid = [row[:] for row in NANXIAN_SHEET]
    grid[8][3], grid[-1][3] = "8", "97"  # 8 of 7 points, the total raised with it
    _, findings = _nanxian_sheet(tmp_path, grid)
    assert [f.rule for f in _serious(findings)] == ["R303"], _messages(findings)
    grid = [row[:] for row in NANXIAN_SHEET]
    grid[-1][3] = "96"  # the items add up to 95
    _, findings = _nanxian_sheet(tmp_path, grid)
    assert [f.rule for f in _serious(findings)] == ["R301"], _messages(findings)


# ------------------------------------------------------------------ Hunan 赫山 2019: staff counted per sub-unit in brackets


def _heshan(basic="5230.10"):
    """益阳市赫山区城市管理和综合执法局 2019年部门整体支出绩效评价报告 (www.hnhs.gov.cn/23247/23297/23780/content_1219000.html):
    the unit on its own line above the title, and under 2.人员编制 the staff as one head count split per
    sub-unit, each with its 在职在编 share in brackets ("现有人员1894人，其中局本级187人（在职在编139人、退休人员
    8人、协管员40人），环卫处1707人（在职在编132人、…）"); the budget sentences and score are ours."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "某市某区城市管理和综合执法局",
        "2019年部门整体支出绩效评价报告",
        "按照绩效评价要求，我局积极组织，对2019年度本单位整体支出进行了绩效自评，现将具体绩效评价情况报告如下：",
        "一、基本情况",
        "2.人员编制",
        "区城管执法局现有人员1894人，其中局本级187人（在职在编139人、退休人员8人、协管员40人），环卫处1707人"
        "（在职在编132人、退休人员148人、临聘人员272人、3个市场化公司聘用人员1155人）。",
        "二、部门整体支出情况",
        "2019年度部门收入合计8560.32万元，其中财政拨款收入8360.32万元，其他收入200万元。"
        f"支出合计8432.15万元，其中基本支出{basic}万元，项目支出3202.05万元。",
        "三、绩效评价结论",
        "经自评，我局2019年度部门整体支出绩效评价得分为92分，等级为优。",
    )


def test_bracketed_sub_unit_staff_is_not_the_unit_staff():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _heshan()
    assert (r.kind, r.year, r.department, r.self_score, r.grade) == (
        "department",
        2019,
        "某市某区城市管理和综合执法局",
        D(92),
        "优",
    )
    # 139 is the 局本级's share only (环卫处 has 132 more): no figure for the unit's own staff
    assert r.staffing.actual is None
    assert (r.income[0].total, r.expenditure[0].total) == (D("8560.32"), D("8432.15"))
    assert not _serious(run_audit([r]).findings)


def test_spending_parts_that_do_not_add_up_under_a_unit_line_are_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_heshan(basic="5330.10")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)


# ------------------------------------------------------------------ Tianjin: 部门整体支出绩效自评表 with a 计算符号 column

TIANJIN = _pad(
    [
        ["部门（单位）名称", "某区民政局", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [UP, "年度资金总额", "1200", "1300", "1235", "10", "95%", "9.5"],
        [UP, "其中：当年财政拨款", "1200", "1300", "1235", "—", "95%", "—"],
        [UP, "上年结转资金", "", "", "", "—", "", "—"],
        [UP, "其他资金", "", "", "", "—", "", "—"],
        ["年度绩效目标", LEFT, LEFT, "实际完成情况", LEFT, LEFT, "偏差原因分析及改进措施", LEFT],
        [
            "保障全区低保对象按时足额领取救助金。",
            LEFT,
            LEFT,
            "全年按时足额发放低保金。",
            LEFT,
            LEFT,
            "",
            LEFT,
        ],
        [
            "指标名称",
            "计算符号",
            "指标值",
            "实际完成值",
            "计量单位",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        ["低保金按时发放率", "≥", "98", "100", "%", "30", "30", ""],
        ["救助对象核查人次", "≥", "5000", "5230", "人次", "30", "30", ""],
        ["人均救助成本", "≤", "1200", "1150", "元", "20", "20", ""],
        ["救助对象满意度", "≥", "90", "95", "%", "10", "10", ""],
        ["总分", LEFT, LEFT, LEFT, LEFT, "100", "99.5", ""],
    ],
    8,
)


def _tianjin(tmp_path, grid):
    """天津 部门整体支出绩效自评表 as a budget system exports it: a vendor's public configuration of its 绩效
    module (pmkpi, export "导出部门整体支出绩效自评表(TJ)", code-index file 54783810023) defines the goal block
    年度绩效目标 | 实际完成情况 | 偏差原因分析及改进措施 and the flat indicator table 指标名称 | 计算符号 | 指标值 |
    实际完成值 | 计量单位 | 分值 | 得分 | 偏差原因分析及改进措施, the sign (≥ ≤ =) in a column of its own; the cover
    and budget block follow the national department form, the figures are ours."""
    return _read(_save(tmp_path, "tianjin.docx", ["部门整体支出绩效自评表", "（2022年度）"], grid))


def test_sign_column_gives_each_target_its_direction(tmp_path):
    reports, findings = _tianjin(tmp_path, TIANJIN)
    (r,) = reports
    assert (r.kind, r.form, r.year, r.department) == ("department", "national", 2022, "某区民政局")
    assert r.goals.expected == "保障全区低保对象按时足额领取救助金。"
    assert [(i.name, i.nature, i.target, i.unit) for i in r.indicators][2] == (
        "人均救助成本",
        "≤",
        "1200",
        "元",
    )
    assert (r.score_total_max, r.self_score) == (D(100), D("99.5"))
    # a cost kept under its ceiling is met: no 偏差原因 owed, full points allowed
    assert not _serious(findings), _messages(findings)


def test_sign_column_ceiling_overrun_scored_full_is_found(tmp_path):
    grid = _edited(TIANJIN, r11=["人均救助成本", "≤", "1200", "1500", "元", "20", "20", ""])
    _, findings = _tianjin(tmp_path, grid)
    assert sorted(f.rule for f in _serious(findings)) == ["C521", "R322"], _messages(findings)


# ------------------------------------------------------------------ Jiangxi 寺下镇 2019: a village road's 工程绩效评价报告


def _road(*extra):
    """关于2019年度高其坑通组道路工程绩效评价报告 (寺下镇 财政预决算, mirrored at
    www.hyht-hotel.com/syxxxgk/czyjsqgnch/202103/64af8e5bd6ae4bdc92eef82d3e3f7a98.shtml): a township's report
    titled by its works (…道路工程绩效评价报告, opening with 关于), the investment in the 项目概况 sentence ("项目
    总投资19万元，通过统筹整合财政涉农资金据实拨付"), the targets as one sentence of ≥ figures."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "关于2019年度高其坑通组道路工程绩效评价报告",
        "一、项目基本情况",
        "（一）项目概况：为解决某村基础设施问题，改善村民生产生活条件。2019年通过统筹整合财政涉农资金项目立项，"
        "实施高其坑通组道路工程，项目总投资19万元，通过统筹整合财政涉农资金据实拨付。",
        "（二）绩效目标：道路硬化≥0.565km；项目（工程）验收合格率≥100%；受益贫困人口满意度≥96%；"
        "受益建档立卡贫困人口数≥23人改善村基础设施，促进经济发展。",
        *extra,
        "三、评价结论和绩效分析",
        "（一）评价结论：该项目能够较为准确的按照年初设定的项目实施目标进行实施，绩效各指标均能高质量完成。",
    )


def test_works_titled_report_is_a_project_report():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _road()
    assert (r.kind, r.form, r.year, r.department) == ("project", "prose", 2019, None)  # 关于 is no unit
    assert r.funds.planned.total == D(19)
    assert not _serious(run_audit([r]).findings)


def test_works_titled_report_wrong_rate_is_found():
    from jixiao_audit.audit.engine import run_audit

    # our sentence in the report's wording: 18.50 / 19 = 97.37 %, never 90 %
    findings = run_audit(_road("（三）资金使用情况：项目实际支出18.50万元，预算执行率90%。")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)


# ------------------------------------------------------------------ Yunnan 龙陵 2019: a village's distance is no road length


def _longling(done="13"):
    """象达镇勐蚌至小米地公路坍方清除项目绩效自评报告 (龙陵县象达镇人民政府, longling.gov.cn/info/8296/2051469.htm):
    the village described first ("地处象达镇西南部，国土面积93.41平方公里，距镇政府所在地40公里"), the funds as
    "上级补助资金实际到位2万元", the work as "维修养护贫困村乡村公路1条，长13公里"; the closing sentence is ours."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "象达镇勐蚌至小米地公路坍方清除项目绩效自评报告",
        "一、项目基本情况",
        "勐蚌村地处象达镇西南部，国土面积93.41平方公里，距镇政府所在地40公里，辖14个村民小组，6个自然村。"
        "2019年末全村总人口410户1672人。",
        "三、项目绩效实现情况",
        "1.项目资金到位情况",
        "上级补助资金实际到位2万元。",
        "2.项目资金使用情况分析",
        "维修养护贫困村乡村公路1条，长13公里，清除道路坍方及道路排水沟多处。",
        f"综上，项目完成公路养护{done}公里，已经完工并投入了使用，项目效益初步显现。",
    )


def test_distance_to_the_township_is_not_the_road_length():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _longling()
    assert (r.kind, r.year, r.funds.arrived.total) == ("project", 2019, D(2))
    # 40公里 to the township and the 13公里 road are two things: no "公里数前后不一"
    assert not _serious(run_audit([r]).findings), _messages(run_audit([r]).findings)


def test_road_length_stated_twice_differently_is_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_longling(done="15")).findings
    (n204,) = _serious(findings)
    assert n204.rule == "N204" and "13公里" in n204.message and "40" not in n204.message, _messages(findings)


# ------------------------------------------------------------------ Hunan 耒阳 2022: a school's 专项资金绩效自评价报告


def _leiyang(local="59.75"):
    """耒阳市第四中学专项资金绩效自评价报告 (m.yzwku.com/doc/556425.html): a title with no year, 自评价 for 自评, the
    budget per head then in total with its sources ("按生均1000元安排，共计239万元，其中上级资金179.25万元，本级
    59.75万元"), the spending under 三、预算支出组织实施情况; names changed."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "某市第四中学专项资金绩效自评价报告",
        "一、基本情况",
        "（一）项目基本概况",
        "我校2022年项目为一个：生均公用经费项目",
        "（二）资金及项目绩效目标",
        f"我校2022年按生均1000元安排，共计239万元，其中上级资金179.25万元，本级{local}万元，项目绩效目标是保证学校的正常运转",
        "三、预算支出组织实施情况",
        "我校2022年财政安排支出共计87.06万元，余款安排下年支出",
        "四、预算支出绩效情况",
        "保证了学校的正常运转",
    )


def test_school_fund_report_without_a_year_in_its_title():
    from jixiao_audit.audit.engine import run_audit

    (r,) = _leiyang()
    # no year in the title: the unit before 专项资金, named as a unit is (…中学), and the year from the text
    assert (r.kind, r.form, r.year, r.department) == ("project", "prose", 2022, "某市第四中学")
    assert not _serious(run_audit([r]).findings)


def test_school_fund_sources_that_do_not_add_up_are_found():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_leiyang(local="69.75")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)


# ------------------------------------------------------------------ Sichuan 旺苍 2020: two reports attached to a 决算


def _wangcang(rate="96"):
    """旺苍县 2020年度部门决算 第四部分 附件 (scgw.gov.cn/Detail.aspx?id=20211015173747681): "以工代赈办部门2020年部门
    整体支出绩效评价报告" (一、部门（单位）概况 … 四、评价结论及建议) then "以工代赈项目2020年绩效评价报告" (一、项目
    概况 … 五、评价结论及建议) in one file: a unit named with the word 部门 after it, a project title with its year
    between 项目 and 绩效; headings from the published contents, sentences and figures ours."""
    from tests.prose_factory import prose_reports

    return prose_reports(
        "以工代赈办部门2020年部门整体支出绩效评价报告",
        "一、部门（单位）概况",
        "某县以工代赈办为县发展改革局所属事业单位。",
        "二、部门财政资金收支情况",
        "2020年部门收入合计612.40万元，其中财政拨款收入612.40万元。支出合计598.20万元，其中基本支出98.20万元，"
        "项目支出500万元。",
        "四、评价结论及建议",
        "经评价，2020年度部门整体支出绩效评价得分为93分，等级为优。",
        "以工代赈项目2020年绩效评价报告",
        "一、项目概况",
        "2020年，某县实施以工代赈项目3个，下达资金500万元，其中中央资金450万元，县级配套50万元。",
        "二、项目资金申报及使用情况",
        f"项目资金到位500万元，实际支出480万元，资金执行率{rate}%。",
        "五、评价结论及建议",
        "经评价，该项目综合得分92分，评价等级为优。",
    )


def test_department_and_project_reports_titled_around_their_year():
    from jixiao_audit.audit.engine import run_audit

    department, project = _wangcang()
    assert (department.kind, department.year, department.department, department.self_score) == (
        "department",
        2020,
        "以工代赈办",
        D(93),
    )
    # the words before the project title's year name the project, never its unit; the unit is the
    # department whose report the file opens with (`normalize.file_unit`)
    assert (project.kind, project.year, project.department, project.self_score) == (
        "project",
        2020,
        "以工代赈办",
        D(92),
    )
    assert not _serious(run_audit([department, project]).findings)


def test_project_rate_under_a_year_inside_title_is_checked():
    from jixiao_audit.audit.engine import run_audit

    findings = run_audit(_wangcang(rate="90")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)


# ------------------------------------------------------------------ Yunnan 决算公开: the forms after the 决算 tables

FINAL_ACCOUNTS_01 = [
    ["收入", LEFT, LEFT, "支出", LEFT, LEFT],
    ["项目", "行次", "金额", "项目（按功能分类）", "行次", "金额"],
    ["栏次", "", "1", "栏次", "", "2"],
    ["一、一般公共预算财政拨款收入", "1", "1250.50", "一、一般公共服务支出", "31", ""],
    ["二、政府性基金预算财政拨款收入", "2", "", "二、农林水支出", "32", "1200.48"],
    ["三、上级补助收入", "3", "", "三、社会保障和就业支出", "33", "96.00"],
    ["四、其他收入", "4", "100.00", "", "", ""],
    ["本年收入合计", "5", "1350.50", "本年支出合计", "34", "1296.48"],
    ["使用非财政拨款结余", "6", "", "结余分配", "35", ""],
    ["年初结转和结余", "7", "", "年末结转和结余", "36", "54.02"],
    ["总计", "8", "1350.50", "总计", "37", "1350.50"],
]


def test_final_accounts_document_yields_only_its_self_evaluation_forms(tmp_path):
    """A Yunnan 部门决算 as published whole (楚雄彝族自治州农村经济经营管理站2021年度部门决算,
    www.amjinshaylc.com/info/2322/38247.htm; 临沧市政务服务管理局2023年度部门决算, bongotimes.com/info/1879/1228354.html):
    the 决算 tables first (公开01表 收入支出决算表 as 大关县天星镇中心卫生院 prints it, 收入 | 支出 side by side with
    行次 and 栏次, wenku.minyifei.cn/archives/p7ymvq4zlrjv2x309rw5.html), then 四、部门绩效自评情况 in words, then
    十四、部门整体支出绩效自评表 and 十五、项目支出绩效自评表. Only the two forms are reports; the 决算 table's
    本年收入合计 is no self-evaluation's income table (a layout already read right)."""
    from docx import Document
    from jixiao_audit.audit.engine import run_audit

    from corpus.render_families import add_grid
    from tests.test_public_shapes_more import CENTRAL_AB, DEPARTMENT_NATIONAL

    doc = Document()
    for text in [
        "某县农业农村局2022年度部门决算",
        "第一部分 部门概况",
        "一、主要职能",
        "某县农业农村局是县政府工作部门。",
        "第二部分 2022年度部门决算表",
        "一、收入支出决算表",
        "公开01表",
        "部门：某县农业农村局    金额单位：万元",
    ]:
        doc.add_paragraph(text)
    add_grid(doc, FINAL_ACCOUNTS_01)
    for text in [
        "第四部分 其他重要事项及相关口径情况说明",
        "四、部门绩效自评情况",
        "（一）部门整体支出绩效自评情况",
        (
            "根据预算绩效管理要求，本部门组织对2022年度一般公共预算项目支出全面开展绩效自评，共涉及资金1296.48万元，"
            "占一般公共预算项目支出总额的100%。"
        ),
        "十四、2022年度部门整体支出绩效自评表",
    ]:
        doc.add_paragraph(text)
    add_grid(doc, DEPARTMENT_NATIONAL)
    doc.add_paragraph("十五、2022年度项目支出绩效自评表")
    add_grid(doc, CENTRAL_AB)
    doc.save(tmp_path / "final_accounts.docx")
    reports, findings = _read(tmp_path / "final_accounts.docx")
    assert [(r.kind, r.form, r.year, r.department, r.project_name) for r in reports] == [
        ("department", "national", 2022, "某县农业农村局", None),
        ("project", "national", 2022, "某县公路事务中心", "农村公路养护补助"),
    ]
    assert not reports[0].income and reports[0].self_score == D("99.6")
    assert not _serious(run_audit(reports).findings), _messages(findings)


# ------------------------------------------------------------------ the same forms printed to PDF


@pytest.mark.soffice
@pytest.mark.slow
def test_pdf_of_each_form_reads_as_its_word_file(tmp_path):
    """LibreOffice's PDF of the 衡山 fund form (merged 绩效指标 column, closing 说明 row), the 中江 form (分值
    before the targets), the 南县 score sheet alone and the Tianjin form (计算符号) reads as the Word file does."""
    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.legacy import convert_with_soffice
    from jixiao_audit.normalize import to_reports

    docs = {
        "hengshan": _save(tmp_path, "hengshan.docx", ["2020年度县级专项资金绩效目标自评表"], HENGSHAN),
        "zhongjiang": _save(tmp_path, "zhongjiang.docx", ["绩效目标自评表", "（2022年度）"], ZHONGJIANG),
        "nanxian": _save(
            tmp_path, "nanxian.docx", ["附件2", "某县民政局2022年项目支出绩效自评指标计分表"], NANXIAN_SHEET
        ),
        "tianjin": _save(tmp_path, "tianjin.docx", ["部门整体支出绩效自评表", "（2022年度）"], TIANJIN),
    }
    for name, docx in docs.items():
        pdf = convert_with_soffice(docx, tmp_path / f"work_{name}", "pdf")
        (from_word,) = to_reports(read_document(docx))
        (from_pdf,) = to_reports(read_document(pdf))
        assert from_pdf.values() == from_word.values(), name
