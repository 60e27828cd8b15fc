"""A report whose own lines name no year takes the year of the file it came in.

A combined file (a department's report followed by its project self-evaluation forms) names the
year once: in the department report's title, or in the file's title. A project form inside it
(项目支出绩效自评表 without its （2021年度） line) is a report of that year, not of no year, or
year-over-year matching and the 年度 column lose it. The year is taken only when it is
unambiguous, and `sources["year"]` points at the line it was read from.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from jixiao_audit.normalize.lines import Line
from jixiao_audit.normalize.model import Report, Source

DEPARTMENT = "department"
# A report's year as a title writes it: 2021年度 (a date is 2021年3月, never 年度).
REPORT_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年度")
YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")  # a year anywhere: 2021年, 2021 年3月
# A dated label (报告时间：2018年7月, 填报日期：2022年3月18日) says when the report was written, after the
# year it evaluates: a cover's date names the report's year only when no other line names one.
DATE_LABEL = re.compile(r"(?:时间|日期)[：:]\s*(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月")


def date_undated_reports(reports: list[Report], lines: list[Line], file: str) -> None:
    """Give each report without a year the file's year (`file_year`), with its source."""
    if all(r.year is not None for r in reports):
        return
    found = file_year(reports, lines, file)
    if found is None:
        return
    year, source = found
    for report in reports:
        if report.year is None:
            report.year = year
            report.sources["year"] = source


def file_year(reports: list[Report], lines: list[Line], file: str) -> tuple[int, Source] | None:
    """The file's one year: that of its department report(s) when they agree, else the one year
    the file's title lines (paragraphs before its first table) name; None when ambiguous."""
    dated = [r for r in reports if r.kind == DEPARTMENT and r.year is not None]
    if len({r.year for r in dated}) == 1:
        year = dated[0].year
        source = next((r.sources["year"] for r in dated if "year" in r.sources), None)
        return year, source or Source(file=file, raw=f"{year}年度")
    titled = title_years(lines)
    if len(titled) == 1:
        ((year, line),) = titled.items()
        return year, line_source(line, file)
    return None


def title_years(lines: list[Line]) -> dict[int, Line]:
    """Year → the first title line naming it, among the paragraphs before the file's first table."""
    found: dict[int, Line] = {}
    for line in lines:
        if not line.is_paragraph:
            break
        for m in REPORT_YEAR.finditer(line.key):
            found.setdefault(int(m.group(1)), line)
    return found


def first_line_naming(lines: list[Line], year: int) -> Line | None:
    """The line a department report's year was read from: the first naming it as a report year
    (2021年度), else the first naming it at all."""
    as_title = re.compile(rf"{year}\s*年度")
    at_all = re.compile(rf"{year}\s*年")
    return next((ln for ln in lines if as_title.search(ln.key)), None) or next(
        (ln for ln in lines if at_all.search(ln.key)), None
    )


def first_year_line(lines: list[Line]) -> tuple[int, Line] | None:
    """The first year any of the lines names (2021年…) and that line; a dated label's year
    (报告时间：2018年7月) only when no other line names one."""
    named = [(int(m.group(1)), line) for line in lines if (m := YEAR.search(line.text))]
    undated = [(year, line) for year, line in named if not DATE_LABEL.search(line.key)]
    return (undated or named or [None])[0]


def dated_only(line: Line | None) -> bool:
    """The year was read from a dated label (填报日期：2022年8月10日): when the form was filled, not evaluated."""
    return line is not None and DATE_LABEL.search(line.key) is not None


def file_name_year(file: str) -> tuple[int, Source] | None:
    """The one report year a file's name states (广水市交通运输局2021年度乡村道路项目自评表.pdf), with its source."""
    name = PurePath(file).name
    years = {int(m.group(1)) for m in REPORT_YEAR.finditer(name)}
    return (years.pop(), Source(file=file, raw=name)) if len(years) == 1 else None


def line_source(line: Line, file: str) -> Source:
    """The whole line as the year's source (a row: its first cell's place, the row's text)."""
    return line.source(file, 0).with_raw(line.text.strip())
