"""The demo process: every method's canvas, filled, with the links between workshops intact."""

import json

from facilitator.demo import build_demo, demo_data
from facilitator.document import ProcessDocument


def test_demo_has_every_method_with_its_links(tmp_path):
    doc = ProcessDocument.open(build_demo(tmp_path / "demo.taller"))
    try:
        q, one = doc.store.query, doc.store.scalar
        assert len(doc.workshops()) == len(demo_data()["workshops"]) == 5
        kinds = {r["kind"] for r in q("SELECT kind FROM canvas")}
        assert kinds == {"board", "foda", "problem_tree", "planning_matrix", "monitoring_matrix"}
        # FODA notes brought over from the diagnostic keep the note they came from.
        carried = q("SELECT n.text, o.text AS origin, oc.kind AS origin_kind FROM note n JOIN canvas c ON c.id = n.canvas_id "
                    "JOIN note o ON o.id = n.origin_id JOIN canvas oc ON oc.id = o.canvas_id WHERE c.kind = 'foda'")
        assert len(carried) >= 8 and all(r["text"] == r["origin"] and r["origin_kind"] == "board" for r in carried)
        # The objective tree is a linked copy of the problem tree: every node and arrow.
        tree = q("SELECT * FROM canvas WHERE kind = 'problem_tree' AND variant = ''")[0]
        goals = q("SELECT * FROM canvas WHERE variant = 'objectives'")[0]
        assert goals["origin_id"] == tree["id"]
        problems = one("SELECT count(*) FROM note WHERE canvas_id = ?", (tree["id"],))
        assert one("SELECT count(*) FROM note n JOIN note o ON o.id = n.origin_id WHERE n.canvas_id = ? "
                   "AND o.canvas_id = ?", (goals["id"], tree["id"])) == problems == 15
        assert one("SELECT count(*) FROM link WHERE canvas_id = ?", (goals["id"],)) == \
            one("SELECT count(*) FROM link WHERE canvas_id = ?", (tree["id"],)) == 14
        assert json.loads(one("SELECT marks FROM note WHERE text = 'Precariedad económica'")) == ["serious", "urgent"]
        # Planning rows trace back to the diagnostic's challenges; monitoring rows to planning and commitments.
        traced = q("SELECT i.name, o.zone FROM initiative i JOIN note o ON o.id = i.origin_note_id")
        assert len(traced) >= 9 and {r["zone"] for r in traced} >= {"desafios"}
        assert one("SELECT count(*) FROM monitoring_row WHERE origin_initiative_id IS NOT NULL") == 5
        assert one("SELECT count(*) FROM monitoring_row WHERE origin_commitment_id IS NOT NULL") == 2
        # At least one axis has fewer than two initiatives, so the matrix check has something to show.
        axes = [z["key"] for z in json.loads(one("SELECT zones FROM canvas WHERE kind = 'planning_matrix'"))]
        counts = {a: one("SELECT count(*) FROM initiative WHERE axis = ?", (a,)) for a in axes}
        assert min(counts.values()) == 1 and sum(counts.values()) == 12
        from facilitator import planning

        plan = one("SELECT id FROM canvas WHERE kind = 'planning_matrix'")
        assert {f.kind for f in planning.review(doc, plan)} >= {"few", "duplicate"}
        assert doc.store.integrity_ok() and not q("PRAGMA foreign_key_check")
    finally:
        doc.close()


def test_demo_is_rebuilt_when_the_app_ships_a_new_one(tmp_path):
    from facilitator.demo import ensure_demo

    path = ensure_demo(tmp_path)
    doc = ProcessDocument.open(path)
    doc.store.update("process", doc.process["id"], {"title": "Editado por la usuaria"})
    doc.close()
    assert ensure_demo(tmp_path) == path  # same edition: the user's file is kept as it is
    doc = ProcessDocument.open(path)
    assert doc.process["title"] == "Editado por la usuaria"
    doc.close()
    (tmp_path / "demo.taller.edition").write_text("older\n", encoding="utf-8")
    ensure_demo(tmp_path)  # an older edition is replaced by the current demo
    doc = ProcessDocument.open(path)
    assert doc.process["title"] == demo_data()["process"]["title"] and len(doc.workshops()) == 5
    doc.close()
