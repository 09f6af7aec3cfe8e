"""BoardScene follows the file incrementally; BoardView zooms, selects, drags, edits in place."""

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvases.board.items import NoteItem
from canvases.board.scene import BoardScene
from canvases.board.view import BoardView
from canvases.registry import projector_view
from facilitator import board
from facilitator.commands import DeleteRow, InsertRow, UpdateRow
from facilitator.board import layout as bl
from qtshared.context import DocumentSignals


class FakeCtx:
    def __init__(self, doc, signals):
        self.doc, self.signals = doc, signals


@pytest.fixture
def setup(qapp, diagnostic):
    doc, wid = diagnostic
    groups = []
    for i, colour in enumerate(["#F6D55C", "#3CAEA3"]):
        cmd = InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "colour": colour,
                                      "position": i})
        doc.execute(cmd)
        groups.append(cmd.id)
    canvas = next(c for c in doc.canvases(wid) if c["kind"] == "board")
    signals = DocumentSignals(doc)
    yield doc, wid, canvas["id"], groups, signals
    signals.detach()


def add(doc, canvas, zone, group, *texts):
    macro = board.add_notes(doc, canvas, zone, group, list(texts))
    doc.execute(macro)
    return macro.note_ids


def test_lanes_are_groups_plus_no_group_and_columns_are_zones(setup):
    doc, wid, canvas, groups, signals = setup
    add(doc, canvas, "desafios", groups[0], "uno", "dos")
    add(doc, canvas, "fortalezas_oportunidades", None, "sin grupo")
    scene = BoardScene(doc, canvas, signals=signals)
    assert scene.lanes == [*groups, None]
    assert scene.zone_keys == ["desafios", "fortalezas_oportunidades"]
    assert set(scene.cells) == {(z, lane) for z in scene.zone_keys for lane in scene.lanes}
    assert len(scene.notes) == 3
    item = next(i for i in scene.notes.values() if i.row["text"] == "sin grupo")
    assert item.parentItem() is scene.cells[("fortalezas_oportunidades", None)]
    assert item.pos() == QPointF(*bl.slot(0))
    assert scene.lane_labels[None].title == "Sin grupo"
    assert scene.zone_labels["desafios"].title == "Desafíos"
    assert scene.lane_labels[groups[0]].detail == "2 notas"


def test_insert_adds_one_item_and_rebuilds_nothing(setup):
    doc, wid, canvas, groups, signals = setup
    add(doc, canvas, "desafios", groups[0], *[f"nota {i}" for i in range(20)])
    scene = BoardScene(doc, canvas, signals=signals)
    before = dict(scene.notes)
    cells = dict(scene.cells)
    refreshed = []
    scene.refreshed.connect(refreshed.append)
    (new,) = add(doc, canvas, "desafios", groups[1], "¿nueva? ñ")
    assert len(scene.notes) == 21
    assert all(scene.notes[i] is item for i, item in before.items())  # the same objects, untouched
    assert scene.cells == cells
    assert refreshed == [{new}]
    assert scene.notes[new].parentItem() is scene.cells[("desafios", groups[1])]
    assert scene.notes[new].row["text"] == "¿nueva? ñ"


def test_cells_grow_and_lanes_below_move_without_moving_notes(setup):
    doc, wid, canvas, groups, signals = setup
    (first,) = add(doc, canvas, "desafios", groups[1], "abajo")
    scene = BoardScene(doc, canvas, signals=signals)
    lane2_y = scene.cells[("desafios", groups[1])].y()
    note_pos = scene.notes[first].pos()
    add(doc, canvas, "desafios", groups[0], *[f"n{i}" for i in range(bl.COLUMNS + 1)])  # a second row
    grown = scene.grid.row_h[0]
    assert grown == bl.GAP + 2 * bl.PITCH_Y
    assert scene.cells[("desafios", groups[1])].y() == lane2_y + grown - bl.MIN_CELL_H
    assert scene.cells[("fortalezas_oportunidades", groups[0])].rect.height() == grown  # what it paints (its bounds keep room to grow)
    assert scene.notes[first].pos() == note_pos  # children ride along with their cell
    assert scene.sceneRect().height() > scene.grid.height


def test_updates_moves_deletes_and_undo(setup):
    doc, wid, canvas, groups, signals = setup
    a, b = add(doc, canvas, "desafios", groups[0], "a", "b")
    scene = BoardScene(doc, canvas, signals=signals)
    item = scene.notes[a]
    doc.execute(board.set_votes(doc, [a], 4))
    assert scene.notes[a] is item and item.row["votes"] == 4
    move = board.move_notes(doc, [board.Move(a, "fortalezas_oportunidades", None, 200.0, 30.0)])
    doc.execute(move)
    assert item.parentItem() is scene.cells[("fortalezas_oportunidades", None)]
    assert item.pos() == QPointF(200.0, 30.0)
    assert a not in scene.members[("desafios", groups[0])]
    move.undo(doc.store)
    assert item.parentItem() is scene.cells[("desafios", groups[0])]
    delete = board.delete_notes(doc, [a, b])
    doc.execute(delete)
    assert scene.notes == {}
    assert not [i for i in scene.items() if isinstance(i, NoteItem)]
    delete.undo(doc.store)
    assert set(scene.notes) == {a, b}


def test_groups_and_themes_follow_the_file(setup):
    doc, wid, canvas, groups, signals = setup
    (a,) = add(doc, canvas, "desafios", groups[1], "del grupo 2")
    scene = BoardScene(doc, canvas, signals=signals)
    structure, themes = [], []
    scene.structure_changed.connect(lambda: structure.append(1))
    scene.themes_changed.connect(lambda: themes.append(1))
    new_group = InsertRow("workgroup", {"workshop_id": wid, "name": "Grupo 3", "position": 2})
    doc.execute(new_group)
    assert scene.lanes == [*groups, new_group.id, None] and structure
    assert scene.lane_labels[new_group.id].title == "Grupo 3"
    doc.execute(UpdateRow("workgroup", groups[1], {"name": "Territorio"}))
    assert scene.lane_labels[groups[1]].title == "Territorio"
    remove = DeleteRow("workgroup", groups[1])
    doc.execute(remove)
    assert groups[1] not in scene.lanes
    assert scene.notes[a].parentItem() is scene.cells[("desafios", None)]  # group gone: note without group
    remove.undo(doc.store)
    assert scene.notes[a].parentItem() is scene.cells[("desafios", groups[1])]
    make = board.create_theme(doc, canvas, "Documentos", [a])
    doc.execute(make)
    assert themes and scene.look.themes[make.theme_id][0] == "Documentos"
    doc.execute(board.rename_theme(doc, make.theme_id, "Papeles"))
    assert scene.look.themes[make.theme_id][0] == "Papeles"


def test_filter_dims_or_hides_and_counts(setup):
    doc, wid, canvas, groups, signals = setup
    a, b = add(doc, canvas, "desafios", groups[0], "Salud mental", "Vivienda")
    scene = BoardScene(doc, canvas, signals=signals)
    assert scene.set_filter(board.NoteFilter(text="salud")) == 1
    assert scene.notes[a].opacity() == 1.0 and scene.notes[b].opacity() < 0.5 and scene.notes[b].isVisible()
    scene.set_filter(board.NoteFilter(text="salud"), hide_unmatched=True)
    assert not scene.notes[b].isVisible()
    (c,) = add(doc, canvas, "desafios", groups[0], "Otra cosa")
    assert not scene.notes[c].isVisible() and scene.matches == 1
    assert scene.matching_ids() == [a]
    scene.set_filter(board.NoteFilter())
    assert all(i.isVisible() and i.opacity() == 1.0 for i in scene.notes.values())


def test_canvas_deleted_closes_the_scene(setup):
    doc, wid, canvas, groups, signals = setup
    add(doc, canvas, "desafios", groups[0], "x")
    scene = BoardScene(doc, canvas, signals=signals)
    closed = []
    scene.closed.connect(lambda: closed.append(1))
    doc.execute(DeleteRow("workshop", wid))
    assert closed and scene.notes == {} and not scene.items()


def _mouse(widget, kind, pos, button, buttons):
    event = QMouseEvent(kind, QPointF(pos), widget.mapToGlobal(QPointF(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_drag_moves_selected_notes_with_one_command(qtbot, setup):
    doc, wid, canvas, groups, signals = setup
    a, b = add(doc, canvas, "desafios", groups[0], "a", "b")
    scene = BoardScene(doc, canvas, signals=signals)
    ran = []

    def run(command):
        doc.execute(command)
        ran.append(command)
        return True

    view = BoardView(scene, run=run)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    view.set_zoom(0.5)
    view.centerOn(scene.board_rect().center())
    scene.select_ids([a, b])
    start = view.mapFromScene(scene.notes[a].sceneBoundingRect().center())
    target_cell = scene.cell_rect(("fortalezas_oportunidades", groups[1]))
    end = view.mapFromScene(target_cell.topLeft() + QPointF(bl.NOTE_W / 2 + 40, bl.NOTE_H / 2 + 20))
    vp = view.viewport()
    _mouse(vp, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    for k in range(1, 6):
        _mouse(vp, QEvent.Type.MouseMove, start + (end - start) * (k / 5), Qt.MouseButton.NoButton,
               Qt.MouseButton.LeftButton)
    _mouse(vp, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    assert len(ran) == 1 and len(ran[0].commands) == 2  # both notes, one undo step
    rows = {i: doc.store.get("note", i) for i in (a, b)}
    assert rows[a]["zone"] == "fortalezas_oportunidades" and rows[a]["group_id"] == groups[1]
    assert rows[b]["zone"] == "fortalezas_oportunidades" and rows[b]["group_id"] == groups[1]
    assert scene.notes[a].parentItem() is scene.cells[("fortalezas_oportunidades", groups[1])]
    assert set(scene.selected_ids()) == {a, b}  # the drag kept the selection
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    spot = view.mapFromScene(scene.notes[a].scenePos() + QPointF(6, bl.NOTE_H - 6))
    assert image.pixelColor(spot).name() == scene.look.group_fill[groups[1]].name()  # repainted, not the cache
    ran[0].undo(doc.store)
    assert scene.notes[a].parentItem() is scene.cells[("desafios", groups[0])]


def test_refused_drag_puts_notes_back(qtbot, setup):
    doc, wid, canvas, groups, signals = setup
    (a,) = add(doc, canvas, "desafios", groups[0], "a")
    scene = BoardScene(doc, canvas, signals=signals)
    view = BoardView(scene, run=lambda command: False)
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    scene.select_ids([a])
    start = view.mapFromScene(scene.notes[a].sceneBoundingRect().center())
    vp = view.viewport()
    _mouse(vp, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    _mouse(vp, QEvent.Type.MouseMove, start + QPoint(150, 90), Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    assert scene.notes[a].pos() != QPointF(*bl.slot(0))
    _mouse(vp, QEvent.Type.MouseButtonRelease, start + QPoint(150, 90), Qt.MouseButton.LeftButton,
           Qt.MouseButton.NoButton)
    assert scene.notes[a].pos() == QPointF(*bl.slot(0))


def test_rubber_band_selects_across_groups(qtbot, setup):
    doc, wid, canvas, groups, signals = setup
    a = add(doc, canvas, "desafios", groups[0], "a")[0]
    b = add(doc, canvas, "desafios", groups[1], "b")[0]
    scene = BoardScene(doc, canvas, signals=signals)
    view = BoardView(scene, run=lambda c: True)
    qtbot.addWidget(view)
    view.resize(1200, 1000)
    view.show()
    view.fit()
    top_left = view.mapFromScene(scene.cell_rect(("desafios", groups[0])).topLeft() + QPointF(2, 2))
    bottom = view.mapFromScene(scene.cell_rect(("desafios", groups[1])).bottomLeft() + QPointF(300, -2))
    vp = view.viewport()
    _mouse(vp, QEvent.Type.MouseButtonPress, top_left, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    _mouse(vp, QEvent.Type.MouseMove, (top_left + bottom) / 2, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    _mouse(vp, QEvent.Type.MouseMove, bottom, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    _mouse(vp, QEvent.Type.MouseButtonRelease, bottom, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    assert scene.selected_ids() == [a, b]


def test_view_zoom_fit_keys_and_in_place_edit(qtbot, setup):
    doc, wid, canvas, groups, signals = setup
    (a,) = add(doc, canvas, "desafios", groups[0], "antes")
    scene = BoardScene(doc, canvas, signals=signals)
    view = BoardView(scene, run=lambda c: True)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.set_zoom(1.0)
    QTest.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(1.2)
    QTest.keyClick(view, Qt.Key.Key_Minus)  # nothing selected: zooms
    assert view.zoom == pytest.approx(1.0)
    view.fit()
    assert view.mapFromScene(scene.board_rect()).boundingRect().width() <= view.viewport().width()
    scene.select_ids([a])
    with qtbot.waitSignal(view.votes_step) as step:
        QTest.keyClicks(view, "+")
    assert step.args == [1]
    with qtbot.waitSignal(view.votes_typed) as typed:
        QTest.keyClicks(view, "1")
    with qtbot.waitSignal(view.votes_typed) as typed:
        QTest.keyClicks(view, "2")
    assert typed.args == [12]
    with qtbot.waitSignal(view.delete_requested):
        QTest.keyClick(view, Qt.Key.Key_Delete)
    editor = view.edit_note(a)
    assert editor.toPlainText() == "antes"
    editor.selectAll()
    for ch in "ñandú ¿sí?":
        QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(editor, "dos")
    with qtbot.waitSignal(view.edit_committed) as done:
        QTest.keyClick(editor, Qt.Key.Key_Return)
    assert done.args == [a, "ñandú ¿sí?\ndos"]
    assert view.editor is None


def test_projector_view_is_read_only_and_follows_the_file(qtbot, setup):
    doc, wid, canvas, groups, signals = setup
    ctx = FakeCtx(doc, signals)
    assert projector_view(ctx, {"id": "x", "kind": "not_a_kind"}) is None
    view = projector_view(ctx, doc.canvas(canvas))
    qtbot.addWidget(view)
    assert isinstance(view, BoardView) and view.read_only and not view.isInteractive()
    view.resize(800, 500)
    view.show()
    add(doc, canvas, "desafios", groups[0], "en vivo")
    assert [i.row["text"] for i in view.board_scene.notes.values()] == ["en vivo"]
    assert view.edit_note(next(iter(view.board_scene.notes))) is None


def test_moved_note_is_repainted_in_its_new_groups_colour(qtbot, setup):
    doc, wid, canvas, groups, signals = setup
    (a,) = add(doc, canvas, "desafios", groups[0], "a")
    scene = BoardScene(doc, canvas, signals=signals)
    view = BoardView(scene, run=lambda c: True)
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    view.set_zoom(1.0)
    qtbot.waitExposed(view)

    def colour_at_note():
        view.reveal(a)
        QApplication.processEvents()
        image = view.viewport().grab().toImage()
        spot = view.mapFromScene(scene.notes[a].scenePos() + QPointF(4, bl.NOTE_H - 4))
        return image.pixelColor(spot).name()

    assert colour_at_note() == scene.look.group_fill[groups[0]].name()
    doc.execute(board.move_notes(doc, [board.Move(a, "fortalezas_oportunidades", groups[1], 20.0, 20.0)]))
    assert colour_at_note() == scene.look.group_fill[groups[1]].name()
    scene.set_colour_by("zone")
    assert colour_at_note() == scene.look.zone_fill["fortalezas_oportunidades"].name()


def test_scene_keeps_each_cells_free_slots_as_the_file_has_them(setup):
    """Typing takes the next slot from the scene (no query over the cell): it must be the file's."""
    doc, wid, canvas, groups, signals = setup
    scene = BoardScene(doc, canvas, signals=signals)

    def from_file(zone, group):
        rows = board.cell_notes(doc, canvas, zone, group)
        return (bl.next_slot([(r["x"], r["y"]) for r in rows]), max([r["position"] for r in rows], default=-1.0) + 1)

    def check():
        for zone in ("desafios", "fortalezas_oportunidades"):
            for group in (*groups, None):
                free, position = scene.cell_slots(zone, group)
                assert (free.peek(), position) == from_file(zone, group), (zone, group)

    done = []
    for i in range(7):  # capture through the scene, as the board panel does
        macro = board.add_notes(doc, canvas, "desafios", groups[0], [f"n{i}", f"m{i}"],
                                cell=scene.cell_slots("desafios", groups[0]))
        doc.execute(macro)
        done.append(macro)
        check()
    done[-1].undo(doc.store)  # undo and redo of an added note
    check()
    done[-1].redo(doc.store)
    check()
    ids = done[2].note_ids + done[4].note_ids[:1]
    delete = board.delete_notes(doc, ids)  # holes: the next notes fill them first
    doc.execute(delete)
    check()
    macro = board.add_notes(doc, canvas, "desafios", groups[0], ["hueco"], cell=scene.cell_slots("desafios", groups[0]))
    doc.execute(macro)
    assert (scene.notes[macro.note_ids[0]].row["x"], scene.notes[macro.note_ids[0]].row["y"]) == bl.slot(4)
    check()
    move = board.move_notes(doc, [board.Move(done[0].note_ids[0], "fortalezas_oportunidades", groups[1], 400.0, 30.0),
                                  board.Move(done[1].note_ids[0], "desafios", groups[0], 700.0, 500.0)])
    doc.execute(move)
    check()
    move.undo(doc.store)
    delete.undo(doc.store)
    check()
    add(doc, canvas, "fortalezas_oportunidades", None, "sin grupo")  # written by another view of the file (an import)
    check()
    doc.execute(board.tidy(doc, canvas))
    check()
