"""file → raw → Report: one call per file that never raises, so a batch always survives."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from jixiao_audit.extract import read_document
from jixiao_audit.extract.raw import ExtractError
from jixiao_audit.normalize import NotAReport, to_reports
from jixiao_audit.normalize.model import Report

Status = Literal["ok", "error", "unrecognised"]
MAX_REASON_CHARS = 300


class FileResult(BaseModel):
    """What became of one input file: its reports, or a one-line reason it could not be read."""

    file: str
    format: str | None = None
    status: Status = "ok"
    error: str | None = None
    reports: list[Report] = Field(default_factory=list)


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
    except NotAReport as exc:
        return FileResult(file=name, format=raw.format, status="unrecognised", error=one_line(exc.reason))
    except ExtractError as exc:
        return FileResult(file=name, status="error", error=one_line(exc.reason))
    except MemoryError:
        return FileResult(file=name, status="error", error="文件过大，读取时内存不足")
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch; report it in one line
        return FileResult(
            file=name, status="error", error=one_line(f"无法读取（内部错误 {type(exc).__name__}: {exc}）")
        )
