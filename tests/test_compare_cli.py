"""`audit compare` on real Word files, through click's CliRunner (no mocks).

The seed report (corpus/huarong_2020_department.docx) is the 2020 report; a "2019" report is
the same Word file with its year, name (华容县住建局) and 三公经费 (3.00 = 1.21 + 1.79 万元)
edited in the document XML. So 三公经费 rose 3.00 → 3.49 while the 2020 text says
“三公”经费支出总额较上年有减少 and the rubric gives 变动率 full marks: Y601 and Y602.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from jixiao_audit.audit.compare_measures import MEASURES

from jixiao_audit.cli import cli
from tests.conftest import CORPUS_DIR

SEED_DEPARTMENT = CORPUS_DIR / "huarong_2020_department.docx"
EDITS_2019 = {
    "2020": "2019",
    "华容县住房和城乡建设局": "华容县住建局",
    "<w:t>3.49</w:t>": "<w:t>3.00</w:t>",
    "<w:t>2.28</w:t>": "<w:t>1.79</w:t>",
}


def edited_docx(source: Path, target: Path, edits: dict[str, str]) -> Path:
    """A copy of a .docx with text replaced in word/document.xml (every edit must apply)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                for old, new in edits.items():
                    assert old in text, old
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return target


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> Path:
    """reports/2019/华容县住建局.docx and reports/2020/华容县住房和城乡建设局.docx."""
    root = tmp_path_factory.mktemp("reports")
    edited_docx(SEED_DEPARTMENT, root / "2019" / "华容县住建局.docx", EDITS_2019)
    (root / "2020").mkdir()
    shutil.copy(SEED_DEPARTMENT, root / "2020" / "华容县住房和城乡建设局.docx")
    return root


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="audit", catch_exceptions=False)


@pytest.fixture(scope="module")
def run(two_years, tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("out")
    out, js = out_dir / "compare.xlsx", out_dir / "compare.json"
    result = invoke("compare", str(two_years), "-o", str(out), "--json", str(js), "--workers", "1")
    return result, out, json.loads(js.read_text(encoding="utf-8"))


def test_compare_finds_the_false_claim_and_the_over_score(run, two_years):
    result, _, doc = run
    assert result.exit_code == 1, result.output  # error findings
    file_2020 = str(two_years / "2020" / "华容县住房和城乡建设局.docx")
    file_2019 = str(two_years / "2019" / "华容县住建局.docx")
    by_rule = {f["rule"]: f for f in doc["findings"]}
    claim = by_rule["Y601"]
    assert (claim["file"], claim["related_file"]) == (file_2020, file_2019)
    assert "3.00" in claim["message"] and "3.49" in claim["message"]
    assert "较上年有减少" in claim["evidence"]
    rate = by_rule["Y602"]
    assert rate["expected"] == 0 and rate["actual"] == 5 and "16.33%" in rate["message"]
    assert "错误 2" in result.stderr and "跨年度匹配 1 个" in result.stderr


def test_compare_matches_the_renamed_department(run):
    _, _, doc = run
    (dept,) = doc["departments"]
    assert dept["id"] == "303001" and dept["years"] == [2019, 2020]
    assert dept["names"] == ["华容县住建局", "华容县住房和城乡建设局"]
    assert [r["status"] for r in doc["reports"]] == ["ok", "ok"]


def test_compare_workbook_sheets_and_charts(run):
    _, out, _ = run
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题清单", "部门对照", *(m.label for m in MEASURES)]
    ws = book["三公经费合计"]
    assert [c.value for c in ws[2]][:4] == ["部门", "预算编码", "2019年", "2020年"]
    assert [ws.cell(3, c).value for c in (1, 3, 4)] == ["华容县住房和城乡建设局", 3.0, 3.49]
    with zipfile.ZipFile(out) as z:
        assert "xl/charts/chart1.xml" in z.namelist()
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "<c:f>收入合计!$A$3</c:f>" in chart  # the series is named by its department cell
    assert "<c:f>收入合计!$C$3:$D$3</c:f>" in chart  # and plots that row's years


def test_selected_department_and_threshold(two_years, tmp_path):
    out = tmp_path / "sel.xlsx"
    result = invoke(
        "compare",
        str(two_years),
        "-o",
        str(out),
        "--department",
        "住建局",
        "--department",
        "华容县林业局",
        "--threshold",
        "10",
        "--workers",
        "1",
    )
    assert result.exit_code == 1
    assert "未找到部门：华容县林业局" in result.stderr
    with zipfile.ZipFile(out) as z:
        assert "选定部门" in z.read("xl/charts/chart1.xml").decode()
    rows = openpyxl.load_workbook(out)["问题清单"].iter_rows(min_row=2, values_only=True)
    swings = [r for r in rows if r[5] == "Y604"]
    assert any("三公经费合计" in r[7] for r in swings)  # +16.33 % is over 10 %


def test_unreadable_file_is_listed_not_fatal(two_years, bad_files, tmp_path):
    out = tmp_path / "bad.xlsx"
    result = invoke("compare", str(two_years), str(bad_files["empty"]), "-o", str(out), "--workers", "1")
    assert result.exit_code == 1
    assert f"读取失败：{bad_files['empty']}" in result.stderr
    assert "读取失败" in openpyxl.load_workbook(out).sheetnames


@pytest.mark.parametrize(
    "args",
    [["compare"], ["compare", "no-such-dir"], ["compare", "x.docx", "--threshold", "-5"]],
)
def test_usage_errors(args):
    assert invoke(*args).exit_code == 2


def test_output_must_not_overwrite_an_input(two_years):
    target = two_years / "2020" / "华容县住房和城乡建设局.docx"
    before = target.read_bytes()
    assert invoke("compare", str(two_years), "-o", str(target)).exit_code == 2
    assert target.read_bytes() == before


def test_help_texts():
    result = invoke("compare", "--help")
    assert result.exit_code == 0
    for option in ("--output", "--json", "--threshold", "--department"):
        assert option in result.output


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_opens_the_workbook(run, tmp_path):
    """The workbook converts to PDF in LibreOffice (the PNGs were looked at by hand)."""
    _, out, _ = run
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "compare.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000


def test_consistent_years_exit_zero_and_json_to_stdout(tmp_path):
    """2019 with 三公经费 4.00 (> 3.49): the 2020 claim of a decrease holds, 变动率 earns full marks."""
    edits = {**EDITS_2019, "<w:t>3.49</w:t>": "<w:t>4.00</w:t>", "<w:t>2.28</w:t>": "<w:t>2.79</w:t>"}
    edited_docx(SEED_DEPARTMENT, tmp_path / "in" / "2019.docx", edits)
    shutil.copy(SEED_DEPARTMENT, tmp_path / "in" / "2020.docx")
    result = invoke(
        "compare", str(tmp_path / "in"), "-o", str(tmp_path / "ok.xlsx"), "--json", "-", "--workers", "1"
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert not [f for f in doc["findings"] if f["severity"] == "error"]
    assert doc["departments"][0]["years"] == [2019, 2020]
