"""The recogniser with its pointwise (1×1) convolutions in int8: ≈ 20 % less CPU per crop.

The PP-OCR recogniser spends ≈ 65 % of its time in 1×1 convolutions; onnxruntime's int8
convolution (u8 activations, s8 weights per output channel, static ranges) runs them ≈ 1.7×
faster on AVX2. Only those are quantised: in int8 the depthwise convolutions, the 2×2/3×3 stem
and the first convolution (3 input channels) ran slower than in float, and every quantised
tensor pays a Quantize/Dequantize pair.

The model is built in memory at first use from the cut model (`ocr_model`): converted to opset 13
(per-channel weights need it), graph-optimised by onnxruntime (so its Gelu is one node: a Gelu
whose input the quantiser dequantises twice is otherwise left as five slow elementwise ops), then
quantised with the activation ranges committed in `ocr_quant_ranges.json`. Those ranges were
measured once, with `tools/ocr_calibrate.py`, on crops the reader cuts from the committed scans
(MinMax); they are keyed by the hash of the optimised model they belong to, so another
onnxruntime or model (different tensors) gets the float model instead, never wrong ranges.
Nothing quantised is shipped: the built model is kept in the user's cache folder
(CACHE_DIR_ENV, else $XDG_CACHE_HOME or ~/.cache, then `jixiao-audit/`), named by the hash of
the float model, the ranges and onnxruntime's version, so later processes load it instead of
building it again (≈ 1.5 s of CPU); where that folder cannot be written, each process builds it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

RANGES_FILE = Path(__file__).with_name("ocr_quant_ranges.json")
QUANT_OPSET = 13  # DequantizeLinear's per-channel `axis` (the model ships as opset 11)
INPUT_NAME = "x"
CACHE_DIR_ENV = "JIXIAO_AUDIT_CACHE_DIR"


def model_key(prepared: bytes) -> str:
    """The key the committed ranges are stored under: the optimised float model's hash."""
    return hashlib.sha256(prepared).hexdigest()


def prepared_model(model: bytes) -> bytes:
    """The float model as it is quantised: opset 13, onnxruntime's extended graph optimisations
    (biases folded into convolutions, Gelu and layer norm fused) applied offline."""
    import onnx
    import onnxruntime as ort
    from onnx import version_converter

    converted = version_converter.convert_version(onnx.load_from_string(model), QUANT_OPSET)
    with tempfile.TemporaryDirectory(prefix="jixiao-ocr-") as tmp:
        out = Path(tmp) / "prepared.onnx"
        options = ort.SessionOptions()
        options.log_severity_level = 4
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.optimized_model_filepath = str(out)
        ort.InferenceSession(converted.SerializeToString(), options, providers=["CPUExecutionProvider"])
        return out.read_bytes()


def pointwise_convs(prepared: bytes) -> list[str]:
    """Names of the plain 1×1 convolutions (one group): the ones int8 makes faster."""
    import onnx

    graph = onnx.load_from_string(prepared).graph
    shapes = {init.name: tuple(init.dims) for init in graph.initializer}
    names = []
    for node in graph.node:
        group = next((a.i for a in node.attribute if a.name == "group"), 1)
        weight = shapes.get(node.input[1]) if node.op_type == "Conv" else None
        if weight is not None and weight[2:] == (1, 1) and group == 1:
            names.append(node.name)
    return names


def quantized_model(model: bytes, ranges_file: Path = RANGES_FILE) -> bytes | None:
    """`model` (the cut float recogniser) with its 1×1 convolutions in int8, from the committed
    ranges (from the user's cache when built before); None when the ranges are missing or belong
    to another optimised model, or this onnxruntime cannot apply them."""
    try:
        import onnxruntime

        ranges_text = ranges_file.read_text(encoding="utf-8")
    except (OSError, ImportError):
        return None
    key = hashlib.sha256(model + ranges_text.encode() + onnxruntime.__version__.encode()).hexdigest()
    cached = cache_dir() / f"recogniser-int8-{key[:32]}.onnx"
    if cached.is_file():
        return cached.read_bytes()
    try:
        ranges = json.loads(ranges_text)
        prepared = prepared_model(model)
        if ranges.get("model") != model_key(prepared):
            return None
        built = _quantize(prepared, ranges["tensors"], None)
    except (TypeError, ValueError, KeyError):  # an onnxruntime without calibration caches
        return None
    _write_atomically(cached, built)
    return built


def cache_dir() -> Path:
    """The user's cache folder for built models (see the module docstring)."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jixiao-audit"


def _write_atomically(path: Path, data: bytes) -> None:
    """`data` at `path`, whole or not at all (processes building it at once each write their
    own temporary file); nothing when the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".building-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        return


def calibrated_ranges(model: bytes, inputs: Iterable) -> dict:
    """The ranges file's content for `model`: MinMax activation ranges over `inputs` (recogniser
    inputs, one crop each), keyed by the optimised model's hash (`tools/ocr_calibrate.py`)."""
    prepared = prepared_model(model)
    return {"model": model_key(prepared), "tensors": _quantize(prepared, None, iter(inputs))}


def _quantize(prepared: bytes, tensors: dict | None, inputs):
    """Quantise `prepared`'s 1×1 convolutions with the given ranges (the model's bytes), or
    calibrate them on `inputs` (the ranges, as onnxruntime's calibration cache stores them)."""
    import logging

    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Crops(CalibrationDataReader):
        def get_next(self):
            x = next(inputs, None)
            return None if x is None else {INPUT_NAME: x}

    with tempfile.TemporaryDirectory(prefix="jixiao-ocr-") as tmp:
        src, out, cache = Path(tmp) / "float.onnx", Path(tmp) / "int8.onnx", Path(tmp) / "ranges.json"
        src.write_bytes(prepared)
        if tensors is not None:
            cache.write_text(json.dumps(tensors), encoding="utf-8")
        logging.disable(logging.WARNING)  # its advice to pre-process goes to the root logger
        try:
            quantize_static(
                src,
                out,
                Crops() if inputs is not None else None,
                quant_format=QuantFormat.QDQ,
                nodes_to_quantize=pointwise_convs(prepared),
                per_channel=True,
                activation_type=QuantType.QUInt8,
                weight_type=QuantType.QInt8,
                calibration_cache_path=cache,
            )
        finally:
            logging.disable(logging.NOTSET)
        return out.read_bytes() if tensors is not None else json.loads(cache.read_text(encoding="utf-8"))
