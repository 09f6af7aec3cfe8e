"""The "Seguimiento" tab: the monitoring sheet, its carry-over dialog, side pane and projector view."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit

from facilitator import record as R
from facilitator.commands import InsertRow, UpdateRow
from facilitator.domain.templates import builtin_template
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from canvases.monitoring.monitoring_model import MonitoringModel
from canvases.monitoring.bring import CarryDialog
from canvases.monitoring.monitoring_panel import MonitoringPanel
from canvases.monitoring.projector_view import projector_view
from qtshared.sheet import CellEditor
from qtshared.undo import UndoAdapter
from facilitator.workshops import new_workshop

TODAY = date(2026, 11, 3)


def type_text(widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def editor(view, kind=CellEditor):
    found = [w for w in view.findChildren(kind) if w.isVisible()]
    assert len(found) == 1
    return found[0]


def make_workshop(doc, template, title=None):
    macro = new_workshop(doc, builtin_template(template), lang="es", title=title)
    doc.execute(macro)
    return macro.workshop_id


@pytest.fixture
def process(doc, qtbot):
    """A planning workshop with two initiatives, two commitments, and a monitoring workshop's context."""
    planning = make_workshop(doc, "planificacion", "Taller de planificación")
    matrix = next(c for c in doc.canvases(planning) if c["kind"] == "planning_matrix")
    initiatives = []
    for axis, name, period in ((0, "Mesa comunal de migración", "31/12/2026"),
                               (1, "Capacitación en atención intercultural", "30/06/2026")):
        command = InsertRow("initiative", {"canvas_id": matrix["id"], "axis": matrix["zones"][axis]["key"],
                                           "name": name, "unit": "Oficina de migrantes", "period": period,
                                           "indicators": "Sesiones realizadas", "goal": "4 al año"})
        doc.execute(command)
        initiatives.append(command.id)
    commitments = []
    for what, status in (("Campaña informativa sobre regularización", "in_progress"),
                         ("Catastro de organizaciones migrantes", "done")):
        command = R.add_commitment(doc, what, responsible="DIDECO", due="31/03/2027", status=status)
        doc.execute(command)
        commitments.append(command.id)
    workshop_id = make_workshop(doc, "seguimiento")
    signals = DocumentSignals(doc)
    ctx = WorkshopContext(doc, UndoAdapter(doc), signals, Settings(), workshop_id)
    yield ctx, initiatives, commitments
    signals.detach()


def make_panel(ctx, qtbot):
    panel = MonitoringPanel(ctx, today=lambda: TODAY)
    qtbot.addWidget(panel)
    panel.resize(1400, 700)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)  # window shortcuts (Alt+↑, Ctrl+Shift+R) need an active window
    return panel


def names(panel):
    return [r["name"] for r in panel.model.rows]


def accept_with(monkeypatch, choose):
    """Make the carry-over dialog 'click' with ``choose(dialog)`` and accept, instead of waiting for a person."""
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        choose(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CarryDialog, "exec", fake_exec)
    return seen


def test_model_passes_the_model_tester(process, qtbot, qtmodeltester):
    ctx, initiatives, commitments = process
    panel = make_panel(ctx, qtbot)
    panel.carry("initiative", initiatives)
    panel.carry("commitment", commitments)
    model = MonitoringModel(ctx, panel.canvas_id, lambda: TODAY)
    qtmodeltester.check(model)
    assert [model.headerData(n, Qt.Orientation.Horizontal) for n in range(3)] == ["Estado", "Nombre", "Objetivo"]
    model.detach()


def test_typing_in_a_cell_with_accents_and_enter(process, qtbot):
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    panel.add_row()
    view, model = panel.view, panel.model
    view.setCurrentIndex(model.index(0, model.column_of("name")))
    type_text(view, "M")
    type_text(editor(view), "esa comunal de migración ñandú")
    QTest.keyClick(editor(view), Qt.Key.Key_Return)
    assert names(panel) == ["Mesa comunal de migración ñandú"]
    assert panel.detail.name.text() == "Mesa comunal de migración ñandú"


def test_yes_no_cell_and_status_choice_move_the_effective_status_and_summary(process, qtbot):
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    panel.add_row()
    view, model = panel.view, panel.model
    assert panel.summary.text() == "1 iniciativa: 1 sin iniciar"
    view.setCurrentIndex(model.index(0, model.column_of("on_track")))
    type_text(view, "n")
    combo = editor(view, QComboBox)
    assert combo.currentText() == "No"
    QTest.keyClick(combo, Qt.Key.Key_Return)
    assert model.rows[0]["on_track"] == 0
    status = model.index(0, model.column_of("status"))
    assert status.data() == "Atrasada"
    assert "no está en curso según lo planificado" in status.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.summary.text() == "1 iniciativa: 1 atrasada"
    view.setCurrentIndex(status)
    type_text(view, "c")
    QTest.keyClick(editor(view, QComboBox), Qt.Key.Key_Return)
    assert model.rows[0]["status"] == "done"
    assert panel.summary.text() == "1 iniciativa: 1 cumplida"


def test_a_date_that_cannot_be_read_keeps_the_old_value_and_says_why(process, qtbot):
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    panel.add_row()
    view, model = panel.view, panel.model
    end = model.index(0, model.column_of("end_date"))
    assert model.setData(end, "31/01/2027")
    assert model.rows[0]["end_date"] == "2027-01-31"
    view.setCurrentIndex(end)
    QTest.keyClick(view, Qt.Key.Key_Return)  # edit the cell; typing replaces the selected value
    line = editor(view, QLineEdit)
    type_text(line, "fin de año")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert model.rows[0]["end_date"] == "2027-01-31"
    assert panel.message.isVisible() and "«fin de año» no es una fecha" in panel.message.text()
    # End before start is accepted but flagged, on the cell and in the side pane.
    assert model.setData(model.index(0, model.column_of("start_date")), "2027-03-01")
    assert "anterior a la de inicio" in end.data(Qt.ItemDataRole.ToolTipRole)
    view.setCurrentIndex(end)
    assert panel.detail.problems.isVisible() and "anterior" in panel.detail.problems.text()


def test_late_by_date_is_shown_with_the_reason(process, qtbot):
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    panel.add_row()
    model = panel.model
    model.setData(model.index(0, model.column_of("status")), "on_track")
    model.setData(model.index(0, model.column_of("end_date")), "2026-10-31")
    status = model.index(0, model.column_of("status"))
    assert status.data() == "Atrasada" and model.rows[0]["status"] == "on_track"
    tip = status.data(Qt.ItemDataRole.ToolTipRole)
    assert "2026-10-31" in tip and "Estado guardado: En curso" in tip
    panel.view.setCurrentIndex(status)
    assert "ya pasó" in panel.detail.status.text()


def test_paste_tsv_adds_rows_in_one_undo_step_and_redo(process, qtbot):
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    view, model = panel.view, panel.model
    view.setCurrentIndex(model.index(0, 0))
    view.clearSelection()
    depth = ctx.undo.stack.count()
    pasted = ("En curso\tCampaña informativa\tInformar sobre regularización\tComunicaciones\t01/04/2026\t31/03/2027\n"
              "Cumplida\tSemana de la interculturalidad\t\tDAEM\t2026-10-05\t2026-10-15\n")
    assert view.paste_text(pasted)
    assert names(panel) == ["Campaña informativa", "Semana de la interculturalidad"]
    assert [(r["status"], r["start_date"], r["end_date"]) for r in model.rows] == [
        ("on_track", "2026-04-01", "2027-03-31"), ("done", "2026-10-05", "2026-10-15")]
    assert ctx.undo.stack.count() == depth + 1
    assert panel.summary.text() == "2 iniciativas: 1 en curso, 1 cumplida"
    ctx.undo.stack.undo()
    assert names(panel) == [] and panel.summary.text() == "Todavía no hay iniciativas en la planilla."
    ctx.undo.stack.redo()
    assert len(names(panel)) == 2


def test_paste_with_a_bad_yes_no_changes_nothing(process, qtbot):
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    panel.add_row()
    view, model = panel.view, panel.model
    view.setCurrentIndex(model.index(0, model.column_of("on_track")))
    assert not view.paste_text("quizás\n")
    assert model.rows[0]["on_track"] is None
    assert "«quizás» no es una respuesta de Sí o No" in panel.message.text()


def test_carry_over_dialog_brings_initiatives_once(process, qtbot, monkeypatch):
    ctx, initiatives, _c = process
    panel = make_panel(ctx, qtbot)
    seen = accept_with(monkeypatch, lambda dialog: dialog.set_all(True))
    result = panel.bring("initiative")
    dialog = seen[0]
    assert dialog.workshop_combo.itemText(1) == "Taller de planificación"
    assert dialog.zone_combo.itemText(1).startswith("Eje «Gestión municipal")
    assert sorted(dialog.selected_ids()) == sorted(initiatives)
    assert names(panel) == ["Mesa comunal de migración", "Capacitación en atención intercultural"]
    assert [r["origin_initiative_id"] for r in panel.model.rows] == initiatives
    assert panel.message.text() == "Se agregaron 2 filas."
    assert panel.view.selected_row_ids() == result.row_ids
    assert "De la planificación: taller «Taller de planificación»" in panel.detail.origin.text()
    depth = ctx.undo.stack.count()
    # Second time: the dialog marks them, choosing them again adds nothing and says so.
    seen = accept_with(monkeypatch, lambda dialog: dialog.set_all(True))
    again = panel.bring("initiative")
    mark = seen[0].model.index(0, seen[0].model.columnCount() - 1)
    assert "ya está en la planilla" in mark.data().lower()
    assert again.row_ids == [] and again.skipped == 2
    assert panel.message.text() == "No se agregó ninguna fila. 2 ya estaban en la planilla y se omitieron."
    assert ctx.undo.stack.count() == depth  # no empty undo step
    ctx.undo.stack.undo()
    assert names(panel) == []


def test_carry_over_commitments_and_cancel(process, qtbot, monkeypatch):
    ctx, _i, commitments = process
    panel = make_panel(ctx, qtbot)
    monkeypatch.setattr(CarryDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert panel.bring("commitment") is None and names(panel) == []

    def pick_first(dialog):
        dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert dialog.summary.text().startswith("1 marcada · se ven 2 de 2") and ok.isEnabled()

    accept_with(monkeypatch, pick_first)
    panel.bring("commitment")
    row = panel.model.rows[0]
    assert (row["name"], row["responsible"], row["end_date"], row["status"], row["origin_commitment_id"]) == (
        "Campaña informativa sobre regularización", "DIDECO", "2027-03-31", "on_track", commitments[0])
    assert "Del compromiso: Campaña informativa" in panel.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_refresh_from_origin_from_the_side_pane_is_undoable(process, qtbot):
    ctx, initiatives, _c = process
    panel = make_panel(ctx, qtbot)
    panel.carry("initiative", initiatives[:1])
    panel.view.setCurrentIndex(panel.model.index(0, 1))
    assert panel.detail.refresh_button.isVisible()
    ctx.doc.execute(UpdateRow("initiative", initiatives[0], {"unit": "DIDECO"}))
    QTest.mouseClick(panel.detail.refresh_button, Qt.MouseButton.LeftButton)
    assert panel.model.rows[0]["responsible"] == "DIDECO"
    ctx.undo.stack.undo()
    assert panel.model.rows[0]["responsible"] == "Oficina de migrantes"
    assert panel.refresh_from_origin() and panel.model.rows[0]["responsible"] == "DIDECO"
    assert not panel.refresh_from_origin()
    assert panel.message.text() == "La fila ya tiene lo que dice su origen."


def test_mark_reviewed_today_by_shortcut_is_undoable(process, qtbot):
    ctx, initiatives, _c = process
    panel = make_panel(ctx, qtbot)
    panel.carry("initiative", initiatives)
    panel.view.select_range(0, 1, 1, 1)
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [r["last_review"] for r in panel.model.rows] == ["2026-11-03", "2026-11-03"]
    ctx.undo.stack.undo()
    assert [r["last_review"] for r in panel.model.rows] == ["", ""]


def test_add_delete_and_move_rows(process, qtbot):
    ctx, initiatives, _c = process
    panel = make_panel(ctx, qtbot)
    panel.carry("initiative", initiatives)
    panel.view.setCurrentIndex(panel.model.index(0, 1))
    QTest.keyClick(panel.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert names(panel) == ["Mesa comunal de migración", "", "Capacitación en atención intercultural"]
    assert panel.view.currentIndex().row() == 1
    QTest.keyClick(panel.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert names(panel) == ["Mesa comunal de migración", "Capacitación en atención intercultural"]
    panel.view.setCurrentIndex(panel.model.index(1, 1))
    QTest.keyClick(panel.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert names(panel) == ["Capacitación en atención intercultural", "Mesa comunal de migración"]
    assert panel.view.currentIndex().row() == 0


def test_user_text_is_plain(process, qtbot):
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    panel.add_row()
    model = panel.model
    model.setData(model.index(0, model.column_of("name")), "<b>x</b>")
    assert model.index(0, model.column_of("name")).data() == "<b>x</b>"
    panel.view.setCurrentIndex(model.index(0, 1))
    assert panel.detail.name.text() == "<b>x</b>"
    labels = panel.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    panel.grab()  # the badges and the group band paint


def test_several_sheets_offer_a_combo_and_none_says_so(process, qtbot, ctx):
    empty = MonitoringPanel(ctx)  # the diagnostic workshop has no monitoring sheet
    qtbot.addWidget(empty)
    assert empty.stack.currentIndex() == 0 and "no tiene una planilla de seguimiento" in empty.empty.text()
    assert not empty.add_button.isEnabled()
    wctx, initiatives, _c = process
    panel = make_panel(wctx, qtbot)
    assert not panel.canvas_combo.isVisible()
    first = panel.canvas_id
    panel.carry("initiative", initiatives)
    second = InsertRow("canvas", {"workshop_id": wctx.workshop_id, "key": "planilla2", "kind": "monitoring_matrix",
                                  "title": "Revisión 2027", "zones": "[]", "position": 5})
    wctx.undo.run(second)
    assert panel.canvas_combo.isVisible() and panel.canvas_combo.count() == 2
    assert panel.canvas_id == first
    panel.canvas_combo.setCurrentIndex(1)
    panel.canvas_combo.activated.emit(1)
    assert panel.canvas_id == second.id and names(panel) == []
    wctx.undo.stack.undo()  # the second sheet goes away: back to the first
    assert panel.canvas_id == first and len(names(panel)) == 2
    panel.shutdown()
    empty.shutdown()


def test_read_only_file_disables_editing(process, qtbot, monkeypatch):
    ctx, initiatives, _c = process
    first = make_panel(ctx, qtbot)
    first.carry("initiative", initiatives)
    first.shutdown()
    monkeypatch.setattr(ctx.doc.store, "readonly", True)
    panel = make_panel(ctx, qtbot)
    model = panel.model
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not any(b.isEnabled() for b in (panel.add_button, panel.delete_button, panel.reviewed_button,
                                           panel.bring_initiatives_button, panel.bring_commitments_button))
    assert panel.project_button.isEnabled()
    assert panel.bring("initiative") is None


def test_english_headers_and_statuses(process, qtbot):
    from facilitator.i18n import set_language

    set_language("en")
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    panel.add_row()
    model = panel.model
    model.setData(model.index(0, model.column_of("status")), "In progress")
    assert model.rows[0]["status"] == "on_track"
    assert model.index(0, 0).data() == "In progress"
    assert model.headerData(model.column_of("on_track"), Qt.Orientation.Horizontal) == "On track as planned?"
    assert panel.summary.text() == "1 initiative: 1 in progress"


def test_projector_view_follows_the_sheet(process, qtbot):
    ctx, initiatives, _c = process
    panel = make_panel(ctx, qtbot)
    view = projector_view(ctx, ctx.doc.canvas(panel.canvas_id))
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    assert view.rows == []
    panel.carry("initiative", initiatives)
    assert [r["name"] for r in view.rows] == ["Mesa comunal de migración", "Capacitación en atención intercultural"]
    view.today = lambda: TODAY
    view.reload()
    assert [r["_status"] for r in view.rows] == ["not_started", "late"]
    view.grab()
    ctx.undo.stack.undo()
    assert view.rows == []


MARKUP = "<b>x</b> <img src=x>"


def test_tooltips_show_user_text_as_typed(process, qtbot, monkeypatch, tooltip_text):
    ctx, initiatives, _c = process
    ctx.doc.execute(UpdateRow("initiative", initiatives[0], {"name": MARKUP}))
    panel = make_panel(ctx, qtbot)
    seen = accept_with(monkeypatch, lambda dialog: dialog.check([dialog.rows[0]["id"]]))
    panel.bring("initiative")
    tip = seen[0].model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip_text(tip).splitlines()[0] == MARKUP
    tip = tooltip_text(panel.model.index(0, panel.model.column_of("name")).data(Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith(f"{MARKUP}\n\n") and f"Iniciativa: {MARKUP}" in tip


def test_paste_skips_blank_lines_and_a_blank_status_is_sin_iniciar(process, qtbot):
    ctx, _i, _c = process
    panel = make_panel(ctx, qtbot)
    view, model = panel.view, panel.model
    depth = ctx.undo.stack.count()
    assert view.paste_text("En curso\tA\n\t\nSin iniciar\tB\n")  # a blank line between rows, as spreadsheets copy
    assert names(panel) == ["A", "B"] and ctx.undo.stack.count() == depth + 1
    view.selectionModel().clear()  # no cell: a paste adds rows at the end
    assert view.paste_text("\tC\n")  # a new row without status starts "Sin iniciar"
    assert [(r["name"], r["status"]) for r in model.rows] == [("A", "on_track"), ("B", "not_started"),
                                                              ("C", "not_started")]
    view.setCurrentIndex(model.index(0, 0))
    view.clearSelection()
    assert view.paste_text("\tA bis\n")  # over a row: a blank status leaves its status as it is
    assert [(r["name"], r["status"]) for r in model.rows][0] == ("A bis", "on_track")
    ctx.undo.stack.undo()
    assert names(panel) == ["A", "B", "C"]
