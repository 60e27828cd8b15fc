"""The prose-only family: department and project self-evaluation reports written as sentences only.

    python -m corpus.generate OUT_DIR --prose 6 ...

Each file is a title (with the unit in it, or on the line above) and numbered sections whose
sentences state the totals and their parts, counts, rates, the change on last year, the self score
and grade, all consistent. An injected copy carries one mistake inside the text of a kind the
N207–N211 rules (and N202, 占比) read: parts that exceed or (for a whole) fall short of their total,
counts that do not add up, a rate, share or growth percentage that does not recompute, a total stated
twice differently, a figure written in 元 digits with 万元. The answer key holds the canonical report the normalizer must read and
the finding the audit must give.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jixiao_audit.normalize.families import PROSE
from jixiao_audit.normalize.model import Report

from corpus import content as c
from corpus import gen_catalog as cat
from corpus import render_docx
from corpus.gen_scoring import grade_for

CENT = Decimal("0.01")
WAN = Decimal(10000)
PROSE_PACKAGING = "prose"
# Units that write prose-only reports; none is a department of the form family, so no prose report is
# taken for another department's year before or after (the year-over-year rules match by name).
PROSE_UNITS = (
    "第一小学",
    "第二中学",
    "农业技术推广中心",
    "疾病预防控制中心",
    "图书馆",
    "文化馆",
    "水利工程管理站",
    "城乡规划服务中心",
)
PROJECT_USES = ("设备购置", "人员培训", "宣传推广", "日常运维", "专家评审", "工程建设")
TITLE_STYLES = ("in_title", "line_above")
INJECTIONS: dict[str, tuple[str, str, str]] = {
    # kind: (rule, severity, report kind)
    "prose_parts_over": ("N207", "error", "department"),
    "prose_parts_short": ("N207", "error", "project"),
    "prose_count": ("N208", "warning", "department"),
    "prose_rate": ("N209", "error", "project"),
    "prose_growth": ("N209", "error", "department"),
    "prose_share": ("N202", "error", "department"),
    "prose_twice": ("N210", "warning", "department"),
    "prose_units": ("N211", "error", "project"),
}


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return (Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(CENT)


def pct(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (numerator / denominator * 100).quantize(CENT)


def split(rng: random.Random, total: Decimal, parts: int, quantum: Decimal = CENT) -> list[Decimal]:
    """`parts` positive amounts adding up exactly to `total`."""
    units = int(total / quantum)
    cuts = sorted(rng.sample(range(1, units), parts - 1))
    bounds = [0, *cuts, units]
    return [(Decimal(b - a) * quantum).quantize(quantum) for a, b in itertools.pairwise(bounds)]


def plain(value: Decimal) -> str:
    """A figure as prose writes it: trailing zeros of a whole number dropped (45.60 stays)."""
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value)


@dataclass
class ProseFile:
    name: str
    kind: str
    lines: list[str]  # paragraphs in order (unit line, title, headings and sentences)
    expected: dict  # Report.values() of the report the normalizer must read
    injection: dict | None = None
    findings: list[dict] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The first section heading (the lines before it are the title)."""
        return next(line for line in self.lines if line.startswith("一、"))


def _sections_to_narrative(sections: list[tuple[str, list[str]]]) -> list[dict]:
    return [{"heading": heading, "text": "\n".join(sentences)} for heading, sentences in sections]


def unit_of(i: int) -> tuple[str, str]:
    """(county, unit) of the i-th file: a different unit for each i up to 64."""
    county = cat.COUNTIES[i % len(cat.COUNTIES)].name
    return county, f"{county}{PROSE_UNITS[(i // len(cat.COUNTIES)) % len(PROSE_UNITS)]}"


def department(rng: random.Random, i: int, year: int, inject: str | None) -> ProseFile:
    county, unit = unit_of(i)
    personnel, public = money(rng, 150, 900), money(rng, 20, 200)
    basic = personnel + public
    project = money(rng, 50, 2000)
    spent = basic + project
    other = money(rng, 1, 30)
    income = spent + money(rng, 0, 50)
    grant = income - other
    early, added = rng.randint(3, 10), rng.randint(1, 6)
    budget = money(rng, 100, 900)
    executed = (budget * Decimal(rng.randint(85, 100)) / 100).quantize(CENT)
    change = money(rng, 10, int(spent // 4) + 11) * rng.choice((1, -1))
    last_year = spent - change
    score = Decimal(rng.randint(160, 196)) / 2
    grade = grade_for(score)

    shown_project, shown_added, shown_rate = project, added, pct(executed, budget)
    shown_growth = pct(abs(change), last_year)
    shown_share = pct(personnel, spent)
    extra: list[str] = []
    if inject == "prose_parts_over":
        shown_project = project + money(rng, 20, 80)
    elif inject == "prose_count":
        shown_added = added + rng.randint(1, 3)
    elif inject == "prose_growth":
        shown_growth = shown_growth + Decimal(rng.randint(3, 9))
    elif inject == "prose_share":
        shown_share = shown_share + Decimal(rng.randint(3, 9))
    elif inject == "prose_twice":
        extra.append(f"本年度收入合计{income + money(rng, 20, 90)}万元，全部用于保障部门履职和重点工作。")
    word = "增加" if change > 0 else "减少"
    rate_word = "增长" if change > 0 else "下降"
    sections = [
        (
            "一、部门基本情况",
            [
                f"本部门{year}年度收入合计{income}万元，其中财政拨款收入{grant}万元，其他收入{other}万元。",
                f"{year}年度支出合计{spent}万元，其中基本支出{basic}万元，项目支出{shown_project}万元。",
                (
                    f"基本支出{basic}万元，其中人员经费{personnel}万元，占支出合计的{shown_share}%，"
                    f"公用经费{public}万元。"
                ),
            ],
        ),
        (
            "二、绩效目标完成情况",
            [
                f"全年共实施项目{early + added}个，其中年初安排{early}个，年中追加{shown_added}个。",
                f"全年预算数{budget}万元，全年执行数{executed}万元，预算执行率为{shown_rate}%。",
                f"本年支出合计{spent}万元，较上年{last_year}万元{word}{abs(change)}万元，{rate_word}{shown_growth}%。",
            ],
        ),
        (
            "三、自评结论",
            [f"经评价，本部门{year}年度整体支出绩效自评得分{plain(score)}分，评价等级为“{grade}”。", *extra],
        ),
    ]
    style = TITLE_STYLES[i % len(TITLE_STYLES)]
    if style == "in_title":
        head = [f"{unit}{year}年度部门整体支出绩效自评报告"]
    else:
        head = [unit, f"{year}年度部门整体支出绩效评价报告"]
    expected = Report(
        file="",
        kind="department",
        form=PROSE,
        title=head[-1],
        county=county,
        year=year,
        department=unit,
        self_score=score,
        grade=grade,
        narrative=_sections_to_narrative(sections),
        income=[{"unit": unit, "total": income}],
        expenditure=[{"unit": unit, "total": spent}],
    )
    return _file(f"q{i:02d}-{year}_prose_department.docx", "department", head, sections, expected, inject)


def project(rng: random.Random, i: int, year: int, inject: str | None) -> ProseFile:
    county, unit = unit_of(i)
    dtype = rng.choice([t for t in cat.DEPARTMENT_TYPES if t.projects])
    ptype = rng.choice(dtype.projects)
    planned_yuan = Decimal(rng.randint(50, 500) * 10000)  # whole 万元, written in 元
    planned = (planned_yuan / WAN).quantize(CENT)
    uses = rng.sample(PROJECT_USES, 3)
    planned_parts = split(rng, planned_yuan, 3, Decimal(1000))
    arrived = planned if rng.random() < 0.6 else (planned * Decimal(rng.randint(80, 99)) / 100).quantize(CENT)
    spent = (arrived * Decimal(rng.randint(85, 100)) / 100).quantize(CENT)
    spent_parts = split(rng, spent, 3)
    score = Decimal(rng.randint(160, 196)) / 2
    grade = grade_for(score)

    shown_planned_parts = list(planned_parts)
    shown_spent_parts = [str(p) for p in spent_parts]
    execution = pct(spent, planned)
    if inject == "prose_parts_short":
        shown_planned_parts[2] -= Decimal(rng.randint(5, 30) * 10000)
    elif inject == "prose_rate":
        execution += Decimal(rng.randint(4, 9))
    elif inject == "prose_units":
        shown_spent_parts[0] = plain(spent_parts[0] * WAN)
    listed = "、".join(f"{use}{plain(p)}元" for use, p in zip(uses, shown_planned_parts))
    done = "、".join(f"{use}{p}万元" for use, p in zip(uses, shown_spent_parts))
    sections = [
        (
            "一、项目基本情况",
            [
                f"{ptype.name}项目共申请资金{plain(planned_yuan)}元，分别用于{listed}。",
                f"项目计划安排资金{planned}万元，实际到位资金{arrived}万元，资金到位率为{pct(arrived, planned)}%。",
            ],
        ),
        (
            "二、项目实施及资金使用情况",
            [
                f"全年预算数{planned}万元，全年执行数{spent}万元，预算执行率为{execution}%。",
                f"本项目共完成预算资金{spent}万元，其中{done}。",
            ],
        ),
        ("三、自评结论", [f"经评价，该项目自评得分{plain(score)}分，评价等级为“{grade}”。"]),
    ]
    title = f"{unit}{year}年度{ptype.name}项目支出绩效单位自评报告"
    expected = Report(
        file="",
        kind="project",
        form=PROSE,
        title=title,
        county=county,
        year=year,
        department=unit,
        project_name=f"{ptype.name}项目",  # the title names it
        self_score=score,
        grade=grade,
        narrative=_sections_to_narrative(sections),
        funds={
            "planned": {"total": planned_yuan / WAN},
            "arrived": {"total": arrived},
            "spent": {"total": spent},
        },
    )
    return _file(f"q{i:02d}-{year}_prose_project.docx", "project", [title], sections, expected, inject)


def _file(name, kind, head, sections, expected: Report, inject: str | None) -> ProseFile:
    lines = list(head)
    for heading, sentences in sections:
        lines += [heading, *sentences]
    f = ProseFile(name, kind, lines, expected.values())
    if inject:
        rule, severity, _ = INJECTIONS[inject]
        f.injection = {"kind": inject, "family": "narrative", "rules": [rule], "report": 0}
        f.findings = [
            {
                "rule": rule,
                "alt_rules": [],
                "severity": severity,
                "file": name,
                "related_file": None,
                "report": 0,
                "path": "statements",
                "expected": None,
                "actual": None,
            }
        ]
    return f


def build(seed: int, count: int, years: list[int], rate: float) -> list[ProseFile]:
    """`count` department and `count` project files; every injection kind once, then others at `rate`."""
    rng = random.Random(f"prose-{seed}")
    kinds = {"department": [], "project": []}
    for name, (_, _, kind) in INJECTIONS.items():
        kinds[kind].append(name)
    files = []
    for i in range(count):
        for kind, make in (("department", department), ("project", project)):
            pending = kinds[kind]
            inject = pending[i] if i < len(pending) else None
            if inject is None and rng.random() < rate:
                inject = rng.choice(pending)
            files.append(make(rng, i, years[i % len(years)], inject))
    return files


def layout_record(f: ProseFile) -> dict:
    """The generator's layout record, with the form options that do not apply left empty."""
    return {
        "family": "huarong",  # prose reports of the 华容 template (corpus.gen_families.HUARONG)
        "tables": None,
        "wording": None,
        "unit": None,
        "thousands": None,
        "fullwidth": None,
        "rubric_splits": {},
        "packaging": PROSE_PACKAGING,
        "order": None,
        "units": None,
        "expense_lines": [],
        "style": {},
    }


def answer_entries(files: list[ProseFile]) -> list[dict]:
    return [
        {
            "file": f.name,
            "label": "injected" if f.injection else "clean",
            "injection": f.injection,
            "layout": layout_record(f),
            "reports": [f.expected],
            "expected_findings": f.findings,
        }
        for f in files
    ]


def write(files: list[ProseFile], out_dir: Path) -> None:
    """Each file as Word (deterministic bytes): title lines centred, the rest body paragraphs."""
    for f in files:
        n_head = f.lines.index(f.heading)
        blocks = [c.para(line, c.TITLE if n < n_head else c.BODY) for n, line in enumerate(f.lines)]
        kind = c.DEPARTMENT_REPORT if f.kind == "department" else c.PROJECT_REPORT
        render_docx.write(
            c.Document(f.lines[n_head - 1], (c.Part("", kind, tuple(blocks)),)), out_dir / f.name
        )
