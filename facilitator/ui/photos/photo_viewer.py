"""A photo at full size, fitted to the window; ← and → step through the gallery.

The stored copy is decoded only when shown, one photo at a time, so browsing a
workshop with many photos holds one full-size image in memory. "Proyectar" shows
it full screen on the other screen (the projector, when one is connected), so
the facilitator can put a group's flipchart up for the plenary; Esc brings it back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ... import photos as P
from ...i18n import _
from ...store import Store


class PhotoViewer(QDialog):
    def __init__(self, store: Store, ids: list[str], labels: list[str], row: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ids, self.labels = store, ids, labels
        self.row = row
        self.pixmap = QPixmap()
        self.setWindowTitle(_("Foto"))
        layout = QVBoxLayout(self)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(200, 150)
        self.image.setStyleSheet("background: #202124;")
        layout.addWidget(self.image, 1)
        bottom = QHBoxLayout()
        self.previous = QPushButton(_("◀ Anterior"))
        self.previous.clicked.connect(lambda: self.step(-1))
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next = QPushButton(_("Siguiente ▶"))
        self.next.clicked.connect(lambda: self.step(1))
        self.project = QPushButton(_("Proyectar"))
        self.project.setToolTip(_("Pantalla completa en el proyector (F11); Esc vuelve"))
        self.project.clicked.connect(self.toggle_projection)
        close = QPushButton(_("Cerrar"))
        close.clicked.connect(self.accept)
        bottom.addWidget(self.previous)
        bottom.addWidget(self.caption, 1)
        bottom.addWidget(self.next)
        bottom.addWidget(self.project)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(int(screen.width() * 0.8), int(screen.height() * 0.85))
        self._show()

    def _show(self) -> None:
        data = P.photo_data(self.store, self.ids[self.row])
        self.pixmap = QPixmap()
        if data is None or not self.pixmap.loadFromData(data):
            self.image.setText(_("No se puede mostrar esta foto."))
        self.caption.setText(_("{label}  ({n} de {total})", label=self.labels[self.row], n=self.row + 1,
                               total=len(self.ids)))
        self.previous.setEnabled(self.row > 0)
        self.next.setEnabled(self.row < len(self.ids) - 1)
        self._fit()

    def _fit(self) -> None:
        if self.pixmap.isNull():
            return
        self.image.setPixmap(self.pixmap.scaled(self.image.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))

    def step(self, delta: int) -> None:
        row = self.row + delta
        if 0 <= row < len(self.ids):
            self.row = row
            self._show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def toggle_projection(self) -> None:
        """Full screen on a screen other than the facilitator's, if there is one; again to come back."""
        if self.isFullScreen():
            self.showNormal()
            return
        here = (self.parentWidget() or self).screen()
        target = next((s for s in QGuiApplication.screens() if s is not here), here)
        if target is not None:
            handle = self.windowHandle()
            if handle is not None:
                handle.setScreen(target)
            self.move(target.geometry().topLeft())
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif event.key() == Qt.Key.Key_F11:
            self.toggle_projection()
        elif event.key() == Qt.Key.Key_Left:
            self.step(-1)
        elif event.key() == Qt.Key.Key_Right:
            self.step(1)
        else:
            super().keyPressEvent(event)
