"""The app's one feed refresh: started by a key, the feeds screen or the clock, it runs once at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.signal import Signal
from textual.worker import Worker

from reader.tui.text import one_line


class FeedRefresh:
    """Fetches the subscribed feeds of the library at ``db_path`` in a thread worker of ``app``.

    :meth:`start` while a refresh runs starts nothing: wherever it was asked
    from, a second refresh would only fetch the same feeds again.
    """

    @dataclass
    class Finished(Message):
        """A refresh ended: what it did, and one line per feed that failed (``title`` says how it went)."""

        title: str
        summary: str
        failures: list[str]
        asked: bool = True
        """Whether someone asked for it (else the clock did, and only failures are worth a notice)."""

    def __init__(self, app: App[Any], db_path: Path) -> None:
        self.app = app
        self.db_path = db_path
        self._worker: Worker[None] | None = None
        self.finished: Signal[FeedRefresh.Finished] = Signal(app, "feeds-refreshed")
        """Published (by the app, on its thread) when a refresh ends: screens showing feeds subscribe."""

    @property
    def running(self) -> bool:
        """Whether a refresh is under way."""
        return self._worker is not None and not self._worker.is_finished

    def start(self, urls: list[str] | None = None, *, asked: bool = True) -> bool:
        """Fetch every feed (or those at ``urls``); False when a refresh is already under way.

        :param asked: False when the clock starts it: only failures are then said.
        """
        if self.running:
            return False
        self._worker = self.app.run_worker(
            lambda: self._refresh(urls, asked), thread=True, group="refresh", exit_on_error=False
        )
        return True

    def every(self) -> None:
        """A refresh the clock starts (none if one is under way)."""
        self.start(asked=False)

    def _refresh(self, urls: list[str] | None, asked: bool) -> None:
        from reader.operations import open_for_writing, refresh_feeds
        from reader.store.feeds import list_feeds

        try:
            with open_for_writing(self.db_path) as library:
                feeds = None if urls is None else [feed for feed in list_feeds(library) if feed.url in urls]
                report = refresh_feeds(library, feeds)
        except Exception as error:
            self.app.post_message(self.Finished("Refresh failed", one_line(str(error)), [], asked))
            return
        failures = [outcome.describe() for outcome in report.failures]
        self.app.post_message(self.Finished("Feeds refreshed", report.summary(), failures, asked))


def feed_refresh(node: DOMNode) -> FeedRefresh:
    """The feed refresh of the app ``node`` belongs to."""
    refresh = getattr(node.app, "feed_refresh", None)
    if not isinstance(refresh, FeedRefresh):
        raise TypeError(f"{node.app!r} has no feed refresh")
    return refresh
