"""PDF chars → text lines → paragraphs: the text half of the PDF reader.

Pure functions over plain data. A `TextLine` is one visual line; `TextArea` is the box its
text was set in (a table cell or the page body). Lines are joined into paragraphs by asking
"was this break a soft wrap?" the way a typesetter decides one: the previous line is full
(the next line's first unbreakable unit would not have fitted after it), the next line is
not indented, does not start a list item, and does not stand apart by a larger line pitch.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import add, attrgetter, itemgetter

# --- tolerances (PDF points unless noted) -------------------------------------------------
DEDUPE_TOLERANCE = 1.0  # fake-bold copies of a glyph sit within this of the original (pdfplumber's default)
LINE_CENTER_TOLERANCE_RATIO = 0.4  # chars whose vertical centres differ by < ratio × size share a line
SPACE_GAP_RATIO = 0.3  # a gap wider than ratio × size between Latin chars is a space (no space glyph)
CENTRE_TOLERANCE = 1.5  # a line whose middle is this close to its area's middle is centred
FULL_LINE_TOLERANCE = 1.0  # a line is full when the next unit would end past (right edge − this)
SPACE_WIDTH_RATIO = 0.25  # a Latin space is about a quarter em
AUTOSPACE_RATIO = 0.2  # the gap Word/LibreOffice set between Chinese and Latin characters
INDENT_MIN_RATIO = 0.8  # a first-line indent is at least ratio × size
ALIGN_TOLERANCE = 2.0  # line centres/right ends within this of each other count as aligned
PARA_PITCH_RATIO = 1.3  # a line pitch above ratio × the usual pitch is a paragraph gap
BLANK_LINE_RATIO = 1.7  # a pitch of ratio × usual holds one empty line (2.7 two, …)
MAX_BLANK_LINES = 200  # more empty lines than a page can hold: text placed off the page (a damaged file)

# Wide (CJK) characters: spaces next to them are layout, not text.
_WIDE_RANGES = (
    (0x2E80, 0x2FFF),  # radicals
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),
    (0x3200, 0x33FF),  # enclosed / compatibility
    (0x3400, 0x4DBF),  # ext A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),  # vertical forms
    (0xFF00, 0xFFEF),  # fullwidth forms
    (0x20000, 0x2FFFF),
)
_WIDE_EXTRA = set("“”‘’—…·①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳■□√☑☐")
# Characters a line may not start with (kinsoku): the char before them is carried down too.
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—％‰,.;:!?)]}%·")
# Characters a line may not end with: they are carried down with the char after them.
NO_LINE_END = set("（《「『【〔〈“‘([{")

_ENUMERATIONS = (
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
    ("paren_num", re.compile(r"^[（(](\d{1,2})[）)]")),
    ("paren_cn", re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")),
    ("num", re.compile(r"^(\d{1,2})[、．.](?!\d)")),
    ("cn", re.compile(r"^([一二三四五六七八九十]{1,3})、")),
    ("label", re.compile(r"^(?:目标|指标|任务)(\d{1,2})[：:、]")),
)
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
# What a marker can start with besides a decimal digit (\d): asked of every line break in a cell,
# this one test spares the six patterns on the lines that start nothing.
_ENUMERATION_STARTS = set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳（(一二三四五六七八九十目指任")


def is_wide(ch: str) -> bool:
    """True for CJK ideographs, kana, CJK/fullwidth punctuation and Chinese quote marks."""
    if not ch:
        return False
    c = ch[0]
    if c < "\u00b7":  # ASCII and Latin-1 up to the middle dot: never wide (the hot path)
        return False
    wide = _WIDE_CACHE.get(c)
    if wide is None:
        cp = ord(c)
        wide = _WIDE_CACHE[c] = c in _WIDE_EXTRA or any(lo <= cp <= hi for lo, hi in _WIDE_RANGES)
    return wide


_WIDE_CACHE: dict[str, bool] = {chr(i): False for i in range(0xB7)}  # filled as chars are met
# Any char `is_wide` calls wide, for a scan of a whole text in C.
_WIDE_CHAR = re.compile(
    "["
    + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _WIDE_RANGES)
    + "".join(map(re.escape, sorted(_WIDE_EXTRA)))
    + "]"
)


def _is_latin(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


@dataclass(slots=True)
class TextLine:
    """One visual line of text (not frozen: a frozen dataclass's __init__ costs ~8× more, and a
    page makes hundreds of these; nothing changes a line once made)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    head_width: float  # width of the first unit that could not be split from the line start
    single_token: bool  # the whole line is one Latin/number token (a break inside it is mid-word)
    page: int
    ends_with_space: bool = False  # a space glyph after the last char: the line broke at a space
    confidence: float | None = None  # OCR recognition score (0–1); None for a text layer

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class TextArea:
    """The box lines were set in, and how they are aligned there."""

    left: float
    right: float
    aligned: str = "left"  # "left" (incl. justified), "center" or "right"


_X0, _DOCTOP = itemgetter("x0"), itemgetter("doctop")
_DEDUPE_KEY = itemgetter("text", "fontname", "size", "upright")


# --- chars → lines --------------------------------------------------------------------------


def dedupe_overlapping_chars(chars: Sequence[dict], tolerance: float = DEDUPE_TOLERANCE) -> list[dict]:
    """Drop a glyph drawn again at (almost) the same spot — fake bold. Same rule as pdfplumber's
    `dedupe_chars` (same text, font, size; position within tolerance) but O(n log n): that one
    restores the input order with `list.index`, quadratic on a page of Chinese text."""
    kept: list[dict] = []
    seen: dict[tuple, list[dict]] = {}
    ordered = sorted(chars, key=_X0)
    ordered.sort(key=_DOCTOP)  # by (doctop, x0): two stable sorts on plain float keys are faster
    try:
        keys = list(map(_DEDUPE_KEY, ordered))  # C-level; both engines' chars have all four
    except KeyError:
        keys = [(ch["text"], ch.get("fontname"), ch.get("size"), ch.get("upright")) for ch in ordered]
    for ch, key, top in zip(ordered, keys, map(_DOCTOP, ordered)):
        group = seen.get(key)
        if group is None:
            seen[key] = [ch]
            kept.append(ch)
            continue
        if top - group[-1]["doctop"] > tolerance:  # the usual repeat: its last copy is out of reach
            group.append(ch)
            kept.append(ch)
            continue
        x0 = ch["x0"]
        for other in reversed(group):  # in doctop order: stop once out of reach
            if top - other["doctop"] > tolerance:
                break
            if abs(x0 - other["x0"]) <= tolerance:
                break
        else:
            other = None
        if other is not None and top - other["doctop"] <= tolerance and abs(x0 - other["x0"]) <= tolerance:
            continue
        group.append(ch)
        kept.append(ch)
    return kept


def chars_to_lines(chars: Iterable[dict], page: int) -> list[TextLine]:
    """Group chars into visual lines (by vertical centre), top to bottom."""
    rows: list[list[dict]] = []
    centre = 0.0
    tol = 0.0
    chars = list(chars)
    # Centres doubled (top + bottom, summed in a C-level map) against a doubled tolerance: the
    # same comparisons as halved ones, exactly (scaling by 2 rounds nothing).
    mids = list(map(add, map(_TOP, chars), map(_BOTTOM, chars)))
    # Sorted by centre, ties in input order (a stable sort on plain float keys: fast).
    for k in sorted(range(len(chars)), key=mids.__getitem__):
        c_mid, ch = mids[k], chars[k]
        if rows and abs(c_mid - centre) <= tol:
            rows[-1].append(ch)
            continue
        rows.append([ch])
        centre = c_mid
        tol = 2 * (LINE_CENTER_TOLERANCE_RATIO * max(ch["size"], 1.0))
    lines = [line for row in rows if (line := _row_to_line(row, page)) is not None]
    return sorted(lines, key=_LINE_ORDER)


_LINE_ORDER = attrgetter("top", "x0")


def _row_to_line(row: list[dict], page: int) -> TextLine | None:
    row = sorted(row, key=_X0)
    texts = list(map(_TEXT, row))
    single_token = None  # not known yet
    if any(map(str.isspace, texts)):
        glyphs = [c for c in row if not c["text"].isspace()]
        if not glyphs:
            return None
        glyph_texts = list(map(_TEXT, glyphs))
        if all(map(_WIDE_CACHE.get, glyph_texts)):  # spaces between wide chars only: all dropped
            text, single_token = "".join(glyph_texts), False
        else:
            text = _glyphs_to_text(row)
    elif all(map(_WIDE_CACHE.get, texts)):  # single wide chars only: nothing to put between them
        glyphs, text, single_token = row, "".join(texts), False
    else:
        glyphs, text = row, _glyphs_to_text(row)
    if not text:
        return None
    sizes = set(map(_SIZE, glyphs))
    if len(sizes) == 1:  # the usual line in one size: no rounding per glyph, no counting
        size = round(sizes.pop(), 1)
    else:
        size = _most_common([round(c["size"], 1) for c in glyphs])
    return TextLine(  # positional (a line per row of every cell: keywords cost 3× as much)
        text,  # text
        glyphs[0]["x0"],  # x0
        min(map(_TOP, glyphs)),  # top
        max(map(_X1, glyphs)),  # x1
        max(map(_BOTTOM, glyphs)),  # bottom
        size,
        _head_width(glyphs),  # head_width
        is_single_token(text) if single_token is None else single_token,
        page,
        row[-1]["text"].isspace(),  # ends_with_space
    )


_TOP, _X1, _BOTTOM = itemgetter("top"), itemgetter("x1"), itemgetter("bottom")
_TEXT, _SIZE = itemgetter("text"), itemgetter("size")
_ANY_SPACE = re.compile(r"\s")  # what str.isspace() calls whitespace


def is_single_token(text: str) -> bool:
    """The whole text is one Latin/number token: no whitespace and no wide char."""
    if _ANY_SPACE.search(text):
        return False
    return text.isascii() or _WIDE_CHAR.search(text) is None


def _most_common(values: list[float]) -> float:
    if len(set(values)) == 1:
        return values[0]
    return Counter(values).most_common(1)[0][0]


def _glyphs_to_text(row: list[dict]) -> str:
    """Chars of one line (sorted by x) → text. A space glyph between two Chinese characters is
    layout and dropped; other space glyphs become one space; a wide gap without a space glyph
    is a space only between Latin words/numbers (CJK lines are stretched, not spaced).
    (Runs once per glyph of the document: `is_wide` is inlined as its cache lookup.)"""
    out: list[str] = []
    prev_x1: float | None = None  # right edge of the previous glyph; None before the first
    prev_wide = False  # is the last char of the previous glyph wide
    pending_space = False
    wide_cache = _WIDE_CACHE
    for ch in row:
        t = ch["text"]
        if t.isspace():
            pending_space = prev_x1 is not None
            continue
        first = t[0]
        wide_first = wide_cache.get(first)
        if wide_first is None:
            wide_first = is_wide(first)
        if prev_x1 is not None:
            if pending_space:
                if not (prev_wide and wide_first):
                    out.append(" ")
            elif not (prev_wide or wide_first) and ch["x0"] - prev_x1 > SPACE_GAP_RATIO * max(
                ch["size"], 1.0
            ):
                out.append(" ")
        out.append(t)
        prev_x1 = ch["x1"]
        if len(t) == 1:
            prev_wide = wide_first
        else:
            prev_wide = is_wide(t[-1])
        pending_space = False
    return "".join(out)


def _head_width(glyphs: list[dict]) -> float:
    """Width of the line's first unbreakable unit: one CJK char or one Latin token, with any
    opening brackets before it and any chars after it that may not start a line (a typesetter
    carries those down together); a Latin token right after such punctuation sticks to it too
    (LibreOffice and Word break neither "，0.5" nor ")×100%")."""
    first = glyphs[0]
    text = first["text"]
    # The usual head: one Chinese char that no closing mark follows.
    alone = len(glyphs) == 1 or glyphs[1]["text"][0] not in NO_LINE_START
    if alone and _WIDE_CACHE.get(text) and text not in NO_LINE_END:
        return first["x1"] - first["x0"]
    start = 0
    while start < len(glyphs) - 1 and glyphs[start]["text"][0] in NO_LINE_END:
        start += 1
    end = _token_end(glyphs, start)
    while end < len(glyphs) and glyphs[end]["text"][0] in NO_LINE_START:
        end += 1
        if end < len(glyphs) and not is_wide(glyphs[end]["text"]) and not glyphs[end]["text"].isspace():
            end = _token_end(glyphs, end)
    return glyphs[end - 1]["x1"] - first["x0"]


def _token_end(glyphs: list[dict], start: int) -> int:
    """End index of the unit starting at `start`: one wide char, or a run of touching Latin chars."""
    end = start + 1
    if not is_wide(glyphs[start]["text"]):
        while (
            end < len(glyphs)
            and not is_wide(glyphs[end]["text"])
            and glyphs[end]["x0"] - glyphs[end - 1]["x1"] < 1
        ):
            end += 1
    return end


# --- areas and the soft-wrap test -----------------------------------------------------------


def lines_alignment(lines: Sequence[TextLine], left: float, right: float) -> str:
    """Alignment of a cell's lines: center/right when all sit so and do not share a left edge."""
    if len(lines) < 2 or max(ln.x0 for ln in lines) - min(ln.x0 for ln in lines) <= ALIGN_TOLERANCE:
        return "left"
    mid = (left + right) / 2
    if all(abs(ln.mid - mid) <= ALIGN_TOLERANCE + 1 for ln in lines):
        return "center"
    if all(abs(ln.x1 - lines[0].x1) <= ALIGN_TOLERANCE for ln in lines):
        return "right"
    return "left"


def enumeration_marker(text: str) -> tuple[str, int] | None:
    """The list marker a paragraph starts with, as (family, number): "②…" → ("circled", 2)."""
    head = text[:1]
    if head not in _ENUMERATION_STARTS and not head.isdecimal():
        return None
    for family, pattern in _ENUMERATIONS:
        m = pattern.match(text)
        if not m:
            continue
        token = m.group(1)
        if family == "circled":
            return family, ord(token) - ord("①") + 1
        if family in ("paren_cn", "cn"):
            return family, _cn_number(token)
        return family, int(token)
    return None


def _cn_number(token: str) -> int:
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _CN_DIGITS.get(token[1:], 0)
    if "十" in token:
        tens, _, ones = token.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(token, 0)


def continues_enumeration(earlier: str, later: str) -> bool:
    """True when `later` starts the list item that follows the one `earlier` starts."""
    a, b = enumeration_marker(earlier), enumeration_marker(later)
    return a is not None and b is not None and a[0] == b[0] and b[1] == a[1] + 1


def is_soft_wrap(prev: TextLine, nxt: TextLine, area: TextArea, usual_pitch: float | None = None) -> bool:
    """Was the break between two consecutive lines a wrap inside one paragraph?"""
    if enumeration_marker(nxt.text) is not None:
        return False
    if abs(prev.size - nxt.size) > 0.6:
        return False
    if usual_pitch and prev.page == nxt.page and nxt.top - prev.top > PARA_PITCH_RATIO * usual_pitch:
        return False
    if area.aligned == "left":
        indent = INDENT_MIN_RATIO * nxt.size
        prev_at_margin = prev.x0 - area.left <= indent
        if prev_at_margin and nxt.x0 - prev.x0 > indent and not is_centred(nxt, area):
            return False  # the next line has a first-line indent (a centred cell's last line does not)
    return prev.x1 + _gap_before(prev, nxt) + nxt.head_width > area.right - FULL_LINE_TOLERANCE


def is_centred(line: TextLine, area: TextArea) -> bool:
    """A line set in the middle of its area: a centred cell whose full first line looked left-aligned."""
    return abs((line.x0 + line.x1) / 2 - (area.left + area.right) / 2) <= CENTRE_TOLERANCE


def _gap_before(prev: TextLine, nxt: TextLine) -> float:
    """Room the next unit would also have needed: the space it broke at between Latin words, or
    the autospace Word/LibreOffice put between Chinese and Latin characters."""
    if wrap_joiner(prev, nxt):
        return SPACE_WIDTH_RATIO * nxt.size
    if is_wide(prev.text[-1]) != is_wide(nxt.text[0]) and (
        _is_latin(prev.text[-1]) or _is_latin(nxt.text[0])
    ):
        return AUTOSPACE_RATIO * nxt.size
    return 0.0


def wrap_joiner(prev: TextLine, nxt: TextLine) -> str:
    """What a soft wrap stood for: a space between Latin words (or where the line ended in a space
    glyph next to a Latin char), nothing inside Chinese text or inside a token."""
    before, after = prev.text[-1], nxt.text[0]
    if _is_latin(before) and _is_latin(after) and not prev.single_token:
        return " "
    if prev.ends_with_space and not (is_wide(before) and is_wide(after)):
        return " "
    return ""


def usual_pitch(lines: Sequence[TextLine]) -> dict[float, float]:
    """The most common line-to-line distance per font size, from consecutive lines."""
    pitches: dict[float, Counter] = {}
    for a, b in pairwise(lines):
        if a.page == b.page and abs(a.size - b.size) < 0.6 and b.top > a.top:
            pitches.setdefault(a.size, Counter())[round((b.top - a.top) * 2) / 2] += 1
    return {size: float(c.most_common(1)[0][0]) for size, c in pitches.items()}


def lines_to_paragraphs(
    lines: Sequence[tuple[TextLine, TextArea]], pitches: dict[float, float] | None = None
) -> list[list[TextLine]]:
    """Split a run of (line, area) into paragraphs at every break that is not a soft wrap;
    a gap of whole empty lines (on one page) becomes that many empty paragraphs."""
    paragraphs: list[list[TextLine]] = []
    prev: tuple[TextLine, TextArea] | None = None
    for line, area in lines:
        pitch = (pitches or {}).get(line.size)
        if prev is not None and is_soft_wrap(prev[0], line, prev[1], pitch):
            paragraphs[-1].append(line)
            prev = (line, area)
            continue
        if prev is not None and pitch and prev[0].page == line.page:
            paragraphs.extend([] for _ in range(blank_lines_between(prev[0], line, pitch)))
        paragraphs.append([line])
        prev = (line, area)
    return paragraphs


def blank_lines_between(prev: TextLine, nxt: TextLine, pitch: float) -> int:
    """How many empty lines fit in the gap between two lines set at `pitch`."""
    ratio = (nxt.top - prev.top) / pitch
    return min(MAX_BLANK_LINES, max(0, int(ratio + 1 - BLANK_LINE_RATIO)))


def paragraph_text(lines: Sequence[TextLine]) -> str:
    """The lines of one paragraph as one string."""
    parts: list[str] = []
    for i, line in enumerate(lines):
        if i:
            parts.append(wrap_joiner(lines[i - 1], line))
        parts.append(line.text)
    return "".join(parts).strip()
