"""The sheet's model: rows of one table as cells; edits, pastes and clears as the kind's commands."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from facilitator import tsv
from facilitator.cells import YES_NO_LABELS, CellError, Column, read, yes_no_label
from facilitator.commands import Command, Macro
from facilitator.i18n import _, ngettext
from facilitator.store.db import Change
from ..context import WorkshopContext
from ..row_sync import sync_rows, tolerant_data
from ..widgets import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
SECTION = "_section"  # key of a section row's title
MAX_LINES = 6  # a row grows to fit its text up to this many lines; the tooltip has the rest
CELL_PADDING = 8  # pixels above and below a cell's text
SECTION_BG = "#E4ECEF"
EDITING_BORDER = "#1F6F8B"  # the cell being typed in, as spreadsheets mark it
MAX_REPORTED = 3  # problems listed in a refused paste


# -- the model ----------------------------------------------------------------------------------
class RowTableModel(QAbstractTableModel):
    """Rows of ``table`` (dicts with an ``id``) as a spreadsheet; edits become undoable commands.

    Subclasses implement ``load`` (the rows to show, in order, optionally with section
    rows), ``defaults`` (the values a new row needs, e.g. its canvas), and ask their
    kind's domain functions for the commands: ``edit_command`` (values of one row) and
    ``insert_commands`` (new rows) — the model never builds row commands by table name,
    so the functions the tests call are the ones the app runs. They may override
    ``choices`` (choice columns whose options come from the file) and ``paste_targets``
    (which rows a pasted block writes to). Values are read by ``facilitator.cells``.
    """

    message = Signal(str)  # a refused edit, in the user's language

    def __init__(self, ctx: WorkshopContext, table: str, columns: Sequence[Column], *,
                 watch: Iterable[str] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.table, self.columns = ctx, table, list(columns)
        self.watch = {table, *watch}
        self.rows: list[dict[str, Any]] = []
        self._numbered: list[dict[str, Any]] | None = None
        self._numbers: list[int] = []
        self.rows = self.load()
        ctx.signals.changed.connect(self._changed)

    # -- hooks ---------------------------------------------------------------------------
    def load(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def defaults(self, anchor: int) -> dict[str, Any]:
        """Values for a row created next to view row ``anchor`` (-1: none); e.g. its canvas."""
        raise NotImplementedError

    def edit_command(self, row: dict[str, Any], values: dict[str, Any]) -> Command | None:
        """The domain's command setting ``values`` (already read) on ``row``; None when nothing changes."""
        raise NotImplementedError

    def insert_commands(self, anchor: int, values: list[dict[str, Any]]) -> list[Command]:
        """The domain's commands adding rows (one per dict of values) next to view row ``anchor``, in order."""
        raise NotImplementedError

    def choices(self, column: Column) -> list[tuple[Any, str]]:
        """(key, label shown) of a choice or yes/no column, in the language of the UI."""
        if column.kind == "yesno":
            return [(k, _(label)) for k, label in YES_NO_LABELS.items()]
        return [(k, _(label)) for k, label in (column.choices or {}).items()]

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.field)
        if column.kind == "yesno":
            return yes_no_label(value)
        if column.kind == "choice":
            return next((label for k, label in self.choices(column) if k == value), "" if value is None else str(value))
        return "" if value is None else str(value)

    # -- following the file ----------------------------------------------------------------
    def _changed(self, changes: list[Change]) -> None:
        if {c.table for c in changes} & self.watch:
            self.refresh()

    def refresh(self) -> None:
        """Reload; only rows whose values changed are repainted (and re-measured by the view)."""
        old = self.rows
        new = self.load()
        old_ids, new_ids = [r["id"] for r in old], [r["id"] for r in new]
        if old_ids != new_ids:
            sync_rows(self, old_ids, new_ids, lambda: setattr(self, "rows", new), len(self.columns))
            return
        self.rows = new
        last = len(self.columns) - 1
        run_start = None
        for n, (a, b) in enumerate(zip(old, new)):
            if a != b and run_start is None:
                run_start = n
            elif a == b and run_start is not None:
                self.dataChanged.emit(self.index(run_start, 0), self.index(n - 1, last))
                run_start = None
        if run_start is not None:
            self.dataChanged.emit(self.index(run_start, 0), self.index(len(new) - 1, last))

    def detach(self) -> None:
        self.ctx.signals.changed.disconnect(self._changed)

    # -- rows ----------------------------------------------------------------------------------
    def is_section(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and SECTION in self.rows[row]

    def row_id(self, row: int) -> str | None:
        """The store id of a data row (None for a section row or out of range)."""
        return None if not 0 <= row < len(self.rows) or SECTION in self.rows[row] else self.rows[row]["id"]

    def row_of(self, row_id: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r["id"] == row_id), -1)

    def column_of(self, field_name: str) -> int:
        return next((n for n, c in enumerate(self.columns) if c.field == field_name), -1)

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return _(column.title)
            if role == Qt.ItemDataRole.ToolTipRole and column.tip:
                return _(column.tip)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.rows):
            return "" if SECTION in self.rows[section] else str(self.data_number(section))
        return None

    def data_number(self, row: int) -> int:
        """1-based number of a data row among the data rows (what the vertical header shows)."""
        if self._numbered is not self.rows:  # counted once per reload, not once per header paint
            count, self._numbers = 0, []
            for r in self.rows:
                count += SECTION not in r
                self._numbers.append(count)
            self._numbered = self.rows
        return self._numbers[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.is_section(index.row()) and self.columns[index.column()].editable and not self.ctx.doc.readonly:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    @tolerant_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if SECTION in row:
            return self.section_data(row, index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            value = row.get(column.field)
            return value if column.kind in ("yesno", "choice") else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.display(row, column)
            return plain_tooltip(text) if len(text) > 60 or "\n" in text else (_(column.tip) if column.tip else None)
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return self.extra(row, column, role)

    def extra(self, row: dict[str, Any], column: Column, role: int) -> Any:
        """Colours and fonts of data cells; subclasses add theirs."""
        return None

    def section_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row[SECTION] if column == 0 else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(SECTION_BG)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt)
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.row_id(index.row()) is None:
            return False
        try:
            command = self.cell_command(index.row(), index.column(), value)
        except CellError as exc:
            self.message.emit(str(exc))
            return False
        return self.run(command)

    def run(self, command: Command | None) -> bool:
        if command is None:
            return False
        if self.ctx.doc.readonly:
            self.message.emit(_("El archivo está abierto solo para lectura: no se guardan cambios."))
            return False
        return self.ctx.undo.run(command)

    # -- edits as commands -----------------------------------------------------------------------
    def value(self, column: Column, raw: Any) -> Any:
        """What is stored for ``raw`` (typed text, pasted text or an editor's key); CellError if invalid."""
        return read(column, raw, self.choices(column) if column.kind == "choice" else ())

    def cell_command(self, row: int, col: int, raw: Any) -> Command | None:
        """One cell changed; None when the value is the same. CellError says what is wrong."""
        column = self.columns[col]
        target = self.rows[row]
        value = self.value(column, raw)
        if target.get(column.field) == value:
            return None
        return self.edit_command(target, {column.field: value})

    def paste_targets(self, top: int, count: int) -> list[dict[str, Any] | None]:
        """The rows a pasted block of ``count`` rows writes to from view row ``top``; None = a new row."""
        rows = [r for r in self.rows[max(top, 0):] if SECTION not in r][:count]
        return rows + [None] * (count - len(rows))

    def section_paste_column(self, width: int) -> int:
        """Where a block ``width`` columns wide pasted on a section row starts (the first column here).

        A heading spans its row, so the cursor's column on it means nothing; models
        whose first column is structure (the planning axis) start narrower blocks further right.
        """
        return 0

    def paste_command(self, top: int, left: int, grid: Sequence[Sequence[str]]) -> Command | None:
        """A pasted block at (``top``, ``left``) as one command; CellError says why it does not fit.

        Rows past the last one are added; blank lines there are skipped (spreadsheets copy
        empty rows between filled ones). Columns that are not editable are left as they
        are, and so are required ones pasted blank (a new row takes its default, e.g. the
        monitoring status "Sin iniciar"). Nothing is pasted if any cell is invalid.
        """
        grid = tsv.rectangular(grid)
        if not grid or not grid[0]:
            return None
        width = len(grid[0])
        if left + width > len(self.columns):
            fit = len(self.columns) - left
            raise CellError(ngettext("Lo copiado tiene {n} columna, pero desde «{column}» caben {fit}. No se pegó nada.",
                                     "Lo copiado tiene {n} columnas, pero desde «{column}» caben {fit}. No se pegó nada.",
                                     width, column=_(self.columns[left].title), fit=fit))
        problems: list[str] = []
        updates: list[tuple[dict[str, Any], dict[str, Any]]] = []
        new_rows: list[dict[str, Any]] = []
        for n, (cells, target) in enumerate(zip(grid, self.paste_targets(top, len(grid)))):
            if target is None and not any(str(c).strip() for c in cells):
                continue
            values: dict[str, Any] = {}
            for j, text in enumerate(cells):
                column = self.columns[left + j]
                if not column.editable or column.required and not str(text).strip():
                    continue
                try:
                    values[column.field] = self.value(column, text)
                except CellError as exc:
                    problems.append(_("fila {row}, «{column}»: {problem}", row=n + 1, column=_(column.title),
                                      problem=str(exc).rstrip(". ")))
            if target is None:
                new_rows.append(values)
                continue
            changed = {f: v for f, v in values.items() if target.get(f) != v}
            if changed:
                updates.append((target, changed))
        if problems:
            more = len(problems) - MAX_REPORTED
            listed = "; ".join(problems[:MAX_REPORTED]) + (ngettext(" … y {n} más", " … y {n} más", more)
                                                           if more > 0 else "")
            raise CellError(_("No se pegó nada: {problems}.", problems=listed))
        commands = self.paste_commands(top, updates, new_rows)
        if not commands:
            return None
        cells = len(grid) * width
        return Macro(commands, ngettext("Pegar", "Pegar {n} celdas", cells))

    def paste_commands(self, top: int, updates: list[tuple[dict[str, Any], dict[str, Any]]],
                       new_rows: list[dict[str, Any]]) -> list[Command]:
        """A checked paste as commands: ``updates`` are (row, changed values), ``new_rows`` rows to add."""
        changes = [c for c in (self.edit_command(row, changed) for row, changed in updates) if c is not None]
        return changes + (self.insert_commands(top, new_rows) if new_rows else [])

    def clear_command(self, indexes: Iterable[Index]) -> Command | None:
        """Empty the given cells (section rows, read-only and required columns stay) as one step."""
        by_row: dict[str, dict[str, Any]] = {}
        for index in indexes:
            row_id = self.row_id(index.row())
            column = self.columns[index.column()]
            if row_id is None or not column.editable or column.required:
                continue
            blank = self.value(column, None if column.kind == "yesno" else "")
            if self.rows[index.row()].get(column.field) != blank:
                by_row.setdefault(row_id, {})[column.field] = blank
        if not by_row:
            return None
        rows = {r["id"]: r for r in self.rows if SECTION not in r}
        commands = [c for c in (self.edit_command(rows[rid], changes) for rid, changes in by_row.items())
                    if c is not None]
        return Macro(commands, _("Borrar contenido de celdas")) if commands else None

    def block(self, top: int, left: int, bottom: int, right: int) -> list[list[str]]:
        """The text of a range as a spreadsheet would copy it (section rows left out)."""
        return [[self.display(self.rows[r], self.columns[c]) for c in range(left, right + 1)]
                for r in range(top, bottom + 1) if SECTION not in self.rows[r]]
