"""Y6xx: checks that need the same department's report of the previous year.

Reports are tied across years by `audit.compare_match` (预算编码, else normalised name; nothing is
guessed). Every check compares one year with the calendar year before; a finding names this
year's file and, as `related_file`, last year's. `audit compare` calls the pair checks directly
(`yoy_findings`); `audit run` over several years' files runs them through the registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao_audit.audit.compare_match import (
    NAME_FITS_SEVERAL,
    SAME_YEAR,
    TWO_CODES,
    Entry,
    Matching,
    match_departments,
    year_pairs,
)
from jixiao_audit.audit.compare_measures import MEASURES, PEOPLE, THREE_PUBLIC_TOTAL, Measure, change
from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.registry import AuditContext, rule
from jixiao_audit.audit.rubrics import normalize_label
from jixiao_audit.audit.rubrics.formulas import change_rate_params, change_vs_previous_year
from jixiao_audit.audit.tolerance import fmt, fmt_plain, quantize, same_amount
from jixiao_audit.audit.values import number
from jixiao_audit.normalize.model import Report

SWING_THRESHOLD_PCT = Decimal(30)  # Y604: a change beyond this many percent is pointed out
SWING_MIN_ABS = {PEOPLE: Decimal(1)}  # ... and by at least this much (per unit; default below)
SWING_MIN_ABS_DEFAULT = Decimal("0.1")  # 0.1 万元 (1000 元): smaller moves are noise, whatever the percentage
FLAT_TOLERANCE_PCT = Decimal(5)  # "持平" holds while the change stays within this many percent
SCORE_TOLERANCE = Decimal("0.01")  # a claimed score may exceed the allowed one by this much

# Y602 scores with the rubric formula `change_vs_previous_year` (its defaults when no rubric file
# describes the item, which is then found by this label).
CHANGE_RATE_FORMULA = "change_vs_previous_year"
CHANGE_RATE_LABEL = re.compile(r"三公经费变动率|三公经费.{0,4}变动")

DOWN, UP, FLAT, NOT_UP, NOT_DOWN = "down", "up", "flat", "not_up", "not_down"
DIRECTION_ZH = {DOWN: "减少", UP: "增加", FLAT: "持平", NOT_UP: "未增加", NOT_DOWN: "未减少"}

# ---------------------------------------------------------------- narrative claims (Y601)

_STOP = r"[^。；;！!？?\n]"
_SUBJECT = r"三公[”\"'’」』]?\s*(?:经费)?"
_COMPARED = (
    r"(?:较上年度?|比上年度?|较上一年度?|比上一年度?|与上年(?:度)?相比|较去年|比去年|同比"
    r"|(?:较|比|与)(?P<vs>\d{4})年度?(?:相比)?)"
)
_DOWN_WORDS = "减少|下降|降低|压缩|缩减|减低|下浮"
_UP_WORDS = "增加|上升|增长|提高|增多|上涨|增大"
_FLAT_WORDS = "基本持平|持平|相当|不变|无变化|没有变化|一致"
_DIRECTION = rf"(?P<neg>未|没有|无|不)?(?P<dir>{_DOWN_WORDS}|{_UP_WORDS}|{_FLAT_WORDS})"
CLAIM_PATTERNS = (
    re.compile(rf"{_SUBJECT}{_STOP}{{0,24}}?{_COMPARED}{_STOP}{{0,8}}?{_DIRECTION}"),
    re.compile(rf"{_COMPARED}{_STOP}{{0,10}}?{_SUBJECT}{_STOP}{{0,12}}?{_DIRECTION}"),
)
_SENTENCE = re.compile(r"[^。；;！!？?\n]*[。；;！!？?]?")


@dataclass(frozen=True)
class Claim:
    direction: str  # DOWN / UP / FLAT / NOT_UP / NOT_DOWN
    phrase: str  # the matched words, e.g. 三公”经费支出总额较上年有减少
    sentence: str
    against: int | None = None  # the year named in "较2019年", None for 较上年 / 同比


def _direction(word: str, negated: bool) -> str:
    if re.fullmatch(_FLAT_WORDS, word):
        return FLAT
    down = bool(re.fullmatch(_DOWN_WORDS, word))
    if negated:
        return NOT_DOWN if down else NOT_UP
    return DOWN if down else UP


def _sentence_at(text: str, start: int, end: int) -> str:
    for m in _SENTENCE.finditer(text):
        if m.start() <= start < max(m.end(), m.start() + 1):
            return m.group().strip()
    return text[start:end]


def three_public_claims(text: str) -> list[Claim]:
    """What a text says about this year's 三公经费 against last year's, in order."""
    claims, seen = [], set()
    for pattern in CLAIM_PATTERNS:
        for m in pattern.finditer(text or ""):
            sentence = _sentence_at(text, m.start(), m.end())
            if sentence in seen:
                continue
            seen.add(sentence)
            against = int(m["vs"]) if m["vs"] else None
            claims.append(Claim(_direction(m["dir"], bool(m["neg"])), m.group(), sentence, against))
    return claims


def report_texts(report: Report) -> list[tuple[str, str]]:
    """(JSON path, text) of the report's free text where claims are made."""
    texts = [(f"narrative[{i}].text", s.text) for i, s in enumerate(report.narrative)]
    texts += [(f"narrative[{i}].heading", s.heading) for i, s in enumerate(report.narrative)]
    texts += [(f"score_items[{i}].note", s.note or "") for i, s in enumerate(report.score_items)]
    texts += [(f"indicators[{i}].actual", s.actual or "") for i, s in enumerate(report.indicators)]
    return [(path, text) for path, text in texts if "三公" in text]


def actual_direction(previous: Decimal, current: Decimal) -> str:
    if same_amount(previous, current):
        return FLAT
    return DOWN if current < previous else UP


def claim_holds(claim: str, previous: Decimal, current: Decimal) -> bool:
    """Whether the claimed direction fits the two years' figures."""
    actual = actual_direction(previous, current)
    if claim == FLAT:
        pct = change(previous, current).percent
        return actual == FLAT or (pct is not None and abs(pct) <= FLAT_TOLERANCE_PCT)
    if claim == NOT_UP:
        return actual != UP
    if claim == NOT_DOWN:
        return actual != DOWN
    return actual == claim


def _pct_text(pct: Decimal | None) -> str:
    return "" if pct is None else f"（{'+' if pct > 0 else ''}{quantize(pct):.2f}%）"


def movement_text(previous: Decimal, current: Decimal, unit: str = "万元") -> str:
    """增加 0.39 万元（+11.18%） / 减少 … / 持平."""
    actual = actual_direction(previous, current)
    if actual == FLAT:
        return "持平"
    diff = abs(current - previous)
    shown = fmt_plain(diff) if unit == PEOPLE else fmt(diff)
    return f"{DIRECTION_ZH[actual]} {shown} {unit}{_pct_text(change(previous, current).percent)}"


@rule(
    "Y601",
    name="三公经费增减表述与上年数据",
    family="year",
    severity="error",
    template="报告称“三公”经费较上年{claim}，但“三公”经费合计{prev_year}年 {previous} 万元、{year}年 {current} 万元，"
    "实际{movement}",
    scope="corpus",
    kinds=("department",),
)
def three_public_claim_vs_last_year(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """A narrative claim that 三公经费 fell (较上年有减少/下降), stayed level (持平) or rose against the
    previous year agrees with the two years' 三公经费合计 (汇总 row). Claiming a decrease when the
    total rose is an error; both years' figures are in the message.
    """
    for current, previous in year_pairs(_matching(reports, ctx)):
        yield from claim_findings(current, previous)


def claim_findings(current: Entry, previous: Entry) -> list[Finding]:
    """Y601 for one department's two consecutive years."""
    now = number(current.report, THREE_PUBLIC_TOTAL.key)
    before = number(previous.report, THREE_PUBLIC_TOTAL.key)
    if now is None or before is None:
        return []
    found = []
    for path, text in report_texts(current.report):
        for claim in three_public_claims(text):
            if claim.against not in (None, previous.year) or claim_holds(claim.direction, before, now):
                continue
            found.append(
                three_public_claim_vs_last_year.rule.finding(
                    current.report,
                    path=path,
                    evidence=claim.sentence,
                    expected=movement_text(before, now),
                    actual=claim.phrase,
                    related_file=previous.file,
                    claim=DIRECTION_ZH[claim.direction],
                    prev_year=previous.year,
                    year=current.year,
                    previous=before,
                    current=now,
                    movement=movement_text(before, now),
                )
            )
    return found


# ---------------------------------------------------------------- 三公经费变动率 re-scored (Y602)


RubricFor = Callable[[Report], object | None]


def rate_items(report: Report, rubric: object | None) -> list[tuple[int, dict]]:
    """(index, rubric parameters) of the report's 三公经费变动率 items: from its rubric file, else by
    label with the formula's defaults (a rubric that does not describe the item)."""
    found = []
    for i, item in enumerate(report.score_items):
        spec = rubric.spec_for(item) if rubric is not None else None  # type: ignore[attr-defined]
        if spec is not None and spec.formula == CHANGE_RATE_FORMULA:
            found.append((i, spec.params))
        elif spec is None and CHANGE_RATE_LABEL.search(normalize_label(item.level3 or item.level2 or "")):
            found.append((i, {}))
    return found


@rule(
    "Y602",
    name="三公经费变动率复核",
    family="year",
    severity="error",
    template="「{item}」自评 {claimed} 分，按评分标准（变动率≤0 计满分，每超过一个百分点扣 {per_point} 分）"
    "最多可得 {allowed} 分：{basis}",
    scope="corpus",
    kinds=("department",),
)
def three_public_rate_rescored(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """The rubric item “三公经费”变动率 re-scored from the two years' 三公经费合计: 变动率 = (本年 −
    上年) / 上年; ≤ 0 full marks, each percentage point over deducts 0.5 (the rubric file's
    parameters). A self score above what the formula allows is an error stating both figures.
    Items the R3xx re-scoring already computed with the previous year are left to R307.
    """
    for current, previous in year_pairs(_matching(reports, ctx)):
        covered = _rescored_by_engine(current.report, ctx)
        yield from rate_findings(current, previous, ctx.rubric_for(current.report), covered)


def _rescored_by_engine(report: Report, ctx: AuditContext) -> set[int]:
    return {
        r.index
        for r in ctx.scores(report)
        if r.spec is not None and r.spec.formula == CHANGE_RATE_FORMULA and r.review_points is not None
    }


def rate_findings(
    current: Entry,
    previous: Entry,
    rubric: object | None,
    skip: set[int] = frozenset(),  # type: ignore[assignment]
) -> list[Finding]:
    """Y602 for one department's two consecutive years, scored by the rubric formula itself."""
    found = []
    for index, params in rate_items(current.report, rubric):
        item = current.report.score_items[index]
        if index in skip or item.self_points is None:
            continue
        score = change_vs_previous_year(item, params, current.report, previous.report)
        if score.allowed is None or item.self_points - score.allowed <= SCORE_TOLERANCE:
            continue
        allowed = quantize(score.allowed)
        found.append(
            three_public_rate_rescored.rule.finding(
                current.report,
                path=f"score_items[{index}].self_points",
                expected=allowed,
                actual=item.self_points,
                related_file=previous.file,
                item=item.level3 or item.level2 or "三公经费变动率",
                claimed=item.self_points,
                allowed=allowed,
                per_point=fmt_plain(Decimal(str(change_rate_params(params)["deduct_per_point"]))),
                basis=score.basis,
            )
        )
    return found


# ---------------------------------------------------------------- carryover (Y603)

BALANCE_PATH = "expenditure.summary.balance_cumulative"
CARRYOVER_PATH = "income.summary.carryover"


@rule(
    "Y603",
    name="上年结转与上年累计结余",
    family="year",
    severity="warning",
    template="{year}年收入表“上年结转” {carryover} 万元，与{prev_year}年报告的累计结余 {balance} 万元不一致，"
    "相差 {diff} 万元{cause}",
    scope="corpus",
    kinds=("department",),
)
def carryover_vs_last_balance(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """This year's 上年结转 (income table, 汇总 row) equals the previous year's 累计结余 (expenditure
    table, 汇总 row). A mismatch is a warning: a restated balance or a typo in either year.
    """
    for current, previous in year_pairs(_matching(reports, ctx)):
        yield from carryover_findings(current, previous)


def carryover_findings(current: Entry, previous: Entry) -> list[Finding]:
    carry = number(current.report, CARRYOVER_PATH)
    balance = number(previous.report, BALANCE_PATH)
    if carry is None or balance is None or same_amount(carry, balance):
        return []
    return [
        carryover_vs_last_balance.rule.finding(
            current.report,
            path=CARRYOVER_PATH,
            expected=balance,
            actual=carry,
            related_file=previous.file,
            year=current.year,
            prev_year=previous.year,
            carryover=carry,
            balance=balance,
            diff=carry - balance,
        )
    ]


# ---------------------------------------------------------------- large swings (Y604)


def _show(value: Decimal, measure: Measure) -> str:
    return fmt_plain(value) if measure.unit == PEOPLE else fmt(value)


def swing_text(measure: Measure, previous: Entry, current: Entry, before: Decimal, now: Decimal) -> str:
    moved = "增至" if now > before else "降至"
    start = f"由{previous.year}年的 {_show(before, measure)} {measure.unit}{moved}{current.year}年的 {_show(now, measure)} {measure.unit}"
    if not before:
        return f"{start}（上年为 0）"
    return f"{start}，{movement_text(before, now, measure.unit)}"


def is_swing(measure: Measure, before: Decimal, now: Decimal, threshold: Decimal) -> bool:
    """|change| beyond `threshold` percent (or from 0) and at least the measure's minimum move."""
    c = change(before, now)
    if c.absolute is None or abs(c.absolute) < SWING_MIN_ABS.get(measure.unit, SWING_MIN_ABS_DEFAULT):
        return False
    return c.percent is None or abs(c.percent) > threshold


@rule(
    "Y604",
    name="年度间大幅变动",
    family="year",
    severity="info",
    template="{label}{movement}，变动超过 {threshold}% 的提示阈值，请核实原因",
    scope="corpus",
    kinds=("department",),
)
def large_swings(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """Income, expenditure, 结余, 三公经费, staffing and fixed assets that moved more than 30 % (and at
    least 0.1 万元 / 1 人) against the previous year are pointed out for the reviewer (info).
    """
    for current, previous in year_pairs(_matching(reports, ctx)):
        yield from swing_findings(current, previous)


def swing_findings(
    current: Entry, previous: Entry, threshold: Decimal = SWING_THRESHOLD_PCT
) -> list[Finding]:
    found = []
    for measure in (m for m in MEASURES if m.swing and m.from_report):
        now, before = measure.read(current.report), measure.read(previous.report)
        if now is None or before is None or not is_swing(measure, before, now, threshold):
            continue
        found.append(
            large_swings.rule.finding(
                current.report,
                path=measure.key,
                expected=before,
                actual=now,
                related_file=previous.file,
                label=measure.label,
                movement=swing_text(measure, previous, current, before, now),
                threshold=fmt_plain(threshold),
            )
        )
    return found


# ---------------------------------------------------------------- matching (Y605, Y606)


@rule(
    "Y605",
    name="跨年度部门匹配存疑",
    family="year",
    severity="warning",
    template="跨年度比对时部门匹配存疑：{detail}",
    scope="corpus",
    kinds=("department",),
)
def ambiguous_matches(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """Two different reports for one department in one year, a report without 预算编码 whose name
    fits two departments, or one name under two 预算编码: reported, never guessed.
    """
    yield from ambiguity_findings(_matching(reports, ctx))


AMBIGUITY_ZH = {
    SAME_YEAR: "同一年度两份报告",
    TWO_CODES: "同名不同编码",
    NAME_FITS_SEVERAL: "名称符合多个部门",
}


def ambiguity_findings(matching: Matching) -> list[Finding]:
    found = []
    for amb in matching.ambiguities:
        first, *others = amb.entries
        related = next((e.file for e in others if e.file != first.file), None)
        found.append(
            ambiguous_matches.rule.finding(
                first.report,
                path="department",
                actual=AMBIGUITY_ZH[amb.kind],
                related_file=related,
                detail=amb.detail,
            )
        )
    return found


@rule(
    "Y606",
    name="无法参与跨年度比对",
    family="year",
    severity="info",
    template="部门整体报告未能读出{missing}，未参与跨年度比对",
    scope="corpus",
    kinds=("department",),
)
def unplaced_reports(reports: list[Report], ctx: AuditContext) -> Iterable[Finding]:
    """A department report without a year, or without both name and 预算编码, cannot be compared."""
    yield from unplaced_findings(_matching(reports, ctx))


def unplaced_findings(matching: Matching) -> list[Finding]:
    return [
        unplaced_reports.rule.finding(
            e.report, path="year", missing="年度" if e.year is None else "单位名称和预算编码"
        )
        for e in matching.unplaced
    ]


def matching_findings(matching: Matching) -> list[Finding]:
    """Y605 and Y606."""
    return ambiguity_findings(matching) + unplaced_findings(matching)


# ---------------------------------------------------------------- all together


def _matching(reports: list[Report], ctx: AuditContext) -> Matching:
    """The run's matching (shared with the engine's previous-year lookup)."""
    if reports is ctx.reports:
        return ctx.matching()
    return match_departments(reports)


def pair_findings(
    current: Entry, previous: Entry, rubric: object | None, threshold: Decimal = SWING_THRESHOLD_PCT
) -> list[Finding]:
    """Y601–Y604 for one department's two consecutive years."""
    return (
        claim_findings(current, previous)
        + rate_findings(current, previous, rubric)
        + carryover_findings(current, previous)
        + swing_findings(current, previous, threshold)
    )


def yoy_findings(
    matching: Matching, rubric_for: RubricFor | None = None, threshold: Decimal = SWING_THRESHOLD_PCT
) -> list[Finding]:
    """Every Y6xx finding of a matching (what `audit compare` reports), sorted."""
    found = matching_findings(matching)
    for current, previous in year_pairs(matching):
        rubric = rubric_for(current.report) if rubric_for else None
        found += pair_findings(current, previous, rubric, threshold)
    return sorted(found, key=Finding.sort_key)
