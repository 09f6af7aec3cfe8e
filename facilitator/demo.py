"""The embedded demo process, built from resources/demo/demo.json.

Five workshops of one municipal process, drawn from the guide's own examples: a
diagnostic, a FODA that brings notes over from it, a problem tree with its
objective tree, a planning matrix whose initiatives trace back to the
diagnostic's challenges, and a monitoring review carried over from the planning
and its commitments. It is built with the same commands a user's edits go
through, into a file in the app's home folder, so what the demo shows is what
the app really stores.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .commands import InsertRow, Macro, UpdateRow
from .document import ProcessDocument
from .board.layout import next_slot
from .domain.templates import builtin_template
from .settings import app_home
from .store import FileProblem
from .workshops import new_workshop

from resources import FOLDER as RESOURCES

DEMO_NAME = "demo.taller"
START_TIME = "09:00"


def demo_data() -> dict[str, Any]:
    ref = RESOURCES / "demo" / "demo.json"
    return json.loads(ref.read_text(encoding="utf-8"))


def build_demo(path: str | os.PathLike[str]) -> Path:
    """Write the demo process to ``path`` (replacing a previous demo file)."""
    path = Path(path)
    data = demo_data()
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    doc = ProcessDocument.create(tmp, data["process"]["title"])
    try:
        proc = data["process"]
        doc.execute(UpdateRow("process", doc.process["id"], {
            k: proc[k] for k in ("description", "place", "organisers") if k in proc}))
        people: dict[str, str] = {}
        for spec in data["workshops"]:
            _build_workshop(doc, spec, people)
        if "synthesis" in data:
            _build_synthesis(doc, data["synthesis"])
    finally:
        doc.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    return path


def _build_workshop(doc: ProcessDocument, spec: dict[str, Any], people: dict[str, str]) -> None:
    template = builtin_template(spec["template"])
    macro = new_workshop(doc, template, lang="es", title=spec["title"], date=spec.get("date", ""),
                         place=spec.get("place", ""))
    doc.execute(macro)
    wid = macro.workshop_id
    doc.execute(UpdateRow("workshop", wid, {"objectives": spec.get("objectives", ""), "start_time": START_TIME}))
    canvases = {c["key"]: c["id"] for c in doc.canvases(wid)}
    blocks = doc.blocks(wid)
    block_by_key = {b["key"]: b for b in blocks}
    commands: list[Any] = []

    groups: dict[str, str] = {}
    for pos, g in enumerate(spec.get("groups", [])):
        cmd = InsertRow("workgroup", {"workshop_id": wid, "name": g["name"], "colour": g.get("colour", ""),
                                      "position": pos})
        groups[g["name"]] = cmd.id
        commands.append(cmd)

    for p in spec.get("participants", []):
        cmd = InsertRow("participant", {
            "process_id": doc.process["id"], "consent": int(bool(p.get("consent"))),
            **{k: p.get(k, "") for k in ("name", "organisation", "sector", "gender", "territory", "contact")}})
        people[p["name"]] = cmd.id
        commands.append(cmd)
        commands.append(InsertRow("attendance", {"workshop_id": wid, "participant_id": cmd.id, "present": 1,
                                                 "group_id": groups.get(p.get("group", ""))}))
    for a in spec.get("attendance", []):  # people registered in an earlier workshop
        commands.append(InsertRow("attendance", {"workshop_id": wid, "participant_id": people[a["name"]], "present": 1,
                                                 "group_id": groups.get(a.get("group", ""))}))

    earlier = {r["text"]: r["id"] for r in doc.store.query("SELECT id, text FROM note ORDER BY created_at DESC")}
    keyed: dict[str, dict[str, Any]] = {}
    themes: dict[tuple[str, str], str] = {}
    taken: dict[tuple[str, str, str | None], list[tuple[float, float]]] = {}
    for pos, n in enumerate(spec.get("notes", [])):
        canvas_id = canvases[n["canvas"]]
        theme_id = None
        if n.get("theme"):
            key = (canvas_id, n["theme"])
            if key not in themes:
                cmd = InsertRow("theme", {"canvas_id": canvas_id, "name": n["theme"], "position": len(themes)})
                themes[key] = cmd.id
                commands.append(cmd)
            theme_id = themes[key]
        group_id = groups.get(n.get("group", ""))
        cell = taken.setdefault((canvas_id, n["zone"], group_id), [])
        x, y = next_slot(cell)
        cell.append((x, y))
        block = next((b for b in blocks if b["canvas_id"] == canvas_id and b["zone"] == n["zone"]), None)
        note = InsertRow("note", {
            "canvas_id": canvas_id, "zone": n["zone"], "group_id": group_id,
            "block_id": block["id"] if block else None, "text": n["text"], "votes": int(n.get("votes", 0)),
            "tags": json.dumps(n.get("tags", []), ensure_ascii=False), "theme_id": theme_id,
            "author": n.get("author", ""), "participant_id": people.get(n.get("author", "")),
            "x": x, "y": y, "position": pos, "origin_id": earlier[n["from"]] if "from" in n else None,
            "marks": json.dumps(n.get("marks", [])), "impact": n.get("impact"), "feasibility": n.get("feasibility")})
        commands.append(note)
        if "key" in n:
            keyed[n["key"]] = note.values
    for link in spec.get("links", []):
        commands.append(InsertRow("link", {"canvas_id": canvases[link["canvas"]], "source_id": keyed[link["from"]]["id"],
                                           "target_id": keyed[link["to"]]["id"]}))
    if "objective_tree" in spec:
        commands += _objective_tree(wid, canvases, keyed, spec["links"], spec["objective_tree"])
    commands += _matrices(doc, wid, canvases, groups, earlier, spec)

    # Minutes are stamped during their block, assuming the agenda ran as planned.
    starts: dict[str, datetime] = {}
    clock = datetime.fromisoformat(f"{spec.get('date') or '2026-01-01'}T{START_TIME}")
    for b in blocks:
        starts[b["key"]] = clock
        clock += timedelta(minutes=b["minutes"])
    per_block: dict[str, int] = {}
    for pos, m in enumerate(spec.get("minutes", [])):
        block = block_by_key.get(m.get("block", ""))
        k = per_block[m.get("block", "")] = per_block.get(m.get("block", ""), 0) + 1
        at = starts.get(m.get("block", ""), clock) + timedelta(minutes=2 * k)
        commands.append(InsertRow("minutes_entry", {
            "workshop_id": wid, "block_id": block["id"] if block else None, "kind": m.get("kind", "idea_clave"),
            "speaker": m.get("speaker", ""), "text": m["text"], "at": at.isoformat(timespec="minutes"),
            "position": pos, "group_id": groups.get(m.get("speaker", ""))}))
    doc.execute(Macro(commands, "demo"))


def _objective_tree(wid: str, canvases: dict[str, str], keyed: dict[str, dict[str, Any]],
                    links: list[dict[str, str]], spec: dict[str, Any]) -> list[InsertRow]:
    """The problem tree restated as objectives: a linked copy whose nodes point back to the problems."""
    source = canvases[spec["canvas"]]
    tree = InsertRow("canvas", {"workshop_id": wid, "kind": "problem_tree", "variant": "objectives", "origin_id": source,
                                "title": spec["title"], "position": len(canvases), "zones": json.dumps([
                                    {"key": "objetivo", "label": "Objetivo central"}, {"key": "medios", "label": "Medios"},
                                    {"key": "fines", "label": "Fines"}], ensure_ascii=False)})
    zone = {"problema": "objetivo", "causas": "medios", "efectos": "fines"}
    copies = {key: InsertRow("note", {**{k: v for k, v in n.items() if k not in ("id", "created_at", "updated_at")},
                                      "canvas_id": tree.id, "zone": zone[n["zone"]], "text": spec["texts"][key],
                                      "origin_id": n["id"], "marks": "[]", "impact": None, "feasibility": None})
              for key, n in keyed.items() if n["canvas_id"] == source}
    arrows = [InsertRow("link", {"canvas_id": tree.id, "source_id": copies[a["from"]].id, "target_id": copies[a["to"]].id})
              for a in links if a["canvas"] == spec["canvas"]]
    return [tree, *copies.values(), *arrows]


def _matrices(doc: ProcessDocument, wid: str, canvases: dict[str, str], groups: dict[str, str],
              earlier: dict[str, str], spec: dict[str, Any]) -> list[InsertRow]:
    """Planning initiatives, commitments and monitoring rows, with the links to where they came from."""
    out: list[InsertRow] = []
    process_id = doc.process["id"]
    for pos, c in enumerate(spec.get("commitments", [])):
        out.append(InsertRow("commitment", {"process_id": process_id, "workshop_id": wid, "position": pos,
                                            **{k: c.get(k, "") for k in ("what", "responsible", "due", "indicator",
                                                                         "target", "status")}}))
    for pos, i in enumerate(spec.get("initiatives", [])):
        out.append(InsertRow("initiative", {
            **{k: v for k, v in i.items() if k not in ("canvas", "group", "from", "smart")},
            "canvas_id": canvases[i["canvas"]], "group_id": groups.get(i.get("group", "")),
            "origin_note_id": earlier[i["from"]] if "from" in i else None,
            "smart": json.dumps(i.get("smart", {})), "position": pos}))
    q = doc.store.scalar
    for pos, m in enumerate(spec.get("monitoring", [])):
        origin = {}
        if "from_initiative" in m:
            origin["origin_initiative_id"] = q("SELECT id FROM initiative WHERE name = ?", (m["from_initiative"],))
            initiative = doc.store.get("initiative", origin["origin_initiative_id"])
            origin.update(name=initiative["name"], objective=initiative["objective"] or initiative["description"],
                          responsible=initiative["unit"])
        if "from_commitment" in m:
            origin["origin_commitment_id"] = q("SELECT id FROM commitment WHERE what = ?", (m["from_commitment"],))
            commitment = doc.store.get("commitment", origin["origin_commitment_id"])
            origin.update(name=commitment["what"], responsible=commitment["responsible"])
        out.append(InsertRow("monitoring_row", {
            **{k: v for k, v in m.items() if k not in ("canvas", "from_initiative", "from_commitment")}, **origin,
            "canvas_id": canvases[m["canvas"]], "position": pos}))
    return out


def _build_synthesis(doc: ProcessDocument, spec: dict[str, Any]) -> None:
    """The team's systematisation: findings linked to notes and minutes, the guide's tables and the texts.

    Sources are named by (workshop title, text) so the demo file reads like what a team would link.
    """
    from .synthesis import findings as F
    from .synthesis import tables as T

    store, pid = doc.store, doc.process["id"]
    notes = {(r["wtitle"], r["text"]): r["id"] for r in store.query(
        "SELECT n.id, n.text, w.title AS wtitle FROM note n JOIN canvas c ON c.id = n.canvas_id "
        "JOIN workshop w ON w.id = c.workshop_id ORDER BY c.position DESC, n.position DESC")}
    entries = {(r["wtitle"], r["text"]): r["id"] for r in store.query(
        "SELECT m.id, m.text, w.title AS wtitle FROM minutes_entry m JOIN workshop w ON w.id = m.workshop_id")}
    for term, equals in spec.get("synonyms", []):
        doc.execute(T.add_synonym(store, pid, term, equals))
    keyed: dict[str, str] = {}
    for f in spec.get("findings", []):
        note_ids = [notes[tuple(n)] for n in f.get("notes", [])]
        entry_ids = [entries[tuple(e)] for e in f.get("entries", [])]
        quotes = [notes.get(tuple(q)) or entries[tuple(q)] for q in f.get("quotes", [])]
        macro = F.create_finding(store, pid, f["statement"], f["kind"], dimensions=f.get("dimensions", []),
                                 theme=f.get("theme", ""), note_ids=note_ids, entry_ids=entry_ids, quotes=quotes)
        doc.execute(macro)
        keyed[f["key"]] = macro.finding_id
    for table, key in (("key_figure", "figures"), ("actor", "actors"), ("existing_initiative", "initiatives")):
        for row in spec.get(key, []):
            doc.execute(T.add_row(store, table, pid, row))
    for text in spec.get("texts", []):
        doc.execute(F.add_text(store, pid, text["kind"], text["body"], [keyed[k] for k in text.get("findings", [])]))


def _edition() -> str:
    """Which demo data a built demo file came from (a newer app ships a richer demo)."""
    ref = RESOURCES / "demo" / "demo.json"
    return hashlib.sha256(ref.read_bytes()).hexdigest()[:16]


def ensure_demo(home: Path | None = None) -> Path:
    """The demo file in the app's home folder, built on first use, if unusable, or if the app's demo changed."""
    path = (home or app_home()) / DEMO_NAME
    stamp = path.with_name(path.name + ".edition")
    edition = _edition()
    if path.exists() and stamp.exists() and stamp.read_text(encoding="utf-8").strip() == edition:
        try:
            ProcessDocument.open(path).close()
            return path
        except FileProblem:
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    build_demo(path)
    stamp.write_text(edition + "\n", encoding="utf-8")
    return path
