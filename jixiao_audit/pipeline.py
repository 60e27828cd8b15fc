"""file → raw → Report: one call per file that never raises, so a batch always survives.

Each stage (reading, normalising) has its own guard, so a failure names the stage and, for a
known class of failure (zlib, encoding, overflow, memory), says what it was.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao_audit.audit.result import FileResult
from jixiao_audit.extract import read_document
from jixiao_audit.extract.raw import ExtractError
from jixiao_audit.failures import failure_reason
from jixiao_audit.normalize import NotAReport, to_reports

__all__ = ["FileResult", "load_file", "one_line"]

MAX_REASON_CHARS = 300
# Control characters in a file name would break one-line messages and CSV rows: shown escaped.
CONTROL_ESCAPES = {i: f"\\x{i:02x}" for i in (*range(32), 127)} | {9: "\\t", 10: "\\n", 13: "\\r"}


def one_line(text: str) -> str:
    """A reason on one line of bounded length, whatever the exception said."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= MAX_REASON_CHARS else flat[: MAX_REASON_CHARS - 1] + "…"


def display_name(path: str | bytes | Path) -> str:
    """A file name fit for messages and outputs: bytes that are not UTF-8 (a GBK name from a
    Windows zip) become U+FFFD, control characters (a name with a newline) are shown escaped."""
    name = os.fsencode(path).decode("utf-8", "replace")
    # a printable name has no control character to escape (str.translate looks up every character)
    return name if name.isprintable() else name.translate(CONTROL_ESCAPES)


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one file is read and normalised.

    A file makes tens of thousands of short-lived containers (tokens, cells, lines, sources) and
    no reference cycles, so the collections their allocations trigger find nothing, yet each walks
    every young container: about a twentieth of a Word file's time. Reference counting still frees
    everything as usual; whatever cycles a file did make are collected once the pause ends. A
    pause already under way (a caller's) is left as it is."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def failed(name: str, reason: str) -> FileResult:
    return FileResult(file=name, status="error", error=one_line(reason))


def load_file(path: str | Path, *, ocr: bool = True) -> FileResult:
    """Read and normalise one file (scans by OCR unless `ocr` is False); any failure becomes
    `status="error"` with a reason."""
    with gc_paused():
        return _load_file(path, ocr)


def _load_file(path: str | Path, ocr: bool) -> FileResult:
    name = display_name(path)
    try:
        raw = read_document(Path(path), ocr=ocr)
    except ExtractError as exc:
        return failed(name, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch; report it in one line
        return failed(name, "无法读取：" + failure_reason(exc, "读取"))
    raw.file = name
    try:
        reports = to_reports(raw)
    except NotAReport as exc:  # readable, but no known form: its own status
        return FileResult(file=name, format=raw.format, status="unrecognised", error=one_line(exc.reason))
    except Exception as exc:  # noqa: BLE001 - idem, for the normaliser
        return failed(name, "无法整理：" + failure_reason(exc, "整理数据"))
    for report in reports:
        report.reader_notes = list(raw.notes)
    return FileResult(file=name, format=raw.format, reports=reports)
