"""Public reports in wordings and layouts the earlier shape tests do not cover (session 5, round 3; figures
and names changed).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

from jixiao_audit.audit.engine import run_audit

from corpus.render_families import LEFT, UP
from tests.prose_factory import prose_reports
from tests.shape_files import messages as _messages
from tests.shape_files import pad as _pad
from tests.shape_files import read_and_audit as _read
from tests.shape_files import save_form as _save
from tests.shape_files import serious as _serious


def _statement(report, concept):
    return next(s.value for s in report.statements if s.concept == concept)


# ------------------------------------------------------------------ Hainan: 专项资金预算 in a project prose report


def _pingshan(rate):
    """海南省平山医院卫生健康发展专项资金项目绩效自评报告 (www.wenshubang.com/baogao/2596486.html): the
    budget stated as "…专项资金预算1110万元" under 项目基本性质、用途和主要内容, the spending and its rate under
    项目资金使用情况分析; figures changed."""
    return prose_reports(
        "某医院2021年度卫生健康发展专项资金项目绩效自评报告",
        "一、项目概况",
        "（一）项目基本性质、用途和主要内容",
        "2021年某医院卫生健康发展专项资金预算1110万元。",
        "二、项目资金使用及管理情况",
        "（一）项目资金到位情况分析。项目资金1110万元已全部到位，到位率100%。",
        f"（二）项目资金使用情况分析。截至2021年12月31日，项目实际支出1050.60万元，预算执行率{rate}%。",
        "三、综合评价结论",
        "经自评，该项目综合得分为90.5分，评价等级为“优”。",
    )


def test_special_fund_budget_sentence_is_the_budget():
    (r,) = _pingshan("94.65")
    assert (r.kind, r.year, r.self_score, r.grade) == ("project", 2021, D("90.5"), "优")
    assert _statement(r, "project.budget") == D(1110)
    assert _statement(r, "project.spent") == D("1050.60")
    assert not _serious(run_audit([r]).findings)


def test_wrong_rate_against_a_special_fund_budget_is_found():
    findings = run_audit(_pingshan("97.65")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)


# ------------------------------------------------------------------ Chongqing 大足 2021: 部门整体绩效目标自评表, no 得分 column

DAZU = _pad(
    [
        ["单位名称", "某区商务委员会", LEFT, "单位负责人及电话", "张某 13900000000", LEFT],
        ["主管部门", "商务委财务科", LEFT, "实施单位", "", LEFT],
        [
            "资金情况（万元）",
            "",
            "年初预算资金总额（万元）",
            "实际投入资金额（万元）",
            "产生差异的原因",
            LEFT,
        ],
        [UP, "合计", "1304.23", "2951.55", "项目经费增加", LEFT],
        [UP, "其中：财政拨款", "1304.23", "2951.55", "", LEFT],
        [UP, "其他资金", "", "", "", LEFT],
        ["年度目标（年初）", LEFT, LEFT, "年度总体目标完成情况", LEFT, LEFT],
        [
            "1.社会消费品零售总额同比增速9.5%。2.外贸进出口总额17.5亿元。",
            LEFT,
            LEFT,
            "1.社会消费品零售总额同比增速25.6%。2.外贸进出口总额28.6亿元。",
            LEFT,
            LEFT,
        ],
        ["三级指标", "指标权重", "计量单位", "指标值", "全年实际完成值", "产生差异的原因及改进措施"],
        ["消费品零售额增速", "25", "%", "9.5", "25.6", ""],
        ["外贸进出口总额", "25", "亿元", "17.5", "28.6", ""],
        ["新增限上商贸企业（法人）", "13", "家", "23", "33", ""],
        ["网络零售额", "12", "亿元", "13.39", "23.59", ""],
        ["服务对象满意度", "25", "%", "≥90", "95", ""],
    ],
    6,
)


def _dazu(tmp_path, grid):
    """重庆市大足区商务委员会2021年度预算资金绩效自评公开, 表1 2021年部门整体绩效目标自评表
    (www.dazu.gov.cn/zwgk_175/fdzdgknr/czyjs/qzfzcbm/qsww_68879/js/202204/t20220413_10612470.html):
    单位名称 | 单位负责人及电话 and 主管部门 | 实施单位 on the cover; 资金情况（万元） as 年初预算资金总额 |
    实际投入资金额 | 产生差异的原因 (合计, 其中：财政拨款, 其他资金; spending far above the budget, explained);
    年度目标（年初） | 年度总体目标完成情况 over their texts; a flat indicator table 三级指标 | 指标权重 |
    计量单位 | 指标值 | 全年实际完成值 | 产生差异的原因及改进措施 with no 得分 column and no total score."""
    return _read(
        _save(
            tmp_path,
            "dazu.docx",
            ["某区商务委员会2021年度预算资金绩效自评公开", "表1：", "2021年部门整体绩效目标自评表"],
            grid,
        )
    )


def test_goal_form_without_scores_is_read(tmp_path):
    reports, findings = _dazu(tmp_path, DAZU)
    (r,) = reports
    assert (r.kind, r.form, r.year, r.department, r.supervisor) == (
        "department",
        "chongqing",
        2021,
        "某区商务委员会",
        "商务委财务科",
    )
    assert [(b.item, b.initial, b.executed) for b in r.budget_lines[:2]] == [
        ("合计", D("1304.23"), D("2951.55")),
        ("其中：财政拨款", D("1304.23"), D("2951.55")),
    ]
    assert r.goals.expected.startswith("1.社会消费品") and r.goals.actual.endswith("28.6亿元。")
    assert [(i.name, i.max_points, i.target, i.actual) for i in r.indicators][1] == (
        "外贸进出口总额",
        D(25),
        "17.5",
        "28.6",
    )
    assert all(i.points is None for i in r.indicators)
    # no 得分 column: nothing was left blank (C522 is for forms whose 得分 cells are empty)
    assert not _serious(findings), _messages(findings)


def test_goal_form_parts_above_the_total_and_unexplained_shortfall_are_found(tmp_path):
    grid = [row[:] for row in DAZU]
    grid[4] = [UP, "其中：财政拨款", "1304.23", "2851.55", "", LEFT]
    grid[12] = ["网络零售额", "12", "亿元", "13.39", "12.59", ""]
    _, findings = _dazu(tmp_path, grid)
    assert sorted(f.rule for f in _serious(findings)) == ["A121", "C521"], _messages(findings)


# ------------------------------------------------------------------ Hebei 临城 2021: batches summed by a trailing 合计


def _lincheng(total="6222.4"):
    """临城县2021年度财政衔接资金统筹整合使用道路建设项目 绩效自评报告 (or2.xixipi.tk/baogao/6505890.html,
    建设项目绩效自评报告1): under 一、县级批复资金情况 one sentence lists each batch's 县级批复总投资 with its
    建筑工程 share in brackets, then "合计批复总投资6222.4万元（其中建筑工程6025.215万元）"; names changed."""
    return prose_reports(
        "某县交通运输局2021年度财政衔接资金道路建设项目绩效自评报告",
        "一、县级批复资金情况",
        "我局承担某县2021年度财政衔接资金统筹整合使用道路建设项目实施任务，该项目分三批实施，"
        "一批项目县级批复总投资3374.3万元（其中建筑工程3292万元），二批项目县级批复总投资2069.51万元"
        "（其中建筑工程1975.775万元），三批项目县级批复投资778.59万元（其中建筑工程757.44万元），"
        f"合计批复总投资{total}万元（其中建筑工程6025.215万元）。",
        "二、项目安排情况",
        "主要建设内容为建设道路311520平方米，小桥2座。",
    )


def test_total_after_its_batches_is_the_planned_investment():
    (r,) = _lincheng()
    assert (r.kind, r.year, r.department) == ("project", 2021, "某县交通运输局")
    assert r.funds.planned.total == D("6222.4")
    # the batches are parts of the total, not mentions of the planned investment that disagree with it
    assert not _serious(run_audit([r]).findings), _messages(run_audit([r]).findings)


def test_trailing_total_that_is_not_the_sum_of_its_batches_is_found():
    findings = run_audit(_lincheng("6322.4")).findings
    (n207,) = _serious(findings)
    assert n207.rule == "N207" and "3374.3 + 2069.51 + 778.59 = 6222.4" in n207.message, _messages(findings)


# ------------------------------------------------------------------ Hunan 岳阳 2018: title over two lines, a cover of label lines


def _yueyang(rate="98.54"):
    """岳阳市城市管理监督指挥中心2018绩效评价自评报告 (www.yueyang.gov.cn/cgj/9886/9901/content_1560779.html):
    the title broken after 部门整体支出 ("岳阳市2018年度部门整体支出" / "绩效评价自评报告") naming the city, not the
    unit; the unit on the cover's 部门（单位）名称 line with 预 算 编 码, 评价方式, 评价机构, 报告日期 and
    岳阳市财政局（制）; figures changed and stated in a sentence."""
    return prose_reports(
        "岳阳市2018年度部门整体支出",
        "绩效评价自评报告",
        "部门（单位）名称：  岳阳市某监督指挥中心",
        "预 算 编 码：   906017",
        "评价方式：部门（单位）绩效自评",
        "评价机构：部门（单位）评价组",
        "报告日期：2019年06月18日",
        "岳阳市财政局（制）",
        "一、部门（单位）基本概况",
        f"2018年年初预算数为320.50万元，全年预算数为350.20万元，全年执行数为345.10万元，预算执行率为{rate}%。",
        "经自评，2018年度部门整体支出绩效自评得分为92分，等级为“优”。",
    )


def test_cover_names_the_unit_under_a_two_line_title():
    (r,) = _yueyang()
    assert (r.kind, r.year, r.department, r.budget_code, r.report_date) == (
        "department",
        2018,
        "岳阳市某监督指挥中心",
        "906017",
        "2019-06-18",
    )
    assert (r.self_score, r.grade) == (D(92), "优")
    assert not _serious(run_audit([r]).findings)


def test_wrong_rate_under_a_cover_is_found():
    findings = run_audit(_yueyang("96.54")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)
