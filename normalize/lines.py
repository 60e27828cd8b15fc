"""The document as one stream of lines: each table row or body paragraph, with its cells.

The normalizer reads the template by its labels, so it wants rows, not tables: a section
may be its own table or part of one big form table, and a scoring table may be split
across pages into several tables. Every line keeps enough to build a `Source`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao_audit.extract.raw import Cell, Paragraph, RawDocument, Table
from jixiao_audit.normalize.model import Source
from jixiao_audit.normalize.text import label_key

LABEL_MAX_CHARS = 24  # a header label is short; a narrative cell that mentions one is not
SIG_KEY_CHARS = 40  # enough for any label and for a narrative cell's heading
KEY_SOURCE_CHARS = 200  # labels live in short texts; keying a whole narrative cell is wasted work


# Cell texts whose keys are remembered: a form's labels are a few thousand, and figures and names
# churn; emptied when full, so a long batch's memory does not grow with it (see "Flat memory").
KEY_CACHE_SIZE = 16384


class _KeyCache(dict):
    """A cell's text (its first KEY_SOURCE_CHARS) → its label key. Every row's cells are keyed,
    and labels recur in every report: a dict lookup costs about half of a call to label_key. The
    dict is emptied when full, so it stays bounded."""

    def __missing__(self, text: str) -> str:
        if len(self) >= KEY_CACHE_SIZE:
            self.clear()
        key = self[text] = label_key(text)
        return key


_KEYS = _KeyCache()


def key_of(text: str) -> str:
    # cut before the lookup: hashing a long narrative whole would cost more than keying its head
    return _KEYS[text[:KEY_SOURCE_CHARS]]


def column_index(cells: list[Cell]) -> list[int | None]:
    """Grid column → index of the first of the cells covering it (None where none does)."""
    at: list[int | None] = []
    for i, cell in enumerate(cells):  # a row's cells, left to right: appended in one pass
        gap = cell.col - len(at)
        if gap < 0:  # cells out of order or overlapping: not a grid row
            return column_index_of_any(cells)
        if gap:
            at += [None] * gap
        if cell.colspan == 1:
            at.append(i)
        else:
            at += [i] * cell.colspan
    return at


def column_index_of_any(cells: list[Cell]) -> list[int | None]:
    at: list[int | None] = [None] * max([c.col + c.colspan for c in cells], default=0)
    for i in range(len(cells) - 1, -1, -1):  # right to left: the first covering cell wins
        cell = cells[i]
        at[cell.col : cell.col + cell.colspan] = [i] * cell.colspan
    return at


@dataclass(slots=True, eq=False, init=False)
class Line:
    """One table row (distinct cells left to right) or one paragraph (a single pseudo cell)."""

    cells: list[Cell]
    keys: list[str]  # label_key of each cell's text
    table: Table | None
    row: int | None
    paragraph: Paragraph | None
    sig: str  # the heads of all keys joined: a cheap first test before any detector's real one
    col_index: list[int | None] | None  # grid column → index of the cell covering it, once asked
    _key: str | None  # `key`, joined once: title and cover detectors ask it of every line

    def __init__(
        self,
        cells: list[Cell],
        keys: list[str],
        table: Table | None = None,
        row: int | None = None,
        paragraph: Paragraph | None = None,
    ) -> None:
        # written out (no __post_init__ call): a document makes a Line for every row and paragraph
        self.cells, self.keys, self.table, self.row, self.paragraph = cells, keys, table, row, paragraph
        sig = "|".join(keys)
        if len(sig) > SIG_KEY_CHARS and max(map(len, keys)) > SIG_KEY_CHARS:  # cut only when a key is long
            sig = "|".join([key[:SIG_KEY_CHARS] for key in keys])
        self.sig = sig
        self.col_index = self._key = None

    @property
    def text(self) -> str:
        return "\n".join([c.text for c in self.cells])

    @property
    def key(self) -> str:
        key = self._key
        if key is None:
            key = self._key = "".join(self.keys)
        return key

    @property
    def is_paragraph(self) -> bool:
        return self.paragraph is not None

    def find(self, *needles: str, start: int = 0, max_len: int = LABEL_MAX_CHARS) -> int | None:
        """Index of the first label-sized cell whose key contains any of the needles."""
        for i in range(start, len(self.cells)):
            key = self.keys[i]
            if len(key) <= max_len and any(n in key for n in needles):
                return i
        return None

    def cell_at_col(self, col: int) -> int | None:
        """Index of the cell covering grid column `col` in this row."""
        at = self.col_index
        if at is None:  # parsers ask many columns of a row: index it once
            at = self.col_index = column_index(self.cells)
        return at[col] if 0 <= col < len(at) else None

    def cells_at(self, cols: tuple[int | None, ...]) -> list[int | None]:
        """cell_at_col of each column (None for a column of None), in one call."""
        at = self.col_index
        if at is None:
            at = self.col_index = column_index(self.cells)
        n = len(at)
        return [at[c] if c is not None and 0 <= c < n else None for c in cols]

    def source(self, file: str, i: int, paragraph: int | None = None) -> Source:
        # positional: a report makes hundreds of these, and keywords cost a third of each call
        p = self.paragraph
        if p is not None:
            return Source(
                file,
                None,
                None,
                None,
                p.index,
                p.page,
                p.bbox,
                p.text,
                None,
                p.confidence,
                p.line_scores,
                p.ref,
            )
        cell, table = self.cells[i], self.table
        page = cell.page if cell.page is not None or table is None else table.page
        return Source(
            file,
            table.index if table else None,
            self.row,
            cell.col,
            paragraph,
            page,
            cell.bbox,
            cell.text,
            None,
            cell.confidence,
            cell.line_scores,
            cell.ref,
        )


@dataclass(slots=True, eq=False)
class Stream:
    """All lines of a document (or of one report's share of it)."""

    file: str
    lines: list[Line] = field(default_factory=list)


def document_to_stream(doc: RawDocument) -> Stream:
    """Flatten tables into rows and interleave them with paragraphs in document order."""
    stream = Stream(file=doc.file)
    lines = stream.lines
    keys_of = _KEYS  # (key_of inlined: every cell)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                pseudo = Cell(block.text, 0, 0, 1, 1, block.page, block.bbox, ref=block.ref)
                lines.append(Line([pseudo], [key_of(block.text)], None, None, block))
            continue
        rows = block.distinct_rows  # gathered by the Word reader; other readers' tables: found here
        if rows is None:
            rows = [block.row_cells(r) for r in range(len(block.grid))]
        for r, cells in enumerate(rows):
            if cells:
                keys = [keys_of[c.text[:KEY_SOURCE_CHARS]] for c in cells]
                lines.append(Line(cells, keys, block, r))
    return stream
