"""Independent clusters of a run's files: files whose reports a rule may relate, as fine as the rules allow.

A cluster is audited alone (`jixiao_audit.spool`), so two files must share one whenever any rule
could relate a report of one to a report of the other, or whenever one report's outcome depends
on whether the other is in the batch. Every rule that relates reports first needs the same county
(`audit.names.same_county`: the county a report states, else the one its names start with,
`county_of`), so reports naming a county are keyed within it (`identity_keys`).

A report naming no county ("loose": 水利局, no county on its cover) may still be related to one
county's reports, and each rule's own matching path decides which (`LooseLinks`, by the rules' own
predicates over the stubs, given the whole batch):

- a department report whose project reports name a county (X4xx, `rules.cross.departments_of`
  keeps a county-less department for a county's project), a project that is the year before of a
  county's project (`AuditContext.previous_year` may pick it), and a department report in a file
  of the same name as a county's (`compare_match.merge_copies`): always related;
- its versions (`versions.county_guesses`), the departments of a project (X4xx,
  `names.one_county`) and a project's year before (`previous_year`, `one_county`): related when
  its matches lie in one county; when they lie in two or more the rule refuses every link, and
  the report joins none of them, unless its cluster holds one of those matches anyway (or a
  county-less match, whose link the refusal also drops): then it joins them all, so that its
  audit sees the refusal. A refusal that superseded versions might lift (the rules compare only
  the newest version of each report) is not relied on: the report then joins them all.

Year-over-year matching groups department reports by `county_of` (county-less ones apart), so
beyond `merge_copies` it relates a county-less report to county-less ones only, as the keys do.
What is kept in memory is ints (keys by hash), plus the stubs of the county-less reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from jixiao_audit.audit.compare_match import copies_of_one_report, make_entry
from jixiao_audit.audit.names import (
    code_digits,
    county_of,
    department_key,
    name_ends,
    report_names,
    reports_same_department,
)
from jixiao_audit.audit.result import FileResult, ReportStub
from jixiao_audit.audit.rules.cross import linked
from jixiao_audit.audit.versions import candidate_keys, has_identity, same_report

Spellings = dict[str | None, list[str | None]]  # county key (`county_of`) → the spellings stated
VERSIONS, DEPARTMENTS, YEAR_BEFORE = "versions", "departments", "year_before"  # paths that may refuse


def _union_find(n: int) -> tuple[Callable[[int], int], Callable[[int, int], None]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    return find, union


def identity_keys(stub: ReportStub, spellings: Spellings) -> set[tuple]:
    """Keys two reports of one county share whenever a rule may relate them.

    `audit.names.reports_same_department` needs the same county (`county_of`: reports naming none
    are keyed apart, under None; `LooseLinks` relates them to a county's), then the same 预算编码
    or matching names, normalised with either report's stated county (or none); matching names
    have keys with the same first and last character (`name_ends`). The year-over-year matching
    also folds copies of a department report: the same (year, name key, 预算编码) and file stem,
    or the same values (so the same names, and the same county).
    """
    county = county_of(stub)
    keys: set[tuple] = set()
    code = code_digits(stub.budget_code)
    if code:
        keys.add(("code", county, code))
    for spelling in (*spellings.get(county, ()), None):
        for name in report_names(stub):
            key = department_key(name, spelling)
            if key:
                keys.add(("name", county, name_ends(key)))
    if stub.kind == "department":  # `compare_match.merge_copies`: same file stem, or the same values
        name = department_key(stub.department, stub.county)
        keys.add(("copy", county, stub.year, name, code or None, PurePath(stub.file).stem))
        if not (name or code):  # the same values and no name nor code: nothing else joins them
            keys.add(("copy", county, stub.year))
    return keys


@dataclass
class _Loose:
    """A county-less report and what the whole batch offers it, per path that may refuse: the
    matches as (file index, county or None), and of each county match its version cells
    (`version_cells`; None: it may be left out of the comparison anyway)."""

    index: int  # its file's
    position: int  # in its file (a stored run's files are read back as new objects each pass)
    stub: ReportStub
    matches: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)
    cells: dict[str, list[VersionCells | None]] = field(default_factory=dict)

    def add(self, path: str, at: int, other: ReportStub, sure: bool = True) -> None:
        county = county_of(other)
        self.matches.setdefault(path, []).append((at, county))
        if county is not None and path != VERSIONS:  # versions are grouped over every report
            self.cells.setdefault(path, []).append(version_cells(other) if sure else None)


class LooseLinks:
    """The county-less reports of a run, met by every report of it (`meet`), and what joins them."""

    def __init__(self, loose: list[tuple[int, int, ReportStub]], spellings: Spellings):
        self.loose = [_Loose(i, position, stub) for i, position, stub in loose]
        self.direct: list[tuple[int, int]] = []  # file pairs some rule relates
        self._by_code: dict[str, list[_Loose]] = {}
        self._by_name: dict[tuple[str | None, tuple[str, str]], list[_Loose]] = {}
        self._by_stem: dict[tuple[int | None, str], list[_Loose]] = {}
        stated = [s for group in spellings.values() for s in group]
        for entry in self.loose:
            stub = entry.stub
            if code := code_digits(stub.budget_code):
                self._by_code.setdefault(code, []).append(entry)
            for spelling in {*stated, None}:  # a pair is normalised with the other's stated county
                for key in {department_key(n, spelling) for n in report_names(stub)} - {""}:
                    self._by_name.setdefault((spelling, name_ends(key)), []).append(entry)
            if stub.kind == "department":
                self._by_stem.setdefault((stub.year, PurePath(stub.file).stem), []).append(entry)

    def _candidates(self, stub: ReportStub) -> Iterator[_Loose]:
        seen: set[int] = set()
        found = list(self._by_code.get(code_digits(stub.budget_code) or "", []))
        for name in report_names(stub):
            if key := department_key(name, stub.county):
                found += self._by_name.get((stub.county or None, name_ends(key)), [])
        if stub.kind == "department":
            found += self._by_stem.get((stub.year, PurePath(stub.file).stem), [])
        for entry in found:
            if id(entry) not in seen:
                seen.add(id(entry))
                yield entry

    def meet(self, at: int, result: FileResult) -> None:
        """Relate each report of file `at` to each county-less report a rule may compare it with."""
        if not self.loose:
            return
        projects = {r.project_name for r in result.reports if r.kind == "project"}
        for position, stub in enumerate(result.reports):
            for entry in self._candidates(stub):
                if (entry.index, entry.position) != (at, position):
                    self._relate(entry, at, stub, projects)

    def _relate(self, entry: _Loose, at: int, other: ReportStub, projects: set[str | None]) -> None:
        """`projects`: the names of the projects in `other`'s file."""
        own, named = entry.stub, county_of(other) is not None
        if same_report(own, other):
            entry.add(VERSIONS, at, other)
        if own.kind == "project" and other.file != own.file and linked(other, own):
            # refused over departments of several counties; a department whose file holds a project
            # of this name keeps it (`departments_of`), so it may not count
            entry.add(DEPARTMENTS, at, other, sure=own.project_name not in projects)
        if own.kind == "department" and named and linked(own, other):
            self.direct.append((entry.index, at))  # a county's project keeps a county-less department
        if (
            own.kind == other.kind == "project"
            and own.project_name == other.project_name
            and own.year is not None
        ):
            if other.year == own.year - 1 and reports_same_department(own, other):
                entry.add(YEAR_BEFORE, at, other)
            if named and other.year == own.year + 1 and reports_same_department(own, other):
                self.direct.append((entry.index, at))  # a county's project may take it as its year before
        if named and own.kind == other.kind == "department" and _stem_copies(own, other):
            self.direct.append((entry.index, at))

    def refusals(self) -> Iterator[tuple[_Loose, str]]:
        """(report, path) where the report's matches lie in two or more counties."""
        for entry in self.loose:
            for path, matches in entry.matches.items():
                if len({county for _, county in matches} - {None}) >= 2:
                    yield entry, path

    def cells_needed(self) -> set[int]:
        """The version cells to count: those of each refused match, in its county and in none."""
        return {
            cell
            for entry, path in self.refusals()
            for cells in entry.cells.get(path, [])
            if cells
            for pair in cells
            for cell in pair
        }

    def joins(self, cell_counts: Counter[int]) -> tuple[list[tuple[int, int]], list[list[int]]]:
        """File pairs to join, and the refusals left (each its report's file, then its matches' files):
        a refusal stands when two counties' matches cannot be superseded (no other report shares a
        version cell with them: `versions._components` groups only reports that do)."""
        pairs = list(self.direct)
        held: list[list[int]] = []
        for entry in self.loose:
            for path, matches in entry.matches.items():
                counties = {county for _, county in matches} - {None}
                if len(counties) >= 2 and self._certain(entry, path, cell_counts) >= 2:
                    if any(county is None for _, county in matches):  # a county-less match: its
                        pairs += [(entry.index, at) for at, _ in matches]  # link drops with the refusal
                    else:
                        held.append([entry.index, *(at for at, _ in matches)])
                else:
                    pairs += [(entry.index, at) for at, _ in matches]
        return pairs, held

    def _certain(self, entry: _Loose, path: str, cell_counts: Counter[int]) -> int:
        """How many counties hold a match of `entry` on `path` that no newer version can supersede."""
        if path == VERSIONS:
            return len({county for _, county in entry.matches[path]} - {None})
        named = [county for _, county in entry.matches[path] if county is not None]
        return len(
            {
                county
                for county, cells in zip(named, entry.cells[path])
                if cells is not None and all(cell_counts[own] + cell_counts[none] < 2 for own, none in cells)
            }
        )


VersionCells = tuple[tuple[int, int], ...]


def version_cells(report: ReportStub) -> VersionCells:
    """The cells (`versions.candidate_keys`) a version of `report` must share with it, each as the
    hash of (its county, the cell) and of (no county, the cell): a version is of the same county or
    names none (`reports_same_department`). A report of a cell no other report of either has is
    grouped with none, so it is never superseded."""
    if not has_identity(report):
        return ()
    county = county_of(report)
    return tuple((hash((county, k)), hash((None, k))) for k in candidate_keys(report))


def _stem_copies(a: ReportStub, b: ReportStub) -> bool:
    """`compare_match.merge_copies` folds `b` into `a` (or the reverse) as one report in two files of
    one name; copies by their values never cross counties (the county is a value)."""
    if a.year != b.year or PurePath(a.file).stem != PurePath(b.file).stem:
        return False
    return copies_of_one_report(make_entry(a), make_entry(b))  # type: ignore[arg-type]  # a stub's identity suffices


def clusters(files: Sequence[FileResult]) -> list[list[int]]:
    """Indices of `files` in independent clusters (the reports of one file always together), each in
    input order, the clusters by their first file; files without reports are left out.

    Two passes over `files` (a stored run's are read back from disk), a third only when a
    county-less report's refusal must be checked against newer versions; what is kept is ints (a
    key is remembered by its hash: two keys of one hash only join two clusters that need not be
    joined, which costs time on a worker, never a wrong outcome) and the county-less stubs.
    """
    spellings: Spellings = {None: []}
    loose: list[tuple[int, int, ReportStub]] = []
    for i, result in enumerate(files):
        for position, stub in enumerate(result.reports):
            county = county_of(stub)
            found = spellings.setdefault(county, [])
            if stub.county and stub.county not in found:
                found.append(stub.county)
            if county is None:
                loose.append((i, position, stub))
    links = LooseLinks(loose, spellings)
    find, union = _union_find(len(files))
    owner: dict[int, int] = {}
    has_reports = bytearray(len(files))
    for i, result in enumerate(files):
        has_reports[i] = bool(result.reports)
        for stub in result.reports:
            for key in identity_keys(stub, spellings):
                union(owner.setdefault(hash(key), i), i)
        links.meet(i, result)
    pairs, held = links.joins(_cell_counts(files, links.cells_needed()))
    for i, j in pairs:
        union(i, j)
    _join_where_seen(held, find, union)
    groups: dict[int, list[int]] = {}
    for i in range(len(files)):
        if has_reports[i]:
            groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _cell_counts(files: Sequence[FileResult], needed: set[int]) -> Counter[int]:
    """How many reports of the run have each of the `needed` version cells (a pass only if any)."""
    counts: Counter[int] = Counter()
    if needed:
        for result in files:
            for stub in result.reports:
                if has_identity(stub):
                    county = county_of(stub)
                    counts.update(c for c in (hash((county, k)) for k in candidate_keys(stub)) if c in needed)
    return counts


def _join_where_seen(
    held: list[list[int]], find: Callable[[int], int], union: Callable[[int, int], None]
) -> None:
    """A refused report joins all its matches once its cluster holds any of them (then its audit
    sees every county it was refused over), until nothing changes."""
    changed = True
    while changed:
        changed = False
        for files in held:
            roots = {find(i) for i in files}
            if len(roots) > 1 and find(files[0]) in {find(i) for i in files[1:]}:
                for i in files[1:]:
                    union(files[0], i)
                changed = True
