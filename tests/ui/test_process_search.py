"""Buscar en el proceso (Ctrl+Shift+F): type, see where each hit lives, Enter jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from facilitator.demo import build_demo
from facilitator.ui.main_window import MainWindow


def type_text(widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def test_search_jumps_to_the_note_in_its_workshop_tab_and_canvas(qtbot, tmp_path):
    from facilitator.settings import Settings

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.open_path(build_demo(tmp_path / "demo.taller"))
    assert window.search_action.isEnabled()
    assert [s.toString() for s in window.search_action.shortcuts()] == ["Ctrl+Shift+F"]
    window.search_action.trigger()
    search = window.view.search
    assert search.isVisible() and search.focusWidget() is search.box
    type_text(search.box, "xenófob")
    qtbot.waitUntil(lambda: search.results.count() > 0)
    first = search.results.item(0)
    hit = first.data(Qt.ItemDataRole.UserRole)
    assert "xenófob" in hit.text.lower() and hit.workshop_title in first.text()
    QTest.keyClick(search.box, Qt.Key.Key_Return)
    assert not search.isVisible()
    view = window.view
    assert view.current_workshop_id() == hit.workshop_id
    workshop = view.workshop_view()
    panel = workshop.panels[hit.tab]
    assert workshop.currentWidget() is panel and panel.canvas_id == hit.canvas_id
    if hit.tab == "board":
        assert panel.selected_ids() == [hit.id]


def test_search_finds_a_minutes_entry_and_selects_it(qtbot, tmp_path):
    from facilitator.settings import Settings

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.open_path(build_demo(tmp_path / "demo.taller"))
    search = window.view.open_search("patrones comunes")
    hits = search.run()
    assert hits and hits[0].source == "minutes"
    search.jump()
    panel = window.view.workshop_view().panels["minutes"]
    assert window.view.workshop_view().currentWidget() is panel and panel.selected_ids() == [hits[0].id]
    search.box.setText("xyzzy")
    assert search.run() == [] and search.status.text() == "Sin resultados."
