"""Headless commands: the same entry point as the GUI, for teams and scripts.

Errors print one clear line on stderr (no traceback) and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import FILE_SUFFIX, __version__
from .domain.templates import TemplateError, builtin_template, builtin_templates
from .document import ProcessDocument
from .i18n import LANGUAGES, _, current_language
from .store import FileProblem
from .workshops import new_workshop


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
    return parser


def cmd_templates(args: argparse.Namespace) -> int:
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


HANDLERS = {"templates": cmd_templates, "new": cmd_new}


def run(args: argparse.Namespace) -> int:
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
