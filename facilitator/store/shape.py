"""Is a file shaped as our schema says? Checked on a read-only look before opening.

A crafted file can carry triggers or views of its own (a trigger that deletes
every note on insert runs silently inside our transactions), or lack a table our
queries need (every read would then fail). The expected shape at each version
is what our migrations build on an empty in-memory database: triggers and views
must match it exactly, and every expected table must be there with its columns.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from .schema import migrate


@dataclass(frozen=True)
class Shape:
    tables: dict[str, frozenset[str]]  # table -> columns
    code: dict[tuple[str, str], str]  # (type, name) -> normalised SQL, for triggers and views


def _norm(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip().lower()


def read_shape(conn: sqlite3.Connection) -> Shape:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    tables = {}
    for kind, name, _sql in rows:
        if kind == "table" and not name.startswith("sqlite_"):
            tables[name] = frozenset(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")'))
    code = {(kind, name): _norm(sql) for kind, name, sql in rows if kind in ("trigger", "view")}
    return Shape(tables, code)


@lru_cache(maxsize=None)
def expected_shape(version: int) -> Shape:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, target=version)
        return read_shape(conn)
    finally:
        conn.close()


def foreign_code(conn: sqlite3.Connection, version: int) -> list[str]:
    """Triggers and views in the file that our schema at ``version`` does not define as they are."""
    found = read_shape(conn).code
    expected = expected_shape(version).code
    return sorted(f"{kind} {name}" for (kind, name), sql in found.items() if expected.get((kind, name)) != sql)


def missing_parts(conn: sqlite3.Connection, version: int) -> list[str]:
    """Tables (or columns) our schema at ``version`` has and the file lacks."""
    found = read_shape(conn).tables
    missing = []
    for table, columns in expected_shape(version).tables.items():
        if table not in found:
            missing.append(table)
        else:
            missing.extend(f"{table}.{c}" for c in sorted(columns - found[table]))
    return missing
