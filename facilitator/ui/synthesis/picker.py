"""Choose the notes and minutes entries behind a finding, from any workshop of the process.

The dialog is the shared notes picker (``qtshared.notes_picker``): every note of
the process's canvases (post-its, FODA cards, tree nodes) and every minutes entry
(listed under the canvas *Relatoría* of its workshop), filtered by workshop,
canvas, zone, group and words (case and accents ignored). Sources already linked
to the finding are marked and cannot be ticked again.
``pick_sources(parent, doc, linked)`` returns the note ids and entry ids chosen,
or None when cancelled.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from facilitator.document import ProcessDocument
from facilitator.domain.zones import read_zones, zone_label
from facilitator.i18n import _, N_, ngettext
from qtshared.notes_picker import NotesPicker
from ...domain.labels import show, show_zones

NOTE, ENTRY = "note", "entry"
MINUTES = "relatoria:"  # the canvas id given to a workshop's minutes in the picker


def sources_of(doc: ProcessDocument, linked: set[str] = frozenset()) -> list[dict[str, Any]]:
    """Every note and minutes entry of the process, with where it was said, as the notes picker lists them."""
    pid = doc.process["id"]
    notes = doc.store.query(
        "SELECT n.id, n.text, n.zone, n.group_id, n.votes, n.canvas_id, c.title AS canvas_title, c.zones, "
        "w.id AS workshop_id, w.title AS workshop_title, g.name AS group_name FROM note n "
        "JOIN canvas c ON c.id = n.canvas_id JOIN workshop w ON w.id = c.workshop_id "
        "LEFT JOIN workgroup g ON g.id = n.group_id WHERE w.process_id = ? AND trim(n.text) <> '' "
        "ORDER BY w.position, w.created_at, c.position, c.created_at, n.position, n.created_at", (pid,))
    entries = doc.store.query(
        "SELECT m.id, m.text, m.group_id, m.speaker, w.id AS workshop_id, w.title AS workshop_title, "
        "g.name AS group_name FROM minutes_entry m JOIN workshop w ON w.id = m.workshop_id "
        "LEFT JOIN workgroup g ON g.id = m.group_id WHERE w.process_id = ? AND trim(m.text) <> '' "
        "ORDER BY w.position, w.created_at, m.position, m.created_at", (pid,))
    rows: list[dict[str, Any]] = []
    order: dict[str, int] = {}
    for n in notes:
        order.setdefault(n["workshop_id"], len(order))
        zones = show_zones(read_zones(n.pop("zones")))
        rows.append({**n, "kind": NOTE, "canvas_title": show(n["canvas_title"]) or _("Lienzo"),
                     "zone_label": str(zone_label(zones, n["zone"]) or n["zone"] or _("Sin zona")),
                     "detail": str(n["votes"] or ""), "brought": n["id"] in linked})
    minutes = _("Relatoría")
    for m in entries:
        order.setdefault(m["workshop_id"], len(order))
        rows.append({**m, "kind": ENTRY, "canvas_id": MINUTES + m["workshop_id"],
                     "canvas_title": minutes, "zone": "", "zone_label": minutes,
                     "group_name": m["group_name"] or (m["speaker"] or None), "detail": "",
                     "brought": m["id"] in linked})
    rows.sort(key=lambda r: order[r["workshop_id"]])  # stable: a workshop's notes, then its minutes
    return rows


class SourcePicker(NotesPicker):
    def __init__(self, doc: ProcessDocument, linked: set[str], parent: QWidget | None = None) -> None:
        rows = sources_of(doc, linked)
        self.kinds = {r["id"]: r["kind"] for r in rows}
        super().__init__(
            rows, title=_("Vincular notas y relatoría"),
            intro=_("Marque las notas y las intervenciones de la relatoría, de cualquier taller, que respaldan este "
                    "hallazgo."),
            empty=_("Los talleres de este proceso todavía no tienen notas ni relatoría."),
            note_heading=N_("Texto"), detail_heading=N_("Votos"), brought_heading=N_("Vinculada"),
            brought_mark=N_("Ya vinculada"), brought_tip=_("Ya respalda este hallazgo"), brought_checkable=False,
            ok_text=lambda n: ngettext("Vincular {n}", "Vincular {n}", n),
            search_hint=_("Buscar por texto o grupo…"), list_name=_("Notas y relatoría del proceso"), parent=parent)

    def chosen(self) -> tuple[list[str], list[str]]:
        notes, entries = [], []
        for rid in self.chosen_ids():
            (notes if self.kinds[rid] == NOTE else entries).append(rid)
        return notes, entries


def pick_sources(parent: QWidget, doc: ProcessDocument, linked: set[str]) -> tuple[list[str], list[str]] | None:
    dialog = SourcePicker(doc, linked, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
    finally:
        dialog.deleteLater()
