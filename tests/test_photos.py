"""Photo import (orientation, reduction, HEIC, broken files) and photo commands (no Qt)."""

import io
import struct
import zlib
from datetime import datetime

import pytest
from PIL import Image, ImageDraw

from facilitator import photos as P
from facilitator.commands import InsertRow
from facilitator.i18n import set_language

BLUE, RED = (0, 0, 255), (255, 0, 0)
P.heif_available()  # registers the HEIF codec with Pillow, so tests can write HEIC files


def two_halves(size=(80, 40)) -> Image.Image:
    """Left half blue, right half red: where the halves end up tells how the photo was turned."""
    im = Image.new("RGB", size, RED)
    im.paste(BLUE, (0, 0, size[0] // 2, size[1]))
    return im


def exif(orientation=1, taken="2025:03:04 10:15:30", gps=False) -> bytes:
    data = Image.Exif()
    data[0x0112] = orientation
    data.get_ifd(0x8769)[36867] = taken
    if gps:
        data.get_ifd(0x8825)[1] = "S"  # GPSLatitudeRef: a location the stored copy must not carry
    return data.tobytes()


def encoded(im: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **options)
    return out.getvalue()


def near(pixel, colour, tol=40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel, colour))


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size and holds no pixels (what a decompression bomb looks like to open())."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))


def phone_photo(size=(4000, 3000), seed=1) -> bytes:
    """A 12 MP JPEG with light, paper, post-its, strokes and sensor noise, as a phone saves it."""
    w, h = size
    light = Image.linear_gradient("L").resize((w, h))
    im = Image.merge("RGB", [light.point(lambda v, k=k: 175 + v * 60 // 255 + k) for k in (6, 3, 0)])
    draw = ImageDraw.Draw(im)
    for i in range(30):
        x, y = (i * 733 + seed * 97) % (w - 400), (i * 389 + seed * 53) % (h - 300)
        draw.rectangle([x, y, x + 300, y + 260], fill=(250, 220, 90))
        draw.line([(x + 20 + k * 14, y + 60 + (k * 7) % 20) for k in range(18)], fill=(30, 30, 60), width=6)
    noise = Image.effect_noise((w, h), 6).convert("RGB")
    im = Image.blend(im, noise, 0.08)
    return encoded(im, "JPEG", quality=92, exif=exif(orientation=1))


def upright(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


# -- orientation and formats -------------------------------------------------------------
def test_jpeg_turned_by_exif_is_stored_upright_without_its_exif():
    raw = encoded(two_halves(), "JPEG", quality=95, exif=exif(orientation=6, gps=True))
    photo = P.prepare_photo(raw, "IMG_0001.jpg")
    assert (photo.width, photo.height) == (40, 80)
    assert photo.mime == "image/jpeg" and photo.source_format == "JPEG"
    assert photo.taken_at == "2025-03-04T10:15:30"
    im = upright(photo.data)
    assert im.size == (40, 80)
    # orientation 6 means "turn 90° clockwise to view": the left (blue) half ends on top
    assert near(im.getpixel((20, 10)), BLUE) and near(im.getpixel((20, 70)), RED)
    assert not im.getexif()  # no orientation flag left to turn it twice, no location
    assert photo.original is None


@pytest.mark.parametrize("orientation, size, top_left", [
    (1, (80, 40), BLUE), (3, (80, 40), RED), (8, (40, 80), RED), (2, (80, 40), RED)])
def test_other_orientations(orientation, size, top_left):
    raw = encoded(two_halves(), "JPEG", quality=95, exif=exif(orientation=orientation))
    im = upright(P.prepare_photo(raw, "x.jpg").data)
    assert im.size == size
    assert near(im.getpixel((5, 5)), top_left)


def test_heic_as_phones_save_it_is_opened_turned_and_stored_as_jpeg():
    assert P.heif_available(), "pillow-heif should be installed (it is a dependency)"
    raw = encoded(two_halves(), "HEIF", quality=90, exif=exif(orientation=6))
    assert P.looks_like_heif(raw)
    photo = P.prepare_photo(raw, "IMG_0002.HEIC")
    assert photo.source_format == "HEIF" and photo.mime == "image/jpeg"
    im = upright(photo.data)
    assert im.size == (40, 80)
    assert near(im.getpixel((20, 10)), BLUE) and near(im.getpixel((20, 70)), RED)
    assert photo.taken_at == "2025-03-04T10:15:30"


def test_heic_without_pillow_heif_gives_a_clear_message(monkeypatch):
    raw = encoded(two_halves(), "HEIF", quality=90)
    monkeypatch.setattr(P, "_heif_state", False)
    with pytest.raises(P.PhotoProblem) as caught:
        P.prepare_photo(raw, "IMG_0003.HEIC")
    assert caught.value.code == P.PhotoProblem.NO_HEIC
    assert "IMG_0003.HEIC" in caught.value.message() and "pillow-heif" in caught.value.message()


def test_png_with_transparency_stays_png():
    im = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(im).ellipse([20, 20, 280, 180], fill=(200, 30, 30, 255))
    photo = P.prepare_photo(encoded(im, "PNG"), "diagrama.png")
    assert photo.mime == "image/png"
    assert upright(photo.data).mode == "RGBA"


def test_small_flat_png_stays_png_and_a_large_photo_png_becomes_jpeg():
    diagram = Image.new("RGB", (800, 600), "white")
    ImageDraw.Draw(diagram).rectangle([100, 100, 700, 500], outline="black", width=4)
    assert P.prepare_photo(encoded(diagram, "PNG"), "esquema.png").mime == "image/png"
    photo_png = Image.open(io.BytesIO(phone_photo((1600, 1200)))).convert("RGB")
    prepared = P.prepare_photo(encoded(photo_png, "PNG"), "foto.png")
    assert prepared.mime == "image/jpeg" and (prepared.width, prepared.height) == (1600, 1200)


def test_other_modes_are_brought_to_rgb():
    cmyk = Image.new("CMYK", (64, 48), (0, 255, 255, 0))  # red in CMYK
    assert near(upright(P.prepare_photo(encoded(cmyk, "JPEG"), "cmyk.jpg").data).getpixel((30, 20)), RED)
    deep = Image.linear_gradient("L").resize((64, 64)).convert("I").point(lambda v: v * 256)
    deep16 = deep.convert("I;16")
    assert upright(P.prepare_photo(encoded(deep16, "PNG"), "deep.png").data).size == (64, 64)
    gif = two_halves().convert("P")
    assert upright(P.prepare_photo(encoded(gif, "GIF"), "anim.gif").data).size == (80, 40)


# -- size ------------------------------------------------------------------------------------
def test_a_12_megapixel_photo_is_reduced_and_the_original_kept_on_request():
    raw = phone_photo()
    photo = P.prepare_photo(raw, "IMG_1200.jpg", keep_original=True)
    assert (photo.width, photo.height) == (2000, 1500)  # decoded at half size: no full decode, no resize
    assert photo.source_size == (4000, 3000)
    assert len(photo.data) < len(raw)
    assert photo.original == raw
    assert P.prepare_photo(raw, "IMG_1200.jpg").original is None


def test_long_edge_stays_within_bounds_for_other_sizes():
    wide = Image.new("RGB", (5000, 3000), (200, 200, 190))
    ImageDraw.Draw(wide).line([(0, 0), (5000, 3000)], fill=(0, 0, 0), width=20)
    photo = P.prepare_photo(encoded(wide, "JPEG"), "24mp.jpg")  # half size would still be 2500 px: resized
    assert (photo.width, photo.height) == (2400, 1440)
    lossless = P.prepare_photo(encoded(wide.resize((4000, 3000)), "PNG"), "grande.png")  # no scaled decode
    assert (lossless.width, lossless.height) == (2400, 1800)
    iphone = P.prepare_photo(encoded(wide.resize((4032, 3024)), "JPEG"), "IMG_4032.jpg")
    assert (iphone.width, iphone.height) == (2016, 1512)


def test_small_photos_are_not_enlarged():
    photo = P.prepare_photo(encoded(two_halves((640, 480)), "JPEG"), "small.jpg")
    assert (photo.width, photo.height) == (640, 480)


def test_decompression_bomb_is_refused_clearly():
    with pytest.raises(P.PhotoProblem) as caught:
        P.prepare_photo(png_header(40_000, 40_000), "bomba.png")
    assert caught.value.code == P.PhotoProblem.TOO_LARGE
    assert "bomba.png" in caught.value.message()


def test_a_lossless_image_over_the_pixel_limit_is_refused_before_decoding():
    with pytest.raises(P.PhotoProblem) as caught:
        P.prepare_photo(png_header(10_000, 10_000), "panorama.png")  # 100 MP: Pillow would only warn
    assert caught.value.code == P.PhotoProblem.TOO_LARGE
    assert "10000 × 10000" in caught.value.message()


def test_an_oversize_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(P, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "enorme.jpg"
    path.write_bytes(b"\xff" * 2000)
    with pytest.raises(P.PhotoProblem) as caught:
        P.read_photo(path)
    assert caught.value.code == P.PhotoProblem.TOO_LARGE and "enorme.jpg" in caught.value.message()


# -- broken files ------------------------------------------------------------------------------
def test_truncated_jpeg_is_corrupt():
    raw = encoded(Image.effect_noise((400, 300), 40).convert("RGB"), "JPEG", quality=90)
    with pytest.raises(P.PhotoProblem) as caught:
        P.prepare_photo(raw[: len(raw) // 2], "cortada.jpg")
    assert caught.value.code == P.PhotoProblem.CORRUPT
    assert "cortada.jpg" in caught.value.message()


def test_truncated_heic_is_corrupt_when_heic_is_supported():
    raw = encoded(two_halves(), "HEIF")
    with pytest.raises(P.PhotoProblem) as caught:
        P.prepare_photo(raw[: len(raw) // 2], "cortada.heic")
    assert caught.value.code == P.PhotoProblem.CORRUPT


def test_text_renamed_jpg_is_not_an_image(tmp_path):
    path = tmp_path / "notas.jpg"
    path.write_text("Acta del taller: no es una foto\n", encoding="utf-8")
    with pytest.raises(P.PhotoProblem) as caught:
        P.read_photo(path)
    assert caught.value.code == P.PhotoProblem.NOT_IMAGE
    assert caught.value.message() == "«notas.jpg» no es una imagen. Se pueden añadir fotos JPEG, PNG o HEIC."


def test_empty_missing_and_folder(tmp_path):
    (tmp_path / "vacia.jpg").write_bytes(b"")
    for name, code in (("vacia.jpg", P.PhotoProblem.EMPTY), ("no_existe.jpg", P.PhotoProblem.UNREADABLE)):
        with pytest.raises(P.PhotoProblem) as caught:
            P.read_photo(tmp_path / name)
        assert caught.value.code == code and name in caught.value.message()
    (tmp_path / "carpeta.jpg").mkdir()
    with pytest.raises(P.PhotoProblem):
        P.read_photo(tmp_path / "carpeta.jpg")


def test_an_image_format_we_do_not_take_is_named():
    with pytest.raises(P.PhotoProblem) as caught:
        P.prepare_photo(encoded(two_halves(), "PPM"), "escaneo.ppm")
    assert caught.value.code == P.PhotoProblem.UNSUPPORTED
    assert "PPM" in caught.value.message()


def test_messages_are_translated():
    set_language("en")
    problem = P.PhotoProblem(P.PhotoProblem.CORRUPT, "a.jpg")
    assert problem.message().startswith("“a.jpg” is damaged")


# -- several at once --------------------------------------------------------------------------------
def test_prepare_many_keeps_order_reports_progress_and_problems(tmp_path):
    names = []
    for i in range(5):
        path = tmp_path / f"foto{i}.jpg"
        path.write_bytes(encoded(two_halves((160 + i, 120)), "JPEG"))
        names.append(path)
    bad = tmp_path / "mala.jpg"
    bad.write_bytes(b"not an image")
    names.insert(2, bad)
    seen = []
    results = P.prepare_many(names, workers=3, progress=lambda done, total: seen.append((done, total)))
    assert [type(r).__name__ for r in results] == ["PreparedPhoto"] * 2 + ["PhotoProblem"] + ["PreparedPhoto"] * 3
    assert [r.width for r in results if isinstance(r, P.PreparedPhoto)] == [160, 161, 162, 163, 164]
    assert sorted(seen) == [(n, 6) for n in range(1, 7)]


# -- commands and thumbnails -------------------------------------------------------------------------
@pytest.fixture
def stored(diagnostic):
    doc, wid = diagnostic
    prepared = [P.prepare_photo(encoded(two_halves((400 + i, 300)), "JPEG", exif=exif(6)), f"f{i}.jpg",
                                keep_original=(i == 0)) for i in range(3)]
    command = P.add_photos(doc, wid, prepared, block_id=doc.blocks(wid)[1]["id"])
    doc.execute(command)
    return doc, wid, [c.id for c in command.commands]


def test_add_photos_is_one_step_and_lists_without_pixels(stored):
    doc, wid, ids = stored
    rows = P.photos(doc.store, wid)
    assert [r["id"] for r in rows] == ids
    assert "data" not in rows[0] and rows[0]["bytes"] > 0
    assert [r["has_original"] for r in rows] == [1, 0, 0]
    assert (rows[0]["width"], rows[0]["height"]) == (300, 400)
    assert rows[0]["taken_at"] == "2025-03-04T10:15:30"
    assert {r["block_id"] for r in rows} == {doc.blocks(wid)[1]["id"]}
    assert P.add_photos(doc, wid, []) is None


def test_undo_of_an_import_removes_all_of_it(diagnostic):
    doc, wid = diagnostic
    prepared = [P.prepare_photo(encoded(two_halves(), "JPEG"), f"{i}.jpg") for i in range(4)]
    command = P.add_photos(doc, wid, prepared)
    doc.execute(command)
    assert len(P.photos(doc.store, wid)) == 4
    command.undo(doc.store)
    assert P.photos(doc.store, wid) == []


def test_edit_attach_move_rotate_delete(stored):
    doc, wid, ids = stored
    group = InsertRow("workgroup", {"workshop_id": wid, "name": "Grupo 1"})
    doc.execute(group)
    doc.execute(P.edit_photo(doc, ids[0], "caption", "  Papelógrafo del grupo 1  "))
    doc.execute(P.edit_photo(doc, ids[0], "group_id", group.id))
    doc.execute(P.edit_photo(doc, ids[0], "block_id", None))
    row = P.photos(doc.store, wid)[0]
    assert (row["caption"], row["group_id"], row["block_id"]) == ("Papelógrafo del grupo 1", group.id, None)
    assert P.edit_photo(doc, ids[0], "caption", "Papelógrafo del grupo 1") is None
    with pytest.raises(KeyError):
        P.edit_photo(doc, ids[0], "data", b"")
    doc.execute(P.move_photo(doc, wid, ids[2], -1))
    assert [r["id"] for r in P.photos(doc.store, wid)] == [ids[0], ids[2], ids[1]]
    assert P.move_photo(doc, wid, ids[0], -1) is None
    before = P.photo_data(doc.store, ids[1])
    turn = P.rotate_photo(doc, ids[1])
    doc.execute(turn)
    im = upright(P.photo_data(doc.store, ids[1]))
    assert im.size == (401, 300)
    assert near(im.getpixel((5, 5)), RED)  # blue was on top; a quarter turn clockwise puts it on the right
    turn.undo(doc.store)
    assert P.photo_data(doc.store, ids[1]) == before
    gone = P.delete_photos(doc, ids[:2])
    doc.execute(gone)
    assert [r["id"] for r in P.photos(doc.store, wid)] == [ids[2]]
    gone.undo(doc.store)
    assert P.photo_data(doc.store, ids[1]) == before
    assert P.delete_photos(doc, ["nope"]) is None


def test_thumbnails_are_made_once_and_kept(stored):
    doc, wid, ids = stored
    cache = P.ThumbnailCache(doc.store, lambda im: im.size, size=(64, 64), limit=2)
    version = P.photos(doc.store, wid)[0]["updated_at"]
    assert cache.get(ids[0], version) == (48, 64)
    assert cache.get(ids[0], version) == (48, 64)
    assert cache.made == 1
    cache.get(ids[1], "v")
    cache.get(ids[2], "v")  # over the limit: the least recently used goes
    cache.get(ids[0], version)
    assert cache.made == 4
    cache.forget(ids[0])
    cache.get(ids[0], version)
    assert cache.made == 5
    assert cache.get("missing", "v") is None


def test_make_thumbnail_of_a_large_photo_is_small():
    big = P.prepare_photo(phone_photo((3000, 2000)), "b.jpg").data
    assert P.make_thumbnail(big, (200, 200)).size == (200, 133)
    assert P.make_thumbnail(big, (208, 156)).size == (208, 139)
    portrait = P.prepare_photo(encoded(two_halves((800, 400)), "JPEG", exif=exif(6)), "p.jpg").data
    assert P.make_thumbnail(portrait, (208, 156)).size == (78, 156)


def test_taken_at_ignores_malformed_dates():
    raw = encoded(two_halves(), "JPEG", exif=exif(taken="sometime"))
    assert P.prepare_photo(raw, "x.jpg").taken_at == ""
    assert datetime.fromisoformat(P.prepare_photo(encoded(two_halves(), "JPEG", exif=exif()), "y.jpg").taken_at)
