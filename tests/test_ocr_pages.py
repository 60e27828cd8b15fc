"""Pages of a scan in parallel: order kept, pool sized by what the process may use, workers that
die with their parent (a batch worker's SIGTERM ends in os._exit; a file's time budget raises)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from jixiao_audit.extract import ocr_pages
from jixiao_audit.extract.ocr_pages import map_pages, page_workers, pool_share, set_page_workers

ROOT = Path(__file__).resolve().parent.parent


def pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def note_pid_and_sleep(folder: str, seconds: float) -> None:
    Path(folder, str(os.getpid())).write_text("")
    time.sleep(seconds)


def is_gone(pid: int) -> bool:
    """Not running: no such process, or a zombie nobody has reaped yet."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status


def wait_for(predicate, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture
def granted():
    yield set_page_workers
    set_page_workers(None)


def test_pages_come_back_in_order_from_other_processes(granted):
    granted(2)
    out = map_pages(pid_and_square, [(x,) for x in range(6)])
    assert [sq for _, sq in out] == [x * x for x in range(6)]
    assert os.getpid() not in {pid for pid, _ in out}


def test_one_page_worker_reads_here(granted):
    granted(1)
    out = map_pages(pid_and_square, [(2,), (3,)])
    assert out == [(os.getpid(), 4), (os.getpid(), 9)]


def test_no_pool_off_the_main_thread(granted):
    """A Dask worker runs tasks on threads: no fork there."""
    granted(4)
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(page_workers()))
    thread.start()
    thread.join()
    assert seen == [1] and page_workers() == 4


def test_batch_share_of_the_cores():
    assert pool_share(2, 2) == 1  # a full batch: no nested pool
    assert pool_share(8, 3) == 2
    assert pool_share(2, 1) == 2
    assert pool_share(1, 4) == 1


def test_default_is_the_available_cores():
    set_page_workers(None)
    assert page_workers() == ocr_pages.available_cores() >= 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_page_workers_die_with_their_parent(tmp_path):
    """The parent is killed outright (as os._exit or the kernel's OOM kill would end it): its
    page workers go too instead of reading on as orphans."""
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from jixiao_audit.extract.ocr_pages import map_pages, set_page_workers\n"
        "from tests.test_ocr_pages import note_pid_and_sleep\n"
        "set_page_workers(2)\n"
        f"map_pages(note_pid_and_sleep, [({str(tmp_path)!r}, 60)] * 2)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    try:
        assert wait_for(lambda: len(list(tmp_path.iterdir())) == 2), "page workers did not start"
        workers = [int(p.name) for p in tmp_path.iterdir()]
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert wait_for(lambda: all(is_gone(pid) for pid in workers))
    finally:
        parent.kill()
        parent.wait(10)


def test_an_abandoned_file_kills_its_page_workers(tmp_path, granted):
    """The file's time budget (SIGALRM) fires while pages are read: the pool is killed before
    the exception leaves map_pages."""

    class Budget(BaseException):
        pass

    def expire(signum, frame):
        raise Budget

    granted(2)
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 1.5)
    try:
        with pytest.raises(Budget):
            map_pages(note_pid_and_sleep, [(str(tmp_path), 60)] * 3)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    workers = [int(p.name) for p in tmp_path.iterdir()]
    assert workers and all(is_gone(pid) for pid in workers)
