"""What the room is shown besides the clock: groups, their members, post-it counts (pure).

Participants' privacy matters on a projector: a member appears by name only if
the participant consented; otherwise by sector, else organisation, else as
"Participante". Counts come straight from the store so the projector follows the
note-taker's typing without keeping a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.zones import read_zones
from ..i18n import _
from ..store import Store
from ..domain.labels import show


@dataclass(frozen=True)
class RoomGroup:
    id: str
    name: str
    colour: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class ZoneCount:
    key: str
    label: str
    total: int
    by_group: tuple[tuple[str, str, int], ...]  # group name, colour, notes


def member_label(row: dict[str, Any]) -> str:
    """How a participant is shown to the room: name with consent, else a category."""
    name = str(row.get("name") or "").strip()
    if row.get("consent") and name:
        return name
    for key in ("sector", "organisation"):
        value = str(show(str(row.get(key) or "").strip()))  # a registry sector is a key of the app's words
        if value:
            return value
    return _("Participante")


def room_groups(store: Store, workshop_id: str) -> list[RoomGroup]:
    """The workshop's groups with the present participants assigned to each."""
    groups = store.query("SELECT id, name, colour FROM workgroup WHERE workshop_id = ? ORDER BY position, created_at",
                         (workshop_id,))
    rows = store.query(
        "SELECT a.group_id, p.name, p.consent, p.sector, p.organisation FROM attendance a "
        "JOIN participant p ON p.id = a.participant_id "
        "WHERE a.workshop_id = ? AND a.present = 1 AND a.group_id IS NOT NULL "
        "ORDER BY p.consent DESC, p.name COLLATE NOCASE, p.sector, p.organisation, p.created_at", (workshop_id,))
    members: dict[str, list[str]] = {}
    for row in rows:
        members.setdefault(row["group_id"], []).append(member_label(row))
    return [RoomGroup(g["id"], g["name"], g["colour"], tuple(members.get(g["id"], ()))) for g in groups]


def zone_counts(store: Store, canvas_id: str) -> list[ZoneCount]:
    """Post-its per zone of a canvas, and per group within each zone."""
    canvas = store.get("canvas", canvas_id)
    if canvas is None:
        return []
    zones = [(str(z["key"]), str(show(z.get("label")) or z["key"])) for z in read_zones(canvas["zones"])]
    rows = store.query(
        "SELECT n.zone, g.name AS group_name, g.colour, g.position, count(*) AS n FROM note n "
        "LEFT JOIN workgroup g ON g.id = n.group_id WHERE n.canvas_id = ? "
        "GROUP BY n.zone, n.group_id ORDER BY g.position, g.name", (canvas_id,))
    known = {key for key, _label in zones}
    extra = sorted({r["zone"] for r in rows if r["zone"] not in known})
    zones += [(key, key or _("Sin zona")) for key in extra]
    result = []
    for key, label in zones:
        mine = [r for r in rows if r["zone"] == key]
        by_group = tuple((r["group_name"] or _("Sin grupo"), r["colour"] or "", int(r["n"])) for r in mine)
        result.append(ZoneCount(key, label, sum(int(r["n"]) for r in mine), by_group))
    return result
