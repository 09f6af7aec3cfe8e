"""Benchmark: what the merge history costs an edit, and how long a two-laptop merge takes.

Prints, in one run:
  * Per-edit time of 2,000 single-field UpdateRow commits on a board of 5,000 notes,
    with the merge history (a revision row per changed field) and without it (the
    same store with history switched off): the ratio is the cost of the history.
  * Checking and merging laptop B's exchange copy into laptop A: 5,000 notes each,
    B edited 1,000 of them, A edited 1,000 others (100 of which B also edited:
    conflicts), B added 500 and deleted 200. Also the time of a merge that changes
    nothing (the same file again).

Run:  python bench/merge_history.py [--notes 5000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exports.exchange import export_json, import_json  # noqa: E402
from facilitator.commands import DeleteRow, InsertRow, Macro, UpdateRow  # noqa: E402
from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.templates import builtin_template  # noqa: E402
from facilitator.store.db import Store  # noqa: E402
from facilitator.workshops import new_workshop  # noqa: E402


class NoHistory(Store):
    """The same store with the merge history switched off: the baseline."""

    @property
    def has_history(self) -> bool:
        return False


def board(path: Path, notes: int) -> tuple[ProcessDocument, list[str], str]:
    doc = ProcessDocument.create(path, "Bench")
    doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es"))
    canvas = doc.store.query("SELECT id FROM canvas WHERE kind = 'board' LIMIT 1")[0]["id"]
    inserts = [InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": f"Nota {i}"}) for i in range(notes)]
    doc.execute(Macro(inserts))
    return doc, [c.id for c in inserts], canvas


def edit_times(doc: ProcessDocument, ids: list[str], n: int) -> list[float]:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        doc.execute(UpdateRow("note", ids[i % len(ids)], {"votes": i % 7 + 1}))
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=2000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="merge-bench-"))
    doc, ids, canvas = board(tmp / "a.taller", args.notes)
    doc.close()
    shutil.copy(tmp / "a.taller", tmp / "base.taller")
    with_history = ProcessDocument.open(tmp / "a.taller")
    base = ProcessDocument.open(tmp / "base.taller")
    without = ProcessDocument(NoHistory(base.store.conn, base.store.path, readonly=False))
    rounds = {"with": [], "without": []}
    for _ in range(3):  # interleaved, so a busy machine weighs on both alike
        rounds["without"] += edit_times(without, ids, args.edits // 3)
        rounds["with"] += edit_times(with_history, ids, args.edits // 3)
    p50 = {k: statistics.median(v) * 1000 for k, v in rounds.items()}
    print(f"edit commit p50: {p50['with']:.3f} ms with history, {p50['without']:.3f} ms without "
          f"(ratio {p50['with'] / p50['without']:.2f})")
    with_history.close()
    base.close()

    # two laptops
    shutil.copy(tmp / "a.taller", tmp / "b.taller")
    a = ProcessDocument.open(tmp / "a.taller")
    b = ProcessDocument.open(tmp / "b.taller")
    a.store.device, b.store.device = "A", "B"
    b.execute(Macro([UpdateRow("note", i, {"text": f"B {i[:6]}"}) for i in ids[:1000]]))
    a.execute(Macro([UpdateRow("note", i, {"text": f"A {i[:6]}"}) for i in ids[900:1900]]))
    b.execute(Macro([InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": f"Nueva {i}"})
                     for i in range(500)]))
    b.execute(Macro([DeleteRow("note", i) for i in ids[-200:]]))
    raw = export_json(b)
    t0 = time.perf_counter()
    plan = import_json(a, raw)
    merge = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = import_json(a, raw)
    idle = time.perf_counter() - t0
    print(f"merge of {len(raw) / 1e6:.1f} MB: {merge:.2f} s ({plan.summary()}); "
          f"the same file again: {idle:.2f} s ({again.changes} changes)")
    a.close()
    b.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
