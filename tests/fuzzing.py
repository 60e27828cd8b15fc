"""Mutants of the committed corpus and one `audit` run over them (issue 14's fuzzing).

`write_mutants` turns the corpus's Word and PDF files into mutants, reproducibly from a seed:
Word files mostly keep a valid zip with a damaged word/document.xml (huge attribute values, long
or absurd figures, duplicated rows, cut or flipped XML, a DTD), otherwise damaged zip bytes; PDFs
get flipped or deleted bytes, a cut, or absurd numbers. A few mutants get hostile names (GBK
bytes, a newline, a leading `=`). `run_audit_on` runs the real CLI once over a folder and
`problems` lists what broke the issue's promises. Used by tests/test_hostile_fuzz.py (a few
hundred mutants) and tools/fuzz.py (thousands).
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jixiao_audit.pipeline import display_name

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
DOCUMENT_XML = "word/document.xml"
PDF_SHARE = 0.1  # PDFs take ~30× a Word file to read: a tenth of the mutants
ODD_NAME_SHARE = 0.05
MEMORY_LIMIT_MB = 1024  # the ceiling for a whole hostile batch
ABSURD = (
    "10000000",
    "99999999999999999999999999999",
    "-1",
    "0",
    "1e999999",
    "NaN",
    "Infinity",
    "１２３４５６７８９０１２３４５６７８９０",
    "1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0,1,2,3",
    "0." + "0" * 40 + "1",
    "合计" * 500,
)
ODD_NAMES = (
    os.fsdecode("报告".encode("gbk")),  # not UTF-8: shown with replacement characters
    "换行\n名字",
    "=HYPERLINK(1)",
    "＝全角",
)
W_T = re.compile(rb"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")
W_VAL = re.compile(rb'w:val="[^"]*"')
W_TR = re.compile(rb"<w:tr[ >].*?</w:tr>", re.DOTALL)
NUMBER = re.compile(rb"\d+(?:\.\d+)?")


def seed_files() -> list[Path]:
    """The committed corpus files mutants are made from."""
    return sorted((CORPUS / "generated").glob("*.docx")) + sorted(CORPUS.glob("*.docx"))


def seed_pdfs() -> list[Path]:
    return sorted((CORPUS / "pdf").glob("*.pdf"))


# ---------------------------------------------------------------- mutation operators


def _random_match(pattern: re.Pattern[bytes], data: bytes, rng: random.Random) -> re.Match[bytes] | None:
    matches = list(pattern.finditer(data))
    return rng.choice(matches) if matches else None


def _replace(data: bytes, m: re.Match[bytes] | None, new: bytes) -> bytes:
    return data if m is None else data[: m.start()] + new + data[m.end() :]


def absurd_value(data: bytes, rng: random.Random) -> bytes:
    """A w:val attribute (gridSpan, vMerge, gridBefore, …) set to an absurd value."""
    value = rng.choice(ABSURD).encode()
    return _replace(data, _random_match(W_VAL, data, rng), b'w:val="' + value + b'"')


def absurd_text(data: bytes, rng: random.Random) -> bytes:
    """A text run (a figure, a label) replaced by an absurd figure or a long string."""
    m = _random_match(W_T, data, rng)
    return data if m is None else _replace(data, m, m.group(1) + rng.choice(ABSURD).encode() + m.group(3))


def duplicate_row(data: bytes, rng: random.Random) -> bytes:
    m = _random_match(W_TR, data, rng)
    return data if m is None else _replace(data, m, m.group(0) * rng.randint(2, 60))


def cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))] if data else data


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 2048) :]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def add_dtd(data: bytes, rng: random.Random) -> bytes:
    dtd = b'<!DOCTYPE w:document [<!ENTITY x "' + b"x" * rng.randint(1, 64) + b'">]>'
    end = data.find(b"?>")
    return data[: end + 2] + dtd + data[end + 2 :] if end >= 0 else dtd + data


def absurd_number(data: bytes, rng: random.Random) -> bytes:
    """A number anywhere in a PDF (an offset, a length, a coordinate) made absurd."""
    return _replace(data, _random_match(NUMBER, data, rng), rng.choice(ABSURD[:6]).encode())


XML_OPERATORS = (
    absurd_value,
    absurd_text,
    absurd_text,
    duplicate_row,
    cut,
    delete_chunk,
    flip_bytes,
    add_dtd,
)
BYTE_OPERATORS = (cut, delete_chunk, flip_bytes)
PDF_OPERATORS = (cut, delete_chunk, flip_bytes, absurd_number, absurd_number)


def with_document_xml(docx: bytes, xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, xml if info.filename == DOCUMENT_XML else zin.read(info))
    return out.getvalue()


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.8:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read(DOCUMENT_XML)
        for _ in range(rng.randint(1, 3)):
            xml = rng.choice(XML_OPERATORS)(xml, rng)
        return with_document_xml(data, xml)
    return rng.choice(BYTE_OPERATORS)(data, rng)


def mutate_pdf(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(PDF_OPERATORS)(data, rng)
    return data


def write_mutants(directory: Path, n: int, seed: int, pdf_share: float = PDF_SHARE) -> list[Path]:
    """`n` mutants of the corpus in `directory` (created), reproducibly from `seed`; about
    `pdf_share` of them PDFs."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    docx_seeds = [(p, p.read_bytes()) for p in seed_files()]
    pdf_seeds = [(p, p.read_bytes()) for p in seed_pdfs()]
    written = []
    for i in range(n):
        is_pdf = pdf_seeds and rng.random() < pdf_share
        source, data = rng.choice(pdf_seeds if is_pdf else docx_seeds)
        mutant = mutate_pdf(data, rng) if is_pdf else mutate_docx(data, rng)
        stem = f"{i:05d}_{source.stem}"
        if rng.random() < ODD_NAME_SHARE:
            stem = f"{i:05d}_{rng.choice(ODD_NAMES)}"
        path = directory / f"{stem}{source.suffix}"
        path.write_bytes(mutant)
        written.append(path)
    return written


# ---------------------------------------------------------------- one run and its verdict


@dataclass
class FuzzRun:
    returncode: int
    seconds: float
    peak_rss_mb: float
    stderr: str
    reports: list[dict] = field(default_factory=list)


def run_audit_on(folder: Path, out: Path, workers: int = 2, timeout: float = 600) -> FuzzRun:
    """`audit FOLDER --json` in a fresh process; wall time and the peak RSS of it or any worker."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "jixiao_audit.cli", str(folder), "-o", str(out / "out.xlsx")]
        + ["--json", str(out / "out.json"), "--workers", str(workers)],
        check=False,
        capture_output=True,
        env=env,
        timeout=timeout,
    )
    seconds = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
    json_path = out / "out.json"
    reports = json.loads(json_path.read_text(encoding="utf-8"))["reports"] if json_path.exists() else []
    return FuzzRun(done.returncode, seconds, peak, done.stderr.decode("utf-8", "replace"), reports)


def problems(run: FuzzRun, inputs: list[Path], root: Path) -> list[str]:
    """What broke the promises: a traceback, a bad exit code, an input missing or listed twice
    as failed, memory over the ceiling. Names are compared as the tool shows them."""
    found = []
    if "Traceback" in run.stderr:
        found.append("traceback: " + run.stderr[run.stderr.index("Traceback") :][:2000])
    if run.returncode not in (0, 1):
        found.append(f"exit code {run.returncode}: {run.stderr[-500:]}")
    listed = Counter(r["file"] for r in run.reports if r["status"] != "ok")
    shown = {display_name(p) for p in inputs}
    seen = {r["file"] for r in run.reports}
    if seen != shown:
        found.append(f"inputs not listed: {sorted(shown - seen)[:5]}; unknown: {sorted(seen - shown)[:5]}")
    twice = [name for name, n in listed.items() if n > 1]
    if twice:
        found.append(f"failed inputs listed twice: {twice[:5]}")
    if run.peak_rss_mb > MEMORY_LIMIT_MB:
        found.append(f"peak memory {run.peak_rss_mb:.0f} MB > {MEMORY_LIMIT_MB} MB")
    return found


def failure_reasons(run: FuzzRun) -> Counter:
    """How many mutants were refused for each reason (its words before any detail in brackets)."""
    return Counter(
        re.split(r"[（(:：]", r["error"] or "", maxsplit=1)[0] for r in run.reports if r["status"] != "ok"
    )
