"""Cover, contents, objectives and method, and participation in numbers.

Each function returns flowables, or nothing when its data is missing, so a
report never shows an empty section.
"""

from __future__ import annotations

import io
from collections import Counter

from reportlab.lib.units import cm
from reportlab.platypus import Image, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle

from facilitator.domain.templates import builtin_template

from ..labels import long_date
from ..model import Participation, Report, Workshop
from ..privacy import generalised_note
from ..qr import QR_MAX_BYTES, qr_fits, qr_png
from .common import Bar, Ctx, P, labelled, table
from .template import Contents, Heading


def _image(data: bytes, max_w: float, max_h: float) -> Image | None:
    """A picture scaled to fit, or None when the bytes are not an image we can read.

    A picture larger than ``MAX_LOGO_PIXELS`` (a crafted 30000² PNG is a few bytes
    that would decode to gigabytes) is left out before anything decodes it.
    """
    from PIL import Image as PILImage, UnidentifiedImageError

    from ..exchange_schema import MAX_LOGO_PIXELS

    try:
        with PILImage.open(io.BytesIO(data)) as im:
            w, h = im.size
            if w < 1 or h < 1 or w * h > MAX_LOGO_PIXELS:
                return None
            if im.format not in ("PNG", "JPEG"):
                buf = io.BytesIO()
                im.convert("RGBA" if im.mode in ("RGBA", "LA", "P") else "RGB").save(buf, "PNG")
                data = buf.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, PILImage.DecompressionBombError):
        return None
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale, hAlign="LEFT")


def dates_of(report: Report, t) -> str:
    dates = sorted({w.date for w in report.workshops if w.date.strip()})
    if not dates:
        return ""
    if len(dates) == 1:
        return long_date(dates[0], t)
    return t("del {first} al {last}", first=long_date(dates[0], t), last=long_date(dates[-1], t))


def cover(c: Ctx) -> list:
    r: Report = c.report
    t, st = c.t, c.st
    out: list = []
    if r.logo:
        logo = _image(r.logo, 6 * cm, 3 * cm)
        if logo is not None:
            out += [logo, Spacer(1, 1.2 * cm)]
    out.append(Spacer(1, 2.5 * cm if not out else 0.5 * cm))
    single = None if r.whole_process or len(r.workshops) != 1 else r.workshops[0]
    out.append(P(single.title if single else r.title, st.title))
    out.append(P(t("Sistematización del taller") if single else t("Sistematización del proceso participativo"),
                 st.subtitle))
    if single:
        out.append(labelled(t("Proceso:"), r.title, st.cover_meta))
    when = dates_of(r, t)
    if when:
        out.append(labelled(t("Fecha:"), when, st.cover_meta))
    place = (single.place if single and single.place else "") or r.place
    if place:
        out.append(labelled(t("Lugar:"), place, st.cover_meta))
    if r.organisers:
        out.append(labelled(t("Organiza:"), r.organisers, st.cover_meta))
    out.append(Spacer(1, 1.2 * cm))
    if r.publish_url and not qr_fits(r.publish_url):
        r.warn(t("El enlace del QR es demasiado largo para un código QR ({length}; como máximo {max}): "
                 "la portada muestra el enlace sin código.",
                 length=t.ngettext("{n} carácter", "{n} caracteres", len(r.publish_url)), max=QR_MAX_BYTES))
        out += [P(t("Anexos y materiales del proceso:"), st.cover_meta), P(r.publish_url, st.muted),
                Spacer(1, 0.8 * cm)]
    elif r.publish_url:
        img = Image(io.BytesIO(qr_png(r.publish_url)), width=3.2 * cm, height=3.2 * cm)
        text = [P(t("Anexos y materiales del proceso:"), st.cover_meta), P(r.publish_url, st.muted)]
        grid = Table([[img, text]], colWidths=[3.6 * cm, c.width - 3.6 * cm], hAlign="LEFT")
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out += [grid, Spacer(1, 0.8 * cm)]
    if r.anonymous:
        notice = t("Informe anónimo: no se nombra a ninguna persona; cada aporte se identifica solo por su "
                   "sector o su grupo.")
    else:
        notice = t("Este informe nombra solo a las personas que autorizaron publicar su nombre; las demás se "
                   "identifican por su sector o su grupo.")
    out.append(P(notice, st.muted))
    out.append(P(t("Generado con Papelógrafo el {date}.", date=long_date(r.generated_at.date().isoformat(), t)),
                 st.muted))
    out += [NextPageTemplate("portrait"), PageBreak()]
    return out


def _headings(flow: list):
    """Headings in reading order, also those kept together with what follows them."""
    for f in flow:
        if isinstance(f, Heading):
            yield f
        elif hasattr(f, "_content"):  # KeepTogether and friends
            yield from _headings(f._content)


def contents(c: Ctx, flow: list) -> list:
    """The contents of ``flow``: its headings of the top two levels."""
    headings = [f for f in _headings(flow) if f.toc and f.level <= 1]
    if not headings:
        return []
    return [P(c.t("Contenido"), c.st.h1), Contents(headings, list(c.st.toc[:2])), PageBreak()]


def _template_title(w: Workshop, t) -> str:
    try:
        return t.pick(builtin_template(w.template_id).title)
    except KeyError:
        return w.method


def objectives(c: Ctx) -> list:
    r: Report = c.report
    t, st = c.t, c.st
    body: list = []
    if r.description.strip():
        body.append(P(r.description, st.body))
    several = len(r.workshops) > 1
    for w in r.workshops:
        part: list = []
        if several:
            part.append(P(w.title, st.h3))
        elif w.title.strip() and w.title.strip() != r.title.strip():
            part.append(labelled(t("Taller:"), w.title, st.body))
        facts = []
        if w.date:
            facts.append(long_date(w.date, t) + (f", {w.start_time}" if w.start_time else ""))
        if w.place:
            facts.append(w.place)
        if facts:
            part.append(P(" · ".join(facts), st.muted))
        if w.objectives.strip():
            part.append(labelled(t("Objetivos:"), w.objectives, st.body))
        total = sum(b.minutes for b in w.blocks)
        method = _template_title(w, t)
        if w.blocks:
            sentence = t.ngettext("Metodología: «{method}», en {n} bloque de {minutes}.",
                                  "Metodología: «{method}», en {n} bloques y {minutes}.", len(w.blocks), method=method,
                                  minutes=t.ngettext("{n} minuto", "{n} minutos", total))
            if w.groups:
                sentence += " " + t.ngettext("Se trabajó en un solo grupo.", "Se trabajó en {n} grupos.", len(w.groups))
            part.append(P(sentence, st.body))
        if len(part) > 1 or (part and not several):
            body += part
    if not body:
        return []
    return [Heading(t("Objetivos y metodología"), st.h1, 0), *body]


# -- participation --------------------------------------------------------------
def _breakdown(c: Ctx, title: str, counts: Counter, total: int) -> list:
    if not counts:
        return []
    top = max(counts.values())
    bar_w = c.width * 0.32
    rows = [[P(title, c.st.cell_head), P(c.t("Personas"), c.st.cell_head), P("%", c.st.cell_head), ""]]
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())):
        rows.append([P(name, c.st.cell), P(str(n), c.st.cell), P(f"{100 * n / total:.0f}", c.st.cell),
                     Bar(n / top, bar_w)])
    widths = [c.width - bar_w - 3.6 * cm, 2.2 * cm, 1.2 * cm, bar_w + 0.2 * cm]
    grid = table(rows, widths, zebra=False)
    if len(rows) <= 16:  # a short breakdown moves whole rather than leave a row or two on the next page
        return [KeepTogether([grid]), Spacer(1, 8)]
    return [grid, Spacer(1, 8)]


def _figures(c: Ctx, figures: list[tuple[int, str]]) -> Table:
    cells = [[Paragraph(f"{n}", c.st.big_number), P(label, c.st.muted)] for n, label in figures]
    grid = Table([cells], colWidths=[c.width / len(cells)] * len(cells), hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return grid


def participation(c: Ctx, p: Participation, *, level: int, workshops: list[Workshop]) -> list:
    """«En números»: how many took part, and by sector, gender, territory and organisation."""
    t, st = c.t, c.st
    if p.total == 0:
        return []
    style = st.h1 if level == 0 else st.h2
    out: list = [Heading(t("Participación en números"), style, level)]
    # each figure's label agrees with its number: «1 grupo», «3 grupos»
    if p.basis == "present":
        people = t.ngettext("persona participante", "personas participantes", p.total)
    else:
        people = t.ngettext("persona registrada", "personas registradas", p.total)
    orgs, sectors = p.organisations, p.sectors  # distinct ones, also those merged into «Otros…»
    figures = [(p.total, people), (orgs, t.ngettext("organización", "organizaciones", orgs)),
               (sectors, t.ngettext("sector", "sectores", sectors))]
    notes = sum(len(w.notes()) for w in workshops)
    if len(workshops) > 1:
        figures.insert(0, (len(workshops), t.ngettext("taller", "talleres", len(workshops))))
    elif workshops and workshops[0].groups:
        groups = len(workshops[0].groups)
        figures.append((groups, t.ngettext("grupo", "grupos", groups)))
    if notes:
        figures.append((notes, t.ngettext("nota", "notas", notes)))
    out += [_figures(c, figures[:5]), Spacer(1, 10)]
    out += _breakdown(c, t("Sector (tipo de actor)"), p.by_sector, p.total)
    out += _breakdown(c, t("Género"), p.by_gender, p.total)
    out += _breakdown(c, t("Territorio"), p.by_territory, p.total)
    if p.min_group > 1:
        out.append(P(generalised_note(t, p.min_group), st.muted))
    if len(workshops) > 1:
        rows = [[P(t("Taller"), st.cell_head), P(t("Personas"), st.cell_head), P(t("Grupos"), st.cell_head),
                 P(t("Notas"), st.cell_head)]]
        for w in workshops:
            rows.append([P(w.title, st.cell), P(str(w.participation.total), st.cell), P(str(len(w.groups)), st.cell),
                         P(str(len(w.notes())), st.cell)])
        out.append(table(rows, [c.width - 6 * cm, 2 * cm, 2 * cm, 2 * cm]))
    return out
