"""A lock file beside an open process file: who has it open, so a second instance reads only.

SQLite's own locking guards each write, not a whole editing session: two instances
(on one laptop, or on two machines sharing a folder) could both run the same
workshop and each log its clock. The first one to open a file writes
``<file>.lock`` naming its host, user, process id and the time; it refreshes the
time while it keeps the file open (``refresh``, every ``REFRESH`` seconds) and
removes the lock when it closes. A later instance that finds a live lock opens the
file read-only and says who has it.

A lock is stale, and taken over, when its owner is a process on this host that no
longer exists, or when its time has not been refreshed for ``STALE`` seconds (the
owner's machine died or lost the shared folder). The lock is created with
``O_EXCL`` so two instances starting at once cannot both win.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

REFRESH = 30.0  # seconds between refreshes of an owned lock
STALE = 150.0  # a lock not refreshed for this long belongs to nobody


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _user() -> str:
    with contextlib.suppress(Exception):
        return getpass.getuser()
    return ""


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class LockOwner:
    """Who holds a process file open, as its lock file says."""

    host: str
    user: str
    pid: int
    time: datetime
    token: str = ""

    @classmethod
    def me(cls, now: datetime) -> "LockOwner":
        return cls(socket.gethostname(), _user(), os.getpid(), now, uuid.uuid4().hex)

    def to_json(self) -> str:
        return json.dumps({"host": self.host, "user": self.user, "pid": self.pid,
                           "time": self.time.astimezone(timezone.utc).isoformat(), "token": self.token,
                           "app": "Papelógrafo"}, ensure_ascii=False)

    @classmethod
    def from_text(cls, text: str) -> "LockOwner | None":
        try:
            data = json.loads(text)
            moment = datetime.fromisoformat(str(data["time"]))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
            return cls(str(data.get("host", "")), str(data.get("user", "")), int(data.get("pid", 0)), moment,
                       str(data.get("token", "")))
        except (ValueError, KeyError, TypeError):
            return None

    def describe(self) -> str:
        """«ana en sala-3, desde las 09:41» for the read-only banner (the time in local time)."""
        from ..i18n import _

        seen = self.time.astimezone().strftime("%H:%M")
        if self.host == socket.gethostname():
            return _("en este equipo, usuario {user}, desde las {time}", user=self.user or "?", time=seen)
        return _("en el equipo {host}, usuario {user}, desde las {time}", host=self.host or "?",
                 user=self.user or "?", time=seen)

    def stale(self, now: datetime, alive: Callable[[int], bool] = pid_alive) -> bool:
        if now - self.time > timedelta(seconds=STALE):
            return True
        return self.host == socket.gethostname() and not alive(self.pid)

    def is_this_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()


def _now() -> datetime:
    return datetime.now(timezone.utc)


class FileLock:
    """An owned lock: refresh it while the file is open, release it on close."""

    def __init__(self, path: Path, owner: LockOwner, clock: Callable[[], datetime] = _now) -> None:
        self.path = path
        self.owner = owner
        self._clock = clock

    def _still_mine(self) -> bool:
        try:
            found = LockOwner.from_text(self.path.read_text(encoding="utf-8"))
        except OSError:
            return False
        return found is not None and found.token == self.owner.token

    def refresh(self) -> bool:
        """Renew the lock's time; False if it is no longer ours (taken over after we went silent)."""
        if not self._still_mine():
            return False
        self.owner = LockOwner(self.owner.host, self.owner.user, self.owner.pid, self._clock(), self.owner.token)
        tmp = self.path.with_name(self.path.name + f".{self.owner.token[:8]}.tmp")
        try:
            tmp.write_text(self.owner.to_json(), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return False
        return True

    def release(self) -> None:
        if self._still_mine():
            with contextlib.suppress(OSError):
                self.path.unlink()


def acquire(path: str | os.PathLike[str], *, clock: Callable[[], datetime] = _now,
            alive: Callable[[int], bool] = pid_alive) -> tuple[FileLock | None, LockOwner | None]:
    """Lock ``path`` for this instance.

    Returns ``(lock, None)`` when it is ours, ``(None, owner)`` when another live
    instance holds it, and ``(None, None)`` when no lock can be written beside the
    file (a read-only folder: the file opens read-only anyway).
    """
    target = lock_path(Path(path))
    for _attempt in range(3):
        me = LockOwner.me(clock())
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            try:
                text = target.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue  # released meanwhile: try again
            except OSError:
                return None, None
            owner = LockOwner.from_text(text)
            if owner is not None and not owner.is_this_process() and not owner.stale(clock(), alive):
                return None, owner
            # Stale, unreadable or our own earlier open of the same file: take it over.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            continue
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM, errno.ENOENT):
                return None, None
            raise
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(me.to_json())
        return FileLock(target, me, clock), None
    return None, None
