"""Importing post-its from a spreadsheet: every encoding and separator, all or nothing."""

import json

import pytest

from facilitator import participants as P
from facilitator.commands import InsertRow
from facilitator.board.layout import NOTE_H, NOTE_W
from facilitator.domain.templates import builtin_template
from facilitator.i18n import set_language
from facilitator.importers import plan_notes_import
from facilitator.store.schema import HISTORY_TABLES
from facilitator.workshops import new_workshop

VERBATIM = [
    "¿Falta de intérpretes? ¡Sí!",
    "Año tras año: señalética en español y criollo haitiano",
    "línea 1\nlínea 2",
    "<b>no es negrita</b> & <script>alert(1)</script>",
    "'); DROP TABLE note; --",
    'Dice "hola", con comillas',
]


def dump(doc):
    """Every row of every table: what "nothing half-imported" is checked against."""
    tables = [r["name"] for r in doc.store.query(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    # the merge history records the undo itself (a tombstone per row it removed): not content
    return {t: doc.store.query(f'SELECT * FROM "{t}" ORDER BY id') for t in tables if t not in HISTORY_TABLES}


def csv_bytes(rows, delimiter=";", encoding="utf-8"):
    def cell(value):
        value = str(value)
        if any(ch in value for ch in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value
    return "\r\n".join(delimiter.join(cell(v) for v in row) for row in rows).encode(encoding) + b"\r\n"


def board(doc, wid):
    return next(c for c in doc.canvases(wid) if c["key"] == "papelografo")


def notes(doc, wid):
    return doc.notes(board(doc, wid)["id"])


GOOD_ROWS = [
    ["texto", "zona", "grupo", "votos", "etiquetas", "autor"],
    [VERBATIM[0], "Desafíos", "Grupo 1", "3", "Salud; corto plazo", "Ana Pérez"],
    [VERBATIM[1], "DESAFIOS", "grupo 1", "", "educacion|integración", ""],
    [VERBATIM[2], "oportunidades", "Mesa Ñuñoa", "0", "Migración segura, ordenada y regular, Salud", "Mesa 2"],
    [VERBATIM[3], "Fortalezas y oportunidades", "", "7", "", ""],
    [VERBATIM[4], "desafios", "Mesa Ñuñoa", "1", "largo_plazo", ""],
    [VERBATIM[5], "fortalezas", "Grupo 1", "2.0", "", ""],
]


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_good_file_in_each_encoding_and_delimiter(diagnostic, encoding, delimiter):
    doc, wid = diagnostic
    data = csv_bytes(GOOD_ROWS, delimiter, encoding)
    plan = plan_notes_import(doc, wid, data, source="notas.csv")
    assert plan.problems == []
    assert plan.counts == {"notes": 6, "groups": 2, "linked": 0}
    doc.execute(plan.command)
    rows = notes(doc, wid)
    assert [n["text"] for n in rows] == VERBATIM
    assert [n["zone"] for n in rows] == ["desafios", "desafios", "fortalezas_oportunidades",
                                         "fortalezas_oportunidades", "desafios", "fortalezas_oportunidades"]
    assert [n["votes"] for n in rows] == [3, 0, 0, 7, 1, 2]
    assert [json.loads(n["tags"]) for n in rows] == [
        ["salud", "corto_plazo"], ["educacion", "integracion"], ["migracion_segura", "salud"], [], ["largo_plazo"],
        []]
    groups = {g["id"]: g["name"] for g in doc.groups(wid)}
    assert sorted(groups.values()) == ["Grupo 1", "Mesa Ñuñoa"]
    assert [groups.get(n["group_id"]) for n in rows] == ["Grupo 1", "Grupo 1", "Mesa Ñuñoa", None, "Mesa Ñuñoa",
                                                         "Grupo 1"]
    assert [n["author"] for n in rows] == ["Ana Pérez", "", "Mesa 2", "", "", ""]
    assert all(n["block_id"] is None for n in rows)


def test_emoji_survive_in_utf8(diagnostic):
    doc, wid = diagnostic
    text = "Más redes 🤝 y apoyo 🌱\nsegunda línea"
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        plan = plan_notes_import(doc, wid, csv_bytes([["text", "zone"], [text, "Challenges"]], ",", encoding))
        assert plan.ok, plan.lines()
        doc.execute(plan.command)
    assert [n["text"] for n in notes(doc, wid)] == [text] * 3


def test_english_headers_and_zone_labels(diagnostic):
    doc, wid = diagnostic
    rows = [["Text", "Zone", "Group", "Votes", "Tags", "Author"],
            ["Few interpreters", "Challenges", "Table A", "2", "Health, Short term", "Ana"],
            ["Support network", "strengths and opportunities", "Table A", "0", "work and economic development", ""]]
    plan = plan_notes_import(doc, wid, csv_bytes(rows, ","))
    assert plan.ok, plan.lines()
    doc.execute(plan.command)
    got = [(n["zone"], json.loads(n["tags"])) for n in notes(doc, wid)]
    assert got == [("desafios", ["salud", "corto_plazo"]), ("fortalezas_oportunidades", ["trabajo_desarrollo"])]


def test_notes_take_free_slots_of_their_cell(diagnostic):
    doc, wid = diagnostic
    canvas = board(doc, wid)
    group = P.add_group(doc, wid, "Grupo 1")
    doc.execute(group)
    doc.execute(InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios", "group_id": group.id,
                                   "text": "ya estaba", "x": 12.0, "y": 12.0}))
    rows = [["texto", "zona", "grupo"]] + [[f"n{i}", "desafíos", "Grupo 1"] for i in range(6)] + \
        [["otra zona", "oportunidades", "Grupo 1"], ["sin grupo", "desafíos", ""]]
    plan = plan_notes_import(doc, wid, csv_bytes(rows))
    assert plan.ok
    doc.execute(plan.command)
    cell = [(n["x"], n["y"]) for n in notes(doc, wid) if n["zone"] == "desafios" and n["group_id"] == group.id]
    assert len(cell) == 7
    for i, (x, y) in enumerate(cell):  # no two notes of a cell overlap
        for (x2, y2) in cell[i + 1:]:
            assert abs(x - x2) >= NOTE_W or abs(y - y2) >= NOTE_H
    others = {n["text"]: (n["x"], n["y"]) for n in notes(doc, wid) if n["text"] in ("otra zona", "sin grupo")}
    assert others == {"otra zona": (12.0, 12.0), "sin grupo": (12.0, 12.0)}  # first slot of their own cells
    positions = [n["position"] for n in notes(doc, wid)]
    assert len(set(positions)) == len(positions)


def test_existing_groups_are_reused_ignoring_case_and_accents(diagnostic):
    doc, wid = diagnostic
    doc.execute(P.add_group(doc, wid, "Mesa Ñuñoa"))
    plan = plan_notes_import(doc, wid, csv_bytes([["texto", "zona", "grupo"], ["a", "desafíos", "MESA NUNOA"]]))
    assert plan.counts["groups"] == 0
    doc.execute(plan.command)
    assert len(doc.groups(wid)) == 1
    assert notes(doc, wid)[0]["group_id"] == doc.groups(wid)[0]["id"]


def test_author_is_matched_to_the_registry(diagnostic):
    doc, wid = diagnostic
    jose = P.add_participant(doc, {"name": "José Ñúñez"})
    twin_a = P.add_participant(doc, {"name": "Ana Gómez"})
    twin_b = P.add_participant(doc, {"name": "Ana Gómez"})
    for command in (jose, twin_a, twin_b):
        doc.execute(command)
    group = P.add_group(doc, wid)
    doc.execute(group)
    doc.execute(P.assign_group(doc, wid, jose.id, group.id))
    rows = [["texto", "zona", "autor"], ["uno", "desafíos", "jose nunez"], ["dos", "desafíos", "Ana Gómez"],
            ["tres", "desafíos", "Grupo de mujeres"]]
    plan = plan_notes_import(doc, wid, csv_bytes(rows))
    assert plan.counts["linked"] == 1
    doc.execute(plan.command)
    got = [(n["author"], n["participant_id"], n["group_id"]) for n in notes(doc, wid)]
    # the author's group is used when the row names none; homonyms are not guessed
    assert got == [("jose nunez", jose.id, group.id), ("Ana Gómez", None, None), ("Grupo de mujeres", None, None)]


def test_block_column_places_notes_on_the_block(diagnostic):
    doc, wid = diagnostic
    blocks = {b["key"]: b for b in doc.blocks(wid)}
    rows = [["bloque", "texto", "zona"],
            ["Identificar desafíos", "a", ""],
            ["identificar_fortalezas_oportunidades", "b", ""],
            ["2", "c", ""],
            ["Plenario de resultados", "d", "oportunidades"]]
    plan = plan_notes_import(doc, wid, csv_bytes(rows))
    assert plan.ok, plan.lines()
    doc.execute(plan.command)
    got = [(n["text"], n["block_id"], n["zone"]) for n in notes(doc, wid)]
    assert got == [("a", blocks["identificar_desafios"]["id"], "desafios"),
                   ("b", blocks["identificar_fortalezas_oportunidades"]["id"], "fortalezas_oportunidades"),
                   ("c", blocks["identificar_desafios"]["id"], "desafios"),
                   ("d", blocks["plenario_resultados"]["id"], "fortalezas_oportunidades")]


def test_block_selects_another_canvas(doc):
    macro = new_workshop(doc, builtin_template("arbol_problemas"), lang="es")
    doc.execute(macro)
    wid = macro.workshop_id
    rows = [["texto", "zona", "bloque"], ["Falta de políticas inclusivas", "", "Identificar las causas"],
            ["Reducir el desempleo", "objetivos", "objetivos_smart"], ["Sin bloque", "efectos", ""]]
    plan = plan_notes_import(doc, wid, csv_bytes(rows))
    assert plan.ok, plan.lines()
    doc.execute(plan.command)
    canvases = {c["key"]: c["id"] for c in doc.canvases(wid)}
    assert [(n["text"], n["zone"]) for n in doc.notes(canvases["arbol"])] == [
        ("Falta de políticas inclusivas", "causas"), ("Sin bloque", "efectos")]
    assert [n["zone"] for n in doc.notes(canvases["objetivos_smart"])] == ["objetivos"]


def _ambiguous_canvas(doc, wid):
    """A canvas whose two zones share the word «desafíos», reached through its own block."""
    canvas = InsertRow("canvas", {"workshop_id": wid, "key": "extra", "kind": "board", "title": "Extra",
                                  "zones": json.dumps([{"key": "internos", "label": "Desafíos internos"},
                                                       {"key": "externos", "label": "Desafíos externos"}]),
                                  "position": 5})
    block = InsertRow("block", {"workshop_id": wid, "position": 9, "key": "extra", "title": "Bloque extra",
                                "minutes": 5, "canvas_id": canvas.id})
    doc.execute(canvas)
    doc.execute(block)


BAD = {
    "unknown column": ([["texto", "zona", "color"], ["a", "desafíos", "rojo"]], 1, "«color»"),
    "missing text column": ([["nota_larga", "zona"], ["a", "desafíos"]], 1, "texto"),
    "no text column at all": ([["zona", "votos"], ["desafíos", "1"]], 1, "falta la columna «texto»"),
    "empty text": ([["texto", "zona"], ["bien", "desafíos"], ["  ", "desafíos"]], 3, "vacío"),
    "votes not a number": ([["texto", "zona", "votos"], ["a", "desafíos", "muchos"]], 2, "número entero"),
    "negative votes": ([["texto", "zona", "votos"], ["a", "desafíos", "1"], ["b", "desafíos", "-2"]], 3,
                       "negativos"),
    "unknown zone": ([["texto", "zona"], ["a", "desafíos"], ["b", "amenazas"]], 3, "no existe la zona «amenazas»"),
    "missing zone": ([["texto", "zona"], ["a", ""]], 2, "falta la zona"),
    "ambiguous zone": ([["texto", "zona", "bloque"], ["a", "desafíos", "Bloque extra"]], 2, "ambigua"),
    "unknown tag": ([["texto", "zona", "etiquetas"], ["a", "desafíos", "salud; vivienda"]], 2, "«vivienda»"),
    "ambiguous tag": ([["texto", "zona", "etiquetas"], ["a", "desafíos", "plazo"]], 2, "ambigua"),
    "unknown block": ([["texto", "zona", "bloque"], ["a", "desafíos", "Almuerzo"]], 2, "no existe el bloque"),
    "ambiguous block": ([["texto", "zona", "bloque"], ["a", "desafíos", "desafíos"]], 2, "ambiguo"),
    "block without canvas": ([["texto", "bloque"], ["a", "Presentación"]], 2, "no tiene papelógrafo"),
    "row wider than header": ([["texto", "zona"], ["a", "desafíos", "sobra"]], 2, "encabezado"),
    "header only": ([["texto", "zona"]], 0, "solo tiene encabezado"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("encoding, delimiter", [("utf-8", ","), ("cp1252", ";")])
def test_bad_files_import_nothing(diagnostic, case, encoding, delimiter):
    doc, wid = diagnostic
    _ambiguous_canvas(doc, wid)
    good = [["texto", "zona"], ["esta fila es buena", "desafíos"]]
    rows, row, words = BAD[case]
    before = dump(doc)
    plan = plan_notes_import(doc, wid, csv_bytes(rows, delimiter, encoding))
    assert not plan.ok and plan.command is None
    assert any(p.row == row and words in p.message for p in plan.problems), plan.lines()
    assert dump(doc) == before
    assert plan_notes_import(doc, wid, csv_bytes(good, delimiter, encoding)).ok


@pytest.mark.parametrize("data, words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binario"),
    (b"PK\x03\x04" + bytes(64), "binario"),
    (b"", "vacío"),
    (b"\xef\xbb\xbf", "vacío"),
    (b"\r\n\r\n", "vacío"),
])
def test_files_that_are_not_csv(diagnostic, data, words):
    doc, wid = diagnostic
    before = dump(doc)
    plan = plan_notes_import(doc, wid, data)
    assert not plan.ok and plan.problems[0].row == 0 and words in plan.problems[0].message
    assert dump(doc) == before


def test_every_bad_row_is_reported_and_good_rows_are_not_imported(diagnostic):
    doc, wid = diagnostic
    rows = [["texto", "zona", "votos"], ["a", "desafíos", "1"], ['varias\nlíneas', "desafíos", "x"],
            ["c", "desafíos", "2"], ["", "nada", "-1"]]
    before = dump(doc)
    plan = plan_notes_import(doc, wid, csv_bytes(rows))
    assert [(p.row, p.message.split(" ")[0]) for p in plan.problems] == [(3, "los"), (5, "el"), (5, "no"), (5, "los")]
    assert plan.lines()[0].startswith("Fila 3: ")
    assert dump(doc) == before


def test_report_in_english(diagnostic):
    doc, wid = diagnostic
    set_language("en")
    plan = plan_notes_import(doc, wid, csv_bytes([["text", "zone"], ["a", "nowhere"]], ","))
    # The script's canvas and zone names are the app's words: in the UI's language (issue 14).
    assert plan.lines() == ["Row 2: there is no zone “nowhere” in “Group flipchart”; its zones are "
                            "“Challenges”, “Strengths and opportunities”."]


def test_workshop_without_boards(doc):
    macro = new_workshop(doc, builtin_template("conversatorio"), lang="es")
    doc.execute(macro)
    plan = plan_notes_import(doc, macro.workshop_id, csv_bytes([["texto"], ["hola"]]))
    assert not plan.ok and "papelógrafo" in plan.problems[0].message


def test_undo_removes_the_whole_import_in_one_step(diagnostic):
    doc, wid = diagnostic
    doc.execute(P.add_group(doc, wid, "Grupo 1"))
    before = dump(doc)
    plan = plan_notes_import(doc, wid, csv_bytes(GOOD_ROWS), source="notas.csv")
    assert plan.command.text == "Importar 6 notas de «notas.csv»"
    doc.execute(plan.command)
    assert len(notes(doc, wid)) == 6 and len(doc.groups(wid)) == 2
    plan.command.undo(doc.store)
    assert dump(doc) == before
    plan.command.redo(doc.store)
    assert len(notes(doc, wid)) == 6 and len(doc.groups(wid)) == 2


def test_import_is_one_transaction(diagnostic):
    doc, wid = diagnostic
    commits = []
    doc.subscribe(commits.append)
    plan = plan_notes_import(doc, wid, csv_bytes(GOOD_ROWS))
    doc.execute(plan.command)
    assert len(commits) == 1
    assert sorted({c.table for c in commits[0]}) == ["note", "workgroup"]
