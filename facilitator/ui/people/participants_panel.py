"""The workshop's participants tab: registry, attendance, groups and CSV imports.

The table model (``participants_model``) projects the registry with this workshop's
attendance and groups; every cell edit becomes a command from ``facilitator.participants`` run through
``ctx.undo``, and the model refreshes from the store's change signal, so undo,
imports and other panels show up here without any polling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QBoxLayout, QComboBox, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QStyle,
                               QTableView, QVBoxLayout, QWidget)

from ... import participants as P
from ...commands import Macro
from ...i18n import _, current_translator, ngettext
from ...importers import (ImportPlan, imported_message, participants_imported_message, plan_notes_import,
                          plan_participants_import)
from qtshared.flow import FlowLayout
from qtshared.context import WorkshopContext
from qtshared.dialogs import Dialogs
from .participants_model import (CHECK_COLUMNS, COLUMNS, KEYS, MAX_LISTED, NAME_ROLE, SORT_ROLE, WIDTHS,  # noqa: F401
                                 WORD_CAP, FilterProxy, GroupDelegate, GroupNameDelegate, ParticipantsModel, TextDelegate,
                                 share_widths, swatch)


BOX_WIDTH = (230, 290)  # the groups' box beside the table: least and most width
BELOW_HEIGHT = 170  # the groups' box under the table (a narrow screen): its height
FIT_DELAY = 120  # ms: rows re-measured, columns re-shared this long after the last resize step or edit


def _button(text: str, slot, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class ParticipantsPanel(QWidget):
    """Registry table on the left, the workshop's groups and automatic split on the right (under the table when
    the table would have less than its columns' least widths beside them: a 1024-px screen)."""

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
        self.table.setWordWrap(True)  # long names and organisations wrap; the rows grow to fit them
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._user_resized)
        self._auto_widths = True
        self._words_of: list | None = None
        self._word_widths: dict[str, int] = {}
        self._text_widths: dict[str, int] = {}  # a cell's text: the width of its widest word
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
        bottom = FlowLayout()  # a toolbar that wraps on a small screen
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.import_people_button)
        bottom.addWidget(self.import_notes_button)
        left = QVBoxLayout()
        left.addLayout(tools)
        left.addWidget(self.table, 1)
        left.addLayout(bottom)

        self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.outer.addLayout(left, 1)
        self.groups_box = self._groups_box(editable)
        self.outer.addWidget(self.groups_box)
        self.groups_below = False
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged):
            signal.connect(self._refresh_side)
        # Row heights: measured only for the rows in sight, once per text and column widths (``_heights``, by
        # participant id); a row scrolled into view or shown again by the search gets its known height or is
        # measured then. A full re-measure of 300 rows took 150 ms per edit, resize step or cleared search.
        self._heights: dict[str, int] = {}
        self._heights_for: tuple[int, ...] = ()  # the columns' widths the heights were measured at
        self._fit_timer = QTimer(self)  # the rows in sight fitted once a burst of changes settles
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)
        self._width_timer = QTimer(self)  # after the columns' widths change: once the resizing settles
        self._width_timer.setSingleShot(True)
        self._width_timer.setInterval(FIT_DELAY)
        self._width_timer.timeout.connect(self.fit_visible_rows)
        self._reshare_timer = QTimer(self)  # after the texts change: columns' least widths, groups' place
        self._reshare_timer.setSingleShot(True)
        self._reshare_timer.setInterval(FIT_DELAY)
        self._reshare_timer.timeout.connect(self._reshare)
        header.sectionResized.connect(self._widths_changed)
        self.model.dataChanged.connect(self._rows_changed)
        for signal in (self.model.modelReset, self.model.layoutChanged):  # a layout change may carry new texts
            signal.connect(lambda *_a: self._heights.clear())
        for signal in (self.model.modelReset, self.model.layoutChanged, self.model.rowsInserted,
                       self.model.dataChanged):
            signal.connect(lambda *_a: self._reshare_timer.start())
        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged, self.proxy.dataChanged, self.table.verticalScrollBar().valueChanged):
            signal.connect(lambda *_a: self._fit_timer.start())  # not start(msec) with the signal's number
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._refresh_side()

    def _groups_box(self, editable: bool) -> QGroupBox:
        box = QGroupBox(_("Grupos de este taller"))
        box.setMinimumWidth(BOX_WIDTH[0])
        box.setMaximumWidth(BOX_WIDTH[1])
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
        self.split_count.setValue(3)  # how many groups to split into: «Dividir en [3 grupos]», not a count of groups
        self.split_count.valueChanged.connect(self._count_suffix)
        self._count_suffix(self.split_count.value())
        self.split_button = _button(_("Dividir automáticamente"), self.split,
                                    _("Reparte a las personas presentes (o a todas, si nadie está marcado) "
                                      "en grupos del mismo tamaño"))
        self.split_method.setAccessibleName(_("Modo de división"))
        count_row = QHBoxLayout()
        self.split_count_label = QLabel(_("Dividir en"))
        self.split_count_label.setBuddy(self.split_count)
        count_row.addWidget(self.split_count_label)
        count_row.addWidget(self.split_count)

        groups = QVBoxLayout()
        groups.addWidget(self.group_list, 1)
        groups.addLayout(buttons)
        split = QVBoxLayout()
        split_title = QLabel(_("División automática"))
        split_title.setObjectName("SectionTitle")
        split.addSpacing(8)
        split.addWidget(split_title)
        split.addWidget(self.split_method)
        split.addLayout(count_row)
        split.addWidget(self.split_button)
        self.box_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, box)  # side by side when under the table
        self.box_layout.addLayout(groups, 1)
        self.box_layout.addLayout(split)
        self._split_layout = split
        self._editable = editable
        self._group_count = -1
        return box

    def _count_suffix(self, value: int) -> None:
        self.split_count.setSuffix(" " + ngettext("grupo", "grupos", value))

    # -- column widths ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            if self._auto_widths:
                self._fit_columns()
            self._fit_timer.start()  # a taller table shows more rows
        elif watched is self.table.horizontalHeader().viewport():
            if event.type() == QEvent.Type.MouseButtonPress:
                self._header_pressed = True
            elif event.type() == QEvent.Type.MouseButtonRelease:
                self._header_pressed = False
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._place_groups()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self._fit_timer.start()  # rows that changed while the tab was hidden

    def word_widths(self) -> dict[str, int]:
        """Per text column, the width its longest word needs (up to ``WORD_CAP``): cells wrap between words, so
        a column narrower than a word would cut it ("Campamen…"). Worked out once per change of the rows, each
        distinct text measured once (``_text_widths``), so an edit costs a look-up per cell, not a measure."""
        if self._words_of is not self.model.rows:
            metrics = self.table.fontMetrics()
            margin = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                                         self.table) + 1) + 6
            known = self._text_widths
            if len(known) > 8 * len(self.model.rows) + 1000:  # texts no longer shown: start again
                known.clear()
            widths = {}
            for key in KEYS:
                if key in CHECK_COLUMNS or key == "group":  # the group column: below
                    continue
                widest = 0
                for row in self.model.rows:
                    text = str(self.model.shown(row, key))
                    width = known.get(text)
                    if width is None:
                        width = known[text] = max(map(metrics.horizontalAdvance, text.split()), default=0)
                    widest = max(widest, width)
                widths[key] = min(widest + margin, WORD_CAP) if widest else 0
            # the group column: its names' longest word beside the group's colour swatch
            swatch = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.table) + 4
            widest = max((metrics.horizontalAdvance(w) for g in self.model.groups.values()
                          for w in str(g["name"]).split()), default=0)
            widths["group"] = min(widest + margin + swatch, WORD_CAP) if widest else 0
            self._word_widths, self._words_of = widths, self.model.rows
        return self._word_widths

    def table_least_width(self) -> int:
        """The table's width with every column at its least width (no sideways scrolling)."""
        table = self.table
        words = self.word_widths()
        return (sum(max(least, words.get(k, 0)) for k, (_share, least) in WIDTHS.items())
                + self._row_numbers_width() + table.verticalScrollBar().sizeHint().width()
                + 2 * table.frameWidth() + 4)

    def _row_numbers_width(self) -> int:
        """The row numbers' width: the header's own once laid out (its size hint walks the rows: 10 ms at 300)."""
        header = self.table.verticalHeader()
        return header.width() if header.isVisible() and header.width() > 1 else header.sizeHint().width()

    def _place_groups(self) -> None:
        """The groups' box beside the table when both fit, else under it (the table keeps its columns readable)."""
        margins = self.outer.contentsMargins()
        room = self.width() - margins.left() - margins.right() - self.outer.spacing() - BOX_WIDTH[0]
        below = room < self.table_least_width()
        if below == self.groups_below:
            return
        self.groups_below = below
        box = self.groups_box
        if below:
            self.outer.setDirection(QBoxLayout.Direction.TopToBottom)
            self.box_layout.setDirection(QBoxLayout.Direction.LeftToRight)
            self._split_layout.addStretch(1)
            box.setMinimumWidth(0)
            box.setMaximumWidth(16_777_215)
            box.setFixedHeight(BELOW_HEIGHT)
        else:
            self.outer.setDirection(QBoxLayout.Direction.LeftToRight)
            self.box_layout.setDirection(QBoxLayout.Direction.TopToBottom)
            self._split_layout.takeAt(self._split_layout.count() - 1)  # the stretch added under the table
            box.setMinimumHeight(0)
            box.setMaximumHeight(16_777_215)
            box.setMinimumWidth(BOX_WIDTH[0])
            box.setMaximumWidth(BOX_WIDTH[1])

    def _fit_columns(self) -> None:
        """Share the table's width by weight until the user resizes a column by hand."""
        widths = share_widths(self.table.viewport().width() - 2, self.word_widths())
        self._fitting = True
        for col, key in enumerate(KEYS):
            if self.table.columnWidth(col) != widths[key]:
                self.table.setColumnWidth(col, widths[key])
        self._fitting = False

    def _reshare(self) -> None:
        """After new texts: a longer word widens its column (within the width there is), and the groups go under
        the table if beside it the columns would no longer fit."""
        if self._auto_widths:
            self._fit_columns()
        self._place_groups()

    def _user_resized(self, *args: Any) -> None:
        if not self._fitting and self._header_pressed:  # a column dragged by hand keeps its width
            self._auto_widths = False

    # -- row heights ----------------------------------------------------------------
    def _widths_changed(self, *args: Any) -> None:
        """The rows in sight are re-measured once the resizing settles (if the widths did change: the last
        column stretches back to the rest after it is set), the others when they come into sight."""
        self._width_timer.start()

    def _rows_changed(self, top: Any, bottom: Any, *args: Any) -> None:
        for row in range(max(top.row(), 0), min(bottom.row() + 1, len(self.model.rows))):
            self._heights.pop(self.model.row_id(row), None)
        self._fit_timer.start()

    def fit_visible_rows(self) -> int:
        """Fit the rows in sight to their wrapped text: a known height (same text, same widths) is set again, the
        others are measured. Returns how many were measured."""
        table, proxy = self.table, self.proxy
        row, count = max(table.rowAt(0), 0), proxy.rowCount()
        if not count or not table.isVisible():
            return 0
        header = table.horizontalHeader()
        widths = tuple(header.sectionSize(c) for c in range(header.count()))
        if widths != self._heights_for:  # every known height is stale
            self._heights.clear()
            self._heights_for = widths
        bottom = table.viewport().height()
        y = table.rowViewportPosition(row)
        scroll = table.verticalScrollBar()
        at_end = 0 < scroll.maximum() == scroll.value()
        measured = 0
        while row < count and y < bottom:
            pid = self.model.row_id(proxy.mapToSource(proxy.index(row, 0)).row())
            height = self._heights.get(pid)
            if height is None:
                table.resizeRowToContents(row)
                self._heights[pid] = table.rowHeight(row)
                measured += 1
            elif table.rowHeight(row) != height:
                table.setRowHeight(row, height)
            y += table.rowHeight(row)
            row += 1
        if at_end and measured:  # taller last rows: stay at the end (the rows that come into sight are fitted next)
            table.updateGeometries()
            scroll.setValue(scroll.maximum())
        return measured

    # -- refreshing ---------------------------------------------------------------
    def _refresh_side(self, *args: Any) -> None:
        rows = self.model.rows
        present = sum(1 for r in rows if r["present"])
        groups = list(self.model.groups.values())
        self.summary.setText(" · ".join((ngettext("{n} persona en el registro", "{n} personas en el registro", len(rows)),
                                         ngettext("{n} presente en este taller", "{n} presentes en este taller", present),
                                         ngettext("{n} grupo", "{n} grupos", len(groups)))))
        counts = P.group_members(self.ctx.doc, self.ctx.workshop_id)
        current = self.current_group_id()
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for group in groups:
            item = QListWidgetItem(swatch(group["colour"]), group["name"])
            item.setData(Qt.ItemDataRole.UserRole, group["id"])
            item.setData(NAME_ROLE, group["name"])
            item.setToolTip(ngettext("{n} integrante", "{n} integrantes", counts.get(group["id"], 0)))
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
            Macro(commands, ngettext("Quitar {n} participante", "Quitar {n} participantes", len(commands)))
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
        from ...importers.csvread import CsvTooBig, read_capped

        try:
            return read_capped(path)
        except CsvTooBig as exc:
            Dialogs.error(self, str(exc))
            return None
        except OSError as exc:
            Dialogs.error(self, _("No se pudo leer «{path}»: {detail}.", path=str(path),
                                  detail=exc.strerror or str(exc)))
            return None

    def _apply(self, path: Path, planner) -> ImportPlan | None:
        """Plan and apply an import under the file's write lock; the plan if it was applied, else None."""
        made: list[ImportPlan] = []

        def plan():
            made.append(planner())
            return made[0].command if made[0].ok else None

        applied = self.ctx.undo.run_planned(plan)
        if made and not made[0].ok:
            lines = made[0].lines()
            shown = lines[:MAX_LISTED]
            if len(lines) > MAX_LISTED:
                shown.append(ngettext("… y {n} problema más.", "… y {n} problemas más.", len(lines) - MAX_LISTED))
            Dialogs.error(self, _("No se importó nada de «{file}». Corrija estos problemas y vuelva a intentarlo:",
                                  file=path.name) + "\n\n" + "\n".join(shown))
        return made[0] if applied else None

    def import_participants(self) -> None:
        path = self._pick_csv(_("Importar participantes desde CSV"))
        data = self._read(path) if path else None
        if data is None:
            return
        plan = self._apply(path, lambda: plan_participants_import(self.ctx.doc, self.ctx.workshop_id, data,
                                                                  source=path.name))
        if plan is not None:
            c = plan.counts
            Dialogs.info(self, participants_imported_message(current_translator(), c["added"], c["updated"], c["groups"]))

    def import_notes(self) -> None:
        path = self._pick_csv(_("Importar notas desde CSV"))
        data = self._read(path) if path else None
        if data is None:
            return
        plan = self._apply(path, lambda: plan_notes_import(self.ctx.doc, self.ctx.workshop_id, data,
                                                           source=path.name))
        if plan is not None:
            c = plan.counts
            Dialogs.info(self, imported_message(current_translator(), c["notes"], c["groups"], c["linked"]) + " "
                         + _("Puede deshacerlo con Ctrl+Z."))
