"""Build step beside pyproject.toml: the readers' hot modules compiled by Cython.

Everything else about the package is in pyproject.toml. The modules named in
`jixiao_audit/compiled.py` are compiled from their own .py files (no second implementation) where
Cython and a C compiler are at hand; a machine without them, or a module Cython cannot
compile, installs as plain Python (the build says so and goes on). `JIXIAO_NO_COMPILE=1`
skips compiling. The build records what it compiled from in each folder's `compiled_from.json`.
"""

from __future__ import annotations

import json
import os
import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
COMPILED = runpy.run_path(str(HERE / "jixiao_audit" / "compiled.py"))
# Annotations are documentation here, not C types: the compiled module behaves as the source does.
CYTHON_DIRECTIVES = {"language_level": 3, "annotation_typing": False}


def _modules() -> list[tuple[str, str]]:
    return [(folder, name) for folder, names in COMPILED["COMPILED_MODULES"].items() for name in names]


def compiled_extensions() -> list:
    if os.environ.get("JIXIAO_NO_COMPILE") == "1":
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("jixiao-audit: Cython not installed, the readers run as plain Python")
        return []
    extensions = []
    for folder, name in _modules():
        source = f"{folder}/{name}.py"
        try:
            (extension,) = cythonize(
                [source], compiler_directives=CYTHON_DIRECTIVES, build_dir="build/cython", quiet=True
            )
        except Exception as exc:  # noqa: BLE001 - any Cython failure leaves that module as Python
            print(f"jixiao-audit: {source} not compiled ({exc}); it runs as plain Python")
            continue
        extension.name = f"jixiao_audit.{folder}.{name}"
        extension.optional = True  # no C compiler: the build goes on without it
        extensions.append(extension)
    return extensions


class BuildExtRecordingSources(build_ext):
    """build_ext that writes, beside the compiled modules, the digest of each one's source."""

    def finalize_options(self):
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self):
        super().run()
        built: dict[Path, dict[str, str]] = {}  # output folder → module → digest of its source
        for extension in self.extensions:
            target = Path(self.get_ext_fullpath(extension.name))
            if target.is_file():
                _, folder, name = extension.name.split(".")
                digest = COMPILED["source_digest"](HERE / folder / f"{name}.py")
                built.setdefault(target.parent, {})[name] = digest
        for output, digests in built.items():
            manifest = output / COMPILED["MANIFEST"]
            manifest.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": BuildExtRecordingSources})
