"""The process's systematisation read for the report writers (no Qt, no SQL in writers).

Findings come with their counts computed from their links and their
highlighted quotes attributed as the report's anonymity rules allow: a quote of
a note says who wrote it only through the report's own ``Note.author`` (already
decided by ``Privacy``: a name only with consent, otherwise the sector), else its
group; a minutes entry through its ``Entry.speaker`` likewise. A writer never
sees a name it may not print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.document import ProcessDocument
from facilitator.i18n import Translator
from facilitator.synthesis import findings as F
from facilitator.synthesis import tables as T
from facilitator.synthesis.vocab import ACTOR_CATEGORIES, KIND_LABELS, KIND_PLURALS
from facilitator.domain.labels import show

from .labels import tag_text


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str


@dataclass
class Finding:
    id: str
    statement: str
    kind: str
    kind_label: str
    dimensions: tuple[str, ...]
    dimension_labels: tuple[str, ...]
    theme: str
    notes: int
    entries: int
    groups: int
    workshops: int
    sectors: tuple[str, ...]
    votes: int
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True)
class Text:
    body: str
    findings: tuple[str, ...]  # statements of the findings it rests on


@dataclass
class Synthesis:
    findings: list[Finding]
    figures: list[dict[str, str]]
    actors: list[dict[str, str]]
    initiatives: list[dict[str, str]]
    summary: list[Text]
    conclusions: list[Text]
    recommendations: list[Text]
    kind_plurals: dict[str, str]

    @classmethod
    def blank(cls, t: Translator) -> "Synthesis":
        return cls([], [], [], [], [], [], [], {k: t(v) for k, v in KIND_PLURALS.items()})

    @property
    def empty(self) -> bool:
        return not (self.findings or self.figures or self.actors or self.initiatives or self.summary
                    or self.conclusions or self.recommendations)


def _tables_exist(doc: ProcessDocument) -> bool:
    return bool(doc.store.scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='finding'"))


def load_synthesis(doc: ProcessDocument, report: Any) -> Synthesis:
    """The synthesis of ``doc``'s process, with quotes resolved against ``report`` (an exports.model.Report)."""
    t: Translator = report.t
    if not _tables_exist(doc):
        return Synthesis.blank(t)
    plurals = {k: t(v) for k, v in KIND_PLURALS.items()}
    store, pid = doc.store, doc.process["id"]
    notes = {n.id: n for n in report.notes()}
    entries = {e.id: (e, w) for w in report.workshops for e in w.minutes}
    workshops = {w.id: w.title for w in report.workshops}
    voices = F.Voices(store, pid)
    by_finding = F.sources_by_finding(store, pid)
    found: list[Finding] = []
    # k (exports.privacy): a sector of fewer than k people is named «Otros sectores», as in the participation
    # tables; the sectors kept there are exactly those of k people or more
    safe = set(report.participation.by_sector) - {t("Otros sectores")}

    def shown(sectors: list[str]) -> tuple[str, ...]:
        sectors = [str(show(s, t)) for s in sectors]  # the registry's sectors are keys of the app's words
        if report.min_group <= 1:
            return tuple(sectors)
        out = [s if s.strip() in safe else t("Otros sectores") for s in sectors]
        return tuple(dict.fromkeys(out))

    for row in F.findings(store, pid):
        sources = by_finding.get(row["id"], [])
        counts = F.counts(sources, voices)
        quotes = []
        for s in sources:
            if not s.quote:
                continue
            if s.kind == "entry":
                hit = entries.get(s.target_id)
                if hit is None:
                    continue  # outside the report's scope
                entry, w = hit
                who = entry.speaker or entry.group
                quotes.append(Quote(entry.text, ", ".join(x for x in (who, w.title if len(workshops) > 1 else "")
                                                          if x)))
            else:
                note = notes.get(s.target_id)
                if note is None:
                    continue
                who = note.author or note.group
                where = workshops.get(s.workshop_id, "") if len(workshops) > 1 else ""
                quotes.append(Quote(note.text, ", ".join(x for x in (who, where) if x)))
        found.append(Finding(
            row["id"], row["statement"], row["kind"], t(KIND_LABELS[row["kind"]]), tuple(row["dimensions"]),
            tuple(tag_text(d, t) for d in row["dimensions"]), row["theme"], counts.notes, counts.entries,
            counts.groups, counts.workshops, shown(counts.sectors), counts.votes, quotes))
    statements = {f.id: f.statement for f in found}

    def texts(kind: str) -> list[Text]:
        return [Text(r["body"], tuple(statements[i] for i in r["findings"] if i in statements))
                for r in F.texts(store, pid, kind) if r["body"].strip()]

    def rows(table: str) -> list[dict[str, str]]:
        out = []
        for r in T.rows(store, table, pid):
            item = {k: str(v or "") for k, v in r.items() if k not in ("id", "process_id", "created_at",
                                                                       "updated_at", "position")}
            if table == "actor":
                item["category"] = t(ACTOR_CATEGORIES[item["category"]]) if item["category"] in ACTOR_CATEGORIES \
                    else item["category"]
            if table == "existing_initiative":
                item["status"] = str(show(item["status"], t))
            out.append(item)
        return out

    return Synthesis(found, rows("key_figure"), rows("actor"), rows("existing_initiative"), texts("summary"),
                     texts("conclusion"), texts("recommendation"), plurals)


def synthesis_sheets(report: Any, sheet: type) -> list:
    """The synthesis as tables (XLSX sheets, CSV files): findings with their counts, and the guide's tables."""
    t: Translator = report.t
    s: Synthesis = report.synthesis
    findings = sheet(t("Hallazgos"), [t("Tema"), t("Tipo"), t("Hallazgo"), t("Dimensiones"), t("Notas"),
                                     t("Intervenciones"), t("Grupos"), t("Talleres"), t("Sectores"), t("Votos"),
                                     t("Citas destacadas")],
                     [[f.theme, f.kind_label, f.statement, ", ".join(f.dimension_labels), f.notes, f.entries, f.groups,
                       f.workshops, ", ".join(f.sectors), f.votes,
                       "\n".join(f"«{q.text}» — {q.attribution}" if q.attribution else f"«{q.text}»" for q in f.quotes)]
                      for f in s.findings])
    figures = sheet(t("Principales cifras"), [t("Cifra"), t("Valor"), t("Fuente"), t("Año")],
                    [[f["figure"], f["value"], f["source"], f["year"]] for f in s.figures])
    actors = sheet(t("Mapa de actores"), [t("Organización"), t("Categoría de actor"), t("Rol"),
                                          t("Relación con la política")],
                   [[a["organisation"], a["category"], a["role"], a["relation"]] for a in s.actors])
    initiatives = sheet(t("Iniciativas existentes"), [t("Iniciativa"), t("Responsable"), t("Estado"),
                                                      t("Población atendida")],
                        [[i["name"], i["responsible"], i["status"], i["population"]] for i in s.initiatives])
    texts = sheet(t("Conclusiones"), [t("Texto"), t("Contenido"), t("Se apoya en")],
                  [[label, x.body, "; ".join(x.findings)] for label, items in
                   ((t("Resumen ejecutivo"), s.summary), (t("Conclusiones"), s.conclusions),
                    (t("Recomendaciones"), s.recommendations)) for x in items])
    return [findings, figures, actors, initiatives, texts]
