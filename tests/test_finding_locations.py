"""Finding locations on the real seed documents (Word and PDF): each 位置 names a cell or
paragraph of the file (and, in a PDF, the page it is on), and the 原文 shown is the text standing there.

A narrative finding's 位置 is the paragraph that holds its sentence (from `Report.statements`, which
records each figure's paragraph), not the first paragraph of its 综述 section; a sentence stating no
figure (N206's claim) is located by its section.
"""

from __future__ import annotations

import re

import pytest
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract import read_document
from jixiao_audit.extract.raw import RawDocument
from jixiao_audit.normalize import to_reports
from jixiao_audit.normalize.sections import NARRATIVE_HEADING

from tests.report_factory import SEED_DOCX, seed_reports

SEED_PDF = SEED_DOCX.parent / "pdf" / SEED_DOCX.with_suffix(".pdf").name

PAGE = re.compile(r"^第(\d+)页 ")
CELL = re.compile(r"^表(\d+) 第(\d+)行第(\d+)列(?: 单元格内第(\d+)段)?$")
PARAGRAPH = re.compile(r"^第(\d+)段$")


def flat(text: str) -> str:
    return "".join(text.split())


def text_at(raw: RawDocument, location: str, section: bool = True) -> str:
    """The text of the document at a finding's 位置 (a cell, a paragraph of a cell, or a body
    paragraph); a paragraph of a cell with the rest of its 综述 section unless `section` is False."""
    page = None
    if m := PAGE.match(location):
        page, location = int(m.group(1)), location[m.end() :]
    if m := CELL.match(location):
        table, row, col, para = (int(g) if g else None for g in m.groups())
        (found,) = [t for t in raw.tables if t.index == table - 1]
        cell = found.grid[row - 1][col - 1]
        assert cell is not None, location
        assert page is None or cell.page == page, (location, cell.page)
        if not para:
            return cell.text
        return section_from(cell.paragraphs, para - 1) if section else cell.paragraphs[para - 1]
    m = PARAGRAPH.match(location)
    assert m, f"unexpected location format: {location}"
    (paragraph,) = [p for p in raw.paragraphs if p.index == int(m.group(1)) - 1]
    assert page is None or paragraph.page == page, (location, paragraph.page)
    return paragraph.text


def section_from(paragraphs: list[str], start: int) -> str:
    """The paragraph at `start` and the following ones up to the next 综述 heading."""
    end = next((i for i in range(start + 1, len(paragraphs)) if NARRATIVE_HEADING.match(paragraphs[i])), None)
    return "\n".join(paragraphs[start:end])


@pytest.fixture(scope="module", params=["docx", pytest.param("pdf", marks=pytest.mark.slow)])
def seed_findings(request):
    """The seed's findings (Word: its golden model; PDF: read now) and the raw document."""
    if request.param == "docx":
        return run_audit(seed_reports()).findings, read_document(SEED_DOCX)
    raw = read_document(SEED_PDF)
    return run_audit(to_reports(raw)).findings, raw


def test_every_finding_of_the_seed_has_a_location_in_the_document(seed_findings):
    findings, raw = seed_findings
    assert len(findings) >= 10
    for f in findings:
        assert f.location, f"{f.rule} has no 位置"
        text_at(raw, f.location)  # the cell or paragraph exists


@pytest.mark.parametrize("rule", ["N203", "N205", "N206", "R307", "X401", "X402", "C501", "C502", "C505"])
def test_evidence_is_the_text_at_the_location(seed_findings, rule):
    findings, raw = seed_findings
    of_rule = [f for f in findings if f.rule == rule]
    assert of_rule, f"the seed no longer fires {rule}"
    for f in of_rule:
        assert flat(f.evidence) in flat(text_at(raw, f.location)), (f.rule, f.location, f.evidence)


@pytest.mark.parametrize("rule", ["N203", "N205", "X401"])
def test_a_narrative_finding_points_at_the_paragraph_of_its_sentence(seed_findings, rule):
    """A figure's paragraph is recorded (`Report.statements`); a claim without a figure (N206) is not,
    and keeps its section's first paragraph."""
    findings, raw = seed_findings
    of_rule = [f for f in findings if f.rule == rule]
    assert of_rule, f"the seed no longer fires {rule}"
    for f in of_rule:
        paragraph = text_at(raw, f.location, section=False)
        assert flat(f.evidence) in flat(paragraph), (f.rule, f.location, f.evidence)
