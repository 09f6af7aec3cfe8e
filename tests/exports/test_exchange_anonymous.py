"""The anonymised exchange copy: the process's work with no personal data, new ids, and still importable."""

from __future__ import annotations

import json

from exports.exchange import export_data, import_json
from exports.exchange_anonymous import anonymised_data
from exports.jobs import ExportRequest, run_export
from facilitator.app import main
from facilitator.document import ProcessDocument

from export_samples import NAMES, PEOPLE
from test_anonymous import found_names


def test_no_name_contact_or_small_category_and_every_id_is_new(rich):
    doc, _ids = rich
    original = export_data(doc)
    copy = anonymised_data(doc)
    text = json.dumps(copy, ensure_ascii=False)
    assert found_names(text) == set()
    assert "@example.org" not in text
    small = {p[1] for p in PEOPLE} | {p[2] for p in PEOPLE}  # every organisation and sector has < 3 people
    assert not [s for s in small if s in text]
    assert copy["anonymised"] is True and copy["min_group"] == 3
    old_ids = {r["id"] for rows in original["tables"].values() for r in rows}
    new_ids = {r["id"] for rows in copy["tables"].values() for r in rows}
    assert len(new_ids) == len(old_ids) and not old_ids & new_ids
    assert not any(p["consent"] for p in copy["tables"]["participant"])
    assert len(copy["tables"]["note"]) == len(original["tables"]["note"])  # the work itself is all there


def test_references_follow_the_new_ids(rich):
    doc, _ids = rich
    copy = anonymised_data(doc)
    tables = copy["tables"]
    canvases = {r["id"] for r in tables["canvas"]}
    assert all(n["canvas_id"] in canvases for n in tables["note"])
    people = {r["id"] for r in tables["participant"]}
    assert all(a["participant_id"] in people for a in tables["attendance"])


def test_the_copy_imports_into_a_new_process(rich, tmp_path):
    doc, _ids = rich
    run_export(doc, ExportRequest(json_anonymous=tmp_path / "anon.json"))
    other = ProcessDocument.create(tmp_path / "otro.taller", "Otro")
    try:
        plan = import_json(other, (tmp_path / "anon.json").read_bytes())
        assert plan.inserted.get("note", 0) > 10
        names = {r["name"] for r in other.store.query("SELECT name FROM participant")}
        assert names <= {""} and not set(NAMES) & names
    finally:
        other.close()


def test_cli_json_anonymous_needs_no_full(rich, tmp_path, capsys):
    doc, _ids = rich
    path = doc.path
    doc.close()
    assert main(["export", str(path), "--json-anonymous", str(tmp_path / "a.json")]) == 0
    assert found_names((tmp_path / "a.json").read_text(encoding="utf-8")) == set()
