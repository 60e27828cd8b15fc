"""`audit compare` on the committed generated corpus (several departments over 2019–2021).

The answer key says which copies carry a planted false "较上年有减少" claim or an over-scored
变动率; the comparison must flag every one, match every department across its years, and
list the departments seen in one year only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao_audit.cli import cli

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "generated"
RATE_RULES = {"Y602", "R307"}  # the 变动率 over-score: R307 when the engine re-scores it with last year


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare")
    result = CliRunner().invoke(
        cli,
        ["compare", str(CORPUS), "-o", str(out / "c.xlsx"), "--json", str(out / "c.json"), "--workers", "1"],
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads((out / "c.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def key():
    return json.loads((CORPUS / "answer_key.json").read_text(encoding="utf-8"))["files"]


def department_years(key) -> dict[tuple[str, str], set[int]]:
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for entry in key:
        for report in entry["reports"]:
            if report["kind"] == "department":
                years[(report["county"], report["department"])].add(report["year"])
    return years


def test_every_department_is_matched_across_its_years(comparison, key):
    expected = {tuple(sorted(y)) for y in department_years(key).values()}
    got = {tuple(sorted(d["years"])) for d in comparison["departments"]}
    assert len(comparison["departments"]) == len(department_years(key))
    assert got == expected


def test_departments_of_a_single_year_are_listed(comparison, key):
    single = [d for d, years in department_years(key).items() if len(years) == 1]
    assert single, "the corpus should hold a department seen in one year only"
    assert sum(1 for d in comparison["departments"] if len(d["years"]) == 1) == len(single)


@pytest.mark.parametrize("kind, rules", [("yoy_false_claim", {"Y601"}), ("yoy_rate_overscore", RATE_RULES)])
def test_every_planted_year_over_year_mistake_is_flagged(comparison, key, kind, rules):
    planted = [e["file"] for e in key if (e.get("injection") or {}).get("kind") == kind]
    assert planted, f"the corpus should plant {kind}"
    flagged = {Path(f["file"]).name for f in comparison["findings"] if f["rule"] in rules}
    assert set(planted) <= flagged
