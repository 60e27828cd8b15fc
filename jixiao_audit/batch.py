"""Bulk run: find the input files, read them in parallel, audit them together, write outputs.

Reading happens in worker processes (one `load_file` per file); results come back in input
order, so the same input always gives the same output. The audit then runs once over every
report, because some rules compare documents with each other.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click

from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.finding import AuditOutcome
from jixiao_audit.audit.result import FileResult, RunResult, run_result
from jixiao_audit.audit.rubrics import load_rubric
from jixiao_audit.audit.versions import FactsOnDisk
from jixiao_audit.normalize.model import Report
from jixiao_audit.pipeline import load_file

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
MAX_WORKERS = 61  # ProcessPoolExecutor's limit on Windows
GLOB_CHARS = set("*?[")
LOCK_PREFIXES = ("~$", ".~lock")  # Office / LibreOffice lock files beside an open document
PROGRESS_LABEL = "读取文件"


def supported_suffixes() -> set[str]:
    from jixiao_audit.extract import SUPPORTED_SUFFIXES

    return SUPPORTED_SUFFIXES


class InputError(Exception):
    """Bad command-line input (a path that does not exist, nothing to read): exit code 2."""


# ---------------------------------------------------------------- finding the files


def _is_candidate(path: Path, suffixes: set[str]) -> bool:
    """A file found by searching: a supported suffix and not an editor's lock file."""
    return path.is_file() and path.suffix.lower() in suffixes and not path.name.startswith(LOCK_PREFIXES)


def _search_dir(directory: Path, suffixes: set[str]) -> list[Path]:
    found = [p for p in directory.rglob("*") if _is_candidate(p, suffixes)]
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def _expand_glob(pattern: str, suffixes: set[str]) -> list[Path]:
    matches: list[Path] = []
    for name in sorted(glob.glob(pattern, recursive=True)):
        path = Path(name)
        if path.is_dir():
            matches.extend(_search_dir(path, suffixes))
        elif _is_candidate(path, suffixes):
            matches.append(path)
    return matches


def expand_paths(args: Iterable[str]) -> list[Path]:
    """Files as given, directories searched recursively (sorted), globs expanded; duplicates dropped.

    Raises InputError naming every argument that matched nothing.
    """
    suffixes = supported_suffixes()
    files: list[Path] = []
    missing: list[str] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            files.extend(_search_dir(path, suffixes))
        elif path.exists():
            files.append(path)  # named explicitly: read it even with an odd suffix, and say why not
        elif GLOB_CHARS & set(arg):
            matched = _expand_glob(arg, suffixes)
            files.extend(matched)
            if not matched:
                missing.append(f"{arg}（没有匹配的文件）")
        else:
            missing.append(f"{arg}（文件或目录不存在）")
    if missing:
        raise InputError("找不到输入：" + "；".join(missing))
    unique = _dedupe(files)
    if not unique:
        raise InputError("没有找到可读取的文件（支持 " + " ".join(sorted(suffixes)) + "）")
    return unique


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


def read_one(path: str) -> FileResult:
    """`load_file`, made unconditionally safe (it runs inside worker processes too)."""
    try:
        result = load_file(path)
    except Exception as exc:  # noqa: BLE001 — load_file should not raise; if it does, it is still one bad file
        return _internal_error(path, exc)
    if result.error and "\n" in result.error:
        result.error = one_line_reason(result.error)
    return result


def one_line_reason(text: str) -> str:
    """The first line of a reason that came with several (a validation error, say)."""
    first = text.strip().splitlines()[0].rstrip()
    return first + (" …）" if text.rstrip().endswith("）") else " …")


def _internal_error(path: str, exc: BaseException) -> FileResult:
    return FileResult(file=path, status="error", error=f"无法读取（内部错误 {one_line(exc)}）")


def default_workers(n_files: int) -> int:
    return max(1, min(os.cpu_count() or 1, n_files, MAX_WORKERS))


def read_files(
    paths: Sequence[Path], workers: int | None = None, progress: bool | None = None
) -> list[FileResult]:
    """Read every file, in parallel when workers > 1; results in input order."""
    names = [str(p) for p in paths]
    workers = (
        default_workers(len(names)) if workers is None else max(1, min(workers, len(names), MAX_WORKERS))
    )
    show = sys.stderr.isatty() if progress is None else progress
    with _progress(len(names), show) as bar:
        if workers == 1:
            return [_tick(bar, read_one(name)) for name in names]
        return _read_parallel(names, workers, bar)


def _read_parallel(names: list[str], workers: int, bar) -> list[FileResult]:
    results: list[FileResult | None] = [None] * len(names)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_quiet_interrupt)
    try:
        futures: dict[Future, int] = {pool.submit(read_one, name): i for i, name in enumerate(names)}
        for future in as_completed(futures):
            i = futures[future]
            results[i] = _tick(bar, _result_of(future, names[i]))
    except BaseException:  # Ctrl-C: drop the queued files instead of reading them all first
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results  # type: ignore[return-value]


def _quiet_interrupt() -> None:
    """In a worker: let Ctrl-C reach only the parent, so workers print no tracebacks.

    A handler (unlike SIG_IGN) is not inherited by programs the readers start (LibreOffice).
    """
    signal.signal(signal.SIGINT, _ignore)


def _ignore(signum, frame) -> None:
    return None


def _result_of(future: Future, name: str) -> FileResult:
    """A worker's result; if the worker died, read that file again alone in a fresh process."""
    try:
        return future.result()
    except BrokenProcessPool:
        return _read_isolated(name)
    except Exception as exc:  # noqa: BLE001 — e.g. a result that could not be sent back
        return _internal_error(name, exc)


def _read_isolated(name: str) -> FileResult:
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(read_one, name).result()
    except Exception:  # noqa: BLE001
        return FileResult(file=name, status="error", error="无法读取（读取进程异常退出）")


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
    """0: every file read and no error finding; 1: otherwise."""
    return EXIT_FINDINGS if run.failed or run.count("error") else EXIT_OK


def run_batch(
    paths: Sequence[Path],
    workers: int | None = None,
    rubrics: list[Path] | None = None,
    progress: bool | None = None,
) -> RunResult:
    """Read all files, then audit all their reports together: the run's one result."""
    results = read_files(paths, workers, progress)
    return run_result(results, audit_reports(all_reports(results), rubrics))
