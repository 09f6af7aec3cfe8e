"""The words step: a file from before keeps its words, the app's ones become keys (issue 14).

The older file is written with plain SQL, as the previous release left it
(today's ``Store.insert`` would already store keys).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from facilitator.domain.labels import show
from facilitator.i18n import Translator
from facilitator.store import open_process_file, schema
from facilitator.store.words_step import words_step, words_to_keys

WORDS_VERSION = schema.MIGRATIONS.index(words_step) + 1
ES, EN = Translator("es"), Translator("en")
STAMP = "2026-04-01T09:00:00Z"


def _put(conn: sqlite3.Connection, table: str, **values) -> str:
    values = {"id": f"{table}-{values.pop('n', 1)}", "created_at": STAMP, "updated_at": STAMP, **values}
    conn.execute(f'INSERT INTO "{table}" ({", ".join(values)}) VALUES ({", ".join("?" * len(values))})',
                 tuple(values.values()))
    return values["id"]


def _zones(*labels: tuple[str, str]) -> str:
    return json.dumps([{"key": k, "label": v} for k, v in labels], ensure_ascii=False)


def older_file(path: Path) -> None:
    """A file at the version before the step, made as the previous release made it (Spanish scripts)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        schema.migrate(conn, target=WORDS_VERSION - 1)
        conn.execute("BEGIN")
        pid = _put(conn, "process", title="Política migrante")
        wid = _put(conn, "workshop", process_id=pid, title="Taller FODA")
        _put(conn, "canvas", n=1, workshop_id=wid, key="matriz_foda", kind="foda", title="Matriz FODA",
             zones=_zones(("fortalezas", "Fortalezas"), ("oportunidades", "Oportunidades"),
                          ("debilidades", "Nuestras debilidades"), ("amenazas", "Amenazas")))
        _put(conn, "canvas", n=2, workshop_id=wid, key="", kind="board", title="Tablero 2",
             zones=_zones(("ideas", "Ideas")))
        _put(conn, "canvas", n=3, workshop_id=wid, key="", kind="board", title="Matriz FODA del grupo Norte",
             zones="{dañado")
        _put(conn, "canvas", n=4, workshop_id=wid, key="arbol", kind="problem_tree", title="Problem tree",
             zones=_zones(("problema", "Core problem"), ("causas", "Causas"), ("efectos", "Efectos")))
        _put(conn, "participant", n=1, process_id=pid, name="Ana", gender="Mujer", sector="Servicios públicos")
        _put(conn, "participant", n=2, process_id=pid, name="Luis", gender="hombre", sector="municipal")
        _put(conn, "participant", n=3, process_id=pid, name="Mujer", gender="femenina", sector="")
        _put(conn, "existing_initiative", n=1, process_id=pid, name="Oficina", status="En curso")
        _put(conn, "existing_initiative", n=2, process_id=pid, name="Feria", status="a la espera de fondos")
        _put(conn, "actor", n=1, process_id=pid, organisation="Fundación Ñandú", category="sociedad_civil")
        conn.execute("COMMIT")
    finally:
        conn.close()


def rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def test_the_app_words_become_keys_and_typed_words_stay(tmp_path):
    path = tmp_path / "antes.taller"
    older_file(path)
    store = open_process_file(path)
    try:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        titles = dict(rows(conn, "SELECT id, title FROM canvas"))
        assert titles == {"canvas-1": "canvas:matriz_foda", "canvas-2": "canvas:board 2",
                          "canvas-3": "Matriz FODA del grupo Norte", "canvas-4": "canvas:arbol"}
        zones = {i: z for i, z in rows(conn, "SELECT id, zones FROM canvas")}
        assert json.loads(zones["canvas-1"]) == [
            {"key": "fortalezas", "label": "zone:fortalezas"}, {"key": "oportunidades", "label": "zone:oportunidades"},
            {"key": "debilidades", "label": "Nuestras debilidades"}, {"key": "amenazas", "label": "zone:amenazas"}]
        assert zones["canvas-3"] == "{dañado"  # a damaged list is left for the readers to skip
        assert json.loads(zones["canvas-4"])[0]["label"] == "zone:problema"  # English words too
        people = {i: (n, g, s) for i, n, g, s in rows(conn, "SELECT id, name, gender, sector FROM participant")}
        assert people == {"participant-1": ("Ana", "gender:mujer", "sector:servicios_publicos"),
                          "participant-2": ("Luis", "gender:hombre", "municipal"),
                          "participant-3": ("Mujer", "femenina", "")}  # a name is never a word of the app
        assert dict(rows(conn, "SELECT id, status FROM existing_initiative")) == {
            "existing_initiative-1": "status:en_curso", "existing_initiative-2": "a la espera de fondos"}
        assert rows(conn, "SELECT category FROM actor") == [("sociedad_civil",)]  # already a key
        # The same rows, unchanged in time and in the merge history: only the spelling changed.
        assert {r[0] for r in rows(conn, "SELECT updated_at FROM canvas UNION SELECT updated_at FROM participant")} \
            == {STAMP}
        assert rows(conn, "SELECT count(*) FROM field_rev") == [(0,)]
        assert store.integrity_ok()
    finally:
        store.close()


def test_the_spanish_ui_shows_what_the_file_showed_before_and_the_english_ui_translates(tmp_path):
    path = tmp_path / "antes.taller"
    older_file(path)
    before = sqlite3.connect(path)
    old = rows(before, "SELECT title, zones FROM canvas ORDER BY id") + \
        rows(before, "SELECT gender, sector FROM participant ORDER BY id")
    before.close()
    store = open_process_file(path)
    try:
        new = rows(store.conn, "SELECT title, zones FROM canvas ORDER BY id") + \
            rows(store.conn, "SELECT gender, sector FROM participant ORDER BY id")
    finally:
        store.close()

    def shown(cell: str, t: Translator) -> str:
        try:
            zones = json.loads(cell)
        except ValueError:
            return show(cell, t)
        return json.dumps([{**z, "label": show(z["label"], t)} for z in zones], ensure_ascii=False) \
            if isinstance(zones, list) else cell

    spanish = [tuple(shown(c, ES) for c in row) for row in new]
    expected = [row for row in old]
    # Every value reads as before in Spanish, except the English tree the Spanish UI now shows in Spanish
    # and the lower-case «hombre» that now reads as the word of the list.
    expected[3] = ("Árbol de problemas", expected[3][1].replace("Core problem", "Problema central"))
    expected[5] = ("Hombre", "municipal")
    assert spanish == expected
    english = [tuple(shown(c, EN) for c in row) for row in new]
    assert english[0][0] == "SWOT matrix" and "Strengths" in english[0][1] and "Nuestras debilidades" in english[0][1]
    assert english[1][0] == "Board 2"
    assert english[2][0] == "Matriz FODA del grupo Norte"
    assert english[4] == ("Woman", "Public services")
    assert english[6] == ("femenina", "")


def test_the_step_is_idempotent(tmp_path):
    path = tmp_path / "antes.taller"
    older_file(path)
    open_process_file(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        tables = [r[0] for r in rows(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")]
        snapshot = {t: sorted(rows(conn, f'SELECT * FROM "{t}"'), key=repr) for t in tables}
        conn.execute("BEGIN")
        assert words_to_keys(conn) == 0
        conn.execute("COMMIT")
        assert {t: sorted(rows(conn, f'SELECT * FROM "{t}"'), key=repr) for t in tables} == snapshot
    finally:
        conn.close()
