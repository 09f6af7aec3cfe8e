"""Form fields bound to one column of one row: every keystroke is committed.

Consecutive typing in a field merges into one undo step; an undo or a change from
elsewhere updates the field without moving the cursor needlessly.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from facilitator.commands import UpdateRow
from .context import WorkshopContext


class BoundField:
    """Keeps a QLineEdit or QPlainTextEdit and ``table.column`` of a row in step."""

    def __init__(self, ctx: WorkshopContext, widget: QLineEdit | QPlainTextEdit, table: str, column: str,
                 row_id: Callable[[], str | None], label: str,
                 validate: Callable[[str], str | None] | None = None,
                 on_error: Callable[[str | None], None] | None = None) -> None:
        self.ctx, self.widget, self.table, self.column = ctx, widget, table, column
        self.row_id, self.label = row_id, label
        self.validate, self.on_error = validate, on_error
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._edited)
            widget.setReadOnly(ctx.doc.readonly)
        else:
            widget.textChanged.connect(lambda: self._edited(widget.toPlainText()))
            widget.setReadOnly(ctx.doc.readonly)
        self._loading = False

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def load(self) -> None:
        rid = self.row_id()
        row = self.ctx.doc.store.get(self.table, rid) if rid else None
        value = "" if row is None or row[self.column] is None else str(row[self.column])
        self.widget.setEnabled(row is not None)
        if value == self.text():
            return
        self._loading = True
        try:
            if isinstance(self.widget, QLineEdit):
                pos = self.widget.cursorPosition()
                self.widget.setText(value)
                self.widget.setCursorPosition(min(pos, len(value)))
            else:
                self.widget.setPlainText(value)
        finally:
            self._loading = False

    def _edited(self, text: str) -> None:
        if self._loading or self.ctx.doc.readonly:
            return
        rid = self.row_id()
        if not rid:
            return
        problem = self.validate(text) if self.validate else None
        if self.on_error:
            self.on_error(problem)
        if problem:
            return
        self.ctx.undo.run(UpdateRow(self.table, rid, {self.column: text}, self.label), mergeable=True)


def plain_text_edit(parent: QWidget | None = None, height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit
