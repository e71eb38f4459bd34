"""Snapshots of the reading views at a fixed size, in a dark and a light theme.

Review the SVG diff (``pytest --snapshot-report``) before accepting a change
with ``--snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.models import ParsedDocument, RawInput
from reader.operations import import_paths, store_document
from reader.store import Library
from reader.store.tags import tag_articles
from reader.stories import list_stories
from reader.tui.app import ReaderApp
from reader.tui.screens import ArticleScreen, StoryScreen
from tests.builders import SEEDS
from tests.tui_helpers import settle

SNAPSHOT_SIZE = (120, 36)
NARROW = (80, 24)
THEMES = ["textual-dark", "textual-light"]


@pytest.fixture
def sample(db_path: Path) -> tuple[Path, int]:
    """The sample library and the id of its story of four articles."""
    with Library(db_path) as library:
        import_paths(library, [SEEDS])
        (story,) = [story for story in list_stories(library) if story.size == 4]
    return db_path, story.id


@pytest.fixture
def web_article(tmp_path: Path) -> tuple[Path, int]:
    """A library holding the first sample's text as an article from the web (a file's path would vary)."""
    db_path = tmp_path / "web.db"
    with Library(db_path) as library:
        import_paths(library, [SEEDS / "000_e3d4b392c949e465.txt"])
        (first,) = library.list_articles()
        first = library.get_article(first.id)
        document = ParsedDocument(
            title=first.title,
            text=first.text,
            markdown=first.markdown,
            published="2025-01-24T16:30:00",
            author="Rédaction",
            url="https://www.example.org/meta-capex-2025",
        )
        _, article_id = store_document(library, document, RawInput(first.markdown.encode(), "markdown", "utf-8"))
        library.remove_articles([first.id])
        tag_articles(library, [article_id], ["ia", "capex"])
    return db_path, article_id


def showing(screen_factory, theme: str, keys: tuple[str, ...] = ()):
    """A ``run_before`` that sets the theme, pushes a screen, waits for its workers and presses ``keys``."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        await settle(pilot)
        app.theme = theme
        await app.push_screen(screen_factory())
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_article_with_figures_lit_up(snap_compare, web_article, theme: str) -> None:
    db_path, article_id = web_article
    with Library(db_path) as library:
        article = library.get_article(article_id, with_body=False)
    run_before = showing(lambda: ArticleScreen(db_path, article, query="Llama"), theme, ("n", "n"))
    assert snap_compare(ReaderApp(db_path), terminal_size=SNAPSHOT_SIZE, run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_article_with_the_figures_table(snap_compare, web_article, theme: str) -> None:
    db_path, article_id = web_article
    with Library(db_path) as library:
        article = library.get_article(article_id, with_body=False)
    run_before = showing(lambda: ArticleScreen(db_path, article), theme, ("f", "j", "j", "j", "enter"))
    assert snap_compare(ReaderApp(db_path), terminal_size=SNAPSHOT_SIZE, run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_story(snap_compare, sample, theme: str) -> None:
    db_path, story_id = sample
    run_before = showing(lambda: StoryScreen(db_path, story_id), theme)
    assert snap_compare(ReaderApp(db_path), terminal_size=SNAPSHOT_SIZE, run_before=run_before)


def test_article_with_the_figures_table_at_80_columns(snap_compare, web_article) -> None:
    db_path, article_id = web_article
    with Library(db_path) as library:
        article = library.get_article(article_id, with_body=False)
    run_before = showing(lambda: ArticleScreen(db_path, article), "textual-dark", ("f", "j", "j"))
    assert snap_compare(ReaderApp(db_path), terminal_size=NARROW, run_before=run_before)


def test_story_at_80_columns(snap_compare, sample) -> None:
    db_path, story_id = sample
    run_before = showing(lambda: StoryScreen(db_path, story_id), "textual-dark")
    assert snap_compare(ReaderApp(db_path), terminal_size=NARROW, run_before=run_before)
