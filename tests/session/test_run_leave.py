"""A chosen quit during a run is a pause (or a run left going), never a crash; an interrupted run shows true figures."""

from datetime import datetime, timezone

import pytest

from facilitator.session.runlog import RunLog, interrupted_run, latest_run, plan_of
from facilitator.session.runner import ManualClock, Runner, Status

T0 = datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc)


def _run_two_minutes(doc, wid):
    clock = ManualClock(T0)
    runner = Runner(plan_of(doc.store, wid), clock, sink=RunLog(doc.store, wid).write)
    runner.start()
    clock.advance(120)
    return runner, clock


def _reopen(doc, wid, minutes_later):
    clock = ManualClock(T0.replace(minute=32 + minutes_later))
    runner = Runner(plan_of(doc.store, wid), clock)
    runner.load(latest_run(doc.store, wid))
    return runner, clock


def test_pause_and_quit_comes_back_paused_not_interrupted(diagnostic):
    doc, wid = diagnostic
    runner, _clock = _run_two_minutes(doc, wid)
    event = runner.leave(keep_running=False)
    assert event.kind == "leave" and event.payload["left"] == "paused"
    assert runner.status is Status.PAUSED
    kinds = [r["kind"] for r in doc.store.query("SELECT kind FROM run_event WHERE kind != 'alive' ORDER BY at")]
    assert kinds == ["start", "pause", "leave"]
    again, clock = _reopen(doc, wid, 10)
    assert again.status is Status.PAUSED and again.interrupted is None
    view = again.view()
    assert view.elapsed == pytest.approx(120) and view.remaining == pytest.approx(480)
    assert again.paused_total() == pytest.approx(600)  # the ten minutes away were a pause
    clock.advance(30)
    again.resume()
    clock.advance(30)
    assert again.elapsed(again.current) == pytest.approx(150)


def test_keep_running_and_quit_runs_on_while_away(diagnostic):
    doc, wid = diagnostic
    runner, _clock = _run_two_minutes(doc, wid)
    runner.leave(keep_running=True)
    assert runner.status is Status.RUNNING
    again, clock = _reopen(doc, wid, 3)
    assert again.status is Status.RUNNING and again.interrupted is None
    assert again.elapsed(again.current) == pytest.approx(300)
    clock.advance(10)
    assert again.elapsed(again.current) == pytest.approx(310)
    assert again.run_elapsed() == pytest.approx(310)


def test_any_transition_after_leaving_makes_a_later_stop_a_crash_again(diagnostic):
    doc, wid = diagnostic
    runner, _clock = _run_two_minutes(doc, wid)
    runner.leave(keep_running=False)
    again, _clock = _reopen(doc, wid, 1)
    again.sink = RunLog(doc.store, wid).write
    again.resume()  # and then the laptop dies
    assert latest_run(doc.store, wid).left is None
    third, _clock = _reopen(doc, wid, 2)
    assert third.status is Status.INTERRUPTED
    assert interrupted_run(doc.store, wid) is not None


def test_interrupted_clock_matches_the_continue_from_close_choice(diagnostic):
    doc, wid = diagnostic
    clock = ManualClock(T0)
    log = RunLog(doc.store, wid)
    runner = Runner(plan_of(doc.store, wid), clock, sink=log.write)
    runner.start()
    clock.advance(60)
    runner.extend(1)  # last transition one minute in
    clock.advance(200)
    log.write(runner.heartbeat())  # last seen 4:20 in
    again, _clock = _reopen(doc, wid, 20)
    assert again.status is Status.INTERRUPTED
    shown = again.view().shown
    assert shown == again.preview("app").shown == 660 - 260
    assert shown != again.preview("room").shown
