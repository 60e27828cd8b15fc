"""file → raw → Report: one call per file that never raises, so a batch always survives."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from normalize.model import Report

Status = Literal["ok", "error"]


class FileResult(BaseModel):
    """What became of one input file: its reports, or a one-line reason it could not be read."""

    file: str
    format: str | None = None
    status: Status = "ok"
    error: str | None = None
    reports: list[Report] = Field(default_factory=list)


def load_file(path: str | Path) -> FileResult:
    """Read and normalise one file; any failure becomes `status="error"` with a reason."""
    from extract import read_document
    from extract.raw import ExtractError
    from normalize import NotAReport, to_reports

    path = Path(path)
    name = str(path)
    try:
        raw = read_document(path)
        return FileResult(file=name, format=raw.format, reports=to_reports(raw))
    except (ExtractError, NotAReport) as exc:
        return FileResult(file=name, status="error", error=exc.reason)
    except Exception as exc:  # a reader bug must not stop the batch; say what it was in one line
        return FileResult(file=name, status="error", error=f"无法读取（内部错误 {type(exc).__name__}: {exc}）")
