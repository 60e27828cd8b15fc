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


@formula("ratio_cap_deduction")
def ratio_cap_deduction(
    item: ScoreItem, p: dict[str, Any], report: Report, previous: Report | None
) -> Rescore:
    num_label, den_label = p.get("numerator_label", "分子"), p.get("denominator_label", "分母")
    rate_label = p.get("rate_label", "比率")
    num, den = number(report, p["numerator"]), number(report, p["denominator"])
    missing = [lbl for lbl, v in ((num_label, num), (den_label, den)) if v is None]
    if missing or item.max_points is None:
        return _missing(missing or ["分值"])
    if not den:
        return Rescore(None, f"{den_label}为 0，无法计算{rate_label}")
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
    num_label, den_label = p.get("numerator_label", "分子"), p.get("denominator_label", "分母")
    rate_label = p.get("rate_label", "比率")
    num, den = number(report, p["numerator"]), number(report, p["denominator"])
    missing = [lbl for lbl, v in ((num_label, num), (den_label, den)) if v is None]
    if missing or item.max_points is None:
        return _missing(missing or ["分值"])
    if not den:
        return Rescore(None, f"{den_label}为 0，无法计算{rate_label}")
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


@formula("change_vs_previous_year")
def change_vs_previous_year(
    item: ScoreItem, p: dict[str, Any], report: Report, previous: Report | None
) -> Rescore:
    label = p.get("value_label", "该项")
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
    if not before:
        if current <= 0:
            return Rescore(
                item.max_points, f"本年、上年{label}均为 0，变动率 0，可得满分", {"current": current}
            )
        return Rescore(None, f"上年{label}为 0，无法计算变动率")
    rate = (current - before) / before * 100
    per_point = Decimal(str(p.get("deduct_per_point", "0.5")))
    head = (
        f"{label}变动率 = (本年 {fmt(current)} − 上年 {fmt(before)}) / 上年 {fmt(before)} = {fmt_pct(rate)}"
    )
    inputs = {"current": current, "previous": before, "rate": rate}
    if rate <= 0:
        return Rescore(item.max_points, f"{head} ≤ 0，可得满分 {fmt_plain(item.max_points)} 分", inputs)
    points = _whole(rate, p.get("whole_points", True))
    allowed = max(Decimal(0), item.max_points - points * per_point)
    return Rescore(
        allowed, f"{head}，超过 {fmt_plain(points)} 个百分点，最多可得 {fmt(quantize(allowed))} 分", inputs
    )
