"""The report's tables as an Excel workbook (openpyxl): one sheet per canvas, plus notes, agenda…

Each sheet has the method's column headers in bold, frozen under a filter, and
column widths that fit their content (within bounds, long text wraps). Text is
always stored as text: a note that starts with «=» stays a note, never a formula.
"""

from __future__ import annotations

import os
import re
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from .atomic import atomic_path
from .fonts import visible
from .model import Report
from .tables import Sheet, report_sheets

MAX_WIDTH = 60
MIN_WIDTH = 6
HEAD_WIDTH = 12
_BAD = re.compile(r"[\[\]:*?/\\]")
# Characters XML 1.0 (and so XLSX) cannot hold; shown as control pictures instead.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word boundary when one is not too far back."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if " " not in text[:limit + 1]:
        return text[:limit]
    cut = text[:limit + 1].rsplit(" ", 1)[0].rstrip(" ,;·-—")
    words = cut.split(" ")
    while len(words) > 1 and words[-1].casefold() in _DANGLING:  # «Matriz de planificación por» reads cut
        words.pop()
    cut = " ".join(words).rstrip(" ,;·-—")
    return cut if len(cut) >= limit // 2 else text[:limit].rstrip()


_DANGLING = frozenset("de del la las el los y e o u en a al por para con sin of the by for and or in to on with".split())


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\), cut between words."""
    base = _cut(_BAD.sub(" ", str(cell_text(name))).strip().strip("'"), 31) or "Hoja"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title = _cut(base, 31 - len(suffix)) + suffix
        n += 1
    taken.add(title.casefold())
    return title


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def typed(value: object) -> object:
    """An ISO date typed in a cell (``2026-10-14``) as a real date, so the spreadsheet sorts and filters it."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def cell_text(value: object) -> object:
    if isinstance(value, str) and _ILLEGAL.search(value):
        return visible(value.replace("\x0b", "\n").replace("\x0c", "\n"))
    return value


def _widths(sheet: Sheet) -> list[int]:
    """Column widths that fit the content (within bounds; long text wraps)."""
    # a header wraps, so it asks for its longest word (and some room), not its whole length
    widths = [min(len(h), max([HEAD_WIDTH, *(len(w) for w in h.split())])) + 2 for h in sheet.headers]
    for row in sheet.rows:
        for c, value in enumerate(row):
            if isinstance(value, str):
                longest = max(map(len, value.splitlines()), default=0) if "\n" in value or "\r" in value \
                    else len(value)
                widths[c] = max(widths[c], min(longest, MAX_WIDTH) + 2)
            else:
                widths[c] = max(widths[c], len(str(value)) + 2)
    return [max(MIN_WIDTH, min(width, MAX_WIDTH + 2)) for width in widths]


def _fill(ws, sheet: Sheet) -> None:
    """Write one sheet in openpyxl's write-only mode (rows streamed, column sizes set first)."""
    widths = _widths(sheet)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    _print_setup(ws, widths)
    ws.freeze_panes = "A2"
    ref = f"A1:{get_column_letter(len(sheet.headers))}{max(len(sheet.rows) + 1, 2)}"
    ws.auto_filter.ref = ref
    # the sheet's size, which the streaming writer cannot know before the rows: readers that trust
    # the <dimension> element (openpyxl's read-only mode, some importers) see every row
    ws.calculate_dimension = lambda: f"A1:{get_column_letter(len(sheet.headers))}{len(sheet.rows) + 1}"
    head = []
    for h in sheet.headers:
        cell = WriteOnlyCell(ws, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E6EEF2")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        head.append(cell)
    ws.append(head)
    day = _date_style(ws)
    text = ws.parent._cell_styles[0]  # the default format, given explicitly to a cell that must stay text
    for row in sheet.rows:
        out = []
        for value in row:
            if isinstance(value, str):
                value = typed(value)
            if isinstance(value, str):
                value = cell_text(value)
                if value.startswith("="):  # text, never a formula: stored as a string cell
                    cell = _Styled(ws, 1, 1, None, text)
                    cell._value = value
                    cell.data_type = "s"
                    value = cell
            elif isinstance(value, date):
                cell = _Styled(ws, 1, 1, None, day)
                cell.value = value
                value = cell
            out.append(value)  # a plain value takes the workbook's default format: wrapped, at the top
        ws.append(out)


def _print_setup(ws, widths: list[int]) -> None:
    """Printing: A4, wide sheets landscape, one page wide, the header row on every page, page X / Y."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > 95 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.oddFooter.right.text = "&P / &N"
    ws.oddFooter.left.text = "&A"


def _wrap_by_default(wb: Workbook) -> None:
    """Make the workbook's default cell format wrap long text and align it to the top.

    Every plain value then needs no style of its own: the streaming writer stores it
    without building a style per cell (a quarter of the time at 20k notes went to that).
    """
    wrap = wb._alignments.add(Alignment(wrap_text=True, vertical="top"))
    default = StyleArray()
    default.alignmentId = wrap
    wb._cell_styles = IndexedList([default])


def _date_style(ws) -> StyleArray:
    proto = WriteOnlyCell(ws, "")
    proto.alignment = Alignment(wrap_text=True, vertical="top")
    proto.number_format = "DD/MM/YYYY"  # a date typed as a date (sorts and filters), shown as the report shows it
    return proto._style


class _Styled(Cell):
    """A styled cell (text or date) for the write-only sheet.

    openpyxl's streaming writer tells a cell from a plain value by failing to store
    it as a value, and that failure's message shows the cell: a short ``repr``
    keeps the failure cheap.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "<styled cell>"


def write_xlsx(report: Report, path: str | os.PathLike[str]) -> None:
    wb = Workbook(write_only=True)
    _wrap_by_default(wb)
    taken: set[str] = set()
    for sheet in report_sheets(report):
        _fill(wb.create_sheet(sheet_title(sheet.name, taken)), sheet)
    if not wb.sheetnames:
        wb.create_sheet(sheet_title(report.t("Notas"), taken)).append([report.t("Sin datos")])
    wb.properties.title = cell_text(report.title)
    wb.properties.creator = "Papelógrafo"
    with atomic_path(path) as tmp:
        wb.save(tmp)
