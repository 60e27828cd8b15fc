"""The discrepancy workbook of the real seed, read back: each finding names the report it is about."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from jixiao_audit.cli import cli

COMBINED = Path(__file__).resolve().parent.parent / "corpus" / "huarong_2020_combined.docx"


def sheet_rows(book, name):
    ws = book[name]
    header = [c.value.split("\n")[0] for c in ws[1]]
    return [dict(zip(header, row)) for row in ws.iter_rows(min_row=2, values_only=True)]


def test_combined_file_findings_and_counts_are_per_report(tmp_path):
    out = tmp_path / "audit.xlsx"
    result = CliRunner().invoke(cli, [str(COMBINED), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # the seed has error findings
    book = openpyxl.load_workbook(out)
    findings = sheet_rows(book, "问题清单")
    staffing = next(f for f in findings if f["规则"] == "R307" and "财政供养人员" in f["说明"])
    arrival = next(f for f in findings if f["规则"] == "R307" and "到位率" in f["说明"])
    assert (staffing["报告类型"], staffing["项目名称"]) == ("部门整体", None)
    assert (arrival["报告类型"], arrival["项目名称"]) == ("项目", "老旧小区改造")
    assert arrival["期望值"] == 1.1 and arrival["实际值"] == 3  # a computed allowance is shown rounded
    transposed = next(f for f in findings if f["规则"] == "X401")
    assert (transposed["期望值"], transposed["实际值"]) == (5057, 5075) and "颠倒" in transposed["说明"]
    summary = sheet_rows(book, "报告汇总")
    department, project = summary
    assert (department["报告类型"], department["错误数"], department["警告数"]) == ("部门整体", 2, 4)
    assert (project["报告类型"], project["项目名称"], project["错误数"], project["警告数"]) == (
        "项目",
        "老旧小区改造",
        2,
        5,
    )
    reviews = sheet_rows(book, "评分复核")
    assert {r["项目名称"] for r in reviews} == {None, "老旧小区改造"}
