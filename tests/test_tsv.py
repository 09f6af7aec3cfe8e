"""Spreadsheet clipboard text: what Excel/LibreOffice copy parses into cells, and back."""

import pytest

from facilitator import tsv


def test_plain_range_with_crlf_and_trailing_break():
    assert tsv.parse("Eje\tAcciones\r\nSalud\tOperativo\r\n") == [["Eje", "Acciones"], ["Salud", "Operativo"]]


@pytest.mark.parametrize("text", ["a\tb\nc\td\n", "a\tb\r\nc\td\r\n", "a\tb\rc\td\r", "a\tb\nc\td"])
def test_every_line_break_convention(text):
    assert tsv.parse(text) == [["a", "b"], ["c", "d"]]


def test_quoted_cells_hold_tabs_line_breaks_and_doubled_quotes():
    text = '"Mesa\tcomunal"\t"línea 1\r\nlínea 2"\t"la ""mesa"" comunal"\n'
    assert tsv.parse(text) == [["Mesa\tcomunal", "línea 1\r\nlínea 2", 'la "mesa" comunal']]


def test_loose_quotes_are_literal():
    # a quote inside an unquoted cell, and a quote that is opened but not closed properly
    assert tsv.parse('pantalla de 5" pulgadas\tx\n') == [['pantalla de 5" pulgadas', "x"]]
    assert tsv.parse('"abierta\tz\nq') == [['"abierta', "z"], ["q"]]
    assert tsv.parse('"ab"c\td') == [['"ab"c', "d"]]


def test_empty_cells_rows_and_text():
    assert tsv.parse("") == []
    assert tsv.parse("\n") == [[""]]
    assert tsv.parse("\t\n") == [["", ""]]
    assert tsv.parse("a\n\nb\n") == [["a"], [""], ["b"]]
    assert tsv.parse("a\t\t\n") == [["a", "", ""]]


@pytest.mark.parametrize("rows", [
    [["Capacitación", "Intercultural ñandú ü"], ["😀 emoji", "🇨🇱"]],
    [["con\ttab", 'con "comillas"'], ["con\nsalto", "con\r\nCRLF"]],
    [['"', '""', '"empieza'], ["termina\"", "", " espacios "]],
    [[""]],
    [["a"], ["b", "c", "d"]],
    [["<b>x</b>", "=SUMA(A1)", "'texto"]],
])
def test_format_round_trips(rows):
    text = tsv.format(rows)
    assert text.endswith("\n")
    assert tsv.parse(text) == rows


def test_format_quotes_only_when_needed():
    assert tsv.format([["Salud", "OMIL"]]) == "Salud\tOMIL\n"
    assert tsv.format([["a\tb", 'c"d', "e\nf"]]) == '"a\tb"\t"c""d"\t"e\nf"\n'
    assert tsv.format([]) == ""


def test_rectangular_pads_ragged_rows():
    assert tsv.rectangular([["a"], ["b", "c"], []]) == [["a", ""], ["b", "c"], ["", ""]]


def test_html_escapes_user_text():
    assert tsv.to_html([["<b>x</b>", "a\nb"]]) == "<table><tr><td>&lt;b&gt;x&lt;/b&gt;</td><td>a<br>b</td></tr></table>"


def test_line_breaks_normalised():
    assert tsv.line_breaks("a\r\nb\rc\nd") == "a\nb\nc\nd"
