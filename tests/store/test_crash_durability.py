"""A writer killed with SIGKILL at a random moment loses no acknowledged edit.

``crash_writer.py`` edits a process file in a loop and acknowledges each edit on
stdout once ``execute`` has returned. The parent kills it at a random moment
(seeded), possibly while it is still opening the file or in the middle of a
commit, then reopens the file: every acknowledged edit is there, the edit that
may have been in flight is either wholly there or wholly absent, and SQLite's
integrity and foreign key checks pass. Each run crashes the same file twice, so
the second writer also starts from a file recovered after a crash.

SIGKILL stops the process but not the operating system, so this shows atomic
commits and correct acknowledgement, not survival of a power cut (that rests on
``synchronous=FULL``, asserted in test_store.py).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.store import open_process_file
from facilitator.workshops import new_workshop

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]
RUNS = 25
ROUNDS = 2
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

Notes = dict[str, str]


def apply(state: Notes, effect: dict[str, str | None]) -> Notes:
    out = dict(state)
    for nid, value in effect.items():
        if value is None:
            out.pop(nid, None)
        else:
            out[nid] = value
    return out


def new_file(path: Path) -> str:
    doc = ProcessDocument.create(path, "Proceso de prueba de caídas")
    try:
        macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
        doc.execute(macro)
        return doc.canvases(macro.workshop_id)[0]["id"]
    finally:
        doc.close()


def read_notes(path: Path, canvas_id: str) -> Notes:
    """Reopen as the app would and check the file's health."""
    store = open_process_file(path)
    try:
        assert not store.readonly
        assert store.scalar("PRAGMA integrity_check") == "ok"
        assert store.query("PRAGMA foreign_key_check") == []
        return {r["id"]: r["text"] for r in store.query("SELECT id, text FROM note WHERE canvas_id = ?",
                                                         (canvas_id,))}
    finally:
        store.close()


def crash_once(path: Path, canvas_id: str, rnd: random.Random, seq: int) -> tuple[list[dict], dict | None, int]:
    """Run the writer and SIGKILL it at a random moment: (acknowledged effects, the one in flight, next seq)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen([sys.executable, str(WRITER), str(path), canvas_id, str(rnd.randrange(2**32)), str(seq)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(ROOT),
                            text=True, encoding="utf-8")
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            lines.append(line)
            if line == "ready\n":
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rnd.random() < 0.25:
        # Anywhere from start-up on: while importing, opening (recovering the WAL) or writing.
        time.sleep(rnd.uniform(0.0, 0.4))
    else:
        assert ready.wait(20), "writer did not start: " + proc.stderr.read()
        time.sleep(rnd.uniform(0.0, 0.25))
    proc.send_signal(signal.SIGKILL)
    proc.wait(20)
    reader.join(20)
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, f"writer stopped on its own ({proc.returncode}): {err}"
    assert not err, err

    plans: dict[int, dict] = {}
    acked: list[dict] = []
    complete = [ln for ln in lines if ln.endswith("\n")]  # a line cut by the kill was not acknowledged
    for line in complete:
        word, _sep, rest = line.rstrip("\n").partition(" ")
        if word == "plan":
            plan = json.loads(rest)
            plans[plan["seq"]] = plan["set"]
        elif word == "ack":
            acked.append(plans.pop(int(rest)))
    assert len(plans) <= 1, "more than one edit in flight"
    pending = next(iter(plans.values()), None)
    return acked, pending, seq + len(acked) + len(plans)


def crash_run(tmp_path: Path, seed: int) -> int:
    rnd = random.Random(seed)
    path = tmp_path / f"caidas_{seed}.taller"
    canvas_id = new_file(path)
    state: Notes = read_notes(path, canvas_id)
    seq, total = 0, 0
    for _round in range(ROUNDS):
        acked, pending, seq = crash_once(path, canvas_id, rnd, seq)
        for effect in acked:
            state = apply(state, effect)
        found = read_notes(path, canvas_id)
        if pending is not None and found != state:
            state = apply(state, pending)  # committed just before the kill, not yet acknowledged
        missing = {k: v[:40] for k, v in state.items() if found.get(k) != v}
        extra = sorted(set(found) - set(state))
        assert found == state, f"seed {seed}: lost or wrong {missing}, unexpected {extra}"
        total += len(acked)
    return total


@pytest.mark.parametrize("seed", range(RUNS))
def test_sigkill_loses_no_acknowledged_edit(tmp_path, seed):
    crash_run(tmp_path, seed)


def test_the_writer_really_commits_edits_before_the_kill(tmp_path):
    """Guard against a vacuous pass: across a few runs the kills land after many acknowledged edits."""
    total = sum(crash_run(tmp_path, 1000 + s) for s in range(3))
    assert total > 20


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("PAPELOGRAFO_CRASH_RUNS"), reason="set PAPELOGRAFO_CRASH_RUNS=N for N more runs")
def test_sigkill_extended(tmp_path):
    for seed in range(RUNS, RUNS + int(os.environ["PAPELOGRAFO_CRASH_RUNS"])):
        crash_run(tmp_path, seed)
