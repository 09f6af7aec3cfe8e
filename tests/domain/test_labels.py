"""The app's words as keys: found from Spanish or English, shown in any language, typed text untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.domain import labels
from facilitator.domain.labels import is_key, show, source, to_key
from facilitator.i18n import Translator, _catalog, set_language

ES, EN = Translator("es"), Translator("en")
TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


def template_words():
    """(kind, Spanish, English) of every canvas title and zone label of the built-in scripts."""
    for file in sorted(TEMPLATES.glob("*.json")):
        for canvas in json.loads(file.read_text(encoding="utf-8"))["canvases"]:
            yield "canvas", canvas["title"]["es"], canvas["title"]["en"]
            for zone in canvas["zones"]:
                yield "zone", zone["label"]["es"], zone["label"]["en"]


@pytest.mark.parametrize("kind, spanish, english", list(template_words()))
def test_every_script_word_round_trips_through_its_key(kind, spanish, english):
    key = to_key(spanish, kind)
    assert key.startswith(f"{kind}:") and is_key(key)
    assert to_key(english, kind) == key  # a workshop created in English has the same key
    assert show(key, ES) == spanish == source(key)
    assert show(key, EN) == english  # the catalogue says what the script says


def test_the_examples_of_the_issue():
    assert to_key("Matriz FODA") == "canvas:matriz_foda"
    assert to_key("Fortalezas") == "zone:fortalezas"
    assert to_key("mujer", "gender") == "gender:mujer"
    assert show("zone:fortalezas", EN) == "Strengths"
    assert show("gender:mujer", EN) == "Woman"
    assert show(to_key("Servicios públicos", "sector"), EN) == "Public services"
    assert show(to_key("En curso", "status"), EN) == "In progress"
    assert show("actor:sociedad_civil", EN) == "Foundations and civil society"


def test_typed_text_is_left_as_typed():
    for typed in ("Matriz FODA del grupo Norte", "Nuestras fortalezas", "femenina", "municipal", "",
                  "canvas:inexistente", "zona:fortalezas", "Fortalezas y debilidades", None, 3):
        assert to_key(typed) == typed
        assert show(typed, EN) == typed
        assert not is_key(typed)


def test_a_word_list_is_searched_alone_when_named():
    assert to_key("Fortalezas", "gender") == "Fortalezas"
    assert to_key("Otro", "gender") == "gender:otro"
    assert to_key("Servicios públicos", "actor") == "actor:servicios_publicos"


def test_case_and_spaces_do_not_matter_and_a_key_maps_to_itself():
    assert to_key("  MATRIZ   foda ") == "canvas:matriz_foda"
    assert to_key("prefiere no decir", "gender") == "gender:prefiere_no_decir"
    assert to_key("canvas:matriz_foda") == "canvas:matriz_foda"
    assert to_key(to_key("Strengths")) == "zone:fortalezas"


def test_numbered_canvas_titles_keep_their_number():
    assert to_key("Tablero 2") == "canvas:board 2"
    assert show("canvas:board 2", EN) == "Board 2"
    assert to_key("Árbol de objetivos (3)") == "canvas:arbol_objetivos (3)"
    assert show("canvas:arbol_objetivos (3)", EN) == "Objective tree (3)"
    assert to_key("Tablero dos") == "Tablero dos"


def test_show_follows_the_ui_language_when_no_translator_is_given():
    try:
        set_language("en")
        assert show("canvas:matriz_foda") == "SWOT matrix"
        set_language("es")
        assert show("canvas:matriz_foda") == "Matriz FODA"
    finally:
        set_language("es")


def test_every_word_has_an_english_translation():
    english = _catalog("en")
    missing = [f"{kind}:{name} {text!r}" for kind, words in labels.vocabularies().items()
               for name, text in words.items() if text not in english]
    assert not missing


def test_zone_lists_are_keyed_and_shown():
    zones = [{"key": "fortalezas", "label": "Fortalezas"}, {"key": "x", "label": "Lo nuestro"}]
    keyed = labels.key_zones(zones)
    assert keyed == [{"key": "fortalezas", "label": "zone:fortalezas"}, {"key": "x", "label": "Lo nuestro"}]
    assert labels.show_zones(keyed, EN) == [{"key": "fortalezas", "label": "Strengths"},
                                            {"key": "x", "label": "Lo nuestro"}]
