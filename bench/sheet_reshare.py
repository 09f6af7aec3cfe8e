"""Planning matrix with 500 initiatives at 1024 px (the sheet alone): what re-sharing the columns after an edit costs.

Since a reload can bring a word longer than its column, ``SheetView`` shares the widths again 120 ms after the
texts change (not only on a window resize). The part that grows with the rows is working out each column's
longest word. Compared in one run, after the same edit (the model reloaded, so the floors are worked out again):

- ``every word``: the former way (all the words of a column in a set, the longest few measured);
- ``per text``: as now, each distinct cell text measured once and remembered, a look-up per cell after that;

plus the whole debounced re-share as the view runs it (CPU time from the edit until the timers have run).

    python bench/sheet_reshare.py [--rows 500] [--samples 10]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyle  # noqa: E402

from planning_matrix import initiative  # noqa: E402
from facilitator import planning as P  # noqa: E402
from facilitator.commands import InsertRow, Macro, UpdateRow  # noqa: E402
from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.templates import builtin_template  # noqa: E402
from facilitator.settings import Settings  # noqa: E402
from facilitator.workshops import new_workshop  # noqa: E402
from canvases.planning.planning_model import PlanningModel  # noqa: E402
from qtshared.context import DocumentSignals, WorkshopContext  # noqa: E402
from qtshared.sheet import SECTION, SheetView  # noqa: E402
from qtshared.sheet.sheet_view import RESHARE_DELAY, WORD_FLOOR_CAP  # noqa: E402
from qtshared.undo import UndoAdapter  # noqa: E402


def every_word(view) -> list[int]:
    """The former ``SheetView.word_floors`` body (before the per-text cache)."""
    metrics = view.fontMetrics()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 6
    floors = []
    for column in view.sheet.columns:
        longest = max((word for row in view.sheet.rows if SECTION not in row
                       for word in view.sheet.display(row, column).split()), key=len, default="")
        near = {word for row in view.sheet.rows if SECTION not in row
                for word in view.sheet.display(row, column).split() if len(word) >= len(longest) - 2}
        widest = max((metrics.horizontalAdvance(w) for w in near), default=0)
        floors.append(min(widest + margin, int(column.width * WORD_FLOOR_CAP)) if widest else 0)
    return floors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--samples", type=int, default=10)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        doc = ProcessDocument.create(Path(folder) / "plan.taller", "Bench")
        macro = new_workshop(doc, builtin_template("planificacion"), lang="es")
        doc.execute(macro)
        wid = macro.workshop_id
        cid = P.planning_canvases(doc, wid)[0]["id"]
        keys = [a["key"] for a in P.axes(doc, cid)]
        doc.execute(Macro([InsertRow("initiative", initiative(rng, cid, keys[n % len(keys)], n))
                           for n in range(args.rows)]))
        ctx = WorkshopContext(doc, UndoAdapter(doc), DocumentSignals(doc), Settings(), wid)
        model = PlanningModel(ctx, cid)
        view = SheetView(model)  # the matrix alone (the planning tab's review of duplicates is another matter)
        view.resize(760, 700)  # its share of a 1024-px window beside the form
        view.show()
        QTest.qWait(400)
        ids = [model.row_id(r) for r in range(model.rowCount()) if model.row_id(r)]
        old, new, whole = [], [], []
        for n in range(args.samples):
            start = time.process_time()
            doc.execute(UpdateRow("initiative", rng.choice(ids), {"unit": f"Oficina comunal {n}"}))
            QTest.qWait(2 * RESHARE_DELAY + 80)
            whole.append(time.process_time() - start)
            view._words_of = None  # as after a reload: worked out again
            start = time.perf_counter()
            a = every_word(view)
            old.append(time.perf_counter() - start)
            view._words_of = None
            start = time.perf_counter()
            b = view.word_floors()
            new.append(time.perf_counter() - start)
            assert a <= [max(x, y) for x, y in zip(a, b)]
        med = statistics.median
        print(f"Planning matrix, {args.rows} initiatives, 1024×768, after an edit (median of {args.samples}):")
        print(f"  longest words, every word (before)   {med(old) * 1000:7.2f} ms")
        print(f"  longest words, per text (now)        {med(new) * 1000:7.2f} ms   ({med(old) / med(new):.1f}× less)")
        print(f"  edit + reload + debounced re-share   {med(whole) * 1000:7.2f} ms CPU")
        view.close()
        model.detach()
        del app


if __name__ == "__main__":
    main()
