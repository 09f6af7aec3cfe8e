"""The monitoring matrix's pure edits: the method's columns, effective status, carry-over, validation."""

from datetime import date

import pytest

from facilitator import monitoring as M
from facilitator import record as R
from facilitator.commands import InsertRow, UpdateRow
from facilitator.domain.templates import builtin_template
from facilitator.i18n import set_language
from facilitator.workshops import new_workshop

TODAY = date(2026, 9, 1)


def make_workshop(doc, template, title=None):
    macro = new_workshop(doc, builtin_template(template), lang="es", title=title)
    doc.execute(macro)
    return macro.workshop_id


def canvas_of(doc, workshop_id, kind):
    return next(c for c in doc.canvases(workshop_id) if c["kind"] == kind)


@pytest.fixture
def sheet(doc):
    """(doc, monitoring canvas id, planning canvas) in one process."""
    planning = make_workshop(doc, "planificacion", "Taller de planificación")
    monitoring = make_workshop(doc, "seguimiento")
    return doc, canvas_of(doc, monitoring, "monitoring_matrix")["id"], canvas_of(doc, planning, "planning_matrix")


def add_initiative(doc, canvas, **values):
    base = {"canvas_id": canvas["id"], "axis": canvas["zones"][0]["key"], "name": "Mesa comunal de migración",
            "objective": "Coordinar a los servicios públicos y la sociedad civil", "unit": "Oficina de migrantes",
            "indicators": "Número de sesiones al año", "goal": "6 sesiones en 2026", "period": "31/12/2026"}
    command = InsertRow("initiative", {**base, **values})
    doc.execute(command)
    return command.id


def run(doc, command):
    assert command is not None
    doc.execute(command)
    return command


def test_columns_follow_the_method_in_order():
    assert [c.title for c in M.COLUMNS][1:] == [
        "Nombre", "Objetivo", "Responsable", "Fecha de inicio", "Fecha estimada de término", "Indicador", "Meta",
        "Estado actual", "Fecha última revisión", "¿Está en curso según lo planificado?", "Principales logros",
        "Desafíos destacados", "¿Se necesitan ajustes?", "Ajustes sugeridos", "Responsable", "Plazos"]
    assert M.COLUMNS[0].field == "status"
    assert [c.field for c in M.COLUMNS if c.group == "quick"] == [
        "on_track", "achievements", "challenges", "needs_adjustment", "adjustments", "adjustment_responsible",
        "adjustment_deadline"]


def test_columns_are_the_tables_columns(sheet):
    doc, canvas_id, _planning = sheet
    command = run(doc, M.add_row(doc, canvas_id))
    assert set(M.FIELDS) <= set(doc.store.get("monitoring_row", command.id))


@pytest.mark.parametrize("row, expected, why", [
    ({"status": "on_track", "end_date": "2026-12-31", "on_track": 1}, "on_track", ""),
    ({"status": "on_track", "end_date": "2026-08-31", "on_track": None}, "late", "2026-08-31"),
    ({"status": "not_started", "end_date": "", "on_track": 0}, "late", "no está en curso"),
    ({"status": "done", "end_date": "2025-01-01", "on_track": 0}, "done", ""),
    ({"status": "late", "end_date": "2030-01-01", "on_track": 1}, "late", ""),
    ({"status": "on_track", "end_date": "2026-09-01", "on_track": None}, "on_track", ""),  # due today: not late yet
])
def test_effective_status(row, expected, why):
    effective = M.effective_status(row, TODAY)
    assert effective.status == expected
    assert (why in effective.reason) if why else effective.reason == ""


def test_summary_counts_and_text():
    rows = ([{"status": "on_track", "end_date": "", "on_track": 1}] * 7
            + [{"status": "on_track", "end_date": "2026-01-01", "on_track": None}] * 3
            + [{"status": "done", "end_date": "", "on_track": None}] * 2)
    tally = M.counts(rows, TODAY)
    assert tally == {"not_started": 0, "on_track": 7, "late": 3, "done": 2}
    assert M.summary_text(tally) == "12 iniciativas: 7 en curso, 3 atrasadas, 2 cumplidas"
    assert M.summary_text({"not_started": 1, "on_track": 0, "late": 0, "done": 0}) == "1 iniciativa: 1 sin iniciar"
    assert M.summary_text(M.counts([], TODAY)) == "Todavía no hay iniciativas en la planilla."
    set_language("en")
    assert M.summary_text(tally) == "12 initiatives: 7 in progress, 3 late, 2 done"


def test_edit_validates_dates_yes_no_and_status(sheet):
    doc, canvas_id, _planning = sheet
    rid = run(doc, M.add_row(doc, canvas_id, {"name": "Campaña informativa"})).id
    run(doc, M.edit_field(doc, rid, "end_date", "31/03/2027"))
    assert doc.store.get("monitoring_row", rid)["end_date"] == "2027-03-31"
    with pytest.raises(M.BadValue) as bad:
        M.edit_field(doc, rid, "end_date", "fin de marzo")
    assert "«fin de marzo» no es una fecha" in bad.value.message
    assert doc.store.get("monitoring_row", rid)["end_date"] == "2027-03-31"  # the old value stays
    # "Plazos" of the adjustments may be words; dates still become ISO.
    run(doc, M.edit_field(doc, rid, "adjustment_deadline", "segundo semestre"))
    run(doc, M.edit_field(doc, rid, "on_track", "sí"))
    assert doc.store.get("monitoring_row", rid)["on_track"] == 1
    run(doc, M.edit_field(doc, rid, "needs_adjustment", "No"))
    assert doc.store.get("monitoring_row", rid)["needs_adjustment"] == 0
    with pytest.raises(M.BadValue, match="Sí o No"):
        M.edit_field(doc, rid, "on_track", "quizás")
    run(doc, M.edit_field(doc, rid, "status", "Cumplida"))
    assert doc.store.get("monitoring_row", rid)["status"] == "done"
    run(doc, M.edit_field(doc, rid, "status", "late"))
    with pytest.raises(M.BadValue, match="no es un estado"):
        M.edit_field(doc, rid, "status", "terminada")
    assert M.edit_field(doc, rid, "name", "  Campaña informativa ") is None  # unchanged
    with pytest.raises(KeyError):
        M.edit_field(doc, rid, "canvas_id", "x")


def test_end_before_start_is_flagged_not_refused(sheet):
    doc, canvas_id, _planning = sheet
    rid = run(doc, M.add_row(doc, canvas_id, {"start_date": "2027-01-10", "end_date": "2026-12-31"})).id
    problems = M.date_problems(doc.store.get("monitoring_row", rid))
    assert "anterior a la de inicio" in problems["end_date"]
    assert M.date_problems({"start_date": "2026-01-10", "end_date": "2026-12-31"}) == {}


def test_carry_over_initiatives_with_links_skip_and_one_undo_step(sheet):
    doc, canvas_id, planning = sheet
    first = add_initiative(doc, planning)
    second = add_initiative(doc, planning, axis=planning["zones"][1]["key"],
                            name="Capacitación en atención intercultural", objective="", unit="Recursos humanos",
                            description="Cursos para funcionarios de atención", period="01/03/2026 al 30/11/2026")
    candidates = M.initiative_candidates(doc.store, canvas_id)
    assert [(c.name, c.workshop, c.section, c.carried) for c in candidates] == [
        ("Mesa comunal de migración", "Taller de planificación", planning["zones"][0]["label"], False),
        ("Capacitación en atención intercultural", "Taller de planificación", planning["zones"][1]["label"], False)]

    result = run(doc, M.carry_initiatives(doc, canvas_id, [first, second]))
    assert M.carry_message(result) == "Se agregaron 2 filas."
    made = M.rows(doc.store, canvas_id)
    assert [r["origin_initiative_id"] for r in made] == [first, second]
    assert made[0]["name"] == "Mesa comunal de migración"
    assert made[0]["objective"] == "Coordinar a los servicios públicos y la sociedad civil"
    assert made[0]["responsible"] == "Oficina de migrantes"
    assert made[0]["indicator"] == "Número de sesiones al año"
    assert made[0]["target"] == "6 sesiones en 2026"
    assert (made[0]["start_date"], made[0]["end_date"]) == ("", "2026-12-31")
    assert made[1]["objective"] == "Cursos para funcionarios de atención"  # no objective: its description
    assert (made[1]["start_date"], made[1]["end_date"]) == ("2026-03-01", "2026-11-30")
    trace = M.origin(doc.store, made[1])
    assert trace.kind == "initiative" and "Taller de planificación" in trace.text
    assert planning["zones"][1]["label"] in trace.text and "Capacitación" in trace.text

    again = M.carry_initiatives(doc, canvas_id, [first, second])
    assert again is not None and again.row_ids == [] and again.skipped == 2
    assert M.carry_message(again) == "No se agregó ninguna fila. 2 ya estaban en la planilla y se omitieron."
    assert all(c.carried for c in M.initiative_candidates(doc.store, canvas_id))

    result.undo(doc.store)  # one step takes both rows away
    assert M.rows(doc.store, canvas_id) == []


def test_a_period_in_words_leaves_the_dates_empty():
    assert M.period_dates("2026-2027") == ("", "")
    assert M.period_dates("segundo semestre 2026") == ("", "")
    assert M.period_dates("2026-03-01 – 2027-06-30") == ("2026-03-01", "2027-06-30")


def test_carry_over_commitments_maps_fields_and_status(sheet):
    doc, canvas_id, _planning = sheet
    ids = []
    for what, due, status in (("Campaña informativa sobre regularización", "30/06/2026", "in_progress"),
                              ("Catastro de organizaciones migrantes", "marzo", "done"),
                              ("Protocolo de derivación a salud", "2026-05-01", "late")):
        command = run(doc, R.add_commitment(doc, what, responsible="DIDECO", due=due, indicator="Informe",
                                            target="1 documento", status=status))
        ids.append(command.id)
    result = run(doc, M.carry_commitments(doc, canvas_id, ids[:2]))
    assert M.carry_message(result) == "Se agregaron 2 filas."
    made = M.rows(doc.store, canvas_id)
    assert [(r["name"], r["responsible"], r["end_date"], r["indicator"], r["target"], r["status"],
             r["origin_commitment_id"]) for r in made] == [
        ("Campaña informativa sobre regularización", "DIDECO", "2026-06-30", "Informe", "1 documento", "on_track",
         ids[0]),
        ("Catastro de organizaciones migrantes", "DIDECO", "", "Informe", "1 documento", "done", ids[1])]
    assert "Plazo del compromiso: marzo" in M.origin(doc.store, made[1]).text
    more = run(doc, M.carry_commitments(doc, canvas_id, ids))
    assert len(more.row_ids) == 1 and more.skipped == 2
    assert M.carry_message(more) == "Se agregó 1 fila. 2 ya estaban en la planilla y se omitieron."
    assert M.rows(doc.store, canvas_id)[-1]["status"] == "late"
    assert [c.carried for c in M.commitment_candidates(doc.store, canvas_id)] == [True, True, True]


def test_refresh_from_origin_recopies_and_undoes(sheet):
    doc, canvas_id, planning = sheet
    iid = add_initiative(doc, planning)
    run(doc, M.carry_initiatives(doc, canvas_id, [iid]))
    row = M.rows(doc.store, canvas_id)[0]
    run(doc, M.edit_field(doc, row["id"], "current_state", "Dos sesiones realizadas"))
    assert M.refresh_from_origin(doc, row["id"]) is None  # the origin did not change
    doc.execute(UpdateRow("initiative", iid, {"unit": "DIDECO", "goal": "8 sesiones", "period": "2026-2027"}))
    command = run(doc, M.refresh_from_origin(doc, row["id"]))
    fresh = doc.store.get("monitoring_row", row["id"])
    assert (fresh["responsible"], fresh["target"]) == ("DIDECO", "8 sesiones")
    assert fresh["end_date"] == "2026-12-31"  # a period in words does not wipe the date
    assert fresh["current_state"] == "Dos sesiones realizadas"  # what the sheet says stays
    command.undo(doc.store)
    back = doc.store.get("monitoring_row", row["id"])
    assert (back["responsible"], back["target"]) == ("Oficina de migrantes", "6 sesiones en 2026")


def test_origin_of_a_typed_row_and_of_a_vanished_origin(sheet):
    doc, canvas_id, planning = sheet
    typed = run(doc, M.add_row(doc, canvas_id, {"name": "Escrita a mano"})).id
    assert M.origin(doc.store, doc.store.get("monitoring_row", typed)).kind == "none"
    iid = add_initiative(doc, planning)
    run(doc, M.carry_initiatives(doc, canvas_id, [iid]))
    # A link that points nowhere (a file edited elsewhere): the trace says the origin is gone.
    doc.store.conn.execute("PRAGMA foreign_keys = OFF")
    doc.store.conn.execute("DELETE FROM initiative WHERE id = ?", (iid,))
    doc.store.conn.execute("PRAGMA foreign_keys = ON")
    row = M.rows(doc.store, canvas_id)[1]
    trace = M.origin(doc.store, row)
    assert trace.kind == "missing" and "ya no existe" in trace.text
    assert M.refresh_from_origin(doc, row["id"]) is None


def test_add_after_move_delete_and_mark_reviewed(sheet):
    doc, canvas_id, _planning = sheet
    a = run(doc, M.add_row(doc, canvas_id, {"name": "A"})).id
    c = run(doc, M.add_row(doc, canvas_id, {"name": "C"})).id
    run(doc, M.add_row(doc, canvas_id, {"name": "B"}, after=a))
    assert [r["name"] for r in M.rows(doc.store, canvas_id)] == ["A", "B", "C"]
    run(doc, M.move_row(doc, c, -1))
    assert [r["name"] for r in M.rows(doc.store, canvas_id)] == ["A", "C", "B"]
    assert M.move_row(doc, a, -1) is None
    marked = run(doc, M.mark_reviewed(doc, [a, c], TODAY))
    assert {r["last_review"] for r in M.rows(doc.store, canvas_id) if r["name"] in "AC"} == {"2026-09-01"}
    assert M.mark_reviewed(doc, [a], TODAY) is None
    marked.undo(doc.store)
    assert doc.store.get("monitoring_row", a)["last_review"] == ""
    gone = run(doc, M.delete_rows(doc, [a, c]))
    assert [r["name"] for r in M.rows(doc.store, canvas_id)] == ["B"]
    gone.undo(doc.store)
    assert [r["name"] for r in M.rows(doc.store, canvas_id)] == ["A", "C", "B"]


def test_guiding_questions_and_criteria_are_the_methods():
    assert len(M.GUIDING_QUESTIONS) == 5 and M.GUIDING_QUESTIONS[0].startswith("¿Cuáles han sido los avances")
    assert [name for name, _q in M.EVALUATION_CRITERIA] == [
        "Pertinencia", "Eficiencia", "Eficacia", "Impacto", "Sostenibilidad"]


def test_text_is_stored_as_typed(sheet):
    doc, canvas_id, _planning = sheet
    rid = run(doc, M.add_row(doc, canvas_id, {"name": "<b>x</b> ñandú 🌱"})).id
    assert doc.store.get("monitoring_row", rid)["name"] == "<b>x</b> ñandú 🌱"
    assert doc.store.get("monitoring_row", rid)["status"] == "not_started"
