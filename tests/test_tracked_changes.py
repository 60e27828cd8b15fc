"""Unaccepted tracked changes: read as accepted, every changed paragraph recorded, never a deleted figure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from jixiao_audit.extract import read_document
from jixiao_audit.extract.docx_reader import document_xml_to_raw, read_document_xml
from jixiao_audit.normalize import to_reports

from tests.test_docx_reader import raw_signature
from tests.tracked_docx import replace_in_sentence, replace_run, rewrite_docx, tracked

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DATE = "2021-03-20T09:30:00Z"


def _append(paragraph, xml: str) -> None:
    for element in list(parse_xml(f"<w:wrap {nsdecls('w')}>{xml}</w:wrap>")):
        paragraph._p.append(element)


def _tracked_docx(path: Path) -> Path:
    """A python-docx document with a replaced figure, an insertion, a move and a deleted table row."""
    document = docx.Document()
    p = document.add_paragraph("实际到位资金")
    _append(
        p, tracked("del", "5075", author="张三", date=DATE) + tracked("ins", "5057", author="张三", date=DATE)
    )
    p.add_run("万元。")
    q = document.add_paragraph("结余")
    _append(q, tracked("moveFrom", "3496.13万元", author="李四") + "<w:r><w:t>，已说明。</w:t></w:r>")
    _append(q, tracked("moveTo", "3496.13万元", author="李四"))
    document.add_paragraph("完全删除的一段")._p.clear()  # an emptied paragraph stays a paragraph
    table = document.add_table(rows=3, cols=2)
    for r, (label, value) in enumerate((("计划安排资金", "13742"), ("实际到位资金", ""), ("作废行", "999"))):
        table.cell(r, 0).text = label
        table.cell(r, 1).text = value
    _append(table.cell(1, 1).paragraphs[0], tracked("ins", "5057", author="王五", date=DATE))
    deleted_row = table.rows[2]._tr
    deleted_row.get_or_add_trPr().append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="王五"/>'))
    for cell in table.rows[2].cells:
        run = cell.paragraphs[0].runs[0]._r
        text = run.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t").text
        cell.paragraphs[0]._p.remove(run)
        _append(cell.paragraphs[0], tracked("del", text, author="王五"))
    document.save(path)
    return path


def test_tracked_changes_read_as_accepted_and_recorded(tmp_path):
    doc = read_document(_tracked_docx(tmp_path / "修订.docx"))
    texts = [b.text for b in doc.paragraphs]
    assert texts[0] == "实际到位资金5057万元。"
    assert texts[1] == "结余，已说明。3496.13万元"  # moved text once, at its new place
    (table,) = doc.tables
    assert table.texts() == [["计划安排资金", "13742"], ["实际到位资金", "5057"]]  # deleted row gone
    assert "5075" not in "".join(doc.iter_text()) and "999" not in "".join(doc.iter_text())
    first, moved, cell = doc.revisions
    assert (first.old, first.new, first.author, first.date) == (
        "实际到位资金5075万元。",
        "实际到位资金5057万元。",
        "张三",
        DATE,
    )
    assert (first.paragraph, first.table) == (0, None)
    assert (moved.old, moved.author, moved.date) == ("结余3496.13万元，已说明。", "李四", None)
    assert (cell.old, cell.new, cell.author) == ("", "5057", "王五")
    assert (cell.table, cell.row, cell.col, cell.paragraph) == (0, 1, 1, 0)


def test_three_reading_paths_agree_on_a_tracked_file(tmp_path):
    xml = read_document_xml(_tracked_docx(tmp_path / "修订.docx"))
    walked = document_xml_to_raw(xml, path="walk")
    for path in ("scan", "xslt", "auto"):
        other = document_xml_to_raw(xml, path=path)
        assert raw_signature(other) == raw_signature(walked)
        assert [vars_of(r) for r in other.revisions] == [vars_of(r) for r in walked.revisions]


def vars_of(revision) -> tuple:
    """A raw Revision as plain data (the dataclass compares by identity, like the other raw blocks)."""
    return tuple(getattr(revision, name) for name in revision.__slots__)


def test_files_without_tracked_changes_record_none():
    assert read_document(CORPUS / "huarong_2020_project.docx").revisions == []


@pytest.fixture
def tracked_project(tmp_path) -> Path:
    """The seed project report with 实际到位资金 corrected from 5075 to 5057 as a tracked change."""
    return rewrite_docx(
        CORPUS / "huarong_2020_project.docx",
        tmp_path / "项目自评报告（修订）.docx",
        lambda xml: replace_run(xml, "5057", "5057", old="5075", author="张三", date=DATE),
    )


def test_report_reads_the_accepted_figure_and_carries_the_revision(tracked_project):
    (report,) = to_reports(read_document(tracked_project))
    assert report.funds.arrived.total == Decimal(5057)
    (revision,) = report.revisions
    assert (revision.old, revision.new) == ("5075", "5057")
    assert revision.path == "funds.arrived.total"
    assert revision.label == "实际到位资金"
    assert (revision.author, revision.date) == ("张三", DATE)
    assert revision.source.describe().startswith("表1 第")
    assert "5075" not in report.model_dump_json(exclude={"revisions"})


def test_a_figure_only_in_deleted_text_is_never_used(tmp_path):
    path = rewrite_docx(
        CORPUS / "huarong_2020_project.docx",
        tmp_path / "删除.docx",
        lambda xml: replace_run(xml, "5057", "", author="张三"),  # 到位资金 deleted, nothing inserted
    )
    (report,) = to_reports(read_document(path))
    assert report.funds.arrived.total is None
    assert report.revisions[0].old == "5057" and report.revisions[0].new == ""


def test_tracked_change_notice_names_each_changed_figure(tracked_project, tmp_path):
    """V701 on real files: a table cell is named by its field, a narrative figure by the words before it."""
    from jixiao_audit.audit.engine import run_audit

    (table_report,) = to_reports(read_document(tracked_project))
    (notice,) = [f for f in run_audit([table_report]).findings if f.rule == "V701"]
    assert notice.message.startswith("修订：实际到位资金 由 5075 改为 5057（修订人：张三，2021-03-20）")
    assert notice.severity == "info" and notice.location.startswith("表1 第")
    sentence = "其中：中央补助资金5057万元，剩余8685万元"
    narrative = rewrite_docx(
        CORPUS / "huarong_2020_project.docx",
        tmp_path / "文字修订.docx",
        lambda xml: replace_in_sentence(xml, sentence, "5057", "5075", author="李四"),
    )
    (report,) = to_reports(read_document(narrative))
    assert "5075" not in report.narrative[0].text
    (notice,) = [f for f in run_audit([report]).findings if f.rule == "V701"]
    assert notice.message.startswith("修订：中央补助资金 由 5075 改为 5057（修订人：李四）")
    assert "单元格内" in notice.location and "修订前：" in notice.evidence


def test_changed_figures_are_aligned_not_guessed():
    from jixiao_audit.audit.rules.versions import changed_figures

    assert changed_figures("到位资金5075万元，支出1560.87万元", "到位资金5057万元，支出1560.87万元") == [
        ("5075", "5057", "到位资金")
    ]
    assert changed_figures("项目实施顺利", "项目实施总体顺利") == []
    assert changed_figures("结余3496.13万元", "结余万元") == [("3496.13", None, "结余")]
    assert changed_figures("其中中央补助资金为1649万元", "其中中央补助资金为1649万元，省级200万元") == [
        (None, "200", "省级")
    ]
