"""Choose the notes and minutes entries behind a finding, from any workshop of the process.

One well-isolated piece: ``pick_sources(parent, doc, linked)`` returns the note
ids and entry ids chosen, or None when cancelled. A search field filters by
text, workshop or group (case and accents ignored); already linked sources are
shown ticked and disabled.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from facilitator.document import ProcessDocument
from facilitator.domain.tags import fold
from facilitator.i18n import _
from qtshared.widgets import plain_tooltip

NOTE, ENTRY = "note", "entry"


def sources_of(doc: ProcessDocument) -> list[dict]:
    """Every note and minutes entry of the process, with where it was said."""
    rows = doc.store.query(
        "SELECT 'note' AS kind, n.id, n.text, w.title AS workshop, w.position AS wpos, c.title AS canvas, "
        "coalesce(g.name, '') AS grp, n.votes FROM note n JOIN canvas c ON c.id = n.canvas_id "
        "JOIN workshop w ON w.id = c.workshop_id LEFT JOIN workgroup g ON g.id = n.group_id "
        "WHERE w.process_id = :p AND trim(n.text) <> '' "
        "UNION ALL SELECT 'entry', m.id, m.text, w.title, w.position, :minutes, coalesce(g.name, m.speaker), 0 "
        "FROM minutes_entry m JOIN workshop w ON w.id = m.workshop_id LEFT JOIN workgroup g ON g.id = m.group_id "
        "WHERE w.process_id = :p ORDER BY 5, 1 DESC, 6", {"p": doc.process["id"], "minutes": _("Relatoría")})
    return rows


class SourcePicker(QDialog):
    def __init__(self, doc: ProcessDocument, linked: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Vincular notas y relatoría"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Buscar por texto, taller o grupo…"))
        self.search.setAccessibleName(_("Buscar"))
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Texto"), _("Dónde"), _("Votos")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setColumnWidth(0, 430)
        self.tree.setColumnWidth(1, 220)
        self.items: list[tuple[QTreeWidgetItem, str]] = []
        for row in sources_of(doc):
            where = " · ".join(x for x in (row["workshop"], row["canvas"], row["grp"]) if x)
            item = QTreeWidgetItem([row["text"], where, str(row["votes"] or "")])
            item.setData(0, Qt.ItemDataRole.UserRole, (row["kind"], row["id"]))
            item.setToolTip(0, plain_tooltip(row["text"]))
            if row["id"] in linked:
                item.setCheckState(0, Qt.CheckState.Checked)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setCheckState(0, Qt.CheckState.Unchecked)
            self.tree.addTopLevelItem(item)
            self.items.append((item, fold(f"{row['text']} {where}")))
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Vincular"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for item, haystack in self.items:
            item.setHidden(not all(w in haystack for w in words))

    def chosen(self) -> tuple[list[str], list[str]]:
        notes, entries = [], []
        for item, _h in self.items:
            if item.flags() & Qt.ItemFlag.ItemIsEnabled and item.checkState(0) == Qt.CheckState.Checked:
                kind, rid = item.data(0, Qt.ItemDataRole.UserRole)
                (notes if kind == NOTE else entries).append(rid)
        return notes, entries


def pick_sources(parent: QWidget, doc: ProcessDocument, linked: set[str]) -> tuple[list[str], list[str]] | None:
    dialog = SourcePicker(doc, linked, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
    finally:
        dialog.deleteLater()
