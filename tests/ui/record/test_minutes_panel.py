"""The recorder's pane: typing minutes with block stamps, kinds, editing, reordering, undo."""

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from facilitator import record as R
from facilitator.commands import InsertRow
from facilitator.session.runlog import RunLog, plan_of
from facilitator.session.runner import Runner
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from facilitator.ui.record.minutes_model import BLOCK, KIND, SPEAKER, TEXT, TIME
from facilitator.ui.record.minutes_panel import MinutesPanel
from qtshared.undo import UndoAdapter
from facilitator.ui.workshop_tabs import tabs

TZ = timezone(timedelta(hours=-3))
CTRL = Qt.KeyboardModifier.ControlModifier


class FakeClock:
    def __init__(self) -> None:
        self.t = 0.0

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return datetime(2026, 3, 4, 10, 0, tzinfo=TZ) + timedelta(seconds=self.t)


def type_text(widget, text: str) -> None:
    """Type per character: keyClicks aborts on lowercase accented letters."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def make_ctx(doc, wid, qtbot) -> WorkshopContext:
    holder = QWidget()
    qtbot.addWidget(holder)
    return WorkshopContext(doc, UndoAdapter(doc, holder), DocumentSignals(doc, holder), Settings(), wid)


@pytest.fixture
def setup(diagnostic, qtbot, errors):
    doc, wid = diagnostic
    clock = FakeClock()
    ctx = make_ctx(doc, wid, qtbot)
    pane = MinutesPanel(ctx, clock=clock)
    qtbot.addWidget(pane)
    pane.resize(1100, 600)
    pane.show()
    qtbot.waitExposed(pane)
    pane.activateWindow()
    runner = Runner(plan_of(doc.store, wid), clock, sink=RunLog(doc.store, wid).write)
    return ctx, pane, clock, runner


def add(pane, qtbot, text: str) -> dict:
    type_text(pane.capture, text)
    qtbot.keyClick(pane.capture, Qt.Key.Key_Return)
    return pane.model.rows[-1]


def test_the_tabs_are_registered():
    keys = [t.key for t in tabs()]
    assert keys[-3:] == ["minutes", "commitments", "photos"]
    assert tabs()[-3].load() is MinutesPanel


def test_typing_accented_minutes_stamps_the_running_block_live(setup, qtbot):
    ctx, pane, clock, runner = setup
    blocks = ctx.doc.blocks(ctx.workshop_id)
    runner.start()
    assert pane.running_label.text() == f"En curso: {blocks[0]['title']}"
    clock.t = 95
    text = "Señalética en creole y español: ¿quién la financia? Ñuñoa, acción, güira"
    row = add(pane, qtbot, text)
    assert row["text"] == text
    assert row["block_id"] == blocks[0]["id"]
    assert row["at"] == "2026-03-04T10:01:35-03:00"
    assert pane.capture.text() == ""
    assert pane.model.index(0, TIME).data() == "10:01"
    assert pane.model.index(0, BLOCK).data() == blocks[0]["title"]

    clock.t = 700
    runner.next()  # the facilitator moves on: the pane follows through the change signal
    assert pane.running_label.text() == f"En curso: {blocks[1]['title']}"
    assert add(pane, qtbot, "Segunda idea")["block_id"] == blocks[1]["id"]
    runner.end()
    assert "Sin bloque en curso" in pane.running_label.text()
    assert add(pane, qtbot, "Después del cierre")["block_id"] is None
    assert [r["text"] for r in R.entries(ctx.doc.store, ctx.workshop_id)] == [text, "Segunda idea",
                                                                                "Después del cierre"]


def test_a_block_chosen_by_hand_overrides_the_runner(setup, qtbot):
    ctx, pane, clock, runner = setup
    blocks = ctx.doc.blocks(ctx.workshop_id)
    runner.start()
    pane.block_combo.setCurrentIndex(pane.block_combo.findData(blocks[4]["id"]))
    assert add(pane, qtbot, "En el plenario")["block_id"] == blocks[4]["id"]
    pane.block_combo.setCurrentIndex(pane.block_combo.findData(""))
    assert add(pane, qtbot, "Sin bloque")["block_id"] is None


def test_presenting_group_fills_the_speaker_and_a_new_block_clears_it(setup, qtbot):
    ctx, pane, clock, runner = setup
    wid = ctx.workshop_id
    g1 = InsertRow("workgroup", {"workshop_id": wid, "name": "Grupo 1", "colour": "#F6D55C"})
    g2 = InsertRow("workgroup", {"workshop_id": wid, "name": "Grupo 2", "colour": "#3CAEA3"})
    ctx.undo.run(g1)
    ctx.undo.run(g2)
    runner.start()
    pane.set_group(g1.id)
    assert pane.speaker.text() == "Grupo 1"
    row = add(pane, qtbot, "Documentos")
    assert (row["group_id"], row["speaker"]) == (g1.id, "Grupo 1")
    pane.set_group(g2.id)
    assert pane.speaker.text() == "Grupo 2"
    pane.speaker.setText("Servicios públicos")  # someone from the floor: kept when the group changes
    pane.set_group(g1.id)
    assert pane.speaker.text() == "Servicios públicos"
    pane.speaker.setText("Grupo 1")
    runner.next()
    assert pane.stamp_group() is None and pane.speaker.text() == ""
    assert pane.model.index(0, SPEAKER).data(Qt.ItemDataRole.DecorationRole).name().upper() == "#F6D55C"


def test_kind_shortcuts_set_the_next_entry_and_retype_selected_ones(setup, qtbot):
    ctx, pane, clock, runner = setup
    pane.capture.setFocus()
    qtbot.keyClick(pane.capture, Qt.Key.Key_4, CTRL)
    assert pane.kind == "compromiso"
    assert pane.kind_buttons.checkedButton().property("kind") == "compromiso"
    assert "Ctrl+4" in pane.kind_buttons.checkedButton().text()
    assert add(pane, qtbot, "Enviar el resumen")["kind"] == "compromiso"
    qtbot.keyClick(pane.capture, Qt.Key.Key_5, CTRL)
    add(pane, qtbot, "¿Quién financia?")
    qtbot.keyClick(pane.capture, Qt.Key.Key_1, CTRL)
    add(pane, qtbot, "Idea")
    assert [r["kind"] for r in pane.model.rows] == ["compromiso", "pregunta", "idea_clave"]

    pane.table.setFocus()
    pane.table.selectRow(0)
    pane.table.selectionModel().select(pane.model.index(2, 0), pane.table.selectionModel().SelectionFlag.Select
                                       | pane.table.selectionModel().SelectionFlag.Rows)
    qtbot.keyClick(pane.table, Qt.Key.Key_3, CTRL)
    assert [r["kind"] for r in pane.model.rows] == ["acuerdo", "pregunta", "acuerdo"]
    assert pane.kind == "idea_clave"  # the capture's kind did not change
    ctx.undo.stack.undo()  # one step for both
    assert [r["kind"] for r in pane.model.rows] == ["compromiso", "pregunta", "idea_clave"]


def test_ctrl_z_in_the_capture_line_takes_back_the_last_entry(setup, qtbot):
    ctx, pane, clock, runner = setup
    add(pane, qtbot, "Primera")
    add(pane, qtbot, "Segunda")
    pane.capture.setFocus()
    qtbot.keyClick(pane.capture, Qt.Key.Key_Z, CTRL)
    assert [r["text"] for r in pane.model.rows] == ["Primera"]
    qtbot.keyClick(pane.capture, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert [r["text"] for r in pane.model.rows] == ["Primera", "Segunda"]
    type_text(pane.capture, "abc")  # with text typed, Ctrl+Z undoes the typing first
    qtbot.keyClick(pane.capture, Qt.Key.Key_Z, CTRL)
    assert pane.capture.text() == ""
    assert len(pane.model.rows) == 2


def test_edit_in_place_and_undo(setup, qtbot):
    ctx, pane, clock, runner = setup
    add(pane, qtbot, "Texto con error")
    blocks = ctx.doc.blocks(ctx.workshop_id)
    assert pane.model.setData(pane.model.index(0, TEXT), "Texto corregido, acentuado: canción")
    assert pane.model.setData(pane.model.index(0, KIND), "acuerdo")
    assert pane.model.setData(pane.model.index(0, SPEAKER), "Plenario")
    assert pane.model.setData(pane.model.index(0, BLOCK), blocks[2]["id"])
    row = ctx.doc.store.get("minutes_entry", pane.model.rows[0]["id"])
    assert (row["text"], row["kind"], row["speaker"], row["block_id"]) == (
        "Texto corregido, acentuado: canción", "acuerdo", "Plenario", blocks[2]["id"])
    assert not pane.model.setData(pane.model.index(0, TEXT), "   ")
    assert "no puede quedar vacía" in pane.hint.text()
    assert not pane.model.flags(pane.model.index(0, TIME)) & Qt.ItemFlag.ItemIsEditable
    for _ in range(4):
        ctx.undo.stack.undo()
    assert pane.model.index(0, TEXT).data() == "Texto con error"
    assert pane.model.index(0, KIND).data() == "Idea clave"


def test_edit_text_with_the_keyboard_in_the_list(setup, qtbot):
    ctx, pane, clock, runner = setup
    add(pane, qtbot, "Original")
    pane.table.setFocus()
    pane.table.setCurrentIndex(pane.model.index(0, TEXT))
    qtbot.keyClick(pane.table, Qt.Key.Key_F2)
    editor = pane.table.focusWidget()
    editor.selectAll()
    type_text(editor, "Versión editada")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: ctx.doc.store.get("minutes_entry", pane.model.rows[0]["id"])["text"]
                    == "Versión editada")


def test_reorder_with_ctrl_arrows_and_delete_with_the_delete_key(setup, qtbot):
    ctx, pane, clock, runner = setup
    for t in ("a", "b", "c"):
        add(pane, qtbot, t)
    pane.table.setFocus()
    pane.select_entry(pane.model.rows[2]["id"])
    qtbot.keyClick(pane.table, Qt.Key.Key_Up, CTRL)
    assert [r["text"] for r in pane.model.rows] == ["a", "c", "b"]
    assert pane.selected_ids() == [pane.model.rows[1]["id"]]  # the moved entry stays selected
    qtbot.keyClick(pane.table, Qt.Key.Key_Up, CTRL)
    assert [r["text"] for r in pane.model.rows] == ["c", "a", "b"]
    qtbot.keyClick(pane.table, Qt.Key.Key_Down, CTRL)
    assert [r["text"] for r in pane.model.rows] == ["a", "c", "b"]
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    assert [r["text"] for r in pane.model.rows] == ["a", "b"]
    ctx.undo.stack.undo()
    assert [r["text"] for r in pane.model.rows] == ["a", "c", "b"]


def test_speaker_completion_offers_groups_and_sectors_not_names(setup, qtbot):
    ctx, pane, clock, runner = setup
    pid = ctx.doc.process["id"]
    ctx.undo.run(InsertRow("workgroup", {"workshop_id": ctx.workshop_id, "name": "Grupo Norte"}))
    ctx.undo.run(InsertRow("participant", {"process_id": pid, "name": "Marisol Quispe", "sector": "Educación"}))
    offered = pane._speakers.stringList()
    assert "Grupo Norte" in offered and "Educación" in offered and "Fundaciones y sociedad civil" in offered
    assert "Marisol Quispe" not in offered
    completer = pane.speaker.completer()
    completer.setCompletionPrefix("socied")
    assert completer.currentCompletion() == "Fundaciones y sociedad civil"


def test_promote_an_entry_to_a_commitment(setup, qtbot):
    ctx, pane, clock, runner = setup
    add(pane, qtbot, "La OMIL organiza la feria laboral en mayo")
    pane.select_entry(pane.model.rows[0]["id"])
    commitment_id = pane.promote_selected()
    row = ctx.doc.store.get("commitment", commitment_id)
    assert row["what"] == "La OMIL organiza la feria laboral en mayo"
    assert pane.model.index(0, KIND).data() == "Compromiso ✓"
    assert pane.promote_selected() is None
    assert "ya tiene su ficha" in pane.hint.text()


def test_entries_added_elsewhere_appear_and_keep_the_selection(setup, qtbot):
    ctx, pane, clock, runner = setup
    add(pane, qtbot, "uno")
    pane.select_entry(pane.model.rows[0]["id"])
    with qtbot.waitSignal(pane.model.rowsInserted):
        ctx.undo.run(R.add_entry(ctx.doc, ctx.workshop_id, "desde otra vista", clock=clock))
    assert [r["text"] for r in pane.model.rows] == ["uno", "desde otra vista"]
    assert pane.selected_ids() == [pane.model.rows[0]["id"]]


def test_model_is_a_correct_qt_model(setup, qtbot, qtmodeltester):
    ctx, pane, clock, runner = setup
    for t in ("a", "b"):
        add(pane, qtbot, t)
    qtmodeltester.check(pane.model, force_py=True)


def test_read_only_file_cannot_be_typed_into(tmp_path, qtbot, errors):
    from facilitator.document import ProcessDocument
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    path = tmp_path / "solo.taller"
    doc = ProcessDocument.create(path, "P")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    doc.close()
    ro = ProcessDocument.open(path, readonly=True)
    try:
        pane = MinutesPanel(make_ctx(ro, macro.workshop_id, qtbot))
        qtbot.addWidget(pane)
        assert not pane.capture.isEnabled()
        pane.capture.setText("x")
        assert pane.add_from_capture() is None
        pane.shutdown()
    finally:
        ro.close()


def test_projecting_shows_the_block_entries_live_and_as_plain_text(ctx, qtbot):
    """The room sees the plenary's minutes on the projector, updated as the recorder types."""
    from facilitator import record as R
    from facilitator.ui.record.minutes_panel import MinutesPanel

    pane = MinutesPanel(ctx)
    qtbot.addWidget(pane)
    block = ctx.doc.blocks(ctx.workshop_id)[2]  # Plenario de desafíos
    pane.block_combo.setCurrentIndex(pane.block_combo.findData(block["id"]))
    ctx.undo.run(R.add_entry(ctx.doc, ctx.workshop_id, "<b>Acuerdo</b> ñandú 🌱", kind="acuerdo",
                             speaker="Grupo 2", block_id=block["id"]))
    ctx.undo.run(R.add_entry(ctx.doc, ctx.workshop_id, "de otro bloque", block_id=None))
    window = pane.project()
    qtbot.addWidget(window)
    texts = [big.text() for _small, big in window.labels]
    assert texts == ["<b>Acuerdo</b> ñandú 🌱"]
    assert window.labels[0][1].textFormat() == Qt.TextFormat.PlainText
    assert "Acuerdo" in window.labels[0][0].text() and "Grupo 2" in window.labels[0][0].text()
    assert "Plenario de desafíos" in window.title.text()
    ctx.undo.run(R.add_entry(ctx.doc, ctx.workshop_id, "segunda idea", block_id=block["id"]))
    assert [big.text() for _small, big in window.labels][-1] == "segunda idea"
    pane.shutdown()


def _text_need(pane, row):
    """The height the Text cell of ``row`` needs at the Text column's width (wrapped, plus the cell's margins)."""
    from PySide6.QtCore import QRect

    table = pane.table
    width = table.columnWidth(TEXT) - 2 * (table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    text = table.model().index(row, TEXT).data()
    return table.fontMetrics().boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, text).height()


def test_rows_are_as_tall_as_their_wrapped_text_after_a_resize(diagnostic, qtbot, errors):
    """Rows measured before the columns had their widths are measured again (a 3-line entry was 130 px tall)."""
    doc, wid = diagnostic
    long = ("La falta de documentos (RUT, cédula) es la puerta de entrada de casi todos los demás problemas: "
            "salud, vivienda, empleo y beneficios sociales.")
    for text in (long, "Una idea corta", long + " " + long):
        doc.execute(R.add_entry(doc, wid, text, speaker="Departamento de Salud Municipal"))
    pane = MinutesPanel(make_ctx(doc, wid, qtbot))
    qtbot.addWidget(pane)
    pane.resize(1340, 600)  # sized before it is shown, as a tab page is: the columns get their widths later
    pane.show()
    qtbot.waitExposed(pane)
    for _ in range(3):
        QApplication.processEvents()
    for row in range(3):
        need = max(_text_need(pane, row), pane.table.fontMetrics().height())
        assert pane.table.rowHeight(row) <= need + 14, (row, pane.table.rowHeight(row), need)
    assert pane.table.rowHeight(2) > pane.table.rowHeight(0) > pane.table.rowHeight(1)


def test_empty_minutes_keep_type_and_who_readable(diagnostic, qtbot, errors):
    """With no entries yet, «Tipo» and «Quién» are not squeezed to their headers' width."""
    doc, wid = diagnostic
    pane = MinutesPanel(make_ctx(doc, wid, qtbot))
    qtbot.addWidget(pane)
    pane.resize(1340, 600)
    pane.show()
    qtbot.waitExposed(pane)
    metrics = pane.table.fontMetrics()
    widest_kind = max(metrics.horizontalAdvance(pane.model.kind_text({"kind": k, "id": ""})) for k in R.KIND_LABELS)
    assert pane.table.columnWidth(KIND) >= widest_kind + 20
    assert pane.table.columnWidth(SPEAKER) >= metrics.horizontalAdvance("Departamento de Salud")
