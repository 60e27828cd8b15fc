"""Y6xx: the checks that need the previous year, as pure functions, through compare and through the registry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from jixiao_audit.audit.compare import compare_reports
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.registry import get_rule
from jixiao_audit.audit.rubrics.formulas import change_rate_score
from jixiao_audit.audit.rules.yoy import (
    DOWN,
    FLAT,
    NOT_UP,
    UP,
    claim_holds,
    three_public_claims,
)
from jixiao_audit.normalize.model import NarrativeSection

from tests.test_compare_scenario import department, scenario

Y_CODES = ("Y601", "Y602", "Y603", "Y604", "Y605", "Y606")


def D(text: str) -> Decimal:
    return Decimal(text)


@pytest.fixture(scope="module")
def comparison():
    return compare_reports(scenario())


def of(comparison, rule: str, file: str | None = None):
    return [f for f in comparison.findings if f.rule == rule and (file is None or f.file == file)]


# ---------------------------------------------------------------- registry


@pytest.mark.parametrize("code", Y_CODES)
def test_rules_are_registered_with_severity_template_and_docstring(code):
    rule = get_rule(code)
    assert rule.family == "year" and rule.scope == "corpus"
    assert rule.severity in ("error", "warning", "info")
    assert rule.template and any("\u4e00" <= ch <= "\u9fff" for ch in rule.template)
    assert rule.doc


# ---------------------------------------------------------------- narrative claims


@pytest.mark.parametrize(
    "text, direction",
    [
        ("1.本年预算配置控制较好，财政供养人员控制在预算编制以内， “三公”经费支出总额较上年有减少。", DOWN),
        ("三公经费比上年下降了3.2万元；", DOWN),
        ("“三公”经费支出较上年减少了。", DOWN),
        ("与上年相比，“三公”经费基本持平。", FLAT),
        ("较上年“三公”经费有所增加。", UP),
        ("三公经费支出较去年上升。", UP),
        ("“三公”经费较上年未增加。", NOT_UP),
    ],
)
def test_claims_are_read_with_their_direction(text, direction):
    claims = three_public_claims(text)
    assert [c.direction for c in claims] == [direction]
    assert claims[0].sentence in text


@pytest.mark.parametrize(
    "text",
    [
        "严格控制“三公经费”支出，压缩“三公经费”支出。",
        "1、“三公经费”有待更严格控制。",
        "公用经费较上年有减少。",
    ],
)
def test_no_claim_without_a_comparison_with_last_year(text):
    assert three_public_claims(text) == []


def test_claim_against_a_named_year_keeps_the_year():
    (claim,) = three_public_claims("三公经费支出3.49万元，较2019年减少0.5万元。")
    assert claim.direction == DOWN and claim.against == 2019


@pytest.mark.parametrize(
    "claim, before, now, holds",
    [
        (DOWN, "5.00", "4.50", True),
        (DOWN, "4.50", "5.40", False),
        (DOWN, "5.00", "5.00", False),
        (UP, "4.50", "5.40", True),
        (FLAT, "5.00", "5.10", True),  # within FLAT_TOLERANCE_PCT
        (FLAT, "5.00", "6.00", False),
        (NOT_UP, "5.00", "5.00", True),
        (NOT_UP, "5.00", "5.40", False),
    ],
)
def test_claim_holds(claim, before, now, holds):
    assert claim_holds(claim, D(before), D(now)) is holds


def test_false_decrease_claim_is_an_error_with_both_years(comparison):
    (finding,) = of(comparison, "Y601")
    assert finding.severity == "error"
    assert (finding.file, finding.related_file) == ("zj2021.docx", "zj2020.docx")
    assert "4.50" in finding.message and "5.40" in finding.message and "2020年" in finding.message
    assert "较上年有减少" in finding.evidence
    assert finding.actual.startswith("三公")  # the claim as written
    assert finding.expected.startswith("增加 0.90 万元")


def test_true_claims_are_not_flagged(comparison):
    assert {f.file for f in of(comparison, "Y601")} == {"zj2021.docx"}  # 财政局, 发改 fell as claimed


def test_claim_found_in_any_narrative_section():
    before = department("华容县司法局", 2020, code="309001", three_public="5.00")
    now = department("华容县司法局", 2021, code="309001", three_public="6.00")
    now.narrative = [NarrativeSection(heading="四、绩效情况", text="本年“三公”经费较上年基本持平。")]
    found = of(compare_reports([before, now], audit=False), "Y601")
    assert len(found) == 1 and "持平" in found[0].message


# ---------------------------------------------------------------- 三公经费变动率


@pytest.mark.parametrize(
    "before, now, whole, allowed",
    [
        ("5.00", "4.00", True, "5"),  # fell: full marks
        ("5.00", "5.00", True, "5"),  # 0 %: full marks
        ("5.00", "5.16", True, "3.5"),  # 3.2 % → 3 whole points → −1.5
        ("5.00", "5.16", False, "3.4"),  # 3.2 points → −1.6
        ("4.50", "5.40", True, "0"),  # 20 % → −10, floor 0
        ("0", "0", True, "5"),
    ],
)
def test_rate_score(before, now, whole, allowed):
    assert change_rate_score(D(before), D(now), D("5"), D("0.5"), whole).allowed == D(allowed)


def test_rate_from_zero_cannot_be_computed():
    assert change_rate_score(D("0"), D("1"), D("5"), D("0.5")) is None


def test_over_score_is_an_error_stating_formula_claim_and_inputs(comparison):
    (finding,) = of(comparison, "Y602")
    assert (finding.file, finding.related_file, finding.severity) == ("zj2021.docx", "zj2020.docx", "error")
    assert finding.expected == D("0") and finding.actual == D("5")
    for text in ("自评 5.00 分", "最多可得 0.00 分", "5.40", "4.50", "20.00%", "0.5"):
        assert text in finding.message, text
    assert finding.location  # the self-score cell of the rubric


def test_fair_rate_score_is_not_flagged():
    before = department("华容县司法局", 2020, code="309001", three_public="5.00")
    now = department("华容县司法局", 2021, code="309001", three_public="5.16", rate_points="3.5")
    assert of(compare_reports([before, now], audit=False), "Y602") == []


def test_rate_parameters_come_from_the_rubric_file(tmp_path):
    """A bureau's rubric deducting 0.1 per point allows 5 − 20 × 0.1 = 3 points."""
    import json

    from jixiao_audit.audit.rubrics import builtin_paths

    path = next(p for p in builtin_paths() if "department" in p.name)
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["items"]:
        if item.get("formula") == "change_vs_previous_year":
            item["params"]["deduct_per_point"] = "0.1"
    data["id"] = "bureau_custom"
    custom = tmp_path / "custom.json"
    custom.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    reports = [r for r in scenario() if r.file in ("zj2020.docx", "zj2021.docx")]
    (finding,) = of(compare_reports(reports, rubrics=[custom], audit=False), "Y602")
    assert finding.expected == D("3.00")


# ---------------------------------------------------------------- carryover, swings, matching


def test_carryover_mismatch_is_a_warning(comparison):
    (finding,) = of(comparison, "Y603")
    assert (finding.file, finding.related_file, finding.severity) == ("cz2021.docx", "cz2020.docx", "warning")
    assert finding.expected == D("30.00") and finding.actual == D("35.00")
    assert "上年结转" in finding.message and "累计结余" in finding.message


def test_matching_carryover_is_not_flagged(comparison):
    assert not of(comparison, "Y603", "zj2021.docx")


def test_large_swings_are_info_and_follow_the_threshold(comparison):
    swings = of(comparison, "Y604", "cz2021.docx")
    assert any("固定资产合计" in f.message and "+66.67%" in f.message for f in swings)
    assert all(f.severity == "info" and f.related_file == "cz2020.docx" for f in swings)
    strict = compare_reports(scenario(), threshold=D("70"), audit=False)
    assert not any("固定资产合计" in f.message for f in of(strict, "Y604"))
    loose = compare_reports(scenario(), threshold=D("10"), audit=False)
    assert any("三公经费合计" in f.message for f in of(loose, "Y604", "zj2021.docx"))  # +20 %


def test_ambiguities_are_warnings_naming_both_files(comparison):
    found = of(comparison, "Y605")
    assert len(found) == 3 and all(f.severity == "warning" for f in found)
    same_year = next(f for f in found if f.file == "jy2020.docx")
    assert same_year.related_file == "jy2020_benji.docx" and "2020年有 2 份报告" in same_year.message
    assert any("两个预算编码" in f.message for f in found)
    assert any("未填预算编码" in f.message and f.file == "mz2021.docx" for f in found)


def test_only_year_rules_in_the_comparison(comparison):
    assert {f.rule[0] for f in comparison.findings} == {"Y"}


# ---------------------------------------------------------------- through the registry (audit run)


def test_registry_run_over_several_years_finds_the_same_problems_once():
    outcome = run_audit(scenario())
    codes = [(f.rule, f.file) for f in outcome.findings]
    assert ("Y601", "zj2021.docx") in codes
    assert ("Y603", "cz2021.docx") in codes
    # the 变动率 over-score is reported once: by R307 when the engine re-scored it with last year, else by Y602
    rate = [
        f
        for f in outcome.findings
        if f.file == "zj2021.docx" and f.rule in ("R307", "Y602") and "变动率" in f.message
    ]
    assert len(rate) == 1


def test_registry_run_of_one_year_has_no_year_over_year_findings():
    outcome = run_audit([r for r in scenario() if r.year == 2021])
    assert not [f for f in outcome.findings if f.rule in ("Y601", "Y602", "Y603", "Y604")]
