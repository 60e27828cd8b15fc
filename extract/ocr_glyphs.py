"""Single glyphs the recogniser cannot be trusted with, told apart by their shape.

A form's narrow cells often hold one symbol: "/" for not applicable (四川 权重 | 得分 beside the
source rows), ≥ or ≤ as an indicator's 指标性质. Alone in a crop, the recogniser has no context:
it read "/" as "1" with a sure score (0.93, one point where the form has none), ≤ as V, Λ or M
(its look-alikes, one of which the normaliser takes for ≥) and a dash as the character 一. The ink
says what they are: a slash leans, a one stands upright; ≤ is a chevron opening to the right over
a bar, ≥ one opening to the left; a dash is one flat bar. Only a crop read as one of these
look-alikes is looked at (for ≥/≤, a reading that starts with one), and its reading changed only
when the shape is unmistakable, with SHAPE_SCORE as its score.
"""

from __future__ import annotations

import numpy as np

INK_GREY = 170  # a pixel this dark is ink (ocr_reader.CROP_INK_GREY)
SLASH_LEAN = 0.15  # a stroke whose top is this share of its height right of its bottom leans: "/"
UPRIGHT_READINGS = frozenset("1lI|!丨")  # what a lone "/" is read as
BAR_WIDTH_RATIO = 0.7  # the foot of ≤/≥: rows spanning this share of the glyph's width …
BAR_HEIGHT_RATIO = 0.3  # … within this share of its height from the bottom
STROKE_WIDTH_RATIO = 0.75  # the chevron's arms: each of its rows holds ink across at most this share
VERTEX_SHIFT = 0.25  # its vertex lies this share of the glyph's width to one side of its arms' ends
# What the recogniser reads ≥ or ≤ as, at the start of a reading (the operator itself included).
OPERATOR_READINGS = frozenset("VvΛ∧∨^MNWw<>＜＞≤≥≦≧〈〉«»")
# A line that is one horizontal bar: a dash (a blank cell's —), which the recogniser reads as the
# character 一 it looks exactly like; alone on a line, 一 means nothing in a report.
BAR_READINGS = frozenset(("一", "二", "—", "–", "-", "ー", "_", "——"))  # 二: a bar with specks over it
BAR_FLATNESS = 0.25  # a bar's ink is at most this share of its width high
BAR_INK_SHARE = 0.7  # … and holds this share of the glyph's ink at least
DASH = "—"
# The score of a reading its shape decided: the tests above leave no doubt (the scans' chevrons have
# their vertex 0.6 of the glyph's width to one side, where VERTEX_SHIFT asks 0.25), and the
# recogniser's low score was for the look-alike it read (≤ as M at 0.45), which is gone; a planted
# 22.5-of-≤-10-次 score must stay an error, not a warning to check the original.
SHAPE_SCORE = 0.95


def trim(ink: np.ndarray) -> np.ndarray:
    """Boolean ink cut to its bounding box (an empty array when it has none)."""
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not rows.size:
        return ink[:0, :0]
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def glyph_columns(ink: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run of inked columns: the glyphs of a line, roughly."""
    padded = np.concatenate(([False], ink.any(axis=0), [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def row_centres(ink: np.ndarray) -> np.ndarray:
    """Mean ink column of each row (NaN for a row without ink)."""
    counts = ink.sum(axis=1)
    sums = (ink * np.arange(ink.shape[1])).sum(axis=1)
    return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def leans_like_a_slash(ink: np.ndarray) -> bool:
    """One stroke whose top quarter lies well right of its bottom quarter."""
    height = ink.shape[0]
    if height < 8:
        return False
    centres = row_centres(ink)
    quarter = max(1, height // 4)
    top, bottom = np.nanmean(centres[:quarter]), np.nanmean(centres[-quarter:])
    return bool(top - bottom >= SLASH_LEAN * height)


def is_flat_bar(ink: np.ndarray) -> bool:
    """One horizontal bar: the rows inked across half the width or more are few (BAR_FLATNESS of
    the width) and hold most of the ink (specks a seal left around it aside)."""
    width = ink.shape[1]
    spans = ink.sum(axis=1)
    wide = np.flatnonzero(spans >= width / 2)
    if not wide.size or width < 8:
        return False
    flat = wide[-1] - wide[0] + 1 <= BAR_FLATNESS * width
    return bool(flat and spans[wide[0] : wide[-1] + 1].sum() >= BAR_INK_SHARE * spans.sum())


def operator_of(ink: np.ndarray) -> str | None:
    """≤ or ≥ when the glyph is a chevron over a bar (the bar's rows the widest, at the foot; the
    arms thin; the vertex to the left: ≤, to the right: ≥), else None."""
    height, width = ink.shape
    if height < 8 or width < 4:
        return None
    spans = ink.sum(axis=1)
    foot = int(np.ceil(BAR_HEIGHT_RATIO * height))
    if spans[-foot:].max() < BAR_WIDTH_RATIO * width:
        return None
    inked = np.flatnonzero(spans)
    bar_rows = np.flatnonzero(spans >= BAR_WIDTH_RATIO * width)
    arms = ink[: bar_rows[0]] if bar_rows.size else ink
    arm_rows = np.flatnonzero(arms.any(axis=1))
    if arm_rows.size < 6 or inked[0] != arm_rows[0]:
        return None
    arms = arms[arm_rows[0] : arm_rows[-1] + 1]
    if (arms.sum(axis=1) > STROKE_WIDTH_RATIO * width).any():
        return None
    centres = row_centres(arms)
    n = arms.shape[0]
    ends = np.nanmean(np.concatenate((centres[: max(1, n // 6)], centres[-max(1, n // 6) :])))
    middle = np.nanmean(centres[n * 2 // 5 : max(n * 2 // 5 + 1, n * 3 // 5)])
    if middle <= ends - VERTEX_SHIFT * width:
        return "≤"
    if middle >= ends + VERTEX_SHIFT * width:
        return "≥"
    return None


def shape_reading(crop: np.ndarray, text: str) -> str | None:
    """What a line crop read as `text` is by its shape, when the shape decides it: a lone slash, a
    lone dash, or a leading ≥/≤ (the rest of the reading kept); None when it does not."""
    if not text or not (text[0] in UPRIGHT_READINGS or text[0] in OPERATOR_READINGS or text in BAR_READINGS):
        return None
    ink = trim(crop < INK_GREY)
    runs = glyph_columns(ink)
    if not runs:
        return None
    first = trim(ink[:, runs[0][0] : runs[0][1]])  # the first glyph, cut to its own rows
    if len(runs) == 1 and text in UPRIGHT_READINGS and leans_like_a_slash(first):
        return "/"
    if text in BAR_READINGS and is_flat_bar(ink):  # a seal's ring may cut the bar into pieces
        return DASH
    if text[0] in OPERATOR_READINGS and (operator := operator_of(first)) is not None:
        return operator + text[1:] if len(runs) > 1 else operator
    return None


def reading_by_shape(crop: np.ndarray, text: str) -> str:
    """The recogniser's reading of a line crop, put right by its shape where that decides it."""
    return shape_reading(crop, text) or text


def read_by_shape(crop: np.ndarray, text: str, score: float) -> tuple[str, float]:
    """(reading, score) of a line crop: a reading its shape decided (changed or confirmed: ≤ read
    as ≤ at 0.71) scores SHAPE_SCORE at least."""
    read = shape_reading(crop, text)
    return (read, max(score, SHAPE_SCORE)) if read is not None else (text, score)
