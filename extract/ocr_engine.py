"""The OCR engine: rapidocr's PP-OCR Chinese recogniser (models ship inside the wheel, no network).

Optional at import time: the OCR packages are an extra (`pip install -e ".[ocr]"`). Without
them `require_ocr` refuses a scan with a one-line reason saying what to install. One engine per
process, made on first use (loading the ONNX models takes ~0.3 s); worker processes each load
their own. onnxruntime runs single-threaded: the batch runner parallelises across files.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jixiao_audit.extract.raw import ExtractError

OCR_PACKAGES = "rapidocr onnxruntime opencv-python-headless"
MISSING_REASON = (
    f'扫描件需要 OCR，但未安装 OCR 组件：请运行 pip install "jixiao-audit[ocr]"（{OCR_PACKAGES}）'
)
ENGINE_THREADS = 1  # per process: the machine's cores go to worker processes, not to one page
REC_BATCH = 16  # crops per recognition call (sorted by width, so a batch pads little)
REC_HEIGHT = 48  # the PP-OCR recogniser's input height
# rapidocr pads every crop to at least 320 px wide (PaddleOCR's default); most table cells are a
# few digits, so that padding was most of the cost. The model takes any width.
REC_MIN_WIDTH = 48


def missing_ocr_packages() -> list[str]:
    """Names of the OCR packages that cannot be imported here (empty when OCR is available)."""
    import importlib.util

    modules = {"rapidocr": "rapidocr", "onnxruntime": "onnxruntime", "cv2": "opencv-python-headless"}
    return [pkg for mod, pkg in modules.items() if importlib.util.find_spec(mod) is None]


def ocr_available() -> bool:
    return not missing_ocr_packages()


def require_ocr() -> None:
    """Raise the per-file reason when the OCR packages are not installed."""
    if not ocr_available():
        raise ExtractError(MISSING_REASON)


@lru_cache(maxsize=1)
def _engine():
    require_ocr()
    import logging

    from rapidocr import RapidOCR

    engine = RapidOCR(
        params={
            "Global.log_level": "error",
            "Rec.rec_batch_num": REC_BATCH,
            "Rec.rec_img_shape": [3, REC_HEIGHT, REC_MIN_WIDTH],
            "EngineConfig.onnxruntime.intra_op_num_threads": ENGINE_THREADS,
            "EngineConfig.onnxruntime.inter_op_num_threads": ENGINE_THREADS,
        }
    )
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def recognize_lines(crops: Sequence) -> list[tuple[str, float]]:
    """Text and score (0–1) of each single-line crop (BGR arrays), recognition only: the caller
    already cut the lines out, so the costly full-page detection is skipped."""
    if not crops:
        return []
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    out = _engine()._load_rec_model()(TextRecInput(img=list(crops)))  # rec only, no det
    return [(t, float(s)) for t, s in zip(out.txts, out.scores, strict=True)]


def recognize_page(image) -> list[tuple[tuple[float, float, float, float], str, float]]:
    """rapidocr's own full-page detection + recognition: (x0, top, x1, bottom), text, score.
    The benchmark's floor, and the fallback for text a ruled grid does not explain."""
    result = _engine()(image, use_cls=False)
    if result.boxes is None:
        return []
    found = []
    for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        found.append(((min(xs), min(ys), max(xs), max(ys)), text, float(score)))
    return found
