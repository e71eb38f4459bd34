"""The feeds screen, driven with Textual's Pilot against a real library and the local feed server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from reader.store import Library
from reader.store.feeds import subscribe
from reader.tui.app import ReaderApp
from reader.tui.screens import FeedsScreen, MainScreen
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
        assert str(table.get_row_at(0)[1]) == "never"

        await pilot.press("R")
        await settle(pilot)
        rows = {str(table.get_row_at(row)[0]): [str(cell) for cell in table.get_row_at(row)] for row in range(2)}
        assert rows["Generated feed 40"][2] == "0" and rows["Generated feed 40"][1] != "never"
        assert rows["Gone"][2] == "1" and rows["Gone"][3] == "HTTP 404 Not Found"

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
