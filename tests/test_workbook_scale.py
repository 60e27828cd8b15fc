"""Nothing lost at scale: a sheet longer than the row budget continues on numbered sheets."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from jixiao_audit.audit import workbook
from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.result import FileResult, run_result
from jixiao_audit.audit.workbook import sheet_parts, write_workbook
from jixiao_audit.normalize.model import Report

BUDGET = 7  # a fake Excel: 1 header + 6 data rows per sheet


def many_findings_run(n: int):
    files = [FileResult(file=f"报告{i:03d}.docx", format="docx",
                        reports=[Report(file=f"报告{i:03d}.docx", kind="department", year=2020)])
             for i in range(n)]  # fmt: skip
    findings = [
        Finding(file=f"报告{i:03d}.docx", rule="A101", severity="warning", message=f"第{i}条",
                expected=Decimal(i), actual=Decimal(0))
        for i in range(n)
    ]  # fmt: skip
    return run_result(files).model_copy(update={"findings": findings})


def test_sheet_parts_cover_every_row_once():
    assert sheet_parts("评分复核", 0, BUDGET) == [("评分复核", 0, 0)]
    assert sheet_parts("评分复核", 6, BUDGET) == [("评分复核", 0, 6)]
    assert sheet_parts("评分复核", 13, BUDGET) == [
        ("评分复核", 0, 6), ("评分复核 (2)", 6, 12), ("评分复核 (3)", 12, 13)
    ]  # fmt: skip


def test_rows_past_the_budget_continue_on_numbered_sheets(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "ROW_BUDGET", BUDGET)
    book = openpyxl.load_workbook(write_workbook(tmp_path / "a.xlsx", many_findings_run(15)))
    assert book.sheetnames[:3] == ["问题清单", "问题清单 (2)", "问题清单 (3)"]
    assert "报告汇总 (3)" in book.sheetnames and "读取失败 (2)" not in book.sheetnames
    messages = []
    for name in ("问题清单", "问题清单 (2)", "问题清单 (3)"):
        ws = book[name]
        assert ws.max_row <= BUDGET
        header, *data = list(ws.iter_rows(values_only=True))
        assert header[0] == "文件" and ws.freeze_panes == "A2"
        messages += [row[header.index("说明")] for row in data]
    assert sorted(messages) == sorted(f"第{i}条" for i in range(15))
    summary = [r for name in book.sheetnames if name.startswith("报告汇总")
               for r in list(book[name].iter_rows(values_only=True))[1:]]  # fmt: skip
    assert sorted(r[0] for r in summary) == [f"报告{i:03d}.docx" for i in range(15)]


def test_default_budget_is_excels_limit():
    assert workbook.ROW_BUDGET == workbook.EXCEL_MAX_ROWS == 1_048_576


def test_written_rows_leave_no_heights_behind(tmp_path):
    """A streamed sheet forgets each row's height once written (xlsxwriter keeps two copies of it
    to the end otherwise), and the file still has every row's height."""
    run = many_findings_run(40)
    held = {}

    def fill(book, styles):
        for sheet in workbook.build_sheets(run)[:1]:
            workbook.write_sheet(book, sheet, styles)
        ws = book.worksheets()[0]
        held.update(info=len(ws.row_info), sizes=len(ws.row_sizes))

    path = workbook.write_book(tmp_path / "a.xlsx", fill, options=workbook.STREAMED_OPTIONS)
    assert held["info"] <= 2 and held["sizes"] <= 2  # the header's and the row still open
    ws = openpyxl.load_workbook(path)["问题清单"]
    assert ws.max_row == 41
    assert all(ws.row_dimensions[r].height for r in (1, 2, 41))
