"""What one synthetic report shows, as data: tables, scores, narrative figures, dates.

This is the single source of truth of the generator. The renderer prints it (`gen_forms`), the
answer key reads the expected canonical model from it (`gen_expected`), the oracle checks its
identities (`gen_oracle`), and an injection edits it in place (`gen_inject`). Money is `Decimal`
in 万元 carrying its printed digits; a blank cell is None; 元 figures are named `*_yuan`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from corpus.gen_catalog import County, DepartmentType, ProjectType

Money = Decimal | None

INCOME_FIELDS = ("total", "carryover", "general_budget", "government_fund", "special_account", "other")
EXPENDITURE_FIELDS = (
    "total",
    "basic",
    "personnel",
    "public",
    "project",
    "balance_current",
    "balance_cumulative",
)
THREE_PUBLIC_FIELDS = ("total", "reception", "vehicle_operation", "vehicle_purchase", "overseas")
FIXED_ASSET_FIELDS = ("total", "in_use", "leased", "other")
TABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "income": INCOME_FIELDS,
    "expenditure": EXPENDITURE_FIELDS,
    "three_public": THREE_PUBLIC_FIELDS,
    "fixed_assets": FIXED_ASSET_FIELDS,
}
TABLES = tuple(TABLE_FIELDS)
# row identities of the department tables: total field → parts (rule codes in gen_oracle)
ROW_SUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("income", "total"): ("carryover", "general_budget", "government_fund", "special_account", "other"),
    ("expenditure", "total"): ("basic", "project"),
    ("expenditure", "basic"): ("personnel", "public"),
    ("three_public", "total"): ("reception", "vehicle_operation", "vehicle_purchase", "overseas"),
    ("fixed_assets", "total"): ("in_use", "leased", "other"),
}
FUND_BLOCKS = ("planned", "arrived", "spent", "balance")
FUND_SOURCES = ("central", "provincial", "municipal", "county", "other")

DEPARTMENT, PROJECT = "department", "project"
COMPLETED, IN_PROGRESS = "项目完成结果评价", "项目实施过程评价"
EVALUATION_TYPES = (IN_PROGRESS, COMPLETED)


@dataclass(frozen=True)
class Style:
    """How one department prints its figures (kept across its years and projects)."""

    places: int = 2  # decimals of 万元 amounts: 2, or 0 for departments that print whole 万元
    fixed: bool = False  # "20353.70" rather than "20353.7"
    zero_blank: bool = False  # zeros left blank (None) rather than printed
    zero_text: str = "0"  # how a printed zero reads: "0" or "0.00"
    pct_places: int = 2  # decimals of narrative percentages
    numbering: str = "{n}、"  # unit row prefix
    date_format: str = "{y}年{m}月{d}日"


@dataclass
class Row:
    unit: str  # the printed unit label, e.g. "1、局机关" or "局机关及二级机构汇总"
    values: dict[str, Money]


@dataclass
class Fig:
    """A figure the narrative states. `kind`: money (万元), share (占…%), rate (…率%), count.

    `about` says what it must equal: a path into the same report ("income.summary.total",
    "funds.arrived.total"), or for a department narrative's project figure ("project:<id>",
    "funds.arrived.total"). Shares/rates name their numerator and denominator paths.
    """

    id: str
    kind: str
    value: Decimal
    text: str
    about: tuple[str, str] = ("", "")
    numerator: str | None = None
    denominator: str | None = None
    of_fig: str | None = None  # share: the id of the amount figure it is a share of


Piece = str | Fig


@dataclass
class Section:
    heading: str
    paragraphs: list[list[Piece]] = field(default_factory=list)


@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    actual: str
    target: str = ""


@dataclass
class RubricData:
    """A rubric as printed: body rows (strings, `content.ABOVE` for merged cells), the 总分 row last."""

    kind: str
    rows: list[list[str]]
    max_col: int
    self_col: int
    note_col: int | None  # the 扣分原因 column (department rubric only)
    broken_merge: bool = False  # the template's broken 预算管理 merge (a fullwidth space cell)


@dataclass
class Person:
    name: str
    title: str
    unit: str


@dataclass
class Common:
    """Fields both report kinds have."""

    county: County
    year: int
    style: Style
    rubric: RubricData
    grade: str
    evaluators: list[Person]
    blank_evaluator_row: bool
    signoff_dates: list[dt.date | None]
    report_date: dt.date | None
    narrative: list[Section]
    goals: list[tuple[str, str]]
    indicators: list[Indicator]
    form_score_text: str  # the 绩效自评综合得分 cell as printed


@dataclass
class DeptYear:
    id: str  # e.g. "d03-2020"
    dtype: DepartmentType
    name: str  # 华容县住房和城乡建设局
    budget_code: str
    units: list[str]  # unit row labels, the summary (if any) first
    has_summary: bool
    tables: dict[str, list[Row]]
    staffing: tuple[int, int]  # (人员编制, 实有人数)
    contact: str
    phone: str
    duties: str
    tasks: str
    summary: str  # 年度部门（单位）总体运行情况及取得的成绩
    three_public_before: Decimal  # last year's 三公 total as the department knows it
    common: Common
    projects: list[ProjectYear] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)  # ids of the projects its narrative quotes
    rng_seed: int = 0  # for re-composing the narrative after an injection

    kind = DEPARTMENT

    def value(self, table: str, row: int, field_name: str) -> Money:
        return self.tables[table][row].values[field_name]

    def summary_row(self, table: str) -> Row:
        return self.tables[table][0]

    def unit_rows(self) -> list[int]:
        """Indices of the unit rows (every row after the summary, or the lone row)."""
        n = len(self.units)
        return list(range(1, n)) if self.has_summary else [0]


@dataclass
class ExpenseLine:
    item: str
    amount_yuan: Money
    text: str  # the amount as printed (before layout styling)
    voucher: str
    note: str = ""


@dataclass
class ProjectYear:
    id: str  # e.g. "d03-2020-p1"
    dept_id: str
    ptype: ProjectType
    name: str
    unit: str  # 项目单位
    supervisor: str  # 主管部门
    manager: str
    phone: str
    address: str
    postcode: str
    period: str
    evaluation_type: str | None  # the ticked option, None when nothing is ticked
    tick_style: int
    funds: dict[str, dict[str, Money]]  # block → source/total → value
    expenses: list[ExpenseLine]
    expenses_total_yuan: Money
    expenses_total_text: str
    quantity: int
    common: Common

    kind = PROJECT


Report = DeptYear | ProjectYear


def fund(p: ProjectYear, block: str, source: str = "total") -> Money:
    return p.funds[block][source]


def money_text(value: Money, style: Style) -> str:
    """A 万元 amount as the department prints it ("" for blank)."""
    if value is None:
        return ""
    if not value:
        return style.zero_text
    if style.fixed:
        return f"{value:.{style.places}f}"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"
