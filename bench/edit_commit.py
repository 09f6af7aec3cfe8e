"""Cost of one committed edit, against a raw sqlite3 insert + commit on the same disk.

Three writers, each on its own process file in the same folder, take turns so
that they see the same disk conditions:

- raw: ``sqlite3`` INSERT into the note table + COMMIT, with the app's pragmas
  (WAL, synchronous=FULL, foreign keys on) on an identical schema; the row's
  values are prepared outside the timed region (pure database cost);
- document: ``ProcessDocument.execute(InsertRow("note", ...))``, timing the
  command's construction too (id, time stamps), as the app does per edit;
- undo stack: ``UndoAdapter.run(InsertRow(...))`` with a QUndoStack (Qt offscreen),
  the path every edit takes in the window.

Goals (issue 13): document within 1.2x raw, p99 under 5 ms.

    python bench/edit_commit.py [--n 2000] [--dir FOLDER]

By default the files go in a temporary folder inside the repository's folder
(the disk the app's files would be on), removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from facilitator.commands import InsertRow  # noqa: E402
from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.templates import builtin_template  # noqa: E402
from facilitator.store.db import utc_now  # noqa: E402
from facilitator.workshops import new_workshop  # noqa: E402

TEXT = "Falta de información sobre trámites de regularización migratoria"


def new_document(path: Path) -> tuple[ProcessDocument, str]:
    doc = ProcessDocument.create(path, "Bench")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    return doc, doc.canvases(macro.workshop_id)[0]["id"]


def note_values(canvas_id: str, i: int) -> dict:
    return {"canvas_id": canvas_id, "zone": "desafios", "text": f"{TEXT} ({i})", "x": 12.0 * (i % 4),
            "y": 112.0 * (i // 4), "position": float(i)}


def raw_connection(path: Path) -> tuple[sqlite3.Connection, str]:
    """A process file (same schema, indexes, foreign keys) written through plain sqlite3."""
    doc, canvas_id = new_document(path)
    doc.close()
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn, canvas_id


def summary(name: str, samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    q = statistics.quantiles(s, n=100, method="inclusive")
    row = {"p50": statistics.median(s), "p95": q[94], "p99": q[98], "mean": statistics.fmean(s), "max": s[-1]}
    print(f"  {name:<11} " + "  ".join(f"{k} {v * 1000:6.3f}" for k, v in row.items()) + "  (ms)")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="committed edits per writer")
    parser.add_argument("--dir", type=Path, help="folder on the disk to measure (default: beside the repository)")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from qtshared.undo import UndoAdapter

    app = QApplication.instance() or QApplication([sys.argv[0]])
    folder = Path(tempfile.mkdtemp(prefix="bench-edit-", dir=args.dir or ROOT / "bench"))
    try:
        raw, raw_canvas = raw_connection(folder / "raw.taller")
        doc, doc_canvas = new_document(folder / "document.taller")
        udoc, undo_canvas = new_document(folder / "undo.taller")
        undo = UndoAdapter(udoc)
        cols = ("id", "created_at", "updated_at", "canvas_id", "zone", "text", "x", "y", "position")
        sql = f"INSERT INTO note ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        times: dict[str, list[float]] = {"raw": [], "document": [], "undo stack": []}
        warmup = 50
        clock = time.perf_counter
        for i in range(-warmup, args.n):
            now = utc_now()
            values = note_values(raw_canvas, i)
            params = (str(uuid.uuid4()), now, now, *(values[c] for c in cols[3:]))
            t0 = clock()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(sql, params)
            raw.execute("COMMIT")
            t1 = clock()
            doc.execute(InsertRow("note", note_values(doc_canvas, i), "Nueva nota"))
            t2 = clock()
            ok = undo.run(InsertRow("note", note_values(undo_canvas, i), "Nueva nota"))
            t3 = clock()
            assert ok
            if i >= 0:
                times["raw"].append(t1 - t0)
                times["document"].append(t2 - t1)
                times["undo stack"].append(t3 - t2)
        app.processEvents()
        counts = (raw.execute("SELECT count(*) FROM note").fetchone()[0], doc.store.scalar("SELECT count(*) FROM note"),
                  udoc.store.scalar("SELECT count(*) FROM note"))
        assert counts == (args.n + warmup,) * 3, counts
        assert undo.stack.count() == args.n + warmup

        print(f"{args.n} committed inserts each on {folder} (WAL, synchronous=FULL); "
              f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")
        rows = {name: summary(name, samples) for name, samples in times.items()}
        for name in ("document", "undo stack"):
            r, b = rows[name], rows["raw"]
            print(f"  {name} / raw: p50 {r['p50'] / b['p50']:.2f}x  mean {r['mean'] / b['mean']:.2f}x  "
                  f"p99 {r['p99'] / b['p99']:.2f}x   goal within 1.2x: "
                  f"{'met' if r['p50'] / b['p50'] <= 1.2 and r['mean'] / b['mean'] <= 1.2 else 'NOT met'}, "
                  f"p99 < 5 ms: {'met' if r['p99'] < 0.005 else 'NOT met'}")
        raw.close()
        doc.close()
        udoc.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
