"""What the room sees: groups with members shown only as they consented, post-it counts."""

from facilitator.commands import InsertRow
from facilitator.session.room import member_label, room_groups, zone_counts


def _participant(doc, **values):
    cmd = InsertRow("participant", {"process_id": doc.process["id"], **values})
    doc.execute(cmd)
    return cmd.id


def _group(doc, wid, name, position, colour="#ffcc00"):
    cmd = InsertRow("workgroup", {"workshop_id": wid, "name": name, "position": position, "colour": colour})
    doc.execute(cmd)
    return cmd.id


def _attend(doc, wid, pid, gid, present=1):
    doc.execute(InsertRow("attendance", {"workshop_id": wid, "participant_id": pid, "group_id": gid,
                                         "present": present}))


def test_member_label_respects_consent():
    assert member_label({"name": "Ana Pérez", "consent": 1, "sector": "Municipio"}) == "Ana Pérez"
    assert member_label({"name": "Ana Pérez", "consent": 0, "sector": "Municipio", "organisation": "OPD"}) == "Municipio"
    assert member_label({"name": "Ana Pérez", "consent": 0, "sector": "", "organisation": "OPD"}) == "OPD"
    assert member_label({"name": "Ana Pérez", "consent": 0}) == "Participante"
    assert member_label({"name": "  ", "consent": 1, "sector": "Salud"}) == "Salud"


def test_groups_list_present_members(diagnostic):
    doc, wid = diagnostic
    g1 = _group(doc, wid, "Grupo 1", 0)
    g2 = _group(doc, wid, "Grupo 2", 1)
    _group(doc, wid, "Grupo 3", 2)
    _attend(doc, wid, _participant(doc, name="Rosa", consent=1), g1)
    _attend(doc, wid, _participant(doc, name="Secreta", consent=0, sector="Sociedad civil"), g1)
    _attend(doc, wid, _participant(doc, name="Ausente", consent=1), g2, present=0)
    _attend(doc, wid, _participant(doc, name="Sin grupo", consent=1), None)
    _attend(doc, wid, _participant(doc, name="Luis", consent=1, organisation="ONG"), g2)
    groups = room_groups(doc.store, wid)
    assert [(g.name, g.members) for g in groups] == [
        ("Grupo 1", ("Rosa", "Sociedad civil")), ("Grupo 2", ("Luis",)), ("Grupo 3", ())]
    assert "Secreta" not in repr(groups)


def test_zone_counts_per_zone_and_group(diagnostic):
    doc, wid = diagnostic
    canvas = doc.canvases(wid)[0]
    g1 = _group(doc, wid, "Grupo 1", 0, "#f00")
    g2 = _group(doc, wid, "Grupo 2", 1, "#0f0")
    for zone, gid, n in (("desafios", g1, 3), ("desafios", g2, 2), ("fortalezas_oportunidades", g2, 1),
                         ("desafios", None, 1), ("vieja", None, 2)):
        for i in range(n):
            doc.execute(InsertRow("note", {"canvas_id": canvas["id"], "zone": zone, "group_id": gid,
                                           "text": f"idea {i}"}))
    counts = zone_counts(doc.store, canvas["id"])
    assert [(z.key, z.label, z.total) for z in counts] == [
        ("desafios", "Desafíos", 6), ("fortalezas_oportunidades", "Fortalezas y oportunidades", 1),
        ("vieja", "vieja", 2)]
    assert counts[0].by_group == (("Sin grupo", "", 1), ("Grupo 1", "#f00", 3), ("Grupo 2", "#0f0", 2))
    assert zone_counts(doc.store, "no-such-canvas") == []
