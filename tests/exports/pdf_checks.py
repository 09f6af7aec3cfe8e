"""What the PDF tests read back from a report: its text, and any text drawn past the page's margins."""

from __future__ import annotations

import re

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from exports.fonts import EMOJI, SANS, SANS_BOLD, register_fonts
from exports.pdf.template import MARGIN

_SPACE = re.compile(r"\s+")
_FONTS = {"DejaVuSans-Bold": SANS_BOLD, "DejaVuSans": SANS, "NotoEmoji": EMOJI}


def squash(text: str) -> str:
    """Text without any white space: line wrapping in the PDF moves spaces and breaks, nothing else."""
    return _SPACE.sub("", text)


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def overflow(path) -> list[tuple[int, int, int, str]]:
    """(page, left, right, text) of every drawn run of text that starts or ends outside the margins."""
    register_fonts()
    found = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, number=number, width=width):
            if not text.strip() or font is None:
                return
            base = str(font.get("/BaseFont", ""))
            name = next((v for k, v in _FONTS.items() if k in base), SANS)
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            right = x + stringWidth(text.rstrip("\n"), name, size * scale)
            if x < MARGIN - 1 or right > width - MARGIN + 1:
                found.append((number, round(x), round(right), text[:40]))

        page.extract_text(visitor_text=visit)
    return found
