"""The plan as Decidim's accountability component imports it (*Exportar para Decidim*).

Decidim's results importer (``Decidim::Accountability::ResultsCsvImporter``)
reads a CSV separated by ``Decidim.default_csv_col_sep`` (``;`` unless the
instance changed it), with the headers ``id``, ``title/<locale>``,
``description/<locale>``, ``start_date``, ``end_date``, ``status/id``,
``progress`` and ``parent/id``. It parses the dates with ``Date.parse``, needs a
title and a description in the organisation's default locale, links a child to
its parent through the file's own ``id`` column (so the ids are numbers local to
this file, parents before their children), and does not strip a byte-order
mark, so the file is written without one.

What goes in:

* each strategic axis of a planning matrix is a parent result; its initiatives
  are its children, described by their goal, responsible unit, period and the
  rest of the method's columns;
* monitoring rows carried over from an initiative give it its dates, progress
  and status; monitoring rows that came from elsewhere (a commitment, typed in
  the review) are the children of one parent per monitoring matrix;
* titles and descriptions are in Spanish, and in English where an English text
  exists (the axes of the built-in scripts; what users typed stays as typed, in
  Spanish only);
* the report's privacy rule applies (``Privacy.speaker`` for the unit), so the
  file names nobody the report may not name.

``status/id`` holds the id of a status *of the target component*: Decidim
creates none by itself and its ids differ per installation, so it stays empty
unless the caller maps the monitoring statuses to the ids the admin created.
Progress follows ``PROGRESS`` and Decidim shows it as the bar.
"""

from __future__ import annotations

import calendar
import csv
import html
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

from facilitator.domain.tags import fold
from facilitator.domain.templates import builtin_template
from facilitator.i18n import N_, Translator
from facilitator.monitoring import BY_FIELD, STATUS_LABELS
from facilitator.record import parse_due

from .atomic import write_bytes
from .labels import INITIATIVE_DETAILS, PLANNING_COLUMNS
from .methods import Initiative, MonitoringRow
from .model import Canvas, Report, Workshop

LOCALES = ("es", "en")
HEADERS = ["id", *(f"title/{lang}" for lang in LOCALES), *(f"description/{lang}" for lang in LOCALES),
           "start_date", "end_date", "status/id", "progress", "parent/id"]
SEPARATOR = ";"

MONITORING_STATUS = N_("Estado en el seguimiento")
AXIS_DESCRIPTION = N_("Eje estratégico de «{plan}». Iniciativas: {n}.")
OTHER_ROWS = N_("Filas de «{matrix}» que no vienen de una iniciativa del plan.")
UNNAMED = N_("Iniciativa sin nombre")

# Progress (percent) shown for each monitoring status: the review records a status, not a percentage.
PROGRESS = {"not_started": 0, "on_track": 50, "late": 50, "done": 100}


@dataclass
class Result:
    """One row of the file."""

    id: int
    title: dict[str, str]
    description: dict[str, str]
    start: date | None = None
    end: date | None = None
    status: str = ""  # the monitoring status key ('' when not monitored)
    progress: float | None = None
    parent: int | None = None
    children: list[Result] = field(default_factory=list)


# -- periods typed in words -----------------------------------------------------------------
_MONTHS = {name: i for i, names in enumerate((
    ("enero", "ene", "january", "jan"), ("febrero", "feb", "february"), ("marzo", "mar", "march"),
    ("abril", "abr", "april", "apr"), ("mayo", "may"), ("junio", "jun", "june"), ("julio", "jul", "july"),
    ("agosto", "ago", "august", "aug"), ("septiembre", "setiembre", "sep", "sept", "september"),
    ("octubre", "oct", "october"), ("noviembre", "nov", "november"), ("diciembre", "dic", "december", "dec")),
    start=1) for name in names}
_HALVES = {"primer": 1, "1er": 1, "first": 1, "segundo": 2, "2do": 2, "2o": 2, "second": 2}
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")


def parse_period(text: str) -> tuple[date | None, date | None]:
    """First and last day of a period as planners write it ("Marzo – junio 2027", "2027 – 2028",
    "Segundo semestre 2027", "2027-03-01 – 2027-06-30"); (None, None) when it names no year."""
    text = text or ""
    dates = [d for d in (parse_due(m.group().replace(".", "/")) for m in _DATE.finditer(text)) if d]
    if dates:
        return dates[0], dates[-1] if len(dates) > 1 else None
    words = re.findall(r"[a-z]+|\d+", fold(text))
    points: list[list[int | None]] = []  # [year, first month, last month]
    pending: list[list[int | None]] = []  # months still waiting for their year
    half = 0
    for i, word in enumerate(words):
        if word in _HALVES and i + 1 < len(words) and words[i + 1] in ("semestre", "half"):
            half = _HALVES[word]
        elif word in _MONTHS:
            month = _MONTHS[word]
            point: list[int | None] = [None, month, month]
            points.append(point)
            pending.append(point)
        elif len(word) == 4 and word.isdigit() and 1900 < int(word) < 2200:
            year = int(word)
            if pending:
                for point in pending:
                    point[0] = year
                pending = []
            else:
                first, last = ((1, 6) if half == 1 else (7, 12)) if half else (1, 12)
                points.append([year, first, last])
                half = 0
    points = [p for p in points if p[0] is not None]
    if not points:
        return None, None
    start_year, start_month, _last = points[0]
    end_year, _first, end_month = points[-1]
    start = date(start_year, start_month, 1)  # type: ignore[arg-type]
    end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])  # type: ignore[arg-type]
    return (start, end) if start <= end else (start, None)


# -- building the results -------------------------------------------------------------------
def _p(label: str, value: str) -> str:
    return f"<p><strong>{html.escape(label)}:</strong> {html.escape(value.strip())}</p>"


def _initiative_description(i: Initiative, row: MonitoringRow | None, t: Translator) -> str:
    """The method's columns (goal, unit, period first) and the monitoring's word on it, as Decidim's rich text."""
    titles = dict(PLANNING_COLUMNS)
    parts = [_p(t(titles[f]), getattr(i, f)) for f in ("goal", "unit", "period", "strategy", "funding", "alliances",
                                                       "plan_ref") if getattr(i, f).strip()]
    for key in ("description", "objective", "indicators"):
        value = getattr(i, key)
        if value.strip():
            parts.append(_p(t(INITIATIVE_DETAILS[key]).rstrip("?:¿").lstrip("¿"), value))
    if row is not None:
        parts += _monitoring_parts(row, t)
    return "".join(parts) or f"<p>{html.escape(i.name)}</p>"


def _fields(row: MonitoringRow, names: Iterable[str], t: Translator) -> list[str]:
    return [_p(t(BY_FIELD[f].title), getattr(row, f)) for f in names if getattr(row, f).strip()]


def _monitoring_parts(row: MonitoringRow, t: Translator) -> list[str]:
    status = t(STATUS_LABELS[row.effective])
    if row.late_because:
        status += f" ({row.late_because})"
    return [_p(t(MONITORING_STATUS), status)] + _fields(
        row, ("current_state", "achievements", "challenges", "adjustments", "last_review"), t)


def _row_description(row: MonitoringRow, t: Translator) -> str:
    return "".join(_fields(row, ("objective", "responsible", "indicator", "target"), t) + _monitoring_parts(row, t))


def _dates(row: MonitoringRow | None, period: str) -> tuple[date | None, date | None]:
    start, end = parse_period(period)
    if row is not None:
        start = parse_due(row.start_date) or start
        end = parse_due(row.end_date) or end
    if start and end and end < start:
        end = None
    return start, end


def _monitored(report: Report) -> tuple[dict[str, MonitoringRow], list[tuple[Workshop, Canvas, list[MonitoringRow]]]]:
    """Monitoring rows by the initiative they follow, and the rest per monitoring canvas."""
    planned = {i.id for w in report.workshops for c in w.canvases for i in c.initiatives}
    by_initiative: dict[str, MonitoringRow] = {}
    loose = []
    for w in report.workshops:
        for c in w.canvases:
            rest = []
            for row in c.monitoring:
                if row.initiative_id in planned and row.initiative_id not in by_initiative:
                    by_initiative[row.initiative_id] = row
                else:
                    rest.append(row)
            if rest:
                loose.append((w, c, rest))
    return by_initiative, loose


def _parent_dates(parent: Result) -> None:
    starts = [c.start for c in parent.children if c.start]
    ends = [c.end for c in parent.children if c.end]
    parent.start = min(starts) if starts else None
    parent.end = max(ends) if ends else None
    if parent.start and parent.end and parent.end < parent.start:
        parent.end = None
    known = [c.progress for c in parent.children if c.progress is not None]
    parent.progress = round(sum(known) / len(known), 1) if known else None


def _axis_titles(w: Workshop, canvas: Canvas) -> dict[str, dict[str, str]]:
    """Each axis's title in both languages where the workshop's script gives both and the axis was not renamed.

    The file stores an axis label in the language the workshop was created in; the
    built-in script it came from holds the Spanish and the English.
    """
    try:
        spec = builtin_template(w.template_id).canvas(canvas.key)
    except (KeyError, StopIteration):
        spec = None
    scripted = {z.key: z.label for z in spec.zones if isinstance(z.label, dict)} if spec else {}
    out = {}
    for zone in canvas.zones:
        stored = zone.label.strip()
        both = scripted.get(zone.key) or {}
        if stored and stored in both.values():
            out[zone.key] = {lang: both.get(lang, "") for lang in LOCALES}
        else:
            out[zone.key] = {"es": stored or zone.key, "en": ""}
    return out


def results(report: Report) -> list[Result]:
    """Parents (axes, then the other monitored rows per matrix) each followed by their children, numbered from 1."""
    es, en = Translator("es"), Translator("en")
    monitored, loose = _monitored(report)
    several = sum(1 for w in report.workshops for c in w.canvases if c.initiatives) > 1
    parents: list[Result] = []
    for w in report.workshops:
        for canvas in w.canvases:
            if canvas.kind != "planning_matrix" or not canvas.initiatives:
                continue
            titles = _axis_titles(w, canvas)
            for key, _label, items in canvas.axes():
                if not items:
                    continue
                title = titles.get(key) or {"es": es("Sin eje"), "en": en("Sin eje")}
                where = canvas.title or w.title
                parent = Result(0, title, {
                    lang: "<p>" + html.escape(tr(AXIS_DESCRIPTION, plan=where,
                                                 n=len(items))) + "</p>"
                    for lang, tr in (("es", es), ("en", en)) if title[lang]})
                if several:
                    parent.title = {lang: f"{text} ({where})" for lang, text in parent.title.items() if text}
                for i in items:
                    row = monitored.get(i.id)
                    start, end = _dates(row, i.period)
                    parent.children.append(Result(
                        0, {"es": i.name or es(UNNAMED)}, {"es": _initiative_description(i, row, es)},
                        start, end, row.effective if row else "", PROGRESS[row.effective] if row else None))
                parents.append(parent)
    for w, canvas, rows in loose:
        name = canvas.title or w.title
        parent = Result(0, {"es": name}, {
            "es": "<p>" + html.escape(es(OTHER_ROWS, matrix=name)) + "</p>"})
        for row in rows:
            start, end = _dates(row, "")
            parent.children.append(Result(0, {"es": row.name or es(UNNAMED)},
                                          {"es": _row_description(row, es)}, start, end, row.effective,
                                          PROGRESS[row.effective]))
        parents.append(parent)
    out: list[Result] = []
    for parent in parents:
        _parent_dates(parent)
        parent.id = len(out) + 1
        out.append(parent)
        for child in parent.children:
            child.id, child.parent = len(out) + 1, parent.id
            out.append(child)
    return out


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def decidim_csv(report: Report, statuses: Mapping[str, int] | None = None) -> bytes:
    """The file's bytes: UTF-8 without a byte-order mark, ``;``-separated, one line per result."""
    statuses = statuses or {}
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=SEPARATOR, lineterminator="\n")
    writer.writerow(HEADERS)
    for r in results(report):
        writer.writerow([r.id, *(r.title.get(lang, "") for lang in LOCALES),
                         *(r.description.get(lang, "") if r.title.get(lang) else "" for lang in LOCALES),
                         r.start.isoformat() if r.start else "", r.end.isoformat() if r.end else "",
                         statuses.get(r.status, "") if r.status else "", _number(r.progress), r.parent or ""])
    return buf.getvalue().encode("utf-8")


def parse_statuses(text: str, t: Translator) -> dict[str, int]:
    """``not_started=1,on_track=2,late=3,done=4`` (keys or status words in either language) → ids."""
    words = {fold(k): k for k in STATUS_LABELS} | {fold(t(v)): k for k, v in STATUS_LABELS.items()} \
        | {fold(Translator("es")(v)): k for k, v in STATUS_LABELS.items()} \
        | {fold(Translator("en")(v)): k for k, v in STATUS_LABELS.items()}
    out: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        name, sep, number = part.partition("=")
        key = words.get(fold(name.strip()).replace("_", " ")) or words.get(fold(name.strip()))
        if not sep or key is None or not number.strip().isdigit():
            raise ValueError(t("«{part}» no es «estado=id» (estados: {names}).", part=part,
                               names=", ".join(STATUS_LABELS)))
        out[key] = int(number)
    return out


def write_decidim(report: Report, target: str | os.PathLike[str], statuses: Mapping[str, int] | None = None) -> None:
    write_bytes(target, decidim_csv(report, statuses))


def count_results(data: bytes) -> int:
    return max(0, len(list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=SEPARATOR))) - 1)


def rows_of(data: bytes) -> Iterable[dict[str, str]]:
    """The file read back as Decidim's importer reads it (for tests and the self-test)."""
    return csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter=SEPARATOR)
