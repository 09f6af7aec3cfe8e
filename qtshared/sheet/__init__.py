"""Spreadsheet-like tables over store rows: the matrices facilitators fill as they would in Excel.

Facilitators type the planning and monitoring matrices like a spreadsheet: arrows
move, typing replaces a cell, Enter/F2 edit, Enter commits and moves down, Tab
moves right, Delete clears, and ranges copy to and paste from Excel or LibreOffice
(``facilitator.tsv``). Every change is a command run through ``ctx.undo``: a cell
edit is one undo step, and so is a whole paste or clear, however many cells.

Two pieces:

* ``RowTableModel`` projects rows of one store table through a list of
  ``facilitator.cells.Column`` specs (field, Spanish header, kind: text / yesno / date /
  deadline / choice / number). Subclasses say which rows to show (``load``), what a
  new row needs (``defaults``) and which domain functions build the commands
  (``edit_command``, ``insert_commands``); it follows ``ctx.signals.changed`` and turns
  edits, pastes and clears into those commands, values read by ``facilitator.cells``. Rows may
  be interleaved with *section* rows (``{"id": ..., SECTION: "title"}``), shown as a
  spanning heading (e.g. one per strategic axis) and never edited, copied or pasted over.
* ``SheetView`` is the ``QTableView`` with the keyboard and clipboard behaviour, word
  wrap with rows that grow to fit (up to ``MAX_LINES``), and inline messages for
  pastes that do not fit (its ``message`` signal; the panel shows the text).
"""

from .delegate import CellEditor, SheetDelegate
from .sheet_model import CELL_PADDING, MAX_LINES, MAX_REPORTED, SECTION, SECTION_BG, RowTableModel
from .sheet_view import SheetView

__all__ = ["CELL_PADDING", "MAX_LINES", "MAX_REPORTED", "SECTION", "SECTION_BG", "CellEditor", "RowTableModel",
           "SheetDelegate", "SheetView"]
