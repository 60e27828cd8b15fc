"""The 评分表 of a synthetic report: the county template's rows with this report's self scores.

Rows come from the seed template (`corpus.seed`), so the criteria texts are the real ones. Items
are read back the way the canonical model defines them: rows sharing one merged 分值 cell are one
item (their 三级指标 joined with 、); a blank 一级/二级 cell belongs to the group above.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal

from corpus import content as c
from corpus import gen_catalog as cat
from corpus import seed
from corpus.gen_model import DEPARTMENT, PROJECT, RubricData
from corpus.gen_numbers import plain

DEPARTMENT_COLS = {"max": 4, "self": 5, "note": 6, "criteria": 3, "levels": (0, 1, 2)}
PROJECT_COLS = {"max": 5, "self": 8, "note": 6, "criteria": 7, "levels": (0, 2, 4)}
BLANK_LEVEL2 = "\u3000"  # the template's broken merge in 预算管理
MANAGEMENT_LEVEL2 = "预算管理\n（15分）"

# formula items, found by their 三级指标 with quotes and whitespace removed
FORMULA_ITEMS = {
    DEPARTMENT: {
        "财政供养人员控制率": "staffing",
        "三公经费变动率": "change",
        "资金结余": "balance",
        "固定资产利用率": "utilisation",
    },
    PROJECT: {"到位率": "arrival"},
}
P_DEDUCTION = 0.12
SPACE_RUN = re.compile(r"[ \t\u3000]+")
NEAR_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


@dataclass(frozen=True)
class Item:
    """One rubric item as the canonical model holds it (`normalize.model.ScoreItem`)."""

    index: int
    rows: tuple[int, ...]
    level1: str | None
    level2: str | None
    level3: str | None
    criteria: str | None
    max_points: Decimal | None
    self_points: Decimal | None
    note: str | None
    formula: str | None


def label_text(text: str) -> str:
    """A label as the model displays it: whitespace next to Chinese characters removed."""
    return NEAR_CJK_SPACE.sub("", text.replace("\u3000", " ").strip())


def line_text(text: str) -> str:
    """One line of free text in canonical form: no spaces next to Chinese, single spaces elsewhere."""
    return SPACE_RUN.sub(" ", NEAR_CJK_SPACE.sub("", text.replace("\u3000", " "))).strip()


def multiline_text(text: str) -> str:
    """Multi-line text: each line canonical, empty edges dropped."""
    return "\n".join(line_text(line) for line in text.split("\n")).strip()


def _cols(kind: str) -> dict:
    return DEPARTMENT_COLS if kind == DEPARTMENT else PROJECT_COLS


def formula_of(kind: str, level3: str | None) -> str | None:
    key = "".join(ch for ch in (level3 or "") if ch not in "“”\"' \n")
    return next((f for name, f in FORMULA_ITEMS[kind].items() if name in key), None)


def _origin(rows: list[list[str]], r: int, col: int) -> str:
    while rows[r][col] == c.ABOVE:
        r -= 1
    return rows[r][col]


def items(r: RubricData) -> list[Item]:
    """The rubric's items in order (the 总分 row excluded)."""
    cols = _cols(r.kind)
    l1c, l2c, l3c = cols["levels"]
    out: list[Item] = []
    carry = {"l1": None, "l2": None}
    body = r.rows[:-1]
    k = 0
    while k < len(body):
        group = [k]
        while k + len(group) < len(body) and body[k + len(group)][cols["max"]] == c.ABOVE:
            group.append(k + len(group))
        row = body[k]
        for key, col in (("l1", l1c), ("l2", l2c)):
            text = label_text(_origin(body, k, col))
            carry[key] = text or carry[key]
        level3 = "、".join(label_text(body[g][l3c]) for g in group if label_text(body[g][l3c])) or None
        criteria = multiline_text(_origin(body, k, cols["criteria"])) or None
        note = multiline_text(row[cols["note"]]) if row[cols["note"]] != c.ABOVE else ""
        out.append(
            Item(
                len(out),
                tuple(group),
                carry["l1"],
                carry["l2"],
                level3,
                criteria,
                Decimal(row[cols["max"]]),
                Decimal(row[cols["self"]]) if row[cols["self"]].strip() else None,
                note or None,
                formula_of(r.kind, level3),
            )
        )
        k += len(group)
    return out


def total_row(r: RubricData) -> tuple[Decimal | None, Decimal | None]:
    """(分值, 自评得分) of the 总分 row."""
    row, cols = r.rows[-1], _cols(r.kind)
    return Decimal(row[cols["max"]]), (Decimal(row[cols["self"]]) if row[cols["self"]] else None)


def items_total(r: RubricData) -> Decimal:
    return sum((i.self_points for i in items(r) if i.self_points is not None), Decimal(0))


def set_points(r: RubricData, item: Item, value: Decimal, note: str | None = None) -> None:
    cols = _cols(r.kind)
    r.rows[item.rows[0]][cols["self"]] = plain(value)
    if note is not None and r.kind == DEPARTMENT:
        r.rows[item.rows[0]][cols["note"]] = note


def set_total(r: RubricData, value: Decimal) -> None:
    r.rows[-1][_cols(r.kind)["self"]] = plain(value)


# --- building ---------------------------------------------------------------------------------------


def _template(kind: str, broken_merge: bool) -> list[list[str]]:
    rows = seed.DEPARTMENT_RUBRIC_ROWS if kind == DEPARTMENT else seed.PROJECT_RUBRIC_ROWS
    out = [list(r) for r in rows]
    if kind == DEPARTMENT and not broken_merge:
        for row in out:
            if row[1] == BLANK_LEVEL2:
                row[1] = MANAGEMENT_LEVEL2
    return out


def _qualitative_points(rng: random.Random, max_points: Decimal) -> Decimal:
    if rng.random() >= P_DEDUCTION:
        return max_points
    if max_points >= 10:
        return max_points - rng.choice((1, 2, 3))
    return max(Decimal(0), max_points - Decimal(rng.choice(("0.5", "1", "1"))))


def build(
    rng: random.Random, kind: str, allowed: dict[str, Decimal | None], broken_merge: bool = False
) -> RubricData:
    """A rubric whose self scores are what the data allow (formula items) or near full marks."""
    cols = _cols(kind)
    r = RubricData(
        kind,
        _template(kind, broken_merge),
        cols["max"],
        cols["self"],
        cols["note"] if kind == DEPARTMENT else None,
        broken_merge and kind == DEPARTMENT,
    )
    for row in r.rows[:-1]:
        if kind == DEPARTMENT and row[cols["note"]] != c.ABOVE:
            row[cols["note"]] = ""
    for item in items(r):
        value = allowed.get(item.formula) if item.formula else None
        points = (
            value
            if value is not None
            else (item.max_points if item.formula else _qualitative_points(rng, item.max_points))
        )
        note = None
        if points < item.max_points:
            note = "按评分标准计算扣分" if item.formula else rng.choice(cat.DEDUCTION_NOTES)
        set_points(r, item, points, note)
    set_total(r, items_total(r))
    return r


def splits_for(rng: random.Random, r: RubricData) -> tuple[c.Split, ...]:
    """Page splits at 1–2 random rows, never inside an item's merged score cell."""
    allowed = [k for k in range(3, len(r.rows) - 1) if r.rows[k][r.max_col] != c.ABOVE]
    n = rng.choice((0, 1, 1, 2))
    points = sorted(rng.sample(allowed, n))
    return tuple(c.Split(at, header=rng.random() < 0.7, gap=rng.choice((0, 2))) for at in points)
