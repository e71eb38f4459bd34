"""The TUI's work off the UI thread: writes stored in order, one feed refresh at a time, one connection per thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.store import Library
from reader.store.feeds import subscribe
from reader.tui import work
from reader.tui.app import ReaderApp
from reader.tui.changes import Change
from reader.tui.screens import FeedsScreen
from tests.builders import add_article
from tests.feed_server import FeedServer
from tests.tui_helpers import SIZE, notifications, settle, until

pytestmark = pytest.mark.asyncio


@pytest.fixture
def two_articles(db_path: Path) -> Path:
    with Library(db_path) as library:
        add_article(library, "Older", "The older body.", published="2025-01-01")
        add_article(library, "Newer", "The newer body.", published="2025-02-01")
    return db_path


def starred(db_path: Path) -> dict[str, bool]:
    with Library(db_path) as library:
        return {article.title: article.starred for article in library.list_articles()}


async def test_two_quick_toggles_are_stored_in_the_order_they_were_made(
    two_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first write is held back until the second was asked for: the second must still wait for it.
    store, held, release, stored = Change.store, threading.Event(), threading.Event(), []

    def held_first(change: Change, library: Library) -> list[int]:
        if not held.is_set():
            held.set()
            release.wait()
        stored.append(change.starred)
        return store(change, library)

    monkeypatch.setattr(Change, "store", held_first)
    app = ReaderApp(two_articles)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        try:
            await pilot.press("s")
            await until(pilot, held.is_set, what="the star is being stored")
            await pilot.press("s")
            await pilot.pause()
        finally:
            release.set()
        await settle(pilot)
        assert stored == [True, False]
    assert starred(two_articles) == {"Older": False, "Newer": False}


async def test_only_one_refresh_runs_wherever_it_was_started(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.operations

    with FeedServer() as server, Library(db_path) as library:
        add_article(library, "Already here", "Some body text.", published="2025-01-01")
        subscribe(library, server.url("/generated/3.xml"), title="Three")
    real, started, release, runs = reader.operations.refresh_feeds, threading.Event(), threading.Event(), []

    def held_refresh(*args, **kwargs):
        runs.append(1)
        started.set()
        release.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(reader.operations, "refresh_feeds", held_refresh)
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        try:
            await pilot.press("r")
            await until(pilot, started.is_set, what="the refresh started")
            await pilot.press("r")  # again from the list
            await pilot.press("f")
            await until(pilot, lambda: isinstance(app.screen, FeedsScreen), what="the feeds screen")
            await pilot.press("R")  # and from the feeds screen
            app.feed_refresh.every()  # and the clock
            await pilot.pause()
        finally:
            release.set()
        await settle(pilot)
        assert len(runs) == 1
        assert sum("being refreshed already" in note for note in notifications(app)) == 2
        assert any("Feeds refreshed" in note for note in notifications(app))
        assert not app.feed_refresh.running
        assert app.feed_refresh.start()  # once it ended, another may run
        await settle(pilot)
        assert len(runs) == 2


async def test_each_worker_thread_opens_the_library_once(two_articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[int] = []

    class Counted(Library):
        def __init__(self, path: str | Path) -> None:
            opened.append(threading.get_ident())
            super().__init__(path)

    monkeypatch.setattr(work, "Library", Counted)
    app = ReaderApp(two_articles)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in "jkjkjksms":  # pages, counts, previews and writes, each in a worker
            await pilot.press(key)
            await settle(pilot)
    assert opened and len(opened) == len(set(opened))


@pytest.mark.parametrize(
    ("setting", "period"), [("", 30 * 60), ("refresh_minutes = 5\n", 5 * 60), ("refresh_minutes = 0\n", None)]
)
async def test_the_open_app_refreshes_the_feeds_as_often_as_the_config_says(
    two_articles: Path, setting: str, period: float | None
) -> None:
    from reader.paths import config_path

    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(setting, encoding="utf-8")
    app = ReaderApp(two_articles)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        timer = app._refresh_timer
        assert (timer._interval if timer is not None else None) == period
        if timer is not None:
            assert timer._callback == app.feed_refresh.every
