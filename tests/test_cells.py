"""One reading of cell values: the same yes/no answer wherever it is typed, pasted or imported.

Before facilitator.cells there were three yes/no parsers that disagreed: "✓" was yes in
the sheets but not in a CSV import, and 2 was yes in a sheet, an error in the
monitoring domain and "not valid" in an import.
"""

from __future__ import annotations

import pytest

from facilitator import cells
from facilitator import monitoring as M
from facilitator import planning as P
from facilitator.importers.csvread import parse_yes_no as csv_yes_no

YES = ["sí", "Si", "S", "yes", "Y", "true", "Verdadero", "1", "x", "X", "✓", "✔", "☑", 1, True]
NO = ["no", "NO", "n", "false", "falso", "0", "✗", "✘", "☐", 0, False]
UNANSWERED = ["", "  ", "sin definir", "Sin definir", "n/a", None]
REFUSED = ["2", 2, "quizás", "a veces", "-1", 0.5]


@pytest.mark.parametrize("value", YES)
def test_yes_is_yes_everywhere(value):
    assert cells.parse_yes_no(value) == 1
    assert M.clean("on_track", value) == 1
    assert P._clean(None, "c", "needs_funding", value) == 1
    if isinstance(value, str):
        assert csv_yes_no(value) is True


@pytest.mark.parametrize("value", NO)
def test_no_is_no_everywhere(value):
    assert cells.parse_yes_no(value) == 0
    assert M.clean("needs_adjustment", value) == 0
    assert P._clean(None, "c", "needs_funding", value) == 0
    if isinstance(value, str):
        assert csv_yes_no(value) is False


@pytest.mark.parametrize("value", UNANSWERED)
def test_blank_is_not_answered(value):
    assert cells.parse_yes_no(value) is None
    assert M.clean("on_track", value) is None
    assert P._clean(None, "c", "needs_funding", value) is None


@pytest.mark.parametrize("value", REFUSED)
def test_anything_else_is_refused_everywhere_with_one_message(value):
    with pytest.raises(cells.CellError, match="no es una respuesta de Sí o No"):
        cells.parse_yes_no(value)
    with pytest.raises(M.BadValue, match="no es una respuesta de Sí o No"):
        M.clean("on_track", value)
    with pytest.raises(ValueError, match="Sí, No o Sin definir"):
        P._clean(None, "c", "needs_funding", value)
    if isinstance(value, str):
        assert csv_yes_no(value) is None  # the importer reports the row


def test_dates_deadlines_numbers_and_choices():
    date = cells.Column("d", "Fecha", "date")
    assert cells.read(date, "31/03/2026") == "2026-03-31" and cells.read(date, " ") == ""
    with pytest.raises(cells.CellError, match="no es una fecha"):
        cells.read(date, "2º semestre")
    assert cells.read(cells.Column("p", "Plazo", "deadline"), "2º semestre") == "2º semestre"
    assert cells.read(cells.Column("p", "Plazo", "deadline"), "31-03-2026") == "2026-03-31"
    number = cells.Column("n", "Número", "number")
    assert [cells.read(number, v) for v in ("3", "3,0", "", 7)] == [3, 3, None, 7]
    with pytest.raises(cells.CellError):
        cells.read(number, "tres")
    choice = cells.Column("s", "Estado", "choice", choices={"done": "Cumplida", "late": "Atrasada"}, required=True)
    assert cells.read(choice, "cumplida") == "done" and cells.read(choice, "late") == "late"
    with pytest.raises(cells.CellError, match="No puede quedar vacío"):
        cells.read(choice, "")
    text = cells.Column("t", "Texto", required=True)
    assert cells.read(text, " a\r\nb ") == "a\nb"
