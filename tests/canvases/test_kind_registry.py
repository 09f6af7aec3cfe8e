"""A sixth kind declared once in the registry shows up everywhere a kind is listed.

The dummy kind (tests/canvases/dummy_kind.py) names its panel, projector view and
PDF section by dotted path, as a real method names its own. The file's CHECK constraint lists the
built-in kinds (a real new kind migrates it, see docs/adding-a-method.md); the test
lifts it on its own connection so a canvas of the dummy kind can be stored.
"""

from __future__ import annotations

import json

import pytest

from canvases.registry import projector_view
from exports.labels import kind_name, zone_heading
from exports.model import load_report
from exports.pdf import write_pdf
from exports.pdf.canvases import is_landscape, section_for
from facilitator import kinds
from facilitator.commands import InsertRow
from facilitator.domain.templates import load_template_file
from facilitator.i18n import Translator
from facilitator.add_canvas import default_zones, new_canvas
from facilitator.ui.process_view import WorkshopView
from facilitator.ui.run.projector import canvas_view
from facilitator.ui.workshop_tabs import tabs
from tests.canvases.dummy_kind import DUMMY, SECTION_TEXT, DummyPanel, DummyView, dummy_section

@pytest.fixture
def dummy():
    kinds.register(DUMMY)
    yield DUMMY
    kinds.unregister(DUMMY.key)
    assert kinds.get(DUMMY.key) is None


@pytest.fixture
def unchecked(ctx):
    """Store a canvas kind the file's CHECK does not list yet (as a migration would allow)."""
    ctx.doc.store.conn.execute("PRAGMA ignore_check_constraints = ON")
    return ctx


def test_the_registry_lists_the_builtin_kinds_once():
    assert [k.key for k in kinds.all_kinds()] == ["board", "foda", "problem_tree", "planning_matrix",
                                                   "monitoring_matrix"]
    assert len({k.tab_key for k in kinds.all_kinds()}) == 5
    with pytest.raises(ValueError):
        kinds.unregister("foda")


def test_a_registered_kind_is_in_the_tabs_the_menu_the_projector_and_the_exports(qtbot, unchecked, dummy, tmp_path):
    ctx = unchecked
    # The tab list: after the built-in kinds, before the record's tabs.
    keys = [t.key for t in tabs()]
    assert keys.index("dummy") == keys.index("monitoring") + 1 and keys[-4] == "participants"
    spec = next(t for t in tabs() if t.key == "dummy")
    assert spec.kind == "dummy_wall" and spec.load() is DummyPanel

    # The add-canvas menu adds one, with the kind's zones, and its tab appears.
    view = WorkshopView(ctx)
    qtbot.addWidget(view)
    actions = {a.text(): a for a in view.add_canvas_button.menu().actions()}
    assert "Muro de prueba" in actions
    actions["Muro de prueba"].trigger()
    added = [c for c in ctx.doc.canvases(ctx.workshop_id) if c["kind"] == "dummy_wall"]
    assert [c["title"] for c in added] == ["Muro"]
    assert added[0]["zones"] == default_zones("dummy_wall", "es") == [{"key": "ladrillos", "label": "Ladrillos"}]
    assert isinstance(view.panels["dummy"], DummyPanel)
    assert view.currentWidget() is view.panels["dummy"]
    assert [view.tabText(i) for i in range(view.count())].count("Muro") == 1

    # The runner's projector shows the kind's own view.
    shown = canvas_view(ctx, added[0])
    qtbot.addWidget(shown)
    assert isinstance(shown, DummyView) and shown.text() == "Muro"
    assert isinstance(projector_view(ctx, added[0]), DummyView)

    # The exports: its name, its zones' heading, its PDF section on a landscape page.
    t = Translator("es")
    assert kind_name("dummy_wall", t) == "Muro de prueba" and zone_heading("dummy_wall", t) == "Ladrillo"
    assert section_for("dummy_wall") is dummy_section and is_landscape("dummy_wall")
    ctx.doc.execute(InsertRow("note", {"canvas_id": added[0]["id"], "zone": "ladrillos", "text": "Un ladrillo"}))
    report = load_report(ctx.doc, workshop_id=ctx.workshop_id)
    canvas = next(c for w in report.workshops for c in w.canvases if c.kind == "dummy_wall")
    assert canvas.kind_label == "Muro de prueba"
    pdf = tmp_path / "informe.pdf"
    write_pdf(report, pdf)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert f"{SECTION_TEXT}: Muro" in text


def test_a_script_may_use_a_registered_kind(tmp_path, dummy):
    from importlib import resources

    data = json.loads(resources.files("resources").joinpath("templates", "diagnostico.json").read_text("utf-8"))
    data["canvases"][0]["kind"] = "dummy_wall"
    path = tmp_path / "diagnostico.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_template_file(path).canvases[0].kind == "dummy_wall"
    kinds.unregister("dummy_wall")
    with pytest.raises(Exception, match="dummy_wall"):
        load_template_file(path)


def test_new_canvas_of_an_unknown_kind_is_refused(diagnostic):
    doc, wid = diagnostic
    with pytest.raises(KeyError):
        new_canvas(doc, wid, "dummy_wall")
