"""Issue 14, outputs: never an input overwritten through a link, never two outputs on one file,
every write error one line with exit code 2 and no partial file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.hostile_files import run_cli

PROJECT = Path(__file__).resolve().parent.parent / "corpus" / "huarong_2020_project.docx"
EXIT_USAGE = 2


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(PROJECT, tmp_path / "input.docx")
    return tmp_path


def assert_refused(done, *words: str) -> None:
    err = done.stderr.decode()
    assert done.returncode == EXIT_USAGE, err
    assert "Traceback" not in err
    assert all(w in err for w in words), err


def test_an_output_symlinked_to_an_input_is_refused(folder):
    (folder / "link.xlsx").symlink_to(folder / "input.docx")
    before = (folder / "input.docx").read_bytes()
    assert_refused(run_cli("input.docx", "-o", "link.xlsx", cwd=folder), "输入文件")
    assert (folder / "input.docx").read_bytes() == before


def test_an_output_through_a_symlinked_directory_onto_an_input_is_refused(folder):
    (folder / "alias").symlink_to(folder, target_is_directory=True)
    assert_refused(run_cli("input.docx", "--json", "alias/input.docx", cwd=folder), "输入文件")


def test_a_csv_directory_holding_an_input_under_an_output_name_is_refused(folder):
    (folder / "csv").mkdir()
    (folder / "csv" / "问题清单.csv").symlink_to(folder / "input.docx")
    assert_refused(run_cli("input.docx", "--csv", "csv", cwd=folder), "输入文件")


def test_workbook_and_json_on_one_file_are_refused(folder):
    assert_refused(run_cli("input.docx", "-o", "x.xlsx", "--json", "./x.xlsx", cwd=folder), "同一个文件")
    assert not (folder / "x.xlsx").exists()


@pytest.mark.parametrize(
    "args",
    [["-o", "/dev/full"], ["--json", "/dev/full"], ["--json", "adir"]],
    ids=["xlsx-enospc", "json-enospc", "json-directory"],
)
def test_a_failed_write_is_one_line_and_exit_2(folder, args):
    (folder / "adir").mkdir()
    done = run_cli("input.docx", "--workers", "1", *args, cwd=folder)
    assert_refused(done, "adir" if "adir" in args else "/dev/full")
    assert [ln for ln in done.stderr.decode().splitlines() if ln.startswith("Error")] != []
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_write_leaves_the_previous_output_whole(folder):
    run_cli("input.docx", "-o", "out.xlsx", "--json", "out.json", cwd=folder)
    previous = (folder / "out.json").read_bytes()
    done = run_cli("input.docx", "-o", "/dev/full", "--json", "out.json", cwd=folder)
    assert done.returncode == EXIT_USAGE
    assert (folder / "out.json").read_bytes() == previous
    json.loads(previous)
