"""Figures read by OCR with a low recognition score: a finding resting on one is a question for
the reviewer (check the original), never an `error` on that figure alone.

The audit does not know a page was scanned; it sees `Source.confidence`, which only OCR sets.
"""

from __future__ import annotations

from jixiao_audit.normalize.model import Report, Source

LOW_CONFIDENCE = 0.9  # a recognition score below this: the figure may be misread
LOW_CONFIDENCE_NOTE = "OCR 识别置信度低，请核对原件"


def record_prefix(path: str) -> str:
    """The record a value belongs to: "income[0].total" → "income[0]", "funds.arrived.total" →
    "funds.arrived". A row check (a sum across one record) rests on the record's figures."""
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else path


def shaky_sources(report: Report, path: str | None) -> list[Source]:
    """Low-confidence sources of the value at `path` and of the record it belongs to."""
    if not path or not report.sources:
        return []
    prefix = record_prefix(path)
    found = []
    for key, src in report.sources.items():
        if src.confidence is None or src.confidence >= LOW_CONFIDENCE:
            continue
        if key == path or key == prefix or key.startswith((prefix + ".", prefix + "[")):
            found.append(src)
    return found


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
