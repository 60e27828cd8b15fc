"""The measures compared year over year, and the change arithmetic.

A measure is read from a report by an `audit.values` path (``income.summary.total`` is the 汇总
row of the income table); the last three (自评得分, 复核得分, 错误数) are supplied by the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao_audit.audit.values import number
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


MEASURES: tuple[Measure, ...] = (
    Measure("income.summary.total", "收入合计", WAN, "收入"),
    Measure("income.summary.carryover", "上年结转", WAN, "收入"),
    Measure("income.summary.general_budget", "一般公共预算拨款", WAN, "收入"),
    Measure("income.summary.government_fund", "政府性基金拨款", WAN, "收入"),
    Measure("income.summary.special_account", "专户管理的非税收入", WAN, "收入"),
    Measure("income.summary.other", "其他收入", WAN, "收入"),
    Measure("expenditure.summary.total", "支出合计", WAN, "支出"),
    Measure("expenditure.summary.basic", "基本支出", WAN, "支出"),
    Measure("expenditure.summary.personnel", "人员支出", WAN, "支出"),
    Measure("expenditure.summary.public", "公用支出", WAN, "支出"),
    Measure("expenditure.summary.project", "项目支出", WAN, "支出"),
    Measure("expenditure.summary.balance_current", "当年结余", WAN, "结余"),
    Measure("expenditure.summary.balance_cumulative", "累计结余", WAN, "结余"),
    Measure("three_public.summary.total", "三公经费合计", WAN, "三公经费"),
    Measure("three_public.summary.reception", "公务接待费", WAN, "三公经费"),
    Measure("three_public.summary.vehicle_operation", "公务用车运行维护费", WAN, "三公经费"),
    Measure("three_public.summary.vehicle_purchase", "公务用车购置费", WAN, "三公经费"),
    Measure("three_public.summary.overseas", "因公出国（境）费", WAN, "三公经费"),
    Measure("staffing.authorized", "人员编制", PEOPLE, "人员"),
    Measure("staffing.actual", "实有人数", PEOPLE, "人员"),
    Measure("fixed_assets.summary.total", "固定资产合计", WAN, "资产"),
    Measure(SELF_SCORE, "自评得分", POINTS, "评分", swing=False),
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
