"""评分复核 rows of a form family scored by its own 分值 (the national 自评表 and its variants).

Such a form carries no separate rubric: its budget line and each indicator are re-scored with the
formulas of `audit.rules.forms` (分值 × min(执行率, 1); ≥ / ≤ / = / 定性 bands). A qualitative band
allows a range, so a self-score inside it is confirmed as it is and one outside is moved to the edge.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao_audit.audit.finding import ScoreReview
from jixiao_audit.audit.rules.forms import SHOWN, allowed_points, budget_allowed, points_agree
from jixiao_audit.normalize.families import FAMILIES, family_of
from jixiao_audit.normalize.model import Report

BUDGET_BASIS = "预算执行：分值 × min(执行数/预算数, 1)"
INDICATOR_BASIS = {
    "≥": "正向指标：完成值 ≥ 指标值得满分，否则 完成值/指标值 × 分值",
    "=": "等于指标：按正向指标计分",
    "≤": "反向指标：完成值 ≤ 指标值得满分，否则 (1 − 超出比例) × 分值，超出一倍得 0 分",
    "定性": "定性指标：达成 80–100%，部分达成 60–80%，未达成 0–60% 的分值",
}


def uses_form_scores(report: Report) -> bool:
    """A report of one of the table-form families (national, sichuan …; not the 华容 template, not
    prose), with scored lines of its own."""
    return family_of(report) in FAMILIES and any(
        x.max_points is not None for x in (*report.budget_lines, *report.indicators)
    )


def within(points: Decimal | None, low: Decimal, high: Decimal) -> Decimal:
    """The self-score when the allowed band holds it (within rounding), else the nearer edge to 0.01
    (the top when blank): a computed 9.5641 is shown as the 9.56 the form may print."""
    if points is not None and (
        low <= points <= high or points_agree(points, low) or points_agree(points, high)
    ):
        return points
    edge = high if points is None or points > high else low
    return edge.quantize(SHOWN)


def form_reviews(report: Report) -> list[ScoreReview]:
    family = family_of(report)
    common = {
        "file": report.file,
        "rubric": family.id,
        "kind": report.kind,
        "department": report.department,
        "project": report.project_name if report.kind == "project" else None,
    }
    rows = []
    for line in report.budget_lines:
        if line.max_points is None:
            continue
        allowed = budget_allowed(line)
        allowed = within(line.points, allowed, allowed) if allowed is not None else None
        rows.append(
            ScoreReview(
                item=f"预算执行：{line.item or ''}",
                max_points=line.max_points,
                self_points=line.points,
                review_points=allowed,
                basis=BUDGET_BASIS,
                **common,
            )
        )
    for ind in report.indicators:
        if ind.max_points is None:
            continue
        allowed = allowed_points(ind)
        review = within(ind.points, *allowed) if allowed else None
        item = "/".join(x for x in (ind.level1, ind.level2, ind.name) if x)
        rows.append(
            ScoreReview(
                item=item,
                max_points=ind.max_points,
                self_points=ind.points,
                review_points=review,
                basis=INDICATOR_BASIS.get(ind.nature or ""),
                **common,
            )
        )
    return rows


def form_total(reviews: list[ScoreReview]) -> Decimal | None:
    """The re-scored total: each item's review, or its own score where no review is computable
    (定量指标 over a bare figure, a 完成值 in words): an item not checked is not an item lost."""
    if not any(r.review_points is not None for r in reviews):
        return None
    points = [r.review_points if r.review_points is not None else r.self_points for r in reviews]
    return sum((p for p in points if p is not None), Decimal(0))
