"""X4xx: a department's report against its project reports in the same run.

A department report and a project report are linked when their years agree (or one is unknown)
and they belong to the same department (`audit.names.reports_same_department`: 预算编码 when both
have one, else the department name against the project's 项目单位 / 主管部门 after normalising); a
project is compared only with the department reports its identity indexes to (`DepartmentIndex`).
Linking is the same whether the two reports come from one combined file or from two files; when
a batch holds copies, a project prefers the department report of its own file (`departments_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.names import DepartmentIndex, one_county, reports_same_department
from jixiao_audit.audit.narrative import Figure, mentions, section_text
from jixiao_audit.audit.registry import AuditContext, rule
from jixiao_audit.audit.tolerance import agree, fmt, interval
from jixiao_audit.audit.values import FIELD_LABELS, number
from jixiao_audit.normalize.model import Report

FUNDS_LABEL = {f"funds.{k}.total": v for k, v in FIELD_LABELS["funds"].items()}


def linked(department: Report, project: Report) -> bool:
    if department.kind != "department" or project.kind != "project":
        return False
    if department.year is not None and project.year is not None and department.year != project.year:
        return False
    return reports_same_department(department, project)


def departments_of(
    project: Report, departments: list[Report], project_copies: set[tuple[str, str | None]]
) -> list[Report]:
    """The department reports `project` belongs to.

    A department report in the project's own file (a combined file) wins. Otherwise every linked
    department report, except those whose own file already holds a project of the same name
    (that department has its own copy of the project), provided they lie in one county: a
    project naming no county is never compared with same-named departments of several
    (`audit.names.one_county`). `project_copies` holds (file, project name) of every project
    report in the run.
    """
    candidates = [d for d in departments if linked(d, project)]
    same_file = [d for d in candidates if d.file == project.file]
    if same_file:
        return same_file
    return one_county(
        project, [d for d in candidates if (d.file, project.project_name) not in project_copies]
    )


def links(reports: list[Report], ctx: AuditContext) -> list[tuple[Report, list[Report]]]:
    """Each department report with its project reports (only departments with at least one)."""

    def compute() -> list[tuple[Report, list[Report]]]:
        by_year: dict[int | None, list[Report]] = {}
        for d in reports:
            if d.kind == "department":
                by_year.setdefault(d.year, []).append(d)
        # indexed by identity, so each project meets only its likely departments, not all of them
        dated = {year: DepartmentIndex(ds) for year, ds in by_year.items() if year is not None}
        undated = DepartmentIndex(by_year.get(None, []))
        every = DepartmentIndex(d for ds in by_year.values() for d in ds)
        projects = [p for p in reports if p.kind == "project"]
        copies = {(p.file, p.project_name) for p in projects}
        owned: dict[int, list[Report]] = {}
        for p in projects:
            pool = (
                every.candidates(p)
                if p.year is None
                else (dated[p.year].candidates(p) if p.year in dated else []) + undated.candidates(p)
            )
            for d in departments_of(p, pool, copies):
                owned.setdefault(id(d), []).append(p)
        return [(d, owned[id(d)]) for d in reports if id(d) in owned]

    return ctx.cached("links", reports[0], compute) if reports else []


def attributed(department: Report, project: Report, projects: list[Report], figure: Figure) -> bool:
    """The figure is about `project`: its sentence names it, or its section names it and no other project."""
    if mentions(figure.sentence, project.project_name):
        return True
    if any(mentions(figure.sentence, p.project_name) for p in projects if p is not project):
        return False
    text = section_text(department, figure.section)
    named = [p for p in projects if mentions(text, p.project_name)]
    return named == [project]


@rule(
    "X401",
    name="部门报告所述项目资金与项目报告不符",
    family="cross",
    severity="error",
    template="部门整体报告所述项目「{project}」{concept} {stated} 万元，与项目自评报告{table_label} {value} 万元不符，"
    "相差 {diff} 万元{cause}",
    scope="corpus",
)
def department_project_figures_agree(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """What a department's narrative says about one of its projects (计划投资, 到位资金, 资金使用/实际
    支出, 结余 — stated in a sentence naming the project) equals that project report's funds table.
    The message names a likely cause: two digits transposed (5075/5057), one digit, or 元/万元.
    """
    this = department_project_figures_agree.rule
    for department, projects in links(reports, ctx):
        seen: set[tuple[int, str, Decimal]] = set()
        for f in ctx.figures(department):
            if f.kind != "money" or f.concept is None or not f.concept.project or f.concept.table is None:
                continue
            for project in projects:
                if not attributed(department, project, projects, f):
                    continue
                value = number(project, f.concept.table)
                if value is None or agree(f.interval(), interval(value)):
                    continue
                key = (id(project), f.concept.key, f.value)
                if key in seen:
                    continue
                seen.add(key)
                yield this.finding(
                    department,
                    path=f.path,
                    location=f.location,
                    evidence=f.sentence,
                    expected=value,
                    actual=f.value,
                    related_file=project.file,
                    project=project.project_name,
                    concept=f.concept.label,
                    stated=fmt(f.value),
                    table_label=FUNDS_LABEL.get(f.concept.table, f.concept.label),
                    value=fmt(value),
                    diff=fmt(f.value - value),
                )


def _department_balance_zero(d: Report) -> tuple[bool, str | None]:
    """(reports no balance, path of the figure) — both balance columns of the 汇总 row 0 or blank, one 0."""
    values = [
        (p, number(d, p))
        for p in ("expenditure.summary.balance_current", "expenditure.summary.balance_cumulative")
    ]
    given = [(p, v) for p, v in values if v is not None]
    if not given or any(v != 0 for _, v in given):
        return False, None
    return True, given[-1][0]


@rule(
    "X402",
    name="部门无结余而项目有结余",
    family="cross",
    severity="warning",
    template="部门整体报告结余为 0，但所属项目「{project}」自评报告结余 {balance} 万元（到位 {arrived} 万元，支出 {spent} 万元）",
    scope="corpus",
)
def department_balance_covers_projects(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """A department reporting 结余 0 (当年结余 and 累计结余 of its 汇总 row) while one of its projects
    reports an unspent balance. A warning: the project's money may not pass through the department's
    budget (e.g. paid directly by the treasury), but usually one of the two reports is wrong.
    """
    this = department_balance_covers_projects.rule
    for department, projects in links(reports, ctx):
        zero, path = _department_balance_zero(department)
        if not zero:
            continue
        for project in projects:
            balance = project.funds.balance.total
            if balance is None or balance <= 0 or agree(interval(balance), interval(Decimal(0))):
                continue
            yield this.finding(
                department,
                path=path,
                expected=balance,
                actual=Decimal(0),
                related_file=project.file,
                project=project.project_name,
                balance=fmt(balance),
                arrived=fmt(project.funds.arrived.total),
                spent=fmt(project.funds.spent.total),
            )


@rule(
    "X403",
    name="项目支出之和超过部门项目支出",
    family="cross",
    severity="warning",
    template="所属项目自评报告实际支出之和 {projects_spent} 万元（{names}）超过部门整体报告项目支出 {department_spent} 万元",
    scope="corpus",
)
def projects_within_department_spending(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """The 实际支出 of a department's project reports together do not exceed the department's 项目支出
    (汇总 row). A warning: a project may be co-funded by other departments.
    """
    this = projects_within_department_spending.rule
    for department, projects in links(reports, ctx):
        dept_spent = number(department, "expenditure.summary.project")
        spent = [(p, p.funds.spent.total) for p in projects if p.funds.spent.total is not None]
        if dept_spent is None or not spent:
            continue
        total = sum((v for _, v in spent), Decimal(0))
        if total <= dept_spent or agree(interval(dept_spent), interval(total)):
            continue
        yield this.finding(
            department,
            path="expenditure.summary.project",
            expected=dept_spent,
            actual=total,
            related_file=spent[0][0].file,
            projects_spent=fmt(total),
            names="、".join(p.project_name or p.file for p, _ in spent),
            department_spent=fmt(dept_spent),
        )
