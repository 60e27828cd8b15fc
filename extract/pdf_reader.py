"""PDF → RawDocument: ruled tables as grids, body text as paragraphs, from either engine.

Two engines read a page's characters and ruling edges: pdfium (`pdfium_reader`, the default,
fast) and pdfplumber (the reference, and pdfium's fallback for a page it cannot map). From
`page_content` on, everything is the same code. Pipeline (each step a small function):
  engine pages (chars + edges) → page_content: page_chars (deduped) + find_grid_tables →
  bucket_chars_into_cells → body lines → check_text_layer → drop_running_heads → page_items
  (tables and lines by position) → items_to_blocks (join tables across pages, lines into
  paragraphs) → RawDocument (with `page_readers`: which engine read each page).
Tolerances live as constants at the top of this module, `pdf_text`, `pdf_tables` and
`pdfium_reader`.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path

from jixiao_audit.extract.pdf_fonts import boxes_on_usable_descents, collect_descents
from jixiao_audit.extract.pdf_limits import check_page, check_page_count
from jixiao_audit.extract.pdf_tables import (
    GridTable,
    bucket_chars_into_cells,
    columns_match,
    find_cell_boxes,
    grid_to_table,
    group_cell_boxes,
    join_continuation,
    line_scores,
    lowest_confidence,
    plumber_table_to_grid,
)
from jixiao_audit.extract.pdf_text import (
    TextArea,
    TextLine,
    chars_to_lines,
    dedupe_overlapping_chars,
    lines_to_paragraphs,
    paragraph_text,
    usual_pitch,
)
from jixiao_audit.extract.raw import Block, ExtractError, Paragraph, RawDocument

# --- tolerances ---------------------------------------------------------------------------------
HEADER_ZONE_RATIO = 0.10  # top fraction of the page where running heads live
FOOTER_ZONE_RATIO = 0.10  # bottom fraction where page numbers and footers live
RUNNING_HEAD_MIN_PAGES = 2  # the same text in a zone on this many pages is a running head/foot
FULL_EDGE_TOLERANCE_RATIO = 1.0  # full body lines end within one character of each other
CONTINUATION_TOP_TOLERANCE = 3.0  # a continued table starts within this of the usual body top
CID_GLYPH_RATIO = 0.5  # more than this share of "(cid:N)" glyphs: the text layer cannot be decoded
SCANNED_MAX_CHARS = 10  # a page with fewer text-layer chars than this is a scan (a stamped page number) …
SCAN_IMAGE_SHARE = 0.5  # … if an image covers at least this share of it
SCAN_IMAGE_DEPTH = 2  # images inside form XObjects count (scanners wrap pages in one)

# --- engines -------------------------------------------------------------------------------------
PDFIUM = "pdfium"  # fast: pypdfium2's text page and path objects (extract/pdfium_reader.py)
PLUMBER = "pdfplumber"  # the reference: pdfminer's layout engine, and the fallback for odd pages
OCR = "ocr"  # a scanned page, read by OCR (extract/ocr_reader.py)
ENGINES = (PDFIUM, PLUMBER)
DEFAULT_ENGINE = PDFIUM
# Set to "pdfplumber" to read every PDF with the reference engine (an environment variable, so
# the batch's worker processes inherit it).
ENGINE_ENV = "JIXIAO_AUDIT_PDF_ENGINE"

# One-line reasons both engines give for the same trouble.
ENCRYPTED = "PDF 已加密（需要打开密码），请提供未加密的文件"
NO_PAGES = "PDF 文件没有页面（可能已损坏或不完整）"

# What a glyph without a Unicode mapping comes out as: a private-use or the replacement character.
UNMAPPED_GLYPH = re.compile("[\ue000-\uf8ff\ufffd]")
# A page number set between dashes is never content, wherever it stands on the page.
DASHED_PAGE_NUMBER = re.compile(r"^[-—–－―]+\s*\d{1,4}\s*[-—–－―]+$")
PAGE_NUMBER_PATTERNS = (
    re.compile(r"^[-—–－―~·\s]*\d{1,4}[-—–－―~·\s]*$"),  # 1, - 15 -, — 1 —
    re.compile(r"^第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?$"),  # 第 1 页 共 5 页
    re.compile(r"^\d+\s*/\s*\d+$"),  # 1 / 5
    re.compile(r"^(page|Page|PAGE)\s*\d+(\s*(of|/)\s*\d+)?$"),
)


@dataclass(slots=True)
class PageContent:
    """What one page holds once its chars are split between tables and body lines."""

    number: int
    height: float
    tables: list[GridTable]
    lines: list[TextLine]
    reader: str = PLUMBER  # which engine read the page (provenance: a pdfium page may fall back)


# pdfminer logs every damaged operator of a broken file as a warning: hundreds of stderr lines for
# one bad file. What matters reaches the user as the file's one-line reason instead.
PDFMINER_LOG_LEVEL = logging.ERROR


def read_pdf(path: str | Path, engine: str | None = None, *, ocr: bool = True) -> RawDocument:
    """Read a PDF into a RawDocument with `engine` ("pdfium", the default, or "pdfplumber", the
    reference; unset: $JIXIAO_AUDIT_PDF_ENGINE or pdfium); scanned pages by OCR unless `ocr` is
    False; raises ExtractError with a one-line reason."""
    logging.getLogger("pdfminer").setLevel(PDFMINER_LOG_LEVEL)
    path = Path(path)
    engine = engine or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
    if engine == PDFIUM:
        from jixiao_audit.extract.pdfium_reader import read_pdfium_pages

        pages = read_pdfium_pages(path)
    elif engine == PLUMBER:
        pages = read_plumber_pages(path)
    else:
        raise ValueError(f"unknown PDF engine {engine!r}; use one of {ENGINES}")
    pages, n_scanned = read_scanned_pages(path, pages) if ocr else (pages, 0)
    check_text_layer(pages)
    return finish_pages(path, "pdf", pages, n_scanned)


def finish_pages(path: Path, fmt: str, pages: list[PageContent], ocr_pages: int = 0) -> RawDocument:
    """Pages (from a text layer or from OCR) → RawDocument: running heads dropped, tables joined
    across pages, lines into paragraphs."""
    readers = {p.number: p.reader for p in pages}
    pages = drop_running_heads(pages)
    blocks = items_to_blocks(pages)
    return RawDocument(
        file=str(path),
        format=fmt,
        blocks=blocks,
        pages=len(pages),
        page_readers=readers,
        ocr_pages=ocr_pages,
    )


def read_plumber_pages(path: Path) -> list[PageContent]:
    """Every page read by pdfplumber (pdfminer's layout engine)."""
    pdf = open_pdf(path)
    try:
        return list(read_pages(pdf))
    except ExtractError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a broken page stream
        raise ExtractError(f"PDF 文件已损坏，无法解析页面（{short_reason(exc)}）") from None
    finally:
        pdf.close()


def short_reason(exc: BaseException) -> str:
    """An exception as a short one-line reason (its innermost message)."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = str(inner).replace("\n", " ").strip() or type(inner).__name__
    return text[:80]


def open_pdf(path: Path):
    """pdfplumber.open with failures turned into one-line reasons."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # noqa: B018 - parse the page tree now, so a broken file fails here
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a broken file
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, PDFPasswordIncorrect):
            raise ExtractError(ENCRYPTED) from None
        if isinstance(inner, PDFEncryptionError):
            raise ExtractError(f"PDF 加密方式不受支持，请提供未加密的文件（{short_reason(inner)}）") from None
        raise ExtractError(f"PDF 文件已损坏或不完整，无法打开（{short_reason(exc)}）") from None
    if not pdf.pages:
        pdf.close()
        raise ExtractError(NO_PAGES)
    try:
        check_page_count(len(pdf.pages))
    except ExtractError:
        pdf.close()
        raise
    return pdf


def read_pages(pdf) -> Iterator[PageContent]:
    """Each pdfplumber page → its tables (chars bucketed into cells) and the body lines outside them."""
    for page in pdf.pages:
        check_page(page.page_obj, page.page_number)
        yield read_plumber_page(page)
        page.close()


def read_plumber_page(page) -> PageContent:
    """One pdfplumber page → PageContent (also the fallback for a page pdfium cannot map)."""
    chars = boxes_on_usable_descents(page.chars, page_descents(page))
    return page_content(page.page_number, float(page.height), chars, page.edges, PLUMBER)


def page_descents(page) -> dict[str, float]:
    """The descents of a pdfplumber page's fonts as pdfminer read them (none if it cannot say)."""
    from pdfminer.pdftypes import resolve1

    found: dict[str, float] = {}
    try:
        collect_descents(resolve1(page.page_obj.resources) or {}, found)
    except Exception:  # noqa: BLE001 - pdfminer raises anything on odd files: the boxes stay as it made them
        return {}
    return found


def page_content(
    number: int, height: float, chars: list[dict], edges: list[dict], reader: str
) -> PageContent:
    """One page from any engine: chars as pdfplumber char dicts (text, x0, x1, top, bottom, size,
    fontname, upright, doctop) and ruling edges as pdfplumber edge dicts, in page points from the
    top left. Everything after this step is the same whichever engine read the page."""
    tables = find_grid_tables(edges, number)
    outside = bucket_chars_into_cells(page_chars(chars), tables)
    return PageContent(number, height, tables, chars_to_lines(outside, number), reader)


def page_chars(chars: list[dict]) -> list[dict]:
    """Upright, visible chars of the page with fake-bold duplicates removed."""
    return dedupe_overlapping_chars(list(filter(_IS_UPRIGHT, chars)))


_IS_UPRIGHT = methodcaller("get", "upright", True)


def find_grid_tables(edges: list[dict], number: int) -> list[GridTable]:
    """Ruled tables on the page (lines strategy) as grids, top to bottom."""
    grids = []
    for boxes in group_cell_boxes(find_cell_boxes(edges)):
        grid = plumber_table_to_grid(boxes, number)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.top)


def check_text_layer(pages: list[PageContent]) -> None:
    """A PDF without any text (a scan) or with undecodable glyphs cannot be read."""
    texts = page_texts(pages)
    if not any(t.strip() for t in texts):
        raise ExtractError("扫描件，无文字层")
    if is_garbage_text("".join(texts)):
        raise ExtractError("PDF 字体缺少字符编码，无法提取文字（请另存为 Word 或重新导出 PDF）")


def page_texts(pages: list[PageContent]) -> list[str]:
    """Every line of text on the pages, body and cells."""
    texts = [ln.text for p in pages for ln in p.lines]
    return texts + [ln.text for p in pages for t in p.tables for c in t.cells for ln in c.lines]


def is_garbage_text(text: str) -> bool:
    """Glyphs that map to no character: pdfminer's "(cid:N)", private-use or replacement chars."""
    if not text:
        return False
    unmapped = text.count("(cid:") * 6 + len(UNMAPPED_GLYPH.findall(text))
    return unmapped > CID_GLYPH_RATIO * len(text)


def is_scanned_page(page: PageContent) -> bool:
    """No usable text layer: (almost) no text, or text whose glyphs cannot be decoded."""
    text = "".join(t.strip() for t in page_texts([page]))
    return len(text) < SCANNED_MAX_CHARS or is_garbage_text(text)


def has_page_image(pdf, number: int) -> bool:
    """Does an image cover most of the 1-based page (a scan), rather than the page being blank
    or its drawing damaged (nothing for OCR to read, and seconds lost trying)?"""
    import pypdfium2.raw as pdfium_c

    page = pdf[number - 1]
    width, height = page.get_size()
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=SCAN_IMAGE_DEPTH):
        left, bottom, right, top = image.get_bounds()
        if (right - left) * (top - bottom) >= SCAN_IMAGE_SHARE * width * height:
            return True
    return False


def pages_to_ocr(path: Path, pages: list[PageContent]) -> list[int]:
    """Pages for OCR: undecodable glyphs (rendered, they read fine), or no text over a scanned
    image."""
    import pypdfium2 as pdfium

    candidates = [p for p in pages if is_scanned_page(p)]
    if not candidates:
        return []
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [
            p.number
            for p in candidates
            if is_garbage_text("".join(page_texts([p]))) or has_page_image(pdf, p.number)
        ]
    finally:
        pdf.close()


def read_scanned_pages(path: Path, pages: list[PageContent]) -> tuple[list[PageContent], int]:
    """The OCR hook: pages without a usable text layer are read by OCR, page by page (a mixed PDF
    keeps its text pages). Not called under --no-ocr, so a scan is then refused as before; without
    the OCR packages a wholly scanned PDF is refused with what to install."""
    from jixiao_audit.extract.ocr_engine import ocr_available, require_ocr

    scanned = pages_to_ocr(path, pages)
    if not scanned:
        return pages, 0
    if not ocr_available():
        if len(scanned) == len(pages):
            require_ocr()  # a scan, and no OCR installed: refused, saying what to install
        return pages, 0  # text pages read as before OCR existed (a blank page is not worth refusing)
    from jixiao_audit.extract.ocr_reader import ocr_pdf_pages

    read = ocr_pdf_pages(path, scanned)
    return [read.get(p.number, p) for p in pages], len(scanned)


# --- running heads and page numbers -----------------------------------------------------------


def is_page_number(text: str) -> bool:
    compact = text.strip()
    return any(p.match(compact) for p in PAGE_NUMBER_PATTERNS)


def _in_zone(line: TextLine, height: float) -> bool:
    return line.bottom < HEADER_ZONE_RATIO * height or line.top > (1 - FOOTER_ZONE_RATIO) * height


def drop_running_heads(pages: list[PageContent]) -> list[PageContent]:
    """Remove page numbers and running heads/feet: "— 1 —" anywhere; lines in the header/footer
    zone that look like a page number or whose text recurs in the zone on several pages."""
    zone_counts = Counter(
        text for p in pages for text in {ln.text for ln in p.lines if _in_zone(ln, p.height)}
    )

    def keep(line: TextLine, page: PageContent) -> bool:
        if DASHED_PAGE_NUMBER.match(line.text.strip()):
            return False
        if not _in_zone(line, page.height):
            return True
        return not (is_page_number(line.text) or zone_counts[line.text] >= RUNNING_HEAD_MIN_PAGES)

    return [
        PageContent(p.number, p.height, p.tables, [ln for ln in p.lines if keep(ln, p)], p.reader)
        for p in pages
    ]


# --- reading order -------------------------------------------------------------------------------


def page_items(page: PageContent) -> list[GridTable | TextLine]:
    """Tables and body lines of one page in reading order (top to bottom)."""
    items: list[GridTable | TextLine] = [*page.tables, *page.lines]
    return sorted(items, key=lambda it: (it.top, it.xs[0] if isinstance(it, GridTable) else it.x0))


def body_area(pages: list[PageContent]) -> TextArea:
    """The body text column: the usual left edge of lines, its right edge (`column_right`)."""
    lines = [ln for p in pages for ln in p.lines]
    if not lines:
        return TextArea(0.0, 0.0)
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    return TextArea(float(left), column_right(lines, [t for p in pages for t in p.tables]))


def column_right(lines: list[TextLine], tables: list[GridTable]) -> float:
    """The right edge of the body column: the right-most line end when another line also reaches
    it (full lines of body text). A lone widest line — a title over a form that is mostly tables —
    proves nothing: the column is then at least as wide as the tables set in it, so the title does
    not look like a full line wrapping into the next (部门：… under the title)."""
    ends = sorted((ln.x1 for ln in lines), reverse=True)
    widest = ends[0]
    tolerance = FULL_EDGE_TOLERANCE_RATIO * max(ln.size for ln in lines)
    if len(ends) > 1 and widest - ends[1] <= tolerance:
        return widest
    return max([widest] + [t.xs[-1] for t in tables])


def usual_content_top(pages: list[PageContent]) -> float:
    """Where the body starts on most pages (the top margin): the usual top of a page's first item."""
    tops = [round(items[0].top) for p in pages if (items := page_items(p))]
    return float(Counter(tops).most_common(1)[0][0]) if tops else 0.0


def items_to_blocks(pages: list[PageContent]) -> list[Block]:
    """Walk the pages in order; runs of lines become paragraphs. A table continues the table that
    ended the previous page when it is the first thing on its page, starts right at the top
    margin (no paragraph, not even an empty one, before it) and has the same outer edges."""
    area = body_area(pages)
    body_pitch = usual_pitch([ln for p in pages for ln in p.lines])
    cell_pitch = usual_pitch(
        [ln for p in pages for t in p.tables for c in t.cells for f in c.fragments for ln in f.lines]
    )
    content_top = usual_content_top(pages)
    sequence: list[GridTable | list[TextLine]] = []
    for page in pages:
        for i, item in enumerate(page_items(page)):
            last = sequence[-1] if sequence else None
            if isinstance(item, GridTable):
                continues = (
                    i == 0
                    and isinstance(last, GridTable)
                    and last.last_page == page.number - 1
                    and item.top - content_top <= CONTINUATION_TOP_TOLERANCE
                    and columns_match(last.xs, item.xs)
                )
                if continues:
                    join_continuation(last, item)
                else:
                    sequence.append(item)
            elif isinstance(last, list):
                last.append(item)
            else:
                sequence.append([item])
    return sequence_to_blocks(sequence, area, body_pitch, cell_pitch)


def sequence_to_blocks(
    sequence: list[GridTable | list[TextLine]],
    area: TextArea,
    body_pitch: dict[float, float],
    cell_pitch: dict[float, float],
) -> list[Block]:
    blocks: list[Block] = []
    n_tables = n_paragraphs = 0
    for item in sequence:
        if isinstance(item, GridTable):
            blocks.append(grid_to_table(item, n_tables, cell_pitch))
            n_tables += 1
            continue
        for para in lines_to_paragraphs([(ln, area) for ln in item], body_pitch):
            if not para:
                continue  # empty lines between body paragraphs carry nothing
            first_page = [ln for ln in para if ln.page == para[0].page]
            bbox = (
                round(min(ln.x0 for ln in first_page), 2),
                round(min(ln.top for ln in first_page), 2),
                round(max(ln.x1 for ln in first_page), 2),
                round(max(ln.bottom for ln in first_page), 2),
            )
            blocks.append(
                Paragraph(
                    index=n_paragraphs,
                    text=paragraph_text(para),
                    page=para[0].page,
                    bbox=bbox,
                    confidence=lowest_confidence(para),
                    line_scores=line_scores(para),
                )
            )
            n_paragraphs += 1
    return blocks
