"""Open, create and write the process file.

The connection runs in autocommit mode and every write goes through
``Store.transaction()`` (BEGIN IMMEDIATE … COMMIT), with WAL journaling,
``synchronous=FULL`` and foreign keys on: a committed edit survives a crash or a
power cut, and a failed one leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from ..domain.limits import NOTE_MAX_CHARS
from .errors import FileProblem, StoreBug, StoreError, TooLong, translate_sqlite_error
from .schema import APPLICATION_ID, HISTORY_TABLES, SCHEMA_VERSION, migrate
from .shape import foreign_code, missing_parts
from .words_step import keyed_values

SQLITE_HEADER = b"SQLite format 3\x00"


def new_id() -> str:
    return str(uuid.uuid4())


def default_device() -> str:
    """A name for this laptop in the merge history (``PAPELOGRAFO_DEVICE`` overrides it)."""
    name = os.environ.get("PAPELOGRAFO_DEVICE", "").strip()
    if not name:
        try:
            name = socket.gethostname()
        except OSError:
            name = ""
    return name[:64] or "?"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Change:
    """One row changed by a committed transaction (for views to refresh)."""

    table: str
    op: str  # "insert" | "update" | "delete"
    id: str


@dataclass
class Snapshot:
    """Rows removed by a delete (cascades included) and references it nulled."""

    rows: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    nulled: list[tuple[str, str, str, Any]] = field(default_factory=list)  # table, id, column, old value


def is_writable(path: Path) -> bool:
    """Can we write the file and create its -wal/-shm companions beside it?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


class Store:
    """A connection to one process file, with the only write path to it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool,
                 private_copy: Path | None = None, device: str | None = None) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        # Where a read-only file is really read from (see _private_copy); removed at close.
        self.private_copy = private_copy
        self.device = device or default_device()
        self._depth = 0
        self._pending: list[Change] = []
        self._listeners: list[Callable[[list[Change]], None]] = []
        self._columns: dict[str, tuple[str, ...]] = {}
        self._children: dict[str, list[tuple[str, str, str]]] = {}
        self._sql_cache: dict[tuple, str] = {}
        self._closed = False
        self._load_metadata()

    # -- metadata ---------------------------------------------------------
    def _load_metadata(self) -> None:
        tables = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            self._columns[table] = tuple(r[1] for r in self.conn.execute(f'PRAGMA table_info("{table}")'))
            self._children.setdefault(table, [])
        for table in tables:
            for fk in self.conn.execute(f'PRAGMA foreign_key_list("{table}")'):
                parent, column, on_delete = fk[2], fk[3], fk[6].upper()
                self._children.setdefault(parent, []).append((table, column, on_delete))

    @property
    def has_history(self) -> bool:
        """Does the file keep field revisions and tombstones (schema with ``field_rev``)?"""
        return "field_rev" in self._columns and "tombstone" in self._columns

    def columns(self, table: str) -> tuple[str, ...]:
        try:
            return self._columns[table]
        except KeyError:
            raise StoreBug(f"unknown table {table!r}") from None

    def _check_length(self, table: str, values: dict[str, Any]) -> None:
        """Refuse a note's text over the cap, whichever way it came (typing, paste, import)."""
        if table == "note":
            text = values.get("text")
            if isinstance(text, str) and len(text) > NOTE_MAX_CHARS:
                raise TooLong(str(self.path), len(text), NOTE_MAX_CHARS)

    def _check_columns(self, table: str, names) -> None:
        known = self.columns(table)
        for name in names:
            if name not in known:
                raise StoreBug(f"unknown column {table}.{name}")

    # -- reading ----------------------------------------------------------
    def query(self, sql: str, params: tuple | list | dict = ()) -> list[dict[str, Any]]:
        try:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description or ()]
            return [dict(zip(names, row)) for row in cur.fetchall()]
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(self.path)) from exc

    def scalar(self, sql: str, params: tuple | list | dict = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file (``PRAGMA data_version``).

        This connection's own commits leave it as it is: those reach the listeners
        at once. A copy of the file's data kept in step through the listeners is
        still true while this number stays the same (another connection's commit,
        such as the capture server's, reaches them only later).
        """
        try:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(self.path)) from exc

    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        self.columns(table)
        rows = self.query(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,))
        return rows[0] if rows else None

    # -- listening --------------------------------------------------------
    def subscribe(self, listener: Callable[[list[Change]], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[list[Change]], None]) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    # -- writing ----------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; nesting joins the outer one."""
        if self.readonly:
            raise FileProblem(FileProblem.READ_ONLY, str(self.path))
        if self._depth == 0:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise translate_sqlite_error(exc, str(self.path)) from exc
        self._depth += 1
        try:
            yield
        except BaseException as exc:
            self._depth -= 1
            if self._depth == 0:
                self._pending.clear()
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise translate_sqlite_error(exc, str(self.path)) from exc
            raise
        else:
            self._depth -= 1
            if self._depth == 0:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    self._pending.clear()
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                    raise translate_sqlite_error(exc, str(self.path)) from exc
                changes, self._pending = self._pending, []
                for listener in list(self._listeners):
                    listener(changes)

    def insert(self, table: str, values: dict[str, Any], *, new: bool = False) -> dict[str, Any]:
        """Insert a row; fills ``id`` and the time stamps unless given. Returns the row.

        ``new``: the row's id was made for this insert (``new_id``) and has never been in any
        file, so no tombstone can name it and the one clearing it is skipped (a quarter of an
        edit's statements, bench/edit_commit.py). A row without an id is new too.
        """
        row = keyed_values(table, values)
        self._check_length(table, row)
        if "id" not in row:
            row["id"], new = new_id(), True
        if "created_at" not in row or "updated_at" not in row:  # commands stamp their rows themselves
            now = utc_now()
            row.setdefault("created_at", now)
            row.setdefault("updated_at", now)
        names = tuple(row)
        key = ("insert", table, names)
        sql = self._sql_cache.get(key)
        if sql is None:
            self._check_columns(table, names)
            cols = ", ".join(f'"{n}"' for n in names)
            sql = f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" * len(names))})'
            self._sql_cache[key] = sql
        with self.transaction():
            self.conn.execute(sql, tuple(row.values()))
            if not new and self.has_history and table not in HISTORY_TABLES:
                # a row that comes back (redo of an insert) is no longer deleted
                self.conn.execute("DELETE FROM tombstone WHERE tbl = ? AND row_id = ?", (table, row["id"]))
            self._pending.append(Change(table, "insert", row["id"]))
        return row

    def update(self, table: str, row_id: str, changes: dict[str, Any], *, record: bool = True) -> dict[str, Any]:
        """Change some fields of one row; returns their previous values.

        Each changed field gets a new revision in the merge history that replaces
        the field's current ones (``record=False`` is for a merge, which brings the
        other laptop's revisions itself).
        """
        changes = keyed_values(table, {k: v for k, v in changes.items() if k not in ("id", "created_at")})
        self._check_columns(table, changes)
        self._check_length(table, changes)
        with self.transaction():
            cur = self.conn.execute(
                f'SELECT {", ".join(f"{chr(34)}{k}{chr(34)}" for k in changes) or "id"} FROM "{table}" WHERE id = ?',
                (row_id,))
            old = cur.fetchone()
            if old is None:
                raise StoreBug(f"{table} {row_id} does not exist")
            previous = dict(zip(changes, old)) if changes else {}
            values = dict(changes)
            values["updated_at"] = utc_now()
            sets = ", ".join(f'"{k}" = ?' for k in values)
            self.conn.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', (*values.values(), row_id))
            if record and changes and self.has_history and table not in HISTORY_TABLES:
                self._record(table, row_id, list(changes), values["updated_at"])
            self._pending.append(Change(table, "update", row_id))
        return previous

    def defer_foreign_keys(self) -> None:
        """Check references at commit, not row by row (rows that refer to each other in any order).

        Only inside ``transaction()``; SQLite resets it when the transaction ends.
        """
        if self._depth == 0:
            raise StoreBug("defer_foreign_keys outside a transaction")
        self.conn.execute("PRAGMA defer_foreign_keys = ON")

    # -- merge history ----------------------------------------------------
    def field_heads(self, table: str, row_id: str) -> dict[str, set[str]]:
        """Per field of one row, its current revisions (those no other revision replaces)."""
        if not self.has_history:
            return {}
        heads: dict[str, set[str]] = {}
        for fld, rev in self.conn.execute(
                "SELECT f.field, f.rev FROM field_rev f WHERE f.tbl = ? AND f.row_id = ? AND NOT EXISTS "
                "(SELECT 1 FROM field_rev s WHERE s.prev = f.rev)", (table, row_id)):
            heads.setdefault(fld, set()).add(rev)
        return heads

    def _record(self, table: str, row_id: str, fields: list[str], now: str) -> None:
        heads = self.field_heads(table, row_id)
        rows = []
        for fld in fields:
            rev = new_id()
            for prev in sorted(heads.get(fld, ())) or [None]:
                rows.append((new_id(), now, now, table, row_id, fld, rev, prev, self.device))
        self.conn.executemany(
            "INSERT INTO field_rev (id, created_at, updated_at, tbl, row_id, field, rev, prev, device) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def add_history(self, revisions: list[dict[str, Any]], tombstones: list[dict[str, Any]]) -> int:
        """Add another laptop's revisions and tombstones (those we lack); returns how many were new."""
        if not self.has_history:
            return 0
        cols = ("id", "created_at", "updated_at", "tbl", "row_id", "field", "rev", "prev", "device")
        tcols = ("id", "created_at", "updated_at", "tbl", "row_id", "device")
        with self.transaction():
            before = self.conn.total_changes
            self.conn.executemany(
                f"INSERT OR IGNORE INTO field_rev ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [tuple(r.get(c) for c in cols) for r in revisions])
            self.conn.executemany(
                f"INSERT OR IGNORE INTO tombstone ({', '.join(tcols)}) VALUES ({', '.join('?' * len(tcols))})",
                [tuple(r.get(c) for c in tcols) for r in tombstones])
            return self.conn.total_changes - before

    def remove_history(self, revision_ids: list[str], tombstones: list[tuple[str, str]]) -> None:
        """Take back what ``add_history`` added (undoing a merge)."""
        if not self.has_history:
            return
        with self.transaction():
            self.conn.executemany("DELETE FROM field_rev WHERE id = ?", [(i,) for i in revision_ids])
            self.conn.executemany("DELETE FROM tombstone WHERE tbl = ? AND row_id = ?", tombstones)

    def delete(self, table: str, row_id: str, *, tombstone: bool = True) -> Snapshot:
        """Delete a row and what cascades from it; the snapshot restores them all.

        Deleted rows leave tombstones so a merge never brings them back
        (``tombstone=False`` is for undoing a merge: those rows were never ours).
        """
        self.columns(table)
        snap = Snapshot()
        with self.transaction():
            self._collect(table, [row_id], snap)
            if (table, row_id) not in snap.rows:
                raise StoreBug(f"{table} {row_id} does not exist")
            self.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
            if tombstone and self.has_history:
                now = utc_now()
                self.conn.executemany(
                    "INSERT OR IGNORE INTO tombstone (id, created_at, updated_at, tbl, row_id, device) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [(new_id(), now, now, t, rid, self.device) for (t, rid) in snap.rows if t not in HISTORY_TABLES])
            for (t, rid) in snap.rows:
                self._pending.append(Change(t, "delete", rid))
            for (t, rid, _col, _old) in snap.nulled:
                self._pending.append(Change(t, "update", rid))
        return snap

    def restore(self, snap: Snapshot) -> None:
        """Put back what a delete removed, with the same ids and references."""
        with self.transaction():
            self.defer_foreign_keys()
            now = utc_now()
            for (table, rid), row in snap.rows.items():
                row = dict(row, updated_at=now)
                cols = ", ".join(f'"{n}"' for n in row)
                self.conn.execute(
                    f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" * len(row))})', tuple(row.values()))
                if self.has_history:
                    self.conn.execute("DELETE FROM tombstone WHERE tbl = ? AND row_id = ?", (table, rid))
                self._pending.append(Change(table, "insert", rid))
            for table, rid, column, old in snap.nulled:
                if (table, rid) in snap.rows:
                    continue  # came back whole with its reference
                self.conn.execute(f'UPDATE "{table}" SET "{column}" = ?, updated_at = ? WHERE id = ?', (old, now, rid))
                self._pending.append(Change(table, "update", rid))

    def _collect(self, table: str, ids: list[str], snap: Snapshot) -> None:
        ids = [i for i in ids if (table, i) not in snap.rows]
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        cur = self.conn.execute(f'SELECT * FROM "{table}" WHERE id IN ({marks})', ids)
        names = [d[0] for d in cur.description]
        found = [dict(zip(names, r)) for r in cur.fetchall()]
        for row in found:
            snap.rows[(table, row["id"])] = row
        found_ids = [r["id"] for r in found]
        if not found_ids:
            return
        marks = ", ".join("?" * len(found_ids))
        for child, column, action in self._children.get(table, []):
            rows = self.conn.execute(
                f'SELECT id, "{column}" FROM "{child}" WHERE "{column}" IN ({marks})', found_ids).fetchall()
            if action == "CASCADE":
                self._collect(child, [r[0] for r in rows], snap)
            elif action == "SET NULL":
                snap.nulled.extend((child, r[0], column, r[1]) for r in rows)

    # -- lifecycle --------------------------------------------------------
    def notice(self) -> FileProblem | None:
        """What the user should know about how the file was opened (read-only, from a private copy)."""
        if self.private_copy is not None:
            return FileProblem(FileProblem.READ_ONLY_COPY, str(self.path))
        if self.readonly:
            return FileProblem(FileProblem.READ_ONLY, str(self.path))
        return None

    def integrity_ok(self) -> bool:
        return self.scalar("PRAGMA integrity_check") == "ok"

    def close(self) -> FileProblem | None:
        """Fold the WAL back into the file so the .taller file travels alone.

        If that fails (a full disk), the WAL is kept, since it holds committed edits
        the file does not have yet, and the problem is returned for the caller to
        tell the user: until a later close succeeds, the file must not be copied alone.
        """
        if self._closed:
            return None
        self._closed = True
        detail = ""
        if not self.readonly:
            try:
                busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if busy:
                    detail = "busy"
            except sqlite3.Error as exc:
                detail = str(exc)
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self.private_copy is not None:
            shutil.rmtree(self.private_copy.parent, ignore_errors=True)
        if self.readonly:
            return None
        wal = Path(f"{self.path}-wal")
        try:
            left = wal.stat().st_size
        except OSError:
            left = 0
        if detail or left:
            return FileProblem(FileProblem.NOT_SELF_CONTAINED, str(self.path), detail or _wal_detail(left))
        return None


def _wal_detail(size: int) -> str:
    return f"{size // 1024} KB -wal"


def _try_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection that sees the WAL, or None where SQLite cannot make one (no -shm possible)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = None
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error:
        if conn is not None:
            conn.close()
        return None


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = _try_readonly(path)
        if conn is not None:
            return conn
        # Only reached with an empty or absent WAL (see _private_copy): immutable reads the whole file.
        uri = path.resolve().as_uri() + "?immutable=1"
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    return sqlite3.connect(str(path), isolation_level=None, timeout=3.0, check_same_thread=False)


def _wal_size(path: Path) -> int:
    try:
        return Path(f"{path}-wal").stat().st_size
    except OSError:
        return 0


def _private_copy(path: Path) -> Path | None:
    """A private copy (file + WAL) of a read-only file whose WAL SQLite cannot read in place.

    A crashed file copied with its -wal but no -shm to a read-only place cannot get
    the -shm that reading its WAL needs, and ``immutable=1`` would ignore the WAL,
    showing the file without its last committed edits. A copy in a temporary folder
    of our own can be read whole. None when no copy is needed.
    """
    if _wal_size(path) == 0:
        return None
    probe = _try_readonly(path)
    if probe is not None:
        probe.close()
        return None
    folder = Path(tempfile.mkdtemp(prefix="papelografo-"))
    copy = folder / path.name
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise FileProblem(FileProblem.IO, str(path), exc.strerror or str(exc)) from exc
    return copy


def _probe(path: Path) -> sqlite3.Connection:
    """A read-only look at a file that creates nothing beside it.

    A read-only connection to a WAL file would leave empty -wal/-shm files next to
    a file we then refuse. Without a -wal or -journal the main file is the whole
    database, so it is read as immutable; otherwise they are read as they are.
    """
    if any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal")):
        return _connect(path, readonly=True)
    uri = path.resolve().as_uri() + "?immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def open_process_file(path: str | os.PathLike[str], *, readonly: bool | None = None,
                      writable_check: Callable[[Path], bool] = is_writable) -> Store:
    """Open an existing process file, refusing anything that is not safely ours.

    A file that cannot be written opens read-only. Nothing is written to a file
    that is refused (the checks read only).
    """
    path = Path(path)
    if not path.is_file():
        raise FileProblem(FileProblem.MISSING, str(path))
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise FileProblem(FileProblem.IO, str(path), exc.strerror or str(exc)) from exc
    if not header.startswith(SQLITE_HEADER):
        raise FileProblem(FileProblem.NOT_SQLITE, str(path))
    if readonly is None:
        readonly = not writable_check(path)
    conn = None
    private = _private_copy(path) if readonly else None
    source = private or path
    try:
        # Inspect on a read-only connection first: a refused file is never written.
        probe = _probe(source)
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise FileProblem(FileProblem.NOT_OURS, str(path))
            if version > SCHEMA_VERSION:
                raise FileProblem(FileProblem.NEWER, str(path), str(version))
            check = [r[0] for r in probe.execute("PRAGMA quick_check(5)").fetchall()]
            if check != ["ok"]:
                raise FileProblem(FileProblem.CORRUPT, str(path), "; ".join(check))
            crafted = foreign_code(probe, version)
            if crafted:
                raise FileProblem(FileProblem.CRAFTED, str(path), ", ".join(crafted[:5]))
            missing = missing_parts(probe, version)
            if missing:
                raise FileProblem(FileProblem.INCOMPLETE, str(path), ", ".join(missing[:5]))
        finally:
            probe.close()
        if readonly and version < SCHEMA_VERSION:
            raise FileProblem(FileProblem.READ_ONLY_OLD, str(path))
        conn = _probe(source) if readonly else _connect(path, readonly=False)
        if readonly:
            conn.execute("PRAGMA foreign_keys = ON")
        else:
            _configure(conn)
            try:
                migrate(conn)
            except sqlite3.Error as exc:
                err = translate_sqlite_error(exc, str(path))
                if isinstance(err, StoreBug):  # the file is fine: our upgrade step failed
                    err = FileProblem(FileProblem.UPGRADE_FAILED, str(path), str(exc))
                raise err from exc
        return Store(conn, path, readonly, private)
    except StoreError:
        if conn is not None:
            conn.close()
        _drop_copy(private)
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        _drop_copy(private)
        err = translate_sqlite_error(exc, str(path))
        if isinstance(err, StoreBug):  # an unreadable header or page reads as a bug here
            err = FileProblem(FileProblem.CORRUPT, str(path), str(exc))
        raise err from exc
    except BaseException:  # e.g. a migration step failing in Python: never leave the file open
        if conn is not None:
            conn.close()
        _drop_copy(private)
        raise


def _drop_copy(private: Path | None) -> None:
    if private is not None:
        shutil.rmtree(private.parent, ignore_errors=True)


def _discard(tmp: Path) -> None:
    """Remove a half-made file and its journal; a folder we cannot reach has nothing to remove."""
    for leftover in (tmp, Path(f"{tmp}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def create_process_file(path: str | os.PathLike[str], title: str, *, overwrite: bool = False) -> Store:
    """Create a new process file with its process row, atomically.

    The file is built beside the target and renamed into place, so a failure
    (disk full, permissions) leaves no half-made file at ``path``.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileProblem(FileProblem.EXISTS, str(path))
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.touch(exist_ok=False)  # a missing or unwritable folder fails here as an OSError, not as a bug
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn)
            now = utc_now()
            conn.execute(
                "INSERT INTO process (id, created_at, updated_at, title) VALUES (?, ?, ?, ?)",
                (new_id(), now, now, title))
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
        os.replace(tmp, path)
    except sqlite3.Error as exc:
        _discard(tmp)
        raise translate_sqlite_error(exc, str(path)) from exc
    except OSError as exc:
        _discard(tmp)
        raise FileProblem(FileProblem.IO, str(path), exc.strerror or str(exc)) from exc
    return open_process_file(path)
