"""The process title: every key saved; emptied, it says a title is needed and the stored one comes back."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from facilitator.settings import Settings
from facilitator.ui.process_view import ProcessView


def test_clearing_the_title_is_refused_visibly_and_the_title_comes_back(doc, qtbot):
    view = ProcessView(doc, Settings())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    field = view.title
    field.setFocus()
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == ""
    assert view.title_problem.isVisible() and "título" in view.title_problem.text()
    assert doc.process["title"] == "Proceso de prueba"  # nothing half-saved
    field.editingFinished.emit()  # focus leaves the field
    assert field.text() == "Proceso de prueba" and not view.title_problem.isVisible()
    field.end(False)
    for ch in " 2026":
        QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    assert doc.process["title"].endswith("2026")
    view.shutdown()


def test_the_title_field_has_the_whole_title_as_tooltip_as_it_changes(doc, qtbot, tooltip_text):
    """The field cuts a long title with no ellipsis: its tooltip says all of it, typed or undone."""
    view = ProcessView(doc, Settings())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    field = view.title
    assert tooltip_text(field.toolTip()) == "Proceso de prueba"
    field.setFocus()
    field.end(False)
    for ch in " — Comuna de Los Aromos <b>":
        QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    assert tooltip_text(field.toolTip()) == "Proceso de prueba — Comuna de Los Aromos <b>"
    field.clearFocus()
    view.undo.stack.undo()
    assert tooltip_text(field.toolTip()) == field.text() == doc.process["title"]
    view.shutdown()
