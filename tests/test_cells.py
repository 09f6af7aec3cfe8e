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


CASES = [(v, 1) for v in YES] + [(v, 0) for v in NO] + [(v, None) for v in UNANSWERED] + [(v, "refused") for v in REFUSED]
CSV = {1: True, 0: False}


def read_everywhere(value):
    """The answer of every reader: the cell module, the monitoring domain, the planning domain, the CSV importer."""
    out = []
    for read in (cells.parse_yes_no, lambda v: M.clean("on_track", v), lambda v: P._clean(None, "c", "needs_funding", v)):
        try:
            out.append(read(value))
        except ValueError as exc:
            assert "no es una respuesta de Sí o No" in str(exc) and "Sí, No o Sin definir" in str(exc)
            out.append("refused")
    return out


@pytest.mark.parametrize("value, answer", CASES)
def test_one_answer_everywhere(value, answer):
    assert read_everywhere(value) == [answer] * 3
    if isinstance(value, str) and value.strip() and answer is not None:
        assert csv_yes_no(value) is CSV.get(answer)  # None: the importer reports the row


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
