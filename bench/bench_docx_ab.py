"""Two checkouts' Word reading timed turn about in one process, file by file, with the floor.

    python bench/bench_docx_ab.py BASE_CHECKOUT NEW_CHECKOUT [--repeat N] [--stage load|read|norm]

A change is judged against the code before it (e.g. `git archive main | tar -x -C /tmp/base`)
on the same files in the same seconds: both checkouts' modules are imported side by side (each
one's `jixiao_audit` modules swapped into `sys.modules` before its turn) and every file is read by
each in alternating order, then by the floor (inflate + lxml parse). Prints each one's sum of
per-file best CPU times, their ratio and each one's ratio to the floor. `--stage read` times the
reader alone, `norm` the normaliser alone (on each checkout's own raw documents), `load` both as
`pipeline.load_file`. A script, not a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

PACKAGE = "jixiao_audit"
CORPUS = Path("corpus/generated")


class Checkout:
    """One checkout's modules, imported once and swapped into sys.modules for its turns."""

    current: Checkout | None = None

    def __init__(self, root: str) -> None:
        sys.path.insert(0, root)
        from jixiao_audit.extract import read_document
        from jixiao_audit.normalize import to_reports

        from jixiao_audit.pipeline import load_file

        self.read_document, self.to_reports, self.load_file = read_document, to_reports, load_file
        self.modules = self.take_modules()
        sys.path.remove(root)

    @staticmethod
    def take_modules() -> dict:
        modules = {k: v for k, v in sys.modules.items() if k == PACKAGE or k.startswith(PACKAGE + ".")}
        for name in modules:
            del sys.modules[name]
        return modules

    def use(self) -> None:
        if Checkout.current is self:
            return
        if Checkout.current is not None:  # keep what it imported lazily during its turn
            Checkout.current.modules.update(self.take_modules())
        sys.modules.update(self.modules)
        Checkout.current = self


def floor_parse(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        etree.fromstring(zf.read("word/document.xml"))


def timed(fn, arg) -> float:
    start = time.process_time()
    fn(arg)
    return time.process_time() - start


def turn(checkout: Checkout, stage: str, path: Path, raw) -> float:
    checkout.use()
    if stage == "load":
        return timed(checkout.load_file, path)
    gc.disable()  # load_file pauses the collector itself; the stages alone do the same
    try:
        return timed(checkout.read_document, path) if stage == "read" else timed(checkout.to_reports, raw)
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--stage", choices=("load", "read", "norm"), default="load")
    args = parser.parse_args()
    checkouts = [Checkout(args.base), Checkout(args.new)]
    files = sorted(Path(args.new, CORPUS).rglob("*.docx"))
    raws = []
    for checkout in checkouts:  # warm both (imports, label caches) and keep their raw documents
        checkout.use()
        for path in files:
            checkout.load_file(path)
        raws.append([checkout.read_document(path) for path in files])
    best = [[float("inf")] * len(files) for _ in range(3)]  # base, new, floor
    round_ratios = []
    for r in range(args.repeat):
        sums = [0.0, 0.0]
        for i, path in enumerate(files):
            for k in (0, 1) if (r + i) % 2 else (1, 0):
                t = turn(checkouts[k], args.stage, path, raws[k][i])
                sums[k] += t
                best[k][i] = min(best[k][i], t)
            best[2][i] = min(best[2][i], timed(floor_parse, path))
        round_ratios.append(sums[1] / sums[0])
    base, new, floor = (sum(b) / len(files) * 1000 for b in best)
    print(
        f"[{args.stage}] best per file, ms: base {base:.3f}  new {new:.3f}  floor {floor:.3f} | "
        f"new/base {new / base:.3f} (median of rounds {statistics.median(round_ratios):.3f}) | "
        f"base/floor {base / floor:.2f}  new/floor {new / floor:.2f} | load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
