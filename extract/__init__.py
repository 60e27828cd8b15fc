"""Readers: one per format, each turning a file into a `RawDocument` (see raw.py)."""

from __future__ import annotations

from pathlib import Path

from jixiao_audit.extract.raw import ExtractError, RawDocument

from jixiao_audit.compiled import use_fresh_sources

use_fresh_sources(__name__, Path(__file__).parent)  # a compiled module whose source changed runs its source

DOCX_SUFFIXES = {".docx", ".docm"}
PDF_SUFFIXES = {".pdf"}
LEGACY_SUFFIXES = {".doc", ".wps", ".rtf", ".odt"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}  # scanned pages, read by OCR
# Forms filled in Excel or WPS 表格; .xls/.et/.ods are converted to .xlsx by LibreOffice.
SHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et", ".ods"}
SUPPORTED_SUFFIXES = DOCX_SUFFIXES | PDF_SUFFIXES | LEGACY_SUFFIXES | IMAGE_SUFFIXES | SHEET_SUFFIXES
NO_OCR_REASON = "扫描件，无文字层（已用 --no-ocr 跳过识别）"


def read_document(path: str | Path, *, ocr: bool = True) -> RawDocument:
    """Read any supported file; raises ExtractError with a one-line reason.

    `ocr=False` (`audit --no-ocr`) refuses scanned pages instead of reading them by OCR. An argument,
    not process state, so it reaches every worker, a remote Dask worker too.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ExtractError("文件不存在或不是普通文件")
    if path.stat().st_size == 0:
        raise ExtractError("空文件（0 字节）")
    if suffix in DOCX_SUFFIXES:
        from jixiao_audit.extract.docx_reader import read_docx

        return read_docx(path)
    if suffix in PDF_SUFFIXES:
        from jixiao_audit.extract.pdf_reader import read_pdf

        return read_pdf(path, ocr=ocr)
    if suffix in LEGACY_SUFFIXES:
        from jixiao_audit.extract.legacy import read_legacy

        return read_legacy(path)
    if suffix in SHEET_SUFFIXES:
        from jixiao_audit.extract.xlsx_reader import read_xlsx

        return read_xlsx(path)
    if suffix in IMAGE_SUFFIXES:
        if not ocr:
            raise ExtractError(NO_OCR_REASON)
        from jixiao_audit.extract.ocr_reader import read_image

        return read_image(path)
    raise ExtractError(
        f"不支持的文件类型 {suffix or '（无扩展名）'}，"
        "支持 .docx .pdf .doc .wps .rtf .odt .xlsx .xls .et .ods .jpg .png .tif"
    )
