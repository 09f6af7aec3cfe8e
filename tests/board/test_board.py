"""Board edits as commands (no Qt): capture, moves, votes, tags, themes, tidy, duplicates, undo."""

import json
import random
import sqlite3

import pytest

from facilitator import board
from facilitator.commands import InsertRow
from facilitator.document import ProcessDocument
from facilitator.board import layout as bl

TRICKY = [
    "Niñas y niños sin matrícula: ¿quién los acompaña? ¡Urgente!",
    "Línea uno\nLínea dos\n\tcon tabulación",
    "<b>negrita</b> <script>alert('x')</script> &amp; <!-- comentario -->",
    "'; DROP TABLE note; -- y \"comillas\"",
    "Emoji 🙂👍🏽 y acentos ÁÉÍÓÚ ü ç",
    "espacio\u00a0duro y % _ comodines LIKE",
]


@pytest.fixture
def wb(diagnostic):
    """A diagnostic workshop with three groups: (doc, canvas_id, [group ids])."""
    doc, wid = diagnostic
    groups = []
    for i in range(3):
        cmd = InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "position": i})
        doc.execute(cmd)
        groups.append(cmd.id)
    canvas = next(c for c in doc.canvases(wid) if c["kind"] == "board")
    return doc, canvas["id"], groups


def undo(doc, cmd):
    cmd.undo(doc.store)


def test_next_slot_matches_the_plain_rule_and_is_linear():
    def plain(taken, columns):
        index = 0
        while True:
            x, y = bl.slot(index, columns)
            if not any(abs(x - tx) < bl.NOTE_W and abs(y - ty) < bl.NOTE_H for tx, ty in taken):
                return x, y
            index += 1

    rng = random.Random(7)
    for _ in range(2000):
        taken = [bl.slot(rng.randint(0, 15)) if rng.random() < 0.5 else
                 (rng.uniform(-300, 900), rng.uniform(-300, 900)) for _ in range(rng.randint(0, 25))]
        columns = rng.choice([1, 3, 4])
        assert bl.next_slot(taken, columns) == plain(taken, columns)
    assert bl.next_slot([bl.slot(i) for i in range(2000)]) == bl.slot(2000)


def test_free_slots_take_what_next_slot_would_one_by_one():
    rng = random.Random(11)
    for _ in range(300):
        taken = [(rng.uniform(0, 700), rng.uniform(0, 700)) for _ in range(rng.randint(0, 12))]
        free = bl.FreeSlots(taken)
        for _k in range(6):
            expected = bl.next_slot(taken)
            assert free.take() == expected
            taken.append(expected)


def test_grid_cells_grow_with_their_notes_per_row_and_column():
    extents = {("a", "g1"): bl.cell_extent([(bl.GAP, 500.0)]), ("b", "g2"): bl.cell_extent([(900.0, bl.GAP)])}
    grid = bl.Grid.build(["a", "b"], ["g1", "g2", None], extents)
    assert grid.row_h[0] == 500.0 + bl.NOTE_H + bl.GAP  # the whole lane takes the tallest cell's height
    assert grid.row_h[1] == grid.row_h[2] == bl.MIN_CELL_H
    assert grid.col_w[1] == 900.0 + bl.NOTE_W + bl.GAP and grid.col_w[0] == bl.MIN_CELL_W
    x, y, w, h = grid.cell_rect("b", "g2")
    assert (x, y) == (bl.HEADER_W + grid.col_w[0], bl.HEADER_H + grid.row_h[0])
    assert grid.cell_at(x + 5, y + 5) == ("b", "g2")
    assert grid.cell_at(-100, -100) == ("a", "g1")  # off the grid: nearest cell
    assert grid.cell_at(1e6, 1e6) == ("b", None)


def test_add_note_goes_to_next_free_slot_of_its_cell(wb):
    doc, canvas, groups = wb
    first = board.add_notes(doc, canvas, "desafios", groups[0], ["uno"])
    doc.execute(first)
    doc.execute(board.add_notes(doc, canvas, "desafios", groups[0], ["dos"]))
    doc.execute(board.add_notes(doc, canvas, "desafios", groups[1], ["otro grupo"]))
    rows = {r["text"]: r for r in doc.notes(canvas)}
    assert (rows["uno"]["x"], rows["uno"]["y"]) == bl.slot(0)
    assert (rows["dos"]["x"], rows["dos"]["y"]) == bl.slot(1)
    assert (rows["otro grupo"]["x"], rows["otro grupo"]["y"]) == bl.slot(0)
    assert rows["dos"]["position"] > rows["uno"]["position"]
    assert rows["uno"]["group_id"] == groups[0] and rows["uno"]["zone"] == "desafios"
    undo(doc, first)
    assert "uno" not in {r["text"] for r in doc.notes(canvas)}


def test_pasted_lines_are_one_undo_step_and_skip_blanks(wb):
    doc, canvas, groups = wb
    lines = board.split_lines("Primera\r\n\n  Segunda  \r\nTercera\u2029\n   \n")
    assert lines == ["Primera", "Segunda", "Tercera"]
    macro = board.add_notes(doc, canvas, "fortalezas_oportunidades", None, lines)
    doc.execute(macro)
    assert [r["text"] for r in doc.notes(canvas)] == lines
    assert len(macro.note_ids) == 3
    assert len({(r["x"], r["y"]) for r in doc.notes(canvas)}) == 3
    undo(doc, macro)
    assert doc.notes(canvas) == []
    assert board.add_notes(doc, canvas, "desafios", None, ["  ", "\n"]) is None


def test_text_is_stored_verbatim(wb, tmp_path):
    doc, canvas, groups = wb
    doc.execute(board.add_notes(doc, canvas, "desafios", groups[0], TRICKY))
    assert [r["text"] for r in doc.notes(canvas)] == TRICKY
    # the table is still there and the file reads back the same from another connection
    path = doc.path
    doc.close()
    raw = sqlite3.connect(path).execute("SELECT text FROM note ORDER BY position").fetchall()
    assert [t for (t,) in raw] == TRICKY
    again = ProcessDocument.open(path)
    assert [r["text"] for r in again.notes(canvas)] == TRICKY
    again.close()


def test_edit_and_delete_with_undo(wb):
    doc, canvas, groups = wb
    add = board.add_notes(doc, canvas, "desafios", groups[0], ["antes", "otra"])
    doc.execute(add)
    note, other = add.note_ids
    edit = board.edit_text(doc, note, "después\ncon salto")
    doc.execute(edit)
    assert doc.store.get("note", note)["text"] == "después\ncon salto"
    assert board.edit_text(doc, note, "después\ncon salto") is None
    undo(doc, edit)
    assert doc.store.get("note", note)["text"] == "antes"
    theme = board.create_theme(doc, canvas, "Tema", [note])
    doc.execute(theme)
    delete = board.delete_notes(doc, [note, other, note])
    doc.execute(delete)
    assert doc.notes(canvas) == []
    undo(doc, delete)
    back = doc.store.get("note", note)
    assert back["text"] == "antes" and back["theme_id"] == theme.theme_id
    assert board.delete_notes(doc, ["no-such-id"]) is None


def test_move_across_zones_and_groups_is_one_step(wb):
    doc, canvas, groups = wb
    doc.execute(board.add_notes(doc, canvas, "fortalezas_oportunidades", groups[1], ["ya estaba"]))
    add = board.add_notes(doc, canvas, "desafios", groups[0], ["a", "b", "c"])
    doc.execute(add)
    a, b, c = add.note_ids
    move = board.move_notes(doc, [board.Move(a, "fortalezas_oportunidades", groups[1], 300.0, 40.0),
                                  board.Move(b, "fortalezas_oportunidades", None, -20.0, 10.0),
                                  board.Move(c, "desafios", groups[0], 500.0, 12.0)])
    assert len(move.commands) == 3
    doc.execute(move)
    ra, rb, rc = (doc.store.get("note", i) for i in (a, b, c))
    assert (ra["zone"], ra["group_id"], ra["x"], ra["y"]) == ("fortalezas_oportunidades", groups[1], 300.0, 40.0)
    existing = [r for r in doc.notes(canvas) if r["text"] == "ya estaba"][0]
    assert ra["position"] > existing["position"]  # goes after what the cell already had
    assert (rb["group_id"], rb["x"]) == (None, 0.0)  # clamped into the cell
    assert (rc["zone"], rc["group_id"], rc["x"]) == ("desafios", groups[0], 500.0)
    undo(doc, move)
    assert all(doc.store.get("note", i)["zone"] == "desafios" for i in (a, b, c))
    assert doc.store.get("note", a)["group_id"] == groups[0]
    same = doc.store.get("note", a)
    assert board.move_notes(doc, [board.Move(a, "desafios", groups[0], same["x"], same["y"])]) is None


def test_votes_never_go_below_zero(wb):
    doc, canvas, groups = wb
    add = board.add_notes(doc, canvas, "desafios", groups[0], ["a", "b"])
    doc.execute(add)
    a, b = add.note_ids
    doc.execute(board.set_votes(doc, [a], 3))
    down = board.change_votes(doc, [a, b], -1)
    assert len(down.commands) == 1  # b already at zero
    doc.execute(down)
    assert doc.store.get("note", a)["votes"] == 2 and doc.store.get("note", b)["votes"] == 0
    doc.execute(board.change_votes(doc, [a, b], 1))
    assert [doc.store.get("note", i)["votes"] for i in (a, b)] == [3, 1]
    assert board.set_votes(doc, [a], -5).commands[0].changes == {"votes": 0}
    assert board.change_votes(doc, [b], -1) is not None
    doc.execute(board.set_votes(doc, [b], 0))
    assert board.change_votes(doc, [b], -1) is None
    step = board.set_votes(doc, [a, b], 7)
    doc.execute(step)
    undo(doc, step)
    assert [doc.store.get("note", i)["votes"] for i in (a, b)] == [3, 0]


def test_tags(wb):
    doc, canvas, groups = wb
    add = board.add_notes(doc, canvas, "desafios", groups[0], ["a", "b"])
    doc.execute(add)
    a, b = add.note_ids
    doc.execute(board.set_tag(doc, [a], "salud", True))
    on_both = board.set_tag(doc, [a, b], "corto_plazo", True)
    doc.execute(on_both)
    assert json.loads(doc.store.get("note", a)["tags"]) == ["salud", "corto_plazo"]
    assert board.note_tags(doc.store.get("note", b)) == ["corto_plazo"]
    assert board.set_tag(doc, [a], "salud", True) is None
    doc.execute(board.set_tag(doc, [a, b], "salud", False))
    assert board.note_tags(doc.store.get("note", a)) == ["corto_plazo"]
    undo(doc, on_both)
    with pytest.raises(KeyError):
        board.set_tag(doc, [a], "no_existe", True)
    doc.execute(board.set_tags(doc, b, ["educacion", "largo_plazo", "educacion"]))
    assert board.note_tags(doc.store.get("note", b)) == ["educacion", "largo_plazo"]
    assert board.note_tags({"tags": "not json"}) == [] and board.note_tags({"tags": '{"a": 1}'}) == []


def test_theme_from_notes_across_groups(wb):
    doc, canvas, groups = wb
    ids = []
    for g in groups:
        add = board.add_notes(doc, canvas, "desafios", g, [f"documentos {g[:4]}"])
        doc.execute(add)
        ids += add.note_ids
    with pytest.raises(ValueError):
        board.create_theme(doc, canvas, "   ", ids)
    make = board.create_theme(doc, canvas, "  Regularización   y documentos ", ids)
    doc.execute(make)
    theme = doc.store.get("theme", make.theme_id)
    assert theme["name"] == "Regularización y documentos" and theme["colour"]
    assert {doc.store.get("note", i)["theme_id"] for i in ids} == {make.theme_id}
    doc.execute(board.rename_theme(doc, make.theme_id, "Documentación"))
    assert doc.store.get("theme", make.theme_id)["name"] == "Documentación"
    out = board.assign_theme(doc, ids[:1], None)
    doc.execute(out)
    assert doc.store.get("note", ids[0])["theme_id"] is None
    undo(doc, out)
    remove = board.remove_theme(doc, make.theme_id)
    doc.execute(remove)
    assert board.themes(doc, canvas) == [] and {doc.store.get("note", i)["theme_id"] for i in ids} == {None}
    undo(doc, remove)
    assert {doc.store.get("note", i)["theme_id"] for i in ids} == {make.theme_id}
    undo(doc, make)
    assert board.themes(doc, canvas) == []
    second = board.create_theme(doc, canvas, "Otro", [])
    assert second.commands[0].values["position"] == 0


def test_tidy_packs_cells_in_reading_order(wb):
    doc, canvas, groups = wb
    add = board.add_notes(doc, canvas, "desafios", groups[0], ["a", "b", "c"])
    doc.execute(add)
    a, b, c = add.note_ids
    doc.execute(board.move_notes(doc, [board.Move(a, "desafios", groups[0], 900.0, 400.0),
                                       board.Move(c, "desafios", groups[0], 5.0, 3.0)]))
    tidy = board.tidy(doc, canvas)
    doc.execute(tidy)
    rows = sorted(doc.notes(canvas), key=lambda r: r["position"])
    assert [r["text"] for r in rows] == ["c", "b", "a"]
    assert [(r["x"], r["y"]) for r in rows] == [bl.slot(0), bl.slot(1), bl.slot(2)]
    assert board.tidy(doc, canvas) is None  # already tidy
    undo(doc, tidy)
    assert doc.store.get("note", a)["x"] == 900.0


def test_duplicates_ignore_accents_case_and_punctuation(wb):
    doc, canvas, groups = wb
    doc.execute(board.add_notes(doc, canvas, "desafios", groups[0], [
        "Falta de información sobre trámites migratorios",
        "Discriminación en el acceso a salud",
        "Vivienda precaria y hacinamiento"]))
    doc.execute(board.add_notes(doc, canvas, "desafios", groups[1], ["Otra cosa distinta"]))
    found = board.likely_duplicates(doc, canvas, "FALTA DE INFORMACION sobre tramites migratorios!")
    assert found and found[0]["text"] == "Falta de información sobre trámites migratorios"
    assert found[0]["score"] == 1.0
    near = board.likely_duplicates(doc, canvas, "falta informacion de tramites migratorio")
    assert near and near[0]["text"].startswith("Falta de información")
    assert board.likely_duplicates(doc, canvas, "Presupuesto municipal") == []
    assert board.likely_duplicates(doc, canvas, "de la") == []
    excluded = board.likely_duplicates(doc, canvas, "Vivienda precaria y hacinamiento",
                                       exclude=[found[0]["id"]])
    assert [r["text"] for r in excluded] == ["Vivienda precaria y hacinamiento"]


def test_duplicate_index_follows_edits_and_finds_among_thousands():
    """Correctness only: speed belongs in bench/ (bench/synthesis_suggest.py builds it as its baseline), never in a test."""
    index = board.DuplicateIndex()
    index.put("a", "Falta de médicos en el CESFAM")
    assert index.find("falta de medicos en el cesfam")[0][0] == "a"
    index.put("a", "Algo completamente distinto")
    assert index.find("falta de medicos en el cesfam") == []
    index.remove("a")
    assert len(index) == 0 and index.find("algo completamente distinto") == []
    rng = random.Random(3)
    words = "migrantes salud trabajo vivienda escuela oficina municipal documentos regularización red".split()
    texts = {str(i): " ".join(rng.choice(words) for _ in range(6)) + f" caso {i}" for i in range(5000)}
    for key, text in texts.items():
        index.put(key, text)
    assert len(index) == 5000
    assert index.find(texts["4321"])[0][0] == "4321"


def test_filter_matches_words_tags_groups_and_themes():
    row = {"text": "Niñas sin matrícula escolar", "tags": '["educacion"]', "group_id": "g1", "theme_id": None}
    assert not board.NoteFilter().active and board.NoteFilter().matches(row)
    assert board.NoteFilter(text="NINAS matricula").matches(row)
    assert not board.NoteFilter(text="niñas salud").matches(row)
    assert board.NoteFilter(tag="educacion").matches(row) and not board.NoteFilter(tag="salud").matches(row)
    assert board.NoteFilter(group="g1").matches(row) and not board.NoteFilter(group=None).matches(row)
    assert board.NoteFilter(theme=None).matches(row) and not board.NoteFilter(theme="t").matches(row)
    assert board.NoteFilter(group=None).active
