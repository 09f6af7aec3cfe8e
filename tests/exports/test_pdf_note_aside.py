"""A note's aside (group · votes · tags) in the report: after its last word when it fits, else below it.

The note itself is one fragment of text (reportlab's fast line breaking); the aside is
drawn after it, never through the slow path of a paragraph mixing two sizes.
"""

from __future__ import annotations

import subprocess

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from exports.fonts import register_fonts
from exports.pdf.notes import AsideNote, _with_aside
from exports.pdf.styles import make_styles

ASIDE = "Grupo A · 4 votos · Salud"


def _lines(flow, path) -> list[str]:
    register_fonts()
    SimpleDocTemplate(str(path), pagesize=A4).build(flow)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return [" ".join(line.split()) for line in out.stdout.splitlines() if line.strip()]


def test_the_note_breaks_lines_on_the_fast_path():
    st = make_styles()
    note = _with_aside("Contar con una oficina de atención a personas migrantes", st.note, ASIDE, "•")
    assert isinstance(note, AsideNote)
    assert len(note.para.frags) == 1  # one fragment: reportlab's fast line breaking


def test_a_short_aside_follows_the_last_word(tmp_path):
    st = make_styles()
    lines = _lines([_with_aside("La comuna ya tiene el Sello Migrante", st.note, ASIDE, "•")], tmp_path / "a.pdf")
    assert lines[0] == "• La comuna ya tiene el Sello Migrante Grupo A · 4 votos · Salud"


def test_an_aside_that_does_not_fit_takes_a_line_below(tmp_path):
    st = make_styles()
    text = "palabra " * 14 + "final de la nota que llena la línea hasta el borde derecho del marco"
    long_aside = " · ".join(f"Etiqueta larga número {i}" for i in range(12))
    lines = _lines([_with_aside(text, st.note, long_aside, "•"), _with_aside("Siguiente", st.note, ASIDE, "•")],
                   tmp_path / "b.pdf")
    shown = " ".join(lines)
    assert " ".join(text.split()) in " ".join(lines).replace("• ", "")
    assert long_aside in shown  # whole, in order, on lines of its own
    first_aside_line = next(i for i, line in enumerate(lines) if line.startswith("Etiqueta larga número 0"))
    assert lines[first_aside_line - 1].endswith("marco")  # right under the note's last line
    assert lines[-1] == "• Siguiente Grupo A · 4 votos · Salud"  # and the next note after it


def test_a_note_split_between_pages_keeps_its_aside_at_its_end(tmp_path):
    st = make_styles()
    filler = [_with_aside(f"Nota de relleno {i}", st.note, "", "•") for i in range(52)]
    long = " ".join(f"frase{i}" for i in range(120))
    lines = _lines([*filler, _with_aside(long, st.note, ASIDE, "•")], tmp_path / "c.pdf")
    joined = " ".join(lines)
    assert joined.index("frase119") < joined.index("Grupo A · 4 votos") and joined.count("Grupo A · 4 votos") == 1


def test_text_in_another_script_keeps_the_aside_inside_the_paragraph():
    st = make_styles()
    note = _with_aside("移民 家庭 支援", st.note, ASIDE, "•")
    assert not isinstance(note, AsideNote)
