"""The 汇总 row is found however a county labels it: 汇总/合计, or the department's own name
above numbered sub-units (华容县水利局 / 1、局机关 / 2、水利站)."""

from __future__ import annotations

from decimal import Decimal

from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.values import summary_index

from tests.report_factory import clean_department

TABLES = ("income", "expenditure", "three_public", "fixed_assets")


def named_after_department():
    report = clean_department()
    for table in TABLES:
        getattr(report, table)[0].unit = report.department
    return report


def test_department_named_total_row_is_the_summary():
    report = named_after_department()
    assert all(summary_index(getattr(report, t)) == 0 for t in TABLES)
    assert run_audit([report]).findings == []


def test_its_columns_are_still_checked():
    report = named_after_department()
    report.income[0].total += Decimal(10)
    assert {"A101", "A106"} <= {f.rule for f in run_audit([report]).findings}


def test_unnumbered_rows_have_no_guessed_summary():
    report = clean_department()
    report.income[1].unit = "局机关"  # no longer a numbered sub-unit: nothing says row 0 is the total
    report.income[0].unit = "华容县水利局"
    assert summary_index(report.income) is None
