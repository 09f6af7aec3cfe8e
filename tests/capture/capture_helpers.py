"""Shared pieces of the capture tests: a demo file, a running server on loopback, a raw phone client.

Servers listen on 127.0.0.1 only. ``PAPELOGRAFO_TEST_PORTS=18600-18699`` confines them to
a range (on a shared machine); otherwise the system picks a free port.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import socket
from pathlib import Path
from typing import Any

from facilitator.capture.server import CaptureServer, Options
from facilitator.document import ProcessDocument

_counter = itertools.count()


def free_port() -> int:
    spec = os.environ.get("PAPELOGRAFO_TEST_PORTS", "")
    if not spec:
        return 0
    low, high = (int(x) for x in spec.split("-"))
    for _ in range(high - low + 1):
        port = low + next(_counter) % (high - low + 1)
        with socket.socket() as s:
            try:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {spec}")


def workshop_file(tmp_path: Path, *, groups: int = 3) -> tuple[Path, str, dict[str, str]]:
    """A diagnostic workshop with groups; returns the path, the workshop id and blocks by key."""
    from facilitator.commands import InsertRow, Macro
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    path = tmp_path / f"captura-{next(_counter)}.taller"
    doc = ProcessDocument.create(path, "Proceso con teléfonos")
    try:
        macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
        doc.execute(macro)
        wid = macro.workshop_id
        doc.execute(Macro([InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "position": i})
                           for i in range(groups)]))
        blocks = {b["key"]: b["id"] for b in doc.blocks(wid)}
    finally:
        doc.close()
    return path, wid, blocks


def start(path: Path, workshop_id: str, block_id: str, **options: Any) -> CaptureServer:
    callbacks = {k: options.pop(k) for k in ("on_changes", "on_phones", "note_limit") if k in options}
    server = CaptureServer(path, Options(workshop_id, block_id, address="127.0.0.1", port=free_port(), **options),
                           **callbacks)
    server.start()
    return server


class Phone:
    """A raw HTTP client that can send what a browser would not (wrong Host, no Origin, huge bodies)."""

    def __init__(self, server: CaptureServer, token: str | None, phone: str = "telefono-0001") -> None:
        self.server, self.token, self.phone = server, token, phone

    def request(self, method: str, path: str, body: Any = None, *, host: str | None = None,
                origin: str | None = "same", raw: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, Any]:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            h = {"Host": host or f"127.0.0.1:{self.server.port}", "X-Phone": self.phone}
            if self.token:
                h["X-Token"] = self.token
            if origin == "same":
                h["Origin"] = self.server.base_url()
            elif origin:
                h["Origin"] = origin
            data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
            if data is not None:
                h["Content-Type"] = "application/json"
            h.update(headers or {})
            conn.request(method, path, body=data, headers=h)
            response = conn.getresponse()
            payload = response.read()
            try:
                return response.status, json.loads(payload or b"{}")
            except ValueError:
                return response.status, payload
        finally:
            conn.close()

    def send(self, text: str, **fields: Any) -> tuple[int, Any]:
        return self.request("POST", "/api/notes", {"text": text, **fields})

    def state(self) -> dict[str, Any]:
        status, data = self.request("GET", "/api/state")
        assert status == 200, (status, data)
        return data
