"""Layouts and wordings beyond the seed's: the template is read by its labels, not its shape.

Each test writes a small real .docx with python-docx, laid out the way other counties do.
"""

from __future__ import annotations

from decimal import Decimal as D

import docx
import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import NotAReport, to_reports


def add_table(document, rows):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


def read(tmp_path, document, name="r.docx"):
    path = tmp_path / name
    document.save(path)
    return to_reports(read_document(path))


def test_department_title_naming_the_department_and_a_unit_line_in_yuan(tmp_path):
    d = docx.Document()
    d.add_paragraph("岳阳市华容县住房和城乡建设局2021年度部门整体支出绩效自评报告")
    d.add_paragraph("部门（单位）名称（盖章）：华容县住房和城乡建设局")
    d.add_paragraph("报告日期：2022年3月15日")
    add_table(d, [["一、部门（单位）基本概况", ""], ["人员编制", "50"], ["实有人数", "48"]])
    d.add_paragraph("单位：元")
    add_table(
        d,
        [
            [
                "单位名称",
                "收入合计",
                "上年结转",
                "一般公共预算拨款",
                "政府性基金预算拨款",
                "财政专户管理资金",
                "其他收入",
            ],
            ["汇总", "1,234,500.00", "", "1,000,000.00", "234,500.00", "", ""],
        ],
    )
    (report,) = read(tmp_path, d)
    assert (report.kind, report.county, report.year) == ("department", "华容县", 2021)
    assert report.department == "华容县住房和城乡建设局"
    assert report.report_date == "2022-03-15"
    assert (report.staffing.authorized, report.staffing.actual) == (50, 48)
    (row,) = report.income
    assert (row.total, row.general_budget, row.government_fund) == (D("123.45"), D(100), D("23.45"))
    assert row.carryover is None and row.special_account is None  # blank is not 0


def test_project_funds_with_groups_as_columns_and_a_ticked_type(tmp_path):
    d = docx.Document()
    d.add_paragraph("项目支出绩效评价自评报告")
    d.add_paragraph("评价类型：☑项目实施过程评价   □项目完成结果评价")
    d.add_paragraph("项目名称：乡镇污水处理设施建设")
    d.add_paragraph("项目单位：华容县住房和城乡建设局      主管部门：华容县住建局")
    add_table(
        d,
        [
            ["一、项目基本概况", "", "", "", ""],
            ["项目起止时间", "2021年1月至2021年12月", "", "", ""],
            ["资金来源", "计划安排资金（万元）", "实际到位资金（万元）", "实际支出（万元）", "结余（万元）"],
            ["合计", "300", "250", "200.5", "49.5"],
            ["中央财政", "100", "100", "80", "20"],
            ["县市区财政", "200", "150", "120.5", "29.5"],
        ],
    )
    (report,) = read(tmp_path, d)
    assert report.kind == "project" and report.year == 2021
    assert report.evaluation_type == "项目实施过程评价"
    assert (report.department, report.supervisor) == ("华容县住房和城乡建设局", "华容县住建局")
    f = report.funds
    assert (f.planned.total, f.arrived.total, f.spent.total, f.balance.total) == (
        D(300),
        D(250),
        D("200.5"),
        D("49.5"),
    )
    assert (f.planned.central, f.planned.county, f.spent.county) == (D(100), D(200), D("120.5"))
    assert f.planned.provincial is None


def test_rubric_without_third_level_and_points_written_with_units(tmp_path):
    d = docx.Document()
    d.add_paragraph("项目支出绩效评价自评报告")
    d.add_paragraph("项目名称：示例项目")
    d.add_paragraph("项目支出绩效评价评分表")
    add_table(
        d,
        [
            ["一级指标", "二级指标", "评分标准", "分值", "得分"],
            ["项目决策", "项目目标", "目标明确", "20分", "20分"],
            ["项目管理", "资金到位", "到位率×分值", "30", "28.5"],
            ["项目绩效", "产出", "完成率", "50", "45"],
            ["总分", "", "", "100", "93.5"],
        ],
    )
    (report,) = read(tmp_path, d)
    got = [(i.level1, i.level2, i.max_points, i.self_points) for i in report.score_items]
    assert got == [
        ("项目决策", "项目目标", 20, 20),
        ("项目管理", "资金到位", 30, D("28.5")),
        ("项目绩效", "产出", 50, 45),
    ]
    assert (report.score_total_max, report.score_total_self) == (100, D("93.5"))


def test_two_project_reports_in_one_file_each_keep_their_own_rubric(tmp_path):
    d = docx.Document()
    for name, score in (("项目甲", "90"), ("项目乙", "80")):
        d.add_paragraph("项目支出绩效评价自评报告")
        d.add_paragraph(f"项目名称：{name}")
        add_table(d, [["绩效自评综合得分", score], ["评价等次", "优秀" if score == "90" else "良好"]])
        d.add_paragraph("项目支出绩效评价指标体系")
        add_table(
            d,
            [
                ["一级指标", "三级指标", "分值", "自评得分"],
                ["项目决策", "目标内容", "100", score],
                ["总分", "", "100", score],
            ],
        )
    first, second = read(tmp_path, d)
    assert (first.project_name, first.self_score, first.score_items[0].self_points) == ("项目甲", 90, 90)
    assert (second.project_name, second.self_score, second.score_items[0].self_points) == ("项目乙", 80, 80)


def test_a_word_file_that_is_not_a_report_is_refused_with_a_reason(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于召开年度工作会议的通知")
    add_table(d, [["姓名", "单位"], ["张三", "财政局"]])
    with pytest.raises(NotAReport) as info:
        read(tmp_path, d)
    assert "不是绩效评价自评报告" in info.value.reason


def test_further_income_categories_count_as_other_income(tmp_path):
    d = docx.Document()
    d.add_paragraph("华容县2021年度部门整体支出绩效自评报告")
    add_table(d, [["一、部门（单位）基本概况", ""], ["人员编制数", "30"], ["年末实有人数", "28"]])
    add_table(
        d,
        [
            ["机构名称", "收入合计", "一般公共预算财政拨款", "事业收入", "经营收入", "其他收入"],
            ["汇总", "500.00", "400.00", "60.00", "", "40.00"],
        ],
    )
    add_table(d, [["自评得分", "92"], ["评价等级", "优"]])
    (report,) = read(tmp_path, d)
    (row,) = report.income
    assert (row.total, row.general_budget, row.other) == (D("500.00"), D("400.00"), D("100.00"))
    assert (report.staffing.authorized, report.staffing.actual) == (30, 28)
    assert (report.self_score, report.grade) == (92, "优")
    from jixiao_audit.audit.engine import run_audit

    assert not [f for f in run_audit([report]).findings if f.rule == "A101"]


def test_expense_table_without_an_amount_column_does_not_break_the_report(tmp_path):
    d = docx.Document()
    d.add_paragraph("项目支出绩效评价自评报告")
    d.add_paragraph("项目名称：示例项目")
    add_table(d, [["支出内容", "会计凭证号"], ["工程款", "2021年1月1号"], ["支出合计", ""]])
    (report,) = read(tmp_path, d)
    assert [e.item for e in report.expenses] == ["工程款"] and report.expenses[0].amount is None
    assert report.expenses_total is None


def test_cover_labels_separated_by_spaces_instead_of_a_colon(tmp_path):
    d = docx.Document()
    d.add_paragraph("华容县2021年度部门整体支出绩效自评报告")
    d.add_paragraph("部门（单位）名称      华容县住房和城乡建设局")
    d.add_paragraph("预算编码\u3000\u3000906017")
    add_table(d, [["一、部门（单位）基本概况", ""], ["人员编制", "50"], ["实有人数", "48"]])
    (report,) = read(tmp_path, d)
    assert (report.department, report.budget_code) == ("华容县住房和城乡建设局", "906017")
