"""*Lienzo en grande* for note canvases: one zone of one group at a time, in type the back row reads.

The pages come from ``session.pages``; the type is ``MIN_TEXT`` of the screen's
height, never smaller, so a canvas with more notes than fit gets more pages, not
smaller notes. Each row of cards is as high as its longest note needs: a note shows
whole, and a page holds the rows that fit (a note is cut, "…", only when it alone is
longer than a page). ↑/↓ page by hand; the facilitator can let the pages turn by
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
PAD_X, PAD_Y = 0.4, 0.3  # a card's padding, in parts of the type size
MIN_LINES = 2  # a row of short notes is still a card, not a strip


class PageTurning:
    """For a projector widget that shows ``pages`` one at a time (``index``): ↑↓ turn them, A rotates them."""

    pages: list
    index: int

    def _rotation(self) -> QTimer:
        """The timer that turns a page every ROTATE_MS while rotation is on (``set_rotating``)."""
        timer = QTimer(self)
        timer.setInterval(ROTATE_MS)
        timer.timeout.connect(lambda: self.turn(1))
        return timer

    def turn(self, step: int) -> None:
        if self.pages:
            self.index = (self.index + step) % len(self.pages)
            self.update()

    def set_rotating(self, on: bool) -> None:
        if on:
            self.rotate.start()
        else:
            self.rotate.stop()


class NotesPager(PageTurning, QWidget):
    def __init__(self, ctx: "WorkshopContext", canvas: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.canvas_id = canvas["id"]
        self.index = 0
        self.zone_key: str | None = None  # the block's zone: it has a page (empty) before its first note
        self.pages: list[Page] = []
        self.rotate = self._rotation()
        ctx.signals.changed.connect(self._changed)
        self.reload()

    # -- what is shown --------------------------------------------------------------------------
    def text_px(self) -> int:
        """The notes' type: ``MIN_TEXT`` of the projector window's height."""
        return max(12, round(self.window().height() * MIN_TEXT))

    def _head_px(self) -> int:
        return round(self.text_px() * 1.15)

    def _top(self) -> float:
        return self._head_px() * 1.6  # under the heading and the counter

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(self.text_px())
        return font

    def _columns(self) -> tuple[int, float, float]:
        """Columns, a card's width and the gap between cards."""
        px = self.text_px()
        cols, _rows = grid(self.width(), max(1, int(self.height() - self._top())), px)
        gap = px * 0.5
        return cols, (self.width() - gap * (cols - 1)) / cols, gap

    def _rows(self, texts: list[str]) -> list[tuple[list[list[str]], float]]:
        """``texts`` in rows of cards: each card's wrapped lines, and the row's height (its longest note's)."""
        px = self.text_px()
        metrics = QFontMetrics(self._font())
        cols, card_w, _gap = self._columns()
        width = card_w - 2 * px * PAD_X
        out = []
        for i in range(0, len(texts), cols):
            cards = [_wrap(t, metrics, width) for t in texts[i:i + cols]]
            lines = max(MIN_LINES, *(len(c) for c in cards))
            out.append((cards, lines * metrics.lineSpacing() + 2 * px * PAD_Y))
        return out

    def _chunk(self, texts: list[str]) -> list[list[str]]:
        """One zone and group's notes in pages: as many rows as fit the page's height, at least one."""
        room = self.height() - self._top()
        cols, _w, gap = self._columns()
        chunks: list[list[str]] = []
        used = room + 1.0  # a new page before the first row
        for k, (cards, height) in enumerate(self._rows(texts)):
            if used + height > room:
                chunks.append([])
                used = -gap
            chunks[-1] += texts[k * cols:k * cols + len(cards)]
            used += gap + height
        return chunks

    def cards(self) -> list[tuple[QRectF, list[str]]]:
        """The current page's cards as drawn: each one's box and its lines (the last ending "…" when cut)."""
        page = self.page()
        if page is None or not page.notes:
            return []
        px = self.text_px()
        metrics = QFontMetrics(self._font())
        cols, card_w, gap = self._columns()
        bottom = self.height()
        y = self._top()
        out = []
        for cards, height in self._rows(list(page.notes)):
            height = min(height, max(metrics.lineSpacing() + 2 * px * PAD_Y, bottom - y))  # a note longer than a page
            fit = max(1, int((height - 2 * px * PAD_Y) / metrics.lineSpacing() + 1e-6))
            for c, lines in enumerate(cards):
                if len(lines) > fit:
                    width = int(card_w - 2 * px * PAD_X)
                    lines = lines[:fit - 1] + [metrics.elidedText(lines[fit - 1] + " …",
                                                                  Qt.TextElideMode.ElideRight, width)]
                out.append((QRectF(c * (card_w + gap), y, card_w, height), lines))
            y += height + gap
        return out

    def reload(self) -> None:
        canvas = self.ctx.doc.canvas(self.canvas_id)
        if canvas is None:
            self.pages = []
            self.update()
            return
        zones = canvas["zones"] if isinstance(canvas["zones"], list) else read_zones(canvas["zones"])
        found = pages(self.ctx.doc.notes(self.canvas_id), zones, self.ctx.doc.groups(canvas["workshop_id"]),
                      no_group=_("Sin grupo"), chunk=self._chunk, keep_zone=self.zone_key)
        current = self.pages[self.index] if 0 <= self.index < len(self.pages) else None
        self.pages = found
        if current is not None:  # stay on the same zone and group when a note is added
            same = [i for i, p in enumerate(found) if (p.zone, p.group, p.part) == (current.zone, current.group,
                                                                                   current.part)]
            self.index = same[0] if same else min(self.index, max(0, len(found) - 1))
        self.update()

    def page(self) -> Page | None:
        return self.pages[self.index] if 0 <= self.index < len(self.pages) else None

    def set_zone(self, key: str | None) -> None:
        """Open on the first page of zone ``key`` (the block's zone; a page saying it has no notes yet
        if so), or on the first page when the block names no zone (a plenary over the whole canvas)."""
        if key != self.zone_key:
            self.zone_key = key
            self.index = 0
            self.reload()
        found = [i for i, p in enumerate(self.pages) if key and p.zone_key == key]
        self.index = found[0] if found else 0
        self.update()

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
        counter = _("Página {i} de {n} · ↑↓", i=self.index + 1, n=len(self.pages))
        small = QFont(title)
        small.setBold(False)
        small.setPixelSize(max(12, round(px * 0.8)))
        room = self.width() - QFontMetrics(small).horizontalAdvance(counter) - px  # clear of the counter
        heading = " · ".join(p for p in (page.zone, page.group) if p)
        part = f"  ({page.part}/{page.parts})"
        if 1 < page.parts < len(self.pages) and QFontMetrics(title).horizontalAdvance(heading + part) <= room:
            heading += part  # the zone's own pages, when the counter counts more than them and there is room
        heading = QFontMetrics(title).elidedText(heading, Qt.TextElideMode.ElideRight, max(1, room))
        painter.drawText(QRectF(0, 0, max(1, room), head * 1.4), int(Qt.AlignmentFlag.AlignLeft), heading)
        painter.setPen(QColor(MUTED))
        painter.setFont(small)
        painter.drawText(QRectF(0, 0, self.width(), head * 1.4), int(Qt.AlignmentFlag.AlignRight), counter)
        if not page.notes:
            painter.setFont(small)
            painter.drawText(QRectF(0, self._top(), self.width(), head * 1.4), int(Qt.AlignmentFlag.AlignLeft),
                             _("Todavía no hay notas en esta zona."))
        painter.setFont(self._font())
        metrics = QFontMetrics(self._font())
        for box, lines in self.cards():
            painter.fillRect(box, QColor(CARD_BG))
            painter.setPen(QPen(QColor(CARD_FG)))
            inner = box.adjusted(px * PAD_X, px * PAD_Y, -px * PAD_X, -px * PAD_Y)
            for n, line in enumerate(lines):
                painter.drawText(QRectF(inner.left(), inner.top() + n * metrics.lineSpacing(), inner.width(),
                                        metrics.lineSpacing()), int(Qt.AlignmentFlag.AlignLeft), line)
        painter.end()

    def shutdown(self) -> None:
        self.rotate.stop()
        self.ctx.signals.changed.disconnect(self._changed)


def _wrap(text: str, metrics: QFontMetrics, width: float) -> list[str]:
    """The note's lines at this width, broken between words (a word wider than a card inside it)."""
    from .recent_notes import wrap

    return wrap(text, metrics, max(1, int(width))) or [""]
