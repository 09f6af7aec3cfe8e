"""The problem tree without Qt: levels, layout, edits, prioritisation and the objective tree."""

import json
import random

import pytest

from facilitator import tree
from facilitator.domain.templates import builtin_template
from facilitator.i18n import set_language
from facilitator.workshops import new_workshop

NODE_W, NODE_H = 220.0, 90.0


def n(note_id, zone, position=0.0):
    return {"id": note_id, "zone": zone, "position": position}


def ln(source, target):
    return {"source_id": source, "target_id": target}


SEED_NOTES = [n("P", "problema"), n("c1", "causas", 1), n("c2", "causas", 2), n("c3", "causas", 3),
              n("c11", "causas", 4), n("c12", "causas", 5), n("c31", "causas", 6),
              n("e1", "efectos", 7), n("e2", "efectos", 8), n("e3", "efectos", 9), n("e21", "efectos", 10)]
SEED_LINKS = [ln("c1", "P"), ln("c2", "P"), ln("c3", "P"), ln("c11", "c1"), ln("c12", "c1"), ln("c31", "c3"),
              ln("P", "e1"), ln("P", "e2"), ln("P", "e3"), ln("e2", "e21")]


def assert_no_overlap(pos, w=NODE_W, h=NODE_H):
    boxes = sorted(pos.items(), key=lambda kv: kv[1])
    for i, (a, (ax, ay)) in enumerate(boxes):
        for b, (bx, by) in boxes[i + 1:]:
            if bx >= ax + w:
                break
            assert not (ax < bx + w and bx < ax + w and ay < by + h and by < ay + h), (a, b)


def random_tree(count, seed=1, cross=0):
    rnd = random.Random(seed)
    notes, links = [n("P", "problema")], []
    sides = {"causas": [], "efectos": []}
    for i in range(count - 1):
        zone = "causas" if rnd.random() < 0.6 else "efectos"
        parent = rnd.choice(sides[zone][-40:] + ["P"])
        nid = f"n{i}"
        notes.append(n(nid, zone, rnd.choice([0, i])))
        links.append(ln(nid, parent) if zone == "causas" else ln(parent, nid))
        sides[zone].append(nid)
    for _i in range(cross):  # extra arrows between causes, cycles included
        a, b = rnd.sample(sides["causas"], 2)
        links.append(ln(a, b))
    return notes, links


# -- levels ----------------------------------------------------------------------------------
def test_levels_follow_the_arrows():
    lv = tree.levels(SEED_NOTES, SEED_LINKS)
    assert lv == {"P": 0, "c1": -1, "c2": -1, "c3": -1, "c11": -2, "c12": -2, "c31": -2,
                  "e1": 1, "e2": 1, "e3": 1, "e21": 2}


def test_unlinked_nodes_go_by_zone_and_unknown_zones_count_as_causes():
    notes = [n("P", "problema"), n("c", "causas"), n("e", "efectos"), n("x", "rara"), n("m", "medios"),
             n("f", "fines"), n("o", "objetivo")]
    assert tree.levels(notes, []) == {"P": 0, "o": 0, "c": -1, "e": 1, "x": -1, "m": -1, "f": 1}


def test_arrows_win_over_the_zone_and_chains_without_trunk_stack_up():
    notes = [n("P", "problema"), n("e", "efectos"), n("a", "causas"), n("b", "causas"), n("f", "efectos"),
             n("g", "efectos")]
    links = [ln("e", "P"), ln("a", "b"), ln("f", "g")]  # an "effect" drawn as a cause; floating chains
    assert tree.levels(notes, links) == {"P": 0, "e": -1, "b": -1, "a": -2, "f": 1, "g": 2}


def test_levels_survive_cycles_dangling_links_self_links_and_several_trunks():
    notes = [n("P", "problema"), n("Q", "problema"), n("a", "causas"), n("b", "causas"), n("c", "causas"),
             n("e", "efectos")]
    links = [ln("a", "b"), ln("b", "c"), ln("c", "a"), ln("c", "P"), ln("a", "a"), ln("ghost", "P"),
             ln("P", "ghost"), ln("P", "e"), ln("e", "P"), ln("Q", "P"), {"source_id": None, "target_id": "P"}]
    lv = tree.levels(notes, links)
    assert lv["P"] == lv["Q"] == 0
    assert {lv["a"], lv["b"], lv["c"]} == {-1, -2, -3}  # the cycle is cut once, deterministically
    assert lv["e"] == 1  # on a cycle through the trunk: its zone decides
    assert tree.levels(notes, links) == lv


def test_a_long_chain_does_not_hit_the_recursion_limit():
    notes = [n("P", "problema")] + [n(f"c{i}", "causas") for i in range(3000)]
    links = [ln("c0", "P")] + [ln(f"c{i + 1}", f"c{i}") for i in range(2999)]
    assert tree.levels(notes, links)["c2999"] == -3000


# -- layout ----------------------------------------------------------------------------------
def test_layout_rows_effects_above_trunk_above_causes():
    pos = tree.layout(SEED_NOTES, SEED_LINKS)
    y = {k: v[1] for k, v in pos.items()}
    assert y["e21"] < y["e1"] == y["e2"] == y["e3"] < y["P"] < y["c1"] == y["c2"] == y["c3"] < y["c11"]
    assert min(y.values()) == 0 and min(x for x, _y in pos.values()) == 0
    assert y["P"] - y["e1"] == NODE_H + 70
    assert_no_overlap(pos)


def test_layout_puts_children_under_their_parent_and_keeps_manual_order():
    pos = tree.layout(SEED_NOTES, SEED_LINKS)
    x = {k: v[0] for k, v in pos.items()}
    assert x["c1"] < x["c2"] < x["c3"]  # siblings in manual order
    assert x["c11"] < x["c12"]
    assert min(x["c11"], x["c12"]) < x["c1"] < max(x["c11"], x["c12"])  # a parent between its children
    assert x["c31"] == pytest.approx(x["c3"], abs=1)  # an only child right under its parent
    assert x["e21"] == pytest.approx(x["e2"], abs=1)
    swapped = [dict(r, position=-r["position"]) if r["id"] in ("c1", "c3") else r for r in SEED_NOTES]
    x2 = {k: v[0] for k, v in tree.layout(swapped, SEED_LINKS).items()}
    assert x2["c3"] < x2["c1"] < x2["c2"]
    assert x2["c31"] == pytest.approx(x2["c3"], abs=1)


def test_layout_orders_rows_to_avoid_crossings():
    # Manual order puts the children in the opposite order of their parents.
    notes = [n("P", "problema"), n("a", "causas", 1), n("b", "causas", 2), n("b1", "causas", 3),
             n("a1", "causas", 4)]
    links = [ln("a", "P"), ln("b", "P"), ln("a1", "a"), ln("b1", "b")]
    x = {k: v[0] for k, v in tree.layout(notes, links).items()}
    assert x["a"] < x["b"] and x["a1"] < x["b1"]


def test_layout_never_overlaps_even_with_cycles_and_odd_sizes():
    for seed in range(5):
        notes, links = random_tree(150, seed, cross=30)
        pos = tree.layout(notes, links, node_w=100, node_h=40, gap_x=5, gap_y=5)
        assert set(pos) == {r["id"] for r in notes}
        assert_no_overlap(pos, 100, 40)
    assert tree.layout([], []) == {}
    assert tree.layout([n("solo", "rara")], []) == {"solo": (0.0, 160.0)}  # below the (empty) trunk row


def test_row_top_matches_layout():
    pos = tree.layout(SEED_NOTES, SEED_LINKS)
    assert tree.row_top(-2, 2) == pos["c11"][1]
    assert tree.row_top(0, 2) == pos["P"][1]


# -- editing a stored tree -------------------------------------------------------------------------
@pytest.fixture
def arbol(doc):
    """A problem-tree workshop; returns (doc, canvas_id)."""
    macro = new_workshop(doc, builtin_template("arbol_problemas"), lang="es")
    doc.execute(macro)
    canvas = next(c for c in doc.canvases(macro.workshop_id) if c["kind"] == "problem_tree")
    return doc, canvas["id"]


def add(doc, canvas_id, text, role, anchor=None):
    macro = tree.add_node(doc, canvas_id, text, role, anchor_id=anchor)
    doc.execute(macro)
    return macro.note_id


def seed_tree(doc, canvas_id):
    """The seed's example (002) with a second level on each side; returns the ids by short name."""
    ids = {"P": add(doc, canvas_id, "Dificultades para la integración laboral de migrantes", "trunk")}
    for key, text in (("c1", "Falta de políticas inclusivas"), ("c2", "Discriminación en procesos de selección"),
                      ("c3", "Escasez de formación técnica")):
        ids[key] = add(doc, canvas_id, text, "cause")
    for key, text in (("e1", "Aumento de tensiones sociales"), ("e2", "Incremento del desempleo"),
                      ("e3", "Precariedad económica")):
        ids[key] = add(doc, canvas_id, text, "effect")
    ids["c11"] = add(doc, canvas_id, "Desconocimiento de la normativa migratoria", "cause", ids["c1"])
    ids["e31"] = add(doc, canvas_id, "Inseguridad alimentaria en hogares migrantes", "effect", ids["e3"])
    return ids


def structure(doc, canvas_id):
    return doc.notes(canvas_id), tree.arrows(doc, canvas_id)


def test_add_nodes_link_them_to_their_parent(arbol):
    doc, cid = arbol
    ids = seed_tree(doc, cid)
    notes, links = structure(doc, cid)
    pairs = {(r["source_id"], r["target_id"]) for r in links}
    assert (ids["c1"], ids["P"]) in pairs and (ids["P"], ids["e1"]) in pairs
    assert (ids["c11"], ids["c1"]) in pairs and (ids["e3"], ids["e31"]) in pairs
    zones = {r["id"]: r["zone"] for r in notes}
    assert zones[ids["P"]] == "problema" and zones[ids["c11"]] == "causas" and zones[ids["e31"]] == "efectos"
    lv = tree.levels(notes, links)
    assert (lv[ids["P"]], lv[ids["c1"]], lv[ids["c11"]], lv[ids["e1"]], lv[ids["e31"]]) == (0, -1, -2, 1, 2)
    assert all(r["kind"] == "cause_effect" for r in links)


def test_a_cause_of_an_effect_stays_on_the_effect_side(arbol):
    doc, cid = arbol
    ids = seed_tree(doc, cid)
    between = add(doc, cid, "Competencia por empleos precarios", "cause", ids["e1"])
    above = add(doc, cid, "Menor gasto municipal", "effect", ids["c1"])
    notes, links = structure(doc, cid)
    zones = {r["id"]: r["zone"] for r in notes}
    lv = tree.levels(notes, links)
    assert zones[between] == "efectos" and lv[between] == 1 and lv[ids["e1"]] == 2
    assert zones[above] == "causas" and lv[above] == -1 and lv[ids["c1"]] == -2


def test_a_second_trunk_is_refused_with_a_clear_message(arbol):
    doc, cid = arbol
    add(doc, cid, "Dificultades para la integración laboral de migrantes", "trunk")
    with pytest.raises(tree.TreeError) as refused:
        tree.add_node(doc, cid, "Otro problema", "trunk")
    assert refused.value.reason == "second_trunk"
    assert "problema central" in str(refused.value) and "Dificultades para la integración" in str(refused.value)
    with pytest.raises(tree.TreeError):
        tree.add_node(doc, cid, "   ", "cause")


def test_edit_and_delete_nodes(arbol):
    doc, cid = arbol
    ids = seed_tree(doc, cid)
    assert tree.edit_text(doc, ids["c1"], "  Falta de políticas inclusivas ") is None
    cmd = tree.edit_text(doc, ids["c1"], "<b>x</b> ¿ñandú? 🙂")
    doc.execute(cmd)
    assert doc.store.get("note", ids["c1"])["text"] == "<b>x</b> ¿ñandú? 🙂"
    with pytest.raises(tree.TreeError):
        tree.edit_text(doc, ids["c1"], "\n ")
    before = structure(doc, cid)
    delete = tree.delete_nodes(doc, [ids["c1"], ids["c1"], "nope"])
    doc.execute(delete)
    notes, links = structure(doc, cid)
    assert ids["c1"] not in {r["id"] for r in notes}
    assert not [r for r in links if ids["c1"] in (r["source_id"], r["target_id"])]  # arrows went with it
    delete.undo(doc.store)
    assert [(r["id"], r["text"]) for r in structure(doc, cid)[0]] == [(r["id"], r["text"]) for r in before[0]]
    assert {r["id"] for r in structure(doc, cid)[1]} == {r["id"] for r in before[1]}


def test_arrows_refuse_self_links_repeats_and_cycles(arbol):
    doc, cid = arbol
    ids = seed_tree(doc, cid)
    refused = {}
    for name, (a, b) in {"self": ("c1", "c1"), "duplicate": ("c1", "P"), "cycle": ("P", "c11"),
                         "cycle2": ("e31", "c3")}.items():
        with pytest.raises(tree.TreeError) as exc:
            tree.connect(doc, ids[a], ids[b])
        refused[name] = exc.value.reason
    assert refused == {"self": "self", "duplicate": "duplicate", "cycle": "cycle", "cycle2": "cycle"}
    link = tree.connect(doc, ids["c3"], ids["c1"])  # a cause of a cause: fine
    doc.execute(link)
    assert tree.levels(*structure(doc, cid))[ids["c3"]] == -2
    with pytest.raises(tree.TreeError) as exc:
        tree.reverse(doc, next(r["id"] for r in tree.arrows(doc, cid)
                               if (r["source_id"], r["target_id"]) == (ids["c3"], ids["P"])))
    assert exc.value.reason == "cycle"  # P → c3 → c1 → P
    doc.execute(tree.reverse(doc, link.id))
    row = doc.store.get("link", link.id)
    assert (row["source_id"], row["target_id"]) == (ids["c1"], ids["c3"])
    removal = tree.disconnect(doc, [link.id])
    doc.execute(removal)
    assert doc.store.get("link", link.id) is None
    removal.undo(doc.store)
    assert doc.store.get("link", link.id) is not None


def test_marks_and_scores(arbol):
    doc, cid = arbol
    ids = seed_tree(doc, cid)
    doc.execute(tree.set_mark(doc, [ids["c3"]], "manageable", True))
    doc.execute(tree.set_mark(doc, [ids["c2"], ids["c3"]], "critical", True))
    assert tree.set_mark(doc, [ids["c3"]], "critical", True) is None
    assert tree.note_marks(doc.store.get("note", ids["c3"])) == ["manageable", "critical"]
    doc.execute(tree.set_mark(doc, [ids["c3"]], "manageable", False))
    assert tree.note_marks(doc.store.get("note", ids["c3"])) == ["critical"]
    with pytest.raises(KeyError):
        tree.set_mark(doc, [ids["c3"]], "bonita", True)
    doc.execute(tree.set_score(doc, ids["c1"], "impact", 4))
    doc.execute(tree.set_score(doc, ids["c1"], "feasibility", "3"))
    assert tree.score(doc.store.get("note", ids["c1"])) == 12
    for bad in (0, 6, "x"):
        with pytest.raises(tree.TreeError):
            tree.set_score(doc, ids["c1"], "impact", bad)
    assert tree.set_score(doc, ids["c1"], "impact", 4) is None
    doc.execute(tree.set_score(doc, ids["c1"], "impact", None))
    assert tree.score(doc.store.get("note", ids["c1"])) is None
    assert tree.note_marks({"marks": "{oops"}) == [] and tree.note_marks({"marks": '"critical"'}) == []


def test_priorities_rank_causes_by_score_then_marks_and_effects_by_marks(arbol):
    doc, cid = arbol
    ids = seed_tree(doc, cid)
    for field, value in (("impact", 5), ("feasibility", 2)):
        doc.execute(tree.set_score(doc, ids["c2"], field, value))
    for field, value in (("impact", 4), ("feasibility", 4)):
        doc.execute(tree.set_score(doc, ids["c3"], field, value))
    doc.execute(tree.set_mark(doc, [ids["c1"]], "critical", True))
    doc.execute(tree.set_mark(doc, [ids["e2"]], "urgent", True))
    doc.execute(tree.set_mark(doc, [ids["e3"]], "serious", True))
    doc.execute(tree.set_mark(doc, [ids["e1"]], "serious", True))
    doc.execute(tree.set_mark(doc, [ids["e1"]], "urgent", True))
    doc.execute(tree.set_mark(doc, [ids["e1"]], "critical", True))  # a cause mark on an effect is not shown
    ranked = tree.priorities(*structure(doc, cid))
    assert [i["id"] for i in ranked["causes"]] == [ids["c3"], ids["c2"], ids["c1"], ids["c11"]]
    assert ranked["causes"][0]["score"] == 16 and ranked["causes"][2]["marks"] == ["critical"]
    assert [i["id"] for i in ranked["effects"]] == [ids["e1"], ids["e3"], ids["e2"], ids["e31"]]
    assert ranked["effects"][0]["marks"] == ["serious", "urgent"]
    assert ids["P"] not in [i["id"] for i in ranked["causes"] + ranked["effects"]]


def test_move_sideways_swaps_siblings(arbol):
    doc, cid = arbol
    ids = seed_tree(doc, cid)

    def order():
        pos = tree.layout(*structure(doc, cid))
        return sorted((ids[k] for k in ("c1", "c2", "c3")), key=lambda i: pos[i][0])

    assert order() == [ids["c1"], ids["c2"], ids["c3"]]
    doc.execute(tree.move_sideways(doc, ids["c1"], 1))
    assert order() == [ids["c2"], ids["c1"], ids["c3"]]
    assert tree.move_sideways(doc, ids["c2"], -1) is None
    assert tree.move_sideways(doc, ids["c11"], 1) is None  # an only child


# -- the objective tree ------------------------------------------------------------------------------
@pytest.mark.parametrize("problem, objective", [
    ("Dificultades para la integración laboral de migrantes",
     "Condiciones favorables para la integración laboral de migrantes"),
    ("Falta de políticas inclusivas", "Existencia de políticas inclusivas"),
    ("Discriminación en procesos de selección", "Procesos de selección sin discriminación"),
    ("Escasez de formación técnica", "Disponibilidad de formación técnica"),
    ("Aumento de tensiones sociales", "Disminución de tensiones sociales"),
    ("Incremento del desempleo", "Disminución del desempleo"),
    ("Precariedad económica", "Estabilidad económica"),
    ("Malas condiciones de vivienda", "Buenas condiciones de vivienda"),
    ("No existen protocolos de atención", "Existen protocolos de atención"),
    ("Recursos insuficientes", "Recursos suficientes"),
    ("falta de información", "existencia de información"),
    ("Lack of inclusive policies", "Availability of inclusive policies"),
    ("Discrimination in hiring", "Hiring free of discrimination"),
    ("Xenofobia en la comunidad", "Xenofobia en la comunidad"),  # no rule fits: kept as typed
    ("<b>x</b>", "<b>x</b>"),
])
def test_restate(problem, objective):
    assert tree.restate(problem) == objective


def table_counts(doc):
    return {t: doc.store.scalar(f"SELECT count(*) FROM {t}") for t in ("canvas", "note", "link")}


def test_conversion_makes_a_linked_copy_in_one_undo_step(arbol):
    doc, cid = arbol
    ids = seed_tree(doc, cid)
    group = doc.store.insert("workgroup", {"workshop_id": doc.canvas(cid)["workshop_id"], "name": "Grupo 1"})
    doc.execute(tree.set_mark(doc, [ids["c3"]], "manageable", True))
    doc.execute(tree.set_score(doc, ids["c3"], "impact", 3))
    doc.store.update("note", ids["c2"], {"group_id": group["id"]})
    before = table_counts(doc)
    macro = tree.convert_to_objectives(doc, cid)
    doc.execute(macro)
    new = doc.canvas(macro.canvas_id)
    assert (new["kind"], new["variant"], new["origin_id"], new["title"]) == (
        "problem_tree", "objectives", cid, "Árbol de objetivos")
    assert [(z["key"], z["label"]) for z in new["zones"]] == [
        ("objetivo", "Objetivo central"), ("medios", "Medios"), ("fines", "Fines")]
    old_notes, old_links = structure(doc, cid)
    notes, links = structure(doc, macro.canvas_id)
    by_origin = {r["origin_id"]: r for r in notes}
    assert set(by_origin) == {r["id"] for r in old_notes}
    assert by_origin[ids["P"]]["zone"] == "objetivo" and by_origin[ids["c1"]]["zone"] == "medios"
    assert by_origin[ids["e1"]]["zone"] == "fines"
    assert by_origin[ids["c1"]]["text"] == "Existencia de políticas inclusivas"
    assert by_origin[ids["c2"]]["group_id"] == group["id"]
    assert tree.note_marks(by_origin[ids["c3"]]) == ["manageable"] and by_origin[ids["c3"]]["impact"] == 3
    back = {r["id"]: r["origin_id"] for r in notes}
    assert {(back[r["source_id"]], back[r["target_id"]]) for r in links} == {
        (r["source_id"], r["target_id"]) for r in old_links}
    old_levels = tree.levels(old_notes, old_links)
    assert {back[k]: v for k, v in tree.levels(notes, links).items()} == old_levels
    assert (macro.restated, macro.total) == (len(old_notes) - 1, len(old_notes))  # "Inseguridad…" fits no rule
    assert tree.objective_trees(doc, cid) == [new]
    macro.undo(doc.store)
    assert table_counts(doc) == before
    assert doc.canvas(macro.canvas_id) is None
    assert structure(doc, cid) == (old_notes, old_links)


def test_converting_again_numbers_the_title_and_objective_trees_do_not_convert(arbol):
    doc, cid = arbol
    seed_tree(doc, cid)
    first = tree.convert_to_objectives(doc, cid)
    doc.execute(first)
    second = tree.convert_to_objectives(doc, cid)
    doc.execute(second)
    assert doc.canvas(second.canvas_id)["title"] == "Árbol de objetivos (2)"
    assert doc.canvas(second.canvas_id)["key"] != doc.canvas(first.canvas_id)["key"]
    assert len(tree.objective_trees(doc, cid)) == 2
    with pytest.raises(tree.TreeError) as exc:
        tree.convert_to_objectives(doc, first.canvas_id)
    assert exc.value.reason == "already_objectives"
    assert tree.zone_roles(doc.canvas(first.canvas_id)) == {"trunk": "objetivo", "cause": "medios",
                                                          "effect": "fines"}
    # In an objective tree a second central objective is refused in its own words.
    with pytest.raises(tree.TreeError, match="objetivo central"):
        tree.add_node(doc, first.canvas_id, "Otro", "trunk")


def test_conversion_leaves_out_arrows_to_notes_of_other_canvases(arbol):
    """An imported exchange can hold an arrow whose other end lives on another canvas: it is not copied."""
    doc, cid = arbol
    ids = seed_tree(doc, cid)
    board = next(c for c in doc.canvases(doc.canvas(cid)["workshop_id"]) if c["kind"] == "board")
    other = doc.store.insert("note", {"canvas_id": board["id"], "zone": "x", "text": "otra", "tags": "[]",
                                      "votes": 0, "position": 0})
    doc.store.insert("link", {"canvas_id": cid, "source_id": other["id"], "target_id": ids["P"],
                              "kind": "cause_effect"})
    inside = len(tree.arrows(doc, cid)) - 1
    macro = tree.convert_to_objectives(doc, cid)
    doc.execute(macro)
    assert len(tree.arrows(doc, macro.canvas_id)) == inside
    assert {r["origin_id"] for r in doc.notes(macro.canvas_id)} == {r["id"] for r in doc.notes(cid)}


def test_restate_never_fails_on_odd_text():
    words = ["falta", "de", "mal", "mala", "malos", "no", "hay", "sin", "escasa", "pérdida", "del", "alta", "baja",
             "mayores", "insuficientes", "limitadas", "desempleo", "lack", "of", "a", "", "x", "MAL", "{n}", "{rest}"]
    rnd = random.Random(1)
    for _ in range(5000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 5)))
        assert isinstance(tree.restate(text), str)


def test_conversion_of_an_empty_tree_is_refused_and_english_labels_work(arbol):
    doc, cid = arbol
    with pytest.raises(tree.TreeError) as exc:
        tree.convert_to_objectives(doc, cid)
    assert exc.value.reason == "empty_tree"
    add(doc, cid, "Lack of training", "trunk")
    set_language("en")
    macro = tree.convert_to_objectives(doc, cid)
    doc.execute(macro)
    new = doc.canvas(macro.canvas_id)
    assert new["title"] == "Objective tree"
    assert [z["label"] for z in new["zones"]] == ["Central objective", "Means", "Ends"]
    assert doc.notes(macro.canvas_id)[0]["text"] == "Availability of training"


def test_zone_roles_fall_back_to_the_template_keys():
    assert tree.zone_roles({"zones": json.dumps([]), "variant": ""}) == {
        "trunk": "problema", "cause": "causas", "effect": "efectos"}
    assert tree.zone_roles({"zones": [{"key": "fines"}], "variant": "objectives"})["trunk"] == "objetivo"
