"""The readers' modules compiled by Cython (setup.py) read exactly as their source does, and a
compiled module whose source has changed never runs (jixiao_audit/compiled.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jixiao_audit.compiled import (
    COMPILED_MODULES,
    MANIFEST,
    PURE_PYTHON_ENV,
    source_digest,
    sources_to_run,
)

REPO = Path(__file__).resolve().parent.parent

# Prints every committed PDF as the pdfium reader sees it, and every committed Word file's
# reports as normalised, then which modules ran compiled.
READ_CORPUS = """
import json
from pathlib import Path
from jixiao_audit.compiled import compiled_in_use
from jixiao_audit.extract.pdf_reader import PDFIUM, read_pdf
from jixiao_audit.pipeline import load_file
from tests.test_pdf_pdfium import PDFS, flat
for pdf in PDFS:
    print(pdf.name, repr(flat(read_pdf(pdf, engine=PDFIUM))))
for docx in sorted(Path("corpus").rglob("*.docx")):
    print(docx, [report.values() for report in load_file(docx).reports])
print(json.dumps(sorted(compiled_in_use("jixiao_audit.extract") + compiled_in_use("jixiao_audit.normalize"))))
"""


def _fresh_compiled() -> list[str]:
    """The modules the last build compiled whose source has not changed since (those run compiled)."""
    return sorted(
        name
        for folder, names in _manifests().items()
        for name in names
        if name not in sources_to_run(REPO / folder, pure=False)
    )


def _run(code: str, cwd: Path, pure: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if k != PURE_PYTHON_ENV}
    if pure:
        env[PURE_PYTHON_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _manifests() -> dict[str, list[str]]:
    """Folder → the modules its last build compiled; skips when nothing was compiled."""
    found = {
        folder: sorted(json.loads((REPO / folder / MANIFEST).read_text(encoding="utf-8")))
        for folder in COMPILED_MODULES
        if (REPO / folder / MANIFEST).is_file()
    }
    if not found:
        pytest.skip("installed without compiling (no Cython or no C compiler): nothing to compare")
    return found


def test_the_build_compiled_every_hot_module():
    """A module Cython cannot compile is left as Python by setup.py: say so here, not only in a log."""
    assert _manifests() == {folder: sorted(names) for folder, names in COMPILED_MODULES.items()}, (
        "the list changed since the last build, or Cython failed on a module: reinstall (README) and read its output"
    )


@pytest.mark.slow
def test_compiled_modules_read_the_committed_corpus_as_their_source():
    expected = _fresh_compiled()
    compiled = _run(READ_CORPUS, REPO).splitlines()
    source = _run(READ_CORPUS, REPO, pure=True).splitlines()
    assert json.loads(compiled[-1]) == expected
    assert json.loads(source[-1]) == []
    assert len(compiled) > 2
    assert compiled[:-1] == source[:-1]


def test_sources_to_run_are_the_changed_ones(tmp_path):
    for name in ("kept", "edited"):
        (tmp_path / f"{name}.py").write_text("X = 1\n")
    manifest = {"kept": source_digest(tmp_path / "kept.py"), "edited": source_digest(tmp_path / "edited.py")}
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    (tmp_path / "edited.py").write_text("X = 2\n")
    assert sources_to_run(tmp_path, pure=False) == {"edited": tmp_path / "edited.py"}
    assert set(sources_to_run(tmp_path, pure=True)) == {"kept", "edited"}
    assert sources_to_run(tmp_path / "nothing_compiled", pure=True) == {}


@pytest.mark.slow
def test_a_compiled_module_whose_source_changed_is_not_run(tmp_path):
    """A real Cython build of a small package: its module imports compiled until the source is
    edited, then from source; JIXIAO_PURE_PYTHON=1 always from source."""
    pytest.importorskip("Cython")
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from pathlib import Path\n"
        "from jixiao_audit.compiled import use_fresh_sources\n"
        "use_fresh_sources(__name__, Path(__file__).parent)\n"
    )
    (package / "mod.py").write_text("ANSWER = 42\n")
    build = textwrap.dedent(
        """
        from setuptools import setup
        from Cython.Build import cythonize
        setup(ext_modules=cythonize(["pkg/mod.py"], quiet=True), script_args=["-q", "build_ext", "--inplace"])
        """
    )
    _run(build, tmp_path)
    (package / MANIFEST).write_text(json.dumps({"mod": source_digest(package / "mod.py")}))
    show = "import pkg.mod as m; print(m.ANSWER, m.__file__.endswith('.py'))"
    assert _run(show, tmp_path).split() == ["42", "False"]  # compiled
    assert _run(show, tmp_path, pure=True).split() == ["42", "True"]
    (package / "mod.py").write_text("ANSWER = 43\n")
    assert _run(show, tmp_path).split() == ["43", "True"]  # the edit runs, not the stale build
