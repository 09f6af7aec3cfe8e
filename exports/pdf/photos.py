"""Photos shrunk to JPEG before they go into the PDF.

A 3 MP photo embedded as it is costs seconds of compression and megabytes per
page; printed at most 17 cm wide, 1,400 pixels on the long side is plenty
(~200 dpi). JPEGs are decoded at a reduced scale (``draft``) which is much faster
than decoding the whole picture and resizing it.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import ThreadPoolExecutor

from PIL import Image, ImageOps, UnidentifiedImageError

LONG_SIDE = 1400
QUALITY = 80
DRAFT_SLACK = 0.7  # accept a fast reduced decode down to 70% of the target size


def shrink(data: bytes, long_side: int = LONG_SIDE) -> tuple[bytes, int, int] | None:
    """JPEG bytes at most ``long_side`` pixels on the long side, and their size (None if unreadable)."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format == "JPEG" and max(im.size) <= long_side and im.mode in ("RGB", "L") \
                    and im.getexif().get(0x0112, 1) in (None, 1):
                return data, im.width, im.height  # already small: embed the bytes as they are
            if im.format == "JPEG":
                big = max(im.size)
                im.draft("RGB", (int(im.width * long_side * DRAFT_SLACK / big),
                                 int(im.height * long_side * DRAFT_SLACK / big)))
            im = ImageOps.exif_transpose(im)
            if im.mode not in ("RGB", "L"):
                im = _flatten(im)
            im.thumbnail((long_side, long_side), Image.Resampling.BILINEAR)
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=QUALITY, optimize=False)
            return buf.getvalue(), im.width, im.height
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def _flatten(im: Image.Image) -> Image.Image:
    """Transparent pictures on white (JPEG has no transparency)."""
    rgba = im.convert("RGBA")
    base = Image.new("RGB", rgba.size, "white")
    base.paste(rgba, mask=rgba.getchannel("A"))
    return base


def shrink_all(photos: list[bytes]) -> list[tuple[bytes, int, int] | None]:
    """``shrink`` for many photos at once, on all cores (Pillow decodes and encodes without the GIL)."""
    if len(photos) < 2:
        return [shrink(p) for p in photos]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return list(pool.map(shrink, photos))


def fit_photo(found: tuple[bytes, int, int] | None, max_w: float, max_h: float
              ) -> tuple[io.BytesIO, float, float] | None:
    """A shrunk photo and the size in points at which it fits the box, keeping its shape."""
    if found is None:
        return None
    jpeg, w, h = found
    scale = min(max_w / w, max_h / h)
    return io.BytesIO(jpeg), w * scale, h * scale
