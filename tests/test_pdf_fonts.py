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


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftocairo") is None, reason="poppler-utils (.ci/install.sh) not installed")
@pytest.mark.parametrize("name", ["huarong_2020_project.pdf", "huarong_2020_department.pdf"])
def test_a_pdf_rewritten_by_cairo_reads_as_the_original(tmp_path, name):
    """pdftocairo writes the CJK fonts' /Descent as −1048: pdfminer's boxes then hang a line below
    the text and the tables came out as nonsense (48 and 142 fields wrong), and pdfium's reader,
    which never found the font (pdfium drops the subset tag from its name), read it right by chance."""
    original = CORPUS_PDF / name
    rewritten = tmp_path / name
    subprocess.run(["pdftocairo", "-pdf", str(original), str(rewritten)], check=True, timeout=120)
    expected = [r.values() for r in to_reports(read_pdf(original))]
    for engine in (PDFIUM, PLUMBER):
        assert [r.values() for r in to_reports(read_pdf(rewritten, engine=engine))] == expected, engine
