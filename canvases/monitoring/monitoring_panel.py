"""The "Seguimiento" tab: the monitoring sheet of a policy's initiatives, and its projector view.

The guide's monitoring sheet (the OIM/Sermig Guía Práctica; METHODS §5) is a spreadsheet the
municipal team or the migration round table fills in review sessions: the
general data and progress of each initiative, then a quick evaluation. Here it
is the shared spreadsheet view (typing, Tab/Enter, copy and paste from Excel),
with the two parts of the method headed over the columns, a status badge in
words and colour, and a summary line for the room ("12 iniciativas: 7 en
curso, 3 atrasadas, 2 cumplidas").

Nobody retypes what the planning workshops and the commitments already say:
"Traer iniciativas…" and "Traer compromisos…" make rows from them, linked to
their origin, which the side pane shows (and can copy again). The side pane
also carries the method's guiding questions and the five criteria of the
annual evaluation, for the facilitator leading the session.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QFrame, QGroupBox, QHBoxLayout, QPushButton, QScrollArea, QSizePolicy,
                               QSplitter, QStackedWidget, QToolButton, QVBoxLayout,
                               QWidget)

from facilitator import monitoring as M
from facilitator.commands import Command
from facilitator.i18n import _, ngettext
from facilitator.store.db import Change
from qtshared.canvas_panel import CanvasPanel
from qtshared.flow import FlowLayout
from qtshared.context import WorkshopContext
from qtshared.publish import publish_button
from qtshared.sheet import SheetView
from qtshared.style import INK, WARNING_BG
from qtshared.widgets import plain_label

from .bring import CarryDialog
from .monitoring_model import MonitoringModel
from .projector_view import MonitoringProjector
from .sheet_look import BadgeDelegate, GroupBand

SIDE_WIDTHS = (260, 330)  # the selected row's detail and the guide beside the sheet: least; default on a wide screen


# -- the side pane ---------------------------------------------------------------------------------------
class RowDetail(QGroupBox):
    """The current row: its status and why, date problems, and where it came from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Fila seleccionada"), parent)
        col = QVBoxLayout(self)
        self.name = plain_label("", wrap=True, name="SectionTitle")
        self.status = plain_label("", wrap=True)
        self.problems = plain_label("", wrap=True)
        self.problems.setStyleSheet("color: #B3261E;")
        self.origin = plain_label("", wrap=True, name="Muted")
        self.origin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh_button = QPushButton(_("Actualizar desde el origen"))
        self.refresh_button.setToolTip(_("Copia otra vez el nombre, objetivo, responsable, indicador, meta y fechas "
                                         "desde la iniciativa o el compromiso de origen (Ctrl+Z deshace)"))
        for w in (self.name, self.status, self.problems, self.origin):
            col.addWidget(w)
        col.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_row(None, None)

    def show_row(self, row: dict[str, Any] | None, origin: M.CarriedFrom | None) -> None:
        if row is None:
            self.name.setText("")
            self.status.setText(_("Seleccione una fila para ver su estado y de dónde viene."))
            for w in (self.problems, self.origin):
                w.setText("")
                w.setVisible(False)
            self.refresh_button.setVisible(False)
            return
        self.name.setText(row["name"] or _("(sin nombre)"))
        lines = [_("Estado: {status}", status=M.status_label(row["_status"]))]
        if row["_reason"]:
            lines += [row["_reason"], _("Estado guardado: {status}", status=M.status_label(row["status"]))]
        self.status.setText("\n".join(lines))
        self.problems.setText("\n".join(row["_problems"].values()))
        self.problems.setVisible(bool(row["_problems"]))
        self.origin.setText(origin.text if origin else "")
        self.origin.setVisible(origin is not None)
        self.refresh_button.setVisible(origin is not None and origin.kind in ("initiative", "commitment"))


class MethodHelp(QWidget):
    """The method's guiding questions for a review session and the annual evaluation's criteria, folded away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText(_("Guía para la revisión"))
        self.toggle.setToolTip(_("Preguntas guía de la sesión de seguimiento y criterios de la evaluación anual"))
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setStyleSheet("QToolButton { border: none; font-weight: 600; }")
        self.toggle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.toggle.toggled.connect(self.set_open)
        col.addWidget(self.toggle)
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(6, 0, 0, 0)
        inner.addWidget(plain_label(_("Para la sesión de seguimiento"), wrap=True, name="SectionTitle"))
        for question in M.GUIDING_QUESTIONS:
            inner.addWidget(plain_label("• " + _(question), wrap=True))
        inner.addSpacing(6)
        inner.addWidget(plain_label(_("Evaluación anual de la Política"), wrap=True, name="SectionTitle"))
        for name, question in M.EVALUATION_CRITERIA:
            inner.addWidget(plain_label(_("{criterion}: {question}", criterion=_(name), question=_(question)),
                                        wrap=True))
        col.addWidget(self.body)

    def set_open(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


# -- the panel ------------------------------------------------------------------------------------------------
class MonitoringPanel(CanvasPanel):
    kind = M.KIND

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(ctx, parent)
        self.today = today
        self.writable = not ctx.doc.readonly
        self.model: MonitoringModel | None = None
        self.view: SheetView | None = None
        self.band: GroupBand | None = None
        self._build()
        self.follow_file()

    # -- building ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer, top = self.top_bar(_("Planilla:"), _("Planilla de seguimiento"))
        self.summary = plain_label("", name="SectionTitle")
        self.summary.setAccessibleName(_("Resumen del seguimiento"))
        top.addWidget(self.summary, 1)
        self.publish_button = publish_button(self.ctx, self)
        top.addWidget(self.publish_button)
        outer.addLayout(top)
        self.start_hint = plain_label(
            _("Para empezar: «Traer iniciativas de la planificación…» o «Traer compromisos…», pegue filas copiadas "
              "de una planilla (Ctrl+V) o agregue una fila (Ctrl+Intro)."), wrap=True, name="Muted")
        self.start_hint.setVisible(False)
        outer.addWidget(self.start_hint)

        actions = FlowLayout()  # wraps on a small screen
        self.bring_initiatives_button = self._button(
            actions, _("Traer iniciativas de la planificación…"),
            _("Crea filas a partir de las iniciativas de las matrices de planificación"),
            lambda: self.bring("initiative"))
        self.bring_commitments_button = self._button(
            actions, _("Traer compromisos…"), _("Crea filas a partir de los compromisos del proceso"),
            lambda: self.bring("commitment"))
        actions.addSpacing(12)
        self.add_button = self._button(actions, _("Agregar fila"), _("Una fila nueva bajo la actual (Ctrl+Intro)"),
                                       self.add_row)
        self.delete_button = self._button(actions, _("Borrar filas"), _("Borra las filas seleccionadas (Ctrl+Supr)"),
                                          self.delete_rows)
        self.up_button = self._button(actions, _("Subir"), _("Sube la fila (Alt+↑)"), lambda: self.move_row(-1))
        self.down_button = self._button(actions, _("Bajar"), _("Baja la fila (Alt+↓)"), lambda: self.move_row(1))
        actions.addSpacing(12)
        self.reviewed_button = self._button(
            actions, _("Revisada hoy"),
            _("Pone la fecha de hoy en «Fecha última revisión» de las filas seleccionadas (Ctrl+Mayús+R)"),
            self.mark_reviewed)
        actions.addStretch(1)
        self.project_button = self._button(actions, _("Proyectar"),
                                           _("Muestra la planilla a la sala en la pantalla del proyector"),
                                           self.project)
        outer.addLayout(actions)
        self.message = plain_label("", wrap=True)
        self.message.setStyleSheet(f"background: {WARNING_BG}; color: {INK}; padding: 4px 8px;")
        self.message.setVisible(False)
        outer.addWidget(self.message)

        self.stack = QStackedWidget()
        self.empty = plain_label(_("Este taller no tiene una planilla de seguimiento. Agregue una desde el menú "
                                   "de lienzos o use el guion «Sesión de seguimiento y evaluación»."), wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        splitter = QSplitter()
        self.sheet_holder = QWidget()
        self.sheet_layout = QVBoxLayout(self.sheet_holder)
        self.sheet_layout.setContentsMargins(0, 0, 0, 0)
        self.sheet_layout.setSpacing(0)
        splitter.addWidget(self.sheet_holder)
        side = QWidget()
        side_col = QVBoxLayout(side)
        side_col.setContentsMargins(4, 0, 4, 0)
        self.detail = RowDetail()
        self.detail.refresh_button.clicked.connect(self.refresh_from_origin)
        side_col.addWidget(self.detail)
        self.help = MethodHelp()
        side_col.addWidget(self.help)
        side_col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(SIDE_WIDTHS[0])
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        small = self.screen() is not None and self.screen().availableGeometry().width() < 1200
        splitter.setSizes([1100, SIDE_WIDTHS[0] if small else SIDE_WIDTHS[1]])  # on 1024 px the sheet gets the room
        self.stack.addWidget(splitter)
        outer.addWidget(self.stack, 1)
        self.keys_help = plain_label(
            _("Escriba sobre una celda para reemplazarla · Intro o F2: editar · Tab: a la derecha · "
              "Supr: vaciar celdas · Ctrl+C / Ctrl+V: copiar y pegar con Excel · Ctrl+Intro: fila nueva · "
              "Ctrl+Supr: borrar filas · Alt+↑↓: mover fila · Ctrl+Mayús+R: revisada hoy"), wrap=True, name="Muted")
        outer.addWidget(self.keys_help)
        for keys, slot in (("Ctrl+Shift+R", self.mark_reviewed), ("Alt+Up", lambda: self.move_row(-1)),
                           ("Alt+Down", lambda: self.move_row(1))):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        for w in (self.bring_initiatives_button, self.bring_commitments_button, self.add_button, self.delete_button,
                  self.up_button, self.down_button, self.reviewed_button, self.detail.refresh_button):
            w.setEnabled(self.writable)

    def _button(self, row: QHBoxLayout, text: str, tip: str, slot: Callable[[], Any]) -> QPushButton:
        return self.tool_button(row, text, tip, slot, push=True, keep_focus=False)

    # -- canvases (CanvasPanel) -----------------------------------------------------------------------------
    def canvas_title(self, row: dict[str, Any]) -> str:
        return row["title"] or _("Planilla de seguimiento")

    def show_empty(self) -> None:
        self.stack.setCurrentIndex(0)
        self.summary.setText("")
        self.start_hint.setVisible(False)
        for w in (self.bring_initiatives_button, self.bring_commitments_button, self.add_button, self.delete_button,
                  self.up_button, self.down_button, self.reviewed_button, self.project_button):
            w.setEnabled(False)

    def close_canvas(self) -> None:
        if self.model is not None:
            self.model.detach()
            self.sheet_layout.removeWidget(self.band)
            self.sheet_layout.removeWidget(self.view)
            for w in (self.band, self.view):
                w.hide()
                w.deleteLater()
            self.model.deleteLater()
            self.model = self.view = self.band = None

    def open_canvas(self, canvas_id: str) -> None:
        """Show one monitoring sheet."""
        self.model = MonitoringModel(self.ctx, canvas_id, self.today, self)
        self.view = SheetView(self.model, share_width=False)  # 17 columns: scroll sideways, never squeeze
        self.view.delegate = BadgeDelegate(self.view)
        self.view.setItemDelegate(self.view.delegate)
        self.view.setAccessibleName(_("Planilla de seguimiento"))
        self.view.message.connect(self.show_message)
        self.view.insert_requested.connect(self.add_row)
        self.view.delete_rows_requested.connect(self.delete_rows)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_detail())
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.layoutChanged, self.model.modelReset):
            signal.connect(self._rows_changed)
        self.band = GroupBand(self.view)
        self.sheet_layout.addWidget(self.band)
        self.sheet_layout.addWidget(self.view, 1)
        self.stack.setCurrentIndex(1)
        for w in (self.bring_initiatives_button, self.bring_commitments_button, self.add_button, self.delete_button,
                  self.up_button, self.down_button, self.reviewed_button):
            w.setEnabled(self.writable)
        self.project_button.setEnabled(True)
        self._rows_changed()

    # -- following the file ------------------------------------------------------------------------------------
    def files_changed(self, tables: set[str], changes: list[Change]) -> None:
        if tables & {"initiative", "commitment", "workshop"}:
            self._update_detail()

    def _rows_changed(self, *_args: Any) -> None:
        if self.model is None:
            return
        self.summary.setText(self.model.summary())
        self.start_hint.setVisible(self.writable and not self.model.rows)
        self._update_detail()

    def _update_detail(self) -> None:
        row = self.current_row()
        self.detail.show_row(row, M.origin(self.ctx.doc.store, row) if row else None)
        self.detail.refresh_button.setEnabled(self.writable)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- rows ------------------------------------------------------------------------------------------------------
    def current_row(self) -> dict[str, Any] | None:
        if self.view is None or self.model is None:
            return None
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def selected_ids(self) -> list[str]:
        return self.view.selected_row_ids() if self.view is not None else []

    def _run(self, command: Command | None) -> bool:
        return self.ctx.undo.run(command) if self.writable and command is not None else False

    def select_rows(self, row_ids: list[str], column: str = "name") -> None:
        assert self.view is not None and self.model is not None
        rows = sorted(n for n in (self.model.row_of(i) for i in row_ids) if n >= 0)
        if rows:
            col = self.model.column_of(column)
            self.view.select_range(rows[0], col, rows[-1], col)
            self.view.scrollTo(self.model.index(rows[0], col))
            self._update_detail()

    def add_row(self) -> str | None:
        if self.canvas_id is None:
            return None
        current = self.current_row()
        command = M.add_row(self.ctx.doc, self.canvas_id, after=current["id"] if current else None)
        if not self._run(command):
            return None
        self.select_rows([command.id])
        self.view.setFocus()
        return command.id

    def delete_rows(self) -> None:
        ids = self.selected_ids()
        if self._run(M.delete_rows(self.ctx.doc, ids)):
            self.show_message(ngettext("Se borró {n} fila (Ctrl+Z deshace).", "Se borraron {n} filas (Ctrl+Z deshace).",
                                       len(ids)))

    def move_row(self, delta: int) -> None:
        row = self.current_row()
        if row is None or self.view is None:
            return
        column = self.view.currentIndex().column()
        if self._run(M.move_row(self.ctx.doc, row["id"], delta)):
            self.select_rows([row["id"]], self.model.columns[column].field)

    def mark_reviewed(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.show_message(_("Seleccione las filas revisadas."))
            return
        self._run(M.mark_reviewed(self.ctx.doc, ids, self.today()))

    def refresh_from_origin(self) -> bool:
        row = self.current_row()
        if row is None:
            return False
        command = M.refresh_from_origin(self.ctx.doc, row["id"])
        if command is None:
            self.show_message(_("La fila ya tiene lo que dice su origen."))
            return False
        if self._run(command):
            self.show_message(_("Se copió otra vez desde el origen (Ctrl+Z deshace)."))
            return True
        return False

    # -- carry-over ------------------------------------------------------------------------------------------------
    def bring(self, kind: str) -> M.CarryOver | None:
        """Ask which initiatives (or commitments) to bring, then make their rows as one undo step."""
        if self.canvas_id is None or not self.writable:
            return None
        store = self.ctx.doc.store
        candidates = (M.initiative_candidates(store, self.canvas_id) if kind == "initiative"
                      else M.commitment_candidates(store, self.canvas_id))
        dialog = CarryDialog(kind, candidates, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return self.carry(kind, dialog.selected_ids())
        finally:
            dialog.deleteLater()

    def carry(self, kind: str, ids: list[str]) -> M.CarryOver | None:
        assert self.canvas_id is not None
        make = M.carry_initiatives if kind == "initiative" else M.carry_commitments
        command = make(self.ctx.doc, self.canvas_id, ids)
        if command is None:
            return None
        if command.row_ids and not self._run(command):
            return None
        self.show_message(M.carry_message(command))
        if command.row_ids:
            self.select_rows(command.row_ids)
        return command

    # -- projector ----------------------------------------------------------------------------------------------
    def projector_window(self) -> QWidget:
        return MonitoringProjector(self.ctx, self.ctx.doc.canvas(self.canvas_id), self.today)

    # -- tab life ------------------------------------------------------------------------------------------------
    def activate(self) -> None:
        if self.model is not None:
            self.model.refresh()  # "late" depends on today's date
            self._rows_changed()
            self.view.setFocus()

    def teardown(self) -> None:
        if self.model is not None:
            self.model.detach()


