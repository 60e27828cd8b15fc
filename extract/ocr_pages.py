"""The pages of one scanned file, OCR'd across worker processes.

OCR costs seconds of CPU per page, so a batch of a few large scans would leave cores idle if
each file's pages were read one after another. `map_pages` spreads a file's pages over a pool
of `page_workers()` processes:

- a process that reads files itself (the CLI with one file, `--workers 1`) uses every core it
  may run on;
- a batch worker uses what the batch runner grants it (`set_page_workers`): its share of the
  cores, so a batch with fewer files than cores still fills them, and 1 (no pool) when every
  core already has a file;
- a thread that is not the main one (a Dask worker runs tasks on threads) never forks.

A page worker dies with the process that started it: the kernel kills it when its parent exits
(Linux `PR_SET_PDEATHSIG`: a batch worker's SIGTERM handler ends with `os._exit`, and a worker
killed for its memory cap runs no handler at all), and an exception in the parent (the file's
time budget, Ctrl-C) kills the pool before it propagates. Page workers inherit the batch
worker's memory cap and never start pools of their own.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

MIN_POOL_PAGES = 2  # fewer pages than this are read here: starting a worker costs more than a page
POOL_STOP_SECONDS = 3.0  # how long a killed page worker gets to be reaped
PR_SET_PDEATHSIG = 1  # linux/prctl.h

_granted: int | None = None  # page workers this process may use; None: its available cores


def set_page_workers(n: int | None) -> None:
    """How many processes this process may read a file's pages with (None: every available
    core). The batch runner calls it in each worker with the worker's share of the cores."""
    global _granted
    _granted = None if n is None else max(1, int(n))


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def page_workers() -> int:
    """Processes to read this file's pages with, here and now (1: no pool)."""
    if threading.current_thread() is not threading.main_thread():
        return 1  # forking a process whose other threads may hold locks is unsafe
    return _granted if _granted is not None else available_cores()


def pool_share(cores: int, file_workers: int) -> int:
    """A batch worker's page workers: its share of the cores (at least 1, i.e. no pool)."""
    return max(1, cores // max(1, file_workers))


def map_pages(read: Callable[..., Any], tasks: Sequence[tuple]) -> list:
    """`read(*task)` for every task, in order; across a pool of page workers when there are
    enough pages and cores. `read` must be a module-level function (it is sent by name)."""
    n = min(page_workers(), len(tasks))
    if n < 2 or len(tasks) < MIN_POOL_PAGES:
        return [read(*task) for task in tasks]
    pool = ProcessPoolExecutor(
        max_workers=n, mp_context=_context(), initializer=_init_page_worker, initargs=(os.getpid(),)
    )
    try:
        results = list(pool.map(_call, [(read, task) for task in tasks]))
    except BaseException:
        kill_pool(pool)
        raise
    pool.shutdown()
    return results


def _context():
    """fork where there is one (a page worker inherits the loaded modules: no second import of
    numpy, OpenCV and onnxruntime per worker); spawn elsewhere."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _call(job: tuple) -> Any:
    read, task = job
    return read(*task)


def _init_page_worker(parent: int) -> None:
    """In a page worker: die with the parent, leave Ctrl-C to it, start no pool of its own."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not a batch worker's handler, inherited by fork
    set_page_workers(1)


def kill_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a page pool now: queued pages dropped, running ones killed (a page is not worth
    waiting for once the file is abandoned)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:  # SIGKILL is immediate: each is reaped right after
        process.kill()
        process.join(POOL_STOP_SECONDS)
