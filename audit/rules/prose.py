"""N207–N211: arithmetic inside the text, read from `Report.statements` (see `normalize.prose`);
N212: the self score the text states against the form's.

A figure in prose is exact only to the digits it shows and may be truncated (`stated_interval`);
parts and totals disagree only when their intervals cannot meet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.registry import AuditContext, rule
from jixiao_audit.audit.tolerance import (
    WAN,
    Interval,
    agree,
    fmt,
    fmt_pct,
    fmt_plain,
    interval,
    is_unit_confusion,
    percent,
    quantize,
    ratio_interval,
    stated_interval,
)
from jixiao_audit.audit.values import number, stated_in_text
from jixiao_audit.normalize.concepts import CONCEPTS_BY_KEY, RATE_CONCEPTS
from jixiao_audit.normalize.families import PROSE
from jixiao_audit.normalize.model import Report, Statement
from jixiao_audit.normalize.prose import (
    GROWTH_RATE,
    ITEMISED,
    NESTED,
    NESTED_CLAUSE_END,
    SELF_SCORE,
    Enumeration,
    clause_of,
    count_enumerations,
    enumerations,
    in_brackets,
    is_approximate,
    own_figures,
    paragraphs_of,
)

# Concepts a report states once: two different values are a contradiction. (预算数/计划 are not:
# 年初预算 and 调整后预算 differ by design.)
SINGLE_VALUED = (
    "income.total",
    "expenditure.total",
    "expenditure.basic",
    "expenditure.personnel",
    "expenditure.public",
    "expenditure.project",
    "three_public.total",
    "project.arrived",
    "project.spent",
    "project.executed",
)
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
RATE_SENTENCES = 2  # a rate's sentence and the one before it may state its amounts
# A budget or rate naming a part of the whole (项目支出预算, 学生资助项目预算资金, 基本支出执行率): paired with the
# whole's spending across a sentence or a closed 其中 list, it would divide the whole by a part.
PART_SCOPE = re.compile(r"项目|其中|基本支出|人员|公用|专项|三公")
# Beside figures written in 万元, one written in 元 shows in 万元 at the two places 万元 figures are
# written to, never as 5691.644349; the comparison stays exact.
YUAN_SHOWN_IN_WAN = Decimal("0.01")
# the base of a change: last year by name, or by its year ("较2023年总收入1,800.46万元减少142.89万元")
PREVIOUS = re.compile(r"上年|去年|上一年|同期|较(?:19|20)[0-9]{2}\s*年")
DELTA = re.compile(r"(增加|增长|上升|减少|下降|降低)(?:了)?\s*$")
DECREASE = ("减少", "下降", "降低")
# "…等" after a list's last figure: the list names some items only (N213 stays silent)
ETC_AFTER = re.compile(r"\s*(?:（[^（）]*）)?等")
# "主要有A、B二类支出": the sentence announces how many kinds its list holds
KINDS_COUNTED = re.compile(r"(?P<n>[两二三四五六七八九])(?P<what>类|项|部分|个方面|大类)")
CHINESE_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A paragraph about one item of a list: "（1）…", "1.…", "2、…", "A项目…" is left to its item marker.
ITEM_PARAGRAPH = re.compile(r"^\s*(?:[（(]?[0-9０-９]+[）)、.．]|[（(][一二三四五六七八九十]+[）)])")


def _interval(s: Statement) -> Interval:
    return stated_interval(s.value, at_least=is_approximate(s))


def _written_in_yuan(s: Statement) -> bool:
    """ "1350000元": converted to 万元 with four places, its precision is its own."""
    start, end = s.source.span
    written = s.source.raw[start:end]
    return written.endswith("元") and not written.endswith(("万元", "亿元"))


def _yuan_places(s: Statement) -> int:
    """The decimal exponent of a figure as written in 元 ("56916443.49元" → -2)."""
    start, end = s.source.span
    digits = re.sub(r"[^0-9.]", "", s.source.raw[start:end])
    return Decimal(digits or "0").as_tuple().exponent


def _shown(value: Decimal, statements: list[Statement], plain: bool = True) -> str:
    """An amount for a message in the unit its figures were written in: all in 元, in 元 to their finest
    places (36747905.60 元); some in 元, in 万元 to two places; else in 万元 as written (`plain`;
    otherwise at least two places). Only the display: comparisons stay exact."""
    if statements and all(_written_in_yuan(s) for s in statements):
        places = Decimal(1).scaleb(min(_yuan_places(s) for s in statements))
        return f"{(value * WAN).quantize(places):f} 元"
    if any(_written_in_yuan(s) for s in statements):
        return f"{fmt(value.quantize(YUAN_SHOWN_IN_WAN))} 万元"
    return f"{value:f} 万元" if plain else f"{fmt(value)} 万元"


def _number_shown(value: Decimal, statements: list[Statement]) -> str:
    """`_shown` without its unit, for a sum written out term by term."""
    return _shown(value, statements).rsplit(" ", 1)[0]


def _finest(statements: list[Statement]) -> int:
    """The finest precision among the figures written in 万元 (0 when there is none)."""
    return min((s.value.as_tuple().exponent for s in statements if not _written_in_yuan(s)), default=0)


def _listed(s: Statement, exponent: int) -> Interval:
    """A listed 万元 figure at the list's precision: prose drops trailing zeros ("20万元" beside "45.60万元"
    means 20.00), never digits, so the 万元 figures of one list share the precision of its finest one."""
    if _written_in_yuan(s) or s.value.as_tuple().exponent <= exponent:
        return _interval(s)
    return stated_interval(s.value.quantize(Decimal(1).scaleb(exponent)))


def _sum(statements: list[Statement], exponent: int) -> Interval:
    total = Interval(Decimal(0), Decimal(0))
    for s in statements:
        total = total + _listed(s, exponent)
    return total


def _label(s: Statement, fallback: str = "合计") -> str:
    concept = CONCEPTS_BY_KEY.get(s.concept or "")
    return concept.label if concept else fallback


def _where(s: Statement) -> str | None:
    return s.source.describe() or None


def _wrong_sum(e: Enumeration) -> bool:
    """Parts exceed the total, or (when the sentence says they are the whole) fall short of it."""
    if any(is_approximate(p) for p in e.parts):
        return False
    exponent = _finest(e.figures)
    parts, total = _sum(e.parts, exponent), _listed(e.total, exponent)
    if agree(parts, total):
        return False
    return parts.lo > total.hi or e.complete


def _unit_slip(e: Enumeration) -> Statement | None:
    """The one part that, read in the other unit (÷ or × 10,000), makes the list add up."""
    exponent = _finest(e.figures)
    for part in e.parts:
        others = [p for p in e.parts if p is not part]
        for factor in (1 / WAN, WAN):
            fixed = _sum(others, exponent) + _interval(part).scale(factor)
            if agree(fixed, _listed(e.total, exponent)):
                return part
    return None


def _arithmetic(parts: list[Statement], shown_with: list[Statement] | None = None) -> str:
    """Parts as a sum ("87.5 + 2350"); money in the unit its list is shown in (`shown_with`)."""
    if shown_with is None:
        return " + ".join(fmt_plain(p.value) for p in parts)
    return " + ".join(_number_shown(p.value, shown_with) for p in parts)


@rule(
    "N207",
    name="文字所述合计与分项之和不符",
    family="narrative",
    severity="error",
    template="文字所述{concept} {total}，所列各项 {parts} = {sum}，相差 {diff}：“{sentence}”",
)
def stated_total_matches_parts(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A total the text states ("共完成预算资金45.60万元，其中…20万元、…15万元、…10.8万元") against the
    parts it enumerates after 其中/分别. Parts above the total are always wrong; parts below it only when
    the sentence says they are the whole (分别为/分别用于, a known split such as 基本支出 + 项目支出, or a
    last part named 其余/剩余), since "其中" often lists only the main items.
    """
    this = stated_total_matches_parts.rule
    for paragraph in paragraphs_of(report.statements):
        for e in enumerations(paragraph):
            if not _wrong_sum(e) or _unit_slip(e) is not None or _table_says_which(report, e.figures):
                continue
            fields = _list_fields(e)
            yield this.finding(report, diff=_shown(fields["actual"] - e.total.value, e.figures), **fields)


def _list_fields(e: Enumeration) -> dict:
    """What N207 and N213 say of a 其中 list: where, the sentence, and its figures as the text wrote them."""
    listed = sum((p.value for p in e.parts), Decimal(0))
    return {
        "location": _where(e.total),
        "evidence": e.text,
        "expected": e.total.value,
        "actual": listed,
        "concept": _label(e.total),
        "total": _shown(e.total.value, e.figures),
        "parts": _arithmetic(e.parts, e.figures),
        "sum": _shown(listed, e.figures),
        "sentence": e.text,
    }


def _says_whole(e: Enumeration) -> str | None:
    """Why a 其中/包括 list reads as the whole of its total, in words for the message; None when it may be
    partial (a plain 其中 naming some items, or one ending in 等)."""
    if e.complete or ETC_AFTER.match(e.total.source.raw, e.parts[-1].source.span[1]):
        return None
    keys = {p.concept for p in e.parts}
    if {"expenditure.basic", "expenditure.project"} <= keys:
        return "所列含基本支出和项目支出两部分"
    if ITEMISED.search(e.lead):
        return f"以“{e.lead.strip('，,：: ')}”逐项列出"
    counted = KINDS_COUNTED.search(_before(e.total))
    if counted and CHINESE_COUNTS.get(counted["n"], 0) == len(e.parts):
        return f"文中称共{counted['n']}{counted['what']}"
    return None


def _before(s: Statement) -> str:
    """The sentence's text before a figure (where "主要有…二类支出" announces how many kinds follow)."""
    raw, start = s.source.raw, s.source.span[0]
    return raw[max(raw.rfind("。", 0, start) + 1, 0) : start]


@rule(
    "N213",
    name="文字所述合计大于所列全部分项之和",
    family="narrative",
    severity="warning",
    template="文字所述{concept} {total}，所列各项 {parts} = {sum}，少 {diff}；{why}，应为全部分项，请核对：“{sentence}”",
)
def stated_total_above_listed_whole(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A total above the sum of a 其中/包括 list that reads as the whole of it: the parts name both 基本支出
    and 项目支出, the list is led by 包括/具体为, or the sentence announces as many kinds as are listed
    ("主要有部门预算项目支出、专项预算支出二类支出，…总预算为2455.5万元，其中…87.5万元，…2350万元"). N207
    leaves a short 其中 list alone, since it often names only the main items; these wordings say more, but
    not surely all, so the finding is a warning. A list ending in 等 says it is partial and is left alone.
    """
    this = stated_total_above_listed_whole.rule
    for paragraph in paragraphs_of(report.statements):
        for e in enumerations(paragraph):
            if any(is_approximate(p) for p in e.parts) or is_approximate(e.total):
                continue
            exponent = _finest(e.figures)
            parts, total = _sum(e.parts, exponent), _listed(e.total, exponent)
            why = _says_whole(e) if parts.hi < total.lo else None
            if why is None or _unit_slip(e) is not None or _table_says_which(report, e.figures):
                continue
            fields = _list_fields(e)
            yield this.finding(
                report, diff=_shown(e.total.value - fields["actual"], e.figures), why=why, **fields
            )


@rule(
    "N208",
    name="文字所述项目个数与分项不符",
    family="narrative",
    severity="warning",
    template="文字所述项目共 {total} 个，分项 {parts} = {sum} 个：“{sentence}”",
)
def stated_count_matches_parts(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A project count ("共实施项目12个") against the counts the same sentence splits it into by when or
    how the projects came ("年初安排7个……年中追加6个"): the parts of such a split are the whole, so a
    different sum means one of the counts is wrong.
    """
    this = stated_count_matches_parts.rule
    for paragraph in paragraphs_of(report.statements):
        for e in count_enumerations(paragraph):
            parts = sum((p.value for p in e.parts), Decimal(0))
            if parts == e.total.value or is_approximate(e.total):
                continue
            yield this.finding(
                report,
                location=_where(e.total),
                evidence=e.text,
                expected=fmt_plain(e.total.value),
                actual=fmt_plain(parts),
                total=fmt_plain(e.total.value),
                parts=_arithmetic(e.parts),
                sum=fmt_plain(parts),
                sentence=e.text,
            )


def _nearest_before(pct: Statement, paragraph: list[Statement], path: str) -> Statement | None:
    """The amount of the concept whose table is `path` stated last before the percentage: in "A项目预算
    100万元，执行95万元，执行率95%；B项目…执行率75%" each rate has its own figures."""
    for s in reversed([s for s in paragraph if s.source.span < pct.source.span]):
        concept = CONCEPTS_BY_KEY.get(s.concept or "")
        if concept and concept.table == path and s.unit == "万元" and not is_approximate(s):
            return s
    return None


def _rate_inputs(pct: Statement, paragraph: list[Statement]):
    """(rate, numerator, denominators) of a named rate, from the amounts the paragraph states before it."""
    rate = next((r for r in RATE_CONCEPTS if r.key == pct.concept), None)
    if rate is None:
        return None
    num = _nearest_before(pct, paragraph, rate.numerator)
    dens = [d for p in rate.denominators if (d := _nearest_before(pct, paragraph, p)) is not None]
    if num is None and dens:
        num = _numerator_in_sentence(pct, paragraph, rate, dens[0])
    return (rate, num, dens) if num is not None and dens else None


def _numerator_in_sentence(
    pct: Statement, paragraph: list[Statement], rate, den: Statement
) -> Statement | None:
    """The rate's other numerator (a department's 总支出 for its 执行率) when the rate's own sentence, or
    the one just before it, states it with the budget ("总支出812.40万元，其中：…。全年预算数820.00万元，
    预算执行率99.07%"), and no 其中/含 list still open at the rate makes the rate a part's: a list closed by
    ；/。 before the rate ("…其中：基本支出A万元，项目支出B万元；预算执行率x%") leaves the rate the total's."""
    near = _sentences_up_to(pct, paragraph, RATE_SENTENCES)
    num = next((n for p in rate.numerator_in_sentence if (n := _nearest_before(pct, near, p))), None)
    if num is None or den not in near or PREVIOUS.search(clause_of(num)):
        return None
    raw, end = pct.source.raw, pct.source.span[0]  # one paragraph: its statements share one raw text
    widened = num.text != pct.text
    for nested in NESTED.finditer(raw, min(num.source.span[0], den.source.span[0]), end):
        if not NESTED_CLAUSE_END.search(raw, nested.end(), end):
            return None  # "全年预算820万元，其中项目支出110万元，执行率95%": the part's rate
        widened = True
    if widened and (PART_SCOPE.search(clause_of(den)) or PART_SCOPE.search(clause_of(pct))):
        return None  # "总支出X万元。项目支出全年预算Y万元，执行率z%": a part's budget, not the whole's
    if widened and any(
        s.unit == "万元" and s is not num and s is not den for s in near if s.text == pct.text
    ):
        return None  # "…；项目支出预算120万元，执行率91.67%": the rate's own sentence names another amount
    return num


def _sentences_up_to(pct: Statement, paragraph: list[Statement], count: int) -> list[Statement]:
    """The statements of the rate's sentence and the `count - 1` sentences before it in the paragraph."""
    texts: list[str] = []
    for s in paragraph:
        if not texts or texts[-1] != s.text:
            texts.append(s.text)
        if s is pct:
            break
    keep = set(texts[-count:])
    return [s for s in paragraph if s.text in keep and s.source.span <= pct.source.span]


def _growth_inputs(pct: Statement, paragraph: list[Statement]) -> tuple[Decimal, Decimal] | None:
    """(change, last year) amounts of "较上年(的A万元)增加D万元，增长x%" in the percentage's sentence."""
    money = [
        s for s in paragraph if s.unit == "万元" and s.text == pct.text and s.source.span < pct.source.span
    ]
    delta = next((s for s in reversed(money) if DELTA.search(clause_of(s))), None)
    base = next((s for s in money if s is not delta and PREVIOUS.search(clause_of(s))), None)
    if delta is None:
        return None
    if base is None:
        # the figure that changed is the one just before the change ("项目支出400万元，较上年增加100万元"),
        # not one in an aside between them ("…维护费2.68万元（…购置费0元），较上年减少0.95万元")
        current = next(
            (
                s
                for s in reversed(money)
                if s.source.span < delta.source.span and not in_brackets(s.source.raw, s.source.span[0])
            ),
            None,
        )
        if current is None:
            return None
        down = DELTA.search(clause_of(delta))[1] in DECREASE
        return delta.value, current.value + delta.value if down else current.value - delta.value
    return delta.value, base.value


@rule(
    "N209",
    name="文字所述百分比与文中金额不符",
    family="narrative",
    severity="error",
    template="文字所述{what} {stated}% 与文中金额不符：{numerator} ÷ {denominator} = {computed}：“{sentence}”",
)
def stated_percent_matches_text(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A rate the text states (执行率, 到位率) or a change (较上年增长/下降x%) recomputed from the amounts
    the same paragraph states (执行数 ÷ 预算数; 增减额 ÷ 上年数). Reports whose amounts sit in a form
    table are checked against it by N203; this covers figures that exist only in the text.
    """
    this = stated_percent_matches_text.rule
    for paragraph in paragraphs_of(report.statements):
        for pct in paragraph:
            if pct.unit != "%" or is_approximate(pct):
                continue
            if pct.concept == GROWTH_RATE:
                found = _growth_inputs(pct, paragraph)
                if found is None or found[1] <= 0:
                    continue
                delta, base = found
                num, dens, what = delta, [base], "增减幅度"
                shown: list[Statement] = []
            elif (own := _own_rate_inputs(report, pct, paragraph)) is not None:
                num, dens, what = own
                shown = []
            else:
                found = _rate_inputs(pct, paragraph)
                if found is None or _checked_against_table(report, found[0]):
                    continue
                rate, num, dens = found
                if _table_says_which(report, [num, *dens]):
                    continue
                shown = [num, *dens]
                num, dens, what = num.value, [d.value for d in dens], rate.label
            # the stated rate is right if it recomputes from any of its denominators (执行率: 到位 or 预算)
            if any(_recomputes(pct, num, d) for d in dens):
                continue
            den = dens[0]
            value = percent(num, den)
            yield this.finding(
                report,
                location=_where(pct),
                evidence=pct.text,
                expected=quantize(value),
                actual=pct.value,
                what=what,
                stated=fmt_plain(pct.value),
                numerator=_shown(num, shown, plain=False),
                denominator=_shown(den, shown, plain=False),
                computed=fmt_pct(value),
                sentence=pct.text,
            )


def _own_rate_inputs(report: Report, pct: Statement, paragraph: list[Statement]):
    """(numerator, denominators, label) of a prose project report's own rate stated apart from its budget:
    "实际到位资金334.67万元" under 基本情况, "项目实际支出320.15万元，预算执行率为95.66%" under 绩效分析. Only
    when the paragraph states no denominator and its numerator is the report's own total (a figure for
    one of several items leaves the report's total alone), so the rate is the report's own."""
    rate = next((r for r in RATE_CONCEPTS if r.key == pct.concept), None)
    if rate is None or report.kind != "project" or report.form != PROSE:
        return None
    if any(_nearest_before(pct, paragraph, p) for p in rate.denominators):
        return None
    num = _nearest_before(pct, paragraph, rate.numerator)
    if num is None or num.value != number(report, rate.numerator):
        return None
    dens = [d for p in rate.denominators if (d := number(report, p))]
    return (num.value, dens, rate.label) if dens else None


def _recomputes(pct: Statement, numerator: Decimal, denominator: Decimal) -> bool:
    """numerator ÷ denominator may round to the stated percentage (a zero divisor proves nothing)."""
    computed = ratio_interval(stated_interval(numerator), stated_interval(denominator))
    return computed is None or agree(_interval(pct), computed)


def _checked_against_table(report: Report, rate) -> bool:
    """N203 recomputes the rate from a form's funds table (a project report with both figures)."""
    if report.kind != "project" or stated_in_text(report, rate.numerator):
        return False
    return number(report, rate.numerator) is not None and any(
        number(report, d) for d in rate.denominators if not stated_in_text(report, d)
    )


def _other_year(s: Statement, year: int | None) -> bool:
    return any(int(y) != year for y in YEAR.findall(s.text)) if year else False


def _wording(s: Statement) -> str:
    """总计 or not: 收入总计 (with 年初结转) and 本年收入合计 are both income.total, yet two figures."""
    return "总计" if "总计" in clause_of(s) else ""


def _by_concept(report: Report) -> dict[tuple[str, str], list[Statement]]:
    """The report's own money figures (not list parts, comparisons or other years), by concept and wording.

    A department's figures about projects (到位资金, 实际支出 …) are each about one of its projects, not
    one figure stated twice: they are left to the cross-document rules.
    """
    found: dict[tuple[str, str], list[Statement]] = {}
    for s in own_figures(report.statements):
        concept = CONCEPTS_BY_KEY.get(s.concept or "")
        if concept is None or s.unit != "万元" or _other_year(s, report.year):
            continue
        if report.kind == "department" and concept.project:
            continue
        found.setdefault((s.concept, _wording(s)), []).append(s)
    return found


def _has_form_value(report: Report, key: str) -> bool:
    """N201 compares this concept with a form table: leave a contradiction to it."""
    concept = CONCEPTS_BY_KEY[key]
    if concept.table is None or (report.kind == "department" and concept.project):
        return False
    return number(report, concept.table) is not None and not stated_in_text(report, concept.table)


def _table_says_which(report: Report, stated: list[Statement]) -> bool:
    """One of the figures contradicts the report's form table: N201 names that figure, so the sum or
    rate it spoils is the same mistake, not a second one."""
    for s in stated:
        if s.concept in CONCEPTS_BY_KEY and _has_form_value(report, s.concept):
            table = number(report, CONCEPTS_BY_KEY[s.concept].table)
            if not agree(_interval(s), interval(table)):
                return True
    return False


def _restatements(stated: list[Statement]) -> list[Statement]:
    """Statements of one concept that speak for the whole report: not in an item paragraph ("（1）A项目：…",
    "2.B项目…") and not in a paragraph that states the concept for several items in turn."""
    per_paragraph = Counter(s.source.raw for s in stated)
    return [s for s in stated if per_paragraph[s.source.raw] == 1 and not ITEM_PARAGRAPH.match(s.source.raw)]


@rule(
    "N210",
    name="同一金额前后表述不一",
    family="narrative",
    severity="warning",
    template="文字部分两处所述{concept}不一致：{first}（“{first_text}”）与 {second}（“{second_text}”）",
)
def stated_twice_agrees(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The same amount (收入合计, 支出合计, 基本/人员/公用/项目支出, 三公经费, 到位资金, 实际支出/执行数)
    stated twice in the text with values that differ beyond rounding. Comparisons with other years,
    list parts and 预算数 (年初 and 调整后 differ by design) are left out; a factor of 10,000 is N211.
    """
    this = stated_twice_agrees.rule
    for (key, _), stated in _by_concept(report).items():
        if key not in SINGLE_VALUED or _has_form_value(report, key):
            continue
        stated = _restatements(stated)
        if not stated:
            continue
        first = stated[0]
        other = next(
            (
                s
                for s in stated[1:]
                if s.source.raw != first.source.raw
                and not agree(_interval(first), _interval(s))
                and not is_unit_confusion(first.value, s.value)
            ),
            None,
        )
        if other is None:
            continue
        yield this.finding(
            report,
            location=_where(other),
            evidence=other.text,
            expected=first.value,
            actual=other.value,
            concept=_label(first),
            first=_shown(first.value, [first], plain=False),
            first_text=first.text,
            second=_shown(other.value, [other], plain=False),
            second_text=other.text,
        )


@rule(
    "N211",
    name="元与万元混用",
    family="narrative",
    severity="error",
    template="文字所述{concept} {value}与{against} {other}相差约一万倍，疑为元与万元混用：“{sentence}”",
)
def stated_units_agree(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A figure written in 元 where 万元 was meant (or the reverse): the same amount stated elsewhere in
    the text is about 10,000 times larger or smaller, or one part of a "共X，其中…" list makes the list
    add up only when read in the other unit.
    """
    this = stated_units_agree.rule
    for stated in _by_concept(report).values():
        first = stated[0]
        other = next((s for s in stated[1:] if is_unit_confusion(first.value, s.value)), None)
        if other is not None:
            yield this.finding(
                report,
                location=_where(other),
                evidence=other.text,
                expected=first.value,
                actual=other.value,
                concept=_label(other),
                value=_shown(other.value, [other], plain=False),
                against="前文所述",
                other=_shown(first.value, [first], plain=False),
                sentence=other.text,
            )
    for paragraph in paragraphs_of(report.statements):
        for e in enumerations(paragraph):
            part = _unit_slip(e) if _wrong_sum(e) else None
            if part is None or _table_says_which(report, e.figures):
                continue
            rest = e.total.value - sum((p.value for p in e.parts if p is not part), Decimal(0))
            yield this.finding(
                report,
                location=_where(part),
                evidence=e.text,
                expected=rest,
                actual=part.value,
                concept="分项",
                value=_shown(part.value, [part], plain=False),
                against=f"合计 {_shown(e.total.value, [e.total], plain=False)}减其余各项所得",
                other=_shown(rest, [e.total], plain=False),
                sentence=e.text,
            )


@rule(
    "N212",
    name="文字所述自评得分与表内不符",
    family="narrative",
    severity="error",
    template="文字所述自评得分 {stated} 分与{table_label} {value} 分不符：“{sentence}”",
)
def stated_score_agrees(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The self score the text states (a form's 评价结论 "项目自评总分为96分", a 综述's "自评得分95分") equals
    the score the form or score table holds: the 四川 form asks the 评价结论 to repeat its 总分, and the
    two are typed separately. A prose-only report's score is its text's own: nothing to compare.
    """
    if report.form == PROSE:
        return
    table, path, label = report.self_score, "self_score", "表内自评得分"
    if table is None:
        table, path, label = report.score_total_self, "score_total_self", "总分行自评得分"
    if table is None:
        return
    seen: set[Decimal] = set()
    for s in own_figures(report.statements):
        if s.concept != SELF_SCORE or s.value in seen or _other_year(s, report.year):
            continue
        seen.add(s.value)
        if agree(stated_interval(s.value), interval(table)):
            continue
        yield stated_score_agrees.rule.finding(
            report,
            path=path,
            location=_where(s),
            evidence=s.text,
            expected=table,
            actual=s.value,
            stated=fmt_plain(s.value),
            table_label=label,
            value=fmt_plain(table),
            sentence=s.text,
        )
