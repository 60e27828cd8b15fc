"""Figures read by OCR with a low recognition score: a finding resting on one is a question for
the reviewer (check the original), never an `error` on that figure alone.

The audit does not know a page was scanned; it sees `Source.confidence`, which only OCR sets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from jixiao_audit.normalize.model import Report, Source

LOW_CONFIDENCE = 0.9  # a recognition score below this: the figure may be misread
LOW_CONFIDENCE_NOTE = "OCR 识别置信度低，请核对原件"
WRAP_END = re.compile(r"[\d.,，．]*$")  # the figure a line ends with …
WRAP_START = re.compile(r"[\d.,，．]*")  # … and the one the next line starts with


def record_prefix(path: str) -> str:
    """The record a value belongs to: "income[0].total" → "income[0]", "funds.arrived.total" →
    "funds.arrived". A row check (a sum across one record) rests on the record's figures."""
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else path


def digits_of(value: object) -> str:
    """The digits a figure is printed with, for finding it in a line of text: 1560.87 → "156087"."""
    if isinstance(value, Decimal):
        value = format(value.normalize(), "f")
    return re.sub(r"\D", "", str(value))


def is_shaky(src: Source, figures: Iterable[object]) -> bool:
    """Does the finding rest on a weakly read part of this source? A one-line value: its score. A
    text of several lines (a narrative): the weak lines that print one of the finding's figures,
    or any weak line when the finding names no figure."""
    if src.confidence is None or src.confidence >= LOW_CONFIDENCE:
        return False
    if not src.line_scores:
        return True
    texts = [text for text, _ in src.line_scores]
    weak = [k for k, (_, score) in enumerate(src.line_scores) if score < LOW_CONFIDENCE]
    wanted = [d for d in (digits_of(f) for f in figures if f is not None) if d]
    if not wanted:
        return bool(weak)
    printed = [digits_of(texts[k]) for k in weak]
    printed += [across(texts[k - 1], texts[k]) for k in weak if k > 0]  # a figure wrapped (100. / 00%)
    printed += [across(texts[k], texts[k + 1]) for k in weak if k + 1 < len(texts)]
    return any(d in digits for digits in printed for d in wanted)


def across(line: str, next_line: str) -> str:
    """The digits of a figure wrapped from the end of `line` to the start of `next_line`."""
    return digits_of(WRAP_END.search(line).group() + WRAP_START.match(next_line).group())


def shaky_sources(
    report: Report, path: str | None, figures: Iterable[object] = (), rests_on: Iterable[str] = ()
) -> list[Source]:
    """Weakly read sources of the value at `path` and of the record it belongs to, and of the
    values of other records the finding adds up (`rests_on`: a column's parts, the indicators'
    points), any weak line of which may have changed the sum."""
    if not report.sources:
        return []
    figures = list(figures)
    prefix = record_prefix(path) if path else None
    own = [
        src
        for key, src in report.sources.items()
        if prefix is not None
        and (key == path or key == prefix or key.startswith((prefix + ".", prefix + "[")))
        and is_shaky(src, figures)
    ]
    parts = [src for key in rests_on if (src := report.sources.get(key)) is not None and is_shaky(src, ())]
    return own + parts


def lowest_confidence(report: Report) -> float | None:
    """The weakest OCR score among the report's values; None when nothing was read by OCR."""
    scores = [s.confidence for s in report.sources.values() if s.confidence is not None]
    return min(scores) if scores else None


def ocr_note(report: Report) -> str | None:
    """提取数据's 读取方式 for a report: OCR and its weakest score, None for a text file."""
    low = lowest_confidence(report)
    if low is None:
        return None
    return f"OCR 识别（最低置信度 {low:.2f}）" + ("，请核对原件" if low < LOW_CONFIDENCE else "")
