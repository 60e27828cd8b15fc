"""Word extraction speed against its floor: merely inflating and parsing document.xml with lxml.

    python bench/bench_docx.py [FILES_OR_DIRS ...] [--repeat N] [--profile]

Prints CPU time per report for our read + normalise, as `audit extract` does it per file
(`pipeline.load_file`), next to the floor, and the ratio. The two are timed turn about file by
file (which goes first alternating by round), so a busy spell of the shared machine hits both
alike; each round gives one ratio, and the median and spread of the rounds are printed with the
ratio of each file's best times. `--profile` prints where our time goes instead (cProfile).
A script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao_audit.pipeline import load_file

DEFAULT_INPUTS = [ROOT / "corpus"]
PROFILE_LINES = 40


def docx_files(inputs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        files += sorted(item.rglob("*.docx")) if item.is_dir() else [item]
    return files


def floor_parse(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        etree.fromstring(zf.read("word/document.xml"))


def extract_reports(path: Path) -> int:
    result = load_file(path)
    if result.status != "ok":
        raise SystemExit(f"{path}: {result.status} {result.error}")
    return len(result.reports)


def cpu_time(fn, path: Path) -> float:
    """CPU time of one call (process time: a shared machine's stolen time is not ours)."""
    start = time.process_time()
    fn(path)
    return time.process_time() - start


def interleaved(files: list[Path], repeat: int) -> tuple[list[float], list[float], float, float]:
    """Per round, (ours, floor) summed over the files, each file timed both ways in turn; and the
    sums of each file's best time of all rounds."""
    rounds_ours: list[float] = []
    rounds_floor: list[float] = []
    best_ours = [float("inf")] * len(files)
    best_floor = [float("inf")] * len(files)
    for r in range(repeat):
        ours = floor = 0.0
        for i, path in enumerate(files):
            if r % 2:
                f, o = cpu_time(floor_parse, path), cpu_time(extract_reports, path)
            else:
                o, f = cpu_time(extract_reports, path), cpu_time(floor_parse, path)
            ours, floor = ours + o, floor + f
            best_ours[i], best_floor[i] = min(best_ours[i], o), min(best_floor[i], f)
        rounds_ours.append(ours)
        rounds_floor.append(floor)
    return rounds_ours, rounds_floor, sum(best_ours), sum(best_floor)


def profile(files: list[Path], repeat: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        for path in files:
            extract_reports(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(PROFILE_LINES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions instead")
    args = parser.parse_args()
    files = docx_files(args.inputs)
    n_reports = sum(extract_reports(p) for p in files)  # also warms imports and caches of labels
    if args.profile:
        profile(files, args.repeat)
        return
    load = os.getloadavg()[0]
    ours, floor, best_ours, best_floor = interleaved(files, args.repeat)
    ratios = sorted(o / f for o, f in zip(ours, floor))
    print(f"files: {len(files)}  reports: {n_reports}  rounds: {args.repeat}")
    print(f"load average: {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(
        f"extract+normalise: {statistics.median(ours) / n_reports * 1000:.2f} ms/report median of rounds "
        f"(best per file {best_ours / n_reports * 1000:.2f}; {n_reports / best_ours:.1f} reports/s)"
    )
    print(
        f"floor (lxml parse): {statistics.median(floor) / n_reports * 1000:.2f} ms/report median of rounds "
        f"(best per file {best_floor / n_reports * 1000:.2f})"
    )
    print(
        f"ratio: median {statistics.median(ratios):.2f}x the floor, rounds {ratios[0]:.2f}-{ratios[-1]:.2f}x, "
        f"best per file {best_ours / best_floor:.2f}x"
    )


if __name__ == "__main__":
    main()
