"""Participants tab with 300 people: what fitting the rows to their wrapped text costs per edit, resize, search.

Three panels over the same file, side by side in one run (Qt offscreen, 1024×768):

- ``fit off``: rows never re-measured (the floor: commit, model refresh, proxy, repaint);
- ``whole table``: the old policy, every row re-measured (``resizeRowsToContents``) on each change of the
  model and each change of the columns' widths;
- ``in sight``: the panel as it is, only the rows in sight fitted, once per text and widths, debounced after a
  resize, the others when they come into sight.

Each operation is timed in CPU time (``time.process_time``) from the action until everything it started (the
0-ms and debounce timers included) has run, so waiting for a timer costs nothing and its work is counted.
Also counted: the rows measured (the delegate's ``sizeHint`` asked for them) per operation.

    python bench/participants_fit.py [--people 300] [--samples 8]
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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from facilitator import participants as P  # noqa: E402
from facilitator.commands import Macro  # noqa: E402
from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.templates import builtin_template  # noqa: E402
from facilitator.settings import Settings  # noqa: E402
from facilitator.ui.people import participants_model as PM  # noqa: E402
from facilitator.ui.people.participants_panel import FIT_DELAY, KEYS, ParticipantsPanel  # noqa: E402
from facilitator.workshops import new_workshop  # noqa: E402
from qtshared.context import DocumentSignals, WorkshopContext  # noqa: E402
from qtshared.undo import UndoAdapter  # noqa: E402

ORGS = ("Municipalidad de Valparaíso", "Junta de Vecinos Población Esperanza Norte", "Fundación Superación Pobreza",
        "CESFAM", "Liceo Bicentenario Técnico Profesional", "Agrupación Cultural Migrantes Unidos", "OMIL")
SECTORS = ("Gobierno local", "Sociedad civil", "Servicios públicos", "Academia", "Sector privado")
NAMES = "Ana José María Tomás Lucía Pedro Camila Javier Francisca Rodrigo Valentina Ignacio".split()
SURNAMES = "Pérez Ñúñez González Rivas Muñoz Rojas Díaz Soto Contreras Silva Martínez Sepúlveda".split()


class WholeTable(ParticipantsPanel):
    """The old policy: every row re-measured on any change (and at once on a change of widths)."""

    def fit_visible_rows(self) -> int:
        self.table.resizeRowsToContents()
        return self.proxy.rowCount()

    def _widths_changed(self, *args) -> None:
        self._fit_timer.start()


class FitOff(ParticipantsPanel):
    def fit_visible_rows(self) -> int:
        return 0


def build(people: int, folder: Path) -> ProcessDocument:
    doc = ProcessDocument.create(folder / "bench.taller", "Bench")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    rng = random.Random(7)
    commands = [P.add_participant(doc, {"name": f"{rng.choice(NAMES)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}",
                                        "organisation": rng.choice(ORGS), "sector": rng.choice(SECTORS),
                                        "territory": rng.choice(("Cerro Alegre", "Playa Ancha", "")),
                                        "contact": f"persona{n}@correo.cl"})
                for n in range(people)]
    doc.execute(Macro(commands, "Importar"))
    return doc


def settle(ms: int = 2 * FIT_DELAY + 80) -> None:  # a debounced re-share may start a debounced re-fit
    QTest.qWait(ms)
    QApplication.processEvents()


def cpu(action) -> float:
    start = time.process_time()
    action()
    settle()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--samples", type=int, default=8)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    measured: list[int] = []
    original = PM.TextDelegate.sizeHint

    def counting(self, option, index):
        measured.append(index.row())
        return original(self, option, index)

    PM.TextDelegate.sizeHint = counting
    with tempfile.TemporaryDirectory() as tmp:
        doc = build(args.people, Path(tmp))
        holder = QWidget()
        ctx = WorkshopContext(doc, UndoAdapter(doc, holder), DocumentSignals(doc, holder), Settings(),
                              doc.workshops()[0]["id"])
        results: dict[str, dict[str, tuple[float, float]]] = {}
        for label, kind in (("fit off", FitOff), ("whole table", WholeTable), ("in sight", ParticipantsPanel)):
            panel = kind(ctx)
            panel.resize(1024, 700)
            panel.show()
            settle(300)
            rng = random.Random(3)
            column = KEYS.index("organisation")
            ops: dict[str, list[tuple[float, int]]] = {"cell edit": [], "presence toggle": [], "resize step": [],
                                                       "search cleared": []}

            def run(name, action):
                measured.clear()
                ops[name].append((cpu(action), len(set(measured))))

            for n in range(args.samples):
                panel.table.scrollToTop()
                settle()
                row = rng.randrange(min(15, args.people))  # a row in sight, as when the facilitator edits it
                index = panel.proxy.index(row, column)
                run("cell edit", lambda: panel.proxy.setData(index, f"Organización Comunitaria {label} {n}"))
                check = panel.proxy.index(row, KEYS.index("present"))
                state = Qt.CheckState.Unchecked if check.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked \
                    else Qt.CheckState.Checked
                run("presence toggle", lambda: panel.proxy.setData(check, state, Qt.ItemDataRole.CheckStateRole))
                # a window edge dragged: 6 steps of 8 px, 16 ms apart, then the debounce; per step
                measured.clear()
                start = time.process_time()
                for step in range(6):
                    panel.resize(1024 - 8 * (step + 1) if n % 2 == 0 else 976 + 8 * (step + 1), 700)
                    QTest.qWait(16)
                settle()
                ops["resize step"].append(((time.process_time() - start) / 6, len(set(measured))))
                panel.search.setText("munic")
                settle()
                run("search cleared", panel.search.clear)
            results[label] = {k: (statistics.median(t for t, _m in v), statistics.median(m for _t, m in v))
                              for k, v in ops.items()}
            panel.shutdown()
            panel.close()
            panel.deleteLater()
            settle(50)
        print(f"Participants tab, {args.people} people, 1024×700, CPU ms per operation (median of {args.samples}),"
              f" rows measured in brackets:")
        print(f"  {'':<18}" + "".join(f"{label:>20}" for label in results) + "   whole/in sight")
        for op in ops:
            cells = "".join(f"{results[label][op][0] * 1000:12.1f} ({results[label][op][1]:4.0f})  "
                            for label in results)
            ratio = results["whole table"][op][0] / max(results["in sight"][op][0], 1e-6)
            print(f"  {op:<18}{cells}   {ratio:5.1f}×")
        del app


if __name__ == "__main__":
    main()
