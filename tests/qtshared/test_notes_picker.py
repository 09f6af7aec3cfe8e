"""The one notes picker: filters by workshop, canvas, zone, group and words; marks, elides, ticks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from qtshared.notes_picker import ELIDE_AT, NotesPicker, elided

LONG = "Una nota muy larga " * 20


def rows():
    def row(n, text, workshop, canvas, zone, group, brought=False):
        return {"id": f"n{n}", "text": text, "workshop_id": workshop, "workshop_title": f"Taller {workshop}",
                "canvas_id": canvas, "canvas_title": f"Lienzo {canvas}", "zone": zone, "zone_label": zone.title(),
                "group_id": group, "group_name": f"Grupo {group}" if group else "", "brought": brought}
    return [row(1, "Falta de intérpretes", "a", "a1", "desafios", "g1"),
            row(2, LONG, "a", "a2", "desafios", None),
            row(3, "Redes de apoyo", "b", "b1", "fortalezas", "g2", brought=True)]


@pytest.fixture
def picker(qtbot):
    dialog = NotesPicker(rows(), title="Traer", intro="Elija", empty="Nada", brought_tip="Ya está aquí",
                         targets=[("x", "Equis"), ("y", "Ye")], target_caption="Llevar a:", target="y")
    qtbot.addWidget(dialog)
    return dialog


def test_filters_and_the_model_pass_the_model_tester(picker, qtmodeltester):
    qtmodeltester.check(picker.model)
    qtmodeltester.check(picker.proxy)
    assert picker.visible_ids() == ["n1", "n2", "n3"]
    assert not picker.canvas_combo.isHidden()  # several canvases: the canvas filter is offered
    picker.set_filter(canvas="a2")
    assert picker.visible_ids() == ["n2"]
    picker.set_filter(workshop="a", group=None)
    assert picker.visible_ids() == ["n2"]
    picker.set_filter(zone="fortalezas")
    assert picker.visible_ids() == ["n3"]
    picker.set_filter(text="INTERPRETES")
    assert picker.visible_ids() == ["n1"]
    picker.set_filter()
    picker.hide_brought.setChecked(True)
    assert picker.visible_ids() == ["n1", "n2"]


def test_long_notes_are_elided_with_the_whole_text_in_the_tooltip(picker, tooltip_text):
    shown = picker.model.index(1, 0).data()
    assert len(shown) == ELIDE_AT and shown.endswith("…") and "\n" not in shown
    tip = tooltip_text(picker.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole))
    assert tip.splitlines()[0] == LONG and "Taller a · Lienzo a2 · Desafios" in tip
    assert elided("corta") == "corta"


def test_brought_items_are_marked_and_never_counted(picker, qtbot):
    brought = picker.model.index(2, picker.model.columnCount() - 1)
    assert brought.data() == "Ya traída"
    assert picker.model.index(2, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert "Ya está aquí" in picker.model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    ok = picker.buttons.button(picker.buttons.StandardButton.Ok)
    picker.check(["n3"])
    assert picker.chosen_ids() == ["n3"] and not ok.isEnabled()
    picker.check(["n1"])
    assert ok.text() == "Traer 1 nota" and ok.isEnabled()
    assert picker.target() == "y"


def test_brought_items_can_be_left_untickable(qtbot):
    dialog = NotesPicker(rows(), title="Traer", intro="", empty="", brought_checkable=False)
    qtbot.addWidget(dialog)
    dialog.check(["n3", "n1"])
    assert dialog.chosen_ids() == ["n1"] and not dialog.is_checkable("n3")
    assert not dialog.model.flags(dialog.model.index(2, 0)) & Qt.ItemFlag.ItemIsUserCheckable


def test_an_empty_list_says_so(qtbot):
    dialog = NotesPicker([], title="Traer", intro="", empty="Todavía no hay notas.")
    qtbot.addWidget(dialog)
    assert not dialog.empty.isHidden() and dialog.table.isHidden()
