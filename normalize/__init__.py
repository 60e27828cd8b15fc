"""Template recognition: RawDocument → canonical `Report` objects (see model.py)."""

from pathlib import Path

from jixiao_audit.compiled import use_fresh_sources

use_fresh_sources(__name__, Path(__file__).parent)  # a compiled module whose source changed runs its source

from jixiao_audit.normalize.reports import NotAReport, to_reports

__all__ = ["NotAReport", "to_reports"]
