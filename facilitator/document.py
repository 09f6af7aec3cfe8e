"""A process document: the open file, its queries, and the edit entry point.

Views read through these queries and change the file only through
``ProcessDocument.execute`` with a command from ``facilitator.commands``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .commands import Command
from .domain.values import number, whole
from .domain.labels import show, show_zones
from .domain.zones import read_zones
from .store import FileProblem, Store, create_process_file, open_process_file
from .store.db import Change
from .store.lock import FileLock, LockOwner, acquire


def _read_canvas(row: dict[str, Any], shown: bool) -> None:
    row["zones"] = read_zones(row["zones"])
    if shown:
        row["title"] = show(row["title"])
        row["zones"] = show_zones(row["zones"])


class ProcessDocument:
    def __init__(self, store: Store, lock: FileLock | None = None, held_by: LockOwner | None = None) -> None:
        self.store = store
        self.lock = lock  # ours while the file is open here
        self.held_by = held_by  # another instance that has the file open (so this one reads only)

    @classmethod
    def open(cls, path: str | os.PathLike[str], **kwargs: Any) -> "ProcessDocument":
        """Open a process file; if another instance has it open, open it read-only and say who."""
        lock, owner = acquire(path) if Path(path).is_file() else (None, None)
        if owner is not None:
            kwargs["readonly"] = True
        try:
            store = open_process_file(path, **kwargs)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if store.readonly and lock is not None:  # nothing to guard: we cannot write it either
            lock.release()
            lock = None
        return cls(store, lock, owner)

    @classmethod
    def create(cls, path: str | os.PathLike[str], title: str, **kwargs: Any) -> "ProcessDocument":
        store = create_process_file(path, title, **kwargs)
        lock, _owner = acquire(path)
        return cls(store, lock)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def close(self) -> "FileProblem | None":
        """Close the file (and release its lock); a problem means its last edits still live only in its -wal."""
        problem = self.store.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        return problem

    def refresh_lock(self) -> None:
        """Tell other instances this one still has the file open (see store.lock)."""
        if self.lock is not None and not self.lock.refresh():
            self.lock = None

    def execute(self, command: Command) -> None:
        """Apply an edit and commit it; raises FileProblem and leaves the file as it was."""
        command.redo(self.store)

    def subscribe(self, listener) -> None:
        self.store.subscribe(listener)

    def unsubscribe(self, listener) -> None:
        self.store.unsubscribe(listener)

    # -- queries ------------------------------------------------------------
    @property
    def process(self) -> dict[str, Any]:
        return self.store.query("SELECT * FROM process ORDER BY created_at LIMIT 1")[0]

    def workshops(self) -> list[dict[str, Any]]:
        return self.store.query("SELECT * FROM workshop ORDER BY position, created_at")

    def workshop(self, workshop_id: str) -> dict[str, Any] | None:
        return self.store.get("workshop", workshop_id)

    def blocks(self, workshop_id: str) -> list[dict[str, Any]]:
        """The agenda; a duration that is not a whole number of minutes reads as 0 and is named in ``invalid``."""
        rows = self.store.query("SELECT * FROM block WHERE workshop_id = ? ORDER BY position, created_at",
                                (workshop_id,))
        for row in rows:
            _lenient(row, minutes=whole(row["minutes"], 0, lo=0))
        return rows

    def canvases(self, workshop_id: str, *, shown: bool = True) -> list[dict[str, Any]]:
        """The workshop's canvases with their zones read; ``shown``: app words in the UI's language.

        The file stores the app's words as keys (``facilitator.domain.labels``); views
        get them shown, an export asks for ``shown=False`` and shows them in its own language.
        """
        rows = self.store.query("SELECT * FROM canvas WHERE workshop_id = ? ORDER BY position, created_at",
                                (workshop_id,))
        for row in rows:
            _read_canvas(row, shown)
        return rows

    def canvas(self, canvas_id: str, *, shown: bool = True) -> dict[str, Any] | None:
        row = self.store.get("canvas", canvas_id)
        if row is not None:
            _read_canvas(row, shown)
        return row

    def groups(self, workshop_id: str) -> list[dict[str, Any]]:
        return self.store.query("SELECT * FROM workgroup WHERE workshop_id = ? ORDER BY position, created_at",
                                (workshop_id,))

    def participants(self) -> list[dict[str, Any]]:
        return self.store.query("SELECT * FROM participant ORDER BY name COLLATE NOCASE, created_at")

    def notes(self, canvas_id: str) -> list[dict[str, Any]]:
        """A canvas's notes; numbers the file holds as something else read as 0 and are named in ``invalid``."""
        rows = self.store.query("SELECT * FROM note WHERE canvas_id = ? ORDER BY position, created_at",
                                (canvas_id,))
        for row in rows:
            _lenient(row, votes=whole(row["votes"], 0, lo=0), x=number(row["x"]), y=number(row["y"]),
                     position=number(row["position"]))
        return rows

    def recent_notes(self, canvas_id: str, limit: int) -> list[dict[str, Any]]:
        """A canvas's last ``limit`` notes with text, the newest first, with their group's name and colour."""
        return self.store.query(
            "SELECT note.id, note.text, note.zone, note.group_id, workgroup.name AS group_name, "
            "workgroup.colour AS group_colour FROM note LEFT JOIN workgroup ON workgroup.id = note.group_id "
            "WHERE note.canvas_id = ? AND trim(note.text) <> '' "
            "ORDER BY note.created_at DESC, note.rowid DESC LIMIT ?", (canvas_id, max(0, int(limit))))

    def counts(self, workshop_id: str) -> dict[str, Any]:
        """Small numbers for overviews (notes, groups, participants present, minutes, photos); ``held``: what the
        workshop's canvases hold, by kind in the order of the tabs ({"planning_matrix": 12}: initiatives)."""
        from . import kinds

        q = self.store.scalar
        present = {r["kind"] for r in self.store.query("SELECT DISTINCT kind FROM canvas WHERE workshop_id = ?",
                                                       (workshop_id,))}
        held = {}
        for k in kinds.all_kinds():
            if k.key in present and k.table in ("note", "initiative", "monitoring_row"):
                held[k.key] = q(f"SELECT count(*) FROM {k.table} AS item JOIN canvas ON canvas.id = item.canvas_id "
                                "WHERE canvas.workshop_id = ? AND canvas.kind = ?", (workshop_id, k.key))
        return {
            "held": held,
            "notes": q("SELECT count(*) FROM note JOIN canvas ON canvas.id = note.canvas_id "
                       "WHERE canvas.workshop_id = ?", (workshop_id,)),
            "groups": q("SELECT count(*) FROM workgroup WHERE workshop_id = ?", (workshop_id,)),
            "present": q("SELECT count(*) FROM attendance WHERE workshop_id = ? AND present = 1", (workshop_id,)),
            "minutes": q("SELECT count(*) FROM minutes_entry WHERE workshop_id = ?", (workshop_id,)),
            "photos": q("SELECT count(*) FROM photo WHERE workshop_id = ?", (workshop_id,)),
        }


def _lenient(row: dict[str, Any], **readable: Any) -> None:
    """Put readable values in ``row``; the columns whose stored value was not readable go in ``row["invalid"]``."""
    bad = {k for k, v in readable.items() if v != row[k] or type(v) is not type(row[k])}
    if bad:
        row.update(readable)
        row["invalid"] = bad


__all__ = ["ProcessDocument", "Change"]
