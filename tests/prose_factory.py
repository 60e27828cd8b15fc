"""Prose-only reports (a title and paragraphs, no form) written as real Word files and read back."""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
from jixiao_audit.extract import read_document
from jixiao_audit.normalize.model import Report
from jixiao_audit.normalize.reports import to_reports

DEPARTMENT_TITLE = "XX县第一小学2023年度部门整体支出绩效自评报告"
PROJECT_TITLE = "XX县教育局2023年度学生资助项目支出绩效单位自评报告"


def write_docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def prose_reports(*lines: str) -> list[Report]:
    """The reports a Word file of these paragraphs gives (first line(s): the title)."""
    with tempfile.TemporaryDirectory() as tmp:
        return to_reports(read_document(write_docx(Path(tmp) / "prose.docx", list(lines))))


def prose_department(*paragraphs: str) -> list[Report]:
    return prose_reports(DEPARTMENT_TITLE, "一、基本情况", *paragraphs)


def prose_project(*paragraphs: str) -> list[Report]:
    return prose_reports(PROJECT_TITLE, "一、项目概况", *paragraphs)
