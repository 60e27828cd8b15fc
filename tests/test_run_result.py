"""One run result, built once: every writer shows the 复核得分 the engine computed (bug 2 of issue 15).

Before, 报告汇总 and the CSV re-scored each report through a callback that knew neither the
user's `--rubric` nor last year's report, so they disagreed with 评分复核.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.export import write_csv
from jixiao_audit.audit.result import FileResult, run_result
from jixiao_audit.audit.workbook import write_workbook

from jixiao_audit.cli import cli
from tests.report_factory import D, clean_department
from tests.test_workbook_seed import COMBINED, sheet_rows

PROJECT_RUBRIC_WITHOUT_FORMULAS = {
    "id": "bureau_project",
    "kind": "project",
    "items": [{"label": "目标内容|目标量化", "flag": "target_quantification", "params": {"points": 1}}],
}


def reviewed_total(reviews: list[dict], project: str | None) -> Decimal:
    """The 评分复核 rows of one report summed: 复核得分, else 自评得分 (as the engine sums them)."""
    rows = [r for r in reviews if r["项目名称"] == project]
    return sum(
        (Decimal(str(r["复核得分"] if r["复核得分"] is not None else r["自评得分"])) for r in rows),
        Decimal(0),
    )


def test_summary_and_csv_use_the_rubric_given_on_the_command_line(tmp_path):
    rubric = tmp_path / "bureau.json"
    rubric.write_text(json.dumps(PROJECT_RUBRIC_WITHOUT_FORMULAS, ensure_ascii=False), encoding="utf-8")
    out, csv_dir = tmp_path / "audit.xlsx", tmp_path / "csv"
    args = [str(COMBINED), "-o", str(out), "--csv", str(csv_dir), "--workers", "1", "--rubric", str(rubric)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    book = openpyxl.load_workbook(out)
    reviews = sheet_rows(book, "评分复核")
    summary = {row["项目名称"]: row for row in sheet_rows(book, "报告汇总")}
    project = summary["老旧小区改造"]
    # the bureau's rubric has no 到位率 formula: the self score stands (the built-in gives 97.1)
    assert Decimal(str(project["复核得分"])) == reviewed_total(reviews, "老旧小区改造")
    assert Decimal(str(project["复核得分"])) == Decimal(str(project["自评得分"]))
    assert Decimal(str(summary[None]["复核得分"])) == reviewed_total(reviews, None)
    with open(csv_dir / "报告汇总.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["项目名称"] or None: row for row in csv.DictReader(handle)}
    assert Decimal(rows["老旧小区改造"]["复核得分"]) == Decimal(str(project["复核得分"]))


def test_summary_uses_last_years_report_of_the_run(tmp_path):
    this, last = clean_department(), clean_department("clean_department_2019.docx")
    last.year = 2019
    last.three_public[0].total = D("4.00")  # +25 %: 三公经费变动率 scores 0 with last year at hand
    files = [FileResult(file=r.file, reports=[r]) for r in (this, last)]
    run = run_result(files, run_audit([this, last]))
    item = next(r for r in run.reviews if r.file == this.file and "三公经费" in r.item and "变动率" in r.item)
    assert item.review_points == Decimal("0.00") and item.rubric == "hunan_2020_department"
    book = openpyxl.load_workbook(write_workbook(tmp_path / "a.xlsx", run))
    summary = {row["文件"]: row for row in sheet_rows(book, "报告汇总")}
    reviews = [r for r in sheet_rows(book, "评分复核") if r["文件"] == this.file]
    assert Decimal(str(summary[this.file]["复核得分"])) == reviewed_total(reviews, None)
    (csv_summary,) = [p for p in write_csv(tmp_path / "csv", run) if p.name == "报告汇总.csv"]
    with open(csv_summary, encoding="utf-8-sig", newline="") as handle:
        by_file = {row["文件"]: row for row in csv.DictReader(handle)}
    assert Decimal(by_file[this.file]["复核得分"]) == reviewed_total(reviews, None)


def test_run_result_holds_files_reports_and_scores():
    this = clean_department()
    run = run_result([FileResult(file=this.file, reports=[this]), FileResult(file="x.docx", status="error")],
                     run_audit([this]))  # fmt: skip
    assert run.reports == [this] and [f.file for f in run.failed] == ["x.docx"]
    assert [s.file for s in run.scores] == [this.file] and run.scores[0].rubric == "hunan_2020_department"
    assert Path(run.files[0].file).name == this.file
