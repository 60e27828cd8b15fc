"""The rubric formulas (评分标准) as the county's 评分表 states them, and the grade bands.

Used twice: to give clean reports the self scores their data allow, and by the oracle to say
what a (possibly injected) report's data allow. "每超过/低于一个百分点扣x分" counts whole points.
"""

from __future__ import annotations

from decimal import Decimal

from corpus.gen_numbers import HUNDRED, percent, whole_floor

GRADE_BANDS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (90, ("优秀", "优")),
    (80, ("良好", "良")),
    (60, ("中", "中等", "合格", "一般")),
    (0, ("差", "较差", "不合格")),
)
STAFF_DEDUCTION = Decimal("0.5")
CHANGE_DEDUCTION = Decimal("0.5")
UTILISATION_DEDUCTION = Decimal("0.1")
BALANCE_PARTIAL = Decimal(2)


def grade_for(score: Decimal) -> str:
    """The canonical 评价等次 of a score."""
    return band_labels(score)[0]


def band_labels(score: Decimal) -> tuple[str, ...]:
    for low, labels in GRADE_BANDS:
        if score >= low:
            return labels
    return GRADE_BANDS[-1][1]


def staffing_allowed(actual: int | None, authorized: int | None, max_points: Decimal) -> Decimal | None:
    """财政供养人员控制率 = 实有/编制 ≤ 100 % full marks; 0.5 off per whole point over."""
    if actual is None or not authorized:
        return None
    over = percent(Decimal(actual), Decimal(authorized)) - HUNDRED
    if over <= 0:
        return max_points
    return max(Decimal(0), max_points - whole_floor(over) * STAFF_DEDUCTION)


def change_allowed(now: Decimal | None, before: Decimal | None, max_points: Decimal) -> Decimal | None:
    """“三公经费”变动率 = (本年 − 上年) / 上年 ≤ 0 full marks; 0.5 off per whole point over."""
    if now is None or before is None:
        return None
    if not before:
        return max_points if now <= 0 else None
    rate = percent(now - before, before)
    if rate <= 0:
        return max_points
    return max(Decimal(0), max_points - whole_floor(rate) * CHANGE_DEDUCTION)


def balance_allowed(
    balance: Decimal | None, carryover: Decimal | None, max_points: Decimal
) -> Decimal | None:
    """资金结余: none → full; not above 上年结转 → 2; above it → 0."""
    if balance is None:
        return None
    if balance <= 0:
        return max_points
    if carryover is None or balance <= carryover:
        return min(BALANCE_PARTIAL, max_points)
    return Decimal(0)


def utilisation_allowed(in_use: Decimal | None, total: Decimal | None, max_points: Decimal) -> Decimal | None:
    """固定资产利用率 = 在用 / 合计; 0.1 off per whole point below 100 %."""
    if in_use is None or not total:
        return None
    below = HUNDRED - percent(in_use, total)
    if below <= 0:
        return max_points
    return max(Decimal(0), max_points - whole_floor(below) * UTILISATION_DEDUCTION)


def arrival_allowed(arrived: Decimal | None, planned: Decimal | None, max_points: Decimal) -> Decimal | None:
    """到位率: 分值 × 实际到位 / 计划安排, capped at 分值 (unrounded)."""
    if arrived is None or not planned:
        return None
    return max_points * min(Decimal(1), arrived / planned)
