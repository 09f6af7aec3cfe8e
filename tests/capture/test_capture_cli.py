"""``main.py capture``: join links printed, a clean stop on SIGTERM, nothing acknowledged lost to SIGKILL."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from capture_helpers import free_port, workshop_file
from facilitator.document import ProcessDocument

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"^(?P<who>[^:]+): http://127\.0\.0\.1:(?P<port>\d+)/j/(?P<token>[A-Za-z0-9_-]+)  \(código (?P<code>\w+)\)$")


def launch(path: Path, *args: str) -> tuple[subprocess.Popen, dict[str, str], int]:
    port = free_port() or 0
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "capture", str(path), "--address", "127.0.0.1",
                             "--port", str(port), *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    links: dict[str, str] = {}
    deadline = time.monotonic() + 30
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline().rstrip("\n")
        if not line:
            if proc.poll() is not None:
                pytest.fail(f"capture stopped: {proc.stderr.read() if proc.stderr else ''}")
            continue
        found = LINK.match(line)
        if found:
            links[found["who"]] = found["token"]
            port = int(found["port"])
        if line.startswith("Ctrl+C"):
            return proc, links, port
    proc.kill()
    pytest.fail("capture did not print its links")


def post(port: int, token: str, phone: str, text: str) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/api/notes", body=json.dumps({"text": text}).encode(),
                     headers={"Host": f"127.0.0.1:{port}", "Origin": f"http://127.0.0.1:{port}", "X-Token": token,
                              "X-Phone": phone, "Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def items_in(path: Path) -> dict[str, str]:
    doc = ProcessDocument.open(path)
    try:
        return {r["id"]: r["text"] for r in doc.store.query(
            "SELECT capture_item.id, note.text FROM capture_item JOIN note ON note.id = capture_item.note_id")}
    finally:
        doc.close()


def test_capture_prints_a_link_per_group_and_stops_cleanly_on_sigterm(tmp_path):
    path, _wid, _blocks = workshop_file(tmp_path)
    proc, links, port = launch(path, "--block", "2")
    try:
        assert set(links) == {"Grupo 1", "Grupo 2", "Grupo 3", "Relatoría (otra computadora)"}
        status, data = post(port, links["Grupo 1"], "telefono-cli-1", "Desde la línea de órdenes ✍️")
        assert status == 201
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "1 nota recibida y guardada" in out  # one note, in the singular
    assert items_in(path) == {data["id"]: "Desde la línea de órdenes ✍️"}


def test_capture_refuses_a_block_that_does_not_exist_in_one_line(tmp_path):
    path, _wid, _blocks = workshop_file(tmp_path)
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "capture", str(path), "--block", "99",
                           "--address", "127.0.0.1", "--port", str(free_port())], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "No existe el bloque «99»" in done.stderr


def test_sigkill_during_a_phone_burst_loses_no_acknowledged_note(tmp_path):
    path, _wid, _blocks = workshop_file(tmp_path)
    proc, links, port = launch(path, "--block", "2")
    acknowledged: dict[str, str] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def phone(n: int) -> None:
        token = list(links.values())[n % 3]
        for i in range(5):  # one burst: within the rate limit
            if stop.is_set():
                return
            text = f"teléfono {n} nota {i} 🚀"
            try:
                status, data = post(port, token, f"rafaga-telefono-{n:03d}", text)
            except OSError:
                return  # the server died mid-request: not acknowledged
            if status == 201:
                with lock:
                    acknowledged[data["id"]] = text

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(30)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    stop.set()
    for t in threads:
        t.join(20)
    proc.communicate(timeout=20)
    assert proc.returncode == -signal.SIGKILL
    assert 40 <= len(acknowledged) < 150, len(acknowledged)  # killed mid-burst
    stored = items_in(path)
    missing = {k: v for k, v in acknowledged.items() if stored.get(k) != v}
    assert not missing
    # The file opens cleanly afterwards and the dead session is closed on the next opening.
    doc = ProcessDocument.open(path)
    try:
        assert doc.store.integrity_ok()
    finally:
        doc.close()
