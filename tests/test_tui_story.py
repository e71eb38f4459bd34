"""The story view, driven with Pilot on the sample library: its articles, its figure comparison, reading from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import Library
from reader.stories import get_story, list_stories
from reader.tui.app import ReaderApp
from reader.tui.screens import ArticleScreen, StoryScreen
from reader.tui.widgets import FigureComparison
from reader.tui.widgets.figure_comparison import AGREED_MARK, DISPUTED_MARK, NOTHING_TO_COMPARE
from reader.tui.widgets.story_articles import StoryArticles
from tests.tui_helpers import SIZE, rendered, settle

pytestmark = pytest.mark.asyncio


def meta_story_id(db_path: Path) -> int:
    """The story of Meta's January 2025 capex plan (the seeds' story of four)."""
    with Library(db_path) as library:
        (story,) = [story for story in list_stories(library) if story.size == 4]
    return story.id


async def open_story(app: ReaderApp, pilot, db_path: Path, story_id: int) -> StoryScreen:
    await settle(pilot)
    screen = StoryScreen(db_path, story_id)
    await app.push_screen(screen)
    await settle(pilot)
    return screen


async def test_the_story_lists_its_four_articles_and_compares_their_figures(seeded: Path) -> None:
    story_id = meta_story_id(seeded)
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_story(app, pilot, seeded, story_id)
        shown = rendered(screen)
        assert "Zuckerberg dévoile un plan d’investissement de 65 milliards de dollars" in shown
        assert "4 articles · 2025-01 → 2025-01-28" in shown

        table = screen.query_one(StoryArticles)
        with Library(seeded) as library:
            story = get_story(library, story_id)
        assert [int(row.value) for row in table.rows] == [article.id for article in story.articles]
        rows = [[cell.plain for cell in table.get_row_at(index)] for index in range(table.row_count)]
        assert [row[0] for row in rows] == ["[1]", "[2]", "[3]", "[4]"]
        assert [row[3] for row in rows] == ["2025-01", "2025-01", "2025-01-28", ""]
        assert {row[4] for row in rows} == {"fr"}
        assert rows[2][5].startswith("Incroyable ! Mark Zuckerberg va dépenser") and rows[2][5].endswith("…")

        # Space scrolls the story (down to the comparison) while the list keeps the keyboard.
        scroller = screen.query_one("#story")
        await pilot.press("space")
        await settle(pilot)
        assert scroller.scroll_y > 0 and app.focused is table

        comparison = rendered(screen.query_one(FigureComparison))
        lines = [" ".join(line.split()) for line in comparison.splitlines()]
        assert f"{DISPUTED_MARK} Stargate · spending given in different currencies" in lines
        # Meta's plan: 62 billion euros is said by the third row only, 65 billion dollars by the others.
        plan = lines.index(f"{DISPUTED_MARK} Meta · spending · 2025 given in different currencies")
        assert lines[plan + 1 : plan + 4] == ["├ 60–65 bn USD [4]", "├ 62 bn EUR [3]", "└ 65 bn USD [1] [2] [4]"]
        assert f"{AGREED_MARK} Meta · data center" in lines


async def test_disputed_facts_are_coloured_apart(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_story(app, pilot, seeded, meta_story_id(seeded))
        comparison = screen.query_one(FigureComparison)
        disputed = comparison.get_visual_style("figure-comparison--disputed").rich_style
        agreed = comparison.get_visual_style("figure-comparison--agreed").rich_style
        assert disputed.color != agreed.color
        styles = {
            segment.style.color
            for strip in comparison.render_lines(comparison.size.region)
            for segment in strip
            if "different currencies" in segment.text or DISPUTED_MARK in segment.text
        }
        assert styles == {disputed.color}


async def test_enter_reads_an_article_of_the_story_and_marks_it_read(seeded: Path) -> None:
    story_id = meta_story_id(seeded)
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_story(app, pilot, seeded, story_id)
        table = screen.query_one(StoryArticles)
        assert app.focused is table
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title.startswith("Incroyable !")
        assert "62 milliards d'euros" in rendered(app.screen)

        # J reads the next article of the story, K the previous one.
        await pilot.press("J")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article.title.startswith("Zuckerberg dévoile")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert table.cursor_row == 3
        assert table.get_row_at(2)[1].plain == "" and table.get_row_at(0)[1].plain != ""
    with Library(seeded) as library:
        story = get_story(library, story_id)
    assert [article.read for article in story.articles] == [False, False, True, True]


async def test_a_story_with_nothing_to_compare_says_so(seeded: Path) -> None:
    with Library(seeded) as library:
        (single,) = [story for story in list_stories(library) if story.size == 1]
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_story(app, pilot, seeded, single.id)
        assert NOTHING_TO_COMPARE in rendered(screen.query_one(FigureComparison))
        assert screen.query_one(StoryArticles).row_count == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen


async def test_a_story_that_is_gone_is_reported(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_story(app, pilot, seeded, 9999)
        assert "This story is no longer in the library." in rendered(screen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
