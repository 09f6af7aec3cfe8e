"""Application entry point: the CLI's subcommands, or the GUI.

Qt is imported only when a window is needed, so headless commands start fast
and run on machines without a display.
"""

from __future__ import annotations

import sys

from . import cli
from .i18n import _, set_language
from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    set_language(settings.get("language"))
    parser = cli.build_parser()
    gui = parser.add_argument_group()
    # GUI-only options live on the top parser so `main.py FILE` and `--demo` work.
    gui.add_argument("--demo", action="store_true", help=_("abre el proceso de demostración"))
    if argv and argv[0] not in cli.HANDLERS and not argv[0].startswith("-"):
        files, argv = argv[:1], argv[1:]
    else:
        files = []
    try:
        args = parser.parse_args(argv)
    except cli.CliError as exc:
        print(f"papelografo: {exc}", file=sys.stderr)
        return 2
    if args.lang:
        set_language(args.lang)
    if args.command:
        return cli.run(args)
    from .ui.qt_app import run_gui  # Qt only from here on

    return run_gui(settings, file=files[0] if files else None, demo=args.demo, lang_override=args.lang)
