"""Two counties' departments of the same name are different departments, in every comparison."""

from __future__ import annotations

from jixiao_audit.audit.compare_match import match_departments
from jixiao_audit.audit.engine import run_audit

from tests.report_factory import clean_pair
from tests.test_compare_scenario import department


def test_compare_keeps_two_counties_apart():
    huarong = [
        department("华容县教育局", year, code="303001", file=f"hr{year}.docx") for year in (2019, 2020)
    ]
    xiangyin = [
        department("湘阴县教育局", year, code="350554", file=f"xy{year}.docx") for year in (2019, 2020)
    ]
    for report in xiangyin:
        report.county = "湘阴县"
    matching = match_departments(huarong + xiangyin)
    assert sorted(sorted(e.file for e in d.entries()) for d in matching.departments) == [
        ["hr2019.docx", "hr2020.docx"],
        ["xy2019.docx", "xy2020.docx"],
    ]
    assert matching.ambiguities == []  # not "one name, two codes": they are two counties' bureaus


def test_project_of_another_county_is_not_linked_to_a_department():
    department_report, project = clean_pair()
    other = project.model_copy(deep=True, update={"file": "other_county_project.docx", "county": "湘阴县"})
    other.funds.arrived.total = other.funds.arrived.total + 100
    findings = run_audit([department_report, project, other]).findings
    assert not [
        f for f in findings if f.rule.startswith("X") and "other_county" in (f.related_file or f.file)
    ]
