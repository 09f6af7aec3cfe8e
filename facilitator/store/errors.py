"""Two kinds of storage error, as qutebrowser keeps them apart.

``FileProblem`` is the user's environment (not our file, corrupt, newer version,
read-only, disk full, locked): show its message, keep the data. ``StoreBug`` is ours
(a constraint we broke, SQL we got wrong): report it as a bug.
"""

from __future__ import annotations

import sqlite3

from ..i18n import N_, _


class StoreError(Exception):
    pass


class FileProblem(StoreError):
    """A problem with the file or the disk that the user can act on."""

    NOT_SQLITE = "not_sqlite"
    NOT_OURS = "not_ours"
    CORRUPT = "corrupt"
    NEWER = "newer"
    READ_ONLY = "read_only"
    READ_ONLY_OLD = "read_only_old"
    READ_ONLY_COPY = "read_only_copy"
    DISK_FULL = "disk_full"
    UPGRADE_FAILED = "upgrade_failed"
    LOCKED = "locked"
    MISSING = "missing"
    EXISTS = "exists"
    IO = "io"
    TOO_LONG = "too_long"
    CRAFTED = "crafted"
    NOT_SELF_CONTAINED = "not_self_contained"
    INCOMPLETE = "incomplete"

    MESSAGES = {
        NOT_SQLITE: N_("«{path}» no es un archivo de Papelógrafo (no es una base de datos SQLite)."),
        NOT_OURS: N_("«{path}» es una base de datos SQLite, pero no un proceso de Papelógrafo."),
        CORRUPT: N_("«{path}» está dañado y no se puede abrir sin riesgo ({detail}). El archivo no se modificó."),
        NEWER: N_("«{path}» fue creado por una versión más reciente de Papelógrafo (formato {detail}). Actualice la aplicación para abrirlo; el archivo no se modificó."),
        READ_ONLY: N_("«{path}» es de solo lectura: se abrió para consulta y no se puede modificar."),
        READ_ONLY_COPY: N_("«{path}» es de solo lectura y sus últimos cambios están en su diario (-wal), que no se puede leer allí: se abrió una copia temporal privada del archivo y su diario, con todos los cambios guardados, solo para consulta."),
        READ_ONLY_OLD: N_("«{path}» es de una versión anterior de Papelógrafo y es de solo lectura, así que no se puede actualizar. Cópielo a una carpeta donde pueda escribir y ábralo desde allí."),
        UPGRADE_FAILED: N_("No se pudo actualizar «{path}» al formato de esta versión ({detail}). El archivo quedó como estaba; avise del problema al equipo de Papelógrafo."),
        DISK_FULL: N_("No queda espacio en el disco para guardar en «{path}». El último cambio no se guardó; todo lo anterior está a salvo. Libere espacio y vuelva a intentarlo."),
        LOCKED: N_("«{path}» está siendo usado por otro programa. Ciérrelo y vuelva a intentarlo; no se guardó el último cambio."),
        MISSING: N_("No existe el archivo «{path}»."),
        EXISTS: N_("Ya existe un archivo en «{path}»; elija otro nombre."),
        NOT_SELF_CONTAINED: N_("Los últimos cambios de «{path}» no se pudieron reunir en el archivo ({detail}): están a salvo en «{path}-wal», que se conservó. El archivo aún no es autónomo: no lo copie solo. Libere espacio y vuelva a abrir y cerrar el proceso (o copie también «{path}-wal»)."),
        TOO_LONG: N_("Una nota puede tener como máximo {max} caracteres y esta tiene {detail}. No se guardó: acórtela o divídala en varias notas."),
        CRAFTED: N_("«{path}» contiene código que Papelógrafo no define ({detail}): podría alterar los datos al usarlo, así que no se abrió. El archivo no se modificó."),
        INCOMPLETE: N_("«{path}» está incompleto: le falta {detail}. No se puede abrir sin riesgo; el archivo no se modificó."),
        IO: N_("No se pudo leer o escribir «{path}»: {detail}. Lo ya guardado está a salvo."),
    }

    def __init__(self, code: str, path: str, detail: str = "") -> None:
        self.code = code
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{code}: {path}: {detail}")

    def message(self, translate=_) -> str:
        return translate(self.MESSAGES[self.code], path=self.path, detail=self.detail)


class TooLong(FileProblem):
    """A note's text over the cap (facilitator.domain.limits): refused before it reaches the file."""

    def __init__(self, path: str, length: int, limit: int) -> None:
        super().__init__(FileProblem.TOO_LONG, path, str(length))
        self.limit = limit

    def message(self, translate=_) -> str:
        return translate(self.MESSAGES[self.code], path=self.path, detail=self.detail, max=self.limit)


class StoreBug(StoreError):
    """A programming error: the database refused what our code asked for."""


def translate_sqlite_error(exc: sqlite3.Error, path: str) -> StoreError:
    """Map a sqlite3 exception to the kind of error the caller must show."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "disk is full" in text or "database or disk is full" in text:
        return FileProblem(FileProblem.DISK_FULL, path, str(exc))
    if code == sqlite3.SQLITE_READONLY or "readonly database" in text:
        return FileProblem(FileProblem.READ_ONLY, path, str(exc))
    if code == sqlite3.SQLITE_BUSY or "database is locked" in text:
        return FileProblem(FileProblem.LOCKED, path, str(exc))
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return FileProblem(FileProblem.CORRUPT, path, str(exc))
    if code == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
        return FileProblem(FileProblem.IO, path, str(exc))
    return StoreBug(str(exc))
