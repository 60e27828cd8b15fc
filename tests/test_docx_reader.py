"""The Word reader's low layer on small inline XML, and its refusal of hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.extract.docx_reader import MAX_DOCUMENT_XML_BYTES, document_xml_to_raw
from jixiao_audit.extract.raw import ExtractError, Paragraph, Table

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def body(xml: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{xml}</w:body></w:document>'.encode()
    )


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


RESTART = '<w:vMerge w:val="restart"/>'
CONTINUE = "<w:vMerge/>"
SPAN2 = '<w:gridSpan w:val="2"/>'
BEFORE1 = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
SPAN9 = '<w:gridSpan w:val="9"/>'
H_RESTART = '<w:hMerge w:val="restart"/>'


def test_grid_span_and_vertical_merge_resolve_to_one_cell():
    xml = body(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{tc('机构名称', RESTART)}{tc('其中：', SPAN2)}</w:tr>"
        f"<w:tr>{tc('', CONTINUE)}{tc('基本支出')}{tc('项目支出')}</w:tr>"
        "</w:tbl>"
    )
    (table,) = document_xml_to_raw(xml).tables
    assert table.texts() == [["机构名称", "其中：", "其中："], ["机构名称", "基本支出", "项目支出"]]
    assert table.grid[0][0] is table.grid[1][0] and table.grid[0][0].rowspan == 2
    assert table.grid[0][1] is table.grid[0][2] and table.grid[0][1].colspan == 2
    assert [c.text for c in table.row_cells(0)] == ["机构名称", "其中："]


def test_grid_before_leaves_positions_empty_and_rows_are_padded():
    xml = body(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{BEFORE1}{tc('b')}</w:tr>"
        f"<w:tr>{tc('c')}</w:tr></w:tbl>"
    )
    (table,) = document_xml_to_raw(xml).tables
    assert table.texts() == [["", "b"], ["c", ""]]


def test_paragraph_text_skips_deletions_and_field_codes_and_keeps_order():
    xml = body(
        "<w:p><w:r><w:t>到位资金</w:t></w:r><w:del><w:r><w:delText>5057</w:delText></w:r></w:del>"
        "<w:r><w:instrText>PAGE</w:instrText></w:r><w:ins><w:r><w:t>5075</w:t></w:r></w:ins>"
        "<w:r><w:tab/><w:t>万元</w:t></w:r></w:p>"
        f"<w:tbl><w:tr>{tc('x')}</w:tr></w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p>"
    )
    doc = document_xml_to_raw(xml)
    assert [type(b) for b in doc.blocks] == [Paragraph, Table, Paragraph]
    assert doc.blocks[0].text == "到位资金5075\t万元"


def test_cell_with_several_paragraphs_joins_them_with_newlines():
    xml = body(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>一、</w:t></w:r></w:p><w:p><w:r><w:t>二、</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    assert document_xml_to_raw(xml).tables[0].grid[0][0].text == "一、\n二、"


def test_entity_declarations_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<w:document "
        + NS.encode()
        + b"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(ExtractError, match="实体"):
        document_xml_to_raw(bomb)


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    huge = b"<" + b"a" * (MAX_DOCUMENT_XML_BYTES + 10)
    path = write_zip(tmp_path / "bomb.docx", {"[Content_Types].xml": b"<x/>", "word/document.xml": huge})
    with pytest.raises(ExtractError, match="炸弹"):
        read_document(path)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.docx", b"", "空文件"),
        ("text.docx", "这不是 Word 文件".encode(), "不是有效的 Word 文件"),
        ("nodoc.docx", None, "没有 word/document.xml"),
        ("note.txt", b"hello", "不支持的文件类型"),
    ],
)
def test_bad_files_give_one_line_reasons(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        write_zip(path, {"[Content_Types].xml": b"<x/>"})
    else:
        path.write_bytes(content)
    with pytest.raises(ExtractError) as info:
        read_document(path)
    assert reason in info.value.reason and "\n" not in info.value.reason


def test_truncated_docx_gives_a_reason(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", body("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 2000))
    path = tmp_path / "truncated.docx"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ExtractError, match="不完整"):
        read_document(path)


def raw_signature(doc):
    """Everything a reader promises, as plain data: paragraph texts and grids with merges."""
    out = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(("P", block.index, block.text))
        else:
            cells = [
                [(c.text, c.row, c.col, c.rowspan, c.colspan) if c else None for c in row]
                for row in block.grid
            ]
            out.append(("T", block.index, cells))
    return out


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


CORPUS_DOCX = (
    sorted(CORPUS.glob("*.docx"))
    + sorted(CORPUS.glob("variants/*.docx"))
    + sorted(CORPUS.glob("generated/*.docx"))
)


@pytest.mark.parametrize("path", CORPUS_DOCX, ids=lambda p: p.name)
def test_scan_xslt_and_walk_paths_read_the_same(path):
    from jixiao_audit.extract.docx_reader import read_document_xml

    xml = read_document_xml(path)
    walked = raw_signature(document_xml_to_raw(xml, str(path), path="walk"))
    assert raw_signature(document_xml_to_raw(xml, str(path), path="xslt")) == walked
    assert raw_signature(document_xml_to_raw(xml, str(path), path="scan")) == walked
    assert raw_signature(read_document(path)) == walked


def test_scan_path_declines_what_it_cannot_judge():
    from jixiao_audit.extract.docx_scan import scan_blocks

    plain = body("<w:p><w:r><w:t>x</w:t></w:r></w:p>")
    assert scan_blocks(plain) is not None
    assert scan_blocks(plain.replace(b"<w:p>", b"<!-- <w:t>hidden</w:t> --><w:p>")) is None  # comments
    assert scan_blocks(plain[:-20]) is None  # truncated: the lxml path reports the damage
    assert scan_blocks(body("<w:p><w:r><w:t>x</w:t></w:r>")) is None  # unbalanced


def test_entities_tabs_and_breaks_in_the_scan_path():
    xml = body(
        '<w:p><w:r><w:t xml:space="preserve">A &amp; B &#x4E2D;</w:t><w:tab/><w:br/><w:br w:type="page"/></w:r></w:p>'
    )
    assert document_xml_to_raw(xml, path="scan").blocks[0].text == "A & B 中\t\n"
    assert document_xml_to_raw(xml, path="walk").blocks[0].text == "A & B 中\t\n"


def test_fallback_content_takes_the_careful_path_and_is_not_doubled():
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    xml = (
        f'<?xml version="1.0"?><w:document {NS} {mc}><w:body><w:p><w:r><w:t>合计</w:t></w:r>'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>A</w:t></w:r></mc:Choice>'
        "<mc:Fallback><w:r><w:t>A</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:body></w:document>"
    ).encode()
    assert document_xml_to_raw(xml).blocks[0].text == "合计A"


@pytest.mark.parametrize(
    "xml, nested",
    [
        ("<w:tbl><w:tblPr/><w:tr><w:tc><w:tbl ><w:tr/></w:tbl></w:tc></w:tr></w:tbl>", True),
        ("<w:tbl><w:tblGrid></w:tblGrid></w:tbl><w:tbl></w:tbl>", False),  # one after another
        ("<w:tbl><w:tblPr><w:tblW/></w:tblPr></w:tbl >", False),  # <w:tblPr> is not a table
        ("", False),
    ],
)
def test_nested_tables_are_found_from_the_tags_alone(xml, nested):
    from jixiao_audit.extract.docx_layout import has_nested_table

    assert has_nested_table(body(xml)) is nested


def test_cell_text_runs_and_tab_stops_in_the_scan_path():
    # several runs and paragraphs in one cell; a tab stop definition (<w:tab w:val=…>) is no tab
    cell = (
        '<w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
        "<w:r><w:t>项目</w:t></w:r><w:r><w:t>名称</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
    )
    xml = body(f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{cell}</w:tr></w:tbl>")
    for path in ("scan", "walk"):
        table = document_xml_to_raw(xml, path=path).blocks[0]
        assert table.grid[0][0].text == "项目名称\n\nx"


def test_nested_table_in_a_form_is_read_alike_on_every_path():
    # a real form (three cells) with a table inside one cell: no layout frame to lift; the scan
    # meets the inner table, lifts (nothing), and reads it again as cell text, as the walk does
    inner = f"<w:tbl><w:tr>{tc('a')}{tc('b')}</w:tr><w:tr>{tc('c')}{tc('d')}</w:tr></w:tbl>"
    xml = body(
        "<w:p><w:r><w:t>前</w:t></w:r></w:p><w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{tc('x', SPAN2)}{tc('y')}</w:tr>"
        f"<w:tr>{tc('z')}<w:tc><w:p><w:r><w:t>上</w:t></w:r></w:p>{inner}</w:tc>{tc('w')}</w:tr></w:tbl>"
        "<w:p><w:r><w:t>后</w:t></w:r></w:p>"
    )
    walked = raw_signature(document_xml_to_raw(xml, path="walk"))
    assert raw_signature(document_xml_to_raw(xml, path="scan")) == walked
    assert raw_signature(document_xml_to_raw(xml)) == walked
    assert document_xml_to_raw(xml).tables[0].grid[1][1].text == "上\na b\nc d"


@pytest.mark.parametrize(
    "change",
    [
        '<w:ins w:id="1" w:author="A"><w:r><w:t>5</w:t></w:r></w:ins>',
        '<w:del w:id="2" w:author="A"><w:r><w:delText>5</w:delText></w:r></w:del>',
        '<w:moveFrom w:id="3"><w:r><w:t>5</w:t></w:r></w:moveFrom>',
        "<w:ins><w:r><w:t>5</w:t></w:r></w:ins>",  # no attributes at all
    ],
)
def test_tracked_changes_are_found_by_the_token_pass_and_left_to_the_walk(change):
    from jixiao_audit.extract.docx_scan import scan_blocks

    xml = body(f"<w:p><w:r><w:t>到位</w:t></w:r>{change}</w:p>")
    assert scan_blocks(xml) is None
    assert document_xml_to_raw(xml).blocks[0].text == document_xml_to_raw(xml, path="walk").blocks[0].text


def test_span_and_merge_values_in_any_attribute_form():
    # the usual single attribute, another attribute first, single quotes: the same grid
    forms = ['<w:gridSpan w:val="2"/>', "<w:gridSpan w:x='1' w:val='2'/>", '<w:gridSpan  w:val = "2" />']
    grids = []
    for span in forms:
        xml = body(
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            f"<w:tr>{tc('a', span)}{tc('b')}</w:tr><w:tr>{tc('c')}{tc('d')}{tc('e')}</w:tr></w:tbl>"
        )
        grids.append(document_xml_to_raw(xml, path="scan").tables[0].texts())
        assert grids[-1] == document_xml_to_raw(xml, path="walk").tables[0].texts()
    assert grids == [[["a", "a", "b"], ["c", "d", "e"]]] * 3


def test_declarations_are_looked_for_only_where_a_bang_occurs():
    from jixiao_audit.extract.docx_scan import has_declaration

    assert not has_declaration(body("<w:p><w:r><w:t>a &lt; b!</w:t></w:r></w:p>"))
    assert has_declaration(body("<!-- c --><w:p/>"))


@pytest.mark.parametrize(
    "value, row",
    [("2", ["a", "a", "b"]), ("0", ["a", "b", ""]), ("02", ["a", "a", "b"]), ("9", ["a", "a", "a", "b"])],
)
def test_span_looked_up_as_written_equals_the_span_read(value, row):
    # the usual <w:gridSpan w:val="N"/> is looked up in a table; others (0, leading zeros,
    # a span wider than the grid) take the careful reading, and every path agrees
    xml = body(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{tc('a', f'<w:gridSpan w:val={chr(34)}{value}{chr(34)}/>')}{tc('b')}</w:tr></w:tbl>"
    )
    grid = document_xml_to_raw(xml, path="scan").tables[0].texts()
    assert grid == [row]
    assert grid == document_xml_to_raw(xml, path="walk").tables[0].texts()


@pytest.mark.parametrize(
    "grid",
    [
        '<w:gridCol w:w="300"/><w:gridCol w:w="300"/><w:gridCol w:w="300"/>',  # as Word writes it: one token
        "<w:gridCol/><w:gridCol/><w:gridCol/>",  # no width: a token per column
        '<w:gridCol w:w="300"/><w:gridCol w:w="300"></w:gridCol><w:gridCol w:w="300"/>',
    ],
)
def test_table_grid_read_whole_or_column_by_column_gives_the_same_width(grid):
    # a span wider than the declared grid is clamped to it: the grid's width shows in the row
    inner = '<w:tbl><w:tblGrid><w:gridCol w:w="9"/><w:gridCol w:w="9"/></w:tblGrid><w:tr>{}</w:tr></w:tbl>'
    xml = body(
        f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>"
        f"<w:tr>{tc('a', SPAN9)}</w:tr>"
        f"<w:tr>{tc('b')}<w:tc><w:p/>{inner.format(tc('x'))}</w:tc></w:tr></w:tbl>"
    )
    scanned = document_xml_to_raw(xml, path="scan")
    assert len(scanned.tables[0].grid[0]) == 3  # the inner table's two columns not counted
    assert raw_signature(scanned) == raw_signature(document_xml_to_raw(xml, path="walk"))


def test_distinct_cells_of_each_row_are_gathered_as_the_grid_is_built():
    # vertical and horizontal merges, gridBefore and padding: the reader's per-row cells equal a
    # scan of the finished grid (the normaliser takes them instead of scanning every position)
    xml = body(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{tc('a', RESTART + SPAN2)}{tc('b')}{tc('c')}</w:tr>"
        f"<w:tr>{tc('', CONTINUE)}{tc('', CONTINUE)}{tc('d', H_RESTART)}{tc('', '<w:hMerge/>')}</w:tr>"
        f"<w:tr>{BEFORE1}{tc('e')}</w:tr></w:tbl>"
    )
    table = document_xml_to_raw(xml, path="scan").tables[0]
    assert table.distinct_rows is not None
    scanned = Table(table.index, table.grid)  # the same grid without the reader's rows
    for r in range(len(table.grid)):
        assert table.row_cells(r) == scanned.row_cells(r)
    assert [[c.text for c in row] for row in table.distinct_rows] == [["a", "b", "c"], ["a", "d"], ["e"]]


def test_paragraph_text_undone_only_where_needed():
    # ideographic space and a typed tab are non-printable: the paragraph is looked at and the
    # tab becomes a space; an entity is undone; plain text is left as decoded
    xml = body(
        "<w:p><w:r><w:t>预算\u3000执行</w:t></w:r></w:p><w:p><w:r><w:t>a\tb</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p><w:p><w:r><w:t>合计</w:t></w:r></w:p>"
    )
    for path in ("scan", "walk"):
        assert [b.text for b in document_xml_to_raw(xml, path=path).blocks] == [
            "预算\u3000执行",
            "a b",
            "A & B",
            "合计",
        ]
