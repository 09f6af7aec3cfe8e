"""The guide's tables (cifras, actores, iniciativas existentes) and the texts (resumen, conclusiones,
recomendaciones) of the systematisation, each edit one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QSplitter, QStyledItemDelegate, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from facilitator.i18n import _
from facilitator.synthesis import findings as F
from facilitator.synthesis import tables as T
from facilitator.domain.labels import show
from facilitator.synthesis.vocab import ACTOR_CATEGORIES, TABLES, TEXT_LABELS
from qtshared.dialogs import Dialogs
from qtshared.widgets import plain_label, plain_tooltip, preview

from .pane import TwoPanes


class _CategoryDelegate(QStyledItemDelegate):
    """The actor category is chosen from the guide's six (or left empty)."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItem("", "")
        for key, label in ACTOR_CATEGORIES.items():
            combo.addItem(_(label), key)
        return combo

    def setEditorData(self, editor, index):
        key = index.data(Qt.ItemDataRole.UserRole) or ""
        editor.setCurrentIndex(max(0, editor.findData(key)))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)


class GuideTable(QWidget):
    """One of the guide's tables: add, edit in place, delete, import a CSV."""

    def __init__(self, ctx, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.doc = ctx.doc
        self.pid = self.doc.process["id"]
        self.spec = T.spec(table)
        self._loading = False
        ro = self.doc.readonly
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(plain_label(_(self.spec.title), name="SectionTitle"))
        self.grid = QTableWidget(0, len(self.spec.columns))
        self.grid.setAccessibleName(_(self.spec.title))
        self.grid.setHorizontalHeaderLabels([_(h) for _f, h in self.spec.columns])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setWordWrap(True)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        if ro:
            self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fields = [f for f, _h in self.spec.columns]
        if "category" in fields:
            self.grid.setItemDelegateForColumn(fields.index("category"), _CategoryDelegate(self.grid))
        self.grid.itemChanged.connect(self._edited)
        col.addWidget(self.grid, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Añadir fila"))
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(_("Eliminar filas"))
        self.delete_button.clicked.connect(self.delete)
        self.import_button = QPushButton(_("Importar CSV…"))
        self.import_button.clicked.connect(self.import_csv)
        for b in (self.add_button, self.delete_button, self.import_button):
            b.setEnabled(not ro)
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self._loading = True
        try:
            rows = T.rows(self.doc.store, self.spec.table, self.pid)
            self.grid.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c, (field, _h) in enumerate(self.spec.columns):
                    value = row[field] or ""
                    shown = _(ACTOR_CATEGORIES[value]) if field == "category" and value in ACTOR_CATEGORIES else value
                    if field == "status":  # an initiative's status may be one of the app's words (a key)
                        shown = show(value)
                    item = QTableWidgetItem(shown)
                    item.setData(Qt.ItemDataRole.UserRole, value)
                    item.setData(Qt.ItemDataRole.UserRole + 1, row["id"])
                    self.grid.setItem(r, c, item)
            self.grid.resizeRowsToContents()
        finally:
            self._loading = False

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        field = self.spec.columns[item.column()][0]
        rid = item.data(Qt.ItemDataRole.UserRole + 1)
        value = item.data(Qt.ItemDataRole.UserRole) if field == "category" else item.text()
        try:
            command = T.edit_row(self.doc.store, self.spec.table, rid, {field: value or ""})
        except ValueError as exc:
            Dialogs.error(self, str(exc))
            QTimer.singleShot(0, self.reload)
            return
        self.ctx.undo.run(command)

    def add(self) -> None:
        if self.ctx.undo.run(T.add_row(self.doc.store, self.spec.table, self.pid)):
            self.grid.setCurrentCell(self.grid.rowCount() - 1, 0)
            self.grid.editItem(self.grid.item(self.grid.rowCount() - 1, 0))

    def delete(self) -> None:
        rows = sorted({i.row() for i in self.grid.selectedItems()})
        ids = [self.grid.item(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in rows]
        self.ctx.undo.run(T.delete_rows(self.spec.table, ids))

    def import_csv(self) -> None:
        path = Dialogs.open_file(self, filters=_("Hojas de cálculo CSV (*.csv *.txt)"))
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            Dialogs.error(self, _("No se pudo leer «{path}»: {detail}.", path=path, detail=exc.strerror or str(exc)))
            return
        plan = T.plan_table_import(self.doc.store, self.spec.table, self.pid, data)
        if not plan.ok:
            Dialogs.error(self, "\n".join(plan.lines()[:12]))
            return
        self.ctx.undo.run(plan.command)


class TablesTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        col.addWidget(plain_label(_("Las tablas que la guía pide en el informe de diagnóstico. Se editan aquí o se "
                                    "importan desde un CSV con las mismas columnas."), wrap=True))
        split = QSplitter(Qt.Orientation.Vertical)
        self.tables = {key: GuideTable(ctx, key) for key in TABLES}
        for table in self.tables.values():
            split.addWidget(table)
        col.addWidget(split, 1)
        ctx.signals.changed.connect(self._changed)

    def _changed(self, changes) -> None:
        tables = {c.table for c in changes}
        for key, table in self.tables.items():
            if key in tables:
                table.reload()

    def shutdown(self) -> None:
        self.ctx.signals.changed.disconnect(self._changed)


class TextsTab(TwoPanes):
    """Resumen ejecutivo, conclusiones and recomendaciones: each text with the findings it rests on."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        ro = self.doc.readonly
        col = self.pane()
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Texto"))
        for key, label in TEXT_LABELS.items():
            self.kind.addItem(_(label), key)
        self.kind.currentIndexChanged.connect(lambda *_a: self.reload())
        col.addWidget(self.kind)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Textos"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_a: self._show())
        col.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button, self.delete_button = self.buttons(row, (_("Añadir"), self.add), (_("Eliminar"), self.delete))
        col.addLayout(row)
        form = self.pane()
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(_("Texto"))
        self.body.setReadOnly(ro)
        self.body.textChanged.connect(lambda: None if self._loading else self._typing.start())
        form.addWidget(self.body, 2)
        form.addWidget(QLabel(_("Se apoya en estos hallazgos:")))
        self.basis = QListWidget()
        self.basis.setAccessibleName(_("Hallazgos en que se apoya"))
        self.basis.setWordWrap(True)
        self.basis.itemChanged.connect(self._basis_changed)
        form.addWidget(self.basis, 1)
        self.splitter.setSizes([320, 700])
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(400)
        self._typing.timeout.connect(self._commit_body)
        ctx.signals.changed.connect(self._changed)
        self.reload()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def reload(self, select: str | None = None) -> None:
        select = select or self.current_id()
        self.rows = {r["id"]: r for r in F.texts(self.doc.store, self.pid, self.kind.currentData())}
        self.list.blockSignals(True)
        self.list.clear()
        for rid, r in self.rows.items():
            item = QListWidgetItem(preview(r["body"]) or _("(vacío)"))
            item.setToolTip(plain_tooltip(r["body"] or ""))
            item.setData(Qt.ItemDataRole.UserRole, rid)
            self.list.addItem(item)
            if rid == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._show()

    def _show(self) -> None:
        row = self.rows.get(self.current_id() or "")
        self._loading = True
        try:
            self.body.setEnabled(row is not None)
            self.basis.setEnabled(row is not None)
            if not self.body.hasFocus() or row is None:
                self.body.setPlainText(row["body"] if row else "")
            self.basis.clear()
            for f in F.findings(self.doc.store, self.pid):
                item = QListWidgetItem(f["statement"])
                item.setData(Qt.ItemDataRole.UserRole, f["id"])
                item.setCheckState(Qt.CheckState.Checked if row and f["id"] in row["findings"]
                                   else Qt.CheckState.Unchecked)
                self.basis.addItem(item)
        finally:
            self._loading = False

    def add(self) -> None:
        command = F.add_text(self.doc.store, self.pid, self.kind.currentData(), "")
        if self.ctx.undo.run(command):
            self.reload(select=command.id)
            self.body.setFocus()

    def delete(self) -> None:
        rid = self.current_id()
        if rid:
            from facilitator.commands import DeleteRow

            self.ctx.undo.run(DeleteRow("synthesis_text", rid, _("Eliminar texto")))

    def _commit_body(self) -> None:
        rid = self.current_id()
        if rid:
            self.ctx.undo.run(F.edit_text(self.doc.store, rid, body=self.body.toPlainText()), mergeable=True)

    def _basis_changed(self) -> None:
        rid = self.current_id()
        if rid and not self._loading:
            ids = [self.basis.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.basis.count())
                   if self.basis.item(i).checkState() == Qt.CheckState.Checked]
            self.ctx.undo.run(F.edit_text(self.doc.store, rid, finding_ids=ids))

    def _changed(self, changes) -> None:
        if any(c.table in ("synthesis_text", "finding") for c in changes):
            self.reload()

    def shutdown(self) -> None:
        if self._typing.isActive():
            self._typing.stop()
            self._commit_body()
        self.ctx.signals.changed.disconnect(self._changed)
