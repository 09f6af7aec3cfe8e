"""*Lienzo en grande* for note canvases: one zone of one group at a time, in type the back row reads.

The pages come from ``session.pages``; the type is ``MIN_TEXT`` of the screen's
height, never smaller, so a canvas with more notes than fit gets more pages, not
smaller notes. ↑/↓ page by hand; the facilitator can let the pages turn by
themselves (``A`` on the projector). The page follows the file live.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ...domain.zones import read_zones
from ...i18n import _
from ...session.pages import MIN_TEXT, Page, grid, pages
from .run_widgets import BG, FG, MUTED

if TYPE_CHECKING:
    from qtshared.context import WorkshopContext

ROTATE_MS = 12000  # a page every 12 s when the pages turn by themselves
CARD_BG = "#FFF4B8"
CARD_FG = "#1F2328"


class NotesPager(QWidget):
    def __init__(self, ctx: "WorkshopContext", canvas: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.canvas_id = canvas["id"]
        self.index = 0
        self.pages: list[Page] = []
        self.rotate = QTimer(self)
        self.rotate.setInterval(ROTATE_MS)
        self.rotate.timeout.connect(lambda: self.turn(1))
        ctx.signals.changed.connect(self._changed)
        self.reload()

    # -- what is shown --------------------------------------------------------------------------
    def text_px(self) -> int:
        """The notes' type: ``MIN_TEXT`` of the projector window's height."""
        return max(12, round(self.window().height() * MIN_TEXT))

    def _head_px(self) -> int:
        return round(self.text_px() * 1.15)

    def per_page(self) -> int:
        cols, rows = grid(self.width(), max(1, self.height() - 2 * self._head_px()), self.text_px())
        return cols * rows

    def reload(self) -> None:
        canvas = self.ctx.doc.canvas(self.canvas_id)
        if canvas is None:
            self.pages = []
            self.update()
            return
        zones = canvas["zones"] if isinstance(canvas["zones"], list) else read_zones(canvas["zones"])
        found = pages(self.ctx.doc.notes(self.canvas_id), zones, self.ctx.doc.groups(canvas["workshop_id"]),
                      self.per_page(), no_group=_("Sin grupo"))
        current = self.pages[self.index] if 0 <= self.index < len(self.pages) else None
        self.pages = found
        if current is not None:  # stay on the same zone and group when a note is added
            same = [i for i, p in enumerate(found) if (p.zone, p.group, p.part) == (current.zone, current.group,
                                                                                   current.part)]
            self.index = same[0] if same else min(self.index, max(0, len(found) - 1))
        self.update()

    def page(self) -> Page | None:
        return self.pages[self.index] if 0 <= self.index < len(self.pages) else None

    def turn(self, step: int) -> None:
        if self.pages:
            self.index = (self.index + step) % len(self.pages)
            self.update()

    def set_zone(self, key: str | None) -> None:
        """Open on the first page of zone ``key`` (the block's zone), if it has notes."""
        found = [i for i, p in enumerate(self.pages) if key and p.zone_key == key]
        if found and found[0] != self.index:
            self.index = found[0]
            self.update()

    def set_rotating(self, on: bool) -> None:
        if on:
            self.rotate.start()
        else:
            self.rotate.stop()

    def _changed(self, changes) -> None:
        if {c.table for c in changes} & {"note", "canvas", "workgroup"}:
            self.reload()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self.reload()

    # -- drawing ---------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BG))
        px, head = self.text_px(), self._head_px()
        page = self.page()
        title = QFont(self.font())
        title.setPixelSize(head)
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(QColor(FG))
        if page is None:
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), _("Todavía no hay notas en este lienzo."))
            return
        heading = " · ".join(p for p in (page.zone, page.group) if p)
        if page.parts > 1:
            heading += f"  ({page.part}/{page.parts})"
        painter.drawText(QRectF(0, 0, self.width(), head * 1.4), int(Qt.AlignmentFlag.AlignLeft), heading)
        counter = _("Página {i} de {n} · ↑↓", i=self.index + 1, n=len(self.pages))
        painter.setPen(QColor(MUTED))
        small = QFont(title)
        small.setBold(False)
        small.setPixelSize(max(12, round(px * 0.8)))
        painter.setFont(small)
        painter.drawText(QRectF(0, 0, self.width(), head * 1.4), int(Qt.AlignmentFlag.AlignRight), counter)
        top = head * 1.6
        cols, rows = grid(self.width(), max(1, int(self.height() - top)), px)
        gap = px * 0.5
        card_w = (self.width() - gap * (cols - 1)) / cols
        card_h = (self.height() - top - gap * (rows - 1)) / rows
        font = QFont(self.font())
        font.setPixelSize(px)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for k, text in enumerate(page.notes):
            r, c = divmod(k, cols)
            box = QRectF(c * (card_w + gap), top + r * (card_h + gap), card_w, card_h)
            painter.fillRect(box, QColor(CARD_BG))
            painter.setPen(QPen(QColor(CARD_FG)))
            inner = box.adjusted(px * 0.4, px * 0.3, -px * 0.4, -px * 0.3)
            painter.drawText(inner, int(Qt.TextFlag.TextWordWrap), _fit_lines(text, metrics, inner))
        painter.end()

    def shutdown(self) -> None:
        self.rotate.stop()
        self.ctx.signals.changed.disconnect(self._changed)


def _fit_lines(text: str, metrics: QFontMetrics, box: QRectF) -> str:
    """The note as it fits the card at this size: the last line that fits ends with "…" if more follows."""
    width, lines_fit = int(box.width()), max(1, int(box.height() // metrics.lineSpacing()))
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > lines_fit:
        lines = lines[:lines_fit]
        lines[-1] = metrics.elidedText(lines[-1] + " …", Qt.TextElideMode.ElideRight, width)
    return "\n".join(metrics.elidedText(ln, Qt.TextElideMode.ElideRight, width) for ln in lines)
