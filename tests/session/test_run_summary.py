"""Planned versus actual minutes, the overrun, and where the time went."""

from datetime import datetime, timezone

import pytest

from facilitator.i18n import Translator
from facilitator.session.runlog import RunLog, plan_of
from facilitator.session.runner import ManualClock, PlanBlock, Runner, replay
from facilitator.session.summary import explain, minutes_text, summarize, workshop_summary

T0 = datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc)
PLAN = [PlanBlock("a", "Presentación", 10), PlanBlock("b", "Identificar desafíos", 25),
        PlanBlock("c", "Plenario de desafíos", 10), PlanBlock("d", "Cierre", 10)]


def _workshop(events):
    """Intro 12 min, challenges extended by 5 and run 31 min, a 4-minute break, plenary skipped, close 9."""
    clock = ManualClock(T0)
    runner = Runner(PLAN, clock, sink=events.append)
    runner.start()
    clock.advance(12 * 60)
    runner.next()
    runner.extend(5)
    clock.advance(20 * 60)
    runner.pause()
    clock.advance(4 * 60)
    runner.resume()
    clock.advance(11 * 60)
    runner.jump("d")
    clock.advance(9 * 60)
    runner.end()
    return runner


def test_planned_versus_actual_per_block():
    events = []
    runner = _workshop(events)
    summary = summarize(replay(events), PLAN)
    rows = {b.block_id: b for b in summary.blocks}
    assert [(b.planned, b.actual, b.state) for b in summary.blocks] == [
        (10, pytest.approx(12), "done"), (25, pytest.approx(31), "done"), (10, 0, "skipped"),
        (10, pytest.approx(9), "done")]
    assert rows["b"].extension == 5 and rows["b"].delta == pytest.approx(6)
    assert summary.planned_total == 55 and summary.actual_total == pytest.approx(56)
    assert summary.paused == pytest.approx(4) and summary.overrun == pytest.approx(1)
    assert summary.finished and summary.ended_at == T0.replace(hour=10, minute=26)
    assert summarize(runner.record(), PLAN) == summary  # live and replayed agree


def test_where_time_went_adds_up_to_the_overrun():
    events = []
    _workshop(events)
    summary = summarize(replay(events), PLAN)
    went = summary.where_time_went()
    assert [(c.kind, round(c.minutes, 3)) for c in went] == [
        ("over", 6), ("pause", 4), ("over", 2), ("under", -1), ("skipped", -10)]
    assert sum(c.minutes for c in went) == pytest.approx(summary.overrun)
    assert went[0].title == "Identificar desafíos"


def test_explained_in_spanish_and_english():
    events = []
    _workshop(events)
    summary = summarize(replay(events), PLAN)
    es = explain(summary, Translator("es"))
    assert es[0] == "El taller duró 56 min de 55 previstos: 1 min más."
    assert "«Identificar desafíos» duró 6 min más de lo previsto." in es
    assert "«Plenario de desafíos» no se realizó (10 min previstos)." in es
    assert "Pausas: 4 min." in es
    en = explain(summary, Translator("en"))
    assert en[0] == "The workshop took 56 min against 55 planned: 1 min over."
    assert "“Cierre” took 1 min less than planned." in en


def test_a_run_on_time():
    clock = ManualClock(T0)
    runner = Runner(PLAN[:1], clock)
    runner.start()
    clock.advance(600.2)
    runner.end()
    summary = summarize(runner.record(), PLAN[:1])
    assert summary.where_time_went() == []
    assert explain(summary, Translator("es")) == ["El taller duró 10 min, lo previsto."]


def test_live_summary_marks_current_and_pending_blocks():
    clock = ManualClock(T0)
    runner = Runner(PLAN, clock)
    runner.start()
    clock.advance(60)
    runner.jump("c")
    clock.advance(60)
    summary = summarize(runner.record(), PLAN)
    assert [b.state for b in summary.blocks] == ["done", "skipped", "current", "pending"]
    assert not summary.finished and summary.ended_at is None
    assert all(c.block_id != "d" for c in summary.where_time_went())


def test_agenda_edits_after_the_start_do_not_rewrite_the_plan():
    events = []
    _workshop(events)
    edited = [PlanBlock("a", "Bienvenida", 15), PlanBlock("b", "Identificar desafíos", 25),
              PlanBlock("d", "Cierre", 10), PlanBlock("z", "Extra", 5)]
    summary = summarize(replay(events), edited)
    by_id = {b.block_id: b for b in summary.blocks}
    assert by_id["a"].title == "Bienvenida" and by_id["a"].planned == 10
    assert by_id["c"].state == "removed" and by_id["c"].title == "Plenario de desafíos"
    assert by_id["z"].state == "added" and by_id["z"].planned == 0
    assert [b.block_id for b in summary.blocks] == ["a", "b", "d", "z", "c"]
    assert sum(c.minutes for c in summary.where_time_went()) == pytest.approx(summary.overrun)


def test_workshop_summary_for_exporters(diagnostic):
    doc, wid = diagnostic
    assert workshop_summary(doc.store, wid) is None
    clock = ManualClock(T0)
    runner = Runner(plan_of(doc.store, wid), clock, sink=RunLog(doc.store, wid).write)
    runner.start()
    clock.advance(15 * 60)
    runner.next()
    clock.advance(60)
    runner.end()
    summary = workshop_summary(doc.store, wid)
    assert summary.planned_total == 90 and summary.actual_total == pytest.approx(16)
    assert summary.blocks[0].title == "Presentación" and summary.blocks[0].delta == pytest.approx(5)
    assert [b.state for b in summary.blocks].count("skipped") == 4


def test_minutes_text():
    assert minutes_text(6.4) == "6" and minutes_text(-6.6, signed=True) == "-7"
    assert minutes_text(0.6) == "1" and minutes_text(0.2, signed=True) == "0"
    assert minutes_text(3, signed=True) == "+3"


def test_a_run_still_going_is_not_reported_as_finished_short():
    """Exported mid-run: open blocks are not "finished early"; the headline says it is still going."""
    clock = ManualClock(T0)
    runner = Runner(PLAN, clock)
    runner.start()
    clock.advance(11 * 60)
    runner.next()
    clock.advance(3 * 60)  # three minutes into a 25-minute block
    summary = summarize(runner.record(), PLAN)
    lines = explain(summary)
    assert "en curso" in lines[0] and "menos" not in lines[0]
    assert "14" in lines[0] and "55" in lines[0]
    assert not any("Identificar desafíos" in line for line in lines)  # the current block is not "22 min shorter"
    assert any("Presentación" in line and "1 min más" in line for line in lines)
    english = explain(summary, Translator("en"))
    assert "in progress" in english[0].lower()
