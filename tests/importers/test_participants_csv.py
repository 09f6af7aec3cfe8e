"""Importing a participant list: encodings, separators, groups, re-imports, all or nothing."""

import pytest

from facilitator import participants as P
from facilitator.importers import plan_participants_import
from facilitator.store.schema import HISTORY_TABLES



def dump(doc):
    tables = [r["name"] for r in doc.store.query(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    # the merge history records the undo itself (a tombstone per row it removed): not content
    return {t: doc.store.query(f'SELECT * FROM "{t}" ORDER BY id') for t in tables if t not in HISTORY_TABLES}


def csv_bytes(rows, delimiter=";", encoding="utf-8"):
    def cell(value):
        if any(ch in value for ch in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value
    return "\r\n".join(delimiter.join(cell(v) for v in row) for row in rows).encode(encoding) + b"\r\n"

NAMES = ["Ana Pérez", "José Ñúñez", "María-José O'Higgins", "", "Tomás <b>Rivas</b>"]
GOOD_ROWS = [
    ["Nombre", "Organización", "Sector", "Género", "Territorio", "Contacto", "Grupo", "Consentimiento"],
    [NAMES[0], "Municipalidad", "Gobierno local", "Mujer", "Quilicura", "ana@muni.cl", "Grupo 1", "sí"],
    [NAMES[1], "Fundación Amanecer", "Sociedad civil", "Hombre", "Santiago", "", "Grupo 2", "no"],
    [NAMES[2], "Colectivo; migrante", "Organización migrante", "Mujer", "Independencia", "+56 9 1234", "grupo 1",
     "Sí"],
    [NAMES[3], "Vecinos", "Sociedad civil", "No binario", "", "", "", ""],
    [NAMES[4], "Liceo", "Servicios públicos", "", "", "", "", "SI"],
]


def people(doc, wid):
    return P.registry(doc, wid)


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_good_file_in_each_encoding_and_delimiter(diagnostic, encoding, delimiter):
    doc, wid = diagnostic
    plan = plan_participants_import(doc, wid, csv_bytes(GOOD_ROWS, delimiter, encoding), source="lista.csv")
    assert plan.problems == []
    assert plan.counts == {"added": 5, "updated": 0, "groups": 2}
    doc.execute(plan.command)
    rows = people(doc, wid)
    assert [r["name"] for r in rows] == NAMES  # in file order, verbatim, nameless row kept
    assert [r["consent"] for r in rows] == [1, 0, 1, 0, 1]
    assert rows[2]["organisation"] == "Colectivo; migrante"
    groups = {g["id"]: g["name"] for g in doc.groups(wid)}
    assert [groups.get(r["group_id"]) for r in rows] == ["Grupo 1", "Grupo 2", "Grupo 1", None, None]
    # a planned group is not attendance
    assert [r["present"] for r in rows] == [0, 0, 0, 0, 0]
    assert [r["attendance_id"] is not None for r in rows] == [True, True, True, False, False]


def test_english_headers_and_attendance(diagnostic):
    doc, wid = diagnostic
    rows = [["name", "organization", "type of actor", "gender", "territory", "contact", "group", "consent",
             "attendance"],
            ["Ana", "City hall", "Local government", "Woman", "Quilicura", "", "Table 1", "yes", "yes"],
            ["Luis", "Chamber", "Private sector", "Man", "", "", "", "no", "no"],
            ["Sara", "", "", "", "", "", "", "", ""]]
    plan = plan_participants_import(doc, wid, csv_bytes(rows, ","))
    assert plan.ok, plan.lines()
    doc.execute(plan.command)
    got = [(r["name"], r["sector"], r["consent"], r["present"], r["attendance_id"] is not None)
           for r in people(doc, wid)]
    assert got == [("Ana", "Local government", 1, 1, True), ("Luis", "Private sector", 0, 0, True),
                   ("Sara", "", 0, 0, False)]


def test_reimport_updates_instead_of_duplicating(diagnostic):
    doc, wid = diagnostic
    doc.execute(plan_participants_import(doc, wid, csv_bytes(GOOD_ROWS)).command)
    rows = [["nombre", "contacto", "grupo", "consentimiento", "asistencia"],
            ["ana perez", "nuevo@muni.cl", "Grupo 2", "", "sí"],
            ["JOSE NUNEZ", "", "", "sí", ""],
            ["Nueva Persona", "", "Grupo 3", "", ""]]
    plan = plan_participants_import(doc, wid, csv_bytes(rows))
    assert plan.ok, plan.lines()
    assert plan.counts == {"added": 1, "updated": 2, "groups": 1}
    doc.execute(plan.command)
    by_name = {r["name"]: r for r in people(doc, wid)}
    assert len(by_name) == 6
    groups = {g["id"]: g["name"] for g in doc.groups(wid)}
    ana, jose = by_name["Ana Pérez"], by_name["José Ñúñez"]
    assert (ana["contact"], ana["organisation"], groups[ana["group_id"]], ana["present"], ana["consent"]) == \
        ("nuevo@muni.cl", "Municipalidad", "Grupo 2", 1, 1)
    assert (jose["consent"], groups[jose["group_id"]]) == (1, "Grupo 2")
    assert groups[by_name["Nueva Persona"]["group_id"]] == "Grupo 3"


def test_without_workshop_only_the_registry_is_filled(doc):
    rows = [["nombre", "sector"], ["Ana", "Gobierno local"]]
    plan = plan_participants_import(doc, None, csv_bytes(rows))
    assert plan.ok
    doc.execute(plan.command)
    assert [p["name"] for p in doc.participants()] == ["Ana"]
    plan = plan_participants_import(doc, None, csv_bytes([["nombre", "grupo"], ["Luis", "Grupo 1"]]))
    assert not plan.ok and "taller" in plan.problems[0].message


BAD = {
    "unknown column": ([["nombre", "edad"], ["Ana", "30"]], 1, "«edad»"),
    "bad consent": ([["nombre", "consentimiento"], ["Ana", "sí"], ["Luis", "quizás"]], 3, "«quizás»"),
    "bad attendance": ([["nombre", "asistencia"], ["Ana", "tal vez"]], 2, "asistencia"),
    "name twice in the file": ([["nombre"], ["Ana Pérez"], ["Luis"], ["ana perez"]], 4, "fila 2"),
    "row wider than header": ([["nombre", "sector"], ["Ana", "ONG", "extra"]], 2, "encabezado"),
    "header only": ([["nombre", "sector"]], 0, "encabezado"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ","), ("cp1252", ";")])
def test_bad_files_import_nothing(diagnostic, case, encoding, delimiter):
    doc, wid = diagnostic
    rows, row, words = BAD[case]
    before = dump(doc)
    plan = plan_participants_import(doc, wid, csv_bytes(rows, delimiter, encoding))
    assert not plan.ok and plan.command is None
    assert any(p.row == row and words in p.message for p in plan.problems), plan.lines()
    assert dump(doc) == before


@pytest.mark.parametrize("data, words", [(b"\x00\x01\x02binario", "binario"), (b"", "vacío")])
def test_files_that_are_not_csv(diagnostic, data, words):
    doc, wid = diagnostic
    plan = plan_participants_import(doc, wid, data)
    assert not plan.ok and words in plan.problems[0].message


def test_homonyms_in_the_registry_are_not_guessed(diagnostic):
    doc, wid = diagnostic
    for _i in range(2):
        doc.execute(P.add_participant(doc, {"name": "Ana Gómez"}))
    before = dump(doc)
    plan = plan_participants_import(doc, wid, csv_bytes([["nombre", "grupo"], ["Ana Gomez", "Grupo 1"]]))
    assert not plan.ok and "2 personas" in plan.problems[0].message
    assert dump(doc) == before


def test_undo_removes_people_attendance_and_new_groups_in_one_step(diagnostic):
    doc, wid = diagnostic
    before = dump(doc)
    plan = plan_participants_import(doc, wid, csv_bytes(GOOD_ROWS))
    doc.execute(plan.command)
    assert len(people(doc, wid)) == 5 and len(doc.groups(wid)) == 2
    plan.command.undo(doc.store)
    assert dump(doc) == before


def test_the_app_words_are_stored_as_keys_in_either_language(diagnostic):
    """Issue 14: «Mujer» and «Woman», «Servicios públicos» and «Public services» are one word each."""
    doc, wid = diagnostic
    rows = [["name", "type of actor", "gender"],
            ["Ana", "Servicios públicos", "Mujer"], ["Eve", "Public services", "woman"],
            ["Luis", "Local government", "varón"]]
    plan = plan_participants_import(doc, wid, csv_bytes(rows, ","))
    assert plan.ok, plan.lines()
    doc.execute(plan.command)
    got = [(r["name"], r["sector"], r["gender"]) for r in people(doc, wid)]
    assert got == [("Ana", "sector:servicios_publicos", "gender:mujer"),
                   ("Eve", "sector:servicios_publicos", "gender:mujer"),
                   ("Luis", "Local government", "varón")]  # what was typed stays as typed
    again = plan_participants_import(doc, wid, csv_bytes(rows, ","))
    assert again.counts["updated"] == 0  # the same words again change nothing
