"""Application entry point: the CLI's subcommands, or the GUI.

Qt is imported only when a window is needed, so headless commands start fast
and run on machines without a display.
"""

from __future__ import annotations

import sys

from . import FILE_SUFFIX, cli
from .i18n import LANGUAGES, _, set_language
from .settings import Settings


def _lang_in(argv: list[str]) -> str | None:
    """The --lang value, looked up before parsing so that help and errors use it."""
    for i, token in enumerate(argv):
        if token == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if token.startswith("--lang=") and token.split("=", 1)[1] in LANGUAGES:
            return token.split("=", 1)[1]
    return None


def gui_parser() -> cli._Parser:
    parser = cli._Parser(
        prog="papelografo",
        description=_("Papelógrafo: talleres participativos sin conexión."),
        epilog=_("Comandos sin ventana: {commands}. Ayuda de cada uno: «python main.py COMANDO --help».",
                 commands=", ".join(cli.HANDLERS)))
    parser.add_argument("file", nargs="?", help=_("archivo de proceso a abrir ({suffix})", suffix=FILE_SUFFIX))
    parser.add_argument("--demo", action="store_true", help=_("abre el proceso de demostración"))
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("idioma de la interfaz (es o en)"))
    parser.add_argument("--version", action="version", version=f"Papelógrafo {cli.__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    lang = _lang_in(argv)
    set_language(lang or settings.get("language"))
    headless = any(token in cli.HANDLERS for token in argv)
    try:
        args = (cli.build_parser() if headless else gui_parser()).parse_args(argv)
    except cli.CliError as exc:
        print(f"papelografo: {exc}", file=sys.stderr)
        return 2
    if headless:
        return cli.run(args)
    from .ui.qt_app import run_gui  # Qt only from here on

    return run_gui(settings, file=args.file, demo=args.demo, lang_override=args.lang)
