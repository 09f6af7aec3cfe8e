"""A read-only process file: the window says so, offers no edits, and refuses any that get through."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.settings import Settings
from facilitator.store import FileProblem, open_process_file
from facilitator.ui.agenda import MINUTES, TITLE
from qtshared.dialogs import Dialogs
from facilitator.ui.main_window import MainWindow
from facilitator.workshops import new_workshop


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def readonly_window(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "consulta.taller"
    doc = ProcessDocument.create(path, "Proceso en consulta")
    doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es"))
    doc.close()
    # The file cannot be written, as a file on a read-only share or with read-only permissions.
    monkeypatch.setattr(ProcessDocument, "open", classmethod(
        lambda cls, p, **kw: cls(open_process_file(p, writable_check=lambda _p: False))))
    shown: dict[str, list[str]] = {"error": [], "info": []}
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown["error"].append(text)))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text: shown["info"].append(text)))
    digest = sha(path)
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path)
    yield window, path, shown
    window.close_document()
    assert sha(path) == digest


def test_banner_title_and_indicator_say_read_only(readonly_window):
    window, path, shown = readonly_window
    assert window.doc.readonly
    assert shown["info"] == [FileProblem(FileProblem.READ_ONLY, str(path)).message()]
    banners = [label for label in window.view.findChildren(QLabel) if label.objectName() == "Banner"]
    assert len(banners) == 1 and banners[0].isVisible() and "solo lectura" in banners[0].text()
    assert "solo lectura" in window.windowTitle()
    assert window.saved.text().startswith("Solo lectura")
    assert not window.new_workshop_action.isEnabled()


def test_agenda_offers_no_edits(readonly_window):
    window, _path, _shown = readonly_window
    view = window.view.workshop_view()
    view.show_panel("agenda")
    editor = view.panels["agenda"]
    model = editor.model
    assert model.rowCount() == 6
    for col in (TITLE, MINUTES):
        assert not model.flags(model.index(0, col)) & Qt.ItemFlag.ItemIsEditable
    buttons = editor.findChildren(QPushButton)
    assert buttons and not any(b.isEnabled() for b in buttons)
    assert editor.title.isReadOnly() and window.view.title.isReadOnly()
    assert not any(box.isEnabled() for box in editor.mode_boxes.values())


def test_edits_that_get_through_are_refused_with_a_message(readonly_window, qtbot):
    window, path, shown = readonly_window
    view = window.view.workshop_view()
    editor = view.panels["agenda"]
    model = editor.model
    before = [(r["title"], r["minutes"]) for r in model.rows]
    with qtbot.waitSignal(window.view.undo.failed):
        assert model.setData(model.index(0, MINUTES), 45) is False
    editor.select(model.rows[1]["id"])
    editor.retime_by(5)
    editor.add()
    message = FileProblem(FileProblem.READ_ONLY, str(path)).message()
    assert shown["error"] == [message] * 3
    assert window.view.undo.stack.count() == 0 and not window.undo_action.isEnabled()
    assert window.saved.text() == "⚠ No se guardó el último cambio"
    assert [(r["title"], r["minutes"]) for r in window.doc.blocks(window.view.current_workshop_id())] == before
