"""The same report in the layouts counties really use must give the same canonical model."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
VARIANTS = ["separate_tables", "wording", "yuan", "thousands", "fullwidth", "all_variants"]


@pytest.fixture(scope="module")
def base_values():
    return [r.values() for r in to_reports(read_document(CORPUS / "huarong_2020_combined.docx"))]


@pytest.mark.parametrize("variant", VARIANTS)
def test_layout_variant_gives_the_same_model(variant, base_values):
    reports = to_reports(read_document(CORPUS / "variants" / f"{variant}.docx"))
    assert [r.values() for r in reports] == base_values


def test_yuan_variant_keeps_the_digits_it_showed():
    department, project = to_reports(read_document(CORPUS / "variants" / "yuan.docx"))
    value = department.income[0].general_budget
    assert value == Decimal("20353.71") and value.as_tuple().exponent < -2  # printed in 元 with 2 decimals
    assert "203537100" in department.source("income[0].general_budget").raw.replace(",", "")
    assert project.funds.arrived.total == 5057
