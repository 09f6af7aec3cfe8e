"""The workshop's "Tablero" tab: the sticky-note board of the diagnostic method.

Keyboard first: when the tab opens, the capture field has the focus; typing and
Enter adds a note to the current group and zone (highlighted on the board),
Ctrl+1…9 / Ctrl+↑↓ switch group and Alt+1…9 / Alt+←→ switch zone without
leaving the field, and a pasted list becomes one note per line. Adding a note is
one small committed transaction and one new item on the board, so typing 40
post-its in a row never waits for the app.

The panel wires widgets together; the board's model lives in the file
(``facilitator.board`` commands), its picture in ``canvases.board``.
"""

from __future__ import annotations

from typing import Any, Hashable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from canvases.board.scene import BoardScene
from canvases.board.view import REVEAL_MARGIN, BoardView
from facilitator import board
from facilitator.commands import Command
from facilitator.i18n import _
from facilitator.store import FileProblem

from .capture import ChoiceBar, add_choice_row, bind_capture_keys, capture_entry
from .filter_bar import NO_GROUP, FilterBar
from .inspector import NoteInspector
from qtshared.canvas_panel import CanvasPanel
from qtshared.context import WorkshopContext
from qtshared.widgets import plain_label

HINT_DELAY_MS = 150


class BoardPanel(CanvasPanel):
    kind = board.KIND

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.scene: BoardScene | None = None
        self.view: BoardView | None = None
        self.group_key: str = NO_GROUP
        self.zone: str = ""
        self.blocks_by_zone: dict[str, str] = {}
        self.dupes = board.DuplicateIndex()
        self._build()
        self._shortcuts()
        self.follow_file()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        outer, top = self.top_bar(_("Tablero:"), _("Tablero"))
        self.canvas_label.setWordWrap(True)
        self.filter_bar = FilterBar(self)
        top.addWidget(self.filter_bar, 1)
        self.colour_combo = QComboBox()
        self.colour_combo.setAccessibleName(_("Color de las notas"))
        self.colour_combo.addItem(_("Color por grupo"), "group")
        self.colour_combo.addItem(_("Color por zona"), "zone")
        self.colour_combo.activated.connect(
            lambda _i: self.scene and self.scene.set_colour_by(self.colour_combo.currentData()))
        top.addWidget(self.colour_combo)
        self.tidy_button = self.tool_button(top, _("Ordenar"), _("Acomoda las notas de cada celda en filas"), self.tidy)
        self.fit_button = self.tool_button(top, _("Ajustar"), _("Todo el tablero en la ventana (Ctrl+0)"),
                                     lambda: self.view and self.view.fit())
        self.zoom_out = self.tool_button(top, "−", _("Alejar (Ctrl+-)"), lambda: self.view and self.view.zoom_by(-1))
        self.zoom_label = plain_label("100 %", wrap=True)
        self.zoom_label.setWordWrap(False)
        top.addWidget(self.zoom_label)
        self.zoom_in = self.tool_button(top, "+", _("Acercar (Ctrl++)"), lambda: self.view and self.view.zoom_by(1))
        outer.addLayout(top)

        splitter = QSplitter()
        self.stack = QStackedWidget()
        self.empty = plain_label(_("Este taller no tiene un tablero de notas."), wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        splitter.addWidget(self.stack)
        self.inspector = NoteInspector(self)
        self.inspector.setMinimumWidth(260)
        splitter.addWidget(self.inspector)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1000, 360])
        outer.addWidget(splitter, 1)

        capture = QVBoxLayout()
        switches = QHBoxLayout()
        self.groups_bar = ChoiceBar()
        self.groups_bar.chosen.connect(self.set_group)
        add_choice_row(switches, _("Grupo:"), self.groups_bar)
        switches.addSpacing(16)
        self.zones_bar = ChoiceBar()
        self.zones_bar.chosen.connect(self.set_zone)
        add_choice_row(switches, _("Zona:"), self.zones_bar)
        capture.addLayout(switches)
        capture.addLayout(capture_entry(self))
        self.capture.textChanged.connect(lambda: self._hint_timer.start())
        self.hint = plain_label("", wrap=True, name="Muted")
        capture.addWidget(self.hint)
        self.keys_help = plain_label(_("Intro: agregar · Mayús+Intro: nueva línea · Ctrl+1…9 o Ctrl+↑↓: grupo · "
                                       "Alt+1…9 o Alt+←→: zona · pegar varias líneas: una nota por línea · "
                                       "en el tablero: + − votos, dígitos = cantidad de votos, Supr borra, "
                                       "F2 edita"), wrap=True, name="Muted")
        capture.addWidget(self.keys_help)
        outer.addLayout(capture)
        self._hint_timer = QTimer(self)
        self._hint_timer.setSingleShot(True)
        self._hint_timer.setInterval(HINT_DELAY_MS)
        self._hint_timer.timeout.connect(self.update_hint)
        for w in (self.capture, self.add_button, self.tidy_button):
            w.setEnabled(not self.read_only)

    def _shortcuts(self) -> None:
        bind_capture_keys(self, zones=9)

    # -- canvases (CanvasPanel) ------------------------------------------------------------
    def board_canvases(self) -> list[dict[str, Any]]:
        return self.kind_canvases()

    def close_canvas(self) -> None:
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.scene.deleteLater()
        self.view = self.scene = None

    def show_empty(self) -> None:
        self.stack.setCurrentWidget(self.empty)
        self.capture.setEnabled(False)
        self.dupes = board.DuplicateIndex()
        self._after_structure()

    def open_canvas(self, canvas_id: str) -> None:
        """A new scene and view for one board canvas of the workshop."""
        self.scene = BoardScene(self.doc, canvas_id, signals=self.ctx.signals)
        self.scene.setParent(self)
        self.view = BoardView(self.scene, read_only=self.read_only, run=None if self.read_only else self.run)
        self.view.setAccessibleName(_("Tablero de notas"))
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.scene.set_colour_by(self.colour_combo.currentData())
        self.scene.refreshed.connect(self._scene_refreshed)
        self.scene.structure_changed.connect(self._after_structure)
        self.scene.themes_changed.connect(self._themes_changed)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)} %"))
        self.view.edit_committed.connect(self._edit_committed)
        self.view.delete_requested.connect(self.delete_selected)
        self.view.votes_step.connect(self.change_votes)
        self.view.votes_typed.connect(self.set_votes)
        self.dupes = board.DuplicateIndex(i.row for i in self.scene.notes.values())
        self.capture.setEnabled(not self.read_only)
        self.group_key = None  # type: ignore[assignment]  # the first group, once the lanes are known
        self.zone = ""
        self._after_structure()
        self._load_blocks()
        self.inspector.refresh_themes()
        QTimer.singleShot(0, self._initial_zoom)

    def _initial_zoom(self) -> None:
        if self.view is not None:
            self.view.fit_width()

    def _load_blocks(self) -> None:
        """The block each zone's notes belong to (the activity that collects them)."""
        self.blocks_by_zone = {}
        for b in self.doc.blocks(self.ctx.workshop_id):
            if b["canvas_id"] == self.canvas_id and b["zone"] and b["zone"] not in self.blocks_by_zone:
                self.blocks_by_zone[b["zone"]] = b["id"]

    def _after_structure(self) -> None:
        """Lanes or zones changed: refresh the switchers and the filter choices."""
        scene = self.scene
        groups = scene.groups if scene else []
        lanes = [(g["id"], g["name"], g["colour"]) for g in groups] + [(NO_GROUP, _("Sin grupo"), "")]
        if self.group_key not in [k for k, _n, _c in lanes]:
            self.group_key = lanes[0][0]
        self.groups_bar.set_choices([(k, name, colour, f"Ctrl+{i + 1}" if i < 9 else "")
                                     for i, (k, name, colour) in enumerate(lanes)], self.group_key)
        zones = [(z, scene.zone_label(z)) for z in scene.zone_keys] if scene else []
        if self.zone not in [z for z, _l in zones]:
            self.zone = zones[0][0] if zones else ""
        self.zones_bar.set_choices([(z, label, "", f"Alt+{i + 1}" if i < 9 else "")
                                    for i, (z, label) in enumerate(zones)], self.zone)
        self.filter_bar.fill(scene)
        self._mark_current()

    def _mark_current(self) -> None:
        if self.scene is not None:
            self.scene.set_current_cell(self.zone, self.group_id)

    @property
    def group_id(self) -> str | None:
        return self.group_key or None

    # -- switching group and zone --------------------------------------------------------
    def set_group(self, key: Hashable) -> None:
        self.group_key = key  # type: ignore[assignment]
        self.groups_bar.set_current(key)
        self._mark_current()
        self._reveal_current()

    def _reveal_current(self, *, slot: bool = True) -> None:
        """Scroll so the cell that receives new notes is in sight: its top, and the slot the next note takes.

        The slot is shown with the margin ``BoardView.reveal`` keeps around a new note, so
        pressing Enter then paints the note where the eye already is and scrolls nothing
        (in a cell of hundreds of notes the slot is far below the top). ``slot=False``: the
        cell's top only, when the board follows the agenda (the tab opens, the run moves on)
        rather than the note-taker's choice: the board then opens at its titles and first notes.
        """
        if self.scene is not None and self.view is not None and self.scene.current is not None:
            rect = self.scene.cell_rect(self.scene.current)
            self.view.show_area(QRectF(rect.left(), rect.top(), min(rect.width(), 360.0),
                                       min(rect.height(), 140.0)), 10, 10)
            if not slot:
                return
            try:
                landing = self.scene.next_slot_rect(self.zone, self.group_id)
            except FileProblem:  # the file cannot be read just now: the cell's top will do (Enter says why)
                landing = None
            if landing is not None:
                self.view.show_area(landing, REVEAL_MARGIN, REVEAL_MARGIN)

    def set_zone(self, key: Hashable, *, slot: bool = True) -> None:
        self.zone = key  # type: ignore[assignment]
        self.zones_bar.set_current(key)
        self._mark_current()
        self._reveal_current(slot=slot)

    def choose_group(self, index: int) -> None:
        if 0 <= index < len(self.groups_bar.keys):
            self.set_group(self.groups_bar.keys[index])

    def choose_zone(self, index: int) -> None:
        if 0 <= index < len(self.zones_bar.keys):
            self.set_zone(self.zones_bar.keys[index])

    def step_group(self, step: int) -> None:
        keys = self.groups_bar.keys
        if keys:
            self.set_group(keys[(keys.index(self.group_key) + step) % len(keys)])

    def step_zone(self, step: int) -> None:
        keys = self.zones_bar.keys
        if keys:
            self.set_zone(keys[(keys.index(self.zone) + step) % len(keys)])

    def _focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    # -- capture ---------------------------------------------------------------------------
    def run(self, command: Command | None, *, mergeable: bool = False) -> bool:
        """The one way this panel changes the file (refused edits show their message)."""
        if command is None or self.read_only:
            return False
        return self.ctx.undo.run(command, mergeable=mergeable)

    def add_typed(self, text: str) -> bool:
        """Enter in the capture field: add the note; the field empties only once it is saved."""
        if self.add_lines([text], keep_field=True):
            self.capture.clear()
            self.hint.setText("")
            return True
        return False

    def add_lines(self, texts: list[str], keep_field: bool = True) -> bool:
        if self.scene is None or self.read_only:
            return False
        command = board.add_notes(self.doc, self.canvas_id, self.zone, self.group_id, texts,
                                  block_id=self.blocks_by_zone.get(self.zone),
                                  cell=self.scene.cell_slots(self.zone, self.group_id))
        if command is None or not self.run(command):
            return False
        if self.view is not None:
            self.view.reveal(command.note_ids[-1])  # type: ignore[attr-defined]
        return True

    def update_hint(self) -> None:
        """Under the field: the notes that the text being typed looks like (plain text)."""
        self._hint_timer.stop()
        text = self.capture.text()
        found = self.dupes.find(text, limit=2) if text.strip() and self.scene else []
        if not found:
            self.hint.setText("")
            return
        parts = []
        for note_id, _score in found:
            row = self.scene.notes[note_id].row
            where = f"{self.scene.group_name(self.scene.lane_of(row))} · {self.scene.zone_label(row['zone'])}"
            parts.append(f"«{' '.join(row['text'].split())[:90]}» ({where})")
        self.hint.setText(_("¿Repetida? Se parece a: {notes}", notes="; ".join(parts)))

    def show_message(self, text: str) -> None:
        self.hint.setText(text)

    # -- edits on the selection --------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return self.scene.selected_ids() if self.scene else []

    def change_votes(self, delta: int) -> None:
        self.run(board.change_votes(self.doc, self.selected_ids(), delta))

    def set_votes(self, votes: int) -> None:
        self.run(board.set_votes(self.doc, self.selected_ids(), votes))

    def delete_selected(self) -> None:
        self.run(board.delete_notes(self.doc, self.selected_ids()))

    def tidy(self) -> None:
        if self.canvas_id is not None:
            self.run(board.tidy(self.doc, self.canvas_id))

    def _edit_committed(self, note_id: str, text: str) -> None:
        self.run(board.edit_text(self.doc, note_id, text))

    # -- following the file and the scene ------------------------------------------------------
    def files_changed(self, tables: set[str], changes) -> None:
        if "block" in tables:
            self._load_blocks()

    def _scene_refreshed(self, ids: set[str]) -> None:
        scene = self.scene
        for note_id in ids:
            item = scene.notes.get(note_id)
            if item is None:
                self.dupes.remove(note_id)
            else:
                self.dupes.put(note_id, item.row["text"])
        self.filter_bar.show_count()
        if len(ids) > 1 or ids & set(self.inspector.ids):
            self.inspector.refresh_themes()

    def _themes_changed(self) -> None:
        self.filter_bar.fill(self.scene)
        self.inspector.refresh_themes()

    def _selection_changed(self) -> None:
        self.inspector.refresh(self.selected_ids())

    # -- tab life --------------------------------------------------------------------------------
    def activate(self) -> None:
        """The tab is shown: the capture field takes the keyboard."""
        if self.capture.isEnabled():
            self.capture.setFocus(Qt.FocusReason.OtherFocusReason)

    def reveal(self, item_id: str) -> None:
        """Select the note and bring it into sight (a search hit)."""
        if self.scene is not None and self.view is not None and item_id in self.scene.notes:
            self.scene.select_ids([item_id])
            self.view.reveal(item_id)

    def focus_zone(self, block: dict[str, Any]) -> None:
        """Capture for an agenda block (CanvasPanel.focus_block): its zone; notes typed now belong to it."""
        if block["zone"] and block["zone"] in self.zones_bar.keys:
            self.blocks_by_zone[block["zone"]] = block["id"]
            self.set_zone(block["zone"], slot=False)

    def teardown(self) -> None:
        if self.view is not None and self.view.editor is not None:
            self.view.editor.commit()
