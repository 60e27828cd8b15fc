"""Builders of `Report` objects for the audit tests.

* `seed_department()` / `seed_project()`: the real seed report (附件2-1 with 附件3-1, 附件2-2 with
  附件3-2) as the Word normaliser reads corpus/huarong_2020_combined.docx: the golden model
  tests/golden/huarong_2020_combined.json, checked against the document by tests/test_golden_seed.py
  and rewritten only with JIXIAO_UPDATE_GOLDEN=1.
* `clean_department()` / `clean_project()`: a consistent department with two units and one of its
  projects, every figure adding up; the audit must find no error in them.

Money is in 万元 as Decimal; figures the form gives in 元 are converted with `yuan()`, which keeps
their precision to the 元 (1100000.00 元 → Decimal("110.0000")).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao_audit.audit.values import TABLE_LABELS, table_fields
from jixiao_audit.normalize.model import (
    Evaluator,
    ExpenditureRow,
    Expense,
    FixedAssetRow,
    Funds,
    FundsBySource,
    IncomeRow,
    Indicator,
    NarrativeSection,
    Report,
    ScoreItem,
    SignOff,
    Source,
    Staffing,
    ThreePublicRow,
)
from jixiao_audit.normalize.prose import statements_in

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
GOLDEN_ENV = "JIXIAO_UPDATE_GOLDEN"  # =1 lets the golden test rewrite tests/golden/*.json
SEED_DOCX = Path(__file__).resolve().parent.parent / "corpus" / "huarong_2020_combined.docx"
SEED_GOLDEN = GOLDEN_DIR / "huarong_2020_combined.json"  # the model `audit extract` gives of SEED_DOCX
SEED_FILE = SEED_DOCX.name
CLEAN_DEPARTMENT_FILE = "clean_department.docx"
CLEAN_PROJECT_FILE = "clean_project.docx"

HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．])")
MAX_HEADING_LEN = 40  # a numbered line longer than this is a paragraph, not a heading


def D(text: str | int | None) -> Decimal | None:
    return None if text is None or text == "" else Decimal(str(text))


YUAN_PLACES = Decimal("0.0001")  # 1 元 in 万元; cents are dropped as the normaliser does


def yuan(text: str | None) -> Decimal | None:
    """A figure printed in 元, in 万元 exact to the 元: "846200" → Decimal("84.6200"),
    "203537100.00" → Decimal("20353.7100")."""
    value = D(text)
    if value is None:
        return None
    wan = value.scaleb(-4)
    exponent = wan.as_tuple().exponent
    return wan.quantize(YUAN_PLACES) if isinstance(exponent, int) and exponent < -4 else wan


# (level1, level2, level3, 评分标准, 分值, 自评得分, 具体指标/说明) as in the seed's 附件3-1, whitespace removed
# from the labels; the three 效益 rows sharing one 分值 cell are one item.
# The same for 附件3-2 (level3 分值 is the item's 分值).
SEED_PROJECT_SCORE_ITEMS: list[tuple[str, str, str, str | None, str, str, str | None]] = [
    (
        "项目决策",
        "项目目标",
        "目标内容",
        "①设有目标（1分）\n②目标明确（1分）\n③目标细化（1分）\n④目标量化（1分）",
        "4",
        "4",
        "设立了项目绩效目标；目标明确；目标细化；目标量化",
    ),
    (
        "项目决策",
        "决策过程",
        "决策依据",
        "①符合法律法规（1分）\n②符合经济社会发展规划（1分）\n③部门年度工作计划（1分）\n④针对某一实际问题和需求（1分）\n以上③需提供佐证资料。",
        "4",
        "4",
        "有关法律法规的明确规定；某一经济社会发展规划；某部门年度工作计划；某一实际问题和需求",
    ),
    (
        "项目决策",
        "决策过程",
        "决策程序",
        "①符合申报条件（2分）\n②项目申报、批复程序符合管理办法（1分）\n③项目调整履行了相应手续（1分）",
        "4",
        "4",
        "项目符合申报条件；申报、批复程序符合相关管理办法；项目调整履行了相应手续",
    ),
    (
        "项目决策",
        "资金分配",
        "分配办法",
        "①有相应的资金管理办法（1分）\n②办法健全、规范（1分）\n③因素全面合理（1分）\n以上①需提供佐证资料。",
        "3",
        "3",
        "根据需要制定的相关资金管理办法；管理办法中有明确资金分配办法；资金分配因素全面、合理",
    ),
    (
        "项目决策",
        "资金分配",
        "分配结果",
        "①符合分配办法（2分）\n②分配公平合理（3分）\n此项需提供相应的资金分配方案。",
        "5",
        "5",
        "资金分配符合相关管理办法；分配结果公平合理",
    ),
    (
        "项目管理",
        "资金到位",
        "到位率",
        "根据项目资金的实际到位率计算得分（3分）",
        "3",
        "3",
        "实际到位/计划到位*100%",
    ),
    (
        "项目管理",
        "资金到位",
        "到位时效",
        "①到位及时（2分）\n②不及时但未影响项目进度 （1分）\n③不及时并影响项目进度（0.5分）",
        "2",
        "2",
        "资金及时到位；若未及时到位，是否影响项目进度",
    ),
    (
        "项目管理",
        "资金管理",
        "资金使用",
        "①虚列套取扣4-7分 \n②依据不合规扣2分\n③截留、挤占、挪用扣3-6分\n④超标准开支扣2-5分\n⑤超预算扣2-5分",
        "7",
        "7",
        "支出依据合规，无虚列项目支出情况；无截留挤占挪用情况；无超标准开支情况；无超预算情况",
    ),
    (
        "项目管理",
        "资金管理",
        "财务管理",
        "①财务制度健全（1分）\n②严格执行制度（1分）\n③会计核算规范（1分）\n以上①需提供佐证资料。",
        "3",
        "3",
        "资金管理、费用支出等制度健全；制度执行严格；会计核算规范",
    ),
    ("项目管理", "组织实施", "组织机构", "①机构健全、分工明确  （1分）", "1", "1", "机构健全、分工明确"),
    (
        "项目管理",
        "组织实施",
        "支撑条件",
        "具备人员、场地、设备条件（1分）",
        "1",
        "1",
        "项目实施单位是否提供或具备了必备的人员、场地和设备等条件",
    ),
    (
        "项目管理",
        "组织实施",
        "项目实施",
        "①按计划开工（1分）\n②按计划开展（1分）\n③按计划完工（1分）",
        "3",
        "3",
        "项目按计划开工；按计划进度开展；按计划完工",
    ),
    (
        "项目管理",
        "组织实施",
        "管理制度",
        "①管理制度健全（2分）\n②制度执行严格（3分）\n以上①需提供佐证资料。",
        "5",
        "5",
        "项目管理制度健全；严格执行相关管理制度",
    ),
    (
        "项目绩效",
        "项目产出",
        "产出数量",
        "完成绩效目标100%得5分，未完成100%的同比例扣减。",
        "5",
        "5",
        "目标完成率=目标完成数/预定目标数×100%",
    ),
    (
        "项目绩效",
        "项目产出",
        "产出质量",
        "项目产出质量达到绩效目标100%得4分，未完成100%的同比例扣减。",
        "4",
        "4",
        "目标完成质量=实际达到的效果/预定目标×100%",
    ),
    (
        "项目绩效",
        "项目产出",
        "产出时效",
        "项目产出时效达到绩效目标得3分，未如期完成且无充分理由的扣3分。",
        "3",
        "3",
        "项目资金使用的预定目标是否如期完成，未完成的理由是否充分",
    ),
    (
        "项目绩效",
        "项目产出",
        "产出成本",
        "项目产出成本按绩效目标控制得3分，未完成的，按超支比例扣减。",
        "3",
        "3",
        "项目产出成本是否按绩效目标控制",
    ),
    (
        "项目绩效",
        "项目效果",
        "经济效益",
        "完成绩效目标设定的经济效益得8分，未完成的，按完成情况酌情扣分。",
        "8",
        "8",
        "指项目对国民经济和区域经济发展所带来的直接或间接效益等",
    ),
    (
        "项目绩效",
        "项目效果",
        "社会效益",
        "完成绩效目标设定的社会效益得8分，未完成的，按完成情况酌情扣分。",
        "8",
        "8",
        "项目实施是否产生社会综合效益",
    ),
    (
        "项目绩效",
        "项目效果",
        "环境效益",
        "完成绩效目标设定的积极的环境效益得8分，未完成的，按完成情况酌情扣分。",
        "8",
        "8",
        "项目实施是否对环境产生积极或消极影响",
    ),
    (
        "项目绩效",
        "项目效果",
        "可持续影响",
        "完成绩效设定目标的得8分，未完成的，按完成情况酌情扣分。",
        "8",
        "7",
        "项目实施对人、自然、资源是否带来可持续影响",
    ),
    (
        "项目绩效",
        "项目效果",
        "服务对象满意度",
        "满意率达90%（含）以上的得8分，80%（含）-90%得6分，70%（含）-80%得4分，60%（含）-70%得2分，60%以下不得分。",
        "8",
        "8",
        "服务对象满意率=项目区被调查人数中表示满意的人数(户数)/ 被调查人数(户数)×100%",
    ),
]

# The 评价报告综述（文字部分） of 附件2-1, verbatim.
# The 评价报告综述（文字部分） of 附件2-2, verbatim.
SEED_DATE_BLANK = "年    月    日"


# ---------------------------------------------------------------- generic helpers


def split_sections(text: str) -> list[NarrativeSection]:
    """Narrative sections split at headings like 一、 （一） 1、 (long numbered lines stay text)."""
    sections: list[NarrativeSection] = []
    heading, lines = "", []
    for line in text.split("\n"):
        if HEADING.match(line) and len(line.strip()) <= MAX_HEADING_LEN:
            if heading or any(x.strip() for x in lines):
                sections.append(NarrativeSection(heading=heading, text="\n".join(lines).strip()))
            heading, lines = line.strip(), []
        else:
            lines.append(line)
    if heading or any(x.strip() for x in lines):
        sections.append(NarrativeSection(heading=heading, text="\n".join(lines).strip()))
    return sections


def score_items(rows) -> list[ScoreItem]:
    return [
        ScoreItem(
            level1=l1, level2=l2, level3=l3, criteria=crit, max_points=D(mx), self_points=D(pts), note=note
        )
        for l1, l2, l3, crit, mx, pts, note in rows
    ]


def _cell(file: str, table: int, row: int, col: int, raw: object) -> Source:
    return Source(file=file, table=table, row=row, col=col, raw="" if raw is None else str(raw))


def _raw(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


DEPT_TABLE_COLUMNS = {table: table_fields(table) for table in TABLE_LABELS}  # the model's order
DEPT_TABLE_FIRST_ROW = {"income": 10, "expenditure": 17, "three_public": 22, "fixed_assets": 27}


def restate(report: Report) -> Report:
    """`report.statements` made again from its narrative, as the normaliser records them: every figure
    of each paragraph (heading, then each line of the text), numbered on from the paragraph of the
    first heading's source (a body paragraph from 0 without one). Call it after rewording a fixture's
    narrative."""
    first = report.sources.get("narrative[0].heading") or Source(file=report.file, paragraph=0)
    lines = [line for s in report.narrative for line in (s.heading, *s.text.split("\n"))]
    report.statements = [
        st
        for n, line in enumerate(lines)
        for st in statements_in(
            line, replace(first, paragraph=(first.paragraph or 0) + n, raw=line), report.kind
        )
    ]
    return report


def add_sources(report: Report) -> Report:
    """Fill `report.sources` with plausible locations for every value the audit reads.

    Layout (as in the seed): the department's form body is table 0 (cover-page fields are body
    paragraphs), its 评价报告综述 the single cell of table 1, its rubric table 2; a project report's
    tables and paragraphs follow (tables 3–5, paragraphs from 120), as in a combined file.
    """
    f = report.file
    t0, p0 = (0, 0) if report.kind == "department" else (3, 120)

    def cell(table: int, row: int, col: int, raw: object) -> Source:
        return _cell(f, t0 + table, row, col, raw)

    def paragraph(n: int, raw: str) -> Source:
        return Source(file=f, paragraph=p0 + n, raw=raw)

    def in_cell(n: int, raw: str) -> Source:
        return Source(file=f, table=t0 + 1, row=0, col=0, paragraph=n, raw=raw)

    src: dict[str, Source] = {}
    src["report_date"] = paragraph(
        9, "报告日期：   年   月   日" if report.report_date is None else f"报告日期：{report.report_date}"
    )
    if report.kind == "project":
        src["evaluation_type"] = paragraph(
            3,
            "评价类型：项目实施过程评价□   项目完成结果评价□"
            if report.evaluation_type is None
            else f"评价类型：{report.evaluation_type}☑",
        )
    src["self_score"] = cell(0, 50, 1, _raw(report.self_score))
    src["grade"] = cell(0, 51, 1, report.grade)
    src["staffing.authorized"] = cell(0, 2, 1, report.staffing.authorized)
    src["staffing.actual"] = cell(0, 2, 3, report.staffing.actual)
    for table, cols in DEPT_TABLE_COLUMNS.items():
        for i, row in enumerate(getattr(report, table)):
            r = DEPT_TABLE_FIRST_ROW[table] + i
            src[f"{table}[{i}]"] = cell(0, r, 0, row.unit)
            for c, name in enumerate(cols, start=1):
                src[f"{table}[{i}].{name}"] = cell(0, r, c, _raw(getattr(row, name)))
    for b, block in enumerate(("planned", "arrived", "spent", "balance")):
        by_source: FundsBySource = getattr(report.funds, block)
        for r, name in enumerate(("total", "central", "provincial", "municipal", "county", "other")):
            src[f"funds.{block}.{name}"] = cell(0, 3 + r, 1 + 2 * b, _raw(getattr(by_source, name)))
    for i, e in enumerate(report.expenses):
        src[f"expenses[{i}].amount"] = cell(
            0, 11 + i, 1, _raw(e.amount.scaleb(4)) if e.amount is not None else ""
        )
    if report.expenses_total is not None:
        src["expenses_total"] = cell(0, 11 + len(report.expenses), 1, _raw(report.expenses_total.scaleb(4)))
    for i, ind in enumerate(report.indicators):
        src[f"indicators[{i}].target"] = cell(0, 30 + i, 4, ind.target)
    for i, s in enumerate(report.signoffs):
        src[f"signoffs[{i}].date"] = cell(0, 58 + i, 0, s.date or SEED_DATE_BLANK)
    n = 0
    for i, s in enumerate(report.narrative):
        src[f"narrative[{i}].heading"] = in_cell(n, s.heading)
        src[f"narrative[{i}].text"] = in_cell(n + 1, s.text)
        n += 1 + s.text.count("\n") + 1
    for i, item in enumerate(report.score_items):
        src[f"score_items[{i}]"] = cell(2, 1 + i, 2, item.level3)
        src[f"score_items[{i}].max_points"] = cell(2, 1 + i, 4, _raw(item.max_points))
        src[f"score_items[{i}].self_points"] = cell(2, 1 + i, 5, _raw(item.self_points))
    k = len(report.score_items)
    src["score_total_max"] = cell(2, 1 + k, 4, _raw(report.score_total_max))
    src["score_total_self"] = cell(2, 1 + k, 5, _raw(report.score_total_self))
    report.sources = src | report.sources
    return restate(report)


# ---------------------------------------------------------------- the seed (golden model)

# The seed's 15 expense lines as printed (元) with their vouchers: what the readers must find.
SEED_EXPENSES: list[tuple[str, str]] = [
    ("1100000.00", "2020年10月75号"),
    ("1049920.00", "2020年10月77号"),
    ("846200", "2020年10月79号"),
    ("808054", "2020年11月109号"),
    ("1443640", "2020年11月110号"),
    ("756000", "2020年11月111号"),
    ("761580", "2020年11月112号"),
    ("990000", "2020年11月114号"),
    ("1261500", "2020年12月214号"),
    ("607000", "2020年12月215号"),
    ("1970000", "2020年12月216号"),
    ("1400000", "2020年12月218号"),
    ("1120000", "2020年12月219号"),
    ("1009200", "2020年12月220号"),
    ("485600", "2020年12月221号"),
]


OCR_ONLY_SOURCE_KEYS = ("confidence", "line_scores")
SPREADSHEET_ONLY_SOURCE_KEYS = ("ref",)  # a spreadsheet cell's sheet and reference


def golden_update_allowed() -> bool:
    """The explicit switch that lets `tests/test_golden_seed.py` rewrite the golden files."""
    return os.environ.get(GOLDEN_ENV) == "1"


def golden_text(reports: list[Report]) -> str:
    """The canonical model as committed: file names without their folder, one field (and one
    source) per line, so a change to the normaliser shows as a readable diff."""
    docs = [r.model_dump(mode="json") for r in reports]
    for doc in docs:
        doc["file"] = Path(doc["file"]).name
        if not doc.get("reader_notes"):  # only a spreadsheet's reader leaves notes
            doc.pop("reader_notes", None)
        for source in [*doc["sources"].values(), *(s["source"] for s in doc["statements"])]:
            source["file"] = Path(source["file"]).name
            for key in (
                *OCR_ONLY_SOURCE_KEYS,
                *SPREADSHEET_ONLY_SOURCE_KEYS,
            ):  # only a scan or a sheet has it
                if not source.get(key):
                    source.pop(key, None)
    return '{"reports": [\n' + ",\n".join(_golden_report(doc) for doc in docs) + "\n]}\n"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _golden_report(doc: dict) -> str:
    sources = doc.pop("sources")
    lines = [
        f" {_compact(key)}: " + (_one_per_line(value) if key == "statements" and value else _compact(value))
        for key, value in doc.items()
    ]
    lines.append(
        ' "sources": {\n' + ",\n".join(f"  {_compact(k)}: {_compact(v)}" for k, v in sources.items()) + "\n }"
    )
    return "{\n" + ",\n".join(lines) + "\n}"


def _one_per_line(items: list) -> str:
    return "[\n" + ",\n".join(f"  {_compact(item)}" for item in items) + "\n ]"


def golden_reports(path: Path = SEED_GOLDEN) -> list[Report]:
    """The reports of a golden file (a missing file is an error: regenerate it, never skip)."""
    return [Report.model_validate(doc) for doc in json.loads(path.read_text(encoding="utf-8"))["reports"]]


def seed_department() -> Report:
    """附件2-1 of the seed: 华容县住房和城乡建设局, 2020, with its rubric 附件3-1 (golden model)."""
    return next(r for r in golden_reports() if r.kind == "department")


def seed_project() -> Report:
    """附件2-2 of the seed: 老旧小区改造, with its rubric 附件3-2 (golden model)."""
    return next(r for r in golden_reports() if r.kind == "project")


CLEAN_DEPARTMENT_NAME = "华容县水利局"
CLEAN_PROJECT_NAME = "农村饮水安全巩固提升"

CLEAN_DEPARTMENT_NARRATIVE = (
    "一、部门（单位）概况\n"
    "（一）部门（单位）基本情况\n"
    "华容县水利局内设办公室、财务股等股室，下属水利站。\n"
    "（二）部门（单位）整体支出规模、使用方向和主要内容、涉及范围等\n"
    "2020年度收入合计1000万元，其中：上年结转60万元，一般公共预算财政拨款收入740万元，占本年收入合计的74%，"
    "政府性基金收入200万元，占本年收入合计的20%。\n"
    "2020年支出合计950万元，其中：人员支出250万元，占本年支出合计的26.32%，公用经费支出100万元，占本年支出合计的10.53%，"
    "项目支出600万元，占本年支出合计的63.16%。当年结余50万元。\n"
    "二、部门（单位）整体支出管理及使用情况\n"
    "（一）基本支出\n"
    "基本支出350万元，占36.84%，其中:人员经费250万元，公用经费100万元。“三公”经费支出5万元。\n"
    "（二）专项支出\n"
    "1、专项资金安排落实、总投入等情况分析\n"
    "2020年度农村饮水安全巩固提升年度计划投资500万元，现已到位资金400万元。\n"
    "2、专项资金实际使用情况分析\n"
    "资金使用：用于农村饮水安全巩固提升资金350万元，结余50万元。\n"
    "三、部门（单位）整体支出绩效情况\n"
    "1、本年预算配置控制较好，财政供养人员控制在预算编制以内，“三公”经费支出总额较上年有减少。\n"
)

CLEAN_PROJECT_NARRATIVE = (
    "一、基本情况\n"
    "（一）项目概况\n"
    "2020年度农村饮水安全巩固提升任务为：新建改造供水工程10处，受益农户1200户，计划投资500万元。\n"
    "（二）项目资金计划、到位情况\n"
    "项目总投资500万元，其中中央补助资金300万元，县级配套资金200万元。资金到位率为80%，已到位资金400万元。\n"
    "截至12月31日，实际支出350万元，资金使用率为87.5%，结余50万元，完成投资350万元。\n"
    "二、主要绩效情况分析\n"
    "全年新建改造供水工程10处，受益农户1200户，工程质量全部合格。\n"
)

CLEAN_DEPARTMENT_SCORE_ITEMS = [
    (
        "投入（15分）",
        "预算配置（15分）",
        "财政供养人员控制率",
        "以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。",
        "5",
        "5",
        None,
    ),
    (
        "投入（15分）",
        "预算配置（15分）",
        "“三公经费”变动率",
        "“三公经费”变动率≦0,计5分；“三公经费”＞0，每超过一个百分点扣0.5分，扣完为止。",
        "5",
        "5",
        None,
    ),
    ("投入（15分）", "预算配置（15分）", "重点支出安排率", "重点支出安排率≥90%，计5分。", "5", "5", None),
    (
        "过程（40分）",
        "预算执行（15分）",
        "资金结余",
        "无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。",
        "3",
        "2",
        "结余未超过上年结转",
    ),
    (
        "过程（40分）",
        "资产管理（10分）",
        "固定资产利用率",
        "每低于100%一个百分点扣0.1分，扣完为止。",
        "3",
        "3",
        None,
    ),
    ("产出（25分）", "职责履行（25分）", "重点工作任务完成情况", None, "45", "42", None),
    ("效果（20分）", "履职效益（20分）", "社会效益", None, "34", "32", None),
]


def clean_department(file: str = CLEAN_DEPARTMENT_FILE) -> Report:
    """A consistent department with two units (局机关, 水利站): every row, column and ratio adds up."""
    report = Report(
        file=file,
        kind="department",
        form="huarong",
        part="附件2-1",
        title="华容县2020年度部门整体支出绩效评价自评报告",
        county="华容县",
        year=2020,
        department=CLEAN_DEPARTMENT_NAME,
        budget_code="312001",
        self_score=D("94"),
        grade="优秀",
        report_date="2021年3月10日",
        evaluation_method="部门（单位）绩效自评",
        evaluation_body="部门（单位）评价组",
        evaluators=[Evaluator(name="李明", title="局长", unit="水利局")],
        signoffs=[
            SignOff(role="评价组组长", date="2021年3月10日"),
            SignOff(role="部门（单位）意见", date="2021年3月10日"),
        ],
        score_items=score_items(CLEAN_DEPARTMENT_SCORE_ITEMS),
        score_total_max=D("100"),
        score_total_self=D("94"),
        rubric_title="部门整体支出绩效评价评分表",
        narrative=split_sections(CLEAN_DEPARTMENT_NARRATIVE),
        staffing=Staffing(authorized=50, actual=48),
        income=[
            IncomeRow(
                unit="局机关及二级机构汇总",
                total=D("1000.00"),
                carryover=D("60.00"),
                general_budget=D("740.00"),
                government_fund=D("200.00"),
                special_account=D("0"),
                other=D("0"),
            ),
            IncomeRow(
                unit="1、局机关",
                total=D("600.00"),
                carryover=D("40.00"),
                general_budget=D("410.00"),
                government_fund=D("150.00"),
                special_account=D("0"),
                other=D("0"),
            ),
            IncomeRow(
                unit="2、水利站",
                total=D("400.00"),
                carryover=D("20.00"),
                general_budget=D("330.00"),
                government_fund=D("50.00"),
                special_account=D("0"),
                other=D("0"),
            ),
        ],
        expenditure=[
            ExpenditureRow(
                unit="局机关及二级机构汇总",
                total=D("950.00"),
                basic=D("350.00"),
                personnel=D("250.00"),
                public=D("100.00"),
                project=D("600.00"),
                balance_current=D("50.00"),
                balance_cumulative=D("50.00"),
            ),
            ExpenditureRow(
                unit="1、局机关",
                total=D("570.00"),
                basic=D("200.00"),
                personnel=D("150.00"),
                public=D("50.00"),
                project=D("370.00"),
                balance_current=D("30.00"),
                balance_cumulative=D("30.00"),
            ),
            ExpenditureRow(
                unit="2、水利站",
                total=D("380.00"),
                basic=D("150.00"),
                personnel=D("100.00"),
                public=D("50.00"),
                project=D("230.00"),
                balance_current=D("20.00"),
                balance_cumulative=D("20.00"),
            ),
        ],
        three_public=[
            ThreePublicRow(
                unit="局机关及二级机构汇总",
                total=D("5.00"),
                reception=D("2.00"),
                vehicle_operation=D("3.00"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
            ThreePublicRow(
                unit="1、局机关",
                total=D("4.00"),
                reception=D("1.50"),
                vehicle_operation=D("2.50"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
            ThreePublicRow(
                unit="2、水利站",
                total=D("1.00"),
                reception=D("0.50"),
                vehicle_operation=D("0.50"),
                vehicle_purchase=D("0"),
                overseas=D("0"),
            ),
        ],
        fixed_assets=[
            FixedAssetRow(
                unit="局机关及二级机构汇总",
                total=D("300.00"),
                in_use=D("300.00"),
                leased=D("0"),
                other=D("0"),
            ),
            FixedAssetRow(
                unit="1、局机关", total=D("200.00"), in_use=D("200.00"), leased=D("0"), other=D("0")
            ),
            FixedAssetRow(
                unit="2、水利站", total=D("100.00"), in_use=D("100.00"), leased=D("0"), other=D("0")
            ),
        ],
    )
    return add_sources(report)


def clean_project(file: str = CLEAN_PROJECT_FILE) -> Report:
    """A consistent project of `clean_department()`: funds by source, balance, expense lines all agree."""
    items = [list(row) for row in SEED_PROJECT_SCORE_ITEMS]
    for row in items:
        if row[2] == "到位率":
            row[5] = "2.4"  # 3 × 400 / 500
    report = Report(
        file=file,
        kind="project",
        form="huarong",
        part="附件2-2",
        title="华容县财政支出绩效评价自评报告",
        county="华容县",
        year=2020,
        department=CLEAN_DEPARTMENT_NAME,
        supervisor=CLEAN_DEPARTMENT_NAME,
        project_name=CLEAN_PROJECT_NAME,
        manager="张伟",
        period="2020年1月起至2020年12月止",
        evaluation_type="项目完成结果评价",
        self_score=D("98.4"),
        grade="优秀",
        report_date="2021年3月12日",
        evaluation_method="部门（单位）绩效自评",
        evaluation_body="部门（单位）评价组",
        evaluators=[Evaluator(name="张伟", title="股长", unit="水利局")],
        signoffs=[
            SignOff(role="评价组组长", date="2021年3月12日"),
            SignOff(role="主管部门意见", date="2021年3月12日"),
        ],
        score_items=score_items(items),
        score_total_max=D("100"),
        score_total_self=D("98.4"),
        rubric_title="项目支出绩效评价指标体系",
        indicators=[
            Indicator(
                level1="项目产出指标",
                level2="数量指标",
                name="新建改造供水工程",
                target="10处",
                actual="10处",
            ),
            Indicator(
                level1="项目效益指标",
                level2="社会效益指标",
                name="受益农户",
                target="1200户",
                actual="1200户",
            ),
        ],
        narrative=split_sections(CLEAN_PROJECT_NARRATIVE),
        funds=Funds(
            planned=FundsBySource(total=D("500"), central=D("300"), county=D("200")),
            arrived=FundsBySource(total=D("400"), central=D("300"), county=D("100")),
            spent=FundsBySource(total=D("350"), central=D("300"), county=D("50")),
            balance=FundsBySource(total=D("50"), central=D("0"), county=D("50")),
        ),
        expenses=[
            Expense(item="工程款", amount=yuan("1500000.00"), voucher="2020年10月12号"),
            Expense(item="工程款", amount=yuan("1200000"), voucher="2020年11月30号"),
            Expense(item="监理费", amount=yuan("800000"), voucher="2020年12月41号"),
        ],
        expenses_total=yuan("3500000"),
    )
    return add_sources(report)


def clean_pair() -> list[Report]:
    return [clean_department(), clean_project()]


def seed_reports() -> list[Report]:
    """Both reports of the seed, as one combined file yields them."""
    return [seed_department(), seed_project()]
