"""Scanned-page geometry without OCR: deskew, seal fading, the ruled grid (merged cells), the
scanned-page decision and the refusals. Synthetic pages drawn with OpenCV; fast."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from jixiao_audit.extract.ocr_grid import find_tables
from jixiao_audit.extract.ocr_image import binarize, estimate_skew, mask_red_seal, rotate, upright_page

DPI = 200
# A 4 × 4 grid: row 0 is one merged title cell, (1..2, 0) a vertically merged label,
# (3, 1..3) a horizontally merged value: 1 + 1 + 3 + 3 + 2 = 10 cells.
XS = [200, 420, 640, 860, 1080]
YS = [300, 360, 420, 480, 540]
MERGED = {(0, 0): (1, 4), (1, 0): (2, 1), (3, 1): (1, 3)}  # (r, c) → (rowspan, colspan)


def expected_cells() -> set[tuple[int, int, int, int]]:
    covered, cells = set(), set()
    for r in range(4):
        for c in range(4):
            if (r, c) in covered:
                continue
            rs, cs = MERGED.get((r, c), (1, 1))
            cells.add((r, r + rs, c, c + cs))
            covered |= {(rr, cc) for rr in range(r, r + rs) for cc in range(c, c + cs)}
    return cells


def draw_table(width: int = 1300, height: int = 900) -> np.ndarray:
    """White page with the ruled grid (2 px rules) and some glyph-like strokes in the cells."""
    page = np.full((height, width, 3), 255, np.uint8)
    cells = expected_cells()
    for r0, r1, c0, c1 in cells:
        cv2.rectangle(page, (XS[c0], YS[r0]), (XS[c1], YS[r1]), (0, 0, 0), 2)
        x, y = XS[c0] + 20, (YS[r0] + YS[r1]) // 2
        for k in range(4):  # "text": short strokes that must not become rules
            cv2.line(page, (x + 24 * k, y - 10), (x + 24 * k, y + 10), (0, 0, 0), 2)
            cv2.line(page, (x + 24 * k - 8, y), (x + 24 * k + 8, y), (0, 0, 0), 2)
    return page


def stamp(page: np.ndarray, centre: tuple[int, int], radius: int = 160) -> np.ndarray:
    """A red ring and a filled red star multiplied over the page, like ink on paper."""
    seal = np.full_like(page, 255)
    cv2.circle(seal, centre, radius, (40, 35, 215), 10)
    cv2.circle(seal, centre, radius // 4, (40, 35, 215), -1)
    return (page.astype(np.float32) * seal.astype(np.float32) / 255).astype(np.uint8)


def tilt(page: np.ndarray, degrees: float) -> np.ndarray:
    h, w = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(page, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def grid_of(page: np.ndarray):
    _, _, rule_ink = upright_page(page)
    tables, _ = find_tables(rule_ink, DPI)
    assert len(tables) == 1
    return tables[0]


def test_grid_with_merged_cells():
    table = grid_of(draw_table())
    assert len(table.xs) == 5 and len(table.ys) == 5
    assert {(c.r0, c.r1, c.c0, c.c1) for c in table.cells} == expected_cells()


@pytest.mark.parametrize("degrees", [0.7, -0.7, 1.5])
def test_skewed_scan_is_straightened_before_the_grid(degrees):
    page = tilt(draw_table(), degrees)
    assert estimate_skew(binarize(mask_red_seal(page))) == pytest.approx(-degrees, abs=0.1)
    table = grid_of(page)
    assert {(c.r0, c.r1, c.c0, c.c1) for c in table.cells} == expected_cells()


def test_seal_over_the_table_leaves_grid_and_ink():
    page = stamp(draw_table(), (XS[2], YS[2]))
    table = grid_of(tilt(page, 0.7))
    assert {(c.r0, c.r1, c.c0, c.c1) for c in table.cells} == expected_cells()
    grey = mask_red_seal(page)
    ring_only = (YS[2] + 160, XS[2] + 5)  # bottom of the ring, inside a cell: paper once faded
    assert grey[ring_only] > 200
    rule_under_star = (YS[2], XS[2] + 20)  # a rule under the filled star: still ink
    assert binarize(grey)[rule_under_star] == 255


def test_floor_cut_into_pieces_shorter_than_a_rule_still_parts_two_rows():
    """A stamp's ring and characters crossing a row's rule cut both its pixel rows every ~55 px
    (云南 丽江, 度量单位 元 over %): each stretch is shorter than a rule, but lying on the row's rule
    they are that rule, and the cells above and below stay two."""
    page = draw_table()
    y = YS[3]  # the floor between rows 2 and 3 of the merged-free column 2 (x 640..860)
    for x in range(XS[2] + 45, XS[3] - 10, 55):
        page[y - 3 : y + 4, x : x + 2] = 255
    assert {(c.r0, c.r1, c.c0, c.c1) for c in grid_of(page).cells} == expected_cells()


def test_rotate_keeps_size_and_paper_corners():
    grey = np.full((100, 200), 255, np.uint8)
    out = rotate(grey, 2.0)
    assert out.shape == grey.shape and out[0, 0] == 255


def test_scanned_page_decision():
    from jixiao_audit.extract.pdf_reader import PageContent, is_garbage_text, is_scanned_page
    from jixiao_audit.extract.pdf_text import TextLine

    def page(*texts: str) -> PageContent:
        lines = [TextLine(t, 0, 10 * i, 100, 10 * i + 9, 9, 9, False, 1) for i, t in enumerate(texts)]
        return PageContent(1, 842, [], lines)

    assert is_scanned_page(page())
    assert is_scanned_page(page("— 2 —"))  # a page number stamped on a scan
    assert not is_scanned_page(page("一、部门（单位）基本概况", "联系人 黄可夫"))
    assert is_scanned_page(page("(cid:12)(cid:845)(cid:77)(cid:1203)(cid:9)"))
    assert is_scanned_page(page("\ue010\ue011\ue012\ue013\ue014\ue015\ue016\ue017\ue018\ue019\ue01a"))
    assert not is_garbage_text("项目支出绩效自评表")


def test_missing_ocr_packages_give_a_reason(monkeypatch):
    import importlib.util

    from jixiao_audit.extract import ocr_engine
    from jixiao_audit.extract.raw import ExtractError

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "rapidocr" else real(name, *a)
    )
    assert ocr_engine.missing_ocr_packages() == ["rapidocr"]
    with pytest.raises(ExtractError, match=r"jixiao-audit\[ocr\]"):
        ocr_engine.require_ocr()


def test_no_ocr_refuses_an_image_without_reading_it(tmp_path, monkeypatch):
    from jixiao_audit.extract import NO_OCR_REASON, ocr_reader, read_document
    from jixiao_audit.extract.raw import ExtractError

    path = tmp_path / "page.png"
    cv2.imwrite(str(path), draw_table())

    def not_read(*args, **kwargs):
        raise AssertionError("OCR ran under ocr=False")

    monkeypatch.setattr(ocr_reader, "read_image", not_read)
    with pytest.raises(ExtractError) as err:
        read_document(path, ocr=False)
    assert err.value.reason == NO_OCR_REASON


def test_no_ocr_travels_as_an_argument_to_a_worker_process(tmp_path):
    """read_one's `ocr` reaches a worker as an argument: no environment variable is involved, so
    a worker started elsewhere (Dask) obeys it too."""
    from concurrent.futures import ProcessPoolExecutor

    from jixiao_audit.extract import NO_OCR_REASON

    from jixiao_audit.batch import read_one

    path = tmp_path / "page.png"
    cv2.imwrite(str(path), draw_table())
    with ProcessPoolExecutor(max_workers=1) as pool:
        result = pool.submit(read_one, str(path), None, False).result()
    assert (result.status, result.error) == ("error", NO_OCR_REASON)
    assert not [k for k in os.environ if "OCR" in k]


def test_cli_no_ocr_lists_the_scan_in_failures(tmp_path):
    from click.testing import CliRunner
    from jixiao_audit.extract import NO_OCR_REASON
    from openpyxl import load_workbook

    from jixiao_audit.cli import cli

    path = tmp_path / "scan.png"
    cv2.imwrite(str(path), draw_table())
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, [str(path), "-o", str(out), "--no-ocr", "--workers", "1"])
    assert result.exit_code == 1, result.output
    rows = list(load_workbook(out)["读取失败"].iter_rows(values_only=True))
    assert rows[1] == (str(path), NO_OCR_REASON)
    assert not [k for k in os.environ if "OCR" in k]  # an argument, no process state left behind


def test_scanned_pdf_without_ocr_packages_says_what_to_install(tmp_path, monkeypatch):
    """An image-only PDF with the OCR extra missing: refused with the install hint, not an exception."""
    import importlib.util

    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.ocr_engine import MISSING_REASON
    from jixiao_audit.extract.raw import ExtractError
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.fromarray(draw_table()).save(path, "PDF", resolution=200)
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "cv2" else real(name, *a)
    )
    with pytest.raises(ExtractError) as err:
        read_document(path)
    assert err.value.reason == MISSING_REASON


def test_image_resolution_is_believed_only_when_the_page_width_is_plausible():
    from jixiao_audit.extract.ocr_image import RENDER_DPI, at_render_dpi, page_dpi

    assert page_dpi(1654, 200) == 200  # an A4 scan at 200 dpi says so
    assert page_dpi(3307, 72) == pytest.approx(3307 / 8.27)  # a phone's 72 dpi for a 3307 px page
    assert page_dpi(1240, 0) == pytest.approx(150, abs=0.5)  # no resolution stated
    big = np.full((800, 600, 3), 255, np.uint8)
    assert at_render_dpi(big, 400).shape[:2] == (400, 300)
    assert at_render_dpi(big, RENDER_DPI) is big


def test_broken_image_is_a_one_line_reason(tmp_path):
    from jixiao_audit.extract import read_document
    from jixiao_audit.extract.raw import ExtractError

    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    with pytest.raises(ExtractError) as err:
        read_document(path)
    assert err.value.reason.startswith("图片文件无法打开") and "\n" not in err.value.reason


@pytest.mark.parametrize(
    "raised",
    [
        RuntimeError(
            '\n"""\nTraceback (most recent call last):\n  File "ocr.py", line 3\nValueError: bad page\n"""'
        ),
        cv2.error(
            "OpenCV(4.10.0) /io/opencv/modules/imgproc/src/thresh.cpp:1676: error: (-215:Assertion failed)"
        ),
        MemoryError(),
        BrokenProcessPool("A process in the process pool was terminated abruptly"),
    ],
)
def test_ocr_failure_is_a_clean_chinese_reason(raised):
    """Whatever a page worker or OpenCV raises, the per-file reason is one clean Chinese line:
    no traceback, no library source path."""

    from jixiao_audit.extract.ocr_reader import ocr_failures
    from jixiao_audit.extract.raw import ExtractError

    with pytest.raises(ExtractError) as err, ocr_failures():
        raise raised
    reason = err.value.reason
    assert reason.startswith("扫描件 OCR 识别失败：") and "\n" not in reason
    assert "Traceback" not in reason and "/" not in reason and len(reason) < 60
    if isinstance(raised, (MemoryError, BrokenProcessPool)):
        assert "内存不足" in reason


def test_only_image_pages_are_taken_for_scans(tmp_path):
    """A page without text is OCR'd when an image covers it (a scan), not when it is blank."""
    import pypdfium2 as pdfium
    from jixiao_audit.extract.pdf_reader import PageContent, pages_to_ocr
    from PIL import Image

    blank = tmp_path / "blank.pdf"
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    doc.save(str(blank))
    doc.close()
    scan = tmp_path / "scan.pdf"
    Image.fromarray(draw_table()).save(scan, "PDF", resolution=200)
    empty = [PageContent(1, 842, [], [])]
    assert pages_to_ocr(blank, empty) == []
    assert pages_to_ocr(scan, empty) == [1]


def separate_cells_at(table, row: int, col: int) -> bool:
    """Whether grid positions (row, col) and (row, col + 1) are two cells."""
    return not any(c.r0 <= row < c.r1 and c.c0 <= col and col + 1 < c.c1 for c in table.cells)


def figures_row(page: np.ndarray, row: int) -> None:
    """Digit-like strokes in every cell of one ruled row (a row of figures)."""
    y = (YS[row] + YS[row + 1]) // 2
    for c in range(4):
        for k in range(3):
            x = XS[c] + 30 + 18 * k
            cv2.line(page, (x, y - 9), (x, y + 9), (0, 0, 0), 2)


def plain_grid(n_rows: int = 5) -> np.ndarray:
    """A ruled grid with no merged cell, a row of figures in every row."""
    page = np.full((900, 1300, 3), 255, np.uint8)
    ys = [YS[0] + 60 * r for r in range(n_rows + 1)]
    for r in range(n_rows):
        for c in range(4):
            cv2.rectangle(page, (XS[c], ys[r]), (XS[c + 1], ys[r + 1]), (0, 0, 0), 2)
            for k in range(3):
                x, y = XS[c] + 30 + 18 * k, (ys[r] + ys[r + 1]) // 2
                cv2.line(page, (x, y - 9), (x, y + 9), (0, 0, 0), 2)
    return page


def test_rule_broken_into_short_pieces_still_separates_its_cells():
    """A stamp or blur leaves a column's rule in two rows as pieces too short to pass for rules;
    the line runs whole above and below, so they are that rule and the columns do not fuse (a
    fused cell shifts a column's figures into its neighbour)."""
    page = plain_grid()
    x = XS[2]
    for r in (2, 3):
        top = YS[0] + 60 * r
        page[top + 3 : top + 58, x - 3 : x + 4] = 255  # the rule gone in the row …
        page[top + 15 : top + 45, x - 1 : x + 1] = 0  # … but for a 30 px piece touching no rule
    table = grid_of(page)
    assert len(table.cells) == 20
    assert separate_cells_at(table, 2, 1) and separate_cells_at(table, 3, 1)


def test_glyph_stroke_on_x_inside_a_merged_cell_is_no_rule():
    """A glyph's tall stroke standing on a column's x inside a merged cell (目 in 项目年度目标): the
    line does not run on above and below it, so the cell stays one (row 3, see MERGED)."""
    page = draw_table()
    x, y = XS[2], (YS[3] + YS[4]) // 2
    page[y - 12 : y + 12, x - 1 : x + 1] = 0
    cv2.line(page, (x, y - 12), (x + 22, y - 12), (0, 0, 0), 2)
    cv2.line(page, (x, y + 11), (x + 22, y + 11), (0, 0, 0), 2)
    table = grid_of(page)
    assert {(c.r0, c.r1, c.c0, c.c1) for c in table.cells} == expected_cells()


def test_merged_cell_with_a_gap_in_its_text_at_x_stays_one_cell():
    """No rule at x and no piece of one: text on both sides with a gap at x (after a comma, say)
    is one merged cell's text, not two cells (row 3, see MERGED, spans columns 1-3)."""
    page = draw_table()
    y = (YS[3] + YS[4]) // 2
    for x in (XS[2] + 40, XS[2] + 64):
        cv2.line(page, (x, y - 10), (x, y + 10), (0, 0, 0), 2)
    table = grid_of(page)
    assert not separate_cells_at(table, 3, 1) and not separate_cells_at(table, 3, 2)
    assert {(c.r0, c.r1, c.c0, c.c1) for c in table.cells} == expected_cells()


def test_heading_across_a_lost_rule_stays_one_cell():
    """A heading centred over x (ink running across it) with no rule: one merged cell."""
    page = np.full((900, 1300, 3), 255, np.uint8)
    for r in range(3):
        for c in range(2):
            if r == 0 and c == 1:
                continue
            span = 2 if r == 0 else 1
            cv2.rectangle(page, (XS[c], YS[r]), (XS[c + span], YS[r + 1]), (0, 0, 0), 2)
    y = (YS[0] + YS[1]) // 2
    for k in range(-3, 4):  # a heading's glyphs, one of them on x
        cv2.line(page, (XS[1] + 22 * k, y - 10), (XS[1] + 22 * k, y + 10), (0, 0, 0), 2)
        cv2.line(page, (XS[1] + 22 * k - 6, y), (XS[1] + 22 * k + 6, y), (0, 0, 0), 2)
    table = grid_of(page)
    assert not separate_cells_at(table, 0, 0)
