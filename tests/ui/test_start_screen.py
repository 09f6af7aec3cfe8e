"""Smoke test of the real main window: start screen, a new process, agenda edits with undo.

After every step the file is read through a separate ProcessDocument: the change
is already committed, there is nothing to save.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.settings import Settings
from facilitator.store import FileProblem
from facilitator.ui.agenda import MINUTES, TITLE, AgendaModel
from qtshared.dialogs import Dialogs
from facilitator.ui.main_window import MainWindow
from facilitator.ui.new_process import NewWorkshopChoice, TemplateChooser


@pytest.fixture
def shown(monkeypatch):
    """Messages the window would show in dialogs, recorded instead of shown."""
    seen: dict[str, list[str]] = {"error": [], "info": []}
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: seen["error"].append(text)))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text: seen["info"].append(text)))
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, text: True))
    return seen


@pytest.fixture
def window(qtbot, shown):
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.start.filled)  # the lists fill right after the first paint
    yield w
    w.close_document()


def on_disk(path: Path) -> dict:
    """What another program reading the file sees now."""
    doc = ProcessDocument.open(path, readonly=True)
    try:
        (workshop,) = doc.workshops()
        return {"process": doc.process["title"], "workshop": workshop["title"],
                "blocks": [(b["title"], b["minutes"]) for b in doc.blocks(workshop["id"])]}
    finally:
        doc.close()


def type_text(widget, text: str) -> None:
    """Type like a user, one key at a time (qtbot.keyClicks aborts on accented lowercase letters)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def menu_texts(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def new_process(window, monkeypatch, path: Path) -> None:
    choice = NewWorkshopChoice(template=builtin_template("diagnostico"), title="Diagnóstico Arica",
                               date="2026-05-04", place="Arica", path=path, process_title="Política migrante ñandú")
    monkeypatch.setattr(TemplateChooser, "ask", classmethod(lambda cls, parent, **kw: choice))
    window.start.new_button.click()


# -- start screen ------------------------------------------------------------------------------------
def test_start_screen_shows_actions_templates_and_no_recent_files(window):
    assert window.stack.currentWidget() is window.start
    assert window.start.isVisible() and window.windowTitle() == "Papelógrafo"
    assert window.start.recent.count() == 1
    assert window.start.recent.item(0).text() == "Todavía no hay archivos recientes."
    assert not window.start.recent.isEnabled()  # a placeholder, not a file to open
    assert window.start.templates.count() == 6
    assert window.start.templates.item(0).text().startswith("Taller de diagnóstico participativo — 90 min")
    assert not window.undo_action.isEnabled() and not window.close_action.isEnabled()
    assert menu_texts(window)[:2] == ["&Archivo", "&Editar"]


def test_recent_files_are_listed_and_open(qtbot, shown, tmp_path):
    path = tmp_path / "reciente.taller"
    ProcessDocument.create(path, "Reciente").close()
    settings = Settings()
    settings.add_recent(tmp_path / "borrado.taller")
    settings.add_recent(path)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.start.filled)
    texts = [w.start.recent.item(i).text() for i in range(w.start.recent.count())]
    assert texts[0].startswith("reciente.taller\n")
    assert texts[1].startswith("borrado.taller — no encontrado")
    assert w.start.recent.isEnabled()
    w.start.recent.itemActivated.emit(w.start.recent.item(0))
    assert w.doc is not None and w.doc.path == path
    assert "Reciente — reciente.taller" in w.windowTitle()
    w.close_document()
    assert w.stack.currentWidget() is w.start


# -- a new process and its agenda --------------------------------------------------------------------
def test_create_workshop_and_edit_agenda_with_undo(window, monkeypatch, tmp_path, qtbot, qtmodeltester, shown):
    path = tmp_path / "nuevo.taller"
    new_process(window, monkeypatch, path)
    assert window.doc is not None and window.stack.currentWidget() is window.view
    assert "solo lectura" not in window.windowTitle()
    expected = [("Presentación", 10), ("Identificar desafíos", 25), ("Plenario de desafíos", 10),
                ("Identificar fortalezas y oportunidades", 25), ("Plenario de resultados", 10), ("Cierre", 10)]
    assert on_disk(path) == {"process": "Política migrante ñandú", "workshop": "Diagnóstico Arica",
                             "blocks": expected}
    assert window.settings.get("recent_files") == [str(path.resolve())]

    view = window.view.workshop_view()
    view.show_panel("agenda")
    editor = view.panels["agenda"]
    model: AgendaModel = editor.model
    qtmodeltester.check(model)
    stack = window.view.undo.stack
    history = [list(expected)]

    def step(blocks):
        assert on_disk(path)["blocks"] == blocks
        history.append(list(blocks))

    # Retime through the model (what the table's editor does) ...
    assert model.setData(model.index(1, MINUTES), 30)
    step([expected[0], ("Identificar desafíos", 30), *expected[2:]])
    assert model.setData(model.index(1, MINUTES), 0) is False  # refused with a message, nothing written
    assert "minutos" in editor.problem.text()
    # ... and with the +5 button.
    editor.select(model.rows[1]["id"])
    plus5 = next(b for b in editor.findChildren(QPushButton) if b.text() == "+5 min")
    plus5.click()
    step([expected[0], ("Identificar desafíos", 35), *expected[2:]])

    # Add a block after the selected one, then remove it.
    editor.select(model.rows[2]["id"])
    editor.add_button.click()
    added = [*history[-1][:3], ("Nuevo bloque", 10), *history[-1][3:]]
    step(added)
    assert editor.selected_id() == model.rows[3]["id"]  # the new block is selected
    editor.remove_button.click()
    step(history[-2])

    # Move the first block down.
    editor.select(model.rows[0]["id"])
    editor.down_button.click()
    moved = list(history[-1])
    moved[0], moved[1] = moved[1], moved[0]
    step(moved)
    assert editor.selected_id() == model.rows[1]["id"]

    # Rename the selected block by typing accented text: one undo step for the whole word.
    count = stack.count()
    editor.title.selectAll()
    type_text(editor.title, "Bienvenida ñandú")
    renamed = list(moved)
    renamed[1] = ("Bienvenida ñandú", 10)
    step(renamed)
    assert stack.count() == count + 1
    assert model.data(model.index(1, TITLE)) == "Bienvenida ñandú"
    qtmodeltester.check(model)

    # Undo everything through the Edit menu, checking the file after each step; then redo it all.
    assert window.undo_action.isEnabled() and window.undo_action.text().startswith("&Deshacer: ")
    states = history[::-1]
    for previous in states[1:]:
        window.undo_action.trigger()
        assert on_disk(path)["blocks"] == previous
    assert not stack.canUndo() and not window.undo_action.isEnabled()
    for following in history[1:]:
        window.redo_action.trigger()
        assert on_disk(path)["blocks"] == following
    assert not stack.canRedo()
    assert shown["error"] == []
    assert window.saved.text().startswith("✔ Guardado")


def test_language_switch_is_remembered_and_reopens_the_file(window, monkeypatch, tmp_path):
    path = tmp_path / "idioma.taller"
    new_process(window, monkeypatch, path)
    wid = window.view.current_workshop_id()
    window.change_language("en")
    assert window.settings.get("language") == "en"
    assert Settings().get("language") == "en"  # written to disk
    assert menu_texts(window)[:2] == ["&File", "&Edit"]
    assert window.doc is not None and window.doc.path == path and window.view.current_workshop_id() == wid
    assert window.start.new_button.text() != "Nuevo proceso desde un guion…"
    window.change_language("es")
    assert menu_texts(window)[:2] == ["&Archivo", "&Editar"]
    assert Settings().get("language") == "es"


def test_language_from_start_screen_combo(window):
    window.start.language.setCurrentIndex(window.start.language.findData("en"))
    assert Settings().get("language") == "en"
    assert menu_texts(window)[0] == "&File"
    window.change_language("es")


# -- bad files ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("content, code", [(b"Notas sueltas del taller", FileProblem.NOT_SQLITE),
                                           (b"", FileProblem.NOT_SQLITE)])
def test_opening_a_bad_file_shows_the_error_and_keeps_the_file(window, shown, tmp_path, content, code):
    path = tmp_path / "malo.taller"
    path.write_bytes(content)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert window.open_path(path) is False
    assert shown["error"] == [FileProblem(code, str(path)).message()]
    assert window.doc is None and window.stack.currentWidget() is window.start
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["malo.taller"]


def test_opening_a_newer_file_says_so(window, shown, tmp_path):
    import sqlite3

    from facilitator.store import SCHEMA_VERSION

    path = tmp_path / "futuro.taller"
    ProcessDocument.create(path, "Futuro").close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    assert window.open_path(path) is False
    (message,) = shown["error"]
    assert "versión más reciente" in message and str(path) in message


def test_opening_a_file_with_a_cut_short_run_shows_that_workshop_on_its_run_tab(window, tmp_path):
    """After a crash mid-workshop, reopening the file lands where the room was."""
    from datetime import datetime, timezone

    from facilitator.session.runlog import RunLog, plan_of
    from facilitator.session.runner import ManualClock, Runner
    from facilitator.workshops import new_workshop

    path = tmp_path / "cortado.taller"
    doc = ProcessDocument.create(path, "Proceso")
    first = new_workshop(doc, builtin_template("foda"), lang="es")
    second = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(first)
    doc.execute(second)
    clock = ManualClock(datetime(2026, 10, 14, 12, 0, tzinfo=timezone.utc))
    runner = Runner(plan_of(doc.store, second.workshop_id), clock, sink=RunLog(doc.store, second.workshop_id).write)
    runner.start()
    clock.advance(90)
    doc.close()  # the app dies here: the run never ended

    assert window.open_path(path)
    assert window.view.current_workshop_id() == second.workshop_id
    view = window.view.workshop_view()
    assert view.currentWidget() is view.panels["run"]
