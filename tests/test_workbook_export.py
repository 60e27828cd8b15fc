"""JSON and CSV exports: deterministic JSON, Excel-safe CSV."""

from __future__ import annotations

import csv
import io
import json

from jixiao_audit.audit.export import FINDING_KEYS, REPORT_KEYS, audit_json, csv_cell, write_csv, write_json

from tests.test_workbook_sheets import BAD_FILE, DEPT_FILE, HOSTILE, PROJ_FILE, run


def test_json_shape_and_order():
    doc = json.loads(audit_json(run()))
    assert list(doc) == ["reports", "findings", "versions"]
    assert doc["versions"] == []  # no two versions of one report in this run
    assert [list(r) for r in doc["reports"]] == [list(REPORT_KEYS)] * 3
    assert doc["reports"][0] == {
        "file": DEPT_FILE,
        "kind": "department",
        "department": "华容县财政局",
        "year": 2020,
        "status": "ok",
        "error": None,
        "project": None,
        "group": None,
        "superseded_by": None,
    }
    assert doc["reports"][2]["kind"] is None and doc["reports"][2]["status"] == "error"
    assert doc["reports"][2]["error"]
    assert all(list(f) == list(FINDING_KEYS) for f in doc["findings"])
    assert [(f["file"], f["severity"]) for f in doc["findings"]] == [
        (DEPT_FILE, "error"),
        (DEPT_FILE, "warning"),
        (PROJ_FILE, "error"),
        (PROJ_FILE, "info"),
    ]
    warning = doc["findings"][1]
    assert warning["expected"] == 1234.5678 and warning["actual"] == 1200
    assert doc["findings"][0]["expected"] == "12.5"


def test_json_is_chinese_and_stable(tmp_path):
    text = audit_json(run())
    assert "华容县财政局" in text and "\\u" not in text
    shuffled = run()
    shuffled.findings.reverse()
    assert audit_json(shuffled) == text
    path = write_json(tmp_path / "a.json", run())
    assert path.read_text(encoding="utf-8") == text


def test_file_with_several_reports_gives_one_entry_each():
    from jixiao_audit.audit.result import FileResult

    from tests.test_workbook_sheets import department, project

    both = FileResult(file="合订本.docx", reports=[department(), project()])
    doc = json.loads(audit_json(run([both])))
    assert [r["kind"] for r in doc["reports"]] == ["department", "project"]


def test_csv_cell_prefixes_document_text_only():
    from decimal import Decimal

    for text in HOSTILE:
        assert csv_cell(text) == "'" + text
    assert csv_cell("\r=1") == "'\r=1"
    assert csv_cell("收入合计") == "收入合计"
    assert csv_cell(Decimal("-34.5678")) == "-34.5678"
    assert csv_cell(Decimal("1E+2")) == "100"
    assert csv_cell(-3) == "-3"
    assert csv_cell(None) == ""


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_files(tmp_path):
    paths = write_csv(tmp_path / "csv", run())
    assert [p.name for p in paths] == ["问题清单.csv", "报告汇总.csv"]
    findings = read_csv(paths[0])
    assert findings[0][:7] == ["文件", "单位", "年度", "报告类型", "项目名称", "规则", "严重程度"]
    header = findings[0]
    warning = dict(zip(header, findings[2]))
    assert warning["差额"] == "-34.5678"  # a genuine negative number: no prefix
    assert warning["原文"] == "'" + HOSTILE[0]
    error = dict(zip(header, findings[1]))
    assert error["实际值"] == "'-1"  # document text that starts with '-'
    assert error["原文"] == "'@x"
    summary = read_csv(paths[1])
    assert summary[0] == ["文件", "状态", "报告类型", "项目名称", "单位", "年度", "自评得分", "复核得分", "评价等次",
                          "错误数", "警告数", "提示数", "版本组", "版本状态"]  # fmt: skip
    assert summary[1] == [
        DEPT_FILE,
        "已读取",
        "部门整体",
        "",
        "华容县财政局",
        "2020",
        "92.5",
        "90.5",
        "优",
        "1",
        "1",
        "0",
        "",
        "",
    ]
    assert summary[2][4] == "'" + HOSTILE[0]
    assert summary[3][:2] == [BAD_FILE, "读取失败"]
