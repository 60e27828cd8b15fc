"""The document as one stream of lines: each table row or body paragraph, with its cells.

The normalizer reads the template by its labels, so it wants rows, not tables: a section
may be its own table or part of one big form table, and a scoring table may be split
across pages into several tables. Every line keeps enough to build a `Source`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from jixiao_audit.extract.raw import Cell, Paragraph, RawDocument, Table
from jixiao_audit.normalize.model import Source
from jixiao_audit.normalize.text import label_key

LABEL_MAX_CHARS = 24  # a header label is short; a narrative cell that mentions one is not
SIG_KEY_CHARS = 40  # enough for any label and for a narrative cell's heading
KEY_SOURCE_CHARS = 200  # labels live in short texts; keying a whole narrative cell is wasted work


def key_of(text: str) -> str:
    return label_key(text[:KEY_SOURCE_CHARS])


@dataclass(slots=True, eq=False)
class Line:
    """One table row (distinct cells left to right) or one paragraph (a single pseudo cell)."""

    cells: list[Cell]
    keys: list[str]  # label_key of each cell's text
    table: Table | None = None
    row: int | None = None
    paragraph: Paragraph | None = None
    sig: str = ""  # the heads of all keys joined: a cheap first test before any detector's real one
    col_starts: list[int] | None = None  # each cell's first grid column, when they are in order

    def __post_init__(self) -> None:
        self.sig = "|".join(key[:SIG_KEY_CHARS] for key in self.keys)

    @property
    def text(self) -> str:
        return "\n".join(c.text for c in self.cells)

    @property
    def key(self) -> str:
        return "".join(self.keys)

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
        starts = self.col_starts
        if starts is None:  # parsers ask many columns of a row: index it once
            cells = self.cells
            ordered = all(a.col + a.colspan <= b.col for a, b in pairwise(cells))
            starts = self.col_starts = [c.col for c in cells] if ordered else []
        if (
            starts
        ):  # cells in order, none overlapping: the only candidate is the last starting at or before col
            i = bisect_right(starts, col) - 1
            return i if i >= 0 and col < starts[i] + self.cells[i].colspan else None
        for i, cell in enumerate(self.cells):
            if cell.col <= col < cell.col + cell.colspan:
                return i
        return None

    def source(self, file: str, i: int, paragraph: int | None = None) -> Source:
        # positional: a report makes hundreds of these, and keywords cost a third of each call
        p = self.paragraph
        if p is not None:
            return Source(
                file, None, None, None, p.index, p.page, p.bbox, p.text, None, p.confidence, p.line_scores
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
        )


@dataclass(slots=True, eq=False)
class Stream:
    """All lines of a document (or of one report's share of it)."""

    file: str
    lines: list[Line] = field(default_factory=list)


def document_to_stream(doc: RawDocument) -> Stream:
    """Flatten tables into rows and interleave them with paragraphs in document order."""
    stream = Stream(file=doc.file)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                pseudo = Cell(text=block.text, row=0, col=0, page=block.page, bbox=block.bbox)
                stream.lines.append(Line([pseudo], [key_of(block.text)], paragraph=block))
            continue
        for r in range(block.n_rows):
            cells = block.row_cells(r)
            if cells:
                stream.lines.append(Line(cells, [key_of(c.text) for c in cells], table=block, row=r))
    return stream
