"""TreeView: looking at and working on a tree — zoom, fit, keys, drawing arrows, editing in place.

Keys (with ideas selected): Tab or Insert asks for a new cause under the
selection, Shift+Tab or Shift+Insert for a new effect above it, Enter or F2 edits
the text in place, Delete removes, the arrow keys move the selection to the
nearest box that way, Alt+←/→ swap a box with its sibling, C starts "connect
with…" (then pick the target with the arrow keys and Enter, or a click), the
Menu key opens the context menu. Ctrl+wheel or Ctrl +/- zoom, Ctrl+0 fits.
An arrow is drawn by dragging from a box's handle (the circle on its top edge)
to the box it leads to.

The view never writes to the file: it emits what the user asked for, and the
panel turns that into commands. A read-only view (the projector's) only looks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPen, QResizeEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView, QWidget

from canvases.board.editor import InlineEditor
from qtshared.widgets import window_keys

from .items import ACCENT, ArrowItem, NodeItem
from .scene import TreeScene

MIN_ZOOM = 0.05
MAX_ZOOM = 3.0
STEP = 1.2
MIN_EDITOR_W = 240
# Box shapes the window's tree may take to fill its view: box width, box height and the rows' gap as
# shares of the look's own. Narrower, taller boxes (text rewrapped onto more lines) and closer rows make
# a wide tree fit a tall view at a larger zoom, i.e. with larger type.
SHAPES = ((1.0, 1.0, 1.0), (0.82, 1.12, 0.85), (0.68, 1.26, 0.75), (0.58, 1.4, 0.7))
# A wide, low view (the tree projected on its own, a 16:9 screen): wider, lower boxes and closer rows, so a tree of
# five rows fills the width rather than sitting small in the middle.
WIDE_SHAPES = ((1.0, 1.0, 1.0), (1.3, 0.85, 0.6), (1.6, 0.75, 0.45), (1.9, 0.7, 0.4), (2.2, 0.66, 0.36))
SHAPE_GAIN = 1.08  # a narrower shape than the look's own is taken only if its type is this much larger


class TreeView(QGraphicsView):
    zoom_changed = Signal(float)
    edit_committed = Signal(str, str)  # note id, new text
    new_committed = Signal(str, object, str)  # role, anchor note id or None, text
    add_requested = Signal(str)  # "cause" | "effect" | "trunk"
    delete_requested = Signal()
    connect_requested = Signal(str, str)  # source (the cause), target (what it causes)
    connect_mode_requested = Signal()
    picking_changed = Signal(bool)  # choosing the target of "connect with…"
    move_requested = Signal(int)  # -1 left, +1 right
    menu_requested = Signal(object, QPoint)  # NodeItem | ArrowItem | None, global position

    def __init__(self, scene: TreeScene, *, read_only: bool = False, max_fit_zoom: float = 1.3,
                 reshape: bool = False, shapes: tuple[tuple[float, float, float], ...] = SHAPES,
                 parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.tree_scene = scene
        self.reshape = reshape  # fitting may change the boxes' shape to the view's (the window's tree)
        self.shapes = shapes  # the shapes it may take, as shares of the look's box (the first: the look's own)
        self.base_box = (scene.look.node_w, scene.look.node_h, scene.look.gap_y)
        self._reshaping = False
        self.read_only = read_only
        self.max_fit_zoom = max_fit_zoom
        self.fit_mode = True  # refit on resize and relayout until the user zooms
        self.editor: InlineEditor | None = None
        self.pending: tuple[str, str | None] | None = None  # (role, anchor) of the box being typed
        self.picking: str | None = None  # source of "connect with…", waiting for its target
        self.drag_from: str | None = None
        self._rubber: QGraphicsLineItem | None = None
        self._shown = False
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if read_only:
            self.setInteractive(False)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        scene.relaid_out.connect(self._relaid_out)
        scene.closed.connect(lambda: self.setEnabled(False))

    # -- zoom and fit ---------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def _scale_to(self, zoom: float) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        factor = zoom / self.zoom
        if abs(factor - 1.0) > 1e-6:
            self.scale(factor, factor)
            self.zoom_changed.emit(self.zoom)

    def zoom_by(self, steps: float) -> None:
        self.fit_mode = False
        self._scale_to(self.zoom * STEP ** steps)

    def fit(self) -> None:
        """The whole tree in the window (kept so on resize and after edits), never blown up past legibility."""
        self.fit_mode = True
        view = self.viewport().rect()
        if view.width() < 10 or view.height() < 10:
            return
        if self.reshape:
            self._reshape_to(view.width() - 4, view.height() - 4)
        rect = self.tree_scene.sceneRect()  # the rows with their margin: no scroll bars when fitted
        if rect.isEmpty():
            return
        self._scale_to(min(self.max_fit_zoom, (view.width() - 4) / rect.width(), (view.height() - 4) / rect.height()))
        self.centerOn(rect.center())

    def _reshape_to(self, width: float, height: float) -> None:
        """Give the boxes the shape that shows the whole tree in ``width`` × ``height`` with the largest type.

        A wide tree in a tall view (a row of five causes beside the side panel) fits by its width
        and leaves the lower part empty, its type a few pixels high; narrower, taller boxes use
        that height. Widths are estimated from the placed boxes: a row's spread scales with the
        boxes' pitch (the layout is least squares over slots one pitch apart).
        """
        scene = self.tree_scene
        look = scene.look
        rect = scene.sceneRect()
        if self._reshaping or not scene.targets or rect.isEmpty():
            return
        xs = [p.x() for p in scene.targets.values()]
        pitch = look.node_w + look.gap_x
        slots = (max(xs) - min(xs)) / pitch
        rows = max(1, len(scene.bands))
        fixed_w = rect.width() - max(slots * pitch + look.node_w, 3 * look.node_w + 2 * look.gap_x)
        fixed_h = rect.height() - rows * (look.node_h + look.gap_y)

        def zoom_for(shape: tuple[float, float, float]) -> float:
            w, h, gap_y = shape
            tree_w = fixed_w + max(slots * (w + look.gap_x) + w, 3 * w + 2 * look.gap_x)
            tree_h = fixed_h + rows * (h + gap_y)
            return min(self.max_fit_zoom, width / tree_w, height / tree_h)

        base_w, base_h, base_gap = self.base_box
        best = (base_w, base_h, base_gap)
        best_zoom = zoom_for(best)
        least = best_zoom * SHAPE_GAIN
        for fw, fh, fg in self.shapes[1:]:
            shape = (round(base_w * fw), round(base_h * fh), round(base_gap * fg))
            zoom = zoom_for(shape)
            if zoom > max(least, best_zoom):
                best, best_zoom = shape, zoom
        current = (look.node_w, look.node_h, look.gap_y)
        if best != current and best_zoom > zoom_for(current) * 1.02:  # a little slack: no flip-flopping
            self._reshaping = True
            try:
                scene.set_box_size(*best)
            finally:
                self._reshaping = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()

    def _relaid_out(self) -> None:
        if self.fit_mode and self._shown:
            self.fit()

    def reveal(self, note_id: str) -> None:
        rect = self.tree_scene.node_rect(note_id)
        if rect is not None:
            self.ensureVisible(rect, 40, 40)

    # -- editing in place ------------------------------------------------------------------------
    def _open_editor(self, note_id: str, text: str, rect: QRectF) -> InlineEditor:
        if self.editor is not None:
            self.editor.commit()
        editor = InlineEditor(note_id, text, self.viewport())
        box = self.mapFromScene(rect).boundingRect()
        if box.width() < MIN_EDITOR_W:  # zoomed far out: still a box one can type in
            box.adjust(-(MIN_EDITOR_W - box.width()) // 2, 0, (MIN_EDITOR_W - box.width() + 1) // 2, 0)
        editor.place(box, max(13, round(self.tree_scene.look.text_px * self.zoom)))
        editor.committed.connect(self._editor_committed)
        editor.finished.connect(self._editor_closed)
        self.editor = editor
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def edit_node(self, note_id: str) -> InlineEditor | None:
        """Type over a box's text; Enter keeps it, Escape leaves it as it was."""
        item = self.tree_scene.nodes.get(note_id)
        if item is None or self.read_only:
            return None
        self.tree_scene.settle()
        self.reveal(note_id)
        self.pending = None
        return self._open_editor(note_id, item.row["text"], self.tree_scene.node_rect(note_id))

    def ask_new(self, role: str, anchor_id: str | None) -> InlineEditor | None:
        """An empty box where the new idea will go (below its anchor for a cause, above for an effect).

        Nothing is stored until Enter: Escape or an empty text adds nothing.
        """
        if self.read_only:
            return None
        self.tree_scene.settle()
        look = self.tree_scene.look
        anchor = self.tree_scene.node_rect(anchor_id) if anchor_id else None
        if anchor is not None:
            shift = look.node_h + look.gap_y
            rect = anchor.translated(0.0, shift if role == "cause" else -shift)
        else:
            centre = self.mapToScene(self.viewport().rect().center())
            rect = QRectF(centre.x() - look.node_w / 2.0, centre.y() - look.node_h / 2.0, look.node_w, look.node_h)
        scene_rect = self.tree_scene.sceneRect()
        if not scene_rect.contains(rect):  # a new row beyond the tree: make room to scroll to it
            self.tree_scene.setSceneRect(scene_rect.united(rect.adjusted(-30, -30, 30, 30)))
        self.ensureVisible(rect, 20, 20)
        editor = self._open_editor("", "", rect)
        self.pending = (role, anchor_id)
        return editor

    def _editor_committed(self, note_id: str, text: str) -> None:
        if note_id:
            self.edit_committed.emit(note_id, text)
        elif self.pending is not None:
            role, anchor = self.pending
            self.pending = None
            if text.strip():
                self.new_committed.emit(role, anchor, text)

    def _editor_closed(self) -> None:
        self.editor = None
        self.pending = None
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- choosing boxes ----------------------------------------------------------------------------
    def selected(self) -> list[str]:
        return self.tree_scene.selected_node_ids()

    def select(self, note_id: str) -> None:
        self.tree_scene.select_ids([note_id])
        self.reveal(note_id)

    def step_selection(self, dx: int, dy: int) -> None:
        """Select the nearest box in a direction from the selected one (or the trunk to start)."""
        scene = self.tree_scene
        current = self.selected()
        if not current:
            start = next((i for i, lv in scene.levels.items() if lv == 0), next(iter(scene.nodes), None))
            if start is not None:
                self.select(start)
            return
        here = scene.node_rect(current[0]).center()
        best, best_cost = None, None
        for note_id in scene.nodes:
            there = scene.node_rect(note_id).center()
            ddx, ddy = there.x() - here.x(), there.y() - here.y()
            along, across = (ddx * dx, abs(ddy)) if dx else (ddy * dy, abs(ddx))
            if along <= 1.0:
                continue
            cost = along + 2.0 * across
            if best_cost is None or cost < best_cost:
                best, best_cost = note_id, cost
        if best is not None:
            self.select(best)

    def pick_target(self, source_id: str | None) -> None:
        """Start (or with None, end) "connect with…": the next box chosen becomes the arrow's target."""
        self.picking = source_id
        if source_id:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.viewport().unsetCursor()
        self.picking_changed.emit(source_id is not None)

    def _picked(self, target_id: str) -> None:
        source = self.picking
        self.pick_target(None)
        if source is not None:
            self.connect_requested.emit(source, target_id)

    # -- drawing an arrow from a handle ----------------------------------------------------------------
    def start_link_drag(self, note_id: str) -> None:
        rect = self.tree_scene.node_rect(note_id)
        self.drag_from = note_id
        start = QPointF(rect.center().x(), rect.top())
        self._rubber = QGraphicsLineItem(QLineF(start, start))
        self._rubber.setPen(QPen(ACCENT, 2.5, Qt.PenStyle.DashLine))
        self._rubber.setZValue(10.0)
        self.tree_scene.addItem(self._rubber)

    def drag_link_to(self, scene_pos: QPointF) -> None:
        if self._rubber is not None:
            line = self._rubber.line()
            self._rubber.setLine(QLineF(line.p1(), scene_pos))

    def finish_link_drag(self, scene_pos: QPointF | None) -> None:
        """Drop the arrow: over another box it asks for the connection; elsewhere nothing happens."""
        source, self.drag_from = self.drag_from, None
        if self._rubber is not None:
            self.tree_scene.removeItem(self._rubber)
            self._rubber = None
        target = self.tree_scene.node_at(scene_pos) if scene_pos is not None else None
        if source is not None and target is not None and target.note_id != source:
            self.connect_requested.emit(source, target.note_id)

    # -- mouse ----------------------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(event.angleDelta().y() / 120.0)
            event.accept()
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.read_only and event.button() == Qt.MouseButton.LeftButton:
            pos = self.mapToScene(event.position().toPoint())
            item = self.tree_scene.node_at(pos)
            if self.picking is not None:
                if item is not None:
                    self._picked(item.note_id)
                event.accept()
                return
            for candidate in self.tree_scene.items(pos):
                if isinstance(candidate, NodeItem) and candidate.on_handle(pos):
                    self.start_link_drag(candidate.note_id)
                    event.accept()
                    return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        if self.drag_from is not None:
            self.drag_link_to(pos)
            event.accept()
            return
        if not self.read_only and self.picking is None and event.buttons() == Qt.MouseButton.NoButton:
            on_handle = any(isinstance(i, NodeItem) and i.on_handle(pos) for i in self.tree_scene.items(pos))
            if on_handle:
                self.viewport().setCursor(Qt.CursorShape.CrossCursor)
            else:
                self.viewport().unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.drag_from is not None:
            self.finish_link_drag(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.tree_scene.node_at(self.mapToScene(event.position().toPoint()))
        if item is not None and not self.read_only:
            self.edit_node(item.note_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        if self.read_only:
            return
        pos = self.mapToScene(event.pos())
        item = self.tree_scene.node_at(pos)
        if item is None:
            item = next((i for i in self.tree_scene.items(pos) if isinstance(i, ArrowItem)), None)
        if item is not None and not item.isSelected():
            self.tree_scene.select_ids([item.note_id if isinstance(item, NodeItem) else item.link_id])
        self.menu_requested.emit(item, event.globalPos())

    # -- keys ---------------------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab add ideas here; they must not move the focus out of the tree.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not self.read_only:
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if window_keys(self, event):  # projected on its own (the tab's "Proyectar"): Esc / F11
            return
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        edit = not self.read_only
        selected = self.selected() if edit else []
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1)
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_by(-1)
        elif ctrl and key == Qt.Key.Key_0:
            self.fit()
        elif not edit:
            super().keyPressEvent(event)
            return
        elif key == Qt.Key.Key_Backtab or (key in (Qt.Key.Key_Tab, Qt.Key.Key_Insert) and shift):
            self.add_requested.emit("effect")
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Insert):
            self.add_requested.emit("cause")
        elif alt and key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and len(selected) == 1:
            self.move_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
        elif key in arrows and not ctrl and not alt:
            self.step_selection(*arrows[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.picking is not None:
            if len(selected) == 1:
                self._picked(selected[0])
        elif key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if len(selected) == 1:
                self.edit_node(selected[0])
            elif not self.tree_scene.nodes:
                self.add_requested.emit("trunk")
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
                selected or self.tree_scene.selected_arrow_ids()):
            self.delete_requested.emit()
        elif key == Qt.Key.Key_C and not ctrl and not alt and len(selected) == 1:
            self.connect_mode_requested.emit()
        elif key == Qt.Key.Key_Menu or (shift and key == Qt.Key.Key_F10):
            self._keyboard_menu()
        elif key == Qt.Key.Key_Escape:
            if self.picking is not None:
                self.pick_target(None)
            elif self.drag_from is not None:
                self.finish_link_drag(None)
            else:
                self.tree_scene.clearSelection()
        elif event.text() in ("+", "-") and not ctrl:
            self.zoom_by(1 if event.text() == "+" else -1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _keyboard_menu(self) -> None:
        scene = self.tree_scene
        selected = scene.selectedItems()
        item = next((i for i in selected if isinstance(i, (NodeItem, ArrowItem))), None)
        if isinstance(item, NodeItem):
            point = self.mapFromScene(scene.node_rect(item.note_id).center())
        elif item is not None:
            point = self.mapFromScene(item.path().pointAtPercent(0.5))
        else:
            point = self.viewport().rect().center()
        self.menu_requested.emit(item, self.viewport().mapToGlobal(point))
