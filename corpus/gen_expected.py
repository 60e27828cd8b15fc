"""The answer key's expected canonical model of a synthetic report (`Report.values()` shape).

Built from what the file shows, by the model's documented conventions: money in 万元 (元 figures
scaled keeping their digits), blank cells None, labels with the whitespace between Chinese
characters removed, multi-line texts with each line stripped, dates ISO, the ticked 评价类型,
rows sharing a merged score cell as one item, the narrative in sections at its headings.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao_audit.normalize import model as m
from jixiao_audit.normalize.families import HUARONG

from corpus import content as c
from corpus.gen_forms import DEPARTMENT_RUBRIC_HEADING, PROJECT_RUBRIC_HEADING
from corpus.gen_model import FUND_BLOCKS, Common, DeptYear, ProjectYear, Section
from corpus.gen_rubric import items, label_text, line_text, multiline_text, total_row
from corpus.gen_text import paragraph_text

DEPARTMENT_SIGNOFF_ROLES = ("评价组组长", "部门（单位）意见", "财政部门归口业务科室意见")
PROJECT_SIGNOFF_ROLES = ("评价组组长", "项目单位意见", "主管部门意见", "财政部门归口业务科室意见")
QUALITATIVE = "定性目标"


def _none_if_blank(text: str) -> str | None:
    return text or None


def narrative(sections: list[Section]) -> list[m.NarrativeSection]:
    out = []
    for s in sections:
        lines = [line_text(paragraph_text(p)) for p in s.paragraphs]
        out.append(m.NarrativeSection(heading=line_text(s.heading), text="\n".join(x for x in lines if x)))
    return out


def indicators(k: Common, with_target: bool) -> list[m.Indicator]:
    out = [
        m.Indicator(level1=QUALITATIVE, target=multiline_text(t) or None, actual=multiline_text(a) or None)
        for t, a in k.goals
    ]
    for i in k.indicators:
        out.append(
            m.Indicator(
                level1=label_text(i.level1) or None,
                level2=label_text(i.level2) or None,
                name=multiline_text(i.name) or None,
                target=(multiline_text(i.target) or None) if with_target else None,
                actual=multiline_text(i.actual) or None,
            )
        )
    return out


def common_fields(k: Common, roles: tuple[str, ...], rubric_title: str) -> dict:
    total_max, total_self = total_row(k.rubric)
    return {
        "county": k.county.name,
        "year": k.year,
        "self_score": Decimal(k.form_score_text) if k.form_score_text.strip() else None,
        "grade": label_text(k.grade) or None,
        "report_date": k.report_date.isoformat() if k.report_date else None,
        "evaluation_method": c.SELF_EVALUATION,
        "evaluation_body": c.SELF_EVALUATION_GROUP,
        "evaluators": [
            m.Evaluator(name=p.name, title=_none_if_blank(p.title), unit=_none_if_blank(p.unit))
            for p in k.evaluators
        ],
        "signoffs": [
            m.SignOff(role=role, date=date.isoformat() if date else None)
            for role, date in zip(roles, k.signoff_dates)
        ],
        "score_items": [
            m.ScoreItem(
                level1=i.level1,
                level2=i.level2,
                level3=i.level3,
                criteria=i.criteria,
                max_points=i.max_points,
                self_points=i.self_points,
                note=i.note,
            )
            for i in items(k.rubric)
        ],
        "score_total_max": total_max,
        "score_total_self": total_self,
        "rubric_title": rubric_title,
        "narrative": narrative(k.narrative),
    }


def department(d: DeptYear) -> dict:
    k = d.common
    rows = {table: [{"unit": label_text(r.unit), **r.values} for r in d.tables[table]] for table in d.tables}
    report = m.Report(
        file="",
        kind="department",
        form=HUARONG,
        part="附件2-1",
        title=f"{k.county.name}{k.year}年度部门整体支出绩效评价自评报告",
        department=d.name,
        budget_code=d.budget_code,
        contact=d.contact,
        contact_phone=d.phone,
        staffing=m.Staffing(authorized=d.staffing[0], actual=d.staffing[1]),
        duties=multiline_text(d.duties),
        income=[m.IncomeRow(**r) for r in rows["income"]],
        expenditure=[m.ExpenditureRow(**r) for r in rows["expenditure"]],
        three_public=[m.ThreePublicRow(**r) for r in rows["three_public"]],
        fixed_assets=[m.FixedAssetRow(**r) for r in rows["fixed_assets"]],
        indicators=indicators(k, with_target=False),
        **common_fields(k, DEPARTMENT_SIGNOFF_ROLES, DEPARTMENT_RUBRIC_HEADING),
    )
    return report.values()


def _wan(yuan: Decimal | None) -> Decimal | None:
    return None if yuan is None else yuan.scaleb(-4)


def project(p: ProjectYear) -> dict:
    k = p.common
    funds = m.Funds(**{b: m.FundsBySource(**p.funds[b]) for b in FUND_BLOCKS})
    report = m.Report(
        file="",
        kind="project",
        form=HUARONG,
        part="附件2-2",
        title=f"{k.county.name}财政支出绩效评价自评报告",
        department=p.unit,
        project_name=p.name,
        supervisor=p.supervisor,
        manager=p.manager,
        manager_phone=p.phone,
        address=p.address,
        period=multiline_text(p.period),
        evaluation_type=p.evaluation_type,
        funds=funds,
        expenses=[
            m.Expense(
                item=label_text(e.item),
                amount=_wan(e.amount_yuan),
                voucher=_none_if_blank(e.voucher),
                note=_none_if_blank(e.note),
            )
            for e in p.expenses
        ],
        expenses_total=_wan(p.expenses_total_yuan),
        indicators=indicators(k, with_target=True),
        **common_fields(k, PROJECT_SIGNOFF_ROLES, PROJECT_RUBRIC_HEADING),
    )
    return report.values()


def expected(report: DeptYear | ProjectYear) -> dict:
    return department(report) if isinstance(report, DeptYear) else project(report)
