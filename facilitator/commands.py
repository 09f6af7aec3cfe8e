"""Undoable edits: the one path by which the user changes a process file.

Each command changes the store in one transaction and is committed at once; its
undo is another committed transaction. The Qt layer wraps these objects in
``QUndoCommand``s (``qtshared.undo``); nothing here imports Qt, so the CLI,
importers and tests use the very same commands.
"""

from __future__ import annotations

from typing import Any, Iterable, Protocol

from .store.db import Snapshot, Store, new_id, utc_now


class Command(Protocol):
    text: str

    def redo(self, store: Store) -> None: ...

    def undo(self, store: Store) -> None: ...


class InsertRow:
    """Add one row. Its id is known before it runs, so later commands can refer to it."""

    def __init__(self, table: str, values: dict[str, Any], text: str = "") -> None:
        now = utc_now()
        self.table = table
        self.values = {"id": new_id(), "created_at": now, "updated_at": now, **values}
        self.text = text
        # An id made here has never been in a file until the first redo; after an undo its tombstone exists.
        self._new = "id" not in values

    @property
    def id(self) -> str:
        return self.values["id"]

    def redo(self, store: Store) -> None:
        store.insert(self.table, self.values, new=self._new)
        self._new = False

    def undo(self, store: Store) -> None:
        store.delete(self.table, self.id)


class UpdateRow:
    """Change some fields of one row; undo puts the previous values back."""

    def __init__(self, table: str, row_id: str, changes: dict[str, Any], text: str = "", *,
                 record: bool = True) -> None:
        self.table = table
        self.id = row_id
        self.changes = dict(changes)
        self.previous: dict[str, Any] | None = None
        self.text = text
        self.record = record  # False: a merge bringing the other laptop's revisions with it

    def redo(self, store: Store) -> None:
        previous = store.update(self.table, self.id, self.changes, record=self.record)
        if self.previous is None:
            self.previous = previous

    def undo(self, store: Store) -> None:
        assert self.previous is not None, "undo before redo"
        store.update(self.table, self.id, self.previous)


class DeleteRow:
    """Remove a row and everything that depends on it; undo restores all of it."""

    def __init__(self, table: str, row_id: str, text: str = "") -> None:
        self.table = table
        self.id = row_id
        self.snapshot: Snapshot | None = None
        self.text = text

    def redo(self, store: Store) -> None:
        self.snapshot = store.delete(self.table, self.id)

    def undo(self, store: Store) -> None:
        assert self.snapshot is not None, "undo before redo"
        store.restore(self.snapshot)


class Macro:
    """Several commands as one edit: one transaction, one undo step."""

    def __init__(self, commands: Iterable[Command], text: str = "") -> None:
        self.commands = list(commands)
        self.text = text

    def redo(self, store: Store) -> None:
        with store.transaction():
            for command in self.commands:
                command.redo(store)

    def undo(self, store: Store) -> None:
        with store.transaction():
            for command in reversed(self.commands):
                command.undo(store)


def reorder(table: str, ordered_ids: list[str], current: dict[str, int], text: str = "") -> Macro:
    """Renumber ``position`` so rows follow ``ordered_ids``; only changed rows are touched."""
    return Macro(
        [UpdateRow(table, rid, {"position": pos}) for pos, rid in enumerate(ordered_ids) if current.get(rid) != pos],
        text,
    )
