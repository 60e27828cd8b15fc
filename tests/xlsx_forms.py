"""The family forms of corpus/render_families.py as Excel workbooks, built with xlsxwriter.

The rows are the Word builders' own (national_rows, hunan_basic_data_rows …), so a workbook and
its Word twin carry the same labels and figures. A workbook is typed as a person fills one in:
figures are numbers under a number format (0.00, 0%, 0.00%), each rate a formula saved with its
computed value, titles are merged across the form's width without borders, the form ruled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from corpus.render_families import (
    NATIONAL_NAMES,
    hunan_basic_data_rows,
    hunan_basic_rubric_rows,
    hunan_basic_titles,
    merged_regions,
    national_rows,
    sichuan_rows,
)

NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?(%?)$")


@dataclass
class Formula:
    """A formula and the value Excel saved with it (None: saved without one)."""

    text: str
    cached: float | None
    number_format: str = "General"


@dataclass
class Sheet:
    name: str
    rows: list[list]  # the Word builders' grid: None continues the cell to the left, "^" the one above
    titles: list = field(default_factory=list)  # lines above the form: a text merged across, or two texts
    footer: list[str] = field(default_factory=list)  # lines below it
    formulas: dict[tuple[int, int], Formula] = field(default_factory=dict)  # by grid (row, col)
    hidden_rows: list[list] = field(default_factory=list)  # helper rows typed under the form, then hidden
    hidden: set[int] = field(default_factory=set)  # grid rows hidden inside the form
    first_col: int = 0  # the form may start at column B


def typed(text: str) -> tuple[object, str]:
    """A Word cell's text as a person types it into Excel: the value and its number format."""
    m = NUMBER.match(text)
    if not m:
        return text, "General"
    decimals, percent = m.group(1) or "", m.group(2)
    number = Decimal(text.rstrip("%")) / (100 if percent else 1)
    fmt = ("0." + "0" * len(decimals) if decimals else "0") + percent
    value = int(number) if number == number.to_integral_value() and not percent else float(number)
    return value, fmt


def write_workbook(path: Path, sheets: list[Sheet], hidden_sheet: bool = False) -> Path:
    book = xlsxwriter.Workbook(str(path))
    formats: dict[tuple, object] = {}

    def fmt(number_format: str, ruled: bool):
        key = (number_format, ruled)
        if key not in formats:
            props = {"num_format": number_format, "valign": "vcenter", "text_wrap": True}
            formats[key] = book.add_format({**props, "border": 1} if ruled else props)
        return formats[key]

    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        width = max(len(r) for r in sheet.rows)
        c0 = sheet.first_col
        r = 0
        for title in sheet.titles:
            write_line(ws, r, c0, width, title, fmt("General", False))
            r += 1
        top = r
        for r0, c, r1, c1, text in merged_regions(sheet.rows):
            formula = sheet.formulas.get((r0, c))
            cell_format = fmt(formula.number_format if formula else typed(text)[1], True)
            if r0 != r1 or c != c1:
                ws.merge_range(top + r0, c0 + c, top + r1, c0 + c1, None, cell_format)
            if formula is not None:
                ws.write_formula(top + r0, c0 + c, formula.text, cell_format, formula.cached)
            else:
                write_typed(ws, top + r0, c0 + c, text, cell_format)
        for hidden in sheet.hidden:
            ws.set_row(top + hidden, None, None, {"hidden": True})
        r = top + len(sheet.rows)
        for line in sheet.footer:
            write_line(ws, r, c0, width, line, fmt("General", False))
            r += 1
        for row in sheet.hidden_rows:
            for c, text in enumerate(row):
                write_typed(ws, r, c0 + c, text, fmt(typed(text)[1], False))
            ws.set_row(r, None, None, {"hidden": True})
            r += 1
    if hidden_sheet:
        lists = book.add_worksheet("下拉选项")
        for i, option in enumerate(("优", "良", "中", "差")):
            lists.write(i, 0, option)
        lists.hide()
    book.close()
    return path


def write_line(ws, row: int, c0: int, width: int, line, cell_format) -> None:
    """A title or sign-off line: one text merged across the form, or several (the first merged, each
    other one in a column of its own at the right)."""
    texts = line if isinstance(line, tuple) else (line,)
    last = c0 + width - len(texts)
    ws.merge_range(row, c0, row, last, texts[0], cell_format)
    for k, text in enumerate(texts[1:], start=1):
        ws.write_string(row, last + k, text, cell_format)


def write_typed(ws, row: int, col: int, text: str, cell_format) -> None:
    """A figure as a number, any other text as text (never as a formula: "=100%" is a target)."""
    value = typed(text)[0]
    if text == "":
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, str):
        ws.write_string(row, col, value, cell_format)
    else:
        ws.write_number(row, col, value, cell_format)


def cell_name(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, col)


def rate_formulas(rows: list[list], top: int, rate: int, done: int, budget: int, first_col: int = 0) -> dict:
    """Each rate cell of a budget block as =执行数/预算数 with its computed value, where both are figures."""
    formulas = {}
    for r, row in enumerate(rows):
        if len(row) <= rate or not isinstance(row[rate], str) or not row[rate].endswith("%"):
            continue
        a, b = typed(row[done])[0], typed(row[budget])[0]
        if isinstance(a, int | float) and isinstance(b, int | float) and b:
            shown = typed(row[rate])[1]
            text = f"={cell_name(top + r, first_col + done)}/{cell_name(top + r, first_col + budget)}"
            formulas[(r, rate)] = Formula(text, a / b, shown)
    return formulas


NATIONAL_TITLES = ["附件", "项目支出绩效自评表", "（2022年度）"]
RATE, DONE, BUDGET = 7, 5, 4  # national form: 执行率 = 全年执行数 / 全年预算数 (grid columns)


def national_sheet(name: str = "自评表", first_col: int = 0, formula_rates: bool = True, **kw) -> Sheet:
    """The national form; its 执行率 cells formulas unless `formula_rates` is off (typed over)."""
    rows = national_rows(**kw)
    top = len(NATIONAL_TITLES)
    formulas = rate_formulas(rows, top, RATE, DONE, BUDGET, first_col) if formula_rates else {}
    return Sheet(name, rows, list(NATIONAL_TITLES), formulas=formulas, first_col=first_col)


def national_xlsx(path: Path, **kw) -> Path:
    return write_workbook(path, [national_sheet(**kw)])


def hunan_basic_sheets(
    department: str = "某县城市管理局", year: int = 2018, rubric=None, **kw
) -> list[Sheet]:
    data_titles, rubric_titles = hunan_basic_titles(department, year)
    # 填报单位 and 单位：万元 sit in two cells of one line, as Hunan's Excel template has them
    unit_line = tuple(part.strip() for part in data_titles[-1].split("  ") if part.strip())
    data = Sheet("基础数据表", hunan_basic_data_rows(year=year, **kw), [*data_titles[:-1], unit_line])
    # 控制率 = 在职人数 / 编制数, typed as a formula: 136/143 shown 95.10%
    top = len(data.titles)
    formula = f"={cell_name(top + 1, 2)}/{cell_name(top + 1, 1)}"
    data.formulas[(1, 3)] = Formula(formula, 136 / 143, "0.00%")
    return [data, Sheet("评价指标表", hunan_basic_rubric_rows(rubric), rubric_titles)]


def hunan_basic_xlsx(path: Path, **kw) -> Path:
    return write_workbook(path, hunan_basic_sheets(**kw))


# Sichuan 部门预算项目支出绩效自评表 (510000_0013zp) as counties publish it in Excel, e.g. 绵阳市安州区
# 公务服务中心 2022 决算, attachment 部门预算项目支出绩效自评表(2022年度).xlsx
# (http://www.anzhou.gov.cn/zwgk/sgjfzl/jdb/43710578.html): titles and 报表编号 above the ruled
# form, 项目负责人 and 财务负责人 on one line below it.
SICHUAN_RATE, SICHUAN_DONE, SICHUAN_BUDGET_COL = 6, 5, 4  # 预算执行率 = 预算执行数 / 调整后预算数


def sichuan_xlsx(path: Path, year: int = 2022, manager: str = "张三", **kw) -> Path:
    titles = ["部门预算项目支出绩效自评表", f"（{year}年度）", "报表编号：510000_0013zp"]
    rows = sichuan_rows(**kw)
    formulas = rate_formulas(rows, len(titles), SICHUAN_RATE, SICHUAN_DONE, SICHUAN_BUDGET_COL)
    footer = [(f"项目负责人：{manager}", "财务负责人：李四")]
    return write_workbook(path, [Sheet("项目支出绩效自评表", rows, titles, footer, formulas)])


# Yunnan's 决算公开表 workbook (大关县 决算公开表.xls, as the breadth helper found it published: no
# address to cite): one sheet per 公开表, 公开01表 收入支出决算总表 first … 公开14表 项目支出绩效自评表
# (指标性质 | 指标值 | 度量单位, money in 元) last.
YUNNAN_TOTALS = [
    ["收入", None, "支出", None],
    ["项目", "决算数", "项目", "决算数"],
    ["一、一般公共预算财政拨款收入", "1200000.00", "一、一般公共服务支出", "1000000.00"],
    ["二、政府性基金预算财政拨款收入", "", "二、社会保障和就业支出", "200000.00"],
    ["本年收入合计", "1200000.00", "本年支出合计", "1200000.00"],
]


def yunnan_public_xlsx(path: Path, year: int = 2022) -> Path:
    supervisor = NATIONAL_NAMES[1]
    totals = Sheet("公开01表", YUNNAN_TOTALS, ["收入支出决算总表", (f"部门：{supervisor}", "单位：元")])
    rows = national_rows(unit="元", yunnan=True)
    titles = [f"{year}年度项目支出绩效自评表", f"部门：{supervisor}"]
    form = Sheet("公开14表", rows, titles, formulas=rate_formulas(rows, len(titles), RATE, DONE, BUDGET))
    return write_workbook(path, [totals, form])
