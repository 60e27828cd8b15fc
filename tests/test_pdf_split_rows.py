"""A table row that a page break splits in two comes back as one row from the PDF.

The generated project report d03-2020-p1 (LibreOffice layout) breaks its last indicator row
across pages; the centred continuation of one column must not stop the other columns, which
plainly run on, from being joined, and is itself a soft wrap (服务对象满意度 / 较高).
The generated department report d07-2021 breaks its last sign-off row (财政部门归口业务科室负责人
（签章）： / 2022年03月20日) so that the date stands alone at the top of the next page.
"""

from __future__ import annotations

import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports

GENERATED = Path(__file__).resolve().parent.parent / "corpus" / "generated"
DOCX = GENERATED / "d03-2020-p1_project.docx"
SIGNOFF_DOCX = GENERATED / "d07-2021_department.docx"
pytestmark = [pytest.mark.soffice, pytest.mark.slow]


def row_text(row: list[str | None]) -> str:
    return "".join("".join((cell or "").split()) for cell in row)


def split_rows(pdf: Path) -> list[tuple[str, str]]:
    """(last row of a page, first row of the next) for every table a page break cuts."""
    with pdfplumber.open(pdf) as doc:
        tables = [page.extract_tables() for page in doc.pages]
    return [
        (row_text(before[-1][-1]), row_text(after[0][0]))
        for before, after in pairwise(tables)
        if before and after
    ]


def to_pdf(docx: Path, out: Path) -> Path:
    """The Word file printed to PDF by LibreOffice (its own layout, its own page breaks)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by .ci/install-system-deps.sh"
    profile = out / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / (docx.stem + ".pdf")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    return to_pdf(DOCX, tmp_path_factory.mktemp("pdf"))


def test_the_pdf_really_splits_the_indicator_row(pdf):
    """The premise: LibreOffice's layout puts 服务对象满 / 意度指标 on two pages."""
    assert any("服务对象满" in before and before.endswith("服务对象满意度") and "意度指标" in after and after.endswith("较高")
               for before, after in split_rows(pdf)), split_rows(pdf)  # fmt: skip


def test_split_indicator_row_is_one_indicator(pdf):
    (from_docx,) = to_reports(read_document(DOCX))
    (from_pdf,) = to_reports(read_document(pdf))
    assert from_pdf.values()["indicators"] == from_docx.values()["indicators"]


def test_signoff_date_alone_on_the_next_page_is_read(tmp_path):
    pdf = to_pdf(SIGNOFF_DOCX, tmp_path)
    with pdfplumber.open(pdf) as doc:  # the premise: a page starts with the date
        firsts = ["".join(page.extract_text().split("\n", 1)[0].split()) for page in doc.pages]
    assert "2022年03月20日" in firsts, firsts
    (from_docx,) = to_reports(read_document(SIGNOFF_DOCX))
    (from_pdf,) = to_reports(read_document(pdf))
    assert from_docx.signoffs[-1].date == "2022-03-20"
    assert from_pdf.signoffs == from_docx.signoffs
    assert from_pdf.report_date == from_docx.report_date
