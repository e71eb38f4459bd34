"""One story: the same news as several sources told it, and how their figures compare."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from reader.paths import assets_dir
from reader.stories import Story, get_story, story_figures
from reader.stories.facts import Fact
from reader.text.plural import counted
from reader.tui import keys
from reader.tui.changes import Change, remove_article_then, tag_change
from reader.tui.screens.article import ArticleClosed, ArticleScreen
from reader.tui.screens.prompts import split_tags, tag_prompt
from reader.tui.text import is_web_link, one_line, short_date
from reader.tui.widgets import FigureComparison, StoryArticles
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.work import WorkFailed, using
from reader.tui.writes import write_queue


def story_span(story: Story) -> str:
    """``4 articles · 2025-01 → 2025-01-28``: how many, and from when to when."""
    count = counted(story.size, "article")
    first, last = short_date(story.first_seen), short_date(story.last_seen)
    if not first:
        return count
    return f"{count} · {first}" if first == last else f"{count} · {first} → {last}"


class StoryScreen(Screen[None]):
    """Shows story ``story_id``: its title, span of dates, articles by source, and figure comparison."""

    CSS_PATH: ClassVar = [assets_dir() / "story.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*keys.STORY]

    @dataclass
    class StoryLoaded(Message):
        """The story and its figure comparison were read (story None: it is gone)."""

        story: Story | None
        facts: list[Fact]

    @dataclass
    class LoadFailed(Message):
        """The library could not be read or written."""

        error: str

    def __init__(self, db_path: Path, story_id: int) -> None:
        super().__init__()
        self.db_path = db_path
        self.story_id = story_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="story"), Vertical(id="story-column"):
            yield Static(id="story-title")
            yield Static(id="story-span")
            yield Static("Sources", classes="story-heading")
            yield StoryArticles(id="story-articles")
            yield Static("Figures compared", classes="story-heading")
            yield FigureComparison(id="story-figures")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.query_one("#story").loading = True
        self.query_one(StoryArticles).focus()
        self.load_story()

    # Workers --------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="story")
    def load_story(self) -> None:
        try:
            with using(self.db_path, "read the story") as library:
                story = get_story(library, self.story_id)
                facts = story_figures(library, story) if story else []
        except WorkFailed as error:
            self.post_message(self.LoadFailed(str(error)))
            return
        self.post_message(self.StoryLoaded(story, facts))

    # Handlers -------------------------------------------------------------------

    @on(StoryLoaded)
    def show_story(self, message: StoryLoaded) -> None:
        self.query_one("#story").loading = False
        if message.story is None:
            self.query_one("#story-title", Static).update(Content("This story is no longer in the library."))
            return
        story = message.story
        self.sub_title = story_span(story)
        self.query_one("#story-title", Static).update(Content(one_line(story.title) or "(untitled)"))
        self.query_one("#story-span", Static).update(Content(story_span(story)))
        labels = self.query_one(StoryArticles).show_articles(story.articles)
        self.query_one(FigureComparison).show_facts(message.facts, labels)

    @on(LoadFailed)
    def show_error(self, message: LoadFailed) -> None:
        self.query_one("#story").loading = False
        self.notify(message.error, title="Library error", severity="error", timeout=10, markup=False)

    @on(DataTable.RowSelected, "#story-articles")
    def open_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        self.open_article()

    # Actions --------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_page_down(self) -> None:
        self.query_one("#story", VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one("#story", VerticalScroll).scroll_page_up()

    def open_article(self) -> None:
        """Read the highlighted article, marking it read."""
        table = self.query_one(StoryArticles)
        article = table.article_at_cursor()
        if article is None:
            return
        if not article.read:
            article = replace(article, read=True)
            table.refresh_article(article)
            write_queue(self).submit(Change([article.id], read=True).store)
        self.app.push_screen(ArticleScreen(self.db_path, article), callback=self._on_article_closed)

    def _on_article_closed(self, closed: ArticleClosed | None) -> None:
        if closed is None:
            return
        if closed.go == "remove":
            remove_article_then(self, closed.article.id, self.load_story)
            return
        table = self.query_one(StoryArticles)
        table.refresh_article(closed.article)
        if closed.go == "back":
            return
        rows = range(table.cursor_row + 1, table.row_count)
        if closed.go == "next_unread":
            unread = [row for row in rows if not table.article_at_row(row).read]
            row = unread[0] if unread else table.row_count
        else:
            row = table.cursor_row + (1 if closed.go == "next" else -1)
        if 0 <= row < table.row_count:
            table.move_cursor(row=row)
            self.open_article()
        else:
            self.notify("No more articles in this story that way.", severity="warning", timeout=2)

    def action_toggle_star(self) -> None:
        table = self.query_one(StoryArticles)
        article = table.article_at_cursor()
        if article is not None:
            article = replace(article, starred=not article.starred)
            table.refresh_article(article)
            write_queue(self).submit(Change([article.id], starred=article.starred).store)

    def action_toggle_read(self) -> None:
        table = self.query_one(StoryArticles)
        article = table.article_at_cursor()
        if article is not None:
            article = replace(article, read=not article.read)
            table.refresh_article(article)
            write_queue(self).submit(Change([article.id], read=article.read).store)

    def action_tag(self) -> None:
        table = self.query_one(StoryArticles)
        article = table.article_at_cursor()
        if article is None:
            return

        def tagged(value: str | None) -> None:
            if value is None:
                return
            tags = split_tags(value)
            table.refresh_article(replace(article, tags=sorted(tags, key=str.casefold)))
            write_queue(self).submit(replace(tag_change(article.tags, tags), article_ids=[article.id]).store)

        self.app.push_screen(tag_prompt("the article", article.tags, article.tags), callback=tagged)

    def action_open_link(self) -> None:
        article = self.query_one(StoryArticles).article_at_cursor()
        if article is not None and is_web_link(article.url):
            self.app.open_url((article.url or "").strip())
        elif article is not None:
            self.notify("This article has no web address.", severity="warning", timeout=3)
