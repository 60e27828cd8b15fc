"""Public reports in wordings and layouts the earlier shape tests do not cover (session 6, round 5; figures
and names changed).

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

# ------------------------------------------------------------------ Sichuan 恩阳 2024: "…关于…自评的报告", 较YYYY年


SICHENG_TITLE = "巴中市恩阳区司城街道办事处关于2024年部门整体支出绩效自评的报告"


def _sicheng_lines(fall="7.94", project="500.00"):
    """巴中市恩阳区司城街道办事处关于2024年部门整体支出绩效自评的报告 (scey.gov.cn/zwgk/zdlyxxgk/czzj/czzjsy/
    11742522.html): a title worded as a letter (unit 关于 year … 自评的报告), figures with thousands separators
    and a space before 万元 ("总收入1,657.57 万元"), last year named by its year ("较2023年总收入1,800.46 万元
    减少…"); headings from the page, later figures ours."""
    return [
        SICHENG_TITLE,
        "一、部门概况",
        "（三）人员概况",
        "2024年实有在职职工52人，编制53人，在编在职49人，退休3人。",
        "二、部门财政资金收支情况",
        "（一）部门财政资金收入情况",
        f"司城街道办事处整体预算2024年总收入1,657.57 万元，较2023年总收入1,800.46 万元减少142.89万元，下降{fall}%。",
        "（二）部门财政资金支出情况",
        f"2024年总支出1,657.57 万元，其中：基本支出1,157.57 万元，项目支出{project} 万元。",
        "四、评价结论及建议",
        "经自评，2024年部门整体支出绩效自评得分为95分，等级为优。",
    ]


def _sicheng(fall="7.94", project="500.00"):
    return prose_reports(*_sicheng_lines(fall, project))


def test_letter_worded_title_is_a_department_report():
    (r,) = _sicheng()
    assert (r.kind, r.form, r.year, r.department) == (
        "department",
        "prose",
        2024,
        "巴中市恩阳区司城街道办事处",
    )
    assert (r.self_score, r.grade) == (D(95), "优")
    assert not _serious(run_audit([r]).findings)


def test_change_against_a_named_year_is_checked():
    # 142.89 ÷ 1,800.46 = 7.94 %: the base is the figure after 较2023年, not the year's own total plus the fall
    findings = run_audit(_sicheng(fall="7.49")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)


def test_spending_parts_with_thousands_separators_are_added():
    findings = run_audit(_sicheng(project="400.00")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)


@pytest.mark.parametrize(
    ("title", "kind", "unit"),
    [
        ("某县民政局关于2023年度部门整体支出绩效自评情况的报告", "department", "某县民政局"),
        ("某县教育局关于2023年度学生资助项目支出绩效自评情况的报告", "project", "某县教育局"),
        ("关于2023年度学生资助项目绩效自评的报告", "project", None),
    ],
)
def test_letter_worded_titles_of_either_kind(title, kind, unit):
    (r,) = prose_reports(title, "一、基本情况", "2023年预算数100万元，执行数95万元，执行率95%。")
    assert (r.kind, r.year, r.department) == (kind, 2023, unit)


# ------------------------------------------------------------------ Hunan 吉首 2017: a cover dated the next year


def _qianzhou_lines(basic="705.60", rate="98.51"):
    """吉首市乾州街道办事处部门整体支出绩效评价报告 (www.jnscsh.com/show-184-83630-1.html): a title over two
    lines naming no year and a unit ending in 办事处, a cover of "评价单位：…" and "报告时间：2018 年7月" (the
    year after the one evaluated), sections numbered 1.引言 / 1.1部门职责概述 … 5.1绩效评价得分; figures ours."""
    return [
        "吉首市乾州街道办事处部门整体支出",
        "绩效评价报告",
        "评价单位：吉首市乾州街道办事处",
        "报告时间：2018 年7月",
        "1.引言",
        "1.1部门职责概述",
        "乾州街道办事处是吉首市人民政府的派出机关。",
        "1.2部门支出描述",
        f"2017年度本单位支出总额1,205.60万元，其中基本支出{basic}万元，项目支出500.00万元。",
        "3.部门整体支出绩效评价分析",
        "3.2过程",
        f"全年预算数1,223.80万元，实际支出1,205.60万元，预算执行率{rate}%。",
        "5.绩效评价结论",
        "5.1绩效评价得分",
        "经自评，本单位2017年度部门整体支出绩效评价得分为90分，等级为优。",
    ]


def _qianzhou(basic="705.60", rate="98.51"):
    return prose_reports(*_qianzhou_lines(basic, rate))


def test_cover_date_is_not_the_year_evaluated():
    (r,) = _qianzhou()
    assert (r.kind, r.form, r.year, r.department) == ("department", "prose", 2017, "吉首市乾州街道办事处")
    assert (r.self_score, r.grade) == (D(90), "优")
    # sections numbered as a paper's are the narrative's headings
    headings = [s.heading for s in r.narrative]
    assert {"1.引言", "1.1部门职责概述", "5.1绩效评价得分"} <= set(headings), headings
    assert not _serious(run_audit([r]).findings)


def test_dated_cover_report_mistakes_are_found():
    findings = run_audit(_qianzhou(basic="750.60")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)
    findings = run_audit(_qianzhou(rate="96.51")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)


# ------------------------------------------------------------------ Sichuan 绵阳 2021: 总预算 … 其中, 支出 … 分别是


def _keji(total="2437.5", first="5"):
    """项目绩效自评报告 of 绵阳市科学技术局, 2021 (beiku.com/zipingbaogao/article_538282.html, 项目绩效自评报告1):
    "项目资金总预算为2455.5万元，其中部门预算项目支出87.5万元，专项预算支出2350万元" (a whole worded 总预算),
    then "部门预算项目支出87.5万元，分别是科技活动交流经费5万元，科技项目评审及系统维护费18万元，…" (a bare
    figure split by 分别是); unit renamed, last item and the total ours so that the clean copy adds up."""
    return prose_reports(
        "某市科学技术局2021年度项目支出绩效自评报告",
        "一、项目基本情况",
        "（一）绩效目标情况",
        f"某市科学技术局主要有部门预算项目支出、专项预算支出二类支出，项目资金总预算为{total}万元，其中部门预算"
        "项目支出87.5万元，专项预算支出2350万元。",
        "（二）资金安排情况",
        f"2021年部门预算项目支出87.5万元，分别是科技活动交流经费{first}万元，科技项目评审及系统维护费18万元，"
        "外国专家工作经费2.5万元，省级科技计划项目验收工作经费16万元，科技型中小企业办公室（双创办）工作经费"
        "18万元，科技项目监管和科技项目组织经费9万元，科技宣传经费19万元。",
    )


def test_total_budget_and_respective_items_add_up_cleanly():
    (r,) = _keji()
    assert (r.kind, r.year, r.department) == ("project", 2021, "某市科学技术局")
    assert not _serious(run_audit([r]).findings)


def test_items_listed_after_a_bare_figure_are_added():
    findings = run_audit(_keji(first="6")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)
    assert "87.5" in findings[0].message


def test_parts_above_a_total_budget_are_found():
    findings = run_audit(_keji(total="2400")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)


# ------------------------------------------------------------------ the same reports printed to PDF


@pytest.mark.soffice
@pytest.mark.slow
def test_pdf_of_letter_title_and_dated_cover_reads_as_its_word_file(tmp_path):
    """LibreOffice's PDF of the 司城 report (letter-worded title, thousands separators) and of the 吉首 report
    (title over two lines, dated cover, numbered sections) gives the Word file's report and findings."""
    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.legacy import convert_with_soffice
    from jixiao_audit.normalize import to_reports

    from tests.prose_factory import write_docx

    for name, lines in {"sicheng": _sicheng_lines(fall="7.49"), "qianzhou": _qianzhou_lines()}.items():
        docx = write_docx(tmp_path / f"{name}.docx", lines)
        pdf = convert_with_soffice(docx, tmp_path / f"work_{name}", "pdf")
        (from_word,) = to_reports(read_document(docx))
        (from_pdf,) = to_reports(read_document(pdf))
        fields = ("kind", "year", "department", "self_score", "grade")
        assert [getattr(from_pdf, f) for f in fields] == [getattr(from_word, f) for f in fields], name
        rules = [[f.rule for f in _serious(run_audit([r]).findings)] for r in (from_word, from_pdf)]
        assert rules[0] == rules[1] == (["N209"] if name == "sicheng" else []), (name, rules)


# ------------------------------------------------------------------ Guangdong 徐闻 2024: "<unit><year>年度绩效自评报告"


def _xiaqiao(score="96", project="524.05"):
    """下桥镇人民政府2024年度绩效自评报告 (www.xuwen.gov.cn/jxzpgkqkl/content/post_2124380.html): a township's
    report on its whole budget whose title names neither 部门整体支出 nor a project, an opening paragraph before
    the first heading ("现将2024年度绩效情况报告如下"), "财政拨款收入合计2024.05万元（均为一般公共预算收入）"
    (an amount that looks like a year) and targets as ≥98%; the 其中 split and the score ours."""
    return prose_reports(
        "下桥镇人民政府2024年度绩效自评报告",
        "根据上级财政部门关于年度绩效自评工作的通知要求，我镇迅速成立自评工作小组，全面开展绩效自评工作，"
        "现将2024年度绩效情况报告如下：",
        "一、单位基本情况",
        "（一）机构与职能",
        "下桥镇人民政府为县级政府下属行政单位，机构核定编制107人，无下属二级预算单位。",
        "（三）收支与绩效目标",
        "2024年度财政拨款收入合计2024.05万元（均为一般公共预算收入），财政拨款支出合计2024.05万元，其中基本支出"
        f"1,500.00万元，项目支出{project}万元，预算执行率100%。核心绩效目标：资金支出率≥98%、支出及时率≥97%。",
        "四、自评结论",
        f"经综合评定，我镇2024年度绩效自评得分{score}分，自评等级为“优”。",
    )


def test_unit_year_title_is_a_department_report():
    (r,) = _xiaqiao()
    assert (r.kind, r.form, r.year, r.department) == ("department", "prose", 2024, "下桥镇人民政府")
    assert (r.self_score, r.grade) == (D(96), "优")
    assert not _serious(run_audit([r]).findings)


def test_unit_year_title_report_mistakes_are_found():
    findings = run_audit(_xiaqiao(score="76")).findings
    assert [f.rule for f in _serious(findings)] == ["R306"], _messages(findings)
    findings = run_audit(_xiaqiao(project="542.05")).findings
    assert [f.rule for f in _serious(findings)] == ["N207"], _messages(findings)
