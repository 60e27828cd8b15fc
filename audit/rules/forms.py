"""Rules for the national 项目支出绩效自评表 family and Hunan's 基础数据表 (issue 10).

The budget block (`Report.budget_lines`), the scored indicators (`Indicator.nature/max_points/points`)
and the data table (`Report.basic_data`) are checked against their own figures: totals against their
其中 rows, printed 执行率 and 得分 against the formulas the forms print in their 填表说明, and the
weights against the form's own 总分 / 合计 row (never an assumed 100).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from jixiao_audit.audit.finding import Finding
from jixiao_audit.audit.registry import AuditContext, rule
from jixiao_audit.audit.rules._sums import SumStatus, check_sum
from jixiao_audit.audit.tolerance import agree, fmt_plain, interval, ratio_interval
from jixiao_audit.normalize import vocabulary as V
from jixiao_audit.normalize.families import family_of
from jixiao_audit.normalize.model import BudgetLine, CostControlRow, Indicator, Report
from jixiao_audit.normalize.text import level_points, maybe_number

SCORE_TOLERANCE = Decimal("0.01")  # points are exact; this much is rounding
SHOWN = Decimal("0.01")  # computed rates and points are stated to two places
FULL_RATE = Decimal(1)  # 执行率 above 100 % earns no more than full points
MAX_LISTED_SLOTS = 8  # unfilled template rows named in one C523 finding before 等
DEVIATION_RATE_PERCENT = Decimal(90)  # Sichuan: 预算执行率 below this needs a 原因
PLACEHOLDER = re.compile(V.PLACEHOLDER)
MONEY_COLUMNS = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数"}
COST_COLUMNS = {"previous_final": "上年决算数", "budget": "本年预算数", "final": "本年决算数"}
BAND_SHARES = [(words, (Decimal(lo), Decimal(hi))) for words, (lo, hi) in V.QUALITATIVE_BANDS]


def points_agree(stated: Decimal, computed: Decimal) -> bool:
    """Within SCORE_TOLERANCE, or `computed` rounded to the digits `stated` shows (18.46 → 18.5)."""
    if abs(stated - computed) <= SCORE_TOLERANCE:
        return True
    exponent = stated.as_tuple().exponent
    return isinstance(exponent, int) and abs(stated - computed) <= Decimal(5).scaleb(exponent - 1)


# --------------------------------------------------------------------------------- budget block


def budget_total_and_parts(report: Report) -> tuple[int, BudgetLine, list[BudgetLine]] | None:
    """The 年度资金总额/总额 line and the 其中 lines under it."""
    lines = report.budget_lines
    for n, line in enumerate(lines):
        item = (line.item or "").replace(" ", "")
        if any(item.startswith(t) for t in V.BUDGET_TOTAL_ITEMS):
            return n, line, lines[n + 1 :]
    return None


def column_sum_mismatches(total, parts: list, columns: dict[str, str]) -> Iterator[tuple[str, str, object]]:
    """(column, label, sum check) for each amount column where the total row is not the sum of its
    parts; parts with every amount blank (其他资金, 出国经费 left empty) are no parts at all."""
    parts = [p for p in parts if any(getattr(p, name) is not None for name in columns)]
    if not parts:
        return
    for name, label in columns.items():
        result = check_sum(getattr(total, name), [getattr(p, name) for p in parts])
        if result.status is SumStatus.MISMATCH:
            yield name, label, result


def budget_base(line: BudgetLine) -> Decimal | None:
    """执行率's denominator: 全年预算数 (调整后), else 年初预算数."""
    return line.adjusted if line.adjusted is not None else line.initial


@rule(
    "A121",
    name="资金总额与其中项不符",
    family="arithmetic",
    severity="error",
    template="{funds}「{column}」：年度资金总额 {expected} 万元，其中各项之和 {actual} 万元{cause}",
)
def budget_total_parts(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """年度资金总额 (总额) equals the sum of its 其中 rows (本年财政拨款, 上年结转, 其他资金), column by
    column: a total left at 0 or typed from another row is the commonest slip on these forms."""
    found = budget_total_and_parts(report)
    if found is None or not found[2]:
        return
    n, total, parts = found
    for name, label, result in column_sum_mismatches(total, parts, MONEY_COLUMNS):
        yield budget_total_parts.rule.finding(
            report,
            path=f"budget_lines[{n}].{name}",
            rests_on=[f"budget_lines[{k}].{name}" for k in range(n + 1, len(report.budget_lines))],
            expected=result.total,
            actual=result.parts_sum,
            column=label,
            funds="部门预算资金" if report.kind == "department" else "项目资金",
        )


@rule(
    "A122",
    name="执行率计算错误",
    family="arithmetic",
    severity="error",
    template="「{item}」执行率填报 {actual}%，按执行数/预算数计算应为 {expected}%",
)
def budget_rate(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The printed 执行率 equals 全年执行数 (B) / 全年预算数 (A) × 100 within the digits shown."""
    for n, line in enumerate(report.budget_lines):
        base = budget_base(line)
        if line.rate is None or line.executed is None or base is None:
            continue
        ratio = ratio_interval(interval(line.executed), interval(base))
        if ratio is None or agree(interval(line.rate), ratio):
            continue
        computed = (line.executed / base * 100).quantize(SHOWN)
        yield budget_rate.rule.finding(
            report,
            path=f"budget_lines[{n}].rate",
            expected=computed,
            actual=line.rate,
            item=line.item or "预算执行",
        )


def budget_allowed(line: BudgetLine) -> Decimal | None:
    """分值 × min(执行数/预算数, 1), or None when a figure is missing."""
    base = budget_base(line)
    if line.max_points is None or line.executed is None or not base:
        return None
    return line.max_points * min(line.executed / base, FULL_RATE)


@rule(
    "R321",
    name="预算执行得分不符",
    family="rubric",
    severity="error",
    template="「{item}」得分 {actual} 分，按分值 {full} × 执行率 {rate}%（封顶 100%）应为 {expected} 分",
)
def budget_points(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """预算执行 得分 = 分值 × min(执行率, 1), 执行率 recomputed from 执行数/预算数 (Hubei prints the
    formula as 得分(20分*执行率)); a score above what execution earns is the usual inflation."""
    for n, line in enumerate(report.budget_lines):
        allowed = budget_allowed(line)
        if line.points is None or allowed is None:
            continue
        rate = line.executed / budget_base(line)
        shown = allowed.quantize(SHOWN)
        if points_agree(line.points, allowed):
            continue
        yield budget_points.rule.finding(
            report,
            path=f"budget_lines[{n}].points",
            expected=shown,
            actual=line.points,
            item=line.item or "预算执行",
            full=fmt_plain(line.max_points),
            rate=fmt_plain((rate * 100).quantize(SHOWN)),
        )


# --------------------------------------------------------------------------------- indicators


def is_placeholder(ind: Indicator) -> bool:
    name = (ind.name or "").replace(" ", "")
    return bool(PLACEHOLDER.match(name)) if name else ind.target is None and ind.actual is None


FIGURE_WITH_UNIT = re.compile(r"^([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*([^\d\s]{1,6})$")


def numeric(text: str | None, unit: str | None = None) -> Decimal | None:
    """A 指标值/完成值 as a number: a bare figure, or one written with the indicator's own unit
    (480公里 where the unit is 公里); a figure in another unit (1.2万人 against 人) is not compared."""
    value = maybe_number(text or "")
    if value is not None or not unit:
        return value
    m = FIGURE_WITH_UNIT.match((text or "").strip())
    return maybe_number(m.group(1)) if m and m.group(2) == unit.strip() else None


SIGNS_OF_NATURE = {nature: tuple(sorted(words, key=len, reverse=True)) for words, nature in V.NATURE_WORDS}


def actual_number(ind: Indicator) -> Decimal | None:
    """The 完成值 as a number. A 完成值 written as its target is, sign included (≥266米 against ≥266米:
    Sichuan's 衔接资金 forms copy the target to say it was met), reads as its figure: the sign states
    the target's direction, which the indicator's 指标性质 already holds."""
    text = (ind.actual or "").strip()
    sign = next((w for w in SIGNS_OF_NATURE.get(ind.nature or "", ()) if text.startswith(w)), "")
    return numeric(text[len(sign) :].strip(), ind.unit)


def allowed_points(ind: Indicator) -> tuple[Decimal, Decimal] | None:
    """(lowest, highest) points the indicator's 指标值/完成值 allow, or None when not computable.

    ≥: B ≥ A full, else B/A × 分值; ≤: B ≤ A full, (1 − (B−A)/A) × 分值 below 2A, else 0;
    =: as ≥ (a 0 target is met only by B ≤ 0); 定性: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 %.
    """
    full = ind.max_points
    if full is None or is_placeholder(ind):
        return None
    if ind.nature == "定性":
        share = qualitative_share(ind.actual, ind.target)
        return (full * share[0], full * share[1]) if share else None
    a, b = numeric(ind.target, ind.unit), actual_number(ind)
    if a is None or b is None or ind.nature not in ("≥", "≤", "="):
        return None
    if ind.nature == "≤":
        if b <= a:
            value = full
        elif a > 0 and b < 2 * a:
            value = (1 - (b - a) / a) * full
        else:
            value = Decimal(0)
    elif a == 0:
        value = full if b <= 0 else Decimal(0)
    else:
        value = full if b >= a else (b / a * full if a > 0 else Decimal(0))
    return value, value


def qualitative_share(actual: str | None, target: str | None) -> tuple[Decimal, Decimal] | None:
    text = (actual or "").replace(" ", "")
    if not text:
        return None
    if target and text == target.replace(" ", ""):
        return BAND_SHARES[-1][1]
    for words, share in BAND_SHARES:
        if any(w in text for w in words):
            return share
    return None


def target_missed(ind: Indicator) -> bool:
    """完成值 short of 指标值 (above it for a ≤ target), or a qualitative 未达成 / 部分达成. A target of
    no known direction (定量指标 over a bare 100%: a 控制率 is met below it) is not judged."""
    if ind.nature == "定性":
        share = qualitative_share(ind.actual, ind.target)
        return share is not None and share[1] < 1
    a, b = numeric(ind.target, ind.unit), actual_number(ind)
    if a is None or b is None or ind.nature not in ("≥", "≤", "="):
        return False
    return b > a if ind.nature == "≤" else b < a


def scored_indicators(report: Report) -> Iterator[tuple[int, Indicator, tuple[Decimal, Decimal]]]:
    for n, ind in enumerate(report.indicators):
        if ind.points is None:
            continue
        allowed = allowed_points(ind)
        if allowed is not None:
            yield n, ind, allowed


@rule(
    "R322",
    name="指标得分高于完成情况",
    family="rubric",
    severity="error",
    template="指标「{name}」指标值 {target}，完成值 {done}，自评 {actual} 分，按完成情况最多 {expected} 分",
)
def indicator_points_too_high(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Each indicator re-scored from its 指标值, 完成值 and 指标性质: a target missed but scored
    (full marks for 480 of ≥500 人次) is above what the achievement allows."""
    for n, ind, (low, high) in scored_indicators(report):
        if ind.points > high and not points_agree(ind.points, high):
            yield indicator_points_too_high.rule.finding(
                report,
                path=f"indicators[{n}].points",
                expected=high.quantize(SHOWN),
                actual=ind.points,
                **_described(ind),
            )


@rule(
    "R323",
    name="指标已完成却扣分",
    family="rubric",
    severity="warning",
    template="指标「{name}」指标值 {target}，完成值 {done}，已达成却只得 {actual} 分（应得 {expected} 分）",
)
def indicator_points_too_low(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A target met (or qualitatively 达成) but points deducted below its band: either the 完成值 is
    wrong or the score is; the reviewer asks which."""
    for n, ind, (low, high) in scored_indicators(report):
        if ind.points < low and not points_agree(ind.points, low) and not target_missed(ind):
            yield indicator_points_too_low.rule.finding(
                report,
                path=f"indicators[{n}].points",
                expected=low.quantize(SHOWN),
                actual=ind.points,
                **_described(ind),
            )


def _described(ind: Indicator) -> dict[str, str]:
    unit = ind.unit or ""
    target = f"{'' if ind.nature in (None, '定性') else ind.nature}{ind.target or ''}{unit}"
    return {"name": ind.name or "", "target": target, "done": f"{ind.actual or ''}"}


def level_weights(report: Report) -> dict[tuple[str, ...], tuple[str, Decimal, Decimal, int]]:
    """Level (一级, or 一级 and 二级) → (its label, the weight printed in it, Σ its indicators' 分值, first
    row). A level over an indicator with no 分值 cell at all (广水 prints weights only on levels, and a level over
    several indicators gives none of them one) is left out: its weight cannot be added up, nor is it wrong; a
    blank 分值 cell is a missing part, as before."""
    levels: dict[tuple[str, ...], tuple[str, Decimal, Decimal, int]] = {}
    unknown: set[tuple[str, ...]] = set()
    for n, ind in enumerate(report.indicators):
        for label, key in level_keys(ind):
            stated = level_points(label)
            if stated is None:
                continue
            if ind.max_points is None:
                if f"indicators[{n}].max_points" not in report.sources:
                    unknown.add(key)
                continue
            label, stated, parts, first = levels.get(key, (label, stated, Decimal(0), n))
            levels[key] = (label, stated, parts + ind.max_points, first)
    return {key: weights for key, weights in levels.items() if key not in unknown}


def level_keys(ind: Indicator) -> list[tuple[str, tuple[str, ...]]]:
    """(label, key) of an indicator's levels; a 二级 label is keyed under its 一级 (质量指标 recurs)."""
    keys = [(ind.level1, (ind.level1,))] if ind.level1 else []
    if ind.level2:
        keys.append((ind.level2, (ind.level1 or "", ind.level2)))
    return keys


def budget_points_line(report: Report) -> BudgetLine | None:
    found = budget_total_and_parts(report)
    line = found[1] if found else (report.budget_lines[0] if report.budget_lines else None)
    return line


@rule(
    "R324",
    name="分值与总分不符",
    family="rubric",
    severity="error",
    template="{what}：标明 {expected} 分，各项分值之和为 {actual} 分",
)
def weights_add_up(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Each level's stated weight (产出指标(50分)) equals the sum of its indicators' 分值, and the form's
    own 总分/合计 row equals 预算执行 分值 + Σ 指标分值 (the national form's 10 + 90, not an assumed 100)."""
    for label, stated, parts, first in level_weights(report).values():
        if not points_agree(stated, parts):
            yield weights_add_up.rule.finding(
                report, path=f"indicators[{first}].max_points", expected=stated, actual=parts, what=label
            )
    weights = [i.max_points for i in report.indicators if i.max_points is not None]
    budget = budget_points_line(report)
    if report.score_total_max is None or not weights:
        return
    parts = sum(weights, Decimal(0)) + (budget.max_points or 0 if budget else 0)
    if not points_agree(report.score_total_max, parts):
        yield weights_add_up.rule.finding(
            report, path="score_total_max", expected=report.score_total_max, actual=parts, what="总分行"
        )


@rule(
    "R325",
    name="得分合计与总分行不符",
    family="rubric",
    severity="error",
    template="{where}自评得分 {expected} 分，预算执行与各指标得分之和为 {actual} 分",
)
def points_add_up(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """The 总分 row's 得分 equals 预算执行 得分 + Σ indicator 得分 (blank cells are not 0: a form with
    blank scores is C522's, not this rule's). A form without a 总分 row (Chongqing 部门整体) states its
    total on the cover (自评总分（分）), which must add up the same way."""
    # the template's spare 指标2/…… slots left blank are no indicators; every other row must be scored
    rows = [i for i in report.indicators if i.points is not None or not is_placeholder(i)]
    points = [i.points for i in rows if i.points is not None]
    summed = [f"indicators[{k}].points" for k, i in enumerate(report.indicators) if i.points is not None]
    path, where = "score_total_self", "总分行"
    if report.score_total_self is None and "self_score" in report.sources:
        path, where = "self_score", "表头"
    total = getattr(report, path)
    if total is None or not points or len(points) < len(rows):
        return
    budget = budget_points_line(report)
    parts = sum(points, Decimal(0)) + (budget.points or 0 if budget else 0)
    if budget is not None:
        summed += [f"budget_lines[{k}].points" for k, b in enumerate(report.budget_lines) if b is budget]
    if not points_agree(total, parts):
        yield points_add_up.rule.finding(
            report, path=path, rests_on=summed, expected=total, actual=parts, where=where
        )


# --------------------------------------------------------------------------------- completeness


@rule(
    "C521",
    name="未完成却未说明原因",
    family="completeness",
    severity="warning",
    template="「{name}」{why}，但偏差原因分析及改进措施未填写",
)
def deviation_blank(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """完成值 short of 指标值 (or, where the form has a 原因 column, 执行率 below 90 %) needs a
    偏差原因/未完成原因: the form asks for it and reviewers send back forms without it."""
    for n, ind in enumerate(report.indicators):
        if target_missed(ind) and not (ind.deviation or "").strip():
            why = f"完成值 {ind.actual} 未达到指标值 {ind.target}{ind.unit or ''}"
            yield deviation_blank.rule.finding(
                report, path=f"indicators[{n}].actual", name=ind.name or "", why=why
            )
    for n, line in enumerate(report.budget_lines):
        has_note_column = f"budget_lines[{n}].note" in report.sources
        rate = line.rate
        if (
            has_note_column
            and rate is not None
            and rate < DEVIATION_RATE_PERCENT
            and not (line.note or "").strip()
            and not nothing_budgeted(line)
        ):
            yield deviation_blank.rule.finding(
                report,
                path=f"budget_lines[{n}].rate",
                name=line.item or "预算执行",
                why=f"执行率 {fmt_plain(rate)}% 低于 90%",
            )


def nothing_budgeted(line: BudgetLine) -> bool:
    """A source row with no money (单位资金 0.00 | 0.00 | 0.00 | 0.00%, as the Sichuan form prints it):
    its 0% is nothing to execute, not a shortfall to explain."""
    return not budget_base(line) and not line.executed


def has_points_column(report: Report) -> bool:
    """Whether the form read had a 得分 cell for any indicator or budget line (blank or not)."""
    rows = [f"indicators[{n}].points" for n in range(len(report.indicators))]
    rows += [f"budget_lines[{n}].points" for n in range(len(report.budget_lines))]
    return any(path in report.sources for path in rows)


@rule(
    "C522",
    name="得分全部空白",
    family="completeness",
    severity="warning",
    template="自评表的得分栏全部空白（{count} 个指标及预算执行均未打分）",
)
def all_points_blank(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A self-evaluation form whose every 得分 cell is blank has not been self-evaluated at all; it is
    reported as such, never scored as 0. A form with no 得分 column at all (重庆大足 部门整体绩效目标自评表:
    指标权重, 指标值 and 完成值 only) has no score to leave blank."""
    scored = [i for i in report.indicators if i.max_points is not None or i.points is not None]
    if not scored or any(i.points is not None for i in report.indicators):
        return
    if report.sources and not has_points_column(report):
        return
    if any(line.points is not None for line in report.budget_lines) or report.score_total_self is not None:
        return
    yield all_points_blank.rule.finding(report, path="indicators[0].max_points", count=len(scored))


@rule(
    "C523",
    name="模板内容未填",
    family="completeness",
    severity="warning",
    template="{what}未填写（{evidence_text}），视为未填，不按 0 计",
)
def template_left_in_place(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """Template instructions left in place (（200字以内）, 结合自评情况，说明…) and placeholder indicator
    rows (指标1：, ……, /): the form was not filled in there; reported as 未填 and never counted as 0."""
    goals = report.goals
    for name, label in (("expected", "年度总体目标（预期目标）"), ("actual", "年度总体目标（实际完成情况）")):
        text = getattr(goals, name) if goals else None
        if text and any(mark in text for mark in V.TEMPLATE_INSTRUCTIONS):
            yield template_left_in_place.rule.finding(
                report, path=f"goals.{name}", what=label, evidence_text=text[:30]
            )
    if family_of(report).closing_blocks:  # a family form's 评价结论, 存在问题, 改进措施
        for n, section in enumerate(report.narrative):
            if any(mark in section.text for mark in V.TEMPLATE_INSTRUCTIONS):
                yield template_left_in_place.rule.finding(
                    report, path=f"narrative[{n}]", what=section.heading, evidence_text=section.text[:30]
                )
    # the template's spare slots (指标2, ……) are one finding per form, at the first: a 2019 form keeps
    # several under each 二级指标, and a reviewer asks once for them to be filled in or deleted
    slots = [n for n, ind in enumerate(report.indicators) if ind.name and is_placeholder(ind)]
    if slots:
        rows = "、".join(str(n + 1) for n in slots[:MAX_LISTED_SLOTS]) + (
            "等" if len(slots) > MAX_LISTED_SLOTS else ""
        )
        names = "、".join(dict.fromkeys(report.indicators[n].name or "" for n in slots))
        yield template_left_in_place.rule.finding(
            report, path=f"indicators[{slots[0]}].name", what=f"绩效指标第 {rows} 行", evidence_text=names
        )


# --------------------------------------------------------------------------------- 基础数据表


def cost_row(
    rows: list[CostControlRow], needles: tuple[str, ...], after: int = -1
) -> tuple[int, CostControlRow] | None:
    for n, row in enumerate(rows):
        if n > after and any(needle in row.item for needle in needles):
            return n, row
    return None


def cost_sums(report: Report) -> Iterator[tuple[str, int, CostControlRow, list[CostControlRow]]]:
    """(what, row index, total row, part rows) for 三公经费 and 公务用车购置和维护经费."""
    rows = report.basic_data.cost_control if report.basic_data else []
    total = cost_row(rows, (V.BASIC_THREE_PUBLIC,))
    if total:
        parts = [cost_row(rows, needles, total[0]) for needles in V.BASIC_THREE_PUBLIC_PARTS]
        yield "三公经费", total[0], total[1], [p[1] for p in parts if p]
    vehicle = cost_row(rows, V.BASIC_VEHICLE)
    if vehicle:
        parts = [cost_row(rows, needles, vehicle[0]) for needles in V.BASIC_VEHICLE_PARTS]
        yield "公务用车购置和维护经费", vehicle[0], vehicle[1], [p[1] for p in parts if p]


@rule(
    "A123",
    name="基础数据表合计不符",
    family="arithmetic",
    severity="error",
    template="基础数据表「{what}」{column} {expected} 万元，各组成项之和 {actual} 万元{cause}",
    kinds=("department",),
)
def basic_data_sums(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """基础数据表: 三公经费 = 公务用车购置和维护 + 出国 + 公务接待, and 公务用车 = 公车购置 + 公车运行维护,
    in each of 上年决算数, 本年预算数, 本年决算数; the 变动率 items of the 指标表 are computed from these."""
    for what, n, total, parts in cost_sums(report):
        for name, label, result in column_sum_mismatches(total, parts, COST_COLUMNS):
            yield basic_data_sums.rule.finding(
                report,
                path=f"basic_data.cost_control[{n}].{name}",
                expected=result.total,
                actual=result.parts_sum,
                what=what,
                column=label,
            )


@rule(
    "A124",
    name="人员控制率计算错误",
    family="arithmetic",
    severity="error",
    template="基础数据表控制率填报 {actual}%，按实际在职人数/编制数计算应为 {expected}%",
    kinds=("department",),
)
def basic_control_rate(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """财政供养人员 控制率 = 实际在职人数 / 编制数 × 100, within the digits printed."""
    staff = report.basic_data.staffing if report.basic_data else None
    if staff is None or staff.control_rate is None or not staff.authorized or staff.actual is None:
        return
    computed = Decimal(staff.actual) / Decimal(staff.authorized) * 100
    if agree(interval(staff.control_rate), interval(computed.quantize(Decimal("0.0001")))):
        return
    computed = computed.quantize(SHOWN)
    yield basic_control_rate.rule.finding(
        report, path="basic_data.staffing.control_rate", expected=computed, actual=staff.control_rate
    )


QUOTED_MONEY = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*万元")


def table_figures(report: Report) -> list[Decimal]:
    """Every money figure of the 基础数据表's 经费控制 rows."""
    rows = report.basic_data.cost_control if report.basic_data else []
    return [v for r in rows for v in (r.previous_final, r.budget, r.final) if v is not None]


@rule(
    "N221",
    name="变动率基数不在基础数据表",
    family="narrative",
    severity="warning",
    template="指标表「{item}」的说明引用 {actual} 万元，基础数据表经费控制情况中没有这个数",
    kinds=("department",),
)
def change_rate_base_not_in_table(report: Report, ctx: AuditContext) -> Iterable[Finding]:
    """A 变动率 item of the 评价指标表 (三公经费变动率, 公务招待费变动率 …) is computed from the 基础数据表's
    上年/本年 figures; a figure its 指标说明 quotes that the data table does not hold means the rate was
    computed from another base (a budget instead of a 决算, or a wrong year)."""
    figures = table_figures(report)
    if not figures:
        return
    for n, item in enumerate(report.score_items):
        if V.CHANGE_RATE_ITEM not in (item.level3 or ""):
            continue
        for text in (item.note or "", item.criteria or ""):
            for m in QUOTED_MONEY.finditer(text):
                quoted = Decimal(m.group(1))
                if not any(agree(interval(quoted), interval(v)) for v in figures):
                    yield change_rate_base_not_in_table.rule.finding(
                        report, path=f"score_items[{n}].self_points", actual=quoted, item=item.level3
                    )
