"""A money cell that does not parse as a figure keeps its row and the rows below it: the value is
blank (None) with its raw text kept, C507 names it, and no sum over it becomes an `error`."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports
from jixiao_audit.normalize.model import Source
from jixiao_audit.normalize.sections import figure_of, unreadable_marked
from jixiao_audit.normalize.text import is_garbled_figure

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED_DEPARTMENT = CORPUS / "huarong_2020_department.docx"
SEED_PROJECT = CORPUS / "huarong_2020_project.docx"
GARBAGE = "5,5ㄖ4.8"


def report_of(path: Path, kind: str = "department"):
    return next(r for r in to_reports(read_document(path)) if r.kind == kind)


def department_of(path: Path):
    return report_of(path)


def garbled_copy(
    tmp_path: Path, path: str, original: Path = SEED_DEPARTMENT, kind: str = "department"
) -> Path:
    """A seed report with the cell holding `path` overwritten by GARBAGE."""
    src = report_of(original, kind).sources[path]
    document = docx.Document(str(original))
    document.tables[src.table].cell(src.row, src.col).text = GARBAGE
    out = tmp_path / "garbled.docx"
    document.save(str(out))
    return out


def errors_of(findings) -> set[tuple[str, str]]:
    return {(f.rule, f.message) for f in findings if f.severity == "error"}


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        (GARBAGE, True),
        ("1O0.5", True),
        ("12.5", False),
        ("—", False),
        ("2023年预算数", False),
        ("合计", False),
    ],
)
def test_garbled_figure_is_told_from_a_label(text, garbled):
    assert is_garbled_figure(text) is garbled


def test_garbled_money_cell_keeps_its_row_and_the_rows_below(tmp_path):
    original = department_of(SEED_DEPARTMENT)
    garbled = department_of(garbled_copy(tmp_path, "income[0].general_budget"))
    assert [row.unit for row in garbled.income] == [row.unit for row in original.income]
    assert garbled.income[0].general_budget is None
    assert garbled.sources["income[0].general_budget"].raw == GARBAGE
    assert garbled.income[0].total == original.income[0].total
    assert garbled.income[1:] == original.income[1:]
    assert garbled.expenditure == original.expenditure  # the next table is read as before


def test_garbled_money_cell_is_named_and_never_an_error(tmp_path):
    original = run_audit([department_of(SEED_DEPARTMENT)]).findings
    findings = run_audit([department_of(garbled_copy(tmp_path, "income[0].general_budget"))]).findings
    named = [f for f in findings if f.rule == "C507"]
    assert len(named) == 1 and GARBAGE in named[0].message and named[0].severity == "warning"
    assert errors_of(findings) <= errors_of(original)
    assert not [f for f in original if f.rule == "C507"]


def test_garbled_expense_amount_keeps_the_lines_below_and_the_total(tmp_path):
    original = report_of(SEED_PROJECT, "project")
    copy = garbled_copy(tmp_path, "expenses[1].amount", SEED_PROJECT, "project")
    garbled = report_of(copy, "project")
    assert [e.item for e in garbled.expenses] == [e.item for e in original.expenses]
    assert garbled.expenses[1].amount is None
    assert garbled.expenses[2:] == original.expenses[2:]
    assert garbled.expenses_total == original.expenses_total
    findings = run_audit([garbled]).findings
    assert [f.rule for f in findings if f.rule == "C507"] == ["C507"]
    assert errors_of(findings) <= errors_of(run_audit([original]).findings)


def test_garbled_ocr_cell_loses_its_confidence():
    src = Source(file="x.pdf", raw=GARBAGE, confidence=0.98)
    assert unreadable_marked(src, figure_of(GARBAGE)).confidence == 0.0
    clean = Source(file="x.pdf", raw="12.5", confidence=0.98)
    assert unreadable_marked(clean, figure_of("12.5")).confidence == 0.98
