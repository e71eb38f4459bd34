"""``python -m reader`` of a checkout on a pseudo-terminal, for the benches that time what a user sees."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

SIZE = (120, 36)
QUIET_SECONDS = 0.08  # no output for this long: a repaint is over


class Terminal:
    """``python -m reader`` of one checkout on a pseudo-terminal, with what it wrote so far."""

    def __init__(self, checkout: Path, db_path: Path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", "PYTHONPATH": str(checkout)}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reader", "--db", str(db_path)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=checkout,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.written = b""

    def read(self, timeout: float) -> bytes:
        """What the app writes within ``timeout`` seconds (b"" if nothing)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        data = os.read(self.master, 1 << 16) if ready else b""
        self.written += data
        return data

    def until_quiet(self) -> None:
        """Read until the app has written nothing for :data:`QUIET_SECONDS`."""
        while self.read(QUIET_SECONDS):
            pass

    def close(self) -> None:
        """Quit the app (kill it if it does not end)."""
        os.write(self.master, b"q")
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
