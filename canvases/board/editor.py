"""Typing a note's text: the in-place editor and the rule for reading typed text.

The same rule serves the capture field and the in-place editor: Enter finishes,
Shift+Enter starts a new line, and the text is read raw so that nothing typed
(non-breaking spaces included) is altered on its way to the file.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from facilitator.domain.limits import NOTE_MAX_CHARS
from facilitator.i18n import _

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def typed_text(edit: QPlainTextEdit) -> str:
    """What the user typed, exactly: paragraph breaks become "\\n", nothing else changes."""
    return edit.document().toRawText().replace("\u2029", "\n")


def is_submit(event: QKeyEvent) -> bool:
    """Enter without Shift (Ctrl/Alt+Enter also submit; Shift+Enter is a new line)."""
    return event.key() in ENTER_KEYS and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier


def is_newline(event: QKeyEvent) -> bool:
    return event.key() in ENTER_KEYS and bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)


class CappedText:
    """Mixin for a QPlainTextEdit holding a note: typing, input methods and pastes stop at the cap.

    What would take the text past NOTE_MAX_CHARS is not inserted, and a tooltip says
    why; text set by the program (an older, longer note) is shown as it is.
    """

    limit = NOTE_MAX_CHARS
    last_refusal = ""

    def _room(self) -> int:
        cursor = self.textCursor()
        selected = abs(cursor.position() - cursor.anchor())
        return self.limit - (len(typed_text(self)) - selected)

    def _refuse(self, excess: int) -> None:
        self.last_refusal = _("Una nota puede tener como máximo {max} caracteres: lo que escribió o pegó no cabe "
                              "(sobran {n}). Divídalo en varias notas.", max=self.limit, n=excess)
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), self.last_refusal, self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        if typed and typed.isprintable() and len(typed) > self._room():
            self._refuse(len(typed) - self._room())
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if len(event.commitString()) > self._room():
            self._refuse(len(event.commitString()) - self._room())
            event.setCommitString("")
        super().inputMethodEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText() and len(source.text()) > self._room():
            self._refuse(len(source.text()) - self._room())
            return
        super().insertFromMimeData(source)


class NoteTextEdit(CappedText, QPlainTextEdit):
    """A plain text box for a note's text (the inspector's), capped like the others."""


class InlineEditor(CappedText, QPlainTextEdit):
    """A text box laid over a note on the board; commits on Enter or when it loses focus."""

    committed = Signal(str, str)  # note id, text
    finished = Signal()

    def __init__(self, note_id: str, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.note_id = note_id
        self._done = False
        self.setPlainText(text)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setStyleSheet("QPlainTextEdit { background: #FFFDE7; border: 2px solid #1F6F8B; }")
        self.selectAll()

    def place(self, rect: QRect, pixel_size: int) -> None:
        font = self.font()
        font.setPixelSize(max(10, pixel_size))
        self.setFont(font)
        self.setGeometry(rect.adjusted(0, 0, 0, max(0, 90 - rect.height())))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_submit(event):
            self.commit()
        elif is_newline(event):
            self.insertPlainText("\n")
        elif event.key() == Qt.Key.Key_Escape:
            self.close_editor()
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Escape and Enter are ours while editing, not shortcuts of the window.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.key() in (*ENTER_KEYS, Qt.Key.Key_Escape)):
            event.accept()
            return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def commit(self) -> None:
        if self._done:
            return
        text = typed_text(self)
        self._done = True
        self.committed.emit(self.note_id, text)
        self.close_editor()

    def close_editor(self) -> None:
        self._done = True
        self.hide()
        self.finished.emit()
        self.deleteLater()
