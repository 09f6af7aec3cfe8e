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
from .domain.values import pick_row
from .i18n import _, current_language, current_translator, discover_languages, languages_text, ngettext

# The store, templates and exporters load only when a subcommand needs them:
# `python main.py` parses its arguments here and must open its window fast.
if TYPE_CHECKING:
    from .document import ProcessDocument


class CliError(Exception):
    """A user-facing failure: its text is printed as one line."""


# Set when a file could not be folded back into one self-contained file at close.
_close_problems: list[str] = []


def _close(doc: "ProcessDocument") -> None:
    """Close the file; if its last edits stayed in its -wal (a full disk), say so and fail the command."""
    problem = doc.close()
    if problem is not None:
        _close_problems.append(problem.message())
        print(f"papelografo: {problem.message()}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, in the user's language, exit 2
        raise CliError(_("Uso incorrecto: {detail}. Vea «python main.py --help».", detail=message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="papelografo", description=_("Papelógrafo: talleres participativos sin conexión."))
    parser.add_argument("--version", action="version", version=f"Papelógrafo {__version__}")
    languages = discover_languages()  # the source language and every compiled catalogue in resources/locale
    parser.add_argument("--lang", choices=list(languages),
                        help=_("idioma de la interfaz: {languages}", languages=languages_text(languages)))
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
                      help=_("un proceso exportado con «export --json»: se combina campo por campo"))
    what.add_argument("--taller", metavar="OTRO" + FILE_SUFFIX,
                      help=_("el archivo de proceso de otra computadora: se combina campo por campo"))

    p = sub.add_parser("conflicts", help=_("lista los conflictos de una combinación y los resuelve"))
    p.add_argument("file", help=_("archivo de proceso ({suffix})", suffix=FILE_SUFFIX))
    p.add_argument("--resolve", metavar="ID", help=_("el conflicto a resolver (su identificador o el comienzo)"))
    p.add_argument("--keep", choices=("mine", "theirs"),
                   help=_("mine: mantener el valor de este archivo; theirs: usar el del otro"))
    p.add_argument("--json", action="store_true", help=_("salida en JSON"))
    _add_export_parser(sub)

    p = sub.add_parser("suggest", help=_("sugiere agrupaciones de notas que dicen lo mismo entre grupos y talleres"))
    p.add_argument("file", help=_("archivo de proceso ({suffix})", suffix=FILE_SUFFIX))
    p.add_argument("--workshop", help=_("solo las notas de este taller: su identificador o su número"))
    p.add_argument("--threshold", type=float, metavar="T",
                   help=_("similitud mínima entre 0,3 y 1 (por omisión {value})", value="0,4"))
    p.add_argument("--json", action="store_true", help=_("salida en JSON"))
    p = sub.add_parser("capture", help=_("abre la captura desde teléfonos sin ventana (hasta Ctrl+C)"))
    p.add_argument("file", help=_("archivo de proceso ({suffix})", suffix=FILE_SUFFIX))
    p.add_argument("--workshop", help=_("taller: su identificador o su número (1 = el primero, el predeterminado)"))
    p.add_argument("--block", help=_("bloque: su identificador o su número (por omisión, el que corre en el "
                                     "cronómetro, o el primero con lienzo)"))
    p.add_argument("--address", help=_("dirección de este computador en la red de la sala (por omisión, la mejor "
                                       "que se encuentre)"))
    p.add_argument("--port", type=int, help=_("puerto (por omisión, 8765; 0 = cualquiera libre)"))
    p.add_argument("--moderate", action="store_true", help=_("las notas esperan en «pendientes» antes del tablero"))
    p.add_argument("--ask-name", action="store_true", help=_("pide un nombre opcional, con consentimiento"))
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
    p.add_argument("--json", metavar="PROCESO.json", help=_("todo el proceso en el formato de intercambio, con "
                                                             "datos personales (requiere --full)"))
    p.add_argument("--json-anonymous", metavar="PROCESO.json",
                   help=_("el proceso en el formato de intercambio sin datos personales: sin nombres ni contactos, "
                          "con ids nuevos, generalizado como el informe anónimo"))
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
    languages = discover_languages()
    p.add_argument("--lang", dest="report_lang", choices=list(languages),
                   help=_("idioma del informe: {languages} (por omisión, el de la interfaz)",
                          languages=languages_text(languages)))
    p.add_argument("--sections", metavar="S1,S2",
                   help=_("secciones del informe sistematizado, separadas por comas, «all» o «record» (el registro "
                          "taller por taller); por omisión, todas si el proceso tiene sistematización y si no, el "
                          "registro: {keys}",
                          keys=", ".join(_section_keys())))
    p.add_argument("--min-group", type=int, default=None, metavar="K",
                   help=_("ningún aporte ni conteo se atribuye a un sector u organización con menos de K personas "
                          "presentes: se generaliza (por omisión, {k})", k=_min_group_default()))
    p.add_argument("--full", action="store_true",
                   help=_("confirma que --json escriba la copia completa del proceso, con datos personales "
                          "(nombres, contactos y consentimientos de todas las personas)"))
    p.set_defaults(names=False)


def _section_keys() -> tuple[str, ...]:
    from exports.sections import KEYS

    return KEYS


def _min_group_default() -> int:
    from exports.privacy import MIN_GROUP

    return MIN_GROUP


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
    except BaseException:
        # The file was made a moment ago and holds nothing of the user's: leave no half-made process.
        doc.close()
        for leftover in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise
    _close(doc)
    print(ngettext("Creado «{path}» con el taller «{title}» ({n} bloque, {m} min).",
                   "Creado «{path}» con el taller «{title}» ({n} bloques, {m} min).", len(template.blocks), path=path,
                   title=title, m=template.total_minutes))
    return 0


def _pick_workshop(doc: ProcessDocument, wanted: str | None) -> dict | None:
    """The workshop named by id or 1-based position; the first one by default."""
    workshops = doc.workshops()
    if wanted is None:
        return workshops[0] if workshops else None
    found = pick_row(workshops, wanted)
    if found is not None:
        return found
    names = "; ".join(f"{i}. {w['title']} ({w['id']})" for i, w in enumerate(workshops, start=1))
    raise CliError(_("No existe el taller «{wanted}». Talleres del proceso: {names}.", wanted=wanted,
                     names=names or _("ninguno")))


def cmd_export(args: argparse.Namespace) -> int:
    from exports.atomic import ExportProblem
    from exports.jobs import ExportRequest, run_export

    if args.export_demo == bool(args.file):
        raise CliError(_("Indique un archivo de proceso o --demo (no ambos)."))
    outputs = {"pdf": args.pdf, "xlsx": args.xlsx, "csv_dir": args.csv, "docx": args.docx, "json": args.json,
               "json_anonymous": args.json_anonymous, "decidim": args.decidim, "open_data": args.open_data}
    if not any(outputs.values()):
        raise CliError(_("Indique al menos un formato: --pdf, --xlsx, --csv, --docx, --json, --json-anonymous, "
                         "--decidim o --open-data."))
    if args.json and not args.full:
        raise CliError(_("--json escribe una copia completa del proceso con datos personales (nombres, contactos y "
                         "quién no dio su consentimiento), sin anonimizar: añada --full si es lo que quiere. Para "
                         "compartir sin datos personales, use --json-anonymous; para publicar, --pdf, --xlsx, --csv "
                         "o --docx."))
    min_group = _min_group_default() if args.min_group is None else args.min_group
    if min_group < 1:
        raise CliError(_("--min-group debe ser un número entero de 1 o más (1 no generaliza nada)."))
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
    notice = doc.store.notice()
    if notice is not None:  # read-only, perhaps read from a private copy: the report says what it could see
        print("papelografo: " + _("aviso: {message}", message=notice.message()), file=sys.stderr)
    try:
        workshop = _pick_workshop(doc, args.workshop) if args.workshop else None
        req = ExportRequest(**{k: Path(v) if v else None for k, v in outputs.items()},
                            workshop_id=workshop["id"] if workshop else None, anonymous=not args.names,
                            lang=args.report_lang or current_language(), min_group=min_group,
                            full_json=args.full, decidim_statuses=statuses, sections=sections)
        result = run_export(doc, req)
    except ExportProblem as exc:
        raise CliError(str(exc)) from None
    finally:
        _close(doc)
    for written in result.written:
        if written.suffix == ".pdf" and result.pages:
            print(ngettext("Informe PDF escrito en «{path}» ({n} página).",
                           "Informe PDF escrito en «{path}» ({n} páginas).",
                           result.pages, path=written.resolve()))
        else:
            print(_("Escrito «{path}».", path=written.resolve()))
    if args.json:
        print("papelografo: " + _("aviso: {message}", message=_(
            "«{name}» contiene datos personales de todas las personas del proceso: guárdelo como tal y no lo "
            "publique.", name=Path(args.json).name)), file=sys.stderr)
    for warning in result.warnings:
        print("papelografo: " + _("aviso: {message}", message=warning), file=sys.stderr)
    return 0


def _merge(args: argparse.Namespace) -> int:
    """``import FILE --json X.json`` or ``import FILE --taller OTHER.taller``: a field-level merge."""
    from exports.exchange import ExchangeError, import_data, read_exchange, taller_data

    from .document import ProcessDocument

    source = Path(args.json or args.taller)
    raw = b""
    if args.json:
        try:
            raw = source.read_bytes()
        except OSError as exc:
            raise CliError(_("No se pudo leer «{path}»: {detail}.", path=source,
                             detail=exc.strerror or str(exc))) from None
    doc = ProcessDocument.open(args.file)
    try:
        data = read_exchange(raw) if args.json else taller_data(source, doc)
        plan = import_data(doc, data)
    except ExchangeError as exc:
        raise CliError(f"{source.name}: {exc}") from None
    finally:
        _close(doc)
    print(_("Combinado «{name}»: {summary}", name=source.name, summary=plan.summary()))
    if plan.conflicts:
        print(_("Vea los conflictos con «python main.py conflicts {file}».", file=args.file))
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    """List the open merge conflicts, or settle one (``--resolve ID --keep mine|theirs``)."""
    from .conflicts import field_label, open_conflicts, resolve, shown
    from .document import ProcessDocument

    if bool(args.resolve) != bool(args.keep):
        raise CliError(_("Use «--resolve» y «--keep» juntos."))
    doc = ProcessDocument.open(args.file)
    try:
        conflicts = open_conflicts(doc)
        if args.resolve:
            matches = [c for c in conflicts if c.id.startswith(args.resolve)]
            if len(matches) != 1:
                raise CliError(_("No hay un único conflicto abierto con identificador «{id}».", id=args.resolve))
            doc.execute(resolve(doc, matches[0].id, args.keep))
            print(ngettext("Conflicto resuelto; queda {n} abierto.", "Conflicto resuelto; quedan {n} abiertos.",
                           len(conflicts) - 1))
            return 0
        if args.json:
            print(json.dumps([{"id": c.id, "table": c.table, "row_id": c.row_id, "field": c.field,
                               "row": c.row_label, "mine": shown(c.mine), "theirs": shown(c.theirs),
                               "their_device": c.their_device} for c in conflicts], ensure_ascii=False, indent=2))
            return 0
        if not conflicts:
            print(_("No hay conflictos pendientes."))
        for c in conflicts:
            print(_("{id}  {table} «{row}», campo {field}: este archivo = {mine} | {device} = {theirs}",
                    id=c.id[:8], table=c.table_label, row=c.row_label or "—", field=field_label(c.table, c.field),
                    mine=shown(c.mine, 60).replace("\n", " "), device=c.their_device or _("el otro"),
                    theirs=shown(c.theirs, 60).replace("\n", " ")))
    finally:
        _close(doc)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if getattr(args, "json", None) or getattr(args, "taller", None):
        return _merge(args)
    from .document import ProcessDocument
    from .importers import imported_message, participants_imported_message, plan_notes_import, plan_participants_import

    from .importers.csvread import CsvTooBig, read_capped

    csv_path = Path(args.csv or args.participants)
    try:
        data = read_capped(csv_path)
    except CsvTooBig as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(_("No se pudo leer «{path}»: {detail}.", path=csv_path,
                         detail=exc.strerror or str(exc))) from None
    doc = ProcessDocument.open(args.file)
    try:
        # The write lock is taken before planning, so that two imports into one file run one after
        # the other: the second one's plan sees the groups the first one made instead of making them twice.
        with doc.store.transaction():
            workshop = _pick_workshop(doc, args.workshop)
            if args.csv:
                if workshop is None:
                    raise CliError(_("El proceso no tiene talleres donde importar notas."))
                plan = plan_notes_import(doc, workshop["id"], data, source=csv_path.name)
            else:
                plan = plan_participants_import(doc, workshop["id"] if workshop else None, data,
                                                source=csv_path.name)
            if plan.ok:
                doc.execute(plan.command)
        if not plan.ok:
            for line in plan.lines():
                print(f"papelografo: {csv_path.name}: {line}", file=sys.stderr)
            print("papelografo: " + _("No se importó nada; corrija el archivo y vuelva a intentarlo."), file=sys.stderr)
            return 1
    finally:
        _close(doc)
    c = plan.counts
    if args.csv:
        print(_("Taller «{title}»: {summary}", title=workshop["title"],
                summary=imported_message(current_translator(), c["notes"], c["groups"], c["linked"])))
    else:
        print(participants_imported_message(current_translator(), c["added"], c["updated"], c["groups"]))
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
        print(ngettext("No hay notas parecidas entre sí con este umbral ({n} nota revisada).",
                       "No hay notas parecidas entre sí con este umbral ({n} notas revisadas).", len(notes)))
        return 0
    for k, s in enumerate(found, start=1):
        print(_("{k}. {label} — {counts}, similitud {score}", k=k, label=" · ".join(s.label),
                counts=", ".join((ngettext("{n} nota", "{n} notas", len(s.notes)),
                                  ngettext("{n} grupo", "{n} grupos", len(s.groups)),
                                  ngettext("{n} taller", "{n} talleres", len(s.workshops)))),
                score=f"{s.score:.2f}"))
        for n in s.notes:
            print(f"    [{n.id}] {n.text}  ({n.group or '—'}; {n.workshop})")
    return 0


def cmd_capture(args: argparse.Namespace) -> int:
    import errno

    from .capture.headless import run_capture
    from .capture.items import CaptureProblem
    from .document import ProcessDocument

    path = Path(args.file)
    doc = ProcessDocument.open(path)
    try:
        workshop = _pick_workshop(doc, args.workshop)
    finally:
        doc.close()
    if workshop is None:
        raise CliError(_("El proceso no tiene talleres."))
    if args.port is not None and not 0 <= args.port <= 65535:
        raise CliError(_("El puerto debe estar entre 0 y 65535."))
    try:
        run_capture(path, workshop["id"], args.block, address=args.address, port=args.port,
                    moderated=args.moderate, ask_name=args.ask_name)
    except CaptureProblem as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CliError(_("El puerto {port} ya está en uso: elija otro con --port.", port=args.port)) from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise CliError(_("La dirección {address} no es de este computador.", address=args.address)) from None
        raise CliError(_("No se pudo abrir la captura: {detail}.", detail=exc.strerror or str(exc))) from None
    return 0


HANDLERS = {"templates": cmd_templates, "new": cmd_new, "import": cmd_import, "export": cmd_export,
            "conflicts": cmd_conflicts, "capture": cmd_capture, "suggest": cmd_suggest}


def run(args: argparse.Namespace) -> int:
    from .domain.templates import TemplateError
    from .store import FileProblem

    _close_problems.clear()
    try:
        code = HANDLERS[args.command](args)
        return code or (1 if _close_problems else 0)
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
