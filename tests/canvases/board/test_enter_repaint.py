"""One Enter in the capture field repaints one note's worth of the board, however full the board is.

Counts, not times (speed is for ``bench/board_capture.py``): typing notes into a
crowded cell must call ``NoteItem.paint`` for the new note only (at most one row
more when the view scrolls), and the viewport area Qt repaints per Enter must stay
within a few notes' size — plus, when the note starts a new row of its cell, that
row's strip across the view (the paper grows and what is below moves down by a row).
The same with 200 notes as with 3,000.
"""

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from canvases.board.board_panel import BoardPanel
from canvases.board.items import NoteItem
from facilitator import board
from facilitator.board.layout import GAP, NOTE_H, NOTE_W, PITCH_Y
from facilitator.commands import InsertRow
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.undo import UndoAdapter

TYPED = 9  # more than two rows of a cell (four notes a row): rows start, the cell grows


class PaintedArea(QObject):
    """Sums the area of the regions the viewport is asked to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.area = 0

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.area += sum(r.width() * r.height() for r in event.region())
        return False


def enter_costs(qtbot, diagnostic, monkeypatch, notes: int):
    """Type TYPED notes into a crowded cell; per Enter: (paint calls, painted area, area allowed) in notes' areas."""
    doc, wid = diagnostic
    gids = []
    for i in range(3):
        cmd = InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "position": i,
                                      "colour": ["#F6D55C", "#3CAEA3", "#ED553B"][i]})
        doc.execute(cmd)
        gids.append(cmd.id)
    canvas = next(c for c in doc.canvases(wid) if c["kind"] == "board")["id"]
    for zone in ("desafios", "fortalezas_oportunidades"):  # the crowded lane: both of its cells
        doc.execute(board.add_notes(doc, canvas, zone, gids[0], [f"{zone} {i} ¿ñ? texto de la nota"
                                                                  for i in range(notes // 2)]))
    calls = [0]
    original = NoteItem.paint

    def counting(self, painter, option, widget=None):
        calls[0] += 1
        original(self, painter, option, widget)

    monkeypatch.setattr(NoteItem, "paint", counting)  # before any note is painted
    holder = QWidget()
    qtbot.addWidget(holder)
    signals = DocumentSignals(doc, holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), signals, Settings(), wid)
    panel = BoardPanel(ctx, holder)
    holder.resize(1366, 768)
    panel.resize(1366, 768)
    holder.show()
    qtbot.waitExposed(holder)
    QApplication.processEvents()
    panel.activate()
    # the note-taker goes to the other zone and back to the crowded cell, then types
    for key in (Qt.Key.Key_2, Qt.Key.Key_1):
        QTest.keyClick(panel.capture, key, Qt.KeyboardModifier.AltModifier)
        QApplication.processEvents()
    assert panel.scene.current == ("desafios", gids[0])
    view = panel.view
    painted = PaintedArea()
    view.viewport().installEventFilter(painted)
    zoom = view.zoom
    note_area = NOTE_W * zoom * NOTE_H * zoom
    row_strip = view.viewport().width() * 2 * PITCH_Y * zoom / note_area  # a new row, scrolled into sight
    costs = []
    try:
        for i in range(TYPED):
            calls[0], painted.area = 0, 0
            panel.capture.setPlainText(f"Escrita {i}: ¿acceso a salud? ñ")
            QTest.keyClick(panel.capture, Qt.Key.Key_Return)
            QApplication.processEvents()
            # the note is on the board, in sight, and the counters say so
            row = next(r for r in doc.notes(canvas) if r["text"] == f"Escrita {i}: ¿acceso a salud? ñ")
            costs.append((calls[0], round(painted.area / note_area, 2), 4 + (row_strip if row["x"] == GAP else 0)))
            seen = view.mapFromScene(panel.scene.note_scene_rect(row["id"])).boundingRect()
            assert view.viewport().rect().contains(seen)
            assert panel.scene.lane_labels[gids[0]].detail == f"{2 * (notes // 2) + i + 1} notas"
            assert panel.scene.zone_labels["desafios"].detail == f"{notes // 2 + i + 1} notas"
    finally:
        view.viewport().removeEventFilter(painted)
        panel.shutdown()
        signals.detach()
    assert view.zoom == zoom
    return costs


@pytest.mark.parametrize("notes", [200, 3000])
def test_enter_paints_the_new_note_not_the_board(qtbot, diagnostic, monkeypatch, notes):
    costs = enter_costs(qtbot, diagnostic, monkeypatch, notes)
    calls = [c for c, _a, _allowed in costs]
    # one note painted per Enter; a scroll by one row may bring in the neighbour cell's row (4 notes)
    assert max(calls) <= 5, costs
    assert sum(calls) <= TYPED + 8, costs
    # what Qt repaints: the new note and the counters, or the new row's strip — never the whole view,
    # never the lane title as tall as the lane
    assert all(area <= allowed for _c, area, allowed in costs), costs
