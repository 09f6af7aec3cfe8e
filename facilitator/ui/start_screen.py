"""The start screen: new process, open a file, recent files, the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from ..domain.templates import builtin_templates
from ..i18n import LANGUAGES, _, current_language, pick
from ..settings import Settings
from .widgets import plain_label


def _label(text: str, name: str = "") -> QLabel:
    return plain_label(text, wrap=True, name=name)


class StartScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(str)
    language_requested = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StartScreen")
        self.settings = settings
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 36, 48, 36)
        outer.setSpacing(40)

        left = QVBoxLayout()
        left.addWidget(_label("Papelógrafo", "AppTitle"))
        left.addWidget(_label(_("Talleres participativos sin conexión: guion con tiempos, post-its y "
                                "sistematización en un solo archivo."), "Tagline"))
        left.addSpacing(24)
        self.new_button = self._big(_("Nuevo proceso desde un guion…"), self.new_requested)
        self.open_button = self._big(_("Abrir un archivo…"), self.open_requested)
        self.demo_button = self._big(_("Abrir la demostración"), self.demo_requested)
        for b in (self.new_button, self.open_button, self.demo_button):
            left.addWidget(b)
        left.addSpacing(24)
        left.addWidget(_label(_("Archivos recientes"), "SectionTitle"))
        self.recent = QListWidget()
        self.recent.setAccessibleName(_("Archivos recientes"))
        self.recent.setSpacing(3)
        self.recent.itemActivated.connect(self._open_recent)
        left.addWidget(self.recent, 1)
        lang_row = QHBoxLayout()
        lang_row.addWidget(_label(_("Idioma:")))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(current_language()))
        self.language.currentIndexChanged.connect(
            lambda i: self.language_requested.emit(self.language.itemData(i)))
        lang_row.addWidget(self.language)
        lang_row.addStretch(1)
        left.addLayout(lang_row)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        right.addWidget(_label(_("Guiones incluidos"), "SectionTitle"))
        self.templates = QListWidget()
        self.templates.setAccessibleName(_("Guiones incluidos"))
        self.templates.setWordWrap(True)
        self.templates.setSpacing(6)
        self.templates.setAlternatingRowColors(True)
        for t in builtin_templates():
            item = QListWidgetItem(f"{pick(t.title)} — {t.total_minutes} min\n{pick(t.summary)}")
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.templates.addItem(item)
        self.templates.itemActivated.connect(lambda _item: self.new_requested.emit())
        right.addWidget(self.templates, 1)
        outer.addLayout(right, 2)
        self.refresh_recent()

    def _big(self, text: str, signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("BigButton")
        button.clicked.connect(signal.emit)
        return button

    def refresh_recent(self) -> None:
        self.recent.clear()
        for path in self.settings.get("recent_files"):
            exists = Path(path).is_file()
            text = f"{Path(path).name}\n{path}" if exists else f"{Path(path).name} — {_('no encontrado')}\n{path}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, path)
            if not exists:
                item.setForeground(Qt.GlobalColor.gray)
            self.recent.addItem(item)
        if not self.recent.count():
            item = QListWidgetItem(_("Todavía no hay archivos recientes."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.recent_requested.emit(path)
