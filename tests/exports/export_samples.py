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
    ("Carolina Muñoz Fuentes", "Oficina Municipal de Migrantes", "Oficina de atención migrante", "mujer", "Centro", 1,
     0),
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
        InsertRow("validation_round", {"workshop_id": wid, "proposal": "Eje de salud",
                                       "stakeholder": "Servicios públicos", "reception": "reservations",
                                       "reasons": "Falta presupuesto"}),
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


# -- the structured method canvases (issue 5): FODA, problem and objective trees, planning, monitoring ----
# Hostile text that every method canvas also gets, in some field of its own.
MARKUP = ["<nombre>", "AT&T", "<b>negrita sin cerrar", "<img src=/etc/passwd>",
          "¿Qué pasa? ¡Ñandú! 😀🇨🇱\nsegunda línea"]

FODA_NOTES = {
    "fortalezas": ["Contar con una oficina de atención a personas migrantes",
                   "Equipo municipal comprometido con el enfoque de derechos", MARKUP[0]],
    "oportunidades": ["Disponibilidad de fondos regionales para proyectos migratorios",
                      "Universidades interesadas en colaborar", MARKUP[1]],
    "debilidades": ["Falta de personal capacitado en atención intercultural",
                    "Información dispersa entre departamentos", MARKUP[2]],
    "amenazas": ["Incremento de discursos xenófobos en la comunidad local", "Cambios en la normativa migratoria",
                 MARKUP[3]],
    "fo": ["Postular la oficina a fondos regionales para ampliar la atención"],
    "do": ["Capacitar al personal con apoyo de universidades"],
    "fa": ["Campaña comunal contra la xenofobia liderada por la oficina"],
    "da": [MARKUP[4]],
}

PROBLEM = "Dificultades para la integración laboral de migrantes"
CAUSES = ["Falta de políticas inclusivas", "Discriminación en procesos de selección", "Escasez de formación técnica"]
ROOT_CAUSE = "Desconocimiento de la normativa migratoria en las empresas <b>"
EFFECTS = ["Aumento de tensiones sociales", "Incremento del desempleo", "Precariedad económica"]
FAR_EFFECT = "Deserción escolar de hijos e hijas & AT&T"
OBJECTIVE = "Mejorar la integración laboral de las personas migrantes"
MEANS = ["Políticas inclusivas implementadas", "Procesos de selección sin discriminación",
         "Oferta de formación técnica"]
ENDS = ["Convivencia comunal más armónica", "Menor desempleo migrante"]

HIDDEN_NAME = "Rodrigo Saavedra Pinto"  # registered, no consent: never named
CONSENTING_NAME = "Carolina Muñoz Fuentes"  # registered, consents: named only with names on

INITIATIVES = [
    # axis, strategy, name, goal, funding, unit, alliances, plan_ref, period, description, needs, objective,
    # indicators, smart
    ("gestion_municipal", "Coordinación institucional permanente", "Mesa comunal de migración",
     "Mesa constituida con acta y 6 sesiones al año", "Presupuesto municipal", "Secplan",
     "DIDECO, CESFAM, DAEM", "PLADECO 2025–2030, eje social", "2026–2027",
     "Una mesa que reúne a los departamentos que atienden a migrantes.", 0,
     "Constituir la mesa comunal de migración en 2026 con 6 sesiones anuales", "Acta; asistencia a sesiones",
     {"specific": True, "measurable": True, "achievable": True, "relevant": True, "timebound": True}),
    ("gestion_municipal", "Información compartida", "Registro único de atenciones <nombre>",
     "Sistema en uso en 3 departamentos", "Fondo regional (FNDR) & AT&T", HIDDEN_NAME,
     "Universidad Regional", "PMG 2026", "Segundo semestre 2026",
     "Coordina Rodrigo Saavedra Pinto.\nDos líneas: <b>sin cerrar", 1,
     "Un registro compartido para 2026", "Departamentos que lo usan",
     {"specific": True, "measurable": False, "timebound": True}),
    ("capacitacion_informacion", "Formación intercultural", "Curso de atención intercultural 😀",
     "80 funcionarios capacitados", "SUBDERE", "Recursos Humanos", "OIM; Fundación Puertas Abiertas",
     "PMG 2027", "2027", "¿Cómo? ¡Con módulos presenciales! ñandú", None, "", "", {}),
    ("salud", "Acceso a salud", "Facilitadores lingüísticos en CESFAM <img src=/etc/passwd>",
     "2 facilitadores contratados", "Servicio de Salud", "CESFAM Los Aromos", "Agrupación Haitiana Solidarite",
     "PLADECO 2025–2030", "2026-03-01 – 2027-06-30", "", 1, "", "Atenciones con facilitador por mes",
     {"relevant": True}),
    ("eje_borrado", "Estrategia de un eje que ya no existe", "Iniciativa sin eje", "", "", "", "", "", "", "",
     None, "", "", {}),
]

MONITORING = [
    # name, objective, responsible, start, end, indicator, target, current_state, last_review, on_track,
    # achievements, challenges, needs_adjustment, adjustments, adj_responsible, adj_deadline, status
    ("Mesa comunal de migración", "Coordinar a los departamentos", "Secplan", "2026-03-01", "2027-12-31",
     "Sesiones realizadas", "6 al año", "3 sesiones hechas", "2026-09-30", 1, "Acta firmada; ¡buena asistencia!",
     "Rotación de representantes", 0, "", "", "", "on_track"),
    ("Registro único de atenciones <nombre>", "Información compartida & AT&T", HIDDEN_NAME, "2026-01-01",
     "2026-06-30", "Departamentos que lo usan", "3", "Piloto en DIDECO", "2026-05-15", None, "", "", 1,
     "Ampliar el piloto <b>", "Secplan", "2026-12-31", "on_track"),
    ("Curso de atención intercultural 😀", "80 funcionarios capacitados", "Recursos Humanos", "2026-04-01",
     "2027-11-30", "Funcionarios capacitados", "80", "Sin comenzar", "", 0, "",
     "Falta de fondos\n<img src=/etc/passwd>", 1, "Buscar fondos SUBDERE", "Coordina Rodrigo Saavedra Pinto",
     "marzo", "not_started"),
    ("Facilitadores lingüísticos", "Atención en creole", "CESFAM Los Aromos", "2025-01-01", "2025-12-31",
     "Facilitadores contratados", "2", "Cumplido", "2025-12-20", 1, "2 facilitadores", "", 0, "", CONSENTING_NAME,
     "", "done"),
]


def _named(text) -> bool:
    return isinstance(text, str) and (HIDDEN_NAME in text or CONSENTING_NAME in text)


def method_texts() -> list[str]:
    """Every text typed into the method canvases of ``build_methods``, but those with a person's name."""
    texts = [t for notes in FODA_NOTES.values() for t in notes]
    texts += [PROBLEM, *CAUSES, ROOT_CAUSE, *EFFECTS, FAR_EFFECT, OBJECTIVE, *MEANS, *ENDS]
    for row in INITIATIVES:
        texts += [x for x in row[1:10] if isinstance(x, str) and x and not _named(x)]
        texts += [x for x in row[11:13] if x]
    for row in MONITORING:
        texts += [x for x in row[:9] + row[10:12] + row[13:16] if isinstance(x, str) and x and not _named(x)]
    return texts


def _method_people(doc, wid: str) -> None:
    _people(doc, wid, _groups(doc, wid, 2))


def build_methods(doc, *, big: int = 0):
    """(doc, ids): a FODA with cross strategies, a problem tree and its objective tree, a planning matrix and a
    monitoring sheet, full of hostile text; ``big`` adds that many more initiatives to the planning matrix."""
    doc.execute(UpdateRow("process", doc.process["id"], {"place": "Los Aromos",
                                                         "organisers": "Municipalidad de Los Aromos"}))
    did, dc, _db = _workshop(doc, "diagnostico", "Diagnóstico", "2026-10-14")
    _method_people(doc, did)
    dgroups = [g["id"] for g in doc.groups(did)]
    source = note(dc["papelografo"]["id"], "fortalezas_oportunidades", FODA_NOTES["fortalezas"][0],
                  group_id=dgroups[1])
    doc.execute(source)
    fid, fc, _fb = _workshop(doc, "foda", "FODA «comunal»", "2026-10-21")
    fgroups = _groups(doc, fid, 2)
    foda = fc["matriz_foda"]["id"]
    doc.execute(Macro([note(foda, zone, text, group_id=fgroups[i % 2], votes=i, position=i,
                            origin_id=source.id if text == source.values["text"] else None)
                       for zone, texts in FODA_NOTES.items() for i, text in enumerate(texts)]))

    tid, tc, _tb = _workshop(doc, "arbol_problemas", "Árbol de problemas", "2026-10-28")
    tree = tc["arbol"]["id"]
    problem = note(tree, "problema", PROBLEM, position=0)
    causes = [note(tree, "causas", text, position=i, impact=5 - i, feasibility=2 + i,
                   marks=json.dumps(["critical"] if i == 0 else ["manageable"] if i == 2 else []))
              for i, text in enumerate(CAUSES)]
    root = note(tree, "causas", ROOT_CAUSE, position=3, impact=3, feasibility=3, marks=json.dumps(["critical"]))
    effects = [note(tree, "efectos", text, position=i, marks=json.dumps(["serious", "urgent"] if i == 2 else []))
               for i, text in enumerate(EFFECTS)]
    far = note(tree, "efectos", FAR_EFFECT, position=3, marks=json.dumps(["urgent"]))
    links = [(c, problem) for c in causes] + [(root, causes[1]), (problem, effects[0]), (problem, effects[1]),
                                              (problem, effects[2]), (effects[2], far)]
    cmds = [problem, *causes, root, *effects, far]
    cmds += [InsertRow("link", {"canvas_id": tree, "source_id": a.id, "target_id": b.id}) for a, b in links]
    objective = InsertRow("canvas", {
        "workshop_id": tid, "kind": "problem_tree", "variant": "objectives", "origin_id": tree, "key": "objetivos",
        "title": "Árbol de objetivos", "position": 5,
        "zones": json.dumps([{"key": "objetivo", "label": "Objetivo central"}, {"key": "medios", "label": "Medios"},
                             {"key": "fines", "label": "Fines"}], ensure_ascii=False)})
    doc.execute(Macro(cmds + [objective]))
    goal = note(objective.id, "objetivo", OBJECTIVE)
    means = [note(objective.id, "medios", text, position=i, impact=4, feasibility=4 - i)
             for i, text in enumerate(MEANS)]
    ends = [note(objective.id, "fines", text, position=i) for i, text in enumerate(ENDS)]
    links = [(m, goal) for m in means] + [(goal, e) for e in ends]
    doc.execute(Macro([goal, *means, *ends] + [InsertRow("link", {"canvas_id": objective.id, "source_id": a.id,
                                                                  "target_id": b.id}) for a, b in links]))

    pid, pc, _pb = _workshop(doc, "planificacion", "Planificación", "2026-11-04")
    pgroups = _groups(doc, pid, 2)
    matrix = pc["matriz"]["id"]
    rows = []
    for k, (axis, strategy, name, goal_, funding, unit, alliances, plan_ref, period, description, needs, objective_,
            indicators, smart) in enumerate(INITIATIVES):
        rows.append({"axis": axis, "strategy": strategy, "name": name, "goal": goal_, "funding": funding,
                     "unit": unit, "alliances": alliances, "plan_ref": plan_ref, "period": period,
                     "description": description, "needs_funding": needs, "objective": objective_,
                     "indicators": indicators, "smart": json.dumps(smart), "group_id": pgroups[k % 2]})
    axes = [a for a, *_rest in INITIATIVES[:4]]
    rows += [{"axis": axes[k % 4], "strategy": f"Estrategia {k}", "name": f"Iniciativa número {k}",
              "goal": f"Meta {k} " + "con más palabras " * (k % 4), "unit": "Secplan", "period": "2027"}
             for k in range(big)]
    first_cause = causes[0].id
    doc.execute(Macro([InsertRow("initiative", {"canvas_id": matrix, "position": float(k),
                                                "origin_note_id": first_cause if k == 0 else None, **row})
                       for k, row in enumerate(rows)]))

    mid, mc, _mb = _workshop(doc, "seguimiento", "Seguimiento", "2026-12-02")
    sheet = mc["planilla"]["id"]
    fields = ("name", "objective", "responsible", "start_date", "end_date", "indicator", "target", "current_state",
              "last_review", "on_track", "achievements", "challenges", "needs_adjustment", "adjustments",
              "adjustment_responsible", "adjustment_deadline", "status")
    doc.execute(Macro([InsertRow("monitoring_row", {"canvas_id": sheet, "position": float(k),
                                                    **dict(zip(fields, row))}) for k, row in enumerate(MONITORING)]))
    return doc, {"diagnostic": did, "foda": fid, "tree": tid, "planning": pid, "monitoring": mid, "matrix": matrix,
                 "sheet": sheet, "tree_canvas": tree, "objective_canvas": objective.id}


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels in a few dozen bytes (a decompression bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


# What an older version's import, another tool or a crafted file could leave in a file: the store's
# columns do not enforce their types (and a CHECK can be bypassed when the file is written elsewhere).
BAD_VALUES = [
    ("note", "votes", "abc"), ("note", "x", "abc"), ("note", "y", "1e999x"), ("block", "minutes", "ten"),
    ("canvas", "zones", "[1]"), ("canvas", "zones", "not json"), ("run_event", "at", "not a time"),
    ("run_event", "payload", "[]"), ("run_event", "elapsed", "mucho"), ("note", "tags", "{"),
    ("note", "marks", '{"a": 1}'), ("note", "impact", "alto"), ("initiative", "smart", "[1]"),
    ("photo", "width", "ancho"), ("photo", "data", b"no soy una foto"), ("process", "logo", None),
    ("attendance", "present", "sí"), ("participant", "consent", "quizás"), ("theme", "position", "primero"),
    ("minutes_entry", "at", "ayer"), ("commitment", "due", "pronto"),
    ("monitoring_row", "on_track", "quizás"), ("initiative", "needs_funding", 7), ("monitoring_row", "status", "raro"),
    ("commitment", "status", "raro"), ("minutes_entry", "kind", "raro"), ("validation_round", "reception", "raro"),
    ("workshop", "position", "x"), ("note", "position", "x"), ("block", "position", "primero"),
    ("workgroup", "colour", 5), ("participant", "name", 5), ("note", "feasibility", 99), ("note", "text", 42),
    ("canvas", "kind", "evil"), ("link", "kind", 7), ("run_event", "kind", 3), ("note", "zone", 4),
    ("block", "input_modes", 9), ("canvas", "variant", 3), ("attendance", "present", 5),
]


def corrupt(doc) -> list[tuple[str, str, object]]:
    """Write BAD_VALUES straight into the file (one row each; the two bad zones on different canvases)."""
    conn = doc.store.conn
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as a crafted file could have been written
    used: dict[tuple[str, str], int] = {}
    done = []
    for table, column, value in BAD_VALUES:
        if table == "process" and column == "logo":
            value = png_header(30000, 30000)
        n = used.get((table, column), 0)
        used[(table, column)] = n + 1
        row = conn.execute(f'SELECT id FROM "{table}" ORDER BY created_at, id LIMIT 1 OFFSET ?', (n,)).fetchone()
        if row is None:
            continue
        conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', (value, row[0]))
        done.append((table, column, value))
    conn.execute("PRAGMA ignore_check_constraints = OFF")
    return done
