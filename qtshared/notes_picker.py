"""The one "bring notes from…" dialog: tick items of the process to copy into the canvas at hand.

Used by the FODA matrix (board notes → a quadrant), the planning matrix (notes of
boards, FODA matrices and trees → initiatives on an axis) and the monitoring sheet
(initiatives or commitments → rows); built for any later caller the same way.

API
---
``NotesPicker(rows, *, title, intro, empty, …, parent)`` is a modal ``QDialog``.
``rows`` is a list of dicts, one per item, in the order to list them:

=================  ==========================================================
``id``             required: what ``chosen_ids()`` returns
``text``           required: the note (long ones are elided in the list; the
                   tooltip has the whole text and where it comes from)
``workshop_id``,   the workshop it is in (filter and column)
``workshop_title``
``canvas_id``,     the canvas it is on (filter, shown when there are several)
``canvas_title``
``zone``,          its zone (filter and column; ``zone_heading`` names it)
``zone_label``
``group_id``,      its group (filter and column; ``group_colour`` and
``group_name``     ``group_position`` give the colour swatch)
``detail``         a further column when ``detail_heading`` is given
``brought``        already in the target: marked (italic, ``brought_mark``),
                   hideable, never counted in the OK button; not tickable at
                   all when ``brought_checkable`` is False
=================  ==========================================================

Keyword arguments: ``title``, ``intro``, ``empty`` (shown instead of the list when
``rows`` is empty), ``note_heading``, ``zone_heading``, ``detail_heading``, ``brought_heading``,
``brought_mark``, ``brought_tip``, ``ok_text(n)`` (the OK button for n new items),
``brought_summary(n)`` (a note on ticked items that will be skipped), ``search_hint``
(the search field's placeholder), ``list_name`` (the list's accessible name),
``group_colour(row)`` (a group's swatch), and optionally a destination: ``targets``
[(key, label)], ``target_caption``, ``target_name``, ``target`` (the initial one) and
``suggest_target(rows)`` (the destination follows what is ticked until the user picks one).

After ``exec()``: ``chosen_ids()`` (ticked, in list order) and ``target()``.
For shortcuts and tests: ``set_filter(workshop=, canvas=, zone=, group=, text=)``,
``check(ids)``, ``check_visible(on)``, ``visible_ids()``, ``set_target(key)``.
Space ticks the selected rows, a double click ticks one. The dialog only
chooses: the caller builds the copy (one undo step) and says what it skipped.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel,
                            Qt, Signal)
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from facilitator.domain.tags import fold
from facilitator.i18n import _, N_, ngettext

from .row_sync import tolerant_data
from .widgets import plain_label, plain_tooltip

Index = QModelIndex | QPersistentModelIndex
ANY = "*"  # a filter that accepts every item (ids are UUIDs)
NO_GROUP = ""  # the group combo's value for items without group (group ids are never empty)
MUTED = QColor("#5F6B76")
ELIDE_AT = 160  # characters of a note shown in the list; the tooltip has all of it


def elided(text: str, limit: int = ELIDE_AT) -> str:
    """One line of at most ``limit`` characters (white space collapsed), ending in "…" when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


class PickModel(QAbstractTableModel):
    """The items, each with a check box; ``checked_changed`` when ticks change."""

    checked_changed = Signal()

    def __init__(self, rows: list[dict[str, Any]], columns: Sequence[tuple[str, Callable[[dict], str], str]],
                 picker: "NotesPicker", parent: QObject | None = None) -> None:
        # columns: (heading, value of a row, key); column 0 is the note with its check box
        super().__init__(parent)
        self.rows = rows
        self.columns = list(columns)
        self.picker = picker
        self.checked: set[str] = set()
        self.group_column = next((n for n, (_h, _v, key) in enumerate(self.columns) if key == "group"), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section][0]
        return None

    def tickable(self, row: dict[str, Any]) -> bool:
        return self.picker.brought_checkable or not row.get("brought")

    @tolerant_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        brought = bool(row.get("brought"))
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[column][1](row)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and self.tickable(row):
            return Qt.CheckState.Checked if row["id"] in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == self.group_column \
                and self.picker.group_colour is not None:
            return self.picker.group_colour(row)
        if role == Qt.ItemDataRole.ForegroundRole and (brought or column in (1, 2)):
            return MUTED
        if role == Qt.ItemDataRole.FontRole and brought:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            where = " · ".join(x for x in (row.get("workshop_title"), row.get("canvas_title"), row.get("zone_label"))
                               if x)
            lines = (row["text"], where, self.picker.brought_tip if brought else "")
            return plain_tooltip("\n".join(line for line in lines if line))
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == 0 and 0 <= index.row() < len(self.rows) and self.tickable(self.rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt)
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0 \
                or not 0 <= index.row() < len(self.rows) or not self.tickable(self.rows[index.row()]):
            return False
        self.set_checked([self.rows[index.row()]["id"]], Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def set_checked(self, ids: list[str], on: bool) -> None:
        allowed = {r["id"] for r in self.rows if self.tickable(r)}
        ids = [i for i in ids if i in allowed and (i in self.checked) != on]
        if not ids:
            return
        (self.checked.update if on else self.checked.difference_update)(ids)
        rows = [n for n, r in enumerate(self.rows) if r["id"] in set(ids)]
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), 0), [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    def checked_rows(self) -> list[dict[str, Any]]:
        """Ticked items in list order (the order their copies take)."""
        return [r for r in self.rows if r["id"] in self.checked]


class PickFilter(QSortFilterProxyModel):
    """Which items are listed: one workshop, canvas, zone, group; words; without those already brought."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workshop: str = ANY
        self.canvas: str = ANY
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
        assert isinstance(model, PickModel)
        row = model.rows[source_row]
        for key, wanted in (("workshop_id", self.workshop), ("canvas_id", self.canvas), ("zone", self.zone),
                            ("group_id", self.group)):
            if wanted != ANY and row.get(key) != wanted:
                return False
        if self.hide_brought and row.get("brought"):
            return False
        haystack = fold(" ".join(str(row.get(k) or "") for k in ("text", "detail", "group_name")))
        return all(w in haystack for w in self.words)


class PickTable(QTableView):
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
    combo.setMinimumContentsLength(11)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class NotesPicker(QDialog):
    def __init__(self, rows: list[dict[str, Any]], *, title: str, intro: str, empty: str,
                 note_heading: str = N_("Nota"), zone_heading: str = N_("Zona"), detail_heading: str = "",
                 brought_heading: str = N_("Ya traída"),
                 brought_mark: str = N_("Ya traída"), brought_tip: str = "",
                 brought_checkable: bool = True, ok_text: Callable[[int], str] | None = None,
                 brought_summary: Callable[[int], str] | None = None,
                 targets: Sequence[tuple[str, str]] = (), target_caption: str = "", target_name: str = "",
                 target: str | None = None, suggest_target: Callable[[list[dict[str, Any]]], str | None] | None = None,
                 group_colour: Callable[[dict[str, Any]], QColor] | None = None,
                 list_name: str = "", search_hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.rows = rows
        self.brought_checkable = brought_checkable
        self.brought_tip = brought_tip
        self.group_colour = group_colour
        self.ok_text = ok_text or (lambda n: ngettext("Traer {n} nota", "Traer {n} notas", n))
        self.brought_summary = brought_summary
        self.suggest_target = suggest_target
        self.target_chosen = False  # once the user picks a destination, ticking no longer changes it
        has = {key: any(key in r for r in rows) for key in ("workshop_id", "canvas_id", "zone", "group_id")}
        columns: list[tuple[str, Callable[[dict], str], str]] = [(_(note_heading), lambda r: elided(r["text"]), "text")]
        if has["workshop_id"]:
            columns.append((_("Taller"), lambda r: r.get("workshop_title") or "", "workshop"))
        if has["zone"]:
            columns.append((_(zone_heading), lambda r: r.get("zone_label") or r.get("zone") or "", "zone"))
        if has["group_id"]:
            columns.append((_("Grupo"), lambda r: r.get("group_name") or _("Sin grupo"), "group"))
        if detail_heading:
            columns.append((_(detail_heading), lambda r: r.get("detail") or "", "detail"))
        columns.append((_(brought_heading), lambda r: _(brought_mark) if r.get("brought") else "", "brought"))
        self.model = PickModel(rows, columns, self, self)
        self.proxy = PickFilter(self)
        self.proxy.setSourceModel(self.model)
        self.resize(1040, 640)
        outer = QVBoxLayout(self)
        outer.addWidget(plain_label(intro, wrap=True))

        filters = QHBoxLayout()
        self.workshop_combo = _combo(_("Taller"))
        self.canvas_combo = _combo(_("Lienzo"))
        self.zone_combo = _combo(_(zone_heading))
        self.group_combo = _combo(_("Grupo"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint or _("Buscar en las notas…"))
        self.search.setAccessibleName(search_hint or _("Buscar en las notas"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.hide_brought = QCheckBox(_("Ocultar las ya traídas"))
        for key, widget in (("workshop_id", self.workshop_combo), ("canvas_id", self.canvas_combo),
                            ("zone", self.zone_combo), ("group_id", self.group_combo)):
            widget.setVisible(has[key])
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.hide_brought)
        outer.addLayout(filters)

        self.table = PickTable()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 100 if column == len(columns) - 1 else 170)
        self.table.setAccessibleName(list_name or title)
        self.table.doubleClicked.connect(self._toggle_row)
        self.empty = plain_label(empty, wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
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
        self.target_combo = _combo(target_name or target_caption)
        for key, label in targets:
            self.target_combo.addItem(label, key)
        if targets:
            ticks.addWidget(plain_label(target_caption))
            ticks.addWidget(self.target_combo)
            if target is not None:
                self.target_combo.setCurrentIndex(max(0, self.target_combo.findData(target)))
        self.target_combo.activated.connect(self._target_picked)
        outer.addLayout(ticks)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self.workshop_combo.addItem(_("Todos los talleres"), ANY)
        for wid, title_ in dict((r.get("workshop_id"), r.get("workshop_title") or _("Sin taller")) for r in rows).items():
            self.workshop_combo.addItem(title_, wid)
        self.workshop_combo.activated.connect(lambda _i: self._workshop_changed())
        self.canvas_combo.activated.connect(lambda _i: self._canvas_changed())
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
    def _in(self, **wanted: str) -> list[dict[str, Any]]:
        return [r for r in self.rows if all(value == ANY or r.get(key) == value for key, value in wanted.items())]

    def _workshop_changed(self) -> None:
        """Canvases, zones and groups on offer are those of the chosen workshop (all if none is chosen)."""
        rows = self._in(workshop_id=self.workshop_combo.currentData())
        keep = self.canvas_combo.currentData()
        self.canvas_combo.clear()
        self.canvas_combo.addItem(_("Todos los lienzos"), ANY)
        for cid, title in dict((r.get("canvas_id"), r.get("canvas_title") or "") for r in rows).items():
            self.canvas_combo.addItem(title, cid)
        self.canvas_combo.setCurrentIndex(max(0, self.canvas_combo.findData(keep)))
        self.canvas_combo.setVisible(len({r.get("canvas_id") for r in self.rows}) > 1)
        self._canvas_changed()

    def _canvas_changed(self) -> None:
        rows = self._in(workshop_id=self.workshop_combo.currentData(), canvas_id=self.canvas_combo.currentData())
        several = len({r.get("workshop_id") for r in rows}) > 1
        keep_zone, keep_group = self.zone_combo.currentData(), self.group_combo.currentData()
        self.zone_combo.clear()
        self.zone_combo.addItem(_("Todas las zonas"), ANY)
        for key, label in dict((r.get("zone"), r.get("zone_label") or r.get("zone") or "") for r in rows).items():
            self.zone_combo.addItem(label, key)
        self.group_combo.clear()
        self.group_combo.addItem(_("Todos los grupos"), ANY)
        groups = {r["group_id"]: r for r in rows if r.get("group_id") is not None}
        for gid, r in groups.items():
            name = f"{r['group_name']} · {r.get('workshop_title') or ''}" if several else r["group_name"]
            self.group_combo.addItem(name, gid)
            if self.group_colour is not None:
                self.group_combo.setItemData(self.group_combo.count() - 1, self.group_colour(r),
                                             Qt.ItemDataRole.DecorationRole)
        if any(r.get("group_id") is None for r in rows):
            self.group_combo.addItem(_("Sin grupo"), NO_GROUP)
        self.zone_combo.setCurrentIndex(max(0, self.zone_combo.findData(keep_zone)))
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(keep_group)))
        self._apply_filter()

    def _apply_filter(self) -> None:
        group = self.group_combo.currentData()
        self.proxy.set(workshop=self.workshop_combo.currentData(), canvas=self.canvas_combo.currentData(),
                       zone=self.zone_combo.currentData(), group=None if group == NO_GROUP else group,
                       words=fold(self.search.text()).split(), hide_brought=self.hide_brought.isChecked())
        self._update_summary()

    def set_filter(self, *, workshop: str = ANY, canvas: str = ANY, zone: str = ANY, group: str | None = ANY,
                   text: str = "") -> None:
        """Choose filters as the combos would (for shortcuts and tests)."""
        self.workshop_combo.setCurrentIndex(max(0, self.workshop_combo.findData(workshop)))
        self._workshop_changed()
        self.canvas_combo.setCurrentIndex(max(0, self.canvas_combo.findData(canvas)))
        self._canvas_changed()
        self.zone_combo.setCurrentIndex(max(0, self.zone_combo.findData(zone)))
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(NO_GROUP if group is None else group)))
        self.search.setText(text)
        self._apply_filter()

    # -- ticks and target ---------------------------------------------------------------------
    def visible_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.proxy.rowCount())]

    def check_visible(self, on: bool) -> None:
        self.model.set_checked(self.visible_ids(), on)

    def check(self, ids: list[str], on: bool = True) -> None:
        self.model.set_checked(list(ids), on)

    def is_checkable(self, item_id: str) -> bool:
        return any(r["id"] == item_id and self.model.tickable(r) for r in self.rows)

    def _toggle_row(self, index: QModelIndex) -> None:
        item_id = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        self.model.set_checked([item_id], item_id not in self.model.checked)

    def _target_picked(self) -> None:
        self.target_chosen = True

    def _checked_changed(self) -> None:
        rows = self.model.checked_rows()
        if rows and not self.target_chosen and self.suggest_target is not None:
            key = self.suggest_target(rows)
            if key is not None:
                self.target_combo.setCurrentIndex(max(0, self.target_combo.findData(key)))
        new = sum(1 for r in rows if not r.get("brought"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.ok_text(new))
        ok.setEnabled(new > 0)
        self._update_summary()

    def _update_summary(self, *_args: object) -> None:
        checked = len(self.model.checked)
        brought = sum(1 for r in self.model.checked_rows() if r.get("brought"))
        text = ngettext("{n} marcada · se ven {shown} de {total}", "{n} marcadas · se ven {shown} de {total}", checked,
                        shown=self.proxy.rowCount(), total=len(self.rows))
        if brought and self.brought_summary is not None:
            text += " · " + self.brought_summary(brought)
        self.summary.setText(text)

    def chosen_ids(self) -> list[str]:
        return [r["id"] for r in self.model.checked_rows()]

    def target(self) -> Any:
        return self.target_combo.currentData()

    def set_target(self, key: str) -> None:
        self.target_combo.setCurrentIndex(max(0, self.target_combo.findData(key)))
        self.target_chosen = True
