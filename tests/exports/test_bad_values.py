"""A bad value already in a file never stops an export: it reads as invalid (or empty) and the rest goes on.

Before, one ``votes: "abc"`` (stored by an older import) made every export end in a
traceback, even ``--json``, so not even a backup could be made.
"""

from __future__ import annotations

import json

import pytest

from exports.exchange import export_data
from exports.jobs import ExportRequest, run_export
from exports.model import load_report

from export_samples import BAD_VALUES, build_methods, build_rich, corrupt


@pytest.fixture
def damaged(doc):
    build_rich(doc)
    build_methods(doc)
    done = corrupt(doc)
    assert len(done) == len(BAD_VALUES)  # every bad value found a row to sit in
    return doc


def test_every_export_of_a_damaged_file_completes(damaged, tmp_path):
    req = ExportRequest(pdf=tmp_path / "i.pdf", xlsx=tmp_path / "t.xlsx", csv_dir=tmp_path / "csv",
                        docx=tmp_path / "i.docx", json=tmp_path / "p.json", full_json=True)
    result = run_export(damaged, req)
    assert {p.name for p in result.written} >= {"i.pdf", "t.xlsx", "i.docx", "p.json"}
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert any(n["votes"] == "abc" for n in data["tables"]["note"])  # the backup keeps what the file holds


def test_the_report_reads_bad_numbers_as_invalid_not_fatal(damaged):
    report = load_report(damaged)
    notes = [n for w in report.workshops for c in w.canvases for n in c.notes]
    assert notes and all(isinstance(n.votes, int) and isinstance(n.x, float) for n in notes)
    blocks = [b for w in report.workshops for b in w.blocks]
    assert all(isinstance(b.minutes, int) for b in blocks)
    assert export_data(damaged)["tables"]["note"]


def test_canvases_read_zones_leniently(damaged):
    for w in damaged.workshops():
        for canvas in damaged.canvases(w["id"]):
            assert isinstance(canvas["zones"], list)
            assert all(isinstance(z, dict) and z.get("key") for z in canvas["zones"])
