"""Regression test on the real seed report, rebuilt as Word files: every number, exactly."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from jixiao_audit.extract import read_document
from jixiao_audit.normalize import to_reports

from tests.report_factory import SEED_EXPENSES

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DEPARTMENT_FILE = CORPUS / "huarong_2020_department.docx"
PROJECT_FILE = CORPUS / "huarong_2020_project.docx"
COMBINED_FILE = CORPUS / "huarong_2020_combined.docx"

INCOME = [
    ("局机关及二级机构汇总", "29201", "0", "20353.71", "8847.29", "0", "0"),
    ("1、局机关", "28988.34", "0", "20141.05", "8847.29", "0", "0"),
    ("2、市政公用设施建设中心", "212.66", "0", "212.66", "0", "0", "0"),
]
EXPENDITURE = [
    ("局机关及二级机构汇总", "29201", "1767.43", "1242.09", "525.34", "27433.57", "0", "0"),
    ("1、局机关", "28988.34", "1604.77", "1100.42", "504.35", "27383.57", "0", "0"),
    ("2、市政公用设施建设中心", "212.66", "162.66", "141.67", "20.99", "50", "0", "0"),
]
THREE_PUBLIC = [
    ("局机关及二级机构汇总", "3.49", "1.21", "2.28", "0", "0"),
    ("1、局机关", "3.49", "1.21", "2.28", "0", "0"),
    ("2、市政公用设施建设中心", "0", "0", "0", "0", "0"),
]
FIXED_ASSETS = [
    ("局机关及二级机构汇总", "174.31", "174.31", "0", "0"),
    ("1、局机关", "137.53", "137.53", "0", "0"),
    ("2、市政公用设施建设中心", "36.78", "36.78", "0", "0"),
]
# (level3, 分值, 自评得分) of 附件3-1; the three 效益 rows share one merged score cell.
DEPARTMENT_SCORES = [
    ("财政供养人员控制率", 5, 5),
    ("“三公经费”变动率", 5, 5),
    ("重点支出安排率", 5, 5),
    ("预算调整率", 3, 3),
    ("支付进度", 3, 3),
    ("资金结余", 3, 3),
    ("“三公经费”控制率", 6, 6),
    ("管理制度健全性", 3, 3),
    ("资金使用合规性", 3, 3),
    ("预决算信息公开性和完善性", 3, 3),
    ("政府采购执行率", 3, 3),
    ("公务卡刷卡率", 3, 3),
    ("管理制度健全性", 3, 3),
    ("资产管理安全性", 4, 4),
    ("固定资产利用率", 3, 3),
    ("实施“三高四新”战略目标任务完成情况", 8, 8),
    ("《政府工作报告》目标任务完成情况", 5, 5),
    ("省市重点民生实事完成情况", 4, 4),
    ("省市重点工程和重大项目建设完成情况", 4, 4),
    ("其他工作实绩指标完成情况", 4, 4),
    ("经济效益、社会效益、生态效益", 15, 13),
    ("社会公众或服务对象满意度", 5, 5),
]
PROJECT_SCORES = [
    ("目标内容", 4, 4),
    ("决策依据", 4, 4),
    ("决策程序", 4, 4),
    ("分配办法", 3, 3),
    ("分配结果", 5, 5),
    ("到位率", 3, 3),
    ("到位时效", 2, 2),
    ("资金使用", 7, 7),
    ("财务管理", 3, 3),
    ("组织机构", 1, 1),
    ("支撑条件", 1, 1),
    ("项目实施", 3, 3),
    ("管理制度", 5, 5),
    ("产出数量", 5, 5),
    ("产出质量", 4, 4),
    ("产出时效", 3, 3),
    ("产出成本", 3, 3),
    ("经济效益", 8, 8),
    ("社会效益", 8, 8),
    ("环境效益", 8, 8),
    ("可持续影响", 8, 7),
    ("服务对象满意度", 8, 8),
]
EXPENSE_YUAN = SEED_EXPENSES


def load(path: Path):
    return to_reports(read_document(path))


@pytest.fixture(scope="module")
def department():
    (report,) = load(DEPARTMENT_FILE)
    return report


@pytest.fixture(scope="module")
def project():
    (report,) = load(PROJECT_FILE)
    return report


def rows_as_tuples(rows, fields):
    return [
        tuple([row.unit] + [None if getattr(row, f) is None else D(getattr(row, f)) for f in fields])
        for row in rows
    ]


def expected(rows):
    return [tuple([r[0]] + [D(v) for v in r[1:]]) for r in rows]


def test_department_header_fields(department):
    assert department.kind == "department"
    assert (department.county, department.year) == ("华容县", 2020)
    assert department.department == "华容县住房和城乡建设局"
    assert department.budget_code == "303001"
    assert (department.contact, department.contact_phone) == ("黄可夫", "4231757")
    assert (department.staffing.authorized, department.staffing.actual) == (143, 162)
    assert department.self_score == 98 and department.grade == "优秀"
    assert department.report_date is None and "report_date" in department.sources
    assert [e.name for e in department.evaluators] == ["黄可夫", "蔡鹏", "周明山"]
    assert [e.title for e in department.evaluators] == [None, "财务股股长", "副局长"]


def test_department_money_tables(department):
    fields = ["total", "carryover", "general_budget", "government_fund", "special_account", "other"]
    assert rows_as_tuples(department.income, fields) == expected(INCOME)
    fields = ["total", "basic", "personnel", "public", "project", "balance_current", "balance_cumulative"]
    assert rows_as_tuples(department.expenditure, fields) == expected(EXPENDITURE)
    fields = ["total", "reception", "vehicle_operation", "vehicle_purchase", "overseas"]
    assert rows_as_tuples(department.three_public, fields) == expected(THREE_PUBLIC)
    fields = ["total", "in_use", "leased", "other"]
    assert rows_as_tuples(department.fixed_assets, fields) == expected(FIXED_ASSETS)


def test_department_rubric(department):
    got = [(i.level3, i.max_points, i.self_points) for i in department.score_items]
    assert got == [(name, D(m), D(s)) for name, m, s in DEPARTMENT_SCORES]
    assert (department.score_total_max, department.score_total_self) == (100, 98)
    assert department.score_items[0].level1 == "投入（15分）"
    assert department.score_items[0].level2 == "预算配置（15分）"


def test_department_indicators_and_narrative(department):
    quantitative = [i for i in department.indicators if i.level1 != "定性目标"]
    assert quantitative[0].level2 == "质量指标"
    assert quantitative[0].name == "指标1：严格监管质量安全"
    assert quantitative[-1].level2 == "社会公众或服务对象满意度"
    assert len(quantitative) == 13
    text = "\n".join(s.heading + "\n" + s.text for s in department.narrative)
    assert "现已到位资金5075万元" in text
    assert "一般公共预算财政拨款收入20353.71万元，占本年收入合计的69.7%" in text
    assert department.narrative[0].heading.startswith("一、部门（单位）概况")


def test_project_fields(project):
    assert project.kind == "project"
    assert project.project_name == "老旧小区改造"
    assert project.department == "华容县住房和城乡建设局"
    assert project.supervisor == "华容县住房和城乡建设局"
    assert (project.manager, project.manager_phone) == ("王明伟", "13974066776")
    assert project.address == "华容县章华镇"
    assert (project.county, project.year) == ("华容县", 2020)
    assert project.evaluation_type is None and "evaluation_type" in project.sources
    assert project.self_score == 99 and project.grade == "优秀"
    assert [e.title for e in project.evaluators] == [None, None, "住保股股长"]


def test_project_funds_by_source(project):
    f = project.funds
    assert (f.planned.total, f.planned.central, f.planned.county) == (D(13742), D(5057), D(8685))
    assert f.planned.provincial is None and f.planned.municipal is None and f.planned.other is None
    assert (f.arrived.total, f.arrived.central, f.arrived.county) == (D(5057), D(5057), None)
    assert (f.spent.total, f.spent.central) == (D("1560.87"), D("1560.87"))
    assert (f.balance.total, f.balance.central) == (D("3496.13"), D("3496.13"))


def test_project_expense_lines_in_wan(project):
    got = [(e.amount, e.voucher) for e in project.expenses]
    assert got == [(D(amount).scaleb(-4), voucher) for amount, voucher in EXPENSE_YUAN]
    assert all(e.item == "项目工程款" for e in project.expenses)
    assert project.expenses_total == D("1560.8694")


def test_project_rubric(project):
    got = [(i.level3, i.max_points, i.self_points) for i in project.score_items]
    assert got == [(name, D(m), D(s)) for name, m, s in PROJECT_SCORES]
    assert (project.score_total_max, project.score_total_self) == (100, 99)


def test_project_indicators(project):
    quantitative = [i for i in project.indicators if i.level1 != "定性目标"]
    assert [(i.level1, i.level2, i.name, i.target, i.actual) for i in quantitative[:1]] == [
        ("项目产出指标", "数量指标", "完成20个老旧小区改造", None, "完成20个")
    ]
    assert len(quantitative) == 8


def test_combined_file_gives_both_reports_identical_to_the_separate_files(department, project):
    reports = load(COMBINED_FILE)
    assert [r.kind for r in reports] == ["department", "project"]
    assert reports[0].values() == department.values()
    assert reports[1].values() == project.values()


def test_every_value_has_a_location(department, project):
    src = department.source("income[0].general_budget")
    assert src.raw.strip() == "20353.71" and src.table is not None and src.row is not None
    src = project.source("funds.arrived.total")
    assert src.raw.strip() == "5057"
    assert project.source("expenses[0].amount").raw.strip() == "1100000.00"
