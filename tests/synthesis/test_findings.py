"""Findings of the systematisation: create, link, counts from links, quotes, merge, split, order, undo (no Qt)."""

from __future__ import annotations

import json

import pytest

from facilitator.commands import InsertRow, Macro
from facilitator.synthesis import findings as F


def run(doc, command):
    assert command is not None
    doc.execute(command)
    return command


@pytest.fixture
def room(doc):
    """Two workshops, three groups with people of three sectors, notes (one carried over) and an entry."""
    pid = doc.process["id"]
    cmds = []

    def add(table, **values):
        cmd = InsertRow(table, values)
        cmds.append(cmd)
        return cmd.id

    w1 = add("workshop", process_id=pid, title="Diagnóstico", position=0)
    w2 = add("workshop", process_id=pid, title="FODA", position=1)
    board = add("canvas", workshop_id=w1, kind="board", title="Papelógrafo")
    foda = add("canvas", workshop_id=w2, kind="foda", title="FODA")
    tree = add("canvas", workshop_id=w2, kind="problem_tree", title="Árbol")
    g1 = add("workgroup", workshop_id=w1, name="Grupo 1")
    g2 = add("workgroup", workshop_id=w1, name="Grupo 2")
    ga = add("workgroup", workshop_id=w2, name="Grupo A")
    people = {}
    for name, sector, group, w in (("Ana", "Municipio", g1, w1), ("Luis", "Salud", g1, w1),
                                   ("Rosa", "Sociedad civil", g2, w1), ("Omar", "Municipio", ga, w2)):
        people[name] = add("participant", process_id=pid, name=name, sector=sector)
        add("attendance", workshop_id=w, participant_id=people[name], group_id=group)
    n1 = add("note", canvas_id=board, zone="desafios", group_id=g1, text="Falta de intérpretes en el CESFAM", votes=4)
    n2 = add("note", canvas_id=board, zone="desafios", group_id=g2, text="Nadie traduce al creole", votes=2,
             participant_id=people["Rosa"])
    n3 = add("note", canvas_id=foda, zone="debilidades", group_id=ga, text="Falta de intérpretes en el CESFAM",
             votes=3, origin_id=n1)
    node = add("note", canvas_id=tree, zone="causas", group_id=ga, text="Barrera idiomática", votes=0)
    entry = add("minutes_entry", workshop_id=w1, group_id=g2, kind="idea_clave", text="El idioma es la primera barrera")
    doc.execute(Macro(cmds))
    return doc, pid, dict(w1=w1, w2=w2, g1=g1, g2=g2, ga=ga, n1=n1, n2=n2, n3=n3, node=node, entry=entry)


def state(doc):
    return {t: doc.store.query(f'SELECT * FROM "{t}" ORDER BY id') for t in ("finding", "finding_source",
                                                                            "synthesis_text")}


def test_a_finding_counts_notes_groups_workshops_sectors_and_votes_from_its_links(room):
    doc, pid, ids = room
    macro = run(doc, F.create_finding(doc.store, pid, "  Faltan  intérpretes en salud ", "desafio",
                                      dimensions=["salud", "integracion"], note_ids=[ids["n1"], ids["n2"], ids["n3"]],
                                      entry_ids=[ids["entry"]], quotes=[ids["n2"]]))
    [finding] = F.findings(doc.store, pid)
    assert finding["statement"] == "Faltan intérpretes en salud"
    assert finding["dimensions"] == ["salud", "integracion"]
    counts = F.all_counts(doc.store, pid)[macro.finding_id]
    # n3 is n1 carried to the FODA: one voice, counted once (its votes too).
    assert counts.notes == 2 and counts.entries == 1
    assert counts.votes == 4 + 2
    assert counts.groups == 2  # g1 and g2 (the carried copy does not count its group)
    assert counts.workshops == 1
    # g1's notes speak for its members (Municipio, Salud); Rosa's own note for her sector.
    assert counts.sectors == ["Municipio", "Salud", "Sociedad civil"]
    sources = F.sources(doc.store, macro.finding_id)
    assert [s.quote for s in sources] == [False, True, False, False]
    assert [s.kind for s in sources] == ["note", "note", "note", "entry"]


def test_linking_a_tree_node_and_a_new_workshop_changes_the_counts_and_undo_takes_it_back(room):
    doc, pid, ids = room
    macro = run(doc, F.create_finding(doc.store, pid, "Barreras de idioma", note_ids=[ids["n1"]]))
    fid = macro.finding_id
    before = F.all_counts(doc.store, pid)[fid]
    add = run(doc, F.link(doc.store, fid, note_ids=[ids["node"], ids["n1"]]))
    assert len(add.commands) == 1  # n1 was linked already
    assert F.sources(doc.store, fid)[-1].kind == "tree_node"
    after = F.all_counts(doc.store, pid)[fid]
    assert (after.notes, after.workshops, after.groups) == (before.notes + 1, 2, 2)
    assert after.sectors == ["Municipio", "Salud"]
    assert F.link(doc.store, fid, note_ids=[ids["n1"]]) is None
    add.undo(doc.store)
    assert F.all_counts(doc.store, pid)[fid] == before


def test_at_most_two_highlighted_quotes(room):
    doc, pid, ids = room
    macro = run(doc, F.create_finding(doc.store, pid, "Idioma", note_ids=[ids["n1"], ids["n2"], ids["node"]]))
    s = F.sources(doc.store, macro.finding_id)
    run(doc, F.set_quote(doc.store, s[0].id, True))
    run(doc, F.set_quote(doc.store, s[1].id, True))
    with pytest.raises(ValueError, match="dos citas"):
        F.set_quote(doc.store, s[2].id, True)
    assert F.set_quote(doc.store, s[0].id, True) is None
    with pytest.raises(ValueError, match="dos citas"):
        F.create_finding(doc.store, pid, "x", note_ids=[ids["n1"], ids["n2"], ids["node"]],
                         quotes=[ids["n1"], ids["n2"], ids["node"]])


def test_bad_input_is_refused_with_a_message(room):
    doc, pid, _ids = room
    with pytest.raises(ValueError, match="Escriba el enunciado"):
        F.create_finding(doc.store, pid, "   ")
    with pytest.raises(ValueError, match="tipo de hallazgo"):
        F.create_finding(doc.store, pid, "x", "amenaza")
    with pytest.raises(ValueError, match="dimensión"):
        F.create_finding(doc.store, pid, "x", dimensions=["vivienda"])


def test_merge_moves_sources_and_dimensions_rewires_texts_and_undoes_in_one_step(room):
    doc, pid, ids = room
    a = run(doc, F.create_finding(doc.store, pid, "Intérpretes", dimensions=["salud"], note_ids=[ids["n1"]],
                                  quotes=[ids["n1"]])).finding_id
    b = run(doc, F.create_finding(doc.store, pid, "Idioma", dimensions=["integracion"],
                                  note_ids=[ids["n1"], ids["n2"], ids["node"]], quotes=[ids["n2"], ids["node"]])).finding_id
    run(doc, F.add_text(doc.store, pid, "conclusion", "El idioma cruza todo.", [b, a]))
    before = state(doc)
    merge = run(doc, F.merge(doc.store, a, [b]))
    assert [f["id"] for f in F.findings(doc.store, pid)] == [a]
    [finding] = F.findings(doc.store, pid)
    assert finding["statement"] == "Intérpretes" and finding["dimensions"] == ["salud", "integracion"]
    sources = F.sources(doc.store, a)
    assert [s.target_id for s in sources] == [ids["n1"], ids["n2"], ids["node"]]
    assert sum(s.quote for s in sources) == 2  # room for one more quote only
    assert F.texts(doc.store, pid, "conclusion")[0]["findings"] == [a]
    merge.undo(doc.store)
    assert state(doc) == before or _same_but_stamps(state(doc), before)


def _same_but_stamps(now, before):
    strip = lambda rows: [{k: v for k, v in r.items() if k != "updated_at"} for r in rows]  # noqa: E731
    return all(strip(now[t]) == strip(before[t]) for t in now)


def test_split_moves_the_chosen_sources_to_a_finding_right_after_and_undo_restores(room):
    doc, pid, ids = room
    first = run(doc, F.create_finding(doc.store, pid, "Idioma y salud", note_ids=[ids["n1"], ids["n2"]],
                                      entry_ids=[ids["entry"]])).finding_id
    last = run(doc, F.create_finding(doc.store, pid, "Otro", note_ids=[ids["node"]])).finding_id
    before = state(doc)
    moving = [s.id for s in F.sources(doc.store, first) if s.kind == "entry"]
    macro = run(doc, F.split(doc.store, first, moving, "El idioma como barrera"))
    order = [f["id"] for f in F.findings(doc.store, pid)]
    assert order == [first, macro.finding_id, last]
    assert [s.kind for s in F.sources(doc.store, macro.finding_id)] == ["entry"]
    assert len(F.sources(doc.store, first)) == 2
    with pytest.raises(ValueError, match="al menos una fuente"):
        F.split(doc.store, last, [s.id for s in F.sources(doc.store, last)], "x")
    macro.undo(doc.store)
    assert _same_but_stamps(state(doc), before)


def test_order_and_delete_with_texts_following(room):
    doc, pid, ids = room
    a = run(doc, F.create_finding(doc.store, pid, "A", note_ids=[ids["n1"]])).finding_id
    b = run(doc, F.create_finding(doc.store, pid, "B")).finding_id
    c = run(doc, F.create_finding(doc.store, pid, "C")).finding_id
    run(doc, F.move(doc.store, pid, [c, a, b]))
    assert [f["statement"] for f in F.findings(doc.store, pid)] == ["C", "A", "B"]
    assert F.move(doc.store, pid, [c, a, b]) is None
    text = run(doc, F.add_text(doc.store, pid, "recommendation", "Contratar facilitadores", [a, c]))
    gone = run(doc, F.delete_finding(doc.store, a))
    assert F.texts(doc.store, pid, "recommendation")[0]["findings"] == [c]
    gone.undo(doc.store)
    assert F.texts(doc.store, pid, "recommendation")[0]["findings"] == [a, c]
    assert json.loads(doc.store.get("synthesis_text", text.id)["findings"]) == [a, c]


def test_deleting_a_note_removes_its_link_and_undo_brings_both_back(room):
    doc, pid, ids = room
    from facilitator.commands import DeleteRow

    fid = run(doc, F.create_finding(doc.store, pid, "Idioma", note_ids=[ids["n1"], ids["n2"]])).finding_id
    delete = run(doc, DeleteRow("note", ids["n2"]))
    assert [s.target_id for s in F.sources(doc.store, fid)] == [ids["n1"]]
    delete.undo(doc.store)
    assert [s.target_id for s in F.sources(doc.store, fid)] == [ids["n1"], ids["n2"]]


def test_edit_finding_and_text_change_only_what_differs(room):
    doc, pid, _ids = room
    fid = run(doc, F.create_finding(doc.store, pid, "A")).finding_id
    assert F.edit_finding(doc.store, fid, statement="A") is None
    run(doc, F.edit_finding(doc.store, fid, kind="leccion", dimensions=["educacion"], theme="Educación"))
    [f] = F.findings(doc.store, pid)
    assert (f["kind"], f["dimensions"], f["theme"]) == ("leccion", ["educacion"], "Educación")
    assert F.has_synthesis(doc.store, pid)
    tid = run(doc, F.add_text(doc.store, pid, "summary", "Resumen", [fid])).id
    assert F.edit_text(doc.store, tid, body="Resumen") is None
    run(doc, F.edit_text(doc.store, tid, body="Resumen nuevo", finding_ids=[]))
    assert F.texts(doc.store, pid, "summary")[0]["body"] == "Resumen nuevo"


def test_a_process_without_findings_has_no_synthesis(doc):
    assert not F.has_synthesis(doc.store, doc.process["id"])
