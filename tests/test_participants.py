"""Registry, attendance and groups as undoable commands (no Qt)."""

from collections import Counter

import pytest

from facilitator import participants as P
from facilitator.commands import InsertRow

TRICKY = "¿Quién? ¡Ñandú! 🌱\n'); DROP TABLE participant; -- <b>x</b>"


def add(doc, **values):
    command = P.add_participant(doc, values)
    doc.execute(command)
    return command.id


def test_add_edit_remove_participant_with_undo(diagnostic):
    doc, wid = diagnostic
    pid = add(doc, name=TRICKY, sector="Sociedad civil", consent=True)
    row = doc.store.get("participant", pid)
    assert (row["name"], row["sector"], row["consent"]) == (TRICKY, "Sociedad civil", 1)
    edit = P.edit_participant(doc, pid, "organisation", "  Fundación «Ñ»  ")
    doc.execute(edit)
    assert doc.store.get("participant", pid)["organisation"] == "  Fundación «Ñ»  "  # verbatim
    assert P.edit_participant(doc, pid, "organisation", "  Fundación «Ñ»  ") is None
    edit.undo(doc.store)
    assert doc.store.get("participant", pid)["organisation"] == ""
    with pytest.raises(KeyError):
        P.edit_participant(doc, pid, "process_id", "x")


def test_names_are_never_required(diagnostic):
    doc, wid = diagnostic
    pid = add(doc)
    assert doc.store.get("participant", pid)["name"] == ""


def test_remove_participant_restores_attendance_and_note_links(diagnostic):
    doc, wid = diagnostic
    pid = add(doc, name="Ana")
    doc.execute(P.set_present(doc, wid, pid, True))
    canvas = doc.canvases(wid)[0]
    note = InsertRow("note", {"canvas_id": canvas["id"], "text": "idea", "participant_id": pid, "author": "Ana"})
    doc.execute(note)
    remove = P.remove_participant(doc, pid)
    assert remove.text == "Quitar participante «Ana»"
    doc.execute(remove)
    assert P.registry(doc, wid) == []
    assert doc.store.get("note", note.id)["participant_id"] is None
    remove.undo(doc.store)
    assert P.registry(doc, wid)[0]["present"] == 1
    assert doc.store.get("note", note.id)["participant_id"] == pid


def test_attendance_per_workshop(diagnostic):
    doc, wid = diagnostic
    pid = add(doc, name="Ana")
    assert P.registry(doc, wid)[0]["present"] == 0
    mark = P.set_present(doc, wid, pid, True)
    doc.execute(mark)
    assert P.registry(doc, wid)[0]["present"] == 1
    assert P.set_present(doc, wid, pid, True) is None
    unmark = P.set_present(doc, wid, pid, False)
    doc.execute(unmark)
    assert P.registry(doc, wid)[0]["present"] == 0
    unmark.undo(doc.store)
    mark.undo(doc.store)
    assert P.attendance(doc, wid, pid) is None


def test_assigning_a_group_does_not_mark_attendance(diagnostic):
    doc, wid = diagnostic
    pid = add(doc, name="Ana")
    group = P.add_group(doc, wid)
    doc.execute(group)
    assert P.assign_group(doc, wid, pid, None) is None
    doc.execute(P.assign_group(doc, wid, pid, group.id))
    row = P.registry(doc, wid)[0]
    assert (row["group_id"], row["present"]) == (group.id, 0)
    assert P.assign_group(doc, wid, pid, group.id) is None
    doc.execute(P.assign_group(doc, wid, pid, None))
    assert P.registry(doc, wid)[0]["group_id"] is None


def test_groups_get_names_and_distinct_palette_colours(diagnostic):
    doc, wid = diagnostic
    ids = []
    for _i in range(len(P.PALETTE) + 1):
        command = P.add_group(doc, wid)
        doc.execute(command)
        ids.append(command.id)
    groups = doc.groups(wid)
    assert [g["name"] for g in groups[:3]] == ["Grupo 1", "Grupo 2", "Grupo 3"]
    assert [g["colour"] for g in groups[:len(P.PALETTE)]] == list(P.PALETTE)
    assert [g["position"] for g in groups] == list(range(len(groups)))
    # a removed group's colour is the next one given
    doc.execute(P.remove_group(doc, ids[1]))
    doc.execute(P.remove_group(doc, ids[-1]))
    again = P.add_group(doc, wid)
    assert again.values["colour"] == P.PALETTE[1]
    assert again.values["name"] == "Grupo 9"  # first free number from count + 1


def test_group_names_must_be_present_and_unique(diagnostic):
    doc, wid = diagnostic
    doc.execute(P.add_group(doc, wid, "Mesa Ñuñoa"))
    other = P.add_group(doc, wid, "Otra")
    doc.execute(other)
    with pytest.raises(ValueError, match="vacío"):
        P.rename_group(doc, other.id, "   ")
    with pytest.raises(ValueError, match="Ya existe"):
        P.rename_group(doc, other.id, "MESA NUNOA")
    with pytest.raises(ValueError, match="Ya existe"):
        P.add_group(doc, wid, "mesa ñuñoa")
    assert P.rename_group(doc, other.id, "Otra") is None
    rename = P.rename_group(doc, other.id, " Mesa <i>2</i> ")
    doc.execute(rename)
    assert doc.store.get("workgroup", other.id)["name"] == "Mesa <i>2</i>"
    rename.undo(doc.store)
    assert doc.store.get("workgroup", other.id)["name"] == "Otra"


def test_removing_a_group_unassigns_members_and_undo_gives_it_back(diagnostic):
    doc, wid = diagnostic
    pid = add(doc, name="Ana")
    group = P.add_group(doc, wid)
    doc.execute(group)
    doc.execute(P.assign_group(doc, wid, pid, group.id))
    remove = P.remove_group(doc, group.id)
    doc.execute(remove)
    assert P.registry(doc, wid)[0]["group_id"] is None
    remove.undo(doc.store)
    assert P.registry(doc, wid)[0]["group_id"] == group.id
    assert P.group_members(doc, wid) == {group.id: 1}


SECTORS = ["Gobierno local"] * 6 + ["Sociedad civil"] * 4 + ["Organización migrante"] * 3 + ["Academia"] * 2 + [""]


def _people(sectors=SECTORS):
    return [{"id": f"p{i}", "sector": s} for i, s in enumerate(sectors)]


@pytest.mark.parametrize("method", P.SPLIT_METHODS)
@pytest.mark.parametrize("n", [1, 2, 3, 4, 7])
def test_plan_split_is_complete_and_balanced(method, n):
    lists = P.plan_split(_people(), n, method, seed=5)
    assert len(lists) == n
    assert sorted(pid for ids in lists for pid in ids) == sorted(p["id"] for p in _people())
    sizes = [len(ids) for ids in lists]
    assert max(sizes) - min(sizes) <= 1


def test_plan_split_random_is_seedable():
    assert P.plan_split(_people(), 3, "random", seed=1) == P.plan_split(_people(), 3, "random", seed=1)
    splits = {tuple(map(tuple, P.plan_split(_people(), 3, "random", seed=s))) for s in range(10)}
    assert len(splits) > 1


def test_plan_split_by_sector_mixes_actors_in_every_group():
    people = _people()
    sector = {p["id"]: p["sector"] for p in people}
    for seed in range(20):
        lists = P.plan_split(people, 3, "sector", seed=seed)
        for ids in lists:
            counts = Counter(sector[i] for i in ids)
            assert counts["Gobierno local"] == 2  # 6 people over 3 groups
            assert counts["Sociedad civil"] in (1, 2)
            assert counts["Organización migrante"] == 1
        # small sectors are spread, not stacked in one group
        academia = [k for k, ids in enumerate(lists) for i in ids if sector[i] == "Academia"]
        assert len(set(academia)) == 2


def test_plan_split_by_sector_ignores_case_and_accents():
    people = _people(["Sociedad civil", "sociedad CIVIL", "Gobierno", "gobierno"])
    lists = P.plan_split(people, 2, "sector", seed=3)
    for ids in lists:
        assert len({people[int(i[1:])]["sector"].lower() for i in ids}) == 2


def test_split_groups_creates_groups_and_is_one_undo_step(diagnostic):
    doc, wid = diagnostic
    ids = [add(doc, name=f"P{i}", sector=s) for i, s in enumerate(SECTORS)]
    before = P.registry(doc, wid)
    split = P.split_groups(doc, wid, 3, "sector", seed=2)
    doc.execute(split)
    groups = doc.groups(wid)
    assert [g["name"] for g in groups] == ["Grupo 1", "Grupo 2", "Grupo 3"]
    assert sorted(P.group_members(doc, wid).values()) == [5, 5, 6]
    assert {r["id"] for r in P.registry(doc, wid) if r["group_id"]} == set(ids)
    assert all(r["present"] == 0 for r in P.registry(doc, wid))  # nobody was marked: all split, none marked
    split.undo(doc.store)
    assert doc.groups(wid) == [] and P.registry(doc, wid) == before


def test_split_groups_uses_present_people_and_existing_groups(diagnostic):
    doc, wid = diagnostic
    ids = [add(doc, name=f"P{i}") for i in range(6)]
    first = P.add_group(doc, wid, "Mesa A")
    doc.execute(first)
    absent = ids[5]
    doc.execute(P.assign_group(doc, wid, absent, first.id))
    for pid in ids[:4]:
        doc.execute(P.set_present(doc, wid, pid, True))
    doc.execute(P.split_groups(doc, wid, 2, "random", seed=0))
    assert [g["name"] for g in doc.groups(wid)] == ["Mesa A", "Grupo 2"]
    rows = {r["id"]: r for r in P.registry(doc, wid)}
    assert all(rows[pid]["group_id"] for pid in ids[:4])
    assert rows[absent]["group_id"] is None and rows[ids[4]]["group_id"] is None
    assert sorted(P.group_members(doc, wid).values()) == [2, 2]


def test_split_without_people_is_refused(diagnostic):
    doc, wid = diagnostic
    with pytest.raises(ValueError, match="No hay participantes"):
        P.split_groups(doc, wid, 2)


def test_registry_keeps_the_order_of_an_import(diagnostic):
    from facilitator.commands import Macro

    doc, wid = diagnostic
    commands = [P.add_participant(doc, {"name": name}) for name in "zeta alfa mu beta omega".split()]
    doc.execute(Macro(commands))
    assert [r["name"] for r in P.registry(doc, wid)] == "zeta alfa mu beta omega".split()
