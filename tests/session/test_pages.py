"""Notes cut into pages the back row reads: zone by zone, group by group (pure)."""

from facilitator.session.pages import MIN_TEXT, grid, pages

ZONES = [{"key": "desafios", "label": "Desafíos"}, {"key": "fortalezas", "label": "Fortalezas"}]
GROUPS = [{"id": "g1", "name": "Grupo 1"}, {"id": "g2", "name": "Grupo 2"}]


def note(text, zone, group):
    return {"text": text, "zone": zone, "group_id": group}


def test_pages_go_zone_by_zone_then_group_by_group():
    notes = [note(f"d{i}", "desafios", "g1") for i in range(5)] + [note("f", "fortalezas", "g2"),
                                                                   note("sin", "desafios", None),
                                                                   note("  ", "desafios", "g2")]
    found = pages(notes, ZONES, GROUPS, per_page=3, no_group="Sin grupo")
    assert [(p.zone, p.group, p.notes, p.part, p.parts) for p in found] == [
        ("Desafíos", "Grupo 1", ("d0", "d1", "d2"), 1, 2), ("Desafíos", "Grupo 1", ("d3", "d4"), 2, 2),
        ("Desafíos", "Sin grupo", ("sin",), 1, 1), ("Fortalezas", "Grupo 2", ("f",), 1, 1)]


def test_a_note_in_an_unknown_zone_still_shows():
    found = pages([note("x", "otra", "g1")], ZONES, GROUPS, per_page=4)
    assert [(p.zone, p.notes) for p in found] == [("otra", ("x",))]


def test_more_notes_mean_more_pages_never_smaller_type():
    px = round(768 * MIN_TEXT)
    cols, rows = grid(932, 330, px)
    assert cols * rows >= 4 and px >= 768 / 30
    assert grid(100, 100, px) == (1, 1)
