"""The start screen: new process, open a file, recent files, the demo.

It is the first thing a user waits for, so it paints before it fills its two
lists: the built-in scripts (read from JSON files) and the recent files come in
right after the first paint, one frame later, into lists that already have their
place on screen (nothing moves). It avoids ``Qt.*`` constants (the lists' ids and
paths are kept here, not in item roles): PySide builds the Python enums of the
whole ``Qt`` namespace on first use, about 15 ms where a bare window starts in
about 100 (see bench/startup.py); that wait comes later, when a process opens.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from ..i18n import LANGUAGES, _, current_language, pick
from ..settings import Settings
from qtshared.style import MUTED


def _label(text: str, name: str = "") -> QLabel:
    """widgets.plain_label, setting the text format by its Qt property name instead of the ``Qt`` enum."""
    label = QLabel()
    label.setProperty("textFormat", "PlainText")  # never rich text (= Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


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
        self.filled = False
        self.template_ids: list[str] = []  # the scripts' ids, in the list's order
        self.recent_paths: list[str] = []  # the recent files, in the list's order
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
        self.templates.itemActivated.connect(lambda _item: self.new_requested.emit())
        right.addWidget(self.templates, 1)
        outer.addLayout(right, 2)

    def _big(self, text: str, signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("BigButton")
        button.clicked.connect(signal.emit)
        return button

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.filled:
            QTimer.singleShot(0, self, self._fill_once)  # runs once this frame is on screen

    def _fill_once(self) -> None:
        if not self.filled:
            self.refresh()

    def refresh(self) -> None:
        """Fill the lists now: the built-in scripts the first time, the recent files every time."""
        if not self.filled:
            from ..domain.templates import builtin_templates

            for t in builtin_templates():
                self.templates.addItem(f"{pick(t.title)} — {t.total_minutes} min\n{pick(t.summary)}")
                self.template_ids.append(t.id)
            self.filled = True
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent.clear()
        self.recent_paths = self.settings.get("recent_files")
        for path in self.recent_paths:
            name = Path(path).name
            if Path(path).is_file():
                self.recent.addItem(f"{name}\n{path}")
            else:
                item = QListWidgetItem(f"{name} — {_('no encontrado')}\n{path}")
                item.setForeground(QColor(MUTED))
                self.recent.addItem(item)
        if not self.recent_paths:
            self.recent.addItem(_("Todavía no hay archivos recientes."))
        self.recent.setEnabled(bool(self.recent_paths))  # the placeholder is not a file to open

    def _open_recent(self, item: QListWidgetItem) -> None:
        row = self.recent.row(item)
        if 0 <= row < len(self.recent_paths):
            self.recent_requested.emit(self.recent_paths[row])
