"""The recorder's tab ("Relatoría"): short entries typed as fast as people speak.

The capture line never leaves the keyboard: Enter adds the entry, Ctrl+1…5 set
its kind, Ctrl+Z takes the last one back. Each entry is stamped with the time
and with the block the runner is in — read from the run log the facilitator's
runner writes, and followed live through the document's change signal — and
with the group presenting, when one is. Who spoke is written as a role, a sector
or a group; the completion offers those, never participants' names.

Edits in the list (text, speaker, kind, block), reordering and deleting all go
through ``facilitator.record`` commands and the undo stack, committed at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QCompleter, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableView, QToolButton, QVBoxLayout, QWidget)

from ... import record as R
from ...i18n import _
from ...store.db import Change
from ...domain.vocabulary import MINUTES_KINDS
from qtshared.flow import FlowLayout
from qtshared.context import WorkshopContext
from .projected_list import ProjectedList
from .minutes_model import BLOCK, KIND, SPEAKER, TEXT, ComboDelegate, MinutesModel, SpeakerDelegate, kind_icon
from qtshared.style import ACCENT, MUTED

AUTO = "__auto__"  # block combo: follow the runner
RUNNING_STYLE = f"background: {ACCENT}; color: white; font-weight: 600; padding: 4px 10px; border-radius: 4px;"
IDLE_STYLE = f"background: #E4E6E1; color: {MUTED}; padding: 4px 10px; border-radius: 4px;"


class CaptureLine(QLineEdit):
    """The line the recorder types into; Ctrl+Z with nothing to undo here undoes the last edit."""

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def _history_key(self, event: QKeyEvent) -> str | None:
        if event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable():
            return "undo"
        if event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable():
            return "redo"
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._history_key(event):  # type: ignore[arg-type]
            event.accept()  # keep it here, so the window's Undo action does not run it a second time
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        what = self._history_key(event)
        if what == "undo":
            self.ctx.undo.stack.undo()
        elif what == "redo":
            self.ctx.undo.stack.redo()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class MinutesPanel(QWidget):
    """Capture line, stamps and the list of entries of one workshop."""

    added = Signal(str)  # id of an entry just added

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None, *, clock: R.WallClock | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        self.kind = "idea_clave"
        self.running: str | None = None
        self._group_speaker = ""  # the speaker text the group combo last filled in

        outer = QVBoxLayout(self)
        # -- stamps: running block and presenting group
        stamps = FlowLayout()  # wraps on a small screen
        self.running_label = QLabel()
        self.running_label.setTextFormat(Qt.TextFormat.PlainText)
        self.running_label.setWordWrap(True)
        self.running_label.setAccessibleName(_("Bloque en curso"))
        stamps.addWidget(self.running_label, 1)
        stamps.addWidget(QLabel(_("Bloque:")))
        self.block_combo = QComboBox()
        self.block_combo.setAccessibleName(_("Bloque de las nuevas entradas"))
        self.block_combo.setMinimumContentsLength(16)
        self.block_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        stamps.addWidget(self.block_combo)
        stamps.addWidget(QLabel(_("Grupo que presenta:")))
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName(_("Grupo que presenta"))
        self.group_combo.setMinimumContentsLength(12)
        self.group_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group_combo.activated.connect(self._group_chosen)
        stamps.addWidget(self.group_combo)
        outer.addLayout(stamps)

        # -- kinds
        kinds = FlowLayout()  # wraps on a small screen
        self.kind_buttons = QButtonGroup(self)
        self.kind_buttons.setExclusive(True)
        for n, key in enumerate(MINUTES_KINDS, start=1):
            button = QToolButton()
            button.setCheckable(True)
            button.setText(f"{_(R.KIND_LABELS[key])}  Ctrl+{n}")
            button.setIcon(kind_icon(key))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(_("Tipo de la próxima entrada (o de las seleccionadas): Ctrl+{n}", n=n))
            button.setProperty("kind", key)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.kind_buttons.addButton(button, n)
            kinds.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda k=key: self.kind_shortcut(k))
        self.kind_buttons.idClicked.connect(lambda n: self.set_kind(MINUTES_KINDS[n - 1]))
        kinds.addStretch(1)
        outer.addLayout(kinds)

        # -- capture
        capture = QHBoxLayout()
        self.speaker = QLineEdit()
        self.speaker.setPlaceholderText(_("Quién: rol, sector o grupo"))
        self.speaker.setAccessibleName(_("Quién habla"))
        self.speaker.setMinimumWidth(200)
        self.speaker.setMaximumWidth(280)
        self._speakers = QStringListModel(self)
        completer = QCompleter(self._speakers, self.speaker)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.speaker.setCompleter(completer)
        self.speaker.returnPressed.connect(lambda: self.capture.setFocus())
        capture.addWidget(self.speaker)
        self.capture = CaptureLine(ctx)
        self.capture.setPlaceholderText(_("Escriba la idea y pulse Intro…"))
        self.capture.setAccessibleName(_("Nueva entrada de la relatoría"))
        font = QFont(self.capture.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.capture.setFont(font)
        self.capture.returnPressed.connect(self.add_from_capture)
        capture.addWidget(self.capture, 1)
        outer.addLayout(capture)

        # -- entries
        self.model = MinutesModel(ctx, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Entradas de la relatoría"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BLOCK, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(BLOCK, 170)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._set_column_floors()
        # Rows measured before the Text column had its width (a tab page is sized before it is shown) would keep
        # that height: measured again when it changes, once per burst of resizes.
        self._remeasure = QTimer(self)
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(0)
        self._remeasure.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda col, old, new: self._remeasure.start() if col == TEXT and old != new else None)
        self.table.setItemDelegateForColumn(KIND, ComboDelegate(self.model, "kind", self.table))
        self.table.setItemDelegateForColumn(BLOCK, ComboDelegate(self.model, "block", self.table))
        self.table.setItemDelegateForColumn(SPEAKER, SpeakerDelegate(self._speakers, self.table))
        self.model.problem.connect(self._problem)
        outer.addWidget(self.table, 1)
        for keys, slot in (("Ctrl+Up", lambda: self.move_selected(-1)), ("Ctrl+Down", lambda: self.move_selected(1)),
                           (QKeySequence.StandardKey.Delete, self.delete_selected)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        promote = QShortcut(QKeySequence("Ctrl+Shift+C"), self)
        promote.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        promote.activated.connect(self.promote_selected)

        # -- actions and hint
        row = QHBoxLayout()
        self.up_button = QPushButton(_("Subir"))
        self.up_button.setToolTip("Ctrl+↑")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(_("Bajar"))
        self.down_button.setToolTip("Ctrl+↓")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.delete_button = QPushButton(_("Borrar"))
        self.delete_button.setToolTip(_("Supr"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.promote_button = QPushButton(_("Convertir en compromiso"))
        self.promote_button.setToolTip(
            _("Crea la ficha del compromiso (qué, quién, plazo, indicador): Ctrl+Mayús+C"))
        self.promote_button.clicked.connect(self.promote_selected)
        self.project_button = QPushButton(_("Proyectar"))
        self.project_button.setToolTip(_("Muestra a la sala las entradas elegidas, o las del bloque en curso, "
                                         "en la pantalla del proyector (Ctrl+P)"))
        self.project_button.clicked.connect(self.project)
        project = QShortcut(QKeySequence("Ctrl+P"), self)
        project.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        project.activated.connect(self.project)
        self.projected: ProjectedList | None = None
        for b in (self.up_button, self.down_button, self.delete_button, self.promote_button, self.project_button):
            row.addWidget(b)
        row.addStretch(1)
        self.hint = QLabel(_("Intro añade · Ctrl+1…5 tipo · Ctrl+Z deshace · en la lista: F2 edita, "
                             "Ctrl+↑/↓ mueve, Supr borra"))
        self.hint.setObjectName("Muted")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        row.addWidget(self.hint, 1)
        outer.addLayout(row)

        for w in (self.capture, self.speaker, self.block_combo, self.group_combo, *self.kind_buttons.buttons(),
                  self.up_button, self.down_button, self.delete_button, self.promote_button):
            w.setEnabled(not ctx.doc.readonly)
        self.set_kind("idea_clave")
        self._fill_combos()
        self._refresh_speakers()
        self._follow_runner()
        ctx.signals.changed.connect(self._changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())
        self._sync_buttons()
        self.setFocusProxy(self.capture)

    def _set_column_floors(self) -> None:
        """«Tipo» as wide as its widest kind (with the ✓ of a promoted entry), «Quién» room for a sector's name:
        sized to contents, an empty minutes' columns were their headers' width («Tipo Quién» run together)."""
        metrics = self.table.fontMetrics()
        pad = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin) + 12
        icon = self.table.iconSize().width() if self.table.iconSize().isValid() else 16
        kinds = max(metrics.horizontalAdvance(f"{_(label)} ✓") for label in R.KIND_LABELS.values())
        self.model.column_floors = {KIND: kinds + max(icon, 16) + pad + 8,
                                    SPEAKER: metrics.horizontalAdvance("Departamento de Salud") + pad}

    # -- stamps --------------------------------------------------------------------------
    def _fill_combos(self) -> None:
        wid = self.ctx.workshop_id
        chosen = self.block_combo.currentData() or AUTO
        self.block_combo.blockSignals(True)
        self.block_combo.clear()
        self.block_combo.addItem(_("El del cronómetro"), AUTO)
        self.block_combo.addItem(_("Sin bloque"), "")
        for b in self.ctx.doc.blocks(wid):
            self.block_combo.addItem(b["title"], b["id"])
        self.block_combo.setCurrentIndex(max(0, self.block_combo.findData(chosen)))
        self.block_combo.blockSignals(False)
        group = self.group_combo.currentData() or ""
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.group_combo.addItem(_("Ninguno (plenario)"), "")
        for g in self.ctx.doc.groups(wid):
            self.group_combo.addItem(kind_icon(None, g["colour"]), g["name"], g["id"])
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(group)))
        self.group_combo.blockSignals(False)

    def _follow_runner(self) -> None:
        """Read the running block from the log; a new block means no group is presenting yet."""
        running = R.running_block(self.ctx.doc.store, self.ctx.workshop_id)
        if running != self.running:
            self.running = running
            self.set_group(None)
        if running:
            title = self.model.blocks.get(running, {}).get("title", "")
            self.running_label.setText(_("En curso: {block}", block=title))
            self.running_label.setStyleSheet(RUNNING_STYLE)
        else:
            self.running_label.setText(_("Sin bloque en curso en el cronómetro"))
            self.running_label.setStyleSheet(IDLE_STYLE)

    def stamp_block(self) -> str | None:
        """The block new entries get: the runner's, or the one chosen by hand."""
        data = self.block_combo.currentData()
        if data == AUTO or data is None:
            return self.running
        return data or None

    def stamp_group(self) -> str | None:
        return self.group_combo.currentData() or None

    def set_group(self, group_id: str | None) -> None:
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(group_id or "")))
        self._group_chosen()

    def _group_chosen(self, *_args: Any) -> None:
        """Choosing a presenting group makes it the speaker, unless someone else was typed in."""
        name = self.group_combo.currentText() if self.group_combo.currentData() else ""
        if self.speaker.text() in ("", self._group_speaker):
            self.speaker.setText(name)
        self._group_speaker = name

    # -- capture -----------------------------------------------------------------------
    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.kind_buttons.button(MINUTES_KINDS.index(kind) + 1).setChecked(True)

    def kind_shortcut(self, kind: str) -> None:
        """Ctrl+n: in the list it retypes the selected entries; elsewhere it sets the next entry's kind."""
        if self.table.hasFocus() and self.selected_ids():
            self.ctx.undo.run(R.set_kind(self.ctx.doc, self.selected_ids(), kind))
        else:
            self.set_kind(kind)

    def add_from_capture(self) -> str | None:
        if self.ctx.doc.readonly:
            return None
        command = R.add_entry(self.ctx.doc, self.ctx.workshop_id, self.capture.text(), kind=self.kind,
                              speaker=self.speaker.text(), block_id=self.stamp_block(),
                              group_id=self.stamp_group(), clock=self.clock)
        if command is None or not self.ctx.undo.run(command):
            return None
        self.capture.setText("")  # setText, not clear(): the next Ctrl+Z undoes the entry, not the clearing
        row = self.model.row_of(command.id)
        if row >= 0:
            self.table.scrollTo(self.model.index(row, TEXT))
        self.added.emit(command.id)
        return command.id

    # -- list actions ----------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r]["id"] for r in rows if 0 <= r < len(self.model.rows)]

    def select_entry(self, entry_id: str) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, TEXT))

    def reveal(self, item_id: str) -> None:
        """Select the entry (a search hit)."""
        self.select_entry(item_id)

    def move_selected(self, delta: int) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        if self.ctx.undo.run(R.move_entry(self.ctx.doc, self.ctx.workshop_id, ids[0], delta)):
            self.select_entry(ids[0])

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.ctx.undo.run(R.delete_entries(self.ctx.doc, ids))

    def promote_selected(self) -> str | None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return None
        command = R.promote_entry(self.ctx.doc, ids[0])
        if command is None:
            self._problem(_("Esta entrada ya tiene su ficha de compromiso (pestaña Compromisos)."))
            return None
        return command.commitment_id if self.ctx.undo.run(command) else None

    def _sync_buttons(self) -> None:
        n = len(self.selected_ids())
        writable = not self.ctx.doc.readonly
        for b in (self.up_button, self.down_button, self.promote_button):
            b.setEnabled(writable and n == 1)
        self.delete_button.setEnabled(writable and n > 0)

    def _problem(self, text: str) -> None:
        self.hint.setText(text)

    # -- following the document ------------------------------------------------------------
    def _refresh_speakers(self) -> None:
        self._speakers.setStringList(R.speaker_suggestions(self.ctx.doc.store, self.ctx.workshop_id))

    def _changed(self, changes: list[Change]) -> None:
        tables = {c.table for c in changes}
        if tables & {"block", "workgroup"}:
            self.model.reload_labels()
            self._fill_combos()
        if tables & {"minutes_entry", "commitment"}:
            self.model.refresh()
            self._sync_buttons()
        if tables & {"workgroup", "participant", "minutes_entry"}:
            self._refresh_speakers()
        if tables & {"run_event", "block"}:
            self._follow_runner()

    def activate(self) -> None:
        self._follow_runner()
        self.capture.setFocus()

    def project(self) -> ProjectedList:
        """The chosen entries (or the running block's, or all) on the projector, following new ones live."""
        chosen = set(self.selected_ids())
        block_id = None if chosen else self.stamp_block()

        def items() -> list[tuple[str, str]]:
            rows = R.entries(self.ctx.doc.store, self.ctx.workshop_id)
            if chosen:
                rows = [r for r in rows if r["id"] in chosen]
            elif block_id:
                rows = [r for r in rows if r["block_id"] == block_id]
            return [(" · ".join(p for p in (R.clock_text(r["at"]), _(R.KIND_LABELS[r["kind"]]), r["speaker"]) if p),
                     r["text"]) for r in rows]

        def title() -> str:
            block = self.ctx.doc.store.get("block", block_id) if block_id else None
            return _("Relatoría · {block}", block=block["title"]) if block else _("Relatoría")

        self._close_projection()
        self.projected = ProjectedList(title, items, self.ctx.signals, {"minutes_entry", "block"},
                                       empty=_("Todavía no hay entradas de relatoría aquí."))
        self.projected.project(self.screen())
        return self.projected

    def _close_projection(self) -> None:
        if self.projected is not None:
            self.projected.detach()
            self.projected.close()
            self.projected.deleteLater()
            self.projected = None

    def shutdown(self) -> None:
        self._close_projection()
        self.ctx.signals.changed.disconnect(self._changed)
