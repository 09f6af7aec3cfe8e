"""A merge conflict shows the app's words (a canvas title, a sector) in the reader's language, never their keys."""

from facilitator import i18n
from facilitator.conflicts import shown


def test_a_conflicting_app_word_is_shown_in_words():
    assert shown("sector:servicios_publicos") == "Servicios públicos"
    assert shown("canvas:matriz_foda") == "Matriz FODA"
    assert shown("Lo que escribió el equipo") == "Lo que escribió el equipo"  # typed text as typed
    i18n.set_language("en")
    try:
        assert shown("sector:servicios_publicos") == "Public services"
    finally:
        i18n.set_language("es")
