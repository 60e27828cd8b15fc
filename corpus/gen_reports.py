"""Whole synthetic reports: a department over several years with its projects, every field filled.

`department_series` returns one `DeptYear` per year (chained: 上年结转 = last year's 累计结余,
“三公”经费 moving from last year's figure, staff and assets drifting), each with its projects.
Self scores are what the rubric formulas allow; the narrative is written from the printed tables.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from corpus import gen_catalog as cat
from corpus import gen_rubric, gen_scoring, gen_synth, gen_text
from corpus.gen_model import (
    COMPLETED,
    DEPARTMENT,
    IN_PROGRESS,
    PROJECT,
    Common,
    DeptYear,
    Person,
    ProjectYear,
    Style,
    fund,
)
from corpus.gen_numbers import floor_to, plain, q

P_MENTION_PROJECTS = 0.8
P_BROKEN_MERGE = 0.25
P_BLANK_EVALUATOR_ROW = 0.3
P_IN_PROGRESS = 0.2
P_FIRST_CARRYOVER = 0.4
MAX_TRIES = 200
NUDGES = (Decimal("0.03"), Decimal("0.07"))  # 万元 added per try to the 公务接待费


def person_name(rng: random.Random) -> str:
    return rng.choice(cat.SURNAMES) + "".join(rng.choice(cat.GIVEN) for _ in range(rng.choice((1, 2, 2))))


def mobile(rng: random.Random) -> str:
    return rng.choice(cat.PHONE_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(8))


def people(rng: random.Random, unit: str, n: int) -> list[Person]:
    return [Person(person_name(rng), rng.choice(cat.TITLES), unit) for _ in range(n)]


def sign_dates(rng: random.Random, year: int, n_roles: int) -> tuple[list[dt.date], dt.date]:
    """Sign-off dates (leader, unit, …, finance last) and the report date, early in the next year."""
    start = dt.date(year + 1, rng.randint(1, 4), rng.randint(1, 28))
    dates = [start + dt.timedelta(days=rng.randint(0, 2) * k) for k in range(n_roles - 1)]
    dates.append(dates[-1] + dt.timedelta(days=rng.randint(3, 12)))
    return dates, start + dt.timedelta(days=rng.randint(0, 2))


def score_fields(r) -> tuple[str, str]:
    """The form's 综合得分 text and the grade of the rubric's total."""
    total = gen_rubric.items_total(r)
    return plain(total), gen_scoring.grade_for(total)


def _common(rng, county, year, style, rubric, evaluators, n_roles, narrative, goals, indicators) -> Common:
    score, grade = score_fields(rubric)
    dates, report_date = sign_dates(rng, year, n_roles)
    return Common(
        county=county,
        year=year,
        style=style,
        rubric=rubric,
        grade=grade,
        evaluators=evaluators,
        blank_evaluator_row=rng.random() < P_BLANK_EVALUATOR_ROW,
        signoff_dates=dates,
        report_date=report_date,
        narrative=narrative,
        goals=goals,
        indicators=indicators,
        form_score_text=score,
    )


# --- departments ------------------------------------------------------------------------------------


def _fix_three_public(rng, units: list[gen_synth.UnitYear], before: Decimal | None) -> Decimal:
    """Nudge the head unit's 公务接待费 until the change rate is clear of borders; returns `before`.

    Steps of 0.03 first; if those fail, steps of 0.07 (a 上年 of 3.00 万元 turns each 0.03 into one
    whole point of rate, always on a border; seen in province-sized corpora).
    """
    start = units[0].reception
    for step in NUDGES:
        units[0].reception = start  # each step size from the synthesised figure
        found = _nudged(rng, units, before, step)
        if found is not None:
            return found
    raise RuntimeError("could not place the 三公 change rate")


def _nudged(rng, units: list[gen_synth.UnitYear], before: Decimal | None, step: Decimal) -> Decimal | None:
    for _ in range(MAX_TRIES):
        now = sum(
            (u.reception + u.vehicle_operation + u.vehicle_purchase + u.overseas for u in units), Decimal(0)
        )
        if not now:
            return before if before is not None else Decimal(0)
        guess = before if before is not None else q(float(now) / rng.uniform(*gen_synth.THREE_PUBLIC_DOWN))
        if gen_synth.three_public_ok(guess, now):
            return guess
        units[0].reception += step
    return None


def _fix_assets(units: list[gen_synth.UnitYear], places: int) -> None:
    """Nudge the head unit's 出租资产 until the 利用率 is clear of whole-point borders."""
    unit = Decimal(1).scaleb(-places)
    total = sum((u.in_use + u.leased + u.other_assets for u in units), Decimal(0))
    step = max(unit, (total / 2000).quantize(unit))
    for _ in range(MAX_TRIES):
        in_use = sum((u.in_use for u in units), Decimal(0))
        total = in_use + sum((u.leased + u.other_assets for u in units), Decimal(0))
        if gen_synth.ratio_ok(in_use, total):
            return
        units[0].leased += step
    raise RuntimeError("could not place the 固定资产利用率")


def _allowed(d: DeptYear) -> dict[str, Decimal | None]:
    s = {t: d.summary_row(t).values for t in d.tables}
    balance = s["expenditure"]["balance_cumulative"]
    if balance is None:
        balance = s["expenditure"]["balance_current"]
    authorized, actual = d.staffing
    return {
        "staffing": gen_scoring.staffing_allowed(actual, authorized, Decimal(5)),
        "change": gen_scoring.change_allowed(s["three_public"]["total"], d.three_public_before, Decimal(5)),
        "balance": gen_scoring.balance_allowed(balance, s["income"]["carryover"], Decimal(3)),
        "utilisation": gen_scoring.utilisation_allowed(
            s["fixed_assets"]["in_use"], s["fixed_assets"]["total"], Decimal(3)
        ),
    }


def department_series(
    rng: random.Random,
    index: int,
    county: cat.County,
    dtype: cat.DepartmentType,
    years: list[int],
    n_units: int,
) -> list[DeptYear]:
    """One department's reports for consecutive `years`, chained year to year."""
    style = gen_synth.choose_style(rng)
    labels, has_summary = gen_synth.unit_labels(rng, dtype, county, n_units, style)
    plans = gen_synth.plan_units(rng, dtype, n_units)
    name = county.name + dtype.name
    code = f"{county.code}{dtype.code}{rng.randint(1, 99):02d}"
    contact, phone = person_name(rng), "".join(str(rng.randint(0, 9)) for _ in range(7))
    evaluators = [
        Person(contact, rng.choice(("", "办公室主任")), dtype.short),
        *people(rng, dtype.short, rng.randint(1, 3)),
    ]
    project_types = list(dtype.projects[: rng.randint(1, len(dtype.projects))]) if dtype.projects else []
    project_names = {
        t.name: t.name + rng.choice(("", "", "项目", "资金")) if not t.name.endswith("资金") else t.name
        for t in project_types
    }
    out: list[DeptYear] = []
    previous: list[gen_synth.UnitYear] | None = None
    three_public_before: Decimal | None = None
    staff: tuple[int, int] | None = None
    growth = 1.0
    for year in years:
        d = DeptYear(
            id=f"d{index:02d}-{year}",
            dtype=dtype,
            name=name,
            budget_code=code,
            units=labels,
            has_summary=has_summary,
            tables={},
            staffing=(0, 0),
            contact=contact,
            phone=phone,
            duties=gen_text.duties_text(rng, dtype.duties),
            tasks=gen_text.tasks_text(rng, dtype.tasks),
            summary="",
            three_public_before=Decimal(0),
            common=None,  # type: ignore[arg-type]  # set by finish_department, once the figures exist
            rng_seed=rng.randint(0, 2**31),
        )
        d.projects = [
            project_year(rng, d, t, project_names[t.name], k, year, style, evaluators)
            for k, t in enumerate(project_types, start=1)
            if rng.random() < 0.85 or t is project_types[0]
        ]
        up = rng.random() < gen_synth.P_THREE_PUBLIC_UP
        factor = rng.uniform(*(gen_synth.THREE_PUBLIC_UP if up else gen_synth.THREE_PUBLIC_DOWN))
        units = []
        for i, plan in enumerate(plans):
            prev = previous[i] if previous else None
            if prev is not None:
                carry = prev.carryover + prev.balance_current
            else:
                first = i == 0 and rng.random() < P_FIRST_CARRYOVER
                carry = (
                    q(dtype.scale * plan.weight * rng.uniform(0.01, 0.05), style.places)
                    if first
                    else Decimal(0)
                )
            spent, balance = _project_money(d.projects) if i == 0 else (Decimal(0), Decimal(0))
            units.append(
                gen_synth.unit_year(
                    rng, plan, dtype.scale, style.places, carry, factor, prev, growth, spent, balance
                )
            )
        d.three_public_before = _fix_three_public(rng, units, three_public_before)
        _fix_assets(units, style.places)
        staff = gen_synth.staffing(rng, dtype.scale, n_units, staff)
        d.tables, d.staffing = gen_synth.tables_for(labels, has_summary, units, style), staff
        finish_department(rng, d, style, evaluators)
        out.append(d)
        previous, growth = units, growth * rng.uniform(*gen_synth.GROWTH)
        three_public_before = d.summary_row("three_public").values["total"] or Decimal(0)
    return out


def _project_money(projects: list[ProjectYear]) -> tuple[Decimal, Decimal]:
    """(实际支出, 结余) of the projects together."""
    spent = sum((fund(p, "spent") or Decimal(0) for p in projects), Decimal(0))
    balance = sum((fund(p, "balance") or Decimal(0) for p in projects), Decimal(0))
    return spent, balance


def finish_department(rng: random.Random, d: DeptYear, style: Style, evaluators: list[Person]) -> None:
    """Rubric, texts and narrative of a department whose tables are final."""
    now = d.summary_row("three_public").values["total"] or Decimal(0)
    d.summary = gen_text.summary_text(
        gen_text.staff_claim(*d.staffing), gen_text.three_public_claim(now, d.three_public_before)
    )
    rubric = gen_rubric.build(rng, DEPARTMENT, _allowed(d), broken_merge=rng.random() < P_BROKEN_MERGE)
    mentioned = d.projects if rng.random() < P_MENTION_PROJECTS else []
    d.common = _common(
        rng,
        _county_of(d),
        int(d.id[-4:]),
        style,
        rubric,
        evaluators,
        3,
        [],
        gen_text.department_goals(rng, d.dtype.tasks),
        gen_text.department_indicators(rng, d.dtype.tasks),
    )
    d.common.narrative = gen_text.department_narrative(random.Random(d.rng_seed), d, mentioned)
    d.mentioned = [p.id for p in mentioned]


def _county_of(d: DeptYear) -> cat.County:
    return next(c for c in (*cat.COUNTIES, *cat.MORE_COUNTIES) if d.name.startswith(c.name))


def recompose_narrative(d: DeptYear) -> None:
    """Write the department narrative again from its (changed) tables, same wording choices."""
    mentioned = [p for p in d.projects if p.id in d.mentioned]
    d.common.narrative = gen_text.department_narrative(random.Random(d.rng_seed), d, mentioned)
    now = d.summary_row("three_public").values["total"] or Decimal(0)
    d.summary = gen_text.summary_text(
        gen_text.staff_claim(*d.staffing), gen_text.three_public_claim(now, d.three_public_before)
    )


# --- projects ---------------------------------------------------------------------------------------


def project_period(rng: random.Random, year: int, in_progress: bool) -> tuple[str, int]:
    start = rng.randint(1, 6)
    end_year, end = (year + 1, rng.randint(3, 9)) if in_progress else (year, 12)
    form = rng.choice(
        (
            "{y}年 {m} 月起至  {y2}  年  {m2}  月止",
            "{y}年{m}月起至{y2}年{m2}月止",
            "{y}年{m}月至{y2}年{m2}月",
        )
    )
    return form.format(y=year, m=start, y2=end_year, m2=end), start


def project_year(
    rng: random.Random,
    d: DeptYear,
    ptype: cat.ProjectType,
    name: str,
    k: int,
    year: int,
    style: Style,
    evaluators: list[Person],
) -> ProjectYear:
    county = _county_of(d)
    sub_units = [gen_text.bare_unit(u) for u in d.units[2 if d.has_summary else 1 :]]
    unit = county.name + rng.choice(sub_units) if sub_units and rng.random() < 0.3 else d.name
    in_progress = rng.random() < P_IN_PROGRESS
    period, start = project_period(rng, year, in_progress)
    funds = gen_synth.project_funds(rng, ptype, style)
    lines, total, total_text = gen_synth.expense_lines(rng, ptype, fund_value(funds, "spent"), year, start)
    p = ProjectYear(
        id=f"{d.id}-p{k}",
        dept_id=d.id,
        ptype=ptype,
        name=name,
        unit=unit,
        supervisor=d.name,
        manager=person_name(rng),
        phone=mobile(rng),
        address=f"{county.name}{county.town}",
        postcode=county.postcode,
        period=period,
        evaluation_type=IN_PROGRESS if in_progress else COMPLETED,
        tick_style=rng.choice((0, 0, 1, 2)),
        funds=funds,
        expenses=lines,
        expenses_total_yuan=total,
        expenses_total_text=total_text,
        quantity=rng.randint(*ptype.count_range),
        common=None,  # type: ignore[arg-type]
    )
    allowed = gen_scoring.arrival_allowed(fund(p, "arrived"), fund(p, "planned"), Decimal(3))
    rubric = gen_rubric.build(
        rng, PROJECT, {"arrival": floor_to(allowed, 1) if allowed is not None else None}
    )
    team = [evaluators[0], *people(rng, d.dtype.short, rng.randint(1, 2))]
    p.common = _common(rng, county, year, style, rubric, team, 4, [], gen_text.project_goals(p), [])
    p.common.indicators = gen_text.project_indicators(rng, p)
    p.common.narrative = gen_text.project_narrative(rng, p)
    return p


def fund_value(funds: dict, block: str) -> Decimal:
    value = funds[block]["total"]
    return value if value is not None else Decimal(0)
