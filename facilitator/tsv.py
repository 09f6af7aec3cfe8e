"""Spreadsheet clipboard text: the tab-separated ranges Excel, LibreOffice and Google Sheets copy.

A copied range is one line per row and a tab between cells. A cell that holds a
tab, a line break or a double quote is written between double quotes, with its
quotes doubled (the cell ``la "mesa" comunal`` is written ``"la ""mesa"" comunal"``);
spreadsheets end the text with a line break.
Line breaks may be CRLF (Windows, Excel), LF or a lone CR.

Pasting must take what people really copy, so ``parse`` is lenient where the
spreadsheets are loose: a quote inside an unquoted cell is literal (``5" pantalla``),
and a cell that opens a quote it never closes properly is taken literally up to
the next tab or line break rather than swallowing the rest of the clipboard.
``format`` writes what ``parse`` reads back unchanged (``parse(format(rows)) == rows``
for any rows of strings, also an empty cell alone ``[[""]]``), so a range copied
from the app pastes into a spreadsheet and back as the same cells. No Qt here:
the matrices' views, the CLI and tests share it.
"""

from __future__ import annotations

import html
from typing import Sequence

_NEEDS_QUOTES = ("\t", "\n", "\r", '"')


def parse(text: str) -> list[list[str]]:
    """The rows of cells in clipboard text; ``[]`` for empty text.

    One final line break ends the last row (it does not add an empty row). Rows
    keep the length they had: use ``rectangular`` to pad ragged ones.
    """
    if not text:
        return []
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    while True:
        cell, i = _cell(text, i)
        row.append(cell)
        if i >= n:
            rows.append(row)
            break
        if text[i] == "\t":
            i += 1
            continue
        # a line break ends the row; one at the very end ends the text too
        i += 2 if text.startswith("\r\n", i) else 1
        rows.append(row)
        row = []
        if i >= n:
            break
    return rows


def _cell(text: str, start: int) -> tuple[str, int]:
    """One cell from ``start``: its value and where the separator (or the end) is."""
    if start < len(text) and text[start] == '"':
        value, end = _quoted(text, start)
        if end is not None:
            return value, end
    end = start
    while end < len(text) and text[end] not in "\t\r\n":
        end += 1
    return text[start:end], end


def _quoted(text: str, start: int) -> tuple[str, int | None]:
    """A quoted cell; ``None`` as the end when it is not a well-formed one (then read literally)."""
    parts: list[str] = []
    i = start + 1
    while True:
        close = text.find('"', i)
        if close < 0:
            return "", None
        parts.append(text[i:close])
        if text.startswith('""', close):
            parts.append('"')
            i = close + 2
            continue
        after = close + 1
        if after == len(text) or text[after] in "\t\r\n":
            return "".join(parts), after
        return "", None


def format(rows: Sequence[Sequence[str]]) -> str:  # shadows the builtin: tsv.format mirrors tsv.parse
    """Clipboard text for ``rows``: tabs between cells, a line break after every row.

    A row with no cells is written as one empty cell.
    """
    return "".join("\t".join(_quote(str(cell)) for cell in row) + "\n" for row in rows)


def _quote(cell: str) -> str:
    if any(ch in cell for ch in _NEEDS_QUOTES):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def rectangular(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """The rows padded with empty cells to the width of the widest one."""
    width = max((len(r) for r in rows), default=0)
    return [list(r) + [""] * (width - len(r)) for r in rows]


def to_html(rows: Sequence[Sequence[str]]) -> str:
    """The same range as an HTML table (word processors paste it as a table); text is escaped."""
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c)).replace(chr(10), '<br>')}</td>" for c in row) + "</tr>"
        for row in rows)
    return f"<table>{body}</table>"


def line_breaks(text: str) -> str:
    """Any line-break convention turned into ``\\n`` (for cells pasted from Windows)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
