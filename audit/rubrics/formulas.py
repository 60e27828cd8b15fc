"""The formula kinds a rubric JSON can name, each re-scoring one item from the report's own data.

Every formula returns a `Rescore`: the points the 评分标准 allows (unrounded; None when the report
lacks the data), and a Chinese 依据 stating the inputs. Paths in `params` are `audit.values` paths.

Kinds:
  ratio_cap_deduction   rate = numerator / denominator; full marks while the rate is on the right
                        side of `threshold` (percent, default 100); every percentage point past it
                        deducts `deduct_per_point`, floor 0. `direction`: "above" (控制率: over 100 %
                        is bad) or "below" (利用率: under 100 % is bad). `whole_points` (default
                        true) counts only whole percentage points, the lenient reading of 每超过一个百分点.
  proportional          分值 × numerator / denominator, capped at 分值 (到位率).
  balance_vs_carryover  no balance: full marks; balance ≤ carryover: `partial_points`; else 0.
  change_vs_previous_year
                        rate = (this year − previous year) / previous year for `value`; rate ≤ 0 full
                        marks, else `deduct_per_point` per whole point, floor 0. Needs the same
                        department's previous-year report in the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from jixiao_audit.audit.tolerance import fmt, fmt_pct, fmt_plain, percent, quantize
from jixiao_audit.audit.values import number
from jixiao_audit.normalize.model import Report, ScoreItem

DEFAULT_THRESHOLD = Decimal(100)


@dataclass(slots=True)
class Rescore:
    allowed: Decimal | None  # points the formula allows, unrounded; None = not computable
    basis: str
    inputs: dict[str, Decimal] = field(default_factory=dict)
    needs_previous_year: bool = False


FormulaFn = Callable[[ScoreItem, dict[str, Any], Report, Report | None], Rescore]
FORMULAS: dict[str, FormulaFn] = {}


def formula(kind: str) -> Callable[[FormulaFn], FormulaFn]:
    def register(fn: FormulaFn) -> FormulaFn:
        FORMULAS[kind] = fn
        return fn

    return register


def _show(value: Decimal | None, as_count: bool) -> str:
    if value is None:
        return "（空白）"
    return fmt_plain(value) if as_count else f"{fmt(value)} 万元"


def _is_count(report: Report, path: str) -> bool:
    from jixiao_audit.audit.values import resolve

    return isinstance(resolve(report, path), int)


def _whole(points: Decimal, whole: bool) -> Decimal:
    return points.to_integral_value(rounding=ROUND_FLOOR) if whole else points


def _missing(names: list[str]) -> Rescore:
    return Rescore(None, f"报告缺少{'、'.join(names)}，无法按公式复核")


def _ratio(
    item: ScoreItem, p: dict[str, Any], report: Report
) -> tuple[Decimal, Decimal, tuple[str, str, str]] | Rescore:
    """(numerator, denominator, their labels and the rate's) of a ratio item, or why it cannot be computed."""
    labels = (
        p.get("numerator_label", "分子"),
        p.get("denominator_label", "分母"),
        p.get("rate_label", "比率"),
    )
    num, den = number(report, p["numerator"]), number(report, p["denominator"])
    missing = [label for label, v in zip(labels, (num, den)) if v is None]
    if missing or item.max_points is None:
        return _missing(missing or ["分值"])
    if not den:
        return Rescore(None, f"{labels[1]}为 0，无法计算{labels[2]}")
    return num, den, labels  # type: ignore[return-value]


@formula("ratio_cap_deduction")
def ratio_cap_deduction(
    item: ScoreItem, p: dict[str, Any], report: Report, previous: Report | None
) -> Rescore:
    ratio = _ratio(item, p, report)
    if isinstance(ratio, Rescore):
        return ratio
    num, den, (num_label, den_label, rate_label) = ratio
    threshold = Decimal(str(p.get("threshold", DEFAULT_THRESHOLD)))
    per_point = Decimal(str(p.get("deduct_per_point", "0.5")))
    above = p.get("direction", "above") == "above"
    rate = percent(num, den)
    past = (rate - threshold) if above else (threshold - rate)
    counts = _is_count(report, p["numerator"])
    head = f"{rate_label} = {num_label} {_show(num, counts)} / {den_label} {_show(den, counts)} = {fmt_pct(rate)}"
    inputs = {"numerator": num, "denominator": den, "rate": rate}
    word = "超过" if above else "低于"
    if past <= 0:
        return Rescore(
            item.max_points,
            f"{head}，未{word} {fmt_plain(threshold)}%，可得满分 {fmt_plain(item.max_points)} 分",
            inputs,
        )
    points = _whole(past, p.get("whole_points", True))
    deduction = points * per_point
    allowed = max(Decimal(0), item.max_points - deduction)
    return Rescore(
        allowed,
        f"{head}，{word} {fmt_plain(threshold)}% 共 {fmt_plain(points)} 个百分点，每个百分点扣 {fmt_plain(per_point)} 分，"
        f"扣 {fmt_plain(deduction)} 分（扣完为止），最多可得 {fmt(quantize(allowed))} 分",
        inputs,
    )


@formula("proportional")
def proportional(item: ScoreItem, p: dict[str, Any], report: Report, previous: Report | None) -> Rescore:
    ratio = _ratio(item, p, report)
    if isinstance(ratio, Rescore):
        return ratio
    num, den, (num_label, den_label, rate_label) = ratio
    rate = percent(num, den)
    share = min(Decimal(1), num / den)
    allowed = item.max_points * share
    return Rescore(
        allowed,
        f"{rate_label} = {num_label} {_show(num, False)} / {den_label} {_show(den, False)} = {fmt_pct(rate)}，"
        f"分值 {fmt_plain(item.max_points)} × {fmt_pct(min(rate, Decimal(100)))} = {fmt(quantize(allowed))} 分",
        {"numerator": num, "denominator": den, "rate": rate},
    )


@formula("balance_vs_carryover")
def balance_vs_carryover(
    item: ScoreItem, p: dict[str, Any], report: Report, previous: Report | None
) -> Rescore:
    if item.max_points is None:
        return _missing(["分值"])
    paths = p.get("balance", [])
    paths = [paths] if isinstance(paths, str) else paths
    balance = next((v for v in (number(report, x) for x in paths) if v is not None), None)
    if balance is None:
        return _missing([p.get("balance_label", "结余")])
    partial = Decimal(str(p.get("partial_points", 2)))
    carry = number(report, p["carryover"]) if p.get("carryover") else None
    if balance <= 0:
        return Rescore(
            item.max_points,
            f"结余 {fmt(balance)} 万元，无结余，可得满分 {fmt_plain(item.max_points)} 分",
            {"balance": balance},
        )
    if carry is None:
        return Rescore(
            min(partial, item.max_points),
            f"结余 {fmt(balance)} 万元，上年结转空白，无法判断是否超过上年结转，最多按 {fmt_plain(partial)} 分计",
            {"balance": balance},
        )
    if balance <= carry:
        return Rescore(
            min(partial, item.max_points),
            f"结余 {fmt(balance)} 万元，未超过上年结转 {fmt(carry)} 万元，可得 {fmt_plain(partial)} 分",
            {"balance": balance, "carryover": carry},
        )
    return Rescore(
        Decimal(0),
        f"结余 {fmt(balance)} 万元，超过上年结转 {fmt(carry)} 万元，不得分",
        {"balance": balance, "carryover": carry},
    )


# The 三公经费变动率 item's parameters when a rubric names the formula without them (also Y602's
# default for a 变动率 item no rubric file describes).
CHANGE_RATE_DEFAULTS: dict[str, Any] = {
    "value": "three_public.summary.total",
    "value_label": "“三公”经费",
    "deduct_per_point": "0.5",
    "whole_points": True,
}


@dataclass(frozen=True)
class RateScore:
    rate: Decimal  # percent
    over: Decimal  # percentage points counted over 0
    allowed: Decimal


def change_rate_score(
    before: Decimal, now: Decimal, max_points: Decimal, per_point: Decimal, whole_points: bool = True
) -> RateScore | None:
    """变动率 = (本年 − 上年) / 上年; ≤ 0 full marks, else `per_point` off per (whole) point over, floor 0.

    From a zero base the rate exists only when nothing was spent this year either (None otherwise).
    """
    if not before:
        return RateScore(Decimal(0), Decimal(0), max_points) if now <= 0 else None
    rate = (now - before) / before * 100
    if rate <= 0:
        return RateScore(rate, Decimal(0), max_points)
    over = _whole(rate, whole_points)
    return RateScore(rate, over, max(Decimal(0), max_points - over * per_point))


def change_rate_params(p: dict[str, Any]) -> dict[str, Any]:
    """A rubric item's 变动率 parameters with the defaults filled in."""
    return {**CHANGE_RATE_DEFAULTS, **p}


@formula("change_vs_previous_year")
def change_vs_previous_year(
    item: ScoreItem, p: dict[str, Any], report: Report, previous: Report | None
) -> Rescore:
    p = change_rate_params(p)
    label = p["value_label"]
    if item.max_points is None:
        return _missing(["分值"])
    current = number(report, p["value"])
    before = number(previous, p["value"]) if previous is not None else None
    if previous is None or before is None:
        r = Rescore(None, f"需上年{label}数据（上年报告未提供），本次未复核")
        r.needs_previous_year = True
        return r
    if current is None:
        return _missing([f"本年{label}"])
    per_point = Decimal(str(p["deduct_per_point"]))
    score = change_rate_score(before, current, item.max_points, per_point, bool(p["whole_points"]))
    if score is None:
        return Rescore(None, f"上年{label}为 0，无法计算变动率")
    if not before:
        return Rescore(score.allowed, f"本年、上年{label}均为 0，变动率 0，可得满分", {"current": current})
    head = f"{label}变动率 = (本年 {fmt(current)} − 上年 {fmt(before)}) / 上年 {fmt(before)} = {fmt_pct(score.rate)}"
    inputs = {"current": current, "previous": before, "rate": score.rate}
    if score.over <= 0:
        return Rescore(score.allowed, f"{head} ≤ 0，可得满分 {fmt_plain(item.max_points)} 分", inputs)
    counted = "（按整百分点计）" if p["whole_points"] else ""
    return Rescore(
        score.allowed,
        f"{head}，超过 0 共 {fmt_plain(quantize(score.over))} 个百分点{counted}，每个百分点扣 {fmt_plain(per_point)} 分，"
        f"最多可得 {fmt(quantize(score.allowed))} 分",
        inputs,
    )
