"""One quadrant of the matrix on screen: a coloured header and the list of its notes.

The list is keyboard first: arrows select, F2 or a double click edits, Supr
deletes, + and - count dot votes, Alt+↑/↓ reorder, Ctrl+M opens "Mover a…"
(also on the context menu). Notes are dragged between quadrants with the mouse.
The widgets only ask: they emit what the user wants and the panel turns it
into a command.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (QAction, QContextMenuEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent, QFocusEvent,
                           QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QRegion, QResizeEvent,
                           QShowEvent)
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QListView, QMenu, QStyle, QStyleOptionViewItem,
                               QVBoxLayout, QWidget)

from facilitator.i18n import _
from qtshared.widgets import plain_label, plain_tooltip

from .cards import NoteDelegate
from .look import ACCENT, MUTED, strong, text_on, tint
from .foda_model import QuadrantModel

CARDS_SHARE = 0.6  # a box keeps at least this share of its height for its cards: else its explanation goes


class NoteList(QListView):
    """The notes of one quadrant, one card under the other; emits requests, never writes.

    A ``QListView`` (screen readers see a list of notes) with a layout of its own: a
    ``QListView`` measures every card again after any inserted row (``rowsInserted`` lays
    out the whole list), so each note typed into a quadrant of n notes cost n calls to the
    delegate. Here each card's height is kept with the running tops (``_tops``): a new,
    edited or deleted note measures that card only; a new width, a new font or a
    reordering measures them all (the delegate remembers text heights per width, so
    returning to a width costs no text layout). While hidden nothing is measured: the
    cards are measured when the list is shown. Every method that reads or builds
    ``QListView``'s own layout is replaced here, and the overrides call
    ``QAbstractItemView``'s versions, never ``QListView``'s.
    """

    delete_requested = Signal(list)  # note ids
    votes_requested = Signal(list, int)  # note ids, +1 / -1
    step_requested = Signal(str, int)  # note id, -1 up / +1 down
    move_menu_requested = Signal(list, QPoint)  # note ids, global position for the menu
    focused = Signal()

    def __init__(self, model: QuadrantModel, empty_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tops: list[int] = [0]  # the top of each card, then the bottom of the last
        self._measured_width = -1  # the viewport width the cards were measured at; -1: to measure
        self._guessed = False  # some heights are guesses (rows added while hidden): measure at the next show
        self._drag_pos: QPoint | None = None
        self.empty_hint = empty_hint
        self.writable = model.run is not None
        self.setItemDelegate(NoteDelegate(self))
        self.setModel(model)
        model.rowsRemoved.connect(self._rows_removed)
        model.layoutChanged.connect(self._relayout)
        model.modelReset.connect(self._relayout)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        palette = self.palette()  # the quadrant's tint shows through (a style sheet here painted the scroll bar black)
        palette.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.transparent)
        self.setPalette(palette)
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

    # -- the cards' heights ---------------------------------------------------------------------
    def _delegate(self) -> NoteDelegate:
        delegate = self.itemDelegate()
        assert isinstance(delegate, NoteDelegate)
        return delegate

    def _measuring(self) -> bool:
        """Whether cards are measured now: shown, at the width they were measured at."""
        return self.isVisible() and self._measured_width == self.viewport().width()

    def _heights(self, first: int, last: int) -> list[int]:
        """Heights of the cards of rows ``first``..``last`` (a guess while the list is hidden)."""
        delegate, model = self._delegate(), self.model()
        if not self._measuring():
            self._guessed = True
            return [delegate.estimate()] * (last - first + 1)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        return [delegate.sizeHint(option, model.index(row, 0)).height() for row in range(first, last + 1)]

    def _retop(self, first: int, heights: list[int], replaced: int) -> None:
        """Put ``heights`` in place of ``replaced`` cards from row ``first``; later cards move."""
        tops = self._tops
        old = [tops[i + 1] - tops[i] for i in range(first, len(tops) - 1)]
        old[0:replaced] = heights
        self._tops = tops[:first + 1] + list(accumulate(old, initial=tops[first]))[1:]
        self.updateGeometries()
        self.viewport().update()

    def _relayout(self) -> None:
        """Measure every card again (a new width, a new font, rows reordered or reset)."""
        self._measured_width = self.viewport().width() if self.isVisible() else -1
        self._guessed = False
        count = self.model().rowCount() if self.model() is not None else 0
        heights = self._heights(0, count - 1) if count else []
        self._tops = list(accumulate(heights, initial=0))
        self.updateGeometries()
        self.viewport().update()

    def _sync(self) -> None:
        """Lay out again when the list is not what it was measured as (count, width, shown)."""
        count = self.model().rowCount() if self.model() is not None else 0
        if len(self._tops) != count + 1 or (self.isVisible() and (
                self._guessed or self._measured_width != self.viewport().width())):
            self._relayout()

    def doItemsLayout(self) -> None:  # noqa: N802 (Qt)
        self._sync()  # a reordering or a reset was laid out when the model said so (_relayout)
        QAbstractItemView.doItemsLayout(self)

    def rowsInserted(self, parent: QModelIndex, start: int, end: int) -> None:  # noqa: N802 (Qt)
        if not parent.isValid() and len(self._tops) - 1 + (end - start + 1) == self.model().rowCount():
            self._retop(start, self._heights(start, end), 0)
        QAbstractItemView.rowsInserted(self, parent, start, end)

    def rowsAboutToBeRemoved(self, parent: QModelIndex, start: int, end: int) -> None:  # noqa: N802 (Qt)
        QAbstractItemView.rowsAboutToBeRemoved(self, parent, start, end)
        if not parent.isValid() and end < len(self._tops) - 1:
            self._retop(start, [], end - start + 1)

    def _rows_removed(self, *_args) -> None:
        self._sync()
        self.updateGeometries()
        self.viewport().update()

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:  # noqa: N802 (Qt)
        first, last = top_left.row(), bottom_right.row()
        if (0 <= first <= last < len(self._tops) - 1 and not top_left.parent().isValid()
                and (not roles or Qt.ItemDataRole.DisplayRole in roles or Qt.ItemDataRole.EditRole in roles)):
            self._retop(first, self._heights(first, last), last - first + 1)
        QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self._sync()  # the cards' real heights, now that the width is known

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        QAbstractItemView.resizeEvent(self, event)
        self._sync()  # a new width wraps the texts again

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._delegate().set_font(self.font())
            self._relayout()

    # -- geometry (QAbstractItemView) --------------------------------------------------------------
    def _row_at(self, y: int) -> int:
        """The row whose card covers content height ``y`` (-1 if none)."""
        row = bisect_right(self._tops, y) - 1
        return row if 0 <= row < len(self._tops) - 1 else -1

    def visualRect(self, index: QModelIndex) -> QRect:  # noqa: N802 (Qt)
        self._sync()
        row = index.row() if index.isValid() and not index.parent().isValid() else -1
        if not 0 <= row < len(self._tops) - 1:
            return QRect()
        top = self._tops[row] - self.verticalOffset()
        return QRect(0, top, self.viewport().width(), self._tops[row + 1] - self._tops[row])

    def indexAt(self, point: QPoint) -> QModelIndex:  # noqa: N802 (Qt)
        self._sync()
        row = self._row_at(point.y() + self.verticalOffset())
        if row < 0 or not 0 <= point.x() < self.viewport().width():
            return QModelIndex()
        return self.model().index(row, 0)

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        rect = self.visualRect(index)
        if not rect.isValid():
            return
        bar, height = self.verticalScrollBar(), self.viewport().height()
        top = rect.top() + bar.value()
        Hint = QAbstractItemView.ScrollHint
        if hint == Hint.PositionAtTop or (hint == Hint.EnsureVisible and rect.top() < 0):
            bar.setValue(top)
        elif hint == Hint.PositionAtBottom or (hint == Hint.EnsureVisible and rect.bottom() >= height):
            bar.setValue(top + rect.height() - height)
        elif hint == Hint.PositionAtCenter:
            bar.setValue(top + rect.height() // 2 - height // 2)

    def horizontalOffset(self) -> int:  # noqa: N802 (Qt)
        return 0

    def verticalOffset(self) -> int:  # noqa: N802 (Qt)
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: QModelIndex) -> bool:  # noqa: N802 (Qt)
        return False

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers) -> QModelIndex:  # noqa: N802 (Qt)
        count = self.model().rowCount()
        if not count:
            return QModelIndex()
        current = self.currentIndex()
        row = current.row() if current.isValid() else -1
        Move = QAbstractItemView.CursorAction
        page = self.viewport().height()
        if action in (Move.MoveUp, Move.MovePrevious):
            row = max(0, row - 1)
        elif action in (Move.MoveDown, Move.MoveNext):
            row = min(count - 1, row + 1)
        elif action == Move.MoveHome:
            row = 0
        elif action == Move.MoveEnd:
            row = count - 1
        elif action == Move.MovePageUp:
            row = max(0, self._row_at(max(0, self._tops[max(row, 0)] - page)))
        elif action == Move.MovePageDown:
            found = self._row_at(self._tops[max(row, 0)] + page)
            row = count - 1 if found < 0 else found
        else:
            return current
        return self.model().index(max(0, row), 0)

    def setSelection(self, rect: QRect, command) -> None:  # noqa: N802 (Qt)
        self._sync()
        area = rect.normalized().translated(0, self.verticalOffset())
        first = self._row_at(max(0, area.top()))
        last = self._row_at(area.bottom())
        if last < 0 and first >= 0:
            last = len(self._tops) - 2
        selection = QItemSelection()
        if first >= 0 and last >= first:
            selection.select(self.model().index(first, 0), self.model().index(last, 0))
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:  # noqa: N802 (Qt)
        region = QRegion()
        for span in selection:
            if span.parent().isValid():
                continue
            top, bottom = self.visualRect(span.topLeft()), self.visualRect(span.bottomRight())
            if top.isValid() and bottom.isValid():
                region += top.united(bottom)
        return region

    def updateGeometries(self) -> None:  # noqa: N802 (Qt)
        bar, height = self.verticalScrollBar(), self.viewport().height()
        bar.setRange(0, max(0, self._tops[-1] - height))
        bar.setPageStep(max(1, height))
        bar.setSingleStep(max(1, self._delegate().estimate() // 3))
        QAbstractItemView.updateGeometries(self)

    def viewportSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(self.viewport().width(), self._tops[-1])

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt)
        self.viewport().scroll(0, dy)  # an open editor moves with its card

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        self._sync()
        painter = QPainter(self.viewport())
        model, selection, delegate = self.model(), self.selectionModel(), self._delegate()
        offset, area = self.verticalOffset(), event.rect()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        base = option.state & ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        current = self.currentIndex()
        focus = self.hasFocus()
        row = max(0, self._row_at(area.top() + offset))
        count = len(self._tops) - 1
        while row < count and self._tops[row] - offset <= area.bottom():
            index = model.index(row, 0)
            option.rect = QRect(0, self._tops[row] - offset, self.viewport().width(),
                                self._tops[row + 1] - self._tops[row])
            state = base
            if selection.isSelected(index):
                state |= QStyle.StateFlag.State_Selected
            if focus and index == current:
                state |= QStyle.StateFlag.State_HasFocus
            option.state = state
            delegate.paint(painter, option, index)
            row += 1
        if self.state() == QAbstractItemView.State.DraggingState and self.showDropIndicator() \
                and self._drag_pos is not None:
            self._paint_drop_indicator(painter)
        if model.rowCount() == 0 and self.empty_hint:
            painter.setPen(MUTED)
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.empty_hint)

    def _paint_drop_indicator(self, painter: QPainter) -> None:
        """Where a dragged note will land: a line between cards, or the list's edge."""
        where = self.dropIndicatorPosition()
        Position = QAbstractItemView.DropIndicatorPosition
        rect = self.visualRect(self.indexAt(self._drag_pos))
        if where == Position.OnViewport or not rect.isValid():
            y = min(self._tops[-1] - self.verticalOffset(), self.viewport().height() - 2)
        else:
            y = rect.top() if where == Position.AboveItem else rect.bottom()
        painter.setPen(QPen(ACCENT, 2))
        painter.drawLine(4, y, self.viewport().width() - 4, y)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt)
        self._drag_pos = event.position().toPoint()
        QAbstractItemView.dragMoveEvent(self, event)
        self.viewport().update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802 (Qt)
        self._drag_pos = None
        QAbstractItemView.dragLeaveEvent(self, event)
        self.viewport().update()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt)
        self._drag_pos = None
        QAbstractItemView.dropEvent(self, event)
        self.viewport().update()

    # -- keys and focus ---------------------------------------------------------------------------
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

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt)
        super().focusInEvent(event)
        self.focused.emit()


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
        # a cross strategy's title (beside the 2x2, half as wide) a point smaller: one line at 1024 px
        self.title = plain_label("", self.header, wrap=True)
        self.title.setObjectName("QuadrantTitle")
        head.addWidget(self.title)
        self.explanation = plain_label(explanation, self.header, wrap=True)
        self.explanation.setObjectName("QuadrantExplanation")
        self.explanation.setVisible(bool(explanation))
        self._explained = bool(explanation)
        # on a small screen the header may not get every line it wraps into: the whole text on hover
        self.header.setToolTip(plain_tooltip(f"{title}\n{explanation}" if explanation else title))
        head.addWidget(self.explanation)
        ink = text_on(colour).name()
        self.header.setStyleSheet(
            f"QWidget#QuadrantHeader {{ background: {self._colour}; border-top-left-radius: 6px;"
            f" border-top-right-radius: 6px; }}"
            f"QLabel#QuadrantTitle {{ color: {ink}; font-weight: 600; font-size: {11 if explanation else 12}pt; }}"
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

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        """A box too short for its explanation and ``CARDS_SHARE`` of cards (a narrow cross strategy, where the
        explanation wraps to three lines) drops the explanation; the header's tooltip still has it."""
        super().resizeEvent(event)
        if self._explained:
            margins = self.header.layout().contentsMargins()
            frame = 6  # the box's border and padding, each way
            width = event.size().width() - margins.left() - margins.right() - frame
            header = (self.title.heightForWidth(width) + self.explanation.heightForWidth(width) + margins.top()
                      + margins.bottom())
            height = event.size().height()
            self.explanation.setVisible(height - header - frame >= CARDS_SHARE * height)

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
