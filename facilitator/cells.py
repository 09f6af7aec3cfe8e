"""Cell values typed or pasted into the matrices and read from imported files: one reading everywhere (no Qt).

The planning sheet, the monitoring sheet, the domain functions behind them and the
CSV importers read yes/no, dates, choices and numbers here, so the same text gets
the same answer wherever it is typed or pasted.

Yes/no (the rule the README states):

* **yes**: ``sí``, ``si``, ``s``, ``yes``, ``y``, ``true``, ``verdadero``, ``1``, ``x``, ``✓``, ``✔``, ``☑``;
* **no**: ``no``, ``n``, ``false``, ``falso``, ``0``, ``✗``, ``✘``, ``☐``;
* **not answered**: an empty cell, ``sin definir``, ``undefined``, ``nd``, ``n/a``, ``no sabe``;
* anything else (``2``, ``quizás``) is refused with a message, and nothing is stored.

Case and accents do not matter. A true/false value is yes/no; the numbers 1 and 0
are yes and no, any other number is refused.

``Column`` is the one description of a column of such a table: the stored field,
its Spanish header, how its values are read (``kind``), its width, its tip, and
whether it may be edited or left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from .domain.tags import fold, resolve
from .i18n import N_, _
from .record import normalise_due, parse_due
from .tsv import line_breaks

YES_NO_LABELS: dict[Any, str] = {1: N_("Sí"), 0: N_("No"), None: N_("Sin definir")}
YES_WORDS = frozenset({"si", "s", "yes", "y", "true", "verdadero", "1", "x"})
NO_WORDS = frozenset({"no", "n", "false", "falso", "0"})
UNANSWERED = frozenset({"", "sin definir", "undefined", "nd", "n a", "no sabe"})
MARKS = {"✓": 1, "✔": 1, "☑": 1, "✗": 0, "✘": 0, "☐": 0}
KINDS = ("text", "yesno", "date", "deadline", "choice", "number")


class CellError(ValueError):
    """A value that cannot be stored; ``message`` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its field, header (Spanish source, through ``N_``) and kind.

    ``kind``: ``text`` (free text, may hold line breaks), ``yesno`` (1 / 0 / NULL shown
    Sí / No / blank), ``date`` (a day: day/month/year or ISO becomes ISO, other text is
    refused), ``deadline`` (a date becomes ISO, other wording such as "2º semestre" is
    kept), ``choice`` (one of ``choices``: key → Spanish label, or the model's choices
    when they come from the file), ``number`` (a whole number). ``required`` columns are
    skipped by Delete and by a blank pasted cell. ``parse`` replaces the kind's reading
    (raise ``CellError`` with the message to show). ``group`` heads a set of columns.
    """

    field: str
    title: str
    kind: str = "text"
    width: int = 160
    tip: str = ""
    editable: bool = True
    required: bool = False
    choices: Mapping[Any, str] | None = None
    group: str = ""
    parse: Callable[[Any], Any] | None = field(default=None, compare=False)


def parse_yes_no(value: Any) -> int | None:
    """1, 0 or None (not answered) from a bool, 0/1, or typed/pasted text; CellError for anything else."""
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return int(value)
    text = str(value).strip()
    if text in MARKS:
        return MARKS[text]
    if re.fullmatch(r"[+-]?\d+([.,]\d*)?", text) and text not in ("0", "1"):
        raise _not_yes_no(text)  # 2, -1, 0.5: numbers are not answers (fold would read "-1" as "1")
    folded = fold(text)
    if folded in YES_WORDS or folded == fold(_("Sí")):
        return 1
    if folded in NO_WORDS:
        return 0
    if folded in UNANSWERED or folded == fold(_("Sin definir")):
        return None
    raise _not_yes_no(text)


def _not_yes_no(text: str) -> CellError:
    return CellError(_("«{value}» no es una respuesta de Sí o No: se acepta Sí, No o Sin definir (vacío).",
                       value=text))


def yes_no_label(value: Any) -> str:
    """Sí / No / "" as shown in a sheet (in the UI's language)."""
    return "" if value is None else _(YES_NO_LABELS[int(bool(value))])


def parse_date(value: Any) -> str:
    """ISO date from what the user typed ('' stays ''); CellError when it cannot be read as a date."""
    text = str(value or "").strip()
    if not text:
        return ""
    parsed = parse_due(text)
    if parsed is None:
        raise CellError(_("«{text}» no es una fecha. Escriba, por ejemplo, 2026-03-31 o 31/03/2026.", text=text))
    return parsed.isoformat()


def parse_deadline(value: Any) -> str:
    """A date becomes ISO; a deadline in words ("2º semestre") is kept as typed."""
    return normalise_due(str(value or "").strip())


def parse_number(value: Any) -> int | None:
    """A whole number (spreadsheets write 3 as "3.0" or "3,0"); None when empty; CellError otherwise."""
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+[.,]0+", text):
        return int(re.split(r"[.,]", text)[0])
    raise CellError(_("«{value}» no es un número entero.", value=text))


def parse_choice(value: Any, choices: Sequence[tuple[Any, str]], required: bool) -> Any:
    """The key of a choice named by its key or its label (accents and case do not matter)."""
    keys = [k for k, _label in choices]
    if value in keys:
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise CellError(_("No puede quedar vacío."))
        return next((k for k in keys if not k), "")
    found = resolve(text, {str(k): [label] for k, label in choices})
    if found.key is not None:
        return next(k for k in keys if str(k) == found.key)
    names = ", ".join(f"«{label}»" for _k, label in choices if label)
    raise CellError(_("«{value}» no es una opción de esta columna ({names}).", value=text, names=names))


def read(column: Column, raw: Any, choices: Sequence[tuple[Any, str]] = ()) -> Any:
    """What is stored in ``column`` for ``raw`` (typed text, pasted text or an editor's value)."""
    if column.parse is not None:
        return column.parse(raw)
    if column.kind == "yesno":
        return parse_yes_no(raw)
    if column.kind == "choice":
        return parse_choice(raw, choices or list((column.choices or {}).items()), column.required)
    if column.kind == "number":
        return parse_number(raw)
    text = line_breaks("" if raw is None else str(raw)).strip()
    if column.kind == "date":
        text = parse_date(text)
    elif column.kind == "deadline":
        text = parse_deadline(text)
    if column.required and not text:
        raise CellError(_("No puede quedar vacío."))
    return text
