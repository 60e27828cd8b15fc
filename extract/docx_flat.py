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


def records_to_blocks(records: str) -> list[Block]:
    """Rebuild paragraphs and grids (merged cells resolved) from the flattened records."""
    blocks: list[Block] = []
    limits = GridLimits()
    table: GridBuilder | None = None
    n_paragraphs = n_tables = 0
    for line in records.split("\n"):
        kind, _, rest = line.partition("\t")
        if kind == "p" and table is not None:
            table.add_text(restore_marks(rest))
        elif kind == "C" and table is not None:
            span, v_merge, h_merge = (rest.split("\t") + ["", "", ""])[:3]
            table.add_cell(_int(span, 1), v_merge, h_merge)
        elif kind == "R" and table is not None:
            table.add_row(_int(rest, 0))
        elif kind == "T":
            if table is not None:
                blocks.append(table.finish())
            table = GridBuilder(n_tables, _int(rest, 0), limits)
            n_tables += 1
        elif kind == "P":
            if table is not None:
                blocks.append(table.finish())
                table = None
            blocks.append(Paragraph(index=n_paragraphs, text=restore_marks(rest)))
            n_paragraphs += 1
    if table is not None:
        blocks.append(table.finish())
    return blocks


class GridBuilder:
    """Accumulates one table's rows and resolves gridSpan/vMerge/hMerge as cells arrive."""

    def __init__(self, index: int, n_grid_cols: int, limits: GridLimits | None = None):
        self.index = index
        self.limits = limits or GridLimits()
        self.n_grid_cols = n_grid_cols
        self.grid: list[list[Cell | None]] = []
        self.row: list[Cell | None] | None = None
        self.cell: Cell | None = None
        self.lines: list[str] = []
        self.continuation = False  # the current cell continues one above; its text is appended

    def add_row(self, grid_before: int) -> None:
        self._close_cell()
        self.row = [None] * (GridLimits.span(grid_before, 0, self.n_grid_cols) if grid_before else 0)
        self.grid.append(self.row)
        GridLimits.check_row(self.row, len(self.grid))

    def add_cell(self, span: int, v_merge: str, h_merge: str) -> None:
        self._close_cell()
        if self.row is None:
            self.add_row(0)
        row, r = self.row, len(self.grid) - 1
        col = len(row)
        span = GridLimits.span(span, col, self.n_grid_cols)
        above = None
        if v_merge == "c" and r > 0:  # (looked up only for a continuation: most cells are not)
            previous = self.grid[r - 1]
            above = previous[col] if col < len(previous) else None
        if above is not None:
            cell = above
            if cell.row + cell.rowspan == r:
                cell.rowspan += 1
            self.continuation = True
        elif h_merge == "c" and row and row[-1] is not None:
            cell = row[-1]
            cell.colspan += span
            self.continuation = True
        else:
            cell = Cell(text="", row=r, col=col, colspan=span)
            self.continuation = False
        row.extend([cell] * span)
        if len(row) > MAX_GRID_COLS:  # (check_row's other limit was checked when the row began)
            GridLimits.check_row(row, len(self.grid))
        self.cell = cell

    def add_text(self, text: str) -> None:
        self.lines.append(text)

    def _close_cell(self) -> None:
        if self.cell is None:
            return
        lines = self.lines
        text = check_cell_text(lines[0] if len(lines) == 1 else "\n".join(lines))
        if not self.continuation:
            self.cell.text = text
        elif text.strip():  # rare: text typed into a continuation; keep it, not lose it
            self.cell.text = f"{self.cell.text}\n{text}" if self.cell.text else text
        self.cell, self.lines = None, []

    def finish(self) -> Table:
        self._close_cell()
        n_cols = max([min(self.n_grid_cols, MAX_GRID_COLS)] + [len(r) for r in self.grid])
        self.limits.add_table(len(self.grid), n_cols)
        for row in self.grid:
            row.extend([None] * (n_cols - len(row)))
        return Table(index=self.index, grid=self.grid)
