"""A huge article in the article view: its beginning at once, the rest as the reader goes, memory held to what is shown."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from reader.store import Library
from reader.tui.app import ReaderApp
from reader.tui.screens import ArticleScreen, MainScreen
from reader.tui.widgets import ArticleBody, ArticleView
from reader.tui.widgets.article_body import PART_CHARS
from tests.builders import add_article
from tests.tui_helpers import SIZE, settle, until

pytestmark = pytest.mark.asyncio

HUGE_CHARS = 19_000_000


def huge_text(chars: int) -> str:
    """Paragraphs, each told apart by its number, up to ``chars`` characters."""
    words = [
        "le",
        "rapport",
        "annonce",
        "un",
        "plan",
        "pour",
        "les",
        "centres",
        "de",
        "données",
        "et",
        "l'énergie",
        "dans",
        "plusieurs",
        "régions",
    ]
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        number = len(paragraphs)
        paragraph = f"Paragraphe {number} : " + " ".join(words[(number + k) % len(words)] for k in range(50)) + "."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def huge_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """A library holding one article of 19 MB of text, and a short one: (its path, the huge id, the short id)."""
    db_path = tmp_path_factory.mktemp("huge") / "library.db"
    with Library(db_path) as library:
        huge = add_article(library, "Un rapport sans fin", huge_text(HUGE_CHARS), lang="fr")
        short = add_article(library, "Une brève", "Une brève de deux phrases. Rien de plus.", lang="fr")
    return db_path, huge, short


async def _open(app: ReaderApp, pilot, db_path: Path, article_id: int) -> ArticleScreen:
    with Library(db_path) as library:
        article = library.get_article(article_id, with_body=False)
    assert article is not None
    screen = ArticleScreen(db_path, article)
    await app.push_screen(screen)
    return screen


async def _held_by(app: ReaderApp, pilot, db_path: Path, article_id: int) -> tuple[ArticleScreen, int]:
    """The article screen opened on ``article_id``, and the bytes of memory it holds once shown."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        screen = await _open(app, pilot, db_path, article_id)
        await settle(pilot)
        return screen, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


async def test_a_huge_article_shows_its_beginning_holding_little_and_esc_goes_back(
    huge_library: tuple[Path, int, int],
) -> None:
    db_path, huge, short = huge_library
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _, screen_alone = await _held_by(app, pilot, db_path, short)
        app.pop_screen()
        await settle(pilot)
        screen, held = await _held_by(app, pilot, db_path, huge)
        body = screen.query_one(ArticleBody)
        assert body.reading is not None and body.reading.rest is not None
        shown = sum(len(block.plain) + 2 for block in body.reading.body.blocks)
        assert PART_CHARS // 2 < shown <= PART_CHARS
        assert body.reading.body.blocks[0].plain.startswith("Paragraphe 0 :")
        # What the body holds (its widgets and what they draw) grows with the part shown, not with the article.
        extra = held - screen_alone
        assert extra < 250 * shown < HUGE_CHARS // 5, f"{extra:,} bytes held for {shown:,} characters shown"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_escape_is_answered_while_a_huge_article_opens(huge_library: tuple[Path, int, int]) -> None:
    db_path, article_id, _ = huge_library
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(app, pilot, db_path, article_id)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_paging_through_a_huge_article_reads_the_next_part(huge_library: tuple[Path, int, int]) -> None:
    db_path, article_id, _ = huge_library
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(app, pilot, db_path, article_id)
        await settle(pilot)
        body = screen.query_one(ArticleBody)
        assert body.reading is not None and body.reading.rest is not None
        first_blocks, first_rest = len(body.reading.body.blocks), body.reading.rest.start
        view = screen.query_one(ArticleView)
        for _ in range(100):
            await pilot.press("pagedown")
            await settle(pilot)
            if len(body.reading.body.blocks) > first_blocks:
                break
        await until(pilot, lambda: len(body.children) == len(body.reading.body.blocks), what="the part shown")
        assert len(body.reading.body.blocks) > first_blocks and body.reading.rest.start > first_rest
        # The parts follow each other: paragraph numbers run on, none lost or doubled at the seam.
        numbers = [int(block.plain.split()[1]) for block in body.reading.body.blocks]
        assert numbers == list(range(len(numbers)))
        assert view.scroll_y > 0
