"""Which sections a report holds, in the order of a systematised report (issue 15).

The report built around the synthesis follows the guide's diagnostic report
(002, 2.4) and the dialogue report (001): summary, objectives and method, the
numbers, key figures, findings, the method results, conclusions and
recommendations, then annexes. A process without a synthesis keeps today's
record (workshop by workshop, block by block) unless sections are asked for.

Section keys are stable (CLI ``--sections``); labels are shown in the report's
language.
"""

from __future__ import annotations

from facilitator.i18n import N_

# (key, Spanish label, part): part "body" or "annex".
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("summary", N_("Resumen ejecutivo"), "body"),
    ("method", N_("Objetivos y metodología"), "body"),
    ("numbers", N_("En números"), "body"),
    ("figures", N_("Principales cifras"), "body"),
    ("findings", N_("Hallazgos"), "body"),
    ("foda", N_("FODA"), "body"),
    ("trees", N_("Árboles de problemas y de objetivos"), "body"),
    ("planning", N_("Matriz de planificación"), "body"),
    ("monitoring", N_("Seguimiento"), "body"),
    ("conclusions", N_("Conclusiones y recomendaciones"), "body"),
    ("workshops", N_("Documentación de cada taller"), "annex"),
    ("script", N_("Guion de facilitación en la documentación"), "annex"),
    ("participants", N_("Participantes y organizaciones"), "annex"),
    ("actors", N_("Mapa de actores"), "annex"),
    ("initiatives", N_("Registro de iniciativas existentes"), "annex"),
    ("photos", N_("Fotos de los papelógrafos"), "annex"),
    ("notes", N_("Lista completa de notas"), "annex"),
)
KEYS: tuple[str, ...] = tuple(k for k, _l, _p in SECTIONS)
LABELS: dict[str, str] = {k: label for k, label, _p in SECTIONS}
# The facilitator's script (block instructions) is left out unless asked for.
DEFAULT: tuple[str, ...] = tuple(k for k in KEYS if k != "script")
RECORD = "record"  # today's record: workshop by workshop


class SectionsError(ValueError):
    """Unknown section names: the message lists the known ones."""


def parse_sections(text: str) -> tuple[str, ...]:
    """Section keys from a comma-separated list, in report order.

    "all" is every default section; "record" is today's record, workshop by workshop.
    """
    wanted = [w.strip().casefold() for w in text.split(",") if w.strip()]
    if not wanted:
        raise SectionsError("")
    if wanted == ["all"]:
        return DEFAULT
    if wanted == [RECORD]:
        return (RECORD,)
    unknown = [w for w in wanted if w not in KEYS]
    if unknown:
        raise SectionsError(", ".join(unknown))
    return tuple(k for k in KEYS if k in wanted)


def resolve(asked: tuple[str, ...] | None, report) -> tuple[str, ...] | None:
    """The sections to lay out: those asked for, or the default; None means today's record."""
    if asked is None:
        return default_sections(report)
    return None if tuple(asked) == (RECORD,) else tuple(asked)


def default_sections(report) -> tuple[str, ...] | None:
    """The report's sections when none were asked for: the synthesised report, or None for today's record."""
    synthesis = getattr(report, "synthesis", None)
    if synthesis is None or synthesis.empty:
        return None
    return DEFAULT
