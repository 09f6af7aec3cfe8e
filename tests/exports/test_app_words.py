"""An English export of a process created in Spanish says the app's words in English (issue 14).

The demo is built in Spanish. Its canvas titles, zone and quadrant names, genders,
sectors and initiative statuses are the app's words: the English report, sheets and
tables say "SWOT matrix", "Strengths", "Woman", "Public services", "In progress";
what the users typed (notes, group names) stays as typed.
"""

from __future__ import annotations

import csv

import pytest
from docx import Document
from openpyxl import load_workbook

from exports.jobs import ExportRequest, run_export
from facilitator.demo import build_demo
from facilitator.document import ProcessDocument

from pdf_checks import page_texts, squash

APP_WORDS_EN = ("SWOT matrix", "Strengths", "Opportunities", "Weaknesses", "Threats", "Group flipchart", "Challenges")
APP_WORDS_ES = ("Matriz FODA", "Fortalezas", "Oportunidades", "Debilidades", "Amenazas", "Papelógrafo del grupo",
                "Desafíos")
TYPED = "Contar con una oficina de atención a personas migrantes"  # a FODA note of the demo


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The demo (made in Spanish) exported in English and in Spanish: {lang: folder}."""
    root = tmp_path_factory.mktemp("words")
    doc = ProcessDocument.open(build_demo(root / "demo.taller"))
    out = {}
    try:
        for lang in ("en", "es"):
            folder = root / lang
            folder.mkdir()
            run_export(doc, ExportRequest(pdf=folder / "r.pdf", docx=folder / "r.docx", xlsx=folder / "r.xlsx",
                                          csv_dir=folder / "csv", lang=lang))
            out[lang] = folder
    finally:
        doc.close()
    return out


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def cells(folder) -> set[str]:
    wb = load_workbook(folder / "r.xlsx", read_only=True)
    found = set(wb.sheetnames)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            found.update(str(v) for v in row if v is not None)
    return found


def test_english_csv_tables_use_english_quadrants_genders_sectors_and_statuses(exported):
    folder = exported["en"] / "csv"
    foda = csv_rows(folder / "t2-swot-matrix.csv")
    assert {"Strengths", "Opportunities", "Weaknesses", "Threats"} <= {r[0] for r in foda[1:]}
    assert not set(APP_WORDS_ES) & {r[0] for r in foda[1:]}
    assert TYPED in {r[2] for r in foda[1:]}
    participation = {(r[0], r[1]) for r in csv_rows(folder / "participation.csv")[1:]}
    assert {("Gender", "Woman"), ("Gender", "Man"), ("Sector (type of actor)", "Public services")} <= participation
    statuses = {r[2] for r in csv_rows(folder / "existing-initiatives.csv")[1:]}
    assert statuses == {"In force", "Renewed yearly", "In progress"}


def test_english_spreadsheet_has_no_spanish_app_word(exported):
    found = cells(exported["en"])
    assert "T2 SWOT matrix" in found
    assert {"Strengths", "Woman", "Public services"} <= found
    assert not set(APP_WORDS_ES) & found
    assert not {"Mujer", "mujer", "Servicios públicos"} & found
    assert TYPED in found


def test_english_docx_and_pdf_name_the_canvases_and_quadrants_in_english(exported):
    paragraphs = [p.text for p in Document(exported["en"] / "r.docx").paragraphs]
    tables = [c.text for t in Document(exported["en"] / "r.docx").tables for row in t.rows for c in row.cells]
    words = set(paragraphs) | set(tables)
    assert {"SWOT matrix", "Strengths", "Weaknesses"} <= words  # (genders are in the chart's picture)
    assert not set(APP_WORDS_ES) & words
    pdf = squash(" ".join(page_texts(exported["en"] / "r.pdf")))
    for word in APP_WORDS_EN:
        assert squash(word) in pdf, word
    for word in ("MatrizFODA", "Papelógrafodelgrupo", "Serviciospúblicos"):
        assert word not in pdf, word


def test_spanish_export_is_as_before(exported):
    found = cells(exported["es"])
    assert "T2 Matriz FODA" in found
    assert {"Fortalezas", "Mujer", "Servicios públicos"} <= found
    assert not {c for c in found if c.startswith(("canvas:", "zone:", "gender:", "sector:", "status:"))}
