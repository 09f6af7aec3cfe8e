"""Combining another laptop's work: the *Combinar con otro archivo…* preview and the *Conflictos* list.

The merge itself is pure (``exports.exchange``); here the facilitator picks the
other laptop's ``.taller`` (or its JSON exchange copy), sees what the merge will
do before it does it, and then settles, one by one or together, the fields both
laptops changed, seeing both values in full. Every step is one undoable edit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QPlainTextEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from .. import FILE_SUFFIX
from ..conflicts import Conflict, field_label, open_conflicts, resolve, shown
from ..document import ProcessDocument
from ..i18n import _, ngettext
from ..store import FileProblem
from qtshared.context import DocumentSignals
from qtshared.dialogs import Dialogs
from qtshared.undo import UndoAdapter
from qtshared.widgets import plain_label


def _read_other(path: Path, doc: ProcessDocument) -> dict:
    """The other file as exchange data (ExchangeError/FileProblem say why not, in one line)."""
    from exports.exchange import ExchangeError, read_exchange, taller_data

    if path.suffix.lower() == ".json":
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ExchangeError(_("No se pudo leer «{path}»: {detail}.", path=path.name,
                                  detail=exc.strerror or str(exc))) from None
        return read_exchange(raw)
    return taller_data(path, doc)


class CombineDialog(QDialog):
    """What merging ``path`` into the open process will do, with *Combinar* to do it."""

    def __init__(self, doc: ProcessDocument, path: Path, data: dict, preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Combinar con otro archivo"))
        self.doc, self.path, self.data = doc, path, data
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("Combinar «{name}» con este proceso.", name=path.name)))
        lines = [
            _("Filas nuevas que se agregan: {n}", n=sum(preview.inserted.values())),
            _("Filas con campos que cambiaron en el otro archivo: {n}", n=sum(preview.updated.values())),
            _("Filas que se borraron en el otro archivo y se borran aquí: {n}", n=sum(preview.deleted.values())),
            _("Filas borradas aquí que no vuelven: {n}", n=preview.skipped),
            _("Campos cambiados en ambos archivos (van a «Conflictos»): {n}", n=preview.conflicts),
        ]
        self.summary = plain_label("\n".join(lines))
        layout.addWidget(self.summary)
        note = plain_label(_("Se combina campo por campo: lo que cambió solo en un archivo se conserva; lo que cambió "
                             "en los dos queda con el valor de este equipo hasta que elija en «Conflictos». "
                             "Se puede deshacer con Editar › Deshacer."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.combine = buttons.addButton(_("Combinar"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.combine.setEnabled(preview.changes > 0 or preview.history > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    @classmethod
    def run(cls, parent: QWidget, doc: ProcessDocument, undo: UndoAdapter, folder: str = "",
            path: str | None = None) -> object | None:
        """Pick a file, preview, merge. Returns the applied plan (None when nothing was merged)."""
        from exports.exchange import ExchangeError, MergeFile, plan_merge

        if path is None:
            path = Dialogs.open_file(parent, folder, _("Procesos de Papelógrafo (*{suffix});;Copias de intercambio "
                                                      "(*.json);;Todos los archivos (*)", suffix=FILE_SUFFIX),
                                     _("Combinar con otro archivo"))
        if not path:
            return None
        try:
            data = _read_other(Path(path), doc)
            preview = plan_merge(doc, data)
        except ExchangeError as exc:
            Dialogs.error(parent, _("No se puede combinar «{name}»: {detail}", name=Path(path).name, detail=exc))
            return None
        except FileProblem as exc:
            Dialogs.error(parent, exc.message())
            return None
        dialog = cls(doc, Path(path), data, preview, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        command = MergeFile(doc, data, _("Combinar con «{name}»", name=Path(path).name))
        try:
            if not undo.run(command):
                return None
        except ExchangeError as exc:  # the file changed between the preview and the merge
            Dialogs.error(parent, _("No se puede combinar «{name}»: {detail}", name=Path(path).name, detail=exc))
            return None
        return command.plan


class ConflictsDialog(QDialog):
    """The fields both laptops changed: both values side by side, and a choice for each."""

    COLUMNS = 4

    def __init__(self, doc: ProcessDocument, undo: UndoAdapter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Conflictos"))
        self.doc, self.undo = doc, undo
        self.conflicts: list[Conflict] = []
        layout = QVBoxLayout(self)
        self.intro = plain_label("")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setAccessibleName(_("Conflictos"))
        self.table.setHorizontalHeaderLabels([_("Qué"), _("Campo"), _("Este equipo"), _("Otro equipo")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        splitter.addWidget(self.table)
        detail = QWidget()
        sides = QHBoxLayout(detail)
        sides.setContentsMargins(0, 0, 0, 0)
        self.mine_title, self.mine = plain_label(_("Este equipo")), QPlainTextEdit()
        self.theirs_title, self.theirs = plain_label(_("Otro equipo")), QPlainTextEdit()
        for title, box in ((self.mine_title, self.mine), (self.theirs_title, self.theirs)):
            box.setReadOnly(True)
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(box)
            sides.addLayout(column)
        splitter.addWidget(detail)
        splitter.setSizes([260, 160])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.keep_mine = QPushButton(_("Mantener el de este equipo"))
        self.take_theirs = QPushButton(_("Usar el del otro equipo"))
        self.keep_mine.clicked.connect(lambda: self.settle("mine"))
        self.take_theirs.clicked.connect(lambda: self.settle("theirs"))
        close = QPushButton(_("Cerrar"))
        close.clicked.connect(self.accept)
        for button in (self.keep_mine, self.take_theirs):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.signals = DocumentSignals(doc, self)
        self.signals.changed.connect(self._changed)
        self.finished.connect(lambda _r: self.signals.detach())
        self.resize(900, 560)
        self.refresh()

    def _changed(self, changes) -> None:
        shown_tables = {"merge_conflict"} | {c.table for c in self.conflicts}
        if any(change.table in shown_tables for change in changes):
            self.refresh()

    def refresh(self) -> None:
        selected = {self.conflicts[i.row()].id for i in self.table.selectionModel().selectedRows()
                    if i.row() < len(self.conflicts)}
        self.conflicts = open_conflicts(self.doc)
        n = len(self.conflicts)
        self.intro.setText(_("No hay conflictos pendientes.") if not n else ngettext(
            "{n} campo cambió en los dos equipos desde la última combinación. Por ahora vale el valor de este "
            "equipo; elija cuál conservar (se puede deshacer).",
            "{n} campos cambiaron en los dos equipos desde la última combinación. Por ahora vale el valor de este "
            "equipo; elija cuál conservar (se puede deshacer).", n))
        self.table.setRowCount(n)
        for r, c in enumerate(self.conflicts):
            what = f"{c.table_label} «{c.row_label}»" if c.row_label else _("{table} (borrado)", table=c.table_label)
            device = c.their_device or _("otro equipo")
            cells = [what, field_label(c.table, c.field), shown(c.mine, 80).replace("\n", " "),
                     shown(c.theirs, 80).replace("\n", " ")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(_("{value} (de {device})", value=text, device=device) if col == 3 else text)
                self.table.setItem(r, col, item)
            if c.id in selected:
                self.table.selectRow(r)
        if n and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self._show_selected()

    def _chosen(self) -> list[Conflict]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.conflicts[r] for r in rows if r < len(self.conflicts)]

    def _show_selected(self) -> None:
        chosen = self._chosen()
        enabled = bool(chosen) and not self.doc.readonly
        self.keep_mine.setEnabled(enabled)
        self.take_theirs.setEnabled(enabled)
        one = chosen[0] if len(chosen) == 1 else None
        self.mine.setPlainText(shown(one.mine, 100_000) if one else "")
        self.theirs.setPlainText(shown(one.theirs, 100_000) if one else "")
        device = one.their_device if one and one.their_device else _("otro equipo")
        self.theirs_title.setText(_("Otro equipo ({device})", device=device) if one else _("Otro equipo"))

    def settle(self, keep: str) -> None:
        """Resolve the selected conflicts (one undoable edit each)."""
        for conflict in self._chosen():
            try:
                command = resolve(self.doc, conflict.id, keep)
            except LookupError:
                continue  # settled meanwhile
            if not self.undo.run(command):
                break
        self.refresh()

    @classmethod
    def show_for(cls, parent: QWidget, doc: ProcessDocument, undo: UndoAdapter) -> "ConflictsDialog":
        dialog = cls(doc, undo, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


__all__ = ["CombineDialog", "ConflictsDialog"]
