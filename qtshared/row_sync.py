"""Shared pieces of the table models that project store rows."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex


def sync_rows(model: QAbstractItemModel, old: list[str], new: list[str], load: Callable[[], None],
              columns: int, changed: list[int] | None = None) -> None:
    """Reload a row-per-id model with the least disturbance to its views.

    Typing adds rows at the end and a delete removes one: those become row
    inserts/removals, so selections and open editors survive. Anything else is a
    layout change that keeps persistent indexes on their rows (by id).
    ``load`` refills ``model.rows`` (dicts with an "id") from the store.
    ``changed``, when the caller knows it, lists the kept rows whose content
    changed: only those are announced (else every kept row is).
    """
    if new == old:
        load()
        _announce(model, len(new), columns, changed)
    elif new[:len(old)] == old:
        model.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
        load()
        model.endInsertRows()
        _announce(model, len(old), columns, changed)
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


INVALID_MARK = "⚠"


def invalid_text() -> str:
    from facilitator.i18n import _

    return _("El archivo guarda aquí un valor que no se puede leer; corríjalo o bórrelo.")


def tolerant_data(data: Callable) -> Callable:
    """Wrap a model's ``data()`` so a value it cannot read shows as invalid instead of raising.

    An exception inside ``data()`` crosses Qt's C++ (a view or a proxy calls it) and
    takes the whole app down. A file can hold anything (an older import, another
    tool, a crafted copy), so a cell that cannot be read shows ``⚠`` with a tooltip
    saying why, and everything else goes on.
    """
    import functools

    from PySide6.QtCore import Qt

    @functools.wraps(data)
    def wrapper(self, index, role=Qt.ItemDataRole.DisplayRole):
        try:
            return data(self, index, role)
        except Exception:  # noqa: BLE001 - nothing may escape into Qt's C++
            if role == Qt.ItemDataRole.DisplayRole:
                return INVALID_MARK
            if role == Qt.ItemDataRole.ToolTipRole:
                return invalid_text()
            return None

    return wrapper


def _announce(model: QAbstractItemModel, count: int, columns: int, changed: list[int] | None) -> None:
    """dataChanged for rows ``changed`` (runs of them), or for all ``count`` rows when unknown."""
    if changed is None:
        if count:
            model.dataChanged.emit(model.index(0, 0), model.index(count - 1, columns - 1))
        return
    rows = sorted(r for r in changed if r < count)
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or rows[k] != rows[k - 1] + 1:
            if rows:
                model.dataChanged.emit(model.index(rows[start], 0), model.index(rows[k - 1], columns - 1))
            start = k
