"""A small load on loopback (the full one is bench/phone_capture.py): concurrent phones, every note exactly once."""

from __future__ import annotations

import threading

from capture_helpers import Phone, start, workshop_file
from facilitator.document import ProcessDocument


def test_forty_phones_sending_a_burst_each_land_every_note_exactly_once(tmp_path):
    path, wid, blocks = workshop_file(tmp_path)
    server = start(path, wid, blocks["identificar_desafios"])
    acked: dict[str, str] = {}
    failures: list[int] = []
    lock = threading.Lock()

    def phone(n: int) -> None:
        client = Phone(server, server.passes[n % 3].token, f"carga-telefono-{n:03d}")
        for i in range(5):  # one burst: the rate limit lets it through whole
            text = f"teléfono {n} nota {i} ñ 🐢"
            status, data = client.send(text)
            with lock:
                if status == 201:
                    acked[data["id"]] = text
                else:
                    failures.append(status)

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    server.stop()
    assert failures == [] and len(acked) == 200
    doc = ProcessDocument.open(path)
    try:
        rows = doc.store.query("SELECT capture_item.id, note.text, note.x, note.y, note.group_id, note.zone "
                               "FROM capture_item JOIN note ON note.id = capture_item.note_id")
        texts = [r["text"] for r in doc.store.query("SELECT text FROM note")]
    finally:
        doc.close()
    assert {r["id"]: r["text"] for r in rows} == acked
    assert sorted(texts) == sorted(acked.values())  # exactly once
    spots = [(r["group_id"], r["zone"], r["x"], r["y"]) for r in rows]
    assert len(set(spots)) == len(spots)  # notes committed together still get a spot each
