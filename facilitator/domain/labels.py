"""Words the app supplies, stored as keys and shown in the reader's language (no Qt).

A process file keeps what the app wrote from its scripts and word lists as a
stable key (``canvas:matriz_foda``, ``zone:fortalezas``, ``gender:mujer``,
``sector:servicios_publicos``, ``actor:…``, ``status:en_curso``) and what users
typed as they typed it. ``show(value, t)`` turns a key into the words of the
translator ``t`` (the UI's, or an export's own) and gives any other value back
unchanged; ``to_key(text)`` finds the key of a Spanish or English app-supplied
word (an import, an older file, an edit that kept the word) and gives other text
back unchanged.

The Spanish text of each key is its source msgid, translated through the
normal catalogue (``facilitator.i18n``): one translation mechanism for all.

Canvas titles and zone labels come from the built-in scripts
(``resources/templates``), the canvas kinds (``facilitator.kinds``) and the
objective tree; gender and initiative statuses are listed here; sectors and
actor categories (and sectors) are the guide's *mapa de redes*.
A canvas title with a number after it ("Tablero 2", "Árbol de objetivos (2)")
keeps the number: ``canvas:board 2``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Callable

from ..i18n import N_, Translator, _catalog, current_translator

from resources import FOLDER as RESOURCES

KINDS = ("canvas", "zone", "gender", "sector", "actor", "status")

# The guide's "Mapa de redes" (002; METHODS §7): actor categories, also the registry's sectors.
ACTOR_CATEGORIES: dict[str, str] = {
    "oficina_migrante": N_("Oficina de atención migrante"),
    "sociedad_civil": N_("Fundaciones y sociedad civil"),
    "sector_privado": N_("Gremios y sector privado"),
    "servicios_publicos": N_("Servicios públicos"),
    "organizaciones_migrantes": N_("Organizaciones migrantes y pro-migrantes"),
    "organismos_internacionales": N_("Organismos internacionales"),
}

GENDERS: dict[str, str] = {
    "mujer": N_("Mujer"),
    "hombre": N_("Hombre"),
    "no_binario": N_("No binario"),
    "otro": N_("Otro"),
    "prefiere_no_decir": N_("Prefiere no decir"),
}

# Statuses of the initiatives that already exist (the guide's registro de iniciativas).
STATUSES: dict[str, str] = {
    "en_curso": N_("En curso"),
    "vigente": N_("Vigente"),
    "en_diseno": N_("En diseño"),
    "suspendida": N_("Suspendida"),
    "finalizada": N_("Finalizada"),
    "renovacion_anual": N_("Renovación anual"),
}

# Zones and titles the app writes outside the scripts (the objective tree, a kind's own zones).
EXTRA_ZONES: dict[str, str] = {
    "objetivo": N_("Objetivo central"),
    "medios": N_("Medios"),
    "fines": N_("Fines"),
}
EXTRA_CANVASES: dict[str, str] = {
    "arbol_objetivos": N_("Árbol de objetivos"),
}

_NUMBERED = re.compile(r"^(?P<base>.*?)(?P<n>\s(?:\d+|\(\d+\)))$")


def _template_words() -> tuple[dict[str, str], dict[str, str]]:
    """Canvas titles and zone labels of the built-in scripts, by key (Spanish)."""
    canvases: dict[str, str] = {}
    zones: dict[str, str] = {}
    folder = RESOURCES / "templates"
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if not ref.name.endswith(".json"):
            continue
        data = json.loads(ref.read_text(encoding="utf-8"))
        for canvas in data.get("canvases", []):
            canvases.setdefault(canvas["key"], canvas["title"]["es"])
            for zone in canvas.get("zones", []):
                zones.setdefault(zone["key"], zone["label"]["es"])
    return canvases, zones


@lru_cache(maxsize=1)
def vocabularies() -> dict[str, dict[str, str]]:
    """Every kind of word: ``{kind: {name: Spanish msgid}}`` (the key is ``kind:name``)."""
    from ..kinds import registry as kinds

    canvases, zones = _template_words()
    for key in kinds.keys():
        spec = kinds.kind(key)
        canvases.setdefault(spec.key, spec.title)
        for zone in spec.zones:
            zones.setdefault(zone["key"], zone["label"]["es"])
    for name, text in EXTRA_CANVASES.items():
        canvases.setdefault(name, text)
    for name, text in EXTRA_ZONES.items():
        zones.setdefault(name, text)
    return {"canvas": canvases, "zone": zones, "gender": dict(GENDERS),
            "sector": dict(ACTOR_CATEGORIES), "actor": dict(ACTOR_CATEGORIES), "status": dict(STATUSES)}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    """For each kind, the folded Spanish and English words → their key (the first one listed wins)."""
    english = _catalog("en")
    out: dict[str, dict[str, str]] = {}
    for kind, words in vocabularies().items():
        table: dict[str, str] = {}
        for name, spanish in words.items():
            table.setdefault(_fold(spanish), f"{kind}:{name}")
        for name, spanish in words.items():
            if spanish in english:
                table.setdefault(_fold(english[spanish]), f"{kind}:{name}")
        out[kind] = table
    return out


def is_key(value: Any) -> bool:
    """Whether ``value`` is a key of an app-supplied word (possibly numbered: ``canvas:board 2``)."""
    return _split(value) is not None


def _split(value: Any) -> tuple[str, str, str] | None:
    """``(kind, name, number suffix)`` of a key; None for anything else."""
    if not isinstance(value, str) or ":" not in value:
        return None
    kind, _sep, rest = value.partition(":")
    words = vocabularies().get(kind)
    if words is None:
        return None
    if rest in words:
        return kind, rest, ""
    numbered = _NUMBERED.match(rest)
    if numbered and numbered["base"] in words:
        return kind, numbered["base"], numbered["n"]
    return None


def to_key(text: Any, kind: str | None = None) -> Any:
    """The key of an app-supplied word in Spanish or English (any case); other values unchanged.

    ``kind`` limits the search to one word list (a participant's gender is looked
    up among genders only); without it the lists are tried in ``KINDS`` order.
    A key is returned as it is.
    """
    if not isinstance(text, str) or not text.strip():
        return text
    if _split(text) is not None:
        return text
    kinds = (kind,) if kind else KINDS
    folded = _fold(text)
    for k in kinds:
        key = _index().get(k, {}).get(folded)
        if key:
            return key
    if "canvas" in kinds:  # "Tablero 2", "Árbol de objetivos (2)"
        numbered = _NUMBERED.match(" ".join(text.split()))
        if numbered:
            key = _index()["canvas"].get(_fold(numbered["base"]))
            if key:
                return key + numbered["n"]
    return text


def source(value: Any) -> Any:
    """The Spanish source of a key (what the file held before keys); other values unchanged."""
    parts = _split(value)
    if parts is None:
        return value
    kind, name, number = parts
    return vocabularies()[kind][name] + number


def show(value: Any, t: Callable[..., str] | None = None) -> Any:
    """A key in the words of translator ``t`` (the UI's when None); any other value unchanged."""
    parts = _split(value)
    if parts is None:
        return value
    kind, name, number = parts
    translate = t if t is not None else current_translator()
    return translate(vocabularies()[kind][name]) + number


def show_zones(zones: list[dict[str, Any]], t: Callable[..., str] | None = None) -> list[dict[str, Any]]:
    """Copies of a canvas's zones with their labels shown (keys kept)."""
    return [{**z, "label": show(z.get("label"), t)} if isinstance(z, dict) else z for z in zones]


def key_zones(zones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of zones with app-supplied labels stored as keys (as they go into the file)."""
    return [{**z, "label": to_key(z.get("label"), "zone")} if isinstance(z, dict) else z for z in zones]


__all__ = ["KINDS", "GENDERS", "STATUSES", "vocabularies", "is_key", "to_key", "show", "source",
           "show_zones", "key_zones", "Translator"]
