"""A private Xvfb for tests that run the app in a real X11 window (the kill test, the bundle)."""

from __future__ import annotations

import os
import subprocess
import time

import pytest


def start_xvfb(size: str = "1600x1000x24") -> tuple[subprocess.Popen, str]:
    """An Xvfb on a free display number (Xvfb picks it and tells us through -displayfd)."""
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    deadline = time.monotonic() + 20
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        chunk = os.read(read, 16)
        if not chunk:
            break
        number += chunk
    os.close(read)
    if not number.strip():
        proc.kill()
        pytest.skip("Xvfb did not start")
    return proc, f":{number.decode().strip()}"
