"""The words of the systematisation: kinds of finding, actor categories, the guide's tables.

Kinds follow the two report structures in the seeds: the diagnostic report
(002, 2.4: desafíos, fortalezas, oportunidades) and the dialogue report (001:
per theme avances, desafíos y lecciones aprendidas, recomendaciones). Actor
categories are the guide's "Mapa de redes" (002; METHODS §7). Stored values are
keys; labels are Spanish sources translated where shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.labels import ACTOR_CATEGORIES  # noqa: F401  (the guide's categories; sectors too)
from ..domain.tags import TAGS
from ..i18n import N_
from ..store.schema import FINDING_KINDS, SYNTHESIS_TEXT_KINDS

KIND_LABELS: dict[str, str] = {
    "desafio": N_("Desafío"),
    "fortaleza": N_("Fortaleza"),
    "oportunidad": N_("Oportunidad"),
    "avance": N_("Avance"),
    "leccion": N_("Lección aprendida"),
    "recomendacion": N_("Recomendación"),
}
KIND_PLURALS: dict[str, str] = {
    "desafio": N_("Desafíos"),
    "fortaleza": N_("Fortalezas"),
    "oportunidad": N_("Oportunidades"),
    "avance": N_("Avances"),
    "leccion": N_("Lecciones aprendidas"),
    "recomendacion": N_("Recomendaciones"),
}
assert tuple(KIND_LABELS) == FINDING_KINDS

DIMENSIONS: tuple[str, ...] = tuple(t.key for t in TAGS if t.kind == "dimension")


TEXT_LABELS: dict[str, str] = {
    "summary": N_("Resumen ejecutivo"),
    "conclusion": N_("Conclusiones"),
    "recommendation": N_("Recomendaciones"),
}
assert tuple(TEXT_LABELS) == SYNTHESIS_TEXT_KINDS


@dataclass(frozen=True)
class TableSpec:
    """One of the guide's tables: its SQL table, its columns (field, Spanish header) and CSV aliases."""

    table: str
    title: str
    columns: tuple[tuple[str, str], ...]
    aliases: dict[str, tuple[str, ...]]
    required: str  # the field a row cannot be without


TABLES: dict[str, TableSpec] = {
    "key_figure": TableSpec(
        "key_figure", N_("Principales cifras"),
        (("figure", N_("Cifra")), ("value", N_("Valor")), ("source", N_("Fuente")), ("year", N_("Año"))),
        {"figure": ("cifra", "figure", "dato", "indicador", "indicator"), "value": ("valor", "value"),
         "source": ("fuente", "source"), "year": ("año", "ano", "year", "fecha", "date")},
        "figure"),
    "actor": TableSpec(
        "actor", N_("Mapa de actores"),
        (("organisation", N_("Organización")), ("category", N_("Categoría de actor")), ("role", N_("Rol")),
         ("relation", N_("Relación con la política"))),
        {"organisation": ("organización", "organizacion", "organisation", "organization", "institución", "actor"),
         "category": ("categoría", "categoria", "category", "tipo de actor", "tipo", "type"),
         "role": ("rol", "role", "función", "funcion"),
         "relation": ("relación con la política", "relacion con la politica", "relación", "relacion",
                      "relation to the policy", "relation")},
        "organisation"),
    "existing_initiative": TableSpec(
        "existing_initiative", N_("Registro de iniciativas existentes"),
        (("name", N_("Iniciativa")), ("responsible", N_("Responsable")), ("status", N_("Estado")),
         ("population", N_("Población atendida"))),
        {"name": ("iniciativa", "nombre", "name", "initiative"),
         "responsible": ("responsable", "responsible", "institución responsable"),
         "status": ("estado", "status", "situación"),
         "population": ("población atendida", "poblacion atendida", "población", "poblacion", "population served",
                        "population", "beneficiarios", "beneficiaries")},
        "name"),
}
