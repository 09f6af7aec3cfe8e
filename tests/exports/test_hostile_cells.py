"""Cells that break spreadsheets and XML: formulas behind TAB/CR, and U+FFFE/U+FFFF."""

from __future__ import annotations

import csv
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from exports.csvout import guard, unguard
from exports.jobs import ExportRequest, run_export
from facilitator.commands import UpdateRow

INJECTIONS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd|' /C calc'!A0", "\r=1+1", "\t", "\rx"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_every_owasp_formula_start_is_neutralised(text):
    assert guard(text) == "'" + text
    assert unguard(guard(text)) == text


def test_csv_export_guards_tab_and_cr(hostile, tmp_path):
    doc, _wid = hostile
    notes = doc.store.query("SELECT id FROM note ORDER BY position")
    for row, text in zip(notes, ["\t=HYPERLINK(\"http://x\")", "\r=1+1"]):
        doc.execute(UpdateRow("note", row["id"], {"text": text}, "x"))
    run_export(doc, ExportRequest(csv_dir=tmp_path / "csv"))
    raw = (tmp_path / "csv" / "notas.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    col = rows[0].index("Nota")
    cells = [r[col] for r in rows[1:]]
    assert "'\t=HYPERLINK(\"http://x\")" in cells and "'\r=1+1" in cells


def test_noncharacters_do_not_break_xlsx_or_docx(hostile, tmp_path):
    doc, wid = hostile
    doc.execute(UpdateRow("process", doc.process["id"], {"title": "Título\ufffe\uffff"}, "x"))
    doc.execute(UpdateRow("workshop", wid, {"title": "Taller \ufffe"}, "x"))
    note = doc.store.query("SELECT id FROM note ORDER BY position LIMIT 1")[0]
    doc.execute(UpdateRow("note", note["id"], {"text": "a\ufffeb\uffffc"}, "x"))
    run_export(doc, ExportRequest(xlsx=tmp_path / "r.xlsx", docx=tmp_path / "r.docx"))
    wb = load_workbook(tmp_path / "r.xlsx")
    values = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "a\ufffdb\ufffdc" in values
    texts = [p.text for p in Document(tmp_path / "r.docx").paragraphs]
    assert any("Título\ufffd\ufffd" in t for t in texts)
