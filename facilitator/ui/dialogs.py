"""Message boxes and file pickers behind one class that tests can replace.

Following pytest-qt's advice on dialogs: code calls ``Dialogs.error(...)`` etc.,
and tests monkeypatch these classmethods instead of clicking modal boxes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from .. import FILE_SUFFIX
from ..i18n import _


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and user text are never markup
    return box


class Dialogs:
    @classmethod
    def error(cls, parent: QWidget | None, text: str) -> None:
        _box(parent, QMessageBox.Icon.Warning, _("Papelógrafo"), text).exec()

    @classmethod
    def info(cls, parent: QWidget | None, text: str) -> None:
        _box(parent, QMessageBox.Icon.Information, _("Papelógrafo"), text).exec()

    @classmethod
    def confirm(cls, parent: QWidget | None, text: str) -> bool:
        box = _box(parent, QMessageBox.Icon.Question, _("Papelógrafo"), text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Sí"))
        box.button(QMessageBox.StandardButton.No).setText(_("No"))
        return box.exec() == QMessageBox.StandardButton.Yes

    @classmethod
    def process_filter(cls) -> str:
        return _("Procesos de Papelógrafo (*{suffix});;Todos los archivos (*)", suffix=FILE_SUFFIX)

    @classmethod
    def open_file(cls, parent: QWidget | None, folder: str = "", filters: str | None = None,
                  title: str | None = None) -> str:
        path, _sel = QFileDialog.getOpenFileName(parent, title or _("Abrir proceso"), folder,
                                                 filters or cls.process_filter())
        return path

    @classmethod
    def save_file(cls, parent: QWidget | None, folder: str = "", filters: str | None = None,
                  title: str | None = None) -> str:
        path, _sel = QFileDialog.getSaveFileName(parent, title or _("Guardar proceso como"), folder,
                                                 filters or cls.process_filter())
        return path
