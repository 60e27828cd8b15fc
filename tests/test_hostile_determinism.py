"""Issue 14, determinism: identical inputs give byte-identical JSON, CSV and workbook, whatever
the number of workers and however long apart the runs are."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from tests.hostile_files import run_cli

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
OUTPUTS = ("out.xlsx", "out.json", "csv/问题清单.csv", "csv/报告汇总.csv")


def test_identical_inputs_give_byte_identical_outputs(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("huarong_2020_department.docx", "huarong_2020_project.docx"):
        shutil.copy(CORPUS / name, inputs / name)
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04 cut short")
    runs = []
    for i, workers in enumerate(("1", "2")):
        out = tmp_path / f"run{i}"
        out.mkdir()
        done = run_cli(
            str(inputs), "-o", "out.xlsx", "--json", "out.json", "--csv", "csv", "--workers", workers, cwd=out
        )
        assert done.returncode == 1, done.stderr.decode()
        runs.append({name: (out / name).read_bytes() for name in OUTPUTS})
        time.sleep(1.1)  # a workbook stamped with the clock would now differ
    assert runs[0] == runs[1]
