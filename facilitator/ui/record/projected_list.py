"""Show a list to the room: the plenary's minutes or the commitments, on the projector.

A high-contrast window that goes full screen on another screen when one is
connected (a movable 1280x720 window otherwise), and follows the document live:
what the recorder types appears on the wall as it is committed.
"""

from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ...store.db import Change
from qtshared.context import DocumentSignals
from qtshared.projection import show_on_projector
from qtshared.projection import ACCENT, BG, FG, MUTED
from qtshared.widgets import plain_label

Item = tuple[str, str]  # (small label above, the text itself)


class ProjectedList(QWidget):
    def __init__(self, title: Callable[[], str], items: Callable[[], list[Item]], signals: DocumentSignals,
                 tables: Iterable[str], empty: str = "—", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.title_source, self.items_source = title, items
        self.tables = set(tables)
        self.empty = empty
        self.signals = signals
        self.setWindowTitle("Papelógrafo")
        self.setStyleSheet(f"QWidget {{ background: {BG}; color: {FG}; }}"
                           f"QScrollBar:vertical {{ background: {BG}; width: 10px; border: none; }}"
                           f"QScrollBar::handle:vertical {{ background: {MUTED}; border-radius: 5px; }}"
                           "QScrollBar::add-line, QScrollBar::sub-line { height: 0; }")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 36, 48, 36)
        self.title = plain_label("", self, wrap=True)
        outer.addWidget(self.title)
        scroll = self.scroll = QScrollArea(self)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setSpacing(18)
        scroll.setWidget(self.body)
        # The newest entry is the one being spoken about: keep the end in view.
        bar = scroll.verticalScrollBar()
        bar.rangeChanged.connect(lambda _low, high: bar.setValue(high))
        outer.addWidget(scroll, 1)
        self.labels: list = []
        signals.changed.connect(self._changed)
        self.refresh()

    def _font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def refresh(self) -> None:
        scale = max(self.height(), 720) / 720
        self.title.setText(self.title_source())
        self.title.setFont(self._font(30 * scale, True))
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone from the wall now, not when Qt gets round to deleting it
                item.widget().deleteLater()
        self.labels = []
        for label, text in self.items_source():
            small = plain_label(label, self.body, wrap=True)
            small.setFont(self._font(15 * scale, True))
            small.setStyleSheet(f"color: {ACCENT};")
            big = plain_label(text, self.body, wrap=True)
            big.setFont(self._font(24 * scale))
            big.setStyleSheet(f"color: {FG};")
            box = QWidget(self.body)
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            col.addWidget(small)
            col.addWidget(big)
            self.rows.addWidget(box)
            self.labels.append((small, big))
        if not self.labels:
            empty = plain_label(self.empty, self.body, wrap=True)
            empty.setStyleSheet(f"color: {MUTED};")
            empty.setFont(self._font(24 * scale))
            self.rows.addWidget(empty)
        self.rows.addStretch(1)

    def _changed(self, changes: list[Change]) -> None:
        if self.isVisible() and {c.table for c in changes} & self.tables:
            self.refresh()

    def project(self, facilitator_screen=None) -> None:
        show_on_projector(self, facilitator_screen)
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() == Qt.Key.Key_Escape:
            if self.isFullScreen():
                self.showNormal()
            else:
                self.close()
        elif event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        else:
            super().keyPressEvent(event)

    def detach(self) -> None:
        self.signals.changed.disconnect(self._changed)
