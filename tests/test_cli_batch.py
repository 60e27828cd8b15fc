"""End to end: the real `audit` process over good and bad files (no mocks)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parent.parent


def run_audit_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`audit ARGS` in a fresh process, as a reviewer would run it."""
    return subprocess.run(
        [sys.executable, "-m", "jixiao_audit.cli", *args],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or REPO,
        timeout=600,
    )


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr


def failures(book) -> dict[str, str]:
    return {row[0]: row[1] for row in book["读取失败"].iter_rows(min_row=2, values_only=True)}


def test_bad_files_only(bad_files, tmp_path):
    out, js = tmp_path / "r.xlsx", tmp_path / "r.json"
    proc = run_audit_cli(str(tmp_path / "bad"), "-o", str(out), "--json", str(js))
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    book = openpyxl.load_workbook(out)
    reasons = failures(book)
    assert set(reasons) == {str(p) for p in bad_files.values()}
    for file, reason in reasons.items():
        assert reason and "\n" not in reason, file
        assert "内部错误" not in reason, (file, reason)  # a reader bug, not a clean reason
        assert f"读取失败：{file}：" in proc.stderr
    doc = json.loads(js.read_text(encoding="utf-8"))
    expected_status = dict.fromkeys(reasons, "error") | {str(bad_files["not_report"]): "unrecognised"}
    assert {r["file"]: r["status"] for r in doc["reports"]} == expected_status
    assert all(r["kind"] is None and r["error"] for r in doc["reports"])
    assert not [line for line in proc.stderr.splitlines() if "读取文件" in line]  # no progress bar off a TTY


def test_good_and_bad_files_together(corpus_docx, bad_files, tmp_path):
    out, js, csv_dir = tmp_path / "r.xlsx", tmp_path / "r.json", tmp_path / "csv"
    inputs = [str(p) for p in corpus_docx] + [str(p) for p in bad_files.values()]
    proc = run_audit_cli(*inputs, "-o", str(out), "--json", str(js), "--csv", str(csv_dir))
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(js.read_text(encoding="utf-8"))
    status = {}
    for entry in doc["reports"]:
        status.setdefault(entry["file"], set()).add(entry["status"])
    for path in corpus_docx:
        assert status[str(path)] == {"ok"}, path
    for name, path in bad_files.items():
        assert status[str(path)] == {"unrecognised" if name == "not_report" else "error"}, path
    assert [e["file"] for e in doc["reports"]] == sorted(
        (e["file"] for e in doc["reports"]), key=lambda f: inputs.index(f)
    )
    book = openpyxl.load_workbook(out)
    assert set(failures(book)) == {str(p) for p in bad_files.values()}
    summary = list(book["报告汇总"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in summary if row[1] == "已读取"} == {str(p) for p in corpus_docx}
    assert (csv_dir / "问题清单.csv").is_file() and (csv_dir / "报告汇总.csv").is_file()


def test_json_is_byte_identical_across_worker_counts(corpus_docx, bad_files, tmp_path):
    inputs = [str(p) for p in corpus_docx] + [str(bad_files["truncated"]), str(bad_files["not_report"])]
    texts = []
    for workers in ("1", "2"):
        js = tmp_path / f"w{workers}.json"
        proc = run_audit_cli(
            *inputs, "--workers", workers, "-o", str(tmp_path / f"w{workers}.xlsx"), "--json", str(js)
        )
        assert_no_traceback(proc)
        assert proc.returncode in (0, 1), proc.stderr
        texts.append(js.read_bytes())
    assert texts[0] == texts[1]
    assert json.loads(texts[0])["reports"]


def test_corpus_audit_writes_a_full_workbook(corpus_docx, tmp_path):
    out = tmp_path / "audit-report.xlsx"
    proc = run_audit_cli(*map(str, corpus_docx), "-o", str(out))
    assert_no_traceback(proc)
    assert proc.returncode in (0, 1), proc.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题清单", "报告汇总", "评分复核", "提取数据", "版本比对", "读取失败"]
    assert book["提取数据"].max_row > 1
    assert book["评分复核"].max_row > 1
    reviewed = [row[6] for row in book["报告汇总"].iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, (int, float)) for v in reviewed), "no 复核得分 at all"
    with zipfile.ZipFile(out) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_json_to_stdout(corpus_docx, tmp_path):
    proc = run_audit_cli(str(corpus_docx[0]), "-o", str(tmp_path / "r.xlsx"), "--json", "-")
    assert_no_traceback(proc)
    doc = json.loads(proc.stdout)
    assert doc["reports"][0]["status"] == "ok"
    assert proc.returncode == (1 if any(f["severity"] == "error" for f in doc["findings"]) else 0)


def test_extract_to_stdout_and_file(corpus_docx, bad_files, tmp_path):
    proc = run_audit_cli("extract", str(corpus_docx[0]))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    reports = json.loads(proc.stdout)["reports"]
    assert (
        reports
        and reports[0]["file"] == str(corpus_docx[0])
        and reports[0]["kind"] in ("department", "project")
    )

    out = tmp_path / "x.json"
    proc = run_audit_cli("extract", str(corpus_docx[0]), str(bad_files["text"]), "--json", str(out))
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["reports"] == reports
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines == [line for line in lines if str(bad_files["text"]) in line] and len(lines) == 1


def test_inputs_are_never_modified(corpus_docx, bad_files, tmp_path):
    inputs = list(corpus_docx) + list(bad_files.values())
    before = {p: p.read_bytes() for p in inputs}
    proc = run_audit_cli(*map(str, inputs), "-o", str(tmp_path / "r.xlsx"))
    assert_no_traceback(proc)
    assert {p: p.read_bytes() for p in inputs} == before
