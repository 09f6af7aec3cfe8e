"""Findings (hallazgos) of a process and the voices behind them, as undoable edits (no Qt).

A finding is a statement the team writes once the workshops are over, its kind
(desafío, fortaleza, oportunidad, avance, lección aprendida, recomendación), the
policy dimensions it touches and its sources: notes of any canvas (a post-it, a
FODA card, a tree node) and minutes entries of any workshop. What a finding
weighs is never typed: ``counts`` computes from the links how many notes,
groups, workshops and sectors raised it and the votes its notes received. One or
two sources may be marked as *citas destacadas* for the report.

The executive summary, conclusions and recommendations are ``synthesis_text``
rows tied to the findings they rest on.

Every edit returns a command from ``facilitator.commands`` (or None when nothing
would change) and raises ValueError with the message to show for input that
cannot be stored; the caller runs it (``doc.execute`` or ``ctx.undo.run``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..commands import Command, DeleteRow, InsertRow, Macro, UpdateRow, reorder
from ..i18n import _
from ..store import Store
from .vocab import DIMENSIONS, KIND_LABELS, TEXT_LABELS

MAX_QUOTES = 2  # "one or two supporting notes" as citas destacadas


# -- reading -----------------------------------------------------------------------------------------
def _json_list(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def findings(store: Store, process_id: str) -> list[dict[str, Any]]:
    """The process's findings in their order; ``dimensions`` read as a list of keys."""
    rows = store.query("SELECT * FROM finding WHERE process_id = ? ORDER BY position, created_at, rowid",
                       (process_id,))
    for row in rows:
        row["dimensions"] = [d for d in _json_list(row["dimensions"]) if d in DIMENSIONS]
    return rows


@dataclass
class Source:
    """One link of a finding, with what the report and the counts need of its note or entry."""

    id: str
    finding_id: str
    quote: bool
    position: float
    kind: str  # "note" | "tree_node" | "entry"
    target_id: str
    text: str
    workshop_id: str
    group_id: str | None
    votes: int
    participant_id: str | None
    origin_id: str | None  # a note carried over from another canvas
    canvas_id: str | None = None
    zone: str = ""
    author: str = ""  # typed author of a note, or the speaker of an entry
    entry_kind: str = ""
    workshop: str = ""  # the workshop's title and the group's name, to say where it was said
    group: str = ""


_SOURCES_SQL = """
SELECT fs.id, fs.finding_id, fs.quote, fs.position, fs.note_id, fs.entry_id,
       n.text AS note_text, n.votes, n.group_id AS note_group, n.participant_id, n.origin_id, n.zone,
       n.author, n.canvas_id, c.kind AS canvas_kind, c.workshop_id AS note_workshop,
       m.text AS entry_text, m.group_id AS entry_group, m.workshop_id AS entry_workshop, m.kind AS entry_kind,
       m.speaker, coalesce(wn.title, wm.title, '') AS wtitle, coalesce(g.name, '') AS gname
FROM finding_source fs
JOIN finding f ON f.id = fs.finding_id
LEFT JOIN note n ON n.id = fs.note_id
LEFT JOIN canvas c ON c.id = n.canvas_id
LEFT JOIN minutes_entry m ON m.id = fs.entry_id
LEFT JOIN workshop wn ON wn.id = c.workshop_id
LEFT JOIN workshop wm ON wm.id = m.workshop_id
LEFT JOIN workgroup g ON g.id = coalesce(n.group_id, m.group_id)
WHERE {where}
ORDER BY fs.position, fs.created_at, fs.rowid
"""


def _source(r: dict[str, Any]) -> Source:
    if r["note_id"]:
        kind = "tree_node" if r["canvas_kind"] == "problem_tree" else "note"
        return Source(r["id"], r["finding_id"], bool(r["quote"]), r["position"], kind, r["note_id"],
                      r["note_text"] or "", r["note_workshop"] or "", r["note_group"], int(r["votes"] or 0),
                      r["participant_id"], r["origin_id"], r["canvas_id"], r["zone"] or "", r["author"] or "",
                      workshop=r["wtitle"], group=r["gname"])
    return Source(r["id"], r["finding_id"], bool(r["quote"]), r["position"], "entry", r["entry_id"],
                  r["entry_text"] or "", r["entry_workshop"] or "", r["entry_group"], 0, None, None,
                  author=r["speaker"] or "", entry_kind=r["entry_kind"] or "", workshop=r["wtitle"], group=r["gname"])


def sources(store: Store, finding_id: str) -> list[Source]:
    return [_source(r) for r in store.query(_SOURCES_SQL.format(where="fs.finding_id = ?"), (finding_id,))]


def sources_by_finding(store: Store, process_id: str) -> dict[str, list[Source]]:
    """Every finding's sources in one query (the list view and the report)."""
    out: dict[str, list[Source]] = {}
    for r in store.query(_SOURCES_SQL.format(where="f.process_id = ?"), (process_id,)):
        out.setdefault(r["finding_id"], []).append(_source(r))
    return out


@dataclass
class Counts:
    """How much of the room stands behind a finding, computed from its links."""

    notes: int = 0
    entries: int = 0
    groups: int = 0
    workshops: int = 0
    sectors: list[str] = field(default_factory=list)
    votes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"notes": self.notes, "entries": self.entries, "groups": self.groups, "workshops": self.workshops,
                "sectors": len(self.sectors), "votes": self.votes}


class Voices:
    """Who sits behind notes and groups: sector of each participant and of each group's members."""

    def __init__(self, store: Store, process_id: str) -> None:
        self.sector_of: dict[str, str] = {}
        for p in store.query("SELECT id, sector FROM participant WHERE process_id = ?", (process_id,)):
            if (p["sector"] or "").strip():
                self.sector_of[p["id"]] = p["sector"].strip()
        self.group_sectors: dict[str, set[str]] = {}
        for a in store.query("SELECT a.group_id, a.participant_id FROM attendance a JOIN workshop w "
                             "ON w.id = a.workshop_id WHERE w.process_id = ? AND a.group_id IS NOT NULL "
                             "AND a.present = 1", (process_id,)):
            sector = self.sector_of.get(a["participant_id"])
            if sector:
                self.group_sectors.setdefault(a["group_id"], set()).add(sector)

    def sectors(self, source: Source) -> set[str]:
        """The sector of the note's author when known, else the sectors of its group's members."""
        if source.participant_id and source.participant_id in self.sector_of:
            return {self.sector_of[source.participant_id]}
        if source.group_id:
            return set(self.group_sectors.get(source.group_id, ()))
        return set()


def counts(items: Sequence[Source], voices: Voices) -> Counts:
    """Counts of one finding. A note carried to another canvas counts once, with its original."""
    seen_notes: set[str] = set()
    votes = 0
    entries = 0
    groups: set[str] = set()
    workshops: set[str] = set()
    sectors: set[str] = set()
    for s in items:
        if s.kind == "entry":
            entries += 1
        else:
            root = s.origin_id or s.target_id
            if root in seen_notes:
                continue
            seen_notes.add(root)
            votes += s.votes
        if s.group_id:
            groups.add(s.group_id)
        if s.workshop_id:
            workshops.add(s.workshop_id)
        sectors |= voices.sectors(s)
    return Counts(len(seen_notes), entries, len(groups), len(workshops), sorted(sectors, key=str.casefold), votes)


def describe_counts(c, t) -> str:
    """«6 notas · 1 intervención · 4 grupos · 3 talleres · 5 sectores · 16 votos» in ``t``'s language.

    ``c`` is anything with notes, entries, groups, workshops, sectors (a list) and
    votes: ``Counts`` here, or the report's finding; ``t`` translates (``_`` or a Translator).
    """
    bits = [t.ngettext("{n} nota", "{n} notas", c.notes)]
    if c.entries:
        bits.append(t.ngettext("{n} intervención", "{n} intervenciones", c.entries))
    bits.append(t.ngettext("{n} grupo", "{n} grupos", c.groups))
    if c.workshops > 1:
        bits.append(t.ngettext("{n} taller", "{n} talleres", c.workshops))
    if c.sectors:
        bits.append(t.ngettext("{n} sector", "{n} sectores", len(c.sectors)))
    if c.votes:
        bits.append(t.ngettext("{n} voto", "{n} votos", c.votes))
    return " · ".join(bits)


def all_counts(store: Store, process_id: str) -> dict[str, Counts]:
    voices = Voices(store, process_id)
    by = sources_by_finding(store, process_id)
    return {f["id"]: counts(by.get(f["id"], []), voices) for f in findings(store, process_id)}


def texts(store: Store, process_id: str, kind: str | None = None) -> list[dict[str, Any]]:
    """The summary, conclusions and recommendations (``findings`` read as a list of ids)."""
    if kind is None:
        rows = store.query("SELECT * FROM synthesis_text WHERE process_id = ? ORDER BY kind, position, created_at",
                           (process_id,))
    else:
        rows = store.query("SELECT * FROM synthesis_text WHERE process_id = ? AND kind = ? "
                           "ORDER BY position, created_at", (process_id, kind))
    for row in rows:
        row["findings"] = _json_list(row["findings"])
    return rows


def has_synthesis(store: Store, process_id: str) -> bool:
    """Has the team started the systematisation (any finding, text or table row)?"""
    if not store.scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='finding'"):
        return False
    return bool(store.scalar(
        "SELECT (SELECT count(*) FROM finding WHERE process_id = :p) + "
        "(SELECT count(*) FROM synthesis_text WHERE process_id = :p AND trim(body) <> '') + "
        "(SELECT count(*) FROM key_figure WHERE process_id = :p) + "
        "(SELECT count(*) FROM actor WHERE process_id = :p) + "
        "(SELECT count(*) FROM existing_initiative WHERE process_id = :p)", {"p": process_id}))


# -- edits -------------------------------------------------------------------------------------------
def _clean_statement(statement: str) -> str:
    statement = " ".join((statement or "").split())
    if not statement:
        raise ValueError(_("Escriba el enunciado del hallazgo."))
    return statement


def _check_kind(kind: str) -> str:
    if kind not in KIND_LABELS:
        raise ValueError(_("«{kind}» no es un tipo de hallazgo.", kind=kind))
    return kind


def _check_dimensions(dimensions: Iterable[str]) -> str:
    keys: list[str] = []
    for d in dimensions:
        if d not in DIMENSIONS:
            raise ValueError(_("«{dimension}» no es una dimensión de la política.", dimension=d))
        if d not in keys:
            keys.append(d)
    return json.dumps(keys)


def _next_position(store: Store, table: str, column: str, value: str) -> float:
    top = store.scalar(f'SELECT max(position) FROM "{table}" WHERE "{column}" = ?', (value,))
    return (top if top is not None else -1) + 1


def _link_commands(store: Store, finding_id: str, note_ids: Iterable[str], entry_ids: Iterable[str],
                   existing: set[tuple[str, str]] | None = None, start: float | None = None) -> list[Command]:
    if existing is None:
        existing = {("note", r["note_id"]) if r["note_id"] else ("entry", r["entry_id"]) for r in store.query(
            "SELECT note_id, entry_id FROM finding_source WHERE finding_id = ?", (finding_id,))}
    position = start if start is not None else _next_position(store, "finding_source", "finding_id", finding_id)
    commands: list[Command] = []
    for kind, ids in (("note", note_ids), ("entry", entry_ids)):
        for target in ids:
            if (kind, target) in existing:
                continue
            existing.add((kind, target))
            commands.append(InsertRow("finding_source", {"finding_id": finding_id, f"{kind}_id": target,
                                                         "position": position}))
            position += 1
    return commands


def create_finding(store: Store, process_id: str, statement: str, kind: str = "desafio", *,
                   dimensions: Iterable[str] = (), theme: str = "", note_ids: Iterable[str] = (),
                   entry_ids: Iterable[str] = (), quotes: Iterable[str] = ()) -> Macro:
    """A new finding at the end of the list, with its sources: one undo step.

    ``quotes`` are note or entry ids (among the sources) to mark as citas destacadas.
    """
    insert = InsertRow("finding", {
        "process_id": process_id, "statement": _clean_statement(statement), "kind": _check_kind(kind),
        "dimensions": _check_dimensions(dimensions), "theme": (theme or "").strip(),
        "position": _next_position(store, "finding", "process_id", process_id)}, _("Nuevo hallazgo"))
    links = _link_commands(store, insert.id, note_ids, entry_ids, existing=set(), start=0)
    quotes = list(dict.fromkeys(quotes))
    if len(quotes) > MAX_QUOTES:
        raise ValueError(_("Un hallazgo lleva como máximo dos citas destacadas."))
    for cmd in links:
        if isinstance(cmd, InsertRow) and (cmd.values.get("note_id") in quotes or cmd.values.get("entry_id") in quotes):
            cmd.values["quote"] = 1
    macro = Macro([insert, *links], _("Nuevo hallazgo"))
    macro.finding_id = insert.id  # type: ignore[attr-defined]
    return macro


def edit_finding(store: Store, finding_id: str, *, statement: str | None = None, kind: str | None = None,
                 dimensions: Iterable[str] | None = None, theme: str | None = None) -> UpdateRow | None:
    row = store.get("finding", finding_id)
    if row is None:
        raise ValueError(_("El hallazgo ya no existe."))
    changes: dict[str, Any] = {}
    if statement is not None:
        changes["statement"] = _clean_statement(statement)
    if kind is not None:
        changes["kind"] = _check_kind(kind)
    if dimensions is not None:
        changes["dimensions"] = _check_dimensions(dimensions)
    if theme is not None:
        changes["theme"] = theme.strip()
    changes = {k: v for k, v in changes.items() if row[k] != v}
    return UpdateRow("finding", finding_id, changes, _("Editar hallazgo")) if changes else None


def link(store: Store, finding_id: str, *, note_ids: Iterable[str] = (), entry_ids: Iterable[str] = ()) -> Macro | None:
    """Add supporting notes and entries to a finding (those already linked are skipped)."""
    commands = _link_commands(store, finding_id, note_ids, entry_ids)
    return Macro(commands, _("Vincular al hallazgo")) if commands else None


def unlink(store: Store, source_ids: Iterable[str]) -> Macro | None:
    commands = [DeleteRow("finding_source", sid) for sid in source_ids if store.get("finding_source", sid)]
    return Macro(commands, _("Quitar del hallazgo")) if commands else None


def set_quote(store: Store, source_id: str, quote: bool) -> UpdateRow | None:
    row = store.get("finding_source", source_id)
    if row is None:
        raise ValueError(_("La fuente ya no está vinculada al hallazgo."))
    if bool(row["quote"]) == quote:
        return None
    if quote:
        marked = store.scalar("SELECT count(*) FROM finding_source WHERE finding_id = ? AND quote = 1",
                              (row["finding_id"],))
        if marked >= MAX_QUOTES:
            raise ValueError(_("Un hallazgo lleva como máximo dos citas destacadas."))
    return UpdateRow("finding_source", source_id, {"quote": int(quote)},
                     _("Marcar cita destacada") if quote else _("Quitar cita destacada"))


def _text_rewires(store: Store, process_id: str, mapping: dict[str, str | None]) -> list[Command]:
    """Update the texts that rest on findings being merged (id -> kept id) or deleted (id -> None)."""
    commands: list[Command] = []
    for t in texts(store, process_id):
        if not set(t["findings"]) & set(mapping):
            continue
        out: list[str] = []
        for fid in t["findings"]:
            new = mapping.get(fid, fid)
            if new and new not in out:
                out.append(new)
        commands.append(UpdateRow("synthesis_text", t["id"], {"findings": json.dumps(out)}))
    return commands


def merge(store: Store, keep_id: str, other_ids: Sequence[str]) -> Macro | None:
    """Fold other findings into ``keep_id``: their sources and dimensions move; they go. One undo step.

    The kept finding's statement stays (the team rewrites it if needed); a source
    linked to both is kept once, a quote on either side stays a quote while the
    finding has room for it.
    """
    others = [o for o in dict.fromkeys(other_ids) if o != keep_id]
    keep = store.get("finding", keep_id)
    if keep is None or not others:
        return None
    rows = [store.get("finding", o) for o in others]
    if any(r is None for r in rows):
        raise ValueError(_("El hallazgo ya no existe."))
    commands: list[Command] = []
    mine = store.query("SELECT * FROM finding_source WHERE finding_id = ? ORDER BY position", (keep_id,))
    have = {(r["note_id"], r["entry_id"]) for r in mine}
    quotes = sum(r["quote"] for r in mine)
    position = max((r["position"] for r in mine), default=-1) + 1
    dims = _json_list(keep["dimensions"])
    for other in rows:
        assert other is not None
        dims += [d for d in _json_list(other["dimensions"]) if d not in dims]
        for r in store.query("SELECT * FROM finding_source WHERE finding_id = ? ORDER BY position", (other["id"],)):
            key = (r["note_id"], r["entry_id"])
            if key in have:
                continue  # goes with its finding
            have.add(key)
            changes: dict[str, Any] = {"finding_id": keep_id, "position": position}
            if r["quote"]:
                if quotes >= MAX_QUOTES:
                    changes["quote"] = 0
                else:
                    quotes += 1
            commands.append(UpdateRow("finding_source", r["id"], changes))
            position += 1
    if json.dumps(dims) != keep["dimensions"]:
        commands.append(UpdateRow("finding", keep_id, {"dimensions": json.dumps(dims)}))
    commands += _text_rewires(store, keep["process_id"], {o: keep_id for o in others})
    commands += [DeleteRow("finding", o) for o in others]
    return Macro(commands, _("Unir hallazgos"))


def split(store: Store, finding_id: str, source_ids: Sequence[str], statement: str) -> Macro:
    """Move some sources of a finding to a new finding placed right after it. One undo step."""
    row = store.get("finding", finding_id)
    if row is None:
        raise ValueError(_("El hallazgo ya no existe."))
    mine = {r["id"]: r for r in store.query("SELECT * FROM finding_source WHERE finding_id = ?", (finding_id,))}
    moving = [sid for sid in dict.fromkeys(source_ids) if sid in mine]
    if not moving:
        raise ValueError(_("Elija las fuentes que pasan al nuevo hallazgo."))
    if len(moving) == len(mine):
        raise ValueError(_("Deje al menos una fuente en el hallazgo original."))
    later = store.query("SELECT id, position FROM finding WHERE process_id = ? AND position > ? ORDER BY position",
                        (row["process_id"], row["position"]))
    commands: list[Command] = [UpdateRow("finding", r["id"], {"position": r["position"] + 1}) for r in later]
    insert = InsertRow("finding", {"process_id": row["process_id"], "statement": _clean_statement(statement),
                                   "kind": row["kind"], "dimensions": row["dimensions"], "theme": row["theme"],
                                   "position": row["position"] + 1})
    commands.append(insert)
    commands += [UpdateRow("finding_source", sid, {"finding_id": insert.id, "position": pos})
                 for pos, sid in enumerate(moving)]
    macro = Macro(commands, _("Dividir hallazgo"))
    macro.finding_id = insert.id  # type: ignore[attr-defined]
    return macro


def move(store: Store, process_id: str, ordered_ids: Sequence[str]) -> Macro | None:
    """Put the findings in this order (ids not given keep their place after them)."""
    rows = findings(store, process_id)
    current = {r["id"]: r["position"] for r in rows}
    order = [i for i in ordered_ids if i in current] + [r["id"] for r in rows if r["id"] not in ordered_ids]
    macro = reorder("finding", order, current, _("Ordenar hallazgos"))
    return macro if macro.commands else None


def delete_finding(store: Store, finding_id: str) -> Macro | None:
    row = store.get("finding", finding_id)
    if row is None:
        return None
    commands = _text_rewires(store, row["process_id"], {finding_id: None})
    return Macro([*commands, DeleteRow("finding", finding_id)], _("Eliminar hallazgo"))


# -- texts -------------------------------------------------------------------------------------------
def add_text(store: Store, process_id: str, kind: str, body: str, finding_ids: Iterable[str] = ()) -> InsertRow:
    if kind not in TEXT_LABELS:
        raise ValueError(_("«{kind}» no es un texto de la sistematización.", kind=kind))
    known = {f["id"] for f in findings(store, process_id)}
    ids = [f for f in dict.fromkeys(finding_ids)]
    unknown = [f for f in ids if f not in known]
    if unknown:
        raise ValueError(_("El hallazgo ya no existe."))
    return InsertRow("synthesis_text", {
        "process_id": process_id, "kind": kind, "body": (body or "").strip(), "findings": json.dumps(ids),
        "position": store.scalar("SELECT coalesce(max(position), -1) + 1 FROM synthesis_text WHERE process_id = ? "
                                 "AND kind = ?", (process_id, kind))}, _("Nuevo texto"))


def edit_text(store: Store, text_id: str, *, body: str | None = None,
              finding_ids: Iterable[str] | None = None) -> UpdateRow | None:
    row = store.get("synthesis_text", text_id)
    if row is None:
        raise ValueError(_("El texto ya no existe."))
    changes: dict[str, Any] = {}
    if body is not None and body.strip() != row["body"]:
        changes["body"] = body.strip()
    if finding_ids is not None:
        ids = json.dumps(list(dict.fromkeys(finding_ids)))
        if ids != row["findings"]:
            changes["findings"] = ids
    return UpdateRow("synthesis_text", text_id, changes, _("Editar texto")) if changes else None
