"""The recogniser's model with its output layer cut to the characters these reports can contain.

PP-OCR's Chinese recogniser scores 18,710 classes at every output step (8 px of input): the final
MatMul, its bias and the softmax over them are ≈ 10 % of a crop's cost. A performance report is
written in simplified Chinese, so the classes kept are CTC's blank and the dictionary's characters
that are in GB2312 (its 6,763 hanzi, fullwidth forms, ①–⑩, ≥ ≤ …), ASCII, or punctuation,
symbols and numerals outside the CJK block (— · ☑ ²); ≈ 8,900 of them. A character outside this
set (a traditional or rare hanzi) is read as its nearest kept look-alike.

The cut model is built from rapidocr's own file in memory, once per process (≈ 0.2 s), with the
`onnx` package (part of the `ocr` extra); nothing modified is shipped or written to disk. Without
`onnx`, or if the model's last layer is not the expected MatMul + Add + Softmax, the full model is
used. Slicing the weights keeps every kept class's logit exactly; only the softmax's denominator
loses the dropped classes, which on every committed scan changed no reading.

`model_at_height` lets the same weights read crops scaled to another height (32 px instead of
48): the model's input height is fixed only in its declared shape and in the window of the one
AveragePool that ends the backbone. The backbone's strided convolutions bring 48 rows down to 3
(/16) and the pool's 3 × 2 window (stride 3 × 2) makes them one; at 32 px the backbone gives 2
rows, so the window becomes 2 × 2. Everything after the pool sees one row either way. The rows
the backbone gives are found by onnx's shape inference (not assumed), and a graph that is not
shaped so (no single AveragePool whose window spans the whole height) is left alone. The cost
of the recogniser is in proportion to its input's area, so reading at 32 px costs about half.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

KEPT_ENCODING = "gb2312"  # the national standard character set of simplified Chinese
KEPT_CATEGORIES = "PSN"  # Unicode punctuation, symbols and numerals outside GB2312 are kept too
BLANK = "blank"  # CTC's blank class: rapidocr's classes are blank, the model's dictionary, a space


def kept_class(ch: str) -> bool:
    """Whether a recogniser class can occur in a report (see the module docstring)."""
    if ch == BLANK or ch.isascii():
        return True
    try:
        ch.encode(KEPT_ENCODING)
        return True
    except UnicodeEncodeError:
        return unicodedata.category(ch)[0] in KEPT_CATEGORIES  # hanzi are letters (Lo): not kept here


def report_classes(classes: Sequence[str]) -> list[int]:
    """Indices of the classes kept, in their order (blank, index 0, stays first)."""
    return [i for i, ch in enumerate(classes) if i == 0 or kept_class(ch)]


def pruned_model(path: Path) -> tuple[bytes, list[str]] | None:
    """The recognition model at `path` with its output layer cut to `report_classes`, serialised,
    and the kept classes (index → character); None when `onnx` is missing or the model is not
    what rapidocr's decoder expects: a dictionary in its metadata and a last layer, MatMul + Add +
    Softmax, with one output per class (blank, the dictionary's characters, a space)."""
    try:
        import numpy as np
        import onnx
        from onnx import numpy_helper
    except ImportError:
        return None
    model = onnx.load(str(path))
    meta = {prop.key: prop.value for prop in model.metadata_props}
    classes = [BLANK, *meta.get("character", "").splitlines(), " "]
    layer = output_layer(model.graph, len(classes))
    if layer is None:
        return None
    keep = np.array(report_classes(classes))
    for init in layer:
        arr = numpy_helper.to_array(init)
        init.CopyFrom(numpy_helper.from_array(np.ascontiguousarray(arr[..., keep]), init.name))
    drop_class_shapes(model.graph, len(classes), len(keep))
    kept = [classes[i] for i in keep]
    for prop in model.metadata_props:
        if prop.key == "character":  # the dictionary: without the blank and space rapidocr adds
            prop.value = "\n".join(kept[1:-1])
    return model.SerializeToString(), kept


def output_layer(graph, n_classes: int):
    """The initializers (weight [C, n], bias [n]) of the MatMul + Add feeding the graph's
    Softmax output, following Identity nodes; None if the graph does not end that way."""
    producer = {out: node for node in graph.node for out in node.output}
    inits = {init.name: init for init in graph.initializer}

    def through_identity(name: str):
        node = producer.get(name)
        while node is not None and node.op_type == "Identity":
            node = producer.get(node.input[0])
        return node

    softmax = through_identity(graph.output[0].name)
    add = through_identity(softmax.input[0]) if softmax is not None and softmax.op_type == "Softmax" else None
    if add is None or add.op_type != "Add":
        return None
    bias = next((inits[i] for i in add.input if i in inits), None)
    matmul = next((through_identity(i) for i in add.input if i not in inits), None)
    if bias is None or matmul is None or matmul.op_type != "MatMul" or matmul.input[1] not in inits:
        return None
    weight = inits[matmul.input[1]]
    if list(weight.dims)[-1:] != [n_classes] or list(bias.dims) != [n_classes]:
        return None
    return weight, bias


def drop_class_shapes(graph, n_classes: int, n_kept: int) -> None:
    """Stated shapes that end in the class count now end in the kept count (onnxruntime warns
    about, and merges, shapes that disagree with what it infers)."""
    for info in [*graph.output, *graph.value_info]:
        dims = info.type.tensor_type.shape.dim
        if dims and dims[-1].HasField("dim_value") and dims[-1].dim_value == n_classes:
            dims[-1].dim_value = n_kept


def model_at_height(model: bytes, height: int) -> bytes | None:
    """The recogniser `model` (serialised) reading inputs `height` px high with the same weights:
    its declared input height and its final pool's window changed to fit (see the module
    docstring); None when `onnx` is missing or the graph is not shaped as expected."""
    try:
        import onnx
    except ImportError:
        return None
    proto = onnx.load_from_string(model)
    dims = proto.graph.input[0].type.tensor_type.shape.dim
    pools = [node for node in proto.graph.node if node.op_type == "AveragePool"]
    if len(dims) != 4 or not dims[2].HasField("dim_value") or len(pools) != 1:
        return None
    pool = pools[0]
    window = {a.name: list(a.ints) for a in pool.attribute}
    native = backbone_rows(proto, pool.input[0], dims[2].dim_value)
    rows_pooled = [window.get("kernel_shape", [0])[0], window.get("strides", [0])[0]]
    if native is None or rows_pooled != [native, native] or any(window.get("pads", [])):
        return None  # the pool does not make the backbone's rows one
    rows = backbone_rows(proto, pool.input[0], height)
    if not rows:
        return None
    dims[2].dim_value = height
    del proto.graph.value_info[:]  # stated shapes were the native height's; onnxruntime infers its own
    for attr in pool.attribute:
        if attr.name in ("kernel_shape", "strides"):
            attr.ints[0] = rows
    return proto.SerializeToString()


def backbone_rows(proto, name: str, height: int) -> int | None:
    """How many rows the tensor `name` has when the model's input is `height` px high (onnx's
    shape inference on a copy with that input height); None if inference cannot say."""
    from onnx import shape_inference

    probe = type(proto)()
    probe.CopyFrom(proto)
    probe.graph.input[0].type.tensor_type.shape.dim[2].dim_value = height
    del probe.graph.value_info[:]
    try:
        inferred = shape_inference.infer_shapes(probe)
    except Exception:  # noqa: BLE001 - a graph onnx cannot infer is not one to change
        return None
    info = next((v for v in inferred.graph.value_info if v.name == name), None)
    dims = info.type.tensor_type.shape.dim if info is not None else []
    return dims[2].dim_value if len(dims) == 4 and dims[2].HasField("dim_value") else None
