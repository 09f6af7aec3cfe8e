"""The report's tables as CSV files: UTF-8 with a BOM so Excel reads accents right.

One file per table (notes, each canvas, agenda, minutes…) in the chosen folder,
each written atomically. Text is written as typed, except that a cell starting
with ``=``, ``+``, ``-``, ``@``, a TAB or a CR gets a leading apostrophe, the convention that
keeps Excel from running it as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from facilitator.domain.tags import fold

from .atomic import ExportProblem, write_bytes
from .model import Report
from .tables import report_sheets

# OWASP: a cell starting with any of these may run as a formula (TAB and CR too).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unguard(value: str) -> str:
    """The text a guarded cell held (for readers of our CSV files)."""
    return value[1:] if value.startswith("'") and value[1:2] in FORMULA_START else value


def file_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "tabla"
    stem, n = base, 2
    while stem in taken:
        stem = f"{base}-{n}"
        n += 1
    taken.add(stem)
    return f"{stem}.csv"


def csv_bytes(headers: list[str], rows: list[list[object]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([[guard(v) for v in row] for row in rows])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def write_csv(report: Report, folder: str | os.PathLike[str]) -> list[Path]:
    """Write every table of the report as CSV into ``folder`` (created if missing)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportProblem(report.t("No se pudo crear la carpeta «{folder}»: {detail}.", folder=folder,
                                     detail=exc.strerror or str(exc))) from exc
    taken: set[str] = set()
    written = []
    for sheet in report_sheets(report):
        path = folder / file_name(sheet.name, taken)
        write_bytes(path, csv_bytes(sheet.headers, sheet.rows))
        written.append(path)
    return written
