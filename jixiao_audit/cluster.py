"""Reading files on a Dask distributed cluster (the optional extra `cluster`: ``pip install "jixiao-audit[cluster]"``).

Reading a file is a pure function (file → `FileResult`), so any number of machines can share a
batch: `dask_executor` yields a `concurrent.futures.Executor` whose tasks run `batch.read_one` on
the cluster's workers, and the batch audits the results exactly as after a local run. The run's
choices (the per-file time budget, --no-ocr) travel as the task's arguments, never through this
process's environment, which a remote worker does not see; the budget holds on the worker's
task thread too (`batch.thread_budget`). Every
worker must see the files under the same paths (a shared or network file system) and have the
same version of this package installed. Workers run one task at a time: the PDF reader's pdfium
is not thread-safe, and reading is CPU-bound anyway. Dask is imported only here, only when asked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from jixiao_audit.batch import InputError

EXECUTORS = ("local", "dask")
INSTALL_HINT = (
    '--executor dask 需要安装 Dask：pip install "dask[distributed]"（或 pip install "jixiao-audit[cluster]"）'
)
THREADS_PER_WORKER = 1  # one document per worker process at a time (pdfium is not thread-safe)
CONNECT_TIMEOUT_S = 15  # a scheduler that does not answer by then is reported, not waited for


def _distributed():
    try:
        import distributed
    except ImportError:
        raise InputError(INSTALL_HINT) from None
    return distributed


@contextmanager
def dask_executor(scheduler: str | None = None, workers: int | None = None) -> Iterator[Executor]:
    """An executor on the Dask cluster at `scheduler` (``tcp://host:8786``), or on a local cluster of
    `workers` processes (default: one per core) started here and stopped on leaving."""
    distributed = _distributed()
    cluster = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        else:
            cluster = distributed.LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=THREADS_PER_WORKER,
                processes=True,
                dashboard_address=None,
            )
            client = distributed.Client(cluster)
    except OSError as exc:  # no scheduler at that address, or it refused us
        if cluster is not None:
            cluster.close()
        raise InputError(f"无法连接 Dask 调度器 {scheduler}：{exc}") from None
    try:
        # pure=False: the same path read twice (a file changed in between) is read again
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def reading_executor(name: str, scheduler: str | None, workers: int | None) -> Iterator[Executor | None]:
    """The executor `--executor NAME` asks for: None for the local process pool, else Dask's."""
    if name == "local":
        if scheduler:
            raise InputError("--scheduler 只能与 --executor dask 一起使用")
        yield None
        return
    with dask_executor(scheduler, workers) as executor:
        yield executor
