"""Regression guard: many thousands of Python ``NoteItem.paint`` calls must not crash.

PySide6 6.12.0 on Python 3.11 aborts (none_dealloc) after thousands of Python
QGraphicsItem.paint calls; pyproject pins PySide6 below 6.12. This test renders
a 3,000-note board again and again, at overview and at full detail, with the
pixmap cache off so that every render really calls paint().
"""

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from canvases.board.items import NoteItem
from canvases.board.scene import BoardScene
from facilitator import board
from facilitator.commands import InsertRow, Macro

NOTES = 3000


def test_thousands_of_paint_calls(qapp, diagnostic, monkeypatch):
    doc, wid = diagnostic
    canvas = next(c for c in doc.canvases(wid) if c["kind"] == "board")["id"]
    groups = []
    for i in range(3):
        cmd = InsertRow("workgroup", {"workshop_id": wid, "name": f"G{i}", "position": i})
        doc.execute(cmd)
        groups.append(cmd.id)
    doc.execute(board.add_notes(doc, canvas, "desafios", groups[0], [f"Nota {i} ¿ñ? áé" for i in range(NOTES // 2)]))
    doc.execute(board.add_notes(doc, canvas, "fortalezas_oportunidades", groups[1],
                                [f"Oportunidad {i}\ncon dos líneas" for i in range(NOTES // 2)]))
    ids = [r["id"] for r in doc.notes(canvas)]
    doc.execute(Macro([*board.set_votes(doc, ids[::3], 3).commands,
                       *board.set_tag(doc, ids[::2], "salud", True).commands]))
    scene = BoardScene(doc, canvas)
    assert len(scene.notes) == NOTES
    for item in scene.notes.values():
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)

    calls = 0
    original = NoteItem.paint

    def counting(self, painter, option, widget=None):
        nonlocal calls
        calls += 1
        original(self, painter, option, widget)

    monkeypatch.setattr(NoteItem, "paint", counting)
    image = QImage(1200, 900, QImage.Format.Format_ARGB32_Premultiplied)
    whole = scene.board_rect()
    detail = QRectF(whole.left(), whole.top(), 1200.0, 900.0)
    # An overview draws every note as a sketch; scene.render() also paints every child of a
    # cell it touches, so a 1:1 screenful paints them all at full detail.
    for source in (whole, detail, whole, detail, whole, detail):
        image.fill(QColor("white"))
        painter = QPainter(image)
        scene.render(painter, QRectF(image.rect()), source)
        painter.end()
    assert calls > 10_000
    # the last screenful really shows notes (post-it colours and text, not just the background)
    colours = {image.pixel(x, y) for x in range(0, 1200, 37) for y in range(0, 900, 29)}
    assert len(colours) > 3
