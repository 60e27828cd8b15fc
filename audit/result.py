"""The result of one run, built once: what each file became and what the audit found.

`FileResult` is what became of one input file; `RunResult` adds the audit's findings, score
reviews and re-scored totals (computed by the engine with the rubrics and reports the run
actually had). The workbook, JSON and CSV writers only format a `RunResult`; they never call
back into the engine. Other outputs add fields here rather than recompute anything.
"""

from __future__ import annotations

from typing import Literal

from jixiao_audit.audit.finding import AuditOutcome, ReportScore
from jixiao_audit.normalize.model import Report
from pydantic import BaseModel, Field

Status = Literal[
    "ok", "error", "skipped", "unrecognised"
]  # skipped: a lock file, a broken link, a pipe; unrecognised: readable, but no known form


class FileResult(BaseModel):
    """What became of one input file: its reports, or a one-line reason it could not be read."""

    file: str
    format: str | None = None
    status: Status = "ok"
    error: str | None = None
    reports: list[Report] = Field(default_factory=list)


ReportKey = tuple[str, str | None, str | None, str | None]  # file, kind, department, project


def report_key(report: Report) -> ReportKey:
    """Which report of a run: file, kind, department and (for a project) its name."""
    return (
        report.file,
        report.kind,
        report.department,
        report.project_name if report.kind == "project" else None,
    )


class RunResult(AuditOutcome):
    """Files in input order, plus everything the audit found over all their reports."""

    files: list[FileResult] = Field(default_factory=list)

    @property
    def reports(self) -> list[Report]:
        return [report for result in self.files for report in result.reports]

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.files if r.status != "ok"]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def scores_by_report(self) -> dict[ReportKey, ReportScore]:
        """The engine's re-scored totals, by `report_key` (a report the audit did not run on has none)."""
        return {score.key: score for score in self.scores}


def run_result(files: list[FileResult], outcome: AuditOutcome | None = None) -> RunResult:
    """Files and the audit outcome over their reports, as one object."""
    outcome = outcome or AuditOutcome()
    return RunResult(files=files, **{name: getattr(outcome, name) for name in AuditOutcome.model_fields})
