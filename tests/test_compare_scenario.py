"""Year-over-year matching on a built county: several departments over 2019–2021.

`scenario()` is shared by the other tests/test_compare_*.py modules. Each department is
`report_factory.clean_department()` renamed, re-dated and given its own 三公经费 / 结转 / 结余:

* 住建局: 2019 "华容县住建局" (no 预算编码), 2020–2021 "华容县住房和城乡建设局" (303001); in 2021
  三公经费 rose 4.50 → 5.40 yet the text says 较上年有减少, and 变动率 is self-scored 5 of 5;
* 财政局 (301001) all three years; 2021 上年结转 35 ≠ 2020 累计结余 30; fixed assets jump in 2021;
* 水利局 (312001) only 2020, read twice (.docx and .pdf of one report);
* 教育局 (no code) 2019–2021, but 2020 has two different reports: ambiguous;
* 民政局 2019 code 305001, 2020 code 305002 (same name, two codes), 2021 without code (fits both);
* 发改: 2019 "华容县发展和改革局", 2020 "华容县发改委" (no codes): matched by alias.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao_audit.audit.compare_match import (
    BY_CODE,
    BY_NAME,
    NAME_FITS_SEVERAL,
    SAME_YEAR,
    TWO_CODES,
    find_departments,
    match_departments,
    name_key,
    year_pairs,
)
from jixiao_audit.normalize.model import Report, ThreePublicRow

from tests.report_factory import clean_department

YEARS = (2019, 2020, 2021)
ZHUJIAN_NEW = "华容县住房和城乡建设局"
ZHUJIAN_OLD = "华容县住建局"


def D(text: str) -> Decimal:
    return Decimal(text)


def set_three_public(report: Report, total: Decimal) -> None:
    """三公经费 rows that add up: 接待 total − 3, 用车运行 3 (summary); two units."""
    report.three_public = [
        ThreePublicRow(
            unit="局机关及二级机构汇总",
            total=total,
            reception=total - 3,
            vehicle_operation=D("3.00"),
            vehicle_purchase=D("0"),
            overseas=D("0"),
        ),
        ThreePublicRow(
            unit="1、局机关",
            total=total - 1,
            reception=total - D("3.50"),
            vehicle_operation=D("2.50"),
            vehicle_purchase=D("0"),
            overseas=D("0"),
        ),
        ThreePublicRow(
            unit="2、二级机构",
            total=D("1.00"),
            reception=D("0.50"),
            vehicle_operation=D("0.50"),
            vehicle_purchase=D("0"),
            overseas=D("0"),
        ),
    ]


def set_rate_points(report: Report, points: Decimal) -> None:
    for item in report.score_items:
        if "变动率" in (item.level3 or ""):
            item.self_points = points


def department(
    name: str,
    year: int,
    *,
    code: str | None = None,
    file: str | None = None,
    three_public: str = "5.00",
    carryover: str = "50.00",
    balance: str = "50.00",
    fixed_assets: str | None = None,
    rate_points: str | None = None,
) -> Report:
    """A department report of `year`: the factory's clean department with these figures."""
    r = clean_department(file or f"{name}_{year}.docx").model_copy(deep=True)
    r.department, r.year, r.budget_code = name, year, code
    r.title = f"华容县{year}年度部门整体支出绩效评价自评报告"
    set_three_public(r, D(three_public))
    r.income[0].carryover = D(carryover)
    r.expenditure[0].balance_cumulative = D(balance)
    if fixed_assets is not None:
        r.fixed_assets[0].total = r.fixed_assets[0].in_use = D(fixed_assets)
    if rate_points is not None:
        set_rate_points(r, D(rate_points))
    return r


def scenario() -> list[Report]:
    """The county described in the module docstring (project reports are not needed)."""
    reports = [
        department(ZHUJIAN_OLD, 2019, file="zj2019.docx", three_public="5.00"),
        department(ZHUJIAN_NEW, 2020, code="303001", file="zj2020.docx", three_public="4.50"),
        department(
            ZHUJIAN_NEW, 2021, code="303001", file="zj2021.docx", three_public="5.40", rate_points="5"
        ),
        department("华容县财政局", 2019, code="301001", file="cz2019.docx", three_public="6.00"),
        department(
            "华容县财政局", 2020, code="301001", file="cz2020.docx", three_public="5.00", balance="30.00"
        ),
        department(
            "华容县财政局",
            2021,
            code="301001",
            file="cz2021.docx",
            three_public="4.80",
            carryover="35.00",
            fixed_assets="500.00",
        ),
        department("华容县水利局", 2020, code="312001", file="sl2020.docx"),
        department("华容县水利局", 2020, code="312001", file="sl2020.pdf"),
        department("华容县教育局", 2019, file="jy2019.docx", three_public="6.00"),
        department("华容县教育局", 2020, file="jy2020.docx", three_public="5.00"),
        department("华容县教育局（本级）", 2020, file="jy2020_benji.docx", three_public="4.00"),
        department("华容县教育局", 2021, file="jy2021.docx", three_public="4.00"),
        department("华容县民政局", 2019, code="305001", file="mz2019.docx", three_public="6.00"),
        department("华容县民政局", 2020, code="305002", file="mz2020.docx", three_public="5.00"),
        department("华容县民政局", 2021, file="mz2021.docx", three_public="4.00"),
        department("华容县发展和改革局", 2019, file="fg2019.docx", three_public="6.00"),
        department("华容县发改委", 2020, file="fg2020.docx", three_public="5.00"),
    ]
    return reports


def by_file(matching, file: str):
    for dept in matching.departments:
        for entry in dept.entries():
            if file in entry.files:
                return dept, entry
    raise AssertionError(f"{file} not placed")


# ---------------------------------------------------------------- names


def test_name_keys_fold_county_brackets_and_abbreviations():
    assert name_key("华容县住建局") == name_key("华容县住房和城乡建设局") == "住建局"
    assert name_key("华容县 人力资源和社会保障局") == name_key("华容县人社局")
    assert name_key("华容县发改委") == name_key("华容县发展和改革局")
    assert name_key("华容县卫生健康委员会") == name_key("华容县卫健局")
    assert name_key("华容县教育局（本级）") == name_key("华容县教育局")
    assert name_key("华容县文化旅游广电体育局") == name_key("华容县文旅广体局")
    assert name_key("湖南省岳阳市华容县财政局") == name_key("华容县财政局")
    assert name_key("华容县水利局") != name_key("华容县民政局")


# ---------------------------------------------------------------- matching


def test_renamed_department_is_matched_across_years():
    matching = match_departments(scenario())
    dept, entry = by_file(matching, "zj2019.docx")
    assert dept.id == "303001"
    assert dept.years == [2019, 2020, 2021]
    assert dept.names == [ZHUJIAN_OLD, ZHUJIAN_NEW]
    assert entry.how == BY_NAME
    assert by_file(matching, "zj2021.docx")[1].how == BY_CODE
    assert dept.display_name == ZHUJIAN_NEW


def test_alias_matches_fagaiwei_without_codes():
    dept, _ = by_file(match_departments(scenario()), "fg2020.docx")
    assert dept.years == [2019, 2020]
    assert set(dept.names) == {"华容县发展和改革局", "华容县发改委"}


def test_department_of_one_year_is_listed_and_copies_are_one_report():
    matching = match_departments(scenario())
    dept, entry = by_file(matching, "sl2020.pdf")
    assert dept.years == [2020]
    assert entry.files == ["sl2020.docx", "sl2020.pdf"]
    assert dept.ambiguous_years == []
    assert not any(e.code == "312001" for a in matching.ambiguities for e in a.entries)


def test_two_reports_of_one_department_in_a_year_are_ambiguous_not_guessed():
    matching = match_departments(scenario())
    dept, _ = by_file(matching, "jy2020_benji.docx")
    assert dept.years == [2019, 2020, 2021]
    assert dept.ambiguous_years == [2020]
    assert dept.entry(2020) is None
    same_year = [a for a in matching.ambiguities if a.kind == SAME_YEAR]
    assert len(same_year) == 1
    assert {e.file for e in same_year[0].entries} == {"jy2020.docx", "jy2020_benji.docx"}
    # no pair touches the ambiguous year
    pairs = {(c.file, p.file) for c, p in year_pairs(matching)}
    assert not any("jy" in c or "jy" in p for c, p in pairs)


def test_one_name_under_two_codes_is_reported_and_a_codeless_report_is_not_guessed():
    matching = match_departments(scenario())
    kinds = {a.kind for a in matching.ambiguities if any("mz" in e.file for e in a.entries)}
    assert kinds == {TWO_CODES, NAME_FITS_SEVERAL}
    dept_2021, _ = by_file(matching, "mz2021.docx")
    assert dept_2021.years == [2021] and dept_2021.note
    assert by_file(matching, "mz2019.docx")[0].years == [2019]
    assert by_file(matching, "mz2020.docx")[0].years == [2020]


def test_year_pairs_are_consecutive_and_unambiguous():
    pairs = {(c.file, p.file) for c, p in year_pairs(match_departments(scenario()))}
    assert pairs == {
        ("zj2020.docx", "zj2019.docx"),
        ("zj2021.docx", "zj2020.docx"),
        ("cz2020.docx", "cz2019.docx"),
        ("cz2021.docx", "cz2020.docx"),
        ("fg2020.docx", "fg2019.docx"),
    }


def test_gap_year_gives_no_pair():
    reports = [
        department("华容县司法局", 2019, code="309001"),
        department("华容县司法局", 2021, code="309001"),
    ]
    matching = match_departments(reports)
    assert matching.departments[0].years == [2019, 2021]
    assert year_pairs(matching) == []


def test_report_without_year_is_unplaced():
    report = department("华容县司法局", 2019)
    report.year = None
    matching = match_departments([report])
    assert matching.departments == [] and [e.file for e in matching.unplaced] == [report.file]


def test_find_departments_by_name_short_name_or_code():
    matching = match_departments(scenario())
    for query in ("住建局", ZHUJIAN_NEW, "303001", "华容县住建局"):
        assert [d.id for d in find_departments(matching, query)] == ["303001"], query
    assert find_departments(matching, "华容县林业局") == []
