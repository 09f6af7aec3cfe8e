""""Traer desde notas…": notes of the process's boards, FODA matrices and trees become initiatives.

The dialog is the shared notes picker (``qtshared.notes_picker``) with the matrix's
axes as destinations; notes already made into an initiative here cannot be ticked.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator import planning as P
from facilitator.i18n import _, N_, ngettext
from qtshared.context import WorkshopContext
from qtshared.notes_picker import NotesPicker


# -- notes brought over --------------------------------------------------------------------------------------
class BringDialog(NotesPicker):
    """Choose notes of the process's flipcharts (a group's proposals, a challenge…) and the axis they go to."""

    def __init__(self, ctx: WorkshopContext, canvas_id: str, axis: str, parent: QWidget | None = None) -> None:
        self.ctx, self.canvas_id = ctx, canvas_id
        super().__init__(
            P.source_notes(ctx.doc, canvas_id), title=_("Traer desde notas"),
            intro=_("Marque las notas que se convertirán en iniciativas. Cada iniciativa recuerda su "
                    "nota y su grupo; las notas no cambian."),
            empty=_("Los tableros, matrices FODA y árboles de este proceso todavía no tienen notas."),
            brought_heading=N_("En esta matriz"), brought_mark=N_("Ya está en la matriz"),
            brought_tip=_("Ya está en la matriz"), brought_checkable=False,
            ok_text=lambda n: ngettext("Crear {n} iniciativa", "Crear {n} iniciativas", n),
            targets=[(a["key"], a["label"]) for a in P.axes(ctx.doc, canvas_id)] + [(P.NO_AXIS, _("Sin eje"))],
            target_caption=_("Al eje:"), target_name=_("Eje de destino"), target=axis,
            list_name=_("Notas del proceso"), parent=parent)

    def chosen(self) -> list[str]:
        return self.chosen_ids()

    def axis(self) -> str:
        return self.target()
