"""A sixth canvas kind for tests: its registry entry and its Qt and report pieces (tests/canvases/test_kind_registry.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from facilitator.i18n import N_
from facilitator.kinds import Kind

DUMMY = Kind("dummy_wall", N_("Muro de prueba"), N_("Muro"), "dummy", N_("Muro"),
             panel="tests.canvases.dummy_kind:DummyPanel",
             projector_view="tests.canvases.dummy_kind:dummy_projector_view",
             pdf_section="tests.canvases.dummy_kind:dummy_section", landscape=True,
             zone_heading=N_("Ladrillo"), zones=({"key": "ladrillos", "label": {"es": "Ladrillos", "en": "Bricks"}},))
SECTION_TEXT = "Sección del muro de prueba"


class DummyPanel(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx


class DummyView(QLabel):
    pass


def dummy_projector_view(ctx, canvas_row):
    return DummyView(canvas_row["title"])


def dummy_section(c, w, canvas, zones):
    from reportlab.platypus import Paragraph

    return [Paragraph(f"{SECTION_TEXT}: {canvas.title}", c.st.body)]
