"""The guide's three tables (cifras, actores, iniciativas existentes): edits, CSV import, exchange (no Qt)."""

from __future__ import annotations

import pytest

from facilitator.synthesis import tables as T


def run(doc, command):
    assert command is not None
    doc.execute(command)
    return command


def test_rows_are_added_edited_ordered_and_deleted_with_undo(doc):
    pid = doc.process["id"]
    a = run(doc, T.add_row(doc.store, "key_figure", pid, {"figure": "Población migrante", "value": "12 %",
                                                          "source": "Censo", "year": "2024"}))
    b = run(doc, T.add_row(doc.store, "key_figure", pid, {"figure": "Matrícula migrante", "value": "9 %"}))
    run(doc, T.move_rows(doc.store, "key_figure", pid, [b.id, a.id]))
    assert [r["figure"] for r in T.rows(doc.store, "key_figure", pid)] == ["Matrícula migrante", "Población migrante"]
    edit = run(doc, T.edit_row(doc.store, "key_figure", a.id, {"value": "13 %"}))
    assert doc.store.get("key_figure", a.id)["value"] == "13 %"
    edit.undo(doc.store)
    assert doc.store.get("key_figure", a.id)["value"] == "12 %"
    assert T.edit_row(doc.store, "key_figure", a.id, {"value": "12 %"}) is None
    gone = run(doc, T.delete_rows("key_figure", [a.id, b.id]))
    assert T.rows(doc.store, "key_figure", pid) == []
    gone.undo(doc.store)
    assert len(T.rows(doc.store, "key_figure", pid)) == 2


def test_actor_category_accepts_key_spanish_or_english_label_and_refuses_others(doc):
    pid = doc.process["id"]
    run(doc, T.add_row(doc.store, "actor", pid, {"organisation": "OIM", "category": "International organisations"}))
    run(doc, T.add_row(doc.store, "actor", pid, {"organisation": "Fundación", "category": "sociedad civil"}))
    assert [r["category"] for r in T.rows(doc.store, "actor", pid)] == ["organismos_internacionales", "sociedad_civil"]
    with pytest.raises(ValueError, match="no es una categoría"):
        T.add_row(doc.store, "actor", pid, {"organisation": "X", "category": "club deportivo"})


CSV_ES = ("Organización;Categoría;Rol;Relación con la política\n"
          "Oficina Municipal de Migrantes;Oficina de atención migrante;Atiende y deriva;Ejecuta\n"
          "Agrupación haitiana;organizaciones migrantes;Representa;Participa en la mesa\n"
          ";;;\n").encode("cp1252")


def test_csv_import_in_one_undo_step_and_twice_adds_nothing(doc):
    pid = doc.process["id"]
    plan = T.plan_table_import(doc.store, "actor", pid, CSV_ES)
    assert plan.ok, plan.lines()
    doc.execute(plan.command)
    assert [r["organisation"] for r in T.rows(doc.store, "actor", pid)] == ["Oficina Municipal de Migrantes",
                                                                           "Agrupación haitiana"]
    again = T.plan_table_import(doc.store, "actor", pid, CSV_ES)
    assert not again.ok and "ya estaban" in again.lines()[0]
    plan.command.undo(doc.store)
    assert T.rows(doc.store, "actor", pid) == []


def test_csv_import_reports_every_bad_row_and_imports_nothing(doc):
    pid = doc.process["id"]
    data = ("name,status,population served,colour\nA,en curso,niños,rojo\n").encode()
    plan = T.plan_table_import(doc.store, "existing_initiative", pid, data)
    assert not plan.ok and "columnas desconocidas" in plan.lines()[0]
    data = "iniciativa,estado\nOficina,en curso\n,finalizada\n".encode()
    plan = T.plan_table_import(doc.store, "existing_initiative", pid, data)
    assert plan.lines() == ["Fila 3: la columna «Iniciativa» está vacía."]
    data = "valor,fuente\n12,Censo\n".encode()
    plan = T.plan_table_import(doc.store, "key_figure", pid, data)
    assert plan.lines() == ["Fila 1: falta la columna «Cifra»."]
    assert T.rows(doc.store, "existing_initiative", pid) == []


def test_synonyms_are_kept_once(doc):
    pid = doc.process["id"]
    run(doc, T.add_synonym(doc.store, pid, "colegio", "escuela"))
    assert T.add_synonym(doc.store, pid, "Escuela", "Colegio") is None
    with pytest.raises(ValueError):
        T.add_synonym(doc.store, pid, "trabajo", "Trabajo")
    assert T.synonym_pairs(doc.store, pid) == [("colegio", "escuela")]


def test_the_exchange_file_carries_the_synthesis(doc, tmp_path):
    from exports.exchange import export_json, import_json
    from facilitator.document import ProcessDocument
    from facilitator.synthesis import findings as F

    pid = doc.process["id"]
    run(doc, T.add_row(doc.store, "key_figure", pid, {"figure": "Población migrante", "value": "12 %"}))
    run(doc, T.add_row(doc.store, "existing_initiative", pid, {"name": "Sello Migrante", "status": "vigente"}))
    fid = run(doc, F.create_finding(doc.store, pid, "Faltan intérpretes", "desafio")).finding_id
    run(doc, F.add_text(doc.store, pid, "summary", "Resumen", [fid]))
    run(doc, T.add_synonym(doc.store, pid, "colegio", "escuela"))
    raw = export_json(doc)
    other = ProcessDocument.create(tmp_path / "otro.taller", "Otro")
    try:
        import_json(other, raw)
        for table in ("finding", "key_figure", "existing_initiative", "synthesis_text", "synonym"):
            assert other.store.scalar(f"SELECT count(*) FROM {table}") == 1, table
    finally:
        other.close()
