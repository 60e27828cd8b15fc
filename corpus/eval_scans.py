"""The scanned copies of a labelled corpus as an evaluation family (`scan`, 扫描件).

A scan directory (`corpus/scans/generated`, built by `python -m corpus.build_scans --generated`)
holds image-only PDFs and page images of some of the corpus's Word files, and `manifest.json`
naming each scan's Word original. A scan has no answer key of its own: it is scored against its
original's entry in the corpus's answer_key.json, in a second batch run where each scanned
original is replaced by its scan (so the cross-document and year-over-year rules see the same
neighbours as in the Word run).

Fields are compared as the evaluation compares them for Word files, except for what print cannot
show: fullwidth and halfwidth forms look alike, whitespace is not printed, and OCR misreads about
one character in a hundred of running text (free text within TEXT_ERROR_RATE counts as read, and
is listed). A leaf that still differs is `flagged` when the OCR marked its source low-confidence
(the audit then says 请核对原件), else it is silently wrong: the number that must stay zero.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SCAN_FAMILY = "family=scan"  # 扫描件
SCAN_MANIFEST = "manifest.json"
TEXT_ERROR_RATE = 0.02  # misread characters allowed in free text (one at least; measured 0–1 %)
FREE_TEXT_MIN = 12  # a string this long is prose (narrative, criteria); shorter ones are labels


# --- what print cannot show ----------------------------------------------------------------------------


def fold(text: str) -> str:
    """What print shows: fullwidth and halfwidth forms alike (NFKC), no whitespace."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def char_errors(a: str, b: str) -> int:
    """Characters substituted, dropped or added between two strings."""
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def same_in_print(want: object, got: object) -> bool:
    """Equal as a scan can show it: strings folded (NFKC, no whitespace)."""
    if isinstance(want, str) and isinstance(got, str):
        return fold(want) == fold(got)
    return want == got


def text_within_ocr_rate(want: object, got: object) -> bool:
    """Free text (not a label, not a figure) whose misread characters stay within OCR's error rate,
    with every digit it prints intact."""
    if not (isinstance(want, str) and isinstance(got, str)):
        return False
    x, y = fold(want), fold(got)
    if max(len(x), len(y)) < FREE_TEXT_MIN or digits(x) != digits(y):
        return False
    return char_errors(x, y) <= max(1, TEXT_ERROR_RATE * len(x))


# --- the manifest -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanEntry:
    scan: str  # file name in the scan directory
    original: str  # file name of its Word original in the labelled corpus
    pages: int


def load_manifest(scans: Path) -> list[ScanEntry]:
    """The scans of `scans/manifest.json`; FileNotFoundError with what to run when absent."""
    path = scans / SCAN_MANIFEST
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found (build the scans with python -m corpus.build_scans --generated)"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    return [ScanEntry(e["scan"], e["original"], int(e.get("pages", 0))) for e in data["scans"]]


# --- the result -----------------------------------------------------------------------------------------


@dataclass
class ScanFields:
    """Leaf counts of the scan family beyond the evaluation's Tally."""

    flagged: list = field(default_factory=list)  # FieldMiss on a low-confidence source
    unread: list = field(default_factory=list)  # FieldMiss of a file listed in 读取失败 (or unrecognised)
    silently_wrong: list = field(default_factory=list)  # FieldMiss with nothing flagging it
    text_misreads: list = field(default_factory=list)  # FieldMiss tolerated as OCR's rate in free text


def classify_leaf(report, path: str, want: object, got: object) -> str:
    """ "read" (equal as printed, or free text within OCR's rate), "text", "flagged" or "wrong"."""
    from jixiao_audit.audit.ocr_confidence import shaky_sources

    if same_in_print(want, got):
        return "read"
    if text_within_ocr_rate(want, got):
        return "text"
    figures = [v for v in (want, got) if not isinstance(v, str)]
    if report is not None and shaky_sources(report, leaf_source_path(path), figures):
        return "flagged"
    return "wrong"


def leaf_source_path(path: str) -> str:
    """The `Report.sources` key of a leaf: list lengths (`x.__len__`) belong to the list `x`."""
    return path.removesuffix(".__len__")


def judge_scan_leaves(fields: ScanFields):
    """A `score_fields` judge for scans: mismatches a scan cannot avoid are dropped (free-text
    misreads are kept in `fields.text_misreads`); the rest count, and those the reviewer is told
    about (a low-confidence figure, a file in 读取失败) are told apart from the silently wrong."""

    def judge(reports: list, index: int, misses: list) -> tuple[list, int]:
        if not reports:  # unreadable or unrecognised: listed for the reviewer, nothing silent
            fields.unread += misses
            return misses, len(misses)
        report = reports[index] if index < len(reports) else None
        counted, told = [], 0
        for miss in misses:
            verdict = classify_leaf(report, miss.path, miss.expected, miss.got)
            if verdict == "text":
                fields.text_misreads.append(miss)
            if verdict in ("read", "text"):
                continue
            counted.append(miss)
            if verdict == "flagged":
                fields.flagged.append(miss)
                told += 1
            elif verdict == "wrong":
                fields.silently_wrong.append(miss)
        return counted, told

    return judge


# --- running ------------------------------------------------------------------------------------------


def scan_inputs(corpus: Path, scans: Path, entries: list[dict], manifest: list[ScanEntry]) -> list[Path]:
    """The corpus's files in answer-key order, each scanned original replaced by its scan."""
    names = {e["file"] for e in entries}
    unknown = [s.original for s in manifest if s.original not in names]
    if unknown:
        raise FileNotFoundError(
            f"{scans / SCAN_MANIFEST}: originals not in the answer key: {', '.join(unknown)}"
        )
    scan_of = {s.original: s.scan for s in manifest}
    return [scans / scan_of[e["file"]] if e["file"] in scan_of else corpus / e["file"] for e in entries]


def as_original(finding, original_of: dict[str, str]):
    """A finding on a scan, named as if on its Word original (the answer key's names)."""
    names = {
        attr: original_of[Path(value).name]
        for attr in ("file", "related_file")
        if (value := getattr(finding, attr)) and Path(value).name in original_of
    }
    return finding.model_copy(update=names) if names else finding


def evaluate_scans(corpus: Path, scans: Path, entries: list[dict], workers: int | None = None):
    """The scans of `scans` scored against their originals' answer keys, as an `EvalResult` whose
    `scan_fields` says which field mismatches were flagged, silently wrong or free-text misreads."""
    from corpus.evaluate import new_result, score_entries
    from jixiao_audit.batch import run_batch

    manifest = load_manifest(scans)
    run = run_batch(scan_inputs(corpus, scans, entries, manifest), workers, progress=False)
    original_of = {s.scan: s.original for s in manifest}
    results = {original_of.get(Path(r.file).name, Path(r.file).name): r for r in run.files}
    findings = [as_original(f, original_of) for f in run.findings]
    scanned = [e for e in entries if e["file"] in {s.original for s in manifest}]
    out = new_result(f"{scans} (scans of {corpus})", scanned)
    out.scan_fields = ScanFields()
    score_entries(out, scanned, entries, results, findings, judge_scan_leaves(out.scan_fields))
    return out
