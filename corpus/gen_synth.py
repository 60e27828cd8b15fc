"""Consistent figures: a department's tables over several years, and its projects.

Every identity the audit checks holds exactly at the printed precision: row sums, 汇总 = sum of
units, 支出合计 = 基本 + 项目, 基本 = 人员 + 公用, 收入合计 = sources, 当年结余 = 本年收入 − 支出,
累计结余 = 上年结转 + 当年结余, next year's 上年结转 = this year's 累计结余, project funds by source,
结余 = 到位 − 支出, expense lines (元) adding up to 支出合计 = 实际支出 × 10000. Rates the rubric
formulas use are kept away from whole-percent borders so their scores are unambiguous.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from corpus.gen_catalog import HEAD_OFFICE, UNIT_SUMMARY_LABELS, County, DepartmentType, ProjectType
from corpus.gen_model import (
    FUND_BLOCKS,
    FUND_SOURCES,
    TABLE_FIELDS,
    ExpenseLine,
    Money,
    Row,
    Style,
    money_text,
)
from corpus.gen_numbers import WAN, amount, not_borderline, percent, q, split

GROWTH = (0.98, 1.08)  # year-on-year factor of recurring spending
THREE_PUBLIC_DOWN = (0.80, 0.96)
THREE_PUBLIC_UP = (1.04, 1.18)
P_THREE_PUBLIC_UP = 0.3
P_BALANCE = 0.35  # a unit keeps part of its income unspent
P_OVER_STAFFED = 0.2
P_ASSETS_IDLE = 0.3
P_FULL_ARRIVAL = 0.6
MAX_EXPENSE_LINES = 40
MIN_EXPENSE_LINES = 3


def choose_style(rng: random.Random) -> Style:
    places = 0 if rng.random() < 0.15 else 2
    return Style(
        places=places,
        fixed=places == 2 and rng.random() < 0.35,
        zero_blank=rng.random() < 0.3,
        zero_text=rng.choice(("0", "0", "0.00")),
        pct_places=rng.choice((1, 2, 2)),
        numbering=rng.choice(("{n}、", "{n}、", "{n}.", "（{n}）", "")),
        date_format=rng.choice(("{y}年{m}月{d}日", "{y}年{m:02d}月{d:02d}日", "{y} 年 {m} 月 {d} 日")),
    )


def printed(value: Decimal | None, style: Style) -> Money:
    """The value as the reader sees it: blank zeros become None, digits as printed."""
    if value is None or (not value and style.zero_blank):
        return None
    return Decimal(money_text(value, style))


# --- department units -------------------------------------------------------------------------------


def unit_labels(rng: random.Random, dtype: DepartmentType, county: County, n_units: int, style: Style):
    """(labels with the summary first when there is one, has_summary)."""
    head = dtype.name[-1] + "机关" if dtype.name[-1] != "局" else HEAD_OFFICE
    names = [head, *rng.sample(dtype.units, n_units - 1)]
    numbered = [style.numbering.format(n=i + 1) + name for i, name in enumerate(names)]
    if n_units == 1 and rng.random() < 0.5:
        return [dtype.short if dtype.short.startswith(county.name) else county.name + dtype.short], False
    label = (
        UNIT_SUMMARY_LABELS[0] if n_units > 1 and head == HEAD_OFFICE else rng.choice(UNIT_SUMMARY_LABELS[1:])
    )
    return [label, *numbered], True


@dataclass
class UnitPlan:
    """What drives one unit's figures from year to year."""

    weight: float  # share of the department's personnel spending
    project_ratio: float
    public_ratio: float
    fund_share: float
    fee_share: float
    other_share: float
    reception: float
    vehicle: float
    assets: float


def plan_units(rng: random.Random, dtype: DepartmentType, n_units: int) -> list[UnitPlan]:
    plans = []
    for i in range(n_units):
        head = i == 0
        plans.append(
            UnitPlan(
                weight=rng.uniform(0.8, 1.2) if head else rng.uniform(0.05, 0.45),
                project_ratio=(rng.uniform(2, 10) if dtype.fund_income else rng.uniform(0.3, 3))
                if head
                else (0 if rng.random() < 0.3 else rng.uniform(0.05, 1)),
                public_ratio=rng.uniform(0.12, 0.45),
                fund_share=rng.uniform(0.2, 0.6) if dtype.fund_income and head else 0,
                fee_share=rng.uniform(0.01, 0.08) if dtype.fee_income and (head or rng.random() < 0.5) else 0,
                other_share=rng.uniform(0.002, 0.02) if rng.random() < 0.2 else 0,
                reception=rng.uniform(0.5, 5)
                if head
                else (0 if rng.random() < 0.5 else rng.uniform(0.1, 1.2)),
                vehicle=rng.uniform(1.5, 12) if head else (0 if rng.random() < 0.5 else rng.uniform(0.3, 3)),
                assets=rng.uniform(80, 2500) if head else rng.uniform(5, 400),
            )
        )
    return plans


@dataclass
class UnitYear:
    """One unit's exact figures in one year (before printing)."""

    personnel: Decimal
    public: Decimal
    project: Decimal
    balance_current: Decimal
    carryover: Decimal
    general_budget: Decimal
    government_fund: Decimal
    special_account: Decimal
    other: Decimal
    reception: Decimal
    vehicle_operation: Decimal
    vehicle_purchase: Decimal
    overseas: Decimal
    in_use: Decimal
    leased: Decimal
    other_assets: Decimal


def unit_year(
    rng: random.Random,
    plan: UnitPlan,
    scale: float,
    places: int,
    carryover: Decimal,
    three_public_factor: float,
    previous: UnitYear | None,
    growth: float,
    projects_spent: Decimal = Decimal(0),
    projects_balance: Decimal = Decimal(0),
) -> UnitYear:
    """One unit's figures; `previous` (same unit last year) keeps them moving smoothly.

    A unit that runs projects spends at least what their reports spent and keeps at least their
    unspent balance (the project money passes through its budget).
    """
    base = scale * plan.weight * growth
    personnel = amount(rng, base * 0.95, base * 1.05, places)
    public = amount(
        rng, float(personnel) * plan.public_ratio * 0.9, float(personnel) * plan.public_ratio * 1.1, places
    )
    project = (
        q(float(personnel) * plan.project_ratio * rng.uniform(0.8, 1.2), places)
        if plan.project_ratio
        else Decimal(0)
    )
    if projects_spent:
        project = max(project, q(float(projects_spent) * rng.uniform(1.05, 1.6), places))
    spent = personnel + public + project
    balance = q(float(spent) * rng.uniform(0.005, 0.06), places) if rng.random() < P_BALANCE else Decimal(0)
    if projects_balance:
        balance = max(balance, q(float(projects_balance) * rng.uniform(1.0, 1.3), places) + Decimal(1))
    income = spent + balance
    fund = q(float(project) * plan.fund_share, places)
    fee = q(float(income) * plan.fee_share, places)
    other = q(float(income) * plan.other_share, places)
    general = income - fund - fee - other
    tp = _three_public(rng, plan, three_public_factor, previous)
    in_use, leased, idle = _assets(rng, plan, places, previous)
    return UnitYear(
        personnel, public, project, balance, carryover, general, fund, fee, other, *tp, in_use, leased, idle
    )


def _three_public(rng, plan: UnitPlan, factor: float, previous: UnitYear | None) -> tuple[Decimal, ...]:
    if previous is None:
        reception = q(plan.reception * rng.uniform(0.9, 1.1)) if plan.reception else Decimal(0)
        vehicle = q(plan.vehicle * rng.uniform(0.9, 1.1)) if plan.vehicle else Decimal(0)
    else:
        reception = q(float(previous.reception) * factor * rng.uniform(0.97, 1.03))
        vehicle = q(float(previous.vehicle_operation) * factor * rng.uniform(0.97, 1.03))
    purchase = q(rng.uniform(12, 25)) if plan.weight > 0.7 and rng.random() < 0.08 else Decimal(0)
    overseas = q(rng.uniform(1, 4)) if plan.weight > 0.7 and rng.random() < 0.05 else Decimal(0)
    return reception, vehicle, purchase, overseas


def _assets(rng, plan: UnitPlan, places: int, previous: UnitYear | None) -> tuple[Decimal, Decimal, Decimal]:
    if previous is None:
        in_use = amount(rng, plan.assets * 0.9, plan.assets * 1.1, places)
        idle = rng.random() < P_ASSETS_IDLE and plan.weight > 0.7
        leased = q(float(in_use) * rng.uniform(0.01, 0.06), places) if idle else Decimal(0)
        other = (
            q(float(in_use) * rng.uniform(0.005, 0.03), places) if idle and rng.random() < 0.5 else Decimal(0)
        )
        return in_use, leased, other
    grown = q(float(previous.in_use) * rng.uniform(1.0, 1.06), places)
    return grown, previous.leased, previous.other_assets


def unit_rows(u: UnitYear) -> dict[str, dict[str, Decimal]]:
    """The four table rows of a unit, totals computed from the parts."""
    basic = u.personnel + u.public
    spent = basic + u.project
    income = u.carryover + u.general_budget + u.government_fund + u.special_account + u.other
    tp_total = u.reception + u.vehicle_operation + u.vehicle_purchase + u.overseas
    return {
        "income": {
            "total": income,
            "carryover": u.carryover,
            "general_budget": u.general_budget,
            "government_fund": u.government_fund,
            "special_account": u.special_account,
            "other": u.other,
        },
        "expenditure": {
            "total": spent,
            "basic": basic,
            "personnel": u.personnel,
            "public": u.public,
            "project": u.project,
            "balance_current": u.balance_current,
            "balance_cumulative": u.carryover + u.balance_current,
        },
        "three_public": {
            "total": tp_total,
            "reception": u.reception,
            "vehicle_operation": u.vehicle_operation,
            "vehicle_purchase": u.vehicle_purchase,
            "overseas": u.overseas,
        },
        "fixed_assets": {
            "total": u.in_use + u.leased + u.other_assets,
            "in_use": u.in_use,
            "leased": u.leased,
            "other": u.other_assets,
        },
    }


def summary_of(rows: list[dict[str, dict[str, Decimal]]]) -> dict[str, dict[str, Decimal]]:
    return {
        table: {f: sum((r[table][f] for r in rows), Decimal(0)) for f in fields}
        for table, fields in TABLE_FIELDS.items()
    }


def tables_for(
    labels: list[str], has_summary: bool, units: list[UnitYear], style: Style
) -> dict[str, list[Row]]:
    """Printed tables: the summary row first (when there is one), then one row per unit."""
    exact = [unit_rows(u) for u in units]
    rows = ([summary_of(exact)] if has_summary else []) + exact
    return {
        table: [
            Row(label, {f: printed(r[table][f], style) for f in fields}) for label, r in zip(labels, rows)
        ]
        for table, fields in TABLE_FIELDS.items()
    }


def three_public_ok(before: Decimal, now: Decimal) -> bool:
    """The change rate is clear of 0 and of whole-point borders (so 变动率 scores are unambiguous)."""
    if not before:
        return False
    rate = percent(now - before, before)
    return abs(rate) > Decimal("0.6") and (rate < 0 or not_borderline(rate))


def ratio_ok(numerator: Decimal, denominator: Decimal) -> bool:
    """A control / utilisation rate that is exactly 100 % or clear of whole-point borders."""
    if numerator == denominator:
        return True
    return not_borderline(percent(numerator, denominator))


def staffing(
    rng: random.Random, scale: float, n_units: int, previous: tuple[int, int] | None
) -> tuple[int, int]:
    if previous is None:
        authorized = max(6, int(scale / 14 * rng.uniform(0.8, 1.2)) + 6 * (n_units - 1))
    else:
        authorized = previous[0] + rng.choice((0, 0, 0, 1, -1, 2))
    while True:
        if rng.random() < P_OVER_STAFFED:
            actual = authorized + max(1, int(authorized * rng.uniform(0.02, 0.14)))
        else:
            actual = authorized - rng.randint(0, max(1, authorized // 10))
        if ratio_ok(Decimal(actual), Decimal(authorized)):
            return authorized, actual


# --- projects ---------------------------------------------------------------------------------------

SOURCE_WEIGHTS = {"central": 3.0, "provincial": 1.5, "municipal": 0.8, "county": 2.0, "other": 0.6}


@dataclass
class ProjectFigures:
    funds: dict[str, dict[str, Money]]
    expenses: list[ExpenseLine]
    total_yuan: Decimal
    total_text: str


def project_funds(rng: random.Random, ptype: ProjectType, style: Style) -> dict[str, dict[str, Money]]:
    """计划 / 到位 / 支出 / 结余 by source; unused sources blank in every block."""
    places = 0 if rng.random() < 0.45 else 2
    planned_total = amount(rng, *ptype.size, places)
    sources = [
        s for s in FUND_SOURCES if s in ptype.sources and (s == ptype.sources[0] or rng.random() < 0.8)
    ]
    planned = dict(zip(sources, split(rng, planned_total, [SOURCE_WEIGHTS[s] for s in sources], places)))
    arrived = _arrivals(rng, planned)
    spent = {
        s: (v if rng.random() < 0.4 else q(float(v) * rng.uniform(0.3, 0.98), 2)) for s, v in arrived.items()
    }
    funds: dict[str, dict[str, Money]] = {b: {s: None for s in ("total", *FUND_SOURCES)} for b in FUND_BLOCKS}
    for s in sources:
        got = arrived[s]
        values = {"planned": planned[s], "arrived": got, "spent": spent[s], "balance": got - spent[s]}
        for block, value in values.items():
            if block != "planned" and not got:
                continue  # nothing arrived from this source: the form leaves the cells blank
            funds[block][s] = printed(value, style)
    totals = {
        name: sum(part.values(), Decimal(0))
        for name, part in (("planned", planned), ("arrived", arrived), ("spent", spent))
    }
    totals["balance"] = totals["arrived"] - totals["spent"]
    for block in FUND_BLOCKS:
        funds[block]["total"] = printed(totals[block], style)
    return funds


def _arrivals(rng: random.Random, planned: dict[str, Decimal]) -> dict[str, Decimal]:
    """What arrived from each source: everything, or for some sources part of it or nothing."""
    if rng.random() < P_FULL_ARRIVAL:
        return dict(planned)
    arrived = {}
    for i, (source, value) in enumerate(planned.items()):
        if i == 0 and rng.random() < 0.5:
            arrived[source] = value
        elif rng.random() < 0.7:
            arrived[source] = q(float(value) * rng.uniform(0.2, 1.0), 2)
        else:
            arrived[source] = Decimal(0)
    if not any(arrived.values()):
        first = next(iter(planned))
        arrived[first] = planned[first]
    return arrived


def expense_lines(
    rng: random.Random, ptype: ProjectType, spent_wan: Decimal, year: int, start_month: int
) -> tuple[list[ExpenseLine], Decimal, str]:
    """3–40 lines in 元 adding up exactly to 实际支出 × 10000."""
    total = spent_wan * WAN
    n = min(
        MAX_EXPENSE_LINES,
        max(MIN_EXPENSE_LINES, int(rng.triangular(MIN_EXPENSE_LINES, MAX_EXPENSE_LINES, 8))),
    )
    n = max(MIN_EXPENSE_LINES, min(n, int(total / 1000)))
    weights = [rng.uniform(0.3, 1.7) for _ in range(n)]
    scale = sum(weights)
    amounts: list[Decimal] = []
    for w in weights[:-1]:
        grain = Decimal(rng.choice((100, 100, 10, 1)))
        amounts.append(max(grain, (total * Decimal(w / scale) / grain).quantize(Decimal(1)) * grain))
    last = total - sum(amounts, Decimal(0))
    if last <= 0:
        return expense_lines(rng, ptype, spent_wan, year, start_month)
    amounts.append(last)
    lines = []
    month, number = start_month, rng.randint(5, 60)
    for a in amounts:
        text = (
            f"{a:.2f}"
            if rng.random() < 0.4
            else (f"{a:.2f}" if a != a.to_integral_value() else f"{a.quantize(Decimal(1)):f}")
        )
        if rng.random() < 0.08:
            text += " "
        voucher = f"{year}年{month}月{number}号"
        number += rng.randint(1, 6)
        if rng.random() < 0.25 and month < 12:
            month += 1
            number = rng.randint(1, 40)
        note = rng.choice(("", "", "", "", "第一批", "第二批", "尾款"))
        lines.append(ExpenseLine(rng.choice(ptype.expense_items), Decimal(text.strip()), text, voucher, note))
    total_text = f"{total:.2f}" if rng.random() < 0.5 else f"{total.quantize(Decimal(1)):f}"
    return lines, Decimal(total_text), total_text
