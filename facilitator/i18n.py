"""One translation mechanism for the UI, the CLI and the exporters.

Spanish is the source language: every user-facing string in the code is written in
Spanish and wrapped in ``_()`` (or ``N_()`` where it must be translated later, e.g.
in declarations). ``resources/i18n/<lang>/*.json`` map the Spanish text to other
languages (one catalog file per area of the app, merged on load). Exporters that
write a report in a language other than the UI's use a ``Translator`` of their own
instead of the module-level ``_``.

Placeholders use ``str.format`` names: ``_("Abrir {name}", name=x)``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

SOURCE_LANGUAGE = "es"
LANGUAGES = {"es": "Español", "en": "English"}


@lru_cache(maxsize=None)
def _catalog(lang: str) -> dict[str, str]:
    if lang == SOURCE_LANGUAGE:
        return {}
    folder = resources.files("resources").joinpath("i18n", lang)
    merged: dict[str, str] = {}
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if ref.name.endswith(".json"):
            data = json.loads(ref.read_text(encoding="utf-8"))
            merged.update({k: v for k, v in data.items() if isinstance(v, str) and v})
    return merged


class Translator:
    """Translate Spanish source strings into one language."""

    def __init__(self, lang: str = SOURCE_LANGUAGE) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self._cat = _catalog(lang)

    def __call__(self, msgid: str, /, **fields: object) -> str:
        text = self._cat.get(msgid, msgid)
        return text.format(**fields) if fields else text

    def pick(self, texts: dict[str, str] | str | None) -> str:
        """Choose this language's variant of a bilingual text (templates)."""
        if texts is None:
            return ""
        if isinstance(texts, str):
            return texts
        return texts.get(self.lang) or texts.get(SOURCE_LANGUAGE) or next(iter(texts.values()), "")


_current = Translator(SOURCE_LANGUAGE)


def set_language(lang: str) -> None:
    global _current
    _current = Translator(lang)


def current_language() -> str:
    return _current.lang


def current_translator() -> Translator:
    """The UI's translator (for code that takes a translator and shows in the UI's language)."""
    return _current


def _(msgid: str, /, **fields: object) -> str:
    """Translate a Spanish UI string into the current language."""
    return _current(msgid, **fields)


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it now."""
    return msgid


def pick(texts: dict[str, str] | str | None) -> str:
    return _current.pick(texts)
