"""A crashed file copied with its -wal but no -shm to a read-only place: every committed edit is read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.commands import InsertRow, Macro
from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.store import FileProblem, open_process_file
from facilitator.workshops import new_workshop

ROOT = Path(__file__).resolve().parents[2]
SETPRIV = shutil.which("setpriv")
NO_OVERRIDE = [SETPRIV, "--bounding-set=-dac_override,-dac_read_search",
               "--inh-caps=-dac_override,-dac_read_search"]


def crashed_copy(tmp_path: Path, notes: int = 60) -> tuple[Path, int]:
    """A process whose last notes are only in its -wal, copied (file + -wal, no -shm) into a read-only folder."""
    live = tmp_path / "live" / "p.taller"
    live.parent.mkdir()
    doc = ProcessDocument.create(live, "P")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    canvas = doc.canvases(macro.workshop_id)[0]
    for i in range(notes):  # one commit each, as typing does
        doc.execute(Macro([InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios", "text": f"nota {i}",
                                             "x": 0, "y": 0, "position": i})], "x"))
    assert Path(f"{live}-wal").stat().st_size > 0
    copy = tmp_path / "usb"
    copy.mkdir()
    shutil.copy(live, copy / "p.taller")
    shutil.copy(f"{live}-wal", copy / "p.taller-wal")  # the laptop died: no -shm travels
    total = doc.store.scalar("SELECT count(*) FROM note")
    doc.store.conn.close()  # the crash: no checkpoint
    for f in copy.iterdir():
        f.chmod(0o444)
    copy.chmod(0o555)
    return copy / "p.taller", total


def test_read_only_crashed_copy_sees_every_committed_note(tmp_path):
    path, total = crashed_copy(tmp_path)
    assert total == 60
    # As an unprivileged user would (tests run as root, for whom modes do not bite): the folder refuses a -shm.
    code = ("import sys; from facilitator.document import ProcessDocument; "
            "d = ProcessDocument.open(sys.argv[1]); "
            "print(d.readonly, d.store.scalar('SELECT count(*) FROM note'), bool(d.store.private_copy)); "
            "tmp = d.store.private_copy; d.close(); import os; print(tmp is not None and os.path.exists(tmp))")
    if SETPRIV is None:
        pytest.skip("setpriv is missing")
    done = subprocess.run([*NO_OVERRIDE, sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "60", "True", "False"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["p.taller", "p.taller-wal"]


def test_cli_export_of_the_read_only_copy_has_every_note_and_says_how(tmp_path):
    if SETPRIV is None:
        pytest.skip("setpriv is missing")
    path, total = crashed_copy(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PAPELOGRAFO_HOME": str(tmp_path / "home")}
    done = subprocess.run([*NO_OVERRIDE, sys.executable, "main.py", "export", str(path), "--csv", str(out / "csv")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert "copia temporal" in done.stderr and done.stderr.count("\n") == 1
    notes = (out / "csv" / "notas.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(notes) - 1 == total


def test_private_copy_is_used_in_process_too(tmp_path, monkeypatch):
    """Without setpriv: a read-only open whose -shm cannot be made (simulated) reads a private copy."""
    from facilitator.store import db as store_db

    path, total = crashed_copy(tmp_path)
    real = store_db._try_readonly

    def refuse(p):
        if Path(p).parent == path.parent:
            return None  # as a folder that cannot hold a -shm
        return real(p)

    monkeypatch.setattr(store_db, "_try_readonly", refuse)
    store = open_process_file(path, writable_check=lambda _p: False)
    try:
        assert store.readonly and store.private_copy is not None
        assert store.scalar("SELECT count(*) FROM note") == total
        assert store.notice().code == FileProblem.READ_ONLY_COPY
    finally:
        store.close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["p.taller", "p.taller-wal"]
