"""Anonymous mode names nobody anywhere; names mode names only those who consented.

The sample has sectors of one or two people: these tests turn the minimum group
size off (k = 1) to see each stand-in; test_min_group.py checks k itself.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from exports.jobs import ExportRequest, run_export
from exports.model import load_report

from export_samples import CONSENTING, HIDDEN, NAMES, PEOPLE


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def found_names(text: str) -> set[str]:
    """Names present in ``text``, also when a line break fell inside them (first two words suffice)."""
    flat = squash(text)
    return {name for name in NAMES if squash(" ".join(name.split()[:2])) in flat}


def everything(tmp_path, doc, **options) -> str:
    """The text of every writer's output for one export request."""
    out = tmp_path / ("names" if not options.get("anonymous", True) else "anon")
    out.mkdir()
    options.setdefault("min_group", 1)
    req = ExportRequest(pdf=out / "r.pdf", xlsx=out / "r.xlsx", csv_dir=out / "csv", docx=out / "r.docx", **options)
    run_export(doc, req)
    parts = [page.extract_text() for page in PdfReader(req.pdf).pages]
    wb = load_workbook(req.xlsx)
    parts += [str(cell.value) for ws in wb.worksheets for row in ws.iter_rows() for cell in row
              if cell.value is not None]
    parts += [p.read_text(encoding="utf-8-sig") for p in sorted(req.csv_dir.glob("*.csv"))]
    parts.append(zipfile.ZipFile(req.docx).read("word/document.xml").decode("utf-8"))
    return "\n".join(parts)


def test_anonymous_report_names_nobody(rich, tmp_path):
    doc, _ids = rich
    text = everything(tmp_path, doc, anonymous=True)
    assert found_names(text) == set()
    assert "@example.org" not in text  # contacts never leave the file
    # authors, speakers and owners appear as their sector instead
    assert "Servicios públicos" in text and "Oficina de atención migrante" in text
    assert "[Servicios públicos]" in text  # a registered name typed inside a note


def test_names_mode_names_only_consenting_people(rich, tmp_path):
    doc, _ids = rich
    text = everything(tmp_path, doc, anonymous=False)
    assert found_names(text) == set(CONSENTING)
    assert not set(HIDDEN) & found_names(text)
    assert "@example.org" not in text


def test_anonymisation_happens_in_the_model(rich):
    doc, ids = rich
    report = load_report(doc, anonymous=True, min_group=1)
    diagnostic = next(w for w in report.workshops if w.id == ids["diagnostic"])
    authors = {n.author for n in diagnostic.notes()} - {""}
    sectors = {p[2] for p in PEOPLE}
    assert authors and authors <= sectors
    speakers = {m.speaker for m in diagnostic.minutes}
    assert speakers == {"Servicios públicos", "Oficina de atención migrante", "Grupo 2"}
    assert {c.responsible for c in diagnostic.commitments} == {"Organizaciones migrantes y pro-migrantes"}
    assert all(not p.name for p in report.people)


@pytest.mark.parametrize("anonymous", [True, False])
def test_participants_annex_counts_by_organisation_and_sector(rich, tmp_path, anonymous):
    doc, _ids = rich
    path = tmp_path / "r.pdf"
    run_export(doc, ExportRequest(pdf=path, anonymous=anonymous, min_group=1))
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    annex = text[text.rindex("Participantes por organización y sector"):]
    assert "Fundación Puertas Abiertas" in annex and "Fundaciones y sociedad civil" in annex
    if anonymous:
        assert found_names(annex) == set()
    else:
        assert found_names(annex) == set(CONSENTING)
        assert "Otras 3 personas participaron sin autorizar la publicación de su nombre." in annex


def test_method_canvases_name_nobody_when_anonymous(methods, tmp_path):
    """Units and responsibles of the planning and monitoring matrices follow the commitments' rule."""
    doc, _ids = methods
    text = everything(tmp_path, doc, anonymous=True)
    assert found_names(text) == set()
    assert "Coordina [Servicios públicos]" in text  # a registered name typed inside a text


@pytest.mark.parametrize("anonymous, shown", [(True, "Oficina de atención migrante"),
                                              (False, "Carolina Muñoz Fuentes")])
def test_a_responsible_who_consented_is_named_only_with_names_on(methods, tmp_path, anonymous, shown):
    doc, _ids = methods
    path = tmp_path / "r.xlsx"
    run_export(doc, ExportRequest(xlsx=path, anonymous=anonymous, min_group=1))
    sheet = next(ws for ws in load_workbook(path).worksheets if "seguimiento" in ws.title)
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[-1][header.index("Responsable de los ajustes")] == shown
    # a registered name without consent is their sector either way; a unit stays as typed
    assert [r[header.index("Responsable")] for r in rows] == ["Secplan", "Servicios públicos", "Recursos Humanos",
                                                              "CESFAM Los Aromos"]
