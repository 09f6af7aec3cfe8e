"""Notes cut into pages the back row reads: zone by zone, group by group (pure)."""

from facilitator.session.pages import MIN_TEXT, block_zone, grid, pages

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


def test_pages_cut_by_the_room_the_notes_take_and_keep_the_blocks_zone():
    """``chunk`` decides each page (the pager: by the height the texts need); the block's zone has a page
    before its first note, in the canvas's order."""
    notes = [note("corta", "fortalezas", "g1"), note("una nota larga", "fortalezas", "g1"), note("x", "fortalezas", "g1")]
    by_length = lambda texts: [[t] if len(t) > 5 else [] for t in texts[:2]] + [texts[2:]]  # noqa: E731
    found = pages(notes, ZONES, GROUPS, chunk=by_length, keep_zone="desafios")
    assert [(p.zone, p.notes, p.part, p.parts) for p in found] == [
        ("Desafíos", (), 1, 1), ("Fortalezas", ("una nota larga",), 1, 2), ("Fortalezas", ("x",), 2, 2)]
    assert [p.zone for p in pages(notes, ZONES, GROUPS, per_page=3, keep_zone="fortalezas")] == ["Fortalezas"]


def test_the_zone_a_block_is_about():
    """Its own zone; else the zone its title names first (accents and case aside); else none."""
    foda = [{"key": k, "label": k.capitalize()} for k in ("fortalezas", "oportunidades", "debilidades", "amenazas")]
    assert block_zone({"zone": "amenazas", "title": "Fortalezas"}, foda) == "amenazas"
    assert block_zone({"zone": None, "title": "Factores externos: oportunidades y amenazas"}, foda) == "oportunidades"
    assert block_zone({"zone": None, "title": "Plenario: consolidar la matriz FODA"}, foda) is None
    board = [{"key": "d", "label": "Desafíos"}, {"key": "fo", "label": "Fortalezas y oportunidades"}]
    assert block_zone({"title": "Revisar los DESAFIOS"}, board) == "d"
    assert block_zone({"title": "Las fortalezas"}, board) is None  # a zone named by its whole label only
    assert block_zone({"zone": "otra", "title": "Plenario"}, board) is None
