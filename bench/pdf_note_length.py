"""PDF export time against the length of one note: 1 kB to 2 MB, and a note of 20,000 lines.

A one-workshop process (the diagnostic script) holds one note of the given size
(words and sentences, no line breaks; or short lines) besides a one-word note
file measured as the fixed cost. Each export runs in a fresh process; the table
shows seconds, seconds above the fixed cost per 100 kB, and the growth order
between sizes (1.0 = linear). ``--against TREE`` measures another source tree's
code in the same run (``before``), with ``--timeout`` seconds at most per export.

    python bench/pdf_note_length.py
    python bench/pdf_note_length.py --against /tmp/before --timeout 120
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (1_000, 10_000, 100_000, 500_000, 2_000_000)
LINES = 20_000
WORDS = ("falta de coordinación entre departamentos municipales atención a familias migrantes sin documentos "
         "barrera idiomática con familias haitianas oportunidades de empleo en la feria capacitación").split()


def text_of(size: int, lines: bool, seed: int = 12) -> str:
    rng = random.Random(seed)
    if lines:
        return "\n".join(f"línea {i}: {rng.choice(WORDS)}" for i in range(size))
    out, n = [], 0
    while n < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 18))).capitalize() + "."
        out.append(sentence)
        n += len(sentence) + 1
    return " ".join(out)[:size]


def build(path: Path, text: str) -> None:
    from facilitator.commands import InsertRow
    from facilitator.document import ProcessDocument
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    doc = ProcessDocument.create(path, "Nota larga")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es", date="2026-10-01")
    doc.execute(macro)
    canvas = next(c for c in doc.canvases(macro.workshop_id) if c["zones"])
    row = InsertRow("note", {"canvas_id": canvas["id"], "zone": canvas["zones"][0]["key"], "text": "…"})
    doc.execute(row)
    # Longer than anyone can type today (NOTE_MAX_CHARS): an older file or another tool may hold such a
    # note, and the report must still print it, so the text goes in with raw SQL.
    with doc.store.conn:
        doc.store.conn.execute("UPDATE note SET text = ? WHERE id = ?", (text, row.id))
    doc.close()


def child(src: str, out: str) -> None:
    from exports.fonts import register_fonts
    from exports.model import load_report
    from exports.pdf import write_pdf
    from facilitator.document import ProcessDocument

    register_fonts()
    t0 = time.perf_counter()
    doc = ProcessDocument.open(src)
    write_pdf(load_report(doc, lang="es"), out)
    doc.close()
    print(json.dumps({"s": time.perf_counter() - t0}))


def run(tree: Path, src: Path, out: Path, timeout: float) -> float | None:
    try:
        done = subprocess.run([sys.executable, str(tree / "bench" / "pdf_note_length.py"), "--child", str(src),
                               str(out)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        sys.stderr.write(done.stderr[-2000:])
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])["s"]


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", type=Path)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    trees = [("ours", ROOT)] + ([("before", a.against)] if a.against else [])
    cases = [("one word", 4, False)] + [(f"{n // 1000} kB", n, False) for n in SIZES] + \
        [(f"{LINES} lines", LINES, True)]
    times: dict[str, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory(prefix="notelen-") as tmp:
        folder = Path(tmp)
        for name, size, lines in cases:
            src = folder / "n.taller"
            for f in folder.glob("n.taller*"):
                f.unlink()
            text = text_of(size, lines)
            build(src, text)
            for label, tree in trees:
                runs = [run(tree, src, folder / "o.pdf", a.timeout) for _ in range(a.repeat)]
                value = statistics.median(runs) if None not in runs else None
                times.setdefault(name, {})[label] = value
                shown = f"{value:.2f} s" if value is not None else f"> {a.timeout:.0f} s"
                print(f"  {name:<12} {len(text.encode()):>9} bytes  {label}: {shown}", flush=True)
            times[name]["bytes"] = len(text.encode())
    print()
    for label, _tree in trees:
        base = times["one word"][label]
        print(f"{label}: fixed cost (one-word note) {base:.2f} s" if base else f"{label}: fixed cost unknown")
        print(f"  {'note':<12} {'bytes':>9} {'s':>8} {'s/100kB above fixed':>20} {'order':>6}")
        prev = None
        for name, _size, _lines in cases[1:]:
            s, size = times[name][label], times[name]["bytes"]
            per = f"{(s - base) / size * 1e5:.3f}" if s and base else "-"
            order = ""
            if prev and s and prev[1] and base and not name.endswith("lines") and min(s, prev[1]) - base > 0.05:
                order = f"{math.log((s - base) / (prev[1] - base)) / math.log(size / prev[0]):.2f}"
            print(f"  {name:<12} {size:>9} {('%.2f' % s) if s else 'timeout':>8} {per:>20} {order:>6}")
            prev = (size, s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
