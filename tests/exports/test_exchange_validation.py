"""Every malformed exchange file is refused in one line naming table, row and field, before anything is written.

Each case was stored (or refused only by a traceback) before the import checked
rows against one schema; the stored ones then broke every export.
"""

from __future__ import annotations

import json

import pytest

from exports.exchange import ExchangeError, import_json
from facilitator.document import ProcessDocument

from export_samples import png_header

CONTENT = ("workshop", "canvas", "block", "participant", "workgroup", "attendance", "theme", "note", "link",
           "minutes_entry", "commitment", "validation_round", "initiative", "monitoring_row", "photo", "run_event")


@pytest.fixture
def sample(exchange_sample):
    return exchange_sample


def first(data, table):
    return data["tables"][table][0]


def b64(raw: bytes) -> dict:
    import base64
    return {"$base64": base64.b64encode(raw).decode()}


# (name, mutation, words the one-line answer must hold). The mutation gets the decoded-JSON file.
CASES = [
    ("votes-text", lambda d: first(d, "note").update(votes="abc"), ["note", "votes"]),
    ("x-text", lambda d: first(d, "note").update(x="abc"), ["note", "«x»"]),
    ("minutes-text", lambda d: first(d, "block").update(minutes="ten"), ["block", "minutes"]),
    ("zones-not-json", lambda d: first(d, "canvas").update(zones="not json"), ["canvas", "zones"]),
    ("zones-list-of-int", lambda d: first(d, "canvas").update(zones="[1]"), ["canvas", "zones"]),
    ("at-not-time", lambda d: first(d, "run_event").update(at="not a time"), ["run_event", "«at»"]),
    ("logo-30000", lambda d: first(d, "process").update(logo=b64(png_header(30000, 30000))), ["process", "logo"]),
    ("logo-5000", lambda d: first(d, "process").update(logo=b64(png_header(5000, 5000))), ["process", "logo"]),
    ("canvas-id-missing", lambda d: first(d, "note").pop("canvas_id"), ["note", "canvas_id"]),
    ("canvas-id-null", lambda d: first(d, "note").update(canvas_id=None), ["note", "canvas_id"]),
    ("text-missing", lambda d: first(d, "note").pop("text"), ["note", "text"]),
    ("text-null", lambda d: first(d, "note").update(text=None), ["note", "text"]),
    ("votes-negative", lambda d: first(d, "note").update(votes=-5), ["note", "votes"]),
    ("minutes-zero", lambda d: first(d, "block").update(minutes=0), ["block", "minutes"]),
    ("minutes-huge", lambda d: first(d, "block").update(minutes=10**6), ["block", "minutes"]),
    ("text-object", lambda d: first(d, "note").update(text={}), ["note", "text"]),
    ("votes-10e30", lambda d: first(d, "note").update(votes=10**30), ["note", "votes"]),
    ("votes-true", lambda d: first(d, "note").update(votes=True), ["note", "votes"]),
    ("votes-float", lambda d: first(d, "note").update(votes=1.5), ["note", "votes"]),
    ("lone-surrogate", lambda d: first(d, "note").update(text="a\ud800b"), ["note", "text"]),
    ("nul-in-text", lambda d: first(d, "note").update(text="a\x00b"), ["note", "text"]),
    ("text-200k", lambda d: first(d, "note").update(text="x" * 200_000), ["note", "text"]),
    ("same-new-uuid-twice", lambda d: d["tables"]["note"].append(
        dict(first(d, "note"), id="11111111-2222-4333-8444-555555555555", text="otra")) or d["tables"]["note"].append(
        dict(first(d, "note"), id="11111111-2222-4333-8444-555555555555", text="y otra")), ["note", "id"]),
    ("duplicate-attendance", lambda d: d["tables"]["attendance"].append(
        dict(first(d, "attendance"), id="21111111-2222-4333-8444-555555555555")), ["attendance", "participant_id"]),
    ("orphan-note", lambda d: first(d, "note").update(canvas_id="31111111-2222-4333-8444-555555555555"),
     ["note", "canvas_id"]),
    ("orphan-link", lambda d: first(d, "link").update(source_id="41111111-2222-4333-8444-555555555555"),
     ["link", "source_id"]),
    ("orphan-optional-group", lambda d: first(d, "note").update(group_id="51111111-2222-4333-8444-555555555555"),
     ["note", "group_id"]),
    ("x-nan", lambda d: first(d, "note").update(x=float("nan")), ["note", "«x»"]),
    ("x-infinity", lambda d: first(d, "note").update(x=float("inf")), ["note", "«x»"]),
    ("present-2", lambda d: first(d, "attendance").update(present=2), ["attendance", "present"]),
    ("consent-text", lambda d: first(d, "participant").update(consent="sí"), ["participant", "consent"]),
    ("kind-unknown", lambda d: first(d, "canvas").update(kind="evil"), ["canvas", "kind"]),
    ("tags-not-json", lambda d: first(d, "note").update(tags="not json"), ["note", "tags"]),
    ("tags-object", lambda d: first(d, "note").update(tags='{"a": 1}'), ["note", "tags"]),
    ("marks-list-of-int", lambda d: first(d, "note").update(marks="[1, 2]"), ["note", "marks"]),
    ("impact-9", lambda d: first(d, "note").update(impact=9), ["note", "impact"]),
    ("smart-list", lambda d: first(d, "initiative").update(smart="[1]"), ["initiative", "smart"]),
    ("payload-list", lambda d: first(d, "run_event").update(payload="[]"), ["run_event", "payload"]),
    ("minutes-kind", lambda d: first(d, "minutes_entry").update(kind="chisme"), ["minutes_entry", "kind"]),
    ("status-unknown", lambda d: first(d, "commitment").update(status="whenever"), ["commitment", "status"]),
    ("created-at-word", lambda d: first(d, "note").update(created_at="ayer"), ["note", "created_at"]),
    ("updated-at-number", lambda d: first(d, "note").update(updated_at=5), ["note", "updated_at"]),
    ("id-missing", lambda d: first(d, "note").pop("id"), ["note", "id"]),
    ("id-number", lambda d: first(d, "note").update(id=123), ["note", "id"]),
    ("id-markup", lambda d: first(d, "note").update(id="<script>"), ["note", "id"]),
    ("photo-not-image", lambda d: first(d, "photo").update(data=b64(b"hola, no soy una foto")), ["photo", "data"]),
    ("photo-bomb", lambda d: first(d, "photo").update(data=b64(png_header(20000, 20000))), ["photo", "data"]),
    ("logo-text", lambda d: first(d, "process").update(logo="logo.png"), ["process", "logo"]),
    ("row-not-object", lambda d: d["tables"]["note"].append("nota"), ["note"]),
]


@pytest.fixture
def target(tmp_path):
    doc = ProcessDocument.create(tmp_path / "destino.taller", "Destino")
    yield doc
    doc.close()


def counts(doc) -> dict[str, int]:
    return {t: doc.store.scalar(f'SELECT count(*) FROM "{t}"') for t in CONTENT}


@pytest.mark.parametrize("name, mutate, words", CASES, ids=[c[0] for c in CASES])
def test_malformed_row_is_refused_in_one_line(sample, target, name, mutate, words):
    data = json.loads(json.dumps(sample))
    mutate(data)
    raw = json.dumps(data, ensure_ascii=True, allow_nan=True).encode("ascii")  # a lone surrogate travels as \ud800
    before = counts(target)
    with pytest.raises(ExchangeError) as err:
        import_json(target, raw)
    line = str(err.value)
    assert "\n" not in line and len(line) < 300, line
    for word in words:
        assert word in line, line
    assert "fila" in line
    assert counts(target) == before == {t: 0 for t in CONTENT}  # nothing was written


@pytest.mark.parametrize("raw, words", [
    (b"[" * 100_000 + b"]" * 100_000, ["profundidad"]),
    (b'{"format": "papelografo-exchange", "version": "1", "tables": {}}', ["versi\u00f3n", "no es v\u00e1lida"]),
    (b'{"format": "papelografo-exchange", "version": 99, "tables": {}}', ["m\u00e1s nueva"]),
    (b'{"format": "papelografo-exchange", "version": 2, "tables": {"note": {}}}', ["tablas"]),
    (b'{"format": "papelografo-exchange", "version": 2, "tables": {"note": [{"id": "x",'
     b' "text": {"$base64": "%%%"}}]}}', ["binarios"]),
    (b"\xff\xfe\x00garbage", ["JSON"]),
], ids=["nested-100k", "version-text", "version-99", "table-not-list", "bad-base64", "not-utf8"])
def test_malformed_file_is_refused_in_one_line(target, raw, words):
    with pytest.raises(ExchangeError) as err:
        import_json(target, raw)
    line = str(err.value)
    assert "\n" not in line
    for word in words:
        assert word in line, line
    assert counts(target) == {t: 0 for t in CONTENT}


def test_the_unmodified_sample_imports(sample, target):
    """The cases above fail because of their one change: the file they start from is good."""
    plan = import_json(target, json.dumps(sample).encode())
    assert plan.inserted["note"] == len(sample["tables"]["note"])


def test_message_follows_the_user_language(sample, target):
    from facilitator.i18n import set_language

    data = json.loads(json.dumps(sample))
    first(data, "note").update(votes="abc")
    set_language("en")
    try:
        with pytest.raises(ExchangeError) as err:
            import_json(target, json.dumps(data).encode())
    finally:
        set_language("es")
    assert "row" in str(err.value) and "votes" in str(err.value) and "fila" not in str(err.value)


def jpeg_header(width: int, height: int) -> bytes:
    """A JPEG's start (SOI, SOF0 with the size, EOI): enough for Pillow to read what it claims."""
    import struct

    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + sof + b"\xff\xd9"


def test_pictures_follow_the_photo_import_limits():
    """What the photo import accepts travels: a 108-megapixel JPEG original (decoded reduced) is fine,
    a PNG that size is not, and neither is anything past the hard limit."""
    from exports.exchange_schema import EXTRA, Rule, value_problem

    original = Rule(**{"kind": "blob", "nullable": True, **EXTRA[("photo", "original")]})
    logo = Rule(**{"kind": "blob", "nullable": True, **EXTRA[("process", "logo")]})
    assert value_problem(original, jpeg_header(12000, 9000)) is None
    assert "megapíxeles" in value_problem(original, png_header(12000, 9000))
    assert value_problem(original, jpeg_header(20000, 20000))  # past the hard limit
    assert value_problem(logo, jpeg_header(12000, 9000))  # a logo is small
    assert value_problem(logo, png_header(600, 200)) is None
