"""RawDocument → list[Report]: split the document into reports by their titles, read each.

A file may hold one report, or several (the combined file as received: a department
report, its projects, and the two rubrics). Rubrics are attached to the report of their
kind that precedes them (or, failing that, follows them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from jixiao_audit.extract.raw import RawDocument
from jixiao_audit.extract.raw import Revision as RawRevision
from jixiao_audit.normalize import vocabulary as V
from jixiao_audit.normalize.families import HUARONG, PROSE
from jixiao_audit.normalize.file_unit import name_unnamed_projects
from jixiao_audit.normalize.file_year import YEAR, date_undated_reports, first_year_line, line_source
from jixiao_audit.normalize.lines import Line, document_to_stream
from jixiao_audit.normalize.model import Report, ScoreItem, Source
from jixiao_audit.normalize.prose import grade_in, staffing_in, stated_totals
from jixiao_audit.normalize.revisions import attach_revisions
from jixiao_audit.normalize.sections import (
    Parsed,
    indicator_section,
    is_evaluator_header,
    is_expense_anchor,
    is_funds_anchor,
    is_money_anchor,
    is_narrative_start,
    is_rubric_header,
    label_value_pairs,
    parse_evaluators,
    parse_expenses,
    parse_funds,
    parse_indicators,
    parse_money_table,
    parse_narrative,
    parse_rubric,
    signoff_role,
)
from jixiao_audit.normalize.text import (
    clean_label,
    clean_text,
    clear_number_cache,
    date_or_none,
    label_key,
    maybe_number,
    ticked_options,
)
from pydantic import TypeAdapter

DEPARTMENT, PROJECT = "department", "project"
SCORE_ITEMS = TypeAdapter(list[ScoreItem])
TITLE_PATTERNS = [
    (re.compile(V.DEPARTMENT_RUBRIC_TITLE), DEPARTMENT, True),
    (re.compile(V.PROJECT_RUBRIC_TITLE), PROJECT, True),
    (re.compile(V.DEPARTMENT_TITLE), DEPARTMENT, False),
    (re.compile(V.PROJECT_TITLE), PROJECT, False),
    (re.compile(V.UNIT_YEAR_TITLE), DEPARTMENT, False),
]
NOT_A_TITLE = re.compile(V.NOT_A_TITLE)
TITLE_TAIL_MAX_CHARS = 16
TITLE_HINTS = ("报告", "整体支出", "评分", "计分表", "指标体系", "自评表", "情况说明")
TITLE_HINT = re.compile("|".join(map(re.escape, TITLE_HINTS)))  # one search for any: every short line asks
DEPARTMENT_LABELS = tuple(V.DEPARTMENT_FIELDS + V.COMMON_FIELDS)
PROJECT_LABELS = tuple(V.PROJECT_FIELDS + V.COMMON_FIELDS)
TITLE_COUNTY = re.compile(
    r"^(?:附件[0-9\-－—]*)?(?:[^0-9（）]{0,10}?[省市州盟])?([^0-9（）省市州盟]{1,8}?[县区旗])"
)
TITLE_CITY = re.compile(r"^(?:附件[0-9\-－—]*)?(?:[^0-9（）]{0,6}?省)?([^0-9（）省]{1,8}?[市州盟])")
TITLE_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")
PART_LABEL = re.compile(V.PART_LABEL)
COUNTY = re.compile(r"([^\s0-9（）()：:，,。]{1,12}?[县市区旗])(?:财政局|人民政府)")
# A body sentence ("根据《XX市XX区…》…") never names the report's county; a cover line has none of these.
NOT_COVER = re.compile(r"[《》。，；]")
# The unit a title names before its year: "XX县第一小学2023年度…绩效自评报告" → XX县第一小学.
# A title may open with 关于 ("关于2019年度高其坑通组道路工程绩效评价报告"): a preposition, never the unit.
# A letter-style title puts it after the unit: "司城街道办事处关于2024年部门整体支出绩效自评的报告".
TITLE_UNIT = re.compile(
    r"^(?:附件[0-9\-－—]*)?(?:关于)?(?P<unit>(?!关于)[^0-9]{2,30}?)(?:关于)?(?:（[^）]*）)?(?:19|20)[0-9]{2}\s*年"
)
# 2021年茂名市发展和改革局整体支出绩效自评报告: the unit after the year, before 整体支出 (a department
# title only: after the year a project title names its project, not its unit); 年度 is the year's whole
# word, so 2023年度部门整体支出… names no unit (never "度部门")
TITLE_UNIT_AFTER_YEAR = re.compile(
    r"^(?:附件[0-9\-－—]*)?(?:关于)?(?:19|20)[0-9]{2}\s*(?:年度|年(?!度))(?P<unit>(?!部门|单位|本)[^0-9]{2,30}?)(?:部门|单位)?整体支出"
)
# A title naming no year: the unit before the report's core words, when it ends as a unit's name does
# (耒阳市第四中学专项资金绩效自评价报告, 吉首市乾州街道办事处部门整体支出绩效评价报告); a project's own
# name (…公路坍方清除项目…) ends otherwise.
TITLE_UNIT_BEFORE_CORE = re.compile(
    r"^(?:附件[0-9\-－—]*)?(?:关于)?(?P<unit>[^0-9]{2,30}?(?:学校|中学|小学|学院|幼儿园|医院|卫生院|局|委员会|委|"
    r"办公室|办事处|管理处|办|中心|站|所|馆|队|社|厅|人民政府|政府))(?:部门|单位)?(?:整体支出|专项资金|项目支出)"
)
UNIT_LINE_MAX_CHARS = 30
# A unit opening one of a report's first paragraphs as the subject of its year ("（一）南昌市烈士陵园管理处
# 2022年度共有5个项目"): named as units end, right before the year and what the unit had or did that year.
BODY_UNIT_LINES = 6
BODY_UNIT = re.compile(
    r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)?"
    r"(?P<unit>(?!根据|按照|依据|经|在|为|由|我|本|全)[^0-9，。：；、（）《》“”]{2,30}?"
    r"(?:学校|中学|小学|学院|幼儿园|医院|卫生院|局|委员会|办公室|办事处|管理处|中心|站|所|馆|队|人民政府))"
    r"(?:19|20)[0-9]{2}年度?(?:共有|共实施|实施|部门|单位|收入|支出|预算|项目)"
)
ATTACHMENT_NOTE = re.compile(r"^附件[：:]")
# What opens a title before its unit or project (附件1, 关于) and the report words that close a project's
# title (…项目支出绩效单位自评报告, …专项资金绩效自评的报告): neither is part of the project's name.
TITLE_PREFIX = re.compile(r"^(?:附件[0-9\-－—]*)?(?:关于)?(?:（[^）]*）)?")
TITLE_PROJECT_TAIL = re.compile(
    r"(?:支出)?绩效(?:评价)?(?:单位)?(?:自评(?:价)?)?(?:工作)?(?:情况)?的?(?:总?报告|情况说明)$"
)
TITLE_YEAR_WORD = re.compile(r"(?:19|20)[0-9]{2}年度?")
# Words a title uses for "the project" without naming one.
GENERIC_PROJECT_NAMES = frozenset(
    ("项目", "项目支出", "专项", "专项资金", "资金", "财政", "财政资金", "财政项目", "本项目")
)
NOT_PROJECT_NAME = re.compile(r"整体|部门|[，。；：]")
PROJECT_UNDER_TITLE = re.compile(r"^（(?P<name>[^（）0-9]{2,30})）$")  # keys use （） brackets
# A title's first half ends at its year, or mid-phrase at a conjunction after it (开远市第十二中学校 2024
# 年度部门整体和 / 项目支出绩效自评报告).
TITLE_HEAD = re.compile(r"(?:19|20)[0-9]{2}\s*年度?(?:.{0,8}[和及与、])?$")


class NotAReport(Exception):
    """A readable file that holds no self-evaluation report; `reason` is for a person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Segment:
    kind: str
    is_rubric: bool
    part: str | None = None
    title: str | None = None
    place: str | None = None
    year: int | None = None
    form_started: bool = False
    unit_line: str | None = None  # a short line just above the title naming the unit
    year_line: Line | None = None  # the title line (or its first half above it) the year was read from
    lines: list[Line] = field(default_factory=list)


def title_of(line: Line) -> tuple[str, bool] | None:
    """(kind, is_rubric) when the line is a report or rubric title."""
    if len(line.cells) > 2:
        return None
    key = line.key  # not `sig`: a title of up to TITLE_MAX_CHARS is longer than a sig's key heads
    if len(key) > V.TITLE_MAX_CHARS or not TITLE_HINT.search(key) or NOT_A_TITLE.search(key):
        return None
    return title_kind(key)


def title_kind(key: str) -> tuple[str, bool] | None:
    """(kind, is_rubric) a title's words give."""
    for pattern, kind, is_rubric in TITLE_PATTERNS:
        if pattern.search(key):
            return kind, is_rubric
    return None


def is_title_continuation(line: Line) -> bool:
    """The second line of a title split over two lines: short, ending in 报告."""
    return line.is_paragraph and len(line.key) <= TITLE_TAIL_MAX_CHARS and line.key.endswith("报告")


def place_of(title_key: str) -> str | None:
    """The county a title names (岳阳市华容县… → 华容县), else its city."""
    m = TITLE_COUNTY.match(title_key) or TITLE_CITY.match(title_key)
    return m.group(1) if m else None


def _short_line_above(line: Line | None) -> str | None:
    """The key of a short paragraph above a title that may name the unit: no title, label or sentence."""
    if line is None or not line.is_paragraph or title_of(line) or PART_LABEL.match(line.key):
        return None
    key = line.key
    if (
        len(key) > UNIT_LINE_MAX_CHARS
        or NOT_A_TITLE.search(key)
        or NOT_COVER.search(key)
        or "：" in key  # a label line (单位负责人：…) is no unit name
    ):
        return None
    return key


def unit_line_of(line: Line | None) -> str | None:
    """The unit named on the line just above a title (红河州数据发展中心 / 2019年部门整体支出绩效评价报告)."""
    key = _short_line_above(line)
    return clean_label(line.text) if key and not YEAR.search(key) else None


def title_head_of(line: Line | None) -> str | None:
    """The first half of a title broken after its year (XX县第一小学2023年度 / 部门整体支出绩效自评报告)."""
    key = _short_line_above(line)
    return clean_label(line.text) if key and TITLE_HEAD.search(key) else None


def title_unit(title: str | None) -> str | None:
    """The unit a title names before its year, if any; "以工代赈办部门2020年部门整体支出…" names 以工代赈办
    (its 部门 is the word department, not part of the name), "以工代赈项目2020年绩效评价报告" a project."""
    key = label_key(title or "")
    m = TITLE_UNIT.match(key) or TITLE_UNIT_AFTER_YEAR.match(key) or TITLE_UNIT_BEFORE_CORE.match(key)
    if not m or m["unit"].endswith("项目"):
        return None
    unit = m["unit"]
    return unit.removesuffix("部门") if len(unit) > len("部门") + 1 else unit


def title_project(title: str | None, unit: str | None) -> str | None:
    """The project a prose project report's title names: the words after its unit and year and before its
    report words (…2023年度高标准农田建设项目支出绩效自评报告 → 高标准农田建设项目), or, when those are empty,
    the words before its year (以工代赈项目2020年绩效评价报告 → 以工代赈项目); None for a generic name
    (耒阳市第四中学专项资金绩效自评价报告 names no project)."""
    key = TITLE_PREFIX.sub("", label_key(title or ""))
    if unit and key.startswith(label_key(unit)):
        key = key[len(label_key(unit)) :]
    key = TITLE_PROJECT_TAIL.sub("", TITLE_PREFIX.sub("", key))
    head, year, tail = _split_at_year(key)
    for name in (TITLE_PREFIX.sub("", tail), head) if year else (key,):
        if len(name) >= 2 and name not in GENERIC_PROJECT_NAMES and not NOT_PROJECT_NAME.search(name):
            return name
    return None


def _split_at_year(key: str) -> tuple[str, str, str]:
    """(before, year, after) a key's first year; ("", "", key) without one."""
    m = TITLE_YEAR_WORD.search(key)
    return (key[: m.start()], m.group(), key[m.end() :]) if m else ("", "", key)


def form_start(line: Line) -> str | None:
    """The kind of form whose first section heading (一、…基本概况) this table row is."""
    if line.is_paragraph or ("概况" not in line.sig and "基本情况" not in line.sig):
        return None
    head = re.sub(r"^[一1][、.]", "", line.keys[0])
    for needles, kind in ((V.DEPARTMENT_FORM_START, DEPARTMENT), (V.PROJECT_FORM_START, PROJECT)):
        if any(head.startswith(n) for n in needles):
            return kind
    return None


def split_segments(lines: list[Line]) -> list[Segment]:
    """Cut the line stream at report titles, rubric titles and form starts."""
    segments: list[Segment] = []
    pending_part: str | None = None
    current: Segment | None = None
    previous: Line | None = None
    for line in lines:
        above, previous = previous, line
        part = PART_LABEL.match(line.key) if len(line.cells) == 1 else None  # a row's key only if asked
        if part and len(line.key) <= 12:
            pending_part = clean_label(line.text)
            continue
        if current and current.title and len(current.lines) == 1 and is_title_continuation(line):
            current.title += clean_label(line.text)  # 华容县2020年度部门整体支出 / 绩效评价自评报告
            current.lines.append(line)
            continue
        title = title_of(line)
        if title and current and not current.lines[1:] and ATTACHMENT_NOTE.match(line.key):
            title = None  # 附件：2018年度项目支出绩效自评报告 under a title names a file, starts no report
        if title:
            kind, is_rubric = title
            # A cover title may run over two lines; the second one continues the same segment.
            if not (
                current
                and current.kind == kind
                and current.is_rubric == is_rubric
                and not current.form_started
                and not current.lines[1:]
            ):
                head = title_head_of(above)  # XX县第一小学2023年度 / 部门整体支出绩效自评报告
                if head:  # the whole title decides: …部门整体和 / 项目支出绩效自评报告 is the department's
                    kind, is_rubric = title_kind(label_key(head + line.text)) or title
                current = Segment(
                    kind,
                    is_rubric,
                    part=pending_part,
                    title=head,
                    place=place_of(label_key(head)) if head else None,
                    year=int(YEAR.search(head)[1]) if head else None,
                    year_line=above if head else None,
                    unit_line=None if head else unit_line_of(above),
                )
                segments.append(current)
                pending_part = None
            current.title = (current.title or "") + clean_label(line.text)
            current.place = current.place or place_of(line.key)
            year = TITLE_YEAR.search(line.key)
            if year and not current.year:
                current.year, current.year_line = int(year.group(1)), line
            current.lines.append(line)
            continue
        started = form_start(line)
        if started:
            if current is None or current.kind != started or current.is_rubric or current.form_started:
                current = Segment(started, False, part=pending_part)
                segments.append(current)
                pending_part = None
            current.form_started = True
        if current is None:
            if is_rubric_header(line):
                current = Segment("", True, part=pending_part)
                segments.append(current)
            else:
                continue  # text before anything we recognise
        current.lines.append(line)
    return segments


def to_reports(raw: RawDocument) -> list[Report]:
    """All reports in a raw document; raises NotAReport when there is none.

    The document's labels choose its family (`normalize.families`); the 华容 template is read here.
    """
    from jixiao_audit.normalize.families import recognise

    clear_number_cache()  # figures remembered for this document only: the next one has its own
    stream = document_to_stream(raw)
    family = recognise(stream.lines)
    # another family's form is cut into 华容 segments only when it may be attached to a 华容 report
    attachable = family is None or (family.kind == DEPARTMENT and family.attaches)
    segments = split_segments(stream.lines) if attachable else []
    if family is not None:
        lead, start = leading_department(stream, family, raw.file)
        own = family.reader(stream.lines[start:], raw.file, family)
        if not (attachable and any(not s.is_rubric for s in segments)):
            # another family's form: its tracked changes go to its (first) report
            attach_revisions(raw.revisions, raw.file, [(stream.lines[start:], report) for report in own[:1]])
            reports = lead + own
            complete_from_file(reports, stream.lines, raw.file)
            return reports
        # a 华容 department report with its 基础数据表 attached: one report, the table's figures added
        reports = to_reports_of_segments(segments, raw.file, stream, raw.revisions)
        attach_basic_data(reports, own)
    else:
        reports = to_reports_of_segments(segments, raw.file, stream, raw.revisions)
    complete_from_file(reports, stream.lines, raw.file)
    return reports


def complete_from_file(reports: list[Report], lines: list[Line], file: str) -> None:
    """What a combined file states once for all its reports: the year, the unit of its projects."""
    date_undated_reports(reports, lines, file)
    name_unnamed_projects(reports)


def leading_department(stream, family, file: str) -> tuple[list[Report], int]:
    """A department's own report (a titled report in sentences, or the 华容 form) standing before a
    project family's forms in one file, and the line where the forms start; ([], 0) when none.
    Without this the department's title and text were read as the first project form's cover."""
    from jixiao_audit.normalize.families.table_form import starts_form

    if family.kind != PROJECT:
        return [], 0
    start = next((i for i, line in enumerate(stream.lines) if starts_form(line)), 0)
    segments = [s for s in split_segments(stream.lines[:start]) if not s.is_rubric]
    if not any(s.kind == DEPARTMENT and s.title for s in segments):
        return [], 0
    lead = [read_report(s, file) for s in segments]
    if not all(r.narrative or r.statements for r in lead):
        return [], 0  # a bare title over the forms (附件 / …绩效自评报告): theirs, as before
    return lead, start


def attach_basic_data(reports: list[Report], family_reports: list[Report]) -> None:
    """The 基础数据表 block of a family read goes to the document's (first) department report."""
    target = next((r for r in reports if r.kind == DEPARTMENT and r.basic_data is None), None)
    for extra in family_reports:
        if target is not None and extra.basic_data is not None:
            target.basic_data = extra.basic_data
            target.sources.update({k: v for k, v in extra.sources.items() if k.startswith("basic_data")})


def to_reports_of_segments(
    segments: list[Segment], file: str, stream, revisions: Sequence[RawRevision] = ()
) -> list[Report]:
    """The 华容 template's reports of a document cut into segments; each tracked change goes to the
    report (or rubric) whose lines hold it."""
    from jixiao_audit.normalize.families import labels_found

    reports: list[tuple[Segment, Report]] = []
    rubrics: list[tuple[int, Segment]] = []
    segments = standalone_rubrics(segments)
    for n, segment in enumerate(segments):
        if segment.is_rubric:
            rubrics.append((n, segment))
        else:
            reports.append((segment, read_report(segment, file)))
    if not reports:
        found = labels_found(stream.lines)
        seen = f"；识别到的标签：{'、'.join(found)}" if found else ""
        raise NotAReport(
            f"不是绩效评价自评报告（未识别的表式）：未找到任何已知表式（部门整体支出、项目支出绩效自评报告或自评表）的标题或表格{seen}"
        )
    owned = [(segment.lines, report) for segment, report in reports]
    for n, rubric in rubrics:
        target = rubric_owner(n, rubric, segments, reports)
        if target is not None:
            attach_rubric(target, rubric, file)
            owned.append((rubric.lines, target))
    attach_revisions(revisions, file, owned)
    return [report for _, report in reports]


def standalone_rubrics(segments: list[Segment]) -> list[Segment]:
    """A titled score sheet published on its own (no report before or after it: 某县民政局2022年项目支出
    绩效自评指标计分表) is its report: its title names the unit and year, its table the scores."""
    if any(not s.is_rubric for s in segments):
        return segments
    return [replace(s, is_rubric=False) if s.title else s for s in segments]


def rubric_owner(n: int, rubric: Segment, segments: list[Segment], reports: list[tuple[Segment, Report]]):
    """The report a rubric belongs to: same kind, nearest before it, else nearest after it."""
    order = {id(seg): i for i, seg in enumerate(segments)}
    same_kind = [(order[id(seg)], rep) for seg, rep in reports if not rubric.kind or seg.kind == rubric.kind]
    before = [rep for i, rep in same_kind if i < n]
    after = [rep for i, rep in same_kind if i > n]
    if before:
        return before[-1]
    if after:
        return after[0]
    return reports[-1][1] if len(reports) == 1 else None


def attach_rubric(report: Report, rubric: Segment, file: str) -> None:
    parsed = Parsed()
    i = 0
    while i < len(rubric.lines):
        if is_rubric_header(rubric.lines[i]):
            part, i = parse_rubric(rubric.lines, i, file, start_index=len(report.score_items))
            merge_into(report, part)
        else:
            i += 1
    report.rubric_title = report.rubric_title or rubric.title
    merge_into(report, parsed)


def merge_into(report: Report, parsed: Parsed) -> None:
    """Apply parsed score items/totals to an existing report (rubrics read after the form)."""
    items = parsed.values.get("score_items", [])
    report.score_items.extend(SCORE_ITEMS.validate_python(items))  # one validation call for all
    for name in ("score_total_max", "score_total_self"):
        if name in parsed.values and getattr(report, name) is None:
            setattr(report, name, parsed.values[name])
    report.sources.update(parsed.sources)


def read_report(segment: Segment, file: str) -> Report:
    """Read one report's lines section by section into a Report."""
    vocab = DEPARTMENT_LABELS if segment.kind == DEPARTMENT else PROJECT_LABELS
    data: dict[str, object] = {
        "income": [],
        "expenditure": [],
        "three_public": [],
        "fixed_assets": [],
        "score_items": [],
        "indicators": [],
        "narrative": [],
        "evaluators": [],
        "signoffs": [],
    }
    sources: dict = {}
    lines = segment.lines
    money_unit = "万元"
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_rubric_header(line):
            part, i = parse_rubric(lines, i, file, start_index=len(data["score_items"]))
            data["score_items"] += part.values.pop("score_items")
            absorb(data, sources, part)
            continue
        anchor = is_money_anchor(line) if not line.is_paragraph else None
        if anchor and not data[anchor[0]]:
            name, columns = anchor
            rows, part, money_unit, i = parse_money_table(lines, i, name, columns, file, money_unit)
            data[name] = rows
            sources.update(part.sources)
            continue
        if is_funds_anchor(line) and not line.is_paragraph:
            part, i = parse_funds(lines, i, file)
            absorb(data, sources, part)
            continue
        if is_expense_anchor(line):
            part, i = parse_expenses(lines, i, file)
            absorb(data, sources, part)
            continue
        section = indicator_section(line) if not line.is_paragraph else None
        if section:
            part, i = parse_indicators(lines, i, section, file, start_index=len(data["indicators"]))
            data["indicators"] += part.values.pop("indicators")
            absorb(data, sources, part)
            continue
        if is_evaluator_header(line):
            sources.setdefault("evaluators", line.source(file, 0))
            people, i = parse_evaluators(lines, i)
            data["evaluators"] += people
            continue
        narrative_idx = is_narrative_start(line)
        if narrative_idx is not None and not data["narrative"]:
            part, i = parse_narrative(lines, i, narrative_idx, file, segment.kind or DEPARTMENT)
            absorb(data, sources, part)
            continue
        read_signoffs(line, data, sources, file)
        read_fields(line, vocab, data, sources, file)
        i += 1
    data["form"] = HUARONG
    if is_prose_only(segment, data):
        data["form"] = PROSE
        read_prose(segment, data, sources, file)
        score_of_sheet(data, sources)
    return build_report(segment, file, data, sources)


def score_of_sheet(data: dict, sources: dict) -> None:
    """A prose report whose text states no score (a score sheet published alone) takes its sheet's
    总分 row: the score the unit gave itself."""
    if data.get("self_score") is None and data.get("score_total_self") is not None:
        data["self_score"] = data["score_total_self"]
        if "score_total_self" in sources:
            sources["self_score"] = sources["score_total_self"]


def is_prose_only(segment: Segment, data: dict) -> bool:
    """A titled report with no form: neither a form start, nor a money/funds table, nor a 综述 cell."""
    return (
        bool(segment.title)
        and not segment.form_started
        and not any(data.get(name) for name in ("narrative", "income", "expenditure", "funds", "expenses"))
    )


def read_prose(segment: Segment, data: dict, sources: dict, file: str) -> None:
    """The body paragraphs as the narrative; the totals and identity they state as the form's fields."""
    start = 0
    while start < len(segment.lines) and clean_label(segment.lines[start].text) in (segment.title or ""):
        start += 1  # the title's own lines
    body = [line for line in segment.lines[start:] if line.is_paragraph]
    unit = data.get("department") or segment.unit_line or title_unit(segment.title)
    if unit and not data.get("department"):
        data["department"] = unit  # a score sheet alone has no body: its title still names the unit
    if not body:
        return
    if not unit:
        # 2022年度项目支出绩效自评总报告 names no unit: its first lines may
        unit, where = body_unit(body)
        if unit:
            data["department"], sources["department"] = unit, where.source(file, 0)
    kind = segment.kind or DEPARTMENT
    named = PROJECT_UNDER_TITLE.match(body[0].key) if kind == PROJECT else None
    if named and not data.get("project_name"):
        # 昌宁县第一示范小学2023年度项目支出绩效自评报告 / （教育专项工作经费）: the project, named under the title
        data["project_name"], sources["project_name"] = named["name"], body[0].source(file, 0)
        body = body[1:]
    if kind == PROJECT and not data.get("project_name"):
        # 以工代赈项目2020年绩效评价报告: the title names the project
        name = title_project(segment.title, unit)
        if name:
            data["project_name"] = name
            if segment.year_line is not None:
                sources["project_name"] = segment.year_line.source(file, 0)
    part, _ = parse_narrative(body, 0, 0, file, kind, skip=0)
    absorb(data, sources, part)
    unit = data.get("department") or unit
    for path, statement in stated_totals(data["statements"], kind).items():
        if path not in sources:
            put_stated(data, path, statement.value, unit or "合计")
            sources[path] = statement.source
    for line in body:
        grade = grade_in(line.text)
        if grade and "grade" not in sources:
            data["grade"], sources["grade"] = grade, line.source(file, 0)
        if kind == DEPARTMENT:
            for name, value in staffing_in(line.text).items():
                if f"staffing.{name}" not in sources:
                    set_path(data, f"staffing.{name}", value)
                    sources[f"staffing.{name}"] = line.source(file, 0)


def body_unit(body: list[Line]) -> tuple[str | None, Line | None]:
    """The unit a report's first paragraphs name as the subject of its year's figures ("（一）南昌市烈士陵园
    管理处2022年度共有5个项目"), for a title that names none."""
    for line in body[:BODY_UNIT_LINES]:
        m = BODY_UNIT.match(line.key)
        if m:
            return m["unit"], line
    return None, None


def put_stated(data: dict, path: str, value: object, unit: str) -> None:
    """A stated total at its model path; "income[0].total" makes the table's one row, named for the unit."""
    table, _, name = path.partition("[0].")
    if not name:
        set_path(data, path, value)
        return
    if not data[table]:
        data[table].append({"unit": unit})
    data[table][0][name] = value


def absorb(data: dict, sources: dict, part: Parsed) -> None:
    for path, value in part.values.items():
        set_path(data, path, value)
    sources.update(part.sources)


def set_path(data: dict, path: str, value: object) -> None:
    """data["a"]["b"] = value for path "a.b", creating the dicts on the way."""
    *parents, leaf = path.split(".")
    for name in parents:
        data = data.setdefault(name, {})
    data[leaf] = value


def read_signoffs(line: Line, data: dict, sources: dict, file: str) -> None:
    for idx, key in enumerate(line.keys):
        role = signoff_role(key)
        if role and role not in [s["role"] for s in data["signoffs"]]:
            sources[f"signoffs[{len(data['signoffs'])}].date"] = line.source(file, idx)
            data["signoffs"].append({"role": role, "date": date_or_none(line.cells[idx].text)})


INT_FIELDS = {"staffing.authorized", "staffing.actual"}
YEAR_VALUE = re.compile(r"^((?:19|20)[0-9]{2})\s*年?度?$")
# Fields whose blank value is itself worth keeping (the form had the line; completeness rules ask).
BLANK_MEANS_SOMETHING = ("report_date", "evaluation_type")


def read_fields(line: Line, vocab, data: dict, sources: dict, file: str) -> None:
    """Label | value pairs; the first occurrence of a field wins."""
    for name, raw_value, idx in label_value_pairs(line, vocab):
        if name in sources:
            continue
        value = field_value(name, raw_value)
        if value is None and name not in BLANK_MEANS_SOMETHING:
            continue
        set_path(data, name, value)
        source = line.source(file, idx)
        # a value read out of "label：value" keeps the whole line as its raw text
        sources[name] = source.with_raw(line.text.strip()) if raw_value != source.raw else source


def field_value(name: str, raw: str) -> object:
    text = clean_text(raw)
    if name in INT_FIELDS:
        number = maybe_number(text)
        return int(number) if number is not None else None
    if name == "self_score":
        return maybe_number(text)
    if name == "report_date":
        return date_or_none(text)
    if name == "year":
        m = YEAR_VALUE.match(clean_label(text))
        return int(m.group(1)) if m else None
    if name == "evaluation_type":
        _, ticked = ticked_options(text)
        return "、".join(ticked) or None
    if name in ("department", "project_name", "supervisor", "grade", "budget_code", "contact", "manager"):
        value = clean_label(text)
        # 单位：万元 states the money unit, never the unit's name
        return None if not value or (name == "department" and value in V.MONEY_UNIT_WORDS) else value
    return text or None


def build_report(segment: Segment, file: str, data: dict, sources: dict) -> Report:
    kind = segment.kind or DEPARTMENT
    county = clean_label(segment.place) if segment.place else None
    if not county and segment.unit_line:
        county = place_of(label_key(segment.unit_line))
    if not county:
        cover = "\n".join(line.text for line in segment.lines[:80] if not NOT_COVER.search(line.text))
        m = COUNTY.search(label_key(cover))
        county = m.group(1) if m else None
    stated_year = data.pop("year", None)  # 评价年度：2022 on the cover
    stated_source = sources.pop("year", None)
    if segment.year:
        year, year_source = segment.year, line_source(segment.year_line, file)
    elif stated_year is not None:
        year, year_source = stated_year, stated_source
    else:
        year, year_source = first_year(data, sources, segment.lines[:80], file)
    if year_source is not None:
        sources["year"] = year_source
    if kind == PROJECT and not data.get("department"):
        data["department"] = data.get("supervisor")
    funds = data.pop("funds", {})
    report = Report(
        file=file,
        kind=kind,
        part=segment.part,
        title=segment.title,
        county=county,
        year=year,
        funds=funds,
        sources=sources,
        **data,
    )
    return report


def first_year(data: dict, sources: dict, lines: list[Line], file: str) -> tuple[int | None, Source | None]:
    """The report's year when the title does not say, with where it was read: from 项目起止时间,
    else the first line naming a year ('YYYY年')."""
    m = YEAR.search(data.get("period") or "")
    if m:
        return int(m.group(1)), sources.get("period")
    found = first_year_line(lines)
    return (found[0], line_source(found[1], file)) if found else (None, None)
