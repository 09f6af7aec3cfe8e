"""Does reportlab's C accelerator (the rl_accel package) earn its place? PDF export with and without it.

CPU time is compared (the machine may be shared). The same process (5,000 notes over 10 workshops, built as bench/scale.py builds
it) is exported in fresh processes, alternating: with ``_rl_accel`` importable,
and with it blocked (reportlab then uses its pure-Python fallbacks). Medians.

    python bench/rl_accel.py [--notes 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def child(src: str, out: str, accel: str) -> None:
    if accel == "off":
        sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # import fails: the fallbacks are used
    import scale
    from exports.fonts import register_fonts
    from reportlab.lib import rl_accel

    register_fonts()
    t, c = time.perf_counter(), time.process_time()
    scale.op_pdf(Path(src), Path(out))
    print(json.dumps({"s": time.perf_counter() - t, "cpu": time.process_time() - c,
                      "fp_str": rl_accel.fp_str.__module__}))


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:5])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    import scale

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scale._empty(folder / "e.taller", scale.WORKSHOPS)
        scale.op_import(folder / "e.taller", folder / "f.taller", scale._csvs(folder / "e.taller", a.notes, folder))
        times: dict[str, list[float]] = {"on": [], "off": []}  # CPU seconds: the machine may be shared
        for _ in range(a.repeat):
            for accel in ("on", "off"):
                done = subprocess.run([sys.executable, __file__, "--child", str(folder / "f.taller"),
                                       str(folder / "o.pdf"), accel], capture_output=True, text=True, check=True)
                r = json.loads(done.stdout.strip().splitlines()[-1])
                times[accel].append(r["cpu"])
                print(f"  rl_accel {accel:<3} {r['s']:.2f} s wall, {r['cpu']:.2f} s cpu  (fp_str from {r['fp_str']})",
                      flush=True)
    on, off = statistics.median(times["on"]), statistics.median(times["off"])
    print(f"PDF of {a.notes} notes, CPU time: with rl_accel {on:.2f} s, without {off:.2f} s: {off / on:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
