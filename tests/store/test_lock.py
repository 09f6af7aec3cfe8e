"""The lock beside an open process file: who has it, stale locks taken over, a second instance reads only."""

import json
import os
import socket
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

from facilitator.document import ProcessDocument
from facilitator.store.lock import STALE, LockOwner, acquire, lock_path

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc)


def _write_lock(path, *, host=None, pid=None, time=NOW, user="ana"):
    owner = LockOwner(host or socket.gethostname(), user, pid or os.getppid(), time, "t0k3n")
    lock_path(path).write_text(owner.to_json(), encoding="utf-8")
    return owner


def test_the_lock_names_host_user_pid_and_time(tmp_path):
    path = tmp_path / "p.taller"
    doc = ProcessDocument.create(path, "P")
    data = json.loads(lock_path(path).read_text(encoding="utf-8"))
    assert data["host"] == socket.gethostname() and data["pid"] == os.getpid()
    assert data["user"] and datetime.fromisoformat(data["time"])
    doc.close()
    assert not lock_path(path).exists()  # released on close


def test_a_live_lock_elsewhere_opens_read_only_and_says_who(tmp_path):
    path = tmp_path / "p.taller"
    ProcessDocument.create(path, "P").close()
    _write_lock(path, host="sala-3", time=datetime.now(timezone.utc))
    doc = ProcessDocument.open(path)
    try:
        assert doc.readonly and doc.held_by is not None
        assert doc.held_by.host == "sala-3" and doc.held_by.user == "ana"
        assert "sala-3" in doc.held_by.describe() and "ana" in doc.held_by.describe()
    finally:
        doc.close()
    assert lock_path(path).exists()  # not ours: left alone


def test_stale_locks_are_taken_over(tmp_path):
    path = tmp_path / "p.taller"
    ProcessDocument.create(path, "P").close()
    # Same host, a process that is gone.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    _write_lock(path, pid=int(dead.stdout), time=datetime.now(timezone.utc))
    doc = ProcessDocument.open(path)
    assert not doc.readonly and doc.held_by is None and doc.lock is not None
    doc.close()
    # Another machine that stopped refreshing its lock.
    _write_lock(path, host="sala-3", time=datetime.now(timezone.utc) - timedelta(seconds=STALE + 5))
    doc = ProcessDocument.open(path)
    assert not doc.readonly and doc.held_by is None
    doc.close()


def test_refresh_keeps_a_lock_alive_and_stops_when_taken_over(tmp_path):
    path = tmp_path / "p.taller"
    times = iter([NOW, NOW + timedelta(seconds=30), NOW + timedelta(seconds=60)])
    lock, owner = acquire(path, clock=lambda: next(times))
    assert owner is None
    assert lock.refresh()
    found = LockOwner.from_text(lock_path(path).read_text(encoding="utf-8"))
    assert found.time == NOW + timedelta(seconds=30)
    assert not found.stale(NOW + timedelta(seconds=60))
    assert found.stale(NOW + timedelta(seconds=30 + STALE + 1))
    _write_lock(path, host="sala-3")  # someone took it over while we were silent
    assert not lock.refresh()
    lock.release()
    assert LockOwner.from_text(lock_path(path).read_text(encoding="utf-8")).host == "sala-3"


def test_two_real_instances(tmp_path):
    """A second process opens read-only while the first has the file; after the first is killed, it writes."""
    path = tmp_path / "p.taller"
    ProcessDocument.create(path, "P").close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from facilitator.document import ProcessDocument
        doc = ProcessDocument.open({str(path)!r})
        print("open", flush=True)
        sys.stdin.read()
        """)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        doc = ProcessDocument.open(path)
        assert doc.readonly and doc.held_by.pid == holder.pid
        doc.close()
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()
    doc = ProcessDocument.open(path)  # the dead holder's lock is stale
    assert not doc.readonly
    doc.close()
