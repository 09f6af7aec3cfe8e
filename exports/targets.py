"""Where an export may write: never over a process file.

``export t.taller --pdf t.taller`` would replace the process with a report. A
target is refused when, after resolving ``..`` and following symlinks, it is the
open process file, one of its companions (``-wal``, ``-shm``, ``-journal``), any
file named ``.taller``, or any existing file that is a Papelógrafo process
whatever its name. Two formats aimed at the same file are refused too.
"""

from __future__ import annotations

import os
from pathlib import Path

from facilitator import FILE_SUFFIX
from facilitator.i18n import _
from facilitator.store.schema import APPLICATION_ID

from .atomic import ExportProblem

COMPANIONS = ("-wal", "-shm", "-journal")
_SQLITE_HEADER = b"SQLite format 3\x00"


def _resolved(path: os.PathLike[str] | str) -> Path:
    return Path(os.path.realpath(os.path.abspath(os.fspath(path))))


def is_process_file(path: Path) -> bool:
    """An existing SQLite file stamped with our application id (read from its 100-byte header)."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    return header.startswith(_SQLITE_HEADER) and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def check_target(target: os.PathLike[str] | str, source: os.PathLike[str] | str | None,
                 folder: bool = False) -> None:
    """Raise ExportProblem if writing ``target`` could destroy a process file or something not a file.

    An existing target must be a regular file (a folder for ``folder`` targets): a
    report renamed over a device, a pipe or a symlink such as /dev/stdout would
    replace it.
    """
    real = _resolved(target)
    dangling = os.path.islink(target) and not real.exists()  # e.g. /dev/stdout -> a pipe: never replace the link
    if dangling or real.exists() and not (real.is_dir() if folder else real.is_file()):
        raise ExportProblem(_("«{path}» no es un archivo común (es una carpeta, un dispositivo o una tubería): "
                              "elija un nombre de archivo.", path=target) if not folder else
                            _("«{path}» existe y no es una carpeta: elija otro nombre para la carpeta de los CSV.",
                              path=target))
    names = {Path(target).name, real.name}
    if source is not None:
        src = _resolved(source)
        if real == src or any(real == src.with_name(src.name + c) for c in COMPANIONS):
            raise ExportProblem(_("«{path}» es el archivo del proceso abierto (o su diario): la exportación "
                                  "lo reemplazaría. Elija otro nombre; el proceso no se tocó.", path=target))
    if any(n.lower().endswith(FILE_SUFFIX) or any(n.lower().endswith(FILE_SUFFIX + c) for c in COMPANIONS)
           for n in names) or is_process_file(real):
        raise ExportProblem(_("«{path}» es un archivo de proceso de Papelógrafo ({suffix}): una exportación "
                              "nunca lo reemplaza. Elija otro nombre.", path=target, suffix=FILE_SUFFIX))


def check_targets(targets: list[os.PathLike[str] | str], source: os.PathLike[str] | str | None,
                  folders: tuple[os.PathLike[str] | str, ...] = ()) -> None:
    """Check every target (``folders`` are those that name a folder), and that no two formats write one file."""
    seen: dict[Path, os.PathLike[str] | str] = {}
    folder_set = {_resolved(f) for f in folders}
    for target in targets:
        check_target(target, source, folder=_resolved(target) in folder_set)
        real = _resolved(target)
        if real in seen:
            raise ExportProblem(_("Dos formatos se escribirían en el mismo archivo «{path}»: "
                                  "dé a cada uno su nombre.", path=target))
        seen[real] = target
