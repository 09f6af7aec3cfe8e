"""The planning matrix on the projector: one card per axis with its initiatives, sized to fill the screen."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import QWidget

from facilitator import planning as P
from facilitator.i18n import _, ngettext
from facilitator.store.db import Change
from qtshared.context import WorkshopContext
from qtshared.widgets import window_keys


BG, CARD, FG, ACCENT, MUTED, WARN = "#0d1117", "#161b22", "#ffffff", "#58a6ff", "#c9d1d9", "#ffc400"
MAX_PX, MIN_PX = 40, 11


class PlanningProjection(QWidget):
    """The matrix for the room: a card per axis with its initiatives, the type as large as fits."""

    def __init__(self, ctx: WorkshopContext, canvas_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.canvas_id = ctx, canvas_id
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(BG))
        self.setPalette(palette)
        self.setMinimumSize(320, 200)
        self.title = ""
        self.groups: list[P.Group] = []
        self.reload()
        ctx.signals.changed.connect(self._changed)  # PySide drops the connection when this widget goes

    def reload(self) -> None:
        canvas = self.ctx.doc.canvas(self.canvas_id)
        self.title = canvas["title"] if canvas else ""
        self.groups = P.grouped(self.ctx.doc, self.canvas_id) if canvas else []
        self.update()

    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & {"initiative", "canvas"}:
            self.reload()

    def cards(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(axis title, count line, [(initiative, detail)]) per axis: what each card says."""
        out = []
        for group in self.groups:
            n = len(group.rows)
            count = ngettext("{n} iniciativa", "{n} iniciativas", n)
            if group.key != P.NO_AXIS and n < P.MIN_PER_AXIS:
                count = _("{count} (mínimo {min})", count=count, min=P.MIN_PER_AXIS)
            items = []
            for row in group.rows:
                name = " ".join(str(row["name"]).split()) or _("Iniciativa sin nombre")
                detail = " · ".join(p for p in (" ".join(str(row[f]).split()) for f in ("goal", "unit", "period")) if p)
                items.append((name, detail))
            out.append((group.label, count, items))
        return out

    def _grid(self) -> tuple[int, int]:
        n = max(len(self.groups), 1)
        cols = 1 if n == 1 else 2 if n <= 4 else 3
        return cols, math.ceil(n / cols)

    def _fits(self, cards, px: int, width: int, height: int) -> bool:
        return all(self._card_height(px, width, *card) <= height for card in cards)

    def _fonts(self, px: int) -> tuple[QFont, QFont, QFont]:
        head, body, small = QFont(self.font()), QFont(self.font()), QFont(self.font())
        head.setPixelSize(max(int(px * 1.1), 8))
        head.setBold(True)
        body.setPixelSize(px)
        small.setPixelSize(max(int(px * 0.75), 8))
        return head, body, small

    def _card_height(self, px: int, width: int, title: str, count: str, items: list[tuple[str, str]]) -> int:
        head, body, small = self._fonts(px)
        flags = Qt.TextFlag.TextWordWrap
        h = QFontMetrics(head).boundingRect(QRect(0, 0, width, 10000), flags, title).height()
        h += QFontMetrics(small).height() + px // 2
        width -= QFontMetrics(body).horizontalAdvance("• ")
        for name, detail in items:
            h += QFontMetrics(body).boundingRect(QRect(0, 0, width, 10000), flags, name).height()
            if detail:
                h += QFontMetrics(small).boundingRect(QRect(0, 0, width, 10000), flags, detail).height()
            h += px // 3
        return h

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = max(self.width() // 60, 12)
        title_font = QFont(self.font())
        title_font.setPixelSize(max(self.height() // 22, 14))
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor(FG))
        title_h = QFontMetrics(title_font).height()
        painter.drawText(QRect(margin, margin, self.width() - 2 * margin, title_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, self.title)
        top = margin + title_h + margin // 2
        if not self.groups:
            painter.setPen(QColor(MUTED))
            painter.drawText(QRect(margin, top, self.width() - 2 * margin, self.height() - top),
                             Qt.TextFlag.TextWordWrap, _("Esta matriz todavía no tiene ejes."))
            return
        cols, rows = self._grid()
        gap = margin // 2
        card_w = (self.width() - 2 * margin - (cols - 1) * gap) // cols
        card_h = (self.height() - top - margin - (rows - 1) * gap) // rows
        pad = max(card_w // 30, 8)
        inner_w, inner_h = card_w - 2 * pad, card_h - 2 * pad
        cards = self.cards()
        px = MIN_PX
        low, high = MIN_PX, MAX_PX
        while low <= high:  # the largest type that fits every card
            mid = (low + high) // 2
            if self._fits(cards, mid, inner_w, inner_h):
                px, low = mid, mid + 1
            else:
                high = mid - 1
        head, body, small = self._fonts(px)
        for n, (title, count, items) in enumerate(cards):
            x = margin + (n % cols) * (card_w + gap)
            y = top + (n // cols) * (card_h + gap)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(CARD))
            painter.drawRoundedRect(QRect(x, y, card_w, card_h), 8, 8)
            painter.setClipRect(QRect(x, y, card_w, card_h))
            cy = y + pad
            cy = self._draw(painter, head, ACCENT, x + pad, cy, inner_w, title)
            thin = len(items) < P.MIN_PER_AXIS and self.groups[n].key != P.NO_AXIS
            cy = self._draw(painter, small, WARN if thin else MUTED, x + pad, cy, inner_w, count) + px // 2
            bullet = QFontMetrics(body).horizontalAdvance("• ")
            for name, detail in items:
                self._draw(painter, body, FG, x + pad, cy, bullet, "•")
                cy = self._draw(painter, body, FG, x + pad + bullet, cy, inner_w - bullet, name)
                if detail:
                    cy = self._draw(painter, small, MUTED, x + pad + bullet, cy, inner_w - bullet, detail)
                cy += px // 3
            painter.setClipping(False)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        """Shown on its own (the tab's "Proyectar"): Esc leaves full screen, then closes; F11 toggles it."""
        if not window_keys(self, event):
            super().keyPressEvent(event)

    @staticmethod
    def _draw(painter: QPainter, font: QFont, colour: str, x: int, y: int, width: int, text: str) -> int:
        painter.setFont(font)
        painter.setPen(QColor(colour))
        rect = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, text)
        painter.drawText(QRect(x, y, width, rect.height()), Qt.TextFlag.TextWordWrap, text)
        return y + rect.height()


def projector_view(ctx: WorkshopContext, canvas_row: dict[str, Any]) -> QWidget:
    """A read-only, self-fitting view of a planning canvas that follows the file's changes."""
    return PlanningProjection(ctx, canvas_row["id"])
