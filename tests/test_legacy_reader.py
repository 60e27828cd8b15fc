"""Old Word formats through LibreOffice: a .doc copy of the seed reads like its .docx."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.extract.docx_reader import read_docx
from jixiao_audit.extract.legacy import MISSING_SOFFICE, convert_with_soffice, find_soffice, read_legacy
from jixiao_audit.extract.raw import ExtractError, RawDocument
from jixiao_audit.normalize import to_reports

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
COMBINED_DOCX = CORPUS / "huarong_2020_combined.docx"
COMBINED_DOC = CORPUS / "legacy" / "huarong_2020_combined.doc"


@pytest.fixture(scope="module")
def soffice() -> str:
    found = find_soffice()
    if found is None:
        pytest.fail("LibreOffice is required: bash .ci/install-system-deps.sh")
    return found


@pytest.fixture(scope="module")
def from_doc(soffice) -> RawDocument:
    return read_legacy(COMBINED_DOC)


def table_rows(doc: RawDocument) -> list[tuple[str, ...]]:
    """Every table row as its distinct cells' text, lines stripped, over all tables in order.

    Grid columns and table boundaries are compared through this view only: LibreOffice drops
    grid columns no cell starts at, and the .doc format fuses tables with nothing between them.
    """
    rows = []
    for table in doc.tables:
        for r in range(table.n_rows):
            cells = table.row_cells(r)
            rows.append(tuple("\n".join(ln.strip() for ln in c.text.split("\n")).strip() for c in cells))
    return rows


def merge_shape(doc: RawDocument) -> list[tuple[tuple[int, int], ...]]:
    return [
        tuple((c.rowspan, c.row) for c in table.row_cells(r))
        for table in doc.tables
        for r in range(table.n_rows)
    ]


def test_doc_copy_reads_to_the_same_tables(from_doc):
    from_docx = read_docx(COMBINED_DOCX)
    assert from_doc.format == "doc" and from_doc.file == str(COMBINED_DOC)
    assert table_rows(from_doc) == table_rows(from_docx)
    assert [(s[0][0] > 1) for s in merge_shape(from_doc)] == [(s[0][0] > 1) for s in merge_shape(from_docx)]


def test_doc_copy_normalises_exactly_like_the_docx(from_doc):
    assert [r.values() for r in to_reports(from_doc)] == [
        r.values() for r in to_reports(read_docx(COMBINED_DOCX))
    ]


def test_dispatch_and_other_suffixes(soffice, tmp_path):
    rtf = convert_with_soffice(COMBINED_DOCX, tmp_path / "work", "rtf")
    doc = read_document(rtf)
    assert doc.format == "rtf"
    assert ("局机关及二级机构汇总", "29201", "0", "20353.71", "8847.29", "0", "0") in table_rows(doc)
    odt = convert_with_soffice(COMBINED_DOCX, tmp_path / "work2", "odt")
    assert read_document(odt).format == "odt"


def test_ole_file_named_docx_is_converted_as_doc(soffice, tmp_path):
    disguised = tmp_path / "其实是doc.docx"
    shutil.copyfile(COMBINED_DOC, disguised)
    doc = read_document(disguised)
    assert doc.format == "doc"
    assert ("支出合计", "15608694", "", "") in table_rows(doc)


def test_parallel_conversions_do_not_clash(soffice):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=3) as pool:
        docs = list(pool.map(read_legacy, [COMBINED_DOC] * 3))
    assert len({len(table_rows(d)) for d in docs}) == 1 and table_rows(docs[0])


def test_temporary_directory_removed(soffice, tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    read_legacy(COMBINED_DOC)
    assert list(scratch.iterdir()) == []


def test_corrupt_doc_gives_clear_reason(soffice, tmp_path):
    broken = tmp_path / "损坏.doc"
    broken.write_bytes(COMBINED_DOC.read_bytes()[:3000])
    with pytest.raises(ExtractError) as info:
        read_legacy(broken)
    assert "\n" not in info.value.reason
    assert "LibreOffice" in info.value.reason or "Word" in info.value.reason


def test_missing_libreoffice_named_in_reason(tmp_path, monkeypatch):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    with pytest.raises(ExtractError) as info:
        read_legacy(COMBINED_DOC)
    assert (
        info.value.reason
        == MISSING_SOFFICE
        == "需要安装 LibreOffice（soffice）才能读取 .doc/.wps/.rtf/.odt 文件"
    )
    assert os.environ["PATH"] == str(empty_bin)
