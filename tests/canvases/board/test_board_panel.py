"""The Tablero tab: keyboard capture, switching, paste, votes, tags, themes, search, undo/redo.

Accented letters and emoji are typed one character at a time with
``QTest.sendKeyEvent`` (``keyClicks`` aborts the process on them).
"""

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from facilitator import board
from facilitator.commands import InsertRow
from facilitator.settings import Settings
from facilitator.store import FileProblem
from canvases.board.board_panel import BoardPanel
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.undo import UndoAdapter


def type_text(widget, text):
    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def enter(widget):
    QTest.keyClick(widget, Qt.Key.Key_Return)


@pytest.fixture
def panel(qtbot, diagnostic, errors):
    doc, wid = diagnostic
    for i in range(3):
        doc.execute(InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "position": i,
                                            "colour": ["#F6D55C", "#3CAEA3", "#ED553B"][i]}))
    holder = QWidget()
    qtbot.addWidget(holder)
    signals = DocumentSignals(doc, holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), signals, Settings(), wid)
    p = BoardPanel(ctx, holder)
    holder.resize(1400, 900)
    p.resize(1400, 900)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is holder)
    p.activate()
    yield p
    p.shutdown()
    signals.detach()


def groups(panel):
    return [g["id"] for g in panel.doc.groups(panel.ctx.workshop_id)]


def notes(panel):
    return panel.doc.notes(panel.canvas_id)


def test_tab_is_registered():
    from facilitator.ui.workshop_tabs import tabs

    keys = [t.key for t in tabs()]
    assert keys.index("board") > keys.index("agenda")
    assert tabs()[keys.index("board")].load() is BoardPanel


def test_typed_notes_land_in_current_cell_verbatim_and_undo(panel):
    assert panel.capture.hasFocus()
    assert panel.group_id == groups(panel)[0] and panel.zone == "desafios"
    assert panel.scene.current == ("desafios", groups(panel)[0])
    typed = "¿Niñas sin matrícula? ¡Sí! Ñandú 🙂 <b>no</b> '; DROP TABLE note;--\nsegunda línea"
    type_text(panel.capture, typed)
    enter(panel.capture)
    (row,) = notes(panel)
    assert row["text"] == typed
    assert (row["zone"], row["group_id"]) == ("desafios", groups(panel)[0])
    assert row["block_id"] == next(b["id"] for b in panel.doc.blocks(panel.ctx.workshop_id)
                                   if b["key"] == "identificar_desafios")
    assert panel.capture.text() == "" and panel.capture.hasFocus()
    assert row["id"] in panel.scene.notes
    for i in range(3):
        type_text(panel.capture, f"nota {i}")
        enter(panel.capture)
    assert len(notes(panel)) == 4 and panel.ctx.undo.stack.count() == 4
    panel.ctx.undo.stack.undo()
    assert len(notes(panel)) == 3 and len(panel.scene.notes) == 3
    panel.ctx.undo.stack.redo()
    assert [r["text"] for r in notes(panel)][-1] == "nota 2"
    enter(panel.capture)  # nothing typed: nothing added
    type_text(panel.capture, "   ")
    enter(panel.capture)
    assert len(notes(panel)) == 4


def test_shortcuts_switch_group_and_zone_without_leaving_the_field(panel):
    g = groups(panel)
    QTest.keyClick(panel.capture, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(panel.capture, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert (panel.group_id, panel.zone) == (g[1], "fortalezas_oportunidades")
    assert panel.groups_bar.buttons[1].isChecked() and panel.zones_bar.buttons[1].isChecked()
    type_text(panel.capture, "oportunidad del grupo 2")
    enter(panel.capture)
    QTest.keyClick(panel.capture, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert panel.group_id == g[2]
    QTest.keyClick(panel.capture, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert panel.group_id is None  # "Sin grupo", the last lane
    QTest.keyClick(panel.capture, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(panel.capture, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert (panel.group_id, panel.zone) == (g[2], "desafios")
    QTest.keyClick(panel.capture, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    type_text(panel.capture, "sin grupo")
    enter(panel.capture)
    rows = {r["text"]: r for r in notes(panel)}
    assert (rows["oportunidad del grupo 2"]["group_id"], rows["oportunidad del grupo 2"]["zone"]) == (
        g[1], "fortalezas_oportunidades")
    assert (rows["sin grupo"]["group_id"], rows["sin grupo"]["zone"]) == (None, "desafios")
    assert panel.capture.hasFocus()
    assert "Ctrl+1" in panel.groups_bar.buttons[0].text() and "Alt+2" in panel.zones_bar.buttons[1].text()


def test_paste_of_several_lines_is_several_notes_in_one_undo_step(panel):
    QApplication.clipboard().setText("Primera idea\r\n\r\nSegunda ¿idea?\n  Tercera  \n")
    panel.capture.paste()
    assert [r["text"] for r in notes(panel)] == ["Primera idea", "Segunda ¿idea?", "Tercera"]
    assert panel.ctx.undo.stack.count() == 1 and panel.capture.text() == ""
    panel.ctx.undo.stack.undo()
    assert notes(panel) == []
    QApplication.clipboard().setText("una sola línea")
    panel.capture.paste()
    assert panel.capture.text() == "una sola línea" and notes(panel) == []


def test_undo_shortcut_reaches_the_window_when_field_is_empty(panel):
    type_text(panel.capture, "x")
    override = panel.capture.event  # the field claims Ctrl+Z only while there is typing to undo
    ev = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, "")
    override(ev)
    assert ev.isAccepted()
    enter(panel.capture)
    ev = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, "")
    override(ev)
    assert not ev.isAccepted()


def test_refused_edit_keeps_the_typed_text(panel, errors, monkeypatch):
    def full(command):
        raise FileProblem(FileProblem.DISK_FULL, str(panel.doc.path))

    monkeypatch.setattr(panel.doc, "execute", full)
    type_text(panel.capture, "no se pierde")
    enter(panel.capture)
    assert panel.capture.text() == "no se pierde" and errors
    monkeypatch.undo()
    enter(panel.capture)
    assert [r["text"] for r in notes(panel)] == ["no se pierde"]


def test_votes_by_keys_and_inspector(panel):
    panel.add_lines(["a", "b"])
    a, b = [r["id"] for r in notes(panel)]
    panel.scene.select_ids([a, b])
    panel.view.setFocus()
    QTest.keyClicks(panel.view, "++")
    assert [r["votes"] for r in notes(panel)] == [2, 2]
    QTest.keyClicks(panel.view, "-")
    assert [r["votes"] for r in notes(panel)] == [1, 1]
    panel.scene.select_ids([a])
    QTest.keyClicks(panel.view, "7")
    assert panel.doc.store.get("note", a)["votes"] == 7
    assert panel.inspector.votes.value() == 7
    panel.inspector.minus.click()
    assert panel.doc.store.get("note", a)["votes"] == 6
    panel.inspector.votes.setValue(0)
    panel.inspector.minus.click()  # never below zero
    assert panel.doc.store.get("note", a)["votes"] == 0
    panel.scene.select_ids([a, b])
    assert panel.inspector.votes.text() == "—"  # different counts
    panel.ctx.undo.stack.undo()
    assert panel.doc.store.get("note", a)["votes"] == 6


def test_tags_from_inspector_checkboxes(panel):
    panel.add_lines(["a", "b"])
    a, b = [r["id"] for r in notes(panel)]
    panel.scene.select_ids([a])
    panel.inspector.tag_boxes["salud"].click()
    panel.inspector.tag_boxes["corto_plazo"].click()
    assert board.note_tags(panel.doc.store.get("note", a)) == ["salud", "corto_plazo"]
    panel.scene.select_ids([a, b])
    box = panel.inspector.tag_boxes["salud"]
    assert box.checkState() == Qt.CheckState.PartiallyChecked
    box.click()  # mixed → on for all
    assert all("salud" in board.note_tags(r) for r in notes(panel))
    box.click()
    assert all("salud" not in board.note_tags(r) for r in notes(panel))
    panel.ctx.undo.stack.undo()
    assert all("salud" in board.note_tags(r) for r in notes(panel))
    assert panel.scene.notes[a].tags == ["salud", "corto_plazo"]  # the item shows what the file holds


def test_group_notes_across_groups_into_a_theme(panel):
    g = groups(panel)
    ids = []
    for i, gid in enumerate(g):
        panel.set_group(gid)
        panel.add_lines([f"documentos {i}", f"otra {i}"])
    rows = notes(panel)
    ids = [r["id"] for r in rows if r["text"].startswith("documentos")]
    panel.scene.select_ids(ids)
    inspector = panel.inspector
    type_text(inspector.theme_name, "Regularización y documentación")
    inspector.group_button.click()
    (theme,) = board.themes(panel.doc, panel.canvas_id)
    assert theme["name"] == "Regularización y documentación"
    assert {panel.doc.store.get("note", i)["theme_id"] for i in ids} == {theme["id"]}
    assert inspector.theme_list.count() == 1 and "3 notas" in inspector.theme_list.item(0).text()
    assert panel.scene.look.themes[theme["id"]][0] == theme["name"]
    inspector.theme_list.setCurrentRow(0)
    inspector.show_button.click()
    assert panel.scene.matches == 3 and set(panel.scene.matching_ids()) == set(ids)
    type_text(inspector.theme_name, "Documentos")
    inspector.rename_button.click()
    assert board.themes(panel.doc, panel.canvas_id)[0]["name"] == "Documentos"
    assert panel.filter_bar.theme.currentText() == "Documentos"
    inspector.theme_list.setCurrentRow(0)
    inspector.remove_button.click()
    assert board.themes(panel.doc, panel.canvas_id) == []
    panel.ctx.undo.stack.undo()
    assert {panel.doc.store.get("note", i)["theme_id"] for i in ids} == {theme["id"]}
    inspector.group_button.click()  # no name: a message, no theme
    assert len(board.themes(panel.doc, panel.canvas_id)) == 1 and "nombre" in panel.hint.text()


def test_inspector_typing_is_one_undo_step(panel):
    panel.add_lines(["texto"])
    (a,) = [r["id"] for r in notes(panel)]
    panel.scene.select_ids([a])
    edit = panel.inspector.text
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    before = panel.ctx.undo.stack.count()
    type_text(edit, " más ñ")
    assert panel.doc.store.get("note", a)["text"] == "texto más ñ"
    assert panel.ctx.undo.stack.count() == before + 1
    panel.ctx.undo.stack.undo()
    assert panel.doc.store.get("note", a)["text"] == "texto"
    assert panel.inspector.text.toPlainText() == "texto"


def test_duplicate_hint_is_plain_text(panel, qtbot):
    panel.add_lines(["<b>Falta</b> de información sobre trámites"])
    type_text(panel.capture, "falta de informacion sobre tramites")
    qtbot.waitUntil(lambda: panel.hint.text() != "")
    assert "<b>Falta</b> de información sobre trámites" in panel.hint.text()
    assert panel.hint.textFormat() == Qt.TextFormat.PlainText
    enter(panel.capture)
    assert panel.hint.text() == ""


def test_search_and_filters(panel):
    g = groups(panel)
    panel.add_lines(["Salud mental", "Vivienda"])
    panel.set_group(g[1])
    panel.add_lines(["Salud de niños"])
    type_text(panel.filter_bar.search, "SALUD")
    panel.filter_bar.apply()
    assert panel.scene.matches == 2 and panel.filter_bar.count.text() == "2 de 3"
    panel.filter_bar.group.setCurrentIndex(panel.filter_bar.group.findData(g[1]))
    panel.filter_bar.apply()
    assert panel.scene.matches == 1
    panel.filter_bar.hide.setChecked(True)
    hidden = [i for i in panel.scene.notes.values() if not i.isVisible()]
    assert len(hidden) == 2
    panel.filter_bar.search.clear()
    panel.filter_bar.group.setCurrentIndex(0)
    panel.filter_bar.tag.setCurrentIndex(panel.filter_bar.tag.findData("salud"))
    panel.filter_bar.apply()
    assert panel.scene.matches == 0


def test_delete_edit_in_place_and_tidy(panel):
    panel.add_lines(["uno", "dos", "tres"])
    ids = [r["id"] for r in notes(panel)]
    panel.scene.select_ids(ids[:2])
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Delete)
    assert [r["text"] for r in notes(panel)] == ["tres"]
    panel.ctx.undo.stack.undo()
    assert len(notes(panel)) == 3
    editor = panel.view.edit_note(ids[2])
    editor.selectAll()
    type_text(editor, "tres editada")
    enter(editor)
    assert panel.doc.store.get("note", ids[2])["text"] == "tres editada"
    panel.doc.execute(board.move_notes(panel.doc, [board.Move(ids[0], "desafios", panel.group_id, 700.0, 300.0)]))
    panel.tidy_button.click()
    assert sorted((r["x"], r["y"]) for r in notes(panel)) == sorted(
        [(12.0, 12.0), (184.0, 12.0), (356.0, 12.0)])


def test_chooser_appears_with_two_boards_and_read_only_disables_capture(qtbot, panel):
    assert not panel.canvas_combo.isVisible()
    other = InsertRow("canvas", {"workshop_id": panel.ctx.workshop_id, "kind": "board", "title": "Segundo",
                                 "zones": '[{"key": "ideas", "label": "Ideas"}]', "position": 5})
    panel.ctx.undo.run(other)
    assert panel.canvas_combo.count() == 2 and panel.canvas_combo.isVisible()
    panel.show_canvas(other.id)
    assert panel.scene.zone_keys == ["ideas"] and panel.zone == "ideas"
    type_text(panel.capture, "en el segundo")
    enter(panel.capture)
    assert [r["text"] for r in panel.doc.notes(other.id)] == ["en el segundo"]
    panel.ctx.undo.stack.undo()
    panel.ctx.undo.stack.undo()  # the canvas itself goes: back to the first board
    qtbot.waitUntil(lambda: panel.canvas_id != other.id)
    assert panel.scene is not None and panel.scene.zone_keys[0] == "desafios"


def test_read_only_file_shows_but_does_not_capture(qtbot, diagnostic, tmp_path):
    from facilitator.document import ProcessDocument

    doc, wid = diagnostic
    path = doc.path
    doc.execute(board.add_notes(doc, doc.canvases(wid)[0]["id"], "desafios", None, ["guardada"]))
    ro = ProcessDocument.open(path, readonly=True)
    holder = QWidget()
    qtbot.addWidget(holder)
    ctx = WorkshopContext(ro, UndoAdapter(ro, holder), DocumentSignals(ro, holder), Settings(), wid)
    p = BoardPanel(ctx, holder)
    assert not p.capture.isEnabled() and p.view.read_only
    assert [i.row["text"] for i in p.scene.notes.values()] == ["guardada"]
    assert p.add_lines(["no"]) is False
    ro.close()


def test_drag_between_groups_from_the_panel_is_one_undo_step(panel):
    g = groups(panel)
    panel.add_lines(["mover"])
    (a,) = [r["id"] for r in notes(panel)]
    scene, view = panel.scene, panel.view
    target = scene.cell_rect(("fortalezas_oportunidades", g[2])).topLeft() + QPointF(100, 60)
    scene.select_ids([a])
    start = view.mapFromScene(scene.notes[a].sceneBoundingRect().center())
    view.ensureVisible(scene.cell_rect(("fortalezas_oportunidades", g[2])))
    start = view.mapFromScene(scene.notes[a].sceneBoundingRect().center())
    end = view.mapFromScene(target)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(view.viewport(), (start + end) / 2)
    QTest.mouseMove(view.viewport(), end)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    row = panel.doc.store.get("note", a)
    assert (row["zone"], row["group_id"]) == ("fortalezas_oportunidades", g[2])
    panel.ctx.undo.stack.undo()
    row = panel.doc.store.get("note", a)
    assert (row["zone"], row["group_id"]) == ("desafios", g[0])


def test_focus_block_picks_the_blocks_zone(panel):
    blocks = {b["key"]: b["id"] for b in panel.doc.blocks(panel.ctx.workshop_id)}
    assert panel.focus_block(blocks["identificar_fortalezas_oportunidades"])
    assert panel.zone == "fortalezas_oportunidades" and panel.capture.hasFocus()
    assert panel.focus_block(blocks["identificar_desafios"]) and panel.zone == "desafios"
    assert not panel.focus_block(blocks["presentacion"])  # no board in that block
    type_text(panel.capture, "durante el bloque")
    enter(panel.capture)
    assert notes(panel)[0]["block_id"] == blocks["identificar_desafios"]
    assert panel.focus_block(blocks["plenario_desafios"])
    type_text(panel.capture, "en el plenario")
    enter(panel.capture)
    assert notes(panel)[1]["block_id"] == blocks["plenario_desafios"]


def test_typed_note_never_lands_on_a_phone_note_the_board_has_not_heard_of_yet(panel):
    """The capture server writes on a connection of its own; the board hears of it a moment later.

    The board takes the next free slot from what it mirrors (no query per Enter). A note a phone
    committed in between must still count: the typed note goes beside it, not on top of it.
    """
    from facilitator.document import ProcessDocument

    doc, gid = panel.doc, groups(panel)[0]
    for text in ("uno", "dos"):
        type_text(panel.capture, text)
        enter(panel.capture)
    phone = ProcessDocument.open(doc.path)  # what CaptureServer._begin does
    assert not phone.readonly
    heard = []
    phone.subscribe(heard.extend)  # the bridge's relay, delivered later (a queued signal)
    try:
        phone.execute(board.add_notes(phone, panel.canvas_id, panel.zone, gid, ["desde el teléfono"]))
        type_text(panel.capture, "tres")
        enter(panel.capture)
        panel.ctx.signals.changed.emit(list(heard))  # now the relay arrives
        heard.clear()
        type_text(panel.capture, "cuatro")
        enter(panel.capture)
        phone.execute(board.delete_notes(phone, [r["id"] for r in notes(panel) if r["text"] == "uno"]))
        type_text(panel.capture, "cinco")  # takes the slot the phone freed, heard of or not
        enter(panel.capture)
    finally:
        phone.close()
    rows = notes(panel)
    assert sorted(r["text"] for r in rows) == ["cinco", "cuatro", "desde el teléfono", "dos", "tres"]
    spots = [(r["x"], r["y"]) for r in rows]
    assert len(set(spots)) == len(spots), rows  # no note on top of another
    assert len({r["position"] for r in rows}) == len(rows)
    assert (next(r for r in rows if r["text"] == "cinco")["x"], next(r for r in rows if r["text"] == "cinco")["y"]) \
        == board.layout.slot(0)


def test_switching_cell_while_the_file_cannot_be_read_still_switches(panel, monkeypatch):
    """Switching shows where the next note lands, read from the file; a file gone missing must not break the switch."""
    def unreadable():
        raise FileProblem(FileProblem.IO, str(panel.doc.path))

    monkeypatch.setattr(panel.doc.store, "data_version", unreadable)
    QTest.keyClick(panel.capture, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert panel.zone == "fortalezas_oportunidades"
    assert panel.scene.current == ("fortalezas_oportunidades", groups(panel)[0])
