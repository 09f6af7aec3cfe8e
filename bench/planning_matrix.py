"""Planning matrix with 500 initiatives: load, scroll, cell edit, form typing, review and a 100x9 paste.

What a facilitator would feel in a long planning process (6 axes, 500 rows of
realistic length) on the Qt offscreen platform:

- load: the table model (query + grouping), the sheet view ready (spans and row
  heights), the whole planning tab (with form and review);
- scroll: the view's repaint while paging down from top to bottom (p50/p99);
- cell edit: ``setData`` on a random cell -> command committed to the file, the
  model refreshed, the row re-measured and the viewport repainted (p50/p99);
- add row: Ctrl+Enter in the middle of the matrix (the rows below move) (p50/p99);
- form typing: one keystroke in the initiative form -> committed (merged undo step)
  and the table repainted (p50/p99);
- review: the final check (thin axes, duplicates, missing data) over 500 rows;
- paste: a 100x9 block from a spreadsheet as one command, with repaint.

No visible stall means frames well under 50 ms.

    python bench/planning_matrix.py [--rows 500] [--samples 60]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from facilitator import planning as P  # noqa: E402
from facilitator import tsv  # noqa: E402
from facilitator.commands import InsertRow, Macro  # noqa: E402
from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.templates import builtin_template  # noqa: E402
from facilitator.settings import Settings  # noqa: E402
from qtshared.context import DocumentSignals, WorkshopContext  # noqa: E402
from canvases.planning.planning_model import PlanningModel  # noqa: E402
from canvases.planning.planning_panel import PlanningPanel  # noqa: E402
from qtshared.sheet import SheetView  # noqa: E402
from qtshared.undo import UndoAdapter  # noqa: E402
from facilitator.workshops import new_workshop  # noqa: E402

WORDS = ("mesa comunal migración capacitación funcionarios atención intercultural campaña informativa "
         "regularización convenio universidades convalidación títulos feria laboral certificación oficios "
         "facilitadores CESFAM protocolo derivación red organizaciones talleres español familias").split()
UNITS = ("DIDECO", "OMIL", "Oficina de Migrantes", "Departamento de Salud", "DAEM", "Comunicaciones")


def phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def initiative(rng: random.Random, canvas_id: str, axis: str, n: int) -> dict:
    return {"canvas_id": canvas_id, "axis": axis, "name": f"{phrase(rng, 3, 9)} {n}", "strategy": phrase(rng, 2, 6),
            "goal": phrase(rng, 2, 10), "funding": rng.choice(("Municipal", "FNDR", "Por definir", "")),
            "unit": rng.choice(UNITS), "alliances": phrase(rng, 1, 6), "plan_ref": rng.choice(("PLADECO", "PMG", "")),
            "period": rng.choice(("2026", "1er semestre 2026", "2026–2027", "")),
            "description": phrase(rng, 8, 30), "smart": "{}", "position": float(n)}


def summary(name: str, samples: list[float]) -> None:
    s = sorted(samples)
    q = statistics.quantiles(s, n=100, method="inclusive") if len(s) > 1 else [s[0]] * 99
    print(f"  {name:<34} p50 {statistics.median(s) * 1000:7.2f}  p99 {q[98] * 1000:7.2f}  "
          f"max {s[-1] * 1000:7.2f} ms  (n={len(s)})")


def once(name: str, seconds: float) -> None:
    print(f"  {name:<34} {seconds * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--samples", type=int, default=60)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    rng = random.Random(7)
    folder = Path(tempfile.mkdtemp(prefix="bench-planning-", dir=Path(__file__).parent))  # bench/bench-*/ is ignored by git
    try:
        doc = ProcessDocument.create(folder / "plan.taller", "Bench")
        macro = new_workshop(doc, builtin_template("planificacion"), lang="es")
        doc.execute(macro)
        wid = macro.workshop_id
        cid = P.planning_canvases(doc, wid)[0]["id"]
        keys = [a["key"] for a in P.axes(doc, cid)]
        doc.execute(Macro([InsertRow("initiative", initiative(rng, cid, keys[n % len(keys)], n))
                           for n in range(args.rows)]))
        ctx = WorkshopContext(doc, UndoAdapter(doc), DocumentSignals(doc), Settings(), wid)
        print(f"Planning matrix: {args.rows} initiatives in {len(keys)} axes (Qt {QApplication.platformName()})")

        start = time.perf_counter()
        model = PlanningModel(ctx, cid)
        once("model load", time.perf_counter() - start)
        start = time.perf_counter()
        view = SheetView(model)
        view.resize(1200, 800)
        view.show()
        app.processEvents()
        once("view ready (spans, row heights)", time.perf_counter() - start)
        view.close()
        model.detach()

        start = time.perf_counter()
        panel = PlanningPanel(ctx)
        panel.resize(1600, 1000)
        panel.show()
        app.processEvents()
        once("planning tab ready (form, review)", time.perf_counter() - start)
        view, model = panel.view, panel.model
        time.sleep(0.1)
        app.processEvents()  # the column widths settle and rows are re-measured once

        bar = view.verticalScrollBar()
        frames = []
        bar.setValue(0)
        while True:
            start = time.perf_counter()
            view.viewport().repaint()
            frames.append(time.perf_counter() - start)
            if bar.value() >= bar.maximum():
                break
            bar.setValue(bar.value() + bar.pageStep())
        summary("scroll: repaint per page", frames)

        data_rows = [r for r in range(model.rowCount()) if model.row_id(r)]
        edits = []
        for n in range(args.samples):
            row = rng.choice(data_rows)
            col = rng.randrange(1, model.columnCount())
            view.scrollTo(model.index(row, col))
            app.processEvents()
            start = time.perf_counter()
            model.setData(model.index(row, col), f"{phrase(rng, 2, 8)} {n}")
            view.viewport().repaint()
            edits.append(time.perf_counter() - start)
        summary("cell edit -> committed + repainted", edits)

        adds = []
        for _n in range(args.samples // 3):
            panel.select_ids([model.row_id(rng.choice(data_rows))])
            app.processEvents()
            start = time.perf_counter()
            panel.add_initiative()  # Ctrl+Enter: a row in the middle of the matrix, the rows below move
            view.viewport().repaint()
            adds.append(time.perf_counter() - start)
        summary("add row mid-matrix + repaint", adds)
        data_rows = [r for r in range(model.rowCount()) if model.row_id(r)]

        panel.select_ids([model.row_id(data_rows[len(data_rows) // 2])])
        panel.form.goal.setFocus()
        keystrokes = []
        for ch in "Meta: 120 funcionarios capacitados en atención intercultural"[:args.samples]:
            start = time.perf_counter()
            QTest.sendKeyEvent(QTest.KeyAction.Click, panel.form.goal, Qt.Key.Key_unknown, ch,
                               Qt.KeyboardModifier.NoModifier)
            view.viewport().repaint()
            keystrokes.append(time.perf_counter() - start)
        summary("form keystroke -> committed + table", keystrokes)

        reviews = []
        for _n in range(5):
            start = time.perf_counter()
            panel.refresh_review()
            reviews.append(time.perf_counter() - start)
        summary("review (after a pause in typing)", reviews)

        labels = [a["label"] for a in P.axes(doc, cid)]
        block = [[labels[n % len(labels)], *(f"{phrase(rng, 1, 5)} {n}.{c}" for c in range(8))] for n in range(100)]
        text = tsv.format(block)
        view.setCurrentIndex(model.index(model.section_row(keys[0]), 0))
        before = len(P.initiatives(doc.store, cid))
        start = time.perf_counter()
        ok = view.paste_text(text)
        view.viewport().repaint()
        once("paste 100x9 as new rows + repaint", time.perf_counter() - start)
        assert ok and len(P.initiatives(doc.store, cid)) == before + 100
        start = time.perf_counter()
        ctx.undo.stack.undo()
        view.viewport().repaint()
        once("undo that paste + repaint", time.perf_counter() - start)
        first = model.row_of(P.initiatives(doc.store, cid)[0]["id"])
        view.setCurrentIndex(model.index(first, 1))
        overwrite = tsv.format([row[1:] for row in block])
        start = time.perf_counter()
        view.paste_text(overwrite)
        view.viewport().repaint()
        once("paste 100x8 over rows + repaint", time.perf_counter() - start)
        panel.shutdown()
        doc.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
