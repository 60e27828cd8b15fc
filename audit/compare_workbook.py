"""The year-over-year workbook: 问题清单, 部门对照, then one sheet (and one chart) per measure.

Built with the audit workbook's helpers (`audit.workbook`): the same 问题清单 columns and
styles, text always written with `write_string`, the file written beside its target and moved
into place. A measure sheet lists departments as rows and years as columns, then the change
between neighbouring years (increase red, decrease green), and a native Excel chart of the
selected departments (or the top movers) below the table.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import xlsxwriter
from jixiao_audit.audit.compare import Comparison, chart_departments
from jixiao_audit.audit.compare_match import Department, Entry, match_basis, name_history
from jixiao_audit.audit.compare_measures import COUNT, ERRORS, MEASURES, PEOPLE, POINTS, RESCORED, Measure
from jixiao_audit.audit.finding import AuditOutcome
from jixiao_audit.audit.result import FileResult, run_result
from jixiao_audit.audit.sheets import Column, Sheet, failures_sheet, findings_sheet
from jixiao_audit.audit.workbook import (
    HEADER_HEIGHT,
    HEADER_STYLE,
    MAX_CELL_CHARS,
    display_width,
    write_book,
    write_sheet,
)

SHEET_MATCHES = "部门对照"
NOTE_COLOURS = "增减列：红色为增加，绿色为减少"
MEASURE_NOTES = {
    ERRORS: "错误数：各年度报告单独审核（同 audit 命令）时该报告文件的错误级问题数，不含跨年度检查",
    RESCORED: "复核得分：按评分标准公式复核后的总分（三公经费变动率用上年数据复核）",
}
NUMBER_FORMATS = {PEOPLE: "#,##0", COUNT: "#,##0", POINTS: "0.00"}
MONEY_FORMAT = "#,##0.00"
CHANGE_FORMATS = {PEOPLE: "+#,##0;-#,##0;0", COUNT: "+#,##0;-#,##0;0", POINTS: "+0.00;-0.00;0.00"}
MONEY_CHANGE_FORMAT = "+#,##0.00;-#,##0.00;0.00"
PERCENT_FORMAT = "+0.0%;-0.0%;0.0%"
UP_STYLE = {"font_color": "#C00000", "bg_color": "#FDE9E7"}
DOWN_STYLE = {"font_color": "#00703C", "bg_color": "#E2F0D9"}
TITLE_STYLE = {"bold": True, "font_size": 13}
CHART_FONT = "宋体"
CHART_SIZE = {"width": 760, "height": 420}
LINE_CHART_MIN_YEARS = 3  # fewer years: a column chart reads better than a two-point line
NAME_WIDTH = (12, 36)
VALUE_WIDTH = 13
CHANGE_WIDTH = 14
NOTE_WIDTH = 40
TITLE_ROW, HEADER_ROW, FIRST_ROW = 0, 1, 2

STATUS_MATCHED = "已跨年度匹配"
STATUS_SINGLE = "仅一个年度"
STATUS_AMBIGUOUS = "存疑，未参与比对"
STATUS_UNPLACED = "未参与比对"


# ---------------------------------------------------------------- 部门对照


MATCH_COLUMNS = [
    Column("部门编号"),
    Column("部门（最近年度名称）"),
    Column("年度", "year"),
    Column("报告中的单位名称"),
    Column("预算编码"),
    Column("匹配依据"),
    Column("状态"),
    Column("文件", max_width=60),
    Column("说明", wrap=True, max_width=60),
]


def _status(dept: Department, year: int) -> str:
    if len(dept.by_year[year]) > 1:
        return STATUS_AMBIGUOUS
    if dept.note:
        return STATUS_AMBIGUOUS
    return STATUS_MATCHED if len(dept.years) > 1 else STATUS_SINGLE


def _years_text(years: list[int]) -> str:
    """2019年 / 2020–2021年 / 2019、2021年."""
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}年"
    return "、".join(map(str, years)) + "年"


def _dept_note(dept: Department) -> str | None:
    notes = []
    history = name_history(dept)
    if len({name for name, _ in history}) > 1:
        notes.append("名称变更：" + "；".join(f"{_years_text(ys)} {name}" for name, ys in history))
    if len(dept.years) == 1:
        notes.append(f"仅 {dept.years[0]} 年有报告")
    if dept.note:
        notes.append(dept.note)
    return "；".join(notes) or None


def matches_sheet(comparison: Comparison) -> Sheet:
    """部门对照: each department's names, codes and files per year; lone and ambiguous ones too."""
    sheet = Sheet(SHEET_MATCHES, MATCH_COLUMNS)
    for dept in comparison.departments:
        note = _dept_note(dept)
        for year in dept.years:
            status = _status(dept, year)
            for entry in dept.by_year[year]:
                row = [
                    dept.id,
                    dept.display_name,
                    year,
                    entry.name,
                    entry.report.budget_code,
                    match_basis(dept, entry),
                ]
                sheet.add(
                    [*row, status, "\n".join(entry.files), note],
                    "highlight" if status == STATUS_AMBIGUOUS else None,
                )
    for entry in comparison.matching.unplaced:
        row = [None, None, entry.year, entry.name, entry.report.budget_code, None, STATUS_UNPLACED]
        sheet.add([*row, "\n".join(entry.files), "报告未读出年度或单位名称"], "highlight")
    return sheet


# ---------------------------------------------------------------- measure sheets


@dataclass(frozen=True)
class _Formats:
    title: object
    header: object
    text: object
    value: dict[str, object]
    change: dict[tuple[str, int], object]  # (unit or "%", sign) → format
    note: object


def _formats(workbook: xlsxwriter.Workbook) -> _Formats:
    value, changes = {}, {}
    for unit in {m.unit for m in MEASURES}:
        value[unit] = workbook.add_format({"num_format": NUMBER_FORMATS.get(unit, MONEY_FORMAT)})
        fmt = CHANGE_FORMATS.get(unit, MONEY_CHANGE_FORMAT)
        for kind, num in ((unit, fmt), ("%", PERCENT_FORMAT)):
            changes[(kind, 1)] = workbook.add_format({"num_format": num, **UP_STYLE})
            changes[(kind, -1)] = workbook.add_format({"num_format": num, **DOWN_STYLE})
            changes[(kind, 0)] = workbook.add_format({"num_format": num})
    return _Formats(
        title=workbook.add_format(TITLE_STYLE),
        header=workbook.add_format(HEADER_STYLE),
        text=workbook.add_format({"valign": "top"}),
        value=value,
        change=changes,
        note=workbook.add_format({"italic": True, "font_color": "#595959"}),
    )


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def measure_headers(years: Sequence[int]) -> list[str]:
    heads = ["部门", "预算编码", *(f"{y}年" for y in years)]
    for a, b in pairwise(years):
        heads += [f"{b}年比{a}年增减", f"{b}年比{a}年增减率"]
    return [*heads, "备注"]


def _row_note(dept: Department, years: Sequence[int]) -> str | None:
    notes = [f"{y}年有 {len(dept.by_year[y])} 份报告，存疑未比对" for y in dept.ambiguous_years]
    if dept.note:
        notes.append(dept.note)
    missing = [y for y in years if y not in dept.by_year]
    if missing and len(dept.years) == 1:
        notes.append(f"仅 {dept.years[0]} 年有报告")
    elif missing:
        notes.append("缺 " + "、".join(map(str, missing)) + " 年报告")
    return "；".join(notes) or None


def row_labels(depts: Sequence[Department]) -> dict[str, str]:
    """The 部门 cell (also the chart legend): the name, with the code or years when names repeat."""
    counts = Counter(d.display_name for d in depts)
    labels = {}
    for d in depts:
        label = d.display_name
        if counts[label] > 1:
            label += (
                f"（{'、'.join(d.codes)}）" if d.codes else f"（{'、'.join(map(str, d.years))}年，无编码）"
            )
        labels[d.id] = label
    return labels


def _write_text(ws, row: int, col: int, text: str | None, fmt=None) -> None:
    if text:
        ws.write_string(row, col, text[:MAX_CELL_CHARS], fmt)


def write_measure_sheet(
    workbook: xlsxwriter.Workbook,
    fmts: _Formats,
    comparison: Comparison,
    measure: Measure,
    selected: Sequence[Department] | None,
) -> None:
    """One measure: departments × years, the changes, and the chart below."""
    ws = workbook.add_worksheet(measure.label)
    years = comparison.years
    heads = measure_headers(years)
    ws.write_string(TITLE_ROW, 0, f"{measure.label}（单位：{measure.unit}）", fmts.title)
    ws.write_string(
        TITLE_ROW, 3, "；".join(filter(None, [NOTE_COLOURS, MEASURE_NOTES.get(measure.key)])), fmts.note
    )
    for c, head in enumerate(heads):
        ws.write_string(HEADER_ROW, c, head, fmts.header)
    ws.set_row(HEADER_ROW, HEADER_HEIGHT)
    rows: dict[str, int] = {}
    labels = row_labels(comparison.departments)
    for r, dept in enumerate(comparison.departments, start=FIRST_ROW):
        rows[dept.id] = r
        _write_text(ws, r, 0, labels[dept.id], fmts.text)
        _write_text(ws, r, 1, "、".join(dept.codes), fmts.text)
        for c, value in enumerate(comparison.series(dept, measure), start=2):
            if value is not None:
                ws.write_number(r, c, float(value), fmts.value[measure.unit])
        col = 2 + len(years)
        for _, _, delta in comparison.changes(dept, measure):
            if delta.absolute is not None:
                ws.write_number(
                    r, col, float(delta.absolute), fmts.change[(measure.unit, _sign(delta.absolute))]
                )
            if delta.percent is not None:
                ws.write_number(
                    r, col + 1, float(delta.percent / 100), fmts.change[("%", _sign(delta.percent))]
                )
            col += 2
        _write_text(ws, r, col, _row_note(dept, years), fmts.text)
    _set_widths(ws, comparison, len(heads))
    ws.freeze_panes(FIRST_ROW, 1)
    if comparison.departments:
        ws.autofilter(HEADER_ROW, 0, HEADER_ROW + len(comparison.departments), len(heads) - 1)
    chart_row = FIRST_ROW + len(comparison.departments) + 2
    _add_chart(
        workbook,
        ws,
        comparison,
        measure,
        rows,
        chart_departments(comparison, measure, selected),
        chart_row,
        selected,
    )
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)


def _set_widths(ws, comparison: Comparison, n_cols: int) -> None:
    names = [display_width(label) for label in row_labels(comparison.departments).values()] or [0]
    ws.set_column(0, 0, min(max(max(names) + 2, NAME_WIDTH[0]), NAME_WIDTH[1]))
    ws.set_column(1, 1, 10)
    n_years = len(comparison.years)
    ws.set_column(2, 1 + n_years, VALUE_WIDTH)
    if n_cols - 3 - n_years > 0:
        ws.set_column(2 + n_years, n_cols - 2, CHANGE_WIDTH)
    ws.set_column(n_cols - 1, n_cols - 1, NOTE_WIDTH)


def _add_chart(
    workbook,
    ws,
    comparison: Comparison,
    measure: Measure,
    rows: dict[str, int],
    depts: Sequence[Department],
    at_row: int,
    selected: Sequence[Department] | None,
) -> None:
    """A native chart, one series per department, years as categories (the header cells)."""
    if not depts or not comparison.years:
        return
    n = len(comparison.years)
    kind = "line" if n >= LINE_CHART_MIN_YEARS else "column"
    chart = workbook.add_chart({"type": kind})
    font = {"name": CHART_FONT}
    for dept in depts:
        r = rows[dept.id]
        series = {
            "name": [ws.name, r, 0],
            "categories": [ws.name, HEADER_ROW, 2, HEADER_ROW, 1 + n],
            "values": [ws.name, r, 2, r, 1 + n],
        }
        if kind == "line":
            series["marker"] = {"type": "circle", "size": 6}
        chart.add_series(series)
    who = "选定部门" if selected else f"变动幅度居前的 {len(depts)} 个部门"
    chart.set_title({"name": f"{measure.label}（{measure.unit}）：{who}", "name_font": {**font, "size": 12}})
    chart.set_x_axis({"name": "年度", "name_font": font, "num_font": font})
    # no axis title: the unit is in the chart title (a rotated CJK title reads sideways in some viewers)
    y_axis = {"num_font": font, "major_gridlines": {"visible": True}}
    values = [v for d in depts for v in comparison.series(d, measure) if v is not None]
    if kind == "column" and values and min(values) >= 0:
        y_axis["min"] = 0  # bars start at zero, or small changes look huge
    chart.set_y_axis(y_axis)
    chart.set_legend({"position": "bottom", "font": font})
    chart.show_blanks_as("gap")
    chart.set_size(CHART_SIZE)
    ws.insert_chart(at_row, 0, chart)


# ---------------------------------------------------------------- the workbook


def _files_of(comparison: Comparison) -> list[FileResult]:
    """The compared files and their reports, when no reader results are at hand."""
    by_file: dict[str, list] = defaultdict(list)
    entries: list[Entry] = [
        e for d in comparison.departments for e in d.entries()
    ] + comparison.matching.unplaced
    for entry in entries:
        by_file[entry.file].append(entry.report)
    return [FileResult(file=f, reports=reports) for f, reports in by_file.items()]


def write_compare_workbook(
    path: str | Path,
    comparison: Comparison,
    results: Sequence | None = None,
    selected: Sequence[Department] | None = None,
) -> Path:
    """Write the comparison workbook atomically; `results` (reader results) fill the 单位/年度 columns."""
    held = list(results) if results is not None else _files_of(comparison)
    run = run_result(held, AuditOutcome(findings=comparison.findings))
    tables = [findings_sheet(run), matches_sheet(comparison)]
    failures = failures_sheet(run)

    def fill(workbook: xlsxwriter.Workbook, styles) -> None:
        for sheet in tables:
            write_sheet(workbook, sheet, styles)
        fmts = _formats(workbook)
        for measure in MEASURES:
            write_measure_sheet(workbook, fmts, comparison, measure, selected)
        if failures.rows:
            write_sheet(workbook, failures, styles)

    return write_book(path, fill)
