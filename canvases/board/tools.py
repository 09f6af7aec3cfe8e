"""Mouse tools of the board view, kept apart from the view and from the commands.

``DragMoveTool`` moves the selected notes with the mouse: while dragging it only
moves the items on screen; on release it works out, for each note, the cell
(zone × group) under the note's centre and its place inside that cell, and
issues ONE command for all of them (a ``Macro``: one undo step). If the edit is
refused or changes nothing, the items go back to where the file says they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from facilitator import board
from facilitator.commands import Command
from facilitator.board.layout import NOTE_H, NOTE_W

from .items import NoteItem

if TYPE_CHECKING:
    from .scene import BoardScene
    from .view import BoardView

DRAG_Z = 5.0  # a cell being dragged from is drawn above its neighbours


def drop_moves(scene: "BoardScene", items: list[NoteItem]) -> list[board.Move]:
    """Where each dragged note lands: the cell under its centre, its top-left relative to that cell."""
    moves = []
    for item in items:
        top_left = item.scenePos()
        key = scene.cell_at(top_left + QPointF(NOTE_W / 2.0, NOTE_H / 2.0))
        if key is None:
            continue
        origin = scene.cell_origin(key)
        x = round(max(0.0, top_left.x() - origin.x()))
        y = round(max(0.0, top_left.y() - origin.y()))
        moves.append(board.Move(item.note_id, key[0], key[1], float(x), float(y)))
    return moves


class DragMoveTool:
    """Left-drag on a selected note moves every selected note together."""

    def __init__(self, view: "BoardView", run: Callable[[Command], bool]) -> None:
        self.view = view
        self.run = run
        self._press: QPointF | None = None
        self._items: list[NoteItem] = []
        self._starts: list[QPointF] = []
        self._raised: list = []

    @property
    def dragging(self) -> bool:
        return bool(self._items)

    def press(self, event: QMouseEvent) -> None:
        """Remember a left press on a note; the view still handles selection as usual."""
        self.cancel()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        item = self.view.note_at(event.position().toPoint())
        if item is not None:
            self._press = self.view.mapToScene(event.position().toPoint())

    def move(self, event: QMouseEvent) -> bool:
        """Move the items; True while a drag is under way (the view then ignores the event)."""
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        point = self.view.mapToScene(event.position().toPoint())
        if not self._items:
            distance = self.view.mapFromScene(point) - self.view.mapFromScene(self._press)
            if distance.manhattanLength() < QApplication.startDragDistance():
                return False
            self._start()
            if not self._items:
                self._press = None
                return False
        delta = point - self._press
        for item, start in zip(self._items, self._starts):
            item.setPos(start + delta)
        return True

    def _start(self) -> None:
        scene = self.view.board_scene
        items = [i for i in scene.selectedItems() if isinstance(i, NoteItem)]
        self._items = items
        self._starts = [i.pos() for i in items]
        self._raised = list({id(i.parentItem()): i.parentItem() for i in items if i.parentItem()}.values())
        for cell in self._raised:
            cell.setZValue(DRAG_Z)

    def release(self, event: QMouseEvent) -> bool:
        """Finish a drag with one command; True if there was a drag."""
        if not self._items:
            self._press = None
            return False
        items = self._items
        scene = self.view.board_scene
        moves = drop_moves(scene, items)
        self._reset()
        command = board.move_notes(scene.doc, moves)
        if command is None or not self.run(command):
            scene.resync(i.note_id for i in items)
        return True

    def cancel(self) -> None:
        """Abandon a drag (Escape): the notes go back to their stored places."""
        items = self._items
        self._reset()
        if items:
            self.view.board_scene.resync(i.note_id for i in items)

    def _reset(self) -> None:
        for cell in self._raised:
            cell.setZValue(0.0)
        self._press = None
        self._items = []
        self._starts = []
        self._raised = []
