"""Synthetic reports as `corpus.content` parts, through the colleague's semantic builders.

`department_parts` / `project_parts` give the 附件2-x report and its 附件3-x rubric; `document`
puts the parts of one file together in the order the file was received.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from corpus import content as c
from corpus.gen_model import (
    FUND_BLOCKS,
    DeptYear,
    ProjectYear,
    Style,
    money_text,
)
from corpus.gen_text import narrative_lines

DEPARTMENT_RUBRIC_HEADING = "部门整体支出绩效评价评分表（参考样表）"
PROJECT_RUBRIC_HEADING = "项目支出绩效评价指标体系（参考样表）"
DEPARTMENT_RUBRIC_NOTES = (
    "备注：部门（单位）可根据本部门实际情况，对评价指标体系进一步完善、量化、细化个性指标，形成本部门的指标体系。",
)
PROJECT_RUBRIC_NOTES = (
    "备注：部门（单位）根据项目实际，在《项目支出绩效评价指标体系（参考样表）》上进一步完",
    "善、量化、细化个性指标，形成本项目的指标体系。",
)
TICKED, UNTICKED, CHECK = "☑", "□", "√"
TYPE_OPTIONS = ("项目实施过程评价", "项目完成结果评价")
SEED_ORDER, GROUPED = "seed_order", "grouped"


def date_text(date: dt.date | None, style: Style) -> str:
    """A filled date as the department writes it, or the blank 年 月 日 of the template."""
    if date is None:
        return c.DATE_BLANK
    return style.date_format.format(y=date.year, m=date.month, d=date.day)


def report_date_line(date: dt.date | None, style: Style) -> str:
    if date is None:
        return c.REPORT_DATE_BLANK
    return f"报告日期：  {date_text(date, style)}"


def evaluation_type_line(ticked: str | None, tick_style: int) -> str:
    """评价类型 with the marks after (template) or before the options; nothing ticked when None."""
    mark_on = CHECK if tick_style == 2 else TICKED
    marks = [mark_on if option == ticked else UNTICKED for option in TYPE_OPTIONS]
    if tick_style == 1:
        return f"评价类型：{marks[0]}{TYPE_OPTIONS[0]}   {marks[1]}{TYPE_OPTIONS[1]}"
    return f"评价类型：{TYPE_OPTIONS[0]}{marks[0]}   {TYPE_OPTIONS[1]}{marks[1]}"


def _signoffs(headings, dates, style: Style) -> list[str]:
    return [
        c.signoff(heading, signer, date_text(date, style), blank_lines=3 if signer else 4)
        for (heading, signer), date in zip(headings, dates)
    ]


def _evaluators(people, blank_row: bool) -> list[c.Evaluator]:
    rows = [c.Evaluator(p.name, p.title, p.unit, "") for p in people]
    return rows + ([c.Evaluator()] if blank_row else [])


def _money_rows(d: DeptYear, table: str) -> list[c.MoneyRow]:
    style = d.common.style
    return [
        c.MoneyRow(row.unit, tuple(money_text(v, style) for v in row.values.values()))
        for row in d.tables[table]
    ]


# --- department -------------------------------------------------------------------------------------


def department_report(d: DeptYear) -> c.Part:
    k = d.common
    cover = replace(
        c.department_cover(k.county.name, k.year, d.name, d.budget_code),
        report_date=report_date_line(k.report_date, k.style),
    )
    basics = c.DepartmentBasics(
        d.contact, d.phone, str(d.staffing[0]), str(d.staffing[1]), d.duties, d.tasks, d.summary
    )
    form = c.department_form(
        basics,
        _money_rows(d, "income"),
        _money_rows(d, "expenditure"),
        _money_rows(d, "three_public"),
        _money_rows(d, "fixed_assets"),
        [c.Goal(t, a) for t, a in k.goals],
        [c.Indicator(i.level1, i.level2, i.name, i.actual) for i in k.indicators],
        score=k.form_score_text,
        grade=k.grade,
        evaluators=_evaluators(k.evaluators, k.blank_evaluator_row),
        signoffs=_signoffs(c.DEPARTMENT_SIGNOFF_HEADINGS, k.signoff_dates, k.style),
    )
    narrative = c.narrative_form(narrative_lines(k.narrative))
    return c.report_part(cover, form, narrative, c.FILLER_LINE, c.DEPARTMENT_REPORT)


def department_rubric(d: DeptYear) -> c.Part:
    r = d.common.rubric
    table = c.rubric(
        c.DEPARTMENT_RUBRIC_HEADER, r.rows, c.DEPARTMENT_RUBRIC_GROUPS, widths=c.DEPARTMENT_RUBRIC_WIDTHS
    )
    return c.rubric_part(
        "附件3-1", DEPARTMENT_RUBRIC_HEADING, table, DEPARTMENT_RUBRIC_NOTES, c.DEPARTMENT_RUBRIC
    )


# --- project ----------------------------------------------------------------------------------------


def _fund_column(p: ProjectYear, block: str) -> c.FundColumn:
    style = p.common.style
    values = p.funds[block]
    return c.FundColumn(
        *(
            money_text(values[s], style)
            for s in ("total", "central", "provincial", "municipal", "county", "other")
        )
    )


def project_report(p: ProjectYear) -> c.Part:
    k = p.common
    cover = replace(
        c.project_cover(
            k.county.name, p.name, p.unit, p.supervisor, evaluation_type_line(p.evaluation_type, p.tick_style)
        ),
        report_date=report_date_line(k.report_date, k.style),
    )
    basics = c.ProjectBasics(p.manager, p.phone, p.address, p.postcode, p.period)
    funds = c.ProjectFunds(*(_fund_column(p, b) for b in FUND_BLOCKS))
    form = c.project_form(
        basics,
        funds,
        [c.Expense(e.item, e.text, e.voucher, e.note) for e in p.expenses],
        p.expenses_total_text,
        [c.Goal(t, a) for t, a in k.goals],
        [c.Indicator(i.level1, i.level2, i.name, i.actual, i.target) for i in k.indicators],
        score=k.form_score_text,
        grade=k.grade,
        evaluators=_evaluators(k.evaluators, k.blank_evaluator_row),
        signoffs=_signoffs(c.PROJECT_SIGNOFF_HEADINGS, k.signoff_dates, k.style),
    )
    narrative = c.narrative_form(narrative_lines(k.narrative))
    return c.report_part(cover, form, narrative, c.FILLER_LINE, c.PROJECT_REPORT)


def project_rubric(p: ProjectYear) -> c.Part:
    r = p.common.rubric
    table = c.rubric(c.PROJECT_RUBRIC_HEADER, r.rows, c.PROJECT_RUBRIC_GROUPS, widths=c.PROJECT_RUBRIC_WIDTHS)
    return c.rubric_part(
        "附件3-2", PROJECT_RUBRIC_HEADING, table, PROJECT_RUBRIC_NOTES, c.PROJECT_RUBRIC, gap_before_notes=2
    )


# --- files ------------------------------------------------------------------------------------------


def document(
    title: str, department: DeptYear | None, projects: list[ProjectYear], order: str = GROUPED
) -> c.Document:
    """One file's parts: 2-1 and 3-1 first, then each project's 2-2 and 3-2 (or the seed's 2-1, 2-2, 3-1, 3-2)."""
    parts: list[c.Part] = []
    if department is not None and order == SEED_ORDER and len(projects) == 1:
        p = projects[0]
        parts = [
            department_report(department),
            project_report(p),
            department_rubric(department),
            project_rubric(p),
        ]
        return c.Document(title, tuple(parts))
    if department is not None:
        parts += [department_report(department), department_rubric(department)]
    for p in projects:
        parts += [project_report(p), project_rubric(p)]
    return c.Document(title, tuple(parts))
