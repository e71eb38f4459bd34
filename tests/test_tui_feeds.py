"""The feeds screen, driven with Textual's Pilot against a real library and the local feed server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import DataTable, Input

from reader.store import Library
from reader.store.feeds import list_feeds, subscribe
from reader.tui.app import ReaderApp
from reader.tui.screens import Confirm, FeedsScreen, MainScreen
from reader.tui.widgets import StoryTree
from tests.builders import add_article
from tests.feed_server import FeedServer
from tests.tui_helpers import SIZE, notifications, settle

pytestmark = pytest.mark.asyncio


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


async def test_feeds_screen_shows_state_and_refreshes(server: FeedServer, db_path: Path) -> None:
    with Library(db_path) as library:
        add_article(library, "Already here", "Some body text.", published="2025-01-01")
        subscribe(library, server.url("/generated/40.xml"), title="Forty")
        subscribe(library, server.url("/status/404"), title="Gone")
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row_at(row)[0]) for row in range(table.row_count)] == ["Forty", "Gone"]
        assert [str(cell) for cell in table.get_row_at(0)[1:5]] == [server.url("/generated/40.xml"), "0", "0", "never"]

        await pilot.press("R")
        await settle(pilot)
        rows = {str(table.get_row_at(row)[0]): [str(cell) for cell in table.get_row_at(row)] for row in range(2)}
        assert rows["Generated feed 40"][2:4] == ["20", "20"]  # articles, unread
        assert rows["Generated feed 40"][5] == "0" and rows["Generated feed 40"][4] != "never"
        assert rows["Gone"][5] == "1" and rows["Gone"][6] == "HTTP 404 Not Found"

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.counts.total == 21


async def test_r_refreshes_the_feeds_from_the_main_screen(server: FeedServer, db_path: Path) -> None:
    with Library(db_path) as library:
        add_article(library, "Already here", "Some body text.", published="2025-01-01")
        subscribe(library, server.url("/generated/41.xml"), title="Forty-one")
        subscribe(library, server.url("/status/500"), title="Broken")
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one(StoryTree).story_count == 1
        await pilot.press("r")
        await settle(pilot)
        notes = notifications(app)
        assert any("2 feeds: 20 articles added, 0 updated, 1 failed" in note for note in notes)
        assert any("/status/500" in note for note in notes)
        assert app.screen.query_one(StoryTree).story_count > 1  # the new articles are listed
        assert app.screen.counts.total == 21


async def test_no_feeds_shows_how_to_subscribe(db_path: Path) -> None:
    with Library(db_path) as library:
        add_article(library, "Already here", "Some body text.", published="2025-01-01")
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert app.screen.has_class("-empty")


def feed_rows(screen: Screen[Any]) -> dict[str, list[str]]:
    table = screen.query_one(DataTable)
    return {
        str(table.get_row_at(row)[0]): [str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)
    }


async def test_one_feed_is_refreshed_renamed_opened_and_unsubscribed(server: FeedServer, db_path: Path) -> None:
    with Library(db_path) as library:
        add_article(library, "Already here", "Some body text.", published="2025-01-01")
        subscribe(library, server.url("/generated/42.xml"), title="Forty-two")
        subscribe(library, server.url("/generated/43.xml"), title="Forty-three")
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert list(feed_rows(screen)) == ["Forty-three", "Forty-two"]
        await pilot.press("r")  # the highlighted feed only
        await settle(pilot)
        rows = feed_rows(screen)
        assert rows["Generated feed 43"][2] == "20" and rows["Forty-two"][2] == "0"

        table = screen.query_one(DataTable)
        table.move_cursor(row=list(rows).index("Generated feed 43"))
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one(Input).value = "My feed"
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(feed_rows(screen)) == ["Forty-two", "My feed"]

        table.move_cursor(row=list(feed_rows(screen)).index("My feed"))
        await pilot.press("enter")  # open: the list shows this feed's stories
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        tree = app.screen.query_one(StoryTree)
        titles = [node.data.row.title for node in tree.root.children]
        assert titles and "Already here" not in titles and "My feed" in app.screen.sub_title

        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        screen.query_one(DataTable).move_cursor(row=list(feed_rows(screen)).index("My feed"))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert "My feed" in feed_rows(screen)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert list(feed_rows(screen)) == ["Forty-two"]
    with Library(db_path) as library:
        assert [feed.title for feed in list_feeds(library)] == ["Forty-two"]
        assert library.count_articles() == 21  # its articles stay
