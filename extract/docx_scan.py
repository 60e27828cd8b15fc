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
from html import unescape

from jixiao_audit.extract.docx_flat import REVISION_MARKERS, GridBuilder, GridLimits
from jixiao_audit.extract.raw import Block, ExtractError, Paragraph

# A whole text run is one token (w:t holds only text); every other tag we need is another.
# The shared "<" stands outside the alternation: the engine then tries it once per position.
TOKEN = re.compile(
    rb"<(?:w:t(?:\s[^>]*)?>([^<]*)</w:t>"
    rb"|(/?)w:(p|tbl|tr|tc|tab|br|cr|gridSpan|vMerge|hMerge|gridBefore|gridCol)(?=[\s/>])([^>]*?)(/?)>)"
)
VAL = re.compile(rb"""w:val\s*=\s*["']([^"']*)["']""")
TYPE = re.compile(rb"""w:type\s*=\s*["']([^"']*)["']""")
UNUSUAL = (b"Fallback", *REVISION_MARKERS)
UNUSUAL_DECLARATIONS = (b"<!--", b"<![CDATA[")  # both begin "<!", which is looked for first
TYPED_WHITESPACE = str.maketrans("\t\n\r", "   ")
INVALID_UTF8 = "Word 文件内容损坏（文字不是有效的 UTF-8 编码）"


def scan_blocks(xml: bytes) -> list[Block] | None:
    """Paragraphs and tables of a conventional document.xml, or None to take the lxml path."""
    if b"<w:body" not in xml or not xml.rstrip().endswith(b"</w:document>"):
        return None
    if any(marker in xml for marker in UNUSUAL):
        return None
    if b"<!" in xml and any(marker in xml for marker in UNUSUAL_DECLARATIONS):
        return None
    scanner = _Scanner()
    try:
        scanner.run(TOKEN.findall(xml))
    except _Unbalanced:
        return None
    return scanner.finish()


class _Unbalanced(Exception):
    pass


def _val(attrs: bytes) -> str:
    m = VAL.search(attrs)
    try:
        return m.group(1).decode("utf-8") if m else ""
    except UnicodeDecodeError:  # as lxml refuses the file, so does this path
        raise ExtractError(INVALID_UTF8) from None


class _Frame:
    """One open table: the grid of a body-level table, or the text rows of a nested one."""

    def __init__(self, builder: GridBuilder | None):
        self.builder = builder  # None for a table nested in a cell
        self.grid_cols = 0
        self.rows: list[list[list[str]]] = []  # nested tables: rows of cells of text pieces
        self.pending = False  # a cell opened whose properties are still being read
        self.span, self.v_merge, self.h_merge = 1, "", ""

    def place_pending_cell(self) -> None:
        """Put the opened cell into the grid once its tcPr (span, merges) has been read."""
        if self.pending and self.builder is not None:
            self.builder.add_cell(self.span, self.v_merge, self.h_merge)
        self.pending = False


class _Scanner:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.frames: list[_Frame] = []
        self.p_depth = 0
        self.p_parts: list[str] = []
        self.n_paragraphs = self.n_tables = 0
        self.limits = GridLimits()

    # -- tokens ---------------------------------------------------------------------------
    def run(self, tokens: list[tuple[bytes, bytes, bytes, bytes, bytes]]) -> None:
        """Every token in order. Text runs, paragraph tags and the cells of body-level tables, most
        of them, are handled here rather than through token(): a call per token is a large share
        of the reading."""
        token, parts, frames = self.token, self.p_parts, self.frames
        for text, closing, name, attrs, empty in tokens:
            if not name:  # a text run
                try:
                    piece = text.decode("utf-8")
                except UnicodeDecodeError:  # outside a paragraph too: as lxml refuses the file, so do we
                    raise ExtractError(INVALID_UTF8) from None
                if not self.p_depth:
                    continue
                if "&" in piece:
                    piece = unescape(piece)
                if "\t" in piece or "\n" in piece or "\r" in piece:
                    piece = piece.translate(TYPED_WHITESPACE)
                parts.append(piece)
            elif name == b"p" and not empty:
                if closing:
                    self.close_paragraph()
                else:
                    self.open_paragraph()
                    parts = self.p_parts  # a body paragraph starts a new list
            elif name == b"tc" and frames and frames[-1].builder is not None:  # as open/close_cell
                frame = frames[-1]
                if closing:
                    frame.place_pending_cell()
                else:
                    frame.span, frame.v_merge, frame.h_merge, frame.pending = 1, "", "", True
            else:
                token(text, closing, name, attrs, empty)
                parts = self.p_parts

    def token(self, text: bytes, closing: bytes, name: bytes, attrs: bytes, empty: bytes) -> None:
        """One tag other than a text run (see run); the commonest first."""
        if name == b"tc":
            self.close_cell() if closing else self.open_cell()
        elif name == b"p":
            if closing:
                self.close_paragraph()
            else:
                self.open_paragraph()
                if empty:
                    self.close_paragraph()
        elif name == b"tab":
            if not attrs.strip() and self.p_depth:
                self.p_parts.append("\t")
        elif name in (b"br", b"cr"):
            kind = TYPE.search(attrs)
            if self.p_depth and (kind is None or kind.group(1) == b"textWrapping"):
                self.p_parts.append("\n")
        elif name == b"tbl":
            self.close_table() if closing else self.open_table()
        elif name == b"tr":
            if not closing:
                self.open_row()
        elif self.frames:
            self.property(name, attrs)

    def property(self, name: bytes, attrs: bytes) -> None:
        frame = self.frames[-1]
        if name == b"gridCol":
            frame.grid_cols += 1
        elif name == b"gridSpan":
            try:
                frame.span = max(1, int(_val(attrs) or 1))
            except ValueError:
                frame.span = 1
        elif name == b"vMerge":
            frame.v_merge = "r" if _val(attrs) == "restart" else "c"
        elif name == b"hMerge":
            frame.h_merge = "r" if _val(attrs) == "restart" else "c"
        elif name == b"gridBefore" and frame.builder is not None and frame.builder.row is not None:
            try:
                before = int(_val(attrs) or 0)
            except ValueError:
                before = 0
            if not frame.builder.row and before > 0:  # only before the row's first cell
                frame.builder.row.extend([None] * GridLimits.span(before, 0, frame.builder.n_grid_cols))

    # -- paragraphs -----------------------------------------------------------------------
    def open_paragraph(self) -> None:
        if self.p_depth == 0:
            self.p_parts = []
            if self.frames and self.frames[-1].pending:
                self.frames[-1].place_pending_cell()
        self.p_depth += 1

    def close_paragraph(self) -> None:
        if self.p_depth == 0:
            raise _Unbalanced
        self.p_depth -= 1
        if self.p_depth:
            return  # a paragraph inside a text box belongs to its outer paragraph
        parts = self.p_parts
        text = (
            (parts[0] if len(parts) == 1 else "".join(parts)).replace("\ue000", "\t").replace("\ue001", "\n")
        )
        if not self.frames:
            self.blocks.append(Paragraph(index=self.n_paragraphs, text=text))
            self.n_paragraphs += 1
            return
        frame = self.frames[-1]
        if frame.builder is not None:
            frame.builder.add_text(text)
        elif frame.rows and frame.rows[-1]:
            frame.rows[-1][-1].append(text)

    # -- tables ---------------------------------------------------------------------------
    def open_table(self) -> None:
        if self.frames:
            self.frames[-1].place_pending_cell()  # a table may be a cell's first content
        nested = bool(self.frames)
        builder = None if nested else GridBuilder(self.n_tables, 0, self.limits)
        if not nested:
            self.n_tables += 1
        self.frames.append(_Frame(builder))

    def open_row(self) -> None:
        if not self.frames:
            raise _Unbalanced
        frame = self.frames[-1]
        if frame.builder is not None:
            frame.builder.n_grid_cols = frame.grid_cols
            frame.builder.add_row(0)
        else:
            frame.rows.append([])

    def open_cell(self) -> None:
        if not self.frames:
            raise _Unbalanced
        frame = self.frames[-1]
        frame.span, frame.v_merge, frame.h_merge = 1, "", ""
        if frame.builder is None:
            if not frame.rows:
                frame.rows.append([])
            frame.rows[-1].append([])
        else:
            frame.pending = True

    def close_cell(self) -> None:
        if not self.frames:
            raise _Unbalanced
        self.frames[-1].place_pending_cell()

    def close_table(self) -> None:
        if not self.frames:
            raise _Unbalanced
        frame = self.frames.pop()
        if frame.builder is not None:
            self.blocks.append(frame.builder.finish())
            return
        lines = [" ".join("".join(cell) for cell in row) for row in frame.rows]
        parent = self.frames[-1]
        if parent.builder is not None:
            for line in lines:
                parent.builder.add_text(line)
        elif parent.rows and parent.rows[-1]:
            parent.rows[-1][-1].extend(lines)

    def finish(self) -> list[Block] | None:
        if self.frames or self.p_depth:
            return None
        return self.blocks
