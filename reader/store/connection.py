"""One connection to a library file: its settings, and write transactions that wait their turn.

Many processes may write to one library at once (a ``reader refresh`` from cron,
an import, the TUI, ``reader serve``). SQLite lets one writer in at a time, so
every write runs in a transaction taken up front (``BEGIN IMMEDIATE``): a writer
that finds the library busy waits for it there, before it has read anything, and
never fails half-way as a deferred transaction that reads first and then writes
would. A writer that still cannot get in after :data:`WRITE_WAIT_SECONDS` gets
:class:`LibraryBusy`, whose message names the library.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path

from sqlite_utils import Database

# How long a statement waits for a lock SQLite cannot wait for up front; how long
# each attempt to begin a write waits (the attempts are repeated, so that a writer
# notices a short pause of another's at once); and how long a writer keeps trying.
BUSY_TIMEOUT_MS = 5_000
BEGIN_ATTEMPT_MS = 10
WRITE_WAIT_SECONDS = 60.0
WRITE_WAIT_VARIABLE = "READER_WRITE_WAIT_SECONDS"  # sets another bound (seconds)
PAGE_CACHE_KIB = 64 * 1024
_savepoints = count()


class LibraryBusy(Exception):
    """Another process kept the library's write lock for longer than a writer waits."""


class LibraryRefused(Exception):
    """The library cannot be used as asked: made by a newer reader, or read-only for a command that writes."""


class LibraryReadOnly(LibraryRefused):
    """The library file may not be written to (no write permission)."""


class Connection:
    """A connection to the SQLite file at ``path`` (created if needed), in WAL mode.

    Statements outside :meth:`transaction` commit at once; inside it they commit
    together or not at all. A connection belongs to the thread that opened it.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        in_memory = str(path) == ":memory:"
        if not in_memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # A file without write permission is opened read-only, for root too: SQLite then refuses every write.
        self.read_only = not in_memory and self.path.exists() and not _writable(self.path)
        target, uri = (f"{self.path.resolve().as_uri()}?mode=ro", True) if self.read_only else (str(path), False)
        # isolation_level=None: no hidden BEGIN before a write; transactions are ours alone.
        connection = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri)
        self.db = Database(connection)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._writable_checked = False
        if not in_memory and not self.read_only:
            self.db.enable_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
        # SQLite's default 2 MB page cache is small beside a library of 100k+ articles.
        self.db.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")

    def check_writable(self) -> None:
        """Refuse, before the first write, a library this program may not write to.

        :raises LibraryReadOnly: when the library file may not be written to.
        """
        if self.read_only:
            raise LibraryReadOnly(read_only_message(self.path))

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction, taken up front; inside one already open, that one.

        :raises LibraryBusy: when another writer keeps the library for longer than
            :data:`WRITE_WAIT_SECONDS`.
        :raises LibraryReadOnly: when the library file may not be written to.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        if not self._writable_checked:
            self.check_writable()
            self._writable_checked = True
        self._begin_immediate()
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def data_version(self) -> int:
        """A number that changes when another connection commits to the library (this one's commits leave it)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def undo_point(self) -> str:
        """Inside a transaction: mark where it stands, and return the mark for :meth:`undo_to`."""
        name = f"reader_{next(_savepoints)}"
        self.db.conn.execute(f"SAVEPOINT {name}")
        return name

    def undo_to(self, mark: str) -> None:
        """Undo what was written since :meth:`undo_point` gave ``mark``; the transaction and the mark go on."""
        self.db.conn.execute(f"ROLLBACK TO {mark}")

    def _begin_immediate(self) -> None:
        patience = write_wait_seconds()
        deadline = time.monotonic() + patience
        self.db.execute(f"PRAGMA busy_timeout = {BEGIN_ATTEMPT_MS}")
        try:
            while True:
                try:
                    self.db.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    if not is_busy(error):
                        raise
                    if time.monotonic() >= deadline:
                        raise LibraryBusy(
                            f"the library {self.path} is busy: another program kept it for over {patience:g} s"
                        ) from error
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _writable(path: Path) -> bool:
    """Whether the file may be written to: write permission granted, and some write bit set."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def read_only_message(path: Path) -> str:
    """The one line that says a library cannot be written to."""
    return f"the library {path} is read-only (no write permission): nothing was changed"


def is_read_only(error: sqlite3.OperationalError) -> bool:
    """Whether SQLite refused a write because the file may not be written to."""
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_READONLY or "readonly database" in str(error)


def write_wait_seconds() -> float:
    """How long a writer waits for the library: :data:`WRITE_WAIT_SECONDS`, or ``$READER_WRITE_WAIT_SECONDS``."""
    try:
        return max(0.0, float(os.environ.get(WRITE_WAIT_VARIABLE, WRITE_WAIT_SECONDS)))
    except ValueError:
        return WRITE_WAIT_SECONDS


def is_busy(error: sqlite3.OperationalError) -> bool:
    """Whether SQLite refused because another connection holds the lock."""
    return getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        "database is locked" in str(error)
    )
