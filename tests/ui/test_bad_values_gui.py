"""A file holding bad values opens, and every tab and list shows it without an exception.

Before, zones ``'[1]'`` raised a TypeError inside the agenda model's ``data()``
(a crash of the whole app under PySide), and ``minutes: "ten"`` stopped the
window from opening.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex,
                            QSortFilterProxyModel, Qt)
from PySide6.QtWidgets import QAbstractItemView, QApplication

from facilitator.settings import Settings
from facilitator.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exports"))
from export_samples import build_methods, build_rich, corrupt  # noqa: E402

ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
         Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
         Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.AccessibleTextRole,
         Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2]


def columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model keeps it private: one column
        return 1


def walk(model, parent=QModelIndex(), depth=0) -> int:
    seen = 0
    for row in range(model.rowCount(parent)):
        for col in range(max(1, columns(model, parent))):
            index = model.index(row, col, parent)
            for role in ROLES:
                model.data(index, role)
            model.flags(index)
            seen += 1
        first = model.index(row, 0, parent)
        if depth < 3 and isinstance(model, QAbstractItemModel) and not isinstance(
                model, (QAbstractTableModel, QAbstractListModel, QSortFilterProxyModel)) and model.rowCount(first):
            seen += walk(model, first, depth + 1)
    for col in range(columns(model, parent)):
        model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return seen


def test_a_damaged_file_opens_and_every_view_reads_it(qtbot, doc, errors):
    build_rich(doc)
    build_methods(doc)
    corrupt(doc)
    path = doc.path
    doc.close()
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert window.open_path(path)
    view = window.view
    cells = 0
    for row in range(view.list.count()):
        view.list.setCurrentRow(row)
        QApplication.processEvents()
        tabs = view.workshop_view()
        for tab in range(tabs.count()):
            tabs.setCurrentIndex(tab)
            QApplication.processEvents()
            window.grab()  # paint it
            for item_view in tabs.widget(tab).findChildren(QAbstractItemView):
                if item_view.model() is not None:
                    cells += walk(item_view.model())
    assert cells > 100
    from facilitator.ui.agenda import AgendaEditor

    agenda = next(w for w in window.findChildren(AgendaEditor) if any(
        "minutes" in r.get("invalid", ()) for r in w.model.rows))
    row = next(i for i, r in enumerate(agenda.model.rows) if "minutes" in r.get("invalid", ()))
    assert agenda.model.index(row, 2).data() == "⚠"  # "ten" minutes: shown as invalid, counted as 0
    from facilitator.ui.export_dialog import ExportDialog

    export = ExportDialog(window.doc, window.view.undo, window)  # it shows the 30000² logo's size, never its pixels
    qtbot.addWidget(export)
    export.show()
    export.grab()
    assert errors == []
    window.close_document()

