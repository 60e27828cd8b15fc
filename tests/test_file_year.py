"""A report in a combined file whose own lines name no year takes the file's year, with its source.

Real Word files made with python-docx: a department's 部门整体支出绩效自评表 （2021年度） followed by
its 项目支出绩效自评表 forms without their year line (the national family's shape), and a prose
department report followed by a project report whose title and text name no year.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from corpus.render_families import add_grid, national_rows
from tests.prose_factory import prose_reports
from tests.shape_files import read_and_audit

DEPARTMENT = "某县人力资源和社会保障局"
SECOND_PROJECT = ("公益性岗位补贴项目", DEPARTMENT, "某县就业服务中心")


def department_rows() -> list[list]:
    """The national form filled for the whole department: 部门（单位）名称 where 项目名称 stands."""
    rows = national_rows(names=("", DEPARTMENT, DEPARTMENT))
    rows[0] = ["部门（单位）名称", DEPARTMENT, *rows[0][2:]]
    return rows


def combined_file(tmp_path, head: list[str], department: bool = True):
    """Paragraphs `head`, the department's form (unless not asked), two project forms with no year."""
    doc = Document()
    for text in head:
        doc.add_paragraph(text)
    if department:
        add_grid(doc, department_rows())
    for names in (None, SECOND_PROJECT):
        doc.add_paragraph("项目支出绩效自评表")
        add_grid(doc, national_rows(names=names))
    path = tmp_path / "combined.docx"
    doc.save(path)
    return path


def test_project_forms_take_the_year_of_the_files_department_form(tmp_path):
    path = combined_file(tmp_path, ["部门整体支出绩效自评表", "（2021年度）"])
    reports, _ = read_and_audit(path)
    assert [(r.kind, r.year) for r in reports] == [("department", 2021), ("project", 2021), ("project", 2021)]
    for project in reports[1:]:
        source = project.sources["year"]
        assert source.raw == "（2021年度）" and source.describe() == "第2段"
    assert reports[0].sources["year"] == reports[1].sources["year"]  # its own title's line, read as before


def test_without_a_department_year_the_files_title_gives_it(tmp_path):
    """The first form's own lines start with the file's title; the second form's do not."""
    title = f"{DEPARTMENT}2021年度项目支出绩效自评材料"
    reports, _ = read_and_audit(combined_file(tmp_path, [title, "报告日期：2022年3月10日"], department=False))
    assert [(r.kind, r.year) for r in reports] == [("project", 2021), ("project", 2021)]
    assert reports[1].sources["year"].raw == title and reports[1].sources["year"].describe() == "第1段"


def test_an_ambiguous_file_year_is_not_guessed(tmp_path):
    head = [f"{DEPARTMENT}2020年度、2021年度项目支出绩效自评材料"]
    reports, _ = read_and_audit(combined_file(tmp_path, head, department=False))
    assert reports[1].year is None and "year" not in reports[1].sources


def test_prose_project_report_after_its_department_report_takes_its_year():
    department, project = prose_reports(
        "XX县教育局2023年度部门整体支出绩效自评报告",
        "一、基本情况",
        "本年收入合计1200.50万元，支出合计1150.00万元。",
        "XX县教育局学生资助项目支出绩效单位自评报告",
        "一、项目概况",
        "全年预算数200万元，实际到位资金200万元，全年执行数180.5万元。",
    )
    assert (department.kind, project.kind) == ("department", "project")
    assert (department.year, project.year) == (2023, 2023)
    assert project.sources["year"].raw == "XX县教育局2023年度部门整体支出绩效自评报告"


def test_a_department_report_in_sentences_before_project_forms_is_its_own_report(tmp_path):
    """部门整体支出绩效自评报告 in sentences, then a 项目支出绩效自评表 with no year: two reports (the
    department's title and text were read as the form's cover), the project of the department's year."""
    title = "XX县人力资源和社会保障局2023年度部门整体支出绩效自评报告"
    path = combined_file(
        tmp_path,
        [title, "一、基本情况", "本年收入合计1200.50万元，支出合计1150.00万元。经评价，自评得分95分。"],
        department=False,
    )
    reports, _ = read_and_audit(path)
    assert [(r.kind, r.form, r.year) for r in reports] == [
        ("department", "prose", 2023),
        ("project", "national", 2023),
        ("project", "national", 2023),
    ]
    assert reports[0].income[0].total == 1200.5 and reports[1].title == "项目支出绩效自评表"
    assert reports[1].sources["year"].raw == title


CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# one generated file of each form (the name after the department and year), and the seed
FORM_SAMPLES = sorted(
    {p.name.split("_", 1)[-1]: p for p in sorted((CORPUS / "generated").glob("*.docx"))}.values()
) + [CORPUS / "huarong_2020_combined.docx"]


@pytest.mark.parametrize("path", FORM_SAMPLES, ids=lambda p: p.name)
def test_every_dated_report_says_where_its_year_was_read(path):
    """The year is a key field: like every other value it points at the text it was read from."""
    from jixiao_audit.pipeline import load_file

    reports = load_file(path).reports
    assert reports
    for report in reports:
        assert report.year is not None
        source = report.sources["year"]
        assert str(report.year) in source.raw and source.describe()
