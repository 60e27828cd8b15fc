"""Print the corpus Word files to PDF (and one legacy .doc) with LibreOffice headless.

    python -m corpus.build_pdf            # corpus/*.docx, corpus/variants/*.docx → corpus/pdf/
    python -m corpus.build_pdf --check    # only report which outputs are missing or stale

Outputs: corpus/pdf/<name>.pdf for corpus/<name>.docx, corpus/pdf/variants/<name>.pdf for
corpus/variants/<name>.docx, and corpus/legacy/huarong_2020_combined.doc. The conversions run
in parallel, each with its own LibreOffice profile (see extract.legacy.convert_with_soffice).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jixiao_audit.extract.legacy import convert_with_soffice
from jixiao_audit.extract.raw import ExtractError

CORPUS = Path(__file__).resolve().parent
PDF_DIR = CORPUS / "pdf"
LEGACY_DIR = CORPUS / "legacy"
MANIFEST = PDF_DIR / "SOURCES.json"  # output → sha256 of the .docx it was printed from
LEGACY_SOURCES = ("huarong_2020_combined.docx",)
DOC_TARGET = "doc:MS Word 97"
MAX_PARALLEL = 4


def planned_outputs(corpus: Path = CORPUS) -> list[tuple[Path, Path, str]]:
    """(source .docx, output file, --convert-to target) for every output of the build."""
    plan = []
    for source in sorted(corpus.glob("*.docx")):
        plan.append((source, PDF_DIR / f"{source.stem}.pdf", "pdf"))
    for source in sorted((corpus / "variants").glob("*.docx")):
        plan.append((source, PDF_DIR / "variants" / f"{source.stem}.pdf", "pdf"))
    for name in LEGACY_SOURCES:
        source = corpus / name
        if source.is_file():
            plan.append((source, LEGACY_DIR / f"{source.stem}.doc", DOC_TARGET))
    return plan


def convert_one(source: Path, output: Path, target: str) -> Path:
    """Convert one file in a private temp dir and move the result into place."""
    with tempfile.TemporaryDirectory(prefix="jixiao-build-") as tmp:
        workdir = Path(tmp)
        staged = workdir / source.name
        shutil.copyfile(source, staged)
        produced = convert_with_soffice(staged, workdir, target)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), output)
    return output


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest() -> dict[str, str]:
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_manifest(manifest: dict[str, str]) -> None:
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    MANIFEST.write_text(
        json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def key(output: Path) -> str:
    return output.relative_to(CORPUS).as_posix()


def is_stale(source: Path, output: Path, manifest: dict[str, str]) -> bool:
    """Missing, or printed from a .docx whose bytes have changed since (mtimes do not survive git)."""
    return not output.is_file() or manifest.get(key(output)) != sha256(source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list missing or stale outputs, convert nothing")
    parser.add_argument("--force", action="store_true", help="convert even when the output is up to date")
    args = parser.parse_args(argv)
    plan = planned_outputs()
    if not plan:
        print("no corpus .docx files found", file=sys.stderr)
        return 1
    manifest = load_manifest()
    todo = [item for item in plan if args.force or is_stale(item[0], item[1], manifest)]
    if args.check:
        for source, output, _ in todo:
            print(f"stale: {output.relative_to(CORPUS)} (from {source.relative_to(CORPUS)})")
        return 1 if todo else 0
    failures = 0
    with ThreadPoolExecutor(max_workers=MAX_PARALLEL) as pool:
        futures = {pool.submit(convert_one, *item): item for item in todo}
        for future, (source, output, _) in futures.items():
            try:
                future.result()
                manifest[key(output)] = sha256(source)
                print(f"{source.relative_to(CORPUS)} → {output.relative_to(CORPUS)}")
            except ExtractError as exc:
                failures += 1
                print(f"FAILED {source.relative_to(CORPUS)}: {exc.reason}", file=sys.stderr)
    save_manifest(manifest)
    print(f"{len(todo) - failures} converted, {len(plan) - len(todo)} up to date, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
