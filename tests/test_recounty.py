"""`corpus.recounty`: a copy of the generated corpus in other counties is other departments, with the
findings of the original (the benchmark's batches past the corpus's size are distinct reports)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from corpus.generate import ANSWER_KEY
from corpus.recounty import corpus_counties, plan, replacements, rewrite_text, write_copy
from jixiao_audit.batch import run_batch
from jixiao_audit.spool import clusters

GENERATED = Path(__file__).resolve().parent.parent / "corpus" / "generated"
# Two departments of two counties: their years and projects, with labelled findings of every kind
# (Y601 compares years, C5xx combined files, R3xx re-scoring).
SAMPLE_PREFIXES = ("d00-", "d03-")


@pytest.fixture(scope="module")
def key() -> dict:
    return json.loads((GENERATED / ANSWER_KEY).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def copy(key, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("copy1")
    write_copy(GENERATED, folder, 1, key)
    return folder


def document_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))


def test_each_copy_has_counties_and_budget_codes_of_its_own(key):
    counties, codes = corpus_counties(key)
    copies = plan(key, 4)
    names = [new.name for mapping in copies for new in mapping.values()]
    prefixes = [new.code for mapping in copies for new in mapping.values()]
    assert copies[0] == {} and all(set(m) == set(counties) for m in copies[1:])
    assert len(set(names)) == len(names) and not set(names) & set(counties)
    used = {code[:2] for found in codes.values() for code in found}
    assert len(set(prefixes)) == len(prefixes) and not set(prefixes) & used
    with pytest.raises(ValueError, match="distinct copies"):
        plan(key, 100)


def test_a_code_is_rewritten_only_where_it_stands_alone():
    change = rewrite_text({"南县": "东溪县", "310543": "100543"})
    assert change("<w:t>南县教育局</w:t><w:t>310543</w:t>") == "<w:t>东溪县教育局</w:t><w:t>100543</w:t>"
    untouched = '<w:t>310543.00</w:t><w:t>1,310543</w:t><w:t>3105431</w:t><w:tbl w:w="310543"/>'
    assert change(untouched) == untouched


def test_a_copy_names_only_its_new_county(key, copy):
    counties, codes = corpus_counties(key)
    mapping = plan(key, 2)[1]
    for name in ("d00-2020_department.docx", "d03-2020-p1_project.docx"):
        text = document_text(copy / name)
        assert not any(county in text for county in counties), name
        assert any(new.name in text for new in mapping.values()), name
    department = document_text(copy / "d00-2020_department.docx")
    old = next(
        f["reports"][0]["budget_code"] for f in key["files"] if f["file"] == "d00-2020_department.docx"
    )
    assert old in codes["湘阴县"]
    assert mapping["湘阴县"].code + old[2:] in department and old not in department
    assert not (
        copy / "f00-2021_national.docx"
    ).exists()  # names no county: left out (a version in every county)


def test_a_copy_gives_the_same_findings_and_never_folds_into_the_original(key, copy):
    sample = sorted(p.name for p in copy.glob("*.docx") if p.name.startswith(SAMPLE_PREFIXES))
    original = run_batch([GENERATED / n for n in sample], workers=1, progress=False)
    copied = run_batch([copy / n for n in sample], workers=1, progress=False)
    _, codes = corpus_counties(key)
    changes = {}
    for county, new in plan(key, 2)[1].items():
        changes |= replacements(county, new, codes[county])
    rename = rewrite_text(changes)

    def shown(run, folder: Path, change=lambda text: text) -> list[str]:
        dumped = [
            json.dumps(f.model_dump(mode="json"), ensure_ascii=False, sort_keys=True) for f in run.findings
        ]
        return sorted(change(text.replace(f"{folder}/", "")) for text in dumped)

    assert original.findings and shown(original, GENERATED, rename) == shown(copied, copy)
    assert len(copied.reports) == len(original.reports)
    both = run_batch([GENERATED / n for n in sample] + [copy / n for n in sample], workers=1, progress=False)
    assert not both.versions  # no report of the copy is taken for a version of the original's
    assert all(max(c) < len(sample) or min(c) >= len(sample) for c in clusters(both.files))
