"""The feeds screen: every subscription with how its last refresh went, and a key to refresh them all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from reader.store import Library
from reader.store.feeds import Feed, list_feeds
from reader.tui import keys

EMPTY_HINT = "No feeds yet.\nSubscribe with  reader add https://…/feed.xml  or  reader add subscriptions.opml"
COLUMNS = ("Feed", "Last success", "Failures", "Last error")


class FeedsScreen(Screen[None]):
    """Lists the subscribed feeds; refreshes them in a worker thread on request."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FEEDS]

    @dataclass
    class Loaded(Message):
        """The feeds were read from the library."""

        feeds: list[Feed]

    @dataclass
    class Refreshed(Message):
        """A refresh finished: its one-line summary, and the failures."""

        summary: str
        failures: list[str]

    @dataclass
    class Failed(Message):
        """The library could not be read or the refresh could not run."""

        error: str

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="feeds", cursor_type="row", zebra_stripes=True)
        yield Static(EMPTY_HINT, id="no-feeds", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "feeds"
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.loading = True
        self.load_feeds()

    # Workers (never touch widgets) ------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def load_feeds(self) -> None:
        """Read the subscriptions and their state."""
        try:
            with Library(self.db_path) as library:
                feeds = list_feeds(library)
        except Exception as error:  # a corrupt file, a read-only folder...
            self.post_message(self.Failed(f"Cannot read the feeds: {error}"))
            return
        self.post_message(self.Loaded(feeds))

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def refresh_all(self) -> None:
        """Fetch every feed (in this thread's own event loop) and store their entries."""
        from reader.operations import open_for_writing, refresh_feeds

        try:
            with open_for_writing(self.db_path) as library:
                report = refresh_feeds(library)
        except Exception as error:
            self.post_message(self.Failed(f"Cannot refresh: {error}"))
            return
        self.post_message(self.Refreshed(report.summary(), [outcome.describe() for outcome in report.failures]))

    # Handlers -----------------------------------------------------------------

    @on(Loaded)
    def _on_loaded(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        table.loading = False
        table.clear()
        for feed in message.feeds:
            failing = feed.failures > 0
            table.add_row(
                Text(feed.title or feed.url),  # Text: a title is never read as markup
                Text(feed.last_success or "never"),
                Text(str(feed.failures), style="bold red" if failing else ""),
                Text(feed.last_error or ""),
                key=feed.url,
            )
        self.set_class(not message.feeds, "-empty")
        table.focus()

    @on(Refreshed)
    def _on_refreshed(self, message: Refreshed) -> None:
        severity: SeverityLevel = "warning" if message.failures else "information"
        detail = "\n".join(message.failures[:3])
        self.notify(f"{message.summary}\n{detail}".strip(), title="Feeds refreshed", severity=severity, markup=False)
        self.load_feeds()

    @on(Failed)
    def _on_failed(self, message: Failed) -> None:
        self.query_one(DataTable).loading = False
        self.notify(message.error, title="Feeds", severity="error", timeout=10, markup=False)

    # Actions ------------------------------------------------------------------

    def action_refresh_feeds(self) -> None:
        """Fetch every feed now."""
        self.notify("Refreshing every feed…", timeout=2)
        self.refresh_all()

    def action_back(self) -> None:
        """Back to the article list."""
        self.dismiss()
