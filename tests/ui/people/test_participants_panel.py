"""The participants tab: registry table, attendance, groups and CSV imports through the GUI."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from facilitator import participants as P
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.dialogs import Dialogs
from facilitator.ui.people.participants_panel import KEYS, WIDTHS, ParticipantsModel, ParticipantsPanel, share_widths
from qtshared.undo import UndoAdapter

PEOPLE = [
    {"name": "Ana Pérez", "organisation": "Municipalidad", "sector": "Gobierno local", "consent": True},
    {"name": "José Ñúñez", "organisation": "Fundación", "sector": "Sociedad civil"},
    {"name": "", "organisation": "Vecinos", "sector": "Sociedad civil"},
    {"name": "Tomás <b>Rivas</b>", "organisation": "Liceo", "sector": "Servicios públicos"},
]


@pytest.fixture
def filled(ctx):
    for values in PEOPLE:
        ctx.doc.execute(P.add_participant(ctx.doc, values))
    return ctx


@pytest.fixture
def panel(filled, qtbot):
    widget = ParticipantsPanel(filled)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


@pytest.fixture
def dialogs(monkeypatch):
    """Replace message boxes and file pickers; record what would have been shown."""
    shown = {"error": [], "info": [], "open": []}
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown["error"].append(text)))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text: shown["info"].append(text)))
    return shown


def type_text(widget, text):
    """Type per character: keyClicks aborts on accented letters and emoji."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def commit(editor, qtbot, stack):
    """Return in a table editor commits through a queued call: wait for the edit to land."""
    count = stack.count()
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stack.count() > count)


def cell(panel, row, key):
    return panel.proxy.index(row, KEYS.index(key))


def test_model_passes_qtmodeltester(filled, qtmodeltester):
    group = P.add_group(filled.doc, filled.workshop_id)
    filled.doc.execute(group)
    pid = P.registry(filled.doc, filled.workshop_id)[0]["id"]
    filled.doc.execute(P.assign_group(filled.doc, filled.workshop_id, pid, group.id))
    model = ParticipantsModel(filled)
    qtmodeltester.check(model, force_py=True)
    # and still consistent while rows come and go
    filled.doc.execute(P.add_participant(filled.doc, {"name": "Nueva"}))
    filled.doc.execute(P.remove_participant(filled.doc, pid))
    qtmodeltester.check(model, force_py=True)
    model.detach()


def test_table_shows_registry_as_plain_text(panel):
    assert panel.proxy.rowCount() == 4
    assert cell(panel, 0, "name").data() == "Ana Pérez"
    assert cell(panel, 3, "name").data() == "Tomás <b>Rivas</b>"
    assert cell(panel, 2, "name").data() == "sin nombre"  # a placeholder; the stored name stays empty
    assert cell(panel, 2, "name").data(Qt.ItemDataRole.EditRole) == ""
    assert cell(panel, 0, "consent").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert panel.summary.text() == "4 personas en el registro · 0 presentes en este taller · 0 grupos"


def test_add_participant_and_type_an_accented_name(panel, qtbot):
    ctx = panel.ctx
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.proxy.rowCount() == 5
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    name = "Ñandú Güemes ¿sí? 🌱"
    type_text(editor, name)
    commit(editor, qtbot, ctx.undo.stack)
    rows = P.registry(ctx.doc, ctx.workshop_id)
    assert rows[-1]["name"] == name
    assert cell(panel, 4, "name").data() == name
    with qtbot.waitSignal(panel.model.dataChanged):
        ctx.undo.stack.undo()  # the name
    assert P.registry(ctx.doc, ctx.workshop_id)[-1]["name"] == ""
    with qtbot.waitSignal(panel.model.rowsRemoved):
        ctx.undo.stack.undo()  # the new row
    assert panel.proxy.rowCount() == 4


def test_edit_a_cell_is_one_undo_step(panel, qtbot):
    ctx = panel.ctx
    index = cell(panel, 1, "territory")
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = QApplication.focusWidget()
    type_text(editor, "Peñalolén")
    commit(editor, qtbot, ctx.undo.stack)
    assert cell(panel, 1, "territory").data() == "Peñalolén"
    assert ctx.undo.stack.count() == 1
    ctx.undo.stack.undo()
    assert cell(panel, 1, "territory").data() == ""


def test_attendance_and_consent_checkboxes(panel, qtbot):
    ctx = panel.ctx
    for row in (0, 1):
        rect = panel.table.visualRect(cell(panel, row, "present"))
        # the check indicator sits at the left of the cell
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    rows = P.registry(ctx.doc, ctx.workshop_id)
    assert [r["present"] for r in rows] == [1, 1, 0, 0]
    assert "2 presentes" in panel.summary.text()
    assert panel.proxy.setData(cell(panel, 0, "consent"), Qt.CheckState.Unchecked.value,
                               Qt.ItemDataRole.CheckStateRole)
    assert P.registry(ctx.doc, ctx.workshop_id)[0]["consent"] == 0
    ctx.undo.stack.undo()
    assert P.registry(ctx.doc, ctx.workshop_id)[0]["consent"] == 1


def test_group_combo_assigns_a_group(panel, qtbot):
    ctx = panel.ctx
    qtbot.mouseClick(panel.add_group_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.add_group_button, Qt.MouseButton.LeftButton)
    assert [panel.group_list.item(i).text() for i in range(2)] == ["Grupo 1 (0)", "Grupo 2 (0)"]
    index = cell(panel, 1, "group")
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    combo = panel.table.findChild(QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Sin grupo", "Grupo 1", "Grupo 2"]
    assert combo.currentIndex() == 0
    QTest.keyClick(combo, Qt.Key.Key_Down)  # each arrow press is saved, as a click in the list is
    QTest.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: cell(panel, 1, "group").data() == "Grupo 2")
    QTest.keyClick(combo, Qt.Key.Key_Return)
    groups = {g["name"]: g["id"] for g in ctx.doc.groups(ctx.workshop_id)}
    row = P.registry(ctx.doc, ctx.workshop_id)[1]
    assert row["group_id"] == groups["Grupo 2"] and row["present"] == 0
    assert cell(panel, 1, "group").data() == "Grupo 2"
    assert panel.group_list.item(1).text() == "Grupo 2 (1)"
    qtbot.waitUntil(lambda: panel.table.findChild(QComboBox) is None)  # Return closed the editor
    ctx.undo.stack.undo()
    assert cell(panel, 1, "group").data() == "Grupo 1"


def test_rename_group_in_the_list(panel, qtbot, dialogs):
    ctx = panel.ctx
    qtbot.mouseClick(panel.add_group_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.add_group_button, Qt.MouseButton.LeftButton)
    panel.group_list.setCurrentRow(0)
    qtbot.mouseClick(panel.rename_group_button, Qt.MouseButton.LeftButton)
    editor = panel.group_list.findChild(QLineEdit)
    assert editor.text() == "Grupo 1"  # the bare name, without the member count
    editor.selectAll()
    type_text(editor, "Mesa Ñuñoa")
    commit(editor, qtbot, ctx.undo.stack)
    assert [g["name"] for g in ctx.doc.groups(ctx.workshop_id)] == ["Mesa Ñuñoa", "Grupo 2"]
    assert panel.group_list.item(0).text() == "Mesa Ñuñoa (0)"
    # a duplicate name is refused with a message and the list shows the stored names again
    panel.group_list.setCurrentRow(1)
    panel.rename_current_group()
    editor = panel.group_list.findChild(QLineEdit)
    editor.selectAll()
    type_text(editor, "mesa ñuñoa")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialogs["error"]))
    assert dialogs["error"] == ["Ya existe un grupo «Mesa Ñuñoa» en este taller."]
    assert panel.group_list.item(1).text() == "Grupo 2 (0)"


def test_split_automatically_is_one_undo_step(panel, qtbot):
    ctx = panel.ctx
    panel.split_count.setValue(2)
    panel.split_method.setCurrentIndex(panel.split_method.findData("sector"))
    qtbot.mouseClick(panel.split_button, Qt.MouseButton.LeftButton)
    assert sorted(P.group_members(ctx.doc, ctx.workshop_id).values()) == [2, 2]
    assert panel.group_list.count() == 2
    assert all(cell(panel, r, "group").data() for r in range(4))
    # the two from «Sociedad civil» are in different groups
    rows = P.registry(ctx.doc, ctx.workshop_id)
    assert rows[1]["group_id"] != rows[2]["group_id"]
    ctx.undo.stack.undo()
    assert panel.group_list.count() == 0 and not any(cell(panel, r, "group").data() for r in range(4))


def test_remove_selected_participants(panel, qtbot):
    ctx = panel.ctx
    panel.table.selectRow(0)
    panel.table.selectionModel().select(cell(panel, 2, "name"), panel.table.selectionModel().SelectionFlag.Select
                                        | panel.table.selectionModel().SelectionFlag.Rows)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [r["name"] for r in P.registry(ctx.doc, ctx.workshop_id)] == ["José Ñúñez", "Tomás <b>Rivas</b>"]
    ctx.undo.stack.undo()
    assert panel.proxy.rowCount() == 4


def test_search_ignores_accents(panel):
    type_text(panel.search, "nunez")
    assert panel.proxy.rowCount() == 1
    assert cell(panel, 0, "name").data() == "José Ñúñez"
    panel.search.clear()
    type_text(panel.search, "sociedad CIVIL")
    assert panel.proxy.rowCount() == 2


def test_import_participants_button(panel, qtbot, dialogs, monkeypatch, tmp_path):
    ctx = panel.ctx
    good = tmp_path / "lista.csv"
    good.write_bytes("nombre;organización;grupo;consentimiento\r\nLucía Ñanco;OPD;Grupo 1;sí\r\n"
                     "Ana Pérez;;Grupo 2;\r\n".encode("cp1252"))
    monkeypatch.setattr(Dialogs, "open_file", classmethod(
        lambda cls, parent, folder="", filters=None, title=None: dialogs["open"].append((filters, title)) or str(good)))
    qtbot.mouseClick(panel.import_people_button, Qt.MouseButton.LeftButton)
    assert dialogs["error"] == []
    assert dialogs["info"] == ["Se importó 1 participante nuevo y se actualizaron 0 (2 grupos nuevos)."]
    assert "*.csv" in dialogs["open"][0][0] and dialogs["open"][0][1] == "Importar participantes desde CSV"
    assert panel.proxy.rowCount() == 5 and cell(panel, 4, "name").data() == "Lucía Ñanco"
    assert cell(panel, 0, "group").data() == "Grupo 2"
    assert ctx.settings.get("last_folder") == str(tmp_path)
    ctx.undo.stack.undo()
    assert panel.proxy.rowCount() == 4 and panel.group_list.count() == 0


def test_bad_participant_file_lists_rows_and_imports_nothing(panel, qtbot, dialogs, monkeypatch, tmp_path):
    ctx = panel.ctx
    bad = tmp_path / "mala.csv"
    bad.write_text("nombre,consentimiento\nLuis,sí\nMarta,quizás\nLuis,no\n", encoding="utf-8")
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, *a, **k: str(bad)))
    before = P.registry(ctx.doc, ctx.workshop_id)
    qtbot.mouseClick(panel.import_people_button, Qt.MouseButton.LeftButton)
    assert len(dialogs["error"]) == 1
    message = dialogs["error"][0]
    assert message.startswith("No se importó nada de «mala.csv».")
    assert "Fila 3: «quizás» no es válido en la columna consentimiento" in message
    assert "Fila 4: «Luis» ya aparece en la fila 2." in message
    assert P.registry(ctx.doc, ctx.workshop_id) == before and ctx.undo.stack.count() == 0


def test_import_notes_button(panel, qtbot, dialogs, monkeypatch, tmp_path):
    ctx = panel.ctx
    notes = tmp_path / "notas.csv"
    notes.write_text("texto,zona,autor\n\"Falta de intérpretes\nen salud\",desafíos,José Ñúñez\n", encoding="utf-8-sig")
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, *a, **k: str(notes)))
    qtbot.mouseClick(panel.import_notes_button, Qt.MouseButton.LeftButton)
    assert dialogs["error"] == []
    assert dialogs["info"][0].startswith("Se importó 1 nota (0 grupos nuevos, 1 vinculada a participantes).")
    canvas = ctx.doc.canvases(ctx.workshop_id)[0]
    assert [n["text"] for n in ctx.doc.notes(canvas["id"])] == ["Falta de intérpretes\nen salud"]
    # cancelling the file dialog does nothing
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, *a, **k: ""))
    qtbot.mouseClick(panel.import_notes_button, Qt.MouseButton.LeftButton)
    assert len(dialogs["info"]) == 1 and ctx.undo.stack.count() == 1


def test_read_only_file_cannot_be_edited(diagnostic, qtbot, tmp_path):
    from facilitator.document import ProcessDocument

    doc, wid = diagnostic
    doc.execute(P.add_participant(doc, {"name": "Ana"}))
    path = doc.path
    ro = ProcessDocument.open(path, readonly=True)
    signals = DocumentSignals(ro)
    ctx = WorkshopContext(ro, UndoAdapter(ro), signals, Settings(), wid)
    widget = ParticipantsPanel(ctx)
    qtbot.addWidget(widget)
    assert not widget.add_button.isEnabled() and not widget.split_button.isEnabled()
    index = widget.proxy.index(0, KEYS.index("name"))
    assert not widget.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not widget.proxy.setData(index, "Otra")
    widget.shutdown()
    signals.detach()
    ro.close()


def test_long_error_reports_are_capped(panel, qtbot, dialogs, monkeypatch, tmp_path):
    bad = tmp_path / "muchos.csv"
    bad.write_text("texto,zona,votos\n" + "".join(f"nota {i},desafíos,x\n" for i in range(40)), encoding="utf-8")
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, *a, **k: str(bad)))
    qtbot.mouseClick(panel.import_notes_button, Qt.MouseButton.LeftButton)
    lines = dialogs["error"][0].splitlines()
    assert lines[2] == "Fila 2: los votos deben ser un número entero («x»)."
    assert lines[-1] == "… y 15 problemas más."


@pytest.mark.parametrize("available", [400, 840, 1300])
def test_columns_share_the_width_and_keep_their_least_width(available):
    widths = share_widths(available)
    assert set(widths) == set(KEYS)
    assert all(widths[k] >= WIDTHS[k][1] for k in KEYS)
    if available >= sum(m for _w, m in WIDTHS.values()):
        assert available - len(KEYS) <= sum(widths.values()) <= available


def test_long_words_give_way_rather_than_the_table_scrolling_sideways():
    """Words that do not all fit at their width (1024 px with a long organisation and sector) are cut (the
    tooltip has them) down to the headers' least widths; where they fit they keep their width."""
    words = {"organisation": 150, "sector": 140, "name": 120, "territory": 86}  # «Campamento»: 8 px over its least
    room = sum(m for _w, m in WIDTHS.values()) + 60
    widths = share_widths(room, words)
    assert sum(widths.values()) <= room and all(widths[k] >= WIDTHS[k][1] for k in KEYS)
    assert widths["territory"] >= 86  # a short word stays whole: the longest ones give way
    assert widths["organisation"] > WIDTHS["organisation"][1]  # the room there is goes to the words
    wide = share_widths(1200, words)
    assert all(wide[k] >= w for k, w in words.items())


@pytest.mark.parametrize("kind", ["notes", "participants"])
def test_imports_plan_under_the_write_lock(panel, qtbot, dialogs, monkeypatch, tmp_path, kind):
    """The plan reads the file inside BEGIN IMMEDIATE: another program's import cannot slip in before it writes."""
    from facilitator.ui.people import participants_panel as module

    ctx = panel.ctx
    csv_file = tmp_path / "f.csv"
    csv_file.write_text("texto,zona,grupo\nuna idea,desafíos,Grupo nuevo\n" if kind == "notes"
                        else "nombre,sector,grupo\nAna Pérez,Salud,Grupo nuevo\n", encoding="utf-8")
    name = "plan_notes_import" if kind == "notes" else "plan_participants_import"
    real = getattr(module, name)
    locked = []

    def planning(*args, **kwargs):
        locked.append(ctx.doc.store.conn.in_transaction)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, planning)
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, *a, **k: str(csv_file)))
    button = panel.import_notes_button if kind == "notes" else panel.import_people_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert locked == [True] and dialogs["error"] == [] and dialogs["info"]
    assert [g["name"] for g in ctx.doc.groups(ctx.workshop_id)].count("Grupo nuevo") == 1
    ctx.undo.stack.undo()  # one undo step, as before
    assert "Grupo nuevo" not in [g["name"] for g in ctx.doc.groups(ctx.workshop_id)]


def test_the_split_count_reads_as_what_to_split_into_not_as_a_count(panel, qtbot):
    """With one group in the workshop, the box beside «Dividir automáticamente» must not read «Número de grupos 3»."""
    ctx = panel.ctx
    ctx.doc.execute(P.add_group(ctx.doc, ctx.workshop_id, "Grupo único"))
    qtbot.waitUntil(lambda: panel.group_list.count() == 1)
    labels = [w.text() for w in panel.findChildren(type(panel.split_count_label))]
    assert "Número de grupos" not in labels
    assert panel.split_count_label.text() == "Dividir en" and panel.split_count_label.buddy() is panel.split_count
    assert panel.split_count.text() == "3 grupos"
    panel.split_count.setValue(1)
    assert panel.split_count.text() == "1 grupo"
    ctx.doc.execute(P.add_group(ctx.doc, ctx.workshop_id, "Grupo 2"))
    qtbot.waitUntil(lambda: panel.group_list.count() == 2)
    assert panel.split_count.value() == 2 and panel.split_count.text() == "2 grupos"  # follows the real groups


def test_groups_go_under_the_table_when_beside_it_the_columns_would_scroll(panel, qtbot):
    """Beside the table at 1200 px; under it at 800 px (no sideways scrolling either way); beside it again."""
    from PySide6.QtWidgets import QApplication

    def settle(width):
        panel.resize(width, 600)
        for _ in range(3):
            QApplication.processEvents()

    table, box = panel.table, panel.groups_box
    for width, below in ((1200, False), (800, True), (1200, False)):
        settle(width)
        assert panel.groups_below is below
        if below:
            assert box.y() > table.geometry().bottom() and box.width() > table.width() * 0.9
        else:
            assert box.x() > table.geometry().right() and box.width() <= 290
        assert not table.horizontalScrollBar().isVisible(), width


ORGS = ("Junta de Vecinos Población Esperanza Norte", "Municipalidad", "Agrupación Cultural Migrantes Unidos")


@pytest.fixture
def crowd(ctx, qtbot, monkeypatch):
    """120 people (their organisations wrap) in a panel at 1024 px; ``measured`` collects the rows whose height
    was worked out (the delegate asked for their size)."""
    from facilitator.commands import Macro
    from facilitator.ui.people import participants_model as PM

    ctx.doc.execute(Macro([P.add_participant(ctx.doc, {"name": f"Persona {n}", "organisation": ORGS[n % 3],
                                                      "sector": "Sociedad civil"}) for n in range(120)], "Importar"))
    measured = []
    original = PM.TextDelegate.sizeHint

    def counting(self, option, index):
        measured.append(index.row())
        return original(self, option, index)

    monkeypatch.setattr(PM.TextDelegate, "sizeHint", counting)
    widget = ParticipantsPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    qtbot.waitExposed(widget)
    settle(qtbot)
    measured.clear()
    yield widget, measured
    widget.shutdown()


def settle(qtbot):
    qtbot.wait(350)  # the debounced re-share, then the debounced re-fit


def in_sight(table):
    rows = range(table.model().rowCount())
    return [r for r in rows if table.rowViewportPosition(r) < table.viewport().height()
            and table.rowViewportPosition(r) + table.rowHeight(r) > 0]


def fits(table, row):
    return table.rowHeight(row) == max(table.sizeHintForRow(row), table.verticalHeader().minimumSectionSize())


def test_an_edit_re_measures_only_its_row(crowd, qtbot):
    panel, measured = crowd
    table = panel.table
    present = panel.proxy.index(4, KEYS.index("present"))
    assert panel.proxy.setData(present, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    settle(qtbot)
    assert set(measured) == {4}
    measured.clear()
    organisation = panel.proxy.index(5, KEYS.index("organisation"))
    before = table.rowHeight(5)
    assert panel.proxy.setData(organisation, "Coordinadora de organizaciones sociales y territoriales del "
                                             "sector sur de la comuna")
    settle(qtbot)
    assert set(measured) == {5} and table.rowHeight(5) > before and fits(table, 5)


def test_a_resize_re_measures_the_rows_in_sight_and_the_others_when_they_come_into_sight(crowd, qtbot):
    panel, measured = crowd
    table = panel.table
    panel.resize(1100, 600)
    settle(qtbot)
    sight = in_sight(table)
    assert set(measured) <= set(sight) and len(sight) < 40
    assert all(fits(table, r) for r in sight)
    measured.clear()
    table.scrollToBottom()
    settle(qtbot)
    sight = in_sight(table)
    assert sight[-1] == 119 and all(fits(table, r) for r in sight)
    assert set(sight) <= set(measured) and len(set(measured)) < 40  # those near the end, not the 120


def test_clearing_the_search_re_measures_no_row(crowd, qtbot):
    """The rows the search hid come back with the heights they had: the columns' widths did not change."""
    panel, measured = crowd
    table = panel.table
    widths = [table.columnWidth(c) for c in range(len(KEYS))]
    panel.search.setText("junta")
    settle(qtbot)
    assert len(set(measured)) < 20  # the rows found that were out of sight (unknown heights)
    measured.clear()
    panel.search.clear()
    settle(qtbot)
    assert [table.columnWidth(c) for c in range(len(KEYS))] == widths
    assert measured == [] and all(fits(table, r) for r in in_sight(table))


def test_a_new_long_word_sends_the_groups_under_the_table_without_a_resize(panel, qtbot):
    """Where the table and the groups just fit side by side, a longer word in a new organisation would make the
    table scroll sideways: the groups go under it once the edit lands."""
    from facilitator.ui.people.participants_panel import BOX_WIDTH

    margins = panel.outer.contentsMargins()
    width = panel.table_least_width() + BOX_WIDTH[0] + margins.left() + margins.right() + panel.outer.spacing() + 10
    panel.resize(width, 600)
    settle(qtbot)
    assert panel.groups_below is False
    panel.ctx.doc.execute(P.add_participant(panel.ctx.doc, {"organisation": "Intercomunalidades"}))
    settle(qtbot)
    assert panel.groups_below is True and not panel.table.horizontalScrollBar().isVisible()
