"""Adding a canvas of any kind to a workshop, with the method's own zones (no Qt).

A workshop gets its canvases from its script; a facilitator who changes plans
mid-process (a FODA after a diagnostic, a monitoring sheet in a planning
workshop) adds one from here. The zones of a new canvas are those of the
built-in script the kind names (``Kind.zones_template``), so a FODA added by
hand is the same FODA a script creates; a board gets one open zone.
"""

from __future__ import annotations

import json
from functools import lru_cache

from .commands import InsertRow
from .document import ProcessDocument
from .i18n import Translator, _, current_language
from .kinds.registry import kind

from resources import FOLDER as RESOURCES


@lru_cache(maxsize=None)
def _template_zones(template_id: str, kind_key: str) -> tuple:
    """The zones of the built-in script's first canvas of ``kind_key``, read as stored (bilingual labels).

    Read from the script's file directly: ``facilitator.domain.templates`` validates
    scripts against this registry, so it cannot be imported from here.
    """
    raw = json.loads((RESOURCES / "templates" / f"{template_id}.json").read_text("utf-8"))
    spec = next((c for c in raw["canvases"] if c["kind"] == kind_key), None)
    return tuple(spec["zones"]) if spec else ()


def default_zones(kind_key: str, lang: str) -> list[dict[str, str]]:
    """The zones a new canvas of ``kind_key`` starts with, labelled in ``lang``."""
    spec = kind(kind_key)
    t = Translator(lang)
    zones = _template_zones(spec.zones_template, spec.key) if spec.zones_template else spec.zones
    return [{"key": z["key"], "label": t.pick(z["label"])} for z in zones]


def new_canvas(doc: ProcessDocument, workshop_id: str, kind_key: str, *, lang: str | None = None,
               title: str | None = None) -> InsertRow:
    """One undoable insert of a canvas of ``kind_key`` at the end of the workshop's canvases."""
    spec = kind(kind_key)
    lang = lang or current_language()
    t = Translator(lang)
    existing = doc.canvases(workshop_id)
    same = sum(1 for c in existing if c["kind"] == kind_key and not c.get("variant"))
    name = title or t(spec.title) + (f" {same + 1}" if same else "")
    zones = default_zones(kind_key, lang)
    return InsertRow("canvas", {
        "workshop_id": workshop_id, "kind": kind_key, "title": name,
        "zones": json.dumps(zones, ensure_ascii=False),
        "position": max((c["position"] for c in existing), default=-1) + 1,
    }, _("Añadir lienzo «{title}»", title=name))
