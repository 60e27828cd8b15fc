"""Reading values out of a `Report` by path, and where they came from.

Paths are the model's JSON paths ("funds.arrived.total", "income[0].total", "staffing.actual")
plus one alias: ``<table>.summary.<field>`` names the 汇总 row of a department table (the first
row whose unit contains 汇总/合计/总计; a table with a single row is its own summary).
Rubric JSON files and the narrative concept table use these paths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from jixiao_audit.normalize.model import (
    ExpenditureRow,
    FixedAssetRow,
    Funds,
    FundsBySource,
    IncomeRow,
    Report,
    Source,
    Staffing,
    ThreePublicRow,
)
from jixiao_audit.normalize.vocabulary import SUMMARY_ROW

SUMMARY_MARKERS = SUMMARY_ROW  # the words the normaliser also reads a 汇总 row by

_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def is_summary_unit(unit: str | None) -> bool:
    return bool(unit) and any(m in unit for m in SUMMARY_MARKERS)


SUB_UNIT = re.compile(
    r"^\s*(?:其中[:：]?\s*)?(?:[0-9]+|[一二三四五六七八九十]+|[（(][0-9一二三四五六七八九十]+[）)])\s*[、.．]?"
)


def summary_index(rows: Sequence[Any]) -> int | None:
    """Index of the 汇总 row: the first row whose unit says 汇总/合计; else a first row named like the
    department above numbered sub-units (华容县住建局 / 1、局机关 / 2、…); a lone row is its own summary."""
    units = [getattr(row, "unit", None) or "" for row in rows]
    for i, unit in enumerate(units):
        if is_summary_unit(unit):
            return i
    if (
        len(rows) > 1
        and units[0]
        and not SUB_UNIT.match(units[0])
        and all(SUB_UNIT.match(u) for u in units[1:])
    ):
        return 0
    return 0 if len(rows) == 1 else None


def unit_indices(rows: Sequence[Any]) -> list[int]:
    """Indices of the unit rows (every row but the 汇总 row)."""
    s = summary_index(rows)
    if s is not None and len(rows) == 1:
        return [s]  # a lone unit row is both
    return [i for i in range(len(rows)) if i != s]


def concrete_path(report: Report, path: str) -> str | None:
    """Replace ``.summary.`` by the summary row's index: "income.summary.total" → "income[0].total"."""
    m = re.fullmatch(r"(\w+)\.summary\.(\w+)", path)
    if not m:
        return path
    table, field = m.groups()
    rows = getattr(report, table, None)
    if not isinstance(rows, list):
        return None
    idx = summary_index(rows)
    return None if idx is None else f"{table}[{idx}].{field}"


def resolve(report: Report, path: str) -> Any:
    """The value at `path`, or None when absent/blank."""
    concrete = concrete_path(report, path)
    if concrete is None:
        return None
    obj: Any = report
    for step in concrete.split("."):
        m = _STEP.fullmatch(step)
        if not m or obj is None:
            return None
        name, index = m.groups()
        obj = getattr(obj, name, None)
        if index is not None:
            if not isinstance(obj, list) or int(index) >= len(obj):
                return None
            obj = obj[int(index)]
    return obj


def number(report: Report, path: str) -> Decimal | None:
    value = resolve(report, path)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    return None


def stated_in_text(report: Report, path: str) -> bool:
    """The value at `path` was read from a sentence (a prose-only report's total), not a form cell."""
    src = report.sources.get(concrete_path(report, path) or path)
    return src is not None and src.span is not None


def source(report: Report, path: str | None) -> Source | None:
    """The source of `path`, falling back to its parents ("income[0].total" → "income[0]" → "income")."""
    if not path:
        return None
    concrete = concrete_path(report, path) or path
    candidate = concrete
    while candidate:
        src = report.sources.get(candidate)
        if src is not None:
            return src
        cut = max(candidate.rfind("."), candidate.rfind("["))
        candidate = candidate[:cut] if cut > 0 else ""
    return None


def where(report: Report, path: str | None) -> tuple[str | None, str | None]:
    """(location, evidence) for a finding about the value at `path`."""
    src = source(report, path)
    if src is None:
        return None, None
    return (src.describe() or None), (src.raw or None)


# ---------------------------------------------------------------- Chinese names and order of the fields
# The one table of the model's Chinese labels: rules' messages, the workbook's columns and the
# year-over-year measures all take their wording from here, and their order from the model.

FIELD_LABELS: dict[str, dict[str, str]] = {
    "income": {
        "total": "收入合计",
        "carryover": "上年结转",
        "general_budget": "一般公共预算",
        "government_fund": "政府性基金",
        "special_account": "纳入专户管理的非税收入",
        "other": "其他收入",
    },
    "expenditure": {
        "total": "支出合计",
        "basic": "基本支出",
        "personnel": "人员支出",
        "public": "公用支出",
        "project": "项目支出",
        "balance_current": "当年结余",
        "balance_cumulative": "累计结余",
    },
    "three_public": {
        "total": "三公经费合计",
        "reception": "公务接待费",
        "vehicle_operation": "公务用车运行维护费",
        "vehicle_purchase": "公务用车购置费",
        "overseas": "因公出国（境）费",
    },
    "fixed_assets": {
        "total": "固定资产合计",
        "in_use": "在用固定资产",
        "leased": "出租固定资产",
        "other": "其他固定资产",
    },
    "funds": {
        "planned": "计划安排资金",
        "arrived": "实际到位资金",
        "spent": "实际支出",
        "balance": "资金结余",
    },
    "source": {
        "total": "合计",
        "central": "中央财政",
        "provincial": "省财政",
        "municipal": "市财政",
        "county": "县市区财政",
        "other": "其它",
    },
    "staffing": {"authorized": "人员编制", "actual": "实有人数"},
    # form families (issue 10): the budget block's total line
    "budget_lines": {"adjusted": "项目全年预算数", "executed": "项目全年执行数"},
    "report": {
        "self_score": "自评得分",
        "expenses_total": "支出明细合计",
        # what else a version of a report may change (audit.rules.versions names it)
        "title": "标题",
        "department": "单位名称",
        "budget_code": "预算编码",
        "project_name": "项目名称",
        "supervisor": "主管部门",
        "report_date": "报告日期",
        "grade": "评价等次",
        "evaluation_type": "评价类型",
        "evaluation_method": "评价方式",
        "evaluation_body": "评价机构",
        "period": "项目起止时间",
        "score_total_self": "评分表总分（自评得分）",
        "score_total_max": "评分表总分（分值）",
        "form": "表式",
        "manager": "项目负责人",
        "manager_phone": "联系电话",
        "contact": "联系人",
        "contact_phone": "联系电话",
        "address": "项目地址",
        "county": "县市区",
        "year": "年度",
        "rubric_title": "评分表标题",
    },
}
TABLE_LABELS: dict[str, str] = {
    "income": "年度收入情况表",
    "expenditure": "年度支出和结余情况表",
    "three_public": "“三公”经费表",
    "fixed_assets": "固定资产表",
}
_ROW_MODELS = {"income": IncomeRow, "expenditure": ExpenditureRow, "three_public": ThreePublicRow,
               "fixed_assets": FixedAssetRow, "funds": Funds, "source": FundsBySource, "staffing": Staffing}  # fmt: skip


def table_fields(table: str) -> tuple[str, ...]:
    """The money fields of a table (or block) in the model's order: ("total", "carryover", …)."""
    return tuple(name for name in _ROW_MODELS[table].model_fields if name != "unit")


def label_of(path: str) -> str:
    """The Chinese label of an `audit.values` path: "income.summary.total" → 收入合计,
    "funds.arrived.total" → 实际到位资金, "staffing.actual" → 实有人数."""
    steps = [_STEP.fullmatch(step).group(1) for step in path.split(".") if step != "summary"]  # type: ignore[union-attr]
    if len(steps) == 1:
        return FIELD_LABELS["report"][steps[0]]
    table, field = steps[0], steps[1]
    return FIELD_LABELS[table][field]


_ROW_PATH = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")
# The model's other lists: their Chinese name, the attributes that name one entry, and their fields.
LIST_LABELS = {"score_items": "评分表", "indicators": "绩效指标", "expenses": "支出明细", "narrative": "文字部分",
               "evaluators": "评价人员", "signoffs": "签章栏", "budget_lines": "预算执行"}  # fmt: skip
ENTRY_NAMES = ("level3", "level2", "level1", "name", "item", "heading", "role")
ENTRY_FIELDS = {"self_points": "自评得分", "max_points": "分值", "criteria": "评分标准", "note": "说明",
                "target": "指标值", "actual": "实际完成值", "amount": "金额", "voucher": "凭证号",
                "text": "内容", "heading": "标题", "date": "日期", "name": "姓名", "title": "职务", "unit": "单位",
                "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "item": "项目", "role": "签章",
                "initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数", "rate": "执行率",
                "points": "得分", "nature": "指标性质", "deviation": "偏差原因"}  # fmt: skip


def path_label(path: str, report: Report | None = None) -> str:
    """`label_of` for any model path a reviewer may see, naming the row or entry: income[1].total →
    收入合计（局机关）, funds.arrived.central → 实际到位资金（中央财政）, score_items[6].self_points →
    评分表「到位率」自评得分."""
    parts = path.split(".")
    if parts[0] == "funds" and len(parts) == 3 and parts[2] != "total":
        block, source = (
            FIELD_LABELS["funds"].get(parts[1], parts[1]),
            FIELD_LABELS["source"].get(parts[2], parts[2]),
        )
        return f"{block}（{source}）"
    m = _ROW_PATH.match(path)
    if m and m.group(1) in TABLE_LABELS:
        unit = getattr(resolve(report, f"{m.group(1)}[{m.group(2)}]"), "unit", None) if report else None
        name = m.group(3)
        label = FIELD_LABELS[m.group(1)].get(name) or ENTRY_FIELDS.get(name, name)  # "unit": a row's name
        return f"{label}（{unit}）" if unit else label
    step = _STEP.fullmatch(parts[0])
    if step and step.group(2) is not None and step.group(1) in LIST_LABELS:
        entry = resolve(report, parts[0]) if report is not None else None
        name = next((n for a in ENTRY_NAMES if (n := getattr(entry, a, None))), None)
        where = f"「{name}」" if name else f"第{int(step.group(2)) + 1}项"
        field = ENTRY_FIELDS.get(parts[1], parts[1]) if len(parts) > 1 else ""
        return f"{LIST_LABELS[step.group(1)]}{where}{field}"
    try:
        return label_of(path)
    except (KeyError, AttributeError):
        return path
