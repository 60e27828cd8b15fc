"""What the audit's sheets contain: each sheet as a plain table of rows (`Sheet`), built from a `RunResult`.

Nothing here knows about xlsx or CSV: `audit.workbook` writes these tables as the Chinese
workbook and `audit.export` as CSV. A sheet only formats what the run already holds; nothing is
recomputed here (the 复核得分 of 报告汇总 is the engine's, with the rubric the run used).
To add a sheet: a `*_COLUMNS` list, a `*_sheet(run) -> Sheet` function, and an entry in
`build_sheets`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao_audit.audit.finding import SEVERITY_ORDER, SEVERITY_ZH, Finding, ScoreReview
from jixiao_audit.audit.ocr_confidence import ocr_note
from jixiao_audit.audit.result import FileResult, ReportKey, ReportStub, RunResult, report_key
from jixiao_audit.audit.rubrics.scoring import item_label
from jixiao_audit.audit.values import label_of, number, path_label, table_fields
from jixiao_audit.audit.versions import (
    Member,
    MemberKey,
    VersionGroup,
    member_key,
    version_status,
)
from jixiao_audit.normalize.model import Report

SHEET_FINDINGS = "问题清单"
SHEET_SUMMARY = "报告汇总"
SHEET_SCORES = "评分复核"
SHEET_FIGURES = "提取数据"
SHEET_FAILURES = "读取失败"
SHEET_VERSIONS = "版本比对"

KIND_ZH = {"department": "部门整体", "project": "项目"}
STATUS_OK_ZH = "已读取"
STATUS_ERROR_ZH = "读取失败"
STATUS_UNRECOGNISED_ZH = "未识别表式"
STATUS_SKIPPED_ZH = "已跳过"  # a lock file, a broken link, a pipe found in a folder

MAX_WIDTH = 40  # a wider text column wraps instead
WRAP_WIDTH = 60  # width of the wrapped free-text columns (说明, 原文, 依据)
FILE_WIDTH = 55
REASON_WIDTH = 80
MONEY_UNIT = "（万元）"

TEXT, MONEY, POINTS, NUMBER, INTEGER, YEAR, SEVERITY = (
    "text",
    "money",
    "points",
    "number",
    "integer",
    "year",
    "severity",
)
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


Entry = tuple[list[CellValue], str | None]  # a row and the name of its extra style (or None)


@dataclass
class Sheet:
    """One sheet as a plain table of rows, each with an extra style name (or None): rows added
    here, or read afresh from `source` each time they are asked for, so a sheet of a million rows
    (a flat-memory run's 评分复核) is streamed from disk to the writer, never held."""

    name: str
    columns: list[Column]
    source: Callable[[], Iterable[Entry]] | None = None
    added: list[Entry] = field(default_factory=list)

    def add(self, row: Sequence[CellValue], style: str | None = None) -> None:
        self.added.append((list(row), style))

    def entries(self) -> Iterator[Entry]:
        return iter(self.source()) if self.source is not None else iter(self.added)

    @property
    def rows(self) -> list[list[CellValue]]:
        return [row for row, _ in self.entries()]

    @property
    def styles(self) -> list[str | None]:
        return [style for _, style in self.entries()]


# ---------------------------------------------------------------- building the tables


def kind_zh(kind: str | None) -> str | None:
    return KIND_ZH.get(kind, kind) if kind else None


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


def reports_by_file(run: RunResult) -> Callable[[str], list[Report | ReportStub]]:
    """A file name → its reports: from a dict of every file for a run in memory; for a stored run from
    the store, remembering the last file asked for (findings and version members come by file)."""
    if run.store is None:
        by_file = _reports_by_file(run.files)
        return lambda name: by_file.get(name, [])
    return lru_cache(maxsize=1)(run.reports_of_file)


class _StoredCounts:
    """`severity_counts` of a stored run, looked up one file at a time (the summary goes file by file)."""

    def __init__(self, run: RunResult):
        self.run, self.file, self.counts = run, None, {}

    def get(self, key: ReportKey, default: dict[str, int]) -> dict[str, int]:
        if key[0] != self.file:
            self.file, self.counts = key[0], self._of(key[0])
        return self.counts.get(key, default)

    def _of(self, file: str) -> dict[ReportKey, dict[str, int]]:
        found = self.run.store.severity_counts(file)
        unnamed = found.pop((None, None, None), None)  # findings naming no report
        counts = {(file, *named): c for named, c in found.items()}
        if unnamed:  # as `severity_counts`: they count for the file's first report (the last file so named)
            results = self.run.store.files_named(file)
            last = results[-1] if results else None
            first = report_key(last.reports[0]) if last and last.reports else (file, None, None, None)
            into = counts.setdefault(first, dict.fromkeys(SEVERITY_ORDER, 0))
            for severity, n in unnamed.items():
                into[severity] += n
        return counts


def severity_counts(
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


def findings_sheet(run: RunResult) -> Sheet:
    """问题清单: one row per finding, by file then severity."""
    return Sheet(SHEET_FINDINGS, FINDING_COLUMNS, source=lambda: finding_rows(run))


def finding_rows(run: RunResult) -> Iterator[Entry]:
    reports_of = reports_by_file(run)
    for f in run.findings_in_order():
        reports = reports_of(f.file)
        row = [
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
        yield row, None


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
    Column("版本组", wrap=True, max_width=WRAP_WIDTH),
    Column("版本状态"),
]


def status_zh(status: str) -> str:
    return STATUS_UNRECOGNISED_ZH if status == "unrecognised" else STATUS_ERROR_ZH


def version_cells(index: dict[MemberKey, tuple[VersionGroup, Member]], report: Report) -> list[str | None]:
    """版本组 and 版本状态 of a report: blank when the batch holds no other version of it."""
    found = index.get(member_key(report.file, report.kind, report.project_name))
    if found is None:
        return [None, None]
    group, member = found
    return [f"{group.id} {group.label}", version_status(group, member)]


def summary_sheet(run: RunResult) -> Sheet:
    """报告汇总: one row per report; an unreadable file (or one without reports) gets one row.

    The finding counts are per report (a finding that names no report counts for the file's first);
    复核得分 is the engine's re-scored total of the run. Every version of a report has its row; 版本组
    and 版本状态 say which group it belongs to and whether the checks across reports used it.
    """
    return Sheet(SHEET_SUMMARY, SUMMARY_COLUMNS, source=lambda: summary_rows(run))


def summary_rows(run: RunResult) -> Iterator[Entry]:
    counts = severity_counts(run.files, run.findings_in_order()) if run.store is None else _StoredCounts(run)
    scores = run.scores_by_report()
    versions = run.version_index()
    none = dict.fromkeys(SEVERITY_ORDER, 0)
    for result in run.files:
        if result.status != "ok" or not result.reports:
            c = counts.get((result.file, None, None, None), none)
            status, style = {
                "ok": (STATUS_OK_ZH, None),
                "skipped": (STATUS_SKIPPED_ZH, "failed"),
                "unrecognised": (STATUS_UNRECOGNISED_ZH, "failed"),
            }.get(result.status, (STATUS_ERROR_ZH, "failed"))
            yield [result.file, status, None, None, None, None, None, None, None,
                   c["error"], c["warning"], c["info"], None, None], style  # fmt: skip
            continue
        for report in result.reports:
            c = counts.get(report_key(report), none)
            tail = [c["error"], c["warning"], c["info"]]
            score = scores.get(report_key(report))
            row = [
                result.file,
                STATUS_OK_ZH,
                kind_zh(report.kind),
                report.project_name if report.kind == "project" else None,
                report.department,
                report.year,
                report.self_score,
                score.review_total if score else None,
                report.grade,
                *tail,
                *version_cells(versions, report),
            ]
            yield row, None


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
    Column("评分标准"),
]


def rubric_names() -> dict[str, str]:
    """Rubric or form-family id → the name a reviewer reads (built-in rubrics and form families)."""
    from jixiao_audit.audit.rubrics import load_rubrics
    from jixiao_audit.normalize.families import BY_ID

    return {f.id: f.name for f in BY_ID.values()} | {r.id: r.name or r.id for r in load_rubrics()}


def rubric_name(rubric: str | None, names: dict[str, str]) -> str | None:
    return names.get(rubric, rubric) if rubric else None


def scores_sheet(run: RunResult) -> Sheet:
    """评分复核: the audit's re-scored items; a report the audit did not re-score lists its own rubric."""
    return Sheet(SHEET_SCORES, SCORE_COLUMNS, source=lambda: score_rows(run))


def score_rows(run: RunResult) -> Iterator[Entry]:
    names = rubric_names()
    for index, reviews in _reviews_by_file(run):
        if index is None:  # reviews of files not in the batch (should not happen)
            yield from (_review_row(review, None, names) for review in reviews)
            continue
        result = run.files[index]
        if reviews:
            unit = _joined(r.department for r in result.reports)
            yield from (_review_row(review, unit, names) for review in reviews)
            continue
        for position, report in enumerate(result.reports):
            project = report.project_name if report.kind == "project" else None
            for label, max_points, self_points in own_score_items(run, index, position, report):
                yield [result.file, report.department, project, label, max_points, self_points,
                       None, None, None, None], None  # fmt: skip


def _reviews_by_file(run: RunResult) -> Iterator[tuple[int | None, list[ScoreReview]]]:
    """(index in run.files, its reviews) for each file in order, then (None, reviews of other files)."""
    if run.store is None:
        by_file: dict[str, list[ScoreReview]] = defaultdict(list)
        for review in run.reviews:
            by_file[review.file].append(review)
        yield from ((i, by_file.get(result.file, [])) for i, result in enumerate(run.files))
        known = {result.file for result in run.files}
        yield None, [review for file, extra in by_file.items() if file not in known for review in extra]
        return
    stored = run.store.reviews()  # (file index, review) by file index
    pending = next(stored, None)
    for i in range(len(run.files)):
        mine = []
        while pending is not None and pending[0] <= i:
            mine += [pending[1]] if pending[0] == i else []
            pending = next(stored, None)
        yield i, mine
    yield None, [review for _, review in ([pending] if pending is not None else []) + list(stored)]


def score_item_cells(report: Report) -> list[tuple]:
    """(指标, 分值, 自评得分) of each of the report's own score items."""
    return [(item_label(item), item.max_points, item.self_points) for item in report.score_items]


def own_score_items(
    run: RunResult, index: int, position: int, report: Report | ReportStub
) -> Sequence[tuple]:
    """`score_item_cells` of report `position` of `run.files[index]`: a stub's, from the store if there."""
    if not isinstance(report, ReportStub):
        return score_item_cells(report)
    return report.score_rows if report.score_rows is not None else run.store.report_rows(index, position)[1]


def report_figures(run: RunResult, index: int, position: int, report: Report | ReportStub) -> list[CellValue]:
    """`figure_cells` of report `position` of `run.files[index]`: a stub's, from the store if there."""
    if not isinstance(report, ReportStub):
        return figure_cells(report)
    return list(report.figures if report.figures is not None else run.store.report_rows(index, position)[0])


def _review_row(review: ScoreReview, file_unit: str | None, names: dict[str, str]) -> Entry:
    diff = review.difference
    style = "highlight" if diff is not None and diff != 0 else None
    row = [
        review.file,
        review.department if review.kind else file_unit,
        review.project,
        review.item,
        review.max_points,
        review.self_points,
        review.review_points,
        diff,
        review.basis,
        rubric_name(review.rubric, names),
    ]
    return row, style


FIGURE_PATHS = (  # `audit.values` paths: a department table's figures come from its 汇总 row
    "income.summary.total",
    "income.summary.general_budget",
    "income.summary.government_fund",
    *(f"expenditure.summary.{name}" for name in table_fields("expenditure")),
    "three_public.summary.total",
    "fixed_assets.summary.total",
    *(f"funds.{block}.total" for block in table_fields("funds")),
    "expenses_total",
    "budget_lines[0].adjusted",
    "budget_lines[0].executed",
)
FIGURE_COLUMNS = [
    file_column(),
    Column("报告类型", align=CENTER),
    Column("单位"),
    Column("年度", YEAR),
    Column("项目名称"),
    *(money(label_of(path)) for path in FIGURE_PATHS),
    Column("读取方式"),  # blank for a text file; "OCR 识别（最低置信度 …）" for a scan; the reader's notes
]


def figures_sheet(run: RunResult) -> Sheet:
    """提取数据: each report's key figures in 万元 (a department table's 汇总 row), for the reviewer to eyeball."""
    return Sheet(SHEET_FIGURES, FIGURE_COLUMNS, source=lambda: figure_rows(run))


def figure_rows(run: RunResult) -> Iterator[Entry]:
    for index, result in enumerate(run.files):
        for position, r in enumerate(result.reports):
            head = [result.file, kind_zh(r.kind), r.department, r.year, r.project_name]
            yield head + report_figures(run, index, position, r), None


def figure_cells(report: Report) -> list[CellValue]:
    """提取数据's cells of a report after its identity: the key figures, then 读取方式."""
    return [number(report, path) for path in FIGURE_PATHS] + [reading_method(report)]


def reading_method(report: Report) -> str | None:
    """读取方式: OCR and its weakest score, then what the reader left out (a spreadsheet's hidden
    sheets, a formula without its saved value); None for a text file read whole."""
    return "；".join(note for note in (ocr_note(report), *report.reader_notes) if note) or None


def report_stub(report: Report) -> ReportStub:
    """What the outputs need of `report` once it is audited (see `ReportStub`)."""
    return ReportStub(
        file=report.file,
        kind=report.kind,
        department=report.department,
        year=report.year,
        project_name=report.project_name,
        self_score=report.self_score,
        grade=report.grade,
        budget_code=report.budget_code,
        county=report.county,
        supervisor=report.supervisor,
        figures=tuple(figure_cells(report)),
        score_rows=tuple(score_item_cells(report)),
    )


FAILURE_COLUMNS = [file_column(), Column("原因", wrap=True, max_width=REASON_WIDTH)]


VERSION_COLUMNS = [
    Column("版本组"),
    Column("单位"),
    Column("年度", YEAR),
    Column("报告类型", align=CENTER),
    Column("项目名称"),
    Column("字段"),
    Column("旧值", NUMBER),
    Column("新值", NUMBER),
    Column("旧版本文件"),
    Column("新版本文件"),
    Column("审核采用"),
]
SAME_CONTENT_ZH = "（内容相同，重复报送）"


def versions_sheet(run: RunResult) -> Sheet:
    """版本比对: per group of versions of one report, each value that differs between consecutive
    versions (oldest pair first), and each copy with the same content; the file the checks used."""
    sheet = Sheet(SHEET_VERSIONS, VERSION_COLUMNS)
    reports_of = reports_by_file(run)

    def report_of(m: Member) -> Report | ReportStub | None:
        key = member_key(m.file, m.kind, m.project)
        found = None
        for r in reports_of(m.file):  # the last of equal keys, as a dict of every report would keep
            found = r if member_key(r.file, r.kind, r.project_name) == key else found
        return found

    for group in run.versions:
        current = group.current
        versions = {m.file: report_of(m) for m in group.members}
        newest = versions[current.file]
        head = [
            group.id,
            newest.department if newest else None,
            newest.year if newest else None,
            kind_zh(current.kind),
            current.project,
        ]
        labels = run.version_labels.get(group.id) or difference_labels(group, versions)
        for d, label in zip(group.differences, labels):
            sheet.add([*head, label, d.old, d.new, d.old_file, d.new_file, current.file])
        for member in group.members:
            if member.duplicate_of is not None and member != current:
                sheet.add(
                    [*head, SAME_CONTENT_ZH, None, None, member.file, member.duplicate_of, current.file]
                )
    return sheet


def difference_labels(group: VersionGroup, reports: dict[str, Report | None]) -> list[str]:
    """字段 of each difference of a group, named from the newer version (`reports` by file)."""
    return [path_label(d.path, reports.get(d.new_file)) for d in group.differences]


def failures_sheet(run: RunResult) -> Sheet:
    """读取失败: each unreadable file and its one-line reason."""
    sheet = Sheet(SHEET_FAILURES, FAILURE_COLUMNS)
    for result in run.failed:
        sheet.add([result.file, result.error])
    return sheet


SHEET_BUILDERS = (findings_sheet, summary_sheet, scores_sheet, figures_sheet, versions_sheet, failures_sheet)


def build_sheets(run: RunResult) -> list[Sheet]:
    """All sheets, in workbook order."""
    return [build(run) for build in SHEET_BUILDERS]


# ---------------------------------------------------------------- cell values


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
