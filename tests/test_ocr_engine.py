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
