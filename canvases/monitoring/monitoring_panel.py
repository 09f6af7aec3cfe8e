"""The "Seguimiento" tab: the monitoring sheet of a policy's initiatives, and its projector view.

The guide's monitoring sheet (seed 002; METHODS §5) is a spreadsheet the
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

from PySide6.QtCore import QModelIndex, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPen,
                           QShortcut)
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QDialogButtonBox, QFrame, QGroupBox,
                               QHBoxLayout, QPushButton, QScrollArea, QSizePolicy, QSplitter, QStackedWidget, QStyle,
                               QStyleOptionViewItem, QToolButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from facilitator import monitoring as M
from facilitator.commands import Command
from facilitator.i18n import _
from facilitator.record import parse_due
from facilitator.store.db import Change
from qtshared.context import WorkshopContext
from .monitoring_model import MonitoringModel
from qtshared.projection import show_on_projector
from qtshared.publish import publish_button
from qtshared.projection import BG, DANGER, FG, MUTED
from qtshared.sheet import SheetDelegate, SheetView
from qtshared.style import INK, WARNING_BG
from qtshared.widgets import CanvasSwitcher, held_until_deleted, plain_label, plain_tooltip, window_keys

GROUP_COLOURS = {"status": "#ECEEEA", "general": "#DDEBEF", "progress": "#E2EEDC", "quick": "#E6DFF1"}
ROLE_ID = Qt.ItemDataRole.UserRole
MUTED_INK = "#8A9199"  # items of the carry-over list that are already in the sheet


# -- the sheet's pieces ----------------------------------------------------------------------------
class BadgeDelegate(SheetDelegate):
    """The shared sheet's delegate, drawing the status cell as a coloured badge that names the status.

    A badge whose status was worked out (late by date or by the quick evaluation)
    carries a small "!" so the facilitator knows to look at the tooltip for why.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = self.view.sheet
        if model.columns[index.column()].field != "status" or model.row_id(index.row()) is None:
            super().paint(painter, option, index)
            return
        row = model.rows[index.row()]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        draw_badge(painter, option.rect.adjusted(6, 0, -4, 0), row["_status"], bool(row["_reason"]), option.font)


def draw_badge(painter: QPainter, box: QRect, status: str, flagged: bool, font: QFont) -> None:
    """A rounded badge with the status's word in white, vertically centred in ``box``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    text = M.status_label(status)
    height = metrics.height() + max(4, metrics.height() // 3)
    width = min(box.width(), metrics.horizontalAdvance(text) + height)
    pill = QRectF(box.x(), box.center().y() - height / 2 + 1, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(M.STATUS_COLOURS[status]))
    painter.drawRoundedRect(pill, height / 2, height / 2)
    painter.setFont(bold)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                           int(width - height / 2)))
    if flagged and pill.right() + height < box.right():
        mark = QRectF(pill.right() + 4, pill.top() + 1, height - 2, height - 2)
        painter.setPen(QPen(QColor(M.STATUS_COLOURS[status]), 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(mark)
        painter.setPen(QColor(M.STATUS_COLOURS[status]))
        painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "!")
    painter.restore()


class GroupBand(QWidget):
    """The method's column groups ("Datos generales", "Evaluación rápida"…) drawn over the sheet's header.

    It follows the header's sections as they are resized or scrolled.
    """

    def __init__(self, view: SheetView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        header = view.horizontalHeader()
        header.sectionResized.connect(lambda *_a: self.update())
        header.geometriesChanged.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(lambda *_a: self.update())
        self.setFixedHeight(self.fontMetrics().height() + 10)
        self.spans: list[tuple[str, int, int]] = []  # (group key, first column, last column)
        for n, column in enumerate(view.sheet.columns):
            group = M.BY_FIELD[column.field].group
            if self.spans and self.spans[-1][0] == group:
                self.spans[-1] = (group, self.spans[-1][1], n)
            else:
                self.spans.append((group, n, n))
        self.setAccessibleName(_("Grupos de columnas"))

    def group_rect(self, first: int, last: int) -> QRect:
        """Where a group of columns is, in the band's coordinates."""
        header = self.view.horizontalHeader()
        offset = header.mapTo(self.window(), QPoint(0, 0)).x() - self.mapTo(self.window(), QPoint(0, 0)).x()
        left = header.sectionViewportPosition(first)
        right = header.sectionViewportPosition(last) + header.sectionSize(last)
        return QRect(offset + left, 0, right - left, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        header = self.view.horizontalHeader()
        offset = header.mapTo(self.window(), QPoint(0, 0)).x() - self.mapTo(self.window(), QPoint(0, 0)).x()
        painter.setClipRect(QRect(offset, 0, header.width(), self.height()))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        for group, first, last in self.spans:
            rect = self.group_rect(first, last).adjusted(0, 0, -1, -1)
            painter.fillRect(rect, QColor(GROUP_COLOURS[group]))
            painter.setPen(QColor("#B8BDB5"))
            painter.drawRect(rect)
            painter.setPen(QColor(INK))
            text = _(M.GROUPS[group]).upper() if group in M.GROUPS else ""
            visible = rect.intersected(QRect(offset, 0, header.width(), self.height())).adjusted(8, 0, -8, 0)
            painter.drawText(visible, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, visible.width()))


# -- carry-over -------------------------------------------------------------------------------------
class CarryDialog(QDialog):
    """Choose initiatives (by workshop and axis) or commitments (by workshop) to bring into the sheet.

    Items already in the sheet are listed, greyed and unchecked: choosing them again
    is harmless (they are skipped, and the message says how many).
    """

    def __init__(self, kind: str, candidates: list[M.Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        initiatives = kind == "initiative"
        self.setWindowTitle(_("Traer iniciativas de la planificación") if initiatives else _("Traer compromisos"))
        self.resize(900, 580)
        col = QVBoxLayout(self)
        col.addWidget(plain_label(
            _("Elija las iniciativas de las matrices de planificación del proceso. Cada una será una fila de la "
              "planilla, con su nombre, objetivo, responsable, indicador y meta.") if initiatives else
            _("Elija los compromisos del proceso. Cada uno será una fila de la planilla, con su responsable, "
              "plazo, indicador, meta y estado."), wrap=True))
        self.all = QCheckBox(_("Seleccionar todo"))
        self.all.clicked.connect(lambda checked: self.set_all(checked))
        col.addWidget(self.all)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Iniciativa") if initiatives else _("Compromiso"),
                                   _("Responsable y plazo")])
        self.tree.setAccessibleName(self.windowTitle())
        self.tree.setUniformRowHeights(True)
        self.tree.header().resizeSection(0, 540)
        col.addWidget(self.tree, 1)
        self.items: list[QTreeWidgetItem] = []
        self._fill(candidates)
        self.empty = plain_label(
            _("No hay iniciativas en las matrices de planificación de este proceso.") if initiatives else
            _("No hay compromisos en este proceso."), wrap=True, name="Muted")
        self.empty.setVisible(not candidates)
        col.addWidget(self.empty)
        self.count = plain_label("", name="Muted")
        col.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Traer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.tree.itemChanged.connect(lambda *_a: self._update_count())
        self._update_count()

    def _parent(self, parents: dict[tuple, QTreeWidgetItem], key: tuple, text: str,
                above: QTreeWidgetItem | None) -> QTreeWidgetItem:
        if key not in parents:
            item = QTreeWidgetItem([text, ""])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            if above is None:
                self.tree.addTopLevelItem(item)
            else:
                above.addChild(item)
            item.setExpanded(True)
            parents[key] = item
        return parents[key]

    def _fill(self, candidates: list[M.Candidate]) -> None:
        parents: dict[tuple, QTreeWidgetItem] = {}
        for c in candidates:
            top = self._parent(parents, (c.workshop,), c.workshop or _("Sin taller"), None)
            under = self._parent(parents, (c.workshop, c.section), _("Eje «{name}»", name=c.section), top) \
                if c.section else top
            item = QTreeWidgetItem([c.name + (_(" · ya está en la planilla") if c.carried else ""), c.detail])
            item.setData(0, ROLE_ID, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setToolTip(0, plain_tooltip(c.name))
            if c.carried:
                for n in (0, 1):
                    item.setForeground(n, QColor(MUTED_INK))
            under.addChild(item)
            self.items.append(item)

    def set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for n in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(n).setCheckState(0, state)

    def selected_ids(self) -> list[str]:
        return [i.data(0, ROLE_ID) for i in self.items if i.checkState(0) == Qt.CheckState.Checked]

    def _update_count(self) -> None:
        chosen = self.selected_ids()
        self.count.setText(_("{n} seleccionadas de {total}", n=len(chosen), total=len(self.items)))
        self.ok.setEnabled(bool(chosen))
        self.all.setChecked(bool(self.items) and len(chosen) == len(self.items))


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

    def show_row(self, row: dict[str, Any] | None, origin: M.Origin | None) -> None:
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
class MonitoringPanel(QWidget):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.writable = not ctx.doc.readonly
        self.canvas_id: str | None = None
        self.model: MonitoringModel | None = None
        self.view: SheetView | None = None
        self.band: GroupBand | None = None
        self.projected: QWidget | None = None
        self._build()
        ctx.signals.changed.connect(self._file_changed)
        self._reload_canvases()

    # -- building ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.switcher = CanvasSwitcher(_("Planilla:"), _("Planilla de seguimiento"), self.show_canvas)
        self.canvas_label, self.canvas_combo = self.switcher.label, self.switcher.combo
        top.addWidget(self.canvas_label)
        top.addWidget(self.canvas_combo)
        self.summary = plain_label("", name="SectionTitle")
        self.summary.setAccessibleName(_("Resumen del seguimiento"))
        top.addWidget(self.summary, 1)
        self.publish_button = publish_button(self.ctx, self)
        top.addWidget(self.publish_button)
        outer.addLayout(top)
        self.start_hint = plain_label(
            _("Para empezar: «Traer iniciativas de la planificación…» o «Traer compromisos…», pegue filas copiadas "
              "de una planilla (Ctrl+V) o agregue una fila (Ctrl+Enter)."), wrap=True, name="Muted")
        self.start_hint.setVisible(False)
        outer.addWidget(self.start_hint)

        actions = QHBoxLayout()
        self.bring_initiatives_button = self._button(
            actions, _("Traer iniciativas de la planificación…"),
            _("Crea filas a partir de las iniciativas de las matrices de planificación"),
            lambda: self.bring("initiative"))
        self.bring_commitments_button = self._button(
            actions, _("Traer compromisos…"), _("Crea filas a partir de los compromisos del proceso"),
            lambda: self.bring("commitment"))
        actions.addSpacing(12)
        self.add_button = self._button(actions, _("Agregar fila"), _("Una fila nueva bajo la actual (Ctrl+Enter)"),
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
        scroll.setMinimumWidth(260)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1100, 330])
        self.stack.addWidget(splitter)
        outer.addWidget(self.stack, 1)
        self.keys_help = plain_label(
            _("Escriba sobre una celda para reemplazarla · Enter o F2: editar · Tab: a la derecha · "
              "Supr: vaciar celdas · Ctrl+C / Ctrl+V: copiar y pegar con Excel · Ctrl+Enter: fila nueva · "
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
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _c=False: slot())
        row.addWidget(button)
        return button

    # -- canvases -------------------------------------------------------------------------------------------
    def _reload_canvases(self) -> None:
        entries = [(c["id"], c["title"] or _("Planilla de seguimiento"))
                   for c in M.canvases(self.ctx.doc.store, self.ctx.workshop_id)]
        kept = self.switcher.set_entries(entries, self.canvas_id)
        wanted = self.canvas_id if kept else self.switcher.first()
        if wanted != self.canvas_id or self.model is None:
            self.show_canvas(wanted)

    def _show_empty(self) -> None:
        self.stack.setCurrentIndex(0)
        self.summary.setText("")
        self.start_hint.setVisible(False)
        for w in (self.bring_initiatives_button, self.bring_commitments_button, self.add_button, self.delete_button,
                  self.up_button, self.down_button, self.reviewed_button, self.project_button):
            w.setEnabled(False)

    def show_canvas(self, canvas_id: str | None) -> None:
        """Show one monitoring sheet (None: the empty message)."""
        if self.model is not None:
            self.model.detach()
            self.sheet_layout.removeWidget(self.band)
            self.sheet_layout.removeWidget(self.view)
            for w in (self.band, self.view):
                w.hide()
                w.deleteLater()
            self.model.deleteLater()
            self.model = self.view = self.band = None
        self.canvas_id = canvas_id
        if canvas_id is None:
            self._show_empty()
            return
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
    def _file_changed(self, changes: list[Change]) -> None:
        tables = {c.table for c in changes}
        if "canvas" in tables:
            self._reload_canvases()
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
            self.show_message(_("Se borró 1 fila (Ctrl+Z deshace).") if len(ids) == 1 else
                              _("Se borraron {n} filas (Ctrl+Z deshace).", n=len(ids)))

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
    def project(self) -> QWidget | None:
        canvas = self.ctx.doc.canvas(self.canvas_id) if self.canvas_id else None
        if canvas is None:
            return None
        if self.projected is not None:
            self.projected.close()
        window = MonitoringProjector(self.ctx, canvas, self.today)
        window.setWindowFlag(Qt.WindowType.Window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        held_until_deleted(self, "projected", window)
        show_on_projector(window, self.screen())
        return window

    # -- tab life ------------------------------------------------------------------------------------------------
    def activate(self) -> None:
        if self.model is not None:
            self.model.refresh()  # "late" depends on today's date
            self._rows_changed()
            self.view.setFocus()

    def shutdown(self) -> None:
        if self.projected is not None:
            self.projected.close()
        if self.model is not None:
            self.model.detach()
        self.ctx.signals.changed.disconnect(self._file_changed)


# -- the projector view --------------------------------------------------------------------------------------
class MonitoringProjector(QWidget):
    """The sheet for the room: per initiative its status badge, name, responsible and end date, large.

    Read-only, redrawn when the file changes, and sized to the window: the text is as
    large as the number of rows allows (names wrap onto a second line when there is room).
    """

    def __init__(self, ctx: WorkshopContext, canvas_row: dict[str, Any], today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.canvas_id, self.today = ctx, canvas_row["id"], today
        self.title = canvas_row.get("title") or ""
        self.rows: list[dict[str, Any]] = []
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(BG))
        self.setPalette(palette)
        self.setMinimumSize(480, 270)
        self.setWindowTitle(_("Papelógrafo · Proyector"))
        self.reload()
        ctx.signals.changed.connect(self._changed)

    def reload(self) -> None:
        canvas = self.ctx.doc.canvas(self.canvas_id)
        self.title = canvas["title"] if canvas else self.title
        today = self.today()
        self.rows = M.rows(self.ctx.doc.store, self.canvas_id) if canvas else []
        for row in self.rows:
            row["_status"] = M.effective_status(row, today).status
            end = parse_due(row["end_date"])
            row["_overdue"] = row["status"] != "done" and end is not None and end < today
        self.update()

    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & {M.TABLE, "canvas"}:
            self.reload()

    def _font(self, pixels: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(9, int(pixels)))
        font.setBold(bold)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        margin = max(16, int(w * 0.03))
        scale = h / 720
        y = margin
        painter.setFont(self._font(34 * scale, True))
        painter.setPen(QColor(FG))
        line = painter.fontMetrics().height()
        painter.drawText(QRect(margin, y, w - 2 * margin, line), Qt.AlignmentFlag.AlignLeft,
                         painter.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight, w - 2 * margin))
        y += line + int(4 * scale)
        tally = dict.fromkeys(M.STATUS_LABELS, 0)
        for row in self.rows:
            tally[row["_status"]] += 1
        painter.setFont(self._font(20 * scale))
        painter.setPen(QColor(MUTED))
        line = painter.fontMetrics().height()
        painter.drawText(QRect(margin, y, w - 2 * margin, line), Qt.AlignmentFlag.AlignLeft, M.summary_text(tally))
        y += line + int(16 * scale)
        if not self.rows:
            return
        # Columns: badge | name | responsible | end date.
        inner = w - 2 * margin
        badge_w, date_w = int(inner * 0.15), int(inner * 0.14)
        resp_w = int(inner * 0.22)
        name_w = inner - badge_w - date_w - resp_w - 3 * int(16 * scale)
        gap = int(16 * scale)
        painter.setFont(self._font(15 * scale, True))
        head = painter.fontMetrics().height()
        x = margin
        for text, width in ((_("Estado"), badge_w), (_("Iniciativa"), name_w), (_("Responsable"), resp_w),
                            (_("Término"), date_w)):
            painter.drawText(QRect(x, y, width, head), Qt.AlignmentFlag.AlignLeft, text.upper())
            x += width + gap
        y += head + int(6 * scale)
        row_h = min((h - y - margin) / len(self.rows), 120 * scale)
        two_lines = row_h >= 2.4 * 20 * scale
        text_px = min(34 * scale, row_h / (2.5 if two_lines else 1.45))
        for row in self.rows:
            box = QRect(margin, int(y), inner, int(row_h))
            painter.setPen(QPen(QColor("#30363d"), 1))
            painter.drawLine(box.left(), box.bottom(), box.right(), box.bottom())
            badge_font = self._font(text_px * 0.8, True)
            draw_badge(painter, QRect(box.x(), box.y(), badge_w, box.height()), row["_status"], False, badge_font)
            x = box.x() + badge_w + gap
            painter.setFont(self._font(text_px, True))
            painter.setPen(QColor(FG))
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            name = row["name"] or _("(sin nombre)")
            painter.drawText(QRect(x, box.y(), name_w, box.height()), flags,
                             _elide_lines(painter.fontMetrics(), name, name_w, 2 if two_lines else 1))
            x += name_w + gap
            painter.setFont(self._font(text_px * 0.85))
            painter.setPen(QColor(MUTED))
            painter.drawText(QRect(x, box.y(), resp_w, box.height()), flags,
                             _elide_lines(painter.fontMetrics(), row["responsible"], resp_w, 2 if two_lines else 1))
            x += resp_w + gap
            painter.setPen(QColor(DANGER if row["_overdue"] else FG))
            painter.drawText(QRect(x, box.y(), date_w, box.height()), flags, row["end_date"])
            y += row_h

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        """As its own window: Esc leaves full screen, then closes; F11 toggles full screen."""
        if not window_keys(self, event):
            super().keyPressEvent(event)


def _elide_lines(metrics: QFontMetrics, text: str, width: int, lines: int) -> str:
    """``text`` wrapped at ``width`` into at most ``lines`` lines, each elided if it still does not fit."""
    out: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and metrics.horizontalAdvance(trial) > width:
            out.append(current)
            current = word
        else:
            current = trial
    out.append(current)
    if len(out) > lines:
        out = out[:lines - 1] + [" ".join(out[lines - 1:])]
    return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out)


def projector_view(ctx: WorkshopContext, canvas_row: dict[str, Any]) -> QWidget:
    """A read-only, self-fitting view of a monitoring sheet for the projector, following changes live."""
    return MonitoringProjector(ctx, canvas_row)
