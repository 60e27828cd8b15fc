"""Scanned pages → the PDF reader's page content: ruled tables as grids, text lines outside them.

A scanned page (an image-only PDF page rendered with pypdfium2, or a .jpg/.png/.tif file) is
straightened and its red seal masked (`ocr_image`), its ruled grid found (`ocr_grid`), and its
text cut into single lines by ink projection and recognised line by line (`ocr_engine`): no
full-page text detection, which is most of an OCR engine's cost. The result is the same
`PageContent` the PDF reader builds from a text layer, in PDF points, so page joins, running
heads, paragraphs and merged cells go through the very same code. Every line keeps its
recognition score (`TextLine.confidence`), which ends in each value's `Source`.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from jixiao_audit.extract.ocr_engine import recognize_lines, require_ocr
from jixiao_audit.extract.raw import ExtractError, RawDocument

# --- tunables (pixels at 200 dpi unless noted; scaled by dpi / 200) -----------------------------
SPECKLE_AREA = 6  # ink blobs smaller than this are scanner noise, not text
RULE_ERASE = 2  # rules are grown by this before being erased from the ink (anti-aliased edges)
CELL_INSET = 3  # a cell's text is looked for this far inside its rules
WIDEN = 6  # a line piece in a cell is recognised this much wider on both sides
MIN_LINE_HEIGHT = 7  # a band of ink lower than this is no text line of its own (a mark, or dirt)
FRAGMENT_RATIO = 0.6  # a band lower than this × the usual line may be strokes split off by white rows
# (the bars of = and 二, the foot of 三 under a quote mark, the halves of a blurred 7), or a mark (—, ……)
STROKE_JOIN_GAP_RATIO = 0.6  # such a band within this × the usual line of another is part of its
# glyph row (二's bars lie half an em apart) …
STROKE_JOIN_RATIO = 1.15  # … when the two together are no taller than this × the usual line's ink
NOMINAL_LINE_INK = 27  # ink height of a 10.5 pt Chinese line: the usual height in a cell with no full line
MIN_MARK_INK = 12  # ink pixels of a short band left alone that make it a mark (—, ……, a 2 × 8 px -)
MARK_HEIGHT_RATIO = 0.5  # a line piece lower than this × the usual line is a mark (=, —, ……): its
# crop is cut at the usual line's height, else the recogniser, which scales every crop to one
# height, sees a thick bar (a lone = read as nothing)
SEGMENT_GAP_RATIO = 2.0  # a horizontal gap wider than ratio × line height splits a line into pieces
SPLIT_BAND_RATIO = 1.7  # a band taller than ratio × the usual line height is two touching lines
CROP_PAD = 4  # white margin kept around a line crop at least (the recogniser wants some) …
CROP_PAD_RATIO = 0.35  # … and this share of the line's height: the recogniser scales every crop to
# 48 px high, so a taller crop is a narrower input (cost ∝ width); glyphs at ~60 % of the height
# read as well as at 80 % and ~35 % cheaper (measured on the seed's narrative pages)
CROP_INK_GREY = 170  # a column of a line crop with a pixel this dark holds ink (ocr_image.INK_MAX_GREY)
MIN_CROP_RATIO = 2.0  # a crop is at least this many times as wide as it is tall
CJK_INK_RATIO = 0.92  # ink height of a Chinese line / its font size
DIGIT_INK_RATIO = 0.72  # ink height of a digits-only line / its font size
SIZE_STEP = 0.5  # font sizes are rounded to this (points), so lines of one size compare equal
SIZE_SNAP_RATIO = 0.2  # a line within this share of the page's usual size is set in that size
PUNCT_TAIL_RATIO = 0.6  # a line ending in a CJK punctuation mark ends this many ems after its ink
GLYPH_TAIL_RATIO = 0.05  # … and after its last glyph's ink otherwise
LATIN_WIDTH_RATIO = 0.55  # a digit or Latin letter is about this many ems wide
DIGIT = re.compile(r"\d")
# A crop with digits read with a score below ocr_engine.DIGIT_SURE (the recogniser hesitated) is
# read once more inside a white margin of this share of its height on every side, and that reading
# kept only when it is sure: the seed's 文号 "2020年11月112号" reads "2020年1月112号" (0.68) as cut,
# and right (0.998-0.9998) with margins from 0.3 to 0.8 of its height; the input only gets wider.
# Digits only: re-read, the generated scans' unit cells 元 came out 兀.
RETRY_MARGIN_RATIO = 0.4
WRAPPED_FIGURE_SCORE = 0.85  # below audit.ocr_confidence.LOW_CONFIDENCE: see wrapped_figures_doubted


def read_image(path: str | Path) -> RawDocument:
    """A .jpg/.png/.tif file (one page per image frame) → RawDocument; ExtractError on failure."""
    require_ocr()
    from jixiao_audit.extract.ocr_image import load_image
    from jixiao_audit.extract.ocr_pages import map_pages
    from jixiao_audit.extract.pdf_reader import finish_pages

    path = Path(path)
    try:
        images, dpi = load_image(path)
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types on a broken image
        raise ExtractError(f"图片文件无法打开（{_short(exc)}）") from None
    with ocr_failures():
        pages = map_pages(ocr_page, [(image, n, dpi) for n, image in enumerate(images, start=1)])
    return finish_pages(path, "image", pages, ocr_pages=len(pages))


@contextmanager
def ocr_failures():
    """Anything the image or OCR libraries raise on a strange page becomes a one-line reason."""
    try:
        yield
    except ExtractError:
        raise
    except Exception as exc:  # noqa: BLE001 - OpenCV / onnxruntime raise their own types
        raise ExtractError(ocr_failure_reason(exc)) from None


def ocr_failure_reason(exc: BaseException) -> str:
    """A clean one-line Chinese reason for a page OCR could not read: the known failure's reason
    (memory …) or that the page image could not be processed, with the exception's type only. A
    library's message can be a traceback (from a worker process) or a C++ source path: no use to
    a reviewer, and no one-line reason."""
    from concurrent.futures.process import BrokenProcessPool

    from jixiao_audit.failures import known_reason

    if isinstance(exc, BrokenProcessPool):  # a page worker died: killed at its memory cap, say
        reason = "识别进程意外退出（可能内存不足）"
    else:
        reason = known_reason(exc) or "页面图像无法处理"
    return f"扫描件 OCR 识别失败：{reason}（{type(exc).__name__}）"


def _short(exc: BaseException) -> str:
    return (str(exc).replace("\n", " ").strip() or type(exc).__name__)[:80]


def ocr_pdf_pages(path: Path, numbers: list[int]) -> dict:
    """The given 1-based pages of a PDF, rendered and read by OCR (in parallel across page
    workers, see `ocr_pages`): page number → PageContent."""
    require_ocr()
    from jixiao_audit.extract.ocr_pages import map_pages

    with ocr_failures():
        pages = map_pages(ocr_pdf_page, [(str(path), n) for n in numbers])
    return dict(zip(numbers, pages, strict=True))


def ocr_pdf_page(path: str, number: int):
    """One 1-based page of a PDF, rendered and read by OCR (a page worker's task: it opens the
    file itself, so only a path and a number travel)."""
    import pypdfium2 as pdfium
    from jixiao_audit.extract.ocr_image import RENDER_DPI, render_pdf_page

    pdf = pdfium.PdfDocument(path)
    try:
        height = pdf[number - 1].get_height()
        return ocr_page(render_pdf_page(pdf, number - 1, RENDER_DPI), number, RENDER_DPI, height)
    finally:
        pdf.close()


def ocr_page(bgr: np.ndarray, number: int, dpi: float, height_pt: float | None = None):
    """One page image → PageContent (tables with their cells' lines, body lines), in points."""
    from jixiao_audit.extract.ocr_grid import find_tables
    from jixiao_audit.extract.ocr_image import upright_page
    from jixiao_audit.extract.pdf_reader import OCR, PageContent

    grey, ink, rule_ink = upright_page(bgr)
    tables, rules = find_tables(rule_ink, dpi)
    text_ink = clean_ink(ink, rules, dpi)
    grey = erase_rules(grey, rules, dpi)
    scale = 72.0 / dpi
    inset = _px(CELL_INSET, dpi)
    inners = [
        (cell, (x0 + inset, top + inset, x1 - inset, bottom - inset))
        for table in tables
        for cell in table.cells
        for x0, top, x1, bottom in [cell.box]
    ]
    body = text_ink.copy()
    for table in tables:
        x0, top, x1, bottom = table.box
        body[top : bottom + 1, x0 : x1 + 1] = 0
    page_area = (0, 0, body.shape[1], body.shape[0])
    usual = usual_line_ink([(text_ink, area) for _, area in inners] + [(body, page_area)], dpi)
    jobs: list[tuple[object, list[tuple[int, int, int, int]]]] = [  # (owner, line boxes)
        (cell, [widen(b, inner, dpi) for b in line_boxes(text_ink, inner, dpi, usual)])
        for cell, inner in inners
    ]
    jobs.append((None, line_boxes(body, page_area, dpi, usual)))
    lines_of = recognise_jobs(grey, jobs, number, scale, dpi)
    lines_of = snap_sizes(lines_of)
    grid_tables = [to_grid_table(t, lines_of, number, scale) for t in tables]
    page_height = height_pt if height_pt is not None else grey.shape[0] * scale
    return PageContent(number, float(page_height), grid_tables, lines_of[None], OCR)


def _px(value: float, dpi: float) -> int:
    return max(1, round(value * dpi / 200))


def clean_ink(ink: np.ndarray, rules: np.ndarray, dpi: float) -> np.ndarray:
    """Ink of text only: rules erased, speckles dropped."""
    import cv2

    grown = cv2.dilate(rules, np.ones((2 * _px(RULE_ERASE, dpi) + 1,) * 2, np.uint8))
    text = ink & ~grown
    _, labels, stats, _ = cv2.connectedComponentsWithStats(text, connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] < _px(SPECKLE_AREA, dpi))
    small = small[small > 0]
    if small.size:
        text[np.isin(labels, small)] = 0
    return text


def erase_rules(grey: np.ndarray, rules: np.ndarray, dpi: float) -> np.ndarray:
    """The grey page with table rules painted white, so a line crop never shows a rule as "|"."""
    import cv2

    grown = cv2.dilate(rules, np.ones((2 * _px(RULE_ERASE, dpi) + 1,) * 2, np.uint8))
    clean = grey.copy()
    clean[grown > 0] = 255
    return clean


def widen(
    box: tuple[int, int, int, int], area: tuple[int, int, int, int], dpi: float
) -> tuple[int, int, int, int]:
    """A line piece grown sideways within its cell: the ink next to a rule was erased with the
    rule, and the first or last glyph would be cut."""
    grow = _px(WIDEN, dpi)
    return max(area[0], box[0] - grow), box[1], min(area[2], box[2] + grow), box[3]


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run of True."""
    padded = np.concatenate(([False], flags, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _profile(ink: np.ndarray, area: tuple[int, int, int, int]) -> np.ndarray:
    """Ink pixels per row of `area` (x0, top, x1, bottom) of `ink`."""
    ax0, atop, ax1, abottom = (max(v, 0) for v in area)
    return (ink[atop:abottom, ax0:ax1] > 0).sum(axis=1)


def usual_line_ink(regions: list, dpi: float) -> int:
    """The page's usual ink height of a text line (median of the bands tall enough to be lines in
    every (ink, area) region; NOMINAL_LINE_INK on a page with none): a cell holding one small glyph
    (≤, =) has no line of its own to measure."""
    low = _px(MIN_LINE_HEIGHT, dpi)
    heights = [b - a for ink, area in regions for a, b in _runs(_profile(ink, area) > 0) if b - a >= low]
    return int(np.median(heights)) if heights else _px(NOMINAL_LINE_INK, dpi)


def line_boxes(
    ink: np.ndarray, area: tuple[int, int, int, int], dpi: float, usual: int | None = None
) -> list[tuple[int, int, int, int]]:
    """Single-line text pieces inside `area` as (x0, top, x1, bottom) page pixels, in reading
    order: horizontal ink bands (touching lines split at their thinnest row), each band cut at
    wide gaps (a label and a value set far apart on one line are read separately)."""
    ax0, atop, ax1, abottom = (max(v, 0) for v in area)
    region = ink[atop:abottom, ax0:ax1]
    if region.size == 0 or not region.any():
        return []
    profile = (region > 0).sum(axis=1)
    bands, usual = text_bands(profile, dpi, usual)
    boxes = []
    for k, (top, bottom) in enumerate(bands):
        # a mark grown to a line's height stays clear of the lines above and below it
        room = (
            atop + (bands[k - 1][1] if k else 0),
            atop + (bands[k + 1][0] if k + 1 < len(bands) else abottom - atop),
        )
        cols = (region[top:bottom] > 0).any(axis=0)
        pieces = _runs(cols)
        low_band = bottom - top < MARK_HEIGHT_RATIO * usual  # a row of marks (……) is no narrower a line
        max_gap = SEGMENT_GAP_RATIO * (usual if low_band else bottom - top)
        merged: list[list[int]] = []
        for a, b in pieces:
            if merged and a - merged[-1][1] <= max_gap:
                merged[-1][1] = b
            else:
                merged.append([a, b])
        for a, b in merged:
            sub = region[top:bottom, a:b]
            rows = np.flatnonzero(sub.any(axis=1))
            top_px, bottom_px = atop + top + int(rows[0]), atop + top + int(rows[-1]) + 1
            if bottom_px - top_px < MARK_HEIGHT_RATIO * usual:  # a mark: cut at a line's height
                top_px, bottom_px = mark_rows(top_px, bottom_px, usual, *room)
            boxes.append((ax0 + a, top_px, ax0 + b, bottom_px))
    return boxes


def text_bands(
    profile: np.ndarray, dpi: float, page_usual: int | None = None
) -> tuple[list[tuple[int, int]], int]:
    """The rows of each text line from a region's ink profile (rows with ink), and the usual line's
    ink height (the region's, at least the page's). White rows split a glyph row into bands; a band
    too low to be a line is joined to the neighbour whose glyphs it completes, or else kept as a
    mark when it holds enough ink."""
    low = _px(MIN_LINE_HEIGHT, dpi)
    page_usual = page_usual or _px(NOMINAL_LINE_INK, dpi)
    bands = join_strokes(_runs(profile > 0), page_usual)
    full = [b - a for a, b in bands if b - a >= low]
    own = int(np.median(full)) if full else page_usual  # touching lines are split by the region's own
    usual = max(own, page_usual)
    bands = join_strokes(split_tall_bands(bands, profile, own), usual)
    min_ink = MIN_MARK_INK * (dpi / 200) ** 2
    return [(a, b) for a, b in bands if b - a >= low or profile[a:b].sum() >= min_ink], usual


def join_strokes(bands: list[tuple[int, int]], usual: int) -> list[tuple[int, int]]:
    """Each band too low to be a whole line joined to the neighbour it fits best: within
    STROKE_JOIN_GAP_RATIO of a line, and no taller together than STROKE_JOIN_RATIO × the usual
    line (so never to the next line)."""
    low, gap, cap = FRAGMENT_RATIO * usual, STROKE_JOIN_GAP_RATIO * usual, STROKE_JOIN_RATIO * usual
    out = list(bands)
    i = 0
    while i < len(out):
        a, b = out[i]
        if b - a >= low:
            i += 1
            continue
        fits = [
            (hi - lo, j)
            for j in (i - 1, i + 1)
            if 0 <= j < len(out)
            for lo, hi in [(min(a, out[j][0]), max(b, out[j][1]))]
            if max(out[j][0] - b, a - out[j][1]) <= gap and hi - lo <= cap
        ]
        if not fits:
            i += 1
            continue
        _, j = min(fits)
        k = min(i, j)
        out[k : k + 2] = [(min(a, out[j][0]), max(b, out[j][1]))]
        i = max(0, k - 1)
    return out


def mark_rows(top: int, bottom: int, usual: int, room_top: int, room_bottom: int) -> tuple[int, int]:
    """A mark's rows grown about its middle to the usual line's height, within the room between
    its neighbours: cut to its own few rows it would fill the recogniser's input (a dash read as a
    bar), and its size be a fraction of the page's."""
    middle = (top + bottom) // 2
    return max(room_top, middle - usual // 2), min(room_bottom, middle + usual - usual // 2)


def split_tall_bands(
    bands: list[tuple[int, int]], profile: np.ndarray, usual: float
) -> list[tuple[int, int]]:
    """Bands much taller than the usual one are lines that touch: cut at the thinnest row."""
    if not bands:
        return bands
    out: list[tuple[int, int]] = []
    queue = list(bands)
    while queue:
        a, b = queue.pop(0)
        n_lines = round((b - a) / usual) if usual else 1
        if b - a > SPLIT_BAND_RATIO * usual and n_lines >= 2:
            lo, hi = a + int(usual * 0.6), b - int(usual * 0.6)
            cut = lo + int(np.argmin(profile[lo:hi])) if hi > lo else (a + b) // 2
            queue[:0] = [(a, cut), (cut, b)]
            continue
        out.append((a, b))
    return out


def crop_line(grey: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> np.ndarray:
    """The grey pixels of a line piece with a white margin.
    A short piece (a lone "0") is widened with white to MIN_CROP_RATIO × its height: the
    recogniser is unsure of a glyph that fills its whole input."""
    import cv2

    x0, top, x1, bottom = box
    pad = max(_px(CROP_PAD, dpi), round(CROP_PAD_RATIO * (bottom - top)))
    crop = tight_columns(grey[top:bottom, x0:x1])
    height = bottom - top + 2 * pad
    extra = max(0, int(MIN_CROP_RATIO * height) - (crop.shape[1] + 2 * pad))
    left, right = pad + extra // 2, pad + extra - extra // 2
    return cv2.copyMakeBorder(crop, pad, pad, left, right, cv2.BORDER_CONSTANT, value=255)


def tight_columns(crop: np.ndarray) -> np.ndarray:
    """A line crop without the white columns at its ends (a piece widened to catch ink erased
    with a rule is mostly white there): the recogniser's cost grows with the input's width."""
    inked = np.flatnonzero((crop < CROP_INK_GREY).any(axis=0))
    return crop[:, inked[0] : inked[-1] + 1] if inked.size else crop


def recognise_jobs(grey, jobs, page: int, scale: float, dpi: float) -> dict:
    """Recognise every line piece of the page in one batched call; owner → its TextLines."""
    from jixiao_audit.extract.ocr_glyphs import read_by_shape

    flat = [(owner, box) for owner, boxes in jobs for box in boxes]
    crops = [crop_line(grey, box, dpi) for _, box in flat]
    # a lone / or dash, or a leading ≥/≤, is put right by its shape
    results = [
        read_by_shape(crop, text, score)
        for crop, (text, score) in zip(crops, recognise_crops(crops), strict=True)
    ]
    lines_of: dict = {id(owner) if owner is not None else None: [] for owner, _ in jobs}
    pieces: dict = {}
    for (owner, box), (text, score) in zip(flat, results, strict=True):
        text = text.strip()
        if text:
            pieces.setdefault(id(owner) if owner is not None else None, []).append((box, text, score))
    for key, found in pieces.items():
        lines = pieces_to_lines(found, page, scale)
        lines_of[key] = lines if key is None else wrapped_figures_doubted(lines)
    return lines_of


def wrapped_figures_doubted(lines: list) -> list:
    """A cell's lines with a figure wrapped from one line to the next (a digit ending one, a digit
    starting the next) scored WRAPPED_FIGURE_SCORE at most: a point or separator at the wrap may be
    gone from the scan (a seal faded 四川's "100." / "00%" into 10000 %, read at 0.998), and
    nothing in the two readings tells a lost point from a figure that simply wrapped."""
    from dataclasses import replace

    doubted = {
        k + d
        for k in range(len(lines) - 1)
        if lines[k].text[-1:].isdigit() and lines[k + 1].text[:1].isdigit()
        for d in (0, 1)
    }
    return [
        replace(ln, confidence=min(ln.confidence, WRAPPED_FIGURE_SCORE)) if k in doubted else ln
        for k, ln in enumerate(lines)
    ]


def recognise_crops(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """Text and score of each crop; an unsure one that holds digits read again inside a wider white
    margin (RETRY_MARGIN_RATIO), and that reading kept only when the recogniser is sure of it."""
    import cv2
    from jixiao_audit.extract.ocr_engine import DIGIT_SURE

    results = recognize_lines(crops)
    unsure = [i for i, (text, score) in enumerate(results) if score < DIGIT_SURE and DIGIT.search(text)]
    if not unsure:
        return results
    margins = [max(1, round(RETRY_MARGIN_RATIO * crops[i].shape[0])) for i in unsure]
    again = recognize_lines(
        [
            cv2.copyMakeBorder(crops[i], m, m, m, m, cv2.BORDER_CONSTANT, value=255)
            for i, m in zip(unsure, margins, strict=True)
        ]
    )
    for i, second in zip(unsure, again, strict=True):
        if second[1] >= DIGIT_SURE:  # an unsure second guess is no better than the first
            results[i] = second
    return results


def pieces_to_lines(found: list, page: int, scale: float) -> list:
    """Recognised pieces → TextLines: pieces on one band joined left to right (a wide gap kept as
    one space), positions in points, font size estimated from the ink height."""
    from jixiao_audit.extract.pdf_text import TextLine, is_wide

    rows: list[list] = []
    for box, text, score in sorted(found, key=lambda f: (f[0][1], f[0][0])):
        mid = (box[1] + box[3]) / 2
        if rows and rows[-1][0][0][1] <= mid <= rows[-1][0][0][3]:
            rows[-1].append((box, text, score))
        else:
            rows.append([(box, text, score)])
    lines = []
    for row in rows:
        row.sort(key=lambda f: f[0][0])
        text = " ".join(t for _, t, _ in row)
        x0, top = row[0][0][0] * scale, min(b[1] for b, _, _ in row) * scale
        x1, bottom = row[-1][0][2] * scale, max(b[3] for b, _, _ in row) * scale
        wide = any(is_wide(ch) for ch in text)
        size = (bottom - top) / (CJK_INK_RATIO if wide else DIGIT_INK_RATIO)
        size = max(SIZE_STEP, round(size / SIZE_STEP) * SIZE_STEP)
        tail = PUNCT_TAIL_RATIO if is_wide(text[-1]) and not text[-1].isalnum() else GLYPH_TAIL_RATIO
        lines.append(
            TextLine(
                text=text,
                x0=round(x0, 2),
                top=round(top, 2),
                x1=round(x1 + tail * size, 2),
                bottom=round(bottom, 2),
                size=size,
                head_width=head_width(text, size),
                single_token=not any(is_wide(ch) or ch.isspace() for ch in text),
                page=page,
                confidence=round(min(s for _, _, s in row), 4),
            )
        )
    return lines


def head_width(text: str, size: float) -> float:
    """Width of the unit a line starts with, which a wrap could not have split: a Latin/number
    run, or one character with the punctuation that may not start a line after it (kinsoku) and
    an opening bracket before it. Estimated from the font size, as OCR has no glyph widths."""
    from jixiao_audit.extract.pdf_text import NO_LINE_END, NO_LINE_START, is_wide

    def width(ch: str) -> float:
        return size if is_wide(ch) else LATIN_WIDTH_RATIO * size

    i = 0
    while i < len(text) - 1 and text[i] in NO_LINE_END:
        i += 1
    if not is_wide(text[i]) and not text[i].isspace():
        while i + 1 < len(text) and not is_wide(text[i + 1]) and not text[i + 1].isspace():
            i += 1
    while i + 1 < len(text) and text[i + 1] in NO_LINE_START:
        i += 1
    return sum(width(ch) for ch in text[: i + 1])


def snap_sizes(lines_of: dict) -> dict:
    """Give every line near the page's usual font size exactly that size. Ink heights vary by a
    point from line to line, and the paragraph logic reads a size change as a new paragraph."""
    from dataclasses import replace
    from statistics import median

    sizes = [ln.size for lines in lines_of.values() for ln in lines]
    if not sizes:
        return lines_of
    usual = median(sizes)

    def snap(line):
        return replace(line, size=usual) if abs(line.size - usual) <= SIZE_SNAP_RATIO * usual else line

    return {key: [snap(ln) for ln in lines] for key, lines in lines_of.items()}


def to_grid_table(table, lines_of: dict, page: int, scale: float):
    """A PixelTable and its cells' lines → the PDF reader's GridTable, in points."""
    from jixiao_audit.extract.pdf_tables import Fragment, GridCell, GridTable

    def pt(v: float) -> float:
        return round(v * scale, 2)

    cells = [
        GridCell(
            c.r0, c.r1, c.c0, c.c1, [Fragment(page, tuple(pt(v) for v in c.box), lines_of.get(id(c), []))]
        )
        for c in table.cells
    ]
    return GridTable(
        xs=[pt(x) for x in table.xs],
        n_rows=len(table.ys) - 1,
        cells=cells,
        page=page,
        last_page=page,
        top=pt(table.ys[0]),
        bottom=pt(table.ys[-1]),
    )
