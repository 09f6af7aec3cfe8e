"""Editing a planning matrix's strategic axes: add, rename, reorder, remove.

Removing an axis that has initiatives asks (``Ask``) whether they move to «Sin eje» or go too.
"""

from __future__ import annotations

from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from facilitator import planning as P
from facilitator.i18n import _, ngettext
from facilitator.store.db import Change
from qtshared.context import WorkshopContext
from qtshared.widgets import plain_label


class Ask:
    """Questions to the user, behind classmethods that tests replace (like ``Dialogs``)."""

    @classmethod
    def remove_axis(cls, parent: QWidget | None, name: str, count: int) -> str | None:
        """What to do with an axis's initiatives: "move" to Sin eje, "delete", or None to keep the axis."""
        box = QtWidgets.QMessageBox(parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(_("Papelógrafo"))
        box.setText(ngettext("El eje «{name}» tiene {n} iniciativa. ¿Qué hacemos con ella?",
                             "El eje «{name}» tiene {n} iniciativas. ¿Qué hacemos con ellas?", count, name=name))
        move = box.addButton(_("Dejarlas «Sin eje»"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        delete = box.addButton(_("Eliminarlas"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Cancelar"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.exec()
        box.deleteLater()
        return {move: "move", delete: "delete"}.get(box.clickedButton())


# -- axes ---------------------------------------------------------------------------------------------------
class AxesDialog(QDialog):
    """The matrix's strategic axes: add, rename (double-click or F2), reorder, remove. Each change is one undo step."""

    def __init__(self, ctx: WorkshopContext, canvas_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.canvas_id = ctx, canvas_id
        self.setWindowTitle(_("Ejes estratégicos"))
        self.resize(560, 420)
        col = QVBoxLayout(self)
        col.addWidget(plain_label(_("Los ejes de la política que organizan la matriz (uno por papelógrafo). Doble "
                                    "clic o F2 para renombrar."), wrap=True, name="Muted"))
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName(_("Ejes estratégicos"))
        self.list.itemChanged.connect(self._renamed)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.up_button = QPushButton(_("Subir"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(_("Bajar"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button = QPushButton(_("Quitar…"))
        self.remove_button.clicked.connect(self.remove)
        for b in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        col.addLayout(row, 1)
        add = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(_("Nombre del nuevo eje"))
        self.new_name.setAccessibleName(_("Nombre del nuevo eje"))
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton(_("Agregar eje"))
        self.add_button.clicked.connect(self.add)
        add.addWidget(self.new_name, 1)
        add.addWidget(self.add_button)
        col.addLayout(add)
        self.message = plain_label("", wrap=True)
        self.message.setStyleSheet("color: #B3261E;")
        col.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Cerrar"))
        close.rejected.connect(self.reject)
        col.addWidget(close)
        ctx.signals.changed.connect(self._changed)
        self.finished.connect(lambda _r: self.ctx.signals.changed.disconnect(self._changed))
        self.refresh()

    def keys(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def refresh(self) -> None:
        current = self.current_key()
        self.list.blockSignals(True)
        self.list.clear()
        for axis in P.axes(self.ctx.doc, self.canvas_id):
            item = QListWidgetItem(axis["label"])
            item.setData(Qt.ItemDataRole.UserRole, axis["key"])
            item.setToolTip(ngettext("{n} iniciativa", "{n} iniciativas", P.axis_size(self.ctx.doc, self.canvas_id, axis["key"])))
            if not self.ctx.doc.readonly:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = self.keys()
        self.list.setCurrentRow(keys.index(current) if current in keys else (0 if keys else -1))

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _run(self, build) -> bool:
        try:
            command = build()
        except ValueError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText("")
        return command is not None and self.ctx.undo.run(command)

    def add(self) -> str | None:
        holder: dict[str, Any] = {}

        def build():
            holder["command"] = P.add_axis(self.ctx.doc, self.canvas_id, self.new_name.text())
            return holder["command"]

        if not self._run(build):
            return None
        self.new_name.clear()
        key = holder["command"].key
        self.list.setCurrentRow(self.keys().index(key))
        return key

    def _renamed(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if not self._run(lambda: P.rename_axis(self.ctx.doc, self.canvas_id, key, item.text())):
            QTimer.singleShot(0, self.refresh)  # put the stored name back

    def move(self, delta: int) -> None:
        key = self.current_key()
        if key:
            self._run(lambda: P.move_axis(self.ctx.doc, self.canvas_id, key, delta))

    def remove(self) -> None:
        key = self.current_key()
        if not key:
            return
        count = P.axis_size(self.ctx.doc, self.canvas_id, key)
        what = "move"
        if count:
            what = Ask.remove_axis(self, P.axis_label(P.axes(self.ctx.doc, self.canvas_id), key), count)
            if what is None:
                return
        self._run(lambda: P.remove_axis(self.ctx.doc, self.canvas_id, key, initiatives_to=what))

    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & {"canvas", "initiative"}:
            self.refresh()
