"""Issue 15: the DOCX shows each problem and objective tree as a diagram (as the PDF does), with the
indented outline kept under it as text; a tree too big to read in a picture keeps only the outline."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import pytest
from docx import Document
from reportlab.graphics.shapes import Polygon, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from exports.charts import to_png
from exports.docx import write_docx
from exports.docx_synthesis import write_synthesis_docx
from exports.model import Canvas, load_report
from exports.sections import DEFAULT
from exports.tree_drawing import NODE_W, PAD, fits, tree_drawing
from exports.trees import edges
from facilitator.document import ProcessDocument


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from facilitator.demo import build_demo

    doc = ProcessDocument.open(build_demo(tmp_path_factory.mktemp("demo") / "demo.taller"))
    try:
        yield load_report(doc)
    finally:
        doc.close()


def trees(report) -> list[Canvas]:
    return [c for w in report.workshops for c in w.canvases if c.kind == "problem_tree" and c.notes]


def media(path) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]


@pytest.mark.parametrize("writer", ["record", "synthesis"])
def test_each_tree_is_a_picture_in_the_docx_and_its_text_stays(report, tmp_path, writer):
    path = tmp_path / f"{writer}.docx"
    if writer == "record":
        write_docx(report, path)
    else:
        write_synthesis_docx(report, path, DEFAULT)
    found = trees(report)
    assert {c.variant for c in found} == {"", "objectives"}
    pictures = media(path)
    for canvas in found:
        drawing = tree_drawing(canvas, report.t)
        assert fits(drawing, 453, 700)  # the demo's trees are readable on a portrait page
        assert pictures.count(to_png(drawing)) == 1, canvas.title
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    for canvas in found:
        for n in canvas.notes:
            assert n.text in text


def test_the_drawing_has_a_box_per_node_an_arrow_per_link_and_text_inside_its_box(report):
    canvas = trees(report)[0]
    drawing = tree_drawing(canvas, report.t)
    shapes = drawing.contents
    boxes = [s for s in shapes if isinstance(s, Rect)]
    assert len(boxes) == len(canvas.notes)
    assert len([s for s in shapes if isinstance(s, Polygon)]) == len(edges(canvas)) > 0
    # a long note (and a word longer than a box) wraps inside its box
    long = "Falta de coordinación entre instituciones " * 6 + "Interinstitucionalmente" * 3
    trunk = next(n for n in canvas.notes if canvas.levels.get(n.id, 0) == 0)
    canvas = replace(canvas, notes=[replace(n, text=long) if n is trunk else n for n in canvas.notes])
    drawing = tree_drawing(canvas, report.t)
    box = next(s for s in drawing.contents if isinstance(s, Rect) and s.strokeWidth == 1.2)
    inside = [s for s in drawing.contents if isinstance(s, String)
              and box.x <= s.x <= box.x + box.width and box.y <= s.y <= box.y + box.height]
    assert len(inside) > 6
    for s in inside:
        w = stringWidth(s.text, s.fontName, s.fontSize)
        assert w <= NODE_W - 2 * PAD + 0.01
        assert box.x <= s.x - w / 2 and s.x + w / 2 <= box.x + box.width
    assert "".join(s.text.replace(" ", "") for s in inside).startswith(long.replace(" ", ""))


def test_a_tree_too_wide_to_read_as_a_picture_keeps_only_its_outline(report):
    from exports.docx import _tree

    canvas = trees(report)[0]
    cause = next(n for n in canvas.notes if canvas.levels.get(n.id, 0) == -1)
    extra = [replace(cause, id=f"extra{k}", text=f"Causa suelta {k}") for k in range(12)]
    big = replace(canvas, notes=canvas.notes + extra, levels={**canvas.levels, **{n.id: -1 for n in extra}})
    assert not fits(tree_drawing(big, report.t), 453, 700)
    small, wide = Document(), Document()
    _tree(small, report, canvas)
    _tree(wide, report, big)
    assert len(small.inline_shapes) == 1
    assert len(wide.inline_shapes) == 0
    text = "\n".join(p.text for p in wide.paragraphs)
    assert all(n.text in text for n in big.notes)
