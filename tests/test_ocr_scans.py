"""Scanned copies of the seed give the Word file's model: every figure exact, no false error.

The scans are built by `corpus/build_scans.py` (rendered, stamped, tilted, blurred, noised,
JPEG-compressed). OCR costs seconds per page, so these are `slow` and read few pages.

Free text is compared modulo what a scan cannot show: the width of punctuation (（ vs ( look
alike in print) and whitespace; at most ERROR_RATE_MAX of its characters may be misread. Numbers,
dates and every value that is not free text must be identical.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("rapidocr")
pytest.importorskip("cv2")

from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.ocr_confidence import LOW_CONFIDENCE
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports

from corpus.eval_scans import FREE_TEXT_MIN, char_errors, fold
from corpus.eval_scans import TEXT_ERROR_RATE as ERROR_RATE_MAX

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SCANS = CORPUS / "scans"
PROJECT_DOCX = CORPUS / "huarong_2020_project.docx"
PROJECT_PDF = CORPUS / "pdf" / "huarong_2020_project.pdf"
PROJECT_SCAN = SCANS / "huarong_2020_project_scan.pdf"
STAMPED_PAGE = SCANS / "huarong_2020_project_scan_p2.jpg"


def model_differences(a, b, path: str = "") -> list[str]:
    """Where two canonical models disagree beyond what a scan can show (see module docstring)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [
            d for k in sorted(set(a) | set(b)) for d in model_differences(a.get(k), b.get(k), f"{path}.{k}")
        ]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items (docx) vs {len(b)} (scan)"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in model_differences(x, y, f"{path}[{i}]")]
    if isinstance(a, str) and isinstance(b, str):
        x, y = fold(a), fold(b)
        if x == y:
            return []
        if max(len(x), len(y)) >= FREE_TEXT_MIN and char_errors(x, y) <= max(1, ERROR_RATE_MAX * len(x)):
            return []
        return [f"{path}: {a!r:.60} (docx) vs {b!r:.60} (scan)"]
    return [] if a == b else [f"{path}: {a!r:.60} (docx) vs {b!r:.60} (scan)"]


def numbers_of(values, path: str = "") -> dict[str, object]:
    """Every number of a model (JSON form) by path: these must be exact."""
    if isinstance(values, dict):
        return {p: v for k, x in values.items() for p, v in numbers_of(x, f"{path}.{k}").items()}
    if isinstance(values, list):
        return {p: v for i, x in enumerate(values) for p, v in numbers_of(x, f"{path}[{i}]").items()}
    return (
        {path: values} if isinstance(values, (int, float, Decimal)) and not isinstance(values, bool) else {}
    )


def test_fold_and_compare_rules():
    assert fold("（参考样表）") == fold("(参考样表)")
    assert model_differences({"x": Decimal("1.5")}, {"x": Decimal("1.50")}) == []
    assert model_differences({"x": 5057}, {"x": 5075}) != []
    assert (
        model_differences(
            {"t": "完成绩效目标100%得5分，未完成100%的同比例扣减。"},
            {"t": "完成绩效目标100%得5分，未完成100%的同比例扣減。"},
        )
        == []
    )
    assert model_differences({"t": "优秀"}, {"t": "良好"}) != []


@pytest.mark.slow
def test_stamped_photo_page_reads_every_figure():
    """A .jpg of the stamped page: the seal lies over the expense table; every figure survives."""
    raw = read_document(STAMPED_PAGE)
    assert raw.format == "image" and raw.ocr_pages == 1
    cells = {c.text for t in raw.tables for row in t.grid for c in row if c is not None}
    for figure in (
        "13742",
        "5057",
        "1560.87",
        "3496.13",
        "8685",
        "846200",
        "808054",
        "1443640",
        "756000",
        "761580",
        "990000",
        "15608694",
        "2020年11月109号",
        "13974066776",
    ):
        assert figure in cells, figure
    scored = [c for t in raw.tables for row in t.grid for c in row if c is not None and c.text]
    assert scored and all(c.confidence is not None for c in scored)


@pytest.mark.slow
def test_a_crop_the_recogniser_hesitated_over_is_read_again_in_a_wider_margin():
    """The 文号 "2020年11月112号" as cut reads "2020年1月112号" (CTC collapses "11" without a blank
    step between; score 0.68, flagged); inside a wider white margin it reads right, and sure."""
    from jixiao_audit.extract.ocr_reader import ocr_pdf_page

    page = ocr_pdf_page(str(PROJECT_SCAN), 2)
    lines = [ln for t in page.tables for c in t.cells for f in c.fragments for ln in f.lines]
    (line,) = [ln for ln in lines if "112号" in ln.text]
    assert line.text == "2020年11月112号" and line.confidence >= LOW_CONFIDENCE


@pytest.mark.slow
def test_mixed_pdf_reads_the_scanned_page_by_ocr(tmp_path):
    """Text pages stay text; the one scanned page (the stamped table) is read by OCR, and the
    report is the Word file's."""
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    text, scan = pdfium.PdfDocument(str(PROJECT_PDF)), pdfium.PdfDocument(str(PROJECT_SCAN))
    mixed.import_pages(text, [0])
    mixed.import_pages(scan, [1])
    mixed.import_pages(text, list(range(2, len(text))))
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    for doc in (mixed, text, scan):
        doc.close()
    raw = read_document(path)
    assert raw.ocr_pages == 1
    from_docx = [r.values() for r in to_reports(read_document(PROJECT_DOCX))]
    reports = to_reports(raw)
    from_mixed = [r.values() for r in reports]
    assert numbers_of(from_mixed) == numbers_of(from_docx)
    assert model_differences(from_docx, from_mixed) == []
    ocr_sources = [s for s in reports[0].sources.values() if s.confidence is not None]
    assert ocr_sources and all(s.page == 2 for s in ocr_sources)


def assert_scan_reads_like_word(docx: Path, scan: Path) -> None:
    """Same figures, free text within OCR's error rate, same findings, no false error."""
    docx_reports = to_reports(read_document(docx))
    scan_reports = to_reports(read_document(scan))
    from_docx = [r.values() for r in docx_reports]
    from_scan = [r.values() for r in scan_reports]
    assert numbers_of(from_scan) == numbers_of(from_docx)
    assert model_differences(from_docx, from_scan) == []

    def findings(reports):
        return sorted((f.rule, f.severity) for f in run_audit(reports).findings)

    docx_findings, scan_findings = findings(docx_reports), findings(scan_reports)
    assert [f for f in scan_findings if f[1] == "error"] == [f for f in docx_findings if f[1] == "error"]
    assert {f[0] for f in scan_findings} == {f[0] for f in docx_findings}


@pytest.mark.slow
def test_scanned_report_gives_the_word_model_and_findings():
    """The committed scan of the project report (7 pages)."""
    assert_scan_reads_like_word(PROJECT_DOCX, PROJECT_SCAN)


@pytest.mark.slow
def test_scanned_department_report_gives_the_word_model(tmp_path):
    """The department report (9 pages, the seal over its 收支 tables), scanned by corpus.build_scans."""
    from corpus.build_scans import scan_pdf

    scan, _ = scan_pdf(CORPUS / "pdf" / "huarong_2020_department.pdf", tmp_path)
    assert_scan_reads_like_word(CORPUS / "huarong_2020_department.docx", scan)


@pytest.mark.slow
def test_every_scanned_page_has_the_text_pdfs_grid():
    """No OCR: the ruled grid of each scanned page (stamped, tilted, blurred) is the grid the PDF
    reader finds in the printed PDF, merged cells included."""
    import pdfplumber
    import pypdfium2 as pdfium
    from jixiao_audit.extract.ocr_grid import find_tables
    from jixiao_audit.extract.ocr_image import render_pdf_page, upright_page
    from jixiao_audit.extract.pdf_reader import read_plumber_page

    scan = pdfium.PdfDocument(str(PROJECT_SCAN))
    with pdfplumber.open(PROJECT_PDF) as printed:
        assert len(scan) == len(printed.pages)
        for i, page in enumerate(printed.pages):
            _, _, rule_ink = upright_page(render_pdf_page(scan, i))
            found, _ = find_tables(rule_ink, 200)
            expected = read_plumber_page(page).tables
            cells = [sorted((c.r0, c.r1, c.c0, c.c1) for c in t.cells) for t in found]
            assert cells == [sorted((c.r0, c.r1, c.c0, c.c1) for c in t.cells) for t in expected], i + 1
    scan.close()


@pytest.mark.slow
def test_stamped_blurred_basic_table_keeps_its_columns():
    """The committed hunan_basic scan (seal over the table, blur 1.1, JPEG 30): a column rule
    broken under the seal must not fuse two columns, which shifted 上年决算数 into 本年预算数."""
    generated = CORPUS / "generated"
    word = [r for r in to_reports(read_document(generated / "f13-2021_hunan_basic.docx")) if r.basic_data]
    scan = [
        r
        for r in to_reports(read_document(SCANS / "generated" / "f13-2021_hunan_basic_scan.pdf"))
        if r.basic_data
    ]
    assert len(word) == len(scan) == 1
    expected, read = word[0].basic_data.model_dump(), scan[0].basic_data.model_dump()
    assert read["staffing"] == expected["staffing"]
    assert len(read["cost_control"]) == len(expected["cost_control"])
    for k, (want, got) in enumerate(zip(expected["cost_control"], read["cost_control"], strict=True)):
        for field, value in want.items():
            if got[field] != value:  # a figure the seal hid: flagged, never silently wrong
                source = scan[0].sources[f"basic_data.cost_control[{k}].{field}"]
                assert source.confidence is not None and source.confidence < LOW_CONFIDENCE, (k, field)


@pytest.mark.slow
def test_fullwidth_figures_and_seal_split_tables_read_in_the_generated_scans():
    """The two generated 5-page scans: the project's 资金 table and expense lines printed in
    fullwidth digits (OCR reads "．" as "·"), and the department's 支出 and 三公 tables (a figure
    under the seal read with dots for commas; a page break between two unit rows)."""
    generated, scans = CORPUS / "generated", SCANS / "generated"
    for original, scan, fields in (
        ("d01-2020-p2_project.docx", "d01-2020-p2_project_scan.pdf", ("funds", "expenses", "expenses_total")),
        (
            "d07-2021_department.docx",
            "d07-2021_department_scan.pdf",
            ("expenditure", "three_public", "income"),
        ),
    ):
        word = to_reports(read_document(generated / original))[0].model_dump()
        read = to_reports(read_document(scans / scan))[0].model_dump()
        for field in fields:
            assert read[field] == word[field], field
