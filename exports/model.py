"""A process read into plain dataclasses for the report writers (no Qt, no SQL in writers).

Every writer (PDF, XLSX, CSV, DOCX) takes a ``Report`` built here. Anonymisation
is applied here, once, through ``Privacy``: a writer cannot leak a name because
it never receives one it may not show. Labels (zones, tags, kinds) are resolved
in the report's language here too, so the writers only lay out.

The structured method canvases bring their own rows (``exports.methods``): a
planning matrix its initiatives, a monitoring matrix its rows with their
effective status; a tree its nodes' marks and scores and each node's level
(``facilitator.tree.levels``, the same rows the tree window draws); any note
carried from another canvas its origin.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from facilitator.document import ProcessDocument
from facilitator.domain.labels import show
from facilitator.domain.tags import fold
from facilitator.domain.values import number, whole
from facilitator.i18n import Translator
from facilitator.record import effective_status
from facilitator.session.summary import workshop_summary

from facilitator.foda import STRATEGIES
from facilitator.tree import levels

from .labels import COMMITMENT_STATUSES, MARKS, MINUTES_KINDS, OBJECTIVE_TREE, RECEPTIONS, kind_name, label, tag_text
from .methods import Initiative, MonitoringRow, Origin, initiatives, monitoring_rows, origins
from .privacy import MIN_GROUP, Privacy


@dataclass(frozen=True)
class Zone:
    key: str
    label: str


@dataclass
class Note:
    id: str
    text: str
    canvas_id: str
    zone: str
    zone_label: str
    group_id: str | None
    group: str
    block_id: str | None
    block: str
    author: str
    tags: tuple[str, ...]
    tag_labels: tuple[str, ...]
    votes: int
    theme_id: str | None
    theme: str
    x: float = 0.0
    y: float = 0.0
    marks: tuple[str, ...] = ()  # prioritisation marks of a tree node (keys, see labels.MARKS)
    mark_labels: tuple[str, ...] = ()
    impact: int | None = None
    feasibility: int | None = None
    origin: Origin | None = None  # the note it was carried from

    @property
    def score(self) -> int | None:
        """Impact × feasibility, the tree's priority score (None until both are given)."""
        return self.impact * self.feasibility if self.impact and self.feasibility else None


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    colour: str


@dataclass(frozen=True)
class Link:
    source_id: str
    target_id: str
    kind: str


@dataclass
class Canvas:
    id: str
    key: str
    kind: str
    kind_label: str
    title: str
    zones: list[Zone]
    notes: list[Note]
    themes: list[Theme]
    links: list[Link]
    variant: str = ""  # 'objectives': a problem tree restated as an objective tree
    initiatives: list[Initiative] = field(default_factory=list)  # planning matrix rows
    monitoring: list[MonitoringRow] = field(default_factory=list)  # monitoring matrix rows
    levels: dict[str, int] = field(default_factory=dict)  # tree nodes: 0 trunk, < 0 causes, > 0 effects

    def axes(self) -> list[tuple[str, str, list[Initiative]]]:
        """(axis key, label, initiatives) in the canvas's zone order; initiatives of no known axis last."""
        out = [(z.key, z.label, [i for i in self.initiatives if i.axis == z.key]) for z in self.zones]
        loose = [i for i in self.initiatives if not i.axis]
        if loose:
            out.append(("", loose[0].axis_label, loose))
        return out

    def zone_label(self, key: str) -> str:
        return next((z.label for z in self.zones if z.key == key), key)

    def zone_notes(self, key: str) -> list[Note]:
        return [n for n in self.notes if n.zone == key]

    def stray_notes(self) -> list[Note]:
        """Notes in a zone the canvas no longer has (kept, shown apart)."""
        keys = {z.key for z in self.zones}
        return [n for n in self.notes if n.zone not in keys]


@dataclass(frozen=True)
class Block:
    id: str
    key: str
    title: str
    minutes: int
    modes: tuple[str, ...]
    instruction: str
    canvas_id: str | None
    zone: str | None


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    colour: str
    members: int


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    kind_label: str
    speaker: str
    text: str
    at: str
    block_id: str | None
    block: str
    group: str


@dataclass(frozen=True)
class Commitment:
    id: str
    what: str
    responsible: str
    due: str
    indicator: str
    target: str
    status: str
    status_label: str
    workshop_id: str | None


@dataclass(frozen=True)
class Validation:
    id: str
    proposal: str
    stakeholder: str
    reception: str
    reception_label: str
    reasons: str


@dataclass(frozen=True)
class Photo:
    id: str
    caption: str
    mime: str
    width: int
    height: int
    data: bytes
    block: str
    group: str
    taken_at: str


@dataclass
class Participation:
    """Who took part, counted; ``basis`` says whether people were present or only registered."""

    total: int = 0
    basis: str = "present"
    by_sector: Counter = field(default_factory=Counter)
    by_gender: Counter = field(default_factory=Counter)
    by_territory: Counter = field(default_factory=Counter)
    by_organisation: Counter = field(default_factory=Counter)
    sector_organisations: dict[str, Counter] = field(default_factory=dict)
    # how many distinct sectors and organisations there were (the counters merge the small ones into «Otros…»)
    sectors: int = 0
    organisations: int = 0
    min_group: int = 1


@dataclass(frozen=True)
class Person:
    """A participant as the report may show them (name only when allowed)."""

    id: str
    name: str  # "" unless shown
    organisation: str
    sector: str


@dataclass
class Workshop:
    id: str
    title: str
    date: str
    start_time: str
    place: str
    objectives: str
    method: str
    template_id: str
    blocks: list[Block]
    groups: list[Group]
    canvases: list[Canvas]
    minutes: list[Entry]
    commitments: list[Commitment]
    validations: list[Validation]
    photos: list[Photo]
    run: Any  # facilitator.session.summary.RunSummary | None
    participation: Participation

    def notes(self) -> list[Note]:
        return [n for c in self.canvases for n in c.notes]

    def canvas(self, canvas_id: str | None) -> Canvas | None:
        return next((c for c in self.canvases if c.id == canvas_id), None)


@dataclass
class Report:
    title: str
    description: str
    place: str
    organisers: str
    publish_url: str
    logo: bytes | None
    workshops: list[Workshop]
    people: list[Person]
    participation: Participation
    commitments: list[Commitment]  # of the process, not tied to a workshop in scope
    lang: str
    anonymous: bool
    whole_process: bool
    generated_at: datetime
    synthesis: Any = None  # exports.synthesis.Synthesis of the process (whole-process reports)
    min_group: int = 1  # k: categories of fewer people are generalised (see exports.privacy)
    # What a writer could not do as asked (a QR too long, a script no font draws): said once each.
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    @property
    def t(self) -> Translator:
        return Translator(self.lang)

    def notes(self) -> list[Note]:
        return [n for w in self.workshops for n in w.notes()]


# -- reading -----------------------------------------------------------------------
def _has_table(doc: ProcessDocument, table: str) -> bool:
    return bool(doc.store.scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?", (table,)))


def _tags(raw: str) -> tuple[str, ...]:
    if not raw or raw == "[]":  # most notes: no need to parse
        return ()
    try:
        tags = json.loads(raw or "[]")
    except (ValueError, TypeError, RecursionError):
        return ()
    return tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else ()


def _score(value: Any) -> int | None:
    """An impact or feasibility score (1–5); anything else reads as not scored."""
    return whole(value, None, lo=1, hi=5) if value is not None else None  # type: ignore[arg-type]


def _marks(raw: str | None) -> tuple[str, ...]:
    return tuple(m for m in _tags(raw or "[]") if m in MARKS)


def _zone_labels(c: dict[str, Any], t: Translator) -> list[Zone]:
    zones = [Zone(z.get("key", ""), show(t.pick(z.get("label")), t) or z.get("key", "")) for z in c["zones"]
             if isinstance(z, dict)]
    if c["kind"] == "foda":  # cross strategies live in zones the canvas may not list
        known = {z.key for z in zones}
        zones += [Zone(s.key, t(s.label)) for s in STRATEGIES if s.key not in known]
    return zones


def _generalised(counts: Counter, k: int, other: str) -> tuple[Counter, dict[str, str]]:
    """Counts with every category of fewer than k people merged into ``other``, and how each was mapped."""
    mapping = {key: key if n >= k else other for key, n in counts.items()}
    out: Counter = Counter()
    for key, n in counts.items():
        out[mapping[key]] += n
    if set(out) == {other}:
        out = Counter()  # «Otros: everyone» says nothing: the breakdown is left out
    return out, mapping


def _count(people: list[dict[str, Any]], basis: str, t: Translator, k: int = 1) -> Participation:
    """Who took part, by category; a category of fewer than k people is merged into «Otros…».

    The table of sectors by organisation is generalised the same way, then any
    cell still under k is merged into its sector's «Otras organizaciones».
    """
    unknown = t("Sin dato")
    result = Participation(total=len(people), basis=basis, min_group=k)
    rows = [(str(show(p.get("sector") or "", t)).strip() or unknown, (p.get("organisation") or "").strip() or unknown,
             str(show(p.get("gender") or "", t)).strip() or unknown, (p.get("territory") or "").strip() or unknown)
            for p in people]
    sectors = Counter(r[0] for r in rows)
    orgs = Counter(r[1] for r in rows)
    result.sectors, result.organisations = len(sectors), len(orgs)
    other_org = t("Otras organizaciones")
    result.by_sector, sector_of = _generalised(sectors, k, t("Otros sectores"))
    result.by_organisation, org_of = _generalised(orgs, k, other_org)
    result.by_gender, _m = _generalised(Counter(r[2] for r in rows), k, t("Otros"))
    result.by_territory, _m = _generalised(Counter(r[3] for r in rows), k, t("Otros territorios"))
    cells: Counter = Counter((sector_of[r[0]], org_of[r[1]]) for r in rows)
    for (sector, org), n in cells.items():
        cell = org if n >= k else other_org
        result.sector_organisations.setdefault(sector, Counter())[cell] += n
    return result


def load_report(doc: ProcessDocument, *, workshop_id: str | None = None, anonymous: bool = True,
                lang: str = "es", now: datetime | None = None, min_group: int = MIN_GROUP) -> Report:
    """Read the process (or one workshop of it) as the report will show it.

    ``anonymous=False`` turns names on, for consenting participants only.
    ``min_group`` is k: no category of fewer than k people present is attributed or
    counted on its own (see exports.privacy). Raises KeyError when ``workshop_id``
    is not a workshop of the process.
    """
    t = Translator(lang)
    k = max(1, int(min_group))
    process = doc.process
    participants = doc.store.query("SELECT * FROM participant WHERE process_id = ? ORDER BY created_at, rowid",
                                   (process["id"],))
    all_workshops = doc.workshops()
    chosen = [w for w in all_workshops if workshop_id is None or w["id"] == workshop_id]
    if workshop_id is not None and not chosen:
        raise KeyError(workshop_id)
    present_ids = {r["participant_id"] for r in doc.store.query(
        "SELECT participant_id FROM attendance WHERE present = 1 AND workshop_id IN (%s)"
        % ",".join("?" * len(chosen)), [w["id"] for w in chosen])} if chosen else set()
    if present_ids:
        people_rows, basis = [p for p in participants if p["id"] in present_ids], "present"
    else:
        people_rows, basis = (participants, "registered") if workshop_id is None else ([], "present")
    privacy = Privacy(participants, names=not anonymous, t=t, min_group=k, population=people_rows)
    has_commitments = _has_table(doc, "commitment")
    now = now or datetime.now(timezone.utc)
    reading = _Reading(privacy, t, now.date(), has_commitments, _has_table(doc, "validation_round"),
                       _has_table(doc, "initiative"), {g["id"]: g["name"] for g in doc.store.query(
                           "SELECT g.id, g.name FROM workgroup g JOIN workshop w ON w.id = g.workshop_id "
                           "WHERE w.process_id = ?", (process["id"],))})
    workshops = [_workshop(doc, w, reading) for w in chosen]
    people = [Person(p["id"], p["name"].strip() if privacy.shows(p) else "", (p.get("organisation") or "").strip(),
                     (p.get("sector") or "").strip()) for p in people_rows]

    process_commitments: list[Commitment] = []
    if has_commitments and workshop_id is None:
        rows = doc.store.query("SELECT * FROM commitment WHERE process_id = ? AND workshop_id IS NULL "
                               "ORDER BY position, created_at", (process["id"],))
        process_commitments = [_commitment(r, privacy, t, now.date()) for r in rows]
    report = Report(
        title=process["title"], description=process.get("description") or "", place=process.get("place") or "",
        organisers=process.get("organisers") or "", publish_url=(process.get("publish_url") or "").strip(),
        logo=process.get("logo") or None, workshops=workshops, people=people,
        participation=_count(people_rows, basis, t, k), commitments=process_commitments, lang=lang,
        anonymous=anonymous, whole_process=workshop_id is None,
        generated_at=now, min_group=k)
    if workshop_id is None:
        from .synthesis import load_synthesis

        report.synthesis = load_synthesis(doc, report)
    return report


def _commitment(r: dict[str, Any], privacy: Privacy, t: Translator, today: date) -> Commitment:
    status = effective_status(r, today) if r.get("status") else ""
    return Commitment(r["id"], privacy.scrub(r.get("what") or ""), privacy.speaker(r.get("responsible") or ""),
                      r.get("due") or "", privacy.scrub(r.get("indicator") or ""),
                      privacy.scrub(r.get("target") or ""), status, label(COMMITMENT_STATUSES, status, t),
                      r.get("workshop_id"))


@dataclass(frozen=True)
class _Reading:
    """What reading every workshop shares: the privacy rule, the language, today, which tables exist."""

    privacy: Privacy
    t: Translator
    today: date
    has_commitments: bool
    has_validation: bool
    has_methods: bool  # schema v3: initiatives, monitoring rows, tree marks
    groups: dict[str, str]  # every group of the process by id


def _workshop(doc: ProcessDocument, w: dict[str, Any], reading: _Reading) -> Workshop:
    present = doc.store.query("SELECT p.* FROM participant p JOIN attendance a ON a.participant_id = p.id "
                              "WHERE a.workshop_id = ? AND a.present = 1 ORDER BY p.created_at", (w["id"],))
    # attributions in this workshop are judged by who was present in it (k people of a sector, see Privacy)
    privacy = reading.privacy.within(present) if present else reading.privacy
    t, today = reading.t, reading.today
    has_commitments, has_validation, has_methods = reading.has_commitments, reading.has_validation, reading.has_methods
    process_groups = reading.groups
    wid = w["id"]
    q = doc.store.query
    blocks = [Block(b["id"], b["key"] or "", b["title"], whole(b["minutes"], 0, lo=0),
                    tuple(m for m in (b["input_modes"] or "").split(",") if m), b["instruction"] or "",
                    b["canvas_id"], b["zone"]) for b in doc.blocks(wid)]
    block_title = {b.id: b.title for b in blocks}
    block_canvas = {b.id: b.canvas_id for b in blocks}
    members = Counter(r["group_id"] for r in q(
        "SELECT group_id FROM attendance WHERE workshop_id = ? AND group_id IS NOT NULL", (wid,)))
    groups = [Group(g["id"], g["name"], g["colour"] or "", members.get(g["id"], 0)) for g in doc.groups(wid)]
    group_name = dict(process_groups)  # notes brought from another workshop keep their group
    known_labels = privacy.sector_labels() | {fold(g.name) for g in groups}

    canvases = []
    for c in doc.canvases(wid, shown=False):
        zones = _zone_labels(c, t)
        zone_label = {z.key: z.label for z in zones}
        themes = [Theme(r["id"], r["name"], r["colour"] or "") for r in q(
            "SELECT * FROM theme WHERE canvas_id = ? ORDER BY position, created_at", (c["id"],))]
        theme_name = {th.id: th.name for th in themes}
        rows = doc.notes(c["id"])
        variant = c.get("variant") or ""
        traced = origins(doc.store, {n["origin_id"] for n in rows if n.get("origin_id")}, privacy, t)
        notes = []
        # an objective tree's notes carry the block of the problem notes they were restated from: they
        # belong to the block that works on the objective tree, or to none
        home = next((b.id for b in blocks if b.canvas_id == c["id"]), None)
        for n in rows:
            bid = n["block_id"]
            if variant == "objectives" and bid in block_canvas and block_canvas[bid] not in (None, c["id"]):
                bid = home
            tags = _tags(n["tags"])
            marks = _marks(n.get("marks"))
            notes.append(Note(
                n["id"], privacy.scrub(n["text"]), c["id"], n["zone"] or "",
                zone_label.get(n["zone"] or "", n["zone"] or ""),
                n["group_id"], group_name.get(n["group_id"], ""), bid, block_title.get(bid, ""),
                privacy.author(n["author"], n["participant_id"], known_labels), tags,
                tuple(tag_text(k, t) for k in tags), whole(n["votes"], 0, lo=0), n["theme_id"],
                theme_name.get(n["theme_id"], ""), number(n["x"]), number(n["y"]), marks,
                tuple(label(MARKS, m, t) for m in marks), _score(n.get("impact")), _score(n.get("feasibility")),
                traced.get(n["origin_id"]) if n.get("origin_id") else None))
        links = [Link(r["source_id"], r["target_id"], r["kind"]) for r in q(
            "SELECT * FROM link WHERE canvas_id = ? ORDER BY created_at", (c["id"],))]
        kind_label = t(OBJECTIVE_TREE) if c["kind"] == "problem_tree" and variant == "objectives" \
            else kind_name(c["kind"], t)
        canvas = Canvas(c["id"], c["key"] or "", c["kind"], kind_label, show(c["title"], t) or "", zones, notes, themes,
                        links, variant)
        if c["kind"] == "planning_matrix" and has_methods:
            canvas.initiatives = initiatives(doc.store, c["id"], zone_label, group_name, privacy, t)
        elif c["kind"] == "monitoring_matrix" and has_methods:
            canvas.monitoring = monitoring_rows(doc.store, c["id"], privacy, t, today)
        elif c["kind"] == "problem_tree":
            canvas.levels = levels(rows, [{"source_id": x.source_id, "target_id": x.target_id} for x in links])
        canvases.append(canvas)

    minutes = [Entry(m["id"], m["kind"], label(MINUTES_KINDS, m["kind"], t), privacy.speaker(m["speaker"]),
                     privacy.scrub(m["text"]), m["at"] or "", m["block_id"], block_title.get(m["block_id"], ""),
                     group_name.get(m["group_id"], ""))
               for m in q("SELECT * FROM minutes_entry WHERE workshop_id = ? ORDER BY position, created_at", (wid,))]
    commitments = [_commitment(r, privacy, t, today) for r in q(
        "SELECT * FROM commitment WHERE workshop_id = ? ORDER BY position, created_at", (wid,))] \
        if has_commitments else []
    validations = [Validation(r["id"], privacy.scrub(r["proposal"]), privacy.speaker(r["stakeholder"]),
                              r["reception"], label(RECEPTIONS, r["reception"], t), privacy.scrub(r["reasons"]))
                   for r in q("SELECT * FROM validation_round WHERE workshop_id = ? ORDER BY position, created_at",
                              (wid,))] if has_validation else []
    photos = [Photo(p["id"], privacy.scrub(p["caption"] or ""), p["mime"], whole(p["width"], 0, lo=0),
                    whole(p["height"], 0, lo=0), bytes(p["data"]), block_title.get(p["block_id"], ""),
                    group_name.get(p["group_id"], ""), p["taken_at"] or "")
              for p in q("SELECT id, caption, mime, width, height, data, block_id, group_id, taken_at FROM photo "
                         "WHERE workshop_id = ? ORDER BY position, created_at", (wid,))]
    return Workshop(wid, w["title"], w["date"] or "", w["start_time"] or "", w["place"] or "",
                    w["objectives"] or "", w["method"] or "", w["template_id"] or "", blocks, groups, canvases,
                    minutes, commitments, validations, photos, _run_summary(doc, wid),
                    _count(present, "present", t, privacy.min_group))


def _run_summary(doc: ProcessDocument, workshop_id: str) -> Any:
    """Planned versus actual, when the workshop was run with the runner (None otherwise)."""
    return workshop_summary(doc.store, workshop_id)
