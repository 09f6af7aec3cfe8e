"""Flipchart photos: import from a phone's files, store in the process file (no Qt).

The methods ask to photograph every flipchart (METHODS §1); those photos travel
inside the process file, so a file copied to another laptop carries them. Phones
save 12 MP JPEGs or HEIC of 2–5 MB each, turned by an EXIF flag rather than in
their pixels; a workshop may bring dozens. So each photo is opened with Pillow,
turned upright (``ImageOps.exif_transpose``), reduced to at most ``LONG_EDGE``
pixels on its long side (enough to read a marker's handwriting on a printed
page) and re-encoded as JPEG. A JPEG is decoded straight at half (or a quarter…)
size when that still gives ``MIN_LONG_EDGE`` pixels: a 4000 × 3000 phone photo
becomes 2000 × 1500 without a full decode and a resize, four times less work on
a cheap laptop; only images with transparency, or small lossless ones that
are smaller so, stay PNG. Re-encoding also drops the EXIF block, phone location
included, from the copy that is shown and exported; the untouched original can
be kept on request.

Every failure is a ``PhotoProblem`` whose message names the file and says what to
do. Thumbnails are made on demand from the stored copy and kept in memory.
"""

from __future__ import annotations

import io
import os
import threading
import warnings
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Sequence, TypeVar

from PIL import Image, ImageOps, UnidentifiedImageError

from .commands import Command, DeleteRow, InsertRow, Macro, UpdateRow, reorder
from .document import ProcessDocument
from .i18n import _, N_, ngettext
from .store import Store

LONG_EDGE = 2400  # px: the longest side a stored copy may have
MIN_LONG_EDGE = 2000  # px: a JPEG may stop here if its decoder reaches it by a cheap 1/2, 1/4 or 1/8 scale
JPEG_QUALITY = 85
THUMB_SIZE = (208, 156)  # px: the box a gallery thumbnail fits in
MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_PIXELS = 89_478_485  # Pillow's default bomb threshold: beyond it only JPEG (decoded reduced) is taken
HARD_MAX_PIXELS = 2 * MAX_PIXELS  # Pillow refuses beyond this anyway
SMALL_LOSSLESS_PIXELS = 2_500_000  # a PNG diagram this small may stay PNG if that is smaller
BASE_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF", "AVIF")
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 36867
_DATETIME = 306


class PhotoProblem(Exception):
    """A file that cannot become a photo; ``message()`` is what the user reads."""

    EMPTY = "empty"
    NOT_IMAGE = "not_image"
    CORRUPT = "corrupt"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"
    NO_HEIC = "no_heic"
    UNREADABLE = "unreadable"

    MESSAGES = {
        EMPTY: N_("«{name}» está vacío: no contiene ninguna imagen."),
        NOT_IMAGE: N_("«{name}» no es una imagen. Se pueden añadir fotos JPEG, PNG o HEIC."),
        CORRUPT: N_("«{name}» está dañada o incompleta (quizá se copió a medias) y no se puede abrir. "
                    "Vuelva a copiarla desde el teléfono."),
        TOO_LARGE: N_("«{name}» es demasiado grande ({detail}). Redúzcala antes de añadirla."),
        UNSUPPORTED: N_("«{name}» es una imagen {detail}, un formato que no se admite. Guárdela como JPEG o PNG."),
        NO_HEIC: N_("«{name}» es una foto HEIC y falta el complemento pillow-heif para abrirla. "
                    "Instálelo, o configure el teléfono para guardar las fotos como JPEG."),
        UNREADABLE: N_("No se pudo leer «{name}»: {detail}."),
    }

    def __init__(self, code: str, name: str, detail: str = "") -> None:
        self.code = code
        self.name = name
        self.detail = detail
        super().__init__(f"{code}: {name}: {detail}")

    def message(self, translate: Callable[..., str] = _) -> str:
        return translate(self.MESSAGES[self.code], name=self.name, detail=self.detail)


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to store: the reduced upright copy and, if asked, the original bytes."""

    name: str
    data: bytes
    mime: str
    width: int
    height: int
    original: bytes | None
    taken_at: str
    source_format: str
    source_size: tuple[int, int]


# -- HEIC support ------------------------------------------------------------------------
_heif_lock = threading.Lock()
_heif_state: bool | None = None


def heif_available() -> bool:
    """Register pillow-heif's opener once; False (and HEIC refused clearly) if it is missing."""
    global _heif_state
    with _heif_lock:
        if _heif_state is None:
            try:
                import pillow_heif

                pillow_heif.register_heif_opener()
                _heif_state = True
            except Exception:  # missing, or a broken native library: the app still runs
                _heif_state = False
        return _heif_state


def accepted_formats() -> tuple[str, ...]:
    """Pillow formats we open; a whitelist keeps exotic decoders (EPS via Ghostscript…) out."""
    Image.init()
    wanted = BASE_FORMATS + (("HEIF",) if heif_available() else ())
    return tuple(f for f in wanted if f in Image.OPEN)


def looks_like_heif(raw: bytes) -> bool:
    return raw[4:8] == b"ftyp" and raw[8:12] in HEIF_BRANDS


# -- import --------------------------------------------------------------------------------
def _classify_unopened(raw: bytes, name: str) -> PhotoProblem:
    """Why Pillow would not open it with our formats: HEIC without support, another format, or no image."""
    if looks_like_heif(raw):
        # With pillow-heif present, a HEIC it cannot open is a damaged one.
        return PhotoProblem(PhotoProblem.CORRUPT if heif_available() else PhotoProblem.NO_HEIC, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            other = Image.open(io.BytesIO(raw))  # headers only: nothing is decoded
            fmt = other.format or "?"
            other.close()
        return PhotoProblem(PhotoProblem.UNSUPPORTED, name, fmt)
    except Exception:
        return PhotoProblem(PhotoProblem.NOT_IMAGE, name)


def _taken_at(exif: Image.Exif) -> str:
    """When the phone says the photo was taken, as ISO text; '' when unknown or malformed."""
    value = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if not isinstance(value, str):
        return ""
    try:
        return datetime.strptime(value.strip("\x00 ").strip(), "%Y:%m:%d %H:%M:%S").isoformat()
    except ValueError:
        return ""


def _fit(size: tuple[int, int], long_edge: int) -> tuple[int, int]:
    w, h = size
    scale = min(1.0, long_edge / max(w, h))
    return max(1, round(w * scale)), max(1, round(h * scale))


def _has_alpha(im: Image.Image) -> bool:
    if hasattr(im, "has_transparency_data"):  # Pillow ≥ 10.1
        return bool(im.has_transparency_data)
    return im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info


def _normal_mode(im: Image.Image) -> Image.Image:
    """RGB, or RGBA when the image has transparency; deep and odd modes brought to 8 bits."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if _has_alpha(im):
        return im.convert("RGBA") if im.mode != "RGBA" else im
    return im.convert("RGB") if im.mode != "RGB" else im


def _encode(im: Image.Image, fmt: str, quality: int) -> bytes:
    out = io.BytesIO()
    if fmt == "PNG":
        im.save(out, "PNG", compress_level=6)
    else:
        im.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def prepare_photo(raw: bytes, name: str, *, keep_original: bool = False, long_edge: int = LONG_EDGE,
                  min_long_edge: int = MIN_LONG_EDGE, quality: int = JPEG_QUALITY) -> PreparedPhoto:
    """Turn a file's bytes into the stored copy: upright, reduced, re-encoded. Raises PhotoProblem."""
    if not raw:
        raise PhotoProblem(PhotoProblem.EMPTY, name)
    if len(raw) > MAX_FILE_BYTES:
        raise PhotoProblem(PhotoProblem.TOO_LARGE, name, f"{len(raw) / 1e6:.0f} MB")
    try:
        with warnings.catch_warnings():
            # We judge the size ourselves below; Pillow's warning would only repeat it.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(raw), formats=accepted_formats())
    except Image.DecompressionBombError as exc:
        raise PhotoProblem(PhotoProblem.TOO_LARGE, name,
                           ngettext("más de {n} megapíxel", "más de {n} megapíxeles", HARD_MAX_PIXELS // 10**6)) \
            from exc
    except UnidentifiedImageError as exc:
        raise _classify_unopened(raw, name) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # a header Pillow recognised but could not parse
        raise PhotoProblem(PhotoProblem.CORRUPT, name, str(exc)) from exc
    fmt = im.format or ""
    source_size = im.size
    pixels = im.size[0] * im.size[1]
    jpeg = fmt in ("JPEG", "MPO")
    if pixels > HARD_MAX_PIXELS or (pixels > MAX_PIXELS and not jpeg) or min(im.size) < 1:
        raise PhotoProblem(PhotoProblem.TOO_LARGE, name, f"{im.size[0]} × {im.size[1]} px")
    try:
        if jpeg:  # decode at 1/2, 1/4 or 1/8 scale when that still gives min_long_edge
            im.draft("RGB", _fit(im.size, min(min_long_edge, long_edge)))
        im.load()
        exif = im.getexif()
        taken = _taken_at(exif)
        im = _normal_mode(im)
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise PhotoProblem(PhotoProblem.CORRUPT, name, str(exc)) from exc
    target = _fit(im.size, long_edge)
    if im.size != target:
        im = im.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if exif.get(_ORIENTATION, 1) != 1:
        im.info["exif"] = exif.tobytes()
        im = ImageOps.exif_transpose(im)  # the reduced copy still carries the flag; turning it is cheaper
    im.info.pop("exif", None)
    if im.mode == "RGBA":
        data, mime = _encode(im, "PNG", quality), "image/png"
    else:
        data, mime = _encode(im, "JPEG", quality), "image/jpeg"
        if not jpeg and fmt != "HEIF" and im.size[0] * im.size[1] <= SMALL_LOSSLESS_PIXELS:
            png = _encode(im, "PNG", quality)  # a diagram or screenshot: lossless if that is smaller
            if len(png) < len(data):
                data, mime = png, "image/png"
    return PreparedPhoto(name, data, mime, im.size[0], im.size[1], raw if keep_original else None, taken, fmt,
                         source_size)


def read_photo(path: str | os.PathLike[str], **options: Any) -> PreparedPhoto:
    """Read a file and prepare it; problems reading the file become PhotoProblem too."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PhotoProblem(PhotoProblem.TOO_LARGE, path.name, f"{size / 1e6:.0f} MB")
        raw = path.read_bytes()
    except PhotoProblem:
        raise
    except IsADirectoryError as exc:
        raise PhotoProblem(PhotoProblem.NOT_IMAGE, path.name) from exc
    except OSError as exc:
        raise PhotoProblem(PhotoProblem.UNREADABLE, path.name, exc.strerror or str(exc)) from exc
    return prepare_photo(raw, path.name, **options)


def prepare_many(paths: Sequence[str | os.PathLike[str]], *, workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 **options: Any) -> list[PreparedPhoto | PhotoProblem]:
    """Prepare several files in parallel (Pillow decodes without the GIL); results in input order.

    ``progress(done, total)`` is called from worker threads as each file finishes.
    """
    total = len(paths)
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    done = 0
    lock = threading.Lock()

    def one(path: str | os.PathLike[str]) -> PreparedPhoto | PhotoProblem:
        nonlocal done
        try:
            result: PreparedPhoto | PhotoProblem = read_photo(path, **options)
        except PhotoProblem as problem:
            result = problem
        except MemoryError:
            result = PhotoProblem(PhotoProblem.TOO_LARGE, Path(path).name, _("no cabe en la memoria"))
        with lock:
            done += 1
            count = done
        if progress is not None:
            progress(count, total)
        return result

    if total <= 1 or workers == 1:
        return [one(p) for p in paths]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="photo-import") as pool:
        return list(pool.map(one, paths))


# -- reading the store -------------------------------------------------------------------------
_META = ("id, created_at, updated_at, workshop_id, block_id, group_id, caption, mime, width, height, taken_at, "
         "position, length(data) AS bytes, original IS NOT NULL AS has_original")


def photos(store: Store, workshop_id: str) -> list[dict[str, Any]]:
    """A workshop's photos without their pixels (those are read when shown)."""
    return store.query(f"SELECT {_META} FROM photo WHERE workshop_id = ? ORDER BY position, created_at, rowid",
                       (workshop_id,))


def photo_data(store: Store, photo_id: str) -> bytes | None:
    return store.scalar("SELECT data FROM photo WHERE id = ?", (photo_id,))


# -- commands ------------------------------------------------------------------------------------
def add_photos(doc: ProcessDocument, workshop_id: str, prepared: Sequence[PreparedPhoto], *,
               block_id: str | None = None, group_id: str | None = None, caption: str = "") -> Macro | None:
    """Store prepared photos at the end of the gallery, as one undo step."""
    if not prepared:
        return None
    top = doc.store.scalar("SELECT max(position) FROM photo WHERE workshop_id = ?", (workshop_id,))
    start = int(top) + 1 if top is not None else 0
    commands = [InsertRow("photo", {
        "workshop_id": workshop_id, "block_id": block_id, "group_id": group_id, "caption": caption.strip(),
        "mime": p.mime, "width": p.width, "height": p.height, "data": p.data, "original": p.original,
        "taken_at": p.taken_at, "position": start + i}) for i, p in enumerate(prepared)]
    text = ngettext("Añadir foto", "Añadir {n} fotos", len(commands))
    return Macro(commands, text)


def edit_photo(doc: ProcessDocument, photo_id: str, field: str, value: Any) -> UpdateRow | None:
    """Caption, block or group of a photo; None when unchanged."""
    if field not in ("caption", "block_id", "group_id"):
        raise KeyError(field)
    row = doc.store.query(f"SELECT {field} FROM photo WHERE id = ?", (photo_id,))
    if not row:
        return None
    value = str(value or "").strip() if field == "caption" else (value or None)
    if row[0][field] == value:
        return None
    texts = {"caption": _("Editar pie de foto"), "block_id": _("Asociar foto a un bloque"),
             "group_id": _("Asociar foto a un grupo")}
    return UpdateRow("photo", photo_id, {field: value}, texts[field])


def rotate_photo(doc: ProcessDocument, photo_id: str, quarter_turns: int = 1) -> UpdateRow | None:
    """Turn the stored copy clockwise by quarter turns (for a phone that got it wrong); undoable."""
    turns = quarter_turns % 4
    data = photo_data(doc.store, photo_id)
    if data is None or turns == 0:
        return None
    row = doc.store.query("SELECT mime FROM photo WHERE id = ?", (photo_id,))[0]
    method = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}[turns]
    with Image.open(io.BytesIO(data)) as im:
        turned = _normal_mode(im).transpose(method)
    fmt = "PNG" if row["mime"] == "image/png" else "JPEG"
    return UpdateRow("photo", photo_id, {"data": _encode(turned, fmt, JPEG_QUALITY), "width": turned.size[0],
                                         "height": turned.size[1]}, _("Girar foto"))


def delete_photos(doc: ProcessDocument, photo_ids: Iterable[str]) -> Macro | None:
    present = [i for i in photo_ids if doc.store.scalar("SELECT count(*) FROM photo WHERE id = ?", (i,))]
    if not present:
        return None
    text = ngettext("Borrar foto", "Borrar {n} fotos", len(present))
    return Macro([DeleteRow("photo", i) for i in present], text)


def move_photo(doc: ProcessDocument, workshop_id: str, photo_id: str, delta: int) -> Command | None:
    rows = photos(doc.store, workshop_id)
    ids = [r["id"] for r in rows]
    if photo_id not in ids or not 0 <= ids.index(photo_id) + delta < len(ids):
        return None
    i = ids.index(photo_id)
    ids[i], ids[i + delta] = ids[i + delta], ids[i]
    return reorder("photo", ids, {r["id"]: r["position"] for r in rows}, _("Reordenar fotos"))


# -- thumbnails ------------------------------------------------------------------------------------
def make_thumbnail(data: bytes, size: tuple[int, int] = THUMB_SIZE) -> Image.Image:
    """A small RGB(A) copy of stored photo bytes that fits in ``size``; JPEG decodes reduced, so it is quick."""
    with Image.open(io.BytesIO(data)) as im:
        if im.format == "JPEG":
            im.draft("RGB", size)
        im = _normal_mode(im)
        im.thumbnail(size, Image.Resampling.LANCZOS)
        return im


T = TypeVar("T")


class ThumbnailCache(Generic[T]):
    """Thumbnails made when first asked for and kept (least recently used dropped first).

    ``convert`` turns the Pillow thumbnail into what the view draws (a QPixmap in
    the gallery), so the conversion happens once per photo too. Keys carry a
    version of the stored pixels (the caller's choice): a rotated photo gets a new
    thumbnail.
    """

    def __init__(self, store: Store, convert: Callable[[Image.Image], T], *,
                 size: tuple[int, int] = THUMB_SIZE, limit: int = 300) -> None:
        self.store = store
        self.convert = convert
        self.size = size
        self.limit = limit
        self._items: OrderedDict[tuple[str, str], T | None] = OrderedDict()
        self.made = 0  # how many were generated (tests check the cache works)

    def get(self, photo_id: str, version: str) -> T | None:
        key = (photo_id, version)
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        data = photo_data(self.store, photo_id)
        value: T | None = None
        if data is not None:
            try:
                value = self.convert(make_thumbnail(data, self.size))
            except (OSError, SyntaxError, ValueError):
                value = None  # stored bytes we cannot read: the view shows a placeholder
            self.made += 1
        self._items[key] = value
        while len(self._items) > self.limit:
            self._items.popitem(last=False)
        return value

    def forget(self, photo_id: str) -> None:
        for key in [k for k in self._items if k[0] == photo_id]:
            del self._items[key]
