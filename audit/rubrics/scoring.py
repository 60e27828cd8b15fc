"""Re-scoring a report's rubric items with its rubric's formulas."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao_audit.audit.rubrics import ItemSpec, Rubric
from jixiao_audit.audit.rubrics.formulas import FORMULAS, Rescore
from jixiao_audit.audit.tolerance import quantize
from jixiao_audit.normalize.model import Report, ScoreItem

QUALITATIVE_BASIS = "定性指标，未设计算公式，沿用自评得分"
NO_RUBRIC_BASIS = "未找到适用的评分标准文件，沿用自评得分"
TARGET_FLAG = "target_quantification"


@dataclass(slots=True)
class ItemResult:
    index: int  # position in report.score_items
    item: ScoreItem
    spec: ItemSpec | None
    rescore: Rescore | None  # None: no formula applies
    review_points: Decimal | None
    basis: str

    @property
    def label(self) -> str:
        return item_label(self.item)

    @property
    def short_label(self) -> str:
        return self.item.level3 or self.item.level2 or self.item.level1 or f"第{self.index + 1}项"


def item_label(item: ScoreItem) -> str:
    return " / ".join(x for x in (item.level1, item.level2, item.level3) if x) or "（未命名指标）"


def blank_targets(report: Report) -> int:
    """Quantitative indicators whose 指标（目标）值 is blank."""
    return sum(1 for i in report.indicators if i.level1 != "定性目标" and not (i.target or "").strip())


def _rescore_item(
    index: int, item: ScoreItem, rubric: Rubric | None, report: Report, previous: Report | None
) -> ItemResult:
    if rubric is None:
        return ItemResult(index, item, None, None, item.self_points, NO_RUBRIC_BASIS)
    spec = rubric.spec_for(item)
    if spec is None or not spec.formula:
        basis = QUALITATIVE_BASIS
        if spec is not None and spec.flag == TARGET_FLAG and report.indicators and blank_targets(report):
            basis += f"；指标（目标）值空白 {blank_targets(report)} 项，目标量化分存疑"
        return ItemResult(index, item, spec, None, item.self_points, basis)
    fn = FORMULAS.get(spec.formula)
    if fn is None:
        return ItemResult(
            index,
            item,
            spec,
            None,
            item.self_points,
            f"评分标准文件中的公式类型 {spec.formula} 未实现，沿用自评得分",
        )
    result = fn(item, spec.params, report, previous)
    review = None if result.allowed is None else quantize(result.allowed)
    return ItemResult(index, item, spec, result, review, result.basis)


def rescore_report(report: Report, rubric: Rubric | None, previous: Report | None = None) -> list[ItemResult]:
    return [_rescore_item(i, item, rubric, report, previous) for i, item in enumerate(report.score_items)]


def rescored_total(results: list[ItemResult]) -> Decimal | None:
    """Sum of 复核得分, taking the self score where an item could not be re-scored; None if no items."""
    points = [r.review_points if r.review_points is not None else r.item.self_points for r in results]
    known = [p for p in points if p is not None]
    return sum(known, Decimal(0)) if known else None
