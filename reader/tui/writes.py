"""The one queue every write of the TUI goes through, so writes are stored in the order they were asked for.

Two quick toggles of a star must end starred, unstarred, never the other way
round; workers started one per write could run in any order. Here writes
wait in a queue that one thread worker at a time empties, each write in its
own transaction.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.message import Message

from reader.store import Library
from reader.tui.work import WorkFailed, using

Write = Callable[[Library], Any]
Then = Callable[[Any], object]


@dataclass
class _Job:
    write: Write | None  # None: only ``then``, once the writes before it are stored
    doing: str
    then: Then | None


class WriteQueue:
    """Stores writes one after the other on ``app``'s library at ``db_path``, in the order :meth:`submit` got them."""

    @dataclass
    class Written(Message):
        """A write was stored: ``then`` (if any) is called with what it returned, on the app's thread."""

        then: Then | None
        result: Any

    @dataclass
    class Failed(Message):
        """A write could not be stored (the writes after it still are)."""

        error: str

    def __init__(self, app: App[Any], db_path: Path) -> None:
        self.app = app
        self.db_path = db_path
        self._jobs: deque[_Job] = deque()
        self._lock = threading.Lock()
        self._draining = False

    def submit(self, write: Write, *, doing: str = "save the change", then: Then | None = None) -> None:
        """Store ``write(library)`` after every write submitted before; ``then(result)`` once it is stored.

        :param doing: what the write does, for the notice if it fails ("Cannot {doing}: ...").
        """
        with self._lock:
            self._jobs.append(_Job(write, doing, then))
            if self._draining:
                return
            self._draining = True
        self.app.run_worker(self._drain, thread=True, group="writes", exit_on_error=False)

    def when_stored(self, then: Callable[[], object]) -> None:
        """Call ``then()`` once every write submitted so far is stored (or has failed); at once if none waits.

        A screen that reads the library again after another screen's writes reads what they stored.
        """
        with self._lock:
            if self._draining:
                self._jobs.append(_Job(None, "", lambda _: then()))
                return
        then()

    def _drain(self) -> None:
        """Store the waiting writes in order until there is none (a thread worker)."""
        while True:
            with self._lock:
                if not self._jobs:
                    self._draining = False
                    return
                job = self._jobs.popleft()
            if job.write is None:
                self.app.post_message(self.Written(job.then, None))
                continue
            try:
                with using(self.db_path, job.doing) as library, library.transaction():
                    result = job.write(library)
            except WorkFailed as error:
                self.app.post_message(self.Failed(str(error)))
                continue
            self.app.post_message(self.Written(job.then, result))


def write_queue(node: DOMNode) -> WriteQueue:
    """The write queue of the app ``node`` belongs to."""
    queue = getattr(node.app, "writes", None)
    if not isinstance(queue, WriteQueue):
        raise TypeError(f"{node.app!r} has no write queue")
    return queue
