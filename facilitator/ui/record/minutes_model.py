"""The minutes of a workshop as a Qt table model, and the editors of its cells.

Kept apart from the pane (as qutebrowser keeps completion models apart from their
views): the model projects ``record.entries`` and turns every cell edit into a
``record`` command run through the undo stack; it refreshes from the document's
change signal, keeping rows (and the selection) when entries are only added.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSize, QStringListModel, Qt, Signal)
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ... import record as R
from ...i18n import N_, _
from ...domain.vocabulary import MINUTES_KINDS
from qtshared.row_sync import sync_rows, tolerant_data
from qtshared.context import WorkshopContext
from qtshared.widgets import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Hora"), N_("Bloque"), N_("Tipo"), N_("Quién"), N_("Texto"))
TIME, BLOCK, KIND, SPEAKER, TEXT = range(5)
KIND_COLOURS = {"idea_clave": "#8ECAE6", "propuesta": "#90BE6D", "acuerdo": "#CDB4DB",
                "compromiso": "#F4A261", "pregunta": "#F9C74F"}
ID_ROLE = Qt.ItemDataRole.UserRole


def kind_icon(kind: str | None, colour: str = "", size: int = 12) -> QIcon:
    """A small square in a kind's (or a group's) colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour or KIND_COLOURS.get(kind or "", "#CCCCCC")))
    return QIcon(pixmap)


class MinutesModel(QAbstractTableModel):
    problem = Signal(str)

    def __init__(self, ctx: WorkshopContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self.blocks: dict[str, dict[str, Any]] = {}
        self.groups: dict[str, dict[str, Any]] = {}
        self.promoted: set[str] = set()
        self.column_floors: dict[int, int] = {}  # set by the view, which knows the font
        self._load_labels()
        self._load()

    # -- loading ---------------------------------------------------------------------
    def _load_labels(self) -> None:
        self.blocks = {b["id"]: b for b in self.ctx.doc.blocks(self.ctx.workshop_id)}
        self.groups = {g["id"]: g for g in self.ctx.doc.groups(self.ctx.workshop_id)}

    def _load(self) -> None:
        store = self.ctx.doc.store
        self.rows = R.entries(store, self.ctx.workshop_id)
        self.promoted = {r["origin_entry_id"] for r in store.query(
            "SELECT origin_entry_id FROM commitment WHERE workshop_id = ? AND origin_entry_id IS NOT NULL",
            (self.ctx.workshop_id,))}

    def reload_labels(self) -> None:
        self._load_labels()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def refresh(self) -> None:
        """Reload; rows appended (the usual case while typing) are inserted, not reset."""
        old = [r["id"] for r in self.rows]
        new = [r["id"] for r in R.entries(self.ctx.doc.store, self.ctx.workshop_id)]
        sync_rows(self, old, new, self._load, len(COLUMNS))

    def row_of(self, entry_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == entry_id), -1)

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.SizeHintRole and orientation == Qt.Orientation.Horizontal:
            floor = self.column_floors.get(section)  # a column sized to its contents is never narrower than this
            return QSize(floor, 0) if floor else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != TIME and not self.ctx.doc.readonly:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def kind_text(self, row: dict[str, Any]) -> str:
        text = _(R.KIND_LABELS[row["kind"]])
        return f"{text} ✓" if row["id"] in self.promoted else text

    @tolerant_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == TIME:
                return R.clock_text(row["at"])
            if col == BLOCK:
                block = self.blocks.get(row["block_id"] or "")
                return block["title"] if block else "—"
            if col == KIND:
                return self.kind_text(row)
            if col == SPEAKER:
                return row["speaker"]
            return row["text"]
        if role == Qt.ItemDataRole.EditRole:
            return {BLOCK: row["block_id"] or "", KIND: row["kind"], SPEAKER: row["speaker"],
                    TEXT: row["text"]}.get(col)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == KIND:
                return QColor(KIND_COLOURS[row["kind"]])
            if col == SPEAKER and row["group_id"] in self.groups:
                return QColor(self.groups[row["group_id"]]["colour"] or "#CCCCCC")
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == KIND and row["id"] in self.promoted:
                return _("Tiene ficha de compromiso (pestaña Compromisos)")
            if col == SPEAKER and row["group_id"] in self.groups:
                return plain_tooltip(_("Grupo: {name}", name=self.groups[row["group_id"]]["name"]))
            if col == TIME:
                return row["at"]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self.rows):
            return False
        field = {BLOCK: "block_id", KIND: "kind", SPEAKER: "speaker", TEXT: "text"}.get(index.column())
        if field is None:
            return False
        if field == "text" and not str(value or "").strip():
            self.problem.emit(_("Una entrada no puede quedar vacía; para quitarla use Borrar."))
            return False
        command = R.edit_entry(self.ctx.doc, self.rows[index.row()]["id"], field, value)
        if command is None:
            return False
        return self.ctx.undo.run(command)


class ComboDelegate(QStyledItemDelegate):
    """Picks a kind or a block from a combo box; the choice is committed as soon as it is made."""

    def __init__(self, model: MinutesModel, what: str, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.what = what

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        if self.what == "kind":
            for n, key in enumerate(MINUTES_KINDS, start=1):
                combo.addItem(kind_icon(key), f"{_(R.KIND_LABELS[key])}  (Ctrl+{n})", key)
        else:
            combo.addItem(_("Sin bloque"), "")
            for block in self.model.blocks.values():
                combo.addItem(block["title"], block["id"])
        combo.activated.connect(lambda _i, c=combo: (self.commitData.emit(c), self.closeEditor.emit(c)))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class SpeakerDelegate(QStyledItemDelegate):
    """A line edit that completes roles, sectors and groups (the same list as the capture line)."""

    def __init__(self, suggestions: QStringListModel, parent=None) -> None:
        super().__init__(parent)
        self.suggestions = suggestions

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        completer = QCompleter(self.suggestions, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        return editor
