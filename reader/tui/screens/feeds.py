"""The feeds screen: every subscription with its address, articles and how its last refresh went; each can be
refreshed, opened (its stories listed), renamed or unsubscribed."""

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
from textual.widgets import DataTable, Header, Static

from reader.store.feeds import Feed, feed_counts, list_feeds, rename_feed, unsubscribe
from reader.tui import keys
from reader.tui.feed_refresh import FeedRefresh, feed_refresh
from reader.tui.screens.prompts import Confirm, Prompt
from reader.tui.text import cut, one_line
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.work import WorkFailed, using
from reader.tui.writes import write_queue

EMPTY_HINT = "No feeds yet.\nSubscribe with  reader add https://…/feed.xml  or  reader add subscriptions.opml"
COLUMNS = ("Feed", "Address", "Articles", "Unread", "Last success", "Failures", "Last error")


class FeedsScreen(Screen[Feed | None]):
    """Lists the subscribed feeds; hands back the feed to list when one is opened."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FEEDS]

    @dataclass
    class Loaded(Message):
        """The feeds were read from the library."""

        feeds: list[Feed]
        counts: dict[int, tuple[int, int]]

    @dataclass
    class Failed(Message):
        """The library could not be read or the refresh could not run."""

        error: str

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.feeds: dict[str, Feed] = {}
        """The feeds listed, by address."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="feeds", cursor_type="row", zebra_stripes=True)
        yield Static(EMPTY_HINT, id="no-feeds", markup=False)
        yield ReaderFooter()

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
                counts = feed_counts(library)
        except WorkFailed as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Loaded(feeds, counts))

    # Handlers -----------------------------------------------------------------

    @on(Loaded)
    def _on_loaded(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        table.loading = False
        row = table.cursor_row
        table.clear()
        self.feeds = {feed.url: feed for feed in message.feeds}
        for feed in message.feeds:
            failing = feed.failures > 0
            articles, unread = message.counts.get(feed.id, (0, 0))
            table.add_row(
                cut(one_line(feed.title or feed.url), 32),  # Text: a title is never read as markup
                cut(one_line(feed.url), 40),
                Text(f"{articles:,}", justify="right"),
                Text(f"{unread:,}", justify="right"),
                Text(feed.last_success or "never"),
                Text(str(feed.failures), style="bold red" if failing else ""),
                Text(feed.last_error or ""),
                key=feed.url,
            )
        self.set_class(not message.feeds, "-empty")
        if 0 <= row < table.row_count:
            table.move_cursor(row=row)
        table.focus()

    def _on_refreshed(self, message: FeedRefresh.Finished) -> None:
        self.load_feeds()

    @on(DataTable.RowSelected, "#feeds")
    def _on_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        self.action_open_feed()

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

    def action_refresh_feed(self) -> None:
        """Fetch the highlighted feed now."""
        feed = self._highlighted()
        if feed is None:
            return
        if feed_refresh(self).start([feed.url]):
            self.notify(f"Refreshing {one_line(feed.title or feed.url)}…", timeout=2, markup=False)
        else:
            self.notify("The feeds are being refreshed already.", severity="warning", timeout=3)

    def action_open_feed(self) -> None:
        """List the highlighted feed's stories."""
        feed = self._highlighted()
        if feed is not None:
            self.dismiss(feed)

    def action_rename(self) -> None:
        feed = self._highlighted()
        if feed is None:
            return

        def renamed(value: str | None) -> None:
            title = " ".join((value or "").split())
            if title:
                write_queue(self).submit(
                    lambda library: rename_feed(library, feed.url, title),
                    doing="rename the feed",
                    then=lambda _: self.load_feeds(),
                )

        self.app.push_screen(
            Prompt("Rename the feed", one_line(feed.url), value=one_line(feed.title), id="rename-prompt"),
            callback=renamed,
        )

    def action_unsubscribe(self) -> None:
        feed = self._highlighted()
        if feed is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                write_queue(self).submit(
                    lambda library: unsubscribe(library, feed.url),
                    doing="unsubscribe",
                    then=lambda _: self._unsubscribed(feed),
                )

        name = one_line(feed.title or feed.url)
        self.app.push_screen(
            Confirm(f"Unsubscribe from {name!r}? Its articles stay in the library.", id="confirm"), callback=confirmed
        )

    def _unsubscribed(self, feed: Feed) -> None:
        self.notify(f"Unsubscribed from {one_line(feed.title or feed.url)}", timeout=3, markup=False)
        self.load_feeds()

    def _highlighted(self) -> Feed | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.feeds.get(row_key.value or "")

    def action_back(self) -> None:
        """Back to the article list."""
        self.dismiss(None)
