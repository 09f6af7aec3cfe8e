"""Beside the clock, the canvas's last notes in type the back row reads (instead of a thumbnail of the canvas).

A whole board shrunk into the projector's side column is a picture of grey lines.
What the room wants there while it writes is what was just added: the newest note
first, each as a post-it, wrapped, in type between 1/40 and 1/30 of the screen's
height (1/30 is what *Lienzo en grande* gives its notes): the largest that lets about
three notes of three lines fit the column, so the list shows a few notes, not one,
and its type depends on the column, not on the notes, so it does not jump while
notes come in. As many notes as fit whole; a line is never cut. The zone (on a canvas of
several zones) and the group go small before each note. The list follows the file:
it reloads when a note, the canvas or a group changes (``ctx.signals``), so a note
shows as soon as the note-taker enters it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from ...domain.zones import read_zones
from ...foda import QUADRANTS, STRATEGIES
from ...i18n import _
from ...session.pages import MIN_TEXT
from .run_widgets import MUTED

if TYPE_CHECKING:
    from qtshared.context import WorkshopContext

LIST_TEXT = MIN_TEXT  # the notes' type: at most this part of the projector's height (1/30, as on "Lienzo en grande")
MIN_LIST_TEXT = 1 / 40  # and never less than this
SIDE_TEXT = 1 / 36  # beside the groups, the list keeps the room for this type (what 1280x720 gives it beside 3 groups)
ROOM_FOR = 3  # within those, the type lets about this many notes of three lines fit the column
NOTE_EMS = 4.2  # the height of a note of three lines, in units of its type size (lines, padding, gap; a short tag inline)
TAG_SCALE = 0.7  # the zone and group, beside the note, this much of the note's type
LIMIT = 40  # never more notes than this are read (more never fit a side column)
CARD_BG = "#FFF4B8"
CARD_FG = "#1F2328"
TAG_FG = "#6B5A1E"


class ShownNote(NamedTuple):
    note_id: str
    tag: str  # "zone · group", or "" when there is neither
    lines: tuple[str, ...]  # the note as drawn, line by line (the tag precedes the first line when it fits there)
    rect: QRect  # its card, in the view's coordinates
    complete: bool  # False when only its first lines fit (the last shown ends with "…")


def wrap(text: str, metrics: QFontMetrics, width: int, first_width: int | None = None) -> list[str]:
    """``text`` in lines no wider than ``width`` (the first ``first_width``), broken between words.

    A word wider than a line is broken inside it rather than cut off; a single letter wider
    than the line (a column not laid out yet) takes a line of its own.
    """
    width = max(1, width)
    avail = width if first_width is None else max(1, first_width)
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if metrics.horizontalAdvance(trial) <= avail:
            line = trial
            continue
        if line:
            lines.append(line)
            line, avail = "", width
        while len(word) > 1 and metrics.horizontalAdvance(word) > avail:  # one letter stays whole
            k = len(word) - 1
            while k > 1 and metrics.horizontalAdvance(word[:k]) > avail:
                k -= 1
            if not lines and avail < width and metrics.horizontalAdvance(word[:k]) > avail:
                lines.append("")  # not even a letter beside the tag: the word starts on the next line
            else:
                lines.append(word[:k])
                word = word[k:]
            avail = width
        line = word
    if line:
        lines.append(line)
    return lines


class RecentNotesView(QWidget):
    """The last notes of canvas ``canvas`` (a row of ``ctx.doc``), newest first, following the file live."""

    def __init__(self, ctx: "WorkshopContext", canvas: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.canvas_id = canvas["id"]
        self._notes: list[tuple[str, str, str, str]] = []  # id, text, tag, group colour
        self._shown: list[ShownNote] = []
        self._tag_inline: dict[str, bool] = {}
        self.reloads = 0  # how many times the notes were read from the file (tests count them)
        ctx.signals.changed.connect(self._changed)
        self.reload()

    # -- sizes ----------------------------------------------------------------------------------
    def text_px(self) -> int:
        """The notes' type: what lets about ``ROOM_FOR`` notes of three lines fit, within ``LIST_TEXT``…``MIN_LIST_TEXT``.

        It follows the column's height, not the notes, so it stays put while notes come in.
        """
        screen = self.window().height()
        floor, cap = math.ceil(screen * MIN_LIST_TEXT), round(screen * LIST_TEXT)
        return max(12, floor, min(cap, int(self.height() / (ROOM_FOR * NOTE_EMS))))

    def wanted_height(self, screen: int, share: float = SIDE_TEXT) -> int:
        """The height that gives the notes ``share`` of the screen's height (``SIDE_TEXT`` unless told):
        what the groups beside the list leave it."""
        return math.ceil(ROOM_FOR * NOTE_EMS * max(12, math.ceil(screen * share)))

    def _fonts(self) -> tuple[QFont, QFont]:
        text = QFont(self.font())
        text.setPixelSize(self.text_px())
        tag = QFont(text)
        tag.setPixelSize(max(10, round(self.text_px() * TAG_SCALE)))
        tag.setBold(True)
        return text, tag

    # -- what is shown --------------------------------------------------------------------------
    def reload(self) -> None:
        self.reloads += 1
        canvas = self.ctx.doc.canvas(self.canvas_id)
        if canvas is None:
            self._notes = []
        else:
            zones = canvas["zones"] if isinstance(canvas["zones"], list) else read_zones(canvas["zones"])
            labels = {z["key"]: str(z.get("label") or z["key"]) for z in zones}
            if canvas.get("kind") == "foda":  # the quadrants and the crossed strategies, as the matrix names them
                labels.update({q.key: _(q.label) for q in QUADRANTS})
                labels.update({s.key: _(s.label) for s in STRATEGIES})
            several = len(labels) > 1  # one zone ("Ideas") says nothing beside every note
            notes = []
            for row in self.ctx.doc.recent_notes(self.canvas_id, LIMIT):
                zone = labels.get(row["zone"] or "", row["zone"] or "") if several else ""
                tag = " · ".join(p for p in (zone, str(row["group_name"] or "")) if p)
                notes.append((row["id"], " ".join(str(row["text"]).split()), tag, row["group_colour"] or ""))
            self._notes = notes
        self._lay_out()
        self.update()

    def shown(self) -> list[ShownNote]:
        """The notes drawn now, top to bottom (the newest first)."""
        return list(self._shown)

    def hint(self) -> str:
        """The calm line shown while the canvas has no notes ("" once it has some)."""
        return "" if self._notes else _("Las notas aparecerán aquí a medida que se escriban.")

    def _lay_out(self) -> None:
        """Which notes fit whole, newest first, and their lines at this width and type size."""
        self._shown = []
        if not self._notes or self.width() <= 0 or self.height() <= 0:
            return
        text_font, tag_font = self._fonts()
        metrics, tag_metrics = QFontMetrics(text_font), QFontMetrics(tag_font)
        px = self.text_px()
        pad, gap, stripe = round(px * 0.35), round(px * 0.4), max(4, round(px * 0.22))
        inner = self.width() - 2 * pad - stripe
        line_h = metrics.lineSpacing()
        y = 0
        for note_id, text, tag, _colour in self._notes:
            tag_w = tag_metrics.horizontalAdvance(tag) + round(px * 0.4) if tag else 0
            inline = bool(tag) and tag_w <= inner * 0.45
            tag_line = tag_metrics.lineSpacing() if tag and not inline else 0
            lines = wrap(text, metrics, inner, inner - tag_w if inline else None)
            height = 2 * pad + tag_line + len(lines) * line_h
            room = self.height() - y
            complete = True
            if height > room:
                if self._shown:
                    break
                fit = (room - 2 * pad - tag_line) // line_h  # the newest note alone is taller than the column
                if fit < 1:
                    break
                lines = lines[:fit]
                last_w = inner - tag_w if inline and fit == 1 else inner
                lines[-1] = metrics.elidedText(lines[-1] + " …", Qt.TextElideMode.ElideRight, last_w)  # ends in "…"
                height, complete = 2 * pad + tag_line + len(lines) * line_h, False
            self._tag_inline[note_id] = inline
            self._shown.append(ShownNote(note_id, tag, tuple(lines), QRect(0, y, self.width(), height), complete))
            y += height + gap
            if not complete:
                break

    # -- following the file ---------------------------------------------------------------------
    def _changed(self, changes) -> None:
        if {c.table for c in changes} & {"note", "canvas", "workgroup"}:
            self.reload()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._lay_out()

    def shutdown(self) -> None:
        self.ctx.signals.changed.disconnect(self._changed)

    # -- drawing ----------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_font, tag_font = self._fonts()
        px = self.text_px()
        if not self._notes:
            painter.setFont(text_font)
            painter.setPen(QColor(MUTED))
            painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                                      | Qt.TextFlag.TextWordWrap), self.hint())
            return
        metrics, tag_metrics = QFontMetrics(text_font), QFontMetrics(tag_font)
        pad, stripe = round(px * 0.35), max(4, round(px * 0.22))
        colours = {n[0]: n[3] for n in self._notes}
        for note in self._shown:
            card = QRectF(note.rect)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(CARD_BG))
            painter.drawRoundedRect(card, px * 0.2, px * 0.2)
            if colours.get(note.note_id):
                painter.setBrush(QColor(colours[note.note_id]))
                painter.drawRect(QRectF(card.left(), card.top(), stripe, card.height()))
            x, y = card.left() + stripe + pad, card.top() + pad
            first_x = x
            if note.tag:
                painter.setFont(tag_font)
                painter.setPen(QColor(TAG_FG))
                if self._tag_inline.get(note.note_id):
                    # On the first line's baseline, before the note.
                    base = y + metrics.ascent()
                    painter.drawText(int(x), int(base), note.tag)
                    first_x = x + tag_metrics.horizontalAdvance(note.tag) + round(px * 0.4)
                else:
                    painter.drawText(int(x), int(y + tag_metrics.ascent()), note.tag)
                    y += tag_metrics.lineSpacing()
            painter.setFont(text_font)
            painter.setPen(QColor(CARD_FG))
            for i, line in enumerate(note.lines):
                painter.drawText(int(first_x if i == 0 else x), int(y + metrics.ascent()), line)
                y += metrics.lineSpacing()
        painter.end()
