"""Shared fixtures. Keep it small; append new fixtures at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO / "corpus"


# ---------------------------------------------------------------- CLI / batch (bad inputs, corpus)


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    """Four unreadable inputs: truncated .docx, empty file, text renamed .docx, Word file that is no report."""
    import docx

    bad = tmp_path / "bad"
    bad.mkdir()
    not_report = bad / "会议纪要.docx"
    document = docx.Document()
    document.add_paragraph("关于召开年度工作会议的通知")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "时间"
    document.save(not_report)
    truncated = bad / "截断.docx"
    data = not_report.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    empty = bad / "空文件.docx"
    empty.write_bytes(b"")
    text = bad / "文本改名.docx"
    text.write_text("这不是 Word 文件，只是改了扩展名。\n", encoding="utf-8")
    return {"truncated": truncated, "empty": empty, "text": text, "not_report": not_report}


@pytest.fixture
def corpus_docx() -> list[Path]:
    """The Huarong 2020 corpus (.docx); fails loudly while it is missing."""
    files = sorted(CORPUS_DIR.glob("huarong_2020_*.docx"))
    assert files, f"corpus/huarong_2020_*.docx not found in {CORPUS_DIR}"
    return files
