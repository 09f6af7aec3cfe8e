"""The planning matrix's edits, axes, final review and notes brought over (no Qt)."""

import json
import sqlite3

import pytest

from facilitator import board
from facilitator import planning as P
from facilitator.domain.templates import builtin_template
from facilitator.participants import add_group
from facilitator.workshops import new_workshop


def run(doc, command):
    assert command is not None
    doc.execute(command)
    return command


@pytest.fixture
def plan(doc):
    macro = new_workshop(doc, builtin_template("planificacion"), lang="es")
    doc.execute(macro)
    canvas = P.planning_canvases(doc, macro.workshop_id)[0]
    return doc, macro.workshop_id, canvas["id"]


def names(doc, canvas_id, axis=None):
    return [r["name"] for r in P.initiatives(doc.store, canvas_id) if axis is None or r["axis"] == axis]


def test_the_template_gives_the_six_axes_of_the_guide_and_the_method_columns(plan):
    doc, _wid, cid = plan
    assert [a["label"] for a in P.axes(doc, cid)] == [
        "Gestión municipal y coordinación institucional",
        "Capacitación, sensibilización y distribución de información",
        "Trabajo en red y colaboración público-privada", "Interculturalidad y educación",
        "Empleo e inserción laboral", "Salud"]
    assert [title for _f, title in P.MATRIX_COLUMNS] == [
        "Eje estratégico", "Estrategia", "Acciones", "Meta o producto", "Financiamiento", "Unidad responsable",
        "Alianzas", "PMG o PLADECO", "Periodo de ejecución"]


def test_add_edit_and_undo(plan):
    doc, _wid, cid = plan
    cmd = run(doc, P.add_initiative(doc, cid, "salud", name="Operativo de salud", unit="CESFAM"))
    row = doc.store.get("initiative", cmd.id)
    assert (row["axis"], row["name"], row["unit"], row["smart"]) == ("salud", "Operativo de salud", "CESFAM", "{}")
    edit = run(doc, P.edit_initiative(doc, cmd.id, "goal", "500 personas atendidas <b>2026</b>"))
    assert doc.store.get("initiative", cmd.id)["goal"] == "500 personas atendidas <b>2026</b>"
    assert P.edit_initiative(doc, cmd.id, "goal", "500 personas atendidas <b>2026</b>") is None
    edit.undo(doc.store)
    assert doc.store.get("initiative", cmd.id)["goal"] == ""
    cmd.undo(doc.store)
    assert doc.store.get("initiative", cmd.id) is None


def test_edit_refuses_what_cannot_be_stored(plan):
    doc, _wid, cid = plan
    rid = run(doc, P.add_initiative(doc, cid, "salud", name="x")).id
    with pytest.raises(ValueError, match="no es un eje"):
        P.edit_initiative(doc, rid, "axis", "vivienda")
    with pytest.raises(ValueError, match="Sí, No o Sin definir"):
        P.edit_initiative(doc, rid, "needs_funding", "quizás")
    with pytest.raises(KeyError):
        P.edit_initiative(doc, rid, "canvas_id", "x")
    run(doc, P.edit_initiative(doc, rid, "needs_funding", 1))
    assert doc.store.get("initiative", rid)["needs_funding"] == 1
    run(doc, P.edit_initiative(doc, rid, "needs_funding", None))
    assert doc.store.get("initiative", rid)["needs_funding"] is None


def test_insert_after_and_move_within_the_axis(plan):
    doc, _wid, cid = plan
    a = run(doc, P.add_initiative(doc, cid, "salud", name="A")).id
    c = run(doc, P.add_initiative(doc, cid, "salud", name="C")).id
    run(doc, P.add_initiative(doc, cid, "empleo_insercion_laboral", name="Otro eje"))
    run(doc, P.add_initiative(doc, cid, "salud", after=a, name="B"))
    assert names(doc, cid, "salud") == ["A", "B", "C"]
    move = run(doc, P.move_initiative(doc, c, -1))
    assert names(doc, cid, "salud") == ["A", "C", "B"]
    assert P.move_initiative(doc, a, -1) is None
    move.undo(doc.store)
    assert names(doc, cid, "salud") == ["A", "B", "C"]


def test_changing_the_axis_puts_it_at_the_end_of_the_new_axis(plan):
    doc, _wid, cid = plan
    run(doc, P.add_initiative(doc, cid, "salud", name="Salud 1"))
    moved = run(doc, P.add_initiative(doc, cid, "empleo_insercion_laboral", name="Feria laboral")).id
    run(doc, P.add_initiative(doc, cid, "salud", name="Salud 2"))
    run(doc, P.edit_initiative(doc, moved, "axis", "salud"))
    assert names(doc, cid, "salud") == ["Salud 1", "Salud 2", "Feria laboral"]


def test_delete_several_is_one_step(plan):
    doc, _wid, cid = plan
    ids = [run(doc, P.add_initiative(doc, cid, "salud", name=n)).id for n in ("A", "B", "C")]
    macro = run(doc, P.delete_initiatives(doc, ids[:2]))
    assert names(doc, cid) == ["C"]
    macro.undo(doc.store)
    assert names(doc, cid) == ["A", "B", "C"]


def test_smart_checklist_is_stored_as_json(plan):
    doc, _wid, cid = plan
    rid = run(doc, P.add_initiative(doc, cid, "salud", name="x")).id
    run(doc, P.set_smart(doc, rid, "measurable", True))
    run(doc, P.set_smart(doc, rid, "timebound", True))
    assert P.set_smart(doc, rid, "timebound", True) is None
    row = doc.store.get("initiative", rid)
    assert json.loads(row["smart"]) == {"specific": False, "measurable": True, "achievable": False,
                                        "relevant": False, "timebound": True}
    assert P.smart_of({"smart": "no es json"}) == dict.fromkeys(P.SMART_KEYS, False)


def test_axes_add_rename_reorder(plan):
    doc, _wid, cid = plan
    add = run(doc, P.add_axis(doc, cid, "  Vivienda y   planificación urbana "))
    assert add.key == "vivienda_y_planificacion_urbana"
    assert P.axes(doc, cid)[-1] == {"key": add.key, "label": "Vivienda y planificación urbana"}
    with pytest.raises(ValueError, match="Ya hay un eje"):
        P.add_axis(doc, cid, "SALUD")
    with pytest.raises(ValueError, match="necesita un nombre"):
        P.add_axis(doc, cid, "   ")
    run(doc, P.rename_axis(doc, cid, "salud", "Salud y bienestar"))
    assert P.axis_label(P.axes(doc, cid), "salud") == "Salud y bienestar"
    assert P.rename_axis(doc, cid, "salud", "Salud y bienestar") is None
    move = run(doc, P.move_axis(doc, cid, add.key, -1))
    assert [a["key"] for a in P.axes(doc, cid)][-2:] == [add.key, "salud"]
    assert P.move_axis(doc, cid, "gestion_municipal", -1) is None
    move.undo(doc.store)
    assert P.axes(doc, cid)[-1]["key"] == add.key
    assert "Vivienda" in doc.canvas(cid)["zones"][-1]["label"]  # stored as text, not \\u escapes
    assert "Vivienda y planificación" in doc.store.get("canvas", cid)["zones"]


@pytest.mark.parametrize("what", ["move", "delete"])
def test_removing_an_axis_moves_or_deletes_its_initiatives_undoably(plan, what):
    doc, _wid, cid = plan
    run(doc, P.add_initiative(doc, cid, "salud", name="Operativo"))
    run(doc, P.add_initiative(doc, cid, "salud", name="Capacitación en salud"))
    run(doc, P.add_initiative(doc, cid, "empleo_insercion_laboral", name="Feria"))
    assert P.axis_size(doc, cid, "salud") == 2
    macro = run(doc, P.remove_axis(doc, cid, "salud", initiatives_to=what))
    assert "salud" not in [a["key"] for a in P.axes(doc, cid)]
    if what == "move":
        assert names(doc, cid, P.NO_AXIS) == ["Operativo", "Capacitación en salud"]
        assert [g.label for g in P.grouped(doc, cid)][-1] == "Sin eje"
    else:
        assert names(doc, cid) == ["Feria"]
    macro.undo(doc.store)
    assert P.axes(doc, cid)[-1]["key"] == "salud"
    assert names(doc, cid, "salud") == ["Operativo", "Capacitación en salud"]


def test_grouped_follows_the_axis_order(plan):
    doc, _wid, cid = plan
    run(doc, P.add_initiative(doc, cid, "salud", name="S"))
    run(doc, P.add_initiative(doc, cid, "gestion_municipal", name="G"))
    groups = P.grouped(doc, cid)
    assert [g.key for g in groups] == [a["key"] for a in P.axes(doc, cid)]  # no "Sin eje" when empty
    assert [r["name"] for r in groups[0].rows] == ["G"] and [r["name"] for r in groups[-1].rows] == ["S"]


def full(doc, cid, axis, name, **extra):
    values = dict(goal="Meta", unit="Unidad", period="2026", **extra)
    return run(doc, P.add_initiative(doc, cid, axis, name=name, **values)).id


def test_review_lists_thin_axes_duplicates_and_missing_fields(plan):
    doc, _wid, cid = plan
    pairs = [("Protocolo de derivación", "Oficina de atención migrante"), ("Capacitación a funcionarios", "Guía"),
             ("Red de organizaciones", "Convenio con universidades"), ("Feria intercultural", "Talleres de español"),
             ("Feria laboral", "Certificación de oficios"), ("Operativo de inscripción", "Facilitadores en CESFAM")]
    for axis, (first, second) in zip([a["key"] for a in P.axes(doc, cid)], pairs):
        full(doc, cid, axis, first)
        full(doc, cid, axis, second)
    assert P.review(doc, cid) == []
    lone = run(doc, P.delete_initiatives(doc, [r["id"] for r in P.initiatives(doc.store, cid)
                                             if r["name"] == "Facilitadores en CESFAM"]))
    few = [f for f in P.review(doc, cid) if f.kind == "few"]
    assert [f.axis for f in few] == ["salud"] and "una sola iniciativa" in few[0].text
    lone.undo(doc.store)
    a = full(doc, cid, "gestion_municipal", "Mesa comunal de migración")
    b = full(doc, cid, "trabajo_en_red", "Mesa Comunal de Migracion", description="con organizaciones")
    gap = run(doc, P.add_initiative(doc, cid, "salud", name="Operativo de salud", unit="CESFAM")).id
    findings = P.review(doc, cid)
    dupes = [f for f in findings if f.kind == "duplicate"]
    assert [f.ids for f in dupes] == [(a, b)]
    assert "en «Gestión municipal y coordinación institucional» y «Trabajo en red" in dupes[0].text
    missing = [f for f in findings if f.kind == "missing"]
    assert [f.ids for f in missing] == [(gap,)]
    assert missing[0].text == "«Operativo de salud» (Salud): falta meta, plazos."


def test_review_sees_duplicates_by_description_and_ignores_unrelated(plan):
    doc, _wid, cid = plan
    a = full(doc, cid, "capacitacion_informacion", "Campaña informativa sobre regularización",
             description="Afiches y radio comunitaria sobre cómo regularizar la situación migratoria")
    b = full(doc, cid, "gestion_municipal", "Difusión de regularización",
             description="Campaña informativa con afiches y radio comunitaria sobre la situación migratoria")
    full(doc, cid, "salud", "Capacitación en atención intercultural para funcionarios")
    assert [f.ids for f in P.review(doc, cid) if f.kind == "duplicate"] == [(a, b)]


def test_review_sees_near_identical_names_worded_apart(plan):
    """Publisher's defect (issue 15): singular/plural and small words hid a duplicate from the review."""
    doc, _wid, cid = plan
    a = full(doc, cid, "salud", "Familias haitianas: cursos de español")
    b = full(doc, cid, "capacitacion_informacion", "Curso de español para la familia haitiana")
    full(doc, cid, "gestion_municipal", "Mesa comunal de migración")
    full(doc, cid, "empleo_insercion_laboral", "Mesa comunal de empleo con agrícolas")
    assert [f.ids for f in P.review(doc, cid) if f.kind == "duplicate"] == [(a, b)]


def test_review_names_nameless_rows_and_empty_axes(plan):
    doc, _wid, cid = plan
    run(doc, P.add_initiative(doc, cid, "salud"))
    texts = [f.text for f in P.review(doc, cid)]
    assert "«Gestión municipal y coordinación institucional» no tiene iniciativas (el método pide al menos 2)." in texts
    assert "Iniciativa sin nombre (Salud): falta nombre, meta, unidad responsable, plazos." in texts


@pytest.fixture
def with_notes(plan):
    """The planning matrix plus a diagnostic board with two groups' challenges."""
    doc, wid, cid = plan
    diag = new_workshop(doc, builtin_template("diagnostico"), lang="es", title="Taller de diagnóstico")
    doc.execute(diag)
    group = run(doc, add_group(doc, diag.workshop_id, "Grupo 2")).id
    board_id = next(c["id"] for c in doc.canvases(diag.workshop_id) if c["kind"] == "board")
    notes = run(doc, board.add_notes(doc, board_id, "desafios", group,
                                     ["Falta de información sobre   regularización", "Discriminación en servicios"]))
    fortaleza = run(doc, board.add_notes(doc, board_id, "fortalezas_oportunidades", None, ["Oficina migrante"]))
    return doc, wid, cid, notes.note_ids, fortaleza.note_ids[0], group


def test_notes_become_initiatives_that_remember_them(with_notes):
    doc, _wid, cid, note_ids, fortaleza, group = with_notes
    sources = P.source_notes(doc, cid)
    assert [s["text"] for s in sources] == ["Falta de información sobre   regularización",
                                            "Discriminación en servicios", "Oficina migrante"]
    assert sources[0]["zone_label"] and sources[0]["group_name"] == "Grupo 2"
    assert not any(s["brought"] for s in sources)
    brought = P.bring_notes(doc, cid, note_ids, "capacitacion_informacion")
    assert (brought.added, brought.skipped) == (2, 0)
    run(doc, brought.command)
    rows = P.initiatives(doc.store, cid)
    assert [(r["name"], r["axis"], r["group_id"], r["origin_note_id"]) for r in rows] == [
        ("Falta de información sobre regularización", "capacitacion_informacion", group, note_ids[0]),
        ("Discriminación en servicios", "capacitacion_informacion", group, note_ids[1])]
    again = P.bring_notes(doc, cid, [*note_ids, fortaleza], "salud")
    assert (again.added, again.skipped) == (1, 2)
    assert [s["brought"] for s in P.source_notes(doc, cid)] == [True, True, False]
    brought.command.undo(doc.store)
    assert P.initiatives(doc.store, cid) == []


def test_origin_describes_the_note_and_says_when_it_is_gone(with_notes):
    doc, _wid, cid, note_ids, _f, _g = with_notes
    run(doc, P.bring_notes(doc, cid, note_ids[:1], "salud").command)
    row = P.initiatives(doc.store, cid)[0]
    text = P.origin(doc, row).describe()
    assert text.startswith("Origen: «Falta de información sobre regularización» — ")
    assert "Grupo 2" in text and "Taller de diagnóstico" in text
    assert P.origin(doc, dict(row, origin_note_id=None)) is None
    # a note id that no longer resolves (the schema nulls it on delete; older or repaired files may not)
    conn = sqlite3.connect(doc.path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM note WHERE id = ?", (note_ids[0],))
    conn.commit()
    conn.close()
    assert P.origin(doc, row).describe() == "Origen: una nota que ya no existe."


def test_bring_refuses_an_unknown_axis(with_notes):
    doc, _wid, cid, note_ids, _f, _g = with_notes
    with pytest.raises(ValueError):
        P.bring_notes(doc, cid, note_ids, "no_existe")


def test_group_choices_include_a_group_of_another_workshop(with_notes):
    doc, wid, cid, _n, _f, group = with_notes
    mine = run(doc, add_group(doc, wid, "Grupo A")).id
    assert P.group_choices(doc, wid) == [(mine, "Grupo A")]
    assert P.group_choices(doc, wid, group)[-1] == (group, "Grupo 2 (Taller de diagnóstico)")


def test_a_paste_moves_rows_to_the_end_of_their_new_axis_and_adds_after_them(plan):
    doc, _wid, cid = plan
    a1 = run(doc, P.add_initiative(doc, cid, "salud", name="A1")).id
    a2 = run(doc, P.add_initiative(doc, cid, "salud", name="A2")).id
    run(doc, P.add_initiative(doc, cid, "empleo_insercion_laboral", name="B1"))
    commands = P.paste_rows(doc, cid, [(a1, {"axis": "empleo_insercion_laboral", "goal": "g"}), (a2, {"goal": "h"})],
                            [{"axis": "empleo_insercion_laboral", "name": "B2"}])
    for command in commands:
        doc.execute(command)
    assert names(doc, cid, "empleo_insercion_laboral") == ["B1", "A1", "B2"] and names(doc, cid, "salud") == ["A2"]
    assert doc.store.get("initiative", a2)["position"] == 1.0  # a row that keeps its axis keeps its place
    with pytest.raises(ValueError, match="no es un eje"):
        P.paste_rows(doc, cid, [(a2, {"axis": "vivienda"})], [])


def test_the_review_after_an_edit_compares_only_the_edited_initiative_again():
    import random

    vocabulary = ("mesa comunal migración capacitación funcionarios atención intercultural campaña informativa "
                  "regularización convenio universidades convalidación títulos feria laboral oficios").split()
    rng = random.Random(3)
    rows = [{"id": f"i{n}", "name": " ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 7))) + f" {n}",
             "description": " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 12)))} for n in range(80)]
    P._alike.cache_clear()
    first = P.duplicate_pairs(rows)
    compared = P._alike.cache_info().misses
    assert first and compared > 3 * len(rows)  # many candidate pairs: the words are few
    rows[40] = {**rows[40], "name": rows[40]["name"] + " ajustada"}
    P.duplicate_pairs(rows)
    assert P._alike.cache_info().misses - compared < len(rows)  # only pairs with the edited initiative
    again = P.duplicate_pairs(rows)
    P._alike.cache_clear()
    assert P.duplicate_pairs(rows) == again  # the kept answers are the answers
