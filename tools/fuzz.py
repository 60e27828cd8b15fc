"""The full fuzzing harness of issue 14: thousands of corpus mutants through the real `audit`.

    python tools/fuzz.py [--mutants 3000] [--batch 500] [--seed 14] [--pdf-share 0.1] [--workers 2] [--keep DIR]

Writes the mutants (tests/fuzzing.py: damaged document.xml, absurd figures and attributes, cut,
flipped or deleted bytes, hostile names) in batches, runs `audit FOLDER --json` once per batch,
and prints Markdown: per batch the wall time, files per second, peak memory and exit code, then
every problem found (a traceback, an exit code other than 0/1, an input not listed, a failed
input listed twice, memory over 1 GB) and how many mutants were refused for which reason.
Exit code 1 when any problem was found. A script, not a test: the CI runs a few hundred
(tests/test_hostile_fuzz.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import PDF_SHARE, failure_reasons, problems, run_audit_on, write_mutants


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=500, help="mutants per audit run")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--pdf-share", type=float, default=PDF_SHARE)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the mutants and outputs here")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="jixiao-fuzz-"))
    reasons: Counter = Counter()
    found: list[str] = []
    print("| batch | mutants | seconds | files/s | peak MB | exit |\n| --- | --- | --- | --- | --- | --- |")
    try:
        for number, start in enumerate(range(0, args.mutants, args.batch)):
            size = min(args.batch, args.mutants - start)
            folder = work / f"batch{number:03d}"
            inputs = write_mutants(folder / "in", size, args.seed + number, args.pdf_share)
            run = run_audit_on(folder / "in", folder / "out", args.workers)
            print(
                f"| {number} | {size} | {run.seconds:.1f} | {size / run.seconds:.1f} | "
                f"{run.peak_rss_mb:.0f} | {run.returncode} |",
                flush=True,
            )
            found += [f"batch {number}: {p}" for p in problems(run, inputs, folder / "in")]
            reasons += failure_reasons(run)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n**Problems: {len(found)}**")
    for problem in found:
        print(f"- {problem}")
    print("\n| refused because | mutants |\n| --- | --- |")
    for reason, n in reasons.most_common():
        print(f"| {reason} | {n} |")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
