"""Narrative figure extraction (`audit.narrative`, `normalize.concepts`): wording variants."""

from __future__ import annotations

from decimal import Decimal

import pytest
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.narrative import extract_figures, mentions, project_key
from jixiao_audit.normalize.model import NarrativeSection, Report

from tests.report_factory import clean_department, clean_pair, clean_project, restate


def figures(text: str, kind: str = "department"):
    report = Report(file="t.docx", kind=kind, narrative=[NarrativeSection(heading="", text=text)])
    return extract_figures(restate(report))


def money(text: str, kind: str = "department"):
    return [(f.key, f.value, f.at_least) for f in figures(text, kind) if f.kind == "money"]


@pytest.mark.parametrize(
    "text, key, value, at_least",
    [
        ("2020年度财政拨款收入29201万元", "income.appropriation", Decimal(29201), False),  # one source
        ("一般公共预算财政拨款收入20353.71万元", "income.general_budget", Decimal("20353.71"), False),
        ("政府性基金本年收入8847.29万元", "income.government_fund", Decimal("8847.29"), False),
        ("公共财政拨款收入2.04亿元", "income.general_budget", Decimal(20400), False),
        ("本年收入合计29,201万元", "income.total", Decimal(29201), False),
        ("其中:人员经费1242.09万元", "expenditure.personnel", Decimal("1242.09"), False),
        ("公用经费支出525.34万元", "expenditure.public", Decimal("525.34"), False),
        ("“三公”经费支出3.49万元", "three_public.total", Decimal("3.49"), False),
        ("当年结余0万元", "expenditure.balance_current", Decimal(0), False),
        ("年度计划投资13742万元", "project.planned", Decimal(13742), False),
        ("现已到位资金5075万元", "project.arrived", Decimal(5075), False),
        ("资金使用：用于城老旧小区改造资金1560.87万元", "project.spent", Decimal("1560.87"), False),
        ("完成投资13742余万元", "project.completed", Decimal(13742), True),
        ("项目总投资为13742余万元", "project.planned", Decimal(13742), True),
        ("支出合计15608694元", "expenditure.total", Decimal("1560.8694"), False),
    ],
)
def test_money_concepts(text, key, value, at_least):
    assert money(text) == [(key, value, at_least)]


def test_unrelated_amounts_have_no_concept():
    found = money("中央补助资金1649万元，剩余8685万元资金由县财政、管线单位及居民共同出资", kind="project")
    assert [k for k, _, _ in found] == [None, None]


def test_not_money():
    assert money("完成开发面积60.38万平米，从业人员1.4万人，灌注沥青2万多米") == []


def test_amount_in_yi_keeps_its_precision():
    f = next(f for f in figures("公共财政拨款收入2.04亿元") if f.kind == "money")
    assert f.interval().lo <= Decimal("20353.71") <= f.interval().hi


def test_share_with_named_and_implicit_base():
    found = figures("基本支出1767.43万元，占6.05%；人员支出1242.09万元，占本年支出合计的4.25%")
    shares = [f for f in found if f.kind == "share"]
    assert [(s.value, s.of.value, s.base.label if s.base else None) for s in shares] == [
        (Decimal("6.05"), Decimal("1767.43"), None),
        (Decimal("4.25"), Decimal("1242.09"), "支出合计"),
    ]


def test_named_rate_only_in_project_reports():
    assert [f.key for f in figures("项目资金到位率为100%", "project") if f.kind == "rate"] == ["arrival_rate"]
    assert [f for f in figures("项目资金到位率为100%", "department") if f.kind == "rate"] == []
    assert [f for f in figures("竣工工程一次性验收合格率100%", "project") if f.kind == "rate"] == []


def test_quantities():
    found = figures(
        "改造老旧小区20个，总建筑面积34.87万平方米，受益居民3458户；涉及3458户，建筑面积348700平方米"
    )
    q = [(f.key, f.value) for f in found if f.kind == "quantity"]
    assert ("communities", Decimal(20)) in q
    assert q.count(("households", Decimal(3458))) == 2
    assert ("building_area", Decimal("34.87")) in q and ("building_area", Decimal("34.8700")) in q


def test_project_key():
    assert project_key("2020年老旧小区改造项目") == "老旧小区改造"
    assert mentions("资金使用：用于城老旧小区改造资金1560.87万元", "老旧小区改造")
    assert not mentions("农村危房改造", "老旧小区改造")
    assert project_key("改造") is None


def test_wording_variant_of_share_is_recomputed():
    d = clean_department()
    for s in d.narrative:
        s.text = s.text.replace("占本年收入合计的74%", "占收入总额的比例为75%")
    restate(d)
    found = [f for f in run_audit([d, clean_project()]).findings if f.rule == "N202"]
    assert len(found) == 1 and "75" in found[0].message and "74.00%" in found[0].message


def test_percent_truncated_is_accepted():
    d = clean_department()
    for s in d.narrative:
        s.text = s.text.replace("占本年支出合计的26.32%", "占本年支出合计的26.3%")
    restate(d)
    assert [f for f in run_audit([d, clean_project()]).findings if f.rule == "N202"] == []


def test_narrative_unit_confusion_named():
    d = clean_department()
    for s in d.narrative:
        s.text = s.text.replace("政府性基金收入200万元", "政府性基金收入2000000万元")
    restate(d)
    found = [f for f in run_audit([d, clean_project()]).findings if f.rule == "N201"]
    assert len(found) == 1 and "元/万元单位混淆" in found[0].message


def test_clean_narratives_extract_and_agree():
    reports = clean_pair()
    assert any(f.kind == "share" for f in extract_figures(reports[0]))
    assert any(f.kind == "rate" for f in extract_figures(reports[1]))
    assert [f for f in run_audit(reports).findings if f.rule.startswith("N")] == []
