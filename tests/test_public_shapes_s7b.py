"""Public prose reports and the prose gaps the earlier rounds left (session 7, round 7; figures and names
changed where marked).

Each fixture names the public page whose wording it follows; the files are written with python-docx and
read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from jixiao_audit.audit.engine import run_audit

from tests.prose_factory import prose_reports
from tests.shape_files import messages as _messages
from tests.shape_files import serious as _serious

# ------------------------------------------------------------------ a prose project report's title names its project


@pytest.mark.parametrize(
    ("title", "name"),
    [
        # 旺苍县 2020年度部门决算 附件 (scgw.gov.cn/Detail.aspx?id=20211015173747681): the year after the name
        ("以工代赈项目2020年绩效评价报告", "以工代赈项目"),
        # the letter wording of 司城街道 (test_public_shapes_s6b), a project's
        ("关于学生资助项目2023年度绩效自评的报告", "学生资助项目"),
        ("关于2019年度高其坑通组道路工程绩效评价报告", "高其坑通组道路工程"),
        # unit, year, project, report words (the national 项目支出绩效单位自评报告 wording)
        ("某县教育局2023年度学生资助项目支出绩效单位自评报告", "学生资助项目"),
        # a fund named without unit or year (耒阳 2019 专项资金绩效自评价报告 wording)
        ("农村义务教育薄弱学校改造专项资金绩效自评报告", "农村义务教育薄弱学校改造专项资金"),
        # a unit's 专项资金 names no project
        ("耒阳市第四中学专项资金绩效自评价报告", None),
    ],
)
def test_project_title_names_the_project(title, name):
    (r,) = prose_reports(title, "一、项目概况", "项目预算10.00万元，实际支出9.80万元，预算执行率98%。")
    assert (r.kind, r.project_name) == ("project", name)


def test_bracketed_line_under_the_title_still_names_the_project():
    (r,) = prose_reports(
        "昌宁县第一示范小学2023年度项目支出绩效自评报告", "（教育专项工作经费）", "一、自评结论", "自评得分100分。"
    )
    assert r.project_name == "教育专项工作经费"
