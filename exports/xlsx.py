"""The report's tables as an Excel workbook (openpyxl): one sheet per canvas, plus notes, agenda…

Each sheet has the method's column headers in bold, frozen under a filter, and
column widths that fit their content (within bounds, long text wraps). Text is
always stored as text: a note that starts with «=» stays a note, never a formula.
"""

from __future__ import annotations

import os
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD.sub(" ", str(cell_text(name))).strip().strip("'") or "Hoja"
    base = base[:31].rstrip()
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(title.casefold())
    return title


def cell_text(value: object) -> object:
    if isinstance(value, str) and _ILLEGAL.search(value):
        return visible(value.replace("\x0b", "\n").replace("\x0c", "\n"))
    return value


def _fill(ws, sheet: Sheet) -> None:
    ws.append(sheet.headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E6EEF2")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    # a header wraps, so it asks for its longest word (and some room), not its whole length
    widths = [min(len(h), max([HEAD_WIDTH, *(len(w) for w in h.split())])) + 2 for h in sheet.headers]
    top = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(sheet.rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = cell_text(value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with «=»
                cell.alignment = top  # a long text wraps inside its column
                longest = max((len(line) for line in value.splitlines()), default=0)
                widths[c - 1] = max(widths[c - 1], min(longest, MAX_WIDTH) + 2)
            else:
                widths[c - 1] = max(widths[c - 1], len(str(value)) + 2)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(MIN_WIDTH, min(width, MAX_WIDTH + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{max(len(sheet.rows) + 1, 2)}"


def write_xlsx(report: Report, path: str | os.PathLike[str]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for sheet in report_sheets(report):
        _fill(wb.create_sheet(sheet_title(sheet.name, taken)), sheet)
    if not wb.sheetnames:
        wb.create_sheet(sheet_title(report.t("Notas"), taken)).append([report.t("Sin datos")])
    wb.properties.title = cell_text(report.title)
    wb.properties.creator = "Papelógrafo"
    with atomic_path(path) as tmp:
        wb.save(tmp)
