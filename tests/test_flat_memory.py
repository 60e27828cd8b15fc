"""Flat memory (`jixiao_audit.spool`): the workers read and audit, the parent keeps only stubs.

The outputs of `audit run` must be the ones a single audit of every report gives (byte for byte),
the parent must hold no `Report` once the workers return, and its memory must not grow with the
batch by more than a few KB per report.
"""

from __future__ import annotations

import gc
import json
import pickle
import resource
import shutil
import subprocess
import sys
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path

import pytest
from jixiao_audit.audit.export import audit_json, write_csv
from jixiao_audit.audit.result import FileResult, ReportStub, StoredFiles, StoredVersions
from jixiao_audit.audit.versions import members_by_key
from jixiao_audit.audit.workbook import write_workbook
from jixiao_audit.normalize.model import Report

from corpus.generate import ANSWER_KEY
from corpus.recounty import write_copy
from jixiao_audit.batch import run_batch
from jixiao_audit.spool import (
    PIECE_ITEMS,
    Spool,
    _in_order,
    blob_bytes,
    clusters,
    flat_batch,
    packed,
    unpacked,
)

REPO = Path(__file__).resolve().parent.parent
GENERATED = REPO / "corpus" / "generated"
# A department's years and projects, a combined file, and another department.
SAMPLE = (
    "d00-2019_combined.docx",
    "d00-2020_department.docx",
    "d00-2020-p1_project.docx",
    "d00-2021_department.docx",
    "d01-2020-p1_project.docx",
)
STUB_BYTES_PER_REPORT = 2048  # what the parent keeps of a report (pickled), store rows aside
GROWTH_KB_PER_REPORT = (
    12  # the peak RSS (VmHWM) growth per report once warm, 1 worker (6.5 measured; ≈ 180 before the flat run)
)
CREATED = datetime(2024, 1, 1)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> list[Path]:
    """The sample, plus a byte-identical copy of one file (a version group: 重复报送)."""
    folder = tmp_path_factory.mktemp("flat")
    paths = [Path(shutil.copyfile(GENERATED / name, folder / name)) for name in SAMPLE]
    paths.append(Path(shutil.copyfile(paths[1], folder / "d00-2020_department - 副本.docx")))
    return sorted(paths)


def outputs(run, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    write_csv(folder, run)
    return {
        "json": audit_json(run).encode(),
        "xlsx": write_workbook(folder / "a.xlsx", run, CREATED).read_bytes(),
        **{p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))},
    }


def count_objects(kind: type = Report) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


def test_flat_run_gives_the_outputs_of_one_audit(sample, tmp_path):
    whole = run_batch(sample, workers=1, progress=False)
    flat = flat_batch(sample, workers=1, progress=False)
    try:
        assert whole.versions and [g.id for g in flat.versions] == [g.id for g in whole.versions]
        assert outputs(flat, tmp_path / "flat") == outputs(whole, tmp_path / "whole")
        assert [flat.count(s) for s in ("error", "warning", "info")] == [
            whole.count(s) for s in ("error", "warning", "info")
        ]
    finally:
        flat.close()


def test_flat_run_looks_totals_and_versions_up_in_its_store(sample):
    whole = run_batch(sample, workers=1, progress=False)
    flat = flat_batch(sample, workers=1, progress=False)
    try:
        assert not flat.scores and isinstance(flat.versions, StoredVersions)  # nothing kept in lists
        assert list(flat.versions) == whole.versions and flat.versions[-1] == whole.versions[-1]
        scores, index = flat.scores_by_report(), flat.version_index()
        assert all(scores.get(key) == score for key, score in whole.scores_by_report().items())
        assert all(index.get(key) == found for key, found in members_by_key(whole.versions).items())
        assert scores.get(("无此文件", None, None, None)) is None
        assert index.get(("无此文件", "project", None)) is None
    finally:
        flat.close()


def test_stored_versions_are_looked_up_by_their_number():
    """`StoredVersions[i]` reads group V(i+1) directly; groups are numbered by their first report."""
    from jixiao_audit.audit.store import RunStore
    from jixiao_audit.audit.versions import VersionGroup

    store = RunStore()
    try:
        for start in (30, 10, 20):
            store.add_group(start, VersionGroup(id="?", label=f"第{start}份", members=[]), [])
        versions = StoredVersions(store, store.number_groups())
        assert [g.label for g in versions] == ["第10份", "第20份", "第30份"]
        assert [versions[i] for i in range(-3, 3)] == [*versions, *versions]
        assert versions[1].id == "V2" and versions[1:] == list(versions)[1:]
        with pytest.raises(IndexError):
            versions[3]
    finally:
        store.close()


def test_parent_keeps_no_report(sample):
    before, results_before = count_objects(Report), count_objects(FileResult)
    run = flat_batch(sample, workers=1, progress=False)
    try:
        assert count_objects(Report) == before  # every Report read and audited here is gone
        assert count_objects(FileResult) == results_before  # and every file's result is in the store
        assert isinstance(run.files, StoredFiles) and len(run.files) == len(sample)
        assert run.report_count == len(run_batch(sample, workers=1, progress=False).reports)
        stubs = [r for result in run.files for r in result.reports]
        assert stubs and all(isinstance(r, ReportStub) for r in stubs)
        assert all(r.figures is None and r.score_rows is None for r in stubs)  # rows are on disk
        assert len(pickle.dumps(list(run.files))) / len(stubs) < STUB_BYTES_PER_REPORT
        assert not run.findings and not run.reviews and not run.scores  # on disk too
        folder = Path(run.store._dir.name)
        assert folder.is_dir()
    finally:
        run.close()
    assert not folder.exists()  # the temporary store is removed with the run


def stub(file: str, department: str | None, county: str | None = None, code: str | None = None,
         kind: str = "department", year: int = 2020) -> ReportStub:  # fmt: skip
    return ReportStub(file, kind, department, year, None, None, None, code, county, None, (), ())


def results(*stubs: ReportStub) -> list[FileResult]:
    return [FileResult.model_construct(file=s.file, status="ok", reports=[s]) for s in stubs]


def test_clusters_join_what_a_rule_may_relate():
    files = results(
        stub("a", "华容县住房和城乡建设局", "华容县"),
        stub("b", "华容县教育局", "华容县"),
        stub("c", "华容县住建局", "华容县", year=2021),  # abbreviation, another year: a's department
        stub("d", "湘阴县住建局", "湘阴县"),  # another county: its own
        stub("e", "住建局", None),  # no county, matching both counties' 住建局: the rules link it to neither
        stub("f", "卫健局", "华容县", code="101001"),
        stub("g", "卫生健康委员会", "华容县", code="101-001"),  # the same 预算编码
        stub("h", "湘阴县住建局", None, year=2021),  # no county stated, but its name carries one: 湘阴's
    )
    assert clusters(files) == [[0, 2], [1], [3, 7], [4], [5, 6]]


def test_clusters_keep_counties_apart():
    files = results(stub("a", "华容县教育局", "华容县"), stub("b", "湘阴县教育局", "湘阴县"))
    assert clusters(files) == [[0], [1]]


def test_clusters_are_handed_out_within_a_byte_budget():
    """A large cluster (a department's many copies) is not queued with others past the budget."""
    handed: list[int] = []

    def submit(size: int) -> Future:
        handed.append(size)
        future: Future = Future()
        future.set_result(size)
        return future

    outcomes = _in_order(submit, [(n,) for n in (5, 5, 5, 1, 1)], 4, lambda task: task[0], 6)
    assert next(outcomes) == 5 and handed == [5, 5]  # the second pushed the first out
    assert list(outcomes) == [5, 5, 1, 1] and handed == [5, 5, 5, 1, 1]


def test_spool_finds_each_files_blob_by_its_index():
    """Files without reports have no blob; an empty blob is still one; a worker reads one by where it is."""
    with Spool() as spool:
        spool.put(0, b"first")
        spool.put(3, b"")
        spool.put(2, b"third")
        assert [spool.get(i) for i in range(5)] == [b"first", None, b"third", b"", None]
        assert spool.where(1) is None and spool.where(-1) is None
        assert blob_bytes(spool.where(2)) == b"third"


def test_a_cluster_outcome_comes_in_pieces():
    """A large cluster's findings and reviews reach the parent as small compressed pieces, unpacked
    one at a time into the store, in their order."""
    items = [{"n": i, "说明": "行" * (i % 7)} for i in range(2 * PIECE_ITEMS + 3)]
    pieces = packed(items)
    assert len(pieces) == 3 and all(isinstance(p, bytes) for p in pieces)
    assert list(unpacked(pieces)) == items and list(unpacked(packed([]))) == []


def peak_rss_kb(paths: list[Path]) -> int:
    """Peak RSS of a fresh process running the flat batch over `paths` and writing its outputs: its own
    high-water mark (VmHWM; getrusage's ru_maxrss would carry over this larger process's, as Linux
    keeps it across exec)."""
    code = (
        "import json, sys, tempfile; from pathlib import Path\n"
        "from jixiao_audit.spool import flat_batch\n"
        "from jixiao_audit.audit.workbook import write_workbook\n"
        "from jixiao_audit.audit.export import audit_json_chunks, write_chunks\n"
        "run = flat_batch([Path(p) for p in json.loads(sys.argv[1])], workers=1, progress=False)\n"
        "with tempfile.TemporaryDirectory() as out:\n"
        "    write_workbook(Path(out) / 'a.xlsx', run)\n"
        "    write_chunks(Path(out) / 'a.json', audit_json_chunks(run))\n"
        "run.close()\n"
        "print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps([str(p) for p in paths])],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=900,
    )  # fmt: skip
    return int(done.stdout.split()[-1])


@pytest.mark.slow
def test_parent_memory_does_not_grow_with_the_batch(tmp_path):
    """The generated corpus and one copy of it moved to another county (`corpus.recounty`: distinct
    departments, as a larger batch holds, not the same files again), then with eight more copies.
    The first copy is in both runs: the store's fixed caches (SQLite's page cache and sort memory,
    ≈ 2.4 MB) fill up over the first hundred reports, which is warm-up, not growth. The family
    forms (某县…, not copied) are in both: their clusters must not grow with the other counties."""
    key = json.loads((GENERATED / ANSWER_KEY).read_text(encoding="utf-8"))
    reports = {f["file"]: len(f["reports"]) for f in key["files"]}
    one = sorted(GENERATED / f["file"] for f in key["files"])
    copies = [
        [tmp_path / f"k{k}" / name for name in write_copy(GENERATED, tmp_path / f"k{k}", k, key)]
        for k in range(1, 10)
    ]
    warm = one + copies[0]
    more = [path for copy in copies[1:] for path in copy]
    small, large = peak_rss_kb(warm), peak_rss_kb(warm + more)
    added = sum(reports[p.name] for p in more)
    assert (large - small) / added < GROWTH_KB_PER_REPORT, (small, large)
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss >= large


@pytest.mark.parametrize(
    "items", [[], [{"a": 1}], [{"说明": "行\u2028分隔\x85", "n": [1, {"b": None}]}, "x", []]]
)
def test_streamed_json_lists_are_json_dumps_text(items):
    from jixiao_audit.audit.export import json_list

    streamed = '{\n  "k": ' + "".join(json_list(items)) + "\n}"
    assert streamed == json.dumps({"k": items}, ensure_ascii=False, indent=2)
