"""Benchmark: PDF pages per second for the pdfium reader, the pdfplumber reader and pdfplumber's
own extract_tables(), on the same pages, in one run.

    python bench/bench_pdf.py [--repeat N] [--profile] [files…]

For each PDF (default: every committed corpus PDF), the three are run interleaved --repeat
times (each run opens the file afresh, so every one pays for parsing) and the best CPU time of
each is kept. Printed: pages per second of each, and the speed ratios pdfium / extract_tables()
and pdfium / pdfplumber reader; the last line sums all pages (total pages / total best time).
Done when the pdfium reader is at least 8× faster than extract_tables() (issue 16). The last
lines give each contender's CPU milliseconds per page and the machine's load average before
and after (CPU time still swells on a crowded machine: the neighbours share caches and cores).
With --profile, a cProfile summary of one pdfium read of the largest file.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber
from jixiao_audit.extract.pdf_reader import PDFIUM, PLUMBER, read_pdf

# CPU time of this process: on a shared machine wall time swings ±40 % with the neighbours' load.
CLOCK = time.process_time
CORPUS_PDFS = sorted((ROOT / "corpus" / "pdf").rglob("*.pdf"))
TARGET_RATIO = 8.0  # pdfium reader speed / extract_tables() speed (issue 16)


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


CONTENDERS = {"pdfium": pdfium_reader, "plumber": plumber_reader, "extract_tables": plumber_extract_tables}


def timed(fn, path: Path) -> tuple[float, int]:
    start = CLOCK()
    pages = fn(path)
    return CLOCK() - start, pages


def best_times(path: Path, repeat: int) -> tuple[dict[str, float], int]:
    """Best CPU seconds of each contender on one file, runs interleaved so load hits all alike."""
    best = dict.fromkeys(CONTENDERS, float("inf"))
    pages = 0
    for _ in range(repeat):
        for name, fn in CONTENDERS.items():
            seconds, pages = timed(fn, path)
            best[name] = min(best[name], seconds)
    return best, pages


def profile_pdfium(path: Path) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    read_pdf(path, engine=PDFIUM)
    profiler.disable()
    print(f"\nprofile of the pdfium reader on {path.name}:")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    files = args.files or CORPUS_PDFS
    if not files:
        print("no PDFs: run `python -m corpus.build_pdf` first", file=sys.stderr)
        return 1
    load_before = os.getloadavg()[0]
    header = f"{'file':<30} {'pages':>5} {'pdfium p/s':>10} {'plumber p/s':>11} {'extract_tables p/s':>18} {'×tables':>7} {'×plumber':>8}"
    print(header)
    totals = dict.fromkeys(CONTENDERS, 0.0)
    all_pages = 0
    for path in files:
        best, pages = best_times(path, args.repeat)
        all_pages += pages
        for name, seconds in best.items():
            totals[name] += seconds
        print(_row(path.name, pages, best))
    print(_row("all", all_pages, totals))
    ratio = totals["extract_tables"] / totals["pdfium"]
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(f"pdfium reader vs extract_tables(): {ratio:.1f}× (target {TARGET_RATIO:.0f}×: {verdict})")
    per_page = ", ".join(f"{name} {1000 * seconds / all_pages:.1f}" for name, seconds in totals.items())
    print(f"CPU ms per page (best of {args.repeat}): {per_page}")
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
