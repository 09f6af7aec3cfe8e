"""*Datos abiertos*: the process's public tables as CSV in one ZIP, with a data dictionary.

The tables are the report's own (``exports.tables.report_sheets``: notes, each
canvas, agenda, minutes, commitments, participation counts), read anonymously:
open data names nobody, so an export with names is refused. Beside them:

* ``diccionario.csv``: one line per column of every file, with its type (read
  off the values: integer, number, date or text), how many rows fill it, an
  example and what it holds;
* ``datapackage.json``: the same as a Frictionless Data Package, which open-data
  portals (CKAN, datos.gob.*) and tools read without configuration;
* ``LEEME.txt``: what the package is, when it was made and the privacy rule.

The CSV files are UTF-8 with a BOM and ``,``-separated like the app's other CSV
export (``exports.csvout``), so a double-click opens them right in Excel.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile

from facilitator.domain.tags import fold
from facilitator.i18n import N_, Nn_, Translator

from .atomic import ExportProblem, write_bytes
from .csvout import csv_bytes, file_name
from .labels import INITIATIVE_DETAILS, PLANNING_COLUMNS, SMART
from .model import Report
from .tables import Sheet, report_sheets

DICTIONARY = "diccionario.csv"
PACKAGE = "datapackage.json"
README = "LEEME.txt"

# What each column holds, by its (Spanish) header; the same header means the same thing in every table.
COLUMN_NOTES: dict[str, str] = {
    "Taller": N_("Título del taller del proceso."),
    "Lienzo": N_("Lienzo del taller donde se escribió la nota (tablero, FODA, árbol, matriz)."),
    "Zona": N_("Zona del lienzo: la mitad o columna del papelógrafo donde se pegó la nota."),
    "Cuadrante": N_("Cuadrante de la matriz FODA (fortalezas, oportunidades, debilidades, amenazas) o estrategia cruzada."),
    "Parte del árbol": N_("Parte del árbol: problema central, causa o efecto."),
    "Factor": N_("Factor FODA: interno (fortalezas, debilidades) o externo (oportunidades, amenazas)."),
    "Grupo": N_("Grupo de trabajo que produjo la fila."),
    "Bloque": N_("Bloque de la agenda del taller."),
    "Nota": N_("Texto de la nota adhesiva, como se escribió (los nombres de quienes no consintieron se reemplazan por su sector)."),
    "Tema": N_("Tema con que el equipo agrupó la nota al sistematizar."),
    "Votos": N_("Votos (puntos) que recibió la nota."),
    "Etiquetas": N_("Dimensiones de política y horizonte con que se etiquetó la nota."),
    "Autoría": N_("Sector o grupo de quien escribió la nota (nunca un nombre en los datos abiertos)."),
    "Origen": N_("Nota de la que se trajo la fila, con su taller, lienzo y zona."),
    "Nodo": N_("Texto de la idea en el árbol."),
    "Tipo": N_("Tipo de la fila (parte del árbol, tipo de entrada de la relatoría)."),
    "Nivel": N_("Distancia al problema central: 1 una causa o efecto directo, 2 el siguiente…"),
    "Marcas": N_("Marcas de priorización: causa crítica o manejable, efecto grave o urgente."),
    "Impacto": N_("Impacto de la idea, de 1 a 5."),
    "Factibilidad": N_("Factibilidad de la idea, de 1 a 5."),
    "Puntaje": N_("Impacto por factibilidad (1 a 25): la prioridad."),
    "Conduce a": N_("Ideas a las que lleva la flecha que sale de esta."),
    "#": N_("Orden del bloque en la agenda."),
    "Modalidad": N_("Modalidad de trabajo del bloque: individual, grupal o plenaria."),
    "Previsto (min)": N_("Minutos previstos para el bloque."),
    "Realizado (min)": N_("Minutos que duró el bloque al ejecutarlo."),
    "Estado": N_("Estado: del bloque al ejecutar el taller, o de la iniciativa o el compromiso."),
    "Estado registrado": N_("Estado que registró el equipo (el estado efectivo pasa a atrasada si venció la fecha)."),
    "Quién": N_("Rol, sector o grupo de quien habló (no un nombre)."),
    "Texto": N_("Lo que se dijo, como se anotó en la relatoría."),
    "Hora": N_("Hora en que se anotó la entrada."),
    "Compromiso": N_("Qué se comprometió."),
    "Responsable": N_("Unidad, rol u organización responsable."),
    "Fecha límite": N_("Plazo del compromiso."),
    "Indicador": N_("Cómo se mide el avance."),
    "Meta": N_("Valor o resultado que se espera alcanzar."),
    "Desglose": N_("Variable del recuento: sector, género, territorio u organización."),
    "Valor": N_("Valor de la variable."),
    "Personas": N_("Personas con ese valor (solo recuentos, nunca nombres)."),
    "Nombre": N_("Nombre de la iniciativa o compromiso en seguimiento."),
    "Objetivo": N_("Objetivo de la iniciativa."),
    "Fecha de inicio": N_("Fecha de inicio (AAAA-MM-DD)."),
    "Fecha estimada de término": N_("Fecha estimada de término (AAAA-MM-DD)."),
    "Estado actual": N_("Descripción del avance a la fecha de la revisión."),
    "Fecha última revisión": N_("Fecha de la última revisión (AAAA-MM-DD)."),
    "¿Está en curso según lo planificado?": N_("Evaluación rápida: Sí o No."),
    "Principales logros": N_("Evaluación rápida: lo logrado."),
    "Desafíos destacados": N_("Evaluación rápida: las dificultades."),
    "¿Se necesitan ajustes?": N_("Evaluación rápida: Sí o No."),
    "Ajustes sugeridos": N_("Evaluación rápida: qué cambiar."),
    "Responsable de los ajustes": N_("Quién hace los ajustes."),
    "Plazos": N_("Plazo de los ajustes."),
}
_PLANNING = N_("Columna «{column}» de la matriz de planificación del método.")
_SMART = N_("Criterio SMART del objetivo: Sí si lo cumple.")
_TABLE = Nn_("Tabla «{name}» del proceso «{process}»: {n} fila.", "Tabla «{name}» del proceso «{process}»: {n} filas.")


def _kind(values: list[object]) -> str:
    """The Table Schema type the values fit: integer, number, date or string (empty cells ignored)."""
    filled = [v for v in values if v not in ("", None)]
    if not filled:
        return "string"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in filled):
        return "integer"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in filled):
        return "number"
    if all(isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in filled):
        return "date"
    return "string"


def _descriptions(t: Translator) -> dict[str, str]:
    """Header (in the report's language) → what it holds."""
    out = {t(header): t(note) for header, note in COLUMN_NOTES.items()}
    for _field, header in PLANNING_COLUMNS:
        out.setdefault(t(header), t(_PLANNING, column=t(header)))
    for header in INITIATIVE_DETAILS.values():
        out.setdefault(t(header), t(_PLANNING, column=t(header)))
    for header in SMART.values():
        out[t(header)] = t(_SMART)
    return out


def _example(values: list[object]) -> str:
    text = next((str(v) for v in values if v not in ("", None)), "")
    return text if len(text) <= 80 else text[:79] + "…"


def build(report: Report) -> dict[str, bytes]:
    """The package's files by name."""
    t = report.t
    if not report.anonymous:
        raise ExportProblem(t("Los datos abiertos se exportan solo en modo anónimo: no nombran a nadie."))
    notes = _descriptions(t)
    files: dict[str, bytes] = {}
    taken: set[str] = {DICTIONARY[:-4]}
    dictionary: list[list[object]] = []
    resources = []
    sheets: list[Sheet] = report_sheets(report)
    for sheet in sheets:
        name = file_name(sheet.name, taken)
        files[name] = csv_bytes(sheet.headers, sheet.rows)
        fields = []
        for col, header in enumerate(sheet.headers):
            values = [row[col] if col < len(row) else "" for row in sheet.rows]
            kind = _kind(values)
            about = notes.get(header, "")
            filled = sum(1 for v in values if v not in ("", None))
            dictionary.append([name, header, kind, filled, _example(values), about])
            fields.append({"name": header, "type": kind, "description": about})
        resources.append({
            "name": name[:-4], "path": name, "title": sheet.name, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "description": t.ngettext(*_TABLE, len(sheet.rows), name=sheet.name, process=report.title),
            "schema": {"fields": fields}})
    files[DICTIONARY] = csv_bytes([t("Archivo"), t("Columna"), t("Tipo"), t("Filas con dato"), t("Ejemplo"),
                                   t("Descripción")], dictionary)
    package = {
        "name": re.sub(r"[^a-z0-9]+", "-", fold(report.title)).strip("-") or "proceso",
        "title": report.title, "description": report.description,
        "created": report.generated_at.isoformat(timespec="seconds"), "language": report.lang,
        "resources": resources,
    }
    files[PACKAGE] = json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")
    files[README] = _readme(report, sheets, [r["path"] for r in resources]).encode("utf-8")
    return files


def _readme(report: Report, sheets: list[Sheet], paths: list[str]) -> str:
    t = report.t
    lines = [report.title, "=" * len(report.title), ""]
    if report.description:
        lines += [report.description, ""]
    lines += [t("Datos abiertos del proceso, exportados por Papelógrafo el {day}.",
                day=report.generated_at.date().isoformat()), "",
              t("Privacidad: los datos son anónimos. Nadie es nombrado: cada persona aparece solo como su sector "
                "o su grupo, y los recuentos de participación no llevan nombres."), "",
              t("Archivos (CSV en UTF-8, separados por comas):")]
    lines += [f"- {path}: {sheet.name} ({len(sheet.rows)})" for path, sheet in zip(paths, sheets)]
    lines += [f"- {DICTIONARY}: " + t("diccionario de datos: cada columna de cada archivo, su tipo y qué contiene"),
              f"- {PACKAGE}: " + t("el mismo diccionario como Data Package (frictionlessdata.io)"), ""]
    return "\n".join(lines)


def open_data_zip(report: Report) -> bytes:
    buf = io.BytesIO()
    stamp = report.generated_at.timetuple()[:6]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in build(report).items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def write_open_data(report: Report, target: str | os.PathLike[str]) -> None:
    write_bytes(target, open_data_zip(report))


def read_dictionary(data: bytes) -> list[dict[str, str]]:
    """``diccionario.csv`` of a package read back (tests, self-test)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = z.read(DICTIONARY).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))
