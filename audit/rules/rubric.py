"""R3xx: the rubric (评分表) — totals, caps, grade, and items re-scored from the report's own data."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.registry import AuditContext, rule
from jixiao_audit.audit.rubrics import GradeBand, band_for, grade_bands
from jixiao_audit.audit.rubrics.scoring import rescored_total
from jixiao_audit.audit.rules.forms import allowed_points
from jixiao_audit.audit.tolerance import fmt, fmt_plain, half_unit, quantize
from jixiao_audit.normalize import vocabulary as V
from jixiao_audit.normalize.families import HUARONG, family_of
from jixiao_audit.normalize.model import Report, ScoreItem

SCORE_TOLERANCE = Decimal("0.01")  # scores are exact; this much is rounding
DEFAULT_TOTAL_POINTS = Decimal(100)


def scores_agree(stated: Decimal, computed: Decimal) -> bool:
    """Rubric points are exact figures, not rounded amounts: they agree within SCORE_TOLERANCE,
    or when `stated` is `computed` rounded to the digits `stated` shows (97.6 → "98")."""
    if abs(stated - computed) <= SCORE_TOLERANCE:
        return True
    exp_s, exp_c = stated.as_tuple().exponent, computed.as_tuple().exponent
    if isinstance(exp_s, int) and isinstance(exp_c, int) and exp_s > exp_c:
        return (
            abs(stated - computed) < half_unit(stated)
            or computed.quantize(Decimal(1).scaleb(exp_s)) == stated
        )
    return False


def _self_points(report: Report) -> list[Decimal]:
    return [i.self_points for i in report.score_items if i.self_points is not None]


def _max_points(report: Report) -> list[Decimal]:
    """The 分值 that make up the full score: an optional item the unit did not choose (经济效益（可选项）
    | 40 | blank, beside the 社会效益（可选项） it scored) is printed by the rubric but not part of it."""
    return [
        i.max_points
        for i in report.score_items
        if i.max_points is not None and not (i.self_points is None and is_optional(i))
    ]


def is_optional(item: ScoreItem) -> bool:
    labels = (item.level1 or "", item.level2 or "", item.level3 or "")
    return any(mark in label for label in labels for mark in V.OPTIONAL_ITEM_MARKS)


def _bands(report: Report, ctx: AuditContext) -> list[GradeBand]:
    return grade_bands(ctx.rubric_for(report))


def _clean(text: str | None) -> str:
    return "".join((text or "").split())


@rule(
    "R301",
    name="各项得分之和与综合得分",
    family="rubric",
    severity="error",
    template="评分表各项自评得分之和与{stated_name}不符：各项之和 {parts} 分，{stated_name} {stated} 分，相差 {diff} 分",
)
def items_add_up_to_score(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The item self-scores add up to the stated 绩效自评综合得分 (or the 总分 row when that is blank).

    Points are exact (no rounding intervals over 20 integer items); a total rounded to the digits it
    shows (items 97.6, stated 98) is accepted. A wrong total misstates the grade.
    """
    points = _self_points(report)
    stated, path, name = report.self_score, "self_score", "绩效自评综合得分"
    if stated is None:
        stated, path, name = report.score_total_self, "score_total_self", "评分表总分行自评得分"
    if not points or stated is None:
        return
    parts = sum(points, Decimal(0))
    if scores_agree(stated, parts):
        return
    yield items_add_up_to_score.rule.finding(
        report,
        path=path,
        expected=parts,
        actual=stated,
        stated_name=name,
        parts=fmt_plain(parts),
        stated=fmt_plain(stated),
        diff=fmt_plain(stated - parts),
    )


@rule(
    "R302",
    name="总分行与综合得分",
    family="rubric",
    severity="error",
    template="评分表总分行自评得分 {total_row} 分与报告绩效自评综合得分 {stated} 分不一致",
)
def total_row_matches_score(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The 总分 row's 自评得分 equals the 绩效自评综合得分 printed in the report body."""
    a, b = report.score_total_self, report.self_score
    if a is None or b is None or scores_agree(a, b) or scores_agree(b, a):
        return
    yield total_row_matches_score.rule.finding(
        report, path="score_total_self", expected=b, actual=a, total_row=fmt_plain(a), stated=fmt_plain(b)
    )


@rule(
    "R303",
    name="得分超过分值",
    family="rubric",
    severity="error",
    template="「{item}」自评得分 {claimed} 分超过该项分值 {max} 分",
)
def item_within_max(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """No item's self score is above its 分值 (compared exactly: scores are not rounded figures): a
    rubric item, or a form's indicator that no 指标值/完成值 re-scores (广水's 项目决策 items, a 定性
    target without a 完成 word); one that can be re-scored is R322's, which names what it allows."""
    for r in ctx.scores(report):
        item = r.item
        if (
            item.self_points is not None
            and item.max_points is not None
            and item.self_points > item.max_points
        ):
            yield item_within_max.rule.finding(
                report,
                path=f"score_items[{r.index}].self_points",
                expected=item.max_points,
                actual=item.self_points,
                item=r.short_label,
                claimed=fmt_plain(item.self_points),
                max=fmt_plain(item.max_points),
            )
    for n, ind in enumerate(report.indicators):
        if ind.points is None or ind.max_points is None or ind.points <= ind.max_points:
            continue
        if allowed_points(ind) is None:
            yield item_within_max.rule.finding(
                report,
                path=f"indicators[{n}].points",
                rests_on=[f"indicators[{n}].max_points"],
                expected=ind.max_points,
                actual=ind.points,
                item=ind.name or ind.level2 or ind.level1 or "指标",
                claimed=fmt_plain(ind.points),
                max=fmt_plain(ind.max_points),
            )


@rule(
    "R304",
    name="分值合计",
    family="rubric",
    severity="error",
    template="评分表各项分值之和为 {parts} 分，不等于满分 {full} 分",
)
def max_points_add_up(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The 分值 of the items add up to the rubric's full score (100 unless the rubric file says otherwise).

    A missing or double-counted item shows here first.
    """
    points = _max_points(report)
    if not points:
        return
    rubric = ctx.rubric_for(report)
    if rubric is None and family_of(report).id != HUARONG:
        return  # a form family's full score is its own 总分 row (R305), never an assumed 100
    full = rubric.total_points if rubric else DEFAULT_TOTAL_POINTS
    parts = sum(points, Decimal(0))
    if abs(full - parts) <= SCORE_TOLERANCE:
        return
    yield max_points_add_up.rule.finding(
        report,
        path="score_total_max",
        expected=full,
        actual=parts,
        parts=fmt_plain(parts),
        full=fmt_plain(full),
    )


@rule(
    "R305",
    name="分值合计与总分行",
    family="rubric",
    severity="error",
    template="评分表各项分值之和 {parts} 分与总分行分值 {total_row} 分不符",
)
def max_points_match_total_row(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The 分值 of the items add up to the 总分 row's 分值 (`score_total_max`)."""
    points = _max_points(report)
    total_row = report.score_total_max
    if not points or total_row is None:
        return
    parts = sum(points, Decimal(0))
    if scores_agree(total_row, parts):
        return
    yield max_points_match_total_row.rule.finding(
        report,
        path="score_total_max",
        expected=parts,
        actual=total_row,
        parts=fmt_plain(parts),
        total_row=fmt_plain(total_row),
    )


@rule(
    "R306",
    name="评价等次与得分",
    family="rubric",
    severity="error",
    template="评价等次「{grade}」与得分 {score} 分不符：按评分标准应为「{expected_grade}」（{band_rule}）",
)
def grade_matches_score(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The 评价等次 matches the score: ≥90 优秀, 80–90 良好, 60–80 中/合格, <60 差 (bands from the rubric file)."""
    score = report.self_score if report.self_score is not None else report.score_total_self
    grade = _clean(report.grade)
    if score is None or not grade:
        return
    bands = _bands(report, ctx)
    band = band_for(score, bands)
    if band is None or grade in band.labels:
        return
    yield grade_matches_score.rule.finding(
        report,
        path="grade",
        expected=band.labels[0],
        actual=grade,
        grade=grade,
        score=fmt_plain(score),
        expected_grade=band.labels[0],
        band_rule=f"得分 ≥ {fmt_plain(band.min)} 分为{band.labels[0]}",
    )


@rule(
    "R307",
    name="公式复核得分",
    family="rubric",
    severity="error",
    template="「{item}」自评 {claimed} 分，按评分标准最多可得 {allowed} 分：{basis}",
)
def formula_items_rescored(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Items whose 评分标准 is a formula, recomputed from the report's own data (rubric JSON files).

    E.g. 财政供养人员控制率 = 实有人数/人员编制 (≤100 % full marks, −0.5 per point over), 到位率
    (分值 × 实际到位/计划安排), 资金结余, 固定资产利用率. An error when the self score is more than
    the formula allows (by more than SCORE_TOLERANCE); the message states the inputs.
    """
    for r in ctx.scores(report):
        claimed = r.item.self_points
        if r.rescore is None or r.rescore.allowed is None or claimed is None:
            continue
        allowed = r.rescore.allowed
        if claimed - allowed <= SCORE_TOLERANCE:
            continue
        shown = quantize(allowed)
        yield formula_items_rescored.rule.finding(
            report,
            path=f"score_items[{r.index}].self_points",
            expected=shown,
            actual=claimed,
            item=r.short_label,
            claimed=fmt_plain(claimed),
            allowed=fmt(shown),
            basis=r.basis,
        )


@rule(
    "R308",
    name="复核后等次下降",
    family="rubric",
    severity="warning",
    template="复核后总分 {rescored} 分对应等次「{new_grade}」，低于自评等次「{grade}」（自评 {claimed} 分）",
)
def rescored_grade_drops(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """After re-scoring the formula items, the total falls into a lower 评价等次 than the one claimed."""
    claimed = report.self_score if report.self_score is not None else report.score_total_self
    grade = _clean(report.grade)
    rescored = rescored_total(ctx.scores(report))
    if claimed is None or rescored is None or not grade:
        return
    bands = _bands(report, ctx)
    old, new = band_for(claimed, bands), band_for(rescored, bands)
    if old is None or new is None or new.min >= old.min or grade not in old.labels:
        return
    yield rescored_grade_drops.rule.finding(
        report,
        path="grade",
        expected=new.labels[0],
        actual=grade,
        difference=rescored - claimed,
        rescored=fmt_plain(rescored),
        new_grade=new.labels[0],
        grade=grade,
        claimed=fmt_plain(claimed),
    )
