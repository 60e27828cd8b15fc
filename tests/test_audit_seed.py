"""The seed report (附件2-1 + 附件2-2 of 000_f6087966408e3380): what the audit must and must not find."""

from __future__ import annotations

from decimal import Decimal

import pytest
from jixiao_audit.audit.engine import rescored_total, run_audit

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
    assert [
        f.message for f in outcome.findings if f.rule in {"R301", "R302", "R303", "R304", "R305", "R306"}
    ] == []


def test_staffing_control_rate_rescored(outcome):
    """财政供养人员控制率 claims 5 but 162/143 = 113.29 % allows 0."""
    found = [f for f in by_rule(outcome, "R307") if "财政供养人员控制率" in f.message]
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert f.expected == Decimal(0) and f.actual == Decimal(5) and f.difference == Decimal(5)
    assert "162" in f.message and "143" in f.message and "113.29%" in f.message
    assert f.location  # points at the score cell


def test_arrival_rate_rescored(outcome):
    """到位率 claims 3 but 3 × 5057/13742 = 1.10."""
    found = [f for f in by_rule(outcome, "R307") if "到位率" in f.message]
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert f.expected == Decimal("1.10") and f.actual == Decimal(3)
    assert "5057" in f.message and "13742" in f.message and "36.80%" in f.message and "1.10" in f.message


def test_no_other_rescoring_error(outcome):
    assert len(by_rule(outcome, "R307")) == 2
    assert by_rule(outcome, "R308") == []  # 93 and 97.10 are still 优秀


def test_score_reviews(outcome):
    dept = [r for r in outcome.reviews if "财政供养人员控制率" in r.item]
    assert len(dept) == 1 and dept[0].review_points == Decimal(0) and dept[0].self_points == Decimal(5)
    arrival = [r for r in outcome.reviews if r.item.endswith("到位率")]
    assert len(arrival) == 1 and arrival[0].review_points == Decimal("1.10")
    assert len(outcome.reviews) == len(seed_department().score_items) + len(seed_project().score_items) == 44
    three_public = next(r for r in outcome.reviews if "三公经费”变动率" in r.item)
    assert three_public.review_points is None and "上年" in three_public.basis
    qualitative = next(r for r in outcome.reviews if r.item.endswith("预算调整率"))
    assert qualitative.review_points == qualitative.self_points == Decimal(3)


def test_rescored_totals():
    assert rescored_total(seed_department()) == Decimal("93.00")  # 98 − 5
    assert rescored_total(seed_project()) == Decimal("97.10")  # 99 − 3 + 1.10


def test_exact_set_of_findings(outcome):
    """Nothing beyond the expected findings: every other figure of the seed adds up."""
    codes = sorted(f.rule for f in outcome.findings if not f.rule.startswith("Y"))
    assert codes == sorted(
        [
            "R307",
            "R307",
            "N203",
            "N205",
            "N206",
            "X401",
            "X402",
            "C501",
            "C501",
            "C502",
            "C503",
            "C505",
            "C505",
        ]
    ), [f"{f.rule} {f.message}" for f in outcome.findings]


def test_narrative_percentages_all_recompute(outcome):
    """69.7% 30.3% 4.25% 1.8% 93.95% 6.05% all agree with the tables: no N202; no N201, no N204."""
    assert [f.message for f in outcome.findings if f.rule in {"N201", "N202", "N204"}] == []


def test_staffing_claim_contradicted(outcome):
    found = by_rule(outcome, "N206")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning"
    assert "财政供养人员控制在预算编制以内" in f.message and "162" in f.message and "143" in f.message
    assert f.expected == Decimal(143) and f.actual == Decimal(162)
    assert "财政供养人员控制在预算编制以内" in f.evidence


def test_arrival_rate_claim(outcome):
    """Project narrative: 资金到位率为100% but 5057/13742 = 36.80%."""
    found = by_rule(outcome, "N203")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert f.actual == Decimal(100) and f.expected.quantize(Decimal("0.01")) == Decimal("36.80")
    assert "100%" in f.message and "36.80%" in f.message and "5057" in f.message and "13742" in f.message
    assert "资金到位率为100%" in f.evidence


def test_completed_investment_far_above_spent(outcome):
    found = by_rule(outcome, "N205")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning"
    assert "13742余万元" in f.message and "1560.87" in f.message
    assert f.actual == Decimal(13742) and f.expected == Decimal("1560.87")


def test_arrived_funds_transposed_across_documents(outcome):
    """Department narrative 到位资金5075万元 vs project funds.arrived.total 5057: two digits swapped."""
    found = by_rule(outcome, "X401")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error"
    assert f.actual == Decimal(5075) and f.expected == Decimal(5057) and f.difference == Decimal(18)
    assert "5075" in f.message and "5057" in f.message and "两位数字颠倒" in f.message
    assert "老旧小区改造" in f.message
    assert f.related_file == SEED_FILE and f.file == SEED_FILE
    assert "现已到位资金5075万元" in f.evidence


def test_department_balance_zero_but_project_balance(outcome):
    found = by_rule(outcome, "X402")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning"
    assert "3496.13" in f.message and f.expected == Decimal("3496.13") and f.actual == Decimal(0)
    assert f.related_file == SEED_FILE


def test_blank_report_dates(outcome):
    found = by_rule(outcome, "C501")
    assert len(found) == 2 and all(f.severity == "warning" for f in found)
    assert len({f.location for f in found}) == 2  # one on each cover


def test_evaluation_type_not_ticked(outcome):
    found = by_rule(outcome, "C502")
    assert len(found) == 1 and "□" in found[0].evidence


def test_blank_targets_with_full_marks(outcome):
    found = by_rule(outcome, "C503")
    assert len(found) == 1
    f = found[0]
    assert "目标内容" in f.message and "8 项空白" in f.message
    assert f.actual == Decimal(4) and f.expected == Decimal(3)


def test_blank_signature_dates(outcome):
    found = by_rule(outcome, "C505")
    assert sorted(f.message.split(" ")[0] for f in found) == ["3", "4"]  # 3 blocks in 2-1, 4 in 2-2


def test_findings_sorted(outcome):
    assert outcome.findings == sorted(outcome.findings, key=lambda f: f.sort_key())


def test_project_alone_and_department_alone():
    """Without its partner, neither report gives a cross-document finding."""
    assert not [f for f in run_audit([seed_department()]).findings if f.rule.startswith("X")]
    assert not [f for f in run_audit([seed_project()]).findings if f.rule.startswith("X")]


def test_seed_linked_from_two_files():
    """The same linking applies when the two reports come from separate files."""
    d, p = seed_department(), seed_project()
    p.file = "老旧小区改造项目自评报告.docx"
    for s in p.sources.values():
        s.file = p.file
    found = [f for f in run_audit([d, p]).findings if f.rule == "X401"]
    assert len(found) == 1 and found[0].file == SEED_FILE and found[0].related_file == p.file


def test_short_department_name_links():
    """华容县住建局 ≈ 华容县住房和城乡建设局."""
    d, p = seed_department(), seed_project()
    d.department = "华容县住建局"
    d.budget_code = None
    assert {f.rule for f in run_audit([d, p]).findings} >= {"X401", "X402"}
