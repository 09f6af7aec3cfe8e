"""The participant registry, attendance and work groups, as undoable commands (no Qt).

People belong to the process (they come back to several workshops); attendance
and group membership belong to one workshop. Marking someone present and putting
them in a group are separate facts: a group planned before the day does not
mean the person came, so assigning a group never changes attendance.

Every function returns a command from ``facilitator.commands`` (or None when
nothing would change); the panel, the importers and the tests run them the same way.
"""

from __future__ import annotations

import random
from typing import Any, Sequence

from .commands import Command, DeleteRow, InsertRow, Macro, UpdateRow
from .document import ProcessDocument
from .domain.labels import to_key
from .domain.tags import fold
from .i18n import _, ngettext

# Readable behind black text and distinct from one another, also when printed.
PALETTE: tuple[str, ...] = ("#8ECAE6", "#F4A261", "#90BE6D", "#F9C74F",
                            "#CDB4DB", "#F28482", "#84DCC6", "#E0C097")

TEXT_FIELDS = ("name", "organisation", "sector", "gender", "territory", "contact")
FIELDS = (*TEXT_FIELDS, "consent")
SPLIT_METHODS = ("random", "sector")


# -- reading ------------------------------------------------------------------
def registry(doc: ProcessDocument, workshop_id: str | None) -> list[dict[str, Any]]:
    """Everyone in the process in registration order, with this workshop's attendance.

    Adds ``present`` (0/1), ``group_id`` and ``attendance_id`` (None without a row).
    Ties in ``created_at`` (an import) keep the order rows were inserted in.
    """
    return doc.store.query(
        "SELECT p.*, coalesce(a.present, 0) AS present, a.group_id AS group_id, a.id AS attendance_id "
        "FROM participant p LEFT JOIN attendance a ON a.participant_id = p.id AND a.workshop_id = ? "
        "WHERE p.process_id = ? ORDER BY p.created_at, p.rowid",
        (workshop_id, doc.process["id"]))


def attendance(doc: ProcessDocument, workshop_id: str, participant_id: str) -> dict[str, Any] | None:
    rows = doc.store.query("SELECT * FROM attendance WHERE workshop_id = ? AND participant_id = ?",
                           (workshop_id, participant_id))
    return rows[0] if rows else None


def group_members(doc: ProcessDocument, workshop_id: str) -> dict[str, int]:
    """How many people each group of the workshop has."""
    rows = doc.store.query("SELECT group_id, count(*) AS n FROM attendance WHERE workshop_id = ? "
                           "AND group_id IS NOT NULL GROUP BY group_id", (workshop_id,))
    return {r["group_id"]: r["n"] for r in rows}


# -- people -------------------------------------------------------------------
def _clean(field: str, value: Any) -> Any:
    if field == "consent":
        return 1 if value else 0
    if field not in TEXT_FIELDS:
        raise KeyError(field)
    text = "" if value is None else str(value)
    return to_key(text, field) if field in ("sector", "gender") else text


def add_participant(doc: ProcessDocument, values: dict[str, Any] | None = None) -> InsertRow:
    """A new person in the registry (every field may stay empty: names are never required)."""
    clean = {f: _clean(f, v) for f, v in (values or {}).items()}
    return InsertRow("participant", {"process_id": doc.process["id"], **clean}, _("Añadir participante"))


def edit_participant(doc: ProcessDocument, participant_id: str, field: str, value: Any) -> UpdateRow | None:
    """Change one field, stored verbatim; None when it already holds that value."""
    value = _clean(field, value)
    row = doc.store.get("participant", participant_id)
    if row is None or row[field] == value:
        return None
    return UpdateRow("participant", participant_id, {field: value}, _("Editar participante"))


def remove_participant(doc: ProcessDocument, participant_id: str) -> DeleteRow:
    """Remove a person with their attendance; their notes stay, unlinked (undo relinks them)."""
    row = doc.store.get("participant", participant_id)
    name = (row or {}).get("name") or _("sin nombre")
    return DeleteRow("participant", participant_id, _("Quitar participante «{name}»", name=name))


def set_present(doc: ProcessDocument, workshop_id: str, participant_id: str, present: bool) -> Command | None:
    row = attendance(doc, workshop_id, participant_id)
    text = _("Marcar asistencia") if present else _("Quitar asistencia")
    if row is None:
        return InsertRow("attendance", {"workshop_id": workshop_id, "participant_id": participant_id,
                                        "present": int(present)}, text)
    if row["present"] == int(present):
        return None
    return UpdateRow("attendance", row["id"], {"present": int(present)}, text)


def assign_group(doc: ProcessDocument, workshop_id: str, participant_id: str,
                 group_id: str | None) -> Command | None:
    """Put a person in a group of this workshop (None: no group). Attendance is left as it is."""
    row = attendance(doc, workshop_id, participant_id)
    return _assign(row, workshop_id, participant_id, group_id, _("Cambiar grupo"))


def _assign(row: dict[str, Any] | None, workshop_id: str, participant_id: str, group_id: str | None,
            text: str = "") -> Command | None:
    if row is None:
        if group_id is None:
            return None
        return InsertRow("attendance", {"workshop_id": workshop_id, "participant_id": participant_id,
                                        "present": 0, "group_id": group_id}, text)
    if row["group_id"] == group_id:
        return None
    return UpdateRow("attendance", row["id"], {"group_id": group_id}, text)


# -- groups -------------------------------------------------------------------
def next_colour(groups: Sequence[dict[str, Any]]) -> str:
    """The first palette colour no group uses yet (cycling once all are taken)."""
    used = {g["colour"].upper() for g in groups}
    for colour in PALETTE:
        if colour.upper() not in used:
            return colour
    return PALETTE[len(groups) % len(PALETTE)]


def next_group_name(groups: Sequence[dict[str, Any]]) -> str:
    taken = {fold(g["name"]) for g in groups}
    n = len(groups) + 1
    while fold(_("Grupo {n}", n=n)) in taken:
        n += 1
    return _("Grupo {n}", n=n)


def new_group(workshop_id: str, groups: Sequence[dict[str, Any]], name: str | None = None) -> InsertRow:
    """A group insert that follows ``groups`` (colour, position); the caller checks the name."""
    name = name or next_group_name(groups)
    position = max((g["position"] for g in groups), default=-1) + 1
    return InsertRow("workgroup", {"workshop_id": workshop_id, "name": name, "colour": next_colour(groups),
                                   "position": position}, _("Añadir grupo «{name}»", name=name))


def _check_name(doc: ProcessDocument, workshop_id: str, name: str, group_id: str | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValueError(_("El nombre del grupo no puede quedar vacío."))
    for g in doc.groups(workshop_id):
        if g["id"] != group_id and fold(g["name"]) == fold(name):
            raise ValueError(_("Ya existe un grupo «{name}» en este taller.", name=g["name"]))
    return name


def add_group(doc: ProcessDocument, workshop_id: str, name: str | None = None) -> InsertRow:
    """A new group with the next free colour; ValueError if the name is taken."""
    groups = doc.groups(workshop_id)
    if name is not None:
        name = _check_name(doc, workshop_id, name)
    return new_group(workshop_id, groups, name)


def rename_group(doc: ProcessDocument, group_id: str, name: str) -> UpdateRow | None:
    group = doc.store.get("workgroup", group_id)
    name = _check_name(doc, group["workshop_id"], name, group_id)
    if name == group["name"]:
        return None
    return UpdateRow("workgroup", group_id, {"name": name}, _("Renombrar grupo «{name}»", name=group["name"]))


def remove_group(doc: ProcessDocument, group_id: str) -> DeleteRow:
    """Remove a group; its members and notes lose the group (undo gives it back to them)."""
    group = doc.store.get("workgroup", group_id)
    return DeleteRow("workgroup", group_id, _("Quitar grupo «{name}»", name=group["name"]))


# -- automatic split ------------------------------------------------------------
def plan_split(people: Sequence[dict[str, Any]], n: int, method: str = "random",
               seed: int | None = None) -> list[list[str]]:
    """Deal people into ``n`` lists whose sizes differ by at most one.

    ``random`` shuffles everyone. ``sector`` shuffles within each sector and deals
    sector after sector round-robin, so each group gets a mix of actors (a sector
    with at least ``n`` people appears in every group).
    """
    if method not in SPLIT_METHODS:
        raise KeyError(method)
    n = max(1, int(n))
    rng = random.Random(seed)
    if method == "random":
        order = list(people)
        rng.shuffle(order)
    else:
        by_sector: dict[str, list[dict[str, Any]]] = {}
        for person in people:
            by_sector.setdefault(fold(person.get("sector") or ""), []).append(person)
        order = []
        for sector in sorted(by_sector, key=lambda s: (-len(by_sector[s]), s)):
            members = by_sector[sector]
            rng.shuffle(members)
            order.extend(members)
    lists: list[list[str]] = [[] for _i in range(n)]
    for k, person in enumerate(order):
        lists[k % n].append(person["id"])
    return lists


def split_groups(doc: ProcessDocument, workshop_id: str, n: int, method: str = "random",
                 seed: int | None = None) -> Macro:
    """Split the people present (everyone, if nobody is marked yet) into ``n`` groups.

    Uses the workshop's first ``n`` groups and creates the missing ones; people
    left out of the split (not present) lose their group in this workshop. One
    undo step.
    """
    rows = registry(doc, workshop_id)
    if not rows:
        raise ValueError(_("No hay participantes para dividir en grupos."))
    present = [r for r in rows if r["present"]]
    people = present or rows
    n = max(1, int(n))
    groups = doc.groups(workshop_id)
    commands: list[Command] = []
    group_ids = [g["id"] for g in groups[:n]]
    planned = list(groups)
    while len(group_ids) < n:
        insert = new_group(workshop_id, planned)
        planned.append(insert.values)
        group_ids.append(insert.id)
        commands.append(insert)
    chosen = {pid: group_ids[i] for i, ids in enumerate(plan_split(people, n, method, seed)) for pid in ids}
    by_id = {r["id"]: r for r in rows}
    for pid, row in by_id.items():
        current = None if row["attendance_id"] is None else {"id": row["attendance_id"], "group_id": row["group_id"]}
        command = _assign(current, workshop_id, pid, chosen.get(pid))
        if command is not None:
            commands.append(command)
    label = ngettext("Dividir en {n} grupo al azar", "Dividir en {n} grupos al azar", n) if method == "random" else \
        ngettext("Dividir en {n} grupo equilibrado por sector", "Dividir en {n} grupos equilibrados por sector", n)
    return Macro(commands, label)
