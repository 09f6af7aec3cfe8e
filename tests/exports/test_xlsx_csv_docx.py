"""Spreadsheets and the editable document hold the same cells as the process, re-read from disk."""

from __future__ import annotations

import csv
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from exports.csvout import unguard
from exports.docx import write_docx
from exports.jobs import ExportRequest, run_export
from exports.model import load_report
from exports.xlsx import sheet_title, write_xlsx

from export_samples import HOSTILE


def one_line_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_xlsx_has_a_sheet_per_canvas_with_the_methods_headers(rich, tmp_path):
    doc, ids = rich
    path = tmp_path / "r.xlsx"
    write_xlsx(load_report(doc), path)
    wb = load_workbook(path)
    names = wb.sheetnames
    assert names[0] == "Notas"
    assert {"T1 Papelógrafo del grupo", "T2 Matriz FODA", "T3 Árbol de problemas"} <= set(names)
    planning = next(ws for ws in wb.worksheets if ws.title.startswith("T4"))
    assert [c.value for c in planning[1]][:2] == ["Eje estratégico", "Nota"]
    foda = wb["T2 Matriz FODA"]
    assert [c.value for c in foda[1]][:3] == ["Cuadrante", "Factor", "Nota"]
    assert {r[1] for r in foda.iter_rows(min_row=2, values_only=True)} == {"Interno", "Externo"}
    for ws in wb.worksheets:
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws.freeze_panes == "A2"
        for letter, dim in ws.column_dimensions.items():
            assert 6 <= dim.width <= 62


def test_xlsx_cells_are_the_notes_exactly(hostile, tmp_path):
    doc, _wid = hostile
    path = tmp_path / "h.xlsx"
    write_xlsx(load_report(doc), path)
    ws = load_workbook(path)["Notas"]
    header = [c.value for c in ws[1]]
    texts = [row[header.index("Nota")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert [one_line_breaks(t) for t in texts] == [one_line_breaks(n) for n in HOSTILE]
    formula = next(c for row in ws.iter_rows(min_row=2) for c in row if c.value == "=SUMA(A1:A2)")
    assert formula.data_type == "s"  # stays text, never runs as a formula


def test_xlsx_body_cells_wrap_at_the_top_and_headers_are_bold(hostile, tmp_path):
    """Every body cell wraps long text and sits at the top (the workbook's default format), the
    formula-looking note included; headers keep their own bold format."""
    doc, _wid = hostile
    path = tmp_path / "h.xlsx"
    write_xlsx(load_report(doc), path)
    wb = load_workbook(path)
    ws = wb["Notas"]
    assert all(c.font.bold and c.alignment.wrap_text for c in ws[1])
    body = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert body
    assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in body)
    assert not any(c.font.bold for c in body)
    formula = next(c for c in body if c.value == "=SUMA(A1:A2)")
    assert formula.data_type == "s" and formula.alignment.wrap_text


def test_csv_is_utf8_with_bom_and_round_trips(hostile, tmp_path):
    doc, _wid = hostile
    folder = tmp_path / "csv"
    run_export(doc, ExportRequest(csv_dir=folder))
    raw = (folder / "notas.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    col = rows[0].index("Nota")
    assert [unguard(r[col]) for r in rows[1:]] == HOSTILE
    assert "'=SUMA(A1:A2)" in [r[col] for r in rows[1:]]  # guarded against formula injection


def test_docx_holds_every_note(hostile, tmp_path):
    doc, _wid = hostile
    path = tmp_path / "h.docx"
    write_docx(load_report(doc), path)
    document = Document(path)
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for table in document.tables for row in table.rows for cell in row.cells
              for p in cell.paragraphs]
    joined = "\n".join(texts)
    for note in HOSTILE:
        expected = one_line_breaks(note).replace("\t", "\t")
        assert expected in joined, note
    assert [h.text for h in document.paragraphs if h.style.name == "Title"] == ["Proceso de prueba"]


def test_docx_mirrors_the_report_sections(rich, tmp_path):
    doc, _ids = rich
    path = tmp_path / "r.docx"
    write_docx(load_report(doc, lang="en"), path)
    headings = [p.text for p in Document(path).paragraphs if p.style.name.startswith("Heading")]
    for expected in ("Objectives and method", "Participation in numbers", "Results of the workshop", "Annexes",
                     "Full list of notes"):
        assert expected in headings


@pytest.mark.parametrize("name, expected", [("Matriz: FODA [1]/2", "Matriz FODA 1 2"), ("x" * 40, "x" * 31),
                                                 ("T4 Matriz de planificación por eje estratégico", "T4 Matriz de planificación")])
def test_sheet_titles_are_valid(name, expected):
    assert sheet_title(name, set()) == expected
    taken = {expected.casefold()}
    assert sheet_title(name, taken) != expected


def test_xlsx_sheets_state_their_size_for_streaming_readers(rich, tmp_path):
    """The workbook is streamed (write-only); each sheet still says how many rows it has."""
    doc, _ids = rich
    path = tmp_path / "r.xlsx"
    write_xlsx(load_report(doc), path)
    full = load_workbook(path)
    quick = load_workbook(path, read_only=True)
    for ws in full.worksheets:
        assert (quick[ws.title].max_row, quick[ws.title].max_column) == (ws.max_row, ws.max_column)
