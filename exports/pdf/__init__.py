"""The PDF report of a workshop or of the whole process (reportlab).

``write_pdf(report, path)`` lays out cover, contents, objectives and method, the
numbers, one chapter per workshop, process commitments and the annexes, and
writes the file atomically. ``progress(done, total)`` is called as flowables are
placed, for the GUI's progress bar.
"""

from __future__ import annotations

import os
from typing import Callable

from reportlab import rl_config

from facilitator import __version__

from ..atomic import atomic_path
from ..fonts import missing_characters, replacement, reset_missing
from ..model import Report
from .annexes import annexes
from .common import Ctx
from .front import contents, cover, objectives, participation
from .styles import make_styles
from .template import ReportDoc
from .workshop import chapter, commitments

Progress = Callable[[int, int], None]

# Binary streams, not ASCII85: photos are embedded as their JPEG bytes, a fifth
# smaller, and without reportlab's pure-Python ASCII85 encoder (seconds per report).
rl_config.useA85 = 0


def story(c: Ctx, progress=None, sections: tuple[str, ...] | None = None) -> list:
    """Today's record (``sections`` None) or the report built around the synthesis."""
    if sections is not None:
        from .synthesis import synthesis_story

        body = synthesis_story(c, sections, progress)
        return [*cover(c), *contents(c, body), *body]
    r: Report = c.report
    several = len(r.workshops) > 1
    body: list = [*objectives(c)]
    body += participation(c, r.participation, level=0, workshops=r.workshops)
    for w in r.workshops:
        body += chapter(c, w, several=several)
    body += commitments(c, r.commitments, 0, title=c.t("Compromisos del proceso"))
    body += annexes(c, progress)
    return [*cover(c), *contents(c, body), *body]


def write_pdf(report: Report, path: str | os.PathLike[str], progress: Progress | None = None,
              sections: tuple[str, ...] | None = None) -> None:
    st = make_styles()
    t = report.t
    from reportlab.lib.pagesizes import A4, landscape

    from .template import MARGIN

    c = Ctx(report, t, st, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN, landscape(A4)[0] - 2 * MARGIN)
    reset_missing()
    flow = story(c, sections=sections)
    total = max(len(flow), 1)  # one layout pass: one tick per flowable placed
    placed = [0]

    def tick() -> None:
        placed[0] += 1
        if progress is not None:
            progress(min(placed[0], total), total)

    with atomic_path(path) as tmp:
        doc = ReportDoc(str(tmp), footer_title=report.title, page_label=lambda n, total: t("Página {n} de {total}", n=n, total=total),
                        progress=tick if progress else None, title=report.title,
                        author=report.organisers, subject=t("Sistematización"), creator=f"Papelógrafo {__version__}",
                        lang=report.lang)
        doc.build(flow)
        doc.finish()
    missing = missing_characters()
    if missing:
        shown = ", ".join(f"«{ch}» ({replacement(ch)[1:-1]})" for ch in missing[:4])
        report.warn(t.ngettext("El PDF no pudo dibujar {n} carácter porque ninguna fuente de este equipo lo tiene; "
                               "aparece con su nombre Unicode entre corchetes: {chars}. Instale una fuente para esa "
                               "escritura (p. ej. de la familia Noto) y vuelva a exportar.",
                               "El PDF no pudo dibujar {n} caracteres porque ninguna fuente de este equipo los tiene; "
                               "aparecen con su nombre Unicode entre corchetes: {chars}. Instale una fuente para esa "
                               "escritura (p. ej. de la familia Noto) y vuelva a exportar.", len(missing), chars=shown))
