"""*Exportar para Decidim*: the CSV Decidim's accountability importer reads, and the open-data ZIP."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest

from exports.decidim import HEADERS, PROGRESS, decidim_csv, parse_period, parse_statuses, rows_of
from exports.model import load_report
from exports.opendata import DICTIONARY, PACKAGE, README, open_data_zip, read_dictionary
from facilitator.app import main
from facilitator.demo import build_demo
from facilitator.document import ProcessDocument
from facilitator.i18n import Translator

from export_samples import CONSENTING_NAME, HIDDEN_NAME

# What Decidim::Accountability::ResultsCsvImporter reads for a site in Spanish and English.
DECIDIM_HEADERS = ["id", "title/es", "title/en", "description/es", "description/en", "start_date", "end_date",
                   "status/id", "progress", "parent/id"]


@pytest.fixture(scope="module")
def demo_doc(tmp_path_factory):
    doc = ProcessDocument.open(build_demo(tmp_path_factory.mktemp("demo") / "demo.taller"))
    yield doc
    doc.close()


def check_importable(data: bytes) -> list[dict[str, str]]:
    """What Decidim's importer needs of the file, checked as it reads it (``CSV.new(col_sep: ";")``)."""
    assert not data.startswith(b"\xef\xbb\xbf")  # Ruby's CSV would read "\ufeffid" as the first header
    reader = csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";")
    assert next(reader) == DECIDIM_HEADERS
    rows = list(rows_of(data))
    ids = [int(r["id"]) for r in rows]
    assert ids == list(range(1, len(rows) + 1))
    seen: set[int] = set()
    for r in rows:
        assert r["title/es"].strip() and r["description/es"].strip()  # the default locale's are required
        if r["title/en"]:
            assert r["description/en"].strip()
        if r["parent/id"]:
            assert int(r["parent/id"]) in seen  # the parent exists, and comes first
        start = date.fromisoformat(r["start_date"]) if r["start_date"] else None
        end = date.fromisoformat(r["end_date"]) if r["end_date"] else None
        if start and end:
            assert start <= end
        if r["progress"]:
            assert 0 <= float(r["progress"]) <= 100
        seen.add(int(r["id"]))
    return rows


def test_demo_plan_reads_as_decidim_results(demo_doc):
    report = load_report(demo_doc)
    rows = check_importable(decidim_csv(report))
    assert HEADERS == DECIDIM_HEADERS
    parents = [r for r in rows if not r["parent/id"]]
    children = [r for r in rows if r["parent/id"]]
    planning = next(c for w in report.workshops for c in w.canvases if c.kind == "planning_matrix")
    axes = [label for _key, label, items in planning.axes() if items]
    assert [p["title/es"] for p in parents[:len(axes)]] == axes  # the axes are the parents, in the plan's order
    assert "Municipal management and institutional coordination" in [p["title/en"] for p in parents]
    names = {i.name for i in planning.initiatives}
    assert names <= {c["title/es"] for c in children}
    # an initiative tells its goal, unit and period
    protocol = next(c for c in children if c["title/es"] == "Protocolo único de derivación entre departamentos")
    for text in ("Protocolo aprobado por decreto", "Oficina Municipal de Migrantes", "Marzo – junio 2027"):
        assert text in protocol["description/es"]
    # its dates come from the monitoring review, and so does its progress (late: in progress, behind)
    assert (protocol["start_date"], protocol["end_date"]) == ("2026-09-01", "2026-11-15")
    assert protocol["progress"] == str(PROGRESS["late"]) and "Atrasada" in protocol["description/es"]
    # one not in the review: its period in words gives the dates, and no progress is claimed
    school = next(c for c in children if c["title/es"].startswith("Plan de acogida intercultural"))
    assert (school["start_date"], school["end_date"], school["progress"]) == ("2027-03-01", "2027-12-31", "")
    done = next(c for c in children if c["title/es"].startswith("Operativos de inscripción"))
    assert done["progress"] == "100"
    # rows of the review that came from commitments have a parent of their own
    assert any(c["title/es"].startswith("Presentar la propuesta de política") for c in children)
    assert not any(r["status/id"] for r in rows)  # no ids given: Decidim's own status ids are unknown here


def test_status_ids_follow_the_mapping(demo_doc):
    t = Translator("es")
    statuses = parse_statuses("sin iniciar=11, en curso=12,Atrasada=13, done=14", t)
    assert statuses == {"not_started": 11, "on_track": 12, "late": 13, "done": 14}
    rows = check_importable(decidim_csv(load_report(demo_doc), statuses))
    by_title = {r["title/es"]: r for r in rows}
    assert by_title["Protocolo único de derivación entre departamentos"]["status/id"] == "13"
    assert by_title["Mesa comunal de migración"]["status/id"] == "12"
    assert {r["status/id"] for r in rows if not r["parent/id"]} == {""}
    with pytest.raises(ValueError):
        parse_statuses("terminada=4", t)


@pytest.mark.parametrize("text, start, end", [
    ("Marzo – junio 2027", "2027-03-01", "2027-06-30"),
    ("Enero – diciembre 2027", "2027-01-01", "2027-12-31"),
    ("Segundo semestre 2027", "2027-07-01", "2027-12-31"),
    ("primer semestre 2026", "2026-01-01", "2026-06-30"),
    ("2027", "2027-01-01", "2027-12-31"),
    ("2027 – 2028", "2027-01-01", "2028-12-31"),
    ("Marzo 2027 – febrero 2028", "2027-03-01", "2028-02-29"),
    ("2026-03-01 – 2027-06-30", "2026-03-01", "2027-06-30"),
    ("March to June 2027", "2027-03-01", "2027-06-30"),
    ("Temporada 2027", "2027-01-01", "2027-12-31"),
    ("marzo", None, None),
    ("", None, None),
])
def test_periods_in_words(text, start, end):
    got = parse_period(text)
    assert tuple(d.isoformat() if d else None for d in got) == (start, end)


def test_anonymity_holds_in_the_decidim_file(methods):
    doc, _ids = methods
    anonymous = decidim_csv(load_report(doc, min_group=1)).decode("utf-8")
    check_importable(anonymous.encode("utf-8"))
    assert HIDDEN_NAME not in anonymous and CONSENTING_NAME not in anonymous
    assert "Servicios públicos" in anonymous  # the hidden person's unit shows as their sector (k = 1)
    generalised = decidim_csv(load_report(doc)).decode("utf-8")  # k = 3: a sector of fewer people present
    assert "Servicios públicos" not in generalised and "Participante" in generalised
    # descriptions are Decidim's rich text: user text in them is escaped (titles are plain text there)
    descriptions = "".join(r["description/es"] for r in rows_of(anonymous.encode("utf-8")))
    assert "<img" not in descriptions and "&lt;img src=/etc/passwd&gt;" in descriptions
    named = decidim_csv(load_report(doc, anonymous=False)).decode("utf-8")
    assert HIDDEN_NAME not in named  # with names on, only those who consented may appear


def test_open_data_zip_has_a_dictionary_for_every_column(methods):
    doc, _ids = methods
    data = open_data_zip(load_report(doc))
    z = zipfile.ZipFile(io.BytesIO(data))
    assert z.testzip() is None
    names = z.namelist()
    assert {DICTIONARY, PACKAGE, README} <= set(names)
    tables = [n for n in names if n.endswith(".csv") and n != DICTIONARY]
    assert len(tables) >= 5
    dictionary = read_dictionary(data)
    package = json.loads(z.read(PACKAGE))
    assert [r["path"] for r in package["resources"]] == tables
    for name in tables:
        header = next(csv.reader(io.StringIO(z.read(name).decode("utf-8-sig"))))
        assert [d["Columna"] for d in dictionary if d["Archivo"] == name] == header
    assert all(d["Tipo"] in ("string", "integer", "number", "date") for d in dictionary)
    described = [d for d in dictionary if d["Descripción"].strip()]
    assert len(described) == len(dictionary)  # every column says what it holds
    everything = "\n".join(z.read(n).decode("utf-8-sig") for n in names)
    assert HIDDEN_NAME not in everything and CONSENTING_NAME not in everything
    assert "@example.org" not in everything


def test_open_data_refuses_names(methods):
    from exports.atomic import ExportProblem

    doc, _ids = methods
    with pytest.raises(ExportProblem):
        open_data_zip(load_report(doc, anonymous=False))


def test_cli_writes_both(tmp_path, capsys):
    demo = build_demo(tmp_path / "demo.taller")
    out_csv, out_zip = tmp_path / "decidim.csv", tmp_path / "abiertos.zip"
    assert main(["export", str(demo), "--decidim", str(out_csv), "--decidim-statuses", "cumplida=4",
                 "--open-data", str(out_zip)]) == 0
    rows = check_importable(out_csv.read_bytes())
    assert {r["status/id"] for r in rows} == {"", "4"}
    assert zipfile.ZipFile(out_zip).testzip() is None
    assert str(out_csv) in capsys.readouterr().out


@pytest.mark.parametrize("args, words", [
    (["--open-data", "x.zip", "--names"], "anónimo"),
    (["--decidim", "x.csv", "--decidim-statuses", "cumplida"], "--decidim-statuses"),
])
def test_cli_refuses_in_one_line(tmp_path, capsys, args, words):
    demo = build_demo(tmp_path / "demo.taller")
    assert main(["export", str(demo), *[str(tmp_path / a) if a.endswith((".zip", ".csv")) else a for a in args]]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err
    assert not list(tmp_path.glob("x.*"))


def test_ruby_reads_the_file_as_decidims_importer_does(demo_doc, tmp_path):
    """Ruby's CSV (the library Decidim's importer uses) sees the same headers, ids, parents, texts and dates."""
    path = tmp_path / "decidim.csv"
    data = decidim_csv(load_report(demo_doc), parse_statuses("cumplida=4", Translator("es")))
    path.write_bytes(data)
    done = subprocess.run(["ruby", str(Path(__file__).with_name("decidim_read.rb")), str(path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["headers"] == DECIDIM_HEADERS
    ours = list(rows_of(data))
    assert [r["id"] for r in seen["rows"]] == [r["id"] for r in ours]  # a BOM would make every id nil
    for theirs, mine in zip(seen["rows"], ours):
        assert (theirs["parent"] or "") == mine["parent/id"]
        assert theirs["title_es"] == mine["title/es"] and theirs["description_es"] == mine["description/es"]
        assert (theirs["start_date"] or "", theirs["end_date"] or "") == (mine["start_date"], mine["end_date"])
        assert (theirs["progress"] or "", theirs["status"] or "") == (mine["progress"], mine["status/id"])
