"""Benchmark: the PDF report of a full-day process against reportlab with no layout of ours.

A full day: 4 workshops (diagnostic, FODA, problem tree, planning), 1,000 notes
with themes, votes and tags, 15 participants, minutes, and 20 flipchart photos
of 3 MP. We time reading the process and writing our report (two layout passes
for the contents' page numbers, fonts, tables, shrunk photos) and compare with
a baseline that draws the same note texts and the same photos with reportlab's
canvas directly (one line per note, photos embedded as they are).

    python bench/export_pdf.py            # prints seconds, MB and the ratios
    python bench/export_pdf.py --synthesis   # the same day with a systematisation (issue 15): 40 findings
                                             # of 15 notes each, quotes, figures, actors; the synthesised
                                             # report (all default sections, the record among the annexes)

Targets (issue 6): under 5 s and under 15 MB on the reference machine.
"""

from __future__ import annotations

import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from exports.fonts import SANS, register_fonts  # noqa: E402
from exports.model import load_report  # noqa: E402
from exports.pdf import write_pdf  # noqa: E402
from facilitator.commands import InsertRow, Macro  # noqa: E402
from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.tags import TAG_KEYS  # noqa: E402
from facilitator.domain.templates import builtin_template  # noqa: E402
from facilitator.workshops import new_workshop  # noqa: E402

NOTES = 1000
PHOTOS = 20
WORDS = ("falta de coordinación entre departamentos municipales atención a familias migrantes sin documentos "
         "barrera idiomática con familias haitianas en el CESFAM oportunidades de empleo en la feria "
         "capacitación intercultural para funcionarios ¿quién orienta? ¡urgente! niñez y adolescencia").split()


def photo(rng: random.Random, width: int = 2000, height: int = 1500) -> bytes:
    """A 3 MP JPEG with the texture of a photographed flipchart (paper, marker strokes, noise)."""
    im = Image.effect_noise((width, height), 40).convert("RGB")
    paper = Image.new("RGB", (width, height), (238, 236, 228))
    im = Image.blend(paper, im, 0.18)
    from PIL import ImageDraw

    draw = ImageDraw.Draw(im)
    for _ in range(120):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.rectangle([x, y, x + rng.randrange(80, 260), y + rng.randrange(60, 200)],
                       fill=rng.choice([(246, 213, 92), (60, 174, 163), (237, 85, 59), (140, 200, 240)]))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=88)
    return buf.getvalue()


def build(path: Path, seed: int = 6) -> ProcessDocument:
    rng = random.Random(seed)
    doc = ProcessDocument.create(path, "Política Municipal de Migración — jornada completa")
    people: list[str] = []
    cmds = []
    for i in range(15):
        cmd = InsertRow("participant", {"process_id": doc.process["id"], "name": f"Persona {i}",
                                        "organisation": f"Organización {i % 6}",
                                        "sector": ["Servicios públicos", "Fundaciones y sociedad civil",
                                                   "Organizaciones migrantes y pro-migrantes"][i % 3],
                                        "gender": ["mujer", "hombre", "otro"][i % 3], "territory": f"Sector {i % 4}",
                                        "consent": i % 2})
        people.append(cmd.id)
        cmds.append(cmd)
    doc.execute(Macro(cmds))
    photos = [photo(rng) for _ in range(PHOTOS)]
    for k, template in enumerate(("diagnostico", "foda", "arbol_problemas", "planificacion")):
        macro = new_workshop(doc, builtin_template(template), lang="es", date=f"2026-10-{14 + k}")
        doc.execute(macro)
        wid = macro.workshop_id
        groups = [InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {g + 1}", "position": g})
                  for g in range(3)]
        cmds = [*groups]
        cmds += [InsertRow("attendance", {"workshop_id": wid, "participant_id": p, "present": 1,
                                          "group_id": groups[i % 3].id}) for i, p in enumerate(people)]
        blocks = doc.blocks(wid)
        for c in doc.canvases(wid):
            zones = [z["key"] for z in c["zones"]] or [""]
            themes = [InsertRow("theme", {"canvas_id": c["id"], "name": f"Tema {t + 1}", "position": t})
                      for t in range(5)] if c["kind"] == "board" else []
            cmds += themes
            share = NOTES // 4 // len(doc.canvases(wid))
            for n in range(share):
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(4, 22)))
                cmds.append(InsertRow("note", {
                    "canvas_id": c["id"], "zone": zones[n % len(zones)], "group_id": groups[n % 3].id,
                    "block_id": blocks[1]["id"], "text": text.capitalize(), "votes": rng.randrange(0, 8),
                    "tags": json.dumps(rng.sample(TAG_KEYS, rng.randrange(0, 3))), "position": n,
                    "theme_id": rng.choice(themes).id if themes else None}))
        for m in range(10):
            cmds.append(InsertRow("minutes_entry", {"workshop_id": wid, "block_id": blocks[2]["id"],
                                                    "kind": "idea_clave", "speaker": f"Grupo {m % 3 + 1}",
                                                    "text": " ".join(rng.choice(WORDS) for _ in range(25)),
                                                    "position": m}))
        for p in range(PHOTOS // 4):
            cmds.append(InsertRow("photo", {"workshop_id": wid, "group_id": groups[p % 3].id,
                                            "caption": f"Papelógrafo {p + 1}", "mime": "image/jpeg",
                                            "width": 2000, "height": 1500, "data": photos[k * 5 + p], "position": p}))
        doc.execute(Macro(cmds))
    return doc


def add_synthesis(doc: ProcessDocument, rng: random.Random) -> None:
    """A team's systematisation of the day: 40 findings over the notes, quotes, the guide's tables, texts."""
    from facilitator.synthesis import findings as F
    from facilitator.synthesis import tables as T
    from facilitator.synthesis.vocab import DIMENSIONS, KIND_LABELS

    pid = doc.process["id"]
    notes = [r["id"] for r in doc.store.query("SELECT id FROM note ORDER BY rowid")]
    entries = [r["id"] for r in doc.store.query("SELECT id FROM minutes_entry ORDER BY rowid")]
    kept = []
    for k in range(40):
        linked = rng.sample(notes, 15)
        macro = F.create_finding(doc.store, pid, " ".join(rng.choice(WORDS) for _ in range(14)).capitalize(),
                                 rng.choice(list(KIND_LABELS)), dimensions=rng.sample(DIMENSIONS, 2),
                                 theme=f"Tema {k % 6 + 1}", note_ids=linked, entry_ids=rng.sample(entries, 2),
                                 quotes=linked[:2])
        doc.execute(macro)
        kept.append(macro.finding_id)
    for k in range(8):
        doc.execute(T.add_row(doc.store, "key_figure", pid, {"figure": f"Cifra {k}", "value": f"{k * 7} %",
                                                             "source": "Censo", "year": "2024"}))
        doc.execute(T.add_row(doc.store, "actor", pid, {"organisation": f"Organización {k}",
                                                        "category": "sociedad_civil", "role": "Apoyo"}))
        doc.execute(T.add_row(doc.store, "existing_initiative", pid, {"name": f"Iniciativa {k}",
                                                                      "status": "En curso"}))
    for kind in ("summary", "conclusion", "recommendation"):
        for _k in range(3):
            doc.execute(F.add_text(doc.store, pid, kind, " ".join(rng.choice(WORDS) for _ in range(60)),
                                   rng.sample(kept, 3)))


def baseline(doc: ProcessDocument, path: Path) -> None:
    """Same text and images, reportlab canvas only: one line per note, a page per photo.

    Photos are handed to reportlab as JPEG files, its fastest path (the bytes are
    embedded as they are, no decoding).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    canvas = Canvas(str(path), pagesize=A4)
    y = A4[1] - 50
    canvas.setFont(SANS, 9)
    for row in doc.store.query("SELECT text FROM note ORDER BY rowid"):
        canvas.drawString(40, y, row["text"])
        y -= 12
        if y < 50:
            canvas.showPage()
            canvas.setFont(SANS, 9)
            y = A4[1] - 50
    canvas.showPage()
    for k, row in enumerate(doc.store.query("SELECT data FROM photo ORDER BY rowid")):
        jpeg = path.with_name(f"photo{k}.jpg")
        jpeg.write_bytes(row["data"])
        canvas.drawImage(str(jpeg), 40, 200, width=A4[0] - 80, height=(A4[0] - 80) * 0.75)
        canvas.showPage()
    canvas.save()


def main() -> int:
    synthesis = "--synthesis" in sys.argv[1:]
    sections = None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        doc = build(folder / "jornada.taller")
        if synthesis:
            from exports.sections import DEFAULT

            add_synthesis(doc, random.Random(15))
            sections = DEFAULT
        built = time.perf_counter() - t0
        notes = doc.store.scalar("SELECT count(*) FROM note")
        photos = doc.store.scalar("SELECT count(*) FROM photo")
        register_fonts()  # once per process, as in the app; not part of either measurement

        ours, base = folder / "informe.pdf", folder / "base.pdf"
        runs = []
        for _ in range(3):  # best of three: the machine may be busy with something else
            t0, c0 = time.perf_counter(), time.process_time()
            write_pdf(load_report(doc), ours, sections=sections)
            t1, c1 = time.perf_counter(), time.process_time()
            baseline(doc, base)
            runs.append((t1 - t0, c1 - c0, time.perf_counter() - t1, time.process_time() - c1))
        ours_s, ours_cpu, base_s, base_cpu = min(runs)
        doc.close()
        ours_mb, base_mb = ours.stat().st_size / 1e6, base.stat().st_size / 1e6
        from pypdf import PdfReader

        pages = len(PdfReader(ours).pages)
        print(f"process: 4 workshops, {notes} notes, {photos} photos of 3 MP (built in {built:.1f} s)"
              + (", with a systematisation (40 findings): the synthesised report" if synthesis else ""))
        print(f"our report:  {ours_s:6.2f} s  (cpu {ours_cpu:.2f} s)  {ours_mb:6.2f} MB  {pages} pages")
        print(f"baseline:    {base_s:6.2f} s  (cpu {base_cpu:.2f} s)  {base_mb:6.2f} MB  (reportlab canvas, no layout)")
        print(f"ratio:       {ours_s / base_s:6.2f}x time  {ours_mb / base_mb:6.2f}x size")
        ok = ours_s < 5 and ours_mb < 15
        print("targets (<5 s, <15 MB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
