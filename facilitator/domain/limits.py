"""How much text the app takes in at once: caps that keep every view and export fast.

A sticky note holds a sentence or a paragraph; 5,000 characters is two printed
pages, far beyond any real note, and keeps a note's layout in the PDF, the
projector and the board cheap. A CSV cell can hold at most a note. A CSV file to
import holds rows of notes or participants: 20 MB is about 100,000 notes; larger
files are refused before they are read, so a 1 GB file never fills the memory.
"""

from __future__ import annotations

NOTE_MAX_CHARS = 5_000
CSV_FIELD_MAX_CHARS = NOTE_MAX_CHARS
CSV_FILE_MAX_BYTES = 20 * 1024 * 1024


def megabytes(size: int) -> str:
    """A size as people read it in a message: «1024 MB», «20 MB», «0,5 MB»."""
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB".replace(".", ",")
