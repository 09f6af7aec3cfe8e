"""What every workshop panel gets: the document, its undo stack, change signals."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from facilitator.document import ProcessDocument
from facilitator.settings import Settings
from facilitator.store.db import Change
from .undo import UndoAdapter


class DocumentSignals(QObject):
    """Re-emits the store's committed changes as a Qt signal (list[Change]).

    Views connect to ``changed`` and refresh what concerns them
    (``{c.table for c in changes}``); they never poll the database.
    """

    changed = Signal(object)

    def __init__(self, doc: ProcessDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        doc.subscribe(self._relay)

    def _relay(self, changes: list[Change]) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        self.doc.unsubscribe(self._relay)


@dataclass
class WorkshopContext:
    doc: ProcessDocument
    undo: UndoAdapter
    signals: DocumentSignals
    settings: Settings
    workshop_id: str
