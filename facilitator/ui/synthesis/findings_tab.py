"""Hallazgos: the findings list (kind, statement, counts) and the selected finding's editor.

Every change goes through ``ctx.undo.run`` (one undo step each; typing in the
statement merges into one step). Counts are recomputed from the links on every
change of findings, notes or minutes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QInputDialog,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QWidget)

from facilitator.domain.labels import show
from facilitator.domain.tags import tag_label
from facilitator.i18n import _, current_language
from facilitator.synthesis import findings as F
from facilitator.synthesis.vocab import DIMENSIONS, KIND_LABELS
from qtshared.dialogs import Dialogs
from qtshared.flow import FlowLayout
from qtshared.widgets import plain_label, plain_tooltip

from .pane import TwoPanes
from .picker import pick_sources

TABLES = {"finding", "finding_source", "note", "minutes_entry", "participant", "attendance", "workgroup"}


def counts_text(c: F.Counts) -> str:
    return F.describe_counts(c, _)


class FindingsTab(TwoPanes):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        ro = self.doc.readonly
        col = self.pane()
        col.addWidget(plain_label(_("Hallazgos del proceso, en el orden del informe. Las cifras salen de las notas "
                                    "y la relatoría vinculadas."), wrap=True))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Hallazgos"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.currentItemChanged.connect(lambda *_a: self._show_current())
        col.addWidget(self.list, 1)
        grid = QGridLayout()
        self.new_button = QPushButton(_("Nuevo hallazgo"))
        self.delete_button = QPushButton(_("Eliminar"))
        self.up_button = QPushButton(_("Subir"))
        self.down_button = QPushButton(_("Bajar"))
        self.merge_button = QPushButton(_("Unir seleccionados"))
        self.split_button = QPushButton(_("Dividir…"))
        self.split_button.setToolTip(_("Marque en «Fuentes» las que pasan a un hallazgo nuevo y pulse Dividir."))
        for k, (b, fn) in enumerate(((self.new_button, self.new_finding), (self.delete_button, self.delete),
                                     (self.up_button, lambda: self.move(-1)), (self.down_button, lambda: self.move(1)),
                                     (self.merge_button, self.merge), (self.split_button, self.split))):
            b.clicked.connect(fn)
            b.setEnabled(not ro)
            grid.addWidget(b, k // 2, k % 2)
        col.addLayout(grid)
        form = self.pane()
        form.addWidget(QLabel(_("Enunciado")))
        self.statement = QPlainTextEdit()
        self.statement.setAccessibleName(_("Enunciado"))
        self.statement.setMaximumHeight(80)
        self.statement.setReadOnly(ro)
        self.statement.textChanged.connect(self._statement_typed)
        form.addWidget(self.statement)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Tipo")))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Tipo"))
        for key, label in KIND_LABELS.items():
            self.kind.addItem(_(label), key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setEnabled(not ro)
        row.addWidget(self.kind)
        row.addWidget(QLabel(_("Tema")))
        self.theme = QLineEdit()
        self.theme.setAccessibleName(_("Tema"))
        self.theme.setPlaceholderText(_("Agrupa los hallazgos en el informe"))
        self.theme.editingFinished.connect(self._theme_edited)
        self.theme.textChanged.connect(lambda text: self.theme.setToolTip(plain_tooltip(text)))  # typed or loaded
        self.theme.setReadOnly(ro)
        row.addWidget(self.theme, 1)
        form.addLayout(row)
        form.addWidget(QLabel(_("Dimensiones de la política")))
        dims = FlowLayout(spacing=4)  # the eight long labels take as many lines as the pane's width asks
        self.dimensions: dict[str, QCheckBox] = {}
        for key in DIMENSIONS:
            box = QCheckBox(tag_label(key, current_language()))
            box.setToolTip(box.text())  # whole, should the pane be narrower than one label
            box.toggled.connect(self._dimensions_changed)
            box.setEnabled(not ro)
            self.dimensions[key] = box
            dims.addWidget(box)
        form.addLayout(dims)
        self.counts = plain_label("", wrap=True, name="Muted")
        form.addWidget(self.counts)
        form.addWidget(plain_label(_("Fuentes (★ = cita destacada; marque casillas para quitar o dividir)"), wrap=True))
        self.sources = QListWidget()
        self.sources.setAccessibleName(_("Fuentes"))
        self.sources.setWordWrap(True)
        form.addWidget(self.sources, 1)
        buttons = QHBoxLayout()
        self.link_button, self.quote_button, self.unlink_button = self.buttons(
            buttons, (_("Vincular notas…"), self.link), (_("Cita destacada"), self.toggle_quote),
            (_("Quitar marcadas"), self.unlink))
        self.quote_button.setToolTip(_("Marca o desmarca la fuente seleccionada como cita destacada (máximo dos)."))
        form.addLayout(buttons)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 620])

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(400)
        self._typing.timeout.connect(self._commit_statement)
        ctx.signals.changed.connect(self._changed)
        self.reload()

    # -- reading --------------------------------------------------------------------------------
    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def selected_ids(self) -> list[str]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]

    def reload(self, select: str | None = None) -> None:
        select = select or self.current_id()
        counts = F.all_counts(self.doc.store, self.pid)
        self.rows = {f["id"]: f for f in F.findings(self.doc.store, self.pid)}
        self.list.blockSignals(True)
        self.list.clear()
        for fid, f in self.rows.items():
            item = QListWidgetItem(f"{_(KIND_LABELS[f['kind']])}: {f['statement']}\n{counts_text(counts[fid])}")
            item.setData(Qt.ItemDataRole.UserRole, fid)
            self.list.addItem(item)
            if fid == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._counts = counts
        self._show_current()

    def _show_current(self) -> None:
        fid = self.current_id()
        f = self.rows.get(fid) if fid else None
        self._loading = True
        try:
            for w in (self.statement, self.theme, self.sources):  # read-only files keep these read-only
                w.setEnabled(f is not None)
            for w in (self.kind, *self.dimensions.values()):
                w.setEnabled(f is not None and not self.doc.readonly)
            if f is None:
                self.statement.setPlainText("")
                self.theme.setText("")
                self.sources.clear()
                self.counts.setText(_("Cree un hallazgo o acepte una sugerencia para empezar."))
                return
            if not self.statement.hasFocus() or self.statement.toPlainText().strip() != f["statement"]:
                if not self._typing.isActive():
                    self.statement.setPlainText(f["statement"])
            self.kind.setCurrentIndex(list(KIND_LABELS).index(f["kind"]))
            if not self.theme.hasFocus():
                self.theme.setText(f["theme"])
                self.theme.setCursorPosition(0)  # a theme longer than the field reads from its start
            for key, box in self.dimensions.items():
                box.setChecked(key in f["dimensions"])
            c = self._counts.get(fid)
            text = counts_text(c) if c else ""
            if c and c.sectors:
                text += "\n" + _("Sectores: {names}", names=", ".join(str(show(s)) for s in c.sectors))
            self.counts.setText(text)
            self.sources.clear()
            for s in F.sources(self.doc.store, fid):
                where = {"note": _("Nota"), "tree_node": _("Nodo del árbol"), "entry": _("Relatoría")}[s.kind]
                place = " · ".join(x for x in (where, s.workshop, s.group) if x)
                item = QListWidgetItem(("★ " if s.quote else "") + f"{s.text}  ({place})")
                item.setToolTip(plain_tooltip(f"{s.text}\n{place}"))
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, s.quote)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.sources.addItem(item)
        finally:
            self._loading = False

    def _changed(self, changes) -> None:
        if any(c.table in TABLES for c in changes):
            self.reload()

    # -- edits ----------------------------------------------------------------------------------
    def _run(self, make, *, mergeable: bool = False) -> bool:
        try:
            command = make()
        except ValueError as exc:
            Dialogs.error(self, str(exc))
            return False
        return self.ctx.undo.run(command, mergeable=mergeable)

    def new_finding(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, _("Nuevo hallazgo"), _("Enunciado del hallazgo:"))
        if not ok or not text.strip():
            return
        self._create(lambda: F.create_finding(self.doc.store, self.pid, text))

    def _create(self, make) -> None:
        """Run a command that makes a finding and select that finding."""
        made = []

        def keep():
            made.append(make())
            return made[0]

        if self._run(keep):
            self.reload(select=made[0].finding_id)

    def delete(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        for fid in ids:
            self._run(lambda fid=fid: F.delete_finding(self.doc.store, fid))

    def move(self, step: int) -> None:
        fid = self.current_id()
        order = list(self.rows)
        if fid not in order:
            return
        k = order.index(fid)
        j = k + step
        if not 0 <= j < len(order):
            return
        order[k], order[j] = order[j], order[k]
        self._run(lambda: F.move(self.doc.store, self.pid, order))
        self.reload(select=fid)

    def merge(self) -> None:
        ids = self.selected_ids()
        if len(ids) < 2:
            Dialogs.info(self, _("Seleccione dos o más hallazgos (Ctrl+clic) para unirlos."))
            return
        keep = self.current_id() if self.current_id() in ids else ids[0]
        if self._run(lambda: F.merge(self.doc.store, keep, [i for i in ids if i != keep])):
            self.reload(select=keep)

    def _ticked_sources(self) -> list[str]:
        return [self.sources.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.sources.count())
                if self.sources.item(i).checkState() == Qt.CheckState.Checked]

    def split(self) -> None:
        fid = self.current_id()
        ticked = self._ticked_sources()
        if not fid or not ticked:
            Dialogs.info(self, _("Marque en «Fuentes» las que pasan a un hallazgo nuevo y pulse Dividir."))
            return
        text, ok = QInputDialog.getMultiLineText(self, _("Dividir hallazgo"), _("Enunciado del nuevo hallazgo:"))
        if not ok or not text.strip():
            return
        self._create(lambda: F.split(self.doc.store, fid, ticked, text))

    def link(self) -> None:
        fid = self.current_id()
        if not fid:
            return
        linked = {s.target_id for s in F.sources(self.doc.store, fid)}
        chosen = pick_sources(self, self.doc, linked)
        if chosen:
            notes, entries = chosen
            self._run(lambda: F.link(self.doc.store, fid, note_ids=notes, entry_ids=entries))

    def unlink(self) -> None:
        ticked = self._ticked_sources()
        if ticked:
            self._run(lambda: F.unlink(self.doc.store, ticked))

    def toggle_quote(self) -> None:
        item = self.sources.currentItem()
        if item is None:
            return
        sid, quote = item.data(Qt.ItemDataRole.UserRole), bool(item.data(Qt.ItemDataRole.UserRole + 1))
        self._run(lambda: F.set_quote(self.doc.store, sid, not quote))

    def _statement_typed(self) -> None:
        if not self._loading:
            self._typing.start()

    def _commit_statement(self) -> None:
        fid = self.current_id()
        text = self.statement.toPlainText()
        if fid and text.strip():
            self._run(lambda: F.edit_finding(self.doc.store, fid, statement=text), mergeable=True)

    def _kind_changed(self) -> None:
        fid = self.current_id()
        if fid and not self._loading:
            self._run(lambda: F.edit_finding(self.doc.store, fid, kind=self.kind.currentData()))

    def _theme_edited(self) -> None:
        fid = self.current_id()
        if fid and not self._loading:
            self._run(lambda: F.edit_finding(self.doc.store, fid, theme=self.theme.text()))

    def _dimensions_changed(self) -> None:
        fid = self.current_id()
        if fid and not self._loading:
            keys = [k for k, box in self.dimensions.items() if box.isChecked()]
            self._run(lambda: F.edit_finding(self.doc.store, fid, dimensions=keys))

    def shutdown(self) -> None:
        if self._typing.isActive():
            self._typing.stop()
            self._commit_statement()
        self.ctx.signals.changed.disconnect(self._changed)
