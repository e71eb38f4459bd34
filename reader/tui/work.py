"""Work off the UI thread: one library connection per worker thread, and one error type for what fails.

Textual runs thread workers on a pool of threads that live as long as the
app; :func:`library` keeps one connection per thread and library file, so a
worker does not open (and check) the library anew each time. Inside
:func:`using`, whatever goes wrong becomes a :class:`WorkFailed` naming what
was being done, which :func:`notice_failure` shows as a notice: a worker
only has to say what it was doing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from reader.store import Library
from reader.text.plural import counted
from reader.tui.text import one_line

_local = threading.local()


class WorkFailed(Exception):
    """Work that could not be done; the message is the one-line notice to show."""


def library(db_path: Path) -> Library:
    """This thread's connection to the library at ``db_path``, opened on first use and kept."""
    opened: dict[Path, Library] = _local.__dict__.setdefault("libraries", {})
    if db_path not in opened:
        opened[db_path] = Library(db_path)
    return opened[db_path]


@contextmanager
def using(db_path: Path, doing: str) -> Iterator[Library]:
    """This thread's library; a failure inside becomes ``WorkFailed("Cannot {doing}: {reason}")``."""
    try:
        yield library(db_path)
    except WorkFailed:
        raise
    except Exception as error:  # a corrupt file, a read-only folder, a busy library...
        _forget(db_path)
        raise WorkFailed(f"Cannot {doing}: {one_line(str(error))}") from error


def cancelled() -> bool:
    """Whether the worker running this code was cancelled (long loops check it and stop)."""
    return get_current_worker().is_cancelled


def _forget(db_path: Path) -> None:
    """Close this thread's connection after a failure: the next work opens a fresh one."""
    opened: dict[Path, Library] = _local.__dict__.get("libraries", {})
    stale = opened.pop(db_path, None)
    if stale is not None:
        stale.close()


def notice_failure(node: Widget | App[Any], event: Worker.StateChanged) -> WorkFailed | None:
    """Show a worker's :class:`WorkFailed` as an error notice (from ``on_worker_state_changed``); return it."""
    error = event.worker.error
    if event.state is not WorkerState.ERROR or not isinstance(error, WorkFailed):
        return None
    node.notify(str(error), title="Library error", severity="error", timeout=10, markup=False)
    return error


def notify_outcome(
    node: Widget | App[Any], title: str, summary: str, failures: list[str], *, failed: str = "input"
) -> None:
    """Say how long work went: its summary, then the first failures (``failed`` names what failed)."""
    severity: SeverityLevel = "warning" if failures else "information"
    node.notify(summary, title=title, severity=severity, markup=False)
    if failures:
        shown = "\n".join(failures[:3])
        more = f"\n… and {len(failures) - 3:,} more" if len(failures) > 3 else ""
        node.notify(
            shown + more, title=f"{counted(len(failures), failed)} failed", severity="error", timeout=10, markup=False
        )
