"""The run log in a real process file: written as it happens, replayed on reopen, even after a kill."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from facilitator.commands import DeleteRow
from facilitator.document import ProcessDocument
from facilitator.session.runlog import (
    RunLog, interrupted_run, iso_utc, latest_run, load_events, plan_of, runs)
from facilitator.session.runner import ManualClock, RunEvent, Runner, Status
from facilitator.store import FileProblem

T0 = datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parents[2]


def _runner(doc, wid, clock):
    log = RunLog(doc.store, wid)
    return Runner(plan_of(doc.store, wid), clock, sink=log.write), log


def test_plan_comes_from_the_agenda(diagnostic):
    doc, wid = diagnostic
    plan = plan_of(doc.store, wid)
    assert [b.minutes for b in plan] == [10, 25, 10, 25, 10, 10]
    assert plan[1].modes == ("individual", "group") and plan[0].modes == ("plenary",)


def test_every_transition_is_a_committed_row(diagnostic):
    doc, wid = diagnostic
    clock = ManualClock(T0)
    runner, _log = _runner(doc, wid, clock)
    seen = []
    doc.subscribe(lambda changes: seen.extend(c.table for c in changes))
    runner.start()
    clock.advance(61.5)
    runner.pause()
    runner.resume()
    runner.extend(5)
    runner.next()
    runner.end()
    rows = doc.store.query("SELECT * FROM run_event WHERE workshop_id = ? ORDER BY at", (wid,))
    assert [r["kind"] for r in rows] == ["start", "pause", "resume", "extend", "goto", "end"]
    assert seen == ["run_event"] * 6  # one commit per transition
    pause = rows[1]
    assert pause["at"] == "2025-05-06T09:31:01.500Z" and pause["elapsed"] == 61.5
    assert json.loads(pause["payload"])["status"] == "paused"
    assert rows[0]["block_id"] == plan_of(doc.store, wid)[0].id
    assert not doc.store.conn.in_transaction


def test_events_load_in_sequence_even_within_one_millisecond(diagnostic):
    doc, wid = diagnostic
    clock = ManualClock(T0)
    runner, _log = _runner(doc, wid, clock)
    runner.start()
    for _i in range(5):
        runner.extend(1)
        runner.extend(-1)
    assert [e.seq for e in load_events(doc.store, wid)] == list(range(1, 12))


def test_heartbeat_updates_one_row_per_run(diagnostic):
    doc, wid = diagnostic
    clock = ManualClock(T0)
    runner, log = _runner(doc, wid, clock)
    runner.start()
    for _i in range(4):
        clock.advance(30)
        log.write(runner.heartbeat())
    alive = doc.store.query("SELECT * FROM run_event WHERE kind = 'alive'")
    assert len(alive) == 1 and alive[0]["elapsed"] == 120
    record = latest_run(doc.store, wid)
    assert record.alive is not None and record.last_seen == T0 + timedelta(seconds=120)
    fresh = RunLog(doc.store, wid)  # a new session finds the row again
    clock.advance(30)
    fresh.write(runner.heartbeat())
    assert doc.store.scalar("SELECT count(*) FROM run_event WHERE kind = 'alive'") == 1
    runner.end()
    assert runner.heartbeat() is None


def test_reopening_replays_the_latest_run(diagnostic, tmp_path):
    doc, wid = diagnostic
    clock = ManualClock(T0)
    runner, _log = _runner(doc, wid, clock)
    runner.start()  # a rehearsal
    clock.advance(100)
    runner.end()
    clock.advance(3600)
    runner.start()
    clock.advance(90)
    runner.next()
    clock.advance(30)
    runner.pause()
    path = doc.path
    doc.close()
    again = ProcessDocument.open(path)
    try:
        assert [r.finished for r in runs(again.store, wid)] == [True, False]
        record = interrupted_run(again.store, wid)
        assert record.run_id == runner.run_id and record.status is Status.PAUSED
        assert record.blocks[record.current].elapsed == 30
        assert record.started_at == T0 + timedelta(seconds=3700)
    finally:
        again.close()


def test_no_run_means_nothing_to_resume(diagnostic):
    doc, wid = diagnostic
    assert latest_run(doc.store, wid) is None and interrupted_run(doc.store, wid) is None


def test_a_removed_block_keeps_its_time_in_the_log(diagnostic):
    doc, wid = diagnostic
    clock = ManualClock(T0)
    runner, _log = _runner(doc, wid, clock)
    runner.start()
    clock.advance(120)
    first = runner.current
    doc.execute(DeleteRow("block", first))
    runner.replan(plan_of(doc.store, wid))
    rows = doc.store.query("SELECT block_id, kind, payload FROM run_event ORDER BY at")
    assert rows[0]["block_id"] is None  # the reference went with the block
    assert json.loads(rows[-1]["payload"])["from"] == first
    record = latest_run(doc.store, wid)
    assert record.blocks[first].elapsed == 120 and record.current == plan_of(doc.store, wid)[0].id
    # An event about a block that no longer exists is still written.
    stale = RunEvent("phase", first, clock.now(), 1.0, {"run": runner.run_id, "seq": 99, "block": first})
    RunLog(doc.store, wid).write(stale)
    assert doc.store.query("SELECT block_id FROM run_event WHERE kind = 'phase'")[0]["block_id"] is None


def test_a_read_only_file_refuses_the_log(diagnostic):
    doc, wid = diagnostic
    path = doc.path
    doc.close()
    ro = ProcessDocument.open(path, readonly=True)
    try:
        runner = Runner(plan_of(ro.store, wid), ManualClock(T0))
        with pytest.raises(FileProblem):
            RunLog(ro.store, wid).write(runner.start())
    finally:
        ro.close()


def test_iso_utc():
    local = datetime(2025, 5, 6, 6, 30, tzinfo=timezone(timedelta(hours=-3)))
    assert iso_utc(local) == "2025-05-06T09:30:00.000Z"


CHILD = textwrap.dedent("""
    import os, signal, sys
    from datetime import datetime, timedelta, timezone
    from facilitator.document import ProcessDocument
    from facilitator.session.runlog import RunLog, plan_of
    from facilitator.session.runner import ManualClock, Runner

    doc = ProcessDocument.open(sys.argv[1])
    wid = sys.argv[2]
    clock = ManualClock(datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc))
    log = RunLog(doc.store, wid)
    runner = Runner(plan_of(doc.store, wid), clock, sink=log.write)
    runner.start()
    clock.advance(300)
    runner.extend(5)
    runner.next()
    clock.advance(100)
    log.write(runner.heartbeat())
    os.kill(os.getpid(), signal.SIGKILL)  # the laptop dies: no close, no checkpoint
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("rule, elapsed, paused", [("room", 280.0, 0.0), ("app", 100.0, 180.0)])
def test_resume_after_the_app_was_killed(diagnostic, rule, elapsed, paused):
    doc, wid = diagnostic
    path = doc.path
    doc.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), wid], cwd=ROOT, env=env, capture_output=True,
                          timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    again = ProcessDocument.open(path)
    try:
        record = interrupted_run(again.store, wid)
        assert record is not None and record.status is Status.RUNNING
        clock = ManualClock(T0 + timedelta(seconds=580))  # reopened three minutes after the heartbeat
        log = RunLog(again.store, wid)
        runner = Runner(plan_of(again.store, wid), clock, sink=log.write)
        runner.load(record)
        assert runner.status is Status.INTERRUPTED
        runner.recover(rule)
        view = runner.view()
        assert view.block.title == "Identificar desafíos" and view.status is Status.RUNNING
        assert view.elapsed == pytest.approx(elapsed) and runner.paused_total() == pytest.approx(paused)
        assert runner.elapsed(plan_of(again.store, wid)[0].id) == pytest.approx(300)
        assert runner.blocks[plan_of(again.store, wid)[0].id].extension == 300
        assert interrupted_run(again.store, wid).status is Status.RUNNING  # still live, now recovered
        assert latest_run(again.store, wid).seq == record.seq + 1
    finally:
        again.close()
