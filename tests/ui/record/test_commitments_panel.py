"""The commitments tab: what/who/when/indicator with status, process-wide list, validation rounds."""

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QWidget

from facilitator import record as R
from facilitator.domain.templates import builtin_template
from facilitator.settings import Settings
from facilitator.ui.record.commitments_panel import CommitmentsPanel
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.dialogs import Dialogs
from qtshared.undo import UndoAdapter
from facilitator.workshops import new_workshop

TODAY = date(2026, 6, 15)


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 6, 15, 11, 30, tzinfo=timezone(timedelta(hours=-5)))


def type_text(widget, text: str) -> None:
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def setup(diagnostic, qtbot, monkeypatch):
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: None))
    doc, wid = diagnostic
    holder = QWidget()
    qtbot.addWidget(holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), DocumentSignals(doc, holder), Settings(), wid)
    panel = CommitmentsPanel(ctx, today=lambda: TODAY)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    return ctx, panel


def cell(panel, row: int, field: str):
    model = panel.commitments
    col = [c.field for c in model.columns].index(field)
    return model.index(row, col)


def test_add_a_commitment_from_the_form(setup, qtbot):
    ctx, panel = setup
    type_text(panel.what, "Protocolo común de derivación entre Salud, Educación y la oficina")
    type_text(panel.responsible, "Dirección de Desarrollo Comunitario")
    type_text(panel.due, "30/09/2026")
    type_text(panel.indicator, "Protocolo aprobado por decreto alcaldicio")
    qtbot.keyClick(panel.indicator, Qt.Key.Key_Return)
    rows = panel.commitments.rows
    assert len(rows) == 1
    assert rows[0]["due"] == "2026-09-30" and rows[0]["workshop_id"] == ctx.workshop_id
    assert cell(panel, 0, "status").data() == "Pendiente"
    assert cell(panel, 0, "missing").data() == ""
    assert panel.what.text() == panel.responsible.text() == panel.due.text() == panel.indicator.text() == ""
    assert "1 compromiso ·" in panel.summary.text()


def test_blank_what_adds_nothing_and_incomplete_ones_say_what_they_lack(setup, qtbot):
    ctx, panel = setup
    assert panel.add_commitment() is None
    type_text(panel.what, "Feria laboral")
    qtbot.keyClick(panel.what, Qt.Key.Key_Return)
    assert cell(panel, 0, "missing").data() == "responsable, plazo, indicador"
    assert "1 incompleto" in panel.summary.text()
    assert panel.commitments.setData(cell(panel, 0, "responsible"), "OMIL")
    assert cell(panel, 0, "missing").data() == "plazo, indicador"


def test_status_edit_and_late_when_the_deadline_passed(setup, qtbot):
    ctx, panel = setup
    ctx.undo.run(R.add_commitment(ctx.doc, "Mesa comunal", workshop_id=ctx.workshop_id, due="2026-05-31"))
    assert cell(panel, 0, "status").data() == "Atrasado"
    assert cell(panel, 0, "status").data(Qt.ItemDataRole.EditRole) == "pending"
    assert "venció" in cell(panel, 0, "status").data(Qt.ItemDataRole.ToolTipRole)
    assert cell(panel, 0, "status").data(Qt.ItemDataRole.ForegroundRole).name().upper() == "#B3261E"
    assert panel.commitments.setData(cell(panel, 0, "status"), "done")
    assert cell(panel, 0, "status").data() == "Cumplido"
    assert "1 cumplido ·" in panel.summary.text()
    ctx.undo.stack.undo()
    assert cell(panel, 0, "status").data() == "Atrasado"


def test_status_is_picked_from_a_combo(setup, qtbot):
    ctx, panel = setup
    ctx.undo.run(R.add_commitment(ctx.doc, "X", workshop_id=ctx.workshop_id))
    view = panel.commitment_view
    view.setCurrentIndex(cell(panel, 0, "status"))
    view.edit(cell(panel, 0, "status"))
    combo = view.viewport().findChild(QComboBox)
    combo.setCurrentIndex(combo.findData("in_progress"))
    combo.activated.emit(combo.currentIndex())
    assert ctx.doc.store.get("commitment", panel.commitments.rows[0]["id"])["status"] == "in_progress"


def test_workshop_and_process_lists(setup, qtbot):
    ctx, panel = setup
    other = new_workshop(ctx.doc, builtin_template("planificacion"), lang="es")
    ctx.undo.run(other)
    ctx.undo.run(R.add_commitment(ctx.doc, "Aquí", workshop_id=ctx.workshop_id))
    ctx.undo.run(R.add_commitment(ctx.doc, "En planificación", workshop_id=other.workshop_id))
    assert [r["what"] for r in panel.commitments.rows] == ["Aquí"]
    assert panel.commitment_view.isColumnHidden(7)
    panel.scope.setCurrentIndex(1)
    assert [r["what"] for r in panel.commitments.rows] == ["Aquí", "En planificación"]
    assert not panel.commitment_view.isColumnHidden(7)
    assert cell(panel, 1, "workshop_title").data() == ctx.doc.workshop(other.workshop_id)["title"]


def test_move_and_delete_with_undo(setup, qtbot):
    ctx, panel = setup
    for what in ("uno", "dos"):
        ctx.undo.run(R.add_commitment(ctx.doc, what, workshop_id=ctx.workshop_id))
    panel.commitment_view.selectRow(1)
    panel.up_button.click()
    assert [r["what"] for r in panel.commitments.rows] == ["dos", "uno"]
    panel.commitment_view.selectRow(0)
    panel.delete_commitment_button.click()
    assert [r["what"] for r in panel.commitments.rows] == ["uno"]
    ctx.undo.stack.undo()
    assert [r["what"] for r in panel.commitments.rows] == ["dos", "uno"]


def test_compromiso_entries_without_a_sheet_can_be_promoted_here(setup, qtbot):
    ctx, panel = setup
    assert panel.unpromoted.isHidden()
    ctx.undo.run(R.add_entry(ctx.doc, ctx.workshop_id, "Compromiso: enviar el resumen en noviembre",
                             kind="compromiso", clock=Clock()))
    assert not panel.unpromoted.isHidden() and panel.unpromoted.count() == 1
    assert panel.unpromoted.item(0).text().startswith("11:30")
    commitment_id = panel.promote_selected()
    assert ctx.doc.store.get("commitment", commitment_id)["what"] == "enviar el resumen en noviembre"
    assert panel.unpromoted.isHidden()
    assert [r["id"] for r in panel.commitments.rows] == [commitment_id]


def test_validation_rounds_of_the_quito_plan(setup, qtbot):
    ctx, panel = setup
    type_text(panel.proposal, "Plan Distrital de Migración")
    quito = [("Alcalde y Consejo de Administración", "objections",
              "Apoyar a refugiados, no a inmigración en general"),
             ("Autoridades municipales intermedias", "reservations", "Integrarlo a la planificación existente"),
             ("Sociedad civil y cooperación", "favourable", "Alcance integral; más participación ciudadana")]
    for group, reception, reasons in quito:
        panel.stakeholder.setText(group)  # typing would open the completion popup (offscreen warns)
        panel.reception.setCurrentIndex(panel.reception.findData(reception))
        type_text(panel.reasons, reasons)
        qtbot.keyClick(panel.reasons, Qt.Key.Key_Return)
    rows = panel.rounds.rows
    assert [(r["stakeholder"], r["reception"], r["reasons"]) for r in rows] == quito
    assert {r["proposal"] for r in rows} == {"Plan Distrital de Migración"}
    assert panel.reception_summary.text() == "Favorable: 1  ·  Con reservas: 1  ·  Con objeciones: 1"
    assert panel.rounds.index(0, 1).data() == "Con objeciones"
    assert panel.rounds.setData(panel.rounds.index(1, 1), "favourable")
    assert panel.reception_summary.text() == "Favorable: 2  ·  Con reservas: 0  ·  Con objeciones: 1"
    panel.round_view.setFocus()
    panel.round_view.selectRow(0)
    qtbot.keyClick(panel.round_view, Qt.Key.Key_Delete)
    assert len(panel.rounds.rows) == 2
    ctx.undo.stack.undo()
    assert len(panel.rounds.rows) == 3


def test_a_round_needs_a_stakeholder_group(setup, qtbot):
    ctx, panel = setup
    type_text(panel.reasons, "Sin grupo")
    assert panel.add_round() is None
    assert panel.rounds.rows == []


def test_models_are_correct_qt_models(setup, qtbot, qtmodeltester):
    ctx, panel = setup
    ctx.undo.run(R.add_commitment(ctx.doc, "uno", workshop_id=ctx.workshop_id, due="2020-01-01"))
    ctx.undo.run(R.add_round(ctx.doc, ctx.workshop_id, "Sociedad civil", "reservations", reasons="r"))
    qtmodeltester.check(panel.commitments, force_py=True)
    qtmodeltester.check(panel.rounds, force_py=True)
    panel.shutdown()


def test_projecting_the_commitments_shows_who_when_and_how(ctx, qtbot):
    from facilitator import record as R
    from facilitator.ui.record.commitments_panel import CommitmentsPanel

    panel = CommitmentsPanel(ctx)
    qtbot.addWidget(panel)
    ctx.undo.run(R.add_commitment(ctx.doc, "Calendario de ferias laborales", workshop_id=ctx.workshop_id,
                                  responsible="OMIL", due="2027-04-30", indicator="Calendario publicado"))
    window = panel.project()
    qtbot.addWidget(window)
    (small, big), = window.labels
    assert "OMIL" in small.text() and "2027-04-30" in small.text()
    assert big.text() == "Calendario de ferias laborales\nIndicador: Calendario publicado"
    panel.shutdown()


def test_a_deadline_that_is_not_a_date_is_refused_and_nothing_typed_is_lost(setup, qtbot, monkeypatch):
    ctx, panel = setup
    shown = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    type_text(panel.what, "Feria laboral")
    type_text(panel.due, "pronto")
    qtbot.keyClick(panel.due, Qt.Key.Key_Return)
    assert panel.commitments.rows == [] and len(shown) == 1 and "pronto" in shown[0]
    assert panel.what.text() == "Feria laboral" and panel.due.text() == "pronto"
    panel.due.setText("")
    type_text(panel.due, "mañana")
    qtbot.keyClick(panel.due, Qt.Key.Key_Return)
    assert panel.commitments.rows[0]["due"] == (TODAY + timedelta(days=1)).isoformat()
    assert not panel.commitments.setData(cell(panel, 0, "due"), "mañana por la tarde")
    assert len(shown) == 2 and panel.commitments.rows[0]["due"] == "2026-06-16"


def test_move_and_delete_are_enabled_only_when_they_apply(setup, qtbot):
    ctx, panel = setup

    def enabled():
        return (panel.up_button.isEnabled(), panel.down_button.isEnabled(),
                panel.delete_commitment_button.isEnabled(), panel.delete_round_button.isEnabled())

    assert enabled() == (False, False, False, False)  # an empty table: nothing to move or delete
    for what in ("uno", "dos", "tres"):
        ctx.undo.run(R.add_commitment(ctx.doc, what, workshop_id=ctx.workshop_id))
    assert enabled() == (False, False, False, False)  # nothing selected
    panel.commitment_view.selectRow(0)
    assert enabled() == (False, True, True, False)  # the first one cannot go up
    panel.commitment_view.selectRow(1)
    assert enabled() == (True, True, True, False)
    panel.down_button.click()  # it stays selected, now the last
    assert [r["what"] for r in panel.commitments.rows] == ["uno", "tres", "dos"]
    assert enabled() == (True, False, True, False)
    panel.delete_commitment_button.click()
    assert panel.delete_commitment_button.isEnabled() == panel.commitment_view.selectionModel().hasSelection()
    ctx.undo.run(R.add_round(ctx.doc, ctx.workshop_id, "Sociedad civil", "favourable"))
    panel.round_view.selectRow(0)
    assert panel.delete_round_button.isEnabled()


def test_the_form_placeholders_are_short_and_the_hints_are_tooltips(setup):
    _ctx, panel = setup
    for field in (panel.what, panel.responsible, panel.due, panel.indicator, panel.proposal, panel.stakeholder,
                  panel.reasons):
        assert field.fontMetrics().horizontalAdvance(field.placeholderText()) <= field.width() - 8, \
            field.placeholderText()
        assert field.toolTip()
    assert panel.responsible.placeholderText() == "Responsable"
    assert "unidad u organización" in panel.responsible.toolTip()
