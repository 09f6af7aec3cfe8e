"""Names of the app's fixed vocabularies as a report shows them, in the report's language.

The store keeps stable keys (``idea_clave``, ``favourable``, ``plenary``); every
writer (PDF, spreadsheets, DOCX) shows them through these tables so they agree.
"""

from __future__ import annotations

from facilitator import kinds
from facilitator.domain.tags import tag_label
from facilitator.i18n import N_, Translator
from facilitator.planning import MATRIX_COLUMNS
from facilitator.planning import SMART as SMART_CRITERIA
from facilitator.record import KIND_LABELS, RECEPTION_LABELS, STATUS_LABELS

# The minutes, commitment and validation vocabularies are the record's own.
MINUTES_KINDS = KIND_LABELS
COMMITMENT_STATUSES = STATUS_LABELS
RECEPTIONS = RECEPTION_LABELS

INPUT_MODES = {
    "individual": N_("individual"),
    "group": N_("en grupos"),
    "plenary": N_("plenario"),
}



def shared_theme_line(t: Translator, theme: str, groups: list[str], notes: int, votes: int) -> str:
    """«"Agua" aparece en 2 grupos (A, B): 5 notas, 1 voto.», each count with its own plural."""
    return t("«{theme}» aparece en {groups}: {notes}, {votes}.", theme=theme,
             groups=t.ngettext("{n} grupo ({names})", "{n} grupos ({names})", len(groups), names=", ".join(groups)),
             notes=t.ngettext("{n} nota", "{n} notas", notes), votes=t.ngettext("{n} voto", "{n} votos", votes))


def kind_name(kind: str, t: Translator) -> str:
    """The canvas kind as reports call it (the kind registry's ``report_name``), or the key itself."""
    spec = kinds.get(kind)
    return t(spec.shown_in_reports) if spec else kind


def zone_heading(kind: str, t: Translator) -> str:
    """What the kind's zones are in its method: the first column of a matrix (the registry's ``zone_heading``)."""
    spec = kinds.get(kind)
    return t(spec.zone_heading if spec else N_("Zona"))


def label(table: dict[str, str], key: str, t: Translator) -> str:
    """The translated label of ``key``, or the key itself when it is not in the table."""
    return t(table[key]) if key in table else key


def tag_text(key: str, t: Translator) -> str:
    return tag_label(key, t.lang)


RUN_STATES = {
    "done": N_("Realizado"),
    "current": N_("En curso"),
    "pending": N_("Pendiente"),
    "skipped": N_("No realizado"),
    "added": N_("Agregado"),
    "removed": N_("Quitado"),
}

MONTHS = (N_("enero"), N_("febrero"), N_("marzo"), N_("abril"), N_("mayo"), N_("junio"), N_("julio"),
          N_("agosto"), N_("septiembre"), N_("octubre"), N_("noviembre"), N_("diciembre"))


def long_date(value: str, t: Translator) -> str:
    """An ISO date (``2026-10-14``) as people write it; anything else is shown as typed."""
    try:
        year, month, day = (int(p) for p in value.strip()[:10].split("-"))
        name = t(MONTHS[month - 1])
    except (ValueError, IndexError):
        return value.strip()
    return t("{day} de {month} de {year}", day=day, month=name, year=year)


def table_date(value: object, t: Translator) -> object:
    """A cell that is exactly an ISO date, written as in the prose (report tables); anything else unchanged."""
    if isinstance(value, str) and len(value.strip()) == 10 and value.strip()[4] == "-" and value.strip()[7] == "-":
        return long_date(value, t)
    return value


# -- the structured method canvases (METHODS §2–§5) -------------------------------------------
OBJECTIVE_TREE = N_("Árbol de objetivos")

# The planning matrix's columns, exactly as the method's flipchart names them (the app's own list).
PLANNING_COLUMNS = MATRIX_COLUMNS

# The detail questions each group answers about an initiative.
INITIATIVE_DETAILS = {
    "description": N_("¿En qué consiste?"),
    "needs_funding": N_("¿Requiere financiamiento adicional?"),
    "objective": N_("Objetivo SMART"),
    "indicators": N_("Indicadores de éxito"),
}

SMART = {c.key: c.label for c in SMART_CRITERIA}

# The monitoring sheet's columns in the method's order (headers: facilitator.monitoring.COLUMNS):
# general data and progress, then the quick evaluation.
MONITORING_GENERAL = ("name", "objective", "responsible", "start_date", "end_date", "indicator", "target",
                      "current_state", "last_review")
MONITORING_QUICK = ("on_track", "achievements", "challenges", "needs_adjustment", "adjustments",
                    "adjustment_responsible", "adjustment_deadline")

# Prioritisation marks of a tree's nodes: causes critical or manageable, effects serious or urgent.
MARKS = {
    "critical": N_("Crítica"),
    "manageable": N_("Manejable"),
    "serious": N_("Grave"),
    "urgent": N_("Urgente"),
}
