"""Crafted files: triggers and views the schema does not define, and tables that are missing."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from facilitator.app import main
from facilitator.store import FileProblem, create_process_file, open_process_file


def _make(tmp_path, *sql: str):
    path = tmp_path / "p.taller"
    create_process_file(path, "P").close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for s in sql:
        conn.execute(s)
    conn.commit()
    conn.close()
    return path


CRAFTED = {
    "trigger deleting notes": "CREATE TRIGGER wipe AFTER INSERT ON note BEGIN DELETE FROM note; END",
    "trigger on process": "CREATE TRIGGER t2 BEFORE UPDATE ON process BEGIN SELECT 1; END",
    "trigger wiping contacts": "CREATE TRIGGER leak AFTER UPDATE ON participant BEGIN UPDATE participant SET contact = ''; END",
    "view": "CREATE VIEW everyone AS SELECT name, contact FROM participant",
    "view shadowing nothing": "CREATE VIEW v AS SELECT 1",
}


@pytest.mark.parametrize("sql", CRAFTED.values(), ids=list(CRAFTED))
def test_unknown_trigger_or_view_is_refused_and_file_untouched(tmp_path, sql):
    path = _make(tmp_path, sql)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(FileProblem) as info:
        open_process_file(path)
    assert info.value.code == FileProblem.CRAFTED
    message = info.value.message()
    assert str(path) in message and "\n" not in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("table", ["note", "participant", "canvas", "process"])
def test_dropped_table_is_a_one_line_error(tmp_path, capsys, table):
    path = _make(tmp_path, f"DROP TABLE {table}")
    code = main(["export", str(path), "--pdf", str(tmp_path / "r.pdf")])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "Traceback" not in err
    assert table in err


def test_a_clean_file_still_opens(tmp_path):
    path = _make(tmp_path)
    open_process_file(path).close()
