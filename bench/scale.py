"""Scale: every cost against the work, from 1k to 50k notes, each against a plain baseline.

The files are built through the app's own importer: a process of 10 workshops
(the diagnostic script, made as ``main.py new`` makes one) gets its notes from
one CSV per workshop through ``plan_notes_import`` (as ``main.py import --csv``).
One-workshop files of 2.5k and 10k notes show the PDF's growth inside a workshop.

Each operation runs in a fresh child process (its time, CPU time and peak RSS
are its own), alternating with its baseline, repeated, medians reported:

    import  plan_notes_import + execute   vs  csv.reader + executemany into the same schema
    pdf     load_report + write_pdf       vs  reportlab platypus: one Paragraph per note text, flowing
                                              (bench/export_pdf.py's baseline, one drawString per note,
                                              is ~5x faster still)
    docx    load_report + write_docx      vs  python-docx: the same texts, one paragraph each
                                              (appended at the XML level, no sibling scans)
    xlsx    write_xlsx (report loaded)    vs  openpyxl write-only mode, the same cells
    json    run_export(--json)            vs  sqlite3 rows -> json.dumps -> file

Then a table: seconds, ratio to the baseline, peak MB, and the growth order
between consecutive sizes (1.0 = linear, 2.0 = quadratic).

    python bench/scale.py                        # 1k, 5k, 20k (+ one workshop of 2.5k and 10k)
    python bench/scale.py --big                  # also 50k (minutes on a shared machine)
    python bench/scale.py --sizes 1000 --ops pdf,json --repeat 3
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORKSHOPS = 10
WORDS = ("falta de coordinación entre departamentos municipales atención a familias migrantes sin documentos "
         "barrera idiomática con familias haitianas en el CESFAM oportunidades de empleo en la feria "
         "capacitación intercultural para funcionarios ¿quién orienta? ¡urgente! niñez y adolescencia").split()
OPS = ("import", "pdf", "docx", "xlsx", "json")


# -- building the files (through the app) -----------------------------------------------
def _empty(path: Path, workshops: int) -> None:
    from facilitator.document import ProcessDocument
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    doc = ProcessDocument.create(path, "Diálogo regional")
    for k in range(workshops):
        doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es", title=f"Taller {k + 1}",
                                 date=f"2026-10-{k + 1:02d}"))
    doc.close()


def _csvs(path: Path, notes: int, folder: Path, seed: int = 13) -> list[Path]:
    """One CSV per workshop, ``notes`` rows in all, with zone, group, votes and tags."""
    from facilitator.document import ProcessDocument

    rng = random.Random(seed)
    doc = ProcessDocument.open(path)
    workshops = doc.workshops()
    out = []
    for k, w in enumerate(workshops):
        canvas = next(c for c in doc.canvases(w["id"]) if c["zones"])
        labels = [z["label"] for z in canvas["zones"]]
        share = notes // len(workshops) + (1 if k < notes % len(workshops) else 0)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["texto", "zona", "grupo", "votos", "etiquetas"])
        for n in range(share):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(4, 22))).capitalize()
            writer.writerow([text, labels[n % len(labels)], f"Grupo {n % 3 + 1}", rng.randrange(0, 8), ""])
        f = folder / f"{path.stem}-{k}.csv"
        f.write_text(buf.getvalue(), encoding="utf-8")
        out.append(f)
    doc.close()
    return out


# -- the operations (run in a child process) ---------------------------------------------
def op_import(empty: Path, out: Path, csvs: list[Path]) -> None:
    from facilitator.document import ProcessDocument
    from facilitator.importers import plan_notes_import

    shutil.copy(empty, out)
    doc = ProcessDocument.open(out)
    for w, f in zip(doc.workshops(), csvs):
        plan = plan_notes_import(doc, w["id"], f.read_bytes(), source=f.name)
        assert plan.ok, plan.lines()[:3]
        doc.execute(plan.command)
    doc.close()


def base_import(empty: Path, out: Path, csvs: list[Path]) -> None:
    """csv.reader + executemany into the same note table (zones and groups looked up in dicts)."""
    import uuid

    from facilitator.domain.labels import show

    shutil.copy(empty, out)
    con = sqlite3.connect(out)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    now = "2026-10-01T10:00:00Z"
    workshops = [r[0] for r in con.execute("SELECT id FROM workshop ORDER BY position, rowid")]
    for wid, f in zip(workshops, csvs):
        cid, zones = con.execute("SELECT id, zones FROM canvas WHERE workshop_id = ? AND zones != '[]' "
                                 "ORDER BY position, rowid LIMIT 1", (wid,)).fetchone()
        # the file keeps the script's zone names as keys (zone:desafios): the CSV names them in words
        by_label = {show(z["label"]): z["key"] for z in json.loads(zones)}
        groups: dict[str, str] = {}
        rows = []
        reader = csv.reader(io.StringIO(f.read_bytes().decode("utf-8")))
        next(reader)
        for i, (text, zone, group, votes, tags) in enumerate(reader):
            if group not in groups:
                groups[group] = uuid.uuid4().hex
                con.execute("INSERT INTO workgroup (id, created_at, updated_at, workshop_id, name, position) "
                            "VALUES (?, ?, ?, ?, ?, ?)", (groups[group], now, now, wid, group, len(groups)))
            rows.append((uuid.uuid4().hex, now, now, cid, by_label[zone], groups[group], text, int(votes),
                         12.0 + (i % 4) * 172, 12.0 + (i // 4) * 112, "[]", i + 1))
        con.executemany("INSERT INTO note (id, created_at, updated_at, canvas_id, zone, group_id, text, votes, "
                        "x, y, tags, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.commit()
    con.close()


def _report(path: Path):
    from exports.model import load_report
    from facilitator.document import ProcessDocument

    doc = ProcessDocument.open(path)
    report = load_report(doc, lang="es")
    doc.close()
    return report


def op_pdf(path: Path, out: Path) -> None:
    from exports.pdf import write_pdf

    write_pdf(_report(path), out)


def _note_texts(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    texts = [r[0] for r in con.execute("SELECT text FROM note ORDER BY rowid")]
    con.close()
    return texts


def base_pdf(path: Path, out: Path) -> None:
    """The same note texts written the plain reportlab way: one escaped Paragraph each, flowing pages."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from exports.fonts import SANS, register_fonts

    register_fonts()
    style = ParagraphStyle("plain", fontName=SANS, fontSize=9, leading=12)
    SimpleDocTemplate(str(out), pagesize=A4).build([Paragraph(escape(t), style) for t in _note_texts(path)])


def op_docx(path: Path, out: Path) -> None:
    from exports.docx import write_docx

    write_docx(_report(path), out)


def base_docx(path: Path, out: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    body = d.element.body
    sect = body.find(qn("w:sectPr"))
    for text in _note_texts(path):
        p = OxmlElement("w:p")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        r.append(t)
        p.append(r)
        sect.addprevious(p)
    d.save(out)


def op_xlsx(path: Path, out: Path, report=None) -> None:
    from exports.xlsx import write_xlsx

    write_xlsx(report, out)


def base_xlsx(path: Path, out: Path, report=None) -> None:
    from openpyxl import Workbook

    from exports.tables import report_sheets

    wb = Workbook(write_only=True)
    for k, sheet in enumerate(report_sheets(report)):
        ws = wb.create_sheet(f"Hoja {k + 1}")
        ws.append(sheet.headers)
        for row in sheet.rows:
            ws.append(row)
    wb.save(out)


def op_json(path: Path, out: Path) -> None:
    from exports.jobs import ExportRequest, run_export
    from facilitator.document import ProcessDocument

    doc = ProcessDocument.open(path)
    run_export(doc, ExportRequest(json=out, full_json=True))  # the full copy, chosen expressly as the GUI asks
    doc.close()


def base_json(path: Path, out: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    data = {}
    for name in tables:
        rows = []
        for row in con.execute(f'SELECT * FROM "{name}"'):
            rows.append({k: (v.hex() if isinstance(v, bytes) else v) for k, v in zip(row.keys(), row)})
        data[name] = rows
    con.close()
    Path(out).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def child(args: list[str]) -> None:
    """Run one operation, print its wall and CPU seconds and the process's peak RSS (MB)."""
    kind, which, src, out, *rest = args
    fn = globals()[f"{'op' if which == 'ours' else 'base'}_{kind}"]
    from exports.fonts import register_fonts

    register_fonts()  # once per process, as in the app; not part of either measurement
    extra = {}
    if kind == "xlsx":  # the writer, not the reading, is measured (both get the same report)
        extra["report"] = _report(Path(src))
    if kind == "import":
        t0, c0 = time.perf_counter(), time.process_time()
        fn(Path(src), Path(out), [Path(x) for x in rest])
    else:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(Path(src), Path(out), **extra)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"s": wall, "cpu": cpu, "mb": rss}))


def run_child(kind: str, which: str, src: Path, out: Path, extra: list[Path], timeout: float,
              tree: Path = ROOT) -> dict | None:
    """One measurement in a fresh process; ``tree`` is the source tree whose code runs (``--against``)."""
    cmd = [sys.executable, str(tree / "bench" / "scale.py"), "--child", kind, which, str(src), str(out),
           *map(str, extra)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"{kind}/{which} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- driver -------------------------------------------------------------------------------
def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000", help="notes over 10 workshops, comma-separated")
    ap.add_argument("--big", action="store_true", help="add 50,000 notes")
    ap.add_argument("--one", default="2500,10000", help="one-workshop files for the PDF ('' to skip)")
    ap.add_argument("--ops", default=",".join(OPS))
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--against", type=Path, help="another source tree (e.g. `git archive` of an older commit, "
                    "with this bench copied in): its code is measured too, as 'before', in the same run")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",") if x]
    if a.big and 50000 not in sizes:
        sizes.append(50000)
    ones = [int(x) for x in a.one.split(",") if x]
    ops = [x for x in a.ops.split(",") if x]
    results: dict[str, dict[int, dict[str, list]]] = {}

    def measure(label: str, kind: str, n: int, src: Path, out_ours: Path, out_base: Path, extra=()) -> None:
        slot = results.setdefault(label, {}).setdefault(n, {"ours": [], "base": [], "before": []})
        sides = [("ours", out_ours, ROOT), ("base", out_base, ROOT)]
        if a.against:
            sides.append(("before", out_ours, a.against))
        for _ in range(a.repeat):
            for which, out, tree in sides:
                r = run_child(kind, "ours" if which == "before" else which, src, out, list(extra), a.timeout, tree)
                slot[which].append(r)
                shown = "timeout" if r is None else f"{r['s']:.2f} s, {r['mb']:.0f} MB"
                print(f"  {label:<7} {n:>6} {which}: {shown}", flush=True)

    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        folder = Path(tmp)
        plans = [(f"{n}", n, WORKSHOPS) for n in sizes] + [(f"one{n}", n, 1) for n in ones]
        for name, n, workshops in plans:
            empty = folder / f"empty{workshops}.taller"
            if not empty.exists():
                _empty(empty, workshops)
            csvs = _csvs(empty, n, folder)
            full = folder / f"{name}.taller"
            print(f"{n} notes over {workshops} workshop(s):", flush=True)
            label = "import" if workshops > 1 else "import1"
            if "import" in ops or not full.exists():
                measure(label, "import", n, empty, full, folder / f"{name}-base.taller", csvs)
            if workshops == 1:
                if "pdf" in ops:
                    measure("pdf1", "pdf", n, full, folder / "o.pdf", folder / "b.pdf")
                continue
            for kind in ops:
                if kind != "import":
                    measure(kind, kind, n, full, folder / f"o.{kind}", folder / f"b.{kind}")
            for f in folder.glob(f"{name}-base.taller*"):
                f.unlink()

    def med(runs: list, key: str) -> float | None:
        vals = [r[key] for r in runs if r is not None]
        return statistics.median(vals) if vals and len(vals) == len(runs) else None

    print()
    before_cols = f" {'before s':>8} {'ratio':>6} {'MB':>5} {'order':>6}" if a.against else ""
    print(f"{'operation':<8} {'notes':>6} {'ours s':>8} {'base s':>8} {'ratio':>6} {'ours MB':>8} {'base MB':>8}"
          f" {'order ours':>10} {'order base':>10}{before_cols}")
    summary = {}
    for label, by_n in results.items():
        prev = None
        for n in sorted(by_n):
            o, b, was = med(by_n[n]["ours"], "s"), med(by_n[n]["base"], "s"), med(by_n[n]["before"], "s")
            om, bm = med(by_n[n]["ours"], "mb"), med(by_n[n]["base"], "mb")
            order_o = order_b = ""
            if prev is not None:
                pn, po, pb, _pw = prev
                if o and po:
                    order_o = f"{math.log(o / po) / math.log(n / pn):.2f}"
                if b and pb:
                    order_b = f"{math.log(b / pb) / math.log(n / pn):.2f}"
            order_w = ""
            if prev is not None and was and prev[3]:
                order_w = f"{math.log(was / prev[3]) / math.log(n / prev[0]):.2f}"
            prev = (n, o, b, was)
            fmt = lambda v, d=2: "timeout" if v is None else f"{v:.{d}f}"  # noqa: E731
            ratio = f"{o / b:.2f}" if o and b else "-"
            extra = ""
            if a.against:
                wm = med(by_n[n]["before"], "mb")
                extra = f" {fmt(was):>8} {(f'{was / b:.2f}' if was and b else '-'):>6} {fmt(wm, 0):>5} {order_w:>6}"
            print(f"{label:<8} {n:>6} {fmt(o):>8} {fmt(b):>8} {ratio:>6} {fmt(om, 0):>8} {fmt(bm, 0):>8}"
                  f" {order_o:>10} {order_b:>10}{extra}")
            summary.setdefault(label, {})[n] = {"ours_s": o, "base_s": b, "ours_mb": om, "base_mb": bm,
                                                "before_s": was}
    if "pdf1" in results and len(results["pdf1"]) >= 2:
        ns = sorted(results["pdf1"])
        lo, hi = med(results["pdf1"][ns[0]]["ours"], "s"), med(results["pdf1"][ns[-1]]["ours"], "s")
        if lo and hi:
            print(f"\none workshop: {ns[-1]} notes take {hi / lo:.2f}x the time of {ns[0]} "
                  f"({ns[-1] / ns[0]:.0f}x the notes)")
        lo, hi = med(results["pdf1"][ns[0]]["before"], "s"), med(results["pdf1"][ns[-1]]["before"], "s")
        if lo and hi:
            print(f"before: {hi / lo:.2f}x")
    if a.json:
        Path(a.json).write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
