"""The words of a synthetic report: basics, goals, indicators and the narrative with its figures.

Narrative figures are `Fig` pieces computed from the printed tables and written as people write
them (amounts as printed, percentages rounded to 1–2 decimals without trailing zeros). The
phrasing follows the county template so each figure reads as what it is (收入合计, 人员支出,
占本年支出合计的x%, 资金到位率为x% …); free text carries no other amounts.
"""

from __future__ import annotations

import random
from decimal import Decimal

from corpus import gen_catalog as cat
from corpus.gen_model import DeptYear, Fig, Indicator, Piece, ProjectYear, Section, Style, fund, money_text
from corpus.gen_numbers import agrees, pct_text, percent

CN_DIGITS = "零一二三四五六七八九"
SELF = "self"

INCOME_WORDS = (
    ("carryover", "上年结转"),
    ("general_budget", "一般公共预算财政拨款收入"),
    ("government_fund", "政府性基金预算拨款收入"),
    ("special_account", "纳入专户管理的非税收入"),
    ("other", "其他收入"),
)
SPENDING_WORDS = (("personnel", "人员支出"), ("public", "公用经费支出"), ("project", "项目支出"))
SOURCE_WORDS = {
    "central": "中央财政资金",
    "provincial": "省级财政资金",
    "municipal": "市级财政资金",
    "county": "县级财政资金",
    "other": "其他资金",
}
OUTPUT_L1 = (
    "产出目标\n（部门工作实绩，包含上级部门和县委县政府布置的重点工作、实事任务等，根据部门实际进行调整细化）"
)
EFFECT_L1 = "效益目标\n（预期实现的效益）"
PROJECT_OUTPUT_L1 = "项目产出指标"
PROJECT_EFFECT_L1 = "项目效益指标"
DECREASED, INCREASED, FLAT = "有减少", "有所增加", "基本持平"


def cn(n: int) -> str:
    """Small counts in Chinese numerals (十二, 二十三)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def bare_unit(label: str) -> str:
    """A unit row label without its number: "2、房产服务中心" → "房产服务中心"."""
    for sep in ("、", ".", "）"):
        if sep in label[:5]:
            return label.split(sep, 1)[1]
    return label


def staff_claim(authorized: int, actual: int) -> str:
    if actual <= authorized:
        return "财政供养人员控制在预算编制以内"
    return f"实有人数超出编制{actual - authorized}人"


def three_public_claim(now: Decimal, before: Decimal) -> str:
    """The direction the 综述 states; figures that may stand for the same amount are 持平 (a
    province-sized corpus meets two equal years, and 有所增加 would then be a planted mistake)."""
    if agrees(now, before):
        return FLAT
    return DECREASED if now < before else INCREASED


# --- department basics ------------------------------------------------------------------------------


def duties_text(rng: random.Random, duties: tuple[str, ...]) -> str:
    chosen = list(duties[:-1])
    rng.shuffle(chosen)
    lines = chosen[: rng.randint(2, len(chosen))] + [duties[-1]]
    return "\n".join(f"{i}、{d}" for i, d in enumerate(lines, start=1))


def tasks_text(rng: random.Random, tasks: tuple[str, ...]) -> str:
    chosen = rng.sample(tasks, rng.randint(3, len(tasks)))
    return "\n".join(f"任务{i}：{t}" for i, t in enumerate(chosen, start=1))


def summary_text(staff: str, three_public: str) -> str:
    return (
        f"1.本年预算配置控制较好，{staff}，“三公”经费支出总额较上年{three_public}。\n"
        "2.预算管理方面，制定了切实有效的内部财务、车辆、资产内部管理制度，执行总体较为有效。"
    )


def department_goals(rng: random.Random, tasks: tuple[str, ...]) -> list[tuple[str, str]]:
    template = rng.choice(cat.DEPARTMENT_GOAL_TEMPLATES)
    return [(template.format(task0=tasks[0], task1=tasks[1]), rng.choice(cat.DEPARTMENT_GOAL_DONE))]


def department_indicators(rng: random.Random, tasks: tuple[str, ...]) -> list[Indicator]:
    rows: list[Indicator] = []
    for level2, actuals in (
        ("数量指标", None),
        ("质量指标", cat.QUALITY_ACTUALS),
        ("时效指标", cat.TIMELINESS_ACTUALS),
        ("成本指标", cat.COST_ACTUALS),
    ):
        for k in range(1, rng.randint(1, 2) + 1):
            task = rng.choice(tasks)
            actual = f"{task}任务全面完成" if actuals is None else rng.choice(actuals)
            rows.append(Indicator(OUTPUT_L1, level2, f"指标{k}：{task}", actual))
    for level2, actuals in (
        ("社会效益", cat.EFFECT_ACTUALS),
        ("经济效益", cat.ECONOMY_ACTUALS),
        ("生态效益", cat.ECOLOGY_ACTUALS),
        ("社会公众或服务对象满意度", cat.SATISFACTION_ACTUALS),
    ):
        if level2 == "生态效益" and rng.random() < 0.3:
            continue
        rows.append(Indicator(EFFECT_L1, level2, f"指标1：{rng.choice(tasks)}", rng.choice(actuals)))
    return rows


# --- department narrative ---------------------------------------------------------------------------


def _money(fid: str, value: Decimal, style: Style, about: tuple[str, str]) -> Fig:
    return Fig(fid, "money", value, money_text(value, style), about)


def _share(fid: str, of: Fig, denominator_path: str, denominator: Decimal, style: Style) -> Fig | None:
    """占…的x%: with the department's decimals, two when that would read 0; None when even 0.00."""
    value = percent(of.value, denominator)
    text = pct_text(value, style.pct_places)
    if not Decimal(text):
        text = pct_text(value, 2)
    if not Decimal(text):
        return None
    return Fig(
        fid, "share", Decimal(text), text, numerator=of.about[1], denominator=denominator_path, of_fig=of.id
    )


def _rate(fid: str, numerator: str, denominator: str, num: Decimal, den: Decimal, style: Style) -> Fig:
    text = pct_text(percent(num, den), style.pct_places)
    return Fig(fid, "rate", Decimal(text), text, numerator=numerator, denominator=denominator)


def _summary(d: DeptYear, table: str, field: str) -> Decimal | None:
    return d.summary_row(table).values[field]


def _amount_with_share(
    pieces: list[Piece],
    fid: str,
    words: str,
    value: Decimal,
    path: str,
    base_words: str,
    base_path: str,
    base: Decimal,
    style: Style,
) -> None:
    amount = _money(fid, value, style, (SELF, path))
    pieces += [words, amount, "万元"]
    share = _share(fid + "%", amount, base_path, base, style) if base else None
    if share is not None:
        pieces += [f"，占{base_words}的", share, "%"]


def income_paragraph(d: DeptYear) -> list[Piece]:
    style, year = d.common.style, d.common.year
    total = _summary(d, "income", "total")
    pieces: list[Piece] = [
        f"{year}年度收入合计",
        _money("income.total", total, style, (SELF, "income.summary.total")),
        "万元，其中：",
    ]
    parts = [(f, w) for f, w in INCOME_WORDS if _summary(d, "income", f)]
    for k, (field, words) in enumerate(parts):
        if k:
            pieces.append("，")
        _amount_with_share(
            pieces,
            f"income.{field}",
            words,
            _summary(d, "income", field),
            f"income.summary.{field}",
            "本年收入合计",
            "income.summary.total",
            total,
            style,
        )
    pieces.append("。")
    return pieces


def spending_paragraph(d: DeptYear) -> list[Piece]:
    style, year = d.common.style, d.common.year
    total = _summary(d, "expenditure", "total")
    pieces: list[Piece] = [
        f"{year}年支出合计",
        _money("expenditure.total", total, style, (SELF, "expenditure.summary.total")),
        "万元，其中：",
    ]
    parts = [(f, w) for f, w in SPENDING_WORDS if _summary(d, "expenditure", f)]
    for k, (field, words) in enumerate(parts):
        if k:
            pieces.append("，")
        _amount_with_share(
            pieces,
            f"expenditure.{field}",
            words,
            _summary(d, "expenditure", field),
            f"expenditure.summary.{field}",
            "本年支出合计",
            "expenditure.summary.total",
            total,
            style,
        )
    pieces.append("。")
    return pieces


def basic_paragraph(d: DeptYear) -> list[Piece]:
    style = d.common.style
    basic = _summary(d, "expenditure", "basic")
    total = _summary(d, "expenditure", "total")
    amount = _money("expenditure.basic", basic, style, (SELF, "expenditure.summary.basic"))
    share = _share("expenditure.basic%", amount, "expenditure.summary.total", total, style)
    pieces: list[Piece] = ["基本支出", amount, "万元"] + (["，占", share, "%"] if share is not None else [])
    personnel = _summary(d, "expenditure", "personnel")
    public = _summary(d, "expenditure", "public")
    if personnel:
        pieces += [
            "，其中：人员经费",
            _money("expenditure.personnel#2", personnel, style, (SELF, "expenditure.summary.personnel")),
            "万元，主要包括基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、住房公积金等",
        ]
    if public:
        pieces += [
            "；公用经费",
            _money("expenditure.public#2", public, style, (SELF, "expenditure.summary.public")),
            "万元，主要包括办公费、印刷费、水电费、差旅费、维修（护）费、会议费、培训费、公务接待费、公务用车运行维护费等",
        ]
    pieces.append("。")
    return pieces


def project_paragraphs(d: DeptYear, projects: list[ProjectYear]) -> list[list[Piece]]:
    """What the department says about its projects (checked against the project reports)."""
    style, year = d.common.style, d.common.year
    out: list[list[Piece]] = []
    for p in projects:
        about = f"project:{p.id}"
        planned, arrived, spent = fund(p, "planned"), fund(p, "arrived"), fund(p, "spent")
        out.append(
            [
                f"{year}年度{p.name}年度计划投资",
                _money(f"{p.id}.planned", planned, style, (about, "funds.planned.total")),
                "万元，现已到位资金",
                _money(f"{p.id}.arrived", arrived, style, (about, "funds.arrived.total")),
                "万元。",
            ]
        )
        money_word = "" if p.name.endswith("资金") else "资金"
        out.append(
            [
                f"资金使用：用于{p.name}{money_word}",
                _money(f"{p.id}.spent", spent, style, (about, "funds.spent.total")),
                "万元。",
            ]
        )
    if not projects and _summary(d, "expenditure", "project"):
        value = _summary(d, "expenditure", "project")
        out.append(
            [
                "本年项目支出",
                _money("expenditure.project#2", value, style, (SELF, "expenditure.summary.project")),
                "万元，主要用于",
                "、".join(d.tasks.split("\n")[:2]).replace("任务1：", "").replace("任务2：", ""),
                "等工作。",
            ]
        )
    return out


def three_public_paragraph(d: DeptYear) -> list[Piece]:
    style, year = d.common.style, d.common.year
    pieces: list[Piece] = [
        f"{year}年“三公”经费支出",
        _money(
            "three_public.total",
            _summary(d, "three_public", "total"),
            style,
            (SELF, "three_public.summary.total"),
        ),
        "万元",
    ]
    parts = (
        ("reception", "公务接待费"),
        ("vehicle_operation", "公务用车运行维护费"),
        ("vehicle_purchase", "公务用车购置费"),
        ("overseas", "因公出国（境）费"),
    )
    shown = [(f, w) for f, w in parts if _summary(d, "three_public", f)]
    for k, (field, words) in enumerate(shown):
        pieces += [
            "，其中：" if k == 0 else "，",
            words,
            _money(
                f"three_public.{field}",
                _summary(d, "three_public", field),
                style,
                (SELF, f"three_public.summary.{field}"),
            ),
            "万元",
        ]
    pieces.append("。")
    return pieces


def assets_paragraph(d: DeptYear) -> list[Piece]:
    total = _summary(d, "fixed_assets", "total")
    return [
        "年末固定资产总额",
        _money("fixed_assets.total", total, d.common.style, (SELF, "fixed_assets.summary.total")),
        "万元，资产管理制度健全，账实相符。",
    ]


def department_narrative(rng: random.Random, d: DeptYear, mentioned: list[ProjectYear]) -> list[Section]:
    year = d.common.year
    units = [bare_unit(u) for u in d.units[1 if d.has_summary else 0 :]]
    sub = units[1:]
    intro = f"{d.name}内设{cn(rng.randint(5, 14))}个股室"
    if sub:
        intro += f"，下属{cn(len(sub))}个二级单位：{'、'.join(sub)}"
    intro += f"。主要职能是{d.dtype.duties[0].rstrip('。')}；{d.dtype.duties[1].rstrip('。')}等。"
    authorized, actual = d.staffing
    before = d.three_public_before
    now = _summary(d, "three_public", "total") or Decimal(0)
    sections = [
        Section("一、部门（单位）概况"),
        Section("（一）部门（单位）基本情况", [[intro]]),
        Section(
            "（二）部门（单位）整体支出规模、使用方向和主要内容、涉及范围等",
            [income_paragraph(d), spending_paragraph(d)],
        ),
        Section("二、部门（单位）整体支出管理及使用情况"),
        Section("（一）基本支出", [basic_paragraph(d)]),
        Section("（二）专项支出", project_paragraphs(d, mentioned) or [["本年无专项支出。"]]),
    ]
    extra: list[list[Piece]] = []
    if _summary(d, "three_public", "total") and rng.random() < 0.7:
        extra.append(three_public_paragraph(d))
    if _summary(d, "fixed_assets", "total") and rng.random() < 0.6:
        extra.append(assets_paragraph(d))
    if extra:
        sections.append(Section("（三）“三公”经费及资产管理情况", extra))
    sections += [
        Section(
            "三、部门（单位）专项组织实施情况",
            [
                [
                    (
                        f"为保障各项工作顺利实施，{d.dtype.short}成立了预算绩效管理工作领导小组，明确分管领导和责任股室，"
                        "严格按照预算批复和资金管理办法组织实施，加强事前审核和事中监控，各项工作进展顺利。"
                    )
                ]
            ],
        ),
        Section(
            "四、部门（单位）整体支出绩效情况",
            [
                [
                    (
                        f"{year}年，根据我{d.dtype.short[-1]}年初工作规划和重点工作，围绕县委、县政府的工作部署，积极履行职责，强化管理，"
                        f"较好地完成了年度工作目标。{year}年度部门整体支出绩效情况如下："
                    )
                ],
                [
                    f"1、本年预算配置控制较好，{staff_claim(authorized, actual)}，“三公”经费支出总额较上年{three_public_claim(now, before)}。"
                ],
                [
                    "2、预算执行方面，支出总额控制在预算总额以内，预算资金按规定管理使用，较好地完成了当年任务目标。"
                ],
                ["3、预算管理方面，制定了切实有效的内部财务、车辆、资产内部管理制度，执行总体较为有效。"],
            ],
        ),
        Section("五、存在的主要问题", _numbered(rng, cat.PROBLEMS)),
        Section("六、改进措施和有关建议", _numbered(rng, cat.SUGGESTIONS)),
    ]
    return sections


def _numbered(rng: random.Random, options: tuple[str, ...]) -> list[list[Piece]]:
    chosen = rng.sample(options, rng.randint(2, 3))
    return [[f"{i}、{text}"] for i, text in enumerate(chosen, start=1)]


# --- projects ---------------------------------------------------------------------------------------


def project_goals(p: ProjectYear) -> list[tuple[str, str]]:
    what = f"{p.quantity}{p.ptype.things}"
    return [(f"完成{what}{p.ptype.name}任务", f"已完成{what}{p.ptype.name}任务")]


def project_indicators(rng: random.Random, p: ProjectYear) -> list[Indicator]:
    t, year = p.ptype, p.common.year
    n = f"{p.quantity}{t.unit_word}"
    planned = money_text(fund(p, "planned"), p.common.style)
    return [
        Indicator(PROJECT_OUTPUT_L1, "数量指标", f"完成{p.quantity}{t.things}{t.name}", f"完成{n}", f"{n}"),
        Indicator(PROJECT_OUTPUT_L1, "质量指标", t.quality, "达到标准", rng.choice(("100%", "达标", "合格"))),
        Indicator(PROJECT_OUTPUT_L1, "时效指标", t.timeliness, "已按期完成", f"{year}年12月底前"),
        Indicator(
            PROJECT_OUTPUT_L1,
            "成本指标",
            "项目产出成本是否按绩效目标控制",
            "已按绩效目标控制",
            f"≤{planned}万元",
        ),
        Indicator(
            PROJECT_EFFECT_L1,
            "经济效益\n指标",
            "项目实施对经济发展所带来的直接或间接影响情况",
            rng.choice(cat.ECONOMY_ACTUALS),
            "有所带动",
        ),
        Indicator(PROJECT_EFFECT_L1, "社会效益\n指标", t.effect, "效果明显", "明显改善"),
        Indicator(
            PROJECT_EFFECT_L1,
            "生态效益\n指标",
            "项目实施对生态环境所带来的直接或间接影响情况",
            rng.choice(cat.ECOLOGY_ACTUALS),
            "无不利影响",
        ),
        Indicator(
            PROJECT_EFFECT_L1,
            "服务对象满意度指标",
            "社会公众或服务对象对项目实施的满意程度",
            rng.choice(cat.SATISFACTION_ACTUALS),
            "≥90%",
        ),
    ]


def project_narrative(rng: random.Random, p: ProjectYear) -> list[Section]:
    style, year, t = p.common.style, p.common.year, p.ptype
    planned, arrived, spent, balance = (fund(p, b) for b in ("planned", "arrived", "spent", "balance"))
    what = f"{p.quantity}{t.things}"
    overview: list[Piece] = [
        f"{p.common.county.name}{year}年度{t.name}任务为：完成{what}，计划投资",
        _money("p.planned", planned, style, (SELF, "funds.planned.total")),
        "万元。项目由",
        p.unit,
        "组织实施。",
    ]
    sources = [(s, p.funds["planned"][s]) for s in SOURCE_WORDS if p.funds["planned"][s]]
    arrival: list[Piece] = [
        "项目计划安排资金",
        _money("p.planned#2", planned, style, (SELF, "funds.planned.total")),
        "万元",
    ]
    if len(sources) > 1:
        arrival.append(
            "，其中：" + "、".join(f"{SOURCE_WORDS[s]}{money_text(v, style)}万元" for s, v in sources)
        )
    arrival += [
        "。实际到位资金",
        _money("p.arrived", arrived, style, (SELF, "funds.arrived.total")),
        "万元，资金到位率为",
        _rate("p.arrival_rate", "funds.arrived.total", "funds.planned.total", arrived, planned, style),
        "%。",
    ]
    use: list[Piece] = [
        f"截至{year}年12月31日，项目实际支出",
        _money("p.spent", spent, style, (SELF, "funds.spent.total")),
        "万元，资金支出率为",
        _rate("p.spend_rate", "funds.spent.total", "funds.arrived.total", spent, arrived, style),
        "%",
    ]
    if balance:
        use += [
            "，结余",
            _money("p.balance", balance, style, (SELF, "funds.balance.total")),
            "万元，将按规定继续用于项目建设。",
        ]
    else:
        use.append("，到位资金已全部支出。")
    return [
        Section("一、基本情况"),
        Section("（一）项目概况", [overview]),
        Section("（二）项目资金到位情况", [arrival]),
        Section("（三）项目资金使用情况", [use]),
        Section("二、主要绩效情况分析"),
        Section(
            "（一）项目管理情况",
            [
                [
                    (
                        "项目严格执行国家和省有关资金管理规定，实行专账核算、专款专用，资金拨付手续完整，会计核算规范；"
                        "项目实施过程中严格执行招投标和合同管理制度，工程质量和进度得到有效保障。"
                    )
                ]
            ],
        ),
        Section(
            "（二）项目产出及效益", [[f"截至{year}年12月31日，已完成{what}，{t.effect}，完成年度目标任务。"]]
        ),
        Section("三、存在的主要问题", _numbered(rng, cat.PROBLEMS[:4])),
        Section("四、工作建议", _numbered(rng, cat.SUGGESTIONS[:4])),
    ]


# --- rendering helpers ------------------------------------------------------------------------------


def piece_text(piece: Piece) -> str:
    return piece.text if isinstance(piece, Fig) else piece


def paragraph_text(paragraph: list[Piece]) -> str:
    return "".join(piece_text(p) for p in paragraph)


def narrative_lines(sections: list[Section]) -> list[str]:
    """The narrative as printed lines: each heading, then its paragraphs."""
    lines: list[str] = []
    for s in sections:
        lines.append(s.heading)
        lines += [paragraph_text(p) for p in s.paragraphs]
    return lines


def figures(sections: list[Section]) -> list[Fig]:
    return [p for s in sections for para in s.paragraphs for p in para if isinstance(p, Fig)]
