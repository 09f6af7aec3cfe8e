"""A full disk: `new` says so in one line and leaves nothing; at close the WAL is kept and the user told.

The faithful tests run on a small tmpfs (they need to mount one, as root); where
that is impossible they are skipped and the simulated ones still run.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest

from facilitator.app import main
from facilitator.document import ProcessDocument
from facilitator.store import FileProblem
from facilitator.store import db as store_db


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs, mounted for this test only."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of ``folder`` leaving ``leave`` bytes."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize - leave
    filler = folder / f"fill-{uuid.uuid4().hex[:6]}"
    with open(filler, "wb") as fh:
        try:
            fh.write(b"\0" * max(0, free))
        except OSError:
            pass
    return filler


@pytest.mark.parametrize("leave_kb", [8, 200, 340, 360])
def test_new_on_a_nearly_full_disk_is_one_line_and_leaves_nothing(small_disk, capsys, leave_kb):
    fill(small_disk, leave_kb * 1024)
    code = main(["new", str(small_disk / "x.taller"), "--template", "diagnostico"])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "espacio" in err and "rollback" not in err
    assert not list(small_disk.glob("x.taller*")) and not list(small_disk.glob(".x.taller*"))


def test_new_when_the_disk_fills_inside_the_schema_step(tmp_path, monkeypatch, capsys):
    """Simulated: a file that may not grow past 3 pages fails inside migrate() like a full disk."""
    real = sqlite3.connect

    def tiny(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 3")
        return conn

    monkeypatch.setattr(store_db.sqlite3, "connect", tiny)
    code = main(["new", str(tmp_path / "x.taller"), "--template", "diagnostico"])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "espacio" in err and "rollback" not in err


def _fill_wal(doc: ProcessDocument, rows: int = 40) -> None:
    pid = doc.process["id"]
    for i in range(rows):
        doc.store.insert("participant", {"process_id": pid, "name": "n" * 2000 + str(i)})


def test_full_disk_at_close_keeps_the_wal_and_says_so(small_disk):
    path = small_disk / "x.taller"
    doc = ProcessDocument.create(path, "X")
    _fill_wal(doc)
    filler = fill(small_disk)
    problem = doc.close()
    assert isinstance(problem, FileProblem) and problem.code == FileProblem.NOT_SELF_CONTAINED
    assert "-wal" in problem.message() and "\n" not in problem.message()
    assert Path(f"{path}-wal").stat().st_size > 0
    filler.unlink()
    again = ProcessDocument.open(path)  # every committed edit is still there
    assert again.store.scalar("SELECT count(*) FROM participant") == 40
    assert again.close() is None  # with space again, the file is whole on its own
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_cli_reports_a_close_that_could_not_fold_the_wal(tmp_path, monkeypatch, capsys):
    from facilitator.demo import build_demo

    demo = build_demo(tmp_path / "d.taller")
    problem = FileProblem(FileProblem.NOT_SELF_CONTAINED, str(demo), "database or disk is full")
    real_close = store_db.Store.close

    def failing_close(self):
        real_close(self)
        return problem

    monkeypatch.setattr(store_db.Store, "close", failing_close)
    code = main(["export", str(demo), "--xlsx", str(tmp_path / "r.xlsx")])
    err = capsys.readouterr().err
    assert code == 1 and "no es autónomo" in err and err.count("\n") == 1


def test_a_normal_close_reports_nothing(doc):
    _fill_wal(doc, 3)
    assert doc.close() is None


def test_window_tells_the_user_when_close_kept_the_wal(diagnostic, qtbot, monkeypatch):
    from facilitator.settings import Settings
    from qtshared.dialogs import Dialogs
    from facilitator.ui.main_window import MainWindow

    doc, _wid = diagnostic
    path = doc.path
    doc.close()
    shown = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    problem = FileProblem(FileProblem.NOT_SELF_CONTAINED, str(path), "database or disk is full")
    real_close = store_db.Store.close
    monkeypatch.setattr(store_db.Store, "close", lambda self: real_close(self) or problem)
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.open_path(path)
    window.close_document()
    assert shown == [problem.message()]
