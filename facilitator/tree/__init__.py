"""The problem tree and its objective tree (METHODS §3): structure, layout and edits, without Qt.

What is stored is the structure only: the nodes are notes of a ``problem_tree``
canvas (zone ``problema`` for the trunk, ``causas`` for the roots, ``efectos`` for
the branches; ``objetivo``/``medios``/``fines`` in an objective tree) and the arrows
are ``link`` rows, from a cause to what it causes. Where a node is drawn is not
stored: ``levels`` derives each node's row from the arrows and ``layout`` places
the rows, so the picture can never disagree with the structure and the exporters
draw the very same tree as the window.

Every edit function returns a command from ``facilitator.commands`` (or None when
nothing would change); the panel runs it through ``ctx.undo.run``, the tests with
``doc.execute``. Refused edits (a second central problem, an arrow that would
close a cycle) raise ``TreeError`` carrying the message to show.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterable, Sequence

from ..commands import Command, DeleteRow, InsertRow, Macro, UpdateRow
from ..document import ProcessDocument
from ..i18n import N_, _

KIND = "problem_tree"
OBJECTIVES = "objectives"  # canvas.variant of an objective tree
TRUNK_ZONES = ("problema", "objetivo")
CAUSE_ZONES = ("causas", "medios")
EFFECT_ZONES = ("efectos", "fines")


# -- levels ----------------------------------------------------------------------------------
def _edges(ids: set[str], links: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """Usable arrows: both ends among the notes, no self-links, no repeats (in link order)."""
    seen: set[tuple[str, str]] = set()
    edges = []
    for link in links:
        pair = (link.get("source_id"), link.get("target_id"))
        if pair[0] in ids and pair[1] in ids and pair[0] != pair[1] and pair not in seen:
            seen.add(pair)  # type: ignore[arg-type]
            edges.append(pair)
    return edges  # type: ignore[return-value]


def _reach(starts: Iterable[str], step: dict[str, list[str]], stop: set[str]) -> set[str]:
    """Nodes reached from ``starts`` along ``step``, not walking through the ``stop`` nodes."""
    found: set[str] = set()
    todo = [n for s in starts for n in step[s] if n not in stop]
    while todo:
        node = todo.pop()
        if node in found:
            continue
        found.add(node)
        todo.extend(n for n in step[node] if n not in stop and n not in found)
    return found


def _longest(nodes: Sequence[str], succ: Callable[[str], list[str]]) -> dict[str, int]:
    """Length of the longest path from each node along ``succ``; arrows closing a cycle are ignored.

    Iterative depth-first search (a chain of a thousand causes must not hit the
    recursion limit); the order of ``nodes`` decides which arrow of a cycle is
    dropped, so the result is the same on every run.
    """
    depth: dict[str, int] = {}
    on_stack: set[str] = set()
    for root in nodes:
        if root in depth:
            continue
        stack = [(root, iter(succ(root)))]
        on_stack.add(root)
        while stack:
            node, pending = stack[-1]
            for nxt in pending:
                if nxt not in depth and nxt not in on_stack:
                    on_stack.add(nxt)
                    stack.append((nxt, iter(succ(nxt))))
                    break
            else:
                stack.pop()
                on_stack.discard(node)
                depth[node] = max((depth[s] + 1 for s in succ(node) if s in depth), default=0)
    return depth


def levels(notes: list[dict], links: list[dict]) -> dict[str, int]:
    """Each note's row: the trunk 0, causes (or means) below it -1, -2…, effects (or ends) above it 1, 2….

    The arrows decide: a node from which the trunk can be reached is a cause, one
    reached from the trunk is an effect; a node the arrows do not tie to a trunk
    goes by its zone (an unknown zone counts as a cause). Within a side, a node
    sits one row further from the trunk than the furthest node it leads to (causes)
    or comes from (effects), so every arrow points towards the trunk's row or
    beyond it: an unlinked cause sits at -1, an unlinked effect at +1. Arrows that
    close a cycle, point to missing notes or join a note to itself are ignored;
    several trunks all sit at 0.
    """
    ids = [n["id"] for n in notes]
    idset = set(ids)
    zone = {n["id"]: n.get("zone") or "" for n in notes}
    out: dict[str, list[str]] = {i: [] for i in ids}
    into: dict[str, list[str]] = {i: [] for i in ids}
    for source, target in _edges(idset, links):
        out[source].append(target)
        into[target].append(source)
    trunks = [i for i in ids if zone[i] in TRUNK_ZONES]
    trunk_set = set(trunks)
    causing = _reach(trunks, into, trunk_set)
    caused = _reach(trunks, out, trunk_set)
    side: dict[str, int] = {}
    for i in ids:
        if i in trunk_set:
            side[i] = 0
        elif i in causing and i in caused:  # on a cycle through the trunk: the zone settles it
            side[i] = 1 if zone[i] in EFFECT_ZONES else -1
        elif i in causing or i in caused:
            side[i] = -1 if i in causing else 1
        else:
            side[i] = 1 if zone[i] in EFFECT_ZONES else -1
    causes = [i for i in ids if side[i] < 0]
    effects = [i for i in ids if side[i] > 0]
    below = _longest(causes, lambda n: [t for t in out[n] if side[t] < 0])
    above = _longest(effects, lambda n: [s for s in into[n] if side[s] > 0])
    result = {i: 0 for i in trunks}
    result.update({i: -1 - below[i] for i in causes})
    result.update({i: 1 + above[i] for i in effects})
    return result


# -- layout ----------------------------------------------------------------------------------
ORDER_SWEEPS = 3  # outward/inward barycentre rounds that order each row
PLACE_SWEEPS = 4  # rounds that pull nodes over their neighbours


def _place_row(desired: Sequence[float], sep: float) -> list[float]:
    """Positions as close as possible (least squares) to ``desired``, in this order, ``sep`` apart.

    Pool-adjacent-violators on ``desired[i] - i * sep``: linear time, and the
    optimum, so a row never overlaps and moves no more than it must.
    """
    blocks: list[list[float]] = []  # [mean, count]
    for i, d in enumerate(desired):
        blocks.append([d - i * sep, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            prev = blocks[-1]
            prev[0] = (prev[0] * prev[1] + mean * count) / (prev[1] + count)
            prev[1] += count
    xs: list[float] = []
    for mean, count in blocks:
        for _i in range(int(count)):
            xs.append(mean + len(xs) * sep)
    return xs


def _rank(notes: list[dict]) -> dict[str, tuple[float, int]]:
    """Manual order: the note's position, then its place in the list."""
    return {n["id"]: (float(n.get("position") or 0.0), k) for k, n in enumerate(notes)}


def layout(notes: list[dict], links: list[dict], *, node_w: float = 220, node_h: float = 90, gap_x: float = 30,
           gap_y: float = 70) -> dict[str, tuple[float, float]]:
    """Top-left corner of every node: effects above, the trunk in the middle, causes below.

    One row per level (``levels``); rows are ``node_h + gap_y`` apart and the
    topmost row is at y = 0, the leftmost node at x = 0. Each row is ordered by
    the barycentre of its neighbours nearer the trunk (sweeping out from the trunk
    and back), ties kept in manual order (``position``); then nodes are pulled
    over their neighbours — children under their cause, parents centred on their
    children — by least-squares placement that keeps the order and at least
    ``gap_x`` between boxes, so nothing ever overlaps.
    """
    if not notes:
        return {}
    level = levels(notes, links)
    rank = _rank(notes)
    edges = _edges(set(level), links)
    inner: dict[str, list[str]] = {i: [] for i in level}  # neighbours nearer the trunk's row
    outer: dict[str, list[str]] = {i: [] for i in level}  # neighbours further out
    for a, b in edges:
        for u, v in ((a, b), (b, a)):
            if level[u] * level[v] < 0:
                continue  # a cause tied straight to an effect: no pull across the trunk
            if abs(level[v]) < abs(level[u]):
                inner[u].append(v)
            elif abs(level[v]) > abs(level[u]):
                outer[u].append(v)
    rows: dict[int, list[str]] = {}
    for node in sorted(level, key=rank.__getitem__):
        rows.setdefault(level[node], []).append(node)
    outward = sorted((lv for lv in rows if lv != 0), key=lambda lv: (abs(lv), lv))
    inward = sorted(rows, key=lambda lv: (-abs(lv), lv))

    # Order: barycentres over slot coordinates (a row's slots centred on 0).
    slot: dict[str, float] = {}

    def renumber(row: list[str]) -> None:
        middle = (len(row) - 1) / 2.0
        for k, node in enumerate(row):
            slot[node] = k - middle

    def reorder(lv: int, towards: dict[str, list[str]]) -> None:
        def key(node: str) -> tuple[float, tuple[float, int]]:
            near = towards[node]
            bary = sum(slot[n] for n in near) / len(near) if near else slot[node]
            return bary, rank[node]

        rows[lv].sort(key=key)
        renumber(rows[lv])

    for row in rows.values():
        renumber(row)
    for _round in range(ORDER_SWEEPS):
        for lv in outward:
            reorder(lv, inner)
        for lv in inward:
            reorder(lv, outer)
    for lv in outward:
        reorder(lv, inner)

    # Coordinates: pull each row towards its neighbours without breaking its order.
    sep = node_w + gap_x
    x = {node: s * sep for node, s in slot.items()}

    def pull(lv: int, towards: dict[str, list[str]]) -> None:
        row = rows[lv]
        desired = [sum(x[n] for n in towards[node]) / len(towards[node]) if towards[node] else x[node]
                   for node in row]
        for node, value in zip(row, _place_row(desired, sep)):
            x[node] = value

    for _round in range(PLACE_SWEEPS):
        for lv in outward:
            pull(lv, inner)
        for lv in inward:
            pull(lv, outer)
    left = min(x.values())
    top = max(max(rows), 0)
    step = node_h + gap_y
    return {node: (x[node] - left, (top - level[node]) * step) for node in level}


def row_top(level: int, top_level: int, *, node_h: float = 90, gap_y: float = 70) -> float:
    """The y of a level's row in a ``layout`` whose highest level is ``top_level`` (for row labels)."""
    return (max(top_level, 0) - level) * (node_h + gap_y)


# -- stored values ------------------------------------------------------------------------------
def note_marks(row: dict[str, Any]) -> list[str]:
    """A node's prioritisation marks (the column holds a JSON list; anything else reads as none)."""
    try:
        marks = json.loads(row.get("marks") or "[]")
    except ValueError:
        return []
    return [m for m in marks if isinstance(m, str)] if isinstance(marks, list) else []


def score(row: dict[str, Any]) -> int | None:
    """Impact × feasibility, when both are scored."""
    impact, feasibility = row.get("impact"), row.get("feasibility")
    return impact * feasibility if impact and feasibility else None


# -- prioritisation -------------------------------------------------------------------------------
MARK_LABELS: dict[str, str] = {
    "critical": N_("Más crítica"),
    "manageable": N_("Más manejable"),
    "serious": N_("Más grave"),
    "urgent": N_("Más urgente"),
}
CAUSE_MARKS = ("critical", "manageable")
EFFECT_MARKS = ("serious", "urgent")
SCORE_FIELDS = ("impact", "feasibility")


class TreeError(ValueError):
    """An edit the tree refuses; ``str(exc)`` is the message to show, ``reason`` says which rule."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


def marks_for(level: int) -> tuple[str, ...]:
    """The marks a node on this level can carry: causes are critical/manageable, effects serious/urgent."""
    if level < 0:
        return CAUSE_MARKS
    return EFFECT_MARKS if level > 0 else ()


def priorities(notes: list[dict], links: list[dict]) -> dict[str, list[dict[str, Any]]]:
    """The "Prioridades" lists: causes ranked by score, then marks; effects by marks, then score.

    Every cause and effect is listed (unrated ones last, in manual order), each as
    ``{"id", "text", "level", "marks", "score"}`` with only the marks of its side.
    """
    level = levels(notes, links)
    rank = _rank(notes)
    causes, effects = [], []
    for row in notes:
        lv = level[row["id"]]
        if lv == 0:
            continue
        marks = [m for m in marks_for(lv) if m in note_marks(row)]
        item = {"id": row["id"], "text": row.get("text", ""), "level": lv, "marks": marks, "score": score(row)}
        (causes if lv < 0 else effects).append(item)

    def by_score(item: dict[str, Any]) -> tuple:
        return (-(item["score"] or 0), -len(item["marks"]), CAUSE_MARKS[0] not in item["marks"], rank[item["id"]])

    def by_marks(item: dict[str, Any]) -> tuple:
        return (-len(item["marks"]), EFFECT_MARKS[0] not in item["marks"], -(item["score"] or 0), rank[item["id"]])

    return {"causes": sorted(causes, key=by_score), "effects": sorted(effects, key=by_marks)}


# -- reading a tree canvas ------------------------------------------------------------------------
def zone_roles(canvas: dict[str, Any]) -> dict[str, str]:
    """The canvas's zone key for the trunk, the causes and the effects (template keys by default)."""
    zones = canvas.get("zones") or []
    if isinstance(zones, str):
        zones = json.loads(zones)
    keys = [z.get("key") for z in zones if isinstance(z, dict)]
    objectives = canvas.get("variant") == OBJECTIVES
    roles = {}
    for role, known in (("trunk", TRUNK_ZONES), ("cause", CAUSE_ZONES), ("effect", EFFECT_ZONES)):
        roles[role] = next((k for k in keys if k in known), known[1 if objectives else 0])
    return roles


def tree_canvases(doc: ProcessDocument, workshop_id: str) -> list[dict[str, Any]]:
    return [c for c in doc.canvases(workshop_id) if c["kind"] == KIND]


def arrows(doc: ProcessDocument, canvas_id: str) -> list[dict[str, Any]]:
    return doc.store.query("SELECT * FROM link WHERE canvas_id = ? ORDER BY created_at, id", (canvas_id,))


def trunks(notes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in notes if r.get("zone") in TRUNK_ZONES]


def _note(doc: ProcessDocument, note_id: str) -> dict[str, Any]:
    row = doc.store.get("note", note_id)
    if row is None:
        raise TreeError(_("Esa idea ya no está en el árbol."), "missing")
    return row


def _canvas(doc: ProcessDocument, canvas_id: str) -> dict[str, Any]:
    canvas = doc.canvas(canvas_id)
    if canvas is None or canvas["kind"] != KIND:
        raise TreeError(_("Ese árbol ya no existe."), "missing")
    return canvas


def _trunk_word(canvas: dict[str, Any]) -> str:
    return _("objetivo central") if canvas.get("variant") == OBJECTIVES else _("problema central")


# -- editing nodes ---------------------------------------------------------------------------------
def clean_text(text: str) -> str:
    """What is stored for a typed node: the text as typed, without surrounding blank space."""
    text = text.strip()
    if not text:
        raise TreeError(_("Escriba un texto para la idea."), "empty")
    return text


def add_node(doc: ProcessDocument, canvas_id: str, text: str, role: str, *, anchor_id: str | None = None,
             group_id: str | None = None, block_id: str | None = None) -> Macro:
    """A new node and the arrow to the node it hangs from, as one undo step.

    ``role`` is ``"trunk"`` (the central problem: refused with reason
    ``second_trunk`` when there is one already), ``"cause"`` (an arrow from the
    new node to ``anchor_id``, drawn below it) or ``"effect"`` (an arrow from
    ``anchor_id`` to the new node, above it). Without an anchor a cause or effect
    hangs from the trunk when there is exactly one. The new node takes the zone of
    the side it lands on: a cause of an effect is an effect nearer the trunk, an
    effect of a cause a cause nearer the trunk. The macro carries ``note_id``.
    """
    canvas = _canvas(doc, canvas_id)
    roles = zone_roles(canvas)
    text = clean_text(text)
    notes = doc.notes(canvas_id)
    if role == "trunk":
        existing = trunks(notes)
        if existing:
            raise TreeError(_("Este árbol ya tiene un {what}: «{text}». Un árbol tiene un solo tronco: puede "
                              "reemplazar su texto o agregar la nueva idea como causa.",
                              what=_trunk_word(canvas), text=existing[0]["text"]), "second_trunk")
        zone, anchor_id = roles["trunk"], None
    elif role in ("cause", "effect"):
        if anchor_id is None:
            only = trunks(notes)
            anchor_id = only[0]["id"] if len(only) == 1 else None
        side = -1 if role == "cause" else 1
        if anchor_id is not None:
            anchor = _note(doc, anchor_id)
            if anchor["canvas_id"] != canvas_id:
                raise TreeError(_("Esa idea es de otro árbol."), "other_canvas")
            at = levels(notes, arrows(doc, canvas_id)).get(anchor_id, 0)
            side = at if at != 0 else side
        zone = roles["cause"] if side < 0 else roles["effect"]
    else:
        raise KeyError(role)
    node = InsertRow("note", {
        "canvas_id": canvas_id, "zone": zone, "group_id": group_id, "block_id": block_id, "text": text,
        "tags": "[]", "votes": 0, "marks": "[]",
        "position": max((r["position"] for r in notes), default=-1.0) + 1})
    commands: list[Command] = [node]
    if anchor_id is not None:
        source, target = (node.id, anchor_id) if role == "cause" else (anchor_id, node.id)
        commands.append(InsertRow("link", {"canvas_id": canvas_id, "source_id": source, "target_id": target,
                                           "kind": "cause_effect"}))
    labels = {"trunk": _("Definir {what}", what=_trunk_word(canvas)), "cause": _("Agregar causa"),
              "effect": _("Agregar efecto")}
    macro = Macro(commands, labels[role])
    macro.note_id = node.id  # type: ignore[attr-defined]
    return macro


def edit_text(doc: ProcessDocument, note_id: str, text: str) -> UpdateRow | None:
    """Replace a node's text (kept as typed, trimmed); None when nothing changes, TreeError when empty."""
    row = _note(doc, note_id)
    text = clean_text(text)
    if row["text"] == text:
        return None
    return UpdateRow("note", note_id, {"text": text}, _("Editar idea"))


def delete_nodes(doc: ProcessDocument, note_ids: Sequence[str]) -> Macro | None:
    """Remove nodes with their arrows (the store cascades them); one undo step brings all back."""
    ids = [i for i in dict.fromkeys(note_ids) if doc.store.get("note", i) is not None]
    if not ids:
        return None
    return Macro([DeleteRow("note", i) for i in ids],
                 _("Eliminar idea") if len(ids) == 1 else _("Eliminar {n} ideas", n=len(ids)))


def _parents(note_id: str, level: int, links: Iterable[dict[str, Any]]) -> frozenset[str]:
    """The nodes a node hangs from: what a cause leads to, what an effect comes from."""
    if level < 0:
        return frozenset(r["target_id"] for r in links if r["source_id"] == note_id)
    return frozenset(r["source_id"] for r in links if r["target_id"] == note_id)


def move_sideways(doc: ProcessDocument, note_id: str, step: int) -> Macro | None:
    """Swap a node with its left (-1) or right (+1) sibling: the manual order the layout keeps.

    Siblings share row and parents; None when there is no sibling that way.
    """
    row = _note(doc, note_id)
    notes = doc.notes(row["canvas_id"])
    links = arrows(doc, row["canvas_id"])
    level = levels(notes, links)
    pos = layout(notes, links)
    mine = _parents(note_id, level[note_id], links)
    same = sorted((r for r in notes if level[r["id"]] == level[note_id]
                   and _parents(r["id"], level[r["id"]], links) == mine), key=lambda r: pos[r["id"]][0])
    ids = [r["id"] for r in same]
    j = ids.index(note_id) + step
    if not 0 <= j < len(ids):
        return None
    other = same[j]
    if other["position"] == row["position"]:
        return Macro([UpdateRow("note", note_id, {"position": other["position"] + 0.5 * step})], _("Mover idea"))
    return Macro([UpdateRow("note", note_id, {"position": other["position"]}),
                  UpdateRow("note", other["id"], {"position": row["position"]})], _("Mover idea"))


# -- arrows -------------------------------------------------------------------------------------------
def _path_exists(links: Iterable[dict[str, Any]], start: str, goal: str, skip: str | None = None) -> bool:
    """Can ``goal`` be reached from ``start`` following arrows (leaving out link ``skip``)?"""
    out: dict[str, list[str]] = {}
    for link in links:
        if link["id"] != skip:
            out.setdefault(link["source_id"], []).append(link["target_id"])
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in out.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _check_arrow(doc: ProcessDocument, source_id: str, target_id: str, skip: str | None = None) -> dict[str, Any]:
    """Refuse self-links, arrows across trees, repeats and cycles; returns the source row."""
    if source_id == target_id:
        raise TreeError(_("Una flecha no puede unir una idea consigo misma."), "self")
    source, target = _note(doc, source_id), _note(doc, target_id)
    if source["canvas_id"] != target["canvas_id"]:
        raise TreeError(_("Solo se pueden unir ideas del mismo árbol."), "other_canvas")
    links = [r for r in arrows(doc, source["canvas_id"]) if r["id"] != skip]
    if any(r["source_id"] == source_id and r["target_id"] == target_id for r in links):
        raise TreeError(_("Esa flecha ya existe."), "duplicate")
    if _path_exists(links, target_id, source_id):
        raise TreeError(_("Esa flecha cerraría un ciclo: «{a}» ya lleva a «{b}». En un árbol las causas y los "
                          "efectos no pueden girar en círculo.", a=_short(target["text"]), b=_short(source["text"])),
                        "cycle")
    return source


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def connect(doc: ProcessDocument, source_id: str, target_id: str) -> InsertRow:
    """An arrow from a cause to what it causes; TreeError for a self-link, a repeat or a cycle."""
    source = _check_arrow(doc, source_id, target_id)
    return InsertRow("link", {"canvas_id": source["canvas_id"], "source_id": source_id, "target_id": target_id,
                              "kind": "cause_effect"}, _("Conectar ideas"))


def disconnect(doc: ProcessDocument, link_ids: Sequence[str]) -> Macro | None:
    ids = [i for i in dict.fromkeys(link_ids) if doc.store.get("link", i) is not None]
    if not ids:
        return None
    return Macro([DeleteRow("link", i) for i in ids], _("Quitar flecha") if len(ids) == 1 else
                 _("Quitar {n} flechas", n=len(ids)))


def reverse(doc: ProcessDocument, link_id: str) -> UpdateRow:
    """Turn an arrow around (what was the effect becomes the cause); refused if that closes a cycle."""
    link = doc.store.get("link", link_id)
    if link is None:
        raise TreeError(_("Esa flecha ya no está en el árbol."), "missing")
    _check_arrow(doc, link["target_id"], link["source_id"], skip=link_id)
    return UpdateRow("link", link_id, {"source_id": link["target_id"], "target_id": link["source_id"]},
                     _("Invertir flecha"))


# -- marks and scores ------------------------------------------------------------------------------------
def set_mark(doc: ProcessDocument, note_ids: Iterable[str], mark: str, on: bool) -> Macro | None:
    """Put a prioritisation mark on (or off) nodes, keeping their other marks."""
    if mark not in MARK_LABELS:
        raise KeyError(mark)
    commands = []
    for note_id in dict.fromkeys(note_ids):
        row = doc.store.get("note", note_id)
        if row is None:
            continue
        marks = note_marks(row)
        if on and mark not in marks:
            marks = [*marks, mark]
        elif not on and mark in marks:
            marks = [m for m in marks if m != mark]
        else:
            continue
        commands.append(UpdateRow("note", note_id, {"marks": json.dumps(marks)}))
    if not commands:
        return None
    label = _(MARK_LABELS[mark])
    return Macro(commands, _("Marcar «{mark}»", mark=label) if on else _("Quitar «{mark}»", mark=label))


def set_score(doc: ProcessDocument, note_id: str, field: str, value: int | None) -> UpdateRow | None:
    """Score a node's impact or feasibility from 1 to 5 (None clears it)."""
    if field not in SCORE_FIELDS:
        raise KeyError(field)
    if value is not None:
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise TreeError(_("La puntuación va de 1 a 5."), "score")
    row = _note(doc, note_id)
    if row[field] == value:
        return None
    return UpdateRow("note", note_id, {field: value},
                     _("Puntuar impacto") if field == "impact" else _("Puntuar factibilidad"))


# -- the objective tree ------------------------------------------------------------------------------------
# Restating a problem as an objective: a short, transparent list of rewrites of the
# phrase's opening (or ending) words, each turning a negative condition into the
# positive one. It is a starting draft for the group to edit, not a translation:
# a text no rule fits is kept as it is, never prefixed with something generic.
_WORD = r"(?P<rest>.+)"
_PREP = r"(?P<prep>del?|para|en|sobre|hacia|a)\s+"
_RULES: list[tuple[str, str]] = [
    # Spanish
    (r"falta\s+de\s+(?P<rest>\w+miento\b.*)", "{Rest}"),
    (rf"falta\s+{_PREP}{_WORD}", "Existencia {prep} {rest}"),
    (rf"(?:escasez|carencia)\s+{_PREP}{_WORD}", "Disponibilidad {prep} {rest}"),
    (rf"ausencia\s+{_PREP}{_WORD}", "Presencia {prep} {rest}"),
    (rf"d[ée]ficit\s+{_PREP}{_WORD}", "Cobertura suficiente {prep} {rest}"),
    (rf"(?:escas[ao]|poc[ao]|insuficiente)\s+{_WORD}", "Suficiente {rest}"),
    (rf"(?:escas[ao]s|poc[ao]s|insuficientes)\s+{_WORD}", "Suficientes {rest}"),
    (rf"(?:aumento|incremento|crecimiento|alza)\s+{_PREP}{_WORD}", "Disminución {prep} {rest}"),
    (rf"(?:disminuci[óo]n|reducci[óo]n|ca[íi]da)\s+{_PREP}{_WORD}", "Aumento {prep} {rest}"),
    (rf"p[ée]rdida\s+{_PREP}{_WORD}", "Conservación {prep} {rest}"),
    (rf"discriminaci[óo]n\s+en\s+{_WORD}", "{Rest} sin discriminación"),
    (rf"discriminaci[óo]n\s+{_WORD}", "Ausencia de discriminación {rest}"),
    (rf"dificultad(?:es)?\s+{_PREP}{_WORD}", "Condiciones favorables {prep} {rest}"),
    (rf"barreras?\s+{_PREP}{_WORD}", "Reducción de barreras {prep} {rest}"),
    (rf"precariedad\s+{_WORD}", "Estabilidad {rest}"),
    (rf"deterioro\s+{_PREP}{_WORD}", "Mejora {prep} {rest}"),
    (rf"pobreza\s+{_PREP}{_WORD}", "Superación de la pobreza {prep} {rest}"),
    (rf"mayor(?P<n>es)?\s+{_WORD}", "Menor{n} {rest}"),
    (rf"menor(?P<n>es)?\s+{_WORD}", "Mayor{n} {rest}"),
    (rf"desconocimiento\s+{_PREP}{_WORD}", "Conocimiento {prep} {rest}"),
    (rf"desinformaci[óo]n\s+{_PREP}{_WORD}", "Información disponible {prep} {rest}"),
    (rf"desconfianza\s+{_PREP}{_WORD}", "Confianza {prep} {rest}"),
    (rf"exclusi[óo]n\s+{_WORD}", "Inclusión {rest}"),
    (r"desempleo", "Empleo"),
    (rf"desempleo\s+{_WORD}", "Empleo {rest}"),
    (rf"sin\s+{_WORD}", "Con {rest}"),
    (rf"no\s+(?P<verb>hay|existen?)\s+{_WORD}", "{Verb} {rest}"),
    (rf"(?P<bad>mal(?:[ao]s?)?)\s+{_WORD}", "{good} {rest}"),
    (rf"bajo\s+{_WORD}", "Alto {rest}"),
    (rf"baja\s+{_WORD}", "Alta {rest}"),
    (rf"alto\s+{_WORD}", "Bajo {rest}"),
    (rf"alta\s+{_WORD}", "Baja {rest}"),
    (rf"{_WORD}\s+insuficientes", "{Rest} suficientes"),
    (rf"{_WORD}\s+insuficiente", "{Rest} suficiente"),
    (rf"{_WORD}\s+limitad(?P<end>[ao]s?)", "{Rest} adecuad{end}"),
    # English
    (rf"lack\s+of\s+{_WORD}", "Availability of {rest}"),
    (rf"(?:shortage|scarcity)\s+of\s+{_WORD}", "Sufficient {rest}"),
    (rf"(?:insufficient|scarce|limited)\s+{_WORD}", "Sufficient {rest}"),
    (rf"(?:increase|rise)\s+(?P<prep>in|of)\s+{_WORD}", "Reduction {prep} {rest}"),
    (rf"(?:rising|growing|higher)\s+{_WORD}", "Lower {rest}"),
    (rf"(?:decrease|reduction|fall|loss)\s+(?P<prep>in|of)\s+{_WORD}", "Increase {prep} {rest}"),
    (rf"discrimination\s+in\s+{_WORD}", "{Rest} free of discrimination"),
    (rf"difficult(?:y|ies)\s+(?:in|with|for|of)\s+{_WORD}", "Favourable conditions for {rest}"),
    (rf"barriers?\s+(?:to|for)\s+{_WORD}", "Fewer barriers to {rest}"),
    (rf"poor\s+{_WORD}", "Good {rest}"),
    (rf"low\s+{_WORD}", "High {rest}"),
    (rf"high\s+{_WORD}", "Low {rest}"),
    (r"unemployment", "Employment"),
]
_COMPILED = [(re.compile(rf"^{pattern}$", re.IGNORECASE | re.DOTALL), template) for pattern, template in _RULES]
class _Blank(dict):
    """Template fields; an optional part the text did not have (a plural ending) is empty."""

    def __missing__(self, key: str) -> str:
        return ""


_GOOD = {"mal": "buen", "malo": "buen", "mala": "buena", "malos": "buenos", "malas": "buenas"}


def restate(text: str) -> str:
    """A problem restated as an objective by the first rule that fits; the text itself when none does.

    ``"Falta de políticas inclusivas"`` → ``"Existencia de políticas inclusivas"``;
    ``"Discriminación en procesos de selección"`` → ``"Procesos de selección sin
    discriminación"``; ``"Incremento del desempleo"`` → ``"Disminución del desempleo"``.
    """
    stripped = text.strip()
    for pattern, template in _COMPILED:
        match = pattern.match(stripped)
        if match is None:
            continue
        parts = {k: v for k, v in match.groupdict().items() if v is not None}
        if "bad" in parts:
            parts["good"] = _GOOD[parts["bad"].lower()]
        if "prep" in parts:
            parts["prep"] = parts["prep"].lower()
        fields = _Blank({**parts, **{k.capitalize(): v[:1].upper() + v[1:] for k, v in parts.items()}})
        result = template.format_map(fields)
        return result[:1].upper() + result[1:] if stripped[:1].isupper() else result[:1].lower() + result[1:]
    return text


def objective_trees(doc: ProcessDocument, canvas_id: str) -> list[dict[str, Any]]:
    """The objective trees made from a problem tree, oldest first."""
    canvas = doc.canvas(canvas_id)
    if canvas is None:
        return []
    return [c for c in tree_canvases(doc, canvas["workshop_id"])
            if c["origin_id"] == canvas_id and c["variant"] == OBJECTIVES]


def convert_to_objectives(doc: ProcessDocument, canvas_id: str) -> Macro:
    """A new objective tree restating every node and copying every arrow between them: one undo step.

    The new canvas (kind ``problem_tree``, variant ``objectives``, ``origin_id`` the
    problem tree) has the zones "Objetivo central", "Medios" and "Fines"; each node
    is a copy (``origin_id`` = the problem node, same group, marks and scores) with
    its text restated by ``restate`` for the group to edit. The macro carries
    ``canvas_id``, ``restated`` (how many texts a rule changed) and ``total``.
    """
    source = _canvas(doc, canvas_id)
    if source["variant"] == OBJECTIVES:
        raise TreeError(_("Este ya es un árbol de objetivos."), "already_objectives")
    notes = doc.notes(canvas_id)
    if not notes:
        raise TreeError(_("El árbol de problemas está vacío: agregue primero el problema central, sus causas y "
                          "sus efectos."), "empty_tree")
    siblings = doc.canvases(source["workshop_id"])
    made = len(objective_trees(doc, canvas_id))
    keys = {c["key"] for c in siblings}
    key, k = "arbol_objetivos", 1
    while key in keys:
        k += 1
        key = f"arbol_objetivos_{k}"
    title = _("Árbol de objetivos") if not made else _("Árbol de objetivos ({n})", n=made + 1)
    zones = [{"key": "objetivo", "label": _("Objetivo central")}, {"key": "medios", "label": _("Medios")},
             {"key": "fines", "label": _("Fines")}]
    canvas = InsertRow("canvas", {
        "workshop_id": source["workshop_id"], "key": key, "kind": KIND, "title": title,
        "zones": json.dumps(zones, ensure_ascii=False), "variant": OBJECTIVES, "origin_id": canvas_id,
        "position": max((c["position"] for c in siblings), default=-1) + 1})
    roles = zone_roles(source)
    zone_map = {roles["trunk"]: "objetivo", roles["cause"]: "medios", roles["effect"]: "fines"}
    copied = ("group_id", "block_id", "author", "participant_id", "colour", "tags", "votes", "position", "marks",
              "impact", "feasibility", "x", "y")
    commands: list[Command] = [canvas]
    new_ids: dict[str, str] = {}
    restated = 0
    for row in notes:
        text = restate(row["text"])
        restated += text != row["text"]
        node = InsertRow("note", {**{f: row[f] for f in copied}, "canvas_id": canvas.id,
                                  "zone": zone_map.get(row["zone"], row["zone"]), "text": text,
                                  "origin_id": row["id"]})
        new_ids[row["id"]] = node.id
        commands.append(node)
    for link in arrows(doc, canvas_id):
        if link["source_id"] not in new_ids or link["target_id"] not in new_ids:
            continue  # an end on another canvas (an imported exchange can hold one): nothing to copy it to
        commands.append(InsertRow("link", {"canvas_id": canvas.id, "source_id": new_ids[link["source_id"]],
                                           "target_id": new_ids[link["target_id"]], "kind": link["kind"]}))
    macro = Macro(commands, _("Convertir en árbol de objetivos"))
    macro.canvas_id = canvas.id  # type: ignore[attr-defined]
    macro.restated = restated  # type: ignore[attr-defined]
    macro.total = len(notes)  # type: ignore[attr-defined]
    return macro
