"""One implementation per domain fact (issue 15): regressions of the bugs two implementations caused."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
from jixiao_audit.audit.compare import compare_reports
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.result import FileResult, run_result
from jixiao_audit.audit.workbook import write_workbook
from jixiao_audit.normalize.model import ExpenditureRow, IncomeRow

from tests.report_factory import D, clean_department
from tests.test_compare_scenario import department
from tests.test_workbook_seed import sheet_rows

RATE_ITEM = "变动率"


def rate_review(outcome, file: str):
    return next(r for r in outcome.reviews if r.file == file and RATE_ITEM in r.item)


def over_scores(findings, file: str) -> list:
    return [f for f in findings if f.file == file and f.rule in ("R307", "Y602") and RATE_ITEM in f.message]


# ---------------------------------------------------------------- bug 1: the 汇总 row


def test_figures_sheet_shows_the_summary_row_when_it_comes_last(tmp_path):
    report = clean_department()
    report.income = [
        IncomeRow(unit="1、局机关", total=D("700.00"), general_budget=D("700.00")),
        IncomeRow(unit="2、县城建档案馆", total=D("300.00"), general_budget=D("300.00")),
        IncomeRow(unit="汇总", total=D("1000.00"), general_budget=D("1000.00")),
    ]
    report.expenditure = [
        ExpenditureRow(unit="1、局机关", total=D("650.00")),
        ExpenditureRow(unit="2、县城建档案馆", total=D("280.00")),
        ExpenditureRow(unit="汇总", total=D("930.00")),
    ]
    run = run_result([FileResult(file=report.file, reports=[report])])
    (row,) = sheet_rows(openpyxl.load_workbook(write_workbook(tmp_path / "a.xlsx", run)), "提取数据")
    assert (row["收入合计"], row["一般公共预算"], row["支出合计"]) == (1000, 1000, 930)


# ---------------------------------------------------------------- bug 3: department identity


def test_renamed_department_is_last_years_for_rescoring_and_year_rules_alike():
    """发改委 → 发展和改革局, no 预算编码: one matcher says it is the same department for every rule."""
    last = department("华容县发改委", 2019, file="fg2019.docx", three_public="5.00")
    this = department("华容县发展和改革局", 2020, file="fg2020.docx", three_public="5.50", rate_points="5")
    outcome = run_audit([last, this])
    review = rate_review(outcome, "fg2020.docx")
    assert review.review_points == Decimal("0.00"), review.basis  # +10 %: 5 − 10 × 0.5 = 0
    assert "需上年" not in review.basis
    (finding,) = over_scores(outcome.findings, "fg2020.docx")
    assert finding.expected == Decimal("0.00")
    score = next(s for s in outcome.scores if s.file == "fg2020.docx")
    assert score.review_total == sum(
        (r.review_points if r.review_points is not None else r.self_points)
        for r in outcome.reviews
        if r.file == "fg2020.docx"
    )


# ---------------------------------------------------------------- bug 4: 变动率 scoring


def test_rate_item_scored_once_whatever_the_rubric_leaves_to_defaults(tmp_path):
    """A bureau rubric naming the 变动率 formula with its deduction only: the engine and Y602 agree."""
    rubric = {
        "id": "bureau_department",
        "kind": "department",
        "items": [
            {
                "label": "三公经费变动率",
                "formula": "change_vs_previous_year",
                "params": {"deduct_per_point": "1"},
            }
        ],
    }
    path = tmp_path / "bureau.json"
    path.write_text(json.dumps(rubric, ensure_ascii=False), encoding="utf-8")
    last = department("华容县财政局", 2019, code="301001", file="cz2019.docx", three_public="5.00")
    this = department(
        "华容县财政局", 2020, code="301001", file="cz2020.docx", three_public="5.10", rate_points="5"
    )
    outcome = run_audit([last, this], rubrics=[path])
    assert rate_review(outcome, "cz2020.docx").review_points == Decimal("3.00")  # +2 %: 5 − 2 × 1
    (engine,) = over_scores(outcome.findings, "cz2020.docx")
    (compared,) = over_scores(
        compare_reports([last, this], rubrics=[path], audit=False).findings, "cz2020.docx"
    )
    assert engine.expected == compared.expected == Decimal("3.00")


# ---------------------------------------------------------------- labels and order of the fields


def test_one_label_table_in_the_models_order():
    from jixiao_audit.audit.compare_measures import MEASURES
    from jixiao_audit.audit.sheets import FIGURE_COLUMNS, FIGURE_PATHS, MONEY
    from jixiao_audit.audit.values import FIELD_LABELS, label_of, table_fields

    for table in ("income", "expenditure", "three_public", "fixed_assets", "funds", "source", "staffing"):
        assert tuple(FIELD_LABELS[table]) == table_fields(table), table
    headers = [c.header.split("\n")[0] for c in FIGURE_COLUMNS if c.kind == MONEY]
    assert headers == [label_of(p) for p in FIGURE_PATHS]
    assert all(m.label == label_of(m.key) for m in MEASURES if m.from_report)


def test_grade_bands_defined_once():
    from jixiao_audit.audit.rubrics import band_for, grade_bands

    assert [band_for(Decimal(s), grade_bands(None)).labels[0] for s in ("90", "89.99", "60", "59")] == [
        "优秀",
        "良好",
        "中",
        "差",
    ]
