"""A project report naming no unit takes the unit of its file's department report (normalize.file_unit)."""

from __future__ import annotations

from jixiao_audit.normalize.file_unit import name_unnamed_projects
from jixiao_audit.normalize.model import Report, Source


def _department(name: str, county: str | None = "某县") -> Report:
    source = Source(file="f.docx", paragraph=0, raw=f"{name}2020年部门整体支出绩效评价报告")
    return Report(
        file="f.docx", kind="department", department=name, county=county, sources={"department": source}
    )


def _project(**names) -> Report:
    return Report(file="f.docx", kind="project", **names)


def test_unnamed_project_takes_the_department_its_file_opens_with():
    department, project = _department("水利局"), _project()
    name_unnamed_projects([department, project])
    assert (project.department, project.county) == ("水利局", "某县")
    assert project.sources["department"] is department.sources["department"]


def test_a_project_naming_its_unit_or_supervisor_keeps_it():
    own, supervised = _project(department="河道管理所"), _project(supervisor="某县农业农村局")
    name_unnamed_projects([_department("水利局"), own, supervised])
    assert (own.department, supervised.department, supervised.supervisor) == (
        "河道管理所",
        None,
        "某县农业农村局",
    )


def test_two_departments_in_one_file_leave_an_unnamed_project_unnamed():
    project = _project()
    name_unnamed_projects([_department("水利局"), _department("教育局"), project])
    assert project.department is None


def test_a_project_without_a_department_report_stays_unnamed():
    project = _project()
    name_unnamed_projects([project])
    assert project.department is None
