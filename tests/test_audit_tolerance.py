"""Rounding intervals, the 0.01 rule, and the likely-cause phrases."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.tolerance import (
    agree,
    fmt,
    half_unit,
    interval,
    is_single_digit,
    is_transposition,
    is_unit_confusion,
    likely_cause,
    ratio_interval,
    same_amount,
    stated_interval,
    sum_interval,
)

from tests.report_factory import clean_department, clean_pair, clean_project, yuan


def test_half_unit_follows_shown_digits():
    assert half_unit(D("20353.71")) == D("0.005")
    assert half_unit(D(29201)) == D("0.5")
    assert yuan("203537100.00") == D("20353.7100") and str(yuan("203537100.00")) == "20353.7100"
    assert half_unit(yuan("203537100.00")) == D("0.00005")  # ±0.5 元


def test_zero_is_exact():
    assert interval(D(0)) == interval(D("0.00"))
    assert interval(D(0)).lo == interval(D(0)).hi == 0


def test_seed_income_row_agrees():
    assert agree(interval(D(29201)), sum_interval([D(0), D("20353.71"), D("8847.29"), D(0), D(0)]))


def test_one_cent_never_disagrees():
    assert same_amount(D("100.01"), D("100.00"))
    assert agree(interval(D("1560.86")), interval(D("1560.8694")))
    assert agree(interval(D("29201.01")), sum_interval([D("20353.71"), D("8847.29")]))


def test_real_differences_disagree():
    assert not same_amount(D(93), D(94))
    assert not same_amount(D(5075), D(5057))
    assert not agree(interval(D(29202)), sum_interval([D("20353.71"), D("8847.29")]))


def test_expense_lines_match_spent_in_wan():
    assert agree(interval(yuan("15608694")), interval(D("1560.87")))


def test_percent_interval():
    stated = stated_interval(D("69.7"))
    assert stated.lo <= D("69.70") <= stated.hi
    computed = ratio_interval(interval(D("20353.71")), interval(D(29201)))
    assert agree(stated, computed)


def test_likely_causes():
    assert is_transposition(D(5075), D(5057))
    assert is_transposition(D("5075.00"), D(5057))
    assert not is_transposition(D(5075), D(5750))
    assert is_single_digit(D(5075), D(5675))
    assert is_unit_confusion(D(15608694), D("1560.87"))
    assert "两位数字颠倒" in likely_cause(D(5075), D(5057))
    assert "单位混淆" in likely_cause(D("0.035"), D(350))
    assert likely_cause(D(100), D(250)) is None


def test_fmt():
    assert fmt(D(29201)) == "29201.00"
    assert fmt(D("20353.7100")) == "20353.71"
    assert fmt(D("1560.8694")) == "1560.8694"


def test_rounding_difference_of_one_cent_gives_no_error():
    d, p = clean_department(), clean_project()
    d.income[0].total = D("1000.01")  # 汇总 row, every identity now off by 0.01
    d.expenditure[0].total = D("950.01")
    d.expenditure[0].basic = D("350.01")
    p.funds.planned.total = D("500.01")
    p.funds.spent.total = D("350.01")
    p.expenses_total = yuan("3500000.01")  # the expense lines are printed in 元: one cent there
    errors = [f for f in run_audit([d, p]).findings if f.severity == "error"]
    assert errors == [], [f.message for f in errors]


def test_a_hundred_yuan_slip_in_figures_printed_to_the_yuan_is_an_error():
    """0.01 万元 is rounding only for figures printed to 0.01 万元; the expense lines show every 元."""
    p = clean_project()
    p.expenses[0].amount -= yuan("100")
    assert "A113" in {f.rule for f in run_audit([p]).findings}


def test_clean_pair_gives_no_error():
    assert [f for f in run_audit(clean_pair()).findings if f.severity == "error"] == []
