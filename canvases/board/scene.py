"""BoardScene: one board canvas of the process file, projected onto a QGraphicsScene.

The store is the model; this scene only mirrors it. Lanes (rows) are the
workshop's groups plus a last lane for notes without group; columns are the
canvas's zones. Each (zone, lane) cell is a ``CellItem`` and the notes are its
children, placed at their stored x/y, so when a cell grows only the few cell
items move, never the thousands of notes.

The scene follows ``DocumentSignals.changed``: for a committed edit it re-reads
just the rows that changed and updates those items (an insert adds one item and
rebuilds nothing). Geometry comes from ``facilitator.board.layout.Grid``.
"""

from __future__ import annotations

from typing import Any, Hashable, Iterable

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from facilitator import board
from facilitator.document import ProcessDocument
from facilitator.board.layout import HEADER_H, HEADER_W, NOTE_H, NOTE_W, FreeSlots, Grid, cell_extent
from facilitator.i18n import _, ngettext
from facilitator.store.db import Change

from .items import GROUP_PALETTE, BoardLook, CellItem, LabelItem, NoteItem

CellKey = tuple[str, Hashable]  # (zone key, group id or None)
MARGIN = 40.0
DIM = 0.18  # opacity of notes that do not match the filter
_CHUNK = 500


class BoardScene(QGraphicsScene):
    """Items for the notes, cells and titles of one board canvas, kept in step with the file."""

    refreshed = Signal(object)  # set of note ids whose items changed (after the scene is up to date)
    structure_changed = Signal()  # lanes, zones or titles changed
    themes_changed = Signal()  # a theme was added, renamed, recoloured or removed
    closed = Signal()  # the canvas was deleted (e.g. its workshop removed)
    headers_changed = Signal(list)  # the LabelItems whose name or count changed (views pin the header row)

    def __init__(self, doc: ProcessDocument, canvas_id: str, signals: QObject | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.canvas_id = canvas_id
        self.look = BoardLook()
        self.notes: dict[str, NoteItem] = {}
        self.members: dict[CellKey, set[str]] = {}
        self.extents: dict[CellKey, tuple[float, float]] = {}
        # (zone, group id as stored) -> [free slots, next position, the file's data_version when
        # read], kept in step with inserts so adding a note never re-reads its cell (see cell_slots)
        self._slots: dict[tuple[str, str | None], list[Any]] = {}
        self.cells: dict[CellKey, CellItem] = {}
        self.lane_labels: dict[Hashable, LabelItem] = {}
        self.zone_labels: dict[str, LabelItem] = {}
        self.corner = LabelItem()
        self.corner.setZValue(1.0)
        self.addItem(self.corner)
        self.grid: Grid | None = None
        self.current: CellKey | None = None
        self.filter = board.NoteFilter()
        self.hide_unmatched = False
        self.matches = 0
        self.canvas: dict[str, Any] = {}
        self.groups: list[dict[str, Any]] = []
        self.zone_keys: list[str] = []
        self.theme_rows: list[dict[str, Any]] = []
        self.setBackgroundBrush(QColor("#E6E8E1"))
        # Notes are children of a few dozen cells, and Qt culls children by walking
        # each visible cell's subtree anyway: a BSP index over thousands of notes
        # would only add upkeep on every insert and move.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._load()
        if signals is not None:
            signals.changed.connect(self.apply_changes)

    # -- reading the model --------------------------------------------------------
    @property
    def workshop_id(self) -> str:
        return self.canvas["workshop_id"]

    @property
    def lanes(self) -> list[Hashable]:
        return [g["id"] for g in self.groups] + [None]

    def lane_of(self, row: dict[str, Any]) -> Hashable:
        gid = row.get("group_id")
        return gid if gid is not None and gid in self._group_ids else None

    def zone_label(self, key: str) -> str:
        for zone in self.canvas.get("zones", []):
            if zone["key"] == key:
                return zone["label"]
        return key or _("Sin zona")

    def group_name(self, lane: Hashable) -> str:
        for group in self.groups:
            if group["id"] == lane:
                return group["name"]
        return _("Sin grupo")

    def _load(self) -> None:
        canvas = self.doc.canvas(self.canvas_id)
        if canvas is None:
            raise KeyError(self.canvas_id)
        self.canvas = canvas
        self.groups = self.doc.groups(canvas["workshop_id"])
        self._group_ids = {g["id"] for g in self.groups}
        self.theme_rows = board.themes(self.doc, self.canvas_id)
        self.look.set_themes(self.theme_rows)
        rows = self.doc.notes(self.canvas_id)
        self.zone_keys = self._wanted_zones(rows)
        self._sync_structure()
        for row in rows:
            self._add_item(row)
        for key in self.cells:
            self._recompute_extent(key)
        self._relayout()

    def _wanted_zones(self, rows: Iterable[dict[str, Any]]) -> list[str]:
        """The canvas's zones, then any zone a note names that the canvas does not define."""
        zones = [z["key"] for z in self.canvas.get("zones", [])]
        for row in rows:
            if row["zone"] not in zones:
                zones.append(row["zone"])
        return zones or [""]

    # -- structure: cells and titles ------------------------------------------------
    def _sync_structure(self) -> None:
        """Create cells and titles for the current lanes and zones; drop those no longer wanted."""
        self._slots.clear()
        self.look.set_groups(self.groups)
        self.look.set_zones(self.zone_keys)
        wanted = {(z, lane) for z in self.zone_keys for lane in self.lanes}
        for j, zone in enumerate(self.zone_keys):
            tint = QColor("#FFFFFF") if j % 2 == 0 else QColor("#F6F7F3")
            for lane in self.lanes:
                key = (zone, lane)
                if key not in self.cells:
                    cell = CellItem(zone, lane, tint)
                    self.cells[key] = cell
                    self.members[key] = set()
                    self.extents[key] = cell_extent(())
                    self.addItem(cell)
                self.cells[key].fill = tint
        for key in [k for k in self.cells if k not in wanted]:
            fallback = (key[0] if key[0] in self.zone_keys else self.zone_keys[0], None)
            for note_id in list(self.members[key]):
                self._place(self.notes[note_id], fallback)
            self.removeItem(self.cells.pop(key))
            del self.members[key], self.extents[key]
            self._recompute_extent(fallback)
        for i, lane in enumerate(self.lanes):
            label = self.lane_labels.get(lane)
            if label is None:
                label = self.lane_labels[lane] = LabelItem()
                label.setZValue(1.0)
                self.addItem(label)
            group = next((g for g in self.groups if g["id"] == lane), None)
            label.stripe = (QColor(group["colour"] or GROUP_PALETTE[i % len(GROUP_PALETTE)]) if group
                            else QColor("#BDB76B"))
            label.update()
        for lane in [lane for lane in self.lane_labels if lane not in self.lanes]:
            self.removeItem(self.lane_labels.pop(lane))
        for zone in self.zone_keys:
            if zone not in self.zone_labels:
                label = self.zone_labels[zone] = LabelItem(QColor("#8FA3AD"))
                label.vertical_stripe = False
                label.setZValue(1.0)
                self.addItem(label)
        for zone in [z for z in self.zone_labels if z not in self.zone_keys]:
            self.removeItem(self.zone_labels.pop(zone))
        if self.current is not None and self.current not in self.cells:
            self.current = None
        if self.corner.set_text(self.canvas.get("title", ""), ""):
            self.headers_changed.emit([self.corner])
        self.structure_changed.emit()

    def _relayout(self) -> None:
        """Place cells and titles for the current extents (cheap: no note item moves)."""
        grid = Grid.build(self.zone_keys, self.lanes, self.extents)
        if grid != self.grid:
            self.grid = grid
            for (zone, lane), cell in self.cells.items():
                x, y, w, h = grid.cell_rect(zone, lane)
                cell.setPos(x, y)
                cell.set_size(w, h)
            for lane, label in self.lane_labels.items():
                _x, y, _w, h = grid.cell_rect(self.zone_keys[0], lane)
                label.setPos(0.0, y)
                label.set_size(HEADER_W, h)
            for zone, label in self.zone_labels.items():
                x, _y, w, _h = grid.cell_rect(zone, self.lanes[0])
                label.setPos(x, 0.0)
                label.set_size(w, HEADER_H)
            self.corner.set_size(HEADER_W, HEADER_H)
            self.setSceneRect(QRectF(-MARGIN, -MARGIN, grid.width + 2 * MARGIN, grid.height + 2 * MARGIN))
        self._update_counts()

    def _update_counts(self) -> None:
        changed = []
        for lane, label in self.lane_labels.items():
            n = sum(len(self.members[(z, lane)]) for z in self.zone_keys)
            if label.set_text(self.group_name(lane), ngettext("{n} nota", "{n} notas", n)):
                changed.append(label)
        for zone, label in self.zone_labels.items():
            n = sum(len(self.members[(zone, lane)]) for lane in self.lanes)
            if label.set_text(self.zone_label(zone), ngettext("{n} nota", "{n} notas", n)):
                changed.append(label)
        if changed:
            self.headers_changed.emit(changed)

    # -- notes ----------------------------------------------------------------------
    def _add_item(self, row: dict[str, Any]) -> NoteItem:
        item = NoteItem(row, self.look)
        self.notes[row["id"]] = item
        self._place(item, (row["zone"], self.lane_of(row)))
        self._apply_filter(item)
        return item

    def _place(self, item: NoteItem, key: CellKey) -> None:
        old = getattr(item, "cell_key", None)
        if old != key:
            if old is not None and old in self.members:
                self.members[old].discard(item.note_id)
            self.members[key].add(item.note_id)
            item.cell_key = key  # type: ignore[attr-defined]
            item.setParentItem(self.cells[key])
        pos = QPointF(item.row["x"], item.row["y"])
        if item.pos() != pos:
            item.setPos(pos)

    def _remove_item(self, note_id: str) -> CellKey | None:
        item = self.notes.pop(note_id, None)
        if item is None:
            return None
        key = item.cell_key  # type: ignore[attr-defined]
        self.members[key].discard(note_id)
        self.removeItem(item)
        return key

    def _recompute_extent(self, key: CellKey) -> None:
        self.extents[key] = cell_extent((self.notes[i].row["x"], self.notes[i].row["y"]) for i in self.members[key])

    def _rows(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for row in self.doc.store.query(f"SELECT * FROM note WHERE id IN ({marks})", chunk):
                rows[row["id"]] = row
        return rows

    # -- following the file --------------------------------------------------------------
    def apply_changes(self, changes: list[Change]) -> None:
        """Bring the items in step with a committed edit, touching only what it changed."""
        tables = {c.table for c in changes}
        structure = False
        if "canvas" in tables and any(c.table == "canvas" and c.id == self.canvas_id for c in changes):
            canvas = self.doc.canvas(self.canvas_id)
            if canvas is None:
                self.clear_board()
                return
            structure = canvas != self.canvas
            self.canvas = canvas
        if "workgroup" in tables:
            groups = self.doc.groups(self.workshop_id)
            if groups != self.groups:
                self.groups = groups
                self._group_ids = {g["id"] for g in groups}
                structure = True
        repaint_all = False
        if "theme" in tables:
            rows = board.themes(self.doc, self.canvas_id)
            if rows != self.theme_rows:
                self.theme_rows = rows
                self.look.set_themes(rows)
                repaint_all = True
        note_ids = list(dict.fromkeys(c.id for c in changes if c.table == "note"))
        rows = self._rows(note_ids) if note_ids else {}
        mine = {i: r for i, r in rows.items() if r["canvas_id"] == self.canvas_id}
        if any(r["zone"] not in self.zone_keys for r in mine.values()):
            self.zone_keys = self._wanted_zones(list(mine.values()) + [i.row for i in self.notes.values()])
            structure = True
        if structure:
            self._sync_structure()
        touched: set[CellKey] = set()
        changed: set[str] = set()
        for note_id in note_ids:
            row = mine.get(note_id)
            item = self.notes.get(note_id)
            if item is not None:  # moved, edited or deleted: its cell's free slots are read again when needed
                self._slots.pop((item.row["zone"], item.row["group_id"]), None)
            if row is None:
                key = self._remove_item(note_id)
                if key is not None:
                    touched.add(key)
                    changed.add(note_id)
                continue
            changed.add(note_id)
            key = (row["zone"], self.lane_of(row))
            if item is None:
                self._add_item(row)
                slots = self._slots.get((row["zone"], row["group_id"]))
                if slots is not None:
                    slots[0].block(row["x"], row["y"])
                    slots[1] = max(slots[1], row["position"] + 1)
                width, height = cell_extent([(row["x"], row["y"])])
                old_w, old_h = self.extents[key]
                self.extents[key] = (max(old_w, width), max(old_h, height))
                continue
            touched.add(item.cell_key)  # type: ignore[attr-defined]
            self._slots.pop((row["zone"], row["group_id"]), None)
            item.set_row(row)
            self._place(item, key)
            self._apply_filter(item)
            touched.add(key)
        if structure:  # lanes may have been folded into "Sin grupo"
            for item in self.notes.values():
                key = (item.row["zone"], self.lane_of(item.row))
                if key != item.cell_key:  # type: ignore[attr-defined]
                    touched.update({key, item.cell_key})  # type: ignore[attr-defined]
                    self._place(item, key)
            touched.update(self.cells)
        for key in touched:
            if key in self.cells:
                self._recompute_extent(key)
        if repaint_all or structure:
            for item in self.notes.values():
                item.update()
        if changed or structure:
            self._relayout()
        if self.filter.active and (changed or repaint_all):
            self.matches = sum(1 for i in self.notes.values() if self.filter.matches(i.row))
        if changed or repaint_all:
            self.refreshed.emit(changed)
        if repaint_all:
            self.themes_changed.emit()

    def clear_board(self) -> None:
        """The canvas is gone: show nothing and tell the views."""
        for note_id in list(self.notes):
            self._remove_item(note_id)
        self.clear()
        self._slots.clear()
        self.cells.clear()
        self.lane_labels.clear()
        self.zone_labels.clear()
        self.closed.emit()

    def resync(self, note_ids: Iterable[str]) -> None:
        """Put items back where the file says they are (after a refused or empty drag)."""
        rows = self._rows(list(note_ids))
        for note_id, row in rows.items():
            item = self.notes.get(note_id)
            if item is not None:
                item.set_row(row)
                self._place(item, (row["zone"], self.lane_of(row)))

    # -- for views, tools and panels ------------------------------------------------------
    def cell_slots(self, zone: str, group_id: str | None) -> tuple[FreeSlots, float]:
        """Free slots and next position among the notes stored with this zone and group.

        What ``board.add_notes`` would read from the file (it takes this instead: typing
        into a cell of a thousand notes costs no query and no pass over them). Read from
        the file once per cell, then kept in step as this file's edits insert notes; a
        move, edit or delete in the cell drops it, to be read again when next needed.
        It is read again too when another connection has committed since (the capture
        server's phones write on their own and the board hears of it only a moment
        later): a typed note never lands on a note the board has not drawn yet.
        """
        key = (zone, group_id)
        version = self.doc.store.data_version()  # before reading: a commit in between is caught next time
        slots = self._slots.get(key)
        if slots is None or slots[2] != version:
            slots = self._slots[key] = [*board.cell_slots(self.doc, self.canvas_id, zone, group_id), version]
        return slots[0], slots[1]

    def next_slot_rect(self, zone: str, group_id: str | None) -> QRectF | None:
        """Where the next note added to this cell will land (scene coordinates)."""
        key = (zone, group_id if group_id in self._group_ids else None)
        if self.grid is None or key not in self.cells:
            return None
        x, y = self.cell_slots(zone, group_id)[0].peek()
        return QRectF(self.cell_origin(key) + QPointF(x, y), QSizeF(NOTE_W, NOTE_H))

    def cell_at(self, point: QPointF) -> CellKey | None:
        return self.grid.cell_at(point.x(), point.y()) if self.grid else None

    def cell_origin(self, key: CellKey) -> QPointF:
        x, y, _w, _h = self.grid.cell_rect(*key)
        return QPointF(x, y)

    def cell_rect(self, key: CellKey) -> QRectF:
        return QRectF(*self.grid.cell_rect(*key))

    def note_scene_rect(self, note_id: str) -> QRectF | None:
        item = self.notes.get(note_id)
        return item.sceneBoundingRect() if item is not None else None

    def set_current_cell(self, zone: str, lane: Hashable) -> None:
        key = (zone, lane)
        if self.current in self.cells:
            self.cells[self.current].set_current(False)
        self.current = key if key in self.cells else None
        if self.current is not None:
            self.cells[self.current].set_current(True)

    def _order_key(self, item: NoteItem) -> tuple:
        zone, lane = item.cell_key  # type: ignore[attr-defined]
        lanes = self.lanes
        return (lanes.index(lane) if lane in lanes else len(lanes),
                self.zone_keys.index(zone) if zone in self.zone_keys else 0, item.row["position"])

    def selected_ids(self) -> list[str]:
        """Selected notes in board order (lane, zone, position)."""
        items = [i for i in self.selectedItems() if isinstance(i, NoteItem)]
        return [i.note_id for i in sorted(items, key=self._order_key)]

    def select_ids(self, note_ids: Iterable[str]) -> None:
        self.clearSelection()
        for note_id in note_ids:
            item = self.notes.get(note_id)
            if item is not None:
                item.setSelected(True)

    def set_colour_by(self, mode: str) -> None:
        if mode != self.look.colour_by:
            self.look.colour_by = mode
            for item in self.notes.values():
                item.update()

    def set_filter(self, note_filter: board.NoteFilter, hide_unmatched: bool = False) -> int:
        """Dim (or hide) the notes the filter rejects; returns how many match."""
        self.filter = note_filter
        self.hide_unmatched = hide_unmatched
        self.matches = 0
        for item in self.notes.values():
            self.matches += self._apply_filter(item)
        return self.matches

    def _apply_filter(self, item: NoteItem) -> bool:
        ok = not self.filter.active or self.filter.matches(item.row)
        item.setOpacity(1.0 if ok else DIM)
        item.setVisible(ok or not self.hide_unmatched)
        return ok

    def matching_ids(self) -> list[str]:
        items = [i for i in self.notes.values() if not self.filter.active or self.filter.matches(i.row)]
        return [i.note_id for i in sorted(items, key=self._order_key)]

    def board_rect(self) -> QRectF:
        """The area of headers and cells (what "fit to view" shows)."""
        if self.grid is None:
            return QRectF(0.0, 0.0, HEADER_W, HEADER_H)
        return QRectF(0.0, 0.0, self.grid.width, self.grid.height)

