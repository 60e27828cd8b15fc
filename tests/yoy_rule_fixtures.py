"""Firing and clean fixtures for the year-over-year rules (Y6xx), for the registry-wide tests.

Each builder returns the reports of a small county over two years; the clean one is a
department whose 2020 figures follow from its 2019 ones (三公经费 fell as the text says,
上年结转 equals last year's 累计结余, the 变动率 item scored as its formula allows).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from tests.test_compare_scenario import ZHUJIAN_NEW, department

RUBRICS = Path(__file__).resolve().parent.parent / "audit" / "rubrics"


def last_year(name: str = ZHUJIAN_NEW, code: str | None = "303001"):
    return department(name, 2019, code=code, file="zj2019.docx", three_public="6.00", balance="50.00")


def this_year(**figures):
    return department(
        ZHUJIAN_NEW, 2020, code="303001", file="zj2020.docx", **{"three_public": "5.50", **figures}
    )


def clean():
    return [last_year(), this_year()]


def undated():
    report = this_year()
    report.year = None
    return [last_year(), report]


def rubric_without_change_formula() -> Path:
    """The built-in department rubric less its 变动率 formula: the engine (R307) cannot re-score
    that item, so the year-over-year rule Y602 is the one that must."""
    rubric = json.loads((RUBRICS / "hunan_2020_department.json").read_text(encoding="utf-8"))
    rubric["items"] = [i for i in rubric["items"] if i.get("formula") != "change_vs_previous_year"]
    path = Path(tempfile.mkdtemp()) / "no_change_rate.json"
    path.write_text(json.dumps(rubric, ensure_ascii=False), encoding="utf-8")
    return path


def with_rubric(build):
    """A fixture that runs with a bureau's own rubric: (reports, rubric files)."""
    return lambda: (build(), [rubric_without_change_formula()])


FIXTURES = {
    "Y601": (lambda: [last_year(), this_year(three_public="7.00")], clean),
    # Renamed and without a code last year, so only the cross-year matcher links the two years.
    "Y602": (
        with_rubric(lambda: [last_year(), this_year(three_public="7.00", rate_points="5")]),
        with_rubric(clean),
    ),
    "Y603": (lambda: [last_year(), this_year(carryover="35.00")], clean),
    "Y604": (lambda: [last_year(), this_year(fixed_assets="500.00")], clean),
    # One name under two 预算编码. (Two reports of one department and year are versions of one report
    # since issue 13: the batch uses the newest and V702/V703 name them; `audit compare` keeps Y605.)
    "Y605": (
        lambda: [
            last_year(),
            this_year(),
            department(ZHUJIAN_NEW, 2020, code="303002", file="zj2020b.docx", three_public="4.00"),
        ],
        clean,
    ),
    "Y606": (undated, clean),
}
