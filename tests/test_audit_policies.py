"""The documented policies of the arithmetic rules: blanks, carryover, single units, likely causes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao_audit.audit.engine import run_audit

from tests.report_factory import SEED_FILE, D, clean_department, clean_project, restate, seed_reports, yuan

REPO = Path(__file__).resolve().parent.parent


def codes(reports) -> list[str]:
    return sorted(f.rule for f in run_audit(reports).findings if not f.rule.startswith("Y"))


def test_blank_parts_of_a_matching_total_are_fine():
    p = clean_project()
    p.funds.planned.central = None  # 500 = (blank) + 200 + …: short of the total → A109 warning
    assert "A109" in codes([p])
    p = clean_project()
    p.funds.planned = p.funds.planned.model_copy(
        update={"total": D("300"), "county": None}
    )  # 300 = 300 + blank
    assert not [c for c in codes([p]) if c in {"A109", "A111"}]


def test_blank_parts_already_over_the_total_are_an_error():
    p = clean_project()
    p.funds.planned.central = D("400")
    p.funds.planned.municipal = None  # 400 + 200 > 500 whatever the blank holds
    found = [f for f in run_audit([p]).findings if f.rule == "A111"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].difference == Decimal(-100)


def test_balance_accepted_with_or_without_carryover():
    d = clean_department()  # 1000 − 950 = 50 (收入合计 includes 上年结转 60)
    assert "A107" not in codes([d])
    for row, balance in zip(d.expenditure, ("-10.00", "-10.00", "0.00")):
        row.balance_current = D(balance)  # 1000 − 60 − 950 = −10; 600 − 40 − 570 = −10; 400 − 20 − 380 = 0
    assert "A107" not in codes([d])


def test_single_unit_table_has_no_column_check():
    d = clean_department()
    for table in ("income", "expenditure", "three_public", "fixed_assets"):
        rows = getattr(d, table)
        setattr(d, table, rows[:2])  # 汇总 + one unit that does not equal it
    assert "A106" not in codes([d])


def test_blank_balance_is_not_zero():
    d = clean_department()
    for row in d.expenditure:
        row.balance_current = row.balance_cumulative = None
    assert not [c for c in codes([d]) if c in {"A107", "X402"}]


def test_unit_confusion_named_in_message():
    p = clean_project()
    for e, amount in zip(p.expenses, ("150", "120", "80")):
        e.amount = yuan(amount)
    p.expenses_total = yuan("350")
    found = [f for f in run_audit([p]).findings if f.rule == "A114"]
    assert len(found) == 1
    assert "元/万元单位混淆" in found[0].message
    assert found[0].expected == Decimal(350) and found[0].actual == Decimal("0.0350")


def test_transposed_total_named_in_message():
    d = clean_department()
    d.income[0].general_budget = D("470.00")  # 740 typed as 470 in the 汇总 row
    d.income[0].total = D("730.00")
    found = [f for f in run_audit([d]).findings if f.rule == "A106" and "公共" in f.message]
    assert found and "两位数字颠倒" in found[0].message


def test_messages_name_both_numbers_and_units():
    d = clean_department()
    d.income[1].total = D("601.00")
    f = next(f for f in run_audit([d]).findings if f.rule == "A101")
    assert "收入合计" in f.message and "601.00 万元" in f.message and "600.00 万元" in f.message
    assert f.location == "表1 第12行第2列" and f.evidence  # the cell's text as the source recorded it


def test_copies_in_one_batch_are_checked_once():
    """Two combined files of the same department are one report sent twice (issue 13): the
    cross-document rules check the first copy, within its own file, and the second is named as a
    duplicate (V702) rather than checked again."""
    first = seed_reports()
    second = seed_reports()
    for r in second:
        r.file = "copy.docx"
    findings = run_audit(first + second).findings
    x401 = [f for f in findings if f.rule == "X401"]
    assert sorted((f.file, f.related_file) for f in x401) == [(SEED_FILE,) * 2]
    duplicates = [f for f in findings if f.rule == "V702"]
    assert sorted((f.file, f.kind) for f in duplicates) == [
        ("copy.docx", "department"),
        ("copy.docx", "project"),
    ]
    assert all(f.related_file == SEED_FILE for f in duplicates)


def test_separate_project_file_links_to_the_department():
    d = clean_department()
    p = clean_project("elsewhere.docx")
    for s in d.narrative:
        s.text = s.text.replace("现已到位资金400万元", "现已到位资金410万元")
    restate(d)
    x401 = [f for f in run_audit([d, p]).findings if f.rule == "X401"]
    assert len(x401) == 1 and x401[0].related_file == "elsewhere.docx"
