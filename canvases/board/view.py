"""BoardView: looking at a board — zoom, pan, fit, rubber-band selection, keys.

Ctrl+wheel or Ctrl +/- zooms, the wheel scrolls, Space+drag or a middle-button
drag pans, Ctrl+0 fits the board. With notes selected: + and - add or take a
dot vote, digits type the count read off the flipchart, Delete removes, F2 or
Enter or a double click edits in place. The view never writes to the file: it
emits signals (or runs a tool's command through the ``run`` callable it was
given). A read-only view (the projector's) only looks.
"""

from __future__ import annotations

import math
import time
from typing import Any, Callable

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap, QPixmapCache, QRegion, QResizeEvent,
                           QWheelEvent)
from PySide6.QtWidgets import QGraphicsView, QWidget

from facilitator.board.layout import HEADER_H, HEADER_W
from facilitator.commands import Command

from .editor import InlineEditor
from .items import LabelItem, NoteItem
from .scene import MARGIN as SCENE_MARGIN
from .scene import BoardScene
from .tools import DragMoveTool

MIN_ZOOM = 0.04
MAX_ZOOM = 4.0
STEP = 1.2
READABLE = 0.6  # the smallest zoom at which note text is comfortably read
PIXMAP_CACHE_KB = 64 * 1024  # room for a few screenfuls of cached post-its at 100 % zoom
DIGIT_PAUSE = 1.2  # seconds between digits of one typed vote count
REVEAL_MARGIN = 30  # pixels kept around a note brought into sight
MIN_TITLE_W = 90.0  # a zone title scrolled partly under the lane titles keeps at least this much room


class BoardView(QGraphicsView):
    zoom_changed = Signal(float)
    edit_committed = Signal(str, str)  # note id, new text
    delete_requested = Signal()
    votes_step = Signal(int)  # +1 / -1 for the selected notes
    votes_typed = Signal(int)  # a count typed with the digit keys

    def __init__(self, scene: BoardScene, *, read_only: bool = False, run: Callable[[Command], bool] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            # Each post-it is cached as a pixmap (QGraphicsItem.DeviceCoordinateCache); Qt's
            # default 10 MB holds ~140 of them at 100 %, too few to pan back without repainting.
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.board_scene = scene
        self.read_only = read_only or run is None
        self.fit_mode = "fit" if read_only else ""  # kept on resize until the user zooms: "fit" | "width" | ""
        self.tool = None if self.read_only else DragMoveTool(self, run)  # type: ignore[arg-type]
        self.editor: InlineEditor | None = None
        self._pan_from: QPoint | None = None
        self._space = False
        self._digits = ""
        self._digit_time = 0.0
        self._exposed = QRegion()  # what the paint event under way repaints (viewport coordinates)
        self._pictures: dict[int, tuple[tuple, QPixmap]] = {}  # the pinned row's titles, drawn once
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # a board smaller than the window starts at its top-left, where the titles are, not centred in grey
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if self.read_only:
            self.setInteractive(False)
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        if read_only:  # the projector: the board fits the screen, no scroll bars
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        scene.closed.connect(self._scene_closed)
        scene.headers_changed.connect(self._headers_changed)
        scene.structure_changed.connect(self._repaint_pinned)

    # -- zoom and fit ------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        """Zoom to a scale chosen by the user (this ends any automatic fitting)."""
        self.fit_mode = ""
        self._scale_to(zoom)

    def _scale_to(self, zoom: float) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        factor = zoom / self.zoom
        if abs(factor - 1.0) > 1e-6:
            self.scale(factor, factor)
            self.zoom_changed.emit(self.zoom)

    def zoom_by(self, steps: float) -> None:
        self.set_zoom(self.zoom * STEP ** steps)

    def fit(self) -> None:
        """The whole board in the window (kept so while the window is resized)."""
        self.fit_mode = "fit"
        self.fitInView(self.board_scene.board_rect().adjusted(-10, -10, 10, 10), Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom_changed.emit(self.zoom)

    def fit_width(self, scroll_home: bool = True) -> None:
        """The board's full width, scrolled to the top: how capture starts.

        Between READABLE and 100 %: on a small screen the text stays legible and
        the board scrolls sideways instead.
        """
        self.fit_mode = "width"
        rect = self.board_scene.board_rect()
        available = max(50, self.viewport().width() - 20)
        self._scale_to(max(READABLE, min(1.0, available / max(1.0, rect.width() + 2 * SCENE_MARGIN))))
        if scroll_home:
            self.ensureVisible(QRectF(rect.left(), rect.top(), 1, 1), 10, 10)
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_mode == "fit":
            self.fit()
        elif self.fit_mode == "width":
            self.fit_width(scroll_home=False)

    def _scene_closed(self) -> None:
        self.setEnabled(False)

    # -- the header row and the lane column, pinned like a spreadsheet's frozen panes -------------
    def pinned(self) -> tuple[QPointF, bool, bool]:
        """The scene point at the viewport's top-left, and whether the zone titles (scrolled above
        the view) and the lane titles (scrolled off to the left) are drawn pinned to the view's edges."""
        origin = self.mapToScene(QPoint(0, 0))
        grid = self.board_scene.grid is not None
        return origin, grid and origin.y() > 0.0, grid and origin.x() > 0.0

    def pinned_rects(self) -> tuple[QRect, QRect]:
        """The viewport strips the pinned zone titles (top) and lane titles (left) cover; empty when not pinned."""
        _origin, top, left = self.pinned()
        vp = self.viewport().rect()
        return (QRect(0, 0, vp.width(), math.ceil(HEADER_H * self.zoom) + 1) if top else QRect(),
                QRect(0, 0, math.ceil(HEADER_W * self.zoom) + 1, vp.height()) if left else QRect())

    def _pinned_places(self) -> list[tuple[LabelItem, QPointF, float]]:
        """Each title drawn pinned, where (scene coordinates) and how far its text is moved right so it
        starts clear of the pinned lane titles; in painting order (the corner last)."""
        origin, top, left = self.pinned()
        scene = self.board_scene
        places = []
        if left:
            places += [(label, QPointF(origin.x(), label.y()), 0.0) for label in scene.lane_labels.values()]
        if top or left:
            clear = origin.x() + HEADER_W  # where the zones' part of the view begins
            for label in scene.zone_labels.values():
                indent = max(0.0, min(clear - label.x(), label.rect.width() - MIN_TITLE_W)) if left else 0.0
                if top or indent > 0.0:  # scrolled sideways only: just the title partly under the lanes'
                    places.append((label, QPointF(label.x(), max(0.0, origin.y())), round(indent, 1)))
            places.append((scene.corner, QPointF(max(0.0, origin.x()), max(0.0, origin.y())), 0.0))
        return places

    def paintEvent(self, event: QPaintEvent) -> None:
        self._exposed = event.region()  # drawForeground is told only its bounding rect
        super().paintEvent(event)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawForeground(painter, rect)
        origin, top, left = self.pinned()
        if not (top or left):
            return
        if not (rect.top() < max(0.0, origin.y()) + HEADER_H or (left and rect.left() < origin.x() + HEADER_W)):
            return  # the repaint is away from the pinned titles (a new note, mostly): nothing to draw
        exposed = self._exposed
        for label, at, indent in self._pinned_places():
            # only the titles the repainted region touches (a new note and one count line: one title)
            place = self.mapFromScene(QRectF(at, label.rect.size())).boundingRect()
            if not exposed.intersects(place):
                continue
            painter.save()
            if label.rect.height() <= HEADER_H:  # a zone title or the corner: copied from its picture
                painter.resetTransform()
                painter.drawPixmap(place.topLeft(), self._picture(label, indent))
            else:  # a lane title, as tall as its lane: drawn, clipped to what is repainted
                painter.translate(at)
                label.paint(painter, None)
            painter.restore()

    def _picture(self, label: LabelItem, indent: float) -> QPixmap:
        """A title of the pinned row drawn once per text and zoom (a scroll or a pan repaints the row often)."""
        zoom = self.zoom
        key = (label.title, label.detail, label.rect.width(), label.rect.height(), zoom, indent,
               label.stripe.rgba() if label.stripe is not None else 0)
        cached = self._pictures.get(id(label))
        if cached is not None and cached[0] == key:
            return cached[1]
        ratio = self.devicePixelRatioF()
        picture = QPixmap(max(1, math.ceil(label.rect.width() * zoom * ratio)),
                          max(1, math.ceil(label.rect.height() * zoom * ratio)))
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.white)
        painter = QPainter(picture)
        painter.setRenderHints(self.renderHints())
        painter.scale(zoom, zoom)
        label.paint(painter, None, indent=indent)
        painter.end()
        self._pictures[id(label)] = (key, picture)
        return picture

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Scrolling moves the pixels already drawn, the pinned titles with them: those strips are repainted.

        Only the strips (and the distance scrolled towards them), never the whole view.
        """
        super().scrollContentsBy(dx, dy)
        origin, top, left = self.pinned()
        was_top = origin.y() + dy / self.zoom > 0.0 and self.board_scene.grid is not None
        was_left = origin.x() + dx / self.zoom > 0.0 and self.board_scene.grid is not None
        vp = self.viewport()
        if dy and (top or was_top):
            vp.update(QRect(0, 0, vp.width(), math.ceil(HEADER_H * self.zoom) + 1 + max(0, dy)))
        if dx and (left or was_left):
            vp.update(QRect(0, 0, math.ceil(HEADER_W * self.zoom) + 1 + max(0, dx), vp.height()))
            # and the zone titles' row: a title's text keeps clear of the lane titles as the view moves
            vp.update(QRect(0, max(0, self.mapFromScene(QPointF(0.0, 0.0)).y()), vp.width(),
                            math.ceil(HEADER_H * self.zoom) + 1))

    def _headers_changed(self, labels: list[LabelItem]) -> None:
        """A count (or a name) changed: where its title is drawn pinned, repaint that line too."""
        if not self.isVisible():
            return
        for label, at, indent in self._pinned_places():
            if label in labels:
                area = label.changed_part.translated(at + QPointF(indent, 0.0))
                self.viewport().update(self.mapFromScene(area).boundingRect().adjusted(-1, -1, 1, 1))

    def _repaint_pinned(self) -> None:
        self._pictures.clear()  # lanes or zones came or went
        for strip in self.pinned_rects():
            if not strip.isEmpty():
                self.viewport().update(strip)

    def under_pinned(self, pos: QPoint) -> bool:
        """Whether a viewport point is on a pinned title (the notes scrolled under it are out of reach)."""
        return any(strip.contains(pos) for strip in self.pinned_rects())

    def show_area(self, rect: QRectF, xmargin: int, ymargin: int) -> None:
        """``ensureVisible`` that keeps ``rect`` clear of the pinned titles (they cover the view's top and left)."""
        self.ensureVisible(rect.adjusted(-HEADER_W, -HEADER_H, 0.0, 0.0), xmargin, ymargin)

    # -- notes under the pointer -----------------------------------------------------------
    def note_at(self, pos: QPoint) -> NoteItem | None:
        for item in self.items(pos):
            if isinstance(item, NoteItem):
                return item
        return None

    def reveal(self, note_id: str) -> None:
        rect = self.board_scene.note_scene_rect(note_id)
        if rect is not None:
            self.show_area(rect, REVEAL_MARGIN, REVEAL_MARGIN)

    # -- editing in place ----------------------------------------------------------------
    def edit_note(self, note_id: str) -> InlineEditor | None:
        item = self.board_scene.notes.get(note_id)
        if item is None or self.read_only:
            return None
        self.reveal(note_id)
        if self.editor is not None:
            self.editor.commit()
        editor = InlineEditor(note_id, item.row["text"], self.viewport())
        rect = self.mapFromScene(item.sceneBoundingRect()).boundingRect()
        editor.place(rect, round(13 * self.zoom))
        editor.committed.connect(self.edit_committed)
        editor.finished.connect(self._editor_closed)
        self.editor = editor
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def _editor_closed(self) -> None:
        self.editor = None
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- mouse ------------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(event.angleDelta().y() / 120.0)
            event.accept()
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and not self._space \
                and self.under_pinned(event.position().toPoint()):
            event.accept()  # a click on a pinned title does not reach the note hidden under it
            return
        if self.tool is not None and not self._space:
            self.tool.press(event)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            pos = event.position().toPoint()
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        if self.tool is not None and self.tool.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self.tool is not None:
            self.tool.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.note_at(event.position().toPoint())
        if item is not None and not self.read_only:
            self.edit_note(item.note_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # -- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        text = event.text()
        selected = self.board_scene.selected_ids() if not self.read_only else []
        if key == Qt.Key.Key_Space and not ctrl:
            if not event.isAutoRepeat():
                self._space = True
                self.setInteractive(False)
                self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        elif ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1)
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_by(-1)
        elif ctrl and key == Qt.Key.Key_0:
            self.fit()
        elif ctrl and key == Qt.Key.Key_A and not self.read_only:
            self.board_scene.select_ids(self.board_scene.matching_ids())
        elif text in ("+", "-") and not ctrl:
            if selected:
                self.votes_step.emit(1 if text == "+" else -1)
            else:
                self.zoom_by(1 if text == "+" else -1)
        elif text.isdigit() and len(text) == 1 and not ctrl and selected:
            now = time.monotonic()
            self._digits = (self._digits if now - self._digit_time < DIGIT_PAUSE else "") + text
            self._digit_time = now
            self.votes_typed.emit(int(self._digits[-3:]))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and selected:
            self.delete_requested.emit()
        elif key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter) and len(selected) == 1:
            self.edit_note(selected[0])
        elif key == Qt.Key.Key_Escape:
            if self.tool is not None and self.tool.dragging:
                self.tool.cancel()
            else:
                self.board_scene.clearSelection()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            self.setInteractive(True)
            event.accept()
            return
        super().keyReleaseEvent(event)



def projector_view(ctx: Any, canvas_row: dict[str, Any]) -> BoardView:
    """The board on the projector: read-only, fitted to the screen, following edits live."""
    scene = BoardScene(ctx.doc, canvas_row["id"], signals=ctx.signals)
    view = BoardView(scene, read_only=True)
    scene.setParent(view)
    return view
