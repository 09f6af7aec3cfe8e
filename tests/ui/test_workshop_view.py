"""A workshop's tabs follow its canvases; the corner menu adds a canvas of any kind, undoably."""

import pytest
from PySide6.QtWidgets import QWidget

from facilitator.ui import process_view, workshop_tabs
from facilitator.ui.process_view import WorkshopView
from facilitator.ui.workshop_tabs import TABS, TabSpec


class Stub(QWidget):
    """Stands in for a canvas panel so that only the tab logic is under test."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.shown = []
        self.closed = False

    def show_canvas(self, canvas_id):
        self.shown.append(canvas_id)

    def shutdown(self):
        self.closed = True


@pytest.fixture
def stub_tabs(monkeypatch):
    tabs = [TabSpec(t.key, t.title, "tests.ui.test_workshop_view:Stub", t.kind) if t.kind else t for t in TABS]
    monkeypatch.setattr(workshop_tabs, "TABS", tabs)
    monkeypatch.setattr(process_view, "TABS", tabs)
    return tabs


def titles(view):
    return [view.tabText(i) for i in range(view.count())]


def test_kind_tabs_come_and_go_with_canvases(qtbot, ctx, stub_tabs):
    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    assert "FODA" not in titles(view) and "Tablero" in titles(view)  # a diagnostic has only a board

    view.add_canvas("foda")
    foda = view.panels["foda"]
    assert titles(view).index("FODA") == titles(view).index("Tablero") + 1
    assert view.currentWidget() is foda and len(foda.shown) == 1
    assert ctx.doc.canvas(foda.shown[0])["kind"] == "foda"

    view.add_canvas("monitoring_matrix")
    assert titles(view).index("Seguimiento") == titles(view).index("FODA") + 1

    ctx.undo.stack.undo()  # the monitoring matrix goes, and its tab with it
    assert "Seguimiento" not in titles(view) and "monitoring" not in view.panels
    ctx.undo.stack.undo()
    assert "FODA" not in titles(view) and foda.closed
    ctx.undo.stack.redo()
    assert "FODA" in titles(view)


def test_corner_menu_offers_every_kind(qtbot, ctx, stub_tabs):
    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    actions = view.add_canvas_button.menu().actions()
    assert [a.text() for a in actions] == ["Tablero", "FODA", "Árbol de problemas", "Matriz de planificación",
                                           "Matriz de seguimiento"]
    actions[2].trigger()
    assert "Árbol" in titles(view)
    assert [c["kind"] for c in ctx.doc.canvases(ctx.workshop_id)] == ["board", "problem_tree"]


def test_read_only_file_cannot_add_canvases(qtbot, ctx, stub_tabs, monkeypatch):
    monkeypatch.setattr(type(ctx.doc), "readonly", property(lambda self: True))
    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    assert not view.add_canvas_button.isEnabled()
