"""C5xx: blanks a reviewer must send back — warnings, never errors.

A field counts as "left blank on the form" when the value is None although `Report.sources`
records where the form had it (the normaliser found the field but nothing in it).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.registry import AuditContext, rule
from jixiao_audit.audit.rubrics.scoring import TARGET_FLAG, blank_targets
from jixiao_audit.audit.tolerance import fmt_plain
from jixiao_audit.audit.values import path_label, resolve
from jixiao_audit.normalize.families import family_of
from jixiao_audit.normalize.model import Report
from jixiao_audit.normalize.text import parse_number

DEFAULT_TARGET_POINTS = 1  # ④目标量化（1分）


def _left_blank(report: Report, field: str) -> bool:
    return getattr(report, field) in (None, "") and field in report.sources


@rule(
    "C501",
    name="报告日期空白",
    family="completeness",
    severity="warning",
    template="报告日期未填写（封面“报告日期：  年  月  日”为空）",
)
def report_date_blank(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The cover's 报告日期 is left blank: the report cannot be dated or checked against deadlines."""
    if _left_blank(report, "report_date"):
        yield report_date_blank.rule.finding(report, path="report_date")


@rule(
    "C502",
    name="评价类型未勾选",
    family="completeness",
    severity="warning",
    template="评价类型未勾选（项目实施过程评价 / 项目完成结果评价均未选择）",
    kinds=("project",),
)
def evaluation_type_unticked(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Neither 项目实施过程评价 nor 项目完成结果评价 is ticked on the project report's cover."""
    if _left_blank(report, "evaluation_type"):
        yield evaluation_type_unticked.rule.finding(report, path="evaluation_type")


@rule(
    "C503",
    name="指标值空白却得满分",
    family="completeness",
    severity="warning",
    template="绩效指标的“指标（目标）值”有 {blank} 项空白（共 {total} 项），但评分表「{item}」（含目标量化）自评满分 {points} 分",
)
def blank_targets_full_marks(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """指标（目标）值 left blank while the rubric item about 目标内容 / 目标量化 (flagged
    ``target_quantification`` in the rubric file) gets full marks: unquantified targets cannot earn
    the 目标量化 point.
    """
    blank = blank_targets(report)
    if not blank:
        return
    quantitative = sum(1 for i in report.indicators if i.level1 != "定性目标")
    for r in ctx.scores(report):
        item = r.item
        if r.spec is None or r.spec.flag != TARGET_FLAG:
            continue
        if item.self_points is None or item.max_points is None or item.self_points < item.max_points:
            continue
        first = next(
            i
            for i, ind in enumerate(report.indicators)
            if ind.level1 != "定性目标" and not (ind.target or "").strip()
        )
        at_stake = Decimal(str(r.spec.params.get("points", DEFAULT_TARGET_POINTS)))
        yield blank_targets_full_marks.rule.finding(
            report,
            path=f"score_items[{r.index}].self_points",
            expected=max(Decimal(0), item.max_points - at_stake),
            actual=item.self_points,
            blank=blank,
            total=quantitative,
            item=r.short_label,
            points=fmt_plain(item.self_points),
            evidence=f"指标「{report.indicators[first].name or ''}」的指标（目标）值为空",
        )


@rule(
    "C504",
    name="无评价人员",
    family="completeness",
    severity="warning",
    template="评价人员名单为空，无法确认评价组成员",
)
def no_evaluator(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The 评价人员 table lists nobody: a self-evaluation must name who evaluated (评价组成员).
    Only for families whose form has an 评价人员 block (the national 自评表 has none by design)."""
    if not report.evaluators and family_of(report).has_evaluators:
        yield no_evaluator.rule.finding(report, path="evaluators")


@rule(
    "C505",
    name="签章日期空白",
    family="completeness",
    severity="warning",
    template="{count} 处签章栏未填日期：{roles}",
)
def signoff_dates_blank(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Signature blocks (评价组组长, 部门意见, 财政部门意见 …) whose 年 月 日 is left blank.
    One finding per report listing the blocks."""
    blank = [(i, s) for i, s in enumerate(report.signoffs) if not (s.date or "").strip()]
    if not blank:
        return
    first = blank[0][0]
    yield signoff_dates_blank.rule.finding(
        report, path=f"signoffs[{first}].date", count=len(blank), roles="、".join(s.role for _, s in blank)
    )


@rule(
    "C506",
    name="综合得分或等次空白",
    family="completeness",
    severity="warning",
    template="{fields}未填写",
)
def score_or_grade_blank(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The form's 绩效自评综合得分 or 评价等次 is left blank: the report states no result."""
    missing = [
        label
        for field, label in (("self_score", "绩效自评综合得分"), ("grade", "评价等次"))
        if _left_blank(report, field)
    ]
    if missing:
        path = "self_score" if "绩效自评综合得分" in missing else "grade"
        yield score_or_grade_blank.rule.finding(report, path=path, fields="、".join(missing))


def _is_money_field(report: Report, path: str) -> bool:
    """Does `path` name a Decimal field of the model ("income[0].total", "funds.arrived.county")?"""
    cut = path.rfind(".")
    parent = resolve(report, path[:cut]) if cut > 0 else report
    annotation = getattr(type(parent), "model_fields", {}).get(path[cut + 1 :])
    return annotation is not None and "Decimal" in str(annotation.annotation)


def _unreadable_figure(raw: str) -> bool:
    try:
        parse_number(raw.strip())
    except ValueError:
        return True
    return False


@rule(
    "C507",
    name="金额无法识别",
    family="completeness",
    severity="warning",
    template="{label}的单元格内容“{raw}”不是可识别的数字，已按空白处理（同行其他数字照常核对），请核对原件",
)
def unreadable_figures(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A money cell whose text does not parse as a figure (a typo or an OCR misreading such as
    "5,5ㄖ4.8"): the reader keeps its row with the value blank and the raw text in its source, so
    the sums over it skip or warn; this names the cell so the reviewer reads the original."""
    for path, src in report.sources.items():
        unreadable = src.span is None and src.raw.strip() and _unreadable_figure(src.raw)
        if unreadable and resolve(report, path) is None and _is_money_field(report, path):
            yield unreadable_figures.rule.finding(
                report, path=path, label=path_label(path, report), raw=src.raw.strip()
            )
