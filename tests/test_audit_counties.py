"""Two counties' departments of the same name are different departments, in every comparison."""

from __future__ import annotations

from jixiao_audit.audit.compare_match import match_departments
from jixiao_audit.audit.engine import run_audit
from jixiao_audit.normalize.model import Report

from tests.report_factory import clean_pair
from tests.test_compare_scenario import department


def test_compare_keeps_two_counties_apart():
    huarong = [
        department("华容县教育局", year, code="303001", file=f"hr{year}.docx") for year in (2019, 2020)
    ]
    xiangyin = [
        department("湘阴县教育局", year, code="350554", file=f"xy{year}.docx") for year in (2019, 2020)
    ]
    for report in xiangyin:
        report.county = "湘阴县"
    matching = match_departments(huarong + xiangyin)
    assert sorted(sorted(e.file for e in d.entries()) for d in matching.departments) == [
        ["hr2019.docx", "hr2020.docx"],
        ["xy2019.docx", "xy2020.docx"],
    ]
    assert matching.ambiguities == []  # not "one name, two codes": they are two counties' bureaus


def test_project_of_another_county_is_not_linked_to_a_department():
    department_report, project = clean_pair()
    other = project.model_copy(deep=True, update={"file": "other_county_project.docx", "county": "湘阴县"})
    other.funds.arrived.total = other.funds.arrived.total + 100
    findings = run_audit([department_report, project, other]).findings
    assert not [
        f for f in findings if f.rule.startswith("X") and "other_county" in (f.related_file or f.file)
    ]


def _countyless_project(mistake: bool = True):
    """The clean project as a national form often has it: 实施单位 水利局, no county anywhere."""
    _, project = clean_pair()
    project = project.model_copy(
        deep=True, update={"county": None, "department": "水利局", "supervisor": "水利局", "file": "p.docx"}
    )
    if mistake:
        project.funds.arrived.total = project.funds.arrived.total + 100
    return project


def _department_in(county: str, code: str):
    department_report, _ = clean_pair()
    return department_report.model_copy(
        deep=True,
        update={
            "county": county,
            "department": f"{county}水利局",
            "budget_code": code,
            "file": f"{county}.docx",
        },
    )


def _cross(findings):
    return [(f.rule, f.file) for f in findings if f.rule.startswith("X")]


def test_project_naming_no_county_links_to_the_only_county_with_that_department():
    findings = run_audit([_department_in("华容县", "312001"), _countyless_project()]).findings
    assert ("X401", "华容县.docx") in _cross(findings)


def test_project_naming_no_county_is_not_compared_with_departments_of_several_counties():
    """水利局 is in every county: with 华容县 and 湘阴县 in the batch the link would be a guess."""
    reports = [_department_in("华容县", "312001"), _department_in("湘阴县", "350312"), _countyless_project()]
    assert _cross(run_audit(reports).findings) == []


def test_a_county_in_the_project_names_picks_one_of_several_counties():
    project = _countyless_project()
    project.department = "湖南省岳阳市湘阴县水利局"
    reports = [_department_in("华容县", "312001"), _department_in("湘阴县", "350312"), project]
    assert {f for _, f in _cross(run_audit(reports).findings)} == {"湘阴县.docx"}


def test_county_named_by_a_department_name():
    from jixiao_audit.audit.names import county_named

    assert county_named("湖南省岳阳市华容县住房和城乡建设局") == "华容县"
    assert county_named("中共湘阴县委宣传部") == "湘阴县"
    assert county_named("华容县城市管理局") == "华容县"
    assert county_named("岳阳市财政局") is None
    assert county_named("水利局") is None
    assert county_named("社区卫生服务中心") is None and county_named("全县农村饮水工程") is None
    assert county_named("沛县教育局") == "沛县"


def test_a_project_naming_no_county_is_no_version_of_same_named_projects_in_two_counties():
    """水利局's 河道整治 matches 华容县水利局's and 湘阴县水利局's: grouping all three as versions of one
    report would be a guess (and would make the two counties' reports versions of each other)."""
    from jixiao_audit.audit.versions import group_versions

    def project(file, department, county, arrived):
        return Report(
            file=file,
            kind="project",
            year=2020,
            county=county,
            department=department,
            project_name="河道整治",
            funds={"arrived": {"total": arrived}},
        )

    reports = [
        project("hr.docx", "华容县水利局", "华容县", 100),
        project("xy.docx", "湘阴县水利局", "湘阴县", 200),
        project("none.docx", "水利局", None, 300),
    ]
    groups = [
        sorted(r.file for r in group_versions(reports).reports_of(g)) for g in group_versions(reports).groups
    ]
    assert all(len(g) == 1 for g in groups), groups
    # with one county in the batch the same countyless copy is a version of it
    pair = group_versions([reports[0], reports[2]])
    assert sorted(len(pair.reports_of(g)) for g in pair.groups) == [2]


def test_a_county_in_the_project_names_keeps_it_from_another_countys_department():
    """实施单位 湘阴县水利局 without a county field: 华容县's 水利局 is not its department."""
    project = _countyless_project()
    project.department = "湘阴县水利局"
    assert _cross(run_audit([_department_in("华容县", "312001"), project]).findings) == []


def test_same_stem_name_and_code_in_two_counties_are_never_copies_or_versions():
    """Each county's folder holds its own 教育局/2021部门整体自评报告.docx, and county codes repeat
    across counties (303001): year, name key, 预算编码 and file stem all agree, yet the reports name
    different counties — on the cover, or only in the department's name."""
    from jixiao_audit.audit.versions import group_versions

    for other_county, other_name in (
        ("湘阴县", "湘阴县教育局"),
        (None, "湘阴县教育局"),
        ("湘阴县", "教育局"),
    ):
        huarong = department("华容县教育局", 2021, code="303001", file="华容县/2021部门整体自评报告.docx")
        huarong.county = "华容县"
        xiangyin = department(other_name, 2021, code="303001", file="湘阴县/2021部门整体自评报告.docx")
        xiangyin.county = other_county
        matching = match_departments([huarong, xiangyin])
        assert sorted(e.files for d in matching.departments for e in d.entries()) == [
            ["华容县/2021部门整体自评报告.docx"],
            ["湘阴县/2021部门整体自评报告.docx"],
        ], (other_county, other_name)
        assert group_versions([huarong, xiangyin]).groups == [], (other_county, other_name)


def test_departments_naming_their_county_only_in_their_names_are_two_departments():
    """No county on either cover: 华容县教育局 and 湘阴县教育局 are still two counties' bureaus, not one
    department with two reports a year."""
    reports = [
        department(name, year, file=f"{name}{year}.docx")
        for name in ("华容县教育局", "湘阴县教育局")
        for year in (2019, 2020)
    ]
    for report in reports:
        report.county = None
    matching = match_departments(reports)
    assert sorted(sorted(e.file for e in d.entries()) for d in matching.departments) == [
        ["华容县教育局2019.docx", "华容县教育局2020.docx"],
        ["湘阴县教育局2019.docx", "湘阴县教育局2020.docx"],
    ]
    assert matching.ambiguities == []
