"""What a report form shows, as plain data: paragraphs, form tables and rubric tables.

Values are the printed strings (``"1100000.00 "`` stays as it was printed). Cells carry a
`kind` so a renderer can restyle them without changing the report's meaning (money in 元,
thousands separators, fullwidth digits, county wording). Semantic builders such as
`department_form` and `project_form` turn per-report data into the table layout, so a
synthetic generator only supplies strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# --- cell kinds -------------------------------------------------------------------------------------

TEXT = "text"  # free text, never rewritten
LABEL = "label"  # template wording: headers, row labels (county wording and unit labels apply)
MONEY = "money"  # an amount in 万元 as printed
YUAN = "yuan"  # an amount already in 元 (project expense lines)

# --- paragraph roles --------------------------------------------------------------------------------

BODY = "body"
PART = "part"  # 附件2-1
TITLE = "title"
FIELD = "field"  # cover field line
COVER = "cover"  # 报告日期 / 华容县财政局（制）
MARK = "mark"  # stray page-number marks printed in the body

# --- template wording (the 华容县 2020 county template) ---------------------------------------------

UNIT_WAN = "（万元）"
UNIT_YUAN = "（元）"

# County wording differences: one coherent set, applied to LABEL cells only.
WORDING_VARIANTS: dict[str, str] = {
    "公共财政拨款": "一般公共预算拨款",
    "政府基金拨款": "政府性基金预算拨款",
    "纳入专户管理的非税收入拨款": "财政专户管理资金",
    "公务用车运维费": "公务用车运行维护费",
    "因公出国费": "因公出国（境）费",
    "机构名称": "单位名称",
    "绩效自评综合得分": "自评综合得分",
}

NARRATIVE_HEADING = "五、评价报告综述（文字部分）"
EVALUATION_TYPE_LINE = "评价类型：项目实施过程评价□   项目完成结果评价□"
REPORT_DATE_BLANK = "报告日期：   年   月   日"

# part kinds
DEPARTMENT_REPORT = "department_report"
PROJECT_REPORT = "project_report"
DEPARTMENT_RUBRIC = "department_rubric"
PROJECT_RUBRIC = "project_rubric"

FILLER_LINE = "填报人（签名）：                          联系电话："
SELF_EVALUATION = "部门（单位）绩效自评"  # 评价方式
SELF_EVALUATION_GROUP = "部门（单位）评价组"  # 评价机构
DATE_BLANK = "年    月    日"
SIGNOFF_INDENT = " " * 40
DATE_INDENT = " " * 62

FORM_COLS = 24  # grid columns of the 2-1 / 2-2 form tables
LABEL_SPAN = 5  # the row-label column of a form table


# --- the content model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One table cell; `text` holds one paragraph per line."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    kind: str = TEXT
    bookmark: str | None = None  # a bookmark at the start of the cell (e.g. Word's _GoBack)


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Section:
    """A run of rows that belongs together (基本概况, 收入, 支出 …); a table of its own when split."""

    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Form:
    """A form table: sections over one column grid; rows list only cells that start in them."""

    n_cols: int
    sections: tuple[Section, ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty


@dataclass(frozen=True)
class Split:
    """Start a new table at body row `at` (header repeated when `header`), `gap` empty paragraphs apart."""

    at: int
    header: bool = True
    gap: int = 2


@dataclass(frozen=True)
class Rubric:
    """A scoring table: one header row and body rows, printed as several tables at `splits`."""

    n_cols: int
    header: Row
    rows: tuple[Row, ...]
    splits: tuple[Split, ...] = ()
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Run:
    text: str
    underline: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Para:
    """A body paragraph; `page_break` ends it with a page break."""

    runs: tuple[Run, ...] = ()
    role: str = BODY
    page_break: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


Block = Para | Form | Rubric


@dataclass(frozen=True)
class Part:
    """One 附件 as received: its label ("附件2-1"), what it is, and its blocks in order."""

    label: str
    kind: str  # department_report | project_report | department_rubric | project_rubric
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    parts: tuple[Part, ...]


def para(text: str = "", role: str = BODY, page_break: bool = False) -> Para:
    return Para((Run(text),) if text else (), role, page_break)


def blanks(n: int) -> tuple[Para, ...]:
    return tuple(para() for _ in range(n))


def label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan, rowspan, LABEL)


def text(value: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(value, colspan, rowspan, TEXT)


def title_row(value: str, n_cols: int = FORM_COLS) -> Row:
    return (label(value, n_cols),)


# --- cover ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverField:
    """``label：value`` with the blank padding the form prints around the (underlined) value."""

    label: str
    value: str
    before: str = ""
    after: str = ""
    underline: bool = True


@dataclass(frozen=True)
class Cover:
    part: str  # 附件2-1
    title: tuple[str, ...]
    fields: tuple[CoverField, ...]
    evaluation_type: str | None = None  # the 评价类型 line (project reports)
    report_date: str = REPORT_DATE_BLANK
    issuer: str = "华容县财政局（制）"
    gaps: tuple[int, int, int] = (1, 3, 3)  # blank lines after part label, after title, after fields
    tail: tuple[str, ...] = ("",)  # lines after the issuer; the last one carries the page break


def cover_blocks(cover: Cover) -> tuple[Para, ...]:
    """The cover page as paragraphs."""
    after_part, after_title, after_fields = cover.gaps
    out: list[Para] = [para(cover.part, PART), *blanks(after_part)]
    out += [para(line, TITLE) for line in cover.title]
    out += blanks(after_title)
    if cover.evaluation_type is not None:
        out.append(para(cover.evaluation_type, FIELD))
    out += [_field_para(f) for f in cover.fields]
    out += blanks(after_fields)
    out += [para(cover.report_date, FIELD), para(cover.issuer, COVER)]
    for i, line in enumerate(cover.tail):
        last = i == len(cover.tail) - 1
        out.append(para(line, MARK if line.strip() else BODY, page_break=last))
    return tuple(out)


def department_cover(county: str, year: int | str, department: str, budget_code: str) -> Cover:
    """The standard 附件2-1 cover of a county."""
    fields = (
        CoverField("部门(单位)名称", department, "   ", " " * 8),
        CoverField("预 算 编 码", budget_code, " " * 8, " " * 8),
        CoverField("评价方式", SELF_EVALUATION),
        CoverField("评价机构", SELF_EVALUATION_GROUP),
    )
    return Cover(
        "附件2-1",
        (f"{county}{year}年度部门整体支出", "绩效评价自评报告"),
        fields,
        issuer=f"{county}财政局（制）",
    )


def project_cover(
    county: str, project: str, unit: str, supervisor: str, evaluation_type: str | None = None
) -> Cover:
    """The standard 附件2-2 cover; `evaluation_type` replaces the unticked 评价类型 line."""
    fields = (
        CoverField("项目名称", project, " " * 4, " " * 8),
        CoverField("项目单位", unit, " " * 4, " " * 8),
        CoverField("主管部门", supervisor, " " * 4, " " * 8),
        CoverField("评价方式", SELF_EVALUATION),
        CoverField("评价机构", SELF_EVALUATION_GROUP),
    )
    return Cover(
        "附件2-2",
        (f"{county}财政支出绩效评价自评报告",),
        fields,
        evaluation_type=evaluation_type or EVALUATION_TYPE_LINE,
        issuer=f"{county}财政局（制）",
        gaps=(1, 2, 6),
    )


def signoff(heading: str, signer: str = "", date: str = DATE_BLANK, blank_lines: int = 3) -> str:
    """A signature cell: heading, blank lines, the signer line (if any) and the date line."""
    lines = [heading, *([""] * blank_lines)]
    if signer:
        lines.append(f"{SIGNOFF_INDENT}{signer}")
    lines.append(f"{DATE_INDENT}{date}")
    return "\n".join(lines)


DEPARTMENT_SIGNOFF_HEADINGS = (
    ("评价组组长（签字）：", ""),
    ("部门（单位）意见：", "部门（单位）负责人（签章）："),
    ("财政部门归口业务科室意见：", "财政部门归口业务科室负责人（签章）："),
)
PROJECT_SIGNOFF_HEADINGS = (
    ("评价组组长（签字）：", ""),
    ("项目单位意见：", "项目单位负责人（签章）："),
    ("主管部门意见：", "主管部门负责人（签章）："),
    ("财政部门归口业务科室意见：", "财政部门归口业务科室负责人（签章）："),
)


def money_text(value: Decimal | float | str | None, places: int | None = None) -> str:
    """An amount as a form prints it: "" for None, minimal digits (29201, 20353.71) or fixed `places`."""
    if value is None:
        return ""
    amount = Decimal(str(value))
    if places is not None:
        return f"{amount:.{places}f}"
    return f"{amount.normalize():f}"


def _field_para(f: CoverField) -> Para:
    runs = [Run(f"{f.label}：")]
    if f.before or f.value or f.after:
        runs.append(Run(f.before + f.value + f.after, underline=f.underline))
    return Para(tuple(runs), FIELD)


# --- department form (附件2-1) -----------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentBasics:
    contact: str
    phone: str
    staff_authorized: str
    staff_actual: str
    duties: str  # 职能职责概述
    tasks: str  # 年度主要工作内容
    summary: str  # 年度部门（单位）总体运行情况及取得的成绩


@dataclass(frozen=True)
class MoneyRow:
    """One unit's line of a money table; `values` in column order, as printed."""

    unit: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Goal:
    """A 定性目标 row: what was expected and what was achieved."""

    target: str
    actual: str


@dataclass(frozen=True)
class Indicator:
    """A 定量目标 row; consecutive rows with the same level1/level2 share one merged cell."""

    level1: str
    level2: str
    name: str
    actual: str
    target: str = ""  # project form only: 指标（目标）值


@dataclass(frozen=True)
class Evaluator:
    name: str = ""
    title: str = ""
    unit: str = ""
    signature: str = ""


INCOME_COLUMNS = ("上年结转", "公共财\n政拨款", "政府基金拨款", "纳入专户管理的非税收入拨款", "其他\n收入")
THREE_PUBLIC_COLUMNS = ("公务接待费", "公务用车运维费", "公务用车购置费", "因公出国费")
DEPARTMENT_EVALUATOR_HEADER = ("姓  名", "职务/职称", "单  位", "签  字")
PROJECT_EVALUATOR_HEADER = ("姓名", "职称/职务", "单  位", "签字")
DEPARTMENT_WIDTHS = (1.0,) * FORM_COLS


def department_form(
    basics: DepartmentBasics,
    income: Sequence[MoneyRow],
    expenditure: Sequence[MoneyRow],
    three_public: Sequence[MoneyRow],
    fixed_assets: Sequence[MoneyRow],
    goals: Sequence[Goal],
    indicators: Sequence[Indicator],
    score: str,
    grade: str,
    evaluators: Sequence[Evaluator],
    signoffs: Sequence[str],
) -> Form:
    """The 部门整体支出绩效评价自评报告 form table (sections 一 to 四)."""
    return Form(
        FORM_COLS,
        (
            Section("basic", _department_basic_rows(basics)),
            Section("income", _income_rows(income)),
            Section("expenditure", _expenditure_rows(expenditure)),
            Section("three_public", _three_public_rows(three_public)),
            Section("fixed_assets", _fixed_asset_rows(fixed_assets)),
            Section(
                "goals",
                (
                    title_row("三、部门（单位）整体支出绩效自评情况"),
                    *_goal_rows("整体支出绩效定性目标及实施计划完成情况", "预期目标", goals),
                    *_department_indicator_rows(indicators),
                ),
            ),
            Section("score", _score_rows(score, grade)),
            Section(
                "evaluators",
                _evaluator_rows(DEPARTMENT_EVALUATOR_HEADER, evaluators, signoffs),
            ),
        ),
        DEPARTMENT_WIDTHS,
    )


def _department_basic_rows(b: DepartmentBasics) -> tuple[Row, ...]:
    return (
        title_row("一、部门（单位）基本概况"),
        _pair_row(("联系人", b.contact), ("联络电话", b.phone)),
        _pair_row(("人员编制", b.staff_authorized), ("实有人数", b.staff_actual)),
        _wide_row("职能职责概述", b.duties),
        _wide_row("年度主要\n工作内容", b.tasks),
        _wide_row("年度部门（单位）总体运行情况及取得的成绩", b.summary),
    )


def _pair_row(*pairs: tuple[str, str]) -> Row:
    span = FORM_COLS // (2 * len(pairs))
    return tuple(c for name, value in pairs for c in (label(name, span), text(value, span)))


def _wide_row(name: str, value: str, label_span: int = LABEL_SPAN) -> Row:
    return (label(name, label_span), text(value, FORM_COLS - label_span))


def _money_cells(row: MoneyRow, spans: Sequence[int]) -> Row:
    if len(row.values) != len(spans) - 1:
        raise ValueError(f"{row.unit}: expected {len(spans) - 1} values, got {len(row.values)}")
    name = label(row.unit, spans[0])
    return (name, *(Cell(v, s, 1, MONEY) for v, s in zip(row.values, spans[1:])))


# grid spans of each money table's columns: unit name, total, then the breakdown
INCOME_SPANS = (4, 5, 3, 3, 3, 3, 3)
EXPENDITURE_SPANS = (4, 3, 3, 3, 3, 3, 3, 2)
THREE_PUBLIC_SPANS = (4, 4, 4, 4, 4, 4)
FIXED_ASSET_SPANS = (4, 5, 5, 5, 5)


def _income_rows(rows: Sequence[MoneyRow]) -> tuple[Row, ...]:
    s = INCOME_SPANS
    head = (label("机构名称", s[0], 2), label("收入合计", s[1], 2), label("其中：", sum(s[2:])))
    sub = tuple(label(name, span) for name, span in zip(INCOME_COLUMNS, s[2:]))
    return (
        title_row("二、部门（单位）收支情况"),
        title_row(f"年度收入情况{UNIT_WAN}"),
        head,
        sub,
        *(_money_cells(r, s) for r in rows),
    )


def _expenditure_rows(rows: Sequence[MoneyRow]) -> tuple[Row, ...]:
    s = EXPENDITURE_SPANS
    head = (
        label("机构名称", s[0], 3),
        label("支出合计", s[1], 3),
        label("其中：", sum(s[2:6])),
        label("结余", sum(s[6:])),
    )
    mid = (
        label("基本支出", s[2], 2),
        label("其中：", s[3] + s[4]),
        label("项目支出", s[5], 2),
        label("当年结余", s[6], 2),
        label("累计结余", s[7], 2),
    )
    low = (label("人员支出", s[3]), label("公用支出", s[4]))
    return (
        title_row(f"部门（单位）年度支出和结余情况{UNIT_WAN}"),
        head,
        mid,
        low,
        *(_money_cells(r, s) for r in rows),
    )


def _three_public_rows(rows: Sequence[MoneyRow]) -> tuple[Row, ...]:
    s = THREE_PUBLIC_SPANS
    head = (label("机构名称", s[0], 2), label("三公经费\n合计", s[1], 2), label("其中：", sum(s[2:])))
    sub = tuple(label(name, span) for name, span in zip(THREE_PUBLIC_COLUMNS, s[2:]))
    return (head, sub, *(_money_cells(r, s) for r in rows))


def _fixed_asset_rows(rows: Sequence[MoneyRow]) -> tuple[Row, ...]:
    s = FIXED_ASSET_SPANS
    head = (
        label("机构名称", s[0], 2),
        label("固定资产\n合计", s[1], 2),
        label("其中：", s[2] + s[3]),
        label("其他", s[4], 2),
    )
    sub = (label("在用固定资产", s[2]), label("出租固定资产", s[3]))
    return (head, sub, *(_money_cells(r, s) for r in rows))


def _goal_rows(heading: str, target_label: str, goals: Sequence[Goal]) -> tuple[Row, ...]:
    half = (FORM_COLS - LABEL_SPAN) // 2
    rest = FORM_COLS - LABEL_SPAN - half
    head = (label(heading, LABEL_SPAN, 1 + len(goals)), label(target_label, half), label("实际完成", rest))
    return (head, *((text(g.target, half), text(g.actual, rest)) for g in goals))


def _group_spans(keys: Sequence[object]) -> list[int]:
    """For each row, the rowspan of the merged cell starting there (0 where it continues above)."""
    spans = [0] * len(keys)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            spans[start] = i - start
            start = i
    return spans


def _indicator_rows(
    indicators: Sequence[Indicator], leading: Sequence[int], trailing: Sequence[tuple[str, int]]
) -> list[Row]:
    """Indicator rows: merged level1 / level2 cells of spans `leading`, then `trailing` fields."""
    l1 = _group_spans([i.level1 for i in indicators])
    l2 = _group_spans([(i.level1, i.level2) for i in indicators])
    rows: list[Row] = []
    for k, ind in enumerate(indicators):
        cells: list[Cell] = []
        if l1[k]:
            cells.append(label(ind.level1, leading[0], l1[k]))
        if l2[k]:
            cells.append(label(ind.level2, leading[1], l2[k]))
        cells += [text(getattr(ind, name), span) for name, span in trailing]
        rows.append(tuple(cells))
    return rows


def _department_indicator_rows(indicators: Sequence[Indicator]) -> tuple[Row, ...]:
    head = (
        label("整体支出\n绩效定量目标及实施计划完成情况", LABEL_SPAN, 1 + len(indicators)),
        label("评价内容", 7),
        label("绩效目标", 5),
        label("完成情况", 7),
    )
    return (head, *_indicator_rows(indicators, (4, 3), (("name", 5), ("actual", 7))))


def _score_rows(score: str, grade: str, score_label: str = "绩效自评综合得分") -> tuple[Row, ...]:
    return (_wide_row(score_label, score), _wide_row("评价等次", grade))


def _evaluator_rows(
    header: Sequence[str], evaluators: Sequence[Evaluator], signoffs: Sequence[str]
) -> tuple[Row, ...]:
    span = FORM_COLS // len(header)
    rows: list[Row] = [title_row("四、评价人员"), tuple(label(h, span) for h in header)]
    for e in evaluators:
        rows.append(tuple(text(v, span) for v in (e.name, e.title, e.unit, e.signature)))
    rows += [(text(s, FORM_COLS),) for s in signoffs]
    return tuple(rows)


# --- project form (附件2-2) --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectBasics:
    manager: str
    phone: str
    address: str
    postcode: str
    period: str  # 项目起止时间, as printed


@dataclass(frozen=True)
class FundColumn:
    """One 资金 column: the total and its split by source (中央, 省, 市, 县市区, 其它), as printed."""

    total: str
    central: str = ""
    provincial: str = ""
    municipal: str = ""
    county: str = ""
    other: str = ""

    def by_source(self) -> tuple[str, ...]:
        return (self.central, self.provincial, self.municipal, self.county, self.other)


@dataclass(frozen=True)
class ProjectFunds:
    planned: FundColumn  # 计划安排资金
    arrived: FundColumn  # 实际到位资金
    spent: FundColumn  # 实际支出
    balance: FundColumn  # 结余


@dataclass(frozen=True)
class Expense:
    item: str
    amount: str  # 元, as printed
    voucher: str = ""
    note: str = ""


FUND_LABELS = ("计划安排资金", "实际到位资金", "实际支出", "结余")
FUND_SOURCES = ("其中：中央财政", "省财政", "市财政", "县市区财政", "其它")
EXPENSE_HEADER = ("支出内容", "实际支出数", "会计凭证号", "备注")
PROJECT_INDICATOR_HEADER = ("一级指标", "二级指标", "指标内容", "指标（目标）值", "实际完成值")


def project_form(
    basics: ProjectBasics,
    funds: ProjectFunds,
    expenses: Sequence[Expense],
    expenses_total: str,
    goals: Sequence[Goal],
    indicators: Sequence[Indicator],
    score: str,
    grade: str,
    evaluators: Sequence[Evaluator],
    signoffs: Sequence[str],
) -> Form:
    """The 项目支出绩效评价自评报告 form table (sections 一 to 四)."""
    return Form(
        FORM_COLS,
        (
            Section("basic", _project_basic_rows(basics)),
            Section("funds", _fund_rows(funds)),
            Section("expenses", _expense_rows(expenses, expenses_total)),
            Section(
                "goals",
                (
                    title_row("三、项目绩效自评情况"),
                    *_goal_rows("项目绩效定性目标及实施计划完成情况", "预  期 目 标", goals),
                    *_project_indicator_rows(indicators),
                ),
            ),
            Section("score", _score_rows(score, grade)),
            Section("evaluators", _evaluator_rows(PROJECT_EVALUATOR_HEADER, evaluators, signoffs)),
        ),
        DEPARTMENT_WIDTHS,
    )


def _project_basic_rows(b: ProjectBasics) -> tuple[Row, ...]:
    return (
        title_row("一、项 目 基 本 概 况"),
        _pair_row(("项目负责人", b.manager), ("联系电话", b.phone)),
        _pair_row(("项目地址", b.address), ("邮  编", b.postcode)),
        _wide_row("项目起止时间", b.period),
    )


def _fund_rows(funds: ProjectFunds) -> tuple[Row, ...]:
    columns = (funds.planned, funds.arrived, funds.spent, funds.balance)
    w = FORM_COLS // (2 * len(columns))
    head = tuple(
        cell
        for name, col in zip(FUND_LABELS, columns)
        for cell in (label(f"{name}\n{UNIT_WAN}", w), Cell(col.total, w, 1, MONEY))
    )
    rows: list[Row] = [head]
    for k, source in enumerate(FUND_SOURCES):
        cells = (
            cell for col in columns for cell in (label(source, w), Cell(col.by_source()[k], w, 1, MONEY))
        )
        rows.append(tuple(cells))
    return tuple(rows)


def _expense_rows(expenses: Sequence[Expense], total: str) -> tuple[Row, ...]:
    w = FORM_COLS // len(EXPENSE_HEADER)
    rows: list[Row] = [title_row("二、项目支出明细情况"), tuple(label(h, w) for h in EXPENSE_HEADER)]
    for e in expenses:
        rows.append((text(e.item, w), Cell(e.amount, w, 1, YUAN), text(e.voucher, w), text(e.note, w)))
    rows.append((label("支出合计", w), Cell(total, w, 1, YUAN), text("", w), text("", w)))
    return tuple(rows)


def _project_indicator_rows(indicators: Sequence[Indicator]) -> tuple[Row, ...]:
    spans = (3, 3, 5, 4, 4)
    head = (
        label("项目绩效定量目标（指标）及完成情况", LABEL_SPAN, 1 + len(indicators)),
        *(label(h, s) for h, s in zip(PROJECT_INDICATOR_HEADER, spans)),
    )
    trailing = (("name", 5), ("target", 4), ("actual", 4))
    return (head, *_indicator_rows(indicators, spans[:2], trailing))


# --- narrative table and report parts ---------------------------------------------------------------


def narrative_form(paragraphs: Sequence[str], heading: str = NARRATIVE_HEADING) -> Form:
    """五、评价报告综述: one cell, one paragraph per line (an empty line after the heading)."""
    body = "\n".join((heading, "", *paragraphs))
    return Form(1, (Section("narrative", ((text(body),),)),))


def report_part(
    cover: Cover,
    form: Form,
    narrative: Form,
    filler: str,
    kind: str,
    tail_blanks: int = 1,
) -> Part:
    """A 附件2-x report: cover, form table, the 填报人 line, the narrative table."""
    blocks = (*cover_blocks(cover), form, para(), para(filler), narrative, *blanks(tail_blanks))
    return Part(cover.part, kind, blocks)


# --- rubric tables (附件3-1 / 3-2) ------------------------------------------------------------------

ABOVE = "\x00above"  # in rubric rows: this cell continues the merged cell above

DEPARTMENT_RUBRIC_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "评分标准",
    "分值",
    "自评得分",
    "扣分原因和其他说明",
)
DEPARTMENT_RUBRIC_WIDTHS = (2.0, 2.0, 2.6, 6.4, 1.0, 1.2, 2.0)
DEPARTMENT_RUBRIC_GROUPS: tuple[tuple[int, ...], ...] = ((0,), (1,))
PROJECT_RUBRIC_HEADER = (
    "一级\n指标",
    "分值",
    "二级\n指标",
    "分值",
    "三级\n指标",
    "分值",
    "具体指标",
    "评价标准",
    "自评\n得分",
)
PROJECT_RUBRIC_WIDTHS = (1.6, 1.0, 1.6, 1.0, 1.6, 1.0, 3.6, 4.6, 1.2)
PROJECT_RUBRIC_GROUPS: tuple[tuple[int, ...], ...] = ((0, 1), (2, 3))


def rubric(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    groups: Sequence[Sequence[int]],
    splits: Sequence[Split] = (),
    widths: Sequence[float] = (),
) -> Rubric:
    """A rubric from plain string rows.

    `groups` lists nested label columns (outermost first; each group's first column is its key):
    consecutive rows with the same key share one merged cell in every column of the group, as long
    as the outer group is merged too. Any other cell merges with the one above when it is `ABOVE`.
    """
    marked = _mark_groups([list(r) for r in rows], groups)
    n_cols = len(header)
    return Rubric(
        n_cols,
        tuple(label(h) for h in header),
        _rows_from_marks(marked, n_cols),
        tuple(splits),
        tuple(widths),
    )


def _mark_groups(rows: list[list[str]], groups: Sequence[Sequence[int]]) -> list[list[str]]:
    for r in range(1, len(rows)):
        outer_merged = True
        for group in groups:
            key = group[0]
            same = rows[r][key] == _origin_text(rows, r - 1, key)
            if not (outer_merged and same):
                break
            for c in group:
                rows[r][c] = ABOVE
    return rows


def _origin_text(rows: list[list[str]], r: int, c: int) -> str:
    while rows[r][c] == ABOVE:
        r -= 1
    return rows[r][c]


def _rows_from_marks(rows: list[list[str]], n_cols: int) -> tuple[Row, ...]:
    out: list[Row] = []
    for r, row in enumerate(rows):
        if len(row) != n_cols:
            raise ValueError(f"rubric row {r}: {len(row)} cells, expected {n_cols}")
        cells = []
        for c, value in enumerate(row):
            if value == ABOVE:
                continue
            span = 1
            while r + span < len(rows) and rows[r + span][c] == ABOVE:
                span += 1
            cells.append(Cell(value, 1, span, TEXT))
        out.append(tuple(cells))
    return tuple(out)


def even_splits(n_rows: int, rows_per_table: int, header: bool = True, gap: int = 2) -> tuple[Split, ...]:
    """Split a rubric of `n_rows` body rows every `rows_per_table` rows."""
    return tuple(Split(at, header, gap) for at in range(rows_per_table, n_rows, rows_per_table))


def rubric_part(
    part: str,
    heading: str,
    table: Rubric,
    notes: Sequence[str],
    kind: str,
    gap_before_notes: int = 1,
) -> Part:
    """A 附件3-x: label, heading, the rubric table(s), then the 备注 lines."""
    blocks = (
        para(part, PART),
        para(heading, TITLE),
        table,
        *blanks(gap_before_notes),
        *(para(n) for n in notes),
    )
    return Part(part, kind, blocks)


def with_bookmark(form: Form, cell_text: str, name: str) -> Form:
    """`form` with bookmark `name` at the start of the first cell whose text is `cell_text`."""
    done = False

    def mark(cell: Cell) -> Cell:
        nonlocal done
        if done or cell.text != cell_text:
            return cell
        done = True
        return Cell(cell.text, cell.colspan, cell.rowspan, cell.kind, name)

    sections = tuple(
        Section(s.name, tuple(tuple(mark(cell) for cell in row) for row in s.rows)) for s in form.sections
    )
    return Form(form.n_cols, sections, form.widths)
