"""A CSV mixing UTF-8 and Windows-1252 rows is refused with the rows named: never stored as mojibake."""

from __future__ import annotations

import codecs

import pytest

from facilitator.app import main
from facilitator.document import ProcessDocument
from facilitator.domain.templates import builtin_template
from facilitator.importers.csvread import read_table
from facilitator.workshops import new_workshop

HEADER = "texto;zona\n".encode("ascii")
UTF8_ROW = "niño con ñandú;Desafíos\n".encode("utf-8")
ANSI_ROW = "niño con ñandú;Desafíos\n".encode("cp1252")
ASCII_ROW = b"sin acentos;Desafios\n"

MIXES = {
    "utf8 then cp1252": (HEADER + UTF8_ROW + ANSI_ROW, [2], [3]),
    "cp1252 then utf8": (HEADER + ANSI_ROW + ASCII_ROW + UTF8_ROW, [4], [2]),
    "bom, then cp1252 row": (codecs.BOM_UTF8 + HEADER + UTF8_ROW + ANSI_ROW + ANSI_ROW, [2], [3, 4]),
    "cp1252 inside a quoted multi-line cell": (
        HEADER + UTF8_ROW + b'"l\xednea uno\nl\xednea dos";Desaf\xedos\n' + UTF8_ROW, [2, 4], [3]),
}


@pytest.mark.parametrize("data, utf8_rows, ansi_rows", MIXES.values(), ids=list(MIXES))
def test_mixed_file_is_refused_naming_the_rows(data, utf8_rows, ansi_rows):
    read = read_table(data)
    assert read.table is None and len(read.problems) == 1
    message = read.problems[0].line()
    assert "UTF-8" in message and "Windows-1252" in message
    for n in utf8_rows + ansi_rows:
        assert str(n) in message


@pytest.mark.parametrize("data", [HEADER + UTF8_ROW + ASCII_ROW, HEADER + ANSI_ROW + ASCII_ROW,
                                  codecs.BOM_UTF8 + HEADER + UTF8_ROW])
def test_single_encoding_files_read_right(data):
    read = read_table(data)
    assert read.table is not None
    assert read.table.rows[0][1][0] in ("niño con ñandú", "sin acentos")
    assert not any("Ã" in c for _n, cells in read.table.rows for c in cells)


def test_cli_import_of_a_mixed_file_stores_nothing(tmp_path, capsys):
    path = tmp_path / "p.taller"
    doc = ProcessDocument.create(path, "P")
    doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es"))
    doc.close()
    (tmp_path / "mix.csv").write_bytes(HEADER + UTF8_ROW + ANSI_ROW)
    code = main(["import", str(path), "--csv", str(tmp_path / "mix.csv")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "Windows-1252" in err
    doc = ProcessDocument.open(path)
    try:
        assert doc.store.scalar("SELECT count(*) FROM note") == 0
    finally:
        doc.close()
