"""Off-seed regression files (`tests/offseed/`): 汇总 row last, another province's rubric, and a
project type other than 老旧小区."""

from __future__ import annotations

import json
from decimal import Decimal

import docx
import openpyxl
from click.testing import CliRunner
from jixiao_audit.audit.engine import run_audit

from jixiao_audit.cli import cli
from jixiao_audit.pipeline import load_file
from tests.offseed import (
    OTHER_PROVINCE_RUBRIC,
    SCHOOL_PROJECT,
    SCHOOL_RECOUNT,
    SUMMARY_LAST,
    W,
    build_school_recount,
    build_summary_last,
)
from tests.report_factory import SEED_DOCX, seed_reports
from tests.test_workbook_seed import sheet_rows

TABLES = ("income", "expenditure", "three_public", "fixed_assets")


def body_text(path) -> list[str | None]:
    """Every text run of the document body, in document order."""
    return [t.text for t in docx.Document(path).element.body.iter(W + "t")]


def reports_of(path):
    result = load_file(path)
    assert result.status == "ok", result.error
    return result.reports


def test_committed_files_are_what_the_builder_makes(tmp_path):
    for build, committed in ((build_summary_last, SUMMARY_LAST), (build_school_recount, SCHOOL_RECOUNT)):
        assert body_text(build(tmp_path / committed.name)) == body_text(committed), committed.name


# ---------------------------------------------------------------- 汇总 row last


def test_summary_row_last_reads_and_audits_as_the_seed():
    moved, seed = reports_of(SUMMARY_LAST), seed_reports()
    for table in TABLES:
        rows = getattr(moved[0], table)
        assert "汇总" in rows[-1].unit, table  # the file really has it last
        by_unit = lambda rs: {r.unit: r.model_dump() for r in rs}
        assert by_unit(rows) == by_unit(getattr(seed[0], table)), table
    key = lambda reports: sorted((f.rule, f.expected, f.actual) for f in run_audit(reports).findings)
    assert key(moved) == key(seed)


def test_summary_row_last_in_the_figures_sheet(tmp_path):
    out = tmp_path / "a.xlsx"
    CliRunner().invoke(cli, [str(SUMMARY_LAST), "-o", str(out), "--workers", "1"])
    department = next(
        r for r in sheet_rows(openpyxl.load_workbook(out), "提取数据") if r["报告类型"] == "部门整体"
    )
    assert (department["收入合计"], department["支出合计"], department["三公经费合计"]) == (
        29201,
        29201,
        3.49,
    )


# ---------------------------------------------------------------- another province's rubric


def test_other_provinces_rubric_rescores_with_its_own_deductions(tmp_path):
    """人员控制率 162 / 143 = 113.29 %: 13 points × 0.1 = 1.3 off 5 (the Hunan rubric: 0.5 a point → 0)."""
    rubric_id = json.loads(OTHER_PROVINCE_RUBRIC.read_text(encoding="utf-8"))["id"]
    out = tmp_path / "a.xlsx"
    args = [str(SEED_DOCX), "-o", str(out), "--workers", "1", "--rubric", str(OTHER_PROVINCE_RUBRIC)]
    assert CliRunner().invoke(cli, args).exit_code == 1  # the seed's errors remain
    outcome = run_audit(seed_reports(), rubrics=[OTHER_PROVINCE_RUBRIC])
    (staffing,) = [f for f in outcome.findings if f.rule == "R307" and "控制率" in f.message]
    assert staffing.expected == Decimal("3.70") and "0.1 分" in staffing.message
    department = next(s for s in outcome.scores if s.kind == "department")
    assert department.rubric == rubric_id and department.review_total == Decimal("96.70")
    summary = next(
        r for r in sheet_rows(openpyxl.load_workbook(out), "报告汇总") if r["报告类型"] == "部门整体"
    )
    assert Decimal(str(summary["复核得分"])) == Decimal("96.70")


# ---------------------------------------------------------------- a project type other than 老旧小区


def test_repeated_task_count_of_a_school_project_must_agree():
    (recount,) = reports_of(SCHOOL_RECOUNT)
    assert "学校" in recount.project_name and "老旧小区" not in recount.project_name
    (finding,) = [f for f in run_audit([recount]).findings if f.rule == "N204"]
    assert (finding.expected, finding.actual) == (Decimal(23), Decimal(21)) and "所" in finding.message
    assert "21所学校" in finding.evidence and finding.location
    assert not [f for f in run_audit(reports_of(SCHOOL_PROJECT)).findings if f.rule == "N204"]
