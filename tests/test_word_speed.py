"""What the Word speed work (issue 16) added beside the readers: a GC pause per file, cheap Source copies."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

from jixiao_audit.normalize.model import Source

from jixiao_audit.pipeline import gc_paused, load_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_gc_paused_restores_the_collector_and_leaves_a_callers_pause_alone():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the outer pause stays
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is not ended for it
    finally:
        gc.enable()


def test_load_file_leaves_the_collector_on_after_a_good_and_a_bad_file(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 cut short")
    good = load_file(min((CORPUS / "generated").glob("*.docx")))
    assert good.status == "ok" and good.reports
    assert load_file(bad).status == "error"
    assert gc.isenabled()


def test_source_with_raw_is_replace_with_raw_and_span():
    src = Source("f.docx", 2, 3, 4, 1, 5, (1.0, 2.0, 3.0, 4.0), "原文", (0, 2), 0.9, (("a", 0.5),))
    assert src.with_raw("新") == dataclasses.replace(src, raw="新")
    assert src.with_raw("新的话", (1, 3)) == dataclasses.replace(src, raw="新的话", span=(1, 3))
    assert src.raw == "原文"  # a copy, not a change
