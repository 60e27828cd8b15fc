"""Spreadsheet reader (.xlsx/.xlsm; .xls/.et/.ods through LibreOffice): sheets as grids and title lines.

Each visible sheet's used range (the cells holding text) is cut into runs of rows: a title row (a
line without borders above, between or below the ruled form: 项目支出绩效自评表, （2022年度）,
填报单位：… 单位：万元, 填表人：…) becomes a `Paragraph`, a run of ruled rows a `Table`, so several sheets
are several tables in order, as the same form pasted into Word would be. In a sheet without any
borders only the rows above and below the form can be titles, and they must hold one text.
Merged ranges resolve as the Word reader resolves merged cells: every grid position of the range
points at one `Cell` whose `row`/`col` is its top-left origin, and a position left empty is a
`Cell("")`. Every cell and paragraph keeps where it stands (`ref`, 自评表!C7) for the findings.

Text is what a reviewer sees: numbers through their number format (0.985 under 0.0% is "98.5%",
a float 5075.499999999 under General is "5075.5", #,##0.00 keeps its thousands separators), dates
through theirs, formulas by the value Excel or WPS saved with them (formulas are never evaluated).
A formula saved without its value reads as blank and the document's `notes` say so.

What a reviewer does not see is left out and noted: hidden sheets (drop-down lists, helper
tables), hidden rows and hidden columns. The zip and its XML are refused on the Word reader's
limits (zip and entity bombs), and grids on its `GridLimits`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from jixiao_audit.extract.docx_flat import MAX_GRID_COLS, MAX_TABLE_ROWS, GridLimits, check_cell_text
from jixiao_audit.extract.docx_reader import (
    MAX_DOCUMENT_XML_BYTES,
    OLE_MAGIC,
    check_zip_sizes,
    read_member,
    refuse_declarations,
    zip_errors,
)
from jixiao_audit.extract.raw import Cell, ExtractError, Paragraph, RawDocument, Table, distinct_cells

SIGNIFICANT_DIGITS = 15  # what Excel keeps of a double: 5075.499999999999 is shown 5075.5
# How the texts of one line are joined (填报单位：… 单位：万元): Word forms space them apart.
TITLE_JOIN = "    "
NOTED_LINES = 20  # hidden rows or columns (or formula cells) named in a note before "等"
NOTED_FORMULAS = 3  # formulas without a saved value noted one by one; more get one note
EXCEL_MAX_COLUMN = 16_384  # XFD: a hidden column range may run to the sheet's end
KIND, SUFFIX = "Excel", ".xlsx"
# The workbooks this tool writes (audit.sheets: 问题清单 and 报告汇总; audit.compare_workbook: 部门对照):
# found among the reports, they are not reports.
OWN_WORKBOOK_SHEETS = ({"问题清单", "报告汇总"}, {"部门对照"})
OWN_OUTPUT = "本工具生成的审核结果工作簿（问题清单、报告汇总 或 部门对照），不是自评报告"
MAX_WORKBOOK_PART_BYTES = 1024 * 1024  # xl/workbook.xml lists the sheets: a few KB
SHEET_NAME = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"")
SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml$")
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")  # <f>, <f t="shared" …/>, <x:f>
XML_PARTS = (".xml", ".rels", ".vml")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# An .xlsx saved with a password to open is a compound file holding this stream (MS-OFFCRYPTO).
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ENCRYPTED = "Excel 文件设置了打开密码（已加密），无法读取；请提供未加密的文件"


def read_xlsx(path: str | Path) -> RawDocument:
    """Read a spreadsheet into tables and paragraphs; raises ExtractError with a one-line reason."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC or needs_conversion(path):  # BIFF .xls/.et (any name), OpenDocument .ods
        return read_converted_sheet(path)
    has_formulas = check_parts(path)
    if is_own_workbook(path):
        raise ExtractError(OWN_OUTPUT)
    values = load(path)
    formulas = formula_cells(path) if has_formulas else {}
    fmt = path.suffix.lower().lstrip(".")
    doc = RawDocument(file=str(path), format=fmt if fmt == "xlsm" else "xlsx")  # a zip named .xls is one
    limits = GridLimits()
    for ws in values.worksheets:
        if ws.sheet_state != "visible":
            doc.notes.append(f"隐藏的工作表“{ws.title}”未读取")
            continue
        add_sheet(doc, ws, formulas.get(ws.title, {}), limits)
    return doc


def is_own_workbook(path: Path) -> bool:
    """Whether the file is a workbook this tool wrote, by the names of its sheets (xl/workbook.xml
    read on its own, bounded; anything unreadable is not ours and is left to the reader)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > MAX_WORKBOOK_PART_BYTES:
                return False
            names = {html.unescape(m.decode("utf-8", "replace")) for m in SHEET_NAME.findall(zf.read(info))}
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError, zlib.error):
        return False
    return any(sheets <= names for sheets in OWN_WORKBOOK_SHEETS)


def needs_conversion(path: Path) -> bool:
    """A zip that is an OpenDocument spreadsheet (.ods, or one saved under another name)."""
    if path.suffix.lower() == ".ods":
        return True
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names or "mimetype" not in names:
                return False
            return zf.read("mimetype")[: len(ODS_MIMETYPE)] == ODS_MIMETYPE
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        return False  # check_parts gives the reason


def read_converted_sheet(path: Path) -> RawDocument:
    """.xls/.et/.ods: converted to .xlsx by LibreOffice (legacy.py's converter and timeout), then read."""
    from jixiao_audit.extract.legacy import MISSING_SOFFICE_SHEET, read_converted

    with open(path, "rb") as fh:
        data = fh.read(MAX_DOCUMENT_XML_BYTES)
    ole = data[:8] == OLE_MAGIC
    if ole and ENCRYPTED_PACKAGE in data:  # LibreOffice would stop at the password it cannot ask for
        raise ExtractError(ENCRYPTED)
    fmt = path.suffix.lower().lstrip(".") or "xls"
    # An OLE workbook is copied as .xls whatever its name (.et from WPS): LibreOffice's Excel filter.
    return read_converted(path, fmt, "xls" if ole else fmt, "xlsx", read_xlsx, MISSING_SOFFICE_SHEET)


def check_parts(path: Path) -> bool:
    """Refuse zip bombs and DTD/entity declarations in any XML part; True when a sheet has formulas."""
    has_formulas = False
    with zip_errors(path, KIND, SUFFIX), zipfile.ZipFile(path) as zf:
        check_zip_sizes(zf)
        names = {info.filename for info in zf.infolist()}
        if "xl/workbook.xml" not in names:
            raise ExtractError("不是 Excel 工作簿：压缩包中没有 xl/workbook.xml")
        for info in zf.infolist():
            if not info.filename.lower().endswith(XML_PARTS):
                continue
            data = read_member(zf, info)
            if len(data) > MAX_DOCUMENT_XML_BYTES:
                raise ExtractError(f"拒绝读取：{info.filename} 解压后超过大小上限（疑似压缩炸弹）")
            xml = refuse_declarations(data, KIND)
            if SHEET_PART.match(info.filename) and FORMULA_ELEMENT.search(xml):
                has_formulas = True
    return has_formulas


@contextmanager
def openpyxl_errors(path: Path) -> Iterator[None]:
    """What openpyxl raises on a damaged workbook, as one line (zip damage as the Word reader says it)."""
    with zip_errors(path, KIND, SUFFIX), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Data Validation extension is not supported" and the like
        try:
            yield
        except (ExtractError, zipfile.BadZipFile, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 -- openpyxl raises KeyError, ValueError, TypeError … on bad parts
            raise ExtractError(f"Excel 文件内容损坏，无法读取工作簿（{type(exc).__name__}）") from None


def load(path: Path):
    """The workbook with each formula's saved value (formulas are never evaluated)."""
    import openpyxl

    # Opened as a file, not a name: openpyxl refuses a name ending .xls/.et, and a zip workbook saved
    # under such a name (common) is still an .xlsx.
    with openpyxl_errors(path), open(path, "rb") as fh:
        return openpyxl.load_workbook(fh, data_only=True, rich_text=False)


Formulas = dict[tuple[int, int], str]  # a sheet's formula text by (row, col)


def formula_cells(path: Path) -> dict[str, Formulas]:
    """Each sheet's formulas, streamed (read-only: no styles or merges to build a second time)."""
    import openpyxl

    with openpyxl_errors(path), open(path, "rb") as fh:
        book = openpyxl.load_workbook(fh, read_only=True, data_only=False)
        try:
            return {
                ws.title: {
                    (cell.row, cell.column): str(getattr(cell.value, "text", cell.value))
                    for row in ws.iter_rows()
                    for cell in row
                    if getattr(cell, "data_type", None) == "f"
                }
                for ws in book.worksheets
            }
        finally:
            book.close()


# ---------------------------------------------------------------------------------- one sheet


def add_sheet(doc: RawDocument, ws, formulas: Formulas, limits: GridLimits) -> None:
    """The sheet's title lines and form tables appended to `doc` in order."""
    texts, uncached = cell_texts(ws, formulas)
    note_uncached(doc.notes, ws.title, uncached)
    regions = merged_regions(ws)
    hidden_rows, hidden_cols = hidden_lines(ws)
    occupied = occupied_positions(texts, regions)
    if not occupied:
        return
    rows = visible(range(min(r for r, _ in occupied), max(r for r, _ in occupied) + 1), hidden_rows)
    cols = visible(range(min(c for _, c in occupied), max(c for _, c in occupied) + 1), hidden_cols)
    note_hidden(doc.notes, ws.title, {r for r, _ in texts} & hidden_rows, "行", str)
    note_hidden(doc.notes, ws.title, {c for _, c in texts} & hidden_cols, "列", column_letter)
    if len(rows) > MAX_TABLE_ROWS or len(cols) > MAX_GRID_COLS:
        GridLimits.check_row([None] * len(cols), len(rows))
    sheet = sheet_name(ws.title)
    grid = position_cells(texts, regions, rows, cols, sheet)
    bordered = bordered_rows(ws, rows, cols)
    kinds = row_kinds(grid, bordered, any(bordered))
    n_paragraphs, n_tables = len(doc.paragraphs), len(doc.tables)
    for start, stop, kind in runs(kinds):
        if kind == "title":
            for i in range(start, stop):
                paragraph = title_paragraph(grid[i], n_paragraphs, grid[i - 1] if i > start else None)
                if paragraph is not None:
                    doc.blocks.append(paragraph)
                    n_paragraphs += 1
        elif kind == "table":
            table = grid_table(grid[start:stop], n_tables, sheet, rows[start:stop], cols)
            if table is not None:
                limits.add_table(table.n_rows, table.n_cols)
                doc.blocks.append(table)
                n_tables += 1


def cell_texts(ws, formulas: Formulas) -> tuple[dict[tuple[int, int], str], list[tuple[int, int, str]]]:
    """Each non-empty cell's displayed text by (row, col), 1-based as openpyxl counts, and the
    formulas saved without a value (row, col, formula)."""
    texts: dict[tuple[int, int], str] = {}
    uncached: list[tuple[int, int, str]] = []
    for (r, c), cell in ws._cells.items():  # only the cells the file holds (iter_rows fills gaps)
        value = cell.value
        if value is None:
            if (r, c) in formulas:
                uncached.append((r, c, formulas[(r, c)]))
            continue
        text = check_cell_text(display_text(value, cell.number_format))
        if text.strip():
            texts[(r, c)] = text
    return texts, uncached


def note_uncached(notes: list[str], title: str, uncached: list[tuple[int, int, str]]) -> None:
    """Formulas saved without their value (a file written by a program that does not compute):
    read blank, never as the formula's text; one note each, or one for many."""
    sheet = sheet_name(title)
    if len(uncached) <= NOTED_FORMULAS:
        for r, c, formula in uncached:
            notes.append(
                f"{sheet}!{column_letter(c)}{r} 是公式（{formula}），文件未保存其计算结果，按空白读取"
            )
        return
    named = "、".join(f"{column_letter(c)}{r}" for r, c, _ in sorted(uncached)[:NOTED_LINES])
    more = "等" if len(uncached) > NOTED_LINES else ""
    notes.append(
        f"工作表“{title}”的 {len(uncached)} 个公式单元格（{named}{more}）文件未保存计算结果，按空白读取"
    )


Region = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based, inclusive)


def merged_regions(ws) -> list[Region]:
    return [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]


def occupied_positions(texts: dict, regions: list[Region]) -> set[tuple[int, int]]:
    """Positions holding text, a merged range's whole area counted when its origin holds text."""
    occupied = set(texts)
    for r0, c0, r1, c1 in regions:
        if (r0, c0) in texts:
            occupied.add((r1, c1))  # the far corner is enough for the used range's bounds
    return occupied


def hidden_lines(ws) -> tuple[set[int], set[int]]:
    """Hidden rows and hidden columns (a column dimension may cover several columns)."""
    rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    cols: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            cols.update(range(dim.min, min(dim.max, EXCEL_MAX_COLUMN) + 1))
    return rows, cols


def visible(span: range, hidden: set[int]) -> list[int]:
    return [i for i in span if i not in hidden] if hidden else list(span)


def note_hidden(notes: list[str], title: str, hidden: set[int], what: str, name) -> None:
    """A note naming the hidden rows or columns that hold text (they are not read)."""
    if hidden:
        named = "、".join(name(i) for i in sorted(hidden)[:NOTED_LINES])
        notes.append(f"工作表“{title}”的隐藏{what} {named}{'等' if len(hidden) > NOTED_LINES else ''} 未读取")


def column_letter(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c)


SAFE_SHEET_NAME = re.compile(r"^[^\W\d]\w*$")


def sheet_name(title: str) -> str:
    """The sheet as a formula names it: 自评表, '评分表 (2)' quoted when it needs quotes."""
    return title if SAFE_SHEET_NAME.match(title) else "'" + title.replace("'", "''") + "'"


def position_cells(
    texts: dict, regions: list[Region], rows: list[int], cols: list[int], sheet: str
) -> list[list[Cell | None]]:
    """The visible rows × columns: one shared Cell per merged range, None where nothing stands."""
    row_at = {r: i for i, r in enumerate(rows)}
    col_at = {c: j for j, c in enumerate(cols)}
    grid: list[list[Cell | None]] = [[None] * len(cols) for _ in rows]
    for r0, c0, r1, c1 in regions:
        cell = None
        for r in range(max(r0, rows[0]), min(r1, rows[-1]) + 1):  # a hostile A1:XFD1048576 stays small
            i = row_at.get(r)
            if i is None:
                continue
            for c in range(max(c0, cols[0]), min(c1, cols[-1]) + 1):
                j = col_at.get(c)
                if j is not None:
                    if cell is None:
                        cell = Cell(texts.get((r0, c0), ""), i, j, ref=f"{sheet}!{column_letter(c0)}{r0}")
                    grid[i][j] = cell
    for (r, c), text in texts.items():
        i, j = row_at.get(r), col_at.get(c)
        if i is not None and j is not None and grid[i][j] is None:
            grid[i][j] = Cell(text, i, j, ref=f"{sheet}!{column_letter(c)}{r}")
    return grid


def bordered_rows(ws, rows: list[int], cols: list[int]) -> list[bool]:
    """Whether each visible row has a ruled cell (a border on any side) within the used columns."""
    wanted = set(cols)
    ruled = set()
    for (r, c), cell in ws._cells.items():
        if r not in ruled and c in wanted and cell.has_style and has_border(cell.border):
            ruled.add(r)
    return [r in ruled for r in rows]


def has_border(border) -> bool:
    return any(
        side is not None and side.style for side in (border.left, border.right, border.top, border.bottom)
    )


def distinct_texts(row: list[Cell | None]) -> list[Cell]:
    """The distinct cells of a grid row that hold text."""
    return [cell for cell in distinct_cells(row) if cell.text.strip()]


def row_kinds(grid: list[list[Cell | None]], bordered: list[bool], ruled_sheet: bool) -> list[str]:
    """Each row: "title" (a line of the heading or sign-off), "table" (a form row) or "gap"."""
    kinds = []
    for row, ruled in zip(grid, bordered, strict=True):
        n = len(distinct_texts(row))
        if n == 0:
            kinds.append("table" if ruled else "gap")
        elif ruled_sheet:  # outside the rules: a heading or sign-off line (填表人： 联系电话： 填报日期：)
            kinds.append("table" if ruled else "title")
        else:
            kinds.append("title" if n == 1 else "table")
    if not ruled_sheet:  # without borders, a one-text row inside the form is one of its rows
        first = next((i for i, k in enumerate(kinds) if k == "table"), len(kinds))
        last = max((i for i, k in enumerate(kinds) if k == "table"), default=-1)
        kinds = [("table" if k != "gap" else k) if first < i < last else k for i, k in enumerate(kinds)]
    return kinds


def runs(kinds: list[str]):
    """(start, stop, kind) of each run of equal kinds."""
    start = 0
    for i in range(1, len(kinds) + 1):
        if i == len(kinds) or kinds[i] != kinds[start]:
            yield start, i, kinds[start]
            start = i


def title_paragraph(row: list[Cell | None], index: int, above: list[Cell | None] | None) -> Paragraph | None:
    """A title line's texts as one paragraph; None for the lower rows of a title merged over
    several rows (its text is the line above's)."""
    cells = distinct_texts(row)
    if above is not None and all(any(c is a for a in above) for c in cells):
        return None
    return Paragraph(index=index, text=TITLE_JOIN.join(c.text.strip() for c in cells), ref=cells[0].ref)


def grid_table(
    rows: list[list[Cell | None]], index: int, sheet: str, row_numbers, col_numbers
) -> Table | None:
    """A run of form rows as a Table: empty edge columns cut, gaps filled with empty cells (each
    with its own sheet reference), each cell's origin and spans counted in this table's own grid.
    `row_numbers`/`col_numbers` are the sheet's numbers of the run's rows and the grid's columns."""
    used = [j for j in range(len(rows[0])) if any(row[j] is not None for row in rows)]
    if not used:
        return None
    j0, j1 = used[0], used[-1] + 1
    grid: list[list[Cell | None]] = []
    seen: dict[int, Cell] = {}
    for i, source_row in enumerate(rows):
        row: list[Cell | None] = []
        for j, cell in enumerate(source_row[j0:j1]):
            if cell is None:
                cell = Cell("", i, j, ref=f"{sheet}!{column_letter(col_numbers[j0 + j])}{row_numbers[i]}")
            elif id(cell) not in seen:
                seen[id(cell)] = cell
                cell.row, cell.col, cell.rowspan, cell.colspan = i, j, 1, 1
            else:
                if cell.row == i:
                    cell.colspan = j - cell.col + 1
                else:
                    cell.rowspan = i - cell.row + 1
            row.append(cell)
        grid.append(row)
    return Table(index=index, grid=grid)


# ---------------------------------------------------------------------------------- displayed text


def display_text(value, number_format: str | None) -> str:
    """A cell's value as Excel shows it under its number format."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return date_text(value, number_format or "")
    if isinstance(value, int | float):
        return number_text(value, number_format or "General")
    return str(value)  # a time or a duration


def format_sections(number_format: str) -> list[str]:
    """The ;-separated sections of a number format, quotes respected."""
    sections, current, quoted = [], [], False
    for ch in number_format:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
    sections.append("".join(current))
    return sections


PLACEHOLDERS = "#0?,."


def format_pieces(section: str) -> list[tuple[str, str]]:
    """A format section as ("lit", text) and ("num", placeholder) pieces; padding, fills, colours dropped."""
    pieces: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            pieces.append(("lit", section[i + 1 : end]))
            i = end + 1
        elif ch == "\\":
            pieces.append(("lit", section[i + 1 : i + 2]))
            i += 2
        elif ch in "_*":
            i += 2
        elif ch == "[":
            end = section.find("]", i)
            i = len(section) if end < 0 else end + 1
        else:
            pieces.append(("num" if ch in PLACEHOLDERS else "lit", ch))
            i += 1
    return pieces


def number_text(value: float, number_format: str) -> str:
    """A number under its format: General, fixed decimals, thousands, percent, literal text."""
    sections = format_sections(number_format)
    section, sign = sections[0], "-" if value < 0 else ""
    if value < 0 and len(sections) > 1:  # the negative section prints its own sign, if any
        section, sign = sections[1], ""
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    pieces = format_pieces(section)
    digits = [k for k, (kind, text) in enumerate(pieces) if kind == "num" and text in "#0?"]
    general = section.strip().lower() in ("general", "", "@") or "e+" in section.lower()
    if general or not digits:
        if not general:  # a section of text only: the "-" an accounting format shows for zero
            return "".join(text for _, text in pieces).strip()
        return sign + general_text(abs(value))
    first, last = digits[0], digits[-1]
    if last + 1 < len(pieces) and pieces[last + 1] == ("num", "."):
        last += 1  # "0." shows the point
    placeholder = "".join(text for _, text in pieces[first : last + 1])
    whole, _, decimals = placeholder.partition(".")
    percent = any(piece == ("lit", "%") for piece in pieces)
    number = exact(abs(value)) * (100 if percent else 1)
    shown = fixed_text(number, whole, decimals)
    prefix = "".join(text for _, text in pieces[:first])
    suffix = "".join(text for _, text in pieces[last + 1 :])
    if sign and not shown.strip("0.,"):
        sign = ""  # -0.001 under 0.00 shows 0.00
    return (sign + prefix + shown + suffix).strip()


def exact(value: float) -> Decimal:
    """A stored number as the decimal Excel means: a double's noise past 15 digits dropped."""
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(f"{value:.{SIGNIFICANT_DIGITS}g}")


def general_text(value: float) -> str:
    number = exact(value)
    if number == number.to_integral_value():
        return f"{number.to_integral_value():f}"
    return f"{number.normalize():f}"


def fixed_text(number: Decimal, whole: str, decimals: str) -> str:
    """`number` under the placeholders of its whole part (#,##0) and decimals (00, ##): a 0 is
    always shown, # and ? only when the digit is not a leading or trailing zero."""
    most, least, thousands = len(decimals), decimals.count("0"), "," in whole
    try:
        rounded = number.quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return general_text(float(number))
    text = f"{rounded:,.{most}f}" if thousands else f"{rounded:.{most}f}"
    if "0" not in whole and text.startswith("0"):
        text = text[1:]  # "#" and "?" show no leading zero: .50, and nothing at all for 0 under "??"
    if most > least:
        whole, _, frac = text.partition(".")
        frac = frac[:least] + frac[least:].rstrip("0")
        text = f"{whole}.{frac}" if frac else whole
    return text


DATE_TOKEN = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s", re.IGNORECASE)
# Format 14 is the system's short date: what a Chinese Excel shows for it.
LOCALE_DATE_FORMATS = {"mm-dd-yy": "yyyy/m/d", "m/d/yyyy": "yyyy/m/d", "m/d/yy": "yyyy/m/d"}


def date_text(value: dt.date, number_format: str) -> str:
    """A date under its format (yyyy"年"m"月"d"日", yyyy/m/d …); times of day only when the format shows them."""
    section = format_sections(number_format)[0]
    section = LOCALE_DATE_FORMATS.get(section.lower(), section)
    tokens = list(date_pieces(section))
    if not any(kind == "token" for kind, _ in tokens):
        return value.isoformat()
    out: list[str] = []
    for k, (kind, text) in enumerate(tokens):
        if kind == "literal":
            out.append(text)
            continue
        out.append(date_token(value, text.lower(), tokens, k))
    return "".join(out).strip()


def date_pieces(section: str) -> list[tuple[str, str]]:
    """The format as ("literal", text) and ("token", yyyy/m/d…) pieces."""
    pieces: list[tuple[str, str]] = []
    run = ""
    for _, text in format_pieces(section):
        if len(text) == 1:
            run += text
        else:  # a quoted string: literal whatever it holds
            pieces += date_tokens(run) + [("literal", text)]
            run = ""
    return pieces + date_tokens(run)


def date_tokens(run: str) -> list[tuple[str, str]]:
    pieces, pos = [], 0
    for m in DATE_TOKEN.finditer(run):
        if m.start() > pos:
            pieces.append(("literal", run[pos : m.start()]))
        pieces.append(("token", m.group(0)))
        pos = m.end()
    return pieces + ([("literal", run[pos:])] if pos < len(run) else [])


def date_token(value: dt.date, token: str, tokens: list, k: int) -> str:
    near = [t.lower() for kind, t in tokens[max(0, k - 2) : k + 3] if kind == "token"]
    minutes = token in ("m", "mm") and any(t.startswith(("h", "s")) for t in near)
    hour, minute, second = (
        (value.hour, value.minute, value.second) if isinstance(value, dt.datetime) else (0, 0, 0)
    )
    table = {
        "yyyy": f"{value.year:04d}",
        "yy": f"{value.year % 100:02d}",
        "mmmm": value.strftime("%B"),
        "mmm": value.strftime("%b"),
        "mm": f"{minute:02d}" if minutes else f"{value.month:02d}",
        "m": str(minute) if minutes else str(value.month),
        "dddd": value.strftime("%A"),
        "ddd": value.strftime("%a"),
        "dd": f"{value.day:02d}",
        "d": str(value.day),
        "hh": f"{hour:02d}",
        "h": str(hour),
        "ss": f"{second:02d}",
        "s": str(second),
    }
    return table[token]
