"""Built-in workshop scripts: they validate and follow the methods' own agendas.

A broken script file is refused with a message naming the file, the field and the
problem, so whoever edits resources/templates sees at once what to fix.
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any, Callable

import pytest

from facilitator.kinds import registry as kind_registry
from facilitator.domain.templates import (METHODS, TemplateError, builtin_template, builtin_templates,
                                          load_template_file)
from facilitator.i18n import Translator, _catalog

IDS = ("diagnostico", "foda", "arbol_problemas", "planificacion", "seguimiento", "conversatorio")


def raw(template_id: str) -> dict[str, Any]:
    ref = resources.files("resources").joinpath("templates", f"{template_id}.json")
    return json.loads(ref.read_text(encoding="utf-8"))


# -- the built-in scripts ----------------------------------------------------------------------------
def test_all_built_in_scripts_load_and_validate():
    templates = builtin_templates()
    assert sorted(t.id for t in templates) == sorted(IDS)
    assert templates[0].id == "diagnostico"
    assert [t.method for t in templates] == sorted((t.method for t in templates), key=METHODS.index)
    files = sorted(p.name for p in resources.files("resources").joinpath("templates").iterdir()
                   if p.name.endswith(".json"))
    assert files == sorted(f"{i}.json" for i in IDS)


def test_diagnostic_follows_the_method():
    t = builtin_template("diagnostico")
    assert t.method == "diagnostic" and t.minutes_from_source
    assert [b.minutes for b in t.blocks] == [10, 25, 10, 25, 10, 10]
    assert t.total_minutes == 90
    assert [b.title["es"] for b in t.blocks] == ["Presentación", "Identificar desafíos", "Plenario de desafíos",
                                                 "Identificar fortalezas y oportunidades", "Plenario de resultados",
                                                 "Cierre"]
    (board,) = t.canvases
    assert (board.key, board.kind) == ("papelografo", "board")
    assert [z.key for z in board.zones] == ["desafios", "fortalezas_oportunidades"]
    assert [(b.canvas, b.zone) for b in t.blocks[1:4]] == [("papelografo", "desafios"), ("papelografo", "desafios"),
                                                           ("papelografo", "fortalezas_oportunidades")]
    assert t.blocks[1].input_modes == ("individual", "group")


def test_planning_follows_the_method():
    t = builtin_template("planificacion")
    assert t.method == "planning"
    assert [b.minutes for b in t.blocks] == [10, 40, 30, 10]
    assert [c.kind for c in t.canvases] == ["planning_matrix"]
    axes = [z.label["es"] for z in t.canvases[0].zones]
    assert len(axes) == 6 and "Salud" in axes


def test_conversatorio_has_six_five_minute_talks_in_two_hours():
    t = builtin_template("conversatorio")
    assert t.method == "lightning_talk"
    assert [b.minutes for b in t.blocks].count(5) == 6
    fives = [i for i, b in enumerate(t.blocks) if b.minutes == 5]
    assert fives == list(range(fives[0], fives[0] + 6))  # the talks follow one another
    assert t.total_minutes == 120


@pytest.mark.parametrize("template_id, method, kinds", [
    ("foda", "foda", ["foda"]),
    ("arbol_problemas", "problem_tree", ["problem_tree"]),
    ("seguimiento", "monitoring", ["monitoring_matrix"]),
])
def test_other_methods_exist_with_their_canvas(template_id, method, kinds):
    t = builtin_template(template_id)
    assert t.method == method
    assert [c.kind for c in t.canvases][:len(kinds)] == kinds
    for c in t.canvases:
        fixed = kind_registry.kind(c.kind).fixed_zones
        if fixed is not None:
            assert tuple(z.key for z in c.zones) == fixed
    assert t.total_minutes > 0 and all(b.minutes > 0 for b in t.blocks)


@pytest.mark.parametrize("template_id", IDS)
def test_every_text_has_spanish_and_english(template_id):
    t = builtin_template(template_id)
    texts = [t.title, t.summary, t.source]
    for b in t.blocks:
        texts += [b.title, b.instruction]
    for c in t.canvases:
        texts.append(c.title)
        texts += [z.label for z in c.zones]
    for text in texts:
        assert set(text) == {"es", "en"} and text["es"].strip() and text["en"].strip()
    assert len({b.key for b in t.blocks}) == len(t.blocks)


def test_unknown_template_id():
    with pytest.raises(KeyError):
        builtin_template("no_existe")


# -- broken variants ------------------------------------------------------------------------------------
def edit(fn: Callable[[dict], Any], base: str = "diagnostico") -> Callable[[], dict]:
    def make() -> dict:
        data = copy.deepcopy(raw(base))
        fn(data)
        return data
    make.file = f"{base}.json"  # type: ignore[attr-defined]
    return make


def set_minutes(value: Any) -> Callable[[], dict]:
    return edit(lambda d: d["blocks"][1].__setitem__("minutes", value))


BROKEN = {
    "missing_top_field": (edit(lambda d: d.pop("summary")), "summary", "falta este campo"),
    "missing_block_field": (edit(lambda d: d["blocks"][2].pop("minutes")), "blocks[2].minutes", "falta este campo"),
    "missing_english": (edit(lambda d: d["blocks"][0]["title"].pop("en")), "blocks[0].title.en",
                        "falta el texto o está vacío"),
    "empty_spanish": (edit(lambda d: d["title"].__setitem__("es", "  ")), "title.es", "falta el texto o está vacío"),
    "unknown_top_field": (edit(lambda d: d.__setitem__("autor", "x")), "autor", "campo desconocido"),
    "unknown_block_field": (edit(lambda d: d["blocks"][3].__setitem__("color", "red")), "blocks[3].color",
                            "campo desconocido"),
    "minutes_zero": (set_minutes(0), "blocks[1].minutes", "mayor que cero"),
    "minutes_negative": (set_minutes(-5), "blocks[1].minutes", "mayor que cero"),
    "minutes_string": (set_minutes("10"), "blocks[1].minutes", "mayor que cero"),
    "minutes_true": (set_minutes(True), "blocks[1].minutes", "mayor que cero"),
    "minutes_float": (set_minutes(2.5), "blocks[1].minutes", "mayor que cero"),
    "unknown_input_mode": (edit(lambda d: d["blocks"][1].__setitem__("input_modes", ["individual", "telepatia"])),
                           "blocks[1].input_modes[1]", "valor «telepatia» no válido"),
    "no_input_modes": (edit(lambda d: d["blocks"][1].__setitem__("input_modes", [])), "blocks[1].input_modes",
                       "debe ser una lista no vacía"),
    "canvas_key_missing": (edit(lambda d: d["blocks"][1].__setitem__("canvas", "pizarra")), "blocks[1].canvas",
                           "no hay un lienzo con la clave «pizarra»"),
    "zone_not_in_canvas": (edit(lambda d: d["blocks"][1].__setitem__("zone", "amenazas")), "blocks[1].zone",
                           "el lienzo «papelografo» no tiene la zona «amenazas»"),
    "zone_without_canvas": (edit(lambda d: d["blocks"][0].__setitem__("zone", "desafios")), "blocks[0].zone",
                            "una zona necesita un lienzo"),
    "unknown_canvas_kind": (edit(lambda d: d["canvases"][0].__setitem__("kind", "pizarra")), "canvases[0].kind",
                            "valor «pizarra» no válido"),
    "foda_zones_wrong": (edit(lambda d: d["canvases"][0]["zones"].pop(), base="foda"), "canvases[0].zones",
                         "exactamente las zonas: fortalezas, oportunidades, debilidades, amenazas"),
    "foda_zones_reordered": (edit(lambda d: d["canvases"][0]["zones"].reverse(), base="foda"), "canvases[0].zones",
                             "exactamente las zonas"),
    "duplicate_block_key": (edit(lambda d: d["blocks"][4].__setitem__("key", d["blocks"][0]["key"])), "blocks",
                            "hay claves de bloque repetidas"),
    "duplicate_zone_key": (edit(lambda d: d["canvases"][0]["zones"].append(copy.deepcopy(d["canvases"][0]["zones"][0]))),
                           "canvases[0].zones", "hay claves de zona repetidas"),
    "bad_block_key": (edit(lambda d: d["blocks"][0].__setitem__("key", "Presentación")), "blocks[0].key",
                      "debe ser una clave en minúsculas"),
    "id_not_file_name": (edit(lambda d: d.__setitem__("id", "diagnostico_v2")), "id",
                         "debe coincidir con el nombre del archivo («diagnostico»)"),
    "unknown_method": (edit(lambda d: d.__setitem__("method", "brainstorm")), "method", "valor «brainstorm» no válido"),
    "wrong_format": (edit(lambda d: d.__setitem__("format", 99)), "format", "formato 99 no admitido"),
    "blocks_not_list": (edit(lambda d: d.__setitem__("blocks", {})), "blocks", "debe ser una lista no vacía"),
    "not_an_object": (lambda: ["diagnostico"], "—", "debe ser un objeto JSON"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_template_names_file_field_and_problem(tmp_path, case):
    make, where, problem = BROKEN[case]
    name = getattr(make, "file", "diagnostico.json")
    path = tmp_path / name
    path.write_text(json.dumps(make(), ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        load_template_file(path)
    message = str(err.value)
    assert f"«{name}»" in message
    assert f"campo {where}:" in message
    assert problem in message
    assert err.value.where == ("" if where == "—" else where)
    english = err.value.message(Translator("en"))
    assert name in english and english != message
    assert _catalog("en")[err.value.problem].split("{")[0] in english


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "foda.json"
    text = json.dumps(raw("foda"), ensure_ascii=False, indent=2).splitlines()
    text[5] = text[5].rstrip(",")  # drop a comma on line 6
    path.write_text("\n".join(text), encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        load_template_file(path)
    message = str(err.value)
    assert "foda.json" in message and "JSON no válido" in message
    assert "línea 7" in message  # the parser notices at the next line


def test_non_utf8_file(tmp_path):
    path = tmp_path / "foda.json"
    path.write_bytes(json.dumps(raw("foda"), ensure_ascii=False).encode("cp1252"))  # as Windows editors save
    with pytest.raises(TemplateError) as err:
        load_template_file(path)
    assert "foda.json" in str(err.value) and "UTF-8" in str(err.value)


def test_a_valid_copy_loads(tmp_path):
    """The broken variants fail because of their one change, not because of the harness."""
    for template_id in IDS:
        path = tmp_path / f"{template_id}.json"
        path.write_text(json.dumps(raw(template_id), ensure_ascii=False), encoding="utf-8")
        assert load_template_file(path) == builtin_template(template_id)


def test_vocabulary_matches_the_schema_checks():
    """The UI's word lists and the file's CHECK constraints must agree."""
    from facilitator.domain import vocabulary
    from facilitator.store import schema

    assert kind_registry.keys() == schema.CANVAS_KINDS  # the registry's kinds (a new one needs a migration of the CHECK)
    for name in ("INPUT_MODES", "MINUTES_KINDS", "COMMITMENT_STATUSES", "RECEPTIONS",
                 "MONITORING_STATUSES"):
        assert getattr(vocabulary, name) == getattr(schema, name), name
