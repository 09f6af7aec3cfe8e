"""Built-in workshop scripts: JSON data files under ``resources/templates``.

Every file is validated on load; a problem is reported with the file, the field
(as a path like ``blocks[2].minutes``) and what is wrong, in the user's language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from ..i18n import N_, _
from ..kinds import registry as kinds
from .vocabulary import INPUT_MODES

from resources import FOLDER as RESOURCES

FORMAT = 1
METHODS = ("diagnostic", "foda", "problem_tree", "planning", "monitoring", "lightning_talk")
KEY_RE = re.compile(r"^[a-z0-9_]+$")

Bilingual = dict[str, str]


class TemplateError(ValueError):
    def __init__(self, file: str, where: str, problem: str, **fields: object) -> None:
        self.file, self.where, self.problem, self.fields = file, where, problem, fields
        super().__init__(self.message())

    def message(self, translate=_) -> str:
        return translate(N_("Plantilla «{file}», campo {where}: {problem}"),
                         file=self.file, where=self.where or "—",
                         problem=translate(self.problem, **self.fields))


class Zone(NamedTuple):
    key: str
    label: Bilingual


class CanvasSpec(NamedTuple):
    key: str
    kind: str
    title: Bilingual
    zones: tuple[Zone, ...]


class BlockSpec(NamedTuple):
    key: str
    title: Bilingual
    minutes: int
    input_modes: tuple[str, ...]
    instruction: Bilingual
    canvas: str | None
    zone: str | None


class Template(NamedTuple):
    id: str
    method: str
    title: Bilingual
    summary: Bilingual
    source: Bilingual  # the documents the script follows, by title, publisher and year, and the sections used
    minutes_from_source: bool
    canvases: tuple[CanvasSpec, ...]
    blocks: tuple[BlockSpec, ...]

    @property
    def total_minutes(self) -> int:
        return sum(b.minutes for b in self.blocks)

    def canvas(self, key: str) -> CanvasSpec:
        return next(c for c in self.canvases if c.key == key)


class _Reader:
    """Walks one JSON document, raising TemplateError with the field's path."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str, problem: str, **fields: object) -> TemplateError:
        return TemplateError(self.file, where, problem, **fields)

    def obj(self, data: Any, where: str, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
        if not isinstance(data, dict):
            raise self.fail(where, N_("debe ser un objeto JSON"))
        for key in keys:
            if key not in data:
                raise self.fail(f"{where}.{key}".lstrip("."), N_("falta este campo"))
        for key in data:
            if key not in keys and key not in optional:
                raise self.fail(f"{where}.{key}".lstrip("."), N_("campo desconocido"))
        return data

    def key(self, data: Any, where: str) -> str:
        if not isinstance(data, str) or not KEY_RE.match(data):
            raise self.fail(where, N_("debe ser una clave en minúsculas (a-z, 0-9, _)"))
        return data

    def text(self, data: Any, where: str) -> Bilingual:
        if not isinstance(data, dict):
            raise self.fail(where, N_("debe tener texto en español («es») e inglés («en»)"))
        for lang in ("es", "en"):
            value = data.get(lang)
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{where}.{lang}", N_("falta el texto o está vacío"))
        extra = set(data) - {"es", "en"}
        if extra:
            raise self.fail(f"{where}.{sorted(extra)[0]}", N_("idioma no admitido"))
        return {"es": data["es"], "en": data["en"]}

    def choice(self, data: Any, where: str, allowed: tuple[str, ...]) -> str:
        if data not in allowed:
            raise self.fail(where, N_("valor «{value}» no válido; se admite: {allowed}"),
                            value=data, allowed=", ".join(allowed))
        return data

    def list(self, data: Any, where: str, allow_empty: bool = False) -> list:
        if not isinstance(data, list) or (not data and not allow_empty):
            raise self.fail(where, N_("debe ser una lista no vacía") if not allow_empty else N_("debe ser una lista"))
        return data


def parse_template(data: Any, file: str) -> Template:
    r = _Reader(file)
    top = r.obj(data, "", ("format", "id", "method", "title", "summary", "source", "minutes_from_source",
                          "canvases", "blocks"))
    if top["format"] != FORMAT:
        raise r.fail("format", N_("formato {value} no admitido (se espera {expected})"),
                     value=top["format"], expected=FORMAT)
    template_id = r.key(top["id"], "id")
    stem = Path(file).stem
    if template_id != stem:
        raise r.fail("id", N_("debe coincidir con el nombre del archivo («{stem}»)"), stem=stem)
    if isinstance(top["source"], str):  # one text for both languages (a citation is often the same in both)
        if not top["source"].strip():
            raise r.fail("source", N_("falta el texto o está vacío"))
        source = {"es": top["source"], "en": top["source"]}
    else:
        source = r.text(top["source"], "source")
    if not isinstance(top["minutes_from_source"], bool):
        raise r.fail("minutes_from_source", N_("debe ser true o false"))

    canvases: list[CanvasSpec] = []
    for i, raw in enumerate(r.list(top["canvases"], "canvases", allow_empty=True)):
        where = f"canvases[{i}]"
        c = r.obj(raw, where, ("key", "kind", "title", "zones"))
        kind = r.choice(c["kind"], f"{where}.kind", kinds.keys())
        fixed = kinds.kind(kind).fixed_zones
        zones = []
        for j, zraw in enumerate(r.list(c["zones"], f"{where}.zones", allow_empty=True)):
            z = r.obj(zraw, f"{where}.zones[{j}]", ("key", "label"))
            zones.append(Zone(r.key(z["key"], f"{where}.zones[{j}].key"), r.text(z["label"], f"{where}.zones[{j}].label")))
        zone_keys = [z.key for z in zones]
        if len(set(zone_keys)) != len(zone_keys):
            raise r.fail(f"{where}.zones", N_("hay claves de zona repetidas"))
        if fixed is not None and tuple(zone_keys) != fixed:
            raise r.fail(f"{where}.zones", N_("un lienzo «{kind}» debe tener exactamente las zonas: {zones}"),
                         kind=kind, zones=", ".join(fixed) or "—")
        if kinds.kind(kind).needs_zones and not zones:
            raise r.fail(f"{where}.zones", N_("debe ser una lista no vacía"))
        canvases.append(CanvasSpec(r.key(c["key"], f"{where}.key"), kind, r.text(c["title"], f"{where}.title"), tuple(zones)))
    canvas_keys = [c.key for c in canvases]
    if len(set(canvas_keys)) != len(canvas_keys):
        raise r.fail("canvases", N_("hay claves de lienzo repetidas"))

    blocks: list[BlockSpec] = []
    for i, raw in enumerate(r.list(top["blocks"], "blocks")):
        where = f"blocks[{i}]"
        b = r.obj(raw, where, ("key", "title", "minutes", "input_modes", "instruction", "canvas", "zone"))
        minutes = b["minutes"]
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
            raise r.fail(f"{where}.minutes", N_("debe ser un número entero de minutos mayor que cero"))
        modes = r.list(b["input_modes"], f"{where}.input_modes")
        for j, mode in enumerate(modes):
            r.choice(mode, f"{where}.input_modes[{j}]", INPUT_MODES)
        if len(set(modes)) != len(modes):
            raise r.fail(f"{where}.input_modes", N_("hay modos repetidos"))
        canvas_key = b["canvas"]
        zone = b["zone"]
        if canvas_key is not None:
            if canvas_key not in canvas_keys:
                raise r.fail(f"{where}.canvas", N_("no hay un lienzo con la clave «{value}»"), value=canvas_key)
            if zone is not None and zone not in [z.key for z in canvases[canvas_keys.index(canvas_key)].zones]:
                raise r.fail(f"{where}.zone", N_("el lienzo «{canvas}» no tiene la zona «{value}»"),
                             canvas=canvas_key, value=zone)
        elif zone is not None:
            raise r.fail(f"{where}.zone", N_("una zona necesita un lienzo"))
        blocks.append(BlockSpec(r.key(b["key"], f"{where}.key"), r.text(b["title"], f"{where}.title"), minutes,
                                tuple(modes), r.text(b["instruction"], f"{where}.instruction"), canvas_key, zone))
    block_keys = [b.key for b in blocks]
    if len(set(block_keys)) != len(block_keys):
        raise r.fail("blocks", N_("hay claves de bloque repetidas"))

    return Template(template_id, r.choice(top["method"], "method", METHODS), r.text(top["title"], "title"),
                    r.text(top["summary"], "summary"), source, top["minutes_from_source"],
                    tuple(canvases), tuple(blocks))


def load_template_file(path: Path | Any) -> Template:
    """Load one template from a path or an importlib Traversable."""
    name = getattr(path, "name", str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(name, "", N_("no está codificado en UTF-8")) from None
    except json.JSONDecodeError as exc:
        raise TemplateError(name, "—", N_("JSON no válido en la línea {line} ({detail})"), line=exc.lineno,
                            detail=exc.msg) from None
    return parse_template(data, name)


def builtin_templates() -> list[Template]:
    """All built-in scripts, in a stable order (the diagnostic first)."""
    folder = RESOURCES / "templates"
    found = [load_template_file(p) for p in folder.iterdir() if p.name.endswith(".json")]
    order = {m: i for i, m in enumerate(METHODS)}
    return sorted(found, key=lambda t: (order[t.method], t.id))


def builtin_template(template_id: str) -> Template:
    for template in builtin_templates():
        if template.id == template_id:
            return template
    raise KeyError(template_id)
