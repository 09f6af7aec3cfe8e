"""The *Conflictos* list: fields two laptops changed apart, waiting for the facilitator's choice.

A merge (``exports.exchange``) keeps our value of such a field and records both
values here. Resolving is one undoable edit: the chosen value is written as a new
revision that replaces both laptops' revisions, so the next merge in either
direction agrees and does not ask again.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from .commands import Macro, UpdateRow
from .domain.labels import show
from .i18n import _, N_, ngettext, pgettext

TABLE_LABELS = {
    "process": N_("Proceso"), "workshop": N_("Taller"), "canvas": N_("Lienzo"), "block": N_("Bloque"),
    "participant": N_("Participante"), "workgroup": N_("Grupo"), "attendance": N_("Asistencia"),
    "theme": N_("Tema"), "note": N_("Nota"), "link": N_("Flecha"), "minutes_entry": N_("Entrada del acta"),
    "commitment": N_("Compromiso"), "validation_round": N_("Ronda de validación"), "initiative": N_("Iniciativa"),
    "monitoring_row": N_("Fila de seguimiento"), "photo": N_("Foto"), "run_event": N_("Evento de la sesión"),
}
FIELD_LABELS = {
    "text": N_("Texto"), "votes": N_("Votos"), "zone": N_("Zona"), "x": N_("Posición horizontal"),
    "y": N_("Posición vertical"), "position": N_("Orden"), "title": N_("Título"), "name": N_("Nombre"),
    "minutes": N_("Minutos"), "instruction": N_("Instrucción"), "tags": N_("Etiquetas"), "colour": N_("Color"),
    "group_id": N_("Grupo"), "theme_id": N_("Tema"), "author": N_("Autor"), "what": N_("Qué"),
    "responsible": N_("Responsable"), "status": N_("Estado"), "caption": N_("Pie de foto"),
    "description": N_("Descripción"), "place": N_("Lugar"), "date": N_("Fecha"), "objectives": N_("Objetivos"),
    "organisation": N_("Organización"), "sector": N_("Sector"), "contact": N_("Contacto"),
    "consent": N_("Consentimiento"), "present": N_("Presente"), "marks": N_("Marcas"), "impact": N_("Impacto"),
    "feasibility": N_("Factibilidad"),
}
# The columns that name a row for a person reading the list.
NAMING = ("text", "title", "name", "what", "caption", "proposal")


@dataclass(frozen=True)
class Conflict:
    id: str
    table: str
    row_id: str
    field: str
    mine: Any
    theirs: Any
    their_device: str
    created_at: str
    row_label: str  # what the row says (a note's text…), '' when it no longer exists

    @property
    def table_label(self) -> str:
        return _(TABLE_LABELS[self.table]) if self.table in TABLE_LABELS else self.table


def field_label(table: str, name: str) -> str:
    """A column as the facilitator knows it (its own name when it has no label)."""
    if name == "due":  # «Plazo» is also the board's time-horizon tag group: in English a deadline is another word
        return pgettext("fecha límite de un compromiso", "Plazo")
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def _value(raw: str) -> Any:
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    if isinstance(value, dict) and set(value) == {"$base64"}:
        try:
            return base64.b64decode(value["$base64"])
        except ValueError:
            return b""
    return value


def shown(value: Any, limit: int = 200) -> str:
    """A value as the list shows it: text as typed, empty as a dash, binary as its size."""
    if value is None or value == "":
        return "—"
    if isinstance(value, (bytes, bytearray)):
        return ngettext("(imagen de {n} byte)", "(imagen de {n} bytes)", len(value))
    text = str(show(value))  # an app word (a canvas title, a sector) in the reader's language, not its key
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row_label(doc, table: str, row_id: str) -> str:
    if table not in doc.store._columns:
        return ""
    row = doc.store.get(table, row_id)
    if row is None:
        return ""
    for name in NAMING:
        if isinstance(row.get(name), str) and row[name].strip():
            return shown(" ".join(str(show(row[name])).split()), 60)
    return row_id[:8]


def has_conflicts_table(doc) -> bool:
    return "merge_conflict" in doc.store._columns


def open_conflicts(doc) -> list[Conflict]:
    """The unresolved conflicts, oldest first."""
    if not has_conflicts_table(doc):
        return []
    rows = doc.store.query("SELECT * FROM merge_conflict WHERE resolved = '' ORDER BY created_at, id")
    return [Conflict(r["id"], r["tbl"], r["row_id"], r["field"], _value(r["mine"]), _value(r["theirs"]),
                     r["their_device"], r["created_at"], _row_label(doc, r["tbl"], r["row_id"])) for r in rows]


def count_open(doc) -> int:
    if not has_conflicts_table(doc):
        return 0
    return int(doc.store.scalar("SELECT count(*) FROM merge_conflict WHERE resolved = ''") or 0)


def resolve(doc, conflict_id: str, keep: str) -> Macro:
    """One undoable edit that settles a conflict with ``keep`` = ``'mine'`` or ``'theirs'``.

    Either way the field gets a new revision replacing both laptops' ones (even
    when keeping our value), which is what tells later merges it is settled.
    """
    if keep not in ("mine", "theirs"):
        raise ValueError(keep)
    row = doc.store.get("merge_conflict", conflict_id)
    if row is None or row["resolved"]:
        raise LookupError(conflict_id)
    commands: list[Any] = []
    target = doc.store.get(row["tbl"], row["row_id"]) if row["tbl"] in doc.store._columns else None
    if target is not None and row["field"] in target:
        value = _value(row["theirs"]) if keep == "theirs" else target[row["field"]]
        commands.append(UpdateRow(row["tbl"], row["row_id"], {row["field"]: value}))
    commands.append(UpdateRow("merge_conflict", conflict_id, {"resolved": keep}))
    text = _("Usar el valor del otro equipo") if keep == "theirs" else _("Mantener el valor de este equipo")
    return Macro(commands, text)


__all__ = ["Conflict", "open_conflicts", "count_open", "resolve", "shown", "field_label"]
