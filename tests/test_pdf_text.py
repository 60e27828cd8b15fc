"""The PDF text pipeline on hand-made glyphs: spaces, fake bold, soft wraps, paragraphs."""

from __future__ import annotations

from jixiao_audit.extract.pdf_tables import columns_match, group_cell_boxes, plumber_table_to_grid
from jixiao_audit.extract.pdf_text import (
    MAX_BLANK_LINES,
    TextArea,
    blank_lines_between,
    chars_to_lines,
    continues_enumeration,
    dedupe_overlapping_chars,
    enumeration_marker,
    is_soft_wrap,
    lines_to_paragraphs,
    paragraph_text,
)

SIZE = 10.0


def glyphs(text: str, x: float = 0.0, top: float = 0.0, size: float = SIZE, gap: float = 0.0) -> list[dict]:
    """Chars as pdfplumber gives them: CJK one em wide, Latin half an em."""
    out = []
    for ch in text:
        width = size if ord(ch) > 0x2E80 else size / 2
        out.append(
            {
                "text": ch,
                "x0": x,
                "x1": x + width,
                "top": top,
                "bottom": top + size,
                "doctop": top,
                "size": size,
                "fontname": "SimSun",
                "upright": True,
            }
        )
        x += width + gap
    return out


def one_line(chars: list[dict]) -> str:
    (line,) = chars_to_lines(chars, page=1)
    return line.text


def test_space_glyphs_between_chinese_dropped_latin_kept():
    assert one_line(glyphs("预 算 编 码")) == "预算编码"
    assert one_line(glyphs("Hello World 123")) == "Hello World 123"
    assert one_line(glyphs("项目 2020 年")) == "项目 2020 年"  # next to Latin: a real space, kept


def test_gap_without_space_glyph_is_a_space_only_between_latin_words():
    spaced = glyphs("ab", gap=0) + glyphs("cd", x=20)
    assert one_line(spaced) == "ab cd"
    stretched = glyphs("分散对齐", gap=6)  # distributed CJK: gaps, but no word spaces
    assert one_line(stretched) == "分散对齐"


def test_glyphs_out_of_stream_order_sorted_by_x():
    chars = glyphs("名称：华容县")
    assert one_line(list(reversed(chars))) == "名称：华容县"


def test_fake_bold_duplicates_removed():
    chars = glyphs("绩效评价")
    doubled = chars + [dict(c, x0=c["x0"] + 0.4, x1=c["x1"] + 0.4, doctop=c["doctop"] + 0.2) for c in chars]
    kept = dedupe_overlapping_chars(doubled)
    assert one_line(kept) == "绩效评价" and len(kept) == 4
    # the same character further along the line is not a duplicate
    assert len(dedupe_overlapping_chars(glyphs("评评"))) == 2


def lines_of(*rows: tuple[str, float]):
    """Lines set one under the other at x0 = given indent, pitch 14."""
    chars = []
    for i, (text, x0) in enumerate(rows):
        chars += glyphs(text, x=x0, top=i * 14.0)
    return chars_to_lines(chars, page=1)


AREA = TextArea(left=0.0, right=100.0)  # ten CJK characters a line


def test_full_line_then_continuation_is_a_soft_wrap():
    a, b = lines_of(("一二三四五六七八九十", 0), ("完了。", 0))
    assert is_soft_wrap(a, b, AREA)
    assert paragraph_text([a, b]) == "一二三四五六七八九十完了。"


def test_short_line_ends_a_paragraph():
    a, b = lines_of(("一二三。", 0), ("四五六", 0))
    assert not is_soft_wrap(a, b, AREA)


def test_kinsoku_carried_char_still_counts_as_full():
    # "九" was carried down because "，" may not start a line: the line ends one char short.
    a, b = lines_of(("一二三四五六七八", 0), ("九，十", 0))
    assert is_soft_wrap(a, b, AREA)


def test_number_split_in_narrow_cell_joined_without_space():
    narrow = TextArea(left=0.0, right=35.0)
    a, b = lines_of(("20353.7", 0), ("1", 0))
    assert is_soft_wrap(a, b, narrow)
    assert paragraph_text([a, b]) == "20353.71"


def test_latin_words_wrapped_at_a_space_keep_it():
    narrow = TextArea(left=0.0, right=40.0)
    a, b = lines_of(("to be or", 0), ("not", 0))
    assert is_soft_wrap(a, b, narrow)
    assert paragraph_text([a, b]) == "to be or not"


def test_list_item_or_indent_starts_a_paragraph():
    a, b = lines_of(("①一二三四五六七八九", 0), ("②一二三", 0))
    assert not is_soft_wrap(a, b, AREA)
    c, d = lines_of(("一二三四五六七八九十", 0), ("一二三", 20))
    assert not is_soft_wrap(c, d, AREA)


def test_centered_cell_lines_are_not_indents():
    lines = lines_of(("纳入专户管", 0), ("理", 20))
    centered = TextArea(left=0.0, right=50.0, aligned="center")
    assert is_soft_wrap(lines[0], lines[1], centered)


def test_paragraph_gap_and_blank_lines():
    chars = (
        glyphs("一二三四五六七八九十", top=0)
        + glyphs("一二三四五六七八九十", top=14)
        + glyphs("下一段", top=42)
    )
    lines = chars_to_lines(chars, page=1)
    paragraphs = lines_to_paragraphs([(ln, AREA) for ln in lines], {SIZE: 14.0})
    assert [paragraph_text(p) for p in paragraphs] == [
        "一二三四五六七八九十一二三四五六七八九十",
        "",
        "下一段",
    ]


def test_enumeration_markers():
    assert enumeration_marker("②相关管理制度") == ("circled", 2)
    assert enumeration_marker("（三）项目资金") == ("paren_cn", 3)
    assert enumeration_marker("12、负责") == ("num", 12)
    assert enumeration_marker("2.5万元") is None
    assert continues_enumeration("①甲", "②乙") and not continues_enumeration("①甲", "③乙")


def test_merged_cell_rectangles_become_spans():
    # 2×3 grid whose top row is one cell over all three columns
    boxes = [(0, 0, 90, 10), (0, 10, 30, 20), (30, 10, 60, 20), (60, 10, 90, 20)]
    (group,) = group_cell_boxes(boxes)
    grid = plumber_table_to_grid(group, page=1)
    top = next(c for c in grid.cells if c.r0 == 0)
    assert (top.c0, top.c1, grid.n_rows, len(grid.xs) - 1) == (0, 3, 2, 3)


def test_one_ruled_box_is_a_table_and_separate_boxes_are_separate():
    groups = group_cell_boxes([(0, 0, 100, 50), (0, 80, 100, 120)])
    assert len(groups) == 2 and plumber_table_to_grid(groups[0], page=1).n_rows == 1


def test_columns_match_compares_outer_edges():
    assert columns_match([72, 100, 523], [72.5, 300, 400, 523.2])
    assert not columns_match([72, 523], [90, 523])


def test_blank_lines_bounded_for_text_placed_off_the_page():
    """A damaged file can place a line a billion points below the last: not a billion empty
    paragraphs (found by fuzzing: the reader hung)."""
    (above,) = chars_to_lines(glyphs("甲"), page=1)
    (below,) = chars_to_lines(glyphs("乙", top=1e9), page=1)
    assert blank_lines_between(above, below, pitch=15.0) == MAX_BLANK_LINES


def test_unit_list_rows_either_side_of_a_page_break_stay_two_rows():
    """The last row above a page break (5、文化馆 | 10,600.00) and the first below (6、图书馆 |
    18,500.00): the names enumerate (5 → 6), which alone looks like a row running on, but a
    whole figure above and below is two rows; a figure cut by a wrap ("19,768,2") is not."""
    from jixiao_audit.extract.pdf_tables import Fragment, GridCell, is_whole_figure, row_was_split

    def cell(text: str, x0: float, x1: float, page: int) -> GridCell:
        line = lines_of((text, x0 + 5))[0]
        line.page = page
        return GridCell(0, 1, 0, 1, [Fragment(page, (x0, 0.0, x1, 14.0), [line])])

    names = (cell("5、文化馆", 0, 70, 1), cell("6、图书馆", 0, 70, 2))
    figures = (cell("10,600.00", 70, 120, 1), cell("18,500.00", 70, 120, 2))
    assert row_was_split([names])  # only the names: they run on
    assert not row_was_split([names, figures])
    assert is_whole_figure("10,600.00") and is_whole_figure("85%") and is_whole_figure("12")
    assert not any(is_whole_figure(t) for t in ("19,768,2", "205,200.", ",300.00", "00.0.0"))


def test_a_signoff_date_cut_off_by_a_page_break_is_the_rest_of_its_row():
    """A sign-off cell (财政部门归口业务科室负责人（签章）：) whose date a page break carried to the
    top of the next page: a row holding nothing but a date is the rest of that row, however short
    the label. A blank sign-off followed by the next label, or a date under a date (a column of
    dates), is a fresh row."""
    from jixiao_audit.extract.pdf_tables import Fragment, GridCell, row_was_split

    def cell(text: str, page: int, x0: float = 5.0) -> GridCell:
        line = lines_of((text, x0))[0]
        line.page = page
        return GridCell(0, 1, 0, 1, [Fragment(page, (0.0, 0.0, 400.0, 14.0), [line])])

    signature = cell("财政部门归口业务科室负责人（签章）：", 1, x0=120.0)
    assert row_was_split([(signature, cell("2022 年03月20日", 2, x0=180.0))])
    assert row_was_split([(cell("负责人（签章）", 1), cell("2022-3-20", 2))])
    assert not row_was_split([(signature, cell("财政部门归口业务科室意见：", 2))])
    assert not row_was_split([(cell("2022年03月11日", 1), cell("2022年03月20日", 2))])
    assert not row_was_split([(cell("5、文化馆", 1), cell("2022年03月20日", 2))])
