"""One translation mechanism for the UI, the CLI and the exporters: GNU gettext.

Spanish is the source language: every user-facing string in the code is written in
Spanish and wrapped in ``_()`` (or ``N_()`` where it must be translated later, e.g.
in declarations). A message with a count goes through ``ngettext(singular, plural, n)``
(``Nn_(singular, plural)`` marks such a pair for later), never through an ``if n == 1``
branch: each language has its own plural rules. A short word that means two things in
English (a verb on a button, a noun in a heading) goes through ``pgettext(context, msgid)``.

The catalogues are standard gettext files in ``resources/locale``:
``papelografo.pot`` (extracted from the code by Babel, ``scripts/i18n.sh``) and, per
language, ``<lang>/LC_MESSAGES/papelografo.po`` (edited by translators, e.g. with Poedit)
compiled to ``papelografo.mo``, which is what is read here, with the standard library's
``gettext`` (no Babel at run time). A language is available when its ``.mo`` is there
(:func:`discover_languages`). ``PAPELOGRAFO_LOCALE_DIR`` points at another folder (tests).

Exporters that write a report in a language other than the UI's use a ``Translator`` of
their own instead of the module-level ``_``.

Placeholders use ``str.format`` names: ``_("Abrir {name}", name=x)``;
``ngettext("{n} nota", "{n} notas", k)`` fills ``{n}`` with the count unless told otherwise.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

from resources import FOLDER as RESOURCES

SOURCE_LANGUAGE = "es"
DOMAIN = "papelografo"
# Names of the languages the app ships (in their own language); any other language found in
# the locale folder is shown by Babel's name for it when Babel is installed, else by its code.
NAMES = {"es": "Español", "en": "English"}


def locale_dir() -> Path:
    """Where the gettext catalogues are: ``PAPELOGRAFO_LOCALE_DIR`` or ``resources/locale``."""
    override = os.environ.get("PAPELOGRAFO_LOCALE_DIR")
    if override:
        return Path(override)
    return RESOURCES / "locale"


def _display_name(code: str) -> str:
    if code in NAMES:
        return NAMES[code]
    try:
        from babel import Locale  # optional: only to name a language someone added

        name = Locale.parse(code).get_display_name()
        return name[:1].upper() + name[1:] if name else code
    except Exception:  # Babel absent, or a code it does not know
        return code


def discover_languages() -> dict[str, str]:
    """The source language and every language with a compiled catalogue, code → name."""
    found = {SOURCE_LANGUAGE: _display_name(SOURCE_LANGUAGE)}
    folder = locale_dir()
    if folder.is_dir():
        for sub in sorted(folder.iterdir(), key=lambda p: p.name):
            if (sub / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found.setdefault(sub.name, _display_name(sub.name))
    return found


LANGUAGES = discover_languages()


def languages_text(languages: dict[str, str] | None = None) -> str:
    """«es (Español), en (English)»: the languages on offer, for help texts."""
    languages = discover_languages() if languages is None else languages
    return ", ".join(f"{code} ({name})" for code, name in languages.items())


@lru_cache(maxsize=None)
def _translations(lang: str, folder: str) -> _gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, folder, languages=[lang], fallback=True)


def _for(lang: str) -> _gettext.NullTranslations:
    return _translations(lang, str(locale_dir()))


def _catalog(lang: str) -> dict[str, str]:
    """Simple (no context, no plural) messages of a language: Spanish msgid → translation."""
    cat = getattr(_for(lang), "_catalog", {})
    return {k: v for k, v in cat.items() if isinstance(k, str) and k and "\x04" not in k and v}


def _unquote(text: str) -> str:
    import ast  # only when a catalogue is read as text (tests, the language walk): ~3 ms at start-up

    return ast.literal_eval(text) if text.startswith('"') else ""


def known_msgids(lang: str = SOURCE_LANGUAGE) -> set[str]:
    """Every Spanish message (msgid and msgid_plural) of a catalogue.

    For the source language that is the template ``papelografo.pot``; for another
    language its ``.po``. Read with a small parser so that Babel is not needed at run time.
    """
    folder = locale_dir()
    path = folder / f"{DOMAIN}.pot" if lang == SOURCE_LANGUAGE else folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return set()
    found: set[str] = set()
    current: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith(("msgid ", "msgid_plural ")):
            if current:
                found.add("".join(current))
            current = [_unquote(line.split(" ", 1)[1])]
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
        else:  # msgstr, comments, blank lines; obsolete entries («#~») are skipped this way too
            if current:
                found.add("".join(current))
            current = None
    if current:
        found.add("".join(current))
    found.discard("")  # the header
    return found


def _fill(text: str, n: int | None, fields: dict[str, object]) -> str:
    if n is not None:
        fields = {"n": n, **fields}
    return text.format(**fields) if fields else text


class Translator:
    """Translate Spanish source strings into one language."""

    def __init__(self, lang: str = SOURCE_LANGUAGE) -> None:
        if lang != SOURCE_LANGUAGE and lang not in discover_languages():
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self._tr = _for(lang)

    def __call__(self, msgid: str, /, **fields: object) -> str:
        return _fill(self._tr.gettext(msgid), None, fields)

    gettext = __call__

    def ngettext(self, singular: str, plural: str, n: int, /, **fields: object) -> str:
        """The form of a message with a count that agrees with ``n``; ``{n}`` is ``n`` unless given."""
        return _fill(self._tr.ngettext(singular, plural, n), n, fields)

    def pgettext(self, context: str, msgid: str, /, **fields: object) -> str:
        """A message whose English depends on what it is (``context``): a verb on a button, a noun…"""
        return _fill(self._tr.pgettext(context, msgid), None, fields)

    def npgettext(self, context: str, singular: str, plural: str, n: int, /, **fields: object) -> str:
        return _fill(self._tr.npgettext(context, singular, plural, n), n, fields)

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


def ngettext(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """Translate a message with a count: ``ngettext("{n} nota", "{n} notas", k)``."""
    return _current.ngettext(singular, plural, n, **fields)


def pgettext(context: str, msgid: str, /, **fields: object) -> str:
    """Translate a message that needs a context to be told apart from the same Spanish words."""
    return _current.pgettext(context, msgid, **fields)


def npgettext(context: str, singular: str, plural: str, n: int, /, **fields: object) -> str:
    return _current.npgettext(context, singular, plural, n, **fields)


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it now."""
    return msgid


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for ``ngettext`` later, without translating it now."""
    return singular, plural


def pick(texts: dict[str, str] | str | None) -> str:
    return _current.pick(texts)


# Code that is given "a translator" (``_`` or a ``Translator``) calls ``translate.ngettext(...)`` on either.
_.ngettext = ngettext  # type: ignore[attr-defined]
_.pgettext = pgettext  # type: ignore[attr-defined]
_.npgettext = npgettext  # type: ignore[attr-defined]
