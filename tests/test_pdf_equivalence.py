"""The same report as .docx and as a PDF printed from it normalises to the same canonical model.

`Report.values()` (everything but file and locations) must be identical, free text included:
the PDF reader drops spaces between Chinese characters and joins soft wraps, and the normalizer
puts free text into one canonical whitespace form, so Word and PDF agree exactly.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from jixiao_audit.extract.docx_reader import read_docx
from jixiao_audit.extract.pdf_reader import read_pdf
from jixiao_audit.normalize import to_reports

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PDF_DIR = CORPUS / "pdf"
SOURCES = sorted(CORPUS.glob("*.docx")) + sorted((CORPUS / "variants").glob("*.docx"))


def pdf_for(docx: Path) -> Path:
    return PDF_DIR / docx.relative_to(CORPUS).with_suffix(".pdf")


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
def test_pdf_normalises_exactly_like_its_docx(docx):
    from_docx = [r.values() for r in to_reports(read_docx(docx))]
    from_pdf = [r.values() for r in to_reports(read_pdf(pdf_for(docx)))]
    assert len(from_pdf) == len(from_docx) >= 1
    diffs = differences(from_docx, from_pdf)
    assert diffs == [], "\n".join(diffs[:20])
