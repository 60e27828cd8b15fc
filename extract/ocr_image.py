"""Scanned page images → clean, upright grey images: seal masking, deskew, binarisation.

Pure functions over numpy arrays (OpenCV). A page image is BGR uint8 as OpenCV reads it.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

# --- tunables ---------------------------------------------------------------------------------
RENDER_DPI = 200  # scanned PDF pages are rendered at this resolution (the models' sweet spot)
A4_WIDTH_IN = 8.27  # an image without a believable resolution is taken to be a page this wide
MIN_PAGE_WIDTH_IN, MAX_PAGE_WIDTH_IN = 5.0, 12.0  # page widths a stated resolution may imply
DPI_SLACK = 0.15  # images within this share of RENDER_DPI are not resampled
SEAL_HUE_LOW = 12  # OpenCV hue (0–180): red is ≤ this …
SEAL_HUE_HIGH = 165  # … or ≥ this
SEAL_MIN_SATURATION = 40  # pale paper and black ink are unsaturated; a red stamp is not (60 misses the
# stamp's edges, whose colour JPEG's chroma subsampling washes out)
SEAL_RULE_RED = 160  # a stamp pixel's red channel is above this; ink under the stamp stays below
SEAL_MIN_PIXELS = 500  # fewer red pixels than this: a red tick or a signature, not a stamp
SEAL_LEVEL_MARGIN = 0.9  # red pixels at least this fraction of the stamp's median brightness turn white
SKEW_MAX_DEGREES = 3.0  # a scan tilted more than this is not straightened (searched range)
SKEW_COARSE_STEP = 0.25
SKEW_FINE_STEP = 0.05
SKEW_WORK_WIDTH = 600  # the skew search runs on a copy scaled to this width
BINARY_BLOCK = 31  # adaptive threshold window (px at 200 dpi)
BINARY_OFFSET = 15  # a pixel this much darker than its surroundings is ink …
INK_MAX_GREY = 170  # … and at most this light


def load_image(path: Path) -> tuple[list[np.ndarray], float]:
    """An image file's pages (a multi-page TIFF has several) as BGR arrays at RENDER_DPI, and
    that dpi. Phones and scanners often state a meaningless resolution (72 dpi for a 3000 px
    photo): a stated dpi that makes the page narrower or wider than a plausible paper width is
    replaced by the page's width over an A4 width. Pages are resampled to RENDER_DPI, where the
    pixel tunables of the grid and line finders hold and the recogniser reads best."""
    from PIL import Image, ImageSequence

    with Image.open(path) as im:
        stated = im.info.get("dpi", (0,))[0] or 0
        pages = [np.array(frame.convert("RGB"))[:, :, ::-1].copy() for frame in ImageSequence.Iterator(im)]
    return [at_render_dpi(page, page_dpi(page.shape[1], float(stated))) for page in pages], float(RENDER_DPI)


def page_dpi(width_px: int, stated: float) -> float:
    """The stated resolution if the page width it implies is plausible, else width / A4 width."""
    if stated > 0 and MIN_PAGE_WIDTH_IN <= width_px / stated <= MAX_PAGE_WIDTH_IN:
        return stated
    return width_px / A4_WIDTH_IN


def at_render_dpi(image: np.ndarray, dpi: float) -> np.ndarray:
    """The image resampled from `dpi` to RENDER_DPI (left alone when within DPI_SLACK)."""
    factor = RENDER_DPI / dpi
    if abs(factor - 1) <= DPI_SLACK:
        return image
    h, w = image.shape[:2]
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(
        image, (max(1, round(w * factor)), max(1, round(h * factor))), interpolation=interpolation
    )


def render_pdf_page(pdf, index: int, dpi: float = RENDER_DPI) -> np.ndarray:
    """One page of an open pypdfium2 document as a BGR array at `dpi`."""
    bitmap = pdf[index].render(scale=dpi / 72)
    rgb = np.asarray(bitmap.to_pil().convert("RGB"))
    return rgb[:, :, ::-1].copy()


def red_pixels(bgr: np.ndarray) -> np.ndarray:
    """Pixels of a red stamp's colour (OpenCV hue near 0/180, saturated)."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat = hsv[:, :, 0], hsv[:, :, 1]
    return ((hue <= SEAL_HUE_LOW) | (hue >= SEAL_HUE_HIGH)) & (sat >= SEAL_MIN_SATURATION)


def rule_grey(bgr: np.ndarray, red: np.ndarray | None = None) -> np.ndarray:
    """Grey image for finding rules: only the stamp's own bright-red pixels are blanked. A rule
    under the stamp keeps a low red value even where JPEG smeared the stamp's colour onto it,
    so it stays whole; the thick ring, whose flat stretches would pass for rules, goes.
    `red`: the page's `red_pixels`, when the caller has them already."""
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    grey[(red_pixels(bgr) if red is None else red) & (bgr[:, :, 2] >= SEAL_RULE_RED)] = 255
    return grey


def mask_red_seal(bgr: np.ndarray, red: np.ndarray | None = None) -> np.ndarray:
    """Grey image in which a red stamp fades to paper white while ink under it stays dark.

    Red pixels are rescaled so that the stamp's own brightness (the median of the red pixels)
    becomes white: ink and rules under the stamp are darker than the stamp, so they survive.
    Blanking every red pixel would also erase them, and the red channel cannot be trusted at
    that detail: JPEG keeps colour at half resolution, so a thin black rule under a stamp
    comes back with a high red value; brightness (luma) is kept at full resolution.
    """
    red = red_pixels(bgr) if red is None else red
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    if np.count_nonzero(red) < SEAL_MIN_PIXELS:
        return grey
    luma = grey[red].astype(np.float32)
    stamp_level = max(float(np.median(luma)) * SEAL_LEVEL_MARGIN, 1.0)
    grey[red] = np.clip(luma * 255.0 / stamp_level, 0, 255).astype(np.uint8)
    return grey


def binarize(grey: np.ndarray) -> np.ndarray:
    """Ink = 255, paper = 0: darker than its surroundings (adaptive: survives uneven scanner
    lighting) and dark in itself (the faint ghost a masked seal leaves is not ink)."""
    local = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, BINARY_BLOCK, BINARY_OFFSET
    )
    return np.where(grey <= INK_MAX_GREY, local, 0).astype(np.uint8)


def _profile_score(ink: np.ndarray, angle: float) -> float:
    """How sharply the rows separate into ink and paper when rotated by `angle` (rules and text
    lines line up with pixel rows only when upright)."""
    h, w = ink.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(binary: np.ndarray) -> float:
    """The rotation (degrees, OpenCV sign) that makes the page upright: projection-profile search,
    coarse then fine, on a downscaled copy."""
    h, w = binary.shape
    scale = min(1.0, SKEW_WORK_WIDTH / w)
    small = cv2.resize(binary, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    coarse = np.arange(-SKEW_MAX_DEGREES, SKEW_MAX_DEGREES + 1e-9, SKEW_COARSE_STEP)
    best = max(coarse, key=lambda a: _profile_score(small, a))
    fine = np.arange(best - SKEW_COARSE_STEP, best + SKEW_COARSE_STEP + 1e-9, SKEW_FINE_STEP)
    return float(max(fine, key=lambda a: _profile_score(small, a)))


def rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    """Rotate about the centre, same size, new corners filled with paper white."""
    if abs(angle) < SKEW_FINE_STEP / 2:
        return grey
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def upright_page(bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A page image → (upright grey image with the seal faded, its text ink, its rule ink).

    Rules are looked for in the page with only the stamp's bright-red pixels blanked
    (`rule_grey`): fading the whole stamp by brightness can break a rule where JPEG blurred
    both together. Text is read with the stamp faded, so its strokes do not join the glyphs.
    """
    red = red_pixels(bgr)  # the HSV conversion is the costliest step here: once per page
    plain = rule_grey(bgr, red)
    grey = mask_red_seal(bgr, red)
    angle = estimate_skew(binarize(grey))
    grey, plain = rotate(grey, angle), rotate(plain, angle)
    return grey, binarize(grey), binarize(plain)
