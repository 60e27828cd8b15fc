"""Rubric files and formula kinds (`audit.rubrics`), the engine's public API around them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from jixiao_audit.audit.engine import make_context, rescored_total, run_audit
from jixiao_audit.audit.registry import _RULES, AuditContext, Rule
from jixiao_audit.audit.rubrics import band_for, builtin_paths, choose_rubric, load_rubric, load_rubrics
from jixiao_audit.audit.rubrics.formulas import FORMULAS
from jixiao_audit.normalize.model import ScoreItem

from tests.report_factory import D, clean_department, clean_pair, clean_project, seed_department


def test_builtin_rubrics_cover_both_kinds():
    kinds = {load_rubric(p).kind for p in builtin_paths()}
    assert kinds == {"department", "project"}
    for path in builtin_paths():
        for spec in load_rubric(path).items:
            assert spec.formula is None or spec.formula in FORMULAS


def test_rubric_chosen_by_kind():
    rubrics = load_rubrics()
    assert choose_rubric(clean_department(), rubrics).id == "hunan_2020_department"
    assert choose_rubric(clean_project(), rubrics).id == "hunan_2020_project"


def test_rubric_chosen_by_the_reports_form(tmp_path):
    """The built-in Hunan rubrics score the 华容 template only; a prose report (no 评分表) is never
    re-scored, not even by a bureau rubric open to every family; a hand-built report naming no form
    is not read as 华容."""
    rubrics = load_rubrics()
    d = clean_department()
    assert d.form == "huarong" and choose_rubric(d, rubrics).id == "hunan_2020_department"
    for form in ("prose", None, "national"):
        assert choose_rubric(d.model_copy(update={"form": form}), rubrics) is None, form
    bureau = load_rubrics([_write(tmp_path, {"id": "any_family", "kind": "department", "items": []})])
    assert choose_rubric(d.model_copy(update={"form": "prose"}), bureau) is None
    assert choose_rubric(d.model_copy(update={"form": "chongqing"}), bureau).id == "any_family"


def _write(tmp_path, data) -> str:
    path = tmp_path / "bureau.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_bureau_rubric_replaces_builtin_for_its_kind(tmp_path):
    """A stricter bureau: 每超过一个百分点扣1分, counted continuously — and a 60-point grade band."""
    path = _write(
        tmp_path,
        {
            "id": "bureau_department",
            "kind": "department",
            "grades": [{"min": 95, "labels": ["优秀"]}, {"min": 0, "labels": ["一般"]}],
            "items": [
                {
                    "label": "财政供养人员控制率",
                    "formula": "ratio_cap_deduction",
                    "params": {
                        "numerator": "staffing.actual",
                        "denominator": "staffing.authorized",
                        "deduct_per_point": "1",
                        "whole_points": False,
                    },
                }
            ],
        },
    )
    d = clean_department()
    d.staffing.actual = 51  # 102 %: 2 points over
    out = run_audit([d, clean_project()], rubrics=[path])
    r307 = [f for f in out.findings if f.rule == "R307"]
    assert len(r307) == 1 and r307[0].expected == Decimal("3.00")
    r306 = [f for f in out.findings if f.rule == "R306"]  # 94 is 一般 in this bureau
    assert len(r306) == 1 and "一般" in r306[0].message
    # the project keeps the built-in rubric
    assert next(r for r in out.reviews if r.item.endswith("到位率")).review_points == Decimal("2.40")
    # the built-in one would have allowed 5 − 1 = 4 and the grade 优秀
    builtin = run_audit([d, clean_project()])
    assert [f.expected for f in builtin.findings if f.rule == "R307"] == [Decimal("4.00")]
    assert not [f for f in builtin.findings if f.rule == "R306"]


def test_unknown_formula_rejected(tmp_path):
    path = _write(tmp_path, {"kind": "project", "items": [{"label": "到位率", "formula": "magic"}]})
    with pytest.raises(ValueError):
        load_rubric(path)


def _review(report, label, ctx=None):
    ctx = ctx or make_context([report])
    return next(r for r in ctx.scores(report) if (r.item.level3 or "").endswith(label))


def test_balance_vs_carryover_branches():
    d = clean_department()  # balance 50, carryover 60: "有结余，但不超过上年结转" → 2
    assert _review(d, "资金结余").review_points == Decimal("2.00")
    d.expenditure[0].balance_cumulative = D("70.00")
    assert _review(d, "资金结余").review_points == Decimal("0.00")
    d.expenditure[0].balance_cumulative = D("0")
    assert _review(d, "资金结余").review_points == Decimal("3.00")
    d.expenditure[0].balance_cumulative = d.expenditure[0].balance_current = None
    r = _review(d, "资金结余")
    assert r.review_points is None and "缺少" in r.basis


def test_fixed_asset_rate_below_threshold():
    d = clean_department()
    d.fixed_assets[0].in_use = D("270.00")  # 90 % → 10 points × 0.1 = 1
    r = _review(d, "固定资产利用率")
    assert r.review_points == Decimal("2.00") and "90.00%" in r.basis


def test_staffing_whole_points_are_lenient():
    d = clean_department()
    d.staffing.actual = 50  # exactly 100 %
    assert _review(d, "财政供养人员控制率").review_points == Decimal("5.00")
    d.staffing.actual = 51  # 102 % → 2 points × 0.5
    assert _review(d, "财政供养人员控制率").review_points == Decimal("4.00")


def test_three_public_change_uses_previous_year_in_the_run():
    this, last = clean_department(), clean_department("clean_department_2019.docx")
    last.year = 2019
    last.three_public[0].total = D("4.00")  # 5 vs 4: +25 % → 25 × 0.5 > 5 → 0
    ctx = make_context([this, last])
    r = _review(this, "三公经费”变动率", ctx)
    assert r.review_points == Decimal("0.00") and "25.00%" in r.basis
    alone = _review(this, "三公经费”变动率")
    assert alone.review_points is None and "上年" in alone.basis


def test_grade_bands():
    bands = load_rubric(builtin_paths()[0]).grades
    assert band_for(Decimal(90), bands).labels[0] == "优秀"
    assert band_for(Decimal("89.9"), bands).labels[0] == "良好"
    assert band_for(Decimal(80), bands).labels[0] == "良好"
    assert band_for(Decimal(60), bands).labels[0] == "中"
    assert band_for(Decimal("59.5"), bands).labels[0] == "差"


def test_item_scores_rounded_total_accepted():
    d = clean_department()
    d.score_items[0].self_points = D("4.6")  # items 93.6, stated 94
    codes = {f.rule for f in run_audit([d, clean_project()]).findings}
    assert "R301" not in codes


def test_reviews_one_per_item_and_rescored_total():
    reports = clean_pair()
    out = run_audit(reports)
    assert len(out.reviews) == sum(len(r.score_items) for r in reports)
    assert all(r.basis for r in out.reviews)
    assert rescored_total(reports[0]) == Decimal(94)
    assert rescored_total(reports[1]) == Decimal("98.40")
    assert rescored_total(seed_department()) == Decimal("93.00")


def test_empty_run():
    out = run_audit([])
    assert out.findings == [] and out.reviews == []


def test_a_crashing_rule_becomes_one_warning(monkeypatch):
    def boom(report, ctx):
        """Always fails; registered only for this test to check the engine's isolation."""
        raise RuntimeError("坏了")

    monkeypatch.setitem(_RULES, "A199", Rule("A199", "测试", "arithmetic", "error", "测试{x}", boom))
    out = run_audit(clean_pair())
    crashed = [f for f in out.findings if f.rule == "E900"]
    assert len(crashed) == 2 and all("A199" in f.message and f.severity == "warning" for f in crashed)
    assert isinstance(make_context([]), AuditContext)


def test_selected_rules_only():
    out = run_audit([seed_department()], select=["R"])
    assert out.findings and all(f.rule.startswith("R") for f in out.findings)


def test_item_without_rubric_keeps_self_score():
    p = clean_project()
    p.score_items.append(ScoreItem(level3="自定义指标", max_points=D("0"), self_points=D("0")))
    r = make_context([p]).scores(p)[-1]
    assert r.review_points == Decimal(0) and "定性" in r.basis
