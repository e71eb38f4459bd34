"""The keys of a morning's reading: everything in view read (and back), read stories hidden, the next unread
article from inside the article view, acting from the story and article views, removing an article, the sidebar."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.store import Library
from reader.stories.browse import StoryFilter, StoryRow, story_page
from reader.tui.app import ReaderApp
from reader.tui.screens import ArticleScreen, Confirm, MainScreen, StoryScreen
from reader.tui.widgets import Sidebar, StoryArticles, StoryTree
from tests.builders import add_article
from tests.tui_helpers import notifications, rendered, settle

pytestmark = pytest.mark.asyncio

SIZES = [(80, 24), (160, 45)]


def unread(db_path: Path) -> set[str]:
    with Library(db_path) as library:
        return {article.title for article in library.list_articles() if not article.read}


def tree_of(app: ReaderApp) -> StoryTree:
    return app.screen.query_one(StoryTree)


def app_row(app: ReaderApp) -> StoryRow:
    """The row of the list's first story."""
    return tree_of(app).root.children[0].data.row


@pytest.mark.parametrize("size", SIZES)
async def test_a_marks_everything_in_view_read_once_confirmed_and_u_right_after_undoes_it(
    seeded: Path, size: tuple[int, int]
) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")  # no: nothing changes
        await settle(pilot)
        assert len(unread(seeded)) == 5
        # In a search, "everything in view" is what the search finds.
        await pilot.press("slash", *"stargate", "enter")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        left = unread(seeded)
        assert 0 < len(left) < 5
        assert any("marked read (u to undo)" in note for note in notifications(app))
        await pilot.press("u")
        await settle(pilot)
        assert len(unread(seeded)) == 5
        await pilot.press("escape")  # back to the list, all of it
        await settle(pilot)
        await pilot.press("A", "y")
        await settle(pilot)
        assert unread(seeded) == set()
        assert all(not node.data.row.unread for node in tree_of(app).root.children)
        assert app.screen.counts.unread == 0
        await pilot.press("s")  # anything else in between: u has nothing to undo
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert unread(seeded) == set()
        assert any("Nothing to undo" in note for note in notifications(app))


async def test_h_hides_and_shows_read_stories(small_library_path: Path) -> None:
    app = ReaderApp(small_library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")  # the newest, read
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        titles = [node.data.row.title for node in tree_of(app).root.children]
        assert titles == ["Middle", "Oldest"] and "unread only" in app.screen.sub_title
        await pilot.press("H")
        await settle(pilot)
        assert [node.data.row.title for node in tree_of(app).root.children] == ["Newest", "Middle", "Oldest"]


@pytest.fixture
def small_library_path(db_path: Path) -> Path:
    with Library(db_path) as library:
        add_article(library, "Oldest", "The old body.", published="2025-01-01", url="https://example.org/old")
        add_article(library, "Middle", "The middle body.", published="2025-01-15")
        add_article(
            library, "Newest", "\n\n".join(["A long paragraph of the newest body."] * 80), published="2025-02-01"
        )
    return db_path


@pytest.mark.parametrize("size", SIZES)
async def test_space_pages_through_the_article_then_reads_the_next_unread_one(
    small_library_path: Path, size: tuple[int, int]
) -> None:
    with Library(small_library_path) as library:
        (middle,) = [article for article in library.list_articles() if article.title == "Middle"]
        library.set_flags(middle.id, read=True)
    app = ReaderApp(small_library_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.article.title == "Newest"
        pages = 0
        while app.screen is screen:
            await pilot.press("space")
            await settle(pilot)
            pages += 1
            assert pages < 100
        assert pages > 1  # it paged first
        assert isinstance(app.screen, ArticleScreen) and app.screen.article.title == "Oldest"  # Middle is read


async def test_next_unread_goes_into_a_story_not_unfolded_yet(seeded: Path) -> None:
    with Library(seeded) as library:
        add_article(library, "Quite another matter", "Nothing in common with the rest.", published="2026-01-01")
    app = ReaderApp(seeded)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        story = tree.root.children[1]
        assert story.data.row.size == 4 and not story.is_expanded
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.article.title == "Quite another matter"
        await pilot.press("space")  # a short text: at its end at once
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.story_id == story.data.row.story_id
        assert story.is_expanded and tree.cursor_node.parent is story


async def test_the_article_view_marks_unread_stars_and_tags(small_library_path: Path) -> None:
    app = ReaderApp(small_library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m", "s", "t")
        await settle(pilot)
        app.screen.query_one(Input).value = "morning, ia"
        await pilot.press("enter")
        await settle(pilot)
        assert "#ia #morning" in rendered(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        row = tree_of(app).root.children[0].data.row
        assert row.unread == 1 and row.starred and row.tags == ["ia", "morning"]
    with Library(small_library_path) as library:
        (newest,) = [article for article in library.list_articles() if article.title == "Newest"]
        assert not newest.read and newest.starred and newest.tags == ["ia", "morning"]


async def open_first_story(pilot: Pilot[None]) -> StoryArticles:
    """Open the first story of the list in the story view; its table of articles."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StoryScreen)
    return pilot.app.screen.query_one(StoryArticles)


async def test_the_story_view_marks_stars_and_tags_its_highlighted_article(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_first_story(pilot)
        await pilot.press("j", "m", "s", "t")
        await settle(pilot)
        app.screen.query_one(Input).value = "capex"
        await pilot.press("enter")
        await settle(pilot)
        marked = table.article_at_cursor()
        assert marked.read and marked.starred and marked.tags == ["capex"]
        assert table.get_row_at(1)[1].plain == " ★"
        assert table.get_row_at(0)[1].plain == "●"
        assert "…" in rendered(table)  # titles cut with an ellipsis at 80 columns
    with Library(seeded) as library:
        stored = library.get_article(marked.id)
        assert stored.read and stored.starred and stored.tags == ["capex"]


async def press_while_another_writer_holds(pilot: Pilot[None], db_path: Path, *keys: str) -> None:
    """Press ``keys`` while another connection holds the library's write lock, for a few turns of the app."""
    other_writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        other_writer.execute("BEGIN IMMEDIATE")
        await pilot.press(*keys)
        for _ in range(5):
            await pilot.pause(0.02)
        other_writer.execute("COMMIT")
    finally:
        other_writer.close()


@pytest.mark.parametrize("where", ["list", "article"])
async def test_d_removes_an_article_once_confirmed(small_library_path: Path, where: str) -> None:
    app = ReaderApp(small_library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if where == "article":
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm) and "Newest" in rendered(app.screen)
        await pilot.press("n")
        await settle(pilot)
        with Library(small_library_path) as library:
            assert library.count_articles() == 3
        # The list is read again once the removal is stored, not while it waits for another writer.
        await press_while_another_writer_holds(pilot, small_library_path, "d", "y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert [node.data.row.title for node in tree_of(app).root.children] == ["Middle", "Oldest"]
        assert any("1 article removed" in note for note in notifications(app))
    with Library(small_library_path) as library:
        assert library.count_articles() == 2


async def test_the_list_shows_what_the_story_view_changed_once_it_is_stored(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_first_story(pilot)
        assert not any(table.article_at_row(row).starred for row in range(table.row_count))
        await press_while_another_writer_holds(pilot, seeded, "s", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert tree_of(app).root.children[0].data.row.starred


async def test_d_in_an_article_of_the_story_view_removes_it_from_the_story(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_first_story(pilot)
        assert table.row_count == 4
        removed = table.article_at_cursor()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await press_while_another_writer_holds(pilot, seeded, "d", "y")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert table.row_count == 3
        assert removed.id not in {table.article_at_row(row).id for row in range(table.row_count)}
        await pilot.press("escape")  # the list's row of the story tells it as it is now
        await settle(pilot)
        with Library(seeded) as library:
            (story,) = [row for row in story_page(library, StoryFilter()) if row.story_id == app_row(app).story_id]
        assert app_row(app).size == story.size == 3 and app_row(app).title == story.title
        assert "3 articles" in rendered(tree_of(app))
    with Library(seeded) as library:
        assert library.count_articles() == 4


@pytest.mark.parametrize("size", SIZES)
async def test_the_sidebar_folds_away_under_100_columns_and_b_toggles_it(seeded: Path, size: tuple[int, int]) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(Sidebar)
        wide = size[0] >= 100
        assert sidebar.display == wide
        assert "Sidebar" in rendered(app.screen.query_one("Footer"))
        await pilot.press("b")
        await settle(pilot)
        assert sidebar.display == (not wide)
        await pilot.press("b")
        await settle(pilot)
        assert sidebar.display == wide
