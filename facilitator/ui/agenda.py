"""The agenda editor: blocks with start times, minutes, input modes; undoable edits."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from ..commands import UpdateRow
from ..i18n import _, N_, ngettext
from ..domain.vocabulary import INPUT_MODES
from ..workshops import add_block, check_minutes, move_block, remove_block, retime_block
from qtshared.context import WorkshopContext
from qtshared.fields import BoundField, plain_text_edit
from qtshared.row_sync import INVALID_MARK, invalid_text, tolerant_data
from qtshared.widgets import plain_tooltip

MODE_LABELS = {"individual": N_("Individual"), "group": N_("En grupos"), "plenary": N_("Plenario")}
COLUMNS = (N_("Inicio"), N_("Bloque"), N_("Min"), N_("Modalidad"), N_("Lienzo"))
START, TITLE, MINUTES, MODES, CANVAS = range(5)

Index = QModelIndex | QPersistentModelIndex


def modes_text(modes: str) -> str:
    return " → ".join(_(MODE_LABELS[m]) for m in modes.split(",") if m in MODE_LABELS)


def start_times(start: str, minutes: list[int]) -> list[str]:
    """Clock times of each block from the workshop's start (HH:MM), or +h:mm offsets."""
    try:
        clock = datetime.strptime(start.strip(), "%H:%M")
    except ValueError:
        clock = None
    out, offset = [], 0
    for m in minutes:
        if clock is not None:
            out.append((clock + timedelta(minutes=offset)).strftime("%H:%M"))
        else:
            out.append(f"+{offset // 60}:{offset % 60:02d}")
        offset += m
    if clock is not None:
        out.append((clock + timedelta(minutes=offset)).strftime("%H:%M"))
    else:
        out.append(f"+{offset // 60}:{offset % 60:02d}")
    return out


class AgendaModel(QAbstractTableModel):
    problem = Signal(str)

    def __init__(self, ctx: WorkshopContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self.times: list[str] = []
        self.canvases: dict[str, dict[str, Any]] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self.ctx.doc.blocks(self.ctx.workshop_id)
        self.canvases = {c["id"]: c for c in self.ctx.doc.canvases(self.ctx.workshop_id)}
        w = self.ctx.doc.workshop(self.ctx.workshop_id) or {"start_time": ""}
        self.times = start_times(w["start_time"], [r["minutes"] for r in self.rows])
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def canvas_text(self, row: dict[str, Any]) -> str:
        canvas = self.canvases.get(row["canvas_id"] or "")
        if canvas is None:
            return ""
        zone = next((z["label"] for z in canvas["zones"] if z["key"] == row["zone"]), "")
        return f"{canvas['title']} · {zone}" if zone else canvas["title"]

    @tolerant_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == START:
                return self.times[index.row()]
            if col == TITLE:
                return row["title"]
            if col == MINUTES:
                if role == Qt.ItemDataRole.DisplayRole and "minutes" in row.get("invalid", ()):
                    return INVALID_MARK  # the file holds something that is not minutes: shown, not used
                return row["minutes"] if role == Qt.ItemDataRole.EditRole else str(row["minutes"])
            if col == MODES:
                return modes_text(row["input_modes"])
            if col == CANVAS:
                return self.canvas_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and col == TITLE:
            return plain_tooltip(row["instruction"])
        if role == Qt.ItemDataRole.ToolTipRole and col == MINUTES and "minutes" in row.get("invalid", ()):
            return invalid_text()
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (START, MINUTES):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (TITLE, MINUTES) and not self.ctx.doc.readonly:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self.rows):
            return False
        row = self.rows[index.row()]
        try:
            if index.column() == TITLE:
                text = str(value).strip()
                if not text:
                    raise ValueError(_("El título del bloque no puede quedar vacío."))
                if text == row["title"]:
                    return False
                command = UpdateRow("block", row["id"], {"title": text}, _("Renombrar bloque"))
            elif index.column() == MINUTES:
                if check_minutes(value) == row["minutes"]:
                    return False
                command = retime_block(self.ctx.doc, row["id"], value)
            else:
                return False
        except ValueError as exc:
            self.problem.emit(str(exc))
            return False
        return self.ctx.undo.run(command)

    def row_of(self, block_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == block_id), -1)


class AgendaEditor(QWidget):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AgendaModel(ctx, self)
        readonly = ctx.doc.readonly

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_button = self._button(bar, _("Añadir bloque"), self.add, _("Insertar un bloque después del seleccionado"))
        self.remove_button = self._button(bar, _("Quitar bloque"), self.remove)
        self.up_button = self._button(bar, _("Subir"), lambda: self.move(-1), _("Ctrl+Arriba"))
        self.down_button = self._button(bar, _("Bajar"), lambda: self.move(+1), _("Ctrl+Abajo"))
        bar.addSpacing(16)
        for delta in (-5, -1, +1, +5):
            self._button(bar, f"{delta:+d} min", lambda d=delta: self.retime_by(d), _("Cambiar la duración"))
        bar.addStretch(1)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Agenda"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (START, MINUTES, MODES, CANVAS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        splitter.addWidget(self.table)

        detail = QGroupBox(_("Bloque seleccionado"))
        form = QFormLayout(detail)
        self.title = QLineEdit()
        self.instruction = plain_text_edit(self, 110)
        sel = self.selected_id
        self.fields = [
            BoundField(ctx, self.title, "block", "title", sel, _("Renombrar bloque"),
                       validate=lambda t: None if t.strip() else _("El título del bloque no puede quedar vacío."),
                       on_error=self._show_problem),
            BoundField(ctx, self.instruction, "block", "instruction", sel, _("Editar instrucción")),
        ]
        form.addRow(_("Título:"), self.title)
        form.addRow(_("Instrucción para la sala:"), self.instruction)
        modes_row = QHBoxLayout()
        self.mode_boxes: dict[str, QCheckBox] = {}
        for mode in INPUT_MODES:
            box = QCheckBox(_(MODE_LABELS[mode]))
            box.setEnabled(not readonly)
            box.toggled.connect(self._modes_toggled)
            self.mode_boxes[mode] = box
            modes_row.addWidget(box)
        modes_row.addStretch(1)
        form.addRow(_("Modalidad:"), modes_row)
        splitter.addWidget(detail)
        splitter.setSizes([420, 260])
        layout.addWidget(splitter, 1)

        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setObjectName("SavedFailed")
        foot = QHBoxLayout()
        foot.addWidget(self.total)
        foot.addStretch(1)
        foot.addWidget(self.problem)
        layout.addLayout(foot)

        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not readonly)
        self._shortcut(QKeySequence("Ctrl+Up"), lambda: self.move(-1))
        self._shortcut(QKeySequence("Ctrl+Down"), lambda: self.move(+1))
        self._shortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.remove, self.table)

        self.model.problem.connect(self._show_problem)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._load_detail())
        ctx.signals.changed.connect(self._changed)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_total()

    def _button(self, bar: QHBoxLayout, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _c=False: slot())
        button.setEnabled(not self.ctx.doc.readonly)
        bar.addWidget(button)
        return button

    def _shortcut(self, keys: QKeySequence, slot, widget: QWidget | None = None) -> None:
        sc = QShortcut(keys, widget or self)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(slot)

    # -- state ------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()]["id"] if index.isValid() and index.row() < len(self.model.rows) else None

    def select(self, block_id: str | None) -> None:
        row = self.model.row_of(block_id) if block_id else -1
        if row < 0 and self.model.rowCount():
            row = min(max(self.table.currentIndex().row(), 0), self.model.rowCount() - 1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, TITLE))
            self.table.selectRow(row)
        self._load_detail()

    def _changed(self, changes) -> None:
        if {c.table for c in changes} & {"block", "canvas", "workshop"}:
            keep = self.selected_id()
            inserted = [c.id for c in changes if c.table == "block" and c.op == "insert"]
            self.model.reload()
            self.select(inserted[-1] if len(inserted) == 1 else keep)
            self._update_total()

    def _load_detail(self) -> None:
        for f in self.fields:
            f.load()
        bid = self.selected_id()
        row = self.ctx.doc.store.get("block", bid) if bid else None
        modes = set((row or {}).get("input_modes", "").split(","))
        for mode, box in self.mode_boxes.items():
            box.blockSignals(True)
            box.setChecked(mode in modes)
            box.setEnabled(row is not None and not self.ctx.doc.readonly)
            box.blockSignals(False)

    def _update_total(self) -> None:
        total = sum(r["minutes"] for r in self.model.rows)
        end = self.model.times[-1] if self.model.times else ""
        self.total.setText(ngettext("{n} bloque · {total} min en total · termina {end}",
                                    "{n} bloques · {total} min en total · termina {end}",
                                    len(self.model.rows), total=total, end=end))

    def _show_problem(self, text: str | None) -> None:
        self.problem.setText(text or "")

    # -- edits ------------------------------------------------------------------------
    def add(self) -> None:
        self.ctx.undo.run(add_block(self.ctx.doc, self.ctx.workshop_id, after=self.selected_id()))
        self.title.setFocus()
        self.title.selectAll()

    def remove(self) -> None:
        bid = self.selected_id()
        if bid:
            self.ctx.undo.run(remove_block(self.ctx.doc, bid))

    def move(self, offset: int) -> None:
        bid = self.selected_id()
        if bid and self.ctx.undo.run(move_block(self.ctx.doc, bid, offset)):
            self.select(bid)

    def retime_by(self, delta: int) -> None:
        bid = self.selected_id()
        if not bid:
            return
        minutes = self.ctx.doc.store.get("block", bid)["minutes"] + delta
        try:
            command = retime_block(self.ctx.doc, bid, minutes)
        except ValueError as exc:
            self._show_problem(str(exc))
            return
        self._show_problem(None)
        self.ctx.undo.run(command)

    def _modes_toggled(self) -> None:
        bid = self.selected_id()
        if not bid:
            return
        modes = [m for m in INPUT_MODES if self.mode_boxes[m].isChecked()]
        if not modes:
            self._show_problem(_("Un bloque necesita al menos una modalidad."))
            self._load_detail()
            return
        self._show_problem(None)
        self.ctx.undo.run(UpdateRow("block", bid, {"input_modes": ",".join(modes)}, _("Cambiar modalidad")))
