"""Template recognition: RawDocument → canonical `Report` objects (see model.py)."""

from jixiao_audit.normalize.reports import NotAReport, to_reports

__all__ = ["NotAReport", "to_reports"]
