"""The Árbol tab: keyboard building, arrows by drag and by keyboard, prioritisation, conversion, undo.

Accented letters are typed one character at a time with ``QTest.sendKeyEvent``
(``keyClicks`` aborts the process on them).
"""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from canvases.tree.items import ArrowItem, NodeItem
from facilitator import tree
from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.i18n import set_language
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.dialogs import Dialogs
from canvases.tree.tree_panel import TreePanel
from qtshared.undo import UndoAdapter
from facilitator.workshops import new_workshop


def type_text(widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def make_panel(qtbot, doc, wid):
    holder = QWidget()
    qtbot.addWidget(holder)
    signals = DocumentSignals(doc, holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), signals, Settings(), wid)
    panel = TreePanel(ctx, holder)
    holder.resize(1400, 900)
    panel.resize(1400, 900)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is holder)
    panel.activate()
    return panel, signals


@pytest.fixture
def panel(qtbot, doc, errors):
    macro = new_workshop(doc, builtin_template("arbol_problemas"), lang="es")
    doc.execute(macro)
    p, signals = make_panel(qtbot, doc, macro.workshop_id)
    yield p
    p.shutdown()
    signals.detach()


def notes(panel):
    return panel.doc.notes(panel.canvas_id)


def links(panel):
    return {(r["source_id"], r["target_id"]) for r in tree.arrows(panel.doc, panel.canvas_id)}


def by_text(panel, text):
    return next(r["id"] for r in notes(panel) if r["text"] == text)


def type_new(panel, key, text, modifier=Qt.KeyboardModifier.NoModifier):
    """Press ``key`` on the tree, type into the box that opens, Enter."""
    QTest.keyClick(panel.view, key, modifier)
    editor = panel.view.editor
    assert editor is not None and editor.hasFocus()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    panel.scene.settle()


def build(panel):
    """Trunk, two causes and an effect, by keyboard only."""
    panel.view.setFocus()
    type_new(panel, Qt.Key.Key_Return, "Dificultades para la integración laboral")
    trunk = by_text(panel, "Dificultades para la integración laboral")
    assert panel.selected_ids() == [trunk]
    type_new(panel, Qt.Key.Key_Tab, "Falta de señalética")
    cause = by_text(panel, "Falta de señalética")
    panel.view.select(trunk)
    type_new(panel, Qt.Key.Key_Insert, "Discriminación en selección")
    panel.view.select(trunk)
    type_new(panel, Qt.Key.Key_Backtab, "Precariedad económica", Qt.KeyboardModifier.ShiftModifier)
    return {"P": trunk, "c1": cause, "c2": by_text(panel, "Discriminación en selección"),
            "e1": by_text(panel, "Precariedad económica")}


def test_tab_is_registered():
    from facilitator.ui.workshop_tabs import tabs

    spec = next(t for t in tabs() if t.key == "tree")
    assert spec.kind == "problem_tree" and spec.load() is TreePanel


def test_a_workshop_without_tree_shows_a_clear_message(qtbot, diagnostic):
    doc, wid = diagnostic
    p, signals = make_panel(qtbot, doc, wid)
    assert p.stack.currentWidget() is p.empty and "no tiene un árbol" in p.empty.text()
    assert not p.cause_button.isEnabled() and p.view is None
    p.request_add("cause")  # nothing to add to: no error
    p.shutdown()
    signals.detach()


def test_keyboard_builds_the_tree_with_accents_and_links(panel):
    ids = build(panel)
    rows = {r["id"]: r for r in notes(panel)}
    assert rows[ids["P"]]["zone"] == "problema" and rows[ids["c1"]]["zone"] == "causas"
    assert rows[ids["e1"]]["zone"] == "efectos"
    assert links(panel) == {(ids["c1"], ids["P"]), (ids["c2"], ids["P"]), (ids["P"], ids["e1"])}
    # A cause of a cause: select it, Tab.
    panel.view.select(ids["c1"])
    type_new(panel, Qt.Key.Key_Tab, "Desinformación sobre trámites")
    deep = by_text(panel, "Desinformación sobre trámites")
    assert (deep, ids["c1"]) in links(panel) and panel.scene.levels[deep] == -2
    assert panel.scene.node_rect(deep).top() > panel.scene.node_rect(ids["c1"]).top()
    # Escape in the box adds nothing.
    QTest.keyClick(panel.view, Qt.Key.Key_Tab)
    type_text(panel.view.editor, "no")
    QTest.keyClick(panel.view.editor, Qt.Key.Key_Escape)
    assert len(notes(panel)) == 5


def test_enter_edits_in_place_and_undo_redo(panel):
    ids = build(panel)
    panel.view.select(ids["c1"])
    QTest.keyClick(panel.view, Qt.Key.Key_Return)
    editor = panel.view.editor
    editor.selectAll()
    type_text(editor, "Falta de políticas inclusivas ñ")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert panel.doc.store.get("note", ids["c1"])["text"] == "Falta de políticas inclusivas ñ"
    assert panel.selected_ids() == [ids["c1"]] and panel.node_text.text() == "Falta de políticas inclusivas ñ"
    stack = panel.ctx.undo.stack
    stack.undo()
    assert panel.doc.store.get("note", ids["c1"])["text"] == "Falta de señalética"
    assert panel.scene.nodes[ids["c1"]].row["text"] == "Falta de señalética"
    stack.redo()
    assert panel.scene.nodes[ids["c1"]].row["text"] == "Falta de políticas inclusivas ñ"


def test_delete_takes_the_node_and_its_arrows_in_one_undo_step(panel):
    ids = build(panel)
    panel.view.select(ids["P"])
    QTest.keyClick(panel.view, Qt.Key.Key_Delete)
    assert ids["P"] not in {r["id"] for r in notes(panel)}
    assert links(panel) == set() and not panel.scene.arrows
    panel.ctx.undo.stack.undo()
    assert links(panel) == {(ids["c1"], ids["P"]), (ids["c2"], ids["P"]), (ids["P"], ids["e1"])}
    assert len(panel.scene.arrows) == 3 and ids["P"] in panel.scene.nodes


def handle_point(panel, note_id):
    rect = panel.scene.node_rect(note_id)
    return panel.view.mapFromScene(rect.center().x(), rect.top() + 1)


def centre_point(panel, note_id):
    return panel.view.mapFromScene(panel.scene.node_rect(note_id).center())


def test_drag_from_the_handle_draws_an_arrow_and_a_cycle_is_refused(panel):
    ids = build(panel)
    viewport = panel.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, handle_point(panel, ids["c2"]))
    assert panel.view.drag_from == ids["c2"]
    QTest.mouseMove(viewport, centre_point(panel, ids["c1"]))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       centre_point(panel, ids["c1"]))
    assert (ids["c2"], ids["c1"]) in links(panel)
    panel.scene.settle()
    # The trunk leading back to a cause would close a loop: refused with a message, nothing stored.
    before = links(panel)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, handle_point(panel, ids["P"]))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       centre_point(panel, ids["c2"]))
    assert links(panel) == before
    assert panel.message.isVisible() and "ciclo" in panel.message.text()
    # Dropping on empty paper or the same box does nothing.
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, handle_point(panel, ids["e1"]))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(3, 3))
    assert links(panel) == before and panel.scene.items() and panel.view._rubber is None


def test_connect_by_keyboard_then_delete_and_reverse_arrows(panel):
    ids = build(panel)
    panel.view.select(ids["c2"])
    QTest.keyClick(panel.view, Qt.Key.Key_C)
    assert panel.view.picking == ids["c2"] and "Conectar" in panel.message.text()
    panel.view.select(ids["c1"])
    QTest.keyClick(panel.view, Qt.Key.Key_Return)
    assert (ids["c2"], ids["c1"]) in links(panel) and panel.view.picking is None
    assert not panel.message.isVisible()
    # Self-link: refused.
    assert not panel.connect_nodes(ids["c1"], ids["c1"])
    assert "consigo misma" in panel.message.text()
    # Select the new arrow and delete it with the keyboard.
    link_id = next(i for i, a in panel.scene.arrows.items() if a.row["source_id"] == ids["c2"]
                   and a.row["target_id"] == ids["c1"])
    panel.scene.select_ids([link_id])
    QTest.keyClick(panel.view, Qt.Key.Key_Delete)
    assert (ids["c2"], ids["c1"]) not in links(panel)
    panel.ctx.undo.stack.undo()
    assert (ids["c2"], ids["c1"]) in links(panel)
    # Reverse from the side panel's arrow list.
    panel.view.select(ids["c1"])
    texts = [panel.links_list.item(i).text() for i in range(panel.links_list.count())]
    assert any(t.startswith("Viene de: «Discriminación") for t in texts)
    row = next(i for i, t in enumerate(texts) if t.startswith("Viene de"))
    panel.links_list.setCurrentRow(row)
    panel.reverse_button.click()
    assert (ids["c1"], ids["c2"]) in links(panel) and (ids["c2"], ids["c1"]) not in links(panel)
    # Escape ends "connect with…" without an arrow.
    QTest.keyClick(panel.view, Qt.Key.Key_C)
    QTest.keyClick(panel.view, Qt.Key.Key_Escape)
    assert panel.view.picking is None


def test_context_menus(panel):
    ids = build(panel)
    arrow = next(a for a in panel.scene.arrows.values() if a.row["source_id"] == ids["c1"])
    menu = panel.build_menu(arrow)
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Invertir flecha"
    menu.actions()[0].trigger()
    assert (ids["P"], ids["c1"]) in links(panel)
    panel.view.select(ids["e1"])
    menu = panel.build_menu(panel.scene.nodes[ids["e1"]])
    labels = [a.text().split("\t")[0] for a in menu.actions()]
    assert "Más grave" in labels and "Más urgente" in labels and "Más crítica" not in labels
    next(a for a in menu.actions() if a.text() == "Más urgente").trigger()
    assert tree.note_marks(panel.doc.store.get("note", ids["e1"])) == ["urgent"]
    impact = next(a for a in menu.actions() if a.menu() is not None and a.text() == "Impacto").menu()
    next(a for a in impact.actions() if a.text() == "4").trigger()
    assert panel.doc.store.get("note", ids["e1"])["impact"] == 4
    assert any("Nuevo problema central" in a.text() for a in panel.build_menu(None).actions())


def test_side_panel_marks_scores_and_ranked_priorities(panel):
    ids = build(panel)
    panel.view.select(ids["c2"])
    boxes = [b for b in panel.mark_boxes if b.isVisible()]
    assert [b.text() for b in boxes] == ["Más crítica", "Más manejable"]
    boxes[0].click()
    assert tree.note_marks(panel.doc.store.get("note", ids["c2"])) == ["critical"]
    panel.view.select(ids["c1"])
    for field, value in (("impact", 5), ("feasibility", 4)):
        combo = panel.score_combos[field]
        combo.setCurrentIndex(combo.findData(value))
        combo.activated.emit(combo.currentIndex())
    assert tree.score(panel.doc.store.get("note", ids["c1"])) == 20
    assert panel.score_label.text() == "Puntaje: 5 × 4 = 20"
    causes = panel.priorities.topLevelItem(0)
    assert causes.text(0) == "Causas (2)"
    assert causes.child(0).text(0) == "20 — Falta de señalética"
    assert causes.child(1).text(0) == "Más crítica — Discriminación en selección"
    panel.priorities.itemClicked.emit(causes.child(1), 0)
    assert panel.selected_ids() == [ids["c2"]]
    panel.view.select(ids["P"])
    assert not any(b.isVisible() for b in panel.mark_boxes)
    assert not panel.score_combos["impact"].isEnabled()
    panel.ctx.undo.stack.undo()
    panel.ctx.undo.stack.undo()
    assert tree.score(panel.doc.store.get("note", ids["c1"])) is None


def test_markup_stays_plain_text(panel):
    build(panel)
    panel.view.select(by_text(panel, "Falta de señalética"))
    type_new(panel, Qt.Key.Key_Tab, "<b>x</b>")
    node = by_text(panel, "<b>x</b>")
    assert panel.selected_ids() == [node]
    assert panel.node_text.textFormat() == Qt.TextFormat.PlainText and panel.node_text.text() == "<b>x</b>"
    causes = panel.priorities.topLevelItem(0)
    assert "<b>x</b>" in [causes.child(i).text(0) for i in range(causes.childCount())]


def test_a_second_trunk_is_offered_as_a_cause(panel, monkeypatch):
    ids = build(panel)
    asked = []
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, text: asked.append(text) or True))
    next(a for a in panel.build_menu(None).actions() if "Nuevo problema central" in a.text()).trigger()
    type_text(panel.view.editor, "Otro problema")
    QTest.keyClick(panel.view.editor, Qt.Key.Key_Return)
    assert "ya tiene un problema central" in asked[0] and "¿Agregar «Otro problema» como causa?" in asked[0]
    other = by_text(panel, "Otro problema")
    assert (other, ids["P"]) in links(panel)
    assert [r for r in notes(panel) if r["zone"] == "problema"] == [panel.doc.store.get("note", ids["P"])]
    # The trunk button replaces the text of the one trunk.
    panel.trunk_button.click()
    assert panel.view.editor is not None and panel.view.editor.note_id == ids["P"]


def test_conversion_from_the_ui(panel, monkeypatch):
    build(panel)
    problem_id = panel.canvas_id
    assert panel.convert_button.isVisible() and not panel.canvas_combo.isVisible()
    panel.convert_button.click()
    new_id = panel.canvas_id
    assert new_id != problem_id and panel.scene.objectives
    assert panel.canvas_combo.isVisible() and panel.canvas_combo.count() == 2
    assert panel.canvas_combo.currentText() == "Árbol de objetivos"
    assert "borrador" in panel.message.text() and "4 ideas de 4" in panel.message.text()
    texts = {r["text"] for r in notes(panel)}
    assert {"Existencia de señalética", "Estabilidad económica", "Selección sin discriminación"} <= texts
    assert {b.title.text() for b in panel.scene.bands.values()} == {"Fines", "Objetivo central", "Medios"}
    assert not panel.convert_button.isVisible() and panel.origin_button.isVisible()
    assert panel.cause_button.text() == "+ Medio"
    assert "Tab: medio debajo · Mayús+Tab: fin encima" in panel.keys_help.text()
    assert "causa" not in panel.keys_help.text()
    # Converting again asks: open the existing one, or make another.
    panel.show_canvas(problem_id)
    assert "Tab: causa debajo · Mayús+Tab: efecto encima" in panel.keys_help.text()
    monkeypatch.setattr(panel, "ask_existing", lambda titles: "open")
    assert panel.convert() == new_id and panel.canvas_combo.count() == 2
    panel.show_canvas(problem_id)
    monkeypatch.setattr(panel, "ask_existing", lambda titles: "new")
    second = panel.convert()
    assert second not in (new_id, problem_id) and panel.canvas_combo.count() == 3
    monkeypatch.setattr(panel, "ask_existing", lambda titles: None)
    panel.show_canvas(problem_id)
    assert panel.convert() is None and panel.canvas_combo.count() == 3
    # One undo step removes a whole objective tree.
    panel.ctx.undo.stack.undo()
    assert panel.canvas_combo.count() == 2 and panel.doc.canvas(second) is None
    assert not panel.doc.store.query("SELECT id FROM note WHERE canvas_id = ?", (second,))


def test_read_only_file_offers_no_edits(qtbot, tmp_path):
    path = tmp_path / "solo.taller"
    doc = ProcessDocument.create(path, "Proceso")
    macro = new_workshop(doc, builtin_template("arbol_problemas"), lang="es")
    doc.execute(macro)
    cid = next(c for c in doc.canvases(macro.workshop_id) if c["kind"] == "problem_tree")["id"]
    doc.execute(tree.add_node(doc, cid, "Problema", "trunk"))
    doc.close()
    ro = ProcessDocument.open(path, readonly=True)
    p, signals = make_panel(qtbot, ro, macro.workshop_id)
    assert ro.readonly and p.view.read_only
    assert not p.cause_button.isEnabled() and not p.convert_button.isEnabled()
    p.view.select(next(iter(p.scene.nodes)))
    QTest.keyClick(p.view, Qt.Key.Key_Tab)
    assert p.view.editor is None
    assert not p.scene.look.editable and not any(b.isEnabled() for b in p.mark_boxes)
    assert isinstance(next(iter(p.scene.nodes.values())), NodeItem)
    assert not any(isinstance(i, ArrowItem) for i in p.scene.selectedItems())
    p.shutdown()
    signals.detach()
    ro.close()


def test_arrow_keys_walk_the_tree_and_alt_arrows_reorder_siblings(panel):
    ids = build(panel)
    panel.scene.clearSelection()
    QTest.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.selected_ids() == [ids["P"]]  # nothing selected: start at the trunk
    QTest.keyClick(panel.view, Qt.Key.Key_Up)
    assert panel.selected_ids() == [ids["e1"]]
    QTest.keyClick(panel.view, Qt.Key.Key_Down)
    QTest.keyClick(panel.view, Qt.Key.Key_Down)
    first = panel.selected_ids()[0]
    assert first in (ids["c1"], ids["c2"])
    QTest.keyClick(panel.view, Qt.Key.Key_Right if first == ids["c1"] else Qt.Key.Key_Left)
    assert panel.selected_ids() == [ids["c2"] if first == ids["c1"] else ids["c1"]]
    panel.view.select(ids["c1"])
    left_before = panel.scene.targets[ids["c1"]].x() < panel.scene.targets[ids["c2"]].x()
    QTest.keyClick(panel.view, Qt.Key.Key_Right if left_before else Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert (panel.scene.targets[ids["c1"]].x() < panel.scene.targets[ids["c2"]].x()) != left_before
    panel.ctx.undo.stack.undo()
    assert (panel.scene.targets[ids["c1"]].x() < panel.scene.targets[ids["c2"]].x()) == left_before


def test_tooltips_show_markup_as_typed(panel):
    build(panel)
    panel.view.select(by_text(panel, "Falta de señalética"))
    type_new(panel, Qt.Key.Key_Tab, "<b>x</b> & y")
    item = panel.scene.nodes[by_text(panel, "<b>x</b> & y")]
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in item.toolTip() and "<b>x" not in item.toolTip()


def test_objective_tree_key_help_in_english(panel):
    from canvases.tree.tree_panel import keys_help
    set_language("en")
    try:
        assert "Tab: means below · Shift+Tab: end above" in keys_help(True)
        assert "Tab: cause below · Shift+Tab: effect above" in keys_help(False)
    finally:
        set_language("es")


def test_project_shows_the_tree_in_its_own_window_live_and_esc_closes_it(panel, qtbot, flush_deletes):
    ids = build(panel)
    assert panel.project_button.isEnabled()
    panel.project_button.click()
    window = panel.projected
    assert window is not None and window.isWindow() and window.isVisible()
    assert set(window.scene().nodes) == set(ids.values())
    assert window.scene().look.editable is False
    panel.view.select(ids["P"])
    type_new(panel, Qt.Key.Key_Tab, "Falta de redes de apoyo")
    assert by_text(panel, "Falta de redes de apoyo") in window.scene().nodes  # follows the edit live
    again = panel.project()  # a second press replaces the first window
    flush_deletes()
    assert panel.projected is again and again is not window
    QTest.keyClick(again, Qt.Key.Key_Escape)
    flush_deletes()
    assert panel.projected is None


def test_project_is_off_without_a_tree(qtbot, diagnostic, errors):
    doc, wid = diagnostic
    p, signals = make_panel(qtbot, doc, wid)
    assert not p.project_button.isEnabled() and p.project() is None
    p.shutdown()
    signals.detach()
