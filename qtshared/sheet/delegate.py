"""The sheet's editors: a combo for yes/no and choices, a line for dates, a growing text box; Excel's keys inside them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize,
                            Qt)
from PySide6.QtGui import QFontMetrics, QHelpEvent, QKeyEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QToolTip, QWidget)

from facilitator.cells import Column
from facilitator.domain.tags import fold
from facilitator.i18n import _

from ..widgets import plain_tooltip
from .sheet_model import CELL_PADDING, EDITING_BORDER, MAX_LINES

if TYPE_CHECKING:
    from .sheet_view import SheetView

Index = QModelIndex | QPersistentModelIndex


def text_is_cut(option: QStyleOptionViewItem, widget: QWidget) -> bool:
    """Whether an item's text (``option`` filled by ``initStyleOption``, its rect the cell's) does not fit as Qt
    paints it: a word or an unwrapped line wider than the room, or more lines than the cell's height holds."""
    text = option.text
    if not text:
        return False
    style = widget.style()
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    width = max(room.width() - 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1), 1)
    metrics = QFontMetrics(option.font)
    lines = text.split("\n")
    if option.features & QStyleOptionViewItem.ViewItemFeature.WrapText:
        if any(metrics.horizontalAdvance(word) > width for line in lines for word in line.split()):
            return True
        needed = metrics.boundingRect(QRect(0, 0, width, 1_000_000), int(Qt.TextFlag.TextWordWrap.value), text)
        return needed.height() > room.height() + 1
    return any(metrics.horizontalAdvance(line) > width for line in lines) or \
        len(lines) * metrics.lineSpacing() > room.height() + 1


def tooltip_plain_text(tip: str) -> str:
    """What a tooltip reads as plain text (Qt shows it as HTML when it looks like markup)."""
    if not tip or not GuiQt.mightBeRichText(tip):
        return tip or ""
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def cut_cell_tooltip(text: str, tip: object) -> str:
    """The tooltip of a cell whose ``text`` is cut: the model's ``tip`` if it already holds the whole text, else
    the text, a blank line and the tip's text (user text shown as typed)."""
    tip = str(tip or "")
    said = tooltip_plain_text(tip)
    if " ".join(text.split()) in " ".join(said.split()):
        return tip
    return plain_tooltip(f"{text}\n\n{said}" if said.strip() else text)


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

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: Index) -> bool:
        """Over a cell whose text the column cuts (lines past ``MAX_LINES``, a word wider than the column), the
        tooltip gives the whole text: the model's own tooltip when it already holds it, else the whole text, a
        blank line and the model's tooltip (why a status is marked, where a row came from). Over the others, the
        model's (a long text, or the column's question)."""
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            shown = QStyleOptionViewItem(option)
            self.initStyleOption(shown, index)
            if text_is_cut(shown, view):
                QToolTip.showText(event.globalPos(), cut_cell_tooltip(shown.text, index.data(
                    Qt.ItemDataRole.ToolTipRole)), view.viewport(), option.rect)  # the rect is the viewport's
                return True
        return super().helpEvent(event, view, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt)
        size = super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        return QSize(size.width(), min(size.height() + CELL_PADDING, line * MAX_LINES + CELL_PADDING))
