"""The capture server on loopback: what phones can do, and every lock on the door."""

from __future__ import annotations

import json
import time


from capture_helpers import Phone, start, workshop_file
from facilitator.capture.guard import RateLimit
from facilitator.capture.items import NOTE_MAX
from facilitator.capture.server import CSP, MAX_REQUEST
from facilitator.document import ProcessDocument


def notes_in(path) -> list[dict]:
    doc = ProcessDocument.open(path)
    try:
        return doc.store.query("SELECT note.*, workgroup.name AS group_name FROM note "
                               "LEFT JOIN workgroup ON workgroup.id = note.group_id ORDER BY note.rowid")
    finally:
        doc.close()


def test_a_group_link_lands_notes_in_its_group_and_the_blocks_zone(room):
    group2 = next(p for p in room.passes if p.label == "Grupo 2")
    phone = Phone(room, group2.token)
    state = phone.state()
    assert state["block"] == "Identificar desafíos" and state["group"]["name"] == "Grupo 2"
    assert [z["key"] for z in state["zones"]] == ["desafios"]
    text = "Falta de intérpretes en el CESFAM 🙏 <script>alert('x')</script>"
    status, data = phone.send(text)
    assert status == 201 and data["status"] == "accepted"
    [note] = notes_in(room.path)
    assert (note["text"], note["group_name"], note["zone"]) == (text, "Grupo 2", "desafios")
    doc = ProcessDocument.open(room.path)
    try:
        item = doc.store.get("capture_item", data["id"])
    finally:
        doc.close()
    assert (item["source"], item["phone"], item["group_id"], item["note_id"]) == (
        "phone", phone.phone, note["group_id"], note["id"])
    assert item["sent_at"]
    assert [m["text"] for m in phone.state()["mine"]] == [text]


def test_a_phone_edits_and_withdraws_its_own_note_but_not_anothers(room):
    token = room.passes[0].token
    mine, other = Phone(room, token, "telefono-mio-01"), Phone(room, token, "telefono-otro-1")
    _, data = mine.send("Trámites lentos")
    assert other.request("PATCH", f"/api/notes/{data['id']}", {"text": "secuestrada"})[0] == 404
    assert other.request("DELETE", f"/api/notes/{data['id']}")[0] == 404
    assert mine.request("PATCH", f"/api/notes/{data['id']}", {"text": "Trámites muy lentos"})[0] == 200
    assert [n["text"] for n in notes_in(room.path)] == ["Trámites muy lentos"]
    assert mine.request("DELETE", f"/api/notes/{data['id']}")[0] == 200
    assert notes_in(room.path) == [] and mine.state()["mine"] == []


def test_moderated_notes_wait_and_pause_stops_new_ones(tmp_path):
    path, wid, blocks = workshop_file(tmp_path)
    server = start(path, wid, blocks["identificar_desafios"], moderated=True)
    try:
        phone = Phone(server, server.passes[0].token)
        status, data = phone.send("Espera en la cola")
        assert (status, data["status"]) == (201, "pending")
        assert notes_in(path) == []
        assert phone.state()["mine"][0]["status"] == "pending"
        from facilitator.capture import items as capture

        doc = ProcessDocument.open(path)
        try:
            doc.execute(capture.set_switch(doc, server.session_id, "paused", True))
        finally:
            doc.close()
        assert phone.send("Durante la pausa")[0] == 409
        assert phone.state()["paused"] is True
    finally:
        server.stop()


def test_no_token_or_a_wrong_one_is_forbidden(room):
    assert Phone(room, None).request("GET", "/api/state")[0] == 403
    assert Phone(room, None).send("sin permiso")[0] == 403
    assert Phone(room, "x" * 24).send("inventado")[0] == 403
    assert Phone(room, "x" * 24).request("GET", "/j/" + "x" * 24)[0] == 403
    assert notes_in(room.path) == []


def test_wrong_host_or_origin_is_forbidden(room):
    phone = Phone(room, room.passes[0].token)
    assert phone.send("rebinding", )[0] == 201
    assert phone.request("POST", "/api/notes", {"text": "a"}, host="evil.example:80")[0] == 403
    assert phone.request("GET", "/api/state", host=f"localhost:{room.port}")[0] == 403
    assert phone.request("POST", "/api/notes", {"text": "b"}, origin="http://evil.example")[0] == 403
    assert phone.request("POST", "/api/notes", {"text": "c"}, origin=None)[0] == 403
    assert phone.request("DELETE", "/api/notes/x", origin="null")[0] == 403
    assert len(notes_in(room.path)) == 1


def test_oversize_notes_and_requests_get_413(room):
    phone = Phone(room, room.passes[0].token)
    assert phone.send("ñ" * NOTE_MAX)[0] == 201  # exactly at the cap is fine
    assert phone.send("x" * (NOTE_MAX + 1))[0] == 413
    huge = json.dumps({"text": "a", "pad": "z" * MAX_REQUEST}).encode()
    assert phone.request("POST", "/api/notes", raw=huge)[0] == 413
    # Lying about the length does not get past the cap either: the server refuses the body (400/413) or,
    # when its refusal races with the client still sending (seen once under heavy load), drops the
    # connection; never a 2xx, and nothing is stored.
    try:
        status, _ = phone.request("POST", "/api/notes", raw=huge, headers={"Transfer-Encoding": "chunked"})
    except (TimeoutError, ConnectionError):
        status = None
    assert status in (400, 413, None)
    assert [len(n["text"]) for n in notes_in(room.path)] == [NOTE_MAX]


def test_a_flood_from_one_phone_gets_429_after_the_burst(tmp_path):
    path, wid, blocks = workshop_file(tmp_path)
    clock = [100.0]
    server = start(path, wid, blocks["identificar_desafios"], note_limit=RateLimit(1.0, 5, clock=lambda: clock[0]))
    try:
        phone, neighbour = Phone(server, server.passes[0].token), Phone(server, server.passes[0].token, "vecina-0001")
        codes = [phone.send(f"nota {i}")[0] for i in range(8)]
        assert codes == [201] * 5 + [429] * 3
        assert neighbour.send("otra persona")[0] == 201  # the limit is per phone
        clock[0] += 1.0
        assert phone.send("un segundo después")[0] == 201
        assert phone.send("demasiado pronto")[0] == 429
        assert len(notes_in(path)) == 7
    finally:
        server.stop()


def test_a_closed_captures_links_get_410_and_new_links_work(tmp_path):
    path, wid, blocks = workshop_file(tmp_path)
    first = start(path, wid, blocks["identificar_desafios"])
    old, retired = first.passes[0].token, first.options.retired
    first.stop()
    second = start(path, wid, blocks["identificar_desafios"], retired=retired)
    try:
        assert old not in {p.token for p in second.passes}
        stale = Phone(second, old)
        assert stale.request("GET", "/api/state")[0] == 410
        assert stale.send("tarde")[0] == 410
        assert stale.request("GET", f"/j/{old}")[0] == 410
        assert Phone(second, second.passes[0].token).send("a tiempo")[0] == 201
    finally:
        second.stop()
    doc = ProcessDocument.open(path)
    try:
        sessions = doc.store.query("SELECT closed_at FROM capture_session ORDER BY rowid")
    finally:
        doc.close()
    assert len(sessions) == 2 and all(s["closed_at"] for s in sessions)


def test_the_server_listens_only_while_open_and_only_on_its_address(tmp_path):
    import socket

    path, wid, blocks = workshop_file(tmp_path)
    server = start(path, wid, blocks["identificar_desafios"])
    port = server.port
    server.stop()
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_pages_are_served_under_a_strict_policy_and_the_code_maps_to_the_token(room):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", room.port, timeout=5)
    conn.request("GET", f"/j/{room.passes[0].token}", headers={"Host": f"127.0.0.1:{room.port}"})
    response = conn.getresponse()
    body = response.read().decode()
    assert response.status == 200 and response.getheader("Content-Security-Policy") == CSP
    assert "unsafe-inline" not in CSP and "default-src 'none'" in CSP
    assert response.getheader("Referrer-Policy") == "no-referrer"
    import re

    assert re.findall(r'(?:src|href)="([^"]*)"', body) == ["/static/app.css", "/static/app.js"]  # nothing external
    conn.close()
    phone = Phone(room, None)
    code = room.passes[1].code
    status, data = phone.request("POST", "/api/code", {"code": f" {code[:3].lower()}-{code[3:]} "})
    assert (status, data["token"]) == (200, room.passes[1].token)
    assert phone.request("POST", "/api/code", {"code": "ZZZZZZ"})[0] == 404


def test_the_page_never_turns_text_into_markup():
    from facilitator.capture.server import phone_bundle

    bundle = phone_bundle()
    script = bundle["app.js"].decode()
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert risky not in script
    assert "<script>" not in bundle["index.html"].decode().lower().replace('<script src="/static/app.js" defer></script>', "")


def test_dot_votes_from_phones_count_on_the_note_and_respect_the_dots(room):
    from facilitator.capture import items as capture

    token = room.passes[0].token
    author, voter = Phone(room, token, "autora-00001"), Phone(room, token, "votante-0001")
    ids = [author.send(t)[1]["id"] for t in ("Uno", "Dos")]
    doc = ProcessDocument.open(room.path)
    try:
        doc.execute(capture.set_switch(doc, room.session_id, "dots", 2))
        assert voter.request("POST", "/api/votes", {"note_id": "x"})[0] == 409  # no vote open yet
        doc.execute(capture.set_switch(doc, room.session_id, "voting", True))
        note_of = {r["id"]: r["note_id"] for r in doc.store.query("SELECT id, note_id FROM capture_item")}
    finally:
        doc.close()
    ballot = voter.state()["ballot"]
    assert [b["text"] for b in ballot] == ["Uno", "Dos"]
    first = note_of[ids[0]]
    assert voter.request("POST", "/api/votes", {"note_id": first, "add": True}) == (200, {"dots_left": 1})
    assert voter.request("POST", "/api/votes", {"note_id": first, "add": True}) == (200, {"dots_left": 0})
    assert voter.request("POST", "/api/votes", {"note_id": note_of[ids[1]], "add": True})[0] == 409
    assert voter.request("POST", "/api/votes", {"note_id": first, "add": False}) == (200, {"dots_left": 1})
    assert {n["text"]: n["votes"] for n in notes_in(room.path)} == {"Uno": 1, "Dos": 0}


def test_a_recorder_types_into_any_group_and_zone_and_the_minutes(tmp_path):
    path, wid, blocks = workshop_file(tmp_path)
    server = start(path, wid, blocks["presentacion"])  # plenary: one room link plus the recorder's
    try:
        assert [p.role for p in server.passes] == ["phone", "recorder"]
        recorder = Phone(server, server.passes[1].token, "relatoria-01")
        state = recorder.state()
        assert state["role"] == "recorder" and [g["name"] for g in state["groups"]] == ["Grupo 1", "Grupo 2", "Grupo 3"]
        zones = [z["key"] for z in state["zones"]]
        assert zones == ["desafios", "fortalezas_oportunidades"]
        g3 = state["groups"][2]["id"]
        assert recorder.send("Red de salud", group_id=g3, zone="fortalezas_oportunidades")[0] == 201
        assert recorder.send("zona falsa", zone="nada")[0] == 400
        assert Phone(server, server.passes[0].token).request(
            "POST", "/api/minutes", {"text": "no soy relator"})[0] == 403
        status, _ = recorder.request("POST", "/api/minutes", {"text": "Se acuerda una mesa", "kind": "acuerdo",
                                                               "speaker": "Sector municipal"})
        assert status == 201
        [note] = notes_in(path)
        assert (note["group_name"], note["zone"]) == ("Grupo 3", "fortalezas_oportunidades")
        doc = ProcessDocument.open(path)
        try:
            [entry] = doc.store.query("SELECT * FROM minutes_entry")
        finally:
            doc.close()
        assert (entry["kind"], entry["block_id"], entry["text"]) == ("acuerdo", blocks["presentacion"],
                                                                    "Se acuerda una mesa")
    finally:
        server.stop()


def test_the_name_is_kept_only_where_asked_and_with_consent(tmp_path):
    path, wid, blocks = workshop_file(tmp_path)
    server = start(path, wid, blocks["identificar_desafios"], ask_name=True)
    try:
        phone = Phone(server, server.passes[0].token)
        phone.send("con nombre", name="Ana", consent=True)
        phone.send("sin consentimiento", name="Beto")
    finally:
        server.stop()
    assert {n["text"]: n["author"] for n in notes_in(path)} == {"con nombre": "Ana", "sin consentimiento": ""}


def test_events_stream_tells_pages_to_refresh_and_that_the_capture_closed(room):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", room.port, timeout=5)
    conn.request("GET", f"/api/events?t={room.passes[0].token}&p=telefono-sse-1",
                 headers={"Host": f"127.0.0.1:{room.port}"})
    response = conn.getresponse()
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream")

    def until(wanted: bytes) -> bytes:
        seen = b""
        while wanted not in seen:
            chunk = response.read1(4096)
            assert chunk, seen
            seen += chunk
        return seen

    assert b"retry: 2000" in until(b"retry")
    deadline = time.monotonic() + 5
    while room.phones != 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert room.phones == 1
    room.refresh_phones()
    until(b"event: refresh\n")
    room.stop()
    until(b"event: closed\n")
    conn.close()
