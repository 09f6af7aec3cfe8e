"""Write a file so that it is either whole or absent: never half-written.

Writers produce the file beside the target under a temporary name and rename it
into place (``os.replace`` is atomic on the same file system). If anything fails,
the temporary file is removed and the target, if it existed, is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import Iterator

from facilitator.i18n import _


class ExportProblem(Exception):
    """An export that could not be written (folder missing, read-only, disk full…): one clear line."""


def temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``."""
    target = Path(target)
    if not target.parent.is_dir():
        raise ExportProblem(_("No existe la carpeta «{folder}».", folder=target.parent))
    tmp = temp_beside(target)
    try:
        yield tmp
        if not tmp.exists():
            raise ExportProblem(_("No se escribió «{path}».", path=target))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportProblem(_("No se pudo escribir «{path}»: {detail}.", path=target,
                              detail=exc.strerror or str(exc))) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
