"""Clusters of a flat run (`jixiao_audit.clustering`): a report naming no county joins a county's
cluster only where a rule relates it to that county's reports given the whole batch, and the
outputs stay those of one audit of every report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jixiao_audit.audit.result import FileResult, ReportStub

from corpus.recounty import rewrite_docx
from jixiao_audit.batch import run_batch
from jixiao_audit.clustering import clusters
from jixiao_audit.spool import flat_batch
from tests.test_flat_memory import GENERATED, outputs


def stub(file: str, department: str | None, county: str | None = None, *, code: str | None = None,
         kind: str = "department", year: int | None = 2020, project: str | None = None) -> ReportStub:  # fmt: skip
    return ReportStub(file, kind, department, year, project, None, None, code, county, None, (), ())


def results(*stubs: ReportStub) -> list[FileResult]:
    return [FileResult.model_construct(file=s.file, status="ok", reports=[s]) for s in stubs]


HUARONG = stub("hr/2020.docx", "华容县水利局", "华容县")
XIANGYIN = stub("xy/2020.docx", "湘阴县水利局", "湘阴县")


def test_a_version_of_one_countys_report_joins_that_county():
    files = results(
        HUARONG, stub("hr/2021.docx", "华容县水利局", "华容县", year=2021), stub("x.docx", "水利局")
    )
    assert clusters(files) == [[0, 1, 2]]


def test_a_report_matching_two_counties_joins_neither():
    """`versions.county_guesses` refuses: 水利局 is in every county."""
    assert clusters(results(HUARONG, XIANGYIN, stub("x.docx", "水利局"))) == [[0], [1], [2]]


class ReadBack(list):
    """Files read back anew on each pass, as a stored run's are (`result.StoredFiles`)."""

    def __iter__(self):
        return (result.model_copy(deep=True) for result in list.__iter__(self))


def test_a_report_is_never_its_own_match_when_files_are_read_back():
    assert clusters(ReadBack(results(HUARONG, XIANGYIN, stub("x.docx", "水利局")))) == [[0], [1], [2]]


def test_a_refusal_with_a_county_less_match_joins_them_all():
    """Two county-less copies of 水利局 2020 are no versions of each other while each matches two
    counties: their cluster must hold both counties for its audit to refuse as the batch does."""
    files = results(HUARONG, XIANGYIN, stub("x.docx", "水利局"), stub("y.docx", "水利局"))
    assert clusters(files) == [[0, 1, 2, 3]]


def test_a_refused_report_joined_otherwise_joins_every_county_it_was_refused_over():
    """A 华容 project keeps the county-less department (X4xx), which then holds 华容's version match:
    湘阴's must come too, or the cluster would take the county-less report for 华容's version."""
    project = stub("hr/p.docx", "华容县水利局", "华容县", kind="project", project="河道整治")
    assert clusters(results(HUARONG, XIANGYIN, stub("x.docx", "水利局"), project)) == [[0, 1, 2, 3]]


def test_a_county_less_department_joins_each_county_whose_projects_name_it():
    """`rules.cross.departments_of`: a county's project keeps a county-less department beside its own."""
    files = results(
        stub("hr/p.docx", "华容县水利局", "华容县", kind="project", project="河道整治"),
        stub("xy/p.docx", "湘阴县水利局", "湘阴县", kind="project", project="河道整治"),
        stub("x.docx", "水利局"),
        stub("xy/edu.docx", "湘阴县教育局", "湘阴县"),
    )
    assert clusters(files) == [[0, 1, 2], [3]]


def test_a_county_less_project_and_its_departments():
    """X4xx: departments of one county are linked; of two, none (`names.one_county`)."""
    project = stub("x.docx", "水利局", kind="project", project="河道整治")
    assert clusters(results(HUARONG, project)) == [[0, 1]]
    coded = [stub(s.file, s.department, s.county, code=c) for s, c in ((HUARONG, "101"), (XIANGYIN, "202"))]
    assert clusters(results(*coded, project)) == [[0], [1], [2]]


def test_a_refusal_a_newer_version_may_lift_is_not_relied_on():
    """湘阴's department has two versions in the batch: the newer one (which the rules compare) may not
    match the project, so the project joins both counties rather than trust the refusal."""
    project = stub("x.docx", "水利局", kind="project", project="河道整治")
    newer = stub("xy/2020-修改.docx", "湘阴县水利局", "湘阴县", code="35")
    files = results(stub(HUARONG.file, "华容县水利局", "华容县", code="11"), XIANGYIN, newer, project)
    assert clusters(files) == [[0, 1, 2, 3]]


def test_a_county_less_project_and_the_year_before():
    """`AuditContext.previous_year`: a county's project may take a county-less one as its year before;
    a county-less project matching last year's projects of two counties takes none."""
    before = stub("x.docx", "水利局", kind="project", project="河道整治", year=2019)
    after = stub("hr/p.docx", "华容县水利局", "华容县", kind="project", project="河道整治")
    assert clusters(results(before, after)) == [[0, 1]]
    last = [
        stub(
            f"{county}/p.docx",
            f"{county}县水利局",
            f"{county}县",
            kind="project",
            project="河道整治",
            year=2019,
        )
        for county in ("华容", "湘阴")
    ]
    assert clusters(results(*last, stub("x.docx", "水利局", kind="project", project="河道整治"))) == [
        [0],
        [1],
        [2],
    ]


def test_a_copy_by_file_name_joins_each_county():
    """`compare_match.merge_copies` folds a report into the first of the same name, year and file stem,
    in whatever county: both counties' 水利局.docx fold into the county-less one."""
    files = results(
        stub("hr/水利局.docx", "华容县水利局", "华容县"),
        stub("xy/水利局.docx", "湘阴县水利局", "湘阴县"),
        stub("x/水利局.docx", "水利局"),
    )
    assert clusters(files) == [[0, 1, 2]]


def test_a_placeholder_county_is_a_county():
    """某县… (the generator's family forms) is county 某 to the rules (`names.county_of`): its own cluster."""
    files = results(HUARONG, stub("f.docx", "某县水利局"), XIANGYIN)
    assert clusters(files) == [[0], [1], [2]]


# ---------------------------------------------------------------- real files, both paths


def county_less(src: str, dst: Path, county: str, code: str | None = None) -> Path:
    """A generated file with its county's name (and its 预算编码) taken out of every XML part."""
    changes = {county + "县": "", county: ""} | ({code: ""} if code else {})
    return rewrite_docx(GENERATED / src, dst, changes)


def batch(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir()
    paths = [Path(shutil.copyfile(GENERATED / name, folder / name)) for name in names]
    paths.append(county_less("d00-2020_department.docx", folder / "教育局2020.docx", "湘阴", "350554"))
    return sorted(paths)


# 湘阴县教育局 2020 and 2021 (one 预算编码), 湘阴县农业农村局; 南县教育局 2020; 湘阴's project of 2020
XIANGYIN_EDU = ["d00-2020_department.docx", "d00-2021_department.docx", "d02-2019_combined.docx"]
NANXIAN_EDU = ["d01-2020_department.docx"]
XIANGYIN_PROJECT = ["d00-2020-p1_project.docx"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("names", "sizes"),
    [
        (XIANGYIN_EDU, [1, 3]),  # a version of 湘阴's 教育局 2020 only: it joins 湘阴's 教育局
        (XIANGYIN_EDU + NANXIAN_EDU, [1, 1, 1, 2]),  # matches 湘阴's and 南县's: a guess, it joins neither
        (XIANGYIN_EDU + NANXIAN_EDU + XIANGYIN_PROJECT, [1, 5]),  # 湘阴's project keeps it: both counties
    ],
)
def test_county_less_report_clusters_give_the_outputs_of_one_audit(tmp_path, names, sizes):
    paths = batch(tmp_path / "in", names)
    whole = run_batch(paths, workers=1, progress=False)
    flat = flat_batch(paths, workers=1, progress=False)
    try:
        assert sorted(len(c) for c in clusters(flat.files)) == sizes
        assert outputs(flat, tmp_path / "flat") == outputs(whole, tmp_path / "whole")
    finally:
        flat.close()
