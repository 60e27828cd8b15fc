"""Forms sent as spreadsheets: each reads to the same Report as its Word twin, a planted mistake fires
the same rule at the sheet and cell, an .xls converted by LibreOffice reads the same, formulas are
read by their saved values, hostile workbooks are refused in one line without stopping a batch."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.extract import read_document
from jixiao_audit.extract.legacy import convert_with_soffice
from jixiao_audit.extract.raw import ExtractError
from jixiao_audit.extract.xlsx_reader import OWN_OUTPUT, display_text
from jixiao_audit.normalize import to_reports

from corpus.render_families import (
    BASIC_RUBRIC,
    GOALS,
    NATIONAL_BUDGET,
    NATIONAL_INDICATORS,
    hunan_basic_docx,
    national_docx,
    sichuan_docx,
)
from jixiao_audit.batch import SKIP_OWN_WORKBOOK, find_inputs, read_files
from jixiao_audit.pipeline import load_file
from tests.hostile_files import run_cli
from tests.test_form_families import assert_budget, assert_indicators
from tests.xlsx_forms import (
    hunan_basic_xlsx,
    national_sheet,
    national_xlsx,
    sichuan_xlsx,
    write_workbook,
    yunnan_public_xlsx,
)

D = Decimal


def read(path: Path):
    return to_reports(read_document(path))


def twins(tmp_path: Path, family: str, **kw):
    """The (xlsx, docx) Reports of one form with the same rows."""
    if family == "national":
        xlsx, docx = national_xlsx(tmp_path / "f.xlsx", **kw), national_docx(tmp_path / "f.docx", **kw)
    else:
        xlsx, docx = hunan_basic_xlsx(tmp_path / "f.xlsx", **kw), hunan_basic_docx(tmp_path / "f.docx", **kw)
    (x,) = read(xlsx)
    (w,) = read(docx)
    return x, w


# ------------------------------------------------------------------------------ the same Report


def test_national_workbook_reads_as_its_word_twin(tmp_path):
    x, w = twins(tmp_path, "national")
    assert x.values() == w.values()
    assert (x.form, x.kind, x.year, x.project_name) == ("national", "project", 2022, "农民工技能培训项目")
    assert (x.supervisor, x.department) == ("某县人力资源和社会保障局", "某县就业服务中心")
    assert_budget(x, NATIONAL_BUDGET)
    assert [line.rate for line in x.budget_lines] == [D(95), D(96), D(90), None]  # =F7/E7 … saved values
    assert (x.budget_lines[0].max_points, x.budget_lines[0].points) == (D(10), D("9.5"))
    assert (x.goals.expected, x.goals.actual) == GOALS
    assert_indicators(x, NATIONAL_INDICATORS)
    assert (x.score_total_max, x.score_total_self, x.grade) == (D(100), D("96.5"), "优")
    # every value says where it stands: three title rows, then 项目名称 (row 4) … the first budget line
    assert x.sources["budget_lines[0].rate"].describe() == "自评表!H7"
    assert x.sources["project_name"].describe() == "自评表!B4"
    assert run_audit([x]).findings == []


def test_hunan_basic_workbook_of_two_sheets_reads_as_its_word_twin(tmp_path):
    x, w = twins(tmp_path, "hunan_basic")
    assert x.values() == w.values()
    assert (x.form, x.kind, x.year, x.department) == ("hunan_basic", "department", 2018, "某县城市管理局")
    staff = x.basic_data.staffing
    assert (staff.authorized, staff.actual, staff.control_rate) == (143, 136, D("95.10"))  # a formula
    assert x.basic_data.cost_control[0].final == D("44.29")
    assert [(i.level3, i.max_points, i.self_points) for i in x.score_items] == [
        ("在职人员控制率", D(8), D(8)),
        ("三公经费变动率", D(8), D(0)),
    ]
    assert x.sources["score_items[1].self_points"].describe() == "评价指标表!I4"
    assert run_audit([x]).findings == []


def test_sichuan_workbook_as_counties_publish_it_reads_as_its_word_twin(tmp_path):
    """Sichuan's 510000_0013zp in Excel (安州区 publishes it as .xlsx; see tests/xlsx_forms.py)."""
    (x,) = read(sichuan_xlsx(tmp_path / "s.xlsx"))
    (w,) = read(sichuan_docx(tmp_path / "s.docx"))
    assert x.values() == w.values()
    assert (x.form, x.year, x.project_name) == ("sichuan", 2022, "农村公路养护项目")
    assert [(b.adjusted, b.executed, b.rate) for b in x.budget_lines[:2]] == [(D(60), D(57), D(95))] * 2
    assert run_audit([x]).findings == []


def test_yunnan_public_tables_workbook_reads_its_project_form_among_other_sheets(tmp_path):
    """公开01表 (收入支出决算总表) before 公开14表: the form is found by its labels, in 元, its rates
    formulas; the Word twin is the same form alone."""
    raw = read_document(yunnan_public_xlsx(tmp_path / "决算公开表.xlsx"))
    assert [type(b).__name__ for b in raw.blocks] == ["Paragraph", "Paragraph", "Table"] * 2
    (x,) = to_reports(raw)
    (w,) = read(national_docx(tmp_path / "y.docx", unit="元", yunnan=True))
    assert x.values() == w.values()
    assert (x.form, x.budget_lines[0].adjusted, x.budget_lines[0].rate) == ("national", D(120), D(95))
    assert x.sources["budget_lines[0].adjusted"].describe() == "公开14表!E6"


def test_merged_ranges_resolve_as_the_word_reader_resolves_merged_cells(tmp_path):
    xlsx = read_document(national_xlsx(tmp_path / "f.xlsx"))
    docx = read_document(national_docx(tmp_path / "f.docx"))
    assert [p.text for p in xlsx.paragraphs] == [p.text for p in docx.paragraphs]
    (x,), (w,) = xlsx.tables, docx.tables

    def shape(table):
        return [
            [
                (c.text, c.row, c.col, c.rowspan, c.colspan)
                for c in (table.grid[r][k] for k in range(table.n_cols))
            ]
            for r in range(table.n_rows)
        ]

    assert shape(x) == shape(w)
    assert x.grid[2][0] is x.grid[6][0]  # 项目资金 spans its header and budget rows: one shared Cell
    assert x.grid[2][0].ref == "自评表!A6"
    assert (x.grid[6][3].text, x.grid[6][3].ref) == ("", "自评表!D10")  # a blank cell has its place too


def test_a_form_placed_further_right_with_hidden_rows_and_a_hidden_sheet(tmp_path):
    """A form starting at column C, helper rows hidden under it and a hidden list of grades read as
    the plain form; the reader's notes say what it left out."""
    sheet = national_sheet(first_col=2)
    sheet.hidden_rows = [["辅助计算", "", "", "", "", "9999"]]
    path = write_workbook(tmp_path / "f.xlsx", [sheet], hidden_sheet=True)
    raw = read_document(path)
    (x,) = to_reports(raw)
    (w,) = read(national_docx(tmp_path / "f.docx"))
    assert x.values() == w.values()
    assert x.sources["budget_lines[0].rate"].describe() == "自评表!J7"
    # three titles and the 16 rows of the form above the helper row: Excel row 20
    assert raw.notes == ["工作表“自评表”的隐藏行 20 未读取", "隐藏的工作表“下拉选项”未读取"]


def test_sign_off_line_below_the_form_is_a_paragraph(tmp_path):
    sheet = national_sheet()
    sheet.footer = [("填表人：王五", "联系电话：0730-1234567", "填报日期：2023年3月15日")]
    raw = read_document(write_workbook(tmp_path / "f.xlsx", [sheet]))
    assert raw.paragraphs[-1].text == "填表人：王五    联系电话：0730-1234567    填报日期：2023年3月15日"
    assert raw.paragraphs[-1].ref == "自评表!A20"
    assert raw.blocks[-1] is raw.paragraphs[-1] and len(raw.tables) == 1
    (x,) = to_reports(raw)
    (w,) = read(national_docx(tmp_path / "f.docx"))
    assert x.report_date == "2023-03-15"  # read from the sign-off line, which the Word twin lacks
    assert {**x.values(), "report_date": None} == w.values()


def test_a_title_merged_over_two_rows_is_one_paragraph(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "自评表"
    ws["A1"] = "项目支出绩效自评表"
    ws.merge_cells("A1:C2")
    ws["A3"], ws["B3"], ws["C3"] = "项目名称", "培训项目", "备注"
    for cell in ws[3]:
        cell.border = openpyxl.styles.Border(bottom=openpyxl.styles.Side(style="thin"))
    book.save(tmp_path / "t.xlsx")
    raw = read_document(tmp_path / "t.xlsx")
    assert [(type(b).__name__, getattr(b, "text", None)) for b in raw.blocks] == [
        ("Paragraph", "项目支出绩效自评表"),
        ("Table", None),
    ]


def test_hidden_row_inside_the_form_is_left_out_and_noted(tmp_path):
    sheet = national_sheet()
    sheet.rows.insert(7, ["^", "作废行", None, "1", "1", "1", "—", "", "—"])  # under 其他资金
    sheet.hidden = {7}  # 3 titles + 7 rows above: Excel row 11
    raw = read_document(write_workbook(tmp_path / "f.xlsx", [sheet]))
    (x,) = to_reports(raw)
    assert [line.item for line in x.budget_lines] == [b[0] for b in NATIONAL_BUDGET]
    assert raw.notes == ["工作表“自评表”的隐藏行 11 未读取"]


# ------------------------------------------------------------------------------ planted mistakes


def budget_with(row: int, col: int, text: str):
    rows = [list(r) for r in NATIONAL_BUDGET]
    rows[row][col] = text
    return rows


def rubric_with(row: int, col: int, text: str):
    rows = [list(r) for r in BASIC_RUBRIC]
    rows[row][col] = text
    return rows


@pytest.mark.parametrize(
    "family, kw, rule, cell",
    [
        # 执行率 typed over its formula as a constant: 90% where 114/120 is 95%
        ("national", {"budget": budget_with(0, 5, "90%"), "formula_rates": False}, "A122", "自评表!H7"),
        # 本年财政拨款 执行数 90: 90 + 18 is not the 114 of 年度资金总额
        ("national", {"budget": budget_with(1, 3, "90")}, "A121", "自评表!F7"),
        # 在职人员控制率 scored 9 of its 8 points
        ("hunan_basic", {"rubric": rubric_with(0, 8, "9")}, "R303", "评价指标表!I3"),
    ],
)
def test_planted_mistake_fires_the_same_rule_at_the_sheet_and_cell(tmp_path, family, kw, rule, cell):
    word_kw = {k: v for k, v in kw.items() if k != "formula_rates"}
    xlsx = (
        national_xlsx(tmp_path / "f.xlsx", **kw)
        if family == "national"
        else hunan_basic_xlsx(tmp_path / "f.xlsx", **kw)
    )
    docx = (national_docx if family == "national" else hunan_basic_docx)(tmp_path / "f.docx", **word_kw)
    (x,), (w,) = read(xlsx), read(docx)
    found_x = [f for f in run_audit([x]).findings if f.rule == rule]
    found_w = [f for f in run_audit([w]).findings if f.rule == rule]
    assert [(f.message, f.expected, f.actual) for f in found_x] == [
        (f.message, f.expected, f.actual) for f in found_w
    ]
    assert len(found_x) == 1 and found_x[0].severity == "error"
    assert found_x[0].location == cell


# ------------------------------------------------------------------------------ cells as shown


@pytest.mark.parametrize(
    "value, number_format, shown",
    [
        (5075.5, "General", "5075.5"),
        (5075.499999999999, "General", "5075.5"),  # a sum's binary noise, as Excel shows it
        (0.1 + 0.2, "0.00", "0.30"),
        (0.985, "0.0%", "98.5%"),
        (0.951048951048951, "0.00%", "95.10%"),
        (1, "0%", "100%"),
        (1234567.5, "#,##0.00", "1,234,567.50"),
        (12.5, '0.00"万元"', "12.50万元"),
        (-3, "0.00", "-3.00"),
        (-0.5, "0.00_);(0.00)", "(0.50)"),
        (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),  # accounting: zero shown as -
        (96, "General", "96"),
        (120.0, "General", "120"),
        (0.00001, "General", "0.00001"),
        (dt.datetime(2023, 3, 5), 'yyyy"年"m"月"d"日"', "2023年3月5日"),
        (dt.datetime(2023, 3, 5), "mm-dd-yy", "2023/3/5"),  # format 14: the system's short date
        (dt.datetime(2023, 3, 5), "yyyy-mm-dd", "2023-03-05"),
        (dt.datetime(2023, 3, 5, 14, 7), "yyyy/m/d h:mm", "2023/3/5 14:07"),
        ("年初预算数\r\n（万元）", "@", "年初预算数\n（万元）"),
    ],
)
def test_cell_text_is_what_a_reviewer_sees(value, number_format, shown):
    assert display_text(value, number_format) == shown


def test_figures_typed_in_excel_read_as_displayed(tmp_path):
    """The same values written by openpyxl (its own number formats, a date) read back as shown."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "自评表"
    for ref, value, number_format in (
        ("A1", 5075.5, "General"),
        ("B1", 0.985, "0.0%"),
        ("C1", dt.date(2023, 3, 15), 'yyyy"年"m"月"d"日"'),
        ("D1", 44.29, "#,##0.00"),
    ):
        ws[ref] = value
        ws[ref].number_format = number_format
    book.save(tmp_path / "v.xlsx")
    (table,) = read_document(tmp_path / "v.xlsx").tables
    assert table.texts() == [["5075.5", "98.5%", "2023年3月15日", "44.29"]]
    assert [c.ref for c in table.grid[0]] == ["自评表!A1", "自评表!B1", "自评表!C1", "自评表!D1"]


def test_formula_values_are_the_saved_ones_and_a_formula_without_one_is_blank_and_noted(tmp_path):
    path = hunan_basic_xlsx(tmp_path / "h.xlsx")
    formulas = openpyxl.load_workbook(path)["基础数据表"]
    assert formulas["D5"].value == "=C5/B5"  # 控制率 is a formula, saved with 0.951…
    raw = read_document(path)
    assert raw.tables[0].grid[1][3].text == "95.10%" and raw.notes == []
    # openpyxl saves a formula without any value (it never computes): read blank, never as its text
    book = openpyxl.load_workbook(path)
    book["基础数据表"]["D5"] = "=C5/B5"
    book.save(tmp_path / "uncomputed.xlsx")
    raw = read_document(tmp_path / "uncomputed.xlsx")
    assert raw.tables[0].grid[1][3].text == ""
    assert "=C5/B5" not in "".join(raw.iter_text())
    assert raw.notes == ["基础数据表!D5 是公式（=C5/B5），文件未保存其计算结果，按空白读取"]
    (report,) = to_reports(raw)
    assert report.basic_data.staffing.control_rate is None


def test_many_formulas_without_values_make_one_note(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "明细"
    for r in range(1, 6):
        ws.cell(r, 1, r)
        ws.cell(r, 2, f"=A{r}*2")
    book.save(tmp_path / "f.xlsx")
    raw = read_document(tmp_path / "f.xlsx")
    assert "=A1*2" not in "".join(raw.iter_text())
    assert raw.notes == ["工作表“明细”的 5 个公式单元格（B1、B2、B3、B4、B5）文件未保存计算结果，按空白读取"]


def test_what_the_reader_left_out_shows_in_the_workbook(tmp_path):
    """The reader's notes reach 提取数据's 读取方式, where the reviewer sees how the file was read."""
    path = hunan_basic_xlsx(tmp_path / "h.xlsx")
    book = openpyxl.load_workbook(path)  # re-saved by openpyxl: the 控制率 formula loses its value
    book.create_sheet("下拉选项").sheet_state = "hidden"
    book.save(path)
    result = load_file(path)
    (report,) = result.reports
    assert report.reader_notes == [
        "基础数据表!D5 是公式（=C5/B5），文件未保存其计算结果，按空白读取",
        "隐藏的工作表“下拉选项”未读取",
    ]
    done = run_cli(str(path), "-o", str(tmp_path / "out.xlsx"), cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr.decode()
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["提取数据"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("读取方式")] == "；".join(report.reader_notes)


# ------------------------------------------------------------------------------ other spreadsheet formats


@pytest.mark.soffice
@pytest.mark.slow
def test_xls_et_and_ods_converted_by_libreoffice_read_the_same(tmp_path):
    (tmp_path / "src").mkdir()
    xlsx = national_xlsx(tmp_path / "src" / "f.xlsx")
    xls = convert_with_soffice(xlsx, tmp_path / "work", "xls:MS Excel 97")
    assert xls.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    et = shutil.copyfile(xls, tmp_path / "f.et")  # WPS 表格 saves the same compound file as .et
    ods = convert_with_soffice(xlsx, tmp_path / "work-ods", "ods")
    (x,) = read(xlsx)
    for path, fmt in ((xls, "xls"), (et, "et"), (ods, "ods")):
        raw = read_document(path)
        assert raw.format == fmt
        (report,) = to_reports(raw)
        assert report.values() == x.values()
        assert report.sources["budget_lines[0].rate"].describe() == "自评表!H7"


@pytest.mark.parametrize("name", ["f.xls", "f.et", "f.xlsm"])
def test_a_zip_workbook_under_another_suffix_is_read_as_xlsx(tmp_path, name):
    """WPS and web systems often save .xlsx content under an .xls or .et name: read it directly."""
    path = national_xlsx(tmp_path / "f.xlsx").rename(tmp_path / name)
    raw = read_document(path)
    assert raw.format == ("xlsm" if name.endswith("xlsm") else "xlsx")
    (x,) = to_reports(raw)
    assert x.project_name == "农民工技能培训项目" and x.budget_lines[0].rate == D(95)


def test_missing_libreoffice_is_named_for_an_old_workbook(tmp_path, monkeypatch):
    xls = tmp_path / "f.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))  # a compound file's header
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    with pytest.raises(ExtractError) as info:
        read_document(xls)
    assert info.value.reason == "需要安装 LibreOffice（soffice）才能读取 .xls/.et/.ods 文件"


# ------------------------------------------------------------------------------ hostile workbooks


def rezip(source: Path, path: Path, replace: dict[str, bytes], drop: str = "") -> Path:
    """A copy of the workbook `source` with some members replaced (or one dropped)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != drop:
                zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
    return path


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>'
)


def hostile_workbooks(tmp_path: Path) -> dict[str, Path]:
    clean = national_xlsx(tmp_path / "clean.xlsx")
    sheet = zipfile.ZipFile(clean).read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"</worksheet>", b" " * (80 * 1024 * 1024) + b"</worksheet>")
    (tmp_path / "text.xlsx").write_bytes(b"hello, not a workbook")
    # a workbook saved with a password to open: a compound file with an EncryptedPackage stream
    # (the directory entry's name is what the reader looks for; the sectors are left empty here)
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0")
    (tmp_path / "locked.xlsx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + entry + bytes(448)
    )
    far = openpyxl.Workbook()
    far.active["A1"], far.active["A20001"] = "项目名称", "x"  # a used range past the Word reader's rows
    far.save(tmp_path / "far.xlsx")
    return {
        "far cell": tmp_path / "far.xlsx",
        "encrypted": tmp_path / "locked.xlsx",
        "zip bomb": rezip(clean, tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": padded}),
        "entity bomb": rezip(clean, tmp_path / "entities.xlsx", {"xl/sharedStrings.xml": ENTITY_BOMB}),
        "not a zip": tmp_path / "text.xlsx",
        "no workbook part": rezip(clean, tmp_path / "empty.xlsx", {}, drop="xl/workbook.xml"),
    }


def test_hostile_workbooks_are_refused_in_one_line(tmp_path):
    reasons = {}
    for name, path in hostile_workbooks(tmp_path).items():
        with pytest.raises(ExtractError) as info:
            read_document(path)
        reasons[name] = info.value.reason
        assert "\n" not in info.value.reason
    assert reasons["zip bomb"] == "拒绝读取：xl/worksheets/sheet1.xml 压缩比异常（疑似压缩炸弹）"
    assert reasons["entity bomb"] == "拒绝读取：Excel XML 含 DTD/实体声明（疑似 XML 实体炸弹）"
    assert reasons["not a zip"].startswith("不是有效的 Excel 文件")
    assert reasons["no workbook part"] == "不是 Excel 工作簿：压缩包中没有 xl/workbook.xml"
    assert reasons["encrypted"] == "Excel 文件设置了打开密码（已加密），无法读取；请提供未加密的文件"
    assert reasons["far cell"] == "拒绝读取：一个表格超过 10000 行（文件可能已损坏或被篡改）"


def test_hostile_workbooks_do_not_stop_a_batch(tmp_path):
    hostile = hostile_workbooks(tmp_path)
    good = national_xlsx(tmp_path / "good.xlsx")
    results = read_files([hostile["zip bomb"], good, hostile["entity bomb"]], workers=1, progress=False)
    assert [(Path(r.file).name, r.status) for r in results] == [
        ("bomb.xlsx", "error"),
        ("good.xlsx", "ok"),
        ("entities.xlsx", "error"),
    ]
    assert results[1].reports[0].project_name == "农民工技能培训项目"


@pytest.mark.slow  # a CLI run in a fresh process
def test_this_tools_own_workbook_is_not_read_as_a_report(tmp_path):
    (tmp_path / "in").mkdir()
    docx = national_docx(tmp_path / "in" / "f.docx")
    done = run_cli(str(docx), "-o", str(tmp_path / "audit-report.xlsx"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    with pytest.raises(ExtractError) as info:
        read_document(tmp_path / "audit-report.xlsx")
    assert info.value.reason == OWN_OUTPUT


# ------------------------------------------------------------------------------ through the CLI


@pytest.mark.slow  # a CLI run in a fresh process
def test_cli_reads_a_folder_of_word_and_excel_forms(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    national_docx(folder / "项目自评表.docx")
    hunan_basic_xlsx(folder / "基础数据表.xlsx")
    (folder / "~$基础数据表.xlsx").write_bytes(b"lock")
    first = run_cli(".", "--json", "../out.json", cwd=folder)
    assert first.returncode == 0, first.stderr.decode()
    assert (folder / "audit-report.xlsx").is_file()  # written into the folder it searched
    summary = openpyxl.load_workbook(folder / "audit-report.xlsx")["报告汇总"]
    files = {row[0] for row in summary.iter_rows(min_row=2, values_only=True)}
    assert {Path(f).name for f in files if f} >= {"项目自评表.docx", "基础数据表.xlsx"}
    # run again: the folder now holds the run's own workbook, which the search skips (and overwrites)
    second = run_cli(".", "--json", "../out.json", cwd=folder)
    assert second.returncode == 0, second.stderr.decode()
    assert f"跳过：audit-report.xlsx：{SKIP_OWN_WORKBOOK}" in second.stderr.decode()


def test_folder_search_finds_spreadsheets_and_skips_this_tools_workbooks(tmp_path):
    for name in ("a.xlsx", "b.xls", "c.et", "d.ods", "e.xlsm"):
        (tmp_path / name).write_bytes(b"x")
    for name, sheets in (
        ("audit-2021.xlsx", ("问题清单", "报告汇总", "读取失败")),
        ("compare.xlsx", ("部门对照",)),
    ):
        book = openpyxl.Workbook()
        book.active.title = sheets[0]
        for sheet in sheets[1:]:
            book.create_sheet(sheet)
        book.save(tmp_path / name)
    found = find_inputs([str(tmp_path)])
    assert [p.name for p in found.files] == ["a.xlsx", "b.xls", "c.et", "d.ods", "e.xlsm"]
    assert [(Path(r.file).name, r.error) for r in found.skipped] == [
        ("audit-2021.xlsx", SKIP_OWN_WORKBOOK),
        ("compare.xlsx", SKIP_OWN_WORKBOOK),
    ]
