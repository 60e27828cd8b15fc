"""Year-over-year comparison of departments: `compare_reports(reports) -> Comparison`, `audit compare`.

The department reports of several years are tied together (`audit.compare_match`), each
department gets a year-by-year table of the measures in `audit.compare_measures` (plus the
self score, the re-scored score and the number of error findings of the per-year audit), and
the Y6xx checks (`audit.rules.yoy`) compare each year with the one before.

    audit compare PATHS... [-o compare.xlsx] [--json FILE] [--threshold PCT] [--department NAME]...

This module reads `Report` objects only; the command imports the batch reader when it runs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jixiao_audit.audit.compare_match import (
    Department,
    Entry,
    Matching,
    department_order,
    find_departments,
    match_departments,
)
from jixiao_audit.audit.compare_measures import (
    ERRORS,
    MEASURES,
    RESCORED,
    SELF_SCORE,
    Change,
    Measure,
    change,
)
from jixiao_audit.audit.engine import make_context, rescored_total, run_audit
from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.registry import FAMILY_PREFIX
from jixiao_audit.audit.rubrics import choose_rubric, load_rubrics
from jixiao_audit.audit.rules.yoy import SWING_THRESHOLD_PCT, yoy_findings
from jixiao_audit.normalize.model import Report

DEFAULT_OUTPUT = "compare.xlsx"
DEFAULT_THRESHOLD = SWING_THRESHOLD_PCT
MAX_CHART_DEPARTMENTS = 8
YEAR_FAMILY_PREFIX = "Y"

Value = Decimal | None


class CompareFailed(Exception):
    """The per-year audit failed (a rule bug or a bad rubric file); `reason` is one line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Comparison:
    """Departments across years, their measures by year, and the year-over-year findings."""

    matching: Matching
    years: list[int]
    values: dict[tuple[str, int], dict[str, Value]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    threshold: Decimal = DEFAULT_THRESHOLD

    @property
    def departments(self) -> list[Department]:
        return self.matching.departments

    def value(self, dept: Department, year: int, measure: Measure) -> Value:
        return self.values.get((dept.id, year), {}).get(measure.key)

    def series(self, dept: Department, measure: Measure) -> list[Value]:
        return [self.value(dept, year, measure) for year in self.years]

    def changes(self, dept: Department, measure: Measure) -> list[tuple[int, int, Change]]:
        """(earlier year, later year, change) between neighbouring year columns."""
        values = self.series(dept, measure)
        return [
            (self.years[i], self.years[i + 1], change(values[i], values[i + 1]))
            for i in range(len(self.years) - 1)
        ]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


# ---------------------------------------------------------------- per-year audit and re-score


def non_year_prefixes() -> tuple[str, ...]:
    """Rule code prefixes of every family but Y (the per-year audit leaves Y6xx to the comparison)."""
    return tuple(sorted(p for p in FAMILY_PREFIX.values() if p != YEAR_FAMILY_PREFIX))


def by_year(reports: Iterable[Report]) -> dict[int | None, list[Report]]:
    groups: dict[int | None, list[Report]] = defaultdict(list)
    for report in reports:
        groups[report.year].append(report)
    return dict(groups)


def yearly_error_counts(reports: Sequence[Report], rubrics: list[Path] | None = None) -> dict[str, int]:
    """Error findings per file when each year's reports (all kinds) are audited on their own."""
    counts: dict[str, int] = defaultdict(int)
    for group in by_year(reports).values():
        try:
            outcome = run_audit(group, rubrics, select=non_year_prefixes())
        except Exception as exc:
            raise CompareFailed(f"审计规则运行失败（{type(exc).__name__}: {exc}）") from exc
        for finding in outcome.findings:
            if finding.severity == "error":
                counts[finding.file] += 1
    return dict(counts)


def rescored_score(report: Report, previous: Report | None, rubrics: list[Path] | None = None) -> Value:
    """`audit.engine.rescored_total`, with last year's report at hand for 三公经费变动率; None if it fails."""
    try:
        ctx = make_context([report, *([previous] if previous is not None else [])], rubrics)
        return rescored_total(report, ctx=ctx)
    except Exception:  # noqa: BLE001 — a blank 复核得分 rather than no comparison at all
        return None


def rubric_chooser(rubrics: list[Path] | None = None) -> Callable[[Report], object | None] | None:
    """report → its rubric (the colleague's rubric files), or None when they cannot be loaded."""
    try:
        loaded = load_rubrics(rubrics)
    except Exception:  # noqa: BLE001 — Y602 then falls back to its built-in constants
        return None
    return lambda report: choose_rubric(report, loaded)


# ---------------------------------------------------------------- the comparison


def entry_values(
    entry: Entry,
    previous: Entry | None,
    errors: dict[str, int] | None,
    rescore: bool,
    rubrics: list[Path] | None,
) -> dict[str, Value]:
    """Every measure of one department-year."""
    report = entry.report
    values: dict[str, Value] = {m.key: m.read(report) for m in MEASURES if m.from_report}
    values[SELF_SCORE] = report.self_score
    values[RESCORED] = (
        rescored_score(report, previous.report if previous else None, rubrics) if rescore else None
    )
    values[ERRORS] = Decimal(errors.get(entry.file, 0)) if errors is not None else None
    return values


def compare_reports(
    reports: Sequence[Report],
    *,
    rubrics: list[Path] | None = None,
    threshold: Decimal = DEFAULT_THRESHOLD,
    error_counts: dict[str, int] | None = None,
    audit: bool = True,
) -> Comparison:
    """Match departments across years, tabulate their measures and run the Y6xx checks.

    `error_counts` (file → error findings) is computed by a per-year `run_audit` unless given;
    `audit=False` skips the per-year audit and the re-scoring (错误数 and 复核得分 stay blank).
    """
    matching = match_departments(reports)
    if error_counts is None and audit:
        error_counts = yearly_error_counts(reports, rubrics)
    years = sorted({y for d in matching.departments for y in d.years})
    comparison = Comparison(matching, years, threshold=threshold)
    for dept in matching.departments:
        for year in dept.years:
            entry = dept.entry(year)
            if entry is not None:
                values = entry_values(entry, dept.entry(year - 1), error_counts, audit, rubrics)
                comparison.values[(dept.id, year)] = values
    comparison.findings = yoy_findings(matching, rubric_chooser(rubrics), threshold)
    return comparison


# ---------------------------------------------------------------- chart selection


def biggest_move(comparison: Comparison, dept: Department, measure: Measure) -> Decimal | None:
    moves = [abs(c.absolute) for _, _, c in comparison.changes(dept, measure) if c.absolute is not None]
    return max(moves) if moves else None


def top_movers(
    comparison: Comparison, measure: Measure, limit: int = MAX_CHART_DEPARTMENTS
) -> list[Department]:
    """The departments whose value moved most (absolute change between neighbouring years).

    Departments that did not move (or have one year only) fill the remaining places, so every
    measure with data gets a chart.
    """
    with_data = [
        d for d in comparison.departments if any(v is not None for v in comparison.series(d, measure))
    ]
    ranked = sorted(
        with_data, key=lambda d: (-(biggest_move(comparison, d, measure) or Decimal(-1)), department_order(d))
    )
    return ranked[:limit]


def select_departments(comparison: Comparison, queries: Iterable[str]) -> tuple[list[Department], list[str]]:
    """The departments a reviewer named (in order, no repeats) and the names that matched none."""
    chosen: list[Department] = []
    unknown: list[str] = []
    for query in queries:
        hits = find_departments(comparison.matching, query)
        if not hits:
            unknown.append(query)
        chosen.extend(d for d in hits if d not in chosen)
    return chosen[:MAX_CHART_DEPARTMENTS], unknown


def chart_departments(
    comparison: Comparison, measure: Measure, selected: Sequence[Department] | None
) -> list[Department]:
    """The series of one measure's chart: the reviewer's departments, else the top movers."""
    chosen = list(selected) if selected else top_movers(comparison, measure)
    return [d for d in chosen if any(v is not None for v in comparison.series(d, measure))]


# ---------------------------------------------------------------- JSON


def department_entries(comparison: Comparison) -> list[dict]:
    """id, names, years (plus codes, files per year and ambiguous years) of every department."""
    entries = []
    for dept in comparison.departments:
        entries.append(
            {
                "id": dept.id,
                "name": dept.display_name,
                "names": dept.names,
                "budget_codes": dept.codes,
                "years": dept.years,
                "ambiguous_years": dept.ambiguous_years,
                "files": {str(y): [f for e in dept.by_year[y] for f in e.files] for y in dept.years},
            }
        )
    return entries


def compare_json(comparison: Comparison, results: Sequence | None = None) -> str:
    """The `--json` document: `audit --json`'s reports and findings, plus `departments`."""
    from jixiao_audit.audit.export import JSON_INDENT, finding_entries, report_entries

    doc = {
        "reports": report_entries(results) if results is not None else [],
        "findings": finding_entries(comparison.findings),
        "departments": department_entries(comparison),
        "unplaced": [e.file for e in comparison.matching.unplaced],
    }
    return json.dumps(doc, ensure_ascii=False, indent=JSON_INDENT) + "\n"
