"""TreeScene and the projector view: items mirror the stored tree and follow its edits."""

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from canvases.tree.items import ArrowItem, NodeItem, TreeLook
from canvases.tree.projector_view import projector_view
from canvases.tree.scene import TreeScene
from canvases.tree.view import TreeView
from facilitator import tree
from facilitator.commands import DeleteRow
from facilitator.domain.templates import builtin_template
from qtshared.context import DocumentSignals, WorkshopContext
from facilitator.settings import Settings
from qtshared.undo import UndoAdapter
from facilitator.workshops import new_workshop


@pytest.fixture
def arbol(qapp, doc):
    macro = new_workshop(doc, builtin_template("arbol_problemas"), lang="es")
    doc.execute(macro)
    canvas = next(c for c in doc.canvases(macro.workshop_id) if c["kind"] == "problem_tree")
    signals = DocumentSignals(doc)
    yield doc, canvas["id"], signals, macro.workshop_id
    signals.detach()


def add(doc, cid, text, role, anchor=None):
    macro = tree.add_node(doc, cid, text, role, anchor_id=anchor)
    doc.execute(macro)
    return macro.note_id


def fill(doc, cid):
    ids = {"P": add(doc, cid, "Dificultades para la integración laboral de migrantes", "trunk")}
    ids["c1"] = add(doc, cid, "Falta de políticas inclusivas", "cause")
    ids["c2"] = add(doc, cid, "Escasez de formación técnica", "cause")
    ids["e1"] = add(doc, cid, "Precariedad económica", "effect")
    return ids


def same_places(found, expected):
    """Equal node positions, to float precision (pytest.approx does not compare dicts of tuples)."""
    return found.keys() == expected.keys() and all(found[k] == pytest.approx(expected[k]) for k in expected)


def positions(scene):
    return {i: (item.pos().x(), item.pos().y()) for i, item in scene.nodes.items()}


def test_items_match_the_stored_notes_and_links(arbol):
    doc, cid, signals, _wid = arbol
    ids = fill(doc, cid)
    scene = TreeScene(doc, cid, signals=signals)
    assert set(scene.nodes) == {r["id"] for r in doc.notes(cid)}
    assert set(scene.arrows) == {r["id"] for r in tree.arrows(doc, cid)}
    notes, links = doc.notes(cid), tree.arrows(doc, cid)
    expected = tree.layout(notes, links)
    assert same_places(positions(scene), expected)
    assert scene.levels == tree.levels(notes, links)
    assert {lv: band.title.text() for lv, band in scene.bands.items()} == {
        1: "Efectos", 0: "Problema central", -1: "Causas"}
    assert all(isinstance(i, NodeItem) for i in scene.nodes.values())
    # Each arrow runs from its source box towards its target box, head at the target.
    arrow = next(a for a in scene.arrows.values() if a.row["source_id"] == ids["c1"])
    head = arrow.path().pointAtPercent(1.0)
    assert scene.node_rect(ids["P"]).adjusted(-2, -2, 2, 2).contains(head)
    assert arrow.path().pointAtPercent(0.0).y() > head.y()  # from the cause below up to the trunk


def test_an_added_cause_relayouts_and_glides(arbol):
    doc, cid, signals, _wid = arbol
    ids = fill(doc, cid)
    scene = TreeScene(doc, cid, signals=signals)
    relaid = []
    scene.relaid_out.connect(lambda: relaid.append(1))
    new = add(doc, cid, "Desconocimiento de la normativa", "cause", ids["c1"])
    assert new in scene.nodes and len(scene.arrows) == 4 and relaid == [1]
    assert scene.levels[new] == -2
    scene.settle()
    expected = tree.layout(doc.notes(cid), tree.arrows(doc, cid))
    assert same_places(positions(scene), expected)
    # Text edits repaint one box: no new layout.
    doc.execute(tree.edit_text(doc, new, "Desconocimiento de la normativa migratoria"))
    assert relaid == [1]
    assert scene.nodes[new].row["text"] == "Desconocimiento de la normativa migratoria"
    doc.execute(tree.set_mark(doc, [new], "critical", True))
    assert scene.nodes[new].badges()[0][0] == "Crítica" and relaid == [1]


def test_moved_boxes_animate_towards_their_targets(arbol):
    doc, cid, signals, _wid = arbol
    ids = fill(doc, cid)
    scene = TreeScene(doc, cid, signals=signals)
    before = scene.nodes[ids["P"]].pos()
    add(doc, cid, "Otra causa directa", "cause")
    target = scene.targets[ids["P"]]
    assert target != before
    assert scene.nodes[ids["P"]].pos() == before  # still gliding
    scene.settle()
    assert scene.nodes[ids["P"]].pos() == target


def test_deletes_and_link_changes_follow(arbol):
    doc, cid, signals, _wid = arbol
    ids = fill(doc, cid)
    scene = TreeScene(doc, cid, signals=signals)
    link = tree.connect(doc, ids["c2"], ids["c1"])
    doc.execute(link)
    assert link.id in scene.arrows and scene.levels[ids["c2"]] == -2
    doc.execute(tree.reverse(doc, link.id))
    assert scene.arrows[link.id].row["source_id"] == ids["c1"] and scene.levels[ids["c1"]] == -2
    doc.execute(tree.delete_nodes(doc, [ids["c1"]]))
    assert ids["c1"] not in scene.nodes
    assert not [a for a in scene.arrows.values() if ids["c1"] in (a.row["source_id"], a.row["target_id"])]
    # A note of another canvas never shows here.
    board = next(c for c in doc.canvases(doc.canvas(cid)["workshop_id"]) if c["kind"] == "board")
    doc.store.insert("note", {"canvas_id": board["id"], "zone": "objetivos", "text": "otra"})
    assert len(scene.nodes) == 3


def test_the_canvas_going_away_closes_the_scene(arbol):
    doc, cid, signals, _wid = arbol
    fill(doc, cid)
    scene = TreeScene(doc, cid, signals=signals)
    closed = []
    scene.closed.connect(lambda: closed.append(1))
    doc.execute(DeleteRow("canvas", cid))
    assert closed == [1] and not scene.nodes and not scene.arrows


def test_painting_marks_scores_and_markup_like_text(arbol):
    doc, cid, signals, _wid = arbol
    ids = fill(doc, cid)
    doc.execute(tree.edit_text(doc, ids["c2"], "<b>x</b> " + "muy larga " * 30))
    doc.execute(tree.set_mark(doc, [ids["c1"]], "manageable", True))
    doc.execute(tree.set_score(doc, ids["c1"], "impact", 4))
    doc.execute(tree.set_score(doc, ids["c1"], "feasibility", 5))
    scene = TreeScene(doc, cid, signals=signals)
    assert scene.nodes[ids["c1"]].score_text() == "4×5 = 20"
    for item in scene.items():
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    image = QImage(1200, 900, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), scene.tree_rect())
    painter.end()
    lines = scene.nodes[ids["c2"]]._lines
    assert lines[0][1].startswith("<b>x</b>") and lines[-1][1].endswith("…")  # plain text, elided
    trunk_item = scene.nodes[ids["P"]]
    assert trunk_item._font_key in ("trunk", "trunk_small")


def test_projector_view_is_read_only_self_fitting_and_live(arbol, qtbot):
    doc, cid, signals, wid = arbol
    fill(doc, cid)
    ctx = WorkshopContext(doc, UndoAdapter(doc), signals, Settings(), wid)
    view = projector_view(ctx, doc.canvas(cid))
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    assert view.read_only and not view.isInteractive() and not view.tree_scene.look.editable
    rect = view.mapFromScene(view.tree_scene.tree_rect()).boundingRect()
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(rect)
    small = view.zoom
    for i in range(8):
        add(doc, cid, f"Causa de fondo {i}", "cause")
    view.tree_scene.settle()
    assert len(view.tree_scene.nodes) == 12
    assert view.zoom < small  # refitted to the bigger tree
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(
        view.mapFromScene(view.tree_scene.tree_rect()).boundingRect())
    assert view.ask_new("cause", None) is None and view.edit_node(next(iter(view.tree_scene.nodes))) is None


def test_arrow_items_hide_when_an_end_is_missing(arbol):
    doc, cid, signals, _wid = arbol
    ids = fill(doc, cid)
    scene = TreeScene(doc, cid, signals=signals)
    arrow = next(iter(scene.arrows.values()))
    assert isinstance(arrow, ArrowItem) and arrow.isVisible()
    scene._remove(scene.nodes, ids["P"])
    scene.relayout(animate=False)
    assert not any(a.isVisible() for a in scene.arrows.values() if ids["P"] in (a.row["source_id"],
                                                                              a.row["target_id"]))


def test_causes_before_effects_sit_in_their_own_bands(arbol):
    """The script's order: the trunk and its causes first, no effect yet. Each box sits in its level's band."""
    doc, cid, signals, _wid = arbol
    trunk = add(doc, cid, "Dificultades para la integración laboral de migrantes", "trunk")
    cause = add(doc, cid, "Falta de políticas inclusivas", "cause")
    scene = TreeScene(doc, cid, signals=signals)
    scene.settle()
    for note_id, level in ((trunk, 0), (cause, -1)):
        band = scene.bands[level].rect()
        box = scene.node_rect(note_id)
        assert band.top() <= box.top() and box.bottom() <= band.bottom(), (level, band, box)
    assert scene.bands[0].title.text() == "Problema central"


def paint_node(item: NodeItem) -> QImage:
    item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    box = item.box()
    image = QImage(int(box.width()), int(box.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("black"))
    painter = QPainter(image)
    item.paint(painter, QStyleOptionGraphicsItem())
    painter.end()
    return image


def test_a_narrow_box_puts_its_score_above_its_marks_not_over_them(arbol):
    doc, cid, signals, wid = arbol
    row = {"id": "n", "text": "Falta de políticas inclusivas", "marks": '["manageable"]', "impact": 3,
           "feasibility": 5}
    look = TreeLook(node_w=130.0, node_h=126.0)
    item = NodeItem(row, -1, look)
    image = paint_node(item)
    row_h = look.metrics["badge"].height() + 6.0
    fill = look.colours("cause")[0]
    # the bottom row's right end, where the score chip sat over the badge: the box's own colour now
    assert image.pixelColor(int(look.node_w - 14), int(look.node_h - row_h / 2 - 3)) == fill
    # the score chip (white) is one row up, at the right
    assert image.pixelColor(int(look.node_w - 14), int(look.node_h - row_h * 1.5 - 3)) == QColor("#FFFFFF")
    assert item._footer_width(item.badges(), item.score_text()) > 130.0 - 2 * 9.0  # side by side they overlap
    wide = NodeItem(row, -1, TreeLook())  # in the usual box both fit on one row
    assert wide._footer_width(wide.badges(), wide.score_text()) < 220.0 - 2 * 9.0


def test_a_tall_view_gets_narrower_taller_boxes_and_a_larger_zoom(arbol, qtbot):
    doc, cid, signals, wid = arbol
    fill(doc, cid)
    for i in range(3):
        add(doc, cid, f"Causa de fondo número {i}", "cause", anchor=None)
    scene = TreeScene(doc, cid, signals=signals)
    view = TreeView(scene, reshape=True)
    qtbot.addWidget(view)
    view.resize(700, 640)  # beside the side panel at 1366×768: as tall as wide
    view.show()
    qtbot.waitExposed(view)
    scene.settle()
    wide = TreeView(TreeScene(doc, cid, signals=signals))  # the same tree, boxes as they were
    qtbot.addWidget(wide)
    wide.resize(700, 640)
    wide.show()
    qtbot.waitExposed(wide)
    assert scene.look.node_w < 220 and scene.look.node_h > 90  # narrower, taller
    assert view.zoom > 1.15 * wide.zoom  # so larger type
    for note_id, item in scene.nodes.items():  # boxes and their items follow the new shape
        assert item.rect().width() == scene.look.node_w + 10.0
        assert scene.node_rect(note_id).width() == scene.look.node_w
    shown = view.mapFromScene(scene.sceneRect()).boundingRect()
    assert shown.width() <= view.viewport().width() and shown.height() <= view.viewport().height()  # all of it
    view.resize(1400, 500)  # a wide, low view: the boxes take their own shape again
    qtbot.waitUntil(lambda: scene.look.node_w == 220.0)
    signals.detach()
