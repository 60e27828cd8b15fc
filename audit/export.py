"""Machine-readable exports of one audit run: JSON for other tools, CSV for Excel users.

JSON is deterministic (input order for reports, sorted findings, fixed key order), so the same
input gives byte-identical output. CSV is UTF-8 with a BOM so Excel shows the Chinese, and text
cells that a spreadsheet would run as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.result import FileResult, RunResult
from jixiao_audit.audit.sheets import (
    SHEET_FINDINGS,
    SHEET_SUMMARY,
    CellValue,
    Sheet,
    findings_sheet,
    is_number,
    summary_sheet,
    text_of,
)
from jixiao_audit.audit.store import canonical_entry
from jixiao_audit.audit.versions import Member, MemberKey, VersionGroup, member_key
from jixiao_audit.audit.workbook import atomic_write
from jixiao_audit.normalize.model import Report

REPORT_KEYS = ("file", "kind", "department", "year", "status", "error", "project", "group", "superseded_by")
FINDING_KEYS = (
    "file",
    "rule",
    "severity",
    "message",
    "expected",
    "actual",
    "location",
    "evidence",
    "related_file",
)
CSV_ENCODING = "utf-8-sig"
# A leading character that makes Excel or WPS evaluate the cell; WPS also takes fullwidth forms.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
JSON_INDENT = 2


def report_entries(
    results: Sequence[FileResult], versions: dict[MemberKey, tuple[VersionGroup, Member]] | None = None
) -> list[dict]:
    """One entry per report; an unreadable file (or one without reports) one entry, kind null.

    `group` is the id of the report's group of versions (null when the batch holds no other version);
    `superseded_by` the file of the newer version the checks across reports used instead (null: this one).
    """
    return list(iter_report_entries(results, versions))


def iter_report_entries(
    results: Sequence[FileResult], versions: dict[MemberKey, tuple[VersionGroup, Member]] | None = None
) -> Iterator[dict]:
    """`report_entries`, one at a time."""
    versions = versions or {}
    for result in results:
        if result.status != "ok" or not result.reports:
            values = (result.file, None, None, None, result.status, result.error, None, None, None)
            yield dict(zip(REPORT_KEYS, values))
            continue
        for r in result.reports:
            project = r.project_name if r.kind == "project" else None
            group, member = versions.get(member_key(result.file, r.kind, project), (None, None))
            superseded_by = group.current.file if group and member != group.current else None
            values = (
                result.file,
                r.kind,
                r.department,
                r.year,
                "ok",
                None,
                project,
                group and group.id,
                superseded_by,
            )
            yield dict(zip(REPORT_KEYS, values))


def finding_entry(finding: Finding) -> dict:
    """A finding as the JSON lists it: a fixed key order, Decimals as numbers."""
    dumped = finding.model_dump(mode="json")
    return {k: dumped[k] for k in FINDING_KEYS}


def finding_entries(findings: Sequence[Finding]) -> list[dict]:
    """Findings in the workbook's order, each with a fixed key order and Decimals as numbers."""
    entries = [finding_entry(f) for f in findings]
    order = sorted(range(len(findings)), key=lambda i: (findings[i].sort_key(), canonical_entry(entries[i])))
    return [entries[i] for i in order]


def run_finding_entries(run: RunResult) -> Iterable[dict]:
    """The run's findings as `finding_entries` orders them (from disk, one at a time, for a stored run)."""
    if run.store is None:
        return finding_entries(run.findings)
    return (finding_entry(f) for f in run.store.findings_for_json())


def json_list(items: Iterable[object], level: int = 1) -> Iterator[str]:
    """A list nested `level` deep, as `json.dumps(indent=2)` writes it, one item at a time."""
    inner = "\n" + " " * JSON_INDENT * (level + 1)
    first = True
    for item in items:
        # a dumped value's newlines are all structural (a string's own are escaped), so indenting
        # after each one is exactly json.dumps's nesting
        text = json.dumps(item, ensure_ascii=False, indent=JSON_INDENT).replace("\n", inner)
        yield ("[" if first else ",") + inner + text
        first = False
    yield "[]" if first else "\n" + " " * JSON_INDENT * level + "]"


def audit_json_chunks(run: RunResult) -> Iterator[str]:
    """The `--json` document in pieces (the text of `audit_json`), so a run of any size is written
    without holding its text, or its findings, at once."""
    yield '{\n  "reports": '
    yield from json_list(iter_report_entries(run.files, run.version_index()))
    yield ',\n  "findings": '
    yield from json_list(run_finding_entries(run))
    yield ',\n  "versions": '
    yield from json_list(group.model_dump(mode="json") for group in run.versions)
    yield "\n}\n"


def audit_json(run: RunResult) -> str:
    """The `--json` document as text (ends with a newline)."""
    return "".join(audit_json_chunks(run))


def reports_json(reports: Iterable[Report]) -> Iterator[str]:
    """`{"reports": [...]}` as `json.dumps(indent=2)` would write it, one report at a time, so a
    batch of any size is written without holding its text (or its reports) at once."""
    first = True
    yield '{\n  "reports": ['
    for report in reports:
        text = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=JSON_INDENT)
        yield ("\n" if first else ",\n") + textwrap.indent(text, " " * 2 * JSON_INDENT)
        first = False
    yield ("]" if first else "\n  ]") + "\n}\n"


def write_chunks(path: str | Path, chunks: Iterable[str], encoding: str = "utf-8") -> Path:
    """Write text given in pieces atomically (temp file beside the target, then replace)."""
    path = Path(path)

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding=encoding, newline="") as out:
            out.writelines(chunks)

    atomic_write(path, write)
    return path


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write text atomically (temp file beside the target, then replace)."""
    return write_chunks(path, [text], encoding)


def write_json(path: str | Path, run: RunResult) -> Path:
    return write_chunks(path, audit_json_chunks(run))


# ---------------------------------------------------------------- CSV


def csv_cell(value: CellValue) -> str:
    """Numbers plainly; text that a spreadsheet would evaluate gets a leading ``'``."""
    if value is None:
        return ""
    if is_number(value):
        return f"{value:f}" if isinstance(value, Decimal) else str(value)
    text = text_of(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def sheet_csv(sheet: Sheet) -> str:
    return "".join(sheet_csv_chunks(sheet))


def sheet_csv_chunks(sheet: Sheet) -> Iterator[str]:
    """The sheet as CSV text, a line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = itertools.chain(
        [[c.header for c in sheet.columns]], ([csv_cell(v) for v in row] for row, _ in sheet.entries())
    )
    for line in lines:
        writer.writerow(line)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def write_csv(directory: str | Path, run: RunResult) -> list[Path]:
    """问题清单.csv and 报告汇总.csv in `directory` (created if missing)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    sheets = [findings_sheet(run), summary_sheet(run)]
    names = {SHEET_FINDINGS: "问题清单.csv", SHEET_SUMMARY: "报告汇总.csv"}
    return [
        write_chunks(directory / names[s.name], sheet_csv_chunks(s), encoding=CSV_ENCODING) for s in sheets
    ]
