"""Undoable commands: every edit, its undo and its redo are each one committed transaction."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.commands import DeleteRow, InsertRow, Macro, UpdateRow, reorder
from facilitator.domain.templates import builtin_template
from facilitator.store import StoreBug
from facilitator.store.schema import HISTORY_TABLES
from facilitator.workshops import (MAX_MINUTES, add_block, check_minutes, edit_block, move_block, new_workshop,
                                   remove_block, retime_block)


def dump(doc) -> dict[str, dict[str, dict]]:
    """All rows of all content tables, without ``updated_at`` (undo refreshes it on purpose).

    The merge history (revisions, tombstones) is left out: it records each edit and undo.
    """
    store = doc.store
    return {t: {r["id"]: {k: v for k, v in r.items() if k != "updated_at"}
                for r in store.query(f'SELECT * FROM "{t}"')} for t in store._columns if t not in HISTORY_TABLES}


def on_disk(doc, sql: str, params=()) -> list[tuple]:
    """Read through a separate connection: only committed data is visible there."""
    conn = sqlite3.connect(str(doc.path))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def fill_workshop(doc, wid: str) -> dict[str, str]:
    """Groups, people, themes, notes, links, minutes, photos, events in a workshop, through commands."""
    canvas = doc.canvases(wid)[0]
    block = next(b for b in doc.blocks(wid) if b["canvas_id"] == canvas["id"])
    group = InsertRow("workgroup", {"workshop_id": wid, "name": "Grupo 1"})
    person = InsertRow("participant", {"process_id": doc.process["id"], "name": "María Peña", "consent": 1})
    theme = InsertRow("theme", {"canvas_id": canvas["id"], "name": "Vivienda"})
    n1 = InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios", "group_id": group.id,
                            "block_id": block["id"], "participant_id": person.id, "theme_id": theme.id,
                            "text": "Acceso a vivienda", "tags": '["vivienda"]'})
    n2 = InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios", "group_id": group.id,
                            "text": "Arriendos abusivos"})
    cmds = [group, person, theme, n1, n2,
            InsertRow("attendance", {"workshop_id": wid, "participant_id": person.id, "group_id": group.id}),
            InsertRow("link", {"canvas_id": canvas["id"], "source_id": n2.id, "target_id": n1.id}),
            InsertRow("minutes_entry", {"workshop_id": wid, "block_id": block["id"], "group_id": group.id,
                                        "kind": "acuerdo", "text": "Mesa de vivienda"}),
            InsertRow("photo", {"workshop_id": wid, "block_id": block["id"], "mime": "image/png",
                                "data": b"\x89PNG..."}),
            InsertRow("run_event", {"workshop_id": wid, "block_id": block["id"], "kind": "start",
                                    "at": "2026-03-01T09:00:00", "payload": "{}"})]
    doc.execute(Macro(cmds, "fill"))
    return {"group": group.id, "person": person.id, "n1": n1.id, "n2": n2.id, "block": block["id"],
            "canvas": canvas["id"]}


# -- the three row commands ---------------------------------------------------------------
def test_insert_id_known_before_running_and_undo_redo_are_committed(doc):
    cmd = InsertRow("participant", {"process_id": doc.process["id"], "name": "Lucía"})
    rid = cmd.id
    assert doc.store.get("participant", rid) is None
    doc.execute(cmd)
    assert on_disk(doc, "SELECT name FROM participant WHERE id = ?", (rid,)) == [("Lucía",)]
    cmd.undo(doc.store)
    assert on_disk(doc, "SELECT count(*) FROM participant") == [(0,)]
    cmd.redo(doc.store)
    assert on_disk(doc, "SELECT id, name FROM participant") == [(rid, "Lucía")]


def test_a_new_row_is_three_statements_and_its_redo_after_undo_clears_its_tombstone(doc):
    cmd = InsertRow("participant", {"process_id": doc.process["id"], "name": "Lucía"})  # id made here: no tombstone
    kept = InsertRow("participant", {"process_id": doc.process["id"], "id": "de-otro-archivo", "name": "Ana"})
    statements: list[str] = []
    doc.store.conn.set_trace_callback(statements.append)
    doc.execute(cmd)
    assert [s.split()[0] for s in statements] == ["BEGIN", "INSERT", "COMMIT"]
    cmd.undo(doc.store)
    assert on_disk(doc, "SELECT count(*) FROM tombstone WHERE row_id = ?", (cmd.id,)) == [(1,)]
    cmd.redo(doc.store)  # the row comes back, so its tombstone goes (a merge must not delete it again)
    assert on_disk(doc, "SELECT count(*) FROM tombstone WHERE row_id = ?", (cmd.id,)) == [(0,)]
    statements.clear()
    doc.execute(kept)
    assert [s.split()[0] for s in statements] == ["BEGIN", "INSERT", "DELETE", "COMMIT"]
    doc.store.conn.set_trace_callback(None)


def test_update_undo_restores_previous_values_repeatedly(doc):
    pid = doc.process["id"]
    cmd = UpdateRow("process", pid, {"title": "Nuevo título", "place": "Arica"})
    doc.execute(cmd)
    assert on_disk(doc, "SELECT title, place FROM process") == [("Nuevo título", "Arica")]
    for _ in range(3):
        cmd.undo(doc.store)
        assert on_disk(doc, "SELECT title, place FROM process") == [("Proceso de prueba", "")]
        cmd.redo(doc.store)
        assert on_disk(doc, "SELECT title, place FROM process") == [("Nuevo título", "Arica")]


def test_delete_workshop_undo_brings_everything_back(diagnostic):
    doc, wid = diagnostic
    fill_workshop(doc, wid)
    before = dump(doc)
    cmd = DeleteRow("workshop", wid)
    doc.execute(cmd)
    after_delete = dump(doc)
    assert after_delete["workshop"] == {} and after_delete["note"] == {} and after_delete["block"] == {}
    assert len(after_delete["participant"]) == 1
    for _ in range(2):
        cmd.undo(doc.store)
        assert dump(doc) == before
        assert on_disk(doc, "SELECT count(*) FROM note") == [(2,)]
        cmd.redo(doc.store)
        assert dump(doc) == after_delete
    assert doc.store.integrity_ok()


def test_delete_group_undo_puts_back_the_notes_group(diagnostic):
    doc, wid = diagnostic
    ids = fill_workshop(doc, wid)
    before = dump(doc)
    cmd = DeleteRow("workgroup", ids["group"])
    doc.execute(cmd)
    assert on_disk(doc, "SELECT count(*) FROM note WHERE group_id IS NULL") == [(2,)]
    assert on_disk(doc, "SELECT group_id FROM attendance") == [(None,)]
    cmd.undo(doc.store)
    assert on_disk(doc, "SELECT count(*) FROM note WHERE group_id = ?", (ids["group"],)) == [(2,)]
    assert dump(doc) == before


def test_delete_block_undo_relinks_notes_and_minutes(diagnostic):
    doc, wid = diagnostic
    ids = fill_workshop(doc, wid)
    before = dump(doc)
    cmd = remove_block(doc, ids["block"])
    doc.execute(cmd)
    assert doc.store.get("note", ids["n1"])["block_id"] is None
    cmd.undo(doc.store)
    assert dump(doc) == before


# -- Macro ----------------------------------------------------------------------------------
def test_macro_is_one_transaction_and_one_notification(doc):
    heard = []
    doc.subscribe(heard.append)
    pid = doc.process["id"]
    a = InsertRow("participant", {"process_id": pid, "name": "a"})
    b = InsertRow("participant", {"process_id": pid, "name": "b"})
    m = Macro([a, b, UpdateRow("participant", a.id, {"name": "a2"})], "tres cambios")
    doc.execute(m)
    assert len(heard) == 1 and [c.op for c in heard[0]] == ["insert", "insert", "update"]
    assert on_disk(doc, "SELECT name FROM participant ORDER BY name") == [("a2",), ("b",)]
    m.undo(doc.store)
    assert len(heard) == 2
    assert on_disk(doc, "SELECT count(*) FROM participant") == [(0,)]


@pytest.mark.parametrize("bad_at", [0, 1, 2])
def test_macro_failing_sub_command_rolls_back_all(diagnostic, bad_at):
    doc, wid = diagnostic
    heard = []
    doc.subscribe(heard.append)
    before = dump(doc)
    blocks = doc.blocks(wid)
    good = [UpdateRow("block", blocks[0]["id"], {"title": "Cambiado"}),
            InsertRow("workgroup", {"workshop_id": wid, "name": "G"}),
            DeleteRow("block", blocks[1]["id"])]
    bad = InsertRow("block", {"workshop_id": wid, "title": "Cero", "minutes": 0})  # CHECK minutes > 0
    cmds = good[:bad_at] + [bad] + good[bad_at:]
    with pytest.raises(StoreBug):
        doc.execute(Macro(cmds, "falla"))
    assert dump(doc) == before
    assert heard == []
    assert not doc.store.conn.in_transaction


def test_macro_undo_failure_rolls_back_all(doc):
    """If one undo step is refused the whole undo is refused: no half-undone edit."""
    pid = doc.process["id"]
    a = InsertRow("participant", {"process_id": pid, "name": "a"})
    b = InsertRow("participant", {"process_id": pid, "name": "b"})
    m = Macro([a, b])
    doc.execute(m)
    doc.store.delete("participant", a.id)  # make a's undo fail (row gone)
    before = dump(doc)
    with pytest.raises(StoreBug):
        m.undo(doc.store)
    assert dump(doc) == before


def test_reorder_touches_only_rows_that_move(diagnostic):
    doc, wid = diagnostic
    blocks = doc.blocks(wid)
    ids = [b["id"] for b in blocks]
    new = [ids[1], ids[0], *ids[2:]]
    macro = reorder("block", new, {b["id"]: b["position"] for b in blocks})
    assert [c.id for c in macro.commands] == [ids[1], ids[0]]
    doc.execute(macro)
    assert [b["id"] for b in doc.blocks(wid)] == new
    macro.undo(doc.store)
    assert [b["id"] for b in doc.blocks(wid)] == ids


# -- agenda edits (facilitator.workshops) -----------------------------------------------------
def test_new_workshop_builds_canvases_and_agenda_from_template(doc):
    template = builtin_template("diagnostico")
    macro = new_workshop(doc, template, lang="en", title="Taller ñandú", date="2026-05-04", place="Iquique")
    doc.execute(macro)
    w = doc.workshop(macro.workshop_id)
    assert (w["title"], w["template_id"], w["method"], w["date"], w["place"]) == \
        ("Taller ñandú", "diagnostico", "diagnostic", "2026-05-04", "Iquique")
    (canvas,) = doc.canvases(macro.workshop_id)
    assert canvas["kind"] == "board"
    assert [z["key"] for z in canvas["zones"]] == ["desafios", "fortalezas_oportunidades"]
    # the script's zone names are stored as keys and shown in the reader's language (Spanish UI here)
    (stored,) = doc.canvases(macro.workshop_id, shown=False)
    assert [z["label"] for z in stored["zones"]] == ["zone:desafios", "zone:fortalezas_oportunidades"]
    assert [z["label"] for z in canvas["zones"]] == ["Desafíos", "Fortalezas y oportunidades"]
    blocks = doc.blocks(macro.workshop_id)
    assert [b["minutes"] for b in blocks] == [10, 25, 10, 25, 10, 10]
    assert [b["title"] for b in blocks] == [b.title["en"] for b in template.blocks]
    assert blocks[1]["canvas_id"] == canvas["id"] and blocks[1]["zone"] == "desafios"
    assert blocks[1]["input_modes"] == "individual,group"
    macro.undo(doc.store)
    assert doc.workshops() == [] and on_disk(doc, "SELECT count(*) FROM block") == [(0,)]


def test_add_block_after_selected_shifts_later_blocks(diagnostic):
    doc, wid = diagnostic
    ids = [b["id"] for b in doc.blocks(wid)]
    macro = add_block(doc, wid, after=ids[1], title="Café", minutes=15)
    doc.execute(macro)
    blocks = doc.blocks(wid)
    assert [b["id"] for b in blocks] == [*ids[:2], macro.id, *ids[2:]]
    assert [b["position"] for b in blocks] == list(range(7))
    macro.undo(doc.store)
    assert [b["id"] for b in doc.blocks(wid)] == ids
    assert [b["position"] for b in doc.blocks(wid)] == list(range(6))


def test_move_block_and_its_ends(diagnostic):
    doc, wid = diagnostic
    ids = [b["id"] for b in doc.blocks(wid)]
    assert move_block(doc, ids[0], -1) is None
    assert move_block(doc, ids[-1], +1) is None
    doc.execute(move_block(doc, ids[2], -1))
    assert [b["id"] for b in doc.blocks(wid)] == [ids[0], ids[2], ids[1], *ids[3:]]


@pytest.mark.parametrize("value", [0, -5, "abc", None, MAX_MINUTES + 1, "1.5"])
def test_bad_minutes_are_refused_with_a_message(diagnostic, value):
    doc, wid = diagnostic
    bid = doc.blocks(wid)[0]["id"]
    with pytest.raises(ValueError) as err:
        retime_block(doc, bid, value)
    assert "minutos" in str(err.value)


def test_minutes_accept_typed_numbers(diagnostic):
    doc, wid = diagnostic
    assert check_minutes("45") == 45 and check_minutes(MAX_MINUTES) == MAX_MINUTES
    bid = doc.blocks(wid)[0]["id"]
    cmd = retime_block(doc, bid, "45")
    doc.execute(cmd)
    assert on_disk(doc, "SELECT minutes FROM block WHERE id = ?", (bid,)) == [(45,)]
    cmd.undo(doc.store)
    assert on_disk(doc, "SELECT minutes FROM block WHERE id = ?", (bid,)) == [(10,)]


def test_edit_block_fields(diagnostic):
    doc, wid = diagnostic
    bid = doc.blocks(wid)[0]["id"]
    with pytest.raises(ValueError):
        edit_block(doc, bid, "title", "   ")
    with pytest.raises(KeyError):
        edit_block(doc, bid, "workshop_id", "x")
    doc.execute(edit_block(doc, bid, "title", "  Bienvenida  "))
    assert doc.store.get("block", bid)["title"] == "Bienvenida"
