"""The recorder's work in the room: minutes, commitments and validation rounds (no Qt).

The methods ask for one person who facilitates and one who records (METHODS §1,
§6). What the recorder types is a stream of short entries, each stamped with the
time and the block the runner is in, so the report can put every idea back in
its place on the agenda. Commitments are kept apart from the stream because the
OIM good-practice sheet (Mesa Nacional) asks that they be concrete, measurable and
verifiable: each names what, who, by when and how it will be verified, and the
list of a process flows into the monitoring matrix. Validation rounds record how
each stakeholder group received a proposal, as the Quito plan's account does
(its section 3.2).

Every function returns a command from ``facilitator.commands`` (or None when
nothing would change), run by the panel through the undo stack, by tests directly.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Protocol, Sequence

from .commands import Command, DeleteRow, InsertRow, Macro, UpdateRow, reorder
from .document import ProcessDocument
from .domain.labels import show
from .domain.tags import fold
from .i18n import _, N_, ngettext
from .session.runlog import latest_run
from .session.runner import Status, SystemClock
from .store import Store
from .domain.vocabulary import COMMITMENT_STATUSES, MINUTES_KINDS, RECEPTIONS

KIND_LABELS: dict[str, str] = {
    "idea_clave": N_("Idea clave"),
    "propuesta": N_("Propuesta"),
    "acuerdo": N_("Acuerdo"),
    "compromiso": N_("Compromiso"),
    "pregunta": N_("Pregunta"),
}
assert tuple(KIND_LABELS) == MINUTES_KINDS

STATUS_LABELS: dict[str, str] = {
    "pending": N_("Pendiente"),
    "in_progress": N_("En proceso"),
    "done": N_("Cumplido"),
    "late": N_("Atrasado"),
    "dropped": N_("Desistido"),
}
assert tuple(STATUS_LABELS) == COMMITMENT_STATUSES

RECEPTION_LABELS: dict[str, str] = {
    "favourable": N_("Favorable"),
    "reservations": N_("Con reservas"),
    "objections": N_("Con objeciones"),
}
assert tuple(RECEPTION_LABELS) == RECEPTIONS

# Who speaks is written as a role, a sector or a group, not a person (METHODS §6:
# "no actor is identified by name"). The actor-map categories of the guide (§7)
# and the usual roles in the room are offered first.
ACTOR_CATEGORIES: tuple[str, ...] = (
    N_("Oficina de atención migrante"),
    N_("Fundaciones y sociedad civil"),
    N_("Gremios y sector privado"),
    N_("Servicios públicos"),
    N_("Organizaciones migrantes y pro-migrantes"),
    N_("Organismos internacionales"),
)
ROOM_ROLES: tuple[str, ...] = (N_("Plenario"), N_("Equipo facilitador"), N_("Municipio"))

ENTRY_FIELDS = ("text", "speaker", "kind", "block_id", "group_id")
COMMITMENT_FIELDS = ("what", "responsible", "due", "indicator", "target", "status", "workshop_id")
ROUND_FIELDS = ("proposal", "stakeholder", "reception", "reasons")
LIVE_STATUSES = (Status.RUNNING, Status.PAUSED, Status.INTERRUPTED)


class WallClock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware wall-clock time."""


# -- the running block ------------------------------------------------------------
def running_block(store: Store, workshop_id: str) -> str | None:
    """The block the runner's log says the room is in now, or None when no run is live.

    An interrupted run (the app stopped without ending it) still counts: the room
    carries on while the facilitator reopens the file.
    """
    record = latest_run(store, workshop_id)
    if record is None or record.status not in LIVE_STATUSES or not record.current:
        return None
    return record.current if store.get("block", record.current) is not None else None


def stamp_time(clock: WallClock) -> str:
    """The wall-clock stamp of an entry: local time with its offset, to the second."""
    return clock.now().isoformat(timespec="seconds")


def clock_text(at: str) -> str:
    """HH:MM of a stored stamp, as the room read it; '' when there is none."""
    if not at:
        return ""
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00")).strftime("%H:%M")
    except ValueError:
        return at[:5]


# -- minutes ------------------------------------------------------------------------
def entries(store: Store, workshop_id: str) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM minutes_entry WHERE workshop_id = ? ORDER BY position, created_at, rowid",
                       (workshop_id,))


def _next_position(store: Store, table: str, where: str, params: tuple) -> float:
    top = store.scalar(f"SELECT max(position) FROM {table} WHERE {where}", params)
    return float(top) + 1.0 if top is not None else 0.0


def _check_kind(kind: str) -> str:
    if kind not in MINUTES_KINDS:
        raise ValueError(f"unknown minutes kind {kind!r}")
    return kind


def add_entry(doc: ProcessDocument, workshop_id: str, text: str, *, kind: str = "idea_clave",
              speaker: str = "", block_id: str | None = None, group_id: str | None = None,
              clock: WallClock | None = None) -> InsertRow | None:
    """A new entry at the end of the minutes, stamped now; None for blank text."""
    text = text.strip()
    if not text:
        return None
    values = {"workshop_id": workshop_id, "block_id": block_id, "group_id": group_id, "kind": _check_kind(kind),
              "speaker": speaker.strip(), "text": text, "at": stamp_time(clock or SystemClock()),
              "position": _next_position(doc.store, "minutes_entry", "workshop_id = ?", (workshop_id,))}
    return InsertRow("minutes_entry", values, _("Añadir a la relatoría"))


def edit_entry(doc: ProcessDocument, entry_id: str, field: str, value: Any) -> UpdateRow | None:
    """Change one field of an entry; None when unchanged (or when the text would become empty)."""
    if field not in ENTRY_FIELDS:
        raise KeyError(field)
    row = doc.store.get("minutes_entry", entry_id)
    if row is None:
        return None
    if field in ("text", "speaker"):
        value = str(value or "").strip()
        if field == "text" and not value:
            return None
    elif field == "kind":
        value = _check_kind(value)
    else:
        value = value or None
    if row[field] == value:
        return None
    return UpdateRow("minutes_entry", entry_id, {field: value}, _("Editar la relatoría"))


def set_kind(doc: ProcessDocument, entry_ids: Iterable[str], kind: str) -> Command | None:
    """Give several entries one kind, as one undo step."""
    commands = [c for c in (edit_entry(doc, i, "kind", kind) for i in entry_ids) if c is not None]
    if not commands:
        return None
    return Macro(commands, _("Cambiar tipo: {kind}", kind=_(KIND_LABELS[kind])))


def move_entry(doc: ProcessDocument, workshop_id: str, entry_id: str, delta: int) -> Command | None:
    """Move an entry up (-1) or down (+1) in the minutes; None at either end."""
    rows = entries(doc.store, workshop_id)
    ids = [r["id"] for r in rows]
    if entry_id not in ids:
        return None
    i = ids.index(entry_id)
    j = i + delta
    if not 0 <= j < len(ids):
        return None
    ids[i], ids[j] = ids[j], ids[i]
    return reorder("minutes_entry", ids, {r["id"]: r["position"] for r in rows}, _("Reordenar la relatoría"))


def delete_entries(doc: ProcessDocument, entry_ids: Sequence[str]) -> Command | None:
    present = [i for i in entry_ids if doc.store.get("minutes_entry", i) is not None]
    if not present:
        return None
    text = ngettext("Borrar de la relatoría", "Borrar {n} entradas de la relatoría", len(present))
    return Macro([DeleteRow("minutes_entry", i) for i in present], text)


def speaker_suggestions(store: Store, workshop_id: str) -> list[str]:
    """Roles, groups, actor categories, sectors and organisations; never a person's name.

    Speakers typed earlier in the process come too, except those that are the name
    of a participant who did not consent to being named.
    """
    groups = [r["name"] for r in store.query(
        "SELECT name FROM workgroup WHERE workshop_id = ? ORDER BY position, created_at", (workshop_id,))]
    process_id = store.scalar("SELECT process_id FROM workshop WHERE id = ?", (workshop_id,))
    people = store.query("SELECT name, sector, organisation, consent FROM participant WHERE process_id = ?",
                         (process_id,))
    sectors = sorted({str(show(p["sector"].strip())) for p in people if p["sector"].strip()}, key=fold)
    organisations = sorted({p["organisation"].strip() for p in people if p["organisation"].strip()}, key=fold)
    hidden = {fold(p["name"]) for p in people if p["name"].strip() and not p["consent"]}
    used = [r["speaker"] for r in store.query(
        "SELECT DISTINCT m.speaker FROM minutes_entry m JOIN workshop w ON w.id = m.workshop_id "
        "WHERE w.process_id = ? AND m.speaker != '' ORDER BY m.speaker", (process_id,))]
    out: list[str] = []
    seen: set[str] = set()
    for value in (*groups, *(_(r) for r in ROOM_ROLES), *(_(c) for c in ACTOR_CATEGORIES), *sectors,
                  *organisations, *used):
        key = fold(value)
        if key and key not in seen and key not in hidden:
            seen.add(key)
            out.append(value)
    return out


# -- commitments ----------------------------------------------------------------------
DUE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")


def parse_due(text: str) -> date | None:
    """A deadline typed as a date (ISO or day/month/year), else None ("marzo", "2º semestre")."""
    text = (text or "").strip()
    for fmt in DUE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


_RELATIVE_DAYS = {"hoy": 0, "today": 0, "mañana": 1, "manana": 1, "tomorrow": 1, "pasado mañana": 2,
                  "pasado manana": 2}
_IN_UNITS = re.compile(r"^(?:en|in)\s+(\d{1,3})\s+(d[ií]as?|days?|semanas?|weeks?|mes(?:es)?|months?)$", re.IGNORECASE)


class DueError(ValueError):
    """A deadline that is not a date; ``str(exc)`` is the message to show."""


def due_from_input(text: str, today: date) -> str:
    """A commitment's deadline as typed → ISO date ("" when left empty); DueError if it is not a date.

    A deadline must be a day on the calendar so that it can come due and turn late:
    dates (ISO or day/month/year) and a few relative words ("mañana", "en 2 semanas",
    counted from ``today``) are taken; "marzo" or "pronto" are refused with a message.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    parsed = parse_due(text)
    if parsed is None and text.lower() in _RELATIVE_DAYS:
        parsed = today + timedelta(days=_RELATIVE_DAYS[text.lower()])
    if parsed is None and (m := _IN_UNITS.match(text)):
        n, unit = int(m.group(1)), m.group(2).lower()
        if unit.startswith(("d",)):
            parsed = today + timedelta(days=n)
        elif unit.startswith(("s", "w")):
            parsed = today + timedelta(weeks=n)
        else:
            month = today.month - 1 + n
            year, month = today.year + month // 12, month % 12 + 1
            day = min(today.day, calendar.monthrange(year, month)[1])
            parsed = date(year, month, day)
    if parsed is None:
        raise DueError(_("«{text}» no es una fecha: escriba la fecha límite como DD/MM/AAAA o AAAA-MM-DD "
                         "(también vale «mañana» o «en 2 semanas»).", text=text))
    return parsed.isoformat()


def normalise_due(text: str) -> str:
    """Dates become ISO (sortable, unambiguous); other wording is kept as typed."""
    parsed = parse_due(text)
    return parsed.isoformat() if parsed else (text or "").strip()


def effective_status(row: dict[str, Any], today: date) -> str:
    """The stored status, but 'late' when a dated deadline has passed and it is not done."""
    status = row["status"]
    if status in ("pending", "in_progress"):
        due = parse_due(row["due"])
        if due is not None and due < today:
            return "late"
    return status


def missing_parts(row: dict[str, Any]) -> list[str]:
    """What keeps a commitment from being concrete, measurable and verifiable (labels to show)."""
    checks = (("responsible", N_("responsable")), ("due", N_("plazo")), ("indicator", N_("indicador")))
    return [label for field, label in checks if not str(row.get(field) or "").strip()]


def commitments(store: Store, process_id: str, workshop_id: str | None = None) -> list[dict[str, Any]]:
    """A process's commitments (or one workshop's), with the workshop title for the list."""
    sql = ("SELECT c.*, coalesce(w.title, '') AS workshop_title FROM commitment c "
           "LEFT JOIN workshop w ON w.id = c.workshop_id WHERE c.process_id = ?")
    params: tuple = (process_id,)
    if workshop_id is not None:
        sql += " AND c.workshop_id = ?"
        params += (workshop_id,)
    return store.query(sql + " ORDER BY c.position, c.created_at, c.rowid", params)


def _clean_commitment(field: str, value: Any, today: date | None = None) -> Any:
    if field == "status":
        if value not in COMMITMENT_STATUSES:
            raise ValueError(f"unknown status {value!r}")
        return value
    if field == "workshop_id":
        return value or None
    if field == "due":
        return due_from_input(str(value or ""), today or date.today())
    return str(value or "").strip()


def add_commitment(doc: ProcessDocument, what: str, *, workshop_id: str | None = None, responsible: str = "",
                   due: str = "", indicator: str = "", target: str = "", status: str = "pending",
                   origin_entry_id: str | None = None, today: date | None = None) -> InsertRow | None:
    """A new commitment; None when it says nothing. DueError when the deadline is not a date."""
    what = what.strip()
    if not what:
        return None
    process_id = doc.process["id"]
    values = {"process_id": process_id, "workshop_id": workshop_id, "origin_entry_id": origin_entry_id,
              "what": what, **{f: _clean_commitment(f, v, today) for f, v in (
                  ("responsible", responsible), ("due", due), ("indicator", indicator), ("target", target),
                  ("status", status))},
              "position": _next_position(doc.store, "commitment", "process_id = ?", (process_id,))}
    return InsertRow("commitment", values, _("Añadir compromiso"))


def _edit_field(doc: ProcessDocument, table: str, row_id: str, field: str, value: Any, *, fields,
                clean, required: str, text: str) -> UpdateRow | None:
    """One field of a commitment or a validation round; None when nothing would change."""
    if field not in fields:
        raise KeyError(field)
    row = doc.store.get(table, row_id)
    if row is None:
        return None
    value = clean(field, value)
    if (field == required and not value) or row[field] == value:
        return None
    return UpdateRow(table, row_id, {field: value}, text)


def edit_commitment(doc: ProcessDocument, commitment_id: str, field: str, value: Any,
                    today: date | None = None) -> UpdateRow | None:
    """One field of a commitment; None when nothing changes. DueError when a deadline is not a date."""
    return _edit_field(doc, "commitment", commitment_id, field, value, fields=COMMITMENT_FIELDS,
                       clean=lambda f, v: _clean_commitment(f, v, today), required="what",
                       text=_("Editar compromiso"))


def delete_commitment(doc: ProcessDocument, commitment_id: str) -> DeleteRow | None:
    if doc.store.get("commitment", commitment_id) is None:
        return None
    return DeleteRow("commitment", commitment_id, _("Borrar compromiso"))


def move_commitment(doc: ProcessDocument, commitment_id: str, delta: int,
                    workshop_id: str | None = None) -> Command | None:
    """Swap a commitment with its neighbour in the list shown (a workshop's or the process's)."""
    everyone = commitments(doc.store, doc.process["id"])
    shown = [r["id"] for r in (everyone if workshop_id is None else
                               [r for r in everyone if r["workshop_id"] == workshop_id])]
    if commitment_id not in shown or not 0 <= shown.index(commitment_id) + delta < len(shown):
        return None
    other = shown[shown.index(commitment_id) + delta]
    ids = [r["id"] for r in everyone]
    i, j = ids.index(commitment_id), ids.index(other)
    ids[i], ids[j] = ids[j], ids[i]
    return reorder("commitment", ids, {r["id"]: r["position"] for r in everyone}, _("Reordenar compromisos"))


_LEAD = re.compile(r"^\s*(compromiso|commitment)\s*[:\-–]\s*", re.IGNORECASE)


class Promotion(Macro):
    """The commands that turn an entry into a commitment; ``commitment_id`` names the new row."""

    def __init__(self, commands: list[Command], commitment_id: str) -> None:
        super().__init__(commands, _("Convertir en compromiso"))
        self.commitment_id = commitment_id


def promote_entry(doc: ProcessDocument, entry_id: str) -> Promotion | None:
    """Turn a minutes entry into a commitment to complete (who, by when, indicator).

    The entry becomes a "compromiso" if it was not one, and the commitment keeps a
    link to it; an entry already promoted is not promoted twice (None).
    """
    row = doc.store.get("minutes_entry", entry_id)
    if row is None or doc.store.scalar("SELECT count(*) FROM commitment WHERE origin_entry_id = ?", (entry_id,)):
        return None
    create = add_commitment(doc, _LEAD.sub("", row["text"]) or row["text"], workshop_id=row["workshop_id"],
                            origin_entry_id=entry_id)
    assert create is not None  # entries are never blank
    commands: list[Command] = [create]
    if row["kind"] != "compromiso":
        commands.append(UpdateRow("minutes_entry", entry_id, {"kind": "compromiso"}))
    return Promotion(commands, create.id)


def unpromoted_entries(store: Store, workshop_id: str) -> list[dict[str, Any]]:
    """"Compromiso" entries of the minutes that have no commitment yet."""
    return store.query(
        "SELECT m.* FROM minutes_entry m WHERE m.workshop_id = ? AND m.kind = 'compromiso' AND NOT EXISTS "
        "(SELECT 1 FROM commitment c WHERE c.origin_entry_id = m.id) ORDER BY m.position, m.created_at",
        (workshop_id,))


def monitoring_rows(store: Store, process_id: str, today: date) -> list[dict[str, Any]]:
    """Commitments in the terms of the monitoring sheet (METHODS §5), one row each."""
    return [{"id": r["id"], "nombre": r["what"], "responsable": r["responsible"], "fecha_termino": r["due"],
             "indicador": r["indicator"], "meta": r["target"], "estado": effective_status(r, today),
             "fecha_ultima_revision": r["updated_at"][:10], "taller": r["workshop_title"],
             "origen": r["origin_entry_id"]}
            for r in commitments(store, process_id)]


# -- validation rounds -------------------------------------------------------------------
def rounds(store: Store, workshop_id: str) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM validation_round WHERE workshop_id = ? ORDER BY position, created_at, rowid",
                       (workshop_id,))


def _clean_round(field: str, value: Any) -> str:
    if field == "reception":
        if value not in RECEPTIONS:
            raise ValueError(f"unknown reception {value!r}")
        return value
    return str(value or "").strip()


def add_round(doc: ProcessDocument, workshop_id: str, stakeholder: str, reception: str = "favourable", *,
              reasons: str = "", proposal: str = "") -> InsertRow | None:
    """How one stakeholder group received the proposal; None without a group."""
    stakeholder = stakeholder.strip()
    if not stakeholder:
        return None
    if not proposal.strip():  # rounds of one workshop usually validate the same proposal
        last = rounds(doc.store, workshop_id)
        proposal = last[-1]["proposal"] if last else ""
    values = {"workshop_id": workshop_id, "stakeholder": stakeholder,
              "reception": _clean_round("reception", reception), "reasons": reasons.strip(),
              "proposal": proposal.strip(),
              "position": _next_position(doc.store, "validation_round", "workshop_id = ?", (workshop_id,))}
    return InsertRow("validation_round", values, _("Añadir ronda de validación"))


def edit_round(doc: ProcessDocument, round_id: str, field: str, value: Any) -> UpdateRow | None:
    return _edit_field(doc, "validation_round", round_id, field, value, fields=ROUND_FIELDS,
                       clean=_clean_round, required="stakeholder", text=_("Editar ronda de validación"))


def delete_round(doc: ProcessDocument, round_id: str) -> DeleteRow | None:
    if doc.store.get("validation_round", round_id) is None:
        return None
    return DeleteRow("validation_round", round_id, _("Borrar ronda de validación"))


def reception_counts(rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """How many stakeholder groups received the proposal each way (all three keys present)."""
    counts = dict.fromkeys(RECEPTIONS, 0)
    for r in rows:
        if r["reception"] in counts:  # a value the file should not hold is not counted
            counts[r["reception"]] += 1
    return counts
