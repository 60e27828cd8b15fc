"""Scanned copies of the seed PDFs: what a bureau gets when a report is printed, signed, stamped
and scanned. Each page is rendered at 200 dpi, a red seal is stamped over the densest block of
figures on one page, then the page is tilted, blurred, noised and JPEG-compressed into an
image-only PDF; one stamped page is also written as a .jpg (a phone or scanner image).

    python -m corpus.build_scans                          # corpus/pdf/huarong_2020_project.pdf → corpus/scans/
    python -m corpus.build_scans --out /tmp/x department  # any seed PDF, elsewhere (tests build their own)

The answer key is the Word file the PDF was printed from: a scan must normalise to the same model.
Deterministic (seeded), so a rebuild gives the same files.
"""

from __future__ import annotations

import argparse
import io
import math
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


def degrade(page: Image.Image, index: int, rng: np.random.Generator) -> Image.Image:
    """Tilt, blur, noise: a page through a scanner."""
    tilted = page.rotate(
        SKEW_DEGREES[index % len(SKEW_DEGREES)], resample=Image.BICUBIC, fillcolor=(255, 255, 255)
    )
    blurred = tilted.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    pixels = np.asarray(blurred, dtype=np.float32)
    noise = rng.normal(0, NOISE_SIGMA, pixels.shape[:2])[:, :, None]
    return Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))


def jpeg(page: Image.Image, colour: bool) -> Image.Image:
    """JPEG-compressed (a grey page unless it carries the seal: scanners save text pages grey)."""
    buf = io.BytesIO()
    (page if colour else page.convert("L")).save(buf, "JPEG", quality=JPEG_QUALITY, dpi=(DPI, DPI))
    buf.seek(0)
    return Image.open(buf)


def scan_pdf(pdf_path: Path, out_dir: Path, seed: int = 12) -> tuple[Path, Path]:
    """Write <stem>_scan.pdf (image-only) and <stem>_scan_p<N>.jpg (the stamped page)."""
    rng = np.random.default_rng(seed)
    seal_page, x, y = densest_figures(pdf_path)
    pages = []
    stamped_jpg = out_dir / f"{pdf_path.stem}_scan_p{seal_page + 1}.jpg"
    for i, page in enumerate(render_pages(pdf_path)):
        if i == seal_page:
            page = stamp(page, x, y)
        scanned = jpeg(degrade(page, i, rng), colour=i == seal_page)
        if i == seal_page:
            scanned.save(stamped_jpg, "JPEG", quality=JPEG_QUALITY, dpi=(DPI, DPI))
        pages.append(scanned)
    out_pdf = out_dir / f"{pdf_path.stem}_scan.pdf"
    pages[0].save(out_pdf, "PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return out_pdf, stamped_jpg


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SCAN_DIR)
    parser.add_argument("names", nargs="*", help="seed PDFs by stem or kind (department, project, combined)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    stems = [n if n.startswith("huarong_") else f"huarong_2020_{n}" for n in args.names] or list(COMMITTED)
    for stem in stems:
        for path in scan_pdf(CORPUS / "pdf" / f"{stem}.pdf", args.out):
            print(f"{path}  {path.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
