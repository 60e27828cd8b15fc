"""Public prose reports and the prose gaps the earlier rounds left (session 7, round 7; figures and names
changed where marked).

Each fixture names the public page whose wording it follows; the files are written with python-docx and
read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from jixiao_audit.audit.engine import run_audit

from tests.prose_factory import prose_reports
from tests.shape_files import messages as _messages
from tests.shape_files import serious as _serious

# ------------------------------------------------------------------ a prose project report's title names its project


@pytest.mark.parametrize(
    ("title", "name"),
    [
        # 旺苍县 2020年度部门决算 附件 (scgw.gov.cn/Detail.aspx?id=20211015173747681): the year after the name
        ("以工代赈项目2020年绩效评价报告", "以工代赈项目"),
        # the letter wording of 司城街道 (test_public_shapes_s6b), a project's
        ("关于学生资助项目2023年度绩效自评的报告", "学生资助项目"),
        ("关于2019年度高其坑通组道路工程绩效评价报告", "高其坑通组道路工程"),
        # unit, year, project, report words (the national 项目支出绩效单位自评报告 wording)
        ("某县教育局2023年度学生资助项目支出绩效单位自评报告", "学生资助项目"),
        # a fund named without unit or year (耒阳 2019 专项资金绩效自评价报告 wording)
        ("农村义务教育薄弱学校改造专项资金绩效自评报告", "农村义务教育薄弱学校改造专项资金"),
        # a unit's 专项资金 names no project
        ("耒阳市第四中学专项资金绩效自评价报告", None),
    ],
)
def test_project_title_names_the_project(title, name):
    (r,) = prose_reports(title, "一、项目概况", "项目预算10.00万元，实际支出9.80万元，预算执行率98%。")
    assert (r.kind, r.project_name) == ("project", name)


def test_bracketed_line_under_the_title_still_names_the_project():
    (r,) = prose_reports(
        "昌宁县第一示范小学2023年度项目支出绩效自评报告",
        "（教育专项工作经费）",
        "一、自评结论",
        "自评得分100分。",
    )
    assert r.project_name == "教育专项工作经费"


# ------------------------------------------------------------------ N209: a rate after a closed 其中 list, or a sentence on


def _kaiyuan_rate(first: str, second: str) -> list:
    """开远市第十二中学校2024年度部门整体和项目支出绩效自评报告 (www.hhky.gov.cn/info/124852/747542.htm): the
    spending and its 其中 list stated a sentence before the budget and the rate; figures ours."""
    return prose_reports(
        "开远市第十二中学校2024年度部门整体支出绩效自评报告", "三）当年部门整体支出绩效", first, second
    )


@pytest.mark.parametrize("rate", ["99.07", "97.07"])
def test_rate_a_sentence_after_its_spending_is_checked(rate):
    findings = run_audit(
        _kaiyuan_rate(
            "2024年度部门总支出812.40万元，其中：基本支出702.40万元，项目支出110.00万元。"
            f"全年预算数820.00万元，预算执行率{rate}%。",
            "经自评，2024年度部门整体支出绩效自评得分为92分，等级为优。",
        )
    ).findings
    assert [f.rule for f in _serious(findings)] == ([] if rate == "99.07" else ["N209"]), _messages(findings)


@pytest.mark.parametrize("rate", ["99.07", "97.07"])
def test_rate_after_a_closed_list_of_parts_is_checked(rate):
    findings = run_audit(
        _kaiyuan_rate(
            "全年预算数820.00万元，支出总额812.40万元，其中：基本支出702.40万元，项目支出110.00万元；"
            f"预算执行率{rate}%。",
            "经自评，得分为92分。",
        )
    ).findings
    assert [f.rule for f in _serious(findings)] == ([] if rate == "99.07" else ["N209"]), _messages(findings)


def test_rate_inside_an_open_list_is_a_parts_and_left_alone():
    # 95 % is the project spending's own rate, not 总支出 ÷ 预算
    findings = run_audit(
        _kaiyuan_rate(
            "全年预算数820.00万元，支出总额812.40万元，其中项目支出110.00万元，执行率95%。", "得分92分。"
        )
    ).findings
    assert not _serious(findings), _messages(findings)


def test_a_budget_after_the_list_is_no_part_of_it():
    # "项目支出预算120.00万元" budgets a part: it ends the 其中 list (it was its third part, and N211 called
    # it a 元/万元 slip against a remainder of 0.00)
    findings = run_audit(
        _kaiyuan_rate(
            "全年预算数820.00万元，支出总额812.40万元，其中：基本支出702.40万元，项目支出110.00万元；"
            "项目支出预算120.00万元，执行率91.67%。",
            "得分92分。",
        )
    ).findings
    assert not _serious(findings), _messages(findings)


def test_last_years_spending_a_sentence_before_is_no_numerator():
    findings = run_audit(
        _kaiyuan_rate("上年支出总额700.00万元。全年预算数820.00万元，预算执行率99.07%。", "得分92分。")
    ).findings
    assert not _serious(findings), _messages(findings)


# ------------------------------------------------------------------ Yunnan 呈贡纪委 2022: 预算收入 … 元，其中


def _chenggong_jiwei(project="13134275.00"):
    """中国共产党昆明市呈贡区纪律检查委员会 2022年部门整体支出绩效评价报告 (www.kmcg.gov.cn/c/2023-09-28/
    6706602.shtml): under （三）部门整体支出概况 "呈贡区纪委2022年预算收入36747905.60元,其中:基本支出预算收入
    23613630.60元,…" (halfwidth commas, figures in 元); the project part ours so that the clean copy adds up."""
    return prose_reports(
        "中国共产党昆明市呈贡区纪律检查委员会 2022年部门整体支出绩效评价报告",
        "一、 基本情况",
        "(三)部门整体支出概况",
        f"呈贡区纪委2022年预算收入36747905.60元,其中:基本支出预算收入23613630.60元,项目支出预算收入{project}元。",
    )


def test_budgeted_income_of_the_year_is_the_income_total():
    (r,) = _chenggong_jiwei()
    assert (r.kind, r.year) == ("department", 2022)
    assert r.income[0].total == D("3674.790560")
    assert not _serious(run_audit([r]).findings)


def test_parts_above_budgeted_income_are_found():
    findings = run_audit(_chenggong_jiwei(project="14134275.00")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)


def test_an_adjustment_of_budgeted_income_is_no_total():
    (r,) = prose_reports(
        "某区管理委员会2018年度部门整体支出绩效评价报告",
        "一、基本情况",
        "2018年调增预算收入18,746.37万元，决算总收入28,582.53万元。",
    )
    assert r.income[0].total == D("28582.53")


def test_figures_written_in_yuan_show_as_written():
    """呈贡纪委's 元 figures: the message shows them in 元 as written, never as 3674.790560 万元."""
    (finding,) = _serious(run_audit(_chenggong_jiwei(project="14134275.00")).findings)
    assert "36747905.60 元" in finding.message, finding.message
    assert "23613630.60 + 14134275.00 = 37747905.60 元" in finding.message
    assert "相差 1000000.00 元" in finding.message
    assert "3674.79056" not in finding.message


def test_yuan_parts_of_a_wan_total_show_in_wan_to_two_places():
    (r,) = prose_reports(
        "某县民政局2023年度部门整体支出绩效自评报告",
        "一、基本情况",
        "2023年度部门总支出1000.00万元，其中：基本支出6000000.49元，项目支出4500000.00元。",
    )
    (finding,) = _serious(run_audit([r]).findings)
    assert "600.00 + 450.00 = 1050.00 万元" in finding.message, finding.message


def test_rate_over_figures_in_yuan_shows_them_as_written():
    (r,) = prose_reports(
        "某县民政局2023年度部门整体支出绩效自评报告",
        "一、基本情况",
        "全年预算数8200000.00元，支出总额8124000.00元，预算执行率97.07%。",
    )
    (finding,) = _serious(run_audit([r]).findings)
    assert "8124000.00 元 ÷ 8200000.00 元 = 99.07%" in finding.message, finding.message


# ------------------------------------------------------------------ N213: a list that reads as the whole falls short


def test_total_above_a_list_announced_as_two_kinds_is_a_warning():
    """绵阳市科学技术局 2021 项目绩效自评报告 (beiku.com/zipingbaogao/article_538282.html) as published: "主要有部门
    预算项目支出、专项预算支出二类支出，项目资金总预算为2455.5万元，其中部门预算项目支出87.5万元，专项预算支出
    2350万元" — two kinds announced, two listed, 18 万元 missing."""
    from tests.test_public_shapes_s6b import _keji

    findings = run_audit(_keji(total="2455.5")).findings
    assert [(f.rule, f.severity) for f in _serious(findings)] == [("N213", "warning")], _messages(findings)
    assert "87.5 + 2350 = 2437.5 万元" in findings[0].message and "二类" in findings[0].message
    assert not _serious(run_audit(_keji()).findings)  # 2437.5: adds up


def test_budgeted_income_split_into_basic_and_project_short_is_a_warning():
    findings = run_audit(_chenggong_jiwei(project="12134275.00")).findings
    assert [(f.rule, f.severity) for f in _serious(findings)] == [("N213", "warning")], _messages(findings)
    assert "基本支出和项目支出" in findings[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        # a plain 其中 naming two of the three kinds: partial
        "2023年度部门总支出100.00万元，其中：人员经费50.00万元，公用经费10.00万元。",
        # 具体为 … 等: partial by its own word
        "2023年度部门总支出100.00万元，具体为：人员经费50.00万元，公用经费10.00万元，项目经费30.00万元等。",
        # a count announced that is not the number listed
        "主要有三类支出，项目资金总预算为2455.5万元，其中部门预算项目支出87.5万元，专项预算支出2350万元。",
    ],
)
def test_a_list_that_may_be_partial_stays_silent(sentence):
    (r,) = prose_reports("某县民政局2023年度部门整体支出绩效自评报告", "一、基本情况", sentence)
    assert not _serious(run_audit([r]).findings), _messages(run_audit([r]).findings)


# ------------------------------------------------------------------ Jiangxi 南昌 2022: one 总报告 over five projects


def _nanchang(spent="20", rate="100"):
    """2022年度项目支出绩效自评总报告 of 南昌市烈士陵园管理处 (m.001doc.com/doc/1156605.html): a title naming
    neither unit nor project (自评总报告), the unit only in "（一）南昌市烈士陵园管理处2022年度共有5个项目", then
    one numbered paragraph per project: "1、烈士纪念设施维修项目：预算35.3万元，2022年全年实际支付35.3万元，
    使用率100%。…"; the second project's spent figure in the planted copies ours, the score ours."""
    return prose_reports(
        "2022年度项目支出绩效自评总报告",
        "为切实做好2022年度财政项目支出绩效评价工作，进一步加强项目资金管理，提高财政资金使用效益和效率，根据"
        "南昌市财政局关于开展2022年度单位自评及部门评价工作的通知（洪财绩〔2023〕1号）要求，对我处2022年度项目"
        "支出绩效进行了自评。现将情况报告如下：",
        "一、本部门项目绩效目标情况",
        "（一）南昌市烈士陵园管理处2022年度共有5个项目",
        "1、烈士纪念设施维修项目：预算35.3万元，2022年全年实际支付35.3万元，使用率100%。具体评价范围为：独立墓"
        "墓基（台阶、墓道、围栏）维修、更换主碑等500平方米；墓地周边环境整治404平方米。共支出成本35.3万元，"
        "2022年全年已实际支付35.3万元。",
        f"2、2022年退役军人事务专项资金项目：预算20万元，2022年全年实际支付{spent}万元，使用率{rate}%。具体评价"
        f"范围为：英烈堂窗户改造更新335平米，环境整治绿化面积约3000平米。共支出成本{spent}万元，2022年全年已实际"
        f"支付{spent}万元。",
        "3、预算外资金政府集中款项目：预算20万元，2022年全年实际支付20万元，使用率100%。",
        "4、南昌市烈士陵园整体提升改造工程（一期）项目：预算1616万元，2022年全年实际支付1616万元，使用率100%。",
        "二、自评结论",
        "经自评，2022年度项目支出绩效自评得分为96分，等级为优。",
    )


def test_total_report_over_several_projects_reads_as_one_project_report():
    (r,) = _nanchang()
    assert (r.kind, r.form, r.year, r.project_name) == ("project", "prose", 2022, None)  # 总报告 names none
    assert r.department == "南昌市烈士陵园管理处"  # from "（一）南昌市烈士陵园管理处2022年度共有5个项目"
    assert (r.self_score, r.grade) == (D(96), "优")
    # each numbered project's budget is its own, never the report's total
    assert r.funds is None or r.funds.planned.total is None
    assert not _serious(run_audit([r]).findings)


def test_one_projects_wrong_use_rate_is_found():
    findings = run_audit(_nanchang(spent="18")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)
    assert "18.00 万元 ÷ 20.00 万元" in findings[0].message
    # the right rate for the same spending is clean
    assert not _serious(run_audit(_nanchang(spent="18", rate="90")).findings)


# ------------------------------------------------------------------ Hainan 海口 2022: 下达 … 已全部到位


def _xiuying(arrived="105"):
    """海口市秀英区水务局2022年衔接资金项目绩效自评报告 (m.bidcenter.com.cn/newsrili-1-238076203.html): the
    project named by its fund in the title, "衔接资金共下达105万元，用于实施…项目" (下达: the money issued), and
    "衔接资金105万元已全部到位" (the figure named by the words after it); the 到位率 clause and the planted
    arrived figure ours."""
    return prose_reports(
        "海口市秀英区水务局2022年衔接资金项目绩效自评报告",
        "一、绩效目标分解下达情况",
        "（一）海口市秀英区水务局2022年衔接资金共下达105万元，用于实施西秀镇龙头村蔬菜园产业项目。",
        "二、绩效自评工作开展情况",
        "项目实施过程中，严格遵守财政资金使用管理办法，专款专用，确保了财政资金的正常合理使用。",
        "三、绩效目标自评完成情况分析",
        "（一）资金投入情况分析。",
        "1.项目资金到位情况分析",
        f"海口市秀英区水务局2022年衔接资金{arrived}万元已全部到位，资金到位率100%。",
        "2.项目资金执行情况分析",
        "实施西秀镇龙头村蔬菜园产业项目，该专项资金已按合同规定完成对该项目进度的支付。",
        "（3）项目实施进度",
        "西秀镇龙头村蔬菜园产业项目已完成竣工验收，完成率100%。",
    )


def test_issued_and_arrived_funds_are_read_by_their_words():
    (r,) = _xiuying()
    assert (r.kind, r.form, r.year, r.department) == ("project", "prose", 2022, "海口市秀英区水务局")
    assert r.project_name == "衔接资金项目"
    assert (r.funds.planned.total, r.funds.arrived.total) == (D(105), D(105))
    assert not _serious(run_audit([r]).findings)


def test_arrival_rate_against_issued_funds_is_checked():
    findings = run_audit(_xiuying(arrived="100")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)
    assert "100.00 万元 ÷ 105.00 万元" in findings[0].message


@pytest.mark.parametrize(
    ("first", "unit"),
    [
        ("（一）南昌市烈士陵园管理处2022年度共有5个项目", "南昌市烈士陵园管理处"),
        # a funder named after 根据 is no subject
        ("根据某县财政局2022年下达的预算，我处共实施项目5个。", None),
        # a unit named without the year's figures after it is no subject either
        ("南昌市烈士陵园管理处负责全市烈士纪念设施的管理。", None),
    ],
)
def test_a_title_without_a_unit_takes_the_subject_of_the_first_lines(first, unit):
    (r,) = prose_reports("2022年度项目支出绩效自评总报告", "一、基本情况", first, "经自评，得分96分。")
    assert r.department == unit


@pytest.mark.parametrize(
    "sentences",
    [
        (
            "2023年度部门总支出812.40万元，其中：基本支出702.40万元，项目支出110.00万元。项目支出全年预算120.00万元，"
            "预算执行率91.67%。"
        ),
        "2023年度部门总支出812.40万元。学生资助项目预算资金120.00万元，执行率91.67%。",
        (
            "全年预算数820.00万元，支出总额812.40万元，其中：基本支出702.40万元，项目支出110.00万元；项目支出预算"
            "120.00万元，执行率91.67%。"
        ),
    ],
)
def test_a_parts_budget_is_never_divided_into_the_wholes_spending(sentences):
    """Widening N209 to the sentence before (or past a closed list) pairs only the whole with the whole."""
    findings = run_audit(_kaiyuan_rate(sentences, "得分92分。")).findings
    assert "N209" not in [f.rule for f in findings], _messages(findings)
