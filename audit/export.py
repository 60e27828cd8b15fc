"""Machine-readable exports of one audit run: JSON for other tools, CSV for Excel users.

JSON is deterministic (input order for reports, sorted findings, fixed key order), so the same
input gives byte-identical output. CSV is UTF-8 with a BOM so Excel shows the Chinese, and text
cells that a spreadsheet would run as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
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
from jixiao_audit.audit.versions import Member, MemberKey, VersionGroup, member_key, members_by_key
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
    versions = versions or {}
    entries = []
    for result in results:
        if result.status != "ok" or not result.reports:
            values = (result.file, None, None, None, result.status, result.error, None, None, None)
            entries.append(dict(zip(REPORT_KEYS, values)))
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
            entries.append(dict(zip(REPORT_KEYS, values)))
    return entries


def finding_entries(findings: Sequence[Finding]) -> list[dict]:
    """Findings in the workbook's order, each with a fixed key order and Decimals as numbers."""
    dumped = [f.model_dump(mode="json") for f in findings]
    entries = [{k: d[k] for k in FINDING_KEYS} for d in dumped]
    order = sorted(range(len(findings)), key=lambda i: (findings[i].sort_key(), _canonical(entries[i])))
    return [entries[i] for i in order]


def _canonical(entry: dict) -> str:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)


def audit_json(run: RunResult) -> str:
    """The `--json` document as text (ends with a newline)."""
    doc = {
        "reports": report_entries(run.files, members_by_key(run.versions)),
        "findings": finding_entries(run.findings),
        "versions": [group.model_dump(mode="json") for group in run.versions],
    }
    return json.dumps(doc, ensure_ascii=False, indent=JSON_INDENT) + "\n"


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
    return write_text(path, audit_json(run))


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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def write_csv(directory: str | Path, run: RunResult) -> list[Path]:
    """问题清单.csv and 报告汇总.csv in `directory` (created if missing)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    sheets = [findings_sheet(run), summary_sheet(run)]
    names = {SHEET_FINDINGS: "问题清单.csv", SHEET_SUMMARY: "报告汇总.csv"}
    return [write_text(directory / names[s.name], sheet_csv(s), encoding=CSV_ENCODING) for s in sheets]
