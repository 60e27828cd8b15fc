"""Off-seed regression files: real Word files that differ from the seed where the seed hides bugs.

* `summary_last.docx`: the seed's combined report with each department table's 汇总 row moved
  below its unit rows (some counties print it last; the generator never does).
* `school_project_recount.docx`: a generated 农村义务教育薄弱学校改造 project whose 产出 paragraph
  states 21所学校 against the 23所 of its overview: N204 must not be 老旧小区-only.
* `other_province_rubric.json`: a department rubric written as another province words it
  (人员控制率 −0.1 per point, “三公经费”变动率 −0.3 per point, bands 90/75/60).

Rebuild the .docx files with ``python -m tests.offseed`` (from the committed corpus files);
`tests/test_offseed.py` checks that the committed files are what this builder makes.
"""

from __future__ import annotations

from pathlib import Path

import docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "corpus"
SEED = CORPUS / "huarong_2020_combined.docx"
SCHOOL_PROJECT = CORPUS / "generated" / "d00-2020-p1_project.docx"
SUMMARY_LAST = HERE / "summary_last.docx"
SCHOOL_RECOUNT = HERE / "school_project_recount.docx"
OTHER_PROVINCE_RUBRIC = HERE / "other_province_rubric.json"

SUMMARY_WORD = "汇总"
UNIT_ROW_PREFIXES = tuple(f"{n}、" for n in range(1, 10))
RECOUNT = ("12月31日，已完成23所学校", "12月31日，已完成21所学校")  # the 产出 paragraph only


def first_cell_text(row) -> str:
    cell = row.find(W + "tc")
    return "" if cell is None else "".join(t.text or "" for t in cell.iter(W + "t")).strip()


def move_summary_rows_last(document: docx.document.Document) -> int:
    """Move every 汇总 row below the numbered unit rows that follow it; returns how many moved."""
    moved = 0
    for table in document.tables:
        rows = list(table._tbl.iter(W + "tr"))
        for i, row in enumerate(rows):
            if SUMMARY_WORD not in first_cell_text(row):
                continue
            last = i
            while last + 1 < len(rows) and first_cell_text(rows[last + 1]).startswith(UNIT_ROW_PREFIXES):
                last += 1
            if last > i:
                rows[last].addnext(row)
                moved += 1
    return moved


def replace_text(document: docx.document.Document, old: str, new: str) -> int:
    """Replace `old` inside single text runs of every paragraph (tables included)."""
    count = 0
    for t in document.element.body.iter(W + "t"):
        if t.text and old in t.text:
            t.text = t.text.replace(old, new)
            count += 1
    return count


def build_summary_last(out: Path = SUMMARY_LAST) -> Path:
    document = docx.Document(SEED)
    assert move_summary_rows_last(document) == 4, "the seed has four department tables"
    document.save(out)
    return out


def build_school_recount(out: Path = SCHOOL_RECOUNT) -> Path:
    document = docx.Document(SCHOOL_PROJECT)
    assert replace_text(document, *RECOUNT) == 1, f"{RECOUNT[0]} not found once in {SCHOOL_PROJECT.name}"
    document.save(out)
    return out


def main() -> None:
    for path in (build_summary_last(), build_school_recount()):
        print(path)
