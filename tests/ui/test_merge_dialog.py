"""Combinar con otro archivo… and Conflictos: the merge as the facilitator does it in the window."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from facilitator.commands import InsertRow, UpdateRow
from facilitator.conflicts import open_conflicts
from facilitator.document import ProcessDocument
from facilitator.settings import Settings
from facilitator.ui.main_window import MainWindow
from facilitator.ui.merge_dialog import CombineDialog, ConflictsDialog


@pytest.fixture
def two_files(doc, tmp_path):
    """(a_path, b_path, note): B changed the note's text and votes, A changed its text."""
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    doc.execute(new_workshop(doc, builtin_template("diagnostico"), title="Diagnóstico", lang="es"))
    canvas = doc.store.query("SELECT id FROM canvas WHERE kind = 'board' LIMIT 1")[0]["id"]
    note = InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Original"})
    doc.execute(note)
    doc.close()
    b_path = tmp_path / "laptop-b.taller"
    shutil.copy(doc.path, b_path)
    b = ProcessDocument.open(b_path)
    b.store.device = "laptop-b"
    b.execute(UpdateRow("note", note.id, {"text": "Texto de B", "votes": 5}))
    b.execute(InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Sólo en B"}))
    b.close()
    a = ProcessDocument.open(doc.path)
    a.execute(UpdateRow("note", note.id, {"text": "Texto de A"}))
    a.close()
    return doc.path, b_path, note.id


def test_combine_then_settle_the_conflict(qtbot, two_files, monkeypatch, errors):
    a_path, b_path, note = two_files
    previews = []

    def accept(dialog):
        previews.append(dialog.summary.text())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CombineDialog, "exec", accept)
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(a_path)
    assert window.combine_action.isEnabled()
    plan = window.combine_file(str(b_path))
    assert plan is not None and plan.conflicts == 1 and plan.inserted == {"note": 1}
    assert "Filas nuevas que se agregan: 1" in previews[0] and "(van a «Conflictos»): 1" in previews[0]
    doc = window.doc
    assert doc.store.get("note", note)["votes"] == 5  # only B changed it: B's value
    assert doc.store.get("note", note)["text"] == "Texto de A"  # both changed it: ours, listed
    assert window.conflicts_action.text() == "Con&flictos (1)…"
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictsDialog) and w.isVisible())
    assert window.show_conflicts() is dialog  # one list, brought to the front
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in range(2)] == ["Nota «Texto de A»", "Texto"]
    assert dialog.mine.toPlainText() == "Texto de A" and dialog.theirs.toPlainText() == "Texto de B"
    assert "laptop-b" in dialog.theirs_title.text()
    dialog.take_theirs.click()
    assert doc.store.get("note", note)["text"] == "Texto de B"
    assert dialog.table.rowCount() == 0 and open_conflicts(doc) == []
    assert window.conflicts_action.text() == "Con&flictos…"
    window.view.undo.stack.undo()  # the choice is undoable
    assert doc.store.get("note", note)["text"] == "Texto de A" and len(open_conflicts(doc)) == 1
    assert dialog.table.rowCount() == 1
    dialog.close()
    assert errors == []


def test_a_bad_file_is_refused_in_one_line(qtbot, two_files, tmp_path, errors):
    a_path, _b, _note = two_files
    bad = tmp_path / "roto.json"
    bad.write_text('{"format": "papelografo-exchange", "version": 2, "tables": {"note": [{"id": "x", '
                   '"votes": "abc"}]}}', encoding="utf-8")
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.open_path(a_path)
    assert window.combine_file(str(bad)) is None
    assert len(errors) == 1 and "roto.json" in errors[0] and "\n" not in errors[0]
    assert "«note»" in errors[0]


def test_combining_with_itself_is_refused(qtbot, two_files, errors):
    a_path, _b, _note = two_files
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.open_path(a_path)
    assert window.combine_file(str(a_path)) is None
    assert len(errors) == 1 and "mismo archivo" in errors[0]
