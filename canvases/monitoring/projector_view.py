"""The monitoring sheet on the projector: each initiative with its status badge, large enough to read from the back."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from facilitator import monitoring as M
from facilitator.i18n import _
from facilitator.record import parse_due
from facilitator.store.db import Change
from qtshared.context import WorkshopContext
from qtshared.projection import BG, DANGER, FG, MUTED
from qtshared.widgets import window_keys

from .sheet_look import draw_badge


# -- the projector view --------------------------------------------------------------------------------------
class MonitoringProjector(QWidget):
    """The sheet for the room: per initiative its status badge, name, responsible and end date, large.

    Read-only, redrawn when the file changes, and sized to the window: the text is as
    large as the number of rows allows (names wrap onto a second line when there is room).
    """

    def __init__(self, ctx: WorkshopContext, canvas_row: dict[str, Any], today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.canvas_id, self.today = ctx, canvas_row["id"], today
        self.title = canvas_row.get("title") or ""
        self.rows: list[dict[str, Any]] = []
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(BG))
        self.setPalette(palette)
        self.setMinimumSize(480, 270)
        self.setWindowTitle(_("Papelógrafo · Proyector"))
        self.reload()
        ctx.signals.changed.connect(self._changed)

    def reload(self) -> None:
        canvas = self.ctx.doc.canvas(self.canvas_id)
        self.title = canvas["title"] if canvas else self.title
        today = self.today()
        self.rows = M.rows(self.ctx.doc.store, self.canvas_id) if canvas else []
        for row in self.rows:
            row["_status"] = M.effective_status(row, today).status
            end = parse_due(row["end_date"])
            row["_overdue"] = row["status"] != "done" and end is not None and end < today
        self.update()

    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & {M.TABLE, "canvas"}:
            self.reload()

    def _font(self, pixels: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(9, int(pixels)))
        font.setBold(bold)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        margin = max(16, int(w * 0.03))
        scale = h / 720
        y = margin
        painter.setFont(self._font(34 * scale, True))
        painter.setPen(QColor(FG))
        line = painter.fontMetrics().height()
        painter.drawText(QRect(margin, y, w - 2 * margin, line), Qt.AlignmentFlag.AlignLeft,
                         painter.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight, w - 2 * margin))
        y += line + int(4 * scale)
        tally = dict.fromkeys(M.STATUS_LABELS, 0)
        for row in self.rows:
            tally[row["_status"]] += 1
        painter.setFont(self._font(20 * scale))
        painter.setPen(QColor(MUTED))
        line = painter.fontMetrics().height()
        painter.drawText(QRect(margin, y, w - 2 * margin, line), Qt.AlignmentFlag.AlignLeft, M.summary_text(tally))
        y += line + int(16 * scale)
        if not self.rows:
            return
        # Columns: badge | name | responsible | end date.
        inner = w - 2 * margin
        badge_w, date_w = int(inner * 0.15), int(inner * 0.14)
        resp_w = int(inner * 0.22)
        name_w = inner - badge_w - date_w - resp_w - 3 * int(16 * scale)
        gap = int(16 * scale)
        painter.setFont(self._font(15 * scale, True))
        head = painter.fontMetrics().height()
        x = margin
        for text, width in ((_("Estado"), badge_w), (_("Iniciativa"), name_w), (_("Responsable"), resp_w),
                            (_("Término"), date_w)):
            painter.drawText(QRect(x, y, width, head), Qt.AlignmentFlag.AlignLeft, text.upper())
            x += width + gap
        y += head + int(6 * scale)
        row_h = min((h - y - margin) / len(self.rows), 120 * scale)
        two_lines = row_h >= 2.4 * 20 * scale
        text_px = min(34 * scale, row_h / (2.5 if two_lines else 1.45))
        for row in self.rows:
            box = QRect(margin, int(y), inner, int(row_h))
            painter.setPen(QPen(QColor("#30363d"), 1))
            painter.drawLine(box.left(), box.bottom(), box.right(), box.bottom())
            badge_font = self._font(text_px * 0.8, True)
            draw_badge(painter, QRect(box.x(), box.y(), badge_w, box.height()), row["_status"], False, badge_font)
            x = box.x() + badge_w + gap
            painter.setFont(self._font(text_px, True))
            painter.setPen(QColor(FG))
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            name = row["name"] or _("(sin nombre)")
            painter.drawText(QRect(x, box.y(), name_w, box.height()), flags,
                             _elide_lines(painter.fontMetrics(), name, name_w, 2 if two_lines else 1))
            x += name_w + gap
            painter.setFont(self._font(text_px * 0.85))
            painter.setPen(QColor(MUTED))
            painter.drawText(QRect(x, box.y(), resp_w, box.height()), flags,
                             _elide_lines(painter.fontMetrics(), row["responsible"], resp_w, 2 if two_lines else 1))
            x += resp_w + gap
            painter.setPen(QColor(DANGER if row["_overdue"] else FG))
            painter.drawText(QRect(x, box.y(), date_w, box.height()), flags, row["end_date"])
            y += row_h

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        """As its own window: Esc leaves full screen, then closes; F11 toggles full screen."""
        if not window_keys(self, event):
            super().keyPressEvent(event)


def _elide_lines(metrics: QFontMetrics, text: str, width: int, lines: int) -> str:
    """``text`` wrapped at ``width`` into at most ``lines`` lines, each elided if it still does not fit."""
    out: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and metrics.horizontalAdvance(trial) > width:
            out.append(current)
            current = word
        else:
            current = trial
    out.append(current)
    if len(out) > lines:
        out = out[:lines - 1] + [" ".join(out[lines - 1:])]
    return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out)


def projector_view(ctx: WorkshopContext, canvas_row: dict[str, Any]) -> QWidget:
    """A read-only, self-fitting view of a monitoring sheet for the projector, following changes live."""
    return MonitoringProjector(ctx, canvas_row)
