"""Every note reaches the PDF exactly as typed, nothing in a note is read as markup, nothing overflows."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from exports.fonts import EMOJI, SANS, font_for, markup, register_fonts
from exports.model import load_report
from exports.pdf import write_pdf

from export_samples import HOSTILE
from pdf_checks import overflow, squash


@pytest.fixture
def hostile_pdf(hostile, tmp_path):
    doc, wid = hostile
    path = tmp_path / "hostil.pdf"
    write_pdf(load_report(doc, lang="es"), path)
    return path


def test_every_note_appears_verbatim(hostile_pdf):
    reader = PdfReader(hostile_pdf)
    text = squash("".join(page.extract_text() for page in reader.pages))
    for note in HOSTILE:
        # each note appears on its board and in the annex's full list
        assert text.count(squash(note)) >= 2, note


def test_markup_lookalikes_stay_text_and_embed_nothing(hostile_pdf):
    reader = PdfReader(hostile_pdf)
    images = 0
    for page in reader.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        images += sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
    assert images == 0  # no logo, no QR, no photo: any image would have come from a note's text
    raw = hostile_pdf.read_bytes()
    assert b"/etc/passwd" not in raw.replace(b"\\", b"") or "<img src=/etc/passwd>" in "".join(
        p.extract_text() for p in reader.pages)


def test_emoji_use_the_emoji_font_and_accents_the_text_font():
    register_fonts()
    assert font_for("ñ") == SANS and font_for("¿") == SANS
    assert font_for("😀") == EMOJI and font_for("\u200d") == EMOJI and font_for("🇨") == EMOJI
    assert f'<font name="{EMOJI}">😀</font>' in markup("hola 😀")


def test_markup_escapes_and_keeps_line_breaks():
    assert markup("<b>AT&T</b>") == "&lt;b&gt;AT&amp;T&lt;/b&gt;"
    assert markup("uno\r\ndos\nres") == "uno<br/>dos<br/>res"
    assert markup("a  b") == "a \u00a0b"


def test_characters_no_font_has_are_named_not_dropped(doc, tmp_path):
    from facilitator.commands import InsertRow
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    macro = new_workshop(doc, builtin_template("foda"), lang="es")
    doc.execute(macro)
    canvas = doc.canvases(macro.workshop_id)[0]["id"]
    doc.execute(InsertRow("note", {"canvas_id": canvas, "zone": "amenazas", "text": "\U0010fffd y \x07 campana"}))
    path = tmp_path / "raro.pdf"
    write_pdf(load_report(doc), path)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "[U+10FFFD]" in text  # a private-use character no font has (CJK is drawn: test_scripts_pdf.py)
    assert "campana" in text and ("\u2407" in text or "[SYMBOL FOR BELL]" in text)


def test_no_text_runs_past_the_frame(hostile_pdf):
    """Every drawn run of text starts and ends inside the page's margins (long words and URLs wrap)."""
    assert not overflow(hostile_pdf)[:5]


def test_contents_and_bookmarks_list_every_chapter(rich, tmp_path):
    doc, _ids = rich
    path = tmp_path / "r.pdf"
    write_pdf(load_report(doc), path)
    reader = PdfReader(path)
    contents = reader.pages[1].extract_text()
    for title in ("Objetivos y metodología", "Participación en números", "Diagnóstico", "Resultados del taller",
                  "FODA", "Árbol", "Planificación", "Compromisos del proceso", "Anexos", "C. Lista completa de notas"):
        assert title in contents, title

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    marks = list(titles(reader.outline))
    assert "Identificar desafíos" in marks and "Rondas de validación" in marks
    # the contents' page numbers point at the pages where the chapters start
    annex_page = next(i for i, p in enumerate(reader.pages, start=1) if "Anexos" in p.extract_text()
                      and i > 2)
    assert re.search(rf"Anexos\s*{annex_page}\b", contents)
