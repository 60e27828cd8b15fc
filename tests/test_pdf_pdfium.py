"""The pdfium engine (the default) reads every PDF exactly as the pdfplumber reference does.

Every committed PDF is read by both engines and must give the same raw document (every cell's
text, span, page and box; every paragraph's text, page and box) and the same normalised
models. Pages pdfium cannot map are handed to pdfplumber and say so in `page_readers`.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.extract.pdf_reader import PDFIUM, PLUMBER, read_pdf
from jixiao_audit.extract.pdfium_reader import (
    FALLBACK_GEOMETRY,
    FALLBACK_TABULAR,
    FALLBACK_UNMAPPED,
    _PageGeometry,
    looks_tabular,
    subpath_edges,
)
from jixiao_audit.extract.raw import ExtractError, Paragraph, RawDocument
from jixiao_audit.normalize import to_reports

CORPUS_PDF = Path(__file__).resolve().parent.parent / "corpus" / "pdf"
PDFS = sorted(CORPUS_PDF.rglob("*.pdf"))


def flat(doc: RawDocument) -> list[tuple]:
    """Everything a reader produced, as comparable tuples (each merged cell once)."""
    out: list[tuple] = [("pages", doc.pages, doc.format)]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(("P", block.index, block.text, block.page, block.bbox))
            continue
        out.append(("T", block.index, block.page, block.n_rows, block.n_cols))
        seen: set[int] = set()
        for r, row in enumerate(block.grid):
            for c, cell in enumerate(row):
                if cell is None:
                    out.append(("empty", r, c))
                elif id(cell) not in seen:
                    seen.add(id(cell))
                    out.append(
                        ("C", cell.text, cell.row, cell.col, cell.rowspan, cell.colspan, cell.page, cell.bbox)
                    )
    return out


def test_corpus_has_pdfs():
    assert len(PDFS) >= 9


@pytest.mark.slow
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.relative_to(CORPUS_PDF).as_posix())
def test_pdfium_reads_every_committed_pdf_like_pdfplumber(pdf):
    reference = read_pdf(pdf, engine=PLUMBER)
    fast = read_pdf(pdf, engine=PDFIUM)
    assert flat(fast) == flat(reference)
    assert [r.values() for r in to_reports(fast)] == [r.values() for r in to_reports(reference)]
    assert set(fast.page_readers.values()) == {PDFIUM}, "no corpus page needs the fallback"
    assert set(reference.page_readers.values()) == {PLUMBER}


def test_pdfium_is_the_default_engine():
    doc = read_document(CORPUS_PDF / "huarong_2020_project.pdf")
    assert doc.page_readers == dict.fromkeys(range(1, 8), PDFIUM)


def test_reference_engine_chosen_by_environment(monkeypatch):
    monkeypatch.setenv("JIXIAO_AUDIT_PDF_ENGINE", PLUMBER)
    doc = read_document(CORPUS_PDF / "huarong_2020_project.pdf")
    assert set(doc.page_readers.values()) == {PLUMBER}


def test_unknown_engine_is_a_usage_error():
    with pytest.raises(ValueError, match="unknown PDF engine"):
        read_pdf(CORPUS_PDF / "huarong_2020_project.pdf", engine="mupdf")


# --- pages pdfium cannot map go to pdfplumber ---------------------------------------------------


def test_glyphs_without_unicode_fall_back_to_pdfplumber(tmp_path, monkeypatch):
    """The fonts' /ToUnicode maps renamed away (same length, so the file stays valid): pdfium
    reports unmapped glyphs, every page goes to pdfplumber, and the result is the reference's
    (here, without OCR: refused, as most glyphs cannot be decoded; with OCR such pages are read
    as scans, tests/test_ocr_*.py)."""
    data = (CORPUS_PDF / "huarong_2020_project.pdf").read_bytes()
    assert b"/ToUnicode" in data
    broken = tmp_path / "无映射.pdf"
    broken.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
    with pytest.raises(ExtractError) as reference:
        read_pdf(broken, engine=PLUMBER, ocr=False)
    with pytest.raises(ExtractError) as fast:
        read_pdf(broken, engine=PDFIUM, ocr=False)
    assert fast.value.reason == reference.value.reason


def test_unmapped_page_provenance(tmp_path, monkeypatch):
    """With the text-layer check out of the way, the provenance names the fallback per page."""
    from jixiao_audit.extract import pdf_reader

    data = (CORPUS_PDF / "huarong_2020_project.pdf").read_bytes()
    broken = tmp_path / "无映射.pdf"
    broken.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
    monkeypatch.setattr(pdf_reader, "check_text_layer", lambda pages: None)
    # ocr=False: the undecodable pages would otherwise be read by OCR
    doc = read_pdf(broken, engine=PDFIUM, ocr=False)
    assert set(doc.page_readers.values()) == {FALLBACK_UNMAPPED}
    assert flat(doc) == flat(read_pdf(broken, engine=PLUMBER, ocr=False))


def _char(text: str, x0: float, bottom: float, size: float = 9.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": bottom - size, "bottom": bottom, "size": size}


def test_text_in_columns_without_rules_looks_tabular():
    columns = [_char(t, x, 100 + 12 * r) for r in range(4) for t, x in (("甲", 72), ("乙", 200), ("丙", 320))]
    assert looks_tabular(columns)
    prose = [_char("字", 72 + 9 * i, 100 + 12 * r) for r in range(6) for i in range(40)]
    assert not looks_tabular(prose)
    spaced = [
        _char(" " if 2 <= i < 30 else "字", 72 + 9 * i, 100 + 12 * r) for r in range(6) for i in range(40)
    ]
    assert not looks_tabular(spaced), "a gap filled with space glyphs is typed, not a column break"


# --- ruling edges as pdfplumber derives them ------------------------------------------------------


def test_subpath_edges_follow_pdfplumber_shapes():
    geometry = _PageGeometry(100.0)
    (line,) = subpath_edges([(10.0, 90.0), (50.0, 90.0)], False, geometry)
    assert (line["orientation"], line["x0"], line["x1"], line["top"]) == ("h", 10.0, 50.0, 10.0)
    (diagonal,) = subpath_edges([(10.0, 90.0), (50.0, 50.0)], False, geometry)
    assert diagonal["orientation"] == "v", "pdfplumber counts a two-point diagonal as vertical"
    rect = subpath_edges([(0, 0), (20, 0), (20, 10), (0, 10), (0, 0)], False, geometry)
    assert sorted(e["orientation"] for e in rect) == ["h", "h", "v", "v"]
    (curve,) = subpath_edges([(10.0, 90.0), (50.0, 50.0)], True, geometry)
    assert curve["orientation"] is None


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(content)
    return (
        b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"
    )


def test_table_drawn_inside_a_scaled_form_xobject(tmp_path):
    """Rules inside a form XObject, placed by a scaling `cm` and the form's own /Matrix, with
    the text outside it: both engines find the same 2×2 grid and fill it the same way."""
    # The grid in form space: 0..200 × 0..40, cut at x=100 and y=20; /Matrix scales by 2,
    # the page's cm by 0.5 and moves it to (72, 600): a 200 × 40 table at x 72..272.
    grid = (
        b"0.5 w 0 0 m 200 0 l S 0 20 m 200 20 l S 0 40 m 200 40 l S "
        b"0 0 m 0 40 l S 100 0 m 100 40 l S 200 0 m 200 40 l S"
    )
    form = _stream(grid, b"/Type /XObject /Subtype /Form /BBox [0 0 400 80] /Matrix [2 0 0 2 0 0]")
    text = (
        b"BT /F1 10 Tf 80 626 Td (Alpha) Tj 100 0 Td (Beta) Tj -100 -20 Td (Gamma) Tj 100 0 Td (Delta) Tj ET"
    )
    content = _stream(b"q 0.5 0 0 0.5 72 600 cm /Fm1 Do Q " + text)
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                (
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                    b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>"
                ),
                content,
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                form,
            ]
        )
    )
    fast, reference = read_pdf(pdf, engine=PDFIUM), read_pdf(pdf, engine=PLUMBER)
    assert flat(fast) == flat(reference)
    assert fast.page_readers == {1: PDFIUM}
    (table,) = fast.tables
    assert table.texts() == [["Alpha", "Beta"], ["Gamma", "Delta"]]
    assert table.grid[0][0].bbox == (72.0, 202.0, 172.0, 222.0)


def _one_page_pdf(path: Path, content: bytes, page_extra: bytes = b"") -> Path:
    """A one-page PDF with Helvetica as /F1 and the given content stream."""
    path.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s"
                b"/Resources << /Font << /F1 5 0 R >> >> >>" % page_extra,
                _stream(content),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            ]
        )
    )
    return path


COLUMNS = (
    b"BT /F1 10 Tf "
    + b" ".join(
        b"1 0 0 1 %d %d Tm (Cell%d%d) Tj" % (x, 700 - 20 * r, r, c)
        for r in range(5)
        for c, x in enumerate((72, 250, 430))
    )
    + b" ET"
)


def test_text_in_columns_without_rules_goes_to_pdfplumber(tmp_path):
    pdf = _one_page_pdf(tmp_path / "columns.pdf", COLUMNS)
    fast = read_pdf(pdf, engine=PDFIUM)
    assert fast.page_readers == {1: FALLBACK_TABULAR}
    assert flat(fast) == flat(read_pdf(pdf, engine=PLUMBER))


def test_rotated_page_goes_to_pdfplumber(tmp_path, monkeypatch):
    """pdfminer turns a /Rotate 90 page's text sideways (not upright, so not read): the reference
    refuses the page's text, and pdfium, which keeps page space unrotated, hands it over."""
    from jixiao_audit.extract import pdf_reader

    # ocr=False: without OCR a page without upright text is refused
    pdf = _one_page_pdf(tmp_path / "rotated.pdf", COLUMNS, b"/Rotate 90 ")
    with pytest.raises(ExtractError) as reference:
        read_pdf(pdf, engine=PLUMBER, ocr=False)
    with pytest.raises(ExtractError) as fast:
        read_pdf(pdf, engine=PDFIUM, ocr=False)
    assert fast.value.reason == reference.value.reason
    monkeypatch.setattr(pdf_reader, "check_text_layer", lambda pages: None)
    assert read_pdf(pdf, engine=PDFIUM, ocr=False).page_readers == {1: FALLBACK_GEOMETRY}


SLANTED = (
    b"BT /F1 10 Tf 1 0 0 1 72 700 Tm (Hello  World  A B) Tj ET "
    b"BT /F1 12 Tf 1 0 0.4 1 300 650 Tm (Ital  ic  X) Tj ET "
    b"BT /F1 10 Tf -1 0 0 -1 400 500 Tm (Upside  down) Tj ET "
)


def test_slanted_and_upside_down_text_keeps_its_spaces(tmp_path):
    """Glyphs of the general box (a slanted or upside-down text matrix) are gathered into their
    lines glyph by glyph, upright ones once per text object: both get their spaces rebuilt and
    read as pdfplumber reads them."""
    pdf = _one_page_pdf(tmp_path / "slanted.pdf", SLANTED)
    fast = read_pdf(pdf, engine=PDFIUM, ocr=False)
    texts = [b.text for b in fast.blocks if isinstance(b, Paragraph)]
    assert texts == ["Hello World A B", "Ital ic X", "nwod edispU"]
    assert fast.page_readers == {1: PDFIUM}
    reference = read_pdf(pdf, engine=PLUMBER, ocr=False)
    assert texts == [b.text for b in reference.blocks if isinstance(b, Paragraph)]
