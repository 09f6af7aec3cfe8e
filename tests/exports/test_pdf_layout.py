"""Page breaks and grouping in the PDF: no heading left alone at a page foot, a SMART board shown whole
with its block, an objective tree's notes not filed under the problem tree's block, singular counts.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from reportlab.platypus import Paragraph

from exports.model import load_report
from exports.pdf import write_pdf
from exports.pdf.template import ReportDoc
from exports.pdf.workshop import plan_results
from facilitator.commands import InsertRow, Macro

from export_samples import _groups, _workshop, build_methods, note
from pdf_checks import page_texts, squash

TODAY = datetime(2026, 10, 1, tzinfo=timezone.utc)


def placed(monkeypatch, report, path) -> list[tuple[int, object]]:
    """(page, flowable) of every flowable laid out, in order."""
    seen: list[tuple[int, object]] = []
    original = ReportDoc.afterFlowable

    def record(self, flowable):
        seen.append((self.page, flowable))
        original(self, flowable)

    monkeypatch.setattr(ReportDoc, "afterFlowable", record)
    write_pdf(report, path)
    return seen


def test_no_heading_ends_a_page(doc, monkeypatch, tmp_path):
    build_methods(doc, big=40)  # long boards and tables: many page breaks
    seen = placed(monkeypatch, load_report(doc, now=TODAY), tmp_path / "r.pdf")
    drawn = [(page, f) for page, f in seen if f.__class__.__name__ not in ("Spacer", "CondPageBreak")]
    assert len({page for page, _f in drawn}) > 10
    lonely = []
    for k, (page, f) in enumerate(drawn[:-2]):
        if not (isinstance(f, Paragraph) and getattr(f.style, "keepWithNext", 0)):
            continue
        after, intro = drawn[k + 1]
        # the heading's next flowable on the same page; an intro line under it is not enough
        if after != page or (isinstance(intro, Paragraph) and intro.style.name in ("body", "muted", "facts")
                             and drawn[k + 2][0] != page):
            lonely.append((page, f.getPlainText()))
    assert lonely == []


def _smart_workshop(doc):
    wid, canvases, blocks = _workshop(doc, "arbol_problemas", "Árbol")
    board = canvases["objetivos_smart"]["id"]
    doc.execute(Macro([note(board, "objetivos", "Objetivo uno", position=0),
                       note(board, "indicadores", "Indicador uno", position=1)]))
    return wid, canvases, blocks


def test_smart_board_indicators_go_with_its_block(doc, tmp_path):
    wid, _canvases, blocks = _smart_workshop(doc)
    report = load_report(doc, workshop_id=wid, now=TODAY)
    plan, leftovers = plan_results(report.workshops[0])
    smart = [(b.id, zones) for b, parts, _e in plan for cv, zones in parts if cv.key == "objetivos_smart"]
    assert smart == [(blocks["objetivos_smart"]["id"], ["objetivos", "indicadores"])]
    assert leftovers == []
    write_pdf(report, tmp_path / "s.pdf")
    text = squash("".join(page_texts(tmp_path / "s.pdf")))
    block = text.index(squash(blocks["objetivos_smart"]["title"]), text.index("Resultadosdeltaller"))
    assert block < text.index("Objetivouno") < text.index("Indicadoruno")
    assert "Otrosresultados" not in text


def test_objective_tree_notes_leave_the_problem_block(doc):
    wid, canvases, blocks = _workshop(doc, "arbol_problemas", "Árbol")
    tree = InsertRow("canvas", {"workshop_id": wid, "key": "objetivos", "kind": "problem_tree", "title": "",
                                "zones": json.dumps(canvases["arbol"]["zones"]), "position": 9, "variant": "objectives",
                                "origin_id": canvases["arbol"]["id"]})
    causes = blocks["causas"]["id"]
    doc.execute(Macro([tree, note(canvases["arbol"]["id"], "causas", "Causa", block_id=causes),
                       note(tree.id, "causas", "Medio", block_id=causes)]))
    notes = {n.text: n for n in load_report(doc, workshop_id=wid, now=TODAY).workshops[0].notes()}
    assert notes["Causa"].block_id == causes
    assert (notes["Medio"].block_id, notes["Medio"].block) == (None, "")


def test_one_group_is_singular(doc, tmp_path):
    wid, _canvases, _blocks = _smart_workshop(doc)
    _groups(doc, wid, 1)
    write_pdf(load_report(doc, workshop_id=wid, now=TODAY), tmp_path / "g.pdf")
    text = " ".join(" ".join(page_texts(tmp_path / "g.pdf")).split())
    assert "Se trabajó en un solo grupo." in text
    assert "1 grupos" not in text
