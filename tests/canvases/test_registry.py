"""Every kind of canvas can be shown on the runner's projector."""

from PySide6.QtWidgets import QWidget

from canvases.registry import projector_view, projector_views
from facilitator.demo import build_demo
from facilitator.document import ProcessDocument
from facilitator.store.schema import CANVAS_KINDS
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.undo import UndoAdapter


def test_every_kind_has_a_projector_view(qtbot, tmp_path):
    assert set(projector_views()) == set(CANVAS_KINDS)
    doc = ProcessDocument.open(build_demo(tmp_path / "demo.taller"))
    signals = DocumentSignals(doc)
    try:
        shown = set()
        for row in doc.store.query("SELECT * FROM canvas"):
            ctx = WorkshopContext(doc, UndoAdapter(doc), signals, Settings(), row["workshop_id"])
            view = projector_view(ctx, doc.canvas(row["id"]))
            qtbot.addWidget(view)
            assert isinstance(view, QWidget)
            view.resize(1280, 720)
            view.show()
            assert not view.grab().isNull()
            shown.add(row["kind"])
        assert shown == set(CANVAS_KINDS)
    finally:
        signals.detach()
        doc.close()
