"""V7xx: versions of one report — unaccepted tracked changes in a file, and one report sent several times.

The grouping itself is `audit.versions.group_versions` (run by the engine before any rule); these
rules only say what it found, so the reviewer knows which version the other checks used and what
changed between versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.registry import AuditContext, rule
from jixiao_audit.audit.values import path_label
from jixiao_audit.audit.versions import SHORT_TEXT_MAX_CHARS, VersionGroup
from jixiao_audit.normalize.model import Report, Revision
from jixiao_audit.normalize.text import maybe_number

FIGURE = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?%?")
CONTEXT_MAX_CHARS = 12  # the words just before a figure that name it (其中中央补助资金)
CONTEXT_STOP = re.compile(r"[，。；：、,;:！？!?\n（）()“”\"]")
CONTEXT_FILLER = re.compile(r"^(?:其中|其余|另有|共|合计|总计)|(?:为|是|达到?|共计?|约|计)$")
DELETED, BLANK = "（删除）", "（空白）"

# ---------------------------------------------------------------- tracked changes


def context_label(text: str, start: int) -> str:
    """The words just before a figure in a sentence: 其中中央补助资金5057万元 → 中央补助资金."""
    before = CONTEXT_STOP.split(text[:start])[-1][-CONTEXT_MAX_CHARS:]
    return CONTEXT_FILLER.sub("", CONTEXT_FILLER.sub("", before.strip())).strip()


def changed_figures(old: str, new: str) -> list[tuple[str | None, str | None, str]]:
    """(old figure, new figure, label) for each figure the change altered, in order.

    Figures are aligned as a sequence, so a figure that only moved with the text around it is
    not a change. The label is the words before the figure in the text that holds it.
    """
    a, b = list(FIGURE.finditer(old)), list(FIGURE.finditer(new))
    matcher = SequenceMatcher(None, [m.group() for m in a], [m.group() for m in b], autojunk=False)
    found: list[tuple[str | None, str | None, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            x = olds[k] if k < len(olds) else None
            y = news[k] if k < len(news) else None
            label = context_label(new, y.start()) if y is not None else context_label(old, x.start())
            found.append((x.group() if x else None, y.group() if y else None, label))
    return found


def figure_value(figure: str | None) -> Decimal | str | None:
    """A figure as a number for 期望值/实际值 (a percentage stays text)."""
    if figure is None:
        return None
    number = maybe_number(figure)
    return number if number is not None and not figure.endswith("%") else figure


def _by_whom(revision: Revision) -> str:
    parts = [p for p in (revision.author, (revision.date or "")[:10]) if p]
    return f"（修订人：{'，'.join(parts)}）" if revision.author else (f"（{parts[0]}）" if parts else "")


def revision_label(report: Report, revision: Revision, sentence_label: str) -> str:
    """The changed figure's name: the model field read from its cell, else the row label beside it,
    else the words before it in its sentence. A long passage (the narrative) is named by its sentence."""
    if len(revision.new) > SHORT_TEXT_MAX_CHARS:
        return sentence_label or revision.source.describe()
    if revision.path:
        return path_label(revision.path, report)
    return revision.label or sentence_label or revision.source.describe()


@rule(
    "V701",
    name="存在未接受的修订",
    family="version",
    severity="info",
    template="修订：{label} 由 {old} 改为 {new}{by}（文件含未接受的修订，按接受全部修订后的内容审核）",
)
def tracked_change_figures(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A Word file with unaccepted tracked changes is read as if every change were accepted; this
    names each figure the changes altered (实际到位资金 由 5075 改为 5057) with the author and date, so
    the reviewer can confirm the department meant the corrected figure and not the deleted one.
    Changes that alter no figure (wording) are not listed.
    """
    this = tracked_change_figures.rule
    for revision in report.revisions:
        for old, new, words in changed_figures(revision.old, revision.new):
            yield this.finding(
                report,
                location=revision.source.describe() or None,
                evidence=f"修订前：{revision.old.strip()}\n修订后：{revision.new.strip()}",
                expected=figure_value(old),
                actual=figure_value(new),
                label=revision_label(report, revision, words),
                old=old if old is not None else BLANK,
                new=new if new is not None else DELETED,
                by=_by_whom(revision),
            )


# ---------------------------------------------------------------- versions in one batch


def _name(file: str) -> str:
    return Path(file).name


def _groups(ctx: AuditContext) -> list[VersionGroup]:
    return ctx.versions.groups if ctx.versions is not None else []


@rule(
    "V702",
    name="重复报送",
    family="version",
    severity="info",
    template="重复报送：「{name}」与「{twin}」是同一份报告（{how}），审核采用「{used}」",
    scope="corpus",
)
def duplicate_submissions(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """The same report sent twice: byte-identical files, or another file whose every value reads the
    same (a PDF of the Word file, a renamed copy). A notice: the figures are not wrong, but the copies
    must not be counted twice, so cross-document and year-over-year checks use only one of them.
    """
    this = duplicate_submissions.rule
    for group in _groups(ctx):
        newest = ctx.versions.reports_of(group)
        for member, report in zip(group.members[1:], newest[1:]):
            if member.duplicate_of is None:
                continue
            yield this.finding(
                report,
                related_file=member.duplicate_of,
                name=_name(member.file),
                twin=_name(member.duplicate_of),
                how="文件完全相同" if member.same_bytes else "读取的内容完全相同",
                used=_name(group.current.file),
            )


def as_number_or_text(value: object) -> Decimal | str:
    """期望值/实际值 of a difference: numbers stay numbers (so 差额 is computed), the rest as text."""
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return Decimal(value)
    return _shown(value)


def _shown(value: object) -> str:
    return BLANK if value is None or value == "" else str(value)


@rule(
    "V703",
    name="多个版本",
    family="version",
    severity="warning",
    template="多个版本：{label} 由 {old} 改为 {new}（「{old_file}」→「{new_file}」），审核采用最新版本「{used}」",
    scope="corpus",
)
def differing_versions(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """Several versions of one report (same kind, year, department and project) whose figures differ:
    each difference between consecutive versions, oldest first, so the reviewer sees that 到位资金 went
    from 1800 to 2100. A warning: only the newest version (报告日期, then file time, then 终稿/修改稿 in
    the name) is used by cross-document and year-over-year checks, and the department should confirm it.
    """
    this = differing_versions.rule
    for group in _groups(ctx):
        by_file = {r.file: r for r in ctx.versions.reports_of(group)}
        for d in group.differences:
            newer = by_file.get(d.new_file)
            yield this.finding(
                newer,
                path=d.path,
                expected=as_number_or_text(d.old),
                actual=as_number_or_text(d.new),
                related_file=d.old_file,
                label=path_label(d.path, newer),
                old=_shown(d.old),
                new=_shown(d.new),
                old_file=_name(d.old_file),
                new_file=_name(d.new_file),
                used=_name(group.current.file),
            )
