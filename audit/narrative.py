"""Figures stated in a report's narrative (`Report.narrative`), with what they are about.

Amounts and percentages are the ones the normaliser recorded as `Report.statements` (the one record
of prose figures, issue 11): every amount ("29201万元", "13742余万元", "14.8亿元", "1983万") is a money
`Figure` in 万元 with the statement's concept (the clause just before it, `normalize.concepts`).
A percentage of the form "占…的x%" / "占x%" becomes a share of the amount stated before it in the
same sentence; one after a rate's name ("资金到位率为100%") becomes a rate. Counts that should read
the same wherever they appear (户数, 小区个数, 建筑面积) are not statements and are read from the text
as quantities. Each figure keeps its sentence (evidence), the source path of its section and the
source of the paragraph that holds it (a finding points there, not at the section's first paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from jixiao_audit.audit.tolerance import Interval, stated_interval
from jixiao_audit.normalize.concepts import (
    MONEY_CONCEPTS,
    QUANTITY_CONCEPTS,
    RATE_CONCEPTS,
    SHARE_BASES,
    Concept,
    QuantityConcept,
    RateConcept,
    ShareBase,
)
from jixiao_audit.normalize.model import Report, Source, Statement
from jixiao_audit.normalize.prose import clause_start as _clause_start
from jixiao_audit.normalize.prose import enumerations, sentence_at
from jixiao_audit.normalize.prose import to_decimal as _decimal
from jixiao_audit.normalize.text import clean_line

SHARE_TAIL = re.compile(r"占(?P<base>[^，,。；;%％\d]{0,24}?)(?:的)?(?:比例|比重)?(?:为|达到|达|是|约)?\s*$")
IMPLICIT_BASE = re.compile(r"[\s本年全年度的]")  # "占本年的6.05%" names no base: the amount's own total
RATE_TAIL = r"\s*(?:为|达到|达|是|约|仅|只有)?\s*$"
APPROX = re.compile(r"余|多")  # "13742余万元", "800多": a lower bound
MONEY_BY_KEY = {c.key: c for c in MONEY_CONCEPTS}

FigureKind = Literal["money", "share", "rate", "quantity"]
Part = Literal["heading", "text"]


@dataclass(eq=False)
class Figure:
    kind: FigureKind
    value: Decimal  # 万元 for money, percent for share/rate, the concept's unit for quantities
    at_least: bool  # "13742余万元", "800多": the figure is a lower bound
    section: int  # index in report.narrative
    part: Part
    start: int  # offset in the section's heading/text
    sentence: str
    clause: str  # the text before the figure its concept was read from
    raw: str  # the figure as written, e.g. "13742余万元"
    concept: Concept | None = None  # money
    of: Figure | None = None  # share: the amount it is a share of
    base: ShareBase | None = None  # share: the named base ("本年收入合计")
    rate: RateConcept | None = None  # rate
    quantity: QuantityConcept | None = None  # quantity
    source: Source | None = None  # the paragraph holding the figure (from `Report.statements`)
    is_part: bool = False  # money: one item of a total the sentence splits (一批…，二批…，合计…)

    @property
    def path(self) -> str:
        return f"narrative[{self.section}].{self.part}"

    @property
    def location(self) -> str | None:
        """The paragraph holding the figure (第12段 / 表3 第5行第2列 单元格内第4段); None: unknown,
        the finding then names its section."""
        return (self.source.describe() or None) if self.source is not None else None

    def interval(self) -> Interval:
        return stated_interval(self.value, at_least=self.at_least)

    @property
    def key(self) -> str | None:
        if self.concept:
            return self.concept.key
        if self.rate:
            return self.rate.key
        if self.quantity:
            return self.quantity.key
        return None


def _parts(report: Report) -> Iterator[tuple[int, Part, str]]:
    for i, section in enumerate(report.narrative):
        if section.heading:
            yield i, "heading", section.heading
        if section.text:
            yield i, "text", section.text


@dataclass
class _Paragraph:
    """One narrative paragraph that `Report.statements` records: where it stands in the narrative
    (section, part, offset of its line in that part's text) and its statements in reading order."""

    section: int
    part: Part
    offset: int
    source: Source
    statements: list[Statement]


def _position(source: Source) -> tuple:
    return (source.table, source.row, source.col, source.paragraph, source.page, source.raw)


def _paragraphs(report: Report) -> list[_Paragraph]:
    """The statements grouped by paragraph, each paragraph placed at its narrative line. Both lists
    are in reading order and a paragraph's text is its line's text, so a forward search pairs them
    (a paragraph written twice is paired in turn)."""
    groups: list[tuple[Source, list[Statement]]] = []
    for statement in report.statements:
        if groups and _position(groups[-1][0]) == _position(statement.source):
            groups[-1][1].append(statement)
        else:
            groups.append((statement.source, [statement]))
    lines = [
        (i, part, offset, clean_line(line))
        for i, part, text in _parts(report)
        for offset, line in _with_offsets(text.split("\n"))
    ]
    found: list[_Paragraph] = []
    k = 0
    for source, statements in groups:
        text = clean_line(source.raw)
        at = next((n for n in range(k, len(lines)) if lines[n][3] == text), None)
        if at is None:
            continue  # a paragraph the narrative no longer holds (edited by hand): never shift the rest
        i, part, offset, _ = lines[at]
        found.append(_Paragraph(i, part, offset, replace(source, span=None), statements))
        k = at + 1
    return found


def _with_offsets(lines: list[str]) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in lines:
        yield offset, line
        offset += len(line) + 1


def _figures_of(report: Report, para: _Paragraph) -> list[Figure]:
    """The money, share and rate figures of one paragraph, from its statements (amounts in 万元,
    percentages); the clause before each figure decides what a percentage is."""
    money: list[Figure] = []
    found: list[Figure] = []
    parts = {id(p) for e in enumerations(para.statements) for p in e.parts}
    for statement in para.statements:
        if statement.unit not in ("万元", "%"):
            continue
        raw = statement.source.raw
        start, end = statement.source.span or (0, 0)
        common = {
            "value": statement.value,
            "at_least": bool(APPROX.search(raw[start:end])),
            "section": para.section,
            "part": para.part,
            "start": para.offset + start,
            "sentence": clean_line(statement.text),
            "clause": clean_line(raw[_clause_start(raw, start) : start]),
            "raw": raw[start:end],
            "source": para.source,
        }
        if statement.unit == "万元":
            concept = MONEY_BY_KEY.get(statement.concept or "")
            money.append(Figure("money", concept=concept, is_part=id(statement) in parts, **common))
        elif (figure := _percentage(report, common, money)) is not None:
            found.append(figure)
    return money + found


def _percentage(report: Report, common: dict, money: list[Figure]) -> Figure | None:
    """A share of the amount stated before it in the same sentence ("占…的x%"), or a named rate."""
    pre = common["clause"]
    share = SHARE_TAIL.search(pre)
    if share:
        before = [f for f in money if f.start < common["start"] and f.sentence == common["sentence"]]
        base_text = share["base"]
        base = next((b for b in SHARE_BASES if re.search(b.pattern, base_text)), None)
        if before and (base is not None or not IMPLICIT_BASE.sub("", base_text)):
            return Figure("share", of=before[-1], base=base, **common)
        return None
    rate = next(
        (r for r in RATE_CONCEPTS if report.kind in r.kinds and re.search(r.pattern + RATE_TAIL, pre)),
        None,
    )
    return Figure("rate", rate=rate, **common) if rate is not None else None


def _quantities(i: int, part: Part, text: str) -> list[Figure]:
    found: list[Figure] = []
    seen: set[tuple[str, int]] = set()
    for q in QUANTITY_CONCEPTS:
        for pattern in q.patterns:
            for m in re.finditer(pattern, text):
                if (q.key, m.start(1)) in seen:
                    continue
                seen.add((q.key, m.start(1)))
                clause = text[_clause_start(text, m.start(1)) : m.start(1)]
                if q.not_in_clause and re.search(q.not_in_clause, clause):
                    continue
                number = m.group(1).replace(" ", "")
                if number.endswith("万"):
                    value = _decimal(number[:-1]) if q.per_wan else _decimal(number[:-1]).scaleb(4)
                else:
                    value = _decimal(number).scaleb(-4) if q.per_wan else _decimal(number)
                at_least = text[m.end(1) : m.end(1) + 2].lstrip().startswith(("余", "多"))
                found.append(
                    Figure(
                        "quantity",
                        value,
                        at_least,
                        i,
                        part,
                        m.start(1),
                        sentence_at(text, m.start(), m.end()),
                        clause,
                        m.group(0),
                        quantity=q,
                    )
                )
    return found


def paragraph_sources(report: Report) -> dict[tuple[int, Part, int], Source]:
    """(section, part, line) → the source of that paragraph, for the paragraphs `Report.statements`
    records (those stating a figure)."""
    texts = {(i, part): text for i, part, text in _parts(report)}
    return {
        (p.section, p.part, texts[(p.section, p.part)].count("\n", 0, p.offset)): p.source
        for p in _paragraphs(report)
    }


def extract_figures(report: Report) -> list[Figure]:
    """All figures of the report's narrative, in reading order, each with its paragraph's source.

    Amounts and percentages are the ones `Report.statements` records (the normaliser's one record of
    prose figures); counts of things (户数, 建筑面积 …) are not statements and are read from the text.
    """
    paragraphs = _paragraphs(report)
    figures = [f for para in paragraphs for f in _figures_of(report, para)]
    at = {(p.section, p.part, p.offset): p.source for p in paragraphs}
    for i, part, text in _parts(report):
        for f in _quantities(i, part, text):
            f.source = at.get((i, part, text.rfind("\n", 0, f.start) + 1))
            figures.append(f)
    figures.sort(key=lambda f: (f.section, f.part != "heading", f.start))
    return figures


def find_claims(report: Report, patterns: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    """(path, sentence, location) of every narrative sentence matching one of `patterns`; the
    location is its paragraph's when a figure there is recorded, else None (its section's)."""
    paragraphs = paragraph_sources(report)
    found = []
    for i, part, text in _parts(report):
        for pattern in patterns:
            for m in re.finditer(pattern, text):
                source = paragraphs.get((i, part, text.count("\n", 0, m.start())))
                location = (source.describe() or None) if source is not None else None
                found.append((f"narrative[{i}].{part}", sentence_at(text, m.start(), m.end()), location))
    return found


# ---------------------------------------------------------------- project names in prose

PROJECT_NAME_NOISE = re.compile(r"^\d{4}年度?|项目$|工程$|资金$|专项$|[\s“”\"《》]")
MIN_PROJECT_KEY = 4


def project_key(name: str | None) -> str | None:
    """The part of a project name prose repeats: "2020年老旧小区改造项目" → "老旧小区改造"."""
    if not name:
        return None
    key = name
    for _ in range(3):
        key = PROJECT_NAME_NOISE.sub("", key)
    return key if len(key) >= MIN_PROJECT_KEY else None


def mentions(text: str, name: str | None) -> bool:
    key = project_key(name)
    return bool(key) and key in re.sub(r"\s", "", text)


def section_text(report: Report, index: int) -> str:
    s = report.narrative[index]
    return f"{s.heading}\n{s.text}"
