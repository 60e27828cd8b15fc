"""Hunan 附件3 部门整体支出绩效评价基础数据表, alone or with its 部门整体支出绩效评价指标表.

Sections: 财政供养人员情况 (编制数 | 20XX年实际在职人数 | 控制率, figures on the next row) and
经费控制情况 (上年决算数 | 本年预算数 | 本年决算数, one row per item). The 指标表 beside it is a
rubric and is read by the common rubric parser into `score_items`.
"""

from __future__ import annotations

import re

from jixiao_audit.normalize import vocabulary as V
from jixiao_audit.normalize.families.table_form import cell_text, money_unit_near, read_cover
from jixiao_audit.normalize.file_year import YEAR, line_source
from jixiao_audit.normalize.lines import Line
from jixiao_audit.normalize.model import Report
from jixiao_audit.normalize.sections import Parsed, is_rubric_header, match_vocab, parse_rubric, strip_unit
from jixiao_audit.normalize.text import clean_label, maybe_number, to_wan

BASIC_TITLE = re.compile(V.BASIC_TITLES_RE)
TITLE_UNIT = re.compile(r"^(.+?)(?:19|20)[0-9]{2}年度?")  # 某县城市管理局2018年度…指标表: the unit
FILLER_FIELDS = [(V.BASIC_FILLER, "department"), (V.BASIC_UNIT_LABEL, "_ignored")]


def first_key_is(line: Line, needles: tuple[str, ...]) -> bool:
    return not line.is_paragraph and bool(line.keys) and any(line.keys[0].startswith(n) for n in needles)


def staff_columns(header: Line) -> dict[str, int]:
    return {
        name: cell.col
        for cell, key in zip(header.cells[1:], header.keys[1:])
        if (name := match_vocab(key, V.BASIC_STAFF_COLUMNS))
    }


def cost_columns(header: Line) -> dict[str, int]:
    """上年决算数 | 本年预算数 | 本年决算数, also when printed with years (2017年决算数 | 2018年预算数 | 2018年决算数)."""
    cols: dict[str, int] = {}
    for cell, key in zip(header.cells[1:], header.keys[1:]):
        name = match_vocab(strip_unit(key), V.BASIC_COST_COLUMNS)
        if name == "final" and "previous_final" not in cols and "budget" not in cols:
            name = "previous_final"  # the first 决算数 column, before the budget, is last year's
        if name and name not in cols:
            cols[name] = cell.col
    return cols


def parse_staff(lines: list[Line], i: int, file: str) -> tuple[Parsed, int]:
    cols = staff_columns(lines[i])
    parsed = Parsed()
    j = i + 1
    values_line = lines[j] if j < len(lines) and not lines[j].is_paragraph else lines[i]
    for name, col in cols.items():
        idx = values_line.cell_at_col(col)
        if idx is None or values_line.cells[idx] in lines[i].cells:
            continue
        number = maybe_number(values_line.cells[idx].text)
        value = int(number) if number is not None and name != "control_rate" else number
        parsed.put(f"staffing.{name}", value, values_line.source(file, idx))
    return parsed, j + 1


def parse_costs(lines: list[Line], i: int, file: str) -> tuple[Parsed, int]:
    header = lines[i]
    cols = cost_columns(header)
    unit = money_unit_near(lines, i)
    parsed = Parsed()
    rows: list[dict] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line.is_paragraph or line.table is not header.table or is_rubric_header(line):
            break
        item = clean_label(line.cells[0].text)
        if not item or first_key_is(line, V.BASIC_STAFF_ANCHOR):
            break
        k = len(rows)
        row: dict = {"item": item}
        for name, col in cols.items():
            row[name] = to_wan(maybe_number(cell_text(line, col)), unit)
            idx = line.cell_at_col(col)
            if idx is not None:
                parsed.sources[f"basic_data.cost_control[{k}].{name}"] = line.source(file, idx)
        rows.append(row)
        j += 1
    parsed.values["cost_control"] = rows
    return parsed, j


def year_read(line: Line, file: str, sources: dict) -> int | None:
    """The year a title or the staff table's heading names, its line kept as the year's source."""
    m = YEAR.search(line.key)
    if not m:
        return None
    sources["year"] = line_source(line, file)
    return int(m.group(1))


def read_basic_data(lines: list[Line], file: str, family) -> list[Report]:
    """One department report: the data table's figures, and the 指标表's items when present."""
    data: dict = {"score_items": []}
    basic: dict = {"staffing": {}, "cost_control": []}
    sources: dict = {}
    title = None
    year = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if title is None and BASIC_TITLE.search(line.key) and len(line.key) <= 40:
            title = clean_label(line.text)
            year = year or year_read(line, file, sources)
        if first_key_is(line, V.BASIC_STAFF_ANCHOR) and not basic["staffing"]:
            year = year or year_read(line, file, sources)
            part, i = parse_staff(lines, i, file)
            basic["staffing"] = {p.split(".", 1)[1]: v for p, v in part.values.items()}
            sources.update({f"basic_data.{p}": s for p, s in part.sources.items()})
        elif first_key_is(line, V.BASIC_COST_ANCHOR) and not basic["cost_control"]:
            part, i = parse_costs(lines, i, file)
            basic["cost_control"] = part.values["cost_control"]
            sources.update(part.sources)
        elif is_rubric_header(line):
            part, i = parse_rubric(lines, i, file, start_index=len(data["score_items"]))
            data["score_items"] += part.values.pop("score_items")
            for path, value in part.values.items():
                data.setdefault(path, value)
            sources.update(part.sources)
        else:
            read_cover(line, data, sources, file)
            for name, raw, idx in _filler(line):
                data.setdefault(name, raw)
                sources.setdefault(name, line.source(file, idx))
            i += 1
    has_basic = basic["staffing"] or basic["cost_control"]
    unit = TITLE_UNIT.match(title or "")
    if "department" not in data and unit:
        data["department"] = clean_label(unit.group(1))
    return [
        Report(
            file=file,
            kind="department",
            form=family.id,
            title=title,
            year=year,
            basic_data=basic if has_basic else None,
            sources=sources,
            **data,
        )
    ]


def _filler(line: Line):
    """填报单位：XX局 (the unit's name on the data table)."""
    from jixiao_audit.normalize.sections import label_value_pairs

    pairs = label_value_pairs(line, FILLER_FIELDS)
    return [(n, clean_label(v), i) for n, v, i in pairs if clean_label(v) and not n.startswith("_")]
