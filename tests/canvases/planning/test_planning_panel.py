"""The planning tab: the matrix as a spreadsheet, the initiative form, the review, axes, notes brought over."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from facilitator import board
from facilitator import planning as P
from facilitator.add_canvas import new_canvas
from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.i18n import set_language
from facilitator.participants import add_group
from facilitator.settings import Settings
from facilitator.store import open_process_file
from canvases.planning import axes_dialog
from canvases.planning import planning_panel as PP
from canvases.planning.projector_view import projector_view
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.dialogs import Dialogs
from canvases.planning.planning_model import PlanningModel, section_id
from qtshared.sheet import SECTION, CellEditor
from qtshared.undo import UndoAdapter
from facilitator.workshops import new_workshop


def type_text(widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def open_editor(view, kind=CellEditor):
    found = [w for w in view.findChildren(kind) if w.isVisible()]
    assert len(found) == 1
    return found[0]


def build(doc):
    """A diagnostic workshop with a group's challenges on its board, then the planning workshop."""
    diag = new_workshop(doc, builtin_template("diagnostico"), lang="es", title="Taller de diagnóstico")
    doc.execute(diag)
    group = add_group(doc, diag.workshop_id, "Grupo 2")
    doc.execute(group)
    board_id = next(c["id"] for c in doc.canvases(diag.workshop_id) if c["kind"] == "board")
    notes = board.add_notes(doc, board_id, "desafios", group.id,
                            ["Falta de información sobre regularización", "Discriminación en servicios"])
    doc.execute(notes)
    plan = new_workshop(doc, builtin_template("planificacion"), lang="es")
    doc.execute(plan)
    return plan.workshop_id, notes.note_ids


@pytest.fixture
def setup(doc, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    wid, note_ids = build(doc)
    holder = QWidget()
    qtbot.addWidget(holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), DocumentSignals(doc, holder), Settings(), wid)
    panel = PP.PlanningPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1500, 900)
    panel.show()
    panel.activateWindow()
    return ctx, panel, note_ids


def rows_of(panel, axis=None):
    return [r for r in panel.model.rows if SECTION not in r and (axis is None or r["axis"] == axis)]


def add(ctx, panel, axis, **values):
    command = P.add_initiative(ctx.doc, panel.canvas_id, axis, **values)
    assert ctx.undo.run(command)
    return command.id


def test_the_matrix_has_the_method_columns_and_a_heading_per_axis(setup, qtmodeltester):
    ctx, panel, _n = setup
    model = panel.model
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert headers == ["Eje estratégico", "Estrategia", "Acciones", "Meta o producto", "Financiamiento",
                       "Unidad responsable", "Alianzas", "PMG o PLADECO", "Periodo de ejecución"]
    add(ctx, panel, "salud", name="Facilitadores interculturales en CESFAM")
    add(ctx, panel, "gestion_municipal", name="Mesa comunal de migración", unit="DIDECO")
    sections = [r[SECTION] for r in model.rows if SECTION in r]
    assert sections[0] == "1. Gestión municipal y coordinación institucional  ·  1 iniciativa (mínimo 2)"
    assert sections[-1].startswith("6. Salud")
    assert [model.index(r, 2).data() for r in range(model.rowCount()) if model.row_id(r)] == [
        "Mesa comunal de migración", "Facilitadores interculturales en CESFAM"]
    row = model.row_of(rows_of(panel)[0]["id"])
    assert model.index(row, 0).data() == "Gestión municipal y coordinación institucional"
    assert panel.view.columnSpan(0, 0) == 9
    qtmodeltester.check(model)


def test_headers_in_english(setup):
    ctx, panel, _n = setup
    set_language("en")
    model = panel.model
    assert [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())] == [
        "Strategic axis", "Strategy", "Actions", "Target or output", "Funding", "Responsible unit", "Partnerships",
        "PMG or PLADECO", "Implementation period"]


def test_ctrl_enter_adds_a_row_in_the_current_axis_and_typing_fills_it(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    view.setCurrentIndex(model.index(model.section_row("salud"), 0))
    QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [r["axis"] for r in rows_of(panel)] == ["salud"]
    assert view.currentIndex().column() == model.column_of("name")
    type_text(view, "O")
    type_text(open_editor(view), "perativo de salud en la población migrante ñ")
    QTest.keyClick(open_editor(view), Qt.Key.Key_Tab)
    assert rows_of(panel)[0]["name"] == "Operativo de salud en la población migrante ñ"
    assert view.currentIndex().column() == model.column_of("goal")
    QTest.keyClick(view, Qt.Key.Key_Insert)  # Insert adds after the current row, same axis
    assert [r["axis"] for r in rows_of(panel)] == ["salud", "salud"]
    assert ctx.doc.store.get("initiative", panel.current_id())["name"] == ""


def test_paste_a_range_from_a_spreadsheet_beyond_the_axis_end_is_one_undo_step(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    first = add(ctx, panel, "empleo_insercion_laboral", name="Feria laboral")
    add(ctx, panel, "salud", name="Operativo")
    depth = ctx.undo.stack.count()
    view.setCurrentIndex(model.index(model.row_of(first), model.column_of("name")))
    block = ("Feria laboral para personas migrantes\t2 ferias al año\tSENCE\tOMIL\r\n"
             "Certificación de oficios\t80 personas certificadas\t\"ChileValora\nOTEC\"\tOMIL\r\n"
             "Bolsa de empleo intercultural\t300 inscritos\tMunicipal\tOMIL\r\n")
    assert view.paste_text(block)
    empleo = rows_of(panel, "empleo_insercion_laboral")
    assert [(r["name"], r["goal"], r["funding"], r["unit"]) for r in empleo] == [
        ("Feria laboral para personas migrantes", "2 ferias al año", "SENCE", "OMIL"),
        ("Certificación de oficios", "80 personas certificadas", "ChileValora\nOTEC", "OMIL"),
        ("Bolsa de empleo intercultural", "300 inscritos", "Municipal", "OMIL")]
    assert [r["name"] for r in rows_of(panel, "salud")] == ["Operativo"]  # the next axis is left alone
    assert ctx.undo.stack.count() == depth + 1
    ctx.undo.stack.undo()
    assert [r["name"] for r in rows_of(panel, "empleo_insercion_laboral")] == ["Feria laboral"]


def test_paste_the_whole_matrix_on_a_heading_sends_rows_to_their_axes(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    view.setCurrentIndex(model.index(model.section_row("gestion_municipal"), 0))
    text = ("Gestión municipal y coordinación institucional\tCoordinación\tMesa comunal de migración\t"
            "Mesa constituida\tMunicipal\tDIDECO\tOIM\tPLADECO\t2026\n"
            "salud\t\tFacilitadores en CESFAM\t2 contratados\t\tSalud\t\t\t2026\n"
            "\t\t\t\t\t\t\t\t\n"  # a blank line between rows adds nothing
            "\t\tOperativo de salud\t\t\t\t\t\t\n")  # a blank axis: the one above, as a merged cell
    assert view.paste_text(text)
    assert [(r["axis"], r["name"]) for r in rows_of(panel)] == [
        ("gestion_municipal", "Mesa comunal de migración"), ("salud", "Facilitadores en CESFAM"),
        ("salud", "Operativo de salud")]
    assert rows_of(panel)[0]["plan_ref"] == "PLADECO"


def test_pastes_that_do_not_fit_say_so(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    add(ctx, panel, "salud", name="Operativo")
    view.setCurrentIndex(model.index(model.row_of(rows_of(panel)[0]["id"]), model.column_of("period")))
    assert not view.paste_text("2026\textra\n")
    assert "Lo copiado tiene 2 columnas" in panel.message.text()
    view.setCurrentIndex(model.index(model.row_of(rows_of(panel)[0]["id"]), 0))
    assert not view.paste_text("Vivienda\tx\n")
    assert "«Vivienda» no es una opción" in panel.message.text()
    assert rows_of(panel)[0]["axis"] == "salud"


def test_copy_gives_the_nine_columns_without_headings(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    add(ctx, panel, "gestion_municipal", name="Mesa <b>comunal</b>", goal="Mesa\nconstituida")
    add(ctx, panel, "salud", name="Operativo")
    view.select_range(0, 0, model.rowCount() - 1, 8)
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text()
    assert lines == ("Gestión municipal y coordinación institucional\t\tMesa <b>comunal</b>\t\"Mesa\nconstituida\""
                     "\t\t\t\t\t\nSalud\t\tOperativo\t\t\t\t\t\t\n")


def test_changing_the_axis_cell_moves_the_row_under_its_new_heading(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    rid = add(ctx, panel, "salud", name="Campaña")
    view.setCurrentIndex(model.index(model.row_of(rid), 0))
    type_text(view, "cap")
    combo = open_editor(view, QComboBox)
    assert combo.currentData() == "capacitacion_informacion"
    QTest.keyClick(combo, Qt.Key.Key_Return)
    assert ctx.doc.store.get("initiative", rid)["axis"] == "capacitacion_informacion"
    assert model.axis_at(model.row_of(rid)) == "capacitacion_informacion"
    assert model.setData(model.index(model.row_of(rid), 0), "")  # "Sin eje" from the combo
    assert model.axis_at(model.row_of(rid)) == "" and model.rows[-2][SECTION].startswith("Sin eje")


def test_delete_clears_cells_and_ctrl_delete_removes_rows_undoably(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    a = add(ctx, panel, "salud", name="Operativo", unit="Salud", goal="500 atenciones")
    b = add(ctx, panel, "salud", name="Facilitadores")
    row = model.row_of(a)
    view.select_range(row, 0, row, model.column_of("unit"))
    QTest.keyClick(view, Qt.Key.Key_Delete)
    cleared = ctx.doc.store.get("initiative", a)
    assert (cleared["name"], cleared["goal"], cleared["unit"]) == ("", "", "")
    assert cleared["axis"] == "salud"  # the axis is structure: Delete leaves it
    view.select_range(model.row_of(a), 2, model.row_of(b), 2)
    QTest.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert rows_of(panel) == []
    assert "Se eliminaron 2 iniciativas" in panel.message.text()
    ctx.undo.stack.undo()
    assert [r["name"] for r in rows_of(panel)] == ["", "Facilitadores"]
    ctx.undo.stack.undo()
    assert [r["name"] for r in rows_of(panel)] == ["Operativo", "Facilitadores"]


def test_move_up_and_down_within_the_axis(setup):
    ctx, panel, _n = setup
    add(ctx, panel, "salud", name="A")
    b = add(ctx, panel, "salud", name="B")
    panel.select_ids([b])
    panel.up_button.click()
    assert [r["name"] for r in rows_of(panel, "salud")] == ["B", "A"]
    assert panel.current_id() == b
    panel.down_button.click()
    assert [r["name"] for r in rows_of(panel, "salud")] == ["A", "B"]
    QTest.keyClick(panel.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [r["name"] for r in rows_of(panel, "salud")] == ["B", "A"]
    QTest.keyClick(panel.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # already first in its axis
    assert [r["name"] for r in rows_of(panel, "salud")] == ["B", "A"]


def test_the_form_follows_the_selection_and_saves_as_you_type(setup):
    ctx, panel, _n = setup
    rid = add(ctx, panel, "salud", name="Operativo")
    other = add(ctx, panel, "salud", name="Otro")
    form = panel.form
    panel.select_ids([rid])
    assert form.name.text() == "Operativo" and form.body.isVisible()
    depth = ctx.undo.stack.count()
    form.name.setFocus()
    form.name.end(False)
    type_text(form.name, " de salud en población migrante — atención ñandú")
    assert ctx.doc.store.get("initiative", rid)["name"] == "Operativo de salud en población migrante — atención ñandú"
    assert panel.model.index(panel.model.row_of(rid), 2).data().endswith("ñandú")
    assert ctx.undo.stack.count() == depth + 1  # one undo step for the whole typing
    type_text(form.goal, "<b>x</b>")
    assert panel.model.index(panel.model.row_of(rid), 3).data() == "<b>x</b>"
    type_text(form.description, "Atención en terreno")
    form.funding_buttons[1].click()
    assert ctx.doc.store.get("initiative", rid)["needs_funding"] == 1
    form.funding_buttons[None].click()
    assert ctx.doc.store.get("initiative", rid)["needs_funding"] is None
    panel.select_ids([other])
    assert form.name.text() == "Otro" and form.description.toPlainText() == ""
    panel.select_ids([rid])
    assert form.description.toPlainText() == "Atención en terreno"
    ctx.undo.stack.undo()
    assert form.funding_buttons[1].isChecked()
    ctx.undo.stack.undo()
    assert form.funding_buttons[None].isChecked()
    ctx.undo.stack.undo()  # the whole description typed is one step
    assert form.description.toPlainText() == ""


def test_smart_checklist_and_objective(setup):
    ctx, panel, _n = setup
    rid = add(ctx, panel, "salud", name="Operativo")
    panel.select_ids([rid])
    form = panel.form
    form.criteria["specific"].click()
    form.criteria["timebound"].click()
    smart = json.loads(ctx.doc.store.get("initiative", rid)["smart"])
    assert smart == {"specific": True, "measurable": False, "achievable": False, "relevant": False,
                     "timebound": True}
    assert form.smart_summary.text() == "Cumple 2 de 5 criterios SMART."
    assert form.criteria["measurable"].toolTip().startswith("Tiene indicadores")
    type_text(form.objective, "Atender a 500 personas migrantes en 2026.")
    type_text(form.indicators, "Atenciones realizadas")
    row = ctx.doc.store.get("initiative", rid)
    assert (row["objective"], row["indicators"]) == ("Atender a 500 personas migrantes en 2026.",
                                                     "Atenciones realizadas")
    ctx.undo.stack.undo()
    ctx.undo.stack.undo()
    ctx.undo.stack.undo()
    assert not form.criteria["timebound"].isChecked() and form.criteria["specific"].isChecked()


def test_the_form_changes_axis_and_group(setup):
    ctx, panel, _n = setup
    group = add_group(ctx.doc, ctx.workshop_id, "Grupo 1")
    ctx.undo.run(group)
    rid = add(ctx, panel, "salud", name="Operativo")
    panel.select_ids([rid])
    form = panel.form
    form.group.setCurrentIndex(form.group.findData(group.id))
    form.group.activated.emit(form.group.currentIndex())
    form.axis.setCurrentIndex(form.axis.findData("gestion_municipal"))
    form.axis.activated.emit(form.axis.currentIndex())
    row = ctx.doc.store.get("initiative", rid)
    assert (row["group_id"], row["axis"]) == (group.id, "gestion_municipal")


def test_review_is_live_and_clicking_a_finding_selects_rows(setup, qtbot):
    ctx, panel, _n = setup
    kinds = lambda: [f.kind for f in panel.findings()]  # noqa: E731
    assert kinds() == ["few"] * 6
    names = iter(["Protocolo de derivación", "Oficina de atención", "Capacitación a funcionarios", "Guía de trámites",
                  "Red de organizaciones", "Convenio con universidades", "Feria intercultural", "Talleres de español",
                  "Feria laboral", "Certificación de oficios", "Operativo de inscripción", "Facilitadores en CESFAM"])
    for axis in [a["key"] for a in P.axes(ctx.doc, panel.canvas_id)]:
        for _n in range(2):
            add(ctx, panel, axis, name=next(names), goal="g", unit="u", period="p")
    qtbot.waitUntil(lambda: panel.findings() == [])
    assert "Sin observaciones" in panel.review_summary.text()
    a = add(ctx, panel, "gestion_municipal", name="Mesa comunal de migración", goal="g", unit="u", period="p")
    b = add(ctx, panel, "trabajo_en_red", name="Mesa comunal de migración con sociedad civil")
    qtbot.waitUntil(lambda: sorted(kinds()) == ["duplicate", "missing"])
    items = [panel.review_list.item(i) for i in range(panel.review_list.count())]
    dupe = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) and i.data(Qt.ItemDataRole.UserRole).ids == (a, b))
    panel._finding_chosen(dupe)
    assert sorted(panel.view.selected_row_ids()) == sorted([a, b])
    missing = next(i for i in items if i.data(Qt.ItemDataRole.UserRole)
                   and i.data(Qt.ItemDataRole.UserRole).kind == "missing")
    panel._finding_chosen(missing)
    assert panel.current_id() == b and panel.view.currentIndex().column() == panel.model.column_of("goal")
    assert "falta meta, unidad responsable, plazos" in missing.text()


def test_axes_dialog_adds_renames_moves_and_removes(setup, monkeypatch):
    ctx, panel, _n = setup
    add(ctx, panel, "salud", name="Operativo")
    dialog = PP.AxesDialog(ctx, panel.canvas_id, panel)
    dialog.new_name.setText("Vivienda y planificación urbana")
    key = dialog.add()
    assert dialog.keys()[-1] == key and panel.model.section_row(key) >= 0
    dialog.new_name.setText("salud")
    assert dialog.add() is None and "Ya hay un eje" in dialog.message.text()
    item = dialog.list.item(dialog.keys().index(key))
    item.setText("Vivienda")
    assert P.axis_label(P.axes(ctx.doc, panel.canvas_id), key) == "Vivienda"
    dialog.list.setCurrentRow(dialog.keys().index(key))
    dialog.move(-1)
    assert dialog.keys()[-2:] == [key, "salud"]
    assert [r["axis"] for r in panel.model.rows if SECTION in r][-2:] == [key, "salud"]
    dialog.list.setCurrentRow(dialog.keys().index("salud"))
    monkeypatch.setattr(axes_dialog.Ask, "remove_axis", classmethod(lambda cls, parent, name, n: None))
    dialog.remove()
    assert "salud" in dialog.keys()
    monkeypatch.setattr(axes_dialog.Ask, "remove_axis", classmethod(lambda cls, parent, name, n: "move"))
    dialog.remove()
    assert "salud" not in dialog.keys()
    assert panel.model.rows[-2][SECTION].startswith("Sin eje") and rows_of(panel)[-1]["axis"] == ""
    ctx.undo.stack.undo()
    assert "salud" in dialog.keys() and rows_of(panel)[-1]["axis"] == "salud"
    dialog.close()


def test_notes_brought_over_keep_their_origin_and_are_not_brought_twice(setup):
    ctx, panel, note_ids = setup
    dialog = PP.BringDialog(ctx, panel.canvas_id, "capacitacion_informacion", panel)
    assert len(dialog.rows) == 2 and dialog.axis() == "capacitacion_informacion"
    dialog.check(note_ids[:1])
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).text() == "Crear 1 iniciativa"
    ids = panel.bring(dialog.chosen(), dialog.axis())
    assert len(ids) == 1 and panel.current_id() == ids[0]
    row = ctx.doc.store.get("initiative", ids[0])
    assert (row["origin_note_id"], row["axis"]) == (note_ids[0], "capacitacion_informacion")
    assert panel.form.origin.isVisible()
    assert panel.form.origin.text().startswith("Origen: «Falta de información sobre regularización» — ")
    assert "Grupo 2" in panel.form.origin.text() and "Taller de diagnóstico" in panel.form.origin.text()
    assert panel.form.origin.textFormat() == Qt.TextFormat.PlainText
    again = PP.BringDialog(ctx, panel.canvas_id, "salud", panel)
    assert [again.is_checkable(r["id"]) for r in again.rows] == [False, True]
    mark = again.model.index(0, again.model.columnCount() - 1)
    assert "ya está en la matriz" in mark.data().lower()
    panel.bring(note_ids, "salud")
    assert "Se creó 1 iniciativa. 1 nota ya estaba en la matriz." == panel.message.text()
    dialog.close()
    again.close()


def test_filter_in_the_bring_dialog(setup):
    ctx, panel, _n = setup
    dialog = PP.BringDialog(ctx, panel.canvas_id, "salud", panel)
    dialog.search.setText("discriminacion")
    assert [r["id"] not in dialog.visible_ids() for r in dialog.rows] == [True, False]
    dialog.close()


def test_several_planning_canvases_and_none(doc, qtbot):
    wid, _n = build(doc)
    holder = QWidget()
    qtbot.addWidget(holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), DocumentSignals(doc, holder), Settings(), wid)
    panel = PP.PlanningPanel(ctx)
    qtbot.addWidget(panel)
    assert not panel.canvas_combo.isVisibleTo(panel)
    ctx.undo.run(new_canvas(doc, wid, "planning_matrix", title="Segunda matriz"))
    assert panel.canvas_combo.count() == 2 and panel.canvas_combo.isVisibleTo(panel)
    second = panel.canvas_combo.itemData(1)
    panel.canvas_combo.setCurrentIndex(1)
    panel.canvas_combo.activated.emit(1)
    assert panel.canvas_id == second and panel.model.canvas_id == second
    other = new_workshop(doc, builtin_template("foda"), lang="es")
    doc.execute(other)
    empty = PP.PlanningPanel(WorkshopContext(doc, ctx.undo, ctx.signals, Settings(), other.workshop_id))
    qtbot.addWidget(empty)
    assert empty.stack.currentWidget() is empty.empty and empty.view is None
    assert "no tiene una matriz de planificación" in empty.empty.text()
    empty.add_initiative()  # nothing to add to, nothing breaks
    panel.shutdown()
    empty.shutdown()


def test_read_only_file_offers_no_edits(tmp_path, qtbot, qtmodeltester):
    path = tmp_path / "consulta.taller"
    writable = ProcessDocument.create(path, "Consulta")
    wid, _n = build(writable)
    cid = P.planning_canvases(writable, wid)[0]["id"]
    writable.execute(P.add_initiative(writable, cid, "salud", name="Operativo"))
    writable.close()
    doc = ProcessDocument(open_process_file(path, writable_check=lambda _p: False))
    assert doc.readonly
    holder = QWidget()
    qtbot.addWidget(holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), DocumentSignals(doc, holder), Settings(), wid)
    panel = PP.PlanningPanel(ctx)
    qtbot.addWidget(panel)
    assert not panel.add_button.isEnabled() and not panel.axes_button.isEnabled()
    model = panel.model
    row = model.row_of(rows_of(panel)[0]["id"])
    assert not model.flags(model.index(row, 2)) & Qt.ItemFlag.ItemIsEditable
    assert panel.form.name.isReadOnly() and not panel.form.criteria["specific"].isEnabled()
    panel.view.setCurrentIndex(model.index(row, 2))
    assert not panel.view.paste_text("Otra\n")
    assert "solo para lectura" in panel.message.text()
    assert panel.add_initiative() is None
    qtmodeltester.check(model)
    doc.close()


def test_projector_view_shows_the_axes_live(setup, qtbot):
    ctx, panel, _n = setup
    add(ctx, panel, "salud", name="Facilitadores interculturales en CESFAM", goal="2 contratados", unit="Salud")
    view = projector_view(ctx, ctx.doc.canvas(panel.canvas_id))
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    cards = view.cards()
    assert len(cards) == 6 and cards[-1] == ("Salud", "1 iniciativa (mínimo 2)",
                                             [("Facilitadores interculturales en CESFAM", "2 contratados · Salud")])
    add(ctx, panel, "salud", name="<b>Operativo</b>")
    assert view.cards()[-1][2][-1] == ("<b>Operativo</b>", "")
    assert not view.grab().isNull()


def test_model_without_canvas_is_empty(setup, qtmodeltester):
    ctx, panel, _n = setup
    model = PlanningModel(ctx, "no-existe")
    assert model.rowCount() == 0
    qtmodeltester.check(model)
    model.detach()
    assert section_id("salud") == "axis:salud"


MARKUP = "<b>x</b> <img src=x>"


def test_tooltips_show_user_text_as_typed(setup, qtbot, tooltip_text):
    ctx, panel, note_ids = setup
    ctx.doc.execute(board.edit_text(ctx.doc, note_ids[0], MARKUP))
    add(ctx, panel, "salud", name=MARKUP)
    panel.refresh_review()
    items = [panel.review_list.item(i) for i in range(panel.review_list.count())]
    missing = next(i for i in items if i.data(Qt.ItemDataRole.UserRole)
                   and i.data(Qt.ItemDataRole.UserRole).kind == "missing")
    assert MARKUP in missing.data(Qt.ItemDataRole.UserRole).text
    assert tooltip_text(missing.toolTip()) == missing.data(Qt.ItemDataRole.UserRole).text
    dialog = PP.BringDialog(ctx, panel.canvas_id, "salud", panel)
    row = next(n for n, r in enumerate(dialog.rows) if r["id"] == note_ids[0])
    tip = dialog.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip_text(tip).splitlines()[0] == MARKUP  # the whole note, then where it comes from
    dialog.close()


def test_paste_names_on_a_heading_adds_them_to_that_axis(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    first = P.axes(ctx.doc, panel.canvas_id)[0]["key"]
    view.setCurrentIndex(model.index(model.section_row(first), 3))
    assert view.paste_text("Oficina municipal de migrantes\nFeria intercultural\n")
    assert [(r["axis"], r["name"], r["strategy"], r["goal"]) for r in rows_of(panel)] == [
        (first, "Oficina municipal de migrantes", "", ""), (first, "Feria intercultural", "", "")]
    assert view.selected_range()[1:4:2] == (model.column_of("name"), model.column_of("name"))
    # Eight columns (the flipchart without its axis) start at "Estrategia".
    view.setCurrentIndex(model.index(model.section_row("salud"), 0))
    assert view.paste_text("Atención\tFacilitadores en CESFAM\t3 centros\t\tSalud\t\t\t2026\n")
    assert [(r["strategy"], r["name"], r["goal"], r["unit"]) for r in rows_of(panel, "salud")] == [
        ("Atención", "Facilitadores en CESFAM", "3 centros", "Salud")]


def test_a_refused_paste_lists_its_problems_with_plain_punctuation(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    add(ctx, panel, "salud", name="Operativo")
    add(ctx, panel, "salud", name="Feria")
    view.setCurrentIndex(model.index(model.row_of(rows_of(panel, "salud")[0]["id"]), 0))
    assert not view.paste_text("Vivienda\tx\nDeportes\ty\n")
    text = panel.message.text()
    assert text.startswith("No se pegó nada: fila 1, «Eje estratégico»: «Vivienda» no es una opción")
    assert ").; " not in text and "»).; fila 2" not in text and "); fila 2, «Eje estratégico»" in text
    assert text.endswith("«Sin eje»).") and ".." not in text


def test_pasting_another_axis_moves_the_row_under_its_new_heading_at_the_end(setup):
    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    moved = add(ctx, panel, "salud", name="Campaña")
    add(ctx, panel, "salud", name="Operativo")
    first = P.axes(ctx.doc, panel.canvas_id)[0]
    there = add(ctx, panel, first["key"], name="Mesa comunal")
    view.setCurrentIndex(model.index(model.row_of(moved), 0))
    assert view.paste_text(f"{first['label']}\n")
    assert [r["id"] for r in rows_of(panel, first["key"])] == [there, moved]
    assert [r["name"] for r in rows_of(panel, "salud")] == ["Operativo"]
    ctx.undo.stack.undo()
    assert [r["name"] for r in rows_of(panel, "salud")] == ["Campaña", "Operativo"]


def test_dialogs_go_when_closed(setup, flush_deletes):
    ctx, panel, note_ids = setup
    for _n in range(2):
        panel.edit_axes()
        panel.bring_from_notes()
        for dialog in panel.findChildren(QDialog):
            dialog.reject()
        flush_deletes()
        assert panel.findChildren(QDialog) == []
    panel.bring_from_notes()
    (dialog,) = panel.findChildren(PP.BringDialog)
    dialog.check(note_ids[:1])
    dialog.accept()  # accepted: the notes become initiatives, then the dialog goes
    flush_deletes()
    assert [r["origin_note_id"] for r in rows_of(panel)] == note_ids[:1] and panel.findChildren(QDialog) == []


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_form_fits_the_side_panel_without_clipping(setup, qtbot, lang):
    """Long axis and group names and a narrow side panel: every field stays inside the scroll area's viewport."""
    ctx, panel, _n = setup
    set_language(lang)
    long_name = "Coordinación intersectorial y territorial de la política municipal de migración e interculturalidad"
    assert ctx.undo.run(P.rename_axis(ctx.doc, panel.canvas_id, "salud", long_name))
    group = add_group(ctx.doc, ctx.workshop_id, "Grupo de funcionarios municipales de salud, educación y DIDECO")
    ctx.undo.run(group)
    board_id = next(c["id"] for w in ctx.doc.workshops() for c in ctx.doc.canvases(w["id"]) if c["kind"] == "board")
    pasted = board.add_notes(ctx.doc, board_id, "desafios", None,  # a pasted address: one long word, no place to wrap
                             ["Ver https://www.municipalidad.cl/tramites/regularizacion-migratoria/formularios-2026"])
    ctx.undo.run(pasted)
    rid = panel.bring(pasted.note_ids, "salud")[0]
    ctx.undo.run(P.edit_initiative(ctx.doc, rid, "group_id", group.id))
    for side in (PP.SIDE_WIDTH, PP.SIDE_MIN_WIDTH):
        panel.splitter.setSizes([10_000, side])
        panel.select_ids([rid])
        QGuiApplication.processEvents()
        scroll, form = panel.form_scroll, panel.form
        viewport = scroll.viewport()
        assert form.body.isVisible() and form.axis.currentText() == long_name
        assert form.width() <= viewport.width()
        fields = [form.name, form.axis, form.description, form.goal, form.period, form.group, form.indicators,
                  form.origin, *form.funding_buttons.values(), *form.criteria.values()]
        for field in fields:
            if field.isVisible():
                left = field.mapTo(viewport, field.rect().topLeft()).x()
                assert 0 <= left and left + field.width() <= viewport.width(), field.accessibleName()


def test_the_matrix_gets_the_room_and_headers_are_not_cut(setup):
    ctx, panel, _n = setup
    assert panel.splitter.sizes()[1] == PP.SIDE_WIDTH
    view = panel.view
    header = view.horizontalHeader()
    for width in (1500, 1100):  # the wider one has no sideways scrolling; the narrower one keeps headers whole
        panel.resize(width, 900)
        QGuiApplication.processEvents()
        for lang in ("es", "en"):
            set_language(lang)
            view._share_widths()
            for n in range(panel.model.columnCount()):
                words = str(panel.model.headerData(n, Qt.Orientation.Horizontal)).split()
                assert header.sectionSize(n) >= max(header.fontMetrics().horizontalAdvance(w) for w in words) + 8
            if width == 1500:
                assert header.length() <= view.viewport().width() + 1
    assert header.sectionSize(panel.model.column_of("axis")) < header.sectionSize(panel.model.column_of("name"))


@pytest.mark.parametrize("editing", [True, False])
def test_shift_tab_moves_left_inside_the_grid_and_typing_goes_on(setup, qtbot, editing):
    """Shift+Tab goes one cell left (as Tab goes right) and never leaves the matrix: what is typed next lands."""
    from PySide6.QtWidgets import QApplication

    ctx, panel, _n = setup
    view, model = panel.view, panel.model
    iid = add(ctx, panel, "salud", name="Operativo")
    row = model.row_of(iid)
    view.setCurrentIndex(model.index(row, model.column_of("goal")))
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    if editing:
        type_text(view, "5")
        target = open_editor(view)
    else:
        target = view
    QTest.keyClick(target, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex().column() == model.column_of("name")
    assert QApplication.focusWidget() is view
    for ch in "Charlas":  # each key to whatever has the focus, as the keyboard does
        type_text(QApplication.focusWidget(), ch)
    QTest.keyClick(open_editor(view), Qt.Key.Key_Return)
    assert ctx.doc.store.get("initiative", iid)["name"] == "Charlas"
    view.setCurrentIndex(model.index(row, model.column_of("name")))
    QTest.keyClick(view, Qt.Key.Key_Tab)  # and Tab goes right, inside the grid too
    assert QApplication.focusWidget() is view and view.currentIndex().column() == model.column_of("goal")


def test_a_choice_wider_than_its_narrow_combo_is_said_whole_in_the_tooltip(qtbot):
    from canvases.planning.initiative_form import narrow_combo

    combo = narrow_combo("Eje")
    qtbot.addWidget(combo)
    combo.resize(160, combo.sizeHint().height())
    long_axis = "Gestión municipal y coordinación institucional entre departamentos"
    combo.addItems(["Salud", long_axis])
    combo.setCurrentIndex(1)
    assert combo.fontMetrics().horizontalAdvance(long_axis) > combo.width()  # Qt clips it
    assert long_axis in combo.toolTip()
    combo.setCurrentIndex(0)
    assert "Salud" in combo.toolTip() and long_axis not in combo.toolTip()
