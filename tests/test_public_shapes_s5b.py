"""Public reports in wordings and layouts the earlier shape tests do not cover (session 5, round 2; figures
and names changed).

Each fixture names the public page whose labels, layout and habits it follows; the files are written
with python-docx and read through the real reader, normaliser and audit.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from corpus.render_families import LEFT, UP
from tests.shape_files import read_and_audit as _read
from tests.shape_files import save_form as _save


def _errors(findings):
    return [f for f in findings if f.severity == "error"]


def _messages(findings):
    return [f"{f.rule} {f.severity} {f.message}" for f in findings]


def _pad(grid, width):
    return [row + [LEFT] * (width - len(row)) for row in grid]


# ------------------------------------------------------------------ Anhui 2022: "<code>-<name>" units, (50分) levels

GUICHI = _pad(
    [
        ["项目名称", "委托业务项目", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["主管部门", "219-某区某镇人民政府", LEFT, LEFT, "实施单位", "219001-某区某镇人民政府", LEFT, LEFT, LEFT],
        ["项目资金\n（万元）", "", LEFT, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [UP, "年度资金总额：", LEFT, "90", "89.974", "89.974", "10", "100%", "10"],
        [UP, "其中：本年财政拨款", LEFT, "90", "89.974", "89.974", "", "", ""],
        [UP, "上年结转资金", LEFT, "", "", "", "", "", ""],
        [UP, "其他资金", LEFT, "", "", "", "", "", ""],
        ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [
            UP,
            "本项目共申请预算资金90万元。其中：30万元用于预算编制；30万元用于审计；30万元用于设计、规划、测绘。",
            LEFT,
            LEFT,
            LEFT,
            "本项目共完成预算资金89.97万元。其中：30万元用于预算编制；30万元用于审计；29.97万元用于设计、规划。",
            LEFT,
            LEFT,
            LEFT,
        ],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [UP, "产出指标(50分)", "数量指标", "委托业务项目数量", "≥50个", "50", "10", "10", ""],
        [UP, UP, "质量指标", "委托业务报告合格率", "≥100百分比", "100", "10", "10", ""],
        [UP, UP, UP, "经费支出合规性", "严格执行相关制度规定", "达成预期指标", "10", "10", ""],
        [UP, UP, "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", "10", "10", ""],
        [UP, UP, "成本指标", "项目总成本", "≤90万元", "89.974", "10", "10", ""],
        [UP, "效益指标(30分)", "社会效益指标", "对维护市场公平的影响程度", "效果明显", "达成预期指标", "15", "15", ""],
        [UP, UP, "可持续影响指标", "对推动“四项制度”落实的持续性影响", "效果明显", "达成预期指标", "15", "15", ""],
        [UP, "满意度指标(10分)", "满意度指标", "公众满意度", "≥90%", "95%", "10", "10", ""],
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "100", ""],
    ],
    9,
)


def _guichi(tmp_path, grid):
    """池州市贵池区棠溪镇 2022年度 委托业务项目 项目支出绩效自评表 (www.anthempetcare.com/upload_cz/download?
    id=502364&siteId=2): 附件： / 项目支出绩效自评表 / （2022年度） over the form, 主管部门 and 实施单位 printed
    by the budget system as "219-…人民政府" and "219001-…人民政府", 年度指标值 with its unit inside
    ("≥50个", "≥100百分比") and no 指标性质 column, first-level labels carrying their points ("产出指标(50分)")."""
    return _read(_save(tmp_path, "guichi.docx", ["附件：", "项目支出绩效自评表", "（2022年度）"], grid))


def test_coded_unit_names_are_split_into_name_and_code(tmp_path):
    reports, findings = _guichi(tmp_path, GUICHI)
    (r,) = reports
    assert (r.form, r.kind, r.year, r.project_name) == ("national", "project", 2022, "委托业务项目")
    assert (r.department, r.supervisor, r.budget_code) == ("某区某镇人民政府", "某区某镇人民政府", "219001")
    assert [(i.nature, i.target, i.unit) for i in r.indicators[:2]] == [("≥", "50", "个"), ("≥", "100", "百分比")]
    assert (r.budget_lines[0].adjusted, r.budget_lines[0].executed) == (D("89.974"), D("89.974"))
    assert (r.score_total_max, r.self_score) == (D(100), D(100))
    assert not _errors(findings), _messages(findings)


def test_name_starting_with_a_year_range_is_not_a_code():
    from jixiao_audit.normalize.text import split_coded_name

    assert split_coded_name("2023-2025年高标准农田建设项目") == (None, "2023-2025年高标准农田建设项目")
    assert split_coded_name("51092324T000010263357-2023年全县安可替代补助资金项目") == (
        "51092324T000010263357",
        "2023年全县安可替代补助资金项目",
    )


def test_published_zero_total_row_over_its_appropriation_is_found(tmp_path):
    """The published form printed 年度资金总额 as 0 | 0 | 0 (执行率 0, 得分 0) above 本年财政拨款 90 | 89.974."""
    grid = [row[:] for row in GUICHI]
    grid[3] = [UP, "年度资金总额：", LEFT, "0", "0", "0", "10", "0", "0"]
    grid[-1] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "90", ""]
    _, findings = _guichi(tmp_path, grid)
    assert _errors(findings), _messages(findings)


def test_level_points_and_scores_above_points_are_found(tmp_path):
    grid = [row[:] for row in GUICHI]
    grid[10] = [UP, "产出指标(50分)", "数量指标", "委托业务项目数量", "≥50个", "50", "10", "12", ""]
    grid[-1] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "102", ""]
    _, findings = _guichi(tmp_path, grid)
    assert any("委托业务项目数量" in f.message for f in _errors(findings)), _messages(findings)
