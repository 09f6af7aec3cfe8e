"""Headless commands: the same entry point as the GUI, for teams and scripts.

Errors print one clear line on stderr (no traceback) and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from . import FILE_SUFFIX, __version__
from .i18n import LANGUAGES, _, current_language

# The store, templates and exporters load only when a subcommand needs them:
# `python main.py` parses its arguments here and must open its window fast.
if TYPE_CHECKING:
    from .document import ProcessDocument


class CliError(Exception):
    """A user-facing failure: its text is printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, in the user's language, exit 2
        raise CliError(_("Uso incorrecto: {detail}. Vea «python main.py --help».", detail=message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="papelografo", description=_("Papelógrafo: talleres participativos sin conexión."))
    parser.add_argument("--version", action="version", version=f"Papelógrafo {__version__}")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("idioma de la interfaz (es o en)"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("templates", help=_("lista los guiones de taller incluidos"))
    p.add_argument("--json", action="store_true", help=_("salida en JSON"))

    p = sub.add_parser("new", help=_("crea un archivo de proceso con un taller"))
    p.add_argument("file", help=_("archivo a crear (extensión {suffix})", suffix=FILE_SUFFIX))
    p.add_argument("--template", required=True, help=_("identificador del guion (vea «templates»)"))
    p.add_argument("--title", help=_("título del proceso y del taller"))

    p = sub.add_parser("import", help=_("importa notas o participantes desde un CSV (todo o nada)"))
    p.add_argument("file", help=_("archivo de proceso ({suffix})", suffix=FILE_SUFFIX))
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--csv", metavar="NOTAS.csv",
                      help=_("notas: texto, zona, grupo, votos, etiquetas, bloque, autor"))
    what.add_argument("--participants", metavar="PARTICIPANTES.csv",
                      help=_("participantes: nombre, organización, sector, género, territorio, contacto, "
                             "grupo, consentimiento, asistencia"))
    p.add_argument("--workshop", help=_("taller de destino: su identificador o su número (1 = el primero, "
                                        "que es el predeterminado)"))
    what.add_argument("--json", metavar="PROCESO.json",
                      help=_("un proceso exportado con «export --json»: se combina por identificador"))
    _add_export_parser(sub)

    p = sub.add_parser("suggest", help=_("sugiere agrupaciones de notas que dicen lo mismo entre grupos y talleres"))
    p.add_argument("file", help=_("archivo de proceso ({suffix})", suffix=FILE_SUFFIX))
    p.add_argument("--workshop", help=_("solo las notas de este taller: su identificador o su número"))
    p.add_argument("--threshold", type=float, metavar="T",
                   help=_("similitud mínima entre 0,3 y 1 (por omisión {value})", value="0,4"))
    p.add_argument("--json", action="store_true", help=_("salida en JSON"))
    return parser


def _add_export_parser(sub) -> None:
    """`export FILE --pdf OUT …` and `export --demo --pdf OUT` (see exports/jobs.py)."""
    p = sub.add_parser("export", help=_("exporta el informe (PDF, XLSX, CSV, DOCX) o el proceso (JSON)"))
    p.add_argument("file", nargs="?", help=_("archivo de proceso ({suffix})", suffix=FILE_SUFFIX))
    p.add_argument("--demo", dest="export_demo", action="store_true",
                   help=_("exporta el proceso de demostración"))
    p.add_argument("--pdf", metavar="INFORME.pdf", help=_("informe en PDF"))
    p.add_argument("--xlsx", metavar="TABLAS.xlsx", help=_("matrices y notas en una planilla Excel"))
    p.add_argument("--csv", metavar="CARPETA", help=_("matrices y notas en archivos CSV dentro de esta carpeta"))
    p.add_argument("--docx", metavar="INFORME.docx", help=_("informe editable en Word"))
    p.add_argument("--json", metavar="PROCESO.json", help=_("todo el proceso en el formato de intercambio"))
    p.add_argument("--decidim", metavar="RESULTADOS.csv",
                   help=_("el plan para importar en Decidim (rendición de cuentas): ejes e iniciativas con su avance"))
    p.add_argument("--decidim-statuses", metavar="ESTADO=ID,…",
                   help=_("ids de los estados del componente de Decidim, p. ej. «sin iniciar=1,en curso=2,"
                          "atrasada=3,cumplida=4» (sin esto, la columna status/id queda vacía)"))
    p.add_argument("--open-data", metavar="DATOS.zip",
                   help=_("datos abiertos: las tablas públicas en CSV con su diccionario de datos (siempre anónimo)"))
    p.add_argument("--workshop", help=_("solo este taller: su identificador o su número (por omisión, "
                                        "todo el proceso)"))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--anonymous", dest="names", action="store_false",
                      help=_("no nombra a nadie (predeterminado)"))
    mode.add_argument("--names", dest="names", action="store_true",
                      help=_("nombra a quienes dieron su consentimiento"))
    p.add_argument("--lang", dest="report_lang", choices=sorted(LANGUAGES),
                   help=_("idioma del informe (por omisión, el de la interfaz)"))
    p.add_argument("--sections", metavar="S1,S2",
                   help=_("secciones del informe sistematizado, separadas por comas, «all» o «record» (el registro "
                          "taller por taller); por omisión, todas si el proceso tiene sistematización y si no, el "
                          "registro: {keys}",
                          keys=", ".join(_section_keys())))
    p.set_defaults(names=False)


def _section_keys() -> tuple[str, ...]:
    from exports.sections import KEYS

    return KEYS


def cmd_templates(args: argparse.Namespace) -> int:
    from .domain.templates import builtin_templates

    templates = builtin_templates()
    lang = current_language()
    if args.json:
        out = [{
            "id": t.id, "method": t.method, "title": t.title[lang], "total_minutes": t.total_minutes,
            "minutes_from_source": t.minutes_from_source,
            "blocks": [{"key": b.key, "title": b.title[lang], "minutes": b.minutes,
                        "input_modes": list(b.input_modes), "canvas": b.canvas and t.canvas(b.canvas).kind,
                        "zone": b.zone} for b in t.blocks],
        } for t in templates]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for t in templates:
        print(f"{t.id:<16} {t.title[lang]} — {t.total_minutes} min")
        for b in t.blocks:
            print(f"    {b.minutes:>3} min  {b.title[lang]}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .document import ProcessDocument
    from .domain.templates import builtin_template, builtin_templates
    from .workshops import new_workshop

    try:
        template = builtin_template(args.template)
    except KeyError:
        ids = ", ".join(t.id for t in builtin_templates())
        raise CliError(_("No existe el guion «{id}». Guiones disponibles: {ids}.", id=args.template, ids=ids)) from None
    path = Path(args.file)
    if path.suffix != FILE_SUFFIX:
        path = path.with_name(path.name + FILE_SUFFIX)
    lang = current_language()
    title = args.title or template.title[lang]
    doc = ProcessDocument.create(path, title)
    try:
        macro = new_workshop(doc, template, lang=lang, title=args.title)
        doc.execute(macro)
    finally:
        doc.close()
    print(_("Creado «{path}» con el taller «{title}» ({n} bloques, {m} min).", path=path,
            title=title, n=len(template.blocks), m=template.total_minutes))
    return 0


def _pick_workshop(doc: ProcessDocument, wanted: str | None) -> dict | None:
    """The workshop named by id or 1-based position; the first one by default."""
    workshops = doc.workshops()
    if wanted is None:
        return workshops[0] if workshops else None
    for w in workshops:
        if w["id"] == wanted:
            return w
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(workshops):
        return workshops[int(wanted) - 1]
    names = "; ".join(f"{i}. {w['title']} ({w['id']})" for i, w in enumerate(workshops, start=1))
    raise CliError(_("No existe el taller «{wanted}». Talleres del proceso: {names}.", wanted=wanted,
                     names=names or _("ninguno")))


def cmd_export(args: argparse.Namespace) -> int:
    from exports.atomic import ExportProblem
    from exports.jobs import ExportRequest, run_export

    if args.export_demo == bool(args.file):
        raise CliError(_("Indique un archivo de proceso o --demo (no ambos)."))
    outputs = {"pdf": args.pdf, "xlsx": args.xlsx, "csv_dir": args.csv, "docx": args.docx, "json": args.json,
               "decidim": args.decidim, "open_data": args.open_data}
    if not any(outputs.values()):
        raise CliError(_("Indique al menos un formato: --pdf, --xlsx, --csv, --docx, --json, --decidim o "
                         "--open-data."))
    if args.open_data and args.names:
        raise CliError(_("Los datos abiertos se exportan solo en modo anónimo: quite --names."))
    statuses: dict[str, int] = {}
    if args.decidim_statuses:
        from exports.decidim import parse_statuses

        try:
            statuses = parse_statuses(args.decidim_statuses, _)
        except ValueError as exc:
            raise CliError(f"--decidim-statuses: {exc}") from None
    from exports.sections import SectionsError, parse_sections

    sections = None
    if args.sections is not None:
        try:
            sections = parse_sections(args.sections)
        except SectionsError as exc:
            raise CliError(_("Secciones desconocidas: {names}. Secciones disponibles: {keys}.", names=str(exc) or "—",
                             keys=", ".join(_section_keys()))) from None
    from .document import ProcessDocument

    if args.export_demo:
        from .demo import ensure_demo

        path = ensure_demo()
    else:
        path = Path(args.file)
    doc = ProcessDocument.open(path)
    try:
        workshop = _pick_workshop(doc, args.workshop) if args.workshop else None
        req = ExportRequest(**{k: Path(v) if v else None for k, v in outputs.items()},
                            workshop_id=workshop["id"] if workshop else None, anonymous=not args.names,
                            lang=args.report_lang or current_language(), decidim_statuses=statuses,
                            sections=sections)
        result = run_export(doc, req)
    except ExportProblem as exc:
        raise CliError(str(exc)) from None
    finally:
        doc.close()
    for written in result.written:
        if written.suffix == ".pdf" and result.pages:
            print(_("Informe PDF escrito en «{path}» ({n} páginas).", path=written.resolve(), n=result.pages))
        else:
            print(_("Escrito «{path}».", path=written.resolve()))
    return 0


def _import_json(args: argparse.Namespace) -> int:
    from exports.exchange import ExchangeError, import_json

    from .document import ProcessDocument

    json_path = Path(args.json)
    try:
        raw = json_path.read_bytes()
    except OSError as exc:
        raise CliError(_("No se pudo leer «{path}»: {detail}.", path=json_path,
                         detail=exc.strerror or str(exc))) from None
    doc = ProcessDocument.open(args.file)
    try:
        plan = import_json(doc, raw)
    except ExchangeError as exc:
        raise CliError(f"{json_path.name}: {exc}") from None
    finally:
        doc.close()
    print(_("Importado «{name}»: {a} filas nuevas, {u} actualizadas, {s} omitidas.", name=json_path.name,
            a=sum(plan.inserted.values()), u=sum(plan.updated.values()), s=plan.skipped))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if getattr(args, "json", None):
        return _import_json(args)
    from .document import ProcessDocument
    from .importers import plan_notes_import, plan_participants_import

    csv_path = Path(args.csv or args.participants)
    try:
        data = csv_path.read_bytes()
    except OSError as exc:
        raise CliError(_("No se pudo leer «{path}»: {detail}.", path=csv_path,
                         detail=exc.strerror or str(exc))) from None
    doc = ProcessDocument.open(args.file)
    try:
        workshop = _pick_workshop(doc, args.workshop)
        if args.csv:
            if workshop is None:
                raise CliError(_("El proceso no tiene talleres donde importar notas."))
            plan = plan_notes_import(doc, workshop["id"], data, source=csv_path.name)
        else:
            plan = plan_participants_import(doc, workshop["id"] if workshop else None, data, source=csv_path.name)
        if not plan.ok:
            for line in plan.lines():
                print(f"papelografo: {csv_path.name}: {line}", file=sys.stderr)
            print("papelografo: " + _("No se importó nada; corrija el archivo y vuelva a intentarlo."), file=sys.stderr)
            return 1
        doc.execute(plan.command)
    finally:
        doc.close()
    c = plan.counts
    if args.csv:
        print(_("Importadas {n} notas en el taller «{title}» ({g} grupos nuevos, {p} vinculadas a participantes).",
                n=c["notes"], title=workshop["title"], g=c["groups"], p=c["linked"]))
    else:
        print(_("Importados {a} participantes nuevos y {u} actualizados ({g} grupos nuevos).",
                a=c["added"], u=c["updated"], g=c["groups"]))
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from .document import ProcessDocument
    from .synthesis import suggest
    from .synthesis.tables import rejected, synonym_pairs

    threshold = suggest.DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not suggest.FLOOR <= threshold <= 1:
        raise CliError(_("El umbral debe estar entre {low} y 1.", low=str(suggest.FLOOR).replace(".", ",")
                         if current_language() == "es" else str(suggest.FLOOR)))
    doc = ProcessDocument.open(args.file)
    try:
        workshop = _pick_workshop(doc, args.workshop) if args.workshop else None
        pid = doc.process["id"]
        notes = suggest.load_notes(doc.store, pid, workshop["id"] if workshop else None)
        found = suggest.Suggester(notes, synonym_pairs(doc.store, pid)).clusters(
            threshold, hide=rejected(doc.store, pid))
    finally:
        doc.close()
    if args.json:
        print(json.dumps([s.as_dict() for s in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(_("No hay notas parecidas entre sí con este umbral ({n} notas revisadas).", n=len(notes)))
        return 0
    for k, s in enumerate(found, start=1):
        print(_("{k}. {label} — {n} notas, {g} grupos, {w} talleres, similitud {score}", k=k,
                label=" · ".join(s.label), n=len(s.notes), g=len(s.groups), w=len(s.workshops),
                score=f"{s.score:.2f}"))
        for n in s.notes:
            print(f"    [{n.id}] {n.text}  ({n.group or '—'}; {n.workshop})")
    return 0


HANDLERS = {"templates": cmd_templates, "new": cmd_new, "import": cmd_import, "export": cmd_export,
            "suggest": cmd_suggest}


def run(args: argparse.Namespace) -> int:
    from .domain.templates import TemplateError
    from .store import FileProblem

    try:
        return HANDLERS[args.command](args)
    except CliError as exc:
        print(f"papelografo: {exc}", file=sys.stderr)
        return 2
    except FileProblem as exc:
        print(f"papelografo: {exc.message()}", file=sys.stderr)
        return 1
    except TemplateError as exc:
        print(f"papelografo: {exc.message()}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (``templates | head``): no traceback, now or at exit's flush.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
