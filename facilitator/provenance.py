"""Where a brought-over item came from, said one way everywhere (no Qt).

A FODA note copied from a board keeps the board note's id (``note.origin_id``); an
initiative made from a note keeps it too (``initiative.origin_note_id``). This
module holds the one join from such a note to its canvas, zone, workshop and
group (``note_origins``), the one "which notes are already in this canvas" query
(``brought_ids``), the one query of notes a picker offers (``source_notes``), and
the one ``Origin`` with its one wording, used by the panels and the exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from .document import ProcessDocument
from .domain.zones import read_zones, zone_label
from .i18n import _
from .store import Store
from .domain.labels import show, show_zones

# Where the id of the note an item was brought from is kept, by table.
ORIGIN_COLUMNS = {"note": "origin_id", "initiative": "origin_note_id"}


@dataclass(frozen=True)
class Origin:
    """The note an item was brought from and its place; ``exists`` is False once that note was deleted."""

    exists: bool = True
    text: str = ""
    workshop: str = ""
    canvas: str = ""
    zone: str = ""
    group: str = ""

    def where(self) -> str:
        """«Workshop · canvas · zone · group», each said once (a canvas often bears its workshop's title)."""
        return " · ".join(dict.fromkeys(x for x in (self.workshop, self.canvas, self.zone, self.group) if x))

    def describe(self) -> str:
        """The one sentence panels show (a card's tooltip, the initiative form)."""
        if not self.exists:
            return _("Origen: una nota que ya no existe.")
        return _("Origen: «{text}» — {where}", text=self.text, where=self.where())

    def cite(self, t: Callable[..., str] = _, same: str | None = None) -> str:
        """How a report cites it, in the report's language ``t``: «text» (where); only where when the text is ``same``."""
        if not self.exists:
            return t("la nota de origen ya no existe")
        if same is not None and self.text == same:
            return self.where()
        return t("«{text}» ({where})", text=self.text, where=self.where())


def note_origins(store: Store, ids: Iterable[str], *, pick: Callable[[Any], str] | None = None,
                 scrub: Callable[[str], str] | None = None) -> dict[str, Origin]:
    """The notes ``ids`` as origins (one query per 500 ids); a note that no longer exists says so.

    ``pick`` turns a stored zone label or canvas title into text (a report picks its
    language; by default an app word in the UI's language, anything else as stored);
    ``scrub`` hides what an anonymous report must not show.
    """
    pick = pick or (lambda label: str(show(label)))
    scrub = scrub or (lambda text: text)
    found: dict[str, Origin] = {}
    wanted = sorted({i for i in ids if i})
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows = store.query(
            "SELECT n.id, n.text, n.zone, c.title AS canvas, c.zones, w.title AS workshop, g.name AS grp "
            "FROM note n JOIN canvas c ON c.id = n.canvas_id JOIN workshop w ON w.id = c.workshop_id "
            "LEFT JOIN workgroup g ON g.id = n.group_id WHERE n.id IN (%s)" % ",".join("?" * len(chunk)), chunk)
        for r in rows:
            label = zone_label(read_zones(r["zones"]), r["zone"])
            zone = pick(label) if label is not None else r["zone"] or ""
            canvas = pick(r["canvas"]) if r["canvas"] else ""
            found[r["id"]] = Origin(True, scrub(" ".join((r["text"] or "").split())), r["workshop"] or "",
                                    canvas or "", zone or "", r["grp"] or "")
    for i in wanted:
        found.setdefault(i, Origin(exists=False))
    return found


def note_origin(store: Store, note_id: str | None) -> Origin | None:
    """The origin of one item (None when it was typed, not brought)."""
    return note_origins(store, [note_id])[note_id] if note_id else None


def brought_ids(store: Store, table: str, canvas_id: str) -> set[str]:
    """Ids of the notes already brought into ``canvas_id`` as rows of ``table`` (``note`` or ``initiative``)."""
    column = ORIGIN_COLUMNS[table]
    return {r["o"] for r in store.query(
        f"SELECT {column} AS o FROM {table} WHERE canvas_id = ? AND {column} IS NOT NULL", (canvas_id,))}


def source_notes(doc: ProcessDocument, canvas_id: str, kinds: Sequence[str], table: str) -> list[dict[str, Any]]:
    """Notes of the process's canvases of ``kinds`` that may be brought into ``canvas_id``, as a picker lists them.

    Ordered by workshop, canvas, zone (in the canvas's order), group and note
    position. Each row carries ``workshop_id``, ``workshop_title``, ``canvas_id``,
    ``canvas_title``, ``canvas_kind``, ``zone``, ``zone_label``, ``group_id``,
    ``group_name``, ``group_colour``, ``group_position`` and ``brought`` (already a
    row of ``table`` in that canvas): the rows ``qtshared.notes_picker`` takes.
    """
    process_id = doc.store.scalar("SELECT w.process_id FROM canvas c JOIN workshop w ON w.id = c.workshop_id "
                                  "WHERE c.id = ?", (canvas_id,))
    marks = ", ".join("?" * len(kinds))
    rows = doc.store.query(
        "SELECT n.id, n.text, n.zone, n.group_id, n.votes, n.position, n.canvas_id, c.kind AS canvas_kind, "
        "c.title AS canvas_title, c.zones AS canvas_zones, w.id AS workshop_id, w.title AS workshop_title, "
        "g.name AS group_name, g.colour AS group_colour, g.position AS group_position "
        "FROM note n JOIN canvas c ON c.id = n.canvas_id JOIN workshop w ON w.id = c.workshop_id "
        f"LEFT JOIN workgroup g ON g.id = n.group_id WHERE w.process_id = ? AND c.kind IN ({marks}) "
        "ORDER BY w.position, w.created_at, c.position, c.created_at, n.position, n.created_at",
        (process_id, *kinds))
    brought = brought_ids(doc.store, table, canvas_id)
    zone_order: dict[str, dict[str, int]] = {}
    for row in rows:
        zones = show_zones(read_zones(row.pop("canvas_zones")))
        row["canvas_title"] = show(row["canvas_title"])
        order = zone_order.setdefault(row["canvas_id"], {z.get("key"): i for i, z in enumerate(zones)})
        row["zone_index"] = order.get(row["zone"], len(order))
        row["zone_label"] = str(zone_label(zones, row["zone"]) or row["zone"] or _("Sin zona"))
        row["brought"] = row["id"] in brought
    rank: dict[str, int] = {}
    for row in rows:  # workshops and canvases in the query's order
        rank.setdefault(row["workshop_id"], len(rank))
        rank.setdefault(row["canvas_id"], len(rank))
    rows.sort(key=lambda r: (rank[r["workshop_id"]], rank[r["canvas_id"]], r["zone_index"],
                             r["group_position"] is None, r["group_position"] or 0))  # stable: note order kept
    return rows
