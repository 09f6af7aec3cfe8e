"""A live run is safe: a language switch, a quit, a second instance and a crash reopen keep the room's clock true."""

import os
import socket
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QCoreApplication

from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.i18n import current_language
from facilitator.session.runlog import latest_run, plan_of
from facilitator.session.runner import Runner, Status, SystemClock
from facilitator.settings import Settings
from facilitator.store.lock import LockOwner, lock_path
from qtshared.dialogs import Dialogs
from facilitator.ui.main_window import MainWindow
from facilitator.workshops import new_workshop


@pytest.fixture
def process_file(tmp_path):
    path = tmp_path / "sala.taller"
    doc = ProcessDocument.create(path, "Proceso de la sala")
    doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es"))
    doc.close()
    return path


@pytest.fixture
def window(qtbot, monkeypatch, process_file):
    shown = {"info": [], "error": [], "choose": []}
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text: shown["info"].append(text)))
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown["error"].append(text)))
    monkeypatch.setattr(Dialogs, "choose", classmethod(lambda cls, parent, text, choices: "pause"))
    w = MainWindow(Settings())
    w.shown = shown
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w._closing = True
    w.close_document()


def _run_panel(window):
    view = window.view.workshop_view()
    view.show_panel("run")
    return view.panels["run"]


def test_switching_language_during_a_run_keeps_the_clock_and_the_projector(window, process_file, qtbot):
    assert window.open_path(process_file)
    panel = _run_panel(window)
    panel.controller.act("start")
    panel.toggle_projector()
    projector, controller = panel.projector, panel.controller
    qtbot.waitExposed(projector)
    undo_stack = window.view.undo.stack
    window.change_language("en")
    assert current_language() == "en"
    # The same run panel, controller and projector window: nothing was closed or rebuilt.
    assert _run_panel(window) is panel and panel.controller is controller and panel.projector is projector
    assert projector.isVisible()
    assert controller.runner.status is Status.RUNNING and controller.runner.interrupted is None
    assert controller.tick_interval is not None
    with qtbot.waitSignal(controller.changed, timeout=3000):
        pass  # the next second arrives: still ticking
    assert panel.actions_by_key["toggle"].text() == "Pause"
    assert panel.status.text() == "In progress"
    assert projector.windowTitle() == "Papelógrafo · Projector"
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.view.undo.stack is undo_stack  # the undo history stays too
    assert not panel.banner.isVisible()
    window.change_language("es")
    assert panel.actions_by_key["toggle"].text() == "Pausar" and projector.isVisible()


def test_qt_dialogs_follow_the_language(window):
    window.change_language("en")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    window.change_language("es")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Ver en:"


@pytest.mark.parametrize("answer, left, status", [("pause", "paused", Status.PAUSED),
                                                 ("run", "running", Status.RUNNING)])
def test_quitting_during_a_run_asks_and_logs_a_chosen_leave(window, process_file, qtbot, monkeypatch, answer, left,
                                                            status):
    asked = []
    monkeypatch.setattr(Dialogs, "choose", classmethod(lambda cls, parent, text, choices: (
        asked.append([k for k, _label in choices]), answer)[1]))
    assert window.open_path(process_file)
    panel = _run_panel(window)
    panel.controller.act("start")
    wid = panel.ctx.workshop_id
    assert window.close()
    assert asked == [["pause", "run", "cancel"]]
    doc = ProcessDocument.open(process_file)
    try:
        record = latest_run(doc.store, wid)
        assert record.left == left
        runner = Runner(plan_of(doc.store, wid), SystemClock())
        runner.load(record)
        assert runner.status is status and runner.interrupted is None  # not a crash
    finally:
        doc.close()


def test_cancel_keeps_the_window_and_the_run(window, process_file, monkeypatch):
    monkeypatch.setattr(Dialogs, "choose", classmethod(lambda cls, parent, text, choices: None))
    assert window.open_path(process_file)
    panel = _run_panel(window)
    panel.controller.act("start")
    assert not window.close()
    assert window.isVisible() and window.doc is not None
    assert panel.controller.runner.status is Status.RUNNING


def test_no_question_without_a_live_run(window, process_file, monkeypatch):
    monkeypatch.setattr(Dialogs, "choose", classmethod(lambda *a: pytest.fail("asked without a run")))
    assert window.open_path(process_file)
    assert window.close()


def test_a_file_open_elsewhere_opens_read_only_and_offers_no_end(window, process_file, qtbot):
    # Another instance runs the workshop: its run is live in the file and its lock is fresh.
    doc = ProcessDocument.open(process_file)
    wid = doc.workshops()[0]["id"]
    from facilitator.session.runlog import RunLog

    runner = Runner(plan_of(doc.store, wid), SystemClock(), sink=RunLog(doc.store, wid).write)
    runner.start()
    doc.close()
    owner = LockOwner("portatil-sala", "ana", os.getppid(), datetime.now(timezone.utc), "other")
    lock_path(process_file).write_text(owner.to_json(), encoding="utf-8")
    assert window.open_path(process_file)
    assert window.doc.readonly and window.doc.held_by.host == "portatil-sala"
    assert "ya está abierto" in window.shown["info"][0] and "portatil-sala" in window.shown["info"][0]
    from PySide6.QtWidgets import QLabel

    banner = next(label for label in window.view.findChildren(QLabel) if label.objectName() == "Banner")
    assert "portatil-sala" in banner.text() and "ana" in banner.text()
    panel = _run_panel(window)
    assert panel.banner.isVisible()
    assert not any(b.isVisible() for b in panel.banner.buttons.values())  # never "end the workshop"
    assert "otra ventana" in panel.banner.text.text()
    assert not any(panel.actions_by_key[k].isEnabled() for k in ("toggle", "end", "next", "plus1"))
    assert socket.gethostname() != "portatil-sala"
