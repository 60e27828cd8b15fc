"""Word (.docx) reader: word/document.xml read into a `RawDocument` (see document_xml_to_raw).

Only the main story is read (headers and footers hold page numbers). Merged cells are
resolved into the grid: `w:gridSpan` widens a cell, `w:vMerge` continues the cell above,
`w:gridBefore`/`w:gridAfter` leave grid positions empty.

The zip and the XML are untrusted: sizes are bounded before anything is inflated, and
any DTD or entity declaration is refused (OOXML never uses them; checked after decoding
whatever encoding the file declares), so zip bombs and entity-expansion bombs fail fast with
a clear reason. Grids are bounded too (docx_flat.GridLimits): spans clamped to the table's
own w:tblGrid, rows, grid positions and characters per cell capped.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from jixiao_audit.extract.docx_flat import (
    BREAK_MARK,
    MAX_GRID_COLS,
    REVISION_MARKERS,
    TAB_MARK,
    GridLimits,
    check_cell_text,
    flatten,
    records_to_blocks,
    restore_marks,
)
from jixiao_audit.extract.docx_layout import lift_layout_tables
from jixiao_audit.extract.docx_scan import has_declaration, scan_blocks
from jixiao_audit.extract.raw import Cell, ExtractError, Paragraph, RawDocument, Revision, Table
from lxml import etree

MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024  # inflated word/document.xml
MAX_TOTAL_UNCOMPRESSED_BYTES = 512 * 1024 * 1024  # every member of the zip together
MAX_COMPRESSION_RATIO = 200  # Word XML rarely passes 30:1; bombs are 1000:1 and more
RATIO_CHECK_MIN_BYTES = 1024 * 1024  # tiny members may compress extremely well, harmlessly
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.wps compound file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TAG_P, TAG_TBL, TAG_TR, TAG_TC = W + "p", W + "tbl", W + "tr", W + "tc"
TAG_T, TAG_TAB, TAG_BR, TAG_CR = W + "t", W + "tab", W + "br", W + "cr"
TAG_SDT, TAG_SDT_CONTENT, TAG_CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
TAG_VAL, TAG_TYPE = W + "val", W + "type"
TAG_TCPR, TAG_TR_PR, TAG_TBL_GRID, TAG_RPR = W + "tcPr", W + "trPr", W + "tblGrid", W + "rPr"
TAG_GRID_SPAN, TAG_GRID_BEFORE, TAG_VMERGE, TAG_HMERGE = (
    W + "gridSpan",
    W + "gridBefore",
    W + "vMerge",
    W + "hMerge",
)
TAG_INS, TAG_DEL, TAG_MOVE_FROM, TAG_MOVE_TO = W + "ins", W + "del", W + "moveFrom", W + "moveTo"
TAG_DEL_TEXT, TAG_AUTHOR, TAG_DATE = W + "delText", W + "author", W + "date"
REVISION_TAGS = (TAG_INS, TAG_DEL, TAG_MOVE_FROM, TAG_MOVE_TO)
# Parts of a paragraph whose text is not shown: deletions, moved-from text, field codes, properties.
SKIPPED_TAGS = frozenset(
    {TAG_DEL, TAG_DEL_TEXT, TAG_MOVE_FROM, W + "instrText", W + "rPr", W + "pPr", MC_FALLBACK}
)
TEXT_TAGS = frozenset({TAG_T})
# The same paragraph with every tracked change rejected: deleted and moved-from text shown, insertions not.
REJECTED_SKIPPED_TAGS = (SKIPPED_TAGS - {TAG_DEL, TAG_DEL_TEXT, TAG_MOVE_FROM}) | {TAG_INS, TAG_MOVE_TO}
REJECTED_TEXT_TAGS = frozenset({TAG_T, TAG_DEL_TEXT})
# Wrappers that contain body-level blocks or cells without being one themselves.
BLOCK_WRAPPERS = {TAG_SDT, TAG_SDT_CONTENT, TAG_CUSTOM_XML}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def read_docx(path: str | Path) -> RawDocument:
    """Read a .docx file into tables and paragraphs; raises ExtractError on bad input."""
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:  # an old .doc saved under a .docx name: convert it like any .doc
        from jixiao_audit.extract.legacy import read_legacy

        return read_legacy(path)
    xml = read_document_xml(path)
    return document_xml_to_raw(xml, file=str(path))


def read_document_xml(path: Path) -> bytes:
    """word/document.xml, inflated within the size limits."""
    with zip_errors(path), zipfile.ZipFile(path) as zf:
        check_zip_sizes(zf)
        try:
            info = zf.getinfo("word/document.xml")
        except KeyError:
            raise ExtractError("不是 Word 文档：压缩包中没有 word/document.xml") from None
        data = read_member(zf, info)
    if len(data) > MAX_DOCUMENT_XML_BYTES:
        raise ExtractError("拒绝读取：word/document.xml 解压后超过大小上限（疑似压缩炸弹）")
    return data


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One member inflated, at most one byte past MAX_DOCUMENT_XML_BYTES (the caller refuses more)."""
    with zf.open(info) as member:
        return member.read(MAX_DOCUMENT_XML_BYTES + 1)


@contextmanager
def zip_errors(path: Path, kind: str = "Word", suffix: str = ".docx") -> Iterator[None]:
    """Turn what a damaged Office zip raises into a one-line ExtractError naming the `kind` of file."""
    try:
        yield
    except zipfile.BadZipFile:
        if zip_signature(path):
            raise ExtractError(
                f"{kind} 文件不完整或已损坏（压缩包结构残缺，可能在传输或复制时被截断）"
            ) from None
        raise ExtractError(
            f"不是有效的 {kind} 文件（无法作为 {suffix} 压缩包打开），可能已损坏或并非 {kind} 文档"
        ) from None
    except zlib.error:
        raise ExtractError(f"{kind} 文件已损坏（压缩数据无法解压，zlib 错误）") from None
    except (EOFError, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        raise ExtractError(f"{kind} 文件已损坏或不完整（{type(exc).__name__}）") from None


def zip_signature(path: Path) -> bool:
    """Does the file begin like a zip (a .docx cut short still does)?"""
    with open(path, "rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def check_zip_sizes(zf: zipfile.ZipFile) -> None:
    """Refuse zip bombs from the central directory, before inflating anything."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > RATIO_CHECK_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise ExtractError(f"拒绝读取：{info.filename} 压缩比异常（疑似压缩炸弹）")
    if total > MAX_TOTAL_UNCOMPRESSED_BYTES:
        raise ExtractError("拒绝读取：文件解压后总大小超过上限（疑似压缩炸弹）")


ReaderPath = Literal["auto", "scan", "xslt", "walk"]


def dtd_refused(kind: str) -> str:
    return f"拒绝读取：{kind} XML 含 DTD/实体声明（疑似 XML 实体炸弹）"


DTD_REFUSED = dtd_refused("Word")
XML_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>")
UTF8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def declared_encoding(xml: bytes) -> str:
    """The encoding of document.xml: its byte-order mark, NUL bytes of UTF-16, or its declaration."""
    for bom, name in BOMS:
        if xml.startswith(bom):
            return name
    if xml[:2] in (b"<\x00", b"\x00<"):
        return "utf-16-le" if xml[:1] == b"<" else "utf-16-be"
    m = XML_DECLARATION.match(xml)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def as_utf8(xml: bytes, kind: str = "Word") -> bytes:
    """document.xml re-encoded as UTF-8 without its declaration, so every guard and path below
    sees the same bytes whatever encoding the file declared (a UTF-16 DTD must not slip through)."""
    encoding = declared_encoding(xml)
    if encoding in UTF8_NAMES:
        return xml
    try:
        text = xml.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        raise ExtractError(f"{kind} 文件内容编码无效（声明为 {encoding}，无法解码）") from None
    return XML_DECLARATION.sub(b"", text.lstrip("\ufeff").encode("utf-8"), count=1)


def refuse_declarations(xml: bytes, kind: str = "Word") -> bytes:
    """The XML as UTF-8; an ExtractError when it declares a DTD or an entity (OOXML never does)."""
    xml = as_utf8(xml, kind)
    if has_declaration(xml) and (b"<!DOCTYPE" in xml or b"<!ENTITY" in xml):
        raise ExtractError(dtd_refused(kind))
    return xml


def document_xml_to_raw(xml: bytes, file: str = "", path: ReaderPath = "auto") -> RawDocument:
    """Parse document.xml bytes into a RawDocument (also used by tests with inline XML).

    Three paths give the same result: "scan" (one regex pass, conventional files only),
    "xslt" (lxml tree flattened by libxslt) and "walk" (a Python walk that can skip
    fallback content and tracked changes, and records each revision). "auto" takes the fastest
    that applies; tests pin one.
    """
    xml = refuse_declarations(xml)
    try:
        if path in ("auto", "scan"):
            blocks = scan_blocks(xml, lift=lift)
            if blocks is not None:
                return RawDocument(file=file, format="docx", blocks=blocks)
        xml = lift(xml)
    except etree.XMLSyntaxError as exc:
        raise ExtractError(f"Word 文件内容损坏（XML 解析失败：{exc.msg}）") from None
    for markup, text in TEXT_MARKUP:
        xml = xml.replace(markup, text)
    careful = path == "walk" or any(marker in xml for marker in CAREFUL_MARKERS)
    try:
        root = etree.fromstring(xml, PARSER)
    except etree.XMLSyntaxError as exc:
        raise ExtractError(f"Word 文件内容损坏（XML 解析失败：{exc.msg}）") from None
    if root.getroottree().docinfo.doctype:  # any encoding the byte check could not read
        raise ExtractError(DTD_REFUSED)
    body = root.find(W + "body")
    if body is None:
        raise ExtractError("不是 Word 文档：document.xml 中没有正文")
    if not careful:
        return RawDocument(file=file, format="docx", blocks=records_to_blocks(flatten(root)))
    return walk_body(body, file)


def lift(xml: bytes) -> bytes:
    """document.xml with its layout tables lifted (see docx_layout)."""
    return lift_layout_tables(xml, PARSER)


def walk_body(body: etree._Element, file: str) -> RawDocument:
    """The careful path: a Python walk that skips deleted, moved-from and fallback content.

    Tracked changes are read as accepted, and each paragraph they alter is recorded as a
    `Revision` in `RawDocument.revisions`.
    """
    doc = RawDocument(file=file, format="docx")
    limits = GridLimits()
    n_paragraphs = n_tables = 0
    for element in iter_blocks(body):
        if element.tag == TAG_P:
            doc.blocks.append(Paragraph(index=n_paragraphs, text=paragraph_text(element)))
            revision = paragraph_revision(element)
            if revision is not None:
                revision.paragraph = n_paragraphs
                doc.revisions.append(revision)
            n_paragraphs += 1
        else:
            doc.blocks.append(table_to_grid(element, n_tables, limits, doc.revisions))
            n_tables += 1
    return doc


def iter_blocks(container: etree._Element):
    """Body-level paragraphs and tables in order, looking through content controls."""
    for child in container:
        if child.tag in (TAG_P, TAG_TBL):
            yield child
        elif child.tag in BLOCK_WRAPPERS:
            yield from iter_blocks(child)


# Run-level tabs and line breaks become private-use characters inside w:t before parsing, so a
# paragraph's text is the plain concatenation of its w:t elements (which the C-level fast path
# relies on). Tab stops (<w:tab w:val=…/>) and page breaks (<w:br w:type="page"/>) carry
# attributes and are left alone.
TEXT_MARKUP = tuple(
    (markup, f"<w:t>{mark}</w:t>".encode())
    for markup, mark in (
        (b"<w:tab/>", TAB_MARK),
        (b"<w:br/>", BREAK_MARK),
        (b'<w:br w:type="textWrapping"/>', BREAK_MARK),
        (b"<w:cr/>", BREAK_MARK),
    )
)
# Markup whose text must not be shown: its presence sends the document down the careful path.
CAREFUL_MARKERS = (b"Fallback", *REVISION_MARKERS)
TYPED_WHITESPACE = str.maketrans("\t\n\r", "   ")  # as the fast path does, so both agree


def paragraph_text(p: etree._Element) -> str:
    """The visible text of one w:p: runs, tabs and breaks, without deleted text or field codes."""
    parts: list[str] = []
    collect_text(p, parts)
    return restore_marks("".join(parts))


def collect_text(
    element: etree._Element,
    parts: list[str],
    skipped: frozenset[str] = SKIPPED_TAGS,
    text_tags: frozenset[str] = TEXT_TAGS,
) -> None:
    for child in element:
        tag = child.tag
        if tag in text_tags:
            parts.append((child.text or "").translate(TYPED_WHITESPACE))
        elif tag == TAG_TAB:
            parts.append("\t")
        elif tag == TAG_CR or tag == TAG_BR and child.get(TAG_TYPE, "textWrapping") == "textWrapping":
            parts.append("\n")  # a page or column break is layout, not text
        elif isinstance(tag, str) and tag not in skipped:  # comments/PIs have non-str tags
            collect_text(child, parts, skipped, text_tags)


def paragraph_revision(p: etree._Element) -> Revision | None:
    """The paragraph before and after its tracked changes, with their authors and latest date.

    None when it has no change that alters its text (a formatting or paragraph-mark revision).
    """
    changes = [c for c in p.iter(*REVISION_TAGS) if c.getparent().tag != TAG_RPR]
    if not changes:
        return None
    parts: list[str] = []
    collect_text(p, parts, REJECTED_SKIPPED_TAGS, REJECTED_TEXT_TAGS)
    old, new = restore_marks("".join(parts)), paragraph_text(p)
    if old == new:
        return None
    authors = list(dict.fromkeys(a for c in changes if (a := (c.get(TAG_AUTHOR) or "").strip())))
    dates = [d for c in changes if (d := (c.get(TAG_DATE) or "").strip())]
    return Revision(old=old, new=new, author="、".join(authors) or None, date=max(dates, default=None))


def cell_text(tc: etree._Element) -> str:
    """A cell's paragraphs joined with newlines; a nested table contributes one line per row."""
    lines: list[str] = []
    for block in iter_blocks(tc):
        if block.tag == TAG_P:
            lines.append(paragraph_text(block))
        else:
            nested = table_to_grid(block, -1)
            lines.extend(" ".join(c.text for c in nested.row_cells(r)) for r in range(nested.n_rows))
    return check_cell_text("\n".join(lines))


def _int_val(parent: etree._Element | None, tag: str, default: int) -> int:
    el = parent.find(tag) if parent is not None else None
    if el is None:
        return default
    try:
        return int(el.get(TAG_VAL, default))
    except ValueError:
        return default


def cell_props(tc: etree._Element) -> tuple[int, str | None, str | None]:
    """(gridSpan, vMerge value, hMerge value) of a w:tc; a merge value is None when absent."""
    span, v_merge, h_merge = 1, None, None
    tc_pr = tc.find(TAG_TCPR)
    if tc_pr is None:
        return span, v_merge, h_merge
    for prop in tc_pr:
        tag = prop.tag
        if tag == TAG_GRID_SPAN:
            try:
                span = max(1, int(prop.get(TAG_VAL, 1)))
            except ValueError:
                pass
        elif tag == TAG_VMERGE:
            v_merge = prop.get(TAG_VAL, "continue")
        elif tag == TAG_HMERGE:
            h_merge = prop.get(TAG_VAL, "continue")
    return span, v_merge, h_merge


def iter_row_cells(tr: etree._Element):
    for child in tr:
        if child.tag == TAG_TC:
            yield child
        elif child.tag in BLOCK_WRAPPERS:
            yield from iter_row_cells(child)


def table_to_grid(
    tbl: etree._Element, index: int, limits: GridLimits | None = None, revisions: list[Revision] | None = None
) -> Table:
    """Resolve gridSpan/vMerge/hMerge/gridBefore into a rectangular grid of shared Cell objects.

    A row deleted with tracked changes is left out (read as accepted); each cell paragraph that
    tracked changes alter is appended to `revisions` when a list is given.
    """
    limits = limits or GridLimits()
    grid_cols = tbl.find(TAG_TBL_GRID)
    n_grid = len(grid_cols) if grid_cols is not None else 0
    n_cols = min(n_grid, MAX_GRID_COLS)
    grid: list[list[Cell | None]] = []
    previous: list[Cell | None] = []
    for r, tr in enumerate(tr for tr in iter_blocks_rows(tbl) if not row_deleted(tr)):
        before = _int_val(tr.find(TAG_TR_PR), TAG_GRID_BEFORE, 0)
        row: list[Cell | None] = [None] * (GridLimits.span(before, 0, n_grid) if before > 0 else 0)
        for tc in iter_row_cells(tr):
            span, v_merge, h_merge = cell_props(tc)
            col = len(row)
            span = GridLimits.span(span, col, n_grid)
            above = previous[col] if col < len(previous) else None
            if v_merge == "continue" and above is not None:
                cell = above
                if cell.row + cell.rowspan == r:
                    cell.rowspan += 1
                text = cell_text(tc)
                if text.strip():  # rare: text typed into a continuation; keep it, not lose it
                    cell.text = f"{cell.text}\n{text}" if cell.text else text
            elif h_merge == "continue" and row and row[-1] is not None:
                cell = row[-1]
                cell.colspan += span
            else:
                cell = Cell(text=cell_text(tc), row=r, col=col, colspan=span)
            if revisions is not None:
                revisions.extend(cell_revisions(tc, index, cell))
            row.extend([cell] * span)
            GridLimits.check_row(row, r + 1)
        GridLimits.check_row(row, r + 1)
        grid.append(row)
        previous = row
        n_cols = max(n_cols, len(row))
    limits.add_table(len(grid), n_cols)
    for row in grid:
        row.extend([None] * (n_cols - len(row)))
    return Table(index=index, grid=grid)


def iter_blocks_rows(tbl: etree._Element):
    for child in tbl:
        if child.tag == TAG_TR:
            yield child
        elif child.tag in BLOCK_WRAPPERS:
            yield from iter_blocks_rows(child)


def row_deleted(tr: etree._Element) -> bool:
    """A table row whose deletion is a tracked change (w:trPr/w:del): accepted, it is gone."""
    tr_pr = tr.find(TAG_TR_PR)
    return tr_pr is not None and tr_pr.find(TAG_DEL) is not None


def cell_revisions(tc: etree._Element, table: int, cell: Cell) -> list[Revision]:
    """The revisions of one w:tc's paragraphs, placed at its cell's grid position."""
    found = []
    paragraphs = (b for b in iter_blocks(tc) if b.tag == TAG_P)
    for k, p in enumerate(paragraphs):
        revision = paragraph_revision(p)
        if revision is not None:
            revision.table, revision.row, revision.col, revision.paragraph = table, cell.row, cell.col, k
            found.append(revision)
    return found
