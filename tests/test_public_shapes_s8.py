"""Public forms in shapes the earlier shape tests do not cover (session 8; names and figures changed where
marked).

Each fixture names the public page whose labels, layout and habits it follows; the files are written with
python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

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


def _rules(findings) -> list[str]:
    return sorted(f.rule for f in _serious(findings))


# ------------------------------------------------------------------ Anhui 天长 2022: 指标1： slots, a level's points alone

TIANCHANG = _pad(
    [
        ["项目名称", "水旱灾害防御经费", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["主管部门", "", LEFT, LEFT, "实施单位", "某市水利局", LEFT, LEFT, LEFT],
        [
            "项目资金\n（万元）",
            "",
            "年初预算数",
            "全年预算数（A）",
            "全年执行数（B）",
            "分值",
            "执行率（B/A）",
            "得分",
            LEFT,
        ],
        [UP, "年度资金总额：", "880", "880", "880", "10", "", "10", LEFT],
        [UP, "其中：本年财政拨款", "880", "880", "880", "-", "", "-", LEFT],
        [UP, "上年结转资金", "", "", "", "-", "", "-", LEFT],
        [UP, "其他资金", "", "", "", "-", "", "-", LEFT],
        ["年度总体目标完成情况", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [
            UP,
            "完成年度防汛工作，完成中型灌区节水改造项目和农业综合水价改革项目。",
            LEFT,
            LEFT,
            LEFT,
            "完成年度目标。",
            LEFT,
            LEFT,
            LEFT,
        ],
        [
            "年度绩效指标完成情况",
            "一级\n指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        [
            UP,
            "产出\n指标\n（50分）",
            "数量指标",
            "指标1：完成中型灌区节水改造项目数量",
            "1",
            "1",
            "10",
            "10",
            "",
        ],
        [UP, UP, UP, "指标2：完成农业综合水价改革项目", "1", "1", "10", "10", ""],
        [UP, UP, UP, "……", "", "", "", "", ""],
        [UP, UP, "质量指标", "指标1：工程质量合格", "", "", "10", "10", ""],
        [UP, UP, UP, "指标2：", "", "", "", "", ""],
        [UP, UP, "时效指标", "指标1：年度资金支付完成率100%", "", "", "10", "10", ""],
        [UP, UP, UP, "指标2：", "", "", "", "", ""],
        [UP, UP, "成本指标", "指标1：资金执行在预算范围内", "", "", "10", "10", ""],
        [UP, "效益\n指标\n（30分）", "经济效益\n指标", "指标1：全市安全度汛", "", "", "10", "10", ""],
        [UP, UP, "社会效益\n指标", "指标1：保护全市人口财产不受损失", "", "", "10", "10", ""],
        [UP, UP, "生态效益\n指标", "指标1：", "/", "/", "/", "", ""],
        [UP, UP, "可持续影\n响指标", "指标1：已建工程良性运行", "", "", "10", "10", ""],
        [
            UP,
            "满意度指标\n（10分）",
            "服务对象\n满意度指标",
            "指标1：服务对象满意度",
            "90%",
            "100%",
            "10",
            "10",
            "",
        ],
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "100", LEFT],
    ],
    9,
)


def _tianchang(tmp_path, grid):
    """天长市水利局水旱灾害防御股项目支出绩效自评 (发布时间 2023-12-05; the page's text, pages corpus): the national
    项目支出绩效自评表（2022年度） as a county fills it — 主管部门 left blank, 执行率 blank beside 880 | 880 | 880,
    "年度总体目标完成情况" and "年度绩效指标完成情况" as the block labels, each 一级指标's points alone under its
    words (（50分）), every name after its template number (指标1：…) with the spare 指标2：/…… slots left in,
    most items scored with no 指标值 or 完成值 at all, and 生态效益 marked / / /. Unit name changed."""
    return _read(_save(tmp_path, "天长水利2022.docx", ["项目支出绩效自评表", "（2022年度）"], grid))


def test_county_national_form_with_template_slots_is_read(tmp_path):
    (r,), findings = _tianchang(tmp_path, TIANCHANG)
    assert (r.form, r.kind, r.year, r.project_name, r.department) == (
        "national",
        "project",
        2022,
        "水旱灾害防御经费",
        "某市水利局",
    )
    total = r.budget_lines[0]
    assert (total.adjusted, total.executed, total.max_points, total.points) == (D(880), D(880), D(10), D(10))
    assert (r.score_total_max, r.score_total_self) == (D(100), D(100))
    # the block label 年度总体目标完成情况 is no column: the actual stands under 实际完成情况
    assert (r.goals.expected[:8], r.goals.actual) == ("完成年度防汛工作", "完成年度目标。")
    scored = [i for i in r.indicators if i.points is not None]
    # the template's number is no part of a filled-in name; a spare 指标2： slot keeps its own
    assert [i.name for i in scored[:3]] == [
        "完成中型灌区节水改造项目数量",
        "完成农业综合水价改革项目",
        "工程质量合格",
    ]
    assert "指标2：" in [i.name for i in r.indicators]
    assert len(scored) == 9 and sum(i.max_points for i in scored) == 90
    assert scored[0].level1.replace("\n", "") in ("产出指标（50分）", "产出指标(50分)")
    # the template's slots are one 未填 warning, never an error: the form adds up as published
    assert not [f for f in findings if f.severity == "error"], _messages(findings)
    assert _rules(findings) == ["C523"], _messages(findings)


def test_county_national_form_mistakes_are_found(tmp_path):
    # 工程质量合格 has no 指标值 to re-score it by: 12 of its 10 points is the item's own error (R303)
    above = _edited(TIANCHANG, r13=[UP, UP, "质量指标", "指标1：工程质量合格", "", "", "10", "12", ""])
    _, findings = _tianchang(tmp_path, above)
    assert [r for r in _rules(findings) if r != "C523"] == ["R303", "R325"], _messages(findings)
    # a level's weight no longer its items' (（50分） over 10+10+10+10+5)
    light = _edited(TIANCHANG, r17=[UP, UP, "成本指标", "指标1：资金执行在预算范围内", "", "", "5", "5", ""])
    _, findings = _tianchang(tmp_path, light)
    assert "R324" in _rules(findings), _messages(findings)
    # a 分值 cell left blank is a missing part of its level's weight (a form with no 分值 column has none)
    blank = _edited(TIANCHANG, r17=[UP, UP, "成本指标", "指标1：资金执行在预算范围内", "", "", "", "10", ""])
    _, findings = _tianchang(tmp_path, blank)
    assert "R324" in _rules(findings), _messages(findings)
    # 满意度 80% of a 90% target scored full
    short = _edited(
        TIANCHANG,
        r22=[
            UP,
            "满意度指标\n（10分）",
            "服务对象\n满意度指标",
            "指标1：服务对象满意度",
            "90%",
            "80%",
            "10",
            "10",
            "",
        ],
    )
    _, findings = _tianchang(tmp_path, short)
    assert "R322" in _rules(findings), _messages(findings)


# ------------------------------------------------------------------ Anhui 贵池 2022: coded units, a total row left 0

GUICHI = _pad(
    [
        ["项目名称", "委托业务项目", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        [
            "主管部门",
            "219-某区某镇人民政府",
            LEFT,
            LEFT,
            "实施单位",
            "219001-某区某镇人民政府",
            LEFT,
            LEFT,
            LEFT,
        ],
        ["项目资金\n（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", LEFT],
        [UP, "年度资金总额：", "90", "89.974", "89.974", "10", "100%", "10", LEFT],
        [UP, "其中：本年财政拨款", "90", "89.974", "89.974", "", "", "", LEFT],
        [UP, "上年结转资金", "", "", "", "", "", "", LEFT],
        [UP, "其他资金", "", "", "", "", "", "", LEFT],
        ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [
            UP,
            (
                "本项目共申请预算资金90万元。其中：30万元用于基建工程项目预算编制；30万元用于基建工程项目审计；"
                "30万元用于基建工程项目设计、规划、测绘。"
            ),
            LEFT,
            LEFT,
            LEFT,
            (
                "本项目共完成预算资金89.97万元。其中：30万元用于基建工程项目预算编制；30万元用于基建工程项目审计；"
                "29.97万元用于基建工程项目设计、规划、测绘。"
            ),
            LEFT,
            LEFT,
            LEFT,
        ],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        [UP, "产出指标\n（50分）", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", "8", "8", ""],
        [UP, UP, "质量指标", "委托业务报告合格率", "≥100百分比", "100", "8", "8", ""],
        [UP, UP, UP, "经费支出合规性", "严格执行相关制度规定", "达成预期指标", "8", "8", ""],
        [UP, UP, "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", "8", "8", ""],
        [UP, UP, "成本指标", "项目总成本", "≤90万元", "90", "8", "8", ""],
        [UP, UP, UP, "单项业务成本", "符合相关规定", "达成预期指标", "10", "10", ""],
        [
            UP,
            "效益指标\n（30分）",
            "社会效益指标",
            "对维护基建市场公平的影响程度",
            "效果明显",
            "达成预期指标",
            "10",
            "10",
            "",
        ],
        [UP, UP, "生态效益指标", "对控制基建项目成本影响程度", "效果明显", "达成预期指标", "10", "10", ""],
        [
            UP,
            UP,
            "可持续影响指标",
            "对推动基建项目“四项制度”健全和落实的持续性影响",
            "效果明显",
            "达成预期指标",
            "10",
            "10",
            "",
        ],
        [UP, UP, "经济效益指标", "", "", "", "", "", ""],
        [UP, "满意度指标\n（10分）", "满意度指标", "公众满意度", "≥90%", "95%", "10", "10", ""],
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "100", LEFT],
    ],
    9,
)


def _guichi(tmp_path, grid):
    """池州市贵池区棠溪镇人民政府 委托业务项目 项目支出绩效自评表（2022年度） (a WPS file served at
    anthempetcare.com/upload_cz/download?id=502364, "附件：" before the title): units named with their budget
    codes (219-…, 219001-…), a 年度资金总额 row the unit left 0 | 0 | 0 | 10 | 0 | 0 above 其中：本年财政拨款
    90 | 89.974 | 89.974, a target in the unit 百分比 (≥100百分比 against 100), qualitative targets met by
    "达成预期指标", an 经济效益指标 row with no indicator. The page stops in 满意度指标: that row and 总分 are ours,
    and so is the total row of the clean copy (filled as its 其中 row). Unit names changed."""
    return _read(
        _save(tmp_path, "委托业务项目2022.docx", ["附件：", "项目支出绩效自评表", "（2022年度）"], grid)
    )


def test_coded_units_and_percent_word_are_read(tmp_path):
    (r,), findings = _guichi(tmp_path, GUICHI)
    assert (r.form, r.year, r.project_name, r.department, r.supervisor) == (
        "national",
        2022,
        "委托业务项目",
        "某区某镇人民政府",
        "某区某镇人民政府",
    )
    assert r.budget_code == "219001"  # the 实施单位 code
    total, part = r.budget_lines[:2]
    assert (total.initial, total.adjusted, total.executed, part.executed) == (
        D(90),
        D("89.974"),
        D("89.974"),
        D("89.974"),
    )
    rate = {i.name: i for i in r.indicators}["委托业务报告合格率"]
    assert (rate.nature, rate.target, rate.actual) == ("≥", "100", "100")
    assert len([i for i in r.indicators if i.points is not None]) == 10
    assert not _serious(findings), _messages(findings)


def test_total_row_left_zero_as_published_is_found(tmp_path):
    """As published: 年度资金总额 0 | 0 | 0 with 执行率 0 and 得分 0 above 90 | 89.974 | 89.974 of 本年财政拨款."""
    published = _edited(
        GUICHI,
        r3=[UP, "年度资金总额：", "0", "0", "0", "10", "0", "0", LEFT],
        r21=["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "90", LEFT],
    )
    _, findings = _guichi(tmp_path, published)
    assert "A121" in _rules(findings), _messages(findings)
    assert any(f.severity == "error" for f in findings)
    # a qualitative target 未达成 scored full
    missed = _edited(
        GUICHI, r13=[UP, UP, "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "未完成", "8", "8", ""]
    )
    _, findings = _guichi(tmp_path, missed)
    assert "R322" in _rules(findings), _messages(findings)
    # 其中 above its total
    above = _edited(GUICHI, r4=[UP, "其中：本年财政拨款", "90", "99.974", "89.974", "", "", "", LEFT])
    _, findings = _guichi(tmp_path, above)
    assert "A121" in _rules(findings), _messages(findings)


def test_sum_stated_in_the_goals_actual_text_is_checked(tmp_path):
    """实际完成情况 says 共完成89.97万元 and lists its uses after 其中: uses adding up to more than the total are
    wrong (N207), as in a closing block; the page's own 30 + 30 + 29.99 is within what 30万元 may round."""
    grid = [row[:] for row in GUICHI]
    grid[8] = grid[8][:5] + [grid[8][5].replace("29.97万元", "31.97万元")] + grid[8][6:]
    (r,), findings = _guichi(tmp_path, grid)
    assert r.statements and r.statements[0].source.row == 8
    assert _rules(findings) == ["N207"], _messages(findings)
    grid[8] = grid[8][:5] + [grid[8][5].replace("31.97万元", "29.99万元")] + grid[8][6:]
    _, findings = _guichi(tmp_path, grid)
    assert not _serious(findings), _messages(findings)


def test_template_number_is_taken_off_a_filled_name_only():
    """指标1：工程质量合格 is named 工程质量合格; 指标2： alone stays the template's slot (C523's), and a figure that
    merely starts the name (指标1.5倍…) is no template number."""
    from jixiao_audit.normalize.families.table_form import indicator_row

    def name(text: str) -> str | None:
        return indicator_row({"name": text}, {"level1": None, "level2": None})["name"]

    assert [
        name(t) for t in ("指标1：工程质量合格", "指标3.完成率", "指标十、满意度", "指标2：", "指标1.5倍增长")
    ] == ["工程质量合格", "完成率", "满意度", "指标2：", "指标1.5倍增长"]
