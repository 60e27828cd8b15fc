"""The same report as .docx and as a PDF printed from it normalises to the same canonical model.

Numbers, dates, scores, labels and the structure (how many rows, items, sections) must match
exactly. Free text is compared with whitespace removed: a PDF cannot carry the spaces Word
keeps between Chinese characters ("姓  名", "1、 贯彻", "进度 （1分）") — the reader drops them
by design — nor a space that stood at a line break.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from extract.docx_reader import read_docx
from extract.pdf_reader import read_pdf
from normalize import to_reports

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PDF_DIR = CORPUS / "pdf"
SOURCES = sorted(CORPUS.glob("*.docx")) + sorted((CORPUS / "variants").glob("*.docx"))
WHITESPACE = re.compile(r"\s+")


def pdf_for(docx: Path) -> Path:
    return PDF_DIR / docx.relative_to(CORPUS).with_suffix(".pdf")


def without_whitespace(value):
    """The values tree with whitespace removed from every string."""
    if isinstance(value, str):
        return WHITESPACE.sub("", value)
    if isinstance(value, dict):
        return {k: without_whitespace(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_whitespace(v) for v in value]
    return value


def differences(a, b, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items (docx) vs {len(b)} (pdf)"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r:.80} (docx) vs {b!r:.80} (pdf)"]


def test_corpus_has_pdfs():
    assert SOURCES, "corpus .docx files missing"
    assert all(pdf_for(s).is_file() for s in SOURCES), "run `python -m corpus.build_pdf`"


@pytest.mark.parametrize("docx", SOURCES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_pdf_is_printed_from_current_docx(docx):
    manifest = json.loads((PDF_DIR / "SOURCES.json").read_text(encoding="utf-8"))
    key = pdf_for(docx).relative_to(CORPUS).as_posix()
    assert manifest.get(key) == hashlib.sha256(docx.read_bytes()).hexdigest(), (
        f"{key} is stale: the .docx changed; run `python -m corpus.build_pdf` and commit corpus/pdf"
    )


@pytest.mark.parametrize("docx", SOURCES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_pdf_normalises_like_its_docx(docx):
    from_docx = [r.values() for r in to_reports(read_docx(docx))]
    from_pdf = [r.values() for r in to_reports(read_pdf(pdf_for(docx)))]
    assert len(from_pdf) == len(from_docx)
    diffs = differences(without_whitespace(from_docx), without_whitespace(from_pdf))
    assert diffs == [], "\n".join(diffs[:20])


@pytest.mark.parametrize("docx", SOURCES[:3], ids=lambda p: p.name)
def test_pdf_numbers_exact_without_whitespace_slack(docx):
    """Every non-text value (money, points, counts, None) is identical, not just alike."""
    from_docx = [r.values() for r in to_reports(read_docx(docx))]
    from_pdf = [r.values() for r in to_reports(read_pdf(pdf_for(docx)))]

    def non_text(value):
        if isinstance(value, dict):
            return {k: non_text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [non_text(v) for v in value]
        return "<text>" if isinstance(value, str) else value

    assert differences(non_text(from_docx), non_text(from_pdf)) == []
