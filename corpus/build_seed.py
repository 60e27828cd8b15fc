"""Write the seed report as .docx files: ``python -m corpus.build_seed [OUT_DIR]``."""

from __future__ import annotations

import sys
from pathlib import Path

from corpus import seed
from corpus.render_docx import SEPARATE_TABLES, UNIT_YUAN, Layout, write

CORPUS_DIR = Path(__file__).resolve().parent
VARIANTS_DIR = "variants"

SEED_FILES = {
    "huarong_2020_department.docx": seed.department_document,
    "huarong_2020_project.docx": seed.project_document,
    "huarong_2020_combined.docx": seed.combined_document,
}

VARIANTS = {
    "separate_tables.docx": Layout(tables=SEPARATE_TABLES),
    "wording.docx": Layout(wording=True),
    "yuan.docx": Layout(unit=UNIT_YUAN),
    "thousands.docx": Layout(thousands=True),
    "fullwidth.docx": Layout(fullwidth=True),
    "all_variants.docx": Layout(
        tables=SEPARATE_TABLES, wording=True, unit=UNIT_YUAN, thousands=True, fullwidth=True
    ),
}


def build(out_dir: Path = CORPUS_DIR) -> list[Path]:
    """Write the seed files and the layout variants of the combined report under `out_dir`."""
    written = [write(make(), out_dir / name) for name, make in SEED_FILES.items()]
    combined = seed.combined_document()
    written += [write(combined, out_dir / VARIANTS_DIR / name, layout) for name, layout in VARIANTS.items()]
    return written


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    for path in build(Path(args[0]) if args else CORPUS_DIR):
        print(path)


if __name__ == "__main__":
    main()
