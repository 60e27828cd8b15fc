"""`jixiao_audit.load(paths)`: reports and findings as pandas DataFrames, from real files."""

from __future__ import annotations

from decimal import Decimal

import pytest

import jixiao_audit
from jixiao_audit.batch import InputError
from tests.offseed import OTHER_PROVINCE_RUBRIC
from tests.report_factory import SEED_DOCX


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    broken = tmp_path_factory.mktemp("in") / "broken.docx"
    broken.write_bytes(b"not a zip")
    return jixiao_audit.load([SEED_DOCX, broken])


def test_one_row_per_report_with_units_in_money_columns(audit):
    reports = audit.reports
    assert len(reports) == len(audit.run.reports) == 2
    assert list(reports["报告类型"]) == ["部门整体", "项目"]
    department = reports.iloc[0]
    assert department["收入合计_万元"] == Decimal(29201) and isinstance(department["收入合计_万元"], Decimal)
    assert department["三公经费合计_万元"] == Decimal("3.49")
    assert reports.iloc[1]["实际到位资金_万元"] == Decimal(5057)
    assert all(not c.endswith("万元") or c.endswith("_万元") for c in reports.columns)


def test_scores_and_counts_are_the_runs(audit):
    reports = audit.reports
    assert list(reports["复核得分"]) == [s.review_total for s in audit.run.scores]
    assert reports["错误数"].sum() + reports["警告数"].sum() + reports["提示数"].sum() == len(audit.findings)


def test_one_row_per_finding_and_per_unreadable_file(audit):
    findings = audit.findings
    assert len(findings) == len(audit.run.findings)
    assert {"规则", "严重程度", "说明", "期望值", "实际值", "位置"} <= set(findings.columns)
    assert (findings["规则"] == "X401").sum() == 1
    assert list(audit.failures["文件"]) == [str(audit.run.failed[0].file)] and audit.failures["原因"][0]


def test_rubric_option_and_bad_paths():
    scored = jixiao_audit.load(SEED_DOCX, rubrics=[OTHER_PROVINCE_RUBRIC]).reports
    assert (
        scored.iloc[0]["复核得分"] == Decimal("96.70")
        and scored.iloc[0]["评分标准"] == "other_province_department"
    )
    with pytest.raises(InputError):
        jixiao_audit.load("no/such/file.docx")
