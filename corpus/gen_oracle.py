"""Which audit rules must fire on what the synthetic files show: the answer key's expected findings.

An independent statement of the identities (from the county template and the 评分表), applied to
the shown data of the whole corpus, so a change in one report is judged with its previous year
and its department/projects as the audit sees them. Codes follow `audit.registry`; where two
rules may legitimately report one discrepancy, `alt_rules` lists the others.

Errors and the completeness / carryover warnings a targeted injection provokes are listed; other
warnings are not predicted (the evaluation never counts them as false positives).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from corpus import gen_rubric, gen_scoring
from corpus.gen_model import (
    FUND_BLOCKS,
    FUND_SOURCES,
    ROW_SUMS,
    TABLE_FIELDS,
    DeptYear,
    Fig,
    ProjectYear,
    fund,
)
from corpus.gen_numbers import ABS_FLOOR, HUNDRED, WAN, agrees, half_unit, q
from corpus.gen_text import DECREASED, INCREASED, figures

ROW_SUM_CODES = {
    ("income", "total"): "A101",
    ("expenditure", "total"): "A102",
    ("expenditure", "basic"): "A103",
    ("three_public", "total"): "A104",
    ("fixed_assets", "total"): "A105",
}
EXECUTION_DENOMINATORS = ("funds.arrived.total", "funds.planned.total")
RATE_DEDUCTION_CODES = ("R307", "Y602")


@dataclass
class Expect:
    """One finding the audit must report on a report (`report_id`), with its key numbers."""

    rule: str
    report_id: str
    severity: str
    path: str
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    alt_rules: tuple[str, ...] = ()
    related_report: str | None = None


# --- intervals ----------------------------------------------------------------------------------------


def prose_agrees(stated: Decimal, table: Decimal) -> bool:
    """A prose figure may be rounded or truncated: it stands for [v − ½u, v + u]."""
    h = half_unit(stated)
    lo, hi = stated - h, stated + 2 * h
    ht = half_unit(table)
    return (lo <= table + ht and table - ht <= hi) or abs(stated - table) <= ABS_FLOOR


def ratio_agrees(
    stated: Decimal, numerator: Decimal, denominator: Decimal, prose_numerator: bool = False
) -> bool:
    """A stated percentage against numerator ÷ denominator × 100 with both figures' rounding."""
    if denominator <= 0:
        return True
    hn, hd = half_unit(numerator), half_unit(denominator)
    n_hi = numerator + (2 * hn if prose_numerator else hn)
    if denominator - hd <= 0:
        return True
    lo, hi = (numerator - hn) / (denominator + hd) * HUNDRED, n_hi / (denominator - hd) * HUNDRED
    hs = half_unit(stated)
    return (stated - hs <= hi and lo <= stated + 2 * hs) or abs(
        stated - (numerator / denominator * HUNDRED)
    ) <= ABS_FLOOR


def sum_status(total: Decimal | None, parts: list[Decimal | None]) -> str:
    """ok / mismatch / incomplete, with blanks not counted as 0 (the audit's policy)."""
    filled = [p for p in parts if p is not None]
    if total is None or not filled:
        return "ok"
    parts_sum = sum(filled, Decimal(0))
    slack = sum((half_unit(p) for p in filled), Decimal(0))
    if agrees(total, parts_sum, slack):
        return "ok"
    if len(filled) < len(parts) and parts_sum < total:
        return "incomplete"
    return "mismatch"


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


# --- department tables (A101–A107) -------------------------------------------------------------------


def department_arithmetic(d: DeptYear) -> list[Expect]:
    out: list[Expect] = []
    for (table, total), parts in ROW_SUMS.items():
        for i, row in enumerate(d.tables[table]):
            values = [row.values[p] for p in parts]
            if sum_status(row.values[total], values) == "mismatch":
                out.append(
                    Expect(
                        ROW_SUM_CODES[(table, total)],
                        d.id,
                        "error",
                        f"{table}[{i}].{total}",
                        _sum(values),
                        row.values[total],
                    )
                )
    units = d.unit_rows()
    if d.has_summary and len(units) >= 2:
        for table, fields in TABLE_FIELDS.items():
            rows = d.tables[table]
            for f in fields:
                values = [rows[i].values[f] for i in units]
                if sum_status(rows[0].values[f], values) == "mismatch":
                    out.append(
                        Expect("A106", d.id, "error", f"{table}[0].{f}", _sum(values), rows[0].values[f])
                    )
    for j, (inc, exp) in enumerate(zip(d.tables["income"], d.tables["expenditure"])):
        total, spent, balance = inc.values["total"], exp.values["total"], exp.values["balance_current"]
        if total is None or spent is None or balance is None:
            continue
        carry = inc.values["carryover"]
        slack = half_unit(total) + half_unit(spent) + (half_unit(carry) if carry is not None else Decimal(0))
        candidates = [total - spent] + ([total - carry - spent] if carry is not None else [])
        if not any(agrees(c, balance, slack) for c in candidates):
            out.append(
                Expect("A107", d.id, "error", f"expenditure[{j}].balance_current", total - spent, balance)
            )
    return out


# --- project tables (A111–A114) ----------------------------------------------------------------------


def project_arithmetic(p: ProjectYear) -> list[Expect]:
    out: list[Expect] = []
    for block in FUND_BLOCKS:
        values = [p.funds[block][s] for s in FUND_SOURCES]
        if sum_status(p.funds[block]["total"], values) == "mismatch":
            out.append(
                Expect("A111", p.id, "error", f"funds.{block}.total", _sum(values), p.funds[block]["total"])
            )
    for source in ("total", *FUND_SOURCES):
        arrived, spent, balance = (p.funds[b][source] for b in ("arrived", "spent", "balance"))
        if arrived is None or spent is None or balance is None:
            continue
        slack = half_unit(arrived) + half_unit(spent)
        if not agrees(arrived - spent, balance, slack):
            out.append(Expect("A112", p.id, "error", f"funds.balance.{source}", arrived - spent, balance))
    lines = [e.amount_yuan for e in p.expenses]
    if sum_status(p.expenses_total_yuan, lines) == "mismatch":
        out.append(
            Expect("A113", p.id, "error", "expenses_total", _sum(lines) / WAN, p.expenses_total_yuan / WAN)
        )
    spent = fund(p, "spent")
    if p.expenses_total_yuan is not None and spent is not None:
        lines_wan = p.expenses_total_yuan.scaleb(-4)
        if not agrees(lines_wan, spent):
            out.append(Expect("A114", p.id, "error", "expenses_total", spent, lines_wan))
    return out


# --- rubric (R301–R307) ------------------------------------------------------------------------------


def scores_agree(stated: Decimal, computed: Decimal) -> bool:
    """Points are exact; a total written with fewer digits may be the rounded sum."""
    if abs(stated - computed) <= ABS_FLOOR:
        return True
    exp_s, exp_c = stated.as_tuple().exponent, computed.as_tuple().exponent
    return (
        isinstance(exp_s, int)
        and isinstance(exp_c, int)
        and exp_s > exp_c
        and abs(stated - computed) < half_unit(stated)
    )


def allowed_points(
    r: DeptYear | ProjectYear, item: gen_rubric.Item, previous: DeptYear | None
) -> Decimal | None:
    """What the 评分标准 allows for a formula item, from the report's shown data (None: not computable)."""
    m = item.max_points
    if isinstance(r, ProjectYear):
        return (
            gen_scoring.arrival_allowed(fund(r, "arrived"), fund(r, "planned"), m)
            if item.formula == "arrival"
            else None
        )
    s = {t: r.summary_row(t).values for t in r.tables}
    if item.formula == "staffing":
        return gen_scoring.staffing_allowed(r.staffing[1], r.staffing[0], m)
    if item.formula == "balance":
        balance = s["expenditure"]["balance_cumulative"]
        balance = balance if balance is not None else s["expenditure"]["balance_current"]
        return gen_scoring.balance_allowed(balance, s["income"]["carryover"], m)
    if item.formula == "utilisation":
        return gen_scoring.utilisation_allowed(s["fixed_assets"]["in_use"], s["fixed_assets"]["total"], m)
    if item.formula == "change" and previous is not None:
        before = previous.summary_row("three_public").values["total"]
        return gen_scoring.change_allowed(s["three_public"]["total"], before, m)
    return None


def rubric_checks(r: DeptYear | ProjectYear, previous: DeptYear | None) -> list[Expect]:
    k = r.common
    out: list[Expect] = []
    items = gen_rubric.items(k.rubric)
    points = [i.self_points for i in items if i.self_points is not None]
    _, total_self = gen_rubric.total_row(k.rubric)
    form = Decimal(k.form_score_text) if k.form_score_text.strip() else None
    stated = form if form is not None else total_self
    if points and stated is not None and not scores_agree(stated, sum(points, Decimal(0))):
        out.append(Expect("R301", r.id, "error", "self_score", sum(points, Decimal(0)), stated))
    if (
        total_self is not None
        and form is not None
        and not (scores_agree(total_self, form) or scores_agree(form, total_self))
    ):
        out.append(Expect("R302", r.id, "error", "score_total_self", form, total_self))
    for item in items:
        if (
            item.self_points is not None
            and item.max_points is not None
            and item.self_points > item.max_points
        ):
            out.append(
                Expect(
                    "R303",
                    r.id,
                    "error",
                    f"score_items[{item.index}].self_points",
                    item.max_points,
                    item.self_points,
                )
            )
    if stated is not None and k.grade and k.grade not in gen_scoring.band_labels(stated):
        out.append(Expect("R306", r.id, "error", "grade", gen_scoring.grade_for(stated), k.grade))
    for item in items:
        allowed = allowed_points(r, item, previous) if item.formula else None
        if allowed is None or item.self_points is None or item.self_points - allowed <= ABS_FLOOR:
            continue
        alt = RATE_DEDUCTION_CODES[1:] if item.formula == "change" else ()
        out.append(
            Expect(
                "R307",
                r.id,
                "error",
                f"score_items[{item.index}].self_points",
                q(allowed),
                item.self_points,
                alt,
            )
        )
    return out


# --- narrative (N201–N203) and across documents (X401) ------------------------------------------------


def value_at(r: DeptYear | ProjectYear, path: str) -> Decimal | None:
    """A shown value by the paths narrative figures use ("income.summary.total", "funds.arrived.total")."""
    parts = path.split(".")
    if parts[0] == "funds":
        return r.funds[parts[1]][parts[2]]  # type: ignore[union-attr]
    return r.summary_row(parts[0]).values[parts[2]]  # type: ignore[union-attr]


def narrative_checks(r: DeptYear | ProjectYear, projects: dict[str, ProjectYear]) -> list[Expect]:
    out: list[Expect] = []
    figs = figures(r.common.narrative)
    by_id = {f.id: f for f in figs}
    for f in figs:
        if f.kind == "money" and f.about[0] == "self":
            table = value_at(r, f.about[1])
            if table is not None and not prose_agrees(f.value, table):
                out.append(Expect("N201", r.id, "error", f.about[1], table, f.value))
        elif f.kind == "money" and f.about[0].startswith("project:"):
            project = projects.get(f.about[0].split(":", 1)[1])
            table = value_at(project, f.about[1]) if project is not None else None
            if table is not None and not prose_agrees(f.value, table):
                out.append(
                    Expect("X401", r.id, "error", f.about[1], table, f.value, related_report=project.id)
                )
        elif f.kind == "share":
            out += _share_check(r, f, by_id)
        elif f.kind == "rate":
            out += _rate_check(r, f)
    return out


def _share_check(r, f: Fig, by_id: dict[str, Fig]) -> list[Expect]:
    amount = by_id[f.of_fig]
    denominator = value_at(r, f.denominator)
    if not denominator:
        return []
    table = value_at(r, amount.about[1])
    ok = ratio_agrees(f.value, amount.value, denominator, prose_numerator=True)
    ok = ok or (table is not None and ratio_agrees(f.value, table, denominator))
    if ok:
        return []
    return [Expect("N202", r.id, "error", f.denominator, q(amount.value / denominator * HUNDRED), f.value)]


def _rate_check(r, f: Fig) -> list[Expect]:
    numerator = value_at(r, f.numerator)
    options = EXECUTION_DENOMINATORS if f.numerator == "funds.spent.total" else (f.denominator,)
    denominators = [d for d in (value_at(r, p) for p in options) if d]
    if (
        numerator is None
        or not denominators
        or any(ratio_agrees(f.value, numerator, d) for d in denominators)
    ):
        return []
    return [Expect("N203", r.id, "error", f.numerator, q(numerator / denominators[0] * HUNDRED), f.value)]


# --- year over year (Y601, Y603) and completeness (C501, C502, C505) --------------------------------


def yoy_checks(d: DeptYear, previous: DeptYear | None) -> list[Expect]:
    if previous is None:
        return []
    out: list[Expect] = []
    now = d.summary_row("three_public").values["total"]
    before = previous.summary_row("three_public").values["total"]
    claim = three_public_claim(d)
    if claim and now is not None and before is not None:
        same = agrees(now, before)
        holds = (claim == DECREASED and now < before and not same) or (
            claim == INCREASED and now > before and not same
        )
        if not holds:
            actual = "减少" if now < before else "增加"
            out.append(Expect("Y601", d.id, "error", "narrative", actual, claim, related_report=previous.id))
    carry = d.summary_row("income").values["carryover"]
    balance = previous.summary_row("expenditure").values["balance_cumulative"]
    if carry is not None and balance is not None and not agrees(carry, balance):
        out.append(
            Expect(
                "Y603",
                d.id,
                "warning",
                "income.summary.carryover",
                balance,
                carry,
                related_report=previous.id,
            )
        )
    return out


def three_public_claim(d: DeptYear) -> str | None:
    for s in d.common.narrative:
        for p in s.paragraphs:
            text = "".join(x if isinstance(x, str) else x.text for x in p)
            for claim in (DECREASED, INCREASED):
                if f"“三公”经费支出总额较上年{claim}" in text:
                    return claim
    return None


def completeness_checks(r: DeptYear | ProjectYear) -> list[Expect]:
    k = r.common
    out: list[Expect] = []
    if k.report_date is None:
        out.append(Expect("C501", r.id, "warning", "report_date"))
    if isinstance(r, ProjectYear) and r.evaluation_type is None:
        out.append(Expect("C502", r.id, "warning", "evaluation_type"))
    if any(date is None for date in k.signoff_dates):
        out.append(Expect("C505", r.id, "warning", "signoffs"))
    return out


# --- the corpus ---------------------------------------------------------------------------------------


def expected_findings(departments: list[DeptYear], projects: list[ProjectYear]) -> dict[str, list[Expect]]:
    """Report id → the findings the audit must report on it."""
    by_code_year = {(d.budget_code, d.common.year): d for d in departments}
    project_index = {p.id: p for p in projects}
    out: dict[str, list[Expect]] = {}
    for d in departments:
        previous = by_code_year.get((d.budget_code, d.common.year - 1))
        out[d.id] = (
            department_arithmetic(d)
            + rubric_checks(d, previous)
            + narrative_checks(d, project_index)
            + yoy_checks(d, previous)
            + completeness_checks(d)
        )
    for p in projects:
        out[p.id] = (
            project_arithmetic(p) + rubric_checks(p, None) + narrative_checks(p, {}) + completeness_checks(p)
        )
    return out
