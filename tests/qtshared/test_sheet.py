"""The shared spreadsheet table: keyboard editing, copy/paste ranges, clearing, one undo step each."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from facilitator import tsv
from facilitator.domain.templates import builtin_template
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from facilitator.cells import Column, parse_yes_no
from facilitator.commands import InsertRow, UpdateRow
from qtshared.sheet import SECTION, CellEditor, RowTableModel, SheetView
from qtshared.undo import UndoAdapter
from qtshared.widgets import plain_tooltip
from facilitator.workshops import new_workshop

COLUMNS = [
    Column("name", "Nombre"),
    Column("responsible", "Responsable"),
    Column("start_date", "Fecha de inicio", kind="date"),
    Column("on_track", "¿En curso?", kind="yesno"),
    Column("status", "Estado", kind="choice", required=True,
           choices={"not_started": "No iniciada", "on_track": "En curso", "late": "Atrasada", "done": "Terminada"}),
    Column("created_at", "Creada", editable=False),
]


class Rows(RowTableModel):
    """Monitoring rows of one canvas, optionally under one section row (as the planning axes are)."""

    def __init__(self, ctx, canvas_id, sections=False):
        self.canvas_id, self.sections = canvas_id, sections
        super().__init__(ctx, "monitoring_row", COLUMNS)

    def load(self):
        rows = self.ctx.doc.store.query(
            "SELECT * FROM monitoring_row WHERE canvas_id = ? ORDER BY position, created_at", (self.canvas_id,))
        return ([{"id": "§", SECTION: "Planilla"}] if self.sections else []) + rows

    def defaults(self, anchor):
        return {"canvas_id": self.canvas_id}

    # The test's own little domain: plain row commands (a real kind asks its pure module).
    def edit_command(self, row, values):
        return UpdateRow("monitoring_row", row["id"], values, "Editar")

    def insert_commands(self, anchor, values):
        top = max((float(r.get("position") or 0) for r in self.rows if SECTION not in r), default=-1.0)
        return [InsertRow("monitoring_row", {**self.defaults(anchor), **v, "position": top + n + 1})
                for n, v in enumerate(values)]


def editor(view, kind=CellEditor):
    """The open editor of the view (closed ones linger until deleted, hidden)."""
    found = [w for w in view.findChildren(kind) if w.isVisible()]
    assert len(found) == 1
    return found[0]


def type_text(widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def setup(doc, qtbot):
    macro = new_workshop(doc, builtin_template("seguimiento"), lang="es")
    doc.execute(macro)
    canvas_id = next(c["id"] for c in doc.canvases(macro.workshop_id) if c["kind"] == "monitoring_matrix")
    holder = QWidget()
    qtbot.addWidget(holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), DocumentSignals(doc, holder), Settings(), macro.workshop_id)
    return ctx, canvas_id


def make(setup, qtbot, sections=False):
    ctx, canvas_id = setup
    model = Rows(ctx, canvas_id, sections)
    view = SheetView(model)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    view.activateWindow()
    view.setFocus()
    messages = []
    view.message.connect(messages.append)
    return ctx, model, view, messages


def names(model):
    return [r["name"] for r in model.rows if SECTION not in r]


def test_models_pass_the_model_tester(setup, qtbot, qtmodeltester):
    for sections in (False, True):
        ctx, model, view, _m = make(setup, qtbot, sections)
        view.paste_text("Mesa\tOMIL\n" * 3)
        qtmodeltester.check(model)


def test_paste_a_range_beyond_the_last_row_is_one_undo_step(setup, qtbot):
    ctx, model, view, messages = make(setup, qtbot)
    view.paste_text("Primera\tOMIL\n")
    view.setCurrentIndex(model.index(0, 1))
    block = ("DIDECO\t01/03/2026\tsí\ten curso\n"
             "\"Salud\nAtención primaria\"\t2026-04-15\tNo\tAtrasada\n"
             "OMIL\t\t\tno iniciada\n")
    assert view.paste_text(block)
    assert names(model) == ["Primera", "", ""]
    got = [(r["responsible"], r["start_date"], r["on_track"], r["status"]) for r in model.rows]
    assert got == [("DIDECO", "2026-03-01", 1, "on_track"), ("Salud\nAtención primaria", "2026-04-15", 0, "late"),
                   ("OMIL", "", None, "not_started")]
    assert view.selected_range() == (0, 1, 2, 4)
    assert "12 celdas" in messages[-1]
    ctx.undo.stack.undo()
    assert [(r["name"], r["responsible"]) for r in model.rows] == [("Primera", "OMIL")]
    ctx.undo.stack.redo()
    assert len(model.rows) == 3


def test_paste_on_a_section_row_adds_rows_under_it(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot, sections=True)
    view.setCurrentIndex(model.index(0, 0))
    assert view.paste_text("Mesa\tOMIL\nCampaña\tComunicaciones\n")
    assert names(model) == ["Mesa", "Campaña"]
    assert view.rowSpan(0, 0) == 1 and view.columnSpan(0, 0) == len(COLUMNS)


def test_pastes_that_do_not_fit_say_why_and_change_nothing(setup, qtbot):
    ctx, model, view, messages = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\n")
    depth = ctx.undo.stack.count()
    view.setCurrentIndex(model.index(0, 3))
    assert not view.paste_text("sí\ten curso\tx\tsobra\n")
    assert "4 columnas" in messages[-1] and "«¿En curso?»" in messages[-1] and "caben 3" in messages[-1]
    view.setCurrentIndex(model.index(0, 0))
    assert not view.paste_text("Otra\tOtro\t\tquizás\n")
    assert "«quizás» no es una respuesta de Sí o No" in messages[-1] and "fila 1" in messages[-1]
    assert not view.paste_text("Otra\tOtro\t\t\tcasi\n")
    assert "«casi» no es una opción" in messages[-1]
    assert names(model) == ["Mesa"] and model.rows[0]["responsible"] == "OMIL"
    assert ctx.undo.stack.count() == depth


def test_copy_gives_spreadsheet_text_and_html(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text('Mesa\t"OMIL\ny Salud"\t\tsí\n<b>x</b>\tDIDECO\n')
    view.select_range(0, 0, 1, 3)
    assert view.copy()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == 'Mesa\t"OMIL\ny Salud"\t\tSí\n<b>x</b>\tDIDECO\t\t\n'
    assert tsv.parse(mime.text())[1][0] == "<b>x</b>"
    assert "&lt;b&gt;x&lt;/b&gt;" in mime.html()
    assert model.index(1, 0).data() == "<b>x</b>"  # plain text, as typed


def test_ctrl_c_and_ctrl_v_through_the_keyboard(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\n")
    view.select_range(0, 0, 0, 1)
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Mesa\tOMIL\n"
    view.setCurrentIndex(model.index(0, 0))
    view.clearSelection()
    QGuiApplication.clipboard().setText("Campaña\tComunicaciones\r\nFeria\tOMIL\r\n")
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [(r["name"], r["responsible"]) for r in model.rows] == [("Campaña", "Comunicaciones"), ("Feria", "OMIL")]


def test_typing_replaces_enter_commits_and_moves_down(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\nFeria\tOMIL\n")
    view.setCurrentIndex(model.index(0, 0))
    type_text(view, "C")  # the first key opens the editor with what was typed
    ed = editor(view)
    assert ed.toPlainText() == "C"
    type_text(ed, "apacitación ñandú ü 😀")
    QTest.keyClick(ed, Qt.Key.Key_Return)
    assert model.rows[0]["name"] == "Capacitación ñandú ü 😀"
    assert view.currentIndex().row() == 1 and view.currentIndex().column() == 0
    assert view.state() != view.State.EditingState


def test_f2_appends_shift_enter_breaks_line_tab_moves_right_escape_cancels(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\n")
    view.setCurrentIndex(model.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_F2)
    ed = editor(view)
    type_text(ed, " comunal")
    QTest.keyClick(ed, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(ed, "de migración")
    QTest.keyClick(ed, Qt.Key.Key_Tab)
    assert model.rows[0]["name"] == "Mesa comunal\nde migración"
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 1)
    QTest.keyClick(view, Qt.Key.Key_Return)  # Enter on a cell edits it, keeping the value
    ed = editor(view)
    assert ed.toPlainText() == "OMIL"
    type_text(ed, " y Salud")
    QTest.keyClick(ed, Qt.Key.Key_Escape)
    assert model.rows[0]["responsible"] == "OMIL"
    assert view.rowHeight(0) > view.rowHeight(0) // 2 and view.rowHeight(0) >= 2 * view.fontMetrics().lineSpacing()


def test_typing_a_date_keeps_every_character(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\n")
    view.setCurrentIndex(model.index(0, 2))
    type_text(view, "3")
    line = editor(view, QLineEdit)
    assert line.text() == "3" and not line.hasSelectedText()
    type_text(line, "1/01/2027")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert model.rows[0]["start_date"] == "2027-01-31"
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_F2)  # F2 on a date selects it: typing a new date replaces it
    line = editor(view, QLineEdit)
    assert line.selectedText() == "2027-01-31"


def test_yes_no_and_choice_cells_edit_with_a_combo(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\n")
    view.setCurrentIndex(model.index(0, 3))
    type_text(view, "s")  # typing picks the first choice that starts so
    combo = editor(view, QComboBox)
    assert combo.currentText() == "Sí"
    QTest.keyClick(combo, Qt.Key.Key_Return)
    assert model.rows[0]["on_track"] == 1
    view.setCurrentIndex(model.index(0, 4))
    type_text(view, "a")
    combo = editor(view, QComboBox)
    QTest.keyClick(combo, Qt.Key.Key_Return)
    assert model.rows[0]["status"] == "late"


def test_delete_clears_the_selection_in_one_step_but_not_required_or_read_only_cells(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\t2026-01-01\tsí\tatrasada\nFeria\tDIDECO\t\tno\tterminada\n")
    created = model.rows[0]["created_at"]
    depth = ctx.undo.stack.count()
    view.select_range(0, 0, 1, 5)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert [(r["name"], r["responsible"], r["start_date"], r["on_track"]) for r in model.rows] == [
        ("", "", "", None), ("", "", "", None)]
    assert [r["status"] for r in model.rows] == ["late", "done"] and model.rows[0]["created_at"] == created
    assert ctx.undo.stack.count() == depth + 1
    ctx.undo.stack.undo()
    assert names(model) == ["Mesa", "Feria"] and model.rows[0]["on_track"] == 1


def test_insert_and_delete_row_keys_are_signalled(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    with qtbot.waitSignal(view.insert_requested):
        QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.insert_requested):
        QTest.keyClick(view, Qt.Key.Key_Insert)
    with qtbot.waitSignal(view.delete_rows_requested):
        QTest.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)


def test_changes_from_elsewhere_repaint_only_the_rows_that_changed(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text("Mesa\nFeria\nCampaña\n")
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.setData(model.index(1, 1), "OMIL")
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), bottom.row()) == (1, 1)


def test_read_only_file_refuses_edits_with_a_message(setup, qtbot, monkeypatch):
    ctx, model, view, messages = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\n")
    monkeypatch.setattr(ctx.doc.store, "readonly", True)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    view.setCurrentIndex(model.index(0, 0))
    assert not view.paste_text("Otra\n")
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "solo para lectura" in messages[-1]
    assert names(model) == ["Mesa"]


@pytest.mark.parametrize("text,value", [("Sí", 1), ("si", 1), ("SÍ", 1), ("x", 1), ("✓", 1), ("yes", 1), ("1", 1),
                                        ("No", 0), ("n", 0), ("0", 0), ("", None), ("Sin definir", None),
                                        (None, None), (True, 1), (0, 0)])
def test_yes_no_reading(text, value):
    assert parse_yes_no(text) == value


def test_yes_no_refuses_other_words():
    with pytest.raises(ValueError, match="no es una respuesta de Sí o No"):
        parse_yes_no("a veces")


def test_columns_share_the_width_until_the_user_drags_one(setup, qtbot):
    ctx, model, view, _m = make(setup, qtbot)
    header = view.horizontalHeader()
    view.resize(1300, 500)
    qtbot.waitUntil(lambda: header.sectionSize(0) > COLUMNS[0].width * 1.2)  # wider than its hint, in proportion
    assert abs(header.sectionSize(1) / header.sectionSize(0) - COLUMNS[1].width / COLUMNS[0].width) < 0.02
    header.resizeSection(0, 300)  # as a drag does
    view.resize(900, 500)
    qtbot.wait(10)
    assert header.sectionSize(0) == 300
    fixed = SheetView(model, share_width=False)
    qtbot.addWidget(fixed)
    fixed.resize(1300, 500)
    fixed.show()
    assert [fixed.horizontalHeader().sectionSize(n) for n in range(len(COLUMNS) - 1)] == [
        c.width for c in COLUMNS[:-1]]


MARKUP = "<b>x</b> <img src=x>"


def test_plain_tooltip_shows_markup_and_line_breaks_as_typed(tooltip_text):
    for text in (MARKUP, f"{MARKUP}\n  segunda  línea & <i>más</i>", "a < b > c"):
        assert tooltip_text(plain_tooltip(text)) == text
    assert plain_tooltip("") == ""
    assert tooltip_text(MARKUP) != MARKUP  # what Qt would do with the raw text


def test_long_cells_tooltip_shows_user_text_as_typed(setup, qtbot, tooltip_text):
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text(f'"{MARKUP}\notra línea"\tOMIL\n')
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip_text(tip) == f"{MARKUP}\notra línea"


class Traced(Rows):
    """Rows whose name cells say where they came from, as the monitoring sheet's do, and whose responsible cells
    have a tooltip of their own (as a status's reason)."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and SECTION not in self.rows[index.row()]:
            row, field = self.rows[index.row()], self.columns[index.column()].field
            if field == "name":
                return plain_tooltip(f"{row['name']}\n\nViene de: taller de <planificación>")
            if field == "responsible":
                return "Unidad a cargo"
        return super().data(index, role)


def shown_tooltip(view, index):
    """The tooltip a hovering mouse gets over the cell (plain text), and the widget it was shown for."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    point = view.visualRect(index).center()
    QToolTip.hideText()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    tip = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return tip


def test_a_cut_cell_keeps_the_models_tooltip(setup, qtbot, tooltip_text):
    """A word wider than its column: the tooltip gives the whole text and keeps what the model's said."""
    ctx, canvas_id = setup
    model = Traced(ctx, canvas_id)
    view = SheetView(model)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitExposed(view)
    view.paste_text("Interculturalidad comunal\tDepartamentodesaludmunicipal\n")
    for column in (0, 1):
        view.horizontalHeader().resizeSection(column, 50)  # both texts cut
    name = tooltip_text(shown_tooltip(view, model.index(0, 0)))
    assert name == "Interculturalidad comunal\n\nViene de: taller de <planificación>"  # the model's, as it was
    unit = tooltip_text(shown_tooltip(view, model.index(0, 1)))
    assert unit == "Departamentodesaludmunicipal\n\nUnidad a cargo"  # the whole text, then the model's


def test_a_new_long_word_widens_its_column_without_a_resize(setup, qtbot):
    """At a width where the columns are narrowed, a reload that brings a longer word shares the widths again."""
    ctx, model, view, _m = make(setup, qtbot)
    view.paste_text("Mesa\tOMIL\nFeria\tDAEM\n")
    header = view.horizontalHeader()
    view.resize(int(sum(c.width for c in COLUMNS) * 0.7), 500)
    qtbot.waitUntil(lambda: header.sectionSize(1) < COLUMNS[1].width * 0.8)
    qtbot.wait(200)
    narrow = header.sectionSize(1)
    ctx.doc.execute(UpdateRow("monitoring_row", model.rows[1]["id"], {"responsible": "Intersectorialidades"}))
    assert model.rows[1]["responsible"] == "Intersectorialidades"  # reloaded, the view's size unchanged
    floor = view.word_floors()[1]
    assert floor > narrow  # the word does not fit the column as it was
    qtbot.waitUntil(lambda: header.sectionSize(1) >= floor, timeout=1000)
