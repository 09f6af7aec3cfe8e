"""Adding a canvas of any kind to a workshop, with the method's own zones (no Qt).

A workshop gets its canvases from its script; a facilitator who changes plans
mid-process (a FODA after a diagnostic, a monitoring sheet in a planning
workshop) adds one from here. The zones of a new canvas are those of the first
built-in script that uses that kind, so a FODA added by hand is the same FODA a
script creates; a board gets one open zone.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from ..commands import InsertRow
from ..document import ProcessDocument
from ..i18n import N_, Translator, _, current_language


class KindSpec(NamedTuple):
    kind: str
    name: str  # Spanish source; shown through _()
    title: str  # title given to a new canvas of this kind


KINDS: tuple[KindSpec, ...] = (
    KindSpec("board", N_("Tablero"), N_("Tablero")),
    KindSpec("foda", N_("FODA"), N_("Matriz FODA")),
    KindSpec("problem_tree", N_("Árbol de problemas"), N_("Árbol de problemas")),
    KindSpec("planning_matrix", N_("Matriz de planificación"), N_("Matriz de planificación")),
    KindSpec("monitoring_matrix", N_("Matriz de seguimiento"), N_("Matriz de seguimiento")),
)
BOARD_ZONES = ({"key": "ideas", "label": {"es": "Ideas", "en": "Ideas"}},)


def kind_spec(kind: str) -> KindSpec:
    return next(k for k in KINDS if k.kind == kind)


def default_zones(kind: str, lang: str) -> list[dict[str, str]]:
    """The zones a new canvas of ``kind`` starts with, labelled in ``lang``."""
    from ..domain.templates import builtin_templates

    t = Translator(lang)
    if kind != "board":
        for template in builtin_templates():
            for spec in template.canvases:
                if spec.kind == kind:
                    return [{"key": z.key, "label": t.pick(z.label)} for z in spec.zones]
    return [{"key": z["key"], "label": t.pick(z["label"])} for z in BOARD_ZONES] if kind == "board" else []


def new_canvas(doc: ProcessDocument, workshop_id: str, kind: str, *, lang: str | None = None,
               title: str | None = None) -> InsertRow:
    """One undoable insert of a canvas of ``kind`` at the end of the workshop's canvases."""
    spec = kind_spec(kind)
    lang = lang or current_language()
    t = Translator(lang)
    existing = doc.canvases(workshop_id)
    same = sum(1 for c in existing if c["kind"] == kind and not c.get("variant"))
    name = title or t(spec.title) + (f" {same + 1}" if same else "")
    zones = default_zones(kind, lang)
    return InsertRow("canvas", {
        "workshop_id": workshop_id, "kind": kind, "title": name,
        "zones": json.dumps(zones, ensure_ascii=False),
        "position": max((c["position"] for c in existing), default=-1) + 1,
    }, _("Añadir lienzo «{title}»", title=name))
