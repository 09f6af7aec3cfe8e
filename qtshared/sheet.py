"""Spreadsheet-like tables over store rows: the matrices facilitators fill as they would in Excel.

Facilitators type the planning and monitoring matrices like a spreadsheet: arrows
move, typing replaces a cell, Enter/F2 edit, Enter commits and moves down, Tab
moves right, Delete clears, and ranges copy to and paste from Excel or LibreOffice
(``facilitator.tsv``). Every change is a command run through ``ctx.undo``: a cell
edit is one undo step, and so is a whole paste or clear, however many cells.

Two pieces:

* ``RowTableModel`` projects rows of one store table through a list of ``Column``
  specs (field, Spanish header, kind: text / yesno / date / choice). Subclasses say
  which rows to show (``load``) and what a new row needs (``defaults``); it follows
  ``ctx.signals.changed`` and turns edits, pastes and clears into commands. Rows may
  be interleaved with *section* rows (``{"id": ..., SECTION: "title"}``), shown as a
  spanning heading (e.g. one per strategic axis) and never edited, copied or pasted over.
* ``SheetView`` is the ``QTableView`` with the keyboard and clipboard behaviour, word
  wrap with rows that grow to fit (up to ``MAX_LINES``), and inline messages for
  pastes that do not fit (its ``message`` signal; the panel shows the text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QEvent, QItemSelection, QItemSelectionModel,
                            QMimeData, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer, Signal)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QComboBox, QHeaderView, QLineEdit,
                               QPlainTextEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView,
                               QWidget)

from facilitator import tsv
from facilitator.commands import Command, InsertRow, Macro, UpdateRow
from facilitator.domain.tags import fold, resolve
from facilitator.i18n import N_, _
from facilitator.record import normalise_due
from facilitator.store.db import Change
from .context import WorkshopContext
from .row_sync import sync_rows
from .widgets import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
SECTION = "_section"  # key of a section row's title
MAX_LINES = 6  # a row grows to fit its text up to this many lines; the tooltip has the rest
CELL_PADDING = 8  # pixels above and below a cell's text
SECTION_BG = "#E4ECEF"
EDITING_BORDER = "#1F6F8B"  # the cell being typed in, as spreadsheets mark it
MAX_REPORTED = 3  # problems listed in a refused paste

YES_NO_LABELS: dict[Any, str] = {1: N_("Sí"), 0: N_("No"), None: N_("Sin definir")}
_YES = {"si", "s", "yes", "y", "true", "verdadero", "1", "x"}
_NO = {"no", "n", "false", "falso", "0"}
_UNDECIDED = {"", "sin definir", "nd", "n a", "no sabe"}


# -- columns and cell values ------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """One column: the field it shows, its header (Spanish source, through ``N_``) and its kind.

    ``kind``: ``text`` (free text, may hold line breaks), ``yesno`` (1 / 0 / NULL shown
    Sí / No / blank), ``date`` (day/month/year or ISO becomes ISO; other wording such as
    "2º semestre" is kept), ``choice`` (one of ``choices``: key → Spanish label, or the
    model's ``choices(column)`` when they come from the file). ``required`` columns are
    skipped by Delete and by a blank pasted cell: a row keeps its value, a new row takes
    the model's default (``defaults``). ``parse`` replaces the kind's reading of typed
    text (raise ValueError with the message to show).
    """

    field: str
    title: str
    kind: str = "text"
    width: int = 160
    tip: str = ""
    editable: bool = True
    required: bool = False
    choices: Mapping[Any, str] | None = None
    parse: Callable[[Any], Any] | None = field(default=None, compare=False)


def parse_yes_no(value: Any) -> int | None:
    """1, 0 or None from what people type or paste: Sí/No/x/✓/true/1, blank or "sin definir"."""
    if value is None or isinstance(value, (bool, int)):
        return None if value is None else int(bool(value))
    text = str(value).strip()
    if text in ("✓", "✔", "☑"):
        return 1
    if text in ("✗", "✘", "☐"):
        return 0
    folded = fold(text)
    if folded in _YES:
        return 1
    if folded in _NO:
        return 0
    if folded in _UNDECIDED or fold(_("Sin definir")) == folded:
        return None
    if folded == fold(_("Sí")):
        return 1
    raise ValueError(_("«{value}» no es Sí ni No (se acepta Sí, No o vacío).", value=text))


def parse_choice(value: Any, choices: Sequence[tuple[Any, str]], required: bool) -> Any:
    """The key of a choice named by its key or its label (accents and case do not matter)."""
    keys = [k for k, _label in choices]
    if value in keys:
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise ValueError(_("No puede quedar vacío."))
        blank = next((k for k in keys if not k), "")
        return blank
    found = resolve(text, {str(k): [label] for k, label in choices})
    if found.key is not None:
        return next(k for k in keys if str(k) == found.key)
    names = ", ".join(f"«{label}»" for _k, label in choices if label)
    raise ValueError(_("«{value}» no es una opción de esta columna ({names}).", value=text, names=names))


# -- the model ----------------------------------------------------------------------------------
class RowTableModel(QAbstractTableModel):
    """Rows of ``table`` (dicts with an ``id``) as a spreadsheet; edits become undoable commands.

    Subclasses implement ``load`` (the rows to show, in order, optionally with section
    rows) and ``defaults`` (the values a new row needs, e.g. its canvas). They may
    override ``choices`` (choice columns whose options come from the file),
    ``paste_targets`` (which rows a pasted block writes to) and ``insert_commands``.
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

    def choices(self, column: Column) -> list[tuple[Any, str]]:
        """(key, label shown) of a choice or yes/no column, in the language of the UI."""
        if column.kind == "yesno":
            return [(k, _(label)) for k, label in YES_NO_LABELS.items()]
        return [(k, _(label)) for k, label in (column.choices or {}).items()]

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.field)
        if column.kind == "yesno":
            return "" if value is None else _(YES_NO_LABELS[int(bool(value))])
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
        except ValueError as exc:
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
        """What is stored for ``raw`` (typed text, pasted text or an editor's key); ValueError if invalid."""
        if column.parse is not None:
            return column.parse(raw)
        if column.kind == "yesno":
            return parse_yes_no(raw)
        if column.kind == "choice":
            return parse_choice(raw, self.choices(column), column.required)
        text = tsv.line_breaks("" if raw is None else str(raw)).strip()
        if column.kind == "date":
            text = normalise_due(text)
        if column.required and not text:
            raise ValueError(_("No puede quedar vacío."))
        return text

    def cell_command(self, row: int, col: int, raw: Any) -> Command | None:
        """One cell changed; None when the value is the same. ValueError says what is wrong."""
        column = self.columns[col]
        target = self.rows[row]
        value = self.value(column, raw)
        if target.get(column.field) == value:
            return None
        return UpdateRow(self.table, target["id"], {column.field: value},
                         _("Editar «{column}»", column=_(column.title)))

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

    def insert_commands(self, anchor: int, values: list[dict[str, Any]]) -> list[Command]:
        """New rows (one per dict of values) after everything else, in the order given."""
        base = self.defaults(anchor)
        top = max((float(r.get("position") or 0) for r in self.rows if SECTION not in r), default=-1.0)
        return [InsertRow(self.table, {**base, **v, "position": top + n + 1}) for n, v in enumerate(values)]

    def paste_command(self, top: int, left: int, grid: Sequence[Sequence[str]]) -> Command | None:
        """A pasted block at (``top``, ``left``) as one command; ValueError says why it does not fit.

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
            raise ValueError(_("Lo copiado tiene {n} columnas, pero desde «{column}» caben {fit}. "
                               "No se pegó nada.", n=width, column=_(self.columns[left].title), fit=fit))
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
                except ValueError as exc:
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
            listed = "; ".join(problems[:MAX_REPORTED]) + (_(" … y {n} más", n=more) if more > 0 else "")
            raise ValueError(_("No se pegó nada: {problems}.", problems=listed))
        commands = self.paste_commands(top, updates, new_rows)
        if not commands:
            return None
        cells = len(grid) * width
        return Macro(commands, _("Pegar {n} celdas", n=cells) if cells > 1 else _("Pegar"))

    def paste_commands(self, top: int, updates: list[tuple[dict[str, Any], dict[str, Any]]],
                       new_rows: list[dict[str, Any]]) -> list[Command]:
        """A checked paste as commands: ``updates`` are (row, changed values), ``new_rows`` rows to add."""
        changes: list[Command] = [UpdateRow(self.table, row["id"], changed) for row, changed in updates]
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
        return Macro([UpdateRow(self.table, rid, changes) for rid, changes in by_row.items()],
                     _("Borrar contenido de celdas"))

    def block(self, top: int, left: int, bottom: int, right: int) -> list[list[str]]:
        """The text of a range as a spreadsheet would copy it (section rows left out)."""
        return [[self.display(self.rows[r], self.columns[c]) for c in range(left, right + 1)]
                for r in range(top, bottom + 1) if SECTION not in self.rows[r]]


# -- editors ---------------------------------------------------------------------------------------
class CellEditor(QPlainTextEdit):
    """A text cell's editor: grows with the cell; Enter commits, Shift/Alt+Enter breaks the line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setStyleSheet(f"CellEditor {{ border: 2px solid {EDITING_BORDER}; background: white; }}")
        self.setTabChangesFocus(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def text(self) -> str:
        return self.toPlainText()


class SheetDelegate(QStyledItemDelegate):
    """Editors by column kind, Excel's keys inside them, and row heights capped at ``MAX_LINES``."""

    def __init__(self, view: "SheetView") -> None:
        super().__init__(view)
        self.view = view
        self.pending: str | None = None  # text typed on a cell that opened its editor (replaces the value)

    def _column(self, index: Index) -> Column:
        return self.view.sheet.columns[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        column = self._column(index)
        if column.kind in ("yesno", "choice"):
            combo = QComboBox(parent)
            for key, label in self.view.sheet.choices(column):
                combo.addItem(label, key)
            combo.activated.connect(lambda _i, c=combo: self._commit_and_close(c))
            return combo
        if column.kind == "date":
            line = QLineEdit(parent)
            line.setPlaceholderText(_("AAAA-MM-DD o DD/MM/AAAA"))
            return line
        editor = CellEditor(parent)
        editor.setFont(option.font)
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 (Qt)
        typed, self.pending = self.pending, None
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            found = editor.findData(value)
            if typed:
                folded = fold(typed)
                found = next((i for i in range(editor.count()) if fold(editor.itemText(i)).startswith(folded)),
                             found)
            editor.setCurrentIndex(max(0, found))
            return
        text = typed if typed is not None else (index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, CellEditor):
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.deselect()
            editor.end(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802 (Qt)
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, (CellEditor, QLineEdit)):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        rect = option.rect
        if isinstance(editor, CellEditor):
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4 + 8))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        """Enter commits (Shift/Alt+Enter breaks a text cell's line), Tab and Shift+Tab commit and move."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(editor, (CellEditor, QComboBox, QLineEdit)):
            return super().eventFilter(editor, event)
        key_event: QKeyEvent = event  # type: ignore[assignment]
        key, mods = key_event.key(), key_event.modifiers()
        hint = None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(editor, CellEditor) and mods & (Qt.KeyboardModifier.ShiftModifier
                                                          | Qt.KeyboardModifier.AltModifier):
                editor.insertPlainText("\n")
                return True
            hint = QAbstractItemDelegate.EndEditHint.SubmitModelCache
        elif key == Qt.Key.Key_Tab:
            hint = QAbstractItemDelegate.EndEditHint.EditNextItem
        elif key == Qt.Key.Key_Backtab:
            hint = QAbstractItemDelegate.EndEditHint.EditPreviousItem
        if hint is None:
            return super().eventFilter(editor, event)
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)
        return True

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt)
        size = super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        return QSize(size.width(), min(size.height() + CELL_PADDING, line * MAX_LINES + CELL_PADDING))


# -- the view ----------------------------------------------------------------------------------------
class SheetView(QTableView):
    """A ``QTableView`` that edits like a spreadsheet; see the module docstring for the keys.

    ``insert_requested`` (Ctrl+Enter, Insert) and ``delete_rows_requested`` (Ctrl+Delete)
    are left to the panel, which knows where a new row goes.
    """

    message = Signal(str)
    insert_requested = Signal()
    delete_rows_requested = Signal()

    def __init__(self, model: RowTableModel, parent: QWidget | None = None, *, share_width: bool = True) -> None:
        """``share_width``: the columns share the view's width (60–150 % of their hints) until the user
        drags one; False keeps every column at its hint and scrolls sideways (wide sheets)."""
        super().__init__(parent)
        self.sheet = model
        self.setModel(model)
        self.delegate = SheetDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # headers are the method's own words: wrap them rather than cut them
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                   | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        header.setMinimumHeight(2 * header.fontMetrics().lineSpacing() + 8)
        self._refit = QTimer(self)  # a column being dragged wider re-fits the rows once it settles
        self._refit.setSingleShot(True)
        self._refit.setInterval(60)
        self._refit.timeout.connect(self.fit_rows)
        self._auto_widths = share_width  # share the width among the columns until the user drags one
        self._sizing = False
        header.sectionResized.connect(self._section_resized)
        self._share_widths()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + CELL_PADDING + 4)
        self._fitted: set[str] = set()  # ids of the rows measured (Qt keeps their heights when rows move)
        model.message.connect(self.message)
        model.modelReset.connect(lambda: (self._fitted.clear(), self._restructured()))
        model.layoutChanged.connect(self._restructured)
        model.rowsInserted.connect(self._restructured)
        model.rowsRemoved.connect(self._restructured)
        model.dataChanged.connect(lambda tl, br, _roles=(): self.fit_rows(tl.row(), br.row()))
        self._restructured()

    # -- layout --------------------------------------------------------------------------------
    def _restructured(self, *_args: Any) -> None:
        """Section rows span the whole width; rows new to the view fit their text."""
        self.clearSpans()
        width = self.sheet.columnCount()
        for n, row in enumerate(self.sheet.rows):
            if SECTION in row:
                self.setSpan(n, 0, 1, width)
            if row["id"] not in self._fitted:
                self.resizeRowToContents(n)
                self._fitted.add(row["id"])

    def _section_resized(self, section: int, *_sizes: Any) -> None:
        if not self._sizing and section != self.sheet.columnCount() - 1:  # the last one stretches by itself
            self._auto_widths = False
        self._refit.start()

    def _share_widths(self) -> None:
        """Columns take the width there is, in proportion to their width hints (60 %–150 % of them)."""
        hints = [c.width for c in self.sheet.columns]
        available = self.viewport().width() if self.isVisible() else sum(hints)
        scale = min(max(available / max(sum(hints), 1), 0.6), 1.5)
        floors = [self.header_floor(n) for n in range(len(hints))]
        widths = [max(int(hint * scale), floor) for hint, floor in zip(hints, floors)]
        spare = sum(w - f for w, f in zip(widths, floors))
        excess = sum(widths) - max(available, int(sum(hints) * 0.6))
        if excess > 0 and spare > 0:  # the floors took room: the wider columns give it back, down to their floors
            widths = [w - (w - f) * min(excess / spare, 1) for w, f in zip(widths, floors)]
        self._sizing = True
        try:
            for n, width in enumerate(widths):
                self.horizontalHeader().resizeSection(n, int(width))
        finally:
            self._sizing = False

    def header_floor(self, section: int) -> int:
        """The width under which the header's longest word would be cut ("Financiamiento", "Implementation"):
        headers wrap between words, never inside one."""
        header = self.horizontalHeader()
        text = str(self.sheet.headerData(section, Qt.Orientation.Horizontal) or "")
        font = QFont(header.font())
        font.setBold(True)  # the current column's header is drawn bold
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(word) for word in text.split()), default=0)
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        return widest + margin + 6

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        if self._auto_widths and event.oldSize().width() != event.size().width():
            self._share_widths()

    def fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Rows grow (and shrink) to fit their wrapped text, up to ``MAX_LINES`` lines."""
        last = self.sheet.rowCount() - 1 if last is None else last
        for row in range(max(first, 0), last + 1):
            self.resizeRowToContents(row)
            self._fitted.add(self.sheet.rows[row]["id"])

    # -- selection helpers -----------------------------------------------------------------------
    def selected_range(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) around the selected cells, or the current cell; None if neither."""
        indexes = self.selectionModel().selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid()
                                                               else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        if any(self.sheet.is_section(r) for r in rows):  # a section cell spans the row
            cols += [0, self.sheet.columnCount() - 1]
        return min(rows), min(cols), max(rows), max(cols)

    def selected_row_ids(self) -> list[str]:
        """Store ids of the data rows with a selected cell (or the current one), top to bottom."""
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return [rid for rid in (self.sheet.row_id(r) for r in rows) if rid]

    def select_range(self, top: int, left: int, bottom: int, right: int) -> None:
        model = self.sheet
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.selectionModel().setCurrentIndex(model.index(top, left), QItemSelectionModel.SelectionFlag.NoUpdate)

    # -- clipboard and clearing -------------------------------------------------------------------------
    def copy_text(self) -> str:
        """The selected range as spreadsheet clipboard text."""
        where = self.selected_range()
        return tsv.format(self.sheet.block(*where)) if where else ""

    def copy(self) -> bool:
        where = self.selected_range()
        if where is None:
            return False
        rows = self.sheet.block(*where)
        if not rows:
            return False
        mime = QMimeData()
        mime.setText(tsv.format(rows))
        mime.setHtml(tsv.to_html(rows))
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def _writable(self) -> bool:
        if self.sheet.ctx.doc.readonly:
            self.message.emit(_("El archivo está abierto solo para lectura: no se guardan cambios."))
            return False
        return True

    def paste_text(self, text: str) -> bool:
        """Paste clipboard text at the current cell (or the top-left of the selection)."""
        if not self._writable():
            return False
        grid = tsv.parse(text)
        where = self.selected_range()
        if not grid:
            return False
        top, left = (where[0], where[1]) if where else (self.sheet.rowCount(), 0)
        if self.sheet.is_section(top):
            left = self.sheet.section_paste_column(max(len(r) for r in grid))
        try:
            command = self.sheet.paste_command(top, left, grid)
        except ValueError as exc:
            self.message.emit(str(exc))
            return False
        before = {r["id"] for r in self.sheet.rows}
        if command is None or not self.sheet.run(command):
            return False
        self._select_pasted(top, left, grid, before)
        n = len(grid) * max(len(r) for r in grid)
        self.message.emit(_("Se pegaron {n} celdas (Ctrl+Z deshace).", n=n) if n > 1 else "")
        return True

    def _select_pasted(self, top: int, left: int, grid: list[list[str]], before: set[str]) -> None:
        """Select what the paste wrote: the rows it changed and the rows it added."""
        width = max(len(r) for r in grid)
        rows = [n for n, r in enumerate(self.sheet.rows) if r["id"] not in before]
        start = top + 1 if self.sheet.is_section(top) else top
        written = [n for n in range(start, len(self.sheet.rows)) if not self.sheet.is_section(n)]
        spots = sorted(set(written[:len(grid) - len(rows)]) | set(rows))
        if spots:
            self.select_range(spots[0], left, spots[-1], left + width - 1)

    def paste(self) -> bool:
        return self.paste_text(QGuiApplication.clipboard().text())

    def clear_cells(self) -> bool:
        """Delete/Backspace: empty the selected cells, one undo step."""
        if not self._writable():
            return False
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        return self.sheet.run(self.sheet.clear_command(i for i in indexes if i.isValid()))

    def cut(self) -> bool:
        return self.copy() and self.clear_cells()

    # -- keys ----------------------------------------------------------------------------------------------
    _OWN_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut)

    def event(self, event: QEvent) -> bool:
        """Copy, paste, cut, Delete and typing belong to the sheet, not to a window shortcut."""
        if event.type() == QEvent.Type.ShortcutOverride and self.state() != QAbstractItemView.State.EditingState:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if (any(key_event.matches(k) for k in self._OWN_KEYS) or self._is_typing(key_event)
                    or key_event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Insert,
                                           Qt.Key.Key_Return, Qt.Key.Key_Enter)):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl or key == Qt.Key.Key_Insert:
            self.insert_requested.emit()
        elif key == Qt.Key.Key_Delete and ctrl:
            self.delete_rows_requested.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not ctrl:
            self.clear_cells()
        elif (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & ~Qt.KeyboardModifier.KeypadModifier
              or key == Qt.Key.Key_F2 and not mods):
            self._edit_current(None)
        elif self._is_typing(event):
            self._edit_current(event.text())
        else:
            super().keyPressEvent(event)

    @staticmethod
    def _is_typing(event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        text = event.text()
        return bool(text) and not mods and text.isprintable() and text not in ("\t",)

    def _edit_current(self, typed: str | None) -> None:
        """Open the current cell's editor; typed text replaces the value, like a spreadsheet."""
        index = self.currentIndex()
        if not index.isValid():
            return
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            if typed is not None and self.sheet.ctx.doc.readonly:
                self._writable()
            elif typed is None and self.sheet.row_id(index.row()) is not None:
                self._move(QAbstractItemView.CursorAction.MoveDown)
            return
        self.delegate.pending = typed
        if not self.edit(index, QAbstractItemView.EditTrigger.EditKeyPressed, None):
            self.delegate.pending = None
            return
        editor = self.indexWidget(index)
        if typed is not None and isinstance(editor, QLineEdit):
            editor.deselect()  # the view selected the typed character: the next key would replace it
            editor.end(False)

    def _move(self, action: QAbstractItemView.CursorAction) -> None:
        index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            self.setCurrentIndex(index)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802 (Qt)
        """After an edit: Enter moves down, Tab right, Shift+Tab left, without opening the next editor."""
        moves = {QAbstractItemDelegate.EndEditHint.SubmitModelCache: QAbstractItemView.CursorAction.MoveDown,
                 QAbstractItemDelegate.EndEditHint.EditNextItem: QAbstractItemView.CursorAction.MoveRight,
                 QAbstractItemDelegate.EndEditHint.EditPreviousItem: QAbstractItemView.CursorAction.MoveLeft}
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint in moves:
            self._move(moves[hint])
        self.setFocus(Qt.FocusReason.OtherFocusReason)
