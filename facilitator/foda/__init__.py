"""The FODA (SWOT) matrix: its quadrants, queries and edits, built as undoable commands (no Qt).

METHODS §2: internal factors (Fortalezas, Debilidades) and external ones
(Oportunidades, Amenazas); each group identifies them and the plenary
consolidates one 2x2 matrix. A FODA canvas stores its post-its as ``note`` rows
whose ``zone`` is the quadrant key and whose ``group_id`` remembers the group
that wrote them, so one matrix holds every group's notes. The optional cross
strategies (FO, DO, FA, DA) are notes of the same canvas in zones of their own.

Order inside a quadrant is one list across groups (``position`` numbered per
zone, not per group as on a board), because the plenary reads a quadrant top to
bottom. Notes brought over from a board keep ``origin_id`` (the board note's
id), their group and their text, so the matrix can say where each idea came
from, and bringing the same note twice is refused note by note.

Like ``facilitator.board``, every edit returns a command (or ``None`` when
nothing would change) for ``ctx.undo.run`` or ``doc.execute``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from .. import provenance
from ..board import clean_text
from ..commands import Command, InsertRow, Macro, UpdateRow
from ..document import ProcessDocument
from ..i18n import _, N_, ngettext
from ..kinds import registry as kind_registry
from ..provenance import Origin, note_origins  # noqa: F401  (Origin: what matrix_notes gives)
from ..domain.labels import show

KIND = "foda"


@dataclass(frozen=True)
class Quadrant:
    """One cell of the matrix: a zone key, its standard Spanish label, and its place on the two axes."""

    key: str
    label: str  # Spanish source text; shown through _()
    internal: bool
    positive: bool


@dataclass(frozen=True)
class Strategy:
    """A cross strategy: what combining two quadrants asks for (TOWS reading of a FODA)."""

    key: str
    code: str  # "FO"…, Spanish source text
    label: str
    explanation: str
    combines: tuple[str, str]


QUADRANTS: tuple[Quadrant, ...] = (
    Quadrant("fortalezas", N_("Fortalezas"), internal=True, positive=True),
    Quadrant("debilidades", N_("Debilidades"), internal=True, positive=False),
    Quadrant("oportunidades", N_("Oportunidades"), internal=False, positive=True),
    Quadrant("amenazas", N_("Amenazas"), internal=False, positive=False),
)
STRATEGIES: tuple[Strategy, ...] = (
    Strategy("fo", N_("FO"), N_("Estrategias FO"), N_("Usar fortalezas para aprovechar oportunidades"),
             ("fortalezas", "oportunidades")),
    Strategy("do", N_("DO"), N_("Estrategias DO"), N_("Superar debilidades aprovechando oportunidades"),
             ("debilidades", "oportunidades")),
    Strategy("fa", N_("FA"), N_("Estrategias FA"), N_("Usar fortalezas para enfrentar amenazas"),
             ("fortalezas", "amenazas")),
    Strategy("da", N_("DA"), N_("Estrategias DA"), N_("Reducir debilidades y evitar amenazas"),
             ("debilidades", "amenazas")),
)
QUADRANT_KEYS = tuple(q.key for q in QUADRANTS)
STRATEGY_KEYS = tuple(s.key for s in STRATEGIES)
ZONE_KEYS = QUADRANT_KEYS + STRATEGY_KEYS

# The labels of the axes, as the method names them.
INTERNAL = N_("Factores internos")
EXTERNAL = N_("Factores externos")
POSITIVE = N_("Positivos")
NEGATIVE = N_("Negativos")

# Where a board note most likely belongs, by the key of the board zone it sits in
# (the diagnostic's flipchart: challenges on one half, strengths and opportunities on the other).
DEFAULT_TARGETS = {"desafios": "debilidades", "fortalezas_oportunidades": "fortalezas"}


def quadrant(key: str) -> Quadrant | None:
    return next((q for q in QUADRANTS if q.key == key), None)


def strategy(key: str) -> Strategy | None:
    return next((s for s in STRATEGIES if s.key == key), None)


def zone_label(canvas: dict[str, Any] | None, key: str) -> str:
    """A zone's label: the canvas's own (in the workshop's language) or the standard one."""
    for zone in (canvas or {}).get("zones") or []:
        if isinstance(zone, dict) and zone.get("key") == key and zone.get("label"):
            return str(show(zone["label"]))
    known = quadrant(key) or strategy(key)
    return _(known.label) if known else (key or _("Sin cuadrante"))


def default_target(board_zone: str) -> str:
    """The quadrant a board note of ``board_zone`` is brought to unless the user chooses another."""
    return board_zone if board_zone in QUADRANT_KEYS else DEFAULT_TARGETS.get(board_zone, "fortalezas")


# -- queries ----------------------------------------------------------------------
def foda_canvases(doc: ProcessDocument, workshop_id: str) -> list[dict[str, Any]]:
    return [c for c in doc.canvases(workshop_id) if c["kind"] == KIND]


def matrix_notes(doc: ProcessDocument, canvas_id: str, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The canvas's notes in reading order, each with its group (name, colour) and ``origin`` (or None).

    Two queries (the notes, then their origins), so a refresh after each typed
    note stays cheap. Groups may belong to another workshop (notes brought over
    keep theirs). With ``ids``, only those of the canvas's notes (a refresh after a
    typed note reads that note, not the whole matrix).
    """
    only = f" AND n.id IN ({','.join('?' * len(ids))})" if ids is not None else ""
    rows = doc.store.query(
        "SELECT n.*, g.name AS group_name, g.colour AS group_colour, g.position AS group_position "
        "FROM note n LEFT JOIN workgroup g ON g.id = n.group_id "
        f"WHERE n.canvas_id = ?{only} ORDER BY n.position, n.created_at", (canvas_id, *(ids or ())))
    origins = note_origins(doc.store, (row["origin_id"] for row in rows if row["origin_id"]))
    for row in rows:
        row["origin"] = origins.get(row["origin_id"]) if row["origin_id"] else None
    return rows


def by_zone(rows: Iterable[dict[str, Any]]) -> dict[str | None, list[dict[str, Any]]]:
    """Notes per zone key, every quadrant and strategy present; notes of unknown zones under None."""
    out: dict[str | None, list[dict[str, Any]]] = {key: [] for key in ZONE_KEYS}
    out[None] = []
    for row in rows:
        out[row["zone"] if row["zone"] in out else None].append(row)
    return out


def source_notes(doc: ProcessDocument, canvas_id: str) -> list[dict[str, Any]]:
    """Notes of every board canvas of the process, to bring into the matrix ``canvas_id`` (see provenance)."""
    return provenance.source_notes(doc, canvas_id, kind_registry.kind(KIND).note_sources, "note")


def brought_ids(doc: ProcessDocument, canvas_id: str) -> set[str]:
    """Ids of the notes already copied into this canvas (their copies' ``origin_id``)."""
    return provenance.brought_ids(doc.store, "note", canvas_id)


# -- edits ------------------------------------------------------------------------
def _check_zone(zone: str) -> None:
    if zone not in ZONE_KEYS:
        raise ValueError(_("«{zone}» no es un cuadrante de la matriz FODA.", zone=zone))


def _zone_positions(doc: ProcessDocument, canvas_id: str, zone: str) -> list[dict[str, Any]]:
    return doc.store.query("SELECT id, position FROM note WHERE canvas_id = ? AND zone = ? "
                           "ORDER BY position, created_at", (canvas_id, zone))


def _next_position(doc: ProcessDocument, canvas_id: str, zone: str) -> float:
    """The position after the last note of a zone (one number read, not the zone's rows)."""
    last = doc.store.scalar("SELECT MAX(position) FROM note WHERE canvas_id = ? AND zone = ?", (canvas_id, zone))
    if last is None or isinstance(last, (int, float)):
        return (-1.0 if last is None else float(last)) + 1
    return max((r["position"] for r in _zone_positions(doc, canvas_id, zone)), default=-1.0) + 1  # as before


def add_notes(doc: ProcessDocument, canvas_id: str, zone: str, group_id: str | None, texts: Sequence[str], *,
              block_id: str | None = None, author: str = "", participant_id: str | None = None) -> Macro | None:
    """New notes at the end of a quadrant, written by ``group_id``: one undo step for a pasted list.

    Blank texts are skipped (None if nothing is left). The macro carries
    ``note_ids`` in the order of ``texts``. Raises ValueError for a zone that is
    not a quadrant or a strategy.
    """
    _check_zone(zone)
    texts = [t for t in (clean_text(t) for t in texts) if t]
    if not texts:
        return None
    position = _next_position(doc, canvas_id, zone)
    commands = [InsertRow("note", {
        "canvas_id": canvas_id, "zone": zone, "group_id": group_id, "block_id": block_id, "author": author,
        "participant_id": participant_id, "text": text, "tags": "[]", "votes": 0, "position": position + n})
        for n, text in enumerate(texts)]
    macro = Macro(commands, ngettext("Agregar nota", "Agregar {n} notas", len(texts)))
    macro.note_ids = [c.id for c in commands]  # type: ignore[attr-defined]
    return macro


def place_notes(doc: ProcessDocument, note_ids: Sequence[str], zone: str, *,
                before: str | None = None) -> Macro | None:
    """Put notes into ``zone`` just before the note ``before`` (at the end if None), in the given order.

    One undo step, serving a drop between quadrants, the "Mover a" menu and
    reordering inside a quadrant. The target quadrant is renumbered 0, 1, 2…;
    only rows whose zone or position changes are touched. Notes of another
    canvas than the first one's are left alone.
    """
    _check_zone(zone)
    rows = [r for r in (doc.store.get("note", i) for i in dict.fromkeys(note_ids)) if r is not None]
    if not rows:
        return None
    canvas_id = rows[0]["canvas_id"]
    rows = [r for r in rows if r["canvas_id"] == canvas_id]
    moving = {r["id"] for r in rows}
    staying = [r["id"] for r in _zone_positions(doc, canvas_id, zone) if r["id"] not in moving]
    index = staying.index(before) if before in staying else len(staying)
    order = staying[:index] + [r["id"] for r in rows] + staying[index:]
    current = {r["id"]: (r["zone"], r["position"]) for r in doc.store.query(
        "SELECT id, zone, position FROM note WHERE canvas_id = ? AND zone = ?", (canvas_id, zone))}
    current.update({r["id"]: (r["zone"], r["position"]) for r in rows})
    commands: list[Command] = []
    for pos, note_id in enumerate(order):
        old_zone, old_pos = current[note_id]
        changes: dict[str, Any] = {}
        if old_zone != zone:
            changes["zone"] = zone
        if old_pos != float(pos):
            changes["position"] = float(pos)
        if changes:
            commands.append(UpdateRow("note", note_id, changes))
    if not commands:
        return None
    if all(r["zone"] == zone for r in rows):
        text = ngettext("Reordenar nota", "Reordenar {n} notas", len(rows))
    else:
        text = ngettext("Mover nota a «{zone}»", "Mover {n} notas a «{zone}»", len(rows),
                        zone=zone_label(doc.canvas(canvas_id), zone))
    return Macro(commands, text)


def step_note(doc: ProcessDocument, note_id: str, delta: int) -> Macro | None:
    """Move a note up (-1) or down (+1) inside its quadrant; None at either end."""
    row = doc.store.get("note", note_id)
    if row is None or row["zone"] not in ZONE_KEYS:
        return None
    ids = [r["id"] for r in _zone_positions(doc, row["canvas_id"], row["zone"])]
    here = ids.index(note_id)
    if delta == 0 or not 0 <= here + delta < len(ids):
        return None
    others = ids[:here] + ids[here + 1:]
    target = here + delta  # its index once placed, among the others
    return place_notes(doc, [note_id], row["zone"], before=others[target] if target < len(others) else None)


@dataclass
class BringOver:
    """The outcome of bringing board notes into a matrix: the command to run and what it skips."""

    command: Macro | None
    added: int
    skipped: int  # notes already brought into this canvas earlier


def bring_over(doc: ProcessDocument, canvas_id: str, zone: str, source_ids: Iterable[str]) -> BringOver:
    """Copies of board notes at the end of ``zone``: same text and group, ``origin_id`` = the source note.

    A note already brought into this canvas (a copy with that ``origin_id``
    exists, in any quadrant) is skipped and counted. Author, participant and
    tags travel with the copy; votes and themes belong to the board and stay.
    """
    _check_zone(zone)
    already = brought_ids(doc, canvas_id)
    sources, skipped = [], 0
    for source_id in dict.fromkeys(source_ids):
        row = doc.store.get("note", source_id)
        if row is None or row["canvas_id"] == canvas_id:
            continue
        if source_id in already:
            skipped += 1
        else:
            sources.append(row)
    if not sources:
        return BringOver(None, 0, skipped)
    position = _next_position(doc, canvas_id, zone)
    commands = [InsertRow("note", {
        "canvas_id": canvas_id, "zone": zone, "group_id": row["group_id"], "author": row["author"],
        "participant_id": row["participant_id"], "text": row["text"], "tags": row["tags"], "votes": 0,
        "origin_id": row["id"], "position": position + n}) for n, row in enumerate(sources)]
    label = zone_label(doc.canvas(canvas_id), zone)
    text = ngettext("Traer nota a «{zone}»", "Traer {n} notas a «{zone}»", len(commands), zone=label)
    macro = Macro(commands, text)
    macro.note_ids = [c.id for c in commands]  # type: ignore[attr-defined]
    return BringOver(macro, len(commands), skipped)
