"""The text helpers' quick answers (the common inputs skip their clean-up) equal the full ones."""

from __future__ import annotations

from decimal import Decimal

import pytest
from jixiao_audit.extract.raw import Cell
from jixiao_audit.normalize.lines import Line
from jixiao_audit.normalize.text import (
    clean_label,
    clean_line,
    date_or_none,
    halfwidth,
    money_unit,
    parse_number,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("123.45", Decimal("123.45")),
        ("0.50", Decimal("0.50")),  # the digits shown are kept: they say how exact the figure is
        ("12.", Decimal(12)),
        ("-3", Decimal(-3)),
        (".5", Decimal("0.5")),
        ("１２３．５", Decimal("123.5")),  # fullwidth digits and point
        ("1,234.50万元", Decimal("1234.50")),
        (" 12 ", Decimal(12)),
        ("(3.5)", Decimal("-3.5")),
        ("", None),
        ("—", None),
        ("／", None),
    ],
)
def test_parse_number(text, value):
    parsed = parse_number(text)
    assert parsed == value
    if value is not None:
        assert parsed.as_tuple().exponent == value.as_tuple().exponent


def test_parse_number_refuses_words():
    with pytest.raises(ValueError):
        parse_number("十二")


def test_clean_line_and_label():
    assert clean_line("项目名称") == "项目名称"
    assert clean_line(" 项目 名称　A  B ") == "项目名称A B"
    assert clean_label("收入合计") == "收入合计"
    assert clean_label(" 收入 合计 ") == "收入合计"


def test_halfwidth_and_money_unit():
    assert halfwidth("ＡＢ１项目") == "AB1项目"
    assert halfwidth("项目") == "项目"
    assert money_unit("收入（万元）") == "万元"
    assert money_unit("单位：元") == "元"
    assert money_unit("收入合计") is None


def line_of(*spans: tuple[int, int]) -> Line:
    cells = [Cell(text=str(i), row=0, col=col, colspan=span) for i, (col, span) in enumerate(spans)]
    return Line(cells, [c.text for c in cells])


def test_cell_at_col_by_columns():
    line = line_of((0, 2), (2, 1), (4, 3))  # column 3 is covered by no cell
    assert [line.cell_at_col(c) for c in range(8)] == [0, 0, 1, None, 2, 2, 2, None]
    overlapping = line_of((0, 3), (1, 1))  # not a grid row: the first cell covering it wins
    assert [overlapping.cell_at_col(c) for c in range(4)] == [0, 0, 0, None]


def test_number_read_remembered_answers_equal_fresh_ones():
    from jixiao_audit.normalize.text import _number_read, clear_number_cache, number_read

    texts = [
        "123.45",
        "1,234.50万元",
        "其中：",
        "三公经费\n合计",
        "",
        "—",
        "　",
        "100%",
        "(3.5)",
        "5,5ㄖ4.8",
        "十二",
    ]
    clear_number_cache()
    for _ in range(2):  # asked twice: the second answers come from the cache
        for text in texts:
            assert number_read(text) == _number_read(text)
            value, ok = number_read(text)
            if ok:
                assert parse_number(text) == value
            else:
                with pytest.raises(ValueError):
                    parse_number(text)
    long_figure = "1" * 60  # longer than any cached text: read afresh, same answer
    assert number_read(long_figure) == (Decimal(long_figure), True)
    assert number_read("合计" * 30) == (None, False)


def test_text_without_a_digit_is_blank_or_no_number():
    from jixiao_audit.normalize.text import number_read

    assert number_read(" ／ ") == (None, True)  # a dash mark with spaces is still blank
    assert number_read("万元") == (None, False)  # a unit alone is no figure
    assert number_read("１２") == (Decimal(12), True)  # fullwidth digits are digits


def test_cell_at_col_after_rows_of_any_width():
    line = line_of((1, 1))  # the first column empty (gridBefore)
    assert [line.cell_at_col(c) for c in (-1, 0, 1, 2)] == [None, None, 0, None]
    assert Line([], []).cell_at_col(0) is None


def test_exact_label_remembers_answers_per_vocabulary():
    from jixiao_audit.normalize import vocabulary as V
    from jixiao_audit.normalize.sections import compiled, exact_label

    department = tuple(V.DEPARTMENT_FIELDS + V.COMMON_FIELDS)
    project = tuple(V.PROJECT_FIELDS + V.COMMON_FIELDS)
    keys = ["部门（单位）名称", "项目名称", "项目名称（盖章）：", "收入合计（万元）", "不是标签"]
    first = [(exact_label(k, department), exact_label(k, project)) for k in keys]
    assert [(exact_label(k, department), exact_label(k, project)) for k in keys] == first  # remembered
    assert first[0][0] == "department" and first[1][1] == "project_name" and first[4] == (None, None)
    assert compiled(department).answers is not compiled(project).answers  # one memory per vocabulary


def test_cells_at_equals_cell_at_col_for_each_column():
    for line in (line_of((0, 2), (2, 1), (4, 3)), line_of((0, 3), (1, 1)), line_of((1, 1))):
        cols = (None, -1, 0, 1, 2, 3, 4, 6, 7, 50)
        assert line.cells_at(cols) == [None if c is None else line.cell_at_col(c) for c in cols]


@pytest.mark.parametrize(
    "text, date",
    [
        ("2020年01月26日", "2020-01-26"),
        ("评价组组长（签字）：\n\n      ２０２０年１月２６日", "2020-01-26"),  # fullwidth digits
        ("２０２１\u3000年\u3000３\u3000月\u3000５\u3000日", "2021-03-05"),  # ideographic spaces
        ("部门负责人（签章）：\u3000\u3000年\u3000\u3000月\u3000\u3000日", None),  # not filled in
    ],
)
def test_dates_read_with_fullwidth_digits_and_spaces(text, date):
    assert date_or_none(text) == date
    assert date_or_none(halfwidth(text)) == date  # the same as reading its halfwidth form


@pytest.mark.parametrize(
    "text",
    [
        "本年度，我单位（详见附件）全面完成了各项工作任务：一是加强预算管理；二是规范资金使用。",
        "ＡＢＣ１２３（）：\u3000" * 8,  # every character fullwidth
        "（一）",  # short: str.translate
        "预算执行率１００％，，，" + "项目" * 10,  # the fullwidth comma stays a label's comma
        "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000末",
    ],
)
def test_halfwidth_of_a_long_text_equals_translating_every_character(text):
    from jixiao_audit.normalize.text import _HALFWIDTH_LABEL

    assert halfwidth(text) == text.translate(_HALFWIDTH_LABEL)
