"""Reading CSV files as spreadsheets save them: encodings, separators, header names."""

import codecs

import pytest

from facilitator.i18n import set_language
from facilitator.importers.csvread import (Problem, decode, match_columns, parse_count, parse_yes_no, read_table,
                                           sniff_delimiter)

TEXT = "texto;zona\n¿Qué pasa? ¡Ñandú!;desafíos\n"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16"),
])
def test_decode_each_encoding(encoding, expected):
    text, found = decode(TEXT.encode(encoding))
    assert (text, found) == (TEXT, expected)


def test_utf8_is_preferred_over_cp1252_for_valid_utf8():
    # "Ã±" would be the cp1252 reading of the UTF-8 bytes of "ñ"
    assert decode("año".encode("utf-8")) == ("año", "utf-8")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",  # an .xlsx is a zip
    bytes(range(256)),
])
def test_binary_data_is_not_text(data):
    text, reason = decode(data)
    assert text is None and reason == "binary"


@pytest.mark.parametrize("line, delimiter", [
    ("texto,zona,grupo", ","), ("texto;zona;grupo", ";"), ("texto\tzona\tgrupo", "\t"),
    ('"texto; largo",zona,grupo', ","), ("texto", ","), ('"a,b";c;d', ";"),
])
def test_sniff_delimiter_from_header(line, delimiter):
    assert sniff_delimiter(line) == delimiter


def test_rows_are_numbered_as_the_spreadsheet_shows_them():
    data = 'texto;zona\n"línea 1\r\nlínea 2";desafíos\n\n;;\nsegunda;fortalezas\n'.encode("utf-8")
    result = read_table(data)
    assert result.problems == []
    table = result.table
    assert table.header == ["texto", "zona"]
    # The multi-line cell is one record (row 2); the blank records 3 and 4 are skipped.
    assert table.rows == [(2, ["línea 1\nlínea 2", "desafíos"]), (5, ["segunda", "fortalezas"])]
    assert table.delimiter == ";"


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\r\n", b";;;\n;;\n"])
def test_empty_files_are_reported(data):
    result = read_table(data)
    assert result.table is None
    assert result.problems == [Problem(0, "El archivo está vacío.")]


def test_binary_file_is_reported_not_read():
    result = read_table(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200))
    assert result.table is None
    assert "binario" in result.problems[0].message


def test_unterminated_quote_names_the_line():
    result = read_table('texto;zona\nbien;desafíos\n"sin cerrar;desafíos\notra;zona\n'.encode())
    assert result.table is None
    assert "línea" in result.problems[0].message and "comillas" in result.problems[0].message


ALIASES = {"text": ("texto", "text"), "organisation": ("organización", "organization"), "zone": ("zona", "zone")}


def _table(text):
    return read_table(text.encode("utf-8")).table


@pytest.mark.parametrize("header", ["texto;organización", "TEXT;Organization", "Texto ; ORGANIZACION",
                                    "text;organisation", " texto ;Organizacion "])
def test_header_names_ignore_case_accents_and_language(header):
    columns, problems = match_columns(_table(header + "\na;b\n"), ALIASES)
    assert problems == []
    assert columns.index == {"text": 0, "organisation": 1}


def test_unknown_columns_are_one_problem_of_row_1():
    columns, problems = match_columns(_table("texto;color;tamaño\na;b;c\n"), ALIASES)
    assert len(problems) == 1 and problems[0].row == 1
    assert "«color», «tamaño»" in problems[0].message
    assert "texto/text" in problems[0].message


def test_repeated_column_is_a_problem():
    _columns, problems = match_columns(_table("texto;text\na;b\n"), ALIASES)
    assert [p.row for p in problems] == [1]
    assert "repetida" in problems[0].message


def test_trailing_empty_column_is_ignored_but_not_if_it_has_data():
    columns, problems = match_columns(_table("texto;zona;\na;b;\n"), ALIASES)
    assert problems == [] and columns.index == {"text": 0, "zone": 1}
    _columns, problems = match_columns(_table("texto;zona;\na;b;dato\n"), ALIASES)
    assert problems and "columna 3" in problems[0].message


def test_problem_lines_follow_the_language():
    problem = Problem(7, "x")
    assert problem.line() == "Fila 7: x"
    set_language("en")
    assert problem.line() == "Row 7: x"
    assert Problem(0, "whole file").line() == "whole file"


@pytest.mark.parametrize("cell, value", [("", 0), ("3", 3), (" 12 ", 12), ("4.0", 4), ("4,0", 4), ("-1", None),
                                         ("tres", None), ("2.5", None), ("1e3", None)])
def test_parse_count(cell, value):
    assert parse_count(cell) == value


@pytest.mark.parametrize("cell, value", [("sí", True), ("SI", True), ("Sí", True), ("yes", True), ("x", True),
                                         ("1", True), ("no", False), ("No", False), ("", False), ("0", False),
                                         ("quizás", None), ("maybe", None)])
def test_parse_yes_no(cell, value):
    assert parse_yes_no(cell) is value


# -- the matching rule shared by columns, zones and tags (facilitator.domain.tags) --------------
from facilitator.domain.tags import TAG_KEYS, Resolution, find_tag, fold, resolve, split_tags, tag_label  # noqa: E402


def test_fold_ignores_case_accents_punctuation_and_spacing():
    assert fold("  Migración_Segura,  ORDENADA ") == "migracion segura ordenada"
    assert fold("¿Ñandú?") == "nandu"


def test_resolve_prefers_whole_names_then_one_distinctive_word():
    zones = {"desafios": ["Desafíos", "Challenges"],
             "fortalezas_oportunidades": ["Fortalezas y oportunidades", "Strengths and opportunities"]}
    assert resolve("oportunidades", zones).key == "fortalezas_oportunidades"
    assert resolve("CHALLENGES", zones).key == "desafios"
    assert resolve("fortalezas_oportunidades", zones).key == "fortalezas_oportunidades"
    assert resolve("y", zones).key is None  # a stop word names nothing
    shared = {"a": ["Desafíos internos"], "b": ["Desafíos externos"]}
    assert resolve("desafios", shared).ambiguous == ("a", "b")
    assert resolve("amenazas", zones) == Resolution(None)


def test_tags_by_key_or_label_in_either_language():
    assert len(TAG_KEYS) == 11
    assert find_tag("corto_plazo").key == "corto_plazo"
    assert find_tag("Short term").key == "corto_plazo"
    assert find_tag("EDUCACION").key == "educacion"
    assert find_tag("plazo").ambiguous == ("corto_plazo", "mediano_plazo", "largo_plazo")
    assert tag_label("salud", "en") == "Health" and tag_label("otra", "en") == "otra"


def test_split_tags_keeps_labels_that_contain_commas():
    assert split_tags("Migración segura, ordenada y regular, salud | Largo plazo;") == (
        ["migracion_segura", "salud", "largo_plazo"], [])
    assert split_tags("salud; vivienda, salud") == (["salud"], ["vivienda"])
    assert split_tags("") == ([], [])
