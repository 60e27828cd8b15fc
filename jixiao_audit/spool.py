"""Flat memory for `audit run`: the workers read and audit, the parent keeps small stubs.

A run in two passes over the same workers:

1. Each worker reads a file (`read_spooled`) and sends back its `FileResult` with each `Report`
   replaced by a `ReportStub` (what the outputs need: identity, 提取数据 cells, the form's own score
   items), plus the reports themselves as one pickled blob, which the parent appends to a spool
   file in a temporary folder without ever unpickling it.
2. The files are partitioned into independent clusters (`clustering.clusters`): two files land in
   one cluster whenever any rule could compare a report of one with a report of the other (the same
   department by 预算编码 or by name, within its county; versions of one report; the copies the
   year-over-year matching folds together; a report naming no county where a rule relates it to a
   county's, given the whole batch). Each cluster's blobs go to a worker (`audit_blobs`),
   which runs the whole audit (`audit.engine.run_audit`: per-report rules, cross-document,
   year-over-year and version rules, the re-scoring with last year's report) over that cluster
   alone and sends back findings, score reviews and totals (into the run's SQLite store), and
   version groups.

Since no rule ever relates reports of two clusters, the merged outcome is the one a single audit
over every report gives (findings sorted the same way, reviews and totals in input order, version
groups numbered V1, V2 … in batch order), so the outputs are byte-identical; but the parent never
holds a `Report`, and a worker holds one cluster (a department's years and projects) at a time.
"""

from __future__ import annotations

import pickle
import sys
import tempfile
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Self

from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.export import finding_entry
from jixiao_audit.audit.result import (
    FileResult,
    RunResult,
    StoredFiles,
    StoredLabels,
    StoredVersions,
    run_result,
)
from jixiao_audit.audit.sheets import difference_labels, report_stub
from jixiao_audit.audit.store import RunStore
from jixiao_audit.audit.versions import FactsOnDisk, VersionGroup, member_key
from jixiao_audit.batch import (
    FILE_BUDGET_SECONDS,
    MAX_WORKERS,
    AuditFailed,
    _cancel,
    _progress,
    _read_on,
    _tick,
    default_workers,
    init_worker,
    one_line,
    read_one,
    stop_pool,
)
from jixiao_audit.clustering import clusters
from jixiao_audit.normalize.model import Report

AUDITS_AHEAD_PER_WORKER = 2  # clusters handed out ahead of the one the parent waits for
# … unless their blobs pass this (a department's many copies make one large cluster; the parent
# holds each queued cluster's blobs until it is done)
AUDIT_BLOB_BYTES_AHEAD = 8 * 1024 * 1024
BLOB_COMPRESSION = 1  # zlib level: the spool is written once and read once, speed over size
PIECE_ITEMS = 256  # findings, reviews or totals per piece of a cluster's outcome (see ClusterOutcome)
SPOOL_PREFIX = "jixiao-spool-"
NO_BLOB = -1  # a spool size: no blob for that key


# ---------------------------------------------------------------- pass 1: read, stub, spool


def stubbed(result: FileResult) -> tuple[FileResult, bytes | None]:
    """`result` with its reports as stubs, and the reports themselves pickled (None: it has none)."""
    if not result.reports:
        return result, None
    blob = zlib.compress(pickle.dumps(result.reports, pickle.HIGHEST_PROTOCOL), BLOB_COMPRESSION)
    stubs = [report_stub(report) for report in result.reports]
    fields = {name: getattr(result, name) for name in FileResult.model_fields if name != "reports"}
    return FileResult.model_construct(**fields, reports=stubs), blob


def read_spooled(
    name: str, budget: float | None = FILE_BUDGET_SECONDS, ocr: bool = True
) -> tuple[FileResult, bytes | None]:
    """In a worker: `batch.read_one`, sent back as stubs plus a blob (see `stubbed`)."""
    return stubbed(read_one(name, budget, ocr))


def reports_of(blob: bytes) -> list[Report]:
    return pickle.loads(zlib.decompress(blob))


class Spool:
    """Blobs appended to one file in a temporary folder, read back by their key (a file's index).

    Where each blob is is kept in two arrays indexed by key (16 bytes a file, not a dict entry of
    tuples: ≈ 160 bytes), since the parent holds them for the whole run."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix=SPOOL_PREFIX)
        self._file = open(Path(self._dir.name) / "reports.bin", "w+b")  # noqa: SIM115 — closed in close()
        self._offsets = array("q")
        self._sizes = array("q")  # NO_BLOB: that key has none

    def put(self, key: int, blob: bytes) -> None:
        if key >= len(self._sizes):
            grow = key + 1 - len(self._sizes)
            self._offsets.extend([0] * grow)
            self._sizes.extend([NO_BLOB] * grow)
        self._file.seek(0, 2)
        self._offsets[key], self._sizes[key] = self._file.tell(), len(blob)
        self._file.write(blob)

    def _at(self, key: int) -> tuple[int, int] | None:
        if not 0 <= key < len(self._sizes) or self._sizes[key] == NO_BLOB:
            return None
        return self._offsets[key], self._sizes[key]

    def get(self, key: int) -> bytes | None:
        if (at := self._at(key)) is None:
            return None
        offset, size = at
        self._file.flush()
        self._file.seek(offset)
        return self._file.read(size)

    def where(self, key: int) -> SpooledBlob | None:
        """Where the blob of `key` is (None: it has none), for a process on this machine to read it."""
        if (at := self._at(key)) is None:
            return None
        self._file.flush()
        return (self._file.name, *at)

    def close(self) -> None:
        self._file.close()
        self._dir.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


SpooledBlob = tuple[str, int, int]  # spool file, offset, size


def blob_bytes(blob: bytes | SpooledBlob) -> bytes:
    """A blob, read from the spool file when given by where it is."""
    if isinstance(blob, bytes):
        return blob
    path, offset, size = blob
    with open(path, "rb") as spool:
        spool.seek(offset)
        return spool.read(size)


# ---------------------------------------------------------------- independent clusters of files


# ---------------------------------------------------------------- pass 2: audit each cluster


@dataclass
class ClusterOutcome:
    """One cluster's audit, in pieces the parent unpacks one at a time (`unpacked`): its findings,
    score reviews and totals, each as compressed pickles of at most PIECE_ITEMS; its version groups
    with, per group, its first report's position in the cluster and the 字段 of each difference
    (named from the reports the parent does not keep)."""

    findings: list[bytes] = field(default_factory=list)
    reviews: list[bytes] = field(default_factory=list)
    scores: list[bytes] = field(default_factory=list)
    versions: list[VersionGroup] = field(default_factory=list)
    group_positions: list[int] = field(default_factory=list)
    group_labels: list[list[str]] = field(default_factory=list)


def packed(items: Sequence) -> list[bytes]:
    """`items` as compressed pickles of at most PIECE_ITEMS each."""
    return [
        zlib.compress(pickle.dumps(items[at : at + PIECE_ITEMS], pickle.HIGHEST_PROTOCOL), BLOB_COMPRESSION)
        for at in range(0, len(items), PIECE_ITEMS)
    ]


def unpacked(pieces: Iterable[bytes]) -> Iterator:
    """The items of `packed` pieces, one piece in memory at a time."""
    for piece in pieces:
        yield from pickle.loads(zlib.decompress(piece))


def audit_blobs(blobs: Sequence[bytes | SpooledBlob], rubrics: list[Path] | None = None) -> ClusterOutcome:
    """In a worker: the audit of one cluster's reports (each blob one file's, in input order; a local
    worker is told where in the spool they are and reads them itself)."""
    reports = [report for blob in blobs for report in reports_of(blob_bytes(blob))]
    outcome = run_audit(reports, rubrics, facts=FactsOnDisk())
    position = {member_key(r.file, r.kind, r.project_name): i for i, r in enumerate(reports)}
    by_key = dict(zip(position, reports))
    done = ClusterOutcome(
        packed(outcome.findings), packed(outcome.reviews), packed(outcome.scores), list(outcome.versions)
    )
    for group in outcome.versions:
        keys = [member_key(m.file, m.kind, m.project) for m in group.members]
        done.group_positions.append(min(position[k] for k in keys))
        done.group_labels.append(
            difference_labels(group, {m.file: by_key.get(k) for m, k in zip(group.members, keys)})
        )
    return done


def merge(
    counts: Sequence[int], parts: Iterable[tuple[list[int], ClusterOutcome]], store: RunStore
) -> RunResult:
    """The clusters' outcomes as one run, in the order a single audit of every report gives: findings
    and reviews into `store` as each cluster arrives, a piece at a time (no finding relates files of
    two clusters, so equal sort keys keep their cluster's order), totals by report key, version
    groups numbered by their first report once all are in. `counts`: how many reports each file of
    the run holds."""
    firsts = [0]
    for n in counts:
        firsts.append(firsts[-1] + n)
    for indices, part in parts:
        order = {store.file(i).file: i for i in indices}
        store.add_findings(unpacked(part.findings), finding_entry)
        store.add_reviews((order.get(r.file, store.file_count), r) for r in unpacked(part.reviews))
        store.add_scores(unpacked(part.scores))
        starts = [firsts[i] + j for i in indices for j in range(counts[i])]
        for group, at, labels in zip(part.versions, part.group_positions, part.group_labels):
            store.add_group(starts[at], group, labels)
    return stored_run(store)


def stored_run(store: RunStore) -> RunResult:
    """A run whose files, findings, reviews, totals and versions are all in `store`."""
    run = run_result([])
    run._store = store
    run.files = StoredFiles(store)  # type: ignore[assignment]
    run.versions = StoredVersions(store, store.number_groups())  # type: ignore[assignment]
    run.version_labels = StoredLabels(store)  # type: ignore[assignment]
    return run


# ---------------------------------------------------------------- the run


def _in_order(
    submit: Callable[..., Future],
    tasks: Iterable[tuple],
    ahead: int,
    size: Callable[[tuple], int] = lambda task: 0,
    budget: int = 0,
) -> Iterator:
    """Each task's result in order, with at most `ahead` tasks handed out at once and, beyond the
    first, at most `budget` of their `size` (the parent holds a queued task's arguments)."""
    pending: deque[tuple[Future, int]] = deque()
    held = 0
    for task in tasks:
        pending.append((submit(*task), size(task)))
        held += pending[-1][1]
        while pending and (len(pending) >= ahead or (len(pending) > 1 and held > budget)):
            future, taken = pending.popleft()
            held -= taken
            yield future.result()
    while pending:
        yield pending.popleft()[0].result()


class _InProcess(Executor):
    """An executor that runs each task at once, here (one worker)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 — handed to whoever asks for the result
            future.set_exception(exc)
        return future


class _Retrying:
    """A cluster's future whose result, should its worker break or run out of memory, is computed
    again in this process (the audit of one cluster is a pure function of its blobs)."""

    def __init__(self, pool: Executor, blobs: list[bytes | SpooledBlob], rubrics: list[Path] | None):
        self.future, self.blobs, self.rubrics = pool.submit(audit_blobs, blobs, rubrics), blobs, rubrics

    def result(self) -> ClusterOutcome:
        try:
            return self.future.result()
        except (BrokenProcessPool, MemoryError):
            return audit_blobs(self.blobs, self.rubrics)


def _blob_bytes(task: tuple) -> int:
    """What a queued cluster costs the parent: its blobs (a local worker's are only where they are)."""
    return sum(len(blob) for blob in task[0] if isinstance(blob, bytes))


def audit_clusters(
    pool: Executor,
    counts: Sequence[int],
    spool: Spool,
    store: RunStore,
    rubrics: list[Path] | None,
    ahead: int,
) -> RunResult:
    """Pass 2: every cluster of the files in `store` audited on `pool`, merged into the run's result."""
    parts = clusters(StoredFiles(store))
    # a worker on this machine reads its cluster's blobs from the spool: the parent holds none of
    # them while the cluster is audited (a large cluster's are tens of MB); another executor's
    # workers (a Dask cluster) may be elsewhere and are sent the blobs
    local = isinstance(pool, (ProcessPoolExecutor, _InProcess))
    get = spool.where if local else spool.get

    def tasks() -> Iterator[tuple]:
        for indices in parts:
            yield ([blob for i in indices if (blob := get(i)) is not None],)

    try:
        submit = partial(_Retrying, pool, rubrics=rubrics)
        outcomes = _in_order(submit, tasks(), ahead, _blob_bytes, AUDIT_BLOB_BYTES_AHEAD)
        return merge(counts, zip(parts, outcomes), store)
    except Exception as exc:
        raise AuditFailed(f"审计规则运行失败（{one_line(exc)}）") from exc


def spooled_files(
    pool: Executor,
    names: list[str],
    spool: Spool,
    store: RunStore,
    progress: bool | None,
    stop: Callable[[Executor], None],
    ocr: bool = True,
) -> list[int]:
    """Pass 1: every file read on `pool`; each result, its reports as stubs, into `store` (their 提取数据
    cells and score items in rows of their own), the reports into the spool. How many reports each
    file holds: all the parent keeps."""
    show = sys.stderr.isatty() if progress is None else progress
    counts: list[int] = []
    with _progress(len(names), show) as bar:
        if isinstance(pool, _InProcess):
            results: Iterable = (_tick(bar, read_spooled(name, FILE_BUDGET_SECONDS, ocr)) for name in names)
        else:
            results = _read_on(pool, names, bar, FILE_BUDGET_SECONDS, ocr, stop, task=read_spooled)
        for item in results:
            result, blob = item if isinstance(item, tuple) else stubbed(item)  # a fallback read here
            index = len(counts)
            if blob is not None:
                spool.put(index, blob)
            for position, stub in enumerate(result.reports):
                store.add_report_rows(index, position, stub.figures, stub.score_rows)
                result.reports[position] = replace(stub, figures=None, score_rows=None)
            store.add_file(result)
            counts.append(len(result.reports))
    return counts


def flat_batch(
    paths: Sequence[Path],
    workers: int | None = None,
    rubrics: list[Path] | None = None,
    progress: bool | None = None,
    skipped: Sequence[FileResult] = (),
    executor: Executor | None = None,
    ocr: bool = True,
) -> RunResult:
    """`batch.run_batch` in flat memory: the same result, with `ReportStub`s for reports.

    Reading and the audit both run on the workers (a local process pool of `workers`, this
    process when 1, or `executor`); `ocr=False` lists scans as unreadable instead of reading them.
    Raises AuditFailed when the rules themselves fail. `close()` the result once it is written.
    """
    names = [str(p) for p in paths]
    n = default_workers(len(names)) if workers is None else max(1, min(workers, len(names), MAX_WORKERS))
    own_pool = executor is None and n > 1
    pool: Executor = (
        executor
        if executor is not None
        else ProcessPoolExecutor(n, initializer=init_worker)
        if n > 1
        else _InProcess()
    )
    stop = stop_pool if own_pool else _cancel
    store = RunStore()
    try:
        with Spool() as spool:
            counts = spooled_files(pool, names, spool, store, progress, stop, ocr)
            run = audit_clusters(pool, counts, spool, store, rubrics, max(1, n) * AUDITS_AHEAD_PER_WORKER)
    except BaseException:
        store.close()
        if own_pool:
            stop_pool(pool)  # type: ignore[arg-type]
        raise
    if own_pool:
        pool.shutdown()
    for result in skipped:
        store.add_file(result)
    return run
