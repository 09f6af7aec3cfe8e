"""A workshop's tabs follow its canvases; the corner menu adds a canvas of any kind, undoably."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from facilitator.commands import UpdateRow
from facilitator import kinds
from facilitator.ui import workshop_tabs
from facilitator.ui.process_view import WorkshopView
from facilitator.ui.workshop_tabs import TabSpec, tabs


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
    stubs = [TabSpec(t.key, t.title, "tests.ui.test_workshop_view:Stub", t.kind) if t.kind else t for t in tabs()]
    monkeypatch.setattr(workshop_tabs, "tabs", lambda: stubs)
    return stubs


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


# Every kind but the board (the diagnostic workshop already has one), by the registry: its tab's title.
KIND_TABS = {k.key: k.tab for k in kinds.all_kinds() if k.key != "board"}


@pytest.mark.parametrize("kind", list(KIND_TABS))
def test_real_panels_survive_undo_and_redo_of_their_canvas(qtbot, ctx, kind):
    """The real panel is shut down and deleted when its canvas goes; nothing it queued may run on it after."""
    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    title = KIND_TABS[kind]
    with qtbot.captureExceptions() as exceptions:
        view.add_canvas(kind)
        assert title in titles(view)
        ctx.undo.stack.undo()
        qtbot.wait(50)
        assert title not in titles(view)
        ctx.undo.stack.redo()
        qtbot.wait(50)
        assert title in titles(view)
        ctx.undo.stack.undo()
        qtbot.wait(50)
        assert title not in titles(view)
    assert not exceptions, [str(e[1]) for e in exceptions]


def test_kind_tabs_leave_no_connection_behind(qtbot, ctx, flush_deletes, listeners):
    """Panels of every kind, each projecting its canvas, all go with their canvases: the file's signal is as before."""
    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    flush_deletes()
    base = listeners(ctx)
    for kind in KIND_TABS:
        view.add_canvas(kind)
    projected = [panel.project() for panel in view.panels.values() if type(panel).__name__ in
                 ("FodaPanel", "PlanningPanel", "MonitoringPanel")]
    assert all(w is not None and w.isVisible() for w in projected)
    assert listeners(ctx) > base
    with qtbot.captureExceptions() as exceptions:
        for _kind in KIND_TABS:
            ctx.undo.stack.undo()
            flush_deletes()
    assert not exceptions, [str(e[1]) for e in exceptions]
    assert not set(titles(view)) & set(KIND_TABS.values())
    assert listeners(ctx) == base


@pytest.mark.parametrize("kind", ["foda", "planning_matrix", "monitoring_matrix"])
def test_a_projection_closed_with_esc_is_gone_and_a_new_one_replaces_the_old(qtbot, ctx, kind, flush_deletes,
                                                                             listeners):
    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    view.add_canvas(kind)
    panel = view.currentWidget()
    flush_deletes()
    base = listeners(ctx)
    first = panel.project()
    second = panel.project()  # "Proyectar" again: the old window goes, the panel keeps the new one
    flush_deletes()
    assert panel.projected is second and second.isVisible() and listeners(ctx) == base + 1
    if not second.isFullScreen():
        QTest.keyClick(second, Qt.Key.Key_F11)  # F11 toggles full screen
    assert second.isFullScreen()
    QTest.keyClick(second, Qt.Key.Key_Escape)  # the first Esc leaves full screen
    assert second.isVisible() and not second.isFullScreen()
    QTest.keyClick(second, Qt.Key.Key_Escape)  # the second closes
    flush_deletes()
    assert panel.projected is None and listeners(ctx) == base
    assert first is not second


@pytest.mark.parametrize("kind", list(KIND_TABS))
def test_canvas_switchers_follow_renames_and_name_untitled_canvases(qtbot, ctx, kind):
    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    view.add_canvas(kind)
    view.add_canvas(kind)
    panel = view.currentWidget()
    ids = [c["id"] for c in ctx.doc.canvases(ctx.workshop_id) if c["kind"] == kind]
    texts = lambda: [panel.canvas_combo.itemText(i) for i in range(panel.canvas_combo.count())]  # noqa: E731
    assert len(texts()) == 2 and panel.canvas_combo.isVisibleTo(panel)
    ctx.undo.run(UpdateRow("canvas", ids[0], {"title": "Mesa 1 <b>"}))
    assert texts()[0] == "Mesa 1 <b>"
    ctx.undo.run(UpdateRow("canvas", ids[0], {"title": ""}))
    assert texts()[0].strip() and texts()[0] != "Mesa 1 <b>"  # a default title, never an empty item
    ctx.undo.stack.undo()
    assert texts()[0] == "Mesa 1 <b>"


def test_the_board_tab_goes_with_the_last_board_and_comes_back_on_undo(qtbot, ctx):
    from facilitator.commands import DeleteRow

    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    board = next(c for c in ctx.doc.canvases(ctx.workshop_id) if c["kind"] == "board")
    with qtbot.captureExceptions() as exceptions:
        ctx.undo.run(DeleteRow("canvas", board["id"]))
        qtbot.wait(50)
        assert "Tablero" not in titles(view)
        ctx.undo.stack.undo()
        qtbot.wait(50)
        assert "Tablero" in titles(view)
        assert view.panels["board"].canvas_id == board["id"]
    assert not exceptions, [str(e[1]) for e in exceptions]


def test_views_of_workshops_not_shown_are_released_unless_busy(qtbot, diagnostic, stub_tabs, flush_deletes):
    """Visiting every workshop of a large process keeps two workshop views, not one per workshop;
    a view whose panel shows something on the projector stays."""
    from facilitator.domain.templates import builtin_template
    from facilitator.settings import Settings
    from facilitator.ui.process_view import KEEP_VIEWS, ProcessView
    from facilitator.workshops import new_workshop

    doc, first = diagnostic
    for _ in range(3):
        doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es"))
    ids = [w["id"] for w in doc.workshops()]
    view = ProcessView(doc, Settings())
    qtbot.addWidget(view)
    for wid in ids:
        view.select_workshop(wid)
    flush_deletes()
    assert list(view.views) == ids[-KEEP_VIEWS:]  # the shown one and the one before it
    assert view.workshop_view().ctx.workshop_id == ids[-1]

    projected = QWidget()
    qtbot.addWidget(projected)
    view.views[ids[-1]].panels["board"].projected = projected
    projected.show()
    for wid in ids[:2]:
        view.select_workshop(wid)
    flush_deletes()
    assert ids[-1] in view.views  # on the projector: kept
    assert list(view.views)[-2:] == ids[:2]
    view.select_workshop(ids[2])  # released views come back built anew from the file
    assert view.workshop_view().ctx.workshop_id == ids[2]
    view.signals.detach()
