"""*Buscar en el proceso*: full-text search over every note, minutes entry and initiative of a process (no Qt).

The index is SQLite FTS5 built with sqlite-utils (``enable_fts`` / ``search``) in an
in-memory database, not in the process file: the file's format does not change, and
a file opened read-only is searched the same way. Building it reads three tables
once (a few milliseconds for thousands of notes); the panel drops it when the file
changes and builds it again at the next search. The tokenizer folds case and
accents ("regularizacion" finds "Regularización"); each word typed matches as a
prefix, so results come while typing. What the user types is never FTS syntax:
every word is quoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from . import kinds
from .document import ProcessDocument
from .domain.labels import show

MAX_HITS = 60


@dataclass(frozen=True)
class Hit:
    """One found item and where it lives, so the window can jump to it."""

    id: str
    source: str  # note | minutes | initiative
    text: str
    workshop_id: str
    workshop_title: str
    canvas_id: str  # '' for a minutes entry
    canvas_title: str
    tab: str  # the workshop tab that shows it (a kind's tab_key, or "minutes")


def _items(doc: ProcessDocument) -> list[dict[str, Any]]:
    store = doc.store
    rows = store.query(
        "SELECT n.id, 'note' AS source, n.text, w.id AS workshop_id, w.title AS workshop_title, c.id AS canvas_id, "
        "c.title AS canvas_title, c.kind, w.position AS wp, c.position AS cp, n.position AS p "
        "FROM note n JOIN canvas c ON c.id = n.canvas_id JOIN workshop w ON w.id = c.workshop_id")
    rows += store.query(
        "SELECT m.id, 'minutes' AS source, m.text || CASE WHEN m.speaker != '' THEN ' — ' || m.speaker ELSE '' END "
        "AS text, w.id AS workshop_id, w.title AS workshop_title, '' AS canvas_id, '' AS canvas_title, "
        "'' AS kind, w.position AS wp, 1e9 AS cp, m.position AS p "
        "FROM minutes_entry m JOIN workshop w ON w.id = m.workshop_id")
    if store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'initiative'"):
        rows += store.query(
            "SELECT i.id, 'initiative' AS source, trim(i.name || ' ' || i.strategy || ' ' || i.goal || ' ' || "
            "i.description || ' ' || i.objective) AS text, w.id AS workshop_id, w.title AS workshop_title, "
            "c.id AS canvas_id, c.title AS canvas_title, c.kind, w.position AS wp, c.position AS cp, i.position AS p "
            "FROM initiative i JOIN canvas c ON c.id = i.canvas_id JOIN workshop w ON w.id = c.workshop_id")
    return rows


def fts_query(text: str) -> str:
    """Every word typed, quoted (never FTS syntax) and matched as a prefix; '' when nothing is left."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"*' for w in words if w.strip('"'))


class ProcessIndex:
    """A process's full-text index, built on first use and rebuilt after ``invalidate()``."""

    def __init__(self, doc: ProcessDocument) -> None:
        self.doc = doc
        self._db: sqlite_utils.Database | None = None

    def invalidate(self) -> None:
        self._db = None

    def _index(self) -> sqlite_utils.Database:
        if self._db is None:
            db = sqlite_utils.Database(memory=True)
            table = db["items"]
            table.insert_all(_items(self.doc), pk="id", replace=True)  # type: ignore[union-attr]
            if table.exists():
                table.enable_fts(["text"], fts_version="FTS5",  # type: ignore[union-attr]
                                 tokenize="unicode61 remove_diacritics 2")
            self._db = db
        return self._db

    def search(self, text: str, limit: int = MAX_HITS) -> list[Hit]:
        """The best matches for the words of ``text`` (best first); [] for nothing typed or nothing found."""
        query = fts_query(text)
        db = self._index()
        if not query or not db["items"].exists():
            return []
        hits = []
        for row in db["items"].search(query, limit=limit):  # type: ignore[union-attr]
            spec = kinds.get(row["kind"]) if row["kind"] else None
            tab = "minutes" if row["source"] == "minutes" else (spec.tab_key if spec else "")
            hits.append(Hit(row["id"], row["source"], row["text"], row["workshop_id"], row["workshop_title"],
                            row["canvas_id"], show(row["canvas_title"]), tab))
        return hits
