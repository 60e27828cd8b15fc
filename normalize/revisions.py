"""Tracked changes onto reports: each raw `Revision` goes to the report whose lines hold it.

A combined file holds several reports; a revision belongs to the report (or the rubric, hence
its report) whose segment contains its table row or paragraph. Inside a table it is tied to the
value read from that cell (`Report.sources`), and to the row's label left of it, so a rule can
say 实际到位资金 changed from 5075 to 5057.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao_audit.extract.raw import Revision as RawRevision
from jixiao_audit.normalize.lines import Line
from jixiao_audit.normalize.model import Report, Revision, Source
from jixiao_audit.normalize.text import clean_label, is_number

LABEL_MAX_CHARS = 24  # a row label is short; a long cell to the left is text, not a label
UNIT_SUFFIX = re.compile(r"[（(](?:万元|元|%|％|人|个)[）)]$")  # 实际到位资金（万元） → 实际到位资金

Place = tuple[str, int, int | None]  # ("T", table, row) or ("P", paragraph, None)


def line_places(lines: Sequence[Line]) -> list[Place]:
    return [
        ("P", line.paragraph.index, None)
        if line.paragraph is not None
        else ("T", line.table.index if line.table else -1, line.row)
        for line in lines
    ]


def revision_place(revision: RawRevision) -> Place:
    if revision.table is not None:
        return ("T", revision.table, revision.row)
    return ("P", revision.paragraph if revision.paragraph is not None else -1, None)


def row_label(line: Line | None, col: int | None) -> str | None:
    """The nearest short, non-numeric cell left of grid column `col` in the row: the value's label."""
    if line is None or line.paragraph is not None or col is None:
        return None
    for cell in reversed([c for c in line.cells if c.col < col]):
        text = UNIT_SUFFIX.sub("", clean_label(cell.text.replace("\n", "")))
        if text and not is_number(text) and len(text) <= LABEL_MAX_CHARS:
            return text
    return None


def value_path(report: Report, source: Source) -> str | None:
    """The report value read from the same cell (or paragraph) as the revision, if any."""
    for path, src in report.sources.items():
        if (src.table, src.row, src.col) == (source.table, source.row, source.col) and (
            source.table is not None or src.paragraph == source.paragraph
        ):
            return path
    return None


def to_model(revision: RawRevision, file: str, line: Line | None, report: Report) -> Revision:
    source = Source(
        file=file,
        table=revision.table,
        row=revision.row,
        col=revision.col,
        paragraph=revision.paragraph,
        raw=revision.new,
    )
    return Revision(
        old=revision.old,
        new=revision.new,
        author=revision.author,
        date=revision.date,
        path=value_path(report, source) if revision.table is not None else None,
        label=row_label(line, revision.col),
        source=source,
    )


def attach_revisions(
    revisions: Sequence[RawRevision], file: str, owned: Sequence[tuple[Sequence[Line], Report]]
) -> None:
    """Append each revision to the report owning the lines it stands in (else the first report).

    `owned` pairs each segment's lines with its report (a rubric's lines with the report it
    was attached to).
    """
    if not revisions or not owned:
        return
    where: dict[Place, tuple[Line, Report]] = {}
    for lines, report in owned:
        for place, line in zip(line_places(lines), lines):
            where.setdefault(place, (line, report))
    for revision in revisions:
        line, report = where.get(revision_place(revision), (None, owned[0][1]))
        report.revisions.append(to_model(revision, file, line, report))
