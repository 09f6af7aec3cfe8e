"""Two laptops merge field by field: nothing either captured is lost, collisions are listed, deletions stay.

Before field-level merging, the newer ``updated_at`` won whole rows: A's new text
and B's new votes on the same note could not both survive, a row stamped 9999
won every later merge, and a deleted note came back.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from exports.exchange import ExchangeError, export_json, import_data, import_json, taller_data
from facilitator.commands import DeleteRow, InsertRow, UpdateRow
from facilitator.conflicts import open_conflicts, resolve
from facilitator.document import ProcessDocument
from facilitator.store.db import Store


def as_device(doc: ProcessDocument, name: str) -> ProcessDocument:
    doc.store.device = name
    return doc


@pytest.fixture
def laptops(doc, tmp_path):
    """(a, b, note_id): one process with one note, copied to a second laptop before the workshop."""
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    doc.execute(new_workshop(doc, builtin_template("diagnostico"), title="Diagnóstico", lang="es"))
    canvas = doc.store.query("SELECT id FROM canvas WHERE kind = 'board' LIMIT 1")[0]["id"]
    note = InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Original", "votes": 1})
    doc.execute(note)
    doc.close()
    shutil.copy(doc.path, tmp_path / "b.taller")
    a = as_device(ProcessDocument.open(doc.path), "laptop-a")
    b = as_device(ProcessDocument.open(tmp_path / "b.taller"), "laptop-b")
    yield a, b, note.id
    a.close()
    b.close()


def exchange(a: ProcessDocument, b: ProcessDocument) -> None:
    """Each laptop imports the other's export (both ways, as people do)."""
    from_a, from_b = export_json(a), export_json(b)
    import_json(a, from_b)
    import_json(b, from_a)


def test_edits_to_different_fields_of_one_note_both_survive(laptops):
    a, b, note = laptops
    a.execute(UpdateRow("note", note, {"text": "Texto corregido en A"}))
    b.execute(UpdateRow("note", note, {"votes": 7}))
    exchange(a, b)
    for doc in (a, b):
        row = doc.store.get("note", note)
        assert (row["text"], row["votes"]) == ("Texto corregido en A", 7)
        assert open_conflicts(doc) == []


def test_a_true_conflict_lands_in_the_list_with_both_values(laptops):
    a, b, note = laptops
    a.execute(UpdateRow("note", note, {"text": "Versión de A"}))
    b.execute(UpdateRow("note", note, {"text": "Versión de B"}))
    plan = import_json(a, export_json(b))
    assert plan.conflicts == 1
    assert a.store.get("note", note)["text"] == "Versión de A"  # ours stays until the facilitator decides
    [conflict] = open_conflicts(a)
    assert (conflict.table, conflict.field, conflict.mine, conflict.theirs, conflict.their_device) == \
        ("note", "text", "Versión de A", "Versión de B", "laptop-b")
    # merging the same file again does not list it twice
    assert import_json(a, export_json(b)).conflicts == 0 and len(open_conflicts(a)) == 1
    a.execute(resolve(a, conflict.id, "theirs"))
    assert a.store.get("note", note)["text"] == "Versión de B" and open_conflicts(a) == []
    # the resolution travels: B takes nothing back, and A's next merge from B is quiet
    import_json(b, export_json(a))
    assert b.store.get("note", note)["text"] == "Versión de B" and open_conflicts(b) == []
    assert import_json(a, export_json(b)).changes == 0


def test_keeping_mine_wins_the_next_merge_too(laptops):
    a, b, note = laptops
    a.execute(UpdateRow("note", note, {"votes": 3}))
    b.execute(UpdateRow("note", note, {"votes": 5}))
    import_json(a, export_json(b))
    [conflict] = open_conflicts(a)
    a.execute(resolve(a, conflict.id, "mine"))
    import_json(b, export_json(a))
    assert b.store.get("note", note)["votes"] == 3
    assert open_conflicts(b) == []


def test_a_deletion_stays_deleted(laptops):
    a, b, note = laptops
    b.execute(UpdateRow("note", note, {"votes": 9}))  # B even edited it meanwhile
    a.execute(DeleteRow("note", note))
    exchange(a, b)
    assert a.store.get("note", note) is None
    assert b.store.get("note", note) is None
    exchange(a, b)  # and later merges do not bring it back
    assert a.store.get("note", note) is None and b.store.get("note", note) is None


def test_a_clock_from_the_future_does_not_win(laptops, monkeypatch):
    a, b, note = laptops
    a.execute(UpdateRow("note", note, {"text": "Editada en A (reloj bien)"}))
    monkeypatch.setattr("facilitator.store.db.utc_now", lambda: "9999-12-31T23:59:59.999Z")
    b.execute(UpdateRow("note", note, {"votes": 4}))
    monkeypatch.undo()
    assert b.store.get("note", note)["updated_at"].startswith("9999")
    exchange(a, b)
    assert a.store.get("note", note)["text"] == "Editada en A (reloj bien)"
    assert b.store.get("note", note)["text"] == "Editada en A (reloj bien)"
    assert a.store.get("note", note)["votes"] == 4
    # A edits the same text again later: B's stamp of 9999 does not keep the old text
    a.execute(UpdateRow("note", note, {"text": "Segunda edición en A"}))
    import_json(b, export_json(a))
    assert b.store.get("note", note)["text"] == "Segunda edición en A"


def test_new_rows_on_both_sides_join(laptops):
    a, b, note = laptops
    canvas = a.store.get("note", note)["canvas_id"]
    a.execute(InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Nueva en A"}))
    b.execute(InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Nueva en B ñ 😀"}))
    exchange(a, b)
    texts = {d: sorted(r["text"] for r in d.store.query("SELECT text FROM note")) for d in (a, b)}
    assert texts[a] == texts[b] == sorted(["Original", "Nueva en A", "Nueva en B ñ 😀"])


def test_merge_directly_from_another_taller(laptops):
    a, b, note = laptops
    b.execute(UpdateRow("note", note, {"votes": 11}))
    plan = import_data(a, taller_data(b.path, a))
    assert plan.updated == {"note": 1}
    assert a.store.get("note", note)["votes"] == 11
    with pytest.raises(ExchangeError):
        taller_data(a.path, a)  # not with itself


def test_merge_is_one_undoable_step(laptops):
    a, b, note = laptops
    b.execute(UpdateRow("note", note, {"votes": 11, "text": "B"}))
    plan = import_json(a, export_json(b))
    plan.command.undo(a.store)
    assert (a.store.get("note", note)["votes"], a.store.get("note", note)["text"]) == (1, "Original")


def test_two_merges_at_once_do_not_collide(laptops, tmp_path):
    """A second merge waits for the first's write lock and then plans against what it wrote."""
    a, b, note = laptops
    canvas = b.store.get("note", note)["canvas_id"]
    b.execute(InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Sólo en B"}))
    raw = export_json(b)
    second = ProcessDocument(Store(sqlite3.connect(str(a.path), isolation_level=None, timeout=10.0,
                                                   check_same_thread=False), a.path, readonly=False))
    second.store.conn.execute("PRAGMA foreign_keys = ON")
    import threading

    results: list = []

    def run(doc):
        try:
            results.append(import_json(doc, raw).inserted.get("note", 0))
        except Exception as exc:  # noqa: BLE001 - the test reports what happened
            results.append(exc)

    threads = [threading.Thread(target=run, args=(d,)) for d in (a, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    second.close()
    assert sorted(r for r in results if isinstance(r, int)) == [0, 1], results
    assert a.store.scalar("SELECT count(*) FROM note WHERE text = 'Sólo en B'") == 1


def test_a_crafted_tombstone_cannot_delete_the_process(laptops):
    import json

    a, b, note = laptops
    data = json.loads(export_json(b))
    data["tables"]["tombstone"] = [{"id": "t1", "created_at": "2026-01-01T00:00:00Z",
                                    "updated_at": "2026-01-01T00:00:00Z", "tbl": "process",
                                    "row_id": a.process["id"], "device": "x"}]
    import_json(a, json.dumps(data).encode())
    assert a.store.get("note", note) is not None and a.store.scalar("SELECT count(*) FROM workshop") == 1


def test_rows_that_refer_to_each_other_merge_in_any_order(laptops):
    """An objective tree made from a problem tree, listed before it: references are checked at commit."""
    import json

    a, b, _note = laptops
    workshop = b.workshops()[0]["id"]
    tree = InsertRow("canvas", {"workshop_id": workshop, "kind": "problem_tree", "title": "Árbol"})
    b.execute(tree)
    b.execute(InsertRow("canvas", {"workshop_id": workshop, "kind": "problem_tree", "variant": "objectives",
                                   "origin_id": tree.id, "title": "Objetivos"}))
    data = json.loads(export_json(b))
    data["tables"]["canvas"].reverse()
    plan = import_json(a, json.dumps(data).encode())
    assert plan.inserted["canvas"] == 2
    assert a.store.get("canvas", tree.id) is not None


def test_a_hand_made_row_stamped_9999_neither_wins_nor_sorts_first(laptops):
    """The old rule let the newer ``updated_at`` win: a file claiming 9999 won every merge after it."""
    import json

    a, b, note = laptops
    data = json.loads(export_json(b))
    row = next(r for r in data["tables"]["note"] if r["id"] == note)
    row.update(text="Reescrita a mano", updated_at="9999-12-31T23:59:59.999Z")  # no revision says who changed it
    new = dict(row, id="9f0e8d7c-0000-4000-8000-000000000099", text="Nueva con reloj adelantado",
               created_at="9999-12-31T23:59:59.999Z")
    data["tables"]["note"].append(new)
    plan = import_json(a, json.dumps(data).encode())
    assert a.store.get("note", note)["text"] == "Original"  # not taken on the clock's word…
    assert [c.field for c in open_conflicts(a)] == ["text"]  # …but listed for the facilitator
    inserted = a.store.get("note", new["id"])
    assert inserted["text"] == "Nueva con reloj adelantado" and not inserted["updated_at"].startswith("9999")
    assert not inserted["created_at"].startswith("9999") and plan.inserted == {"note": 1}


def test_a_version_1_file_still_merges(laptops):
    """Files exported before the history existed: new rows come in; a differing field is listed, not guessed."""
    import json

    a, b, note = laptops
    canvas = b.store.get("note", note)["canvas_id"]
    b.execute(InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "De la versión anterior"}))
    data = json.loads(export_json(b))
    data["version"] = 1
    for table in ("field_rev", "tombstone"):
        data["tables"].pop(table)
    next(r for r in data["tables"]["note"] if r["id"] == note)["text"] = "Cambiada sin historia"
    plan = import_json(a, json.dumps(data).encode())
    assert plan.inserted == {"note": 1} and plan.conflicts == 1
    assert a.store.get("note", note)["text"] == "Original"
