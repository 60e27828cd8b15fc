"""The `audit` command.

    audit PATHS... [-o audit-report.xlsx] [--json FILE] [--csv DIR] [--workers N] [--rubric FILE]
                   [--executor local|dask] [--scheduler ADDRESS] [--no-ocr]
    audit extract FILES... [--json OUT]
    audit compare PATHS... [-o compare.xlsx] [--json FILE] [--threshold PCT] [--department NAME]...
    audit eval ...   (compare: audit/compare.py; eval: corpus/evaluate.py)

A bare `audit PATHS...` runs the `run` subcommand. Exit codes: 0 all files read and no error
finding, 1 error findings or unreadable files, 2 usage or output errors (an output that cannot
be written, or would overwrite an input), 130/143 interrupted by Ctrl-C/SIGTERM.

Adding a subcommand from another module: define a click command named `command` in that
module and list it in EXTERNAL_COMMANDS below; it is imported only when used or listed.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import click

from jixiao_audit.audit.result import FileResult, RunResult
from jixiao_audit.batch import (
    EXIT_USAGE,
    AuditFailed,
    InputError,
    Inputs,
    Interrupted,
    check_rubrics,
    exit_code,
    find_inputs,
    interruptible,
    iter_files,
    newest_mtime,
)
from jixiao_audit.cluster import reading_executor
from jixiao_audit.normalize.model import Report
from jixiao_audit.spool import flat_batch

DEFAULT_COMMAND = "run"
DEFAULT_OUTPUT = "audit-report.xlsx"
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# name → (module, one-line help shown before the module is imported); the module exposes `command`.
EXTERNAL_COMMANDS: dict[str, tuple[str, str]] = {
    "compare": ("jixiao_audit.compare_cli", "跨年度比对同一部门的自评报告（逐年数据、增减变动、Y6xx 检查）"),
    "eval": ("corpus.evaluate", "用标注语料评估提取与审计的准确率"),
}
EXTERNAL_ATTR = "command"

WORKERS_HELP = "并行读取的进程数（默认：CPU 核数与文件数中较小者；1 表示在本进程内读取）"


# ---------------------------------------------------------------- group with a default command


class DefaultGroup(click.Group):
    """A group that runs DEFAULT_COMMAND when the first argument is not a subcommand name."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not self._names_command_or_option(ctx, args[0]):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def _names_command_or_option(self, ctx: click.Context, arg: str) -> bool:
        if arg in self.commands or arg in EXTERNAL_COMMANDS:
            return True
        own = {opt for p in self.get_params(ctx) for opt in (*p.opts, *p.secondary_opts)}
        return arg in own

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *EXTERNAL_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        if name in EXTERNAL_COMMANDS:
            return load_external(name)
        return None


# Development tools kept in the source checkout's top level, never installed.
CHECKOUT_PACKAGES = ("corpus",)


def import_command_module(module_name: str):
    """The module; a development tool (corpus/) is looked up in the source checkout when not on the path."""
    top = module_name.partition(".")[0]
    if top in CHECKOUT_PACKAGES and importlib.util.find_spec(top) is None:
        from jixiao_audit import _CHECKOUT

        if (_CHECKOUT / top / "__init__.py").is_file():
            sys.path.append(str(_CHECKOUT))
    return importlib.import_module(module_name)


def load_external(name: str) -> click.Command:
    """The command from its own module, or a stand-in saying why it is not available."""
    module_name, summary = EXTERNAL_COMMANDS[name]
    try:
        module = import_command_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name not in (module_name, module_name.partition(".")[0]):
            return _unavailable(name, summary, f"加载 {module_name} 失败：{exc}")
        where = (
            "（开发工具，只在源码仓库中，不随安装包发布）"
            if exc.name.partition(".")[0] in CHECKOUT_PACKAGES
            else ""
        )
        return _unavailable(name, summary, f"audit {name} 不可用：找不到模块 {module_name}{where}")
    except Exception as exc:  # noqa: BLE001 — a broken module must not break `audit --help` or `audit run`
        return _unavailable(name, summary, f"加载 {module_name} 失败（{type(exc).__name__}: {exc}）")
    command = getattr(module, EXTERNAL_ATTR, None)
    if not isinstance(command, click.Command):
        return _unavailable(name, summary, f"{module_name} 没有提供 click 命令 `{EXTERNAL_ATTR}`")
    return command


def _unavailable(name: str, summary: str, reason: str) -> click.Command:
    def fail(**_: object) -> None:
        raise click.UsageError(reason)

    return click.Command(
        name,
        callback=fail,
        help=f"{summary}（暂不可用）",
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    )


@click.group(
    cls=DefaultGroup,
    context_settings=CONTEXT_SETTINGS,
    subcommand_metavar="[run] PATHS... [选项] | 子命令 [参数]...",
    epilog="直接运行 `audit PATHS...` 等同于 `audit run PATHS...`，选项见 `audit run --help`。"
    "退出码：0 全部读取且无错误；1 有错误级问题或读取失败的文件；2 用法错误或无法写入输出；"
    "130/143 被 Ctrl-C/SIGTERM 中断。",
)
@click.version_option(package_name="jixiao-audit", message="%(prog)s %(version)s", help="显示版本并退出")
def cli() -> None:
    """审核绩效评价自评报告（Word/PDF），输出问题清单工作簿。"""


# ---------------------------------------------------------------- options shared by commands


def output_option(default: str, what: str):
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=default,
        show_default=True,
        help=f"{what}（.xlsx）的保存路径",
    )


def json_option(what: str):
    return click.option(
        "--json",
        "json_out",
        type=click.Path(dir_okay=False, allow_dash=True),
        help=f"另存一份 JSON 结果（{what}）；- 表示输出到标准输出",
    )


workers_option = click.option("--workers", type=click.IntRange(min=1), help=WORKERS_HELP)
rubric_option = click.option(
    "--rubric",
    "rubrics",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="额外的评分表文件（JSON，可重复使用）：覆盖同类报告的内置评分表",
)
paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATHS...")
executor_option = click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help='在哪里读取文件：local 为本机进程池；dask 为 Dask 集群（需 pip install "dask[distributed]"）',
)
scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask 调度器地址（如 tcp://10.0.0.5:8786）；不填则在本机启动 --workers 个进程的临时集群",
)


no_ocr_option = click.option(
    "--no-ocr",
    is_flag=True,
    help="不识别扫描件（无文字层的 PDF 页面和图片），将其列入 读取失败（快速运行）",
)


# ---------------------------------------------------------------- audit run


@cli.command(DEFAULT_COMMAND, context_settings=CONTEXT_SETTINGS)
@paths_argument
@output_option(DEFAULT_OUTPUT, "问题清单工作簿")
@json_option("供其他工具使用")
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="另存 问题清单.csv 和 报告汇总.csv 到此目录（UTF-8 BOM，Excel 可直接打开）",
)
@workers_option
@rubric_option
@executor_option
@scheduler_option
@no_ocr_option
@click.pass_context
def run_command(ctx, paths, output, json_out, csv_dir, workers, rubrics, executor, scheduler, no_ocr) -> None:
    """审核 PATHS（文件、目录或通配符，目录递归查找 .docx/.pdf/.doc 等）并生成问题清单。"""
    with stop_on_signal(ctx):
        _run(ctx, paths, output, json_out, csv_dir, workers, rubrics, executor, scheduler, no_ocr)


def _run(ctx, paths, output, json_out, csv_dir, workers, rubrics, executor, scheduler, no_ocr) -> None:
    inputs = inputs_or_usage_error(paths)
    files = inputs.files
    for note in inputs.notes:
        click.echo(note, err=True)
    _check_outputs(files, output, json_out, csv_dir)
    try:
        check_rubrics(rubrics)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--rubric") from None
    try:
        with reading_executor(executor, scheduler, workers) as pool:
            run = flat_batch(
                files, workers, list(rubrics) or None, skipped=inputs.skipped, executor=pool, ocr=not no_ocr
            )
    except AuditFailed as exc:
        raise click.ClickException(exc.reason) from None
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        _write_outputs(run, output, json_out, csv_dir, newest_mtime(files))
        _report(run, output, json_out, csv_dir)
        code = exit_code(run)
    finally:
        run.close()
    ctx.exit(code)


@contextmanager
def stop_on_signal(ctx: click.Context) -> Iterator[None]:
    """SIGTERM or Ctrl-C: workers and LibreOffice stopped, temporary files removed (the previous
    outputs stay whole), one line on stderr, exit 143 or 130 as the signal says."""
    try:
        with interruptible():
            yield
    except Interrupted as exc:
        name = signal.Signals(exc.signum).name
        click.echo(f"已中断（收到 {name}），本次结果未写入或未写完", err=True)
        ctx.exit(exc.exit_code)


def inputs_or_usage_error(paths: tuple[str, ...]) -> Inputs:
    try:
        return find_inputs(paths)
    except InputError as exc:
        raise click.UsageError(str(exc)) from None


def expand_or_usage_error(paths: tuple[str, ...]) -> list[Path]:
    return inputs_or_usage_error(paths).files


CSV_NAMES = ("问题清单.csv", "报告汇总.csv")  # what --csv DIR writes (audit.export.write_csv)


def same_file(a: Path, b: Path) -> bool:
    """The same file on disk, through any symlink (of the file or of a directory on its path)."""
    try:
        if os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _check_outputs(files: list[Path], output: Path, json_out: str | None, csv_dir: Path | None) -> None:
    """Refuse outputs that would overwrite an input or each other, or cannot be created."""
    targets = [("-o/--output", output)]
    if json_out and json_out != "-":
        targets.append(("--json", Path(json_out)))
    if csv_dir is not None:
        if csv_dir.exists() and not csv_dir.is_dir():
            raise click.UsageError(f"--csv 需要一个目录：{csv_dir}")
        targets += [("--csv", csv_dir / name) for name in CSV_NAMES]
    for option, target in targets:
        check_target(files, option, target)
    for i, (option, target) in enumerate(targets):
        for other_option, other in targets[:i]:
            if same_file(target, other) and not _is_device(target):  # -o /dev/null --json /dev/null is fine
                raise click.UsageError(f"{other_option} 与 {option} 指向同一个文件 {target}，后者会覆盖前者")


def _is_device(path: Path) -> bool:
    return path.exists() and not path.is_file() and not path.is_dir()


def check_target(files: list[Path], option: str, target: Path) -> None:
    if any(same_file(target, f) for f in files):
        raise click.UsageError(f"{option} 指向了输入文件 {target}（可能经由链接），不会覆盖输入")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir() and option != "--csv":  # --csv creates its directory
        raise click.UsageError(f"{option} 的目录不存在：{parent}")
    if target.is_dir():
        raise click.UsageError(f"{option} 指向一个目录：{target}")


def _write_outputs(
    run: RunResult, output: Path, json_out: str | None, csv_dir: Path | None, created: datetime | None
) -> None:
    """Every output requested, each formatted from the same run result; `created` dates the workbook."""
    from jixiao_audit.audit.export import audit_json_chunks, write_chunks, write_csv
    from jixiao_audit.audit.workbook import write_workbook

    with output_errors(output):
        write_workbook(output, run, created)
    if json_out == "-":
        for chunk in audit_json_chunks(run):
            click.echo(chunk, nl=False)
    elif json_out:
        with output_errors(Path(json_out)):
            write_chunks(json_out, audit_json_chunks(run))
    if csv_dir is not None:
        with output_errors(csv_dir):
            write_csv(csv_dir, run)


class OutputError(click.ClickException):
    """An output that could not be written: one line on stderr, exit code 2."""

    exit_code = EXIT_USAGE


def os_error_in(exc: BaseException | None) -> OSError | None:
    """The OSError behind `exc` (a library may wrap it: xlsxwriter's FileCreateError)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError):
            return exc
        wrapped = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        exc = wrapped or exc.__cause__ or exc.__context__
        seen += 1
    return None


class output_errors:
    """Turn a failed write (ENOSPC, EACCES, EROFS, a directory) into one line and exit 2."""

    def __init__(self, target: Path):
        self.target = target

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        error = os_error_in(exc) if isinstance(exc, Exception) else None
        if error is None:
            return False
        hint = "（文件可能正被 Excel/WPS 打开）" if isinstance(error, PermissionError) else ""
        raise OutputError(f"无法写入 {self.target}{hint}：{error.strerror or error}") from None


def _report(run: RunResult, output: Path, json_out: str | None, csv_dir: Path | None) -> None:
    """A few lines on stderr: unreadable files, counts, where the results are."""
    failures = run.failed
    for failed in failures:
        click.echo(
            f"{'跳过' if failed.status == 'skipped' else '读取失败'}：{failed.file}：{failed.error}", err=True
        )
    read = len(run.files) - len(failures)
    click.echo(
        f"已读取 {read}/{len(run.files)} 个文件（{run.report_count} 份报告）；"
        f"错误 {run.count('error')}，警告 {run.count('warning')}，提示 {run.count('info')}",
        err=True,
    )
    written = [str(output)] + ([json_out] if json_out and json_out != "-" else [])
    written += [str(csv_dir)] if csv_dir is not None else []
    click.echo("已写入：" + "，".join(written), err=True)


# ---------------------------------------------------------------- audit extract


@cli.command("extract", context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, required=True, metavar="FILES...")
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="把提取结果写入此 JSON 文件（默认输出到标准输出）",
)
@click.option("--workers", type=click.IntRange(min=1), help=WORKERS_HELP)
@no_ocr_option
@click.pass_context
def extract_command(ctx, files, json_out, workers, no_ocr) -> None:
    """只提取不审核：输出 {"reports": [...]}，每份报告一个对象。"""
    paths = expand_or_usage_error(files)
    if json_out and json_out != "-":
        check_target(paths, "--json", Path(json_out))
    from jixiao_audit.audit.export import reports_json, write_chunks

    failed: list[FileResult] = []
    with stop_on_signal(ctx):
        chunks = reports_json(_reports_noting_failures(iter_files(paths, workers, ocr=not no_ocr), failed))
        if json_out and json_out != "-":
            with output_errors(Path(json_out)):
                write_chunks(json_out, chunks)
        else:
            for chunk in chunks:
                click.echo(chunk, nl=False)
    for result in failed:
        click.echo(f"读取失败：{result.file}：{result.error}", err=True)
    ctx.exit(1 if failed else 0)


def _reports_noting_failures(results: Iterable[FileResult], failed: list[FileResult]) -> Iterator[Report]:
    """The reports of each result as it arrives; unreadable files are noted in `failed`."""
    for result in results:
        if result.status != "ok":
            failed.append(result)
        yield from result.reports


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (`audit`)."""
    import multiprocessing

    multiprocessing.freeze_support()
    cli.main(args=argv, prog_name="audit", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main())
