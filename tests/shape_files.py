"""Word files in a public example's shape, and what the audit makes of them (shared by the shape tests)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports

from corpus.render_families import add_grid


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
