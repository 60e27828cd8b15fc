"""A title over a form that is mostly tables is its own paragraph: the line under it (部门：…)
is not joined to it as if the title were a full line of body text wrapping."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from jixiao_audit.extract.legacy import convert_with_soffice
from jixiao_audit.extract.pdf_reader import read_pdf
from jixiao_audit.extract.raw import Paragraph

TITLE = "2021年度项目支出绩效自评表"
DEPARTMENT_LINE = "部门：某县医疗保障局"


def title_over_table_pdf(tmp_path: Path, alignment) -> Path:
    """A one-page form: a title, the 部门 line at the left margin, then a full-width table."""
    document = docx.Document()
    document.add_paragraph(TITLE).alignment = alignment
    document.add_paragraph(DEPARTMENT_LINE)
    table = document.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(
        [
            ("项目名称", "城乡居民医保补助", "主管部门", "某县医疗保障局"),
            ("年初预算数", "120.00", "全年执行数", "118.50"),
            ("执行率", "98.75%", "得分", "9.9"),
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    source = tmp_path / "form.docx"
    document.save(str(source))
    return convert_with_soffice(source, tmp_path / "work", "pdf")


@pytest.mark.soffice
@pytest.mark.slow
@pytest.mark.parametrize("alignment", [WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER])
def test_title_does_not_absorb_the_line_below(tmp_path, alignment):
    doc = read_pdf(title_over_table_pdf(tmp_path, alignment))
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.text]
    assert texts[:2] == [TITLE, DEPARTMENT_LINE]
