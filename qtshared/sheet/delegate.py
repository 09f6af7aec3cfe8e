"""The sheet's editors: a combo for yes/no and choices, a line for dates, a growing text box; Excel's keys inside them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemDelegate, QComboBox, QLineEdit, QPlainTextEdit, QStyledItemDelegate,
                               QStyleOptionViewItem, QWidget)

from facilitator.cells import Column
from facilitator.domain.tags import fold
from facilitator.i18n import _

from .sheet_model import CELL_PADDING, EDITING_BORDER, MAX_LINES

if TYPE_CHECKING:
    from .sheet_view import SheetView

Index = QModelIndex | QPersistentModelIndex


# -- editors ---------------------------------------------------------------------------------------
class CellEditor(QPlainTextEdit):
    """A text cell's editor: grows with the cell; Enter commits, Shift/Alt+Enter breaks the line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setStyleSheet(f"CellEditor {{ border: 2px solid {EDITING_BORDER}; background: white; }}")
        self.setTabChangesFocus(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def text(self) -> str:
        return self.toPlainText()


class SheetDelegate(QStyledItemDelegate):
    """Editors by column kind, Excel's keys inside them, and row heights capped at ``MAX_LINES``."""

    def __init__(self, view: "SheetView") -> None:
        super().__init__(view)
        self.view = view
        self.pending: str | None = None  # text typed on a cell that opened its editor (replaces the value)

    def _column(self, index: Index) -> Column:
        return self.view.sheet.columns[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        column = self._column(index)
        if column.kind in ("yesno", "choice"):
            combo = QComboBox(parent)
            for key, label in self.view.sheet.choices(column):
                combo.addItem(label, key)
            combo.activated.connect(lambda _i, c=combo: self._commit_and_close(c))
            return combo
        if column.kind in ("date", "deadline", "number"):
            line = QLineEdit(parent)
            line.setPlaceholderText(_("AAAA-MM-DD o DD/MM/AAAA"))
            return line
        editor = CellEditor(parent)
        editor.setFont(option.font)
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 (Qt)
        typed, self.pending = self.pending, None
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            found = editor.findData(value)
            if typed:
                folded = fold(typed)
                found = next((i for i in range(editor.count()) if fold(editor.itemText(i)).startswith(folded)),
                             found)
            editor.setCurrentIndex(max(0, found))
            return
        text = typed if typed is not None else (index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, CellEditor):
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.deselect()
            editor.end(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802 (Qt)
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, (CellEditor, QLineEdit)):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        rect = option.rect
        if isinstance(editor, CellEditor):
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4 + 8))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        """Enter commits (Shift/Alt+Enter breaks a text cell's line), Tab and Shift+Tab commit and move."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(editor, (CellEditor, QComboBox, QLineEdit)):
            return super().eventFilter(editor, event)
        key_event: QKeyEvent = event  # type: ignore[assignment]
        key, mods = key_event.key(), key_event.modifiers()
        hint = None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(editor, CellEditor) and mods & (Qt.KeyboardModifier.ShiftModifier
                                                          | Qt.KeyboardModifier.AltModifier):
                editor.insertPlainText("\n")
                return True
            hint = QAbstractItemDelegate.EndEditHint.SubmitModelCache
        elif key == Qt.Key.Key_Tab:
            hint = QAbstractItemDelegate.EndEditHint.EditNextItem
        elif key == Qt.Key.Key_Backtab:
            hint = QAbstractItemDelegate.EndEditHint.EditPreviousItem
        if hint is None:
            return super().eventFilter(editor, event)
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)
        return True

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt)
        size = super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        return QSize(size.width(), min(size.height() + CELL_PADDING, line * MAX_LINES + CELL_PADDING))
