"""Public TABLE forms in layouts the earlier shape tests do not cover (session 7; figures and names changed
where marked).

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
    """A copy of the grid with rows replaced (r<index>=row, negative as n<index>)."""
    copy = [row[:] for row in grid]
    for key, row in rows.items():
        index = int(key[1:]) if key[0] == "r" else -int(key[1:])
        copy[index] = _pad([row], len(grid[0]))[0]
    return copy


def _rules(findings) -> list[str]:
    return sorted(f.rule for f in _serious(findings))


# ------------------------------------------------------------------ Yunnan 永德 2022: 公开14表 in 元, ═ as 指标性质

YONGDE = _pad(
    [
        ["部门：某县某中学", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "公开14表"],
        ["项目名称", "义务教育营养改善计划专项资金", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["主管部门", "某县教育体育局", LEFT, LEFT, LEFT, "实施单位", "某县某中学", LEFT, LEFT, LEFT],
        [
            "项目资金\n（元）",
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
        [UP, "年度资金总额", LEFT, "", "387664.62", "387664.62", "10", "100%", "10", LEFT],
        [UP, "其中：当年财政\n拨款", LEFT, "", "387664.62", "387664.62", "—", "", "—", LEFT],
        [UP, "上年结转\n资金", LEFT, "", "", "", "—", "", "—", LEFT],
        [UP, "其他资金", LEFT, "", "—", "—", "—", "", "—", LEFT],
        ["年度\n总体\n目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT, LEFT],
        [
            UP,
            "确保每一个学生都能享受到国家政策福利，改善学生体质",
            LEFT,
            LEFT,
            LEFT,
            "确保每一个学生都能享受到国家政策福利，改善学生体质",
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
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", UP, UP, UP, UP],
        ["产出指标", "数量指标", "学生受资助人数", "≧", "735", "人次", "735", "10", "10", ""],
        [UP, "质量指标", "营养改善计划覆盖率", "≧", "100", "%", "100%", "10", "10", ""],
        [UP, "时效指标", "资金到位及时率", "≧", "100", "%", "100%", "10", "10", ""],
        [UP, "成本指标", "生均补助标准达标率", "═", "100", "%", "100%", "10", "10", ""],
        ["效益指标", "经济效益\n指标", "减轻贫困学生家庭经济负担", "", "有效", "", "有效", "10", "10", ""],
        [UP, "社会效益\n指标", "政策知晓率", "═", "100", "%", "100%", "10", "10", ""],
        [UP, "生态效益\n指标", "", "", "", "", "", "", "", ""],
        [UP, "可持续影响\n指标", "促进学校教育事业健康发展", "≧", "100", "%", "100%", "10", "10", ""],
        ["满意度指标", "服务对象满意度指标等", "学生满意度", "≧", "95", "%", "100%", "10", "10", ""],
        [UP, UP, "家长满意度", "≧", "95", "%", "100%", "10", "10", ""],
        ["其他需要说明事项", "无", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100", "100", "优"],
    ],
    10,
)


def _yongde(tmp_path, grid):
    """临沧市永德县明朗中学 2022年度项目支出绩效自评表 (www.yongde.gov.cn/info/3003/116104.htm): the 决算公开's
    公开14表 with "部门：<the school>" and "公开14表" over the form, 项目资金 (元) with no 年初预算数, 其中：当年财政
    拨款 wrapped, 指标性质 printed ≧ and ═ (U+2550, box drawing), a blank 生态效益指标 row, a 其他需要说明事项 | 无
    row before the 总分 row and the grade in the 总分 row's last cell (总分 | 100 | 96 | 优). As published two
    items lose points (时效 7 of 10 met, 政策知晓率 98% of =100 scored 9): the clean copy gives them full marks."""
    return _read(_save(tmp_path, "yongde.docx", ["2022年度项目支出绩效自评表"], grid))


def test_yunnan_public_form_of_a_school_is_read(tmp_path):
    reports, findings = _yongde(tmp_path, YONGDE)
    (r,) = reports
    # 部门：<the school> publishes the form: its 主管部门 row still names the supervisor
    assert (r.kind, r.year, r.project_name, r.supervisor, r.department) == (
        "project",
        2022,
        "义务教育营养改善计划专项资金",
        "某县教育体育局",
        "某县某中学",
    )
    total = r.budget_lines[0]
    assert (total.adjusted, total.executed, total.rate, total.points) == (
        D("38.766462"),
        D("38.766462"),
        D(100),
        D(10),
    )
    # ═ is an equals sign; the 其他需要说明事项 row and the blank 生态效益 row are no indicators
    assert [i.nature for i in r.indicators] == ["≥", "≥", "≥", "=", "定性", "=", "≥", "≥", "≥"]
    assert (r.score_total_max, r.self_score, r.grade) == (D(100), D(100), "优")
    assert not _serious(findings), _messages(findings)


def test_yunnan_public_form_as_published_and_planted_mistakes(tmp_path):
    published = _edited(
        YONGDE,
        r14=[UP, "时效指标", "资金到位及时率", "≧", "100", "%", "100%", "10", "7", ""],
        r17=[UP, "社会效益\n指标", "政策知晓率", "═", "100", "%", "98%", "10", "9", ""],
        n1=["总分", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100", "96", "优"],
    )
    _, findings = _yongde(tmp_path, published)
    # 98% against ═100 is missed (no reason given); 100% against ≧100 is met yet scored 7
    assert _rules(findings) == ["C521", "R323"], _messages(findings)
    wrong_rate = _edited(
        YONGDE, r4=[UP, "年度资金总额", LEFT, "", "387664.62", "348898.16", "10", "100%", "10", LEFT]
    )
    _, findings = _yongde(tmp_path, wrong_rate)
    assert "A122" in _rules(findings), _messages(findings)
    above = _edited(
        YONGDE,
        r20=["满意度指标", "服务对象满意度指标等", "学生满意度", "≧", "95", "%", "100%", "10", "12", ""],
    )
    _, findings = _yongde(tmp_path, above)
    assert _rules(findings) == ["R322", "R325"], _messages(findings)


# ------------------------------------------------------------------ Shandong 历城 2019: goals first, 得分计算方法 last

LICHENG_METHOD = (
    "定量指标计算：完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。\n"
    "定性指标计算：根据“三档”原则分别按照指标分值的100-80%（含80%）、80-50%（含50%）、50-0%来记分。"
)
LICHENG = _pad(
    [
        ["项目名称", "商品和服务支出", LEFT, LEFT, "主管部门", "某区文化和旅游局", LEFT, LEFT, LEFT],
        ["项目实施单位", "某区文化馆", LEFT, LEFT, "项目负责人", "田某", "联系电话", "88800000", LEFT],
        ["年度总体目标", "年初设定目标", LEFT, LEFT, "年度总体目标完成情况综述", LEFT, LEFT, LEFT, LEFT],
        [
            UP,
            "某区文化馆免费开放",
            LEFT,
            LEFT,
            "用于某区文化馆全年免费开放，主要支付招聘合同人员工资，确保全年正常免费开放和群众文化工作开展。",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
        ],
        [
            "项目预算\n执行情况\n（10分）",
            "",
            LEFT,
            "年初预算数（A）",
            "全年执行数（B）",
            "分值",
            "执行率（B/A）",
            "得分",
            "得分计算方法",
        ],
        [
            UP,
            "年度资金总额",
            LEFT,
            "45",
            "45",
            "10",
            "100%",
            "10",
            "执行率*该指标分值，最高不得超过分值上限。",
        ],
        [UP, "其中：财政拨款", LEFT, "45", "45", "-", "-", "-", ""],
        [UP, "      其他资金", LEFT, "", "", "-", "-", "-", ""],
        [
            "一级\n指标",
            "二级\n指标",
            "三级指标",
            "预期指标值（A）",
            "实际完成指标值（B）",
            "分值",
            "得分",
            "未完成原因",
            "得分计算方法",
        ],
        [
            "产出指标\n（50分）",
            "数量指标",
            "全年免费开放",
            "100%",
            "100%",
            "12.5",
            "12.5",
            "",
            LICHENG_METHOD,
        ],
        [UP, UP, "-", "", "", "", "", "", UP],
        [UP, "质量指标", "免费开放管理制度健全、执行有效性", "100%", "100%", "12.5", "12.5", "", UP],
        [UP, UP, "-", "", "", "", "", "", UP],
        [UP, "时效指标", "免费开放率", "100%", "100%", "12.5", "12.5", "", UP],
        [UP, UP, "-", "", "", "", "", "", UP],
        [UP, "成本指标", "实际成本与工作内容的匹配程度", "45万", "45万", "12.5", "12.5", "", UP],
        [UP, UP, "-", "", "", "", "", "", UP],
        [
            "效益指标\n（30分）",
            "经济效益\n指标",
            "承担重要公益服务项目、助推民生事业发展",
            "100%",
            "100%",
            "10",
            "10",
            "",
            UP,
        ],
        [UP, UP, "-", "", "", "", "", "", UP],
        [
            UP,
            "社会效益\n指标",
            "促进基本公共文化服务标准化均等化，保障群众基本文化权益",
            "100%",
            "100%",
            "10",
            "10",
            "",
            UP,
        ],
        [UP, UP, "-", "", "", "", "", "", UP],
        [UP, "可持续影响\n指标", "群众文化活动常态化开展", "长期", "长期", "10", "10", "", UP],
        [UP, UP, "-", "", "", "", "", "", UP],
        ["满意度指标\n（10分）", "服务对象\n满意度指标", "群众满意度", "≥90%", "96%", "10", "10", "", UP],
        [UP, UP, "-", "", "", "", "", "", UP],
        ["总分", LEFT, LEFT, LEFT, LEFT, "100", "100", "", ""],
    ],
    9,
)


def _licheng(tmp_path, grid):
    """济南市历城区文化馆 区级部门预算项目支出绩效自评表（2019年度） (jnslcqwhg.cn/newsinf_id_308.html): "主管部门
    （盖章）：  单位：万元" over the form, 项目实施单位 | 项目负责人 | 联系电话 on one row, 年度总体目标 (年初设定目标 |
    年度总体目标完成情况综述) BEFORE the budget, 项目预算执行情况（10分） as 年初预算数(A) | 全年执行数(B) | 分值 |
    执行率(B/A) | 得分 | 得分计算方法, the indicator table's 预期指标值(A) | 实际完成指标值(B) | 分值 | 得分 | 未完成原因 |
    得分计算方法 with the method text merged down the last column, a "-" spare row under every 二级指标 and a cost
    target in 万 (45万). The page stops inside the 效益指标: the rows after 社会效益 and the 总分 row are ours."""
    before = [
        "区级部门预算项目支出绩效自评表",
        "（ 2019 年度）",
        "主管部门（盖章）：                单位：万元",
    ]
    return _read(_save(tmp_path, "licheng.docx", before, grid))


def test_district_form_with_goals_first_and_method_column_is_read(tmp_path):
    reports, findings = _licheng(tmp_path, LICHENG)
    (r,) = reports
    assert (r.kind, r.year, r.project_name, r.supervisor, r.department) == (
        "project",
        2019,
        "商品和服务支出",
        "某区文化和旅游局",
        "某区文化馆",
    )
    total = r.budget_lines[0]
    assert (total.initial, total.executed, total.rate, total.max_points, total.points) == (
        D(45),
        D(45),
        D(100),
        D(10),
        D(10),
    )
    assert r.goals.expected == "某区文化馆免费开放"
    # the "-" spare rows are no indicators; the method text is no figure
    assert len(r.indicators) == 8 and all(i.name for i in r.indicators)
    cost = {i.name: i for i in r.indicators}["实际成本与工作内容的匹配程度"]
    assert (cost.nature, cost.target, cost.max_points, cost.points) == ("≤", "45", D("12.5"), D("12.5"))
    assert (r.score_total_max, r.self_score) == (D(100), D(100))
    assert not _serious(findings), _messages(findings)


def test_district_form_mistakes_are_found(tmp_path):
    wrong_rate = _edited(
        LICHENG,
        r5=[
            UP,
            "年度资金总额",
            LEFT,
            "45",
            "40.5",
            "10",
            "100%",
            "10",
            "执行率*该指标分值，最高不得超过分值上限。",
        ],
    )
    _, findings = _licheng(tmp_path, wrong_rate)
    assert "A122" in _rules(findings), _messages(findings)
    above = _edited(LICHENG, r13=[UP, "时效指标", "免费开放率", "100%", "100%", "12.5", "15", "", UP])
    _, findings = _licheng(tmp_path, above)
    assert _rules(findings) == ["R322", "R325"], _messages(findings)
    missed = _edited(
        LICHENG,
        r23=["满意度指标\n（10分）", "服务对象\n满意度指标", "群众满意度", "≥90%", "85%", "10", "10", "", UP],
    )
    _, findings = _licheng(tmp_path, missed)
    assert "C521" in _rules(findings), _messages(findings)


# ------------------------------------------------------------------ Anhui 寿县 2023: a department's score sheet with 序号

SHOUXIAN = [
    ["单位", "某县某局", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    [
        "序号",
        "一级\n指标",
        "二级\n指标",
        "三级\n指标",
        "指标分值",
        "指标解释",
        "指标说明及评分标准",
        "自评得分",
    ],
    [
        "1",
        "规划\n（15分）",
        "基础信息\n（3分）",
        "基础信息\n完整性",
        "3",
        "部门及所属二级单位预算基础信息是否符合相关规定，信息资料是否真实、完整。",
        "1、基础数据信息是否真实（1分）；\n2、基础数据信息是否完整（1分）；\n3、基础数据信息是否准确（1分）。",
        "3",
    ],
    [
        "2",
        UP,
        "工作计划\n（6分）",
        "年度工作\n计划完整性",
        "3",
        "部门及所属二级单位年度工作计划制定是否完整可行。",
        "年度工作计划是否完整可行（3分）",
        "3",
    ],
    [
        "3",
        UP,
        UP,
        "年度工作\n计划明确性",
        "3",
        "部门及所属二级单位年度工作计划制定是否明确可操作。",
        "年度工作计划是否明确可操作（3分）",
        "3",
    ],
    [
        "4",
        UP,
        "绩效目标\n（6分）",
        "年度绩效\n目标合理性",
        "4",
        "单位是否设置年度绩效目标，绩效目标设定是否符合单位实际，是否合理。",
        (
            "1、设置年度绩效目标（2分，其中单位整体绩效目标1分，项目绩效目标1分，若单位无项目，得2分）\n"
            "2、绩效目标设置依据充分（1分）\n3、绩效目标合理，符合实际，可操作（1分）\n4、未设置绩效目标，该栏不得分"
        ),
        "4",
    ],
    [
        "5",
        UP,
        UP,
        "年度绩效\n目标明确性",
        "2",
        "是否制定明确、细化、量化的绩效目标。",
        "绩效目标明确，且细化、量化（2分）；",
        "2",
    ],
    [
        "6",
        "执行\n（35分）",
        "预算执行\n（18分）",
        "预算执行率",
        "5",
        "预算执行率=（预算执行数/预算数）×100%。",
        "1、除上级政策性因素影响外，年度无预算追加（1分）；\n2、预算执行率≥95%（4分），每低1个百分点扣0.5分。",
        "4",
    ],
    [
        "7",
        UP,
        UP,
        "预算调整率",
        "3",
        "预算调整率=（预算调整数/预算数）×100%。",
        "预算调整率≤10%（3分），每高1个百分点扣0.5分。",
        "3",
    ],
    [
        "8",
        UP,
        UP,
        "结转结余率",
        "5",
        "结转结余率=（结转结余总额/支出预算数）×100%。",
        "结转结余率≤5%（5分），每高1个百分点扣1分。",
        "4",
    ],
    [
        "9",
        UP,
        UP,
        "“三公经费”\n控制率",
        "5",
        "“三公经费”实际支出数与预算安排数的比率。",
        "控制率≤100%（5分），超出不得分。",
        "5",
    ],
    [
        "10",
        UP,
        "预算管理\n（17分）",
        "管理制度\n健全性",
        "5",
        "为加强预算管理、规范财务行为而制定的管理制度是否健全完整。",
        "制度健全（3分）；执行有效（2分）。",
        "5",
    ],
    [
        "11",
        UP,
        UP,
        "资金使用\n合规性",
        "6",
        "使用预算资金是否符合相关的财务管理制度规定。",
        "出现一例不合规扣2分，扣完为止。",
        "6",
    ],
    [
        "12",
        UP,
        UP,
        "资产管理\n规范性",
        "6",
        "资产是否保存完整、使用合规、配置合理、处置规范。",
        "资产账实相符（3分）；处置规范（3分）。",
        "6",
    ],
    [
        "13",
        "效果\n（50分）",
        "履职效能\n（30分）",
        "重点工作\n完成率",
        "15",
        "年度重点工作实际完成数与计划数的比率。",
        "完成率×15分。",
        "14",
    ],
    ["14", UP, UP, "绩效目标\n完成率", "15", "整体绩效目标实际完成的程度。", "完成率×15分。", "15"],
    [
        "15",
        UP,
        "社会效应\n（20分）",
        "服务对象\n满意度",
        "10",
        "服务对象对部门履职效果的满意程度。",
        "满意度≥90%（10分），每低1个百分点扣0.5分。",
        "10",
    ],
    [
        "16",
        UP,
        UP,
        "社会公众\n满意度",
        "10",
        "社会公众对部门履职效果的满意程度。",
        "满意度≥90%（10分），每低1个百分点扣0.5分。",
        "10",
    ],
    ["合计", LEFT, LEFT, LEFT, "100", "", "", "97"],
]


def _shouxian(tmp_path, grid):
    """寿县 2023年度部门整体支出绩效评价自评表 (www.shouxian.gov.cn/public/118322758/1259995520.html): the sheet
    published alone, one 单位 | <name> row over it, then 序号 | 一级指标 | 二级指标 | 三级指标 | 指标分值 | 指标解释 |
    指标说明及评分标准 | 自评得分 (a running number first, points both in the labels, 规划（15分）, and in a column),
    评分标准 text full of (1分) figures that are no item's points. The page stops after 预算执行率: the rows
    after it, the 合计 row and the self-scores are ours."""
    return _read(_save(tmp_path, "shouxian.docx", ["2023年度部门整体支出绩效评价自评表"], grid))


def test_department_score_sheet_with_running_numbers_is_read(tmp_path):
    reports, findings = _shouxian(tmp_path, SHOUXIAN)
    (r,) = reports
    # 单位 | <name> names the department; the title names none (never "度部门" out of 2023年度部门整体…)
    assert (r.kind, r.year, r.department, r.self_score, r.score_total_max) == (
        "department",
        2023,
        "某县某局",
        D(97),
        D(100),
    )
    items = {i.level3: i for i in r.score_items}
    assert len(items) == 16
    rate = items["预算执行率"]
    assert (rate.level1, rate.level2, rate.max_points, rate.self_points) == (
        "执行（35分）",
        "预算执行（18分）",
        D(5),
        D(4),
    )
    assert not _serious(findings), _messages(findings)


def test_department_score_sheet_mistakes_are_found(tmp_path):
    above = _edited(
        SHOUXIAN,
        r9=[
            "8",
            UP,
            UP,
            "结转结余率",
            "5",
            "结转结余率=（结转结余总额/支出预算数）×100%。",
            "结转结余率≤5%（5分），每高1个百分点扣1分。",
            "6",
        ],
        n1=["合计", LEFT, LEFT, LEFT, "100", "", "", "99"],
    )
    _, findings = _shouxian(tmp_path, above)
    assert _rules(findings) == ["R303"], _messages(findings)
    _, findings = _shouxian(tmp_path, _edited(SHOUXIAN, n1=["合计", LEFT, LEFT, LEFT, "100", "", "", "98"]))
    assert _rules(findings) == ["R301"], _messages(findings)


@pytest.mark.parametrize(
    "title, unit",
    [
        ("2023年度部门整体支出绩效自评报告", None),
        ("2021年茂名市发展和改革局整体支出绩效自评报告", "茂名市发展和改革局"),
    ],
)
def test_a_title_after_its_year_names_no_unit_out_of_the_word_nian_du(title, unit):
    from jixiao_audit.normalize.reports import title_unit

    assert title_unit(title) == unit


# ------------------------------------------------------------------ Hubei 襄阳 2021: a hospital's 财政项目绩效自评表

XIANGYANG = _pad(
    [
        ["项目名称", "东津院区建设补助", LEFT, "主管部门", "某市卫生健康委", "项目实施单位", "某市中心医院"],
        ["项目类别", "1、部门预算项目☑  2、财政专项□  3、市对下转移支付项目□", LEFT, LEFT, LEFT, LEFT, LEFT],
        ["项目属性", "1、持续性项目□  2、新增性项目☑", LEFT, LEFT, LEFT, LEFT, LEFT],
        ["项目类型", "1、常年性项目□  2、延续性项目☑  3、一次性项目□", LEFT, LEFT, LEFT, LEFT, LEFT],
        [
            "预算执行情况\n（万元）\n（20分）",
            "",
            "预算数（A）",
            "执行数（B）",
            "执行率（B/A）",
            "得分（20分*执行率）",
            LEFT,
        ],
        [UP, "年度财政\n资金总额", "1000", "1000", "100%", "20", LEFT],
        [
            "年度绩效目标\n（80分）",
            "一级指标",
            "二级指标",
            "三级指标",
            "年初目标值（A）",
            "实际完成值（B）",
            "得分",
        ],
        [UP, "产出\n指标", "数量指标", "成本控制", "不超过预算", "不超过预算", "10"],
        [UP, UP, "质量指标", "保证财政建设补助专款专用", "专款专用", "专款专用", "10"],
        [UP, UP, "成本", "每年财政补助1000万元", "1000万元", "1000万元", "10"],
        [UP, UP, "时效", "1年", "1年", "1年", "10"],
        [
            UP,
            "效益\n指标",
            "经济效益",
            "完成东津院区建设，医院东津医疗收入达到5亿元",
            "5亿元",
            "6.47亿元",
            "10",
        ],
        [
            UP,
            UP,
            "可持续性",
            "院区建成后，可持续为周边群众提供医疗服务",
            "服务范围扩大",
            "服务范围扩大",
            "10",
        ],
        [UP, UP, "服务对象满意度指标", "患者满意度", "≥90%", "95%", "10"],
        [UP, "过程\n指标", "资金管理", "资金使用是否合规", "是", "是", "10"],
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100"],
        ["偏差大或目标未完成原因分析", "无", LEFT, LEFT, LEFT, LEFT, LEFT],
        ["改进措施及结果应用方案", "无", LEFT, LEFT, LEFT, LEFT, LEFT],
    ],
    7,
)


def _xiangyang(tmp_path, grid):
    """襄阳市中心医院 2021年度财政项目绩效自评表 (taowenge.com/d-68000429.html; the same Hubei template as the
    湖北工程学院 学生资助项目绩效目标自评表, m.777doc.com/doc-4336759.html): "单位名称：… 填报日期：…" over the form,
    项目实施单位 beside 主管部门, a 市对下转移支付项目 tick box, 年度财政资金总额 as the only budget row, 二级指标
    written short (成本, 时效, 可持续性), 三级指标 that are figures or sentences (1年; 医院东津医疗收入达到5亿元),
    targets in 亿元 (5亿元 against 6.47亿元) and a 过程指标 block after 效益指标. The 满意度 and 过程 rows are ours
    (the page stops in 效益指标; the 湖北工程学院 form has 过程指标 | 评审程序是否公正 | 是 | 是)."""
    before = ["2021年度财政项目绩效自评表", "单位名称：某市中心医院          填报日期：2022年3月18日"]
    return _read(_save(tmp_path, "xiangyang.docx", before, grid))


def test_hubei_hospital_form_is_read(tmp_path):
    reports, findings = _xiangyang(tmp_path, XIANGYANG)
    (r,) = reports
    assert (r.form, r.year, r.project_name, r.supervisor, r.department, r.report_date) == (
        "hubei",
        2021,
        "东津院区建设补助",
        "某市卫生健康委",
        "某市中心医院",
        "2022-03-18",
    )
    total = r.budget_lines[0]
    assert (total.adjusted, total.executed, total.rate, total.points) == (D(1000), D(1000), D(100), D(20))
    by_name = {i.name: i for i in r.indicators}
    assert len(by_name) == 8 and by_name["1年"].level2 == "时效"
    assert (by_name["资金使用是否合规"].level1, by_name["资金使用是否合规"].points) == ("过程指标", D(10))
    income = by_name["完成东津院区建设，医院东津医疗收入达到5亿元"]
    assert (income.target, income.unit, income.actual) == ("5", "亿元", "6.47亿元")
    assert (r.score_total_self, r.self_score) == (D(100), D(100))
    assert not _serious(findings), _messages(findings)


def test_hubei_hospital_form_mistakes_are_found(tmp_path):
    _, findings = _xiangyang(
        tmp_path, _edited(XIANGYANG, r5=[UP, "年度财政\n资金总额", "1000", "900", "100%", "20"])
    )
    assert _rules(findings) == ["A122", "R321"], _messages(findings)  # 90 %, so 18 of the 20 points
    _, findings = _xiangyang(tmp_path, _edited(XIANGYANG, r15=["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "95"]))
    assert _rules(findings) == ["R325"], _messages(findings)
    below = _edited(
        XIANGYANG,
        r11=[UP, "效益\n指标", "经济效益", "医院东津医疗收入达到7亿元", "7亿元", "6.47亿元", "10"],
    )
    _, findings = _xiangyang(tmp_path, below)
    assert _rules(findings) == ["C521"], _messages(findings)  # 6.47亿元 short of 7亿元, 偏差原因 无


# ------------------------------------------------------------------ Hubei 广水 2021: funds by source in columns, 自评分 | 复核分

GUANGSHUI_STANDARD = (
    "1、提供三级指标完成程度的佐证资料；\n"
    "2、三级指标分值按三级指标个数平均确定（15分÷三级指标个数），四舍五入保留整数。"
)
GUANGSHUI = _pad(
    [
        [
            "项目名称",
            "乡村道路建设养护项目",
            LEFT,
            "项目主管单位",
            "某市交通运输局",
            LEFT,
            "自评总分：97",
            LEFT,
            LEFT,
        ],
        ["项目实施单位", "某市交通运输局", LEFT, "项目负责人", "孙某", LEFT, "", LEFT, LEFT],
        [
            "项目属性",
            "1、常年性☑  2、延续性□  3、一次性□  4、新增性□",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            LEFT,
        ],
        [
            "项目资金",
            "来源",
            "中央\n（万元）",
            "省、地\n（万元）",
            "本级\n（万元）",
            "其他\n（万元）",
            "合计\n（万元）",
            "执行数\n（万元）",
            "执行率",
        ],
        [UP, UP, "", "", "309", "", "309", "309", "100%"],
        [
            "项目年度目标",
            "1.完成乡村道路建设养护里程300公里；\n2.\n3.",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            LEFT,
        ],
        ["项目权重", "评价内容", LEFT, "分值", "自评分", "复核分", "评价标准及依据", LEFT, LEFT],
        [
            "项目决策\n2分",
            "决策依据",
            LEFT,
            "2",
            "2",
            "",
            "有项目年度工作计划或有上级文件或审批报告计2分，没有不得分。",
        ],
        [
            "项目管理\n13分",
            "财务制度",
            LEFT,
            "3",
            "3",
            "",
            "1、单位财务管理制度1分；2、项目管理制度1分；3、有制度执行佐证资料1分。没有不得分。",
        ],
        [UP, "组织机构", LEFT, "2", "2", "", "有明确的绩效管理机构或专人负责2分。没有不得分"],
        [
            UP,
            "运行监管",
            LEFT,
            "4",
            "4",
            "",
            "1、运行监管记录3分；2、填报《项目支出绩效监控表》1分。没有不得分。",
        ],
        [
            UP,
            "目标申报",
            LEFT,
            "4",
            "4",
            "",
            "1、项目绩效目标全申报的1分，缺一项扣0.5分，扣完为止；2、绩效目标规范1分，不规范扣0.5分；3、按时申报绩效目标计2分。",
        ],
        ["项目年度目标1：乡村道路建设养护项目", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        [
            "项目权重",
            "一级\n指标",
            "二级\n指标",
            "指标名称\n（三级指标）",
            "年初指\n标值",
            "年终完\n成值",
            "自评\n分",
            "复核\n分",
            "评价标准",
        ],
        [
            "项目\n绩效\n85分",
            "产出\n指标\n40分",
            "数量指\n标\n15分",
            "乡村道路建设\n养护里程",
            "300公里",
            "300公里",
            "15",
            "",
            GUANGSHUI_STANDARD,
        ],
        [UP, UP, "质量指\n标\n12分", "农村公路建设\n验收合格率", "100%", "100%", "6", "", UP],
        [UP, UP, UP, "农村公路养护\n验收合格率", "100%", "100%", "6", "", UP],
        [UP, UP, "时效指\n标\n8分", "养护工程按期\n完工率", "≥95%", "100%", "8", "", UP],
        [UP, UP, "成本指\n标\n5分", "每公里养护成本", "≤1万元", "1万元", "5", "", UP],
        [
            UP,
            "效益\n指标\n30分",
            "社会效益\n指标\n20分",
            "群众出行条件\n改善",
            "明显改善",
            "较明显改善",
            "17",
            "",
            UP,
        ],
        [UP, UP, "可持续影响\n指标\n10分", "道路使用年限", "≥10年", "10年", "10", "", UP],
        [
            UP,
            "满意度\n指标\n15分",
            "服务对象\n满意度指标\n15分",
            "沿线群众满意度",
            "≥90%",
            "92%",
            "15",
            "",
            UP,
        ],
    ],
    9,
)


def _guangshui(tmp_path, grid):
    """广水市财政预算支出项目绩效目标自评表 (广水市交通运输局2021年度乡村道路项目自评表.pdf,
    pdf.wenkuvip.com/archives/bqg98jldqkx8g2xm7pe6.html): a title naming no year over "填报日期：2022年8月10日"
    (the file's name says 2021年度), 项目主管单位 and "自评总分：95" on the cover, 项目资金 by 来源 in COLUMNS
    (中央 | 省、地 | 本级 | 其他 | 合计 | 执行数 | 执行率, 309 | 309 | 100%), a 项目权重 | 评价内容 | 分值 | 自评分 |
    复核分 | 评价标准及依据 block (项目决策 2分, 项目管理 13分), a caption row "项目年度目标1：…" and the indicators
    under 项目绩效 85分 with 年初指标值 | 年终完成值 | 自评分 | 复核分, every level's points in its label (数量指标
    15分). The page stops in 质量指标: the rows after it are ours, and the self-scores (97) with them."""
    before = ["某市财政预算支出项目绩效目标自评表", "填报日期：2022年8月10日"]
    return _read(_save(tmp_path, "某市交通运输局2021年度乡村道路项目自评表.docx", before, grid))


def test_hubei_county_form_with_funds_by_source_is_read(tmp_path):
    reports, findings = _guangshui(tmp_path, GUANGSHUI)
    (r,) = reports
    # the only year inside is 填报日期's; the file's name states the year evaluated
    assert (r.form, r.kind, r.year, r.project_name, r.supervisor, r.department, r.self_score) == (
        "hubei_county",
        "project",
        2021,
        "乡村道路建设养护项目",
        "某市交通运输局",
        "某市交通运输局",
        D(97),
    )
    total, part = r.budget_lines
    assert (total.item, total.adjusted, total.executed, total.rate) == ("合计", D(309), D(309), D(100))
    assert (part.item, part.adjusted) == ("其中：本级", D(309))
    # 项目决策/项目管理 items with their 分值; the indicators' 自评分, never the blank 复核分
    decision = r.indicators[0]
    assert (decision.level1, decision.name, decision.max_points, decision.points) == (
        "项目决策2分",
        "决策依据",
        D(2),
        D(2),
    )
    assert len(r.indicators) == 13 and all(i.points is not None for i in r.indicators)
    road = {i.name: i for i in r.indicators}["乡村道路建设养护里程"]
    assert (road.level1, road.level2, road.target, road.unit, road.actual) == (
        "产出指标40分",
        "数量指标15分",
        "300",
        "公里",
        "300公里",
    )
    assert not _serious(findings), _messages(findings)


def test_hubei_county_form_mistakes_are_found(tmp_path):
    wrong_rate = _edited(GUANGSHUI, r4=[UP, UP, "", "", "309", "", "309", "278.1", "100%"])
    _, findings = _guangshui(tmp_path, wrong_rate)
    assert _rules(findings) == ["A122"], _messages(findings)
    more = _edited(
        GUANGSHUI,
        r0=["项目名称", "乡村道路建设养护项目", LEFT, "项目主管单位", "某市交通运输局", LEFT, "自评总分：99"],
    )
    _, findings = _guangshui(tmp_path, more)
    assert _rules(findings) == ["R325"], _messages(findings)  # the items give 97
    part_above = _edited(GUANGSHUI, r4=[UP, UP, "", "", "329", "", "309", "309", "100%"])
    _, findings = _guangshui(tmp_path, part_above)
    assert _rules(findings) == ["A121"], _messages(findings)
    above = _edited(
        GUANGSHUI, r7=["项目决策\n2分", "决策依据", LEFT, "2", "3", "", "有项目年度工作计划计2分。"]
    )
    _, findings = _guangshui(tmp_path, above)
    # 3 of an item's 2 points with no target to re-score it by: the item is above its 分值, and the total
    # no longer adds up
    assert _rules(findings) == ["R303", "R325"], _messages(findings)


def test_hubei_county_level_points_without_brackets_give_single_items_their_points(tmp_path):
    """广水 prints each level's points at the end of its label (数量指标15分, 质量指标 10分), no 分值 column: a level
    over ONE indicator gives it its 分值, so the item is re-scored; a level over several says nothing of each."""
    (r,), _ = _guangshui(tmp_path, GUANGSHUI)
    points = {i.name: i.max_points for i in r.indicators}
    assert (points["乡村道路建设养护里程"], points["养护工程按期完工率"], points["沿线群众满意度"]) == (
        D(15),
        D(8),
        D(15),
    )
    assert points["农村公路建设验收合格率"] is None and points["农村公路养护验收合格率"] is None
    assert r.sources["indicators[5].max_points"].raw.replace("\n", "") == "数量指标15分"
    # 时效: 80% of ≥95% scored full (6.74 allowed); the total (97) is left as the form states it
    late = _edited(
        GUANGSHUI, r17=[UP, UP, "时效指\n标\n8分", "养护工程按期\n完工率", "≥95%", "80%", "8", "", UP]
    )
    _, findings = _guangshui(tmp_path, late)
    assert [f.rule for f in _serious(findings) if f.rule != "C521"] == ["R322"], _messages(findings)
    # 可持续影响 weighed 5 under 效益指标30分 (20 + 5): the level no longer adds up
    light = _edited(
        GUANGSHUI, r20=[UP, UP, "可持续影响\n指标\n5分", "道路使用年限", "≥10年", "10年", "5", "", UP]
    )
    _, findings = _guangshui(tmp_path, light)
    assert "R324" in _rules(findings), _messages(findings)
    # a figure of 分 in an indicator's own name or target is no weight (质量指标 without points here)
    named = _edited(GUANGSHUI, r15=[UP, UP, "质量指标", "验收评分90分", "≥90分", "92分", "12", "", UP])
    (r,), findings = _guangshui(tmp_path, [row for n, row in enumerate(named) if n != 16])
    assert {i.name: i.max_points for i in r.indicators}["验收评分90分"] is None
    assert not [f for f in _serious(findings) if f.rule in ("R303", "R322", "R324")], _messages(findings)


def test_hubei_county_form_over_two_pages_reads_as_one(tmp_path):
    """The PDF prints "— 1 —" between its pages: the indicators in a second table after that line, opened by
    the 项目年度目标1 caption, are the same form's (same figures, same findings)."""
    from docx import Document
    from jixiao_audit.audit.engine import run_audit
    from jixiao_audit.extract import read_document
    from jixiao_audit.normalize import to_reports

    from corpus.render_families import add_grid

    doc = Document()
    for text in ("某市财政预算支出项目绩效目标自评表", "填报日期：2022年8月10日"):
        doc.add_paragraph(text)
    add_grid(doc, GUANGSHUI[:12])
    doc.add_paragraph("— 1 —")
    add_grid(doc, GUANGSHUI[12:])
    path = tmp_path / "某市交通运输局2021年度乡村道路项目自评表.docx"
    doc.save(path)
    (split,) = to_reports(read_document(path))
    (whole,), _ = _guangshui(tmp_path, GUANGSHUI)
    assert split.indicators == whole.indicators and split.budget_lines == whole.budget_lines
    assert (split.year, split.self_score) == (2021, D(97))
    assert not _serious(run_audit([split]).findings)


@pytest.mark.soffice
@pytest.mark.slow
def test_pdf_of_each_new_form_reads_as_its_word_file(tmp_path):
    """LibreOffice's PDF of the 永德 form (═ and 元, a note row before 总分) and of the 广水 form (funds by source
    in columns, a caption row between two tables of other columns) reads as the Word file does."""
    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.legacy import convert_with_soffice
    from jixiao_audit.normalize import to_reports

    docs = {
        "yongde": _save(tmp_path, "yongde.docx", ["2022年度项目支出绩效自评表"], YONGDE),
        "guangshui": _save(
            tmp_path,
            "某市交通运输局2021年度乡村道路项目自评表.docx",
            ["某市财政预算支出项目绩效目标自评表", "填报日期：2022年8月10日"],
            GUANGSHUI,
        ),
    }
    for name, docx in docs.items():
        pdf = convert_with_soffice(docx, tmp_path / f"work_{name}", "pdf")
        (from_word,) = to_reports(read_document(docx))
        (from_pdf,) = to_reports(read_document(pdf))
        assert from_pdf.values() == from_word.values(), name
