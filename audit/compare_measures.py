"""The measures compared year over year, and the change arithmetic.

A measure is read from a report by an `audit.values` path (``income.summary.total`` is the 汇总
row of the income table); the last three (自评得分, 复核得分, 错误数) are supplied by the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao_audit.audit.values import label_of, number, table_fields
from jixiao_audit.normalize.model import Report

WAN = "万元"
PEOPLE = "人"
POINTS = "分"
COUNT = "个"

SELF_SCORE = "self_score"
RESCORED = "rescored"
ERRORS = "errors"


@dataclass(frozen=True)
class Measure:
    key: str  # an `audit.values` path, or SELF_SCORE / RESCORED / ERRORS
    label: str  # Chinese; also the sheet name
    unit: str
    group: str  # 收入 / 支出 / 结余 / 三公经费 / 人员 / 资产 / 评分
    swing: bool = True  # large changes are reported (Y604)

    @property
    def from_report(self) -> bool:
        return self.key not in (SELF_SCORE, RESCORED, ERRORS)

    def read(self, report: Report) -> Decimal | None:
        return number(report, self.key) if self.from_report else None


def _table(table: str, group: str, fields: tuple[str, ...] | None = None) -> tuple[Measure, ...]:
    """The 汇总-row measures of a department table, labelled and ordered as the model is."""
    names = fields or table_fields(table)
    return tuple(
        Measure(path, label_of(path), WAN, group) for path in (f"{table}.summary.{n}" for n in names)
    )


def _expenditure() -> tuple[Measure, ...]:
    fields = table_fields("expenditure")
    spent = tuple(f for f in fields if not f.startswith("balance"))
    return _table("expenditure", "支出", spent) + _table(
        "expenditure", "结余", tuple(f for f in fields if f not in spent)
    )


MEASURES: tuple[Measure, ...] = (
    *_table("income", "收入"),
    *_expenditure(),
    *_table("three_public", "三公经费"),
    *(Measure(path, label_of(path), PEOPLE, "人员") for path in ("staffing.authorized", "staffing.actual")),
    *_table("fixed_assets", "资产", ("total",)),
    Measure(SELF_SCORE, label_of(SELF_SCORE), POINTS, "评分", swing=False),
    Measure(RESCORED, "复核得分", POINTS, "评分", swing=False),
    Measure(ERRORS, "错误数", COUNT, "评分", swing=False),
)
MEASURE_BY_KEY = {m.key: m for m in MEASURES}
THREE_PUBLIC_TOTAL = MEASURE_BY_KEY["three_public.summary.total"]


@dataclass(frozen=True)
class Change:
    """From one year's value to a later one: absolute and percent (None when undefined)."""

    before: Decimal | None
    after: Decimal | None

    @property
    def absolute(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def percent(self) -> Decimal | None:
        """(after − before) / before × 100; None when either is blank or `before` is 0."""
        if self.absolute is None or not self.before:
            return None
        return self.absolute / abs(self.before) * 100


def change(before: Decimal | None, after: Decimal | None) -> Change:
    return Change(before, after)
