"""User text in the tooltips of the agenda and the participants' registry shows as typed, never as markup."""

from PySide6.QtCore import Qt

from facilitator.commands import InsertRow, UpdateRow
from facilitator.ui.agenda import AgendaModel

HOSTILE = "<b>Ana</b> & <img src=/etc/passwd>\nsegunda línea"


def test_agenda_instruction_tooltip(ctx, tooltip_text):
    block = ctx.doc.blocks(ctx.workshop_id)[0]
    ctx.doc.execute(UpdateRow("block", block["id"], {"instruction": HOSTILE}))
    model = AgendaModel(ctx)
    column = next(c for c in range(model.columnCount()) if model.index(0, c).data(Qt.ItemDataRole.ToolTipRole))
    assert tooltip_text(model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)) == HOSTILE


def test_participant_field_tooltip(ctx, tooltip_text):
    from facilitator.ui.people.participants_model import ParticipantsModel

    ctx.doc.execute(InsertRow("participant", {"process_id": ctx.doc.process["id"], "name": "X",
                                              "organisation": HOSTILE}))
    model = ParticipantsModel(ctx)
    tips = [model.index(0, c).data(Qt.ItemDataRole.ToolTipRole) for c in range(model.columnCount())]
    assert HOSTILE in [tooltip_text(t) for t in tips if t]
