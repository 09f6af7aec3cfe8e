"""Benchmark: typing notes into a board that already holds 5,000, panning it, memory.

Prints, for a board of 3 groups × 2 zones with 5,000 notes:
  * Enter-to-painted-and-committed: Enter pressed in the capture field (QTest),
    pending events processed, viewport repainted; the note is then checked in
    the file. p50 / p99 / max over N notes (goal: p99 < 16 ms). Two readings of
    each Enter: up to the end of Qt's own repaint (the dirty region, what a user
    sees) and after a forced repaint of the whole viewport on top (the stricter
    figure this bench has always reported). Every 10 notes the group and zone
    change (timed too: switch → painted).
  * What each Enter repaints, independent of the machine's load: how many notes
    are painted (``NoteItem.paint`` calls; cached notes are only copied) and the
    viewport area Qt repaints, as a share of the viewport.
  * Full viewport repaints while panning at 100 % and 50 % zoom (each step scrolls
    new notes into view) and with the whole board fitted (goal: < 16 ms).
  * Process memory: VmRSS and VmHWM from /proc/self/status (goal: < 300 MB).

Run:  python bench/board_capture.py [--notes 5000] [--typed 300]
Uses the offscreen platform unless a display is set (e.g. DISPLAY=:93 under Xvfb
with QT_QPA_PLATFORM=xcb for a real window).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def memory() -> dict[str, float]:
    """VmRSS / VmHWM of this process in MB (Linux)."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _sep, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024.0
    except OSError:
        pass
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100.0 * (len(ordered) - 1))))
    return ordered[k]


def summary(name: str, ms: list[float], cpu: list[float] | None = None) -> str:
    line = (f"{name:<46} n={len(ms):<4} wall p50={statistics.median(ms):6.2f}  p99={percentile(ms, 99):6.2f}  "
            f"max={max(ms):6.2f} ms")
    if cpu:
        line += f"  | cpu p50={statistics.median(cpu):5.2f}  p99={percentile(cpu, 99):5.2f} ms"
    return line


class Clock:
    """Wall time and this thread's CPU time of one measured step (CPU time shows our own
    cost when other processes compete for the machine; wall time includes waiting for the disk)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> "Clock":
        self._w, self._c = time.perf_counter(), time.thread_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall.append((time.perf_counter() - self._w) * 1000)
        self.cpu.append((time.thread_time() - self._c) * 1000)


def workshop_with_groups(path: Path, title: str, template: str):
    """A new file with one workshop of ``template`` and three groups: (doc, workshop id, group ids)."""
    from facilitator.commands import InsertRow
    from facilitator.document import ProcessDocument
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    doc = ProcessDocument.create(path, title)
    macro = new_workshop(doc, builtin_template(template), lang="es")
    doc.execute(macro)
    wid = macro.workshop_id
    groups = []
    for i, colour in enumerate(("#F6D55C", "#3CAEA3", "#ED553B")):
        cmd = InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "colour": colour, "position": i})
        doc.execute(cmd)
        groups.append(cmd.id)
    return doc, wid, groups


def build_file(path: Path, notes: int) -> None:
    from facilitator import board

    doc, wid, groups = workshop_with_groups(path, "Banco de pruebas", "diagnostico")
    canvas = doc.canvases(wid)[0]["id"]
    cells = [(z, g) for g in groups for z in ("desafios", "fortalezas_oportunidades")]
    per_cell = notes // len(cells)
    words = ("falta", "información", "trámites", "migrantes", "salud", "vivienda", "escuela", "municipal",
             "regularización", "oficina", "red", "trabajo", "¿cómo?", "niñas", "documentos", "ñandú")
    for c, (zone, group) in enumerate(cells):
        count = per_cell + (notes - per_cell * len(cells) if c == 0 else 0)
        texts = [f"Nota {c}-{i}: " + " ".join(words[(i * 7 + k * 3) % len(words)] for k in range(4 + i % 9))
                 for i in range(count)]
        doc.execute(board.add_notes(doc, canvas, zone, group, texts))
    ids = [r["id"] for r in doc.store.query("SELECT id FROM note")]
    doc.execute(board.set_votes(doc, ids[::5], 3))
    doc.execute(board.set_tag(doc, ids[::4], "salud", True))
    doc.execute(board.create_theme(doc, canvas, "Documentos", ids[::11]))
    doc.close()


def open_workshop(build, notes: int, prefix: str):
    """Build a file of ``notes`` notes (``build(path, notes)``) in a fresh home, start the app and open it.

    Returns (app, doc, window, ctx of its first workshop, memory before opening the file).
    """
    from PySide6.QtWidgets import QApplication, QMainWindow

    from facilitator.document import ProcessDocument
    from facilitator.settings import Settings
    from facilitator.ui.qt_app import make_application
    from qtshared.context import DocumentSignals, WorkshopContext
    from qtshared.undo import UndoAdapter

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["PAPELOGRAFO_HOME"] = str(folder)
    path = folder / "bench.taller"
    t = time.perf_counter()
    build(path, notes)
    print(f"built {notes} notes in {time.perf_counter() - t:.1f} s  ({path})")
    app = make_application()
    print(f"Qt platform: {QApplication.platformName()}")
    before = memory()
    doc = ProcessDocument.open(path)
    window = QMainWindow()
    window.resize(1440, 900)
    wid = doc.workshops()[0]["id"]
    ctx = WorkshopContext(doc, UndoAdapter(doc, window), DocumentSignals(doc, window), Settings(), wid)
    return app, doc, window, ctx, before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--typed", type=int, default=300)
    parser.add_argument("--gc-freeze", action="store_true",
                        help="move the loaded objects out of the garbage collector's reach (gc.freeze)")
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from PySide6.QtCore import QEvent, QObject

    from canvases.board.board_panel import BoardPanel
    from canvases.board.items import NoteItem

    paints = [0]
    paint = NoteItem.paint

    def counted_paint(self, painter, option, widget=None):  # set before any note exists
        paints[0] += 1
        paint(self, painter, option, widget)

    NoteItem.paint = counted_paint  # type: ignore[method-assign]

    class PaintedArea(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.area = 0

        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.area += sum(r.width() * r.height() for r in event.region())
            return False

    app, doc, window, ctx, before = open_workshop(build_file, args.notes, "board-bench-")
    t = time.perf_counter()
    panel = BoardPanel(ctx)
    window.setCentralWidget(panel)
    window.show()
    app.processEvents()
    panel.view.viewport().repaint()
    print(f"opened the board with {len(panel.scene.notes)} notes in {time.perf_counter() - t:.2f} s")
    panel.activate()
    view, field = panel.view, panel.capture
    if args.gc_freeze:
        import gc

        gc.collect()
        gc.freeze()

    # -- Enter to painted and committed --------------------------------------------------
    view.set_zoom(1.0)
    lanes = panel.groups_bar.keys[:3]
    zones = panel.zones_bar.keys
    enter = Clock()
    own = Clock()  # the same Enters, up to the end of Qt's own repaint
    switch = Clock()
    painted_notes: list[int] = []
    painted_share: list[float] = []
    painted = PaintedArea()
    viewport = view.viewport()
    viewport.installEventFilter(painted)
    store_ms: list[float] = []
    original_run = ctx.undo.run

    def timed_run(command, **kw):
        s = time.perf_counter()
        ok = original_run(command, **kw)
        store_ms.append((time.perf_counter() - s) * 1000)
        return ok

    ctx.undo.run = timed_run  # type: ignore[method-assign]
    typed_texts = []
    for i in range(args.typed + 10):
        if i % 10 == 0:
            with switch:
                panel.set_group(lanes[(i // 10) % len(lanes)])
                panel.set_zone(zones[(i // 30) % len(zones)])
                app.processEvents()
        text = f"Escrita {i}: ¿acceso a salud para niñas migrantes? ñ {i * 7}"
        field.setPlainText(text)  # typing itself is the widget's business; Enter is ours
        typed_texts.append(text)
        paints[0], painted.area = 0, 0
        with enter:
            with own:
                QTest.keyClick(field, Qt.Key.Key_Return)
                app.processEvents()
            painted_notes.append(paints[0])
            painted_share.append(painted.area / (viewport.width() * viewport.height()))
            view.viewport().repaint()
    viewport.removeEventFilter(painted)
    stored = {r["text"] for r in doc.store.query("SELECT text FROM note WHERE text LIKE 'Escrita %'")}
    missing = [t for t in typed_texts if t not in stored]
    print(summary("Enter → painted + committed", enter.wall[10:], enter.cpu[10:]))  # 10 warm-up notes
    print(summary("  up to the end of Qt's own repaint", own.wall[10:], own.cpu[10:]))
    notes_p, share_p = painted_notes[10:], painted_share[10:]
    print(f"  notes painted per Enter: p50={statistics.median(notes_p):.0f}  max={max(notes_p)}  "
          f"mean={statistics.fmean(notes_p):.2f};  viewport area repainted per Enter: "
          f"p50={100 * statistics.median(share_p):.1f} %  p99={100 * percentile(share_p, 99):.1f} %  "
          f"max={100 * max(share_p):.1f} %  mean={100 * statistics.fmean(share_p):.1f} %")
    print(summary("switch group and zone → painted", switch.wall[1:], switch.cpu[1:]))
    print(summary("  of which: command run (commit + scene update)", store_ms[10:]))
    print(f"  typed notes found in the file: {len(typed_texts) - len(missing)}/{len(typed_texts)}")
    ctx.undo.run = original_run  # type: ignore[method-assign]

    # -- panning ---------------------------------------------------------------------------
    def pan(zoom: float, steps: int, dy: int, dx: int = 0) -> Clock:
        view.set_zoom(zoom)
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
        view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
        app.processEvents()
        view.viewport().repaint()
        clock = Clock()
        for _ in range(steps):
            with clock:
                view.verticalScrollBar().setValue(view.verticalScrollBar().value() + dy)
                view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + dx)
                app.processEvents()
                view.viewport().repaint()
        return clock

    for name, clock in (("pan 100 % (new notes every step), full repaint", pan(1.0, 300, 45)),
                        ("pan 50 %, full repaint", pan(0.5, 300, 60)),
                        ("pan 100 % over already-seen notes", pan(1.0, 300, 45))):
        print(summary(name, clock.wall, clock.cpu))
    view.fit()
    app.processEvents()
    first = Clock()
    with first:
        view.viewport().repaint()
    fit = Clock()
    for _ in range(50):
        with fit:
            view.viewport().repaint()
    print(f"whole board fitted ({view.zoom:.3f}×): first repaint {first.wall[0]:.1f} ms")
    print(summary("whole board fitted, repaint", fit.wall, fit.cpu))

    after = memory()
    print(f"memory: VmRSS {after.get('VmRSS', 0):.0f} MB, VmHWM (peak) {after.get('VmHWM', 0):.0f} MB "
          f"(before opening the file: {before.get('VmRSS', 0):.0f} MB)")
    panel.shutdown()
    window.close()
    doc.close()
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
