"""The main screen, driven with Textual's Pilot against real library files in tmp_path."""

from __future__ import annotations

import stat
import threading
import webbrowser
from hashlib import sha1
from pathlib import Path

import pytest
from textual import events
from textual.command import Command, CommandList
from textual.pilot import Pilot
from textual.widgets import Footer, Input, ProgressBar

from reader.search import count
from reader.search.saved import save_search
from reader.store import Library
from reader.store.feeds import list_feeds
from reader.stories.browse import LibraryCounts, library_counts, story_lead
from reader.tui.app import ReaderApp
from reader.tui.screens import ArticleScreen, HelpScreen, MainScreen, Prompt, StoryScreen
from reader.tui.text import UNREAD_MARK
from reader.tui.widgets import Preview, SearchBar, Sidebar, StoryTree
from reader.tui.widgets.article_body import BodyBlock
from reader.tui.widgets.story_tree import (
    ArticleEntry,
    HitEntry,
    SnippetEntry,
    StoryEntry,
)
from tests.builders import FIXTURE_FEEDS, add_article
from tests.tui_helpers import SIZE, notifications, rendered, settle, until

pytestmark = pytest.mark.asyncio


async def import_from_prompt(pilot: Pilot[None], value: str) -> None:
    """Open the import prompt (``a``), give it ``value`` and wait for the import to end."""
    await pilot.press("a")
    await settle(pilot)
    pilot.app.screen.query_one(Input).value = value
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def small_library(db_path: Path) -> Path:
    """Three articles of no story, the newest first once listed."""
    with Library(db_path) as library:
        add_article(library, "Oldest story", "The *old* body.", published="2025-01-01", url="javascript:alert(1)")
        add_article(
            library,
            "Middle story",
            "# Heading\n\nThe middle body mentions 65 milliards.",
            published="2025-01-15T10:00:00",
            source="lemonde.fr",
            lang="fr",
            url="https://www.lemonde.fr/x",
        )
        add_article(library, "Newest story", "The newest body text.", published="2025-02-01")
    return db_path


def highlighted_command(app: ReaderApp) -> str:
    """The command highlighted in the open command palette ('' if none)."""
    option = app.screen.query_one(CommandList).highlighted_option
    return (option.hit.text or "") if isinstance(option, Command) else ""


def tree_of(app: ReaderApp) -> StoryTree:
    return app.screen.query_one(StoryTree)


def articles_by_title(db_path: Path) -> dict[str, object]:
    with Library(db_path) as library:
        return {article.title: article for article in library.list_articles()}


async def test_first_start_imports_the_samples_and_lists_stories(db_path: Path) -> None:
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        assert any("Imported the 5 sample articles" in note for note in notifications(app))
        assert tree.story_count == 2
        story = tree.root.children[0].data
        assert isinstance(story, StoryEntry) and story.row.size == 4
        shown = rendered(tree)
        assert "Zuckerberg dévoile un plan" in shown and "4 articles" in shown and "2025-01-28" in shown
        assert UNREAD_MARK in shown
        assert app.focused is tree
        # The counts come after the list, in the sidebar.
        sidebar = rendered(app.screen.query_one(Sidebar))
        assert "All" in sidebar and "5" in sidebar and "seeds" in sidebar
        assert "Saved searches" not in sidebar  # until there is one
        assert "Zuckerberg" in rendered(app.screen.query_one(Preview))
    with Library(db_path) as library:
        assert library.count_articles() == 5


async def test_articles_left_in_no_story_are_grouped_when_the_app_opens_the_library(seeded: Path) -> None:
    with Library(seeded) as library, library.transaction():
        library.db.execute("UPDATE articles SET story_id = NULL")
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        assert tree.story_count == 2
        assert sorted(entry.data.row.size for entry in tree.root.children) == [1, 4]
    with Library(seeded) as library:
        assert library.db.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0


async def test_j_and_k_move_and_the_preview_follows(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        text = rendered(tree)
        assert text.index("Newest story") < text.index("Middle story") < text.index("Oldest story")
        await pilot.press("j")
        await settle(pilot)
        preview = rendered(app.screen.query_one(Preview))
        assert "Middle story" in preview and "https://www.lemonde.fr/x" in preview
        assert "The middle body mentions 65 milliards." in preview or "Heading" in preview  # the lead
        await pilot.press("j", "j", "j")
        assert tree.cursor_line == 2  # stops at the last row
        await pilot.press("k", "k")
        assert tree.cursor_line == 0


async def test_a_story_expands_to_its_articles_and_enter_opens_one(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        await pilot.press("space")
        await settle(pilot)
        story = tree.root.children[0]
        assert story.is_expanded and len(story.children) == 4
        assert all(isinstance(child.data, ArticleEntry) for child in story.children)
        assert "Incroyable ! Mark Zuckerberg" in rendered(tree)
        await pilot.press("left")
        assert not story.is_expanded
        await pilot.press("right")
        await settle(pilot)
        assert story.is_expanded
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        opened = app.screen.article
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert tree.entry.article.read
        # Enter on a story of several shows the story; back from it, its row shows what was read there.
        await pilot.press("g", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen) and app.screen.story_id == story.data.row.story_id
        await pilot.press("enter")  # its first article
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and story.is_expanded
        read_now = {article.id for article in articles_by_title(seeded).values() if article.read}
        assert opened.id in read_now and len(read_now) == 2
        assert story.data.row.unread == 2
        assert {child.data.article.id for child in story.children if child.data.article.read} == read_now


async def test_enter_on_a_single_article_opens_it_and_shift_j_k_read_the_next_and_previous(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == "Newest story"
        await pilot.press("J")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == "Middle story"
        assert "The middle body" in rendered(app.screen)
        await pilot.press("K")
        await settle(pilot)
        assert app.screen.article.title == "Newest story"
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.return_code is None
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_mouse_picks_filters_expands_and_opens(seeded: Path) -> None:
    with Library(seeded) as library:
        add_article(library, "From elsewhere", "Body.", published="2025-03-01", source="other.org")
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        assert tree.story_count == 3
        sidebar = app.screen.query_one(Sidebar)
        line = (
            rendered(sidebar)
            .splitlines()
            .index(next(row for row in rendered(sidebar).splitlines() if "other.org" in row))
        )
        assert await pilot.click(Sidebar, offset=(3, line))
        await settle(pilot)
        assert [node.data.row.title for node in tree.root.children] == ["From elsewhere"]

        assert await pilot.click(Sidebar, offset=(3, 0))  # All
        await settle(pilot)
        assert tree.story_count == 3
        # The story of four is the second row: a click on its toggle mark expands it.
        assert await pilot.click(StoryTree, offset=(0, 1))
        await settle(pilot)
        assert tree.root.children[1].is_expanded
        assert await pilot.click(StoryTree, offset=(0, 1))
        assert not tree.root.children[1].is_expanded
        assert await pilot.click(StoryTree, offset=(0, 1))
        assert tree.root.children[1].is_expanded
        # A click highlights an article; a second click opens it.
        assert await pilot.click(StoryTree, offset=(20, 2))
        await settle(pilot)
        assert isinstance(tree.entry, ArticleEntry)
        assert await pilot.click(StoryTree, offset=(20, 2))
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)


async def test_sidebar_filters_starred_and_tags(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        await pilot.press("j", "s")  # star the lone article
        await settle(pilot)
        sidebar = app.screen.query_one(Sidebar)
        sidebar.focus()
        await pilot.press("j", "j", "enter")  # All, Unread, Starred
        await settle(pilot)
        assert app.focused is tree
        assert [node.data.row.size for node in tree.root.children] == [1]
        assert "Starred" in app.screen.sub_title
        assert rendered(sidebar).splitlines()[2].split()[:2] == ["Starred", "1"]


async def test_saved_searches_show_their_unread_articles_in_the_sidebar_and_filter_the_list(
    seeded: Path,
) -> None:
    with Library(seeded) as library:
        save_search(library, "Stargate", "stargate")
        stargate = count(library, "stargate")
    assert stargate > 1
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(Sidebar)
        lines = [line.split() for line in rendered(sidebar).splitlines()]
        heading = next(number for number, words in enumerate(lines) if words[:2] == ["Saved", "searches"])
        assert lines[heading + 1][:2] == ["Stargate", str(stargate)]
        sidebar.focus()
        sidebar.highlighted = heading + 1
        await pilot.press("enter")
        await settle(pilot)
        tree = tree_of(app)
        assert [node.data.row.size for node in tree.root.children] == [4]  # the January story tells of Stargate
        # Reading one of them brings the count down, live.
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        lines = [line.split() for line in rendered(sidebar).splitlines()]
        assert lines[heading + 1][:2] == ["Stargate", str(stargate - 1)]


async def test_search_as_you_type_with_snippets_and_steps(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"gpu")
        await settle(pilot)
        results = [node.data for node in tree.root.children]
        assert results and all(isinstance(result, HitEntry) for result in results)
        snippet = tree.root.children[0].children[0].data
        assert isinstance(snippet, SnippetEntry) and snippet.hit.snippet.marks
        assert "GPU" in rendered(tree)
        assert "**" not in rendered(tree)  # marks are styles, not markers
        status = rendered(app.screen.query_one("#search-status"))
        assert "match" in status
        await pilot.press("enter")  # to the results
        assert app.focused is tree
        await pilot.press("n")
        assert tree.cursor_node is tree.root.children[min(1, len(results) - 1)]
        await pilot.press("N")
        assert tree.cursor_node is tree.root.children[0]
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.searching
        assert all(isinstance(node.data, StoryEntry) for node in tree.root.children)
        assert tree.story_count == 2


async def test_a_typo_gets_a_suggestion_that_tab_accepts(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Zuckerburg")
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        assert "did you mean zuckerberg?" in rendered(bar)
        await pilot.press("tab")
        await settle(pilot)
        assert bar.value == "zuckerberg"
        assert tree_of(app).story_count >= 1
        assert "did you mean" not in rendered(bar)


async def test_hostile_queries_never_break_the_search(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        for query in ('"AND (', "((", "after:soon", 'NEAR(meta "', "*", "[bold]x[/]"):
            app.screen.query_one(SearchBar).value = query
            await settle(pilot)
            assert isinstance(app.screen, MainScreen) and app.screen.searching
        # A query that means nothing says why, inline.
        app.screen.query_one(SearchBar).value = "(("
        await settle(pilot)
        assert app.screen.query_one(SearchBar).has_class("-error")
        assert rendered(app.screen.query_one("#search-status")).strip()


async def test_a_pasted_runaway_query_is_searched_cut_and_says_so(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.screen.query_one(SearchBar).value = "meta " * 3000
        await settle(pilot)
        status = " ".join(rendered(app.screen.query_one("#search-status")).split())
        assert "articles match" in status and "query cut to 1,000 characters, 64 terms" in status
        assert tree_of(app).root.children


async def test_only_the_last_query_typed_is_shown(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"gpu")
        await pilot.press(*["backspace"] * 3, *"investiture")
        await settle(pilot)
        titles = [node.data.hit.article.title for node in tree_of(app).root.children]
        assert titles and all("investiture" in title for title in titles)


async def test_the_preview_follows_when_a_new_list_replaces_the_old_one(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree, preview = tree_of(app), app.screen.query_one(Preview)
        assert tree.cursor_line == 0 and "4 articles" in rendered(preview)  # the story of four
        # The results take the first line the story had: the preview shows the result, not the story.
        await pilot.press("slash")
        app.screen.query_one(SearchBar).value = "gpu"
        await settle(pilot)
        hit = tree.entry
        assert isinstance(hit, HitEntry) and tree.cursor_line == 0
        with Library(seeded) as library:
            lead = story_lead(library.get_article(hit.hit.article.id).text)
        shown = " ".join(rendered(preview).split())
        # The result's own headline and lead, with its story's counts.
        assert " ".join(hit.hit.article.title.split())[:40] in shown and " ".join(lead.split())[:60] in shown
        # Back to the list: the story again.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(tree.entry, StoryEntry) and "4 articles" in rendered(preview)


async def test_t_edits_the_tags_of_an_article_and_of_a_story(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = "ia, capex"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        tagged = articles_by_title(seeded)
        assert sum(article.tags == ["capex", "ia"] for article in tagged.values()) == 4
        assert "#capex #ia" in rendered(tree_of(app))

        # The lone article: the prompt completes existing tags.
        await pilot.press("j", "t")
        await settle(pilot)
        await pilot.press("c")
        await until(pilot, lambda: "capex" in rendered(app.screen.query_one(Input)), what="the prompt suggests capex")
        await pilot.press("right", "enter")
        await settle(pilot)
        lone = [article for article in articles_by_title(seeded).values() if article.published is None]
        assert [
            article.tags for article in lone if article.story_id != tree_of(app).root.children[0].data.row.story_id
        ] == [["capex"]]

        # Taking a tag off the story.
        await pilot.press("k", "t")
        await settle(pilot)
        prompt_input = app.screen.query_one(Input)
        assert prompt_input.value == "capex, ia"
        prompt_input.value = "ia"
        await pilot.press("enter")
        await settle(pilot)
        assert sum(article.tags == ["ia"] for article in articles_by_title(seeded).values()) == 4
        counts = app.screen.counts
        assert dict(counts.tags) == {"capex": 1, "ia": 4}


async def test_s_and_m_star_and_mark_read(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")  # the whole story read
        await pilot.press("j", "s")  # the lone article starred
        await settle(pilot)
        assert "★" in rendered(tree_of(app))
        state = articles_by_title(seeded).values()
        assert sum(article.read for article in state) == 4
        assert [article.starred for article in state].count(True) == 1
        await pilot.press("n")  # the next unread story: none, the lone one is read
        assert tree_of(app).cursor_line == 1
        await pilot.press("N")
        assert tree_of(app).cursor_line == 1  # the story above is read too
        await pilot.press("k", "m")  # unread again
        await settle(pilot)
        await pilot.press("j", "N")
        assert tree_of(app).cursor_line == 0
        assert sum(article.read for article in articles_by_title(seeded).values()) == 0
        assert app.screen.counts.unread == 5 and app.screen.counts.starred == 1
        # An unfolded story shows the change on each of its articles.
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("s")
        children = tree_of(app).root.children[0].children
        assert len(children) == 4 and all(child.data.article.starred for child in children)
        await settle(pilot)
        assert app.screen.counts.starred == 5


async def test_a_count_that_finishes_late_never_hides_a_newer_one(
    small_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        counted: list[Sidebar.Counted] = []
        screen.message_signal.subscribe(
            screen,
            lambda message: counted.append(message) if isinstance(message, Sidebar.Counted) else None,
            immediate=True,
        )
        # The count after the star is read, then held back until the count after the unstar is shown.
        first_read, release = threading.Event(), threading.Event()
        real_counts = library_counts

        def held_back_once(library: Library) -> LibraryCounts:
            counts = real_counts(library)
            if not first_read.is_set():
                first_read.set()
                release.wait()
            return counts

        monkeypatch.setattr("reader.tui.widgets.sidebar.library_counts", held_back_once)
        try:
            await pilot.press("s")
            await until(pilot, first_read.is_set, what="the count after the star was read")
            await pilot.press("s")
            await until(pilot, lambda: len(counted) == 1, what="the count after the unstar was shown")
            assert screen.counts.starred == 0
        finally:
            release.set()
        await settle(pilot)  # the late count is in, and dropped
        assert len(counted) == 1 and screen.counts.starred == 0
        assert rendered(screen.query_one(Sidebar)).splitlines()[2].split()[:2] == ["Starred", "0"]
    assert not articles_by_title(small_library)["Newest story"].starred


async def test_o_opens_web_links_with_browser_and_refuses_others(
    small_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {opened}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER again
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "o")
        await settle(pilot)
        await until(pilot, opened.exists, what="the browser was run")
        assert opened.read_text() == "https://www.lemonde.fr/x"
        opened.unlink()
        await pilot.press("j", "o")
        await settle(pilot)
        assert not opened.exists()
        assert any("only http and https" in note for note in notifications(app))


async def test_y_copies_the_link(small_library: Path) -> None:
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "y")
        assert app.clipboard == "https://www.lemonde.fr/x"
        await pilot.press("k", "y")
        assert any("no web address" in note for note in notifications(app))


async def test_o_hands_web_links_to_the_apps_open_url_which_a_served_app_sends_to_the_browser(
    small_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReaderApp(small_library, allow_import=False)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "o")
        assert opened == ["https://www.lemonde.fr/x"]
        await pilot.press("j", "o")  # a javascript: link
        await settle(pilot)
        assert opened == ["https://www.lemonde.fr/x"]


async def test_with_import_off_a_opens_no_prompt_and_neither_footer_nor_palette_offers_it(
    small_library: Path,
) -> None:
    for allow_import in (True, False):
        app = ReaderApp(small_library, allow_import=allow_import)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert ("Add" in rendered(app.screen.query_one(Footer))) is allow_import
            offered = [command.title for command in app.get_system_commands(app.screen)]
            assert ("Add" in offered) is allow_import
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, Prompt) is allow_import


async def test_an_empty_library_with_import_off_says_where_articles_are_added(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    monkeypatch.setattr("reader.tui.screens.main.seeds_dir", lambda: empty)
    app = ReaderApp(db_path, allow_import=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hint = rendered(app.screen.query_one("#empty"))
        assert "reader add" in hint and "Press a" not in hint


async def test_a_imports_from_a_prompt_and_reports_each_failure(small_library: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text("A new arrival\n\nThe body of the new arrival, long enough to be text.\n")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        notes = notifications(app)
        assert any("1 added" in note and "1 failed" in note for note in notes)
        assert any("bad.txt" in note for note in notes)
        assert "A new arrival" in rendered(tree_of(app))
        assert not app.screen.query_one("#import-progress").has_class("-running")
        bar = app.screen.query_one(ProgressBar)
        assert (bar.progress, bar.total) == (2, 2)  # it went through both inputs

        await import_from_prompt(pilot, str(tmp_path / "nowhere"))
        assert any("nowhere" in note and "no such file or folder" in note for note in notifications(app))


async def test_escapes_in_a_file_name_never_reach_the_screen(small_library: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "bad\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J.txt").write_bytes(b"\x00\x01binary" * 50)
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await import_from_prompt(pilot, str(folder))
        notes = notifications(app)
        assert any(f"{folder}/bad.txt: binary file" in note for note in notes), notes
        assert not any("\x1b" in note or "\x07" in note for note in notes)


async def test_a_subscribes_to_the_feeds_of_an_opml_file(small_library: Path) -> None:
    opml = FIXTURE_FEEDS / "newsboat-testdata" / "example.opml"
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await import_from_prompt(pilot, str(opml))
        assert any("feeds subscribed, 0 already" in note for note in notifications(app))
    with Library(small_library) as library:
        assert list_feeds(library)


async def test_help_lists_every_binding(small_library: Path) -> None:
    from reader.tui import keys

    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = rendered(app.screen)
        for _, bindings in keys.SECTIONS:
            for binding in bindings:
                assert binding.tooltip in shown, binding.id
        assert "j / ↓" in shown and "terminal news desk" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_every_binding_has_an_id_and_a_description() -> None:
    from reader.tui import keys

    for _, bindings in keys.SECTIONS:
        for binding in bindings:
            assert binding.id and binding.tooltip and binding.description, binding
    ids = [binding.id for _, bindings in keys.SECTIONS for binding in bindings]
    assert len(ids) == len(set(ids))


async def test_the_palette_offers_every_action_of_the_screen(small_library: Path) -> None:
    from reader.tui import keys

    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for binding in keys.MAIN + keys.STORIES + keys.APP:
            if binding.id not in ("app.commands", "main.leave_search"):
                assert binding.description in titles, binding.id
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Star")
        await until(pilot, lambda: highlighted_command(app).startswith("Star"), what="the palette offers Star")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert articles_by_title(small_library)["Newest story"].starred


async def test_config_sets_the_theme_and_the_keys(small_library: Path, isolated_home: Path) -> None:
    config = isolated_home / "config" / "reader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('theme = "textual-light"\n[keys]\n"main.toggle_star" = "x"\n')
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"
        await pilot.press("x")
        await pilot.press("s")  # no longer bound
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "x                 Star or unstar" in rendered(app.screen)
    assert articles_by_title(small_library)["Newest story"].starred


async def test_a_bad_config_is_reported_and_the_defaults_used(small_library: Path, isolated_home: Path) -> None:
    config = isolated_home / "config" / "reader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("theme = [broken\n")
    app = ReaderApp(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("config.toml" in note and "defaults" in note for note in notifications(app))
        assert app.theme == "textual-dark"
        await pilot.press("s")
        await settle(pilot)
    assert articles_by_title(small_library)["Newest story"].starred


async def test_markup_and_escapes_in_articles_are_shown_literally(db_path: Path) -> None:
    hostile = (
        "Before [bold red]boom[/] and [@click=app.quit]x[/] after.\x1b[2J\x1b[31m Still here.\n\n"
        "A [link](javascript:alert(1)) and `[b]code[/b]`."
    )
    with Library(db_path) as library:
        add_article(library, "Title [bold]not bold[/] \x1b[31mred", hostile, published="2025-03-01")
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Title [bold]not bold[/] red" in rendered(tree_of(app))
        preview = rendered(app.screen.query_one(Preview))
        assert "[bold]not bold[/]" in preview and "[@click=app.quit]x[/]" in preview
        assert "\x1b" not in preview
        await pilot.press("slash", *"boom")
        await settle(pilot)
        assert "[bold red]boom[/]" in rendered(tree_of(app))
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        shown = rendered(app.screen)
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
        await settle(pilot)
        assert app.return_code is None
        assert isinstance(app.screen, ArticleScreen)


async def test_the_list_loads_more_stories_as_the_user_scrolls(db_path: Path) -> None:
    # Headlines with no word in common, so that none joins another's story when the library is opened.
    headlines = [
        "".join(chr(ord("a") + int(digit, 16)) for digit in sha1(b"%d" % number).hexdigest()[:12])
        for number in range(250)
    ]
    with Library(db_path) as library, library.transaction():
        for number, headline in enumerate(headlines):
            day = f"2024-{1 + number // 28:02d}-{1 + number % 28:02d}"
            add_article(library, headline, f"{headline}.", published=day)
    page = StoryTree.PAGE_SIZE
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        assert tree.story_count == page and not tree.exhausted
        await pilot.press("end")
        await settle(pilot)
        assert tree.story_count == 2 * page
        tree.scroll_end(animate=False)
        await settle(pilot)
        assert tree.story_count == 250 and tree.exhausted
        titles = [node.data.row.title for node in tree.root.children]
        assert titles == headlines[::-1]


async def test_an_empty_library_without_samples_says_how_to_add_articles(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    monkeypatch.setattr("reader.tui.screens.main.seeds_dir", lambda: empty)
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-empty")
        assert "Press a to add" in rendered(screen.query_one("#empty"))
        await pilot.press("enter", "j", "m", "s", "o", "y", "t", "n")  # nothing to act on: nothing breaks
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_library_that_cannot_be_opened_is_reported(tmp_path: Path) -> None:
    not_a_db = tmp_path / "library.db"
    not_a_db.write_bytes(b"this is not a SQLite file" * 100)
    app = ReaderApp(not_a_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("Cannot open the library" in note for note in notifications(app))
        assert not tree_of(app).loading
        assert app.screen.has_class("-empty")
    assert not_a_db.read_bytes() == b"this is not a SQLite file" * 100


async def test_keys_typed_in_one_burst_with_the_slash_go_into_the_search_box(seeded: Path) -> None:
    app = ReaderApp(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # A paste or a fast typist: every key waits in the queue before "/" has opened the box.
        for key, character in [("slash", "/"), *((char, char) for char in "tag:ia"), ("slash", "/"), ("x", "x")]:
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert app.screen.query_one(SearchBar).value == "tag:ia/x"  # in the box, "/" is text
        assert not any(article.starred or article.tags for article in articles_by_title(seeded).values())
