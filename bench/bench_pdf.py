"""Benchmark: our PDF reader against pdfplumber's own extract_tables() on the corpus PDFs.

    python bench/bench_pdf.py [--repeat N] [--profile] [files…]

For each PDF: pages per second of `extract.pdf_reader.read_pdf` and of pdfplumber's
`page.extract_tables()` over all pages (each run opens the file afresh, so both pay for
parsing; best of --repeat runs, CPU time), and the ratio of the two speeds, ours / pdfplumber
(≥ 1.0 means we are not slower). With --profile,
a cProfile summary of one read_pdf run grouped by pipeline stage, then the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber
from jixiao_audit.extract.pdf_reader import read_pdf

# CPU time of this process: on a shared machine wall time swings ±40 % with the neighbours' load.
CLOCK = time.process_time
CORPUS_PDFS = sorted((ROOT / "corpus" / "pdf").rglob("*.pdf"))

# Which of our functions (by name) make up each stage, for the profile summary.
STAGES = {
    "parse chars (pdfminer layout)": ("chars",),
    "find ruled cells (pdfplumber edges)": ("find_cell_boxes",),
    "dedupe chars": ("dedupe_overlapping_chars",),
    "bucket chars into cells + lines": ("bucket_chars_into_cells",),
    "body lines": ("chars_to_lines",),
    "joins + paragraphs + cell text": ("items_to_blocks",),
}


def plumber_extract_tables(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def ours(path: Path) -> int:
    return read_pdf(path).pages or 0


def best_seconds(fn, path: Path, repeat: int) -> tuple[float, int]:
    times, pages = [], 0
    for _ in range(repeat):
        start = CLOCK()
        pages = fn(path)
        times.append(CLOCK() - start)
    return min(times), pages


def profile_stages(path: Path) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    read_pdf(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = max(stats.total_tt, 1e-9)
    print(f"\nprofile of read_pdf({path.name}): {total:.3f} s")
    rows = []
    for label, names in STAGES.items():
        cum = sum(
            data[3]  # cumulative time
            for (filename, _, func), data in stats.stats.items()
            if func in names
            and ("extract" in filename or label.startswith("parse") or "pdfplumber" in filename)
        )
        rows.append((cum, label))
    for cum, label in sorted(rows, reverse=True):
        print(f"  {label:<40} {cum:7.3f} s  {100 * cum / total:5.1f} %")
    print("\ntop functions by cumulative time:")
    stats.sort_stats("cumulative").print_stats(12)


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
    print(f"{'file':<34} {'pages':>5} {'ours p/s':>9} {'plumber p/s':>11} {'ratio':>6}")
    ratios = []
    for path in files:
        ours_s, plumber_s, pages = float("inf"), float("inf"), 0
        for _ in range(args.repeat):  # interleaved, so a burst of load hits both alike
            t, pages = best_seconds(ours, path, 1)
            ours_s = min(ours_s, t)
            plumber_s = min(plumber_s, best_seconds(plumber_extract_tables, path, 1)[0])
        ratio = plumber_s / ours_s
        ratios.append(ratio)
        print(f"{path.name:<34} {pages:>5} {pages / ours_s:>9.1f} {pages / plumber_s:>11.1f} {ratio:>6.2f}")
    print(f"median ratio (ours speed / pdfplumber extract_tables speed): {statistics.median(ratios):.2f}")
    if args.profile:
        slowest = max(files, key=lambda p: p.stat().st_size)
        profile_stages(slowest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
