"""Rubrics (评分标准) as data: one JSON file per rubric, formulas named by kind.

A rubric file says which report kind it applies to, the grade bands, and for each rubric item
whose 评分标准 is a formula: a regular expression matched against the item's level3 (then
level2) label with whitespace and quotes removed, the formula kind (see `formulas.py`) and its
parameters. Items no pattern matches are qualitative: their self score stands.

A bureau with a different 评分标准 passes its own files to `audit.engine.run_audit(rubrics=...)`;
for a report kind none of those files covers, the built-in rubrics in this folder are used.

Format (all keys but ``kind`` and ``items`` optional)::

    {
      "id": "hunan_2020_project",
      "name": "项目支出绩效评价指标体系（湖南 2020 参考样表）",
      "kind": "project",                       # "department" | "project"
      "title_pattern": "项目支出绩效评价",      # preferred when it matches report.rubric_title
      "total_points": 100,                     # what the 分值 must add up to
      "grades": [{"min": 90, "labels": ["优秀", "优"]}, ...],   # highest band first
      "items": [
        {"label": "^到位率$", "formula": "proportional",
         "params": {"numerator": "funds.arrived.total", "denominator": "funds.planned.total",
                    "numerator_label": "实际到位资金", "denominator_label": "计划安排资金"}},
        {"label": "目标内容|目标量化", "flag": "target_quantification", "params": {"points": 1}}
      ]
    }
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from jixiao_audit.normalize.families import PROSE
from jixiao_audit.normalize.model import Report, ScoreItem
from pydantic import BaseModel, ConfigDict, Field

RUBRIC_DIR = Path(__file__).parent
LABEL_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》]")

DEFAULT_GRADES: list[dict[str, Any]] = [
    {"min": 90, "labels": ["优秀", "优"]},
    {"min": 80, "labels": ["良好", "良"]},
    {"min": 60, "labels": ["中", "中等", "合格", "一般"]},
    {"min": 0, "labels": ["差", "较差", "不合格"]},
]


class GradeBand(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: Decimal  # inclusive lower bound
    labels: list[str]  # first label is the canonical name


class ItemSpec(BaseModel):
    """How one rubric item is re-scored (`formula`) or what other rules should know of it (`flag`)."""

    model_config = ConfigDict(extra="forbid")

    label: str  # regex over the item's level3 / level2 label, whitespace and quotes removed
    formula: str | None = None
    flag: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    note: str | None = None

    def matches(self, item: ScoreItem) -> bool:
        for text in (item.level3, item.level2):
            if text and re.search(self.label, normalize_label(text)):
                return True
        return False


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = ""
    name: str = ""
    kind: Literal["department", "project"]
    title_pattern: str | None = None
    # the form families (normalize/families) the rubric scores; None: any family of its kind
    families: list[str] | None = None
    total_points: Decimal = Decimal(100)
    grades: list[GradeBand] = Field(default_factory=lambda: [GradeBand(**g) for g in DEFAULT_GRADES])
    items: list[ItemSpec] = Field(default_factory=list)
    path: str | None = None  # the file it was read from

    def spec_for(self, item: ScoreItem) -> ItemSpec | None:
        """The first spec with a formula matching the item, else the first flagged one."""
        matching = [s for s in self.items if s.matches(item)]
        with_formula = [s for s in matching if s.formula]
        return (with_formula or matching or [None])[0]


def grade_bands(rubric: Rubric | None) -> list[GradeBand]:
    """The rubric's grade bands, or the default ones when no rubric applies."""
    return rubric.grades if rubric is not None else [GradeBand(**g) for g in DEFAULT_GRADES]


def band_for(score: Decimal, bands: list[GradeBand]) -> GradeBand | None:
    """The band a score falls in: the highest whose lower bound it reaches (bounds inclusive)."""
    for band in sorted(bands, key=lambda b: b.min, reverse=True):
        if score >= band.min:
            return band
    return None


def normalize_label(text: str) -> str:
    return LABEL_NOISE.sub("", text)


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate one rubric file (raises on bad JSON or an unknown formula kind)."""
    path = Path(path)
    stat = path.stat()
    rubric = _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    return rubric.model_copy(deep=True, update={"path": str(path)})


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, size: int) -> Rubric:
    from jixiao_audit.audit.rubrics.formulas import FORMULAS

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data.setdefault("id", Path(path).stem)
    data["path"] = path
    rubric = Rubric.model_validate(data)
    for spec in rubric.items:
        re.compile(spec.label)
        if spec.formula and spec.formula not in FORMULAS:
            raise ValueError(f"未知的公式类型 {spec.formula}（可用：{'、'.join(sorted(FORMULAS))}）")
    return rubric


def builtin_paths() -> list[Path]:
    return sorted(RUBRIC_DIR.glob("*.json"))


def load_rubrics(paths: Iterable[str | Path] | None = None) -> list[Rubric]:
    """Caller's rubrics first, then the built-in ones for any report kind they do not cover."""
    given = [load_rubric(p) for p in (paths or [])]
    covered = {r.kind for r in given}
    builtin = [r for r in (load_rubric(p) for p in builtin_paths()) if r.kind not in covered]
    return given + builtin


def choose_rubric(report: Report, rubrics: list[Rubric]) -> Rubric | None:
    """The rubric for the report's kind; one whose title_pattern matches the report's rubric title wins."""
    if report.form == PROSE:
        return None  # prose has no 评分表 to re-score, whatever rubric the run was given
    candidates = [
        r for r in rubrics if r.kind == report.kind and (r.families is None or report.form in r.families)
    ]
    title = normalize_label(report.rubric_title or "")
    for r in candidates:
        if r.title_pattern and title and re.search(r.title_pattern, title):
            return r
    return candidates[0] if candidates else None
