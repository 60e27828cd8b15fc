"""Issue 14, reasons and codes: skipped entries listed with why, specific reasons for known
failure classes, formula triggers (fullwidth too) neutralised, links out of the folder noted."""

from __future__ import annotations

import csv
import decimal
import json
import os
import shutil
import zlib
from pathlib import Path

import openpyxl
import pytest
from jixiao_audit.audit.result import FileResult, run_result

from jixiao_audit.batch import EXIT_FINDINGS, EXIT_OK, SKIP_BROKEN_LINK, SKIP_LOCK, SKIP_SPECIAL, exit_code
from jixiao_audit.failures import failure_reason
from tests.hostile_files import run_cli

PROJECT = Path(__file__).resolve().parent.parent / "corpus" / "huarong_2020_project.docx"


def test_lock_files_broken_links_and_pipes_are_listed_with_why(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PROJECT, folder / "good.docx")
    (folder / "~$good.docx").write_bytes(b"\0" * 162)
    (folder / "gone.docx").symlink_to(tmp_path / "nowhere.docx")
    os.mkfifo(folder / "pipe.docx")
    done = run_cli("in", "-o", "out.xlsx", "--json", "out.json", cwd=tmp_path, timeout=60)
    assert b"Traceback" not in done.stderr
    entries = {
        r["file"]: r for r in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["reports"]
    }
    assert entries["in/good.docx"]["status"] == "ok"
    assert {name: (e["status"], e["error"]) for name, e in entries.items() if name != "in/good.docx"} == {
        "in/~$good.docx": ("skipped", SKIP_LOCK),
        "in/gone.docx": ("skipped", SKIP_BROKEN_LINK),
        "in/pipe.docx": ("skipped", SKIP_SPECIAL),
    }
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    listed = {row[0]: row[1] for row in book["读取失败"].iter_rows(min_row=2, values_only=True)}
    assert listed == {name: e["error"] for name, e in entries.items() if e["status"] == "skipped"}
    summary = {row[0]: row for row in book["报告汇总"].iter_rows(min_row=2, values_only=True)}
    assert "已跳过" in summary["in/~$good.docx"]


def test_skipped_entries_alone_do_not_make_the_run_fail():
    ok = FileResult(file="a.docx")
    assert (
        exit_code(run_result([ok, FileResult(file="~$a.docx", status="skipped", error=SKIP_LOCK)])) == EXIT_OK
    )
    assert exit_code(run_result([ok, FileResult(file="b.docx", status="error", error="坏")])) == EXIT_FINDINGS


@pytest.mark.parametrize(
    "exc, words",
    [
        (zlib.error("invalid block type"), "zlib"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "UTF-8"),
        (decimal.InvalidOperation([decimal.InvalidOperation]), "数值超出可处理范围"),
        (OverflowError("int too large"), "数值超出可处理范围"),
        (MemoryError(), "内存不足"),
    ],
)
def test_known_failure_classes_get_specific_reasons(exc, words):
    reason = failure_reason(exc)
    assert words in reason and "内部错误" not in reason


def test_formula_triggers_fullwidth_included_are_neutralised(tmp_path):
    names = ["＝1+1.docx", "=HYPERLINK(1).docx", "＋2.docx", "@SUM(1).docx"]
    for name in names:
        (tmp_path / name).write_bytes(b"not a zip")
    done = run_cli(*names, "-o", "out.xlsx", "--csv", "csv", cwd=tmp_path)
    assert done.returncode == EXIT_FINDINGS, done.stderr.decode()
    with open(tmp_path / "csv" / "报告汇总.csv", encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    assert sorted(c for c in cells if c.lstrip("'") in names) == sorted("'" + n for n in names)
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    shown = {c.value: c.data_type for row in book["读取失败"].iter_rows(min_row=2) for c in row[:1]}
    assert shown == {name: "s" for name in names}  # text, never a formula


def test_a_link_leading_outside_the_input_folder_is_noted(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(PROJECT, tmp_path / "elsewhere" / "real.docx")
    (tmp_path / "in" / "link.docx").symlink_to(tmp_path / "elsewhere" / "real.docx")
    done = run_cli("in", "-o", "out.xlsx", cwd=tmp_path)
    err = done.stderr.decode()
    assert "in/link.docx 经由链接指向输入目录之外" in err and "已读取 1/1" in err


def test_exit_codes_are_documented():
    done = run_cli("--help", cwd=Path("/"))
    assert all(code in done.stdout.decode() for code in ("130", "143"))
