"""A1xx: the tables add up — rows, columns, income vs expenditure, project funds, expense lines.

Every comparison uses rounding intervals (`audit.tolerance`): a figure is exact only to the
digits it shows, and a 0.01 difference is never an error. Blank cells follow `_sums.check_sum`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.registry import AuditContext, Rule, add, rule
from jixiao_audit.audit.rules._sums import SumResult, SumStatus, check_sum
from jixiao_audit.audit.tolerance import agree, fmt, interval
from jixiao_audit.audit.values import FIELD_LABELS, TABLE_LABELS, summary_index, table_fields, unit_indices
from jixiao_audit.normalize.model import FundsBySource, Report

FUNDS_SOURCES = tuple(f for f in table_fields("source") if f != "total")
FUNDS_BLOCKS = table_fields("funds")
MONEY_FIELDS: dict[str, tuple[str, ...]] = {table: table_fields(table) for table in TABLE_LABELS}


@dataclass(frozen=True)
class RowSum:
    """One row identity of a department table: total = sum of parts."""

    code: str
    table: str
    total: str
    parts: tuple[str, ...]

    @property
    def concept(self) -> str:
        return FIELD_LABELS[self.table][self.total]

    @property
    def parts_name(self) -> str:
        return "、".join(FIELD_LABELS[self.table][p] for p in self.parts)


ROW_SUMS: tuple[RowSum, ...] = (
    RowSum(
        "A101",
        "income",
        "total",
        ("carryover", "general_budget", "government_fund", "special_account", "other"),
    ),
    RowSum("A102", "expenditure", "total", ("basic", "project")),
    RowSum("A103", "expenditure", "basic", ("personnel", "public")),
    RowSum(
        "A104", "three_public", "total", ("reception", "vehicle_operation", "vehicle_purchase", "overseas")
    ),
    RowSum("A105", "fixed_assets", "total", ("in_use", "leased", "other")),
)
ROW_SUM_TEMPLATE = "{concept}与{parts_name}之和不符（{unit}）：{concept} {total} 万元，各项之和 {parts} 万元，相差 {diff} 万元{cause}"
ROW_SUM_DOC = (
    "Row identity of the department's {table}: {concept} = {parts_name}.\n\n"
    "Checked on every row (汇总 and each unit) with rounding intervals; blank parts follow the policy "
    "of `_sums.check_sum` (the shortfall case is A109). A wrong total misstates the department's money."
)


# ---------------------------------------------------------------- enumerating the sums


def row_sum_cases(report: Report, spec: RowSum) -> Iterator[tuple[int, str, SumResult]]:
    for i, row in enumerate(getattr(report, spec.table)):
        result = check_sum(getattr(row, spec.total), [getattr(row, p) for p in spec.parts])
        yield i, row.unit, result


def column_sum_cases(report: Report) -> Iterator[tuple[str, str, int, SumResult]]:
    """(table, field, summary row index, result) for every column of every department table."""
    for table in TABLE_LABELS:
        rows = getattr(report, table)
        s = summary_index(rows)
        units = unit_indices(rows)
        if s is None or len(rows) < 2 or len(units) < 2:
            continue
        for field in MONEY_FIELDS[table]:
            yield (
                table,
                field,
                s,
                check_sum(getattr(rows[s], field), [getattr(rows[i], field) for i in units]),
            )


def funds_sum_cases(report: Report) -> Iterator[tuple[str, SumResult]]:
    for block in FUNDS_BLOCKS:
        by_source: FundsBySource = getattr(report.funds, block)
        yield block, check_sum(by_source.total, [getattr(by_source, s) for s in FUNDS_SOURCES])


def _sum_finding(r: Rule, report: Report, path: str, result: SumResult, **fields) -> Finding:
    return r.finding(
        report,
        path=path,
        expected=result.parts_sum,
        actual=result.total,
        total=result.total,
        parts=result.parts_sum,
        diff=result.total - result.parts_sum,
        **fields,
    )


# ---------------------------------------------------------------- A101–A105 row identities


def _make_row_rule(spec: RowSum) -> Rule:
    def check(report: Report, ctx: AuditContext) -> Iterable[Finding]:
        this = check.rule  # type: ignore[attr-defined]
        for i, unit, result in row_sum_cases(report, spec):
            if result.status is SumStatus.MISMATCH:
                yield _sum_finding(
                    this,
                    report,
                    f"{spec.table}[{i}].{spec.total}",
                    result,
                    concept=spec.concept,
                    parts_name=spec.parts_name,
                    unit=unit,
                )

    check.__doc__ = ROW_SUM_DOC.format(table=spec.table, concept=spec.concept, parts_name=spec.parts_name)
    check.__name__ = f"check_{spec.code}"
    return add(
        Rule(
            code=spec.code,
            name=f"{spec.concept}行勾稽",
            family="arithmetic",
            severity="error",
            template=ROW_SUM_TEMPLATE,
            func=check,
            kinds=("department",),
        )
    )


for _spec in ROW_SUMS:
    _make_row_rule(_spec)


# ---------------------------------------------------------------- A106 columns


@rule(
    "A106",
    name="汇总行与各单位之和",
    family="arithmetic",
    severity="error",
    template="{table}「{field}」列汇总行与各单位之和不符：汇总 {total} 万元，各单位之和 {parts} 万元，相差 {diff} 万元{cause}",
    kinds=("department",),
)
def summary_row_equals_units(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Column identity: the 汇总 row equals the sum of the unit rows, in every column of every table.

    Only when the table has a 汇总/合计 row and more than one unit row (with a single unit the
    summary simply repeats it). A summary that does not add up means a unit is missing or mistyped.
    """
    this = summary_row_equals_units.rule
    for table, field, s, result in column_sum_cases(report):
        if result.status is SumStatus.MISMATCH:
            yield _sum_finding(
                this,
                report,
                f"{table}[{s}].{field}",
                result,
                rests_on=[f"{table}[{i}].{field}" for i in unit_indices(getattr(report, table))],
                table=TABLE_LABELS[table],
                field=FIELD_LABELS[table][field],
            )


# ---------------------------------------------------------------- A107/A108 income vs expenditure


def _unit_key(unit: str | None) -> str:
    import re

    return re.sub(r"^[\s\d一二三四五六七八九十]+[、.．)）]\s*|\s", "", unit or "")


def income_expenditure_pairs(report: Report) -> Iterator[tuple[int, int]]:
    """(income row, expenditure row) index pairs describing the same unit (汇总 with 汇总)."""
    income_keys = {_unit_key(r.unit): i for i, r in enumerate(report.income)}
    for j, row in enumerate(report.expenditure):
        i = income_keys.get(_unit_key(row.unit))
        if i is None and j == summary_index(report.expenditure):
            i = summary_index(report.income)
        if i is not None:
            yield i, j


@rule(
    "A107",
    name="收支与当年结余",
    family="arithmetic",
    severity="error",
    template="收入合计减支出合计与当年结余不符（{unit}）：收入合计 {income} 万元 − 支出合计 {spent} 万元 = {expected} 万元，"
    "当年结余填报 {balance} 万元{carry_note}{cause}",
    kinds=("department",),
)
def balance_matches_income_minus_spending(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """当年结余 = 收入合计 − 支出合计, per unit (rows matched by unit name; 汇总 with 汇总).

    Carryover policy: forms differ on whether 收入合计 includes 上年结转, so the balance is accepted
    when it equals either 收入合计 − 支出合计 or 收入合计 − 上年结转 − 支出合计. Skipped when any of
    收入合计, 支出合计, 当年结余 is blank. 累计结余 is not checked (it needs earlier years).
    """
    this = balance_matches_income_minus_spending.rule
    for i, j in income_expenditure_pairs(report):
        inc, exp = report.income[i], report.expenditure[j]
        if inc.total is None or exp.total is None or exp.balance_current is None:
            continue
        candidates = [interval(inc.total) - interval(exp.total)]
        if inc.carryover is not None:
            candidates.append(candidates[0] - interval(inc.carryover))
        if any(agree(c, interval(exp.balance_current)) for c in candidates):
            continue
        expected = inc.total - exp.total
        carry_note = (
            f"（扣除上年结转 {fmt(inc.carryover)} 万元后为 {fmt(expected - inc.carryover)} 万元）"
            if inc.carryover
            else ""
        )
        yield this.finding(
            report,
            path=f"expenditure[{j}].balance_current",
            expected=expected,
            actual=exp.balance_current,
            unit=exp.unit,
            income=inc.total,
            spent=exp.total,
            balance=exp.balance_current,
            carry_note=carry_note,
        )


@rule(
    "A108",
    name="支出超过收入",
    family="arithmetic",
    severity="warning",
    template="支出合计超过收入合计且未填当年结余（{unit}）：支出合计 {spent} 万元，收入合计 {income} 万元，超出 {diff} 万元",
    kinds=("department",),
)
def spending_exceeds_income(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """支出合计 above 收入合计 with the 当年结余 blank: spending has no visible source.

    When 当年结余 is filled, A107 checks the three figures instead.
    """
    this = spending_exceeds_income.rule
    for i, j in income_expenditure_pairs(report):
        inc, exp = report.income[i], report.expenditure[j]
        if inc.total is None or exp.total is None or exp.balance_current is not None:
            continue
        if exp.total > inc.total and not agree(interval(exp.total), interval(inc.total)):
            yield this.finding(
                report,
                path=f"expenditure[{j}].total",
                expected=inc.total,
                actual=exp.total,
                unit=exp.unit,
                spent=exp.total,
                income=inc.total,
                diff=exp.total - inc.total,
            )


# ---------------------------------------------------------------- A109 incomplete breakdowns


@rule(
    "A109",
    name="分项空白",
    family="arithmetic",
    severity="warning",
    template="{what}有 {blanks} 项空白，已填各项之和 {parts} 万元小于合计 {total} 万元，空白项可能漏填",
)
def blank_parts_short_of_total(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A total whose filled parts fall short of it while some parts are blank.

    The blanks may hold the difference or the figures may be wrong; either way the table cannot
    be verified, so this is a warning (covers department rows and columns, and project funds).
    """
    this = blank_parts_short_of_total.rule
    for spec in ROW_SUMS:
        for i, unit, result in row_sum_cases(report, spec):
            if result.status is SumStatus.INCOMPLETE:
                yield _blank_finding(
                    this, report, f"{spec.table}[{i}].{spec.total}", result, f"{unit}的{spec.concept}"
                )
    for table, field, s, result in column_sum_cases(report):
        if result.status is SumStatus.INCOMPLETE:
            what = f"{TABLE_LABELS[table]}「{FIELD_LABELS[table][field]}」列的单位行"
            yield _blank_finding(this, report, f"{table}[{s}].{field}", result, what)
    for block, result in funds_sum_cases(report):
        if result.status is SumStatus.INCOMPLETE:
            yield _blank_finding(
                this, report, f"funds.{block}.total", result, f"{FIELD_LABELS['funds'][block]}的资金来源"
            )


def _blank_finding(r: Rule, report: Report, path: str, result: SumResult, what: str) -> Finding:
    return r.finding(
        report,
        path=path,
        expected=result.parts_sum,
        actual=result.total,
        what=what,
        blanks=result.blanks,
        parts=result.parts_sum,
        total=result.total,
    )


# ---------------------------------------------------------------- A111–A114 project funds


@rule(
    "A111",
    name="资金来源合计",
    family="arithmetic",
    severity="error",
    template="{block}合计与各资金来源之和不符：合计 {total} 万元，中央、省、市、县、其它之和 {parts} 万元，相差 {diff} 万元{cause}",
    kinds=("project",),
)
def funds_total_equals_sources(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """计划安排 / 实际到位 / 实际支出 / 结余: each total equals the sum of its sources.

    Blank sources follow `_sums.check_sum` (the shortfall case is A109).
    """
    this = funds_total_equals_sources.rule
    for block, result in funds_sum_cases(report):
        if result.status is SumStatus.MISMATCH:
            yield _sum_finding(
                this, report, f"funds.{block}.total", result, block=FIELD_LABELS["funds"][block]
            )


@rule(
    "A112",
    name="结余＝到位−支出",
    family="arithmetic",
    severity="error",
    template="{source}结余与到位资金减实际支出不符：到位 {arrived} 万元 − 支出 {spent} 万元 = {expected} 万元，结余填报 {balance} 万元{cause}",
    kinds=("project",),
)
def balance_equals_arrived_minus_spent(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """结余 = 实际到位 − 实际支出, for the total and each source.

    Checked only where all three figures are filled (a blank is not 0).
    """
    this = balance_equals_arrived_minus_spent.rule
    f = report.funds
    for source in ("total",) + FUNDS_SOURCES:
        arrived, spent, balance = (getattr(getattr(f, b), source) for b in ("arrived", "spent", "balance"))
        if arrived is None or spent is None or balance is None:
            continue
        if agree(interval(arrived) - interval(spent), interval(balance)):
            continue
        label = "" if source == "total" else FIELD_LABELS["source"][source]
        yield this.finding(
            report,
            path=f"funds.balance.{source}",
            expected=arrived - spent,
            actual=balance,
            source=label,
            arrived=arrived,
            spent=spent,
            balance=balance,
        )


@rule(
    "A113",
    name="支出明细合计",
    family="arithmetic",
    severity="error",
    template="项目支出明细合计与各明细之和不符：支出合计 {total} 万元，{count} 笔明细之和 {parts} 万元，相差 {diff} 万元{cause}",
    kinds=("project",),
)
def expense_lines_add_up(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The expense lines (项目支出明细) add up to their 支出合计 (`expenses_total`).

    Both are in 万元 converted from the form's 元, keeping their precision. Blank lines follow
    `_sums.check_sum`.
    """
    this = expense_lines_add_up.rule
    amounts = [e.amount for e in report.expenses]
    result = check_sum(report.expenses_total, amounts)
    if result.status is SumStatus.MISMATCH:
        yield _sum_finding(
            this,
            report,
            "expenses_total",
            result,
            rests_on=[f"expenses[{k}].amount" for k in range(len(amounts))],
            count=sum(1 for a in amounts if a is not None),
        )


@rule(
    "A114",
    name="支出明细与实际支出",
    family="arithmetic",
    severity="error",
    template="项目支出明细合计与实际支出不符：支出明细合计 {lines} 万元，基本概况表实际支出 {spent} 万元，相差 {diff} 万元{cause}",
    kinds=("project",),
)
def expense_total_matches_spent(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The expense lines' 支出合计 (元 on the form, here 万元) agrees with 实际支出 (`funds.spent.total`).

    A factor of 10,000 between them is reported as 元/万元 confusion.
    """
    this = expense_total_matches_spent.rule
    lines, spent = report.expenses_total, report.funds.spent.total
    if lines is None or spent is None or agree(interval(lines), interval(spent)):
        return
    yield this.finding(
        report,
        path="expenses_total",
        expected=spent,
        actual=lines,
        lines=lines,
        spent=spent,
        diff=lines - spent,
    )
