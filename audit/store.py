"""The big parts of a run on disk: what became of each file (its `FileResult` with report stubs),
findings, score reviews, totals, version groups and per-report rows, in SQLite.

A flat-memory run (`jixiao_audit.spool`) puts each file's result, its reports' 提取数据 cells and own
score items here as the file is read, and each cluster's findings, reviews, re-scored totals and
version groups as it is audited; the writers
read them back in the order the sheets and the JSON need (`audit.sheets`, `audit.export`), row by
row, so the parent's memory does not grow with the batch. The database lives in a temporary
folder and is removed with it.
"""

from __future__ import annotations

import json
import pickle
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from jixiao_audit.audit.finding import SEVERITY_ORDER, Finding, ReportScore, ScoreReview
from jixiao_audit.audit.result import FileResult
from jixiao_audit.audit.versions import Member, VersionGroup, member_key

STORE_PREFIX = "jixiao-store-"
SCHEMA = """
CREATE TABLE files (idx INTEGER PRIMARY KEY, name TEXT, status TEXT, reports INTEGER, data BLOB);
CREATE INDEX files_by_name ON files (name);
CREATE TABLE findings (seq INTEGER PRIMARY KEY, file TEXT, severity INTEGER, rule TEXT, location TEXT,
                       message TEXT, canonical TEXT, data BLOB, kind TEXT, department TEXT, project TEXT);
CREATE INDEX findings_by_file ON findings (file);
CREATE TABLE reviews (seq INTEGER PRIMARY KEY, file_index INTEGER, data BLOB);
CREATE TABLE reports (file_index INTEGER, position INTEGER, figures BLOB, score_rows BLOB,
                      PRIMARY KEY (file_index, position));
CREATE TABLE scores (report TEXT PRIMARY KEY, data BLOB);
CREATE TABLE groups (seq INTEGER PRIMARY KEY, start INTEGER, number INTEGER, data BLOB, labels BLOB);
CREATE INDEX groups_by_number ON groups (number);
CREATE TABLE members (member TEXT PRIMARY KEY, grp INTEGER, position INTEGER);
"""
FETCH_ROWS = 1000  # rows fetched from SQLite at a time


def _dump(value: object) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def key_text(key: tuple) -> str:
    """A report key (`audit.result.report_key`) as the text the store looks it up by."""
    return json.dumps(key, ensure_ascii=False)


def canonical_entry(entry: dict) -> str:
    """A JSON finding entry as sortable text: the JSON's order among findings of equal sort key."""
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)


class RunStore:
    """Findings, reviews and report rows of one run in a temporary SQLite database."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix=STORE_PREFIX)
        self._db = sqlite3.connect(Path(self._dir.name) / "run.sqlite")
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self.counts = dict.fromkeys(SEVERITY_ORDER, 0)
        self.file_count = self.report_count = 0

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()

    # ---------------------------------------------------------------- writing

    def add_file(self, result: FileResult) -> int:
        """`result` (its reports as stubs) as the run's next file; its index."""
        index = self.file_count
        self._db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
            (index, result.file, result.status, len(result.reports), _dump(result)),
        )
        self.file_count += 1
        self.report_count += len(result.reports)
        return index

    def add_report_rows(self, file_index: int, position: int, figures: tuple, score_rows: tuple) -> None:
        self._db.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?)",
            (file_index, position, _dump(figures), _dump(score_rows)),
        )

    def add_findings(self, findings: Iterable[Finding], entry: Callable[[Finding], dict]) -> None:
        """Findings in their sheet order among equals (`entry(f)` is the finding's JSON entry), one at
        a time."""

        def rows() -> Iterator[tuple]:
            for f in findings:
                self.counts[f.severity] += 1
                file, severity, rule, location, message = f.sort_key()
                named = (f.kind, f.department, f.project) if f.kind else (None, None, None)
                yield (file, severity, rule, location, message, canonical_entry(entry(f)), _dump(f), *named)

        self._db.executemany(
            "INSERT INTO findings (file, severity, rule, location, message, canonical, data, kind, department, "
            "project) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows(),
        )

    def add_reviews(self, reviews: Iterable[tuple[int, ScoreReview]]) -> None:
        self._db.executemany(
            "INSERT INTO reviews (file_index, data) VALUES (?, ?)", ((i, _dump(r)) for i, r in reviews)
        )

    def add_scores(self, scores: Iterable[ReportScore]) -> None:
        """Re-scored totals by report key; a key seen again takes the later total, as a dict of the
        run's totals would (two reports of one key share a file, so a cluster, in input order)."""
        self._db.executemany(
            "INSERT OR REPLACE INTO scores VALUES (?, ?)", ((key_text(s.key), _dump(s)) for s in scores)
        )

    def add_group(self, start: int, group: VersionGroup, labels: list[str]) -> None:
        """A group of versions whose first report is the batch's `start`-th, with each difference's 字段."""
        seq = self._db.execute(
            "INSERT INTO groups (start, data, labels) VALUES (?, ?, ?)", (start, _dump(group), _dump(labels))
        ).lastrowid
        self._db.executemany(
            "INSERT OR REPLACE INTO members VALUES (?, ?, ?)",
            ((key_text(member_key(m.file, m.kind, m.project)), seq, i) for i, m in enumerate(group.members)),
        )

    def number_groups(self) -> int:
        """Number the groups V1, V2 … by their first report in the batch, once every group is in."""
        self._db.execute(
            "UPDATE groups SET number = ranked.n FROM "
            "(SELECT seq, ROW_NUMBER() OVER (ORDER BY start, seq) AS n FROM groups) AS ranked "
            "WHERE groups.seq = ranked.seq"
        )
        return self._db.execute("SELECT COUNT(*) FROM groups").fetchone()[0]

    # ---------------------------------------------------------------- reading

    def _rows(self, sql: str, args: tuple = ()) -> Iterator[tuple]:
        cursor = self._db.execute(sql, args)
        while batch := cursor.fetchmany(FETCH_ROWS):
            yield from batch

    def file(self, index: int) -> FileResult:
        row = self._db.execute("SELECT data FROM files WHERE idx = ?", (index,)).fetchone()
        if row is None:
            raise IndexError(index)
        return pickle.loads(row[0])

    def files(self, where: str = "") -> Iterator[FileResult]:
        """The run's files in input order (`where`: an SQL condition on name, status, reports)."""
        return (pickle.loads(d) for (d,) in self._rows(f"SELECT data FROM files {where} ORDER BY idx"))

    def files_named(self, name: str) -> list[FileResult]:
        """The files (usually one) whose display name is `name`, in input order."""
        sql = "SELECT data FROM files WHERE name = ? ORDER BY idx"
        return [pickle.loads(d) for (d,) in self._db.execute(sql, (name,))]

    def severity_counts(self, file: str) -> dict[tuple, dict[str, int]]:
        """Finding counts of `file` by (kind, department, project) of the report they name ((None,
        None, None): the file's, naming no report)."""
        sql = "SELECT kind, department, project, severity, COUNT(*) FROM findings WHERE file = ? GROUP BY 1, 2, 3, 4"
        counts: dict[tuple, dict[str, int]] = {}
        names = list(SEVERITY_ORDER)  # by their number
        for kind, department, project, severity, n in self._db.execute(sql, (file,)):
            of_report = counts.setdefault((kind, department, project), dict.fromkeys(SEVERITY_ORDER, 0))
            of_report[names[severity]] += n
        return counts

    def findings(self) -> Iterator[Finding]:
        """Every finding in the sheet's order: `Finding.sort_key`, then the order they came in."""
        order = "file, severity, rule, location, message, seq"
        return (pickle.loads(d) for (d,) in self._rows(f"SELECT data FROM findings ORDER BY {order}"))

    def findings_for_json(self) -> Iterator[Finding]:
        """Every finding in the JSON's order: `Finding.sort_key`, then the entry's canonical text."""
        order = "file, severity, rule, location, message, canonical, seq"
        return (pickle.loads(d) for (d,) in self._rows(f"SELECT data FROM findings ORDER BY {order}"))

    def reviews(self) -> Iterator[tuple[int, ScoreReview]]:
        """(file index, review), by file index, each file's in the order they came in."""
        sql = "SELECT file_index, data FROM reviews ORDER BY file_index, seq"
        return ((i, pickle.loads(d)) for i, d in self._rows(sql))

    def report_rows(self, file_index: int, position: int) -> tuple[tuple, tuple]:
        """(提取数据 cells, own score items) of one report."""
        row = self._db.execute(
            "SELECT figures, score_rows FROM reports WHERE file_index = ? AND position = ?",
            (file_index, position),
        ).fetchone()
        return (pickle.loads(row[0]), pickle.loads(row[1])) if row else ((), ())

    def score(self, key: tuple) -> ReportScore | None:
        """The re-scored total of the report with `key`, or None (the audit did not run on it)."""
        row = self._db.execute("SELECT data FROM scores WHERE report = ?", (key_text(key),)).fetchone()
        return pickle.loads(row[0]) if row else None

    def groups(self) -> Iterator[VersionGroup]:
        """The version groups, numbered, in their order (`number_groups`)."""
        sql = "SELECT number, data FROM groups ORDER BY number"
        return (_numbered(n, pickle.loads(d)) for n, d in self._rows(sql))

    def group(self, number: int) -> VersionGroup | None:
        """Group V`number` (numbered by `number_groups`), or None."""
        row = self._db.execute("SELECT data FROM groups WHERE number = ?", (number,)).fetchone()
        return _numbered(number, pickle.loads(row[0])) if row else None

    def group_labels(self, number: int) -> list[str] | None:
        """字段 of each difference of group V`number`."""
        row = self._db.execute("SELECT labels FROM groups WHERE number = ?", (number,)).fetchone()
        return pickle.loads(row[0]) if row else None

    def group_of(self, key: tuple) -> tuple[VersionGroup, Member] | None:
        """The group of the report with `member_key` `key` and its entry there, or None."""
        row = self._db.execute(
            "SELECT groups.number, groups.data, members.position FROM members "
            "JOIN groups ON groups.seq = members.grp WHERE members.member = ?",
            (key_text(key),),
        ).fetchone()
        if row is None:
            return None
        group = _numbered(row[0], pickle.loads(row[1]))
        return group, group.members[row[2]]


def _numbered(number: int, group: VersionGroup) -> VersionGroup:
    return group.model_copy(update={"id": f"V{number}"})
