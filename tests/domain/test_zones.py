"""Stored zones are read leniently: a damaged list never stops a panel or an export."""

from facilitator.domain.zones import read_zones, zone_label


def test_read_zones_keeps_keyed_entries_in_order():
    raw = '[{"key": "a", "label": "Á"}, {"label": "sin clave"}, "texto", {"key": "b"}]'
    assert read_zones(raw) == [{"key": "a", "label": "Á"}, {"key": "b"}]


def test_damaged_zones_read_as_none():
    for raw in (None, "", "no es json", '{"key": "a"}', "3"):
        assert read_zones(raw) == []


def test_zone_label():
    zones = read_zones('[{"key": "a", "label": "Desafíos"}, {"key": "b", "label": ""}]')
    assert zone_label(zones, "a") == "Desafíos"
    assert zone_label(zones, "b") is None and zone_label(zones, "z") is None
