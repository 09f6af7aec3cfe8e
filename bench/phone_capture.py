"""Benchmark: 100 phones × 20 notes in bursts against the desktop's capture, on loopback only.

The app side runs as in a workshop: the board panel shown, the capture opened
through the Qt bridge (server thread + GUI thread). The phones run in a separate
process (aiohttp client) so they do not share the app's interpreter lock. Each
phone sends its notes in bursts of 5 (the rate limit's burst), one burst every
5 s, starting at a random moment within the first second.

Prints:
  * throughput: notes acknowledged per second over the run;
  * POST -> painted: from the moment a phone sent a note to the first repaint of
    the board's viewport after the note's item was on the scene (p50/p99/max;
    goal p99 < 500 ms on a 2-core machine);
  * UI event-loop stall: lateness of a 10 ms timer on the GUI thread, idle first
    (the baseline, same run) and under load (p99/max, and the ratio to idle);
  * integrity: every note in the file exactly once, each acknowledged one included.

Run:  python bench/phone_capture.py [--phones 100] [--notes 20] [--port 18690]
Bounded: the phones stop after --timeout seconds (default 120) whatever happens.
Targets 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BURST = 5
BURST_EVERY = 5.0


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


# -- the phones (a separate process) ----------------------------------------------------
async def phones_main(config: dict) -> dict:
    import aiohttp

    base, tokens, notes, timeout = config["base"], config["tokens"], config["notes"], config["timeout"]
    sent: dict[str, float] = {}
    acked: dict[str, float] = {}
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + timeout

    async def phone(session: aiohttp.ClientSession, n: int) -> None:
        token = tokens[n % len(tokens)]
        headers = {"X-Token": token, "X-Phone": f"carga-telefono-{n:04d}", "Origin": base}
        await asyncio.sleep(random.random())
        i = 0
        while i < notes and time.monotonic() < deadline:
            burst_start = time.monotonic()
            for _ in range(min(BURST, notes - i)):
                text = f"n{n:03d}-{i:02d} ñandú 🐢 <b>carga</b>"
                while time.monotonic() < deadline:
                    sent[text] = time.monotonic()
                    async with session.post(f"{base}/api/notes", json={"text": text}, headers=headers) as r:
                        statuses[r.status] = statuses.get(r.status, 0) + 1
                        await r.read()
                        if r.status == 201:
                            acked[text] = time.monotonic()
                            break
                        if r.status == 429:
                            await asyncio.sleep(float(r.headers.get("Retry-After", "1")))
                            continue
                        break
                i += 1
            await asyncio.sleep(max(0.0, BURST_EVERY - (time.monotonic() - burst_start)))

    connector = aiohttp.TCPConnector(limit=200)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(phone(session, n) for n in range(config["phones"])))
    return {"sent": sent, "acked": acked, "statuses": statuses}


# -- the app ------------------------------------------------------------------------------
def build_file(folder: Path) -> tuple[Path, str, str]:
    from facilitator.commands import InsertRow, Macro
    from facilitator.document import ProcessDocument
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    path = folder / "carga.taller"
    doc = ProcessDocument.create(path, "Carga de teléfonos")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    wid = macro.workshop_id
    doc.execute(Macro([InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "position": i})
                       for i in range(3)]))
    block = next(b["id"] for b in doc.blocks(wid) if b["key"] == "identificar_desafios")
    doc.close()
    return path, wid, block


def app_main(args: argparse.Namespace) -> None:
    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from canvases.board.board_panel import BoardPanel
    from facilitator.document import ProcessDocument
    from facilitator.settings import Settings
    from facilitator.ui.capture.bridge import CaptureBridge
    from qtshared.context import DocumentSignals, WorkshopContext
    from qtshared.undo import UndoAdapter

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-phones-"))
    path, wid, block = build_file(folder)
    doc = ProcessDocument.open(path)
    holder = QWidget()
    signals = DocumentSignals(doc, holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), signals, Settings(folder / "settings.json"), wid)
    board = BoardPanel(ctx, holder)
    holder.resize(1366, 768)
    board.resize(1366, 768)
    holder.show()
    board.activate()

    # When did each note's item reach the scene, and when was the viewport next painted?
    on_scene: dict[str, float] = {}
    painted: dict[str, float] = {}
    waiting: list[str] = []
    known: set[str] = set()

    def look_for_new(changes) -> None:
        # Connected after the board's own slot: the board has placed the items when this runs.
        now = time.monotonic()
        for c in changes:
            item = board.scene.notes.get(c.id) if c.table == "note" and c.id not in known else None
            if item is not None:
                known.add(c.id)
                on_scene[item.row["text"]] = now
                waiting.append(item.row["text"])

    signals.changed.connect(look_for_new)

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint and waiting:
                now = time.monotonic()
                for text in waiting:
                    painted.setdefault(text, now)
                waiting.clear()
            return False

    watch = PaintWatch()
    viewport = board.scene.views()[0].viewport()
    viewport.installEventFilter(watch)

    # Event-loop lateness of a 10 ms timer.
    stalls: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        stalls.append(max(0.0, (now - last[0]) / 1e6 - 10.0))
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)

    def run_for(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.001)

    # Baseline: the idle app, same run, same timer.
    ticker.start()
    run_for(3.0)
    idle = stalls[:]
    stalls.clear()

    bridge = CaptureBridge.of(signals)
    server = bridge.open(wid, block, address="127.0.0.1", port=args.port, moderated=False, ask_name=False)
    tokens = [p.token for p in server.passes if p.role == "phone"]
    config = {"base": server.base_url(), "tokens": tokens, "phones": args.phones, "notes": args.notes,
              "timeout": args.timeout}
    started = time.monotonic()
    out_file = folder / "phones.json"  # not a pipe: the result is larger than a pipe's buffer
    client = subprocess.Popen([sys.executable, __file__, "--client", json.dumps(config), "--out", str(out_file)])
    while client.poll() is None:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.monotonic() - started
    run_for(1.0)  # the last notes reach the board
    ticker.stop()
    loaded = stalls[:]
    result = json.loads(out_file.read_text())
    bridge.close()
    board.shutdown()
    signals.detach()
    doc.close()

    check = ProcessDocument.open(path)
    rows = check.store.query("SELECT text, count(*) AS n FROM note GROUP BY text")
    items = check.store.scalar("SELECT count(*) FROM capture_item")
    check.close()
    in_file = {r["text"]: r["n"] for r in rows}
    acked, sent = result["acked"], result["sent"]
    expected = args.phones * args.notes
    missing = [t for t in acked if in_file.get(t) != 1]
    duplicates = [t for t, n in in_file.items() if n > 1]
    latencies = [(painted[t] - sent[t]) * 1000 for t in acked if t in painted]
    # The board's own notes count from the moment their item was on the scene (for notes never painted).
    unpainted = [t for t in acked if t not in painted]

    print(f"phones: {args.phones} x {args.notes} notes in bursts of {BURST} every {BURST_EVERY:.0f} s "
          f"(127.0.0.1:{server.port})")
    print(f"HTTP statuses: {result['statuses']}")
    print(f"acknowledged: {len(acked)} of {expected}; notes in the file: {sum(in_file.values())}; capture items: {items}")
    print(f"every acknowledged note in the file exactly once: {not missing and not duplicates} "
          f"(missing {len(missing)}, duplicated {len(duplicates)})")
    print(f"run: {elapsed:.1f} s; throughput {len(acked) / elapsed:.1f} notes/s "
          f"(paced by the rate limit: {args.phones * BURST / BURST_EVERY:.0f} notes/s at most)")
    print(f"POST -> painted (ms): p50 {pct(latencies, 50):.1f}  p99 {pct(latencies, 99):.1f}  "
          f"max {max(latencies, default=float('nan')):.1f}  (n={len(latencies)}, unpainted {len(unpainted)}; "
          f"goal p99 < 500)")
    acks = [(acked[t] - sent[t]) * 1000 for t in acked]
    print(f"POST -> acknowledged (ms): p50 {pct(acks, 50):.1f}  p99 {pct(acks, 99):.1f}  max {max(acks):.1f}")
    print(f"UI event-loop stall (ms): idle p99 {pct(idle, 99):.1f} max {max(idle, default=0):.1f}; "
          f"under load p99 {pct(loaded, 99):.1f} max {max(loaded, default=0):.1f}; "
          f"p99 ratio load/idle {pct(loaded, 99) / max(pct(idle, 99), 0.1):.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        Path(args.out).write_text(json.dumps(asyncio.run(phones_main(json.loads(args.client)))))
        return
    app_main(args)


if __name__ == "__main__":
    main()
