"""Adding a canvas of any kind to a workshop: the method's zones, one undoable insert."""

import json

import pytest

from facilitator import kinds
from facilitator.domain.labels import show
from facilitator.i18n import Translator
from facilitator.add_canvas import default_zones, new_canvas
from facilitator.store.schema import CANVAS_KINDS


def test_every_kind_can_be_added():
    assert [k.key for k in kinds.all_kinds()] == list(CANVAS_KINDS)


def test_zones_are_the_methods():
    assert [z["key"] for z in default_zones("foda", "es")] == ["fortalezas", "oportunidades", "debilidades", "amenazas"]
    assert [z["label"] for z in default_zones("problem_tree", "en")] == ["Core problem", "Causes", "Effects"]
    assert len(default_zones("planning_matrix", "es")) == 6  # the guide's example axes
    assert default_zones("monitoring_matrix", "es") == []
    assert [z["key"] for z in default_zones("board", "es")] == ["ideas"]


@pytest.mark.parametrize("kind", CANVAS_KINDS)
def test_new_canvas_is_one_undoable_insert(diagnostic, kind):
    doc, wid = diagnostic
    before = doc.canvases(wid)
    command = new_canvas(doc, wid, kind, lang="es")
    doc.execute(command)
    added = doc.canvas(command.id)
    assert added["kind"] == kind and added["workshop_id"] == wid
    assert added["position"] == max(c["position"] for c in before) + 1
    assert added["zones"] == default_zones(kind, "es")
    command.undo(doc.store)
    assert doc.canvases(wid) == before


def test_a_second_canvas_of_a_kind_gets_a_number(diagnostic):
    doc, wid = diagnostic
    first = new_canvas(doc, wid, "foda", lang="en")
    doc.execute(first)
    second = new_canvas(doc, wid, "foda", lang="en")
    doc.execute(second)
    # Stored as the app's keys (issue 14), shown in the UI's language whichever language made them.
    assert [doc.canvas(first.id)["title"], doc.canvas(second.id)["title"]] == ["Matriz FODA", "Matriz FODA 2"]
    stored = doc.store.query("SELECT title, zones FROM canvas WHERE id IN (?, ?) ORDER BY title", (first.id, second.id))
    assert [r["title"] for r in stored] == ["canvas:matriz_foda", "canvas:matriz_foda 2"]
    assert json.loads(stored[1]["zones"])[0]["label"] == "zone:fortalezas"
    assert show(stored[1]["title"], Translator("en")) == "SWOT matrix 2"
