"""Versions of one report in a batch: resubmissions, corrected copies, the same file sent twice.

Two reports are versions of one report when kind and year agree, they belong to the same
department (`audit.names.reports_same_department`: 预算编码 when both have one, else the
normalised names) and, for project reports, the project names agree (after dropping spaces and
punctuation). `group_versions` is a pure function over reports (plus what the batch knows of each
file: its hash and modification time); it orders each group newest first — the form's 报告日期,
then the file's modification time, then a 终稿/定稿 or 修改/修订 marker in the file name — and
the newest is the version cross-document and year-over-year rules use. The others stay in the
batch, listed as superseded, never dropped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jixiao_audit.audit.names import (
    code_digits,
    county_of,
    department_key,
    one_county,
    report_names,
    reports_same_department,
)
from jixiao_audit.normalize.model import Kind, Report
from jixiao_audit.normalize.text import date_or_none
from pydantic import BaseModel, ConfigDict

HASH_CHUNK_BYTES = 1024 * 1024  # files are hashed in pieces: a large PDF is never held whole
SHORT_TEXT_MAX_CHARS = 40  # longer text (narrative) is compared as a whole, not listed value by value
# File-name markers of a later version: a final copy outranks a corrected one, which outranks none.
FINAL_MARKERS = ("终稿", "定稿", "最终版", "最终稿")
REVISED_MARKERS = ("修改", "修订", "更正", "更新")
# A copy made by the file manager (报告 - 副本.docx, 报告 (1).docx) is no newer than its original.
COPY_MARKER = re.compile(r"副本|复制|[-_ ]\s*copy\b|[（(]\d[）)]$", re.IGNORECASE)
MARKER_NUMBER = re.compile(r"(?:修改|修订|更正|更新)稿?\s*[（(]?\s*([0-9一二三四五六七八九十])")
CHINESE_DIGITS = "一二三四五六七八九十"
_NOT_NAME = re.compile(r"[\s\W_]+")


@dataclass(frozen=True)
class FileFacts:
    """What the batch knows of an input file beyond its reports."""

    sha256: str | None = None
    mtime: float | None = None


def file_facts(path: str | Path) -> FileFacts:
    """The hash and modification time of a file; blank when it cannot be read."""
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(HASH_CHUNK_BYTES), b""):
                digest.update(chunk)
        return FileFacts(sha256=digest.hexdigest(), mtime=Path(path).stat().st_mtime)
    except OSError:
        return FileFacts()


class FactsOnDisk(dict):
    """File facts read from disk when first asked for: only versions of one report need them."""

    def get(self, file: str, default: FileFacts | None = None) -> FileFacts:  # type: ignore[override]
        if file not in self:
            self[file] = file_facts(file)
        return self[file]


# ---------------------------------------------------------------- identity


def project_key(report: Report) -> str:
    """A project's name without spaces and punctuation: 老旧小区 改造（2020） ≈ 老旧小区改造2020."""
    return _NOT_NAME.sub("", report.project_name or "")


def has_identity(report: Report) -> bool:
    """Enough is known to tell this report's versions: year, department, and the project's name."""
    if report.year is None or not (report.budget_code or department_key(report.department)):
        return False
    return report.kind == "department" or bool(project_key(report))


def same_report(a: Report, b: Report) -> bool:
    """Are `a` and `b` versions of one report?"""
    return (
        a.kind == b.kind
        and a.year == b.year
        and has_identity(a)
        and has_identity(b)
        and (a.kind == "department" or project_key(a) == project_key(b))
        and reports_same_department(a, b)
    )


# ---------------------------------------------------------------- which version is newest


def name_marker(file: str) -> tuple[int, int]:
    """(rank, number) of a version marker in the file name: 终稿 (2) > 修改稿2 (1, 2) > 修改稿 (1, 0) >
    none (0) > a file manager's copy, 副本 / (1) (-1)."""
    stem = Path(file).stem
    if COPY_MARKER.search(stem):
        return -1, 0
    if any(m in stem for m in FINAL_MARKERS):
        return 2, 0
    if not any(m in stem for m in REVISED_MARKERS):
        return 0, 0
    m = MARKER_NUMBER.search(stem)
    if not m:
        return 1, 0
    digit = m.group(1)
    return 1, int(digit) if digit.isdigit() else CHINESE_DIGITS.index(digit) + 1


def newness(report: Report, facts: FileFacts) -> tuple:
    """Sort key, larger is newer: 报告日期 (a dated form beats an undated one), mtime, name marker."""
    date = report.report_date or ""
    return (date_or_none(date) or date, facts.mtime or 0.0, name_marker(report.file))


# ---------------------------------------------------------------- differences between versions


# Not what a version says: provenance, the file, how the text was edited or read, the statements (a
# reading of the narrative, which is compared itself), and the form's own heading and 附件 label
# (another layout of the same form words them differently).
NOT_COMPARED = {"sources", "file", "revisions", "reader_notes", "statements", "title", "part"}


def flat_values(report: Report) -> dict[str, object]:
    """The report's values by JSON path ("funds.arrived.total", "income[0].total"), leaves only."""
    out: dict[str, object] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else k, v)
        elif isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                walk(f"{prefix}[{i}]", v)
        else:
            out[prefix] = value if value is None or isinstance(value, (Decimal, int, str)) else str(value)

    walk("", report.model_dump(exclude=NOT_COMPARED))
    return out


class Difference(BaseModel):
    """One value that differs between an older and a newer version of a report."""

    model_config = ConfigDict(extra="forbid")

    path: str
    old: Decimal | int | str | None
    new: Decimal | int | str | None
    old_file: str
    new_file: str


def _is_short(value: object) -> bool:
    return not isinstance(value, str) or len(value) <= SHORT_TEXT_MAX_CHARS


def differences(older: Report, newer: Report) -> list[Difference]:
    """Values that changed from `older` to `newer`; long texts (the narrative) as one entry each."""
    a, b = flat_values(older), flat_values(newer)
    found = []
    for path in list(dict.fromkeys([*a, *b])):
        old, new = a.get(path), b.get(path)
        if old == new:
            continue
        if not (_is_short(old) and _is_short(new)):
            old, new = "（原文）", "（已改动）"
        found.append(Difference(path=path, old=old, new=new, old_file=older.file, new_file=newer.file))
    return found


# ---------------------------------------------------------------- groups


class Member(BaseModel):
    """One version in a group (a file may hold several reports: kind and project tell which)."""

    model_config = ConfigDict(extra="forbid")

    file: str
    kind: Kind
    project: str | None = None
    report_date: str | None = None
    duplicate_of: str | None = None  # another version with the same content (same bytes or same values)
    same_bytes: bool = False  # … and the two files are byte-identical


class VersionGroup(BaseModel):
    """Two or more versions of one report, newest first; `members[0]` is the one the rules use."""

    model_config = ConfigDict(extra="forbid")

    id: str  # V1, V2 … in batch order
    label: str  # 2020 华容县住建局 项目「老旧小区改造」
    members: list[Member]
    differences: list[Difference] = []  # between consecutive versions, oldest pair first

    @property
    def current(self) -> Member:
        return self.members[0]


MemberKey = tuple[str, str, str | None]  # file, kind, project name (a project report)


def member_key(file: str, kind: str | None, project: str | None) -> MemberKey:
    return (file, kind or "", project if kind == "project" else None)


def members_by_key(groups: Sequence[VersionGroup]) -> dict[MemberKey, tuple[VersionGroup, Member]]:
    """Each version's group and entry, by `member_key` (what the sheets and the JSON look up)."""
    return {member_key(m.file, m.kind, m.project): (g, m) for g in groups for m in g.members}


def version_status(group: VersionGroup, member: Member) -> str:
    """采用 / 重复报送 / 旧版本, for 报告汇总."""
    current = Path(group.current.file).name
    if member == group.current:
        return "采用（最新版本）"
    if member.duplicate_of is not None:
        return f"重复报送，审核采用「{current}」"
    return f"旧版本，审核采用「{current}」"


@dataclass
class Versions:
    """The groups of a batch and, per report, its group and whether a newer version supersedes it."""

    groups: list[VersionGroup] = field(default_factory=list)
    current: list[Report] = field(default_factory=list)  # every report that no other supersedes
    _group_of: dict[int, VersionGroup] = field(default_factory=dict)
    _newest: dict[int, Report] = field(default_factory=dict)
    _members: dict[str, list[Report]] = field(default_factory=dict)

    def reports_of(self, group: VersionGroup) -> list[Report]:
        """The group's reports, newest first (as `group.members`)."""
        return self._members[group.id]

    def group_of(self, report: Report) -> VersionGroup | None:
        return self._group_of.get(id(report))

    def superseded_by(self, report: Report) -> Report | None:
        """The newer version the rules use instead of `report`; None when `report` is that one."""
        newest = self._newest.get(id(report))
        return None if newest is None or newest is report else newest


def budget_digits(report: Report) -> str:
    """The digits of the 预算编码, as `audit.names.same_budget_code` compares them ("" if none)."""
    return code_digits(report.budget_code) or ""


def candidate_keys(report: Report) -> set[tuple]:
    """Keys two reports must share to possibly be versions of one report (`same_report` decides).

    The same 预算编码, or a department name key with the same first and last character (an
    abbreviation keeps both: 住建局 / 住房和城乡建设局); each within kind, year and project. This keeps
    the pairwise test to a few candidates per report instead of every pair of a county's reports.
    """
    base = (report.kind, report.year, project_key(report) if report.kind == "project" else "")
    keys: set[tuple] = set()
    code = budget_digits(report)
    if code:
        keys.add((*base, "code", code))
    for name in report_names(report):
        for county in {report.county, None}:
            key = department_key(name, county)
            if key:
                keys.add((*base, "name", key[0], key[-1]))
    return keys


def county_guesses(reports: Sequence[Report], cells: Mapping[tuple, list[int]]) -> set[int]:
    """Reports naming no county whose versions would be a guess: their name matches reports of
    several counties (水利局 with 华容县水利局 and 湘阴县水利局), so they join none of them."""
    guesses: set[int] = set()
    for i, report in enumerate(reports):
        if county_of(report) is not None:
            continue
        if not has_identity(report):
            continue
        others = {j for key in candidate_keys(report) for j in cells.get(key, ()) if j != i}
        matches = [reports[j] for j in sorted(others) if same_report(report, reports[j])]
        if matches and not one_county(report, matches):
            guesses.add(i)
    return guesses


def _components(reports: Sequence[Report]) -> list[list[int]]:
    """Indices of reports that are versions of one another (transitively), in batch order."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    cells: dict[tuple, list[int]] = {}
    for i, r in enumerate(reports):
        if has_identity(r):
            for key in candidate_keys(r):
                cells.setdefault(key, []).append(i)
    digits = [budget_digits(r) for r in reports]
    codes = [{d} - {""} for d in digits]  # per component root: its 预算编码s
    guesses = county_guesses(reports, cells)
    tried: set[tuple[int, int]] = set()
    for key, members in cells.items():
        by_name = key[3] == "name"
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if by_name and digits[i] and digits[j]:
                    continue  # both have a 预算编码: the codes decide, and equal codes share a cell
                if i in guesses or j in guesses:
                    continue  # a report naming no county, matching reports of several: no guess
                a, b = find(i), find(j)
                if (i, j) in tried or a == b or len(codes[a] | codes[b]) > 1:
                    continue  # never one group over two 预算编码 (a name without a code may fit both)
                tried.add((i, j))
                if same_report(reports[i], reports[j]):
                    parent[b] = a
                    codes[a] |= codes[b]
    groups: dict[int, list[int]] = {}
    for i in range(len(reports)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


@dataclass(frozen=True)
class _Print:
    """What tells two versions apart cheaply: the file's hash and the values read, as text."""

    file: str
    sha256: str | None
    values: str

    def same_bytes(self, other: _Print) -> bool:
        return bool(self.sha256) and self.sha256 == other.sha256 and self.file != other.file

    def identical(self, other: _Print) -> bool:
        """Byte-identical files, or the same values read (another format, another name)."""
        return self.same_bytes(other) or self.values == other.values


def _print(report: Report, facts: Mapping[str, FileFacts]) -> _Print:
    values = json.dumps(
        report.model_dump(mode="json", exclude=NOT_COMPARED), ensure_ascii=False, sort_keys=True
    )
    return _Print(report.file, (facts.get(report.file) or FileFacts()).sha256, values)


def group_label(report: Report) -> str:
    name = report.department or report.budget_code or ""
    what = f"项目「{report.project_name}」" if report.kind == "project" else "部门整体"
    return f"{report.year}年 {name} {what}".strip()


def group_versions(reports: Sequence[Report], facts: Mapping[str, FileFacts] | None = None) -> Versions:
    """Group the batch's reports into versions of one report; newest first in each group."""
    facts = facts or {}
    versions = Versions()
    order = {id(r): i for i, r in enumerate(reports)}
    for indices in _components(reports):
        members = [reports[i] for i in indices]
        if len(members) < 2:
            versions._newest[id(members[0])] = members[0]
            continue
        # newest first; among equals the one earlier in the batch (stable and reproducible)
        members.sort(key=lambda r: order[id(r)])
        members.sort(key=lambda r: newness(r, facts.get(r.file) or FileFacts()), reverse=True)
        newest = members[0]
        for r in members:
            versions._newest[id(r)] = newest
        prints = [_print(r, facts) for r in members]
        group = VersionGroup(
            id=f"V{len(versions.groups) + 1}",
            label=group_label(newest),
            members=[_member(r, p, prints) for r, p in zip(members, prints)],
            differences=[
                d
                for k in range(len(members) - 1, 0, -1)  # oldest pair first: members are newest first
                if not prints[k].identical(prints[k - 1])
                for d in differences(members[k], members[k - 1])
            ],
        )
        versions.groups.append(group)
        versions._members[group.id] = members
        for r in members:
            versions._group_of[id(r)] = group
    versions.current = [r for r in reports if versions.superseded_by(r) is None]
    return versions


def _member(report: Report, own: _Print, prints: Sequence[_Print]) -> Member:
    twin = next((p for p in prints if p is not own and own.identical(p)), None)
    return Member(
        file=report.file,
        kind=report.kind,
        project=report.project_name if report.kind == "project" else None,
        report_date=report.report_date,
        duplicate_of=twin.file if twin is not None else None,
        same_bytes=twin is not None and own.same_bytes(twin),
    )
