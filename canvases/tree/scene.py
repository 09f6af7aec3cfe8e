"""TreeScene: one problem tree (or objective tree) of the process file, drawn as a tree.

The store holds the structure (notes and links); this scene mirrors it and asks
``facilitator.tree.layout`` where each box goes, so positions are never stored.
It follows ``DocumentSignals.changed`` incrementally: a new text or mark repaints
one box; an added or removed idea or arrow re-runs the layout (a few
milliseconds for hundreds of ideas) and the boxes glide to their new places.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QRectF, QVariantAnimation, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from facilitator import tree
from facilitator.document import ProcessDocument
from facilitator.i18n import _
from facilitator.store.db import Change

from .items import ArrowItem, NodeItem, RowBand, TreeLook, role_of

ANIMATION_MS = 220
MARGIN = 30.0
_CHUNK = 500


class TreeScene(QGraphicsScene):
    """Boxes, arrows and row bands of one tree canvas, kept in step with the file."""

    refreshed = Signal(object)  # set of note/link ids whose items changed (after the scene is up to date)
    relaid_out = Signal()  # the boxes have new places (the tree's extent may have changed)
    closed = Signal()  # the canvas was deleted

    def __init__(self, doc: ProcessDocument, canvas_id: str, signals: QObject | None = None,
                 look: TreeLook | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.canvas_id = canvas_id
        self.look = look or TreeLook()
        self.canvas: dict[str, Any] = {}
        self.nodes: dict[str, NodeItem] = {}
        self.arrows: dict[str, ArrowItem] = {}
        self.bands: dict[int, RowBand] = {}
        self.levels: dict[str, int] = {}
        self.targets: dict[str, QPointF] = {}
        self.animate = True
        self._start: dict[str, QPointF] = {}
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(ANIMATION_MS)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._step)
        self.setBackgroundBrush(QColor("#F4F5F1"))
        self._load()
        if signals is not None:
            signals.changed.connect(self.apply_changes)

    # -- reading the model -----------------------------------------------------------------
    @property
    def objectives(self) -> bool:
        return self.canvas.get("variant") == tree.OBJECTIVES

    def zone_label(self, role: str) -> str:
        key = tree.zone_roles(self.canvas)[role]
        for zone in self.canvas.get("zones", []):
            if zone.get("key") == key:
                return zone.get("label") or key
        defaults = {"trunk": _("Objetivo central") if self.objectives else _("Problema central"),
                    "cause": _("Medios") if self.objectives else _("Causas"),
                    "effect": _("Fines") if self.objectives else _("Efectos")}
        return defaults[role]

    def level_detail(self, level: int) -> str:
        """The muted line under a row's title: which part of the tree it is (in the Guía Práctica's words)."""
        if self.objectives:
            if level < 0:
                return _("directos") if level == -1 else _("de fondo")
            if level > 0:
                return _("inmediatos") if level == 1 else _("a largo plazo")
            return ""
        if level < 0:
            return _("Raíces · directas") if level == -1 else _("Raíces · de fondo")
        if level > 0:
            return _("Ramas · inmediatos") if level == 1 else _("Ramas · a largo plazo")
        return _("Tronco")

    def note_rows(self) -> list[dict[str, Any]]:
        """The nodes' rows in manual order (what the layout breaks ties with)."""
        return sorted((i.row for i in self.nodes.values()), key=lambda r: (r["position"], r["created_at"], r["id"]))

    def link_rows(self) -> list[dict[str, Any]]:
        return sorted((a.row for a in self.arrows.values()), key=lambda r: (r["created_at"], r["id"]))

    def _load(self) -> None:
        canvas = self.doc.canvas(self.canvas_id)
        if canvas is None:
            raise KeyError(self.canvas_id)
        self.canvas = canvas
        self.look.objectives = self.objectives
        for row in self.doc.notes(self.canvas_id):
            self._add_node(row)
        for row in tree.arrows(self.doc, self.canvas_id):
            self._add_arrow(row)
        self.relayout(animate=False)

    def _add_node(self, row: dict[str, Any]) -> NodeItem:
        item = NodeItem(row, 0, self.look)
        item.placed = False  # type: ignore[attr-defined]  # not yet at a layout position
        self.nodes[row["id"]] = item
        self.addItem(item)
        return item

    def _add_arrow(self, row: dict[str, Any]) -> ArrowItem:
        item = ArrowItem(row)
        self.arrows[row["id"]] = item
        self.addItem(item)
        return item

    def _remove(self, items: dict[str, Any], item_id: str) -> bool:
        item = items.pop(item_id, None)
        if item is None:
            return False
        self.removeItem(item)
        return True

    # -- layout ------------------------------------------------------------------------------
    def relayout(self, animate: bool = True) -> None:
        """Place every box where ``tree.layout`` says; moved boxes glide there unless ``animate`` is off."""
        look = self.look
        rows, links = self.note_rows(), self.link_rows()
        self.levels = tree.levels(rows, links)
        places = tree.layout(rows, links, node_w=look.node_w, node_h=look.node_h, gap_x=look.gap_x,
                             gap_y=look.gap_y)
        # The scene always shows an effects row (empty while the room starts with causes, as the
        # script does); the pure layout starts at its highest filled row, so move the boxes down to it.
        filled_top = max(max(self.levels.values(), default=0), 0)
        shift = (max(filled_top, 1) - filled_top) * (look.node_h + look.gap_y)
        if shift:
            places = {note_id: (x, y + shift) for note_id, (x, y) in places.items()}
        for note_id, item in self.nodes.items():
            item.set_row(item.row, self.levels[note_id])
        self.targets = {note_id: QPointF(*xy) for note_id, xy in places.items()}
        self._update_bands()
        self._animation.stop()
        self._start = {}
        for note_id, item in self.nodes.items():
            target = self.targets[note_id]
            if animate and self.animate and item.placed and item.pos() != target:  # type: ignore[attr-defined]
                self._start[note_id] = item.pos()
            else:
                item.setPos(target)
                item.placed = True  # type: ignore[attr-defined]
        self._update_arrows(self.arrows.values())
        if self._start:
            self._animation.start()
        self.relaid_out.emit()

    def set_box_size(self, node_w: float, node_h: float, gap_y: float) -> None:
        """Boxes of another shape, rows another distance apart (to fit a tall window): all placed again."""
        look = self.look
        if (look.node_w, look.node_h, look.gap_y) == (node_w, node_h, gap_y):
            return
        look.node_w, look.node_h, look.gap_y = node_w, node_h, gap_y
        for item in self.nodes.values():
            item.reshape()
        self.relayout(animate=False)

    def _step(self, t: float) -> None:
        moving = set(self._start)
        for note_id, start in self._start.items():
            item, target = self.nodes.get(note_id), self.targets.get(note_id)
            if item is not None and target is not None:
                item.setPos(start + (target - start) * float(t))
        self._update_arrows(a for a in self.arrows.values()
                            if a.row["source_id"] in moving or a.row["target_id"] in moving)

    def settle(self) -> None:
        """Finish a running glide at once (tests, screenshots, exports)."""
        if self._animation.state() == QVariantAnimation.State.Running:
            self._animation.stop()
        self._step(1.0)
        self._start = {}

    def node_rect(self, note_id: str, final: bool = True) -> QRectF | None:
        """A box in scene coordinates: where it is going (``final``) or where it is now."""
        item = self.nodes.get(note_id)
        if item is None:
            return None
        pos = self.targets.get(note_id, item.pos()) if final else item.pos()
        return QRectF(pos.x(), pos.y(), self.look.node_w, self.look.node_h)

    def _update_arrows(self, arrows: Iterable[ArrowItem]) -> None:
        for arrow in arrows:
            a, b = arrow.row["source_id"], arrow.row["target_id"]
            ok = a in self.nodes and b in self.nodes and a != b
            arrow.setVisible(ok)
            if ok:
                arrow.set_ends(self.node_rect(a, final=False), self.node_rect(b, final=False))

    def _update_bands(self) -> None:
        look = self.look
        present = set(self.levels.values()) | {-1, 0, 1}
        low, high = min(present), max(present)
        right = max((p.x() for p in self.targets.values()), default=0.0) + look.node_w
        right = max(right, 3 * look.node_w + 2 * look.gap_x)
        wanted = range(low, high + 1)
        titles = {lv: (self.zone_label(role_of(lv)), self.level_detail(lv)) for lv in wanted}
        needed = max(max(look.metrics["title"].horizontalAdvance(t), look.metrics["detail"].horizontalAdvance(d))
                     for t, d in titles.values()) + 30.0
        label_w = min(look.max_label_w, max(look.label_w, needed))
        left = -label_w - MARGIN
        for level in [lv for lv in self.bands if lv not in wanted]:
            self.removeItem(self.bands.pop(level))
        for level in wanted:
            band = self.bands.get(level)
            if band is None:
                band = self.bands[level] = RowBand(look)
                self.addItem(band)
            role = role_of(level)
            top = tree.row_top(level, high, node_h=look.node_h, gap_y=look.gap_y) - look.gap_y / 2.0
            band.set_band(QRectF(left, top, right - left + MARGIN, look.node_h + look.gap_y), look.band(role),
                          *titles[level], label_w)
        self.setSceneRect(self.tree_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def tree_rect(self) -> QRectF:
        """The rows and their titles: what "fit to window" shows."""
        rect = QRectF()
        for band in self.bands.values():
            rect = rect.united(band.rect())
        return rect

    # -- following the file ----------------------------------------------------------------------
    def _rows(self, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for row in self.doc.store.query(f'SELECT * FROM "{table}" WHERE id IN ({marks})', chunk):
                rows[row["id"]] = row
        return rows

    def apply_changes(self, changes: list[Change]) -> None:
        """Bring the items in step with a committed edit: repaint a box, or lay the tree out again."""
        structure = False
        if any(c.table == "canvas" and c.id == self.canvas_id for c in changes):
            canvas = self.doc.canvas(self.canvas_id)
            if canvas is None:
                self.clear_tree()
                return
            structure = canvas != self.canvas
            self.canvas = canvas
        changed: set[str] = set()
        note_ids = list(dict.fromkeys(c.id for c in changes if c.table == "note"))
        rows = self._rows("note", note_ids) if note_ids else {}
        for note_id in note_ids:
            row = rows.get(note_id)
            mine = row is not None and row["canvas_id"] == self.canvas_id
            item = self.nodes.get(note_id)
            if not mine:
                if self._remove(self.nodes, note_id):
                    structure = True
                    changed.add(note_id)
                continue
            changed.add(note_id)
            if item is None:
                self._add_node(row)
                structure = True
                continue
            if (item.row["zone"], item.row["position"]) != (row["zone"], row["position"]):
                structure = True
            item.set_row(row, item.level)
        link_ids = list(dict.fromkeys(c.id for c in changes if c.table == "link"))
        rows = self._rows("link", link_ids) if link_ids else {}
        for link_id in link_ids:
            row = rows.get(link_id)
            arrow = self.arrows.get(link_id)
            if row is None or row["canvas_id"] != self.canvas_id:
                if self._remove(self.arrows, link_id):
                    structure = True
                    changed.add(link_id)
                continue
            changed.add(link_id)
            if arrow is None:
                self._add_arrow(row)
            else:
                arrow.row = row
            structure = True
        if structure:
            self.relayout(animate=True)
        if changed or structure:
            self.refreshed.emit(changed)

    def clear_tree(self) -> None:
        """The canvas is gone: show nothing and tell the views."""
        self._animation.stop()
        self.clear()
        self.nodes.clear()
        self.arrows.clear()
        self.bands.clear()
        self.closed.emit()

    # -- for views and panels ----------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        """Selected boxes from the top row down, left to right."""
        items = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
        return [i.note_id for i in sorted(items, key=lambda i: (-i.level, i.pos().x()))]

    def selected_arrow_ids(self) -> list[str]:
        return [i.link_id for i in self.selectedItems() if isinstance(i, ArrowItem)]

    def select_ids(self, ids: Iterable[str]) -> None:
        self.clearSelection()
        for item_id in ids:
            item = self.nodes.get(item_id) or self.arrows.get(item_id)
            if item is not None:
                item.setSelected(True)

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem) and item.box().contains(item.mapFromScene(pos)):
                return item
        return None
