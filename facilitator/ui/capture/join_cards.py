"""QR codes and short codes to join the capture: one card per group (or one for the room).

Used in the Phones tab (light) and on the projector (dark, large). The QR
encodes the join link exactly; the short code is for a phone that cannot scan.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from exports.qr import qr_png

from ...capture.guard import Pass
from ...capture.server import CaptureServer
from ...i18n import _
from qtshared.widgets import plain_label


def qr_pixmap(url: str) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(url, box=8), "PNG")
    return pixmap


def spaced(code: str) -> str:
    """ABC123 read off a wall as ABC 123."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


class JoinCard(QFrame):
    def __init__(self, server: CaptureServer, p: Pass, *, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JoinCard")
        self.pass_ = p
        self.url = server.url(p)
        self._pixmap = qr_pixmap(self.url)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        who = _("Relatoría (otra computadora)") if p.role == "recorder" else (p.label or _("Toda la sala"))
        self.title = plain_label(who, self)
        self.qr = QLabel(self)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName(_("Código QR para unirse: {who}", who=who))
        self.code = plain_label(spaced(p.code), self)
        self.code.setAccessibleName(_("Código corto"))
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link = plain_label(server.base_url(), self)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link.setToolTip(self.url)
        for widget in (self.title, self.qr, self.code, self.link):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        fg, bg = ("#ffffff", "#161b22") if dark else ("#1d1d1b", "#ffffff")
        self.setStyleSheet(f"QFrame#JoinCard {{ background: {bg}; border-radius: 8px; }} "
                           f"QFrame#JoinCard QLabel {{ color: {fg}; background: transparent; }}")
        self.set_size(180)

    def set_size(self, side: int) -> None:
        """The QR's side in pixels; the text scales with it."""
        self.qr.setPixmap(self._pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.FastTransformation))
        for label, factor, bold in ((self.title, 0.1, True), (self.code, 0.16, True), (self.link, 0.1, True)):
            font = QFont(self.font())
            font.setPixelSize(max(11, int(side * factor)))
            font.setBold(bold)
            if label is self.code:
                font.setFamilies(["DejaVu Sans Mono", "monospace"])
            label.setFont(font)


class JoinCards(QWidget):
    """A row of join cards for an open capture (phones' cards; the recorder's only where asked)."""

    def __init__(self, *, dark: bool, recorder: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dark, self.recorder = dark, recorder
        self.cards: list[JoinCard] = []
        self.side = 150
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)

    def show_server(self, server: CaptureServer | None) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        while self._row.count():
            self._row.takeAt(0)
        if server is None:
            return
        self._row.addStretch(1)
        for p in server.passes:
            if p.role == "recorder" and not self.recorder:
                continue
            card = JoinCard(server, p, dark=self.dark, parent=self)
            card.set_size(self.side)
            self.cards.append(card)
            self._row.addWidget(card)
        self._row.addStretch(1)

    def set_side(self, side: int) -> None:
        self.side = side
        for card in self.cards:
            card.set_size(side)
