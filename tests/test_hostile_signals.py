"""Issue 14, signals and children: SIGTERM or Ctrl-C stops the workers and every LibreOffice
(soffice.bin, not only its launcher) at once, removes temporary files, leaves the previous
output whole, and exits 143 or 130; a conversion timeout kills LibreOffice's whole group."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jixiao_audit.extract.legacy import convert_with_soffice
from jixiao_audit.extract.raw import ExtractError

from tests.hostile_files import REPO

DOC = REPO / "corpus" / "legacy" / "huarong_2020_combined.doc"
START_SECONDS = 60  # until LibreOffice is running
STOP_SECONDS = 15  # from the signal to the exit, workers and LibreOffice gone

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.slow,
]


def processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that contain `text` (a private temp directory)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(cmdline)
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize(
    "signum, workers",
    [(signal.SIGTERM, "2"), (signal.SIGINT, "2"), (signal.SIGTERM, "1")],
    ids=["sigterm-workers", "sigint-workers", "sigterm-in-process"],
)
def test_a_signal_stops_workers_and_libreoffice_and_keeps_the_previous_output(tmp_path, signum, workers):
    inputs, private_tmp = tmp_path / "in", tmp_path / "tmp"
    inputs.mkdir()
    private_tmp.mkdir()
    for i in range(4):
        shutil.copy(DOC, inputs / f"d{i}.doc")
    (tmp_path / "out.json").write_text('{"previous": true}\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(private_tmp)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jixiao_audit.cli",
            "in",
            "-o",
            "out.xlsx",
            "--json",
            "out.json",
            "--workers",
            workers,
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert wait_for(
            lambda: any("soffice.bin" in c for c in processes_mentioning(str(private_tmp))), START_SECONDS
        )
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=STOP_SECONDS)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signum, err.decode()
    assert b"Traceback" not in err
    assert wait_for(lambda: not processes_mentioning(str(private_tmp)), STOP_SECONDS)
    assert list(private_tmp.iterdir()) == []
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == '{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.json", "tmp"]


def test_a_conversion_timeout_kills_the_whole_libreoffice_group(tmp_path):
    workdir = tmp_path / "work"
    with pytest.raises(ExtractError, match="超时"):
        convert_with_soffice(DOC, workdir, "docx", timeout=0.5)
    assert wait_for(lambda: not processes_mentioning(str(workdir)), STOP_SECONDS)
