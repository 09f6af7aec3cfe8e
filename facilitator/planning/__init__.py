"""The planning matrix of the strategic planning workshop, as undoable edits (no Qt).

The guide's planning workshop (Guía Práctica, "Metodología talleres planificación";
METHODS §4) gives each group two strategic axes (ejes estratégicos) and asks for
at least two initiatives per axis, each detailed with the workshop's questions
(nombre, ¿en qué consiste?, ¿requiere financiamiento adicional?, meta, unidad
responsable, alianzas, plazos). The flipchart of each axis is a matrix with
exactly these columns: Eje estratégico | Estrategia | Acciones | Meta o producto |
Financiamiento | Unidad responsable | Alianzas | PMG o PLADECO | Periodo de
ejecución. One ``initiative`` row is one line of that matrix; its name is what
the flipchart calls "Acciones". Objectives follow the SMART method of the same
guide, with a one-sentence statement and success indicators.

The axes are the planning canvas's zones (``canvas.zones``: key and label, in
the workshop's language); initiatives name their axis by key (``''`` = none).
Before the policy is written the guide asks for a final review: initiatives that
duplicate effort, objectives left without initiatives; ``review`` lists these
(with axes below the method's minimum of two, and initiatives missing the
data a plan cannot do without).

Initiatives are often born as notes on earlier flipcharts (a group's challenge
in the diagnosis, a "medio" of the objective tree): ``bring_notes`` turns notes
into initiatives that remember their note, so the report can trace a line of the
plan back to what participants said.

Every edit returns a command from ``facilitator.commands`` (or None when nothing
would change) and raises ValueError with the message to show for input that
cannot be stored; the caller runs it (``ctx.undo.run`` in the window).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Iterable, Sequence

from .. import provenance
from ..board import DuplicateIndex
from ..commands import Command, DeleteRow, InsertRow, Macro, UpdateRow
from ..document import ProcessDocument
from ..domain.tags import STOPWORDS, fold
from ..cells import Column, parse_yes_no
from ..i18n import _, N_, ngettext
from ..kinds import registry as kind_registry
from ..provenance import Origin, note_origin
from ..store import Store

KIND = "planning_matrix"
NO_AXIS = ""  # an initiative without axis (its axis was removed, or never chosen)
MIN_PER_AXIS = 2  # "mínimo 2 por categoría"
# Words that never make two initiatives alike (with the tag vocabulary's stop words).
_SKIP = STOPWORDS | frozenset(
    "un una unos unas que se no es son lo su sus mas muy hay ya como pero sin sobre entre hacia hasta porque cuando "
    "donde este esta estos estas le les nos a an is are be with on at it".split())
# Two initiatives described at length share more words by chance than two names:
# their name + description must overlap this much (the board's 0.72 applies to names).
# Names whose lemmas (``synthesis.suggest``) overlap this much are the same initiative worded apart.
LEMMA_THRESHOLD = 0.75
DESCRIBED_THRESHOLD = 0.6  # canvases whose notes can become initiatives

# The flipchart's columns, in the method's order. The axis is structure, not content: Delete
# leaves it (a row changes axis through its combo or a paste).
COLUMNS: tuple[Column, ...] = (
    Column("axis", N_("Eje estratégico"), "choice", 120, required=True,
           tip=N_("El eje estratégico de la política al que pertenece la iniciativa")),
    Column("strategy", N_("Estrategia"), width=150,
           tip=N_("Cómo se aborda el eje: la línea de trabajo de la que forma parte")),
    Column("name", N_("Acciones"), width=220, tip=N_("La iniciativa: qué se hará")),
    Column("goal", N_("Meta o producto"), width=170,
           tip=N_("¿Cuál sería la meta de esta iniciativa? Resultado o producto que se espera")),
    Column("funding", N_("Financiamiento"), width=115, tip=N_("Presupuesto y posibles vías de financiamiento")),
    Column("unit", N_("Unidad responsable"), width=135, tip=N_("¿Qué unidad sería responsable?")),
    Column("alliances", N_("Alianzas"), width=145, tip=N_("¿Con quiénes podría realizarse una alianza?")),
    Column("plan_ref", N_("PMG o PLADECO"), width=110,
           tip=N_("Programa de Mejoramiento de la Gestión (PMG) o Plan de Desarrollo Comunal (PLADECO) con que se "
                  "vincula")),
    Column("period", N_("Periodo de ejecución"), width=115, tip=N_("¿En qué plazos podría implementarse?")),
)
MATRIX_COLUMNS: tuple[tuple[str, str], ...] = tuple((c.field, c.title) for c in COLUMNS)  # (field, Spanish header)
TEXT_FIELDS = ("strategy", "name", "goal", "funding", "unit", "alliances", "plan_ref", "period", "description",
               "objective", "indicators")
FIELDS = (*TEXT_FIELDS, "axis", "needs_funding", "group_id")

# Without these an initiative cannot be planned: what it reaches, who does it, by when.
KEY_FIELDS: tuple[tuple[str, str], ...] = (
    ("goal", N_("meta")), ("unit", N_("unidad responsable")), ("period", N_("plazos")))


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # Spanish source
    hint: str  # one line, from the guide's "Aplicar los criterios SMART"


SMART: tuple[Criterion, ...] = (
    Criterion("specific", N_("Específico"), N_("Dice exactamente qué se busca lograr.")),
    Criterion("measurable", N_("Medible"), N_("Tiene indicadores para evaluar el progreso y el logro.")),
    Criterion("achievable", N_("Alcanzable"), N_("Es realista con los recursos y alianzas disponibles.")),
    Criterion("relevant", N_("Relevante"), N_("Responde a las prioridades y necesidades del diagnóstico.")),
    Criterion("timebound", N_("Con plazo"), N_("Fija un plazo claro para lograrlo.")),
)
SMART_KEYS = tuple(c.key for c in SMART)


# -- reading ---------------------------------------------------------------------------------------
def planning_canvases(doc: ProcessDocument, workshop_id: str) -> list[dict[str, Any]]:
    return [c for c in doc.canvases(workshop_id) if c["kind"] == KIND]


def axes(doc: ProcessDocument, canvas_id: str) -> list[dict[str, str]]:
    """The canvas's axes in their order: ``{"key", "label"}``."""
    canvas = doc.canvas(canvas_id)
    zones = canvas["zones"] if canvas else []
    return [{"key": str(z["key"]), "label": str(z.get("label") or z["key"])}
            for z in zones if isinstance(z, dict) and z.get("key")]


def axis_label(axis_list: Sequence[dict[str, str]], key: str) -> str:
    if not key:
        return _("Sin eje")
    return next((a["label"] for a in axis_list if a["key"] == key), key)


def initiatives(store: Store, canvas_id: str) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM initiative WHERE canvas_id = ? ORDER BY position, created_at, rowid",
                       (canvas_id,))


@dataclass
class Group:
    """One axis with its initiatives in order (``key`` ``''`` gathers those without a known axis)."""

    key: str
    label: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def grouped(doc: ProcessDocument, canvas_id: str, rows: Iterable[dict[str, Any]] | None = None) -> list[Group]:
    """Initiatives by axis, in the canvas's axis order; "Sin eje" last and only when it has rows."""
    groups = [Group(a["key"], a["label"]) for a in axes(doc, canvas_id)]
    by_key = {g.key: g for g in groups}
    loose = Group(NO_AXIS, _("Sin eje"))
    for row in (initiatives(doc.store, canvas_id) if rows is None else rows):
        by_key.get(row["axis"], loose).rows.append(row)
    return groups + ([loose] if loose.rows else [])


def smart_of(row: dict[str, Any]) -> dict[str, bool]:
    """The SMART checklist of an initiative (every criterion, unticked when unknown)."""
    try:
        stored = json.loads(row.get("smart") or "{}")
    except (ValueError, TypeError, RecursionError):
        stored = {}
    stored = stored if isinstance(stored, dict) else {}
    return {key: bool(stored.get(key)) for key in SMART_KEYS}


def missing_fields(row: dict[str, Any]) -> list[str]:
    """Labels of the key data an initiative lacks (name first, then meta, unidad responsable, plazos)."""
    out = [] if str(row.get("name") or "").strip() else [N_("nombre")]
    return out + [label for name, label in KEY_FIELDS if not str(row.get(name) or "").strip()]


# -- initiatives ---------------------------------------------------------------------------------------
def _axis_rows(doc: ProcessDocument, canvas_id: str, axis: str) -> list[dict[str, Any]]:
    known = {a["key"] for a in axes(doc, canvas_id)}
    return [r for r in initiatives(doc.store, canvas_id)
            if r["axis"] == axis or (axis == NO_AXIS and r["axis"] not in known)]


def _end_position(doc: ProcessDocument, canvas_id: str) -> float:
    top = doc.store.scalar("SELECT max(position) FROM initiative WHERE canvas_id = ?", (canvas_id,))
    return float(top) + 1.0 if top is not None else 0.0


def _check_axis(doc: ProcessDocument, canvas_id: str, axis: str) -> str:
    axis = axis or NO_AXIS
    if axis != NO_AXIS and axis not in {a["key"] for a in axes(doc, canvas_id)}:
        raise ValueError(_("«{axis}» no es un eje de esta matriz.", axis=axis))
    return axis


def _clean(doc: ProcessDocument, canvas_id: str, name: str, value: Any) -> Any:
    if name in TEXT_FIELDS:
        return "" if value is None else str(value)
    if name == "axis":
        return _check_axis(doc, canvas_id, "" if value is None else str(value))
    if name == "needs_funding":
        return parse_yes_no(value)
    if name == "group_id":
        if not value:
            return None
        if doc.store.get("workgroup", str(value)) is None:
            raise ValueError(_("Ese grupo ya no existe."))
        return str(value)
    raise KeyError(name)


def add_initiative(doc: ProcessDocument, canvas_id: str, axis: str = NO_AXIS, *, after: str | None = None,
                   **values: Any) -> InsertRow:
    """A new initiative in ``axis``: right after ``after`` (an initiative of that axis) or at its end.

    ``values`` may give any of ``FIELDS``. The command carries the new ``id``.
    """
    axis = _check_axis(doc, canvas_id, axis)
    clean = {k: _clean(doc, canvas_id, k, v) for k, v in values.items() if k != "axis"}
    rows = _axis_rows(doc, canvas_id, axis)
    ids = [r["id"] for r in rows]
    if after in ids:
        here = ids.index(after)
        mine = rows[here]["position"]
        nxt = rows[here + 1]["position"] if here + 1 < len(rows) else mine + 2.0
        position = (mine + nxt) / 2 if nxt > mine else mine + 0.5
    else:
        position = _end_position(doc, canvas_id)
    name = clean.get("name", "")
    text = _("Añadir iniciativa «{name}»", name=name) if name else _("Añadir iniciativa")
    return InsertRow("initiative", {"canvas_id": canvas_id, "axis": axis, "smart": "{}", **clean,
                                    "position": position}, text)


def edit_initiative(doc: ProcessDocument, initiative_id: str, name: str, value: Any) -> UpdateRow | None:
    """Change one field; None when unchanged. A new axis puts the initiative at the end of that axis."""
    return edit_fields(doc, initiative_id, {name: value})


def edit_fields(doc: ProcessDocument, initiative_id: str, values: dict[str, Any]) -> UpdateRow | None:
    """Change several fields of one initiative as one edit (a pasted line, cleared cells); None when unchanged."""
    for name in values:
        if name not in FIELDS:
            raise KeyError(name)
    row = doc.store.get("initiative", initiative_id)
    if row is None:
        return None
    changes = {k: v for k, v in ((k, _clean(doc, row["canvas_id"], k, v)) for k, v in values.items()) if row[k] != v}
    if not changes:
        return None
    if "axis" in changes:
        changes["position"] = _end_position(doc, row["canvas_id"])
    return UpdateRow("initiative", initiative_id, changes, _("Editar iniciativa"))


def paste_rows(doc: ProcessDocument, canvas_id: str, updates: Sequence[tuple[str, dict[str, Any]]],
               new_rows: Sequence[dict[str, Any]]) -> list[Command]:
    """A block pasted into the matrix: field changes of initiatives (id, values), then new initiatives.

    As with ``edit_initiative``, an initiative whose axis changes goes to the end of its
    new axis; new initiatives follow, in the order pasted. ValueError for a value that
    cannot be stored (nothing is built).
    """
    end = _end_position(doc, canvas_id)
    commands: list[Command] = []
    for initiative_id, values in updates:
        changes = {k: _clean(doc, canvas_id, k, v) for k, v in values.items()}
        if "axis" in changes:
            changes["position"], end = end, end + 1.0
        commands.append(UpdateRow("initiative", initiative_id, changes))
    for values in new_rows:
        clean = {k: _clean(doc, canvas_id, k, v) for k, v in values.items() if k in FIELDS}
        commands.append(InsertRow("initiative", {"smart": "{}", "axis": NO_AXIS, **clean, "canvas_id": canvas_id,
                                                 "position": end}))
        end += 1.0
    return commands


def set_smart(doc: ProcessDocument, initiative_id: str, key: str, on: bool) -> UpdateRow | None:
    """Tick (or untick) one SMART criterion of an initiative."""
    if key not in SMART_KEYS:
        raise KeyError(key)
    row = doc.store.get("initiative", initiative_id)
    if row is None:
        return None
    checks = smart_of(row)
    if checks[key] == bool(on):
        return None
    checks[key] = bool(on)
    label = _(next(c.label for c in SMART if c.key == key))
    return UpdateRow("initiative", initiative_id, {"smart": json.dumps(checks)},
                     _("Marcar «{criterion}»", criterion=label) if on else _("Desmarcar «{criterion}»",
                                                                               criterion=label))


def delete_initiatives(doc: ProcessDocument, initiative_ids: Iterable[str]) -> Macro | None:
    """Remove initiatives as one step; undo brings them back with the same ids and links."""
    ids = [i for i in dict.fromkeys(initiative_ids) if doc.store.get("initiative", i) is not None]
    if not ids:
        return None
    text = ngettext("Eliminar iniciativa", "Eliminar {n} iniciativas", len(ids))
    return Macro([DeleteRow("initiative", i) for i in ids], text)


def move_initiative(doc: ProcessDocument, initiative_id: str, delta: int) -> Macro | None:
    """Move an initiative up (-1) or down (+1) within its axis; None at either end."""
    row = doc.store.get("initiative", initiative_id)
    if row is None:
        return None
    rows = _axis_rows(doc, row["canvas_id"], row["axis"])
    ids = [r["id"] for r in rows]
    here = ids.index(initiative_id)
    there = here + delta
    if delta == 0 or not 0 <= there < len(ids):
        return None
    ids[here], ids[there] = ids[there], ids[here]
    slots = sorted(r["position"] for r in rows)
    if len(set(slots)) < len(slots):  # ties: spread the axis out from its first place
        slots = [slots[0] + n for n in range(len(slots))]
    current = {r["id"]: r["position"] for r in rows}
    cmds = [UpdateRow("initiative", i, {"position": p}) for i, p in zip(ids, slots) if current[i] != p]
    return Macro(cmds, _("Mover iniciativa")) if cmds else None


# -- axes ------------------------------------------------------------------------------------------------
def _zones_update(doc: ProcessDocument, canvas_id: str, zones: list[dict[str, str]], text: str) -> UpdateRow:
    return UpdateRow("canvas", canvas_id, {"zones": json.dumps(zones, ensure_ascii=False)}, text)


def _axis_name(doc: ProcessDocument, canvas_id: str, label: str, *, other_than: str | None = None) -> str:
    label = " ".join(str(label or "").split())
    if not label:
        raise ValueError(_("El eje necesita un nombre."))
    if any(fold(a["label"]) == fold(label) for a in axes(doc, canvas_id) if a["key"] != other_than):
        raise ValueError(_("Ya hay un eje «{name}» en esta matriz.", name=label))
    return label


def _new_key(label: str, taken: set[str]) -> str:
    base = "_".join(fold(label).split()[:6]) or "eje"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def add_axis(doc: ProcessDocument, canvas_id: str, label: str) -> UpdateRow:
    """A new axis at the end; the command carries its ``key``. ValueError for a blank or repeated name."""
    label = _axis_name(doc, canvas_id, label)
    current = axes(doc, canvas_id)
    key = _new_key(label, {a["key"] for a in current})
    command = _zones_update(doc, canvas_id, [*current, {"key": key, "label": label}],
                            _("Añadir eje «{name}»", name=label))
    command.key = key  # type: ignore[attr-defined]
    return command


def rename_axis(doc: ProcessDocument, canvas_id: str, key: str, label: str) -> UpdateRow | None:
    label = _axis_name(doc, canvas_id, label, other_than=key)
    current = axes(doc, canvas_id)
    if not any(a["key"] == key for a in current):
        return None
    if next(a["label"] for a in current if a["key"] == key) == label:
        return None
    zones = [dict(a, label=label) if a["key"] == key else a for a in current]
    return _zones_update(doc, canvas_id, zones, _("Renombrar eje «{name}»", name=label))


def move_axis(doc: ProcessDocument, canvas_id: str, key: str, delta: int) -> UpdateRow | None:
    """Move an axis earlier (-1) or later (+1) in the matrix; None at either end."""
    current = axes(doc, canvas_id)
    keys = [a["key"] for a in current]
    if key not in keys or delta == 0 or not 0 <= keys.index(key) + delta < len(keys):
        return None
    here = keys.index(key)
    current[here], current[here + delta] = current[here + delta], current[here]
    return _zones_update(doc, canvas_id, current, _("Mover eje «{name}»", name=current[here + delta]["label"]))


def remove_axis(doc: ProcessDocument, canvas_id: str, key: str, *, initiatives_to: str = "move") -> Macro | None:
    """Remove an axis as one step; its initiatives go to "Sin eje" (``move``) or are deleted (``delete``)."""
    if initiatives_to not in ("move", "delete"):
        raise ValueError(initiatives_to)
    current = axes(doc, canvas_id)
    gone = next((a for a in current if a["key"] == key), None)
    if gone is None:
        return None
    commands: list[Command] = [_zones_update(doc, canvas_id, [a for a in current if a["key"] != key], "")]
    end = _end_position(doc, canvas_id)
    for n, row in enumerate(r for r in initiatives(doc.store, canvas_id) if r["axis"] == key):
        if initiatives_to == "delete":
            commands.append(DeleteRow("initiative", row["id"]))
        else:
            commands.append(UpdateRow("initiative", row["id"], {"axis": NO_AXIS, "position": end + n}))
    return Macro(commands, _("Quitar eje «{name}»", name=gone["label"]))


def axis_size(doc: ProcessDocument, canvas_id: str, key: str) -> int:
    return int(doc.store.scalar("SELECT count(*) FROM initiative WHERE canvas_id = ? AND axis = ?",
                                (canvas_id, key)) or 0)


# -- the final review ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    """One thing the review asks the team to look at; ``ids`` are the initiatives concerned."""

    kind: str  # "few" | "duplicate" | "missing"
    text: str
    ids: tuple[str, ...] = ()
    axis: str | None = None


def _title(row: dict[str, Any]) -> str:
    name = " ".join(str(row.get("name") or "").split())
    return f"«{name[:80]}»" if name else _("Iniciativa sin nombre")


def review(doc: ProcessDocument, canvas_id: str, rows: Sequence[dict[str, Any]] | None = None) -> list[Finding]:
    """The guide's final check: thin axes, likely duplicates (across axes too), missing key data."""
    rows = initiatives(doc.store, canvas_id) if rows is None else list(rows)
    groups = grouped(doc, canvas_id, rows)
    findings: list[Finding] = []
    for group in groups:
        n = len(group.rows)
        if group.key != NO_AXIS and n < MIN_PER_AXIS:
            text = (_("«{axis}» no tiene iniciativas (el método pide al menos {min}).", axis=group.label,
                      min=MIN_PER_AXIS) if n == 0 else
                    _("«{axis}» tiene una sola iniciativa (el método pide al menos {min}).", axis=group.label,
                      min=MIN_PER_AXIS))
            findings.append(Finding("few", text, tuple(r["id"] for r in group.rows), group.key))
    labels = {g.key: g.label for g in groups}
    by_id = {r["id"]: r for r in rows}
    for a, b in duplicate_pairs(rows):
        ra, rb = by_id[a], by_id[b]
        where = (_("en «{axis}»", axis=labels.get(ra["axis"], _("Sin eje"))) if ra["axis"] == rb["axis"]
                 else _("en «{a}» y «{b}»", a=labels.get(ra["axis"], _("Sin eje")),
                        b=labels.get(rb["axis"], _("Sin eje"))))
        findings.append(Finding("duplicate", _("{a} y {b} parecen la misma iniciativa ({where}).",
                                               a=_title(ra), b=_title(rb), where=where), (a, b)))
    for group in groups:
        for row in group.rows:
            lacking = missing_fields(row)
            if lacking:
                findings.append(Finding("missing", _("{name} ({axis}): falta {what}.", name=_title(row),
                                                     axis=group.label, what=", ".join(_(m) for m in lacking)),
                                        (row["id"],), group.key))
    return findings


@lru_cache(maxsize=1 << 14)
def _tokens(folded: str) -> frozenset[str]:
    return frozenset(w for w in folded.split() if w not in _SKIP and len(w) > 1)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def duplicate_pairs(rows: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of initiatives that look alike, in matrix order: the board's rule, made for a whole matrix.

    Names are alike as notes are on the board (``board.DuplicateIndex``): shared words
    or ``difflib`` similarity of at least its threshold, accents and case aside. Two
    initiatives that both have a description are alike too when their names and
    descriptions share enough words (``DESCRIBED_THRESHOLD``). Only pairs that share
    a word few initiatives use are compared, so a matrix of hundreds of rows is
    checked in a blink (words nearly every initiative uses, like "migrantes", prove
    nothing); identical names always count. Each pair's answer is kept (``_alike``),
    so the review after an edit compares only the edited initiative again.
    """
    named = [r for r in rows if str(r["name"]).strip()]
    order = {r["id"]: n for n, r in enumerate(rows)}
    names = {r["id"]: fold(r["name"]) for r in named}
    descriptions = {r["id"]: fold(r["description"]) if str(r["description"]).strip() else "" for r in named}
    words = {r["id"]: _tokens(names[r["id"]]) | _tokens(fold(r["description"])) for r in named}
    frequency = Counter(w for ws in words.values() for w in ws)
    common = max(4, len(named) // 5)
    # names compared as lemmas too: «Facilitadores interculturales» and «Facilitador intercultural» are one idea
    from ..synthesis.suggest import normalise

    lemmas = {r["id"]: tuple(normalise(r["name"])) for r in named}
    lemma_frequency = Counter(w for ws in lemmas.values() for w in set(ws))
    postings: dict[str, list[str]] = defaultdict(list)
    for r in named:
        postings[names[r["id"]]].append(r["id"])  # the same name, whatever its words
        for w in words[r["id"]]:
            if frequency[w] <= common:
                postings[w].append(r["id"])
        for w in set(lemmas[r["id"]]):
            if lemma_frequency[w] <= common:
                postings["~" + w].append(r["id"])
    candidates = {(a, b) if order[a] < order[b] else (b, a)
                  for ids in postings.values() for n, a in enumerate(ids) for b in ids[n + 1:] if a != b}
    return sorted((p for p in candidates if _alike(names[p[0]], descriptions[p[0]], lemmas[p[0]],
                                                   names[p[1]], descriptions[p[1]], lemmas[p[1]])),
                  key=lambda p: (order[p[0]], order[p[1]]))


@lru_cache(maxsize=1 << 17)
def _alike(name_a: str, description_a: str, lemmas_a: tuple[str, ...],
           name_b: str, description_b: str, lemmas_b: tuple[str, ...]) -> bool:
    """Whether two initiatives look alike (folded name, folded description or "", name lemmas): see duplicate_pairs."""
    from rapidfuzz import fuzz

    from ..synthesis.suggest import similarity

    threshold = DuplicateIndex.THRESHOLD
    words_a, words_b = _tokens(name_a), _tokens(name_b)
    if name_a == name_b or _overlap(words_a, words_b) >= threshold:
        return True
    if similarity(lemmas_a, lemmas_b) >= LEMMA_THRESHOLD:
        return True
    if description_a and description_b and _overlap(words_a | _tokens(description_a),
                                                    words_b | _tokens(description_b)) >= DESCRIBED_THRESHOLD:
        return True
    # rapidfuzz's ratio (longest common subsequence) is never below difflib's (its matching blocks are a common
    # subsequence): a pair under the threshold there is under it here, in microseconds instead of milliseconds.
    if fuzz.ratio(name_a, name_b) < threshold * 100 - 1e-6:
        return False
    matcher = SequenceMatcher(None, name_a, name_b, autojunk=False)
    return matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


# -- notes that become initiatives ---------------------------------------------------------------------------
def source_notes(doc: ProcessDocument, canvas_id: str) -> list[dict[str, Any]]:
    """Notes of the process's boards, FODA matrices and trees that could become initiatives here (see provenance)."""
    return provenance.source_notes(doc, canvas_id, kind_registry.kind(KIND).note_sources, "initiative")


def brought_ids(doc: ProcessDocument, canvas_id: str) -> set[str]:
    """Ids of the notes initiatives of this matrix came from."""
    return provenance.brought_ids(doc.store, "initiative", canvas_id)


@dataclass
class BringOver:
    """Initiatives made from notes: the command to run, how many are new, how many were already here."""

    command: Macro | None
    added: int
    skipped: int
    ids: list[str] = field(default_factory=list)


def bring_notes(doc: ProcessDocument, canvas_id: str, note_ids: Iterable[str], axis: str) -> BringOver:
    """One initiative per note, named by its text, in ``axis``, keeping the note and its group.

    Notes already brought into this matrix are skipped (and counted). One undo step.
    """
    axis = _check_axis(doc, canvas_id, axis)
    already = brought_ids(doc, canvas_id)
    notes, skipped = [], 0
    for note_id in dict.fromkeys(note_ids):
        note = doc.store.get("note", note_id)
        if note is None:
            continue
        if note_id in already:
            skipped += 1
        else:
            notes.append(note)
    if not notes:
        return BringOver(None, 0, skipped)
    position = _end_position(doc, canvas_id)
    commands = [InsertRow("initiative", {
        "canvas_id": canvas_id, "axis": axis, "name": " ".join(note["text"].split()), "smart": "{}",
        "group_id": note["group_id"], "origin_note_id": note["id"], "position": position + n})
        for n, note in enumerate(notes)]
    label = axis_label(axes(doc, canvas_id), axis)
    text = ngettext("Traer una nota a «{axis}»", "Traer {n} notas a «{axis}»", len(commands), axis=label)
    return BringOver(Macro(commands, text), len(commands), skipped, [c.id for c in commands])


def origin(doc: ProcessDocument, row: dict[str, Any]) -> Origin | None:
    """The note an initiative was made from, with its place in the process; None if it was typed."""
    return note_origin(doc.store, row.get("origin_note_id"))


def group_choices(doc: ProcessDocument, workshop_id: str, current: str | None = None) -> list[tuple[str, str]]:
    """(id, name) of the workshop's groups, plus ``current`` when it is another workshop's (name and workshop)."""
    out = [(g["id"], g["name"]) for g in doc.groups(workshop_id)]
    if current and current not in {i for i, _n in out}:
        found = doc.store.query("SELECT g.name, w.title FROM workgroup g JOIN workshop w ON w.id = g.workshop_id "
                                "WHERE g.id = ?", (current,))
        if found:
            out.append((current, _("{group} ({workshop})", group=found[0]["name"], workshop=found[0]["title"])))
    return out
