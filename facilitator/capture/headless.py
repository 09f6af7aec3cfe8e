"""``main.py capture FILE``: the capture server without a window (no Qt unless listing addresses).

For a recorder laptop, a small box in the room, and tests. It prints one join
link per group (or one for the room) and the recorder's, then serves until
Ctrl+C or SIGTERM; it stops only after every acknowledged note is committed (a
note is acknowledged after its commit, and shutdown lets requests in flight finish).
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any, Callable

from ..document import ProcessDocument
from ..i18n import _, ngettext
from .guard import Pass
from .items import CaptureProblem
from .server import CaptureServer, Options

DEFAULT_PORT = 8765


def pick_block(doc: ProcessDocument, workshop_id: str, wanted: str | None) -> dict[str, Any]:
    """The block by id or 1-based number; by default the one the runner is in, else the first with a canvas."""
    from ..domain.values import pick_row
    from ..record import running_block

    blocks = doc.blocks(workshop_id)
    if wanted is not None:
        found = pick_row(blocks, wanted)
        if found is not None:
            return found
        names = "; ".join(f"{i}. {b['title']}" for i, b in enumerate(blocks, start=1))
        raise CaptureProblem(_("No existe el bloque «{wanted}». Bloques del taller: {names}.", wanted=wanted,
                               names=names or _("ninguno")))
    running = running_block(doc.store, workshop_id)
    chosen = next((b for b in blocks if b["id"] == running), None) or next((b for b in blocks if b["canvas_id"]), None)
    if chosen is None:
        raise CaptureProblem(_("El taller no tiene bloques con un lienzo donde recibir notas."))
    return chosen


def pass_line(server: CaptureServer, p: Pass) -> str:
    who = _("Relatoría (otra computadora)") if p.role == "recorder" else (p.label or _("Toda la sala"))
    return _("{who}: {url}  (código {code})", who=who, url=server.url(p), code=p.code)


def default_address() -> str:
    """The best address phones can reach, read with Qt's QNetworkInterface; loopback if there is none."""
    # Qt's listing lives on the Qt side (facilitator.ui.network); named by its dotted path, as the kind
    # registry names its panels, so this pure module never imports the GUI package.
    import importlib

    try:
        candidates = importlib.import_module("facilitator.ui.network").candidates
    except ImportError:  # Qt missing: the user names the address
        return "127.0.0.1"
    found = candidates()
    return found[0].address if found else "127.0.0.1"


def serve(path: Path, workshop_id: str, block_id: str, *, address: str, port: int, moderated: bool,
          ask_name: bool, out: Callable[[str], None] = print,
          stop: threading.Event | None = None) -> int:
    """Run until ``stop`` is set (by SIGINT/SIGTERM from the command line); returns the notes acknowledged."""
    stop = stop or threading.Event()
    server = CaptureServer(path, Options(workshop_id, block_id, address=address, port=port, moderated=moderated,
                                         ask_name=ask_name))
    server.start()
    try:
        target = server.target
        assert target is not None
        out(_("Captura abierta para «{block}» ({workshop}) en {url}", block=target.block_title,
              workshop=target.workshop_title, url=server.base_url()))
        for p in server.passes:
            out(pass_line(server, p))
        out(_("Ctrl+C cierra la captura; cada nota recibida ya está guardada."))
        while not stop.wait(0.5):
            if not server.running:
                break
    finally:
        server.stop()
    out(ngettext("Captura cerrada: {n} nota recibida y guardada en «{file}».",
                 "Captura cerrada: {n} notas recibidas y guardadas en «{file}».", server.acknowledged, file=path.name))
    return server.acknowledged


def run_capture(path: Path, workshop_id: str, block: str | None, *, address: str | None, port: int | None,
                moderated: bool, ask_name: bool) -> None:
    doc = ProcessDocument.open(path)
    try:
        block_id = pick_block(doc, workshop_id, block)["id"]
    finally:
        doc.close()
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_a: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        serve(path, workshop_id, block_id, address=address or default_address(),
              port=DEFAULT_PORT if port is None else port, moderated=moderated, ask_name=ask_name,
              out=lambda line: print(line, flush=True), stop=stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
