"""The panels of a workshop, in order. Each is ``Widget(ctx: WorkshopContext, parent)``.

Panels are imported lazily from "module:Class" so a panel's module is loaded only
when a workshop is shown. The workshop's own tabs come first and last; between
them one tab per canvas kind of ``facilitator.kinds`` (its ``tab_key``, ``tab`` and
``panel``), which shows the workshop's canvases of that kind and is a tab only
while the workshop has one. Optional methods on a
panel: ``activate()`` when its tab is shown, ``shutdown()`` before it goes away,
``show_canvas(canvas_id)`` to bring one of its canvases forward.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from .. import kinds
from ..i18n import N_


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str  # Spanish source text; shown through _()
    widget: str  # "package.module:Class"
    kind: str | None = None  # canvas kind: shown only while the workshop has such a canvas

    def load(self):
        module, _sep, name = self.widget.partition(":")
        return getattr(importlib.import_module(module), name)


BEFORE: tuple[TabSpec, ...] = (
    TabSpec("details", N_("Taller"), "facilitator.ui.workshop_details:WorkshopDetails"),
    TabSpec("agenda", N_("Agenda"), "facilitator.ui.agenda:AgendaEditor"),
    TabSpec("run", N_("Ejecutar"), "facilitator.ui.run.run_panel:RunPanel"),
)
AFTER: tuple[TabSpec, ...] = (
    TabSpec("capture", N_("Teléfonos"), "facilitator.ui.capture.capture_panel:CapturePanel"),
    TabSpec("participants", N_("Participantes"), "facilitator.ui.people.participants_panel:ParticipantsPanel"),
    TabSpec("minutes", N_("Relatoría"), "facilitator.ui.record.minutes_panel:MinutesPanel"),
    TabSpec("commitments", N_("Compromisos"), "facilitator.ui.record.commitments_panel:CommitmentsPanel"),
    TabSpec("photos", N_("Fotos"), "facilitator.ui.photos.photos_panel:PhotosPanel"),
)


def tabs() -> list[TabSpec]:
    """Every tab a workshop may show, in order: the workshop's own, one per canvas kind, the record's."""
    return [*BEFORE, *(TabSpec(k.tab_key, k.tab, k.panel, k.key) for k in kinds.all_kinds()), *AFTER]
