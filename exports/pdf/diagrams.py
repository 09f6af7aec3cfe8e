"""Drawn results: the board's themes-by-group grid, the FODA 2x2 and its cross strategies.

Every text inside a drawing is a Paragraph wrapped to its box, so long words and
emoji behave as in the body text and nothing runs out of its box. (The trees
are drawn in ``tree_diagram``.)
"""

from __future__ import annotations

from collections import defaultdict

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph

from facilitator.foda import EXTERNAL, INTERNAL, NEGATIVE, POSITIVE, QUADRANT_KEYS, STRATEGIES, STRATEGY_KEYS

from ..fonts import markup
from ..model import Canvas, Group, Note
from .common import Ctx, P, small, table
from .notes import note_paras
from .styles import HEAD_BG

FODA_COLOURS = {
    "fortalezas": colors.HexColor("#E3F1E4"),
    "oportunidades": colors.HexColor("#E2EEF6"),
    "debilidades": colors.HexColor("#FBEFD9"),
    "amenazas": colors.HexColor("#F8E1DE"),
}


# -- board grid -------------------------------------------------------------------
def board_grid(c: Ctx, canvas: Canvas, notes: list[Note], groups: list[Group]):
    """Themes (rows) by groups (columns): notes / votes in each cell; None without themes."""
    if not any(n.theme_id for n in notes):
        return None
    lanes = [g for g in groups if any(n.group_id == g.id for n in notes)]
    has_loose = any(n.group_id not in {g.id for g in groups} for n in notes)
    if not lanes:
        return None
    st, t = c.st, c.t
    cells: dict[tuple[str | None, str | None], list[int]] = defaultdict(lambda: [0, 0])
    for n in notes:
        key = (n.theme_id, n.group_id if n.group_id in {g.id for g in lanes} else None)
        cells[key][0] += 1
        cells[key][1] += n.votes
    themes = [th for th in canvas.themes if any(n.theme_id == th.id for n in notes)]
    rows_keys: list[tuple[str | None, str]] = [(th.id, th.name) for th in themes]
    if any(not n.theme_id for n in notes):
        rows_keys.append((None, t("Otras ideas")))
    cols: list[tuple[str | None, str]] = [(g.id, g.name) for g in lanes]
    if has_loose:
        cols.append((None, t("Sin grupo")))
    head = [P(t("Tema"), st.cell_head)] + [P(name, st.cell_head) for _gid, name in cols] + \
        [P(t("Grupos"), st.cell_head)]
    rows = [head]
    extra = []
    for r, (tid, name) in enumerate(rows_keys, start=1):
        row = [P(name, st.cell)]
        spread = 0
        for k, (gid, _name) in enumerate(cols, start=1):
            n, v = cells.get((tid, gid), (0, 0))
            row.append(P(f"{n} / {v}" if n else "–", st.cell))
            if n:
                spread += 1 if gid is not None else 0
                extra.append(("BACKGROUND", (k, r), (k, r), HEAD_BG))
        row.append(P(str(spread), st.cell))
        rows.append(row)
    first = c.width * 0.36
    rest = (c.width - first - 1.8 * cm) / len(cols)
    grid = table(rows, [first] + [rest] * len(cols) + [1.8 * cm], zebra=False, extra=extra)
    return grid


# -- FODA ---------------------------------------------------------------------------
def _two_by_two(c: Ctx, canvas: Canvas, heads: tuple[str, str], bands: list[tuple[str, str, str, str, str]],
                subtitles: dict[str, str] | None = None):
    """A 2x2 of note lists: a header row naming the columns, and per band a title row then one note per row.

    Each note is a row of its own beside its counterpart in the other column, so
    a quadrant with many notes flows onto the next page (header repeated) instead
    of growing one cell taller than a page. ``bands``: (label spanning both
    columns, left zone, right zone, left colour key, right colour key).
    """
    from itertools import zip_longest


    st, t = c.st, c.t
    half = c.width / 2
    rows: list[list] = [[P(heads[0], st.cell_head), P(heads[1], st.cell_head)]]
    extra: list[tuple] = []
    for band, left, right, left_tint, right_tint in bands:
        band_row = len(rows)
        rows.append([P(band, st.label), ""])
        extra += [("SPAN", (0, band_row), (1, band_row)), ("BACKGROUND", (0, band_row), (1, band_row), HEAD_BG),
                  ("LINEABOVE", (0, band_row), (-1, band_row), 2, colors.white)]
        title_row = len(rows)
        titles = []
        for key in (left, right):
            title = markup(canvas.zone_label(key))
            if subtitles and subtitles.get(key):
                title += "<br/>" + small(subtitles[key])
            titles.append(Paragraph(title, st.h4))
        rows.append(titles)
        lefts = sorted(canvas.zone_notes(left), key=lambda n: -n.votes)
        rights = sorted(canvas.zone_notes(right), key=lambda n: -n.votes)
        for a, b in zip_longest(lefts, rights):
            rows.append([note_paras(c, a, group=True) if a else "", note_paras(c, b, group=True) if b else ""])
        if not lefts and not rights:
            rows.append([P(t("(sin notas)"), st.muted), P(t("(sin notas)"), st.muted)])
        last = len(rows) - 1
        # a band's label, its column titles and its first notes stay together on one page
        extra += [("NOSPLIT", (0, band_row), (-1, min(title_row + 1, last))),
                  ("BACKGROUND", (0, title_row), (0, last), FODA_COLOURS[left_tint]),
                  ("BACKGROUND", (1, title_row), (1, last), FODA_COLOURS[right_tint])]
    extra += [("LINEBELOW", (0, 1), (-1, -1), 0, colors.white), ("LINEBEFORE", (1, 1), (1, -1), 2, colors.white),
              ("TOPPADDING", (0, 1), (-1, -1), 2), ("BOTTOMPADDING", (0, 1), (-1, -1), 2)]
    return table(rows, [half, half], zebra=False, extra=extra)


def foda_matrix(c: Ctx, canvas: Canvas):
    """The 2x2: positive | negative columns, internal factors (F, D) above external ones (O, A).

    The axes are named as the method names them (internal/external factors,
    positive/negative) and each note carries its group. None if all four
    quadrants are empty.
    """
    if not any(canvas.zone_notes(z) for z in QUADRANT_KEYS):
        return None
    t = c.t
    return _two_by_two(c, canvas, (t(POSITIVE), t(NEGATIVE)), [
        (t(INTERNAL), "fortalezas", "debilidades", "fortalezas", "debilidades"),
        (t(EXTERNAL), "oportunidades", "amenazas", "oportunidades", "amenazas"),
    ])


def cross_strategies(c: Ctx, canvas: Canvas):
    """The cross strategies (FO, FA over DO, DA): strengths and weaknesses against opportunities and threats.

    None when no strategy was written.
    """
    if not any(canvas.zone_notes(z) for z in STRATEGY_KEYS):
        return None
    t = c.t
    explained = {s.key: t(s.explanation) for s in STRATEGIES}
    return _two_by_two(c, canvas, (canvas.zone_label("oportunidades"), canvas.zone_label("amenazas")), [
        (canvas.zone_label("fortalezas"), "fo", "fa", "fortalezas", "fortalezas"),
        (canvas.zone_label("debilidades"), "do", "da", "debilidades", "debilidades"),
    ], explained)
