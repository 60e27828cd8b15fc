"""More forms and reports in the shapes real county and provincial publications take (figures changed).

Each test names the public example whose labels, layout and sentence habits it follows; the files are
written with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from docx import Document
from jixiao_audit.audit.engine import run_audit

from corpus.render_families import LEFT, UP, add_grid
from tests.prose_factory import prose_reports
from tests.shape_files import read_and_audit as _read
from tests.shape_files import save_form as _save


def _errors(findings):
    return [f for f in findings if f.severity == "error"]


# ------------------------------------------------------------------ Yunnan prose project report


def _honghe(rate: str):
    """红河州数据发展中心2024年度项目支出绩效单位自评报告 (www.hh.gov.cn/info/11481/1179592.htm): a unit's
    report on all its projects in sentences, a count with an aside in brackets before the amounts
    ("实施项目共15个(含…5个),年初批复预算8个项目985万元,调整预算后项目预算861.46万元,…实际到位资金…")."""
    return prose_reports(
        "某州数据发展中心2024年度项目支出绩效单位自评报告",
        "一、基本情况",
        "2024年，某州数据发展中心实施项目共15个（含上年转列项目5个），年初批复预算8个项目985万元，"
        "调整预算后项目预算861.46万元，年中增加7个项目，实际到位资金334.67万元。",
        "二、绩效目标实现情况",
        f"项目全年预算数861.46万元，全年执行数320.12万元，预算执行率{rate}%。",
        "三、自评结论",
        "经自评，该项目自评得分85.5分，自评等级为良。",
    )


def test_yunnan_prose_project_report_reads_funds_after_a_bracketed_aside():
    (r,) = _honghe("37.16")
    assert (r.kind, r.form, r.year, r.self_score, r.grade) == ("project", "prose", 2024, D("85.5"), "良")
    # the aside (含…5个) qualifies only itself; the adjusted budget, not the 年初 one, is the year's
    assert (r.funds.planned.total, r.funds.arrived.total, r.funds.spent.total) == (
        D("861.46"),
        D("334.67"),
        D("320.12"),
    )
    assert not _errors(run_audit([r]).findings)


def test_yunnan_prose_project_report_wrong_execution_rate_is_found():
    findings = run_audit(_honghe("47.16")).findings
    assert any(f.rule == "N209" and "47.16" in f.message for f in _errors(findings)), [
        f.message for f in findings
    ]


# ------------------------------------------------------------------ the national form filled for a department

DEPARTMENT_NATIONAL = [
    ["部门（单位）名称", "某县农业农村局", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", LEFT],
    [UP, "年度资金总额：", "1200", "1350.5", "1296.48", "10", "96%", "9.6", LEFT],
    [UP, "其中：财政拨款", "1100", "1250.5", "1200.48", "—", "96%", "—", LEFT],
    [UP, "其他资金", "100", "100", "96", "—", "96%", "—", LEFT],
    ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
    [
        UP,
        "保障机关正常运转，完成农业生产发展任务。",
        LEFT,
        LEFT,
        LEFT,
        "全年保障机关正常运转，完成播种面积任务。",
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        "年度绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    [UP, "产出指标（50分）", "数量指标", "粮食播种面积", "≥12万亩", "12.3万亩", "20", "20", ""],
    [UP, UP, "质量指标", "农产品抽检合格率", "≥98%", "99%", "15", "15", ""],
    [UP, UP, "时效指标", "补贴资金发放及时率", "=100%", "100%", "15", "15", ""],
    [UP, "效益指标（30分）", "社会效益指标", "农民人均可支配收入增长", "≥6%", "6.5%", "30", "30", ""],
    [UP, "满意度指标（10分）", "服务对象满意度指标", "农户满意度", "≥90%", "93%", "10", "10", ""],
    ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "99.6", "优"],
]


def _department_national(tmp_path, grid, title="部门整体支出绩效自评表"):
    """The 财预〔2020〕10号 项目支出绩效自评表's labels (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分,
    年度资金总额, 年度总体目标, 绩效指标; cf. the Anhui example in tests/test_public_shapes.py) as county
    departments fill them for the whole department: 部门（单位）名称 where the 项目名称 stands, titled
    部门整体支出绩效自评表 — the table Yunnan's 决算公开 reports carry as "部门整体支出绩效自评表"
    (e.g. cangyuan.gov.cn/zfxxgk_cyx_czj/artview/959/335904.html, 十四、2024年度部门整体支出绩效自评表)."""
    return _read(_save(tmp_path, "department.docx", [title, "（2022年度）"], grid))


def test_national_form_filled_for_a_department_is_a_department_report(tmp_path):
    reports, findings = _department_national(tmp_path, DEPARTMENT_NATIONAL)
    (r,) = reports
    assert (r.kind, r.form, r.department, r.project_name, r.year) == (
        "department",
        "national",
        "某县农业农村局",
        None,
        2022,
    )
    total = r.budget_lines[0]
    assert (total.initial, total.adjusted, total.executed, total.rate, total.points) == (
        D(1200),
        D("1350.5"),
        D("1296.48"),
        D(96),
        D("9.6"),
    )
    assert (r.self_score, r.grade, len(r.indicators)) == (D("99.6"), "优", 5)
    assert not _errors(findings), [f.message for f in findings]


def test_department_form_without_its_title_is_known_by_its_cover_label(tmp_path):
    reports, _ = _department_national(tmp_path, DEPARTMENT_NATIONAL, title="附件2")
    assert [r.kind for r in reports] == ["department"]


def test_department_form_execution_and_score_mistakes_are_found(tmp_path):
    grid = [row[:] for row in DEPARTMENT_NATIONAL]
    grid[2] = [UP, "年度资金总额：", "1200", "1350.5", "1196.48", "10", "96%", "9.6", LEFT]  # parts: 1296.48
    grid[-1] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "98.6", "优"]  # 9.6 + 90 = 99.6
    _, findings = _department_national(tmp_path, grid)
    errors = {f.rule: f.message for f in _errors(findings)}
    assert {"A121", "A122", "R325"} <= set(errors), [f.message for f in findings]
    assert errors["A121"].startswith("部门预算资金「全年执行数」")


# ------------------------------------------------------------------ Chongqing 部门整体绩效自评表, flat indicators

CHONGQING_FLAT = [
    [
        "主管部门",
        "某区融媒体中心",
        LEFT,
        "财政处室",
        "行政政法处",
        LEFT,
        LEFT,
        "自评总分（分）",
        "97.6",
        LEFT,
        LEFT,
    ],
    ["部门联系人", "张某", LEFT, "联系电话", "023-00000000", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    [
        "部门预算执行情况（万元）",
        "资金性质",
        LEFT,
        "年初预算数",
        "全年（调整）预算数",
        "全年执行数",
        "执行率（%）",
        "执行率权重",
        "执行率得分（分）",
        LEFT,
        LEFT,
    ],
    [UP, "年度资金总额", LEFT, "0", "1200", "912", "76%", "10", "7.6", LEFT, LEFT],
    [
        "当年绩效目标",
        "年初绩效目标",
        LEFT,
        LEFT,
        "全年（调整）绩效目标",
        LEFT,
        LEFT,
        "全年目标实际完成情况",
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        UP,
        "无",
        LEFT,
        LEFT,
        "保障中心正常运转，做好新闻宣传。",
        LEFT,
        LEFT,
        "较好完成全年新闻宣传任务。",
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        "绩效指标",
        "指标名称",
        "计量单位",
        "指标性质",
        "年初指标值",
        "调整指标值",
        "全年完成值",
        "得分系数（%）",
        "指标权重（分）",
        "指标得分（分）",
        "是否核心指标",
    ],
    [UP, "财政供养人员控制率", "%", "定量指标", "100%", "", "92%", "100%", "20", "20", "否"],
    [UP, "预算完成率", "%", "定量指标", "≥70%", "", "76%", "100%", "20", "20", "是"],
    [UP, "管理制度健全性", "", "定性指标", "高", "", "高", "100%", "20", "20", "否"],
    [UP, "播发稿件数量", "篇", "定量指标", "2200篇", "", "2859篇", "100%", "30", "30", "是"],
]


def _chongqing(tmp_path, grid):
    """部门整体绩效自评表.docx (m.yzwku.com/doc/98587.html, a 重庆 科学城 融媒体中心, 2021): 主管部门 | 财政处室 |
    自评总分（分） on the cover and no 总分 row; 部门预算执行情况（万元） with 执行率（%） | 执行率权重 | 执行率得分（分）;
    当年绩效目标 in three columns (年初 | 全年（调整） | 实际完成情况, the 年初 one often 无); a flat indicator
    table, 指标名称 | 计量单位 | 指标性质 (定量指标/定性指标) | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数 |
    指标权重 | 指标得分 | 是否核心指标, with no 一级/二级指标."""
    return _read(_save(tmp_path, "chongqing.docx", ["部门整体绩效自评表"], grid))


def test_chongqing_flat_form_reads_cover_score_goals_and_indicators(tmp_path):
    reports, findings = _chongqing(tmp_path, CHONGQING_FLAT)
    (r,) = reports
    assert (r.kind, r.form, r.department, r.self_score) == (
        "department",
        "chongqing",
        "某区融媒体中心",
        D("97.6"),
    )
    assert r.goals.expected == "保障中心正常运转，做好新闻宣传。"  # the adjusted goal, the 年初 one being 无
    assert r.goals.actual == "较好完成全年新闻宣传任务。"
    by_name = {i.name: i for i in r.indicators}
    assert list(by_name) == ["财政供养人员控制率", "预算完成率", "管理制度健全性", "播发稿件数量"]
    assert [i.max_points for i in r.indicators] == [20, 20, 20, 30]
    # 定量指标 names no direction: a bare 100% is not read as "≥" (a 控制率 is met below it)
    assert by_name["财政供养人员控制率"].nature is None and by_name["预算完成率"].nature == "≥"
    assert by_name["管理制度健全性"].nature == "定性"
    assert not [f for f in findings if f.severity in ("error", "warning")], [f.message for f in findings]
    # an item that cannot be re-scored keeps its own points in 复核得分, not 0
    (score,) = run_audit(reports).scores
    assert score.review_total == D("97.6")


def test_chongqing_flat_form_cover_total_and_execution_mistakes_are_found(tmp_path):
    grid = [row[:] for row in CHONGQING_FLAT]
    grid[0] = [*grid[0][:8], "99.6", LEFT, LEFT]  # 7.6 + 90 = 97.6
    grid[3] = [
        UP,
        "年度资金总额",
        LEFT,
        "0",
        "1200",
        "812",
        "76%",
        "10",
        "7.6",
        LEFT,
        LEFT,
    ]  # 812/1200 = 67.67 %
    _, findings = _chongqing(tmp_path, grid)
    errors = {f.rule: f.message for f in _errors(findings)}
    assert {"A122", "R325"} <= set(errors), [f.message for f in findings]
    assert errors["R325"].startswith("表头自评得分 99.60 分")


# ------------------------------------------------------------------ 财政支出项目绩效评价自评报告: cover lines, then prose


def _cover_prose(arrival_rate: str):
    """财政支出项目绩效评价自评报告范例.docx (mdjjksjc.com/html/2024/0724/5300021124011301.shtm): a cover of
    "label：value" lines — 评价类型 (□阶段评价 □结束评价), 评价方式, 项目名称, 项目编码, 项目承担单位, 项目主管部门 —
    then a narrative stating 计划投资 / 实际到位 / 实际支出 and the rates."""
    return prose_reports(
        "财政支出项目绩效评价自评报告",
        "（2023年度）",
        "评价类型：□阶段评价 ☑结束评价",
        "评价方式：☑直接组织评价 □委托评价",
        "项目名称：某县高标准农田建设项目",
        "项目编码：2023-001",
        "项目承担单位：某县农业农村局",
        "项目主管部门：某县人民政府办公室",
        "报告日期：2024年3月20日",
        "一、项目概况",
        f"该项目计划投资500万元，实际到位资金480万元，实际支出460万元，资金到位率{arrival_rate}%，预算执行率95.83%。",
        "二、绩效评价结论",
        "经自评，该项目综合得分92分，评价等级为优秀。",
    )


def test_project_cover_with_chengdan_danwei_names_the_department():
    (r,) = _cover_prose("96")
    assert (r.kind, r.project_name, r.department, r.supervisor, r.year) == (
        "project",
        "某县高标准农田建设项目",
        "某县农业农村局",
        "某县人民政府办公室",
        2023,
    )
    assert (r.self_score, r.grade) == (92, "优秀")
    assert (r.funds.planned.total, r.funds.arrived.total, r.funds.spent.total) == (500, 480, 460)
    assert not _errors(run_audit([r]).findings)


def test_project_cover_prose_wrong_arrival_rate_is_found():
    findings = run_audit(_cover_prose("86")).findings
    assert any(f.rule == "N209" and "86%" in f.message for f in _errors(findings)), [
        f.message for f in findings
    ]


# ------------------------------------------------------------------ how the closing sentence states score and grade


@pytest.mark.parametrize(
    "sentence, score, grade",
    [
        ("经自评，该项目绩效评价得分95.5分，等级为优。", "95.5", "优"),
        ("评价得分为88分，评价结果为良。", "88", "良"),
        ("自评得95分，评定等级为优秀。", "95", "优秀"),
        ("项目综合评定得分90.5分，等次为“优秀”。", "90.5", "优秀"),
        ("最终得分87分，评价等级为良好。", "87", "良好"),
        ("自评分为96分，自评结果为优秀等次。", "96", "优秀"),
        ("评分结果为93分，属于“优”等级。", "93", "优"),
        ("满分100分，其中产出指标评价得分45分；自评总得分92分，等级为优。", "92", "优"),
        ("经自评，本部门自评得分94分，绩效评级为“优”。", "94", "优"),
        ("自评得分为91分，属“优”等级。", "91", "优"),
        ("该项目自评得分82分，自评结论为良。", "82", "良"),
        ("自评得分75分，评价结论：中。", "75", "中"),
    ],
)
def test_prose_score_and_grade_wordings(sentence, score, grade):
    """Closing sentences as county reports word them (e.g. the 2017 部门整体支出绩效自评 "自评得分 90 分" of
    wanglu.net/thread/t12-491155-4.html, the 红河 report above): the score after 评价/综合评定/最终/自评得,
    the grade before or after its word (属于“优”等级); a part's score (产出指标评价得分45分) and the full marks
    (满分100分) are never the report's."""
    (r,) = prose_reports("某县某局2023年度部门整体支出绩效自评报告", "一、基本情况", "三、自评结论", sentence)
    assert (r.self_score, r.grade) == (D(score), grade)


# ------------------------------------------------------------------ national form, (A)/(B) labels, actuals with units

CENTRAL_AB = [
    ["项目名称", "农村公路养护补助", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["主管部门", "某县交通运输局", LEFT, LEFT, "实施单位", "某县公路事务中心", LEFT, LEFT, LEFT],
    [
        "项目资金（万元）",
        "",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
        LEFT,
    ],
    [UP, "年度资金总额", "300", "320", "304", "10", "95%", "9.5", LEFT],
    [UP, "其中：当年财政拨款", "300", "320", "304", "—", "—", "—", LEFT],
    [UP, "上年结转资金", "0", "0", "0", "—", "—", "—", LEFT],
    [UP, "其他资金", "0", "0", "0", "—", "—", "—", LEFT],
    ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
    [UP, "完成农村公路日常养护。", LEFT, LEFT, LEFT, "完成农村公路日常养护。", LEFT, LEFT, LEFT],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值（A）",
        "实际完成值（B）",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    [UP, "产出指标", "数量指标", "养护里程", "≥500公里", "500公里", "20", "20", ""],
    [UP, UP, "质量指标", "优良路率", "≥80%", "82%", "20", "20", ""],
    [UP, "效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", "20", "20", ""],
    [UP, UP, "可持续影响指标", "路况保持", "≥3年", "3年", "10", "10", ""],
    [UP, "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", "20", "20", ""],
    ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "99.5", LEFT],
]


def _central(tmp_path, grid):
    """The 财政部 form in its (A)/(B) wording (全年预算数（A） | 全年执行数（B） | 执行率（B/A）, 年度指标值（A） |
    实际完成值（B）), with actuals written with their unit as in the Anhui example (anthempetcare.com
    …download?id=502364: ≥50个 | 50, here 500公里 against ≥500公里)."""
    return _read(_save(tmp_path, "central.docx", ["项目支出绩效自评表", "（2023年度）"], grid))


def test_central_ab_form_is_read_and_clean(tmp_path):
    reports, findings = _central(tmp_path, CENTRAL_AB)
    (r,) = reports
    assert (r.form, r.kind, r.project_name, r.department, r.supervisor) == (
        "national",
        "project",
        "农村公路养护补助",
        "某县公路事务中心",
        "某县交通运输局",
    )
    total = r.budget_lines[0]
    assert (total.adjusted, total.executed, total.rate, total.points) == (D(320), D(304), D(95), D("9.5"))
    assert not [f for f in findings if f.severity in ("error", "warning")], [f.message for f in findings]


def test_actual_written_with_its_unit_is_rescored(tmp_path):
    """480公里 against ≥500公里 scored full marks: missed but scored, and no 偏差原因 given."""
    grid = [row[:] for row in CENTRAL_AB]
    grid[10] = [UP, "产出指标", "数量指标", "养护里程", "≥500公里", "480公里", "20", "20", ""]
    _, findings = _central(tmp_path, grid)
    rules = {f.rule for f in findings if "养护里程" in f.message}
    assert {"R322", "C521"} <= rules, [f.message for f in findings]


def test_department_form_then_project_forms_in_one_file(tmp_path):
    """Yunnan 决算公开 reports (cangyuan.gov.cn/zfxxgk_cyx_czj/artview/959/335904.html) carry
    十四、部门整体支出绩效自评表 then 十五、项目支出绩效自评表 (one per project) in one document: one department
    report and one project report per form, each of its own kind."""
    doc = Document()
    doc.add_paragraph("十四、2022年度部门整体支出绩效自评表")
    add_grid(doc, DEPARTMENT_NATIONAL)
    doc.add_paragraph("十五、2022年度项目支出绩效自评表")
    add_grid(doc, CENTRAL_AB)
    second = [row[:] for row in CENTRAL_AB]
    second[0] = ["项目名称", "耕地地力保护补贴", *second[0][2:]]
    doc.add_paragraph("项目支出绩效自评表（2022年度）")
    add_grid(doc, second)
    doc.save(tmp_path / "combined.docx")
    reports, findings = _read(tmp_path / "combined.docx")
    assert [(r.kind, r.project_name, r.year) for r in reports] == [
        ("department", None, 2022),
        ("project", "农村公路养护补助", 2022),
        ("project", "耕地地力保护补贴", 2022),
    ]
    assert not _errors(findings), [f.message for f in findings]


def test_consecutive_sichuan_forms_each_keep_their_titled_year(tmp_path):
    """大英县 publishes its project forms one after another, each titled 部门预算项目支出绩效自评表(2023年度)
    (dyxrmt.cn/article-157795-21.html): the year in brackets ends the title, so each form keeps its own."""
    from tests.test_public_shapes import XIANJIE

    doc = Document()
    for name in ("安可替代补助资金项目", "衔接推进乡村振兴补助资金项目"):
        doc.add_paragraph("部门预算项目支出绩效自评表（2023年度）")
        grid = [row[:] for row in XIANJIE]
        grid[0] = ["项目名称", name, *grid[0][2:]]
        add_grid(doc, grid)
    doc.save(tmp_path / "daying.docx")
    reports, _ = _read(tmp_path / "daying.docx")
    assert [(r.form, r.project_name, r.year) for r in reports] == [
        ("sichuan", "安可替代补助资金项目", 2023),
        ("sichuan", "衔接推进乡村振兴补助资金项目", 2023),
    ]


def test_sichuan_conclusion_repeating_another_total_is_found(tmp_path):
    """The 四川 form asks its 评价结论 to "说明项目自评总分" (scqs.gov.cn/info/13206/211004.htm); filled in
    separately from the 合计 row, the two disagree: 96 in the text against 94 in the form."""
    from tests.test_public_shapes import XIANJIE

    def conclusion(score: str):
        grid = [row[:] for row in XIANJIE]
        grid.append(["评价结论", f"该项目自评总分为{score}分，等级为优，项目按计划实施。", *[LEFT] * 7])
        return _read(_save(tmp_path, f"sc{score}.docx", ["部门预算项目支出绩效自评表（2023年度）"], grid))[1]

    assert not [f for f in conclusion("94") if f.rule == "N212"]
    wrong = [f for f in conclusion("96") if f.rule == "N212"]
    assert [f.severity for f in wrong] == ["error"] and "94" in wrong[0].message and wrong[0].location


def test_budget_completion_rate_is_an_execution_rate():
    """预算完成率 (the Chongqing 部门整体 form's indicator, m.yzwku.com/doc/98587.html, and its reports'
    sentences) is the execution rate under another name: checked against the amounts beside it."""
    from tests.prose_factory import prose_project

    def rules(rate):
        reports = prose_project(f"全年预算数200万元，全年执行数180万元，预算完成率{rate}%。")
        return [f.rule for f in _errors(run_audit(reports).findings)]

    assert rules("90") == [] and rules("95") == ["N209"]


def test_grade_on_its_own_row_of_a_form_is_read_and_checked(tmp_path):
    """A 自评等级 | 良 row (forms that give the grade beside, not in, the 总分 row): read as the grade, and
    a grade the score does not allow (良 at 97.6) is found."""
    grid = [row[:] for row in CHONGQING_FLAT]
    grid.insert(2, ["自评等级", "良", *[LEFT] * 9])
    reports, findings = _chongqing(tmp_path, grid)
    assert reports[0].grade == "良"
    assert any(f.rule == "R306" for f in _errors(findings)), [f.message for f in findings]


def test_project_form_missing_its_project_name_row_stays_a_project(tmp_path):
    """单位名称 on the cover of a form titled 项目支出绩效自评表 whose 项目名称 row was cut: still a project."""
    grid = [row[:] for row in CENTRAL_AB]
    grid[0] = ["单位名称", "某县公路事务中心", *grid[0][2:]]
    reports, _ = _central(tmp_path, grid)
    assert [r.kind for r in reports] == ["project"]
