"""Ruled PDF tables → grids with merged cells, joined across page breaks.

A table found by pdfplumber on one page becomes a `GridTable`: column boundaries (x), row
count, and `GridCell`s, each covering a rectangle of grid positions (merged cells span several)
and holding the `Fragment`s drawn for it (one per page; two when a row or a vertically merged
cell was split by a page break). `join_continuation` glues the part of a table at the top of
a page to the table that ended the previous page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import add, itemgetter

from jixiao_audit.extract.pdf_text import (
    FULL_LINE_TOLERANCE,
    TextArea,
    TextLine,
    chars_to_lines,
    continues_enumeration,
    is_soft_wrap,
    lines_alignment,
    lines_to_paragraphs,
    paragraph_text,
)
from jixiao_audit.extract.raw import BBox, Cell, Table

# --- tolerances (PDF points) -----------------------------------------------------------------
SNAP_TOLERANCE = 3  # ruling lines this close are one line (pdfplumber default)
JOIN_TOLERANCE = 3  # collinear ruling segments with gaps up to this are one line
INTERSECTION_TOLERANCE = 3  # a vertical and a horizontal rule this close intersect
EDGE_MIN_LENGTH = 3  # shorter rules are ignored (underlines of single glyphs, dots)
GRID_TOLERANCE = 1.5  # cell edges this close fall on the same grid boundary
COLUMN_MATCH_TOLERANCE = 3.0  # column boundaries of two table parts this close are the same
MAX_CELL_PADDING = 9.0  # a measured left padding above this means the text is not left-aligned
DEFAULT_CELL_PADDING = 5.4  # Word / LibreOffice default cell margin (0.19 cm)
MIN_TABLE_CELLS = 1  # a lone ruled box is a 1×1 table (Word puts the narrative in one)

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": SNAP_TOLERANCE,
    "join_tolerance": JOIN_TOLERANCE,
    "intersection_tolerance": INTERSECTION_TOLERANCE,
    "edge_min_length": EDGE_MIN_LENGTH,
}


@dataclass(slots=True)
class Fragment:
    """The part of one cell drawn on one page."""

    page: int
    bbox: BBox
    lines: list[TextLine] = field(default_factory=list)
    _area: TextArea | None = None

    def area(self) -> TextArea:
        """The box its text was set in (padding measured from the text, alignment guessed)."""
        if self._area is None:
            self._area = self._measure_area()
        return self._area

    def _measure_area(self) -> TextArea:
        x0, _, x1, _ = self.bbox
        pad = min((ln.x0 for ln in self.lines), default=x0) - x0
        if not 0 <= pad <= MAX_CELL_PADDING:
            pad = DEFAULT_CELL_PADDING
        left, right = x0 + pad, x1 - pad
        return TextArea(left, right, lines_alignment(self.lines, left, right))


@dataclass(slots=True, eq=False)
class GridCell:
    """A cell covering grid rows r0..r1-1 and columns c0..c1-1."""

    r0: int
    r1: int
    c0: int
    c1: int
    fragments: list[Fragment]

    @property
    def is_empty(self) -> bool:
        return not any(f.lines for f in self.fragments)

    @property
    def lines(self) -> list[TextLine]:
        return [ln for f in self.fragments for ln in f.lines]

    def quick_text(self) -> str:
        return "".join(ln.text for ln in self.lines)


@dataclass(slots=True, eq=False)
class GridTable:
    """A table as positioned cells; `xs` are the column boundaries (n_cols + 1)."""

    xs: list[float]
    n_rows: int
    cells: list[GridCell]
    page: int
    last_page: int
    top: float
    bottom: float  # bottom of its last part, on `last_page`

    def row_cells(self, r: int, *, starting: bool = False, ending: bool = False) -> list[GridCell]:
        """Cells covering row r (only those starting/ending there if asked), left to right."""
        found = [
            c
            for c in self.cells
            if c.r0 <= r < c.r1 and (not starting or c.r0 == r) and (not ending or c.r1 == r + 1)
        ]
        return sorted(found, key=lambda c: c.c0)


# --- one page ---------------------------------------------------------------------------------


def find_cell_boxes(edges: Sequence[dict]) -> list[BBox]:
    """Every ruled cell rectangle drawn by `edges` (pdfplumber's lines strategy: edges → snapped
    and joined → intersections → cells), from any reader: an edge is a dict with `x0`, `x1`,
    `top`, `bottom`, `width`, `height` and `orientation` ("h", "v" or None), as pdfplumber's
    `page.edges` are. pdfplumber's own table grouping is skipped: it drops 1×1 tables."""
    from pdfplumber.table import TableSettings, merge_edges
    from pdfplumber.utils import filter_edges

    settings = TableSettings.resolve(TABLE_SETTINGS)
    prefilter = settings.edge_min_length_prefilter
    merged = merge_edges(
        filter_edges(edges, "v", min_length=prefilter) + filter_edges(edges, "h", min_length=prefilter),
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    ruled = filter_edges(merged, min_length=settings.edge_min_length)
    if not ruled:
        return []
    intersections = edges_to_intersections(
        ruled, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    return intersections_to_cells(intersections)


def edges_to_intersections(edges: Sequence[dict], x_tolerance: float, y_tolerance: float) -> dict:
    """Points where a vertical and a horizontal edge meet (within tolerance) → the edges meeting
    there; pdfplumber's function of the same name, which sorts the horizontals again for every
    vertical, with the sort done once."""
    intersections: dict[tuple[float, float], dict[str, list[dict]]] = {}
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontals = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    for v in verticals:
        x, v_top, v_bottom = v["x0"], v["top"], v["bottom"]
        for h in horizontals:
            y = h["top"]
            if (
                v_top <= y + y_tolerance
                and v_bottom >= y - y_tolerance
                and h["x0"] - x_tolerance <= x <= h["x1"] + x_tolerance
            ):
                meeting = intersections.setdefault((x, y), {"v": [], "h": []})
                meeting["v"].append(v)
                meeting["h"].append(h)
    return intersections


def intersections_to_cells(intersections: dict) -> list[BBox]:
    """The smallest ruled rectangle with its top-left corner at each intersection, exactly as
    pdfplumber's `intersections_to_cells` finds them (same order), with each point's edges
    turned into sets once instead of at every connectivity test."""
    v_sets = {
        p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in m["v"]} for p, m in intersections.items()
    }
    h_sets = {
        p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in m["h"]} for p, m in intersections.items()
    }

    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        return (p1[0] == p2[0] and not v_sets[p1].isdisjoint(v_sets[p2])) or (
            p1[1] == p2[1] and not h_sets[p1].isdisjoint(h_sets[p2])
        )

    points = sorted(intersections)
    same_y: dict[float, list[tuple[float, float]]] = {}
    for p in points:
        same_y.setdefault(p[1], []).append(p)  # in x order, as points are sorted by x first
    cells: list[BBox] = []
    for i, pt in enumerate(points[:-1]):
        below = []
        for q in points[i + 1 :]:
            if q[0] != pt[0]:
                break
            below.append(q)
        right = [q for q in same_y[pt[1]] if q[0] > pt[0]]
        cell = _smallest_cell(pt, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(pt, below, right, intersections, connects) -> BBox | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def group_cell_boxes(boxes: Sequence[BBox]) -> list[list[BBox]]:
    """Cells sharing a corner belong to one table (union-find over corners), top to bottom."""
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[BBox]] = {}
    for i, box in enumerate(boxes):
        groups.setdefault(root(i), []).append(box)
    return sorted(groups.values(), key=lambda g: min((b[1], b[0]) for b in g))


def _cluster(values: Sequence[float], tolerance: float) -> list[float]:
    """Sorted values with near-duplicates (within tolerance of the previous kept one) removed."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _boundary_index(bounds: Sequence[float], v: float) -> int:
    """Index of the boundary nearest to v (bounds sorted)."""
    i = bisect_right(bounds, v)
    if i == 0:
        return 0
    if i == len(bounds) or v - bounds[i - 1] <= bounds[i] - v:
        return i - 1
    return i


def plumber_table_to_grid(cell_boxes: Sequence[BBox], page: int) -> GridTable | None:
    """pdfplumber `table.cells` rectangles → a grid; a rectangle crossing boundaries is one
    merged cell spanning those rows/columns."""
    if len(cell_boxes) < MIN_TABLE_CELLS:
        return None
    xs = _cluster([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes], GRID_TOLERANCE)
    ys = _cluster([b[1] for b in cell_boxes] + [b[3] for b in cell_boxes], GRID_TOLERANCE)
    cells = []
    for box in sorted(cell_boxes, key=lambda b: (b[1], b[0])):
        c0, c1 = _boundary_index(xs, box[0]), _boundary_index(xs, box[2])
        r0, r1 = _boundary_index(ys, box[1]), _boundary_index(ys, box[3])
        if c1 > c0 and r1 > r0:
            cells.append(GridCell(r0, r1, c0, c1, [Fragment(page, tuple(box))]))
    return GridTable(
        xs=xs, n_rows=len(ys) - 1, cells=cells, page=page, last_page=page, top=ys[0], bottom=ys[-1]
    )


def bucket_chars_into_cells(chars: Sequence[dict], tables: Sequence[GridTable]) -> list[dict]:
    """Put every char into the cell whose box holds its centre (one pass, bisect on the grid);
    return the chars that fall in no table. Each table's cells get their `lines`.
    (Once per glyph of the document: the centres are taken doubled, summed in C-level maps,
    against doubled grid lines, which is exact; the tables and grid row at a centre height are
    found once per height, which the glyphs of a line share, and the column inline.)"""
    if not tables:
        return list(chars)
    locators = [_CellLocator(t) for t in tables]
    per_cell: dict[GridCell, list[dict]] = {}  # cells hash by identity (eq=False)
    bounds = [
        (
            2 * loc.x0,
            2 * loc.x1,
            2 * loc.top,
            2 * loc.bottom,
            [2 * x for x in loc.xs],
            [2 * y for y in loc.ys],
            loc.last_row,
            loc.last_col,
            [
                [per_cell.setdefault(cell, []) if cell is not None else None for cell in row]
                for row in loc.grid
            ],
        )
        for loc in locators
    ]
    outside: list[dict] = []
    centres_x2 = map(add, map(_X0, chars), map(_X1, chars))
    centres_y2 = map(add, map(_TOP, chars), map(_BOTTOM, chars))
    spots_at: dict[float, tuple] = {}  # a line's chars share their centre: its rows looked up once
    for ch, cx, cy in zip(chars, centres_x2, centres_y2):
        spots = spots_at.get(cy)
        if spots is None:
            spots = spots_at[cy] = _row_spots(bounds, cy)
        for x0, x1, xs, last_col, cells in spots:
            if x0 <= cx <= x1:
                c = bisect_right(xs, cx) - 1
                if c > last_col:
                    c = last_col
                elif c < 0:
                    c = 0
                cell_chars = cells[c]
                if cell_chars is not None:
                    cell_chars.append(ch)
                break
        else:
            outside.append(ch)
    for cell, cell_chars in per_cell.items():
        if cell_chars:
            frag = cell.fragments[-1]
            frag.lines = chars_to_lines(cell_chars, frag.page)
            frag._area = None
    return outside


_X0, _X1, _TOP, _BOTTOM = itemgetter("x0"), itemgetter("x1"), itemgetter("top"), itemgetter("bottom")


def _row_spots(bounds: list[tuple], cy: float) -> tuple:
    """For a doubled centre height: each table (in order) whose doubled span holds it, as its
    doubled x span, column lines, last column and the char lists of the cells of the row there."""
    spots = []
    for x0, x1, top, bottom, xs, ys, last_row, last_col, grid in bounds:
        if top <= cy <= bottom:
            r = bisect_right(ys, cy) - 1
            if r > last_row:
                r = last_row
            elif r < 0:
                r = 0
            spots.append((x0, x1, xs, last_col, grid[r]))
    return tuple(spots)


class _CellLocator:
    """Grid position → cell for one table part on one page."""

    def __init__(self, table: GridTable):
        boxes = [c.fragments[0].bbox for c in table.cells]
        self.xs = table.xs
        self.ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], GRID_TOLERANCE)
        self.x0, self.x1 = table.xs[0], table.xs[-1]
        self.top, self.bottom = self.ys[0], self.ys[-1]
        self.last_row, self.last_col = table.n_rows - 1, len(table.xs) - 2
        self.grid: list[list[GridCell | None]] = [[None] * (len(table.xs) - 1) for _ in range(table.n_rows)]
        for cell in table.cells:
            for r in range(cell.r0, cell.r1):
                for c in range(cell.c0, cell.c1):
                    self.grid[r][c] = cell


# --- across a page break --------------------------------------------------------------------


def columns_match(a: Sequence[float], b: Sequence[float]) -> bool:
    """Same left and right edges. Inner boundaries may differ: a part holds only the rows on its
    page, and those may use only some of the table's columns."""
    return abs(a[0] - b[0]) <= COLUMN_MATCH_TOLERANCE and abs(a[-1] - b[-1]) <= COLUMN_MATCH_TOLERANCE


def _remap_columns(table: GridTable, xs: Sequence[float]) -> None:
    for cell in table.cells:
        cell.c0 = _boundary_index(xs, table.xs[cell.c0])
        cell.c1 = _boundary_index(xs, table.xs[cell.c1])


def _row_signature(table: GridTable, r: int) -> tuple:
    return tuple((c.c0, c.c1, c.quick_text()) for c in table.row_cells(r, starting=True))


def repeated_header_rows(prev: GridTable, part: GridTable) -> int:
    """How many leading rows of `part` repeat the leading rows of `prev` (a repeated header)."""
    k = 0
    while k < min(prev.n_rows, part.n_rows) - 1 and _row_signature(prev, k) == _row_signature(part, k):
        if not any(c.quick_text() for c in part.row_cells(k)):
            break
        k += 1
    return k


def seam_pairs(prev: GridTable, part: GridTable) -> tuple[list[tuple[GridCell, GridCell]], bool]:
    """Cells ending prev's last row paired with cells starting part's first row when they cover
    the same columns; and whether the two rows are cut into exactly the same columns."""
    above = prev.row_cells(prev.n_rows - 1)
    below = part.row_cells(0)
    below_by_cols = {(c.c0, c.c1): c for c in below if c.r0 == 0}
    pairs = [
        (a, below_by_cols[(a.c0, a.c1)])
        for a in above
        if a.r1 == prev.n_rows and (a.c0, a.c1) in below_by_cols
    ]
    same_cut = len(pairs) == len(above) == len(below)
    return pairs, same_cut


WHOLE_FIGURE = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
# A date alone ("2022年03月20日", "2022-3-20"): what a sign-off line holds under its label.
LONE_DATE = re.compile(
    r"^\d{4}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2})$"
)
# A line awaiting its value: a label ending in a colon, or a signature line (负责人（签章）).
AWAITS_VALUE = re.compile(r"(?:[:：]|[（(](?:签字|签章|签名|盖章)[)）])\s*$")


def is_whole_figure(text: str) -> bool:
    """A complete figure ("10,600.00", "85%"), not a piece a wrap cut ("19,768,2", "205,200.")."""
    return WHOLE_FIGURE.match(text.strip()) is not None


def is_lone_date(text: str) -> bool:
    return LONE_DATE.match(text.strip()) is not None


def is_signoff_tail(above: str, below: list[TextLine]) -> bool:
    """Is `below` (a cell's lines at the top of a page) the date of the sign-off line that ends
    `above`? A row holding nothing but a date is no row of a form: it is the last line of a
    signature block (负责人（签章）： … 2022年03月20日) that the page break cut off."""
    text = "".join(ln.text for ln in below)
    return is_lone_date(text) and AWAITS_VALUE.search(above) is not None and not is_lone_date(above)


def row_was_split(pairs: Sequence[tuple[GridCell, GridCell]]) -> bool:
    """Is the first row of the new page the rest of the last row of the previous page?

    Evidence for a split: some column's text runs on — its last line above is full (a soft
    wrap) or the text below starts the next list item (②→③). Evidence against: some column
    has text on both sides whose last line above ends short of the cell's edge, or a whole
    figure on both sides (a figure does not run on into another: a fresh row; a wide figure
    fills its cell, so its line's length says nothing).
    A lone date below a line awaiting its value (a sign-off's label) runs on too, however short
    the label (`is_signoff_tail`). A full last line that is not a clean soft wrap (a centred
    continuation) says nothing either way, nor does a lone empty cell. Split only with evidence
    for and none against.
    """
    runs_on = fresh = 0
    for above, below in pairs:
        if above.is_empty or below.is_empty:
            continue
        last_frag = above.fragments[-1]
        area = last_frag.area()
        a_line, b_line = last_frag.lines[-1], below.lines[0]
        if len(last_frag.lines) == 1 and is_whole_figure(a_line.text) and is_whole_figure(b_line.text):
            fresh += 1
            continue
        last_para = lines_to_paragraphs([(ln, area) for ln in last_frag.lines])[-1]
        if (
            is_soft_wrap(a_line, b_line, area)
            or continues_enumeration(paragraph_text(last_para), b_line.text)
            or is_signoff_tail(a_line.text, below.lines)
        ):
            runs_on += 1
        elif a_line.x1 + b_line.head_width <= area.right - FULL_LINE_TOLERANCE:
            fresh += 1
    return runs_on > 0 and fresh == 0


def join_continuation(prev: GridTable, part: GridTable) -> GridTable:
    """Append `part` (top of a new page) to `prev` (which ended the previous page).

    Columns are unified. Leading rows repeating prev's header stay in. Without a repeated
    header, the seam is mended: a row split by the page break becomes one row again (see
    `row_was_split`), and an empty cell below a cell already spanning rows (or itself spanning
    rows) is the rest of that vertically merged cell.
    """
    xs = _cluster(list(prev.xs) + list(part.xs), COLUMN_MATCH_TOLERANCE)
    _remap_columns(prev, xs)
    _remap_columns(part, xs)
    header = repeated_header_rows(prev, part)
    pairs, same_cut = seam_pairs(prev, part) if header == 0 and part.n_rows else ([], False)
    dropped: set[int] = set()
    offset = prev.n_rows
    if same_cut and row_was_split(pairs):
        offset = prev.n_rows - 1
        for above, below in pairs:
            above.r1 = offset + below.r1
            above.fragments.extend(below.fragments)
            dropped.add(id(below))
    else:
        for above, below in pairs:
            spans = above.r1 - above.r0 > 1 or below.r1 - below.r0 > 1
            if below.is_empty and not above.is_empty and spans:
                above.r1 = offset + below.r1
                above.fragments.extend(below.fragments)
                dropped.add(id(below))
    for cell in part.cells:
        if id(cell) not in dropped:
            cell.r0 += offset
            cell.r1 += offset
            prev.cells.append(cell)
    prev.xs = xs
    prev.n_rows = offset + part.n_rows
    prev.last_page = part.last_page
    prev.bottom = part.bottom
    return prev


# --- to the raw structure -----------------------------------------------------------------------


def lowest_confidence(lines: Sequence[TextLine]) -> float | None:
    """The weakest OCR score among the lines (None when none was read by OCR)."""
    scores = [ln.confidence for ln in lines if ln.confidence is not None]
    return min(scores) if scores else None


def line_scores(lines: Sequence[TextLine]) -> tuple[tuple[str, float], ...]:
    """Each OCR'd line's text and score, kept when there are several: a finding about one figure
    of a long narrative rests on that figure's line, not on the weakest line of the text."""
    scored = tuple((ln.text, ln.confidence) for ln in lines if ln.confidence is not None)
    return scored if len(scored) > 1 else ()


def cell_text(cell: GridCell, pitches: dict[float, float] | None = None) -> str:
    """A cell's lines → text; paragraphs joined with "\\n", soft wraps joined."""
    if len(cell.fragments) == 1 and len(cell.fragments[0].lines) < 2:  # most cells: one line or none
        return "".join(ln.text for ln in cell.fragments[0].lines).strip()
    run = [(ln, frag.area()) for frag in cell.fragments for ln in frag.lines]
    return "\n".join(paragraph_text(p) for p in lines_to_paragraphs(run, pitches))


_TWO_DIGITS = (2, 2, 2, 2)  # round()'s digits for each of a box's four values


def grid_to_table(table: GridTable, index: int, pitches: dict[float, float] | None = None) -> Table:
    """GridTable → raw `Table`: every covered position references its cell's one `Cell`."""
    n_cols = len(table.xs) - 1
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(table.n_rows)]
    for gc in sorted(table.cells, key=lambda c: (c.r0, c.c0)):
        first = gc.fragments[0]
        lines = gc.lines
        cell = Cell(
            text=cell_text(gc, pitches),
            row=gc.r0,
            col=gc.c0,
            rowspan=gc.r1 - gc.r0,
            colspan=gc.c1 - gc.c0,
            page=first.page,
            bbox=tuple(map(round, first.bbox, _TWO_DIGITS)),
            confidence=lowest_confidence(lines),
            line_scores=line_scores(lines),
        )
        for r in range(gc.r0, gc.r1):
            for c in range(gc.c0, gc.c1):
                if grid[r][c] is None:
                    grid[r][c] = cell
    return Table(index=index, grid=grid, page=table.page)
