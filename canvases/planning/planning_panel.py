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

import math
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QScrollArea, QSplitter, QStackedWidget, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from facilitator import planning as P
from facilitator.commands import Command
from facilitator.domain.tags import fold
from facilitator.i18n import N_, _
from facilitator.store.db import Change
from qtshared.context import WorkshopContext
from .initiative_form import InitiativeForm
from .planning_model import PlanningModel
from qtshared.projection import show_on_projector
from qtshared.publish import publish_button
from qtshared.sheet import SheetView
from qtshared.widgets import CanvasSwitcher, held_until_deleted, plain_label, plain_tooltip, window_keys

REVIEW_DELAY_MS = 200
SIDE_WIDTH = 360  # the form and the review beside the matrix, by default
SIDE_MIN_WIDTH = 300
KIND_TITLES = {"few": N_("Ejes con menos de dos iniciativas"), "duplicate": N_("Posibles duplicadas"),
               "missing": N_("Les faltan datos clave")}
KIND_COLOURS = {"few": "#8A6100", "duplicate": "#B3261E", "missing": "#5F6B76"}


class Ask:
    """Questions to the user, behind classmethods that tests replace (like ``Dialogs``)."""

    @classmethod
    def remove_axis(cls, parent: QWidget | None, name: str, count: int) -> str | None:
        """What to do with an axis's initiatives: "move" to Sin eje, "delete", or None to keep the axis."""
        box = QtWidgets.QMessageBox(parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(_("Papelógrafo"))
        box.setText(_("El eje «{name}» tiene {n} iniciativas. ¿Qué hacemos con ellas?", name=name, n=count))
        move = box.addButton(_("Dejarlas «Sin eje»"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        delete = box.addButton(_("Eliminarlas"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Cancelar"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.exec()
        box.deleteLater()
        return {move: "move", delete: "delete"}.get(box.clickedButton())


# -- the tab ----------------------------------------------------------------------------------------------
class PlanningPanel(QWidget):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.doc = ctx.doc
        self.read_only = ctx.doc.readonly
        self.canvas_id: str | None = None
        self.model: PlanningModel | None = None
        self.view: SheetView | None = None
        self.projected: QWidget | None = None
        self._review_timer = QTimer(self)
        self._review_timer.setSingleShot(True)
        self._review_timer.setInterval(REVIEW_DELAY_MS)
        self._review_timer.timeout.connect(self.refresh_review)
        self._review_stale = True
        self._build()
        ctx.signals.changed.connect(self._file_changed)
        self._reload_canvases()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.switcher = CanvasSwitcher(_("Matriz:"), _("Matriz de planificación"), self.show_canvas)
        self.canvas_label, self.canvas_combo = self.switcher.label, self.switcher.combo
        top.addWidget(self.canvas_label)
        top.addWidget(self.canvas_combo)
        self.axes_button = self._button(top, _("Ejes estratégicos…"), _("Agregar, renombrar, ordenar o quitar ejes"),
                                        self.edit_axes)
        self.bring_button = self._button(top, _("Traer desde notas…"),
                                         _("Crear iniciativas a partir de notas de los tableros, FODA y árboles del "
                                           "proceso"), self.bring_from_notes)
        top.addSpacing(12)
        self.add_button = self._button(top, _("Añadir iniciativa"), _("Nueva fila en el eje actual (Ctrl+Enter)"),
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
        self.keys_help = plain_label(_("Escriba para reemplazar una celda · Enter o F2: editar · Tab: a la derecha · "
                                       "Supr: vaciar celdas · Ctrl+C / Ctrl+V: copiar y pegar rangos de una planilla "
                                       "(sobre un eje: filas nuevas) · Ctrl+Enter o Insert: nueva iniciativa · "
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
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the matrix
        button.clicked.connect(lambda _c=False: slot())
        row.addWidget(button)
        return button

    # -- canvases ------------------------------------------------------------------------------
    def canvas_entries(self) -> list[tuple[str, str]]:
        """(id, title) of the workshop's planning matrices, as the switcher shows them."""
        return [(c["id"], c["title"] or _("Matriz de planificación"))
                for c in P.planning_canvases(self.doc, self.ctx.workshop_id)]

    def _reload_canvases(self) -> None:
        if not self.switcher.set_entries(self.canvas_entries(), self.canvas_id):
            self.show_canvas(self.switcher.first())

    def show_canvas(self, canvas_id: str | None) -> None:
        if canvas_id == self.canvas_id and (self.model is not None or canvas_id is None):
            return
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.model.detach()
            self.model.deleteLater()
        self.model = self.view = None
        self.canvas_id = canvas_id
        for w in (self.axes_button, self.bring_button, self.add_button, self.delete_button, self.up_button,
                  self.down_button, self.project_button):
            w.setVisible(canvas_id is not None)
        if canvas_id is None:
            self.stack.setCurrentWidget(self.empty)
            self.form.show_initiative(None, _("No hay matriz de planificación."))
            self.refresh_review()
            return
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
        self.form.show_initiative(None, _("Eje «{axis}»: elija una de sus iniciativas, o pulse Ctrl+Enter para "
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
            self.show_message(_("Se eliminó 1 iniciativa (Ctrl+Z deshace).") if len(ids) == 1 else
                              _("Se eliminaron {n} iniciativas (Ctrl+Z deshace).", n=len(ids)))

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
        parts = [_("Se creó 1 iniciativa.") if outcome.added == 1 else
                 _("Se crearon {n} iniciativas.", n=outcome.added)]
        if outcome.skipped:
            parts.append(_("{n} notas ya estaban en la matriz.", n=outcome.skipped) if outcome.skipped > 1 else
                         _("Una nota ya estaba en la matriz."))
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
    def _file_changed(self, changes: list[Change]) -> None:
        tables = {c.table for c in changes}
        if "canvas" in tables and not self.switcher.shows(self.canvas_entries()):
            self._reload_canvases()  # a matrix added, removed or renamed
        if tables & {"initiative", "canvas"}:
            self._review_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if self._review_stale:
            self.refresh_review()

    def project(self) -> QWidget | None:
        if self.canvas_id is None:
            return None
        if self.projected is not None:
            self.projected.close()
        window = projector_view(self.ctx, self.doc.canvas(self.canvas_id))
        window.setWindowFlag(Qt.WindowType.Window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        held_until_deleted(self, "projected", window)
        show_on_projector(window, self.screen())
        return window

    def activate(self) -> None:
        if self.view is not None:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def shutdown(self) -> None:
        self._review_timer.stop()
        if self.projected is not None:
            self.projected.close()
        if self.model is not None:
            self.model.detach()
        self.form.detach()
        self.ctx.signals.changed.disconnect(self._file_changed)


# -- axes ---------------------------------------------------------------------------------------------------
class AxesDialog(QDialog):
    """The matrix's strategic axes: add, rename (double-click or F2), reorder, remove. Each change is one undo step."""

    def __init__(self, ctx: WorkshopContext, canvas_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.canvas_id = ctx, canvas_id
        self.setWindowTitle(_("Ejes estratégicos"))
        self.resize(560, 420)
        col = QVBoxLayout(self)
        col.addWidget(plain_label(_("Los ejes de la política que organizan la matriz (uno por papelógrafo). Doble "
                                    "clic o F2 para renombrar."), wrap=True, name="Muted"))
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName(_("Ejes estratégicos"))
        self.list.itemChanged.connect(self._renamed)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.up_button = QPushButton(_("Subir"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(_("Bajar"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button = QPushButton(_("Quitar…"))
        self.remove_button.clicked.connect(self.remove)
        for b in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        col.addLayout(row, 1)
        add = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(_("Nombre del nuevo eje"))
        self.new_name.setAccessibleName(_("Nombre del nuevo eje"))
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton(_("Agregar eje"))
        self.add_button.clicked.connect(self.add)
        add.addWidget(self.new_name, 1)
        add.addWidget(self.add_button)
        col.addLayout(add)
        self.message = plain_label("", wrap=True)
        self.message.setStyleSheet("color: #B3261E;")
        col.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Cerrar"))
        close.rejected.connect(self.reject)
        col.addWidget(close)
        ctx.signals.changed.connect(self._changed)
        self.finished.connect(lambda _r: self.ctx.signals.changed.disconnect(self._changed))
        self.refresh()

    def keys(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def refresh(self) -> None:
        current = self.current_key()
        self.list.blockSignals(True)
        self.list.clear()
        for axis in P.axes(self.ctx.doc, self.canvas_id):
            item = QListWidgetItem(axis["label"])
            item.setData(Qt.ItemDataRole.UserRole, axis["key"])
            item.setToolTip(_("{n} iniciativas", n=P.axis_size(self.ctx.doc, self.canvas_id, axis["key"])))
            if not self.ctx.doc.readonly:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = self.keys()
        self.list.setCurrentRow(keys.index(current) if current in keys else (0 if keys else -1))

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _run(self, build) -> bool:
        try:
            command = build()
        except ValueError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText("")
        return command is not None and self.ctx.undo.run(command)

    def add(self) -> str | None:
        holder: dict[str, Any] = {}

        def build():
            holder["command"] = P.add_axis(self.ctx.doc, self.canvas_id, self.new_name.text())
            return holder["command"]

        if not self._run(build):
            return None
        self.new_name.clear()
        key = holder["command"].key
        self.list.setCurrentRow(self.keys().index(key))
        return key

    def _renamed(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if not self._run(lambda: P.rename_axis(self.ctx.doc, self.canvas_id, key, item.text())):
            QTimer.singleShot(0, self.refresh)  # put the stored name back

    def move(self, delta: int) -> None:
        key = self.current_key()
        if key:
            self._run(lambda: P.move_axis(self.ctx.doc, self.canvas_id, key, delta))

    def remove(self) -> None:
        key = self.current_key()
        if not key:
            return
        count = P.axis_size(self.ctx.doc, self.canvas_id, key)
        what = "move"
        if count:
            what = Ask.remove_axis(self, P.axis_label(P.axes(self.ctx.doc, self.canvas_id), key), count)
            if what is None:
                return
        self._run(lambda: P.remove_axis(self.ctx.doc, self.canvas_id, key, initiatives_to=what))

    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & {"canvas", "initiative"}:
            self.refresh()


# -- notes brought over --------------------------------------------------------------------------------------
class BringDialog(QDialog):
    """Choose notes of the process's flipcharts (a group's proposals, a challenge…) and the axis they go to."""

    def __init__(self, ctx: WorkshopContext, canvas_id: str, axis: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.canvas_id = ctx, canvas_id
        self.setWindowTitle(_("Traer desde notas"))
        self.resize(720, 560)
        col = QVBoxLayout(self)
        col.addWidget(plain_label(_("Marque las notas que se convertirán en iniciativas. Cada iniciativa recuerda su "
                                    "nota y su grupo; las notas no cambian."), wrap=True, name="Muted"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Buscar en las notas…"))
        self.search.setAccessibleName(_("Buscar en las notas…"))
        self.search.textChanged.connect(self._filter)
        col.addWidget(self.search)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Nota"), _("Grupo")])
        self.tree.setAccessibleName(_("Notas del proceso"))
        self.tree.setColumnWidth(0, 500)
        self.tree.itemChanged.connect(lambda *_a: self._count())
        col.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(plain_label(_("Al eje:")))
        self.axis_combo = QComboBox()
        self.axis_combo.setAccessibleName(_("Eje de destino"))
        for a in P.axes(ctx.doc, canvas_id):
            self.axis_combo.addItem(a["label"], a["key"])
        self.axis_combo.addItem(_("Sin eje"), P.NO_AXIS)
        self.axis_combo.setCurrentIndex(max(0, self.axis_combo.findData(axis)))
        row.addWidget(self.axis_combo, 1)
        col.addLayout(row)
        self.status = plain_label("", wrap=True, name="Muted")
        col.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        col.addWidget(self.buttons)
        self.items: list[QTreeWidgetItem] = []
        self._fill()

    def _fill(self) -> None:
        self.tree.blockSignals(True)
        parents: dict[tuple[str, str], QTreeWidgetItem] = {}
        for note in P.source_notes(self.ctx.doc, self.canvas_id):
            key = (note["canvas_id"], note["zone"])
            parent = parents.get(key)
            if parent is None:
                parent = QTreeWidgetItem([f"{note['workshop_title']} · {note['canvas_title']} · {note['zone_label']}"])
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = QFont(self.tree.font())
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFirstColumnSpanned(False)
                self.tree.addTopLevelItem(parent)
                parents[key] = parent
            text = " ".join(note["text"].split())
            item = QTreeWidgetItem([text if not note["brought"] else _("{text} (ya está en la matriz)", text=text),
                                    note["group_name"]])
            item.setData(0, Qt.ItemDataRole.UserRole, note["id"])
            item.setToolTip(0, plain_tooltip(note["text"]))
            if note["brought"]:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
            parent.addChild(item)
            self.items.append(item)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if not self.items:
            self.status.setText(_("Los tableros, matrices FODA y árboles de este proceso todavía no tienen notas."))
        self._count()

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for n in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(n)
            shown = 0
            for k in range(parent.childCount()):
                child = parent.child(k)
                hay = fold(child.text(0) + " " + child.text(1) + " " + parent.text(0))
                hidden = bool(words) and not all(w in hay for w in words)
                child.setHidden(hidden)
                shown += not hidden
            parent.setHidden(shown == 0)

    def chosen(self) -> list[str]:
        return [i.data(0, Qt.ItemDataRole.UserRole) for i in self.items
                if i.flags() & Qt.ItemFlag.ItemIsUserCheckable and i.checkState(0) == Qt.CheckState.Checked]

    def check(self, note_ids: list[str]) -> None:
        for item in self.items:
            if item.data(0, Qt.ItemDataRole.UserRole) in note_ids and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(0, Qt.CheckState.Checked)

    def axis(self) -> str:
        return self.axis_combo.currentData()

    def _count(self) -> None:
        n = len(self.chosen())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Crear 1 iniciativa") if n == 1 else _("Crear {n} iniciativas", n=n))
        ok.setEnabled(n > 0)


# -- the projector -------------------------------------------------------------------------------------------
BG, CARD, FG, ACCENT, MUTED, WARN = "#0d1117", "#161b22", "#ffffff", "#58a6ff", "#c9d1d9", "#ffc400"
MAX_PX, MIN_PX = 40, 11


class PlanningProjection(QWidget):
    """The matrix for the room: a card per axis with its initiatives, the type as large as fits."""

    def __init__(self, ctx: WorkshopContext, canvas_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.canvas_id = ctx, canvas_id
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(BG))
        self.setPalette(palette)
        self.setMinimumSize(320, 200)
        self.title = ""
        self.groups: list[P.Group] = []
        self.reload()
        ctx.signals.changed.connect(self._changed)  # PySide drops the connection when this widget goes

    def reload(self) -> None:
        canvas = self.ctx.doc.canvas(self.canvas_id)
        self.title = canvas["title"] if canvas else ""
        self.groups = P.grouped(self.ctx.doc, self.canvas_id) if canvas else []
        self.update()

    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & {"initiative", "canvas"}:
            self.reload()

    def cards(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(axis title, count line, [(initiative, detail)]) per axis: what each card says."""
        out = []
        for group in self.groups:
            n = len(group.rows)
            count = _("1 iniciativa") if n == 1 else _("{n} iniciativas", n=n)
            if group.key != P.NO_AXIS and n < P.MIN_PER_AXIS:
                count = _("{count} (mínimo {min})", count=count, min=P.MIN_PER_AXIS)
            items = []
            for row in group.rows:
                name = " ".join(str(row["name"]).split()) or _("Iniciativa sin nombre")
                detail = " · ".join(p for p in (" ".join(str(row[f]).split()) for f in ("goal", "unit", "period")) if p)
                items.append((name, detail))
            out.append((group.label, count, items))
        return out

    def _grid(self) -> tuple[int, int]:
        n = max(len(self.groups), 1)
        cols = 1 if n == 1 else 2 if n <= 4 else 3
        return cols, math.ceil(n / cols)

    def _fits(self, cards, px: int, width: int, height: int) -> bool:
        return all(self._card_height(px, width, *card) <= height for card in cards)

    def _fonts(self, px: int) -> tuple[QFont, QFont, QFont]:
        head, body, small = QFont(self.font()), QFont(self.font()), QFont(self.font())
        head.setPixelSize(max(int(px * 1.1), 8))
        head.setBold(True)
        body.setPixelSize(px)
        small.setPixelSize(max(int(px * 0.75), 8))
        return head, body, small

    def _card_height(self, px: int, width: int, title: str, count: str, items: list[tuple[str, str]]) -> int:
        head, body, small = self._fonts(px)
        flags = Qt.TextFlag.TextWordWrap
        h = QFontMetrics(head).boundingRect(QRect(0, 0, width, 10000), flags, title).height()
        h += QFontMetrics(small).height() + px // 2
        width -= QFontMetrics(body).horizontalAdvance("• ")
        for name, detail in items:
            h += QFontMetrics(body).boundingRect(QRect(0, 0, width, 10000), flags, name).height()
            if detail:
                h += QFontMetrics(small).boundingRect(QRect(0, 0, width, 10000), flags, detail).height()
            h += px // 3
        return h

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = max(self.width() // 60, 12)
        title_font = QFont(self.font())
        title_font.setPixelSize(max(self.height() // 22, 14))
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor(FG))
        title_h = QFontMetrics(title_font).height()
        painter.drawText(QRect(margin, margin, self.width() - 2 * margin, title_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, self.title)
        top = margin + title_h + margin // 2
        if not self.groups:
            painter.setPen(QColor(MUTED))
            painter.drawText(QRect(margin, top, self.width() - 2 * margin, self.height() - top),
                             Qt.TextFlag.TextWordWrap, _("Esta matriz todavía no tiene ejes."))
            return
        cols, rows = self._grid()
        gap = margin // 2
        card_w = (self.width() - 2 * margin - (cols - 1) * gap) // cols
        card_h = (self.height() - top - margin - (rows - 1) * gap) // rows
        pad = max(card_w // 30, 8)
        inner_w, inner_h = card_w - 2 * pad, card_h - 2 * pad
        cards = self.cards()
        px = MIN_PX
        low, high = MIN_PX, MAX_PX
        while low <= high:  # the largest type that fits every card
            mid = (low + high) // 2
            if self._fits(cards, mid, inner_w, inner_h):
                px, low = mid, mid + 1
            else:
                high = mid - 1
        head, body, small = self._fonts(px)
        for n, (title, count, items) in enumerate(cards):
            x = margin + (n % cols) * (card_w + gap)
            y = top + (n // cols) * (card_h + gap)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(CARD))
            painter.drawRoundedRect(QRect(x, y, card_w, card_h), 8, 8)
            painter.setClipRect(QRect(x, y, card_w, card_h))
            cy = y + pad
            cy = self._draw(painter, head, ACCENT, x + pad, cy, inner_w, title)
            thin = len(items) < P.MIN_PER_AXIS and self.groups[n].key != P.NO_AXIS
            cy = self._draw(painter, small, WARN if thin else MUTED, x + pad, cy, inner_w, count) + px // 2
            bullet = QFontMetrics(body).horizontalAdvance("• ")
            for name, detail in items:
                self._draw(painter, body, FG, x + pad, cy, bullet, "•")
                cy = self._draw(painter, body, FG, x + pad + bullet, cy, inner_w - bullet, name)
                if detail:
                    cy = self._draw(painter, small, MUTED, x + pad + bullet, cy, inner_w - bullet, detail)
                cy += px // 3
            painter.setClipping(False)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        """Shown on its own (the tab's "Proyectar"): Esc leaves full screen, then closes; F11 toggles it."""
        if not window_keys(self, event):
            super().keyPressEvent(event)

    @staticmethod
    def _draw(painter: QPainter, font: QFont, colour: str, x: int, y: int, width: int, text: str) -> int:
        painter.setFont(font)
        painter.setPen(QColor(colour))
        rect = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, text)
        painter.drawText(QRect(x, y, width, rect.height()), Qt.TextFlag.TextWordWrap, text)
        return y + rect.height()


def projector_view(ctx: WorkshopContext, canvas_row: dict[str, Any]) -> QWidget:
    """A read-only, self-fitting view of a planning canvas that follows the file's changes."""
    return PlanningProjection(ctx, canvas_row["id"])
