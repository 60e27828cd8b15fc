"""Number helpers for the generator: exact splits, printing as counties do, typos and intervals.

Amounts are `Decimal` in 万元 carrying the digits they print with (``Decimal("20353.71")``,
``Decimal("29201")``). A figure printed with k decimals stands for ± half a unit of its last
digit; `agrees` compares two such figures the way a careful reader would.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ONE = Decimal(1)
HUNDRED = Decimal(100)
WAN = Decimal(10000)
ABS_FLOOR = Decimal("0.01")  # a difference this small is rounding, never an error


def q(value: Decimal | float, places: int = 2) -> Decimal:
    """Round half up to `places` decimals (0 gives a whole number)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def floor_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def whole_floor(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_FLOOR)


def amount(rng: random.Random, low: float, high: float, places: int) -> Decimal:
    """A random amount in [low, high] with `places` decimals (at least one unit)."""
    value = q(rng.uniform(low, high), places)
    return max(value, Decimal(1).scaleb(-places))


def split(rng: random.Random, total: Decimal, weights: Sequence[float], places: int) -> list[Decimal]:
    """`total` cut into len(weights) non-negative parts with `places` decimals that add up exactly."""
    unit = Decimal(1).scaleb(-places)
    units = int(total / unit)
    raw = [w * rng.uniform(0.85, 1.15) for w in weights]
    scale = sum(raw) or 1.0
    counts = [int(units * w / scale) for w in raw]
    counts[0] += units - sum(counts)
    return [Decimal(c) * unit for c in counts]


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator * HUNDRED


def pct_text(value: Decimal, places: int = 2) -> str:
    """A percentage as people write it: 69.7, 4.25, 100 (trailing zeros dropped)."""
    shown = q(value, places)
    text = f"{shown:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def plain(value: Decimal) -> str:
    """Minimal digits: 29201, 20353.7, 0.5."""
    if value == value.to_integral_value():
        return f"{value.quantize(ONE):f}"
    return f"{value.normalize():f}"


def shown_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last digit shown; a printed 0 is exact."""
    if not value:
        return Decimal(0)
    return Decimal(5).scaleb(-shown_places(value) - 1)


def agrees(a: Decimal, b: Decimal, slack: Decimal = Decimal(0)) -> bool:
    """Two printed figures may stand for the same amount (intervals overlap, or within ABS_FLOOR)."""
    return abs(a - b) <= half_unit(a) + half_unit(b) + slack or abs(a - b) <= ABS_FLOOR


def sum_agrees(total: Decimal | None, parts: Sequence[Decimal | None]) -> bool:
    """total = sum of the filled parts, within the rounding of every figure; blanks are not 0."""
    filled = [p for p in parts if p is not None]
    if total is None or not filled:
        return True
    slack = sum((half_unit(p) for p in filled), Decimal(0))
    return agrees(total, sum(filled, Decimal(0)), slack)


def tolerance(values: Sequence[Decimal | None]) -> Decimal:
    """How far a sum over `values` may be off by rounding alone."""
    return sum((half_unit(v) for v in values if v is not None), Decimal(0)) + ABS_FLOOR


# --- typos ------------------------------------------------------------------------------------------


def _digits(value: Decimal) -> tuple[str, int]:
    """The digit string of |value| and its number of decimals."""
    places = shown_places(value)
    return f"{abs(value):.{places}f}".replace(".", ""), places


def _from_digits(digits: str, places: int, negative: bool) -> Decimal:
    text = digits if not places else f"{digits[:-places]}.{digits[-places:]}"
    value = Decimal(text)
    return -value if negative else value


def transpositions(value: Decimal) -> list[Decimal]:
    """Every figure made by swapping two adjacent different digits (5057 → 5075, 5507)."""
    digits, places = _digits(value)
    out = []
    for i in range(len(digits) - 1):
        if digits[i] == digits[i + 1] or (i == 0 and digits[1] == "0"):
            continue
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
        out.append(_from_digits(swapped, places, value < 0))
    return out


def digit_typos(value: Decimal) -> list[Decimal]:
    """Figures with one digit mistyped (never the leading digit to 0)."""
    digits, places = _digits(value)
    out = []
    for i, d in enumerate(digits):
        for new in "0123456789":
            if new == d or (i == 0 and new == "0" and len(digits) > 1):
                continue
            out.append(_from_digits(digits[:i] + new + digits[i + 1 :], places, value < 0))
    return out


def clear_choices(candidates: Sequence[Decimal], value: Decimal, needed: Decimal) -> list[Decimal]:
    """Candidates differing from `value` by more than `needed` (so no rounding can hide them)."""
    return [c for c in candidates if abs(c - value) > needed and c > 0]


def not_borderline(rate: Decimal, margin: Decimal = Decimal("0.05")) -> bool:
    """A rate (percent) not within `margin` of a whole number, so floor() is unambiguous."""
    frac = rate - whole_floor(rate)
    return margin < frac < ONE - margin
