"""What narrative figures mean: tables of regular expressions, kept as data so wording variants are
easy to add.

* `MONEY_CONCEPTS`: the concept of an amount, recognised in the clause just before it
  ("一般公共预算财政拨款收入20353.71万元" → income.general_budget). The FIRST concept of the report's
  kind whose pattern is found in the clause wins, so specific concepts come before generic ones.
* `SHARE_BASES`: the base named in "占本年收入合计的69.7%"; without a named base ("占6.05%") the
  amount's own concept gives it (`Concept.share_base`).
* `RATE_CONCEPTS`: named rates ("资金到位率为100%") and how to recompute them.
* `QUANTITY_CONCEPTS`: figures that should read the same wherever a report states them
  (户数, 小区个数, 建筑面积, and the task count of any project type: 所, 处, 座, 台（套）, 亩,
  公里); each pattern has one group, the number.
* `STAFFING_CLAIMS`: sentences claiming staff are within the authorised establishment.

Paths are `audit.values` paths; ``.summary.`` means the department table's 汇总 row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DEPARTMENT = ("department",)
PROJECT = ("project",)
BOTH = ("department", "project")

_Q = r"[“”\"'‘’「」]?"  # an optional quote mark, as in “三公”经费


@dataclass(frozen=True)
class Concept:
    key: str
    label: str  # Chinese name for messages
    pattern: str
    kinds: tuple[str, ...]
    table: str | None = None  # the value to compare with, in the same report
    share_base: str | None = None  # base of "占x%" when the sentence names none
    project: bool = False  # a figure about one project (department narratives: cross-document rules)
    regex: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))


INCOME_TOTAL = "income.summary.total"
EXPENDITURE_TOTAL = "expenditure.summary.total"

MONEY_CONCEPTS: tuple[Concept, ...] = (
    # project figures (in a project report: its funds; in a department report: about one project)
    Concept(
        "project.executed",
        "执行数",
        r"完成预算(?:资金)?|(?:全年|预算|实际)执行(?:数|金额|资金)?|执行数|执行资金",
        BOTH,
        "funds.spent.total",
        project=True,
    ),
    Concept(
        "project.completed",
        "完成投资",
        r"完成(?:总|全部|年度)?投资|累计(?:完成)?投资|完成投资额",
        BOTH,
        None,
        project=True,
    ),
    Concept(
        "project.planned",
        "计划投资",
        r"计划(?:总)?投资|计划安排(?:资金)?|总投资|投资计划|计划资金|资金计划|批复(?:资金|投资)",
        BOTH,
        "funds.planned.total",
        project=True,
    ),
    Concept(
        "project.arrived",
        "到位资金",
        r"到位(?:资金)?|资金到位|拨付到位",
        BOTH,
        "funds.arrived.total",
        project=True,
    ),
    Concept(
        "project.budget",
        "预算数",
        r"(?<!公共)预算(?:数|资金|金额)|(?:年初|全年|批复|调整后?)预算|资金预算|申请(?:预算)?资金"
        # "…项目财政资金总额16.20万元": the project's whole funding, as 昌宁's 项目支出 reports word it
        r"|项目.{0,6}资金总额"
        # "烈士纪念设施维修项目：预算35.3万元": 预算 alone names the figure (南昌市烈士陵园管理处 2022);
        # "衔接资金共下达105万元": the money issued for the project (海口市秀英区水务局 2022)
        # "项目支出预算120万元": a label ending in 预算 names a budget, whatever it budgets (not 一般公共预算)
        r"|(?<!公共)预算\s*$|(?:共|已|累计)?下达(?:资金|预算)?\s*$",
        BOTH,
        "funds.planned.total",
        project=True,
    ),
    # department tables
    Concept(
        "income.carryover",
        "上年结转",
        r"上年结转|年初结转",
        DEPARTMENT,
        "income.summary.carryover",
        INCOME_TOTAL,
    ),
    Concept(
        "income.general_budget",
        "一般公共预算财政拨款收入",
        r"一般公共预算|公共财政(?:预算)?拨款",
        DEPARTMENT,
        "income.summary.general_budget",
        INCOME_TOTAL,
    ),
    Concept(
        "income.government_fund",
        "政府性基金收入",
        r"政府性?基金",
        DEPARTMENT,
        "income.summary.government_fund",
        INCOME_TOTAL,
    ),
    Concept(
        "income.special_account",
        "纳入专户管理的非税收入",
        r"纳入专户|专户管理|非税收入",
        DEPARTMENT,
        "income.summary.special_account",
        INCOME_TOTAL,
    ),
    Concept("income.other", "其他收入", r"其他收入", DEPARTMENT, "income.summary.other", INCOME_TOTAL),
    Concept(
        "expenditure.personnel",
        "人员支出",
        r"人员(?:支出|经费)|工资福利支出",
        DEPARTMENT,
        "expenditure.summary.personnel",
        EXPENDITURE_TOTAL,
    ),
    Concept(
        "expenditure.public",
        "公用经费",
        r"公用(?:经费|支出)|商品和服务支出",
        DEPARTMENT,
        "expenditure.summary.public",
        EXPENDITURE_TOTAL,
    ),
    Concept(
        "expenditure.basic",
        "基本支出",
        r"基本支出",
        DEPARTMENT,
        "expenditure.summary.basic",
        EXPENDITURE_TOTAL,
    ),
    Concept(
        "expenditure.project",
        "项目支出",
        r"项目支出|专项支出",
        DEPARTMENT,
        "expenditure.summary.project",
        EXPENDITURE_TOTAL,
    ),
    Concept(
        "three_public.reception",
        "公务接待费",
        r"公务接待",
        DEPARTMENT,
        "three_public.summary.reception",
        "three_public.summary.total",
    ),
    Concept(
        "three_public.vehicle_operation",
        "公务用车运行维护费",
        r"公务用车运行|公务用车运维|车辆运行",
        DEPARTMENT,
        "three_public.summary.vehicle_operation",
        "three_public.summary.total",
    ),
    Concept(
        "three_public.vehicle_purchase",
        "公务用车购置费",
        r"公务用车购置|车辆购置",
        DEPARTMENT,
        "three_public.summary.vehicle_purchase",
        "three_public.summary.total",
    ),
    Concept(
        "three_public.overseas",
        "因公出国（境）费",
        r"因公出国|出国[（(]?境",
        DEPARTMENT,
        "three_public.summary.overseas",
        "three_public.summary.total",
    ),
    Concept(
        "three_public.total",
        "“三公”经费",
        rf"三公{_Q}\s*经费|三公{_Q}支出",
        DEPARTMENT,
        "three_public.summary.total",
    ),
    Concept(
        "fixed_assets.total",
        "固定资产",
        r"固定资产(?:总额|合计|原值|总值)?",
        DEPARTMENT,
        "fixed_assets.summary.total",
    ),
    Concept(
        "expenditure.balance_current",
        "当年结余",
        r"当年结余|本年结余|年度结余",
        DEPARTMENT,
        "expenditure.summary.balance_current",
    ),
    Concept(
        "expenditure.balance_cumulative",
        "累计结余",
        r"累计结余|结转结余|年末结余",
        DEPARTMENT,
        "expenditure.summary.balance_cumulative",
    ),
    # project spending and balance (after the department's own 支出/结余 concepts)
    Concept(
        "project.spent",
        "实际支出",
        r"实际支出|已支出|支出资金|资金使用|使用资金|已使用|完成支付|已支付|实际支付|累计支付"
        r"|拨付使用|用于.{0,30}?(?:资金|费用)",
        BOTH,
        "funds.spent.total",
        project=True,
    ),
    Concept("project.balance", "结余", r"结余|结转", BOTH, "funds.balance.total", project=True),
    # generic totals last
    # 财政拨款支出 is the spending of one source of income, never the total (as 财政拨款收入 below).
    Concept(
        "expenditure.appropriation", "财政拨款支出", r"财政拨款支出", DEPARTMENT, None, EXPENDITURE_TOTAL
    ),
    Concept(
        "expenditure.total",
        "支出合计",
        r"支出(?:合计|总额|总计|共计)|总支出|(?:本|全|当|\d)年度?(?:共|合计)?支出|年度支出|(?:部门|单位)(?:整体)?支出"
        r"|(?:当期|本期|当年)?发生(?:的)?支出"  # 2023年当期发生支出56916443.49元
        # a sentence of its own after the income one: "完成支出2604.24万元。其中，基本支出…"
        r"|^\s*(?:共|全年|全部|累计)?(?:完成|实现)?(?:各项)?支出",
        DEPARTMENT,
        EXPENDITURE_TOTAL,
        EXPENDITURE_TOTAL,
    ),
    # 财政拨款（收入）is one source of income (一般公共预算 + 政府性基金 appropriations), never the
    # total: a department with 事业收入 or 其他收入 has more. It has no column of its own to compare.
    Concept("income.appropriation", "财政拨款收入", r"财政拨款(?!支出)", DEPARTMENT, None, INCOME_TOTAL),
    # Only a total's own wording states the total; a bare "收入" after another word names one source
    # (事业收入, 上级补助收入, 经营收入) and has no concept. The year's 预算收入 is the unit's whole income
    # ("2022年度预算收入56916443.49元，其中：财政拨款收入…", 呈贡纪委); an adjustment (调增预算收入) is not.
    Concept(
        "income.total",
        "收入合计",
        r"收入(?:合计|总额|总计|共计)|总收入|(?:本|全|当|\d)年度?(?:共|合计)?(?:预算)?收入|年度收入|(?:部门|单位)(?:整体)?收入"
        r"|^\s*收入",
        DEPARTMENT,
        INCOME_TOTAL,
        INCOME_TOTAL,
    ),
)
CONCEPTS_BY_KEY: dict[str, Concept] = {c.key: c for c in MONEY_CONCEPTS}  # a statement's concept → its table


@dataclass(frozen=True)
class ShareBase:
    pattern: str
    path: str
    label: str


# "占<base>的x%": the base, matched in the text between 占 and the number (first match wins).
SHARE_BASES: tuple[ShareBase, ...] = (
    ShareBase(r"收入", INCOME_TOTAL, "收入合计"),
    ShareBase(r"支出", EXPENDITURE_TOTAL, "支出合计"),
    ShareBase(rf"三公{_Q}\s*经费", "three_public.summary.total", "“三公”经费合计"),
    ShareBase(r"计划|总投资", "funds.planned.total", "计划安排资金"),
    ShareBase(r"到位", "funds.arrived.total", "实际到位资金"),
)


@dataclass(frozen=True)
class RateConcept:
    key: str
    label: str
    pattern: str
    numerator: str
    denominators: tuple[str, ...]  # the stated rate is right if it matches any of these
    numerator_label: str
    denominator_labels: tuple[str, ...]
    kinds: tuple[str, ...] = PROJECT
    # what else the numerator may be when the rate's own sentence states it ("全年预算3300万元，总支出
    # 3198.45万元，预算执行率96.92%": a department's spending is its 执行数)
    numerator_in_sentence: tuple[str, ...] = ()


# "<name>(为|达|达到)x%": the rate's name just before the number.
RATE_CONCEPTS: tuple[RateConcept, ...] = (
    RateConcept(
        "arrival_rate",
        "资金到位率",
        r"到位率",
        "funds.arrived.total",
        ("funds.planned.total",),
        "实际到位资金",
        ("计划安排资金",),
    ),
    RateConcept(
        "execution_rate",
        "资金执行率",
        r"(?:使用|支出|执行|支付)率|(?:预算|资金)完成率",
        "funds.spent.total",
        ("funds.arrived.total", "funds.planned.total"),
        "实际支出",
        ("实际到位资金", "计划安排资金"),
        numerator_in_sentence=(EXPENDITURE_TOTAL,),
    ),
)


@dataclass(frozen=True)
class QuantityConcept:
    key: str
    label: str
    unit: str
    patterns: tuple[str, ...]  # each with exactly one group: the number (may end in 万)
    per_wan: bool = False  # the unit is 万X: a number without 万 is divided by 10,000
    not_in_clause: str | None = None  # a figure whose clause matches this counts something else


QUANTITY_CONCEPTS: tuple[QuantityConcept, ...] = (
    QuantityConcept(
        "households",
        "受益户数",
        "户",
        (r"(?:受益|涉及|惠及|覆盖)(?:居民|群众|住户|农户|家庭|用户)?\s*(\d+(?:\.\d+)?)\s*户",),
    ),
    QuantityConcept(
        "communities",
        "小区个数",
        "个",
        (
            r"(?:老旧小区|小区|目标任务|改造任务)\s*(\d+)\s*个(?![月方])",
            r"(\d+)\s*个(?:老旧)?小区",
        ),
    ),
    QuantityConcept(
        "building_area",
        "建筑面积",
        "万平方米",
        (r"建筑面积(?:为|达|约)?\s*(\d+(?:\.\d+)?\s*万?)\s*(?:平方米|平米|㎡|m2)",),
        per_wan=True,
    ),
    # What any project counts its output in (23所学校, 35处集中供水工程, 1.2万亩高标准农田, 40台（套）
    # 农机具, 12公里道路): a project's narrative, goals and indicators repeat its one task count.
    # A counter word, not a project type, keys the figure; function words after 所/处 are excluded.
    # A distance (勐蚌村…距镇政府所在地40公里) locates the place, it is no road the project built.
    *(
        QuantityConcept(
            f"count_{unit}", f"{label}", unit, (rf"(\d+(?:\.\d+)?\s*万?)\s*{pattern}",), not_in_clause=skip
        )
        for unit, label, pattern, skip in (
            ("所", "学校等所数", r"所(?![得需有以属谓在])", None),
            ("处", "工程处数", r"处(?![理置罚室长在于])", None),
            ("座", "设施座数", r"座(?!谈)", None),
            ("台（套）", "设备台（套）数", r"台(?:（套）|\(套\)|套)?(?![账阶风湾])", None),
            ("亩", "亩数", r"亩", None),
            ("公里", "公里数", r"公里", r"距"),
        )
    ),
)

# A claim that staff are within the establishment (contradicted when 实有人数 > 人员编制).
STAFFING_CLAIMS: tuple[str, ...] = (
    r"(?:财政供养|在职|在编|实有)?人员(?:数|数量)?(?:严格)?控制在(?:预算)?编制(?:数|数额)?(?:以内|之内|范围内|内)",
    r"(?:未|没有|无|不存在)超编",
    r"人员(?:编制)?控制率(?:为|达|达到)?\s*100\s*[%％]",
)
