"""The graphics items of a board: post-its, cells and header labels.

Items only draw; what they show comes from the stored rows handed to them by
the scene. Text is user data, so it is always drawn as plain text (QTextLayout
for wrapping, then ``drawText``), never interpreted as HTML.

Painting must stay cheap with thousands of notes: each post-it is cached as a
pixmap in device coordinates (panning blits pixmaps without calling Python),
its wrapped lines are computed once per text, and when zoomed far out a note is
drawn as a plain coloured card with a few grey strokes instead of text.
"""

from __future__ import annotations

from typing import Any, Hashable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyle, QStyleOptionGraphicsItem, QWidget

from facilitator.board import THEME_COLOURS, note_tags
from facilitator.board.layout import NOTE_H, NOTE_W, PITCH_Y
from facilitator.domain.tags import tag_label
from facilitator.i18n import current_language

INK = QColor("#1B1F24")
MUTED = QColor("#5F6B76")
ACCENT = QColor("#1F6F8B")
VOTE = QColor("#C62828")
SHADOW = QColor(0, 0, 0, 45)
NO_GROUP_FILL = QColor("#FFF59D")  # the classic yellow post-it
GROUP_PALETTE = ("#F6D55C", "#3CAEA3", "#ED553B", "#20639B", "#8E6C8A", "#6AB04C", "#E17F93", "#9C7B4F")
ZONE_PALETTE = ("#FFF176", "#A5D6A7", "#90CAF9", "#F48FB1", "#FFCC80", "#CE93D8")

PAD = 8.0
THEME_BAND = 17.0
FOOTER = 19.0
LOW_DETAIL = 0.4  # below this zoom a note shows no text


def pastel(colour: str | QColor, amount: float = 0.55) -> QColor:
    """A colour mixed with white, so dark text stays readable on it."""
    c = QColor(colour)
    if not c.isValid():
        return QColor(NO_GROUP_FILL)
    return QColor(round(c.red() + (255 - c.red()) * amount), round(c.green() + (255 - c.green()) * amount),
                  round(c.blue() + (255 - c.blue()) * amount))


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def chip_text(key: str, lang: str) -> str:
    """A tag's label shortened to its first word, for a chip on a small note."""
    words = tag_label(key, lang).split()
    return words[0].rstrip(",;:.") if words else key


class BoardLook:
    """What notes need to paint beyond their own row: colours, theme names, fonts.

    Shared by all notes of a scene; the scene repaints the affected notes when it
    changes (a theme renamed, the colouring switched from groups to zones).
    """

    def __init__(self) -> None:
        self.colour_by = "group"  # or "zone"
        self.group_fill: dict[Hashable, QColor] = {}
        self.zone_fill: dict[str, QColor] = {}
        self.themes: dict[str, tuple[str, QColor]] = {}
        self.lang = current_language()
        self.text_font = _font(13)
        self.small_font = _font(10)
        self.badge_font = _font(10, bold=True)
        self.text_metrics = QFontMetricsF(self.text_font)
        self.small_metrics = QFontMetricsF(self.small_font)
        self.badge_metrics = QFontMetricsF(self.badge_font)

    def set_groups(self, groups: list[dict[str, Any]]) -> None:
        self.group_fill = {g["id"]: pastel(g["colour"] or GROUP_PALETTE[i % len(GROUP_PALETTE)])
                           for i, g in enumerate(groups)}

    def set_zones(self, zones: list[str]) -> None:
        self.zone_fill = {z: QColor(ZONE_PALETTE[i % len(ZONE_PALETTE)]) for i, z in enumerate(zones)}

    def set_themes(self, themes: list[dict[str, Any]]) -> None:
        self.themes = {t["id"]: (t["name"], QColor(t["colour"] or THEME_COLOURS[i % len(THEME_COLOURS)]))
                       for i, t in enumerate(themes)}

    def fill(self, row: dict[str, Any]) -> QColor:
        if row.get("colour"):
            colour = QColor(row["colour"])
            if colour.isValid():
                return colour
        if self.colour_by == "zone":
            return self.zone_fill.get(row["zone"], NO_GROUP_FILL)
        return self.group_fill.get(row["group_id"], NO_GROUP_FILL)


class NoteItem(QGraphicsRectItem):
    """One post-it. Its position is the stored x/y inside its cell (the parent item).

    A QGraphicsRectItem so that its bounding rect and shape come from C++: Qt asks
    for them for every child of a cell on every repaint, and thousands of Python
    calls per frame would cost more than the painting itself. Only paint() is ours.
    """

    BOUNDS = QRectF(-3.0, -3.0, NOTE_W + 8.0, NOTE_H + 8.0)  # room for the shadow and selection frame

    def __init__(self, row: dict[str, Any], look: BoardLook) -> None:
        super().__init__(self.BOUNDS)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.look = look
        self.note_id: str = row["id"]
        self.row: dict[str, Any] = row
        self.tags: list[str] = note_tags(row)
        self._lines: list[tuple[float, str]] | None = None
        self._lines_key: tuple[str, bool] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_row(self, row: dict[str, Any]) -> None:
        """Show a new version of the stored note (repaints only if something visible changed)."""
        old, self.row = self.row, row
        if any(old.get(k) != row.get(k) for k in ("text", "votes", "tags", "theme_id", "colour", "group_id",
                                                   "zone")):
            self.tags = note_tags(row)
            self.update()

    # -- painting ---------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        look = self.look
        card = QRectF(0.0, 0.0, NOTE_W, NOTE_H)
        fill = look.fill(self.row)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillRect(card.translated(3.0, 3.0), SHADOW)
        painter.fillRect(card, fill)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(ACCENT, 3.0) if selected else QPen(fill.darker(125), 1.0))
        painter.drawRect(card.adjusted(0.5, 0.5, -0.5, -0.5))
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        theme = look.themes.get(self.row.get("theme_id") or "")
        if lod < LOW_DETAIL:
            self._paint_sketch(painter, theme)
            return
        top = PAD
        if theme is not None:
            self._paint_theme(painter, *theme)
            top = THEME_BAND + 4.0
        has_footer = bool(self.row.get("votes")) or bool(self.tags)
        bottom = NOTE_H - (FOOTER + 2.0 if has_footer else PAD)
        painter.setFont(look.text_font)
        painter.setPen(INK)
        ascent = look.text_metrics.ascent()
        for y, text in self._text_lines(NOTE_W - 2 * PAD, bottom - top):
            painter.drawText(QPointF(PAD, top + y + ascent), text)
        if has_footer:
            self._paint_footer(painter)

    def _paint_sketch(self, painter: QPainter, theme: tuple[str, QColor] | None) -> None:
        if theme is not None:
            painter.fillRect(QRectF(0.0, 0.0, NOTE_W, THEME_BAND), theme[1])
        painter.setPen(QPen(QColor(0, 0, 0, 70), 6.0))
        for i, width in enumerate((0.8, 0.65, 0.45)):
            y = 34.0 + i * 16.0
            painter.drawLine(QPointF(PAD, y), QPointF(PAD + (NOTE_W - 2 * PAD) * width, y))
        if self.row.get("votes"):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(VOTE)
            painter.drawEllipse(QPointF(NOTE_W - 16.0, NOTE_H - 16.0), 9.0, 9.0)

    def _paint_theme(self, painter: QPainter, name: str, colour: QColor) -> None:
        band = QRectF(0.0, 0.0, NOTE_W, THEME_BAND)
        painter.fillRect(band, colour)
        painter.setFont(self.look.badge_font)
        painter.setPen(QColor("#FFFFFF") if colour.lightness() < 150 else INK)
        text = self.look.badge_metrics.elidedText(name.replace("\n", " "), Qt.TextElideMode.ElideRight,
                                                  NOTE_W - 2 * PAD)
        painter.drawText(band.adjusted(PAD, 0.0, -PAD, 0.0), Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_footer(self, painter: QPainter) -> None:
        look = self.look
        y = NOTE_H - FOOTER / 2.0 - 2.0
        x = PAD
        votes = int(self.row.get("votes") or 0)
        if votes:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(VOTE)
            shown = votes if votes <= 6 else 1
            for _i in range(shown):
                painter.drawEllipse(QPointF(x + 4.0, y), 4.0, 4.0)
                x += 10.0
            if votes > 6:
                painter.setPen(VOTE)
                painter.setFont(look.badge_font)
                label = f"×{votes}"
                painter.drawText(QPointF(x, y + look.badge_metrics.ascent() / 2.0 - 1.0), label)
                x += look.badge_metrics.horizontalAdvance(label)
            x += 6.0
        if self.tags:
            self._paint_chips(painter, x, y)

    def _paint_chips(self, painter: QPainter, left: float, y: float) -> None:
        """Tag chips from the right edge leftwards; those that do not fit become "+n"."""
        look = self.look
        metrics = look.small_metrics
        painter.setFont(look.small_font)
        right = NOTE_W - PAD
        height = metrics.height() + 2.0
        labels = [chip_text(t, look.lang) for t in self.tags]
        for index, label in enumerate(labels):
            rest = len(labels) - index - 1
            width = metrics.horizontalAdvance(label) + 8.0
            reserve = (metrics.horizontalAdvance(f"+{rest}") + 10.0) if rest else 0.0
            if right - width - reserve < left:
                label, width = f"+{len(labels) - index}", metrics.horizontalAdvance(f"+{len(labels) - index}") + 8.0
                if right - width < left:
                    break
                self._chip(painter, QRectF(right - width, y - height / 2.0, width, height), label)
                break
            self._chip(painter, QRectF(right - width, y - height / 2.0, width, height), label)
            right -= width + 3.0

    def _chip(self, painter: QPainter, rect: QRectF, label: str) -> None:
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1.0))
        painter.setBrush(QColor(255, 255, 255, 190))
        painter.drawRoundedRect(rect, 4.0, 4.0)
        painter.setPen(INK)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)

    def _text_lines(self, width: float, height: float) -> list[tuple[float, str]]:
        """Wrapped lines that fit the card, the last one elided; computed once per text and layout."""
        key = (self.row.get("text", ""), self.row.get("theme_id") is not None, bool(self.row.get("votes"))
               or bool(self.tags))
        if self._lines is not None and self._lines_key == key:
            return self._lines
        self._lines_key = key
        self._lines = wrap_plain_text(key[0], self.look.text_font, self.look.text_metrics, width, height)
        return self._lines


def wrap_plain_text(text: str, font: QFont, metrics: QFontMetricsF, width: float,
                    height: float) -> list[tuple[float, str]]:
    """Lines of ``text`` wrapped to ``width`` that fit in ``height``: [(y, line)], last one elided.

    Line breaks typed by the user are kept (as Unicode line separators, which
    QTextLayout honours); nothing in the text is read as markup.
    """
    display = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\u2028")
    layout = QTextLayout(display, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[tuple[float, int, int]] = []
    y = 0.0
    line_height = metrics.lineSpacing()
    layout.beginLayout()
    truncated = False
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        if y + line_height > height and lines:
            truncated = True
            break
        lines.append((y, line.textStart(), line.textLength()))
        y += line_height
    layout.endLayout()
    out = []
    for index, (ly, start, length) in enumerate(lines):
        piece = display[start:start + length]
        if truncated and index == len(lines) - 1:
            rest = display[start:].replace("\u2028", " ")
            piece = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        out.append((ly, piece.replace("\u2028", "").rstrip()))
    return out


class GrowingBox(QGraphicsItem):
    """An item that paints ``self.rect`` and grows with its cell, a row at a time.

    Its bounding rect keeps room to grow (a quarter more, at least ``SLACK``):
    a cell that grows by one row then repaints only the strip that changed, not
    its whole height (with ``prepareGeometryChange`` Qt repaints every pixel the
    item covers, i.e. the whole view when a tall cell fills it).
    """

    SLACK = 4 * PITCH_Y
    EDGE = 6.0  # the border and the current-cell frame near the bottom edge are redrawn with the strip

    def __init__(self) -> None:
        super().__init__()
        self.rect = QRectF(0.0, 0.0, 1.0, 1.0)
        self._bounds = QRectF(self.rect)

    def set_size(self, width: float, height: float) -> None:
        old = self.rect
        if (old.width(), old.height()) == (width, height):
            return
        new = QRectF(0.0, 0.0, width, height)
        bounds = self._bounds
        if width != bounds.width() or height > bounds.height() or height < bounds.height() / 2:
            self.prepareGeometryChange()  # Qt repaints all of the old and the new bounds (rare)
            self.rect = new
            self._bounds = QRectF(0.0, 0.0, width, height + max(self.SLACK, height / 4))
            return
        self.rect = new
        low, high = sorted((old.height(), height))
        self.repaint_part(QRectF(0.0, low - self.EDGE, width, high - low + self.EDGE))

    def repaint_part(self, rect: QRectF) -> None:
        """Have ``rect`` (item coordinates) repainted, and nothing else of the item.

        Through the scene, not ``update(rect)``: Qt merges an item's partial updates into
        their bounding rect, so a new count at the top of a lane title and a grown strip at
        its bottom would repaint the whole title, as tall as the lane.
        """
        scene = self.scene()
        if scene is None:
            self.update(rect)
        else:
            scene.update(self.mapRectToScene(rect))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.rect)
        return path


class CellItem(GrowingBox):
    """One group's part of one zone: the paper behind the notes, parent of those notes."""

    def __init__(self, zone: str, lane: Hashable, fill: QColor) -> None:
        super().__init__()
        self.zone = zone
        self.lane = lane
        self.fill = fill
        self.current = False
        self.setZValue(0.0)

    def set_current(self, current: bool) -> None:
        if current != self.current:
            self.current = current
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.fillRect(self.rect, self.fill)
        painter.setPen(QPen(QColor("#C9CCC4"), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect.adjusted(0.5, 0.5, -0.5, -0.5))
        if self.current:
            pen = QPen(ACCENT, 3.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(self.rect.adjusted(3.0, 3.0, -3.0, -3.0))


class LabelItem(GrowingBox):
    """A lane or zone title: a coloured stripe, a bold name and a muted detail line."""

    def __init__(self, stripe: QColor | None = None) -> None:
        super().__init__()
        self.stripe = stripe
        self.title = ""
        self.detail = ""
        self.vertical_stripe = True
        self.title_font = _font(15, bold=True)
        self.detail_font = _font(12)
        # the top band where the name and the count are written (a new count repaints only this)
        self._title_metrics = QFontMetricsF(self.title_font)
        self._detail_metrics = QFontMetricsF(self.detail_font)
        self.text_band = 6.0 + self._title_metrics.height() + 2.0 + self._detail_metrics.height() + 2.0
        self._title_lines: tuple[tuple[float, float, bool], list[str]] | None = None
        self.changed_part = QRectF()  # what the last set_text repainted (item coordinates)

    def set_text(self, title: str, detail: str = "") -> bool:
        """Show a new name and detail line, repainting only the line that changed (a count, per Enter).

        Returns whether anything changed."""
        if (title, detail) == (self.title, self.detail):
            return False
        renamed = title != self.title
        old_detail = self.detail
        self.title, self.detail = title, detail
        self._title_lines = None
        if renamed:
            self.setToolTip(title)  # a name cut short on the board is read in full by pointing at it
        self.changed_part = self.text_rect() if renamed else self.detail_rect(old_detail)
        self.repaint_part(self.changed_part)
        return True

    def text_rect(self) -> QRectF:
        """The band where the name and the detail line are written (item coordinates)."""
        return QRectF(0.0, 0.0, self.rect.width(), min(self.rect.height(), self.text_band))

    def detail_rect(self, old: str = "") -> QRectF:
        """The detail line (a count) as far as its text, now or ``old``, reaches: what a new note changes."""
        top = 6.0 + self._title_metrics.height() + 2.0
        metrics = self._detail_metrics
        width = 12.0 + max(metrics.horizontalAdvance(self.detail), metrics.horizontalAdvance(old)) + 4.0
        return QRectF(0.0, top, min(width, self.rect.width()), min(self.text_band, self.rect.height()) - top)

    def title_lines(self, width: float, height: float) -> list[str]:
        """The name as drawn: one line, elided, above a detail line; without one, wrapped onto the lines that fit."""
        key = (width, height, bool(self.detail))
        if self._title_lines is None or self._title_lines[0] != key:
            metrics = self._title_metrics
            if self.detail:
                lines = [metrics.elidedText(self.title.replace("\n", " "), Qt.TextElideMode.ElideRight, width)]
            else:
                lines = [text for _y, text in wrap_plain_text(" ".join(self.title.split()), self.title_font, metrics,
                                                               width, max(height, metrics.lineSpacing()))]
            self._title_lines = (key, lines)
        return self._title_lines[1]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem | None,
              widget: QWidget | None = None, indent: float = 0.0) -> None:
        """The title; ``indent`` moves its text right (a pinned title partly hidden under the lane titles)."""
        r = self.rect
        painter.fillRect(r, QColor("#FFFFFF"))
        text_rect = r.adjusted(12.0 + indent, 6.0, -8.0, -6.0)
        if self.stripe is not None:
            if self.vertical_stripe:
                painter.fillRect(QRectF(r.left(), r.top(), 6.0, r.height()), self.stripe)
            else:
                painter.fillRect(QRectF(r.left(), r.bottom() - 5.0, r.width(), 5.0), self.stripe)
        painter.setPen(QPen(QColor("#C9CCC4"), 1.0))
        painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setPen(INK)
        painter.setFont(self.title_font)
        metrics = self._title_metrics
        y = text_rect.top() + metrics.ascent()
        for line in self.title_lines(text_rect.width(), r.height() - 8.0):
            painter.drawText(QPointF(text_rect.left(), y), line)
            y += metrics.lineSpacing()
        if self.detail:
            painter.setPen(MUTED)
            painter.setFont(self.detail_font)
            dm = QFontMetricsF(self.detail_font)
            painter.drawText(QPointF(text_rect.left(), text_rect.top() + metrics.height() + 2.0 + dm.ascent()),
                             dm.elidedText(self.detail, Qt.TextElideMode.ElideRight, text_rect.width()))
