"""Section parsers: each reads one part of the form from a list of lines, by its labels.

Every parser takes the lines and the index where its section's anchor stands, and returns
what it read plus the index after the section. They know nothing of table numbers or
positions: columns are found from header labels, rows end where the labels say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao_audit.extract.raw import Cell
from jixiao_audit.normalize import vocabulary as V
from jixiao_audit.normalize.lines import Line
from jixiao_audit.normalize.model import Source
from jixiao_audit.normalize.prose import statements_in
from jixiao_audit.normalize.text import (
    clean_label,
    clean_line,
    clean_text,
    is_garbled_figure,
    is_number,
    label_key,
    maybe_number,
    money_unit,
    number_read,
    parse_number,
    points_in_label,
    to_wan,
)

SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
# Reports written as a paper number their sections 1.引言 / 1.1部门职责概述 / 5.1绩效评价得分 (吉首 乾州街道):
# a short line of words after the number, no figure or sentence stop, is a heading; "1.加强管理。" is a point.
NARRATIVE_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|(?:[0-9]{1,2}[.、．]|[0-9]{1,2}(?:[.．][0-9]{1,2}){1,2}[.、．]?)\s*[^\s0-9０-９，,。；;：:%％]{2,16}$)"
)
ANCHOR_MAX_CHARS = 16  # a header label is short; a narrative cell mentioning 收入合计 is not
SUBTOTAL_MARK = "其中"
MONEY_HINTS = ("合计", "总计", "三公", "固定资产")
MONEY_HINT = re.compile("|".join(map(re.escape, MONEY_HINTS)))  # one search for any of them: every line asks
VOCAB_CACHE_SIZE = 20_000  # match_vocab answers kept per vocabulary (labels, not sentences, repeat)
LABEL_ANSWERS_SIZE = 8192  # exact_label answers kept per vocabulary …
LABEL_ANSWER_MAX_CHARS = 40  # … for keys of label size (a longer cell is a sentence, asked once)
SEAL_NOTE = re.compile(r"（(?:盖章|公章|签章|签字|签名)）")


@dataclass
class Parsed:
    """Values read from one section: JSON path → value, and JSON path → Source."""

    values: dict[str, object] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def put(self, path: str, value: object, source: Source | None) -> None:
        self.values[path] = value
        if source is not None:
            self.sources[path] = source


def match_vocab(key: str, vocab: list[tuple[tuple[str, ...], str]]) -> str | None:
    """The field of the first vocabulary entry one of whose needles occurs in key."""
    # Every report asks the same labels of the same vocabularies: remember the answers.
    cache = _VOCAB_ANSWERS.get(id(vocab))
    if cache is None or cache[0] is not vocab:
        cache = _VOCAB_ANSWERS[id(vocab)] = (vocab, {})
    answers = cache[1]
    if key in answers:
        return answers[key]
    found = None
    for needles, name in vocab:
        if any(n in key for n in needles):
            found = name
            break
    if len(answers) < VOCAB_CACHE_SIZE:
        answers[key] = found
    return found


_VOCAB_ANSWERS: dict[int, tuple[object, dict[str, str | None]]] = {}


UNIT_NOTE = re.compile(r"（(?:单位：)?(?:万元|元|人民币元)）")


@lru_cache(maxsize=8192)
def strip_unit(key: str) -> str:
    """A label key without its money-unit bracket: 收入合计（万元） → 收入合计."""
    return UNIT_NOTE.sub("", key) if "元）" in key else key


# --------------------------------------------------------------------------- headers


def header_rows(lines: list[Line], i: int) -> int:
    """Index after the multi-row header that starts at line i (rows of labels, no figures)."""
    anchor = lines[i]
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line.table is not anchor.table or line.row != lines[j - 1].row + 1:
            break
        first = line.cells[0]
        continues = first is anchor.cells[0] or not line.keys[0]
        if not continues or any(is_number(c.text) for c in line.cells[1:]):
            break
        j += 1
    return j


def column_labels(lines: list[Line], start: int, end: int) -> dict[int, str]:
    """Grid column → the most specific header label above it (其中： rows skipped)."""
    table = lines[start].table
    labels: dict[int, str] = {}
    for col in range(table.n_cols if table else 0):
        label = ""
        for line in lines[start:end]:
            idx = line.cell_at_col(col)
            if idx is None:
                continue
            key = strip_unit(line.keys[idx]).rstrip("：:")
            if key and not key.startswith(SUBTOTAL_MARK):
                label = key
        labels[col] = label
    return labels


def columns_to_fields(labels: dict[int, str], vocab, unit_col: int | None = None) -> dict[str, int]:
    """Field → first grid column whose label maps to it."""
    fields: dict[str, int] = {}
    for col, label in sorted(labels.items()):
        if col == unit_col or not label:
            continue
        name = match_vocab(label, vocab)
        if name and name not in fields:
            fields[name] = col
    return fields


CATCH_ALL_FIELD = "other"  # 其他: every further column of the same kind adds to it


def catch_all_columns(
    labels: dict[int, str], vocab, fields: dict[str, int], unit_col: int | None
) -> dict[str, list[int]]:
    """Columns beyond the first that map to the catch-all field (事业收入, 经营收入 beside 其他收入)."""
    cols = [
        col
        for col, label in sorted(labels.items())
        if col != unit_col
        and label
        and match_vocab(label, vocab) == CATCH_ALL_FIELD
        and col != fields.get(CATCH_ALL_FIELD)
    ]
    return {CATCH_ALL_FIELD: cols} if cols else {}


def unit_of(lines: list[Line], start: int, end: int, default: str) -> str:
    """The money unit stated in a section's title line or header rows."""
    candidates = [lines[start - 1]] if start > 0 and len(lines[start - 1].cells) <= 2 else []
    candidates += lines[start:end]
    for line in candidates:
        for cell in line.cells:
            unit = money_unit(cell.text)
            if unit:
                return unit
    return default


# --------------------------------------------------------------------------- money tables


def is_money_anchor(line: Line) -> tuple[str, list] | None:
    """(table name, column vocabulary) when the line is the header of a money table."""
    if not MONEY_HINT.search(line.sig):
        return None
    for idx, key in enumerate(line.keys):
        bare = strip_unit(key)
        if not bare or len(bare) > ANCHOR_MAX_CHARS:
            continue
        for needles, name, vocab in V.MONEY_TABLE_ANCHORS:
            if any(bare.startswith(n) for n in needles):
                following = line.cells[idx + 1].text if idx + 1 < len(line.cells) else ""
                if not is_number(following) and maybe_number(following) is None:
                    return name, vocab
    return None


def figure_of(text: str) -> tuple[Decimal | None, str]:
    """A money cell read: (value, state) with state "ok", "garbled" (meant as a figure, does not
    parse) or "label" (words, not a figure)."""
    value, ok = number_read(text)
    if ok:
        return value, "ok"
    return None, "garbled" if is_garbled_figure(text) else "label"


def is_label_row(read: list[tuple[Decimal | None, str]]) -> bool:
    """A row whose money cells hold words and no figure: the next table's header, not data. A row
    with one figure keeps its unreadable neighbours (value None, raw text kept in its Source)."""
    return any(state == "label" for _, state in read) and not any(v is not None for v, _ in read)


def unreadable_marked(src: Source, read: tuple[Decimal | None, str]) -> Source:
    """An OCR'd cell that does not parse was misread: its score drops to 0 so a finding resting on
    it says to check the original instead of being an error (text files: C507 names the cell)."""
    if read[1] != "ok" and src.confidence is not None:
        src.confidence = 0.0
    return src


def parse_money_table(lines: list[Line], i: int, name: str, vocab, file: str, default_unit: str):
    """Rows of a unit-by-column money table → (list of row dicts, Parsed sources, unit, next i)."""
    end = header_rows(lines, i)
    labels = column_labels(lines, i, end)
    unit_col = next((c for c, lab in sorted(labels.items()) if any(u in lab for u in V.UNIT_COLUMN)), 0)
    fields = columns_to_fields(labels, vocab, unit_col)
    extra_columns = catch_all_columns(labels, vocab, fields, unit_col)
    unit = unit_of(lines, i, end, default_unit)
    wanted = (unit_col, *fields.values())  # every row is asked these columns: found in one call
    parsed = Parsed()
    rows: list[dict] = []
    j = end
    while j < len(lines):
        line = lines[j]
        if line.is_paragraph or line.table is not lines[i].table or is_money_anchor(line):
            break
        if SECTION_HEADING.match(line.keys[0]) or any(u in line.keys[0] for u in V.UNIT_COLUMN):
            break
        if len(line.cells) == 1 or money_unit(line.text):
            break  # a title row spanning the table: the next section begins
        unit_idx, *field_idx = line.cells_at(wanted)
        unit_name = clean_label(line.cells[unit_idx].text) if unit_idx is not None else ""
        cells = {fname: idx for fname, idx in zip(fields, field_idx) if idx is not None and idx != unit_idx}
        extra_cells = {
            fname: sorted(
                {
                    k
                    for c in cols
                    if (k := line.cell_at_col(c)) is not None and k not in (cells.get(fname), unit_idx)
                }
            )
            for fname, cols in extra_columns.items()
        }
        read = {
            k: figure_of(line.cells[k].text)
            for k in {*cells.values(), *(k for ks in extra_cells.values() for k in ks)}
        }
        if is_label_row(list(read.values())):
            break  # a row of labels: the table has ended
        values: dict[str, Decimal | None] = {fname: None for fname in fields}
        sources: dict[str, Source] = {}
        for fname, idx in cells.items():
            values[fname] = to_wan(read[idx][0], unit)
            sources[fname] = unreadable_marked(line.source(file, idx), read[idx])
        for fname, ks in extra_cells.items():  # 事业收入, 经营收入 … all count as 其他收入
            unreadable = [k for k in ks if read[k][1] != "ok"]
            extra = [v for k in ks if (v := to_wan(read[k][0], unit)) is not None]
            if unreadable:  # a sum with an unknown addend is unknown, not the sum of the rest
                values[fname] = None
                sources[fname] = unreadable_marked(line.source(file, unreadable[0]), read[unreadable[0]])
            elif extra:
                values[fname] = sum(extra, values.get(fname) or Decimal(0))
        j += 1
        if (
            not unit_name
            and all(v is None for v in values.values())
            and all(st == "ok" for _, st in read.values())
        ):
            continue  # an empty filler row
        k = len(rows)
        rows.append({"unit": unit_name, **values})
        if unit_idx is not None:
            parsed.sources[f"{name}[{k}].unit"] = line.source(file, unit_idx)
        for fname, src in sources.items():
            parsed.sources[f"{name}[{k}].{fname}"] = src
    return rows, parsed, unit, j


# --------------------------------------------------------------------------- project funds


def fund_group_cells(line: Line) -> list[tuple[str, int]]:
    """(group, cell index) for each 计划安排/到位/支出/结余 label in the line."""
    found = []
    for idx, key in enumerate(line.keys):
        bare = strip_unit(key)
        if 0 < len(bare) <= ANCHOR_MAX_CHARS and not bare.startswith(SUBTOTAL_MARK):
            group = match_vocab(bare, V.FUND_GROUPS)
            if group and group not in [g for g, _ in found]:
                found.append((group, idx))
    return found


def is_funds_anchor(line: Line) -> bool:
    if not ("到位" in line.sig or "执行" in line.sig or "结余" in line.sig):
        return False
    return len(fund_group_cells(line)) >= 3


def source_of(key: str) -> str | None:
    bare = strip_unit(key).replace("其中：", "").replace("其中", "")
    return match_vocab(bare, V.FUND_SOURCES) if bare else None


def parse_funds(lines: list[Line], i: int, file: str):
    """The funds block in either layout: label|value pairs by group, or groups as columns."""
    anchor = lines[i]
    groups = fund_group_cells(anchor)
    unit = next((u for _, idx in groups if (u := money_unit(anchor.cells[idx].text))), "万元")
    parsed = Parsed()
    pairwise = all(
        idx + 1 < len(anchor.cells) and not fund_group_cells_at(anchor, idx + 1) for _, idx in groups
    )
    if pairwise:
        for group, idx in groups:
            put_fund(parsed, f"funds.{group}.total", anchor, idx + 1, unit, file)
        j = i + 1
        while j < len(lines) and lines[j].table is anchor.table and not lines[j].is_paragraph:
            line, matched = lines[j], False
            for group, idx in groups:
                k = line.cell_at_col(anchor.cells[idx].col)
                src = source_of(line.keys[k]) if k is not None else None
                if src and k + 1 < len(line.cells):
                    put_fund(parsed, f"funds.{group}.{src}", line, k + 1, unit, file)
                    matched = True
            if not matched:
                break
            j += 1
        return parsed, j
    # groups as columns, sources as rows
    j = i + 1
    while j < len(lines) and lines[j].table is anchor.table and not lines[j].is_paragraph:
        line = lines[j]
        src = source_of(line.keys[0])
        if not src:
            break
        for group, idx in groups:
            k = line.cell_at_col(anchor.cells[idx].col)
            if k is not None and k > 0:
                put_fund(parsed, f"funds.{group}.{src}", line, k, unit, file)
        j += 1
    return parsed, j


def fund_group_cells_at(line: Line, idx: int) -> bool:
    bare = strip_unit(line.keys[idx])
    return bool(bare) and not is_number(line.cells[idx].text) and match_vocab(bare, V.FUND_GROUPS) is not None


def put_fund(parsed: Parsed, path: str, line: Line, idx: int, unit: str, file: str) -> None:
    value = maybe_number(line.cells[idx].text)
    parsed.put(path, to_wan(value, unit), line.source(file, idx))


# --------------------------------------------------------------------------- expense lines


def is_expense_anchor(line: Line) -> bool:
    if "支出内容" not in line.sig and "支出项目" not in line.sig:
        return False
    return line.find("支出内容", "支出项目") is not None and line.find("凭证", "实际支出", "金额") is not None


def parse_expenses(lines: list[Line], i: int, file: str):
    """The 项目支出明细 lines; amounts in 元 unless the form states 万元 (the template's 元)."""
    anchor = lines[i]
    labels = {cell.col: strip_unit(key) for cell, key in zip(anchor.cells, anchor.keys)}
    fields = columns_to_fields(labels, V.EXPENSE_COLUMNS)
    unit = unit_of(lines, i, i + 1, "元")
    parsed = Parsed()
    items: list[dict] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line.is_paragraph or line.table is not anchor.table or SECTION_HEADING.match(line.keys[0]):
            break
        item_idx = line.cell_at_col(fields.get("item", 0))
        item_key = line.keys[item_idx] if item_idx is not None else ""
        amount_idx = line.cell_at_col(fields["amount"]) if "amount" in fields else None
        read = figure_of(line.cells[amount_idx].text) if amount_idx is not None else (None, "ok")
        if read[1] == "label":
            break  # words in the amount column: the lines have ended
        amount = read[0]
        j += 1
        if any(item_key.startswith(t) for t in V.EXPENSE_TOTAL_ROW):
            source = (
                unreadable_marked(line.source(file, amount_idx), read) if amount_idx is not None else None
            )
            parsed.put("expenses_total", to_wan(amount, unit), source)
            break
        if not item_key and amount is None and read[1] == "ok":
            continue
        k = len(items)
        entry = {
            "item": clean_label(line.cells[item_idx].text) if item_idx is not None else "",
            "amount": to_wan(amount, unit),
        }
        for extra in ("voucher", "note"):
            idx = line.cell_at_col(fields[extra]) if extra in fields else None
            entry[extra] = (clean_text(line.cells[idx].text) or None) if idx is not None else None
        items.append(entry)
        if amount_idx is not None:
            parsed.sources[f"expenses[{k}].amount"] = unreadable_marked(line.source(file, amount_idx), read)
    parsed.values["expenses"] = items
    return parsed, j


# --------------------------------------------------------------------------- rubric


def is_rubric_header(line: Line) -> bool:
    """一级指标 | … | 分值 | … | 得分; or, in the older 得分表, 一级指标 | 二级指标 | 三级指标 | 得分 with
    each item's points in its own label (相关性（5分）)."""
    if "指标" not in line.sig or "分" not in line.sig:
        return False
    if line.is_paragraph or line.find("自评得分", "自评分", "得分") is None or line.find("指标") is None:
        return False
    return line.find("分值", "权重", "标准分") is not None or (
        line.find("一级指标") is not None and line.find("三级指标") is not None
    )


@dataclass
class RubricColumns:
    level1: int | None
    level2: int | None
    level3: int | None
    criteria: int | None
    note: int | None
    max_points: int | None
    self_points: int | None


def rubric_columns(header: Line) -> RubricColumns:
    """Map the header; of several 分值 columns, the one after the deepest 指标 column is the item's."""
    found: dict[str, int] = {}
    score_cols: list[int] = []
    levels: list[tuple[int, str]] = []
    for cell, key in zip(header.cells, header.keys):
        name = match_vocab(key, V.RUBRIC_COLUMNS)
        if name == "max_points":
            score_cols.append(cell.col)
        elif name and name not in found:
            found[name] = cell.col
            if name.startswith("level"):
                levels.append((cell.col, name))
    deepest = max(levels, key=lambda lv: lv[1])[0] if levels else -1
    after = [c for c in score_cols if c > deepest]
    max_col = after[0] if after else (score_cols[-1] if score_cols else None)
    return RubricColumns(
        found.get("level1"),
        found.get("level2"),
        found.get("level3"),
        found.get("criteria"),
        found.get("note"),
        max_col,
        found.get("self_points"),
    )


def parse_rubric(lines: list[Line], i: int, file: str, start_index: int = 0):
    """Score items until the 总分 row; repeated header rows (page splits) are skipped."""
    cols = rubric_columns(lines[i])
    # every row is asked these columns: their cells found in one call per row
    wanted = (
        cols.max_points,
        cols.self_points,
        cols.level1,
        cols.level2,
        cols.level3,
        cols.criteria,
        cols.note,
    )
    parsed = Parsed()
    items: list[dict] = []
    last_max_cell: Cell | None = None
    carry = {"level1": None, "level2": None}
    j = i + 1
    while j < len(lines):
        line = lines[j]
        j += 1
        if line.is_paragraph or is_rubric_header(line):
            continue
        first_key = line.keys[0]
        if any(first_key.startswith(t) for t in V.RUBRIC_TOTAL_ROW):
            put_points(parsed, "score_total_max", line, cols.max_points, file)
            put_points(parsed, "score_total_self", line, cols.self_points, file)
            if cols.max_points is None and points_in_label(line.keys[0]) is not None:
                parsed.put("score_total_max", points_in_label(line.keys[0]), line.source(file, 0))
            break
        at = line.cells_at(wanted)
        max_text, self_text, level1, level2, level3, criteria, note = [
            line.cells[k].text if k is not None else "" for k in at
        ]
        try:
            max_points = parse_number(max_text)
            self_points = parse_number(self_text)
        except ValueError:
            j -= 1
            break  # not a rubric row any more
        carry["level1"] = clean_label(level1) or carry["level1"]
        carry["level2"] = clean_label(level2) or carry["level2"]
        level3 = clean_label(level3) or None
        if cols.max_points is None and level3:
            max_points = points_in_label(level3)  # 得分表: 相关性（5分）
        max_cell = line.cells[at[0]] if at[0] is not None else None
        shares_score = max_cell is not None and max_cell is last_max_cell
        blank_continuation = max_points is None and self_points is None and items and not criteria.strip()
        if items and (shares_score or blank_continuation) and level3:
            previous = items[-1]
            previous["level3"] = f"{previous['level3']}、{level3}" if previous["level3"] else level3
            continue
        if not level3 and max_points is None and self_points is None:
            continue
        last_max_cell = max_cell
        k = start_index + len(items)
        items.append(
            {
                "level1": carry["level1"],
                "level2": carry["level2"],
                "level3": level3,
                "criteria": clean_text(criteria) or None,
                "max_points": max_points,
                "self_points": self_points,
                "note": clean_text(note) or None,
            }
        )
        for name, idx in (("max_points", at[0]), ("self_points", at[1])):
            if idx is not None:
                parsed.sources[f"score_items[{k}].{name}"] = line.source(file, idx)
    parsed.values["score_items"] = items
    return parsed, j


def put_points(parsed: Parsed, path: str, line: Line, col: int | None, file: str) -> None:
    idx = line.cell_at_col(col) if col is not None else None
    if idx is not None:
        parsed.put(path, maybe_number(line.cells[idx].text), line.source(file, idx))


# --------------------------------------------------------------------------- indicators


def indicator_section(line: Line) -> str | None:
    """'qualitative' / 'quantitative' when the line opens a 绩效目标 section."""
    if "目标" not in line.sig:
        return None
    for key in line.keys:
        if len(key) <= 40 and any(n in key for n in V.QUALITATIVE_SECTION) and ("目标" in key):
            return "qualitative"
        if len(key) <= 40 and any(n in key for n in V.QUANTITATIVE_SECTION):
            return "quantitative"
    return None


def parse_indicators(lines: list[Line], i: int, kind: str, file: str, start_index: int = 0):
    """Targets and what was achieved, columns found from the header labels."""
    header = lines[i]
    label_idx = next(k for k, key in enumerate(header.keys) if ("定性目标" in key or "定量目标" in key))
    section_cell = header.cells[label_idx]
    columns: dict[int, str] = {}
    for cell, key in list(zip(header.cells, header.keys))[label_idx + 1 :]:
        name = match_vocab(key, V.INDICATOR_COLUMNS)
        if kind == "qualitative":
            name = "target" if "预期" in key or "目标" in key else ("actual" if "完成" in key else name)
        if not name:
            continue
        for offset in range(cell.colspan):
            columns[cell.col + offset] = name if offset == 0 else ("level2" if name == "level1" else name)
    parsed = Parsed()
    items: list[dict] = []
    carry = {"level1": None, "level2": None}
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line.is_paragraph or line.table is not header.table:
            break
        first = line.cells[0]
        if (
            first is not section_cell
            and line.keys[0]
            and (
                indicator_section(line)
                or SECTION_HEADING.match(line.keys[0])
                or match_vocab(line.keys[0], V.COMMON_FIELDS)
            )
        ):
            break
        j += 1
        entry: dict[str, str | None] = {
            "level1": None,
            "level2": None,
            "name": None,
            "target": None,
            "actual": None,
        }
        for cell in line.cells:
            name = columns.get(cell.col)
            if name is None or cell is section_cell:
                continue
            text = clean_text(cell.text)
            if name in carry:
                text = clean_label(text)
            entry[name] = entry[name] or text or None
        if not any(entry[n] for n in ("name", "target", "actual")):
            continue
        for level, previous in carry.items():
            carry[level] = entry[level] = entry[level] or previous
        if kind == "qualitative":
            entry["level1"] = "定性目标"
        k = start_index + len(items)
        items.append(entry)
        parsed.sources[f"indicators[{k}].actual"] = line.source(file, len(line.cells) - 1)
    parsed.values["indicators"] = items
    return parsed, j


# --------------------------------------------------------------------------- people


def is_evaluator_header(line: Line) -> bool:
    if "姓名" not in line.sig:
        return False
    return not line.is_paragraph and line.find("姓名") is not None and line.find("单位") is not None


def parse_evaluators(lines: list[Line], i: int):
    header = lines[i]
    columns = {
        cell.col: match_vocab(key, V.EVALUATOR_COLUMNS) for cell, key in zip(header.cells, header.keys)
    }
    people: list[dict] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line.is_paragraph or line.table is not header.table or signoff_role(line.keys[0]):
            break
        if SECTION_HEADING.match(line.keys[0]):
            break
        j += 1
        entry = {"name": None, "title": None, "unit": None}
        for col, name in columns.items():
            idx = line.cell_at_col(col)
            if name in entry and idx is not None:
                entry[name] = clean_label(line.cells[idx].text) or None
        if entry["name"]:
            people.append(entry)
    return people, j


def signoff_role(key: str) -> str | None:
    if not key.startswith(V.SIGNOFF_ROLES):  # asked of every cell outside the sections: one C call
        return None
    for role in V.SIGNOFF_ROLES:
        if key.startswith(role):
            return role
    return None


# --------------------------------------------------------------------------- narrative


def is_narrative_start(line: Line) -> int | None:
    if "综述" not in line.sig and "文字部分" not in line.sig:
        return None
    for idx, key in enumerate(line.keys):
        head = key.split("\n", 1)[0]
        if any(n in head[:30] for n in V.NARRATIVE_START):
            return idx
    return None


def parse_narrative(lines: list[Line], i: int, idx: int, file: str, kind: str = "department", skip: int = 1):
    """The 评价报告综述 text (the cell after its heading, plus continuation rows) in sections, and
    the figures its sentences state (`statements`). `skip` lines of the first cell are its heading."""
    pieces: list[tuple[str, Source]] = []
    first = lines[i].cells[idx]
    for p, text in enumerate(first.text.split("\n")[skip:], start=skip):
        pieces.append((text, lines[i].source(file, idx, paragraph=p)))
    j = i + 1
    while j < len(lines) and (lines[j].is_paragraph or len(lines[j].cells) == 1):
        line = lines[j]
        for p, text in enumerate(line.cells[0].text.split("\n")):
            pieces.append((text, line.source(file, 0, paragraph=None if line.is_paragraph else p)))
        j += 1
    sections: list[dict] = []
    parsed = Parsed()
    for text, source in pieces:
        stripped = clean_line(text)
        if not stripped:
            continue
        if NARRATIVE_HEADING.match(stripped) or not sections:
            is_heading = bool(NARRATIVE_HEADING.match(stripped))
            sections.append(
                {"heading": stripped if is_heading else "", "text": "" if is_heading else stripped}
            )
            parsed.sources[f"narrative[{len(sections) - 1}].text"] = source
        else:
            sections[-1]["text"] = f"{sections[-1]['text']}\n{stripped}" if sections[-1]["text"] else stripped
    parsed.values["narrative"] = sections
    parsed.values["statements"] = [s for text, source in pieces for s in statements_in(text, source, kind)]
    return parsed, j


# --------------------------------------------------------------------------- label | value


def label_value_pairs(line: Line, vocab) -> list[tuple[str, str, int]]:
    """(field, value text, cell index) for each 'label | value' or 'label：value' in the line.

    One paragraph may hold several pairs (项目单位：… 主管部门：…); each value ends where the
    next known label begins.
    """
    found = []
    for idx, key in enumerate(line.keys):
        head, sep, rest = key.partition("：")
        name = exact_label(head, vocab)
        if not name:
            if line.is_paragraph and not sep:
                found += spaced_pair(line.cells[idx].text, vocab, idx)
            continue
        if sep and rest:
            found += inline_pairs(line.cells[idx].text, vocab, idx)
        elif idx + 1 < len(line.cells) and not line.is_paragraph:
            found.append((name, line.cells[idx + 1].text, idx + 1))
        elif sep:
            found.append((name, "", idx))
    return found


SPACED_LABEL = re.compile(r"^\s*(\S+)[ \t\u3000]+(\S.*)$")


def spaced_pair(text: str, vocab, idx: int) -> list[tuple[str, str, int]]:
    """A cover line whose label and value are separated by spaces instead of a colon:
    '部门（单位）名称    华容县住建局'."""
    m = SPACED_LABEL.match(text)
    name = exact_label(label_key(m.group(1)), vocab) if m else None
    return [(name, m.group(2), idx)] if name else []


def inline_pairs(text: str, vocab, idx: int) -> list[tuple[str, str, int]]:
    """Split 'A：x  B：y' into (A, x), (B, y) for the labels the vocabulary knows."""
    matches = list(compiled(vocab).pattern.finditer(text))
    pairs = []
    for n, m in enumerate(matches):
        name = exact_label(label_key(m.group(1)), vocab)
        end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        if name:
            pairs.append((name, text[m.end() : end], idx))
    return pairs


def exact_label(key: str, vocab) -> str | None:
    """The field whose label this key is (whole key, units and brackets allowed around it)."""
    answers = compiled(vocab).answers  # every cell outside the sections is asked: remember keys
    if key in answers:
        return answers[key]
    found = compiled(vocab).index.get(SEAL_NOTE.sub("", strip_unit(key)).rstrip("："))
    if len(key) <= LABEL_ANSWER_MAX_CHARS and len(answers) < LABEL_ANSWERS_SIZE:
        answers[key] = found
    return found


@dataclass(frozen=True)
class CompiledVocab:
    index: dict[str, str]  # exact label → field, the first vocabulary entry winning
    pattern: re.Pattern  # any label followed by a colon, spaces allowed between its characters
    answers: dict[str, str | None] = field(default_factory=dict)  # exact_label's, by key


_COMPILED: dict[int, tuple[object, CompiledVocab]] = {}


def compiled(vocab) -> CompiledVocab:
    """The lookup structures of a label vocabulary, built once per vocabulary object."""
    hit = _COMPILED.get(id(vocab))
    if hit is not None and hit[0] is vocab:
        return hit[1]
    index: dict[str, str] = {}
    for needles, name in vocab:
        for needle in needles:
            index.setdefault(needle, name)
    spaced = [
        r"\s*".join("[(（]" if ch == "（" else "[)）]" if ch == "）" else re.escape(ch) for ch in needle)
        for needle in sorted(index, key=len, reverse=True)
    ]
    pattern = re.compile(rf"((?:{'|'.join(spaced)})(?:\s*[(（](?:盖章|公章|签章)[)）])?)\s*[：:]")
    result = CompiledVocab(index, pattern)
    _COMPILED[id(vocab)] = (vocab, result)
    return result
