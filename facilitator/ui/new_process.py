"""Dialogs to choose a workshop script: for a new process file or a new workshop."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from .. import FILE_SUFFIX
from ..domain.templates import Template, builtin_templates
from ..i18n import _, pick
from qtshared.dialogs import Dialogs


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:60] or "proceso"


@dataclass
class NewWorkshopChoice:
    template: Template
    title: str
    date: str
    place: str
    path: Path | None = None  # for a new process
    process_title: str = ""


class TemplateChooser(QDialog):
    """Pick a script and name the workshop; with ``with_file`` also the new process file."""

    def __init__(self, parent: QWidget | None, *, with_file: bool, folder: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nuevo proceso") if with_file else _("Nuevo taller"))
        self.resize(720, 560)
        self.with_file = with_file
        self.folder = folder or str(Path.home())
        self.templates = builtin_templates()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Guion del taller:")))
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for t in self.templates:
            blocks = " · ".join(f"{pick(b.title)} {b.minutes}′" for b in t.blocks)
            item = QListWidgetItem(f"{pick(t.title)} — {t.total_minutes} min\n{blocks}")
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.currentRowChanged.connect(self._template_changed)
        self.list.itemActivated.connect(lambda _i: self.accept())
        layout.addWidget(self.list, 1)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("Muted")
        layout.addWidget(self.summary)

        form = QFormLayout()
        self.process_title = QLineEdit()
        self.title = QLineEdit()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.place = QLineEdit()
        if with_file:
            self.process_title.setPlaceholderText(_("p. ej. Política Municipal de Migración — Comuna de …"))
            form.addRow(_("Título del proceso:"), self.process_title)
        form.addRow(_("Título del taller:"), self.title)
        form.addRow(_("Fecha:"), self.date)
        form.addRow(_("Lugar:"), self.place)
        self.path = QLineEdit()
        if with_file:
            row = QHBoxLayout()
            row.addWidget(self.path, 1)
            browse = QPushButton(_("Elegir…"))
            browse.clicked.connect(self._browse)
            row.addWidget(browse)
            form.addRow(_("Archivo:"), row)
            self.process_title.textChanged.connect(self._suggest_path)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Crear"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._path_edited = False
        self.path.textEdited.connect(lambda _t: setattr(self, "_path_edited", True))
        self._template_changed(0)

    def _template_changed(self, row: int) -> None:
        if 0 <= row < len(self.templates):
            t = self.templates[row]
            self.summary.setText(pick(t.summary))
            self.title.setPlaceholderText(pick(t.title))
            self._suggest_path()

    def _suggest_path(self) -> None:
        if self.with_file and not self._path_edited:
            name = self.process_title.text().strip() or self.title.text().strip() or self.title.placeholderText()
            self.path.setText(str(Path(self.folder) / f"{slug(name)}{FILE_SUFFIX}"))

    def _browse(self) -> None:
        chosen = Dialogs.save_file(self, self.path.text() or self.folder)
        if chosen:
            if not chosen.endswith(FILE_SUFFIX):
                chosen += FILE_SUFFIX
            self.path.setText(chosen)
            self._path_edited = True

    def accept(self) -> None:
        if self.with_file:
            text = self.path.text().strip()
            if not text:
                Dialogs.error(self, _("Indique dónde guardar el archivo del proceso."))
                return
            path = Path(text)
            if path.suffix != FILE_SUFFIX:
                self.path.setText(str(path.with_name(path.name + FILE_SUFFIX)))
            if Path(self.path.text()).exists():
                Dialogs.error(self, _("Ya existe un archivo en «{path}»; elija otro nombre.", path=self.path.text()))
                return
            if not Path(self.path.text()).parent.is_dir():
                Dialogs.error(self, _("La carpeta «{path}» no existe.", path=str(Path(self.path.text()).parent)))
                return
        super().accept()

    def choice(self) -> NewWorkshopChoice:
        template = self.templates[max(self.list.currentRow(), 0)]
        title = self.title.text().strip() or pick(template.title)
        return NewWorkshopChoice(
            template=template, title=title, date=self.date.date().toString("yyyy-MM-dd"),
            place=self.place.text().strip(), path=Path(self.path.text()) if self.with_file else None,
            process_title=self.process_title.text().strip() or title)

    @classmethod
    def ask(cls, parent: QWidget | None, *, with_file: bool, folder: str = "") -> NewWorkshopChoice | None:
        """Show the dialog; tests replace this classmethod."""
        dialog = cls(parent, with_file=with_file, folder=folder)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
