"""Bad files get a clear answer and stay untouched.

Each refused file keeps its exact bytes and gets no -wal/-shm companions; each
answer is a FileProblem whose message names the file, in Spanish by default and
in English after switching language.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from facilitator.commands import InsertRow, Macro
from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.i18n import _catalog, set_language
from facilitator.store import SCHEMA_VERSION, FileProblem, create_process_file, open_process_file
from facilitator.store import db as store_db
from facilitator.workshops import new_workshop

COMPANIONS = ("-wal", "-shm", "-journal")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\x00" * 64
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def companions(path: Path) -> set[str]:
    return {s for s in COMPANIONS if Path(f"{path}{s}").exists()}


def folder_listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def check_message(problem: FileProblem, path: Path) -> None:
    """Non-empty Spanish text naming the file; the English catalog's text after set_language('en')."""
    spanish = problem.message()
    assert spanish.strip() and str(path) in spanish
    assert "Traceback" not in spanish
    msgid = FileProblem.MESSAGES[problem.code]
    english_catalog = _catalog("en")
    assert msgid in english_catalog, f"the English catalogue (resources/locale/en) lacks the message for {problem.code}"
    set_language("en")
    try:
        english = problem.message()
    finally:
        set_language("es")
    assert english == english_catalog[msgid].format(path=problem.path, detail=problem.detail)
    assert english != spanish and str(path) in english


def refuse(path: Path, code: str, **kwargs) -> FileProblem:
    """Open must refuse with ``code`` and leave the file and its folder exactly as they were."""
    digest, listing = sha(path), folder_listing(path.parent)
    with pytest.raises(FileProblem) as err:
        open_process_file(path, **kwargs)
    assert err.value.code == code, err.value.message()
    assert sha(path) == digest
    assert folder_listing(path.parent) == listing  # no -wal/-shm or temporary files left
    check_message(err.value, path)
    return err.value


@pytest.fixture(scope="module")
def filled_file(tmp_path_factory) -> Path:
    """A closed process file with a workshop and enough notes to span many pages."""
    path = tmp_path_factory.mktemp("filled") / "lleno.taller"
    doc = ProcessDocument.create(path, "Proceso lleno")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    canvas = doc.canvases(macro.workshop_id)[0]["id"]
    doc.execute(Macro([InsertRow("note", {"canvas_id": canvas, "zone": "desafios",
                                          "text": f"Nota {i}: " + "desafío " * 40}) for i in range(400)]))
    doc.close()
    assert not companions(path)
    return path


@pytest.fixture
def copy_of(filled_file, tmp_path):
    def make(name: str = "copia.taller") -> Path:
        target = tmp_path / name
        shutil.copyfile(filled_file, target)
        return target
    return make


# -- not SQLite --------------------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"Acta del taller\nNo es una base de datos.\n", b"", PNG,
                                     b"SQLite format 2\x00" + b"\x00" * 200],
                         ids=["text", "empty", "png", "sqlite2"])
def test_not_sqlite_is_refused(tmp_path, content):
    path = tmp_path / "no_es.taller"
    path.write_bytes(content)
    refuse(path, FileProblem.NOT_SQLITE)


def test_sqlite_file_of_another_app_is_refused(tmp_path):
    path = tmp_path / "otra_app.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ana')")
    conn.commit()
    conn.close()
    refuse(path, FileProblem.NOT_OURS)


def test_empty_sqlite_database_is_not_ours(tmp_path):
    """A fresh SQLite file with no application id is never adopted (nor migrated) silently."""
    path = tmp_path / "vacio.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("VACUUM")  # writes the header page
    conn.close()
    refuse(path, FileProblem.NOT_OURS)


def test_sqlite_file_in_wal_mode_of_another_app_leaves_no_companions(tmp_path):
    path = tmp_path / "otra_wal.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert not companions(path)
    refuse(path, FileProblem.NOT_OURS)


def test_missing_file(tmp_path):
    path = tmp_path / "no_existe.taller"
    with pytest.raises(FileProblem) as err:
        open_process_file(path)
    assert err.value.code == FileProblem.MISSING
    assert not path.exists() and not list(tmp_path.iterdir())
    check_message(err.value, path)


# -- corrupt -------------------------------------------------------------------------------------
def garble(path: Path, start: int, length: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    data = bytearray(path.read_bytes())
    end = min(start + length, len(data))
    data[start:end] = bytes(rnd.randrange(256) for _ in range(end - start))
    path.write_bytes(bytes(data))


def page_size(path: Path) -> int:
    raw = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if raw == 1 else raw


def test_garbage_over_the_magic_string(copy_of):
    path = copy_of()
    garble(path, 0, 16)
    refuse(path, FileProblem.NOT_SQLITE)


def test_garbage_over_the_rest_of_the_header(copy_of):
    path = copy_of()
    garble(path, 16, 84)
    problem = refuse(path, FileProblem.CORRUPT)
    assert problem.detail


@pytest.mark.parametrize("where", ["schema_page", "second_page", "middle", "last_page"])
def test_garbage_over_pages(copy_of, where):
    path = copy_of()
    size, ps = path.stat().st_size, page_size(path)
    pages = size // ps
    assert pages > 20
    start = {"schema_page": 100, "second_page": ps, "middle": (pages // 2) * ps, "last_page": size - ps}[where]
    garble(path, start, 3 * ps if where == "middle" else ps - (start % ps))
    refuse(path, FileProblem.CORRUPT)


def test_truncated_file(copy_of):
    path = copy_of()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refuse(path, FileProblem.CORRUPT)


# -- newer version -------------------------------------------------------------------------------
def test_file_from_a_newer_version(copy_of):
    path = copy_of()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    assert not companions(path)
    problem = refuse(path, FileProblem.NEWER)
    assert problem.detail == str(SCHEMA_VERSION + 1)


# -- read-only -----------------------------------------------------------------------------------
def test_unwritable_file_opens_read_only_and_says_so(copy_of):
    path = copy_of()
    digest = sha(path)
    store = open_process_file(path, writable_check=lambda p: False)
    try:
        assert store.readonly
        assert store.scalar("SELECT count(*) FROM note") == 400
        pid = store.scalar("SELECT id FROM process")
        with pytest.raises(FileProblem) as err:
            store.update("process", pid, {"title": "cambiado"})
        assert err.value.code == FileProblem.READ_ONLY
        check_message(err.value, path)
        assert "solo lectura" in err.value.message()
    finally:
        store.close()
    assert sha(path) == digest
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_read_only_document_refuses_commands(copy_of):
    path = copy_of()
    digest = sha(path)
    doc = ProcessDocument.open(path, readonly=True)
    try:
        with pytest.raises(FileProblem) as err:
            doc.execute(InsertRow("participant", {"process_id": doc.process["id"], "name": "x"}))
        assert err.value.code == FileProblem.READ_ONLY
    finally:
        doc.close()
    assert sha(path) == digest


@pytest.mark.skipif(AS_ROOT, reason="root ignores file permissions")
def test_real_read_only_file_and_folder(copy_of, tmp_path):
    path = copy_of()
    digest = sha(path)
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        store = open_process_file(path)
        try:
            assert store.readonly
            with pytest.raises(FileProblem) as err:
                store.insert("participant", {"process_id": store.scalar("SELECT id FROM process"), "name": "x"})
            assert err.value.code == FileProblem.READ_ONLY
        finally:
            store.close()
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)
    assert sha(path) == digest


@pytest.mark.skipif(AS_ROOT, reason="root ignores file permissions")
def test_real_read_only_file_in_writable_folder(copy_of):
    path = copy_of()
    digest = sha(path)
    path.chmod(0o444)
    try:
        store = open_process_file(path)
        assert store.readonly
        store.close()
    finally:
        path.chmod(0o644)
    assert sha(path) == digest


# -- full disk -------------------------------------------------------------------------------------
def fill_up(doc: ProcessDocument, spare_pages: int = 2) -> None:
    """Make the next big write fail as on a full disk: SQLite's page limit gives SQLITE_FULL."""
    pages = doc.store.scalar("PRAGMA page_count")
    doc.store.conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def big_edit(doc: ProcessDocument, canvas_id: str) -> Macro:
    return Macro([InsertRow("note", {"canvas_id": canvas_id, "zone": "desafios", "text": "ñ" * 3000})
                  for _ in range(30)], "pegar muchas notas")


def test_full_disk_says_so_and_writes_nothing(copy_of):
    path = copy_of()
    doc = ProcessDocument.open(path)
    try:
        canvas = doc.store.scalar("SELECT id FROM canvas")
        before = doc.store.query("SELECT id, text FROM note ORDER BY id")
        heard = []
        doc.subscribe(heard.append)
        fill_up(doc)
        with pytest.raises(FileProblem) as err:
            doc.execute(big_edit(doc, canvas))
        assert err.value.code == FileProblem.DISK_FULL
        check_message(err.value, path)
        assert heard == []
        assert not doc.store.conn.in_transaction
        assert doc.store.query("SELECT id, text FROM note ORDER BY id") == before
        # Small edits still fit, and the file is sound.
        doc.execute(InsertRow("note", {"canvas_id": canvas, "text": "cabe"}))
        assert doc.store.integrity_ok()
    finally:
        doc.close()
    reopened = open_process_file(path)
    try:
        assert reopened.scalar("SELECT count(*) FROM note") == len(before) + 1
        assert reopened.scalar("SELECT count(*) FROM note WHERE text LIKE 'ñññ%'") == 0
    finally:
        reopened.close()


def test_full_disk_through_the_undo_stack(copy_of, qtbot, monkeypatch):
    from qtshared.dialogs import Dialogs
    from qtshared.undo import UndoAdapter

    shown: list[str] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    path = copy_of()
    doc = ProcessDocument.open(path)
    try:
        undo = UndoAdapter(doc)
        canvas = doc.store.scalar("SELECT id FROM canvas")
        assert undo.run(InsertRow("note", {"canvas_id": canvas, "text": "antes"}))
        assert undo.stack.count() == 1
        notes = doc.store.scalar("SELECT count(*) FROM note")
        fill_up(doc)
        with qtbot.waitSignal(undo.failed) as failed, qtbot.assertNotEmitted(undo.saved):
            assert undo.run(big_edit(doc, canvas)) is False
        assert undo.stack.count() == 1 and undo.stack.undoText() != "pegar muchas notas"
        assert doc.store.scalar("SELECT count(*) FROM note") == notes
        message = FileProblem(FileProblem.DISK_FULL, str(path)).message()
        assert shown == [message] and failed.args == [message]
        # What was there can still be undone.
        undo.stack.undo()
        assert doc.store.scalar("SELECT count(*) FROM note") == notes - 1
    finally:
        doc.close()


# -- creating a file where it cannot be made ---------------------------------------------------------
def test_create_in_missing_folder(tmp_path):
    path = tmp_path / "no_hay" / "nuevo.taller"
    with pytest.raises(FileProblem) as err:
        create_process_file(path, "P")
    assert err.value.code == FileProblem.IO
    check_message(err.value, path)
    assert folder_listing(tmp_path) == set()


def test_create_where_a_file_stands_for_the_folder(tmp_path):
    (tmp_path / "archivo").write_text("x")
    path = tmp_path / "archivo" / "nuevo.taller"
    with pytest.raises(FileProblem) as err:
        create_process_file(path, "P")
    assert err.value.code == FileProblem.IO
    assert folder_listing(tmp_path) == {"archivo"}


@pytest.mark.skipif(AS_ROOT, reason="root ignores folder permissions")
def test_create_in_unwritable_folder(tmp_path):
    folder = tmp_path / "solo_lectura"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(FileProblem) as err:
            create_process_file(folder / "nuevo.taller", "P")
        assert err.value.code == FileProblem.IO
        assert folder_listing(folder) == set()
    finally:
        folder.chmod(0o755)


def test_create_on_a_full_disk_leaves_no_half_made_file(tmp_path, monkeypatch):
    real_migrate = store_db.migrate

    def migrate_on_full_disk(conn, *args, **kwargs):
        conn.execute("PRAGMA max_page_count = 3")  # the schema needs many more pages
        return real_migrate(conn, *args, **kwargs)

    monkeypatch.setattr(store_db, "migrate", migrate_on_full_disk)
    path = tmp_path / "nuevo.taller"
    with pytest.raises(FileProblem) as err:
        create_process_file(path, "P")
    assert err.value.code == FileProblem.DISK_FULL
    check_message(err.value, path)
    assert folder_listing(tmp_path) == set()
