"""Matching department names across reports: 华容县住建局 ≈ 华容县住房和城乡建设局.

Reused by the cross-document rules (department ↔ its projects), and by `audit.compare_match`
(a department's reports across years), which the engine's previous-year lookup and the
year-over-year rules share. A name is reduced to a key: parentheses dropped, the
province/city/county prefix stripped, common full names replaced by their usual abbreviation.
Two names match when their keys are equal, or when one key is an abbreviation of the other
(same first and last character, the short one a character subsequence of the long one:
住建局 ⊂ 住房和城乡建设局, 发改局 ⊂ 发展和改革局).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao_audit.normalize.model import Report

MIN_ABBREVIATION_LEN = 2

_PARENS = re.compile(r"[（(][^）)]*[）)]")
_NOISE = re.compile(r"[\s·•、，,。\"'“”]")
_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,3}?(?:省|自治区)")
_CITY = re.compile(r"^[\u4e00-\u9fff]{2,4}?市(?![场政容民级直属])")
_COUNTY = re.compile(r"^[\u4e00-\u9fff]{1,5}?(?:自治县|县|区|旗)(?![域级])")
_CPC = re.compile(r"^中共|^中国共产党")

# full name → usual abbreviation (applied after the prefix is stripped); wording variants welcome.
ABBREVIATIONS: list[tuple[str, str]] = [
    (r"住房(?:和|与|及)?城乡建设(?:局|委员会|委)", "住建局"),
    (r"住房(?:和|与)?城乡规划建设局", "住建局"),
    (r"发展(?:和|与)?改革(?:局|委员会|委)", "发改局"),
    (r"人力资源(?:和|与)?社会保障局", "人社局"),
    (r"卫生健康(?:局|委员会|委)|卫生(?:和|与)?计划生育(?:局|委员会)", "卫健局"),
    (r"城市管理(?:和|与)?综合执法局|城市管理局", "城管局"),
    (r"市场监督管理局", "市监局"),
    (r"交通运输局", "交通局"),
    (r"自然资源(?:和|与)?规划局|自然资源局", "自然资源局"),
    (r"农业农村局", "农业农村局"),
    (r"工业(?:和|与)?信息化局", "工信局"),
    (r"科学技术局|科技局", "科技局"),
    (r"医疗保障局", "医保局"),
    (r"退役军人事务局", "退役军人局"),
    (r"生态环境(?:局|分局)|环境保护局", "环保局"),
    (r"文化旅游广电体育局|文化广电旅游体育局|文旅广体局", "文旅广体局"),
    (r"教育(?:和|与)?体育局|教育局", "教育局"),
    (r"应急管理局", "应急局"),
    (r"政务服务中心|政务服务管理局", "政务服务中心"),
]
_ABBR = [(re.compile(p), short) for p, short in ABBREVIATIONS]

# Short forms the patterns above leave alone (applied to the finished key): short → canonical key.
ALIASES: dict[str, str] = {
    "发改委": "发改局",
    "发展改革委": "发改局",
    "卫健委": "卫健局",
    "住建委": "住建局",
    "住房城乡建设局": "住建局",
    "教体局": "教育局",
    "交通运输局": "交通局",
    "文旅局": "文旅广体局",
    "文化旅游局": "文旅广体局",
}


def strip_region(name: str, county: str | None = None) -> str:
    """Drop parentheses, the 中共 prefix and any province / city / county prefix."""
    text = _NOISE.sub("", _PARENS.sub("", name or ""))
    text = _CPC.sub("", text)
    if county:
        short = re.sub(r"(?:自治县|县|市|区|旗)$", "", county)
        for prefix in (county, short):
            if prefix and text.startswith(prefix):
                text = text[len(prefix) :]
                break
    for pattern in (_PROVINCE, _COUNTY, _CITY):  # county first: 华容县城市管理局 keeps 城市
        stripped = pattern.sub("", text, count=1)
        if len(stripped) >= MIN_ABBREVIATION_LEN:
            text = stripped
    return text


@lru_cache(maxsize=16384)
def department_key(name: str | None, county: str | None = None) -> str:
    """The comparable key of a department name: 华容县住房和城乡建设局 → 住建局, 华容县发改委 → 发改局.

    The one definition of a department's name-identity: the cross-document rules, the engine's
    previous-year lookup and the year-over-year matching (`audit.compare_match`) all use it.
    """
    if not name:
        return ""
    text = strip_region(name, county)
    for pattern, short in _ABBR:
        text = pattern.sub(short, text)
    return ALIASES.get(text, text)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def is_abbreviation(short: str, long: str) -> bool:
    """住建局 of 住房和城乡建设局: same first and last character, short a subsequence of long."""
    if len(short) > len(long):
        short, long = long, short
    return (
        len(short) >= MIN_ABBREVIATION_LEN
        and short[0] == long[0]
        and short[-1] == long[-1]
        and _is_subsequence(short, long)
    )


def same_department(a: str | None, b: str | None, county: str | None = None) -> bool:
    ka, kb = department_key(a, county), department_key(b, county)
    if not ka or not kb:
        return False
    return ka == kb or is_abbreviation(ka, kb)


def code_digits(code: str | None) -> str | None:
    """The digits of a 预算编码, what two codes are compared by; None for a code without digits
    ("", "无", "—", "/"): an unknown code, never equal to another unknown one."""
    digits = re.sub(r"\D", "", code or "")
    return digits or None


def same_budget_code(a: str | None, b: str | None) -> bool | None:
    """True/False when both codes are known, None when either has no digits."""
    ka, kb = code_digits(a), code_digits(b)
    if ka is None or kb is None:
        return None
    return ka == kb


def report_names(report: Report) -> list[str]:
    """The names a report goes by: its department (项目单位) and, for a project, its 主管部门."""
    return [n for n in (report.department, report.supervisor) if n]


def same_county(a: Report, b: Report) -> bool:
    """False only when both reports name a county and the counties differ: the county each states,
    else the one its names start with (`county_of`: 湘阴县教育局 with no county on its cover is
    湘阴's, never a version of 华容县教育局)."""
    ca, cb = county_of(a), county_of(b)
    return not (ca and cb and ca != cb)


def reports_same_department(a: Report, b: Report) -> bool:
    """Same county, then: budget code decides when both reports have one; else any pair of names."""
    if not same_county(a, b):
        return False  # 湘阴县教育局 and 华容县教育局 are different departments
    code = same_budget_code(a.budget_code, b.budget_code)
    if code is not None:
        return code
    county = a.county or b.county
    return any(same_department(x, y, county) for x in report_names(a) for y in report_names(b))


# Two-character words that end like a county but name none: 社区, 园区, 全县, 本区 …
NOT_A_COUNTY = re.compile(r"^[社小园景街林矿校片库山牧灾市郊辖城全本该我各][县区]$")


def county_named(name: str | None) -> str | None:
    """The county (县/区/旗) a department name starts with, after its province and city:
    湖南省岳阳市华容县住房和城乡建设局 → 华容县; None when the name names none (住建局, 岳阳市财政局)."""
    text = _CPC.sub("", _NOISE.sub("", _PARENS.sub("", name or "")))
    text = _PROVINCE.sub("", text, count=1)
    for candidate in (text, _CITY.sub("", text, count=1)):  # county first: 华容县城市管理局 keeps 城市
        m = _COUNTY.match(candidate)
        if (
            m
            and "市" not in m.group(0)
            and not NOT_A_COUNTY.match(m.group(0))
            and len(candidate) - m.end() >= MIN_ABBREVIATION_LEN
        ):
            return m.group(0)
    return None


_COUNTY_SUFFIX = re.compile(r"(?:自治县|县|区|市|旗)$")


def county_of(report: Report) -> str | None:
    """The county of a report, as a key (华容县, 华容 → 华容): the county it states, else the one its
    names start with (华容县水利局), else None."""
    county = report.county or next(filter(None, map(county_named, report_names(report))), None)
    return county_key(county) if county else None


def county_key(county: str) -> str | None:
    """A county name as a key: 华容县, 华容 → 华容."""
    key = department_key(county)
    return _COUNTY_SUFFIX.sub("", key) or key or None


def one_county(report: Report, matches: list[Report]) -> list[Report]:
    """The matches of `report` that may be its own county's: a county it states or its names carry
    keeps only matches of that county (or of none); a report without one may match same-named
    departments of several counties (水利局 is in every county), and then any link is a guess, so
    there is none."""
    own = county_of(report)
    if own is not None:
        matches = [m for m in matches if county_of(m) in (own, None)]
    counties = {county_of(m) for m in matches} - {None}
    return matches if len(counties) <= 1 else []


# ---------------------------------------------------------------- finding a department among many


def name_ends(key: str) -> tuple[str, str]:
    """What two matching keys always share: equal keys and abbreviations (住建局 ⊂ 住房和城乡建设局)
    have the same first and last character, so this is the bucket a key is looked up in."""
    return (key[0], key[-1])


@dataclass
class _Buckets:
    """Reports by 预算编码 digits and by the ends of their name keys, all keys under one county."""

    by_code: dict[str, list[Report]] = field(default_factory=dict)
    by_ends: dict[tuple[str, str], list[Report]] = field(default_factory=dict)

    @classmethod
    def of(cls, reports: Iterable[Report], county: str | None) -> _Buckets:
        buckets = cls()
        for report in reports:
            code = code_digits(report.budget_code)
            if code is not None:
                buckets.by_code.setdefault(code, []).append(report)
            for ends in {name_ends(k) for k in name_keys(report, county)}:
                buckets.by_ends.setdefault(ends, []).append(report)
        return buckets

    def lookup(self, report: Report, county: str | None) -> Iterator[Report]:
        code = code_digits(report.budget_code)
        if code is not None:
            yield from self.by_code.get(code, [])
        for ends in {name_ends(k) for k in name_keys(report, county)}:
            yield from self.by_ends.get(ends, [])


def name_keys(report: Report, county: str | None) -> list[str]:
    """The non-blank keys of the names a report goes by, normalised as within `county`."""
    return [k for k in (department_key(n, county) for n in report_names(report)) if k]


class DepartmentIndex:
    """Reports indexed by department identity (county, 预算编码, normalised name), so that finding the
    reports of one department among thousands costs a few lookups, not a comparison with each.

    `candidates(report)` is a superset of the indexed reports `r` with
    `reports_same_department(r, report)`: the predicate normalises both names with `r.county`, or
    `report.county` when `r` names none, so each indexed county's reports are bucketed with their
    own county and the reports without one lazily per county asked about. `matches` applies the
    predicate itself, so the answer is exactly the predicate's, in the order reports were indexed.
    """

    def __init__(self, reports: Iterable[Report]):
        self._position: dict[int, int] = {}
        by_county: dict[str | None, list[Report]] = {}
        for i, report in enumerate(reports):
            self._position[id(report)] = i
            by_county.setdefault(report.county or None, []).append(report)
        self._no_county: dict[str | None, list[Report]] = {}  # by the county their names carry
        for report in by_county.pop(None, []):
            self._no_county.setdefault(county_of(report), []).append(report)
        self._counties = {county: _Buckets.of(group, county) for county, group in by_county.items()}
        self._spellings: dict[str | None, list[str]] = {}  # county key (`county_of`) → its spellings
        for county in self._counties:
            self._spellings.setdefault(county_key(county), []).append(county)
        self._no_county_by: dict[tuple[str | None, str | None], _Buckets] = {}

    def candidates(self, report: Report) -> list[Report]:
        """Indexed reports that may be `report`'s department, in index order, each once."""
        own = county_of(report)  # `same_county` rules out every other county's reports
        counties = list(self._counties) if own is None else self._spellings.get(own, [])
        found = [r for county in counties for r in self._counties[county].lookup(report, county)]
        named = report.county or None
        for key in (own, None) if own is not None else list(self._no_county):
            if key in self._no_county:
                found += self._without_county(named, key).lookup(report, named)
        unique = {id(r): r for r in found}
        return sorted(unique.values(), key=lambda r: self._position[id(r)])

    def matches(self, report: Report) -> list[Report]:
        """Indexed reports `r` with `reports_same_department(r, report)`, in index order."""
        return [r for r in self.candidates(report) if reports_same_department(r, report)]

    def _without_county(self, county: str | None, key: str | None) -> _Buckets:
        """The reports stating no county whose names carry county `key`, bucketed for `county`."""
        if (county, key) not in self._no_county_by:
            self._no_county_by[county, key] = _Buckets.of(self._no_county[key], county)
        return self._no_county_by[county, key]
