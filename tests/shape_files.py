"""Word files in a public example's shape, and what the audit makes of them (shared by the shape tests)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports

from corpus.render_families import LEFT, add_grid


def save_form(tmp_path: Path, name: str, paragraphs_before: list[str], grid, paragraphs_after=()) -> Path:
    """A .docx with paragraphs, one grid (`corpus.render_families` spans), more paragraphs."""
    doc = Document()
    for text in paragraphs_before:
        doc.add_paragraph(text)
    add_grid(doc, grid)
    for text in paragraphs_after:
        doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(path)
    return path


def read_and_audit(path: Path):
    """The file's reports and the audit's findings over them."""
    reports = to_reports(read_document(path))
    return reports, run_audit(reports).findings


def errors(findings) -> list:
    return [f for f in findings if f.severity == "error"]


def serious(findings) -> list:
    """Findings a reviewer must act on: errors and warnings."""
    return [f for f in findings if f.severity in ("error", "warning")]


def messages(findings) -> list[str]:
    """Findings as one line each, for assertion messages."""
    return [f"{f.rule} {f.severity} {f.message}" for f in findings]


def pad(grid, width: int) -> list:
    """Rows widened to `width` columns by merging their last cell rightwards."""
    return [row + [LEFT] * (width - len(row)) for row in grid]
