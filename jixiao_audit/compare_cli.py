"""`audit compare`: the command line of the year-over-year comparison (library in audit/compare.py)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import click

from jixiao_audit.audit.compare import (
    DEFAULT_OUTPUT,
    DEFAULT_THRESHOLD,
    CompareFailed,
    Comparison,
    compare_json,
    compare_reports,
    select_departments,
)
from jixiao_audit.cli import (
    CONTEXT_SETTINGS,
    check_target,
    expand_or_usage_error,
    json_option,
    output_errors,
    output_option,
    paths_argument,
    rubric_option,
    workers_option,
)


@click.command("compare", context_settings=CONTEXT_SETTINGS)
@paths_argument
@output_option(DEFAULT_OUTPUT, "跨年度比对工作簿")
@json_option("问题清单格式同 audit --json，另含 departments 部门列表")
@click.option(
    "--threshold",
    type=click.FloatRange(min=0),
    default=float(DEFAULT_THRESHOLD),
    show_default=True,
    help="大幅变动提示阈值（百分比）：与上年相比变动超过此比例的数据列为提示",
)
@click.option(
    "--department",
    "departments",
    multiple=True,
    metavar="NAME",
    help="图表中显示的部门（名称、简称或预算编码，可重复使用）；默认显示变动最大的至多 8 个部门",
)
@workers_option
@rubric_option
@click.pass_context
def command(ctx, paths, output, json_out, threshold, departments, workers, rubrics) -> None:
    """比对多个年度的部门整体支出绩效自评报告：同一部门逐年数据、增减变动及跨年度检查（Y6xx）。

    PATHS 为各年度报告文件或目录（Word/PDF 均可，目录递归查找）。同一部门按预算编码匹配，
    无编码时按规范化名称匹配（去掉县名、括号，统一常见简称）；无法确定的匹配只列出、不猜测。

    退出码：0 全部读取且无错误级跨年度问题；1 有错误级跨年度问题或读取失败的文件；2 用法错误。
    """
    from jixiao_audit.audit.compare_workbook import write_compare_workbook
    from jixiao_audit.audit.export import write_text
    from jixiao_audit.batch import all_reports, read_files

    files = expand_or_usage_error(paths)
    check_target(files, "-o/--output", output)
    if json_out and json_out != "-":
        check_target(files, "--json", Path(json_out))
    results = read_files(files, workers)
    try:
        comparison = compare_reports(
            all_reports(results), rubrics=list(rubrics) or None, threshold=Decimal(str(threshold))
        )
    except CompareFailed as exc:
        raise click.ClickException(exc.reason) from None
    selected, unknown = select_departments(comparison, departments)
    for name in unknown:
        click.echo(f"未找到部门：{name}（图表改为显示其余选定部门，或变动最大的部门）", err=True)
    with output_errors(output):
        write_compare_workbook(output, comparison, results, selected or None)
    if json_out == "-":
        click.echo(compare_json(comparison, results), nl=False)
    elif json_out:
        with output_errors(Path(json_out)):
            write_text(json_out, compare_json(comparison, results))
    failed = [r for r in results if r.status != "ok"]
    _summary(
        comparison, results, failed, [str(output)] + ([json_out] if json_out and json_out != "-" else [])
    )
    ctx.exit(1 if failed or comparison.count("error") else 0)


def _summary(comparison: Comparison, results: Sequence, failed: Sequence, written: list[str]) -> None:
    for result in failed:
        click.echo(f"读取失败：{result.file}：{result.error}", err=True)
    depts = comparison.departments
    several = sum(1 for d in depts if len(d.years) > 1)
    click.echo(
        f"已读取 {len(results) - len(failed)}/{len(results)} 个文件；部门 {len(depts)} 个"
        f"（跨年度匹配 {several} 个，仅一个年度 {len(depts) - several} 个，匹配存疑 {len(comparison.matching.ambiguities)} 处）；"
        f"年度 {'、'.join(map(str, comparison.years)) or '无'}；"
        f"错误 {comparison.count('error')}，警告 {comparison.count('warning')}，提示 {comparison.count('info')}",
        err=True,
    )
    click.echo("已写入：" + "，".join(written), err=True)
