"""The terminal interface, driven with Textual's Pilot against real library files in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from reader.models import ParsedDocument, RawInput
from reader.store import Library
from reader.tui.app import ReaderApp
from reader.tui.screens import ArticleScreen, HelpScreen, LibraryScreen
from reader.tui.widgets import ArticleDetails, ArticleTable
from reader.tui.widgets.article_body import BodyBlock
from reader.tui.widgets.article_table import UNREAD_MARK

pytestmark = pytest.mark.asyncio

SIZE = (120, 40)


def add(
    library: Library,
    title: str,
    markdown: str,
    *,
    published: str,
    source: str = "example.org",
    lang: str = "en",
    url: str | None = None,
) -> int:
    """Store an article directly (no parsing), as the ingest pipeline would."""
    return library.add_article(
        ParsedDocument(title=title, text=markdown, markdown=markdown, published=published, url=url),
        RawInput(data=f"{title}\n{markdown}".encode(), format="markdown", encoding="utf-8"),
        content_hash=f"{title}|{published}",
        lang=lang,
        source=source,
    )


@pytest.fixture
def small_library(db_path: Path) -> Path:
    """Three articles, the newest first once listed."""
    with Library(db_path) as library:
        add(library, "Oldest story", "The *old* body.", published="2025-01-01")
        add(
            library,
            "Middle story",
            "# Heading\n\nThe middle body mentions 65 milliards.",
            published="2025-01-15T10:00:00",
            source="lemonde.fr",
            lang="fr",
            url="https://www.lemonde.fr/x",
        )
        add(library, "Newest story", "The newest body text.", published="2025-02-01")
    return db_path


def rendered(widget: Widget) -> str:
    """What ``widget`` and everything inside it show on screen, as plain text."""
    lines: list[str] = []
    for node in [widget, *widget.query("*")]:
        if node.outer_size.area:
            lines += [strip.text for strip in node.render_lines(node.outer_size.region)]
    return "\n".join(lines)


def notifications(app: ReaderApp) -> list[str]:
    return [f"{note.title} {note.message}" for note in app._notifications]


async def settle(app: ReaderApp, pilot) -> None:
    """Let workers finish and their messages be handled."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_first_start_imports_the_sample_articles(db_path: Path) -> None:
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ArticleTable)
        assert table.row_count == 5
        assert any("Imported the 5 sample articles" in note for note in notifications(app))
        # Newest first, as the library lists them.
        with Library(db_path) as library:
            expected = [article.id for article in library.list_articles()]
        assert [int(row.value) for row in table.rows] == expected
        assert "Zuckerberg" in rendered(table)
        assert app.focused is table
        await pilot.press("j")
        assert table.cursor_row == 1
    with Library(db_path) as library:
        assert library.count_articles() == 5


async def test_a_library_with_articles_is_not_seeded_again(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ArticleTable)
        assert table.row_count == 3
        assert not any("sample" in note for note in notifications(app))
        text = rendered(table)
        assert text.index("Newest story") < text.index("Middle story") < text.index("Oldest story")
        assert "2025-01-15" in text and "lemonde.fr" in text and UNREAD_MARK in text
        assert "3 articles" in app.screen.sub_title


async def test_j_and_k_move_the_cursor_and_update_the_details(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ArticleTable)
        details = app.screen.query_one(ArticleDetails)
        assert table.cursor_row == 0
        await pilot.press("j")
        assert table.cursor_row == 1
        await settle(app, pilot)
        assert details.article is not None and details.article.title == "Middle story"
        assert "https://www.lemonde.fr/x" in rendered(details)
        await pilot.press("j", "j", "j")
        assert table.cursor_row == 2  # stops at the last row
        await pilot.press("k", "k")
        assert table.cursor_row == 0
        await pilot.press("down")
        assert table.cursor_row == 1


async def test_enter_opens_the_article_and_escape_returns(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        shown = rendered(screen)
        assert "Middle story" in shown
        assert "The middle body mentions 65 milliards." in shown
        assert "lemonde.fr" in shown and "FR" in shown
        assert "Heading" in shown and "# Heading" not in shown  # Markdown rendered, not raw

        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(ArticleTable)
        assert table.cursor_row == 1
        assert table.article_at_cursor().read
        assert not table.get_row_at(1)[0].plain  # the unread mark is gone
    with Library(small_library) as library:
        read = {article.title: article.read for article in library.list_articles()}
    assert read == {"Newest story": False, "Middle story": True, "Oldest story": False}


async def test_q_goes_back_from_an_article_then_quits(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.return_code is None  # still running
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_shift_j_and_k_read_the_next_and_previous_article(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.article.title == "Newest story"
        await pilot.press("J")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == "Middle story"
        assert "The middle body" in rendered(app.screen)
        await pilot.press("K")
        await settle(app, pilot)
        assert app.screen.article.title == "Newest story"


async def test_clicking_a_row_opens_it(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # Row 0 is the header; the third article is on line 3 of the table.
        assert await pilot.click(ArticleTable, offset=(40, 3))
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == "Oldest story"
        assert "The old body." in rendered(app.screen)


async def test_help_lists_the_bindings(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = rendered(app.screen)
        for line in (
            "j / ↓             Next article",
            "enter             Read the highlighted article",
            "esc / q           Back to the list",
            "?                 Show every key and what it does",
        ):
            assert line in shown
        assert "terminal news desk" in shown  # from assets/help.md
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_every_binding_has_an_id_and_a_description() -> None:
    from reader.tui import keys

    for _, bindings in keys.SECTIONS:
        for binding in bindings:
            assert binding.id and binding.tooltip and binding.description, binding
    ids = [binding.id for _, bindings in keys.SECTIONS for binding in bindings]
    assert len(ids) == len(set(ids))


async def test_markup_and_escapes_in_articles_are_shown_literally(db_path: Path) -> None:
    hostile = (
        "Before [bold red]boom[/] and [@click=app.quit]x[/] after.\x1b[2J\x1b[31m Still here.\n\n"
        "A [link](javascript:alert(1)) and `[b]code[/b]`."
    )
    with Library(db_path) as library:
        add(library, "Title [bold]not bold[/] \x1b[31mred", hostile, published="2025-03-01")
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        listed = rendered(app.screen.query_one(ArticleTable))
        assert "Title [bold]not bold[/] red" in listed
        assert "[bold]not bold[/]" in rendered(app.screen.query_one(ArticleDetails))

        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        shown = rendered(app.screen)
        assert "Title [bold]not bold[/] red" in shown
        assert "Before [bold red]boom[/] and [@click=app.quit]x[/] after. Still here." in shown
        assert "[b]code[/b]" in shown
        assert "\x1b" not in shown
        # Nothing on screen carries an action but the body's link (which the screen vets).
        actions = {
            segment.style.meta.get("@click")
            for node in app.screen.query("*")
            if node.outer_size.area
            for strip in node.render_lines(node.outer_size.region)
            for segment in strip
            if segment.style and segment.style.meta
        }
        assert not any("quit" in str(action) for action in actions)

        # Clicking the literal "[@click=app.quit]" text does nothing.
        paragraph = app.screen.query(BodyBlock).first()
        column = rendered(paragraph).index("[@click")
        await pilot.click(paragraph, offset=(column + 3, 0))
        await pilot.pause()
        assert app.return_code is None
        assert isinstance(app.screen, ArticleScreen)


async def test_the_list_loads_more_rows_as_the_user_scrolls(db_path: Path) -> None:
    with Library(db_path) as library, library.transaction():
        for number in range(1200):
            day = f"2024-{1 + number // 100:02d}-{1 + number % 28:02d}T{number % 24:02d}:00:00"
            add(library, f"Article {number:04d}", f"Body {number}.", published=day)
    page = LibraryScreen.PAGE_SIZE
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ArticleTable)
        assert table.row_count == page
        assert not table.exhausted
        assert "1,200 articles" in app.screen.sub_title

        # Moving the cursor to the end of what is loaded asks for the next page.
        await pilot.press("end")
        await settle(app, pilot)
        assert table.row_count == 2 * page

        # So does scrolling with the mouse wheel / scrollbar, cursor left behind.
        table.scroll_end(animate=False)
        await settle(app, pilot)
        assert table.row_count == 3 * page
        while not table.exhausted:
            table.scroll_end(animate=False)
            await settle(app, pilot)
        assert table.row_count == 1200
        ids = [int(row.value) for row in table.rows]
        assert len(set(ids)) == 1200
        with Library(db_path) as library:
            assert ids == [article.id for article in library.list_articles()]


async def test_u_and_s_save_read_and_starred(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("u", "j", "s")
        await settle(app, pilot)
        table = app.screen.query_one(ArticleTable)
        assert "★" in table.get_row_at(1)[0].plain
    with Library(small_library) as library:
        flags = {a.title: (a.read, a.starred) for a in library.list_articles()}
    assert flags == {
        "Newest story": (True, False),
        "Middle story": (False, True),
        "Oldest story": (False, False),
    }


async def test_an_empty_library_without_samples_says_how_to_add_articles(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    monkeypatch.setattr("reader.tui.screens.library.seeds_dir", lambda: empty)
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.has_class("-empty")
        assert "reader add PATH" in rendered(screen.query_one("#empty"))
        assert screen.query_one(ArticleTable).row_count == 0
        await pilot.press("enter", "j", "u", "s", "o")  # nothing to act on: nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_a_library_that_cannot_be_opened_is_reported(tmp_path: Path) -> None:
    not_a_db = tmp_path / "library.db"
    not_a_db.write_bytes(b"this is not a SQLite file" * 100)
    app = ReaderApp(not_a_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert any("Cannot open the library" in note for note in notifications(app))
        assert not app.screen.query_one(ArticleTable).loading
        assert app.screen.has_class("-empty")
        assert "Cannot open the library" in rendered(app.screen.query_one("#empty"))
