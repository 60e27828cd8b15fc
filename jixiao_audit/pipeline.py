"""file → raw → Report: one call per file that never raises, so a batch always survives."""

from __future__ import annotations

from pathlib import Path

from jixiao_audit.audit.result import FileResult
from jixiao_audit.extract import read_document
from jixiao_audit.extract.raw import ExtractError
from jixiao_audit.normalize import NotAReport, to_reports

__all__ = ["FileResult", "load_file", "one_line"]

MAX_REASON_CHARS = 300


def one_line(text: str) -> str:
    """A reason on one line of bounded length, whatever the exception said."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= MAX_REASON_CHARS else flat[: MAX_REASON_CHARS - 1] + "…"


def load_file(path: str | Path) -> FileResult:
    """Read and normalise one file; any failure becomes `status="error"` with a reason."""
    name = str(path)
    try:
        raw = read_document(Path(path))
        return FileResult(file=name, format=raw.format, reports=to_reports(raw))
    except (ExtractError, NotAReport) as exc:
        return FileResult(file=name, status="error", error=one_line(exc.reason))
    except MemoryError:
        return FileResult(file=name, status="error", error="文件过大，读取时内存不足")
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch; report it in one line
        return FileResult(
            file=name, status="error", error=one_line(f"无法读取（内部错误 {type(exc).__name__}: {exc}）")
        )
