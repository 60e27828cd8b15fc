"""PDF pages read with pdfium (pypdfium2): the fast engine behind `pdf_reader.read_pdf`.

pdfium gives every character with its origin, advance and font from its text page in a few
milliseconds, and every vector path with its transformation matrix; pdfminer (under
pdfplumber) needs ten times longer for the same page because it lays the whole page out in
Python. This module turns pdfium's output into exactly what pdfplumber hands the shared page
step (`pdf_reader.page_content`): char dicts with pdfminer's boxes and ruling edges the way
pdfminer classifies paths (lines, rectangles, other shapes). Everything after that step —
grids, merged cells, cross-page joins, CJK clean-up — is the same code for both engines.

A page pdfium cannot map the way pdfminer would (glyphs without Unicode, a rotated or shifted
page box, or no ruled table where the text looks tabular) is read by pdfplumber instead, and
`RawDocument.page_readers` says so. pdfium is not thread-safe: read one document per process
(the batch runner uses worker processes, never threads).
"""

from __future__ import annotations

import ctypes
import threading
from array import array
from dataclasses import dataclass, field
from functools import partial
from itertools import filterfalse, pairwise, repeat
from operator import itemgetter
from pathlib import Path

from jixiao_audit.extract.pdf_fonts import DEFAULT_DESCENT, collect_descents, fonts_by_pdfium_name
from jixiao_audit.extract.pdf_limits import check_page, check_page_count
from jixiao_audit.extract.pdf_reader import (
    ENCRYPTED,
    NO_PAGES,
    PDFIUM,
    PLUMBER,
    PageContent,
    open_pdf,
    page_content,
    read_plumber_page,
    short_reason,
)
from jixiao_audit.extract.raw import ExtractError

# --- when a page goes to pdfplumber instead ------------------------------------------------------
TABULAR_GAP_RATIO = 2.0  # a gap wider than ratio × font size inside a line separates columns
TABULAR_MIN_LINES = 4  # this many lines cut into columns look like a table
SPACE_FIT_RATIO = 0.22  # a gap narrower than ratio × size cannot hold a space glyph (CJK fonts' is 0.224 em)

# Reasons a page is handed to pdfplumber (the provenance in RawDocument.page_readers).
FALLBACK_UNMAPPED = f"{PLUMBER}（pdfium：有字形无法映射为文字）"
FALLBACK_GEOMETRY = f"{PLUMBER}（pdfium：页面有旋转或原点偏移）"
FALLBACK_TABULAR = f"{PLUMBER}（pdfium：文字像表格但未找到表格线）"
FALLBACK_FONT = f"{PLUMBER}（pdfium：字体无法对应到文件中的字体描述）"


@dataclass(slots=True)
class _PageGeometry:
    """Maps pdfium page space (origin bottom left, y up) to pdfplumber's (top left, y down)."""

    height: float

    def top(self, y: float) -> float:
        return self.height - y


# pdfium is not thread-safe: a process reads one document at a time (the batch runs worker
# processes, never threads; this lock only keeps a threaded caller from crashing the library).
_PDFIUM_LOCK = threading.Lock()


def read_pdfium_pages(path: Path) -> list[PageContent]:
    """Every page of the PDF read by pdfium, or by pdfplumber where pdfium cannot map it."""
    with _PDFIUM_LOCK:
        return _read_pdfium_pages(path)


def _read_pdfium_pages(path: Path) -> list[PageContent]:
    pdf = open_pdfium(path)
    facts = document_facts(path)
    fallback = _LazyPlumber(path)
    try:
        return [read_pdfium_page(pdf, i, facts, fallback) for i in range(len(pdf))]
    except ExtractError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfium raises PdfiumError on a broken page
        raise ExtractError(f"PDF 文件已损坏，无法解析页面（{short_reason(exc)}）") from None
    finally:
        fallback.close()
        pdf.close()


def open_pdfium(path: Path):
    """pypdfium2's PdfDocument with failures turned into the reference reader's one-line reasons."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractError(ENCRYPTED) from None
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise ExtractError(f"PDF 加密方式不受支持，请提供未加密的文件（{short_reason(exc)}）") from None
        raise ExtractError(f"PDF 文件已损坏或不完整，无法打开（{short_reason(exc)}）") from None
    if len(pdf) == 0:
        pdf.close()
        raise ExtractError(NO_PAGES)
    try:
        check_page_count(len(pdf))
    except ExtractError:
        pdf.close()
        raise
    return pdf


class _LazyPlumber:
    """pdfplumber opened only when a page needs it (most documents never do)."""

    def __init__(self, path: Path):
        self.path = path
        self._pdf = None

    def page(self, number: int) -> PageContent:
        if self._pdf is None:
            self._pdf = open_pdf(self.path)
        page = self._pdf.pages[number - 1]
        try:
            return read_plumber_page(page)
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def read_pdfium_page(pdf, index: int, facts: DocumentFacts, fallback: _LazyPlumber) -> PageContent:
    """One page through pdfium, handed to pdfplumber when pdfium cannot map it like pdfminer."""
    number = index + 1
    page = pdf[index]
    try:
        if not has_plain_geometry(page):
            return _fallen_back(fallback.page(number), FALLBACK_GEOMETRY)
        height = facts.heights[index] if len(facts.heights) == len(pdf) else float(page.get_height())
        geometry = _PageGeometry(height)
        try:
            chars, unmapped, text_objects = text_page_chars(page, geometry, facts.fonts)
        except AmbiguousFont:
            return _fallen_back(fallback.page(number), FALLBACK_FONT)
        if unmapped:
            return _fallen_back(fallback.page(number), FALLBACK_UNMAPPED)
        edges = path_edges(page, geometry, text_objects)
        content = page_content(number, geometry.height, chars, edges, PDFIUM)
        if not content.tables and looks_tabular(chars):
            return _fallen_back(fallback.page(number), FALLBACK_TABULAR)
        return content
    finally:
        page.close()


def _fallen_back(content: PageContent, reason: str) -> PageContent:
    content.reader = reason
    return content


def has_plain_geometry(page) -> bool:
    """Unrotated, with the media box at the origin: page space maps onto pdfplumber's directly."""
    x0, y0, _, _ = page.get_mediabox()
    return page.get_rotation() == 0 and x0 == 0 and y0 == 0 and page.get_cropbox() == page.get_mediabox()


# --- characters ---------------------------------------------------------------------------------


def text_page_chars(
    page, geometry: _PageGeometry, fonts: dict[str, tuple[str, float] | None]
) -> tuple[list[dict], int, set[int]]:
    """The page's glyphs as pdfplumber char dicts, how many fonts lack a Unicode mapping
    (pdfium's map error on a font's first glyph: a font without a ToUnicode map fails on all),
    and the handles of the text objects they were drawn by (`path_edges` need not ask their type).

    Boxes follow pdfminer: x from the origin along the advance; y from the baseline plus the
    font descriptor's /Descent up one font size (pdfium's own boxes use the glyph outline or
    the font file's metrics, which differ). Spaces need care: pdfium keeps only the first of a
    run of whitespace and may put a space it generated in place of a real space glyph, so a
    space glyph is rebuilt where pdfium's text has whitespace between two glyphs of one line
    whose gap could hold one (see `rebuilt_spaces`).

    Speed matters here (a page has a thousand glyphs): the text comes in one call, font, size,
    matrix and baseline once per text object (one Tj/TJ run shares them), and per glyph only
    its text object and its box are asked for, through bare ctypes prototypes.
    """
    api = _api()
    textpage = page.get_textpage()
    try:
        tp = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        count = api.count_chars(tp)
        text = _page_text(api, tp, count)
        if text is None:
            text = [_unicode_char(api.unicode(tp, i)) for i in range(count)]
        chars: list[dict] = []
        unmapped = 0
        templates: dict[int, tuple] = {}  # per text object: its facts (`object_facts_reader`)
        checked_fonts: set[str] = set()
        lines: dict[int, list[dict]] = {}  # non-space glyphs by rounded bottom, for the rebuilt spaces
        odd: list[dict] = []  # glyphs with a bottom that cannot be rounded (an infinite or NaN box)
        of_object = object_facts_reader(api, tp, fonts, geometry.height, lines, odd)
        box = array("f", bytes(ctypes.sizeof(api.rect)))  # FS_RECTF: left, top, right, bottom
        box_at = ctypes.c_void_p(box.buffer_info()[0])  # read back by index: cheaper than struct fields
        spaced: list[dict] = []  # glyphs pdfium put whitespace before
        whitespace_since = False
        # Local names: this loop runs once per glyph, a thousand times a page.
        text_object, loose_box, is_generated = api.text_object, api.loose_box, api.is_generated
        append = chars.append
        last_obj, template, line_append = _UNSEEN, None, None
        for i, ch_text in enumerate(text):
            if ch_text <= " " or ch_text.isspace():  # only such chars can be generated ones
                if ch_text.isspace():
                    whitespace_since = True
                    is_space = True
                else:
                    is_space = False
                if is_generated(tp, i):
                    continue
            else:
                is_space = False
            obj = text_object(tp, i)
            if obj != last_obj:  # a text object's glyphs come in a row: same object, same template
                last_obj = obj
                facts = templates.get(obj)
                if facts is None:  # shared by the glyphs of one text object (one Tj/TJ run)
                    facts = templates[obj] = of_object(i, obj)
                    if facts[0] not in checked_fonts:  # a font without a Unicode map fails on every glyph
                        checked_fonts.add(facts[0])
                        unmapped += api.map_error(tp, i)
                template, line_append = facts[4], facts[5]
            loose_box(tp, i, box_at)
            if template is None:  # rotated or skewed text: the general box
                ch = _char_dict(ch_text, facts, _origin(api, tp, i), box[2] - box[0], geometry)
                if is_space and ch["bottom"] - ch["bottom"] != 0:
                    odd.append(ch)
            else:  # copying the object's char dict beats building a 9-key dict literal 3×
                ch = template.copy()
                ch["text"] = ch_text
                ch["x0"] = box[0]
                ch["x1"] = box[2]
            append(ch)
            if not is_space:
                line_append(ch)
                if whitespace_since:
                    spaced.append(ch)
                    whitespace_since = False
        return chars + rebuilt_spaces(spaced, lines, odd), unmapped, set(templates)
    finally:
        textpage.close()


_UNSEEN = object()  # a text object not met yet on the page


def _gather(lines: dict[int, list[dict]], odd: list[dict], ch: dict) -> None:
    """A non-space glyph of the general box (its own bottom) into its line, the glyphs sharing
    a rounded bottom, or into `odd` when its bottom cannot be rounded (infinite or NaN)."""
    bottom = ch["bottom"]
    if bottom - bottom != 0:
        odd.append(ch)
    else:
        lines.setdefault(round(bottom), []).append(ch)


def rebuilt_spaces(spaced: list[dict], lines: dict[int, list[dict]], odd: list[dict]) -> list[dict]:
    """Space glyphs for the whitespace pdfium reported before the glyphs in `spaced`: one right
    before such a glyph when the empty gap to its left neighbour on the same line could hold a
    space. Set against the glyph (not its neighbour), a space in a gap that is a cell border
    leads the next cell's text, where it counts for nothing, rather than trailing the previous.
    `lines`: the page's non-space glyphs by rounded bottom, in page order (gathered in the char
    loop: a text object's glyphs share their bottom, so its line is looked up once)."""
    if not spaced:
        return []
    keys = dict.fromkeys(round(ch["bottom"]) for ch in spaced)  # the lines to look at, in order
    if odd:  # a box off any line: rounding it fails, as it always did with a space on the page
        round(odd[0]["bottom"])
    wanted = set(map(id, spaced))
    spaces = []
    for row in map(lines.__getitem__, keys):
        row.sort(key=_X0)
        reach = row[0]["x1"]  # right-most end of the glyphs so far on this line
        for ch in row[1:]:
            if id(ch) in wanted:
                size = max(ch["size"], 1.0)
                gap = ch["x0"] - reach
                if gap >= SPACE_FIT_RATIO * size:
                    width = min(gap, SPACE_FIT_RATIO * size)
                    spaces.append({**ch, "text": " ", "x0": ch["x0"] - width, "x1": ch["x0"]})
            reach = max(reach, ch["x1"])
    return spaces


_X0 = itemgetter("x0")


class _Api:
    """Bare ctypes prototypes of the pdfium calls made once per glyph: handles as plain ints,
    no wrapper objects (pypdfium2's own bindings convert types on every call).

    The calls made per glyph and per text object (`_hot`) have no argument types at all: ctypes
    then passes a `c_void_p` as the pointer it holds and a Python int as a C int, skipping the
    per-argument conversion (≈ 0.2 µs of ≈ 0.45 µs a call). Their pointer arguments must be
    passed as `c_void_p` objects (a bare int would be cut to a C int) and their int arguments
    must be C ints, which pdfium's char indices are."""

    def __init__(self):
        import pypdfium2.raw as c

        v, i, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
        self.c = c
        self.rect = c.FS_RECTF
        self.count_chars = _bind(c.FPDFText_CountChars, i, v)
        self.unicode = _bind(c.FPDFText_GetUnicode, ctypes.c_uint, v, i)
        self.get_text = _bind(c.FPDFText_GetText, i, v, i, i, v)
        self.origin = _bind(c.FPDFText_GetCharOrigin, i, v, i, ctypes.POINTER(d), ctypes.POINTER(d))
        self.base_font_name = _bind(c.FPDFFont_GetBaseFontName, ctypes.c_size_t, v, v, ctypes.c_size_t)
        # Per glyph or per text object: (text page, char index[, out pointer]) or (text object).
        self.is_generated = _hot(c.FPDFText_IsGenerated, i)
        self.map_error = _hot(c.FPDFText_HasUnicodeMapError, i)
        self.text_object = _hot(c.FPDFText_GetTextObject, v)
        self.loose_box = _hot(c.FPDFText_GetLooseCharBox, i)
        self.font_size = _hot(c.FPDFText_GetFontSize, d)
        self.matrix = _hot(c.FPDFText_GetMatrix, i)
        # (text object handle as an int): the typed argument converts the int for less than
        # making a `c_void_p` of it in Python would cost.
        self.font = _bind(c.FPDFTextObj_GetFont, v, v)
        # Page objects and path segments (ruling edges).
        self.count_objects = _bind(c.FPDFPage_CountObjects, i, v)
        self.page_object = _hot(c.FPDFPage_GetObject, v)  # (page, index): once per page object
        self.form_count_objects = _bind(c.FPDFFormObj_CountObjects, i, v)
        self.form_object = _bind(c.FPDFFormObj_GetObject, v, v, ctypes.c_ulong)
        self.object_type = _hot(c.FPDFPageObj_GetType, i)  # (object): once per page object
        self.object_matrix = _bind(c.FPDFPageObj_GetMatrix, i, v, v)
        self.count_segments = _bind(c.FPDFPath_CountSegments, i, v)
        self.path_segment = _bind(c.FPDFPath_GetPathSegment, v, v, i)
        self.segment_point = _bind(c.FPDFPathSegment_GetPoint, i, v, v, v)
        self.segment_type = _bind(c.FPDFPathSegment_GetType, i, v)
        self.segment_close = _bind(c.FPDFPathSegment_GetClose, i, v)


def _bind(function, restype, *argtypes):
    """A prototype that keeps the GIL through the call: pdfium's calls here take well under a
    microsecond, and releasing and taking back the GIL around each (what `CFUNCTYPE` does) cost
    a third of a glyph's two calls. (A document is read under `_PDFIUM_LOCK` anyway.)"""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.PYFUNCTYPE(restype, *argtypes)(address)


def _hot(function, restype):
    """A prototype without argument types (see `_Api`)."""
    bound = _bind(function, restype)
    bound.argtypes = None
    return bound


_API: _Api | None = None


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


def _page_text(api: _Api, tp: ctypes.c_void_p, count: int) -> str | None:
    """All chars of the text page in one call; None when UTF-16 surrogates make the string's
    positions differ from pdfium's char indices (then each char is asked for alone)."""
    buffer = (ctypes.c_uint16 * (count + 1))()
    written = api.get_text(tp, 0, count, ctypes.addressof(buffer))
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", "replace")
    return text if len(text) == count else None


def _unicode_char(code: int) -> str:
    return chr(code) if code < 0x110000 else "\ufffd"


def _origin(api: _Api, tp: ctypes.c_void_p, i: int) -> tuple[float, float]:
    ox, oy = ctypes.c_double(), ctypes.c_double()
    api.origin(tp, i, ctypes.byref(ox), ctypes.byref(oy))
    return ox.value, oy.value


def object_facts_reader(
    api: _Api,
    tp: ctypes.c_void_p,
    fonts: dict[str, tuple[str, float] | None],
    height: float,
    lines: dict[int, list[dict]],
    odd: list[dict],
):
    """A function (char index, text object) → (font, size, matrix, descent, upright char
    template or None, where its non-space glyphs are gathered by line), for the text objects
    of one page (`lines`, `odd`: see `rebuilt_spaces`).

    LibreOffice and Word write a text object every few glyphs, so this is asked for hundreds
    of times a page: the calls write into a buffer made once, everything it needs is a local
    name of the closure, and objects with the same font handle, size and matrix (the glyphs of
    one line, set in runs) share one tuple; a font's name is read once. For upright text the
    baseline is the object's, so its char size, top and bottom (pdfminer's descent to descent
    + size) are computed once from the char matrix's translation (its baseline), into a char
    dict its glyphs copy.
    """
    matrix = array("f", bytes(ctypes.sizeof(api.c.FS_MATRIX)))  # a b c d e f
    matrix_at = ctypes.c_void_p(matrix.buffer_info()[0])
    font_of, matrix_of, size_of = api.font, api.matrix, api.font_size
    font_names: dict[int, str] = {}
    known: dict[tuple, tuple] = {}  # (font handle, size, matrix but x) → facts
    styles: dict[tuple, tuple] = {}  # (font handle, size, matrix but its translation) → its style
    general_append = partial(_gather, lines, odd)  # the general box: each glyph its own bottom

    def style_of(font_handle: int, size: float, key: tuple) -> tuple:
        """What the text objects of one font, size and matrix less its translation share (the
        lines of a run of text), worked out once: font name, descent, matrix, whether upright
        on its baseline, and its descent and top as offsets from the baseline."""
        a, b, c, d = matrix[:4]
        font = font_names.get(font_handle)
        if font is None:
            font = font_names[font_handle] = _font_name(api, font_handle)
        known_font = fonts.get(font, (font, DEFAULT_DESCENT))  # a font pdfminer did not see: its default
        if known_font is None:
            raise AmbiguousFont(font)
        font, descent = known_font
        style = styles[key] = (
            font,
            descent,
            (a, b, c, d),
            b == 0 and c == 0 and a > 0,  # the char's matrix puts it on its baseline
            d * descent * size,
            d * (descent + 1) * size,
        )
        return style

    def of_object(i: int, obj: int) -> tuple:
        font_handle = font_of(obj)
        matrix_of(tp, i, matrix_at)
        raw = matrix.tobytes()
        size = size_of(tp, i)
        key = (font_handle, size, raw[:16], raw[20:])  # all but the x translation, as bytes: hashed fast
        facts = known.get(key)
        if facts is None:
            style_key = key[:3]
            style = styles.get(style_key) or style_of(font_handle, size, style_key)
            font, descent, abcd, upright, low, high = style
            template, line_append = None, general_append
            if upright:  # pdfminer's size and pdfplumber's top and bottom, shared by the glyphs
                y = matrix[5]
                y0, y1 = sorted((y + low, y + high))
                template = _upright_char(font, y1 - y0, height - y1, height - y0)
                bottom = height - y0
                if bottom - bottom != 0:  # infinite or NaN: no line
                    odd.append(template)
                    line_append = odd.append
                else:
                    line_append = lines.setdefault(round(bottom), []).append
            facts = known[key] = (font, size, abcd, descent, template, line_append)
        return facts

    return of_object


def _upright_char(font: str, size: float, top: float, bottom: float) -> dict:
    """The char dict the upright glyphs of one text object share, text and x still to fill
    (keys in pdfplumber's order)."""
    return {
        "text": "",
        "fontname": font,
        "size": size,
        "x0": 0.0,
        "x1": 0.0,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "upright": True,
    }


def _font_name(api: _Api, font: int) -> str:
    """The base font name of a pdfium font handle (as pdfminer's `fontname`)."""
    size = api.base_font_name(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    api.base_font_name(font, ctypes.addressof(buffer), size)
    return buffer.value.decode("utf-8", "replace")


def _char_dict(
    text: str,
    facts: tuple,
    origin: tuple[float, float],
    advance: float,
    geometry: _PageGeometry,
) -> dict:
    """pdfminer's LTChar box for a horizontal glyph: (0, descent) to (advance, descent + size)
    in text space through the char's matrix, turned into pdfplumber's top-left coordinates."""
    font, font_size, (a, b, c, d), descent, _, _ = facts
    x, y = origin
    low = descent * font_size
    high = low + font_size
    if b == 0 and c == 0:  # the usual upright text: no need for the general corners
        adv = advance
        x0, x1 = (x, x + adv) if a > 0 else (x - adv, x)
        y0, y1 = sorted((y + d * low, y + d * high))
    else:
        # The advance pdfium measured is already in page space; bring it back along the text direction.
        adv = advance / a if a else advance
        xs = (x + c * low, x + c * high, x + a * adv + c * low, x + a * adv + c * high)
        ys = (y + d * low, y + d * high, y + b * adv + d * low, y + b * adv + d * high)
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = geometry.height - y1
    return {
        "text": text,
        "fontname": font,
        "size": y1 - y0,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": geometry.height - y0,
        "doctop": top,
        "upright": a * d > 0 and b * c <= 0,
    }


@dataclass(slots=True)
class DocumentFacts:
    """What pdfium does not expose but pdfminer's boxes rest on, read from the PDF's objects."""

    descents: dict[
        str, float
    ]  # font /Descent (a fraction of the size) by base font name, as pdfminer reads it
    heights: list[float]  # each page's media box height, to full precision
    fonts: dict[str, tuple[str, float] | None] = field(default_factory=dict)  # `fonts_by_pdfium_name`


class AmbiguousFont(Exception):
    """pdfium names a font that several of the file's fonts could be, with different descents."""


def document_facts(path: Path) -> DocumentFacts:
    """Font descriptors' /Descent and the exact page heights, through pdfminer's object parser
    (no page is laid out: about a millisecond per page); on the way, each page is held to the
    limits of `pdf_limits` (inflated content, drawing operators), as the reference reader does. pdfium keeps coordinates as 32-bit
    floats and measures descent from the font file, so both would shift boxes slightly. A file
    pdfminer cannot parse gets no facts: the default descent and pdfium's own heights."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    facts = DocumentFacts({}, [])
    try:
        with path.open("rb") as fh:
            for number, page in enumerate(PDFPage.create_pages(PDFDocument(PDFParser(fh))), start=1):
                check_page(page, number)  # the same bounds as the reference reader's, per page
                collect_descents(resolve1(page.resources) or {}, facts.descents)
                _, y0, _, y1 = page.mediabox
                facts.heights.append(float(abs(y1 - y0)))
    except ExtractError:
        raise
    except Exception:  # noqa: BLE001 - pdfminer raises anything on odd files; pdfium decides what is readable
        facts.heights = []
    facts.fonts = fonts_by_pdfium_name(facts.descents)
    return facts


# --- ruling edges -------------------------------------------------------------------------------


def path_edges(page, geometry: _PageGeometry, text_objects: set[int] = frozenset()) -> list[dict]:
    """Ruling edges of every path object on the page, including those inside form XObjects
    (each point through its object's matrix and the matrices of the forms around it).
    `text_objects`: handles known to be text objects (most of a page's), not asked about."""
    api = _api()
    handle = ctypes.c_void_p(ctypes.cast(page.raw, ctypes.c_void_p).value)
    edges: list[dict] = []
    _walk_objects(
        api, handle, api.count_objects(handle), api.page_object, None, geometry, edges, 0, text_objects
    )
    return edges


MAX_FORM_DEPTH = 8  # nested form XObjects deeper than this are not searched for rules


def _walk_objects(
    api: _Api,
    parent: ctypes.c_void_p,
    count: int,
    get,
    outer,
    geometry: _PageGeometry,
    edges: list[dict],
    depth: int,
    text_objects: set[int],
):
    """Path objects among a page's (or form's) objects. A page holds hundreds of text objects
    and a few dozen paths: the objects and the types of those not known as text objects are
    asked for in C-level sweeps."""
    c = api.c
    handles = filterfalse(text_objects.__contains__, map(get, repeat(parent, count), range(count)))
    objs = list(map(ctypes.c_void_p, handles))
    matrix = array("f", bytes(ctypes.sizeof(c.FS_MATRIX)))
    matrix_at = matrix.buffer_info()[0]
    for obj, kind in zip(objs, map(api.object_type, objs)):
        if kind != c.FPDF_PAGEOBJ_PATH and kind != c.FPDF_PAGEOBJ_FORM:
            continue
        api.object_matrix(obj, matrix_at)
        m = _compose(tuple(matrix), outer)
        if kind == c.FPDF_PAGEOBJ_FORM:
            if depth < MAX_FORM_DEPTH:
                _walk_objects(
                    api,
                    obj,
                    api.form_count_objects(obj),
                    api.form_object,
                    m,
                    geometry,
                    edges,
                    depth + 1,
                    text_objects,
                )
            continue
        for points, curved in _subpaths(api, obj, m):
            edges.extend(subpath_edges(points, curved, geometry))


def _compose(inner: tuple, outer: tuple | None) -> tuple:
    """The matrix that applies `inner` then `outer` (PDF row-vector convention)."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _subpaths(api: _Api, obj: ctypes.c_void_p, m: tuple) -> list[tuple[list[tuple[float, float]], bool]]:
    """A path object's subpaths as (end points in page space, has curves). pdfium gives a cubic
    Bézier as three BEZIERTO points (two controls, then the end); pdfminer keeps only the end
    point, and a closed subpath ends back at its start, as pdfminer records them."""
    c = api.c
    a, b, cc, d, e, f = m
    xy = array("f", bytes(8))
    x_at = xy.buffer_info()[0]
    y_at = x_at + 4
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    bezier_run = 0
    for i in range(api.count_segments(obj)):
        segment = api.path_segment(obj, i)
        api.segment_point(segment, x_at, y_at)
        x, y = xy
        point = (a * x + cc * y + e, b * x + d * y + f)
        kind = api.segment_type(segment)
        if kind == c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(([point], False))
            bezier_run = 0
        elif kind == c.FPDF_SEGMENT_BEZIERTO:
            bezier_run += 1
            if bezier_run % 3 == 0:
                subpaths[-1][0].append(point)
                subpaths[-1] = (subpaths[-1][0], True)
        else:
            subpaths[-1][0].append(point)
            bezier_run = 0
        points = subpaths[-1][0]
        if api.segment_close(segment) and points[-1] != points[0]:
            points.append(points[0])
    return subpaths


def subpath_edges(points: list[tuple[float, float]], curved: bool, geometry: _PageGeometry) -> list[dict]:
    """Edges of one subpath as pdfplumber derives them: a straight two-point subpath is a line
    (horizontal when its ends share y, otherwise counted vertical, as pdfplumber does); any other
    shape gives one edge per segment, horizontal or vertical when axis-aligned, else none."""
    if not curved and len(points) == 3 and points[2] == points[0]:
        points = points[:2]  # "m l h": a line closed back onto itself is still one line
    if not curved and len(points) == 2:
        (x0, y0), (x1, y1) = points
        return [_edge(x0, y0, x1, y1, "h" if y0 == y1 else "v", geometry)]
    if len(points) > 3 and points[-2] == points[0] == points[-1]:
        points = points[:-1]  # a redundant final line back to the start before closing
    return [
        _edge(x0, y0, x1, y1, "v" if x0 == x1 else ("h" if y0 == y1 else None), geometry)
        for (x0, y0), (x1, y1) in pairwise(points)
    ]


def _edge(
    x0: float, y0: float, x1: float, y1: float, orientation: str | None, geometry: _PageGeometry
) -> dict:
    top, bottom = sorted((geometry.top(y0), geometry.top(y1)))
    left, right = min(x0, x1), max(x0, x1)
    return {
        "x0": left,
        "x1": right,
        "top": top,
        "bottom": bottom,
        "width": right - left,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "edge",
    }


# --- does text without rules look like a table? ------------------------------------------------


def looks_tabular(chars: list[dict]) -> bool:
    """Several lines cut into columns by wide empty gaps (no glyph, not even a space, in them):
    text laid out as a table although pdfium found no rules for it. Such a page goes to
    pdfplumber, which may see rules pdfium's path objects did not give (when it finds none
    either, the page reads the same, only slower)."""
    rows: dict[int, list[dict]] = {}
    for ch in chars:
        rows.setdefault(round(ch["bottom"]), []).append(ch)
    cut = 0
    for row in rows.values():
        row.sort(key=itemgetter("x0"))
        if any(b["x0"] - a["x1"] > TABULAR_GAP_RATIO * max(b["size"], 1.0) for a, b in pairwise(row)):
            cut += 1
    return cut >= TABULAR_MIN_LINES
