"""OCR reads ≥/≤ as V/Λ: in an OCR'd nature or target cell the operator is put back by meaning.

Fast cases on Line objects built from cells with and without an OCR score, and (slow) the real
crop: the committed Yunnan scan, whose 指标性质 column the recogniser reads as V and Λ.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jixiao_audit.extract.raw import Cell
from jixiao_audit.normalize.families.table_form import ocr_values_repaired, operator_of_lookalike
from jixiao_audit.normalize.lines import Line

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
COLS = {"name": 0, "nature": 1, "target": 2}


def row(nature: str, target: str, confidence: float | None) -> Line:
    cells = [
        Cell(text=t, row=0, col=c, confidence=confidence) for c, t in enumerate(("覆盖率", nature, target))
    ]
    return Line(cells, [c.text for c in cells], row=0)


def values_of(line: Line) -> dict[str, str]:
    return {name: line.cells[col].text for name, col in COLS.items()}


@pytest.mark.parametrize(("read", "meant"), [("V", "≥"), ("v", "≥"), ("Λ", "≤"), ("∧", "≤"), ("^", "≤")])
def test_lone_lookalike_in_an_ocr_nature_cell_is_the_operator(read, meant):
    line = row(read, "95", 0.74)
    assert ocr_values_repaired(values_of(line), line, COLS)["nature"] == meant


def test_lookalike_before_a_target_figure_is_the_operator():
    line = row("", "V95%", 0.8)
    assert ocr_values_repaired(values_of(line), line, COLS)["target"] == "≥95%"
    assert operator_of_lookalike("Λ 90万元", "target") == "≤90万元"


def test_word_cells_and_other_text_are_left_alone():
    """A typed V is what the author wrote; a V not before a figure is no operator."""
    typed = row("V", "V95%", None)
    assert ocr_values_repaired(values_of(typed), typed, COLS) == values_of(typed)
    assert operator_of_lookalike("VR设备", "target") == "VR设备"
    assert operator_of_lookalike("V型", "nature") == "V型"
    assert operator_of_lookalike("定性", "nature") == "定性"


@pytest.mark.slow
def test_yunnan_scan_natures_are_the_word_files():
    """The committed Yunnan scan (stamped, JPEG 35): every 指标性质 as in the Word original, the
    recognition score of each kept in its source."""
    pytest.importorskip("rapidocr")
    from jixiao_audit.extract import read_document
    from jixiao_audit.normalize import to_reports

    word = to_reports(read_document(CORPUS / "generated" / "f05-2021_yunnan.docx"))[0]
    scan = to_reports(read_document(CORPUS / "scans" / "generated" / "f05-2021_yunnan_scan.pdf"))[0]
    assert [i.nature for i in scan.indicators] == [i.nature for i in word.indicators]
    assert "≥" in [i.nature for i in scan.indicators] and "≤" in [i.nature for i in scan.indicators]
    scores = [scan.sources[f"indicators[{k}].nature"].confidence for k in range(len(scan.indicators))]
    assert all(s is not None for s in scores)


def test_figure_with_dots_for_thousands_separators_is_read():
    """Under a seal OCR reads a figure's commas as dots ("5.544.800.00"): more than one dot can
    only be separators before the decimal one. A date or a section number is still no figure."""
    from decimal import Decimal

    from jixiao_audit.normalize.text import maybe_number, parse_number

    assert parse_number("5.544.800.00") == Decimal("5544800.00")
    assert parse_number("1.066.300.0") == Decimal("1066300.0")
    assert parse_number("12.5") == Decimal("12.5")
    for text in ("2021.12.31", "1.2.3", "1.234.5678", "5.544.800"):
        assert maybe_number(text) is None


def test_decimal_point_read_as_a_middle_dot_is_read():
    """Word's fullwidth "．" comes back from OCR as "·" and its wide digits spaced apart
    ("27650000·0 0"): between digits a middle dot is the decimal point."""
    from decimal import Decimal

    from jixiao_audit.normalize.text import maybe_number, parse_number

    assert parse_number("27650000·0 0") == Decimal("27650000.00")
    assert parse_number("2475200・00") == Decimal("2475200.00")
    assert parse_number("9 2 7600") == Decimal(927600)
    for text in ("1·2·3", "阿·三", "·50"):
        assert maybe_number(text) is None
