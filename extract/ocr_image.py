"""Scanned page images → clean, upright grey images: seal masking, deskew, binarisation.

Pure functions over numpy arrays (OpenCV). A page image is BGR uint8 as OpenCV reads it.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

# --- tunables ---------------------------------------------------------------------------------
RENDER_DPI = 200  # scanned PDF pages are rendered at this resolution (the models' sweet spot)
DEFAULT_IMAGE_DPI = 200  # an image that does not say its resolution is taken to be this
SEAL_HUE_LOW = 12  # OpenCV hue (0–180): red is ≤ this …
SEAL_HUE_HIGH = 165  # … or ≥ this
SEAL_MIN_SATURATION = 60  # pale paper and black ink are unsaturated; a red stamp is not
SEAL_MIN_VALUE = 70  # very dark pixels are ink under the stamp: keep them
SKEW_MAX_DEGREES = 3.0  # a scan tilted more than this is not straightened (searched range)
SKEW_COARSE_STEP = 0.25
SKEW_FINE_STEP = 0.05
SKEW_WORK_WIDTH = 600  # the skew search runs on a copy scaled to this width
BINARY_BLOCK = 31  # adaptive threshold window (px at 200 dpi)
BINARY_OFFSET = 15  # a pixel this much darker than its surroundings is ink


def load_image(path: Path) -> tuple[list[np.ndarray], float]:
    """An image file's pages (a multi-page TIFF has several) as BGR arrays, and its dpi."""
    from PIL import Image, ImageSequence

    with Image.open(path) as im:
        dpi = im.info.get("dpi", (DEFAULT_IMAGE_DPI,))[0] or DEFAULT_IMAGE_DPI
        pages = [np.array(frame.convert("RGB"))[:, :, ::-1].copy() for frame in ImageSequence.Iterator(im)]
    dpi = float(dpi) if 72 <= float(dpi) <= 1200 else float(DEFAULT_IMAGE_DPI)
    return pages, dpi


def render_pdf_page(pdf, index: int, dpi: float = RENDER_DPI) -> np.ndarray:
    """One page of an open pypdfium2 document as a BGR array at `dpi`."""
    bitmap = pdf[index].render(scale=dpi / 72)
    rgb = np.asarray(bitmap.to_pil().convert("RGB"))
    return rgb[:, :, ::-1].copy()


def mask_red_seal(bgr: np.ndarray) -> np.ndarray:
    """Grey image with red (stamp) pixels turned to paper white; ink under the stamp stays dark."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((hue <= SEAL_HUE_LOW) | (hue >= SEAL_HUE_HIGH)) & (sat >= SEAL_MIN_SATURATION) & (val >= SEAL_MIN_VALUE)
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    grey[red] = 255
    return grey


def binarize(grey: np.ndarray) -> np.ndarray:
    """Ink = 255, paper = 0 (adaptive: survives uneven scanner lighting and JPEG noise)."""
    return cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, BINARY_BLOCK, BINARY_OFFSET
    )


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


def upright_page(bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A page image → (upright grey image with the seal masked, its ink mask)."""
    grey = mask_red_seal(bgr)
    angle = estimate_skew(binarize(grey))
    grey = rotate(grey, angle)
    return grey, binarize(grey)
