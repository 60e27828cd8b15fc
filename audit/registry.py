"""The rule registry: every audit rule is a small function registered here with a stable code.

Codes (like flake8/ruff): A1xx arithmetic, N2xx narrative vs tables, R3xx rubric re-scoring,
X4xx across documents, C5xx completeness, Y6xx year over year, V7xx versions of one report
(tracked changes, resubmissions), E9xx internal.

A per-report rule is ``fn(report, ctx) -> Iterable[Finding]``; a cross-document rule
(``scope="corpus"``) is ``fn(reports, ctx) -> Iterable[Finding]``. Rules build findings with
`Rule.finding`, which formats the rule's Chinese message template, fills location/evidence from
the report's sources and computes the difference.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from jixiao_audit.audit.finding import Finding, Severity, report_identity
from jixiao_audit.audit.names import DepartmentIndex, one_county
from jixiao_audit.audit.ocr_confidence import LOW_CONFIDENCE_NOTE, shaky_sources
from jixiao_audit.audit.rubrics import Rubric, choose_rubric
from jixiao_audit.audit.tolerance import cause_suffix, fmt
from jixiao_audit.audit.values import where
from jixiao_audit.audit.versions import Versions
from jixiao_audit.normalize.model import Report

Family = Literal["arithmetic", "narrative", "rubric", "cross", "completeness", "year", "version", "internal"]
Scope = Literal["report", "corpus"]

FAMILY_PREFIX: dict[str, str] = {
    "arithmetic": "A",
    "narrative": "N",
    "rubric": "R",
    "cross": "X",
    "completeness": "C",
    "year": "Y",
    "version": "V",
    "internal": "E",
}
CODE_PATTERN = re.compile(r"^[ANRXCYVE]\d{3}$")
_FIELD = re.compile(r"\{(\w+)")


@dataclass
class Rule:
    code: str
    name: str  # short Chinese name
    family: Family
    severity: Severity
    template: str  # Chinese message, str.format fields; "{cause}" gets the likely-cause suffix
    func: Callable[..., Iterable[Finding]]
    scope: Scope = "report"
    kinds: tuple[str, ...] = ("department", "project")

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""

    @property
    def fields(self) -> set[str]:
        return set(_FIELD.findall(self.template))

    def applies_to(self, report: Report) -> bool:
        return report.kind in self.kinds

    def message(self, **fields: Any) -> str:
        shown = {
            k: (fmt(v) if isinstance(v, Decimal) else ("" if v is None else v)) for k, v in fields.items()
        }
        return self.template.format(**shown)

    def finding(
        self,
        report: Report | None = None,
        *,
        file: str | None = None,
        path: str | None = None,
        location: str | None = None,
        evidence: str | None = None,
        expected: Decimal | str | None = None,
        actual: Decimal | str | None = None,
        difference: Decimal | None = None,
        related_file: str | None = None,
        rests_on: Iterable[str] = (),
        **fields: Any,
    ) -> Finding:
        """A Finding of this rule. `path` names the value in `report.sources` for location/evidence;
        `rests_on` the values of other records it adds up (whose weak OCR reading softens it too)."""
        if report is not None and path is not None:
            loc, ev = where(report, path)
            location = location or loc
            evidence = evidence or ev
        if difference is None and isinstance(expected, Decimal) and isinstance(actual, Decimal):
            difference = actual - expected
        for name, value in (("expected", expected), ("actual", actual), ("difference", difference)):
            fields.setdefault(name, value)
        if "cause" in self.fields and "cause" not in fields:
            numbers = (
                (expected, actual)
                if isinstance(expected, Decimal) and isinstance(actual, Decimal)
                else (None, None)
            )
            fields["cause"] = cause_suffix(*numbers)
        severity, message = self.severity, self.message(**fields)
        if report is not None and shaky_sources(report, path, (expected, actual), rests_on):
            # A figure OCR may have misread: the reviewer checks the scan; never an error on it alone.
            severity = "warning" if severity == "error" else severity
            message = f"{message}（{LOW_CONFIDENCE_NOTE}）"
        return Finding(
            file=file or (report.file if report is not None else ""),
            rule=self.code,
            severity=severity,
            message=message,
            expected=shown(expected),
            actual=shown(actual),
            difference=shown(difference),
            location=location,
            evidence=evidence,
            related_file=related_file,
            **(
                report_identity(report)
                if report is not None and (file is None or file == report.file)
                else {}
            ),
        )


_RULES: dict[str, Rule] = {}


def _by_year_and_name(reports: list[Report]) -> dict[tuple[int | None, str | None], DepartmentIndex]:
    """Project reports by (year, project name), each group indexed by department identity."""
    groups: dict[tuple[int | None, str | None], list[Report]] = {}
    for report in reports:
        if report.kind == "project":
            groups.setdefault((report.year, report.project_name), []).append(report)
    return {key: DepartmentIndex(group) for key, group in groups.items()}


SHOWN_QUANTUM = Decimal("0.01")
MAX_PRINTED_PLACES = 4  # figures converted from 元 keep 4 places; more means a computed ratio


def shown(value: Decimal | str | None) -> Decimal | str | None:
    """A figure as a finding states it: computed ratios rounded to 0.01, printed figures untouched."""
    if isinstance(value, Decimal) and value.is_finite() and -value.as_tuple().exponent > MAX_PRINTED_PLACES:
        return value.quantize(SHOWN_QUANTUM)
    return value


def rule(
    code: str,
    *,
    name: str,
    family: Family,
    severity: Severity,
    template: str,
    scope: Scope = "report",
    kinds: tuple[str, ...] = ("department", "project"),
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register a rule function under `code`. Codes are unique and start with the family's letter."""

    def register(fn: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        add(Rule(code, name, family, severity, template, fn, scope, kinds))
        return fn

    return register


def add(r: Rule) -> Rule:
    if not CODE_PATTERN.match(r.code) or r.code[0] != FAMILY_PREFIX[r.family]:
        raise ValueError(f"bad rule code {r.code} for family {r.family}")
    if r.code in _RULES and _RULES[r.code].func is not r.func:
        raise ValueError(f"duplicate rule code {r.code}")
    _RULES[r.code] = r
    r.func.rule = r  # type: ignore[attr-defined]  # a rule function reaches its Rule as `fn.rule`
    return r


def _load_rules() -> None:
    import jixiao_audit.audit.rules as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{info.name}")


def all_rules() -> list[Rule]:
    _load_rules()
    return [_RULES[c] for c in sorted(_RULES)]


def get_rule(code: str) -> Rule:
    _load_rules()
    return _RULES[code]


# ---------------------------------------------------------------- what rules may consult


@dataclass
class AuditContext:
    """Shared state of one run: all reports, the rubrics, and per-report caches."""

    # the reports cross-document and year-over-year rules compare (no superseded version)
    reports: list[Report]
    rubrics: list[Rubric] = field(default_factory=list)
    versions: Versions | None = None  # the batch's versions of one report (audit.versions)
    _cache: dict[tuple[str, int], Any] = field(default_factory=dict)

    def cached(self, name: str, report: Report, compute: Callable[[], Any]) -> Any:
        key = (name, id(report))
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def rubric_for(self, report: Report) -> Rubric | None:
        return choose_rubric(report, self.rubrics)

    def matching(self):
        """The run's department reports grouped across years (`audit.compare_match.Matching`), once."""
        from jixiao_audit.audit.compare_match import match_departments

        return self.cached("matching", None, lambda: match_departments(self.reports))

    def previous_year(self, report: Report) -> Report | None:
        """The same department's (or project's) report of the year before, if it is in this run.

        A department report's previous year is the one the year-over-year matching pairs it with,
        so the re-scoring and the Y6xx rules never disagree; a project report's is the project of
        the same name whose department is the same (`audit.names`).
        """
        from jixiao_audit.audit.compare_match import previous_years

        if report.year is None:
            return None
        if report.kind == "department":
            return self.cached("previous_years", None, lambda: previous_years(self.matching())).get(
                id(report)
            )
        same_name = self.cached("projects_by_year_and_name", None, lambda: _by_year_and_name(self.reports))
        index = same_name.get((report.year - 1, report.project_name))
        others = [o for o in index.matches(report) if o is not report] if index is not None else []
        # a project naming no county is not matched to same-named projects of several counties
        return next(iter(one_county(report, others)), None)

    def scores(self, report: Report):
        """The re-scored rubric items of `report` (list of `audit.rubrics.scoring.ItemResult`)."""
        from jixiao_audit.audit.rubrics.scoring import rescore_report

        return self.cached(
            "scores",
            report,
            lambda: rescore_report(report, self.rubric_for(report), self.previous_year(report)),
        )

    def figures(self, report: Report):
        """Figures stated in the report's narrative (list of `audit.narrative.Figure`)."""
        from jixiao_audit.audit.narrative import extract_figures

        return self.cached("figures", report, lambda: extract_figures(report))
