"""The comparison workbook and JSON, read back: sheets, headers, charts, colours, text kept as text."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from jixiao_audit.audit.compare import (
    MAX_CHART_DEPARTMENTS,
    compare_json,
    compare_reports,
    select_departments,
    top_movers,
)
from jixiao_audit.audit.compare_measures import MEASURE_BY_KEY, MEASURES
from jixiao_audit.audit.compare_workbook import SHEET_MATCHES, measure_headers, write_compare_workbook
from jixiao_audit.audit.sheets import FINDING_COLUMNS, SHEET_FINDINGS

from tests.test_compare_scenario import ZHUJIAN_NEW, department, scenario

HEADER_ROW = 2  # openpyxl rows are 1-based: title row 1, header row 2
THREE_PUBLIC = MEASURE_BY_KEY["three_public.summary.total"]


@pytest.fixture(scope="module")
def comparison():
    return compare_reports(scenario())


@pytest.fixture(scope="module")
def workbook_path(comparison, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cmp") / "compare.xlsx"
    write_compare_workbook(path, comparison)
    return path


@pytest.fixture(scope="module")
def book(workbook_path):
    return openpyxl.load_workbook(workbook_path)


def row_values(ws, row: int) -> list:
    return [c.value for c in ws[row]]


def find_row(ws, name: str) -> int:
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(row, 1).value == name:
            return row
    raise AssertionError(f"{name} not in {ws.title}")


# ---------------------------------------------------------------- sheets and headers


def test_sheets_in_order(book):
    assert book.sheetnames == [SHEET_FINDINGS, SHEET_MATCHES, *(m.label for m in MEASURES)]


def test_findings_sheet_has_the_audit_columns(book, comparison):
    ws = book[SHEET_FINDINGS]
    assert row_values(ws, 1) == [c.header for c in FINDING_COLUMNS]
    assert ws.max_row == 1 + len(comparison.findings)
    rules = {ws.cell(r, 6).value for r in range(2, ws.max_row + 1)}
    assert {"Y601", "Y602", "Y603", "Y604", "Y605"} <= rules


def test_measure_sheet_headers_values_and_changes(book):
    ws = book[THREE_PUBLIC.label]
    assert "三公经费合计" in ws.cell(1, 1).value and "万元" in ws.cell(1, 1).value
    assert row_values(ws, HEADER_ROW) == measure_headers([2019, 2020, 2021])
    assert measure_headers([2019, 2020]) == [
        "部门",
        "预算编码",
        "2019年",
        "2020年",
        "2020年比2019年增减",
        "2020年比2019年增减率",
        "备注",
    ]
    r = find_row(ws, ZHUJIAN_NEW)
    assert [ws.cell(r, c).value for c in (3, 4, 5)] == [5.0, 4.5, 5.4]
    assert ws.cell(r, 6).value == pytest.approx(-0.5)  # 2020 vs 2019
    assert ws.cell(r, 7).value == pytest.approx(-0.1)  # −10 % as a fraction, shown as a percentage
    assert ws.cell(r, 8).value == pytest.approx(0.9)
    assert "%" in ws.cell(r, 9).number_format


def test_increase_red_decrease_green(book):
    ws = book[THREE_PUBLIC.label]
    r = find_row(ws, ZHUJIAN_NEW)
    down, up = ws.cell(r, 6), ws.cell(r, 8)
    assert down.font.color.rgb.endswith("00703C") and up.font.color.rgb.endswith("C00000")


def test_every_department_is_a_row_and_lone_or_ambiguous_ones_are_explained(book, comparison):
    ws = book[THREE_PUBLIC.label]
    names = [ws.cell(r, 1).value for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(comparison.departments))]
    assert len(names) == len(comparison.departments) == 8
    notes = [ws.cell(r, 10).value or "" for r in range(HEADER_ROW + 1, ws.max_row + 1)]
    assert any("仅 2020 年有报告" in n for n in notes)
    assert any("2020年有 2 份报告" in n for n in notes)


def test_matches_sheet_lists_names_codes_files_per_year(book):
    ws = book[SHEET_MATCHES]
    headers = row_values(ws, 1)
    assert headers[:7] == [
        "部门编号",
        "部门（最近年度名称）",
        "年度",
        "报告中的单位名称",
        "预算编码",
        "匹配依据",
        "状态",
    ]
    rows = [dict(zip(headers, row_values(ws, r))) for r in range(2, ws.max_row + 1)]
    zj = [r for r in rows if r["部门编号"] == "303001"]
    assert [(r["年度"], r["报告中的单位名称"]) for r in zj] == [
        (2019, "华容县住建局"),
        (2020, ZHUJIAN_NEW),
        (2021, ZHUJIAN_NEW),
    ]
    assert zj[0]["匹配依据"] == "名称" and zj[1]["匹配依据"] == "预算编码"
    assert "名称变更：2019年 华容县住建局；2020–2021年 华容县住房和城乡建设局" in zj[0]["说明"]
    water = next(r for r in rows if r["部门编号"] == "312001")
    assert water["状态"] == "仅一个年度" and water["文件"] == "sl2020.docx\nsl2020.pdf"
    assert sum(1 for r in rows if r["状态"].startswith("存疑")) == 3  # two 教育局 2020 reports, 民政局 2021


# ---------------------------------------------------------------- charts


def test_native_charts_exist(workbook_path, comparison):
    with zipfile.ZipFile(workbook_path) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        assert "xl/charts/chart1.xml" in charts
        xml = z.read("xl/charts/chart1.xml").decode("utf-8")
    assert len(charts) == len(MEASURES)  # one per measure: every measure has data here
    assert "<c:lineChart>" in xml and "收入合计" in xml


def test_top_movers_are_capped_and_ordered(comparison):
    movers = top_movers(comparison, THREE_PUBLIC)
    assert len(movers) <= MAX_CHART_DEPARTMENTS
    # 6.00 → 5.00 is the largest move (财政局 first: coded departments win ties), then 住建局's 0.90
    assert [d.display_name for d in movers][:3] == ["华容县财政局", "华容县发改委", ZHUJIAN_NEW]


def test_selected_departments_drive_the_charts(comparison, tmp_path):
    selected, unknown = select_departments(comparison, ["住建局", "华容县林业局"])
    assert [d.id for d in selected] == ["303001"] and unknown == ["华容县林业局"]
    path = write_compare_workbook(tmp_path / "selected.xlsx", comparison, selected=selected)
    with zipfile.ZipFile(path) as z:
        chart = z.read("xl/charts/chart1.xml").decode("utf-8")
    assert chart.count("<c:ser>") == 1 and "选定部门" in chart


# ---------------------------------------------------------------- safety and JSON


def test_text_from_documents_is_never_a_formula(tmp_path):
    hostile = '=HYPERLINK("http://x","点击")'
    reports = [department(hostile, 2020, code="399001"), department(hostile, 2021, code="399001")]
    path = write_compare_workbook(tmp_path / "hostile.xlsx", compare_reports(reports, audit=False))
    ws = openpyxl.load_workbook(path)[THREE_PUBLIC.label]
    cell = ws.cell(HEADER_ROW + 1, 1)
    assert cell.value == hostile and cell.data_type == "s"
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temp file


def test_json_has_findings_and_departments(comparison):
    doc = json.loads(compare_json(comparison))
    assert set(doc) == {"reports", "findings", "departments", "unplaced"}
    finding = next(f for f in doc["findings"] if f["rule"] == "Y601")
    assert list(finding) == [
        "file",
        "rule",
        "severity",
        "message",
        "expected",
        "actual",
        "location",
        "evidence",
        "related_file",
    ]
    zj = next(d for d in doc["departments"] if d["id"] == "303001")
    assert zj["names"] == ["华容县住建局", ZHUJIAN_NEW] and zj["years"] == [2019, 2020, 2021]
    assert zj["files"]["2019"] == ["zj2019.docx"]
    edu = next(d for d in doc["departments"] if d["id"] == "教育局")
    assert edu["ambiguous_years"] == [2020]


def test_workbook_without_departments(tmp_path):
    path = write_compare_workbook(tmp_path / "empty.xlsx", compare_reports([], audit=False))
    assert openpyxl.load_workbook(path).sheetnames[:2] == [SHEET_FINDINGS, SHEET_MATCHES]


def test_errors_and_rescored_scores_are_tabulated(comparison, book):
    from jixiao_audit.audit.compare_measures import ERRORS, RESCORED

    dept = next(d for d in comparison.departments if d.id == "303001")
    assert comparison.value(dept, 2021, MEASURE_BY_KEY[ERRORS]) is not None
    rescored = comparison.value(dept, 2021, MEASURE_BY_KEY[RESCORED])
    # 2021's 变动率 item is re-scored with 2020's figures: 5 points are lost
    assert rescored is not None and rescored <= dept.entry(2021).report.self_score - Decimal(5)
