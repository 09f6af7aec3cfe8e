"""How a note looks in a quadrant list, and how it is edited in place.

A white card with the group's colour as a stripe and a badge with its name,
then (for notes brought from a board) the workshop and zone they came from,
and the dot votes. Text is user data: it is laid out with ``QTextLayout`` and
drawn as plain text, never as HTML. The editor is the board's rule: Enter
saves, Shift+Enter starts a new line, Escape leaves the text as it was.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QKeyEvent, QPainter, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QPlainTextEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, \
    QWidget

from canvases.board.editor import CappedText, is_newline, is_submit, typed_text
from facilitator.i18n import _

from .look import ACCENT, INK, MUTED, VOTE, text_on
from .foda_model import CARD_ROLE, COLOUR_ROLE, GROUP_ROLE, MISSING_ROLE, ORIGIN_ROLE, VOTES_ROLE

Index = QModelIndex | QPersistentModelIndex
PAD = 8.0
STRIPE = 5.0
GAP = 4.0  # between cards
SCREENS = 2  # card pictures kept per list: about what fills its viewport this many times over


class Card(NamedTuple):
    """What a card shows: two cards with the same values look the same."""

    text: str
    group: str
    colour: int  # the badge's and stripe's colour, as QColor.rgba()
    origin: str
    missing: bool
    votes: int
    selected: bool
    focused: bool


def origin_shown(origin: str, metrics: QFontMetricsF, room: float) -> str:
    """The origin line in ``room`` pixels: «↪ Taller de diag… › Fortalezas y oportunidades».

    The workshop's title gives way, never the zone's name: cut in the middle, «↪ Taller de di… oportunidades»
    read as the Opportunities quadrant. With no room for a letter of the title, «↪ … › zone»; with no room for
    that, the zone alone, cut at its right only when it cannot be whole.
    The card's tooltip says it all.
    """
    whole = "↪ " + origin
    if metrics.horizontalAdvance(whole) <= room:
        return whole
    workshop, sep, zone = origin.rpartition(" › ")
    if not sep:
        return metrics.elidedText(whole, Qt.TextElideMode.ElideRight, room)
    tail = " › " + zone
    left = room - metrics.horizontalAdvance("↪ " + tail)
    if left >= metrics.horizontalAdvance(workshop[:3] + "…"):
        return "↪ " + metrics.elidedText(workshop, Qt.TextElideMode.ElideRight, left) + tail
    if metrics.horizontalAdvance("↪ …" + tail) <= room:
        return "↪ …" + tail
    return metrics.elidedText("↪ " + zone, Qt.TextElideMode.ElideRight, room)


def wrapped_height(text: str, font: QFont, width: float) -> float:
    """Height of ``text`` wrapped at ``width`` (plain text, line breaks kept)."""
    return sum(h for _x, _y, h in _lines(text, font, width)[1]) if text else QFontMetricsF(font).height()


def _lines(text: str, font: QFont, width: float) -> tuple[list[QTextLayout], list[tuple[float, float, float]]]:
    layouts, boxes = [], []
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(10.0, width))
            line.setPosition(QPointF(0.0, y))
            boxes.append((0.0, y, line.height()))
            y += line.height()
        layout.endLayout()
        layouts.append(layout)
    return layouts, boxes


class NoteDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[str, float], float] = {}
        self._pictures: dict[tuple, QImage] = {}  # card pictures, least recently drawn first
        self._picture_bytes = 0
        self.set_font(view.font())

    def set_font(self, font: QFont) -> None:
        """The cards' fonts follow the list's: a new font forgets the measured heights."""
        self.text_font = QFont(font)
        self.text_font.setPointSizeF(max(10.5, font.pointSizeF() * 1.05))
        self.small_font = QFont(font)
        self.small_font.setPointSizeF(max(8.5, font.pointSizeF() * 0.85))
        self.badge_font = QFont(self.small_font)
        self.badge_font.setBold(True)
        self._heights.clear()
        self._pictures.clear()
        self._picture_bytes = 0
        self._line = QFontMetricsF(self.text_font).height()
        self._footer = QFontMetricsF(self.badge_font).height() + 6

    def _text_height(self, text: str, width: float) -> float:
        """``wrapped_height``, remembered: the list asks for every card's size many times
        (each layout pass, each insert) and a text's height only changes with its width."""
        key = (text, width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 50_000:
                self._heights.clear()
            height = self._heights[key] = wrapped_height(text, self.text_font, width)
        return height

    def _text_width(self, width: float) -> float:
        return max(40.0, width - 2 * GAP - STRIPE - 2 * PAD)

    def _footer_height(self) -> float:
        return self._footer

    def estimate(self) -> int:
        """A one-line card's height: the guess for cards not measured yet (no text is laid out)."""
        return int(self._line + self._footer_height() + 2 * PAD + GAP + 4)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt)
        width = float(self.view.viewport().width() - 2)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        height = self._text_height(text, self._text_width(width)) + self._footer_height()
        return QSize(int(width), int(height + 2 * PAD + GAP + 4))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Draw the card from a picture of it kept while it looks the same (a repaint of the
        window redraws a few dozen cards; each would lay out and draw its text again)."""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        shown = index.data(CARD_ROLE)
        if shown is None:  # a model without the one-call role
            shown = (index.data(Qt.ItemDataRole.DisplayRole), index.data(GROUP_ROLE), index.data(COLOUR_ROLE),
                     index.data(ORIGIN_ROLE), index.data(MISSING_ROLE), index.data(VOTES_ROLE))
        text, group, colour, origin, missing, votes = shown
        card = Card(text or "", group or _("Sin grupo"), (colour or QColor("#9AA4AD")).rgba(), origin or "",
                    bool(missing), votes or 0, selected, focused)
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        key = (card, option.rect.width(), option.rect.height(), ratio)
        picture = self._pictures.pop(key, None)
        if picture is None:
            picture = QImage(QSize(option.rect.width(), option.rect.height()) * ratio,
                             QImage.Format.Format_ARGB32_Premultiplied)
            picture.setDevicePixelRatio(ratio)
            picture.fill(0)
            inner = QPainter(picture)
            self._paint_card(inner, QRectF(0, 0, option.rect.width(), option.rect.height()), card)
            inner.end()
            self._picture_bytes += picture.sizeInBytes()
            viewport = self.view.viewport()
            budget = SCREENS * 4 * viewport.width() * viewport.height() * ratio * ratio
            while self._picture_bytes > budget and self._pictures:  # forget the least recently drawn
                self._picture_bytes -= self._pictures.pop(next(iter(self._pictures))).sizeInBytes()
        self._pictures[key] = picture
        painter.drawImage(option.rect.topLeft(), picture)

    def _paint_card(self, painter: QPainter, rect: QRectF, note: "Card") -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = rect.adjusted(GAP, GAP / 2, -GAP, -GAP / 2)
        selected, focused = note.selected, note.focused
        painter.setPen(QPen(ACCENT, 2) if selected else QPen(QColor("#D5D9DC"), 1))
        painter.setBrush(QColor("#E3F0F5") if selected else QColor("#FFFFFF"))
        painter.drawRoundedRect(card, 4, 4)
        colour = QColor.fromRgba(note.colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(card.left() + 1, card.top() + 1, STRIPE, card.height() - 2), 2, 2)
        if focused and not selected:
            painter.setPen(QPen(ACCENT, 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(2, 2, -2, -2), 3, 3)

        left = card.left() + STRIPE + PAD
        width = self._text_width(rect.width())
        painter.setPen(INK)
        layouts, _boxes = _lines(note.text, self.text_font, width)
        y = card.top() + PAD
        for layout in layouts:
            layout.draw(painter, QPointF(left, y))
            y += layout.boundingRect().height() if layout.lineCount() else QFontMetricsF(self.text_font).height()

        # Footer: group badge · origin · votes.
        y += 4
        x = left
        group = note.group
        metrics = QFontMetricsF(self.badge_font)
        badge = QRectF(x, y, metrics.horizontalAdvance(group) + 12, metrics.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setFont(self.badge_font)
        painter.setPen(text_on(colour))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, group)
        x = badge.right() + 8
        votes = note.votes
        votes_text = f"● {votes}" if votes else ""
        votes_w = QFontMetricsF(self.badge_font).horizontalAdvance(votes_text) if votes else 0.0
        origin = note.origin
        if origin:
            painter.setFont(self.small_font)
            painter.setPen(QColor("#B3261E") if note.missing else MUTED)
            room = card.right() - PAD - votes_w - 8 - x
            shown = origin_shown(origin, QFontMetricsF(self.small_font), room)
            painter.drawText(QRectF(x, y, max(0.0, room), badge.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine, shown)
        if votes:
            painter.setFont(self.badge_font)
            painter.setPen(VOTE)
            painter.drawText(QRectF(card.right() - PAD - votes_w, y, votes_w, badge.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, votes_text)
        painter.restore()

    # -- editing in place --------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = NoteEditor(parent)
        editor.setFont(self.text_font)
        editor.done.connect(lambda e=editor: (self.commitData.emit(e), self.closeEditor.emit(e)))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 (Qt)
        assert isinstance(editor, NoteEditor)
        if not editor.loaded:  # a refresh while typing must not put the old text back
            editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.selectAll()
            editor.loaded = True

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802 (Qt)
        assert isinstance(editor, NoteEditor)
        model.setData(index, typed_text(editor), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        rect = option.rect.adjusted(int(GAP), 0, -int(GAP), 0)
        rect.setHeight(max(rect.height(), 80))
        editor.setGeometry(rect)


class NoteEditor(CappedText, QPlainTextEdit):
    """The in-place editor: Enter saves, Shift+Enter is a new line (Escape is the view's: cancel)."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = False
        self.setTabChangesFocus(True)
        self.setStyleSheet("QPlainTextEdit { background: #FFFDE7; border: 2px solid #1F6F8B; }")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if is_submit(event):
            self.done.emit()
        elif is_newline(event):
            self.insertPlainText("\n")
        else:
            super().keyPressEvent(event)
