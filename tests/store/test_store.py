"""The store's write path: rows in and out, cascades and their restore, transactions, pragmas.

These are the guarantees every command and view relies on: a write is committed
when the call returns, a failed write leaves nothing behind, listeners hear only
about committed changes, and a delete can be put back exactly.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from facilitator.store import FileProblem, StoreBug, create_process_file, open_process_file
from facilitator.store.db import Change


@pytest.fixture
def store(tmp_path):
    s = create_process_file(tmp_path / "p.taller", "Proceso")
    yield s
    s.close()


def other_connection(store) -> sqlite3.Connection:
    """A second, independent reader: it sees only what is committed."""
    return sqlite3.connect(str(store.path))


def committed(store, sql: str, params=()) -> list[tuple]:
    conn = other_connection(store)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def dump(store) -> dict[str, dict[str, dict]]:
    """Every row of every table, keyed by id, without ``updated_at`` (restores refresh it)."""
    out: dict[str, dict[str, dict]] = {}
    for table in store._columns:
        rows = store.query(f'SELECT * FROM "{table}"')
        out[table] = {r["id"]: {k: v for k, v in r.items() if k != "updated_at"} for r in rows}
    return out


def workshop_with_content(store) -> dict[str, str]:
    """A small workshop using every kind of reference (cascade and SET NULL)."""
    pid = store.scalar("SELECT id FROM process")
    ids = {"process": pid}
    ids["workshop"] = store.insert("workshop", {"process_id": pid, "title": "Diagnóstico"})["id"]
    ids["canvas"] = store.insert("canvas", {"workshop_id": ids["workshop"], "kind": "board", "title": "Papelógrafo",
                                            "zones": json.dumps([{"key": "desafios", "label": "Desafíos"}])})["id"]
    ids["block"] = store.insert("block", {"workshop_id": ids["workshop"], "title": "Desafíos", "minutes": 25,
                                          "canvas_id": ids["canvas"], "zone": "desafios"})["id"]
    ids["group"] = store.insert("workgroup", {"workshop_id": ids["workshop"], "name": "Grupo 1"})["id"]
    ids["person"] = store.insert("participant", {"process_id": pid, "name": "Ana Núñez", "consent": 1})["id"]
    ids["attendance"] = store.insert("attendance", {"workshop_id": ids["workshop"], "participant_id": ids["person"],
                                                    "group_id": ids["group"]})["id"]
    ids["theme"] = store.insert("theme", {"canvas_id": ids["canvas"], "name": "Salud"})["id"]
    ids["note1"] = store.insert("note", {"canvas_id": ids["canvas"], "zone": "desafios", "group_id": ids["group"],
                                         "block_id": ids["block"], "participant_id": ids["person"],
                                         "theme_id": ids["theme"], "text": "Falta de información"})["id"]
    ids["note2"] = store.insert("note", {"canvas_id": ids["canvas"], "zone": "desafios", "group_id": ids["group"],
                                         "text": "Barreras idiomáticas"})["id"]
    ids["link"] = store.insert("link", {"canvas_id": ids["canvas"], "source_id": ids["note1"],
                                        "target_id": ids["note2"]})["id"]
    ids["minutes"] = store.insert("minutes_entry", {"workshop_id": ids["workshop"], "block_id": ids["block"],
                                                    "group_id": ids["group"], "text": "Acuerdo"})["id"]
    ids["photo"] = store.insert("photo", {"workshop_id": ids["workshop"], "block_id": ids["block"],
                                          "group_id": ids["group"], "mime": "image/jpeg", "data": b"\xff\xd8jpeg"})["id"]
    ids["event"] = store.insert("run_event", {"workshop_id": ids["workshop"], "block_id": ids["block"],
                                              "kind": "start", "at": "2026-01-01T09:00:00"})["id"]
    return ids


# -- pragmas ------------------------------------------------------------------------------
def test_pragmas_are_wal_full_sync_and_foreign_keys(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1


def test_reopened_file_gets_the_same_pragmas(tmp_path):
    create_process_file(tmp_path / "p.taller", "P").close()
    s = open_process_file(tmp_path / "p.taller")
    try:
        assert (s.scalar("PRAGMA journal_mode"), s.scalar("PRAGMA synchronous"), s.scalar("PRAGMA foreign_keys")) \
            == ("wal", 2, 1)
        assert not s.readonly
        assert s.integrity_ok()
    finally:
        s.close()


# -- insert / update / delete ------------------------------------------------------------
def test_insert_fills_id_and_stamps_and_is_committed_on_return(store):
    pid = store.scalar("SELECT id FROM process")
    row = store.insert("participant", {"process_id": pid, "name": "José Pérez"})
    assert len(row["id"]) == 36 and row["created_at"] == row["updated_at"] and row["created_at"].endswith("Z")
    assert committed(store, "SELECT name FROM participant WHERE id = ?", (row["id"],)) == [("José Pérez",)]
    assert store.get("participant", row["id"])["name"] == "José Pérez"


def test_update_returns_previous_values_and_refreshes_updated_at(store):
    pid = store.scalar("SELECT id FROM process")
    row = store.insert("participant", {"process_id": pid, "name": "A", "sector": "salud",
                                       "updated_at": "2000-01-01T00:00:00.000Z"})
    old = store.update("participant", row["id"], {"name": "B", "sector": "educación", "id": "ignored"})
    assert old == {"name": "A", "sector": "salud"}
    after = store.get("participant", row["id"])
    assert (after["id"], after["name"], after["sector"]) == (row["id"], "B", "educación")
    assert after["updated_at"] > "2000-01-01T00:00:00.000Z"
    assert committed(store, "SELECT name FROM participant WHERE id = ?", (row["id"],)) == [("B",)]


@pytest.mark.parametrize("call", [
    lambda s: s.insert("no_such_table", {"x": 1}),
    lambda s: s.insert("participant", {"nombre": "x"}),
    lambda s: s.update("participant", "missing-id", {"name": "x"}),
    lambda s: s.update("participant", "missing-id", {"nombre": "x"}),
    lambda s: s.delete("participant", "missing-id"),
    lambda s: s.get("no_such_table", "x"),
])
def test_our_own_mistakes_are_store_bugs_and_change_nothing(store, call):
    before = dump(store)
    with pytest.raises(StoreBug):
        call(store)
    assert dump(store) == before


def test_constraint_violation_is_a_store_bug_and_rolls_back(store):
    pid = store.scalar("SELECT id FROM process")
    wid = store.insert("workshop", {"process_id": pid, "title": "T"})["id"]
    before = dump(store)
    with pytest.raises(StoreBug):
        store.insert("block", {"workshop_id": wid, "title": "x", "minutes": 0})  # CHECK minutes > 0
    with pytest.raises(StoreBug):
        store.insert("block", {"workshop_id": "no-such-workshop", "title": "x", "minutes": 5})  # FOREIGN KEY
    assert dump(store) == before
    assert not store.conn.in_transaction


def test_delete_workshop_cascades_and_restore_puts_everything_back(store):
    ids = workshop_with_content(store)
    before = dump(store)
    snap = store.delete("workshop", ids["workshop"])
    removed = {t for (t, _id) in snap.rows}
    assert removed == {"workshop", "canvas", "block", "workgroup", "attendance", "theme", "note", "link",
                       "minutes_entry", "photo", "run_event"}
    assert store.scalar("SELECT count(*) FROM note") == 0
    assert store.get("participant", ids["person"]) is not None  # belongs to the process, not the workshop
    store.restore(snap)
    assert dump(store) == before
    assert store.query("PRAGMA foreign_key_check") == []


def test_delete_group_sets_references_null_and_restore_puts_them_back(store):
    ids = workshop_with_content(store)
    before = dump(store)
    snap = store.delete("workgroup", ids["group"])
    for table, rid in (("note", ids["note1"]), ("note", ids["note2"]), ("attendance", ids["attendance"]),
                       ("minutes_entry", ids["minutes"]), ("photo", ids["photo"])):
        assert store.get(table, rid)["group_id"] is None, table
    assert set(snap.rows) == {("workgroup", ids["group"])}
    store.restore(snap)
    assert dump(store) == before


def test_delete_block_nulls_canvas_links_and_restore(store):
    ids = workshop_with_content(store)
    before = dump(store)
    snap = store.delete("block", ids["block"])
    assert store.get("note", ids["note1"])["block_id"] is None
    assert store.get("run_event", ids["event"])["block_id"] is None
    store.restore(snap)
    assert dump(store) == before


def test_delete_note_takes_its_links_and_restore_brings_them(store):
    ids = workshop_with_content(store)
    before = dump(store)
    snap = store.delete("note", ids["note2"])
    assert store.get("link", ids["link"]) is None
    store.restore(snap)
    assert dump(store) == before


def test_delete_participant_cascades_attendance_and_nulls_note_author(store):
    ids = workshop_with_content(store)
    before = dump(store)
    snap = store.delete("participant", ids["person"])
    assert store.get("attendance", ids["attendance"]) is None
    assert store.get("note", ids["note1"])["participant_id"] is None
    store.restore(snap)
    assert dump(store) == before


def test_delete_canvas_nulls_block_canvas_and_restore(store):
    ids = workshop_with_content(store)
    before = dump(store)
    snap = store.delete("canvas", ids["canvas"])
    assert store.get("block", ids["block"])["canvas_id"] is None
    assert store.scalar("SELECT count(*) FROM note") == 0
    store.restore(snap)
    assert dump(store) == before


# -- transactions and listeners ------------------------------------------------------------
def test_nested_transaction_failure_rolls_back_everything(store):
    pid = store.scalar("SELECT id FROM process")
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    before = dump(store)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.insert("participant", {"process_id": pid, "name": "uno"})
            with store.transaction():
                store.insert("participant", {"process_id": pid, "name": "dos"})
            raise RuntimeError("boom")
    assert dump(store) == before
    assert heard == []
    assert not store.conn.in_transaction
    # The store is usable afterwards and the next commit reports only its own change.
    row = store.insert("participant", {"process_id": pid, "name": "tres"})
    assert heard == [[Change("participant", "insert", row["id"])]]


def test_listeners_hear_once_per_commit_and_only_after_it(store):
    pid = store.scalar("SELECT id FROM process")
    seen: list[tuple[list[Change], list[tuple]]] = []

    def listener(changes):
        # What another process would read at this moment: the change must already be committed.
        seen.append((changes, committed(store, "SELECT name FROM participant ORDER BY name")))

    store.subscribe(listener)
    with store.transaction():
        a = store.insert("participant", {"process_id": pid, "name": "a"})
        b = store.insert("participant", {"process_id": pid, "name": "b"})
        assert seen == []  # nothing heard inside the transaction
        assert committed(store, "SELECT count(*) FROM participant") == [(0,)]
    assert seen == [([Change("participant", "insert", a["id"]), Change("participant", "insert", b["id"])],
                     [("a",), ("b",)])]
    store.unsubscribe(listener)
    store.insert("participant", {"process_id": pid, "name": "c"})
    assert len(seen) == 1


def test_delete_reports_cascaded_and_nulled_rows(store):
    ids = workshop_with_content(store)
    heard: list[list[Change]] = []
    store.subscribe(heard.append)
    store.delete("workgroup", ids["group"])
    (changes,) = heard
    assert Change("workgroup", "delete", ids["group"]) in changes
    assert Change("note", "update", ids["note1"]) in changes
    assert Change("attendance", "update", ids["attendance"]) in changes


def test_readonly_store_refuses_writes_with_file_problem(tmp_path):
    create_process_file(tmp_path / "p.taller", "P").close()
    s = open_process_file(tmp_path / "p.taller", readonly=True)
    try:
        assert s.readonly
        pid = s.scalar("SELECT id FROM process")
        with pytest.raises(FileProblem) as err:
            s.insert("participant", {"process_id": pid, "name": "x"})
        assert err.value.code == FileProblem.READ_ONLY
        assert s.scalar("SELECT count(*) FROM participant") == 0
    finally:
        s.close()


def test_close_folds_the_wal_back_into_the_file(tmp_path):
    path = tmp_path / "p.taller"
    s = create_process_file(path, "P")
    pid = s.scalar("SELECT id FROM process")
    for i in range(50):
        s.insert("participant", {"process_id": pid, "name": f"p{i}"})
    s.close()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)  # reads the main file only
    try:
        assert conn.execute("SELECT count(*) FROM participant").fetchone() == (50,)
    finally:
        conn.close()


def test_create_refuses_an_existing_file(tmp_path):
    path = tmp_path / "p.taller"
    path.write_bytes(b"mine")
    with pytest.raises(FileProblem) as err:
        create_process_file(path, "P")
    assert err.value.code == FileProblem.EXISTS
    assert path.read_bytes() == b"mine"
