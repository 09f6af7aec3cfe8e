"""The shared model pieces: ``tolerant_data``, the safety net under every model's ``data()``."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


def test_a_cell_that_cannot_be_read_shows_as_invalid(qtbot):
    """The safety net under every model: an exception in data() becomes ⚠, not a crash through Qt's C++."""
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtWidgets import QTableView

    from qtshared.row_sync import INVALID_MARK, tolerant_data

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 2

        def columnCount(self, parent=QModelIndex()):
            return 1

        @tolerant_data
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if index.row() == 1 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return str(int("ten"))  # a stored value that is not what the column says
            return "30" if role == Qt.ItemDataRole.DisplayRole else None

    model = Model()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(proxy)
    table.show()
    proxy.sort(0)
    table.grab()
    assert {proxy.index(r, 0).data() for r in range(2)} == {"30", INVALID_MARK}
    assert "no se puede leer" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
