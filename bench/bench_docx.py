"""Word extraction speed against its floor: merely inflating and parsing document.xml with lxml.

    python bench/bench_docx.py [FILES_OR_DIRS ...] [--repeat N]

Prints seconds per report for our read + normalise, as `audit extract` does it per file
(`pipeline.load_file`), next to the floor, and the ratio.
A script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao_audit.pipeline import load_file

DEFAULT_INPUTS = [ROOT / "corpus"]


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


def best_of(fn, files: list[Path], repeat: int) -> float:
    """Best CPU time of `repeat` runs (process time: a shared machine's stolen time is not ours)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for path in files:
            fn(path)
        best = min(best, time.process_time() - start)
    return best


def interleaved(files: list[Path], repeat: int) -> tuple[float, float]:
    """(ours, floor) measured turn about, so a slow spell of the machine hits both alike."""
    ours = floor = float("inf")
    for _ in range(repeat):
        ours = min(ours, best_of(extract_reports, files, 1))
        floor = min(floor, best_of(floor_parse, files, 1))
    return ours, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = docx_files(args.inputs)
    n_reports = sum(extract_reports(p) for p in files)
    ours, floor = interleaved(files, args.repeat)
    print(f"files: {len(files)}  reports: {n_reports}")
    print(f"extract+normalise: {ours / n_reports * 1000:.2f} ms/report  ({n_reports / ours:.1f} reports/s)")
    print(f"floor (lxml parse): {floor / n_reports * 1000:.2f} ms/report")
    print(f"ratio: {ours / floor:.2f}x the floor")


if __name__ == "__main__":
    main()
