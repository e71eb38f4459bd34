"""The main screen: the library's articles, newest first, with the highlighted one described below."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from reader.models import Article
from reader.paths import seeds_dir
from reader.store import Library
from reader.tui import keys
from reader.tui.screens.article import ArticleClosed, ArticleScreen
from reader.tui.text import is_web_link
from reader.tui.widgets import ArticleDetails, ArticleTable

EMPTY_HINT = "Your library is empty.\nAdd articles with  reader add PATH…  then press r."


class LibraryScreen(Screen[None]):
    """Lists the library, a page of rows at a time, and opens articles.

    Every library call runs in a thread worker that opens its own
    :class:`Library` and posts one of the messages below; the handlers update
    the widgets.
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.LIBRARY

    PAGE_SIZE: ClassVar[int] = 300
    """Rows read from the library at a time."""

    @dataclass
    class Seeded(Message):
        """The sample articles were imported into an empty library."""

        added: int
        failures: list[str]

    @dataclass
    class PageLoaded(Message):
        """A page of the list was read (``total`` is the library's size)."""

        generation: int
        offset: int
        articles: list[Article]
        total: int

    @dataclass
    class LoadFailed(Message):
        """The library could not be read."""

        error: str

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.total = 0
        # Bumped on every reload, so a page read for an older list is dropped.
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield ArticleTable(id="articles")
        yield Static(EMPTY_HINT, id="empty", markup=False)
        yield ArticleDetails(id="details")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleTable).loading = True
        self.prepare_library(seed=True)

    # Workers (never touch widgets) ------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def prepare_library(self, *, seed: bool = False) -> None:
        """Open the library (importing the samples if ``seed`` and it is empty), read the first page."""
        generation = self._generation
        try:
            with Library(self.db_path) as library:
                if seed and library.count_articles() == 0:
                    self._import_seeds(library)
                total = library.count_articles()
                articles = library.list_articles(limit=self.PAGE_SIZE, offset=0)
        except Exception as error:  # a corrupt file, a read-only folder...
            self.post_message(self.LoadFailed(f"Cannot open the library {self.db_path}: {error}"))
            return
        self.post_message(self.PageLoaded(generation, 0, articles, total))

    def _import_seeds(self, library: Library) -> None:
        try:
            from reader.ingest.pipeline import Status, import_paths

            report = import_paths(library, [seeds_dir()])
        except Exception as error:
            self.post_message(self.Seeded(0, [f"{seeds_dir()}: {error}"]))
            return
        failures = [result.describe() for result in report.failures]
        self.post_message(self.Seeded(report.count(Status.ADDED), failures))

    @work(thread=True, exclusive=True, exit_on_error=False, group="pages")
    def load_page(self, offset: int, generation: int) -> None:
        """Read the page of the list that starts at ``offset``."""
        try:
            with Library(self.db_path) as library:
                articles = library.list_articles(limit=self.PAGE_SIZE, offset=offset)
                total = library.count_articles()
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot read the library: {error}"))
            return
        self.post_message(self.PageLoaded(generation, offset, articles, total))

    @work(thread=True, exit_on_error=False, group="flags")
    def save_flags(self, article_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        """Store an article's read/starred state."""
        try:
            with Library(self.db_path) as library:
                library.set_flags(article_id, read=read, starred=starred)
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot save the change: {error}"))

    # Handlers -----------------------------------------------------------------

    @on(Seeded)
    def _on_seeded(self, message: Seeded) -> None:
        if message.added:
            self.notify(f"Imported the {message.added} sample articles", title="Welcome")
        if message.failures:
            shown = "\n".join(message.failures[:3])
            more = f"\n… and {len(message.failures) - 3} more" if len(message.failures) > 3 else ""
            self.notify(
                shown + more,
                title=f"{len(message.failures)} sample file(s) could not be imported",
                severity="error",
                timeout=10,
                markup=False,
            )

    @on(PageLoaded)
    def _on_page_loaded(self, message: PageLoaded) -> None:
        if message.generation != self._generation:
            return
        table = self.query_one(ArticleTable)
        table.loading = False
        if self.focused is None:  # a loading widget can't take focus: give it now
            table.focus()
        self.refresh_bindings()  # the footer hid the table's keys while it was loading
        self.total = message.total
        table.append_articles(message.articles, exhausted=len(message.articles) < self.PAGE_SIZE)
        if table.row_count == 0:
            self.query_one("#empty", Static).update(EMPTY_HINT)
        self.set_class(table.row_count == 0, "-empty")
        self._show_counts()
        if message.offset == 0:
            self.query_one(ArticleDetails).article = table.article_at_cursor()

    @on(LoadFailed)
    def _on_load_failed(self, message: LoadFailed) -> None:
        table = self.query_one(ArticleTable)
        table.loading = False
        if table.row_count == 0:
            self.query_one("#empty", Static).update(f"{message.error}\n\nPress r to try again.")
            self.add_class("-empty")
        self.notify(message.error, title="Library error", severity="error", timeout=10, markup=False)

    @on(ArticleTable.NeedMore)
    def _on_need_more(self, message: ArticleTable.NeedMore) -> None:
        self.load_page(message.loaded, self._generation)

    @on(DataTable.RowHighlighted)
    def _on_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        self.query_one(ArticleDetails).article = self.query_one(ArticleTable).article_for(message.row_key)

    @on(DataTable.RowSelected)
    def _on_row_selected(self, message: DataTable.RowSelected) -> None:
        article = self.query_one(ArticleTable).article_for(message.row_key)
        if article is not None:
            self.open_article(article)

    # Actions ------------------------------------------------------------------

    def open_article(self, article: Article) -> None:
        """Read an article in its own screen, marking it read."""
        if not article.read:
            article = replace(article, read=True)
            self._show_flags(article)
            self.save_flags(article.id, read=True)
        self.app.push_screen(ArticleScreen(self.db_path, article), callback=self._on_article_closed)

    def _on_article_closed(self, closed: ArticleClosed | None) -> None:
        if closed is None:
            return
        table = self.query_one(ArticleTable)
        self._show_flags(closed.article)
        table.move_to(closed.article.id)
        if closed.go == "back":
            return
        row = table.cursor_row + (1 if closed.go == "next" else -1)
        if 0 <= row < table.row_count:
            table.move_cursor(row=row)
            article = table.article_at_cursor()
            if article is not None:
                self.open_article(article)
        else:
            self.notify("No more articles that way.", severity="warning", timeout=2)

    def action_toggle_read(self) -> None:
        article = self.query_one(ArticleTable).article_at_cursor()
        if article is not None:
            article = replace(article, read=not article.read)
            self._show_flags(article)
            self.save_flags(article.id, read=article.read)

    def action_toggle_star(self) -> None:
        article = self.query_one(ArticleTable).article_at_cursor()
        if article is not None:
            article = replace(article, starred=not article.starred)
            self._show_flags(article)
            self.save_flags(article.id, starred=article.starred)

    def action_open_link(self) -> None:
        article = self.query_one(ArticleTable).article_at_cursor()
        if article is None:
            return
        if is_web_link(article.url):
            self.app.open_url(article.url or "")
        else:
            self.notify("This article has no web address.", severity="warning", timeout=3)

    def action_feeds(self) -> None:
        """Show the feeds and their state; the list is read again on the way back."""
        from reader.tui.screens.feeds import FeedsScreen

        self.app.push_screen(FeedsScreen(self.db_path), callback=lambda _: self.action_reload())

    def action_reload(self) -> None:
        """Read the list again from the library (after a ``reader add`` elsewhere)."""
        self._generation += 1
        table = self.query_one(ArticleTable)
        table.reset()
        table.loading = True
        self.prepare_library()

    # Helpers ------------------------------------------------------------------

    def _show_flags(self, article: Article) -> None:
        self.query_one(ArticleTable).refresh_article(article)
        details = self.query_one(ArticleDetails)
        if details.article is not None and details.article.id == article.id:
            details.article = article

    def _show_counts(self) -> None:
        table = self.query_one(ArticleTable)
        noun = "article" if self.total == 1 else "articles"
        loaded = "" if table.exhausted else f" ({table.row_count:,} loaded)"
        self.sub_title = f"{self.total:,} {noun}{loaded} · {self.db_path.name}"
