"""The `audit` command line: help, usage errors, default command, input expansion."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jixiao_audit.batch import InputError, expand_paths
from jixiao_audit.cli import cli


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="audit")


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"], ["run", "--help"], ["extract", "--help"], ["--version"]]
)
def test_help_exits_zero(args):
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_group_help_lists_subcommands():
    out = invoke("--help").output
    for name in ("run", "extract", "compare", "eval"):
        assert name in out


def test_every_option_has_help():
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"audit {name} {param.opts} has no help text"


@pytest.mark.parametrize(
    "args",
    [
        [],  # no arguments at all
        ["run"],  # no PATHS
        ["does-not-exist.docx"],
        ["nothing-matches-*.docx"],
        ["--workers", "0", "x.docx"],
        ["--no-such-option", "x.docx"],
        ["extract"],
        ["compare", "a.docx", "b.pdf"],  # placeholder until audit/compare.py provides it
    ],
)
def test_usage_errors_exit_2(args):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_missing_rubric_is_a_usage_error(bad_files):
    result = invoke(str(bad_files["empty"]), "--rubric", "no-such-rubric.json")
    assert result.exit_code == 2


def test_empty_directory_is_a_usage_error(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = invoke(str(tmp_path))
    assert result.exit_code == 2
    assert "没有找到可读取的文件" in result.output


def test_output_must_not_overwrite_an_input(bad_files):
    target = bad_files["not_report"]
    before = target.read_bytes()
    result = invoke(str(target), "-o", str(target))
    assert result.exit_code == 2
    assert target.read_bytes() == before
    result = invoke(str(target), "--json", str(target))
    assert result.exit_code == 2


def test_output_directory_must_exist(bad_files, tmp_path):
    result = invoke(str(bad_files["empty"]), "-o", str(tmp_path / "no" / "such" / "dir.xlsx"))
    assert result.exit_code == 2


def test_bare_paths_run_the_audit(bad_files, tmp_path):
    """`audit FILE -o X` means `audit run FILE -o X` (only an empty file: needs no reader)."""
    out = tmp_path / "r.xlsx"
    result = invoke("-o", str(out), str(bad_files["empty"]))
    assert result.exit_code == 1, result.output
    assert out.is_file()
    assert "读取失败" in result.output


# ---------------------------------------------------------------- expanding PATHS


def make_tree(root: Path) -> None:
    for name in ["b/2.docx", "b/1.pdf", "a.docx", "a/z.doc", "notes.txt", "b/~$open.docx", "c/x.DOCX"]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")


def rel(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_directory_is_searched_recursively_and_sorted(tmp_path):
    make_tree(tmp_path)
    assert rel(expand_paths([str(tmp_path)]), tmp_path) == [
        "a/z.doc",
        "a.docx",
        "b/1.pdf",
        "b/2.docx",
        "c/x.DOCX",
    ]


def test_globs_are_expanded_and_duplicates_dropped(tmp_path):
    make_tree(tmp_path)
    got = expand_paths([str(tmp_path / "b" / "*.docx"), str(tmp_path / "**" / "*.pdf"), str(tmp_path / "b")])
    assert rel(got, tmp_path) == ["b/2.docx", "b/1.pdf"]


def test_explicit_file_is_kept_even_with_an_odd_suffix(tmp_path):
    make_tree(tmp_path)
    assert rel(expand_paths([str(tmp_path / "notes.txt")]), tmp_path) == ["notes.txt"]


def test_missing_inputs_are_all_named(tmp_path):
    with pytest.raises(InputError) as info:
        expand_paths([str(tmp_path / "x.docx"), str(tmp_path / "*.pdf")])
    assert "x.docx" in str(info.value) and "*.pdf" in str(info.value)


def test_relative_paths_stay_as_given(tmp_path, monkeypatch):
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in expand_paths(["b"])] == [os.path.join("b", "1.pdf"), os.path.join("b", "2.docx")]


def test_invalid_rubric_is_a_usage_error(bad_files, tmp_path):
    rubric = tmp_path / "rubric.json"
    rubric.write_text("不是 JSON", encoding="utf-8")
    result = invoke(str(bad_files["empty"]), "--rubric", str(rubric), "-o", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 2, result.output
    assert "评分表文件无效" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_reasons_are_one_line():
    from jixiao_audit.batch import one_line_reason

    assert one_line_reason("无法读取（内部错误 ValidationError: 2 errors\nkind\n  Field required）") == (
        "无法读取（内部错误 ValidationError: 2 errors …）"
    )


def test_missing_extension_module_is_a_clean_usage_error(monkeypatch):
    """A subcommand whose module cannot be found says so in one line, exit 2."""
    from jixiao_audit import cli as cli_module

    monkeypatch.setitem(cli_module.EXTERNAL_COMMANDS, "demo", ("no_such_module_for_audit", "演示"))
    assert "demo" in invoke("--help").output
    result = invoke("demo", "a.docx", "--flag")
    assert result.exit_code == 2
    assert "找不到模块 no_such_module_for_audit" in result.output and "Traceback" not in result.output
