"""Issue 14, the batch: one file (a figure, a name, a slow or greedy file) fails alone."""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from jixiao_audit.audit.result import FileResult

from jixiao_audit import batch
from jixiao_audit.batch import (
    WORKER_MEMORY_CAP_BYTES,
    _result_of,
    _submitted,
    init_worker,
    read_files,
    read_one,
    time_budget,
)
from jixiao_audit.pipeline import display_name
from tests.hostile_files import run_cli, with_cell_after_label

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DEPARTMENT = CORPUS / "huarong_2020_department.docx"
PROJECT = CORPUS / "huarong_2020_project.docx"
THIRTY_DIGITS = "1" * 30


def test_a_thirty_digit_figure_fails_only_its_own_report(tmp_path):
    huge = with_cell_after_label(tmp_path / "huge.docx", DEPARTMENT, "实有人数", THIRTY_DIGITS)
    good = shutil.copy(PROJECT, tmp_path / "good.docx")
    done = run_cli(
        str(huge), str(good), "-o", "out.xlsx", "--json", "out.json", "--workers", "1", cwd=tmp_path
    )
    assert b"Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr.decode()
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [(r["file"], r["status"]) for r in doc["reports"]] == [(str(huge), "ok"), (str(good), "ok")]
    internal = [f for f in doc["findings"] if f["rule"].startswith("E")]
    assert internal and {f["file"] for f in internal} == {str(huge)}
    assert all("数值超出可处理范围" in f["message"] for f in internal)
    assert any(f["file"] == str(good) and not f["rule"].startswith("E") for f in doc["findings"])


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_replacement_characters(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    gbk_name = os.fsdecode("报告".encode("gbk") + b".docx")
    shutil.copy(PROJECT, folder / gbk_name)
    shutil.copy(DEPARTMENT, folder / "部门.docx")
    done = run_cli("in", "-o", "out.xlsx", "--json", "out.json", "--csv", "csv", cwd=tmp_path)
    assert b"Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr.decode()
    files = {r["file"] for r in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["reports"]}
    assert files == {"in/\ufffd\ufffd\ufffd\ufffd.docx", "in/部门.docx"}
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_names_with_newlines_keep_messages_on_one_line(tmp_path):
    bad = tmp_path / "坏\n文件\r.docx"
    bad.write_bytes(b"not a zip")
    shutil.copy(PROJECT, tmp_path / "good.docx")
    done = run_cli(bad.name, "good.docx", "-o", "out.xlsx", "--json", "out.json", cwd=tmp_path)
    assert done.returncode == 1
    failures = [ln for ln in done.stderr.decode().splitlines() if ln.startswith("读取失败")]
    assert failures == [
        f"读取失败：坏\\n文件\\r.docx：{json.loads((tmp_path / 'out.json').read_text())['reports'][0]['error']}"
    ]


def test_display_name_escapes_controls_and_replaces_undecodable_bytes():
    assert display_name(b"a\nb\xff.docx") == "a\\nb\ufffd.docx"
    assert display_name("x\x00\ty") == "x\\x00\\ty"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_over_its_time_budget_is_abandoned_and_the_batch_goes_on(workers):
    slow = CORPUS / "pdf" / "huarong_2020_combined.pdf"  # about a second to read here
    results = read_files([slow, PROJECT], workers=workers, progress=False, budget=0.05)
    assert results[0].status == "error" and "超时" in results[0].error
    assert results[1].file == str(PROJECT)


def test_workers_cap_their_address_space():
    with ProcessPoolExecutor(max_workers=1, initializer=init_worker) as pool:
        soft, _ = pool.submit(resource.getrlimit, resource.RLIMIT_AS).result()
    assert soft == WORKER_MEMORY_CAP_BYTES


def test_a_greedy_worker_fails_alone():
    with ProcessPoolExecutor(max_workers=1, initializer=init_worker) as pool:
        with pytest.raises(MemoryError):
            pool.submit(bytearray, 2 * WORKER_MEMORY_CAP_BYTES).result()
        assert pool.submit(len, "still alive").result() == 11


def test_a_file_queued_after_a_worker_died_is_read_alone():
    """Files are queued a few per worker ahead: one queued once the pool broke is still read."""
    pool = ProcessPoolExecutor(max_workers=1, initializer=init_worker)
    with pytest.raises(BrokenProcessPool):
        pool.submit(os._exit, 1).result()
    future = _submitted(pool, read_one, str(DEPARTMENT), None, True)
    result = _result_of(future, str(DEPARTMENT), None, True)
    pool.shutdown()
    assert result.status == "ok" and result.reports


def stuck_in_c(budget: float, grace: float) -> bool:
    """In a worker: a loop that runs for ages inside C (sum over a range), where no signal handler runs."""
    with time_budget(budget, grace):
        sum(range(10**12))
    return True


def test_a_worker_stuck_in_c_code_past_its_budget_is_ended():
    start = time.monotonic()
    with (
        ProcessPoolExecutor(max_workers=1, initializer=init_worker) as pool,
        pytest.raises(BrokenProcessPool),
    ):
        pool.submit(stuck_in_c, 0.2, 0.5).result(timeout=60)
    assert time.monotonic() - start < 30


def test_the_budget_holds_off_the_main_thread():
    """A Dask worker runs its task on a thread, where SIGALRM cannot reach: the same read_one is
    then interrupted by an asynchronous exception, and one that came too late never escapes."""
    slow = CORPUS / "pdf" / "huarong_2020_combined.pdf"
    with ThreadPoolExecutor(max_workers=1) as pool:
        late = pool.submit(read_files, [slow, PROJECT], 1, False, 0.05).result(timeout=60)
        assert late[0].status == "error" and "超时" in late[0].error
        assert late[1].file == str(PROJECT)

        def finishes_in_time() -> bool:
            with time_budget(0.05):
                pass
            time.sleep(0.2)  # past the budget: the timer was withdrawn, nothing is raised here
            return True

        assert pool.submit(finishes_in_time).result(timeout=10)


def damaged_pdf_reader(path: str, ocr: bool = True) -> FileResult:
    """A reader that calls C through ctypes and, like the PDF readers, turns any error into a
    damaged-file reason: a timeout raised while ctypes converts an argument reaches it as
    `ArgumentError("argument 1: FileTimeout")`."""

    class SlowToConvert:
        @classmethod
        def from_param(cls, value):
            time.sleep(5)  # the budget runs out here, inside ctypes' argument conversion
            return ctypes.c_int(value)

    c_abs = ctypes.CDLL(None).abs
    c_abs.argtypes, c_abs.restype = [SlowToConvert], ctypes.c_int
    try:
        c_abs(-3)
    except Exception as exc:  # noqa: BLE001 — what a reader does with a C layer's error
        return FileResult(file=path, status="error", error=f"PDF 文件已损坏，无法解析页面（{exc}）")
    return FileResult(file=path, status="ok")


def test_a_timeout_a_reader_caught_as_another_error_is_still_a_timeout(monkeypatch):
    monkeypatch.setattr(batch, "load_file", damaged_pdf_reader)
    result = read_one("slow.pdf", budget=0.05)
    assert result.status == "error" and "超时" in result.error, result.error


@pytest.mark.slow
def test_a_scan_is_read_by_ocr_within_the_worker_memory_cap():
    """OCR (onnxruntime, OpenCV) reserves about 1 GB of address space for one page: a worker's cap
    leaves room for it, or every scan of a parallel run fails with std::bad_alloc."""
    pytest.importorskip("rapidocr")
    page = CORPUS / "scans" / "generated" / "f00-2021_national_scan.jpg"
    with ProcessPoolExecutor(max_workers=1, initializer=init_worker) as pool:
        result = pool.submit(read_one, str(page)).result(timeout=300)
    assert result.status == "ok" and result.reports, result.error


def _make_scratch_and_wait(started: str) -> None:
    """In a worker with no clean-up handler: a conversion folder, then wait to be killed."""
    import tempfile

    from jixiao_audit.extract.legacy import scratch_prefix

    tempfile.mkdtemp(prefix=scratch_prefix(os.getpid()))
    Path(started).touch()
    time.sleep(60)


def test_stopping_the_pool_removes_a_killed_workers_conversion_folders(tmp_path, monkeypatch):
    """A worker killed before its own clean-up ran (a loaded machine, a hard kill) leaves its
    LibreOffice folder in TMPDIR; the parent removes it, knowing the worker's pid."""
    import tempfile

    from jixiao_audit.batch import stop_pool

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    started = tmp_path / "started"
    pool = ProcessPoolExecutor(max_workers=1)
    pool.submit(_make_scratch_and_wait, str(started))
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(p.name.startswith("jixiao-legacy-") for p in tmp_path.iterdir())
    stop_pool(pool)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["started"]
