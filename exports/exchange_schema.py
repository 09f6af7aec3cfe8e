"""One schema for every row an exchange file brings: checked before anything is written.

Why: the store's column types are advisory (SQLite keeps ``"abc"`` in an
INTEGER column), so a file that says ``votes: "abc"`` used to be stored and
then broke every export. Each imported row is checked here against the table's
columns (types, ranges, required fields, JSON shapes, timestamps, image limits);
the first problem found stops the whole import with one line that names the
table, the row and the field. References between rows are checked by the merge
(``exchange.plan_merge``), which knows the open file.

The base of each rule comes from the file's own columns (``PRAGMA table_info``:
declared type, NOT NULL, default), so a column added by a later schema step is
checked as its type says without touching this module; ``EXTRA`` adds what the
SQL cannot say (ranges, choices, JSON shapes, images).
"""

from __future__ import annotations

import io
import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from facilitator import photos
from facilitator.i18n import _, ngettext
from facilitator.store import schema as S

MAX_TEXT = 100_000  # characters in one text field (a note is a sticky note, not a book)
MAX_INT = 2**53  # beyond what a JSON reader anywhere keeps exact
MAX_BLOB = photos.MAX_FILE_BYTES
MAX_IMAGE_PIXELS = photos.MAX_PIXELS  # a JPEG may reach photos.HARD_MAX_PIXELS, as the photo import allows
MAX_LOGO_PIXELS = 4096 * 4096
MAX_ROWS = 2_000_000  # rows in one file
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


class RowProblem(Exception):
    """One imported value that breaks the schema; ``str()`` is the one line for the user."""

    def __init__(self, table: str, index: int, row_id: Any, column: str, problem: str, value: Any = None,
                 show_value: bool = True) -> None:
        self.table, self.index, self.row_id, self.column = table, index, row_id, column
        where = _("«{table}», fila {n}", table=table, n=index + 1)
        if isinstance(row_id, str) and _ID.fullmatch(row_id):
            where = _("«{table}», fila {n} (id {id})", table=table, n=index + 1, id=row_id[:8])
        text = _("{where}, campo «{column}»: {problem}", where=where, column=column, problem=problem)
        if show_value:
            text += _(" (valor: {value})", value=shown(value))
        self.line = text
        super().__init__(text)


def shown(value: Any) -> str:
    """A short, printable rendering of a bad value for the one-line message."""
    if isinstance(value, (bytes, bytearray)):
        return ngettext("{n} byte", "{n} bytes", len(value))
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=True)[:40]
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**12:
        return ngettext("un número de {n} cifra", "un número de {n} cifras", len(str(abs(value))))
    elif value is None or isinstance(value, (str, bool, float)):
        text = json.dumps(value, ensure_ascii=True)  # as the file wrote it: null, true, NaN, "…"
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass(frozen=True)
class Rule:
    """What one column accepts. ``kind`` is the value's type; the rest narrows it."""

    kind: str  # text | int | real | bool | blob | image | time | enum | zones | str_list | bool_object | object
    nullable: bool = False
    required: bool = False  # must be present (NOT NULL without a default)
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    allow_empty: bool = False  # for time: '' means "no time"
    max_pixels: int = MAX_IMAGE_PIXELS


_STAMP = Rule("time", required=True)

# What the SQL columns cannot say. Keys are (table, column); anything not here follows its declared type.
EXTRA: dict[tuple[str, str], dict[str, Any]] = {
    ("process", "logo"): {"kind": "image", "max_pixels": MAX_LOGO_PIXELS},
    ("photo", "data"): {"kind": "image"},
    ("photo", "original"): {"kind": "image"},
    ("photo", "width"): {"lo": 0, "hi": 100_000},
    ("photo", "height"): {"lo": 0, "hi": 100_000},
    ("canvas", "kind"): {"kind": "enum", "choices": S.CANVAS_KINDS},
    ("canvas", "zones"): {"kind": "zones"},
    ("block", "minutes"): {"lo": 1, "hi": 24 * 60},
    ("note", "votes"): {"lo": 0, "hi": 1_000_000},
    ("note", "tags"): {"kind": "str_list"},
    ("note", "marks"): {"kind": "str_list"},
    ("note", "impact"): {"lo": 1, "hi": 5},
    ("note", "feasibility"): {"lo": 1, "hi": 5},
    ("participant", "consent"): {"kind": "bool"},
    ("attendance", "present"): {"kind": "bool"},
    ("minutes_entry", "kind"): {"kind": "enum", "choices": S.MINUTES_KINDS},
    ("minutes_entry", "at"): {"kind": "time", "allow_empty": True},
    ("commitment", "status"): {"kind": "enum", "choices": S.COMMITMENT_STATUSES},
    ("validation_round", "reception"): {"kind": "enum", "choices": S.RECEPTIONS},
    ("initiative", "needs_funding"): {"kind": "bool"},
    ("initiative", "smart"): {"kind": "bool_object"},
    ("monitoring_row", "on_track"): {"kind": "bool"},
    ("monitoring_row", "needs_adjustment"): {"kind": "bool"},
    ("monitoring_row", "status"): {"kind": "enum", "choices": S.MONITORING_STATUSES},
    ("run_event", "at"): {"kind": "time"},
    ("run_event", "payload"): {"kind": "object"},
}
_DECLARED = {"TEXT": "text", "INTEGER": "int", "REAL": "real", "BLOB": "blob"}


def rules_for(table: str, table_info: list[dict[str, Any]]) -> dict[str, Rule]:
    """The rule of every column of ``table``, from its ``PRAGMA table_info`` rows and ``EXTRA``."""
    rules: dict[str, Rule] = {}
    for col in table_info:
        name = col["name"]
        if name in ("created_at", "updated_at"):
            rules[name] = _STAMP
            continue
        kind = _DECLARED.get(str(col["type"]).upper(), "text")
        base: dict[str, Any] = {"kind": kind, "nullable": not col["notnull"],
                                "required": bool(col["notnull"]) and col["dflt_value"] is None}
        if kind == "int":
            base.update(lo=-MAX_INT, hi=MAX_INT)
        base.update(EXTRA.get((table, name), {}))
        rules[name] = Rule(**base)
    return rules


# -- checking one value -------------------------------------------------------------

def _text_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return _("se esperaba un texto")
    if len(value) > MAX_TEXT:
        return ngettext("el texto pasa de {n} carácter", "el texto pasa de {n} caracteres", MAX_TEXT)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("el texto tiene caracteres inválidos (sustitutos sueltos)")
    if "\x00" in value:
        return _("el texto tiene un carácter nulo")
    return None


def _range_text(rule: Rule) -> str:
    if rule.hi is not None and rule.hi < MAX_INT:
        return _("un número entero entre {lo} y {hi}", lo=int(rule.lo or 0), hi=int(rule.hi))
    if rule.lo is not None and rule.lo > -MAX_INT:
        return _("un número entero mayor o igual que {lo}", lo=int(rule.lo))
    return _("un número entero")


def _parse_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _image_problem(raw: bytes, rule: Rule) -> str | None:
    """Judge a picture from its header, as the photo import does (``facilitator.photos``): its formats, and
    its pixel limits (a JPEG decodes reduced, so it may be larger); nothing is decoded here."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=photos.accepted_formats()) as im:
                fmt, (w, h) = im.format, im.size
    except Image.DecompressionBombError:
        return _("la imagen es demasiado grande")
    except Exception:  # Pillow raises many kinds for bytes that are not an image it may open
        return _("no es una imagen que se pueda leer")
    limit = rule.max_pixels
    if fmt in ("JPEG", "MPO") and rule.max_pixels == photos.MAX_PIXELS:
        limit = photos.HARD_MAX_PIXELS
    if w < 1 or h < 1 or w * h > limit:
        return _("la imagen mide {w} × {h} píxeles; el máximo es {limit} megapíxeles", w=w, h=h,
                 limit=round(limit / 10**6, 1))
    return None


def value_problem(rule: Rule, value: Any) -> str | None:
    """Why ``value`` does not fit ``rule`` (a short phrase), or None when it fits."""
    if value is None:
        return None if rule.nullable else _("no puede quedar vacío (null)")
    kind = rule.kind
    if kind in ("int", "bool"):
        if isinstance(value, bool) or not isinstance(value, int):
            return _("se esperaba 0 o 1") if kind == "bool" else _("se esperaba {what}", what=_range_text(rule))
        lo, hi = (0, 1) if kind == "bool" else (rule.lo, rule.hi)
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return _("se esperaba 0 o 1") if kind == "bool" else _("se esperaba {what}", what=_range_text(rule))
        return None
    if kind == "real":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return _("se esperaba un número")
        if not math.isfinite(value) or abs(value) > 1e12:
            return _("el número está fuera de rango")
        return None
    if kind in ("blob", "image"):
        if not isinstance(value, (bytes, bytearray)):
            return _("se esperaban datos binarios ({\"$base64\": …})")
        if len(value) > MAX_BLOB:
            return _("los datos pasan de {n} MB", n=MAX_BLOB // 2**20)
        return _image_problem(bytes(value), rule) if kind == "image" else None
    problem = _text_problem(value)
    if problem:
        return problem
    if kind == "time":
        if rule.allow_empty and value == "":
            return None
        return None if _parse_time(value) else _("no es una fecha y hora ISO-8601")
    if kind == "enum":
        return None if value in rule.choices else _("se esperaba uno de: {choices}", choices=", ".join(rule.choices))
    if kind in ("zones", "str_list", "bool_object", "object"):
        return _json_problem(kind, value)
    return None


def _json_problem(kind: str, value: str) -> str | None:
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return _("no es JSON válido")
    if kind == "zones":
        ok = isinstance(parsed, list) and all(
            isinstance(z, dict) and isinstance(z.get("key"), str) and isinstance(z.get("label", ""), (str, dict))
            for z in parsed)
        return None if ok else _("se esperaba una lista JSON de zonas con «key» y «label»")
    if kind == "str_list":
        ok = isinstance(parsed, list) and all(isinstance(t, str) for t in parsed)
        return None if ok else _("se esperaba una lista JSON de textos")
    if kind == "bool_object":
        ok = isinstance(parsed, dict) and all(isinstance(v, bool) for v in parsed.values())
        return None if ok else _("se esperaba un objeto JSON de sí/no")
    return None if isinstance(parsed, dict) else _("se esperaba un objeto JSON")


# -- checking a whole file ----------------------------------------------------------

@dataclass
class Checked:
    """What the schema check learnt on the way: the ids each table brings."""

    ids: dict[str, set[str]] = field(default_factory=dict)


def check_rows(tables: dict[str, list[Any]], rules: dict[str, dict[str, Rule]]) -> Checked:
    """Check every row of every known table; raise RowProblem at the first bad value.

    Also refused here, because they are facts of the file alone: an id used twice
    in one table, and two attendance rows for the same person in the same workshop.
    """
    checked = Checked()
    total = sum(len(rows) for rows in tables.values() if isinstance(rows, list))
    if total > MAX_ROWS:
        raise RowProblem("tables", 0, None, "*",
                         ngettext("el archivo tiene más de {n} fila", "el archivo tiene más de {n} filas", MAX_ROWS),
                         show_value=False)
    for table, table_rules in rules.items():
        seen: set[str] = checked.ids.setdefault(table, set())
        pairs: set[tuple[Any, Any]] = set()
        for index, row in enumerate(tables.get(table, [])):
            if not isinstance(row, dict):
                raise RowProblem(table, index, None, "*", _("la fila no es un objeto JSON"), show_value=False)
            row_id = row.get("id")
            if not isinstance(row_id, str) or not _ID.fullmatch(row_id):
                raise RowProblem(table, index, None, "id", _("falta un identificador válido"), row_id)
            if row_id in seen:
                raise RowProblem(table, index, row_id, "id", _("el mismo identificador aparece dos veces"),
                                 show_value=False)
            seen.add(row_id)
            for column, rule in table_rules.items():
                if column == "id":
                    continue
                if column not in row:
                    if rule.required:
                        raise RowProblem(table, index, row_id, column, _("falta este campo obligatorio"),
                                         show_value=False)
                    continue
                problem = value_problem(rule, row[column])
                if problem:
                    raise RowProblem(table, index, row_id, column, problem, row[column])
            if table == "attendance":
                pair = (row.get("workshop_id"), row.get("participant_id"))
                if pair in pairs:
                    raise RowProblem(table, index, row_id, "participant_id",
                                     _("la misma persona figura dos veces en el mismo taller"), show_value=False)
                pairs.add(pair)
    return checked


__all__ = ["RowProblem", "Rule", "rules_for", "check_rows", "value_problem"]
