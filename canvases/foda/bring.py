""""Traer notas de un tablero…": choose post-its from any board of the process for the matrix.

The diagnostic's flipcharts already hold challenges, strengths and
opportunities; the FODA plenary should not retype them. The dialog lists every
board note of the process with its workshop, zone and group, filtered by those
and by words; the user ticks notes (Space ticks the selected rows) and chooses
the quadrant, which follows the board zone of what is ticked until the user
picks one. Notes already brought into this matrix are marked (and can be
hidden); the panel runs the copy as one undo step and says how many it skipped.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel,
                            Qt, Signal)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from facilitator import foda
from facilitator.board import ANY
from facilitator.document import ProcessDocument
from facilitator.domain.tags import fold
from facilitator.i18n import N_, _
from qtshared.widgets import plain_label, plain_tooltip

from .look import MUTED, group_colour

Index = QModelIndex | QPersistentModelIndex
NO_GROUP = ""  # the combos' value for notes without group (group ids are never empty)
COLUMNS = (N_("Nota"), N_("Taller"), N_("Zona del tablero"), N_("Grupo"), N_("En esta matriz"))


class SourceModel(QAbstractTableModel):
    """Board notes of the process, each with a check box; ``checked_changed`` when ticks change."""

    checked_changed = Signal()

    def __init__(self, rows: list[dict[str, Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.checked: set[str] = set()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row["text"], row["workshop_title"], row["zone_label"], row["group_name"] or _("Sin grupo"),
                    _("Ya traída") if row["brought"] else "")[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if row["id"] in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            return group_colour(row["group_colour"], row["group_position"])
        if role == Qt.ItemDataRole.ForegroundRole and (row["brought"] or column in (1, 2)):
            return MUTED
        if role == Qt.ItemDataRole.FontRole and row["brought"]:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{row['workshop_title']} · {row['canvas_title']} · {row['zone_label']}"
            lines = (row["text"], where, _("Ya está en esta matriz") if row["brought"] else "")
            return plain_tooltip("\n".join(line for line in lines if line))
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt)
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0 \
                or not 0 <= index.row() < len(self.rows):
            return False
        self.set_checked([self.rows[index.row()]["id"]], Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def set_checked(self, ids: list[str], on: bool) -> None:
        ids = [i for i in ids if (i in self.checked) != on]
        if not ids:
            return
        (self.checked.update if on else self.checked.difference_update)(ids)
        rows = [n for n, r in enumerate(self.rows) if r["id"] in set(ids)]
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), 0), [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    def checked_rows(self) -> list[dict[str, Any]]:
        """Ticked notes in list order (the order their copies take)."""
        return [r for r in self.rows if r["id"] in self.checked]


class SourceFilter(QSortFilterProxyModel):
    """Which board notes are listed: one workshop, one zone, one group, words, without those already brought."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workshop: str = ANY
        self.zone: str = ANY
        self.group: str | None = ANY
        self.words: list[str] = []
        self.hide_brought = False

    def set(self, **values: Any) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10, where invalidateFilter() is deprecated
            self.beginFilterChange()
            for key, value in values.items():
                setattr(self, key, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            for key, value in values.items():
                setattr(self, key, value)
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 (Qt)
        model = self.sourceModel()
        assert isinstance(model, SourceModel)
        row = model.rows[source_row]
        if self.workshop != ANY and row["workshop_id"] != self.workshop:
            return False
        if self.zone != ANY and row["zone"] != self.zone:
            return False
        if self.group != ANY and row["group_id"] != self.group:
            return False
        if self.hide_brought and row["brought"]:
            return False
        haystack = fold(row["text"])
        return all(w in haystack for w in self.words)


class SourceTable(QTableView):
    """Space ticks (or unticks) every selected row at once."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            proxy = self.model()
            rows = {i.row() for i in self.selectionModel().selectedIndexes()}
            ids = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in sorted(rows)]
            source = proxy.sourceModel()
            if ids:
                source.set_checked(ids, not all(i in source.checked for i in ids))
            event.accept()
            return
        super().keyPressEvent(event)


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setMinimumContentsLength(14)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class BringOverDialog(QDialog):
    def __init__(self, doc: ProcessDocument, canvas_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Traer notas de un tablero"))
        self.canvas = doc.canvas(canvas_id) or {}
        self.rows = foda.source_notes(doc, canvas_id)
        self.model = SourceModel(self.rows, self)
        self.proxy = SourceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.target_chosen = False  # once the user picks a quadrant, ticking no longer changes it
        self.resize(1040, 640)
        outer = QVBoxLayout(self)
        intro = plain_label(_("Marque las notas de los tableros del proceso que quiere llevar a la matriz FODA. "
                              "Se copian con su texto y su grupo; la nota del tablero no cambia."), wrap=True)
        outer.addWidget(intro)

        filters = QHBoxLayout()
        self.workshop_combo = _combo(_("Taller"))
        self.zone_combo = _combo(_("Zona del tablero"))
        self.group_combo = _combo(_("Grupo"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Buscar en las notas…"))
        self.search.setAccessibleName(_("Buscar en las notas"))
        self.search.setClearButtonEnabled(True)
        self.hide_brought = QCheckBox(_("Ocultar las ya traídas"))
        for widget in (self.workshop_combo, self.zone_combo, self.group_combo):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.hide_brought)
        outer.addLayout(filters)

        self.table = SourceTable()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 190), (2, 170), (3, 120), (4, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.setAccessibleName(_("Notas de los tableros"))
        self.table.doubleClicked.connect(self._toggle_row)
        self.empty = plain_label(_("Los tableros de este proceso todavía no tienen notas."), wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
        outer.addWidget(self.table, 1)
        outer.addWidget(self.empty, 1)

        ticks = QHBoxLayout()
        self.check_all = QPushButton(_("Marcar las visibles"))
        self.check_all.clicked.connect(lambda: self.check_visible(True))
        self.uncheck_all = QPushButton(_("Desmarcar todas"))
        self.uncheck_all.clicked.connect(lambda: self.model.set_checked(list(self.model.checked), False))
        self.summary = plain_label("", name="Muted")
        ticks.addWidget(self.check_all)
        ticks.addWidget(self.uncheck_all)
        ticks.addWidget(self.summary, 1)
        ticks.addWidget(plain_label(_("Llevar al cuadrante:")))
        self.target_combo = _combo(_("Cuadrante de destino"))
        for q in foda.QUADRANTS:
            self.target_combo.addItem(foda.zone_label(self.canvas, q.key), q.key)
        self.target_combo.activated.connect(self._target_picked)
        ticks.addWidget(self.target_combo)
        outer.addLayout(ticks)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self._fill_workshops()
        self.workshop_combo.activated.connect(lambda _i: self._workshop_changed())
        self.zone_combo.activated.connect(lambda _i: self._apply_filter())
        self.group_combo.activated.connect(lambda _i: self._apply_filter())
        self.search.textChanged.connect(lambda _t: self._apply_filter())
        self.hide_brought.toggled.connect(lambda _on: self._apply_filter())
        self.model.checked_changed.connect(self._checked_changed)
        self.proxy.rowsInserted.connect(self._update_summary)
        self.proxy.rowsRemoved.connect(self._update_summary)
        self.proxy.modelReset.connect(self._update_summary)
        self._workshop_changed()
        self._checked_changed()
        self.search.setFocus()

    # -- filters ------------------------------------------------------------------------
    def _fill_workshops(self) -> None:
        self.workshop_combo.addItem(_("Todos los talleres"), ANY)
        for wid, title in dict((r["workshop_id"], r["workshop_title"]) for r in self.rows).items():
            self.workshop_combo.addItem(title, wid)

    def _workshop_changed(self) -> None:
        """Zones and groups on offer are those of the chosen workshop (all if none is chosen)."""
        workshop = self.workshop_combo.currentData()
        rows = [r for r in self.rows if workshop == ANY or r["workshop_id"] == workshop]
        several = len({r["workshop_id"] for r in rows}) > 1
        keep_zone, keep_group = self.zone_combo.currentData(), self.group_combo.currentData()
        self.zone_combo.clear()
        self.zone_combo.addItem(_("Todas las zonas"), ANY)
        for key, label in dict((r["zone"], r["zone_label"]) for r in rows).items():
            self.zone_combo.addItem(label, key)
        self.group_combo.clear()
        self.group_combo.addItem(_("Todos los grupos"), ANY)
        groups = {r["group_id"]: r for r in rows if r["group_id"] is not None}
        for gid, r in groups.items():
            name = f"{r['group_name']} · {r['workshop_title']}" if several else r["group_name"]
            self.group_combo.addItem(name, gid)
            self.group_combo.setItemData(self.group_combo.count() - 1,
                                         group_colour(r["group_colour"], r["group_position"]),
                                         Qt.ItemDataRole.DecorationRole)
        if any(r["group_id"] is None for r in rows):
            self.group_combo.addItem(_("Sin grupo"), NO_GROUP)
        self.zone_combo.setCurrentIndex(max(0, self.zone_combo.findData(keep_zone)))
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(keep_group)))
        self._apply_filter()

    def _apply_filter(self) -> None:
        group = self.group_combo.currentData()
        self.proxy.set(workshop=self.workshop_combo.currentData(), zone=self.zone_combo.currentData(),
                       group=None if group == NO_GROUP else group, words=fold(self.search.text()).split(),
                       hide_brought=self.hide_brought.isChecked())
        self._update_summary()

    def set_filter(self, *, workshop: str = ANY, zone: str = ANY, group: str | None = ANY, text: str = "") -> None:
        """Choose filters as the combos would (for the panel's shortcuts and the tests)."""
        self.workshop_combo.setCurrentIndex(max(0, self.workshop_combo.findData(workshop)))
        self._workshop_changed()
        self.zone_combo.setCurrentIndex(max(0, self.zone_combo.findData(zone)))
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(NO_GROUP if group is None else group)))
        self.search.setText(text)
        self._apply_filter()

    # -- ticks and target ---------------------------------------------------------------------
    def visible_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.proxy.rowCount())]

    def check_visible(self, on: bool) -> None:
        self.model.set_checked(self.visible_ids(), on)

    def _toggle_row(self, index: QModelIndex) -> None:
        note_id = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        self.model.set_checked([note_id], note_id not in self.model.checked)

    def _target_picked(self) -> None:
        self.target_chosen = True

    def _checked_changed(self) -> None:
        rows = self.model.checked_rows()
        if rows and not self.target_chosen:
            votes = Counter(foda.default_target(r["zone"]) for r in rows)
            best = max(votes.values())
            key = next(foda.default_target(r["zone"]) for r in rows if votes[foda.default_target(r["zone"])] == best)
            self.target_combo.setCurrentIndex(max(0, self.target_combo.findData(key)))
        new = sum(1 for r in rows if not r["brought"])
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Traer 1 nota") if new == 1 else _("Traer {n} notas", n=new))
        ok.setEnabled(new > 0)
        self._update_summary()

    def _update_summary(self, *_args: object) -> None:
        checked = len(self.model.checked)
        brought = sum(1 for r in self.model.checked_rows() if r["brought"])
        text = _("{checked} marcadas · se ven {shown} de {total}", checked=checked, shown=self.proxy.rowCount(),
                 total=len(self.rows))
        if brought:
            text += " · " + (_("1 ya está en la matriz y no se copiará") if brought == 1
                             else _("{n} ya están en la matriz y no se copiarán", n=brought))
        self.summary.setText(text)

    def chosen_ids(self) -> list[str]:
        return [r["id"] for r in self.model.checked_rows()]

    def target(self) -> str:
        return self.target_combo.currentData()

    def set_target(self, zone: str) -> None:
        self.target_combo.setCurrentIndex(max(0, self.target_combo.findData(zone)))
        self.target_chosen = True

