"""Annexes: participants by organisation and sector, photos of the flipcharts, and every note.

The participants annex never lists a name in anonymous mode (counts by sector and
organisation only); with names on it lists consenting people and counts the rest.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Image, KeepTogether, Spacer

from ..model import Report, Workshop
from .common import Ctx, KeepStart, P, cell, table
from .photos import fit_photo, shrink_all
from .styles import INK
from .template import Heading


def annexes(c: Ctx, progress=None) -> list:
    t, st = c.t, c.st
    parts = [
        (t("Participantes por organización y sector"), participants(c)),
        (t("Fotos de los papelógrafos"), photos(c, progress)),
        (t("Lista completa de notas"), notes(c)),
    ]
    parts = [(title, body) for title, body in parts if body]
    if not parts:
        return []
    out: list = []
    for i, (title, body) in enumerate(parts):
        # each heading (and the chapter's, with the first) starts on the page of its intro and the
        # start of its table, never alone at a page foot
        head = [Heading(t("Anexos"), st.h1, 0)] if i == 0 else []
        out += [KeepStart([*head, Heading(f"{'ABCDEFGH'[i]}. {title}", st.h2, 1), *body[:2]]), *body[2:]]
    return out


def participants(c: Ctx) -> list:
    t, st = c.t, c.st
    r: Report = c.report
    p = r.participation
    if not p.total:
        return []
    out: list = []
    if p.basis == "present":
        intro = t("{n} personas participaron en los talleres que recoge este informe.", n=p.total) if p.total != 1 \
            else t("1 persona participó en los talleres que recoge este informe.")
    else:
        intro = t("{n} personas están registradas en el proceso.", n=p.total) if p.total != 1 \
            else t("1 persona está registrada en el proceso.")
    out.append(P(intro, st.body))
    rows = [[P(t("Sector (tipo de actor)"), st.cell_head), P(t("Organización"), st.cell_head),
             P(t("Personas"), st.cell_head)]]
    for sector in sorted(p.sector_organisations, key=lambda s: (-p.by_sector[s], s.casefold())):
        orgs = p.sector_organisations[sector]
        for i, (org, n) in enumerate(sorted(orgs.items(), key=lambda kv: kv[0].casefold())):
            rows.append([P(sector if i == 0 else "", st.cell), P(org, st.cell), P(str(n), st.cell)])
    out.append(table(rows, [c.width * 0.32, c.width * 0.56, c.width * 0.12], zebra=False))
    named = [person for person in r.people if person.name]
    if not r.anonymous and named:
        out += [Spacer(1, 8), P(t("Personas que autorizaron publicar su nombre"), st.h4)]
        rows = [[P(t("Nombre"), st.cell_head), P(t("Organización"), st.cell_head), P(t("Sector"), st.cell_head)]]
        rows += [[P(x.name, st.cell), P(x.organisation, st.cell), P(x.sector, st.cell)]
                 for x in sorted(named, key=lambda x: x.name.casefold())]
        out.append(table(rows, [c.width * 0.3, c.width * 0.45, c.width * 0.25]))
        rest = len(r.people) - len(named)
        if rest:
            out.append(P(t("Otras {n} personas participaron sin autorizar la publicación de su nombre.", n=rest)
                         if rest != 1 else t("Otra persona participó sin autorizar la publicación de su nombre."),
                         st.muted))
    return out


def photos(c: Ctx, progress=None) -> list:
    t, st = c.t, c.st
    r: Report = c.report
    with_photos = [w for w in r.workshops if w.photos]
    out: list = []
    shrunk = shrink_all([ph.data for w in with_photos for ph in w.photos])
    k = 0
    for w in with_photos:
        if len(r.workshops) > 1:
            out.append(Heading(w.title, st.h3, 2, toc=False))
        for ph in w.photos:
            picture = fit_photo(shrunk[k], c.width, c.height * 0.62)
            k += 1
            if progress is not None:
                progress()
            bits = [x for x in (ph.block, ph.group, ph.caption) if x]
            caption = " · ".join(bits) or t("Foto sin descripción")
            if picture is None:
                out.append(P(t("[No se pudo leer la foto «{caption}».]", caption=caption), st.muted))
                continue
            data, width, height = picture
            image = Image(data, width=width, height=height)
            out.append(KeepTogether([image, P(caption, st.figure)]))
    return out


def _notes_table(c: Ctx, w: Workshop) -> list:
    t, st = c.t, c.st
    notes = w.notes()
    if not notes:
        return []
    authors = any(n.author for n in notes)
    canvases = {cv.id: cv for cv in w.canvases}
    one_canvas = len({n.canvas_id for n in notes}) == 1  # then the zone says where
    head = ["#", t("Nota"), t("Zona") if one_canvas else t("Dónde"), t("Grupo"), t("Bloque"), t("Votos")]
    widths = [0.8 * cm, None, 3.3 * cm, 2.2 * cm, 2.8 * cm, 1.2 * cm]
    if authors:
        head.insert(4, t("Autoría"))
        widths.insert(4, 2.4 * cm)
    fixed = sum(x for x in widths if x)
    widths = [x if x else c.width - fixed for x in widths]
    rows = [[P(h, st.cell_head) for h in head]]
    small_cols = [w for k, w in enumerate(widths) if k != 1]
    for i, n in enumerate(notes, start=1):
        canvas = canvases[n.canvas_id]
        where = n.zone_label if one_canvas else " · ".join(
            x for x in (canvas.title or canvas.kind_label, n.zone_label) if x)
        meta = [str(i), where, n.group] + ([n.author] if authors else []) + [n.block, str(n.votes)]
        row = [cell(x, st.cell_small, w) for x, w in zip(meta, small_cols)]
        row.insert(1, cell(n.text, st.cell, widths[1]))
        rows.append(row)
    note_font = [("FONTSIZE", (1, 1), (1, -1), st.cell.fontSize), ("LEADING", (1, 1), (1, -1), st.cell.leading),
                 ("TEXTCOLOR", (1, 1), (1, -1), INK)]
    return [table(rows, widths, long=True, body=st.cell_small, extra=note_font)]


def notes(c: Ctx) -> list:
    r: Report = c.report
    out: list = []
    for w in r.workshops:
        body = _notes_table(c, w)
        if body and len(r.workshops) > 1:  # a workshop's title starts its table where there is room for it
            body = [KeepStart([Heading(w.title, c.st.h3, 2, toc=False), *body])]
        out += body
    if out:
        out.insert(0, P(c.t("Cada nota tal como se escribió, con su lienzo, grupo y bloque."), c.st.body))
    return out
