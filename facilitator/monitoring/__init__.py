"""The monitoring matrix (planilla de seguimiento) of a policy's initiatives, as undoable edits (no Qt).

The guide's monitoring sheet (Guía Práctica, "Instrumentos para el seguimiento y
evaluación de la Política"; METHODS §5) has one row per initiative with its
general data and progress (nombre, objetivo, responsable, fechas, indicador,
meta, estado actual, fecha de la última revisión) and a quick evaluation
(¿en curso según lo planificado?, logros, desafíos, ¿ajustes?, ajustes
sugeridos, responsable, plazos). Rows are carried over from the planning
matrices' initiatives or from the process's commitments, so nobody retypes
them, and keep a link to where they came from (the OIM good-practice sheet asks for commitments
that are concrete, measurable and verifiable, followed with indicators).

A row also has a status the user sets (sin iniciar, en curso, atrasada,
cumplida); what the sheet shows is the *effective* status, which turns to
"atrasada" when the estimated end date has passed or the quick evaluation says
it is not on track, with the reason, so a review session sees at a glance what
needs attention.

Every edit function returns a command from ``facilitator.commands`` (or None
when nothing would change) and raises ``BadValue`` with a message in the
user's language for input that cannot be stored (a date that cannot be read,
a "quizás" in a yes/no column); the caller runs the command through the undo
stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, NamedTuple, Sequence

from ..commands import Command, DeleteRow, InsertRow, Macro, UpdateRow, reorder
from ..document import ProcessDocument
from ..domain.tags import fold
from ..domain.vocabulary import MONITORING_STATUSES
from ..domain.zones import read_zones
from ..cells import CellError, Column, read
from ..i18n import _, N_, ngettext, Nn_
from ..record import STATUS_LABELS as COMMITMENT_LABELS
from ..record import commitments, parse_due
from ..store import Store
from ..domain.labels import show

TABLE = "monitoring_row"
KIND = "monitoring_matrix"


# -- the columns of the method ----------------------------------------------------------
# The method's parts, headed over their columns (the status badge before them has no heading).
GROUPS: dict[str, str] = {
    "general": N_("Datos generales"),
    "progress": N_("Avance y resultados"),
    "quick": N_("Evaluación rápida"),
}

DATE_TIP = N_("Una fecha: 2026-03-31, 31/03/2026 o 31-03-2026")

STATUS_LABELS: dict[str, str] = {
    "not_started": N_("Sin iniciar"),
    "on_track": N_("En curso"),
    "late": N_("Atrasada"),
    "done": N_("Cumplida"),
}

# The status badge first (what a review session looks at), then the method's columns in its order.
COLUMNS: tuple[Column, ...] = (
    Column("status", N_("Estado"), "choice", 134, required=True, group="status", choices=STATUS_LABELS,
           tip=N_("Sin iniciar, en curso, atrasada o cumplida. Se muestra «atrasada» si venció la fecha estimada de "
                  "término o si no está en curso según lo planificado."), parse=lambda value: parse_status(value)),
    Column("name", N_("Nombre"), width=230, tip=N_("Nombre de la iniciativa"), group="general"),
    Column("objective", N_("Objetivo"), width=230, group="general"),
    Column("responsible", N_("Responsable"), width=150, tip=N_("Unidad o persona responsable de la iniciativa"),
           group="general"),
    Column("start_date", N_("Fecha de inicio"), "date", 104, tip=DATE_TIP, group="general"),
    Column("end_date", N_("Fecha estimada de término"), "date", 118, tip=DATE_TIP, group="general"),
    Column("indicator", N_("Indicador"), width=180, group="progress", tip=N_("Cómo se mide el avance")),
    Column("target", N_("Meta"), width=150, group="progress"),
    Column("current_state", N_("Estado actual"), width=220, group="progress",
           tip=N_("En qué está hoy la iniciativa, en palabras")),
    Column("last_review", N_("Fecha última revisión"), "date", 112, group="progress", tip=DATE_TIP),
    Column("on_track", N_("¿Está en curso según lo planificado?"), "yesno", 150, group="quick", tip=N_("Sí o No")),
    Column("achievements", N_("Principales logros"), width=200, group="quick"),
    Column("challenges", N_("Desafíos destacados"), width=200, group="quick"),
    Column("needs_adjustment", N_("¿Se necesitan ajustes?"), "yesno", 124, group="quick", tip=N_("Sí o No")),
    Column("adjustments", N_("Ajustes sugeridos"), width=200, group="quick"),
    Column("adjustment_responsible", N_("Responsable"), width=150, group="quick",
           tip=N_("Responsable de los ajustes")),
    Column("adjustment_deadline", N_("Plazos"), "deadline", 120, group="quick",
           tip=N_("Plazo de los ajustes: una fecha o un plazo en palabras")),
)
FIELDS: tuple[str, ...] = tuple(c.field for c in COLUMNS)
BY_FIELD: dict[str, Column] = {c.field: c for c in COLUMNS}

assert tuple(STATUS_LABELS) == MONITORING_STATUSES



def status_label(status: str) -> str:
    """A status's word in the UI language."""
    return _(STATUS_LABELS[status])

# Colour of each status badge; the badge always carries its word too (never colour alone).
STATUS_COLOURS: dict[str, str] = {"not_started": "#5F6B76", "on_track": "#1F6F8B", "late": "#B3261E",
                                  "done": "#2E7D32"}

# Commitment status → monitoring status when a commitment is carried over.
COMMITMENT_TO_STATUS: dict[str, str] = {"pending": "not_started", "in_progress": "on_track", "done": "done",
                                        "late": "late", "dropped": "not_started"}

# The method's guiding questions for a review session (Guía Práctica, 5.2 "Seguimiento periódico").
GUIDING_QUESTIONS: tuple[str, ...] = (
    N_("¿Cuáles han sido los avances en las iniciativas desde la última revisión?"),
    N_("¿Qué nivel de cumplimiento presentan las metas definidas en la Política?"),
    N_("¿Qué aprendizajes hemos tenido que nos pueden permitir mejorar la implementación para este próximo "
       "período?"),
    N_("¿Qué obstáculos nos hemos encontrado en la implementación de las iniciativas?"),
    N_("¿Qué medidas podemos tomar para abordar estos obstáculos?"),
)

# The annual evaluation's five areas (Guía Práctica, "Instrumentos para el seguimiento y evaluación").
EVALUATION_CRITERIA: tuple[tuple[str, str], ...] = (
    (N_("Pertinencia"), N_("¿Las iniciativas respondieron a las necesidades de las personas migrantes y de las "
                           "comunidades de acogida?")),
    (N_("Eficiencia"), N_("¿Hubo la coordinación necesaria para evitar duplicar esfuerzos, con iniciativas "
                          "complementarias y coherentes?")),
    (N_("Eficacia"), N_("¿Se llevaron a cabo las iniciativas, se cumplieron las metas y están satisfechas las "
                        "personas beneficiarias con el proceso y los apoyos recibidos?")),
    (N_("Impacto"), N_("¿Cumplieron sus objetivos, fortaleciendo la integración de las personas migrantes y las "
                       "comunidades de acogida y las capacidades de la Municipalidad en migración?")),
    (N_("Sostenibilidad"), N_("¿Existen estructuras, recursos y procesos para que los beneficios permanezcan en "
                              "el tiempo?")),
)


BadValue = CellError  # input that cannot be stored in a column; its message is for the user


# -- reading values (facilitator.cells, with the status of this sheet) ---------------------
def parse_status(value: Any) -> str:
    """A status key from its key or its label in either language (pasted sheets carry labels)."""
    text = str(value or "").strip()
    if text in MONITORING_STATUSES:
        return text
    wanted = fold(text)
    for key, label in STATUS_LABELS.items():
        if wanted and wanted in (fold(label), fold(status_label(key)), fold(key.replace("_", " "))):
            return key
    raise BadValue(_("«{text}» no es un estado. Use: {choices}.", text=text,
                     choices=", ".join(status_label(key) for key in STATUS_LABELS)))


def clean(field: str, value: Any) -> Any:
    """The value to store in ``field`` (raises BadValue with the user's message, KeyError for no such field)."""
    column = BY_FIELD[field]
    if column.kind == "text":
        return str(value or "").strip()
    return read(column, value)


# -- status ----------------------------------------------------------------------------------
class Effective(NamedTuple):
    status: str
    reason: str  # why it differs from the stored status ('' when it does not)


def effective_status(row: dict[str, Any], today: date) -> Effective:
    """The stored status, but late when the end date has passed or it is not on track (and not done)."""
    stored = row.get("status") or "not_started"
    if stored not in MONITORING_STATUSES:  # a file may hold anything: an unknown status reads as not started
        stored = "not_started"
    if stored == "done":
        return Effective(stored, "")
    end = parse_due(row.get("end_date") or "")
    if end is not None and end < today:
        return Effective("late", "" if stored == "late" else
                         _("La fecha estimada de término ({date}) ya pasó y no está cumplida.", date=end.isoformat()))
    if row.get("on_track") == 0:
        return Effective("late", "" if stored == "late" else
                         _("La evaluación rápida dice que no está en curso según lo planificado."))
    return Effective(stored, "")


def date_problems(row: dict[str, Any]) -> dict[str, str]:
    """Cells whose dates contradict each other, with what to tell the user (field → message)."""
    start, end = parse_due(row.get("start_date") or ""), parse_due(row.get("end_date") or "")
    if start is not None and end is not None and end < start:
        return {"end_date": _("La fecha de término ({end}) es anterior a la de inicio ({start}).",
                              end=end.isoformat(), start=start.isoformat())}
    return {}


def counts(rows: Iterable[dict[str, Any]], today: date) -> dict[str, int]:
    """How many rows are in each effective status (every status key present)."""
    out = dict.fromkeys(MONITORING_STATUSES, 0)
    for row in rows:
        out[effective_status(row, today).status] += 1
    return out


def summary_text(tally: dict[str, int]) -> str:
    """"12 iniciativas: 7 en curso, 3 atrasadas, 2 cumplidas" (statuses with none are left out)."""
    total = sum(tally.values())
    if not total:
        return _("Todavía no hay iniciativas en la planilla.")
    parts = []
    for key, (one, many) in (("on_track", Nn_("{n} en curso", "{n} en curso")),
                             ("late", Nn_("{n} atrasada", "{n} atrasadas")),
                             ("done", Nn_("{n} cumplida", "{n} cumplidas")),
                             ("not_started", Nn_("{n} sin iniciar", "{n} sin iniciar"))):
        if tally[key]:
            parts.append(ngettext(one, many, tally[key]))
    head = ngettext("{n} iniciativa", "{n} iniciativas", total)
    return _("{head}: {parts}", head=head, parts=", ".join(parts))


# -- reading the file --------------------------------------------------------------------
def canvases(store: Store, workshop_id: str) -> list[dict[str, Any]]:
    """The workshop's monitoring sheets, in their order."""
    return store.query("SELECT * FROM canvas WHERE workshop_id = ? AND kind = ? ORDER BY position, created_at",
                       (workshop_id, KIND))


def rows(store: Store, canvas_id: str) -> list[dict[str, Any]]:
    return store.query(f"SELECT * FROM {TABLE} WHERE canvas_id = ? ORDER BY position, created_at, rowid",
                       (canvas_id,))


def _process_of_canvas(store: Store, canvas_id: str) -> str:
    return store.scalar("SELECT w.process_id FROM canvas c JOIN workshop w ON w.id = c.workshop_id WHERE c.id = ?",
                        (canvas_id,))


def _axes(zones_json: str) -> list[tuple[str, str]]:
    """(key, label) of a planning matrix's axes, in their order (an unreadable list reads as none)."""
    return [(z["key"], show(z.get("label")) or z["key"]) for z in read_zones(zones_json)]


def _initiatives(store: Store, process_id: str, where: str = "", params: tuple = ()) -> list[dict[str, Any]]:
    found = store.query(
        "SELECT i.*, c.title AS canvas_title, c.zones AS canvas_zones, c.position AS canvas_position, "
        "w.id AS workshop_id, w.title AS workshop_title, w.position AS workshop_position "
        "FROM initiative i JOIN canvas c ON c.id = i.canvas_id JOIN workshop w ON w.id = c.workshop_id "
        f"WHERE w.process_id = ? AND c.kind = 'planning_matrix' {where}", (process_id, *params))
    for row in found:
        axes = _axes(row.pop("canvas_zones"))
        keys = [k for k, _label in axes]
        row["axis_label"] = dict(axes).get(row["axis"], row["axis"])
        row["canvas_title"] = show(row["canvas_title"])
        row["axis_order"] = keys.index(row["axis"]) if row["axis"] in keys else len(keys)
    found.sort(key=lambda r: (r["workshop_position"], r["canvas_position"], r["axis_order"], r["position"],
                              r["created_at"]))
    return found


@dataclass(frozen=True)
class Candidate:
    """Something that can be carried into a monitoring sheet, with where it comes from."""

    id: str
    kind: str  # initiative | commitment
    name: str
    detail: str  # responsible unit, deadline…
    workshop: str
    section: str  # the axis of an initiative; '' for a commitment
    carried: bool  # already a row of this sheet


def _initiative_name(row: dict[str, Any]) -> str:
    return row["name"].strip() or row["description"].strip().split("\n")[0] or row["strategy"].strip()


def initiative_candidates(store: Store, canvas_id: str) -> list[Candidate]:
    """Every initiative of the process's planning matrices, by workshop, matrix, axis and position."""
    found = _initiatives(store, _process_of_canvas(store, canvas_id))
    carried = _carried(store, canvas_id, "origin_initiative_id")
    return [Candidate(r["id"], "initiative", _initiative_name(r) or _("(sin nombre)"),
                      " · ".join(p for p in (r["unit"].strip(), r["period"].strip()) if p),
                      r["workshop_title"], r["axis_label"], r["id"] in carried) for r in found]


def commitment_candidates(store: Store, canvas_id: str) -> list[Candidate]:
    """Every commitment of the process, in the order of its list."""
    carried = _carried(store, canvas_id, "origin_commitment_id")
    return [Candidate(r["id"], "commitment", r["what"],
                      " · ".join(p for p in (r["responsible"], r["due"], _(COMMITMENT_LABELS[r["status"]])) if p),
                      r["workshop_title"], "", r["id"] in carried)
            for r in commitments(store, _process_of_canvas(store, canvas_id))]


def _carried(store: Store, canvas_id: str, column: str) -> set[str]:
    return {r["o"] for r in store.query(f"SELECT {column} AS o FROM {TABLE} WHERE canvas_id = ? AND {column} "
                                        "IS NOT NULL", (canvas_id,))}


# -- where a row came from ---------------------------------------------------------------
@dataclass(frozen=True)
class CarriedFrom:
    """The planning initiative or the commitment a monitoring row was carried from.

    Not a note: where a brought note came from is ``facilitator.provenance.Origin``.
    """

    kind: str  # initiative | commitment | none | missing
    text: str  # one or more lines to show, in the user's language


def origin(store: Store, row: dict[str, Any]) -> CarriedFrom:
    """Which workshop, axis and initiative (or which commitment) a row was carried from."""
    if row.get("origin_initiative_id"):
        found = _initiatives(store, _process_of_canvas(store, row["canvas_id"]), "AND i.id = ?",
                             (row["origin_initiative_id"],))
        if not found:
            return CarriedFrom("missing", _("Venía de una iniciativa de la planificación que ya no existe (se borró)."))
        i = found[0]
        lines = [_("De la planificación: taller «{workshop}», eje «{axis}».", workshop=i["workshop_title"],
                   axis=i["axis_label"]),
                 _("Iniciativa: {name}", name=_initiative_name(i) or _("(sin nombre)"))]
        if i["period"].strip():
            lines.append(_("Periodo de ejecución: {period}", period=i["period"].strip()))
        return CarriedFrom("initiative", "\n".join(lines))
    if row.get("origin_commitment_id"):
        c = store.query("SELECT c.*, coalesce(w.title, '') AS workshop_title FROM commitment c "
                        "LEFT JOIN workshop w ON w.id = c.workshop_id WHERE c.id = ?", (row["origin_commitment_id"],))
        if not c:
            return CarriedFrom("missing", _("Venía de un compromiso que ya no existe (se borró)."))
        lines = [_("Del compromiso: {what}", what=c[0]["what"])]
        if c[0]["workshop_title"]:
            lines.append(_("Taller: {workshop}", workshop=c[0]["workshop_title"]))
        if c[0]["due"]:
            lines.append(_("Plazo del compromiso: {due}", due=c[0]["due"]))
        return CarriedFrom("commitment", "\n".join(lines))
    return CarriedFrom("none", _("Sin vínculo con una iniciativa de la planificación ni con un compromiso."))


# -- building rows from their origins ------------------------------------------------------
_RANGE = re.compile(r"\s+(?:-|–|—|a|al|hasta)\s+|\s*[–—]\s*", re.IGNORECASE)


def period_dates(period: str) -> tuple[str, str]:
    """(start, end) ISO dates from an initiative's period, when it reads as dates; '' for what does not.

    "31/12/2027" is an end date; "2026-03-01 – 2027-06-30" or "01/03/2026 al 30/06/2027" give
    both. Wording ("2026-2027", "segundo semestre") gives nothing: the origin trace shows it.
    """
    text = (period or "").strip()
    whole = parse_due(text)
    if whole is not None:
        return "", whole.isoformat()
    parts = _RANGE.split(text)
    if len(parts) == 2:
        start, end = parse_due(parts[0]), parse_due(parts[1])
        if start is not None and end is not None:
            return start.isoformat(), end.isoformat()
    return "", ""


def from_initiative(i: dict[str, Any]) -> dict[str, Any]:
    """The monitoring fields an initiative fills: its name, objective, unit, indicators, goal and dates."""
    start, end = period_dates(i["period"])
    return {"name": _initiative_name(i), "objective": i["objective"].strip() or i["description"].strip(),
            "responsible": i["unit"].strip(), "indicator": i["indicators"].strip(), "target": i["goal"].strip(),
            "start_date": start, "end_date": end}


def from_commitment(c: dict[str, Any]) -> dict[str, Any]:
    """The monitoring fields a commitment fills: what, who, by when (a date), indicator, target, status."""
    due = parse_due(c["due"])
    return {"name": c["what"].strip(), "responsible": c["responsible"].strip(),
            "end_date": due.isoformat() if due else "", "indicator": c["indicator"].strip(),
            "target": c["target"].strip(), "status": COMMITMENT_TO_STATUS[c["status"]]}


# -- commands ------------------------------------------------------------------------------
def _next_position(store: Store, canvas_id: str) -> float:
    top = store.scalar(f"SELECT max(position) FROM {TABLE} WHERE canvas_id = ?", (canvas_id,))
    return float(top) + 1.0 if top is not None else 0.0


def _blank(canvas_id: str, position: float) -> dict[str, Any]:
    return {"canvas_id": canvas_id, "status": "not_started", "position": position}


def add_row(doc: ProcessDocument, canvas_id: str, values: dict[str, Any] | None = None, *,
            after: str | None = None) -> InsertRow:
    """A new row at the end (or right after the row ``after``), with the given fields read like typed input."""
    store = doc.store
    position = _next_position(store, canvas_id)
    if after is not None:
        ordered = rows(store, canvas_id)
        at = next((n for n, r in enumerate(ordered) if r["id"] == after), None)
        if at is not None:
            here = ordered[at]["position"]
            position = (here + ordered[at + 1]["position"]) / 2 if at + 1 < len(ordered) else here + 1.0
    cleaned = {f: clean(f, v) for f, v in (values or {}).items()}
    return InsertRow(TABLE, {**_blank(canvas_id, position), **cleaned}, _("Añadir iniciativa al seguimiento"))


def add_rows(doc: ProcessDocument, canvas_id: str, values: Sequence[dict[str, Any]]) -> list[InsertRow]:
    """New rows at the end, in the order given (a pasted block), each with its fields read like typed input."""
    position = _next_position(doc.store, canvas_id)
    return [InsertRow(TABLE, {**_blank(canvas_id, position + n),
                              **{f: clean(f, v) for f, v in v_.items() if f in BY_FIELD}})
            for n, v_ in enumerate(values)]


def edit_field(doc: ProcessDocument, row_id: str, field: str, value: Any) -> UpdateRow | None:
    """Change one cell; None when unchanged; BadValue (nothing stored) when the value cannot be read."""
    return edit_fields(doc, row_id, {field: value})


def edit_fields(doc: ProcessDocument, row_id: str, values: dict[str, Any]) -> UpdateRow | None:
    """Change several cells of one row as one edit (a pasted line); BadValue if any cannot be read."""
    for field in values:
        if field not in BY_FIELD:
            raise KeyError(field)
    row = doc.store.get(TABLE, row_id)
    if row is None:
        return None
    changes = {f: v for f, v in ((f, clean(f, v)) for f, v in values.items()) if row[f] != v}
    if not changes:
        return None
    return UpdateRow(TABLE, row_id, changes, _("Editar el seguimiento"))


def delete_rows(doc: ProcessDocument, row_ids: Sequence[str]) -> Macro | None:
    ids = [i for i in dict.fromkeys(row_ids) if doc.store.get(TABLE, i) is not None]
    if not ids:
        return None
    text = ngettext("Borrar fila del seguimiento", "Borrar {n} filas del seguimiento", len(ids))
    return Macro([DeleteRow(TABLE, i) for i in ids], text)


def move_row(doc: ProcessDocument, row_id: str, delta: int) -> Command | None:
    """Swap a row with its neighbour above (-1) or below (+1); None at either end."""
    row = doc.store.get(TABLE, row_id)
    if row is None:
        return None
    ordered = rows(doc.store, row["canvas_id"])
    ids = [r["id"] for r in ordered]
    i = ids.index(row_id)
    j = i + delta
    if not 0 <= j < len(ids):
        return None
    ids[i], ids[j] = ids[j], ids[i]
    return reorder(TABLE, ids, {r["id"]: r["position"] for r in ordered}, _("Reordenar el seguimiento"))


def mark_reviewed(doc: ProcessDocument, row_ids: Sequence[str], today: date) -> Macro | None:
    """Set "Fecha última revisión" to today on the rows, as one undo step."""
    stamp = today.isoformat()
    commands = [UpdateRow(TABLE, r["id"], {"last_review": stamp})
                for r in (doc.store.get(TABLE, i) for i in dict.fromkeys(row_ids))
                if r is not None and r["last_review"] != stamp]
    if not commands:
        return None
    return Macro(commands, _("Marcar como revisada hoy"))


class CarryOver(Macro):
    """New rows made from initiatives or commitments; ``row_ids`` are the new rows, ``skipped`` how many
    asked for were already in the sheet."""

    def __init__(self, commands: list[Command], text: str, skipped: int) -> None:
        super().__init__(commands, text)
        self.row_ids = [c.id for c in commands if isinstance(c, InsertRow)]
        self.skipped = skipped


def _carry(doc: ProcessDocument, canvas_id: str, wanted: Sequence[str], column: str,
           found: dict[str, dict[str, Any]], fill, text: str) -> CarryOver | None:
    carried = _carried(doc.store, canvas_id, column)
    position = _next_position(doc.store, canvas_id)
    commands: list[Command] = []
    skipped = 0
    for source_id in dict.fromkeys(wanted):
        if source_id not in found:
            continue
        if source_id in carried:
            skipped += 1
            continue
        values = {**_blank(canvas_id, position), **fill(found[source_id]), column: source_id}
        commands.append(InsertRow(TABLE, values))
        position += 1.0
    if not commands and not skipped:
        return None
    return CarryOver(commands, text, skipped)


def carry_initiatives(doc: ProcessDocument, canvas_id: str, initiative_ids: Sequence[str]) -> CarryOver | None:
    """Rows for the chosen planning initiatives (one undo step); those already in the sheet are skipped.

    A result with no new rows (everything was there) still tells how many were skipped;
    running it changes nothing.
    """
    process_id = _process_of_canvas(doc.store, canvas_id)
    found = {r["id"]: r for r in _initiatives(doc.store, process_id)}
    return _carry(doc, canvas_id, initiative_ids, "origin_initiative_id", found, from_initiative,
                  _("Traer iniciativas de la planificación"))


def carry_commitments(doc: ProcessDocument, canvas_id: str, commitment_ids: Sequence[str]) -> CarryOver | None:
    """Rows for the chosen commitments (one undo step); those already in the sheet are skipped."""
    process_id = _process_of_canvas(doc.store, canvas_id)
    found = {r["id"]: r for r in doc.store.query("SELECT * FROM commitment WHERE process_id = ?", (process_id,))}
    return _carry(doc, canvas_id, commitment_ids, "origin_commitment_id", found, from_commitment,
                  _("Traer compromisos"))


def carry_message(result: CarryOver) -> str:
    """What to tell the user after a carry-over: how many rows came and how many were already there."""
    added = len(result.row_ids)
    head = _("No se agregó ninguna fila.") if not added else ngettext("Se agregó {n} fila.", "Se agregaron {n} filas.", added)
    if not result.skipped:
        return head
    tail = ngettext("{n} ya estaba en la planilla y se omitió.", "{n} ya estaban en la planilla y se omitieron.",
                    result.skipped)
    return f"{head} {tail}"


def refresh_from_origin(doc: ProcessDocument, row_id: str) -> UpdateRow | None:
    """Copy the origin's current fields again (None when nothing changes or there is no origin).

    Only fields the origin fills are touched, and an empty value at the origin never
    wipes what was written in the sheet (a period that is not a date keeps the dates).
    """
    row = doc.store.get(TABLE, row_id)
    if row is None:
        return None
    if row["origin_initiative_id"]:
        found = doc.store.get("initiative", row["origin_initiative_id"])
        fresh = from_initiative(found) if found else None
    elif row["origin_commitment_id"]:
        found = doc.store.get("commitment", row["origin_commitment_id"])
        fresh = from_commitment(found) if found else None
    else:
        fresh = None
    if not fresh:
        return None
    changes = {f: v for f, v in fresh.items() if v not in ("", None) and row[f] != v}
    if not changes:
        return None
    return UpdateRow(TABLE, row_id, changes, _("Actualizar desde el origen"))
