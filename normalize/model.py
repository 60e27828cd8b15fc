"""The canonical `Report` model every later stage reads.

Money is in 万元 as Decimal, whatever unit the form used. Values stay plain (so the JSON is
easy for other tools); where each value came from lives beside them in `Report.sources`,
keyed by the value's JSON path (for example ``"income[0].total"`` or ``"funds.arrived.total"``).
A blank cell is None, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer


def _decimal_to_json(value: Decimal) -> float | int:
    # float(repr) round-trips every figure these forms print (≤ 15 significant digits).
    return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)


Money = Annotated[Decimal, PlainSerializer(_decimal_to_json, when_used="json")]
Points = Money  # rubric points are decimals too (0.5, 0.2 deductions)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass(slots=True)
class Source:
    """Where a value stands in its file, and the text it was read from.

    A plain slotted dataclass rather than a model: a report carries hundreds of these, a batch
    holds every report for the cross-document checks, and pydantic takes instances as they are,
    so each one is small and cheap to make. (Reports read back from JSON are validated as usual.)
    """

    file: str
    table: int | None = None  # 0-based table index in the document
    row: int | None = None  # 0-based grid row
    col: int | None = None  # 0-based grid column
    paragraph: int | None = None  # body paragraph index, or paragraph index inside the cell
    page: int | None = None  # 1-based, PDF only
    bbox: tuple[float, float, float, float] | None = None
    raw: str = ""
    span: tuple[int, int] | None = None  # character offsets of a figure inside `raw` (prose statements)
    confidence: float | None = None  # OCR recognition score (0–1) of the text; None: not read by OCR
    line_scores: tuple[tuple[str, float], ...] = ()  # OCR'd text of several lines: each line's score
    ref: str | None = None  # spreadsheet only: sheet and cell as Excel names them, 自评表!C7

    def with_raw(self, raw: str, span: tuple[int, int] | None = None) -> Source:
        """The same place read as `raw`, with a figure's `span` in it (else this span kept).

        `dataclasses.replace` would do, but it looks the fields up again on every call, and this
        runs for every figure and label value of a report."""
        return Source(
            self.file,
            self.table,
            self.row,
            self.col,
            self.paragraph,
            self.page,
            self.bbox,
            raw,
            self.span if span is None else span,
            self.confidence,
            self.line_scores,
            self.ref,
        )

    def describe(self) -> str:
        """A location a reviewer can find: 第2页 表3 第5行第2列 / 第12段 / 自评表!C7 (a spreadsheet's cell)."""
        if self.ref is not None:
            inside = self.table is not None and self.paragraph is not None
            return f"{self.ref} 单元格内第{self.paragraph + 1}段" if inside else self.ref
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table + 1}")
            if self.row is not None:
                parts.append(f"第{self.row + 1}行" + (f"第{self.col + 1}列" if self.col is not None else ""))
            if self.paragraph is not None:
                parts.append(f"单元格内第{self.paragraph + 1}段")
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph + 1}段")
        return " ".join(parts)


class Evaluator(_Model):
    name: str
    title: str | None = None
    unit: str | None = None


class SignOff(_Model):
    """A signature block (评价组组长, 部门意见, 财政部门意见 …) and its date, None when left blank."""

    role: str
    date: str | None = None


class ScoreItem(_Model):
    """One line of a rubric (评分表 / 指标体系). Rows that share one merged score cell are one item."""

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    criteria: str | None = None  # 评分标准 / 评价标准
    max_points: Points | None = None  # 分值
    self_points: Points | None = None  # 自评得分
    note: str | None = None  # 扣分原因和其他说明 / 具体指标


class Indicator(_Model):
    """A performance target and what was achieved (定性目标 rows use level1 '定性目标')."""

    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    target: str | None = None
    actual: str | None = None
    # national / provincial project forms (issue 10)
    nature: str | None = None  # 指标性质: ≥ ≤ = or 定性
    unit: str | None = None  # 度量单位 / 计量单位
    max_points: Points | None = None  # 分值 / 权重
    points: Points | None = None  # 得分
    deviation: str | None = None  # 偏差原因分析及改进措施 / 未完成原因分析


class NarrativeSection(_Model):
    heading: str
    text: str


class Statement(_Model):
    """A figure the text states: "支出合计1135.91万元" → concept expenditure.total, 1135.91, 万元.

    `concept` is a key of the shared vocabulary (`normalize.concepts`), None when the words before
    the figure name none; money is in 万元 (元 and 亿元 converted), counts and percentages as printed.
    `text` is the sentence; `source` the paragraph, with the figure's character span in `source.raw`.
    """

    concept: str | None = None
    value: Money
    unit: str  # 万元, %, 个, 分
    text: str
    source: Source


class Staffing(_Model):
    authorized: int | None = None  # 人员编制
    actual: int | None = None  # 实有人数


class IncomeRow(_Model):
    unit: str
    total: Money | None = None
    carryover: Money | None = None  # 上年结转
    general_budget: Money | None = None  # 一般公共预算 / 公共财政拨款
    government_fund: Money | None = None  # 政府性基金
    special_account: Money | None = None  # 纳入专户管理的非税收入拨款
    other: Money | None = None  # 其他收入


class ExpenditureRow(_Model):
    unit: str
    total: Money | None = None
    basic: Money | None = None
    personnel: Money | None = None
    public: Money | None = None
    project: Money | None = None
    balance_current: Money | None = None  # 当年结余
    balance_cumulative: Money | None = None  # 累计结余


class ThreePublicRow(_Model):
    unit: str
    total: Money | None = None
    reception: Money | None = None  # 公务接待费
    vehicle_operation: Money | None = None  # 公务用车运行维护费
    vehicle_purchase: Money | None = None  # 公务用车购置费
    overseas: Money | None = None  # 因公出国（境）费


class FixedAssetRow(_Model):
    unit: str
    total: Money | None = None
    in_use: Money | None = None
    leased: Money | None = None
    other: Money | None = None


class FundsBySource(_Model):
    total: Money | None = None
    central: Money | None = None
    provincial: Money | None = None
    municipal: Money | None = None
    county: Money | None = None
    other: Money | None = None


class Funds(_Model):
    planned: FundsBySource = Field(default_factory=FundsBySource)  # 计划安排资金
    arrived: FundsBySource = Field(default_factory=FundsBySource)  # 实际到位资金
    spent: FundsBySource = Field(default_factory=FundsBySource)  # 实际支出
    balance: FundsBySource = Field(default_factory=FundsBySource)  # 结余


class Expense(_Model):
    item: str
    amount: Money | None = None  # 万元 (converted from the form's 元)
    voucher: str | None = None
    note: str | None = None


class Revision(_Model):
    """A passage of the file with unaccepted tracked changes; the report reads it as accepted.

    `new` is the text every value was read from (all changes accepted); `old` is the same
    passage with every change rejected. `path` is the report value read from that cell, if any;
    `label` the row's label beside it in a table (实际到位资金), None for a body paragraph.
    """

    old: str
    new: str
    author: str | None = None
    date: str | None = None
    path: str | None = None
    label: str | None = None
    source: Source


# ---- form families beyond the 华容 template (issue 10): keep these grouped ----


class BudgetLine(_Model):
    """One row of a project form's budget block (项目资金 / 预算执行情况): money in 万元."""

    item: str | None = None  # 年度资金总额 / 其中：本年财政拨款 / 上年结转资金 …
    initial: Money | None = None  # 年初预算数
    adjusted: Money | None = None  # 全年预算数 / 调整后预算数 / 预算数(A)
    executed: Money | None = None  # 全年执行数 / 预算执行数 / 执行数(B)
    max_points: Points | None = None  # 分值 / 权重
    rate: Decimal | None = None  # 执行率 as printed, in percent
    points: Points | None = None  # 得分
    note: str | None = None  # 原因


class Goals(_Model):
    """年度总体目标: 预期目标 / 项目年度目标 and 实际完成情况 / 年度目标完成情况."""

    expected: str | None = None
    actual: str | None = None


class StaffControl(_Model):
    """基础数据表 财政供养人员情况: 编制数, 实际在职人数, 控制率 (percent as printed)."""

    authorized: int | None = None
    actual: int | None = None
    control_rate: Decimal | None = None


class CostControlRow(_Model):
    """基础数据表 经费控制情况 row: 上年决算数, 本年预算数, 本年决算数 (万元)."""

    item: str
    previous_final: Money | None = None
    budget: Money | None = None
    final: Money | None = None


class BasicData(_Model):
    """Hunan 附件3 部门整体支出绩效评价基础数据表."""

    staffing: StaffControl = Field(default_factory=StaffControl)
    cost_control: list[CostControlRow] = Field(default_factory=list)


Kind = Literal["department", "project"]


class Report(_Model):
    """One self-evaluation report: a department's 部门整体 report or one project's report."""

    file: str
    kind: Kind
    # the form family's id (normalize/families: huarong, prose, national …); the normaliser always
    # sets it, None only on a Report built by hand
    form: str | None = None
    part: str | None = None  # the form's own label, e.g. 附件2-1
    title: str | None = None
    county: str | None = None
    year: int | None = None
    department: str | None = None
    self_score: Points | None = None  # 绩效自评综合得分
    grade: str | None = None  # 评价等次
    report_date: str | None = None  # None when the form's 报告日期 is left blank
    evaluation_method: str | None = None  # 评价方式
    evaluation_body: str | None = None  # 评价机构
    evaluators: list[Evaluator] = Field(default_factory=list)
    signoffs: list[SignOff] = Field(default_factory=list)
    score_items: list[ScoreItem] = Field(default_factory=list)
    score_total_max: Points | None = None  # the rubric's 总分 row: 分值
    score_total_self: Points | None = None  # the rubric's 总分 row: 自评得分
    rubric_title: str | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    narrative: list[NarrativeSection] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)  # figures stated in the text

    # department report
    budget_code: str | None = None
    contact: str | None = None
    contact_phone: str | None = None
    staffing: Staffing = Field(default_factory=Staffing)
    duties: str | None = None  # 职能职责概述
    income: list[IncomeRow] = Field(default_factory=list)
    expenditure: list[ExpenditureRow] = Field(default_factory=list)
    three_public: list[ThreePublicRow] = Field(default_factory=list)
    fixed_assets: list[FixedAssetRow] = Field(default_factory=list)

    # project report
    project_name: str | None = None
    supervisor: str | None = None  # 主管部门
    manager: str | None = None  # 项目负责人
    manager_phone: str | None = None
    address: str | None = None
    period: str | None = None  # 项目起止时间
    evaluation_type: str | None = None  # the ticked 评价类型; None when none is ticked
    funds: Funds = Field(default_factory=Funds)
    expenses: list[Expense] = Field(default_factory=list)
    expenses_total: Money | None = None  # 支出合计 of the expense lines, 万元

    # form families (issue 10)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    goals: Goals | None = None
    basic_data: BasicData | None = None

    revisions: list[Revision] = Field(default_factory=list)  # unaccepted tracked changes (Word)
    # What the reader left out or could not show, for the reviewer (spreadsheets: hidden sheets and
    # rows, a formula saved without its value); 提取数据 shows it under 读取方式.
    reader_notes: list[str] = Field(default_factory=list)
    sources: dict[str, Source] = Field(default_factory=dict)

    def source(self, path: str) -> Source | None:
        """Where the value at JSON path `path` came from, if known."""
        return self.sources.get(path)

    def values(self) -> dict[str, object]:
        """The model without provenance, for comparing two reads of one report.

        Statements are left out: they are a reading of `narrative`, which is compared; so are the
        tracked changes (`revisions`), which say how the text was edited, not what it says, and the
        reader's notes, which say how the file was read.
        """
        return self.model_dump(
            mode="json", exclude={"sources", "file", "statements", "revisions", "reader_notes"}
        )
