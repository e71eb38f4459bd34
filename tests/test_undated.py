"""Undated articles, one rule everywhere: no date shown, after every dated article or story, newest added first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reader.operations import import_paths
from reader.store import Library
from reader.stories import get_story
from reader.tui.app import ReaderApp
from reader.tui.screens.story import story_span
from reader.tui.widgets import StoryTree
from tests.builders import cli_json, run_cli
from tests.tui_helpers import SIZE, rendered, settle

BRIDGE = "La maire de Lyon, Grégory Doucet, a inauguré le pont Raymond-Barre sur le Rhône, réservé au tramway T6."
TODAY = date.today().isoformat()


@pytest.fixture
def undated_library(db_path: Path, tmp_path: Path) -> Path:
    """Two undated reports of one event (one story), and a dated article on another subject."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(f"Lyon inaugure le pont Raymond-Barre\n\n{BRIDGE}\n", encoding="utf-8")
    (inbox / "b.txt").write_text(f"Le pont Raymond-Barre inauguré à Lyon\n\n{BRIDGE}\n", encoding="utf-8")
    (inbox / "c.txt").write_text(
        "La BCE relève ses taux\n2024-03-02\n\nChristine Lagarde annonce à Francfort une hausse des taux.\n",
        encoding="utf-8",
    )
    with Library(db_path) as library:
        import_paths(library, [inbox])
    return db_path


def test_reader_stories_gives_a_story_of_undated_articles_no_date_and_lists_it_last(undated_library: Path) -> None:
    stories = cli_json("stories", "--json", db=undated_library)
    assert [story["size"] for story in stories] == [1, 2]
    assert stories[0]["first_seen"] == stories[0]["last_seen"] == "2024-03-02"
    assert stories[1]["first_seen"] is None and stories[1]["last_seen"] is None
    listed = run_cli("stories", db=undated_library).stdout.splitlines()
    assert "2024-03-02" in listed[0]
    assert TODAY not in listed[1] and "Raymond-Barre" in listed[1]
    shown = run_cli("story", str(stories[1]["id"]), db=undated_library).stdout
    assert shown.splitlines()[1] == "2 articles, undated"


def test_reader_list_shows_undated_articles_without_a_date_after_the_dated(undated_library: Path) -> None:
    listed = run_cli("list", db=undated_library).stdout.splitlines()
    assert "2024-03-02" in listed[0]
    assert all("Raymond-Barre" in line and TODAY not in line for line in listed[1:])
    assert [article["published"] for article in cli_json("list", "--json", db=undated_library)] == [
        "2024-03-02",
        None,
        None,
    ]


@pytest.mark.asyncio
async def test_the_tui_lists_the_undated_story_last_without_a_date(undated_library: Path) -> None:
    app = ReaderApp(undated_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = rendered(app.screen.query_one(StoryTree))
    first, second = shown.splitlines()[:2]
    assert "BCE" in first and "2024-03-02" in first
    assert "Lyon inaugure" in second
    assert TODAY not in shown
    with Library(undated_library) as library:
        story_id = library.db.execute("SELECT story_id FROM articles WHERE published IS NULL").fetchone()[0]
        story = get_story(library, story_id)
    assert story is not None and story_span(story) == "2 articles"
