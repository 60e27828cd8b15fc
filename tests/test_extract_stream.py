"""`audit extract` streams its JSON: the same text `json.dumps(indent=2)` gives, one report at a time."""

from __future__ import annotations

import json

from jixiao_audit.audit.export import reports_json

from tests.report_factory import clean_department, clean_project, seed_department


def test_stream_is_json_dumps_text():
    for reports in ([], [clean_department()], [clean_department(), clean_project(), seed_department()]):
        doc = {"reports": [r.model_dump(mode="json") for r in reports]}
        assert "".join(reports_json(reports)) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def test_stream_takes_one_report_at_a_time():
    taken = []

    def reports():
        for make in (clean_department, clean_project):
            taken.append(make.__name__)
            yield make()

    chunks = reports_json(reports())
    assert next(chunks) == '{\n  "reports": ['
    assert next(chunks).startswith('\n    {\n      "file": ') and taken == ["clean_department"]
    assert next(chunks).startswith(",\n    {") and len(taken) == 2
    assert next(chunks) == "\n  ]\n}\n"
