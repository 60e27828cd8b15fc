"""What the audit hands back: findings and the re-scored rubric, in Chinese for the reviewer."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from jixiao_audit.audit.versions import VersionGroup
from jixiao_audit.normalize.model import Kind, Money, Points, Report
from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
SEVERITY_ZH: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


class Finding(BaseModel):
    """One discrepancy: what the rule expected, what the report says, and where."""

    model_config = ConfigDict(extra="forbid")

    file: str
    rule: str  # stable rule code, e.g. "A101"
    severity: Severity
    message: str  # 说明, Chinese
    expected: Money | str | None = None  # 期望值
    actual: Money | str | None = None  # 实际值
    difference: Money | None = None  # 差额 = actual − expected, where both are numbers
    location: str | None = None  # 位置, e.g. "表2 第7行第3列"
    evidence: str | None = None  # 原文
    related_file: str | None = None  # the other document of a cross-document finding
    # Which report of the file the finding is about (a combined file holds several).
    kind: Kind | None = None
    department: str | None = None
    project: str | None = None
    year: int | None = None

    def sort_key(self) -> tuple:
        return (self.file, SEVERITY_ORDER[self.severity], self.rule, self.location or "", self.message)


class ScoreReview(BaseModel):
    """One rubric item re-scored: 分值, 自评得分, 复核得分 and the basis (依据)."""

    model_config = ConfigDict(extra="forbid")

    file: str
    item: str  # level1 / level2 / level3
    max_points: Points | None = None
    self_points: Points | None = None
    review_points: Points | None = None  # None: the report holds no data to recompute it
    basis: str | None = None
    rubric: str | None = None  # id of the rubric the item was re-scored with; None: no rubric applied
    kind: Kind | None = None
    department: str | None = None
    project: str | None = None

    @property
    def difference(self) -> Decimal | None:
        if self.self_points is None or self.review_points is None:
            return None
        return self.self_points - self.review_points


class ReportScore(BaseModel):
    """One report's 自评得分 and 复核得分 (the sum of its re-scored items), with the rubric used."""

    model_config = ConfigDict(extra="forbid")

    file: str
    kind: Kind | None = None
    department: str | None = None
    project: str | None = None
    year: int | None = None
    self_score: Points | None = None
    review_total: Points | None = None  # None: the report has no score items
    rubric: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.file, self.kind, self.department, self.project)


class AuditOutcome(BaseModel):
    """Everything one audit run found over a set of reports."""

    findings: list[Finding] = []
    reviews: list[ScoreReview] = []
    versions: list[VersionGroup] = []  # groups of two or more versions of one report
    scores: list[ReportScore] = []  # one per report audited


def report_identity(report: Report) -> dict[str, object]:
    """The fields that say which report of a file a Finding or ScoreReview is about."""
    return {
        "kind": report.kind,
        "department": report.department,
        "project": report.project_name if report.kind == "project" else None,
        "year": report.year,
    }
