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
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
    base = _cut(_BAD.sub(" ", name).strip().strip("'"), 31) or "Hoja"
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
            value = typed(value)
            cell.value = cell_text(value)
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
                cell.alignment = top
                widths[c - 1] = max(widths[c - 1], 12)
            elif isinstance(value, str):
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
    # printing: A4, wide sheets landscape, one page wide, the header row on every page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(ws.column_dimensions[get_column_letter(c)].width
                                                   for c in range(1, len(widths) + 1)) > 95 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.oddFooter.right.text = "&P / &N"
    ws.oddFooter.left.text = "&A"


def write_xlsx(report: Report, path: str | os.PathLike[str]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for sheet in report_sheets(report):
        _fill(wb.create_sheet(sheet_title(sheet.name, taken)), sheet)
    if not wb.sheetnames:
        wb.create_sheet(sheet_title(report.t("Notas"), taken)).append([report.t("Sin datos")])
    wb.properties.title = report.title
    wb.properties.creator = "Papelógrafo"
    with atomic_path(path) as tmp:
        wb.save(tmp)
