"""The Dask executor: a local cluster of worker processes, started here, gives the local run's JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli_batch import REPO, assert_no_traceback, run_audit_cli

GENERATED = REPO / "corpus" / "generated"


@pytest.fixture(scope="module")
def scheduler():
    """The address of a local cluster of two single-threaded worker processes."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def audit_json(tmp_path: Path, name: str, *options: str) -> bytes:
    out = tmp_path / f"{name}.json"
    proc = run_audit_cli(str(GENERATED), "-o", str(tmp_path / f"{name}.xlsx"), "--json", str(out), *options)
    assert_no_traceback(proc)
    assert proc.returncode in (0, 1), proc.stderr
    return out.read_bytes()


@pytest.mark.slow
def test_cluster_gives_the_local_json(scheduler, tmp_path):
    local = audit_json(tmp_path, "local", "--workers", "2")
    assert audit_json(tmp_path, "dask", "--executor", "dask", "--scheduler", scheduler) == local
    assert b'"findings"' in local


def test_scheduler_without_dask_executor_is_a_usage_error(tmp_path):
    proc = run_audit_cli(str(GENERATED), "-o", str(tmp_path / "a.xlsx"), "--scheduler", "tcp://127.0.0.1:1")
    assert proc.returncode == 2 and "--executor dask" in proc.stderr
    assert_no_traceback(proc)


@pytest.mark.slow
def test_unreachable_scheduler_is_one_line(tmp_path):
    pytest.importorskip("distributed")
    proc = run_audit_cli(str(GENERATED), "-o", str(tmp_path / "a.xlsx"), "--executor", "dask",
                         "--scheduler", "tcp://127.0.0.1:9")  # fmt: skip
    assert proc.returncode == 2 and "无法连接 Dask 调度器" in proc.stderr
    assert_no_traceback(proc)
    assert not (tmp_path / "a.xlsx").exists()


@pytest.mark.slow
def test_no_ocr_reaches_the_dask_workers(scheduler, tmp_path):
    """--no-ocr is an argument of each task: workers started elsewhere (here, by this test process,
    not by the CLI) refuse the scan instead of reading it."""
    cv2 = pytest.importorskip("cv2")
    from jixiao_audit.extract import NO_OCR_REASON
    from openpyxl import load_workbook

    from tests.test_ocr_image import draw_table

    scan = tmp_path / "扫描页.png"
    cv2.imwrite(str(scan), draw_table())
    out = tmp_path / "out.xlsx"
    proc = run_audit_cli(
        str(scan), "-o", str(out), "--executor", "dask", "--scheduler", scheduler, "--no-ocr"
    )
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    rows = list(load_workbook(out)["读取失败"].iter_rows(values_only=True))
    assert rows[1] == (str(scan), NO_OCR_REASON)


@pytest.mark.slow
def test_a_dask_worker_keeps_the_per_file_time_budget(scheduler):
    """A Dask task runs on a worker thread, where SIGALRM cannot reach: the budget still abandons
    a slow file (batch.thread_budget) and the batch goes on."""
    from jixiao_audit.batch import read_files
    from jixiao_audit.cluster import dask_executor

    slow = REPO / "corpus" / "pdf" / "huarong_2020_combined.pdf"  # about a second to read
    quick = REPO / "corpus" / "huarong_2020_project.docx"
    with dask_executor(scheduler) as executor:
        results = read_files([slow, quick], progress=False, budget=0.05, executor=executor)
    assert results[0].status == "error" and "超时" in results[0].error
    assert results[1].file == str(quick)
