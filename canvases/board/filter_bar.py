"""The board's search and filter bar: words, tag, group, theme; dim or hide the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from canvases.board.scene import BoardScene
from facilitator import board
from facilitator.domain.tags import TAGS
from facilitator.i18n import _, current_language

from qtshared.flow import FlowLayout
from qtshared.widgets import plain_label, tooltip_says_choice

if TYPE_CHECKING:
    from .board_panel import BoardPanel

NO_GROUP = ""  # "Sin grupo" / "Sin tema" in switchers and combos (group and theme ids are UUIDs)


class FilterBar(QWidget):
    """Search words, tag, group and theme: the notes that do not match are dimmed or hidden."""

    def __init__(self, panel: "BoardPanel") -> None:
        super().__init__(panel)
        self.panel = panel
        row = FlowLayout(self, spacing=6)  # wraps onto a second line on a small screen
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Buscar en las notas… (Ctrl+F)"))
        self.search.setAccessibleName(_("Buscar en las notas"))
        self.search.setClearButtonEnabled(True)
        self.tag = QComboBox()
        self.tag.setAccessibleName(_("Filtrar por etiqueta"))
        self.group = QComboBox()
        self.group.setAccessibleName(_("Filtrar por grupo"))
        self.theme = QComboBox()
        self.theme.setAccessibleName(_("Filtrar por tema"))
        self.search.setMinimumWidth(220)
        for combo in (self.tag, self.group, self.theme):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            tooltip_says_choice(combo)
        self.hide = QCheckBox(_("Ocultar las demás"))
        self.count = plain_label("", wrap=True, name="Muted")
        self.count.setWordWrap(False)
        row.addWidget(self.search)
        for w in (self.tag, self.group, self.theme):
            row.addWidget(w)
        row.addWidget(self.hide)
        row.addWidget(self.count)
        self.tag.addItem(_("Todas las etiquetas"), board.ANY)
        lang = current_language()
        for t in TAGS:
            self.tag.addItem(t.label.get(lang) or t.label["es"], t.key)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.tag, self.group, self.theme):
            combo.activated.connect(lambda _i: self.apply())
        self.hide.toggled.connect(lambda _c: self.apply())

    def fill(self, scene: BoardScene | None) -> None:
        """Offer the groups and themes of the board shown (keeping what was chosen)."""
        for combo, everything, entries, none_label in (
                (self.group, _("Todos los grupos"),
                 [(g["id"], g["name"]) for g in (scene.groups if scene else [])], _("Sin grupo")),
                (self.theme, _("Todos los temas"),
                 [(t["id"], t["name"]) for t in (scene.theme_rows if scene else [])], _("Sin tema"))):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, board.ANY)
            for key, name in entries:
                combo.addItem(name, key)
            combo.addItem(none_label, NO_GROUP)
            index = combo.findData(keep)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)

    def current(self) -> board.NoteFilter:
        def value(combo: QComboBox) -> str | None:
            data = combo.currentData()
            return None if data == NO_GROUP else (data if data is not None else board.ANY)

        return board.NoteFilter(text=self.search.text(), tag=self.tag.currentData() or board.ANY,
                                group=value(self.group), theme=value(self.theme))

    def apply(self) -> None:
        self._timer.stop()
        scene = self.panel.scene
        if scene is None:
            self.count.setText("")
            return
        note_filter = self.current()
        matches = scene.set_filter(note_filter, self.hide.isChecked())
        self.show_count()
        if note_filter.active and matches:
            first = scene.matching_ids()[0]
            self.panel.view.reveal(first)

    def show_count(self) -> None:
        scene = self.panel.scene
        if scene is None or not scene.filter.active:
            self.count.setText("")
        else:
            self.count.setText(_("{m} de {n}", m=scene.matches, n=len(scene.notes)))

    def show_theme(self, theme_id: str) -> None:
        index = self.theme.findData(theme_id)
        if index >= 0:
            self.theme.setCurrentIndex(index)
            self.apply()
