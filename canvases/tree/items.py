"""The graphics items of a problem tree: idea boxes, arrows and the labelled rows behind them.

Items only draw what the scene hands them. Text is user data, drawn as plain
text (wrapped with ``wrap_plain_text``, never read as markup). Only the idea box
paints in Python, and simply (it is cached as a pixmap); arrows, row bands and
row titles are stock Qt items that paint in C++ — PySide6 6.12 crashed after
many Python ``paint`` calls, so the fewer the better.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, \
    QPolygonF
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsSimpleTextItem, QStyle,
                               QStyleOptionGraphicsItem, QWidget)

from canvases.board.items import wrap_plain_text
from facilitator.i18n import N_, _
from facilitator.tree import marks_for, note_marks, score
from qtshared.widgets import plain_tooltip

INK = QColor("#1B1F24")
MUTED = QColor("#5F6B76")
ACCENT = QColor("#1F6F8B")
ARROW = QColor("#56606A")
SHADOW = QColor(0, 0, 0, 40)

# Fill, border and text colour of a box, by its part of the tree.
PROBLEM_COLOURS = {"trunk": ("#7B5B45", "#5A3F2E", "#FFFFFF"), "cause": ("#FCE3C4", "#D9A066", "#1B1F24"),
                   "effect": ("#D6ECCB", "#86B46E", "#1B1F24")}
OBJECTIVE_COLOURS = {"trunk": ("#1F6F8B", "#154E62", "#FFFFFF"), "cause": ("#D3E7F5", "#7FAFD1", "#1B1F24"),
                     "effect": ("#E3F1D4", "#8DBF6A", "#1B1F24")}
BAND_TINTS = {"trunk": "#EEE6DF", "cause": "#FBF4EA", "effect": "#F1F7EC"}
OBJECTIVE_BAND_TINTS = {"trunk": "#E0EDF2", "cause": "#EEF5FA", "effect": "#F2F8EC"}
MARK_COLOURS = {"critical": "#B3261E", "manageable": "#1F6F8B", "serious": "#8E1F5A", "urgent": "#C25E00"}
# Short words for the badges on a box (the full "Más crítica"… labels are in menus and lists).
MARK_BADGES = {"critical": N_("Crítica"), "manageable": N_("Manejable"), "serious": N_("Grave"),
               "urgent": N_("Urgente")}

HANDLE_R = 8.0  # radius of the arrow handle on a box's top edge
RADIUS = 10.0
PAD = 9.0


def role_of(level: int) -> str:
    return "trunk" if level == 0 else ("cause" if level < 0 else "effect")


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


@dataclass
class TreeLook:
    """Sizes and fonts shared by a scene's items: the window's tree and the projector's differ."""

    node_w: float = 220.0
    node_h: float = 90.0
    gap_x: float = 30.0
    gap_y: float = 70.0
    text_px: float = 14.0
    label_w: float = 150.0  # the least width of the row titles' column (it grows to fit them)
    max_label_w: float = 320.0
    objectives: bool = False
    editable: bool = True
    fonts: dict[str, QFont] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.fonts = {"text": _font(self.text_px), "trunk": _font(self.text_px + 2, bold=True),
                      "trunk_small": _font(self.text_px, bold=True), "small": _font(self.text_px - 2),
                      "badge": _font(self.text_px * 0.78, bold=True), "title": _font(self.text_px + 3, bold=True),
                      "detail": _font(self.text_px - 1)}
        self.metrics = {k: QFontMetricsF(f) for k, f in self.fonts.items()}

    def colours(self, role: str) -> tuple[QColor, QColor, QColor]:
        fill, border, ink = (OBJECTIVE_COLOURS if self.objectives else PROBLEM_COLOURS)[role]
        return QColor(fill), QColor(border), QColor(ink)

    def band(self, role: str) -> QColor:
        return QColor((OBJECTIVE_BAND_TINTS if self.objectives else BAND_TINTS)[role])


class NodeItem(QGraphicsRectItem):
    """One idea of the tree: a rounded box with its text, its marks and its score.

    A QGraphicsRectItem so its bounding rect and shape come from C++; only paint()
    is Python, and it is cached per item. The arrow handle (a small circle on the
    top edge, where arrows leave towards what the idea causes) shows on editable
    trees only.
    """

    def __init__(self, row: dict[str, Any], level: int, look: TreeLook) -> None:
        super().__init__(self.bounds(look))
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.look = look
        self.note_id: str = row["id"]
        self.row = row
        self.level = level
        self._lines: list[tuple[float, str]] | None = None
        self._font_key = "text"
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, False)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(2.0)
        self.setToolTip(plain_tooltip(row.get("text", "")))

    @staticmethod
    def bounds(look: TreeLook) -> QRectF:
        """The box with room for its shadow, its selection frame and the arrow handle above it."""
        return QRectF(-4.0, -HANDLE_R - 2.0, look.node_w + 10.0, look.node_h + HANDLE_R + 8.0)

    def reshape(self) -> None:
        """The look's box size changed: take it, and wrap the text again."""
        self.setRect(self.bounds(self.look))
        self._lines = None
        self.update()

    def set_row(self, row: dict[str, Any], level: int) -> None:
        """Show a new version of the stored note (repaints only if something visible changed)."""
        old, old_level = self.row, self.level
        self.row, self.level = row, level
        if old.get("text") != row.get("text"):
            self.setToolTip(plain_tooltip(row.get("text", "")))
        if old_level != level or any(old.get(k) != row.get(k) for k in ("text", "marks", "impact", "feasibility")):
            self._lines = None
            self.update()

    def box(self) -> QRectF:
        return QRectF(0.0, 0.0, self.look.node_w, self.look.node_h)

    def handle_centre(self) -> QPointF:
        return QPointF(self.look.node_w / 2.0, 0.0)

    def on_handle(self, scene_pos: QPointF) -> bool:
        """Is the point on the arrow handle (with a little slack for the finger)?"""
        local = self.mapFromScene(scene_pos)
        return self.look.editable and QLineF(local, self.handle_centre()).length() <= HANDLE_R + 4.0

    def badges(self) -> list[tuple[str, QColor]]:
        marks = note_marks(self.row)
        return [(_(MARK_BADGES[m]), QColor(MARK_COLOURS[m])) for m in marks_for(self.level) if m in marks]

    def score_text(self) -> str:
        value = score(self.row)
        if value is None:
            return ""
        return f"{self.row['impact']}×{self.row['feasibility']} = {value}"

    # -- painting ------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        look = self.look
        role = role_of(self.level)
        fill, border, ink = look.colours(role)
        box = self.box()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SHADOW)
        painter.drawRoundedRect(box.translated(2.5, 3.0), RADIUS, RADIUS)
        painter.setBrush(fill)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(ACCENT, 3.5) if selected else QPen(border, 1.5))
        painter.drawRoundedRect(box.adjusted(0.75, 0.75, -0.75, -0.75), RADIUS, RADIUS)
        badges, score_text = self.badges(), self.score_text()
        row_h = look.metrics["badge"].height() + 6.0
        # badges at the left, the score at the right; a box too narrow for both puts the score above
        stacked = bool(badges and score_text) and self._footer_width(badges, score_text) > box.width() - 2 * PAD
        footer = (2 * row_h if stacked else row_h) if badges or score_text else 0.0
        if self._lines is None:
            self._font_key, self._lines = self._wrap(role, box.width() - 2 * PAD, box.height() - 2 * PAD - footer)
        font, metrics = look.fonts[self._font_key], look.metrics[self._font_key]
        painter.setFont(font)
        painter.setPen(ink)
        block = len(self._lines) * metrics.lineSpacing()
        top = PAD + max(0.0, (box.height() - 2 * PAD - footer - block) / 2.0)
        for y, text in self._lines:
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF((box.width() - width) / 2.0, top + y + metrics.ascent()), text)
        if stacked:
            self._paint_footer(painter, [], score_text, box.height() - row_h * 1.5 - 3.0)
            self._paint_footer(painter, badges, "", box.height() - row_h / 2.0 - 3.0)
        elif footer:
            self._paint_footer(painter, badges, score_text, box.height() - footer / 2.0 - 3.0)
        if look.editable:
            painter.setPen(QPen(border.darker(120) if not selected else ACCENT, 1.5))
            painter.setBrush(QColor("#FFFFFF"))
            painter.drawEllipse(self.handle_centre(), HANDLE_R - 2.0, HANDLE_R - 2.0)

    def _wrap(self, role: str, width: float, height: float) -> tuple[str, list[tuple[float, str]]]:
        """The text's lines in the largest of the box's fonts that shows it whole (else elided in the smallest)."""
        text = self.row.get("text", "")
        whole = "".join(text.split())
        keys = ("trunk", "trunk_small", "small") if role == "trunk" else ("text", "small")
        for key in keys:
            lines = wrap_plain_text(text, self.look.fonts[key], self.look.metrics[key], width, height)
            if "".join("".join(line for _y, line in lines).split()) == whole:
                return key, lines
        return key, lines

    def _footer_width(self, badges: list[tuple[str, QColor]], score_text: str) -> float:
        """The width the badges and the score take side by side (as ``_paint_footer`` draws them)."""
        metrics = self.look.metrics["badge"]
        width = sum(metrics.horizontalAdvance(label) + 14.0 for label, _colour in badges)
        return width + (metrics.horizontalAdvance(score_text) + 10.0 if score_text else 0.0)

    def _paint_footer(self, painter: QPainter, badges: list[tuple[str, QColor]], score_text: str, y: float) -> None:
        metrics = self.look.metrics["badge"]
        painter.setFont(self.look.fonts["badge"])
        height = metrics.height() + 2.0
        x = PAD
        for label, colour in badges:
            width = metrics.horizontalAdvance(label) + 10.0
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, y - height / 2.0, width, height), height / 2.0, height / 2.0)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(QRectF(x, y - height / 2.0, width, height), Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4.0
        if score_text:
            width = metrics.horizontalAdvance(score_text) + 10.0
            rect = QRectF(self.look.node_w - PAD - width, y - height / 2.0, width, height)
            painter.setPen(QPen(INK, 1.0))
            painter.setBrush(QColor("#FFFFFF"))
            painter.drawRoundedRect(rect, 4.0, 4.0)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, score_text)


def _exit_point(rect: QRectF, inside: QPointF, outside: QPointF) -> QPointF:
    """Where the segment from ``inside`` (the box's centre) towards ``outside`` leaves the box."""
    dx, dy = outside.x() - inside.x(), outside.y() - inside.y()
    ts = []
    if dx:
        ts.append((rect.width() / 2.0) / abs(dx))
    if dy:
        ts.append((rect.height() / 2.0) / abs(dy))
    t = min(ts + [1.0])
    return QPointF(inside.x() + dx * t, inside.y() + dy * t)


class ArrowItem(QGraphicsPathItem):
    """An arrow from a cause to what it causes: a line and a filled head, painted by Qt itself."""

    HEAD = 12.0

    def __init__(self, row: dict[str, Any]) -> None:
        super().__init__()
        self.link_id: str = row["id"]
        self.row = row
        self._shape = QPainterPath()
        self.setZValue(1.0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self._style(False)

    def _style(self, selected: bool) -> None:
        colour = ACCENT if selected else ARROW
        self.setPen(QPen(colour, 3.5 if selected else 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                         Qt.PenJoinStyle.RoundJoin))
        self.setBrush(QBrush(colour))

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self._style(bool(value))
        return super().itemChange(change, value)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        option.state &= ~QStyle.StateFlag.State_Selected  # the colour shows the selection, not a dashed frame
        super().paint(painter, option, widget)

    def shape(self) -> QPainterPath:
        return self._shape

    def set_ends(self, source: QRectF, target: QRectF) -> None:
        """Draw from the edge of the source box to the edge of the target box, head at the target."""
        a = _exit_point(source, source.center(), target.center())
        b = _exit_point(target, target.center(), source.center())
        line = QLineF(a, b)
        path = QPainterPath()
        if line.length() < 1.0:
            self.setPath(path)
            self._shape = path
            return
        unit = line.unitVector()
        direction = QPointF(unit.dx(), unit.dy())
        normal = QPointF(-direction.y(), direction.x())
        base = b - direction * self.HEAD
        path.moveTo(a)
        path.lineTo(base)
        path.addPolygon(QPolygonF([b, base + normal * (self.HEAD * 0.5), base - normal * (self.HEAD * 0.5), b]))
        self.setPath(path)
        stroker = QPainterPathStroker()
        stroker.setWidth(14.0)
        self._shape = stroker.createStroke(path)


class RowBand(QGraphicsRectItem):
    """One level's stripe behind the boxes, with its title at the left (stock items: C++ painting)."""

    def __init__(self, look: TreeLook) -> None:
        super().__init__()
        self.look = look
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setZValue(0.0)
        self.side = QGraphicsRectItem(self)  # the label column, a shade darker
        self.side.setPen(QPen(Qt.PenStyle.NoPen))
        self.title = QGraphicsSimpleTextItem(self)
        self.title.setFont(look.fonts["title"])
        self.title.setBrush(INK)
        self.detail = QGraphicsSimpleTextItem(self)
        self.detail.setFont(look.fonts["detail"])
        self.detail.setBrush(MUTED)

    def set_band(self, rect: QRectF, tint: QColor, title: str, detail: str, label_w: float) -> None:
        self.setRect(rect)
        self.setBrush(tint)
        self.side.setRect(QRectF(rect.left(), rect.top(), label_w, rect.height()))
        self.side.setBrush(tint.darker(106))
        room = label_w - 22.0
        self.title.setText(self.look.metrics["title"].elidedText(title, Qt.TextElideMode.ElideRight, room))
        self.detail.setText(self.look.metrics["detail"].elidedText(detail, Qt.TextElideMode.ElideRight, room))
        title_h = self.look.metrics["title"].height()
        detail_h = self.look.metrics["detail"].height() if detail else 0.0
        top = rect.center().y() - (title_h + detail_h) / 2.0
        self.title.setPos(rect.left() + 14.0, top)
        self.detail.setPos(rect.left() + 14.0, top + title_h)
