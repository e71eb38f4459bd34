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
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from reader.store.feeds import Feed, list_feeds
from reader.tui import keys
from reader.tui.feed_refresh import FeedRefresh, feed_refresh
from reader.tui.work import WorkFailed, using

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
        feed_refresh(self).finished.subscribe(self, self._on_refreshed)
        self.load_feeds()

    # Workers (never touch widgets) ------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def load_feeds(self) -> None:
        """Read the subscriptions and their state."""
        try:
            with using(self.db_path, "read the feeds") as library:
                feeds = list_feeds(library)
        except WorkFailed as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Loaded(feeds))

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

    def _on_refreshed(self, message: FeedRefresh.Finished) -> None:
        self.load_feeds()

    @on(Failed)
    def _on_failed(self, message: Failed) -> None:
        self.query_one(DataTable).loading = False
        self.notify(message.error, title="Feeds", severity="error", timeout=10, markup=False)

    # Actions ------------------------------------------------------------------

    def action_refresh_feeds(self) -> None:
        """Fetch every feed now."""
        if feed_refresh(self).start():
            self.notify("Refreshing every feed…", timeout=2)
        else:
            self.notify("The feeds are being refreshed already.", severity="warning", timeout=3)

    def action_back(self) -> None:
        """Back to the article list."""
        self.dismiss()
