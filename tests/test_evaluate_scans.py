"""The scanned copies of the labelled corpus as an evaluation family (corpus/eval_scans.py).

The committed scans (corpus/scans/generated, `python -m corpus.build_scans --generated`) are
scored against their Word originals' answer keys; `audit eval corpus/generated --scans
corpus/scans/generated` runs them all. OCR costs seconds a page, so the test that reads scans
takes a few short ones.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest

from corpus import eval_scans as es
from corpus import evaluate as ev
from corpus.build_scans import GENERATED_PLAN, GENERATED_SCANS, scan_name
from corpus.generate import GOLDEN_DIR

COMMITTED_MAX_BYTES = 6 * 1024 * 1024  # the committed scans stay a few MB


@pytest.fixture(scope="module")
def key_entries() -> list[dict]:
    return ev.load_key(GOLDEN_DIR)["files"]


def test_manifest_names_every_scan_and_an_original_in_the_answer_key(key_entries):
    manifest = es.load_manifest(GENERATED_SCANS)
    assert [s.original for s in manifest] == [original for original, _ in GENERATED_PLAN]
    by_name = {e["file"]: e for e in key_entries}
    for scan in manifest:
        assert (GENERATED_SCANS / scan.scan).is_file() and scan.original in by_name
    assert sum(p.stat().st_size for p in GENERATED_SCANS.iterdir()) < COMMITTED_MAX_BYTES


def test_scans_cover_every_form_family_with_planted_mistakes(key_entries):
    by_name = {e["file"]: e for e in key_entries}
    scanned = [by_name[s.original] for s in es.load_manifest(GENERATED_SCANS)]
    families = {e["layout"]["family"] for e in scanned}
    assert families == {e["layout"]["family"] for e in key_entries}
    assert {e["layout"].get("packaging") for e in scanned if e["layout"]["family"] == "huarong"} >= {
        "department",
        "project",
    }
    assert sum(e["label"] == "injected" for e in scanned) >= len(families)
    assert any(e["label"] == "clean" for e in scanned)
    outputs = {style.output for _, style in GENERATED_PLAN}
    assert outputs == {"pdf", "jpg", "tif"}  # page images too, a multi-page .tif among them
    assert {style.seal for _, style in GENERATED_PLAN} == {True, False}


def test_scan_inputs_replace_their_originals_in_answer_key_order(key_entries, tmp_path):
    manifest = es.load_manifest(GENERATED_SCANS)
    paths = es.scan_inputs(GOLDEN_DIR, GENERATED_SCANS, key_entries, manifest)
    assert len(paths) == len(key_entries)
    replaced = {
        e["file"]: p.name for e, p in zip(key_entries, paths, strict=True) if p.parent == GENERATED_SCANS
    }
    assert replaced == {s.original: s.scan for s in manifest}
    stray = [*manifest, es.ScanEntry("x_scan.pdf", "not-in-the-key.docx", 1)]
    with pytest.raises(FileNotFoundError, match="not-in-the-key.docx"):
        es.scan_inputs(GOLDEN_DIR, GENERATED_SCANS, key_entries, stray)


def test_findings_on_a_scan_are_named_as_on_the_original():
    from jixiao_audit.audit.finding import Finding

    finding = Finding(file="/x/a_scan.pdf", rule="X401", severity="error", message="m", related_file="b.docx")
    renamed = es.as_original(finding, {"a_scan.pdf": "a.docx"})
    assert (renamed.file, renamed.related_file) == ("a.docx", "b.docx")
    assert es.as_original(finding, {}) is finding


def test_leaves_a_scan_cannot_show_are_read_others_are_wrong():
    assert es.classify_leaf(None, "t", "（参考样表）", "(参考样表)") == "read"
    assert es.classify_leaf(None, "x", Decimal("1.5"), Decimal("1.50")) == "read"
    long_text = "完成绩效目标100%得5分，未完成100%的同比例扣减，扣完为止，以此类推计算得分。"
    assert es.classify_leaf(None, "t", long_text, long_text.replace("减", "減")) == "text"
    assert es.classify_leaf(None, "t", long_text, long_text.replace("100%", "10%")) == "wrong"  # a figure
    assert es.classify_leaf(None, "x", 5057, 5075) == "wrong"
    assert es.classify_leaf(None, "g", "优秀", "良好") == "wrong"


def test_a_low_confidence_source_makes_a_mismatch_flagged():
    from jixiao_audit.normalize.model import Report, Source

    report = Report(kind="project", file="s.pdf")
    report.sources["funds.arrived.total"] = Source(file="s.pdf", raw="5075", confidence=0.6)
    assert es.classify_leaf(report, "funds.arrived.total", 5057, 5075) == "flagged"
    report.sources["funds.arrived.total"] = Source(file="s.pdf", raw="5075", confidence=0.99)
    assert es.classify_leaf(report, "funds.arrived.total", 5057, 5075) == "wrong"


def test_eval_without_a_manifest_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from jixiao_audit.cli import cli

    out = CliRunner().invoke(cli, ["eval", str(GOLDEN_DIR), "--scans", str(tmp_path)])
    assert out.exit_code == 2 and "build_scans --generated" in out.output


# Short scans that read like their Word files: a stamped PDF with a planted mistake, a .jpg page.
SMALL_SUBSET = ("f04-2021_national.docx", "f00-2021_national.docx")


@pytest.mark.slow
def test_scan_family_reaches_the_originals_results(tmp_path):
    """A few committed scans, evaluated as `audit eval --scans` does: every figure exact (or
    flagged), the planted mistakes found, no false error, and printed as the family scan."""
    pytest.importorskip("rapidocr")
    styles = dict(GENERATED_PLAN)
    scans = tmp_path / "scans"
    scans.mkdir()
    entries = []
    for original in SMALL_SUBSET:
        name = scan_name(original, styles[original])
        shutil.copy(GENERATED_SCANS / name, scans / name)
        entries.append({"scan": name, "original": original, "pages": 1})
    (scans / es.SCAN_MANIFEST).write_text(json.dumps({"scans": entries}), encoding="utf-8")

    result = ev.evaluate(GOLDEN_DIR, workers=2, scans=scans)
    s = result.scans
    report = "\n".join(ev.report_lines(result, max_list=20))
    assert s.files == len(SMALL_SUBSET) and s.unreadable == [], report
    assert s.scan_fields.silently_wrong == [], report
    assert s.total.expected >= 1 and s.recall == 1.0, report
    assert s.false_positives == [] and s.clean_errors == [], report
    assert s.total.reliability == 1.0
    assert f"  {es.SCAN_FAMILY}" in report and "扫描件" in report
    assert result.accuracy == 1.0 and result.recall == 1.0  # the Word run is untouched
    assert ev.summary_json(result)["scans"]["files"] == len(SMALL_SUBSET)


def test_judge_tells_unread_flagged_and_silent_mismatches_apart():
    from jixiao_audit.normalize.model import Report, Source

    fields = es.ScanFields()
    judge = es.judge_scan_leaves(fields)
    misses = [ev.FieldMiss("a.docx", 0, "funds.arrived.total", 5057, 5075)]
    assert judge([], 0, misses) == (misses, 1) and fields.unread == misses  # the file is in 读取失败
    report = Report(kind="project", file="s.pdf")
    report.sources["funds.arrived.total"] = Source(file="s.pdf", raw="5075", confidence=0.5)
    assert judge([report], 0, misses) == (misses, 1) and fields.flagged == misses
    assert judge([report], 1, misses) == (misses, 0) and fields.silently_wrong == misses  # a lost report
    text = [ev.FieldMiss("a.docx", 0, "title", "（参考样表）", "(参考样表)")]
    assert judge([report], 0, text) == ([], 0)


@pytest.mark.slow
@pytest.mark.soffice
def test_a_committed_scan_is_what_the_build_makes(tmp_path):
    """Seeded: rebuilding a scan (LibreOffice print, seal, tilt, noise, JPEG) gives the committed bytes."""
    from jixiao_audit.extract.legacy import find_soffice

    from corpus.build_scans import build_one

    if find_soffice() is None:
        pytest.skip("LibreOffice not installed")
    entry = build_one(0, tmp_path)
    assert (tmp_path / entry["scan"]).read_bytes() == (GENERATED_SCANS / entry["scan"]).read_bytes()
    committed = json.loads((GENERATED_SCANS / es.SCAN_MANIFEST).read_text(encoding="utf-8"))
    assert committed["scans"][0] == json.loads(json.dumps(entry))
