"""The faithful raw structure every reader produces: tables as grids, paragraphs in order.

Readers (docx, pdf, legacy) turn a file into a `RawDocument`; nothing here knows the
report template. Merged cells are resolved: every grid position of a merged region
points at the same `Cell` object, whose `row`/`col` is the region's top-left origin.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


class ExtractError(Exception):
    """A file that cannot be read; `reason` is one line for a person (Chinese)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points
LineScores = tuple[tuple[str, float], ...]  # (line text, OCR score) of a multi-line OCR'd text


@dataclass(slots=True, eq=False)
class Cell:
    """One table cell; `row`/`col` is the top-left grid position of its merged region."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None  # lowest OCR recognition score (0–1) of its text; None: not OCR
    line_scores: LineScores = ()  # OCR'd text of several lines: each line's text and score
    ref: str | None = None  # spreadsheet only: sheet and cell of its merged region's origin, 自评表!C7

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n")


def distinct_cells(row: list[Cell | None]) -> list[Cell]:
    """The distinct cells of one grid row, left to right (a horizontal merge counts once)."""
    seen: list[Cell] = []
    for cell in row:
        if cell is not None and (not seen or seen[-1] is not cell):
            seen.append(cell)
    return seen


@dataclass(slots=True, eq=False)
class Table:
    """A table as a rectangular grid; `grid[r][c]` is the Cell covering that position or None."""

    index: int
    grid: list[list[Cell | None]]
    page: int | None = None
    # Each grid row's distinct cells (`row_cells`), when the reader gathered them while building the
    # grid: the normaliser asks every row, and a report's grids have about three positions per cell.
    # The grid must not change afterwards (no reader changes one it has built).
    distinct_rows: list[list[Cell]] | None = field(default=None, repr=False)

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def row_cells(self, r: int) -> list[Cell]:
        """The distinct cells of grid row r, left to right (a horizontal merge counts once)."""
        if self.distinct_rows is not None:
            return list(self.distinct_rows[r])
        return distinct_cells(self.grid[r])

    def texts(self) -> list[list[str]]:
        """The grid as text, merged regions repeated in every position (handy in tests)."""
        return [[c.text if c is not None else "" for c in row] for row in self.grid]


@dataclass(slots=True, eq=False)
class Paragraph:
    """A body paragraph outside any table."""

    index: int
    text: str
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None  # lowest OCR recognition score (0–1) of its text; None: not OCR
    line_scores: LineScores = ()  # OCR'd text of several lines: each line's text and score
    ref: str | None = None  # spreadsheet only: the sheet and cell it was read from, 自评表!A1


Block = Table | Paragraph


@dataclass(slots=True, eq=False)
class Revision:
    """One paragraph that unaccepted tracked changes (w:ins, w:del, w:moveFrom/To) altered.

    The reader reads the paragraph as if every change were accepted (`new`, the block's text);
    `old` is the same paragraph with every change rejected. Where it stands is given like a
    `normalize.model.Source`: a body paragraph's index, or a table cell (its merged region's
    top-left grid position) and the paragraph's index inside the cell.
    """

    old: str
    new: str
    author: str | None = None  # every author of the paragraph's changes, joined with 、
    date: str | None = None  # the latest w:date, as Word wrote it (ISO 8601)
    table: int | None = None
    row: int | None = None
    col: int | None = None
    paragraph: int | None = None


@dataclass(slots=True, eq=False)
class RawDocument:
    """Everything a reader found in one file, in document order."""

    file: str
    format: str  # "docx", "pdf", "image", "xlsx", or the suffix converted by LibreOffice ("doc", "xls", …)
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    ocr_pages: int = 0  # how many pages were read by OCR (scanned)
    revisions: list[Revision] = field(default_factory=list)  # unaccepted tracked changes (Word only)
    # PDF only: which engine read each page (1-based), e.g. {1: "pdfium", 2: "pdfplumber"} when
    # pdfium could not map page 2 and the reference reader took it over.
    page_readers: dict[int, str] = field(default_factory=dict)
    # What the reader left out or could not show, for a person (spreadsheets: hidden sheets and
    # rows, formulas saved without their computed value).
    notes: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def iter_text(self) -> Iterator[str]:
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            else:
                for row in block.grid:
                    for i, cell in enumerate(row):
                        if cell is not None and (i == 0 or row[i - 1] is not cell):
                            yield cell.text
