"""The workshop's participants tab: registry, attendance, groups and CSV imports.

A table model projects the registry with this workshop's attendance and groups;
every cell edit becomes a command from ``facilitator.participants`` run through
``ctx.undo``, and the model refreshes from the store's change signal, so undo,
imports and other panels show up here without any polling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QEvent, QModelIndex, QObject,
                            QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer)
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QCompleter, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QVBoxLayout,
                               QWidget)

from .. import participants as P
from ..commands import Command, Macro
from ..domain.tags import fold
from ..i18n import N_, _
from ..importers import ImportPlan, plan_notes_import, plan_participants_import
from ..store.db import Change
from .context import WorkshopContext
from .dialogs import Dialogs

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
# Share of the table's width and least width of each column: fits a 1366-px laptop screen.
WIDTHS = {"present": (0.6, 66), "name": (2.2, 120), "organisation": (1.8, 110), "sector": (1.5, 100),
          "gender": (0.7, 70), "territory": (1.1, 90), "contact": (1.2, 90), "consent": (0.8, 78),
          "group": (1.0, 90)}
CHECK_COLUMNS = ("present", "consent")
MAX_LISTED = 25  # problems listed in one message box


def share_widths(available: int) -> dict[str, int]:
    """Column widths by weight; a column held at its least width leaves the rest to the others."""
    fixed: dict[str, int] = {}
    while True:
        free = [k for k in KEYS if k not in fixed]
        if not free:
            return fixed
        room = available - sum(fixed.values())
        weights = sum(WIDTHS[k][0] for k in free)
        widths = {k: int(room * WIDTHS[k][0] / weights) for k in free}
        low = [k for k in free if widths[k] < WIDTHS[k][1]]
        if not low:
            return {**fixed, **widths}
        fixed.update((k, WIDTHS[k][1]) for k in low)


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
        """Reload; keep rows (and open editors) when only values changed."""
        old = [r["id"] for r in self.rows]
        new_rows = P.registry(self.ctx.doc, self.ctx.workshop_id)
        new = [r["id"] for r in new_rows]
        if new == old:
            self._load()
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))
        elif new[:len(old)] == old:
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._load()
            self.endInsertRows()
            if old:
                self.dataChanged.emit(self.index(0, 0), self.index(len(old) - 1, len(COLUMNS) - 1))
        elif len(new) == len(old) - 1 and all(i in old for i in new):
            gone = next(i for i, rid in enumerate(old) if rid not in new)
            self.beginRemoveRows(QModelIndex(), gone, gone)
            self._load()
            self.endRemoveRows()
        else:
            self.beginResetModel()
            self._load()
            self.endResetModel()

    def detach(self) -> None:
        self.ctx.signals.changed.disconnect(self._changed)

    def row_id(self, row: int) -> str:
        return self.rows[row]["id"]

    def row_of(self, participant_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == participant_id), -1)

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

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, key = self.rows[index.row()], KEYS[index.column()]
        if key in CHECK_COLUMNS:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row[key] else Qt.CheckState.Unchecked
            if role == SORT_ROLE:
                return int(row[key])
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
        if role == Qt.ItemDataRole.DisplayRole:
            return row[key] or (_("sin nombre") if key == "name" else "")
        if role == Qt.ItemDataRole.EditRole:
            return row[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row[key] or None  # the whole text when the column cuts it
        if role == SORT_ROLE:
            return fold(row[key]) or "~"
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
    """Plain line editing that suggests values already used in the column (consistent sectors)."""

    def __init__(self, model: ParticipantsModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        key = KEYS[index.column()]
        if key in ("organisation", "sector", "gender", "territory"):
            values = sorted({r[key] for r in self.model.rows if r[key]}, key=fold)
            completer = QCompleter(values, editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            editor.setCompleter(completer)
        return editor


def _button(text: str, slot, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class ParticipantsPanel(QWidget):
    """Registry table on the left, the workshop's groups and automatic split on the right."""

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ParticipantsModel(ctx, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        editable = not ctx.doc.readonly

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Buscar por nombre, organización, sector…"))
        self.search.setAccessibleName(_("Buscar participantes"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.add_button = _button(_("Añadir participante"), self.add_participant)
        self.remove_button = _button(_("Quitar"), self.remove_selected,
                                     _("Quitar del registro a las personas seleccionadas (Supr)"))
        self.import_people_button = _button(_("Importar participantes (CSV)…"), self.import_participants)
        self.import_notes_button = _button(_("Importar notas (CSV)…"), self.import_notes,
                                           _("Importa notas de una hoja de cálculo a los papelógrafos de este taller"))
        for button in (self.add_button, self.remove_button, self.import_people_button, self.import_notes_button):
            button.setEnabled(editable)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Registro de participantes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._user_resized)
        self._auto_widths = True
        self._fitting = self._header_pressed = False
        self.table.viewport().installEventFilter(self)
        header.viewport().installEventFilter(self)
        self.text_delegate = TextDelegate(self.model, self)
        self.table.setItemDelegate(self.text_delegate)
        self.group_delegate = GroupDelegate(self.model, self)
        self.table.setItemDelegateForColumn(KEYS.index("group"), self.group_delegate)
        delete = QAction(_("Quitar participante"), self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_selected)
        self.table.addAction(delete)

        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.add_button)
        tools.addWidget(self.remove_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.import_people_button)
        bottom.addWidget(self.import_notes_button)
        left = QVBoxLayout()
        left.addLayout(tools)
        left.addWidget(self.table, 1)
        left.addLayout(bottom)

        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addWidget(self._groups_box(editable))
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged):
            signal.connect(self._refresh_side)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._refresh_side()

    def _groups_box(self, editable: bool) -> QGroupBox:
        box = QGroupBox(_("Grupos de este taller"))
        box.setMinimumWidth(230)
        box.setMaximumWidth(290)
        self.group_list = QListWidget()
        self.group_list.setAccessibleName(_("Grupos"))
        self.group_list.setItemDelegate(GroupNameDelegate(self.group_list))
        self.group_list.itemChanged.connect(self._group_renamed)
        self.group_list.currentItemChanged.connect(self._update_buttons)
        self.add_group_button = _button(_("Añadir"), self.add_group)
        self.rename_group_button = _button(_("Renombrar"), self.rename_current_group)
        self.remove_group_button = _button(_("Quitar"), self.remove_current_group,
                                           _("Quitar el grupo; sus integrantes y notas quedan sin grupo"))
        buttons = QHBoxLayout()
        for b in (self.add_group_button, self.rename_group_button, self.remove_group_button):
            buttons.addWidget(b)

        self.split_method = QComboBox()
        self.split_method.addItem(_("Equilibrado por sector"), "sector")
        self.split_method.addItem(_("Al azar"), "random")
        self.split_count = QSpinBox()
        self.split_count.setRange(1, 30)
        self.split_count.setValue(3)
        self.split_button = _button(_("Dividir automáticamente"), self.split,
                                    _("Reparte a las personas presentes (o a todas, si nadie está marcado) "
                                      "en grupos del mismo tamaño"))
        self.split_method.setAccessibleName(_("Modo de división"))
        count_row = QHBoxLayout()
        count_row.addWidget(QLabel(_("Número de grupos")))
        count_row.addWidget(self.split_count)

        col = QVBoxLayout(box)
        col.addWidget(self.group_list, 1)
        col.addLayout(buttons)
        split_title = QLabel(_("División automática"))
        split_title.setObjectName("SectionTitle")
        col.addSpacing(8)
        col.addWidget(split_title)
        col.addWidget(self.split_method)
        col.addLayout(count_row)
        col.addWidget(self.split_button)
        self._editable = editable
        self._group_count = -1
        return box

    # -- column widths ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self._auto_widths:
            self._fit_columns()
        elif watched is self.table.horizontalHeader().viewport():
            if event.type() == QEvent.Type.MouseButtonPress:
                self._header_pressed = True
            elif event.type() == QEvent.Type.MouseButtonRelease:
                self._header_pressed = False
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Share the table's width by weight until the user resizes a column by hand."""
        widths = share_widths(self.table.viewport().width() - 2)
        self._fitting = True
        for col, key in enumerate(KEYS):
            self.table.setColumnWidth(col, widths[key])
        self._fitting = False

    def _user_resized(self, *args: Any) -> None:
        if not self._fitting and self._header_pressed:  # a column dragged by hand keeps its width
            self._auto_widths = False

    # -- refreshing ---------------------------------------------------------------
    def _refresh_side(self, *args: Any) -> None:
        rows = self.model.rows
        present = sum(1 for r in rows if r["present"])
        groups = list(self.model.groups.values())
        self.summary.setText(_("{n} personas en el registro · {p} presentes en este taller · {g} grupos",
                               n=len(rows), p=present, g=len(groups)))
        counts = P.group_members(self.ctx.doc, self.ctx.workshop_id)
        current = self.current_group_id()
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for group in groups:
            item = QListWidgetItem(swatch(group["colour"]), group["name"])
            item.setData(Qt.ItemDataRole.UserRole, group["id"])
            item.setData(NAME_ROLE, group["name"])
            item.setToolTip(_("{n} integrantes", n=counts.get(group["id"], 0)))
            item.setText(_("{name} ({n})", name=group["name"], n=counts.get(group["id"], 0)))
            if self._editable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.group_list.addItem(item)
            if group["id"] == current:
                self.group_list.setCurrentItem(item)
        self.group_list.blockSignals(False)
        if len(groups) != self._group_count:
            self._group_count = len(groups)
            if len(groups) >= 2:
                self.split_count.setValue(len(groups))
        self._update_buttons()

    def _update_buttons(self, *args: Any) -> None:
        has_group = self.current_group_id() is not None
        self.rename_group_button.setEnabled(self._editable and has_group)
        self.remove_group_button.setEnabled(self._editable and has_group)
        self.add_group_button.setEnabled(self._editable)
        self.split_button.setEnabled(self._editable and bool(self.model.rows))
        self.remove_button.setEnabled(self._editable and bool(self.selected_ids()))

    def activate(self) -> None:
        self.model.refresh()

    def shutdown(self) -> None:
        self.model.detach()

    # -- participants ---------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.row_id(r) for r in sorted(rows) if 0 <= r < len(self.model.rows)]

    def add_participant(self) -> None:
        command = P.add_participant(self.ctx.doc)
        if not self.ctx.undo.run(command):
            return
        self.search.clear()
        row = self.model.row_of(command.id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, KEYS.index("name")))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.edit(index)

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        commands = [P.remove_participant(self.ctx.doc, pid) for pid in ids]
        command = commands[0] if len(commands) == 1 else \
            Macro(commands, _("Quitar {n} participantes", n=len(commands)))
        self.ctx.undo.run(command)

    # -- groups -------------------------------------------------------------------
    def current_group_id(self) -> str | None:
        item = self.group_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def add_group(self) -> None:
        command = P.add_group(self.ctx.doc, self.ctx.workshop_id)
        if self.ctx.undo.run(command):
            for i in range(self.group_list.count()):
                if self.group_list.item(i).data(Qt.ItemDataRole.UserRole) == command.id:
                    self.group_list.setCurrentRow(i)

    def rename_current_group(self) -> None:
        item = self.group_list.currentItem()
        if item is not None:
            self.group_list.editItem(item)

    def _group_renamed(self, item: QListWidgetItem) -> None:
        # Renaming rebuilds the list: do it after the item has finished changing.
        group_id, name = item.data(Qt.ItemDataRole.UserRole), item.text()
        QTimer.singleShot(0, self, lambda: self._rename(group_id, name))

    def _rename(self, group_id: str, name: str) -> None:
        try:
            command = P.rename_group(self.ctx.doc, group_id, name)
        except ValueError as exc:
            Dialogs.error(self, str(exc))
            command = None
        if command is None or not self.ctx.undo.run(command):
            self._refresh_side()

    def remove_current_group(self) -> None:
        group_id = self.current_group_id()
        if group_id is not None:
            self.ctx.undo.run(P.remove_group(self.ctx.doc, group_id))

    def split(self) -> None:
        try:
            command = P.split_groups(self.ctx.doc, self.ctx.workshop_id, self.split_count.value(),
                                     self.split_method.currentData())
        except ValueError as exc:
            Dialogs.error(self, str(exc))
            return
        self.ctx.undo.run(command)

    # -- imports ------------------------------------------------------------------
    def _pick_csv(self, title: str) -> Path | None:
        path = Dialogs.open_file(self, self.ctx.settings.get("last_folder"),
                                 _("Hojas de cálculo CSV (*.csv *.txt);;Todos los archivos (*)"), title=title)
        if not path:
            return None
        self.ctx.settings.set("last_folder", str(Path(path).parent))
        return Path(path)

    def _read(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except OSError as exc:
            Dialogs.error(self, _("No se pudo leer «{path}»: {detail}.", path=str(path),
                                  detail=exc.strerror or str(exc)))
            return None

    def _apply(self, path: Path, plan: ImportPlan) -> bool:
        if not plan.ok:
            lines = plan.lines()
            shown = lines[:MAX_LISTED]
            if len(lines) > MAX_LISTED:
                shown.append(_("… y {n} problemas más.", n=len(lines) - MAX_LISTED))
            Dialogs.error(self, _("No se importó nada de «{file}». Corrija estos problemas y vuelva a intentarlo:",
                                  file=path.name) + "\n\n" + "\n".join(shown))
            return False
        return self.ctx.undo.run(plan.command)

    def import_participants(self) -> None:
        path = self._pick_csv(_("Importar participantes desde CSV"))
        data = self._read(path) if path else None
        if data is None:
            return
        plan = plan_participants_import(self.ctx.doc, self.ctx.workshop_id, data, source=path.name)
        if self._apply(path, plan):
            c = plan.counts
            Dialogs.info(self, _("Se importaron {a} participantes nuevos y se actualizaron {u} "
                                 "({g} grupos nuevos).", a=c["added"], u=c["updated"], g=c["groups"]))

    def import_notes(self) -> None:
        path = self._pick_csv(_("Importar notas desde CSV"))
        data = self._read(path) if path else None
        if data is None:
            return
        plan = plan_notes_import(self.ctx.doc, self.ctx.workshop_id, data, source=path.name)
        if self._apply(path, plan):
            c = plan.counts
            Dialogs.info(self, _("Se importaron {n} notas ({g} grupos nuevos, {p} vinculadas a participantes). "
                                 "Puede deshacerlo con Ctrl+Z.", n=c["notes"], g=c["groups"], p=c["linked"]))
