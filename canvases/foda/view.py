"""The FODA matrix for the room: a read-only, self-fitting 2x2 that follows the file live.

Painted rather than built from labels, so one type size can be chosen for the
whole matrix: the largest that lets every quadrant show all its notes (between
a floor that stays legible at the back of the room and a cap that keeps short
lists calm). If even the floor is too big, a quadrant shows what fits and says
how many more there are. The cross strategies appear beside the matrix once
the plenary has written any. Text is drawn with ``drawText`` on a plain string:
what a participant typed is never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from facilitator import foda
from facilitator.document import ProcessDocument
from facilitator.i18n import _, ngettext
from facilitator.store.db import Change
from qtshared.widgets import window_keys

from .look import INK, MUTED, PAPER, group_colour, strong, text_on, tint

TABLES = {"note", "canvas", "workgroup", "workshop"}


@dataclass
class Box:
    """One quadrant as laid out: where it is, its header, and which notes fit in it."""

    zone: str
    rect: QRectF
    label: str
    notes: list[dict[str, Any]]
    shown: int = 0
    px: int = 16
    heights: list[float] = field(default_factory=list)


class FodaProjection(QWidget):
    def __init__(self, doc: ProcessDocument, canvas_id: str, signals: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.canvas_id = canvas_id
        self.canvas: dict[str, Any] | None = None
        self.zones: dict[str | None, list[dict[str, Any]]] = foda.by_zone([])
        self.boxes: list[Box] = []
        self.note_px = 16
        self.setMinimumSize(320, 200)
        self.setAccessibleName(_("Matriz FODA"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.reload()
        if signals is not None:
            signals.changed.connect(self._changed)

    # -- the model ---------------------------------------------------------------------
    def reload(self) -> None:
        self.canvas = self.doc.canvas(self.canvas_id)
        self.zones = foda.by_zone(foda.matrix_notes(self.doc, self.canvas_id) if self.canvas else [])
        self._layout()
        self.update()

    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & TABLES:
            self.reload()

    @property
    def with_strategies(self) -> bool:
        return any(self.zones[key] for key in foda.STRATEGY_KEYS)

    def shown_texts(self) -> list[str]:
        """The note texts on the wall now, quadrant by quadrant."""
        return [n["text"] for box in self.boxes for n in box.notes[:box.shown]]

    # -- geometry -----------------------------------------------------------------------------
    def _px(self, factor: float, floor: int = 11) -> int:
        return max(floor, round(min(self.height(), self.width() * 9 / 16) * factor))

    def _font(self, px: int, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, px))
        font.setBold(bold)
        return font

    def _frames(self) -> tuple[QRectF, QRectF, QRectF | None, QRectF]:
        """Title, matrix and (optional) strategies areas, and the legend line."""
        w, h = float(self.width()), float(self.height())
        m = self._px(0.025, 6)
        title_h = self._px(0.07, 20)
        legend_h = self._px(0.045, 16)
        title = QRectF(m, m * 0.6, w - 2 * m, title_h)
        body = QRectF(m, title.bottom() + m * 0.4, w - 2 * m, h - title.bottom() - m * 1.4 - legend_h)
        legend = QRectF(m, body.bottom() + m * 0.4, w - 2 * m, legend_h)
        if not self.with_strategies:
            return title, body, None, legend
        split = body.width() * 0.62
        return (title, QRectF(body.left(), body.top(), split - m / 2, body.height()),
                QRectF(body.left() + split + m / 2, body.top(), body.width() - split - m / 2, body.height()), legend)

    def _grid(self, area: QRectF, keys: tuple[str, ...], head: float, side: float) -> list[Box]:
        gap = max(4.0, area.width() * 0.008)
        cell_w = (area.width() - side - gap) / 2
        cell_h = (area.height() - head - gap) / 2
        boxes = []
        for n, key in enumerate(keys):
            col, row = n % 2, n // 2
            rect = QRectF(area.left() + side + col * (cell_w + gap), area.top() + head + row * (cell_h + gap),
                          cell_w, cell_h)
            boxes.append(Box(key, rect, foda.zone_label(self.canvas, key), self.zones[key]))
        return boxes

    def _header_h(self) -> float:
        return QFontMetricsF(self._font(self._px(0.036), True)).height() * 1.35

    def _explanation_h(self, box: Box) -> float:
        """Height of a strategy's one-line explanation under its header (0 for a quadrant)."""
        strategy = foda.strategy(box.zone)
        if strategy is None:
            return 0.0
        width = box.rect.width() - 2 * self._px(0.012, 4)
        metrics = QFontMetricsF(self._font(self._px(0.026)))
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt.TextFlag.TextWordWrap,
                                    _(strategy.explanation)).height()

    def _body(self, box: Box) -> QRectF:
        pad = self._px(0.012, 4)
        top = self._header_h() + pad * 0.6 + (self._explanation_h(box) + pad * 0.6 if box.zone in foda.STRATEGY_KEYS
                                              else 0.0)
        return box.rect.adjusted(pad, top, -pad, -pad)

    def _fit(self, box: Box, px: int) -> bool:
        """Whether ``box`` shows all its notes at ``px``; records its size, heights and count as it goes."""
        metrics = QFontMetricsF(self._font(px))
        indent, spacing = px * 1.1, px * 0.45
        body = self._body(box)
        width = max(20.0, body.width() - indent)
        more = metrics.height() + spacing  # room kept for "y N más…"
        used, box.px, box.heights, box.shown = 0.0, px, [], 0
        for n, note in enumerate(box.notes):
            height = metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt.TextFlag.TextWordWrap, note["text"]).height()
            if used + height > body.height() - (more if n < len(box.notes) - 1 else 0.0):
                return False
            box.heights.append(height)
            used += height + spacing
            box.shown += 1
        return True

    @staticmethod
    def _largest(low: int, high: int, fits) -> int:
        """The largest size in [low, high] for which ``fits(size)`` holds (``low`` if none does)."""
        while low < high:
            mid = (low + high + 1) // 2
            if fits(mid):
                low = mid
            else:
                high = mid - 1
        return low

    def _layout(self) -> None:
        """One type size for the whole wall; only a quadrant that cannot hold its notes at a comfortable size
        goes smaller (down to the floor, then it shows what fits)."""
        if self.canvas is None or self.width() < 10 or self.height() < 10:
            self.boxes = []
            return
        _title, matrix, strategies, _legend = self._frames()
        head = QFontMetricsF(self._font(self._px(0.03), True)).height() * 1.3
        self.boxes = self._grid(matrix, foda.QUADRANT_KEYS, head, head)
        if strategies is not None:
            self.boxes += self._grid(strategies, foda.STRATEGY_KEYS, head, 0.0)
        floor, comfortable, cap = self._px(0.022, 11), self._px(0.026, 12), self._px(0.05, 14)
        shared = max(comfortable, self._largest(floor, cap, lambda px: all([self._fit(b, px) for b in self.boxes])))
        for box in self.boxes:
            if not self._fit(box, shared):
                self._fit(box, self._largest(floor, shared, lambda px, b=box: self._fit(b, px)))
        self.note_px = min((b.px for b in self.boxes), default=shared)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._layout()

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), PAPER)
        if self.canvas is None:
            painter.setPen(MUTED)
            painter.setFont(self._font(self._px(0.04)))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             _("Este lienzo ya no existe."))
            return
        title, matrix, strategies, legend = self._frames()
        painter.setPen(INK)
        painter.setFont(self._font(self._px(0.05, 18), True))
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                         self.canvas.get("title") or _("Matriz FODA"))
        self._paint_axes(painter, matrix)
        if strategies is not None:
            self._paint_strategy_heading(painter, strategies)
        for box in self.boxes:
            self._paint_box(painter, box)
        self._paint_legend(painter, legend)

    def _paint_axes(self, painter: QPainter, area: QRectF) -> None:
        font = self._font(self._px(0.03), True)
        head = QFontMetricsF(font).height() * 1.3
        painter.setFont(font)
        painter.setPen(MUTED)
        for n, label in enumerate((foda.POSITIVE, foda.NEGATIVE)):
            rect = self.boxes[n].rect
            painter.drawText(QRectF(rect.left(), area.top(), rect.width(), head), Qt.AlignmentFlag.AlignCenter,
                             _(label).upper())
        for n, label in enumerate((foda.INTERNAL, foda.EXTERNAL)):
            rect = self.boxes[2 * n].rect
            painter.save()
            painter.translate(area.left() + head / 2, rect.center().y())
            painter.rotate(-90)
            painter.drawText(QRectF(-rect.height() / 2, -head / 2, rect.height(), head), Qt.AlignmentFlag.AlignCenter,
                             _(label).upper())
            painter.restore()

    def _paint_strategy_heading(self, painter: QPainter, area: QRectF) -> None:
        font = self._font(self._px(0.03), True)
        painter.setFont(font)
        painter.setPen(MUTED)
        head = QFontMetricsF(font).height() * 1.3
        painter.drawText(QRectF(area.left(), area.top(), area.width(), head), Qt.AlignmentFlag.AlignCenter,
                         _("Estrategias cruzadas").upper())

    def _paint_box(self, painter: QPainter, box: Box) -> None:
        colour = strong(box.zone)
        painter.setPen(QPen(colour, 2))
        painter.setBrush(tint(box.zone, 0.88))
        radius = self._px(0.01, 4)
        painter.drawRoundedRect(box.rect, radius, radius)
        header = QRectF(box.rect.left(), box.rect.top(), box.rect.width(), self._header_h())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(header, radius, radius)
        painter.drawRect(header.adjusted(0, radius, 0, 0))
        pad = self._px(0.012, 4)
        painter.setPen(text_on(colour))
        painter.setFont(self._font(self._px(0.036), True))
        strategy = foda.strategy(box.zone)
        label = _(strategy.code) if strategy else box.label
        count = f"  ({len(box.notes)})" if box.notes else ""
        metrics = QFontMetricsF(painter.font())
        room = header.width() - 2 * pad
        shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room - metrics.horizontalAdvance(count))
        painter.drawText(header.adjusted(pad, 0, -pad, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                         shown + count)

        body = self._body(box)
        if strategy:
            painter.setPen(MUTED)
            painter.setFont(self._font(self._px(0.026), False))
            painter.drawText(QRectF(box.rect.left() + pad, header.bottom() + pad * 0.4, box.rect.width() - 2 * pad,
                                    self._explanation_h(box)), Qt.TextFlag.TextWordWrap, _(strategy.explanation))
        px = box.px
        font = self._font(px)
        painter.setFont(font)
        indent = px * 1.1
        spacing = px * 0.45
        y = body.top()
        line = QFontMetricsF(font).height()
        for note, height in zip(box.notes[:box.shown], box.heights):
            dot = group_colour(note["group_colour"], note["group_position"])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(dot)
            painter.drawEllipse(QPointF(body.left() + px * 0.4, y + line / 2), px * 0.28, px * 0.28)
            painter.setPen(INK)
            painter.drawText(QRectF(body.left() + indent, y, body.width() - indent, height),
                             Qt.TextFlag.TextWordWrap, note["text"])
            y += height + spacing
        hidden = len(box.notes) - box.shown
        if hidden:
            painter.setPen(MUTED)
            painter.drawText(QRectF(body.left() + indent, y, body.width() - indent, line),
                             Qt.TextFlag.TextSingleLine, ngettext("y {n} más…", "y {n} más…", hidden))
        elif not box.notes:
            painter.setPen(MUTED)
            painter.drawText(body, Qt.AlignmentFlag.AlignCenter, "—")

    def _paint_legend(self, painter: QPainter, area: QRectF) -> None:
        groups: dict[str, tuple[str, QColor]] = {}
        for box in self.boxes:
            for note in box.notes:
                if note["group_id"] is not None and note["group_name"]:
                    groups.setdefault(note["group_id"], (note["group_name"],
                                                         group_colour(note["group_colour"], note["group_position"])))
        if not groups:
            return
        font = self._font(self._px(0.028))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        x, r = area.left(), metrics.height() * 0.28
        for name, colour in groups.values():
            width = metrics.horizontalAdvance(name)
            if x + 3 * r + width > area.right():
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(x + r, area.center().y()), r, r)
            painter.setPen(MUTED)
            painter.drawText(QRectF(x + 3 * r, area.top(), width + 2, area.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine, name)
            x += 3 * r + width + metrics.height()

    # -- as a window of its own ---------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        """Shown on its own (the tab's "Proyectar"): Esc leaves full screen, then closes; F11 toggles it."""
        if not window_keys(self, event):
            super().keyPressEvent(event)


def projector_view(ctx: Any, canvas_row: dict[str, Any]) -> QWidget:
    """A read-only FODA matrix for the projector, following ``ctx.signals`` (registered in canvases.registry)."""
    return FodaProjection(ctx.doc, canvas_row["id"], ctx.signals)
