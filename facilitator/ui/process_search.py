"""*Buscar en el proceso* (Ctrl+Shift+F): find a note, a minutes entry or an initiative anywhere in the process.

A small window over the process: typing searches (``facilitator.search``, SQLite FTS5
through sqlite-utils) as the words are typed; ↓/↑ move through the hits, Enter or a
double click jumps to the hit — its workshop, its tab, its canvas, the item selected —
and closes the window; Esc closes it. Each hit says where it lives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..i18n import _, N_, ngettext
from ..search import Hit, ProcessIndex
from qtshared.notes_picker import elided
from qtshared.widgets import plain_label, plain_tooltip

if TYPE_CHECKING:
    from .process_view import ProcessView

SOURCES = {"note": N_("Nota"), "minutes": N_("Relatoría"), "initiative": N_("Iniciativa")}
TYPING_MS = 120  # search once the typing pauses this long


class SearchBox(QLineEdit):
    """The query field: ↓/↑ and Enter act on the hit list below it."""

    def __init__(self, results: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
            self.results.setCurrentRow(row)
            return
        super().keyPressEvent(event)


class ProcessSearch(QDialog):
    def __init__(self, view: "ProcessView") -> None:
        super().__init__(view)
        self.view = view
        self.index = ProcessIndex(view.doc)
        self.setWindowTitle(_("Buscar en el proceso"))
        self.resize(640, 460)
        col = QVBoxLayout(self)
        self.results = QListWidget()
        self.results.setAccessibleName(_("Resultados de la búsqueda"))
        self.results.setWordWrap(True)
        self.results.setSpacing(2)
        self.box = SearchBox(self.results)
        self.box.setPlaceholderText(_("Buscar en notas, relatoría e iniciativas…"))
        self.box.setAccessibleName(_("Buscar en el proceso"))
        self.box.setClearButtonEnabled(True)
        col.addWidget(self.box)
        col.addWidget(self.results, 1)
        self.status = plain_label("", name="Muted")
        col.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_MS)
        self.timer.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _t: self.timer.start())
        self.box.returnPressed.connect(self.jump)
        self.results.itemActivated.connect(lambda _item: self.jump())
        view.signals.changed.connect(self._file_changed)

    def _file_changed(self, _changes) -> None:
        self.index.invalidate()  # rebuilt at the next search

    def start(self, text: str = "") -> None:
        """Show the window with the query field ready (its last text selected)."""
        if text:
            self.box.setText(text)
        self.box.selectAll()
        self.show()
        self.raise_()
        self.activateWindow()
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def run(self) -> list[Hit]:
        """Search now for what is typed and list the hits."""
        self.timer.stop()
        text = self.box.text()
        hits = self.index.search(text)
        self.results.clear()
        for hit in hits:
            where = " · ".join(x for x in (hit.workshop_title, hit.canvas_title) if x)
            item = QListWidgetItem(f"{elided(hit.text, 140)}\n{_(SOURCES[hit.source])} · {where}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            item.setToolTip(plain_tooltip(f"{hit.text}\n{where}"))
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        self.status.setText("" if not text.strip() else
                            _("Sin resultados.") if not hits else
                            ngettext("{n} resultado", "{n} resultados", len(hits)))
        return hits

    def jump(self) -> bool:
        """Go to the chosen hit (the first one if none is chosen) and close."""
        if self.timer.isActive():
            self.run()
        item = self.results.currentItem() or self.results.item(0)
        if item is None:
            return False
        self.view.jump_to(item.data(Qt.ItemDataRole.UserRole))
        self.hide()
        return True

    def shutdown(self) -> None:
        self.timer.stop()
        self.view.signals.changed.disconnect(self._file_changed)
