"""A labelled synthetic corpus: departments and projects of several counties and years, as Word files.

    python -m corpus.generate OUT_DIR --seed N --departments K --years 2019 2020 2021 [--inject-rate 0.6]

Every report is internally consistent (see `gen_synth`); each file is either clean or carries
exactly one labelled discrepancy (`gen_inject`). OUT_DIR/answer_key.json holds, per file, its
layout, its label and injection, the expected canonical reports (`Report.values()` shape) and the
findings the audit must report (`gen_oracle`). The same arguments always give the same bytes.

The committed corpus (corpus/generated/) is only rewritten with --write-golden (or
JIXIAO_WRITE_GOLDEN=1); its arguments are GOLDEN_ARGS.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from corpus import gen_catalog as cat
from corpus import (
    gen_expected,
    gen_families,
    gen_forms,
    gen_inject,
    gen_oracle,
    gen_prose,
    gen_reports,
    gen_rubric,
)
from corpus.gen_model import DeptYear, ProjectYear
from corpus.render_docx import ONE_TABLE, SEPARATE_TABLES, UNIT_WAN, UNIT_YUAN, Layout, write

ANSWER_KEY = "answer_key.json"
KEY_VERSION = 1
GOLDEN_DIR = Path(__file__).resolve().parent / "generated"
GOLDEN_ENV = "JIXIAO_WRITE_GOLDEN"
GOLDEN_ARGS = [
    "--seed",
    "20251",
    "--departments",
    "8",
    "--years",
    "2019",
    "2020",
    "2021",
    "--inject-rate",
    "0.1",
]
DEFAULT_INJECT_RATE = 0.6
UNIT_SPREAD = (1, 8, 3, 5, 2, 7, 4, 6)  # sub-units per department, cycled
COMBINED, DEPARTMENT_FILE, PROJECT_FILE = "combined", "department", "project"
P_COMBINED = 0.45
MAX_TRIES = 6
GENERATED_NAME = re.compile(
    r"d\d{2}-\d{4}(?:-p\d+)?_(?:combined|department|project)\.docx|q\d{2}-\d{4}_prose_(?:department|project)\.docx"
    r"|f\d{2}-\d{4}_[a-z_]+\.docx"
)

LAYOUT_CHOICES: dict[str, tuple] = {
    "tables": (ONE_TABLE, SEPARATE_TABLES),
    "wording": (False, True),
    "unit": (UNIT_WAN, UNIT_YUAN),
    "thousands": (False, True),
    "fullwidth": (False, True, False),
}


@dataclass
class FileSpec:
    name: str
    packaging: str
    department: DeptYear | None
    projects: list[ProjectYear]
    layout: Layout
    order: str = gen_forms.GROUPED
    injection: gen_inject.Injection | None = None
    injected_report: int | None = None

    @property
    def reports(self) -> list[DeptYear | ProjectYear]:
        return ([self.department] if self.department is not None else []) + list(self.projects)


@dataclass
class Corpus:
    files: list[FileSpec]
    departments: list[DeptYear] = field(default_factory=list)
    projects: list[ProjectYear] = field(default_factory=list)
    expected: dict[str, list[gen_oracle.Expect]] = field(default_factory=dict)


# --- departments and files ---------------------------------------------------------------------------


def department_years(i: int, years: list[int], rng: random.Random) -> list[int]:
    """All years for every third department; the others a shorter run or a single year."""
    if i % 3 == 0 or len(years) == 1:
        return list(years)
    if i % 3 == 1:
        return list(years[-2:])
    return [rng.choice(years)]


def pick_type(rng: random.Random, pool: list[cat.DepartmentType], units: int) -> cat.DepartmentType:
    fits = [t for t in pool if len(t.units) + 1 >= units]
    chosen = rng.choice(fits) if fits else max(pool, key=lambda t: len(t.units))
    pool.remove(chosen)
    return chosen


def county_pool(k: int) -> tuple[list[cat.County], int]:
    """The counties `k` departments are drawn from, and how many of them to use.

    Up to one department of each type per real county, the real counties only (so every corpus
    made before keeps its files); beyond, the fictional ones too, enough counties that no two
    departments share a county and a type (same name, and a budget code that could collide).
    """
    real = list(cat.COUNTIES)
    if k <= len(real) * len(cat.DEPARTMENT_TYPES):
        return real, min(len(real), max(2, math.ceil(k / 4)))
    every = real + list(cat.MORE_COUNTIES)
    needed = math.ceil(k / len(cat.DEPARTMENT_TYPES))
    if needed > len(every):
        raise ValueError(f"at most {len(every) * len(cat.DEPARTMENT_TYPES)} distinct departments, not {k}")
    return every, needed


def make_departments(rng: random.Random, k: int, years: list[int]) -> list[list[DeptYear]]:
    population, n_counties = county_pool(k)
    counties = rng.sample(population, n_counties)
    pools = {c.name: list(cat.DEPARTMENT_TYPES) for c in counties}
    series = []
    for i in range(k):
        county = counties[i % n_counties]
        if not pools[county.name]:
            pools[county.name] = list(cat.DEPARTMENT_TYPES)
        wanted = UNIT_SPREAD[i % len(UNIT_SPREAD)]
        dtype = pick_type(rng, pools[county.name], wanted)
        n_units = min(wanted, len(dtype.units) + 1)
        sub = random.Random(rng.randint(0, 2**31))
        series.append(
            gen_reports.department_series(sub, i, county, dtype, department_years(i, years, rng), n_units)
        )
    return series


def package(rng: random.Random, d: DeptYear) -> list[FileSpec]:
    """The files one department-year arrives in: combined, or the department and each project apart."""
    blank = Layout()
    if d.projects and rng.random() < P_COMBINED:
        order = gen_forms.SEED_ORDER if len(d.projects) == 1 and rng.random() < 0.5 else gen_forms.GROUPED
        return [FileSpec(f"{d.id}_combined.docx", COMBINED, d, list(d.projects), blank, order)]
    files = [FileSpec(f"{d.id}_department.docx", DEPARTMENT_FILE, d, [], blank)]
    files += [FileSpec(f"{p.id}_project.docx", PROJECT_FILE, None, [p], blank) for p in d.projects]
    return files


def assign_layouts(rng: random.Random, files: list[FileSpec]) -> None:
    """Every layout option takes each of its values about equally often (so small corpora cover all)."""
    columns = {}
    for option, values in LAYOUT_CHOICES.items():
        column = [values[i % len(values)] for i in range(len(files))]
        rng.shuffle(column)
        columns[option] = column
    for i, f in enumerate(files):
        splits = {}
        if f.department is not None:
            splits["附件3-1"] = gen_rubric.splits_for(rng, f.department.common.rubric)
        if f.projects:
            splits["附件3-2"] = gen_rubric.splits_for(rng, f.projects[0].common.rubric)
        f.layout = Layout(**{o: columns[o][i] for o in LAYOUT_CHOICES}, rubric_splits=splits)


# --- injections --------------------------------------------------------------------------------------


def previous_of(d: DeptYear | ProjectYear, by_code_year: dict) -> DeptYear | None:
    if not isinstance(d, DeptYear):
        return None
    return by_code_year.get((d.budget_code, d.common.year - 1))


def try_inject(
    rng: random.Random, kind: str, f: FileSpec, file_of: dict[int, FileSpec], by_code_year: dict
) -> bool:
    """Apply `kind` to one report of `f` so that its target rule must fire; restore on failure."""
    order = list(range(len(f.reports)))
    rng.shuffle(order)
    for index in order:
        r = f.reports[index]
        previous = previous_of(r, by_code_year)
        for _ in range(MAX_TRIES):
            saved = gen_inject.snapshot(r)
            injection = gen_inject.INJECTORS[kind](rng, r, gen_inject.Context(previous))
            fires = injection is not None and _fires(r, previous, injection.rules)
            if fires and not _spoils_next_year(r, file_of, by_code_year):
                f.injection, f.injected_report = injection, index
                return True
            gen_inject.restore(r, saved)
            if injection is None:
                break
    return False


def _fires(r: DeptYear | ProjectYear, previous: DeptYear | None, rules: tuple[str, ...]) -> bool:
    """The oracle says one of `rules` must now fire on `r` (judged with its previous year and projects)."""
    departments = [x for x in (previous, r) if isinstance(x, DeptYear)]
    projects = list(r.projects) if isinstance(r, DeptYear) else [r]
    return any(e.rule in rules for e in gen_oracle.expected_findings(departments, projects)[r.id])


def _spoils_next_year(r: DeptYear | ProjectYear, file_of: dict[int, FileSpec], by_code_year: dict) -> bool:
    """The change to `r` makes its department's clean report of the next year fire (its claim
    "三公经费较上年减少", its 上年结转 or its swings are judged against `r`): not a clean mistake."""
    if not isinstance(r, DeptYear):
        return False
    following = by_code_year.get((r.budget_code, r.common.year + 1))
    if following is None or file_of[id(following)].injection is not None:
        return False
    return bool(gen_oracle.expected_findings([r, following], list(following.projects))[following.id])


def inject(rng: random.Random, corpus: Corpus, rate: float) -> None:
    """Each kind once where some file allows it, then further files at `rate`; the rest stay clean."""
    by_code_year = {(d.budget_code, d.common.year): d for d in corpus.departments}
    file_of = {id(r): f for f in corpus.files for r in f.reports}
    files = list(corpus.files)
    rng.shuffle(files)
    for kind in gen_inject.KINDS:
        for f in files:
            if f.injection is None and try_inject(rng, kind, f, file_of, by_code_year):
                break
    for f in files:
        if f.injection is None and rng.random() < rate:
            kinds = list(gen_inject.KINDS)
            rng.shuffle(kinds)
            for kind in kinds[:4]:
                if try_inject(rng, kind, f, file_of, by_code_year):
                    break


# --- the corpus --------------------------------------------------------------------------------------


def build(seed: int, departments: int, years: Sequence[int], rate: float = DEFAULT_INJECT_RATE) -> Corpus:
    """Plan, synthesise and inject (nothing written)."""
    rng = random.Random(seed)
    series = make_departments(rng, departments, sorted(years))
    corpus = Corpus(files=[])
    for run in series:
        for d in run:
            corpus.departments.append(d)
            corpus.projects += d.projects
            corpus.files += package(rng, d)
    assign_layouts(rng, corpus.files)
    inject(rng, corpus, rate)
    corpus.expected = gen_oracle.expected_findings(corpus.departments, corpus.projects)
    check_labels(corpus)
    return corpus


def check_labels(corpus: Corpus) -> None:
    """Clean files have nothing to find; injected ones have their injection's finding."""
    for f in corpus.files:
        found = [e for r in f.reports for e in corpus.expected[r.id]]
        if f.injection is None and found:
            raise AssertionError(f"{f.name} is labelled clean but must give {[e.rule for e in found]}")
        if f.injection is not None and not any(e.rule in f.injection.rules for e in found):
            raise AssertionError(
                f"{f.name}: injection {f.injection.kind} provokes none of {f.injection.rules}"
            )


def _title(f: FileSpec) -> str:
    r = f.reports[0]
    if f.department is not None:
        return f"{f.department.name}{r.common.year}年度绩效评价自评报告"
    p = f.projects[0]
    return f"{p.supervisor}{p.common.year}年度{p.name}项目支出绩效评价自评报告"


def write_files(corpus: Corpus, out_dir: Path, workers: int = 1, keep: set[str] = frozenset()) -> None:
    """Write every file (in `workers` processes); generated files no longer in the corpus are removed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {f.name for f in corpus.files} | set(keep)
    for stale in sorted(out_dir.glob("*.docx")):
        if GENERATED_NAME.fullmatch(stale.name) and stale.name not in names:
            stale.unlink()
    jobs = [
        (gen_forms.document(_title(f), f.department, f.projects, f.order), out_dir / f.name, f.layout)
        for f in corpus.files
    ]
    if workers <= 1:
        for job in jobs:
            write(*job)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_write_job, jobs, chunksize=8))


def _write_job(job: tuple) -> Path:
    return write(*job)


def _num(value) -> str | None:
    if value is None:
        return None
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def layout_record(f: FileSpec) -> dict:
    lay = f.layout
    splits = {part: [[s.at, s.header, s.gap] for s in v] for part, v in (lay.rubric_splits or {}).items()}
    style = f.reports[0].common.style
    return {
        "family": gen_families.HUARONG,
        "tables": lay.tables,
        "wording": lay.wording,
        "unit": lay.unit,
        "thousands": lay.thousands,
        "fullwidth": lay.fullwidth,
        "rubric_splits": splits,
        "packaging": f.packaging,
        "order": f.order,
        "units": len(f.department.unit_rows()) if f.department is not None else None,
        "expense_lines": [len(p.expenses) for p in f.projects],
        "style": {
            "places": style.places,
            "fixed": style.fixed,
            "zero_blank": style.zero_blank,
            "pct_places": style.pct_places,
        },
    }


def findings_record(corpus: Corpus, f: FileSpec, file_of: dict[str, str]) -> list[dict]:
    out = []
    for index, r in enumerate(f.reports):
        for e in corpus.expected[r.id]:
            out.append(
                {
                    "rule": e.rule,
                    "alt_rules": list(e.alt_rules),
                    "severity": e.severity,
                    "file": f.name,
                    "related_file": file_of.get(e.related_report) if e.related_report else None,
                    "report": index,
                    "path": e.path,
                    "expected": _num(e.expected),
                    "actual": _num(e.actual),
                }
            )
    return out


def answer_key(corpus: Corpus, args: dict) -> dict:
    file_of = {r.id: f.name for f in corpus.files for r in f.reports}
    files = []
    for f in corpus.files:
        inj = f.injection
        files.append(
            {
                "file": f.name,
                "label": "injected" if inj else "clean",
                "injection": None
                if inj is None
                else {
                    "kind": inj.kind,
                    "family": inj.family,
                    "rules": list(inj.rules),
                    "report": f.injected_report,
                    "where": inj.where,
                    "before": inj.before,
                    "after": inj.after,
                },
                "layout": layout_record(f),
                "reports": [gen_expected.expected(r) for r in f.reports],
                "expected_findings": findings_record(corpus, f, file_of),
            }
        )
    return {"version": KEY_VERSION, "generator": args, "files": files}


def generate(
    out_dir: Path,
    seed: int,
    departments: int,
    years: Sequence[int],
    rate: float = DEFAULT_INJECT_RATE,
    workers: int = 1,
    prose: int = 0,
) -> dict:
    """Write the corpus and its answer key into `out_dir`; returns the answer key.

    `prose` adds that many prose-only department and project files (`gen_prose`).
    """
    corpus = build(seed, departments, years, rate)
    prose_files = gen_prose.build(seed, prose, sorted(years), rate)
    families = gen_families.build(seed, max(years))
    write_files(corpus, out_dir, workers, keep={f.name for f in prose_files} | {f.name for f in families})
    gen_prose.write(prose_files, out_dir)
    for f in families:
        gen_families.write(f, out_dir)
    args = {"seed": seed, "departments": departments, "years": sorted(years), "inject_rate": rate}
    if prose:
        args["prose"] = prose
    key = answer_key(corpus, args)
    key["files"] += gen_prose.answer_entries(prose_files)
    key["files"] += [gen_families.key_entry(f) for f in families]
    (out_dir / ANSWER_KEY).write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return key


# --- coverage -----------------------------------------------------------------------------------------


def coverage(key: dict) -> dict[str, set]:
    """What an answer key covers: injection kinds, layout option values, unit counts, labels."""
    cov: dict[str, set] = {"kind": set(), "label": set(), "units": set(), "splits": set()}
    for f in key["files"]:
        lay = f["layout"]
        cov["label"].add(f["label"])
        if f["injection"]:
            cov["kind"].add(f["injection"]["kind"])
        cov.setdefault("family", set()).add(lay.get("family", gen_families.HUARONG))
        cov.setdefault("family_unit", set()).add(
            f"{lay.get('family', gen_families.HUARONG)}:{lay.get('unit')}"
        )
        if lay.get("family", gen_families.HUARONG) != gen_families.HUARONG:
            continue  # the family forms have none of the 华容 layout options
        for option in (*LAYOUT_CHOICES, "packaging", "order"):
            cov.setdefault(option, set()).add(lay[option])
        for name, value in lay["style"].items():
            cov.setdefault(name, set()).add(value)
        if lay["units"] is not None:
            cov["units"].add(lay["units"])
        cov["splits"].add(sum(len(v) for v in lay["rubric_splits"].values()))
    return cov


def missing_coverage(key: dict) -> list[str]:
    """Kinds and layout values a corpus lacks (empty when it covers everything)."""
    cov = coverage(key)
    wanted = {
        "kind": set(gen_inject.KINDS) | set(gen_families.KINDS),
        "family": {gen_families.HUARONG, *gen_families.FAMILIES},
        "family_unit": {"national:万元", "national:元", "yunnan:元"},
        "label": {"clean", "injected"},
        "units": set(range(1, 9)),
        "packaging": {COMBINED, DEPARTMENT_FILE, PROJECT_FILE},
        "order": {gen_forms.GROUPED, gen_forms.SEED_ORDER},
        "places": {0, 2},
        "zero_blank": {False, True},
        **{o: set(v) for o, v in LAYOUT_CHOICES.items()},
    }
    return [
        f"{name}={sorted(map(str, want - cov.get(name, set())))}"
        for name, want in wanted.items()
        if want - cov.get(name, set())
    ]


# --- command line ------------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m corpus.generate", description=__doc__.splitlines()[0])
    p.add_argument("out_dir", type=Path)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--departments", type=int, default=12)
    p.add_argument("--years", type=int, nargs="+", default=[2019, 2020, 2021])
    p.add_argument("--inject-rate", type=float, default=DEFAULT_INJECT_RATE)
    p.add_argument("--workers", type=int, default=1, help="processes writing the files (same output)")
    p.add_argument(
        "--prose", type=int, default=0, help="prose-only department and project files to add (each)"
    )
    p.add_argument(
        "--write-golden", action="store_true", help=f"allow rewriting the committed corpus {GOLDEN_DIR}"
    )
    return p


def golden_allowed(write_golden: bool) -> bool:
    return write_golden or os.environ.get(GOLDEN_ENV) == "1"


def is_golden(path: Path) -> bool:
    return path.resolve() == GOLDEN_DIR


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if is_golden(args.out_dir) and not golden_allowed(args.write_golden):
        print(f"refusing to rewrite the committed corpus {GOLDEN_DIR}: pass --write-golden", file=sys.stderr)
        return 2
    key = generate(
        args.out_dir, args.seed, args.departments, args.years, args.inject_rate, args.workers, args.prose
    )
    files = key["files"]
    injected = sum(1 for f in files if f["label"] == "injected")
    reports = sum(len(f["reports"]) for f in files)
    print(
        f"{len(files)} files ({reports} reports): {injected} injected, {len(files) - injected} clean → {args.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
