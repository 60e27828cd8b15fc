"""Scanned copies of the seed PDFs and of the labelled corpus: what a bureau gets when a report is
printed, signed, stamped and scanned. Each page is rendered at 200 dpi, a red seal is stamped over
the densest block of figures on one page, then the page is tilted, blurred, noised and
JPEG-compressed into an image-only PDF; one stamped page is also written as a .jpg (a phone or
scanner image).

    python -m corpus.build_scans                          # corpus/pdf/huarong_2020_project.pdf → corpus/scans/
    python -m corpus.build_scans --out /tmp/x department  # any seed PDF, elsewhere (tests build their own)
    python -m corpus.build_scans --generated              # corpus/generated subset → corpus/scans/generated/

The answer key is the Word file the PDF was printed from: a scan must normalise to the same model.
For the labelled corpus, `corpus/scans/generated/manifest.json` names each scan's Word original,
whose entry in `corpus/generated/answer_key.json` is the scan's answer key (`audit eval --scans`).
Deterministic (seeded), so a rebuild gives the same files.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

CORPUS = Path(__file__).resolve().parent
SCAN_DIR = CORPUS / "scans"
COMMITTED = ("huarong_2020_project",)  # committed under corpus/scans (size); any seed PDF can be scanned
DPI = 200
SKEW_DEGREES = (0.7, -0.5, 0.4)  # page i is tilted by SKEW_DEGREES[i % 3]
BLUR_RADIUS = 0.8
NOISE_SIGMA = 4.0  # grey levels of Gaussian scanner noise
JPEG_QUALITY = 35  # a low-quality office scan (and ~200 KB a page, so the committed scans stay small)
SEAL_RADIUS_MM = 21  # an official round seal is 42 mm across
SEAL_RGB = (215, 35, 40)
SEAL_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SEAL_TEXT = "华容县住房和城乡建设局"
FIXED_DATE = time.gmtime(0)  # the PDFs' creation date: a rebuild gives the same bytes


def render_pages(pdf_path: Path, dpi: int = DPI) -> list[Image.Image]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def densest_figures(pdf_path: Path) -> tuple[int, float, float]:
    """(0-based page, x, y in points) of the centre of the digits on the page that has most."""
    import pdfplumber

    best = (0, 0.0, 0.0, -1)
    with pdfplumber.open(pdf_path) as pdf:
        for i, page in enumerate(pdf.pages):
            digits = [c for c in page.chars if c["text"].isdigit()]
            if len(digits) > best[3]:
                xs = sorted((c["x0"] + c["x1"]) / 2 for c in digits)
                ys = sorted((c["top"] + c["bottom"]) / 2 for c in digits)
                best = (i, xs[len(xs) // 2], ys[len(ys) // 2], len(digits))
    return best[0], best[1], best[2]


def seal_layer(size: int) -> Image.Image:
    """A round red seal (ring, star, unit name around the top) as an RGBA image `size` px wide."""
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    c, r = size / 2, size / 2 - 4
    ring = max(4, size // 30)
    draw.ellipse((c - r, c - r, c + r, c + r), outline=SEAL_RGB + (235,), width=ring)
    star_r = r * 0.28
    points = [
        (
            c + (star_r if k % 2 == 0 else star_r * 0.4) * math.sin(k * math.pi / 5),
            c - (star_r if k % 2 == 0 else star_r * 0.4) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(points, fill=SEAL_RGB + (235,))
    if Path(SEAL_FONT).is_file():
        font = ImageFont.truetype(SEAL_FONT, int(size * 0.11))
        n = len(SEAL_TEXT)
        for k, ch in enumerate(SEAL_TEXT):
            angle = math.radians(-120 + 240 * k / (n - 1))
            x, y = c + r * 0.75 * math.sin(angle), c - r * 0.75 * math.cos(angle)
            glyph = Image.new("RGBA", (int(size * 0.14),) * 2, (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text((0, 0), ch, font=font, fill=SEAL_RGB + (235,))
            glyph = glyph.rotate(-math.degrees(angle), expand=True)
            layer.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))
    return layer


def stamp(page: Image.Image, x_pt: float, y_pt: float, dpi: int = DPI) -> Image.Image:
    """Multiply a seal onto the page at (x, y) points: ink under it stays dark, as on paper."""
    size = int(2 * SEAL_RADIUS_MM / 25.4 * dpi)
    seal = seal_layer(size)
    tint = Image.new("RGB", page.size, (255, 255, 255))
    tint.paste(seal, (int(x_pt * dpi / 72 - size / 2), int(y_pt * dpi / 72 - size / 2)), seal)
    out = np.asarray(page, dtype=np.float32) * np.asarray(tint, dtype=np.float32) / 255
    return Image.fromarray(out.astype(np.uint8))


@dataclass(frozen=True)
class ScanStyle:
    """How one report goes through the scanner: tilt per page (cycled), blur, noise, JPEG quality,
    whether a seal is stamped over its densest table, and the file it becomes."""

    skew: tuple[float, ...] = SKEW_DEGREES
    blur: float = BLUR_RADIUS
    noise: float = NOISE_SIGMA
    quality: int = JPEG_QUALITY
    seal: bool = True
    output: str = "pdf"  # "pdf" (image-only PDF), "jpg" (one page), "tif" (one frame per page)


def degrade(
    page: Image.Image, index: int, rng: np.random.Generator, style: ScanStyle = ScanStyle()
) -> Image.Image:
    """Tilt, blur, noise: a page through a scanner."""
    tilted = page.rotate(
        style.skew[index % len(style.skew)], resample=Image.BICUBIC, fillcolor=(255, 255, 255)
    )
    blurred = tilted.filter(ImageFilter.GaussianBlur(style.blur))
    pixels = np.asarray(blurred, dtype=np.float32)
    noise = rng.normal(0, style.noise, pixels.shape[:2])[:, :, None]
    return Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))


def jpeg(page: Image.Image, colour: bool, quality: int = JPEG_QUALITY) -> Image.Image:
    """JPEG-compressed (a grey page unless it carries the seal: scanners save text pages grey)."""
    buf = io.BytesIO()
    (page if colour else page.convert("L")).save(buf, "JPEG", quality=quality, dpi=(DPI, DPI))
    buf.seek(0)
    return Image.open(buf)


def scanned_pages(pdf_path: Path, seed: int, style: ScanStyle = ScanStyle()) -> tuple[list[Image.Image], int]:
    """Every page of `pdf_path` through the scanner, and the 0-based page the seal is on (-1: none)."""
    rng = np.random.default_rng(seed)
    seal_page, x, y = densest_figures(pdf_path) if style.seal else (-1, 0.0, 0.0)
    pages = []
    for i, page in enumerate(render_pages(pdf_path)):
        if i == seal_page:
            page = stamp(page, x, y)
        pages.append(jpeg(degrade(page, i, rng, style), colour=i == seal_page, quality=style.quality))
    return pages, seal_page


def scan_pdf(pdf_path: Path, out_dir: Path, seed: int = 12) -> tuple[Path, Path]:
    """Write <stem>_scan.pdf (image-only) and <stem>_scan_p<N>.jpg (the stamped page)."""
    pages, seal_page = scanned_pages(pdf_path, seed)
    stamped_jpg = out_dir / f"{pdf_path.stem}_scan_p{seal_page + 1}.jpg"
    pages[seal_page].save(stamped_jpg, "JPEG", quality=JPEG_QUALITY, dpi=(DPI, DPI))
    out_pdf = out_dir / f"{pdf_path.stem}_scan.pdf"
    save_pdf(pages, out_pdf)
    return out_pdf, stamped_jpg


def save_pdf(pages: list[Image.Image], out: Path) -> None:
    """An image-only PDF, one JPEG page each (Pillow embeds the JPEG data as it is)."""
    pages[0].save(
        out, "PDF", save_all=True, append_images=pages[1:], resolution=DPI,
        creationDate=FIXED_DATE, modDate=FIXED_DATE,
    )  # fmt: skip


def save_scan(pages: list[Image.Image], out: Path, style: ScanStyle) -> None:
    """The scanned pages as the style's file: an image-only PDF, a .jpg (one page), a multi-frame .tif."""
    if style.output == "pdf":
        save_pdf(pages, out)
    elif style.output == "jpg":
        if len(pages) != 1:
            raise ValueError(f"{out.name}: a .jpg holds one page, not {len(pages)}")
        pages[0].save(out, "JPEG", quality=style.quality, dpi=(DPI, DPI))
    elif style.output == "tif":
        pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], compression="jpeg",
                      quality=style.quality, dpi=(DPI, DPI))  # fmt: skip
    else:
        raise ValueError(f"unknown scan output {style.output!r}")


# --- scanned copies of the labelled corpus ----------------------------------------------------------

GENERATED = CORPUS / "generated"
GENERATED_SCANS = SCAN_DIR / "generated"
MANIFEST = "manifest.json"  # scan file → its Word original in the labelled corpus
GENERATED_SEED = 20251  # the labelled corpus's own seed; each scan adds its index
# One report per form family, most with a planted mistake, each scanned differently: a clean tilt,
# a strong tilt with blur, heavy noise, poor JPEG, a seal over the table, page images. Chosen for
# few pages (OCR costs seconds a page), never for how well they read.
GENERATED_PLAN: tuple[tuple[str, ScanStyle], ...] = (
    ("f04-2021_national.docx", ScanStyle(skew=(0.6,), seal=True, quality=40)),
    ("f00-2021_national.docx", ScanStyle(skew=(-0.8,), blur=1.0, seal=False, output="jpg")),
    ("f05-2021_yunnan.docx", ScanStyle(skew=(-0.4,), noise=7.0, seal=True, quality=35)),
    ("f06-2021_sichuan.docx", ScanStyle(skew=(1.0, -0.3), blur=0.6, seal=False, quality=45)),
    ("f02-2021_sichuan.docx", ScanStyle(skew=(0.3, 0.5), seal=True, quality=40, output="tif")),
    ("f13-2021_hunan_basic.docx", ScanStyle(skew=(-0.6,), blur=1.1, seal=True, quality=30)),
    ("d01-2020-p2_project.docx", ScanStyle(skew=(0.5, -0.4, 0.2), seal=True, quality=35)),
    ("d07-2021_department.docx", ScanStyle(skew=(-0.7, 0.4, 0.6), noise=5.0, seal=True, quality=35)),
)


def scan_name(original: str, style: ScanStyle) -> str:
    return f"{Path(original).stem}_scan.{style.output}"


def print_pdf(docx: Path, workdir: Path) -> Path:
    """The Word file printed to PDF by LibreOffice (with its conversion timeout)."""
    from jixiao_audit.extract.legacy import convert_with_soffice

    staged = workdir / docx.name
    shutil.copyfile(docx, staged)
    return convert_with_soffice(staged, workdir, "pdf")


def build_one(index: int, out_dir: Path, corpus: Path = GENERATED) -> dict:
    """Scan the plan's entry `index` (seeded by its index) into `out_dir`; its manifest entry."""
    original, style = GENERATED_PLAN[index]
    scan = out_dir / scan_name(original, style)
    with tempfile.TemporaryDirectory(prefix="jixiao-scan-") as tmp:
        pages, _ = scanned_pages(print_pdf(corpus / original, Path(tmp)), GENERATED_SEED + index, style)
    save_scan(pages, scan, style)
    print(f"{scan}  {len(pages)} pages  {scan.stat().st_size / 1024:.0f} KB")
    return {"scan": scan.name, "original": original, "pages": len(pages), "style": asdict(style)}


def build_generated(out_dir: Path = GENERATED_SCANS, corpus: Path = GENERATED) -> Path:
    """Scan the plan's Word files into `out_dir` and write the manifest
    (scan → original, with how it was scanned; the answer key stays the original's)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = [build_one(index, out_dir, corpus) for index in range(len(GENERATED_PLAN))]
    manifest = {"scans": entries}
    path = out_dir / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SCAN_DIR)
    parser.add_argument("names", nargs="*", help="seed PDFs by stem or kind (department, project, combined)")
    parser.add_argument(
        "--generated",
        action="store_true",
        help="scan the labelled corpus's subset (GENERATED_PLAN) into corpus/scans/generated",
    )
    args = parser.parse_args(argv)
    if args.generated:
        build_generated(args.out if args.out != SCAN_DIR else GENERATED_SCANS)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    stems = [n if n.startswith("huarong_") else f"huarong_2020_{n}" for n in args.names] or list(COMMITTED)
    for stem in stems:
        for path in scan_pdf(CORPUS / "pdf" / f"{stem}.pdf", args.out):
            print(f"{path}  {path.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
