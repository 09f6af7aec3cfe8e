"""The capture's locks: join tokens, short codes, the per-phone rate limit and network checks (no Qt).

A token is a long random secret in the join link (one per group, one for the
room, one for a recorder laptop), new each time the capture opens; the short
code is what a person types when the QR cannot be scanned, and maps to the
token only while the capture is open. Closed tokens are remembered for the
server's life so an old link reads "closed" (410) rather than "forbidden".
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from typing import Callable

# No 0/O, 1/I/L: codes are read off a projector and typed on a phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
PHONE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class Pass:
    """What a token lets its bearer do: a phone of one group (or the room), or a recorder."""

    token: str
    code: str
    role: str  # "phone" | "recorder"
    group_id: str | None
    label: str


def new_token() -> str:
    return secrets.token_urlsafe(18)


def new_code(taken: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def normalise_code(text: str) -> str:
    """What a person typed as the short code: spaces, dashes and case do not matter."""
    return re.sub(r"[\s-]", "", text or "").upper()


class RateLimit:
    """A token bucket per key: ``rate`` per second, bursts of ``burst``."""

    def __init__(self, rate: float = 1.0, burst: int = 5, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000) -> None:
        self.rate, self.burst, self.clock, self.max_keys = rate, burst, clock, max_keys
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> float:
        """0 when allowed (one token spent), else the seconds to wait."""
        now = self.clock()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens >= 1.0:
            self._store(key, tokens - 1.0, now)
            return 0.0
        self._store(key, tokens, now)
        return (1.0 - tokens) / self.rate

    def _store(self, key: str, tokens: float, now: float) -> None:
        if len(self._buckets) >= self.max_keys and key not in self._buckets:
            # Forget full buckets first: they would allow a whole burst anyway.
            full = [k for k, (t, last) in self._buckets.items() if t + (now - last) * self.rate >= self.burst]
            for k in full or list(self._buckets)[: self.max_keys // 10]:
                del self._buckets[k]
        self._buckets[key] = (tokens, now)


def host_allowed(host: str | None, address: str, port: int) -> bool:
    """The Host header names this server exactly (defeats DNS rebinding)."""
    if not host:
        return False
    wanted = {f"{address}:{port}"} | ({address} if port == 80 else set())
    return host.lower() in wanted


def origin_allowed(origin: str | None, address: str, port: int) -> bool:
    """A write comes from our own page: its Origin is this server's."""
    if not origin:
        return False
    suffix = "" if port == 80 else f":{port}"
    return origin.lower() == f"http://{address}{suffix}"
