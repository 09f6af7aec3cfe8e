"""The workshop's "Planificación" tab: the planning matrix, an initiative's detail, the final review.

Left, the matrix as a spreadsheet (``planning_model`` over ``sheet``): one
heading per strategic axis and one row per initiative, with exactly the
flipchart's nine columns, typed and pasted like Excel. Right, the form of the
selected initiative (the workshop's questions and a SMART section) and the
guide's final review ("Revisión de la matriz"), live: axes with fewer than two
initiatives, initiatives that look like duplicates and initiatives missing
their goal, unit or timeframe; clicking a finding selects its rows.

Axes are the canvas's zones ("Ejes estratégicos…" adds, renames, reorders and
removes them); "Traer desde notas…" turns notes of earlier flipcharts into
initiatives that remember where they came from. ``projector_view`` shows the
matrix to the room: every axis with its initiatives, in large type.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSplitter,
                               QStackedWidget, QVBoxLayout, QWidget)

from facilitator import planning as P
from facilitator.commands import Command
from facilitator.i18n import _, N_, ngettext
from facilitator.store.db import Change
from qtshared.canvas_panel import CanvasPanel
from qtshared.context import WorkshopContext
from qtshared.publish import publish_button
from qtshared.sheet import SheetView
from qtshared.widgets import plain_label, plain_tooltip

from .axes_dialog import AxesDialog
from .bring import BringDialog
from .initiative_form import InitiativeForm
from .planning_model import PlanningModel

REVIEW_DELAY_MS = 200
SIDE_WIDTH = 360  # the form and the review beside the matrix, by default
SIDE_MIN_WIDTH = 300
KIND_TITLES = {"few": N_("Ejes con menos de dos iniciativas"), "duplicate": N_("Posibles duplicadas"),
               "missing": N_("Les faltan datos clave")}
KIND_COLOURS = {"few": "#8A6100", "duplicate": "#B3261E", "missing": "#5F6B76"}


# -- the tab ----------------------------------------------------------------------------------------------
class PlanningPanel(CanvasPanel):
    kind = P.KIND

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: PlanningModel | None = None
        self.view: SheetView | None = None
        self._review_timer = QTimer(self)
        self._review_timer.setSingleShot(True)
        self._review_timer.setInterval(REVIEW_DELAY_MS)
        self._review_timer.timeout.connect(self.refresh_review)
        self._review_stale = True
        self._build()
        self.follow_file()

    def _build(self) -> None:
        outer, top = self.top_bar(_("Matriz:"), _("Matriz de planificación"))
        self.axes_button = self._button(top, _("Ejes estratégicos…"), _("Agregar, renombrar, ordenar o quitar ejes"),
                                        self.edit_axes)
        self.bring_button = self._button(top, _("Traer desde notas…"),
                                         _("Crear iniciativas a partir de notas de los tableros, FODA y árboles del "
                                           "proceso"), self.bring_from_notes)
        top.addSpacing(12)
        self.add_button = self._button(top, _("Añadir iniciativa"), _("Nueva fila en el eje actual (Ctrl+Intro)"),
                                       self.add_initiative)
        self.delete_button = self._button(top, _("Eliminar"), _("Eliminar las filas seleccionadas (Ctrl+Supr)"),
                                          self.delete_selected)
        self.up_button = self._button(top, _("Subir"), _("Subir la iniciativa dentro de su eje (Alt+↑)"),
                                      lambda: self.move(-1))
        self.down_button = self._button(top, _("Bajar"), _("Bajar la iniciativa dentro de su eje (Alt+↓)"),
                                        lambda: self.move(1))
        top.addStretch(1)
        self.project_button = self._button(top, _("Proyectar"), _("Mostrar la matriz a la sala"), self.project)
        outer.addLayout(top)

        self.splitter = splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.empty = plain_label(_("Este taller no tiene una matriz de planificación. Agregue una desde el menú de "
                                   "lienzos del taller."), wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        col.addWidget(self.stack, 1)
        self.message = plain_label("", wrap=True)
        self.message.setStyleSheet("color: #8A6100;")
        col.addWidget(self.message)
        self.keys_help = plain_label(_("Escriba para reemplazar una celda · Intro o F2: editar · Tab: a la derecha · "
                                       "Supr: vaciar celdas · Ctrl+C / Ctrl+V: copiar y pegar rangos de una planilla "
                                       "(sobre un eje: filas nuevas) · Ctrl+Intro o Insert: nueva iniciativa · "
                                       "Ctrl+Supr: eliminar filas"), wrap=True, name="Muted")
        col.addWidget(self.keys_help)
        splitter.addWidget(left)

        side = QSplitter(Qt.Orientation.Vertical)
        self.form = InitiativeForm(self.ctx)
        self.form_scroll = scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.addWidget(scroll)
        review = QWidget()
        rcol = QVBoxLayout(review)
        rcol.setContentsMargins(0, 6, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(plain_label(_("Revisión de la matriz"), name="SectionTitle"), 1)
        self.publish_button = publish_button(self.ctx, self)  # once reviewed, the plan can be published
        heading.addWidget(self.publish_button)
        rcol.addLayout(heading)
        self.review_summary = plain_label("", wrap=True, name="Muted")
        rcol.addWidget(self.review_summary)
        self.review_list = QListWidget()
        self.review_list.setWordWrap(True)
        self.review_list.setSpacing(2)
        self.review_list.setAccessibleName(_("Revisión de la matriz"))
        self.review_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.review_list.itemClicked.connect(self._finding_chosen)
        self.review_list.itemActivated.connect(self._finding_chosen)
        rcol.addWidget(self.review_list, 1)
        side.addWidget(review)
        side.setSizes([560, 300])
        side.setMinimumWidth(SIDE_MIN_WIDTH)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([10_000, SIDE_WIDTH])  # the matrix has nine columns: it takes the room, the form ~360 px
        outer.addWidget(splitter, 1)
        for w in (self.axes_button, self.bring_button, self.add_button, self.delete_button, self.up_button,
                  self.down_button):
            w.setEnabled(not self.read_only)

    def _button(self, row: QHBoxLayout, text: str, tip: str, slot) -> QPushButton:
        return self.tool_button(row, text, tip, slot, push=True)  # the keyboard stays in the matrix

    # -- canvases (CanvasPanel) ----------------------------------------------------------------
    def close_canvas(self) -> None:
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.model.detach()
            self.model.deleteLater()
        self.model = self.view = None

    def _tools_for(self, canvas_id: str | None) -> None:
        for w in (self.axes_button, self.bring_button, self.add_button, self.delete_button, self.up_button,
                  self.down_button, self.project_button):
            w.setVisible(canvas_id is not None)

    def show_empty(self) -> None:
        self._tools_for(None)
        self.stack.setCurrentWidget(self.empty)
        self.form.show_initiative(None, _("No hay matriz de planificación."))
        self.refresh_review()

    def open_canvas(self, canvas_id: str) -> None:
        self._tools_for(canvas_id)
        self.model = PlanningModel(self.ctx, canvas_id, self)
        self.view = SheetView(self.model)
        self.view.setAccessibleName(_("Matriz de planificación"))
        self.view.message.connect(self.show_message)
        self.view.insert_requested.connect(self.add_initiative)
        self.view.delete_rows_requested.connect(self.delete_selected)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        for keys, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda d=delta: self.move(d))
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        first = next((n for n in range(self.model.rowCount()) if self.model.row_id(n)), 0)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(first, self.model.column_of("name")))
        self._current_changed(self.view.currentIndex())
        self.refresh_review()

    # -- selection and the form ----------------------------------------------------------------------
    def current_id(self) -> str | None:
        return self.model.row_id(self.view.currentIndex().row()) if self.view is not None else None

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if self.model is None:
            return
        row_id = self.model.row_id(index.row()) if index.isValid() else None
        if row_id is not None:
            self.form.show_initiative(row_id)
            return
        axis = self.model.axis_at(index.row()) if index.isValid() else P.NO_AXIS
        label = P.axis_label(self.model.axis_list, axis)
        self.form.show_initiative(None, _("Eje «{axis}»: elija una de sus iniciativas, o pulse Ctrl+Intro para "
                                          "agregar una.", axis=label) if index.isValid() else "")

    def select_ids(self, ids: list[str], column: str = "name") -> None:
        if self.view is None:
            return
        rows = sorted(r for r in (self.model.row_of(i) for i in ids) if r >= 0)
        if not rows:
            return
        col = self.model.column_of(column)
        self.view.clearSelection()
        self.view.setCurrentIndex(self.model.index(rows[0], col))
        for row in rows[1:]:
            self.view.selectionModel().select(self.model.index(row, col),
                                              self.view.selectionModel().SelectionFlag.Select)
        self.view.scrollTo(self.model.index(rows[0], col))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_axis(self, axis: str) -> None:
        if self.view is None:
            return
        row = self.model.section_row(axis)
        if row >= 0:
            self.view.clearSelection()
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # -- edits ------------------------------------------------------------------------------------
    def run(self, command: Command | None) -> bool:
        if command is None or self.read_only:
            return False
        return self.ctx.undo.run(command)

    def add_initiative(self) -> str | None:
        """A new row after the current initiative (or at the end of the current axis); its "Acciones" cell ready."""
        if self.model is None or self.read_only:
            return None
        row = self.view.currentIndex().row()
        axis = self.model.axis_at(row) if row >= 0 else (self.model.axis_list[0]["key"] if self.model.axis_list
                                                            else P.NO_AXIS)
        command = P.add_initiative(self.doc, self.canvas_id, axis, after=self.current_id())
        if not self.run(command):
            return None
        self.select_ids([command.id])
        self.show_message("")
        return command.id

    def delete_selected(self) -> None:
        if self.view is None:
            return
        ids = self.view.selected_row_ids()
        if self.run(P.delete_initiatives(self.doc, ids)):
            self.show_message(ngettext("Se eliminó {n} iniciativa (Ctrl+Z deshace).",
                                       "Se eliminaron {n} iniciativas (Ctrl+Z deshace).", len(ids)))

    def move(self, delta: int) -> None:
        current = self.current_id()
        if current and self.run(P.move_initiative(self.doc, current, delta)):
            self.select_ids([current], self.model.columns[max(self.view.currentIndex().column(), 0)].field)

    def edit_axes(self) -> None:
        if self.canvas_id is not None:
            dialog = AxesDialog(self.ctx, self.canvas_id, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per use, gone when closed
            dialog.open()

    def bring_from_notes(self) -> None:
        if self.canvas_id is None:
            return
        row = self.view.currentIndex().row()
        dialog = BringDialog(self.ctx, self.canvas_id, self.model.axis_at(row) if row >= 0 else P.NO_AXIS, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per use, gone when closed
        dialog.accepted.connect(lambda: self.bring(dialog.chosen(), dialog.axis()))
        dialog.open()

    def bring(self, note_ids: list[str], axis: str) -> list[str]:
        """Initiatives from notes into ``axis`` (one undo step); says how many were new."""
        if self.canvas_id is None or self.read_only:
            return []
        outcome = P.bring_notes(self.doc, self.canvas_id, note_ids, axis)
        if outcome.command is not None and not self.run(outcome.command):
            return []
        parts = [ngettext("Se creó {n} iniciativa.", "Se crearon {n} iniciativas.", outcome.added)]
        if outcome.skipped:
            parts.append(ngettext("{n} nota ya estaba en la matriz.", "{n} notas ya estaban en la matriz.", outcome.skipped))
        self.show_message(" ".join(parts))
        if outcome.ids:
            self.select_ids(outcome.ids)
        return outcome.ids

    # -- the review --------------------------------------------------------------------------------
    def refresh_review(self) -> None:
        """The findings list, again; put off while the tab is hidden (and the file may be closing)."""
        self._review_timer.stop()
        self._review_stale = not self.isVisible()
        if self._review_stale:
            return
        self.review_list.clear()
        if self.canvas_id is None or self.doc.store.get("canvas", self.canvas_id) is None:
            self.review_summary.setText("")
            return
        findings = P.review(self.doc, self.canvas_id)
        if not findings:
            self.review_summary.setText(_("Sin observaciones: cada eje tiene al menos dos iniciativas, no hay "
                                          "duplicadas y todas tienen meta, unidad responsable y plazos."))
            return
        self.review_summary.setText(_("Antes de cerrar la matriz, revise con el equipo (clic para ir a la fila):"))
        for kind in ("few", "duplicate", "missing"):
            found = [f for f in findings if f.kind == kind]
            if not found:
                continue
            head = QListWidgetItem(f"{_(KIND_TITLES[kind])} ({len(found)})")
            font = QFont(self.review_list.font())
            font.setBold(True)
            head.setFont(font)
            head.setForeground(QColor(KIND_COLOURS[kind]))
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.review_list.addItem(head)
            for finding in found:
                item = QListWidgetItem(f"• {finding.text}")
                item.setData(Qt.ItemDataRole.UserRole, finding)
                item.setToolTip(plain_tooltip(finding.text))
                self.review_list.addItem(item)

    def findings(self) -> list[P.Finding]:
        return [f for f in (self.review_list.item(i).data(Qt.ItemDataRole.UserRole)
                            for i in range(self.review_list.count())) if f is not None]

    def _finding_chosen(self, item: QListWidgetItem) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole)
        if finding is None:
            return
        if finding.kind == "few":
            self.select_axis(finding.axis)
        elif finding.kind == "missing":
            row = self.doc.store.get("initiative", finding.ids[0])
            gap = next((name for name, _l in P.KEY_FIELDS if row and not str(row[name]).strip()), "name")
            self.select_ids(list(finding.ids), "name" if row and not str(row["name"]).strip() else gap)
        else:
            self.select_ids(list(finding.ids))

    # -- following the file ------------------------------------------------------------------------------
    def files_changed(self, tables: set[str], changes: list[Change]) -> None:
        if tables & {"initiative", "canvas"}:
            self._review_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if self._review_stale:
            self.refresh_review()

    def reveal(self, item_id: str) -> None:
        """Select the initiative's row (a search hit)."""
        if self.model is not None and self.model.row_of(item_id) >= 0:
            self.select_ids([item_id])

    def activate(self) -> None:
        if self.view is not None:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def teardown(self) -> None:
        self._review_timer.stop()
        if self.model is not None:
            self.model.detach()
        self.form.detach()


