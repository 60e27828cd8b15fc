"""N2xx: what the narrative (评价报告综述) says against the report's own tables.

Figures and their concepts come from `audit.narrative` / `normalize.concepts`. Prose figures may be
rounded or truncated to the digits they show; "13742余万元" is a lower bound.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.narrative import Figure, find_claims
from jixiao_audit.audit.registry import AuditContext, rule
from jixiao_audit.audit.tolerance import (
    Interval,
    agree,
    fmt,
    fmt_pct,
    fmt_plain,
    interval,
    percent,
    quantize,
    ratio_interval,
)
from jixiao_audit.audit.values import number, stated_in_text
from jixiao_audit.normalize.concepts import STAFFING_CLAIMS, Concept
from jixiao_audit.normalize.model import Report

COMPLETED_VS_SPENT_RATIO = Decimal("1.5")  # 完成投资 above 1.5 × 实际支出 is "far above"


def _money(ctx: AuditContext, report: Report) -> list[Figure]:
    return [f for f in ctx.figures(report) if f.kind == "money" and f.concept is not None]


def _compares_with_table(concept: Concept, report: Report) -> bool:
    """Department reports have no project funds table: their project figures go to X401."""
    return concept.table is not None and not (report.kind == "department" and concept.project)


def _shown(figure: Figure) -> str:
    return f"{fmt(figure.value)}{'余' if figure.at_least else ''}"


def _first_per_value(figures: list[Figure]) -> list[tuple[Figure, int]]:
    """One figure per (concept, value), with how many times it is stated."""
    counts = Counter((f.key, f.value, f.at_least) for f in figures)
    seen: set = set()
    out = []
    for f in figures:
        k = (f.key, f.value, f.at_least)
        if k not in seen:
            seen.add(k)
            out.append((f, counts[k]))
    return out


def _times(n: int) -> str:
    return f"（文中共 {n} 处）" if n > 1 else ""


@rule(
    "N201",
    name="文字金额与表格不符",
    family="narrative",
    severity="error",
    template="文字部分所述{concept} {stated} 万元与表格 {table} 万元不符，相差 {diff} 万元{times}{cause}",
)
def narrative_amount_matches_table(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """An amount the narrative states (收入/一般公共预算/政府性基金/支出合计/人员支出/公用经费/基本支出/
    项目支出/三公经费, or a project's 计划投资/到位资金/实际支出/结余) equals the table's figure for the
    same concept (department: the 汇总 row; project: the funds table). Prose that contradicts the
    tables misleads the reader of the report.
    """
    this = narrative_amount_matches_table.rule
    wrong = []
    for f in _money(ctx, report):
        if not _compares_with_table(f.concept, report):
            continue
        table = number(report, f.concept.table)
        if table is None or stated_in_text(report, f.concept.table) or agree(f.interval(), interval(table)):
            continue  # a value the text itself filled in is checked by N210/N211, not as a table
        wrong.append(f)
    for f, n in _first_per_value(wrong):
        table = number(report, f.concept.table)
        yield this.finding(
            report,
            path=f.path,
            location=f.location,
            evidence=f.sentence,
            expected=table,
            actual=f.value,
            concept=f.concept.label,
            stated=_shown(f),
            table=fmt(table),
            diff=fmt(f.value - table),
            times=_times(n),
        )


def _denominator(report: Report, ctx: AuditContext, path: str) -> Decimal | None:
    """The table value at `path`, else the same concept as stated in the narrative."""
    value = number(report, path)
    if value is not None:
        return value
    stated = [f for f in _money(ctx, report) if f.concept.table == path]
    return stated[0].value if stated else None


@rule(
    "N202",
    name="占比与重新计算不符",
    family="narrative",
    severity="error",
    template="文字部分所述{what}占{base}的 {stated}% 与重新计算不符：{numerator} 万元 ÷ {denominator} 万元 = {computed}",
)
def stated_share_recomputes(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Every "占…的x%" / "占x%" is recomputed: the amount before it ÷ the named base (or, unnamed, the
    total of the amount's family: 收入合计 for income items, 支出合计 for spending items), from the
    tables. The stated amount or the table's figure for it may be the numerator. Wrong shares
    usually mean a figure was changed without updating the prose.
    """
    this = stated_share_recomputes.rule
    for f in ctx.figures(report):
        if f.kind != "share" or f.of is None:
            continue
        amount = f.of
        base_path = f.base.path if f.base else (amount.concept.share_base if amount.concept else None)
        if base_path is None:
            continue
        denominator = _denominator(report, ctx, base_path)
        if not denominator:
            continue
        numerators = [amount.interval()]
        if (
            amount.concept
            and amount.concept.table
            and (table := number(report, amount.concept.table)) is not None
        ):
            numerators.append(interval(table))
        computed = [ratio_interval(n, interval(denominator)) for n in numerators]
        if any(c is not None and agree(f.interval(), c) for c in computed):
            continue
        value = percent(amount.value, denominator)
        label = f.base.label if f.base else _base_label(base_path)
        yield this.finding(
            report,
            path=f.path,
            location=f.location,
            evidence=f.sentence,
            expected=quantize(value),
            actual=f.value,
            what=amount.concept.label if amount.concept else "该项",
            base=label,
            stated=fmt_plain(f.value),
            numerator=fmt(amount.value),
            denominator=fmt(denominator),
            computed=fmt_pct(value),
        )


def _base_label(path: str) -> str:
    from jixiao_audit.normalize.concepts import SHARE_BASES

    return next((b.label for b in SHARE_BASES if b.path == path), "合计")


@rule(
    "N203",
    name="比率与重新计算不符",
    family="narrative",
    severity="error",
    template="文字部分所述{rate} {stated}% 与表格数据不符：{numerator_label} {numerator} 万元 ÷ {denominator_label} {denominator} 万元 = {computed}",
    kinds=("project",),
)
def stated_rate_recomputes(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A named rate in the narrative (资金到位率 = 实际到位/计划安排; 资金使用/执行率 = 实际支出/到位 or
    计划) is recomputed from the project's funds table. "到位率100%" when a third of the money arrived
    is the kind of claim a reviewer must not miss.
    """
    this = stated_rate_recomputes.rule
    for f in ctx.figures(report):
        if f.kind != "rate" or f.rate is None:
            continue
        if stated_in_text(report, f.rate.numerator):
            continue  # figures only the text states: N209
        num = number(report, f.rate.numerator)
        dens = [
            (number(report, p), label)
            for p, label in zip(f.rate.denominators, f.rate.denominator_labels)
            if not stated_in_text(report, p)
        ]
        dens = [(d, label) for d, label in dens if d]
        if num is None or not dens:
            continue
        if any(
            agree(
                f.interval(), ratio_interval(interval(num), interval(d)) or Interval(Decimal(-1), Decimal(-1))
            )
            for d, _ in dens
        ):
            continue
        den, den_label = dens[0]
        value = percent(num, den)
        yield this.finding(
            report,
            path=f.path,
            location=f.location,
            evidence=f.sentence,
            expected=quantize(value),
            actual=f.value,
            rate=f.rate.label,
            stated=fmt_plain(f.value),
            numerator_label=f.rate.numerator_label,
            numerator=fmt(num),
            denominator_label=den_label,
            denominator=fmt(den),
            computed=fmt_pct(value),
        )


@rule(
    "N204",
    name="同一数字前后不一",
    family="narrative",
    severity="warning",
    template="文字部分多次提到的{concept}前后不一：{values}",
)
def repeated_figures_agree(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Figures a report states more than once (受益户数, 小区个数, 建筑面积, 计划投资) read the same each
    time. A warning, not an error: two mentions may describe different things the patterns cannot tell apart.
    The items of a split total (一批…3374.3万元，二批…2069.51万元，合计…6222.4万元) are not mentions of it.
    """
    this = repeated_figures_agree.rule
    groups: dict[str, list[Figure]] = {}
    for f in ctx.figures(report):
        # A department narrative quotes the 计划投资 of each of its projects; only a project
        # report's repeated 计划投资 must agree.
        if f.kind == "quantity" or (
            report.kind == "project"
            and f.kind == "money"
            and f.concept is not None
            and f.concept.key == "project.planned"
            and not f.is_part
        ):
            groups.setdefault(f.key, []).append(f)
    for figures in groups.values():
        clusters: list[list[Figure]] = []
        for f in figures:
            home = next((c for c in clusters if all(agree(f.interval(), g.interval()) for g in c)), None)
            if home is None:
                clusters.append([f])
            else:
                home.append(f)
        if len(clusters) < 2:
            continue
        clusters.sort(key=len, reverse=True)
        main = clusters[0]
        unit = main[0].quantity.unit if main[0].quantity else "万元"
        label = main[0].quantity.label if main[0].quantity else main[0].concept.label
        values = "、".join(
            f"{fmt_plain(c[0].value)}{'余' if c[0].at_least else ''}{unit}（{len(c)}处）" for c in clusters
        )
        for other in clusters[1:]:
            f = other[0]
            yield this.finding(
                report,
                path=f.path,
                location=f.location,
                evidence=f.sentence,
                expected=main[0].value,
                actual=f.value,
                concept=label,
                values=values,
            )


@rule(
    "N205",
    name="完成投资远超实际支出",
    family="narrative",
    severity="warning",
    template="文字部分所述完成投资“{stated}”远高于基本概况表实际支出 {spent} 万元（实际到位资金 {arrived} 万元）{times}",
    kinds=("project",),
)
def completed_investment_vs_spent(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A narrative 完成投资 far above (more than COMPLETED_VS_SPENT_RATIO ×) the 实际支出 of the funds table.

    Investment may include money that never passes through the project's accounts (管线单位, 居民), so
    this is a warning: the reviewer should ask what the 完成投资 figure covers.
    """
    this = completed_investment_vs_spent.rule
    spent = report.funds.spent.total
    if spent is None:
        return
    far = [
        f
        for f in _money(ctx, report)
        if f.concept.key == "project.completed" and f.interval().lo > spent * COMPLETED_VS_SPENT_RATIO
    ]
    for f, n in _first_per_value(far):
        yield this.finding(
            report,
            path=f.path,
            location=f.location,
            evidence=f.sentence,
            expected=spent,
            actual=f.value,
            stated=f.raw,
            spent=fmt(spent),
            arrived=fmt(report.funds.arrived.total),
            times=_times(n),
        )


@rule(
    "N206",
    name="人员控制表述与编制不符",
    family="narrative",
    severity="warning",
    template="文字部分称“{claim}”，但实有人数 {staff} 人超过人员编制 {authorized} 人（超编 {over} 人，控制率 {rate}）",
    kinds=("department",),
)
def staffing_claim_vs_table(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A claim such as "财政供养人员控制在预算编制以内" while 实有人数 > 人员编制 in the basic-facts table.

    A warning rather than an error: 实有人数 may include staff not paid from the budget, and
    "预算编制" is not literally "人员编制"; the reviewer decides. One finding per report.
    """
    staffing = report.staffing
    if staffing.actual is None or staffing.authorized is None or staffing.actual <= staffing.authorized:
        return
    claims = find_claims(report, STAFFING_CLAIMS)
    if not claims:
        return
    path, sentence, location = claims[0]
    import re

    claim = next((m.group(0) for p in STAFFING_CLAIMS if (m := re.search(p, sentence))), sentence)
    yield staffing_claim_vs_table.rule.finding(
        report,
        path=path,
        location=location,
        evidence=sentence,
        expected=Decimal(staffing.authorized),
        actual=Decimal(staffing.actual),
        claim=claim,
        staff=staffing.actual,
        authorized=staffing.authorized,
        over=staffing.actual - staffing.authorized,
        rate=fmt_pct(percent(Decimal(staffing.actual), Decimal(staffing.authorized))),
    )
