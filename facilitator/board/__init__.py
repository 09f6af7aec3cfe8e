"""Edits on a board canvas (the post-its of a flipchart), built as undoable commands.

Every function here reads what it needs from the document and returns a command
from ``facilitator.commands`` (or ``None`` when the edit would change nothing);
the caller runs it (``ctx.undo.run`` in the window, ``doc.execute`` elsewhere).
An edit that touches several notes is one ``Macro``: one transaction, one undo
step. Nothing here imports Qt, so the CSV importer, the CLI and the tests place
and change notes exactly as the board does.

Note text is stored as typed: only the whitespace around it is trimmed, so
accents, ¿¡, emoji, line breaks and text that looks like markup or SQL arrive in
the file unchanged (the store binds parameters; views show plain text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Iterable, Sequence

from ..commands import Command, DeleteRow, InsertRow, Macro, UpdateRow
from ..document import ProcessDocument
from .layout import COLUMNS, FreeSlots, reading_order, slot
from ..domain.tags import STOPWORDS, TAG_KEYS, fold
from ..i18n import _, ngettext

KIND = "board"

# Badge colours given to new themes in turn (strong enough to read white text on).
THEME_COLOURS = ("#7B4FA0", "#1F6F8B", "#B5483B", "#2E7D32", "#8A6100", "#3949AB", "#AD1457", "#00796B")

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")


# -- text -----------------------------------------------------------------------
def clean_text(text: str) -> str:
    """What is stored for a typed note: the text itself, without surrounding blank space."""
    return text.strip()


def split_lines(text: str) -> list[str]:
    """One note per non-empty line of a pasted block (any line-break convention)."""
    return [line for line in (clean_text(part) for part in _LINE_BREAKS.split(text)) if line]


def note_tags(row: dict[str, Any]) -> list[str]:
    """A note's tag keys (the column holds a JSON list; anything else reads as no tags)."""
    try:
        tags = json.loads(row.get("tags") or "[]")
    except (ValueError, TypeError, RecursionError):
        return []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def _tags_json(tags: Iterable[str]) -> str:
    return json.dumps(list(tags), ensure_ascii=False)


# -- capture --------------------------------------------------------------------
def cell_notes(doc: ProcessDocument, canvas_id: str, zone: str, group_id: str | None) -> list[dict[str, Any]]:
    """The notes of one cell (group × zone) with their placement, in position order."""
    return doc.store.query(
        "SELECT id, x, y, position FROM note WHERE canvas_id = ? AND zone = ? AND group_id IS ? "
        "ORDER BY position, created_at", (canvas_id, zone, group_id))


def add_notes(doc: ProcessDocument, canvas_id: str, zone: str, group_id: str | None, texts: Sequence[str], *,
              block_id: str | None = None, author: str = "", participant_id: str | None = None) -> Macro | None:
    """New notes at the next free slots of their cell (``next_slot`` rule), after the notes already there.

    Several texts (a pasted list) are one undo step. The returned macro carries
    ``note_ids`` in the order of ``texts``; blank texts are skipped.
    """
    texts = [t for t in (clean_text(t) for t in texts) if t]
    if not texts:
        return None
    existing = doc.store.query("SELECT x, y, position FROM note WHERE canvas_id = ? AND zone = ? AND group_id IS ?",
                               (canvas_id, zone, group_id))
    free = FreeSlots([(r["x"], r["y"]) for r in existing])
    position = max([r["position"] for r in existing], default=-1.0) + 1
    commands: list[Command] = []
    for text in texts:
        x, y = free.take()
        commands.append(InsertRow("note", {
            "canvas_id": canvas_id, "zone": zone, "group_id": group_id, "block_id": block_id,
            "author": author, "participant_id": participant_id, "text": text, "x": x, "y": y,
            "tags": "[]", "votes": 0, "position": position}))
        position += 1
    label = ngettext("Agregar nota", "Agregar {n} notas", len(texts))
    macro = Macro(commands, label)
    macro.note_ids = [c.id for c in commands]  # type: ignore[attr-defined]
    return macro


def edit_text(doc: ProcessDocument, note_id: str, text: str) -> UpdateRow | None:
    """Replace a note's text (kept verbatim); None when nothing changes."""
    row = doc.store.get("note", note_id)
    if row is None or row["text"] == text:
        return None
    return UpdateRow("note", note_id, {"text": text}, _("Editar nota"))


def delete_notes(doc: ProcessDocument, note_ids: Sequence[str]) -> Macro | None:
    """Remove notes; undo brings them back with the same ids, links and theme."""
    ids = [i for i in dict.fromkeys(note_ids) if doc.store.get("note", i) is not None]
    if not ids:
        return None
    text = ngettext("Eliminar nota", "Eliminar {n} notas", len(ids))
    return Macro([DeleteRow("note", i) for i in ids], text)


# -- moving ---------------------------------------------------------------------
@dataclass(frozen=True)
class Move:
    """Where one note should go: a cell and a top-left relative to that cell."""

    note_id: str
    zone: str
    group_id: str | None
    x: float
    y: float


def move_notes(doc: ProcessDocument, moves: Sequence[Move]) -> Macro | None:
    """Move notes to new places, across zones and groups, as one undo step.

    A note that changes cell goes after the notes already there (by position),
    so lists and reports keep a stable order; within a cell only x/y change.
    """
    commands: list[Command] = []
    next_pos: dict[tuple[str, str, str | None], float] = {}
    moving = {m.note_id for m in moves}
    for move in moves:
        row = doc.store.get("note", move.note_id)
        if row is None:
            continue
        x, y = max(0.0, float(move.x)), max(0.0, float(move.y))
        changes: dict[str, Any] = {}
        if (row["zone"], row["group_id"]) != (move.zone, move.group_id):
            key = (row["canvas_id"], move.zone, move.group_id)
            if key not in next_pos:
                others = [r["position"] for r in cell_notes(doc, *key) if r["id"] not in moving]
                next_pos[key] = max(others, default=-1.0) + 1
            changes.update(zone=move.zone, group_id=move.group_id, position=next_pos[key])
            next_pos[key] += 1
        if (row["x"], row["y"]) != (x, y):
            changes.update(x=x, y=y)
        if changes:
            commands.append(UpdateRow("note", move.note_id, changes))
    if not commands:
        return None
    return Macro(commands, ngettext("Mover nota", "Mover {n} notas", len(commands)))


def tidy(doc: ProcessDocument, canvas_id: str, columns: int = COLUMNS) -> Macro | None:
    """Pack every cell's notes into the grid, keeping the order a reader sees them in.

    Positions are renumbered in that same order, so after tidying the list order
    and the board order agree. Only notes that change are touched.
    """
    rows = doc.store.query("SELECT id, zone, group_id, x, y, position FROM note WHERE canvas_id = ? "
                           "ORDER BY position, created_at", (canvas_id,))
    cells: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for row in rows:
        cells.setdefault((row["zone"], row["group_id"]), []).append(row)
    commands: list[Command] = []
    for notes in cells.values():
        order = reading_order([(r["x"], r["y"]) for r in notes])
        for index, k in enumerate(order):
            row = notes[k]
            x, y = slot(index, columns)
            changes = {f: v for f, v in (("x", x), ("y", y), ("position", float(index))) if row[f] != v}
            if changes:
                commands.append(UpdateRow("note", row["id"], changes))
    return Macro(commands, _("Ordenar el tablero")) if commands else None


# -- votes and tags -------------------------------------------------------------
def _notes(doc: ProcessDocument, note_ids: Iterable[str]) -> list[dict[str, Any]]:
    return [r for r in (doc.store.get("note", i) for i in dict.fromkeys(note_ids)) if r is not None]


def set_votes(doc: ProcessDocument, note_ids: Iterable[str], votes: int) -> Macro | None:
    """Set the dot votes counted on the flipchart (never below zero)."""
    votes = max(0, int(votes))
    cmds = [UpdateRow("note", r["id"], {"votes": votes}) for r in _notes(doc, note_ids) if r["votes"] != votes]
    return Macro(cmds, _("Votos: {n}", n=votes)) if cmds else None


def change_votes(doc: ProcessDocument, note_ids: Iterable[str], delta: int) -> Macro | None:
    """Add or take away dot votes; a note already at zero stays at zero."""
    cmds = [UpdateRow("note", r["id"], {"votes": max(0, r["votes"] + delta)}) for r in _notes(doc, note_ids)
            if max(0, r["votes"] + delta) != r["votes"]]
    if not cmds:
        return None
    return Macro(cmds, _("Sumar voto") if delta > 0 else _("Quitar voto"))


def set_tag(doc: ProcessDocument, note_ids: Iterable[str], tag: str, on: bool) -> Macro | None:
    """Put a tag on (or take it off) every given note; order of other tags is kept."""
    if tag not in TAG_KEYS:
        raise KeyError(tag)
    cmds = []
    for row in _notes(doc, note_ids):
        tags = note_tags(row)
        if on and tag not in tags:
            cmds.append(UpdateRow("note", row["id"], {"tags": _tags_json([*tags, tag])}))
        elif not on and tag in tags:
            cmds.append(UpdateRow("note", row["id"], {"tags": _tags_json(t for t in tags if t != tag)}))
    return Macro(cmds, _("Etiquetar") if on else _("Quitar etiqueta")) if cmds else None


def set_tags(doc: ProcessDocument, note_id: str, tags: Iterable[str]) -> UpdateRow | None:
    """Replace one note's tags (known keys only, without repeats)."""
    tags = list(dict.fromkeys(tags))
    unknown = [t for t in tags if t not in TAG_KEYS]
    if unknown:
        raise KeyError(unknown[0])
    row = doc.store.get("note", note_id)
    if row is None or note_tags(row) == tags:
        return None
    return UpdateRow("note", note_id, {"tags": _tags_json(tags)}, _("Etiquetar"))


# -- themes (patterns common to the groups) ---------------------------------------
def themes(doc: ProcessDocument, canvas_id: str) -> list[dict[str, Any]]:
    return doc.store.query("SELECT * FROM theme WHERE canvas_id = ? ORDER BY position, created_at", (canvas_id,))


def _theme_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValueError(_("El tema necesita un nombre."))
    return name


def create_theme(doc: ProcessDocument, canvas_id: str, name: str, note_ids: Iterable[str],
                 colour: str = "") -> Macro:
    """A named theme holding the given notes, whatever their group: one undo step.

    The macro carries ``theme_id``. Raises ValueError (with the message to show)
    for an empty name.
    """
    name = _theme_name(name)
    existing = themes(doc, canvas_id)
    theme = InsertRow("theme", {"canvas_id": canvas_id, "name": name,
                                "colour": colour or THEME_COLOURS[len(existing) % len(THEME_COLOURS)],
                                "position": max((t["position"] for t in existing), default=-1) + 1})
    members = [UpdateRow("note", r["id"], {"theme_id": theme.id}) for r in _notes(doc, note_ids)]
    macro = Macro([theme, *members], _("Crear tema «{name}»", name=name))
    macro.theme_id = theme.id  # type: ignore[attr-defined]
    return macro


def rename_theme(doc: ProcessDocument, theme_id: str, name: str) -> UpdateRow | None:
    name = _theme_name(name)
    row = doc.store.get("theme", theme_id)
    if row is None or row["name"] == name:
        return None
    return UpdateRow("theme", theme_id, {"name": name}, _("Renombrar tema"))


def remove_theme(doc: ProcessDocument, theme_id: str) -> DeleteRow | None:
    """Delete a theme; its notes stay, without theme (undo puts them back in it)."""
    row = doc.store.get("theme", theme_id)
    if row is None:
        return None
    return DeleteRow("theme", theme_id, _("Quitar tema «{name}»", name=row["name"]))


def assign_theme(doc: ProcessDocument, note_ids: Iterable[str], theme_id: str | None) -> Macro | None:
    """Put notes in a theme (or take them out with None)."""
    cmds = [UpdateRow("note", r["id"], {"theme_id": theme_id}) for r in _notes(doc, note_ids)
            if r["theme_id"] != theme_id]
    if not cmds:
        return None
    return Macro(cmds, _("Asignar tema") if theme_id else _("Quitar del tema"))


# -- filter and search -------------------------------------------------------------
ANY = "*"  # a filter field that accepts every note (group and theme ids are UUIDs)


@dataclass(frozen=True)
class NoteFilter:
    """Which notes to show: words in the text, a tag, a group (None = without group), a theme."""

    text: str = ""
    tag: str = ANY
    group: str | None = ANY
    theme: str | None = ANY

    @property
    def active(self) -> bool:
        return bool(fold(self.text)) or any(v != ANY for v in (self.tag, self.group, self.theme))

    def matches(self, row: dict[str, Any]) -> bool:
        if self.group != ANY and row.get("group_id") != self.group:
            return False
        if self.theme != ANY and row.get("theme_id") != self.theme:
            return False
        if self.tag != ANY and self.tag not in note_tags(row):
            return False
        words = fold(self.text).split()
        if words:
            haystack = fold(row.get("text", ""))
            return all(w in haystack for w in words)
        return True


# -- duplicates ----------------------------------------------------------------------
_EXTRA_STOPWORDS = frozenset(
    "un una unos unas que se no es son lo su sus mas muy hay ya como pero sin sobre entre hacia hasta "
    "porque cuando donde este esta estos estas ese esa le les nos mi tu a an is are be with on at it".split())
_SKIP = STOPWORDS | _EXTRA_STOPWORDS


def _tokens(folded: str) -> frozenset[str]:
    return frozenset(w for w in folded.split() if w not in _SKIP and len(w) > 1)


class DuplicateIndex:
    """Normalised texts of a canvas's notes, to say "this looks like a note you already have".

    Accents, case and punctuation are ignored. Candidates must share a word with
    the typed text (an inverted index keeps this fast with thousands of notes);
    they are scored by word overlap and by ``difflib`` similarity, whichever is
    higher. The board updates it note by note as changes arrive.
    """

    THRESHOLD = 0.72

    def __init__(self, rows: Iterable[dict[str, Any]] = ()) -> None:
        self._folded: dict[str, str] = {}
        self._tokens: dict[str, frozenset[str]] = {}
        self._by_token: dict[str, set[str]] = {}
        for row in rows:
            self.put(row["id"], row["text"])

    def __len__(self) -> int:
        return len(self._folded)

    def put(self, note_id: str, text: str) -> None:
        self.remove(note_id)
        folded = fold(text)
        tokens = _tokens(folded)
        self._folded[note_id] = folded
        self._tokens[note_id] = tokens
        for token in tokens:
            self._by_token.setdefault(token, set()).add(note_id)

    def remove(self, note_id: str) -> None:
        for token in self._tokens.pop(note_id, ()):
            ids = self._by_token.get(token)
            if ids is not None:
                ids.discard(note_id)
                if not ids:
                    del self._by_token[token]
        self._folded.pop(note_id, None)

    def find(self, text: str, *, exclude: Iterable[str] = (), limit: int = 3,
             threshold: float = THRESHOLD) -> list[tuple[str, float]]:
        """Ids of the notes most like ``text`` with their score (0..1), best first."""
        folded = fold(text)
        if not folded:
            return []
        tokens = _tokens(folded)
        skip = set(exclude)
        candidates: set[str] = set()
        for token in tokens:
            candidates |= self._by_token.get(token, set())
        if not tokens:  # only short or common words: nothing but the same text counts
            candidates = {i for i, f in self._folded.items() if f == folded}
        scored = []
        for note_id in candidates - skip:
            other = self._folded[note_id]
            if other == folded:
                scored.append((note_id, 1.0))
                continue
            theirs = self._tokens[note_id]
            overlap = len(tokens & theirs) / len(tokens | theirs) if tokens or theirs else 0.0
            score = overlap
            if overlap < threshold:
                matcher = SequenceMatcher(None, folded, other, autojunk=False)
                if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                    score = max(score, matcher.ratio())
            if score >= threshold:
                scored.append((note_id, score))
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        return scored[:limit]


def likely_duplicates(doc: ProcessDocument, canvas_id: str, text: str, *, exclude: Iterable[str] = (),
                      limit: int = 3) -> list[dict[str, Any]]:
    """Notes of the canvas that look like ``text``, best first, each with its ``score``."""
    rows = {r["id"]: r for r in doc.notes(canvas_id)}
    found = DuplicateIndex(rows.values()).find(text, exclude=exclude, limit=limit)
    return [dict(rows[note_id], score=score) for note_id, score in found]

