"""The notes annex over many pages: every note once, numbered in order, long notes whole and split across pages."""

from __future__ import annotations

import re

from exports.fonts import pieces
from exports.model import load_report
from exports.pdf import write_pdf
from facilitator.commands import InsertRow, Macro
from facilitator.domain.templates import builtin_template
from facilitator.workshops import new_workshop

from pdf_checks import overflow, page_texts, squash

LONG = " ".join(f"Frase {i} de nota muy larga, escrita por el grupo durante el plenario." for i in range(140))
LINES = "\n".join(f"renglón {i} ñ" for i in range(90))


def test_pieces_give_the_text_back():
    assert pieces("corta") == ["corta"]
    parts = pieces(LONG)
    assert len(parts) > 5 and all(len(p) <= 800 for p in parts)
    assert " ".join(parts) == LONG  # cut at spaces: only that space is lost
    parts = pieces(LINES)
    assert all(p.count("\n") < 20 for p in parts) and "\n".join(parts) == LINES
    word = "x" * 2000
    assert "".join(pieces(word)) == word


def test_annex_lists_every_note_in_order_with_long_notes_whole(doc, tmp_path):
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    canvas = next(c for c in doc.canvases(macro.workshop_id) if c["zones"])
    zone = canvas["zones"][0]["key"]
    texts = [f"nota-{i:03d} sobre la atención a familias migrantes" for i in range(180)]
    macro = Macro([InsertRow("note", {"canvas_id": canvas["id"], "zone": zone, "text": t, "position": i})
                   for i, t in enumerate(texts)])
    doc.execute(macro)
    # Longer than the store lets anyone type today (NOTE_MAX_CHARS), as an older file may hold:
    # written with raw SQL, and the report must still print them whole.
    with doc.store.conn:
        for k, text in ((60, LONG), (61, LINES)):
            doc.store.conn.execute("UPDATE note SET text = ? WHERE id = ?", (text, macro.commands[k].id))
    path = tmp_path / "anexo.pdf"
    write_pdf(load_report(doc, lang="es"), path)

    pages = page_texts(path)
    start = max(i for i, text in enumerate(pages) if "Lista completa de notas" in text)
    annex = squash("".join(pages[start:]))
    annex = annex[annex.index(squash("Lista completa de notas")):]
    # each short note once, in order
    found = [int(m) for m in re.findall(r"nota-(\d{3})", annex)]
    assert found == [i for i in range(180) if i not in (60, 61)]
    # the long notes whole and in order (they run over pages: headers and footers come between),
    # between their neighbours
    sentences = [int(m) for m in re.findall(r"Frase(\d+)denota", annex)]
    lines = [int(m) for m in re.findall(r"renglón(\d+)ñ", annex)]
    assert sentences == list(range(140)) and lines == list(range(90))
    assert annex.index("nota-059") < annex.index("Frase0de") < annex.index("Frase139de") \
        < annex.index("renglón0ñ") < annex.index("renglón89ñ") < annex.index("nota-062")
    assert len([p for p in pages[start:] if "renglón" in p]) >= 2  # the 90 lines split across pages
    assert not [o for o in overflow(path) if o[0] > start][:5]  # the annex's pages (1-based)
