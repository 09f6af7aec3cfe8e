"""The board's side panel: edit the selected notes and the canvas's themes.

Two tabs. "Notas", the selected notes: the text (one note; typing merges into one
undo step), dot votes (buttons or the count read off the flipchart), delete, the
policy-dimension and horizon tags. "Temas", the patterns common to the groups: the
selection's theme, group the selection into a new named theme, rename, remove,
show only one theme. Every change is a command from ``facilitator.board``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSpinBox, QTabWidget,
                               QToolButton, QVBoxLayout, QWidget)

from canvases.board.editor import NoteTextEdit, typed_text
from facilitator import board
from facilitator.domain.tags import TAGS
from facilitator.i18n import _, current_language, ngettext, pgettext
from qtshared.widgets import plain_label

if TYPE_CHECKING:
    from .board_panel import BoardPanel

MIXED = -1  # the vote box shows "—" when the selected notes differ


def _page(tabs: QTabWidget, title: str) -> QVBoxLayout:
    """A tab of the side panel that scrolls on its own when the window is too short for it."""
    page = QWidget()
    col = QVBoxLayout(page)
    col.setContentsMargins(6, 4, 4, 4)
    scroll = QScrollArea()
    scroll.setWidget(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tabs.addTab(scroll, title)
    return col


class NoteInspector(QTabWidget):
    """Two tabs: the selected notes (text, votes, delete, tags) and the canvas's themes (with the selection's).

    Each tab is whole at 1366×768; side by side in one column the themes sat cut in
    half under the tags, reachable only by scrolling the panel.
    """

    def __init__(self, panel: "BoardPanel") -> None:
        super().__init__(panel)
        self.panel = panel
        self.ids: list[str] = []
        self._loading = False
        self.setDocumentMode(True)
        col = _page(self, _("Notas"))

        self.heading = plain_label("", wrap=True, name="SectionTitle")
        col.addWidget(self.heading)
        self.text = NoteTextEdit()
        self.text.setAccessibleName(_("Texto de la nota"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(96)
        self.text.textChanged.connect(self._text_changed)
        col.addWidget(self.text)
        self.where = plain_label("", wrap=True, name="Muted")
        col.addWidget(self.where)

        votes = QHBoxLayout()
        votes.addWidget(plain_label(_("Votos"), wrap=True))
        self.minus = QToolButton()
        self.minus.setText("−")
        self.minus.setToolTip(_("Quitar un voto (tecla -)"))
        self.minus.clicked.connect(lambda: self.panel.change_votes(-1))
        self.votes = QSpinBox()
        self.votes.setRange(MIXED, 999)
        self.votes.setSpecialValueText("—")
        self.votes.setKeyboardTracking(False)
        self.votes.setAccessibleName(_("Votos"))
        self.votes.valueChanged.connect(self._votes_changed)
        self.plus = QToolButton()
        self.plus.setText("+")
        self.plus.setToolTip(_("Sumar un voto (tecla +)"))
        self.plus.clicked.connect(lambda: self.panel.change_votes(1))
        for w in (self.minus, self.votes, self.plus):
            votes.addWidget(w)
        votes.addStretch(1)
        self.delete = QPushButton(_("Eliminar"))
        self.delete.setToolTip(_("Eliminar notas seleccionadas"))
        self.delete.clicked.connect(self.panel.delete_selected)
        votes.addWidget(self.delete)
        col.addLayout(votes)

        self.tag_boxes: dict[str, QCheckBox] = {}
        lang = current_language()
        for kind, title in (("dimension", _("Dimensiones de la política")),
                            ("horizon", pgettext("horizonte temporal de una idea", "Plazo"))):
            box = QGroupBox(title)
            grid = QGridLayout(box)
            grid.setContentsMargins(6, 4, 6, 4)
            grid.setVerticalSpacing(0)
            tags = [t for t in TAGS if t.kind == kind]
            per_col = 1 if kind == "dimension" else len(tags)  # the three horizons are short: one row
            for i, tag in enumerate(tags):
                check = QCheckBox(tag.label.get(lang) or tag.label["es"])
                check.clicked.connect(lambda _c=False, key=tag.key: self._tag_clicked(key))
                self.tag_boxes[tag.key] = check
                grid.addWidget(check, i // per_col, i % per_col)
            col.addWidget(box)

        col.addStretch(1)

        tcol = _page(self, _("Temas"))
        tcol.addWidget(plain_label(_("Temas: patrones comunes entre los grupos"), wrap=True, name="SectionTitle"))
        self.theme_selection = plain_label("", wrap=True, name="Muted")  # what "Agrupar" would group
        tcol.addWidget(self.theme_selection)
        theme_row = QHBoxLayout()
        theme_row.addWidget(plain_label(_("Tema"), wrap=True))
        self.theme = QComboBox()
        self.theme.setAccessibleName(_("Tema de las notas seleccionadas"))
        self.theme.activated.connect(self._theme_chosen)
        theme_row.addWidget(self.theme, 1)
        tcol.addLayout(theme_row)
        self.theme_name = QLineEdit()
        self.theme_name.setPlaceholderText(_("Nombre del tema"))
        self.theme_name.setAccessibleName(_("Nombre del tema"))
        self.theme_name.returnPressed.connect(self.group_into_theme)
        tcol.addWidget(self.theme_name)
        self.group_button = QPushButton(_("Agrupar en un tema nuevo"))
        self.group_button.setToolTip(_("Las notas seleccionadas, de cualquier grupo, forman un tema con este nombre"))
        self.group_button.clicked.connect(self.group_into_theme)
        tcol.addWidget(self.group_button)
        self.theme_list = QListWidget()
        self.theme_list.setAccessibleName(_("Temas"))
        self.theme_list.setWordWrap(True)
        self.theme_list.setMinimumHeight(120)
        self.theme_list.currentItemChanged.connect(lambda *_a: self._sync_theme_buttons())
        tcol.addWidget(self.theme_list, 1)
        buttons = QHBoxLayout()
        self.rename_button = QPushButton(_("Renombrar"))
        self.rename_button.setToolTip(_("Da al tema marcado el nombre escrito arriba"))
        self.rename_button.clicked.connect(self._rename_theme)
        self.remove_button = QPushButton(_("Quitar"))
        self.remove_button.clicked.connect(self._remove_theme)
        self.show_button = QPushButton(_("Mostrar"))
        self.show_button.setToolTip(_("Filtra el tablero por este tema"))
        self.show_button.clicked.connect(self._show_theme)
        for b in (self.rename_button, self.remove_button, self.show_button):
            buttons.addWidget(b)
        tcol.addLayout(buttons)
        self.refresh([])

    # -- showing -------------------------------------------------------------------
    def _rows(self) -> list[dict[str, Any]]:
        scene = self.panel.scene
        if scene is None:
            return []
        return [scene.notes[i].row for i in self.ids if i in scene.notes]

    def refresh(self, ids: list[str] | None = None) -> None:
        """Show the given selection (or the same one again after the file changed)."""
        if ids is not None:
            self.ids = ids
        rows = self._rows()
        self.ids = [r["id"] for r in rows]
        editable = not self.panel.read_only
        self._loading = True
        try:
            n = len(rows)
            self.heading.setText(_("Ninguna nota seleccionada") if n == 0 else
                                 ngettext("{n} nota seleccionada", "{n} notas seleccionadas", n))
            self.theme_selection.setText(self.heading.text())
            single = rows[0] if n == 1 else None
            self.text.setVisible(single is not None)
            self.where.setVisible(single is not None)
            self.text.setReadOnly(not editable)
            wanted = single["text"] if single else ""
            if typed_text(self.text) != wanted:
                self.text.setPlainText(wanted)
                self.text.moveCursor(self.text.textCursor().MoveOperation.End)
            self.where.setText(self._where(single) if single else "")
            votes = {r["votes"] for r in rows}
            self.votes.setValue(votes.pop() if len(votes) == 1 else MIXED)
            for w in (self.votes, self.minus, self.plus, self.delete, self.theme):
                w.setEnabled(bool(rows) and editable)
            for key, check in self.tag_boxes.items():
                have = sum(1 for r in rows if key in board.note_tags(r))
                check.setEnabled(bool(rows) and editable)
                check.setTristate(0 < have < n)
                check.setCheckState(Qt.CheckState.Unchecked if have == 0 else
                                    Qt.CheckState.Checked if have == n else Qt.CheckState.PartiallyChecked)
            self._fill_theme_combo(rows)
            self.group_button.setEnabled(bool(rows) and editable)
        finally:
            self._loading = False
        self._sync_theme_buttons()

    def _where(self, row: dict[str, Any]) -> str:
        scene = self.panel.scene
        lane = scene.lane_of(row)
        parts = [scene.group_name(lane), scene.zone_label(row["zone"])]
        if row.get("author"):
            parts.append(row["author"])
        from facilitator.capture.items import origin_text

        origin = origin_text(self.panel.doc, row["id"])
        if origin:
            parts.append(origin)
        return " · ".join(parts)

    def _fill_theme_combo(self, rows: list[dict[str, Any]]) -> None:
        self.theme.clear()
        self.theme.addItem(_("(sin tema)"), None)
        themes = self.panel.scene.theme_rows if self.panel.scene else []
        for t in themes:
            self.theme.addItem(t["name"], t["id"])
        current = {r["theme_id"] for r in rows}
        if len(current) == 1:
            index = self.theme.findData(current.pop())
            self.theme.setCurrentIndex(max(0, index))
        elif rows:
            self.theme.insertItem(0, _("(varios temas)"), "*")
            self.theme.setCurrentIndex(0)

    def refresh_themes(self) -> None:
        """The list of the canvas's themes with how many notes each holds."""
        scene = self.panel.scene
        keep = self.selected_theme()
        self.theme_list.clear()
        if scene is not None:
            counts: dict[str, int] = {}
            for item in scene.notes.values():
                tid = item.row.get("theme_id")
                if tid:
                    counts[tid] = counts.get(tid, 0) + 1
            for t in scene.theme_rows:
                n = counts.get(t["id"], 0)
                entry = QListWidgetItem(ngettext("{name} — {n} nota", "{name} — {n} notas", n, name=t["name"]))
                entry.setData(Qt.ItemDataRole.UserRole, t["id"])
                self.theme_list.addItem(entry)
                if t["id"] == keep:
                    self.theme_list.setCurrentItem(entry)
        self.refresh()

    def selected_theme(self) -> str | None:
        item = self.theme_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _sync_theme_buttons(self) -> None:
        has = self.selected_theme() is not None
        editable = not self.panel.read_only
        self.rename_button.setEnabled(has and editable)
        self.remove_button.setEnabled(has and editable)
        self.show_button.setEnabled(has)

    # -- editing -----------------------------------------------------------------------
    def _text_changed(self) -> None:
        if self._loading or len(self.ids) != 1 or self.panel.read_only:
            return
        command = board.edit_text(self.panel.doc, self.ids[0], typed_text(self.text))
        if command is not None:
            self.panel.run(command, mergeable=True)

    def _votes_changed(self, value: int) -> None:
        if not self._loading and value != MIXED:
            self.panel.set_votes(value)

    def _tag_clicked(self, key: str) -> None:
        if self._loading:
            return
        on = self.tag_boxes[key].checkState() != Qt.CheckState.Unchecked
        self.panel.run(board.set_tag(self.panel.doc, self.ids, key, on))
        self.refresh()

    def _theme_chosen(self, index: int) -> None:
        theme_id = self.theme.itemData(index)
        if theme_id == "*":
            return
        self.panel.run(board.assign_theme(self.panel.doc, self.ids, theme_id))

    def group_into_theme(self) -> bool:
        """Make a new theme from the selected notes, named as typed."""
        if not self.ids or self.panel.read_only:
            return False
        try:
            command = board.create_theme(self.panel.doc, self.panel.canvas_id, self.theme_name.text(), self.ids)
        except ValueError as exc:
            self.panel.show_message(str(exc))
            self.theme_name.setFocus()
            return False
        if self.panel.run(command):
            self.theme_name.clear()
            return True
        return False

    def _rename_theme(self) -> None:
        theme_id = self.selected_theme()
        if theme_id is None:
            return
        try:
            command = board.rename_theme(self.panel.doc, theme_id, self.theme_name.text())
        except ValueError as exc:
            self.panel.show_message(str(exc))
            self.theme_name.setFocus()
            return
        if self.panel.run(command):
            self.theme_name.clear()

    def _remove_theme(self) -> None:
        theme_id = self.selected_theme()
        if theme_id is not None:
            self.panel.run(board.remove_theme(self.panel.doc, theme_id))

    def _show_theme(self) -> None:
        theme_id = self.selected_theme()
        if theme_id is not None:
            self.panel.filter_bar.show_theme(theme_id)
