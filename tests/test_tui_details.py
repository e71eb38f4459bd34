"""The details a daily reader trips on, at 80x24 and 160x45: search results and their counts, marks, the
preview, the sidebar's counts, the article header, the layout at each width, screenshots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.store import Library
from reader.tui.app import ReaderApp
from reader.tui.screens import ArticleScreen, StoryScreen
from reader.tui.text import STAR_MARK, UNREAD_MARK
from reader.tui.widgets import FiguresTable, Preview, SearchBar, Sidebar, StoryTree
from tests.builders import add_article
from tests.tui_helpers import notifications, rendered, settle

pytestmark = pytest.mark.asyncio

SIZES = [(80, 24), (160, 45)]


def tree_of(app: ReaderApp) -> StoryTree:
    return app.screen.query_one(StoryTree)


async def search_for(pilot, query: str) -> None:
    await pilot.press("slash")
    await settle(pilot)
    pilot.app.screen.query_one("#search-input", Input).value = query
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("query", ['"', "AND ("])
async def test_a_query_with_nothing_to_search_for_clears_the_results(seeded: Path, size, query: str) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search_for(pilot, "gpu")
        assert tree_of(app).story_count > 0
        await search_for(pilot, query)
        assert tree_of(app).story_count == 0
        assert app.screen.has_class("-empty") and "Nothing to search for" in rendered(app.screen.query_one("#empty"))
        assert app.screen.query_one(SearchBar).has_class("-error")


async def test_search_counts_read_as_english(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await search_for(pilot, "title:incroyable")
        status = rendered(app.screen.query_one("#search-status"))
        assert "1 article matches" in status
        monkeypatch.setattr(SearchBar, "LIMIT", 1)
        await search_for(pilot, "meta")
        status = rendered(app.screen.query_one("#search-status"))
        assert re.search(r"\b\d articles match, best 1 story\b", status), status


async def test_a_tag_given_to_a_story_is_counted_once(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one(Input).value = "ia"
        await pilot.press("enter")
        await settle(pilot)
        assert any("1 tag added to 4 articles" in note for note in notifications(app))


@pytest.mark.parametrize("size", SIZES)
async def test_a_story_in_search_results_is_shown_whole_and_opens_as_in_the_list(seeded: Path, size) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search_for(pilot, "zuckerberg")
        await pilot.press("enter")  # to the results
        await settle(pilot)
        tree = tree_of(app)
        assert tree.entry.row.size == 4
        assert "4 articles" in rendered(tree).splitlines()[0] and "1 source" not in rendered(tree)
        preview = app.screen.query_one(Preview)
        assert "4 unread" in rendered(preview)
        await pilot.press("m")  # the best match, read
        await settle(pilot)
        assert "3 unread" in rendered(preview)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen) and app.screen.story_id == tree.entry.row.story_id


@pytest.mark.parametrize("size", SIZES)
async def test_a_starred_unread_story_shows_both_marks(seeded: Path, size) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        first = rendered(tree_of(app)).splitlines()[0]
        assert f"{UNREAD_MARK}{STAR_MARK}" in first
        await pilot.press("m")
        await settle(pilot)
        first = rendered(tree_of(app)).splitlines()[0]
        assert UNREAD_MARK not in first and STAR_MARK in first


async def test_the_preview_keeps_its_lead_after_m(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        preview = app.screen.query_one(Preview)
        lead = [line.strip() for line in rendered(preview).splitlines() if line.strip() and "▔" not in line][-1]
        assert preview.lead_loaded and len(lead) > 20
        await pilot.press("m")
        await settle(pilot)
        assert lead in rendered(preview)
        await pilot.press("m")
        assert lead in rendered(preview)  # at once, not once read again


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_source_name_is_cut_and_never_glued_to_its_count(db_path: Path, size) -> None:
    with Library(db_path) as library:
        for number in range(12):
            add_article(library, f"Story {number}", f"Body {number}.", source="www.francetvinfo-regions.fr")
    app = ReaderApp(db_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if size[0] < 100:
            await pilot.press("b")
            await settle(pilot)
        lines = rendered(app.screen.query_one(Sidebar)).splitlines()
        (line,) = [line for line in lines if "francetvinfo" in line]
        assert re.search(r"… 12\b", line), line


async def test_the_article_header_never_ends_in_a_separator(db_path: Path) -> None:
    with Library(db_path) as library:
        add_article(
            library,
            "A title",
            "The body.",
            published="2025-01-28",
            source="lemonde.fr",
            url="https://www.lemonde.fr/economie/article/2025/01/28/a-very-long-address-that-fills-the-line_1234567_3234.html",
        )
    app = ReaderApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        header = rendered(app.screen.query_one("#article-meta"))
        assert "lemonde.fr" in header and "2025-01-28" in header
        assert not any(line.rstrip().endswith("·") for line in header.splitlines())


@pytest.mark.parametrize("size", SIZES)
async def test_the_list_gives_titles_the_width_left_and_drops_columns_that_do_not_fit(seeded: Path, size) -> None:
    with Library(seeded) as library:
        (story,) = {article.story_id for article in library.list_articles() if article.title.startswith("Incroyable")}
        from reader.store.tags import tag_story

        tag_story(library, story, ["ia/capex", "meta", "investissements"])
    app = ReaderApp(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        first = rendered(tree).splitlines()[0].rstrip()
        assert first.endswith("2025-01-28") and "4 articles" in first
        assert "…" in first and "   4 articles" not in first  # the title runs up to the columns
        assert ("#ia/capex" in first) == (size[0] >= 100)  # tags go first when the width is short
        footer = rendered(app.screen.query_one("ReaderFooter"))
        assert "? Help" in footer or "?Help" in footer.replace(" ", "")


async def test_a_resize_lays_the_screen_out_again_at_once(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(Sidebar).display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not app.screen.query_one(Sidebar).display
        first = rendered(tree_of(app)).splitlines()[0].rstrip()
        assert len(first) <= 80 and first.endswith("2025-01-28")


async def test_the_figures_table_keeps_unit_and_qualifier_at_80_columns(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("space", "j", "enter")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        table = app.screen.query_one(FiguresTable)
        labels = [str(column.label) for column in table.ordered_columns]
        assert "Unit" in labels and "Qualifier" in labels
        shown = rendered(table)
        assert "GW" in shown or "USD" in shown or "EUR" in shown


async def test_a_screenshot_is_saved_when_the_downloads_folder_does_not_exist(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = tmp_path / "home" / "Downloads"
    monkeypatch.setattr("reader.tui.app.user_downloads_path", lambda: downloads)
    app = ReaderApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.deliver_screenshot()
        await settle(pilot)
        for _ in range(50):
            if any("Saved screenshot" in note for note in notifications(app)):
                break
            await pilot.pause()
        assert any("Saved screenshot" in note and str(downloads) in note for note in notifications(app))
    assert [path.suffix for path in downloads.iterdir()] == [".svg"]
