"""The Run tab: controls, shortcuts, repaint only on a new second, summary, crash recovery."""

import json
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

from facilitator.commands import InsertRow
from facilitator.session.runlog import RunLog, plan_of
from facilitator.session.runner import ManualClock, Runner, Status
from facilitator.settings import Settings
from facilitator.store import FileProblem
from qtshared.dialogs import Dialogs
from facilitator.ui.run.run_widgets import DANGER, WARN
from facilitator.ui.run.run_panel import RunPanel
from facilitator.ui.workshop_tabs import tabs
from facilitator.workshops import add_block, remove_block, retime_block

T0 = datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def clock():
    return ManualClock(T0)


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


@pytest.fixture
def panel(ctx, clock, qtbot):
    p = _show(qtbot, RunPanel(ctx, clock=clock, autotick=False))
    p.agenda.setFocus()
    yield p
    p.shutdown()


def _events(ctx):
    return [r["kind"] for r in ctx.doc.store.query(
        "SELECT kind FROM run_event WHERE workshop_id = ? AND kind != 'alive' ORDER BY at, "
        "json_extract(payload, '$.seq')", (ctx.workshop_id,))]


def _key(qtbot, panel, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(panel.agenda, key, modifier)


def test_the_run_tab_is_registered_after_the_agenda():
    keys = [t.key for t in tabs()]
    assert keys.index("run") == keys.index("agenda") + 1
    assert next(t for t in tabs() if t.key == "run").load() is RunPanel


def test_ready_panel_shows_the_first_block(panel):
    assert panel.controller.runner.status is Status.READY
    assert panel.title.text() == "Presentación" and panel.countdown.text() == "10:00"
    assert panel.status.text() == "Listo para empezar"
    assert panel.schedule.text() == "Si empieza ahora: «Cierre» empezará a las 10:50."
    assert panel.actions_by_key["toggle"].isEnabled() and panel.actions_by_key["toggle"].text() == "Iniciar"
    for key in ("minus1", "plus1", "next", "previous", "end", "phase"):
        assert not panel.actions_by_key[key].isEnabled(), key
    assert panel.agenda.count() == 6 and panel.pages.currentIndex() == 0
    assert not panel.banner.isVisible()


def test_start_button_runs_the_clock_and_logs_outside_undo(panel, ctx, qtbot):
    qtbot.mouseClick(panel.buttons["toggle"], Qt.MouseButton.LeftButton)
    assert panel.controller.runner.status is Status.RUNNING
    assert panel.status.text() == "En curso" and panel.actions_by_key["toggle"].text() == "Pausar"
    assert _events(ctx) == ["start"]
    assert ctx.undo.stack.count() == 0  # the log is not an undoable edit
    assert panel.agenda.item(0).text().startswith("▶ 1. Presentación")


def test_views_repaint_only_when_the_shown_second_changes(panel, clock, qtbot):
    controller = panel.controller
    controller.act("start")
    with qtbot.assertNotEmitted(controller.changed):
        for _i in range(9):
            clock.advance(0.1)
            controller.tick()
    with qtbot.waitSignal(controller.changed) as blocker:
        clock.advance(0.1)
        controller.tick()
    assert blocker.args[0].shown == 599
    assert panel.countdown.text() == "09:59"


def test_keyboard_shortcuts(panel, ctx, qtbot, monkeypatch):
    runner = panel.controller.runner
    _key(qtbot, panel, Qt.Key.Key_Space)
    assert runner.status is Status.RUNNING
    _key(qtbot, panel, Qt.Key.Key_Space)
    assert runner.status is Status.PAUSED
    _key(qtbot, panel, Qt.Key.Key_Space)
    assert runner.status is Status.RUNNING
    _key(qtbot, panel, Qt.Key.Key_Plus)
    assert panel.controller.view.extension == 60 and panel.budget.text() == "Bloque de 10 min (+1 min)"
    _key(qtbot, panel, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert panel.controller.view.extension == 360
    _key(qtbot, panel, Qt.Key.Key_Minus)
    _key(qtbot, panel, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert panel.controller.view.extension == 0
    _key(qtbot, panel, Qt.Key.Key_Right)
    assert panel.title.text() == "Identificar desafíos"
    _key(qtbot, panel, Qt.Key.Key_F)
    assert panel.controller.view.phase == 1 and "Trabajo en grupo" in panel.mode.text()
    _key(qtbot, panel, Qt.Key.Key_PageUp)
    assert panel.title.text() == "Presentación"
    _key(qtbot, panel, Qt.Key.Key_PageDown)
    _key(qtbot, panel, Qt.Key.Key_Left)
    _key(qtbot, panel, Qt.Key.Key_5)
    assert panel.title.text() == "Plenario de resultados"
    panel.agenda.setCurrentRow(5)
    _key(qtbot, panel, Qt.Key.Key_G)
    assert panel.title.text() == "Cierre" and not panel.actions_by_key["next"].isEnabled()
    asked = []
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, text: asked.append(text) or True))
    _key(qtbot, panel, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert runner.status is Status.FINISHED and len(asked) == 1
    assert _events(ctx) == ["start", "pause", "resume", "extend", "extend", "extend", "extend", "goto", "phase",
                            "goto", "goto", "goto", "goto", "goto", "end"]


def test_buttons_do_the_same_as_the_keys(panel, qtbot):
    runner = panel.controller.runner
    click = lambda key: qtbot.mouseClick(panel.buttons[key], Qt.MouseButton.LeftButton)  # noqa: E731
    click("toggle")
    click("plus5")
    click("plus1")
    click("minus1")
    assert panel.controller.view.extension == 300
    click("minus5")
    click("minus5")
    click("minus5")  # stops at one minute
    assert panel.controller.view.budget == 60 and not panel.buttons["minus1"].isEnabled()
    click("next")
    click("previous")
    assert runner.index == 0
    click("toggle")
    assert runner.status is Status.PAUSED and panel.actions_by_key["toggle"].text() == "Reanudar"


def test_ready_jump_starts_at_the_chosen_block(panel, qtbot):
    panel.agenda.setCurrentRow(2)
    qtbot.mouseClick(panel.buttons["jump"], Qt.MouseButton.LeftButton)
    assert panel.controller.runner.status is Status.RUNNING and panel.title.text() == "Plenario de desafíos"


def test_levels_colour_the_countdown_and_overtime_shows(panel, clock):
    controller = panel.controller
    controller.act("start")
    clock.advance(480)
    controller.tick()
    assert panel.countdown.colour() == WARN.lower()
    clock.advance(90)
    controller.tick()
    assert panel.countdown.colour() == DANGER.lower()
    clock.advance(35)
    controller.tick()
    assert panel.countdown.text() == "+00:05" and panel.status.text() == "Tiempo cumplido"
    assert panel.schedule.text().startswith("Vamos a tiempo")
    clock.advance(60)
    controller.tick()
    assert panel.schedule.text().replace("\xa0", " ") == "Vamos 1 min atrasados: «Cierre» empezará a las 10:51."


def test_end_of_block_beeps_unless_muted(panel, clock, qtbot, monkeypatch, ctx):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    controller = panel.controller
    controller.act("start")
    clock.advance(600)
    with qtbot.waitSignal(controller.alert) as blocker:
        controller.tick()
    assert blocker.args == ["end"] and beeps == [1]
    clock.advance(30)
    controller.tick()
    assert beeps == [1]  # once per end
    _key(qtbot, panel, Qt.Key.Key_M)
    assert ctx.settings.get("sound") is False and Settings().get("sound") is False
    controller.act("next")
    clock.advance(1500)
    controller.tick()
    assert beeps == [1]


def test_the_summary_after_the_workshop(panel, clock, monkeypatch, qtbot):
    controller = panel.controller
    controller.act("start")
    clock.advance(12 * 60)
    controller.act("next")
    controller.act("extend", 5)
    clock.advance(31 * 60)
    controller.act("jump", controller.runner.plan[-1].id)
    clock.advance(9 * 60)
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, text: True))
    qtbot.mouseClick(panel.buttons["end"], Qt.MouseButton.LeftButton)
    assert panel.pages.currentWidget() is panel.summary
    table = panel.summary.table
    assert table.rowCount() == 7
    assert [table.item(0, c).text() for c in range(4)] == ["Presentación", "10 min", "12:00", "+2 min"]
    assert table.item(1, 4).text() == "prolongado +5 min"
    assert table.item(2, 4).text() == "no se realizó"
    assert table.item(6, 2).text() == "52:00" and table.item(6, 3).text() == "-38 min"
    assert panel.summary.headline.text() == "El taller duró 52 min de 90 previstos: 38 min menos."
    assert "• «Identificar desafíos» duró 6 min más de lo previsto." in panel.summary.where.text()
    assert panel.actions_by_key["toggle"].text() == "Nueva ejecución"
    assert not panel.actions_by_key["jump"].isEnabled()


def test_a_new_run_is_confirmed(panel, monkeypatch, qtbot):
    controller = panel.controller
    controller.act("start")
    controller.act("end")
    answers = iter([False, True])
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, text: next(answers)))
    old = controller.runner.run_id
    _key(qtbot, panel, Qt.Key.Key_Space)
    assert controller.runner.status is Status.FINISHED
    _key(qtbot, panel, Qt.Key.Key_Space)
    assert controller.runner.status is Status.RUNNING and controller.runner.run_id != old
    assert panel.pages.currentIndex() == 0


def _interrupted(ctx, minutes_in=5, heartbeat=True):
    """A run that a dead app left behind: block 2 running, last heartbeat two minutes in."""
    clock = ManualClock(T0)
    log = RunLog(ctx.doc.store, ctx.workshop_id)
    runner = Runner(plan_of(ctx.doc.store, ctx.workshop_id), clock, sink=log.write)
    runner.start()
    clock.advance(600)
    runner.next()
    clock.advance(120)
    if heartbeat:
        log.write(runner.heartbeat())
    return runner


@pytest.mark.parametrize("rule, status, elapsed", [("room", Status.RUNNING, 300), ("app", Status.RUNNING, 120),
                                                   ("end", Status.FINISHED, 120)])
def test_reopening_offers_to_resume(ctx, qtbot, rule, status, elapsed):
    _interrupted(ctx)
    later = ManualClock(T0.replace(minute=45))  # reopened five minutes after the move to block 2
    panel = _show(qtbot, RunPanel(ctx, clock=later, autotick=False))
    assert panel.banner.isVisible()
    assert "Identificar desafíos" in panel.banner.text.text() and "09:42" in panel.banner.text.text()
    assert panel.controller.runner.status is Status.INTERRUPTED
    assert not panel.actions_by_key["toggle"].isEnabled()
    assert panel.schedule.text() == ""  # unknown until the facilitator chooses
    assert [panel.banner.buttons[r].text() for r in ("room", "app", "end")] == [
        "Seguir donde está la sala ahora · 20:00", "Seguir desde donde se cerró · 23:00",
        "Dar el taller por terminado · 09:42"]
    qtbot.mouseClick(panel.banner.buttons[rule], Qt.MouseButton.LeftButton)
    runner = panel.controller.runner
    assert runner.status is status and not panel.banner.isVisible()
    assert QApplication.focusWidget() is panel.agenda  # the run's keys work at once
    assert runner.elapsed(runner.plan[1].id) == pytest.approx(elapsed)
    assert _events(ctx)[-1] == ("end" if rule == "end" else "recover")
    if rule == "end":
        assert panel.pages.currentWidget() is panel.summary
    panel.shutdown()


def test_an_interrupted_run_brings_its_tab_forward(ctx, qtbot):
    _interrupted(ctx)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("otra pestaña"), "Taller")
    panel = RunPanel(ctx, tabs, clock=ManualClock(T0), autotick=False)
    tabs.addTab(panel, "Ejecutar")
    assert tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: tabs.currentWidget() is panel)
    panel.shutdown()


def test_showing_the_tab_gives_the_keys_to_the_run(ctx, clock, qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    other = QLabel("otra pestaña")
    other.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    tabs.addTab(other, "Taller")
    panel = RunPanel(ctx, tabs, clock=clock, autotick=False)
    tabs.addTab(panel, "Ejecutar")
    tabs.currentChanged.connect(lambda i: tabs.widget(i).activate() if tabs.widget(i) is panel else None)
    _show(qtbot, tabs)
    other.setFocus()
    tabs.setCurrentWidget(panel)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert panel.controller.runner.status is Status.RUNNING
    panel.shutdown()


def test_a_log_that_cannot_be_written_does_not_stop_the_clock(panel, clock, monkeypatch):
    def refuse(self, event):
        raise FileProblem(FileProblem.DISK_FULL, "proceso.taller")

    monkeypatch.setattr(RunLog, "write", refuse)
    panel.controller.act("start")
    assert panel.controller.runner.status is Status.RUNNING
    assert not panel.problem.isHidden() and "No queda espacio" in panel.problem.text()
    clock.advance(5)
    panel.controller.tick()
    assert panel.countdown.text() == "09:55"


def test_agenda_edits_during_the_run_are_followed(panel, ctx, clock):
    controller = panel.controller
    controller.act("start")
    clock.advance(60)
    ctx.undo.run(retime_block(ctx.doc, controller.runner.current, 15))
    assert panel.countdown.text() == "14:00" and panel.budget.text() == "Bloque de 15 min"
    ctx.undo.run(remove_block(ctx.doc, controller.runner.current))
    assert panel.title.text() == "Identificar desafíos" and panel.agenda.count() == 5
    assert _events(ctx)[-1] == "goto"
    ctx.undo.stack.undo()
    assert panel.agenda.count() == 6 and panel.title.text() == "Identificar desafíos"


def test_group_blocks_show_groups_with_privacy(panel, ctx):
    doc = ctx.doc
    group = InsertRow("workgroup", {"workshop_id": ctx.workshop_id, "name": "Grupo Norte", "position": 0})
    doc.execute(group)
    for name, consent, sector in (("Rosa Quispe", 1, "Salud"), ("Nombre Secreto", 0, "Sociedad civil")):
        person = InsertRow("participant", {"process_id": doc.process["id"], "name": name, "consent": consent,
                                           "sector": sector})
        doc.execute(person)
        doc.execute(InsertRow("attendance", {"workshop_id": ctx.workshop_id, "participant_id": person.id,
                                             "group_id": group.id}))
    panel.controller.act("start")
    assert panel.groups.isHidden()  # the introduction is a plenary
    panel.controller.act("next")
    assert not panel.groups.isHidden()
    texts = [w.text() for w in panel.groups.findChildren(QLabel)]
    assert "Grupo Norte" in texts and "Rosa Quispe · Sociedad civil" in texts
    assert not any("Secreto" in t for t in texts)


def test_ticking_follows_the_clock(ctx, clock, qtbot):
    panel = _show(qtbot, RunPanel(ctx, clock=clock))
    controller = panel.controller
    assert 50 <= controller.tick_interval <= 60003  # ready: next wall-clock minute
    controller.act("start")
    assert 10 <= controller.tick_interval <= 1003
    clock.advance(0.25)
    controller.tick()
    assert 740 <= controller.tick_interval <= 760  # just after the shown second changes
    controller.act("pause")
    assert controller.tick_interval >= 50
    controller.act("end")
    assert controller.tick_interval is None
    panel.shutdown()


def test_a_heartbeat_is_written_while_running_and_at_shutdown(panel, ctx, clock):
    controller = panel.controller
    controller.act("start")
    clock.advance(31)
    controller.tick()
    alive = ctx.doc.store.query("SELECT elapsed, payload FROM run_event WHERE kind = 'alive'")
    assert len(alive) == 1 and alive[0]["elapsed"] == 31
    clock.advance(5)
    panel.shutdown()
    alive = ctx.doc.store.query("SELECT elapsed, payload FROM run_event WHERE kind = 'alive'")
    assert len(alive) == 1 and alive[0]["elapsed"] == 36 and json.loads(alive[0]["payload"])["status"] == "running"
    assert controller.tick_interval is None


def test_announced_start_time_counts(ctx, qtbot):
    from facilitator.commands import UpdateRow

    ctx.doc.execute(UpdateRow("workshop", ctx.workshop_id, {"date": "2025-05-06", "start_time": "09:20"}))
    panel = _show(qtbot, RunPanel(ctx, clock=ManualClock(T0), autotick=False))
    assert panel.schedule.text().replace("\xa0", " ") == "Vamos 10 min atrasados: «Cierre» empezará a las 10:50."
    ctx.undo.run(UpdateRow("workshop", ctx.workshop_id, {"start_time": "09:35"}))
    assert panel.schedule.text().replace("\xa0", " ") == "Vamos 5 min adelantados: «Cierre» empezará a las 10:50."
    panel.shutdown()


def test_english(ctx, clock, qtbot):
    from facilitator.i18n import set_language

    set_language("en")
    panel = _show(qtbot, RunPanel(ctx, clock=clock, autotick=False))
    panel.controller.act("start")
    assert panel.status.text() == "In progress" and panel.actions_by_key["toggle"].text() == "Pause"
    assert panel.schedule.text() == "We are on time: “Cierre” will start at 10:50."
    panel.shutdown()


def _lines(text, font, width):
    """The lines Qt breaks ``text`` into at ``width`` pixels with ``font`` (what a word-wrapped label shows)."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].strip(" \xa0"))
    layout.endLayout()
    return lines


def test_coming_up_lists_every_block_left(panel, ctx):
    titles = [b.title for b in panel.controller.view.plan]
    assert len(titles) > 4
    shown = panel.upcoming.text().replace("\xa0", " ")
    assert all(f"{t} (" in shown for t in titles[1:]) and "…" not in shown  # no cap at three
    assert panel.upcoming.toolTip() == ""


def test_a_long_workshop_names_the_next_four_blocks_and_counts_the_rest(panel, ctx):
    for i in range(6):
        ctx.doc.execute(add_block(ctx.doc, ctx.workshop_id, title=f"Bloque extra {i + 1}"))
    QApplication.processEvents()  # the agenda changed: the panel reads the new plan
    titles = [b.title for b in panel.controller.view.plan][1:]
    assert len(titles) > 5
    shown = panel.upcoming.text().replace("\xa0", " ")
    assert all(f"{t} (" in shown for t in titles[:4]) and f"{titles[4]} (" not in shown
    assert shown.endswith(f"+{len(titles) - 4} bloques más")
    assert all(t in panel.upcoming.toolTip() for t in titles)


def test_a_wrapped_line_never_starts_with_a_unit_or_an_ellipsis(panel, ctx):
    texts = [panel.upcoming.text(), panel.schedule.text()]
    texts += [panel.agenda.item(i).text() for i in range(panel.agenda.count())]
    font = panel.upcoming.font()
    bad = []
    for text in texts:
        for width in range(60, 700, 3):
            for line in _lines(text, font, width)[1:]:
                if line.startswith(("min", "…", "·", "(")) or line.split(" ")[0].rstrip(")").isdigit():
                    bad.append((width, line))
    assert bad == []
