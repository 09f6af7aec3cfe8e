"""The tag vocabulary of the method, and how typed text finds a tag or a name.

The eight policy dimensions and the three horizons of the methodology (METHODS.md
§7) are the tags a note can carry. Notes store the stable *key*; the labels are
shown in the UI's language. Defined once here so the board, the importers and the
reports agree on them.

``fold`` and ``resolve`` are the one matching rule for what people type in
spreadsheets (tags, zones, column names): case, accents, punctuation and spacing
do not matter, and a single distinctive word is enough when it names one choice
only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping


@dataclass(frozen=True)
class Tag:
    key: str
    kind: str  # "dimension" | "horizon"
    label: dict[str, str]  # language -> label


TAGS: tuple[Tag, ...] = (
    Tag("capacidades_institucionales", "dimension",
        {"es": "Capacidades institucionales", "en": "Institutional capacities"}),
    Tag("migracion_segura", "dimension",
        {"es": "Migración segura, ordenada y regular", "en": "Safe, orderly and regular migration"}),
    Tag("asistencia_proteccion", "dimension",
        {"es": "Asistencia y protección social", "en": "Social assistance and protection"}),
    Tag("integracion", "dimension", {"es": "Integración", "en": "Integration"}),
    Tag("trabajo_desarrollo", "dimension",
        {"es": "Trabajo y desarrollo económico", "en": "Work and economic development"}),
    Tag("salud", "dimension", {"es": "Salud", "en": "Health"}),
    Tag("educacion", "dimension", {"es": "Educación", "en": "Education"}),
    Tag("participacion", "dimension",
        {"es": "Participación política, social y cultural", "en": "Political, social and cultural participation"}),
    Tag("corto_plazo", "horizon", {"es": "Corto plazo", "en": "Short term"}),
    Tag("mediano_plazo", "horizon", {"es": "Mediano plazo", "en": "Medium term"}),
    Tag("largo_plazo", "horizon", {"es": "Largo plazo", "en": "Long term"}),
)

TAG_KEYS: tuple[str, ...] = tuple(t.key for t in TAGS)
_BY_KEY = {t.key: t for t in TAGS}

# Words that never distinguish one choice from another on their own.
STOPWORDS = frozenset("y e o u de del la las el los en a al con para por and or of the to in for".split())


@lru_cache(maxsize=4096)  # imports fold the same zone, group and tag names on every row
def fold(text: str) -> str:
    """Text reduced to what matters for matching: lower case, no accents, single spaces.

    Punctuation and underscores become spaces, so "Migración segura, ordenada" and
    "migracion_segura ordenada" fold alike.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def _words(folded: str) -> set[str]:
    return {w for w in folded.split() if w not in STOPWORDS}


@dataclass(frozen=True)
class Resolution:
    """Outcome of matching typed text against named choices."""

    key: str | None  # the one choice found
    ambiguous: tuple[str, ...] = ()  # several choices share the word(s) typed


def resolve(text: str, choices: Mapping[str, Iterable[str]]) -> Resolution:
    """Find the choice ``text`` names: by key or any name, else by an unambiguous word.

    ``choices`` maps each key to its names (labels in every language). Whole
    names win over words; a word match needs every distinctive word typed to
    appear in exactly one choice's names.
    """
    return _resolve_folded(fold(text), _fold_choices(choices))


def _fold_choices(choices: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    return {key: {fold(key), *(fold(n) for n in ns)} - {""} for key, ns in choices.items()}


def _resolve_folded(typed: str, names: dict[str, set[str]]) -> Resolution:
    if not typed:
        return Resolution(None)
    exact = [key for key, ns in names.items() if typed in ns]
    if len(exact) == 1:
        return Resolution(exact[0])
    if exact:
        return Resolution(None, tuple(exact))
    words = _words(typed)
    if not words:
        return Resolution(None)
    hits = [key for key, ns in names.items() if words <= set().union(*(_words(n) for n in ns))]
    if len(hits) == 1:
        return Resolution(hits[0])
    return Resolution(None, tuple(hits))


def tag_choices() -> dict[str, list[str]]:
    return {t.key: list(t.label.values()) for t in TAGS}


_TAG_NAMES = _fold_choices(tag_choices())


def find_tag(text: str) -> Resolution:
    """The tag a spreadsheet cell or a typed word names (key or label, any language)."""
    return _resolve_folded(fold(text), _TAG_NAMES)


def tag_label(key: str, lang: str) -> str:
    """A tag's label in ``lang`` (Spanish if missing); unknown keys show as typed."""
    tag = _BY_KEY.get(key)
    if tag is None:
        return key
    return tag.label.get(lang) or tag.label["es"]


def split_tags(cell: str) -> tuple[list[str], list[str]]:
    """Tags named in one cell separated by commas, semicolons or pipes.

    Labels may contain commas themselves ("Migración segura, ordenada y
    regular"), so consecutive pieces are joined back when together they name a
    tag. Returns (keys found in order without repeats, pieces that name no tag).
    """
    pieces = [p for p in re.split(r"[,;|]", cell)]
    keys: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(pieces):
        if not pieces[i].strip():
            i += 1
            continue
        for j in range(len(pieces), i, -1):
            found = find_tag(",".join(pieces[i:j]))
            if found.key is not None:
                if found.key not in keys:
                    keys.append(found.key)
                i = j
                break
        else:
            unknown.append(pieces[i].strip())
            i += 1
    return keys, unknown
