"""Department name matching (`audit.names`), shared with the year-over-year comparison."""

from __future__ import annotations

import pytest
from jixiao_audit.audit.names import (
    DepartmentIndex,
    department_key,
    is_abbreviation,
    reports_same_department,
    same_budget_code,
    same_department,
    strip_region,
)
from jixiao_audit.normalize.model import Report

from tests.report_factory import clean_department, clean_project, seed_department, seed_project


@pytest.mark.parametrize(
    "a, b",
    [
        ("华容县住建局", "华容县住房和城乡建设局"),
        ("华容县住房和城乡建设局", "住房城乡建设局"),
        ("岳阳市华容县发改局", "华容县发展和改革局"),
        ("华容县人力资源和社会保障局", "华容县人社局"),
        ("华容县卫生健康局", "华容县卫健局"),
        ("华容县城市管理和综合执法局", "华容县城管局"),
        ("中共华容县委组织部", "华容县委组织部"),
        ("华容县住房和城乡建设局（人防办）", "华容县住建局"),
        ("华容县市政公用设施建设中心", "市政公用设施建设中心"),
    ],
)
def test_same_department(a, b):
    assert same_department(a, b)
    assert same_department(b, a)


@pytest.mark.parametrize(
    "a, b",
    [
        ("华容县财政局", "华容县住建局"),
        ("华容县教育局", "华容县卫健局"),
        ("华容县水利局", "华容县水务局"),
        ("", "华容县住建局"),
        (None, None),
    ],
)
def test_different_departments(a, b):
    assert not same_department(a, b)


def test_keys():
    assert department_key("华容县住房和城乡建设局") == "住建局"
    assert department_key("湖南省岳阳市华容县住建局") == "住建局"
    assert strip_region("城市管理局") == "城市管理局"  # 城市 is not a city prefix
    assert strip_region("华容县住建局", county="华容县") == "住建局"


def test_abbreviation_rule():
    assert is_abbreviation("住建局", "住房和城乡建设局")
    assert not is_abbreviation("住建局", "住房保障中心")  # last character differs
    assert not is_abbreviation("局", "住房和城乡建设局")  # too short


def test_reports_link_by_name_or_code():
    assert reports_same_department(seed_department(), seed_project())
    assert not reports_same_department(seed_department(), clean_project())
    d, other = clean_department(), clean_department()
    other.department = "华容县水利局机关"
    other.budget_code = d.budget_code
    assert reports_same_department(d, other)  # budget code decides when both have one
    other.department = d.department
    other.budget_code = "999001"
    assert not reports_same_department(d, other)


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("312001", "312-001", True),
        ("312001", "999001", False),
        ("无", "—", None),  # no digits: unknown, never a match
        ("无", "无", None),
        ("", "/", None),
        ("312001", "无", None),
        (None, "312001", None),
    ],
)
def test_budget_codes_without_digits_are_unknown(a, b, same):
    assert same_budget_code(a, b) is same


def test_a_report_without_code_or_county_is_not_linked_to_every_department_without_code():
    """预算编码 "无" on both sides says nothing: the names decide, so 水利局 is not 财政局 or 教育局."""
    departments = [
        Report(
            file="a.docx", kind="department", county="华容县", department="华容县财政局", budget_code="无"
        ),
        Report(file="b.docx", kind="department", county="湘阴县", department="湘阴县教育局", budget_code="—"),
        Report(file="c.docx", kind="department", county="湘阴县", department="湘阴县水利局", budget_code=""),
    ]
    project = Report(
        file="p.docx", kind="project", department="水利局", project_name="河道整治", budget_code="无"
    )
    assert [reports_same_department(d, project) for d in departments] == [False, False, True]
    assert DepartmentIndex(departments).matches(project) == [departments[2]]
