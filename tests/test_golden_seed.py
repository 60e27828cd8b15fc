"""The seed's golden model: what the Word normaliser makes of corpus/huarong_2020_combined.docx.

The normaliser and audit tests use this file (`tests.report_factory.seed_department` /
`seed_project`) instead of a hand-built copy of the seed. After a deliberate change to the
normaliser, rewrite it with ``JIXIAO_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_seed.py``
and review the diff; without the switch the committed file is never overwritten.
"""

from __future__ import annotations

from jixiao_audit.pipeline import load_file
from tests.report_factory import (
    GOLDEN_ENV,
    SEED_DOCX,
    SEED_GOLDEN,
    golden_reports,
    golden_text,
    golden_update_allowed,
)


def test_seed_document_reads_as_its_golden_model():
    result = load_file(SEED_DOCX)
    assert result.status == "ok", result.error
    text = golden_text(result.reports)
    if golden_update_allowed():
        SEED_GOLDEN.write_text(text, encoding="utf-8")
    assert SEED_GOLDEN.read_text(encoding="utf-8") == text, (
        f"the normaliser's model of {SEED_DOCX.name} changed; if that is intended, rerun with {GOLDEN_ENV}=1 "
        "and review the diff of tests/golden/"
    )


def test_golden_model_round_trips():
    reports = golden_reports()
    assert [r.kind for r in reports] == ["department", "project"]
    assert golden_text(reports) == SEED_GOLDEN.read_text(encoding="utf-8")


def test_golden_switch_is_off():
    assert not golden_update_allowed(), f"{GOLDEN_ENV}=1 rewrites the committed golden files"
