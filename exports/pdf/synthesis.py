"""The report built around the synthesis (issue 15): summary, numbers, findings, method results,
conclusions and recommendations, then the annexes (the per-workshop record among them).

``synthesis_story(c, sections)`` returns the flowables of the chosen sections in
the report's order (``exports.sections``); sections without data are left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer, Table

from ..charts import bars, priority_grid, share_bars, stacked_votes
from ..fonts import markup
from ..model import Report
from ..sections import LABELS
from ..synthesis import Finding, Synthesis, Text
from facilitator.synthesis.vocab import KIND_LABELS
from .annexes import notes as notes_annex, participants as participants_annex, photos as photos_annex
from .canvases import has_content, section_for, wide
from .common import Ctx, KeepStart, P, labelled, table
from .front import _breakdown, _figures, objectives
from .template import Heading
from .workshop import chapter

KIND_ORDER = ("avance", "fortaleza", "oportunidad", "desafio", "leccion", "recomendacion")
METHOD_KINDS = {"foda": ("foda",), "trees": ("problem_tree",), "planning": ("planning_matrix",),
                "monitoring": ("monitoring_matrix",)}


def _h(c: Ctx, text: str, level: int, *, open: bool = False, **kw) -> Heading:
    """A heading; ``open`` ones do not hold on to what follows (above a table that may split)."""
    style = (c.st.h1, c.st.h2, c.st.h3, c.st.h4)[min(level, 3)]
    if open:
        style = style.clone(style.name + "_open", keepWithNext=0)
    return Heading(text, style, level, toc=level <= 1, **kw)


def tidy(flow: list) -> list:
    """No blank page between two page breaks: a break to portrait right before a break to landscape goes."""
    out: list = []
    for f in flow:
        if isinstance(f, PageBreak) and out and isinstance(out[-1], NextPageTemplate):
            k = len(out) - 2
            if k >= 1 and isinstance(out[k], PageBreak) and isinstance(out[k - 1], NextPageTemplate):
                del out[k - 1:k + 1]  # the earlier template switch and its break
        out.append(f)
    return out


def chart(drawing: Drawing | None, caption: str, c: Ctx) -> list:
    """A chart with its caption, kept together; nothing when there is no data."""
    if drawing is None:
        return []
    return [KeepTogether([Spacer(1, 4), drawing, P(caption, c.st.figure)])]


# -- summary, numbers, key figures ------------------------------------------------------------------
def _texts(c: Ctx, items: list[Text]) -> list:
    out: list = []
    for item in items:
        for para in [p for p in item.body.split("\n\n") if p.strip()]:
            out.append(P(para.strip(), c.st.body))
        if item.findings:
            out.append(labelled(c.t("Se apoya en:"), "; ".join(item.findings), c.st.muted))
    return out


def summary(c: Ctx, s: Synthesis) -> list:
    body = _texts(c, s.summary)
    return [_h(c, c.t(LABELS["summary"]), 0), *body] if body else []


def participation_charts(c: Ctx, r: Report) -> Drawing | None:
    p = r.participation
    return share_bars([(c.t("Sector (tipo de actor)"), p.by_sector), (c.t("Género"), p.by_gender)], c.width)


def numbers(c: Ctx, r: Report) -> list:
    """«En números»: the figures, who took part as shares of 100 %, territory and each workshop."""
    t, st = c.t, c.st
    p = r.participation
    if p.total == 0:
        return []
    people = t.ngettext("persona participante", "personas participantes", p.total) if p.basis == "present" else \
        t.ngettext("persona registrada", "personas registradas", p.total)
    figures = [(len(r.workshops), t.ngettext("taller", "talleres", len(r.workshops))), (p.total, people),
               # distinct ones, also those the minimum group size merges into «Otros…» (the breakdown may be left out)
               (p.organisations, t.ngettext("organización", "organizaciones", p.organisations)),
               (p.sectors, t.ngettext("sector", "sectores", p.sectors))]
    notes = len(r.notes())
    if notes:
        figures.append((notes, t.ngettext("nota", "notas", notes)))
    out: list = [_h(c, t(LABELS["numbers"]), 0), _figures(c, figures[:5]), Spacer(1, 8)]
    out += chart(participation_charts(c, r), t("Participación por sector y por género, en porcentaje del total de "
                                               "personas ({n}).", n=p.total), c)
    if len(p.by_territory) > 1:
        out += _breakdown(c, t("Territorio"), p.by_territory, p.total)
    if len(r.workshops) > 1:
        rows = [[P(h, st.cell_head) for h in (t("Taller"), t("Fecha"), t("Personas"), t("Grupos"), t("Notas"))]]
        from ..labels import long_date

        for w in r.workshops:
            rows.append([P(w.title, st.cell), P(long_date(w.date, t) if w.date else "", st.cell),
                         P(str(w.participation.total), st.cell), P(str(len(w.groups)), st.cell),
                         P(str(len(w.notes())), st.cell)])
        out.append(KeepStart([P(t("Talleres del proceso"), st.h4), table(rows, [
            c.width - 10.4 * cm, 4.4 * cm, 2 * cm, 1.8 * cm, 2.2 * cm])]))
    return out


def key_figures(c: Ctx, s: Synthesis) -> list:
    if not s.figures:
        return []
    t, st = c.t, c.st
    rows = [[P(h, st.cell_head) for h in (t("Cifra"), t("Valor"), t("Fuente"), t("Año"))]]
    rows += [[P(f["figure"], st.cell), P(f["value"], st.cell_head), P(f["source"], st.cell), P(f["year"], st.cell)]
             for f in s.figures]
    intro = P(t("Datos de contexto que respaldan el diagnóstico, con su fuente."), st.body)
    return [KeepStart([_h(c, t(LABELS["figures"]), 0), intro,
                       table(rows, [c.width * 0.44, c.width * 0.16, c.width * 0.28, c.width * 0.12])])]


# -- findings --------------------------------------------------------------------------------------
def counts_line(c: Ctx, f: Finding) -> str:
    from facilitator.synthesis.findings import describe_counts

    return describe_counts(f, c.t)


def grouping(c: Ctx, s: Synthesis) -> list[tuple[str, list[Finding]]]:
    """Findings by theme when the team gave themes, else by their first dimension; kinds in the report's order."""
    t = c.t
    by_theme = any(f.theme for f in s.findings)
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in s.findings:
        if by_theme:
            key = f.theme or t("Otros hallazgos")
        else:
            key = f.dimension_labels[0] if f.dimension_labels else t("Otros hallazgos")
        groups[key].append(f)
    order = list(dict.fromkeys(groups))
    other = t("Otros hallazgos")
    if other in order:  # the unclassified last
        order.remove(other)
        order.append(other)
    return [(k, sorted(groups[k], key=lambda f: KIND_ORDER.index(f.kind))) for k in order]


def finding_block(c: Ctx, f: Finding) -> list:
    st = c.st
    head = Paragraph(f'<font color="#1F6F8B">{markup(f.kind_label.upper())}</font>  {markup(f.statement)}',
                     st.h4.clone("finding", fontSize=10, leading=14, spaceBefore=9))
    meta = counts_line(c, f)
    if f.dimension_labels:
        meta = " · ".join(x for x in (meta, ", ".join(f.dimension_labels)) if x)
    out = [head]
    if meta:
        out.append(P(meta, st.muted))
    if f.sectors:
        out.append(labelled(c.t("Sectores:"), ", ".join(f.sectors), st.muted))
    for q in f.quotes:
        quote = Paragraph(markup(c.t("«{text}»", text=q.text)) + (f' <font color="#5B6770">— {markup(q.attribution)}</font>'
                                                   if q.attribution else ""),
                          st.note.clone("quote", fontName="PapSans-Oblique", leftIndent=14))
        out.append(quote)
    return [KeepTogether(out)]


def findings(c: Ctx, r: Report, s: Synthesis) -> list:
    if not s.findings:
        return []
    t, st = c.t, c.st
    by_kind = Counter(f.kind for f in s.findings)
    kinds = ", ".join(f"{n} {(s.kind_plurals[k] if n != 1 else t(KIND_LABELS[k])).lower()}" for k, n in
                      sorted(by_kind.items(), key=lambda kv: KIND_ORDER.index(kv[0])))
    intro = t.ngettext("{n} hallazgo ({kinds}). Indica cuántas notas, grupos, talleres y sectores lo plantearon, "
                       "calculado a partir de los aportes que lo respaldan.",
                       "{n} hallazgos ({kinds}). Cada uno indica cuántas notas, grupos, talleres y sectores lo plantearon, "
                       "calculado a partir de los aportes que lo respaldan.", len(s.findings), kinds=kinds)
    out: list = [_h(c, t(LABELS["findings"]), 0), P(intro, st.body)]
    dims = Counter(label for f in s.findings for label in f.dimension_labels)
    out += chart(bars(sorted(dims.items(), key=lambda kv: (-kv[1], kv[0])), c.width),
                 t("Hallazgos por dimensión de la política (un hallazgo puede tocar varias)."), c)
    themes: dict[str, Counter] = defaultdict(Counter)
    for n in r.notes():
        if n.theme and n.votes:
            themes[n.theme][n.group or t("Sin grupo")] += n.votes
    ranked = sorted(themes.items(), key=lambda kv: -sum(kv[1].values()))[:12]
    out += chart(stacked_votes(ranked, c.width), t("Votos por tema del papelógrafo, por grupo."), c)
    for title, items in grouping(c, s):
        out.append(CondPageBreak(4 * cm))
        out.append(_h(c, title, 1))
        for f in items:
            out += finding_block(c, f)
    return out


# -- method results across workshops ----------------------------------------------------------------
def _tree_grid(c: Ctx, canvas) -> list:
    t, st = c.t, c.st
    nodes = [n for n in canvas.notes if n.impact and n.feasibility and canvas.levels.get(n.id, 0) != 0]
    if not nodes or canvas.variant == "objectives":
        return []
    nodes.sort(key=lambda n: (-(n.score or 0), n.text.casefold()))
    points = [(str(k), n.impact, n.feasibility, canvas.levels.get(n.id, 0) < 0) for k, n in enumerate(nodes, start=1)]
    drawing = priority_grid(points, min(c.width * 0.55, 9 * cm), x_label=t("Factibilidad"), y_label=t("Impacto"),
                            high_label=t("Primero"))
    rows = [[P(h, st.cell_head) for h in ("#", t("Causa o efecto"), t("Impacto"), t("Factibilidad"), t("Puntaje"))]]
    rows += [[P(str(k), st.cell), P(n.text, st.cell), P(str(n.impact), st.cell), P(str(n.feasibility), st.cell),
              P(str(n.score), st.cell_head)] for k, n in enumerate(nodes, start=1)]
    legend = table(rows, [0.8 * cm, c.width - 6.8 * cm, 1.8 * cm, 2.2 * cm, 2 * cm])
    caption = t("Prioridad de causas (azul) y efectos (naranja): impacto × factibilidad, de 1 a 5.")
    return [CondPageBreak(10 * cm), P(t("Priorización"), st.h4), *chart(drawing, caption, c), legend]


def method_results(c: Ctx, r: Report, key: str) -> list:
    kinds = METHOD_KINDS[key]
    parts = [(w, cv) for w in r.workshops for cv in w.canvases if cv.kind in kinds]
    out: list = []
    label = c.t(LABELS[key])
    first = True
    for w, canvas in parts:
        every = list(dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes]))
        if not has_content(canvas, every):
            continue
        section = section_for(canvas.kind)(c, w, canvas, every)
        if not section:
            continue
        title = canvas.title or canvas.kind_label
        # above a table that may split, headings ask only for room to start it instead of holding on to all of it
        table_first = isinstance(section[0], Table)
        head = [_h(c, label, 0, open=table_first)] if first else []
        first = False
        several = len({wk.id for wk, _cv in parts}) > 1  # the workshop is named only when several have one
        sub = [] if len(parts) == 1 and title.casefold() == label.casefold() else \
            [_h(c, f"{title} — {w.title}" if several else title, 1, open=table_first)]
        extra: list = []
        if canvas.kind == "problem_tree":
            extra = _tree_grid(c, canvas)
        if canvas.kind == "monitoring_matrix" and canvas.monitoring:  # the status at a glance, above its matrix
            status = Counter(row.effective_label for row in canvas.monitoring)
            section = [*chart(bars(sorted(status.items(), key=lambda kv: -kv[1]), c.width * 0.7),
                              c.t("Estado de las iniciativas en seguimiento."), c), *section]
            table_first = False
        flow = [CondPageBreak(5 * cm), *head, *sub, *section] if table_first else \
            [KeepStart([*head, *sub, *section[:1]]), *section[1:]]
        if wide(c, canvas):
            out += [NextPageTemplate("landscape"), PageBreak(), *flow, NextPageTemplate("portrait"), PageBreak(),
                    *extra]
        else:
            out += [*flow, *extra]
    return out


# -- conclusions, annexes ---------------------------------------------------------------------------
def conclusions(c: Ctx, s: Synthesis) -> list:
    t = c.t
    parts: list = []
    if s.conclusions:
        parts += [_h(c, t("Conclusiones"), 1), *_texts(c, s.conclusions)]
    if s.recommendations:
        recs: list = [_h(c, t("Recomendaciones"), 1)]
        for k, item in enumerate(s.recommendations, start=1):
            recs.append(Paragraph(markup(item.body), c.st.note, bulletText=f"{k}."))
            if item.findings:
                recs.append(labelled(t("Se apoya en:"), "; ".join(item.findings),
                                     c.st.muted.clone("rec_basis", leftIndent=12)))
        parts += recs
    return [_h(c, t(LABELS["conclusions"]), 0), *parts] if parts else []


def _demote(flow: list, c: Ctx) -> list:
    """A workshop chapter placed two levels down (under «Anexo A» of the annexes)."""
    styles = {c.st.h1.name: c.st.h2, c.st.h2.name: c.st.h3, c.st.h3.name: c.st.h4}
    for f in flow:
        if isinstance(f, Heading):
            f.level += 2
            f.toc = False
            f.style = styles.get(f.style.name, f.style)
        elif hasattr(f, "_content"):
            _demote(f._content, c)
    return flow


def actors_annex(c: Ctx, s: Synthesis) -> list:
    if not s.actors:
        return []
    t, st = c.t, c.st
    rows = [[P(h, st.cell_head) for h in (t("Organización"), t("Categoría de actor"), t("Rol"),
                                          t("Relación con la política"))]]
    for a in sorted(s.actors, key=lambda a: (a["category"].casefold(), a["organisation"].casefold())):
        rows.append([P(a["organisation"], st.cell), P(a["category"], st.cell), P(a["role"], st.cell),
                     P(a["relation"], st.cell)])
    return [table(rows, [c.width * 0.28, c.width * 0.24, c.width * 0.24, c.width * 0.24])]


def initiatives_annex(c: Ctx, s: Synthesis) -> list:
    if not s.initiatives:
        return []
    t, st = c.t, c.st
    rows = [[P(h, st.cell_head) for h in (t("Iniciativa"), t("Responsable"), t("Estado"), t("Población atendida"))]]
    rows += [[P(i["name"], st.cell), P(i["responsible"], st.cell), P(i["status"], st.cell),
              P(i["population"], st.cell)] for i in s.initiatives]
    return [table(rows, [c.width * 0.36, c.width * 0.24, c.width * 0.14, c.width * 0.26])]


def annexes(c: Ctx, r: Report, s: Synthesis, sections: tuple[str, ...], progress=None) -> list:
    t, st = c.t, c.st
    c.memo["script"] = "script" in sections
    parts: list[tuple[str, list]] = []
    if "workshops" in sections:
        docs: list = []
        for w in r.workshops:
            docs += _demote(chapter(c, w, several=True), c)
        parts.append((t(LABELS["workshops"]), docs))
    if "participants" in sections:
        parts.append((t(LABELS["participants"]), participants_annex(c)))
    if "actors" in sections:
        parts.append((t(LABELS["actors"]), actors_annex(c, s)))
    if "initiatives" in sections:
        parts.append((t(LABELS["initiatives"]), initiatives_annex(c, s)))
    if "photos" in sections:
        parts.append((t(LABELS["photos"]), photos_annex(c, progress)))
    if "notes" in sections:
        parts.append((t(LABELS["notes"]), notes_annex(c)))
    parts = [(title, body) for title, body in parts if body]
    out: list = []
    for i, (title, body) in enumerate(parts):
        head = [PageBreak(), Heading(t("Anexos"), st.h1, 0)] if i == 0 else [CondPageBreak(6 * cm)]
        out += [head[0], KeepStart([*head[1:], Heading(f"{t('Anexo')} {'ABCDEFGHIJ'[i]}. {title}", st.h2, 1),
                                    *body[:1]]), *body[1:]]
    return out


def synthesis_story(c: Ctx, sections: tuple[str, ...], progress=None) -> list:
    r: Report = c.report
    s: Synthesis = r.synthesis or Synthesis.blank(c.t)
    body: list = []
    chapters = []
    if "summary" in sections:
        chapters.append(summary(c, s))
    if "method" in sections:
        chapters.append(objectives(c))
    if "numbers" in sections:
        chapters.append(numbers(c, r))
    if "figures" in sections:
        chapters.append(key_figures(c, s))
    if "findings" in sections:
        chapters.append(findings(c, r, s))
    for key in ("foda", "trees", "planning", "monitoring"):
        if key in sections:
            chapters.append(method_results(c, r, key))
    if "conclusions" in sections:
        chapters.append(conclusions(c, s))
    for k, part in enumerate(p for p in chapters if p):
        if k and not isinstance(part[0], (NextPageTemplate, PageBreak)):
            body.append(CondPageBreak(0.3 * c.height))  # a chapter starts on a fresh page unless room is ample
        body += part
    body += annexes(c, r, s, sections, progress)
    return tidy(body)
