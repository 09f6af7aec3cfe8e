"""Undo/redo for the document: pure commands wrapped in QUndoCommands.

A command is applied and committed *before* it enters the stack, so a refused
edit (disk full, read-only file) shows its message and leaves neither the file
nor the history changed. Undo and redo are themselves committed at once.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from facilitator.commands import Command, UpdateRow
from facilitator.document import ProcessDocument
from facilitator.i18n import _
from facilitator.store import FileProblem

MERGE_ID = 0x7A1


class _QtCommand(QUndoCommand):
    def __init__(self, adapter: "UndoAdapter", command: Command, mergeable: bool) -> None:
        super().__init__(command.text or _("Edición"))
        self.adapter = adapter
        self.command = command
        self.mergeable = mergeable
        self._applied = True  # applied before push

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.adapter._guard(self.command.redo, _("rehacer"))

    def undo(self) -> None:
        self.adapter._guard(self.command.undo, _("deshacer"))

    def id(self) -> int:
        return MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing in one field is one undo step: keep the first previous value."""
        if not isinstance(other, _QtCommand) or not other.mergeable:
            return False
        a, b = self.command, other.command
        if not (isinstance(a, UpdateRow) and isinstance(b, UpdateRow)):
            return False
        if (a.table, a.id, set(a.changes)) != (b.table, b.id, set(b.changes)):
            return False
        a.changes = dict(b.changes)
        return True


class UndoAdapter(QObject):
    """The window's single way to apply an edit: ``undo.run(command)``."""

    failed = Signal(str)  # the message shown for a refused edit
    saved = Signal()  # an edit, undo or redo was committed

    def __init__(self, doc: ProcessDocument, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.doc = doc
        self.stack = QUndoStack(self)
        self.parent_widget = parent_widget

    def run(self, command: Command | None, *, mergeable: bool = False) -> bool:
        """Apply and commit; on success the edit can be undone. Returns success."""
        if command is None:
            return False
        try:
            self.doc.execute(command)
        except FileProblem as exc:
            self._report(exc.message())
            return False
        self.stack.push(_QtCommand(self, command, mergeable))
        self.saved.emit()
        return True

    def run_planned(self, plan: Callable[[], Command | None]) -> bool:
        """Build a command and apply it under one write lock; on success it can be undone.

        The lock (BEGIN IMMEDIATE) is taken before ``plan`` reads the file, so another
        program's import cannot commit between what the plan read and what it writes
        (two imports would otherwise both make the same new groups). ``plan`` returns
        None to write nothing. Returns whether a command was applied.
        """
        try:
            with self.doc.store.transaction():
                command = plan()
                if command is not None:
                    self.doc.execute(command)
        except FileProblem as exc:
            self._report(exc.message())
            return False
        if command is None:
            return False
        self.stack.push(_QtCommand(self, command, False))
        self.saved.emit()
        return True

    def _guard(self, action, verb: str) -> None:
        try:
            action(self.doc.store)
        except FileProblem as exc:
            # The file is unchanged, but the history no longer matches it: drop it.
            QTimer.singleShot(0, self.stack.clear)
            self._report(_("No se pudo {verb}: {detail} Se vació el historial de deshacer; lo guardado está a salvo.",
                           verb=verb, detail=exc.message()))
            return
        self.saved.emit()

    def _report(self, message: str) -> None:
        from .dialogs import Dialogs

        self.failed.emit(message)
        Dialogs.error(self.parent_widget, message)
