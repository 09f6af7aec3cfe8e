"""One quadrant of the matrix on screen: a coloured header and the list of its notes.

The list is keyboard first: arrows select, F2 or a double click edits, Supr
deletes, + and - count dot votes, Alt+↑/↓ reorder, Ctrl+M opens "Mover a…"
(also on the context menu). Notes are dragged between quadrants with the mouse.
The widgets only ask: they emit what the user wants and the panel turns it
into a command.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import (QAction, QContextMenuEvent, QFocusEvent, QFont, QKeyEvent, QMouseEvent, QPainter,
                           QPaintEvent, QShowEvent)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QMenu, QVBoxLayout, QWidget

from facilitator.i18n import _
from qtshared.widgets import plain_label

from .cards import NoteDelegate
from .look import MUTED, strong, text_on, tint
from .foda_model import QuadrantModel


class NoteList(QListView):
    """The notes of one quadrant; emits requests, never writes."""

    delete_requested = Signal(list)  # note ids
    votes_requested = Signal(list, int)  # note ids, +1 / -1
    step_requested = Signal(str, int)  # note id, -1 up / +1 down
    move_menu_requested = Signal(list, QPoint)  # note ids, global position for the menu
    focused = Signal()

    def __init__(self, model: QuadrantModel, empty_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.empty_hint = empty_hint
        self.writable = model.run is not None
        self.setItemDelegate(NoteDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # one size for all while hidden: the panel's construction passes the list through several
        # sizes and styles, each a layout of every card; the real sizes come at the first show
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QListView { background: transparent; }")
        if self.writable:
            self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                 | QAbstractItemView.EditTrigger.EditKeyPressed)
            self.setDragEnabled(True)
            self.setAcceptDrops(True)
            self.setDropIndicatorShown(True)
            self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            self.setDefaultDropAction(Qt.DropAction.MoveAction)
        else:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def quadrant_model(self) -> QuadrantModel:
        model = self.model()
        assert isinstance(model, QuadrantModel)
        return model

    def selected_ids(self) -> list[str]:
        return self.quadrant_model().ids(self.selectionModel().selectedIndexes())

    def select_id(self, note_id: str) -> None:
        row = self.quadrant_model().row_of(note_id)
        if row >= 0:
            index = self.model().index(row, 0)
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        key, mods = event.key(), event.modifiers()
        ids = self.selected_ids()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if self.state() == QAbstractItemView.State.EditingState or not self.writable or not ids:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not (alt or ctrl):
            self.delete_requested.emit(ids)
        elif event.text() in ("+", "-") and not (alt or ctrl):
            self.votes_requested.emit(ids, 1 if event.text() == "+" else -1)
        elif alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and len(ids) == 1:
            self.step_requested.emit(ids[0], -1 if key == Qt.Key.Key_Up else 1)
        elif ctrl and key == Qt.Key.Key_M:
            rect = self.visualRect(self.currentIndex()) if self.currentIndex().isValid() else QRect()
            self.move_menu_requested.emit(ids, self.viewport().mapToGlobal(rect.bottomLeft()))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and len(ids) == 1:
            self.edit(self.currentIndex())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt)
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        ids = self.selected_ids()
        if ids and self.writable:
            self.move_menu_requested.emit(ids, event.globalPos())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        delegate = self.itemDelegate()
        if self.uniformItemSizes() or (isinstance(delegate, NoteDelegate) and delegate.estimated):
            self.setUniformItemSizes(False)
            if isinstance(delegate, NoteDelegate):
                delegate.estimated = False
            self.scheduleDelayedItemsLayout()  # the cards' real heights, now that the width is known

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt)
        super().focusInEvent(event)
        self.focused.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        super().paintEvent(event)
        if self.model().rowCount() == 0 and self.empty_hint:
            painter = QPainter(self.viewport())
            painter.setPen(MUTED)
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.empty_hint)


class QuadrantBox(QFrame):
    """A header in the quadrant's colour (title, count, explanation) over the list of its notes."""

    chosen = Signal(object)  # the zone key, when the user picks this quadrant to write in

    def __init__(self, model: QuadrantModel, title: str, *, explanation: str = "", empty_hint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.zone = model.zone
        self.setObjectName("Quadrant")
        colour = strong(self.zone)
        self._colour, self._tint = colour.name(), tint(self.zone).name()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = QWidget(self)
        self.header.setObjectName("QuadrantHeader")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        head = QVBoxLayout(self.header)
        head.setContentsMargins(10, 6, 10, 6)
        head.setSpacing(0)
        self.title = plain_label("", self.header, wrap=True)
        self.title.setObjectName("QuadrantTitle")
        head.addWidget(self.title)
        self.explanation = plain_label(explanation, self.header, wrap=True)
        self.explanation.setObjectName("QuadrantExplanation")
        self.explanation.setVisible(bool(explanation))
        head.addWidget(self.explanation)
        ink = text_on(colour).name()
        self.header.setStyleSheet(
            f"QWidget#QuadrantHeader {{ background: {self._colour}; border-top-left-radius: 6px;"
            f" border-top-right-radius: 6px; }}"
            f"QLabel#QuadrantTitle {{ color: {ink}; font-weight: 600; font-size: 12pt; }}"
            f"QLabel#QuadrantExplanation {{ color: {ink}; }}")
        outer.addWidget(self.header)
        self.list = NoteList(model, empty_hint, self)
        self.list.setAccessibleName(title)
        self.list.focused.connect(lambda: self.chosen.emit(self.zone))
        outer.addWidget(self.list, 1)
        self._title = title
        self.set_current(False)
        model.matrix.reloaded.connect(self.update_count)
        self.update_count()

    def set_title(self, title: str) -> None:
        self._title = title
        self.list.setAccessibleName(title)
        self.update_count()

    def update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.matrix.total(self.zone)
        count = str(total) if shown == total else _("{shown} de {total}", shown=shown, total=total)
        self.title.setText(f"{self._title} · {count}")

    def set_current(self, current: bool) -> None:
        """Mark the quadrant that receives what is typed in the capture field.

        The style sheet is set once; the mark is a property that selects a thicker
        border with less padding, so the content keeps its size: re-polishing this
        frame alone neither re-styles nor re-lays out the list inside it.
        """
        if self.property("current") == current and self.styleSheet():
            return
        if not self.styleSheet():
            self.setStyleSheet(
                f"QFrame#Quadrant {{ background: {self._tint}; border: 1px solid #C9CED2; padding: 2px;"
                f" border-radius: 7px; }}"
                f"QFrame#Quadrant[current=\"true\"] {{ border: 3px solid {self._colour}; padding: 0px; }}")
        self.setProperty("current", current)
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt)
        self.chosen.emit(self.zone)
        super().mousePressEvent(event)

    def move_menu(self, targets: list[tuple[str, str]]) -> QMenu:
        """A menu "Mover a" with the other quadrants (zone key, label); triggered actions carry the key."""
        menu = QMenu(self)
        menu.setTitle(_("Mover a"))
        for n, (key, label) in enumerate(targets):
            action = QAction(f"&{n + 1}  {label.replace('&', '&&')}", menu)
            action.setData(key)
            action.setEnabled(key != self.zone)
            menu.addAction(action)
        return menu


class AxisLabel(QWidget):
    """The name of a row or column of the matrix ("Factores internos", "Positivos"); rows read bottom-up."""

    def __init__(self, text: str, *, vertical: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.vertical = vertical
        font = self.font()
        font.setBold(True)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        self.setFont(font)
        self.setAccessibleName(text)
        size = self.fontMetrics().height() + 10
        if vertical:
            self.setFixedWidth(size)
        else:
            self.setFixedHeight(size)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setPen(MUTED)
        if self.vertical:
            painter.translate(0, self.height())
            painter.rotate(-90)
            box = QRect(0, 0, self.height(), self.width())
        else:
            box = self.rect()
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, self.text)
