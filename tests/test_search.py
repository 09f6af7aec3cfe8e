"""Full-text search over a process (SQLite FTS5 through sqlite-utils), without Qt."""

from __future__ import annotations

import pytest

from facilitator.commands import InsertRow
from facilitator.demo import build_demo
from facilitator.document import ProcessDocument
from facilitator.search import ProcessIndex, fts_query


@pytest.fixture
def demo(tmp_path):
    doc = ProcessDocument.open(build_demo(tmp_path / "demo.taller"))
    yield doc
    doc.close()


def test_finds_notes_minutes_and_initiatives_without_accents_and_by_prefix(demo):
    index = ProcessIndex(demo)
    hits = index.search("regularizacion")
    assert {h.source for h in hits} >= {"minutes", "initiative"}
    assert all("regularización" in h.text.lower() for h in hits)
    initiative = next(h for h in hits if h.source == "initiative")
    assert initiative.tab == "planning" and initiative.canvas_id and initiative.workshop_title
    minutes = next(h for h in hits if h.source == "minutes")
    assert minutes.tab == "minutes" and minutes.canvas_id == ""
    notes = index.search("xenofob")  # a prefix, as typed so far, without its accent
    found = [h for h in notes if h.source == "note"]
    assert found and all(h.tab in ("board", "foda", "tree") and h.canvas_id for h in found)
    assert all("xenófob" in h.text.lower() for h in notes)


@pytest.mark.parametrize("typed", ['"', 'a" OR "b', "NEAR(", "*", "AND", "-", "col:text", "   "])
def test_what_is_typed_is_never_fts_syntax(demo, typed):
    assert isinstance(ProcessIndex(demo).search(typed), list)


def test_fts_query_quotes_every_word():
    assert fts_query('falta de "agua"') == '"falta"* "de"* """agua"""*'
    assert fts_query("  ") == ""


def test_the_index_follows_the_file_after_invalidate(demo):
    index = ProcessIndex(demo)
    assert index.search("zanahoria") == []
    canvas = demo.store.query("SELECT id FROM canvas WHERE kind = 'board' LIMIT 1")[0]["id"]
    demo.execute(InsertRow("note", {"canvas_id": canvas, "text": "Huerto con zanahorias"}))
    assert index.search("zanahoria") == []  # until told the file changed
    index.invalidate()
    assert [h.text for h in index.search("zanahoria")] == ["Huerto con zanahorias"]
