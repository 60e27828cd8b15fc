"""End-to-end benchmark: Word files → canonical reports → audit, on a generated corpus.

    python bench/bench_e2e.py [--sizes 100 300 1000] [--corpus DIR] [--seed N] [--repeat 2] [--no-profile]
                              [--copies K]

Generates a labelled corpus (`corpus.generate`, 2014–2021) into a temporary directory (or reuses
--corpus), then for each size N (the first files holding N reports):

* reports per second of what `audit run -o X.xlsx --json X.json` does (`jixiao_audit.spool.flat_batch`:
  read + normalise + audit, then the workbook and the JSON written) with 1 worker and with every core;
* peak memory of a fresh process doing the 1-worker run: resident set (VmHWM, its own high-water mark:
  getrusage's ru_maxrss would carry over the larger RSS of the benchmark process that started it), its
  ratio to the smallest size's, and the Python heap peak (tracemalloc, a separate run as it slows
  Python down; sizes up to MAX_TRACED); with every core, the parent's and the largest worker's
  (getrusage of the children, forked from the parent) and the largest of the two against the
  smallest size's;
* the floor: inflating the same files' word/document.xml and parsing it with lxml, nothing else.

Then the time of each stage (read, normalise, audit) at the middle size and a cProfile of the
slowest one. A script, not a test: the numbers depend on the machine. Output is Markdown.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree

DEFAULT_SIZES = (100, 300, 1000)
YEARS = list(range(2014, 2022))
REPORTS_PER_DEPARTMENT = 9.0  # about, over eight years with their projects
SEED = 2024
PROFILE_LINES = 18
KB_PER_MB = 1024  # ru_maxrss and VmHWM are in KiB on Linux
MAX_TRACED = 1000  # larger batches skip the tracemalloc run (it doubles the time)
DONE = "files.txt"  # in a copy folder: the copy is complete, these are its files


# --- corpus ---------------------------------------------------------------------------------------------


def make_corpus(directory: Path, reports: int, seed: int) -> list[tuple[str, int]]:
    """Generate enough departments for `reports` reports; (file name, reports in it) in file order.

    A --corpus folder without an answer key (a generation stopped early) is used as it is: its
    Word files in name order, a combined file counted as two reports (the run counts them exactly).
    """
    from corpus.generate import ANSWER_KEY, generate

    key_path = directory / ANSWER_KEY
    if not key_path.exists() and any(directory.glob("*.docx")):
        return [(p.name, 2 if "combined" in p.stem else 1) for p in sorted(directory.glob("*.docx"))]
    if not key_path.exists():
        departments = int(reports / REPORTS_PER_DEPARTMENT * 1.15) + 1
        generate(directory, seed, departments, YEARS, workers=os.cpu_count() or 1)
    key = json.loads(key_path.read_text(encoding="utf-8"))
    return [(f["file"], len(f["reports"])) for f in key["files"]]


def with_copies(directory: Path, files: list[tuple[str, int]], copies: int) -> list[tuple[str, int]]:
    """The corpus `copies` times over, each copy in a folder of its own: copy0/ the corpus itself (hard
    links), copy1/ … the corpus moved to other counties (`corpus.recounty`: every county renamed, the
    county's part of each 预算编码 too), so a batch larger than the generated corpus holds distinct
    departments, as a province's would, not byte-identical copies of the same ones."""
    from corpus.generate import ANSWER_KEY
    from corpus.recounty import write_copy

    key = json.loads((directory / ANSWER_KEY).read_text(encoding="utf-8"))
    reports = dict(files)
    out = []
    for k in range(copies):
        folder = directory / f"copy{k}"
        if k == 0:
            folder.mkdir(exist_ok=True)
            for name, _ in files:
                if not (folder / name).exists():
                    os.link(directory / name, folder / name)
            names = [name for name, _ in files]
        elif (folder / DONE).exists():
            names = (folder / DONE).read_text(encoding="utf-8").split()
        else:
            names = write_copy(directory, folder, k, key)
            (folder / DONE).write_text("\n".join(names), encoding="utf-8")
        out += [(f"copy{k}/{name}", reports[name]) for name in names]
    return out


def named_only(directory: Path, files: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The files whose reports name their county (`corpus.recounty.file_county`): without the family
    forms' 某县…. To the rules 某县 is a county of its own (`audit.names.county_of`), so these forms
    no longer make one cluster span the batch (they did while the clusters ignored the county a
    name carries); kept to compare with earlier runs."""
    from corpus.generate import ANSWER_KEY
    from corpus.recounty import file_county

    key = json.loads((directory / ANSWER_KEY).read_text(encoding="utf-8"))
    named = {f["file"] for f in key["files"] if file_county(f["reports"])}
    return [(name, n) for name, n in files if name in named]


def first_files(files: list[tuple[str, int]], reports: int) -> list[str]:
    """The first files holding at least `reports` reports."""
    out, total = [], 0
    for name, n in files:
        if total >= reports:
            break
        out.append(name)
        total += n
    return out


# --- measurements (each in a fresh process) --------------------------------------------------------------


def child_run(paths: list[str], workers: int, trace: bool) -> dict:
    """What `audit run -o X.xlsx --json X.json` does, in this process: read and audit in flat memory
    (`jixiao_audit.spool.flat_batch`), then write the workbook and the JSON. Seconds, reports,
    findings, peak memory of this process and of its largest worker."""
    import tracemalloc

    from jixiao_audit.audit.export import audit_json_chunks, write_chunks
    from jixiao_audit.audit.workbook import write_workbook

    from jixiao_audit.spool import flat_batch

    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    batch = flat_batch([Path(p) for p in paths], workers=workers, progress=False)
    with tempfile.TemporaryDirectory(prefix="bench_e2e_out_") as out:
        write_workbook(Path(out) / "audit.xlsx", batch)
        write_chunks(Path(out) / "audit.json", audit_json_chunks(batch))
    seconds = time.perf_counter() - start
    heap = tracemalloc.get_traced_memory()[1] if trace else None
    sites = retained_sites(tracemalloc.take_snapshot()) if trace else []
    findings = sum(batch.count(severity) for severity in ("error", "warning", "info"))
    reports, failed = batch.report_count, len(batch.failed)
    batch.close()
    return {
        "sites": sites,
        "seconds": seconds,
        "reports": reports,
        "failed": failed,
        "findings": findings,
        "rss_mb": own_peak_kb() / KB_PER_MB,
        "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / KB_PER_MB,
        "heap_mb": heap / 2**20 if heap is not None else None,
    }


def own_peak_kb() -> int:
    """This process's peak resident set (VmHWM). Not getrusage's ru_maxrss: Linux keeps that over
    exec, so a process started by a larger one reports the larger one's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def best_of(paths: list[str], workers: int, repeat: int) -> dict:
    """The fastest of `repeat` fresh-process runs (the machine may be shared); memory from the same run."""
    return min((measure(paths, workers) for _ in range(repeat)), key=lambda r: r["seconds"])


def retained_sites(snapshot, limit: int = 8) -> list[str]:
    """Where the memory still held after the batch was allocated (file:line, MB, blocks)."""
    stats = snapshot.filter_traces([tracemalloc_filter()]).statistics("lineno")[:limit]
    return [
        f"{_short_path(s.traceback[0].filename)}:{s.traceback[0].lineno}  {s.size / 2**20:.1f} MB  {s.count} blocks"
        for s in stats
    ]


def _short_path(filename: str) -> str:
    path = Path(filename)
    return f"{path.parent.name}/{path.name}"


def tracemalloc_filter():
    import tracemalloc

    return tracemalloc.Filter(False, tracemalloc.__file__)


def measure(paths: list[str], workers: int, trace: bool = False) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(paths, fh)
        listing = fh.name
    try:
        cmd = [sys.executable, __file__, "--child", listing, "--workers", str(workers)] + (
            ["--trace"] if trace else []
        )
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(listing)


def floor_seconds(paths: list[str]) -> float:
    """Inflate and parse each file's word/document.xml with lxml (best of three)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for p in paths:
            with zipfile.ZipFile(p) as zf:
                etree.fromstring(zf.read("word/document.xml"))
        best = min(best, time.perf_counter() - start)
    return best


# --- stages and profile -------------------------------------------------------------------------------


def stage_times(paths: list[str]) -> tuple[dict[str, float], dict]:
    """Seconds spent reading, normalising and auditing, in this process; and the stage inputs."""
    from jixiao_audit.audit.engine import run_audit
    from jixiao_audit.extract import read_document
    from jixiao_audit.normalize import to_reports

    start = time.perf_counter()
    raws = [read_document(p) for p in paths]
    read = time.perf_counter() - start
    start = time.perf_counter()
    reports = [r for raw in raws for r in to_reports(raw)]
    normalise = time.perf_counter() - start
    start = time.perf_counter()
    run_audit(reports)
    audit = time.perf_counter() - start
    return {"read (extract)": read, "normalise": normalise, "audit": audit}, {
        "paths": paths,
        "raws": raws,
        "reports": reports,
    }


def profile_stage(stage: str, inputs: dict) -> str:
    from jixiao_audit.audit.engine import run_audit
    from jixiao_audit.extract import read_document
    from jixiao_audit.normalize import to_reports

    calls = {
        "read (extract)": lambda: [read_document(p) for p in inputs["paths"]],
        "normalise": lambda: [to_reports(raw) for raw in inputs["raws"]],
        "audit": lambda: run_audit(inputs["reports"]),
    }
    profiler = cProfile.Profile()
    profiler.runcall(calls[stage])
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(PROFILE_LINES)
    return out.getvalue()


# --- report -----------------------------------------------------------------------------------------------


def rate(run: dict) -> float:
    return run["reports"] / run["seconds"] if run["seconds"] else 0.0


def table(rows: list[list[str]], head: list[str]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--corpus", type=Path, help="reuse (or create) the generated corpus here")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--repeat", type=int, default=2, help="timed runs per size and worker count (best kept)"
    )
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--copies", type=int, default=1, help="take the corpus this many times over (sizes beyond the corpus)"
    )
    parser.add_argument(
        "--named-only", action="store_true", help="leave out the forms that name no county (某县…)"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child_run(json.loads(args.child.read_text()), args.workers, args.trace)))
        return
    run(args)


def run(args: argparse.Namespace) -> None:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench_e2e_") as tmp:
        directory = args.corpus or Path(tmp)
        start = time.perf_counter()
        files = make_corpus(directory, max(args.sizes), args.seed)
        made = time.perf_counter() - start
        print(
            f"corpus: {len(files)} files, {sum(n for _, n in files)} reports in {directory} (ready in {made:.0f} s); "
            f"{cores} cores; Python {sys.version.split()[0]}\n"
        )
        if args.named_only:
            files = named_only(directory, files)
            print(f"only the files naming their county: {len(files)}\n")
        if args.copies > 1:
            files = with_copies(directory, files, args.copies)
            print(
                f"sizes past the corpus take the files of {args.copies - 1} copies of it in other counties "
                f"(copy1/ … copy{args.copies - 1}/, `corpus.recounty`), {len(files)} files in all\n"
            )
        rows, memory, peaks, highest = [], [], [], []
        middle = None
        for size in args.sizes:
            paths = [str(directory / n) for n in first_files(files, size)]
            one, many = best_of(paths, 1, args.repeat), best_of(paths, cores, args.repeat)
            traced = measure(paths, 1, trace=True) if size <= MAX_TRACED else {"heap_mb": None, "sites": []}
            floor = floor_seconds(paths)
            n = one["reports"]
            rows.append(
                [
                    str(n),
                    str(len(paths)),
                    f"{rate(one):.1f}",
                    f"{rate(many):.1f}",
                    f"{rate(many) / rate(one):.2f}×",
                    f"{1000 * floor / n:.2f}",
                    f"{1000 * one['seconds'] / n:.2f}",
                    f"{one['seconds'] / floor:.1f}×",
                ]
            )
            peaks.append(one["rss_mb"])
            highest.append(max(many["rss_mb"], many["children_rss_mb"]))
            memory.append(
                [
                    str(n),
                    f"{one['rss_mb']:.0f}",
                    f"{traced['heap_mb']:.0f}" if traced["heap_mb"] is not None else "—",
                    f"{many['rss_mb']:.0f} / {many['children_rss_mb']:.0f}",
                    f"{one['rss_mb'] / peaks[0]:.2f}×",
                    f"{highest[-1] / highest[0]:.2f}×",
                    str(one["findings"]),
                ]
            )
            if middle is None or size <= sorted(args.sizes)[len(args.sizes) // 2]:
                middle = paths
        print("#### Extraction + audit, end to end (Word)\n")
        print(
            "\n".join(
                table(
                    rows,
                    [
                        "reports",
                        "files",
                        "reports/s (1 worker)",
                        f"reports/s ({cores} workers)",
                        "speed-up",
                        "floor ms/report",
                        "ours ms/report",
                        "ours / floor",
                    ],
                )
            )
        )
        print(
            "\nfloor = inflate word/document.xml and parse it with lxml; ours = read + normalise + audit, 1 worker.\n"
        )
        print("#### Peak memory (fresh process per run)\n")
        print(
            "\n".join(
                table(
                    memory,
                    [
                        "reports",
                        "peak RSS MB (1 worker)",
                        "Python heap peak MB (tracemalloc)",
                        f"peak RSS MB, parent / largest worker ({cores} workers)",
                        f"peak RSS / at {memory[0][0]} reports",
                        f"largest process ({cores} workers) / at {memory[0][0]} reports",
                        "findings",
                    ],
                )
            )
        )
        if traced["sites"]:
            print(f"\nStill held after the {memory[-1][0]}-report batch (tracemalloc, top sites):\n")
            print("```\n" + "\n".join(traced["sites"]) + "\n```")
        stages, inputs = stage_times(middle)
        total = sum(stages.values())
        n = len(inputs["reports"])
        print(f"\n#### Stages ({n} reports, 1 process)\n")
        print(
            "\n".join(
                table(
                    [
                        [s, f"{t:.2f}", f"{1000 * t / n:.2f}", f"{100 * t / total:.0f}%"]
                        for s, t in stages.items()
                    ],
                    ["stage", "seconds", "ms/report", "share"],
                )
            )
        )
        if not args.no_profile:
            slowest = max(stages, key=stages.get)
            print(f"\n#### Profile of the slowest stage: {slowest} (top {PROFILE_LINES} by own time)\n")
            print("```\n" + profile_stage(slowest, inputs).strip() + "\n```")


if __name__ == "__main__":
    main()
