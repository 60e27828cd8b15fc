"""The clean forms of each family (corpus/render_families.py) as Word files and as Report objects."""

from __future__ import annotations

from pathlib import Path

from corpus.render_families import hunan_basic_docx, national_docx, sichuan_docx

# --------------------------------------------------------------------------------- as Report objects

_BUILDERS = {
    "national": national_docx,
    "yunnan": lambda p: national_docx(p, unit="元", yunnan=True),
    "sichuan": sichuan_docx,
    "hunan_basic": hunan_basic_docx,
}
_READ: dict[str, str] = {}


def form_report(name: str):
    """The Report read from the named family's clean Word file (read once, a fresh copy each call)."""
    import tempfile

    from jixiao_audit.extract import read_document
    from jixiao_audit.normalize import to_reports
    from jixiao_audit.normalize.model import Report

    if name not in _READ:
        with tempfile.TemporaryDirectory() as tmp:
            path = _BUILDERS[name](Path(tmp) / f"{name}.docx")
            (report,) = to_reports(read_document(path))
            _READ[name] = report.model_dump_json()
    return Report.model_validate_json(_READ[name])
