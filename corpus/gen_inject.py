"""One labelled discrepancy per copy, applied to what the file shows.

Each injector edits a report in place and returns an `Injection` describing what it changed, or
None when the report offers no suitable target. Table typos leave the narrative as it was written
(people type the table wrong, not the prose); a restated carryover is carried into the prose too.
The planner (`corpus.generate`) checks with the oracle that the targeted rule must now fire.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from corpus import gen_reports, gen_rubric, gen_scoring
from corpus.gen_model import (
    FUND_BLOCKS,
    FUND_SOURCES,
    ROW_SUMS,
    TABLE_FIELDS,
    DeptYear,
    Fig,
    ProjectYear,
    money_text,
)
from corpus.gen_numbers import WAN, clear_choices, digit_typos, half_unit, plain, transpositions
from corpus.gen_oracle import allowed_points
from corpus.gen_text import DECREASED, INCREASED, figures

Report = DeptYear | ProjectYear
MIN_CLEAR = Decimal("0.5")  # a table typo moves a figure by at least this much (万元)
NEAREST_TYPOS = 4
IDENTITY_FIELDS = {
    t: {f for (table, total), parts in ROW_SUMS.items() if table == t for f in (total, *parts)}
    for t in TABLE_FIELDS
}


@dataclass
class Injection:
    kind: str
    family: str  # the rule family that must catch it
    rules: tuple[str, ...]  # codes of which at least one must fire on the injected report
    report_id: str
    where: str
    before: str
    after: str


@dataclass
class Context:
    previous: DeptYear | None  # the same department's report of the year before, in the corpus


Injector = Callable[[random.Random, Report, Context], Injection | None]


# --- choosing a wrong figure ---------------------------------------------------------------------------


def _needed(values: list[Decimal | None]) -> Decimal:
    """How far a typo must move a figure for no rounding of `values` to hide it."""
    slack = sum((half_unit(v) for v in values if v is not None), Decimal(0))
    return max(MIN_CLEAR, 4 * slack + Decimal("0.05"))


def typo(rng: random.Random, value: Decimal, needed: Decimal, swap: bool = False) -> Decimal | None:
    """A mistyped figure that no rounding hides; one of the few smallest such slips, as people make them."""
    options = clear_choices(transpositions(value) if swap else digit_typos(value), value, needed)
    options.sort(key=lambda v: (abs(v - value), v))
    return rng.choice(options[:NEAREST_TYPOS]) if options else None


def _shown(value: Decimal, like: Decimal) -> Decimal:
    """`value` printed with the digits `like` shows (for sums of printed figures)."""
    places = max(0, -like.as_tuple().exponent) if isinstance(like.as_tuple().exponent, int) else 0
    return value.quantize(Decimal(1).scaleb(-places)) if places else value


def _cells(d: DeptYear, rows: list[int]) -> list[tuple[str, int, str]]:
    """Filled cells that take part in a row identity (not the 结余 columns)."""
    return [
        (t, i, f)
        for t, fields in TABLE_FIELDS.items()
        for i in rows
        for f in fields
        if f in IDENTITY_FIELDS[t] and d.tables[t][i].values[f]
    ]


def _row_and_column(d: DeptYear, table: str, i: int, f: str) -> list[Decimal | None]:
    row = list(d.tables[table][i].values.values())
    column = [d.tables[table][k].values[f] for k in range(len(d.units))]
    return row + column


# --- table typos --------------------------------------------------------------------------------------


def _department_cell(rng: random.Random, d: DeptYear, change: Callable[[Decimal, Decimal], Decimal | None]):
    """Change one unit-row cell (never the 汇总 row, which the prose and next year quote)."""
    if not d.has_summary:
        return None
    cells = _cells(d, d.unit_rows())
    rng.shuffle(cells)
    for table, i, f in cells:
        old = d.tables[table][i].values[f]
        new = change(old, _needed(_row_and_column(d, table, i, f)))
        if new is not None:
            d.tables[table][i].values[f] = new
            return f"{table}[{i}].{f}", old, new
    return None


def _project_cell(
    rng: random.Random, p: ProjectYear, change: Callable[[Decimal, Decimal], Decimal | None], lines: bool
):
    """Change one expense line (元) or one source cell of the funds table (never a total)."""
    if lines:
        order = list(range(len(p.expenses)))
        rng.shuffle(order)
        for k in order:
            e = p.expenses[k]
            new = change(e.amount_yuan, _needed([x.amount_yuan for x in p.expenses]) * WAN / 1000)
            if new is not None:
                old, e.amount_yuan, e.text = e.amount_yuan, new, _yuan_text(new, e.text)
                return f"expenses[{k}].amount", old, new
        return None
    cells = [(b, s) for b in FUND_BLOCKS for s in FUND_SOURCES if p.funds[b][s]]
    rng.shuffle(cells)
    for b, s in cells:
        old = p.funds[b][s]
        new = change(old, _needed(list(p.funds[b].values())))
        if new is not None:
            p.funds[b][s] = new
            return f"funds.{b}.{s}", old, new
    return None


def _yuan_text(value: Decimal, like: str) -> str:
    return f"{value:.2f}" if "." in like else plain(value)


def _table_change(kind: str, family_rules: tuple[str, ...], swap: bool) -> Injector:
    def inject(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
        change = lambda old, needed: typo(rng, old, needed, swap=swap)
        if isinstance(r, DeptYear):
            done = _department_cell(rng, r, change)
        else:
            done = _project_cell(rng, r, change, lines=rng.random() < 0.5) or _project_cell(
                rng, r, change, lines=False
            )
        return _record(kind, "arithmetic", family_rules, r, done)

    return inject


ARITHMETIC_RULES = ("A101", "A102", "A103", "A104", "A105", "A106", "A111", "A112", "A113", "A114")


def unit_slip(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    """A figure typed in the wrong unit: 元 into a 万元 table (×10000), or 万元 into the 元 lines (÷10000)."""
    if isinstance(r, DeptYear):
        done = _department_cell(rng, r, lambda old, needed: _shown(old * WAN, old))
    elif rng.random() < 0.3:
        old = r.expenses_total_yuan
        r.expenses_total_yuan = (old / WAN).quantize(Decimal("0.01"))
        r.expenses_total_text = plain(r.expenses_total_yuan)
        done = ("expenses_total", old, r.expenses_total_yuan)
    else:
        done = _project_cell(rng, r, lambda old, needed: (old / WAN).quantize(Decimal("0.01")), lines=True)
    return _record("unit_slip", "arithmetic", ARITHMETIC_RULES, r, done)


def column_sum(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    """One unit's part and its total both wrong by the same amount: its row adds up, the 汇总 column does not."""
    if not isinstance(r, DeptYear) or not r.has_summary or len(r.unit_rows()) < 2:
        return None
    tables = ["three_public", "fixed_assets", "income", "expenditure"]
    for table in tables:
        for i in rng.sample(r.unit_rows(), len(r.unit_rows())):
            row = r.tables[table][i].values
            parts = [f for f in _parts_of(table) if row[f]]
            if not parts or row["total"] is None:
                continue
            f = rng.choice(parts)
            new = typo(rng, row[f], _needed(_row_and_column(r, table, i, f)))
            if new is None:
                continue
            delta, old = new - row[f], row[f]
            row[f] = new
            for dependent in _dependents(table, f):
                row[dependent] = row[dependent] + delta
            return _record("column_sum", "arithmetic", ("A106",), r, (f"{table}[{i}].{f}", old, new))
    return None


def _parts_of(table: str) -> tuple[str, ...]:
    if table == "expenditure":
        return ("personnel", "public", "project")
    return ROW_SUMS[(table, "total")]


def _dependents(table: str, field: str) -> tuple[str, ...]:
    if table == "expenditure" and field in ("personnel", "public"):
        return ("basic", "total")
    return ("total",)


# --- narrative ----------------------------------------------------------------------------------------


def _set_fig(fig: Fig, value: Decimal) -> None:
    """The figure as it will read: "33.0" is written 33, and then means 33 (±0.5), not 33.0."""
    fig.text = plain(value)
    fig.value = Decimal(fig.text)


def _change_fig(rng: random.Random, figs: list[Fig], swap_first: bool) -> tuple[str, Decimal, Decimal] | None:
    rng.shuffle(figs)
    for fig in figs:
        needed = max(10 * half_unit(fig.value), Decimal("0.1"))
        new = (typo(rng, fig.value, needed, swap=True) if swap_first else None) or typo(
            rng, fig.value, needed
        )
        if new is not None:
            old = fig.value
            _set_fig(fig, new)
            return fig.id, old, new
    return None


def narrative_amount(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    figs = [f for f in figures(r.common.narrative) if f.kind == "money" and f.about[0] == "self"]
    return _record("narrative_amount", "narrative", ("N201",), r, _change_fig(rng, figs, swap_first=False))


def narrative_percentage(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    kind = "share" if isinstance(r, DeptYear) else "rate"
    figs = [f for f in figures(r.common.narrative) if f.kind == kind]
    rules = ("N202",) if kind == "share" else ("N203",)
    return _record(
        "narrative_percentage", "narrative", rules, r, _change_fig(rng, figs, swap_first=rng.random() < 0.5)
    )


def cross_document(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    """The department narrative misquotes one of its projects (the seed's 5075 for 5057)."""
    if not isinstance(r, DeptYear):
        return None
    figs = [f for f in figures(r.common.narrative) if f.about[0].startswith("project:")]
    return _record("cross_document", "cross", ("X401",), r, _change_fig(rng, figs, swap_first=True))


# --- the rubric ---------------------------------------------------------------------------------------


def rescore(r: Report) -> None:
    """Form score, 总分 row and grade follow the items again (after an item was changed)."""
    total = gen_rubric.items_total(r.common.rubric)
    gen_rubric.set_total(r.common.rubric, total)
    r.common.form_score_text = plain(total)
    r.common.grade = gen_scoring.grade_for(total)


def score_total(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    k = r.common
    total = gen_rubric.items_total(k.rubric)
    options = [total + s * Decimal(n) for n in (1, 2, 3, 5) for s in (1, -1)]
    options = [v for v in options if gen_scoring.grade_for(v) == k.grade and Decimal(0) < v <= Decimal(100)]
    if not options:
        return None
    new = rng.choice(options)
    k.form_score_text = plain(new)
    if rng.random() < 0.5:
        gen_rubric.set_total(k.rubric, new)
    return _record("score_total", "rubric", ("R301",), r, ("self_score", total, new))


def item_above_max(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    full = [i for i in gen_rubric.items(r.common.rubric) if not i.formula and i.self_points == i.max_points]
    if not full:
        return None
    item = rng.choice(full)
    new = item.max_points + Decimal(rng.choice(("0.5", "1", "2")))
    gen_rubric.set_points(r.common.rubric, item, new)
    rescore(r)
    return _record(
        "item_above_max",
        "rubric",
        ("R303",),
        r,
        (f"score_items[{item.index}].self_points", item.max_points, new),
    )


def wrong_grade(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    k = r.common
    right = gen_scoring.grade_for(Decimal(k.form_score_text))
    labels = [b[1][0] for b in gen_scoring.GRADE_BANDS]
    at = labels.index(right)
    wrong = labels[at - 1] if at and (at == len(labels) - 1 or rng.random() < 0.5) else labels[at + 1]
    old, k.grade = k.grade, wrong
    return _record("wrong_grade", "rubric", ("R306",), r, ("grade", old, wrong))


def _overscore(kind: str, family: str, formulas: tuple[str, ...]) -> Injector:
    def inject(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
        for item in gen_rubric.items(r.common.rubric):
            if item.formula not in formulas:
                continue
            allowed = allowed_points(r, item, ctx.previous)
            if allowed is None or allowed >= item.max_points or item.self_points is None:
                continue
            gen_rubric.set_points(r.common.rubric, item, item.max_points, "")
            rescore(r)
            return _record(
                kind,
                family,
                ("R307", "Y602"),
                r,
                (f"score_items[{item.index}].self_points", item.self_points, item.max_points),
            )
        return None

    return inject


# --- completeness ------------------------------------------------------------------------------------


def missing_report_date(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    old, r.common.report_date = r.common.report_date, None
    return _record("missing_report_date", "completeness", ("C501",), r, ("report_date", old, None))


def missing_evaluation_type(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    if not isinstance(r, ProjectYear):
        return None
    old, r.evaluation_type = r.evaluation_type, None
    return _record("missing_evaluation_type", "completeness", ("C502",), r, ("evaluation_type", old, None))


def missing_signoff_dates(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    old = list(r.common.signoff_dates)
    r.common.signoff_dates = [None] * len(old)
    return _record("missing_signoff_dates", "completeness", ("C505",), r, ("signoffs", old[0], None))


# --- year over year -----------------------------------------------------------------------------------


def yoy_false_claim(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    """“三公”经费较上年有减少 when it went up (or the reverse), in the narrative and the summary."""
    if not isinstance(r, DeptYear) or ctx.previous is None:
        return None
    for s in r.common.narrative:
        for p in s.paragraphs:
            for k, piece in enumerate(p):
                if not isinstance(piece, str):
                    continue
                for old, new in ((DECREASED, INCREASED), (INCREASED, DECREASED)):
                    phrase = f"“三公”经费支出总额较上年{old}"
                    if phrase in piece:
                        p[k] = piece.replace(phrase, f"“三公”经费支出总额较上年{new}")
                        r.summary = r.summary.replace(f"较上年{old}", f"较上年{new}")
                        return _record("yoy_false_claim", "year", ("Y601",), r, ("narrative", old, new))
    return None


def yoy_carryover(rng: random.Random, r: Report, ctx: Context) -> Injection | None:
    """上年结转 restated: not last year's 累计结余 (the income totals and the prose follow it)."""
    if not isinstance(r, DeptYear) or ctx.previous is None:
        return None
    last = ctx.previous.summary_row("expenditure").values["balance_cumulative"] or Decimal(0)
    income = r.summary_row("income").values["total"] or Decimal(0)
    step = Decimal(1).scaleb(-r.common.style.places)
    delta = max(Decimal(10) * step, (income * Decimal(rng.uniform(0.01, 0.05))).quantize(step))
    rows = [0] + ([1] if r.has_summary else [])
    for i in rows:
        values = r.tables["income"][i].values
        values["carryover"] = Decimal(money_text((values["carryover"] or Decimal(0)) + delta, r.common.style))
        values["total"] = Decimal(money_text(values["total"] + delta, r.common.style))
    gen_reports.recompose_narrative(r)
    new = r.summary_row("income").values["carryover"]
    return _record("yoy_carryover", "year", ("Y603",), r, ("income.summary.carryover", last, new))


def _record(kind: str, family: str, rules: tuple[str, ...], r: Report, done) -> Injection | None:
    if not done:
        return None
    where, before, after = done
    return Injection(kind, family, rules, r.id, where, _text(before), _text(after))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    return str(value)


INJECTORS: dict[str, Injector] = {
    "row_sum": _table_change("row_sum", ARITHMETIC_RULES, swap=False),
    "column_sum": column_sum,
    "narrative_amount": narrative_amount,
    "narrative_percentage": narrative_percentage,
    "cross_document": cross_document,
    "digit_transposition": _table_change("digit_transposition", ARITHMETIC_RULES, swap=True),
    "unit_slip": unit_slip,
    "score_total": score_total,
    "item_above_max": item_above_max,
    "wrong_grade": wrong_grade,
    "formula_overscore": _overscore(
        "formula_overscore", "rubric", ("staffing", "balance", "utilisation", "arrival")
    ),
    "missing_report_date": missing_report_date,
    "missing_evaluation_type": missing_evaluation_type,
    "missing_signoff_dates": missing_signoff_dates,
    "yoy_false_claim": yoy_false_claim,
    "yoy_rate_overscore": _overscore("yoy_rate_overscore", "year", ("change",)),
    "yoy_carryover": yoy_carryover,
}
KINDS = tuple(INJECTORS)


def snapshot(r: Report) -> dict:
    """Everything an injector may change (a department's projects are never touched)."""
    return {k: copy.deepcopy(v) for k, v in vars(r).items() if k != "projects"}


def restore(r: Report, saved: dict) -> None:
    vars(r).update(copy.deepcopy(saved))
