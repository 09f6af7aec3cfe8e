"""The "Compromisos" tab: commitments with who, by when and how verified, and validation rounds.

The OIM good-practice sheet (Ecuador's Mesa Nacional) asks for commitments that are concrete,
measurable and verifiable, with indicators to follow them: each row names what,
the responsible unit, the deadline and the indicator, and a column says what is
still missing. The list shows this workshop's commitments or the whole
process's, with their status, as the monitoring matrix will take them. Below,
validation rounds record how each stakeholder group received a proposal
(favourable, with reservations, with objections) and why (the Quito plan article, 3.2).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QCompleter, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter,
                               QStyledItemDelegate, QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget)

from ... import record as R
from ...commands import Command
from ...i18n import _, N_, ngettext
from ...store.db import Change
from ...domain.vocabulary import RECEPTIONS
from qtshared.context import WorkshopContext
from qtshared.dialogs import Dialogs
from .projected_list import ProjectedList
from qtshared.row_sync import tolerant_data

Index = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {"pending": "#5F6B76", "in_progress": "#1F6F8B", "done": "#2E7D32", "late": "#B3261E",
                  "dropped": "#8A8A8A"}
RECEPTION_COLOURS = {"favourable": "#2E7D32", "reservations": "#8A6100", "objections": "#B3261E"}


class Column:
    """One column of a record table: which field, its header, and how it is shown and edited."""

    def __init__(self, field: str, title: str, *, editable: bool = True, choices: dict[str, str] | None = None,
                 tip: str = "") -> None:
        self.field, self.title, self.editable, self.choices, self.tip = field, title, editable, choices, tip


class RecordTable(QAbstractTableModel):
    """Rows of one query; an edited cell becomes the command ``edit(row_id, field, value)`` returns."""

    refused = Signal(str)  # an edit the rules refuse (a deadline that is not a date), said in the user's words

    def __init__(self, ctx: WorkshopContext, columns: list[Column], load: Callable[[], list[dict[str, Any]]],
                 edit: Callable[[str, str, Any], Command | None], parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.columns, self.load, self.edit = ctx, columns, load, edit
        self.rows: list[dict[str, Any]] = load()

    def refresh(self) -> None:
        new = self.load()
        if [r["id"] for r in new] == [r["id"] for r in self.rows]:
            self.rows = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(self.columns) - 1))
        else:
            self.beginResetModel()
            self.rows = new
            self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.title)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return _(column.tip)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable and not self.ctx.doc.readonly:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def shown(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.field)
        if column.choices is not None:
            return _(column.choices.get(value, "")) if value else ""
        return "" if value is None else str(value)

    @tolerant_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return row.get(column.field)
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return self.extra(row, column, role)

    def extra(self, row: dict[str, Any], column: Column, role: int) -> Any:
        """Colours and tooltips; subclasses add theirs."""
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self.rows):
            return False
        try:
            command = self.edit(self.rows[index.row()]["id"], self.columns[index.column()].field, value)
        except R.DueError as exc:
            self.refused.emit(str(exc))
            return False
        return self.ctx.undo.run(command) if command is not None else False


class CommitmentTable(RecordTable):
    """Commitments with their effective status (late when the date has passed) and what they lack."""

    def __init__(self, ctx: WorkshopContext, today: Callable[[], date], parent=None) -> None:
        self.today = today
        self.process_wide = False
        columns = [
            Column("what", N_("Compromiso"), tip=N_("Qué se hará, en concreto")),
            Column("responsible", N_("Responsable"), tip=N_("Unidad u organización responsable")),
            Column("due", N_("Fecha límite"), tip=N_("Una fecha: DD/MM/AAAA o AAAA-MM-DD (también «mañana», «en 2 semanas»)")),
            Column("indicator", N_("Indicador"), tip=N_("Cómo se verificará que se cumplió")),
            Column("target", N_("Meta")),
            Column("status", N_("Estado"), choices=R.STATUS_LABELS),
            Column("missing", N_("Le falta"), editable=False,
                   tip=N_("Un compromiso concreto, medible y verificable indica responsable, plazo e indicador")),
            Column("workshop_title", N_("Taller"), editable=False),
        ]
        super().__init__(ctx, columns, self._rows, lambda i, f, v: R.edit_commitment(ctx.doc, i, f, v, self.today()), parent)

    def _rows(self) -> list[dict[str, Any]]:
        rows = R.commitments(self.ctx.doc.store, self.ctx.doc.process["id"],
                             None if self.process_wide else self.ctx.workshop_id)
        today = self.today()
        for row in rows:
            row["effective"] = R.effective_status(row, today)
            row["missing"] = ", ".join(_(m) for m in R.missing_parts(row))
        return rows

    def shown(self, row: dict[str, Any], column: Column) -> str:
        if column.field == "status":
            return _(R.STATUS_LABELS[row["effective"]])
        return super().shown(row, column)

    def extra(self, row: dict[str, Any], column: Column, role: int) -> Any:
        if column.field == "status" and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(STATUS_COLOURS[row["effective"]])
        if column.field == "status" and role == Qt.ItemDataRole.ToolTipRole and row["effective"] != row["status"]:
            return _("El plazo venció y no está cumplido (estado guardado: {status})",
                     status=_(R.STATUS_LABELS[row["status"]]))
        if column.field == "missing" and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#8A6100")
        if column.field == "what" and role == Qt.ItemDataRole.ToolTipRole and row["origin_entry_id"]:
            return _("Viene de la relatoría")
        return None


class RoundTable(RecordTable):
    def __init__(self, ctx: WorkshopContext, parent=None) -> None:
        columns = [
            Column("stakeholder", N_("Grupo de actores")),
            Column("reception", N_("Recepción"), choices=R.RECEPTION_LABELS),
            Column("reasons", N_("Razones")),
            Column("proposal", N_("Propuesta")),
        ]
        super().__init__(ctx, columns, lambda: R.rounds(ctx.doc.store, ctx.workshop_id),
                         lambda i, f, v: R.edit_round(ctx.doc, i, f, v), parent)

    def extra(self, row: dict[str, Any], column: Column, role: int) -> Any:
        if column.field == "reception" and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(RECEPTION_COLOURS[row["reception"]])
        return None


class ChoiceDelegate(QStyledItemDelegate):
    """A combo of fixed choices (status, reception), committed when picked."""

    def __init__(self, choices: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for key, label in self.choices.items():
            combo.addItem(_(label), key)
        combo.activated.connect(lambda _i, c=combo: (self.commitData.emit(c), self.closeEditor.emit(c)))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _table(model: RecordTable, stretch: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    for n, column in enumerate(model.columns):
        mode = QHeaderView.ResizeMode.Stretch if column.field == stretch else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(n, mode)
        if column.choices is not None:
            view.setItemDelegateForColumn(n, ChoiceDelegate(column.choices, view))
    return view


def _line(placeholder: str, width: int = 0, hint: str = "") -> QLineEdit:
    """A form field whose short placeholder fits at 1024 px; ``hint``, the longer explanation, is its tooltip."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(placeholder)
    edit.setToolTip(hint or placeholder)
    if width:
        edit.setMinimumWidth(width)
    return edit


class CommitmentsPanel(QWidget):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        writable = not ctx.doc.readonly
        outer = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(splitter)

        # -- commitments
        box = QGroupBox(_("Compromisos: qué, quién, para cuándo y cómo se verificará"))
        col = QVBoxLayout(box)
        top = QHBoxLayout()
        self.scope = QComboBox()
        self.scope.addItem(_("De este taller"), False)
        self.scope.addItem(_("De todo el proceso"), True)
        self.scope.setAccessibleName(_("Qué compromisos mostrar"))
        self.scope.currentIndexChanged.connect(self._scope_changed)
        top.addWidget(self.scope)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("Muted")
        top.addWidget(self.summary, 1)
        col.addLayout(top)
        self.commitments = CommitmentTable(ctx, today, self)
        self.commitments.refused.connect(lambda text: Dialogs.error(self, text))
        self.commitment_view = _table(self.commitments, "what")
        self.commitment_view.setAccessibleName(_("Compromisos"))
        for n, width in ((1, 170), (2, 100), (3, 190), (4, 110), (5, 100), (6, 150), (7, 150)):
            self.commitment_view.horizontalHeader().resizeSection(n, width)
        self.commitment_view.setColumnHidden(7, True)
        col.addWidget(self.commitment_view, 1)
        form = QHBoxLayout()
        self.what = _line(_("Qué se hará"), 180)
        self.responsible = _line(_("Responsable"), 120, _("Responsable: la unidad u organización que lo hará"))
        self.due = _line(_("Fecha límite"))
        self.due.setMaximumWidth(110)
        self.indicator = _line(_("Indicador"), 120, _("Indicador de verificación"))
        self.add_commitment_button = QPushButton(_("Añadir compromiso"))
        self.add_commitment_button.clicked.connect(self.add_commitment)
        for w in (self.what, self.responsible, self.due, self.indicator):
            w.returnPressed.connect(self.add_commitment)
            form.addWidget(w, 2 if w is self.what else 1)
        form.addWidget(self.add_commitment_button)
        col.addLayout(form)
        actions = QHBoxLayout()
        self.up_button = QPushButton(_("Subir"))
        self.up_button.clicked.connect(lambda: self.move_commitment(-1))
        self.down_button = QPushButton(_("Bajar"))
        self.down_button.clicked.connect(lambda: self.move_commitment(1))
        self.delete_commitment_button = QPushButton(_("Borrar compromiso"))
        self.delete_commitment_button.clicked.connect(self.delete_commitment)
        self.project_button = QPushButton(_("Proyectar"))
        self.project_button.setToolTip(_("Muestra los compromisos a la sala en la pantalla del proyector"))
        self.project_button.clicked.connect(self.project)
        self.projected: ProjectedList | None = None
        for b in (self.up_button, self.down_button, self.delete_commitment_button, self.project_button):
            actions.addWidget(b)
        actions.addStretch(1)
        col.addLayout(actions)
        pending = QHBoxLayout()
        self.unpromoted = QListWidget()
        self.unpromoted.setMaximumHeight(70)
        self.unpromoted.setWordWrap(True)
        self.unpromoted.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.unpromoted.setAccessibleName(_("Compromisos de la relatoría sin ficha"))
        self.unpromoted_label = QLabel(_("En la relatoría, sin ficha:"))
        self.promote_button = QPushButton(_("Crear ficha"))
        self.promote_button.clicked.connect(self.promote_selected)
        pending.addWidget(self.unpromoted_label)
        pending.addWidget(self.unpromoted, 1)
        pending.addWidget(self.promote_button)
        col.addLayout(pending)
        splitter.addWidget(box)

        # -- validation rounds
        rounds_box = QGroupBox(_("Rondas de validación: cómo recibió la propuesta cada grupo de actores"))
        col = QVBoxLayout(rounds_box)
        self.rounds = RoundTable(ctx, self)
        self.round_view = _table(self.rounds, "reasons")
        self.round_view.setAccessibleName(_("Rondas de validación"))
        for n, width in ((0, 220), (1, 130), (3, 220)):
            self.round_view.horizontalHeader().resizeSection(n, width)
        col.addWidget(self.round_view, 1)
        self.reception_summary = QLabel()
        self.reception_summary.setTextFormat(Qt.TextFormat.PlainText)
        col.addWidget(self.reception_summary)
        form = QHBoxLayout()
        self.proposal = _line(_("Propuesta"), 140, _("Propuesta que se valida"))
        self.stakeholder = _line(_("Grupo de actores"), 140)
        completer = QCompleter([], self.stakeholder)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.stakeholder.setCompleter(completer)
        self.reception = QComboBox()
        self.reception.setAccessibleName(_("Recepción"))
        for key in RECEPTIONS:
            self.reception.addItem(_(R.RECEPTION_LABELS[key]), key)
        self.reasons = _line(_("Razones"), 140)
        self.add_round_button = QPushButton(_("Añadir ronda"))
        self.add_round_button.clicked.connect(self.add_round)
        for w in (self.proposal, self.stakeholder, self.reasons):
            w.returnPressed.connect(self.add_round)
        form.addWidget(self.proposal, 1)
        form.addWidget(self.stakeholder, 1)
        form.addWidget(self.reception)
        form.addWidget(self.reasons, 2)
        form.addWidget(self.add_round_button)
        col.addLayout(form)
        self.delete_round_button = QPushButton(_("Borrar ronda"))
        self.delete_round_button.clicked.connect(self.delete_round)
        row = QHBoxLayout()
        row.addWidget(self.delete_round_button)
        row.addStretch(1)
        col.addLayout(row)
        splitter.addWidget(rounds_box)
        splitter.setSizes([560, 300])

        for view, slot in ((self.commitment_view, self.delete_commitment), (self.round_view, self.delete_round)):
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        for w in (self.what, self.responsible, self.due, self.indicator, self.add_commitment_button,
                  self.proposal, self.stakeholder, self.reception, self.reasons, self.add_round_button,
                  self.promote_button):
            w.setEnabled(writable)
        self._writable = writable
        for view, model in ((self.commitment_view, self.commitments), (self.round_view, self.rounds)):
            view.selectionModel().selectionChanged.connect(self._sync_buttons)
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                signal.connect(self._sync_buttons)
        self._sync_buttons()
        self._refresh_extras()
        ctx.signals.changed.connect(self._changed)

    # -- commitments ---------------------------------------------------------------------
    def _scope_changed(self) -> None:
        self.commitments.process_wide = bool(self.scope.currentData())
        self.commitment_view.setColumnHidden(7, not self.commitments.process_wide)
        self.commitments.refresh()
        self._refresh_extras()

    def add_commitment(self) -> str | None:
        try:
            command = R.add_commitment(self.ctx.doc, self.what.text(), workshop_id=self.ctx.workshop_id,
                                       responsible=self.responsible.text(), due=self.due.text(),
                                       indicator=self.indicator.text(), today=self.commitments.today())
        except R.DueError as exc:
            Dialogs.error(self, str(exc))  # nothing typed is lost: the form keeps it
            self.due.setFocus()
            self.due.selectAll()
            return None
        if command is None:
            self.what.setFocus()
            return None
        if not self.ctx.undo.run(command):
            return None
        for w in (self.what, self.responsible, self.due, self.indicator):
            w.setText("")
        self.what.setFocus()
        return command.id

    def selected(self, view: QTableView, model: RecordTable) -> str | None:
        rows = view.selectionModel().selectedRows()
        return model.rows[rows[0].row()]["id"] if rows and rows[0].row() < len(model.rows) else None

    def _selected_row(self, view: QTableView, model: RecordTable) -> int | None:
        rows = view.selectionModel().selectedRows()
        return rows[0].row() if rows and rows[0].row() < len(model.rows) else None

    def _sync_buttons(self, *_args: object) -> None:
        """Move up, Move down and Delete only when they apply: a row selected, not already first or last."""
        row = self._selected_row(self.commitment_view, self.commitments)
        last = len(self.commitments.rows) - 1
        self.up_button.setEnabled(self._writable and row is not None and row > 0)
        self.down_button.setEnabled(self._writable and row is not None and row < last)
        self.delete_commitment_button.setEnabled(self._writable and row is not None)
        self.delete_round_button.setEnabled(self._writable and self._selected_row(self.round_view, self.rounds)
                                            is not None)

    def delete_commitment(self) -> None:
        cid = self.selected(self.commitment_view, self.commitments)
        if cid:
            self.ctx.undo.run(R.delete_commitment(self.ctx.doc, cid))

    def move_commitment(self, delta: int) -> None:
        cid = self.selected(self.commitment_view, self.commitments)
        if not cid:
            return
        scope = None if self.commitments.process_wide else self.ctx.workshop_id
        if self.ctx.undo.run(R.move_commitment(self.ctx.doc, cid, delta, scope)):
            row = next(i for i, r in enumerate(self.commitments.rows) if r["id"] == cid)
            self.commitment_view.selectRow(row)

    def promote_selected(self) -> str | None:
        item = self.unpromoted.currentItem() or self.unpromoted.item(0)
        if item is None:
            return None
        command = R.promote_entry(self.ctx.doc, item.data(Qt.ItemDataRole.UserRole))
        if command is None or not self.ctx.undo.run(command):
            return None
        return command.commitment_id

    # -- validation rounds ----------------------------------------------------------------------
    def add_round(self) -> str | None:
        command = R.add_round(self.ctx.doc, self.ctx.workshop_id, self.stakeholder.text(),
                              self.reception.currentData(), reasons=self.reasons.text(),
                              proposal=self.proposal.text())
        if command is None:
            self.stakeholder.setFocus()
            return None
        if not self.ctx.undo.run(command):
            return None
        self.stakeholder.setText("")
        self.reasons.setText("")
        self.stakeholder.setFocus()
        return command.id

    def delete_round(self) -> None:
        rid = self.selected(self.round_view, self.rounds)
        if rid:
            self.ctx.undo.run(R.delete_round(self.ctx.doc, rid))

    # -- following the document -------------------------------------------------------------------
    def _refresh_extras(self) -> None:
        rows = self.commitments.rows
        late = sum(1 for r in rows if r["effective"] == "late")
        done = sum(1 for r in rows if r["effective"] == "done")
        incomplete = sum(1 for r in rows if r["missing"])
        self.summary.setText(" · ".join((ngettext("{n} compromiso", "{n} compromisos", len(rows)),
                                         ngettext("{n} cumplido", "{n} cumplidos", done),
                                         ngettext("{n} atrasado", "{n} atrasados", late),
                                         ngettext("{n} incompleto", "{n} incompletos", incomplete))))
        self.unpromoted.clear()
        for entry in R.unpromoted_entries(self.ctx.doc.store, self.ctx.workshop_id):
            item = QListWidgetItem(f"{R.clock_text(entry['at'])}  {entry['text']}")
            item.setData(Qt.ItemDataRole.UserRole, entry["id"])
            self.unpromoted.addItem(item)
        has = self.unpromoted.count() > 0
        for w in (self.unpromoted, self.unpromoted_label, self.promote_button):
            w.setVisible(has)
        counts = R.reception_counts(self.rounds.rows)
        self.reception_summary.setText("  ·  ".join(f"{_(R.RECEPTION_LABELS[k])}: {counts[k]}" for k in RECEPTIONS))
        last = self.rounds.rows[-1]["proposal"] if self.rounds.rows else ""
        if not self.proposal.text() and last:
            self.proposal.setText(last)
        model = self.stakeholder.completer().model()
        model.setStringList(R.speaker_suggestions(self.ctx.doc.store, self.ctx.workshop_id))  # type: ignore

    def _changed(self, changes: list[Change]) -> None:
        tables = {c.table for c in changes}
        if tables & {"commitment", "workshop"}:
            self.commitments.refresh()
        if "validation_round" in tables:
            self.rounds.refresh()
        if tables & {"commitment", "minutes_entry", "validation_round", "workgroup", "participant"}:
            self._refresh_extras()

    def project(self) -> ProjectedList:
        """The commitments shown in the list, on the projector: what, who, by when, how verified."""
        model = self.commitments

        def items() -> list[tuple[str, str]]:
            out = []
            for row in model._rows():
                label = " · ".join(p for p in (row["responsible"], row["due"],
                                               _(R.STATUS_LABELS[row["effective"]])) if p)
                text = row["what"] + (f"\n{_('Indicador')}: {row['indicator']}" if row["indicator"] else "")
                out.append((label, text))
            return out

        if self.projected is not None:
            self.projected.detach()
            self.projected.close()
        self.projected = ProjectedList(lambda: _("Compromisos"), items, self.ctx.signals, {"commitment"},
                                       empty=_("Todavía no hay compromisos con ficha."))
        self.projected.project(self.screen())
        return self.projected

    def activate(self) -> None:
        self.commitments.refresh()  # "late" depends on today's date
        self._refresh_extras()

    def shutdown(self) -> None:
        if self.projected is not None:
            self.projected.detach()
            self.projected.close()
            self.projected = None
        self.ctx.signals.changed.disconnect(self._changed)
