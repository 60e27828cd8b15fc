"""Ruled tables in an upright page image: line morphology → segments → grid with merged cells.

The same grid the PDF reader builds from drawn rules: column boundaries `xs`, row boundaries
`ys`, and cells as rectangles of grid positions; two neighbouring positions are one (merged)
cell when no rule separates them. Pixels throughout (the reader converts to points).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# --- tunables (pixels at 200 dpi; scaled by dpi / 200) ------------------------------------------
H_KERNEL = 60  # a horizontal run of ink at least this long is a rule (a CJK stroke is < 30)
V_KERNEL = 22  # a vertical run at least this tall is a rule candidate (a one-line row is ~30 px;
# glyph strokes this tall are dropped: a rule runs into horizontal rules at both ends)
GAP_BRIDGE = 15  # breaks in a horizontal rule up to this long (noise, JPEG, a stamp) are closed
V_GAP_BRIDGE = 4  # … in a vertical rule only this short: a glyph stroke just above or below a
# rule's end (中 over the rule under a 其中 heading) must not be joined to it
SNAP = 8  # rules whose positions differ by less than this are one boundary
END_REACH = 2  # a vertical rule's ends lie within this of horizontal-rule pixels
LONG_RULE = 60  # a vertical run this tall is a rule even with one end off a rule (no glyph is) …
FREE_RULE_RATIO = 2.5  # … and this many times as tall, with both ends off (a stamp broke it twice)
BORDER_COVERAGE = 0.5  # a boundary between two grid positions is drawn over ≥ this share
EDGE_MARGIN = 4  # ignore this much at both ends of a span when measuring coverage
SIDE_NEAR, SIDE_FAR = 4, 9  # where a rule's neighbouring cell padding is looked at, from its centre
SIDE_SHARE = 0.3  # ink on both sides over this share of a row: a heading crosses x, no rule
COLLINEAR = 3  # a vertical run within this of a column's rule may be a piece of that rule
H_PIECE = 20  # a horizontal run this long within COLLINEAR of a row's rule is a piece of it: a
# stamp's ring or characters crossing it cut both its pixel rows, leaving stretches shorter than
# H_KERNEL, and a floor that vanished merged two rows' cells (云南 度量单位 元 | % read as one)
MIN_TABLE_WIDTH = 120  # a ruled box narrower than this is not a table
MIN_TABLE_HEIGHT = 24


@dataclass(slots=True)
class PixelCell:
    r0: int
    r1: int
    c0: int
    c1: int
    box: tuple[int, int, int, int]  # x0, top, x1, bottom


@dataclass(slots=True)
class PixelTable:
    xs: list[int]
    ys: list[int]
    cells: list[PixelCell]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _scaled(value: int, dpi: float) -> int:
    return max(1, round(value * dpi / 200))


def rule_masks(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rules of an ink mask: opening with long thin kernels keeps only
    long straight runs (glyph strokes are short); closing then bridges noise breaks in a rule.
    Closing first would fuse the strokes of neighbouring characters into fake rules."""
    bridge, v_bridge = _scaled(GAP_BRIDGE, dpi), _scaled(V_GAP_BRIDGE, dpi)
    h_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (_scaled(H_KERNEL, dpi), 1))
    v_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, _scaled(V_KERNEL, dpi)))
    h_mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, h_kernel)
    v_mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, v_kernel)
    h_mask = cv2.morphologyEx(h_mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    v_mask = cv2.morphologyEx(
        v_mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_bridge))
    )
    return h_mask, v_mask


def _segments(mask: np.ndarray, horizontal: bool) -> list[tuple[float, int, int]]:
    """Connected rules as (position across, start along, end along)."""
    n, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if horizontal:
            found.append((float(centroids[i][1]), int(x), int(x + w)))
        else:
            found.append((float(centroids[i][0]), int(y), int(y + h)))
    return found


def _cluster(values: list[float], tolerance: float) -> list[int]:
    """Sorted positions with near-duplicates merged into their mean."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [round(sum(g) / len(g)) for g in groups]


def _ends_on_rules(v: tuple[float, int, int], h_mask: np.ndarray, reach: int) -> tuple[bool, bool]:
    """Whether a vertical run's top and bottom lie on horizontal-rule pixels. A vertical rule of a
    table runs into the horizontal rules (the opening keeps the crossing pixels); a glyph
    stroke, however tall, stands clear of them by the cell padding."""
    x, y0, y1 = round(v[0]), v[1], v[2] - 1

    def on_rule(y: int) -> bool:
        return bool(h_mask[max(y - reach, 0) : y + reach + 1, max(x - reach, 0) : x + reach + 1].any())

    return on_rule(y0), on_rule(y1)


def vertical_rules(vs, h_mask: np.ndarray, reach: int, long_run: int) -> list[tuple[float, int, int]]:
    """Vertical runs that are rules: those meeting rules at both ends, and pieces of a rule a
    stamp or noise broke (one end on a rule, or none) taller than any glyph. A glyph stroke in
    a tight row may touch one rule; only a rule is that tall."""
    found = []
    for v in vs:
        top, bottom = _ends_on_rules(v, h_mask, reach)
        length = v[2] - v[1]
        if (
            (top and bottom)
            or ((top or bottom) and length >= long_run)
            or length >= FREE_RULE_RATIO * long_run
        ):
            found.append(v)
    return found


def _coverage(mask: np.ndarray, y0: int, y1: int, x0: int, x1: int) -> float:
    patch = mask[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)]
    if patch.size == 0:
        return 0.0
    return float(patch.any(axis=0 if patch.shape[1] > patch.shape[0] else 1).mean())


def _table_regions(h_mask: np.ndarray, v_mask: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of connected rule networks big enough to be tables, top to bottom."""
    rules = cv2.dilate(h_mask | v_mask, np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    boxes = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w >= _scaled(MIN_TABLE_WIDTH, dpi) and h >= _scaled(MIN_TABLE_HEIGHT, dpi):
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def find_tables(ink: np.ndarray, dpi: float) -> tuple[list[PixelTable], np.ndarray]:
    """Ruled tables of an upright page, top to bottom, and the rule mask (to erase before OCR)."""
    h_mask, v_mask = rule_masks(ink, dpi)
    tables = []
    rules = np.zeros_like(ink)
    for region in _table_regions(h_mask, v_mask, dpi):
        found = _region_to_table(h_mask, v_mask, ink, region, dpi)
        if found is not None:
            table, table_rules = found
            tables.append(table)
            rules |= table_rules
    return tables, rules


def _region_to_table(h_mask, v_mask, ink, region, dpi: float) -> tuple[PixelTable, np.ndarray] | None:
    """The grid of one rule network, and the mask of its real rules (tall glyph strokes that the
    vertical opening also kept are not rules, and must not be erased from the text)."""
    snap, reach = _scaled(SNAP, dpi), _scaled(END_REACH, dpi)
    x0, y0, x1, y1 = region
    sub_h = h_mask[y0:y1, x0:x1]
    sub_v = v_mask[y0:y1, x0:x1]
    hs = [(p + y0, a + x0, b + x0) for p, a, b in _segments(sub_h, True)]
    vs = [(p + x0, a + y0, b + y0) for p, a, b in _segments(sub_v, False)]
    vs = vertical_rules(vs, h_mask, reach, _scaled(LONG_RULE, dpi))
    if len(hs) < 2 or len(vs) < 2:
        return None
    ys = _cluster([h[0] for h in hs], snap)
    xs = _cluster([v[0] for v in vs], snap)
    if len(ys) < 2 or len(xs) < 2:
        return None
    kept_v = np.zeros_like(v_mask)
    for x, a, b in vs:
        xi = round(x)
        kept_v[a:b, max(xi - 2, 0) : xi + 3] = v_mask[a:b, max(xi - 2, 0) : xi + 3]
    near = _scaled(COLLINEAR, dpi)
    pieces = collinear_pieces(v_mask, xs, ys, near)
    floors = h_mask | row_pieces(ink, ys, (x0, x1), near, dpi)
    cells = grid_cells(floors, kept_v, xs, ys, dpi, ink, kept_v | pieces)
    table_rules = kept_v | pieces_on_borders(pieces, cells, near)
    table_rules[y0:y1, x0:x1] |= h_mask[y0:y1, x0:x1]
    return PixelTable(xs=xs, ys=ys, cells=cells), table_rules


def collinear_pieces(v_mask: np.ndarray, xs: list[int], ys: list[int], near: int) -> np.ndarray:
    """The short vertical runs lying on a column's rule inside the table: where a stamp or blur
    broke the rule into pieces too short to pass as rules on their own (see `walls`)."""
    pieces = np.zeros_like(v_mask)
    top, bottom = ys[0], ys[-1] + 1
    for x in xs:
        lo, hi = max(x - near, 0), x + near + 1
        pieces[top:bottom, lo:hi] = v_mask[top:bottom, lo:hi]
    return pieces


def row_pieces(ink: np.ndarray, ys: list[int], span: tuple[int, int], near: int, dpi: float) -> np.ndarray:
    """The horizontal runs of H_PIECE or more lying on a row's rule inside the table: a rule a
    stamp cut into pieces too short to pass as rules on their own. Text keeps clear of a rule by
    the cell's padding, so no glyph stroke lies there."""
    x0, x1 = span
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (_scaled(H_PIECE, dpi), 1))
    pieces = np.zeros_like(ink)
    for y in ys:
        lo, hi = max(y - near, 0), y + near + 1
        pieces[lo:hi, x0:x1] = cv2.morphologyEx(ink[lo:hi, x0:x1], cv2.MORPH_OPEN, kernel)
    return pieces


def pieces_on_borders(pieces: np.ndarray, cells: list[PixelCell], near: int) -> np.ndarray:
    """The pieces that lie on cell borders: inside a merged cell they are glyph strokes on x (a
    long text running across the column), which must stay in the text that is read."""
    kept = pieces.copy()
    for cell in cells:
        x0, top, x1, bottom = cell.box
        kept[top + near + 1 : bottom - near, x0 + near + 1 : x1 - near] = 0
    return kept


def crosses_text(ink: np.ndarray, x: int, y0: int, y1: int, dpi: float) -> bool:
    """Does ink run on both sides of x on the same rows? Then the vertical run at x is a stroke
    of a heading centred across it, not a rule: a rule has the cells' padding on both sides."""
    near, far = _scaled(SIDE_NEAR, dpi), _scaled(SIDE_FAR, dpi)
    left = ink[y0:y1, max(x - far, 0) : max(x - near, 0)].any(axis=1)
    right = ink[y0:y1, x + near : x + far].any(axis=1)
    both = int((left & right).sum())
    return both >= SIDE_SHARE * max(y1 - y0, 1)


def walls(v_mask, xs: list[int], ys: list[int], dpi: float, ink=None, broken=None) -> np.ndarray:
    """walls[r, c]: does a rule separate grid positions (r, c) and (r, c + 1)? With `broken` (the
    rules and the pieces on their x), a row whose rule is only in pieces has a wall when the
    rule runs whole in the rows above and below that stretch: one column line a stamp or blur
    broke, not a glyph's stroke standing on x inside a merged cell (whose rows above and below
    do not continue the line). Without it the cells either side would merge and a column's
    figures would shift into its neighbour."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    half, margin = _scaled(3, dpi), _scaled(EDGE_MARGIN, dpi)
    whole = np.zeros((n_rows, max(n_cols - 1, 0)), bool)
    pieced = np.zeros_like(whole)
    for r in range(n_rows):
        y0, y1 = ys[r] + margin, ys[r + 1] - margin
        for c in range(n_cols - 1):
            x = xs[c + 1]
            if ink is not None and crosses_text(ink, x, y0, y1, dpi):
                continue
            whole[r, c] = _coverage(v_mask, y0, y1, x - half, x + half + 1) >= BORDER_COVERAGE
            pieced[r, c] = (
                broken is not None and _coverage(broken, y0, y1, x - half, x + half + 1) >= BORDER_COVERAGE
            )
    found = whole.copy()
    for c in range(n_cols - 1):
        r = 0
        while r < n_rows:
            if whole[r, c] or not pieced[r, c]:
                r += 1
                continue
            end = r
            while end < n_rows and pieced[end, c] and not whole[end, c]:
                end += 1
            if r > 0 and end < n_rows and whole[r - 1, c] and whole[end, c]:
                found[r:end, c] = True
            r = end
    return found


def grid_cells(
    h_mask, v_mask, xs: list[int], ys: list[int], dpi: float, ink: np.ndarray | None = None, broken=None
) -> list[PixelCell]:
    """Grid positions joined (union-find) wherever no rule separates them → merged cells."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    half, margin = _scaled(3, dpi), _scaled(EDGE_MARGIN, dpi)
    wall_at = walls(v_mask, xs, ys, dpi, ink, broken)
    parent = list(range(n_rows * n_cols))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and not wall_at[r, c]:
                parent[root(here + 1)] = root(here)
            if r + 1 < n_rows:
                floor = _coverage(
                    h_mask, ys[r + 1] - half, ys[r + 1] + half + 1, xs[c] + margin, xs[c + 1] - margin
                )
                if floor < BORDER_COVERAGE:
                    parent[root(here + n_cols)] = root(here)
    spans: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            s = spans.setdefault(root(r * n_cols + c), [r, r + 1, c, c + 1])
            s[0], s[1] = min(s[0], r), max(s[1], r + 1)
            s[2], s[3] = min(s[2], c), max(s[3], c + 1)
    cells = [PixelCell(r0, r1, c0, c1, (xs[c0], ys[r0], xs[c1], ys[r1])) for r0, r1, c0, c1 in spans.values()]
    return sorted(cells, key=lambda c: (c.r0, c.c0))
