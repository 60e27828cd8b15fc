"""Forms in the shapes public reports really take, with the mistakes found in them by hand.

Each document follows a public example's labels, layout and habits (figures changed): the Anhui
national form with its 年度资金总额 row left at 0 under filled 其中 rows, targets written with their
unit in one cell (≥50个, ≥100百分比) and 达成预期指标 as the actual value; the Sichuan form with the
template's instructions left in its cells and a blank budget score; the Hunan 基础数据表 whose
评价指标表 quotes a 三公经费 变动率 on a base the data table does not hold. They are built independently
of the generator (`corpus/render_families.py` only lends its grid builder), so a reader tuned to those files cannot pass by accident.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from docx import Document

from corpus.render_families import LEFT, UP, add_grid
from tests.shape_files import read_and_audit as _read
from tests.shape_files import save_form as _save

ANHUI = [
    ["项目名称", "基建工程委托业务项目", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    [
        "主管部门",
        "219-某市某区某镇人民政府",
        LEFT,
        LEFT,
        "实施单位",
        "219001-某市某区某镇人民政府",
        LEFT,
        LEFT,
        LEFT,
    ],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", LEFT],
    [UP, "年度资金总额：", "0", "0", "0", "10", "0", "0", LEFT],
    [UP, "其中：本年财政拨款", "80", "79.964", "79.964", "—", "100%", "—", LEFT],
    [UP, "上年结转资金", "", "", "", "—", "", "—", LEFT],
    [UP, "其他资金", "", "", "", "—", "", "—", LEFT],
    ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
    [
        UP,
        "本项目共申请预算资金80万元。",
        LEFT,
        LEFT,
        LEFT,
        "本项目共完成预算资金79.96万元。",
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
    [UP, "产出指标（50分）", "数量指标", "委托业务项目数量", "≥40个", "40", "10", "10", ""],
    [UP, UP, "质量指标", "委托业务报告合格率", "≥100百分比", "100", "10", "10", ""],
    [UP, UP, "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", "10", "10", ""],
    [UP, UP, "成本指标", "项目总成本", "≤80万元", "79.96", "10", "10", ""],
    [UP, UP, UP, "单项业务成本", "符合相关规定", "达成预期指标", "10", "10", ""],
    [
        UP,
        "效益指标（30分）",
        "社会效益指标",
        "对维护市场公平的影响程度",
        "效果明显",
        "达成预期指标",
        "15",
        "15",
        "",
    ],
    [UP, UP, "可持续影响指标", "对制度健全的持续性影响", "效果明显", "达成预期指标", "15", "15", ""],
    [UP, "满意度指标（10分）", "服务对象满意度指标", "委托方满意度", "≥90%", "95%", "10", "10", ""],
    ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "100", "优"],
]


@pytest.fixture
def anhui(tmp_path):
    return _read(_save(tmp_path, "anhui.docx", ["附件：", "项目支出绩效自评表", "（2022年度）"], ANHUI))


def test_anhui_national_form_is_read_as_one_project(anhui):
    reports, _ = anhui
    assert len(reports) == 1
    (r,) = reports
    assert r.kind == "project" and r.form == "national"
    assert r.project_name == "基建工程委托业务项目"
    # the budget system prints "<code>-<name>": the name is the unit, the implementer's code its budget code
    assert r.supervisor == "某市某区某镇人民政府"
    assert r.department == "某市某区某镇人民政府"
    assert r.budget_code == "219001"
    assert r.year == 2022
    lines = {b.item.rstrip("：:"): b for b in r.budget_lines}
    assert lines["其中：本年财政拨款"].adjusted == D("79.964")
    assert lines["其中：本年财政拨款"].executed == D("79.964")
    assert lines["年度资金总额"].max_points == D(10)
    names = {i.name: i for i in r.indicators}
    assert names["委托业务项目数量"].max_points == D(10) and names["委托业务项目数量"].points == D(10)
    assert len(r.indicators) == 8
    assert r.goals.expected.startswith("本项目共申请预算资金80万元")


def test_anhui_total_row_left_at_zero_is_an_error(anhui):
    _, findings = anhui
    errors = [f for f in findings if f.severity == "error"]
    assert any("年度资金总额" in (f.message + f.location) for f in errors), [f.message for f in findings]


def test_anhui_weights_are_not_assumed_to_total_100_from_indicators_alone(anhui):
    """预算执行 10 + 产出 50 + 效益 30 + 满意度 10 = the form's own 总分 100: no weight finding."""
    _, findings = anhui
    assert not [f for f in findings if "分值" in f.message and "100" in f.message and f.severity == "error"]


SICHUAN = [
    ["项目名称", "510000000000-工资性支出", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    [
        "主管部门",
        "某县发展和改革局本级",
        LEFT,
        LEFT,
        LEFT,
        "实施单位（盖章）",
        "某县发展和改革局",
        LEFT,
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        "项目基本情况",
        "1.项目年度目标完成情况",
        LEFT,
        "项目年度目标",
        LEFT,
        LEFT,
        "年度目标完成情况",
        LEFT,
        LEFT,
        LEFT,
        LEFT,
    ],
    [
        UP,
        UP,
        LEFT,
        "保障工资及时足额发放。",
        LEFT,
        LEFT,
        "对照年度目标，说明相关任务目标的完成情况（100字以内）",
        LEFT,
        LEFT,
        LEFT,
        LEFT,
    ],
    [UP, "2.项目实施内容及过程概述", LEFT, "", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    [
        "预算执行情况（10分）",
        "年度预算数（万元）",
        LEFT,
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因",
        LEFT,
    ],
    [
        UP,
        "总额",
        LEFT,
        "238.93",
        "251.89",
        "251.89",
        "100.00%",
        "10",
        "",
        "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）",
        LEFT,
    ],
    [UP, "其中：财政资金", LEFT, "238.93", "251.89", "251.89", "100.00%", "/", "/", UP, LEFT],
    [UP, "财政专户管理资金", LEFT, "0.00", "0.00", "0.00", "0.00%", "/", "/", UP, LEFT],
    [UP, "单位资金", LEFT, "0.00", "0.00", "0.00", "0.00%", "/", "/", UP, LEFT],
    [UP, "其他资金", LEFT, "", "", "", "", "/", "/", UP, LEFT],
    [
        "绩效指标（90分）",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ],
    [UP, "产出指标", "数量指标", "发放覆盖率", "=", "100", "%", "", "60", "", ""],
    [UP, "效益指标", "社会效益指标", "足额保障率", "=", "100", "%", "", "30", "", ""],
    ["合计", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100", "", LEFT],
    [
        "评价结论",
        "结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以内）",
        LEFT,
        LEFT,
        LEFT,
        LEFT,
        LEFT,
        LEFT,
        LEFT,
        LEFT,
        LEFT,
    ],
    ["存在问题", "无", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["改进措施", "无", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["项目负责人：", LEFT, LEFT, LEFT, LEFT, "财务负责人：", LEFT, LEFT, LEFT, LEFT, LEFT],
]


@pytest.fixture
def sichuan(tmp_path):
    before = ["报表编号：510000_0013zp", "部门预算项目支出绩效自评表（2023年度）"]
    return _read(_save(tmp_path, "sichuan.docx", before, SICHUAN))


def test_sichuan_form_is_one_report_with_its_budget_block(sichuan):
    reports, _ = sichuan
    assert len(reports) == 1
    (r,) = reports
    assert r.form == "sichuan" and r.kind == "project" and r.year == 2023
    assert r.project_name == "工资性支出"  # the budget system's project code before the hyphen is dropped
    assert r.supervisor == "某县发展和改革局本级" and r.department == "某县发展和改革局"
    total = r.budget_lines[0]
    assert (total.initial, total.adjusted, total.executed, total.rate, total.max_points) == (
        D("238.93"),
        D("251.89"),
        D("251.89"),
        D("100.00"),
        D(10),
    )
    assert total.points is None
    assert [i.max_points for i in r.indicators] == [D(60), D(30)]
    assert [i.nature for i in r.indicators] == ["=", "="]


def test_sichuan_unfilled_form_reports_blank_scores_and_template_text(sichuan):
    _, findings = sichuan
    text = " ".join(f.message for f in findings)
    assert "未填" in text or "空" in text
    assert any(f.message.startswith("评价结论未填写（结合自评情况") for f in findings), text
    assert not [f for f in findings if f.severity == "error"], [f.message for f in findings]


HUNAN_BASIC = [
    ["财政供养人员情况", "编制数", "2018年实际在职人数", "控制率"],
    [UP, "143", "136", "95.10%"],
    ["经费控制情况", "2017年决算数", "2018年预算数", "2018年决算数"],
    ["三公经费", "29.08", "63.46", "44.29"],
    ["1、公务用车购置和维护经费", "11.86", "41.46", "39.30"],
    ["其中：公车购置", "", "29.46", "29.46"],
    ["公车运行维护", "11.86", "12", "9.84"],
    ["2、出国经费", "", "", ""],
    ["3、公务接待", "17.22", "22", "4.99"],
    ["项目支出：", "", "", ""],
    ["1、业务工作专项", "938.8", "320", "689.16"],
    ["2、运行维护专项", "", "", ""],
    ["公用经费", "", "", ""],
    ["其中：办公经费", "14.44", "10", "0.68"],
    ["水费、电费、差旅费", "17.92", "7.50", "25.36"],
    ["会议费、培训费", "", "0.8", ""],
    ["政府采购金额", "16.14", "30.66", "30.66"],
    ["部门整体支出预算调整", "", "1922.76", "2690.62"],
]


def test_hunan_basic_data_table_alone_is_read(tmp_path):
    path = _save(
        tmp_path,
        "basic.docx",
        ["附件3：", "部门整体支出绩效评价基础数据表", "填报单位：某县某局              单位：万元"],
        HUNAN_BASIC,
    )
    reports, findings = _read(path)
    assert len(reports) == 1
    (r,) = reports
    assert r.form == "hunan_basic" and r.kind == "department"
    staff = r.basic_data.staffing
    assert (staff.authorized, staff.actual, staff.control_rate) == (143, 136, D("95.10"))
    rows = {row.item: row for row in r.basic_data.cost_control}
    assert rows["三公经费"].final == D("44.29")
    assert rows["1、业务工作专项"].previous_final == D("938.8")
    assert not [f for f in findings if f.severity == "error"], [f.message for f in findings]


def test_hunan_basic_data_sum_mistake_is_found(tmp_path):
    grid = [row[:] for row in HUNAN_BASIC]
    grid[3] = ["三公经费", "29.08", "63.46", "45.29"]  # parts give 44.29
    _, findings = _read(_save(tmp_path, "basic.docx", ["部门整体支出绩效评价基础数据表"], grid))
    assert any("三公经费" in f.message and f.severity == "error" for f in findings), [
        f.message for f in findings
    ]


XIANJIE = [  # Sichuan 衔接资金 variant: 分值 before 年度指标值 | 全年实际值
    ["项目名称", "2023年某县衔接推进乡村振兴补助资金项目", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["主管部门", "某县农业农村局", LEFT, LEFT, "实施单位（盖章）", "某县乡村振兴服务中心", LEFT, LEFT, LEFT],
    [
        "预算执行情况（10分）",
        "年度预算数（万元）",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因",
    ],
    [UP, "总额", "300", "320", "288", "90.00%", "10", "9", ""],
    [UP, "其中：财政资金", "300", "320", "288", "90.00%", "/", "/", ""],
    [
        "绩效指标（90分）",
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "年度指标值",
        "全年实际值",
        "得分",
        "未完成原因及拟采取的改进措施",
    ],
    [
        UP,
        "产出指标",
        "数量指标",
        "新建产业路",
        "30",
        "≥12公里",
        "10公里",
        "25",
        "部分路段因雨季延期，次年完工",
    ],
    [UP, UP, "质量指标", "验收合格率", "30", "=100%", "100%", "30", ""],
    [UP, "效益指标", "社会效益指标", "受益脱贫人口", "30", "≥800人", "900人", "30", ""],
    ["合计", LEFT, LEFT, LEFT, "100", LEFT, LEFT, "94", LEFT],
]


def test_sichuan_xianjie_variant_reads_its_columns_and_rescores(tmp_path):
    doc = Document()
    doc.add_paragraph("部门预算项目支出绩效自评表（2023年度）")
    add_grid(doc, XIANJIE)
    path = tmp_path / "xianjie.docx"
    doc.save(path)
    reports, findings = _read(path)
    (r,) = reports
    assert r.form == "sichuan"
    by_name = {i.name: i for i in r.indicators}
    road = by_name["新建产业路"]
    assert (road.max_points, road.points, road.nature, road.target, road.actual) == (
        D(30),
        D(25),
        "≥",
        "12",
        "10公里",
    )
    assert road.deviation == "部分路段因雨季延期，次年完工"
    assert r.score_total_max == D(100) and r.self_score == D(94)
    # 10/12 of 30 points is 25: the form's own score stands, so no indicator score finding.
    assert not [f for f in findings if f.severity == "error"], [f.message for f in findings]
