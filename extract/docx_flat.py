"""The fast path of the Word reader: libxslt flattens document.xml into one record per line.

Walking ten thousand elements from Python costs three times the parse itself; an XSLT
transform runs in C and hands back only what the raw structure needs:

    P <tab> text                     a body paragraph
    T <tab> number of grid columns   a table starts
    R <tab> gridBefore               a row starts
    C <tab> gridSpan <tab> v <tab> h a cell starts (v/h: "" none, "r" restart, "c" continue)
    p <tab> text                     a paragraph inside the current cell

Run-level tabs and breaks arrive as private-use characters (see docx_reader.TEXT_MARKUP)
and become "\t"/"\n" again here; tabs or newlines typed inside w:t become spaces, so they
cannot break the record format. Documents with content the transform cannot judge
(mc:Fallback copies, tracked changes) take the careful Python walker instead.
"""

from __future__ import annotations

from jixiao_audit.extract.raw import Block, Cell, ExtractError, Paragraph, Table
from lxml import etree

TAB_MARK, BREAK_MARK = "\ue000", "\ue001"
# Unaccepted tracked changes (and moved text): the fast paths decline such a document, because
# recording each revision (old text, author, date) needs the tree; the careful walk reads it.
REVISION_MARKERS = (b":ins ", b":del ", b":moveTo", b"moveFrom")

# Limits on what one untrusted file may make us build (a 48 KB file with gridSpan="10000000" would
# otherwise pad every row to ten million positions). Word itself allows 63 columns per table.
MAX_GRID_COLS = 128  # grid positions in one row, whatever gridSpan/gridBefore claim
MAX_TABLE_ROWS = 10_000  # rows of one table (a report's longest has a few hundred)
MAX_DOCUMENT_CELLS = 2_000_000  # grid positions of all tables of one document together
MAX_CELL_CHARS = 200_000  # characters of one cell (a whole report has about 30,000)

_STYLESHEET = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <xsl:output method="text" encoding="utf-8"/>
  <xsl:template match="/"><xsl:apply-templates select="w:document/w:body/*"/></xsl:template>
  <xsl:template match="w:sdt|w:customXml"><xsl:apply-templates select="w:sdtContent/*|w:p|w:tbl"/></xsl:template>
  <xsl:template match="w:p">
    <xsl:text>P&#9;</xsl:text><xsl:call-template name="text"/><xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="w:tbl">
    <xsl:text>T&#9;</xsl:text><xsl:value-of select="count(w:tblGrid/w:gridCol)"/><xsl:text>&#10;</xsl:text>
    <xsl:for-each select="w:tr|w:sdt/w:sdtContent/w:tr|w:customXml/w:tr">
      <xsl:text>R&#9;</xsl:text><xsl:value-of select="w:trPr/w:gridBefore/@w:val"/><xsl:text>&#10;</xsl:text>
      <xsl:for-each select="w:tc|w:sdt/w:sdtContent/w:tc|w:customXml/w:tc">
        <xsl:text>C&#9;</xsl:text><xsl:value-of select="w:tcPr/w:gridSpan/@w:val"/><xsl:text>&#9;</xsl:text>
        <xsl:call-template name="merge"><xsl:with-param name="m" select="w:tcPr/w:vMerge"/></xsl:call-template>
        <xsl:text>&#9;</xsl:text>
        <xsl:call-template name="merge"><xsl:with-param name="m" select="w:tcPr/w:hMerge"/></xsl:call-template>
        <xsl:text>&#10;</xsl:text>
        <xsl:apply-templates select="w:p|w:tbl|w:sdt/w:sdtContent/w:p|w:sdt/w:sdtContent/w:tbl" mode="cell"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="w:p" mode="cell">
    <xsl:text>p&#9;</xsl:text><xsl:call-template name="text"/><xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="w:tbl" mode="cell">
    <xsl:for-each select=".//w:tr">
      <xsl:text>p&#9;</xsl:text>
      <xsl:for-each select="w:tc">
        <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:for-each select=".//w:t"><xsl:value-of select="translate(., '&#9;&#10;&#13;', '   ')"/></xsl:for-each>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
  <xsl:template name="text">
    <xsl:for-each select=".//w:t"><xsl:value-of select="translate(., '&#9;&#10;&#13;', '   ')"/></xsl:for-each>
  </xsl:template>
  <xsl:template name="merge">
    <xsl:param name="m"/>
    <xsl:choose>
      <xsl:when test="$m[@w:val='restart']">r</xsl:when>
      <xsl:when test="$m">c</xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="*"/>
</xsl:stylesheet>"""

_TRANSFORM = etree.XSLT(etree.XML(_STYLESHEET))


def restore_marks(text: str) -> str:
    return text.replace(TAB_MARK, "\t").replace(BREAK_MARK, "\n")


def flatten(root: etree._Element) -> str:
    """The document's records (see module docstring) as one string."""
    return str(_TRANSFORM(root))


def _int(text: str, default: int) -> int:
    try:
        return max(default, int(text)) if text else default
    except ValueError:
        return default


class GridLimits:
    """The grid budget of one document: spans clamped, oversized tables refused (ExtractError)."""

    def __init__(self) -> None:
        self.positions = 0

    @staticmethod
    def span(span: int, col: int, n_grid_cols: int) -> int:
        """A gridSpan/gridBefore clamped to the table's own w:tblGrid (when declared) and MAX_GRID_COLS."""
        width = min(n_grid_cols, MAX_GRID_COLS) if n_grid_cols > 0 else MAX_GRID_COLS
        return max(1, min(span, width - col))

    @staticmethod
    def check_row(row: list, n_rows: int) -> None:
        if len(row) > MAX_GRID_COLS:
            raise ExtractError(f"拒绝读取：表格一行超过 {MAX_GRID_COLS} 列（文件可能已损坏或被篡改）")
        if n_rows > MAX_TABLE_ROWS:
            raise ExtractError(f"拒绝读取：一个表格超过 {MAX_TABLE_ROWS} 行（文件可能已损坏或被篡改）")

    def add_table(self, n_rows: int, n_cols: int) -> None:
        self.positions += n_rows * n_cols
        if self.positions > MAX_DOCUMENT_CELLS:
            raise ExtractError(
                f"拒绝读取：文档表格单元格总数超过 {MAX_DOCUMENT_CELLS} 个（文件可能已损坏或被篡改）"
            )


def check_cell_text(text: str) -> str:
    if len(text) > MAX_CELL_CHARS:
        raise ExtractError(f"拒绝读取：一个单元格超过 {MAX_CELL_CHARS} 个字符（文件可能已损坏或被篡改）")
    return text


# A table as the readers collect it before its merges are resolved: rows of [gridBefore positions,
# cells], each cell [gridSpan, vMerge ("", "r" restart, "c" continue), hMerge (same), text lines].
CellRecord = list  # [int, str, str, list[str]]
RowRecord = list  # [int, list[CellRecord]]


def new_row(rows: list[RowRecord]) -> list[CellRecord]:
    """Start a row (no positions left empty yet) and return its list of cells."""
    cells: list[CellRecord] = []
    rows.append([0, cells])
    if len(rows) > MAX_TABLE_ROWS:
        GridLimits.check_row([], len(rows))
    return cells


def rows_to_table(index: int, n_grid_cols: int, rows: list[RowRecord], limits: GridLimits) -> Table:
    """Resolve gridSpan/vMerge/hMerge/gridBefore into a rectangular grid of shared Cell objects.

    One tight loop over every cell of the table (no call per cell: this runs for every cell Word
    holds); a continued cell's typed text, rare, is kept by appending it to the cell it continues."""
    width = min(n_grid_cols, MAX_GRID_COLS) if n_grid_cols > 0 else MAX_GRID_COLS
    grid: list[list[Cell | None]] = []
    distinct_rows: list[list[Cell]] = []  # each row's distinct cells, gathered as they are placed
    previous: list[Cell | None] = []
    for r, (before, cells) in enumerate(rows):
        row: list[Cell | None] = [None] * before if before else []
        distinct: list[Cell] = []
        for span, v_merge, h_merge, lines in cells:
            col = len(row)
            if span != 1:  # (a span of 1 is never clamped)
                span = max(1, min(span, width - col))
            text = (lines[0] if len(lines) == 1 else "\n".join(lines)) if lines else ""
            if len(text) > MAX_CELL_CHARS:
                check_cell_text(text)
            if v_merge == "c" and col < len(previous) and previous[col] is not None:
                cell = previous[col]
                if cell.row + cell.rowspan == r:
                    cell.rowspan += 1
                if not distinct or distinct[-1] is not cell:
                    distinct.append(cell)
            elif h_merge == "c" and row and row[-1] is not None:
                cell = row[-1]  # (the row's last distinct cell already)
                cell.colspan += span
            else:
                cell = Cell(text, r, col, 1, span)
                text = ""
                distinct.append(cell)
            if text and text.strip():  # rare: text typed into a continuation; keep it, not lose it
                cell.text = f"{cell.text}\n{text}" if cell.text else text
            if span == 1:
                row.append(cell)
            else:
                row.extend([cell] * span)
            if col >= MAX_GRID_COLS:  # (a clamped span never passes it alone)
                GridLimits.check_row(row, r + 1)
        if len(row) > MAX_GRID_COLS or r >= MAX_TABLE_ROWS:  # (the check's call only when it refuses)
            GridLimits.check_row(row, r + 1)
        grid.append(row)
        distinct_rows.append(distinct)
        previous = row
    n_cols = max([min(n_grid_cols, MAX_GRID_COLS)] + [len(row) for row in grid])
    limits.add_table(len(grid), n_cols)
    for row in grid:
        row.extend([None] * (n_cols - len(row)))
    return Table(index, grid, None, distinct_rows)


def records_to_blocks(records: str) -> list[Block]:
    """Rebuild paragraphs and grids (merged cells resolved) from the flattened records."""
    blocks: list[Block] = []
    limits = GridLimits()
    rows: list[RowRecord] | None = None  # the open table's
    cells: list[CellRecord] | None = None  # its open row's
    lines: list[str] = []  # its open cell's
    n_grid_cols = n_paragraphs = n_tables = 0
    for line in records.split("\n"):
        kind, _, rest = line.partition("\t")
        if kind == "p" and rows is not None:
            lines.append(restore_marks(rest))
        elif kind == "C" and rows is not None:
            span, v_merge, h_merge = (rest.split("\t") + ["", "", ""])[:3]
            lines = []
            if cells is None:
                cells = new_row(rows)
            cells.append([_int(span, 1), v_merge, h_merge, lines])
        elif kind == "R" and rows is not None:
            cells = new_row(rows)
            before = _int(rest, 0)
            rows[-1][0] = GridLimits.span(before, 0, n_grid_cols) if before else 0
        elif kind == "T":
            if rows is not None:
                blocks.append(rows_to_table(n_tables - 1, n_grid_cols, rows, limits))
            rows, cells, lines, n_grid_cols = [], None, [], _int(rest, 0)
            n_tables += 1
        elif kind == "P":
            if rows is not None:
                blocks.append(rows_to_table(n_tables - 1, n_grid_cols, rows, limits))
                rows = None
            blocks.append(Paragraph(index=n_paragraphs, text=restore_marks(rest)))
            n_paragraphs += 1
    if rows is not None:
        blocks.append(rows_to_table(n_tables - 1, n_grid_cols, rows, limits))
    return blocks
