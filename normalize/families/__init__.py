"""The table of form families: which labels identify each, and which module reads it.

A document is recognised by the labels it carries (a title is evidence, never a requirement):
each family lists signature label groups (`vocabulary.*_SIGNATURE`); the family with the most
groups present wins, and fewer than `FAMILY_MIN_LABELS` is no evidence at all. The 华容 template
(财预〔2013〕53号 family) is the fallback reader, recognised by its own titles and form starts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from jixiao_audit.normalize import vocabulary as V
from jixiao_audit.normalize.lines import Line, key_of
from jixiao_audit.normalize.model import Report

HUARONG = "huarong"  # the 华容 template (财预〔2013〕53号 family): read by normalize.reports
PROSE = "prose"  # a titled report of sentences only, no form tables (normalize.reports.read_prose)
LABEL_CELL_MAX_CHARS = 30  # signature labels are cells of their own, never inside a sentence
LABEL_FORMS_CACHE_SIZE = 8192  # short keys whose label forms are remembered (the forms' labels recur)


@dataclass(frozen=True)
class Family:
    id: str
    name: str  # Chinese name, for reasons and the workbook
    kind: str  # department / project
    signature: tuple[tuple[str, ...], ...]
    has_evaluators: bool  # the form has an 评价人员 block (C504 applies)
    reader: Callable[[list[Line], str, Family], list[Report]] | None = None
    attaches: bool = False  # an attachment (附件3) to a 华容 department report when both are in one file
    closing_blocks: bool = True  # its narrative is the form's closing blocks (评价结论, 存在问题, 改进措施)


def _table_reader(lines, file, family):
    from jixiao_audit.normalize.families.table_form import read_table_forms

    return read_table_forms(lines, file, family)


def _basic_reader(lines, file, family):
    from jixiao_audit.normalize.families.hunan_basic import read_basic_data

    return read_basic_data(lines, file, family)


FAMILIES: tuple[Family, ...] = (
    Family("national", "财政部项目支出绩效自评表", "project", V.NATIONAL_SIGNATURE, False, _table_reader),
    Family("sichuan", "四川部门预算项目支出绩效自评表", "project", V.SICHUAN_SIGNATURE, False, _table_reader),
    Family("hubei", "湖北项目支出绩效自评表", "project", V.HUBEI_SIGNATURE, False, _table_reader),
    Family(
        "hubei_county",
        "湖北县市财政预算支出项目绩效目标自评表",
        "project",
        V.HUBEI_COUNTY_SIGNATURE,
        False,
        _table_reader,
    ),
    Family(
        "chongqing", "重庆部门整体支出绩效自评表", "department", V.CHONGQING_SIGNATURE, False, _table_reader
    ),
    Family(
        "hunan_basic",
        "湖南部门整体支出绩效评价基础数据表",
        "department",
        V.HUNAN_BASIC_SIGNATURE,
        False,
        _basic_reader,
        attaches=True,
    ),
)
HUARONG_FAMILY = Family(
    HUARONG, "华容县绩效评价自评报告（财预〔2013〕53号）", "", (), True, closing_blocks=False
)
# Prose has no 评价人员 block and no rubric table: nothing to ask for or re-score.
PROSE_FAMILY = Family(PROSE, "文字报告（无表格）", "", (), False, closing_blocks=False)
# A Report built by hand (not by the normaliser) names no form: no form-specific check applies.
UNKNOWN_FAMILY = Family("", "未注明表式", "", (), False, closing_blocks=False)
BY_ID = {f.id: f for f in (*FAMILIES, HUARONG_FAMILY, PROSE_FAMILY)}


def family_of(report: Report) -> Family:
    """The family a report was read as (`Report.form`); a report that names none is of no family."""
    return BY_ID.get(report.form or "", UNKNOWN_FAMILY)


TITLE_PREFIX = re.compile(r"^.*?(?:19|20)[0-9]{2}年度?")  # 某县城管局2018年度部门整体… → 部门整体…


def label_set(lines: list[Line]) -> set[str]:
    """Every short cell of the document as a label key (colons and spaces stripped); a title that
    names its place, unit and year also counts without them."""
    keys = {key for line in lines for key in line.keys if key and len(key) <= LABEL_CELL_MAX_CHARS}
    return set().union(*map(label_forms, keys))  # each distinct key once


@lru_cache(maxsize=LABEL_FORMS_CACHE_SIZE)
def label_forms(key: str) -> tuple[str, str, str]:
    """A short cell's key as label_set counts it: colons stripped, the part before a colon, a title
    without its place, unit and year (the cheap tests skip work that changes nothing). Remembered:
    every document of a form carries the same labels."""
    return (
        key.rstrip("：:"),
        key.split("：", 1)[0] if "：" in key else key,
        TITLE_PREFIX.sub("", key) if "年" in key else key,
    )


def has_label(labels: list[str], needle: str) -> bool:
    """A label equal to or starting with `needle`, by binary search in the sorted labels."""
    i = bisect_left(labels, needle)
    return i < len(labels) and labels[i].startswith(needle)


def signature_hits(labels: list[str], family: Family) -> list[str]:
    """The first needle of each signature group the (sorted) labels carry."""
    hits = []
    for group in family.signature:
        for needle in group:
            if has_label(labels, needle):
                hits.append(needle)
                break
    return hits


def recognise(lines: list[Line]) -> Family | None:
    """The non-华容 family whose labels the document carries most, or None."""
    labels = sorted(label_set(lines))
    best, best_hits = None, 0
    for family in FAMILIES:
        hits = len(signature_hits(labels, family))
        if hits >= V.FAMILY_MIN_LABELS and hits > best_hits:
            best, best_hits = family, hits
    return best


def labels_found(lines: list[Line]) -> list[str]:
    """Signature labels of any family that the document carries, for an 'unrecognised' reason."""
    labels = sorted(label_set(lines))
    seen: list[str] = []
    for family in FAMILIES:
        seen += [h for h in signature_hits(labels, family) if h not in seen]
    return seen


__all__ = ["FAMILIES", "HUARONG", "PROSE", "Family", "family_of", "key_of", "labels_found", "recognise"]
