"""Damaged reports never crash the normaliser or a rule: real corpus files with cells emptied,
overwritten with stray labels and numbers, or rows removed (seeded, so failures reproduce)."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract.docx_reader import document_xml_to_raw
from jixiao_audit.normalize import NotAReport, to_reports

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = [CORPUS / "huarong_2020_combined.docx", *sorted((CORPUS / "generated").glob("*.docx"))[:4]]
STRAY = [
    "",
    "0",
    "-1",
    "99999999",
    "1,000",
    "abc",
    "５０",
    "100%",
    "优",
    "年 月 日",
    "合计",
    "（元）",
    "结余",
    "指标",
    "姓名",
    "其中：",
]
TRIALS = 6
MIN_READ_TRIALS = TRIALS - 1  # one copy may lose its cover or form table


def mutated(path: Path, rng: random.Random) -> bytes:
    document = docx.Document(path)
    body = document.element.body
    texts = list(body.iter(W + "t"))
    rows = list(body.iter(W + "tr"))
    for _ in range(rng.randint(1, 12)):
        if rows and rng.random() < 0.3:
            row = rng.choice(rows)
            if row.getparent() is not None:
                row.getparent().remove(row)
        else:
            rng.choice(texts).text = rng.choice(STRAY)
    return document.element.xml.encode("utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_mutated_reports_neither_crash_extraction_nor_any_rule(path):
    rng = random.Random(path.name)
    reports = []
    for trial in range(TRIALS):
        try:
            reports += to_reports(document_xml_to_raw(mutated(path, rng), f"{path.name}#{trial}"))
        except NotAReport:
            pass
    # damage is local: most mutated copies must still read as reports, or nothing was audited
    assert len(reports) >= MIN_READ_TRIALS, f"only {len(reports)} reports from {TRIALS} damaged copies"
    crashed = [f.message for f in run_audit(reports).findings if f.rule.startswith("E")]
    assert crashed == []
