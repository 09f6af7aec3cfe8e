"""The participants table: the registry with this workshop's attendance and groups.

Every cell edit becomes a command from ``facilitator.participants`` run through
``ctx.undo``; the model refreshes from the store's change signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSize, QSortFilterProxyModel, Qt)
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (QComboBox, QCompleter, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget)

from ... import participants as P
from ...commands import Command
from ...domain.labels import show
from ...domain.tags import fold
from ...i18n import N_, _
from ...domain.values import whole
from ...store.db import Change
from qtshared.context import WorkshopContext
from qtshared.row_sync import sync_rows, tolerant_data
from qtshared.widgets import plain_tooltip


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # a group list item's bare name
COLUMNS: tuple[tuple[str, str, str], ...] = (  # key, header, tooltip
    ("present", N_("Presente"), N_("Asistencia a este taller")),
    ("name", N_("Nombre"), N_("Los nombres son opcionales")),
    ("organisation", N_("Organización"), ""),
    ("sector", N_("Sector"), N_("Sector o tipo de actor")),
    ("gender", N_("Género"), ""),
    ("territory", N_("Territorio"), ""),
    ("contact", N_("Contacto"), N_("Opcional")),
    ("consent", N_("Consiente"), N_("Acepta ser nombrado/a en los informes")),
    ("group", N_("Grupo"), N_("Grupo en este taller")),
)
KEYS = [c[0] for c in COLUMNS]
# Share of the table's width and least width of each column: the least is the header's word in bold (the
# current column's) with its margins, or a long word of the column's text ("Organizaciones"); cells wrap
# between words, so the whole table fits beside the groups at 1366 px and alone at 1024 px.
WIDTHS = {"present": (0.5, 72), "name": (1.9, 96), "organisation": (2.4, 104), "sector": (1.5, 104),
          "gender": (0.7, 64), "territory": (1.1, 78), "contact": (1.1, 72), "consent": (0.6, 80),
          "group": (0.9, 66)}
WORD_CAP = 150  # a column is widened for its longest word up to this; a longer word is cut (the tooltip has it)
MAX_LINES = 3  # a row grows to show this many lines of a wrapped cell; the tooltip has the whole text
CHECK_COLUMNS = ("present", "consent")
MAX_LISTED = 25  # problems listed in one message box


def share_widths(available: int, least: dict[str, int] | None = None) -> dict[str, int]:
    """Column widths by weight; a column held at its least width (``WIDTHS``'s, or ``least``'s where given)
    leaves the rest to the others. When the ``least`` widths (the columns' longest words) do not all fit, the
    longest words give the excess back first, down to ``WIDTHS``'s: such a word is cut (its tooltip has it) rather
    than the table scrolling sideways and hiding whole columns, and the shorter words stay whole."""
    floors = {k: WIDTHS[k][1] for k in KEYS}
    least = {k: max(floors[k], (least or {}).get(k, 0)) for k in KEYS}
    if sum(least.values()) > available:
        least = {k: floors[k] + extra for k, extra in _level({k: least[k] - floors[k] for k in KEYS},
                                                             available - sum(floors.values())).items()}
    fixed: dict[str, int] = {}
    while True:
        free = [k for k in KEYS if k not in fixed]
        if not free:
            return fixed
        room = available - sum(fixed.values())
        weights = sum(WIDTHS[k][0] for k in free)
        widths = {k: int(room * WIDTHS[k][0] / weights) for k in free}
        low = [k for k in free if widths[k] < least[k]]
        if not low:
            return {**fixed, **widths}
        fixed.update((k, least[k]) for k in low)


def _level(extras: dict[str, int], room: int) -> dict[str, int]:
    """Cut the largest ``extras`` down to one level so that they add up to at most ``room`` (water-filling)."""
    room = max(room, 0)
    left = sorted(extras.values())
    level = 0
    for n, extra in enumerate(left):
        if extra * (len(left) - n) > room:
            level = room // (len(left) - n)
            break
        room -= extra
    else:
        return dict(extras)
    return {k: min(e, level) for k, e in extras.items()}


def _checked(value: Any) -> bool:
    """A CheckStateRole value from a view (enum or int) as a bool."""
    return int(getattr(value, "value", value)) == Qt.CheckState.Checked.value


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour or "#CCCCCC"))
    return QIcon(pixmap)


class ParticipantsModel(QAbstractTableModel):
    """The registry with this workshop's attendance; edits go through commands."""

    def __init__(self, ctx: WorkshopContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self.groups: dict[str, dict[str, Any]] = {}
        self._load()
        ctx.signals.changed.connect(self._changed)

    # -- loading ----------------------------------------------------------------
    def _load(self) -> None:
        self.rows = P.registry(self.ctx.doc, self.ctx.workshop_id)
        self.groups = {g["id"]: g for g in self.ctx.doc.groups(self.ctx.workshop_id)}

    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & {"participant", "attendance", "workgroup"}:
            self.refresh()

    def refresh(self) -> None:
        """Reload; keep rows (and open editors) when only values changed, and announce only the rows that changed
        (the view re-measures those); a group renamed or recoloured shows on every row."""
        old_rows, old_groups = self.rows, self.groups
        rows = P.registry(self.ctx.doc, self.ctx.workshop_id)
        groups = {g["id"]: g for g in self.ctx.doc.groups(self.ctx.workshop_id)}
        before = {r["id"]: r for r in old_rows}
        changed = None if groups != old_groups else [n for n, r in enumerate(rows) if before.get(r["id"]) != r]

        def load() -> None:
            self.rows, self.groups = rows, groups

        sync_rows(self, [r["id"] for r in old_rows], [r["id"] for r in rows], load, len(COLUMNS), changed=changed)

    def detach(self) -> None:
        self.ctx.signals.changed.disconnect(self._changed)

    def row_id(self, row: int) -> str:
        return self.rows[row]["id"]

    def row_of(self, participant_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == participant_id), -1)

    def shown(self, row: dict[str, Any], key: str) -> str:
        """A text column's value as the table shows it (app words such as sectors in the UI's language)."""
        return (show(row[key]) if key in ("sector", "gender") else row[key]) or ""

    # -- Qt model -------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(COLUMNS[section][1])
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section][2]:
                return _(COLUMNS[section][2])
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.ctx.doc.readonly:
            return flags
        if KEYS[index.column()] in CHECK_COLUMNS:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    @tolerant_data
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, key = self.rows[index.row()], KEYS[index.column()]
        if key in CHECK_COLUMNS:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if whole(row[key], 0) == 1 else Qt.CheckState.Unchecked
            if role == SORT_ROLE:
                return whole(row[key], 0)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(COLUMNS[index.column()][2])
            return None
        if key == "group":
            group = self.groups.get(row["group_id"] or "")
            if role == Qt.ItemDataRole.DisplayRole:
                return group["name"] if group else ""
            if role == Qt.ItemDataRole.EditRole:
                return row["group_id"] or ""
            if role == Qt.ItemDataRole.DecorationRole and group:
                return QColor(group["colour"] or "#CCCCCC")
            if role == SORT_ROLE:
                return f"{group['position']:06d}" if group else "~"
            return None
        text = self.shown(row, key)
        if role == Qt.ItemDataRole.DisplayRole:
            return text or (_("sin nombre") if key == "name" else "")
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(text) or None  # the whole text when the column cuts it
        if role == SORT_ROLE:
            return fold(text) or "~"
        if key == "name" and not row[key]:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#5F6B76")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.ctx.doc.readonly:
            return False
        row, key = self.rows[index.row()], KEYS[index.column()]
        doc, wid = self.ctx.doc, self.ctx.workshop_id
        command: Command | None
        if key in CHECK_COLUMNS:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            if key == "present":
                command = P.set_present(doc, wid, row["id"], _checked(value))
            else:
                command = P.edit_participant(doc, row["id"], "consent", _checked(value))
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif key == "group":
            # Stepping through the groups with the arrow keys is one undo step.
            command = P.assign_group(doc, wid, row["id"], value or None)
            return True if command is None else self.ctx.undo.run(command, mergeable=True)
        else:
            command = P.edit_participant(doc, row["id"], key, "" if value is None else str(value))
        if command is None:
            return True
        return self.ctx.undo.run(command)


class FilterProxy(QSortFilterProxyModel):
    """Shows rows whose text contains every typed word, ignoring case and accents."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10, where invalidateFilter() is deprecated
            self.beginFilterChange()
            self.words = fold(text).split()
            self.endFilterChange()
        else:
            self.words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.words:
            return True
        model = self.sourceModel()
        text = fold(" ".join(str(model.index(source_row, c, source_parent).data() or "")
                             for c in range(model.columnCount())))
        return all(w in text for w in self.words)


class GroupDelegate(QStyledItemDelegate):
    """A combo box of the workshop's groups (and "no group") for the group column."""

    def __init__(self, model: ParticipantsModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(_("Sin grupo"), "")
        for group in self.model.groups.values():
            combo.addItem(swatch(group["colour"]), group["name"], group["id"])
        # Each choice (click or arrow key) is saved at once; the editor stays for the next one.
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)


class GroupNameDelegate(QStyledItemDelegate):
    """Renaming a group in the list edits its bare name, not the "name (members)" shown."""

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        editor.setText(index.data(NAME_ROLE) or "")


class TextDelegate(QStyledItemDelegate):
    """Plain line editing that suggests values already used in the column (consistent sectors); a wrapped cell
    asks for ``MAX_LINES`` lines at most."""

    def __init__(self, model: ParticipantsModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), min(size.height(), option.fontMetrics.lineSpacing() * MAX_LINES + 6))

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        key = KEYS[index.column()]
        if key in ("organisation", "sector", "gender", "territory"):
            values = sorted({show(r[key]) for r in self.model.rows if r[key]}, key=fold)
            completer = QCompleter(values, editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            editor.setCompleter(completer)
        return editor
