"""The seed report (附件2-1 + 附件2-2 of 000_f6087966408e3380): what the audit must and must not find."""

from __future__ import annotations

from decimal import Decimal

import pytest

from audit.engine import rescored_total, run_audit
from tests.report_factory import SEED_FILE, seed_department, seed_project, seed_reports


@pytest.fixture(scope="module")
def outcome():
    return run_audit(seed_reports())


def by_rule(outcome, code, kind_file=SEED_FILE):
    return [f for f in outcome.findings if f.rule == code and f.file == kind_file]


def test_no_arithmetic_finding_on_seed(outcome):
    """All income/expenditure/三公/固定资产 rows and columns, project funds and expense lines add up."""
    assert [f.message for f in outcome.findings if f.rule.startswith("A")] == []


def test_no_internal_error(outcome):
    assert [f.message for f in outcome.findings if f.rule.startswith("E")] == []


def test_rubric_totals_add_up(outcome):
    """Item scores add to 98 and 99, 分值 to 100, grades 优秀: no R301–R306 finding."""
    assert [f.message for f in outcome.findings if f.rule in {"R301", "R302", "R303", "R304", "R305", "R306"}] == []


def test_staffing_control_rate_rescored(outcome):
    """财政供养人员控制率 claims 5 but 162/143 = 113.29 % allows 0."""
    found = [f for f in by_rule(outcome, "R307") if "财政供养人员控制率" in f.message]
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert f.expected == Decimal("0") and f.actual == Decimal("5") and f.difference == Decimal("5")
    assert "162" in f.message and "143" in f.message and "113.29%" in f.message
    assert f.location  # points at the score cell


def test_arrival_rate_rescored(outcome):
    """到位率 claims 3 but 3 × 5057/13742 = 1.10."""
    found = [f for f in by_rule(outcome, "R307") if "到位率" in f.message]
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert f.expected == Decimal("1.10") and f.actual == Decimal("3")
    assert "5057" in f.message and "13742" in f.message and "36.80%" in f.message and "1.10" in f.message


def test_no_other_rescoring_error(outcome):
    assert len(by_rule(outcome, "R307")) == 2
    assert by_rule(outcome, "R308") == []  # 93 and 97.10 are still 优秀


def test_score_reviews(outcome):
    dept = [r for r in outcome.reviews if "财政供养人员控制率" in r.item]
    assert len(dept) == 1 and dept[0].review_points == Decimal("0") and dept[0].self_points == Decimal("5")
    arrival = [r for r in outcome.reviews if r.item.endswith("到位率")]
    assert len(arrival) == 1 and arrival[0].review_points == Decimal("1.10")
    assert len(outcome.reviews) == len(seed_department().score_items) + len(seed_project().score_items) == 44
    three_public = [r for r in outcome.reviews if "三公经费”变动率" in r.item][0]
    assert three_public.review_points is None and "上年" in three_public.basis
    qualitative = [r for r in outcome.reviews if r.item.endswith("预算调整率")][0]
    assert qualitative.review_points == qualitative.self_points == Decimal("3")


def test_rescored_totals():
    assert rescored_total(seed_department()) == Decimal("93.00")  # 98 − 5
    assert rescored_total(seed_project()) == Decimal("97.10")  # 99 − 3 + 1.10
