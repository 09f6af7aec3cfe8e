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


def test_the_numbers_count_what_each_canvas_holds(qtbot, doc):
    """A planning workshop says «2 iniciativas», not «0 notas»: its matrix holds initiatives, not notes."""
    from facilitator import planning
    from facilitator.domain.templates import builtin_template
    from facilitator.settings import Settings
    from facilitator.workshops import new_workshop
    from qtshared.context import DocumentSignals, WorkshopContext
    from qtshared.undo import UndoAdapter

    made = new_workshop(doc, builtin_template("planificacion"), lang="es")
    doc.execute(made)
    canvas = planning.planning_canvases(doc, made.workshop_id)[0]["id"]
    signals = DocumentSignals(doc)
    ctx = WorkshopContext(doc, UndoAdapter(doc), signals, Settings(), made.workshop_id)
    details = WorkshopDetails(ctx)
    qtbot.addWidget(details)
    assert "0 iniciativas" in details.numbers.text() and "nota" not in details.numbers.text()
    doc.execute(planning.add_initiative(doc, canvas, name="Oficina migrante"))
    assert "1 iniciativa ·" in details.numbers.text() + " ·"
    doc.execute(planning.add_initiative(doc, canvas, name="Mesa comunal"))
    assert "2 iniciativas" in details.numbers.text()
    set_language("en")
    details._reload()
    assert "2 initiatives" in details.numbers.text()
    signals.detach()
