"""The Python API for analysts: `jixiao_audit.load(paths)` → reports and findings as pandas DataFrames.

    >>> import jixiao_audit
    >>> audit = jixiao_audit.load(["corpus/huarong_2020_combined.docx"])
    >>> audit.reports[["单位", "年度", "收入合计_万元", "复核得分"]]
    >>> audit.findings.groupby("规则").size()

One row per report (`reports`; 版本组/版本状态 say which reports are versions of one and which the
checks across reports used), per finding (`findings`, the columns of the 问题清单 sheet), per
difference between versions of one report (`versions`, the 版本比对 sheet) and per unreadable file
(`failures`).
Money columns carry their unit in the name (``收入合计_万元``) and hold `decimal.Decimal` values,
exact as printed (the audit's own rule); ``df["收入合计_万元"].astype(float)`` gives floats for
plotting. Blank cells are None. The frames are formatted from one `RunResult` (`Audit.run`), the
same object the workbook is written from, so they never disagree with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from jixiao_audit.audit.finding import SEVERITY_ORDER
from jixiao_audit.audit.result import RunResult, report_key
from jixiao_audit.audit.sheets import (
    FIGURE_PATHS,
    failures_sheet,
    findings_sheet,
    kind_zh,
    severity_counts,
    version_cells,
    versions_sheet,
)
from jixiao_audit.audit.values import label_of, number
from jixiao_audit.batch import find_inputs, run_batch

MONEY_SUFFIX = "_万元"
COUNT_COLUMNS = {"error": "错误数", "warning": "警告数", "info": "提示数"}


def money_column(path: str) -> str:
    """The column name of a money figure: its label and unit, e.g. 收入合计_万元."""
    return label_of(path) + MONEY_SUFFIX


IDENTITY_COLUMNS = ("文件", "报告类型", "单位", "年度", "项目名称", "预算编码")
SCORE_COLUMNS = ("自评得分", "复核得分", "评分标准", "评价等次")
VERSION_COLUMNS = ("版本组", "版本状态")
REPORT_COLUMNS = (
    *IDENTITY_COLUMNS,
    *SCORE_COLUMNS,
    *COUNT_COLUMNS.values(),
    *VERSION_COLUMNS,
    *(money_column(path) for path in FIGURE_PATHS),
)


def report_rows(run: RunResult) -> list[dict]:
    """One dict per report: identity, scores, finding counts, then the key figures in 万元."""
    scores = run.scores_by_report()
    counts = severity_counts(run.files, run.findings)
    versions = run.version_index()
    rows = []
    for report in run.reports:
        key = report_key(report)
        score = scores.get(key)
        tally = counts.get(key, dict.fromkeys(SEVERITY_ORDER, 0))
        identity = (report.file, kind_zh(report.kind), report.department, report.year, report.project_name,
                    report.budget_code)  # fmt: skip
        scored = (report.self_score, score and score.review_total, score and score.rubric, report.grade)
        rows.append(
            {
                **dict(zip(IDENTITY_COLUMNS, identity)),
                **dict(zip(SCORE_COLUMNS, scored)),
                **{column: tally[severity] for severity, column in COUNT_COLUMNS.items()},
                **dict(zip(VERSION_COLUMNS, version_cells(versions, report))),
                **{money_column(path): number(report, path) for path in FIGURE_PATHS},
            }
        )
    return rows


def sheet_frame(sheet) -> pd.DataFrame:
    """A workbook sheet's rows as a DataFrame (headers on one line, the unit joined with _)."""
    columns = [c.header.replace("\n（万元）", MONEY_SUFFIX) for c in sheet.columns]
    return pd.DataFrame(sheet.rows, columns=columns, dtype=object)


@dataclass(frozen=True)
class Audit:
    """The result of `load`: DataFrames over one run (`run` keeps every object behind them)."""

    run: RunResult

    @cached_property
    def reports(self) -> pd.DataFrame:
        return pd.DataFrame(report_rows(self.run), columns=REPORT_COLUMNS, dtype=object)

    @cached_property
    def findings(self) -> pd.DataFrame:
        return sheet_frame(findings_sheet(self.run))

    @cached_property
    def versions(self) -> pd.DataFrame:
        return sheet_frame(versions_sheet(self.run))

    @cached_property
    def failures(self) -> pd.DataFrame:
        return sheet_frame(failures_sheet(self.run))


def load(
    paths: str | Path | Iterable[str | Path],
    *,
    rubrics: Iterable[str | Path] = (),
    workers: int | None = 1,
    ocr: bool = True,
) -> Audit:
    """Read and audit `paths` (files, directories, globs) as `audit run` does; returns an `Audit`.
    `ocr=False` lists scans among the failures instead of reading them (`audit --no-ocr`).

    Raises `jixiao_audit.batch.InputError` when a path matches nothing; an unreadable (or skipped)
    file is a row of `failures`, never an exception.
    """
    args = [paths] if isinstance(paths, (str, Path)) else list(paths)
    inputs = find_inputs([str(p) for p in args])
    rubric_paths = [Path(r) for r in rubrics] or None
    return Audit(
        run_batch(inputs.files, workers, rubric_paths, progress=False, skipped=inputs.skipped, ocr=ocr)
    )
