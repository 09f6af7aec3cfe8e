"""Every kind of canvas, declared once (no Qt).

A kind is a method's canvas: a board of notes, a FODA matrix, a problem tree, a
planning or a monitoring matrix. Everything that differs by kind and is not the
method's own logic is declared here, and read from here by:

* the workshop's tabs (``facilitator.ui.workshop_tabs``): ``tab_key``, ``tab``, ``panel``;
* the *Añadir lienzo* menu and ``facilitator.add_canvas.new_canvas``: ``name``, ``title``, the default zones;
* the runner's projector (``canvases.registry``): ``projector_view``;
* the exporters (``exports.labels``, ``exports.pdf.canvases``): ``report_name``, ``zone_heading``,
  ``pdf_section``, ``landscape``;
* the scripts' validation (``facilitator.domain.templates``): the keys, ``fixed_zones``, ``needs_zones``;
* the notes pickers (FODA, planning): ``note_sources``;
* the workshop's numbers (``ProcessDocument.counts``): ``table``, ``holds``.

The Qt pieces and the export sections are named by dotted path ("module:attribute")
and imported only when used, so this module stays free of Qt and of the exporters.
Names are Spanish source texts shown through ``_()``; their English is in
``resources/locale/en/LC_MESSAGES/papelografo.po`` like every other string (a test checks each has one).
A new method adds one ``Kind`` to ``BUILTIN`` (see docs/adding-a-method.md);
``register`` adds one at run time (a test registers a dummy kind this way).
"""

from __future__ import annotations

from typing import NamedTuple

from ..i18n import N_, Nn_

Zone = dict  # {"key": str, "label": {"es": str, "en": str}}


class Kind(NamedTuple):  # a NamedTuple, not a dataclass: start-up reads this module and need not load dataclasses
    key: str  # the canvas.kind stored in the file (the schema's CHECK lists the built-in ones)
    name: str  # the kind as the add-canvas menu calls it (Spanish source)
    title: str  # the title of a new canvas of this kind (a second one gets " 2")
    tab_key: str  # the workshop tab that shows the workshop's canvases of this kind
    tab: str  # that tab's title (Spanish source)
    panel: str  # "module:Class" of that tab, built as Class(ctx, parent)
    projector_view: str  # "module:function" giving a read-only, self-fitting view(ctx, canvas_row)
    report_name: str = ""  # the kind as reports call it (default: name)
    zone_heading: str = N_("Zona")  # what its zones are in the method: first column of its tables in reports
    pdf_section: str = "exports.pdf.canvases:board_section"  # "module:function(ctx, workshop, canvas, zones)"
    landscape: bool = False  # its report section always goes on landscape pages
    zones_template: str = ""  # a built-in script whose canvas of this kind gives a new canvas its zones
    zones: tuple[Zone, ...] = ()  # else these zones
    fixed_zones: tuple[str, ...] | None = None  # a script's canvas of this kind must have exactly these zone keys
    needs_zones: bool = False  # a script's canvas of this kind must have at least one zone
    note_sources: tuple[str, ...] = ()  # kinds whose notes may be brought into it
    table: str = "note"  # the table of what it holds (rows with a canvas_id)
    holds: tuple[str, str] = Nn_("{n} nota", "{n} notas")  # how the workshop's numbers count them (ngettext)

    @property
    def shown_in_reports(self) -> str:
        return self.report_name or self.name


BUILTIN: tuple[Kind, ...] = (
    Kind("board", N_("Tablero"), N_("Tablero"), "board", N_("Tablero"),
         panel="canvases.board.board_panel:BoardPanel", projector_view="canvases.board.view:projector_view",
         report_name=N_("Papelógrafo"), pdf_section="exports.pdf.canvases:board_section",
         zones=({"key": "ideas", "label": {"es": "Ideas", "en": "Ideas"}},), needs_zones=True),
    Kind("foda", N_("FODA"), N_("Matriz FODA"), "foda", N_("FODA"),
         panel="canvases.foda.foda_panel:FodaPanel", projector_view="canvases.foda.view:projector_view",
         report_name=N_("Matriz FODA"), zone_heading=N_("Cuadrante"), pdf_section="exports.pdf.canvases:foda_section",
         zones_template="foda", fixed_zones=("fortalezas", "oportunidades", "debilidades", "amenazas"),
         note_sources=("board",), holds=Nn_("{n} elemento FODA", "{n} elementos FODA")),
    Kind("problem_tree", N_("Árbol de problemas"), N_("Árbol de problemas"), "tree", N_("Árbol"),
         panel="canvases.tree.tree_panel:TreePanel", projector_view="canvases.tree.projector_view:projector_view",
         zone_heading=N_("Parte del árbol"), pdf_section="exports.pdf.canvases:tree_section",
         zones_template="arbol_problemas", fixed_zones=("problema", "causas", "efectos"),
         holds=Nn_("{n} idea en el árbol", "{n} ideas en el árbol")),
    Kind("planning_matrix", N_("Matriz de planificación"), N_("Matriz de planificación"), "planning",
         N_("Planificación"), panel="canvases.planning.planning_panel:PlanningPanel",
         projector_view="canvases.planning.projector_view:projector_view", zone_heading=N_("Eje estratégico"),
         pdf_section="exports.pdf.matrices:planning_section", landscape=True, zones_template="planificacion",
         needs_zones=True, note_sources=("board", "foda", "problem_tree"), table="initiative",
         holds=Nn_("{n} iniciativa", "{n} iniciativas")),
    Kind("monitoring_matrix", N_("Matriz de seguimiento"), N_("Matriz de seguimiento"), "monitoring",
         N_("Seguimiento"), panel="canvases.monitoring.monitoring_panel:MonitoringPanel",
         projector_view="canvases.monitoring.projector_view:projector_view",
         pdf_section="exports.pdf.matrices:monitoring_section", landscape=True, zones_template="seguimiento",
         fixed_zones=(), table="monitoring_row", holds=Nn_("{n} fila de seguimiento", "{n} filas de seguimiento")),
)

_KINDS: dict[str, Kind] = {k.key: k for k in BUILTIN}


def all_kinds() -> tuple[Kind, ...]:
    """Every kind, in the order of the tabs and the add-canvas menu."""
    return tuple(_KINDS.values())


def keys() -> tuple[str, ...]:
    return tuple(_KINDS)


def get(key: str) -> Kind | None:
    return _KINDS.get(key)


def kind(key: str) -> Kind:
    """The kind ``key``; KeyError for a kind nobody declared."""
    return _KINDS[key]


def register(new: Kind) -> None:
    """Add a kind after the built-in ones (or replace one with the same key)."""
    _KINDS[new.key] = new


def unregister(key: str) -> None:
    """Forget a registered kind (the built-in ones cannot go)."""
    if key in {k.key for k in BUILTIN}:
        raise ValueError(f"{key!r} is a built-in kind")
    _KINDS.pop(key, None)
