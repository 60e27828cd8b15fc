"""Issue 14, readers: limits as named constants, each refusal a specific one-line Chinese reason,
every hostile file answered in well under a second."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.extract.docx_flat import MAX_CELL_CHARS, MAX_DOCUMENT_CELLS, MAX_GRID_COLS, MAX_TABLE_ROWS
from jixiao_audit.extract.docx_reader import document_xml_to_raw
from jixiao_audit.extract.pdf_limits import (
    MAX_PAGE_DRAWING_OPS,
    MAX_PDF_PAGES,
    count_drawing_ops,
    may_exceed_drawing_ops,
)
from jixiao_audit.extract.raw import ExtractError

from jixiao_audit.pipeline import load_file
from tests.hostile_files import (
    body,
    corrupt_deflate_docx,
    grid,
    grid_span_bomb,
    pdf_form_bomb,
    pdf_inflate_bomb,
    pdf_segment_bomb,
    pdf_with_content,
    span,
    tc,
    utf16_dtd_docx,
)

PATHS = ("scan", "xslt", "walk")
FAST_SECONDS = 2.0  # generous for a shared machine; each file takes ~0.1 s here
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize("path", PATHS)
def test_grid_span_is_clamped_to_the_tables_own_grid(path):
    xml = body(
        f"<w:tbl>{grid(3)}<w:tr>{tc('a', span(10_000_000))}{tc('b')}</w:tr><w:tr>{tc('c')}</w:tr></w:tbl>"
    )
    (table,) = document_xml_to_raw(xml, path=path).tables
    assert table.texts() == [["a", "a", "a", "b"], ["c", "", "", ""]]  # a cell past the grid is kept


@pytest.mark.parametrize("path", PATHS)
def test_grid_span_without_a_grid_is_clamped_to_the_maximum(path):
    xml = body(f"<w:tbl><w:tr>{tc('a', span(10_000_000))}</w:tr></w:tbl>")
    (table,) = document_xml_to_raw(xml, path=path).tables
    assert table.n_cols == MAX_GRID_COLS


@pytest.mark.parametrize("path", PATHS)
def test_grid_before_is_clamped_too(path):
    xml = body(
        f'<w:tbl>{grid(2)}<w:tr><w:trPr><w:gridBefore w:val="99999999"/></w:trPr>{tc("x")}</w:tr></w:tbl>'
    )
    (table,) = document_xml_to_raw(xml, path=path).tables
    assert table.n_cols <= 3


@pytest.mark.parametrize("path", PATHS)
def test_too_many_rows_are_refused_with_a_reason(path):
    xml = body(f"<w:tbl>{grid(1)}" + f"<w:tr>{tc('1')}</w:tr>" * (MAX_TABLE_ROWS + 1) + "</w:tbl>")
    with pytest.raises(ExtractError, match=f"超过 {MAX_TABLE_ROWS} 行"):
        document_xml_to_raw(xml, path=path)


@pytest.mark.parametrize("path", PATHS)
def test_too_many_cells_per_document_are_refused(path):
    rows = MAX_DOCUMENT_CELLS // MAX_GRID_COLS // 2 + 1
    table = f"<w:tbl><w:tr>{tc('x', span(MAX_GRID_COLS))}</w:tr>" + "<w:tr><w:tc><w:p/></w:tc></w:tr>" * rows
    xml = body((table + "</w:tbl>") * 2)
    with pytest.raises(ExtractError, match="单元格总数超过"):
        document_xml_to_raw(xml, path=path)


@pytest.mark.parametrize("path", PATHS)
def test_too_many_characters_in_one_cell_are_refused(path):
    xml = body(f"<w:tbl>{grid(1)}<w:tr>{tc('字' * (MAX_CELL_CHARS + 1))}</w:tr></w:tbl>")
    with pytest.raises(ExtractError, match=f"超过 {MAX_CELL_CHARS} 个字符"):
        document_xml_to_raw(xml, path=path)


def test_the_issues_grid_span_file_is_answered_in_milliseconds(tmp_path):
    path = grid_span_bomb(tmp_path / "gridspan.docx")
    assert path.stat().st_size < 64 * 1024
    start = time.perf_counter()
    raw = read_document(path)
    assert time.perf_counter() - start < FAST_SECONDS
    assert max(t.n_cols for t in raw.tables) == 4  # three grid columns and the cell after them


def test_utf16_document_xml_with_a_dtd_is_refused(tmp_path):
    result = load_file(utf16_dtd_docx(tmp_path / "utf16.docx"))
    assert result.status == "error"
    assert "DTD" in result.error


def test_utf16_document_without_dtd_is_read_like_utf8():
    text = f'<?xml version="1.0" encoding="UTF-16"?>{body("<w:p><w:r><w:t>绩效</w:t></w:r></w:p>").decode()[38:]}'
    raw = document_xml_to_raw(text.encode("utf-16"))
    assert [p.text for p in raw.paragraphs] == ["绩效"]


@pytest.mark.parametrize(
    "xml",
    [
        "<w:p><w:r><w:t>XX</w:t></w:r></w:p>",
        f"<w:tbl>{grid(1)}<w:tr>{tc('a', '<w:vMerge w:val=' + chr(34) + 'XX' + chr(34) + '/>')}</w:tr></w:tbl>",
    ],
    ids=["text", "attribute"],
)
def test_invalid_utf8_has_a_specific_reason(xml):
    with pytest.raises(ExtractError, match="UTF-8"):
        document_xml_to_raw(body(xml).replace(b"XX", b"\xff\xbc\xfd"))


def test_a_damaged_deflate_stream_has_a_specific_reason(tmp_path):
    result = load_file(corrupt_deflate_docx(tmp_path / "z.docx", CORPUS / "huarong_2020_project.docx"))
    assert result.status == "error"
    assert "压缩数据" in result.error and "内部错误" not in result.error


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda p: pdf_segment_bomb(p), "超过"),  # the issue's 1.5 million segments
        (lambda p: pdf_segment_bomb(p, MAX_PAGE_DRAWING_OPS), "绘图操作"),
        (lambda p: pdf_inflate_bomb(p, 64 * 1024 * 1024), "压缩炸弹"),
        (lambda p: pdf_form_bomb(p, 64 * 1024 * 1024), "压缩炸弹"),
    ],
    ids=["segments", "operators", "inflate", "form-xobject"],
)
def test_hostile_pdf_pages_are_refused_fast(tmp_path, make, reason):
    path = make(tmp_path / "hostile.pdf")
    start = time.perf_counter()
    result = load_file(path)
    assert time.perf_counter() - start < FAST_SECONDS
    assert result.status == "error" and reason in result.error


def test_too_many_pdf_pages_are_refused(tmp_path):
    path = pdf_with_content(tmp_path / "pages.pdf", b"BT ET", n_pages=MAX_PDF_PAGES + 1)
    result = load_file(path)
    assert result.status == "error"
    assert f"超过 {MAX_PDF_PAGES} 页" in result.error


def test_drawing_operator_count_is_skipped_only_where_it_cannot_exceed_the_limit():
    """Each counted operator takes two bytes of its own: the densest stream of twice the limit's
    length holds exactly the limit, one more operator needs a longer stream (and is counted)."""
    densest = b" l" * MAX_PAGE_DRAWING_OPS + b" "
    assert count_drawing_ops(densest) == MAX_PAGE_DRAWING_OPS
    assert not may_exceed_drawing_ops(densest)
    over = b" l" * (MAX_PAGE_DRAWING_OPS + 1) + b" "
    assert may_exceed_drawing_ops(over)
    assert count_drawing_ops(over) > MAX_PAGE_DRAWING_OPS
