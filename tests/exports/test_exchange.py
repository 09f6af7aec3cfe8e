"""The exchange format round-trips a whole process and merges two laptops' captures by UUID."""

from __future__ import annotations

import json
import shutil

import pytest

from exports.exchange import FORMAT, VERSION, ExchangeError, export_data, export_json, import_json, read_exchange
from facilitator.commands import InsertRow, UpdateRow
from facilitator.document import ProcessDocument

from export_samples import build_rich

COUNTED = ("workshop", "canvas", "block", "participant", "workgroup", "attendance", "theme", "note", "link",
           "minutes_entry", "commitment", "validation_round", "photo", "run_event")


def counts(doc: ProcessDocument) -> dict[str, int]:
    return {t: doc.store.scalar(f'SELECT count(*) FROM "{t}"') for t in COUNTED}


def rows(doc: ProcessDocument, table: str) -> dict[str, dict]:
    return {r["id"]: r for r in doc.store.query(f'SELECT * FROM "{table}"')}


def test_export_is_documented_format_with_everything(rich):
    doc, _ids = rich
    data = json.loads(export_json(doc))
    assert data["format"] == FORMAT and data["version"] == VERSION
    assert {t: len(data["tables"][t]) for t in COUNTED} == counts(doc)
    photo = data["tables"]["photo"][0]
    assert set(photo["data"]) == {"$base64"}


def test_round_trip_into_an_empty_file(rich, tmp_path):
    doc, _ids = rich
    raw = export_json(doc)
    other = ProcessDocument.create(tmp_path / "otro.taller", "Otro")
    try:
        import_json(other, raw)
        assert counts(other) == counts(doc)
        for table in ("note", "photo", "participant", "minutes_entry", "run_event"):
            mine, theirs = rows(doc, table), rows(other, table)
            assert mine.keys() == theirs.keys()
            for rid, row in mine.items():
                expected = {k: v for k, v in row.items() if k != "process_id"}
                got = {k: v for k, v in theirs[rid].items() if k != "process_id"}
                assert got == expected
        assert {r["process_id"] for r in other.store.query("SELECT process_id FROM workshop")} == {other.process["id"]}
    finally:
        other.close()


def test_importing_twice_duplicates_nothing(rich):
    doc, _ids = rich
    raw = export_json(doc)
    before = counts(doc)
    plan = import_json(doc, raw)
    assert plan.changes == 0 and plan.command is None
    plan = import_json(doc, raw)
    assert plan.changes == 0 and counts(doc) == before


def test_two_laptops_merge(doc, tmp_path):
    """A file copied to a second laptop; both capture; each imports the other's export; they agree."""
    build_rich(doc)
    doc.close()
    shutil.copy(doc.path, tmp_path / "b.taller")
    a = ProcessDocument.open(doc.path)
    b = ProcessDocument.open(tmp_path / "b.taller")
    try:
        canvas = a.store.query("SELECT id FROM canvas WHERE kind = 'board' LIMIT 1")[0]["id"]
        a.execute(InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Nota de la laptop A"}))
        b.execute(InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Nota de la laptop B ñ 😀"}))
        edited = a.store.query("SELECT id FROM note WHERE text = 'Desafío número 3'")[0]["id"]
        b.execute(UpdateRow("note", edited, {"votes": 42}))
        # the same person marked present on both laptops (two attendance ids for one fact)
        new_person = InsertRow("participant", {"process_id": b.process["id"], "name": "Nueva"})
        b.execute(new_person)
        person = new_person.id
        wid = a.workshops()[0]["id"]
        a.execute(InsertRow("participant", {"id": person, "process_id": a.process["id"], "name": "Nueva"}))
        a.execute(InsertRow("attendance", {"workshop_id": wid, "participant_id": person, "present": 1}))
        b.execute(InsertRow("attendance", {"workshop_id": wid, "participant_id": person, "present": 1}))

        from_a, from_b = export_json(a), export_json(b)
        import_json(a, from_b)
        import_json(b, from_a)
        texts_a = sorted(r["text"] for r in a.store.query("SELECT text FROM note"))
        texts_b = sorted(r["text"] for r in b.store.query("SELECT text FROM note"))
        assert texts_a == texts_b
        assert "Nota de la laptop A" in texts_a and "Nota de la laptop B ñ 😀" in texts_a
        assert a.store.get("note", edited)["votes"] == 42 == b.store.get("note", edited)["votes"]
        assert counts(a) == counts(b)
        assert a.store.scalar("SELECT count(*) FROM attendance WHERE participant_id = ?", (person,)) == 1
        # merging again is a no-op both ways
        assert import_json(a, export_json(b)).changes == 0
        assert import_json(b, export_json(a)).changes == 0
    finally:
        a.close()
        b.close()


def test_import_is_one_undoable_step(rich, tmp_path):
    doc, _ids = rich
    raw = export_json(doc)
    other = ProcessDocument.create(tmp_path / "otro.taller", "Otro")
    try:
        plan = import_json(other, raw)
        plan.command.undo(other.store)
        assert set(counts(other).values()) == {0}
    finally:
        other.close()


@pytest.mark.parametrize("raw, message", [
    (b"not json", "JSON"),
    (b'{"format": "otra-cosa", "version": 1, "tables": {}}', "intercambio"),
    (json.dumps({"format": FORMAT, "version": VERSION + 1, "tables": {}}).encode(), "más nueva"),
    (json.dumps({"format": FORMAT, "version": VERSION}).encode(), "tablas"),
])
def test_bad_files_are_refused_in_one_line(raw, message):
    with pytest.raises(ExchangeError) as err:
        read_exchange(raw)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_blob_columns_survive(rich):
    doc, _ids = rich
    data = export_data(doc)
    original = doc.store.query("SELECT data FROM photo")[0]["data"]
    assert json.loads(json.dumps(data))["tables"]["photo"][0]["data"]["$base64"]
    assert isinstance(original, bytes) and len(original) > 100
