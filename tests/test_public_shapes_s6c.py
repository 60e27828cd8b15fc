"""Public reports in wordings and layouts the earlier shape tests do not cover (session 6, round 6; figures
and names changed where marked).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from jixiao_audit.audit.engine import run_audit

from tests.prose_factory import prose_reports
from tests.shape_files import messages as _messages
from tests.shape_files import serious as _serious

# ------------------------------------------------------------------ Yunnan 昌宁 2023: 资金总额 … 拨付使用 … 执行率


def _changning(spent="16.20", rate="100"):
    """昌宁县第一示范小学2023年度项目支出绩效自评报告 (yncn.gov.cn/info/4112/9026410.htm): the project named on
    a second title line in brackets, the conclusion first (一、自评结论 / （一）自评得分 "自评得分100分，自评结果为
    “优秀”"), and the money in one sentence: "项目财政资金总额16.20万元，全部为县级配套资金，拨付使用16.20万元，
    预算执行率100%"; the spent figure of the planted copies ours."""
    return prose_reports(
        "昌宁县第一示范小学2023年度项目支出绩效自评报告",
        "（教育专项工作经费）",
        "一、自评结论",
        "（一）自评得分",
        "通过项目绩效自评小组的全方位评价，我校教育专项工作经费项目自评得分100分，自评结果为“优秀”。",
        "（二）绩效目标完成情况",
        "1. 执行率情况。",
        f"2023年度我校教育专项工作经费项目财政资金总额16.20万元，全部为县级配套资金，拨付使用{spent}万元，"
        f"预算执行率{rate}%。",
        "2. 完成的绩效目标。",
        "（1）产出指标",
        "①数量指标：2023年，我校收到教育专项工作经费资金16.20万元。",
        "②时效指标：教育专项工作经费资金到位率为100%。",
        "（3）满意度指标（服务对象满意度指标）：学校满意度大于年度指标值≥95%。",
        "3. 未完成的绩效目标。",
        "无。",
    )


def test_conclusion_first_project_report_reads_its_money():
    (r,) = _changning()
    assert (r.kind, r.form, r.year, r.department) == ("project", "prose", 2023, "昌宁县第一示范小学")
    assert (r.self_score, r.grade) == (D(100), "优秀")
    assert r.project_name == "教育专项工作经费"  # the bracketed line under the title
    assert r.narrative[0].heading == "一、自评结论"
    # 资金总额 is the project's budget, 拨付使用 its spending
    assert (r.funds.planned.total, r.funds.spent.total) == (D("16.20"), D("16.20"))
    assert not _serious(run_audit([r]).findings)


def test_rate_against_total_and_amount_paid_out_is_checked():
    # 15.60 ÷ 16.20 = 96.30 %: a stated 90 % is wrong, the right rate is clean
    findings = run_audit(_changning(spent="15.60", rate="90")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)
    assert not _serious(run_audit(_changning(spent="15.60", rate="96.30")).findings)


# ------------------------------------------------------------------ Yunnan 开远 2024: 部门整体和项目支出 in one title


def _kaiyuan(basic="702.40", rate="99.07"):
    return prose_reports(*_kaiyuan_lines(basic, rate))


def _kaiyuan_lines(basic="702.40", rate="99.07"):
    """开远市第十二中学校2024年度部门整体和项目支出绩效自评报告 (www.hhky.gov.cn/info/124852/747542.htm, and
    乐白道中心校 …/746932.htm): "附件 1" above a title broken mid-phrase ("开远市第十二中学校 2024 年度部门整体和"
    / "项目支出绩效自评报告"), spaces around the year, an unnumbered first heading (部门基本情况) and a third
    heading that lost its opening bracket ("三）当年部门整体支出绩效"); the figures and the score ours."""
    return [
        "附件 1",
        "开远市第十二中学校 2024 年度部门整体和",
        "项目支出绩效自评报告",
        (
            "为贯彻落实全面实施预算绩效管理，根据《开远市财政局关于印发〈开远市全面实施预算绩效管理工作推进方案〉"
            "的通知》（开财字〔2020〕181 号）要求，我单位及时对2024 年部门整体和项目支出绩效情况进行自查自评，现将"
            "开远市第十二中学校2024 年度部门整体和项目支出情况报告如下："
        ),
        "部门基本情况",
        "（一）部门概况",
        "1. 职责职能",
        "实施初中义务教育，促进基础教育发展及初中学历教育发展。",
        "2.机构设置及人员情况",
        "内设一个办学机构，八个内部机构。在编教师数为31 人。",
        "三）当年部门整体支出绩效",
        f"2024年度部门总支出812.40万元，其中：基本支出{basic}万元，项目支出110.00万元。",
        f"全年预算数820.00万元，实际支出812.40万元，预算执行率{rate}%。",
        "经自评，2024年度部门整体支出绩效自评得分为92分，等级为优。",
    ]


def test_whole_and_project_title_broken_mid_phrase_is_one_department_report():
    (r,) = _kaiyuan()
    assert (r.kind, r.form, r.year, r.department) == ("department", "prose", 2024, "开远市第十二中学校")
    assert r.title == "开远市第十二中学校2024年度部门整体和项目支出绩效自评报告"
    assert (r.self_score, r.grade) == (D(92), "优")
    assert not _serious(run_audit([r]).findings)


def test_whole_and_project_report_mistakes_are_found():
    findings = run_audit(_kaiyuan(basic="720.40")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)
    findings = run_audit(_kaiyuan(rate="97.07")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)


def test_heading_without_its_opening_bracket_is_no_title():
    (r,) = prose_reports(
        "某县民政局2023年度部门整体支出绩效自评报告",
        "一、基本情况",
        "三）当年部门整体支出绩效",
        "2023年度部门总支出100.00万元，其中：基本支出60.00万元，项目支出40.00万元。",
    )
    assert (r.kind, r.department) == ("department", "某县民政局")


# ------------------------------------------------------------------ Yunnan 呈贡 2018: 附件 note, asides, 三公 changes


def _yuanqu(project="30,598.58", fall="26.19"):
    """昆明呈贡信息产业园区管理委员会 2018年度部门整体支出绩效评价报告 (www.kmcg.gov.cn/c/2019-05-27/3476331.shtml):
    a note "附件：2018年度项目支出绩效自评报告" right under the title (a linked file, not a second report),
    "决算总支出30,969.07万元（包含使用的存量资金2,386.53万元），其中基本支出370.48万元，项目支出30,598.58万元"
    (an aside between the total and its 其中; the parts add to 30,969.06, a rounding difference) and “三公”
    changes "公务用车购置及运行维护费2.68万元（公务用车运行维护费2.68万元、公务用车购置费0元），较上年减少
    0.95万元，减少26.19%" (0.95 ÷ 3.63 = 26.17 %, within the rounding of figures shown to 0.01万元);
    text as on the page, only the planted copies changed."""
    return prose_reports(
        "昆明呈贡信息产业园区管理委员会 2018年度部门整体支出绩效评价报告",
        "附件：2018年度项目支出绩效自评报告",
        "一、基本情况",
        "（一）部门整体支出概况",
        "2018，区财政局年初安排我单位的部门预算资金额为9,836.16万元，其中一般公共预算收入9,836.16万元，基金预算"
        "收入0元，2018年调增预算收入18,746.37万元，决算总收入28,582.53万元。2018年决算总支出30,969.07万元（包含"
        f"使用的存量资金2,386.53万元），其中基本支出370.48万元，项目支出{project}万元。年初预算支出完成率100%，"
        "年终结转结余0元。",
        "2018年我单位“三公”经费决算总额16.42万元，较上年减少1.28万元，减少7.22%。其中因公出国（境）费0元；较上年"
        "持平；公务用车购置及运行维护费2.68万元（公务用车运行维护费2.68万元、公务用车购置费0元），较上年减少0.95"
        f"万元，减少{fall}%；公务接待费13.74万元，较上年减少0.33万元，减少2.32%。",
    )


def test_attachment_note_under_a_title_starts_no_report():
    (r,) = _yuanqu()
    assert (r.kind, r.form, r.year, r.department) == (
        "department",
        "prose",
        2018,
        "昆明呈贡信息产业园区管理委员会",
    )
    # rounding differences (30,969.06 against 30,969.07; 26.17 % against 26.19 %) are no findings
    assert not _serious(run_audit([r]).findings), _messages(run_audit([r]).findings)


def test_parts_listed_after_an_aside_are_added():
    findings = run_audit(_yuanqu(project="30,498.58")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)


def test_change_of_a_figure_followed_by_an_aside_is_checked_against_that_figure():
    # the base is 2.68 + 0.95, not the 0元 inside the brackets
    findings = run_audit(_yuanqu(fall="36.19")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)
    assert "3.63" in findings[0].message


# ------------------------------------------------------------------ Yunnan 呈贡 2023: 元 figures, 收到 vs 发生支出


def _chenggong_school(basic="50167398.51"):
    """昆明市呈贡区云大附中呈贡中学 2023年部门整体支出绩效评价报告 (www.kmcg.gov.cn/c/2024-09-26/6908586.shtml):
    "附件3-2" over the unit on a line of its own and "2023部门整体支出绩效评价报告" (a year with no 年), figures
    in 元, money received split by 其中 and followed in the same list by money spent ("共收到财政资金57511795.36
    元。其中，收到…结转…自有资金759897.87元，2023年当期取得收入56751897.49元，2023年当期发生支出56916443.49元"),
    and a part whose description runs on with 包括 but no figures; text as on the page."""
    return prose_reports(
        "附件3-2",
        "昆明市呈贡区云大附中呈贡中学",
        "2023部门整体支出绩效评价报告",
        "一、基本情况",
        "（一）部门整体支出概况",
        "2023年学校共收到财政资金57511795.36元。其中，收到2022年底结转2023年的自有资金759897.87元，2023年当期"
        f"取得收入56751897.49元，2023年当期发生支出56916443.49元。其中，基本支出为{basic}元，基本支出用于保障教师"
        "待遇和维持学校的正常运转，包括：用于发放教师工资，为教师购买社会保险和住房公积金，用于办公、维修、教师"
        "培训、物业管理、绿化管养费等；项目支出为6749044.98元。项目支出用于添置学校的硬件和软件，改善办学条件"
        "或者用于学生奖助学金发放等特定方面的支出。2023年年末结余自有资金595351.87元。",
    )


def test_money_spent_is_no_part_of_money_received():
    (r,) = _chenggong_school()
    assert (r.kind, r.year, r.department) == ("department", 2023, "昆明市呈贡区云大附中呈贡中学")
    assert not _serious(run_audit([r]).findings), _messages(run_audit([r]).findings)


def test_spending_split_past_a_description_with_baokuo_is_added():
    findings = run_audit(_chenggong_school(basic="50067398.51")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)


# ------------------------------------------------------------------ the same report printed to PDF


@pytest.mark.soffice
@pytest.mark.slow
def test_pdf_of_title_broken_mid_phrase_reads_as_its_word_file(tmp_path):
    """LibreOffice's PDF of the 开远 report (附件 1, a title broken after 和, a heading missing its bracket)
    gives the Word file's report and findings."""
    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.legacy import convert_with_soffice
    from jixiao_audit.normalize import to_reports

    from tests.prose_factory import write_docx

    docx = write_docx(tmp_path / "kaiyuan.docx", _kaiyuan_lines(rate="97.07"))
    pdf = convert_with_soffice(docx, tmp_path / "work", "pdf")
    (from_word,) = to_reports(read_document(docx))
    (from_pdf,) = to_reports(read_document(pdf))
    fields = ("kind", "year", "department", "title", "self_score", "grade")
    assert [getattr(from_pdf, f) for f in fields] == [getattr(from_word, f) for f in fields]
    rules = [[f.rule for f in _serious(run_audit([r]).findings)] for r in (from_word, from_pdf)]
    assert rules[0] == rules[1] == ["N209"], rules
