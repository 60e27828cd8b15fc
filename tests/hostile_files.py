"""Builders of hostile input files (issue 14): real .docx/.pdf files, each small on disk and
built in milliseconds, that would cost unbounded time or memory if a reader trusted them."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx

REPO = Path(__file__).resolve().parent.parent
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCUMENT_XML = "word/document.xml"


def body(xml: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{xml}</w:body></w:document>'.encode()
    )


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def grid(n_cols: int) -> str:
    return "<w:tblGrid>" + "<w:gridCol/>" * n_cols + "</w:tblGrid>"


def span(n: int) -> str:
    return f'<w:gridSpan w:val="{n}"/>'


def docx_with_document_xml(path: Path, xml: bytes) -> Path:
    """A real Word file (python-docx's package) whose word/document.xml is `xml`."""
    source = io.BytesIO()
    docx.Document().save(source)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = xml if info.filename == DOCUMENT_XML else zin.read(info)
            zout.writestr(info.filename, data)
    return path


def grid_span_bomb(path: Path, width: int = 10_000_000, rows: int = 400) -> Path:
    """The issue's file: a few hundred rows whose first cell claims `gridSpan` of ten million."""
    row = f"<w:tr>{tc('项目名称', span(width))}{tc('金额')}</w:tr>"
    return docx_with_document_xml(path, body(f"<w:tbl>{grid(3)}{row * rows}</w:tbl>"))


def utf16_dtd_docx(path: Path) -> Path:
    """document.xml in UTF-16 with an internal DTD declaring an entity (invisible to a byte search)."""
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        '<!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">]>'
        f"<w:document {NS}><w:body><w:p><w:r><w:t>&a;&a;&a;</w:t></w:r></w:p></w:body></w:document>"
    )
    return docx_with_document_xml(path, text.encode("utf-16"))


def corrupt_deflate_docx(path: Path, source: Path) -> Path:
    """A copy of `source` whose document.xml deflate stream is damaged (zlib cannot inflate it)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as zf:
        info = zf.getinfo(DOCUMENT_XML)
    name_len, extra_len = (
        int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little"),
        int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little"),
    )
    start = info.header_offset + 30 + name_len + extra_len
    data[start : start + 16] = b"\xff" * 16  # an invalid block type/length right at the start
    path.write_bytes(bytes(data))
    return path


# ---------------------------------------------------------------- PDF


def pdf_with_content(path: Path, content: bytes, *, deflate: bool = True, n_pages: int = 1) -> Path:
    """A PDF whose every page has the content stream `content` (deflated unless told otherwise)."""
    stream = zlib.compress(content, 9) if deflate else content
    filters = b"/Filter /FlateDecode " if deflate else b""
    head = b"<< " + filters + b"/Length " + str(len(stream)).encode() + b" >>"
    return pdf_page_stream(path, head, stream, n_pages)


def pdf_segment_bomb(path: Path, segments: int = 1_500_000) -> Path:
    """A page drawing `segments` line segments: a small deflated stream, minutes for pdfminer."""
    return pdf_with_content(path, b"0 0 m 1 1 l " * segments + b"S\n")


def pdf_inflate_bomb(path: Path, inflated: int = 256 * 1024 * 1024) -> Path:
    """A page content stream of `inflated` bytes of spaces that deflates to a fraction of a percent."""
    stream = _deflated_spaces(inflated)
    return pdf_page_stream(
        path, b"<< /Filter /FlateDecode /Length " + str(len(stream)).encode() + b" >>", stream
    )


def _deflated_spaces(n: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    return b"".join(compressor.compress(chunk) for _ in range(n // len(chunk))) + compressor.flush()


def pdf_page_stream(path: Path, head: bytes, stream: bytes, n_pages: int = 1) -> Path:
    """A PDF of `n_pages` pages sharing one content stream object: `head` (its dictionary) and `stream`."""
    first_page = 4
    kids = b" ".join(f"{first_page + i} 0 R".encode() for i in range(n_pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << >> >>"
    return pdf_from_objects(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n_pages).encode() + b" >>",
            head + b"\nstream\n" + stream + b"\nendstream",
            *[page] * n_pages,
        ],
    )


def pdf_form_bomb(path: Path, inflated: int = 64 * 1024 * 1024) -> Path:
    """A page whose small content stream draws a form XObject that inflates to `inflated` bytes."""
    bomb = _deflated_spaces(inflated)
    draw = b"q /Fm1 Do Q"
    return pdf_from_objects(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Fm1 5 0 R >> >> >>",
            b"<< /Length " + str(len(draw)).encode() + b" >>\nstream\n" + draw + b"\nendstream",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Filter /FlateDecode /Length "
            + str(len(bomb)).encode()
            + b" >>\nstream\n"
            + bomb
            + b"\nendstream",
        ],
    )


def pdf_from_objects(path: Path, objects: list[bytes]) -> Path:
    """A PDF file of `objects` (numbered from 1; the first is the catalog) with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def with_cell_after_label(path: Path, source: Path, label: str, text: str) -> Path:
    """A copy of the Word report `source` whose cell right of the one labelled `label` reads `text`."""
    document = docx.Document(source)
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            for i, cell in enumerate(cells[:-1]):
                if cell.text.strip() == label and cells[i + 1].text.strip() != label:
                    cells[i + 1].text = text
                    document.save(path)
                    return path
    raise ValueError(f"no cell labelled {label} in {source}")


def run_cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m jixiao_audit.cli ARGS` in a fresh process running this checkout, from `cwd`."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "jixiao_audit.cli", *args],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=timeout,
    )
