"""Benchmark: PDF pages per second for the pdfium reader, the pdfplumber reader and pdfplumber's
own extract_tables(), on the same pages, in one run.

    python bench/bench_pdf.py [--repeat N] [--profile] [files…]

Fairness on a shared machine: the three readers take turns, file by file (each file is one page
set; each read opens it afresh, so every read pays for parsing), round after round, and the
order of the three rotates each round, so a burst of load from the neighbours hits all alike.
Before each timed read the garbage collector runs (it stays on during the read, for all three),
so no reader pays for another's garbage. Time is this process's CPU time.

Printed per file: pages per second of each reader from its least time over the rounds, and the
ratios pdfium / extract_tables() and pdfium / pdfplumber reader; `all` sums every file's least
time. Then the ratio each round gave (all files, the three read in the same minutes): its
median is the verdict (done when the pdfium reader is at least 8× faster than extract_tables(),
issue 16), with its spread; the ratios from each reader's least and median times (a least
taken alone favours the short pdfium reads, which more often fall in a quiet moment); CPU
milliseconds per page; which of our modules ran compiled (setup.py); and the machine's load
average before and after. With --profile, a cProfile summary of one pdfium read of the
largest file.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber
from jixiao_audit.extract.pdf_reader import PDFIUM, PLUMBER, read_pdf

from jixiao_audit.compiled import compiled_in_use

# CPU time of this process: on a shared machine wall time swings ±40 % with the neighbours' load.
CLOCK = time.process_time
CORPUS_PDFS = sorted((ROOT / "corpus" / "pdf").rglob("*.pdf"))
TARGET_RATIO = 8.0  # pdfium reader speed / extract_tables() speed (issue 16)
DEFAULT_REPEAT = 5


def plumber_extract_tables(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def pdfium_reader(path: Path) -> int:
    return read_pdf(path, engine=PDFIUM).pages or 0


def plumber_reader(path: Path) -> int:
    return read_pdf(path, engine=PLUMBER).pages or 0


CONTENDERS: dict[str, Callable[[Path], int]] = {
    "pdfium": pdfium_reader,
    "plumber": plumber_reader,
    "extract_tables": plumber_extract_tables,
}

# Times: reader → file → CPU seconds of each round.
Times = dict[str, dict[Path, list[float]]]


def timed(fn: Callable[[Path], int], path: Path) -> tuple[float, int]:
    """CPU seconds of one read, started with no garbage left by the previous one."""
    gc.collect()
    start = CLOCK()
    pages = fn(path)
    return CLOCK() - start, pages


def turn_order(names: list[str], round_no: int) -> list[str]:
    """The readers rotated by the round number: each takes each place in the turn as often."""
    k = round_no % len(names)
    return names[k:] + names[:k]


def interleaved_times(files: list[Path], repeat: int) -> tuple[Times, dict[Path, int]]:
    """Every reader's CPU seconds on every file in every round, readers taking turns file by file."""
    names = list(CONTENDERS)
    times: Times = {name: {path: [] for path in files} for name in names}
    pages: dict[Path, int] = {}
    for name in names:  # warm-up, not timed: imports, compiled patterns, first-call caches
        CONTENDERS[name](files[0])
    for round_no in range(repeat):
        for path in files:
            for name in turn_order(names, round_no):
                seconds, pages[path] = timed(CONTENDERS[name], path)
                times[name][path].append(seconds)
    return times, pages


def per_file(times: Times, pick: Callable[[list[float]], float]) -> dict[str, dict[Path, float]]:
    """One figure per reader and file (least or median of its rounds)."""
    return {name: {path: pick(runs) for path, runs in by_file.items()} for name, by_file in times.items()}


def round_ratios(times: Times, numerator: str = "extract_tables", denominator: str = "pdfium") -> list[float]:
    """The speed ratio each round gave over all files (both readers' times from that round)."""
    rounds = len(next(iter(times[numerator].values())))
    return [
        sum(runs[r] for runs in times[numerator].values())
        / sum(runs[r] for runs in times[denominator].values())
        for r in range(rounds)
    ]


def profile_pdfium(path: Path) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    read_pdf(path, engine=PDFIUM)
    profiler.disable()
    print(f"\nprofile of the pdfium reader on {path.name}:")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="PDFs to read (default: every committed corpus PDF, corpus/pdf/**)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=DEFAULT_REPEAT,
        help=f"rounds: each reader reads each file this many times, turn about (default {DEFAULT_REPEAT})",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print a cProfile summary of one pdfium read of the largest file",
    )
    args = parser.parse_args(argv)
    files = args.files or CORPUS_PDFS
    if not files:
        print("no PDFs: run `python -m corpus.build_pdf` first", file=sys.stderr)
        return 1
    load_before = os.getloadavg()[0]
    times, pages = interleaved_times(files, max(args.repeat, 1))
    least = per_file(times, min)
    print(
        f"{'file':<30} {'pages':>5} {'pdfium p/s':>10} {'plumber p/s':>11} "
        f"{'extract_tables p/s':>18} {'×tables':>7} {'×plumber':>8}"
    )
    for path in files:
        print(_row(path.name, pages[path], {name: least[name][path] for name in CONTENDERS}))
    all_pages = sum(pages.values())
    totals = {name: sum(by_file.values()) for name, by_file in least.items()}
    print(_row("all (least of each file)", all_pages, totals))
    ratios = round_ratios(times)
    verdict = "met" if statistics.median(ratios) >= TARGET_RATIO else "NOT met"
    print(
        f"pdfium reader vs extract_tables(), per round ({len(ratios)} rounds): median "
        f"{statistics.median(ratios):.2f}× (target {TARGET_RATIO:.0f}×: {verdict}), "
        f"spread {min(ratios):.2f}–{max(ratios):.2f}× ({' '.join(f'{r:.2f}' for r in ratios)})"
    )
    print(f"  from least times: {totals['extract_tables'] / totals['pdfium']:.2f}×")
    medians = {name: sum(by_file.values()) for name, by_file in per_file(times, statistics.median).items()}
    print(f"  from median times: {medians['extract_tables'] / medians['pdfium']:.2f}×")
    for label, figures in (("least", totals), ("median", medians)):
        per_page = ", ".join(f"{name} {1000 * seconds / all_pages:.1f}" for name, seconds in figures.items())
        print(f"CPU ms per page ({label} of {len(ratios)}): {per_page}")
    compiled = compiled_in_use("jixiao_audit.extract")
    print(f"our modules run {'compiled (Cython): ' + ', '.join(compiled) if compiled else 'as plain Python'}")
    print(
        f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores"
    )
    if args.profile:
        profile_pdfium(max(files, key=lambda p: p.stat().st_size))
    return 0


def _row(name: str, pages: int, seconds: dict[str, float]) -> str:
    speed = {k: pages / v for k, v in seconds.items()}
    return (
        f"{name:<30} {pages:>5} {speed['pdfium']:>10.1f} {speed['plumber']:>11.1f} "
        f"{speed['extract_tables']:>18.1f} {speed['pdfium'] / speed['extract_tables']:>7.1f} "
        f"{speed['pdfium'] / speed['plumber']:>8.1f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
