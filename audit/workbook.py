"""The discrepancy workbook a reviewer opens in Excel or WPS: five Chinese sheets.

Everything taken from a document is data: every string goes through `write_string`, and the
workbook is opened with `strings_to_formulas`/`strings_to_urls` off, so text such as
``=HYPERLINK(...)`` or ``-1`` stays text. The file is written next to its target and moved into
place, so an interrupted run never leaves half a workbook behind.

The sheets are first built as plain tables (`Sheet`), which `audit.export` reuses for CSV.
"""

from __future__ import annotations

import math
import os
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter
from jixiao_audit.audit.finding import SEVERITY_ORDER, SEVERITY_ZH, AuditOutcome, Finding, ScoreReview
from jixiao_audit.audit.ocr_confidence import ocr_note
from jixiao_audit.normalize.model import Report, ScoreItem

if TYPE_CHECKING:  # only for annotations: audit/ stays free of the readers
    from jixiao_audit.pipeline import FileResult

SHEET_FINDINGS = "问题清单"
SHEET_SUMMARY = "报告汇总"
SHEET_SCORES = "评分复核"
SHEET_FIGURES = "提取数据"
SHEET_FAILURES = "读取失败"

KIND_ZH = {"department": "部门整体", "project": "项目"}
STATUS_OK_ZH = "已读取"
STATUS_ERROR_ZH = "读取失败"

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

MAX_CELL_CHARS = 32767  # Excel's limit for one cell
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
TEXT, MONEY, POINTS, NUMBER, INTEGER, YEAR, SEVERITY = (
    "text",
    "money",
    "points",
    "number",
    "integer",
    "year",
    "severity",
)
MIN_DECIMALS = {MONEY: 2, POINTS: 0, NUMBER: 0}
RIGHT_ALIGNED = {MONEY}
CENTER = "center"
CENTERED_KINDS = {POINTS, NUMBER, INTEGER, YEAR, SEVERITY}  # short figures between text columns

CellValue = str | int | float | Decimal | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    wrap: bool = False
    max_width: int = MAX_WIDTH
    align: str | None = None

    @property
    def alignment(self) -> str | None:
        return self.align or (CENTER if self.kind in CENTERED_KINDS else None)


def file_column() -> Column:
    """文件: the reviewer's key to every row, allowed wider than other text."""
    return Column("文件", max_width=FILE_WIDTH)


def money(name: str) -> Column:
    """A 万元 column; the unit goes on the header's second line."""
    return Column(f"{name}\n{MONEY_UNIT}", MONEY)


@dataclass
class Sheet:
    """One sheet as a plain table; `styles[i]` names an extra style for row i (or None)."""

    name: str
    columns: list[Column]
    rows: list[list[CellValue]] = field(default_factory=list)
    styles: list[str | None] = field(default_factory=list)

    def add(self, row: Sequence[CellValue], style: str | None = None) -> None:
        self.rows.append(list(row))
        self.styles.append(style)


# ---------------------------------------------------------------- building the tables


def kind_zh(kind: str | None) -> str | None:
    return KIND_ZH.get(kind, kind) if kind else None


def score_item_label(item: ScoreItem) -> str:
    """指标 as the reviewer reads it: 一级 / 二级 / 三级."""
    return " / ".join(p for p in (item.level1, item.level2, item.level3) if p)


def _joined(values: Iterable[object]) -> str | int | None:
    """One value when all agree, else the distinct values joined with 、."""
    distinct = list(dict.fromkeys(v for v in values if v not in (None, "")))
    if not distinct:
        return None
    if len(distinct) == 1:
        return distinct[0]  # type: ignore[return-value]
    return "、".join(str(v) for v in distinct)


def _reports_by_file(results: Sequence[FileResult]) -> dict[str, list[Report]]:
    by_file: dict[str, list[Report]] = defaultdict(list)
    for result in results:
        by_file[result.file].extend(result.reports)
    return by_file


ReportKey = tuple[str, str | None, str | None, str | None]  # file, kind, department, project


def report_key(report: Report) -> ReportKey:
    return (
        report.file,
        report.kind,
        report.department,
        report.project_name if report.kind == "project" else None,
    )


def _severity_counts(
    results: Sequence[FileResult], findings: Iterable[Finding]
) -> dict[ReportKey, dict[str, int]]:
    """Finding counts per report; a finding that names no report counts for its file's first one."""
    first: dict[str, ReportKey] = {}
    for result in results:
        first[result.file] = (
            report_key(result.reports[0]) if result.reports else (result.file, None, None, None)
        )
    counts: dict[ReportKey, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SEVERITY_ORDER, 0))
    for f in findings:
        key = (
            (f.file, f.kind, f.department, f.project)
            if f.kind
            else first.get(f.file, (f.file, None, None, None))
        )
        counts[key][f.severity] += 1
    return counts


FINDING_COLUMNS = [
    file_column(),
    Column("单位"),
    Column("年度", YEAR),
    Column("报告类型", align=CENTER),
    Column("项目名称"),
    Column("规则", align=CENTER),
    Column("严重程度", SEVERITY),
    Column("说明", wrap=True, max_width=WRAP_WIDTH),
    Column("期望值", NUMBER),
    Column("实际值", NUMBER),
    Column("差额", NUMBER),
    Column("位置"),
    Column("原文", wrap=True, max_width=WRAP_WIDTH),
    Column("关联文件"),
]


EVIDENCE_MAX_CHARS = 300  # a whole narrative cell would make the row a page tall


def evidence_text(text: str | None) -> str | None:
    """原文 as shown: the form's blank padding lines dropped, long passages cut with …"""
    if not text:
        return text
    shown = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return shown if len(shown) <= EVIDENCE_MAX_CHARS else shown[: EVIDENCE_MAX_CHARS - 1] + "…"


def findings_sheet(results: Sequence[FileResult], findings: Sequence[Finding]) -> Sheet:
    """问题清单: one row per finding, by file then severity."""
    sheet = Sheet(SHEET_FINDINGS, FINDING_COLUMNS)
    by_file = _reports_by_file(results)
    for f in sorted(findings, key=Finding.sort_key):
        reports = by_file.get(f.file, [])
        sheet.add(
            [
                f.file,
                f.department if f.kind else _joined(r.department for r in reports),
                f.year if f.kind else _joined(r.year for r in reports),
                kind_zh(f.kind) if f.kind else _joined(kind_zh(r.kind) for r in reports),
                f.project if f.kind else _joined(r.project_name for r in reports),
                f.rule,
                SEVERITY_ZH[f.severity],
                f.message,
                f.expected,
                f.actual,
                f.difference,
                f.location,
                evidence_text(f.evidence),
                f.related_file,
            ]
        )
    return sheet


SUMMARY_COLUMNS = [
    file_column(),
    Column("状态", align=CENTER),
    Column("报告类型", align=CENTER),
    Column("项目名称"),
    Column("单位"),
    Column("年度", YEAR),
    Column("自评得分", POINTS),
    Column("复核得分", POINTS),
    Column("评价等次", align=CENTER),
    Column("错误数", INTEGER),
    Column("警告数", INTEGER),
    Column("提示数", INTEGER),
]

Rescorer = Callable[[Report], Decimal | None]


def summary_sheet(
    results: Sequence[FileResult], findings: Sequence[Finding], rescored: Rescorer | None = None
) -> Sheet:
    """报告汇总: one row per report; an unreadable file (or one without reports) gets one row.

    The finding counts are per report (a finding that names no report counts for the file's first).
    """
    sheet = Sheet(SHEET_SUMMARY, SUMMARY_COLUMNS)
    counts = _severity_counts(results, findings)
    none = dict.fromkeys(SEVERITY_ORDER, 0)
    for result in results:
        if result.status != "ok" or not result.reports:
            c = counts.get((result.file, None, None, None), none)
            status, style = (STATUS_ERROR_ZH, "failed") if result.status != "ok" else (STATUS_OK_ZH, None)
            sheet.add(
                [
                    result.file,
                    status,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    c["error"],
                    c["warning"],
                    c["info"],
                ],
                style,
            )
            continue
        for report in result.reports:
            c = counts.get(report_key(report), none)
            tail = [c["error"], c["warning"], c["info"]]
            review = _safe_rescore(rescored, report)
            sheet.add(
                [
                    result.file,
                    STATUS_OK_ZH,
                    kind_zh(report.kind),
                    report.project_name if report.kind == "project" else None,
                    report.department,
                    report.year,
                    report.self_score,
                    review,
                    report.grade,
                    *tail,
                ]
            )
    return sheet


def _safe_rescore(rescored: Rescorer | None, report: Report) -> Decimal | None:
    """复核得分; a failing re-scorer leaves the cell blank rather than losing the workbook."""
    if rescored is None:
        return None
    try:
        return rescored(report)
    except Exception:  # noqa: BLE001
        return None


SCORE_COLUMNS = [
    file_column(),
    Column("单位"),
    Column("项目名称"),
    Column("指标", wrap=True, max_width=WRAP_WIDTH),
    Column("分值", POINTS),
    Column("自评得分", POINTS),
    Column("复核得分", POINTS),
    Column("差额", POINTS),
    Column("依据", wrap=True, max_width=WRAP_WIDTH),
]


def scores_sheet(results: Sequence[FileResult], reviews: Sequence[ScoreReview]) -> Sheet:
    """评分复核: the audit's re-scored items; a report the audit did not re-score lists its own rubric."""
    sheet = Sheet(SHEET_SCORES, SCORE_COLUMNS)
    by_file: dict[str, list[ScoreReview]] = defaultdict(list)
    for review in reviews:
        by_file[review.file].append(review)
    known = set()
    for result in results:
        known.add(result.file)
        if by_file.get(result.file):
            unit = _joined(r.department for r in result.reports)
            for review in by_file[result.file]:
                _add_review(sheet, review, unit)
            continue
        for report in result.reports:
            project = report.project_name if report.kind == "project" else None
            for item in report.score_items:
                label = score_item_label(item)
                sheet.add(
                    [
                        result.file,
                        report.department,
                        project,
                        label,
                        item.max_points,
                        item.self_points,
                        None,
                        None,
                        None,
                    ]
                )
    for file, extra in by_file.items():  # reviews of files not in the batch (should not happen)
        if file not in known:
            for review in extra:
                _add_review(sheet, review, None)
    return sheet


def _add_review(sheet: Sheet, review: ScoreReview, file_unit: str | None) -> None:
    diff = review.difference
    style = "highlight" if diff is not None and diff != 0 else None
    sheet.add(
        [
            review.file,
            review.department if review.kind else file_unit,
            review.project,
            review.item,
            review.max_points,
            review.self_points,
            review.review_points,
            diff,
            review.basis,
        ],
        style,
    )


FIGURE_COLUMNS = [
    file_column(),
    Column("报告类型", align=CENTER),
    Column("单位"),
    Column("年度", YEAR),
    Column("项目名称"),
    money("收入合计"),
    money("一般公共预算"),
    money("政府性基金"),
    money("支出合计"),
    money("基本支出"),
    money("人员经费"),
    money("公用经费"),
    money("项目支出"),
    money("当年结余"),
    money("累计结余"),
    money("三公经费合计"),
    money("固定资产"),
    money("计划安排资金"),
    money("实际到位资金"),
    money("实际支出"),
    money("资金结余"),
    money("支出明细合计"),
    Column("读取方式"),  # blank for a text file; "OCR 识别（最低置信度 …）" for a scan
]
TOTAL_MARKERS = ("合计", "总计")


def summary_row(rows: Sequence):
    """The 合计 row of a per-unit table, else its first row (the department itself)."""
    for row in rows:
        if any(m in (row.unit or "").replace(" ", "") for m in TOTAL_MARKERS):
            return row
    return rows[0] if rows else None


def _attr(obj, name: str):
    return getattr(obj, name) if obj is not None else None


def figures_sheet(results: Sequence[FileResult]) -> Sheet:
    """提取数据: each report's key figures in 万元, for the reviewer to eyeball."""
    sheet = Sheet(SHEET_FIGURES, FIGURE_COLUMNS)
    for result in results:
        for r in result.reports:
            inc, exp = summary_row(r.income), summary_row(r.expenditure)
            pub, fa = summary_row(r.three_public), summary_row(r.fixed_assets)
            sheet.add(
                [
                    result.file,
                    kind_zh(r.kind),
                    r.department,
                    r.year,
                    r.project_name,
                    _attr(inc, "total"),
                    _attr(inc, "general_budget"),
                    _attr(inc, "government_fund"),
                    _attr(exp, "total"),
                    _attr(exp, "basic"),
                    _attr(exp, "personnel"),
                    _attr(exp, "public"),
                    _attr(exp, "project"),
                    _attr(exp, "balance_current"),
                    _attr(exp, "balance_cumulative"),
                    _attr(pub, "total"),
                    _attr(fa, "total"),
                    r.funds.planned.total,
                    r.funds.arrived.total,
                    r.funds.spent.total,
                    r.funds.balance.total,
                    r.expenses_total,
                    ocr_note(r),
                ]
            )
    return sheet


FAILURE_COLUMNS = [file_column(), Column("原因", wrap=True, max_width=REASON_WIDTH)]


def failures_sheet(results: Sequence[FileResult]) -> Sheet:
    """读取失败: each unreadable file and its one-line reason."""
    sheet = Sheet(SHEET_FAILURES, FAILURE_COLUMNS)
    for result in results:
        if result.status != "ok":
            sheet.add([result.file, result.error])
    return sheet


def build_sheets(
    results: Sequence[FileResult], outcome: AuditOutcome, rescored: Rescorer | None = None
) -> list[Sheet]:
    """All five sheets, in workbook order."""
    return [
        findings_sheet(results, outcome.findings),
        summary_sheet(results, outcome.findings, rescored),
        scores_sheet(results, outcome.reviews),
        figures_sheet(results),
        failures_sheet(results),
    ]


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


def is_number(value: CellValue) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return False
    return math.isfinite(float(value))


def text_of(value: CellValue) -> str:
    """A cell value as text (non-finite numbers, stray types); `None` is empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def natural_width(column: Column, rows: Sequence[Sequence[CellValue]], index: int) -> int:
    """The width that shows the header (plus filter button) and the longest line of every cell."""
    widest = max(display_width(line) for line in column.header.split("\n")) + 3
    for row in rows:
        value = row[index]
        if value is None:
            continue
        text = shown_number(column.kind, value) if is_number(value) else text_of(value)
        longest = max((display_width(line) for line in text.split("\n")), default=0)
        widest = max(widest, longest + 2)
    return widest


@dataclass
class _Layout:
    """Column widths, which columns wrap, and how tall each data row is."""

    widths: list[float]
    wraps: list[bool]

    @classmethod
    def of(cls, sheet: Sheet) -> _Layout:
        widths, wraps = [], []
        for c, column in enumerate(sheet.columns):
            natural = natural_width(column, sheet.rows, c)
            widths.append(float(min(max(natural, MIN_WIDTH), column.max_width)))
            wraps.append(column.wrap or (column.kind == TEXT and natural > column.max_width))
        return cls(widths, wraps)

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
               row_style: str | None) -> None:  # fmt: skip
    """Numbers as numbers, everything else strictly as text (never a formula or link)."""
    if value is None or value == "":
        if row_style:
            ws.write_blank(row, col, None, styles.get(column, wrap, None, row_style, None))
        return
    if is_number(value):
        fmt = number_format(column.kind, value)
        ws.write_number(row, col, float(value), styles.get(column, wrap, fmt, row_style, None))
        return
    text = text_of(value)[:MAX_CELL_CHARS]
    ws.write_string(row, col, text, styles.get(column, wrap, None, row_style, text))


def write_sheet(workbook: xlsxwriter.Workbook, sheet: Sheet, styles: _Styles) -> None:
    """One table: header row, frozen and filtered, then the data with explicit row heights."""
    ws = workbook.add_worksheet(sheet.name)
    layout = _Layout.of(sheet)
    for c, column in enumerate(sheet.columns):
        ws.set_column(c, c, layout.widths[c])
        ws.write_string(0, c, column.header, styles.header)
    ws.set_row(0, HEADER_HEIGHT)
    for r, (row, style) in enumerate(zip(sheet.rows, sheet.styles), start=1):
        ws.set_row(r, layout.row_height(row))
        for c, column in enumerate(sheet.columns):
            write_cell(ws, r, c, column, layout.wraps[c], row[c], styles, style)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)
    ws.set_landscape()
    ws.set_paper(PAPER_A4 if sum(layout.widths) <= A4_LANDSCAPE_WIDTH else PAPER_A3)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def write_workbook(
    path: str | Path,
    results: Sequence[FileResult],
    outcome: AuditOutcome,
    rescored: Rescorer | None = None,
) -> Path:
    """Write the five-sheet workbook atomically to `path`."""
    path = Path(path)
    sheets = build_sheets(results, outcome, rescored)

    def write(tmp: Path) -> None:
        workbook = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        styles = _Styles(workbook)
        for sheet in sheets:
            write_sheet(workbook, sheet, styles)
        workbook.close()

    atomic_write(path, write)
    return path


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` for a temp file beside `path`, then move it into place.

    A target that exists but is no regular file (/dev/null, a pipe) is written directly: replacing
    it would swap the device for a file. A symlink is followed, so the file it names is replaced.
    """
    if path.exists() and not path.is_file():
        write(path)
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


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual umask (mkstemp uses 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
