"""The Sistematización workspace: findings list and editor, suggestions with the slider, tables and texts."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from facilitator.document import ProcessDocument
from facilitator.settings import Settings
from facilitator.synthesis import findings as F
from facilitator.synthesis import tables as T
from facilitator.ui.process_view import ProcessView


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from facilitator.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.taller")


@pytest.fixture
def view(demo_file, tmp_path, qtbot):
    path = tmp_path / "demo.taller"
    shutil.copy(demo_file, path)
    doc = ProcessDocument.open(path)
    widget = ProcessView(doc, Settings())
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    widget.show_synthesis()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()
    doc.close()


def test_the_workspace_lists_findings_with_counts_and_sources(view):
    tab = view.synthesis.findings
    assert view.synthesis_button.isChecked() and view.current_workshop_id() is None
    assert tab.list.count() == 12
    first = tab.list.item(0).text()
    assert first.startswith("Desafío: La falta de documentos") and "6 notas" in first and "16 votos" in first
    assert tab.sources.count() == 7
    assert sum(tab.sources.item(i).text().startswith("★ ") for i in range(tab.sources.count())) == 2
    # choosing a workshop leaves the workspace; the button brings it back
    view.list.setCurrentRow(0)
    assert not view.synthesis_button.isChecked() and view.pages.currentWidget() is not view.synthesis
    view.show_synthesis()
    assert view.pages.currentWidget() is view.synthesis


def test_a_theme_longer_than_its_field_reads_from_its_start(view):
    tab = view.synthesis.findings
    view.resize(1000, 700)
    tab.list.setCurrentRow(1)
    tab.list.setCurrentRow(0)
    theme = tab.theme.text()
    assert theme and tab.theme.fontMetrics().horizontalAdvance(theme) > tab.theme.width()  # too long for it
    assert tab.theme.cursorPosition() == 0 and theme in tab.theme.toolTip()
    tab.theme.setFocus()
    tab.theme.setText("Documentación")  # as typed: the tooltip follows
    assert "Documentación" in tab.theme.toolTip() and theme not in tab.theme.toolTip()


def test_edit_merge_split_and_undo_from_the_workspace(view, qtbot):
    tab = view.synthesis.findings
    doc, pid = view.doc, view.doc.process["id"]
    tab.list.setCurrentRow(0)
    fid = tab.current_id()
    tab.dimensions["salud"].setChecked(True)
    assert "salud" in F.findings(doc.store, pid)[0]["dimensions"]
    tab.kind.setCurrentIndex(list(tab.kind.itemData(i) for i in range(tab.kind.count())).index("leccion"))
    assert doc.store.get("finding", fid)["kind"] == "leccion"
    view.undo.stack.undo()
    view.undo.stack.undo()
    assert doc.store.get("finding", fid)["kind"] == "desafio"
    assert "salud" not in F.findings(doc.store, pid)[0]["dimensions"]
    # merge the first two
    tab.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    tab.list.item(0).setSelected(True)
    tab.list.item(1).setSelected(True)
    tab.list.setCurrentRow(0, tab.list.selectionModel().SelectionFlag.Select)
    tab.merge()
    assert tab.list.count() == 11 and len(F.sources(doc.store, fid)) == 9
    view.undo.stack.undo()
    assert tab.list.count() == 12
    # split: tick the minutes entry of the first finding
    tab.list.setCurrentRow(0)
    for i in range(tab.sources.count()):
        if "(Relatoría · " in tab.sources.item(i).text():
            tab.sources.item(i).setCheckState(Qt.CheckState.Checked)
    from PySide6.QtWidgets import QInputDialog

    orig = QInputDialog.getMultiLineText
    QInputDialog.getMultiLineText = staticmethod(lambda *a, **k: ("La documentación como puerta de entrada", True))
    try:
        tab.split()
    finally:
        QInputDialog.getMultiLineText = orig
    assert tab.list.count() == 13
    assert tab.list.item(1).text().startswith("Desafío: La documentación como puerta de entrada")
    view.undo.stack.undo()
    assert tab.list.count() == 12


def test_typing_the_statement_is_saved_as_one_undo_step(view, qtbot):
    tab = view.synthesis.findings
    tab.list.setCurrentRow(2)
    fid = tab.current_id()
    before = view.doc.store.get("finding", fid)["statement"]
    tab.statement.setFocus()
    tab.statement.setPlainText("Sin protocolo común de derivación")
    qtbot.waitUntil(lambda: view.doc.store.get("finding", fid)["statement"] == "Sin protocolo común de derivación")
    view.undo.stack.undo()
    assert view.doc.store.get("finding", fid)["statement"] == before


def test_suggestions_follow_the_slider_and_accept_makes_a_finding_in_one_step(view, qtbot):
    view.synthesis.setCurrentWidget(view.synthesis.suggestions)
    tab = view.synthesis.suggestions
    qtbot.waitUntil(lambda: tab.suggester is not None)
    default = len(tab.found)
    assert default >= 3
    tab.slider.setValue(90)
    assert len(tab.found) <= default
    tab.slider.setValue(40)
    assert len(tab.found) == default
    assert tab.threshold_label.text() == "0,40"  # the Spanish decimal mark
    first = tab.found[0]
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.accept_current()
    findings = F.findings(view.doc.store, view.doc.process["id"])
    assert len(findings) == 13 and findings[-1]["statement"] == first.notes[0].text
    qtbot.waitUntil(lambda: first.signature not in {s.signature for s in tab.found})
    view.undo.stack.undo()
    assert len(F.findings(view.doc.store, view.doc.process["id"])) == 12
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    signature = tab.current().signature
    tab.reject_current()
    assert signature in T.rejected(view.doc.store, view.doc.process["id"])
    qtbot.waitUntil(lambda: signature not in {s.signature for s in tab.found})
    tab.term.setText("vivienda")
    tab.equals.setText("arriendo")
    tab.add_synonym()
    assert ("vivienda", "arriendo") in T.synonym_pairs(view.doc.store, view.doc.process["id"])


def test_tables_edit_in_place_refuse_bad_categories_and_undo(view, monkeypatch):
    from qtshared.dialogs import Dialogs

    tab = view.synthesis.tables.tables["key_figure"]
    pid = view.doc.process["id"]
    tab.grid.item(0, 1).setText("12 %")
    assert T.rows(view.doc.store, "key_figure", pid)[0]["value"] == "12 %"
    view.undo.stack.undo()
    assert T.rows(view.doc.store, "key_figure", pid)[0]["value"] == "11,8 %"
    errors = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: errors.append(text)))
    actors = view.synthesis.tables.tables["actor"]
    item = actors.grid.item(0, 1)
    item.setData(Qt.ItemDataRole.UserRole, "club deportivo")
    assert errors and "categoría" in errors[0]
    tab.add()
    assert len(T.rows(view.doc.store, "key_figure", pid)) == 6


def test_texts_rest_on_findings(view, qtbot):
    tab = view.synthesis.texts
    tab.kind.setCurrentIndex(1)  # conclusions
    assert tab.list.count() == 2
    rid = tab.current_id()
    before = F.texts(view.doc.store, view.doc.process["id"], "conclusion")[0]["findings"]
    free = next(i for i in range(tab.basis.count()) if tab.basis.item(i).checkState() == Qt.CheckState.Unchecked)
    tab.basis.item(free).setCheckState(Qt.CheckState.Checked)
    after = view.doc.store.get("synthesis_text", rid)["findings"]
    assert len(__import__("json").loads(after)) == len(before) + 1


def test_a_long_text_is_listed_by_its_first_whole_words_and_shown_whole_in_its_tooltip(view):
    tab = view.synthesis.texts
    tab.kind.setCurrentIndex(tab.kind.findData("summary"))
    body = tab.rows[tab.current_id()]["body"]
    assert len(body) > 160
    item = tab.list.currentItem()
    shown = item.text()
    assert shown.endswith("…") and len(shown) <= 161
    assert body.startswith(shown[:-1]) and body[len(shown) - 1] == " "  # cut between two words
    assert body in item.toolTip()


def test_export_dialog_chooses_the_synthesised_report_and_its_sections(view, qtbot, tmp_path):
    from exports.sections import DEFAULT, RECORD
    from facilitator.ui.export_dialog import ExportDialog

    dialog = ExportDialog(view.doc, view.undo)
    qtbot.addWidget(dialog)
    assert dialog.structure.currentData() == "synthesis" and dialog.sections() == DEFAULT
    dialog.section_actions["script"].setChecked(True)
    assert dialog.sections()[-6] == "script"
    for action in dialog.section_actions.values():
        action.setChecked(False)
    assert not dialog.export_button.isEnabled()  # nothing to export
    dialog.section_actions["findings"].setChecked(True)
    dialog.target.setText(str(tmp_path / "hallazgos"))
    assert dialog.request().sections == ("findings",) and dialog.export_button.isEnabled()
    dialog.structure.setCurrentIndex(1)
    assert dialog.request().sections == (RECORD,) and not dialog.sections_button.isEnabled()


def test_the_picker_searches_every_workshop_and_links_in_one_step(view, qtbot, monkeypatch):
    from facilitator.ui.synthesis import findings_tab
    from facilitator.ui.synthesis.picker import SourcePicker

    tab = view.synthesis.findings
    tab.list.setCurrentRow(1)
    fid = tab.current_id()
    linked = {s.target_id for s in F.sources(view.doc.store, fid)}
    picker = SourcePicker(view.doc, linked)
    qtbot.addWidget(picker)
    assert len(picker.rows) > 100  # notes and minutes of all five workshops
    assert {r["kind"] for r in picker.rows} == {"note", "entry"}
    assert len({r["workshop_id"] for r in picker.rows}) == 5
    assert linked and all(not picker.is_checkable(i) for i in linked)  # already behind the finding
    texts = {r["id"]: r["text"] for r in picker.rows}
    picker.set_filter(text="creole cesfam")
    shown = picker.visible_ids()
    assert shown and all("creole" in texts[i].casefold() for i in shown)
    picker.check([i for i in shown if picker.is_checkable(i)])
    notes, entries = picker.chosen()
    assert notes or entries
    assert not set(notes + entries) & linked
    entry = next(r for r in picker.rows if r["kind"] == "entry")
    picker.set_filter(canvas=entry["canvas_id"])  # a workshop's minutes
    assert picker.visible_ids() and all(picker.kinds[i] == "entry" for i in picker.visible_ids())
    monkeypatch.setattr(findings_tab, "pick_sources", lambda *_a: (notes, entries))
    before = tab.sources.count()
    tab.link()
    assert tab.sources.count() == before + len(notes) + len(entries)
    view.undo.stack.undo()
    assert tab.sources.count() == before


def test_a_read_only_file_shows_the_workspace_without_editing(demo_file, tmp_path, qtbot):
    path = tmp_path / "solo.taller"
    shutil.copy(demo_file, path)
    doc = ProcessDocument.open(path, readonly=True)
    widget = ProcessView(doc, Settings())
    qtbot.addWidget(widget)
    widget.show_synthesis()
    tab = widget.synthesis.findings
    try:
        assert tab.list.count() == 12
        assert not tab.kind.isEnabled() and not tab.new_button.isEnabled() and tab.statement.isReadOnly()
        assert not any(b.isEnabled() for b in tab.dimensions.values())
        assert not widget.synthesis.tables.tables["actor"].add_button.isEnabled()
        assert not widget.synthesis.suggestions.accept_button.isEnabled()
    finally:
        widget.shutdown()
        doc.close()
