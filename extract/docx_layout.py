"""Layout tables: a form placed inside a one-cell table (a frame counties draw around a page).

Word nests the real form as a table in that cell; read as it stands, the form would be one cell of
text. Before any reader path runs, a body-level table of at most `LAYOUT_MAX_CELLS` cells holding
nested tables is replaced by its cells' content (paragraphs and tables), in order.
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"  # lxml Clark notation
LAYOUT_MAX_CELLS = 2  # a frame has one cell (sometimes a second, empty margin cell)
_CONTENT = (W + "p", W + "tbl", W + "sdt")


def tag_positions(xml: bytes, tag: bytes) -> list[int]:
    """Where `tag` (e.g. b"<w:tbl") opens, followed by a space or ">" (so not <w:tblPr>)."""
    found, end = [], len(tag)
    at = xml.find(tag)
    while at >= 0:
        if xml[at + end : at + end + 1] in (b" ", b">"):
            found.append(at)
        at = xml.find(tag, at + end)
    return found


def has_nested_table(xml: bytes) -> bool:
    """True when some table opens inside another (a cheap scan of the tags, no parse)."""
    # bytes.find over the document is many times faster than a regex that stops at every "<"
    events = sorted(
        [(at, 1) for at in tag_positions(xml, b"<w:tbl")]
        + [(at, -1) for at in tag_positions(xml, b"</w:tbl")]
    )
    depth = 0
    for _, step in events:
        depth += step
        if depth > 1:
            return True
    return False


def direct_cells(tbl: etree._Element) -> list[etree._Element]:
    return [tc for tr in tbl.iterfind(W + "tr") for tc in tr.iterfind(W + "tc")]


def lift_layout_tables(xml: bytes, parser: etree.XMLParser) -> bytes:
    """document.xml with every layout table replaced by its content; unchanged when there is none."""
    if not has_nested_table(xml):
        return xml
    root = etree.fromstring(xml, parser)
    body = root.find(W + "body")
    if body is None or root.getroottree().docinfo.doctype:
        return xml  # left as it came, for the reader to refuse
    changed = False
    for tbl in list(body.iterfind(W + "tbl")):
        cells = direct_cells(tbl)
        if len(cells) > LAYOUT_MAX_CELLS or not any(tc.find(W + "tbl") is not None for tc in cells):
            continue
        content = [child for tc in cells for child in tc if child.tag in _CONTENT]
        parent, at = tbl.getparent(), tbl.getparent().index(tbl)
        parent.remove(tbl)
        for offset, child in enumerate(content):
            parent.insert(at + offset, child)
        changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else xml
