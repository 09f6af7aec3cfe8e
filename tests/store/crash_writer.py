"""A writer for the crash test: edits a process file in a loop until it is killed.

Usage: ``python crash_writer.py FILE CANVAS_ID SEED FIRST_SEQ``

It opens FILE through ``facilitator.document`` and makes random edits to the notes
of one canvas, each through a command: inserts, updates, deletes, several-note
macros (some large enough to span many pages) and undos of its own earlier edits.
Before each edit it prints ``plan {"seq": n, "set": {note_id: text or null}}``
(what the notes will be once the edit is committed) and, after ``execute`` has
returned (the edit is committed), ``ack n``. Both lines are flushed at once, so
the parent knows every acknowledged edit and the one that may have been in flight
when it sent SIGKILL.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from facilitator.commands import DeleteRow, InsertRow, Macro, UpdateRow  # noqa: E402
from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.limits import NOTE_MAX_CHARS  # noqa: E402

WORDS = ("desafío", "vivienda", "salud", "interculturalidad", "trámites", "idioma", "empleo", "niñez", "acogida",
         "red", "escuela", "municipio", "🙂", "información", "capacitación")


def text(rnd: random.Random) -> str:
    n = rnd.choice((3, 8, 20, 200, 2500))  # some notes span several pages (up to the note cap)
    return " ".join(rnd.choice(WORDS) for _ in range(n))[:NOTE_MAX_CHARS]


def main(path: str, canvas_id: str, seed: int, seq: int) -> None:
    rnd = random.Random(seed)
    doc = ProcessDocument.open(path)
    notes: dict[str, str] = {r["id"]: r["text"] for r in doc.store.query(
        "SELECT id, text FROM note WHERE canvas_id = ?", (canvas_id,))}
    history: list[tuple[object, dict[str, str | None]]] = []  # command, what its undo sets
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    while True:
        seq += 1
        kind = rnd.choices(("insert", "update", "delete", "macro", "undo"), (35, 30, 15, 10, 10))[0]
        if kind in ("update", "delete", "undo") and not notes:
            kind = "insert"
        if kind == "undo" and not history:
            kind = "insert"
        undoing = None
        if kind == "insert":
            cmd = InsertRow("note", {"canvas_id": canvas_id, "zone": "desafios", "text": text(rnd)})
            effect = {cmd.id: cmd.values["text"]}
            inverse = {cmd.id: None}
        elif kind == "update":
            nid = rnd.choice(sorted(notes))
            cmd = UpdateRow("note", nid, {"text": text(rnd), "votes": rnd.randrange(10)})
            effect, inverse = {nid: cmd.changes["text"]}, {nid: notes[nid]}
        elif kind == "delete":
            nid = rnd.choice(sorted(notes))
            cmd = DeleteRow("note", nid)
            effect, inverse = {nid: None}, {nid: notes[nid]}
        elif kind == "macro":
            inserts = [InsertRow("note", {"canvas_id": canvas_id, "zone": "desafios", "text": text(rnd)})
                       for _ in range(rnd.randrange(2, 12))]
            cmd = Macro(inserts, "varias notas")
            effect = {c.id: c.values["text"] for c in inserts}
            inverse = {c.id: None for c in inserts}
        else:
            undoing, effect = history.pop()
            cmd, inverse = None, {}
        out.write(f"plan {json.dumps({'seq': seq, 'set': effect}, ensure_ascii=False)}\n")
        out.flush()
        if undoing is not None:
            undoing.undo(doc.store)  # an undo is itself committed at once
        else:
            doc.execute(cmd)
            history.append((cmd, inverse))
        for nid, value in effect.items():
            if value is None:
                notes.pop(nid, None)
            else:
                notes[nid] = value
        out.write(f"ack {seq}\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
