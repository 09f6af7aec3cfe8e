"""How a note reads in the report, and the plain note table every matrix falls back on.

Kept apart from ``canvases`` (the section per kind) because the diagrams and the
planning/monitoring matrices draw notes the same way: they import this module,
and ``canvases`` imports them, with no cycle.
"""

from __future__ import annotations


from ..fonts import pieces
from ..labels import zone_heading
from ..model import Canvas, Note, Workshop
from .common import Ctx, P, plain_para, small, table


def _aside(c: Ctx, n: Note, *, group: bool = False, theme: bool = False) -> str:
    bits = []
    if group and n.group:
        bits.append(n.group)
    if theme and n.theme:
        bits.append(n.theme)
    if n.votes:
        bits.append(c.t.ngettext("{n} voto", "{n} votos", n.votes))
    bits += list(n.tag_labels)
    if n.author:
        bits.append(n.author)
    return ("  " + small(" · ".join(bits))) if bits else ""


def note_paras(c: Ctx, n: Note, **aside) -> list:
    """A note as a bulleted paragraph with its aside (group, votes, tags, author).

    A long note comes as several paragraphs (``fonts.pieces``), so that its cost
    at page breaks stays linear in its length.
    """
    parts = pieces(n.text)
    if len(parts) == 1:
        return [plain_para(n.text, c.st.note, _aside(c, n, **aside), bulletText="•")]
    if "note_tight" not in c.memo:
        c.memo["note_tight"] = c.st.note.clone("note_tight", spaceAfter=0)
    tight = c.memo["note_tight"]
    out = [plain_para(p, tight, bulletText="•" if i == 0 else None) for i, p in enumerate(parts[:-1])]
    return out + [plain_para(parts[-1], c.st.note, _aside(c, n, **aside))]


def zone_keys(canvas: Canvas, zones: list[str]) -> list[str]:
    """The zones to show, in the canvas's order, followed by stray zone keys."""
    order = [z.key for z in canvas.zones]
    return sorted(zones, key=lambda z: order.index(z) if z in order else len(order))


def zone_title(c: Ctx, canvas: Canvas, key: str) -> str:
    return canvas.zone_label(key) if key else c.t("Sin zona")
def matrix_section(c: Ctx, w: Workshop, canvas: Canvas, zones: list[str]) -> list:
    """A landscape table, one row per note, grouped by zone; the header repeats on every page."""
    t, st = c.t, c.st
    keys = zone_keys(canvas, list(dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes])))
    notes = [n for k in keys for n in canvas.zone_notes(k)]
    if not notes:
        return []
    columns = [  # (header, value of a note, share of the width); empty optional columns are left out
        (zone_heading(canvas.kind, t), lambda n: zone_title(c, canvas, n.zone), 0.2, True),
        (t("Nota"), lambda n: n.text, 0.42, True),
        (t("Grupo"), lambda n: n.group, 0.1, False),
        (t("Tema"), lambda n: n.theme, 0.12, False),
        (t("Votos"), lambda n: str(n.votes) if n.votes else "", 0.05, False),
        (t("Etiquetas"), lambda n: ", ".join(n.tag_labels), 0.11, False),
    ]
    shown = [col for col in columns if col[3] or any(col[1](n) for n in notes)]
    scale = c.wide / sum(col[2] for col in shown)
    widths = [col[2] * scale for col in shown]
    rows = [[P(col[0], st.cell_head) for col in shown]]
    rows += [[P(col[1](n), st.cell) for col in shown] for n in notes]
    return [table(rows, widths, long=len(rows) > 60)]
