"""How the discrepancy workbook is written: the sheets of `audit.sheets` as xlsx for Excel or WPS.

Everything taken from a document is data: every string goes through `write_string`, and the
workbook is opened with `strings_to_formulas`/`strings_to_urls` off, so text such as
``=HYPERLINK(...)`` or ``-1`` stays text. The file is written next to its target and moved into
place, so an interrupted run never leaves half a workbook behind.
"""

from __future__ import annotations

import itertools
import math
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from jixiao_audit.audit.result import RunResult
from jixiao_audit.audit.sheets import (
    INTEGER,
    MONEY,
    NUMBER,
    POINTS,
    SEVERITY,
    TEXT,
    YEAR,
    CellValue,
    Column,
    Entry,
    Sheet,
    build_sheets,
    is_number,
    text_of,
)

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
# The audit workbook is written row by row, so xlsxwriter may flush each row to disk instead of
# holding every cell until the end (a province's 评分复核 is millions of cells).
STREAMED_OPTIONS = {**WORKBOOK_OPTIONS, "constant_memory": True}

MAX_CELL_CHARS = 32767  # Excel's limit for one cell
EXCEL_MAX_ROWS = 1_048_576  # Excel's rows per sheet, header included
ROW_BUDGET = EXCEL_MAX_ROWS  # rows per written sheet; a sheet with more continues on 名称 (2), (3) …
MIN_WIDTH = 6
MAX_WIDTH = 40  # a wider text column wraps instead
WRAP_WIDTH = 60  # width of the wrapped free-text columns (说明, 原文, 依据)
FILE_WIDTH = 55
REASON_WIDTH = 80
LATIN_WRAP_UNITS = 1.1  # a Latin glyph's width in a wrapped cell, in character units
HEADER_HEIGHT = 32  # two lines: "收入合计" / "（万元）"
LINE_HEIGHT = 14.5  # points per line of 11-point text (CJK glyphs need more than Excel's 15 - padding)
ROW_PADDING = 4.5
MAX_ROW_HEIGHT = 409  # Excel's limit
PAPER_A4, PAPER_A3 = 9, 8
A4_LANDSCAPE_WIDTH = 160  # column units that still print legibly on A4 landscape
RIGHT_PAD = "_ "  # a blank the width of a space after right-aligned numbers, as Chinese Excel does
MONEY_UNIT = "（万元）"

HEADER_STYLE = {
    "bold": True,
    "bg_color": "#D9E1F2",
    "border": 1,
    "border_color": "#8EA9DB",
    "text_wrap": True,
    "align": "center",
    "valign": "vcenter",
}
BODY_STYLE = {"valign": "vcenter"}
SEVERITY_STYLES = {
    "错误": {"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True},
    "警告": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    "提示": {"bg_color": "#DDEBF7", "font_color": "#1F4E78"},
}
ROW_STYLES = {
    "highlight": {"bg_color": "#FCE4D6"},  # a 评分复核 row whose review differs
    "failed": {"font_color": "#9C0006"},  # a 报告汇总 row of an unreadable file
}

# Column kinds: how a value is written and formatted.
MIN_DECIMALS = {MONEY: 2, POINTS: 0, NUMBER: 0}
RIGHT_ALIGNED = {MONEY}
# ---------------------------------------------------------------- writing xlsx


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and full-width characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def decimals_of(value: Decimal | float) -> int:
    """How many decimal places a number really has (12.50 → 1, 3 → 0)."""
    if isinstance(value, int):
        return 0
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_format(kind: str, value: Decimal | float) -> str:
    """A format that never hides a digit: at least the column's decimals, more when present."""
    if kind in (YEAR, INTEGER):
        return "0"
    places = min(max(MIN_DECIMALS.get(kind, 0), decimals_of(value)), 10)
    pad = RIGHT_PAD if kind in RIGHT_ALIGNED else ""
    return "#,##0" + ("." + "0" * places if places else "") + pad


def shown_number(kind: str, value: Decimal | float) -> str:
    """Roughly how Excel shows `value` in a column of `kind` (for sizing the column)."""
    if kind in (YEAR, INTEGER):
        return str(int(value))
    places = min(max(MIN_DECIMALS.get(kind, 0), decimals_of(value)), 10)
    return f"{float(value):,.{places}f}" + (" " if kind in RIGHT_ALIGNED else "")


def header_width(column: Column) -> int:
    """The width that shows the header (plus filter button)."""
    return max(display_width(line) for line in column.header.split("\n")) + 3


def cell_width(column: Column, value: CellValue) -> int:
    """The width that shows the longest line of one cell (0 for a blank)."""
    if value is None:
        return 0
    text = shown_number(column.kind, value) if is_number(value) else text_of(value)
    return max((display_width(line) for line in text.split("\n")), default=0) + 2


def natural_width(column: Column, rows: Sequence[Sequence[CellValue]], index: int) -> int:
    """The width that shows the header (plus filter button) and the longest line of every cell."""
    return max([header_width(column), *(cell_width(column, row[index]) for row in rows)])


@dataclass
class _Layout:
    """Column widths, which columns wrap, and how tall each data row is; `n_rows` data rows."""

    widths: list[float]
    wraps: list[bool]
    n_rows: int = 0

    @classmethod
    def of(cls, sheet: Sheet) -> _Layout:
        """One pass over the sheet's rows (a streamed sheet is read once for this, once to write)."""
        natural = [header_width(column) for column in sheet.columns]
        n_rows = 0
        for row, _ in sheet.entries():
            n_rows += 1
            for c, column in enumerate(sheet.columns):
                natural[c] = max(natural[c], cell_width(column, row[c]))
        widths = [
            float(min(max(n, MIN_WIDTH), column.max_width)) for n, column in zip(natural, sheet.columns)
        ]
        wraps = [
            column.wrap or (column.kind == TEXT and n > column.max_width)
            for n, column in zip(natural, sheet.columns)
        ]
        return cls(widths, wraps, n_rows)

    def row_height(self, row: Sequence[CellValue]) -> float:
        lines = 1
        for value, width, wrap in zip(row, self.widths, self.wraps):
            if isinstance(value, str) and value:
                lines = max(lines, wrapped_lines(value, width) if wrap else value.count("\n") + 1)
        return min(lines * LINE_HEIGHT + ROW_PADDING, MAX_ROW_HEIGHT)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a wrapped cell `width` units wide.

    An estimate on the generous side (Latin glyphs a little wider, word breaks waste space), since
    a row a little too tall reads better than text cut off.
    """
    usable = max(width - 2, 1.0)
    return sum(max(1, math.ceil(_wrap_units(line) / usable)) for line in text.split("\n"))


def _wrap_units(text: str) -> float:
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in ("W", "F"))
    return 2 * wide + LATIN_WRAP_UNITS * (len(text) - wide)


class _Styles:
    """Format objects, created once per distinct look."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.workbook = workbook
        self.cache: dict[tuple, object] = {}
        self.header = workbook.add_format(HEADER_STYLE)

    def get(
        self, column: Column, wrap: bool, num_format: str | None, row_style: str | None, value: CellValue
    ):
        severity = value if column.kind == SEVERITY else None
        key = (column.alignment, wrap, num_format, row_style, severity)
        if key not in self.cache:
            props = dict(BODY_STYLE)
            if column.alignment:
                props["align"] = column.alignment
            if wrap:
                props["text_wrap"] = True
            if num_format:
                props["num_format"] = num_format
            props.update(ROW_STYLES.get(row_style, {}))
            props.update(SEVERITY_STYLES.get(severity, {}))
            self.cache[key] = self.workbook.add_format(props)
        return self.cache[key]


def write_cell(ws, row: int, col: int, column: Column, wrap: bool, value: CellValue, styles: _Styles,
               row_style: str | None) -> int | None:  # fmt: skip
    """Numbers as numbers, everything else strictly as text (never a formula or link); xlsxwriter's status."""
    if value is None or value == "":
        if row_style:
            return ws.write_blank(row, col, None, styles.get(column, wrap, None, row_style, None))
        return None
    if is_number(value):
        fmt = number_format(column.kind, value)
        return ws.write_number(row, col, float(value), styles.get(column, wrap, fmt, row_style, None))
    text = text_of(value)[:MAX_CELL_CHARS]
    return ws.write_string(row, col, text, styles.get(column, wrap, None, row_style, text))


def write_sheet(
    workbook: xlsxwriter.Workbook, sheet: Sheet, styles: _Styles, row_budget: int | None = None
) -> None:
    """One table: header row, frozen and filtered, then the data with explicit row heights.

    A table longer than the row budget continues on numbered sheets (评分复核 (2) …), each with its
    header, so no row is ever dropped (xlsxwriter silently refuses rows past Excel's limit).
    """
    layout = _Layout.of(sheet)  # one layout for every part, so the parts look alike
    entries = sheet.entries()
    for name, start, stop in sheet_parts(sheet.name, layout.n_rows, row_budget or ROW_BUDGET):
        _write_part(
            workbook, name, sheet, itertools.islice(entries, stop - start), stop - start, layout, styles
        )


def sheet_parts(name: str, n_rows: int, row_budget: int) -> list[tuple[str, int, int]]:
    """(sheet name, first row, end row) of each part of a table of `n_rows` data rows."""
    per_part = row_budget - 1  # the header takes a row of every part
    if per_part < 1:
        raise ValueError(f"row budget {row_budget} leaves no room for data")
    starts = range(0, max(n_rows, 1), per_part)
    return [
        (name if i == 0 else f"{name} ({i + 1})", start, min(start + per_part, n_rows))
        for i, start in enumerate(starts)
    ]


def _write_part(
    workbook: xlsxwriter.Workbook,
    name: str,
    sheet: Sheet,
    entries: Iterable[Entry],
    n_rows: int,
    layout: _Layout,
    styles: _Styles,
) -> None:
    ws = workbook.add_worksheet(name)
    for c, column in enumerate(sheet.columns):
        ws.set_column(c, c, layout.widths[c])
        ws.write_string(0, c, column.header, styles.header)
    ws.set_row(0, HEADER_HEIGHT)
    for r, (row, style) in enumerate(entries, start=1):
        _checked(ws.set_row(r, layout.row_height(row)), name, r)
        for c, column in enumerate(sheet.columns):
            _checked(write_cell(ws, r, c, column, layout.wraps[c], row[c], styles, style), name, r)
        forget_written_row(ws, r - 1)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(n_rows, 1), len(sheet.columns) - 1)
    ws.set_landscape()
    ws.set_paper(PAPER_A4 if sum(layout.widths) <= A4_LANDSCAPE_WIDTH else PAPER_A3)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def forget_written_row(ws, row: int) -> None:
    """In constant-memory mode xlsxwriter writes a row out once the next one starts, but keeps its
    height twice to the end: `row_info` (≈ 600 bytes a row) and `row_sizes` (≈ 150 bytes a row,
    read only to place images, charts and comments, which these sheets have none of). Both are
    dropped here, so a sheet of a million rows does not hold a million heights."""
    if getattr(ws, "constant_memory", False) and row < getattr(ws, "previous_row", 0):
        getattr(ws, "row_info", {}).pop(row, None)
        getattr(ws, "row_sizes", {}).pop(row, None)


def _checked(status: int | None, sheet_name: str, row: int) -> None:
    """xlsxwriter reports a refused write by a negative return value, not an exception."""
    if status is not None and status < 0:
        raise RuntimeError(f"xlsxwriter refused row {row + 1} of sheet {sheet_name!r} (status {status})")


def write_workbook(path: str | Path, run: RunResult, created: datetime | None = None) -> Path:
    """Write the run's sheets as one workbook, atomically, to `path`.

    `created` (UTC) is the workbook's recorded creation time; the CLI passes the newest input's
    mtime so identical inputs give a byte-identical workbook. None: the current time.
    """
    sheets = build_sheets(run)

    def fill(workbook: xlsxwriter.Workbook, styles: _Styles) -> None:
        for sheet in sheets:
            write_sheet(workbook, sheet, styles)

    return write_book(path, fill, created, STREAMED_OPTIONS)


def write_book(
    path: str | Path,
    fill: Callable[[xlsxwriter.Workbook, _Styles], object],
    created: datetime | None = None,
    options: dict = WORKBOOK_OPTIONS,
) -> Path:
    """An xlsx file written atomically: `fill(workbook, styles)` adds the sheets (in row order, when
    `options` asks for constant_memory); `created` dates it."""
    path = Path(path)

    def write(tmp: Path) -> None:
        workbook = xlsxwriter.Workbook(str(tmp), options)
        if created is not None:
            workbook.set_properties({"created": created})
        fill(workbook, _Styles(workbook))
        workbook.close()

    atomic_write(path, write)
    return path


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` for a temp file beside `path`, then move it into place.

    A target that exists but is no regular file (/dev/null, a pipe) is not replaced (that would
    swap the device for a file): the output is built in a private temp file and then copied into
    it, so a failure (ENOSPC on /dev/full) surfaces as one OSError here, never half-way through
    a library's own file handling. A symlink is followed, so the file it names is replaced.
    """
    if path.exists() and not path.is_file():
        _write_through_temp(path, write)
        return
    path = Path(os.path.realpath(path))
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_through_temp(path: Path, write: Callable[[Path], None]) -> None:
    with tempfile.TemporaryDirectory(prefix="jixiao-out-") as tmp:
        built = Path(tmp) / path.name
        write(built)
        with open(path, "wb") as target, open(built, "rb") as source:
            shutil.copyfileobj(source, target)


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual umask (mkstemp uses 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
