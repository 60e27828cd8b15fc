"""A project report that names no unit, in a file whose department report does, is that department's.

A department's published 决算 or self-evaluation often carries its projects' reports after its own
(旺苍 2020: "以工代赈办部门2020年部门整体支出绩效评价报告", then "以工代赈项目2020年绩效评价报告", whose text
names no 项目单位 nor 主管部门). Such a project is the department's: without its name the report is
nobody's in the workbook and no cross-document rule can link it to the department it came with.
The unit is taken only when the file's department reports name one unit, and only by a project
that names neither its unit nor its 主管部门.
"""

from __future__ import annotations

from jixiao_audit.normalize.model import Report

DEPARTMENT, PROJECT = "department", "project"


def name_unnamed_projects(reports: list[Report]) -> None:
    """Give each project report naming no unit the file's one department (and its county)."""
    departments = [r for r in reports if r.kind == DEPARTMENT and r.department]
    if len({(r.department, r.county) for r in departments}) != 1:
        return
    unit = departments[0]
    for report in reports:
        if report.kind == PROJECT and not (report.department or report.supervisor):
            report.department = unit.department
            if report.county is None:
                report.county = unit.county
            if "department" in unit.sources:
                report.sources["department"] = unit.sources["department"]
