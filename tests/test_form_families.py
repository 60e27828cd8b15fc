"""Form families (issue 10): the national 项目支出绩效自评表, Yunnan's two-row header in 元, Sichuan's
部门预算项目支出绩效自评表 and Hunan's 基础数据表 read from real Word files (and LibreOffice PDFs) into
the model, every figure exact; unrecognised documents say which labels they carry."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract import read_document
from jixiao_audit.extract.legacy import convert_with_soffice
from jixiao_audit.normalize import NotAReport, to_reports

from corpus.render_families import (
    BASIC_COSTS,
    CHONGQING_INDICATORS,
    GOALS,
    HUBEI_INDICATORS,
    NATIONAL_BUDGET,
    NATIONAL_INDICATORS,
    SICHUAN_BUDGET,
    chongqing_docx,
    hubei_docx,
    hunan_basic_docx,
    national_docx,
    sichuan_docx,
)
from jixiao_audit.pipeline import load_file

D = Decimal


def read(path: Path):
    return to_reports(read_document(path))


def money_or_none(text: str) -> Decimal | None:
    return D(text) if text and text[0].isdigit() else None


def assert_budget(report, expected_rows) -> None:
    assert len(report.budget_lines) == len(expected_rows)
    for line, (item, initial, adjusted, executed, *_rest) in zip(report.budget_lines, expected_rows):
        assert line.item == item
        assert (line.initial, line.adjusted, line.executed) == tuple(
            money_or_none(v) for v in (initial, adjusted, executed)
        )


def assert_indicators(report, expected_rows) -> None:
    assert len(report.indicators) == len(expected_rows)
    level1 = None
    for ind, (l1, l2, name, nature, value, unit, actual, pts, score, _dev) in zip(
        report.indicators, expected_rows
    ):
        level1 = level1 if l1 == "^" else l1
        assert (ind.level1, ind.level2, ind.name) == (level1, l2, name)
        assert (ind.nature, ind.target, ind.unit or "", ind.actual) == (nature, value, unit, actual)
        assert (ind.max_points, ind.points) == (D(pts), D(score))


@pytest.mark.parametrize("unit, yunnan", [("万元", False), ("元", True), ("元", False)])
def test_national_form_reads_exactly(tmp_path, unit, yunnan):
    (report,) = read(national_docx(tmp_path / "n.docx", unit=unit, yunnan=yunnan))
    assert (report.form, report.kind, report.year) == ("national", "project", 2022)
    assert report.project_name == "农民工技能培训项目"
    assert (report.supervisor, report.department) == ("某县人力资源和社会保障局", "某县就业服务中心")
    assert_budget(report, NATIONAL_BUDGET)
    total = report.budget_lines[0]
    assert (total.max_points, total.rate, total.points) == (D(10), D(95), D("9.5"))
    assert report.budget_lines[1].max_points is None  # — in the 分值 column of a 其中 row
    assert (report.goals.expected, report.goals.actual) == GOALS
    assert_indicators(report, NATIONAL_INDICATORS)
    assert (report.score_total_max, report.score_total_self, report.grade) == (D(100), D("96.5"), "优")
    if unit == "元":
        assert report.sources["budget_lines[0].adjusted"].raw == "1200000.00"


def test_form_inside_a_layout_table_is_read(tmp_path):
    (report,) = read(national_docx(tmp_path / "n.docx", layout_table=True))
    assert report.form == "national"
    assert_budget(report, NATIONAL_BUDGET)
    assert_indicators(report, NATIONAL_INDICATORS)


def test_money_cells_with_units_and_dashes(tmp_path):
    budget = [
        ("年度资金总额：", "3530.75万元", "3530.75万元", "3530.75万元", "10", "100%", "10"),
        ("其中：本年财政拨款", "3530.75万元", "3530.75万元", "3530.75万元", "—", "100%", "—"),
        ("上年结转资金", "—", "-", "－", "—", "/", "—"),
        ("其他资金", "/", "", "—", "—", "", "—"),
    ]
    (report,) = read(national_docx(tmp_path / "n.docx", budget=budget, total=("100", "97", "优")))
    assert [(b.initial, b.adjusted, b.executed) for b in report.budget_lines] == [
        (D("3530.75"), D("3530.75"), D("3530.75"))
    ] * 2 + [(None, None, None)] * 2
    assert not [f for f in run_audit([report]).findings if f.severity == "error"]


def test_sichuan_form_is_one_report_with_its_budget_block(tmp_path):
    reports = read(sichuan_docx(tmp_path / "s.docx"))
    assert len(reports) == 1, "项目基本情况 merged over 3 rows must not restart the form"
    (report,) = reports
    assert (report.form, report.project_name) == ("sichuan", "农村公路养护项目")
    assert (report.supervisor, report.department) == ("某县交通运输局", "某县农村公路养护中心")
    assert report.manager == "张三"
    assert_budget(report, SICHUAN_BUDGET)
    assert (report.budget_lines[0].max_points, report.budget_lines[0].points) == (D(10), D("9.5"))
    assert (report.goals.expected, report.goals.actual) == GOALS
    assert [i.nature for i in report.indicators] == ["≥", "=", "≤", "定性", "≥"]
    assert (report.score_total_max, report.score_total_self) == (D(100), D("97.5"))


def test_hubei_form_with_its_one_row_budget_block(tmp_path):
    (report,) = read(hubei_docx(tmp_path / "h.docx"))
    assert (report.form, report.year, report.department) == ("hubei", 2021, "某县就业服务中心")
    (line,) = report.budget_lines
    assert (line.item, line.adjusted, line.executed, line.rate) == ("预算执行情况", D(100), D(95), D(95))
    assert (line.max_points, line.points) == (D(20), D(19))  # 分值 from 预算执行情况(万元)(20分)
    assert [(i.nature, i.target, i.actual) for i in report.indicators] == [
        ("≥", "500", "520"),
        ("≥", "95", "96"),
        ("定性", "显著提高", "达成预期指标"),
        ("≥", "90", "92"),
    ]
    assert len(report.indicators) == len(HUBEI_INDICATORS)
    assert run_audit([report]).findings == []


def test_chongqing_department_form_takes_the_adjusted_target(tmp_path):
    (report,) = read(chongqing_docx(tmp_path / "c.docx"))
    assert (report.form, report.kind, report.department) == ("chongqing", "department", "某区司法局")
    total = report.budget_lines[0]
    assert (total.initial, total.adjusted, total.executed, total.max_points, total.points) == (
        D(800),
        D(850),
        D(833),
        D(10),
        D("9.8"),
    )
    assert [i.target for i in report.indicators] == ["320", "95", "90"]  # 调整指标值 when filled in
    assert [(i.unit, i.max_points, i.points) for i in report.indicators] == [
        (row[3], D(row[9]), D(row[10])) for row in CHONGQING_INDICATORS
    ]
    assert (report.score_total_max, report.score_total_self) == (D(100), D("99.8"))
    assert run_audit([report]).findings == []


def test_two_forms_in_one_file_are_two_reports(tmp_path):
    path = national_docx(tmp_path / "a.docx")
    doc = Document(path)
    second = Document(national_docx(tmp_path / "b.docx"))
    for element in list(second.element.body)[:-1]:  # all but the section properties
        doc.element.body.append(element)
    doc.save(tmp_path / "both.docx")
    reports = read(tmp_path / "both.docx")
    assert [r.form for r in reports] == ["national", "national"]
    assert all(len(r.indicators) == len(NATIONAL_INDICATORS) for r in reports)


@pytest.mark.parametrize("with_rubric", [True, False])
def test_hunan_basic_data_table(tmp_path, with_rubric):
    (report,) = read(hunan_basic_docx(tmp_path / "h.docx", with_rubric=with_rubric))
    assert (report.form, report.kind, report.year, report.department) == (
        "hunan_basic",
        "department",
        2018,
        "某县城市管理局",
    )
    staff = report.basic_data.staffing
    assert (staff.authorized, staff.actual, staff.control_rate) == (143, 136, D("95.10"))
    rows = report.basic_data.cost_control
    assert [r.item for r in rows] == [c[0] for c in BASIC_COSTS]
    assert [(r.previous_final, r.budget, r.final) for r in rows] == [
        tuple(money_or_none(v) for v in c[1:]) for c in BASIC_COSTS
    ]
    assert len(report.score_items) == (2 if with_rubric else 0)
    assert run_audit([report]).findings == []


def test_hunan_rubric_alone(tmp_path):
    (report,) = read(hunan_basic_docx(tmp_path / "r.docx", with_data=False))
    assert (report.form, report.year, report.department) == ("hunan_basic", 2018, "某县城市管理局")
    assert report.basic_data is None
    assert [(i.level3, i.max_points, i.self_points) for i in report.score_items] == [
        ("在职人员控制率", D(8), D(8)),
        ("三公经费变动率", D(8), D(0)),
    ]
    assert report.score_items[1].note.startswith("本年三公经费44.29万元")
    assert (report.score_total_max, report.score_total_self) == (D(16), D(8))
    assert run_audit([report]).findings == []


def test_clean_family_forms_give_no_finding(tmp_path):
    reports = [
        *read(national_docx(tmp_path / "n.docx")),
        *read(national_docx(tmp_path / "y.docx", unit="元", yunnan=True)),
        *read(sichuan_docx(tmp_path / "s.docx")),
        *read(hunan_basic_docx(tmp_path / "h.docx")),
    ]
    findings = run_audit(reports).findings
    # n.docx and y.docx are one project's report in two layouts (万元 / 元): the same report sent
    # twice (issue 13), a notice naming the pair, and nothing else
    assert [(f.rule, Path(f.file).name, Path(f.related_file).name) for f in findings] == [
        ("V702", "y.docx", "n.docx")
    ], [f"{f.rule} {f.message}" for f in findings]


def test_unrecognised_form_names_the_labels_it_found(tmp_path):
    doc = Document()
    doc.add_paragraph("某某情况统计表")
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(("年初预算数", "指标性质", "备注")):
        table.cell(0, c).text = text
    doc.save(tmp_path / "x.docx")
    with pytest.raises(NotAReport) as info:
        read(tmp_path / "x.docx")
    assert "年初预算数" in info.value.reason and "指标性质" in info.value.reason
    result = load_file(tmp_path / "x.docx")
    assert result.status == "unrecognised" and "\n" not in result.error


@pytest.mark.soffice
@pytest.mark.slow
def test_pdf_of_each_family_reads_the_same(tmp_path):
    builders = {
        "national": lambda p: national_docx(p),
        "yunnan": lambda p: national_docx(p, unit="元", yunnan=True),
        "sichuan": sichuan_docx,
        "hunan_basic": hunan_basic_docx,
        "hubei": hubei_docx,
        "chongqing": chongqing_docx,
    }
    for name, build in builders.items():
        docx = build(tmp_path / f"{name}.docx")
        pdf = convert_with_soffice(docx, tmp_path / f"work_{name}", "pdf")
        (from_word,) = read(docx)
        (from_pdf,) = read(pdf)
        assert from_pdf.values() == from_word.values(), name


def test_workbook_shows_family_scores_and_unrecognised_files(tmp_path):
    import openpyxl
    from jixiao_audit.audit.workbook import write_workbook

    from jixiao_audit.batch import run_batch

    national_docx(tmp_path / "n.docx")
    doc = Document()
    doc.add_paragraph("会议纪要")
    doc.save(tmp_path / "x.docx")
    run = run_batch([tmp_path / "n.docx", tmp_path / "x.docx"], workers=1, progress=False)
    book = openpyxl.load_workbook(write_workbook(tmp_path / "r.xlsx", run))

    def table(name):
        rows = list(book[name].iter_rows(values_only=True))
        return [dict(zip([h.split("\n")[0] for h in rows[0]], r)) for r in rows[1:]]

    summary = {r["文件"]: r for r in table("报告汇总")}
    assert summary[str(tmp_path / "n.docx")]["复核得分"] == 96.5
    assert summary[str(tmp_path / "x.docx")]["状态"] == "未识别表式"
    scores = table("评分复核")
    assert len(scores) == 1 + len(NATIONAL_INDICATORS)  # the budget line and each indicator
    assert {r["评分标准"] for r in scores} == {"财政部项目支出绩效自评表"}
    (figures,) = table("提取数据")
    assert (figures["项目全年预算数"], figures["项目全年执行数"]) == (120, 114)


def test_basic_data_table_attached_to_a_huarong_department_report(tmp_path):
    """Hunan counties send 附件3 with their 部门整体 report: one report, the table's figures added."""
    from corpus.generate import GOLDEN_DIR

    original = GOLDEN_DIR / "d00-2020_department.docx"
    (alone,) = read(original)
    doc = Document(original)
    attachment = Document(hunan_basic_docx(tmp_path / "h.docx", with_rubric=False))
    for element in list(attachment.element.body)[:-1]:
        doc.element.body.append(element)
    doc.save(tmp_path / "both.docx")
    (report,) = read(tmp_path / "both.docx")
    assert report.form == "huarong" and report.basic_data is not None
    assert report.basic_data.staffing.authorized == 143
    assert [r.item for r in report.basic_data.cost_control] == [c[0] for c in BASIC_COSTS]
    assert report.model_copy(update={"basic_data": None}).values() == alone.values()


@pytest.mark.parametrize("path", ["scan", "xslt", "walk"])
def test_layout_table_lifted_on_every_reader_path(tmp_path, path):
    import zipfile

    from jixiao_audit.extract.docx_reader import document_xml_to_raw

    docx = national_docx(tmp_path / "n.docx", layout_table=True)
    xml = zipfile.ZipFile(docx).read("word/document.xml")
    flat = national_docx(tmp_path / "flat.docx")
    lifted = document_xml_to_raw(xml, str(docx), path=path)
    plain = document_xml_to_raw(zipfile.ZipFile(flat).read("word/document.xml"), str(docx), path=path)
    assert [t.texts() for t in lifted.tables] == [t.texts() for t in plain.tables]


def test_figures_in_a_forms_closing_block_are_statements_and_are_checked(tmp_path):
    """评价结论 text is prose too: its figures are `Report.statements`, and a 计划投资 stated twice
    differently there is N204's, located at the paragraph of the cell that says it."""
    path = sichuan_docx(tmp_path / "s.docx")
    doc = Document(path)
    (cell,) = {
        id(c): c for t in doc.tables for row in t.rows for c in row.cells if c.text == "项目完成较好。"
    }.values()
    cell.text = "项目完成较好。\n本项目计划投资100万元，已全部完成。\n年初计划投资120万元。"
    doc.save(path)
    (report,) = read(path)
    # the 实际完成情况 text first (合格率96%), then the closing block's, in reading order
    assert [(s.concept, s.value) for s in report.statements] == [
        (None, Decimal(96)),
        ("project.planned", Decimal(100)),
        ("project.planned", Decimal(120)),
    ]
    (n204,) = [f for f in run_audit([report]).findings if f.rule == "N204"]
    assert n204.location.endswith("单元格内第3段") and "120万元" in n204.evidence
