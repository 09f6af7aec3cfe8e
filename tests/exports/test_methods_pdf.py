"""The method canvases in the PDF: FODA 2x2, trees drawn, planning and monitoring matrices on landscape pages.

Every text typed into them appears exactly, nothing runs off a page, a long planning
matrix repeats its header (and names its axis again) on every page it spans.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from pypdf import PdfReader

from exports.labels import PLANNING_COLUMNS
from exports.model import load_report
from exports.pdf import write_pdf
from exports.pdf.common import Ctx
from exports.pdf.styles import make_styles
from exports.pdf.tree_diagram import MIN_SCALE, diagrams
from facilitator.commands import InsertRow, Macro
from facilitator.domain.templates import builtin_template
from facilitator.workshops import new_workshop

from export_samples import MARKUP, MONITORING, build_methods, method_texts, note
from pdf_checks import overflow, page_texts, squash

TODAY = datetime(2026, 10, 1, tzinfo=timezone.utc)


def export(doc, path, **options):
    write_pdf(load_report(doc, now=TODAY, **options), path)
    return path


@pytest.fixture
def methods_pdf(methods, tmp_path):
    doc, _ids = methods
    return export(doc, tmp_path / "metodos.pdf")


def test_every_method_text_appears_verbatim(methods_pdf):
    from exports.labels import table_date
    from facilitator.i18n import Translator

    text = squash("".join(page_texts(methods_pdf)))
    # dates typed in the matrices are written as the prose writes them (issue 15)
    missing = [t for t in method_texts() if squash(str(table_date(t, Translator("es")))) not in text]
    assert not missing


def test_markup_in_method_canvases_stays_text(methods_pdf):
    text = "".join(page_texts(methods_pdf))
    for hostile in MARKUP[:4]:
        assert hostile in text
    images = sum(1 for page in PdfReader(methods_pdf).pages
                 for ref in ((page.get("/Resources") or {}).get("/XObject") or {}).values()
                 if ref.get_object().get("/Subtype") == "/Image")
    assert images == 0


def test_nothing_runs_off_any_page(methods_pdf):
    assert overflow(methods_pdf) == []


def test_foda_names_its_axes_and_cross_strategies(methods_pdf):
    text = "\n".join(page_texts(methods_pdf))
    foda = text[text.index("Matriz FODA"):text.index("Árbol de problemas", text.index("Matriz FODA"))]
    for label in ("Positivos", "Negativos", "Factores internos", "Factores externos", "Estrategias cruzadas",
                  "Estrategias FO", "Estrategias DA", "Usar fortalezas para aprovechar oportunidades"):
        assert label in foda, label
    assert "Grupo 1" in foda and "Grupo 2" in foda  # each note carries its group


def test_trees_show_marks_scores_and_priorities(methods_pdf):
    text = "\n".join(page_texts(methods_pdf))
    tree = text[text.index("Árbol de problemas\n", text.index("Resultados del taller", text.index("28 de octubre"))):]
    assert "Crítica" in tree and "Manejable" in tree and "Grave" in tree and "Urgente" in tree
    assert "impacto 5 · factibilidad 2" in tree
    ranked = tree[tree.index("Prioridades: Causas"):tree.index("Prioridades: Efectos")]
    # 12 (4×3 and 3×4), then 10, then 9: highest impact × feasibility first
    order = [ranked.index(x) for x in ("Escasez de formación técnica", "Falta de políticas inclusivas",
                                       "Desconocimiento de la normativa")]
    assert order == sorted(order)
    assert "Árbol de objetivos" in text and "Prioridades: Medios" in text


def _matrix_pages(path, marker: str) -> list[str]:
    return [p for p in page_texts(path) if marker in p]


def test_planning_matrix_has_exactly_the_methods_columns_on_a_landscape_page(methods, tmp_path):
    doc, _ids = methods
    path = export(doc, tmp_path / "p.pdf")
    reader = PdfReader(path)
    number = next(i for i, p in enumerate(reader.pages) if "Mesacomunaldemigración" in squash(p.extract_text())
                  and "Metaoproducto" in squash(p.extract_text()))
    page = reader.pages[number]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    text = squash(page.extract_text())
    heads = [squash(name) for _f, name in PLANNING_COLUMNS]
    positions = [text.index(h) for h in heads]
    assert positions == sorted(positions)  # the method's order, left to right
    assert "Sin eje" in page.extract_text()  # an initiative whose axis was removed
    assert "Ejes sin iniciativas" in page.extract_text()


def test_long_planning_matrix_repeats_its_header_and_axis_on_every_page(doc, tmp_path):
    build_methods(doc, big=120)
    path = export(doc, tmp_path / "grande.pdf")
    pages = _matrix_pages(path, "Iniciativa número")
    assert len(pages) >= 4
    heads = [squash(name) for _f, name in PLANNING_COLUMNS]
    for text in pages:
        flat = squash(text)
        assert all(h in flat for h in heads)
    assert sum("(cont.)" in p for p in pages) >= 3  # the axis is named again after a page break
    every = squash("".join(pages))
    assert all(squash(f"Iniciativa número {k}") in every for k in range(120))
    assert overflow(path) == []


def test_monitoring_matrix_shows_status_and_quick_evaluation(methods_pdf):
    text = "\n".join(page_texts(methods_pdf))
    sheet = text[text.index("Planilla de seguimiento de iniciativas"):]
    assert "4 iniciativas: 1 en curso, 2 atrasadas, 1 cumplida" in sheet
    assert "venció el 2026-06-30" in sheet  # late by its end date, though recorded «en curso»
    assert "no va según lo planificado" in sheet
    flat = squash(sheet)
    for head in ("Fechaestimadadetérmino", "Fechaúltimarevisión", "Evaluaciónrápida", "Principaleslogros",
                 "Desafíosdestacados", "¿Senecesitanajustes?", "Ajustessugeridos", "Plazos"):
        assert head in flat, head
    for row in MONITORING:
        assert squash(row[0]) in flat


def test_english_report_uses_the_english_headers(methods, tmp_path):
    doc, _ids = methods
    path = export(doc, tmp_path / "en.pdf", lang="en")
    flat = squash("".join(page_texts(path)))
    for head in ("Strategicaxis", "Targetoroutput", "Responsibleunit", "Quickevaluation", "Positive",
                 "Internalfactors", "Priorities:"):
        assert head in flat, head


def _tree(doc, causes: int, depth: int = 1, effects: int = 1) -> str:
    """A problem tree with ``causes`` chains of ``depth`` causes each, and a chain of ``effects`` effects."""
    macro = new_workshop(doc, builtin_template("arbol_problemas"), lang="es")
    doc.execute(macro)
    canvas = next(c for c in doc.canvases(macro.workshop_id) if c["kind"] == "problem_tree")["id"]
    problem = note(canvas, "problema", "Problema central del árbol grande")
    cmds = [problem]
    for k in range(causes):
        target = problem
        for level in range(depth):
            cause = note(canvas, "causas", f"Causa {k}.{level} con un texto de varias palabras")
            cmds += [cause, InsertRow("link", {"canvas_id": canvas, "source_id": cause.id, "target_id": target.id})]
            target = cause
    source = problem
    for level in range(effects):
        effect = note(canvas, "efectos", f"Efecto {level}")
        cmds += [effect, InsertRow("link", {"canvas_id": canvas, "source_id": source.id, "target_id": effect.id})]
        source = effect
    doc.execute(Macro(cmds))
    return canvas


def _ctx(report):
    from reportlab.lib.pagesizes import A4, landscape

    from exports.pdf.template import MARGIN

    return Ctx(report, report.t, make_styles(), A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN,
               landscape(A4)[0] - 2 * MARGIN)


@pytest.mark.parametrize("causes, depth, effects, parts", [(3, 1, 1, 1), (6, 1, 1, 1), (2, 14, 14, 2), (40, 1, 1, 0),
                                                         (1, 30, 1, 0)])
def test_large_trees_shrink_split_or_become_an_outline(doc, tmp_path, causes, depth, effects, parts):
    """A tree is drawn whole, in two halves, or (too large to read) listed; it never runs off the page."""
    canvas_id = _tree(doc, causes, depth, effects)
    report = load_report(doc, now=TODAY)
    canvas = next(cv for w in report.workshops for cv in w.canvases if cv.id == canvas_id)
    c = _ctx(report)
    from exports.pdf.canvases import tree_frame

    width, height = tree_frame(c, canvas)
    drawn = diagrams(c, canvas, width, height) or []
    assert len(drawn) == parts
    for d in drawn:
        w, h = d.wrap(width, height)
        assert d.scale >= MIN_SCALE and w <= width + 0.01 and h <= height
    path = export(doc, tmp_path / "arbol.pdf")
    assert overflow(path) == []
    flat = squash("".join(page_texts(path)))
    assert all(squash(f"Causa {k}.{level} con un texto de varias palabras") in flat
               for k in range(causes) for level in range(depth))
    if not parts:
        assert "semuestracomoesquema" in flat


def test_an_initiative_taller_than_a_page_splits_inside_its_row(methods, tmp_path):
    doc, ids = methods
    from facilitator.commands import UpdateRow

    first = doc.store.query("SELECT id FROM initiative WHERE canvas_id = ? ORDER BY position", (ids["matrix"],))[0]
    words = [f"palabra{k:04d}" for k in range(2500)]
    doc.execute(UpdateRow("initiative", first["id"], {"strategy": "Estrategia larga " * 300,
                                                      "description": " ".join(words)}))
    path = export(doc, tmp_path / "largo.pdf")
    pages = _matrix_pages(path, "Estrategia larga")
    assert len(pages) >= 3
    assert all("(cont.)" in p for p in pages[1:])  # the axis is named on every page the row spans
    text = "".join(page_texts(path))
    found = [k for k in range(2500) if f"palabra{k:04d}" in text]
    assert found == list(range(2500))  # the details split across pages too, and lose nothing
    assert overflow(path) == []
