"""The PDF reader on the seed report printed to PDF by LibreOffice (corpus/pdf): exact cells."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.extract.pdf_reader import is_page_number, read_pdf
from jixiao_audit.extract.raw import Cell, Paragraph, RawDocument, Table

from tests.report_factory import SEED_EXPENSES

PDF_DIR = Path(__file__).resolve().parent.parent / "corpus" / "pdf"
DEPARTMENT_PDF = PDF_DIR / "huarong_2020_department.pdf"
PROJECT_PDF = PDF_DIR / "huarong_2020_project.pdf"

EXPENSES = SEED_EXPENSES  # the seed's 15 expense lines (元, as printed) and their vouchers
CJK = r"[\u4e00-\u9fff]"


@pytest.fixture(scope="module")
def department() -> RawDocument:
    return read_pdf(DEPARTMENT_PDF)


@pytest.fixture(scope="module")
def project() -> RawDocument:
    return read_pdf(PROJECT_PDF)


def row_texts(table: Table, r: int) -> list[str]:
    return [c.text for c in table.row_cells(r)]


def find_row(doc: RawDocument, first: str) -> tuple[Table, int]:
    """The table and row index whose first distinct cell reads `first` (first such row)."""
    for table in doc.tables:
        for r in range(table.n_rows):
            cells = table.row_cells(r)
            if cells and cells[0].text == first and cells[0].row == r:
                return table, r
    raise AssertionError(f"no row starting with {first!r}")


def all_cells(doc: RawDocument) -> list[Cell]:
    seen: dict[int, Cell] = {}
    for table in doc.tables:
        for row in table.grid:
            for cell in row:
                if cell is not None:
                    seen[id(cell)] = cell
    return list(seen.values())


def test_dispatch_reads_pdf_by_suffix():
    doc = read_document(PROJECT_PDF)
    assert doc.format == "pdf" and doc.pages == 7


def test_income_rows_exact(department):
    table, r = find_row(department, "局机关及二级机构汇总")
    assert row_texts(table, r) == ["局机关及二级机构汇总", "29201", "0", "20353.71", "8847.29", "0", "0"]
    assert row_texts(table, r + 1) == ["1、局机关", "28988.34", "0", "20141.05", "8847.29", "0", "0"]
    assert row_texts(table, r + 2) == ["2、市政公用设施建设中心", "212.66", "0", "212.66", "0", "0", "0"]


def test_income_header_merged_cells_resolved(department):
    table, r = find_row(department, "局机关及二级机构汇总")
    header, sub = r - 2, r - 1
    assert row_texts(table, header) == ["机构名称", "收入合计", "其中："]
    assert row_texts(table, sub)[2:] == [
        "上年结转",
        "公共财政拨款",
        "政府基金拨款",
        "纳入专户管理的非税收入拨款",
        "其他\n收入",
    ]
    qizhong = table.row_cells(header)[2]
    # 其中： spans the five sub-columns: one Cell object at every covered grid position.
    covered = [c for c in table.grid[header] if c is qizhong]
    assert qizhong.colspan == len(covered) > 1
    assert (qizhong.row, qizhong.col) == (header, table.grid[header].index(qizhong))
    # 机构名称 spans the header and sub-header rows.
    name = table.row_cells(header)[0]
    assert name.rowspan == 2 and table.grid[sub][0] is name


def test_expense_lines_and_total_exact(project):
    table, r = find_row(project, "支出内容")
    assert row_texts(table, r) == ["支出内容", "实际支出数", "会计凭证号", "备注"]
    lines = [tuple(row_texts(table, r + 1 + i)) for i in range(len(EXPENSES))]
    assert lines == [("项目工程款", amount, voucher, "") for amount, voucher in EXPENSES]
    assert row_texts(table, r + 1 + len(EXPENSES)) == ["支出合计", "15608694", "", ""]


def test_rubric_table_joined_across_pages(department):
    rubric = next(t for t in department.tables if row_texts(t, 0)[:3] == ["一级指标", "二级指标", "三级指标"])
    cells = all_cells(Document(rubric))
    assert len({c.page for c in cells}) >= 2, (
        "the 附件3-1 rubric runs over a page break and must be one table"
    )
    # The header row repeated on the new page stays in (the normalizer skips repeats).
    headers = [r for r in range(rubric.n_rows) if row_texts(rubric, r)[0] == "一级指标"]
    assert len(headers) >= 2
    levels = [c.text for c in cells if c.col == 2]
    assert levels[1:4] == ["财政供养人员控制率", "“三公经费”\n变动率", "重点支出\n安排率"]
    assert "社会公众或服务对象满意度" in levels
    assert row_texts(rubric, rubric.n_rows - 1)[0] == "总分"
    guocheng = next(c for c in cells if c.text == "过程（40分）")
    assert guocheng.rowspan >= 4
    assert all(rubric.grid[guocheng.row + i][0] is guocheng for i in range(guocheng.rowspan))


def test_long_form_table_joined_over_pages(department):
    form = department.tables[0]
    assert len({c.page for c in all_cells(Document(form))}) >= 3
    assert row_texts(form, 0) == ["一、部门（单位）基本概况"]
    assert row_texts(form, form.n_rows - 1)[0].startswith("财政部门归口业务科室意见")
    # 效益目标 spans its four rows even where a page break falls between them.
    xiaoyi = next(c for c in all_cells(Document(form)) if c.text.startswith("效益目标"))
    assert xiaoyi.rowspan == 4
    below = [row_texts(form, r)[2] for r in range(xiaoyi.row, xiaoyi.row + 4)]
    assert below == ["社会效益", "经济效益", "生态效益", "社会公众或服务对象满意度"]


def test_narrative_box_over_pages_is_one_cell(department):
    narrative = next(t for t in department.tables if t.row_cells(0)[0].text.startswith("五、评价报告综述"))
    text = narrative.row_cells(0)[0].text
    assert narrative.n_cols == 1
    assert "（二）部门（单位）整体支出规模" in text and text.rstrip().endswith(
        "做好部门整体支出预算评价工作。"
    )


def test_page_numbers_and_running_heads_dropped(department, project):
    import pdfplumber

    for doc, path in ((department, DEPARTMENT_PDF), (project, PROJECT_PDF)):
        with pdfplumber.open(path) as pdf:  # the printed pages do carry page numbers
            printed = [
                w["text"] for page in pdf.pages for w in page.extract_words() if w["top"] > 0.9 * page.height
            ]
        assert any(t.isdigit() for t in printed)
        paragraphs = [p.text for p in doc.paragraphs]
        assert not [t for t in paragraphs if is_page_number(t)]
        assert not [t for t in doc.iter_text() if re.fullmatch(r"\s*[-—]+\s*\d+\s*[-—]+\s*", t)]


def test_no_spaces_between_chinese_characters(department, project):
    for doc in (department, project):
        spaced = [t for t in doc.iter_text() if re.search(f"{CJK}[ \u3000\u00a0]+{CJK}", t)]
        assert spaced == []


def test_soft_wraps_joined_hard_breaks_kept(department, project):
    table, r = find_row(department, "职能职责概述")
    duties = table.row_cells(r)[1].text.split("\n")
    assert (
        len(duties) == 15 and duties[0].startswith("1、贯彻执行中央") and duties[0].endswith("规范性文件。")
    )
    assert duties[14] == "15、承办县委、县政府交办的其他事项。"
    # a narrow rubric cell: each ① item on its own line however often it wrapped
    cell = next(c for c in all_cells(project) if c.text.startswith("①符合法律法规"))
    assert cell.text.split("\n") == [
        "①符合法律法规（1分）",
        "②符合经济社会发展规划（1分）",
        "③部门年度工作计划（1分）",
        "④针对某一实际问题和需求（1分）",
        "以上③需提供佐证资料。",
    ]


def test_cover_fields_are_separate_paragraphs(department):
    texts = [p.text for p in department.paragraphs]
    assert "部门(单位)名称：华容县住房和城乡建设局" in texts
    assert "预算编码： 303001" in texts  # the space before the number is a real space glyph


def test_every_cell_and_paragraph_located(department):
    for cell in all_cells(department):
        assert cell.page is not None and cell.bbox is not None
        x0, top, x1, bottom = cell.bbox
        assert x0 < x1 and top < bottom
    for block in department.blocks:
        if isinstance(block, Paragraph):
            assert block.page is not None and block.bbox is not None


class Document(RawDocument):
    """A one-table RawDocument, to reuse `all_cells` on a single table."""

    def __init__(self, table: Table):
        super().__init__(file="", format="pdf", blocks=[table])
