""""Traer notas de un tablero…": choose post-its from any board of the process for the matrix.

The diagnostic's flipcharts already hold challenges, strengths and
opportunities; the FODA plenary should not retype them. The shared notes picker
(``qtshared.notes_picker``) lists every board note of the process with its
workshop, zone and group, filtered by those and by words; the user ticks notes
(Space ticks the selected rows) and chooses the quadrant, which follows the
board zone of what is ticked until the user picks one. Notes already brought
into this matrix are marked (and can be hidden); the panel runs the copy as one
undo step and says how many it skipped.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtWidgets import QWidget

from facilitator import foda
from facilitator.document import ProcessDocument
from facilitator.i18n import _, N_, ngettext
from qtshared.notes_picker import NotesPicker

from .look import group_colour


def suggested_quadrant(rows: list[dict[str, Any]]) -> str:
    """The quadrant most of the ticked notes' board zones point to (challenges → weaknesses…)."""
    votes = Counter(foda.default_target(r["zone"]) for r in rows)
    best = max(votes.values())
    return next(foda.default_target(r["zone"]) for r in rows if votes[foda.default_target(r["zone"])] == best)


class BringOverDialog(NotesPicker):
    def __init__(self, doc: ProcessDocument, canvas_id: str, parent: QWidget | None = None) -> None:
        canvas = doc.canvas(canvas_id) or {}
        super().__init__(
            foda.source_notes(doc, canvas_id), title=_("Traer notas de un tablero"),
            intro=_("Marque las notas de los tableros del proceso que quiere llevar a la matriz FODA. "
                    "Se copian con su texto y su grupo; la nota del tablero no cambia."),
            empty=_("Los tableros de este proceso todavía no tienen notas."),
            zone_heading=N_("Zona del tablero"), brought_heading=N_("En esta matriz"), brought_mark=N_("Ya traída"),
            brought_tip=_("Ya está en esta matriz"),
            brought_summary=lambda n: ngettext("{n} ya está en la matriz y no se copiará",
                                               "{n} ya están en la matriz y no se copiarán", n),
            targets=[(q.key, foda.zone_label(canvas, q.key)) for q in foda.QUADRANTS],
            target_caption=_("Llevar al cuadrante:"), target_name=_("Cuadrante de destino"),
            suggest_target=suggested_quadrant,
            group_colour=lambda r: group_colour(r["group_colour"], r["group_position"]),
            list_name=_("Notas de los tableros"), parent=parent)
        self.canvas = canvas
