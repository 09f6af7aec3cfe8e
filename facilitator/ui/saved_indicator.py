"""The status-bar word that tells the user their work is in the file."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ..i18n import _


class SavedIndicator(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.clear()

    def _show(self, text: str, kind: str, tip: str = "") -> None:
        self.setText(text)
        self.setObjectName(kind)
        self.setToolTip(tip)
        self.style().unpolish(self)
        self.style().polish(self)

    def show_opened(self, readonly: bool) -> None:
        if readonly:
            self._show(_("Solo lectura: no se guardarán cambios"), "SavedReadOnly")
        else:
            self._show(_("✔ Todo guardado"), "SavedOk", _("Cada cambio se guarda en el archivo al instante."))

    def show_saved(self) -> None:
        self._show(_("✔ Guardado a las {time}", time=datetime.now().strftime("%H:%M:%S")), "SavedOk",
                   _("Cada cambio se guarda en el archivo al instante."))

    def show_failed(self, message: str) -> None:
        self._show(_("⚠ No se guardó el último cambio"), "SavedFailed", message)

    def clear(self) -> None:
        self._show("", "SavedOk")
