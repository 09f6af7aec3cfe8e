"""The workshop screen names the script's source documents by title and publisher, in the UI's language."""

import re

import pytest

from facilitator.i18n import set_language
from facilitator.ui.workshop_details import WorkshopDetails


@pytest.mark.parametrize("lang, words", [
    ("es", ("Fuente: «Guía Práctica: Elaboración de Políticas Municipales de Migración»",
            "Servicio Nacional de Migraciones (Sermig)", "2025", "«Taller de diagnóstico participativo»")),
    ("en", ("Source: «Guía Práctica: Elaboración de Políticas Municipales de Migración»",
            "International Organization for Migration (IOM)", "2025", "participatory diagnosis workshop")),
])
def test_the_details_show_the_source_by_title(qtbot, ctx, lang, words):
    set_language(lang)
    details = WorkshopDetails(ctx)
    qtbot.addWidget(details)
    details.resize(1000, 700)
    details.show()
    line = details.method.text()
    for word in words:
        assert word in line
    assert not re.search(r"seed", line, re.IGNORECASE)
    assert details.method.wordWrap() and details.method.isVisible()
