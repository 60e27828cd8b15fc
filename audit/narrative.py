"""Figures stated in a report's narrative (`Report.narrative`), with what they are about.

Every amount ("29201万元", "13742余万元", "14.8亿元", "1983万") becomes a money `Figure` in 万元 whose
concept comes from the clause just before it (see `normalize.concepts`). Every percentage of the form
"占…的x%" / "占x%" becomes a share of the amount stated before it in the same sentence; one
after a rate's name ("资金到位率为100%") becomes a rate. Counts that should read the same wherever
they appear (户数, 小区个数, 建筑面积) become quantities. Each figure keeps its sentence (evidence),
the source path of its section and, where `Report.statements` records it, the source of the
paragraph that holds it (a finding points there, not at the section's first paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from jixiao_audit.audit.tolerance import Interval, stated_interval
from jixiao_audit.normalize.concepts import (
    QUANTITY_CONCEPTS,
    RATE_CONCEPTS,
    SHARE_BASES,
    Concept,
    QuantityConcept,
    RateConcept,
    ShareBase,
)
from jixiao_audit.normalize.model import Report, Source
from jixiao_audit.normalize.prose import (
    MONEY,
    PERCENT,
    UNIT_SCALE,
    money_concept,
    sentence_at,
)
from jixiao_audit.normalize.prose import clause_start as _clause_start
from jixiao_audit.normalize.prose import to_decimal as _decimal
from jixiao_audit.normalize.text import clean_line

SHARE_TAIL = re.compile(r"占(?P<base>[^，,。；;%％\d]{0,24}?)(?:的)?(?:比例|比重)?(?:为|达到|达|是|约)?\s*$")
IMPLICIT_BASE = re.compile(r"[\s本年全年度的]")  # "占本年的6.05%" names no base: the amount's own total
RATE_TAIL = r"\s*(?:为|达到|达|是|约|仅|只有)?\s*$"

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


def _money(report: Report, i: int, part: Part, text: str) -> list[Figure]:
    found = []
    for m in MONEY.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isdigit() or text[m.start() - 1] == "."):
            continue
        clause = text[_clause_start(text, m.start()) : m.start()]
        value = _decimal(m["num"]).scaleb(UNIT_SCALE[m["unit"]])
        found.append(
            Figure(
                "money",
                value,
                bool(m["approx"]),
                i,
                part,
                m.start(),
                sentence_at(text, m.start(), m.end()),
                clause,
                m.group(0),
                concept=money_concept(clause, report.kind),
            )
        )
    return found


def _percentages(report: Report, i: int, part: Part, text: str, money: list[Figure]) -> list[Figure]:
    found = []
    for m in PERCENT.finditer(text):
        pre = text[_clause_start(text, m.start()) : m.start()]
        sentence = sentence_at(text, m.start(), m.end())
        common = {
            "at_least": bool(m["approx"]),
            "section": i,
            "part": part,
            "start": m.start(),
            "sentence": sentence,
            "clause": pre,
            "raw": m.group(0),
        }
        share = SHARE_TAIL.search(pre)
        if share:
            before = [f for f in money if f.start < m.start() and f.sentence == sentence]
            base_text = share["base"]
            base = next((b for b in SHARE_BASES if re.search(b.pattern, base_text)), None)
            if before and (base is not None or not IMPLICIT_BASE.sub("", base_text)):
                found.append(Figure("share", _decimal(m["num"]), of=before[-1], base=base, **common))
            continue
        rate = next(
            (r for r in RATE_CONCEPTS if report.kind in r.kinds and re.search(r.pattern + RATE_TAIL, pre)),
            None,
        )
        if rate is not None:
            found.append(Figure("rate", _decimal(m["num"]), rate=rate, **common))
    return found


def _quantities(i: int, part: Part, text: str) -> list[Figure]:
    found: list[Figure] = []
    seen: set[tuple[str, int]] = set()
    for q in QUANTITY_CONCEPTS:
        for pattern in q.patterns:
            for m in re.finditer(pattern, text):
                if (q.key, m.start(1)) in seen:
                    continue
                seen.add((q.key, m.start(1)))
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
                        text[_clause_start(text, m.start(1)) : m.start(1)],
                        m.group(0),
                        quantity=q,
                    )
                )
    return found


def _lines(report: Report) -> Iterator[tuple[int, Part, int, str]]:
    """(section, part, line, text) of every narrative paragraph in reading order: each section's
    heading, then the lines of its text (one per paragraph of the document)."""
    for i, part, text in _parts(report):
        for n, line in enumerate(text.split("\n")):
            yield i, part, n, line


def _position(source: Source) -> tuple:
    return (source.table, source.row, source.col, source.paragraph, source.page, source.raw)


def paragraph_sources(report: Report) -> dict[tuple[int, Part, int], Source]:
    """(section, part, line) → the source of that paragraph, for the paragraphs `Report.statements`
    records (those stating a figure). Both lists are in reading order and a paragraph's text is its
    line's text, so one merge pairs them (a paragraph written twice is paired in turn)."""
    paragraphs: list[Source] = []
    for statement in report.statements:
        if not paragraphs or _position(paragraphs[-1]) != _position(statement.source):
            paragraphs.append(statement.source)
    found: dict[tuple[int, Part, int], Source] = {}
    j = 0
    for i, part, n, line in _lines(report):
        if j < len(paragraphs) and clean_line(paragraphs[j].raw) == line:
            found[(i, part, n)] = replace(paragraphs[j], span=None)
            j += 1
    return found


def extract_figures(report: Report) -> list[Figure]:
    """All figures of the report's narrative, in reading order, each with its paragraph's source."""
    figures: list[Figure] = []
    for i, part, text in _parts(report):
        money = _money(report, i, part, text)
        figures += money + _percentages(report, i, part, text, money) + _quantities(i, part, text)
    figures.sort(key=lambda f: (f.section, f.part != "heading", f.start))
    paragraphs = paragraph_sources(report)
    texts = {(i, part): text for i, part, text in _parts(report)}
    for f in figures:
        f.source = paragraphs.get((f.section, f.part, texts[(f.section, f.part)].count("\n", 0, f.start)))
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
