"""What frames the board on screen: titles that stay in sight, the board at the top-left, captions.

The zone titles (and the lane titles) are drawn pinned to the view's top (left)
edge once the board scrolls past them, like a spreadsheet's frozen panes, so a
facilitator deep in a tall lane still reads which column is which. Checked on the
pixels the view draws and on the regions Qt is asked to repaint (counts, not times).
"""

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from canvases.board.board_panel import BoardPanel
from facilitator import board
from facilitator.board.layout import HEADER_H, HEADER_W
from facilitator.commands import InsertRow, UpdateRow
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.undo import UndoAdapter

COLOURS = ["#F6D55C", "#3CAEA3", "#ED553B"]
ZONE_STRIPE = QColor("#8FA3AD")  # the line under a zone's title


class Painted(QObject):
    """The region the viewport is asked to paint, summed over paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


def make_panel(qtbot, doc, wid, size=(1366, 768), group_names=None):
    holder = QWidget()
    qtbot.addWidget(holder)
    signals = DocumentSignals(doc, holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), signals, Settings(), wid)
    panel = BoardPanel(ctx, holder)
    holder.resize(*size)
    panel.resize(*size)
    holder.show()
    qtbot.waitExposed(holder)
    panel.activate()
    for _ in range(3):
        QApplication.processEvents()
    return holder, panel, signals


@pytest.fixture
def tall(qtbot, diagnostic):
    """A board whose first lane holds 60 notes in "Desafíos" (far taller than the view), at 1366×768."""
    doc, wid = diagnostic
    gids = []
    for i in range(3):
        cmd = InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "position": i,
                                      "colour": COLOURS[i]})
        doc.execute(cmd)
        gids.append(cmd.id)
    canvas = next(c for c in doc.canvases(wid) if c["kind"] == "board")["id"]
    doc.execute(board.add_notes(doc, canvas, "desafios", gids[0], [f"nota {i} ¿ñ?" for i in range(60)]))
    doc.execute(board.add_notes(doc, canvas, "desafios", gids[2], ["una", "dos"]))
    holder, panel, signals = make_panel(qtbot, doc, wid)
    yield panel, gids
    panel.shutdown()
    signals.detach()


def pixel(view, x: int, y: int) -> QColor:
    return view.viewport().grab().toImage().pixelColor(x, y)


def test_zone_titles_stay_at_the_top_when_the_board_scrolls_down(tall):
    panel, gids = tall
    view, scene = panel.view, panel.scene
    QTest.keyClick(panel.capture, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # to Grupo 3, far below
    QApplication.processEvents()
    assert view.mapToScene(QPoint(0, 0)).y() > HEADER_H  # the real title row is above the view
    zoom = view.zoom
    label = scene.zone_labels["desafios"]
    x = view.mapFromScene(QPointF(label.x() + label.rect.width() / 2, 0)).x()
    # the zone title's underline, pinned at the top of the view
    assert pixel(view, x, int((HEADER_H - 2.5) * zoom)) == ZONE_STRIPE
    # a new note changes the count: the pinned title's count line is repainted with it
    painted = Painted()
    view.viewport().installEventFilter(painted)
    try:
        panel.capture.setPlainText("otra nota")
        QTest.keyClick(panel.capture, Qt.Key.Key_Return)
        QApplication.processEvents()
    finally:
        view.viewport().removeEventFilter(painted)
    assert label.detail == "63 notas"
    origin = view.mapToScene(QPoint(0, 0))
    count_line = view.mapFromScene(QRectF(label.x() + 14, origin.y() + 28, 36, 10)).boundingRect()
    assert QRegion(count_line).subtracted(painted.region).isEmpty()
    # and not the whole view
    area = sum(r.width() * r.height() for r in painted.region)
    assert area < view.viewport().width() * view.viewport().height() / 3


def test_scrolling_repaints_the_pinned_strip_not_the_whole_view(tall):
    panel, _gids = tall
    view = panel.view
    QTest.keyClick(panel.capture, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    painted = Painted()
    view.viewport().installEventFilter(painted)
    try:
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() - 40)  # up a little
        QApplication.processEvents()
    finally:
        view.viewport().removeEventFilter(painted)
    width = view.viewport().width()
    strip = QRect(0, 0, width, int(HEADER_H * view.zoom) + 40)
    assert QRegion(strip).subtracted(painted.region).isEmpty()  # the title row redrawn where it stays
    area = sum(r.width() * r.height() for r in painted.region)
    assert area <= width * (HEADER_H * view.zoom + 2 * 40 + 4)  # the strip, the scrolled-in band: not the view


def test_lane_titles_stay_at_the_left_when_the_board_scrolls_sideways(tall):
    panel, gids = tall
    view, scene = panel.view, panel.scene
    view.set_zoom(1.0)  # the two zones are wider than the view
    QTest.keyClick(panel.capture, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    QApplication.processEvents()
    assert view.mapToScene(QPoint(0, 0)).x() > HEADER_W
    lane = scene.lane_labels[gids[2]]
    y = view.mapFromScene(QPointF(0, lane.y() + lane.rect.height() / 2)).y()
    assert 0 < y < view.viewport().height()
    assert pixel(view, 1, y) == QColor(COLOURS[2])  # the lane's colour stripe, pinned at the left edge


def test_a_click_on_a_pinned_title_does_not_pick_the_note_under_it(tall):
    panel, _gids = tall
    view, scene = panel.view, panel.scene
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + int(300 * view.zoom))
    QApplication.processEvents()
    label = scene.zone_labels["desafios"]
    at = QPoint(view.mapFromScene(QPointF(label.x() + 100, 0)).x(), int(HEADER_H * view.zoom / 2))
    assert view.note_at(at) is not None  # a note is scrolled under the pinned title
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert scene.selected_ids() == []


def test_going_back_up_shows_the_next_slot_below_the_pinned_titles(tall):
    panel, gids = tall
    view, scene = panel.view, panel.scene
    view.set_zoom(1.0)  # the titles are 48 pixels tall: more than the margin kept around a new note
    QTest.keyClick(panel.capture, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # far below
    QTest.keyClick(panel.capture, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(panel.capture, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the top of the tall lane
    QApplication.processEvents()
    assert panel.scene.current == ("fortalezas_oportunidades", gids[0])
    slot = view.mapFromScene(scene.next_slot_rect("fortalezas_oportunidades", gids[0])).boundingRect()
    assert slot.top() >= HEADER_H * view.zoom  # not hidden under the zone titles
    assert view.viewport().rect().contains(slot)


def test_a_board_smaller_than_the_view_sits_at_its_top_left(qtbot, diagnostic):
    doc, wid = diagnostic
    holder, panel, signals = make_panel(qtbot, doc, wid, size=(1366, 1000))
    try:
        view = panel.view
        view.set_zoom(0.5)
        QApplication.processEvents()
        corner = view.mapFromScene(QPointF(0, 0))
        assert view.board_scene.board_rect().height() * view.zoom < view.viewport().height() / 2
        assert 0 <= corner.y() <= 40 * view.zoom + 2 and 0 <= corner.x() <= 40 * view.zoom + 2
    finally:
        panel.shutdown()
        signals.detach()


def test_the_corner_title_wraps_and_tells_itself_whole(qtbot, diagnostic):
    doc, wid = diagnostic
    canvas = next(c for c in doc.canvases(wid) if c["kind"] == "board")
    title = "Objetivos SMART de la política"
    doc.execute(UpdateRow("canvas", canvas["id"], {"title": title}))
    holder, panel, signals = make_panel(qtbot, doc, wid)
    try:
        corner = panel.scene.corner
        lines = corner.title_lines(HEADER_W - 20, HEADER_H - 8)
        assert len(lines) == 2 and " ".join(lines) == title  # two lines, nothing cut
        assert corner.toolTip() == title
        lane = next(iter(panel.scene.lane_labels.values()))
        assert lane.toolTip() == lane.title  # a long group name is read in full by pointing at it
    finally:
        panel.shutdown()
        signals.detach()


def test_the_group_caption_is_level_with_the_first_row_of_its_buttons(qtbot, diagnostic):
    doc, wid = diagnostic
    for i in range(6):
        doc.execute(InsertRow("workgroup", {"workshop_id": wid, "name": f"Mesa territorial número {i + 1}",
                                            "position": i, "colour": COLOURS[i % 3]}))
    holder, panel, signals = make_panel(qtbot, doc, wid, size=(1024, 768))
    try:
        buttons = panel.groups_bar.buttons
        assert buttons[-1].y() > buttons[0].y()  # the group buttons wrapped onto several rows
        caption = panel.groups_bar.caption
        top = buttons[0].mapTo(panel, QPoint(0, 0)).y()
        middle = caption.mapTo(panel, QPoint(0, caption.height() // 2)).y()
        assert top <= middle <= top + buttons[0].height()
        zone_caption = panel.zones_bar.caption
        assert abs(zone_caption.mapTo(panel, QPoint(0, 0)).y() - caption.mapTo(panel, QPoint(0, 0)).y()) <= 2
    finally:
        panel.shutdown()
        signals.detach()


def test_a_zone_title_scrolled_under_the_lane_titles_keeps_its_name_in_sight(tall):
    panel, _gids = tall
    view, scene = panel.view, panel.scene
    view.set_zoom(1.0)
    label = scene.zone_labels["desafios"]
    # scroll sideways until the zone's left part (where its name is written) is under the pinned lane titles
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 250)
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 400)
    QApplication.processEvents()
    origin = view.mapToScene(QPoint(0, 0))
    assert label.x() + 12 < origin.x() + HEADER_W < label.x() + label.rect.width() - 100
    image = view.viewport().grab().toImage()
    left = int(HEADER_W) + 4  # just right of the pinned lane titles, on the zone's title row
    ink = [image.pixelColor(x, y).lightness() for x in range(left, left + 60) for y in range(6, 24)]
    assert min(ink) < 100  # the zone's name is written there (dark letters), not an empty white title


def test_the_board_follows_the_agenda_to_its_titles_and_the_note_taker_to_the_next_slot(tall):
    """A block of the run (or the tab opening) shows the zone's cell from its top; choosing a group or zone
    with the keys scrolls on to where the next note lands (Grupo 1's 60 notes reach far below the view)."""
    panel, _gids = tall
    view = panel.view
    blocks = {b["key"]: b["id"] for b in panel.doc.blocks(panel.ctx.workshop_id)}
    panel.focus_block(blocks["identificar_fortalezas_oportunidades"])
    panel.focus_block(blocks["identificar_desafios"])
    QApplication.processEvents()
    assert view.mapToScene(QPoint(0, 0)).y() <= 0  # the real title row and Grupo 1's first notes
    QTest.keyClick(panel.capture, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    assert view.verticalScrollBar().value() > 300  # the landing slot, below the 60 notes


def test_a_filter_choice_wider_than_its_combo_is_said_whole_in_the_tooltip(tall):
    panel, _gids = tall
    tag = panel.filter_bar.tag
    assert tag.currentText() == "Todas las etiquetas" and "Todas las etiquetas" in tag.toolTip()
    tag.setCurrentIndex(1)
    assert tag.currentText() in tag.toolTip() and "Todas las etiquetas" not in tag.toolTip()
