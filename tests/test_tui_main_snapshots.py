"""Snapshots of the main screen and of search results, in a dark and a light theme, at a fixed size.

The library is the bundled samples stored without their file paths (their
story tagged, a saved search beside them), so
nothing on screen depends on where the project is checked out or when the
test runs. Review an SVG diff before ``--snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.ingest.inputs import parse_input
from reader.operations import store_document
from reader.search.saved import save_search
from reader.store import Library
from reader.store.tags import tag_story
from reader.stories import list_stories
from reader.tui.app import ReaderApp
from reader.tui.widgets import Preview
from tests.builders import SEEDS
from tests.tui_helpers import settle, until

SNAPSHOT_SIZE = (120, 36)
NARROW = (80, 24)
THEMES = ["textual-dark", "textual-light"]


@pytest.fixture
def samples(db_path: Path) -> Path:
    with Library(db_path) as library:
        for path in sorted(SEEDS.glob("*.txt")):
            document, raw = parse_input(path.read_bytes(), path)
            store_document(library, document, raw, fallback_source="seeds")
        (story,) = [story for story in list_stories(library) if story.size == 4]
        tag_story(library, story.id, ["ia/capex"])
        save_search(library, "Stargate", "stargate")
    return db_path


def settled(theme: str, *keys: str):
    """A ``run_before`` that sets the theme, waits for the list, presses ``keys`` and waits again, until the
    preview shows the lead of the highlighted row (a worker of its own, started once the cursor rests)."""

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        preview = pilot.app.screen.query_one(Preview)
        await until(pilot, lambda: preview.lead_loaded, what="the preview's lead")
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_main_screen(snap_compare, samples: Path, theme: str) -> None:
    assert snap_compare(ReaderApp(samples), terminal_size=SNAPSHOT_SIZE, run_before=settled(theme, "space", "j"))


@pytest.mark.parametrize("theme", THEMES)
def test_search_results(snap_compare, samples: Path, theme: str) -> None:
    assert snap_compare(
        ReaderApp(samples), terminal_size=SNAPSHOT_SIZE, run_before=settled(theme, "slash", *"gpu", "enter")
    )


def test_main_screen_at_80_columns(snap_compare, samples: Path) -> None:
    assert snap_compare(ReaderApp(samples), terminal_size=NARROW, run_before=settled("textual-dark", "space", "j"))
