"""FODA edits as commands (no Qt): quadrants, capture, moves, bring-over links and skips, origins, undo."""

import json

import pytest

from facilitator import board, foda
from facilitator.commands import DeleteRow, InsertRow, UpdateRow
from facilitator.domain.templates import builtin_template
from facilitator.i18n import set_language
from facilitator.workshops import new_workshop


def add_groups(doc, wid, names):
    ids = []
    for i, name in enumerate(names):
        cmd = InsertRow("workgroup", {"workshop_id": wid, "name": name, "position": i, "colour": ""})
        doc.execute(cmd)
        ids.append(cmd.id)
    return ids


@pytest.fixture
def process(doc):
    """A diagnostic workshop (board with two groups) and a FODA workshop (two groups) in one process."""
    diag = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(diag)
    made = new_workshop(doc, builtin_template("foda"), lang="es")
    doc.execute(made)
    board_id = next(c["id"] for c in doc.canvases(diag.workshop_id) if c["kind"] == "board")
    canvas_id = foda.foda_canvases(doc, made.workshop_id)[0]["id"]
    return {"doc": doc, "diag": diag.workshop_id, "wid": made.workshop_id, "board": board_id, "canvas": canvas_id,
            "board_groups": add_groups(doc, diag.workshop_id, ["Mesa A", "Mesa B"]),
            "groups": add_groups(doc, made.workshop_id, ["Grupo 1", "Grupo 2"])}


def texts(doc, canvas_id, zone):
    return [r["text"] for r in foda.by_zone(foda.matrix_notes(doc, canvas_id))[zone]]


def test_quadrants_axes_and_strategies_follow_the_method():
    by_key = {q.key: q for q in foda.QUADRANTS}
    assert set(by_key) == {"fortalezas", "debilidades", "oportunidades", "amenazas"}
    assert (by_key["fortalezas"].internal, by_key["fortalezas"].positive) == (True, True)
    assert (by_key["debilidades"].internal, by_key["debilidades"].positive) == (True, False)
    assert (by_key["oportunidades"].internal, by_key["oportunidades"].positive) == (False, True)
    assert (by_key["amenazas"].internal, by_key["amenazas"].positive) == (False, False)
    assert foda.STRATEGY_KEYS == ("fo", "do", "fa", "da")
    assert foda.strategy("da").combines == ("debilidades", "amenazas")
    assert foda.INTERNAL == "Factores internos" and foda.NEGATIVE == "Negativos"


def test_template_creates_a_foda_canvas_with_the_four_quadrants(process):
    doc = process["doc"]
    (canvas,) = foda.foda_canvases(doc, process["wid"])
    assert canvas["kind"] == "foda" and canvas["key"] == "matriz_foda"
    assert {z["key"] for z in canvas["zones"]} == set(foda.QUADRANT_KEYS)
    assert foda.foda_canvases(doc, process["diag"]) == []


def test_zone_labels_come_from_the_canvas_or_the_standard(process):
    doc = process["doc"]
    canvas = doc.canvas(process["canvas"])
    canvas["zones"] = [{"key": "fortalezas", "label": "Lo que tenemos"}]
    assert foda.zone_label(canvas, "fortalezas") == "Lo que tenemos"
    assert foda.zone_label(canvas, "amenazas") == "Amenazas"  # missing from the zones JSON
    assert foda.zone_label(None, "fo") == "Estrategias FO"
    set_language("en")
    assert foda.zone_label({"zones": []}, "debilidades") == "Weaknesses"
    assert foda.zone_label({"zones": []}, "da") == "WT strategies"


def test_by_zone_always_has_every_quadrant_and_collects_strays(process):
    doc, canvas_id = process["doc"], process["canvas"]
    doc.execute(InsertRow("note", {"canvas_id": canvas_id, "zone": "otra", "text": "perdida"}))
    zones = foda.by_zone(foda.matrix_notes(doc, canvas_id))
    assert all(zones[key] == [] for key in foda.ZONE_KEYS)
    assert [r["text"] for r in zones[None]] == ["perdida"]


def test_add_notes_keeps_text_and_group_and_orders_one_list_per_quadrant(process):
    doc, canvas_id = process["doc"], process["canvas"]
    g1, g2 = process["groups"]
    first = foda.add_notes(doc, canvas_id, "fortalezas", g1,
                           ["Contar con una oficina de atención a personas migrantes", "  ", "<b>x</b> ñ 🙂"])
    doc.execute(first)
    doc.execute(foda.add_notes(doc, canvas_id, "fortalezas", g2, ["Red de organizaciones migrantes activa"]))
    doc.execute(foda.add_notes(doc, canvas_id, "fortalezas", g1, ["Tercera de Grupo 1"]))
    assert len(first.note_ids) == 2 and first.text == "Agregar 2 notas"
    assert texts(doc, canvas_id, "fortalezas") == [
        "Contar con una oficina de atención a personas migrantes", "<b>x</b> ñ 🙂",
        "Red de organizaciones migrantes activa", "Tercera de Grupo 1"]
    rows = foda.by_zone(foda.matrix_notes(doc, canvas_id))["fortalezas"]
    assert [r["group_name"] for r in rows] == ["Grupo 1", "Grupo 1", "Grupo 2", "Grupo 1"]
    assert all(r["origin"] is None for r in rows)
    assert foda.add_notes(doc, canvas_id, "fortalezas", g1, [" ", "\n"]) is None
    with pytest.raises(ValueError, match="no es un cuadrante"):
        foda.add_notes(doc, canvas_id, "desafios", g1, ["x"])
    first.undo(doc.store)
    assert texts(doc, canvas_id, "fortalezas") == ["Red de organizaciones migrantes activa", "Tercera de Grupo 1"]


def test_place_notes_moves_between_quadrants_and_reorders_as_one_undo_step(process):
    doc, canvas_id = process["doc"], process["canvas"]
    g1 = process["groups"][0]
    doc.execute(foda.add_notes(doc, canvas_id, "fortalezas", g1, ["F1", "F2", "F3"]))
    doc.execute(foda.add_notes(doc, canvas_id, "debilidades", g1, ["D1", "D2"]))
    ids = {r["text"]: r["id"] for r in doc.notes(canvas_id)}

    move = foda.place_notes(doc, [ids["F2"], ids["F3"]], "debilidades", before=ids["D2"])
    assert move.text == "Mover 2 notas a «Debilidades»"
    doc.execute(move)
    assert texts(doc, canvas_id, "fortalezas") == ["F1"]
    assert texts(doc, canvas_id, "debilidades") == ["D1", "F2", "F3", "D2"]
    assert doc.store.get("note", ids["F2"])["group_id"] == g1  # the group travels with the note
    move.undo(doc.store)
    assert texts(doc, canvas_id, "fortalezas") == ["F1", "F2", "F3"]
    assert texts(doc, canvas_id, "debilidades") == ["D1", "D2"]

    to_end = foda.place_notes(doc, [ids["F1"]], "amenazas")
    assert to_end.text == "Mover nota a «Amenazas»"
    doc.execute(to_end)
    assert texts(doc, canvas_id, "amenazas") == ["F1"]
    assert foda.place_notes(doc, [ids["F1"]], "amenazas") is None  # already there
    assert foda.place_notes(doc, ["no-such-note"], "amenazas") is None
    with pytest.raises(ValueError):
        foda.place_notes(doc, [ids["F1"]], "nowhere")


def test_step_note_reorders_inside_a_quadrant(process):
    doc, canvas_id = process["doc"], process["canvas"]
    doc.execute(foda.add_notes(doc, canvas_id, "oportunidades", None, ["O1", "O2", "O3"]))
    ids = {r["text"]: r["id"] for r in doc.notes(canvas_id)}
    down = foda.step_note(doc, ids["O1"], 1)
    assert down.text == "Reordenar nota"
    doc.execute(down)
    assert texts(doc, canvas_id, "oportunidades") == ["O2", "O1", "O3"]
    assert foda.step_note(doc, ids["O2"], -1) is None
    assert foda.step_note(doc, ids["O3"], 1) is None
    down.undo(doc.store)
    assert texts(doc, canvas_id, "oportunidades") == ["O1", "O2", "O3"]


def board_notes(process):
    """Notes on the diagnostic's flipchart: challenges and strengths from two groups."""
    doc, board_id = process["doc"], process["board"]
    a, b = process["board_groups"]
    doc.execute(board.add_notes(doc, board_id, "desafios", a, ["Falta de personal capacitado en atención "
                                                               "intercultural", "Poca información en otros idiomas"]))
    doc.execute(board.add_notes(doc, board_id, "desafios", b, ["Trámites lentos"]))
    doc.execute(board.add_notes(doc, board_id, "fortalezas_oportunidades", b, ["Oficina de atención migrante"]))
    return {r["text"]: r for r in doc.notes(board_id)}


def test_source_notes_list_every_board_note_with_workshop_zone_and_group(process):
    doc = process["doc"]
    notes = board_notes(process)
    other = new_workshop(doc, builtin_template("diagnostico"), lang="es", title="Segundo diagnóstico")
    doc.execute(other)
    other_board = next(c["id"] for c in doc.canvases(other.workshop_id) if c["kind"] == "board")
    doc.execute(board.add_notes(doc, other_board, "desafios", None, ["Del segundo taller"]))
    doc.execute(foda.add_notes(doc, process["canvas"], "fortalezas", None, ["Nota FODA"]))  # not a board note

    rows = foda.source_notes(doc, process["canvas"])
    assert [r["text"] for r in rows] == [
        "Falta de personal capacitado en atención intercultural", "Poca información en otros idiomas",
        "Trámites lentos", "Oficina de atención migrante", "Del segundo taller"]
    first = rows[0]
    assert first["workshop_title"] == "Taller de diagnóstico participativo"
    assert first["zone"] == "desafios" and first["zone_label"] == "Desafíos"
    assert first["group_name"] == "Mesa A" and first["group_id"] == process["board_groups"][0]
    assert rows[-1]["workshop_title"] == "Segundo diagnóstico" and rows[-1]["group_name"] is None
    assert not any(r["brought"] for r in rows)
    assert first["id"] == notes["Falta de personal capacitado en atención intercultural"]["id"]


def test_default_target_follows_the_board_zone():
    assert foda.default_target("desafios") == "debilidades"
    assert foda.default_target("fortalezas_oportunidades") == "fortalezas"
    assert foda.default_target("amenazas") == "amenazas"
    assert foda.default_target("ideas") == "fortalezas"


def test_bring_over_copies_with_origin_and_group_and_skips_what_is_already_there(process):
    doc, canvas_id = process["doc"], process["canvas"]
    notes = board_notes(process)
    challenges = [notes["Falta de personal capacitado en atención intercultural"]["id"],
                  notes["Trámites lentos"]["id"]]
    result = foda.bring_over(doc, canvas_id, "debilidades", challenges)
    assert (result.added, result.skipped) == (2, 0)
    assert result.command.text == "Traer 2 notas a «Debilidades»"
    doc.execute(result.command)
    copies = foda.by_zone(foda.matrix_notes(doc, canvas_id))["debilidades"]
    assert [c["text"] for c in copies] == ["Falta de personal capacitado en atención intercultural",
                                           "Trámites lentos"]
    assert [c["origin_id"] for c in copies] == challenges
    assert [c["group_id"] for c in copies] == process["board_groups"]
    assert copies[0]["id"] not in challenges  # a copy, not the board's note
    assert copies[0]["origin"] == foda.Origin(True, "Falta de personal capacitado en atención intercultural",
                                              "Taller de diagnóstico participativo", "Papelógrafo del grupo",
                                              "Desafíos", "Mesa A")
    assert copies[0]["origin"].describe() == ("Origen: «Falta de personal capacitado en atención intercultural» — "
                                              "Taller de diagnóstico participativo · Papelógrafo del grupo · "
                                              "Desafíos · Mesa A")
    assert {r["id"] for r in foda.source_notes(doc, canvas_id) if r["brought"]} == set(challenges)
    assert len(doc.notes(process["board"])) == 4  # the board keeps its notes

    # Moved to another quadrant, a copy still counts as brought.
    doc.execute(foda.place_notes(doc, [copies[1]["id"]], "amenazas"))
    again = foda.bring_over(doc, canvas_id, "fortalezas", [*challenges, notes["Oficina de atención migrante"]["id"]])
    assert (again.added, again.skipped) == (1, 2)
    assert again.command.text == "Traer nota a «Fortalezas»"
    doc.execute(again.command)
    nothing = foda.bring_over(doc, canvas_id, "fortalezas", challenges)
    assert (nothing.command, nothing.added, nothing.skipped) == (None, 0, 2)

    # One undo step takes all copies of one bring-over away.
    result.command.undo(doc.store)
    assert texts(doc, canvas_id, "debilidades") == [] and foda.brought_ids(doc, canvas_id) == {
        notes["Oficina de atención migrante"]["id"]}


def test_origin_says_when_the_source_note_was_deleted(process):
    doc, canvas_id = process["doc"], process["canvas"]
    notes = board_notes(process)
    source = notes["Trámites lentos"]["id"]
    result = foda.bring_over(doc, canvas_id, "debilidades", [source])
    doc.execute(result.command)
    (copy_id,) = result.command.note_ids

    def origin():
        return next(r for r in foda.matrix_notes(doc, canvas_id) if r["id"] == copy_id)["origin"]

    assert origin().exists
    gone = DeleteRow("note", source)
    doc.execute(gone)
    assert origin() == foda.Origin(exists=False)
    assert "ya no existe" in origin().describe()
    assert doc.store.get("note", copy_id)["origin_id"] == source  # the link is kept (no FK)
    gone.undo(doc.store)
    assert origin().exists


def test_edits_reuse_board_commands_and_undo(process):
    doc, canvas_id = process["doc"], process["canvas"]
    add = foda.add_notes(doc, canvas_id, "amenazas", None, ["Incremento de discursos xenófobos"])
    doc.execute(add)
    (note_id,) = add.note_ids
    edit = board.edit_text(doc, note_id, "Incremento de discursos xenófobos en la comunidad local")
    doc.execute(edit)
    votes = board.change_votes(doc, [note_id], 1)
    doc.execute(votes)
    assert doc.store.get("note", note_id)["votes"] == 1
    votes.undo(doc.store)
    edit.undo(doc.store)
    assert texts(doc, canvas_id, "amenazas") == ["Incremento de discursos xenófobos"]


def test_strategies_are_zones_of_the_same_canvas(process):
    doc, canvas_id = process["doc"], process["canvas"]
    doc.execute(foda.add_notes(doc, canvas_id, "fo", None, ["Usar la oficina para postular a fondos regionales"]))
    zones = foda.by_zone(foda.matrix_notes(doc, canvas_id))
    assert [r["text"] for r in zones["fo"]] == ["Usar la oficina para postular a fondos regionales"]
    assert json.loads(json.dumps(doc.canvas(canvas_id)["zones"]))  # the zones JSON is left as the template made it
    doc.execute(UpdateRow("canvas", canvas_id, {"zones": "[]"}))
    assert foda.zone_label(doc.canvas(canvas_id), "fortalezas") == "Fortalezas"
