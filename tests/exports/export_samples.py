"""Processes to export: a hostile workshop (text that breaks naive writers) and a rich one.

Both are built with the app's own commands, so what is exported is what the app stores.
Shared by the export tests (fixtures in conftest.py) under a name no other folder uses.
"""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

from PIL import Image

from facilitator.commands import InsertRow, Macro, UpdateRow
from facilitator.domain.templates import builtin_template
from facilitator.session.runlog import RunLog, plan_of
from facilitator.session.runner import ManualClock, Runner
from facilitator.workshops import new_workshop

HOSTILE = [
    "Año de la niñez: ¿qué pasó con la señora Muñoz? ¡Urgente! áéíóú ÁÉÍÓÚ üÜ ñÑ ç",
    "Emoji 😀🎉👍🏽 ❤️ y familia 👩‍👩‍👧 bandera 🇨🇱 ☕",
    "Línea uno\nLínea dos\r\nLínea tres\rLínea cuatro",
    "<nombre>",
    "AT&T y &amp; y &lt; no son entidades",
    "<b>negrita sin cerrar",
    "<img src=/etc/passwd>",
    '<img src="/tmp/papelografo-no-existe.png"/> <a href="https://x.org">enlace</a> <font size=40>grande</font>',
    "'; DROP TABLE note;--",
    "Palabra" + "larguísima" * 30,
    "https://example.org/" + "ruta/" * 40 + "?q=" + "x" * 120,
    "=SUMA(A1:A2)",
    "- guion inicial",
    "Texto con  dos   espacios y\ttabulador",
    "Comillas «latinas» “tipográficas” ‘simples’ — guiones – y … puntos",
    "Precio $100 %20 #1 @persona ~ ^ | \\ { } [ ]",
]

PEOPLE = [
    # name, organisation, sector, gender, territory, consent, group index
    ("Carolina Muñoz Fuentes", "Oficina Municipal de Migrantes", "Oficina de atención migrante", "mujer", "Centro", 1, 0),
    ("Rodrigo Saavedra Pinto", "CESFAM Los Aromos", "Servicios públicos", "hombre", "Centro", 0, 0),
    ("Francisca Olivares Tapia", "DAEM", "Servicios públicos", "mujer", "Norte", 1, 1),
    ("Jean-Baptiste Pierre", "Agrupación Haitiana Solidarite", "Organizaciones migrantes y pro-migrantes", "hombre",
     "Villa Esperanza", 0, 1),
    ("Valentina Roa Guzmán", "Fundación Puertas Abiertas", "Fundaciones y sociedad civil", "otro", "Norte", 0, 1),
]
NAMES = [p[0] for p in PEOPLE]
CONSENTING = [p[0] for p in PEOPLE if p[5]]
HIDDEN = [p[0] for p in PEOPLE if not p[5]]
T0 = datetime(2026, 10, 14, 12, 0, tzinfo=timezone.utc)


def jpeg(width: int, height: int, colour=(200, 120, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _workshop(doc, template: str, title: str, date: str = "2026-10-14") -> tuple[str, dict, dict]:
    macro = new_workshop(doc, builtin_template(template), lang="es", title=title, date=date)
    doc.execute(macro)
    wid = macro.workshop_id
    canvases = {c["key"]: c for c in doc.canvases(wid)}
    blocks = {b["key"]: b for b in doc.blocks(wid)}
    return wid, canvases, blocks


def _groups(doc, wid: str, n: int) -> list[str]:
    cmds = [InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "colour": "#8ECAE6",
                                    "position": i}) for i in range(n)]
    doc.execute(Macro(cmds))
    return [c.id for c in cmds]


def _people(doc, wid: str, groups: list[str]) -> dict[str, str]:
    ids = {}
    cmds = []
    for name, org, sector, gender, territory, consent, g in PEOPLE:
        cmd = InsertRow("participant", {"process_id": doc.process["id"], "name": name, "organisation": org,
                                        "sector": sector, "gender": gender, "territory": territory,
                                        "contact": f"{name.split()[0].lower()}@example.org", "consent": consent})
        ids[name] = cmd.id
        cmds += [cmd, InsertRow("attendance", {"workshop_id": wid, "participant_id": cmd.id, "present": 1,
                                               "group_id": groups[g]})]
    doc.execute(Macro(cmds))
    return ids


def note(canvas_id: str, zone: str, text: str, **extra) -> InsertRow:
    values = {"canvas_id": canvas_id, "zone": zone, "text": text, "tags": json.dumps(extra.pop("tags", []))}
    values.update(extra)
    return InsertRow("note", values)


def build_hostile(doc):
    """(doc, workshop_id): a diagnostic workshop whose every note is hostile text."""
    wid, canvases, blocks = _workshop(doc, "diagnostico", "Taller <hostil> & «raro» 😀")
    groups = _groups(doc, wid, 2)
    board = canvases["papelografo"]["id"]
    zones = ["desafios", "fortalezas_oportunidades"]
    doc.execute(Macro([note(board, zones[i % 2], text, group_id=groups[i % 2], votes=i % 4, position=i,
                            block_id=blocks["identificar_desafios"]["id"] if i % 2 == 0 else None,
                            tags=["salud"] if i % 3 == 0 else [])
                       for i, text in enumerate(HOSTILE)]))
    return doc, wid


def _run(doc, wid: str) -> None:
    """Run the agenda with a manual clock: the first block 4 min over, one block skipped."""
    plan = plan_of(doc.store, wid)
    clock = ManualClock(T0)
    runner = Runner(plan, clock, sink=RunLog(doc.store, wid).write)
    runner.start()
    clock.advance(14 * 60)
    clock.wall = T0.replace(minute=14)
    runner.next()
    for block in plan[1:-2]:
        clock.advance(block.minutes * 60)
        runner.next()
    runner.jump(plan[-1].id)
    clock.advance(plan[-1].minutes * 60)
    runner.end()


def build_rich(doc):
    """(doc, ids): every kind of canvas, people with and without consent, minutes, a run, photos…"""
    doc.execute(UpdateRow("process", doc.process["id"], {
        "place": "Los Aromos", "organisers": "Municipalidad de Los Aromos",
        "publish_url": "https://example.org/anexos", "description": "Proceso de prueba para exportar."}))
    wid, canvases, blocks = _workshop(doc, "diagnostico", "Diagnóstico")
    groups = _groups(doc, wid, 3)
    people = _people(doc, wid, groups)
    board = canvases["papelografo"]["id"]
    theme = InsertRow("theme", {"canvas_id": board, "name": "Documentación", "position": 0})
    theme2 = InsertRow("theme", {"canvas_id": board, "name": "Salud", "position": 1})
    cmds = [theme, theme2]
    for i in range(12):
        g = groups[i % 3]
        cmds.append(note(board, "desafios" if i < 8 else "fortalezas_oportunidades", f"Desafío número {i}",
                         group_id=g, votes=i % 5, theme_id=theme.id if i % 2 == 0 else theme2.id,
                         tags=["salud", "corto_plazo"] if i % 4 == 0 else ["integracion"],
                         block_id=blocks["identificar_desafios"]["id"],
                         author=NAMES[i % 5] if i % 3 == 0 else "",
                         participant_id=people[NAMES[i % 5]] if i % 3 == 1 else None))
    cmds.append(note(board, "desafios", "Nota que menciona a Rodrigo Saavedra Pinto por su nombre",
                     group_id=groups[0]))
    cmds += [
        InsertRow("minutes_entry", {"workshop_id": wid, "block_id": blocks["plenario_desafios"]["id"],
                                    "kind": "idea_clave", "speaker": "Rodrigo Saavedra Pinto",
                                    "text": "Idea dicha por una persona sin consentimiento", "position": 0}),
        InsertRow("minutes_entry", {"workshop_id": wid, "block_id": blocks["plenario_desafios"]["id"],
                                    "kind": "propuesta", "speaker": "Carolina Muñoz Fuentes",
                                    "text": "Propuesta de una persona con consentimiento", "position": 1}),
        InsertRow("minutes_entry", {"workshop_id": wid, "block_id": None, "kind": "pregunta",
                                    "speaker": "Grupo 2", "text": "Pregunta general del plenario", "position": 2}),
        InsertRow("commitment", {"process_id": doc.process["id"], "workshop_id": wid,
                                 "what": "Mesa comunal de migración", "responsible": "Jean-Baptiste Pierre",
                                 "due": "2027-03-01", "indicator": "Acta de constitución", "target": "1 mesa"}),
        InsertRow("commitment", {"process_id": doc.process["id"], "what": "Informe de devolución",
                                 "responsible": "Secplan", "due": "2026-12-01"}),
        InsertRow("validation_round", {"workshop_id": wid, "proposal": "Eje de salud", "stakeholder": "Servicios públicos",
                                       "reception": "reservations", "reasons": "Falta presupuesto"}),
        InsertRow("photo", {"workshop_id": wid, "block_id": blocks["identificar_desafios"]["id"],
                            "group_id": groups[0], "caption": "Papelógrafo del grupo 1", "mime": "image/jpeg",
                            "width": 1200, "height": 900, "data": jpeg(1200, 900)}),
    ]
    doc.execute(Macro(cmds))
    _run(doc, wid)

    fid, fc, fb = _workshop(doc, "foda", "FODA", "2026-10-21")
    fgroups = _groups(doc, fid, 2)
    foda = fc["matriz_foda"]["id"]
    doc.execute(Macro([note(foda, z, f"{z.capitalize()} {i}", group_id=fgroups[i % 2], votes=i)
                       for z in ("fortalezas", "oportunidades", "debilidades", "amenazas") for i in range(3)]))

    tid, tc, _tb = _workshop(doc, "arbol_problemas", "Árbol", "2026-10-28")
    tree = tc["arbol"]["id"]
    problem = note(tree, "problema", "Dificultades para la integración laboral de migrantes")
    causes = [note(tree, "causas", t) for t in ("Falta de políticas inclusivas", "Discriminación en selección")]
    effects = [note(tree, "efectos", t) for t in ("Aumento de tensiones sociales", "Precariedad económica")]
    links = [InsertRow("link", {"canvas_id": tree, "source_id": c.id, "target_id": problem.id}) for c in causes]
    links += [InsertRow("link", {"canvas_id": tree, "source_id": problem.id, "target_id": e.id}) for e in effects]
    doc.execute(Macro([problem, *causes, *effects, *links]))

    pid, pc, _pb = _workshop(doc, "planificacion", "Planificación", "2026-11-04")
    matrix = pc["matriz"]["id"]
    doc.execute(Macro([note(matrix, z, f"Iniciativa {i} del eje {z}", votes=i)
                       for i, z in enumerate(["gestion_municipal", "salud", "salud", "trabajo_en_red"])]))
    return doc, {"diagnostic": wid, "foda": fid, "tree": tid, "planning": pid, "people": people}
