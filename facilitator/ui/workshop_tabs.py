"""The panels of a workshop, in order. Each is ``Widget(ctx: WorkshopContext, parent)``.

Panels are imported lazily from "module:Class" so a panel's module is loaded only
when a workshop is shown. Optional methods on a panel: ``activate()`` when its tab
is shown, ``shutdown()`` before the workshop view goes away.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..i18n import N_


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str  # Spanish source text; shown through _()
    widget: str  # "package.module:Class"

    def load(self):
        module, _sep, name = self.widget.partition(":")
        return getattr(importlib.import_module(module), name)


TABS: list[TabSpec] = [
    TabSpec("details", N_("Taller"), "facilitator.ui.workshop_details:WorkshopDetails"),
    TabSpec("agenda", N_("Agenda"), "facilitator.ui.agenda:AgendaEditor"),
    TabSpec("run", N_("Ejecutar"), "facilitator.ui.run_mode:RunPanel"),
    TabSpec("board", N_("Tablero"), "facilitator.ui.board_panel:BoardPanel"),
    TabSpec("participants", N_("Participantes"), "facilitator.ui.participants_panel:ParticipantsPanel"),
    TabSpec("minutes", N_("Relatoría"), "facilitator.ui.minutes_pane:MinutesPane"),
    TabSpec("commitments", N_("Compromisos"), "facilitator.ui.commitments_panel:CommitmentsPanel"),
    TabSpec("photos", N_("Fotos"), "facilitator.ui.photos_panel:PhotosPanel"),
]
