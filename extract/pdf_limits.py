"""Bounds on the work one PDF may cost, checked before pdfminer parses a page.

pdfminer inflates a page's content streams whole and interprets every operator in Python: a
2.4 MB file whose stream inflates to 1 GiB costs 2 GB and 43 s, and a 60 KB stream drawing 1.5
million line segments costs minutes. Each page's streams (its contents and the form XObjects it
may draw) are therefore inflated here with a cap and their drawing operators counted (a C-speed
byte count) before the page is parsed.
"""

from __future__ import annotations

import re
import zlib

from jixiao_audit.extract.raw import ExtractError

MAX_PDF_PAGES = 500  # a report with its annexes runs to 10–60 pages
MAX_PAGE_CONTENT_BYTES = 16 * 1024 * 1024  # inflated content streams of one page (a table page: ~50 KB)
MAX_PAGE_DRAWING_OPS = 200_000  # path operators on one page (a ruled table page: a few thousand)

# Path construction operators (m l c v y re) as standalone tokens between whitespace; the
# trailing whitespace is only looked at, so "1 0 l l" style runs count every operator.
DRAWING_OPERATOR = re.compile(rb"[ \n\r](?:[mlcvy]|re)(?=[ \n\r])")
FLATE = ("FlateDecode", "Fl")
MAX_FORM_DEPTH = 8  # form XObjects drawing forms: deeper nesting is not followed (nor drawn by pdfminer much)


def check_page_count(n_pages: int) -> None:
    if n_pages > MAX_PDF_PAGES:
        raise ExtractError(f"拒绝读取：PDF 超过 {MAX_PDF_PAGES} 页（共 {n_pages} 页），不像一份自评报告")


def check_page(page_obj, number: int) -> None:
    """Refuse a page whose content streams inflate past the limit or draw too many paths."""
    total = 0
    for stream in _content_streams(page_obj):
        data = _bounded_data(stream, MAX_PAGE_CONTENT_BYTES - total)
        if data is None:
            raise ExtractError(
                f"拒绝读取：PDF 第 {number} 页内容解压后超过 {MAX_PAGE_CONTENT_BYTES // (1024 * 1024)} MB（疑似压缩炸弹）"
            )
        total += len(data)
        if may_exceed_drawing_ops(data) and count_drawing_ops(data) > MAX_PAGE_DRAWING_OPS:
            raise ExtractError(
                f"拒绝读取：PDF 第 {number} 页绘图操作超过 {MAX_PAGE_DRAWING_OPS} 个（文件可能已损坏或被篡改）"
            )


def may_exceed_drawing_ops(data: bytes) -> bool:
    """Could the stream hold more path operators than the limit? Each one the count finds takes
    at least two bytes of its own (the whitespace before it and its letter), so a stream shorter
    than twice the limit cannot: a page's usual 20–50 KB are never scanned."""
    return len(data) // 2 > MAX_PAGE_DRAWING_OPS


def count_drawing_ops(data: bytes) -> int:
    """Path operators in a content stream (an upper bound good enough for a limit): one regex
    pass, several times faster than counting each operator with each pair of whitespace bytes."""
    return sum(1 for _ in DRAWING_OPERATOR.finditer(data))


def _content_streams(page_obj) -> list:
    """The page's content streams and the form XObjects it may draw (pdfminer interprets both)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    streams = [s for s in (resolve1(c) for c in page_obj.contents or []) if isinstance(s, PDFStream)]
    return streams + _forms(page_obj.resources, set(), MAX_FORM_DEPTH)


def _forms(resources, seen: set[int], depth: int) -> list:
    """Form XObjects named in `resources`, and theirs, each once (a form may name itself)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    resources = resolve1(resources)
    if depth <= 0 or not isinstance(resources, dict):
        return []
    xobjects = resolve1(resources.get("XObject"))
    found = []
    for ref in xobjects.values() if isinstance(xobjects, dict) else []:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream) or id(stream) in seen:
            continue
        seen.add(id(stream))
        if getattr(resolve1(stream.get("Subtype")), "name", None) == "Form":
            found.append(stream)
            found += _forms(stream.get("Resources"), seen, depth - 1)
    return found


def _bounded_data(stream, limit: int) -> bytes | None:
    """The stream's decoded bytes, or None when they would exceed `limit`.

    A single FlateDecode filter without predictor (what every writer uses for page content) is
    inflated here with a cap and handed to pdfminer ready-decoded; anything else is decoded by
    pdfminer itself, then measured.
    """
    if stream.data is not None:
        return stream.data if len(stream.data) <= limit else None
    filters = stream.get_filters()
    names = [getattr(f, "name", f) for f, _ in filters]
    if len(names) == 1 and names[0] in FLATE and not filters[0][1]:
        raw = stream.rawdata
        if stream.decipher:
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw, limit + 1)
        except zlib.error:
            return _decoded(stream, limit)  # pdfminer has its own recovery for damaged streams
        if len(data) > limit:
            return None
        stream.data, stream.rawdata = data, None
        return data
    return _decoded(stream, limit)


def _decoded(stream, limit: int) -> bytes | None:
    data = stream.get_data()
    return data if len(data) <= limit else None
