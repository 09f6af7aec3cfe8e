"""CPU use of the app while a block counts down and nobody touches anything.

Opens a fresh process file (a diagnostic workshop, three groups, a few post-its)
in the real main window, shows the Run tab, starts the first block and opens the
projector window; after a warm-up it measures the process's CPU time (user +
system, ``getrusage``) against wall time while the block runs, then while it is
paused. It also counts timer ticks and countdown repaints per second, to show
that the app wakes about once a second and repaints only the changed digits.

Goal: under 2 % of one core while a block counts down.

    python bench/runner_idle_cpu.py                      # offscreen platform
    python bench/runner_idle_cpu.py --xvfb :91           # real X11 (xcb) under a private Xvfb
    python bench/runner_idle_cpu.py --seconds 120
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def start_xvfb(display: str) -> subprocess.Popen:
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path("/tmp/.X11-unix") / f"X{display.lstrip(':')}"
    for _i in range(100):
        if socket.exists():
            return proc
        time.sleep(0.05)
    proc.terminate()
    raise SystemExit(f"Xvfb {display} did not start")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def make_file(folder: Path) -> tuple[Path, str]:
    from facilitator.commands import InsertRow
    from facilitator.document import ProcessDocument
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    path = folder / "bench.taller"
    doc = ProcessDocument.create(path, "Bench")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    wid = macro.workshop_id
    canvas = doc.canvases(wid)[0]
    for g in range(3):
        group = InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {g + 1}", "position": g})
        doc.execute(group)
        for p in range(5):
            person = InsertRow("participant", {"process_id": doc.process["id"], "name": f"Persona {g}{p}",
                                               "consent": p % 2, "sector": "Municipio"})
            doc.execute(person)
            doc.execute(InsertRow("attendance", {"workshop_id": wid, "participant_id": person.id,
                                                 "group_id": group.id}))
            doc.execute(InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios", "group_id": group.id,
                                           "text": f"Idea {g}{p}"}))
    doc.close()
    return path, wid


def with_display(args, body) -> None:
    """Run ``body(home)`` offscreen or on a private Xvfb, with a fresh PAPELOGRAFO_HOME."""
    server = None
    if args.xvfb:
        server = start_xvfb(args.xvfb)
        os.environ.update(DISPLAY=args.xvfb, QT_QPA_PLATFORM="xcb")
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="papelografo-bench-")
    os.environ["PAPELOGRAFO_HOME"] = home
    try:
        body(Path(home))
    finally:
        if server is not None:
            server.terminate()
            server.wait()


def open_run_panel(home: Path):
    """The real main window on a diagnostic workshop, its Run tab shown: (app, window, panel)."""
    from facilitator.settings import Settings
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.qt_app import make_application

    path, wid = make_file(home)
    from qtshared.dialogs import Dialogs

    # quitting during a run asks how to leave it; the bench answers "pause and close" itself
    Dialogs.choose = classmethod(lambda cls, parent, text, choices: "pause")  # type: ignore[method-assign]
    app = make_application()
    window = MainWindow(Settings())
    window.show()
    window.open_path(path)
    window.view.select_workshop(wid)
    tabs = window.view.workshop_view(wid)
    tabs.show_panel("run")
    return app, window, tabs.panels["run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each measured phase")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--xvfb", metavar=":N", help="start a private Xvfb on this display and use xcb")
    args = parser.parse_args()
    with_display(args, lambda home: run(args, home))


def run(args, home: Path) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    app, window, panel = open_run_panel(home)
    controller = panel.controller
    controller.act("start")
    panel.toggle_projector()

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paints = 0

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    counter = PaintCounter()
    for face in (panel.countdown, panel.projector.countdown):
        face.installEventFilter(counter)
    ticks = [0]
    controller._timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    results: dict[str, tuple[float, float, int, int]] = {}
    state: dict[str, float] = {}

    def begin(label: str) -> None:
        state.update(label=label, cpu=cpu_seconds(), wall=time.monotonic(), paints=counter.paints, ticks=ticks[0])

    def finish() -> None:
        wall = time.monotonic() - state["wall"]
        results[state["label"]] = (wall, cpu_seconds() - state["cpu"], counter.paints - int(state["paints"]),
                                   ticks[0] - int(state["ticks"]))

    def pause_phase() -> None:
        finish()
        controller.act("pause")
        QTimer.singleShot(int(args.warmup * 1000), lambda: begin("paused"))
        QTimer.singleShot(int((args.warmup + args.seconds) * 1000), lambda: (finish(), app.quit()))

    QTimer.singleShot(int(args.warmup * 1000), lambda: begin("running"))
    QTimer.singleShot(int((args.warmup + args.seconds) * 1000), pause_phase)
    app.exec()  # quitting closes the main window, which shuts the Run tab down
    platform = os.environ.get("QT_QPA_PLATFORM")
    print(f"Papelógrafo run mode, idle: main window (Run tab) + projector window, {platform}")
    for label, (wall, cpu, paints, n_ticks) in results.items():
        print(f"  {label:8s} {wall:6.1f} s wall  {cpu:6.3f} s CPU  = {100 * cpu / wall:5.2f} % of one core"
              f"   {n_ticks / wall:4.2f} ticks/s   {paints / wall:4.2f} countdown repaints/s (2 faces)")
    running = results["running"]
    verdict = "OK" if 100 * running[1] / running[0] < 2.0 else "OVER BUDGET"
    print(f"goal: under 2 % of one core while a block counts down -> {verdict}")


if __name__ == "__main__":
    main()
