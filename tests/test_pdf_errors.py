"""PDFs the reader must refuse with a one-line Chinese reason: scans, broken files, passwords."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.extract.legacy import convert_with_soffice, find_soffice
from jixiao_audit.extract.pdf_reader import read_pdf
from jixiao_audit.extract.raw import ExtractError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PROJECT_PDF = CORPUS / "pdf" / "huarong_2020_project.pdf"
PROJECT_DOCX = CORPUS / "huarong_2020_project.docx"
ENCRYPT_FILTER = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
)


def reason_of(path: Path, **options) -> str:
    with pytest.raises(ExtractError) as info:
        read_pdf(path, **options)
    reason = info.value.reason
    assert reason and "\n" not in reason and "Traceback" not in reason
    return reason


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory) -> Path:
    """A real page rendered to an image and wrapped back into a PDF: pixels, no text layer."""
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is required: bash .ci/install-system-deps.sh")
    tmp = tmp_path_factory.mktemp("scan")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", "2", "-l", "2", "-png", str(PROJECT_PDF), str(tmp / "page")],
        check=True,
    )
    (png,) = tmp.glob("page*.png")
    out = tmp / "扫描件.pdf"
    Image.open(png).convert("RGB").save(out)
    return out


# ocr=False (`--no-ocr`): scans are refused as before OCR existed (tests/test_ocr_*.py read them).


def test_image_only_pdf_is_a_scan(scanned_pdf):
    assert reason_of(scanned_pdf, ocr=False) == "扫描件，无文字层"


def test_image_only_pdf_through_dispatch(scanned_pdf):
    with pytest.raises(ExtractError, match="^扫描件，无文字层$"):
        read_document(scanned_pdf, ocr=False)


@pytest.mark.parametrize("fraction", [0.02, 0.5, 0.97])
def test_truncated_pdf_gives_one_line_reason(tmp_path, fraction):
    data = PROJECT_PDF.read_bytes()
    broken = tmp_path / "截断.pdf"
    broken.write_bytes(data[: int(len(data) * fraction)])
    assert "损坏" in reason_of(broken)


def test_garbage_named_pdf(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + b"\x00not really a pdf\n" * 50)
    assert "损坏" in reason_of(junk)


def test_text_file_named_pdf(tmp_path):
    text = tmp_path / "改名.pdf"
    text.write_text("这不是 PDF 文件。\n", encoding="utf-8")
    assert "损坏" in reason_of(text)


def test_password_protected_pdf(tmp_path):
    if find_soffice() is None:
        pytest.fail("LibreOffice is required: bash .ci/install-system-deps.sh")
    source = tmp_path / "p.docx"
    shutil.copyfile(PROJECT_DOCX, source)
    encrypted = convert_with_soffice(source, tmp_path / "work", ENCRYPT_FILTER)
    assert reason_of(encrypted) == "PDF 已加密（需要打开密码），请提供未加密的文件"
