""""Traer iniciativas…" / "Traer compromisos…": the shared notes picker over what can be carried into a monitoring sheet."""

from __future__ import annotations


from PySide6.QtWidgets import QWidget

from facilitator import monitoring as M
from facilitator.i18n import _, N_, ngettext
from qtshared.notes_picker import NotesPicker


# -- carry-over -------------------------------------------------------------------------------------
class CarryDialog(NotesPicker):
    """Choose initiatives (by workshop and axis) or commitments (by workshop) to bring into the sheet.

    Items already in the sheet are listed and marked: choosing them again is
    harmless (they are skipped, and the message says how many).
    """

    def __init__(self, kind: str, candidates: list[M.Candidate], parent: QWidget | None = None) -> None:
        self.kind = kind
        initiatives = kind == "initiative"
        rows = []
        for c in candidates:
            row = {"id": c.id, "text": c.name, "detail": c.detail, "brought": c.carried,
                   "workshop_id": c.workshop, "workshop_title": c.workshop or _("Sin taller")}
            if initiatives:
                row.update(zone=c.section, zone_label=_("Eje «{name}»", name=c.section) if c.section else _("Sin eje"))
            rows.append(row)
        super().__init__(
            rows, title=_("Traer iniciativas de la planificación") if initiatives else _("Traer compromisos"),
            intro=_("Elija las iniciativas de las matrices de planificación del proceso. Cada una será una fila de "
                    "la planilla, con su nombre, objetivo, responsable, indicador y meta.") if initiatives else
            _("Elija los compromisos del proceso. Cada uno será una fila de la planilla, con su responsable, "
              "plazo, indicador, meta y estado."),
            empty=_("No hay iniciativas en las matrices de planificación de este proceso.") if initiatives else
            _("No hay compromisos en este proceso."),
            note_heading=N_("Iniciativa") if initiatives else N_("Compromiso"), zone_heading=N_("Eje"),
            detail_heading=N_("Responsable y plazo"), brought_heading=N_("En esta planilla"),
            brought_mark=N_("Ya está en la planilla"), brought_tip=_("Ya está en la planilla"),
            brought_summary=lambda n: ngettext("{n} ya está en la planilla y se omitirá",
                                                "{n} ya están en la planilla y se omitirán", n),
            ok_text=lambda n: _("Traer"),
            search_hint=_("Buscar en las iniciativas…") if initiatives else _("Buscar en los compromisos…"), parent=parent)
        self.resize(900, 580)

    def set_all(self, checked: bool) -> None:
        """Tick (or untick) every item listed."""
        self.check([r["id"] for r in self.rows], checked)

    def selected_ids(self) -> list[str]:
        return self.chosen_ids()
