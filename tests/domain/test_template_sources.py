"""The built-in scripts cite their documents by title and publisher, never by an internal label.

The scripts follow documents the project was given as numbered files ("seed 002");
the room sees the documents' own titles and who published them, in either language.
"""

import re

import pytest

from facilitator.domain.templates import builtin_template, builtin_templates

IDS = [t.id for t in builtin_templates()]
LABEL = re.compile(r"\bseeds?\b\W*\d", re.IGNORECASE)

GUIDE = "Guía Práctica: Elaboración de Políticas Municipales de Migración"
CONVERSATORIO = ("Primer Conversatorio del Mecanismo de Diálogo Permanente de la Sociedad Civil con gobiernos de "
                 "América Latina y el Caribe")
QUITO = "Plan Distrital de Migración"
GOOD_PRACTICES = ("Buenas Prácticas en América del Sur en materia de aplicación del Pacto Mundial para la Migración "
                  "Segura, Ordenada y Regular")
# Each document with the institution that published it (in Spanish and as the English line names it).
DOCUMENTS = {
    GUIDE: {"es": ("Organización Internacional para las Migraciones", "Servicio Nacional de Migraciones", "2025"),
            "en": ("International Organization for Migration", "National Migration Service", "2025")},
    CONVERSATORIO: {"es": ("Red Regional de las Naciones Unidas sobre la Migración", "2023"),
                    "en": ("United Nations Regional Network on Migration", "2023")},
    QUITO: {"es": ("Distrito Metropolitano de Quito", "FLACSO"), "en": ("Metropolitan District of Quito", "FLACSO")},
    GOOD_PRACTICES: {"es": ("OIM, Oficina Regional para América del Sur",), "en": ("IOM, Regional Office for South America",)},
}


def _texts(t):
    texts = [t.title, t.summary, t.source]
    for b in t.blocks:
        texts += [b.title, b.instruction]
    for c in t.canvases:
        texts.append(c.title)
        texts += [z.label for z in c.zones]
    return texts


@pytest.mark.parametrize("template_id", IDS)
def test_no_internal_label_in_any_text_of_a_script(template_id):
    t = builtin_template(template_id)
    for text in _texts(t):
        for lang in ("es", "en"):
            assert not LABEL.search(text[lang]), f"{template_id} ({lang}): {text[lang]}"


@pytest.mark.parametrize("template_id", IDS)
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_source_names_its_documents_by_title_and_publisher(template_id, lang):
    source = builtin_template(template_id).source[lang]
    named = [title for title in DOCUMENTS if title in source]
    assert named, f"{template_id} ({lang}) names no known document: {source}"
    for title in named:
        for publisher in DOCUMENTS[title][lang]:
            assert publisher in source, f"{template_id} ({lang}) cites «{title}» without «{publisher}»"


def test_a_source_given_as_one_text_serves_both_languages():
    from facilitator.domain.templates import parse_template

    data = {"format": 1, "id": "mio", "method": "foda", "title": {"es": "T", "en": "T"},
            "summary": {"es": "R", "en": "S"}, "source": "«Un documento» — Una institución, 2024",
            "minutes_from_source": False, "canvases": [],
            "blocks": [{"key": "b", "title": {"es": "B", "en": "B"}, "minutes": 5, "input_modes": ["plenary"],
                        "instruction": {"es": "I", "en": "I"}, "canvas": None, "zone": None}]}
    assert parse_template(data, "mio.json").source == {"es": "«Un documento» — Una institución, 2024",
                                                       "en": "«Un documento» — Una institución, 2024"}
