"""Measure the int8 recogniser's activation ranges (extract/ocr_quant_ranges.json).

    python tools/ocr_calibrate.py            # reads every committed scan (≈ 2 min CPU), writes the file

The calibration crops are the ones the reader really recognises: every committed scan
(corpus/scans/ and corpus/scans/generated/) is read by OCR and each crop it sends to the
recogniser recorded; CALIBRATION_CROPS of them, evenly spaced in reading order, are run through
the cut float model (MinMax ranges, see `extract/ocr_quant.py`). Deterministic: same scans, same
model, same onnxruntime → the same file. Run it again when rapidocr's model or onnxruntime changes
(the reader then uses the float model: the ranges are keyed by the optimised model's hash).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's package, not an installed one
SCANS = ROOT / "corpus" / "scans"
CALIBRATION_CROPS = 200
SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}


def scan_files() -> list[Path]:
    return sorted(p for p in SCANS.rglob("*") if p.suffix.lower() in SCAN_SUFFIXES)


def recognised_crops(files: list[Path]) -> list:
    """Every crop the reader sends to the recogniser while reading `files`, in order."""
    import jixiao_audit.extract.ocr_reader as reader
    from jixiao_audit.extract.ocr_engine import INT8_ENV
    from jixiao_audit.extract.ocr_pages import set_page_workers

    crops: list = []
    recognise = reader.recognize_lines

    def recording(batch):
        crops.extend(c.copy() for c in batch)
        return recognise(batch)

    os.environ[INT8_ENV] = "0"  # the float model's readings decide which crops are read again
    set_page_workers(1)  # in this process, so the recording sees every crop
    reader.recognize_lines = recording
    try:
        for path in files:
            if path.suffix.lower() == ".pdf":
                import pypdfium2 as pdfium

                pages = len(pdfium.PdfDocument(str(path)))
                reader.ocr_pdf_pages(path, list(range(1, pages + 1)))
            else:
                reader.read_image(path)
            print(f"{path.name}: {len(crops)} crops so far", flush=True)
    finally:
        reader.recognize_lines = recognise
    return crops


def main() -> None:
    import numpy as np
    from jixiao_audit.extract.ocr_engine import float_model, rec_input
    from jixiao_audit.extract.ocr_quant import RANGES_FILE, calibrated_ranges

    crops = recognised_crops(scan_files())
    picked = np.linspace(0, len(crops) - 1, min(CALIBRATION_CROPS, len(crops))).astype(int)
    model, _ = float_model()
    ranges = calibrated_ranges(model, (rec_input(crops[i]) for i in picked))
    RANGES_FILE.write_text(json.dumps(ranges, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(picked)} of {len(crops)} crops → {RANGES_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
