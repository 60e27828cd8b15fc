"""Matching one department's reports across years, for the year-over-year comparison.

A report joins a department by its 预算编码 when it has one; a report without a code joins by its
normalised name (`audit.names.department_key` plus the aliases below): an exact key first, then
an abbreviation-style fuzzy match only when exactly one department fits. Nothing is guessed:
two different reports for one department in the same year, or a name that fits two departments
with different codes, are recorded as `Ambiguity` and kept apart.

The same report read twice (a .docx and its .pdf, or an identical copy) is one report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from jixiao_audit.audit.names import (
    code_digits,
    county_of,
    department_key,
    is_abbreviation,
    name_ends,
    same_county,
)
from jixiao_audit.normalize.model import Report

# How a report was tied to its department (shown in 部门对照).
BY_CODE = "预算编码"
BY_NAME = "名称"
BY_FUZZY = "名称（近似）"
FIRST = "首次出现"


@dataclass(eq=False)  # identity: comparing two reports field by field is costly and never meant
class Entry:
    """One department report in the comparison (plus any identical copies in other files)."""

    report: Report
    key: str  # normalised name
    code: str | None  # digits of the 预算编码
    how: str = FIRST
    copies: list[str] = field(default_factory=list)  # other files holding the same report

    @property
    def file(self) -> str:
        return self.report.file

    @property
    def year(self) -> int | None:
        return self.report.year

    @property
    def name(self) -> str:
        return self.report.department or ""

    @property
    def files(self) -> list[str]:
        return [self.file, *self.copies]


@dataclass
class Department:
    """The reports of one department, by year. A year with two entries is ambiguous."""

    id: str
    by_year: dict[int, list[Entry]] = field(default_factory=dict)
    note: str | None = None  # e.g. why it stands alone

    def entries(self) -> list[Entry]:
        return [e for year in sorted(self.by_year) for e in self.by_year[year]]

    @property
    def years(self) -> list[int]:
        return sorted(self.by_year)

    @property
    def ambiguous_years(self) -> list[int]:
        return [y for y in self.years if len(self.by_year[y]) > 1]

    def entry(self, year: int) -> Entry | None:
        """The one report of `year`, or None when absent or ambiguous."""
        found = self.by_year.get(year, [])
        return found[0] if len(found) == 1 else None

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(e.name for e in self.entries() if e.name))

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(e.code for e in self.entries() if e.code))

    @property
    def keys(self) -> set[str]:
        return {e.key for e in self.entries() if e.key}

    @property
    def display_name(self) -> str:
        """The name of the latest year (how the department calls itself now)."""
        latest = [e.name for e in reversed(self.entries()) if e.name]
        return latest[0] if latest else self.id

    def add(self, entry: Entry) -> None:
        self.by_year.setdefault(entry.year, []).append(entry)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Ambiguity:
    """A match that was not made: `entries` could each be the department, or be one of two."""

    kind: str  # SAME_YEAR | TWO_CODES | NAME_FITS_SEVERAL
    entries: tuple[Entry, ...]
    detail: str  # Chinese, for the finding and 部门对照


SAME_YEAR = "same_year"
TWO_CODES = "two_codes"
NAME_FITS_SEVERAL = "name_fits_several"


@dataclass
class Matching:
    departments: list[Department]
    ambiguities: list[Ambiguity]
    unplaced: list[Entry]  # reports without a year or a name/code: not compared


# ---------------------------------------------------------------- keys


name_key = department_key  # 华容县住房和城乡建设局 → 住建局, 华容县发改委 → 发改局


code_key = code_digits  # None for a code without digits: unknown, never a match


def names_match(a: str, b: str) -> bool:
    """Exact key or the abbreviation-style fuzzy match of `audit.names`."""
    return bool(a and b) and (a == b or is_abbreviation(a, b))


def make_entry(report: Report) -> Entry:
    return Entry(report, name_key(report.department, report.county), code_key(report.budget_code))


# ---------------------------------------------------------------- the same report twice


def copies_of_one_report(a: Entry, b: Entry) -> bool:
    """One report in two files: identical values, or the same file name in another format; never
    reports naming different counties (华容/教育局.docx and 湘阴/教育局.docx share a stem)."""
    if a.year != b.year or a.key != b.key or a.code != b.code or not same_county(a.report, b.report):
        return False
    if PurePath(a.file).stem == PurePath(b.file).stem:
        return True
    return a.report.values() == b.report.values()


def merge_copies(entries: Iterable[Entry]) -> list[Entry]:
    """Fold copies of one report into the first entry that holds it."""
    kept: list[Entry] = []
    alike: dict[tuple, list[Entry]] = defaultdict(list)  # only these can be copies of each other
    for entry in entries:
        bucket = alike[(entry.year, entry.key, entry.code)]
        twin = next((k for k in bucket if copies_of_one_report(k, entry)), None)
        if twin is None:
            kept.append(entry)
            bucket.append(entry)
        else:
            twin.copies.append(entry.file)
    return kept


# ---------------------------------------------------------------- matching


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}#{n}", n + 1
    taken.add(candidate)
    return candidate


def _code_departments(entries: Sequence[Entry], taken: set[str]) -> list[Department]:
    by_code: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_code[entry.code].append(entry)  # type: ignore[index]
    depts = []
    for code, group in by_code.items():
        dept = Department(_unique_id(code, taken))
        for entry in group:
            entry.how = BY_CODE
            dept.add(entry)
        depts.append(dept)
    return depts


class _KeyIndex:
    """Departments by the ends of their name keys (`audit.names.name_ends`), in the order they were
    made: a name meets only departments it could match, not every department of the county."""

    def __init__(self, depts: Iterable[Department] = ()) -> None:
        self.order: dict[int, int] = {}
        self.by_ends: dict[tuple[str, str], list[tuple[str, Department]]] = defaultdict(list)
        self._seen: set[tuple[str, int]] = set()
        for dept in depts:
            self.order[id(dept)] = len(self.order)
            for key in sorted(dept.keys):
                self.add(key, dept)

    def add(self, key: str, dept: Department) -> None:
        self.order.setdefault(id(dept), len(self.order))
        if key and (key, id(dept)) not in self._seen:
            self._seen.add((key, id(dept)))
            self.by_ends[name_ends(key)].append((key, dept))

    def departments(self, key: str, fits) -> list[Department]:
        """Departments with a key `k` where `fits(key, k)`, in the order they were made."""
        found = {id(d): d for k, d in self.by_ends.get(name_ends(key), []) if fits(key, k)} if key else {}
        return sorted(found.values(), key=lambda d: self.order[id(d)])


def _candidates(entry: Entry, index: _KeyIndex) -> tuple[list[Department], str]:
    exact = index.departments(entry.key, str.__eq__)
    if exact:
        return exact, BY_NAME
    return index.departments(entry.key, is_abbreviation), BY_FUZZY


def _describe(dept: Department) -> str:
    codes = "、".join(dept.codes)
    return f"{dept.display_name}（预算编码 {codes}）" if codes else dept.display_name


def _place_by_name(
    entry: Entry, depts: list[Department], index: _KeyIndex, ambiguities: list[Ambiguity], taken: set[str]
) -> None:
    candidates, how = _candidates(entry, index)
    if len(candidates) == 1:
        entry.how = how
        candidates[0].add(entry)
        index.add(entry.key, candidates[0])
        return
    alone = Department(_unique_id(entry.key, taken))
    alone.add(entry)
    depts.append(alone)
    index.add(entry.key, alone)
    if len(candidates) > 1:
        fits = "；".join(_describe(d) for d in candidates)
        alone.note = f"名称同时符合 {len(candidates)} 个部门，未匹配"
        others = tuple(e for d in candidates for e in d.entries())
        detail = f"{entry.year}年报告「{entry.name}」未填预算编码，名称同时符合：{fits}；未自动匹配"
        ambiguities.append(Ambiguity(NAME_FITS_SEVERAL, (entry, *others), detail))


def _same_year_ambiguities(depts: Sequence[Department]) -> list[Ambiguity]:
    found = []
    for dept in depts:
        for year in dept.ambiguous_years:
            entries = tuple(dept.by_year[year])
            names = "、".join(f"「{e.name}」（{e.file}）" for e in entries)
            detail = f"{year}年有 {len(entries)} 份报告都可能是{dept.display_name}：{names}；该年度未参与比对"
            found.append(Ambiguity(SAME_YEAR, entries, detail))
    return found


def _two_code_ambiguities(depts: Sequence[Department]) -> list[Ambiguity]:
    """Departments with different 预算编码 whose names match: kept apart, but worth a look."""
    coded = [d for d in depts if d.codes]
    index = _KeyIndex(coded)
    found = []
    for i, a in enumerate(coded):
        # only departments sharing a key's ends can match a's names; those made after a, once
        later = {id(b): b for key in a.keys for b in index.departments(key, names_match)}
        for b in sorted(later.values(), key=lambda d: index.order[id(d)]):
            if index.order[id(b)] <= i or not any(names_match(x, y) for x in a.keys for y in b.keys):
                continue
            detail = (
                f"名称相同的部门有两个预算编码：{_describe(a)}（{'、'.join(map(str, a.years))}年），"
                f"{_describe(b)}（{'、'.join(map(str, b.years))}年）；按预算编码视为不同部门，请核实是否为编码变更"
            )
            found.append(Ambiguity(TWO_CODES, (a.entries()[-1], b.entries()[-1]), detail))
    return found


def match_departments(reports: Iterable[Report]) -> Matching:
    """Group the department reports into departments across years; see the module docstring."""
    entries = merge_copies(make_entry(r) for r in reports if r.kind == "department")
    placeable = [e for e in entries if e.year is not None and (e.code or e.key)]
    unplaced = [e for e in entries if not (e.year is not None and (e.code or e.key))]
    taken: set[str] = set()
    depts: list[Department] = []
    ambiguities: list[Ambiguity] = []
    two_codes: list[Ambiguity] = []
    for county_entries in by_county(placeable):  # two counties' 教育局 are two departments
        county_depts = _code_departments([e for e in county_entries if e.code], taken)
        index = _KeyIndex(county_depts)
        for entry in sorted((e for e in county_entries if not e.code), key=lambda e: (e.year, e.file)):
            _place_by_name(entry, county_depts, index, ambiguities, taken)
        two_codes += _two_code_ambiguities(county_depts)
        depts += county_depts
    ambiguities = _same_year_ambiguities(depts) + two_codes + ambiguities
    depts.sort(key=department_order)
    return Matching(depts, ambiguities, unplaced)


def by_county(entries: list[Entry]) -> list[list[Entry]]:
    """Entries grouped by county (the one a report states, else the one its names start with:
    `county_of`), in first-seen order; reports that name no county form a group."""
    groups: dict[str | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(county_of(entry.report), []).append(entry)
    return list(groups.values())


def department_order(dept: Department) -> tuple:
    """Coded departments first, by 预算编码 (it groups them by sector), then the others by name."""
    codes = sorted(dept.codes)
    return (0, codes[0], dept.id) if codes else (1, dept.display_name, dept.id)


def match_basis(dept: Department, entry: Entry) -> str:
    """How `entry` is tied to the department's other years, for 部门对照 ("—" when it has none)."""
    if len(dept.years) == 1:
        return "—"
    if entry.how == FIRST:
        return BY_CODE if entry.code else BY_NAME
    return entry.how


def name_history(dept: Department) -> list[tuple[str, list[int]]]:
    """(name, years) runs over the unambiguous years: [("华容县住建局", [2019]), ("华容县住房和城乡建设局", [2020, 2021])]."""
    runs: list[tuple[str, list[int]]] = []
    for year in dept.years:
        entry = dept.entry(year)
        if entry is None or not entry.name:
            continue
        if runs and runs[-1][0] == entry.name:
            runs[-1][1].append(year)
        else:
            runs.append((entry.name, [year]))
    return runs


def previous_years(matching: Matching) -> dict[int, Report]:
    """id(this year's report) → the same department's report of the calendar year before.

    The one answer to "last year's report" for department reports: the engine's re-scoring
    (`AuditContext.previous_year`) and the year-over-year rules both read it.
    """
    return {id(current.report): previous.report for current, previous in year_pairs(matching)}


def year_pairs(matching: Matching) -> list[tuple[Entry, Entry]]:
    """(this year, the calendar year before) for every department with both, unambiguous."""
    pairs = []
    for dept in matching.departments:
        for year in dept.years:
            current, previous = dept.entry(year), dept.entry(year - 1)
            if current is not None and previous is not None:
                pairs.append((current, previous))
    return pairs


def find_departments(matching: Matching, query: str) -> list[Department]:
    """Departments a reviewer means by `query`: an id, a 预算编码, or a name (normalised)."""
    query = query.strip()
    code = code_key(query)
    hits = [d for d in matching.departments if query == d.id or (code and code == query and code in d.codes)]
    if hits:
        return hits
    key = name_key(query)
    exact = [d for d in matching.departments if key in d.keys or query in d.names]
    if exact:
        return exact
    return [d for d in matching.departments if any(is_abbreviation(key, k) for k in d.keys)]
