"""The OCR engine: rapidocr's PP-OCR Chinese recogniser (models ship inside the wheel, no network).

Optional at import time: the OCR packages are an extra (`pip install -e ".[ocr]"`). Without
them `require_ocr` refuses a scan with a one-line reason saying what to install. One engine per
process, made on first use (loading the ONNX models takes ~0.3 s); worker processes each load
their own. onnxruntime runs single-threaded: the batch runner parallelises across files, and
`ocr_pages` across the pages of a file.

Recognition runs one crop at a time: the recogniser's cost grows with its input's width, and a
batch pads every crop to the widest one in it (and works on larger buffers: batches of 16 took
25–40 % more CPU than single crops on the seed's scans; crops set side by side in one input, with
white gaps and no padding, cost as much as apart and read some punctuation differently, as the
model's attention sees the neighbours). The recogniser runs in our own session on rapidocr's model
with its output layer cut to a report's characters (`ocr_model`, ≈ 5 % less CPU per crop), and
a second session of the same weights reads crops 32 px high (`ocr_model.model_at_height`, half
the cost); a crop whose 32 px reading is in doubt is read again at the native 48 px (READ_HEIGHT).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from jixiao_audit.extract.raw import ExtractError

OCR_PACKAGES = "rapidocr onnxruntime opencv-python-headless"
MISSING_REASON = (
    f'扫描件需要 OCR，但未安装 OCR 组件：请运行 pip install "jixiao-audit[ocr]"（{OCR_PACKAGES}）'
)
ENGINE_THREADS = 1  # per process: the machine's cores go to worker processes, not to one page
REC_HEIGHT = 48  # the PP-OCR recogniser's input height
# rapidocr pads every crop to at least 320 px wide (PaddleOCR's default); most table cells are a
# few digits, so that padding was most of the cost. The model takes any width.
REC_MIN_WIDTH = 48
# A digit the recogniser hesitated over: at some output step (8 px of input) the best class had
# less than DIGIT_SURE, a digit was the best or its rival (the runner-up, or any digit with at
# least DIGIT_RIVAL), and taking the rival would change the text (not merely where a character's
# run of steps ends). Such a crop is read again stretched (a collapsed "11" reads "1": CTC needs a
# blank step between repeats) and the surer reading kept; its score is at most that step's
# probability, so a finding resting on a digit the model could not decide says so (rapidocr's
# score, a mean over the characters, read "2020年1月112号" at 1.0 where one step was 60 % blank,
# 31 % "1").
DIGIT_RIVAL = 0.1
DIGIT_SURE = 0.9
RETRY_STRETCH = 1.25  # the second reading's horizontal stretch
# Crops are read first READ_HEIGHT px high (the same weights, `ocr_model.model_at_height`): the
# recogniser's cost is in proportion to its input's area, so 32 px costs 0.49× of 48 px (45.5 s
# against 92.3 s on the 3,681 crops of the committed scans). A crop is read again as before, at
# REC_HEIGHT with the digit retry, and that reading kept, when the 32 px reading was in doubt:
# a digit at stake below DIGIT_SURE, or any step where the runner-up would change the text below
# TEXT_SURE. On those crops 22 readings differed from 48 px beyond the width of punctuation;
# with TEXT_SURE 0.8 all but two are read again at 48 px (294 crops, 8 %: 0.62× of 48 px's
# CPU in all), and the two left are 48 px's errors (a flagged 38.74 for the printed 35.74;
# "其a :" for "其："). At 0.7 a fill line read as "__" before a project name and a dropped 、
# stayed. A crop lower than READ_HEIGHT (a lone ≥, 元 or 0 of a narrow column) is read at
# REC_HEIGHT only: its ink has no detail to lose, and 32 px read V as > and 元 as 兀 or π.
READ_HEIGHT = 32
TEXT_SURE = 0.8


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
            "Rec.rec_batch_num": 1,
            "Rec.rec_img_shape": [3, REC_HEIGHT, REC_MIN_WIDTH],
            "EngineConfig.onnxruntime.intra_op_num_threads": ENGINE_THREADS,
            "EngineConfig.onnxruntime.inter_op_num_threads": ENGINE_THREADS,
        }
    )
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def recognize_lines(crops: Sequence) -> list[tuple[str, float]]:
    """Text and score (0–1) of each single-line crop (BGR or grey arrays), recognition only: the
    caller already cut the lines out, so the costly full-page detection is skipped. Read at
    READ_HEIGHT first, at REC_HEIGHT where that reading is in doubt (see READ_HEIGHT)."""
    if not crops:
        return []
    fast = _recogniser(READ_HEIGHT)
    found = []
    for crop in crops:
        quick = _quick_reading(fast, crop) if fast is not None else None
        found.append(quick if quick is not None else _native_reading(crop))
    return found


def _quick_reading(rec: Recogniser, crop) -> tuple[str, float] | None:
    """Text and score of a crop read READ_HEIGHT high; None when that reading is in doubt or the
    crop is lower than that (then it is read at REC_HEIGHT)."""
    if crop.shape[0] < rec.height:
        return None
    steps = rec.run(rec_input(crop, 1.0, rec.height))[0]
    if digit_certainty(steps, rec.digits) < DIGIT_SURE or text_certainty(steps) < TEXT_SURE:
        return None
    return ctc_decode(steps, rec.classes)


def _native_reading(crop) -> tuple[str, float]:
    """Text and score of a crop read REC_HEIGHT high; read again stretched when a digit is in
    doubt, the surer reading kept, its score capped by that doubt (see DIGIT_SURE)."""
    rec = _recogniser()
    text, score, sure = _read_crop(rec, crop, 1.0)
    if sure < DIGIT_SURE:
        again = _read_crop(rec, crop, RETRY_STRETCH)
        text, score, sure = max((text, score, sure), again, key=lambda r: r[2])
    return text, min(score, sure)


class Recogniser(NamedTuple):
    """The recognition model as called here: input → output steps × class probabilities."""

    run: Callable[[Any], Any]
    classes: tuple[str, ...]  # class index → character; 0 is CTC's blank
    digits: Any  # indices of the classes that are digits (numpy array)
    height: int  # the input height it reads


@lru_cache(maxsize=2)
def _recogniser(height: int = REC_HEIGHT) -> Recogniser | None:
    """rapidocr's recognition model with its output layer cut to the characters of a report
    (`ocr_model`), in our own onnxruntime session, reading crops `height` px high; at REC_HEIGHT,
    rapidocr's own session when the model cannot be cut. None for another height when the model
    cannot be made to read it (`ocr_model.model_at_height`). The model is found from rapidocr's
    settings without building its engine (its detection, classifier and recogniser sessions are
    not needed to read crops)."""
    require_ocr()
    pruned = float_model()
    if pruned is None:
        if height != REC_HEIGHT:
            return None
        rec = _engine()._load_rec_model()
        classes = tuple(rec.postprocess_op.character)
        return Recogniser(rec.session, classes, _digit_columns(classes), REC_HEIGHT)
    model, kept = pruned
    if height != REC_HEIGHT:
        from jixiao_audit.extract.ocr_model import model_at_height

        model = model_at_height(model, height)
        if model is None:
            return None
    session = _session(model)
    name = session.get_inputs()[0].name
    kept_classes = tuple(kept)
    return Recogniser(
        lambda x: session.run(None, {name: x})[0], kept_classes, _digit_columns(kept_classes), height
    )


@lru_cache(maxsize=1)
def float_model() -> tuple[bytes, list[str]] | None:
    """The cut float recogniser (serialised) and its classes; None when it cannot be cut."""
    from jixiao_audit.extract.ocr_model import pruned_model

    path = _rec_model_path()
    return pruned_model(path) if path is not None else None


def _rec_model_path() -> Path | None:
    """The file of rapidocr's recognition model, as rapidocr finds it from its default settings:
    its models folder and the configured model's name; None if this rapidocr does not say."""
    try:
        from rapidocr.inference_engine.base import FileInfo, InferSession
        from rapidocr.main import DEFAULT_CFG_PATH
        from rapidocr.utils.parse_parameters import ParseParams

        cfg = ParseParams.load(DEFAULT_CFG_PATH)
        rec = cfg.Rec
        if rec.get("model_path"):
            return Path(rec.model_path)
        info = InferSession.get_model_url(
            FileInfo(
                engine_type=rec.engine_type,
                ocr_version=rec.ocr_version,
                task_type=rec.task_type,
                lang_type=rec.lang_type,
                model_type=rec.model_type,
            )
        )
        root = Path(cfg.Global.model_root_dir or DEFAULT_CFG_PATH.parent / "models")
        path = root / Path(info["model_dir"]).name
    except Exception:  # noqa: BLE001 - another rapidocr version: fall back to its own session
        return None
    return path if path.is_file() else None


def _session(model: bytes):
    """An onnxruntime session set up as rapidocr sets up its own (ENGINE_THREADS threads)."""
    from onnxruntime import GraphOptimizationLevel, InferenceSession, SessionOptions

    options = SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.graph_optimization_level = GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = ENGINE_THREADS
    options.inter_op_num_threads = ENGINE_THREADS
    return InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=2)
def _digit_columns(characters: tuple[str, ...]):
    """Indices of the recogniser's output classes that are digits (ASCII or fullwidth)."""
    import numpy as np

    return np.array([i for i, ch in enumerate(characters) if i > 0 and ch.isdigit()])


def _read_crop(rec: Recogniser, crop, stretch: float) -> tuple[str, float, float]:
    """One crop through the recogniser: text, rapidocr's score, and how sure the least sure step
    that could change a digit was (1.0 when none could)."""
    steps = rec.run(rec_input(crop, stretch, rec.height))[0]
    text, score = ctc_decode(steps, rec.classes)
    return text, score, digit_certainty(steps, rec.digits)


def ctc_decode(steps, classes: Sequence[str]) -> tuple[str, float]:
    """CTC's best path as rapidocr decodes it: repeats merged, blanks dropped; the score is the
    mean probability of the kept steps (rounded as rapidocr rounds), 0 when none is kept."""
    import numpy as np

    path = steps.argmax(axis=1)
    kept = np.r_[True, path[1:] != path[:-1]] & (path != 0)
    probs = [round(p, 5) for p in steps.max(axis=1)[kept].tolist()] or [0]
    return "".join(classes[i] for i in path[kept]), float(np.mean(probs).round(5))


def digit_certainty(steps, digits) -> float:
    """The lowest best-class probability over the steps where a digit is at stake: the best or
    the rival class is a digit, and the rival would decode to a different text."""
    import numpy as np

    digit_set = set(digits.tolist())

    def digit_rivals(row, own: int) -> set[int]:
        rivals = {int(np.argsort(row)[-2])} | {int(d) for d in digits[row[digits] >= DIGIT_RIVAL]}
        return {r for r in rivals if r != own and {r, own} & digit_set}

    return least_sure_step(steps, DIGIT_SURE, digit_rivals)


def text_certainty(steps) -> float:
    """The lowest best-class probability, below TEXT_SURE, over the steps where the runner-up
    would decode to a different text (where a character's run of steps ends is no doubt); 1.0
    when there is no such step."""
    import numpy as np

    return least_sure_step(steps, TEXT_SURE, lambda row, own: {int(np.argpartition(row, -2)[-2])})


def least_sure_step(steps, below: float, rivals_of: Callable[[Any, int], set[int]]) -> float:
    """The lowest best-class probability, under `below`, of the steps where one of the rival
    classes `rivals_of(step's probabilities, its best class)` would decode to a different text;
    1.0 when there is none."""
    import numpy as np

    best = steps.max(axis=1)
    path = steps.argmax(axis=1)
    text = _ctc_text(path)
    sure = 1.0
    for i in np.flatnonzero(best < below):
        for rival in rivals_of(steps[i], int(path[i])):
            other = path.copy()
            other[i] = rival
            if _ctc_text(other) != text:
                sure = min(sure, float(best[i]))
                break
    return sure


def _ctc_text(path) -> tuple[int, ...]:
    """CTC's best-path reading of class indices: repeats merged, blanks (0) dropped."""
    import numpy as np

    kept = path[np.r_[True, path[1:] != path[:-1]]]
    return tuple(kept[kept != 0].tolist())


def rec_input(crop, stretch: float = 1.0, height: int = REC_HEIGHT):
    """A crop as the recogniser's input: `height` px high, width in proportion (times `stretch`),
    scaled to [-1, 1], one image of 3 channels. At REC_HEIGHT it is resized as rapidocr resizes
    (bilinear); at another height, a crop that is shrunk is averaged over its pixels (INTER_AREA:
    bilinear would skip rows of a thin stroke)."""
    import cv2
    import numpy as np

    grey = crop if crop.ndim == 2 else cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    h, w = grey.shape
    width = max(1, int(np.ceil(height * w / h * stretch)))
    shrink = height != REC_HEIGHT and h > height
    resized = cv2.resize(grey, (width, height), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
    x = np.ones((height, max(width, REC_MIN_WIDTH)), np.float32)  # white beyond a short crop
    x[:, :width] = resized.astype(np.float32) / 127.5 - 1.0
    return np.ascontiguousarray(np.broadcast_to(x, (1, 3, *x.shape)))


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
