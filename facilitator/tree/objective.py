"""The objective tree: a problem tree restated, each problem turned into an objective (no Qt)."""

from __future__ import annotations

import json
import re
from typing import Any

from ..commands import Command, InsertRow, Macro
from ..document import ProcessDocument
from ..i18n import _
from .model import KIND, OBJECTIVES, TreeError, _canvas, arrows, tree_canvases, zone_roles

# -- the objective tree ------------------------------------------------------------------------------------
# Restating a problem as an objective: a short, transparent list of rewrites of the
# phrase's opening (or ending) words, each turning a negative condition into the
# positive one. It is a starting draft for the group to edit, not a translation:
# a text no rule fits is kept as it is, never prefixed with something generic.
_WORD = r"(?P<rest>.+)"
_PREP = r"(?P<prep>del?|para|en|sobre|hacia|a)\s+"
_RULES: list[tuple[str, str]] = [
    # Spanish
    (r"falta\s+de\s+(?P<rest>\w+miento\b.*)", "{Rest}"),
    (rf"falta\s+{_PREP}{_WORD}", "Existencia {prep} {rest}"),
    (rf"(?:escasez|carencia)\s+{_PREP}{_WORD}", "Disponibilidad {prep} {rest}"),
    (rf"ausencia\s+{_PREP}{_WORD}", "Presencia {prep} {rest}"),
    (rf"d[ée]ficit\s+{_PREP}{_WORD}", "Cobertura suficiente {prep} {rest}"),
    (rf"(?:escas[ao]|poc[ao]|insuficiente)\s+{_WORD}", "Suficiente {rest}"),
    (rf"(?:escas[ao]s|poc[ao]s|insuficientes)\s+{_WORD}", "Suficientes {rest}"),
    (rf"(?:aumento|incremento|crecimiento|alza)\s+{_PREP}{_WORD}", "Disminución {prep} {rest}"),
    (rf"(?:disminuci[óo]n|reducci[óo]n|ca[íi]da)\s+{_PREP}{_WORD}", "Aumento {prep} {rest}"),
    (rf"p[ée]rdida\s+{_PREP}{_WORD}", "Conservación {prep} {rest}"),
    (rf"discriminaci[óo]n\s+en\s+{_WORD}", "{Rest} sin discriminación"),
    (rf"discriminaci[óo]n\s+{_WORD}", "Ausencia de discriminación {rest}"),
    (rf"dificultad(?:es)?\s+{_PREP}{_WORD}", "Condiciones favorables {prep} {rest}"),
    (rf"barreras?\s+{_PREP}{_WORD}", "Reducción de barreras {prep} {rest}"),
    (rf"precariedad\s+{_WORD}", "Estabilidad {rest}"),
    (rf"deterioro\s+{_PREP}{_WORD}", "Mejora {prep} {rest}"),
    (rf"pobreza\s+{_PREP}{_WORD}", "Superación de la pobreza {prep} {rest}"),
    (rf"mayor(?P<n>es)?\s+{_WORD}", "Menor{n} {rest}"),
    (rf"menor(?P<n>es)?\s+{_WORD}", "Mayor{n} {rest}"),
    (rf"desconocimiento\s+{_PREP}{_WORD}", "Conocimiento {prep} {rest}"),
    (rf"desinformaci[óo]n\s+{_PREP}{_WORD}", "Información disponible {prep} {rest}"),
    (rf"desconfianza\s+{_PREP}{_WORD}", "Confianza {prep} {rest}"),
    (rf"exclusi[óo]n\s+{_WORD}", "Inclusión {rest}"),
    (r"desempleo", "Empleo"),
    (rf"desempleo\s+{_WORD}", "Empleo {rest}"),
    (rf"sin\s+{_WORD}", "Con {rest}"),
    (rf"no\s+(?P<verb>hay|existen?)\s+{_WORD}", "{Verb} {rest}"),
    (rf"(?P<bad>mal(?:[ao]s?)?)\s+{_WORD}", "{good} {rest}"),
    (rf"bajo\s+{_WORD}", "Alto {rest}"),
    (rf"baja\s+{_WORD}", "Alta {rest}"),
    (rf"alto\s+{_WORD}", "Bajo {rest}"),
    (rf"alta\s+{_WORD}", "Baja {rest}"),
    (rf"{_WORD}\s+insuficientes", "{Rest} suficientes"),
    (rf"{_WORD}\s+insuficiente", "{Rest} suficiente"),
    (rf"{_WORD}\s+limitad(?P<end>[ao]s?)", "{Rest} adecuad{end}"),
    # English
    (rf"lack\s+of\s+{_WORD}", "Availability of {rest}"),
    (rf"(?:shortage|scarcity)\s+of\s+{_WORD}", "Sufficient {rest}"),
    (rf"(?:insufficient|scarce|limited)\s+{_WORD}", "Sufficient {rest}"),
    (rf"(?:increase|rise)\s+(?P<prep>in|of)\s+{_WORD}", "Reduction {prep} {rest}"),
    (rf"(?:rising|growing|higher)\s+{_WORD}", "Lower {rest}"),
    (rf"(?:decrease|reduction|fall|loss)\s+(?P<prep>in|of)\s+{_WORD}", "Increase {prep} {rest}"),
    (rf"discrimination\s+in\s+{_WORD}", "{Rest} free of discrimination"),
    (rf"difficult(?:y|ies)\s+(?:in|with|for|of)\s+{_WORD}", "Favourable conditions for {rest}"),
    (rf"barriers?\s+(?:to|for)\s+{_WORD}", "Fewer barriers to {rest}"),
    (rf"poor\s+{_WORD}", "Good {rest}"),
    (rf"low\s+{_WORD}", "High {rest}"),
    (rf"high\s+{_WORD}", "Low {rest}"),
    (r"unemployment", "Employment"),
]
_COMPILED = [(re.compile(rf"^{pattern}$", re.IGNORECASE | re.DOTALL), template) for pattern, template in _RULES]
class _Blank(dict):
    """Template fields; an optional part the text did not have (a plural ending) is empty."""

    def __missing__(self, key: str) -> str:
        return ""


_GOOD = {"mal": "buen", "malo": "buen", "mala": "buena", "malos": "buenos", "malas": "buenas"}


def restate(text: str) -> str:
    """A problem restated as an objective by the first rule that fits; the text itself when none does.

    ``"Falta de políticas inclusivas"`` → ``"Existencia de políticas inclusivas"``;
    ``"Discriminación en procesos de selección"`` → ``"Procesos de selección sin
    discriminación"``; ``"Incremento del desempleo"`` → ``"Disminución del desempleo"``.
    """
    stripped = text.strip()
    for pattern, template in _COMPILED:
        match = pattern.match(stripped)
        if match is None:
            continue
        parts = {k: v for k, v in match.groupdict().items() if v is not None}
        if "bad" in parts:
            parts["good"] = _GOOD[parts["bad"].lower()]
        if "prep" in parts:
            parts["prep"] = parts["prep"].lower()
        fields = _Blank({**parts, **{k.capitalize(): v[:1].upper() + v[1:] for k, v in parts.items()}})
        result = template.format_map(fields)
        return result[:1].upper() + result[1:] if stripped[:1].isupper() else result[:1].lower() + result[1:]
    return text


def objective_trees(doc: ProcessDocument, canvas_id: str) -> list[dict[str, Any]]:
    """The objective trees made from a problem tree, oldest first."""
    canvas = doc.canvas(canvas_id)
    if canvas is None:
        return []
    return [c for c in tree_canvases(doc, canvas["workshop_id"])
            if c["origin_id"] == canvas_id and c["variant"] == OBJECTIVES]


def convert_to_objectives(doc: ProcessDocument, canvas_id: str) -> Macro:
    """A new objective tree restating every node and copying every arrow between them: one undo step.

    The new canvas (kind ``problem_tree``, variant ``objectives``, ``origin_id`` the
    problem tree) has the zones "Objetivo central", "Medios" and "Fines"; each node
    is a copy (``origin_id`` = the problem node, same group, marks and scores) with
    its text restated by ``restate`` for the group to edit. The macro carries
    ``canvas_id``, ``restated`` (how many texts a rule changed) and ``total``.
    """
    source = _canvas(doc, canvas_id)
    if source["variant"] == OBJECTIVES:
        raise TreeError(_("Este ya es un árbol de objetivos."), "already_objectives")
    notes = doc.notes(canvas_id)
    if not notes:
        raise TreeError(_("El árbol de problemas está vacío: agregue primero el problema central, sus causas y "
                          "sus efectos."), "empty_tree")
    siblings = doc.canvases(source["workshop_id"])
    made = len(objective_trees(doc, canvas_id))
    keys = {c["key"] for c in siblings}
    key, k = "arbol_objetivos", 1
    while key in keys:
        k += 1
        key = f"arbol_objetivos_{k}"
    title = _("Árbol de objetivos") if not made else _("Árbol de objetivos ({n})", n=made + 1)
    zones = [{"key": "objetivo", "label": _("Objetivo central")}, {"key": "medios", "label": _("Medios")},
             {"key": "fines", "label": _("Fines")}]
    canvas = InsertRow("canvas", {
        "workshop_id": source["workshop_id"], "key": key, "kind": KIND, "title": title,
        "zones": json.dumps(zones, ensure_ascii=False), "variant": OBJECTIVES, "origin_id": canvas_id,
        "position": max((c["position"] for c in siblings), default=-1) + 1})
    roles = zone_roles(source)
    zone_map = {roles["trunk"]: "objetivo", roles["cause"]: "medios", roles["effect"]: "fines"}
    copied = ("group_id", "block_id", "author", "participant_id", "colour", "tags", "votes", "position", "marks",
              "impact", "feasibility", "x", "y")
    commands: list[Command] = [canvas]
    new_ids: dict[str, str] = {}
    restated = 0
    for row in notes:
        text = restate(row["text"])
        restated += text != row["text"]
        node = InsertRow("note", {**{f: row[f] for f in copied}, "canvas_id": canvas.id,
                                  "zone": zone_map.get(row["zone"], row["zone"]), "text": text,
                                  "origin_id": row["id"]})
        new_ids[row["id"]] = node.id
        commands.append(node)
    for link in arrows(doc, canvas_id):
        if link["source_id"] not in new_ids or link["target_id"] not in new_ids:
            continue  # an end on another canvas (an imported exchange can hold one): nothing to copy it to
        commands.append(InsertRow("link", {"canvas_id": canvas.id, "source_id": new_ids[link["source_id"]],
                                           "target_id": new_ids[link["target_id"]], "kind": link["kind"]}))
    macro = Macro(commands, _("Convertir en árbol de objetivos"))
    macro.canvas_id = canvas.id  # type: ignore[attr-defined]
    macro.restated = restated  # type: ignore[attr-defined]
    macro.total = len(notes)  # type: ignore[attr-defined]
    return macro
