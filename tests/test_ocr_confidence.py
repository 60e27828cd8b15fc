"""A finding resting on a figure OCR read with a low score is a warning saying so, never an error;
提取数据 marks OCR'd reports. Reports built directly (no OCR run needed)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import openpyxl
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.ocr_confidence import (
    LOW_CONFIDENCE_NOTE,
    digits_of,
    is_shaky,
    ocr_note,
    record_prefix,
    shaky_sources,
)
from jixiao_audit.audit.result import FileResult, run_result
from jixiao_audit.audit.workbook import write_workbook
from jixiao_audit.normalize.model import Source

from tests.report_factory import clean_department, clean_project
from tests.test_workbook_seed import sheet_rows


def broken_income_row():
    """A101 fires: 收入合计 of unit 1 is 601.00 while its parts add up to less."""
    d = clean_department()
    d.income[1].total = Decimal("601.00")
    return d


def scanned(report, confidence: float):
    """The report as if OCR had read every value with the given score."""
    report.sources = {k: replace(s, confidence=confidence) for k, s in report.sources.items()}
    report.sources.setdefault("income[1].total", Source(file=report.file, confidence=confidence))
    return report


def a101(reports):
    return [f for f in run_audit(reports).findings if f.rule == "A101"]


def test_error_on_a_clearly_read_figure_stays_an_error():
    (finding,) = a101([scanned(broken_income_row(), 0.99), clean_project()])
    assert finding.severity == "error"
    assert LOW_CONFIDENCE_NOTE not in finding.message


def test_error_on_a_low_confidence_figure_becomes_a_warning_saying_so():
    (finding,) = a101([scanned(broken_income_row(), 0.62), clean_project()])
    assert finding.severity == "warning"
    assert LOW_CONFIDENCE_NOTE in finding.message


def test_a_shaky_figure_elsewhere_does_not_soften_the_finding():
    d = scanned(broken_income_row(), 0.99)
    d.sources["expenditure[0].total"] = Source(file=d.file, confidence=0.3)
    (finding,) = a101([d, clean_project()])
    assert finding.severity == "error"


def test_record_of_a_value():
    assert record_prefix("income[0].total") == "income[0]"
    assert record_prefix("funds.arrived.total") == "funds.arrived"
    d = scanned(clean_department(), 0.5)
    assert shaky_sources(d, "income[1].total")
    assert not shaky_sources(scanned(clean_department(), 0.95), "income[1].total")


def test_figures_sheet_marks_ocr_reports(tmp_path):
    assert ocr_note(clean_department()) is None
    assert ocr_note(scanned(clean_department(), 0.97)) == "OCR 识别（最低置信度 0.97）"
    assert ocr_note(scanned(clean_department(), 0.5)) == "OCR 识别（最低置信度 0.50），请核对原件"
    text, scan = clean_department(), scanned(clean_department(), 0.5)
    scan.file = "scan.pdf"
    run = run_result([FileResult(file=r.file, reports=[r]) for r in (text, scan)])
    rows = sheet_rows(openpyxl.load_workbook(write_workbook(tmp_path / "a.xlsx", run)), "提取数据")
    assert [row["读取方式"] for row in rows] == [None, "OCR 识别（最低置信度 0.50），请核对原件"]


def test_in_a_long_text_only_the_weak_line_holding_the_figure_counts():
    narrative = Source(
        file="s.pdf",
        confidence=0.6,
        line_scores=(("实际到位资金5057万元，到位率36.8%。", 0.99), ("受益居民3458户，满意度很高。", 0.6)),
    )
    assert not is_shaky(narrative, [Decimal(5057), Decimal(5075)])
    assert is_shaky(narrative, [Decimal(3458)])
    assert is_shaky(narrative, [])  # a finding naming no figure: any weak line counts
    assert is_shaky(Source(file="s.pdf", confidence=0.6), [Decimal(5057)])  # a one-line cell
    assert not is_shaky(Source(file="s.pdf", confidence=0.95), [])
    assert digits_of(Decimal("1560.870")) == "156087"


def test_a_figure_wrapped_over_two_lines_is_weak_when_either_line_is():
    """四川's 预算执行率 "100." / "00%" in a narrow cell, the point faded by a seal: read 100 / 00%
    (joined 10000 %), both lines doubted as a wrapped figure."""
    wrapped = Source(file="s.pdf", confidence=0.85, line_scores=(("100", 0.85), ("00%", 0.85)))
    assert is_shaky(wrapped, [Decimal(10000), Decimal(100)])
    half = Source(file="s.pdf", confidence=0.6, line_scores=(("到位率3", 0.99), ("6.8%，受益居民", 0.6)))
    assert is_shaky(half, [Decimal("36.8")])
    assert not is_shaky(half, [Decimal(5057)])


def shaky_at(reports, *paths: str):
    """The report with the values at `paths` read by OCR with a low score, the rest clearly."""
    (r,) = reports
    r.sources = {k: replace(s, confidence=0.45 if k in paths else 0.99) for k, s in r.sources.items()}
    return r


def test_a_sum_resting_on_a_shaky_part_is_a_warning_saying_so(tmp_path):
    """贵州 太白镇: 年度资金总额 1268.72 against 基本支出 + 项目支出; a seal over 基本支出's figure
    made it unreadable once. The finding adds up the part, so the part's weak reading softens it;
    a shaky value in another column does not."""
    from corpus.render_families import LEFT, UP
    from tests.test_public_shapes_s5b import TAIBAI, _taibai

    grid = [row[:] for row in TAIBAI]
    grid[4] = [UP, "基本支出", LEFT, "985.19", "924.97", UP, UP, UP, LEFT, LEFT]  # parts 1278.72
    reports, _ = _taibai(tmp_path, grid)
    (a121,) = [
        f for f in run_audit([shaky_at(reports, "budget_lines[1].executed")]).findings if f.rule == "A121"
    ]
    assert a121.severity == "warning" and LOW_CONFIDENCE_NOTE in a121.message
    reports, _ = _taibai(tmp_path, grid)
    (a121,) = [
        f for f in run_audit([shaky_at(reports, "budget_lines[1].initial")]).findings if f.rule == "A121"
    ]
    assert a121.severity == "error"


def test_a_total_score_resting_on_a_shaky_indicator_is_a_warning_saying_so(tmp_path):
    from corpus.render_families import LEFT
    from tests.test_public_shapes_s5 import LANGFANG, _langfang

    grid = [row[:] for row in LANGFANG]
    grid[-1] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "99", LEFT]  # 9 + 89 = 98
    reports, _ = _langfang(tmp_path, grid)
    (r325,) = [f for f in run_audit([shaky_at(reports, "indicators[3].points")]).findings if f.rule == "R325"]
    assert r325.severity == "warning" and LOW_CONFIDENCE_NOTE in r325.message
