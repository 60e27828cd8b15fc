"""Checking that a total equals its parts, with rounding intervals and a policy for blanks.

Blank (None) parts are not 0. Policy:
  * total blank, or every part blank: nothing to check (SKIPPED);
  * the filled parts agree with the total (intervals overlap): OK, whatever is blank;
  * no part blank, or the filled parts already exceed the total: MISMATCH (error);
  * some parts blank and the filled parts fall short of the total: INCOMPLETE (warning A109):
    the blanks may hold the rest, or were left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from jixiao_audit.audit.tolerance import agree, interval, sum_interval


class SumStatus(Enum):
    OK = "ok"
    MISMATCH = "mismatch"
    INCOMPLETE = "incomplete"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class SumResult:
    status: SumStatus
    total: Decimal | None
    parts_sum: Decimal | None
    blanks: int


def check_sum(total: Decimal | None, parts: Sequence[Decimal | None]) -> SumResult:
    filled = [p for p in parts if p is not None]
    blanks = len(parts) - len(filled)
    if total is None or not filled:
        return SumResult(SumStatus.SKIPPED, total, None, blanks)
    parts_sum = sum(filled, Decimal(0))
    if agree(interval(total), sum_interval(filled)):
        return SumResult(SumStatus.OK, total, parts_sum, blanks)
    if blanks and parts_sum < total:
        return SumResult(SumStatus.INCOMPLETE, total, parts_sum, blanks)
    return SumResult(SumStatus.MISMATCH, total, parts_sum, blanks)
