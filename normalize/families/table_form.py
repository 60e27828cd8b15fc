"""The national 项目支出绩效自评表 (财预〔2020〕10号 附1) and its provincial variants.

One form is one table (or a few, split by page): cover labels (项目名称, 主管部门, 实施单位), a budget
block (项目资金 / 预算执行情况), the 年度总体目标 (预期目标 | 实际完成情况), the 绩效指标 table and its
总分 / 合计 row. Columns are found by their header labels (`vocabulary.BUDGET_COLUMNS`,
`INDICATOR_TABLE_COLUMNS`), so the Anhui/Yunnan/Sichuan/Hubei/Chongqing orders all read the same way.
Each section parser takes the lines and a start index and returns (Parsed, next index).
"""

from __future__ import annotations

import re

from jixiao_audit.normalize import vocabulary as V
from jixiao_audit.normalize.file_year import (
    YEAR,
    dated_only,
    file_name_year,
    first_line_naming,
    first_year_line,
    line_source,
)
from jixiao_audit.normalize.lines import Line
from jixiao_audit.normalize.model import Report, Statement
from jixiao_audit.normalize.prose import statements_in
from jixiao_audit.normalize.sections import Parsed, label_value_pairs, match_vocab, strip_unit
from jixiao_audit.normalize.text import (
    BLANK_MARKS,
    clean_label,
    clean_text,
    date_or_none,
    level_points,
    maybe_number,
    money_unit,
    points_in_label,
    split_coded_name,
    to_wan,
)

FORM_TITLE = re.compile(V.TABLE_FORM_TITLE)
DEPARTMENT_FORM_TITLE = re.compile(V.TABLE_FORM_DEPARTMENT_TITLE)
YEAR_LINE = re.compile(r"^（(?:19|20)[0-9]{2}年度?）$")
NUMBER_WITH_UNIT = re.compile(r"^([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(\S*)$")
MONEY_FIELDS = ("initial", "adjusted", "executed")
MAX_BUDGET_ROWS = 8  # a budget block has a total and a few 其中 rows
ROW_SCORE_FIELDS = ("max_points", "rate", "points")  # a budget row's own figures, never shared by a merge
# the template's number before a filled-in name (天长: 指标1：工程质量合格) is no part of the name; a number
# with nothing after it (指标2：) is the template's spare slot and stays as printed
TEMPLATE_NUMBER = re.compile(r"^指标\s*[0-9一二三四五六七八九十]+\s*(?:[：:．、]|\.(?![0-9]))\s*(?=\S)")


def starts_with_any(key: str, needles: tuple[str, ...]) -> bool:
    return any(key.startswith(n) for n in needles)


def cell_text(line: Line, col: int | None) -> str:
    idx = line.cell_at_col(col) if col is not None else None
    return line.cells[idx].text if idx is not None else ""


def header_columns(lines: list[Line], start: int, end: int, vocab) -> dict[str, int]:
    """Field → grid column from one or more header rows; a lower row's label refines the one above
    (the Yunnan 年度指标值 spanning 指标性质 | 指标值 | 度量单位)."""
    by_col: dict[int, str] = {}
    for line in lines[start:end]:
        for cell, key in zip(line.cells, line.keys):
            name = match_vocab(strip_unit(key), vocab) if key else None
            if not name:
                continue
            for col in range(cell.col, cell.col + cell.colspan):
                if cell.colspan == 1 or col not in by_col:
                    by_col[col] = name
    fields: dict[str, int] = {}
    for col in sorted(by_col):
        fields.setdefault(by_col[col], col)
    return fields


def money_unit_near(lines: list[Line], i: int, default: str = "万元") -> str:
    """The unit a budget header or the lines just above it state (项目资金（元）, 单位：元)."""
    for line in [lines[i], *reversed(lines[max(0, i - 6) : i])]:
        for cell in line.cells:
            unit = money_unit(cell.text)
            if unit:
                return unit
    return default


# ------------------------------------------------------------------------------------- budget


def is_budget_header(line: Line) -> bool:
    if line.is_paragraph:
        return False
    fields = {match_vocab(strip_unit(k), V.BUDGET_COLUMNS) for k in line.keys if k and len(k) <= 24}
    return "executed" in fields and ("adjusted" in fields or "initial" in fields)


def parse_budget(lines: list[Line], i: int, file: str, start_index: int = 0) -> tuple[Parsed, int]:
    """The budget rows under the header at line i, money in 万元, until a row that is no budget row."""
    header = lines[i]
    cols = header_columns(lines, i, i + 1, V.BUDGET_COLUMNS)
    cols.pop("item", None)  # items are the labels left of the figures
    cols.pop("method", None)  # 得分计算方法: the form's formula, not the row's
    unit = money_unit_near(lines, i)
    first_value = min(cols.values())
    block_cell = header.cells[0]
    block_points = points_in_label(header.keys[0])
    parsed = Parsed()
    rows: list[dict] = []
    j = i + 1
    while j < len(lines) and len(rows) < MAX_BUDGET_ROWS:
        line = lines[j]
        if line.is_paragraph or line.table is not header.table:
            break
        labels = [
            clean_label(c.text)
            for c in line.cells
            if c.col < first_value and c is not block_cell and c.text.strip()
        ]
        values = {name: cell_text(line, col) for name, col in cols.items()}
        has_number = any(maybe_number(values.get(f, "")) is not None for f in MONEY_FIELDS)
        item = labels[-1] if labels else (block_item(header.keys[0]) if not rows else None)
        if item is None and not has_number:
            break
        if item and not has_number and not is_budget_item(item):
            break
        k = start_index + len(rows)
        row = {"item": item}
        for name, col in cols.items():
            idx = line.cell_at_col(col)
            text = line.cells[idx].text if idx is not None else ""
            value: object
            if name in MONEY_FIELDS:
                value = to_wan(maybe_number(text), unit_in_cell(text) or unit)
            elif name in ROW_SCORE_FIELDS and idx is not None and line.cells[idx].row < line.row:
                value = None  # 分值 | 得分 merged down from the total row: the total's, not this row's
            elif name == "note":
                value = clean_text(text) or None
            else:
                value = maybe_number(text)
            row[name] = value
            if idx is not None:
                parsed.sources[f"budget_lines[{k}].{name}"] = line.source(file, idx)
        if row.get("max_points") is None and block_points is not None and not rows:
            row["max_points"] = block_points
            parsed.sources[f"budget_lines[{k}].max_points"] = header.source(file, 0)
        rows.append(row)
        j += 1
    parsed.values["budget_lines"] = rows
    return parsed, j


def source_columns(line: Line) -> dict[str, int] | None:
    """Field → column of a header naming the funds by source in columns (来源 | 中央 | 省、地 | 本级 | 其他 |
    合计 | 执行数 | 执行率): each source as 其中：<source>, 合计 as total; None for any other row."""
    if line.is_paragraph:
        return None
    keys = [clean_label(strip_unit(k)) for k in line.keys]
    opener = next((n for n, k in enumerate(keys) if k in V.FUND_SOURCE_COLUMNS_MARK), None)
    if opener is None:
        return None
    cols: dict[str, int] = {}
    for cell, key in zip(line.cells[opener + 1 :], keys[opener + 1 :]):
        field = match_vocab(key, V.BUDGET_COLUMNS) if key else None
        if field in ("executed", "rate"):
            cols.setdefault(field, cell.col)
        elif starts_with_any(key, V.FUND_SOURCE_TOTAL):
            cols.setdefault("total", cell.col)
        elif key and "total" not in cols:
            cols[f"{V.BUDGET_PART_MARK}：{key}"] = cell.col
    return cols if {"total", "executed"} <= cols.keys() else None


def parse_source_columns(lines: list[Line], i: int, file: str) -> tuple[Parsed, int]:
    """The row under a funds-by-source header: 合计 | 执行数 | 执行率 as the total line, each filled source as
    a 其中 part of it, money in 万元."""
    cols = source_columns(lines[i])
    unit = money_unit_near(lines, i)
    parsed = Parsed()
    j = i + 1
    if j >= len(lines) or lines[j].is_paragraph or lines[j].table is not lines[i].table:
        return parsed, j
    line = lines[j]

    def figure(col: int) -> tuple[object, int | None]:
        idx = line.cell_at_col(col)
        text = line.cells[idx].text if idx is not None else ""
        return maybe_number(text), idx

    total: dict = {"item": V.FUND_SOURCE_TOTAL[0]}
    rows = [total]
    for field, name in (("total", "adjusted"), ("executed", "executed"), ("rate", "rate")):
        if field in cols:
            value, idx = figure(cols[field])
            total[name] = to_wan(value, unit) if name != "rate" else value
            if idx is not None:
                parsed.sources[f"budget_lines[0].{name}"] = line.source(file, idx)
    for item, col in cols.items():
        if item.startswith(V.BUDGET_PART_MARK):
            value, idx = figure(col)
            if value is not None:
                parsed.sources[f"budget_lines[{len(rows)}].adjusted"] = line.source(file, idx)
                rows.append({"item": item, "adjusted": to_wan(value, unit)})
    parsed.values["budget_lines"] = rows
    return parsed, j + 1


def block_item(label: str) -> str | None:
    """A one-row budget block (Hubei) names its line by the block label: 预算执行情况（万元）（20分） → 预算执行情况."""
    bare = re.sub(r"（[^（）]*）", "", label)
    return bare or None


def is_budget_item(item: str) -> bool:
    key = item.replace(" ", "")
    return (
        starts_with_any(key, V.BUDGET_TOTAL_ITEMS)
        or key.startswith(V.BUDGET_PART_MARK)
        or any(w in key for w in ("资金", "拨款", "结转", "财政"))
    )


def unit_in_cell(text: str) -> str | None:
    """万元 / 元 typed after a figure in the cell itself (3530.75万元)."""
    s = text.strip()
    if s.endswith("万元"):
        return "万元"
    if s.endswith("元"):
        return "元"
    return None


# ------------------------------------------------------------------------------------- goals


def column_of(line: Line, labels: tuple[str, ...]) -> int | None:
    return next((c.col for c, k in zip(line.cells, line.keys) if k in labels), None)


def is_goals_header(line: Line) -> tuple[list[int], int] | None:
    """(expected cols, the adjusted target's first; actual col) when the row labels the goal columns."""
    if line.is_paragraph:
        return None
    candidates = (column_of(line, V.GOALS_EXPECTED_ADJUSTED), column_of(line, V.GOALS_EXPECTED))
    exp = [c for c in candidates if c is not None]
    # the block's own label may be a 完成情况 label too (天长: 年度总体目标完成情况 | 预期目标 | 实际完成情况):
    # the actual column is the one after the expected
    acts = [c.col for c, k in zip(line.cells, line.keys) if k in V.GOALS_ACTUAL]
    act = next((c for c in acts if exp and c > min(exp)), acts[0] if acts else None)
    return (exp, act) if exp and act is not None else None


def parse_goals(lines: list[Line], i: int, file: str, kind: str = "project") -> tuple[Parsed, int]:
    """预期目标 and 实际完成情况; the figures the 实际完成情况 text states are statements, so its sums are
    checked as a closing block's are (贵池: 共完成89.97万元，其中30、30、29.99万元)."""
    exp_cols, act_col = is_goals_header(lines[i])
    parsed = Parsed()
    j = i + 1
    if j < len(lines) and not lines[j].is_paragraph:
        line = lines[j]
        header_cells = lines[i].cells

        def filled(col: int) -> int | None:
            idx = line.cell_at_col(col)
            ok = idx is not None and line.cells[idx] not in header_cells
            return idx if ok and clean_label(blank_dash(line.cells[idx].text)) not in ("", "无") else None

        # the adjusted target (全年（调整）绩效目标) wins over the initial one when it is filled
        exp_idx = next((idx for idx in map(filled, exp_cols) if idx is not None), None)
        act_idx = filled(act_col)
        for name, idx in (("expected", exp_idx), ("actual", act_idx)):
            if idx is not None:
                parsed.put(f"goals.{name}", clean_text(line.cells[idx].text) or None, line.source(file, idx))
        if act_idx is not None:
            parsed.values["statements"] = cell_statements(line, act_idx, file, kind)
        j += 1
    return parsed, j


# ------------------------------------------------------------------------------------- indicators


def is_indicator_header(line: Line) -> bool:
    """一级指标 | 二级指标 | …, or a flat table's 指标名称 | … | 年初指标值 | … | 指标得分 (no levels)."""
    if line.is_paragraph:
        return False
    if all(line.find(n) is not None for n in V.INDICATOR_TABLE_HEADER):
        return True
    fields = {match_vocab(strip_unit(k), V.INDICATOR_TABLE_COLUMNS) for k in line.keys if k and len(k) <= 12}
    shapes = (V.FLAT_INDICATOR_HEADER, V.SCORED_ITEM_HEADER)
    return any(all(fields & set(group) for group in shape) for shape in shapes) and not any(
        maybe_number(c.text) is not None for c in line.cells
    )


def is_subheader(line: Line) -> bool:
    """The Yunnan second header row: 指标性质 | 指标值 | 度量单位 under 年度指标值."""
    names = {match_vocab(k, V.INDICATOR_TABLE_COLUMNS) for k in line.keys if k and len(k) <= 12}
    return len(names & {"nature", "target", "unit"}) >= 2 and not any(
        maybe_number(c.text) for c in line.cells
    )


def split_target(text: str) -> tuple[str | None, str | None, str | None]:
    """(nature, value, unit) of a target as the national form prints it: '≥500人次', '≤90万元', '好'."""
    s = clean_label(text)
    if not s:
        return None, None, None
    for words, nature in V.NATURE_WORDS:
        for word in sorted(words, key=len, reverse=True):
            if s.startswith(word):
                m = NUMBER_WITH_UNIT.match(s[len(word) :].strip())
                if m:
                    return nature, m.group(1), m.group(2) or None
                return nature, s[len(word) :].strip() or None, None
    m = NUMBER_WITH_UNIT.match(s)
    unit, nature = unit_and_direction(m.group(2)) if m else (None, "=")
    if m and not re.search(r"[\u4e00-\u9fff]{3,}", unit or ""):
        return nature, m.group(1), unit
    return "定性", s, None


def unit_and_direction(rest: str) -> tuple[str | None, str]:
    """The unit after a target's figure and the direction a suffix gives it: %以上 → (%, ≥)."""
    for words, nature in V.NATURE_SUFFIXES:
        for word in words:
            if rest.endswith(word):
                return rest[: -len(word)] or None, nature
    return rest or None, "="


def nature_of(text: str) -> str | None:
    s = clean_label(text)
    for words, nature in V.NATURE_WORDS:
        if any(s == w or s.startswith(w) for w in words):
            return nature
    return s or None


def parse_indicator_table(lines: list[Line], i: int, file: str, start_index: int = 0) -> tuple[Parsed, int]:
    """Indicator rows until the 总分/合计 row (read into score_total_*) or the form's closing labels."""
    end = i + 1
    while end < len(lines) and is_subheader(lines[end]):
        end += 1
    cols = header_columns(lines, i, end, V.INDICATOR_TABLE_COLUMNS)
    block = cols.pop("block", None)
    if "level1" not in cols and block is not None:
        cols["level1"] = block  # 项目决策 2分 | 决策依据: the block is the item's first level
    parsed = Parsed()
    rows: list[dict] = []
    carry = {"level1": None, "level2": None}
    level_sources: list[dict] = []  # per row: level → Source of the cell its label was read from
    carried: dict = {}
    j = end
    while j < len(lines):
        line = lines[j]
        first = next((k for k in line.keys if k), "")
        if (
            line.is_paragraph
            or starts_with_any(first, V.TABLE_FORM_END)
            or first in V.TABLE_FORM_END_CELLS
            or starts_with_any(first, V.TABLE_FORM_START)
        ):
            break
        if is_indicator_header(line) and names_column_elsewhere(lines, j, cols):
            break  # the next table of other columns (广水: scored items, then the indicators)
        if is_indicator_header(line) or clean_label(first) in V.TABLE_FORM_NOTE_CELLS or is_caption(line):
            j += 1
            continue
        if starts_with_any(first, V.TABLE_TOTAL_ROW):
            read_total(parsed, line, file, cols)
            j += 1
            break
        values = ocr_values_repaired({name: cell_text(line, col) for name, col in cols.items()}, line, cols)
        for level in ("level1", "level2"):
            if clean_label(values.get(level, "")):
                carry[level] = clean_label(values[level])
                carried[level] = line.source(file, line.cell_at_col(cols[level]))
        # a spare slot the template leaves with a dash (历城 2019: "-" rows under each 二级指标) is no indicator
        name = clean_label(blank_dash(values.get("name", "")))
        if not name and not any(
            clean_label(blank_dash(values.get(f, ""))) for f in ("target", "actual", "max_points", "points")
        ):
            j += 1
            continue
        k = start_index + len(rows)
        row = indicator_row(values, carry)
        for field, col in cols.items():
            idx = line.cell_at_col(col)
            if idx is not None and field in row:
                parsed.sources[f"indicators[{k}].{field}"] = line.source(file, idx)
        rows.append(row)
        level_sources.append(dict(carried))
        j += 1
    if "max_points" not in cols:
        for n, (points, source) in points_from_levels(rows, level_sources).items():
            rows[n]["max_points"] = points
            parsed.sources[f"indicators[{start_index + n}].max_points"] = source
    parsed.values["indicators"] = rows
    return parsed, j


def points_from_levels(rows: list[dict], sources: list[dict]) -> dict[int, tuple]:
    """Row → (分值, its source) for a form with no 分值 column (广水: 数量指标15分 over one indicator): the
    nearest level stating a weight gives it to its indicator when it is that level's only one; a
    weight shared by several indicators says nothing of each one's."""
    given = {}
    for n, row in enumerate(rows):
        for depth, level in ((2, "level2"), (1, "level1")):
            points = level_points(row[level])
            if points is None:
                continue
            key = level_path(row, depth)
            if sum(level_path(other, depth) == key for other in rows) == 1 and level in sources[n]:
                given[n] = (points, sources[n][level])
            break
    return given


def level_path(row: dict, depth: int) -> tuple:
    return tuple(row[level] for level in ("level1", "level2")[:depth])


def names_column_elsewhere(lines: list[Line], j: int, cols: dict[str, int]) -> bool:
    """A header row whose item names stand in another column than the table's being read."""
    return header_columns(lines, j, j + 1, V.INDICATOR_TABLE_COLUMNS).get("name") != cols.get("name")


def is_caption(line: Line) -> bool:
    """One cell across the row, no figure: a caption between blocks (项目年度目标1：乡村道路建设养护项目)."""
    return len(line.cells) == 1 and maybe_number(line.cells[0].text) is None


def blank_dash(text: str) -> str:
    """A dash or slash typed into a target/actual cell means nothing was filled in."""
    return "" if clean_label(text) in BLANK_MARKS else text


OPERATOR_FIELDS = ("nature", "target", "target_adjusted", "actual")  # where ≥/≤ are written
LOOKALIKE_BEFORE_FIGURE = re.compile(
    r"^\s*([" + re.escape("".join(V.OCR_OPERATOR_LOOKALIKES)) + r"])\s*(?=[0-9])"
)


def operator_of_lookalike(text: str, field: str) -> str:
    """An OCR'd cell's ≥/≤ read as its look-alike (V, Λ …) put back: the whole nature cell, or the
    mark before a target's figure ("V95%"). Meaning decides, so a Latin V elsewhere is left alone."""
    if field == "nature" and clean_label(text) in V.OCR_OPERATOR_LOOKALIKES:
        return V.OCR_OPERATOR_LOOKALIKES[clean_label(text)]
    if field != "nature":
        return LOOKALIKE_BEFORE_FIGURE.sub(lambda m: V.OCR_OPERATOR_LOOKALIKES[m.group(1)], text, count=1)
    return text


def ocr_values_repaired(values: dict[str, str], line: Line, cols: dict[str, int]) -> dict[str, str]:
    """Values of the operator fields whose cells were read by OCR, with look-alikes put back; the
    cells keep their recognition scores, so a low-confidence value is still flagged."""
    repaired = dict(values)
    for field in OPERATOR_FIELDS:
        idx = line.cell_at_col(cols[field]) if field in cols else None
        if idx is not None and line.cells[idx].confidence is not None and field in repaired:
            repaired[field] = operator_of_lookalike(repaired[field], field)
    return repaired


def indicator_row(values: dict[str, str], carry: dict) -> dict:
    values = {k: blank_dash(v) for k, v in values.items()}
    target_text = values.get("target_adjusted", "").strip() or values.get("target", "")
    nature = nature_of(values["nature"]) if values.get("nature", "").strip() else None
    if nature is not None and starts_with_any(nature, V.NATURE_QUANTITATIVE):
        # 定量指标 names no direction: a sign on the target gives one, a bare figure none
        signed, target, unit = split_target(target_text)
        nature = signed if signed in ("≥", "≤") or clean_label(target_text)[:1] in V.EQUALS_SIGNS else None
    elif nature is None:
        nature, target, unit = split_target(target_text)
        if nature == "=" and is_cost_level(carry) and clean_label(target_text)[:1] not in V.EQUALS_SIGNS:
            nature = "≤"
    else:
        target, unit = clean_label(target_text) or None, None
    unit = clean_label(values.get("unit", "")) or unit
    return {
        "level1": carry["level1"],
        "level2": carry["level2"],
        "name": TEMPLATE_NUMBER.sub("", clean_label(values.get("name", ""))) or None,
        "target": target,
        "actual": clean_label(values.get("actual", "")) or None,
        "nature": nature,
        "unit": unit,
        "max_points": maybe_number(values.get("max_points", "")),
        "points": maybe_number(values.get("points", "")),
        "deviation": clean_text(values.get("deviation", "")) or None,
    }


def is_cost_level(carry: dict) -> bool:
    return any(V.COST_INDICATOR_MARK in (carry[level] or "") for level in ("level1", "level2"))


def read_total(parsed: Parsed, line: Line, file: str, cols: dict[str, int]) -> None:
    """总分 | 100 | 得分 | 等次: the first figure is the form's total, the second its self-score; a
    lone figure under the 得分 column (a form with no 分值 column) is the self-score."""
    numbers = [(i, maybe_number(c.text)) for i, c in enumerate(line.cells[1:], 1)]
    figures = [(i, n) for i, n in numbers if n is not None]
    points_idx = line.cell_at_col(cols["points"]) if "points" in cols else None
    if len(figures) == 1 and "max_points" not in cols and figures[0][0] == points_idx:
        figures = [(None, None), *figures]
    for path, (idx, value) in zip(("score_total_max", "score_total_self"), figures):
        if idx is not None:
            parsed.put(path, value, line.source(file, idx))
    if len(figures) > 1:
        parsed.put("self_score", figures[1][1], line.source(file, figures[1][0]))
    for idx, cell in enumerate(line.cells[1:], 1):
        grade = clean_label(cell.text)
        if grade in V.GRADES:
            parsed.put("grade", grade, line.source(file, idx))


# ------------------------------------------------------------------------------------- the form


def split_forms(lines: list[Line]) -> list[list[Line]]:
    """One list of lines per form: a new form starts at a 项目名称 row (or a form title) once the
    current one has reached its budget block. A vertically merged label never restarts a form."""
    forms: list[list[Line]] = [[]]
    seen_budget = False
    for line in lines:
        if starts_form(line) and seen_budget:
            forms.append([])
            seen_budget = False
        if not line.is_paragraph and is_budget_header(line):
            seen_budget = True
        forms[-1].append(line)
    return [f for f in forms if f]


def starts_form(line: Line) -> bool:
    """A form's title paragraph (项目支出绩效自评表) or its 项目名称 row."""
    if line.is_paragraph:
        return FORM_TITLE.search(line.key) is not None
    return first_label(line) in V.TABLE_FORM_START


def read_table_forms(lines: list[Line], file: str, family) -> list[Report]:
    return [read_form(part, file, family) for part in split_forms(lines)]


def first_label(line: Line) -> str:
    return next((k for k in line.keys if k), "").split("：")[0]


def form_kind(lines: list[Line], family) -> str:
    """department for a project family's form filled for a whole department (部门整体支出绩效自评表:
    so titled, or 部门（单位）名称 on its cover), when it has no 项目名称; else the family's kind."""
    if family.kind != "project" or any(
        not line.is_paragraph and first_label(line) in V.TABLE_FORM_START for line in lines
    ):
        return family.kind
    titles = [line.key for line in lines if line.is_paragraph and FORM_TITLE.search(line.key)]
    if any(not DEPARTMENT_FORM_TITLE.search(t) for t in titles):
        return family.kind  # titled 项目支出绩效自评表: a project form whose 项目名称 row is missing
    covered = any(
        not line.is_paragraph and first_label(line) in V.TABLE_FORM_DEPARTMENT_COVER for line in lines
    )
    return "department" if titles or covered else family.kind


def read_form(lines: list[Line], file: str, family) -> Report:
    kind = form_kind(lines, family)
    data: dict = {"budget_lines": [], "indicators": []}
    sources: dict = {}
    title = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if title is None and line.is_paragraph and ("自评表" in line.key or "自评报告" in line.key):
            title = clean_label(line.text)
            following = lines[i + 1] if i + 1 < len(lines) else None
            if following is not None and following.is_paragraph and YEAR_LINE.match(following.key):
                title += clean_label(following.text)  # 项目支出绩效自评表 / （2022年度）: one title
        if is_budget_header(line) and not data["budget_lines"]:
            part, i = parse_budget(lines, i, file)
        elif source_columns(line) is not None and not data["budget_lines"]:
            part, i = parse_source_columns(lines, i, file)
        elif is_goals_header(line) and "goals" not in data:
            part, i = parse_goals(lines, i, file, kind)
        elif is_indicator_header(line):
            part, i = parse_indicator_table(lines, i, file, start_index=len(data["indicators"]))
        elif (section := conclusion_section(line)) is not None:
            sources[f"narrative[{len(data.setdefault('narrative', []))}]"] = line.source(file, 1)
            data["narrative"].append(section)
            data.setdefault("statements", []).extend(conclusion_statements(line, file, kind))
            i += 1
            continue
        else:
            read_cover(line, data, sources, file)
            i += 1
            continue
        for path, value in part.values.items():
            if path in ("budget_lines", "indicators"):
                data[path] += value
            elif path.startswith("goals."):
                data.setdefault("goals", {})[path.split(".", 1)[1]] = value
            else:
                data.setdefault(path, value)
        sources.update(part.sources)
    year, year_line = title_year(title, lines[:20])
    if dated_only(year_line) and (named := file_name_year(file)) is not None:
        # only 填报日期 names a year (the year after the one evaluated): the file's 2021年度 is the form's
        year, sources["year"] = named
    elif year_line is not None:
        sources["year"] = line_source(year_line, file)
    publisher = data.pop("publisher", None)
    if publisher and "supervisor" not in data:
        data["supervisor"] = publisher
        sources["supervisor"] = sources.pop("publisher")
    sources.pop("publisher", None)
    if "department" not in data and data.get("supervisor"):
        data["department"] = data["supervisor"]
    return Report(
        file=file,
        kind=kind,
        form=family.id,
        title=title,
        year=year,
        sources=sources,
        **data,
    )


def title_year(title: str | None, lines: list[Line]) -> tuple[int | None, Line | None]:
    """The year the form's title names, else the first of its opening lines naming one, with the
    line it was read from."""
    m = YEAR.search(title or "")
    if m:
        year = int(m.group(1))
        return year, first_line_naming(lines, year)
    found = first_year_line(lines)
    return found if found else (None, None)


def conclusion_section(line: Line) -> dict | None:
    """评价结论 | text (also 存在问题, 改进措施): a closing block of the form, as a narrative section."""
    first = next((k for k in line.keys if k), "")
    if line.is_paragraph or len(line.cells) < 2 or clean_label(first) not in V.TABLE_FORM_CONCLUSIONS:
        return None
    text = "\n".join(dict.fromkeys(c.text.strip() for c in line.cells[1:] if c.text.strip()))
    return {"heading": clean_label(first), "text": text}


def conclusion_statements(line: Line, file: str, kind: str) -> list[Statement]:
    """The figures a closing block's text states, paragraph by paragraph of each cell whose text
    `conclusion_section` keeps, so that `Report.statements` holds every figure the form's text states."""
    found: list[Statement] = []
    seen: set[str] = set()
    for idx, cell in enumerate(line.cells[1:], start=1):
        text = cell.text.strip()
        if not text or text in seen:
            continue  # a merged cell repeats its text
        seen.add(text)
        found += cell_statements(line, idx, file, kind)
    return found


def cell_statements(line: Line, idx: int, file: str, kind: str) -> list[Statement]:
    """The figures one cell's text states, paragraph by paragraph."""
    found: list[Statement] = []
    for p, piece in enumerate(line.cells[idx].text.split("\n")):
        found += statements_in(piece, line.source(file, idx, paragraph=p), kind)
    return found


# names a budget system may print after their code ("219001-某镇人民政府")
CODED_FIELDS = ("department", "supervisor", "project_name")


def read_cover(line: Line, data: dict, sources: dict, file: str) -> None:
    for name, raw, idx in label_value_pairs(line, V.TABLE_FORM_FIELDS):
        value = clean_label(raw)
        if name == "self_score":  # 自评总分（分） | 97.6
            value = maybe_number(value.removesuffix("分"))
        elif name == "report_date":
            value = date_or_none(value)
        elif name in CODED_FIELDS:
            code, value = split_coded_name(value)
            if code and name == "department" and "budget_code" not in data:
                data["budget_code"] = code  # the unit's own code, as a cover's 预算编码
                sources["budget_code"] = line.source(file, idx)
        if name in data or not value or name.startswith("_"):
            continue
        data[name] = value
        source = line.source(file, idx)
        sources[name] = source.with_raw(line.text.strip()) if raw != source.raw else source
