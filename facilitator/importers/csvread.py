"""Read a spreadsheet saved as CSV the way people actually save them.

Excel in Spanish writes semicolons and Windows-1252; LibreOffice and Google
Sheets write commas and UTF-8, sometimes with a BOM; "Unicode text" is UTF-16
with tabs. This module turns any of those into a header and numbered rows, and
matches column names in Spanish or English ignoring case and accents. It never
raises on a bad file: problems are collected with the row number the user sees
in the spreadsheet (the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Any, Mapping

from .. import cells
from ..domain.limits import CSV_FIELD_MAX_CHARS, CSV_FILE_MAX_BYTES, megabytes
from ..domain.tags import fold
from ..i18n import _, ngettext

DELIMITERS = (",", ";", "\t")
# Control characters that no text file holds; their presence means binary data.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")


def quote(text: str) -> str:
    """A name quoted as the user's language quotes it inside a message."""
    return _("«{text}»", text=text)


class CsvTooBig(Exception):
    """A file over CSV_FILE_MAX_BYTES, or not a regular file: its one-line message is the exception's text."""


def read_capped(path, limit: int = CSV_FILE_MAX_BYTES) -> bytes:
    """The bytes of a CSV file to import, refusing one over ``limit`` before reading it.

    The size is checked first and then no more than ``limit + 1`` bytes are read,
    so a 1 GB file (or a device that never ends) costs no memory. OSError passes
    through for the caller's "could not read" message.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe would block forever, /dev/zero never ends
        raise CsvTooBig(_("«{name}» no es un archivo común (es una carpeta, un dispositivo o una tubería).",
                          name=os.path.basename(os.fspath(path))))
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise CsvTooBig(_too_big(path, size, limit))
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise CsvTooBig(_too_big(path, len(data), limit))
    return data


def _too_big(path, size: int, limit: int) -> str:
    return _("«{name}» ocupa {size}; un CSV para importar puede ocupar como máximo {limit}. "
             "Divídalo en varios archivos.", name=os.path.basename(os.fspath(path)), size=megabytes(size),
             limit=megabytes(limit))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; ``row`` 0 means the file as a whole."""

    row: int
    message: str

    def line(self) -> str:
        if self.row <= 0:
            return self.message
        return _("Fila {row}: {message}", row=self.row, message=self.message)


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)
    encoding: str
    delimiter: str


@dataclass
class ReadResult:
    table: Table | None
    problems: list[Problem] = field(default_factory=list)


def decode(data: bytes) -> tuple[str | None, str]:
    """Text and encoding name, or (None, reason) for data that is not text.

    UTF-8 (with or without BOM) is tried first because it fails loudly on
    anything else; Windows-1252 is the fallback Excel uses on Spanish Windows.
    """
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8):]
        try:
            text, encoding = body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:  # a BOM, then rows added by a program writing Windows-1252
            try:
                text, encoding = body.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                return None, "binary"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, "binary"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                return None, "binary"
    if _BINARY.search(text):
        return None, "binary"
    return text, encoding


# Bytes that are not UTF-8, kept by the "surrogateescape" error handler as U+DC80–U+DCFF.
_ESCAPED = re.compile("[\udc80-\udcff]")


def encoding_mix(data: bytes) -> tuple[list[int], list[int]]:
    """Rows (numbered as a spreadsheet shows them) written in UTF-8, and rows in another encoding.

    A file that is not UTF-8 as a whole is read as Windows-1252; if some of its rows
    are UTF-8 (two files pasted together, a row added by another program), that
    reading would store them as mojibake («niÃ±o»). Each row's cells are checked on
    their own: bytes that are not UTF-8 mark a Windows-1252 row, valid non-ASCII
    characters a UTF-8 row. ASCII-only rows count as neither.
    """
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    text = body.decode("utf-8", "surrogateescape")
    delimiter = sniff_delimiter(_first_line(text.lstrip("\r\n")))
    utf8: list[int] = []
    other: list[int] = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            joined = "".join(cells)
            if _ESCAPED.search(joined):
                other.append(number)
            elif not joined.isascii():
                utf8.append(number)
    except csv.Error:
        return [], []  # read_table names the broken line
    return utf8, other


def row_list(rows: list[int], shown: int = 8) -> str:
    """«2, 5, 7» or «2, 5, 7, … (40 filas)» for a message."""
    text = ", ".join(str(n) for n in rows[:shown])
    return text if len(rows) <= shown else ngettext("{rows}, … ({n} fila)", "{rows}, … ({n} filas)", len(rows), rows=text)


def sniff_delimiter(header_line: str) -> str:
    """The separator used most in the header line outside quotes (comma if none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_line(text: str) -> str:
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            return text[:i]
    return text


def read_table(data: bytes) -> ReadResult:
    """Header and non-blank rows of a CSV file, with row numbers as a spreadsheet shows them."""
    if not data.strip():
        return ReadResult(None, [Problem(0, _("El archivo está vacío."))])
    text, encoding = decode(data)
    if text is None:
        return ReadResult(None, [Problem(0, _(
            "El archivo no es un texto CSV (parece un archivo binario, por ejemplo un .xlsx). "
            "Guárdelo desde la hoja de cálculo como «CSV»."))])
    if not text.strip():
        return ReadResult(None, [Problem(0, _("El archivo está vacío."))])
    if encoding == "cp1252":
        utf8, other = encoding_mix(data)
        if utf8 and other:
            return ReadResult(None, [Problem(0, _(
                "El archivo mezcla codificaciones de texto: las filas {utf8} están en UTF-8 y las filas {other} "
                "en Windows-1252 (ANSI). No se importó nada, para no guardar letras cambiadas («Ã±» en vez de «ñ»). "
                "Guárdelo de nuevo desde la hoja de cálculo como «CSV UTF-8».",
                utf8=row_list(utf8), other=row_list(other)))])
    delimiter = sniff_delimiter(_first_line(text.lstrip("\r\n")))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for cells in reader:
            records.append(cells)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # Python's own cap (128 KB), past ours
            return ReadResult(None, [_long_cell(len(records) + 1, None)])
        return ReadResult(None, [Problem(0, _(
            "No se pudo leer el CSV cerca de la línea {line} ({detail}). Revise las comillas de esa línea.",
            line=reader.line_num, detail=str(exc)))])
    for number, cells in enumerate(records, start=1):
        for column, cell in enumerate(cells, start=1):
            if len(cell) > CSV_FIELD_MAX_CHARS:
                return ReadResult(None, [_long_cell(number, column, len(cell))])
    numbered = [(n, [cell.replace("\r\n", "\n") for cell in cells]) for n, cells in enumerate(records, start=1)]
    numbered = [(n, cells) for n, cells in numbered if any(c.strip() for c in cells)]
    if not numbered:
        return ReadResult(None, [Problem(0, _("El archivo está vacío."))])
    (_n, header), rows = numbered[0], numbered[1:]
    return ReadResult(Table([h.strip() for h in header], rows, encoding, delimiter))


def _long_cell(row: int, column: int | None, length: int | None = None) -> Problem:
    if column is None or length is None:
        return Problem(row, _("una celda es demasiado larga: una celda puede tener como máximo {max} caracteres. "
                              "No se importó nada.", max=CSV_FIELD_MAX_CHARS))
    return Problem(row, ngettext("la celda de la columna {column} tiene {n} carácter; una celda puede tener como máximo "
                                 "{max}. No se importó nada.",
                                 "la celda de la columna {column} tiene {n} caracteres; una celda puede tener como máximo "
                                 "{max}. No se importó nada.", length, column=column, max=CSV_FIELD_MAX_CHARS))


@dataclass
class Columns:
    """Which cell holds each known field, after matching the header."""

    index: dict[str, int]
    width: int

    def get(self, cells: list[str], name: str) -> str:
        i = self.index.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    def has(self, name: str) -> bool:
        return name in self.index


def match_columns(table: Table, aliases: Mapping[str, tuple[str, ...]]) -> tuple[Columns, list[Problem]]:
    """Map header names to fields; unknown or repeated columns are problems of row 1.

    An unnamed column is ignored if it is empty all the way down (Excel leaves a
    trailing separator); with data in it, it is a problem like any unknown column.
    """
    lookup = {fold(name): key for key, names in aliases.items() for name in (key, *names)}
    index: dict[str, int] = {}
    problems: list[Problem] = []
    unknown: list[str] = []
    accepted = ", ".join("/".join(dict.fromkeys(names[:2])) for names in aliases.values())
    for i, name in enumerate(table.header):
        if not fold(name):
            if any(i < len(cells) and cells[i].strip() for _n, cells in table.rows):
                problems.append(Problem(1, _("la columna {number} no tiene nombre pero tiene datos.", number=i + 1)))
            continue
        key = lookup.get(fold(name))
        if key is None:
            unknown.append(quote(name))
        elif key in index:
            problems.append(Problem(1, _("la columna «{name}» está repetida.", name=name)))
        else:
            index[key] = i
    if unknown:
        problems.insert(0, Problem(1, _("columnas desconocidas: {names}. Columnas admitidas: {accepted}.",
                                        names=", ".join(unknown), accepted=accepted)))
    return Columns(index, len(table.header)), problems


def check_width(number: int, cells: list[str], columns: Columns) -> Problem | None:
    """A row with data beyond the header's columns was probably split wrongly."""
    extra = [c for c in cells[columns.width:] if c.strip()]
    if extra:
        return Problem(number, _("tiene {cells} con datos pero el encabezado solo {columns} (¿falta cerrar unas comillas?).",
                                 cells=ngettext("{n} celda", "{n} celdas", len(cells)),
                                 columns=ngettext("{n} columna", "{n} columnas", columns.width)))
    return None


def parse_count(cell: str) -> int | None:
    """A whole number ≥ 0 typed in a cell (empty is 0); None if it is not one."""
    value = cell.strip()
    if not value:
        return 0
    if re.fullmatch(r"\d+", value):
        return int(value)
    if re.fullmatch(r"\d+[.,]0+", value):  # spreadsheets write 3 as "3.0" or "3,0"
        return int(re.split(r"[.,]", value)[0])
    return None


def parse_yes_no(cell: str) -> bool | None:
    """Yes or no by the one rule of ``facilitator.cells`` (sí, x, ✓, 1… / no, ✗, 0…); an empty cell is no.

    None when the cell is neither (the importer reports it), as "quizás" or "2".
    """
    if not cell.strip():
        return False
    try:
        value = cells.parse_yes_no(cell)
    except cells.CellError:
        return None
    return None if value is None else bool(value)


@dataclass
class ImportPlan:
    """What an import would do: either problems, or one command that does it all.

    Importers validate every row before building anything, so a file with one
    bad row changes nothing; a good file becomes one Macro (one transaction, one
    undo step).
    """

    problems: list[Problem] = field(default_factory=list)
    command: Any = None  # a facilitator.commands.Macro when there are no problems
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and self.command is not None

    def lines(self) -> list[str]:
        return [p.line() for p in sorted(self.problems, key=lambda p: p.row)]
