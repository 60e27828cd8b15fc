"""The labelled synthetic corpus: deterministic, consistent, covering, and the committed copy is current."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from corpus import gen_families
from corpus import generate as g
from corpus.gen_numbers import digit_typos, pct_text, plain, split, transpositions
from corpus.gen_scoring import arrival_allowed, change_allowed, staffing_allowed, utilisation_allowed

SMALL_ARGS = {"seed": 5, "departments": 3, "years": [2020, 2021]}
MAX_COMMITTED_BYTES = 5 * 1024 * 1024
SUMS = {
    "income": ("total", ("carryover", "general_budget", "government_fund", "special_account", "other")),
    "expenditure": ("total", ("basic", "project")),
    "three_public": ("total", ("reception", "vehicle_operation", "vehicle_purchase", "overseas")),
    "fixed_assets": ("total", ("in_use", "leased", "other")),
}


def D(value) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


@pytest.fixture(scope="module")
def committed_key() -> dict:
    return json.loads((g.GOLDEN_DIR / g.ANSWER_KEY).read_text(encoding="utf-8"))


# --- determinism and the committed corpus -----------------------------------------------------------------


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_same_seed_gives_identical_files(tmp_path):
    g.generate(tmp_path / "a", **SMALL_ARGS)
    g.generate(tmp_path / "b", **SMALL_ARGS)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_gives_another_corpus(tmp_path):
    a = g.generate(tmp_path / "a", **SMALL_ARGS)
    b = g.generate(tmp_path / "b", **{**SMALL_ARGS, "seed": 6})
    assert a["files"] != b["files"]


def test_committed_corpus_matches_the_generator(tmp_path, committed_key):
    """Regenerate with GOLDEN_ARGS: the answer key and the file list are what is committed."""
    args = g.parser().parse_args([str(tmp_path), *g.GOLDEN_ARGS])
    key = g.generate(tmp_path, args.seed, args.departments, args.years, args.inject_rate)
    assert key == committed_key, (
        "run: python -m corpus.generate corpus/generated <GOLDEN_ARGS> --write-golden"
    )
    committed = sorted(p.name for p in g.GOLDEN_DIR.glob("*.docx"))
    assert committed == sorted(f["file"] for f in key["files"])


def test_golden_switch_is_off():
    assert os.environ.get(g.GOLDEN_ENV) != "1", f"{g.GOLDEN_ENV}=1 must never be set when testing"
    assert not g.golden_allowed(write_golden=False)


def test_refuses_to_rewrite_the_committed_corpus_without_the_switch():
    before = {p.name: p.stat().st_mtime_ns for p in g.GOLDEN_DIR.iterdir()}
    assert g.main([str(g.GOLDEN_DIR), *g.GOLDEN_ARGS]) == 2
    assert {p.name: p.stat().st_mtime_ns for p in g.GOLDEN_DIR.iterdir()} == before


def test_committed_corpus_covers_every_layout_and_injection(committed_key):
    assert g.missing_coverage(committed_key) == []
    huarong = _huarong_files(committed_key)
    assert 24 <= len(huarong) <= 40
    # the other families: one clean file each and one file per injection kind, no more
    families = len(committed_key["files"]) - len(huarong)
    assert families == len(gen_families.FAMILIES) + len(gen_families.KINDS)
    size = sum(p.stat().st_size for p in g.GOLDEN_DIR.iterdir())
    assert size < MAX_COMMITTED_BYTES


# --- the answer key says what the files show ---------------------------------------------------------------


def _huarong_files(key: dict) -> list[dict]:
    """The 华容 template's files (the form-family files are checked in tests/test_form_families.py)."""
    return [f for f in key["files"] if f["layout"]["family"] == gen_families.HUARONG]


def _department_reports(key: dict, label: str):
    for f in _huarong_files(key):
        if f["label"] == label:
            yield from ((f["file"], r) for r in f["reports"] if r["kind"] == "department")


def _project_reports(key: dict, label: str):
    for f in _huarong_files(key):
        if f["label"] == label:
            yield from ((f["file"], r) for r in f["reports"] if r["kind"] == "project")


def test_clean_departments_add_up(committed_key):
    for name, r in _department_reports(committed_key, "clean"):
        for table, (total, parts) in SUMS.items():
            rows = r[table]
            for row in rows:
                assert D(row[total]) == sum(D(row[p]) for p in parts), (name, table, row["unit"])
            if len(rows) > 2:
                for field in [total, *parts]:
                    assert D(rows[0][field]) == sum(D(x[field]) for x in rows[1:]), (name, table, field)
        for row in r["expenditure"]:
            assert D(row["basic"]) == D(row["personnel"]) + D(row["public"]), name
        for inc, exp in zip(r["income"], r["expenditure"]):
            assert D(exp["balance_current"]) == D(inc["total"]) - D(inc["carryover"]) - D(exp["total"]), name
            assert D(exp["balance_cumulative"]) == D(inc["carryover"]) + D(exp["balance_current"]), name


def test_clean_projects_add_up(committed_key):
    for name, r in _project_reports(committed_key, "clean"):
        funds = r["funds"]
        for block in ("planned", "arrived", "spent", "balance"):
            sources = [funds[block][s] for s in ("central", "provincial", "municipal", "county", "other")]
            assert D(funds[block]["total"]) == sum(D(v) for v in sources), (name, block)
        assert D(funds["balance"]["total"]) == D(funds["arrived"]["total"]) - D(funds["spent"]["total"]), name
        assert (
            D(r["expenses_total"]) == sum(D(e["amount"]) for e in r["expenses"]) == D(funds["spent"]["total"])
        ), name
        assert 3 <= len(r["expenses"]) <= 40


def test_clean_scores_add_up_and_grades_match(committed_key):
    for name, r in [*_department_reports(committed_key, "clean"), *_project_reports(committed_key, "clean")]:
        total = sum(D(i["self_points"]) for i in r["score_items"])
        assert D(r["self_score"]) == D(r["score_total_self"]) == total, name
        assert D(r["score_total_max"]) == sum(D(i["max_points"]) for i in r["score_items"]) == 100, name
        assert all(D(i["self_points"]) <= D(i["max_points"]) for i in r["score_items"]), name
        grade = "优秀" if total >= 90 else "良好" if total >= 80 else "中" if total >= 60 else "差"
        assert r["grade"] == grade, name


def test_clean_reports_are_complete(committed_key):
    for name, r in [*_department_reports(committed_key, "clean"), *_project_reports(committed_key, "clean")]:
        assert r["report_date"] and all(s["date"] for s in r["signoffs"]), name
        if r["kind"] == "project":
            assert r["evaluation_type"] in ("项目实施过程评价", "项目完成结果评价"), name
            assert all(i["target"] for i in r["indicators"] if i["level1"] != "定性目标"), name


def test_clean_files_expect_no_finding_and_injected_ones_their_rule(committed_key):
    for f in committed_key["files"]:
        rules = {e["rule"] for e in f["expected_findings"]}
        if f["label"] == "clean":
            assert not rules, f["file"]
        else:
            assert rules & set(f["injection"]["rules"]), f["file"]


def test_carryover_is_last_years_cumulative_balance(committed_key):
    """Only a restated carryover (the yoy_carryover injection) breaks the chain; other injections leave the 汇总 row."""
    by_code_year = {
        (r["budget_code"], r["year"]): (f["file"], r)
        for f in _huarong_files(committed_key)
        if not (f["injection"] and f["injection"]["kind"] == "yoy_carryover")
        for r in f["reports"]
        if r["kind"] == "department"
    }
    pairs = 0
    for (code, year), (name, r) in by_code_year.items():
        if (code, year - 1) in by_code_year:
            last = by_code_year[(code, year - 1)][1]
            assert D(r["income"][0]["carryover"]) == D(last["expenditure"][0]["balance_cumulative"]), name
            pairs += 1
    assert pairs


# --- helpers --------------------------------------------------------------------------------------------


def test_typos():
    assert Decimal(5075) in transpositions(Decimal(5057))
    assert all(len(str(t)) == 4 for t in transpositions(Decimal(5057)))
    assert Decimal("1100.24") in transpositions(Decimal("1100.42"))
    assert Decimal(5657) in digit_typos(Decimal(5057))


def test_percentages_written_as_people_write_them():
    assert pct_text(Decimal("69.7021"), 2) == "69.7"
    assert pct_text(Decimal("4.2536"), 2) == "4.25"
    assert pct_text(Decimal(100), 1) == "100"
    assert plain(Decimal("29201.00")) == "29201"


def test_split_adds_up_exactly():
    import random

    parts = split(random.Random(1), Decimal("29201.37"), [3, 2, 1], 2)
    assert sum(parts) == Decimal("29201.37") and all(p >= 0 for p in parts)


def test_scoring_formulas():
    assert staffing_allowed(162, 143, Decimal(5)) == 0  # 113.29 %: 13 points over
    assert staffing_allowed(100, 110, Decimal(5)) == 5
    assert change_allowed(Decimal("3.60"), Decimal("3.49"), Decimal(5)) == Decimal("3.5")  # +3.15 %
    assert utilisation_allowed(Decimal("95.3"), Decimal(100), Decimal(3)) == Decimal("2.6")
    assert arrival_allowed(Decimal(5057), Decimal(13742), Decimal(3)).quantize(Decimal("0.01")) == Decimal(
        "1.10"
    )


def test_county_pool_keeps_small_corpora_and_grows_for_a_province():
    from corpus import gen_catalog as cat

    types = len(cat.DEPARTMENT_TYPES)
    real = len(cat.COUNTIES)
    assert g.county_pool(8) == (list(cat.COUNTIES), 2)  # the committed corpus's draw, unchanged
    assert g.county_pool(real * types) == (list(cat.COUNTIES), real)
    population, used = g.county_pool(real * types + 1)
    assert used * types >= real * types + 1 and population[:real] == list(cat.COUNTIES)
    assert len({c.name for c in population}) == len({c.code for c in population}) == len(population)
    assert g.county_pool(len(population) * types)[1] == len(population)  # 10,000+ reports over 8 years
    with pytest.raises(ValueError, match="distinct departments"):
        g.county_pool(len(population) * types + 1)


@pytest.mark.slow
def test_more_departments_than_real_counties_hold_are_all_distinct():
    """Beyond 8 counties × 15 types the generator used to repeat a department (same name, colliding
    budget codes) and fail its own labels ('…labelled clean but must give [Y603]')."""
    corpus = g.build(2024, 130, [2020, 2021])
    names = {d.name for d in corpus.departments}
    assert len(names) == len({d.budget_code for d in corpus.departments}) == 130


def test_equal_three_public_years_are_stated_flat():
    from corpus import gen_text

    assert gen_text.three_public_claim(Decimal("3.40"), Decimal("3.40")) == gen_text.FLAT
    assert gen_text.three_public_claim(Decimal("3.40"), Decimal("3.41")) == gen_text.FLAT  # rounding
    assert gen_text.three_public_claim(Decimal("3.40"), Decimal("3.50")) == gen_text.DECREASED
    assert gen_text.three_public_claim(Decimal("3.50"), Decimal("3.40")) == gen_text.INCREASED


def test_three_public_rate_is_placed_when_each_nudge_is_a_whole_point():
    """上年 3.00 万元: a 0.03 nudge moves the rate by exactly one point, always on a border."""
    import random

    from corpus import gen_reports, gen_synth

    zero = Decimal(0)
    unit = gen_synth.UnitYear(*[zero] * 9, Decimal("3.12"), zero, zero, zero, zero, zero, zero)
    assert gen_reports._fix_three_public(random.Random(1), [unit], Decimal("3.00")) == Decimal("3.00")
    assert gen_synth.three_public_ok(Decimal("3.00"), unit.reception)
