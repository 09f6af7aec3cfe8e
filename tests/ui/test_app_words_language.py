"""The English UI on the demo (created in Spanish) shows the app's words in English, the users' as typed.

Issue 14: FODA quadrant titles and buttons, canvas and zone names, gender and sector
values stayed Spanish while the rest of the window was English.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractListModel
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGraphicsView, QLabel,
                               QTabWidget)

from canvases.board.items import LabelItem
from canvases.foda.view import FodaProjection
from canvases.tree.scene import TreeScene
from facilitator.demo import demo_data
from facilitator.i18n import set_language

from demo_run import close, every_tab, main_window

ENGLISH = ("SWOT matrix", "Strengths", "Opportunities", "Weaknesses", "Threats", "Group flipchart", "Challenges",
           "Problem tree", "Core problem", "Causes", "Effects", "Woman", "Man", "Public services")
SPANISH = ("Matriz FODA", "Fortalezas", "Oportunidades", "Debilidades", "Amenazas", "Papelógrafo del grupo",
           "Desafíos", "Árbol de problemas", "Problema central", "Causas", "Efectos", "mujer", "Mujer", "hombre",
           "Hombre", "Servicios públicos")


@pytest.fixture
def window(qtbot, monkeypatch):
    w = main_window(qtbot, monkeypatch)
    yield w
    close(w)
    set_language("es")


def texts_of(root) -> set[str]:
    """Every text the window shows: labels, buttons, tabs, combos, table cells, painted quadrants, scene titles."""
    found: set[str] = set()
    for w in [root, *root.findChildren(QLabel), *root.findChildren(QAbstractButton)]:
        if hasattr(w, "text") and w.isVisible() and isinstance(w.text(), str):
            found.add(w.text())
    for tabs in root.findChildren(QTabWidget):
        found.update(tabs.tabText(i) for i in range(tabs.count()))
    for combo in root.findChildren(QComboBox):
        found.update(combo.itemText(i) for i in range(combo.count()))
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for r in range(min(model.rowCount(), 200)):
            for c in range(columns):
                value = model.index(r, c).data()
                if isinstance(value, str):
                    found.add(value)
    for foda in root.findChildren(FodaProjection):
        found.update(box.label for box in foda.boxes)
    for view in root.findChildren(QGraphicsView):
        scene = view.scene()
        if scene is None:
            continue
        found.update(item.title for item in scene.items() if isinstance(item, LabelItem))
        if isinstance(scene, TreeScene):
            found.update(scene.zone_label(role) for role in ("trunk", "cause", "effect"))
    return {" ".join(t.split()) for t in found if t}


def walk_demo(window) -> set[str]:
    assert window.open_demo()
    seen: set[str] = set()
    for _where, _tabs, _index in every_tab(window):
        seen |= texts_of(window)
    return seen


def test_english_ui_on_a_spanish_demo_shows_the_app_words_in_english(window):
    window.change_language("en")
    window.resize(1366, 768)
    window.show()
    seen = walk_demo(window)
    missing = [w for w in ENGLISH if w not in seen]
    assert not missing, f"not shown in English: {missing}"
    spanish = sorted(w for w in SPANISH if w in seen)
    assert not spanish, f"still in Spanish: {spanish}"
    # What the users typed stays as typed: the demo's notes and group names.
    typed = [n["text"] for w in demo_data()["workshops"] for n in w.get("notes", [])]
    groups = [g["name"] for w in demo_data()["workshops"] for g in w.get("groups", [])]
    assert any(" ".join(t.split()) in seen for t in typed)
    assert set(groups) & seen


def test_the_spanish_ui_shows_the_same_words_as_before(window):
    window.resize(1366, 768)
    window.show()
    seen = walk_demo(window)
    for word in ("Matriz FODA", "Fortalezas", "Oportunidades", "Debilidades", "Amenazas", "Desafíos",
                 "Servicios públicos", "Mujer"):
        assert word in seen, word
    assert not {"canvas:matriz_foda", "zone:fortalezas", "gender:mujer"} & seen
