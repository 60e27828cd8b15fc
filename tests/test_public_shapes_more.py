"""More forms and reports in the shapes real county and provincial publications take (figures changed).

Each test names the public example whose labels, layout and sentence habits it follows; the files are
written with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from docx import Document
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports

from corpus.render_families import add_grid
from tests.prose_factory import prose_reports


def _save(tmp_path: Path, name: str, paragraphs_before: list[str], grid, paragraphs_after=()) -> Path:
    doc = Document()
    for text in paragraphs_before:
        doc.add_paragraph(text)
    add_grid(doc, grid)
    for text in paragraphs_after:
        doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(path)
    return path


def _read(path: Path):
    reports = to_reports(read_document(path))
    return reports, run_audit(reports).findings


def _errors(findings):
    return [f for f in findings if f.severity == "error"]


# ------------------------------------------------------------------ Yunnan prose project report


def _honghe(rate: str):
    """红河州数据发展中心2024年度项目支出绩效单位自评报告 (www.hh.gov.cn/info/11481/1179592.htm): a unit's
    report on all its projects in sentences, a count with an aside in brackets before the amounts
    ("实施项目共15个(含…5个),年初批复预算8个项目985万元,调整预算后项目预算861.46万元,…实际到位资金…")."""
    return prose_reports(
        "某州数据发展中心2024年度项目支出绩效单位自评报告",
        "一、基本情况",
        "2024年，某州数据发展中心实施项目共15个（含上年转列项目5个），年初批复预算8个项目985万元，"
        "调整预算后项目预算861.46万元，年中增加7个项目，实际到位资金334.67万元。",
        "二、绩效目标实现情况",
        f"项目全年预算数861.46万元，全年执行数320.12万元，预算执行率{rate}%。",
        "三、自评结论",
        "经自评，该项目自评得分85.5分，自评等级为良。",
    )


def test_yunnan_prose_project_report_reads_funds_after_a_bracketed_aside():
    (r,) = _honghe("37.16")
    assert (r.kind, r.form, r.year, r.self_score, r.grade) == ("project", "prose", 2024, D("85.5"), "良")
    # the aside (含…5个) qualifies only itself; the adjusted budget, not the 年初 one, is the year's
    assert (r.funds.planned.total, r.funds.arrived.total, r.funds.spent.total) == (
        D("861.46"), D("334.67"), D("320.12"),
    )
    assert not _errors(run_audit([r]).findings)


def test_yunnan_prose_project_report_wrong_execution_rate_is_found():
    findings = run_audit(_honghe("47.16")).findings
    assert any(f.rule == "N209" and "47.16" in f.message for f in _errors(findings)), [f.message for f in findings]
