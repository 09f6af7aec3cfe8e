"""A minimum group size k: no quote or count points at a category of fewer than k people present.

The rich sample's sectors and organisations have one or two people each: with the
default k = 3, none of them may appear as an attribution or on its own in a table,
in any format; with names on, the list of people who consented must not let a
reader work out who declined (no organisations or sectors in it).
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from exports.jobs import ExportRequest, run_export
from exports.model import load_report
from facilitator.app import main
from facilitator.commands import InsertRow, Macro
from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.workshops import new_workshop

from export_samples import CONSENTING, PEOPLE
from test_anonymous import everything, found_names

SMALL_SECTORS = sorted({p[2] for p in PEOPLE})  # every sector has fewer than 3 people
SMALL_ORGS = sorted({p[1] for p in PEOPLE})


@pytest.mark.parametrize("anonymous", [True, False])
def test_default_k_hides_every_small_sector_and_organisation_in_every_format(rich, tmp_path, anonymous):
    doc, _ids = rich
    text = everything(tmp_path, doc, anonymous=anonymous, min_group=3)
    leaked = [s for s in SMALL_SECTORS + SMALL_ORGS if s in text]
    assert leaked == []
    assert "Participante" in text and "Otros sectores" in text and "Otras organizaciones" in text
    assert found_names(text) == (set() if anonymous else set(CONSENTING))


def test_k_of_one_shows_them_again(rich, tmp_path):
    doc, _ids = rich
    text = everything(tmp_path, doc, anonymous=True, min_group=1)
    assert all(s in text for s in SMALL_SECTORS)


def test_the_model_generalises_attributions_and_counts(rich):
    doc, _ids = rich
    report = load_report(doc, anonymous=True)
    assert report.min_group == 3
    authors = {n.author for n in report.notes()} - {""}
    assert authors and not authors & set(SMALL_SECTORS)
    speakers = {m.speaker for w in report.workshops for m in w.minutes}
    assert not speakers & set(SMALL_SECTORS)
    p = report.participation
    assert not p.by_sector  # everyone in «Otros sectores» says nothing: no breakdown
    assert p.sectors == len(SMALL_SECTORS) and p.organisations == len(SMALL_ORGS)
    assert all(n >= 3 or k.startswith("Otr") for k, n in p.by_gender.items())
    for sector, orgs in p.sector_organisations.items():
        assert sector == "Otros sectores" and set(orgs) == {"Otras organizaciones"}


def test_names_mode_list_does_not_reveal_who_declined(rich, tmp_path):
    """With k = 1 the organisation table lists every organisation; the named list must not, or the
    organisations whose only participant declined would be the ones missing from it."""
    doc, _ids = rich
    path = tmp_path / "r.pdf"
    run_export(doc, ExportRequest(pdf=path, anonymous=False, min_group=1))
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    annex = text[text.rindex("Personas que autorizaron publicar su nombre"):]
    named_part = annex[:annex.index("Otras 3 personas")]
    assert found_names(named_part) == set(CONSENTING)
    assert [o for o in SMALL_ORGS if o in named_part] == []
    assert [s for s in SMALL_SECTORS if s in named_part] == []


def _sector_process(tmp_path, present: int):
    """Three people of one sector, ``present`` of them at the workshop; a note by the first."""
    doc = ProcessDocument.create(tmp_path / f"s{present}.taller", "P")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    wid = macro.workshop_id
    pid = doc.process["id"]
    people = [InsertRow("participant", {"process_id": pid, "name": f"Persona {i}", "sector": "Juntas de vecinos"})
              for i in range(3)]
    attendance = [InsertRow("attendance", {"workshop_id": wid, "participant_id": p.id, "present": 1})
                  for p in people[:present]]
    canvas = doc.canvases(wid)[0]
    note = InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios", "text": "Falta luz en la plaza",
                              "participant_id": people[0].id})
    doc.execute(Macro([*people, *attendance, note], "x"))
    return doc


@pytest.mark.parametrize("present, author", [(3, "Juntas de vecinos"), (1, "Participante")])
def test_k_counts_the_people_present_in_the_workshop(tmp_path, present, author):
    doc = _sector_process(tmp_path, present)
    try:
        report = load_report(doc, anonymous=True)
        assert [n.author for n in report.notes()] == [author]
    finally:
        doc.close()


def test_cli_min_group(tmp_path, capsys):
    doc = _sector_process(tmp_path, 3)
    path = doc.path
    doc.close()
    assert main(["export", str(path), "--csv", str(tmp_path / "k3")]) == 0
    assert "Juntas de vecinos" in (tmp_path / "k3" / "notas.csv").read_text(encoding="utf-8-sig")
    assert main(["export", str(path), "--min-group", "4", "--csv", str(tmp_path / "k4")]) == 0
    assert "Juntas de vecinos" not in (tmp_path / "k4" / "notas.csv").read_text(encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["export", str(path), "--min-group", "0", "--csv", str(tmp_path / "k0")]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--min-group" in err


def test_cli_json_needs_an_explicit_full(tmp_path, capsys):
    doc = _sector_process(tmp_path, 3)
    path = doc.path
    doc.close()
    assert main(["export", str(path), "--json", str(tmp_path / "p.json")]) != 0
    err = capsys.readouterr().err
    assert "--full" in err and "datos personales" in err and err.count("\n") == 1
    assert not (tmp_path / "p.json").exists()
    assert main(["export", str(path), "--json", str(tmp_path / "p.json"), "--full"]) == 0
    err = capsys.readouterr().err
    assert "datos personales" in err and "Persona 0" in (tmp_path / "p.json").read_text(encoding="utf-8")


def test_run_export_refuses_a_json_not_chosen_expressly(tmp_path):
    from exports.atomic import ExportProblem

    doc = _sector_process(tmp_path, 3)
    try:
        with pytest.raises(ExportProblem):
            run_export(doc, ExportRequest(json=tmp_path / "p.json"))
        assert not (tmp_path / "p.json").exists()
    finally:
        doc.close()
