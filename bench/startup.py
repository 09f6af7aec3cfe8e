"""Start-up time: launch to the first painted window, Papelógrafo versus a bare PySide6 window.

Each run is a new process: ``python main.py`` (the real app, start screen) or a
bare script (QApplication + one QWidget.show()), both with the same hook
(facilitator/ui/qt_app.py ``_bench_exit_on_show``, copied below): an event filter
on the shown window's QWindow waits for its first expose, which paints the whole
window and flushes it to the screen; a zero-delay timer posted then prints the
seconds since the launcher's clock (PAPELOGRAFO_BENCH_T0) once that paint is done.
(Reporting from a zero-delay timer posted at show() would stop the clock before
anything is painted, which flatters the window with more to paint.)

The app's start screen paints before it fills its lists (built-in scripts, recent
files); it also reports "complete", the next repaint once they are filled, so the
wait for a full start screen is on record too. Runs alternate between the two after
one discarded warm-up of each, so both see the same (warm) disk cache; every app
run gets a fresh PAPELOGRAFO_HOME.

Byte-code is cached as after an install (PYTHONPYCACHEPREFIX in a temporary
folder, filled by the warm-up), even where PYTHONDONTWRITEBYTECODE is set;
``--no-pyc`` measures without it (every module compiled at every start).

Goal (issue 13): the app within 1.3x the bare window.

    python bench/startup.py                 # offscreen platform
    python bench/startup.py --xvfb :94      # real X11 (xcb) under a private Xvfb
    python bench/startup.py --display :0    # an existing X display
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = r"""
import os, sys, time
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QExposeEvent
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
window = QWidget()
window.resize(1280, 800)
window.show()
t0 = float(os.environ["PAPELOGRAFO_BENCH_T0"])
def shown():
    print(f"shown {time.time() - t0:.6f}", flush=True)
    app.quit()
class FirstPaint(QObject):
    exposed = False
    def eventFilter(self, obj, event):
        if not self.exposed and isinstance(event, QExposeEvent) and obj.isExposed():
            self.exposed = True
            QTimer.singleShot(0, shown)
        return False
window.windowHandle().installEventFilter(FirstPaint(window))
app.exec()
"""


def launch(kind: str, platform: str, display: str | None, pycache: str | None) -> dict[str, float]:
    """One cold start: its figures by name ("shown"; the app also "complete"), in seconds."""
    home = tempfile.mkdtemp(prefix="papelografo-bench-home-")
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAPELOGRAFO_")}
        env.update(QT_QPA_PLATFORM=platform, PAPELOGRAFO_HOME=home, PAPELOGRAFO_BENCH_EXIT_ON_SHOW="1")
        if pycache:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = pycache
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        if display:
            env["DISPLAY"] = display
        cmd = [sys.executable, str(ROOT / "main.py")] if kind == "app" else [sys.executable, "-c", BARE]
        env["PAPELOGRAFO_BENCH_T0"] = repr(time.time())
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=str(ROOT), env=env, timeout=120)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    figures = dict(line.split() for line in result.stdout.splitlines() if line.startswith(("shown ", "complete ")))
    expected = {"shown", "complete"} if kind == "app" else {"shown"}
    if result.returncode != 0 or set(figures) != expected:
        raise SystemExit(f"{kind} run failed ({result.returncode}): {result.stdout.strip()[-300:]} "
                         f"{result.stderr.strip()[-500:]}")
    return {name: float(value) for name, value in figures.items()}


def measure(platform: str, display: str | None, runs: int, pyc: bool) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"bare": [], "app": [], "app complete": []}
    pycache = tempfile.mkdtemp(prefix="papelografo-bench-pyc-") if pyc else None
    try:
        for kind in ("bare", "app"):  # warm-up: byte-code cache and the OS file cache
            launch(kind, platform, display, pycache)
        for i in range(runs):
            for kind in (("bare", "app") if i % 2 == 0 else ("app", "bare")):
                figures = launch(kind, platform, display, pycache)
                times[kind].append(figures["shown"])
                if kind == "app":
                    times["app complete"].append(figures["complete"])
    finally:
        if pycache:
            shutil.rmtree(pycache, ignore_errors=True)
    return times


def report(label: str, times: dict[str, list[float]]) -> float:
    """Print the figures; the ratio of medians (the goal) and of minimums (the least noisy)."""
    print(f"{label}: {len(times['app'])} runs each; launch to first paint "
          "(app complete: to the start screen painted with its lists filled)")
    for kind, t in times.items():
        t = sorted(t)
        print(f"  {kind:<12} median {statistics.median(t) * 1000:7.1f} ms   min {t[0] * 1000:7.1f}"
              f"   max {t[-1] * 1000:7.1f}")
    ratio = statistics.median(times["app"]) / statistics.median(times["bare"])
    print(f"  ratio app/bare: medians {ratio:.2f}x, minimums {min(times['app']) / min(times['bare']):.2f}x"
          f"   goal (medians) <= 1.3x: {'met' if ratio <= 1.3 else 'NOT met'}")
    return ratio


def start_xvfb(display: str) -> subprocess.Popen:
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{display.lstrip(':')}")
    for _ in range(100):
        if socket.exists():
            return proc
        time.sleep(0.05)
    proc.terminate()
    raise SystemExit(f"Xvfb {display} did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each, alternating (default 30)")
    parser.add_argument("--xvfb", metavar=":N", help="start a private Xvfb on this display and use xcb")
    parser.add_argument("--display", metavar=":N", help="use xcb on an existing X display")
    parser.add_argument("--no-pyc", action="store_true", help="no byte-code cache: compile every module each start")
    args = parser.parse_args()
    pyc = not args.no_pyc
    print(f"Python {sys.version.split()[0]} on {sys.platform}; {os.cpu_count()} CPUs; "
          f"byte-code cache {'on' if pyc else 'off'}")
    if args.xvfb:
        server = start_xvfb(args.xvfb)
        try:
            report(f"xcb on Xvfb {args.xvfb}", measure("xcb", args.xvfb, args.runs, pyc))
        finally:
            server.terminate()
            server.wait(10)
    elif args.display:
        report(f"xcb on {args.display}", measure("xcb", args.display, args.runs, pyc))
    else:
        report("offscreen", measure("offscreen", None, args.runs, pyc))


if __name__ == "__main__":
    main()
