"""Versioned migrations: every step upgrades a file made by the previous schema, in one transaction.

The generic tests walk ``MIGRATIONS``: for each step N they build a file at
version N-1 holding data representative of that version, upgrade it, and check
that the data survived. When a migration is added, ``SAMPLES`` must gain the data
of the version it upgrades from (a test says so). Steps that do not exist yet are
simulated by appending to ``MIGRATIONS``, to show an older file is carried
forward and that a failing step leaves the file at its previous version.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Callable

import pytest

from facilitator.store import FileProblem, open_process_file
from facilitator.store import db as store_db
from facilitator.store import schema
from facilitator.store.db import Store
from facilitator.store.errors import StoreError
from facilitator.store.words_step import words_step


def fill_v1(store: Store) -> None:
    """One row in every table of schema version 1, with accents, blobs and references."""
    pid = store.insert("process", {"title": "Política Municipal de Migración — Ñuñoa", "logo": b"\x89PNG"})["id"]
    wid = store.insert("workshop", {"process_id": pid, "title": "Diagnóstico", "template_id": "diagnostico",
                                    "method": "diagnostic", "date": "2026-04-01"})["id"]
    cid = store.insert("canvas", {"workshop_id": wid, "key": "papelografo", "kind": "board", "title": "Papelógrafo",
                                  "zones": json.dumps([{"key": "desafios", "label": "Desafíos"}], ensure_ascii=False)})["id"]
    bid = store.insert("block", {"workshop_id": wid, "title": "Identificar desafíos", "minutes": 25,
                                 "input_modes": "individual,group", "canvas_id": cid, "zone": "desafios"})["id"]
    gid = store.insert("workgroup", {"workshop_id": wid, "name": "Grupo 1", "colour": "#ffcc00"})["id"]
    person = store.insert("participant", {"process_id": pid, "name": "Ana Núñez", "sector": "municipal",
                                          "consent": 1})["id"]
    store.insert("attendance", {"workshop_id": wid, "participant_id": person, "group_id": gid})
    tid = store.insert("theme", {"canvas_id": cid, "name": "Salud"})["id"]
    n1 = store.insert("note", {"canvas_id": cid, "zone": "desafios", "group_id": gid, "block_id": bid,
                               "participant_id": person, "theme_id": tid, "text": "Falta de intérpretes",
                               "x": 12.0, "y": 34.5, "tags": '["salud"]', "votes": 3})["id"]
    n2 = store.insert("note", {"canvas_id": cid, "zone": "desafios", "text": "Trámites lentos 🐢"})["id"]
    store.insert("link", {"canvas_id": cid, "source_id": n1, "target_id": n2})
    store.insert("minutes_entry", {"workshop_id": wid, "block_id": bid, "kind": "propuesta", "text": "Mesa migrante"})
    store.insert("photo", {"workshop_id": wid, "block_id": bid, "mime": "image/jpeg", "data": b"\xff\xd8" + bytes(500)})
    store.insert("run_event", {"workshop_id": wid, "block_id": bid, "kind": "start", "at": "2026-04-01T09:00:00",
                               "payload": '{"by": "facilitadora"}'})


def fill_v2(store: Store) -> None:
    """Version 2 adds commitments and validation rounds."""
    fill_v1(store)
    pid, wid = store.scalar("SELECT id FROM process"), store.scalar("SELECT id FROM workshop")
    entry = store.scalar("SELECT id FROM minutes_entry")
    store.insert("commitment", {"process_id": pid, "workshop_id": wid, "origin_entry_id": entry,
                                "what": "Oficina de atención migrante", "responsible": "DIDECO", "due": "2026-12-31",
                                "status": "in_progress"})
    store.insert("validation_round", {"workshop_id": wid, "proposal": "Eje salud", "stakeholder": "Organizaciones",
                                      "reception": "reservations", "reasons": "Falta presupuesto"})


def fill_v3(store: Store) -> None:
    """Version 3 adds objective trees, tree marks and scores, planning initiatives and monitoring rows."""
    fill_v2(store)
    wid = store.scalar("SELECT id FROM workshop")
    note = store.scalar("SELECT id FROM note WHERE votes = 3")
    tree = store.insert("canvas", {"workshop_id": wid, "kind": "problem_tree", "title": "Árbol"})["id"]
    store.insert("canvas", {"workshop_id": wid, "kind": "problem_tree", "variant": "objectives", "origin_id": tree})
    store.insert("note", {"canvas_id": tree, "zone": "causas", "text": "Falta de políticas inclusivas",
                          "marks": '["critical"]', "impact": 5, "feasibility": 2, "origin_id": note})
    plan = store.insert("canvas", {"workshop_id": wid, "kind": "planning_matrix"})["id"]
    initiative = store.insert("initiative", {"canvas_id": plan, "axis": "salud", "name": "Facilitadores interculturales",
                                             "needs_funding": 1, "smart": '{"specific": true}',
                                             "origin_note_id": note})["id"]
    follow = store.insert("canvas", {"workshop_id": wid, "kind": "monitoring_matrix"})["id"]
    store.insert("monitoring_row", {"canvas_id": follow, "name": "Facilitadores interculturales", "on_track": 0,
                                    "status": "late", "origin_initiative_id": initiative,
                                    "origin_commitment_id": store.scalar("SELECT id FROM commitment")})


CAPTURE_VERSION = schema.MIGRATIONS.index(schema._phone_capture) + 1


def fill_capture(store: Store) -> None:
    """The phone capture step adds capture sessions, the items phones sent and their dots."""
    SAMPLES[CAPTURE_VERSION - 1](store)
    wid, bid = store.scalar("SELECT id FROM workshop"), store.scalar("SELECT id FROM block")
    note, gid = store.scalar("SELECT id FROM note WHERE votes = 3"), store.scalar("SELECT id FROM workgroup")
    sid = store.insert("capture_session", {"workshop_id": wid, "block_id": bid, "opened_at": "2026-04-01T09:10:00Z",
                                           "moderated": 1, "voting": 1})["id"]
    store.insert("capture_item", {"session_id": sid, "phone": "p-1", "group_id": gid, "zone": "desafios",
                                  "text": "Intérpretes en el CESFAM 🙏", "status": "accepted", "note_id": note,
                                  "sent_at": "2026-04-01T09:11:00Z"})
    store.insert("capture_item", {"session_id": sid, "phone": "p-2", "text": "<b>oculto</b>", "status": "hidden",
                                  "sent_at": "2026-04-01T09:12:00Z"})
    store.insert("capture_vote", {"session_id": sid, "phone": "p-2", "note_id": note})


SYNTHESIS_VERSION = schema.MIGRATIONS.index(schema._synthesis) + 1


def fill_synthesis(store: Store) -> None:
    """The synthesis step adds findings with their sources, the guide's tables and the texts."""
    SAMPLES[SYNTHESIS_VERSION - 1](store)
    pid = store.scalar("SELECT id FROM process")
    note = store.scalar("SELECT id FROM note WHERE votes = 3")
    finding = store.insert("finding", {"process_id": pid, "statement": "Faltan intérpretes en salud",
                                       "kind": "desafio", "dimensions": '["salud"]'})["id"]
    store.insert("finding_source", {"finding_id": finding, "note_id": note, "quote": 1})
    store.insert("finding_source", {"finding_id": finding, "entry_id": store.scalar("SELECT id FROM minutes_entry")})
    store.insert("key_figure", {"process_id": pid, "figure": "Población migrante", "value": "12 %",
                                "source": "CASEN", "year": "2022"})
    store.insert("actor", {"process_id": pid, "organisation": "Fundación Ñandú", "category": "fundaciones"})
    store.insert("existing_initiative", {"process_id": pid, "name": "Oficina migrante", "status": "en curso"})
    store.insert("synthesis_text", {"process_id": pid, "kind": "summary", "body": "Resumen",
                                    "findings": f'["{finding}"]'})
    store.insert("synonym", {"process_id": pid, "term": "colegio", "equals": "escuela"})


# SAMPLES[v] fills a file at schema version v with data representative of that version.
# Every version up to the current one needs an entry: it is what the next step will upgrade.
SAMPLES: dict[int, Callable[[Store], None]] = {1: fill_v1, 2: fill_v2, 3: fill_v3}
MERGE_HISTORY = schema.MIGRATIONS.index(schema._merge_history) + 1


def fill_merge_history(store: Store) -> None:
    """The merge-history step adds field revisions, tombstones and open conflicts."""
    SAMPLES[MERGE_HISTORY - 1](store)
    note = store.scalar("SELECT id FROM note WHERE votes = 3")
    store.update("note", note, {"text": "Faltan intérpretes", "x": 20.0})
    store.delete("note", store.scalar("SELECT id FROM note WHERE text LIKE 'Trámites%'"))
    store.insert("merge_conflict", {"tbl": "note", "row_id": note, "field": "text", "mine": '"a"', "theirs": '"b"',
                                    "their_device": "laptop-b"})


SAMPLES[MERGE_HISTORY] = fill_merge_history
SAMPLES[CAPTURE_VERSION] = fill_capture
SAMPLES[SYNTHESIS_VERSION] = fill_synthesis
WORDS_VERSION = schema.MIGRATIONS.index(words_step) + 1


def fill_words(store: Store) -> None:
    """The words step adds no table: the app's words in the file become keys (tests/store/test_words_step.py)."""
    SAMPLES[WORDS_VERSION - 1](store)


SAMPLES[WORDS_VERSION] = fill_words


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def build(path: Path, version: int) -> dict[str, list[tuple]]:
    """A file at ``version`` made by running the first ``version`` steps, with that version's sample data."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        assert schema.migrate(conn, target=version) == list(range(1, version + 1))
        if version:
            SAMPLES[version](Store(conn, path, readonly=False))
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        conn.execute("PRAGMA journal_mode = WAL")  # as the app leaves its files
        return snapshot(conn)
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def header(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0], conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


# -- the real migrations ------------------------------------------------------------------------
def test_every_version_that_can_be_upgraded_has_sample_data():
    missing = [v for v in range(1, schema.SCHEMA_VERSION + 1) if v not in SAMPLES]
    assert not missing, f"add SAMPLES for schema versions {missing} in {__file__}"
    assert schema.SCHEMA_VERSION == len(schema.MIGRATIONS) >= 1


@pytest.mark.parametrize("step", range(1, schema.SCHEMA_VERSION + 1))
def test_each_step_upgrades_a_file_of_the_previous_version(tmp_path, step):
    path = tmp_path / f"v{step - 1}.taller"
    before = build(path, step - 1)
    if step == 1:
        # Version 0 is an empty SQLite file: only create_process_file runs this step
        # (open_process_file never adopts a file without our application id).
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            assert schema.migrate(conn, target=1) == [1]
            assert set(snapshot(conn)) >= {"process", "workshop", "block", "note", "canvas"}
        finally:
            conn.close()
        assert header(path) == (1, schema.APPLICATION_ID)
        return
    store = open_process_file(path)
    try:
        assert not store.readonly
        after = snapshot(store.conn)
        for table, rows in before.items():
            width = len(rows[0]) if rows else 0
            # Columns added later come after the old ones; the old values must be intact.
            assert [r[:width] for r in after[table]] == rows, table
        assert store.integrity_ok()
    finally:
        store.close()
    assert header(path) == (schema.SCHEMA_VERSION, schema.APPLICATION_ID)


def test_migrate_is_a_no_op_on_a_current_file(tmp_path):
    path = tmp_path / "actual.taller"
    build(path, schema.SCHEMA_VERSION)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert schema.migrate(conn) == []
    finally:
        conn.close()


# -- simulated future steps ----------------------------------------------------------------------
@pytest.fixture
def future_steps(monkeypatch):
    """Append migration steps as a later release would (SCHEMA_VERSION follows len(MIGRATIONS))."""
    def add(*steps: Callable[[sqlite3.Connection], None]) -> int:
        migrations = [*schema.MIGRATIONS, *steps]
        version = len(migrations)
        monkeypatch.setattr(schema, "MIGRATIONS", migrations)
        monkeypatch.setattr(schema, "SCHEMA_VERSION", version)
        monkeypatch.setattr(store_db, "SCHEMA_VERSION", version)
        monkeypatch.setattr(schema.migrate, "__defaults__", (version,))
        return version
    return add


def add_priority(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE note ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE note SET priority = votes")


def add_agreements(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE agreement (id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, "
                 "updated_at TEXT NOT NULL, workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE, "
                 "text TEXT NOT NULL)")


def test_open_carries_an_older_file_forward(tmp_path, future_steps):
    current = schema.SCHEMA_VERSION
    path = tmp_path / "antiguo.taller"
    before = build(path, current)
    target = future_steps(add_priority, add_agreements)
    store = open_process_file(path)
    try:
        after = snapshot(store.conn)
        assert [r[:-1] for r in after["note"]] == before["note"]
        assert {k: v for k, v in after.items() if k not in ("note", "agreement")} == \
            {k: v for k, v in before.items() if k != "note"}
        assert store.scalar("SELECT priority FROM note WHERE votes = 3") == 3
        # The store sees the new schema: a new column and a new table are writable.
        wid = store.scalar("SELECT id FROM workshop")
        store.insert("agreement", {"workshop_id": wid, "text": "Reunión mensual"})
        store.update("note", store.scalar("SELECT id FROM note WHERE votes = 3"), {"priority": 9})
    finally:
        store.close()
    assert header(path) == (target, schema.APPLICATION_ID)


def fail_midway(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE note ADD COLUMN half_done TEXT")
    conn.execute("UPDATE note SET half_done = 'x'")
    conn.execute("SELECT no_such_column FROM note")  # a mistake in the step's SQL


def fail_in_python(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE note ADD COLUMN half_done TEXT")
    raise ValueError("a data conversion in the step went wrong")


@pytest.mark.parametrize("failing", [fail_midway, fail_in_python])
def test_failing_step_leaves_the_file_at_its_version_untouched(tmp_path, future_steps, failing):
    current = schema.SCHEMA_VERSION
    path = tmp_path / "antiguo.taller"
    before = build(path, current)
    digest = sha(path)
    future_steps(failing)
    with pytest.raises((StoreError, ValueError)) as err:
        open_process_file(path)
    if failing is fail_midway:  # our step's mistake, not a damaged file
        assert err.value.code == FileProblem.UPGRADE_FAILED
        assert "no se pudo actualizar" in err.value.message().lower()
    assert sha(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["antiguo.taller"]  # no -wal/-shm left open
    assert header(path) == (current, schema.APPLICATION_ID)
    conn = sqlite3.connect(path)
    try:
        assert snapshot(conn) == before
        assert "half_done" not in [r[1] for r in conn.execute("PRAGMA table_info(note)")]
    finally:
        conn.close()


def test_each_step_commits_on_its_own(tmp_path, future_steps):
    """Steps before a failing one stay applied: the file is always at a whole version."""
    current = schema.SCHEMA_VERSION
    path = tmp_path / "antiguo.taller"
    build(path, current)
    future_steps(add_priority, fail_midway)
    with pytest.raises(StoreError):
        open_process_file(path)
    assert header(path) == (current + 1, schema.APPLICATION_ID)
    conn = sqlite3.connect(path)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(note)")]
    finally:
        conn.close()
    assert "priority" in columns and "half_done" not in columns


def test_read_only_older_file_is_refused_untouched(tmp_path, future_steps):
    path = tmp_path / "antiguo.taller"
    build(path, schema.SCHEMA_VERSION)
    digest = sha(path)
    future_steps(add_priority)
    with pytest.raises(FileProblem) as err:
        open_process_file(path, writable_check=lambda p: False)
    assert err.value.code == FileProblem.READ_ONLY_OLD
    assert str(path) in err.value.message()
    assert sha(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["antiguo.taller"]


def test_migrate_rolls_back_the_failing_step_and_reraises(tmp_path, future_steps):
    path = tmp_path / "x.taller"
    build(path, schema.SCHEMA_VERSION)
    future_steps(fail_midway)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError):
            schema.migrate(conn)
        assert not conn.in_transaction
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS) - 1
    finally:
        conn.close()
