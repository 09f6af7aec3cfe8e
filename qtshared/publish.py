"""The *Publicar* button of the planning and monitoring canvases: the plan for Decidim, the open data.

Both files are written from the whole process, anonymously (they are for
publication), in the interface's language; the export dialog offers the same
two formats with its other options. Reading and writing take milliseconds, so
they run on the GUI thread; the file is written atomically (``exports.atomic``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from facilitator.i18n import _, current_language

from .dialogs import Dialogs

DECIDIM = "decidim"
OPEN_DATA = "open_data"


class PublishDialogs:
    """The file picker, apart so tests can replace it."""

    @classmethod
    def target(cls, parent: QWidget, suggested: str, filters: str) -> str:
        return Dialogs.save_file(parent, suggested, filters, _("Guardar como"))


def publish_button(ctx: Any, parent: QWidget) -> QPushButton:
    """A *Publicar* button whose menu writes the plan for Decidim or the open-data ZIP.

    A push button with a menu: its size counts the menu's arrow (a tool button's draws it over the label)."""
    button = QPushButton(_("Publicar"), parent)
    button.setToolTip(_("Archivos para publicar el plan y sus datos donde el municipio ya publica"))
    menu = QMenu(button)
    menu.addAction(_("Exportar para Decidim (rendición de cuentas)…"), lambda: publish(ctx, parent, DECIDIM))
    menu.addAction(_("Datos abiertos (ZIP con diccionario de datos)…"), lambda: publish(ctx, parent, OPEN_DATA))
    button.setMenu(menu)
    return button


def suggested_path(ctx: Any, what: str) -> Path:
    base = ctx.doc.path.with_suffix("")
    suffix = "-decidim.csv" if what == DECIDIM else "-datos-abiertos.zip"
    return base.with_name(base.name + suffix)


def publish(ctx: Any, parent: QWidget, what: str) -> Path | None:
    """Ask where, write the file, say where it went (or why not, in one line). Returns the path written."""
    from exports.atomic import ExportProblem
    from exports.decidim import write_decidim
    from exports.model import load_report
    from exports.opendata import write_open_data

    filters = (_("CSV para Decidim (*.csv)") if what == DECIDIM else _("Datos abiertos (*.zip)")) + ";;" + \
        _("Todos (*)")
    chosen = PublishDialogs.target(parent, str(suggested_path(ctx, what)), filters)
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() not in (".csv", ".zip"):
        target = target.with_name(target.name + (".csv" if what == DECIDIM else ".zip"))
    try:
        from exports.targets import check_targets

        check_targets([target], ctx.doc.path)  # never over the process file or another .taller
        report = load_report(ctx.doc, anonymous=True, lang=current_language())
        if what == DECIDIM:
            write_decidim(report, target)
        else:
            write_open_data(report, target)
    except ExportProblem as exc:
        Dialogs.error(parent, str(exc))
        return None
    Dialogs.info(parent, _("Escrito «{path}».", path=target))
    return target
