"""The seed report rebuilt as Word files: fidelity to the seed text, layout variants, determinism."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from corpus import build_seed, seed
from corpus import content as c
from corpus.render_docx import Layout, group_thousands, place, reword, slice_rows, to_bytes, to_yuan

SEED_TEXT = Path("/work/shared/seed/000_f6087966408e3380.txt")
CORPUS = Path(build_seed.__file__).resolve().parent
COMBINED = CORPUS / "huarong_2020_combined.docx"
VARIANTS = CORPUS / build_seed.VARIANTS_DIR

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWO_DECIMALS = re.compile(r"\d+\.\d{2}")
HALFWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")

# Seed line ranges (1-based, inclusive) of each part, for the split files.
PART_LINES = {"2-1": (1, 430), "2-2": (431, 816), "3-1": (817, 1087), "3-2": (1088, 1401)}


# --- reading a .docx back ----------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _body(source: Path | bytes):
    data = source.read_bytes() if isinstance(source, Path) else source
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")).find(_q("body"))


def _para_text(p) -> str:
    out = []
    for el in p.iter(_q("t"), _q("bookmarkStart")):
        out.append(el.text or "" if el.tag == _q("t") else f"[bookmark: {el.get(_q('name'))}]")
    return "".join(out)


def _is_continuation(tc) -> bool:
    merge = tc.find(f"{_q('tcPr')}/{_q('vMerge')}")
    return merge is not None and merge.get(_q("val"), "continue") == "continue"


def _cell_text(tc) -> str:
    return "" if _is_continuation(tc) else "\n".join(_para_text(p) for p in tc.findall(_q("p")))


def dump(source: Path | bytes) -> str:
    """The document in the seed's text format: paragraphs plain, cells as tab + text, rows blank-separated."""
    lines: list[str] = []
    for el in _body(source):
        if el.tag == _q("p"):
            lines.append(_para_text(el))
        elif el.tag == _q("tbl"):
            for tr in el.findall(_q("tr")):
                lines += ["\t" + _cell_text(tc) for tc in tr.findall(_q("tc"))]
                lines.append("")
    return "\n".join(lines)


def normalise(text: str) -> str:
    """Strip line ends, collapse runs of blank lines, drop the _GoBack bookmark artifact."""
    text = text.replace("[bookmark: _GoBack]", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def tables(source: Path | bytes) -> list[list[list[str]]]:
    """Every table as rows of cell texts (merged continuations empty)."""
    return [
        [[_cell_text(tc) for tc in tr.findall(_q("tc"))] for tr in tbl.findall(_q("tr"))]
        for tbl in _body(source).iter(_q("tbl"))
    ]


def cells(source: Path | bytes) -> list[str]:
    return [text for table in tables(source) for row in table for text in row]


def paragraphs(source: Path | bytes) -> list[str]:
    return [_para_text(p) for p in _body(source).findall(_q("p"))]


def seed_lines(first: int, last: int) -> str:
    return "\n".join(SEED_TEXT.read_text(encoding="utf-8").split("\n")[first - 1 : last])


def changed(base: Path, variant: Path) -> list[tuple[str, str]]:
    """Cell pairs that differ between two files with the same table layout."""
    a, b = tables(base), tables(variant)
    assert [[len(r) for r in t] for t in a] == [[len(r) for r in t] for t in b]
    return [(x, y) for x, y in zip(cells(base), cells(variant)) if x != y]


# --- (a) fidelity ------------------------------------------------------------------------------------


def test_combined_file_dumps_to_the_seed_text():
    assert normalise(dump(COMBINED)) == normalise(SEED_TEXT.read_text(encoding="utf-8"))


def test_combined_file_dumps_to_the_seed_text_byte_for_byte():
    assert dump(COMBINED) == SEED_TEXT.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, parts",
    [("huarong_2020_department.docx", ("2-1", "3-1")), ("huarong_2020_project.docx", ("2-2", "3-2"))],
)
def test_split_files_hold_their_parts_of_the_seed(name, parts):
    expected = "\n".join(seed_lines(*PART_LINES[p]) for p in parts)
    assert normalise(dump(CORPUS / name)) == normalise(expected)


def test_seed_keeps_its_mistakes_and_blanks():
    text = dump(COMBINED)
    assert "现已到位资金5075万元" in text and "\t5057\n" in text
    assert "\t143\n\t实有人数\n\t162\n" in text
    assert text.count("报告日期：   年   月   日") == 2
    assert "评价类型：项目实施过程评价□   项目完成结果评价□" in text
    assert "\t1100000.00 \n" in text and "\t846200\n" in text


def test_merged_cells_are_real_merges():
    rubric = tables(COMBINED)[5]  # 3-1, second piece
    body = _body(COMBINED)
    tcs = body.findall(f".//{_q('tbl')}")[5].findall(f"{_q('tr')}/{_q('tc')}")
    merges = [tc.find(f"{_q('tcPr')}/{_q('vMerge')}") for tc in tcs]
    assert sum(m is not None and m.get(_q("val")) == "restart" for m in merges) >= 5
    effects = [row for row in rubric if row[2] in ("经济效益", "社会效益", "生态效益")]
    assert [row[4:6] for row in effects] == [["15", "13"], ["", ""], ["", ""]]
    spans = body.findall(f".//{_q('gridSpan')}")
    assert spans, "horizontal merges use gridSpan"


def test_go_back_bookmark_is_real():
    names = [b.get(_q("name")) for b in _body(COMBINED).iter(_q("bookmarkStart"))]
    assert names == ["_GoBack"]


# --- (b) variants ------------------------------------------------------------------------------------


def _money_pair(base: str, variant: str, scale: Decimal | None) -> bool:
    """`variant` prints the amount `base` prints (scaled to 元 when `scale`), in any number style."""
    plain = variant.translate(HALFWIDTH).replace(",", "")
    expected = to_yuan(base) if scale else base
    return plain == expected


def test_yuan_variant_scales_money_tables_only():
    pairs = changed(COMBINED, VARIANTS / "yuan.docx")
    labels = [(a, b) for a, b in pairs if "万元" in a]
    money = [(a, b) for a, b in pairs if "万元" not in a]
    assert all(b == a.replace("（万元）", "（元）") for a, b in labels)
    assert len(labels) == 6  # 收入, 支出 titles and the four 资金 columns
    assert all(Decimal(b) == Decimal(a) * 10000 and TWO_DECIMALS.fullmatch(b) for a, b in money)
    assert ("20353.71", "203537100.00") in money and ("29201", "292010000.00") in money
    assert ("13742", "137420000.00") in money
    text = dump(VARIANTS / "yuan.docx")
    assert "\t1100000.00 \n" in text and "\t15608694\n" in text  # expense lines were in 元 already
    assert "现已到位资金5075万元" in text  # the narrative keeps its 万元


def test_thousands_variant_only_adds_separators():
    pairs = changed(COMBINED, VARIANTS / "thousands.docx")
    assert pairs and all(b.replace(",", "") == a for a, b in pairs)
    assert {("29201", "29,201"), ("20353.71", "20,353.71"), ("1100000.00 ", "1,100,000.00 ")} <= set(pairs)
    assert ("15608694", "15,608,694") in pairs


def test_fullwidth_variant_only_changes_digit_forms():
    pairs = changed(COMBINED, VARIANTS / "fullwidth.docx")
    assert pairs and all(b.translate(HALFWIDTH) == a for a, b in pairs)
    assert ("29201", "２９２０１") in pairs and ("20353.71", "２０３５３．７１") in pairs
    assert "4231757" in cells(VARIANTS / "fullwidth.docx")  # phone numbers are not money


def test_wording_variant_rewords_labels_only():
    pairs = changed(COMBINED, VARIANTS / "wording.docx")
    assert all(b == reword(a) for a, b in pairs)
    texts = set(cells(VARIANTS / "wording.docx"))
    assert set(c.WORDING_VARIANTS.values()) <= texts
    assert not {"机构名称", "公共财\n政拨款", "政府基金拨款", "公务用车运维费", "因公出国费"} & texts
    assert paragraphs(VARIANTS / "wording.docx") == paragraphs(COMBINED)


def test_separate_tables_variant_keeps_every_cell():
    base, variant = COMBINED, VARIANTS / "separate_tables.docx"
    assert cells(variant) == cells(base)
    assert len(tables(variant)) > len(tables(base)) + 10
    assert [p for p in paragraphs(variant) if p] == [p for p in paragraphs(base) if p]


def test_all_variants_is_the_sum_of_the_variants():
    base, variant = cells(COMBINED), cells(VARIANTS / "all_variants.docx")
    assert len(base) == len(variant)
    for a, b in zip(base, variant):
        relabel = reword(a).replace("（万元）", "（元）")
        assert b in (a, relabel) or _money_pair(a, b, Decimal(10000)) or _money_pair(a, b, None), (a, b)
    assert "２９２，０１０，０００．００" in variant and "１，１００，０００．００ " in variant


# --- (c) determinism ---------------------------------------------------------------------------------


def test_build_is_deterministic_and_matches_committed_files(tmp_path):
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in build_seed.build(tmp_path / "a")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in build_seed.build(tmp_path / "b")}
    assert first == second
    for rel, data in first.items():
        committed = CORPUS / rel
        assert dump(committed) == dump(data), rel
        assert zipfile.ZipFile(committed).namelist() == zipfile.ZipFile(io.BytesIO(data)).namelist()


# --- small pure helpers ------------------------------------------------------------------------------


def test_money_formatting_helpers():
    assert to_yuan("20353.71") == "203537100.00"
    assert to_yuan("0") == "0.00" and to_yuan("") == "" and to_yuan("优秀") == "优秀"
    assert group_thousands("1100000.00 ") == "1,100,000.00 " and group_thousands("212.66") == "212.66"
    assert reword("公共财\n政拨款") == "一般公共预算拨款" and reword("其他\n收入") == "其他\n收入"


def test_rubric_split_repeats_cut_labels():
    table = c.rubric(("a", "b", "x"), [("A", "B", "1"), ("A", "B", "2"), ("A", "C", "3")], ((0,), (1,)))
    assert [cell.rowspan for cell in table.rows[0]] == [3, 2, 1]
    tail = slice_rows(table.rows, 3, 1, 3)
    assert [(x.text, x.rowspan) for x in tail[0]] == [("A", 2), ("B", 1), ("2", 1)]
    assert len(place(tail, 3)) == 2


def test_layout_rubric_splits_override():
    doc = c.Document("t", (seed.department_rubric(),))
    unsplit = to_bytes(doc, Layout(rubric_splits={"附件3-1": ()}))
    assert len(tables(unsplit)) == 1
    assert len(tables(to_bytes(doc))) == 2


# --- the builders serve a generator ------------------------------------------------------------------


def _synthetic_document(n_units: int, n_expenses: int) -> c.Document:
    units = [c.MoneyRow("汇总", ("100", "0", "60", "40", "0", "0"))]
    units += [c.MoneyRow(f"{k}、单位{k}", ("10", "0", "6", "4", "0", "0")) for k in range(1, n_units + 1)]
    spend = [c.MoneyRow(r.unit, ("10", "4", "3", "1", "6", "0", "0")) for r in units]
    three = [c.MoneyRow(r.unit, ("1", "0.5", "0.5", "0", "0")) for r in units]
    assets = [c.MoneyRow(r.unit, ("5", "5", "0", "0")) for r in units]
    indicators = [
        c.Indicator("产出目标", level2, f"指标{k}", "完成") for k, level2 in enumerate("甲甲乙丙丙丙")
    ]
    evaluators = [c.Evaluator("张三", "局长", "某局")]
    signoffs = [c.signoff(h, s) for h, s in c.DEPARTMENT_SIGNOFF_HEADINGS]
    basics = c.DepartmentBasics("张三", "123", "10", "9", "职责", "任务", "成绩")
    form = c.department_form(
        basics,
        units,
        spend,
        three,
        assets,
        [c.Goal("目标", "完成")],
        indicators,
        "90",
        "优秀",
        evaluators,
        signoffs,
    )
    cover = c.department_cover("某县", 2021, "某县某局", "101001")
    department = c.report_part(cover, form, c.narrative_form(["综述"]), c.FILLER_LINE, c.DEPARTMENT_REPORT)
    funds = c.ProjectFunds(*(c.FundColumn(c.money_text(v), central=c.money_text(v)) for v in (10, 10, 8, 2)))
    expenses = [c.Expense("工程款", c.money_text(1000 + k, 2), f"{k}号") for k in range(n_expenses)]
    project_form = c.project_form(
        c.ProjectBasics("李四", "456", "某镇", "414000", "2021年1月至12月"),
        funds,
        expenses,
        "999",
        [c.Goal("目标", "完成")],
        [c.Indicator("产出", "数量", "个数", "20个", target="20个")],
        "95",
        "优秀",
        evaluators,
        [c.signoff(h, s) for h, s in c.PROJECT_SIGNOFF_HEADINGS],
    )
    project = c.report_part(
        c.project_cover("某县", "某项目", "某县某局", "某县某局"),
        project_form,
        c.narrative_form(["综述"]),
        c.FILLER_LINE,
        c.PROJECT_REPORT,
    )
    rows = [("一级", "二级", f"三级{k}", "标准", "2", "2", "") for k in range(30)]
    table = c.rubric(
        c.DEPARTMENT_RUBRIC_HEADER, rows, c.DEPARTMENT_RUBRIC_GROUPS, c.even_splits(len(rows), 12)
    )
    rubric = c.rubric_part("附件3-1", "评分表", table, ["备注"], c.DEPARTMENT_RUBRIC)
    return c.Document("synthetic", (department, project, rubric))


@pytest.mark.parametrize("n_units, n_expenses", [(1, 3), (8, 40)])
@pytest.mark.parametrize("layout_name", ["huarong_2020_combined.docx", *build_seed.VARIANTS])
def test_builders_render_any_size_in_every_layout(n_units, n_expenses, layout_name):
    layout = build_seed.VARIANTS.get(layout_name, Layout())
    data = to_bytes(_synthetic_document(n_units, n_expenses), layout)
    texts = cells(data)
    assert texts.count("工程款") == n_expenses
    assert sum(t.startswith(("1、单位", "8、单位")) for t in texts) == 4 * (1 if n_units == 1 else 2)
    assert len([t for t in tables(data) if t[0][0] == c.DEPARTMENT_RUBRIC_HEADER[0]]) == 3
