"""Public reports in wordings and layouts the earlier shape tests do not cover (session 5; figures changed).

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


def _rules(findings, severity=None):
    return {f.rule for f in findings if severity is None or f.severity == severity}


# ------------------------------------------------------------------ Yunnan 2020 export: ﹦ as 指标性质

LIJIANG = [
    ["2020年度项目支出绩效自评表", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["项目名称", "2020年省级自然资源卫片执法补助经费", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["主管部门", "某市自然资源和规划局", LEFT, LEFT, LEFT, "实施单位", "某市某区自然资源局", LEFT, LEFT, LEFT],
    ["项目资金\n（万元）", "", LEFT, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", LEFT],
    [UP, "年度资金总额", LEFT, "7.29", "7.29", "7.29", "10.00", "100%", "10.00", LEFT],
    [UP, "其中：当年财政拨款", LEFT, "7.29", "7.29", "7.29", "", "100%", "", LEFT],
    [UP, "上年结转资金", LEFT, "", "", "", "", "", "", LEFT],
    [UP, "其他资金", LEFT, "", "", "", "", "", "", LEFT],
    ["年度\n总体\n目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT, LEFT],
    [UP, "完成卫片执法检查，按时拨付补助经费。", LEFT, LEFT, LEFT, "完成卫片执法检查，补助经费全部拨付。", LEFT, LEFT, LEFT, LEFT],
    ["绩效指标", LEFT, LEFT, "年度指标值", LEFT, LEFT, "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["一级\n指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", UP, UP, UP, UP],
    ["产出指标", "数量指标", "卫片执法补助经费", "﹦", "72890", "元", "72890", "10.00", "10.00", ""],
    [UP, "质量指标", "项目验收合格率", "﹦", "100", "%", "100", "20", "20", ""],
    [UP, "时效指标", "项目完成及时率", "﹦", "100", "%", "100", "20.00", "20.00", ""],
    ["效益指标", "社会效益指标", "违法行为责停率", "≥", "95", "%", "95", "30.00", "30.00", ""],
    ["满意度指标", "服务对象满意度指标", "满意度", "≥", "95", "%", "95", "10.00", "10.00", ""],
    ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100.00", "100.00", LEFT],
]


def _lijiang(tmp_path, grid):
    """丽江市古城区 2020年省级自然资源卫片执法补助经费 项目支出绩效自评表 (reposted at
    m.jjiadianqingjie.com.cn/changyong/13241.html): the title as the table's first row, 年度指标值 over
    指标性质 | 指标值 | 度量单位, and 指标性质 printed as the small equals sign ﹦ (U+FE66) the export uses."""
    return _read(_save(tmp_path, "lijiang.docx", [], grid))


def test_small_equals_sign_is_an_equals_target(tmp_path):
    reports, findings = _lijiang(tmp_path, LIJIANG)
    (r,) = reports
    assert (r.form, r.kind, r.year, r.department, r.supervisor) == (
        "national", "project", 2020, "某市某区自然资源局", "某市自然资源和规划局",
    )
    assert [i.nature for i in r.indicators] == ["=", "=", "=", "≥", "≥"]
    assert (r.indicators[0].target, r.indicators[0].unit) == ("72890", "元")
    assert (r.score_total_max, r.self_score) == (D(100), D(100))
    assert not [f for f in findings if f.severity in ("error", "warning")], [f.message for f in findings]


def test_met_equals_targets_scored_below_full_are_found(tmp_path):
    """The published form gave 9 of 10, 19 of 20 … on targets met exactly: each a deduction to explain."""
    grid = [row[:] for row in LIJIANG]
    grid[12] = [*grid[12][:7], "10.00", "9.00", ""]
    grid[13] = [*grid[13][:7], "20", "19", ""]
    grid[-1] = ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100.00", "98.00", LEFT]
    _, findings = _lijiang(tmp_path, grid)
    deducted = {f.message.split("」")[0] for f in findings if f.rule == "R323"}
    assert deducted == {"指标「卫片执法补助经费", "指标「项目验收合格率"}, [f.message for f in findings]
    assert not _errors(findings), [f.message for f in findings]


@pytest.mark.parametrize("sign, nature", [("≧", "≥"), ("⩾", "≥"), ("≦", "≤"), ("⩽", "≤"), ("﹦", "=")])
def test_operator_variants_typed_by_input_methods(sign, nature):
    """≧ ≦ (GBK), ⩾ ⩽ and ﹦ stand where the template prints ≥ ≤ =."""
    from jixiao_audit.normalize.families.table_form import split_target

    assert split_target(f"{sign}95%") == (nature, "95", "%")
