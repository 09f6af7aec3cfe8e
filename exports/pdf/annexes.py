"""Annexes: participants by organisation and sector, photos of the flipcharts, and every note.

The participants annex never lists a name in anonymous mode (counts by sector and
organisation only, categories under k merged); with names on it lists consenting
people by name alone (their organisation would let a reader work out, by
elimination, who declined) and counts the rest.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Image, KeepTogether, Spacer

from ..fonts import pieces
from ..model import Report, Workshop
from ..privacy import generalised_note
from .common import PAD, Ctx, KeepStart, P, cell, plain_para, table
from .photos import fit_photo, shrink_all
from .rows import RowTable
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
        intro = t.ngettext("{n} persona participó en los talleres que recoge este informe.",
                           "{n} personas participaron en los talleres que recoge este informe.", p.total)
    else:
        intro = t.ngettext("{n} persona está registrada en el proceso.", "{n} personas están registradas en el proceso.",
                           p.total)
    out.append(P(intro, st.body))
    rows = [[P(t("Sector (tipo de actor)"), st.cell_head), P(t("Organización"), st.cell_head),
             P(t("Personas"), st.cell_head)]]
    for sector in sorted(p.sector_organisations, key=lambda s: (-p.by_sector[s], s.casefold())):
        orgs = p.sector_organisations[sector]
        for i, (org, n) in enumerate(sorted(orgs.items(), key=lambda kv: kv[0].casefold())):
            rows.append([P(sector if i == 0 else "", st.cell), P(org, st.cell), P(str(n), st.cell)])
    out.append(table(rows, [c.width * 0.32, c.width * 0.56, c.width * 0.12], zebra=False))
    named = [person for person in r.people if person.name]
    if p.min_group > 1:
        out.append(P(generalised_note(t, p.min_group), st.muted))
    if not r.anonymous and named:
        out += [Spacer(1, 8), P(t("Personas que autorizaron publicar su nombre"), st.h4)]
        out.append(P(", ".join(x.name for x in sorted(named, key=lambda x: x.name.casefold())) + ".", st.body))
        rest = len(r.people) - len(named)
        if rest:
            out.append(P(t.ngettext("Otra persona participó sin autorizar la publicación de su nombre.",
                                    "Otras {n} personas participaron sin autorizar la publicación de su nombre.", rest),
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
    number_w = stringWidth(str(len(notes)), st.cell_small.fontName, st.cell_small.fontSize) + PAD + 1
    widths = [max(0.8 * cm, number_w), None, 3.3 * cm, 2.2 * cm, 2.8 * cm, 1.2 * cm]  # «1000» on one line
    if authors:
        head.insert(4, t("Autoría"))
        widths.insert(4, 2.4 * cm)
    fixed = sum(x for x in widths if x)
    widths = [x if x else c.width - fixed for x in widths]
    small_cols = [w for k, w in enumerate(widths) if k != 1]
    shared: dict[tuple[str, float], object] = {}  # a zone, group or block named by many notes: one paragraph

    def meta_cell(text: str, width: float):
        if (text, width) not in shared:
            shared[text, width] = cell(text, st.cell_small, width)
        return shared[text, width]

    def make(item):
        i, n = item
        canvas = canvases[n.canvas_id]
        where = n.zone_label if one_canvas else " · ".join(
            x for x in (canvas.title or canvas.kind_label, n.zone_label) if x)
        meta = [str(i), where, n.group] + ([n.author] if authors else []) + [n.block, str(n.votes)]
        row = [cell(x, st.cell_small, w) if k in (0, len(meta) - 1) else meta_cell(x, w)
               for k, (x, w) in enumerate(zip(meta, small_cols))]
        row.insert(1, [plain_para(piece, st.cell) for piece in pieces(n.text)])
        return row

    # not a LongTable: it re-measures every remaining row at each page break (quadratic in the notes)
    return [RowTable.build([P(h, st.cell_head) for h in head], list(enumerate(notes, start=1)), widths,
                           st.cell_small, make)]


def notes(c: Ctx) -> list:
    r: Report = c.report
    out: list = []
    for w in r.workshops:
        body = _notes_table(c, w)
        if body and len(r.workshops) > 1:  # a workshop's title starts its table where there is room for it
            # (it splits between rows: a page is not left under 40 % full to start it on the next)
            body = [KeepStart([Heading(w.title, c.st.h3, 2, toc=False), *body], fill=0.4)]
        out += body
    if out:
        out.insert(0, P(c.t("Cada nota tal como se escribió, con su lienzo, grupo y bloque."), c.st.body))
    return out
