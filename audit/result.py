"""The result of one run, built once: what each file became and what the audit found.

`FileResult` is what became of one input file; `RunResult` adds the audit's findings, score
reviews and re-scored totals (computed by the engine with the rubrics and reports the run
actually had). The workbook, JSON and CSV writers only format a `RunResult`; they never call
back into the engine. Other outputs add fields here rather than recompute anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao_audit.audit.finding import AuditOutcome, Finding, ReportScore
from jixiao_audit.audit.versions import Member, MemberKey, VersionGroup, members_by_key
from jixiao_audit.normalize.model import Report
from pydantic import BaseModel, Field, PrivateAttr

Status = Literal[
    "ok", "error", "skipped", "unrecognised"
]  # skipped: a lock file, a broken link, a pipe; unrecognised: readable, but no known form


@dataclass(frozen=True, slots=True)
class ReportStub:
    """What the outputs of a run need of one report, once its audit is done (a few KB, no provenance).

    A flat-memory run (`jixiao_audit.spool`) keeps these instead of `Report`s: the sheets and the
    JSON read only these fields, and the 提取数据 cells and the report's own score items (for
    评分复核 when nothing re-scored it) are formatted in the worker, from the report itself.
    """

    file: str
    kind: str
    department: str | None
    year: int | None
    project_name: str | None
    self_score: Decimal | None
    grade: str | None
    budget_code: str | None
    county: str | None
    supervisor: str | None
    # 提取数据 cells after the identity columns (`audit.sheets.figure_cells`) and (指标, 分值, 自评得分)
    # of each score item (`audit.sheets.score_item_cells`); None once moved to the run's store
    figures: tuple | None
    score_rows: tuple | None


class FileResult(BaseModel):
    """What became of one input file: its reports, or a one-line reason it could not be read."""

    file: str
    format: str | None = None
    status: Status = "ok"
    error: str | None = None
    reports: list[Report] = Field(default_factory=list)  # `ReportStub`s in a flat-memory run


ReportKey = tuple[str, str | None, str | None, str | None]  # file, kind, department, project


def report_key(report: Report | ReportStub) -> ReportKey:
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
    # 版本比对's 字段 of each difference, by group id, where the run kept no `Report` to name them from
    version_labels: dict[str, list[str]] = Field(default_factory=dict)

    # A flat-memory run keeps its findings, reviews and report rows here instead (`audit.store`).
    _store: object | None = PrivateAttr(default=None)

    @property
    def store(self):
        """The run's `audit.store.RunStore`, or None when everything is in the lists above."""
        return self._store

    def close(self) -> None:
        """Remove the run's temporary store, once every output is written."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def findings_in_order(self) -> Iterator[Finding]:
        """Every finding by `Finding.sort_key` (equal keys in the order the audit gave them)."""
        if self._store is not None:
            return self._store.findings()
        return iter(sorted(self.findings, key=Finding.sort_key))

    @property
    def reports(self) -> list[Report]:
        return [report for result in self.files for report in result.reports]

    @property
    def report_count(self) -> int:
        """How many reports the run's files hold (without reading them back from a store)."""
        if self._store is not None:
            return self._store.report_count
        return sum(len(result.reports) for result in self.files)

    @property
    def failed(self) -> list[FileResult]:
        if self._store is not None:
            return list(self._store.files("WHERE status != 'ok'"))
        return [r for r in self.files if r.status != "ok"]

    def reports_of_file(self, file: str) -> list[Report]:
        """The reports (or stubs) of the files shown as `file`, in input order."""
        if self._store is not None:
            return [report for result in self._store.files_named(file) for report in result.reports]
        return [report for result in self.files if result.file == file for report in result.reports]

    def count(self, severity: str) -> int:
        if self._store is not None:
            return self._store.counts[severity]
        return sum(1 for f in self.findings if f.severity == severity)

    def scores_by_report(self) -> Mapping[ReportKey, ReportScore] | _StoredScores:
        """The engine's re-scored totals, by `report_key` (a report the audit did not run on has none);
        `.get(key)` of a flat-memory run's looks the total up in its store."""
        if self._store is not None:
            return _StoredScores(self._store)
        return {score.key: score for score in self.scores}

    def version_index(self) -> Mapping[MemberKey, tuple[VersionGroup, Member]] | _StoredIndex:
        """Each version's group and entry, by `member_key` (`audit.versions.members_by_key`);
        `.get(key)` of a flat-memory run's looks it up in its store."""
        if self._store is not None:
            return _StoredIndex(self._store)
        return members_by_key(self.versions)


@dataclass(frozen=True)
class StoredFiles(Sequence):
    """A run store's files (`RunStore.files`), read back as they are iterated or indexed: a
    flat-memory run's `files`."""

    store: object

    def __len__(self) -> int:
        return self.store.file_count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.store.file(i) for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self.store.file(index % len(self))

    def __iter__(self) -> Iterator[FileResult]:
        return self.store.files()


@dataclass(frozen=True)
class StoredVersions(Sequence):
    """A run store's version groups (`RunStore.groups`), read as they are iterated: a flat-memory
    run's `versions`."""

    store: object
    size: int

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        if not -self.size <= index < self.size:
            raise IndexError(index)
        return self.store.group(index % self.size + 1)  # numbered V1 … in order

    def __iter__(self) -> Iterator[VersionGroup]:
        return self.store.groups()


@dataclass(frozen=True)
class StoredLabels:
    """A run store's 字段 of each difference, by group id: a flat-memory run's `version_labels`."""

    store: object

    def get(self, group_id: str, default: list[str] | None = None) -> list[str] | None:
        found = self.store.group_labels(int(group_id[1:]))
        return default if found is None else found


@dataclass(frozen=True)
class _StoredIndex:
    """A run store's versions by `member_key`, looked up one at a time (`RunStore.group_of`)."""

    store: object

    def get(self, key: MemberKey, default=None) -> tuple[VersionGroup, Member] | None:
        found = self.store.group_of(key)
        return default if found is None else found


@dataclass(frozen=True)
class _StoredScores:
    """A run store's totals, looked up one at a time (`RunStore.score`)."""

    store: object

    def get(self, key: ReportKey, default: ReportScore | None = None) -> ReportScore | None:
        found = self.store.score(key)
        return default if found is None else found


def run_result(files: list[FileResult], outcome: AuditOutcome | None = None) -> RunResult:
    """Files and the audit outcome over their reports, as one object."""
    outcome = outcome or AuditOutcome()
    return RunResult(files=files, **{name: getattr(outcome, name) for name in AuditOutcome.model_fields})
