"""Issue 14, the whole: a few hundred mutants of the committed corpus (fixed seed), and a batch
mixing good files with every hand-made hostile file, each run once through the real CLI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.fuzzing import MEMORY_LIMIT_MB, problems, run_audit_on, write_mutants
from tests.hostile_files import (
    corrupt_deflate_docx,
    grid_span_bomb,
    pdf_inflate_bomb,
    pdf_segment_bomb,
    utf16_dtd_docx,
    with_cell_after_label,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MUTANTS, SEED = 250, 14
CI_PDF_SHARE = 0.012  # about three PDF mutants: a damaged PDF takes seconds, a Word file milliseconds
RUN_SECONDS = 120  # the run takes ~20 s on an idle 2-core machine; this is shared


@pytest.mark.slow
def test_corpus_mutants_never_break_the_batch(tmp_path):
    inputs = write_mutants(tmp_path / "in", MUTANTS, SEED, pdf_share=CI_PDF_SHARE)
    run = run_audit_on(tmp_path / "in", tmp_path / "out", timeout=RUN_SECONDS * 2)
    assert problems(run, inputs, tmp_path / "in") == []
    assert run.seconds < RUN_SECONDS


@pytest.mark.slow
def test_good_files_among_every_hostile_file_are_all_audited(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = [
        shutil.copy(CORPUS / n, folder / n)
        for n in ("huarong_2020_department.docx", "huarong_2020_project.docx")
    ]
    hostile = [
        grid_span_bomb(folder / "gridspan.docx"),
        utf16_dtd_docx(folder / "utf16.docx"),
        corrupt_deflate_docx(folder / "zlib.docx", CORPUS / "huarong_2020_project.docx"),
        with_cell_after_label(
            folder / "30位.docx", CORPUS / "huarong_2020_department.docx", "实有人数", "1" * 30
        ),
        pdf_segment_bomb(folder / "segments.pdf"),
        pdf_inflate_bomb(folder / "inflate.pdf", 64 * 1024 * 1024),
    ]
    named = folder / os.fsdecode("报告".encode("gbk") + b"\n.docx")
    named.write_bytes(b"PK\x03\x04")
    (folder / "~$lock.docx").write_bytes(b"\0" * 162)
    run = run_audit_on(folder, tmp_path / "out", timeout=RUN_SECONDS)
    assert problems(run, [*good, *hostile, named, folder / "~$lock.docx"], folder) == []
    status = {r["file"]: r for r in run.reports}
    assert all(status[str(p)]["status"] == "ok" for p in good)
    refused = [r for r in run.reports if r["status"] != "ok"]
    assert len(refused) >= 6 and all(r["error"] and "\n" not in r["error"] for r in refused)
    assert run.peak_rss_mb < MEMORY_LIMIT_MB
