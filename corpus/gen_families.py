"""Labelled synthetic files of the form families beyond the 华容 template (issue 10).

For each family (national in 万元 or 元, Yunnan's two-row header in 元, Sichuan, Hunan 基础数据表) the
generator draws consistent figures, writes the form with `render_families`, and states the expected
canonical report (built here from the drawn figures, not by reading the file) and the findings a
planted mistake must raise. One clean file per family, then one file per injection kind, each kind
going to the families it applies to in turn.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from jixiao_audit.normalize.families import HUARONG as FORM_HUARONG
from jixiao_audit.normalize.model import (
    BasicData,
    BudgetLine,
    CostControlRow,
    Goals,
    Indicator,
    NarrativeSection,
    Report,
    StaffControl,
)

from corpus import render_families as rf

CENT = Decimal("0.01")
HUARONG = FORM_HUARONG  # the 华容 template's files (gen_forms), for the layout record
PROJECT_FAMILIES = ("national", "yunnan", "sichuan")
BASIC_FAMILIES = ("hunan_basic",)
FAMILIES = (*PROJECT_FAMILIES, *BASIC_FAMILIES)
FAMILY_FORM = {
    "national": "national",
    "yunnan": "national",
    "sichuan": "sichuan",
    "hunan_basic": "hunan_basic",
}
# injection kind → (families, rules it must raise (first is the rule aimed at), rule family)
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "budget_total": (PROJECT_FAMILIES, ("A121",), "arithmetic"),
    "budget_rate": (PROJECT_FAMILIES, ("A122",), "arithmetic"),
    "budget_points": (PROJECT_FAMILIES, ("R321",), "rubric"),
    "indicator_missed": (PROJECT_FAMILIES, ("R322", "C521"), "rubric"),
    "indicator_deducted": (PROJECT_FAMILIES, ("R323",), "rubric"),
    "level_weight": (("national", "yunnan"), ("R324",), "rubric"),
    "total_points": (PROJECT_FAMILIES, ("R325",), "rubric"),
    "all_blank": (PROJECT_FAMILIES, ("C522",), "completeness"),
    "placeholder": (PROJECT_FAMILIES, ("C523",), "completeness"),
    "basic_sum": (BASIC_FAMILIES, ("A123",), "arithmetic"),
    "basic_rate": (BASIC_FAMILIES, ("A124",), "arithmetic"),
}
SEVERITY = {
    "A121": "error",
    "A122": "error",
    "A123": "error",
    "A124": "error",
    "R321": "error",
    "R322": "error",
    "R323": "warning",
    "R324": "error",
    "R325": "error",
    "C521": "warning",
    "C522": "warning",
    "C523": "warning",
}
PROJECTS = [
    ("农民工技能培训项目", "某县人力资源和社会保障局", "某县就业服务中心"),
    ("农村公路养护项目", "某县交通运输局", "某县农村公路养护中心"),
    ("高标准农田建设项目", "某县农业农村局", "某县农田建设服务中心"),
    ("城乡居民医保补助", "某县医疗保障局", "某县医疗保障事务中心"),
]
DEPARTMENTS = ("某县城市管理局", "某县文化旅游广电局", "某县水利局")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Finding:
    rule: str
    path: str


@dataclass
class FamilyFile:
    name: str
    family: str
    unit: str
    kind: str | None
    write_args: dict
    report: Report
    findings: list[Finding] = field(default_factory=list)


# ------------------------------------------------------------------------------------- project forms


def draw_budget(rng: random.Random) -> list[list[str]]:
    """Rows as printed (万元): total, 财政拨款, 上年结转, 其他资金 (left blank); 执行率 below 100 %."""
    grant = Decimal(rng.randint(3000, 90000)) / 100
    carry = Decimal(rng.randint(0, 2000)) / 100
    spent_grant = cents(grant * Decimal(rng.randint(80, 99)) / 100)
    spent_carry = cents(carry * Decimal(rng.randint(50, 100)) / 100)
    rows = [
        ["年度资金总额：", grant + carry, grant + carry, spent_grant + spent_carry],
        ["其中：本年财政拨款", grant, grant, spent_grant],
        ["上年结转资金", carry, carry, spent_carry],
    ]
    printed = []
    for n, (item, initial, adjusted, executed) in enumerate(rows):
        rate = cents(executed / adjusted * 100) if adjusted else None
        points = cents(10 * min(executed / adjusted, Decimal(1))) if n == 0 else None
        printed.append(
            [
                item,
                f"{initial:.2f}",
                f"{adjusted:.2f}",
                f"{executed:.2f}",
                "10" if n == 0 else "—",
                f"{rate}%" if rate is not None else "",
                str(points) if points is not None else "—",
            ]
        )
    printed.append(["其他资金", "", "", "", "—", "", "—"])
    return printed


def draw_indicators(rng: random.Random, weighted_labels: bool) -> list[list[str]]:
    people = rng.randint(10, 90) * 10
    rate = rng.choice([90, 95])
    cost = rng.randint(20, 80)
    levels = (
        ("产出指标（50分）", "效益指标（30分）", "满意度指标（10分）")
        if weighted_labels
        else ("产出指标", "效益指标", "满意度指标")
    )
    qual_points = rng.choice(["30", "27", "25.5"])
    return [
        [
            levels[0],
            "数量指标",
            "服务人次",
            "≥",
            str(people),
            "人次",
            str(people + rng.randint(0, 40)),
            "20",
            "20",
            "",
        ],
        ["^", "质量指标", "验收合格率", "≥", str(rate), "%", str(rng.randint(rate, 100)), "15", "15", ""],
        ["^", "成本指标", "单位成本", "≤", str(cost), "元", str(cost - rng.randint(0, 5)), "15", "15", ""],
        [
            levels[1],
            "社会效益指标",
            "群众受益情况",
            "定性",
            "明显改善",
            "",
            "达成预期指标",
            "30",
            qual_points,
            "",
        ],
        [
            levels[2],
            "服务对象满意度指标",
            "服务对象满意度",
            "≥",
            "90",
            "%",
            str(rng.randint(90, 99)),
            "10",
            "10",
            "",
        ],
    ]


def total_row(budget: list[list[str]], indicators: list[list[str]]) -> tuple[str, str, str]:
    points = [Decimal(r[8]) for r in indicators if r[8]]
    if budget[0][6]:
        points.append(Decimal(budget[0][6]))
    total = sum(points, Decimal(0))
    return "100", str(total), "优" if total >= 90 else "良"


def project_file(
    rng: random.Random, name: str, family: str, kind: str | None, year: int, turn: int, batch: int
) -> FamilyFile:
    """A project form; national forms alternate between 万元 and 元 (`turn`), Yunnan's are in 元."""
    unit = "元" if family == "yunnan" or (family == "national" and turn % 2) else "万元"
    project, supervisor, department = rng.choice(PROJECTS)
    # Every file is a report of its own: a project name shared by two files would make them versions.
    names = (f"{project}（第{batch}批）", supervisor, department)
    goals = (f"完成{names[0]}年度任务，资金执行率不低于90%。", f"已完成{names[0]}年度任务。")
    budget = draw_budget(rng)
    indicators = draw_indicators(rng, weighted_labels=family != "sichuan")
    findings = inject_project(rng, kind, budget, indicators)
    total = total_row(budget, indicators)
    if kind == "total_points":
        total = (total[0], str(Decimal(total[1]) - 2), total[2])
        findings.append(Finding("R325", "score_total_self"))
    if kind == "all_blank":
        total = (total[0], "", "")
    args = {
        "budget": [tuple(r) for r in budget],
        "indicators": [tuple(r) for r in indicators],
        "names": names,
        "goals": goals,
        "year": year,
    }
    if family == "sichuan":
        args["budget"] = [sichuan_budget_row(r) for r in budget]
        args["total"] = total[:2]
    else:
        args.update(unit=unit, yunnan=family == "yunnan", total=total)
    report = expected_project(family, unit, year, names, goals, budget, indicators, total)
    return FamilyFile(name, family, unit, kind, args, report, findings)


SICHUAN_ITEMS = {"年度资金总额：": "总额", "其中：本年财政拨款": "其中：财政资金", "上年结转资金": "单位资金"}


def sichuan_budget_row(row: list[str]) -> tuple:
    """National budget row → Sichuan order: item, 年初预算, 调整后预算数, 预算执行数, 预算执行率, 权重, 得分, 原因."""
    item, initial, adjusted, executed, points_max, rate, points = row
    item = SICHUAN_ITEMS.get(item, item)
    return (item, initial, adjusted, executed, rate, points_max, points, sichuan_note(rate))


SLOW_NOTE = "项目跨年度实施，部分资金尚未支付"
SLOW_RATE = Decimal(90)  # Sichuan asks for a 原因 below this 执行率


def sichuan_note(rate: str) -> str:
    value = number(rate)
    return SLOW_NOTE if value is not None and value < SLOW_RATE else ""


def inject_project(
    rng: random.Random, kind: str | None, budget: list[list[str]], indicators: list[list[str]]
):
    """Plant the mistake of `kind` into the printed rows; returns the findings it must raise.
    The 总分 row is computed afterwards from the printed points, so only the aimed-at rules fire."""
    if kind == "budget_total":
        budget[0][1] = f"{Decimal(budget[0][1]) + rng.randint(5, 50):.2f}"
        return [Finding("A121", "budget_lines[0].initial")]
    if kind == "budget_rate":
        budget[0][5] = f"{Decimal(budget[0][5].rstrip('%')) + rng.choice([-7, -4, 3]):.2f}%"
        return [Finding("A122", "budget_lines[0].rate")]
    if kind == "budget_points":
        budget[0][6] = "10.00"  # full points although at least 1 % of the grant is unspent
        return [Finding("R321", "budget_lines[0].points")]
    if kind == "indicator_missed":
        indicators[0][6] = str(int(indicators[0][4]) - rng.randint(20, 60))
        return [Finding("R322", "indicators[0].points"), Finding("C521", "indicators[0].actual")]
    if kind == "indicator_deducted":
        indicators[4][8] = str(rng.randint(5, 7))
        return [Finding("R323", "indicators[4].points")]
    if kind == "level_weight":
        indicators[0][0] = "产出指标（55分）"
        return [Finding("R324", "indicators[0].max_points")]
    if kind == "all_blank":
        for row in indicators:
            row[8] = ""
        budget[0][6] = ""
        return [Finding("C522", "indicators[0].max_points")]
    if kind == "placeholder":
        indicators.append(["^", "……", "指标2：", "", "", "", "", "", "", ""])
        return [Finding("C523", f"indicators[{len(indicators) - 1}].name")]
    return []


# ------------------------------------------------------------------------------------- expected reports


def number(text: str) -> Decimal | None:
    text = text.rstrip("%")
    return Decimal(text) if text and text[0].isdigit() else None


def expected_budget(family: str, budget: list[list[str]]) -> list[BudgetLine]:
    lines = []
    for item, initial, adjusted, executed, max_points, rate, points in budget:
        lines.append(
            BudgetLine(
                item=SICHUAN_ITEMS.get(item, item) if family == "sichuan" else item,
                initial=number(initial),
                adjusted=number(adjusted),
                executed=number(executed),
                max_points=number(max_points),
                rate=number(rate),
                points=number(points),
                note=(sichuan_note(rate) or None) if family == "sichuan" else None,
            )
        )
    return lines


def expected_indicators(indicators: list[list[str]]) -> list[Indicator]:
    out, level1 = [], None
    for l1, l2, name, nature, value, unit, actual, max_points, points, deviation in indicators:
        level1 = level1 if l1 == "^" else l1
        placeholder = not value and not actual
        out.append(
            Indicator(
                level1=level1,
                level2=l2,
                name=name,
                target=value or None,
                actual=actual or None,
                nature=None if placeholder else nature,
                unit=unit or None,
                max_points=number(max_points),
                points=number(points),
                deviation=deviation or None,
            )
        )
    return out


def expected_project(family, unit, year, names, goals, budget, indicators, total) -> Report:
    project, supervisor, department = names
    if family == "yunnan":
        title = f"{year}年度项目支出绩效自评表"
    elif family == "sichuan":
        title = f"部门预算项目支出绩效自评表（{year}年度）"
    else:
        title = f"项目支出绩效自评表（{year}年度）"
    self_points = number(total[1])
    return Report(
        file="",
        kind="project",
        form=FAMILY_FORM[family],
        title=title,
        year=year,
        department=department,
        supervisor=supervisor,
        project_name=project,
        manager="张三" if family == "sichuan" else None,
        budget_lines=expected_budget(family, budget),
        goals=Goals(expected=goals[0], actual=goals[1]),
        indicators=expected_indicators(indicators),
        score_total_max=Decimal(total[0]),
        score_total_self=self_points,
        self_score=self_points,
        grade=(total[2] or None) if family != "sichuan" else None,
        narrative=[NarrativeSection(heading=h, text=t) for h, t in rf.SICHUAN_CONCLUSIONS]
        if family == "sichuan"
        else [],
    )


# ------------------------------------------------------------------------------------- 基础数据表


def draw_costs(rng: random.Random) -> list[list[str]]:
    """经费控制 rows (万元) whose 三公经费 and 公务用车 add up in every column."""

    def money() -> Decimal:
        return Decimal(rng.randint(100, 5000)) / 100

    purchase, operation, reception = (
        [money() for _ in range(3)],
        [money() for _ in range(3)],
        [money() for _ in range(3)],
    )
    vehicle = [a + b for a, b in zip(purchase, operation)]
    three = [a + b for a, b in zip(vehicle, reception)]
    rows = [
        ("三公经费", three),
        ("1、公务用车购置和维护经费", vehicle),
        ("其中：公车购置", purchase),
        ("公车运行维护", operation),
        ("2、出国经费", None),
        ("3、公务接待", reception),
        ("1、业务工作专项", [money() * 10 for _ in range(3)]),
        ("政府采购金额", [money() for _ in range(3)]),
    ]
    return [[item, *(f"{v:.2f}" for v in values)] if values else [item, "", "", ""] for item, values in rows]


def basic_file(rng: random.Random, name: str, kind: str | None, year: int, turn: int) -> FamilyFile:
    """A 基础数据表; each file of a corpus is another department (`turn`), as in a real batch."""
    authorized = rng.randint(20, 200)
    actual = authorized - rng.randint(0, 10)
    rate = cents(Decimal(actual) / authorized * 100)
    staff = [str(authorized), str(actual), f"{rate}%"]
    costs = draw_costs(rng)
    findings = []
    if kind == "basic_sum":
        costs[0][3] = f"{Decimal(costs[0][3]) + rng.randint(1, 9):.2f}"
        findings.append(Finding("A123", "basic_data.cost_control[0].final"))
    if kind == "basic_rate":
        staff[2] = f"{rate - rng.randint(3, 9)}%"
        findings.append(Finding("A124", "basic_data.staffing.control_rate"))
    department = DEPARTMENTS[turn % len(DEPARTMENTS)]
    args = {
        "staff": tuple(staff),
        "costs": [tuple(r) for r in costs],
        "year": year,
        "department": department,
        "with_rubric": False,
    }
    report = Report(
        file="",
        kind="department",
        form="hunan_basic",
        title="部门整体支出绩效评价基础数据表",
        year=year,
        department=department,
        basic_data=BasicData(
            staffing=StaffControl(authorized=authorized, actual=actual, control_rate=number(staff[2])),
            cost_control=[
                CostControlRow(
                    item=r[0], previous_final=number(r[1]), budget=number(r[2]), final=number(r[3])
                )
                for r in costs
            ],
        ),
    )
    return FamilyFile(name, "hunan_basic", "万元", kind, args, report, findings)


# ------------------------------------------------------------------------------------- the files


def build(seed: int, year: int) -> list[FamilyFile]:
    """One clean file per family, then each injection kind on its families in turn."""
    rng = random.Random(seed * 7919 + year)
    plan = [(family, None) for family in (*PROJECT_FAMILIES, *BASIC_FAMILIES)]
    for turn, (kind, (families, _rules, _family)) in enumerate(KINDS.items()):
        plan.append((families[turn % len(families)], kind))
    files = []
    for n, (family, kind) in enumerate(plan):
        name = f"f{n:02d}-{year}_{family}.docx"
        turn = sum(1 for f in files if f.family == family)
        if family in BASIC_FAMILIES:
            files.append(basic_file(rng, name, kind, year, turn))
        else:
            files.append(project_file(rng, name, family, kind, year, turn, batch=n + 1))
    return files


def write(f: FamilyFile, out_dir: Path) -> Path:
    path = out_dir / f.name
    if f.family in BASIC_FAMILIES:
        return rf.hunan_basic_docx(path, **f.write_args)
    if f.family == "sichuan":
        return rf.sichuan_docx(path, **f.write_args)
    return rf.national_docx(path, **f.write_args)


def key_entry(f: FamilyFile) -> dict:
    """The file's answer-key entry, in the shape `corpus.evaluate` reads."""
    injection = None
    if f.kind is not None:
        _families, rules, family = KINDS[f.kind]
        injection = {
            "kind": f.kind,
            "family": family,
            "rules": list(rules),
            "report": 0,
            "where": None,
            "before": None,
            "after": None,
        }
    return {
        "file": f.name,
        "label": "injected" if f.kind else "clean",
        "injection": injection,
        "layout": {"family": f.family, "unit": f.unit},
        "reports": [f.report.values()],
        "expected_findings": [
            {
                "rule": x.rule,
                "alt_rules": [],
                "severity": SEVERITY[x.rule],
                "file": f.name,
                "related_file": None,
                "report": 0,
                "path": x.path,
                "expected": None,
                "actual": None,
            }
            for x in f.findings
        ],
    }
