"""Message boxes and file pickers behind one class that tests can replace.

Following pytest-qt's advice on dialogs: code calls ``Dialogs.error(...)`` etc.,
and tests monkeypatch these classmethods instead of clicking modal boxes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import Qt

from facilitator import FILE_SUFFIX
from facilitator.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

# QMessageBox and QFileDialog are looked up through the module on first use:
# touching a Qt class builds all its enums, which costs start-up time.


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    QMessageBox = QtWidgets.QMessageBox
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and user text are never markup
    return box


class Dialogs:
    @classmethod
    def error(cls, parent: QWidget | None, text: str) -> None:
        _box(parent, QtWidgets.QMessageBox.Icon.Warning, _("Papelógrafo"), text).exec()

    @classmethod
    def info(cls, parent: QWidget | None, text: str) -> None:
        _box(parent, QtWidgets.QMessageBox.Icon.Information, _("Papelógrafo"), text).exec()

    @classmethod
    def confirm(cls, parent: QWidget | None, text: str) -> bool:
        QMessageBox = QtWidgets.QMessageBox
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
        path, _sel = QtWidgets.QFileDialog.getOpenFileName(parent, title or _("Abrir proceso"), folder,
                                                 filters or cls.process_filter())
        return path

    @classmethod
    def save_file(cls, parent: QWidget | None, folder: str = "", filters: str | None = None,
                  title: str | None = None) -> str:
        path, _sel = QtWidgets.QFileDialog.getSaveFileName(parent, title or _("Guardar proceso como"), folder,
                                                 filters or cls.process_filter())
        return path
