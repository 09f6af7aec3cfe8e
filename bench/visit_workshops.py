"""Memory while visiting every workshop of a large process (goal: RSS < 350 MB at 50,000 notes).

Builds the file as bench/scale.py does (10 workshops, notes imported from CSV
through the app's importer), opens it in the app's process view, selects each
workshop in turn and shows its board tab (every panel of the workshop is built
and painted), then prints the process's RSS after each visit and its peak.

    python bench/visit_workshops.py [--notes 50000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import scale  # noqa: E402
from board_capture import memory  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=50000)
    ap.add_argument("--rounds", type=int, default=2, help="times every workshop is visited")
    a = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="visit-"))
    os.environ["PAPELOGRAFO_HOME"] = str(folder)
    t = time.perf_counter()
    scale._empty(folder / "empty.taller", scale.WORKSHOPS)
    csvs = scale._csvs(folder / "empty.taller", a.notes, folder)
    scale.op_import(folder / "empty.taller", folder / "big.taller", csvs)
    print(f"built {a.notes} notes over {scale.WORKSHOPS} workshops in {time.perf_counter() - t:.1f} s")

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QMainWindow

    from facilitator.document import ProcessDocument
    from facilitator.settings import Settings
    from facilitator.ui.process_view import ProcessView
    from facilitator.ui.qt_app import make_application

    app = make_application()
    doc = ProcessDocument.open(folder / "big.taller")
    window = QMainWindow()
    window.resize(1366, 768)
    view = ProcessView(doc, Settings())
    window.setCentralWidget(view)
    window.show()
    app.processEvents()
    start = memory().get("VmRSS", 0)
    print(f"opened: RSS {start:.0f} MB")
    peak = 0.0
    for r in range(a.rounds):
        for w in doc.workshops():
            t = time.perf_counter()
            view.select_workshop(w["id"])
            app.processEvents()
            shown = view.workshop_view(w["id"])
            if shown is not None:
                shown.show_panel("board")
            app.processEvents()
            window.repaint()
            # what the event loop does when it gets control back: widgets released with deleteLater go
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            rss = memory().get("VmRSS", 0)
            peak = max(peak, rss)
            print(f"  round {r + 1} {w['title']:<10} {time.perf_counter() - t:5.2f} s  RSS {rss:.0f} MB  "
                  f"views alive {len(view.views)}", flush=True)
    print(f"peak RSS while visiting: {peak:.0f} MB (goal < 350 MB); VmHWM {memory().get('VmHWM', 0):.0f} MB")
    view.shutdown() if hasattr(view, "shutdown") else None
    window.close()
    doc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
