"""Figures written in sentences → `Statement`s, and the sentence shapes the prose rules read.

Every amount ("29201万元", "1350000元", "14.8亿元") becomes a money statement in 万元 whose concept
is read from the clause just before it (`normalize.concepts`, the vocabulary the tables share);
every percentage and every "N个" count becomes a statement as printed; "自评得分95分" a score.
A prose-only report (no form tables) states its totals in sentences: `stated_totals` says which
statement gives each field a form would hold (income/expenditure totals, project funds, self_score);
`grade_in` reads the grade.

Sentence shapes read here, for the N207–N211 rules: an enumeration is a stated total followed by
其中/分别为 and its parts; a growth sentence states a current and an earlier figure, their
difference and the percentage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao_audit.normalize.concepts import CONCEPTS_BY_KEY, MONEY_CONCEPTS, RATE_CONCEPTS, Concept
from jixiao_audit.normalize.model import Source, Statement

MONEY = re.compile(
    r"(?P<num>\d+(?:[,，]\d{3})*(?:\.\d+)?)\s*(?P<approx>余|多)?\s*"
    r"(?P<unit>亿元|万元|元|亿(?![平人米])|万(?=[和及与、，,。；;）)\s]|$))"
)
PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?P<approx>余|多)?\s*[%％]")
COUNT = re.compile(r"(?<![\d.])(?P<num>\d+)\s*(?P<approx>余|多)?\s*个(?![月百千万亿])")
SCORE = re.compile(
    r"(?:(?:自评|综合(?:评定)?|总体?|(?:绩效)?评价|最终)(?:总)?(?:得分|评分|分数|总分)|自评(?:得|分)|评分结果)"
    r"(?:为|是|达到|达|：|:)?\s*(?P<num>\d+(?:\.\d+)?)\s*分"
)
# A score of one part of the rubric (产出指标评价得分45分) is not the report's score.
SCORE_PART_CLAUSE = re.compile(r"指标|产出|效益|满意度|决策|过程|管理")
GRADE = re.compile(
    r"(?:(?:评价|自评|绩效|综合)?(?:等[级次]|评级)|(?:评价|自评)(?:结果|结论))(?:为|是|评定为|：|:)?\s*[“\"「]?"
    r"(?P<grade>优秀|良好|不合格|合格|优|良|中|差)"
)
# the grade before its word: 属于“优”等级, 属“优”等级, 评定为优秀等次
GRADE_BEFORE_WORD = re.compile(
    r"(?:为|属于?|评定为|达到)[“\"「]?(?P<grade>优秀|良好|不合格|合格|优|良|中|差)[”\"」]?(?:等级|等次|档次)"
)
DIGIT = re.compile(r"\d")
CLAUSE_BREAK = re.compile(r"[，,。；;：:、！!？?\n（）()]|其中")
SENTENCE_BREAK = re.compile(r"[。；;！!？?\n]")
# The last of these breaks before a position, found backwards from it: the greedy (?s:.*) runs to
# the position and gives characters back until a break ends the match (no scan from the start).
LAST_CLAUSE_BREAK = re.compile(r"(?s:.*)(?:" + CLAUSE_BREAK.pattern + ")")
LAST_SENTENCE_BREAK = re.compile(r"(?s:.*)" + SENTENCE_BREAK.pattern)
UNIT_SCALE = {"亿元": 4, "亿": 4, "万元": 0, "万": 0, "元": -4}  # power of ten to 万元

# Concept keys of statements that are not amounts (amount keys come from MONEY_CONCEPTS).
PROJECT_COUNT = "project.count"  # 项目个数
SELF_SCORE = "self_score"
SHARE = "share"  # 占…的x%
GROWTH_RATE = "growth_rate"  # 增长/下降x%
COUNT_CONTEXT = re.compile(r"项目")
COUNT_PART = re.compile(r"年初|年中|追加|新增|增加|调增|结转|续建|新建")
SHARE_CLAUSE = re.compile(r"占[^，,。；;%％\d]{0,24}?(?:的)?(?:比例|比重)?(?:为|达到|达|是|约)?\s*$")
GROWTH_CLAUSE = re.compile(r"(?:增长|下降|增幅|降幅|减少|增加|上升|降低)(?:了)?(?:为|达|约)?\s*$")
# A clause about another year or a change: such a figure is not the report's own total.
COMPARISON = re.compile(r"上年|去年|上一年|同期|同比|较|比|增加|减少|增长|下降|增幅|降幅|上升|降低")

# Enumerations: "共X，其中a、b、c" / "分别为a、b". A part list ends at the sentence's full stop.
# 总预算/总投入 name a whole too: "项目资金总预算为2455.5万元，其中部门预算项目支出87.5万元，…".
TOTAL_CLAUSE = re.compile(r"共|合计|总计|总额|总共|累计|总预算|总投入|总经费")
# A total stated after its parts: "一批…3374.3万元，二批…2069.51万元，三批…778.59万元，合计批复总投资6222.4万元".
TRAILING_TOTAL = re.compile(
    r"^\s*(?:以上|上述)?(?:[两二三四五六七八九十]项|[两二三四五六七八九十]批)?(?:合计|共计|总计)"
)
ENUM_START = re.compile(r"^[\s，,。：:]{0,2}(?:其中|分别为|分别是|分别用于|分别|包括|具体为|具体是)[：:，,]?")
# "包括/具体为" lead a list its writer means as the whole: short of the total, worth a second look (N213).
ITEMISED = re.compile(r"包括|具体")
RESPECTIVELY = re.compile(r"分别")
# "支出87.5万元，分别是a万元，b万元…": the figure before 分别是/分别为 is the whole its list splits, however
# it is worded (bare 分别 may start an aside: "分别较上年增加…").
RESPECTIVELY_LISTED = re.compile(r"分别(?:为|是|用于)")
CLOSED_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")
ASIDE_AFTER = re.compile(r"\s*(?:（[^（）]*）|\([^()]*\))")
INITIAL_CLAUSE = re.compile(r"年初")  # 年初批复预算: the budget before the year's adjustments
REMAINDER = re.compile(r"(?:其余|剩余|余下|余额|另)[^，,。；;、]{0,12}$")
NESTED = re.compile(r"其中|含|包括")
ENUM_END = re.compile(r"[。！!？?\n]")
NESTED_CLAUSE_END = re.compile(r"[；;。！!？?\n]")
START_GAP_CHARS = 4  # at most this much between a total's unit and its 其中/分别
LABEL_BRACKET_CHARS = 4  # a bracket this short is part of the label: 因公出国（境）费, 资金（含结转）共
LABEL_TAIL_CHARS = 2  # … when at most this much follows it before the figure

# Figures that are totals in their own right: a list of parts never runs on into one of another concept.
# A paragraph about one named project: an item marker, the project's name, a colon.
NAMED_PROJECT_ITEM = re.compile(
    r"^\s*(?:[（(]?[0-9０-９]+[）)、.．]|[（(][一二三四五六七八九十]+[）)])\s*[^：:，,。；]{2,40}?(?:项目|工程)\s*[：:]"
)
# Words after a figure that say what it is, when the words before it do not (…105万元已全部到位).
CONCEPT_AFTER = re.compile(r"\s*(?:已经?|均已|现已)?\s*(?:全部|全额|足额)?\s*(?:拨付)?(?P<arrived>到位)")
AFTER_CONCEPT_KEYS = {"arrived": "project.arrived"}
HEADLINE = frozenset(
    {
        "income.total",
        "expenditure.total",
        "project.completed",
        "project.planned",
        "project.budget",
        "project.arrived",
        "project.spent",
        "project.executed",
    }
)
# Money coming in and money going out: a list of what came in never runs on into what was spent
# ("共收到财政资金X元。其中，结转…a元，当期取得收入b元，当期发生支出c元": c is no part of X).
MONEY_IN = re.compile(r"收入|收到|到位|拨入")
MONEY_OUT = re.compile(r"支出|支付")
# A department's totals (收入, 支出, “三公”经费): followed by 其中, the parts of the figure, whatever the wording.
OWN_TOTALS = frozenset({"income.total", "expenditure.total", "three_public.total"})
# Parts that together make the whole, by concept key: a shortfall of these is an error too.
PARTITIONS: dict[str, tuple[frozenset[str], ...]] = {
    "expenditure.total": (
        frozenset({"expenditure.basic", "expenditure.project"}),
        frozenset({"expenditure.personnel", "expenditure.public", "expenditure.project"}),
    ),
    "expenditure.basic": (frozenset({"expenditure.personnel", "expenditure.public"}),),
    "three_public.total": (
        frozenset(
            {
                "three_public.reception",
                "three_public.vehicle_operation",
                "three_public.vehicle_purchase",
                "three_public.overseas",
            }
        ),
    ),
}


NUMBER_PUNCT = re.compile(r"[,，\s]")


def to_decimal(text: str) -> Decimal:
    return Decimal(NUMBER_PUNCT.sub("", text))


def clause_start(text: str, end: int) -> int:
    """Where the clause ending at `end` begins (after the last comma, colon, 其中 …)."""
    m = LAST_CLAUSE_BREAK.match(text, 0, end)
    return m.end() if m else 0


def label_start(text: str, end: int) -> int:
    """Where the clause naming the figure at `end` begins; for "1、收入：792.22万元" (the figure
    alone after a colon) the label before the colon."""
    start = clause_start(text, end)
    if start and text[start - 1] in "：:" and not text[start:end].strip():
        return clause_start(text, start - 1)
    if start and text[start - 1] in "）)" and len(text[start:end].strip()) <= LABEL_TAIL_CHARS:
        # 因公出国（境）费0万元: a short bracket inside the label, not an aside ending a clause
        opening = max(text.rfind("（", 0, start - 1), text.rfind("(", 0, start - 1))
        if opening >= 0 and start - 1 - opening <= LABEL_BRACKET_CHARS + 1:
            return clause_start(text, opening)
    return start


def label_clause(text: str, end: int) -> str:
    """The words naming the figure at `end` (a label's colon left out)."""
    return text[label_start(text, end) : end].rstrip("：: ")


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    end = start if end is None else end
    m = LAST_SENTENCE_BREAK.match(text, 0, start)
    left = m.end() if m else 0
    m = SENTENCE_BREAK.search(text, end)
    return left, (m.end() if m else len(text))


def sentence_at(text: str, start: int, end: int | None = None) -> str:
    left, right = sentence_bounds(text, start, end)
    return text[left:right].strip()


@lru_cache(maxsize=8192)
def money_concept(clause: str, kind: str) -> Concept | None:
    """The first concept of the report's kind whose pattern the clause holds (clauses recur: cached)."""
    for concept in MONEY_CONCEPTS:
        if kind in concept.kinds and concept.regex.search(clause):
            return concept
    return None


def concept_after(text: str, end: int, kind: str) -> Concept | None:
    """The concept the words right after a figure give when none names it before: "衔接资金105万元已全部
    到位" (海口市秀英区水务局 2022) is the money that arrived."""
    m = CONCEPT_AFTER.match(text, end)
    if m is None:
        return None
    concept = CONCEPTS_BY_KEY[AFTER_CONCEPT_KEYS[m.lastgroup]]
    return concept if kind in concept.kinds else None


def in_brackets(text: str, pos: int) -> bool:
    """The position lies inside （…）: an aside, not a part of the enumeration around it."""
    before = text[:pos]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


# A named rate stated just before its percentage ("资金到位率为"), compiled once per rate.
RATE_CLAUSES = tuple(
    (rate.key, re.compile(rate.pattern + r"\s*(?:为|达到|达|是|约|仅|只有)?\s*$")) for rate in RATE_CONCEPTS
)


def percent_concept(clause: str) -> str | None:
    if SHARE_CLAUSE.search(clause):
        return SHARE
    if GROWTH_CLAUSE.search(clause):
        return GROWTH_RATE
    for key, pattern in RATE_CLAUSES:
        if pattern.search(clause):
            return key
    return None


def _statement(concept, value, unit, text, m, source) -> Statement:
    span = (m.start(), m.end())
    # validated: pydantic-core's check of these few fields costs less than model_construct's Python
    return Statement(
        concept=concept,
        value=value,
        unit=unit,
        text=sentence_at(text, *span),
        source=source.with_raw(text, span),
    )


def statements_in(text: str, source: Source, kind: str) -> list[Statement]:
    """Every figure of one paragraph, in reading order; `source` is the paragraph's."""
    if not DIGIT.search(text):
        return []
    found: list[tuple[int, Statement]] = []
    # Each pattern ends in its own unit or word; a paragraph without it is not scanned for it.
    money = MONEY.finditer(text) if "元" in text or "万" in text or "亿" in text else ()
    percent = PERCENT.finditer(text) if "%" in text or "％" in text else ()
    count = COUNT.finditer(text) if "个" in text else ()
    score = SCORE.finditer(text) if "分" in text else ()
    for m in money:
        if m.start() > 0 and (text[m.start() - 1].isdigit() or text[m.start() - 1] == "."):
            continue
        concept = money_concept(label_clause(text, m.start()), kind) or concept_after(text, m.end(), kind)
        value = to_decimal(m["num"]).scaleb(UNIT_SCALE[m["unit"]])
        found.append(
            (m.start(), _statement(concept.key if concept else None, value, "万元", text, m, source))
        )
    for m in percent:
        concept = percent_concept(text[clause_start(text, m.start()) : m.start()])
        found.append((m.start(), _statement(concept, to_decimal(m["num"]), "%", text, m, source)))
    for m in count:
        left, _ = sentence_bounds(text, m.start(), m.end())
        around = text[left : m.end() + 2]
        concept = PROJECT_COUNT if COUNT_CONTEXT.search(around) else None
        found.append((m.start(), _statement(concept, Decimal(m["num"]), "个", text, m, source)))
    for m in score:
        if SCORE_PART_CLAUSE.search(text[clause_start(text, m.start()) : m.start()]):
            continue
        found.append((m.start(), _statement(SELF_SCORE, to_decimal(m["num"]), "分", text, m, source)))
    found.sort(key=lambda pair: pair[0])
    return [s for _, s in found]


APPROXIMATE_BEFORE = re.compile(r"(?:约|近|超|逾|超过|大约|左右)\s*$")


def is_approximate(statement: Statement) -> bool:
    """ "13742余万元", "800多个", "约20万元": the figure is a bound or a guess, not a stated amount."""
    start, end = statement.source.span or (0, 0)
    raw = statement.source.raw
    return bool(
        re.search(r"余|多", raw[start:end]) or APPROXIMATE_BEFORE.search(raw[max(0, start - 3) : start])
    )


def clause_of(statement: Statement) -> str:
    """The words before the figure, back to the last clause break."""
    raw = statement.source.raw
    start = (statement.source.span or (0, 0))[0]
    return label_clause(raw, start)


def is_comparison(statement: Statement) -> bool:
    """About another year or a change ("较上年增加50万元"), not the figure of the report itself."""
    return bool(COMPARISON.search(clause_of(statement)))


def grade_in(text: str) -> str | None:
    m = GRADE.search(text) or GRADE_BEFORE_WORD.search(text)
    return m["grade"] if m else None


# A prose report's staffing sentence ("部门事业编制人数15人，年末实有人数14人"; "实有编制数63人，年末在职人数
# 57人"): the first 编制 figure is the establishment, the first 实有/在职 figure the staff (离退休 are neither).
STAFF_AUTHORIZED = re.compile(r"编制(?:人数|数|人员)?(?:为|共|合计)?\s*(\d+)\s*[人名]")
STAFF_ACTUAL = re.compile(
    r"(?:实有|在职|在编)(?:在职|在编)?(?:人员|人数|职工)?(?:为|共|合计)?\s*(\d+)\s*[人名]"
)


def staffing_in(text: str) -> dict[str, int]:
    """{"authorized": …, "actual": …} as a paragraph states them (a key only when stated). A figure
    in brackets counts part of the group before them ("局本级187人（在职在编139人、退休人员8人）"), not
    the unit's staff."""
    found = {}
    for name, pattern in (("authorized", STAFF_AUTHORIZED), ("actual", STAFF_ACTUAL)):
        m = next((m for m in pattern.finditer(text) if not in_brackets(text, m.start())), None)
        if m:
            found[name] = int(m.group(1))
    return found


# ---------------------------------------------------------------- enumerations


@dataclass
class Enumeration:
    """A stated total and the parts the sentence lists for it."""

    total: Statement
    parts: list[Statement]
    complete: bool  # the sentence says the parts make the whole (分别, a known partition, 其余…)
    text: str  # from the total's clause to the end of the list
    lead: str = ""  # the words that start the list (其中, 分别为, 包括 …)

    @property
    def figures(self) -> list[Statement]:
        """The total and its parts (a message shows them in one unit)."""
        return [self.total, *self.parts]


def paragraphs_of(statements: list[Statement]) -> list[list[Statement]]:
    """Statements grouped by the paragraph they were read from, in order."""
    groups: dict[tuple, list[Statement]] = {}
    for s in statements:
        src = s.source
        groups.setdefault((src.table, src.row, src.col, src.paragraph, src.raw), []).append(s)
    return list(groups.values())


def _is_total(s: Statement, unit: str) -> bool:
    """A figure worded as a sum (共, 合计 …), or one of the report's own totals: "完成支出2604.24万元。
    其中，基本支出…" states the whole its 其中 list splits."""
    worded = bool(TOTAL_CLAUSE.search(clause_of(s))) or s.concept in OWN_TOTALS
    return s.unit == unit and worded and not is_approximate(s)


def _list_end(raw: str, start: int) -> int:
    m = ENUM_END.search(raw, start)
    return m.start() if m else len(raw)


def _parts_after(
    total: Statement, paragraph: list[Statement], raw: str, end: int, lead_end: int | None = None
) -> list[Statement]:
    """The same-unit figures after the total up to `end`, outside brackets, before any nested list.

    The list also ends at a figure of another headline concept ("总投资1000万元，其中中央600万元，地方
    400万元，已完成投资800万元": 完成投资 is no part), and comparisons ("较上年增加20万元") are asides.
    """
    t_end = total.source.span[1]
    stop = _nested_start(paragraph, raw, lead_end or t_end + START_GAP_CHARS + 2, end)  # past its own 其中
    parts = []
    for s in paragraph:
        start = s.source.span[0]
        if s.unit != total.unit or not t_end <= start < stop or in_brackets(raw, start):
            continue
        if s.concept in HEADLINE and s.concept != total.concept or _flows_apart(total, s):
            break
        if not is_comparison(s):
            parts.append(s)
    return parts


def _flows_apart(total: Statement, part: Statement) -> bool:
    """The total is money received and the figure money spent (or the other way round)."""
    t, s = clause_of(total), clause_of(part)
    t_in, t_out = bool(MONEY_IN.search(t)), bool(MONEY_OUT.search(t))
    s_in, s_out = bool(MONEY_IN.search(s)), bool(MONEY_OUT.search(s))
    return t_in != t_out and s_in != s_out and t_in != s_in


def _nested_start(paragraph: list[Statement], raw: str, start: int, end: int) -> int:
    """Where a nested list (其中/含/包括 with figures of its own) begins inside [start, end), else `end`;
    "基本支出为X元，…包括：用于发放教师工资…；项目支出为Y元" names what a part covers, no figures."""
    for m in NESTED.finditer(raw, start, end):
        clause_end = NESTED_CLAUSE_END.search(raw, m.end(), end)
        stop = clause_end.start() if clause_end else end
        if any(m.end() <= s.source.span[0] < stop for s in paragraph):
            return m.start()
    return end


def _complete(total: Statement, parts: list[Statement], lead: str) -> bool:
    if RESPECTIVELY.search(lead):
        return True
    keys = frozenset(p.concept for p in parts)
    if any(keys == whole for whole in PARTITIONS.get(total.concept or "", ())):
        return True
    return bool(parts) and bool(REMAINDER.search(clause_of(parts[-1])))


def enumerations(paragraph: list[Statement]) -> list[Enumeration]:
    """Money totals followed by 其中/分别 and their parts (at least two) in one paragraph."""
    found = []
    for total in paragraph:
        if total.unit != "万元" or is_approximate(total):
            continue
        raw = total.source.raw
        t_end = total.source.span[1]
        # an aside may stand between the total and its list: "总支出X万元（包含使用的存量资金Y万元），其中…"
        aside = ASIDE_AFTER.match(raw, t_end)
        after = aside.end() if aside else t_end
        lead = ENUM_START.match(raw[after : after + START_GAP_CHARS + 6])
        if not lead or not (_is_total(total, "万元") or RESPECTIVELY_LISTED.search(lead.group(0))):
            continue
        end = _list_end(raw, after + lead.end())
        parts = _parts_after(total, paragraph, raw, end, after + lead.end() if aside else None)
        if len(parts) >= 2:
            text = raw[label_start(raw, total.source.span[0]) : end + 1]
            found.append(
                Enumeration(total, parts, _complete(total, parts, lead.group(0)), text, lead.group(0))
            )
    return found + trailing_enumerations(paragraph)


def _parts_before(total: Statement, paragraph: list[Statement]) -> list[Statement]:
    """The figures of the total's sentence before it that it sums: same unit and concept (or a known
    split of it), outside brackets (an aside: "（其中建筑工程3292万元）"), no comparisons."""
    raw = total.source.raw
    t_start = total.source.span[0]
    left, _ = sentence_bounds(raw, t_start)
    parts = [
        s
        for s in paragraph
        if s.unit == total.unit
        and left <= s.source.span[0] < t_start
        and not in_brackets(raw, s.source.span[0])
        and not is_comparison(s)
    ]
    keys = frozenset(p.concept for p in parts)
    same = keys == {total.concept}
    split = any(keys == whole for whole in PARTITIONS.get(total.concept or "", ()))
    return parts if same or split else []


def trailing_enumerations(paragraph: list[Statement]) -> list[Enumeration]:
    """Money totals worded 合计/共计/总计 after the parts they sum, in one sentence: the parts listed
    are the whole, so the sum is checked like a 分别 list."""
    found = []
    for total in paragraph:
        if not _is_total(total, "万元") or not TRAILING_TOTAL.search(clause_of(total)):
            continue
        parts = _parts_before(total, paragraph)
        if len(parts) >= 2:
            raw = total.source.raw
            start = label_start(raw, parts[0].source.span[0])
            found.append(Enumeration(total, parts, True, raw[start : total.source.span[1]]))
    return found


def count_enumerations(paragraph: list[Statement]) -> list[Enumeration]:
    """ "共实施项目12个……年初安排7个……年中追加6个": a project count and the counts it splits into.

    The parts are the counts after the total in the same sentence whose clause names when or how
    the projects came (年初, 年中追加, 新增, 结转 …); two or more such parts are the whole.
    """
    found = []
    for total in paragraph:
        if total.concept != PROJECT_COUNT or not _is_total(total, "个"):
            continue
        raw = total.source.raw
        t_end = total.source.span[1]
        end = _list_end(raw, t_end)
        parts = [
            s
            for s in paragraph
            if s.unit == "个"
            and t_end <= s.source.span[0] < end
            and not in_brackets(raw, s.source.span[0])
            and COUNT_PART.search(clause_of(s) + raw[s.source.span[0] : s.source.span[1] + 2])
        ]
        if len(parts) >= 2:
            text = raw[label_start(raw, total.source.span[0]) : end + 1]
            found.append(Enumeration(total, parts, True, text))
    return found


# ---------------------------------------------------------------- prose-only reports

# Model field ← concept key of the first statement stating it (a prose-only report's totals).
DEPARTMENT_TOTALS = {"income.total": "income[0].total", "expenditure.total": "expenditure[0].total"}
PROJECT_TOTALS = {
    "project.planned": "funds.planned.total",
    "project.budget": "funds.planned.total",
    "project.arrived": "funds.arrived.total",
    "project.spent": "funds.spent.total",
    "project.executed": "funds.spent.total",
}


def own_figures(statements: list[Statement]) -> list[Statement]:
    """Statements that state the report's own figures: not parts of a list, not comparisons."""
    parts = {
        id(p)
        for paragraph in paragraphs_of(statements)
        for e in enumerations(paragraph) + count_enumerations(paragraph)
        for p in e.parts
    }
    return [
        s
        for s in statements
        if id(s) not in parts and not is_part_like(s) and not is_comparison(s) and not is_approximate(s)
    ]


def is_part_like(statement: Statement) -> bool:
    """After 其中/含/包括 in its sentence, or in brackets: a share of something, not the report's own total."""
    raw = statement.source.raw
    start = statement.source.span[0]
    left, _ = sentence_bounds(raw, start)
    # an aside closed before the figure ("共15个（含上年结转5个），…到位资金X万元") qualifies only itself
    before = CLOSED_ASIDE.sub("", raw[left:start])
    return bool(NESTED.search(before)) or in_brackets(raw, start)


def several_projects_paragraphs(statements: list[Statement]) -> set[str]:
    """Paragraphs each headed by one of several projects' names ("1、烈士纪念设施维修项目：预算35.3万元…",
    "2、…专项资金项目：…"): a report over a unit's projects states each one's figures in turn; two or
    more such paragraphs make them items, not the report's own totals."""
    named = {s.source.raw for s in statements if NAMED_PROJECT_ITEM.match(s.source.raw)}
    return named if len(named) >= 2 else set()


def stated_totals(statements: list[Statement], kind: str) -> dict[str, Statement]:
    """Model path → the first statement of the report's own figures that states it (a prose-only
    report's totals and self score, where a form would hold them)."""
    targets = {**(DEPARTMENT_TOTALS if kind == "department" else PROJECT_TOTALS), SELF_SCORE: "self_score"}
    found: dict[str, Statement] = {}
    initial: dict[str, Statement] = {}
    per_project = several_projects_paragraphs(statements)
    for s in own_figures(statements):
        if s.source.raw in per_project:
            continue  # one of several projects' figures, not the report's
        path = targets.get(s.concept or "")
        if not path or path in found:
            continue
        if INITIAL_CLAUSE.search(clause_of(s)):
            initial.setdefault(path, s)  # 年初预算: the year's figure, once adjusted, is stated after it
        else:
            found[path] = s
    return {**initial, **found}
