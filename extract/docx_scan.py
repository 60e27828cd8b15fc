"""The fastest path of the Word reader: one regex pass over document.xml, no tree at all.

Word, WPS and LibreOffice write WordprocessingML with the `w:` prefix and no comments or
CDATA; for such files the blocks we need (paragraphs, tables, rows, cells, spans, merges,
text) can be read from the tag stream alone, in about the time lxml takes merely to build a
tree. Anything unusual (another prefix, comments, CDATA, fallback content, tracked changes, tags that
do not balance) returns None and the caller takes the lxml path, which also reports
malformed XML. Both paths are tested to give identical raw structures on the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from jixiao_audit.extract.docx_flat import (
    BREAK_MARK,
    TAB_MARK,
    CellRecord,
    GridLimits,
    RowRecord,
    new_row,
    rows_to_table,
)
from jixiao_audit.extract.raw import Block, ExtractError, Paragraph

# Tokens: (text of a whole run, name of an opening or empty tag, its attributes up to ">" (with
# the "/" of an empty tag), name of a closing tag). Only paragraphs and tables need their end;
# a cell or row ends where the next one (or its table) begins. The engine tries the shared "<w:"
# once per tag and the names as a small trie (most tags are w:r, w:rPr, w:pPr …, which fail fast).
# Every name alternative begins with a literal ("br|cr", not "[bc]r"): the engine skips such an
# alternative on its first byte without entering it, and most tags try them all (≈ 4 % of the pass).
# A table's w:tblGrid of plain w:gridCol tags is one token (its name runs to </w:tblGrid>; the
# columns are counted in it): a report's tables declare about 24 columns each. A grid written
# otherwise gives a token per w:gridCol, as before.
# Tracked changes (w:ins, w:del, w:moveFrom, w:moveTo) are tokens too, found in the same pass:
# they send the document to the careful walk (looking for them with `in` cost a fifth as much
# again as the whole pass, XML's many "<" and ":" defeating the substring search's skips).
TOKEN = re.compile(
    rb"<(?:w:(?:t(?:\s[^>]*)?>([^<]*)</w:t>"
    rb"|(p|t(?:bl(?:Grid>(?:<w:gridCol\s[^>]*/>)*</w:tblGrid)?|r|c|ab)|br|cr|grid(?:Span|Before|Col)"
    rb"|vMerge|hMerge|ins|del|move(?:From|To))([\s/][^>]*|)>)"
    rb"|/w:(p|tbl)>)"
)
VAL = re.compile(rb"""w:val\s*=\s*["']([^"']*)["']""")
TYPE = re.compile(rb"""w:type\s*=\s*["']([^"']*)["']""")
REVISION_TAGS = (b"ins", b"del", b"moveFrom", b"moveTo")
UNUSUAL_DECLARATIONS = (b"<!--", b"<![CDATA[")  # both begin "<!", which is looked for first
TYPED_WHITESPACE = str.maketrans("\t\n\r", "   ")
# Run-level tabs and breaks join a paragraph's text runs as these bytes; the paragraph is decoded
# once, typed whitespace made spaces, and only then the marks become "\t"/"\n" (as the lxml paths do).
TAB_BYTES, BREAK_BYTES = TAB_MARK.encode(), BREAK_MARK.encode()
NEEDS_UNDOING = re.compile(f"[&\t\n\r{TAB_MARK}{BREAK_MARK}]")  # entities, typed whitespace, marks
GRID_TOKEN, GRID_COL = b"tblGrid>", b"<w:gridCol"
SLASH = ord("/")  # ends the attributes of an empty tag (<w:p/>)
INVALID_UTF8 = "Word 文件内容损坏（文字不是有效的 UTF-8 编码）"


def has_declaration(xml: bytes) -> bool:
    """Does "<!" (a comment, CDATA, DTD) occur? Looked for as "!" first: one memchr pass, where a
    two-byte search stops at every "<" of the document."""
    return b"!" in xml and b"<!" in xml


def scan_blocks(xml: bytes, lift: Callable[[bytes], bytes] | None = None) -> list[Block] | None:
    """Paragraphs and tables of a conventional document.xml, or None to take the lxml path.

    With `lift` (docx_layout.lift_layout_tables), a table met inside a table first has the
    document's layout tables lifted and the result scanned again: most documents have no
    nested table, and finding one costs nothing here, unlike a search before the scan."""
    if b"<w:body" not in xml or not xml.rstrip().endswith(b"</w:document>"):
        return None
    if b"Fallback" in xml:  # mc:Fallback repeats the text of its mc:Choice
        return None
    if has_declaration(xml) and any(marker in xml for marker in UNUSUAL_DECLARATIONS):
        return None
    try:
        return _Scanner(stop_at_nested=lift is not None).run(TOKEN.findall(xml))
    except _Declined:
        return None
    except _NestedTable:
        return scan_blocks(lift(xml))


class _Declined(Exception):
    """Tags that do not balance, or tracked changes: the lxml paths read the document."""


class _NestedTable(Exception):
    pass


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # as lxml refuses the file, so does this path
        raise ExtractError(INVALID_UTF8) from None


VAL_ONLY = b' w:val="'  # how Word, WPS and LibreOffice write a span or merge: its only attribute
# <w:gridSpan w:val="2"/> as written: its span by one dict lookup (a report has hundreds of these)
SPAN_OF_ATTRS = {b' w:val="%d"/' % n: n for n in range(1, 100)}
RESTART = b' w:val="restart"/'  # <w:vMerge w:val="restart"/>, as written; <w:vMerge/> continues


def _val(attrs: bytes) -> bytes:
    """A tag's w:val, still bytes (the UTF-8 checked): spans and merges are ASCII, no decoding."""
    if attrs.startswith(VAL_ONLY):  # the usual form, without a regex call
        end = attrs.find(b'"', len(VAL_ONLY))
        value = attrs[len(VAL_ONLY) : end]
        if end > 0 and b"'" not in value and value.isascii():
            return value
    m = VAL.search(attrs)
    if m is None:
        return b""
    value = m.group(1)
    return value if value.isascii() else _decode(value).encode("utf-8")


def _int_val(attrs: bytes, default: int) -> int:
    value = _val(attrs)
    if value.isdigit():
        return int(value)
    try:
        return int(value if value.isascii() else value.decode("utf-8")) if value else default
    except ValueError:
        return default


def undone(text: str) -> str:
    """A paragraph's decoded text with entities, typed whitespace and tab/break marks undone (the
    rare paragraph: NEEDS_UNDOING found one of them)."""
    if "&" in text:
        text = unescape(text)
    if "\t" in text or "\n" in text or "\r" in text:
        text = text.translate(TYPED_WHITESPACE)
    if "\ue000" in text or "\ue001" in text:
        text = text.replace(TAB_MARK, "\t").replace(BREAK_MARK, "\n")
    return text


class _Nested:
    """A table inside a cell: its rows of cells of text lines, flattened into its parent's text."""

    def __init__(self) -> None:
        self.rows: list[list[list[str]]] = []

    def add_cell(self) -> None:
        if not self.rows:
            self.rows.append([])
        self.rows[-1].append([])

    def add_text(self, text: str) -> None:
        if self.rows and self.rows[-1]:
            self.rows[-1][-1].append(text)

    def lines(self) -> list[str]:
        return [" ".join("".join(cell) for cell in row) for row in self.rows]


class _Scanner:
    """Blocks from the token stream. A body-level table is collected as rows of cell records
    (docx_flat.RowRecord) and resolved into its grid when it closes; tables nested in its cells
    become lines of their cell's text."""

    def __init__(self, stop_at_nested: bool = False) -> None:
        self.stop_at_nested = stop_at_nested
        self.blocks: list[Block] = []
        self.n_paragraphs = self.n_tables = 0
        self.limits = GridLimits()
        self.rows: list[RowRecord] | None = None  # the open body-level table's
        self.cells: list[CellRecord] | None = None  # its open row's
        self.lines: list[str] = []  # text lines of its open cell
        self.nested: list[_Nested] = []  # open tables inside its cells, innermost last
        self.grid_cols = 0  # w:gridCol seen in the open body-level table

    def run(self, tokens: list[tuple[bytes, bytes, bytes, bytes]]) -> list[Block] | None:
        """Every token in order, in one loop: a method call per token would be a large share of
        the reading. Text runs stay bytes until their paragraph ends."""
        depth = 0  # paragraph nesting (a text box's paragraphs belong to the outer one)
        pieces: list[bytes] = []
        needs_undoing = NEEDS_UNDOING.search
        cell: CellRecord | None = None  # the cell whose properties (tcPr) are being read
        nested = self.nested  # (the same list throughout)
        for text, name, attrs, closed in tokens:
            if name == b"p":
                if not depth:
                    pieces, cell = [], None
                depth += 1
                if not attrs or attrs[-1] != SLASH:  # (no method call: every paragraph)
                    continue
                closed = name  # <w:p/>: an empty paragraph
            elif name:
                if name == b"tc":
                    if nested:
                        nested[-1].add_cell()
                    else:
                        cells = self.cells
                        if cells is None:  # a cell before any row (declined outside a table)
                            self.open_row()
                            cells = self.cells
                        lines = self.lines = []
                        cell = [1, "", "", lines]
                        cells.append(cell)
                elif cell is not None and name == b"gridSpan":
                    cell[0] = SPAN_OF_ATTRS.get(attrs) or max(1, _int_val(attrs, 1))
                elif cell is not None and name == b"vMerge":
                    cell[1] = "r" if attrs == RESTART or attrs != b"/" and _val(attrs) == b"restart" else "c"
                elif name == b"tr":
                    cell = None
                    self.open_row()
                elif name == b"gridCol":
                    self.grid_cols += not nested
                elif name.startswith(GRID_TOKEN):  # a whole w:tblGrid
                    if not nested:
                        self.grid_cols += name.count(GRID_COL)
                elif name == b"tab":
                    if depth and not attrs.rstrip(b"/").strip():
                        pieces.append(TAB_BYTES)
                elif name == b"br" or name == b"cr":
                    kind = TYPE.search(attrs)
                    if depth and (kind is None or kind.group(1) == b"textWrapping"):
                        pieces.append(BREAK_BYTES)
                elif name == b"tbl":
                    cell = None  # a table may be a cell's first content
                    self.open_table()
                elif cell is not None and name == b"hMerge":
                    cell[2] = "r" if _val(attrs) == b"restart" else "c"
                elif name == b"gridBefore":
                    self.grid_before(_int_val(attrs, 0))
                elif name in REVISION_TAGS:
                    raise _Declined
                continue
            elif not closed:  # a text run
                if depth:
                    pieces.append(text)
                else:
                    _decode(text)  # outside a paragraph too: as lxml refuses the file, so do we
                continue
            if closed == b"p":
                if not depth:
                    raise _Declined
                depth -= 1
                if not depth:
                    if pieces:  # decoded inline (a call per paragraph is a share of the loop)
                        try:
                            text = (pieces[0] if len(pieces) == 1 else b"".join(pieces)).decode("utf-8")
                        except UnicodeDecodeError:
                            raise ExtractError(INVALID_UTF8) from None
                        # the usual paragraph has nothing to undo: two C tests rule out all but
                        # "&" and non-printable characters (\u3000 too) before the regex looks
                        if ("&" in text or not text.isprintable()) and needs_undoing(text) is not None:
                            text = undone(text)
                    else:
                        text = ""
                    if self.rows is None:
                        self.blocks.append(Paragraph(self.n_paragraphs, text))
                        self.n_paragraphs += 1
                    elif nested:
                        nested[-1].add_text(text)
                    else:
                        self.lines.append(text)
            else:  # </w:tbl>
                cell = None
                self.close_table()
        if self.rows is not None or depth:
            return None
        return self.blocks

    def open_row(self) -> None:
        if self.nested:
            self.nested[-1].rows.append([])
        elif self.rows is None:
            raise _Declined
        else:
            self.cells = new_row(self.rows)

    def grid_before(self, before: int) -> None:
        row = self.rows[-1] if self.rows and not self.nested else None
        if row is not None and not row[0] and not row[1] and before > 0:  # only before the row's first cell
            row[0] = GridLimits.span(before, 0, self.grid_cols)

    def open_table(self) -> None:
        if self.rows is not None:
            if self.stop_at_nested:
                raise _NestedTable
            self.nested.append(_Nested())
            return
        self.rows, self.cells, self.lines, self.grid_cols = [], None, [], 0
        self.n_tables += 1

    def close_table(self) -> None:
        if self.nested:
            lines = self.nested.pop().lines()
            if self.nested:
                for line in lines:
                    self.nested[-1].add_text(line)
            else:
                self.lines.extend(lines)
        elif self.rows is None:
            raise _Declined
        else:
            self.blocks.append(rows_to_table(self.n_tables - 1, self.grid_cols, self.rows, self.limits))
            self.rows = self.cells = None
