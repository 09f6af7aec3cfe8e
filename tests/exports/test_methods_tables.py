"""The method canvases in the model, the spreadsheets, the CSV files and the editable document.

Each matrix is re-read from disk with the method's exact column headers and every cell as typed.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from docx import Document
from openpyxl import load_workbook

from exports.csvout import unguard
from exports.jobs import ExportRequest, run_export
from exports.model import load_report

from export_samples import FODA_NOTES, HIDDEN_NAME, INITIATIVES, MONITORING, build_methods

TODAY = datetime(2026, 10, 1, tzinfo=timezone.utc)
PLANNING = ["Eje estratégico", "Estrategia", "Acciones", "Meta o producto", "Financiamiento", "Unidad responsable",
            "Alianzas", "PMG o PLADECO", "Periodo de ejecución"]
MONITORING_HEADS = ["Nombre", "Objetivo", "Responsable", "Fecha de inicio", "Fecha estimada de término", "Indicador",
                    "Meta", "Estado actual", "Fecha última revisión", "Estado", "Estado registrado",
                    "¿Está en curso según lo planificado?", "Principales logros", "Desafíos destacados",
                    "¿Se necesitan ajustes?", "Ajustes sugeridos", "Responsable de los ajustes", "Plazos"]
TREE_HEADS = ["Nodo", "Tipo", "Nivel", "Marcas", "Impacto", "Factibilidad", "Puntaje", "Conduce a", "Grupo"]


def lines(text) -> str:
    if isinstance(text, datetime):  # the XLSX stores dates as dates (issue 15): compare the day typed
        return text.date().isoformat()
    return "" if text is None else str(text).replace("\r\n", "\n").replace("\r", "\n")


def canvas(report, kind: str, variant: str = ""):
    return next(c for w in report.workshops for c in w.canvases if c.kind == kind and c.variant == variant)


# -- the model ---------------------------------------------------------------------------
def test_model_reads_the_method_rows(methods):
    doc, _ids = methods
    report = load_report(doc, now=TODAY, anonymous=False)
    planning = canvas(report, "planning_matrix")
    axes = [(label, [i.name for i in items]) for _key, label, items in planning.axes()]
    assert axes[0] == ("Gestión municipal y coordinación institucional",
                       ["Mesa comunal de migración", "Registro único de atenciones <nombre>"])
    assert axes[-1] == ("Sin eje", ["Iniciativa sin eje"])  # its axis is not one of the canvas's
    first = planning.initiatives[0]
    assert first.smart == ("specific", "measurable", "achievable", "relevant", "timebound")
    assert first.needs_funding is False and planning.initiatives[2].needs_funding is None
    assert first.origin.text == "Falta de políticas inclusivas" and first.origin.zone == "Causas"
    monitoring = canvas(report, "monitoring_matrix")
    assert [(r.status, r.effective) for r in monitoring.monitoring] == [
        ("on_track", "on_track"), ("on_track", "late"), ("not_started", "late"), ("done", "done")]
    assert monitoring.monitoring[0].on_track is True and monitoring.monitoring[1].on_track is None
    tree = canvas(report, "problem_tree")
    assert tree.kind_label == "Árbol de problemas"
    assert canvas(report, "problem_tree", "objectives").kind_label == "Árbol de objetivos"
    marked = {n.text: (n.mark_labels, n.score) for n in tree.notes}
    assert marked["Falta de políticas inclusivas"] == (("Crítica",), 10)
    assert sorted(set(tree.levels.values())) == [-2, -1, 0, 1, 2]
    foda = canvas(report, "foda")
    assert foda.zone_label("fo") == "Estrategias FO"  # cross strategies are named though the canvas lacks them
    carried = next(n for n in foda.notes if n.origin)
    assert carried.origin.workshop == "Diagnóstico" and carried.origin.group == "Grupo 2"


def test_monitoring_is_late_only_while_not_done(methods):
    doc, ids = methods
    from facilitator.commands import UpdateRow

    report = load_report(doc, now=datetime(2030, 1, 1, tzinfo=timezone.utc))
    rows = canvas(report, "monitoring_matrix").monitoring
    assert [r.effective for r in rows] == ["late", "late", "late", "done"]  # every end date has passed
    late = rows[1]
    doc.execute(UpdateRow("monitoring_row", late.id, {"status": "done"}))
    report = load_report(doc, now=datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert canvas(report, "monitoring_matrix").monitoring[1].effective == "done"


# -- spreadsheets ------------------------------------------------------------------------
def _export(doc, tmp_path, **options):
    out = tmp_path / "out"
    out.mkdir()
    options.setdefault("min_group", 1)  # sectors of one person shown, to check each cell (k: test_min_group.py)
    req = ExportRequest(xlsx=out / "r.xlsx", csv_dir=out / "csv", docx=out / "r.docx", **options)
    run_export(doc, req)
    return req


def _sheet(wb, start: str):
    return next(ws for ws in wb.worksheets if start in ws.title)


def test_xlsx_has_the_matrices_with_the_methods_headers_and_every_cell(methods, tmp_path):
    doc, _ids = methods
    req = _export(doc, tmp_path, anonymous=False)
    wb = load_workbook(req.xlsx)
    planning = _sheet(wb, "Matriz de planificación")
    rows = list(planning.iter_rows(values_only=True))
    assert list(rows[0][:9]) == PLANNING
    assert rows[0][9:12] == ("¿En qué consiste?", "¿Requiere financiamiento adicional?", "Objetivo SMART")
    by_name = {r[2]: r for r in rows[1:]}
    for axis, strategy, name, goal, funding, unit, alliances, plan_ref, period, *_rest in INITIATIVES:
        unit = "Servicios públicos" if unit == HIDDEN_NAME else unit  # no consent: their sector, names on or off
        typed = [strategy, name, goal, funding, unit, alliances, plan_ref, period]
        assert [lines(x) for x in by_name[name][1:9]] == [lines(x) for x in typed]
    assert by_name["Mesa comunal de migración"][12:17] == ("Sí",) * 5  # the SMART checks
    assert by_name["Iniciativa sin eje"][0] == "Sin eje"

    monitoring = _sheet(wb, "Planilla de seguimiento")
    rows = list(monitoring.iter_rows(values_only=True))
    assert list(rows[0]) == MONITORING_HEADS
    for typed, row in zip(MONITORING, rows[1:]):
        typed = ["Servicios públicos" if x == HIDDEN_NAME else x for x in typed]
        assert [lines(x) for x in row[:9]] == [lines(x) for x in typed[:9]]
        assert lines(row[12]) == lines(typed[10]) and lines(row[13]) == lines(typed[11])
    assert [r[9] for r in rows[1:]] == ["En curso", "Atrasada", "Atrasada", "Cumplida"]
    assert [r[10] for r in rows[1:]] == ["En curso", "En curso", "Sin iniciar", "Cumplida"]
    assert [r[11] for r in rows[1:]] == ["Sí", None, "No", "Sí"]

    tree = _sheet(wb, "Árbol de problemas")
    rows = list(tree.iter_rows(values_only=True))
    assert list(rows[0]) == TREE_HEADS
    found = {r[0]: r for r in rows[1:]}
    assert found["Desconocimiento de la normativa migratoria en las empresas <b>"][1:7] == (
        "Causas", 2, "Crítica", 3, 3, 9)
    assert found["Falta de políticas inclusivas"][7] == "Dificultades para la integración laboral de migrantes"
    assert _sheet(wb, "Árbol de objetivos")

    foda = _sheet(wb, "Matriz FODA")
    rows = list(foda.iter_rows(values_only=True))
    assert rows[0][:4] == ("Cuadrante", "Factor", "Nota", "Grupo") and rows[0][-1] == "Origen"
    assert sorted(lines(r[2]) for r in rows[1:]) == sorted(lines(t) for ts in FODA_NOTES.values() for t in ts)
    assert {r[1] for r in rows[1:]} == {"Interno", "Externo", "Estrategia cruzada"}
    assert any(r[-1] and "Diagnóstico" in r[-1] for r in rows[1:])
    for ws in (planning, monitoring, tree, foda):
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        assert all(6 <= d.width <= 62 for d in ws.column_dimensions.values())


def test_xlsx_headers_follow_the_report_language(methods, tmp_path):
    doc, _ids = methods
    wb = load_workbook(_export(doc, tmp_path, lang="en").xlsx)
    planning = next(ws for ws in wb.worksheets if ws.cell(1, 2).value == "Strategy")
    assert planning.cell(1, 1).value == "Strategic axis"
    monitoring = next(ws for ws in wb.worksheets if ws.cell(1, 1).value == "Name")
    assert "Quick evaluation" not in [c.value for c in monitoring[1]]  # headers are the columns themselves
    assert monitoring.cell(1, 10).value == "Status"


def test_csv_has_one_file_per_matrix_with_bom(methods, tmp_path):
    doc, _ids = methods
    req = _export(doc, tmp_path)
    names = sorted(p.name for p in req.csv_dir.glob("*.csv"))
    planning = next(n for n in names if "planificacion" in n)
    assert any("seguimiento" in n for n in names) and any("arbol-de-objetivos" in n for n in names)
    assert all(n.isascii() and " " not in n for n in names)
    raw = (req.csv_dir / planning).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:9] == PLANNING
    names_col = [unguard(r[2]) for r in rows[1:]]
    assert names_col == [i[2] for i in INITIATIVES[:2]] + [INITIATIVES[2][2], INITIATIVES[3][2], INITIATIVES[4][2]]
    description = next(r[9] for r in rows[1:] if r[2] == INITIATIVES[2][2])
    assert description == INITIATIVES[2][9]


def test_docx_has_the_matrices_as_tables_and_trees_as_lists(methods, tmp_path):
    doc, _ids = methods
    document = Document(_export(doc, tmp_path).docx)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    planning = next(t for t in tables if t[0] == PLANNING)
    assert [r[2] for r in planning[1:]] == [i[2] for i in INITIATIVES]
    monitoring = next(t for t in tables if t[0][:3] == ["Nombre", "Objetivo", "Responsable"])
    assert [lines(r[0]) for r in monitoring[1:]] == [m[0] for m in MONITORING]
    assert any(t[0][1] == "Positivos" for t in tables) and any(t[0][1] == "Oportunidades" for t in tables)
    outline = [(p.text, p.paragraph_format.left_indent) for p in document.paragraphs if p.style.name == "List Bullet"]
    root = next(indent for text, indent in outline if text.startswith("Desconocimiento de la normativa"))
    cause = next(indent for text, indent in outline if text.startswith("Discriminación en procesos"))
    assert root > cause  # an underlying cause sits under the cause it feeds
    orientations = {s.orientation for s in document.sections}
    assert len(orientations) == 2  # wide matrices on landscape pages, the rest portrait
    every = "\n".join([p.text for p in document.paragraphs] + [c for t in tables for r in t for c in r])
    for text in [t for ts in FODA_NOTES.values() for t in ts] + [m[0] for m in MONITORING]:
        assert lines(text) in every, text


def test_big_planning_matrix_round_trips(doc, tmp_path):
    build_methods(doc, big=120)
    wb = load_workbook(_export(doc, tmp_path).xlsx)
    planning = _sheet(wb, "Matriz de planificación")
    names = [r[2] for r in planning.iter_rows(min_row=2, values_only=True)]
    assert len(names) == len(INITIATIVES) + 120
    assert planning.auto_filter.ref == f"A1:T{len(names) + 1}"
