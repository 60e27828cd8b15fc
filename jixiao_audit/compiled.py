"""The readers' hot modules, compiled by Cython at install, and when their source runs instead.

The modules stay plain Python: one implementation. Where Cython and a C compiler are at hand,
`setup.py` compiles these same files into extension modules (`pdf_text.cpython-311-….so` beside
`extract/pdf_text.py`), which Python imports in their place: the per-glyph and per-line loops
run without the interpreter's dispatch (≈ 10–15 % less CPU a PDF page, ≈ 20 % a Word report).
Without a compiler the package installs and runs as plain Python.

A compiled module must never run code that is no longer its source: the build records each
source's SHA-256 in its folder's `compiled_from.json`, and `use_fresh_sources` (run by the
folder's `__init__`) sends the import of any module whose source has changed since, or of
every one when `JIXIAO_PURE_PYTHON=1`, to its `.py` file. Standard library only: `setup.py`
reads this file before the package is installed.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

# Compiled, by folder: the pdfium page step and the page step both PDF engines share (chars →
# lines → cells); the Word reader's scan of document.xml; the normaliser's line and section passes.
COMPILED_MODULES = {
    "extract": ("pdf_text", "pdf_tables", "pdf_reader", "pdfium_reader", "docx_scan", "docx_flat"),
    "normalize": ("text", "lines", "sections", "reports"),
}
MANIFEST = "compiled_from.json"  # module name → SHA-256 of the source it was compiled from
PURE_PYTHON_ENV = "JIXIAO_PURE_PYTHON"  # "1": run every module from its source


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sources_to_run(folder: Path, pure: bool) -> dict[str, Path]:
    """Modules of `folder` compiled at install whose `.py` must run instead: all of them when
    `pure`, otherwise those whose source no longer has the digest they were compiled from."""
    try:
        built = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # nothing compiled here
    sources = {}
    for name, digest in built.items():
        source = folder / f"{name}.py"
        if source.is_file() and (pure or source_digest(source) != digest):
            sources[name] = source
    return sources


class _SourceFinder:
    """A meta path finder that answers only for the named modules, with their source files."""

    def __init__(self, sources: dict[str, Path]):
        self.sources = sources

    def find_spec(self, fullname, path=None, target=None):
        source = self.sources.get(fullname)
        return None if source is None else importlib.util.spec_from_file_location(fullname, source)


def use_fresh_sources(package: str, folder: Path) -> None:
    """Make `package`'s stale (or, under JIXIAO_PURE_PYTHON=1, all) compiled modules import from source."""
    stale = sources_to_run(folder, os.environ.get(PURE_PYTHON_ENV) == "1")
    if stale:
        sys.meta_path.insert(0, _SourceFinder({f"{package}.{n}": p for n, p in stale.items()}))


def compiled_in_use(package: str) -> list[str]:
    """The modules of `package` imported so far that run compiled (benchmarks report it)."""
    prefix = f"{package}."
    return sorted(
        name.removeprefix(prefix)
        for name, module in list(sys.modules.items())
        if name.startswith(prefix)
        and str(getattr(module, "__file__", "")).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    )
