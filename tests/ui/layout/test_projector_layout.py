"""The projector at 1024×768, 1280×720 and 1920×1080 in each state: all inside, no overlapping text, nothing cut.

States: ready, a group block with its board beside the clock, the same with the canvas
large (L), a block of each method canvas, over time, the end; with six groups of six
people with long names.
"""

import pytest
from PySide6.QtWidgets import QApplication

from facilitator.participants import add_group
from facilitator.session.runner import Status
from facilitator.settings import Settings
from facilitator.ui.main_window import MainWindow
from qtshared.dialogs import Dialogs

from .checks import problems

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
LONG = ["María José Fernández Valenzuela", "Jean-Baptiste Pierre-Louis Étienne", "Yusmary Alejandra Rondón Pérez",
        "Francisco Javier Olivares Tapia", "Wilner Jean-Louis Saint-Fleur", "Carolina Andrea Muñoz Fuentes"]


@pytest.fixture
def demo(qtbot, monkeypatch):
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text: None))
    monkeypatch.setattr(Dialogs, "choose", classmethod(lambda cls, parent, text, choices: "pause"))
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    assert w.open_demo()
    yield w
    w._closing = True
    w.close_document()


def _settle():
    for _ in range(4):
        QApplication.processEvents()


def _six_groups_of_six(doc, workshop_id):
    from facilitator.commands import InsertRow

    for g in range(6):
        macro = add_group(doc, workshop_id, f"Grupo de trabajo intersectorial {g + 1}")
        doc.execute(macro)
        for n, name in enumerate(LONG):
            person = InsertRow("participant", {"process_id": doc.process["id"], "name": f"{name} {g}{n}",
                                               "consent": 1})
            doc.execute(person)
            doc.execute(InsertRow("attendance", {"workshop_id": workshop_id, "participant_id": person.id,
                                                 "group_id": macro.id, "present": 1}))


def _states(window, row):
    """Yield (name, projector) for each state of workshop ``row``'s run."""
    view = window.view
    view.list.setCurrentRow(row)
    tabs = view.workshop_view()
    tabs.show_panel("run")
    panel = tabs.panels["run"]
    controller = panel.controller
    panel.toggle_projector()
    projector = panel.projector
    yield "ready", projector
    controller.act("start")
    for step in range(len(controller.runner.plan)):
        for large in (False, True):
            panel.actions_by_key["canvas"].setChecked(large)
            panel._canvas_large_changed()
            if large and projector.canvas_widget() is None:
                continue
            yield f"block {step + 1}{' L' if large else ''}", projector
        if controller.runner.can("next"):
            controller.act("next")
    controller.act("end")
    assert controller.runner.status is Status.FINISHED
    yield "end", projector
    projector.close()


@pytest.mark.parametrize("size", SIZES)
def test_projector_fits_in_every_state(demo, size):
    found = []
    for row in range(demo.view.list.count()):
        if row == 0:
            wid = demo.view.doc.workshops()[0]["id"]
            _six_groups_of_six(demo.doc, wid)
        for state, projector in _states(demo, row):
            projector.resize(*size)
            _settle()
            found += [f"workshop {row + 1}, {state}: {p}" for p in problems(projector)]
    assert found == [], "\n".join(found)
