"""Two CSV imports into one file at once: the groups they name are made once, not twice."""

from __future__ import annotations

import threading

from facilitator import importers
from facilitator.app import main
from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.workshops import new_workshop

CSV = "texto,zona,grupo\nuno,Desafíos,Grupo 1\ndos,Desafíos,Grupo 2\ntres,Desafíos,Grupo 3\n"


def test_two_concurrent_imports_make_each_group_once(tmp_path, monkeypatch):
    path = tmp_path / "p.taller"
    doc = ProcessDocument.create(path, "P")
    doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es"))
    doc.close()
    (tmp_path / "a.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "b.csv").write_text(CSV, encoding="utf-8")

    real = importers.plan_notes_import
    b_planned = threading.Event()
    codes = {}

    def second_import():
        codes["b"] = main(["import", str(path), "--csv", str(tmp_path / "b.csv")])

    def planning(doc, workshop_id, data, source=""):
        plan = real(doc, workshop_id, data, source=source)
        if threading.current_thread().name == "import-b":
            b_planned.set()
        else:
            # A has planned. B starts now; without the lock B plans before A commits, as on two laptops.
            other = threading.Thread(target=second_import, name="import-b")
            other.start()
            b_planned.wait(timeout=1.0)  # with the lock held, B cannot plan yet: give up waiting and commit
            planning.other = other
        return plan

    monkeypatch.setattr(importers, "plan_notes_import", planning)
    codes["a"] = main(["import", str(path), "--csv", str(tmp_path / "a.csv")])
    planning.other.join(timeout=30)
    assert codes == {"a": 0, "b": 0}
    doc = ProcessDocument.open(path)
    try:
        names = [r["name"] for r in doc.store.query("SELECT name FROM workgroup ORDER BY name")]
        assert names == ["Grupo 1", "Grupo 2", "Grupo 3"]
        assert doc.store.scalar("SELECT count(*) FROM note") == 6
    finally:
        doc.close()
