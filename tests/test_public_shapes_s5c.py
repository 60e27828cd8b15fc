"""Public reports in wordings and layouts the earlier shape tests do not cover (session 5, round 3; figures
and names changed).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

from jixiao_audit.audit.engine import run_audit
from tests.prose_factory import prose_reports


def _serious(findings):
    return [f for f in findings if f.severity in ("error", "warning")]


def _messages(findings):
    return [f"{f.rule} {f.severity} {f.message}" for f in findings]


def _statement(report, concept):
    return next(s.value for s in report.statements if s.concept == concept)


# ------------------------------------------------------------------ Hainan: 专项资金预算 in a project prose report


def _pingshan(rate):
    """海南省平山医院卫生健康发展专项资金项目绩效自评报告 (www.wenshubang.com/baogao/2596486.html): the
    budget stated as "…专项资金预算1110万元" under 项目基本性质、用途和主要内容, the spending and its rate under
    项目资金使用情况分析; figures changed."""
    return prose_reports(
        "某医院2021年度卫生健康发展专项资金项目绩效自评报告",
        "一、项目概况",
        "（一）项目基本性质、用途和主要内容",
        "2021年某医院卫生健康发展专项资金预算1110万元。",
        "二、项目资金使用及管理情况",
        "（一）项目资金到位情况分析。项目资金1110万元已全部到位，到位率100%。",
        f"（二）项目资金使用情况分析。截至2021年12月31日，项目实际支出1050.60万元，预算执行率{rate}%。",
        "三、综合评价结论",
        "经自评，该项目综合得分为90.5分，评价等级为“优”。",
    )


def test_special_fund_budget_sentence_is_the_budget():
    (r,) = _pingshan("94.65")
    assert (r.kind, r.year, r.self_score, r.grade) == ("project", 2021, D("90.5"), "优")
    assert _statement(r, "project.budget") == D("1110")
    assert _statement(r, "project.spent") == D("1050.60")
    assert not _serious(run_audit([r]).findings)


def test_wrong_rate_against_a_special_fund_budget_is_found():
    findings = run_audit(_pingshan("97.65")).findings
    assert [f.rule for f in _serious(findings)] == ["N209"], _messages(findings)
