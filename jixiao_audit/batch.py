"""Bulk run: find the input files, read them in parallel, audit them together, write outputs.

Reading happens in worker processes (one `load_file` per file); results come back in input
order, so the same input always gives the same output. The audit then runs once over every
report, because some rules compare documents with each other.
"""

from __future__ import annotations

import faulthandler
import glob
import os
import resource
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import click

from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.finding import AuditOutcome
from jixiao_audit.audit.result import FileResult, RunResult, run_result
from jixiao_audit.audit.rubrics import load_rubric
from jixiao_audit.audit.versions import FactsOnDisk
from jixiao_audit.failures import failure_reason
from jixiao_audit.normalize.model import Report
from jixiao_audit.pipeline import display_name, failed, load_file

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_SIGINT, EXIT_SIGTERM = 128 + signal.SIGINT, 128 + signal.SIGTERM  # 130, 143 as shells report
FILE_BUDGET_SECONDS = 180.0  # wall clock for one file (LibreOffice's own conversion limit is 120 s)
# Address space of one worker: a bad file fails alone. OCR needs room: onnxruntime and OpenCV
# reserve ~1 GB of address space for one scanned page and ~2.3 GB for a 7-page scan (VmPeak;
# 1.5 GB resident), so 1 GiB refused every scan in a worker with std::bad_alloc.
WORKER_MEMORY_CAP_BYTES = 4 * 1024 * 1024 * 1024
WORKER_STOP_SECONDS = 3.0  # after SIGTERM, how long a worker gets to kill LibreOffice and exit
HARD_STOP_GRACE_SECONDS = (
    30.0  # a worker stuck in C code (no signal handler runs) this long past its budget exits
)
MAX_WORKERS = 61  # ProcessPoolExecutor's limit on Windows
READS_AHEAD_PER_WORKER = 4  # files queued per local worker beyond the one the parent waits for
GLOB_CHARS = set("*?[")
LOCK_PREFIXES = ("~$", ".~lock")  # Office / LibreOffice lock files beside an open document
PROGRESS_LABEL = "读取文件"


def supported_suffixes() -> set[str]:
    from jixiao_audit.extract import SUPPORTED_SUFFIXES

    return SUPPORTED_SUFFIXES


class InputError(Exception):
    """Bad command-line input (a path that does not exist, nothing to read): exit code 2."""


# ---------------------------------------------------------------- finding the files


SKIP_LOCK = "已跳过：Office/WPS 的临时锁定文件（原文档正被打开），不是报告"
SKIP_BROKEN_LINK = "已跳过：断开的链接（指向的文件不存在）"
SKIP_SPECIAL = "已跳过：不是普通文件（管道、设备或套接字）"
SKIP_OWN_WORKBOOK = "已跳过：本工具生成的审核结果工作簿，不是报告"
READ = "read"


@dataclass
class Inputs:
    """What the arguments name: files to read, entries skipped (with why), notes for the user."""

    files: list[Path] = field(default_factory=list)
    skipped: list[FileResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def classify(path: Path, suffixes: set[str]) -> str | None:
    """A found entry: READ, a Chinese reason it is skipped, or None (not ours: another suffix, a folder)."""
    if path.suffix.lower() not in suffixes:
        return None
    if path.name.startswith(LOCK_PREFIXES):
        return SKIP_LOCK
    if path.is_symlink() and not path.exists():
        return SKIP_BROKEN_LINK
    if path.is_dir():
        return None
    if not path.is_file():
        return SKIP_SPECIAL
    return SKIP_OWN_WORKBOOK if own_workbook(path) else READ


def own_workbook(path: Path) -> bool:
    """A workbook this tool wrote (audit-report.xlsx, compare.xlsx from a run before, in the folder
    searched): a search skips it, so a rerun neither reads it nor refuses to overwrite it."""
    from jixiao_audit.extract import SHEET_SUFFIXES

    if path.suffix.lower() not in SHEET_SUFFIXES:
        return False
    from jixiao_audit.extract.xlsx_reader import is_own_workbook

    return is_own_workbook(path)


def _search_dir(directory: Path, suffixes: set[str], inputs: Inputs) -> None:
    root = os.path.realpath(directory)
    entries = sorted(directory.rglob("*"), key=lambda p: p.relative_to(directory).parts)
    for path in entries:
        verdict = classify(path, suffixes)
        if verdict == READ:
            inputs.files.append(path)
            _note_outside_link(path, root, inputs)
        elif verdict is not None:
            inputs.skipped.append(FileResult(file=display_name(path), status="skipped", error=verdict))


def _note_outside_link(path: Path, root: str, inputs: Inputs) -> None:
    """A link (of the file or of a folder on its way) that leads outside the searched folder."""
    target = os.path.realpath(path)
    if os.path.commonpath([root, target]) != root:
        inputs.notes.append(
            f"提示：{display_name(path)} 经由链接指向输入目录之外的 {display_name(target)}，已读取"
        )


def _expand_glob(pattern: str, suffixes: set[str], inputs: Inputs) -> bool:
    matched = False
    for name in sorted(glob.glob(pattern, recursive=True)):
        path = Path(name)
        if path.is_dir():
            before = len(inputs.files)
            _search_dir(path, suffixes, inputs)
            matched |= len(inputs.files) > before
        elif (verdict := classify(path, suffixes)) == READ:
            inputs.files.append(path)
            matched = True
        elif verdict is not None:
            inputs.skipped.append(FileResult(file=display_name(path), status="skipped", error=verdict))
    return matched


def find_inputs(args: Iterable[str]) -> Inputs:
    """Files as given, directories searched recursively (sorted), globs expanded; duplicates dropped.
    Entries a search skips (lock files, broken links, pipes) are listed with their reason.

    Raises InputError naming every argument that matched nothing.
    """
    suffixes = supported_suffixes()
    inputs = Inputs()
    missing: list[str] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            _search_dir(path, suffixes, inputs)
        elif path.exists():
            inputs.files.append(path)  # named explicitly: read it even with an odd suffix, and say why not
        elif GLOB_CHARS & set(arg):
            if not _expand_glob(arg, suffixes, inputs):
                missing.append(f"{arg}（没有匹配的文件）")
        else:
            missing.append(f"{arg}（文件或目录不存在）")
    if missing:
        raise InputError("找不到输入：" + "；".join(missing))
    inputs.files = _dedupe(inputs.files)
    if not inputs.files:
        raise InputError("没有找到可读取的文件（支持 " + " ".join(sorted(suffixes)) + "）")
    return inputs


def newest_mtime(paths: Iterable[Path]) -> datetime | None:
    """The newest modification time among the inputs (UTC, naive): a reproducible timestamp."""
    times = []
    for path in paths:
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(int(max(times)), UTC).replace(tzinfo=None) if times else None


def expand_paths(args: Iterable[str]) -> list[Path]:
    """The files `find_inputs` finds to read."""
    return find_inputs(args).files


def _dedupe(paths: Iterable[Path]) -> list[Path]:
    seen: set[str] = set()
    out = []
    for path in paths:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


# ---------------------------------------------------------------- reading


class Interrupted(BaseException):
    """The run was told to stop (SIGTERM, or Ctrl-C's SIGINT); `signum` says which."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise_interrupted(signum, frame) -> None:
    raise Interrupted(signum)


@contextmanager
def interruptible() -> Iterator[None]:
    """Within: SIGTERM (a supervisor, a CI timeout, `kill PID`) and Ctrl-C both raise Interrupted,
    so `finally` blocks stop the workers and LibreOffice and remove temporary files on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(signal.SIGINT) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


class FileTimeout(BaseException):
    """Raised in the reading process when one file has used up its wall-clock budget.

    A BaseException, so no reader's `except Exception` swallows it on the way out; `finally`
    blocks still run (LibreOffice is killed, temporary files removed).
    """


class Clock:
    """Whether a file's budget ran out: set before FileTimeout is raised, so the timeout is known
    even where a C layer turns the exception into another (ctypes: `ArgumentError("argument 1:
    FileTimeout")`, caught by a reader as a damaged file)."""

    expired = False


# In a worker: /dev/null, where faulthandler's watchdog thread "dumps" before it ends the process.
_worker_sink = None


@contextmanager
def time_budget(
    seconds: float | None, grace: float = HARD_STOP_GRACE_SECONDS, clock: Clock | None = None
) -> Iterator[None]:
    """Raise FileTimeout after `seconds` of wall clock (SIGALRM; main thread of a process only).

    A handler runs only between Python bytecodes; in a worker, a watchdog thread (faulthandler)
    also ends the process `grace` seconds later, should a reader be stuck inside C code. The
    parent then sees a broken worker and reports the file as such. Off the main thread (a Dask
    worker runs its tasks on a thread) SIGALRM cannot be used: `thread_budget` stands in.
    """
    clock = clock or Clock()
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        with thread_budget(seconds, clock):
            yield
        return

    def expire(signum, frame) -> None:
        clock.expired = True
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    if _worker_sink is not None:
        faulthandler.dump_traceback_later(seconds + grace, exit=True, file=_worker_sink)
    try:
        yield
    finally:
        if _worker_sink is not None:
            faulthandler.cancel_dump_traceback_later()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def thread_budget(seconds: float, clock: Clock | None = None) -> Iterator[None]:
    """Raise FileTimeout in this (non-main) thread after `seconds`: a timer thread sets it as the
    thread's asynchronous exception, raised between bytecodes like SIGALRM's. Leaving the block
    withdraws one not yet raised, so it never escapes past the block."""
    import ctypes

    set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"active": True, "fired": False}
    clock = clock or Clock()

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = clock.expired = True
                set_async(target, ctypes.py_object(FileTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:
                set_async(target, None)  # NULL: a FileTimeout still pending is dropped


def read_one(path: str, budget: float | None = FILE_BUDGET_SECONDS, ocr: bool = True) -> FileResult:
    """`load_file` within the time budget, made unconditionally safe (it runs inside workers too).

    Everything the run decided (`budget`, `ocr`) comes as an argument: a worker on another machine
    (Dask) sees nothing of this process's state.
    """
    clock = Clock()
    try:
        with time_budget(budget, clock=clock):
            result = load_file(path, ocr=ocr)
    except FileTimeout:
        return _timed_out(path, budget)
    except Exception as exc:  # noqa: BLE001 — load_file should not raise; if it does, it is still one bad file
        return _timed_out(path, budget) if clock.expired else _internal_error(path, exc)
    if clock.expired:  # a reader caught the timeout as another error on its way out
        return _timed_out(path, budget)
    if result.error and "\n" in result.error:
        result.error = one_line_reason(result.error)
    return result


def one_line_reason(text: str) -> str:
    """The first line of a reason that came with several (a validation error, say)."""
    first = text.strip().splitlines()[0].rstrip()
    return first + (" …）" if text.rstrip().endswith("）") else " …")


def _timed_out(path: str, budget: float | None) -> FileResult:
    return failed(display_name(path), f"处理超时（超过 {budget:g} 秒），已放弃该文件")


def _internal_error(path: str, exc: BaseException) -> FileResult:
    return failed(display_name(path), "无法读取：" + failure_reason(exc, "读取"))


def default_workers(n_files: int) -> int:
    return max(1, min(os.cpu_count() or 1, n_files, MAX_WORKERS))


def read_files(
    paths: Sequence[Path],
    workers: int | None = None,
    progress: bool | None = None,
    budget: float | None = FILE_BUDGET_SECONDS,
    executor: Executor | None = None,
    ocr: bool = True,
) -> list[FileResult]:
    """Read every file, in parallel when workers > 1 (or on `executor`); results in input order.

    Each file gets `budget` seconds of wall clock; a file over it is abandoned and reported.
    `ocr=False` (--no-ocr) lists scans as unreadable instead of reading them.
    """
    return list(iter_files(paths, workers, progress, budget, executor, ocr))


def iter_files(
    paths: Sequence[Path],
    workers: int | None = None,
    progress: bool | None = None,
    budget: float | None = FILE_BUDGET_SECONDS,
    executor: Executor | None = None,
    ocr: bool = True,
) -> Iterator[FileResult]:
    """Each file's result in input order, as soon as it and those before it are read.

    A consumer that writes each result out and drops it (`audit extract`) holds only the results
    that finished ahead of their turn. `executor` is any `concurrent.futures.Executor` that runs
    `read_one` elsewhere (the Dask cluster of `jixiao_audit.cluster`, whose tasks run on a worker
    thread: the budget then interrupts that thread); by default a local process pool of `workers`
    processes, or this process when workers is 1.
    """
    names = [str(p) for p in paths]
    workers = (
        default_workers(len(names)) if workers is None else max(1, min(workers, len(names), MAX_WORKERS))
    )
    show = sys.stderr.isatty() if progress is None else progress
    with _progress(len(names), show) as bar:
        if executor is not None:
            yield from _read_on(executor, names, bar, budget, ocr, _cancel)
        elif workers == 1:
            yield from (_tick(bar, read_one(name, budget, ocr)) for name in names)
        else:
            yield from _read_parallel(names, workers, bar, budget, ocr)


def _read_parallel(
    names: list[str], workers: int, bar, budget: float | None, ocr: bool
) -> Iterator[FileResult]:
    from jixiao_audit.extract.ocr_pages import available_cores, pool_share

    # a batch of fewer files than cores lends the rest to each file's scanned pages
    pages = pool_share(available_cores(), workers)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=init_worker, initargs=(pages,))
    yield from _read_on(pool, names, bar, budget, ocr, stop_pool)
    pool.shutdown()


def _read_on(
    pool: Executor,
    names: list[str],
    bar,
    budget: float | None,
    ocr: bool,
    stop: Callable[[Executor], None],
    task: Callable = read_one,
) -> Iterator[FileResult]:
    """Submit the files to `pool`, then yield the results in input order (each dropped once given).

    A local pool gets `READS_AHEAD_PER_WORKER` files per worker ahead of the one yielded (a queued
    file costs the parent a future, and a batch of 10,000 would hold them all); another executor
    (a cluster, whose size we do not know) gets every file at once.
    `task(name, budget, ocr)` reads one file (a worker that dies on it: `read_one` again, alone).
    Ctrl-C, SIGTERM or a consumer that stops early: `stop(pool)` drops the queued files now.
    """
    workers = getattr(pool, "_max_workers", None) if isinstance(pool, ProcessPoolExecutor) else None
    ahead = len(names) if workers is None else workers * READS_AHEAD_PER_WORKER
    pending: deque[Future] = deque()
    try:
        queued = iter(names)
        pending.extend(_submitted(pool, task, name, budget, ocr) for name in islice(queued, ahead))
        for name in names:
            future = pending.popleft()
            pending.extend(_submitted(pool, task, following, budget, ocr) for following in islice(queued, 1))
            yield _tick(bar, _result_of(future, name, budget, ocr))
    except BaseException:
        stop(pool)
        raise


def _submitted(pool: Executor, task: Callable, name: str, budget: float | None, ocr: bool) -> Future:
    """`pool.submit(task, …)`; a pool broken by an earlier file gives a future holding that error, so
    the file is read again alone (`_result_of`) as it would have been had it been queued before."""
    try:
        return pool.submit(task, name, budget, ocr)
    except BrokenProcessPool as exc:
        future: Future = Future()
        future.set_exception(exc)
        return future


def _cancel(pool: Executor) -> None:
    """Stop an executor that is not ours to kill (a cluster): cancel what it has not run."""
    pool.shutdown(wait=False, cancel_futures=True)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Drop queued files, tell every worker to stop (SIGTERM: it kills its LibreOffice group and
    removes its temporary files), then kill whatever is still running."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(WORKER_STOP_SECONDS)
        if process.is_alive():
            process.kill()
            process.join(WORKER_STOP_SECONDS)
    from jixiao_audit.extract.legacy import remove_scratch

    for process in processes:  # a worker killed before its own clean-up ran leaves its folders
        if process.pid is not None:
            remove_scratch(process.pid)


def init_worker(page_workers: int = 1) -> None:
    """In a worker: Ctrl-C reaches only the parent (which stops the workers itself, so workers
    print no tracebacks); SIGTERM kills this worker's LibreOffice and exits; memory is capped;
    a scan's pages are read by at most `page_workers` processes (1: here, one after another).

    A handler (unlike SIG_IGN) is not inherited by programs the readers start (LibreOffice).
    """
    global _worker_sink
    from jixiao_audit.extract.ocr_pages import set_page_workers

    set_page_workers(page_workers)
    signal.signal(signal.SIGINT, _ignore)
    signal.signal(signal.SIGTERM, _stop_worker)
    cap_memory(WORKER_MEMORY_CAP_BYTES)
    _worker_sink = open(os.devnull, "w")  # noqa: SIM115 — open for the worker's whole life


def cap_memory(limit: int) -> None:
    """Cap this process's address space, so a file that needs more fails here with MemoryError."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _ignore(signum, frame) -> None:
    return None


def _stop_worker(signum, frame) -> None:
    from jixiao_audit.extract.legacy import stop_conversions

    stop_conversions()
    os._exit(128 + signum)


def _result_of(future: Future, name: str, budget: float | None, ocr: bool) -> FileResult:
    """A worker's result; if the worker died, read that file again alone in a fresh process."""
    try:
        return future.result()
    except BrokenProcessPool:
        return _read_isolated(name, budget, ocr)
    except Exception as exc:  # noqa: BLE001 — e.g. a result that could not be sent back
        return _internal_error(name, exc)


def _read_isolated(name: str, budget: float | None, ocr: bool) -> FileResult:
    pool = ProcessPoolExecutor(max_workers=1, initializer=init_worker)
    try:
        result = pool.submit(read_one, name, budget, ocr).result()
    except BrokenProcessPool:
        result = failed(display_name(name), "无法读取（读取进程异常退出，可能超出内存上限）")
    except Exception as exc:  # noqa: BLE001
        result = _internal_error(name, exc)
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()
    return result


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


def _progress(total: int, show: bool):
    if not show or total == 0:
        return _NoBar()
    return click.progressbar(length=total, label=PROGRESS_LABEL, file=sys.stderr, show_pos=True)


def _tick(bar, result: FileResult) -> FileResult:
    bar.update(1)
    return result


# ---------------------------------------------------------------- auditing


class AuditFailed(Exception):
    """The rules themselves failed (a bug or a bad rubric file); `reason` is one line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_rubrics(paths: Sequence[Path]) -> None:
    """Load each --rubric file before any reading, so a bad one is a usage error (InputError)."""
    for path in paths:
        try:
            load_rubric(path)
        except Exception as exc:  # noqa: BLE001 — JSON, validation or I/O: all the same to the user
            raise InputError(f"评分表文件无效：{path}（{one_line(exc)}）") from None


def one_line(exc: BaseException) -> str:
    """`Type: first line of the message`, for a message that must stay on one line."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def all_reports(results: Sequence[FileResult]) -> list[Report]:
    return [report for result in results for report in result.reports]


def audit_reports(reports: list[Report], rubrics: list[Path] | None = None) -> AuditOutcome:
    """`audit.engine.run_audit` over every report at once; raises AuditFailed, never anything else.

    Each file's hash and modification time are read from disk when the grouping of versions of one
    report asks for them (`audit.versions.FactsOnDisk`).
    """
    if not reports:
        return AuditOutcome()
    try:
        return run_audit(reports, rubrics or None, facts=FactsOnDisk())
    except Exception as exc:
        raise AuditFailed(f"审计规则运行失败（{one_line(exc)}）") from exc


def exit_code(run: RunResult) -> int:
    """0: every file read (skipped lock files and links aside) and no error finding; 1: otherwise."""
    unreadable = any(r.status == "error" for r in run.failed)
    return EXIT_FINDINGS if unreadable or run.count("error") else EXIT_OK


def run_batch(
    paths: Sequence[Path],
    workers: int | None = None,
    rubrics: list[Path] | None = None,
    progress: bool | None = None,
    skipped: Sequence[FileResult] = (),
    executor: Executor | None = None,
    ocr: bool = True,
) -> RunResult:
    """Read all files, then audit all their reports together: the run's one result.

    `skipped` entries (from `find_inputs`) are listed after the files read, with their reasons;
    `ocr=False` (--no-ocr) lists scans among the unreadable files instead of reading them.
    """
    results = read_files(paths, workers, progress, executor=executor, ocr=ocr) + list(skipped)
    return run_result(results, audit_reports(all_reports(results), rubrics))
