"""Extraction and audit against the committed labelled corpus (corpus/generated/answer_key.json).

The targets are 100 % field accuracy, 100 % recall and no error finding on clean copies. Should an
extractor or rule change break one, fix the extractor or the rule, never the answer key.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from corpus import evaluate as ev
from corpus import gen_families, gen_inject
from corpus.generate import GOLDEN_DIR


@pytest.fixture(scope="module")
def result() -> ev.EvalResult:
    return ev.evaluate(GOLDEN_DIR)


def _misses(r: ev.EvalResult) -> str:
    return "\n".join(ev.report_lines(r, max_list=20))


def test_field_accuracy_is_complete(result):
    assert result.accuracy == 1.0, _misses(result)


def test_every_file_is_read(result):
    assert result.unreadable == []
    assert result.total.leaves > 10000


def test_recall_is_complete(result):
    assert result.recall == 1.0, _misses(result)


def test_no_error_finding_on_clean_copies(result):
    assert result.clean_errors == [], _misses(result)


def test_no_unexpected_error_finding(result):
    assert result.false_positives == [], _misses(result)


def test_every_family_and_kind_is_scored(result):
    assert set(result.by_family) >= {"arithmetic", "narrative", "rubric", "cross", "completeness", "year"}
    assert set(result.by_kind) == {*gen_inject.KINDS, *gen_families.KINDS, "clean"}
    assert result.by_kind["clean"].files == 14 + len(gen_families.FAMILIES)  # one clean file per new family
    assert any(k.startswith("tables=separate") for k in result.by_layout)
    families = {k for k in result.by_layout if k.startswith("family=")}
    assert families == {f"family={f}" for f in (gen_families.HUARONG, *gen_families.FAMILIES)}
    for family in families:
        tally = result.by_layout[family]
        assert tally.accuracy == 1.0 and tally.recall == 1.0 and tally.false_positive == 0, family


def test_cli_eval_prints_the_tables():
    from jixiao_audit.cli import cli

    out = CliRunner().invoke(cli, ["eval", str(GOLDEN_DIR), "--max-list", "0", "--min-recall", "1"])
    assert out.exit_code == 0, out.output
    assert "by rule family" in out.output and "by layout" in out.output and "recall 100.00%" in out.output


def test_cli_eval_without_answer_key_is_a_usage_error(tmp_path):
    from jixiao_audit.cli import cli

    out = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert out.exit_code == 2 and "answer_key.json" in out.output


# --- scoring pieces ---------------------------------------------------------------------------------------


def test_exit_code_follows_thresholds():
    r = ev.EvalResult("x", total=ev.Tally(leaves=10, wrong=1, expected=4, found=4))
    assert ev.exit_code(r, 0.0, 1.0, 0.0) == 0
    assert ev.exit_code(r, 0.95, 0.0, 0.0) == 1
    assert ev.exit_code(ev.EvalResult("x", total=ev.Tally(expected=2, found=1)), 0.0, 0.9, 0.0) == 1


def test_compare_report_counts_every_leaf():
    want = {"a": 1, "b": [{"c": 2}, {"c": 3}]}
    n, misses = ev.compare_report("f", 0, want, {"a": 1, "b": [{"c": 2}]})
    assert n == 4 and [m.path for m in misses] == ["b.__len__", "b[1].c"]
    n, misses = ev.compare_report("f", 0, want, None)
    assert len(misses) == n


def test_findings_match_on_file_rule_or_alternative():
    e = ev.Expected("d.docx", "R307", ("Y602",), "error", "prev.docx", "p", "3", "5", "yoy_rate_overscore")
    assert ev.matches(e, SimpleNamespace(rule="Y602", file="/x/d.docx", related_file=None))
    assert ev.matches(e, SimpleNamespace(rule="R307", file="/x/prev.docx", related_file=None))
    assert not ev.matches(e, SimpleNamespace(rule="R306", file="/x/d.docx", related_file=None))
    assert ev.same_numbers(e, SimpleNamespace(expected=Decimal("3.00"), actual=Decimal(5))) is True
    assert ev.same_numbers(e, SimpleNamespace(expected=Decimal("2.5"), actual=Decimal(5))) is False
