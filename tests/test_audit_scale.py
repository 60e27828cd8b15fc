"""No pairwise work: matching reports by department identity costs the same per report at any size.

Batches of generated reports (one county's departments and their projects, over two years) grow
by adding counties; the department-identity checks per report must stay flat (they grew with
the square of the batch before reports were indexed by identity).
"""

from __future__ import annotations

from collections import Counter

import pytest
from jixiao_audit.audit import compare_match, names
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.names import DepartmentIndex, reports_same_department
from jixiao_audit.audit.rules import cross
from jixiao_audit.normalize.model import Report

COUNTIES = ["华容县", "湘阴县", "平江县", "岳阳县", "安乡县", "汉寿县", "桃源县", "石门县"]
DEPARTMENTS = [  # (full name, the short name its projects use)
    ("住房和城乡建设局", "住建局"), ("发展和改革局", "发改委"), ("人力资源和社会保障局", "人社局"),
    ("卫生健康局", "卫健委"), ("交通运输局", "交通局"), ("教育局", "教体局"), ("财政局", "财政局"),
    ("民政局", "民政局"), ("水利局", "水利局"), ("应急管理局", "应急局"),
]  # fmt: skip
YEARS = (2020, 2021)
FLAT = 1.25  # per-report work may wobble with the mix of reports, never grow with the batch


def county_reports(county: str, c: int) -> list[Report]:
    """A county's departments (half with 预算编码) and two projects each, some naming no county."""
    reports = []
    for year in YEARS:
        for d, (full, short) in enumerate(DEPARTMENTS):
            code = f"{c:03d}{d:03d}" if d % 2 else None
            reports.append(Report(file=f"{county}{full}{year}.docx", kind="department", year=year,
                                  department=county + full, county=county, budget_code=code))  # fmt: skip
            for p in (1, 2):
                reports.append(Report(file=f"{county}{full}{year}项目{p}.docx", kind="project", year=year,
                                      department=county + short, county=county if p == 1 else None,
                                      project_name=f"{full}项目{p}"))  # fmt: skip
    return reports


def batch(counties: int) -> list[Report]:
    return [r for c, county in enumerate(COUNTIES[:counties]) for r in county_reports(county, c)]


@pytest.fixture
def calls(monkeypatch) -> Counter:
    """Counts the department-identity checks, wherever the audit makes them."""
    counter: Counter = Counter()

    def counted(name, func):
        def wrapper(*args, **kwargs):
            answer = func(*args, **kwargs)
            counter[name if answer else f"{name} (no)"] += 1
            return answer

        return wrapper

    same = counted("reports_same_department", names.reports_same_department)
    abbreviation = counted("is_abbreviation", names.is_abbreviation)
    monkeypatch.setattr(names, "reports_same_department", same)
    monkeypatch.setattr(cross, "reports_same_department", same)
    monkeypatch.setattr(names, "is_abbreviation", abbreviation)
    monkeypatch.setattr(compare_match, "is_abbreviation", abbreviation)
    return counter


def checks_per_report(counties: int, calls: Counter) -> dict[str, float]:
    calls.clear()
    reports = batch(counties)
    run_audit(reports, select=["X", "Y"])
    return {name: n / len(reports) for name, n in calls.items()}


def test_identity_checks_per_report_stay_flat(calls):
    """Checks that come out "no" are the wasted, pairwise work; a "yes" is part of the answer (a
    project naming no county belongs to every county's department of its name)."""
    small, large = checks_per_report(2, calls), checks_per_report(8, calls)
    assert small["reports_same_department"] > 0  # the checks still run, on the likely pairs only
    for name in ("reports_same_department (no)", "is_abbreviation (no)"):
        assert large.get(name, 0) <= small.get(name, 0) * FLAT, (name, small, large)


def test_projects_link_to_their_own_county_department():
    reports = batch(3)
    links = cross.links(reports, run_audit.__globals__["make_context"](reports))
    assert len(links) == 3 * len(DEPARTMENTS) * len(YEARS)
    for department, projects in links:
        own = [p.file for p in projects if p.county]  # a project naming no county fits every county's
        assert own == [f"{department.department}{department.year}项目1.docx"]
        assert {p.year for p in projects} == {department.year}


def test_index_matches_the_pairwise_predicate():
    """The index narrows the search only: its answer is the predicate's over every pair."""
    reports = batch(3) + [
        Report(file="无县名.docx", kind="department", year=2020, department="住房和城乡建设局"),
        Report(file="别名.docx", kind="project", year=2020, department="华容住建局", county="华容县"),
        Report(file="编码.docx", kind="project", year=2020, budget_code="001-000", county="湘阴县"),
    ]
    departments = [r for r in reports if r.kind == "department"]
    index = DepartmentIndex(departments)
    for report in reports:
        assert index.matches(report) == [d for d in departments if reports_same_department(d, report)]
