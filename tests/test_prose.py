"""Prose-only reports: statements, titles and identity, and the rules inside the text (N207–N211)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from jixiao_audit.audit.engine import run_audit

from tests.prose_factory import prose_department, prose_project, prose_reports
from tests.report_factory import D

PROSE_RULES = {"N207", "N208", "N209", "N210", "N211"}


def prose_findings(reports) -> list:
    return [f for f in run_audit(reports).findings if f.rule in PROSE_RULES]


def test_statements_carry_concept_value_unit_sentence_and_span():
    (report,) = prose_department(
        "2023年收入合计1200.50万元，其中财政拨款收入1100.50万元，其他收入1000000元。",
        "支出合计1150.00万元，其中：人员经费800万元，公用经费100万元，项目支出250万元。",
    )
    first = report.statements[0]
    dumped = first.model_dump(mode="json")
    assert set(dumped) == {"concept", "value", "unit", "text", "source"}
    assert (first.concept, first.value, first.unit) == ("income.total", Decimal("1200.50"), "万元")
    assert first.source.paragraph == 2  # title, heading, then this paragraph
    start, end = first.source.span
    assert first.source.raw[start:end] == "1200.50万元"
    other = next(s for s in report.statements if s.concept == "income.other")
    assert other.value == Decimal("100.0000")  # 1000000元 in 万元
    concepts = [s.concept for s in report.statements]
    assert concepts[-3:] == ["expenditure.personnel", "expenditure.public", "expenditure.project"]
    back = type(report).model_validate_json(report.model_dump_json())
    assert [(s.concept, s.source.paragraph, s.source.span) for s in back.statements] == [
        (s.concept, s.source.paragraph, s.source.span) for s in report.statements
    ]


def test_prose_only_totals_fill_the_form_fields_with_the_sentence_as_source():
    (d,) = prose_department(
        "本年收入合计1200.50万元，支出合计1150.00万元。", "经评价，自评得分95分，评价等级为“优”。"
    )
    assert d.income[0].total == Decimal("1200.50") and d.expenditure[0].total == Decimal("1150.00")
    assert d.self_score == Decimal(95) and d.grade == "优"
    assert d.sources["income[0].total"].describe() == "第3段"
    assert "自评得分95分" in d.sources["self_score"].raw
    (p,) = prose_project("全年预算数200万元，实际到位资金200万元，全年执行数180.5万元。")
    assert (p.funds.planned.total, p.funds.arrived.total, p.funds.spent.total) == (200, 200, Decimal("180.5"))


def test_a_prose_report_is_of_the_prose_form_and_is_not_rescored_with_the_huarong_rubric():
    (d,) = prose_department("经评价，本部门2023年度整体支出绩效自评得分95分，评价等级为“优”。")
    (p,) = prose_project("经评价，该项目自评得分90分，评价等级为“优”。")
    assert (d.form, p.form) == ("prose", "prose")
    outcome = run_audit([d, p])
    assert [(s.self_score, s.review_total, s.rubric) for s in outcome.scores] == [
        (Decimal(95), None, None),
        (Decimal(90), None, None),
    ]
    assert not outcome.reviews and not [f for f in outcome.findings if f.rule.startswith("R")]


def test_no_evaluator_warning_on_prose_which_has_no_evaluator_block():
    """C504 asks for the 评价人员 block of a form; prose has none, so it never fires there."""
    (d,) = prose_department("本年收入合计1200.50万元，支出合计1150.00万元。")
    (p,) = prose_project("全年预算数200万元，全年执行数180.5万元。")
    assert not [f for f in run_audit([d, p]).findings if f.rule == "C504"]


@pytest.mark.parametrize(
    "title, kind",
    [
        ("XX县第一小学2023年度部门整体支出绩效自评报告", "department"),
        ("XX县第一小学2023年度整体支出绩效评价报告", "department"),
        ("XX县第一小学2023年度部门整体支出绩效自评情况说明", "department"),
        ("XX县教育局2023年度学生资助项目支出绩效单位自评报告", "project"),
        ("XX县教育局2023年度项目支出绩效评价报告", "project"),
        ("XX县教育局2023年度专项资金绩效自评报告", "project"),
        ("XX县教育局2023年度项目绩效自评情况说明", "project"),
        ("XX县教育局2023年度农村义务教育薄弱学校改造项目支出绩效单位自评报告", "project"),  # 41 characters
    ],
)
def test_title_wordings_are_accepted_with_unit_and_year(title, kind):
    (report,) = prose_reports(title, "一、基本情况", "本年支出合计100万元。")
    assert report.kind == kind
    assert report.year == 2023
    assert report.department == ("XX县第一小学" if kind == "department" else "XX县教育局")
    assert report.county == "XX县"


def test_title_broken_after_its_year_is_one_title():
    (report,) = prose_reports(
        "XX县第一小学2023年度", "部门整体支出绩效自评报告", "一、基本情况", "本年支出合计100万元。"
    )
    assert report.title == "XX县第一小学2023年度部门整体支出绩效自评报告"
    assert (report.department, report.year, report.county) == ("XX县第一小学", 2023, "XX县")
    assert report.expenditure[0].total == 100


def test_unit_on_the_line_above_the_title_and_county_never_from_a_body_sentence():
    (report,) = prose_reports(
        "红河州数据发展中心",
        "2019年部门整体支出绩效评价报告",
        "根据《XX市XX区财政局关于开展绩效自评的通知》，现将自评情况报告如下。",
        "本年支出合计100万元。",
    )
    assert report.department == "红河州数据发展中心"
    assert report.year == 2019
    assert report.county == "红河州"  # the unit line's place, not the document the body cites
    (bare,) = prose_reports(
        "2019年部门整体支出绩效评价报告", "根据《XX市XX区财政局关于开展绩效自评的通知》，现报告如下。"
    )
    assert bare.county is None


def test_rounding_within_the_digits_shown_fires_nothing():
    reports = prose_department(
        "2023年度收入总计434.72万元，其中：本年收入合计434.16万元，使用非财政拨款结余0.00万元，年初结转和结余0.55万元。",
        "全年预算数300万元，全年执行数299.99万元，预算执行率为100%。",
        "本年支出合计1200万元，较上年1000万元增加200万元，增长20%。",
    )
    assert prose_findings(reports) == []


def test_partial_list_after_qizhong_is_not_a_whole():
    """ "其中" often names only the main items: a shortfall is no error, an excess is."""
    assert prose_findings(prose_project("本项目共申请资金1350000元，其中设备购置300000元。")) == []
    findings = prose_findings(
        prose_project("本项目共申请资金1350000元，分别用于设备购置300000元、培训500000元。")
    )
    assert [f.rule for f in findings] == ["N207"]
    # figures written in 元 show in 元, as the report wrote them (not 30 + 50 = 80 万元)
    assert "300000 + 500000 = 800000 元" in findings[0].message and "分别用于" in findings[0].evidence
    assert findings[0].location == "第3段"


def test_known_split_and_remainder_make_a_whole():
    assert [
        f.rule
        for f in prose_findings(prose_department("支出合计1150万元，其中基本支出800万元，项目支出300万元。"))
    ] == ["N207"]
    remainder = prose_project("共安排资金100万元，其中中央资金60万元，其余资金30万元。")
    assert [f.rule for f in prose_findings(remainder)] == ["N207"]


def test_bracketed_asides_and_nested_lists_are_not_parts():
    reports = prose_department(
        "支出合计1000万元，其中基本支出600万元（人员经费500万元、公用经费100万元），项目支出400万元。"
    )
    assert prose_findings(reports) == []


def test_growth_rate_and_comparisons_are_checked_without_counting_last_year_as_a_second_total():
    findings = prose_findings(prose_department("本年支出合计1200万元，较上年1000万元增加200万元，增长25%。"))
    assert [f.rule for f in findings] == ["N209"]
    assert "200.00 万元 ÷ 1000.00 万元 = 20.00%" in findings[0].message


def test_yuan_and_wan_mixed_in_two_statements():
    reports = prose_project(
        "实际到位资金135万元。", "二、绩效情况", "项目实际到位资金1350000万元，全部按时拨付。"
    )
    assert [f.rule for f in prose_findings(reports)] == ["N211"]


# ---------------------------------------------------------------- the generated prose family


@pytest.fixture(scope="module")
def prose_corpus(tmp_path_factory):
    import json

    from corpus import gen_prose

    out = tmp_path_factory.mktemp("prose_corpus")
    files = gen_prose.build(seed=3, count=6, years=[2020, 2021], rate=0.0)
    gen_prose.write(files, out)
    key = {"version": 1, "generator": {"prose": 6}, "files": gen_prose.answer_entries(files)}
    (out / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    return out, key


@pytest.mark.slow
def test_generated_prose_family_is_read_exactly_with_full_recall_and_no_false_error(prose_corpus):
    from corpus.evaluate import evaluate

    out, key = prose_corpus
    kinds = {f["injection"]["kind"] for f in key["files"] if f["injection"]}
    from corpus.gen_prose import INJECTIONS

    assert kinds == set(INJECTIONS)
    assert any(f["label"] == "clean" for f in key["files"])
    result = evaluate(out, workers=1)
    assert result.unreadable == []
    assert result.accuracy == 1.0, result.field_misses[:5]
    assert result.recall == 1.0, result.missed
    assert result.false_positives == []


@pytest.mark.slow
def test_generated_clean_prose_reports_give_no_prose_finding(prose_corpus):
    from jixiao_audit.audit.engine import run_audit

    from jixiao_audit.batch import read_files

    out, key = prose_corpus
    clean = [out / f["file"] for f in key["files"] if f["label"] == "clean"]
    reports = [r for res in read_files(clean, 1, progress=False) for r in res.reports]
    assert len(reports) == len(clean)
    assert [f.message for f in run_audit(reports).findings if f.rule.startswith(("N", "A", "R"))] == []


def test_workbook_shows_the_sentence_and_its_paragraph(tmp_path):
    """问题清单: a prose finding's 原文 is the sentence and 位置 its paragraph."""
    import openpyxl

    from tests.prose_factory import DEPARTMENT_TITLE, write_docx
    from tests.test_cli_batch import run_audit_cli

    sentence = "全年共实施项目12个，其中年初安排7个，年中追加6个。"
    path = write_docx(
        tmp_path / "prose.docx", [DEPARTMENT_TITLE, "一、基本情况", "本年支出合计100万元。", sentence]
    )
    out = tmp_path / "audit.xlsx"
    proc = run_audit_cli(str(path), "-o", str(out))
    assert proc.returncode == 0, proc.stderr  # warnings only
    sheet = openpyxl.load_workbook(out)["问题清单"]
    header = [c.value for c in sheet[1]]
    row = next(
        dict(zip(header, r))
        for r in sheet.iter_rows(min_row=2, values_only=True)
        if r[header.index("规则")] == "N208"
    )
    assert row["原文"] == sentence
    assert row["位置"] == "第4段"
    assert "7 + 6 = 13" in row["说明"]


def test_seed_narrative_statements_match_its_tables():
    """The seed's 综述 states its 收入/支出 figures: each statement with a table behind it agrees."""
    from pathlib import Path

    from jixiao_audit.audit.tolerance import agree, interval, stated_interval
    from jixiao_audit.audit.values import number
    from jixiao_audit.extract import read_document
    from jixiao_audit.normalize.concepts import CONCEPTS_BY_KEY
    from jixiao_audit.normalize.reports import to_reports

    seed = Path(__file__).resolve().parent.parent / "corpus" / "huarong_2020_department.docx"
    (report,) = to_reports(read_document(seed))
    checked = 0
    for s in report.statements:
        concept = CONCEPTS_BY_KEY.get(s.concept or "")
        if concept is None or concept.project or concept.table is None:
            continue
        table = number(report, concept.table)
        assert table is not None and agree(stated_interval(s.value), interval(table)), (s.text, table)
        checked += 1
    assert checked >= 10
    assert prose_findings([report]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "总投资1000万元，其中中央资金600万元，地方配套400万元，已完成投资800万元。",
        "收入合计500万元，其中：财政拨款收入480万元，比上年增加30万元，其他收入20万元。",
        "支出合计1000万元，其中：基本支出600万元，其中人员经费500万元、公用经费100万元；项目支出400万元。",
        "本项目共申请预算资金90万元。其中：30万元用于预算编制；30万元用于审计；30万元用于设计、规划、测绘。",
        "实施项目共15个(含转列项目5个),年初批复预算8个项目985万元(含1个结转项目50万元),调整预算后项目预算861.46万元,年中增加7个项目。",
        "共安排资金100万元，其中已支付80万元，结余20万元，支付率80%。",
        "全年共安排资金约120万元，其中设备购置60万元。",
        "项目共投入资金1234567元，分别为中央资金100万元、省级资金23万元。",  # 万元 figures rounded in prose
        "支出合计1200万元，其中项目支出400万元，较上年增加100万元，增长33.33%。",
        "收入支出总体与上年相比，增加58.21万元，增长15.46%，主要原因是项目增加。",
        "A项目预算数100万元，执行数95万元，执行率95%；B项目预算数200万元，执行数150万元，执行率75%。",
        "计划安排资金100万元，实际到位资金80万元，资金到位率80%，实际支出72万元，资金使用率90%。",
        "本年实际支出80万元。\n（1）设备购置：实际支出50万元。\n（2）人员培训：实际支出30万元。",
        "“三公”经费支出合计12.5万元，比上年减少1.2万元，下降8.76%，其中：公务用车运行维护费8万元，公务接待费4.5万元。",
    ],
)
def test_real_sentence_shapes_that_add_up_fire_nothing(sentence):
    assert prose_findings(prose_project(*sentence.split("\n"))) == []


def test_a_single_part_after_qizhong_is_not_a_second_total():
    reports = prose_department(
        "2023年度收入合计434.72万元，其中财政拨款收入434.16万元。", "本年收入合计434.72万元。"
    )
    assert prose_findings(reports) == []


def test_totals_named_differently_are_not_one_figure_stated_twice():
    """收入总计 (with 年初结转) and 本年收入合计 are different totals of 决算 prose."""
    reports = prose_department("2023年度收入总计434.72万元。", "本年收入合计434.16万元。")
    assert prose_findings(reports) == []


@pytest.mark.soffice
@pytest.mark.slow
def test_a_prose_pdf_reads_as_its_word_file(tmp_path):
    """The same prose report printed to PDF by LibreOffice gives the same statements and findings."""
    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.legacy import convert_with_soffice
    from jixiao_audit.normalize.reports import to_reports

    from tests.prose_factory import DEPARTMENT_TITLE, write_docx

    lines = [
        DEPARTMENT_TITLE,
        "一、基本情况",
        (
            "本单位2023年度收入合计1200.50万元，其中财政拨款收入1100.50万元，其他收入100万元。"
            "支出合计1150.00万元，其中基本支出800万元，项目支出360万元。"
        ),
        "经评价，自评得分92.5分，评价等级为“优秀”。",
    ]
    word = write_docx(tmp_path / "prose.docx", lines)
    pdf = convert_with_soffice(word, tmp_path, "pdf")
    (from_word,) = to_reports(read_document(word))
    (from_pdf,) = to_reports(read_document(pdf))
    assert from_pdf.values() == from_word.values()
    pairs = [(s.concept, s.value) for s in from_word.statements]
    assert [(s.concept, s.value) for s in from_pdf.statements] == pairs
    assert [f.rule for f in prose_findings([from_pdf])] == ["N207"]


def test_a_share_in_a_prose_report_is_recomputed_from_its_stated_total():
    """占比 needs no rule of its own: the stated total fills 支出合计, which N202 divides by."""
    wrong = prose_department("支出合计1150万元，其中人员经费800万元，占支出合计的60%，公用经费350万元。")
    right = prose_department("支出合计1150万元，其中人员经费800万元，占支出合计的69.57%，公用经费350万元。")
    assert [f.rule for f in run_audit(wrong).findings if f.rule.startswith("N")] == ["N202"]
    assert [f.rule for f in run_audit(right).findings if f.rule.startswith("N")] == []


def test_a_form_reports_wrong_part_is_one_finding_not_two():
    """ "支出合计29201万元，其中：人员支出1242.39万元…" in the seed, against a table of 1242.09: N201 names
    the wrong figure; the list that no longer adds up is the same mistake (no N207)."""
    from pathlib import Path

    from jixiao_audit.extract import read_document
    from jixiao_audit.normalize.reports import to_reports

    seed = Path(__file__).resolve().parent.parent / "corpus" / "huarong_2020_department.docx"
    (report,) = to_reports(read_document(seed))
    first = next(s for s in report.statements if s.concept == "expenditure.personnel")
    first.value = D("1242.39")  # the typo as the reader would have read it …
    section = next(n for n in report.narrative if "人员支出1242.09万元" in n.text)
    section.text = section.text.replace("人员支出1242.09万元", "人员支出1242.39万元", 1)  # … and as written
    paragraph = first.source.raw
    for s in report.statements:  # … in the paragraph each of its statements was read from
        if s.source.raw == paragraph:
            s.source.raw = paragraph.replace("人员支出1242.09万元", "人员支出1242.39万元", 1)
    rules = [f.rule for f in run_audit([report]).findings if f.rule.startswith("N")]
    assert "N201" in rules and "N207" not in rules


def test_a_departments_figures_about_different_projects_are_not_one_figure_stated_twice():
    reports = prose_department(
        "2020年度老旧小区改造年度计划投资4201.13万元，现已到位资金4201.13万元。",
        "2020年度农村危房改造年度计划投资3095.72万元，现已到位资金631.24万元。",
    )
    assert prose_findings(reports) == []


def test_one_file_with_a_department_and_a_project_prose_report():
    from tests.prose_factory import DEPARTMENT_TITLE, PROJECT_TITLE

    department, project = prose_reports(
        DEPARTMENT_TITLE,
        "一、基本情况",
        "本年支出合计100万元。",
        PROJECT_TITLE,
        "一、项目概况",
        "全年预算数50万元，全年执行数45万元，预算执行率为90%。",
    )
    assert (department.kind, project.kind) == ("department", "project")
    assert [s.value for s in department.statements] == [100]
    assert (project.funds.planned.total, project.funds.spent.total) == (50, 45)
    assert project.department == "XX县教育局"


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年度财政拨款收入1450万元，全部为一般公共预算财政拨款。",
        "2023年度财政拨款收入1450万元，事业收入120万元，上级补助收入30万元。",
        "本年度事业收入1450万元，经营收入50万元。",
    ],
)
def test_one_source_of_income_never_becomes_the_total(sentence):
    """财政拨款收入 (or 事业收入 …) alone is one source of the department's income, not 收入合计:
    taking it for the total would make up a wrong 收入合计 and a false A108 (支出超过收入)."""
    (d,) = prose_department(sentence, "2023年度支出合计1600万元，其中基本支出1000万元，项目支出600万元。")
    assert not d.income or d.income[0].total is None
    assert "income[0].total" not in d.sources
    assert not [f for f in run_audit([d]).findings if f.rule == "A108"]
    assert "income.total" not in [s.concept for s in d.statements]


@pytest.mark.parametrize(
    "wording", ["收入合计", "收入总计", "本年收入", "全年收入", "总收入", "2023年收入", "本年度收入"]
)
def test_a_totals_own_wording_sets_the_total_and_its_sources_are_parts(wording):
    """The wordings of 决算 and self-evaluation prose for the whole year's income; the sources listed
    after 其中 are its parts and add up."""
    (d,) = prose_department(
        f"本部门{wording}1600万元，其中：财政拨款收入1450万元，占本年收入的90.63%；事业收入120万元；"
        "其他收入30万元。"
    )
    assert d.income[0].total == Decimal(1600)
    appropriation = next(s for s in d.statements if s.concept == "income.appropriation")
    assert appropriation.value == Decimal(1450)
    assert prose_findings([d]) == []
    assert [f for f in run_audit([d]).findings if f.severity == "error"] == []


def test_one_source_of_spending_never_becomes_the_total():
    """财政拨款支出 is the spending of one source of income (as 财政拨款收入), 事业支出 one kind of it:
    neither is 支出合计."""
    (d,) = prose_department(
        "2023年度收入合计1600万元，其中财政拨款收入1450万元。",
        "2023年度财政拨款支出1400万元，事业支出100万元。",
    )
    assert not d.expenditure or d.expenditure[0].total is None
    assert "expenditure.total" not in [s.concept for s in d.statements]
    assert [s.concept for s in d.statements if s.value == 1400] == ["expenditure.appropriation"]
    (d,) = prose_department("本部门2023年度支出合计1500万元，其中财政拨款支出1400万元。")
    assert d.expenditure[0].total == Decimal(1500)


def test_clause_and_sentence_starts_are_the_last_break_before_the_position():
    # found backwards by one regex match; the same as taking the last of a forward scan
    import random

    from jixiao_audit.normalize.prose import CLAUSE_BREAK, SENTENCE_BREAK, clause_start, sentence_bounds

    def last_end(pattern, text, end):
        return max([m.end() for m in pattern.finditer(text, 0, end)], default=0)

    alphabet = list("，,。；;：:、！!？?\n（）()其中收入万元12 .")
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        for end in range(len(text) + 1):
            assert clause_start(text, end) == last_end(CLAUSE_BREAK, text, end)
            assert sentence_bounds(text, end)[0] == last_end(SENTENCE_BREAK, text, end)
