"""Run every registered rule over a set of reports: `run_audit(reports) -> AuditOutcome`.

Reads `normalize.model.Report` objects only (never the extractors). Per-report rules run on each
report of a kind they apply to; cross-document rules run once on the whole list. Versions of one
report (`audit.versions`) are grouped first: cross-document and year-over-year rules see only the
newest version of each, every other rule sees every report. A rule that raises does not stop the
run: it becomes one E900 warning naming the rule.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

from jixiao_audit.audit.family_scores import form_reviews, form_total, uses_form_scores
from jixiao_audit.audit.finding import AuditOutcome, Finding, ReportScore, ScoreReview, report_identity
from jixiao_audit.audit.registry import AuditContext, Rule, all_rules
from jixiao_audit.audit.rubrics import load_rubrics
from jixiao_audit.audit.rubrics.scoring import rescored_total as _sum_reviews
from jixiao_audit.audit.versions import FileFacts, Versions, group_versions
from jixiao_audit.normalize.model import Report

from jixiao_audit.failures import known_reason

INTERNAL_ERROR_CODE = "E900"
# Families whose rules compare reports with each other: they read only the newest version of each.
NEWEST_VERSION_FAMILIES = ("cross", "year")


def make_context(
    reports: list[Report], rubrics: list[Path] | None = None, versions: Versions | None = None
) -> AuditContext:
    """The run's context; with `versions`, `ctx.reports` holds only the newest version of each report."""
    current = versions.current if versions is not None else list(reports)
    return AuditContext(reports=list(current), rubrics=load_rubrics(rubrics), versions=versions)


def _internal_error(rule: Rule | None, file: str, exc: Exception) -> Finding:
    """An E900 finding for one report (or, for a cross-document rule, the first): what failed and why."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{Path(frame.filename).name}:{frame.lineno}" if frame else ""
    what = f"规则 {rule.code}（{rule.name}）" if rule is not None else "评分复核"
    cause = known_reason(exc) or ""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    return Finding(
        file=file,
        rule=INTERNAL_ERROR_CODE,
        severity="warning",
        message=f"{what}执行出错，未完成该项检查：{cause + '，' if cause else ''}{detail} {where}".strip(),
    )


def run_rule(rule: Rule, reports: list[Report], ctx: AuditContext) -> list[Finding]:
    """One rule over the reports it applies to; exceptions become an E900 finding."""
    found: list[Finding] = []
    if rule.scope == "corpus":
        try:
            found.extend(rule.func(reports, ctx))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not lose every other finding
            found.append(_internal_error(rule, reports[0].file if reports else "", exc))
        return found
    for report in reports:
        if not rule.applies_to(report):
            continue
        try:
            found.extend(rule.func(report, ctx))
        except Exception as exc:  # noqa: BLE001 - idem, per report
            found.append(_internal_error(rule, report.file, exc))
    return found


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        key = f.model_dump_json()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def rubric_id(report: Report, ctx: AuditContext) -> str | None:
    """The id of the rubric the report is re-scored with (None: no rubric for its kind)."""
    rubric = ctx.rubric_for(report)
    return rubric.id if rubric is not None else None


def score_reviews(report: Report, ctx: AuditContext) -> list[ScoreReview]:
    """One ScoreReview per score item: 分值, 自评得分, 复核得分, 依据 and the rubric used."""
    if uses_form_scores(report):
        return form_reviews(report)
    used = rubric_id(report, ctx)
    return [
        ScoreReview(
            file=report.file,
            item=r.label,
            max_points=r.item.max_points,
            self_points=r.item.self_points,
            review_points=r.review_points,
            basis=r.basis,
            rubric=used,
            kind=report.kind,
            department=report.department,
            project=report.project_name if report.kind == "project" else None,
        )
        for r in ctx.scores(report)
    ]


def report_score(report: Report, ctx: AuditContext) -> ReportScore:
    """自评得分 and 复核得分 of one report, re-scored with this run's rubrics and last year's report."""
    if uses_form_scores(report):
        return ReportScore(
            **report_identity(report),
            file=report.file,
            self_score=report.self_score,
            review_total=form_total(form_reviews(report)),
            rubric=report.form,
        )
    return ReportScore(
        **report_identity(report),
        file=report.file,
        self_score=report.self_score,
        review_total=_sum_reviews(ctx.scores(report)),
        rubric=rubric_id(report, ctx),
    )


def run_audit(
    reports: list[Report],
    rubrics: list[Path] | None = None,
    *,
    select: Iterable[str] | None = None,
    facts: Mapping[str, FileFacts] | None = None,
) -> AuditOutcome:
    """Audit `reports` together; `rubrics` are extra rubric JSON files (see `audit.rubrics`).

    `select` limits the run to rule codes starting with any of the given prefixes ("A", "R301").
    `facts` (hash, modification time per file) help tell versions of one report apart.
    """
    reports = list(reports)
    versions = group_versions(reports, facts)
    ctx = make_context(reports, rubrics, versions)
    prefixes = tuple(select) if select else None
    findings: list[Finding] = []
    for rule in all_rules():
        if prefixes and not rule.code.startswith(prefixes):
            continue
        newest_only = rule.scope == "corpus" or rule.family in NEWEST_VERSION_FAMILIES
        findings.extend(run_rule(rule, ctx.reports if newest_only else reports, ctx))
    reviews: list[ScoreReview] = []
    scores: list[ReportScore] = []
    for report in reports:
        try:  # one report's absurd figure (a 30-digit count) must not lose the batch
            reviews.extend(score_reviews(report, ctx))
            scores.append(report_score(report, ctx))
        except Exception as exc:  # noqa: BLE001
            findings.append(_internal_error(None, report.file, exc))
            scores.append(ReportScore(**report_identity(report), file=report.file))
    return AuditOutcome(
        findings=sorted(_dedupe(findings), key=Finding.sort_key),
        reviews=reviews,
        scores=scores,
        versions=versions.groups,
    )


def rescored_total(
    report: Report, rubrics: list[Path] | None = None, ctx: AuditContext | None = None
) -> Decimal | None:
    """Sum of the re-scored points of one report (self score where an item cannot be re-scored)."""
    ctx = ctx or make_context([report], rubrics)
    return _sum_reviews(ctx.scores(report))
