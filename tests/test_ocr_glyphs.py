"""Glyphs and lines a scanned form's narrow cells hold, found and read by their shape, without OCR.

Text is drawn with the fonts LibreOffice prints the public forms in (DejaVu Serif for Latin and
symbols, Noto CJK for Chinese) at 10.5 pt and 200 dpi; fast. `tests/test_public_scans.py` runs the
same cells through the printer, the scanner and the recogniser.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("cv2")
from jixiao_audit.extract.ocr_glyphs import SHAPE_SCORE, read_by_shape, reading_by_shape
from jixiao_audit.extract.ocr_reader import crop_line, line_boxes
from PIL import Image, ImageDraw, ImageFont

DPI = 200
SIZE = round(10.5 / 72 * DPI)  # 10.5 pt in pixels
LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"


def font(path: str) -> ImageFont.FreeTypeFont:
    if not Path(path).is_file():
        pytest.skip(f"{path} not installed")
    return ImageFont.truetype(path, SIZE)


def drawn(lines: list[str], path: str = LATIN, width: int = 220, leading: float = 1.3) -> np.ndarray:
    """A white cell with `lines` printed one under another: grey pixels."""
    height = int(SIZE * (leading * len(lines) + 1))
    cell = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(cell)
    for k, text in enumerate(lines):
        draw.text((12, int(SIZE * (0.5 + leading * k))), text, font=font(path), fill=0)
    return np.asarray(cell)


def boxes_of(grey: np.ndarray) -> list[tuple[int, int, int, int]]:
    ink = ((grey < 170) * 255).astype(np.uint8)
    return line_boxes(ink, (0, 0, grey.shape[1], grey.shape[0]), DPI)


# ---------------------------------------------------------------- lines: strokes split off by white rows


@pytest.mark.parametrize("text", ["=", "﹦", "二", "三"])
def test_a_glyph_of_separate_bars_is_one_line(text):
    """The bars of = and 二 lie apart, each too low to be a line: one line, never dropped."""
    (box,) = boxes_of(drawn([text], CJK if text in "二三" else LATIN))
    assert box[3] - box[1] >= SIZE // 2  # cut at a line's height, not a bar's


def test_a_quote_mark_over_three_does_not_split_the_line():
    """Narrow column (贵州 三级指标): "“三" / "公”经" / "费控": the foot of 三 stays with its line."""
    grey = drawn(["“三", "公”经", "费控"], CJK, leading=1.25)
    assert len(boxes_of(grey)) == 3


@pytest.mark.parametrize("text", ["—", "……", "-"])
def test_a_lone_mark_is_a_line_cut_at_a_lines_height(text):
    """A blank cell's dash or a template's …… slot is read, not thrown away as a rule remnant."""
    (box,) = boxes_of(drawn([text]))
    assert box[3] - box[1] >= SIZE // 2


def test_a_wrapped_figure_ending_in_a_blurred_seven_stays_two_lines():
    """ "914.9" / "7" (a narrow 全年执行数 column): a 7 blurred into two bands is one glyph, so the
    first line is not taken for two touching ones."""
    grey = drawn(["914.9", "7"], width=120)
    seven = boxes_of(grey)[1]
    cut = grey.copy()
    cut[(seven[1] + seven[3]) // 2, :] = 255  # a white row through the 7, as binarising a blur leaves
    assert len(boxes_of(cut)) == 2


def test_a_rule_speck_is_still_no_line():
    grey = np.full((60, 200), 255, np.uint8)
    grey[30:32, 50:53] = 0  # six pixels: dirt
    assert boxes_of(grey) == []


# ---------------------------------------------------------------- single glyphs read by their shape


def crop_of(text: str, path: str = LATIN) -> np.ndarray:
    """The line crop the reader hands the recogniser for a cell holding `text`."""
    grey = drawn([text], path)
    (box,) = boxes_of(grey)
    return crop_line(grey, box, DPI)


@pytest.mark.parametrize("read", ["1", "l", "|"])
def test_a_slash_read_upright_is_a_slash(read):
    """四川 权重 | 得分 beside the source rows print "/": read "1" (0.93) it was one point."""
    assert reading_by_shape(crop_of("/"), read) == "/"


@pytest.mark.parametrize("text", ["1", "l", "I"])
def test_an_upright_stroke_stays_what_was_read(text):
    assert reading_by_shape(crop_of(text), text) == text


@pytest.mark.parametrize(
    ("printed", "read", "meant"),
    [("≤", "M", "≤"), ("≤", "V", "≤"), ("≤", "Λ", "≤"), ("≥", "N", "≥"), ("≥", "W", "≥"), ("≥", "Λ", "≥")],
)
def test_a_lone_operator_is_told_by_its_chevron(printed, read, meant):
    """指标性质 ≤ was read V (which the normaliser takes for ≥) or M: the chevron's vertex says which."""
    assert reading_by_shape(crop_of(printed), read) == meant


def test_an_operator_before_a_figure_is_told_by_its_chevron():
    assert reading_by_shape(crop_of("≤10"), "V10") == "≤10"
    assert reading_by_shape(crop_of("≥95%"), "Λ95%") == "≥95%"


@pytest.mark.parametrize("text", ["V", "M", "N", "W", "<", ">"])
def test_letters_and_bare_chevrons_stay_what_was_read(text):
    """No foot bar, no operator: a Latin V or a bare < is what the form printed."""
    assert reading_by_shape(crop_of(text), text) == text


@pytest.mark.parametrize("read", ["一", "二", "-"])
def test_a_lone_dash_is_a_dash(read):
    """A blank 分值 cell's — read as the character 一 (or 二 with a seal's specks over it)."""
    assert reading_by_shape(crop_of("—"), read) == "—"


def test_two_bars_and_text_are_left_alone():
    assert reading_by_shape(crop_of("二", CJK), "二") == "二"
    assert reading_by_shape(crop_of("一级", CJK), "一级") == "一级"


def test_a_reading_the_shape_decided_is_sure_and_others_keep_their_score():
    """≤ read M at 0.45, or ≤ at 0.71: decided by its chevron it is no longer the recogniser's
    doubt (a score above it on ≤ 10 次 must stay an error); a reading left alone keeps its score."""
    assert read_by_shape(crop_of("≤"), "M", 0.45) == ("≤", SHAPE_SCORE)
    assert read_by_shape(crop_of("V"), "V", 0.45) == ("V", 0.45)
    assert read_by_shape(crop_of("/"), "1", 0.97) == ("/", 0.97)
    assert read_by_shape(crop_of("≤"), "≤", 0.71) == ("≤", SHAPE_SCORE)  # read right, unsure


def test_a_figure_wrapped_in_a_cell_is_doubted_where_it_wraps():
    """ "100" / "00%": a point lost at the wrap cannot be told from a figure that simply wrapped."""
    from jixiao_audit.extract.ocr_reader import WRAPPED_FIGURE_SCORE, wrapped_figures_doubted
    from jixiao_audit.extract.pdf_text import TextLine

    def line(text: str) -> TextLine:
        return TextLine(text, 0, 0, 10, 10, 10, 5, True, 1, confidence=0.998)

    scores = [ln.confidence for ln in wrapped_figures_doubted([line("100"), line("00%"), line("无")])]
    assert scores == [WRAPPED_FIGURE_SCORE, WRAPPED_FIGURE_SCORE, 0.998]
    kept = [line("1172."), line("55"), line("万元")]  # the point is there: nothing in doubt
    assert [ln.confidence for ln in wrapped_figures_doubted(kept)] == [0.998] * 3
