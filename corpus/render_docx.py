"""Render `corpus.content` documents as .docx files, in several layouts of the same meaning."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph

from corpus import content as c

ONE_TABLE = "one_table"
SEPARATE_TABLES = "separate_tables"
UNIT_WAN = "万元"
UNIT_YUAN = "元"
YUAN_PER_WAN = Decimal(10000)

FIXED_TIME = dt.datetime(2021, 3, 31, 9, 0, 0)
ZIP_TIME = (2021, 3, 31, 9, 0, 0)
AUTHOR = "华容县住房和城乡建设局"

PAGE_WIDTH = 11906  # A4, twips
PAGE_HEIGHT = 16838
MARGIN = 1440
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(10.5)
FORM_SIZE = Pt(9)
RUBRIC_SIZE = Pt(9)
LONG_TEXT = 24  # cell text longer than this is left-aligned

ROLE_STYLE = {  # role: (font, size, bold, alignment)
    c.PART: ("黑体", Pt(16), False, WD_ALIGN_PARAGRAPH.LEFT),
    c.TITLE: ("宋体", Pt(22), True, WD_ALIGN_PARAGRAPH.CENTER),
    c.FIELD: ("仿宋", Pt(16), False, WD_ALIGN_PARAGRAPH.LEFT),
    c.COVER: ("仿宋", Pt(16), False, WD_ALIGN_PARAGRAPH.CENTER),
    c.MARK: ("宋体", Pt(10.5), False, WD_ALIGN_PARAGRAPH.CENTER),
    c.BODY: ("宋体", Pt(10.5), False, None),
}

FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")
NUMBER = re.compile(r"^(\s*)(-?\d+)(\.\d+)?(\s*)$")


@dataclass(frozen=True)
class Layout:
    """How to print a document; every option keeps the report's meaning."""

    tables: str = ONE_TABLE  # or SEPARATE_TABLES: one table per form section
    wording: bool = False  # county wording (content.WORDING_VARIANTS) in labels
    unit: str = UNIT_WAN  # UNIT_YUAN: money tables in 元 (values ×10000, headers （元）)
    thousands: bool = False  # 29,201 / 1,100,000.00 in money cells
    fullwidth: bool = False  # ２９２０１ in money cells
    rubric_splits: Mapping[str, Sequence[c.Split]] | None = None  # by part label; None: the content's


# --- cell text under a layout ------------------------------------------------------------------------

_WORDING = re.compile("|".join(map(re.escape, sorted(c.WORDING_VARIANTS, key=len, reverse=True))))


def reword(value: str) -> str:
    """County wording for a label; line breaks inside a reworded label are dropped."""
    joined = value.replace("\n", "")
    if not _WORDING.search(joined):
        return value
    return _WORDING.sub(lambda m: c.WORDING_VARIANTS[m.group(0)], joined)


def to_yuan(value: str) -> str:
    """A printed 万元 amount as 元 with two decimals; blanks and non-numbers unchanged."""
    m = NUMBER.match(value)
    if not m:
        return value
    lead, whole, frac, trail = m.groups()
    amount = Decimal(whole + (frac or "")) * YUAN_PER_WAN
    return f"{lead}{amount:.2f}{trail}"


def group_thousands(value: str) -> str:
    m = NUMBER.match(value)
    if not m:
        return value
    lead, whole, frac, trail = m.groups()
    return f"{lead}{int(whole):,}{frac or ''}{trail}"


def cell_text(cell: c.Cell, layout: Layout) -> str:
    """The text a cell prints under `layout`."""
    value = cell.text
    if cell.kind == c.LABEL:
        if layout.wording:
            value = reword(value)
        if layout.unit == UNIT_YUAN:
            value = value.replace(c.UNIT_WAN, c.UNIT_YUAN)
        return value
    if cell.kind not in (c.MONEY, c.YUAN):
        return value
    if cell.kind == c.MONEY and layout.unit == UNIT_YUAN:
        value = to_yuan(value)
    if layout.thousands:
        value = group_thousands(value)
    if layout.fullwidth:
        value = value.translate(FULLWIDTH)
    return value


# --- grid placement ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    cell: c.Cell
    row: int  # origin row
    col: int  # origin column


def place(rows: Sequence[c.Row], n_cols: int) -> list[list[Placed]]:
    """The grid each row's cells fill, skipping positions covered from above."""
    grid: list[list[Placed | None]] = [[None] * n_cols for _ in rows]
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while col < n_cols and grid[r][col] is not None:
                col += 1
            if col + cell.colspan > n_cols or r + cell.rowspan > len(rows):
                raise ValueError(f"row {r}: cell {cell.text[:20]!r} overflows the grid")
            spot = Placed(cell, r, col)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if grid[r + dr][col + dc] is not None:
                        raise ValueError(f"row {r}: cell {cell.text[:20]!r} overlaps another")
                    grid[r + dr][col + dc] = spot
            col += cell.colspan
        if any(p is None for p in grid[r]):
            raise ValueError(f"row {r}: {sum(p is None for p in grid[r])} grid positions left empty")
    return grid  # type: ignore[return-value]


def slice_rows(rows: Sequence[c.Row], n_cols: int, start: int, stop: int) -> tuple[c.Row, ...]:
    """Rows start..stop as a table of their own; merged cells cut at `start` repeat their text."""
    grid = place(rows, n_cols)
    out: list[c.Row] = []
    for r in range(start, stop):
        cells = []
        for col, spot in enumerate(grid[r]):
            if col != spot.col or (spot.row != r and r != start):
                continue
            end = min(spot.row + spot.cell.rowspan, stop)
            cells.append(replace(spot.cell, rowspan=end - r))
        out.append(tuple(cells))
    return tuple(out)


# --- document ---------------------------------------------------------------------------------------


class _Writer:
    """Appends blocks to one python-docx document."""

    def __init__(self, title: str, layout: Layout):
        self.layout = layout
        self.doc: DocxDocument = docx.Document()
        self.bookmark_id = 0
        _setup(self.doc, title)

    def part(self, part: c.Part, first: bool) -> None:
        for i, block in enumerate(part.blocks):
            if isinstance(block, c.Para):
                self.para(block, page_break_before=(i == 0 and not first))
            elif isinstance(block, c.Form):
                self.form(block)
            else:
                self.rubric(block, part.label)

    def para(self, p: c.Para, page_break_before: bool = False) -> None:
        font, size, bold, align = ROLE_STYLE[p.role]
        out = self.doc.add_paragraph()
        if align is not None:
            out.alignment = align
        if page_break_before:
            out.paragraph_format.page_break_before = True
        for run in p.runs:
            r = out.add_run(run.text)
            _font(r, font, size, bold or run.bold)
            r.underline = run.underline or None
        if p.page_break:
            out.add_run().add_break(WD_BREAK.PAGE)

    def form(self, form: c.Form) -> None:
        if self.layout.tables == SEPARATE_TABLES:
            for i, section in enumerate(form.sections):
                if i:
                    self.doc.add_paragraph()
                self.table(section.rows, form.n_cols, form.widths, FORM_SIZE)
        else:
            rows = tuple(row for s in form.sections for row in s.rows)
            self.table(rows, form.n_cols, form.widths, FORM_SIZE)

    def rubric(self, rubric: c.Rubric, part_label: str) -> None:
        splits = rubric.splits
        if self.layout.rubric_splits is not None and part_label in self.layout.rubric_splits:
            splits = tuple(self.layout.rubric_splits[part_label])
        bounds = [0, *(s.at for s in splits), len(rubric.rows)]
        for k in range(len(bounds) - 1):
            split = splits[k - 1] if k else None
            if split is not None and split.gap:
                self.gap(split.gap)
            rows = slice_rows(rubric.rows, rubric.n_cols, bounds[k], bounds[k + 1])
            with_header = split is None or split.header
            head = (rubric.header,) if with_header else ()
            self.table((*head, *rows), rubric.n_cols, rubric.widths, RUBRIC_SIZE, len(head), True)

    def gap(self, n: int) -> None:
        """`n` empty paragraphs, the last one ending the page."""
        for i in range(n):
            p = self.doc.add_paragraph()
            if i == n - 1:
                p.add_run().add_break(WD_BREAK.PAGE)

    def table(
        self,
        rows: Sequence[c.Row],
        n_cols: int,
        weights: Sequence[float],
        size: Pt,
        header_rows: int = 0,
        cant_split: bool = False,
    ) -> None:
        widths = _widths(weights or (1.0,) * n_cols)
        table = self.doc.add_table(rows=0, cols=n_cols)
        table.style = self.doc.styles["Table Grid"]
        tbl = table._tbl
        _table_props(tbl)
        for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(w))
        grid = place(rows, n_cols)
        for r, grid_row in enumerate(grid):
            tr = tbl._add_tr()
            if r < header_rows or cant_split:
                tr_pr = tr.get_or_add_trPr()
                if cant_split:
                    tr_pr.append(_on("w:cantSplit"))
                if r < header_rows:
                    tr_pr.append(_on("w:tblHeader"))
            col = 0
            while col < n_cols:
                spot = grid_row[col]
                span = spot.cell.colspan
                tr.append(self.tc(spot, r, sum(widths[col : col + span]), size))
                col += span

    def tc(self, spot: Placed, r: int, width: int, size: Pt):
        cell = spot.cell
        tc = OxmlElement("w:tc")
        tc_pr = OxmlElement("w:tcPr")
        tc_w = OxmlElement("w:tcW")
        tc_w.set(qn("w:w"), str(width))
        tc_w.set(qn("w:type"), "dxa")
        tc_pr.append(tc_w)
        if cell.colspan > 1:
            tc_pr.append(_val("w:gridSpan", str(cell.colspan)))
        if cell.rowspan > 1:
            tc_pr.append(_val("w:vMerge", "restart") if r == spot.row else OxmlElement("w:vMerge"))
        tc_pr.append(_val("w:vAlign", "center"))
        tc.append(tc_pr)
        lines = cell_text(cell, self.layout).split("\n") if r == spot.row else [""]
        align = _cell_alignment(cell, lines)
        for i, line in enumerate(lines):
            p = Paragraph(tc.add_p(), None)
            p.alignment = align
            if i == 0 and cell.bookmark and r == spot.row:
                self.bookmark(p, cell.bookmark)
            if line:
                _font(p.add_run(line), EAST_ASIAN_FONT, size, False)
        return tc

    def bookmark(self, p: Paragraph, name: str) -> None:
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        p._p.append(start)
        p._p.append(end)
        self.bookmark_id += 1


def _cell_alignment(cell: c.Cell, lines: Sequence[str]):
    if cell.kind in (c.MONEY, c.YUAN, c.LABEL):
        return WD_ALIGN_PARAGRAPH.CENTER
    long = len(lines) > 1 or sum(len(x) for x in lines) > LONG_TEXT
    return WD_ALIGN_PARAGRAPH.LEFT if long else WD_ALIGN_PARAGRAPH.CENTER


def _widths(weights: Sequence[float]) -> list[int]:
    total = sum(weights)
    widths = [int(TEXT_WIDTH * w / total) for w in weights]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def _val(tag: str, value: str):
    el = OxmlElement(tag)
    el.set(qn("w:val"), value)
    return el


def _on(tag: str):
    return OxmlElement(tag)


def _table_props(tbl) -> None:
    tbl_pr = tbl.tblPr
    for tag in ("w:tblW", "w:jc", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(TEXT_WIDTH))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    # schema order inside tblPr: tblStyle, …, tblW, jc, …, tblLayout, …, tblLook
    anchor = tbl_pr.find(qn("w:tblStyle"))
    index = list(tbl_pr).index(anchor) + 1 if anchor is not None else 0
    for el in (tbl_w, _val("w:jc", "center"), layout):
        tbl_pr.insert(index, el)
        index += 1


def _font(run, east_asian: str, size: Pt, bold: bool) -> None:
    run.font.size = size
    run.font.bold = bold or None
    r_fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), east_asian)


def _setup(doc: DocxDocument, title: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    _page_footer(section.footer.paragraphs[0])
    props = doc.core_properties
    props.title = title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""


def _page_footer(p: Paragraph) -> None:
    """A centred page number printed as “— N —”."""
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    field.append(run)
    p._p.append(field)
    p.add_run(" —")


# --- public entry points ----------------------------------------------------------------------------


def render(document: c.Document, layout: Layout = Layout()) -> DocxDocument:
    """The python-docx document for `document` under `layout`."""
    writer = _Writer(document.title, layout)
    for i, part in enumerate(document.parts):
        writer.part(part, first=(i == 0))
    return writer.doc


def to_bytes(document: c.Document, layout: Layout = Layout()) -> bytes:
    """The .docx bytes, deterministic: fixed core properties and zip timestamps."""
    buf = io.BytesIO()
    render(document, layout).save(buf)
    return _stable_zip(buf.getvalue())


def write(document: c.Document, path: Path | str, layout: Layout = Layout()) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_bytes(document, layout))
    return path


def _stable_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
