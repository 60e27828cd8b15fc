"""Render an audit workbook to PNG pages with LibreOffice, to eyeball the layout (not a test).

    python tools/render_workbook.py audit-report.xlsx [-o OUTDIR] [--dpi 80]

Needs `soffice` (LibreOffice) and `pdftoppm` (poppler-utils). Every sheet is printed (landscape,
one page wide), so the PNGs show what a reviewer sees on screen, roughly.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_DPI = 80
TIMEOUT = 180


def render(workbook: Path, outdir: Path, dpi: int = DEFAULT_DPI) -> list[Path]:
    """xlsx → pdf (soffice) → page-N.png (pdftoppm); returns the PNGs."""
    for tool in ("soffice", "pdftoppm"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} not found")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(workbook),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT,
        )
    pdf = outdir / (workbook.stem + ".pdf")
    prefix = outdir / workbook.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True, timeout=TIMEOUT)
    return sorted(outdir.glob(f"{workbook.stem}*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("-o", "--outdir", type=Path, default=Path("out/render"))
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    args = parser.parse_args(argv)
    for png in render(args.workbook, args.outdir, args.dpi):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
