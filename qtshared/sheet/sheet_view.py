"""The sheet's view: Excel's keyboard, copy and paste of ranges, rows that grow to fit their text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QEvent, QItemSelection, QItemSelectionModel, QMimeData, QModelIndex, QPersistentModelIndex,
                            Qt, QTimer, Signal)
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLineEdit, QStyle, QTableView,
                               QWidget)

from facilitator import tsv
from facilitator.i18n import _, ngettext

from .delegate import SheetDelegate
from .sheet_model import CELL_PADDING, SECTION, RowTableModel

Index = QModelIndex | QPersistentModelIndex
WORD_FLOOR_CAP = 1.0  # a column is never narrowed below its longest word, unless that word is wider than its hint
RESHARE_DELAY = 120  # ms after the last change of the texts, the columns' widths follow their longest words


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
        self._words_of: list | None = None
        self._word_floors: list[int] = []
        self._text_widths: dict[str, int] = {}  # a cell's text: the width of its widest word
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
        # New texts may hold a word longer than its column: the widths are shared again once a burst of changes
        # settles (the longest words are worked out once per reload, each distinct text measured once).
        self._reshare_on_show = False
        self._reshare = QTimer(self)
        self._reshare.setSingleShot(True)
        self._reshare.setInterval(RESHARE_DELAY)
        self._reshare.timeout.connect(self._texts_changed)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.dataChanged):
            signal.connect(lambda *_a: self._reshare.start())
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
        words = self.word_floors() if scale < WORD_FLOOR_CAP else [0] * len(hints)  # else they cannot bind
        floors = [max(self.header_floor(n), words[n]) for n in range(len(hints))]
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

    def word_floors(self) -> list[int]:
        """Per column, the width its cells' longest word needs (up to ``WORD_FLOOR_CAP`` of the column's hint):
        cells wrap between words, and a column narrower than a word would break it ("Capacitaci…").
        Worked out once per reload of the rows; each distinct text is measured once (``_text_widths``), so a
        reload after an edit costs a look-up per cell."""
        if self._words_of is not self.sheet.rows:
            metrics = self.fontMetrics()
            margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1) + 6
            known = self._text_widths
            if len(known) > 4 * len(self.sheet.rows) * len(self.sheet.columns) + 1000:  # texts gone: start again
                known.clear()
            floors = []
            for column in self.sheet.columns:
                widest = 0
                for row in self.sheet.rows:
                    if SECTION in row:
                        continue
                    text = self.sheet.display(row, column)
                    width = known.get(text)
                    if width is None:
                        width = known[text] = max(map(metrics.horizontalAdvance, text.split()), default=0)
                    widest = max(widest, width)
                floors.append(min(widest + margin, int(column.width * WORD_FLOOR_CAP)) if widest else 0)
            self._word_floors, self._words_of = floors, self.sheet.rows
        return self._word_floors

    def _texts_changed(self) -> None:
        if not self.isVisible():  # hidden (another tab): the widths there is are known once shown
            self._reshare_on_show = True
        elif self._auto_widths:
            self._share_widths()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if self._reshare_on_show:
            self._reshare_on_show = False
            self._reshare.start()

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
        self.message.emit(ngettext("Se pegó {n} celda (Ctrl+Z deshace).", "Se pegaron {n} celdas (Ctrl+Z deshace).", n)
                          if n > 1 else "")
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

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt)
        """Tab and Shift+Tab move between cells like a spreadsheet's, wrapping at a row's ends.

        Only from the first or the last cell do they leave the sheet (so the keyboard can
        still reach the rest of the window); otherwise what is typed next would go elsewhere.
        """
        if self.state() != QAbstractItemView.State.EditingState and self.currentIndex().isValid():
            action = QAbstractItemView.CursorAction.MoveNext if next else QAbstractItemView.CursorAction.MovePrevious
            before = self.currentIndex()
            index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if index.isValid() and (index.row(), index.column()) != (before.row(), before.column()):
                self.setCurrentIndex(index)
                return True
        return super().focusNextPrevChild(next)

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
