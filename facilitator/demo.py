"""The embedded demo process: a diagnostic workshop built from resources/demo/demo.json.

It is built with the same commands a user's edits go through, into a file in the
app's home folder, so what the demo shows is what the app really stores.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from .commands import InsertRow, Macro, UpdateRow
from .document import ProcessDocument
from .domain.board_layout import next_slot
from .domain.templates import builtin_template
from .settings import app_home
from .store import FileProblem
from .workshops import new_workshop

DEMO_NAME = "demo.taller"
START_TIME = "09:00"


def demo_data() -> dict[str, Any]:
    ref = resources.files("resources").joinpath("demo", "demo.json")
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
        for spec in data["workshops"]:
            _build_workshop(doc, spec)
    finally:
        doc.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    return path


def _build_workshop(doc: ProcessDocument, spec: dict[str, Any]) -> None:
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

    people: dict[str, str] = {}
    for p in spec.get("participants", []):
        cmd = InsertRow("participant", {
            "process_id": doc.process["id"], "consent": int(bool(p.get("consent"))),
            **{k: p.get(k, "") for k in ("name", "organisation", "sector", "gender", "territory", "contact")}})
        people[p["name"]] = cmd.id
        commands.append(cmd)
        commands.append(InsertRow("attendance", {"workshop_id": wid, "participant_id": cmd.id, "present": 1,
                                                 "group_id": groups.get(p.get("group", ""))}))

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
        commands.append(InsertRow("note", {
            "canvas_id": canvas_id, "zone": n["zone"], "group_id": group_id,
            "block_id": block["id"] if block else None, "text": n["text"], "votes": int(n.get("votes", 0)),
            "tags": json.dumps(n.get("tags", []), ensure_ascii=False), "theme_id": theme_id,
            "author": n.get("author", ""), "participant_id": people.get(n.get("author", "")),
            "x": x, "y": y, "position": pos}))

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


def ensure_demo(home: Path | None = None) -> Path:
    """The demo file in the app's home folder, built on first use or if it is unusable."""
    path = (home or app_home()) / DEMO_NAME
    if path.exists():
        try:
            ProcessDocument.open(path).close()
            return path
        except FileProblem:
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    return build_demo(path)
