"""Every registered rule: one minimal report set that fires it, one that does not.

`FIXTURES` maps each rule code to (firing, clean) builders of report lists. The parametrized tests
run over the registry, so a new rule of families A/N/R/X/C/V without a fixture, docstring or
template fails here. Rules of other families (Y6xx year-over-year, written elsewhere) must be
documented too; their fixtures may live in any `tests/*rule_fixtures*.py` module exposing a
`FIXTURES` dict of the same shape, else their firing/clean tests fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.registry import all_rules
from jixiao_audit.normalize.model import Report, Revision, Source

from tests.form_factory import form_report
from tests.prose_factory import prose_department, prose_project
from tests.report_factory import D, clean_department, clean_pair, clean_project, restate, yuan

Builder = Callable[[], list[Report]]


def dept(change: Callable[[Report], object]) -> Builder:
    """clean department + clean project, the department changed by `change`."""

    def build() -> list[Report]:
        d = clean_department()
        change(d)
        return [d, clean_project()]

    return build


def proj(change: Callable[[Report], object]) -> Builder:
    def build() -> list[Report]:
        p = clean_project()
        change(p)
        return [clean_department(), p]

    return build


def both(change: Callable[[Report, Report], object]) -> Builder:
    def build() -> list[Report]:
        d, p = clean_department(), clean_project()
        change(d, p)
        return [d, p]

    return build


def setattrs(obj: object, **values: object) -> None:
    for k, v in values.items():
        setattr(obj, k, v)


def _scale_expenses_to_wan(p: Report) -> None:
    """Someone typed the 万元 figures into the 元 column: 150 元 instead of 1500000 元."""
    for e, amount in zip(p.expenses, ("150", "120", "80")):
        e.amount = yuan(amount)
    p.expenses_total = yuan("350")


def reword(old: str, new: str, count: int | None = None) -> Callable[[Report], None]:
    """Replace narrative wording: every occurrence, or only the first `count`."""

    def change(r: Report) -> None:
        left = count
        hits = 0
        for section in r.narrative:
            n = section.text.count(old) if left is None else min(section.text.count(old), left)
            section.text = section.text.replace(old, new, n)
            hits += n
            left = None if left is None else left - n
        assert hits, f"{old!r} not in the narrative"
        restate(r)

    return change


def _zero_department_balance(d: Report) -> None:
    for row in d.expenditure:
        row.balance_current = row.balance_cumulative = D("0.00")


def _tracked_arrived(p: Report) -> None:
    """实际到位资金 corrected from 410 to 400 as an unaccepted tracked change in the funds table."""
    src = p.sources["funds.arrived.total"]
    p.revisions.append(
        Revision(
            old="410",
            new="400",
            author="张三",
            date="2021-03-20T09:30:00Z",
            path="funds.arrived.total",
            label="实际到位资金",
            source=src,
        )
    )


def _reworded_only(p: Report) -> None:
    """A tracked change that alters wording, no figure: not a V701 notice."""
    p.revisions.append(
        Revision(old="项目实施顺利", new="项目实施总体顺利", source=Source(file=p.file, paragraph=3))
    )


def _resubmitted(
    change: Callable[[Report], object] | None = None, name: str = "项目自评报告（修改稿）.docx"
) -> Builder:
    """The clean pair plus a second copy of the project under another file name, changed by `change`."""

    def build() -> list[Report]:
        d, p, again = clean_department(), clean_project(), clean_project()
        again.file = name
        if change is not None:
            change(again)
        return [d, p, again]

    return build


def _item(r: Report, label: str):
    return next(i for i in r.score_items if i.level3 == label)


def form(name: str, change: Callable[[Report], object] | None = None) -> Builder:
    """The clean form of a family (tests/form_factory.py) read from Word, changed by `change`."""

    def build() -> list[Report]:
        r = form_report(name)
        if change is not None:
            change(r)
        return [r]

    return build


def _states_score(r: Report, off_by: D) -> None:
    """The form's 评价结论 repeats its total score, off by `off_by` points."""
    from jixiao_audit.normalize.prose import statements_in

    total = r.self_score if r.self_score is not None else r.score_total_self
    text = f"经自评，该项目自评总分为{total + off_by}分。"
    r.statements.extend(statements_in(text, Source(file=r.file, raw=text), r.kind))


def _blank_points(r: Report) -> None:
    for i in r.indicators:
        i.points = None
    for line in r.budget_lines:
        line.points = None
    r.score_total_self = r.self_score = None


def _garbled_general_budget(d: Report) -> None:
    """A unit's 一般公共预算 cell that does not parse: blank value, the raw text kept."""
    d.income[1].general_budget = None
    d.sources["income[1].general_budget"] = Source(file=d.file, table=0, row=4, col=3, raw="5,5ㄖ4.8")


FIXTURES: dict[str, tuple[Builder, Builder]] = {
    # A1xx arithmetic
    "A101": (dept(lambda d: setattr(d.income[1], "total", D("601.00"))), clean_pair),
    "A102": (dept(lambda d: setattr(d.expenditure[0], "total", D("960.00"))), clean_pair),
    "A103": (dept(lambda d: setattr(d.expenditure[2], "basic", D("160.00"))), clean_pair),
    "A104": (dept(lambda d: setattr(d.three_public[0], "total", D("6.00"))), clean_pair),
    "A105": (dept(lambda d: setattr(d.fixed_assets[1], "total", D("210.00"))), clean_pair),
    "A106": (
        dept(lambda d: setattrs(d.income[2], general_budget=D("331.00"), total=D("401.00"))),
        clean_pair,
    ),
    "A107": (dept(lambda d: setattr(d.expenditure[0], "balance_current", D("40.00"))), clean_pair),
    "A108": (dept(lambda d: setattrs(d.expenditure[1], balance_current=None, total=D("650.00"))), clean_pair),
    "A109": (proj(lambda p: setattr(p.funds.arrived, "county", None)), clean_pair),
    "A111": (proj(lambda p: setattr(p.funds.planned, "county", D("210"))), clean_pair),
    "A112": (proj(lambda p: setattrs(p.funds.balance, total=D("60"), county=D("60"))), clean_pair),
    "A113": (proj(lambda p: setattr(p, "expenses_total", yuan("3600000"))), clean_pair),
    "A114": (proj(_scale_expenses_to_wan), clean_pair),
    # form families (issue 10)
    "A121": (form("national", lambda r: setattr(r.budget_lines[0], "adjusted", D("130"))), form("national")),
    "A122": (form("sichuan", lambda r: setattr(r.budget_lines[0], "rate", D("85"))), form("sichuan")),
    "A123": (
        form("hunan_basic", lambda r: setattr(r.basic_data.cost_control[0], "final", D("45.29"))),
        form("hunan_basic"),
    ),
    "A124": (
        form("hunan_basic", lambda r: setattr(r.basic_data.staffing, "control_rate", D("92.00"))),
        form("hunan_basic"),
    ),
    "R321": (form("national", lambda r: setattr(r.budget_lines[0], "points", D("9.9"))), form("national")),
    "R322": (form("yunnan", lambda r: setattr(r.indicators[0], "actual", "480")), form("yunnan")),
    "R323": (form("sichuan", lambda r: setattr(r.indicators[0], "points", D("25"))), form("sichuan")),
    "R324": (form("national", lambda r: setattr(r.indicators[0], "max_points", D("25"))), form("national")),
    "R325": (form("sichuan", lambda r: setattr(r, "score_total_self", D("98.5"))), form("sichuan")),
    "C521": (form("sichuan", lambda r: setattr(r.indicators[4], "actual", "85")), form("sichuan")),
    "C522": (form("national", _blank_points), form("national")),
    "C523": (form("national", lambda r: setattr(r.indicators[1], "name", "指标2：")), form("national")),
    "N221": (
        form("hunan_basic", lambda r: setattr(r.score_items[1], "note", "本年三公经费44.29万元，上年32万元")),
        form(
            "hunan_basic", lambda r: setattr(r.score_items[1], "note", "本年三公经费44.29万元，上年29.08万元")
        ),
    ),
    # R3xx rubric
    "R301": (dept(lambda d: setattr(d, "self_score", D("96"))), clean_pair),
    "R302": (dept(lambda d: setattr(d, "score_total_self", D("93"))), clean_pair),
    "R303": (dept(lambda d: setattr(_item(d, "重点支出安排率"), "self_points", D("6"))), clean_pair),
    "R304": (dept(lambda d: setattr(_item(d, "社会效益"), "max_points", D("35"))), clean_pair),
    "R305": (dept(lambda d: setattr(d, "score_total_max", D("99"))), clean_pair),
    "R306": (dept(lambda d: setattr(d, "grade", "良好")), clean_pair),
    "R307": (dept(lambda d: setattr(d.staffing, "actual", 60)), clean_pair),
    "R308": (dept(lambda d: setattr(d.staffing, "actual", 60)), clean_pair),
    # N2xx narrative
    "N201": (dept(reword("政府性基金收入200万元", "政府性基金收入210万元")), clean_pair),
    "N202": (dept(reword("占本年收入合计的74%", "占本年收入合计的47%")), clean_pair),
    "N203": (proj(reword("资金到位率为80%", "资金到位率为100%")), clean_pair),
    "N204": (proj(reword("受益农户1200户", "受益农户1300户", count=1)), clean_pair),
    "N205": (proj(reword("完成投资350万元", "完成投资900万元")), clean_pair),
    "N206": (dept(lambda d: setattr(d.staffing, "actual", 60)), clean_pair),
    # N207–N211: arithmetic inside the text of prose-only reports
    "N207": (
        lambda: prose_project(
            "本项目共完成预算资金45.60万元，其中设备购置20万元、教师培训15万元、宣传10.8万元。"
        ),
        lambda: prose_project(
            "本项目共完成预算资金45.60万元，其中设备购置20万元、教师培训15万元、宣传10.6万元。"
        ),
    ),
    "N213": (
        lambda: prose_department(
            "2023年度部门总支出100.00万元，具体为：人员经费50.00万元，公用经费10.00万元，项目经费30.00万元。"
        ),
        lambda: prose_department(
            "2023年度部门总支出100.00万元，具体为：人员经费50.00万元，公用经费10.00万元，项目经费40.00万元。"
        ),
    ),
    "N208": (
        lambda: prose_department("全年共实施项目12个，其中年初安排7个，年中追加6个。"),
        lambda: prose_department("全年共实施项目12个，其中年初安排7个，年中追加5个。"),
    ),
    "N209": (
        lambda: prose_project("全年预算数200万元，全年执行数180万元，预算执行率为95%。"),
        lambda: prose_project("全年预算数200万元，全年执行数180万元，预算执行率为90%。"),
    ),
    "N210": (
        lambda: prose_department(
            "本年收入合计1200.50万元。", "二、绩效情况", "全年收入合计1250.50万元，保障了运转。"
        ),
        lambda: prose_department(
            "本年收入合计1200.50万元。", "二、绩效情况", "全年收入合计1200.50万元，保障了运转。"
        ),
    ),
    "N211": (
        lambda: prose_project("本项目共申请资金135万元，其中设备购置300000万元、教师培训105万元。"),
        lambda: prose_project("本项目共申请资金135万元，其中设备购置30万元、教师培训105万元。"),
    ),
    "N212": (
        form("sichuan", lambda r: _states_score(r, D(2))),
        form("sichuan", lambda r: _states_score(r, D(0))),
    ),
    # X4xx cross-document
    "X401": (dept(reword("现已到位资金400万元", "现已到位资金410万元")), clean_pair),
    "X402": (dept(_zero_department_balance), clean_pair),
    "X403": (dept(lambda d: setattr(d.expenditure[0], "project", D("300.00"))), clean_pair),
    # C5xx completeness
    "C501": (dept(lambda d: setattr(d, "report_date", None)), clean_pair),
    "C502": (proj(lambda p: setattr(p, "evaluation_type", None)), clean_pair),
    "C503": (proj(lambda p: [setattr(i, "target", None) for i in p.indicators]), clean_pair),
    "C504": (dept(lambda d: setattr(d, "evaluators", [])), clean_pair),
    "C505": (proj(lambda p: setattr(p.signoffs[1], "date", None)), clean_pair),
    "C506": (dept(lambda d: setattr(d, "grade", None)), clean_pair),
    "C507": (dept(_garbled_general_budget), clean_pair),
    # V7xx versions of one report
    "V701": (proj(_tracked_arrived), proj(_reworded_only)),
    "V702": (_resubmitted(), clean_pair),
    "V703": (
        _resubmitted(lambda p: setattr(p.funds.arrived, "total", D("410"))),
        _resubmitted(lambda p: setattr(p, "project_name", "另一个项目")),  # another project: no group
    ),
}

OWN_FAMILIES = {"arithmetic", "narrative", "rubric", "cross", "completeness", "version"}


def _discovered_fixtures() -> dict[str, tuple[Builder, Builder]]:
    import importlib
    from pathlib import Path

    found: dict[str, tuple[Builder, Builder]] = {}
    for path in sorted(Path(__file__).parent.glob("*rule_fixtures*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        found.update(getattr(module, "FIXTURES", {}))
    return found


ALL_FIXTURES = _discovered_fixtures() | FIXTURES
RULES = all_rules()
CODES = [r.code for r in RULES]


def fixture_for(rule):
    if rule.code not in ALL_FIXTURES:
        pytest.fail(
            f"{rule.code} ({rule.family}) has no firing/clean fixture (FIXTURES or tests/*rule_fixtures*.py)"
        )
    return ALL_FIXTURES[rule.code]


def audited(built) -> list:
    """Findings of a fixture: a list of reports, or (reports, rubric files) for a bureau's own rubric."""
    reports, rubrics = built if isinstance(built, tuple) else (built, None)
    return run_audit(reports, rubrics).findings


def codes_found(built) -> set[str]:
    return {f.rule for f in audited(built)}


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_rule_is_documented(rule):
    assert re.fullmatch(r"[ANRXCYV]\d{3}", rule.code)
    assert rule.severity in ("error", "warning", "info")
    assert rule.name and re.search(r"[\u4e00-\u9fff]", rule.name)
    assert len(rule.doc) > 40, f"{rule.code} needs a docstring saying what it checks and why"
    assert rule.template and re.search(r"[\u4e00-\u9fff]", rule.template), "Chinese message template"
    if rule.family in OWN_FAMILIES:
        assert rule.code in FIXTURES, f"{rule.code} has no firing/clean fixture in FIXTURES"


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_rule_fires(rule):
    firing, _ = fixture_for(rule)
    found = audited(firing())
    assert rule.code in {f.rule for f in found}, [f.message for f in found]
    assert not [f for f in found if f.rule.startswith("E")], "no rule may crash"
    for f in found:
        if f.rule == rule.code:
            assert f.severity == rule.severity
            assert re.search(r"[\u4e00-\u9fff]", f.message)
            assert "{" not in f.message


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_rule_quiet_on_clean(rule):
    _, clean = fixture_for(rule)
    found = codes_found(clean())
    assert rule.code not in found


def test_fixtures_name_only_registered_rules():
    assert set(FIXTURES) <= set(CODES)


def test_clean_reports_give_no_finding_at_all():
    findings = run_audit(clean_pair()).findings
    assert findings == [], [f"{f.rule} {f.message}" for f in findings]


def test_clean_reports_alone():
    assert run_audit([clean_department()]).findings == []
    assert run_audit([clean_project()]).findings == []


def test_c523_reads_a_forms_closing_blocks_not_a_huarong_narrative():
    """Template marks (（200字以内）) left in a family form's 评价结论 are 未填; the 华容 narrative is
    free prose, where words such as 请根据 are the writer's own (its `form` id no longer means "a family")."""
    d = clean_department()
    d.narrative[-1].text += "\n请根据实际情况（200字以内）。"
    assert "C523" not in codes_found([d, clean_project()])

    def blank_conclusion(r: Report) -> None:
        r.narrative[0].text = "（200字以内）"

    found = [f for f in run_audit(form("sichuan", blank_conclusion)()).findings if f.rule == "C523"]
    assert len(found) == 1 and "评价结论" in found[0].message


def test_r303_flags_a_form_indicator_above_its_points_that_nothing_rescores():
    """An indicator whose 完成值 re-scores nothing (a 定性 target answered "见附件") scored 31 of its 30: only
    R303 names the item (R325 sees the total); one that can be re-scored is R322's, never both."""

    def unscorable(points: str) -> Callable[[Report], None]:
        return lambda r: setattrs(r.indicators[3], actual="见附件", points=D(points))

    found = run_audit(form("national", unscorable("31"))()).findings
    (r303,) = [f for f in found if f.rule == "R303"]
    assert "群众知晓度" in r303.message and (r303.expected, r303.actual) == (D(30), D(31))
    assert "R303" not in {f.rule for f in run_audit(form("national", unscorable("30"))()).findings}
    over = run_audit(form("national", lambda r: setattr(r.indicators[0], "points", D("21")))()).findings
    assert "R322" in {f.rule for f in over} and "R303" not in {f.rule for f in over}
