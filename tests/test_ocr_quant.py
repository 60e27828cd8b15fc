"""The int8 recogniser (1×1 convolutions quantised from committed ranges) reads as the float one."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
pytest.importorskip("rapidocr")

from jixiao_audit.extract.ocr_engine import _session, ctc_decode, float_model, rec_input  # noqa: E402
from jixiao_audit.extract.ocr_quant import (  # noqa: E402
    RANGES_FILE,
    model_key,
    pointwise_convs,
    prepared_model,
    quantized_model,
)
from tests.test_ocr_engine import line_crop  # noqa: E402


@pytest.fixture(scope="module")
def cut_model():
    model, kept = float_model()
    return model, kept


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_committed_ranges_belong_to_this_model(cut_model):
    """The ranges are keyed by the optimised model they were measured on: a new rapidocr model or
    onnxruntime needs `python tools/ocr_calibrate.py` again (until then the float model runs)."""
    ranges = json.loads(RANGES_FILE.read_text(encoding="utf-8"))
    assert ranges["model"] == model_key(prepared_model(cut_model[0]))


def test_only_plain_pointwise_convolutions_are_quantised(cut_model):
    """int8 ran the depthwise and the larger-kernel convolutions slower than float."""
    import onnx

    prepared = prepared_model(cut_model[0])
    names = set(pointwise_convs(prepared))
    graph = onnx.load_from_string(prepared).graph
    shapes = {init.name: tuple(init.dims) for init in graph.initializer}
    chosen = [n for n in graph.node if n.name in names]
    assert all(n.op_type == "Conv" and shapes[n.input[1]][2:] == (1, 1) for n in chosen)
    assert all(shapes[n.input[1]][1] > 1 for n in chosen)  # no depthwise (one input channel per group)
    assert {(768, 384), (384, 768)} <= {shapes[n.input[1]][:2] for n in chosen}  # the costliest


@pytest.mark.slow
def test_int8_model_reads_figures_as_the_float_model(cut_model, own_cache):
    model, kept = cut_model
    int8 = quantized_model(model)
    assert int8 is not None and b"DequantizeLinear" in int8 and b"DequantizeLinear" not in model
    float_run, int8_run = _session(model), _session(int8)
    for text in ["2020年11月预算执行率≥90%", "13,742.56", "全年执行数 1071800.00", "（三）项目产出效益"]:
        x = rec_input(line_crop(text))
        assert ctc_decode(int8_run.run(None, {"x": x})[0][0], kept)[0] == text
        assert ctc_decode(float_run.run(None, {"x": x})[0][0], kept)[0] == text


@pytest.mark.slow
def test_built_model_is_cached_and_reused(cut_model, own_cache):
    model, _ = cut_model
    first = quantized_model(model)
    files = list(own_cache.glob("recogniser-int8-*.onnx"))
    assert len(files) == 1 and files[0].read_bytes() == first
    assert quantized_model(model) == first  # from the cache, and the build is deterministic


def test_ranges_of_another_model_give_none(cut_model, own_cache, tmp_path):
    other = tmp_path / "ranges.json"
    other.write_text(json.dumps({"model": "0" * 64, "tensors": {}}), encoding="utf-8")
    assert quantized_model(cut_model[0], other) is None
    assert quantized_model(cut_model[0], tmp_path / "missing.json") is None
