"""The Word report built around the synthesis.

``build_synthesis_docx(report, sections)`` writes the same sections as the PDF
(``exports.sections``), in Word's own headings, lists and tables, with the
charts as pictures (``exports.charts.to_png``: the PDF's very drawings), using
the linear writers of ``exports.docx``; ``exports.docx_page.finish`` then sets
A4, the language, page numbers and column widths, as for the record.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import os

from docx.shared import Pt

from .atomic import atomic_path
from .charts import bars, priority_grid, stacked_votes
from .docx import _annexes_parts, _canvas, _chart, _heading, _orient, _para, _table, _workshop
from .docx_page import contents, finish, update_fields
from .labels import long_date
from .model import Report
from .sections import LABELS
from .synthesis import Synthesis, Text

KIND_ORDER = ("avance", "fortaleza", "oportunidad", "desafio", "leccion", "recomendacion")


# -- the synthesised report --------------------------------------------------------------------------
def _texts(doc, t, items: list[Text], style: str | None = None) -> None:
    for item in items:
        for para in [p for p in item.body.split("\n\n") if p.strip()]:
            _para(doc, para.strip(), style)
        if item.findings:
            par = _para(doc, "; ".join(item.findings), label_text=t("Se apoya en:"))
            for run in par.runs:
                run.font.size = Pt(8)


def _cover(doc, report: Report) -> None:
    t = report.t
    _heading(doc, report.title, level=0)
    _para(doc, t("Sistematización del proceso participativo"))
    dates = sorted({w.date for w in report.workshops if w.date})
    if dates:
        when = long_date(dates[0], t) if len(dates) == 1 else t("del {first} al {last}", first=long_date(dates[0], t),
                                                                 last=long_date(dates[-1], t))
        _para(doc, when, label_text=t("Fecha:"))
    for lab, value in ((t("Lugar:"), report.place), (t("Organiza:"), report.organisers)):
        if value:
            _para(doc, value, label_text=lab)
    _para(doc, t("Informe anónimo: no se nombra a ninguna persona; cada aporte se identifica solo por su sector o "
                 "su grupo.") if report.anonymous else
          t("Este informe nombra solo a las personas que autorizaron publicar su nombre; las demás se identifican "
            "por su sector o su grupo."))
    doc.add_page_break()


def _findings(doc, report: Report, s: Synthesis) -> None:
    from .pdf.synthesis import counts_line, grouping

    t = report.t

    class _C:  # what counts_line and grouping need of the PDF's context
        pass

    c = _C()
    c.t = t
    _heading(doc, t(LABELS["findings"]), level=1)
    dims = Counter(label for f in s.findings for label in f.dimension_labels)
    _chart(doc, bars(sorted(dims.items(), key=lambda kv: (-kv[1], kv[0])), 453),
           t("Hallazgos por dimensión de la política (un hallazgo puede tocar varias)."))
    themes: dict[str, Counter] = defaultdict(Counter)
    for n in report.notes():
        if n.theme and n.votes:
            themes[n.theme][n.group or t("Sin grupo")] += n.votes
    ranked = sorted(themes.items(), key=lambda kv: -sum(kv[1].values()))[:12]
    _chart(doc, stacked_votes(ranked, 453), t("Votos por tema del papelógrafo, por grupo."))
    for title, items in grouping(c, s):
        _heading(doc, title, level=2)
        for f in items:
            _heading(doc, f"{f.kind_label}: {f.statement}", level=3)
            meta = counts_line(c, f)
            if f.dimension_labels:
                meta = " · ".join(x for x in (meta, ", ".join(f.dimension_labels)) if x)
            if meta:
                par = _para(doc, meta)
                for run in par.runs:
                    run.font.size = Pt(8.5)
            if f.sectors:
                _para(doc, ", ".join(f.sectors), label_text=t("Sectores:"))
            for q in f.quotes:
                par = _para(doc, t("«{text}»", text=q.text) + (f" — {q.attribution}" if q.attribution else ""),
                            "Quote")


def _numbers(doc, report: Report) -> None:
    from .pdf.synthesis import participation_charts

    t = report.t
    p = report.participation
    if not p.total:
        return

    class _C:
        pass

    c = _C()
    c.t, c.width = t, 453
    _heading(doc, t(LABELS["numbers"]), level=1)
    facts = [(len(report.workshops), t.ngettext("taller", "talleres", len(report.workshops))),
             (p.total, t.ngettext("persona participante", "personas participantes", p.total) if p.basis == "present"
              else t.ngettext("persona registrada", "personas registradas", p.total)),
             (p.organisations, t.ngettext("organización", "organizaciones", p.organisations)),
             (p.sectors, t.ngettext("sector", "sectores", p.sectors))]
    _para(doc, " · ".join(f"{n} {label}" for n, label in facts))
    _chart(doc, participation_charts(c, report), t("Participación por sector y por género, en porcentaje del total "
                                                   "de personas ({n}).", n=p.total))
    if len(report.workshops) > 1:
        _table(doc, [t("Taller"), t("Fecha"), t("Personas"), t("Grupos"), t("Notas")],
               [[w.title, long_date(w.date, t) if w.date else "", w.participation.total, len(w.groups),
                 len(w.notes())] for w in report.workshops])


def _method(doc, report: Report, key: str) -> None:
    from .pdf.synthesis import METHOD_KINDS

    t = report.t
    parts = [(w, cv) for w in report.workshops for cv in w.canvases if cv.kind in METHOD_KINDS[key]
             and (cv.notes or cv.initiatives or cv.monitoring)]
    if not parts:
        return
    wide = key in ("planning", "monitoring")
    _orient(doc, wide)
    _heading(doc, t(LABELS[key]), level=1)
    for w, canvas in parts:
        title = canvas.title or canvas.kind_label
        several = len({wk.id for wk, _cv in parts}) > 1
        _heading(doc, f"{title} — {w.title}" if several else title, level=2)
        every = list(dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes]))
        _canvas(doc, report, w, canvas, every)
        if canvas.kind == "problem_tree" and canvas.variant != "objectives":
            nodes = [n for n in canvas.notes if n.impact and n.feasibility and canvas.levels.get(n.id, 0) != 0]
            nodes.sort(key=lambda n: (-(n.score or 0), n.text.casefold()))
            grid = priority_grid([(str(k), n.impact, n.feasibility, canvas.levels.get(n.id, 0) < 0)
                                  for k, n in enumerate(nodes, start=1)], 250, x_label=t("Factibilidad"),
                                 y_label=t("Impacto"), high_label=t("Primero"))
            _chart(doc, grid, t("Prioridad de causas (azul) y efectos (naranja): impacto × factibilidad, de 1 a 5.")
                   + " " + "; ".join(f"{k}. {n.text}" for k, n in enumerate(nodes, start=1)), 9)
        if canvas.kind == "monitoring_matrix" and canvas.monitoring:
            status = Counter(row.effective_label for row in canvas.monitoring)
            _chart(doc, bars(sorted(status.items(), key=lambda kv: -kv[1]), 320),
                   t("Estado de las iniciativas en seguimiento."), 11)
    if wide:
        _orient(doc, False)


def build_synthesis_docx(report: Report, sections: tuple[str, ...]):
    from docx import Document

    t = report.t
    s: Synthesis = report.synthesis or Synthesis.blank(t)
    doc = Document()
    doc._report_t = t  # tables write ISO dates as the prose does
    doc.core_properties.title = report.title
    doc.core_properties.author = report.organisers[:255]
    _cover(doc, report)
    contents(doc, t)
    update_fields(doc)
    if "summary" in sections and s.summary:
        _heading(doc, t(LABELS["summary"]), level=1)
        _texts(doc, t, s.summary)
    if "method" in sections and (report.description.strip() or any(w.objectives for w in report.workshops)):
        _heading(doc, t("Objetivos y metodología"), level=1)
        if report.description.strip():
            _para(doc, report.description)
        for w in report.workshops:
            if w.objectives.strip():
                _para(doc, w.objectives, label_text=f"{w.title}:")
    if "numbers" in sections:
        _numbers(doc, report)
    if "figures" in sections and s.figures:
        _heading(doc, t(LABELS["figures"]), level=1)
        _table(doc, [t("Cifra"), t("Valor"), t("Fuente"), t("Año")],
               [[f["figure"], f["value"], f["source"], f["year"]] for f in s.figures])
    if "findings" in sections and s.findings:
        _findings(doc, report, s)
    for key in ("foda", "trees", "planning", "monitoring"):
        if key in sections:
            _method(doc, report, key)
    if "conclusions" in sections and (s.conclusions or s.recommendations):
        _heading(doc, t(LABELS["conclusions"]), level=1)
        if s.conclusions:
            _heading(doc, t("Conclusiones"), level=2)
            _texts(doc, t, s.conclusions)
        if s.recommendations:
            _heading(doc, t("Recomendaciones"), level=2)
            _texts(doc, t, s.recommendations, "List Number")
    annexes: list[tuple[str, object]] = []
    if "workshops" in sections and report.workshops:
        annexes.append((t(LABELS["workshops"]), lambda: [_workshop(doc, report, w, True, level_shift=1)
                                                         for w in report.workshops]))
    parts = _annexes_parts(doc, report)
    if "participants" in sections and "participants" in parts:
        annexes.append((t(LABELS["participants"]), parts["participants"]))
    if "actors" in sections and s.actors:
        annexes.append((t(LABELS["actors"]), lambda: _table(
            doc, [t("Organización"), t("Categoría de actor"), t("Rol"), t("Relación con la política")],
            [[a["organisation"], a["category"], a["role"], a["relation"]] for a in
             sorted(s.actors, key=lambda a: (a["category"].casefold(), a["organisation"].casefold()))])))
    if "initiatives" in sections and s.initiatives:
        annexes.append((t(LABELS["initiatives"]), lambda: _table(
            doc, [t("Iniciativa"), t("Responsable"), t("Estado"), t("Población atendida")],
            [[i["name"], i["responsible"], i["status"], i["population"]] for i in s.initiatives])))
    if "photos" in sections and "photos" in parts:
        annexes.append((t(LABELS["photos"]), parts["photos"]))
    if "notes" in sections and "notes" in parts:
        annexes.append((t(LABELS["notes"]), parts["notes"]))
    if annexes:
        doc.add_page_break()
        _heading(doc, t("Anexos"), level=1)
        for k, (title, write) in enumerate(annexes):
            _heading(doc, f"{t('Anexo')} {'ABCDEFGHIJ'[k]}. {title}", level=2)
            write()
            _orient(doc, False)
    return doc


def write_synthesis_docx(report: Report, path: str | os.PathLike[str], sections: tuple[str, ...]) -> None:
    """The report built around the synthesis, on A4 in the report's language."""
    doc = build_synthesis_docx(report, sections)
    finish(doc, report)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
