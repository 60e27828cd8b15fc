"""The recogniser's input and the digit certainty that caps a crop's score."""

from __future__ import annotations

import numpy as np
import pytest
from jixiao_audit.extract.ocr_engine import DIGIT_SURE, _ctc_text, digit_certainty

# a toy alphabet: 0 is CTC's blank
BLANK, ONE, EIGHT, NIAN, YUE = 0, 1, 2, 3, 4
DIGITS = np.array([ONE, EIGHT])


def steps(*rows: dict[int, float]) -> np.ndarray:
    """Output steps from {class: probability}; the rest of each row is spread thin."""
    out = np.full((len(rows), 5), 0.0, dtype=np.float32)
    for i, row in enumerate(rows):
        for k, p in row.items():
            out[i, k] = p
    return out


def test_ctc_reading_merges_repeats_and_drops_blanks():
    assert _ctc_text(np.array([ONE, ONE, BLANK, ONE, NIAN, NIAN, BLANK])) == (ONE, ONE, NIAN)


def test_a_collapsed_repeat_is_not_sure():
    """ "11月" read as "1月": the step between the two ones was 60 % blank, 31 % "1"."""
    probs = steps({ONE: 1.0}, {BLANK: 1.0}, {BLANK: 0.6, ONE: 0.31}, {YUE: 1.0})
    assert _ctc_text(probs.argmax(axis=1)) == (ONE, YUE)
    assert digit_certainty(probs, DIGITS) == pytest.approx(0.6)


def test_where_a_digit_run_ends_is_no_doubt():
    """Blank or "8" on the step after an "8": the text is the same either way."""
    probs = steps({EIGHT: 1.0}, {BLANK: 0.55, EIGHT: 0.45}, {NIAN: 1.0})
    assert digit_certainty(probs, DIGITS) == 1.0


def test_doubt_between_characters_that_are_not_digits_is_left_to_the_score():
    probs = steps({NIAN: 0.5, YUE: 0.5}, {ONE: 1.0})
    assert digit_certainty(probs, DIGITS) == 1.0


def test_a_hesitant_digit_is_not_sure():
    probs = steps({ONE: 0.7, EIGHT: 0.3}, {NIAN: 1.0})
    sure = digit_certainty(probs, DIGITS)
    assert sure == pytest.approx(0.7) and sure < DIGIT_SURE


def test_recogniser_input_is_rapidocrs():
    """Our own input path (one crop, no batch padding) feeds the model what rapidocr would."""
    pytest.importorskip("rapidocr")
    cv2 = pytest.importorskip("cv2")
    from jixiao_audit.extract.ocr_engine import REC_HEIGHT, _engine, rec_input

    rng = np.random.default_rng(7)
    grey = rng.integers(0, 256, size=(40, 230), dtype=np.uint8)
    rec = _engine()._load_rec_model()
    bgr = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    theirs = rec.resize_norm_img(bgr, bgr.shape[1] / bgr.shape[0])
    ours = rec_input(grey)
    assert ours.shape == (1, 3, REC_HEIGHT, theirs.shape[2])
    np.testing.assert_allclose(ours[0], theirs, atol=1e-5)


def test_kept_classes_are_the_characters_of_a_report():
    from jixiao_audit.extract.ocr_model import kept_class

    for ch in " 减年月预算执行数①⑩≥≤%％·—…“”（）《》、。ΛAz09":
        assert kept_class(ch), ch
    for ch in "減體ÀĀɑ":  # traditional hanzi and accented Latin are not written in these reports
        assert not kept_class(ch), ch


def test_ctc_decode_is_rapidocrs():
    """Our decoding of the output steps gives rapidocr's text and score."""
    pytest.importorskip("rapidocr")
    from jixiao_audit.extract.ocr_engine import ctc_decode
    from rapidocr.ch_ppocr_rec.utils import CTCLabelDecode

    decoder = CTCLabelDecode(character=list("12年月"))
    rng = np.random.default_rng(3)
    for _ in range(20):
        probs = rng.dirichlet(np.full(len(decoder.character), 0.3), size=12).astype(np.float32)
        ((text, score),), _ = decoder(probs[None])
        assert ctc_decode(probs, decoder.character) == (text, pytest.approx(score, abs=1e-9))
    assert ctc_decode(np.eye(7, dtype=np.float32)[[0, 0]], decoder.character) == ("", 0.0)


def line_crop(text: str, height: int = 40) -> np.ndarray:
    """A grey crop of one printed line (Noto CJK), white around the ink as the reader cuts it."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    try:
        font = ImageFont.truetype(font_path, int(height * 0.6))
    except OSError:
        pytest.skip("Noto CJK font not installed")
    width = int(font.getlength(text)) + height
    image = Image.new("L", (width, height), 255)
    ImageDraw.Draw(image).text((height // 2, height // 2), text, font=font, fill=0, anchor="lm")
    return np.array(image)


def test_pruned_model_keeps_every_kept_class_probability():
    """The cut output layer is the full one's kept columns: each kept class's probability is the
    full model's renormalised over the kept classes, and the reading is the same."""
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    from jixiao_audit.extract.ocr_engine import _rec_model_path, ctc_decode, rec_input
    from jixiao_audit.extract.ocr_model import pruned_model, report_classes

    path = _rec_model_path()
    assert path is not None
    model, kept = pruned_model(path)
    full = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    cut = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    classes = ["blank", *full.get_modelmeta().custom_metadata_map["character"].splitlines(), " "]
    keep = report_classes(classes)
    assert kept == [classes[i] for i in keep] and len(kept) < len(classes) / 2
    x = rec_input(line_crop("2020年11月预算执行率≥90%"))
    whole = full.run(None, {"x": x})[0][0]
    ours = cut.run(None, {"x": x})[0][0]
    assert ours.shape == (whole.shape[0], len(kept))
    renormalised = whole[:, keep] / whole[:, keep].sum(axis=1, keepdims=True)
    np.testing.assert_allclose(ours, renormalised, atol=1e-4)
    assert ctc_decode(ours, kept)[0] == ctc_decode(whole, classes)[0] == "2020年11月预算执行率≥90%"


def tiny_recogniser(tmp_path, last_op: str = "Softmax"):
    """A 2-feature model ending like PP-OCR's recogniser (MatMul, Add, Identity, `last_op`) over the
    classes blank, "a", "減", " " (its dictionary "a", "減" in the metadata, as rapidocr reads it)."""
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    weight = np.arange(8, dtype=np.float32).reshape(2, 4) / 4
    bias = np.array([0.1, 0.2, 0.3, 0.4], dtype=np.float32)
    nodes = [
        helper.make_node("MatMul", ["x", "w"], ["mm"]),
        helper.make_node("Add", ["mm", "b"], ["logits"]),
        helper.make_node("Identity", ["logits"], ["same"]),
        helper.make_node(last_op, ["same"], ["probs"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 2])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, 3, 4])],
        [numpy_helper.from_array(weight, "w"), numpy_helper.from_array(bias, "b")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    helper.set_model_props(model, {"character": "a\n減"})
    path = tmp_path / "tiny.onnx"
    onnx.save(model, str(path))
    return path


def test_output_layer_is_cut_to_the_kept_classes(tmp_path):
    ort = pytest.importorskip("onnxruntime")
    from jixiao_audit.extract.ocr_model import pruned_model

    path = tiny_recogniser(tmp_path)
    model, kept = pruned_model(path)
    assert kept == ["blank", "a", " "]
    x = np.random.default_rng(5).normal(size=(1, 3, 2)).astype(np.float32)
    whole = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]
    cut = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    ours = cut.run(None, {"x": x})[0]
    kept_whole = whole[..., [0, 1, 3]]
    np.testing.assert_allclose(ours, kept_whole / kept_whole.sum(axis=-1, keepdims=True), atol=1e-6)
    assert cut.get_modelmeta().custom_metadata_map["character"] == "a"


def test_a_model_not_ending_in_softmax_is_left_whole(tmp_path):
    from jixiao_audit.extract.ocr_model import pruned_model

    assert pruned_model(tiny_recogniser(tmp_path, last_op="Relu")) is None


def test_without_onnx_the_model_is_left_whole(tmp_path, monkeypatch):
    import sys

    from jixiao_audit.extract.ocr_model import pruned_model

    path = tiny_recogniser(tmp_path)
    monkeypatch.setitem(sys.modules, "onnx", None)  # as if the package were not installed
    assert pruned_model(path) is None


def test_text_doubt_counts_only_where_the_runner_up_changes_the_text():
    from jixiao_audit.extract.ocr_engine import TEXT_SURE, text_certainty

    # "年" or "月" at 0.55: the text would change; blank or "1" after a "1" would not
    doubtful = steps({ONE: 1.0}, {NIAN: 0.55, YUE: 0.45}, {BLANK: 1.0})
    sure = text_certainty(doubtful)
    assert sure == pytest.approx(0.55) and sure < TEXT_SURE
    run_end = steps({ONE: 1.0}, {ONE: 0.5, BLANK: 0.5}, {NIAN: 1.0})
    assert text_certainty(run_end) == 1.0


def test_a_low_crop_is_not_read_at_the_quick_height():
    """A lone glyph lower than READ_HEIGHT goes to the native height (32 px read V as >)."""
    pytest.importorskip("onnx")
    from jixiao_audit.extract.ocr_engine import READ_HEIGHT, _quick_reading, _recogniser

    fast = _recogniser(READ_HEIGHT)
    assert fast is not None and fast.height == READ_HEIGHT
    assert _quick_reading(fast, line_crop("≥", height=READ_HEIGHT - 8)) is None
    text, score = _quick_reading(fast, line_crop("2020年11月预算执行率≥90%"))
    assert text == "2020年11月预算执行率≥90%" and score > 0.9


def test_quick_input_is_averaged_down_to_its_height():
    from jixiao_audit.extract.ocr_engine import READ_HEIGHT, rec_input

    crop = np.full((4 * READ_HEIGHT, 400), 255, np.uint8)
    crop[::4] = 0  # a thin dark row in every four: averaged, a quarter grey; bilinear skips them
    x = rec_input(crop, height=READ_HEIGHT)
    assert x.shape == (1, 3, READ_HEIGHT, 100)
    np.testing.assert_allclose(x[0, 0], 0.5, atol=0.01)


def test_model_reads_a_line_at_32_px_as_at_48():
    """The same weights with the input height and the final pool's window changed: 48 px rows
    come down to 3 before the pool, 32 px rows to 2; the reading is the same."""
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    from jixiao_audit.extract.ocr_engine import ctc_decode, float_model, rec_input
    from jixiao_audit.extract.ocr_model import model_at_height

    model, kept = float_model()
    at32 = model_at_height(model, 32)
    (pool,) = [n for n in onnx.load_from_string(at32).graph.node if n.op_type == "AveragePool"]
    assert [list(a.ints) for a in pool.attribute if a.name in ("kernel_shape", "strides")] == [[2, 2], [2, 2]]
    crop = line_crop("2020年11月预算执行率≥90%")
    sessions = {
        h: ort.InferenceSession(m, providers=["CPUExecutionProvider"]) for h, m in ((48, model), (32, at32))
    }
    texts = {
        h: ctc_decode(s.run(None, {"x": rec_input(crop, height=h)})[0][0], kept)[0]
        for h, s in sessions.items()
    }
    assert texts == {48: "2020年11月预算执行率≥90%", 32: "2020年11月预算执行率≥90%"}


def conv_pool_model(pool_rows: int) -> bytes:
    """A model 8 px high: a convolution of stride 2 (8 → 4 rows), then an AveragePool of window
    `pool_rows` × 2 (the recogniser's backbone and final pool, in small)."""
    pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[3, 3], strides=[2, 1], pads=[1, 1, 1, 1]),
        helper.make_node(
            "AveragePool",
            ["c"],
            ["y"],
            kernel_shape=[pool_rows, 2],
            strides=[pool_rows, 2],
            pads=[0, 0, 0, 0],
        ),
    ]
    graph = helper.make_graph(
        nodes,
        "conv_pool",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 8, "W"])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(np.ones((1, 1, 3, 3), np.float32), "w")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    return model.SerializeToString()


def test_the_pool_window_follows_the_backbones_rows():
    """8 px → 4 rows → a 4-row pool; at 16 px the backbone gives 8 rows, so the window is 8."""
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    from jixiao_audit.extract.ocr_model import model_at_height

    at16 = model_at_height(conv_pool_model(4), 16)
    (pool,) = [n for n in onnx.load_from_string(at16).graph.node if n.op_type == "AveragePool"]
    assert [list(a.ints) for a in pool.attribute if a.name == "kernel_shape"] == [[8, 2]]
    out = ort.InferenceSession(at16, providers=["CPUExecutionProvider"]).run(
        None, {"x": np.ones((1, 1, 16, 6), np.float32)}
    )
    assert out[0].shape == (1, 1, 1, 3)


def test_a_pool_that_does_not_make_the_rows_one_is_left_alone(tmp_path):
    from jixiao_audit.extract.ocr_model import model_at_height

    assert model_at_height(conv_pool_model(2), 16) is None  # 4 rows, a 2-row window: not the shape expected
    assert model_at_height(tiny_recogniser(tmp_path).read_bytes(), 32) is None  # no pool at all
