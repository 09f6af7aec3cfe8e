"""The workshop's "FODA" tab: one consolidated SWOT matrix fed by every group.

The 2x2 follows the method (METHODS §2): rows are internal and external
factors, columns positive and negative, so Fortalezas, Debilidades,
Oportunidades and Amenazas sit where a facilitator draws them on the wall.
Each quadrant lists its notes with the group that wrote them; a filter shows
one group's contribution. Capture is keyboard first, like the board: choose
the quadrant (Alt+1…4) and the group (Ctrl+1…9), type, Enter; a pasted list
is one note per line. Notes are edited in place, deleted, voted, reordered and
moved between quadrants by dragging or with Ctrl+M / the context menu.
"Traer notas de un tablero…" copies post-its from any board of the process,
remembering where each came from. Cross strategies (FO, DO, FA, DA) can be
shown beside the matrix. Every change is a command run by ``ctx.undo.run``.
"""

from __future__ import annotations

from typing import Any, Hashable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QGridLayout, QHBoxLayout, QLineEdit, QMenu, QPushButton,
                               QSplitter, QStackedWidget, QToolButton, QVBoxLayout, QWidget)

from canvases.foda.bring import BringOverDialog
from canvases.foda.look import group_colour
from canvases.foda.foda_model import MatrixData, QuadrantModel
from canvases.foda.quadrant import AxisLabel, QuadrantBox
from canvases.foda.view import FodaProjection
from facilitator import board, foda
from facilitator.board import ANY
from facilitator.commands import Command
from facilitator.i18n import _, ngettext

from ..board.capture import ChoiceBar, add_choice_row, bind_capture_keys, capture_entry
from qtshared.canvas_panel import CanvasPanel
from qtshared.flow import FlowLayout
from qtshared.context import WorkshopContext
from qtshared.dialogs import Dialogs
from qtshared.widgets import plain_label

NO_GROUP = ""  # the key of "Sin grupo" in the switchers and the filter (group ids are never empty)
TABLES = {"note", "canvas", "workgroup", "workshop"}
WIDE = 950  # from this width of the page the 2x2 takes three fifths and the strategies two; narrower, their
# four columns of cards are as wide as the 2x2's (three fifths left the strategies' cards ~130 px wide at 1024)


class MatrixSplitter(QSplitter):
    """The 2x2 and the cross strategies side by side, sharing the width by the page's width until the user
    drags the handle."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.dragged = False
        self.aside = 0  # the 2x2's column of axis labels: not cards, so not counted in sharing the width
        self.splitterMoved.connect(lambda *_a: setattr(self, "dragged", True))

    def share(self) -> None:
        if self.dragged or self.count() < 2 or not self.widget(1).isVisible():
            return
        width = self.width() - self.handleWidth()
        left = width * 3 // 5 if self.width() >= WIDE else (width + self.aside) // 2
        self.blockSignals(True)
        self.setSizes([left, width - left])
        self.blockSignals(False)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self.share()


class FodaPanel(CanvasPanel):
    kind = foda.KIND

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: MatrixData | None = None
        self.boxes: dict[str | None, QuadrantBox] = {}
        self.page: QWidget | None = None
        self.zone = foda.QUADRANT_KEYS[0]
        self.group_key: str | None = None  # None until the groups are known: then the first one
        self._choices: dict[str, list] = {}  # what each switcher shows, to rebuild it only when that changes
        self.strategies_choice: dict[str, bool] = {}  # per canvas, once the user toggles
        self._build()
        self._shortcuts()
        self.follow_file()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        outer, top = self.top_bar(_("Matriz:"), _("Matriz FODA"))
        self.tools = QWidget()  # hidden while the workshop has no FODA canvas
        tools = FlowLayout(self.tools)  # wraps on a small screen
        top.addWidget(self.tools, 1)
        tools.addWidget(plain_label(_("Ver:")))
        self.group_filter = QComboBox()
        self.group_filter.setAccessibleName(_("Filtrar por grupo"))
        self.group_filter.setMinimumContentsLength(16)
        self.group_filter.activated.connect(lambda _i: self._filter_changed(follow=True))
        tools.addWidget(self.group_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Buscar en la matriz… (Ctrl+F)"))
        self.search.setAccessibleName(_("Buscar en la matriz"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(230)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(lambda _t: self._filter_changed())
        tools.addWidget(self.search)
        tools.addStretch(1)
        self.bring_button = QPushButton(_("Traer notas de un tablero…"))
        self.bring_button.setToolTip(_("Copia notas de los tableros de cualquier taller del proceso a esta matriz"))
        self.bring_button.clicked.connect(self.open_bring_dialog)
        tools.addWidget(self.bring_button)
        self.strategies_button = QToolButton()
        self.strategies_button.setText(_("Estrategias cruzadas"))
        self.strategies_button.setToolTip(_("Muestra al lado de la matriz las estrategias FO, DO, FA y DA"))
        self.strategies_button.setCheckable(True)
        self.strategies_button.toggled.connect(self._strategies_toggled)
        tools.addWidget(self.strategies_button)
        self.project_button = QPushButton(_("Proyectar"))
        self.project_button.setToolTip(_("Muestra la matriz a la sala en la pantalla del proyector"))
        self.project_button.clicked.connect(self.project)
        tools.addWidget(self.project_button)
        outer.addLayout(top)

        self.stack = QStackedWidget()
        self.empty = plain_label(_("Este taller no tiene una matriz FODA.\nAgregue un lienzo FODA al taller para "
                                   "consolidar en una sola matriz las fortalezas, oportunidades, debilidades y "
                                   "amenazas que identifiquen los grupos."), wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        outer.addWidget(self.stack, 1)
        self.message = plain_label("", wrap=True, name="Muted")
        outer.addWidget(self.message)

        self.capture_area = QWidget()  # hidden while the workshop has no FODA canvas
        area = QVBoxLayout(self.capture_area)
        area.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.capture_area)
        switches = QHBoxLayout()
        self.zones_bar = ChoiceBar()
        self.zones_bar.chosen.connect(self.set_zone)
        add_choice_row(switches, _("Cuadrante:"), self.zones_bar)
        switches.addSpacing(16)
        self.groups_bar = ChoiceBar()
        self.groups_bar.chosen.connect(self.set_group)
        add_choice_row(switches, _("Grupo:"), self.groups_bar)
        area.addLayout(switches)
        area.addLayout(capture_entry(self))
        keys = _("Intro: agregar · Mayús+Intro: nueva línea · Alt+1…4: cuadrante (Alt+5…8: estrategias) · "
                 "Ctrl+1…9: grupo · pegar varias líneas: una nota por línea · en la matriz: F2 edita, "
                 "Supr borra, + − votos, Alt+↑↓ ordena, Ctrl+M o clic derecho mueve a otro cuadrante, "
                 "o arrastre la nota")
        self.keys_help = plain_label(keys, wrap=True, name="Muted")
        area.addWidget(self.keys_help)
        for w in (self.capture, self.add_button, self.bring_button):
            w.setEnabled(not self.read_only)

    def _shortcuts(self) -> None:
        bind_capture_keys(self, zones=8)  # four quadrants and four strategies

    def _matrix_page(self, data: MatrixData) -> QWidget:
        """The 2x2 with its axes, the strays row, and the cross strategies beside it."""
        run = None if self.read_only else self.run
        hint = "" if self.read_only else _("Sin notas todavía.\nElija este cuadrante y escriba abajo, o arrastre "
                                           "notas hasta aquí.")
        splitter = self.splitter = MatrixSplitter()
        matrix = QWidget()
        grid = QGridLayout(matrix)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        grid.addWidget(AxisLabel(_(foda.POSITIVE)), 0, 1)
        grid.addWidget(AxisLabel(_(foda.NEGATIVE)), 0, 2)
        internal = AxisLabel(_(foda.INTERNAL), vertical=True)
        grid.addWidget(internal, 1, 0)
        splitter.aside = internal.sizeHint().width() + grid.spacing()
        grid.addWidget(AxisLabel(_(foda.EXTERNAL), vertical=True), 2, 0)
        for n, key in enumerate(foda.QUADRANT_KEYS):
            grid.addWidget(self._box(data, key, run, hint=hint), 1 + n // 2, 1 + n % 2)
        stray = self._box(data, None, run, hint="",
                          explanation=_("Notas guardadas en una zona que no es un cuadrante: muévalas a uno."))
        grid.addWidget(stray, 3, 1, 1, 2)
        for n in (1, 2):
            grid.setRowStretch(n, 1)
            grid.setColumnStretch(n, 1)
        splitter.addWidget(matrix)

        self.strategies = QWidget()
        col = QVBoxLayout(self.strategies)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(AxisLabel(_("Estrategias cruzadas")))
        cross = QGridLayout()
        cross.setSpacing(8)
        for n, s in enumerate(foda.STRATEGIES):
            cross.addWidget(self._box(data, s.key, run, hint="", explanation=_(s.explanation)), n // 2, n % 2)
        for n in (0, 1):
            cross.setRowStretch(n, 1)
            cross.setColumnStretch(n, 1)
        col.addLayout(cross, 1)
        splitter.addWidget(self.strategies)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _box(self, data: MatrixData, zone: str | None, run, *, hint: str, explanation: str = "") -> QuadrantBox:
        model = QuadrantModel(data, zone, run, self)
        box = QuadrantBox(model, data.label(zone), explanation=explanation, empty_hint=hint)
        box.chosen.connect(lambda key: key is not None and not self.read_only and self.set_zone(key))
        box.list.delete_requested.connect(self.delete_notes)
        box.list.votes_requested.connect(self.change_votes)
        box.list.step_requested.connect(self.step_note)
        box.list.move_menu_requested.connect(lambda ids, pos, b=box: self.exec_menu(self.move_menu(b, ids), pos))
        self.boxes[zone] = box
        return box

    # -- canvases ------------------------------------------------------------------------
    def foda_canvases(self) -> list[dict[str, Any]]:
        return self.kind_canvases()

    # -- canvases (CanvasPanel) ----------------------------------------------------------
    def close_canvas(self) -> None:
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
        if self.data is not None:
            self.data.deleteLater()
        self.page = self.data = None
        self.boxes = {}

    def _tools_for(self, canvas_id: str | None) -> None:
        self.tools.setVisible(canvas_id is not None)
        self.capture_area.setVisible(canvas_id is not None)
        for w in (self.capture, self.add_button, self.bring_button):
            w.setEnabled(canvas_id is not None and not self.read_only)

    def show_empty(self) -> None:
        self._tools_for(None)
        self.stack.setCurrentWidget(self.empty)
        self._set_choices(self.zones_bar, "zones", [], None)
        self._set_choices(self.groups_bar, "groups", [], None)

    def open_canvas(self, canvas_id: str) -> None:
        """New models and quadrant widgets for one FODA canvas of the workshop."""
        self._tools_for(canvas_id)
        self.data = MatrixData(self.doc, canvas_id, self)
        self.page = self._matrix_page(self.data)
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.data.reloaded.connect(self._after_reload)
        self.message.setText("")
        self._fill_groups()
        self._filter_changed()
        self._after_reload()

    def _after_reload(self) -> None:
        """Titles, the strays row and the strategies follow what the file holds now."""
        data = self.data
        if data is None:
            return
        for zone, box in self.boxes.items():
            box.set_title(data.label(zone))
        self.boxes[None].setVisible(data.total(None) > 0)
        shown = self.strategies_choice.get(self.canvas_id or "", any(data.total(k) for k in foda.STRATEGY_KEYS))
        self.strategies_button.blockSignals(True)
        self.strategies_button.setChecked(shown)
        self.strategies_button.blockSignals(False)
        self._show_strategies(shown)

    # -- strategies -----------------------------------------------------------------------
    @property
    def strategies_shown(self) -> bool:
        return self.strategies_button.isChecked()

    def _strategies_toggled(self, on: bool) -> None:
        if self.canvas_id is not None:
            self.strategies_choice[self.canvas_id] = on
        self._show_strategies(on)

    def _show_strategies(self, on: bool) -> None:
        if self.page is not None:
            self.strategies.setVisible(on)
            self.splitter.share()
        if not on and self.zone in foda.STRATEGY_KEYS:
            self.zone = foda.QUADRANT_KEYS[0]
        self._fill_zones()

    # -- switching quadrant and group --------------------------------------------------------
    def capture_zones(self) -> list[str]:
        return list(foda.QUADRANT_KEYS) + (list(foda.STRATEGY_KEYS) if self.strategies_shown else [])

    def _fill_zones(self) -> None:
        if self.data is None:
            return
        choices = []
        for n, key in enumerate(self.capture_zones()):
            s = foda.strategy(key)
            choices.append((key, _(s.code) if s else self.data.label(key), "", f"Alt+{n + 1}"))
        self._set_choices(self.zones_bar, "zones", choices, self.zone)
        self._mark_current()

    def _set_choices(self, bar: ChoiceBar, name: str, choices: list, current: Hashable) -> None:
        if self._choices.get(name) != choices:
            self._choices[name] = choices
            bar.set_choices(choices, current)
            for button, (_key, label, _colour, keys) in zip(bar.buttons, choices):
                button.setText(label)  # the keys go in the tooltip and the help line: room for long names
                button.setToolTip(keys)
        else:
            bar.set_current(current)

    def _mark_current(self) -> None:
        for zone, box in self.boxes.items():
            box.set_current(zone == self.zone and not self.read_only)

    def workshop_groups(self) -> list[dict[str, Any]]:
        return self.doc.groups(self.ctx.workshop_id)

    def _fill_groups(self) -> None:
        """The capture's groups: this workshop's, then "Sin grupo"."""
        groups = self.workshop_groups()
        lanes = [(g["id"], g["name"], group_colour(g["colour"], g["position"]).name()) for g in groups]
        lanes.append((NO_GROUP, _("Sin grupo"), ""))
        if self.group_key not in [k for k, _n, _c in lanes]:
            self.group_key = lanes[0][0]
        self._set_choices(self.groups_bar, "groups", [(k, name, colour, f"Ctrl+{i + 1}" if i < 9 else "")
                                                      for i, (k, name, colour) in enumerate(lanes)], self.group_key)
        self._fill_filter()

    def _filter_choices(self) -> list[tuple[str, str]]:
        """(key, name) of the filter: this workshop's groups, those of notes brought over, "Sin grupo"."""
        groups = self.workshop_groups()
        choices = [(g["id"], g["name"]) for g in groups]
        known = {g["id"] for g in groups}
        foreign = {gid: name for gid, name in (self.data.groups if self.data else {}).items()
                   if gid not in known and name}
        for gid, name in foreign.items():
            group = self.doc.store.get("workgroup", gid)
            workshop = self.doc.workshop(group["workshop_id"]) if group else None
            choices.append((gid, f"{name} · {workshop['title']}" if workshop else name))
        return [*choices, (NO_GROUP, _("Sin grupo"))]

    def _fill_filter(self) -> None:
        choices = [(ANY, _("Todos los grupos")), *self._filter_choices()]
        if choices == [(self.group_filter.itemData(i), self.group_filter.itemText(i))
                       for i in range(self.group_filter.count())]:
            return
        keep = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        for key, name in choices:
            self.group_filter.addItem(name, key)
        index = self.group_filter.findData(keep)
        self.group_filter.setCurrentIndex(max(0, index))
        self.group_filter.blockSignals(False)
        if index < 0:
            self._filter_changed()

    @property
    def group_id(self) -> str | None:
        return self.group_key or None

    def set_zone(self, key: Hashable) -> None:
        if key in self.capture_zones():
            self.zone = key  # type: ignore[assignment]
            self.zones_bar.set_current(key)
            self._mark_current()

    def set_group(self, key: Hashable) -> None:
        if key in self.groups_bar.keys:
            self.group_key = key  # type: ignore[assignment]
            self.groups_bar.set_current(key)

    def choose_zone(self, index: int) -> None:
        zones = self.capture_zones()
        if 0 <= index < len(zones):
            self.set_zone(zones[index])

    def choose_group(self, index: int) -> None:
        if 0 <= index < len(self.groups_bar.keys):
            self.set_group(self.groups_bar.keys[index])

    def step_zone(self, step: int) -> None:
        zones = self.capture_zones()
        self.set_zone(zones[(zones.index(self.zone) + step) % len(zones)] if self.zone in zones else zones[0])

    def step_group(self, step: int) -> None:
        keys = self.groups_bar.keys
        if keys:
            self.set_group(keys[(keys.index(self.group_key) + step) % len(keys)])

    # -- filter ----------------------------------------------------------------------------------
    def _filter_changed(self, follow: bool = False) -> None:
        """Show one group's notes (or all); choosing a group here also makes it the capture's group."""
        if self.data is None:
            return
        key = self.group_filter.currentData()
        group = ANY if key in (None, ANY) else (None if key == NO_GROUP else key)
        self.data.set_filter(board.NoteFilter(text=self.search.text(), group=group))
        if follow and key != ANY:
            self.set_group(key)

    def set_group_filter(self, key: str) -> None:
        self.group_filter.setCurrentIndex(max(0, self.group_filter.findData(key)))
        self._filter_changed(follow=True)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- edits --------------------------------------------------------------------------------------
    def run(self, command: Command | None) -> bool:
        """The one way this panel changes the file (refused edits show their message)."""
        if command is None or self.read_only:
            return False
        return self.ctx.undo.run(command)

    def _reveal(self, zone: str, note_ids: list[str]) -> None:
        box = self.boxes.get(zone)
        if box is not None and note_ids:
            box.list.clearSelection()
            box.list.select_id(note_ids[-1])

    def add_typed(self, text: str) -> bool:
        """Enter in the capture field: add the note; the field empties only once it is saved."""
        if self.add_lines([text]):
            self.capture.clear()
            return True
        return False

    def add_lines(self, texts: list[str]) -> bool:
        if self.canvas_id is None or self.read_only:
            return False
        command = foda.add_notes(self.doc, self.canvas_id, self.zone, self.group_id, texts)
        if command is None or not self.run(command):
            return False
        self._reveal(self.zone, command.note_ids)  # type: ignore[attr-defined]
        shown = self.data is not None and all(self.data.filter.matches(self.data.by_id[i])
                                              for i in command.note_ids  # type: ignore[attr-defined]
                                              if i in self.data.by_id)
        self.message.setText("" if shown else _("La nota se guardó, pero el filtro actual la oculta."))
        return True

    def delete_notes(self, ids: list[str]) -> None:
        self.run(board.delete_notes(self.doc, ids))

    def change_votes(self, ids: list[str], delta: int) -> None:
        self.run(board.change_votes(self.doc, ids, delta))

    def step_note(self, note_id: str, delta: int) -> None:
        row = self.doc.store.get("note", note_id)
        if row is not None and self.run(foda.step_note(self.doc, note_id, delta)):
            self._reveal(row["zone"], [note_id])

    def move_notes(self, ids: list[str], zone: str) -> bool:
        """Move notes to the end of another quadrant (the keyboard and menu way of a drag)."""
        if not self.run(foda.place_notes(self.doc, ids, zone)):
            return False
        self._reveal(zone, ids)
        return True

    @classmethod
    def exec_menu(cls, menu: QMenu, pos: QPoint) -> None:
        """Show a popup menu and wait for the choice (behind a classmethod that tests replace)."""
        menu.exec(pos)
        menu.deleteLater()

    def move_menu(self, box: QuadrantBox, ids: list[str]) -> QMenu:
        targets = [(key, f"{_(s.code)} · {_(s.label)}" if (s := foda.strategy(key)) else self.data.label(key))
                   for key in self.capture_zones()] if self.data is not None else []
        menu = box.move_menu(targets)
        menu.triggered.connect(lambda action: self.move_notes(ids, action.data()))
        return menu

    # -- bringing notes from the boards ------------------------------------------------------------
    def bring_dialog(self) -> BringOverDialog:
        dialog = BringOverDialog(self.doc, self.canvas_id or "", self)
        if self.zone in foda.QUADRANT_KEYS:
            dialog.target_combo.setCurrentIndex(max(0, dialog.target_combo.findData(self.zone)))
        return dialog

    def open_bring_dialog(self) -> None:
        if self.canvas_id is None or self.read_only:
            return
        dialog = self.bring_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.bring(dialog.chosen_ids(), dialog.target())
        dialog.deleteLater()

    def bring(self, source_ids: list[str], zone: str) -> foda.BringOver | None:
        """Copy board notes into a quadrant (one undo step) and say what was done and what was skipped."""
        if self.canvas_id is None or self.read_only:
            return None
        try:
            result = foda.bring_over(self.doc, self.canvas_id, zone, source_ids)
        except ValueError as exc:
            Dialogs.error(self, str(exc))
            return None
        if result.command is not None and not self.run(result.command):
            return None
        label = self.data.label(zone) if self.data else zone
        parts = []
        if result.added:
            parts.append(ngettext("Se trajo {n} nota a «{zone}».", "Se trajeron {n} notas a «{zone}».", result.added,
                                  zone=label))
        if result.skipped:
            parts.append(ngettext("{n} nota ya estaba en esta matriz y no se volvió a copiar.",
                                  "{n} notas ya estaban en esta matriz y no se volvieron a copiar.", result.skipped))
        self.message.setText(" ".join(parts))
        if result.command is not None:
            self.set_zone(zone)
            self._reveal(zone, result.command.note_ids)  # type: ignore[attr-defined]
        return result

    # -- projector (CanvasPanel.project) ---------------------------------------------------------------
    def projector_window(self) -> FodaProjection:
        view = FodaProjection(self.doc, self.canvas_id, self.ctx.signals)
        view.setWindowTitle(_("Papelógrafo · Matriz FODA"))
        return view

    # -- following the file --------------------------------------------------------------------------
    def files_changed(self, tables: set[str], changes) -> None:
        if not tables & TABLES:
            return
        if self.data is not None and self.canvas_id is not None:
            self.data.reload(changes)
            if tables & {"workgroup", "workshop"}:
                self._fill_groups()
            else:
                self._fill_filter()

    # -- tab life ---------------------------------------------------------------------------------------
    def activate(self) -> None:
        """The tab is shown: the capture field takes the keyboard."""
        if self.capture.isEnabled():
            self.capture.setFocus(Qt.FocusReason.OtherFocusReason)

    def reveal(self, item_id: str) -> None:
        """Select the note in its quadrant (a search hit)."""
        note = self.doc.store.get("note", item_id)
        if note is not None and note["canvas_id"] == self.canvas_id:
            self._reveal(note["zone"] if note["zone"] in self.boxes else None, [item_id])

    def focus_zone(self, block: dict[str, Any]) -> None:
        """Capture for an agenda block (CanvasPanel.focus_block): its quadrant."""
        if block["zone"]:
            self.set_zone(block["zone"])
