"""The discrepancy workbook, written for real and read back with openpyxl."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from jixiao_audit.audit.finding import Finding, ReportScore, ScoreReview
from jixiao_audit.audit.result import FileResult, RunResult, run_result
from jixiao_audit.audit.workbook import atomic_write, display_width, number_format, write_workbook
from jixiao_audit.normalize.model import (
    ExpenditureRow,
    Funds,
    FundsBySource,
    IncomeRow,
    Report,
    ScoreItem,
    ThreePublicRow,
)

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-1", "@x", "=1+1", "\t=cmd"]
SHEETS = ["问题清单", "报告汇总", "评分复核", "提取数据", "版本比对", "读取失败"]
HEADERS = {
    "问题清单": ["文件", "单位", "年度", "报告类型", "项目名称", "规则", "严重程度", "说明", "期望值", "实际值", "差额",
             "位置", "原文", "关联文件"],
    "报告汇总": ["文件", "状态", "报告类型", "项目名称", "单位", "年度", "自评得分", "复核得分", "评价等次", "错误数",
             "警告数", "提示数", "版本组", "版本状态"],
    "版本比对": ["版本组", "单位", "年度", "报告类型", "项目名称", "字段", "旧值", "新值", "旧版本文件", "新版本文件",
             "审核采用"],
    "评分复核": ["文件", "单位", "项目名称", "指标", "分值", "自评得分", "复核得分", "差额", "依据", "评分标准"],
    "读取失败": ["文件", "原因"],
}  # fmt: skip
DEPT_FILE = "华容县财政局_部门整体.docx"
PROJ_FILE = "项目_农村公路.docx"
BAD_FILE = "坏文件.docx"


def department() -> Report:
    return Report(
        file=DEPT_FILE,
        kind="department",
        year=2020,
        department="华容县财政局",
        self_score=Decimal("92.5"),
        grade="优",
        score_items=[
            ScoreItem(level1="投入", level2="预算编制", max_points=Decimal(10), self_points=Decimal(10)),
        ],
        income=[
            IncomeRow(unit="合计", total=Decimal("1234.5678"), general_budget=Decimal(1000)),
            IncomeRow(unit="下属单位", total=Decimal("34.5678")),
        ],
        expenditure=[ExpenditureRow(unit="合计", total=Decimal(1200), balance_current=Decimal("-3.2"))],
        three_public=[ThreePublicRow(unit="华容县财政局", total=Decimal("12.34"))],
    )


def project() -> Report:
    return Report(
        file=PROJ_FILE,
        kind="project",
        year=2020,
        department=HOSTILE[0],  # document text that looks like a formula
        project_name="农村公路建设",
        self_score=Decimal(88),
        score_items=[
            ScoreItem(level1="产出", level2="数量", max_points=Decimal(20), self_points=Decimal(18))
        ],
        funds=Funds(planned=FundsBySource(total=Decimal(500)), spent=FundsBySource(total=Decimal("480.25"))),
        expenses_total=Decimal("480.2500"),
    )


def results() -> list[FileResult]:
    return [
        FileResult(file=DEPT_FILE, format="docx", reports=[department()]),
        FileResult(file=PROJ_FILE, format="docx", reports=[project()]),
        FileResult(file=BAD_FILE, status="error", error="文件已损坏（不是有效的 zip 包）"),
    ]


def run(files: list[FileResult] | None = None) -> RunResult:
    """The run the writers format: `results()` (or `files`) with findings, reviews and re-scored totals."""
    findings = [
        Finding(file=PROJ_FILE, rule="B201", severity="info", message="提示：" + HOSTILE[1]),
        Finding(
            file=DEPT_FILE,
            rule="A101",
            severity="warning",
            message="收入合计与分项之和不符",
            expected=Decimal("1234.5678"),
            actual=Decimal(1200),
            difference=Decimal("-34.5678"),
            location="表2 第7行第3列",
            evidence=HOSTILE[0],
        ),
        Finding(
            file=DEPT_FILE,
            rule="A001",
            severity="error",
            message="自评得分与评分表合计不符",
            expected="12.5",  # text that looks like a number stays text
            actual=HOSTILE[2],
            evidence=HOSTILE[3],
            related_file=HOSTILE[4],
        ),
        Finding(
            file=PROJ_FILE, rule="B101", severity="error", message="支出超过到位资金", evidence=HOSTILE[5]
        ),
    ]
    reviews = [
        ScoreReview(
            file=DEPT_FILE,
            item="投入 / 预算编制",
            max_points=Decimal(10),
            self_points=Decimal(10),
            review_points=Decimal(8),
            basis="预算调整率超过 10%",
            rubric="hunan_2020_department",
        ),
    ]
    scores = [ReportScore(file=DEPT_FILE, kind="department", department="华容县财政局", year=2020,
                          self_score=Decimal("92.5"), review_total=Decimal("90.5"), rubric="hunan_2020_department")]  # fmt: skip
    return run_result(results() if files is None else files).model_copy(
        update={"findings": findings, "reviews": reviews, "scores": scores}
    )


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "audit-report.xlsx", run())


@pytest.fixture
def book(workbook_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook_path)


def rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def column(sheet, header: str) -> list:
    headers = [c.value for c in sheet[1]]
    idx = headers.index(header) + 1
    return [sheet.cell(row=r, column=idx) for r in range(2, sheet.max_row + 1)]


def test_sheet_names_and_headers(book):
    assert book.sheetnames == SHEETS
    for name, headers in HEADERS.items():
        assert [c.value for c in book[name][1]] == headers
    figures = [c.value.split("\n")[0] for c in book["提取数据"][1]]
    assert "（万元）" in book["提取数据"]["F1"].value
    for header in ["收入合计", "一般公共预算", "支出合计", "三公经费合计", "计划安排资金", "支出明细合计"]:
        assert header in figures


def test_findings_sorted_by_file_then_severity(book):
    sheet = book["问题清单"]
    got = [(r[0], r[6], r[5]) for r in rows(sheet)[1:]]
    assert got == [
        (DEPT_FILE, "错误", "A001"),
        (DEPT_FILE, "警告", "A101"),
        (PROJ_FILE, "错误", "B101"),
        (PROJ_FILE, "提示", "B201"),
    ]


def test_findings_carry_report_context(book):
    row = rows(book["问题清单"])[1]
    assert row[1:4] == ["华容县财政局", 2020, "部门整体"]


def test_numbers_are_numeric_cells(book):
    sheet = book["问题清单"]
    expected, actual, diff = (column(sheet, h)[1] for h in ("期望值", "实际值", "差额"))
    assert (expected.data_type, actual.data_type, diff.data_type) == ("n", "n", "n")
    assert expected.value == pytest.approx(1234.5678)
    assert diff.value == pytest.approx(-34.5678)
    assert expected.number_format == "#,##0.0000"
    year = column(sheet, "年度")[0]
    assert year.data_type == "n" and year.value == 2020


def test_numeric_looking_text_stays_text(book):
    cell = column(book["问题清单"], "期望值")[0]
    assert cell.data_type == "s" and cell.value == "12.5"


def test_hostile_text_stays_a_string(book, workbook_path):
    found = {c.value for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "s"}
    for needle in ['=HYPERLINK("http://x","y")', "-1", "@x"]:
        assert needle in found
    assert "提示：+1" in found
    for sheet in book:
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value[:1] in "=+-@":
                    assert c.data_type == "s", (sheet.title, c.coordinate, c.value)
    with zipfile.ZipFile(workbook_path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
                # no link element or relationship; the text itself is data (cells hold it inline)
                assert "<hyperlink" not in xml.lower(), name
            if name.endswith(".rels"):
                assert "hyperlink" not in z.read(name).decode("utf-8").lower(), name


def test_severity_cells_are_coloured(book):
    cells = column(book["问题清单"], "严重程度")
    fills = {c.value: c.fill.fgColor.rgb for c in cells}
    assert fills["错误"].endswith("FFC7CE")
    assert fills["警告"].endswith("FFEB9C")
    assert fills["提示"].endswith("DDEBF7")


def test_layout_frozen_filtered_wrapped(book):
    for name in SHEETS:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref, name
    findings = book["问题清单"]
    assert column(findings, "说明")[0].alignment.wrap_text
    assert column(findings, "原文")[0].alignment.wrap_text
    assert findings.column_dimensions["H"].width >= 20  # 说明
    assert findings.column_dimensions["C"].width < 12  # 年度


def test_summary_one_row_per_report_and_failure(book):
    got = rows(book["报告汇总"])[1:]
    assert got[0] == [
        DEPT_FILE,
        "已读取",
        "部门整体",
        None,
        "华容县财政局",
        2020,
        92.5,
        90.5,
        "优",
        1,
        1,
        0,
        None,
        None,
    ]
    assert got[1][:3] == [PROJ_FILE, "已读取", "项目"] and got[1][7] is None
    assert got[1][9:] == [1, 0, 1, None, None]  # no other version of either report: 版本组 blank
    assert got[2][:2] == [BAD_FILE, "读取失败"]


def test_score_review_rows_and_highlight(book):
    sheet = book["评分复核"]
    got = rows(sheet)[1:]
    assert got[0][:9] == [
        DEPT_FILE,
        "华容县财政局",
        None,
        "投入 / 预算编制",
        10,
        10,
        8,
        2,
        "预算调整率超过 10%",
    ]
    assert got[0][9].startswith("部门整体支出绩效评价")  # the rubric used, by name
    assert sheet["A2"].fill.fgColor.rgb.endswith("FCE4D6")
    # a report the audit did not re-score still lists its rubric, review blank
    assert got[1][:6] == [PROJ_FILE, HOSTILE[0], got[1][2], "产出 / 数量", 20, 18] and got[1][6] is None
    assert sheet["A3"].fill.fgColor.rgb in (None, "00000000")


def test_figures_sheet(book):
    sheet = book["提取数据"]
    headers = [c.value.split("\n")[0] for c in sheet[1]]
    data = {r[0]: dict(zip(headers, r)) for r in rows(sheet)[1:]}
    dept, proj = data[DEPT_FILE], data[PROJ_FILE]
    assert dept["收入合计"] == pytest.approx(1234.5678)  # the 合计 row, not the first unit
    assert dept["一般公共预算"] == 1000
    assert dept["当年结余"] == pytest.approx(-3.2)
    assert dept["三公经费合计"] == pytest.approx(12.34)
    assert proj["计划安排资金"] == 500 and proj["实际支出"] == pytest.approx(480.25)
    assert proj["支出明细合计"] == pytest.approx(480.25)
    assert proj["项目名称"] == "农村公路建设"
    assert sheet["F2"].number_format == "#,##0.0000_ "  # 收入合计: every digit shown
    assert sheet["G2"].number_format == "#,##0.00_ "  # 一般公共预算


def test_failures_sheet(book):
    assert rows(book["读取失败"])[1:] == [[BAD_FILE, "文件已损坏（不是有效的 zip 包）"]]


def test_empty_run_still_writes_all_sheets(tmp_path):
    path = write_workbook(tmp_path / "empty.xlsx", RunResult())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS
    assert all(book[name].max_row == 1 for name in SHEETS)


def test_workbook_replaces_atomically(tmp_path):
    target = tmp_path / "audit-report.xlsx"
    target.write_bytes(b"old")
    write_workbook(target, run())
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit-report.xlsx"]


def test_interrupted_write_leaves_old_file_and_no_temp(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def fail(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_helpers():
    assert display_width("abc") == 3 and display_width("问题清单") == 8
    assert number_format("money", Decimal(12)) == "#,##0.00_ "
    assert number_format("number", Decimal(12)) == "#,##0"
    assert number_format("points", Decimal("0.5")) == "#,##0.0"
    assert re.fullmatch(r"#,##0\.0{6}_ ", number_format("money", Decimal("0.000001")))
    assert number_format("year", 2020) == "0"


def test_write_to_a_pipe_keeps_the_pipe(tmp_path):
    """`--json /dev/null` or a FIFO must be written into, never replaced by a regular file."""
    import os
    import stat

    from jixiao_audit.audit.export import write_json

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so opening for writing does not block
    try:
        write_json(fifo, run())
        data = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert data.startswith(b"{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_write_through_a_symlink_replaces_its_target(tmp_path):
    real = tmp_path / "real.xlsx"
    real.write_bytes(b"old")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    write_workbook(link, run())
    assert link.is_symlink() and zipfile.is_zipfile(real)
