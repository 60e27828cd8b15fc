"""Font descents both PDF engines build glyph boxes on (extract/pdf_fonts.py), and a PDF written
by another producer (cairo, with a font's bounding box for its /Descent) read right by both."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from jixiao_audit.extract.pdf_fonts import boxes_on_usable_descents, fonts_by_pdfium_name, usable_descent
from jixiao_audit.extract.pdf_reader import PDFIUM, PLUMBER, read_pdf
from jixiao_audit.normalize import to_reports

from tests.test_pdf_pdfium import _pdf, _stream, flat

CORPUS_PDF = Path(__file__).resolve().parent.parent / "corpus" / "pdf"


def test_a_descent_deeper_than_half_the_size_is_none():
    assert usable_descent(-0.212) == -0.212
    assert usable_descent(0.0) == 0.0
    assert usable_descent(-1.048) == 0.0  # cairo: the font's bounding box, not its descent


def test_pdfium_names_without_the_subset_tag_find_their_font():
    fonts = fonts_by_pdfium_name(
        {
            "BAAAAA+SimSun": -0.141,
            "CAAAAA+SimSun": -0.141,  # two subsets of one font, one descent: either will do
            "DAAAAA+DejaVuSerif": -0.235,
            "EAAAAA+KaiTi": -0.141,
            "FAAAAA+KaiTi": -0.3,  # two subsets that disagree: pdfium's "KaiTi" cannot be placed
            "GAAAAA+Bogus": -1.048,
        }
    )
    assert fonts["BAAAAA+SimSun"] == ("BAAAAA+SimSun", -0.141)
    assert fonts["SimSun"] == ("SimSun", -0.141)
    assert fonts["DejaVuSerif"] == ("DAAAAA+DejaVuSerif", -0.235)
    assert fonts["KaiTi"] is None
    assert fonts["Bogus"] == ("GAAAAA+Bogus", 0.0)


def test_boxes_built_on_an_implausible_descent_move_up_to_the_baseline():
    hung = {"text": "附", "fontname": "X+Cjk", "size": 16.0, "top": 88.0, "bottom": 104.0, "doctop": 88.0}
    latin = {"text": "2", "fontname": "Y+Serif", "size": 16.0, "top": 75.0, "bottom": 91.0, "doctop": 75.0}
    moved = boxes_on_usable_descents(
        [{**hung, "upright": True}, {**latin, "upright": True}], {"X+Cjk": -1.0, "Y+Serif": -0.2}
    )
    assert (moved[0]["top"], moved[0]["bottom"], moved[0]["doctop"]) == (72.0, 88.0, 72.0)
    assert moved[1] == {**latin, "upright": True}


def _descriptor(name: bytes, descent: int) -> bytes:
    return (
        b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [-166 -225 1000 931] /ItalicAngle 0 "
        b"/Ascent 718 /Descent %d /CapHeight 718 /StemV 88 >>" % (name, descent)
    )


def _font(name: bytes, descriptor: int) -> bytes:
    widths = b" ".join([b"556"] * 95)
    return (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar 32 /LastChar 126 /Widths [%s] "
        b"/Encoding /WinAnsiEncoding /FontDescriptor %d 0 R >>" % (name, widths, descriptor)
    )


def test_glyph_boxes_on_real_descents_are_pdfminers(tmp_path):
    """Two fonts with descents of −0.2 and −0.3 (every committed PDF has 0): the pdfium reader builds the
    boxes pdfminer builds, so both engines give the same lines and boxes."""
    content = b"BT /F1 10 Tf 72 700 Td (Alpha) Tj ET BT /F2 10 Tf 72 680 Td (Beta) Tj ET"
    pdf = tmp_path / "descents.pdf"
    pdf.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                (
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                    b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>"
                ),
                _stream(content),
                _font(b"ABCDEF+Helvetica", 7),
                _font(b"BCDEFG+Helvetica", 8),
                _descriptor(b"ABCDEF+Helvetica", -200),
                _descriptor(b"BCDEFG+Helvetica", -300),
            ]
        )
    )
    fast, reference = read_pdf(pdf, engine=PDFIUM), read_pdf(pdf, engine=PLUMBER)
    assert fast.page_readers == {1: PDFIUM}
    assert flat(fast) == flat(reference)
    assert fast.paragraphs[0].bbox == (
        72.0,
        134.0,
        99.8,
        165.0,
    )  # Beta's box reaches 0.3 × 10 below its baseline


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftocairo") is None, reason="poppler-utils (.ci/install.sh) not installed")
@pytest.mark.parametrize("name", ["huarong_2020_project.pdf", "huarong_2020_department.pdf"])
def test_a_pdf_rewritten_by_cairo_reads_as_the_original(tmp_path, name):
    """pdftocairo writes the CJK fonts' /Descent as −1048: pdfminer's boxes then hang a line below
    the text and the tables came out as nonsense (48 and 142 fields wrong), and pdfium's reader,
    which never found the font (pdfium names an embedded font without its subset tag), read it right by chance."""
    original = CORPUS_PDF / name
    rewritten = tmp_path / name
    subprocess.run(["pdftocairo", "-pdf", str(original), str(rewritten)], check=True, timeout=120)
    expected = [r.values() for r in to_reports(read_pdf(original))]
    for engine in (PDFIUM, PLUMBER):
        assert [r.values() for r in to_reports(read_pdf(rewritten, engine=engine))] == expected, engine
