"""Evaluate extraction and audit on a labelled corpus (made by `corpus.generate`).

    python -m corpus.evaluate CORPUS_DIR [--min-accuracy 1.0] [--min-recall 1.0] [--workers N] [--json FILE]
    audit eval CORPUS_DIR ...

Reads every file through the batch loader (`jixiao_audit.batch.read_files` → `load_file`), audits
all reports together (`audit.engine.run_audit`, whose registry includes the year-over-year rules),
and compares with OUT_DIR/answer_key.json:

* field accuracy: every leaf of each expected canonical report against the extracted one;
* recall: expected findings reported (same file — or its related file — and rule, or an allowed
  alternative rule);
* precision: reported findings that were expected, against `error` findings nobody expected
  (unexpected warnings and infos are not counted).

Printed per layout option and per rule family, with every miss listed. Exit code 1 when accuracy
or recall is below the thresholds given, 2 on a usage error.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from corpus.eval_scans import SCAN_FAMILY, ScanFields, evaluate_scans

ANSWER_KEY = "answer_key.json"
FAMILIES = {
    "A": "arithmetic",
    "N": "narrative",
    "R": "rubric",
    "X": "cross",
    "C": "completeness",
    "Y": "year",
    "V": "version",
}
LAYOUT_OPTIONS = ("family", "tables", "wording", "unit", "thousands", "fullwidth", "packaging", "order")
DEFAULT_MAX_LIST = 60
MISSING = "<missing>"
NUMBER_TOLERANCE = Decimal("0.01")


# --- comparing canonical models -----------------------------------------------------------------------


def leaves(obj: object, path: str = "") -> Iterator[tuple[str, object]]:
    """(path, value) of every leaf; lists also give their length as `path.__len__`."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(obj, list):
        yield f"{path}.__len__", len(obj)
        for i, value in enumerate(obj):
            yield from leaves(value, f"{path}[{i}]")
    else:
        yield path, obj


@dataclass(frozen=True)
class FieldMiss:
    file: str
    report: int
    path: str
    expected: object
    got: object


def compare_report(file: str, index: int, expected: dict, got: dict | None) -> tuple[int, list[FieldMiss]]:
    """(number of expected leaves, mismatches) for one report; a missing report misses every leaf."""
    want = dict(leaves(expected))
    have = dict(leaves(got)) if got is not None else {}
    misses = [
        FieldMiss(file, index, p, v, have.get(p, MISSING))
        for p, v in want.items()
        if have.get(p, MISSING) != v
    ]
    misses += [FieldMiss(file, index, p, MISSING, v) for p, v in have.items() if p not in want]
    return len(want), misses


# --- matching findings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    file: str
    rule: str
    alt_rules: tuple[str, ...]
    severity: str
    related_file: str | None
    path: str
    expected: str | None
    actual: str | None
    label: str  # the file's injection kind, or "clean"

    @property
    def rules(self) -> tuple[str, ...]:
        return (self.rule, *self.alt_rules)

    @property
    def family(self) -> str:
        return FAMILIES.get(self.rule[0], "other")

    def files(self) -> set[str]:
        return {self.file} | ({self.related_file} if self.related_file else set())


def _name(path: str | None) -> str | None:
    return Path(path).name if path else None


def matches(e: Expected, finding) -> bool:
    if finding.rule not in e.rules:
        return False
    return _name(finding.file) in e.files() or _name(finding.related_file) == e.file


def same_numbers(e: Expected, finding) -> bool | None:
    """Whether the key numbers agree (None when either side has no number to compare)."""
    pairs = ((e.expected, finding.expected), (e.actual, finding.actual))
    checked = []
    for want, got in pairs:
        try:
            if want is None or not isinstance(got, Decimal):
                continue
            checked.append(_same_figure(Decimal(want), got))
        except InvalidOperation:
            continue
    return all(checked) if checked else None


def _same_figure(want: Decimal, got: Decimal) -> bool:
    """Equal at the precision the finding reports (rules round what they show), or within 0.01."""
    exponent = got.as_tuple().exponent
    places = Decimal(1).scaleb(exponent) if isinstance(exponent, int) and exponent < 0 else Decimal(1)
    return abs(want - got) <= NUMBER_TOLERANCE or want.quantize(places) == got


# --- the result ---------------------------------------------------------------------------------------


@dataclass
class Tally:
    files: int = 0
    leaves: int = 0
    wrong: int = 0
    expected: int = 0
    found: int = 0
    true_positive: int = 0
    false_positive: int = 0
    flagged: int = 0  # of `wrong`: leaves the reviewer is told to check (low OCR score, file unread)

    @property
    def accuracy(self) -> float:
        return 1.0 if not self.leaves else (self.leaves - self.wrong) / self.leaves

    @property
    def reliability(self) -> float:
        """Leaves not silently wrong: exact, or flagged low-confidence for the reviewer (scans)."""
        return 1.0 if not self.leaves else (self.leaves - self.wrong + self.flagged) / self.leaves

    @property
    def recall(self) -> float:
        return 1.0 if not self.expected else self.found / self.expected

    @property
    def precision(self) -> float:
        counted = self.true_positive + self.false_positive
        return 1.0 if not counted else self.true_positive / counted


@dataclass
class EvalResult:
    corpus: str
    files: int = 0
    reports: int = 0
    injected: int = 0
    total: Tally = field(default_factory=Tally)
    by_layout: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_family: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    field_misses: list[FieldMiss] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    false_positives: list = field(default_factory=list)  # audit.finding.Finding
    clean_errors: list = field(default_factory=list)  # error findings on clean copies
    number_mismatches: list[tuple[Expected, object]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    scans: EvalResult | None = None  # the scanned copies as a family of their own (corpus/eval_scans.py)
    scan_fields: ScanFields | None = None  # set on a scan family's result: how its mismatches fell

    @property
    def accuracy(self) -> float:
        return self.total.accuracy

    @property
    def recall(self) -> float:
        return self.total.recall

    @property
    def precision(self) -> float:
        return self.total.precision


def layout_keys(layout: dict) -> list[str]:
    keys = [f"{o}={layout.get(o)}" for o in LAYOUT_OPTIONS if o in layout]
    splits = sum(len(v) for v in (layout.get("rubric_splits") or {}).values())
    keys.append(f"rubric_splits={min(splits, 3)}{'+' if splits >= 3 else ''}")
    if layout.get("units") is not None:
        keys.append(f"units={layout['units']}")
    style = layout.get("style") or {}
    keys += [f"{k}={style[k]}" for k in ("places", "zero_blank") if k in style]
    return keys


def expected_of(entry: dict) -> list[Expected]:
    label = entry["injection"]["kind"] if entry["injection"] else "clean"
    return [
        Expected(
            x["file"],
            x["rule"],
            tuple(x.get("alt_rules") or ()),
            x["severity"],
            x.get("related_file"),
            x.get("path", ""),
            x.get("expected"),
            x.get("actual"),
            label,
        )
        for x in entry["expected_findings"]
    ]


# --- running ------------------------------------------------------------------------------------------


def load_key(corpus: Path) -> dict:
    path = corpus / ANSWER_KEY
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found (generate a corpus with python -m corpus.generate)")
    return json.loads(path.read_text(encoding="utf-8"))


def extract_and_audit(corpus: Path, names: list[str], workers: int | None = None):
    """(FileResult by file name, every finding) of one batch run, as `audit run` would make them."""
    from jixiao_audit.batch import run_batch

    run = run_batch([corpus / n for n in names], workers, progress=False)
    return {Path(res.file).name: res for res in run.files}, list(run.findings)


def evaluate(corpus: Path | str, workers: int | None = None, scans: Path | str | None = None) -> EvalResult:
    """Extract, audit and score the corpus in `corpus` against its answer key; with `scans`, a
    directory of scanned copies (corpus/eval_scans.py), those too, as the family `scan`."""
    corpus = Path(corpus)
    key = load_key(corpus)
    entries = key["files"]
    results, findings = extract_and_audit(corpus, [e["file"] for e in entries], workers)
    out = new_result(str(corpus), entries)
    score_entries(out, entries, entries, results, findings)
    if scans is not None:
        out.scans = evaluate_scans(corpus, Path(scans), entries, workers)
    return out


def new_result(name: str, entries: list[dict]) -> EvalResult:
    out = EvalResult(name, files=len(entries), reports=sum(len(e["reports"]) for e in entries))
    out.injected = sum(1 for e in entries if e["label"] == "injected")
    return out


def score_entries(
    out: EvalResult, scored: list[dict], entries: list[dict], results: dict, findings: list, judge=None
) -> None:
    """Score the `scored` entries of the answer key (`entries`: all of it, for matching findings);
    `judge` (see score_fields) decides which field mismatches count."""
    by_file: dict[str, list] = defaultdict(list)
    for f in findings:
        by_file[_name(f.file)].append(f)
    expected_all = [x for e in entries for x in expected_of(e)]
    for entry in scored:
        score_file(out, entry, results.get(entry["file"]), by_file, expected_all, judge)


def _tallies(out: EvalResult, entry: dict) -> list[Tally]:
    return [out.total, *(out.by_layout[k] for k in layout_keys(entry["layout"]))]


def score_file(
    out: EvalResult, entry: dict, result, by_file: dict[str, list], expected_all: list[Expected], judge=None
) -> None:
    """Add one file's fields, expected findings and reported findings to the tallies."""
    name = entry["file"]
    if result is None or result.status != "ok":
        out.unreadable.append((name, result.error if result is not None else "not read"))
    score_fields(out, entry, list(result.reports) if result is not None else [], judge)
    kind = entry["injection"]["kind"] if entry["injection"] else "clean"
    for t in [*_tallies(out, entry), out.by_kind[kind]]:
        t.files += 1
    for e in expected_of(entry):
        candidates = by_file.get(e.file, []) + (by_file.get(e.related_file, []) if e.related_file else [])
        hits = [f for f in candidates if matches(e, f)]
        for t in [*_tallies(out, entry), out.by_family[e.family], out.by_kind[kind]]:
            t.expected += 1
            t.found += bool(hits)
        if not hits:
            out.missed.append(e)
        elif all(same_numbers(e, f) is False for f in hits):
            out.number_mismatches.append((e, hits[0]))
    for f in by_file.get(name, []):
        family = FAMILIES.get(f.rule[0], "other")
        if any(matches(e, f) for e in expected_all):
            for t in [*_tallies(out, entry), out.by_family[family], out.by_kind[kind]]:
                t.true_positive += 1
        elif f.severity == "error":
            out.false_positives.append(f)
            if entry["label"] == "clean":
                out.clean_errors.append(f)
            for t in [*_tallies(out, entry), out.by_family[family], out.by_kind[kind]]:
                t.false_positive += 1


def score_fields(out: EvalResult, entry: dict, reports: list, judge=None) -> None:
    """Every leaf of the entry's reports against the `reports` read. `judge(reports, i, misses)` →
    (misses that count, how many of them the reviewer is told about): by default every one counts."""
    name = entry["file"]
    got = [r.values() for r in reports]
    for i, want in enumerate(entry["reports"]):
        n, misses = compare_report(name, i, want, got[i] if i < len(got) else None)
        flagged = 0
        if judge is not None:
            misses, flagged = judge(reports, i, misses)
        out.field_misses += misses
        for t in _tallies(out, entry):
            t.leaves += n
            t.wrong += len(misses)
            t.flagged += flagged
    for extra in range(len(entry["reports"]), len(got)):
        out.field_misses.append(FieldMiss(name, extra, "<extra report>", MISSING, got[extra].get("kind")))
        for t in _tallies(out, entry):
            t.wrong += 1


# --- printing -----------------------------------------------------------------------------------------


def pct(x: float) -> str:
    return f"{100 * x:6.2f}%"


def tally_line(label: str, t: Tally) -> str:
    acc = f"{pct(t.accuracy)} ({t.leaves - t.wrong}/{t.leaves})" if t.leaves else "      -"
    acc += f" flagged {t.flagged}" if t.flagged else ""
    rec = f"{pct(t.recall)} ({t.found}/{t.expected})" if t.expected else "      -"
    prec = f"{pct(t.precision)} (fp {t.false_positive})" if t.true_positive + t.false_positive else "      -"
    files = f"files {t.files:>4}" if t.files else ""
    return f"  {label:<28} {files:<10}  accuracy {acc:<26} recall {rec:<22} precision {prec}"


def report_lines(r: EvalResult, max_list: int = DEFAULT_MAX_LIST) -> list[str]:
    lines = [
        corpus_line(r),
        tally_line("TOTAL", r.total),
        "by layout:",
        *(tally_line(k, r.by_layout[k]) for k in sorted(r.by_layout)),
        "by rule family (expected findings / reported findings):",
        *(tally_line(k, r.by_family[k]) for k in sorted(r.by_family)),
        "by injection kind:",
        *(tally_line(k, r.by_kind[k]) for k in sorted(r.by_kind)),
    ]
    lines += miss_lines(r, max_list)
    if r.scans is not None:
        lines += ["", *scan_lines(r.scans, max_list)]
    return lines


def corpus_line(r: EvalResult) -> str:
    return f"corpus {r.corpus}: {r.files} files, {r.reports} reports ({r.injected} injected, {r.files - r.injected} clean)"


def miss_lines(r: EvalResult, max_list: int) -> list[str]:
    """Every miss of a result: unreadable files, missed findings, false positives, differing key
    numbers, field mismatches."""
    lines = []
    if r.unreadable:
        lines += ["UNREADABLE FILES:", *(f"  {n}: {why}" for n, why in r.unreadable)]
    lines.append(f"MISSED FINDINGS ({len(r.missed)}):")
    lines += [
        f"  {e.file}  {e.rule}{'/' + '/'.join(e.alt_rules) if e.alt_rules else ''}  [{e.label}]  {e.path}: "
        f"expected {e.expected} actual {e.actual}"
        for e in r.missed[:max_list]
    ]
    lines.append(
        f"FALSE POSITIVES (unexpected error findings, {len(r.false_positives)}; on clean copies {len(r.clean_errors)}):"
    )
    lines += [f"  {Path(f.file).name}  {f.rule}  {f.message}" for f in r.false_positives[:max_list]]
    if r.number_mismatches:
        lines.append(f"KEY NUMBERS DIFFER ({len(r.number_mismatches)}):")
        lines += [
            f"  {e.file}  {e.rule}: answer key expected {e.expected} actual {e.actual}; "
            f"reported expected {f.expected} actual {f.actual}"
            for e, f in r.number_mismatches[:max_list]
        ]
    return lines + mismatch_lines("FIELD MISMATCHES", r.field_misses, max_list)


def mismatch_lines(title: str, misses: list[FieldMiss], max_list: int) -> list[str]:
    lines = [f"{title} ({len(misses)}):"]
    for paths, group in _grouped_misses(misses)[:max_list]:
        m = group[0]
        lines.append(
            f"  {paths}  ×{len(group)}  e.g. {m.file}[{m.report}] {m.path}: "
            f"expected {_short(m.expected)} got {_short(m.got)}"
        )
    return lines


def scan_lines(s: EvalResult, max_list: int) -> list[str]:
    """The scan family (扫描件): its tally line among the family lines, then how its field
    mismatches fell (flagged for the reviewer, or silently wrong) and its misses."""
    f = s.scan_fields or ScanFields()
    lines = [
        corpus_line(s),
        "scanned copies (扫描件), scored against their Word originals' answer keys:",
        tally_line(SCAN_FAMILY, s.total),
        *(tally_line("  " + k, s.by_layout[k]) for k in sorted(s.by_layout) if k.startswith("family=")),
        (
            f"  fields flagged low-confidence {len(f.flagged)}, in unread files {len(f.unread)}, "
            f"silently wrong {len(f.silently_wrong)}; free text within OCR's error rate {len(f.text_misreads)}"
        ),
    ]
    lines += miss_lines(s, max_list)
    lines += mismatch_lines("SILENTLY WRONG (no low-confidence flag)", f.silently_wrong, max_list)
    lines += mismatch_lines("FREE TEXT MISREAD (tolerated)", f.text_misreads, max_list)
    return lines


def _grouped_misses(misses: Iterable[FieldMiss]) -> list[tuple[str, list[FieldMiss]]]:
    """Mismatches grouped by path pattern (indices dropped), most frequent first."""
    import re

    groups: dict[str, list[FieldMiss]] = defaultdict(list)
    for m in misses:
        groups[re.sub(r"\[\d+\]", "[]", m.path)].append(m)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary_json(r: EvalResult) -> dict:
    def t(x: Tally) -> dict:
        return {
            "accuracy": x.accuracy,
            "recall": x.recall,
            "precision": x.precision,
            "leaves": x.leaves,
            "wrong": x.wrong,
            "flagged": x.flagged,
            "expected": x.expected,
            "found": x.found,
            "false_positives": x.false_positive,
        }

    out = {
        "corpus": r.corpus,
        "files": r.files,
        "reports": r.reports,
        "total": t(r.total),
        "by_layout": {k: t(v) for k, v in sorted(r.by_layout.items())},
        "by_family": {k: t(v) for k, v in sorted(r.by_family.items())},
        "by_kind": {k: t(v) for k, v in sorted(r.by_kind.items())},
        "missed": [e.__dict__ for e in r.missed],
        "false_positives": [
            {"file": Path(f.file).name, "rule": f.rule, "message": f.message} for f in r.false_positives
        ],
        "field_misses": [
            {
                "file": m.file,
                "report": m.report,
                "path": m.path,
                "expected": repr(m.expected),
                "got": repr(m.got),
            }
            for m in r.field_misses
        ],
    }
    if r.scan_fields is not None:
        out["scan_fields"] = {k: len(v) for k, v in vars(r.scan_fields).items()}
    if r.scans is not None:
        out["scans"] = summary_json(r.scans)
    return out


def exit_code(r: EvalResult, min_accuracy: float, min_recall: float, min_precision: float) -> int:
    """1 when a threshold is missed; for the scans, accuracy is the share not silently wrong (a
    figure flagged low-confidence goes to the reviewer, which is what a scan may do)."""
    below = r.accuracy < min_accuracy or r.recall < min_recall or r.precision < min_precision
    if r.scans is not None:
        s = r.scans
        below |= s.total.reliability < min_accuracy or s.recall < min_recall or s.precision < min_precision
    return int(below)


# --- command line ---------------------------------------------------------------------------------------


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--min-accuracy",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="exit 1 when field accuracy is below this (0–1)",
)
@click.option(
    "--min-recall",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="exit 1 when finding recall is below this (0–1)",
)
@click.option(
    "--min-precision",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="exit 1 when finding precision is below this (0–1)",
)
@click.option("--workers", type=click.IntRange(min=1), help="reader processes (default: all cores)")
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="also write the metrics as JSON",
)
@click.option(
    "--max-list",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_LIST,
    show_default=True,
    help="at most this many misses listed per kind",
)
@click.option(
    "--scans",
    "scans_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="also score the scanned copies in this directory (manifest.json: scan → Word original), "
    "e.g. corpus/scans/generated, as the family scan (扫描件); OCR costs seconds a page",
)
@click.pass_context
def command(
    ctx, corpus_dir, min_accuracy, min_recall, min_precision, workers, json_out, max_list, scans_dir
) -> None:
    """Evaluate extraction accuracy and finding recall/precision on a labelled corpus (answer_key.json)."""
    try:
        result = evaluate(corpus_dir, workers, scans_dir)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo("\n".join(report_lines(result, max_list)))
    if json_out:
        json_out.write_text(json.dumps(summary_json(result), ensure_ascii=False, indent=1), encoding="utf-8")
    ctx.exit(exit_code(result, min_accuracy, min_recall, min_precision))


def main(argv: list[str] | None = None) -> None:
    command.main(args=argv, prog_name="python -m corpus.evaluate", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main())
