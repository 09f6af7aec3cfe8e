"""Item models of a FODA matrix: one list model per quadrant over one shared read of the canvas.

``MatrixData`` reads the canvas's notes with one query per committed change
and applies the panel's filter (group, words); each ``QuadrantModel`` shows
the notes of its zone and keeps its views' selection through the refresh
(``qtshared.row_sync.sync_rows``). Models never write: an edited text or a
drop becomes a command handed to ``run`` (the panel's ``ctx.undo.run``).
"""

from __future__ import annotations

import json
from typing import Any, Callable

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from facilitator import board, foda
from facilitator.commands import Command
from facilitator.document import ProcessDocument
from facilitator.i18n import _
from qtshared.row_sync import sync_rows, tolerant_data
from qtshared.widgets import plain_tooltip

from .look import group_colour

Index = QModelIndex | QPersistentModelIndex
MIME = "application/x-papelografo-foda-notes"

ID_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1  # the group's name ("" without group)
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2  # QColor of the group's badge
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 3  # short "where it came from" line, "" if typed here
VOTES_ROLE = Qt.ItemDataRole.UserRole + 4
MISSING_ROLE = Qt.ItemDataRole.UserRole + 5  # True when the origin note was deleted
CARD_ROLE = Qt.ItemDataRole.UserRole + 6  # all a card shows, in one call: (text, group, QColor, origin, missing, votes)


class MatrixData(QObject):
    """The canvas row and its notes by zone, read from the store; ``reloaded`` after each read."""

    reloaded = Signal()

    def __init__(self, doc: ProcessDocument, canvas_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.canvas_id = canvas_id
        self.canvas: dict[str, Any] = {}
        self.rows: list[dict[str, Any]] = []
        self.zones: dict[str | None, list[dict[str, Any]]] = foda.by_zone([])
        self.by_id: dict[str, dict[str, Any]] = {}
        self.origins: set[str] = set()  # the notes this matrix copied (their ids)
        self.groups: dict[str, str] = {}  # group id -> name, of the groups whose notes are here
        self.appended: dict[str | None, list[dict[str, Any]]] | None = None  # during ``reloaded``: when the change
        # only added notes after the others of their zones, those notes by zone (None: anything may have changed)
        self.filter = board.NoteFilter()
        self.reload()

    def reload(self, changes=None) -> None:
        """Read the matrix again; with ``changes`` (the store's) that touch only a few notes,
        read just those notes and fold them in (a typed note costs one small query)."""
        if changes is not None and self.canvas and self._fold(changes):
            return
        self.canvas = self.doc.canvas(self.canvas_id) or {}
        self._set_rows(foda.matrix_notes(self.doc, self.canvas_id) if self.canvas else [])
        self._emit(None)

    def _set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.zones = foda.by_zone(rows)
        self.by_id = {r["id"]: r for r in rows}
        self.origins = {r["origin_id"] for r in rows if r["origin_id"]}
        self.groups = {r["group_id"]: r["group_name"] for r in rows if r["group_id"]}

    def _emit(self, appended: dict[str | None, list[dict[str, Any]]] | None) -> None:
        self.appended = appended
        try:
            self.reloaded.emit()
        finally:
            self.appended = None

    def _zone_key(self, row: dict[str, Any]) -> str | None:
        return row["zone"] if row["zone"] in self.zones else None

    def _fold(self, changes) -> bool:
        if len(changes) > 200 or any(c.table not in ("note", "link") for c in changes):
            return False
        ids = set(c.id for c in changes if c.table == "note")
        if ids & self.origins:
            return False  # a note this matrix copied changed: its origin line may change, read everything
        fresh = {r["id"]: r for r in foda.matrix_notes(self.doc, self.canvas_id, sorted(ids))} if ids else {}
        if all(c.op == "insert" for c in changes) and self._append(ids, fresh):
            return True
        rows = [fresh.pop(r["id"], r) for r in self.rows if r["id"] not in ids or r["id"] in fresh]
        added = sorted(fresh.values(), key=_order)
        if any(c.op == "update" for c in changes) or (added and rows and _order(added[0]) < _order(rows[-1])):
            rows = sorted(rows + added, key=_order)
        else:
            rows += added
        self._set_rows(rows)
        self._emit(None)
        return True

    def _append(self, ids: set[str], fresh: dict[str, dict[str, Any]]) -> bool:
        """New notes that go after the others of their zone (typing): added without touching the rest.
        False when one belongs elsewhere in its zone (an undone delete), to fold them in the long way."""
        if any(i in self.by_id for i in ids):
            return False
        added = sorted(fresh.values(), key=_order)
        last: dict[str | None, tuple] = {}
        for row in added:
            zone = self._zone_key(row)
            before = last.get(zone) or (_order(self.zones[zone][-1]) if self.zones[zone] else None)
            if before is not None and _order(row) < before:
                return False
            last[zone] = _order(row)
        for row in added:
            self.rows.append(row)
            self.zones[self._zone_key(row)].append(row)
            self.by_id[row["id"]] = row
            if row["origin_id"]:
                self.origins.add(row["origin_id"])
            if row["group_id"]:
                self.groups[row["group_id"]] = row["group_name"]
        if added:
            by_zone: dict[str | None, list[dict[str, Any]]] = {}
            for row in added:
                by_zone.setdefault(self._zone_key(row), []).append(row)
            self._emit(by_zone)
        return True

    def set_filter(self, note_filter: board.NoteFilter) -> None:
        self.filter = note_filter
        self._emit(None)

    def visible(self, zone: str | None) -> list[dict[str, Any]]:
        rows = self.zones.get(zone, [])
        return [r for r in rows if self.filter.matches(r)] if self.filter.active else list(rows)

    def total(self, zone: str | None) -> int:
        return len(self.zones.get(zone, []))

    def label(self, zone: str | None) -> str:
        return foda.zone_label(self.canvas, zone) if zone else _("Sin cuadrante")


def _order(row: dict[str, Any]) -> tuple:
    return row["position"], row["created_at"]  # as matrix_notes orders them


def origin_line(row: dict[str, Any]) -> str:
    origin = row.get("origin")
    if origin is None:
        return ""
    if not origin.exists:
        return _("origen eliminado")
    return " › ".join(p for p in (origin.workshop, origin.zone) if p)


class QuadrantModel(QAbstractListModel):
    """The notes of one zone of the matrix (None: notes whose zone is no quadrant), as the filter shows them."""

    def __init__(self, data: MatrixData, zone: str | None, run: Callable[[Command | None], bool] | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.matrix = data
        self.zone = zone
        self.run = run  # None: read-only
        self.rows: list[dict[str, Any]] = data.visible(zone)
        data.reloaded.connect(self.refresh)

    def refresh(self) -> None:
        appended = self.matrix.appended
        if appended is not None:  # notes typed: added at the end, the other rows untouched
            added = appended.get(self.zone, [])
            if self.matrix.filter.active:
                added = [r for r in added if self.matrix.filter.matches(r)]
            if added:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(added) - 1)
                self.rows.extend(added)  # our own list (``visible`` copies)
                self.endInsertRows()
            return
        new = self.matrix.visible(self.zone)
        old = self.rows
        # only rows whose content changed are announced: the list re-measures every card on any change
        changed = [i for i, (a, b) in enumerate(zip(old, new)) if a is not b and a != b]

        def load() -> None:
            self.rows = new

        sync_rows(self, [r["id"] for r in old], [r["id"] for r in new], load, 1, changed=changed)

    def ids(self, indexes: list[Index]) -> list[str]:
        rows = sorted({i.row() for i in indexes if i.isValid() and 0 <= i.row() < len(self.rows)})
        return [self.rows[r]["id"] for r in rows]

    def row_of(self, note_id: str) -> int:
        # from the end: the note to find is most often the one just typed
        return next((n for n in range(len(self.rows) - 1, -1, -1) if self.rows[n]["id"] == note_id), -1)

    # -- reading -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    @tolerant_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row["text"]
        if role == CARD_ROLE:
            origin = row["origin"]
            return (row["text"], row["group_name"] or "", group_colour(row["group_colour"], row["group_position"]),
                    origin_line(row), bool(origin is not None and not origin.exists), int(row["votes"] or 0))
        if role == ID_ROLE:
            return row["id"]
        if role == GROUP_ROLE:
            return row["group_name"] or ""
        if role == COLOUR_ROLE:
            return group_colour(row["group_colour"], row["group_position"])
        if role == ORIGIN_ROLE:
            return origin_line(row)
        if role == MISSING_ROLE:
            return bool(row["origin"] is not None and not row["origin"].exists)
        if role == VOTES_ROLE:
            return int(row["votes"] or 0)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row['text']} ({row['group_name'] or _('Sin grupo')})"
        if role == Qt.ItemDataRole.ToolTipRole:
            origin = row["origin"]
            lines = (row["text"], _("Grupo: {name}", name=row["group_name"] or _("Sin grupo")),
                     origin.describe() if origin is not None else "",
                     _("Votos: {n}", n=row["votes"]) if row["votes"] else "")
            return plain_tooltip("\n".join(line for line in lines if line))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.run is not None else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.run is not None:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # -- editing ---------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt)
        if (role != Qt.ItemDataRole.EditRole or self.run is None or not index.isValid()
                or not 0 <= index.row() < len(self.rows) or not isinstance(value, str)):
            return False
        if not board.clean_text(value):
            return False  # an emptied note is deleted with Supr, not by erasing its text
        return self.run(board.edit_text(self.matrix.doc, self.rows[index.row()]["id"], value))

    # -- drag and drop between quadrants -----------------------------------------------------
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt)
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt)
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt)
        return [MIME]

    def mimeData(self, indexes: list[Index]) -> QMimeData:  # noqa: N802 (Qt)
        data = QMimeData()
        payload = {"canvas": self.matrix.canvas_id, "ids": self.ids(indexes)}
        data.setData(MIME, json.dumps(payload).encode("utf-8"))
        return data

    def _decode(self, data: QMimeData) -> list[str]:
        if self.run is None or not data.hasFormat(MIME):
            return []
        try:
            payload = json.loads(bytes(data.data(MIME).data()).decode("utf-8"))
        except ValueError:
            return []
        if not isinstance(payload, dict) or payload.get("canvas") != self.matrix.canvas_id:
            return []
        return [i for i in payload.get("ids", []) if isinstance(i, str)]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802 (Qt)
                        parent: Index) -> bool:
        return self.zone is not None and bool(self._decode(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802 (Qt)
                     parent: Index) -> bool:
        ids = self._decode(data)
        if self.zone is None or not ids or action == Qt.DropAction.IgnoreAction:
            return False
        if parent.isValid():
            row = parent.row()
        before = next((r["id"] for r in self.rows[row:] if r["id"] not in ids), None) if row >= 0 else None
        self.run(foda.place_notes(self.matrix.doc, ids, self.zone, before=before))
        return False  # the move is done; the source view must not remove rows itself
