"""How late the countdown is on screen: tick-to-repaint and second-to-repaint latency.

Runs the real main window (Run tab) and the projector window with a block
counting down on the system clock. For every repaint of either countdown it
records, at the moment Qt delivers the paint event:

* tick → paint: time since the controller's timer fired and ticked the runner;
* second → paint: how long the digits on screen have been out of date, i.e.
  how far past the instant the shown second became due the paint happens
  (``shown - remaining`` read from the runner at paint time);

plus any second that was never shown (a skipped digit) and the cost of one
paint of each face. The timer is aimed a few milliseconds after each second
boundary (``RunView.next_change``), so second → paint is that margin plus the
timer's own lateness plus the event loop.

    python bench/countdown_latency.py                    # offscreen
    python bench/countdown_latency.py --xvfb :91         # real X11 (xcb) under a private Xvfb
    python bench/countdown_latency.py --seconds 120
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runner_idle_cpu import ROOT, open_run_panel, with_display  # noqa: E402

sys.path.insert(0, str(ROOT))


def describe(values: list[float]) -> str:
    if not values:
        return "no samples"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (f"median {1000 * statistics.median(ordered):6.2f} ms   p95 {1000 * p95:6.2f} ms   "
            f"max {1000 * ordered[-1]:6.2f} ms   (n={len(ordered)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--xvfb", metavar=":N", help="start a private Xvfb on this display and use xcb")
    args = parser.parse_args()
    with_display(args, lambda home: run(args, home))


def run(args, home: Path) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    app, window, panel = open_run_panel(home)
    controller = panel.controller
    runner = controller.runner
    panel.toggle_projector()
    faces = {"panel": panel.countdown, "projector": panel.projector.countdown}
    faces_size = {k: f"{f.width()}x{f.height()} px, digits {f.digit_pixel_size()} px" for k, f in faces.items()}

    last_tick = [0.0]
    original_refresh = controller.refresh

    def timed_refresh(force: bool = False) -> None:
        last_tick[0] = time.monotonic()
        original_refresh(force)

    controller.refresh = timed_refresh  # the timer's tick calls self.refresh()
    samples: dict[str, dict[str, list]] = {k: {"tick": [], "due": [], "shown": []} for k in faces}
    measuring = [False]

    class PaintProbe(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt)
            if measuring[0] and event.type() == QEvent.Type.Paint:
                now = time.monotonic()
                view = runner.view()
                name = next(k for k, f in faces.items() if f is obj)
                data = samples[name]
                if not data["shown"] or data["shown"][-1] != view.shown:
                    data["tick"].append(now - last_tick[0])
                    data["due"].append(view.shown - view.remaining)
                    data["shown"].append(view.shown)
            return False

    probe = PaintProbe()
    for face in faces.values():
        face.installEventFilter(probe)

    def start() -> None:
        controller.act("extend", 30)  # longer than the measurement: no overtime needed
        measuring[0] = True

    paint_cost: dict[str, list[float]] = {k: [] for k in faces}

    def finish() -> None:
        measuring[0] = False
        for name, face in faces.items():
            for _i in range(30):
                t0 = time.perf_counter()
                face.repaint()  # synchronous: one full paint of the digits
                paint_cost[name].append(time.perf_counter() - t0)
        app.quit()

    controller.act("start")
    QTimer.singleShot(1500, start)
    QTimer.singleShot(int((1.5 + args.seconds) * 1000), finish)
    app.exec()  # quitting closes the main window, which shuts the Run tab down
    print(f"Countdown latency over {args.seconds:.0f} s, {os.environ.get('QT_QPA_PLATFORM')}:")
    for name, data in samples.items():
        shown = data["shown"][1:]  # the first paint follows the extension, not a tick
        skipped = sum(a - b - 1 for a, b in zip(shown, shown[1:]) if a - b > 1)
        print(f"  {name:9s} tick → paint    {describe(data['tick'][1:])}")
        print(f"  {name:9s} second → paint  {describe(data['due'][1:])}   skipped seconds: {skipped}")
        print(f"  {name:9s} one paint       {describe(paint_cost[name])}   ({faces_size[name]})")


if __name__ == "__main__":
    main()
