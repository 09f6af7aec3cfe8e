"""The QR code on the report's cover: the link where the team publishes the annexes.

Drawn with ``qrcode`` into a PNG in memory (black on white, medium error
correction so a printed, slightly smudged cover still scans).
"""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError

# The most a QR code (version 40, medium correction) holds in byte mode.
QR_MAX_BYTES = 2331


def qr_fits(url: str) -> bool:
    """Can ``url`` be drawn as one QR code at our error correction level?"""
    return len(url.encode("utf-8")) <= QR_MAX_BYTES


def qr_png(url: str, box: int = 8) -> bytes:
    """PNG bytes of a QR code encoding ``url`` exactly as given (raises DataOverflowError if too long)."""
    if not qr_fits(url):
        raise DataOverflowError(f"{len(url.encode('utf-8'))} bytes > {QR_MAX_BYTES}")
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box, border=2)
    code.add_data(url)
    code.make(fit=True)
    buf = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buf)
    return buf.getvalue()
