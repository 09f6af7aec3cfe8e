"""The runner state machine, driven by a manual clock: every transition, no drift, recovery."""

import math
import random
from datetime import datetime, timedelta, timezone

import pytest

from facilitator.session.runner import (
    AlertTracker, ManualClock, PlanBlock, RunEvent, Runner, Status, TransitionError, format_seconds, replay,
    scheduled_start)

T0 = datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc)
# The diagnostic workshop of the methods guide: 90 minutes.
PLAN = [PlanBlock("a", "Presentación", 10), PlanBlock("b", "Identificar desafíos", 25, ("individual", "group")),
        PlanBlock("c", "Plenario de desafíos", 10), PlanBlock("d", "Fortalezas y oportunidades", 25),
        PlanBlock("e", "Plenario de resultados", 10), PlanBlock("f", "Cierre", 10)]


@pytest.fixture
def clock():
    return ManualClock(T0)


@pytest.fixture
def events():
    return []


@pytest.fixture
def runner(clock, events):
    return Runner(PLAN, clock, sink=events.append)


def test_ready_runner_offers_only_start(runner):
    assert runner.status is Status.READY
    assert runner.can("start") and runner.can("toggle")
    for action in ("pause", "resume", "extend", "shorten", "next", "previous", "jump", "phase", "end", "recover"):
        assert not runner.can(action), action
    with pytest.raises(TransitionError):
        runner.pause()
    with pytest.raises(TransitionError):
        runner.next()
    view = runner.view()
    assert view.level == "idle" and view.index is None
    assert view.projected_end == T0 + timedelta(minutes=90)
    assert view.planned_end is None and view.delay == 0


def test_empty_agenda_cannot_start(clock):
    assert not Runner([], clock).can("start")


def test_start_counts_down_from_the_block_length(runner, clock, events):
    ev = runner.start()
    assert ev.kind == "start" and events == [ev]
    assert ev.payload["plan"][1] == ["b", "Identificar desafíos", 25, ["individual", "group"]]
    view = runner.view()
    assert view.status is Status.RUNNING and view.block.id == "a"
    assert view.shown == 600 and format_seconds(view.shown) == "10:00"
    clock.advance(0.4)
    assert runner.view().shown == 600
    clock.advance(0.6)
    assert runner.view().shown == 599
    clock.advance(59.5)
    assert format_seconds(runner.view().shown) == "09:00"


def test_start_at_a_chosen_block(runner):
    runner.start("c")
    assert runner.view().block.title == "Plenario de desafíos"


def test_pause_freezes_the_countdown_and_counts_the_pause(runner, clock):
    runner.start()
    clock.advance(100)
    runner.pause()
    clock.advance(300)
    view = runner.view()
    assert view.status is Status.PAUSED and view.elapsed == pytest.approx(100)
    assert view.paused_for == pytest.approx(300) and runner.paused_total() == pytest.approx(300)
    assert view.next_change == math.inf
    runner.resume()
    clock.advance(50)
    assert runner.view().elapsed == pytest.approx(150)
    assert runner.paused_total() == pytest.approx(300)
    assert runner.run_elapsed() == pytest.approx(450)


def test_pause_across_the_end_of_a_block(runner, clock, events):
    tracker = AlertTracker()
    runner.start()
    tracker.feed(runner.view())
    clock.advance(570)  # 30 s left
    assert tracker.feed(runner.view()) == "danger"
    runner.pause()
    clock.advance(900)  # the block's planned end passes while paused
    view = runner.view()
    assert view.shown == 30 and view.level == "danger"
    assert tracker.feed(view) is None
    runner.resume()
    clock.advance(29.5)
    assert tracker.feed(runner.view()) is None
    clock.advance(0.5)
    view = runner.view()
    assert view.shown == 0 and view.level == "over"
    assert tracker.feed(view) == "end"
    clock.advance(5)
    assert tracker.feed(runner.view()) is None  # the end is signalled once
    assert [e.kind for e in events] == ["start", "pause", "resume"]


def test_overtime_is_shown_and_pushes_the_projection(runner, clock):
    runner.start()
    clock.advance(600 + 65)
    view = runner.view()
    assert view.shown == -65 and format_seconds(view.shown) == "+01:05"
    assert view.level == "over"
    assert view.projected_end == clock.wall + timedelta(minutes=80)
    assert view.delay_minutes == 1  # 65 s late


def test_extend_and_shorten_by_one_and_five_minutes(runner, clock, events):
    runner.start()
    runner.extend(5)
    assert runner.view().budget == 900
    runner.extend(1)
    assert runner.view().budget == 960 and runner.view().extension == 360
    runner.extend(-5)
    runner.extend(-1)
    assert runner.view().budget == 600
    assert [e.payload["delta"] for e in events if e.kind == "extend"] == [300, 60, -300, -60]
    runner.extend(-5)
    assert runner.view().budget == 300
    runner.extend(-5)  # stops at one minute
    assert runner.view().budget == 60
    assert events[-1].payload["delta"] == -240
    assert not runner.can("shorten") and runner.can("extend")
    with pytest.raises(TransitionError):
        runner.extend(-1)


def test_shortening_below_elapsed_time_means_overtime(runner, clock):
    runner.start()
    clock.advance(400)
    runner.extend(-5)
    assert runner.view().shown == -100 and runner.view().level == "over"


def test_extending_while_paused_and_over_time_gives_time_back(runner, clock):
    tracker = AlertTracker()
    runner.start()
    clock.advance(610)
    tracker.feed(runner.view())
    runner.pause()
    runner.extend(1)
    assert runner.view().shown == 50 and runner.view().level == "warn"
    runner.resume()
    tracker.feed(runner.view())
    clock.advance(50)
    assert tracker.feed(runner.view()) == "end"  # the new end is signalled again


def test_levels_warn_at_a_fifth_and_danger_at_a_twentieth(runner, clock):
    runner.start()
    clock.advance(479)
    assert runner.view().level == "normal"  # 121 s left
    clock.advance(1)
    assert runner.view().level == "warn"  # 120 s = 20 %
    clock.advance(89)
    assert runner.view().level == "warn"  # 31 s
    clock.advance(1)
    assert runner.view().level == "danger"  # 30 s = 5 %


def test_next_previous_and_jump_keep_time_per_block(runner, clock, events):
    runner.start()
    clock.advance(120)
    runner.next()
    clock.advance(60)
    assert runner.view().block.id == "b" and runner.view().elapsed == pytest.approx(60)
    runner.previous()
    assert runner.view().elapsed == pytest.approx(120)  # back where block a was left
    clock.advance(30)
    runner.jump("f")
    assert runner.elapsed("a") == pytest.approx(150)
    assert not runner.can("next") and runner.can("previous")
    with pytest.raises(TransitionError):
        runner.next()
    with pytest.raises(TransitionError):
        runner.jump("f")
    with pytest.raises(TransitionError):
        runner.jump("zzz")
    gotos = [e.payload for e in events if e.kind == "goto"]
    assert [(g["from"], g["block"], g["reason"]) for g in gotos] == [
        ("a", "b", "next"), ("b", "a", "previous"), ("a", "f", "jump")]
    assert gotos[-1]["from_elapsed"] == pytest.approx(150)


def test_next_while_paused_stays_paused(runner, clock):
    runner.start()
    clock.advance(60)
    runner.pause()
    runner.next()
    clock.advance(100)
    view = runner.view()
    assert view.status is Status.PAUSED and view.block.id == "b" and view.shown == 1500
    runner.resume()
    clock.advance(10)
    assert runner.view().shown == 1490


def test_phase_follows_the_method_script(runner, events):
    runner.start()
    assert not runner.can("phase")  # plenary only
    runner.next()
    assert runner.view().phase == 0 and runner.view().block.modes[0] == "individual"
    runner.set_phase(1)
    assert runner.view().phase == 1 and events[-1].kind == "phase"
    with pytest.raises(TransitionError):
        runner.set_phase(2)


def test_end_closes_the_run(runner, clock, events):
    runner.start()
    clock.advance(100)
    runner.pause()
    clock.advance(40)
    runner.end()
    view = runner.view()
    assert view.status is Status.FINISHED and view.level == "idle"
    assert runner.paused_total() == pytest.approx(40) and runner.run_elapsed() == pytest.approx(140)
    clock.advance(1000)
    assert runner.run_elapsed() == pytest.approx(140)
    assert events[-1].kind == "end" and events[-1].payload["status"] == "finished"
    assert runner.can("start") and not runner.can("pause")
    first_run = runner.run_id
    runner.start()  # a new run (e.g. after a rehearsal)
    assert runner.run_id != first_run and runner.view().elapsed == 0


def test_projected_end_and_start_of_the_closing_block():
    """«vamos 7 min atrasados: el Cierre empezará a las 10:57» (and end at 11:07, not 11:00)."""
    clock = ManualClock(datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc))
    runner = Runner(PLAN, clock)
    runner.start()
    assert runner.view().planned_end == datetime(2025, 5, 6, 11, 0, tzinfo=timezone.utc)
    assert runner.view().delay_minutes == 0
    clock.advance(12 * 60)  # the introduction ran two minutes over
    runner.next()
    runner.extend(5)
    view = runner.view()
    assert view.delay_minutes == 7
    assert view.projected_end.strftime("%H:%M") == "11:07"
    assert view.last_block_start.strftime("%H:%M") == "10:57"
    runner.jump("e")  # skipping two blocks puts the room ahead
    assert runner.view().delay_minutes == 7 - 65  # b (now 30), c and d left undone
    runner.next()
    assert runner.view().last_block_start is None  # the last block has started


def test_a_late_start_against_the_announced_time_counts_as_delay():
    clock = ManualClock(datetime(2025, 5, 6, 9, 10, tzinfo=timezone.utc))
    start = scheduled_start("2025-05-06", "09:00", clock.now())
    assert start == datetime(2025, 5, 6, 9, 0, tzinfo=timezone.utc)
    runner = Runner(PLAN, clock, scheduled=start)
    assert runner.view().delay_minutes == 10
    runner.start()
    assert runner.view().delay_minutes == 10
    assert scheduled_start("2025-05-07", "09:00", clock.now()) is None  # another day
    assert scheduled_start("", "09:00", clock.now()) is None
    assert scheduled_start("2025-05-06", "9 am", clock.now()) is None


def test_no_drift_over_an_hour_of_irregular_ticks():
    """An hour of ticks 10 ms to 2.5 s apart: the countdown matches the clock exactly."""
    rng = random.Random(7)
    clock = ManualClock(T0, mono=12345.678)
    runner = Runner([PlanBlock("x", "Largo", 90)], clock)
    runner.start()
    true_elapsed = 0.0
    while true_elapsed < 3600:
        step = rng.uniform(0.01, 2.5)
        clock.advance(step)
        true_elapsed += step
        view = runner.view()
        assert view.shown == math.ceil(5400 - true_elapsed - 1e-6)
    assert abs(runner.view().remaining - (5400 - true_elapsed)) < 1e-6


def test_next_change_lets_a_late_timer_show_every_second():
    """Ticking at next_change (+ up to 80 ms of timer lateness) never skips or repeats a second."""
    rng = random.Random(3)
    clock = ManualClock(T0)
    runner = Runner([PlanBlock("x", "Bloque", 20)], clock)
    runner.start()
    clock.advance(0.37)
    shown = [runner.view().shown]
    for _i in range(1500):  # into overtime as well
        clock.advance(runner.view().next_change + rng.uniform(0.001, 0.08))
        shown.append(runner.view().shown)
    assert all(a - b == 1 for a, b in zip(shown, shown[1:]))
    assert shown[-1] < 0


def test_replan_follows_agenda_edits(runner, clock, events):
    runner.start()
    runner.next()
    longer = [PlanBlock(b.id, b.title, 30 if b.id == "b" else b.minutes, b.modes) for b in PLAN]
    assert runner.replan(longer) is None
    assert runner.view().budget == 1800
    clock.advance(10)
    without_b = [b for b in longer if b.id != "b"]
    ev = runner.replan(without_b)
    assert ev.kind == "goto" and ev.payload["reason"] == "removed" and ev.payload["from"] == "b"
    assert runner.view().block.id == "c" and runner.elapsed("b") == pytest.approx(10)
    ev = runner.replan([])
    assert ev.kind == "end" and runner.status is Status.FINISHED


def _same(record, runner):
    live = runner.record()
    assert record.run_id == live.run_id and record.status is live.status and record.current == live.current
    assert record.paused_total == pytest.approx(live.paused_total, abs=1e-3)
    assert record.run_elapsed == pytest.approx(live.run_elapsed, abs=1e-3)
    for bid, c in live.blocks.items():
        r = record.blocks[bid]
        assert (r.elapsed, r.extension, r.phase, r.visited) == (pytest.approx(c.elapsed, abs=1e-3), c.extension,
                                                               c.phase, c.visited)


def test_replaying_the_events_rebuilds_the_state_after_every_transition(runner, clock, events):
    script = [lambda: runner.start(), lambda: runner.extend(5), lambda: runner.pause(), lambda: runner.next(),
              lambda: runner.resume(), lambda: runner.set_phase(1), lambda: runner.jump("a"),
              lambda: runner.extend(-1), lambda: runner.next(), lambda: runner.next(), lambda: runner.pause(),
              lambda: runner.end()]
    for step in script:
        clock.advance(37.25)
        step()
        _same(replay(events), runner)
    assert replay(events).finished and replay(events).ended_at == clock.wall
    assert replay(list(reversed(events))).run_id == runner.run_id  # order comes from seq, not position


def test_replay_without_a_start_gives_nothing():
    ev = RunEvent("pause", "a", T0, 1.0, {"run": "r", "seq": 2, "status": "paused", "block": "a"})
    assert replay([ev]) is None and replay([]) is None


def _crash(clock, events, *, pause=False, beat_after=None):
    """Run two blocks, maybe a heartbeat, then the app dies; return the replayed record."""
    runner = Runner(PLAN, clock, sink=events.append)
    runner.start()
    clock.advance(300)
    runner.next()
    clock.advance(200)
    if pause:
        runner.pause()
    if beat_after is not None:
        clock.advance(beat_after)
        runner.heartbeat()
    return replay(events)


def _reopen(record, clock):
    runner = Runner(PLAN, clock)
    runner.load(record)
    return runner


def test_resume_where_the_room_is_now(clock, events):
    record = _crash(clock, events)
    clock.advance(240)  # four minutes until the file is reopened
    runner = _reopen(record, clock)
    # Until the facilitator chooses, it shows the block as the last logged transition left it.
    assert runner.status is Status.INTERRUPTED and runner.view().elapsed == 0
    assert runner.can("recover") and not runner.can("start") and not runner.can("pause")
    ev = runner.recover("room")
    view = runner.view()
    assert view.status is Status.RUNNING and view.block.id == "b"
    assert view.elapsed == pytest.approx(440)  # the block kept running while the app was gone
    assert runner.run_elapsed() == pytest.approx(740) and runner.paused_total() == 0
    assert ev.kind == "recover" and ev.payload["rule"] == "room" and ev.payload["gap"] == pytest.approx(440)
    _same(replay(events + [ev]), runner)
    clock.advance(10)
    assert runner.view().elapsed == pytest.approx(450)


def test_a_paused_room_stays_paused_across_a_crash(clock, events):
    record = _crash(clock, events, pause=True)
    clock.advance(600)
    runner = _reopen(record, clock)
    runner.recover("room")
    assert runner.status is Status.PAUSED and runner.view().elapsed == pytest.approx(200)
    assert runner.paused_total() == pytest.approx(600)


def test_resume_where_the_app_stopped_counts_the_gap_as_a_pause(clock, events):
    record = _crash(clock, events, beat_after=45)
    assert record.alive is not None and record.last_seen == clock.wall
    clock.advance(300)
    runner = _reopen(record, clock)
    runner.recover("app")
    assert runner.status is Status.RUNNING
    assert runner.view().elapsed == pytest.approx(245)  # as the app last saw it
    assert runner.paused_total() == pytest.approx(300)
    assert runner.run_elapsed() == pytest.approx(845)
    without_beat = _crash(ManualClock(T0), [])
    runner = Runner(PLAN, ManualClock(T0 + timedelta(seconds=800)))
    runner.load(without_beat)
    runner.recover("app")
    # Without a heartbeat the app was last seen at the last transition (the move to block b).
    assert runner.view().elapsed == 0 and runner.paused_total() == pytest.approx(500)


def test_a_stale_heartbeat_is_ignored(clock, events):
    runner = Runner(PLAN, clock, sink=events.append)
    runner.start()
    clock.advance(30)
    runner.heartbeat()
    clock.advance(30)
    runner.next()
    assert replay(events).alive is None


def test_end_the_run_when_the_app_was_last_seen(clock, events):
    record = _crash(clock, events, beat_after=20)
    seen = clock.wall
    clock.advance(3600)
    runner = _reopen(record, clock)
    ev = runner.recover("end")
    assert runner.status is Status.FINISHED and runner.ended_at == seen
    assert runner.run_elapsed() == pytest.approx(520)
    rebuilt = replay(events + [ev])
    assert rebuilt.finished and rebuilt.ended_at == seen and rebuilt.run_elapsed == pytest.approx(520)


def test_a_finished_run_loads_finished(clock, events):
    runner = Runner(PLAN, clock, sink=events.append)
    runner.start()
    clock.advance(60)
    runner.end()
    again = _reopen(replay(events), clock)
    assert again.status is Status.FINISHED and not again.can("recover") and again.can("start")
    with pytest.raises(KeyError):
        again.can("fly")


def test_unknown_recovery_rule(clock, events):
    runner = _reopen(_crash(clock, events), clock)
    with pytest.raises(KeyError):
        runner.recover("magic")


def test_the_end_alert_does_not_fire_when_entering_a_block_already_over(runner, clock):
    tracker = AlertTracker()
    runner.start()
    clock.advance(700)
    tracker.feed(runner.view())
    runner.next()
    assert tracker.feed(runner.view()) is None
    runner.previous()
    assert tracker.feed(runner.view()) is None
    clock.advance(1)
    assert tracker.feed(runner.view()) is None


def test_time_adds_up(runner, clock):
    """Blocks plus pauses make up the run, whatever the controls did."""
    rng = random.Random(11)
    runner.start()
    actions = ["pause", "resume", "next", "previous", "extend", "shorten", "phase"]
    for _i in range(300):
        clock.advance(rng.uniform(0, 90))
        action = rng.choice(actions)
        if runner.can(action):
            {"pause": runner.pause, "resume": runner.resume, "next": runner.next, "previous": runner.previous,
             "extend": lambda: runner.extend(1), "shorten": lambda: runner.extend(-1),
             "phase": lambda: runner.set_phase(1 - runner.view().phase)}[action]()
    total = sum(runner.elapsed(b.id) for b in PLAN) + runner.paused_total()
    assert total == pytest.approx(runner.run_elapsed())


def test_format_seconds():
    assert format_seconds(0) == "00:00"
    assert format_seconds(59) == "00:59"
    assert format_seconds(-3) == "+00:03"
    assert format_seconds(3725) == "1:02:05"


def test_preview_shows_each_rule_without_doing_it(clock, events):
    record = _crash(clock, events, beat_after=45)
    clock.advance(300)
    logged = []
    runner = Runner(PLAN, clock, sink=logged.append)
    runner.load(record)
    room, app = runner.preview("room"), runner.preview("app")
    assert room.elapsed == pytest.approx(545) and app.elapsed == pytest.approx(245)
    assert runner.preview("end").status is Status.FINISHED
    assert logged == [] and runner.status is Status.INTERRUPTED and runner.sink == logged.append
    runner.recover("app")
    assert runner.view().elapsed == pytest.approx(app.elapsed) and len(logged) == 1
