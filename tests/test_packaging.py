"""The wheel installs one namespace, `jixiao_audit`, and a checkout resolves the same modules."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DESIGN_CARD_FOLDERS = ("extract", "normalize", "audit")


@pytest.mark.slow
def test_wheel_holds_only_the_jixiao_audit_namespace(tmp_path):
    # Without compiling (setup.py): the layout is the same, and CI's install already compiles.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        env={**os.environ, "JIXIAO_NO_COMPILE": "1"},
    )
    (wheel,) = tmp_path.glob("jixiao_audit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"jixiao_audit"}
    for folder in DESIGN_CARD_FOLDERS:
        assert f"jixiao_audit/{folder}/__init__.py" in names
    assert "jixiao_audit/audit/rubrics/hunan_2020_project.json" in names
    assert "jixiao_audit/normalize/families/table_form.py" in names  # the form-family readers ship
    assert not any(n.startswith("jixiao_audit/corpus") or "/tests/" in n for n in names)


def test_checkout_folders_are_the_namespace_subpackages():
    import importlib

    for folder in DESIGN_CARD_FOLDERS:
        module = importlib.import_module(f"jixiao_audit.{folder}")
        assert Path(module.__file__).resolve() == REPO / folder / "__init__.py"


def test_no_generic_top_level_package_is_importable_from_site_packages():
    code = "import importlib.util, sys; print([n for n in ('extract','normalize','audit') if importlib.util.find_spec(n)])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True)
    assert out.stdout.strip() == "[]"
