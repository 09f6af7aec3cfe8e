"""The moderation queue (*Pendientes*) and the recoverable bin (*Ocultas*) of phone notes.

Accept, edit, merge and hide run the commands of ``facilitator.capture.items``
through the undo stack, so each is one undoable step, committed at once.
Every text is a phone's: shown as plain text in list items and in the editor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from ...capture import items as capture
from ...i18n import _
from ...store.db import Change
from qtshared.context import WorkshopContext
from qtshared.widgets import plain_label, plain_tooltip


class ModerationQueue(QWidget):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.zone_labels: dict[str, str] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        left = QVBoxLayout()
        self.pending_title = plain_label("", self, name="SectionTitle")
        self.pending = QListWidget(self)
        self.pending.setAccessibleName(_("Notas pendientes"))
        self.pending.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.pending.setWordWrap(True)
        self.pending.setSpacing(3)
        self.pending.setAlternatingRowColors(True)
        self.pending.itemSelectionChanged.connect(self._selected)
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName(_("Texto de la nota seleccionada"))
        self.editor.setPlaceholderText(_("Seleccione una nota para corregir su texto antes de aceptarla."))
        self.editor.setMaximumHeight(70)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(_("Aceptar"), self)
        self.accept_button.setToolTip(_("Pasa las notas seleccionadas al tablero (Intro)"))
        self.save_button = QPushButton(_("Guardar texto"), self)
        self.merge_button = QPushButton(_("Unir"), self)
        self.merge_button.setToolTip(_("Une las notas seleccionadas en una sola nota del tablero"))
        self.hide_button = QPushButton(_("Ocultar"), self)
        self.hide_button.setToolTip(_("Las notas ocultas van a la papelera y se pueden recuperar"))
        for b, slot in ((self.accept_button, self.accept), (self.save_button, self.save_text),
                        (self.merge_button, self.merge), (self.hide_button, self.hide)):
            b.clicked.connect(slot)
            buttons.addWidget(b)
        left.addWidget(self.pending_title)
        left.addWidget(self.pending, 1)
        left.addWidget(self.editor)
        left.addLayout(buttons)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        self.bin_title = plain_label("", self, name="SectionTitle")
        self.bin = QListWidget(self)
        self.bin.setAccessibleName(_("Notas ocultas"))
        self.bin.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.bin.setWordWrap(True)
        self.bin.setSpacing(3)
        self.bin.setAlternatingRowColors(True)
        self.restore_button = QPushButton(_("Recuperar"), self)
        self.restore_button.setToolTip(_("Devuelve las notas ocultas seleccionadas a «pendientes»"))
        self.restore_button.clicked.connect(self.restore)
        right.addWidget(self.bin_title)
        right.addWidget(self.bin, 1)
        right.addWidget(self.restore_button)
        layout.addLayout(right, 2)
        ctx.signals.changed.connect(self._changed)
        self.reload()

    # -- lists ------------------------------------------------------------------------
    def _line(self, row: dict[str, Any]) -> str:
        where = [w for w in (row.get("group_name") or _("Toda la sala"), self.zone_labels.get(row["zone"], "")) if w]
        return f"{' · '.join(where)}\n{row['text']}"

    def _fill(self, widget: QListWidget, rows: list[dict[str, Any]]) -> None:
        chosen = {i.data(Qt.ItemDataRole.UserRole) for i in widget.selectedItems()}
        widget.blockSignals(True)
        widget.clear()
        for row in rows:
            item = QListWidgetItem(self._line(row))  # QListWidgetItem text is plain text
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            item.setToolTip(plain_tooltip(row["text"]))
            widget.addItem(item)
            item.setSelected(row["id"] in chosen)
        widget.blockSignals(False)

    def reload(self) -> None:
        doc, wid = self.ctx.doc, self.ctx.workshop_id
        self.zone_labels = {}
        for canvas in doc.canvases(wid):
            for z in canvas["zones"] if isinstance(canvas["zones"], list) else []:
                if isinstance(z, dict) and z.get("key"):
                    self.zone_labels[z["key"]] = str(z.get("label") or z["key"])
        pending = capture.workshop_items(doc, wid, ["pending"])
        hidden = capture.workshop_items(doc, wid, ["hidden"])
        self._fill(self.pending, pending)
        self._fill(self.bin, hidden)
        self.pending_title.setText(_("Pendientes ({n})", n=len(pending)))
        self.bin_title.setText(_("Ocultas ({n})", n=len(hidden)))
        self._selected()

    def _changed(self, changes: list[Change]) -> None:
        if any(c.table in ("capture_item", "capture_session", "workgroup") for c in changes):
            self.reload()

    def _ids(self, widget: QListWidget) -> list[str]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in widget.selectedItems()]

    def _selected(self) -> None:
        ids = self._ids(self.pending)
        readonly = self.ctx.doc.readonly
        self.accept_button.setEnabled(bool(ids) and not readonly)
        self.hide_button.setEnabled(bool(ids) and not readonly)
        self.merge_button.setEnabled(len(ids) >= 2 and not readonly)
        self.save_button.setEnabled(len(ids) == 1 and not readonly)
        self.editor.setEnabled(len(ids) == 1 and not readonly)
        row = self.ctx.doc.store.get("capture_item", ids[0]) if len(ids) == 1 else None
        self.editor.setPlainText(row["text"] if row else "")
        self.restore_button.setEnabled(not readonly)

    # -- actions ------------------------------------------------------------------------
    def _run(self, command) -> bool:
        return self.ctx.undo.run(command)

    def accept(self) -> None:
        self._run(capture.accept(self.ctx.doc, self._ids(self.pending)))

    def hide(self) -> None:
        self._run(capture.hide(self.ctx.doc, self._ids(self.pending)))

    def restore(self) -> None:
        self._run(capture.restore(self.ctx.doc, self._ids(self.bin)))

    def merge(self) -> None:
        self._run(capture.merge(self.ctx.doc, self._ids(self.pending)))

    def save_text(self) -> None:
        ids = self._ids(self.pending)
        if len(ids) != 1:
            return
        try:
            command = capture.edit_item(self.ctx.doc, ids[0], self.editor.toPlainText())
        except capture.CaptureProblem as exc:
            from qtshared.dialogs import Dialogs

            Dialogs.error(self, str(exc))
            return
        self._run(command)

    def shutdown(self) -> None:
        self.ctx.signals.changed.disconnect(self._changed)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pending.hasFocus():
            self.accept()
            return
        super().keyPressEvent(event)
