"""Versions of one report in a batch (issue 13): grouping, the newest version, differences, duplicates."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.audit.versions import FileFacts, file_facts, group_versions, name_marker, same_report

from jixiao_audit.pipeline import load_file
from tests.report_factory import clean_department, clean_project
from tests.tracked_docx import replace_run, rewrite_docx

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
D = Decimal


def project(file: str, **changes) -> object:
    p = clean_project()
    p.file = file
    for name, value in changes.items():
        setattr(p, name, value)
    return p


# ---------------------------------------------------------------- identity


def test_versions_share_kind_year_department_and_project():
    a = project("a.docx")
    assert same_report(a, project("b.docx"))
    assert not same_report(a, project("b.docx", year=2019))
    assert not same_report(a, project("b.docx", project_name="另一个项目"))
    assert not same_report(a, project("b.docx", department="华容县教育局", supervisor=None))
    assert not same_report(a, clean_department())
    assert same_report(a, project("b.docx", project_name="农村饮水安全 巩固提升"))  # spacing is not identity
    assert same_report(clean_department(), clean_department())


def test_department_identity_is_the_shared_one_code_else_names():
    """`audit.names.reports_same_department`: the 预算编码 decides when both have one, else the names,
    abbreviations included (华容县住房和城乡建设局 ≈ 华容县住建局). A report without a code that fits two
    departments of different codes joins the first, never bridging the two into one group."""
    full, short, other = clean_department(), clean_department(), clean_department()
    full.department, full.budget_code = "华容县住房和城乡建设局", "303001"
    short.file, short.department, short.budget_code = "b.docx", "华容县住建局", None
    other.file, other.department, other.budget_code = "c.docx", "华容县住房和城乡建设局", "303002"
    groups = group_versions([full, short, other]).groups
    assert [sorted(m.file for m in g.members) for g in groups] == [["b.docx", "clean_department.docx"]]
    assert group_versions([full, other]).groups == []  # two codes: two departments, whatever the names


def test_reports_without_identity_are_never_grouped():
    a, b = project("a.docx", year=None), project("b.docx", year=None)
    versions = group_versions([a, b])
    assert versions.groups == [] and versions.current == [a, b]


def test_file_name_markers_order_versions():
    names = [
        "报告 - 副本.docx",
        "报告.docx",
        "报告（修改稿）.docx",
        "报告（修改稿2）.docx",
        "报告修订稿三.docx",
        "报告（终稿）.docx",
    ]
    assert sorted(names, key=name_marker) == names
    assert name_marker("报告定稿.pdf") == name_marker("报告（终稿）.docx")
    assert name_marker("报告 (1).docx") == name_marker("报告 - Copy.docx") == name_marker("报告 - 副本.docx")


# ---------------------------------------------------------------- the newest version


def test_newest_by_report_date_then_mtime_then_name():
    old, new = (
        project("z（终稿）.docx", report_date="2021-03-01"),
        project("a.docx", report_date="2021-03-12"),
    )
    assert group_versions([old, new]).current == [new]  # the form's date beats the name
    a, b = project("a（终稿）.docx", report_date=None), project("b.docx", report_date=None)
    facts = {"a（终稿）.docx": FileFacts(mtime=100.0), "b.docx": FileFacts(mtime=200.0)}
    assert group_versions([a, b], facts).current == [b]  # then the file's time
    assert group_versions([a, b]).current == [a]  # then the marker in the name
    first, second = project("x.docx"), project("y.docx")
    assert group_versions([first, second]).current == [first]  # all equal: the batch's first


def test_group_lists_every_version_and_the_differences_in_order():
    v1 = project("报告.docx")
    v2 = project("报告（修改稿）.docx")
    v3 = project("报告（终稿）.docx")
    v2.funds.arrived.total, v3.funds.arrived.total = D("1800"), D("2100")
    department = clean_department()
    versions = group_versions([department, v1, v3, v2])
    (group,) = versions.groups
    assert [m.file for m in group.members] == ["报告（终稿）.docx", "报告（修改稿）.docx", "报告.docx"]
    assert versions.current == [department, v3]
    assert versions.superseded_by(v1) is v3 and versions.superseded_by(v3) is None
    assert versions.group_of(v2) is group and versions.group_of(department) is None
    arrived = [
        (d.old, d.new, d.old_file, d.new_file) for d in group.differences if d.path == "funds.arrived.total"
    ]
    assert arrived == [
        (D("400"), D("1800"), "报告.docx", "报告（修改稿）.docx"),
        (D("1800"), D("2100"), "报告（修改稿）.docx", "报告（终稿）.docx"),
    ]


def test_duplicates_by_bytes_or_by_values():
    a, b, c = project("a.docx"), project("b.docx"), project("c.docx")
    c.narrative[0].text += "（盖章版）"  # another text: neither byte- nor value-identical
    facts = {
        "a.docx": FileFacts(sha256="1"),
        "b.docx": FileFacts(sha256="1"),
        "c.docx": FileFacts(sha256="2"),
    }
    (group,) = group_versions([a, b, c], facts).groups
    by_file = {m.file: m for m in group.members}
    assert (by_file["b.docx"].duplicate_of, by_file["b.docx"].same_bytes) == ("a.docx", True)
    assert by_file["c.docx"].duplicate_of is None
    (text_change,) = group.differences
    # all undated and unmarked: the batch's order decides, the first is newest, c (last) the oldest
    assert text_change.path.startswith("narrative") and (text_change.old_file, text_change.new_file) == (
        "c.docx",
        "b.docx",
    )
    (same_values,) = group_versions([project("a.docx"), project("a.pdf")]).groups
    assert same_values.members[1].duplicate_of == "a.docx" and not same_values.members[1].same_bytes


# ---------------------------------------------------------------- what the rules see


def test_cross_document_rules_see_only_the_newest_version():
    """Two versions of one project spend 350 万元 each: summed they would pass the department's 项目支出
    (600 万元, X403), and the old version's 到位资金 disagrees with the department's text (X401)."""
    old = project("项目.docx")
    old.funds.arrived.total = D("410")
    new = project("项目（修改稿）.docx")
    outcome = run_audit([clean_department(), old, new])
    codes = {f.rule for f in outcome.findings}
    assert "X403" not in codes and "X401" not in codes
    # the old version's own inconsistencies are its own (per-report rules); nothing else but V703
    assert [f.rule for f in outcome.findings if f.file != "项目.docx"] == ["V703"]
    (v703,) = [f for f in outcome.findings if f.rule == "V703"]
    assert v703.file == "项目（修改稿）.docx" and v703.related_file == "项目.docx"
    assert (
        "实际到位资金 由 410 改为 400" in v703.message
        and "审核采用最新版本「项目（修改稿）.docx」" in v703.message
    )
    assert v703.location  # the newer version's cell
    assert (v703.expected, v703.actual, v703.difference) == (D("410"), D("400"), D("-10"))
    # had they been two projects, both rules would fire: the grouping is what keeps them quiet
    other = project("项目2.docx", project_name="农村饮水安全巩固提升二期")
    other.funds.arrived.total = D("410")
    assert "X403" in {f.rule for f in run_audit([clean_department(), project("项目.docx"), other]).findings}


def test_per_report_rules_still_check_every_version():
    old = project("项目.docx")
    old.expenses_total = D("500")  # A113 in the old version only
    outcome = run_audit([clean_department(), old, project("项目（终稿）.docx")])
    assert any(f.rule == "A113" and f.file == "项目.docx" for f in outcome.findings)
    assert {r.file for r in outcome.reviews} == {"clean_department.docx", "项目.docx", "项目（终稿）.docx"}


# ---------------------------------------------------------------- done when: a real folder


SEED_DEPARTMENT = CORPUS / "huarong_2020_department.docx"
SEED_PROJECT = CORPUS / "huarong_2020_project.docx"
ARRIVED_CELL = "5057"  # the seed's 实际到位资金 cell is the first run reading exactly 5057
DEPARTMENT_SAYS = "5075"  # what the seed department's narrative says the project received


def build_folder(folder: Path) -> dict[str, Path]:
    """A department report and a byte-identical copy; four versions of its project report whose
    到位资金 differ (the last agrees with the department's text); the final version corrects the
    figure as an unaccepted tracked change. All files carry one modification time, so the names'
    修改稿/终稿 markers decide which is newest."""
    files = {
        "department": shutil.copyfile(SEED_DEPARTMENT, folder / "部门整体支出绩效自评报告.docx"),
        "copy": shutil.copyfile(SEED_DEPARTMENT, folder / "部门整体支出绩效自评报告 - 副本.docx"),
    }
    for key, name, arrived in (
        ("v1", "老旧小区改造项目自评报告.docx", "1800"),
        ("v2", "老旧小区改造项目自评报告（修改稿）.docx", "2100"),
        ("v3", "老旧小区改造项目自评报告（修改稿2）.docx", "5057"),
    ):
        files[key] = rewrite_docx(SEED_PROJECT, folder / name, lambda xml, a=arrived: _plain_arrived(xml, a))
    files["final"] = rewrite_docx(
        SEED_PROJECT,
        folder / "老旧小区改造项目自评报告（终稿）.docx",
        lambda xml: replace_run(
            xml, ARRIVED_CELL, DEPARTMENT_SAYS, author="张三", date="2021-03-20T09:30:00Z"
        ),
    )
    for path in files.values():
        os.utime(path, (1_616_000_000, 1_616_000_000))
    return files


def _plain_arrived(xml: bytes, arrived: str) -> bytes:
    """The arrived-funds cell retyped without tracking (the first run reading exactly 5057)."""
    marker = f">{ARRIVED_CELL}</w:t>".encode()
    at = xml.index(marker)
    return xml[:at] + f">{arrived}</w:t>".encode() + xml[at + len(marker) :]


@pytest.fixture(scope="module")
def folder_outcome(tmp_path_factory):
    folder = tmp_path_factory.mktemp("versions")
    files = build_folder(folder)
    results = [load_file(p) for p in sorted(folder.iterdir())]
    assert all(r.status == "ok" for r in results), [r.error for r in results]
    reports = [r for result in results for r in result.reports]
    facts = {str(p): file_facts(p) for p in folder.iterdir()}
    return files, reports, run_audit(reports, facts=facts)


def test_folder_groups_are_found(folder_outcome):
    files, reports, outcome = folder_outcome
    assert len(reports) == 6 and len(outcome.versions) == 2
    department = next(g for g in outcome.versions if g.members[0].kind == "department")
    project_group = next(g for g in outcome.versions if g.members[0].kind == "project")
    assert {m.file for m in department.members} == {str(files["department"]), str(files["copy"])}
    assert [Path(m.file).name for m in project_group.members] == [
        "老旧小区改造项目自评报告（终稿）.docx",
        "老旧小区改造项目自评报告（修改稿2）.docx",
        "老旧小区改造项目自评报告（修改稿）.docx",
        "老旧小区改造项目自评报告.docx",
    ]


def test_folder_differences_duplicates_and_tracked_change_are_named(folder_outcome):
    files, _, outcome = folder_outcome
    by_rule = {}
    for f in outcome.findings:
        by_rule.setdefault(f.rule, []).append(f)
    arrived = [f.message for f in by_rule["V703"] if "实际到位资金 由" in f.message]
    assert sorted(m.split("（")[0] for m in arrived) == [
        "多个版本：实际到位资金 由 1800 改为 2100",
        "多个版本：实际到位资金 由 2100 改为 5057",
        "多个版本：实际到位资金 由 5057 改为 5075",
    ]
    (duplicate,) = by_rule["V702"]
    assert "文件完全相同" in duplicate.message and duplicate.file == str(files["copy"])
    (tracked,) = by_rule["V701"]
    assert tracked.file == str(files["final"])
    assert tracked.message.startswith("修订：实际到位资金 由 5057 改为 5075（修订人：张三，2021-03-20）")


def test_folder_cross_document_rules_use_the_chosen_version_only(folder_outcome):
    files, _, outcome = folder_outcome
    cross = [f for f in outcome.findings if f.rule.startswith("X")]
    assert not [f for f in cross if f.rule == "X401"], [f.message for f in cross]  # 5075 = 5075
    assert all(f.file == str(files["department"]) for f in cross)
    assert all(f.related_file in (None, str(files["final"])) for f in cross)
    assert {f.file for f in outcome.findings if f.rule.startswith("A")} <= {
        str(p) for p in files.values()
    }  # per-report checks run on every version


# ---------------------------------------------------------------- done when: the outputs


@pytest.mark.slow
def test_folder_outputs_name_groups_versions_and_differences(tmp_path):
    """The real command on the folder: every file in 报告汇总 with its group and status, 版本比对
    listing the differences, and `--json` carrying group and superseded_by per report."""
    import json

    import openpyxl

    from tests.test_cli_batch import assert_no_traceback, run_audit_cli

    folder = tmp_path / "收件箱"
    folder.mkdir()
    files = build_folder(folder)
    out, out_json = tmp_path / "audit-report.xlsx", tmp_path / "audit.json"
    proc = run_audit_cli(str(folder), "-o", str(out), "--json", str(out_json), "--workers", "1")
    assert_no_traceback(proc)
    book = openpyxl.load_workbook(out)

    summary = [dict(zip(r[0], row)) for r in [list(book["报告汇总"].values)] for row in r[1:]]
    assert sorted(Path(s["文件"]).name for s in summary) == sorted(p.name for p in files.values())
    status = {Path(s["文件"]).name: (s["版本组"], s["版本状态"]) for s in summary}
    final = "老旧小区改造项目自评报告（终稿）.docx"
    assert status[final][1] == "采用（最新版本）" and status[final][0].startswith("V")
    assert status["老旧小区改造项目自评报告.docx"] == (status[final][0], f"旧版本，审核采用「{final}」")
    assert (
        status["部门整体支出绩效自评报告 - 副本.docx"][1]
        == "重复报送，审核采用「部门整体支出绩效自评报告.docx」"
    )

    versions = [dict(zip(r[0], row)) for r in [list(book["版本比对"].values)] for row in r[1:]]
    arrived = [(v["旧值"], v["新值"]) for v in versions if v["字段"] == "实际到位资金"]
    assert sorted(arrived) == [(1800, 2100), (2100, 5057), (5057, 5075)]
    assert all(Path(v["审核采用"]).name in (final, "部门整体支出绩效自评报告.docx") for v in versions)
    assert any(v["字段"].startswith("（内容相同") for v in versions)

    doc = json.loads(out_json.read_text(encoding="utf-8"))
    entries = {Path(r["file"]).name: r for r in doc["reports"]}
    assert entries[final]["superseded_by"] is None and entries[final]["group"]
    assert Path(entries["老旧小区改造项目自评报告（修改稿）.docx"]["superseded_by"]).name == final
    assert entries["部门整体支出绩效自评报告.docx"]["superseded_by"] is None
    assert sorted(len(g["members"]) for g in doc["versions"]) == [2, 4]
    assert not [f for f in doc["findings"] if f["rule"] == "X401"]


def test_python_api_carries_versions(tmp_path):
    import jixiao_audit

    folder = tmp_path / "收件箱"
    folder.mkdir()
    build_folder(folder)
    audit = jixiao_audit.load(folder)
    assert len(audit.reports) == 6
    assert (audit.reports["版本状态"] == "采用（最新版本）").sum() == 2
    arrived = audit.versions[audit.versions["字段"] == "实际到位资金"]
    assert sorted(zip(arrived["旧值"], arrived["新值"])) == [
        (D("1800"), D("2100")),
        (D("2100"), D("5057")),
        (D("5057"), D("5075")),
    ]
