"""Application entry point: the CLI's subcommands, or the GUI.

Qt is imported only when a window is needed, so headless commands start fast
and run on machines without a display. A plain launch (``main.py``, ``main.py
FILE``, ``--demo``, ``--lang``) is read without argparse, which the window does
not need; anything else goes through the full parsers for help and errors.
"""

from __future__ import annotations

import sys

from .i18n import LANGUAGES, languages_text, set_language
from .settings import Settings

SUBCOMMANDS = ("templates", "new", "import", "export", "conflicts", "capture", "suggest")  # cli.HANDLERS, kept in step by a test


def _lang_in(argv: list[str]) -> str | None:
    """The --lang value, looked up before parsing so that help and errors use it."""
    for i, token in enumerate(argv):
        if token == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if token.startswith("--lang=") and token.split("=", 1)[1] in LANGUAGES:
            return token.split("=", 1)[1]
    return None


def plain_launch(argv: list[str]) -> tuple[str | None, bool, str | None] | None:
    """(file, demo, lang) for a launch of the window; None if argparse must look at it."""
    file, demo, lang = None, False, None
    tokens = iter(argv)
    for token in tokens:
        if token == "--demo":
            demo = True
        elif token == "--lang":
            lang = next(tokens, None)
            if lang not in LANGUAGES:
                return None
        elif token.startswith("--lang="):
            lang = token.split("=", 1)[1]
            if lang not in LANGUAGES:
                return None
        elif token.startswith("-") or file is not None:
            return None
        else:
            file = token
    return file, demo, lang


def gui_parser():
    from . import FILE_SUFFIX, __version__, cli
    from .i18n import _

    parser = cli._Parser(
        prog="papelografo",
        description=_("Papelógrafo: talleres participativos sin conexión."),
        epilog=_("Comandos sin ventana: {commands}. Ayuda de cada uno: «python main.py COMANDO --help».",
                 commands=", ".join(SUBCOMMANDS)))
    parser.add_argument("file", nargs="?", help=_("archivo de proceso a abrir ({suffix})", suffix=FILE_SUFFIX))
    parser.add_argument("--demo", action="store_true", help=_("abre el proceso de demostración"))
    parser.add_argument("--lang", choices=list(LANGUAGES),
                        help=_("idioma de la interfaz: {languages}", languages=languages_text(LANGUAGES)))
    parser.add_argument("--version", action="version", version=f"Papelógrafo {__version__}")
    parser.add_argument("--selftest", action="store_true",
                        help=_("comprueba esta instalación: exporta la demostración en cada formato, lee los "
                               "archivos y abre la ventana sin mostrarla; sale con 0 si todo está bien"))
    parser.add_argument("--no-window", action="store_true", help=_("con --selftest: omite la prueba de la ventana"))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--selftest" in argv and not any(token in SUBCOMMANDS for token in argv):
        # the built bundle checks itself (facilitator/selftest.py); its report is in Spanish unless --lang says
        set_language(_lang_in(argv) or "es")
        from .selftest import run

        return run(window="--no-window" not in argv)
    settings = Settings()
    set_language(_lang_in(argv) or settings.get("language"))
    headless = any(token in SUBCOMMANDS for token in argv)
    launch = None if headless else plain_launch(argv)
    if launch is None:
        from . import cli

        try:
            args = (cli.build_parser() if headless else gui_parser()).parse_args(argv)
        except cli.CliError as exc:
            print(f"papelografo: {exc}", file=sys.stderr)
            return 2
        if headless:
            return cli.run(args)
        launch = (args.file, args.demo, args.lang)
    file, demo, lang = launch
    from .ui.qt_app import run_gui  # Qt only from here on

    return run_gui(settings, file=file, demo=demo, lang_override=lang)
