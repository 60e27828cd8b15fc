"""Numeric helpers: rounding intervals (XBRL Calculations 1.1 style), formatting, likely causes.

Every figure a form prints is exact only to the digits it shows: ``Decimal("20353.71")`` stands
for anything in [20353.705, 20353.715], ``Decimal("29201")`` for [29200.5, 29201.5]. The Decimal
exponent carries that precision (values converted from 元 keep theirs: 203537100.00 元 becomes
``Decimal("20353.7100")``). Two figures disagree only when their intervals do not overlap, and
never when they differ by one unit of the last digit shown (a 0.01 truncation must not be an error).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ABS_FLOOR = Decimal("0.01")  # differences this small are always rounding (万元, points, %)
PERCENT = Decimal(100)
WAN = Decimal(10000)  # 元 per 万元
UNIT_RATIO_TOLERANCE = Decimal("0.002")  # a ratio within 0.2 % of 10,000 counts as 元/万元 confusion
DISPLAY_PLACES = 2  # money and points are shown with at least two decimals


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval [lo, hi] of values a printed figure may stand for."""

    lo: Decimal
    hi: Decimal

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scale(self, factor: Decimal) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def overlaps(self, other: Interval) -> bool:
        """Closed-interval overlap; two non-degenerate intervals merely touching do not overlap."""
        if self.lo == self.hi or other.lo == other.hi:
            return self.lo <= other.hi and other.lo <= self.hi
        return self.lo < other.hi and other.lo < self.hi


_HALF_UNITS: dict[int, Decimal] = {}


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last digit shown: 0.005 for 20353.71, 0.5 for 29201."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN / Infinity
        return Decimal(0)
    half = _HALF_UNITS.get(exponent)
    if half is None:
        half = _HALF_UNITS[exponent] = Decimal(5).scaleb(exponent - 1)
    return half


def interval(value: Decimal) -> Interval:
    """The values a printed figure may stand for, given its shown digits.

    A printed 0 is exact: an empty category, not an amount rounded to zero.
    """
    if not value:
        return Interval(value, value)
    h = half_unit(value)
    return Interval(value - h, value + h)


def stated_interval(value: Decimal, *, at_least: bool = False) -> Interval:
    """A figure quoted in prose. `at_least` for "13742余万元" / "800多": [value, value + 1 unit).

    Prose figures are also allowed to be truncated rather than rounded (one unit up).
    """
    unit = half_unit(value) * 2
    if at_least:
        return Interval(value, value + unit)
    return Interval(value - unit / 2, value + unit)


def exact(value: Decimal) -> Interval:
    return Interval(value, value)


def sum_interval(values: Iterable[Decimal]) -> Interval:
    """The sum of the figures' intervals; the bounds are added as Decimals, in the order
    `interval(a) + interval(b) + …` would add them, without an Interval for every step."""
    lo = hi = Decimal(0)
    for v in values:
        if v:
            h = half_unit(v)
            lo, hi = lo + (v - h), hi + (v + h)
        else:  # a printed 0 is exact (see interval)
            lo, hi = lo + v, hi + v
    return Interval(lo, hi)


def agree(a: Interval, b: Interval) -> bool:
    """True when two intervals may stand for the same amount.

    They overlap (merely touching is not enough: 93 and 94 differ), or their midpoints are within
    one unit of the last digit shown, at most ABS_FLOOR: a 0.01 difference between figures printed
    to 0.01 万元 is rounding, never an error, but figures printed to the 元 (the expense lines)
    differ by 100 元 only when someone mistyped.
    """
    unit = max(a.hi - a.lo, b.hi - b.lo)
    floor = min(ABS_FLOOR, unit) if unit else ABS_FLOOR
    return a.overlaps(b) or abs(a.mid - b.mid) <= floor


def same_amount(a: Decimal, b: Decimal) -> bool:
    """Two printed figures agree within rounding."""
    return agree(interval(a), interval(b))


def ratio_interval(numerator: Interval, denominator: Interval) -> Interval | None:
    """numerator / denominator × 100 as an interval of percentages; None if the divisor may be 0."""
    if denominator.lo <= 0:
        return None
    lo_n, hi_n = numerator.lo, numerator.hi
    return Interval(lo_n / denominator.hi * PERCENT, hi_n / denominator.lo * PERCENT)


def percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if not denominator:
        return None
    return numerator / denominator * PERCENT


def quantize(value: Decimal, places: int = DISPLAY_PLACES) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt(value: Decimal | None, places: int = DISPLAY_PLACES) -> str:
    """Money / points for a message: at least two decimals, more only if the figure has them.

    ``fmt(Decimal("29201")) == "29201.00"``, ``fmt(Decimal("20353.7100")) == "20353.71"``,
    ``fmt(Decimal("1560.8694")) == "1560.8694"``.
    """
    if value is None:
        return "（空白）"
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    shown = max(places, -exponent) if isinstance(exponent, int) else places
    return f"{value:.{shown}f}"


def fmt_pct(value: Decimal | None) -> str:
    return "（空白）" if value is None else f"{quantize(value):.2f}%"


def fmt_plain(value: Decimal | int | None) -> str:
    """A count or a figure as printed: 162, 34.87, 5057."""
    if value is None:
        return "（空白）"
    if isinstance(value, int):
        return str(value)
    normal = value.normalize()
    return f"{normal:f}"


# ---------------------------------------------------------------- likely cause of a mismatch


def _digits(a: Decimal, b: Decimal) -> tuple[str, str] | None:
    """Both figures as digit strings at a common precision, or None if lengths differ."""
    exp_a, exp_b = a.as_tuple().exponent, b.as_tuple().exponent
    if not isinstance(exp_a, int) or not isinstance(exp_b, int):
        return None
    places = Decimal(1).scaleb(min(exp_a, exp_b, 0))
    sa = str(abs(a.quantize(places))).replace(".", "")
    sb = str(abs(b.quantize(places))).replace(".", "")
    if (a < 0) != (b < 0) or len(sa) != len(sb):
        return None
    return sa, sb


def is_transposition(a: Decimal, b: Decimal) -> bool:
    """5075 vs 5057: exactly two adjacent digits swapped."""
    pair = _digits(a, b)
    if pair is None or a == b:
        return False
    sa, sb = pair
    diff = [i for i, (x, y) in enumerate(zip(sa, sb)) if x != y]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and sa[diff[0]] == sb[diff[1]]
        and sa[diff[1]] == sb[diff[0]]
    )


def is_single_digit(a: Decimal, b: Decimal) -> bool:
    """5075 vs 5675: exactly one digit differs."""
    pair = _digits(a, b)
    if pair is None or a == b:
        return False
    sa, sb = pair
    return sum(1 for x, y in zip(sa, sb) if x != y) == 1


def is_unit_confusion(a: Decimal, b: Decimal) -> bool:
    """One figure is ~10,000 times the other: 元 written where 万元 was meant, or the reverse."""
    if not a or not b:
        return False
    big, small = (abs(a), abs(b)) if abs(a) > abs(b) else (abs(b), abs(a))
    return abs(big / small / WAN - 1) <= UNIT_RATIO_TOLERANCE


def likely_cause(a: Decimal | None, b: Decimal | None) -> str | None:
    """A short Chinese phrase naming the likely cause of a ≠ b, or None."""
    if a is None or b is None:
        return None
    if is_unit_confusion(a, b):
        return "元/万元单位混淆，两数相差约一万倍"
    if is_transposition(a, b):
        return "两位数字颠倒"
    if is_single_digit(a, b):
        return "仅一位数字不同，疑为录入错误"
    return None


def cause_suffix(a: Decimal | None, b: Decimal | None) -> str:
    """ "（可能原因：…）" or ""."""
    cause = likely_cause(a, b)
    return f"（可能原因：{cause}）" if cause else ""
