"""The QR code on the report's cover: the link where the team publishes the annexes.

Drawn with ``qrcode`` into a PNG in memory (black on white, medium error
correction so a printed, slightly smudged cover still scans).
"""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M


def qr_png(url: str, box: int = 8) -> bytes:
    """PNG bytes of a QR code encoding ``url`` exactly as given."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box, border=2)
    code.add_data(url)
    code.make(fit=True)
    buf = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buf)
    return buf.getvalue()
