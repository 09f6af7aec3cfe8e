"""Shared pieces of the table models that project store rows."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex


def sync_rows(model: QAbstractItemModel, old: list[str], new: list[str], load: Callable[[], None],
              columns: int) -> None:
    """Reload a row-per-id model with the least disturbance to its views.

    Typing adds rows at the end and a delete removes one: those become row
    inserts/removals, so selections and open editors survive. Anything else is a
    layout change that keeps persistent indexes on their rows (by id).
    ``load`` refills ``model.rows`` (dicts with an "id") from the store.
    """
    if new == old:
        load()
        if new:
            model.dataChanged.emit(model.index(0, 0), model.index(len(new) - 1, columns - 1))
    elif new[:len(old)] == old:
        model.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
        load()
        model.endInsertRows()
        if old:
            model.dataChanged.emit(model.index(0, 0), model.index(len(old) - 1, columns - 1))
    elif len(new) == len(old) - 1 and [i for i in old if i in new] == new:
        gone = next(i for i, rid in enumerate(old) if rid not in new)
        model.beginRemoveRows(QModelIndex(), gone, gone)
        load()
        model.endRemoveRows()
    else:
        model.layoutAboutToBeChanged.emit()
        persistent = model.persistentIndexList()
        ids = [old[i.row()] if 0 <= i.row() < len(old) else None for i in persistent]
        load()
        where = {rid: n for n, rid in enumerate(new)}
        model.changePersistentIndexList(
            persistent, [model.index(where[i], p.column()) if i in where else QModelIndex()
                         for i, p in zip(ids, persistent)])
        model.layoutChanged.emit()
